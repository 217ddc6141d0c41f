//! A local, stateful emulator of the Tencent Cloud Auto Scaling (AS) API 2.0 (and of API 3.0
//! on the same state, [below](#api-30)), for testing code that uses the `qcloud-as` client (or
//! any other client) without an account or a network.
//!
//! It speaks the real wire protocol on `/v2/index.php` (GET query or POST form body), checks
//! signatures (HmacSHA1 and HmacSHA256), timestamps and nonces as the real service does, and
//! keeps an account [`State`] that the actions change: DetachInstance really takes instances
//! out of their group and releases or keeps them. Faults (latency, HTTP 502, broken JSON, a
//! dropped connection, throttling, an answer dripped byte by byte, a 64 MiB body) can be
//! injected per action. What one client can hold of a running emulator (connections, the time
//! and bytes of a request, the nonces remembered) is bounded by [`Limits`].
//!
//! It is also a simulator, on a virtual clock tests control ([`ClockMode`],
//! [`Emulator::advance`]): scaling activities take time and run through their states, groups
//! are brought to their desired capacity by launching or removing instances, cooldowns hold
//! alarm policies back, scheduled tasks run, alarm policies fire on the metric values a test
//! reports ([`Emulator::report_metric`]), lifecycle hooks hold instances, and activities can be
//! made to fail ([`Emulator::fail_next_activity`]). An embedded emulator's clock is frozen:
//! nothing happens until the test moves it, so a scenario of hours runs in milliseconds.
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
//! Time, on the same emulator: raise a group's desired capacity, and watch the scale-out run.
//!
//! ```
//! use qcloud_as::operation::modify_scaling_group::ModifyScalingGroupRequired;
//! use qcloud_as::types::RemovePolicy;
//! use qcloud_as_emulator::domain::LifeCycle;
//! use qcloud_as_emulator::{Emulator, State};
//! use std::time::Duration;
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let emulator = Emulator::start(State::demo())?;
//!     let client = emulator.client()?;
//!     client
//!         .modify_scaling_group(ModifyScalingGroupRequired {
//!             scaling_group_id: "asg-demo0001".into(),
//!             min_size: 1,
//!             max_size: 5,
//!             remove_policy: RemovePolicy::RemoveOldestInstance,
//!         })
//!         .desired_capacity(5)
//!         .await?;
//!     emulator.advance(Duration::from_secs(5)); // the activity runs: instances are Creating
//!     let state = emulator.state();
//!     let group = &state.scaling_groups[0];
//!     assert_eq!(group.instances.len(), 5);
//!     assert!(group.in_activity());
//!     emulator.advance(Duration::from_secs(30)); // launched: in service, activity done
//!     let state = emulator.state();
//!     let group = &state.scaling_groups[0];
//!     assert!(group.instances.iter().all(|m| m.life_cycle == LifeCycle::InService));
//!     assert!(!group.in_activity());
//!     Ok(())
//! }
//! ```
//!
//! # API 3.0
//!
//! API 3.0 (`POST /`, TC3-HMAC-SHA256, the `Response` envelope) on the same account: what one
//! protocol does, the other sees.
//!
//! ```
//! use qcloud_as_emulator::{Emulator, State};
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     let emulator = Emulator::start(State::demo())?;
//!     let v3 = emulator.v3_client()?;
//!     let output = v3.detach_instances("asg-demo0001", ["ins-demo0001"]).await?;
//!     assert!(output.activity_id.starts_with("asa-"));
//!     // API 2.0 sees the same group, one instance fewer.
//!     let v2 = emulator.client()?;
//!     let instances = v2.describe_scaling_instance("asg-demo0001").await?;
//!     assert_eq!(instances.total_count, 3);
//!     Ok(())
//! }
//! ```
//!
//! The binary `qcloud-as-emulator` serves the same over a port; see the crate's README for the
//! state file format, the endpoints, the answer to each failure and every timed behaviour.

#![warn(missing_docs)]

mod actions;
mod auth;
mod body;
mod clock;
mod control;
mod credentials;
pub mod domain;
pub mod faults;
mod host;
mod io;
mod lifecycle_messages;
pub mod limits;
#[cfg(test)]
mod protocol_codes;
mod server;
mod signal;
mod sim;
mod stand_in;
pub mod state;
mod upgrade;
mod util;
mod v3;
mod world;

pub use auth::MAX_CLOCK_SKEW_SECS;
pub use body::{OVERSIZED_BODY_BYTES, SLOW_DRIP_INTERVAL};
pub use clock::{ClockMode, ClockModeError};
pub use faults::{Fault, FaultKind, Faults};
pub use limits::{
    Limits, BODY_TIMEOUT, HEADER_TIMEOUT, MAX_BODY_BYTES, MAX_CONNECTIONS, MAX_CONNECTION_AGE,
    MAX_HEADER_BYTES, MAX_NONCES, SEND_TIMEOUT,
};
pub use server::{API_PATH, V3_PATH};
pub use signal::shutdown_signal;
pub use stand_in::{StandIn, StandInCounts, DEFAULT_ROLE, DEFAULT_ROLE_LIFETIME};
pub use state::{
    ActivityFailure, PlannedFailure, State, StateError, Timing, DEMO_SECRET_ID, DEMO_SECRET_KEY,
    MAX_STATE_DEPTH, STATE_FORMAT_VERSION,
};
pub use v3::auth::MAX_CLOCK_SKEW_SECS as V3_MAX_CLOCK_SKEW_SECS;
pub use v3::service::IMPLEMENTED as V3_IMPLEMENTED_ACTIONS;
pub use v3::API_VERSION as V3_API_VERSION;

use clock::Clock;
use qcloud_as::types::MetricName;
use state::MetricReading;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use world::Shared;

/// The instant of a time as AS answers write it, `YYYY-MM-DD hh:mm:ss` in Beijing time
/// (UTC+8); `None` for any other text, or a time before 1970.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
///
/// let t = qcloud_as_emulator::parse_api_time("1970-01-01 08:01:00");
/// assert_eq!(t, Some(UNIX_EPOCH + Duration::from_secs(60)));
/// ```
pub fn parse_api_time(text: &str) -> Option<SystemTime> {
    util::parse_time(text).map(|secs| clock::time_of(secs.saturating_mul(1000)))
}

/// A time as AS answers write it: `YYYY-MM-DD hh:mm:ss` in Beijing time (UTC+8), to the
/// second.
pub fn format_api_time(time: SystemTime) -> String {
    util::format_time(clock::millis_of(time) / 1000)
}

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
    #[error("unknown action {0:?}: use \"*\" or an action of API 2.0 or API 3.0")]
    UnknownAction(String),
    /// [`Emulator::allow_host`] was given something that is not a host name or address.
    #[error("bad host: {0}")]
    Host(String),
    /// A simulation setting was refused: an unknown group, a metric value that is not a
    /// number, a clock speed of 0.
    #[error("{0}")]
    Simulation(String),
    /// A [`Limits`] value was refused (no connection allowed, a time-out of zero, …).
    #[error("bad limits: {0}")]
    Limits(String),
}

/// A running emulator, serving on `127.0.0.1` (or the address given to
/// [`Emulator::start_at`]). Dropping it stops the server; [`Emulator::shutdown`] also waits
/// for requests in flight.
#[derive(Debug)]
pub struct Emulator {
    addr: SocketAddr,
    limits: Limits,
    shared: Arc<Shared>,
    server: Arc<server::Server>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Emulator {
    /// Starts serving `state` on `127.0.0.1` at a free port, on the current tokio runtime, with
    /// the clock frozen at the real time (see [`Emulator::start_at`]).
    pub fn start(state: State) -> Result<Emulator, Error> {
        Emulator::start_at(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), state)
    }

    /// Starts serving `state` on `addr` (port 0 picks a free port), on the current tokio
    /// runtime. The state is checked first, as [`State::validate`] does. The clock is
    /// [frozen](ClockMode::Frozen) at the real time: change it with [`Emulator::set_clock_mode`]
    /// and [`Emulator::set_time`], move it with [`Emulator::advance`].
    pub fn start_at(addr: SocketAddr, state: State) -> Result<Emulator, Error> {
        Emulator::start_with(addr, state, Limits::default())
    }

    /// [`Emulator::start_at`] with other [`Limits`] on what a client can hold (short
    /// time-outs for a test, say); [`Error::Limits`] if they do not pass [`Limits::check`].
    ///
    /// ```
    /// use qcloud_as_emulator::{Emulator, Limits, State};
    /// use std::time::Duration;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), qcloud_as_emulator::Error> {
    /// let mut limits = Limits::default();
    /// limits.header_timeout = Duration::from_secs(1);
    /// limits.body_timeout = Duration::from_secs(1);
    /// let emulator = Emulator::start_with("127.0.0.1:0".parse().unwrap(), State::demo(), limits)?;
    /// assert_eq!(emulator.limits().body_timeout, Duration::from_secs(1));
    /// # Ok(())
    /// # }
    /// ```
    pub fn start_with(addr: SocketAddr, state: State, limits: Limits) -> Result<Emulator, Error> {
        limits.check().map_err(Error::Limits)?;
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
        let shared = Arc::new(Shared::new(
            state,
            Clock::frozen_at_real_time(),
            limits.max_nonces,
        ));
        let (stop, stopped) = oneshot::channel();
        let server = Arc::new(server::Server::new(shared.clone(), limits, local));
        let task = runtime.spawn(server::serve(
            listener,
            server.clone(),
            stopped,
            SHUTDOWN_GRACE,
        ));
        Ok(Emulator {
            addr: local,
            limits,
            shared,
            server,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Accepts requests addressed (`Host`) to `name` too: a host name or an IP address,
    /// without scheme or port (`emulator.test`, `192.168.1.10`). Without it, only requests
    /// addressed to loopback (`127.0.0.0/8`, `::1`, `localhost`) or to the address the
    /// emulator listens on are answered; others get 403, so that a web page whose name is
    /// made to resolve to this machine (DNS rebinding) cannot read the state. The binary's
    /// `--allow-host NAME` calls it.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), qcloud_as_emulator::Error> {
    /// let emulator = qcloud_as_emulator::Emulator::start(qcloud_as_emulator::State::demo())?;
    /// emulator.allow_host("emulator.test")?;
    /// assert!(emulator.allow_host("http://emulator.test/").is_err());
    /// # Ok(())
    /// # }
    /// ```
    pub fn allow_host(&self, name: &str) -> Result<(), Error> {
        let name = host::check_name(name).map_err(Error::Host)?;
        self.server.hosts.allow(name);
        Ok(())
    }

    /// The limits on what a client can hold that the server runs with.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// How many API requests passed authentication since the start, faulted ones included
    /// (each attempt of a retried call counts): what reached the actions or their faults.
    pub fn authenticated_requests(&self) -> u64 {
        self.shared.lock().authenticated_requests
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

    /// A client configuration for this emulator: region `gz`, its endpoint, its first
    /// credential, and its clock as the time requests are signed with
    /// ([`Emulator::time_source`], so that `Timestamp` is fresh whatever time the emulator
    /// simulates). Change anything else (signature method, HTTP method, time-outs) on it.
    pub fn client_config(&self) -> qcloud_as::ConfigBuilder {
        qcloud_as::Config::builder()
            .region("gz")
            .endpoint(self.endpoint())
            .credentials(self.credentials())
            .time_source(self.time_source())
    }

    /// The emulator's clock as a client's [`TimeSource`](qcloud_as::TimeSource): a client
    /// that signs with it passes the emulator's `Timestamp` check (within 2 hours of the
    /// virtual time) however far the clock was moved.
    pub fn time_source(&self) -> qcloud_as::TimeSource {
        let shared = Arc::downgrade(&self.shared);
        qcloud_as::TimeSource::new(move || match shared.upgrade() {
            Some(shared) => clock::time_of(shared.now_ms()),
            // The emulator is gone: any time will do.
            None => SystemTime::now(),
        })
    }

    /// The virtual time now.
    pub fn now(&self) -> SystemTime {
        clock::time_of(self.shared.lock().clock.now_ms())
    }

    /// How the clock moves.
    pub fn clock_mode(&self) -> ClockMode {
        self.shared.lock().clock.mode()
    }

    /// Changes how the clock moves from now on; its reading stays. A wall clock's speed must
    /// be a finite number above 0.
    pub fn set_clock_mode(&self, mode: ClockMode) -> Result<(), Error> {
        let mode = mode.check().map_err(|e| Error::Simulation(e.to_string()))?;
        self.shared.lock().clock.set_mode(mode);
        Ok(())
    }

    /// Sets the clock to `time`, forward or back. Moving it forward runs what falls due on the
    /// way, as [`Emulator::advance`] does; moving it back keeps the state as it is, and
    /// scheduled tasks are scheduled again from the new time.
    pub fn set_time(&self, time: SystemTime) {
        self.shared.lock().clock.set_ms(clock::millis_of(time));
    }

    /// Moves the clock forward by `by` and runs every event due on the way, in time order and
    /// each at its own time: activities change state, instances launch or leave, hooks time
    /// out, cooldowns end, scheduled tasks run, alarm policies are evaluated at each metric
    /// period's end. Returns the new virtual time.
    pub fn advance(&self, by: Duration) -> SystemTime {
        let mut world = self.shared.lock();
        world.clock.advance(by);
        world.catch_up();
        clock::time_of(world.clock.now_ms())
    }

    /// Reports the value of `metric` for the group `scaling_group_id` (a percentage for CPU
    /// and memory, bytes per second for traffic). It holds until another value is reported;
    /// alarm policies compare it with their threshold at the end of each metric period.
    pub fn report_metric(
        &self,
        scaling_group_id: &str,
        metric: MetricName,
        value: f64,
    ) -> Result<(), Error> {
        // API 2.0's metric name, read as the state's word for it.
        let dimension_name = state::metric_of_word(&metric.to_string())
            .map_err(|e| Error::Simulation(format!("dimensionName: {e}")))?;
        let reading = MetricReading {
            scaling_group_id: scaling_group_id.to_owned(),
            dimension_name,
            value,
        };
        control::report_metric(&mut self.shared.lock(), reading).map_err(Error::Simulation)
    }

    /// Makes the next scale-out activity of the group fail with `failure`: no instance is
    /// launched, the activity ends failed (`4`) with the failure's error code (20000, 30000
    /// or 30001).
    pub fn fail_next_activity(
        &self,
        scaling_group_id: &str,
        failure: ActivityFailure,
    ) -> Result<(), Error> {
        self.fail_next_activity_after(scaling_group_id, failure, 0)
    }

    /// Makes the next scale-out activity of the group launch at most `launched` instances,
    /// the others failing with `failure`: with at least one launched, the activity ends as a
    /// partial success (`3`) with the failure's error code.
    pub fn fail_next_activity_after(
        &self,
        scaling_group_id: &str,
        failure: ActivityFailure,
        launched: u32,
    ) -> Result<(), Error> {
        let planned = PlannedFailure {
            scaling_group_id: scaling_group_id.to_owned(),
            failure,
            launched,
        };
        control::plan_failure(&mut self.shared.lock(), planned).map_err(Error::Simulation)
    }

    /// Changes how long activities and instances take, the default cooldown and the metric
    /// period (the state's `simulation.timing`). Things already under way keep their times.
    pub fn set_timing(&self, timing: Timing) -> Result<(), Error> {
        if timing.metric_period_seconds == 0 {
            return Err(Error::Simulation(
                "metricPeriodSeconds must be at least 1".to_owned(),
            ));
        }
        self.shared.lock().state.simulation.timing = timing;
        Ok(())
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

    /// Sets the fault of `action`: an action name of API 2.0 (`DetachInstance`, for API 2.0
    /// requests) or of API 3.0 (`DetachInstances`, for API 3.0 requests), or `*` for every
    /// request of both. A faulted request is answered in its protocol's form.
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
