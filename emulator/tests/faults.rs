//! Fault injection: each kind gives the matching client error.

mod common;

use common::*;
use qcloud_as::operation::describe_scaling_group::DescribeScalingGroupError;
use qcloud_as::operation::detach_instance::DetachInstanceError;
use qcloud_as::{Client, CommonError, Credentials, Error, RetryConfig};
use qcloud_as_emulator::{Emulator, Fault, FaultKind, State};
use std::time::{Duration, Instant};

const GROUP: &str = "asg-demo0001";

/// These tests look at the answer a fault gives to one request, so their client sends each
/// call once: one that retries would try the 502, the throttle and the time-out again (and use
/// up a limited fault faster).
fn start(state: State) -> Result<(Emulator, Client), Box<dyn std::error::Error>> {
    let emulator = Emulator::start(state)?;
    let client = Client::new(
        emulator
            .client_config()
            .retry(RetryConfig::disabled())
            .build()?,
    )?;
    Ok((emulator, client))
}

/// [`start`] on the demo state.
fn demo() -> Result<(Emulator, Client), Box<dyn std::error::Error>> {
    start(State::demo())
}

#[tokio::test]
async fn each_fault_kind_gives_its_client_error() -> TestResult {
    let (emulator, client) = demo()?;
    let before = emulator.state();
    let detach = || client.detach_instance(GROUP, ["ins-demo0001"]).send();

    emulator.set_fault("DetachInstance", Fault::new(FaultKind::Http502))?;
    match detach().await {
        Err(Error::HttpStatus {
            status: 502, body, ..
        }) => assert!(body.text().contains("502")),
        other => panic!("502: {other:?}"),
    }
    emulator.set_fault("DetachInstance", Fault::new(FaultKind::MalformedJson))?;
    assert!(matches!(
        detach().await,
        Err(Error::NotJson { status: 200, .. })
    ));
    emulator.set_fault("DetachInstance", Fault::new(FaultKind::TruncatedJson))?;
    assert!(matches!(
        detach().await,
        Err(Error::Truncated { status: 200, .. })
    ));
    emulator.set_fault("DetachInstance", Fault::new(FaultKind::DropConnection))?;
    assert!(matches!(detach().await, Err(Error::Transport(_))));
    emulator.set_fault("DetachInstance", Fault::new(FaultKind::Throttle))?;
    match detach().await {
        Err(Error::Service(DetachInstanceError::Common(CommonError::RequestLimitExceeded(e)))) => {
            assert_eq!(e.code(), 4400);
            assert_eq!(e.code_desc(), "RequestLimitExceeded");
        }
        other => panic!("throttle: {other:?}"),
    }
    // A faulted call never reached the action.
    let mut after = emulator.state();
    after.faults = before.faults.clone();
    assert_eq!(after, before);

    emulator.clear_faults();
    detach().await?;
    assert_eq!(members(&emulator.state(), GROUP).len(), 3);
    Ok(())
}

#[tokio::test]
async fn faults_target_one_action_or_all() -> TestResult {
    let (emulator, client) = demo()?;
    emulator.set_fault("DetachInstance", Fault::new(FaultKind::Throttle))?;
    client.describe_scaling_group().send().await?;
    client.describe_scaling_instance(GROUP).send().await?;
    assert!(client
        .detach_instance(GROUP, ["ins-demo0001"])
        .send()
        .await
        .is_err());

    emulator.set_fault("*", Fault::new(FaultKind::Http502))?;
    assert!(matches!(
        client.describe_scaling_group().send().await,
        Err(Error::HttpStatus { status: 502, .. })
    ));
    // The action's own entry wins over `*`.
    assert!(matches!(
        client.detach_instance(GROUP, ["ins-demo0001"]).send().await,
        Err(Error::Service(DetachInstanceError::Common(
            CommonError::RequestLimitExceeded(_)
        )))
    ));
    assert!(emulator
        .set_fault("NoSuchAction", Fault::default())
        .is_err());
    emulator.clear_faults();
    client.describe_scaling_group().send().await?;
    Ok(())
}

#[tokio::test]
async fn latency_is_observable_and_targeted() -> TestResult {
    let (emulator, client) = demo()?;
    emulator.set_fault(
        "DescribeScalingGroup",
        Fault::latency(Duration::from_millis(700)),
    )?;
    let started = Instant::now();
    client.describe_scaling_group().send().await?;
    assert!(
        started.elapsed() >= Duration::from_millis(700),
        "{:?}",
        started.elapsed()
    );
    let started = Instant::now();
    client.describe_scaling_instance(GROUP).send().await?;
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );

    // Latency plus a client time-out gives a time-out.
    let impatient = qcloud_as::Client::new(
        emulator
            .client_config()
            .timeout(Duration::from_millis(200))
            .retry(RetryConfig::disabled())
            .build()?,
    )?;
    match impatient.describe_scaling_group().send().await {
        Err(Error::Transport(e)) => assert_eq!(e.kind(), qcloud_as::TransportErrorKind::Timeout),
        other => panic!("unexpected: {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn limited_faults_expire() -> TestResult {
    let (emulator, client) = demo()?;
    emulator.set_fault("*", Fault::new(FaultKind::Throttle).times(2))?;
    for _ in 0..2 {
        assert!(matches!(
            client.describe_scaling_group().send().await,
            Err(Error::Service(DescribeScalingGroupError::Common(
                CommonError::RequestLimitExceeded(_)
            )))
        ));
    }
    client.describe_scaling_group().send().await?;
    assert!(emulator.state().faults.is_empty());
    Ok(())
}

#[tokio::test]
async fn faults_apply_after_authentication() -> TestResult {
    let (emulator, _client) = demo()?;
    emulator.set_fault("*", Fault::new(FaultKind::Http502))?;
    let stranger = qcloud_as::Client::new(
        emulator
            .client_config()
            .credentials(Credentials::new("AKIDNOBODY", "x"))
            .build()?,
    )?;
    assert!(matches!(
        stranger.describe_scaling_group().send().await,
        Err(Error::Service(DescribeScalingGroupError::Common(
            CommonError::AuthFailure(_)
        )))
    ));
    Ok(())
}

#[tokio::test]
async fn faults_over_http() -> TestResult {
    let (emulator, client) = demo()?;
    let http = crate::common::http();
    let url = format!("{}/_emulator/faults", emulator.endpoint());
    let put = http
        .put(&url)
        .header("content-type", "application/json")
        .body(r#"{"DetachInstance": {"kind": "dropConnection"}, "*": {"latencyMs": 10}}"#)
        .send()
        .await?;
    assert_eq!(put.status(), 200);
    assert!(matches!(
        client.detach_instance(GROUP, ["ins-demo0001"]).send().await,
        Err(Error::Transport(_))
    ));
    let listed: serde_json::Value =
        serde_json::from_slice(&http.get(&url).send().await?.bytes().await?)?;
    assert_eq!(listed["DetachInstance"]["kind"], "dropConnection");
    assert_eq!(listed["*"]["latencyMs"], 10);
    let json = http_state(&emulator).await?;
    assert_eq!(json["faults"]["DetachInstance"]["kind"], "dropConnection");

    let bad = http
        .put(&url)
        .header("content-type", "application/json")
        .body(r#"{"Detach": {"kind": "http502"}}"#)
        .send()
        .await?;
    assert_eq!(bad.status(), 400);
    let bad = http
        .put(&url)
        .header("content-type", "application/json")
        .body(r#"{"DetachInstance": {"kind": "explode"}}"#)
        .send()
        .await?;
    assert_eq!(bad.status(), 400);

    assert_eq!(http.delete(&url).send().await?.status(), 200);
    client
        .detach_instance(GROUP, ["ins-demo0001"])
        .send()
        .await?;
    Ok(())
}

#[tokio::test]
async fn faults_from_the_state_file() -> TestResult {
    let mut initial = qcloud_as_emulator::State::demo();
    let yaml = "{DescribeScalingInstance: {kind: http502}}";
    initial.faults = serde_saphyr::from_str(yaml)?;
    let (_emulator, client) = start(initial)?;
    assert!(matches!(
        client.describe_scaling_instance(GROUP).send().await,
        Err(Error::HttpStatus { status: 502, .. })
    ));
    client.describe_scaling_group().send().await?;
    Ok(())
}
