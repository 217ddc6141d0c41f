//! A local, stateful emulator of the Tencent Cloud Auto Scaling (AS) API 2.0, for testing
//! code that uses the `qcloud-as` client (or any other API 2.0 client) without an account or
//! a network.
//!
//! It speaks the real wire protocol on `/v2/index.php` (GET query or POST form body), checks
//! signatures (HmacSHA1 and HmacSHA256), timestamps and nonces as the real service does, and
//! keeps an account [`State`] that the actions change: DetachInstance really takes instances
//! out of their group and releases or keeps them. Faults (latency, HTTP 502, broken JSON, a
//! dropped connection, throttling) can be injected per action.
//!
//! Embedded in a test, on the current tokio runtime:
//!
//! ```
//! use qcloud_as::operation::detach_instance::{DetachInstanceError, KeepInstance};
//! use qcloud_as_emulator::{Emulator, State};
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let emulator = Emulator::start(State::demo())?;
//!     let client = qcloud_as::Client::new(emulator.client_config().build()?)?;
//!
//!     client
//!         .detach_instance("asg-demo0001", ["ins-demo0001"])
//!         .keep_instance(KeepInstance::Keep)
//!         .send()
//!         .await?;
//!     let state = emulator.state();
//!     assert_eq!(state.scaling_groups[0].instances.len(), 3);
//!     assert!(state.instance("ins-demo0001").is_some()); // kept, now outside the group
//!
//!     let err = client
//!         .detach_instance("asg-demo0001", ["ins-nope"])
//!         .send()
//!         .await
//!         .unwrap_err();
//!     assert!(matches!(
//!         err,
//!         qcloud_as::Error::Service(DetachInstanceError::InvalidParameterInstanceIdError(_))
//!     ));
//!
//!     emulator.shutdown().await;
//!     Ok(())
//! }
//! ```
//!
//! The binary `qcloud-as-emulator` serves the same over a port; see the crate's README for the
//! state file format, the endpoints and the answer to each failure.

#![warn(missing_docs)]

mod actions;
mod auth;
pub mod faults;
mod server;
pub mod state;
mod util;
mod world;

pub use auth::MAX_CLOCK_SKEW_SECS;
pub use faults::{Fault, FaultKind, Faults};
pub use server::{API_PATH, MAX_BODY_BYTES};
pub use state::{State, StateError, DEMO_SECRET_ID, DEMO_SECRET_KEY};

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use world::Shared;

/// How long [`Emulator::shutdown`] lets requests in flight finish.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Why the emulator could not start or a setting was refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The listening socket could not be opened.
    #[error("cannot listen on {addr}: {error}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The cause.
        #[source]
        error: std::io::Error,
    },
    /// [`Emulator::start`] was called outside a tokio runtime.
    #[error("the emulator must be started from within a tokio runtime")]
    NoRuntime,
    /// The state is inconsistent.
    #[error(transparent)]
    State(#[from] StateError),
    /// A fault was set for an action the service does not have.
    #[error("unknown action {0:?}: use \"*\" or an action of the service")]
    UnknownAction(String),
}

/// A running emulator, serving on `127.0.0.1` (or the address given to
/// [`Emulator::start_at`]). Dropping it stops the server; [`Emulator::shutdown`] also waits
/// for requests in flight.
#[derive(Debug)]
pub struct Emulator {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Emulator {
    /// Starts serving `state` on `127.0.0.1` at a free port, on the current tokio runtime.
    pub fn start(state: State) -> Result<Emulator, Error> {
        Emulator::start_at(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), state)
    }

    /// Starts serving `state` on `addr` (port 0 picks a free port), on the current tokio
    /// runtime. The state is checked first, as [`State::validate`] does.
    pub fn start_at(addr: SocketAddr, state: State) -> Result<Emulator, Error> {
        state.validate()?;
        let runtime = tokio::runtime::Handle::try_current().map_err(|_| Error::NoRuntime)?;
        let bind = |error| Error::Bind { addr, error };
        let std_listener = std::net::TcpListener::bind(addr).map_err(bind)?;
        std_listener.set_nonblocking(true).map_err(bind)?;
        let local = std_listener.local_addr().map_err(bind)?;
        let listener = {
            let _guard = runtime.enter();
            tokio::net::TcpListener::from_std(std_listener).map_err(bind)?
        };
        let shared = Arc::new(Shared::new(state));
        let (stop, stopped) = oneshot::channel();
        let task = runtime.spawn(server::serve(
            listener,
            shared.clone(),
            stopped,
            SHUTDOWN_GRACE,
        ));
        Ok(Emulator {
            addr: local,
            shared,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The endpoint for a client: `http://127.0.0.1:PORT` (the client adds `/v2/index.php`).
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The full API URL: `http://127.0.0.1:PORT/v2/index.php`.
    pub fn api_url(&self) -> String {
        format!("http://{}{API_PATH}", self.addr)
    }

    /// The first credential of the current state, as SDK credentials.
    pub fn credentials(&self) -> qcloud_as::Credentials {
        match self.shared.lock().state.credentials.first() {
            Some(credential) => credential.to_sdk(),
            // A state without credentials is refused on start and on change.
            None => qcloud_as::Credentials::new("", ""),
        }
    }

    /// A client configuration for this emulator: region `gz`, its endpoint and its first
    /// credential. Change anything else (signature method, HTTP method, time-outs) on it.
    pub fn client_config(&self) -> qcloud_as::ConfigBuilder {
        qcloud_as::Config::builder()
            .region("gz")
            .endpoint(self.endpoint())
            .credentials(self.credentials())
    }

    /// A client built from [`Emulator::client_config`].
    pub fn client(&self) -> Result<qcloud_as::Client, qcloud_as::ConfigError> {
        qcloud_as::Client::new(self.client_config().build()?)
    }

    /// A snapshot of the current state.
    pub fn state(&self) -> State {
        self.shared.lock().state.clone()
    }

    /// Replaces the state, after checking it. Seen nonces are kept.
    pub fn set_state(&self, state: State) -> Result<(), Error> {
        state.validate()?;
        self.shared.lock().state = state;
        Ok(())
    }

    /// Sets the fault of `action` (an action name, or `*` for all actions).
    pub fn set_fault(&self, action: &str, fault: Fault) -> Result<(), Error> {
        if !faults::is_fault_key(action) {
            return Err(Error::UnknownAction(action.to_owned()));
        }
        self.shared.lock().state.faults.set(action, fault);
        Ok(())
    }

    /// Removes every fault.
    pub fn clear_faults(&self) {
        self.shared.lock().state.faults = Faults::default();
    }

    /// Stops accepting connections, lets requests in flight finish (at most
    /// [`SHUTDOWN_GRACE`]) and returns when the server has stopped.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
