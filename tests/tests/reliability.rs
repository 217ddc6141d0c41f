//! Calls on the bad days, against a canned server on 127.0.0.1: retries of throttling,
//! transient and transport failures (and not of the rest), fresh signatures per attempt,
//! attempt and operation time-outs, bounded answers, the retry budget and per-call settings.

use qcloud_as::operation::describe_scaling_group::DescribeScalingGroupError;
use qcloud_as::operation::detach_instance::DetachInstanceError;
use qcloud_as::{
    Client, CommonError, Config, ConfigBuilder, Credentials, Error, RetryConfig, TransportErrorKind,
};
use qcloud_as_tests::{Canned, CannedServer};
use std::time::{Duration, Instant};

const OK_GROUPS: &str = r#"{"code":0,"data":{"totalCount":0,"scalingGroupSet":[]}}"#;
const THROTTLED: &str = r#"{"code":4400,"codeDesc":"RequestLimitExceeded","message":"slow down"}"#;
const BUSINESS: &str =
    r#"{"code":4000,"codeDesc":"InvalidParameter.InstanceIdError","message":"(4000)no"}"#;

fn html_502() -> Canned {
    Canned::Reply {
        status: 502,
        content_type: "text/html",
        body: b"<html><body>502 Bad Gateway</body></html>".to_vec(),
    }
}

fn truncated() -> Canned {
    Canned::json(r#"{"code":0,"data":{"totalCount":0,"scalingGr"#)
}

async fn server(answers: Vec<Canned>) -> CannedServer {
    match CannedServer::start(answers).await {
        Ok(server) => server,
        Err(e) => panic!("cannot start the canned server: {e}"),
    }
}

/// Fast retries: up to `attempts`, waits of at most 2 ms.
fn fast(attempts: u32) -> RetryConfig {
    RetryConfig::standard()
        .max_attempts(attempts)
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(2))
}

fn builder(endpoint: &str) -> ConfigBuilder {
    Config::builder()
        .region("gz")
        .endpoint(endpoint)
        .credentials(Credentials::new("AKIDreliable", "reliable-secret-key"))
        .retry(fast(3))
}

fn client(builder: ConfigBuilder) -> Client {
    match builder.build().map(Client::new) {
        Ok(Ok(client)) => client,
        other => panic!("{other:?}"),
    }
}

fn nonces(server: &CannedServer) -> Vec<String> {
    server
        .received()
        .iter()
        .filter_map(|r| {
            r.params()
                .into_iter()
                .find(|(n, _)| n == "Nonce")
                .map(|(_, v)| v)
        })
        .collect()
}

#[tokio::test]
async fn throttling_then_success_is_retried_with_fresh_signatures() {
    let server = server(vec![
        Canned::json(THROTTLED),
        Canned::json(THROTTLED),
        Canned::json(r#"{"code":0}"#),
    ])
    .await;
    // Throttling is retried even for an action that is not safe to repeat.
    let result = client(builder(&server.endpoint()))
        .detach_instance("asg-1", ["ins-1"])
        .await;
    assert!(result.is_ok(), "{result:?}");
    let nonces = nonces(&server);
    assert_eq!(nonces.len(), 3);
    assert!(
        nonces[0] != nonces[1] && nonces[1] != nonces[2],
        "{nonces:?}"
    );
}

#[tokio::test]
async fn gateway_errors_are_retried_and_the_final_error_counts_attempts() {
    let server = server(vec![html_502(), Canned::json(OK_GROUPS)]).await;
    let c = client(builder(&server.endpoint()));
    assert!(c.describe_scaling_group().await.is_ok());
    assert_eq!(server.received().len(), 2);

    let server = self::server(vec![html_502()]).await;
    let error = match client(builder(&server.endpoint()))
        .detach_instance("asg-1", ["ins-1"])
        .await
    {
        Ok(_) => panic!("a 502 every time must fail"),
        Err(e) => e,
    };
    assert_eq!(error.attempts(), 3);
    assert!(
        matches!(&error, Error::HttpStatus { status: 502, .. }),
        "{error:?}"
    );
    assert!(error.to_string().ends_with("(after 3 attempts)"), "{error}");
    assert_eq!(server.received().len(), 3);
}

#[tokio::test]
async fn business_errors_are_not_retried() {
    let server = server(vec![Canned::json(BUSINESS)]).await;
    let result = client(builder(&server.endpoint()))
        .detach_instance("asg-1", ["ins-1"])
        .await;
    assert!(
        matches!(
            result,
            Err(Error::Service(
                DetachInstanceError::InvalidParameterInstanceIdError(_)
            ))
        ),
        "{result:?}"
    );
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn a_cut_answer_is_retried_only_for_actions_safe_to_repeat() {
    let server = server(vec![truncated(), Canned::json(OK_GROUPS)]).await;
    let listed = client(builder(&server.endpoint()))
        .describe_scaling_group()
        .await;
    assert!(listed.is_ok(), "{listed:?}");
    assert_eq!(server.received().len(), 2);

    let server = self::server(vec![truncated(), Canned::json(r#"{"code":0}"#)]).await;
    let detached = client(builder(&server.endpoint()))
        .detach_instance("asg-1", ["ins-1"])
        .await;
    assert!(
        matches!(detached, Err(Error::Truncated { .. })),
        "{detached:?}"
    );
    assert_eq!(server.received().len(), 1, "DetachInstance is sent once");
}

#[tokio::test]
async fn a_dropped_connection_is_retried_only_for_actions_safe_to_repeat() {
    let server = server(vec![Canned::Drop, Canned::json(OK_GROUPS)]).await;
    let listed = client(builder(&server.endpoint()))
        .describe_scaling_group()
        .await;
    assert!(listed.is_ok(), "{listed:?}");

    let server = self::server(vec![Canned::Drop, Canned::json(r#"{"code":0}"#)]).await;
    let detached = client(builder(&server.endpoint()))
        .detach_instance("asg-1", ["ins-1"])
        .await;
    assert!(
        matches!(&detached, Err(Error::Transport(t)) if t.kind() != TransportErrorKind::Connect),
        "{detached:?}"
    );
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn a_failed_connection_is_retried_for_every_action() {
    // Nothing listens on port 9: the request provably never reached a server.
    let error = match client(builder("http://127.0.0.1:9"))
        .detach_instance("asg-1", ["ins-1"])
        .await
    {
        Ok(_) => panic!("nothing listens there"),
        Err(e) => e,
    };
    assert_eq!(error.attempts(), 3, "{error:?}");
    assert!(
        matches!(&error, Error::Transport(t) if t.kind() == TransportErrorKind::Connect),
        "{error:?}"
    );
}

#[tokio::test]
async fn latency_beyond_the_attempt_timeout_ends_the_attempt() {
    let slow = Canned::Delay(Duration::from_secs(5), Box::new(Canned::json(OK_GROUPS)));
    let server = server(vec![slow, Canned::json(OK_GROUPS)]).await;
    let c = client(builder(&server.endpoint()).timeout(Duration::from_millis(200)));
    let started = Instant::now();
    let listed = c.describe_scaling_group().await;
    assert!(
        listed.is_ok(),
        "the second attempt answers at once: {listed:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );

    // Sent once, the slow attempt's time-out is the error.
    let server = self::server(vec![Canned::Delay(
        Duration::from_secs(5),
        Box::new(Canned::json(OK_GROUPS)),
    )])
    .await;
    let c = client(builder(&server.endpoint()).timeout(Duration::from_millis(200)));
    let result = c
        .describe_scaling_group()
        .customize(|o| o.max_attempts(1))
        .await;
    assert!(
        matches!(&result, Err(Error::Transport(t)) if t.kind() == TransportErrorKind::Timeout),
        "{result:?}"
    );
}

#[tokio::test]
async fn a_slow_drip_never_holds_the_caller_past_the_operation_timeout() {
    let drip = Canned::Drip {
        body: OK_GROUPS.as_bytes().to_vec(),
        declared: OK_GROUPS.len() + 100,
        every: Duration::from_millis(20),
    };
    let server = server(vec![drip]).await;
    let c = client(
        builder(&server.endpoint())
            .timeout(Duration::from_secs(30))
            .operation_timeout(Duration::from_millis(600)),
    );
    let started = Instant::now();
    let result = c.describe_scaling_group().await;
    let elapsed = started.elapsed();
    assert!(
        elapsed < Duration::from_secs(3),
        "held for {elapsed:?}: {result:?}"
    );
    let Err(error) = result else {
        panic!("a dripping answer never completes");
    };
    assert!(
        matches!(&error, Error::Transport(t) if t.kind() == TransportErrorKind::OperationTimeout),
        "{error:?}"
    );
    assert_eq!(
        error.attempts(),
        1,
        "no time is left for a retry: {error:?}"
    );
}

#[tokio::test]
async fn an_oversized_answer_is_refused_without_reading_it() {
    // Declared: refused on its Content-Length.
    let server = server(vec![Canned::Huge {
        size: 2 * 1024 * 1024 * 1024,
        declare: true,
    }])
    .await;
    let c = client(builder(&server.endpoint()).max_body_bytes(1024 * 1024));
    let started = Instant::now();
    let result = c.describe_scaling_group().await;
    assert!(
        matches!(
            result,
            Err(Error::BodyTooLarge {
                status: 200,
                limit: 1_048_576,
                declared: Some(2_147_483_648),
                ..
            })
        ),
        "{result:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));

    // Chunked, no length: refused once the limit is passed.
    let server = self::server(vec![Canned::Huge {
        size: 64 * 1024 * 1024,
        declare: false,
    }])
    .await;
    let c = client(builder(&server.endpoint()).max_body_bytes(1024 * 1024));
    let result = c.describe_scaling_group().await;
    assert!(
        matches!(result, Err(Error::BodyTooLarge { declared: None, .. })),
        "{result:?}"
    );
    assert_eq!(
        server.received().len(),
        1,
        "an oversized answer is not retried"
    );
}

#[tokio::test]
async fn the_retry_budget_stops_a_storm() {
    let server = server(vec![Canned::json(THROTTLED)]).await;
    let c = client(builder(&server.endpoint()));
    let mut calls = 0;
    loop {
        calls += 1;
        let error = match c.describe_scaling_group().await {
            Ok(_) => panic!("always throttled"),
            Err(e) => e,
        };
        if error.attempts() == 1 {
            break;
        }
        assert!(calls < 200, "the budget never ran out");
    }
    // 500 tokens at 5 a retry: 100 retries, 2 per call.
    assert_eq!(calls, 51, "calls until one was no longer retried");
    assert!(matches!(
        c.describe_scaling_group()
            .await
            .map_err(|e| e.into_service_error()),
        Err(Some(DescribeScalingGroupError::Common(
            CommonError::RequestLimitExceeded(_)
        )))
    ));
}

#[tokio::test]
async fn per_call_settings_override_the_clients() {
    let server = server(vec![Canned::json(THROTTLED)]).await;
    let c = client(builder(&server.endpoint()));
    let result = c
        .detach_instance("asg-1", ["ins-1"])
        .customize(|o| o.retry(RetryConfig::disabled()))
        .send()
        .await;
    assert_eq!(result.err().map(|e| e.attempts()), Some(1));
    assert_eq!(server.received().len(), 1);
    let result = c
        .detach_instance("asg-1", ["ins-1"])
        .customize(|o| o.retry(fast(5)))
        .await;
    assert_eq!(result.err().map(|e| e.attempts()), Some(5));
}
