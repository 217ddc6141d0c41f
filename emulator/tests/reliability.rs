//! The SDK's retries, time-outs and body limit against the emulator's faults, through the real
//! `qcloud_as::Client` over HTTP: each fault ends in the expected result or typed error, after
//! the expected number of attempts. The attempts are counted twice: by the client
//! (`Error::attempts`) and by the emulator (requests that passed authentication, which every
//! attempt does, as each is signed afresh).

mod common;

use common::*;
use qcloud_as::operation::describe_scaling_group::DescribeScalingGroupError;
use qcloud_as::operation::detach_instance::DetachInstanceError;
use qcloud_as::{Client, ConfigBuilder, Error, RetryConfig, TransportErrorKind};
use qcloud_as_emulator::{Emulator, Fault, FaultKind, State};
use std::time::{Duration, Instant};

const GROUP: &str = "asg-demo0001";
const DESCRIBE: &str = "DescribeScalingGroup";
const DETACH: &str = "DetachInstance";

/// Up to 3 attempts, with waits of at most 2 ms between them.
fn retry() -> RetryConfig {
    RetryConfig::standard()
        .max_attempts(3)
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(2))
}

/// A client of `emulator` retrying as [`retry`] says, with `settings` on top.
fn client(
    emulator: &Emulator,
    settings: impl FnOnce(ConfigBuilder) -> ConfigBuilder,
) -> Result<Client, Box<dyn std::error::Error>> {
    Ok(Client::new(
        settings(emulator.client_config().retry(retry())).build()?,
    )?)
}

/// Counts the requests that reach the emulator's actions (or their faults).
struct Attempts<'a> {
    emulator: &'a Emulator,
    before: u64,
}

impl<'a> Attempts<'a> {
    fn count(emulator: &'a Emulator) -> Self {
        Attempts {
            emulator,
            before: emulator.authenticated_requests(),
        }
    }

    /// The requests since the last call (or since `count`).
    fn take(&mut self) -> u64 {
        let now = self.emulator.authenticated_requests();
        let taken = now - self.before;
        self.before = now;
        taken
    }
}

#[tokio::test]
async fn throttling_then_success() -> TestResult {
    let emulator = Emulator::start(State::demo())?;
    let client = client(&emulator, |c| c)?;
    let mut attempts = Attempts::count(&emulator);

    emulator.set_fault(DESCRIBE, Fault::new(FaultKind::Throttle).times(1))?;
    let out = client.describe_scaling_group().send().await?;
    assert_eq!(out.total_count, 2);
    assert_eq!(attempts.take(), 2, "throttled once, then answered");

    // Throttling is retried for an action that changes the state too: it did not run.
    emulator.set_fault(DETACH, Fault::new(FaultKind::Throttle).times(2))?;
    client
        .detach_instance(GROUP, ["ins-demo0001"])
        .send()
        .await?;
    assert_eq!(attempts.take(), 3);
    assert_eq!(
        members(&emulator.state(), GROUP),
        ["ins-demo0002", "ins-demo0003", "ins-demo0004"],
        "detached once"
    );
    assert!(emulator.state().faults.is_empty());
    Ok(())
}

#[tokio::test]
async fn a_business_error_after_throttling_matches_as_itself() -> TestResult {
    let emulator = Emulator::start(State::demo())?;
    let client = client(&emulator, |c| c)?;
    let mut attempts = Attempts::count(&emulator);

    // Throttled once, then the action runs and refuses an instance of another group.
    emulator.set_fault(DETACH, Fault::new(FaultKind::Throttle).times(1))?;
    let result = client.detach_instance(GROUP, ["ins-demo0005"]).send().await;
    let err = match result {
        Err(Error::Service(DetachInstanceError::InvalidParameterInstanceIdError(e))) => {
            assert_eq!(e.retries().attempts(), 2);
            Error::Service(DetachInstanceError::InvalidParameterInstanceIdError(e))
        }
        other => panic!("the business error did not match as itself: {other:?}"),
    };
    assert_eq!(attempts.take(), 2);
    assert_eq!(err.attempts(), 2);
    assert_eq!(
        err.code().as_deref(),
        Some("InvalidParameter.InstanceIdError")
    );
    assert!(
        err.message().is_some_and(|m| m.contains("ins-demo0005")),
        "{err}"
    );
    assert_eq!(
        err.request_id(),
        None,
        "API 2.0 answers carry no request id"
    );
    match err.retries().earlier() {
        [throttled] => assert_eq!(throttled.code(), Some("RequestLimitExceeded")),
        other => panic!("{other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn html_502_every_time_is_retried_then_reported() -> TestResult {
    let emulator = Emulator::start(State::demo())?;
    let client = client(&emulator, |c| c)?;
    let mut attempts = Attempts::count(&emulator);
    emulator.set_fault(DESCRIBE, Fault::new(FaultKind::Http502))?;

    let err = client
        .describe_scaling_group()
        .send()
        .await
        .err()
        .ok_or("a 502 every time must fail")?;
    match &err {
        Error::HttpStatus {
            status: 502,
            body,
            retries,
        } => {
            assert!(body.text().contains("502 Bad Gateway"), "{}", body.text());
            assert_eq!(retries.attempts(), 3);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.attempts(), 3);
    assert_eq!(attempts.take(), 3);

    // The same for an action that changes the state (a 502 is retried for every action).
    emulator.set_fault(DETACH, Fault::new(FaultKind::Http502))?;
    let err = client
        .detach_instance(GROUP, ["ins-demo0001"])
        .send()
        .await
        .err()
        .ok_or("must fail")?;
    assert_eq!(err.attempts(), 3);
    assert_eq!(attempts.take(), 3);
    assert_eq!(members(&emulator.state(), GROUP).len(), 4, "never ran");
    Ok(())
}

#[tokio::test]
async fn truncated_json_is_retried_only_for_reading_actions() -> TestResult {
    let emulator = Emulator::start(State::demo())?;
    let client = client(&emulator, |c| c)?;
    let mut attempts = Attempts::count(&emulator);

    // A `Describe…` action is idempotent: retried, then the last failure reported.
    emulator.set_fault(DESCRIBE, Fault::new(FaultKind::TruncatedJson))?;
    let err = client
        .describe_scaling_group()
        .send()
        .await
        .err()
        .ok_or("must fail")?;
    assert!(
        matches!(&err, Error::Truncated { status: 200, .. } if err.attempts() == 3),
        "{err:?}"
    );
    assert_eq!(attempts.take(), 3);

    // Once cut, then whole: the retry succeeds.
    emulator.set_fault(DESCRIBE, Fault::new(FaultKind::TruncatedJson).times(1))?;
    client.describe_scaling_group().send().await?;
    assert_eq!(attempts.take(), 2);

    // DetachInstance is not: a cut answer may hide a detach that happened, so it is sent once.
    emulator.set_fault(DETACH, Fault::new(FaultKind::TruncatedJson))?;
    let err = client
        .detach_instance(GROUP, ["ins-demo0001"])
        .send()
        .await
        .err()
        .ok_or("must fail")?;
    assert!(
        matches!(err, Error::Truncated { status: 200, .. }),
        "{err:?}"
    );
    assert_eq!(err.attempts(), 1);
    assert_eq!(attempts.take(), 1);
    Ok(())
}

#[tokio::test]
async fn a_dropped_connection_is_retried_only_for_reading_actions() -> TestResult {
    let emulator = Emulator::start(State::demo())?;
    let client = client(&emulator, |c| c)?;
    let mut attempts = Attempts::count(&emulator);

    emulator.set_fault(DESCRIBE, Fault::new(FaultKind::DropConnection))?;
    let err = client
        .describe_scaling_group()
        .send()
        .await
        .err()
        .ok_or("must fail")?;
    assert_eq!(err.attempts(), 3, "{err:?}");
    match &err {
        Error::Transport(t) => assert_eq!(t.kind(), TransportErrorKind::Other, "{t}"),
        other => panic!("last: {other:?}"),
    }
    assert_eq!(attempts.take(), 3);

    emulator.set_fault(DESCRIBE, Fault::new(FaultKind::DropConnection).times(2))?;
    client.describe_scaling_group().send().await?;
    assert_eq!(attempts.take(), 3, "dropped twice, answered the third time");

    emulator.set_fault(DETACH, Fault::new(FaultKind::DropConnection))?;
    let err = client
        .detach_instance(GROUP, ["ins-demo0001"])
        .send()
        .await
        .err()
        .ok_or("must fail")?;
    match &err {
        Error::Transport(t) => assert_eq!(t.kind(), TransportErrorKind::Other, "{t}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(attempts.take(), 1, "sent once");
    Ok(())
}

#[tokio::test]
async fn latency_beyond_the_attempt_time_out() -> TestResult {
    let emulator = Emulator::start(State::demo())?;
    let client = client(&emulator, |c| c.timeout(Duration::from_millis(300)))?;
    let mut attempts = Attempts::count(&emulator);

    // Slow once: the first attempt times out, the second is answered.
    emulator.set_fault(
        DESCRIBE,
        Fault::latency(Duration::from_millis(1500)).times(1),
    )?;
    let started = Instant::now();
    let out = client.describe_scaling_group().send().await?;
    assert_eq!(out.total_count, 2);
    assert_eq!(attempts.take(), 2);
    assert!(
        started.elapsed() < Duration::from_millis(1200),
        "{:?}",
        started.elapsed()
    );

    // Slow every time: each attempt times out.
    emulator.set_fault(DESCRIBE, Fault::latency(Duration::from_millis(1500)))?;
    let err = client
        .describe_scaling_group()
        .send()
        .await
        .err()
        .ok_or("must fail")?;
    assert_eq!(err.attempts(), 3, "{err:?}");
    match &err {
        Error::Transport(t) => assert_eq!(t.kind(), TransportErrorKind::Timeout, "{t}"),
        other => panic!("last: {other:?}"),
    }
    assert_eq!(attempts.take(), 3);

    // A time-out of DetachInstance is not retried: the detach may have happened.
    emulator.set_fault(DETACH, Fault::latency(Duration::from_millis(600)))?;
    let err = client
        .detach_instance(GROUP, ["ins-demo0001"])
        .send()
        .await
        .err()
        .ok_or("must fail")?;
    match &err {
        Error::Transport(t) => assert_eq!(t.kind(), TransportErrorKind::Timeout, "{t}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(err.attempts(), 1);
    assert_eq!(attempts.take(), 1);
    Ok(())
}

#[tokio::test]
async fn a_slow_drip_beyond_the_operation_time_out() -> TestResult {
    let emulator = Emulator::start(State::demo())?;
    let limit = Duration::from_millis(500);
    let client = client(&emulator, |c| c.operation_timeout(limit))?;
    let mut attempts = Attempts::count(&emulator);
    // The answer (hundreds of bytes, 50 ms each) would take many seconds.
    emulator.set_fault(DESCRIBE, Fault::new(FaultKind::SlowDrip))?;

    let started = Instant::now();
    let err = client
        .describe_scaling_group()
        .send()
        .await
        .err()
        .ok_or("must fail")?;
    let took = started.elapsed();
    match &err {
        Error::Transport(t) => {
            assert_eq!(t.kind(), TransportErrorKind::OperationTimeout, "{t}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.attempts(), 1, "an operation time-out is not retried");
    assert!(
        took >= limit && took < limit + Duration::from_secs(1),
        "returned after {took:?}"
    );
    assert_eq!(attempts.take(), 1);
    Ok(())
}

#[tokio::test]
async fn an_oversized_body_is_refused_without_being_read() -> TestResult {
    let emulator = Emulator::start(State::demo())?;
    let client = client(&emulator, |c| c.max_body_bytes(1024 * 1024))?;
    let mut attempts = Attempts::count(&emulator);

    // Declared: refused on its Content-Length, before any of it is read.
    emulator.set_fault(DESCRIBE, Fault::new(FaultKind::OversizedBody))?;
    let started = Instant::now();
    let err = client
        .describe_scaling_group()
        .send()
        .await
        .err()
        .ok_or("must fail")?;
    assert!(
        matches!(
            err,
            Error::<DescribeScalingGroupError>::BodyTooLarge {
                status: 200,
                limit: 1_048_576,
                declared: Some(67_108_864),
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.attempts(), 1, "not retried");
    assert_eq!(attempts.take(), 1);
    assert!(started.elapsed() < Duration::from_secs(2));

    // Chunked: refused once the limit is read.
    emulator.set_fault(DESCRIBE, Fault::new(FaultKind::OversizedChunked))?;
    let err = client
        .describe_scaling_group()
        .send()
        .await
        .err()
        .ok_or("must fail")?;
    assert!(
        matches!(
            err,
            Error::BodyTooLarge {
                status: 200,
                limit: 1_048_576,
                declared: None,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.attempts(), 1);
    assert_eq!(attempts.take(), 1);

    // The emulator goes on serving.
    emulator.clear_faults();
    client.describe_scaling_group().send().await?;
    Ok(())
}
