//! Fault injection on API 3.0: the same kinds as API 2.0, keyed by API 3.0 action names (or
//! `*`), each answered in API 3.0's form, and what the v3 client's retries make of them.

mod common;

use common::v3::code;
use common::TestResult;
use qcloud_as::v3::Client;
use qcloud_as::{Error, RetryConfig};
use qcloud_as_emulator::{Emulator, Fault, FaultKind, State};
use std::time::Duration;

const GROUP: &str = "asg-demo0001";
const DESCRIBE: &str = "DescribeAutoScalingGroups";
const DETACH: &str = "DetachInstances";

/// An API 3.0 client of `emulator` with up to 3 attempts, waits of at most 2 ms between them.
fn retrying(emulator: &Emulator) -> Result<Client, Box<dyn std::error::Error>> {
    let retry = RetryConfig::standard()
        .max_attempts(3)
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(2));
    Ok(Client::new(
        emulator.v3_client_config().retry(retry).build()?,
    )?)
}

/// An API 3.0 client of `emulator` that sends each call once.
fn once(emulator: &Emulator) -> Result<Client, Box<dyn std::error::Error>> {
    Ok(Client::new(
        emulator
            .v3_client_config()
            .retry(RetryConfig::disabled())
            .build()?,
    )?)
}

fn members(emulator: &Emulator) -> usize {
    emulator
        .state()
        .group(GROUP)
        .map_or(0, |g| g.instances.len())
}

#[tokio::test]
async fn throttling_is_request_limit_exceeded_retried_then_answered() -> TestResult {
    let emulator = Emulator::start(State::demo())?;
    let client = retrying(&emulator)?;
    let before = emulator.authenticated_requests();
    emulator.set_fault(DESCRIBE, Fault::new(FaultKind::Throttle).times(2))?;
    let out = client.describe_auto_scaling_groups().await?;
    assert_eq!(out.total_count, 2);
    assert_eq!(
        emulator.authenticated_requests() - before,
        3,
        "throttled twice, then answered"
    );
    assert!(emulator.state().faults.is_empty());

    // Throttling is retried for an action that changes the state too: it did not run.
    emulator.set_fault(DETACH, Fault::new(FaultKind::Throttle).times(1))?;
    client.detach_instances(GROUP, ["ins-demo0001"]).await?;
    assert_eq!(members(&emulator), 3, "detached once");

    // Seen once: the code is API 3.0's.
    emulator.set_fault(DESCRIBE, Fault::new(FaultKind::Throttle).times(1))?;
    assert_eq!(
        code(once(&emulator)?.describe_auto_scaling_groups().await),
        "RequestLimitExceeded"
    );
    Ok(())
}

#[tokio::test]
async fn a_dropped_connection_on_a_change_is_not_retried() -> TestResult {
    let emulator = Emulator::start(State::demo())?;
    let client = retrying(&emulator)?;
    let before = emulator.authenticated_requests();
    emulator.set_fault(DETACH, Fault::new(FaultKind::DropConnection))?;
    let result = client.detach_instances(GROUP, ["ins-demo0001"]).await;
    let Err(err) = result else {
        panic!("a dropped connection must fail: {result:?}")
    };
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(err.attempts(), 1);
    assert_eq!(emulator.authenticated_requests() - before, 1, "sent once");
    assert_eq!(members(&emulator), 4, "the action did not run");

    // A reading action is retried over it.
    emulator.clear_faults();
    emulator.set_fault(DESCRIBE, Fault::new(FaultKind::DropConnection).times(1))?;
    let before = emulator.authenticated_requests();
    client.describe_auto_scaling_groups().await?;
    assert_eq!(emulator.authenticated_requests() - before, 2);
    Ok(())
}

#[tokio::test]
async fn each_kind_is_answered_in_api_3_form() -> TestResult {
    let emulator = Emulator::start(State::demo())?;
    let client = once(&emulator)?;
    let describe = || client.describe_auto_scaling_groups();

    emulator.set_fault(DESCRIBE, Fault::new(FaultKind::Http502))?;
    match describe().await {
        Err(Error::HttpStatus { status: 502, body }) => assert!(body.text().contains("502")),
        other => panic!("502: {other:?}"),
    }
    emulator.set_fault(DESCRIBE, Fault::new(FaultKind::MalformedJson))?;
    assert!(
        matches!(describe().await, Err(Error::NotJson { status: 200, .. })),
        "malformed"
    );
    emulator.set_fault(DESCRIBE, Fault::new(FaultKind::TruncatedJson))?;
    assert!(
        matches!(describe().await, Err(Error::Truncated { status: 200, .. })),
        "truncated"
    );
    emulator.set_fault("*", Fault::new(FaultKind::DropConnection))?;
    emulator.set_fault(DESCRIBE, Fault::new(FaultKind::Throttle))?;
    // The action's own entry wins over `*`, which applies to the others (of both versions).
    assert_eq!(code(describe().await), "RequestLimitExceeded");
    assert!(matches!(
        client.describe_auto_scaling_instances().await,
        Err(Error::Transport(_))
    ));
    assert!(matches!(
        emulator.client()?.describe_scaling_group().send().await,
        Err(Error::Transport(_)) | Err(Error::Retried { .. })
    ));
    emulator.clear_faults();

    // An API 2.0 name faults API 2.0 only.
    emulator.set_fault("DescribeScalingGroup", Fault::new(FaultKind::Http502))?;
    describe().await?;
    emulator.clear_faults();

    // The oversized answer is an API 3.0 envelope the client's limit refuses.
    emulator.set_fault(DESCRIBE, Fault::new(FaultKind::OversizedBody).times(1))?;
    let small = Client::new(
        emulator
            .v3_client_config()
            .retry(RetryConfig::disabled())
            .max_body_bytes(1024 * 1024)
            .build()?,
    )?;
    let result = small.describe_auto_scaling_groups().await;
    assert!(result.is_err(), "{result:?}");

    // Latency alone delays the answer, which is the action's.
    emulator.set_fault(
        DESCRIBE,
        Fault::latency(Duration::from_millis(300)).times(1),
    )?;
    let started = std::time::Instant::now();
    describe().await?;
    assert!(started.elapsed() >= Duration::from_millis(300));
    Ok(())
}

#[tokio::test]
async fn faults_apply_after_authentication_and_the_action_header() -> TestResult {
    let emulator = Emulator::start(State::demo())?;
    emulator.set_fault("*", Fault::new(FaultKind::Http502))?;
    let stranger = Client::new(
        emulator
            .v3_client_config()
            .credentials(qcloud_as::Credentials::new("AKIDNOBODY", "x"))
            .retry(RetryConfig::disabled())
            .build()?,
    )?;
    assert_eq!(
        code(stranger.describe_auto_scaling_groups().await),
        "AuthFailure.SecretIdNotFound"
    );
    assert!(emulator
        .set_fault("DescribeAutoScalingGroup", Fault::default())
        .is_err());
    Ok(())
}
