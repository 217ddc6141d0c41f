//! Waiters: poll a `Describe…` action until its answer shows that a condition holds, that it
//! never will, or until a maximum wait has passed. One runtime serves both API versions: a
//! waiter polls through the [`Execute`] trait that the API 3.0 and the API 2.0 clients share.
//!
//! Waiters are declared in the specs (`waiters:` in an action file: a field path of the answer
//! and the values that mean success or failure; API 3.0's come from
//! `api-specs/overlays/as-v3.yaml`) and generated: each is a [`Condition`] type in its action's
//! module, and a `Client::wait_until_…` method that takes the action's request and returns a
//! [`Waiter`]. Set its delays on it, then `.await` it (or `wait().await`). The conditions test
//! the answer's typed enum values, never strings.
//!
//! API 3.0 (`qcloud_as::v3::Client`): `wait_until_activity_done`
//! (`DescribeAutoScalingActivities`: every activity `SUCCESSFUL`; failure when one ends
//! `PARTIALLY_SUCCESSFUL`, `FAILED` or `CANCELLED`), `wait_until_group_idle`
//! (`DescribeAutoScalingGroups`: every group `NOT_IN_ACTIVITY`), `wait_until_instances_in_service`
//! (`DescribeAutoScalingInstances`: every instance `IN_SERVICE`; failure when one failed to be
//! created, attached, started or stopped) and `wait_until_refresh_done`
//! (`DescribeRefreshActivities`: the refresh `SUCCESSFUL`; failure when it is `FAILED` or
//! `CANCELLED`):
//!
//! ```no_run
//! # #[cfg(feature = "v3")]
//! # async fn run(client: &qcloud_as::v3::Client) -> Result<(), Box<dyn std::error::Error>> {
//! use qcloud_as::v3::operation::describe_auto_scaling_activities::DescribeAutoScalingActivitiesRequest;
//! use qcloud_as::v3::types::ActivityStatusCode;
//! use qcloud_as::waiter::WaiterOutcome;
//! use std::time::Duration;
//!
//! let detached = client.detach_instances("asg-d4hmoms6", ["ins-5u97n5re"]).await?;
//! let request = DescribeAutoScalingActivitiesRequest::new().activity_ids([detached.activity_id]);
//! match client
//!     .wait_until_activity_done(request)
//!     .max_wait(Duration::from_secs(600))
//!     .await?
//! {
//!     WaiterOutcome::Success(answer) => println!("done: {:?}", answer.activity_set),
//!     WaiterOutcome::Failure(answer) => {
//!         for activity in &answer.activity_set {
//!             if activity.status_code != ActivityStatusCode::Successful {
//!                 println!("{}: {} ({})", activity.activity_id, activity.status_code, activity.cause);
//!             }
//!         }
//!     }
//!     WaiterOutcome::TimedOut { last } => println!("still running: {last:?}"),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! API 2.0 (`qcloud_as::v2::Client`, feature `v2`): `wait_until_activity_done`,
//! `wait_until_group_idle` and `wait_until_instances_in_service`, the same way:
//!
//! ```no_run
//! # #[cfg(feature = "v2")]
//! # async fn run(client: &qcloud_as::v2::Client) -> Result<(), Box<dyn std::error::Error>> {
//! use qcloud_as::v2::operation::describe_scaling_activity::DescribeScalingActivityRequest;
//! use qcloud_as::waiter::WaiterOutcome;
//! use std::time::Duration;
//!
//! let request =
//!     DescribeScalingActivityRequest::new("asg-d4hmoms6").scaling_activity_ids(["asa-b51zb5i4"]);
//! match client
//!     .wait_until_activity_done(request)
//!     .max_wait(Duration::from_secs(600))
//!     .await?
//! {
//!     WaiterOutcome::Success(answer) => println!("done: {:?}", answer.scaling_activity_set),
//!     WaiterOutcome::Failure(answer) => println!("failed: {:?}", answer.scaling_activity_set),
//!     WaiterOutcome::TimedOut { last } => println!("still running: {last:?}"),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! How it polls: once at once; then after waits that grow exponentially from the minimum delay
//! (doubling each time) up to the maximum delay, each drawn at random between the minimum delay
//! and that ceiling (jitter, so that many waiters do not poll in step; equal minimum and
//! maximum delays poll at a fixed interval). The wait before the last poll is cut short so that
//! the last poll happens when the maximum wait has passed; if that poll does not decide either,
//! the outcome is [`WaiterOutcome::TimedOut`] with its answer. A poll that fails (after the
//! client's own retries) ends the wait with its error. Each poll is sent with the waiter's
//! [`customize`](Waiter::customize) settings. Times are measured with tokio's clock, so a test
//! with paused tokio time runs a waiter instantly.
//!
//! Each poll sends the request as given, so a waiter sees one page of a paged action: filter
//! the request to the items that matter (an activity's id, a group's id).

use crate::call::{Call, CallOverrides, Execute};
use crate::error::{Error, ServiceErrorInfo};
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

/// What one answer says about a waiter's condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// The condition holds: the wait is over.
    Success,
    /// The condition can no longer hold (a failure state): the wait is over.
    Failure,
    /// Not yet: poll again.
    Pending,
}

/// How the values at a waiter's path must match its list of values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Match {
    /// There is at least one value, and every value is one of the list.
    All,
    /// At least one value is one of the list.
    Any,
}

/// One side of a waiter's decision: how the values must match, and which values match.
#[derive(Debug, Clone, Copy)]
pub struct Acceptor<T> {
    /// All or any.
    pub matching: Match,
    /// Whether one value is one of the listed values.
    pub test: fn(&T) -> bool,
}

impl<T> Acceptor<T> {
    /// Whether `values` match.
    pub fn accepts(&self, values: &[T]) -> bool {
        match self.matching {
            Match::All => !values.is_empty() && values.iter().all(self.test),
            Match::Any => values.iter().any(self.test),
        }
    }
}

/// The verdict on the values found at a waiter's path: failure when `failure` accepts them
/// (failure is checked first), success when `success` does, pending otherwise.
pub fn decide<T>(values: &[T], success: Acceptor<T>, failure: Option<Acceptor<T>>) -> Verdict {
    if failure.is_some_and(|f| f.accepts(values)) {
        Verdict::Failure
    } else if success.accepts(values) {
        Verdict::Success
    } else {
        Verdict::Pending
    }
}

/// A condition on the answer of an action: what a generated waiter type states.
pub trait Condition {
    /// The client that sends the request: `qcloud_as::v3::Client` for API 3.0,
    /// `qcloud_as::v2::Client` for API 2.0. Its error is an action's error enum, so a failed
    /// poll's [`Error`] answers `code()`, `message()` and `request_id()`.
    type Client: Execute<Self::Request, Error: ServiceErrorInfo> + 'static;
    /// The request polled.
    type Request: Clone + Send + Sync + 'static;
    /// The waiter's name in the specs, e.g. `ActivityDone`.
    const NAME: &'static str;
    /// The delays the spec gives.
    const DEFAULT_CONFIG: WaiterConfig;
    /// What one answer says.
    fn check(output: &OutputOf<Self>) -> Verdict;
}

/// How a waiter polls: the first and longest delay between polls, and the longest time it
/// waits in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WaiterConfig {
    min_delay: Duration,
    max_delay: Duration,
    max_wait: Duration,
}

impl WaiterConfig {
    /// Delays between polls from `min_delay` to `max_delay`, for at most `max_wait` in all.
    pub const fn new(min_delay: Duration, max_delay: Duration, max_wait: Duration) -> Self {
        WaiterConfig {
            min_delay,
            max_delay,
            max_wait,
        }
    }

    /// The shortest delay between two polls.
    pub fn min_delay(&self) -> Duration {
        self.min_delay
    }

    /// The longest delay between two polls.
    pub fn max_delay(&self) -> Duration {
        self.max_delay
    }

    /// The longest time the waiter waits before it reports a time-out.
    pub fn max_wait(&self) -> Duration {
        self.max_wait
    }

    /// The delay after poll number `polls` (1 after the first poll), for a random `fraction`
    /// in `[0, 1)`: between the minimum delay and `min_delay × 2^(polls-1)`, at most the
    /// maximum delay (which counts as the minimum if it is smaller).
    pub fn delay(&self, polls: u32, fraction: f64) -> Duration {
        let floor = self.min_delay;
        let ceiling = floor
            .saturating_mul(1u32 << polls.saturating_sub(1).min(20))
            .min(self.max_delay)
            .max(floor);
        let fraction = if fraction.is_nan() {
            0.0
        } else {
            fraction.clamp(0.0, 1.0)
        };
        floor + (ceiling - floor).mul_f64(fraction)
    }
}

/// How a wait ended (when no poll failed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WaiterOutcome<T> {
    /// The condition holds; the answer that shows it.
    Success(T),
    /// The condition can no longer hold; the answer that shows it.
    Failure(T),
    /// The maximum wait passed first; the last answer.
    TimedOut {
        /// The answer of the last poll.
        last: T,
    },
}

impl<T> WaiterOutcome<T> {
    /// Whether the condition holds.
    pub fn is_success(&self) -> bool {
        matches!(self, WaiterOutcome::Success(_))
    }

    /// The last answer, whatever the outcome.
    pub fn output(&self) -> &T {
        match self {
            WaiterOutcome::Success(t)
            | WaiterOutcome::Failure(t)
            | WaiterOutcome::TimedOut { last: t } => t,
        }
    }

    /// The last answer, whatever the outcome.
    pub fn into_output(self) -> T {
        match self {
            WaiterOutcome::Success(t)
            | WaiterOutcome::Failure(t)
            | WaiterOutcome::TimedOut { last: t } => t,
        }
    }

    /// The answer, if the condition holds.
    pub fn success(self) -> Option<T> {
        match self {
            WaiterOutcome::Success(t) => Some(t),
            _ => None,
        }
    }
}

/// The output of the action a condition polls.
pub type OutputOf<C> = <<C as Condition>::Client as Execute<<C as Condition>::Request>>::Output;
/// The error of the action a condition polls.
pub type ErrorOf<C> = <<C as Condition>::Client as Execute<<C as Condition>::Request>>::Error;

/// A wait being set up by a generated `Client::wait_until_…` method; `.await` it (or
/// `wait().await`). See the [module docs](self).
#[derive(Debug, Clone)]
#[must_use = "a waiter does nothing until it is awaited"]
pub struct Waiter<C: Condition> {
    client: C::Client,
    request: C::Request,
    config: WaiterConfig,
    overrides: CallOverrides,
}

impl<C: Condition> Waiter<C> {
    /// A waiter that polls with `request` through `client` (a clone: clients are cheap to
    /// clone), with the delays of the spec.
    pub fn new(client: C::Client, request: C::Request) -> Self {
        Waiter {
            client,
            request,
            config: C::DEFAULT_CONFIG,
            overrides: CallOverrides::default(),
        }
    }

    /// Changes the settings of every poll: retries, attempt and operation time-outs, as
    /// [`Call::customize`] does for one call.
    pub fn customize(mut self, change: impl FnOnce(CallOverrides) -> CallOverrides) -> Self {
        self.overrides = change(self.overrides);
        self
    }

    /// The request it polls with.
    pub fn request(&self) -> &C::Request {
        &self.request
    }

    /// How it polls.
    pub fn settings(&self) -> WaiterConfig {
        self.config
    }

    /// The shortest delay between two polls.
    pub fn min_delay(mut self, delay: Duration) -> Self {
        self.config.min_delay = delay;
        self
    }

    /// The longest delay between two polls.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.config.max_delay = delay;
        self
    }

    /// The longest time to wait before reporting a time-out.
    pub fn max_wait(mut self, wait: Duration) -> Self {
        self.config.max_wait = wait;
        self
    }

    /// Polls until the condition holds, can no longer hold, or the maximum wait passed; a
    /// failed poll ends the wait with its error.
    pub async fn wait(self) -> Result<WaiterOutcome<OutputOf<C>>, Error<ErrorOf<C>>> {
        let start = tokio::time::Instant::now();
        let mut polls = 0u32;
        loop {
            let overrides = self.overrides.clone();
            let output = Call::new(self.client.clone(), self.request.clone())
                .customize(|_| overrides)
                .send()
                .await?;
            polls = polls.saturating_add(1);
            match C::check(&output) {
                Verdict::Success => return Ok(WaiterOutcome::Success(output)),
                Verdict::Failure => return Ok(WaiterOutcome::Failure(output)),
                Verdict::Pending => {}
            }
            let remaining = self.config.max_wait.saturating_sub(start.elapsed());
            if remaining.is_zero() {
                return Ok(WaiterOutcome::TimedOut { last: output });
            }
            let delay = self.config.delay(polls, crate::retry::jitter());
            tokio::time::sleep(delay.min(remaining)).await;
        }
    }
}

impl<C> IntoFuture for Waiter<C>
where
    C: Condition + Send + 'static,
    OutputOf<C>: Send,
    ErrorOf<C>: Send,
{
    type Output = Result<WaiterOutcome<OutputOf<C>>, Error<ErrorOf<C>>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.wait())
    }
}

#[cfg(test)]
mod tests;
