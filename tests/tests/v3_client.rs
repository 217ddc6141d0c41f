//! The API 3.0 client over real HTTP on 127.0.0.1, against a canned server: what it sends (a
//! TC3-HMAC-SHA256-signed JSON `POST /`, verified here independently from the received bytes),
//! how it decodes every kind of answer, how it retries, and that no secret shows in `Debug`.

use qcloud_as::v3::operation::describe_auto_scaling_groups::{
    DescribeAutoScalingGroupsError, DescribeAutoScalingGroupsRequest,
};
use qcloud_as::v3::operation::detach_instances::{DetachInstancesError, DetachInstancesRequest};
use qcloud_as::v3::operation::modify_auto_scaling_group::ModifyAutoScalingGroupRequest;
use qcloud_as::v3::{Client, CommonError};
use qcloud_as::{Config, ConfigBuilder, Credentials, Error, RetryConfig, TimeSource};
use qcloud_as_tests::tc3::{self, Verified};
use qcloud_as_tests::{Canned, CannedServer, Recorded};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

const SECRET_ID: &str = "AKIDv3clienttestid";
const SECRET_KEY: &str = "v3-client-secret-key-7f3a9c";
const TOKEN: &str = "v3-client-session-token-51d0e2";
const REGION: &str = "ap-guangzhou";
/// 2023-11-14 23:59:59 UTC, already the 15th in Beijing: the scope date must be the 14th.
const T0: u64 = 1_700_006_399;

const DETACHED: &str = r#"{"Response":{"ActivityId":"asa-bcfxhy55","RequestId":"5b039ee6-e8ff-4605-bb24-b45337747431"}}"#;
const NO_GROUPS: &str =
    r#"{"Response":{"AutoScalingGroupSet":[],"TotalCount":0,"RequestId":"req-groups"}}"#;
const MODIFIED: &str = r#"{"Response":{"RequestId":"req-modified"}}"#;

fn error_answer(code: &str, message: &str, request_id: &str) -> Canned {
    Canned::json(
        &json!({"Response": {"Error": {"Code": code, "Message": message}, "RequestId": request_id}})
            .to_string(),
    )
}

async fn server(answers: Vec<Canned>) -> CannedServer {
    match CannedServer::start(answers).await {
        Ok(server) => server,
        Err(e) => panic!("cannot start the canned server: {e}"),
    }
}

/// A clock that stands still at `at`.
fn fixed(at: u64) -> TimeSource {
    TimeSource::new(move || UNIX_EPOCH + Duration::from_secs(at))
}

/// A clock that moves one second on each reading, from `from`.
fn ticking(from: u64) -> TimeSource {
    let next = Arc::new(AtomicU64::new(from));
    TimeSource::new(move || UNIX_EPOCH + Duration::from_secs(next.fetch_add(1, Ordering::SeqCst)))
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
        .region(REGION)
        .endpoint(endpoint)
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .time_source(fixed(T0))
        .retry(RetryConfig::disabled())
        .timeout(Duration::from_secs(10))
}

fn client(builder: ConfigBuilder) -> Client {
    let config = match builder.build() {
        Ok(config) => config,
        Err(e) => panic!("config: {e}"),
    };
    match Client::new(config) {
        Ok(client) => client,
        Err(e) => panic!("client: {e}"),
    }
}

/// `127.0.0.1:PORT`: the authority the `Host` header must carry.
fn authority(server: &CannedServer) -> String {
    server.endpoint().trim_start_matches("http://").to_owned()
}

fn only_request(server: &CannedServer) -> Recorded {
    let received = server.received();
    match received.as_slice() {
        [one] => one.clone(),
        other => panic!("expected one request, got {}", other.len()),
    }
}

fn verified(request: &Recorded) -> Verified {
    match tc3::verify(request, SECRET_ID, SECRET_KEY) {
        Ok(verified) => verified,
        Err(e) => panic!("the request's signature does not verify: {e}\n{request:?}"),
    }
}

fn body_json(request: &Recorded) -> Value {
    match serde_json::from_slice(&request.body) {
        Ok(value) => value,
        Err(e) => panic!("the body is not JSON: {e}: {:?}", request.body),
    }
}

fn header<'a>(request: &'a Recorded, name: &str) -> &'a str {
    match request.header(name) {
        Some(value) => value,
        None => panic!("no {name} header in {:?}", request.headers),
    }
}

/// The headers every request carries, and its signature.
fn check_common(request: &Recorded, server: &CannedServer, action: &str) -> Verified {
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, "/");
    assert_eq!(header(request, "content-type"), "application/json");
    assert_eq!(header(request, "host"), authority(server));
    assert_eq!(header(request, "x-tc-action"), action);
    assert_eq!(header(request, "x-tc-version"), "2018-04-19");
    assert_eq!(header(request, "x-tc-region"), REGION);
    let verified = verified(request);
    assert_eq!(verified.secret_id, SECRET_ID);
    assert_eq!(verified.service, "as");
    assert_eq!(verified.signed_headers, "content-type;host");
    verified
}

// ---------------------------------------------------------------------------------------------
// What is sent
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_call_is_a_signed_json_post_to_the_root() {
    let server = server(vec![Canned::json(DETACHED)]).await;
    let client = client(builder(&server.endpoint()));
    let output = match client
        .detach_instances("asg-d4hmoms6", ["ins-5u97n5re", "ins-osckfnm7"])
        .await
    {
        Ok(output) => output,
        Err(e) => panic!("detach: {e}"),
    };
    assert_eq!(output.activity_id, "asa-bcfxhy55");
    let request = only_request(&server);
    let verified = check_common(&request, &server, "DetachInstances");
    assert_eq!(header(&request, "x-tc-timestamp"), T0.to_string());
    assert_eq!(verified.timestamp, T0);
    assert_eq!(verified.date, "2023-11-14", "the scope date is the UTC day");
    assert!(
        request.header("x-tc-token").is_none(),
        "no token without temporary credentials: {:?}",
        request.headers
    );
    assert_eq!(
        body_json(&request),
        json!({"AutoScalingGroupId": "asg-d4hmoms6", "InstanceIds": ["ins-5u97n5re", "ins-osckfnm7"]})
    );
    assert_eq!(
        verified.canonical_request,
        format!(
            "POST\n/\n\ncontent-type:application/json\nhost:{}\n\ncontent-type;host\n{}",
            authority(&server),
            qcloud_as::protocol::v3::sign::hashed_payload(&request.body)
        )
    );
}

#[tokio::test]
async fn temporary_credentials_send_the_token_outside_the_signature() {
    let server = server(vec![Canned::json(DETACHED)]).await;
    let client = client(
        builder(&server.endpoint())
            .credentials(Credentials::new(SECRET_ID, SECRET_KEY).with_token(TOKEN)),
    );
    if let Err(e) = client.detach_instances("asg-1", ["ins-1"]).await {
        panic!("detach: {e}");
    }
    let request = only_request(&server);
    check_common(&request, &server, "DetachInstances");
    assert_eq!(header(&request, "x-tc-token"), TOKEN);
}

#[tokio::test]
async fn a_body_with_non_ascii_text_is_signed_as_sent() {
    let name = "伸缩组-测试 ✓ é \u{1F680} \"quoted\" \\ <&>";
    let server = server(vec![Canned::json(MODIFIED)]).await;
    let client = client(builder(&server.endpoint()));
    match client
        .modify_auto_scaling_group("asg-d4hmoms6")
        .auto_scaling_group_name(name)
        .await
    {
        Ok(output) => assert_eq!(output.request_id, "req-modified"),
        Err(e) => panic!("modify: {e}"),
    }
    let request = only_request(&server);
    check_common(&request, &server, "ModifyAutoScalingGroup");
    assert_eq!(body_json(&request)["AutoScalingGroupName"], name);
    // The same bytes as `signed_request` gives: what was signed is what was sent.
    let signed = match client.signed_request(
        &ModifyAutoScalingGroupRequest::new("asg-d4hmoms6").auto_scaling_group_name(name),
        T0,
    ) {
        Ok(signed) => signed,
        Err(e) => panic!("signed_request: {e}"),
    };
    assert_eq!(signed.body, request.body);
    assert!(
        !request.body.is_ascii(),
        "the text is sent as UTF-8 (either form is valid; this pins the one chosen)"
    );
}

#[tokio::test]
async fn signed_request_is_what_is_sent() {
    let server = server(vec![Canned::json(DETACHED)]).await;
    let client = client(
        builder(&server.endpoint())
            .credentials(Credentials::new(SECRET_ID, SECRET_KEY).with_token(TOKEN)),
    );
    if let Err(e) = client
        .detach_instances("asg-d4hmoms6", ["ins-5u97n5re"])
        .await
    {
        panic!("detach: {e}");
    }
    let request = only_request(&server);
    let signed = match client.signed_request(
        &DetachInstancesRequest::new("asg-d4hmoms6", ["ins-5u97n5re"]),
        T0,
    ) {
        Ok(signed) => signed,
        Err(e) => panic!("signed_request: {e}"),
    };
    assert_eq!(signed.url, format!("{}/", server.endpoint()));
    assert_eq!(signed.body, request.body);
    for (name, value) in &signed.headers {
        assert_eq!(
            request.header(&name.to_ascii_lowercase()),
            Some(value.as_str()),
            "header {name}"
        );
    }
    let names: Vec<String> = signed
        .headers
        .iter()
        .map(|(n, _)| n.to_ascii_lowercase())
        .collect();
    for wanted in [
        "authorization",
        "content-type",
        "host",
        "x-tc-action",
        "x-tc-timestamp",
        "x-tc-version",
        "x-tc-region",
        "x-tc-token",
    ] {
        assert!(
            names.iter().any(|n| n == wanted),
            "{wanted} not in {names:?}"
        );
    }
    // Every X-TC-* header sent is one signed_request lists.
    for (name, _) in &request.headers {
        if name.starts_with("x-tc-") {
            assert!(
                names.contains(name),
                "{name} sent but not in signed_request"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_success_keeps_its_request_id() {
    let server = server(vec![Canned::json(NO_GROUPS)]).await;
    let client = client(builder(&server.endpoint()));
    match client.describe_auto_scaling_groups().limit(10).await {
        Ok(output) => {
            assert_eq!(output.request_id, "req-groups");
            assert_eq!(output.total_count, 0);
            assert!(output.auto_scaling_group_set.is_empty());
        }
        Err(e) => panic!("describe: {e}"),
    }
    let request = only_request(&server);
    check_common(&request, &server, "DescribeAutoScalingGroups");
    assert_eq!(body_json(&request), json!({"Limit": 10}));
}

#[tokio::test]
async fn an_error_answer_is_a_service_error_with_code_message_and_request_id() {
    let server = server(vec![error_answer(
        "ResourceInsufficient.InServiceInstanceBelowMinSize",
        "below the minimum size",
        "req-err-1",
    )])
    .await;
    let client = client(builder(&server.endpoint()));
    match client.detach_instances("asg-1", ["ins-1"]).await {
        Err(Error::Service(
            DetachInstancesError::ResourceInsufficientInServiceInstanceBelowMinSize(e),
        )) => {
            assert_eq!(
                e.code(),
                "ResourceInsufficient.InServiceInstanceBelowMinSize"
            );
            assert_eq!(e.message(), "below the minimum size");
            assert_eq!(e.request_id(), "req-err-1");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_undocumented_code_of_a_known_class_is_that_classs_common_error() {
    let server = server(vec![error_answer(
        "ResourceNotFound.Whatever",
        "gone",
        "req-err-2",
    )])
    .await;
    let client = client(builder(&server.endpoint()));
    match client.detach_instances("asg-1", ["ins-1"]).await {
        Err(Error::Service(DetachInstancesError::Common(CommonError::ResourceNotFound(e)))) => {
            assert_eq!(
                e.code(),
                "ResourceNotFound.Whatever",
                "the full code is kept"
            );
            assert_eq!(e.message(), "gone");
            assert_eq!(e.request_id(), "req-err-2");
        }
        other => panic!("{other:?}"),
    }
    // The same through the service-wide error.
    let server = server_with(error_answer(
        "ResourceNotFound.Whatever",
        "gone",
        "req-err-3",
    ))
    .await;
    let client = client_for(&server);
    let error: Error<qcloud_as::v3::AutoScalingError> =
        match client.detach_instances("asg-1", ["ins-1"]).await {
            Ok(_) => panic!("an error answer decoded as a success"),
            Err(e) => e.map_service(Into::into),
        };
    match error.as_service_error() {
        Some(e) => {
            assert_eq!(e.code(), "ResourceNotFound.Whatever");
            assert_eq!(e.request_id(), "req-err-3");
        }
        None => panic!("{error:?}"),
    }
}

async fn server_with(answer: Canned) -> CannedServer {
    server(vec![answer]).await
}

fn client_for(server: &CannedServer) -> Client {
    client(builder(&server.endpoint()))
}

async fn detach_with(
    answer: Canned,
    tweak: impl FnOnce(ConfigBuilder) -> ConfigBuilder,
) -> Error<DetachInstancesError> {
    let server = server_with(answer).await;
    let client = client(tweak(builder(&server.endpoint())));
    match client.detach_instances("asg-1", ["ins-1"]).await {
        Ok(output) => panic!("a broken answer decoded: {output:?}"),
        Err(e) => e,
    }
}

#[tokio::test]
async fn an_html_502_is_an_http_status_error() {
    let answer = Canned::Reply {
        status: 502,
        content_type: "text/html",
        body: b"<html><body>502 Bad Gateway</body></html>".to_vec(),
    };
    match detach_with(answer, |b| b).await {
        Error::HttpStatus {
            status: 502, body, ..
        } => {
            assert!(body.text().contains("Bad Gateway"), "{body}")
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_html_page_with_status_200_is_not_json() {
    let answer = Canned::Reply {
        status: 200,
        content_type: "text/html",
        body: b"<html>maintenance</html>".to_vec(),
    };
    match detach_with(answer, |b| b).await {
        Error::NotJson { status: 200, .. } => {}
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn truncated_json_is_a_truncated_error() {
    let answer = Canned::json(r#"{"Response":{"ActivityId":"asa-1","Requ"#);
    match detach_with(answer, |b| b).await {
        Error::Truncated { status: 200, .. } => {}
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_answer_without_response_is_malformed() {
    match detach_with(Canned::json(r#"{"code":0,"data":{}}"#), |b| b).await {
        Error::Malformed {
            status: 200,
            detail,
            ..
        } => {
            assert!(detail.contains("Response"), "{detail}")
        }
        other => panic!("{other:?}"),
    }
}

/// A member of the wrong type, on line 2 of the body: every place the error reports is the one
/// in the whole body, not one relative to `Response` (the decoder fixes `position` but leaves
/// serde's relative "at line 1 column 21" in `detail`).
#[tokio::test]
async fn a_malformed_answer_reports_one_place_in_the_whole_body() {
    let server = server_with(Canned::json(
        "{\"Response\":\n  {\"TotalCount\": \"many\", \"AutoScalingGroupSet\": [], \"RequestId\": \"r\"}}",
    ))
    .await;
    let client = client_for(&server);
    match client.describe_auto_scaling_groups().await {
        Err(e @ Error::Malformed { .. }) => {
            let Error::Malformed {
                position, detail, ..
            } = &e
            else {
                unreachable!()
            };
            assert_eq!(position.line, 2, "{e}");
            assert!(
                detail.contains("TotalCount") || detail.contains("integer"),
                "{detail}"
            );
            let shown = e.to_string();
            for (i, _) in shown.match_indices("line ") {
                let number: String = shown[i + 5..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                assert_eq!(
                    number,
                    position.line.to_string(),
                    "the error reports two different places: {shown}"
                );
            }
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_oversized_answer_is_refused() {
    let limit = 4 * 1024;
    let declared = Canned::Huge {
        size: 1 << 20,
        declare: true,
    };
    match detach_with(declared, |b| b.max_body_bytes(limit)).await {
        Error::BodyTooLarge {
            status: 200,
            limit: l,
            declared: Some(size),
            ..
        } => {
            assert_eq!(l, limit);
            assert_eq!(size, 1 << 20);
        }
        other => panic!("{other:?}"),
    }
    let chunked = Canned::Huge {
        size: 1 << 20,
        declare: false,
    };
    match detach_with(chunked, |b| b.max_body_bytes(limit)).await {
        Error::BodyTooLarge {
            status: 200,
            declared: None,
            ..
        } => {}
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Retries
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn throttling_twice_then_success_takes_three_freshly_signed_attempts() {
    let server = server(vec![
        error_answer("RequestLimitExceeded", "slow down", "req-t1"),
        error_answer("RequestLimitExceeded", "slow down", "req-t2"),
        Canned::json(DETACHED),
    ])
    .await;
    let client = client(
        builder(&server.endpoint())
            .retry(fast(5))
            .time_source(ticking(T0)),
    );
    match client.detach_instances("asg-1", ["ins-1"]).await {
        Ok(output) => assert_eq!(output.activity_id, "asa-bcfxhy55"),
        Err(e) => panic!("detach: {e}"),
    }
    let received = server.received();
    assert_eq!(received.len(), 3, "three attempts");
    let signed: Vec<Verified> = received
        .iter()
        .map(|r| check_common(r, &server, "DetachInstances"))
        .collect();
    for pair in signed.windows(2) {
        assert!(
            pair[1].timestamp > pair[0].timestamp,
            "each attempt reads the clock afresh: {} then {}",
            pair[0].timestamp,
            pair[1].timestamp
        );
        assert_ne!(pair[0].signature, pair[1].signature, "a fresh signature");
    }
    // Each attempt's X-TC-Timestamp header is the one it was signed with.
    for (request, verified) in received.iter().zip(&signed) {
        assert_eq!(
            header(request, "x-tc-timestamp"),
            verified.timestamp.to_string()
        );
    }
}

#[tokio::test]
async fn per_ip_throttling_is_not_retried() {
    let server = server(vec![
        error_answer("RequestLimitExceeded.IPLimitExceeded", "ip", "req-ip"),
        Canned::json(DETACHED),
    ])
    .await;
    let client = client(builder(&server.endpoint()).retry(fast(5)));
    match client.detach_instances("asg-1", ["ins-1"]).await {
        Err(e) => {
            assert_eq!(e.attempts(), 1);
            match e {
                Error::Service(DetachInstancesError::Common(
                    CommonError::RequestLimitExceededIpLimitExceeded(meta),
                )) => assert_eq!(meta.request_id(), "req-ip"),
                other => panic!("{other:?}"),
            }
        }
        Ok(output) => panic!("retried into a success: {output:?}"),
    }
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn internal_error_is_retried_for_a_describe_action() {
    let server = server(vec![
        error_answer("InternalError", "oops", "req-i1"),
        error_answer("InternalError", "oops", "req-i2"),
        Canned::json(NO_GROUPS),
    ])
    .await;
    let client = client(builder(&server.endpoint()).retry(fast(3)));
    match client.describe_auto_scaling_groups().await {
        Ok(output) => assert_eq!(output.request_id, "req-groups"),
        Err(e) => panic!("describe: {e}"),
    }
    let received = server.received();
    assert_eq!(received.len(), 3);
    for request in &received {
        check_common(request, &server, "DescribeAutoScalingGroups");
    }
}

#[tokio::test]
async fn internal_error_is_not_retried_for_detach_instances() {
    let server = server(vec![
        error_answer("InternalError", "oops", "req-i3"),
        Canned::json(DETACHED),
    ])
    .await;
    let client = client(builder(&server.endpoint()).retry(fast(3)));
    match client.detach_instances("asg-1", ["ins-1"]).await {
        Err(e) => {
            assert_eq!(e.attempts(), 1);
            match e {
                Error::Service(DetachInstancesError::Common(CommonError::InternalError(meta))) => {
                    assert_eq!(meta.request_id(), "req-i3")
                }
                other => panic!("{other:?}"),
            }
        }
        Ok(output) => panic!("a non-idempotent action was retried: {output:?}"),
    }
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn the_final_error_after_retries_says_the_attempt_count() {
    let server = server(vec![
        error_answer("RequestLimitExceeded", "slow down", "req-f1"),
        error_answer("RequestLimitExceeded", "slow down", "req-f2"),
        error_answer("RequestLimitExceeded", "slow down", "req-f3"),
        Canned::json(DETACHED),
    ])
    .await;
    let client = client(builder(&server.endpoint()).retry(fast(3)));
    let error = match client.detach_instances("asg-1", ["ins-1"]).await {
        Err(e) => e,
        Ok(output) => panic!("{output:?}"),
    };
    assert_eq!(error.attempts(), 3);
    let shown = error.to_string();
    assert!(shown.contains("3 attempts"), "{shown}");
    assert_eq!(error.code().as_deref(), Some("RequestLimitExceeded"));
    assert_eq!(error.request_id(), Some("req-f3"));
    let earlier: Vec<_> = error.retries().earlier().iter().map(|a| a.code()).collect();
    assert_eq!(earlier, [Some("RequestLimitExceeded"); 2]);
    match error {
        Error::Service(DetachInstancesError::Common(CommonError::RequestLimitExceeded(meta))) => {
            assert_eq!(meta.request_id(), "req-f3", "the last attempt's answer")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.received().len(), 3);

    // A transient error of a Describe action, retried to the end.
    let second = server_with(error_answer("InternalError", "oops", "req-f4")).await;
    let describer = client_retrying(&second, 2);
    match describer.describe_auto_scaling_groups().await {
        Err(e) => {
            assert_eq!(e.attempts(), 2);
            assert!(matches!(
                e.as_service_error(),
                Some(DescribeAutoScalingGroupsError::Common(
                    CommonError::InternalError(_)
                ))
            ));
        }
        Ok(output) => panic!("{output:?}"),
    }
}

#[tokio::test]
async fn a_business_error_after_a_throttled_attempt_matches_as_itself() {
    let server = server(vec![
        error_answer("RequestLimitExceeded", "slow down", "req-b1"),
        error_answer(
            "ResourceInsufficient.InServiceInstanceBelowMinSize",
            "below the minimum",
            "req-b2",
        ),
    ])
    .await;
    let client = client(builder(&server.endpoint()).retry(fast(3)));
    let result = client.detach_instances("asg-1", ["ins-1"]).await;
    let error = match result {
        Err(Error::Service(
            DetachInstancesError::ResourceInsufficientInServiceInstanceBelowMinSize(meta),
        )) => {
            assert_eq!(meta.request_id(), "req-b2");
            assert_eq!(meta.retries().attempts(), 2);
            Error::Service(
                DetachInstancesError::ResourceInsufficientInServiceInstanceBelowMinSize(meta),
            )
        }
        other => panic!("the business error did not match as itself: {other:?}"),
    };
    assert_eq!(error.attempts(), 2);
    assert!(error.retried());
    assert_eq!(
        error.code().as_deref(),
        Some("ResourceInsufficient.InServiceInstanceBelowMinSize")
    );
    assert_eq!(error.message(), Some("below the minimum"));
    assert_eq!(error.request_id(), Some("req-b2"));
    match error.retries().earlier() {
        [first] => {
            assert_eq!(first.code(), Some("RequestLimitExceeded"));
            assert!(first.cause().contains("slow down"), "{first}");
        }
        other => panic!("{other:?}"),
    }
    assert!(error.to_string().ends_with("(after 2 attempts)"), "{error}");
    // Converted into the service-wide error, it keeps its attempts.
    let wide: Error<qcloud_as::v3::AutoScalingError> = error.into();
    assert_eq!(wide.attempts(), 2);
    assert_eq!(server.received().len(), 2);
}

// ---------------------------------------------------------------------------------------------
// Secrets, endpoints
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn debug_never_shows_the_secret_key_or_the_token() {
    let server = server(vec![
        error_answer("AuthFailure.SignatureFailure", "bad signature", "req-s1"),
        error_answer("RequestLimitExceeded", "slow down", "req-s2"),
    ])
    .await;
    let credentials = Credentials::new(SECRET_ID, SECRET_KEY).with_token(TOKEN);
    let client = client(builder(&server.endpoint()).credentials(credentials));
    let mut shown = vec![format!("{client:?}"), format!("{:?}", client.config())];
    match client.signed_request(&DetachInstancesRequest::new("asg-1", ["ins-1"]), T0) {
        Ok(signed) => {
            // The token is sent, but not shown.
            assert!(signed
                .headers
                .iter()
                .any(|(n, v)| *n == "X-TC-Token" && v == TOKEN));
            shown.push(format!("{signed:?}"));
            shown.push(format!("{signed:#?}"));
        }
        Err(e) => panic!("signed_request: {e}"),
    }
    match client.detach_instances("asg-1", ["ins-1"]).await {
        Err(e) => {
            shown.push(format!("{e:?}"));
            shown.push(e.to_string());
        }
        Ok(output) => panic!("{output:?}"),
    }
    let client = client_with_retries(&server);
    match client.describe_auto_scaling_groups().await {
        Err(e) => {
            shown.push(format!("{e:?}"));
            shown.push(e.to_string());
        }
        Ok(output) => panic!("{output:?}"),
    }
    for text in &shown {
        assert!(!text.contains(SECRET_KEY), "the secret key shows: {text}");
        assert!(!text.contains(TOKEN), "the token shows: {text}");
    }
    assert!(
        shown[0].contains(SECRET_ID),
        "the SecretId may show: {}",
        shown[0]
    );
}

fn client_with_retries(server: &CannedServer) -> Client {
    client(
        builder(&server.endpoint())
            .credentials(Credentials::new(SECRET_ID, SECRET_KEY).with_token(TOKEN))
            .retry(fast(2)),
    )
}

#[test]
fn the_default_endpoint_is_as_tencentcloudapi_com() {
    let config = match Config::builder()
        .region(REGION)
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .build()
    {
        Ok(config) => config,
        Err(e) => panic!("config: {e}"),
    };
    let client = match Client::new(config) {
        Ok(client) => client,
        Err(e) => panic!("client: {e}"),
    };
    assert_eq!(
        qcloud_as::v3::DEFAULT_ENDPOINT,
        "https://as.tencentcloudapi.com/"
    );
    assert_eq!(client.endpoint().url(), "https://as.tencentcloudapi.com/");
    assert_eq!(client.endpoint().host(), "as.tencentcloudapi.com");
    match client.signed_request(&DescribeAutoScalingGroupsRequest::new(), T0) {
        Ok(signed) => {
            assert_eq!(signed.url, "https://as.tencentcloudapi.com/");
            assert!(signed
                .headers
                .iter()
                .any(|(n, v)| *n == "Host" && v == "as.tencentcloudapi.com"));
        }
        Err(e) => panic!("signed_request: {e}"),
    }
}

#[tokio::test]
async fn an_endpoint_without_a_path_sends_to_the_root_not_the_v2_path() {
    for suffix in ["", "/"] {
        let server = server_with(Canned::json(DETACHED)).await;
        let endpoint = format!("{}{suffix}", server.endpoint());
        let client = client(builder(&endpoint));
        assert_eq!(client.endpoint().path(), "/");
        if let Err(e) = client.detach_instances("asg-1", ["ins-1"]).await {
            panic!("detach via {endpoint}: {e}");
        }
        let request = only_request(&server);
        assert_eq!(request.target, "/", "via {endpoint}");
        check_common(&request, &server, "DetachInstances");
    }
}

fn client_retrying(server: &CannedServer, attempts: u32) -> Client {
    client(builder(&server.endpoint()).retry(fast(attempts)))
}

/// The API 2.0 settings of a shared configuration (GET, HmacSHA1) do not change API 3.0
/// requests: still a TC3-signed JSON POST.
#[tokio::test]
async fn api_2_settings_do_not_apply() {
    let server = server_with(Canned::json(DETACHED)).await;
    let client = client(
        builder(&server.endpoint())
            .http_method(qcloud_as::HttpMethod::Get)
            .signature_method(qcloud_as::signing::SignatureMethod::HmacSha1),
    );
    if let Err(e) = client.detach_instances("asg-1", ["ins-1"]).await {
        panic!("detach: {e}");
    }
    let request = only_request(&server);
    check_common(&request, &server, "DetachInstances");
    assert_eq!(
        body_json(&request),
        json!({"AutoScalingGroupId": "asg-1", "InstanceIds": ["ins-1"]})
    );
}
