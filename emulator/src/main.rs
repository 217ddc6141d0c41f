//! `qcloud-as-emulator`: serves the Auto Scaling API 2.0 emulator over HTTP.

use clap::Parser;
use qcloud_as_emulator::{Emulator, State};
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// A local, stateful emulator of the Tencent Cloud Auto Scaling API 2.0.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// The address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:4280")]
    listen: SocketAddr,
    /// A state file (YAML or JSON); without it, the built-in demo state is used.
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let state = match &args.state {
        Some(path) => match State::from_file(path) {
            Ok(state) => state,
            Err(e) => {
                eprintln!("qcloud-as-emulator: bad state file: {e}");
                return ExitCode::from(2);
            }
        },
        None => State::demo(),
    };
    let emulator = match Emulator::start_at(args.listen, state) {
        Ok(emulator) => emulator,
        Err(qcloud_as_emulator::Error::State(e)) => {
            eprintln!("qcloud-as-emulator: bad state: {e}");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("qcloud-as-emulator: {e}");
            return ExitCode::FAILURE;
        }
    };
    {
        let mut stdout = std::io::stdout().lock();
        if writeln!(stdout, "listening on {}", emulator.endpoint())
            .and_then(|()| stdout.flush())
            .is_err()
        {
            // Nobody reads stdout: serve anyway.
        }
    }
    if args.state.is_none() {
        eprintln!(
            "qcloud-as-emulator: demo state; sign with SecretId {} and SecretKey {}",
            qcloud_as_emulator::DEMO_SECRET_ID,
            qcloud_as_emulator::DEMO_SECRET_KEY
        );
    }
    wait_for_signal().await;
    emulator.shutdown().await;
    ExitCode::SUCCESS
}

/// Waits for SIGINT or (on Unix) SIGTERM. A signal that cannot be watched is never awaited.
async fn wait_for_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                term.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
