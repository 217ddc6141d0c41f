//! Stopping on SIGINT or SIGTERM.

/// Starts watching SIGINT and (on Unix) SIGTERM, and returns a future that completes when one
/// arrives: for a program that serves the emulator until it is told to stop (the binary, the
/// CLI's `emulator` command). On Unix the handlers are installed before this returns, so a
/// signal sent as soon as the `listening on` line is read is caught. A signal that cannot be
/// watched is never awaited.
#[cfg(unix)]
pub fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    use tokio::signal::unix::{signal, Signal, SignalKind};
    async fn recv(signal: Option<Signal>) {
        match signal {
            Some(mut signal) => {
                signal.recv().await;
            }
            None => std::future::pending::<()>().await,
        }
    }
    let interrupt = signal(SignalKind::interrupt()).ok();
    let terminate = signal(SignalKind::terminate()).ok();
    async move {
        tokio::select! {
            () = recv(interrupt) => {}
            () = recv(terminate) => {}
        }
    }
}

/// Watches Ctrl-C; see the Unix version.
#[cfg(not(unix))]
pub fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}
