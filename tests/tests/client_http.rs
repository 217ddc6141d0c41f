//! The client against a canned HTTP server on 127.0.0.1: what it sends (signed, encoded) and
//! how it decodes every kind of answer, including broken ones. Retries are off here, so each
//! test sees one answer's decoding; `reliability.rs` tests retries.

use qcloud_as::operation::create_scaling_group::{
    CreateScalingGroupRequest, CreateScalingGroupRequired,
};
use qcloud_as::operation::describe_scaling_instance::DescribeScalingInstanceError;
use qcloud_as::operation::detach_instance::{DetachInstanceError, KeepInstance};
use qcloud_as::signing::{sign, string_to_sign, SignatureMethod};
use qcloud_as::types::{CreationType, LifeCycleState, RemovePolicy};
use qcloud_as::types::{ForwardLbInfo, ForwardLbInfoRequired, RsInfo};
use qcloud_as::{
    AutoScalingError, Client, CommonError, Config, ConfigError, Credentials, Error, HttpMethod,
};
use qcloud_as_tests::{Canned, CannedServer};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const SECRET_ID: &str = "AKIDtestsecretid";
const SECRET_KEY: &str = "test-secret-key-0123456789";

fn client_for(server: &CannedServer) -> Client {
    client_with(server, |b| b)
}

fn client_with(
    server: &CannedServer,
    tweak: impl FnOnce(qcloud_as::ConfigBuilder) -> qcloud_as::ConfigBuilder,
) -> Client {
    let builder = Config::builder()
        .region("gz")
        .endpoint(server.endpoint())
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .retry(qcloud_as::RetryConfig::disabled())
        .timeout(Duration::from_secs(10));
    let config = match tweak(builder).build() {
        Ok(config) => config,
        Err(e) => panic!("config: {e}"),
    };
    match Client::new(config) {
        Ok(client) => client,
        Err(e) => panic!("client: {e}"),
    }
}

async fn server(answers: Vec<Canned>) -> CannedServer {
    match CannedServer::start(answers).await {
        Ok(server) => server,
        Err(e) => panic!("cannot start the canned server: {e}"),
    }
}

async fn detach_with_answer(answer: Canned) -> Result<(), Error<DetachInstanceError>> {
    let server = server(vec![answer]).await;
    client_for(&server)
        .detach_instance("asg-d4hmoms6", ["ins-5u97n5re"])
        .send()
        .await
        .map(|_| ())
}

#[tokio::test]
async fn success_with_code_as_a_string() {
    let result = detach_with_answer(Canned::json(
        r#"{"code":"0","message":"","codeDesc":"Success"}"#,
    ))
    .await;
    assert!(result.is_ok(), "{result:?}");
}

#[tokio::test]
async fn success_with_integer_code_and_empty_list_data() {
    let result = detach_with_answer(Canned::json(
        r#"{"code":0,"message":"","codeDesc":"Success","data":[]}"#,
    ))
    .await;
    assert!(result.is_ok(), "{result:?}");
}

#[tokio::test]
async fn output_decodes_numbers_sent_as_strings() {
    let server = server(vec![Canned::json(
        r#"{"code":"0","message":"","codeDesc":"Success","data":{"totalCount":"2","scalingInstancesSet":[
            {"instanceId":"ins-1","healthStatus":"Healthy","creationType":"Auto","lifeCycleState":"InService","protectedFromScaleIn":"0","addTime":"2026-01-01 00:00:00"},
            {"instanceId":"ins-2","healthStatus":"Healthy","creationType":"Manual","lifeCycleState":"InService","addTime":"2026-01-01 00:00:00"}]}}"#,
    )])
    .await;
    let output = client_for(&server)
        .describe_scaling_instance("asg-d4hmoms6")
        .limit(10)
        .send()
        .await;
    let output = match output {
        Ok(output) => output,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(output.total_count, 2);
    assert_eq!(output.scaling_instances_set.len(), 2);
    assert_eq!(
        output.scaling_instances_set[0].protected_from_scale_in,
        Some(0)
    );
    assert_eq!(
        output.scaling_instances_set[1].protected_from_scale_in,
        None
    );
    assert_eq!(
        output.scaling_instances_set[1].creation_type,
        CreationType::Manual
    );
}

#[tokio::test]
async fn business_error_maps_to_its_variant_and_keeps_everything() {
    let result = detach_with_answer(Canned::json(
        r#"{"code":"4000","codeDesc":"InvalidParameter.ScalingGroupIdError","message":"(100004)scalingGroupId is incorrect"}"#,
    ))
    .await;
    let Err(Error::Service(error)) = result else {
        panic!("expected a service error, got {result:?}");
    };
    assert!(
        matches!(
            error,
            DetachInstanceError::InvalidParameterScalingGroupIdError(_)
        ),
        "{error:?}"
    );
    assert_eq!(error.code(), 4000);
    assert_eq!(error.code_desc(), "InvalidParameter.ScalingGroupIdError");
    assert_eq!(error.message(), "(100004)scalingGroupId is incorrect");
    assert_eq!(error.meta().module_code(), Some("100004"));
    assert_eq!(error.meta().message_text(), "scalingGroupId is incorrect");
    let shown = error.to_string();
    for part in [
        "4000",
        "InvalidParameter.ScalingGroupIdError",
        "(100004)scalingGroupId is incorrect",
    ] {
        assert!(shown.contains(part), "{shown:?} lacks {part:?}");
    }
    let source: &dyn std::error::Error = &error;
    assert_eq!(source.to_string(), shown);
}

#[tokio::test]
async fn common_code_without_a_known_code_desc_maps_to_the_common_variant() {
    let result = detach_with_answer(Canned::json(
        r#"{"code":4100,"message":"(4100)signature mismatch"}"#,
    ))
    .await;
    let Err(Error::Service(DetachInstanceError::Common(CommonError::AuthFailure(meta)))) = result
    else {
        panic!("expected AuthFailure, got {result:?}");
    };
    assert_eq!(meta.code(), 4100);
    assert_eq!(meta.code_desc(), "");
    assert_eq!(meta.to_string(), "code 4100: (4100)signature mismatch");
}

#[tokio::test]
async fn unknown_code_is_unhandled_and_keeps_the_raw_fields() {
    let result = detach_with_answer(Canned::json(
        r#"{"code":"9999","codeDesc":"Something.New","message":"new"}"#,
    ))
    .await;
    let Err(Error::Service(DetachInstanceError::Unhandled(meta))) = result else {
        panic!("expected Unhandled, got {result:?}");
    };
    assert_eq!(
        (meta.code(), meta.code_desc(), meta.message()),
        (9999, "Something.New", "new")
    );
}

#[tokio::test]
async fn action_without_business_errors_still_maps_common_codes() {
    let server = server(vec![Canned::json(
        r#"{"code":4400,"codeDesc":"RequestLimitExceeded","message":"slow down"}"#,
    )])
    .await;
    let result = client_for(&server)
        .describe_scaling_instance("asg-1")
        .send()
        .await;
    assert!(
        matches!(
            result,
            Err(Error::Service(DescribeScalingInstanceError::Common(
                CommonError::RequestLimitExceeded(_)
            )))
        ),
        "{result:?}"
    );
}

#[tokio::test]
async fn non_200_status_keeps_status_and_body_start() {
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let result = detach_with_answer(Canned::Reply {
        status: 502,
        content_type: "text/html",
        body: html.as_bytes().to_vec(),
    })
    .await;
    let Err(Error::HttpStatus { status, body, .. }) = &result else {
        panic!("expected HttpStatus, got {result:?}");
    };
    assert_eq!(*status, 502);
    assert_eq!(body.text(), html);
    assert!(result
        .as_ref()
        .err()
        .map(ToString::to_string)
        .unwrap_or_default()
        .contains("502"));
}

#[tokio::test]
async fn html_body_with_status_200_is_not_json() {
    let result = detach_with_answer(Canned::Reply {
        status: 200,
        content_type: "text/html",
        body: b"<html>gateway</html>".to_vec(),
    })
    .await;
    let Err(Error::NotJson {
        status,
        position,
        body,
        ..
    }) = &result
    else {
        panic!("expected NotJson, got {result:?}");
    };
    assert_eq!(*status, 200);
    assert_eq!((position.line, position.column), (1, 1));
    assert_eq!(body.text(), "<html>gateway</html>");
}

#[tokio::test]
async fn truncated_json_is_its_own_error() {
    let result = detach_with_answer(Canned::json(r#"{"code":"0","message":"","codeD"#)).await;
    let Err(Error::Truncated { status, body, .. }) = &result else {
        panic!("expected Truncated, got {result:?}");
    };
    assert_eq!(*status, 200);
    assert_eq!(body.text(), r#"{"code":"0","message":"","codeD"#);
}

#[tokio::test]
async fn long_bodies_are_cut_but_their_length_kept() {
    let body = format!("<html>{}</html>", "x".repeat(10_000));
    let result = detach_with_answer(Canned::Reply {
        status: 503,
        content_type: "text/html",
        body: body.as_bytes().to_vec(),
    })
    .await;
    let Err(Error::HttpStatus { body: start, .. }) = &result else {
        panic!("expected HttpStatus, got {result:?}");
    };
    assert_eq!(start.text().len(), qcloud_as::BODY_START_LEN);
    assert_eq!(start.total_len(), body.len());
}

#[tokio::test]
async fn envelope_without_code_is_malformed() {
    let result = detach_with_answer(Canned::json(r#"{"message":"","codeDesc":"Success"}"#)).await;
    let Err(Error::Malformed { detail, .. }) = &result else {
        panic!("expected Malformed, got {result:?}");
    };
    assert!(detail.contains("code"), "{detail}");
}

#[tokio::test]
async fn data_of_the_wrong_shape_names_the_field_and_its_place_in_the_body() {
    let server = server(vec![Canned::json(
        "{\"code\":0,\n\"data\":{\"totalCount\":\"many\",\"scalingInstancesSet\":[]}}",
    )])
    .await;
    let result = client_for(&server)
        .describe_scaling_instance("asg-1")
        .send()
        .await;
    let Err(Error::Malformed {
        detail, position, ..
    }) = &result
    else {
        panic!("expected Malformed, got {result:?}");
    };
    assert!(detail.contains("many"), "{detail}");
    assert_eq!(position.line, 2, "{position}");
}

#[tokio::test]
async fn missing_required_output_field_is_malformed() {
    let server = server(vec![Canned::json(r#"{"code":0,"data":{"totalCount":1}}"#)]).await;
    let result = client_for(&server)
        .describe_scaling_instance("asg-1")
        .send()
        .await;
    let Err(Error::Malformed { detail, .. }) = &result else {
        panic!("expected Malformed, got {result:?}");
    };
    assert!(detail.contains("scalingInstancesSet"), "{detail}");
}

#[tokio::test]
async fn dropped_connection_is_a_transport_error() {
    let result = detach_with_answer(Canned::Drop).await;
    assert!(matches!(result, Err(Error::Transport(_))), "{result:?}");
}

#[tokio::test]
async fn no_server_is_a_connect_error() {
    let client = match Config::builder()
        .region("gz")
        .endpoint("http://127.0.0.1:9")
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .retry(qcloud_as::RetryConfig::disabled())
        .build()
        .map(Client::new)
    {
        Ok(Ok(client)) => client,
        other => panic!("{other:?}"),
    };
    let result = client.detach_instance("asg-1", ["ins-1"]).send().await;
    let Err(Error::Transport(e)) = &result else {
        panic!("expected Transport, got {result:?}");
    };
    assert_eq!(e.kind(), qcloud_as::TransportErrorKind::Connect);
}

#[tokio::test]
async fn invalid_request_is_refused_before_sending() {
    let server = server(vec![Canned::json(r#"{"code":0}"#)]).await;
    let client = client_for(&server);
    let no_ids: [&str; 0] = [];
    let result = client.detach_instance("asg-1", no_ids).send().await;
    let Err(Error::Validation(e)) = &result else {
        panic!("expected Validation, got {result:?}");
    };
    assert_eq!(e.parameter(), "instanceIds");
    assert!(e.to_string().contains("instanceIds"), "{e}");

    let bad_port = CreateScalingGroupRequest::new(CreateScalingGroupRequired {
        scaling_configuration_id: "asc-1".into(),
        scaling_group_name: "web".into(),
        min_size: 1,
        max_size: 2,
        remove_policy: RemovePolicy::RemoveOldestInstance,
        vpc_id: "0".into(),
    })
    .forward_lb_infos([ForwardLbInfo::new(ForwardLbInfoRequired {
        load_balancer_id: "lb-1".into(),
        listener_id: "lbl-1".into(),
        rs_info_set: vec![RsInfo::new(70000, 10)],
    })]);
    let result = client.execute(&bad_port).await;
    let Err(Error::Validation(e)) = &result else {
        panic!("expected Validation, got {result:?}");
    };
    assert_eq!(e.parameter(), "forwardLBInfos.0.rsInfoSet.0.port");
    assert!(e.problem().contains("between 1 and 65535"), "{e}");

    assert!(server.received().is_empty(), "nothing may be sent");
}

/// Checks the signature of a received request the way a server does.
fn assert_signed(recorded: &qcloud_as_tests::Recorded, method: &str, sig: SignatureMethod) {
    let params = recorded.params();
    let host = recorded.header("host").unwrap_or_default();
    let path = recorded.target.split('?').next().unwrap_or_default();
    let signature = params
        .iter()
        .find(|(n, _)| n == "Signature")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let expected = sign(
        SECRET_KEY,
        &string_to_sign(method, host, path, &params),
        sig,
    );
    assert_eq!(signature, expected, "signature of {params:?}");
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[tokio::test]
async fn post_request_is_a_signed_form_with_the_common_parameters() {
    let server = server(vec![Canned::json(r#"{"code":0}"#)]).await;
    let result = client_for(&server)
        .detach_instance("asg-d4hmoms6", ["ins-5u97n5re", "ins-09dx96dg"])
        .send()
        .await;
    assert!(result.is_ok(), "{result:?}");
    let received = server.received();
    assert_eq!(received.len(), 1);
    let request = &received[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, "/v2/index.php");
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let params = request.params();
    assert_eq!(param(&params, "Action"), Some("DetachInstance"));
    assert_eq!(param(&params, "Region"), Some("gz"));
    assert_eq!(param(&params, "SecretId"), Some(SECRET_ID));
    assert_eq!(param(&params, "SignatureMethod"), Some("HmacSHA256"));
    assert_eq!(param(&params, "scalingGroupId"), Some("asg-d4hmoms6"));
    assert_eq!(param(&params, "instanceIds.0"), Some("ins-5u97n5re"));
    assert_eq!(param(&params, "instanceIds.1"), Some("ins-09dx96dg"));
    assert_eq!(
        param(&params, "keepInstance"),
        None,
        "unset optionals are not sent"
    );
    assert_eq!(param(&params, "Token"), None);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let timestamp: u64 = param(&params, "Timestamp")
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    assert!(
        now.abs_diff(timestamp) < 60,
        "Timestamp {timestamp} vs now {now}"
    );
    let nonce: u64 = param(&params, "Nonce")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!((1..=i64::MAX as u64).contains(&nonce), "Nonce {nonce}");
    assert_signed(request, "POST", SignatureMethod::HmacSha256);
}

#[tokio::test]
async fn get_with_hmac_sha1_and_a_session_token() {
    let server = server(vec![Canned::json(r#"{"code":0}"#)]).await;
    let client = client_with(&server, |b| {
        b.http_method(HttpMethod::Get)
            .signature_method(SignatureMethod::HmacSha1)
            .credentials(Credentials::new(SECRET_ID, SECRET_KEY).with_token("session+token/="))
    });
    let result = client
        .detach_instance("asg-1", ["ins-1 with space", "ins-中文"])
        .keep_instance(KeepInstance::Keep)
        .send()
        .await;
    assert!(result.is_ok(), "{result:?}");
    let received = server.received();
    let request = &received[0];
    assert_eq!(request.method, "GET");
    assert!(request.body.is_empty());
    let params = request.params();
    assert_eq!(param(&params, "SignatureMethod"), Some("HmacSHA1"));
    assert_eq!(param(&params, "Token"), Some("session+token/="));
    assert_eq!(param(&params, "keepInstance"), Some("1"));
    assert_eq!(param(&params, "instanceIds.0"), Some("ins-1 with space"));
    assert_eq!(param(&params, "instanceIds.1"), Some("ins-中文"));
    assert_signed(request, "GET", SignatureMethod::HmacSha1);
}

#[tokio::test]
async fn nested_lists_of_structs_are_flattened() {
    let server = server(vec![Canned::json(
        r#"{"code":0,"data":{"scalingGroupIdSet":["asg-hz5v140t"]}}"#,
    )])
    .await;
    let output = client_for(&server)
        .create_scaling_group(CreateScalingGroupRequired {
            scaling_configuration_id: "asc-1".into(),
            scaling_group_name: "web".into(),
            min_size: 1,
            max_size: 3,
            remove_policy: RemovePolicy::RemoveNewestInstance,
            vpc_id: "vpc-1".into(),
        })
        .subnet_ids(["subnet-1", "subnet-2"])
        .forward_lb_infos([ForwardLbInfo::new(ForwardLbInfoRequired {
            load_balancer_id: "lb-1".into(),
            listener_id: "lbl-1".into(),
            rs_info_set: vec![RsInfo::new(80, 10)],
        })
        .location_id("loc-1")])
        .send()
        .await;
    match output {
        Ok(output) => assert_eq!(output.scaling_group_id_set, vec!["asg-hz5v140t".to_owned()]),
        Err(e) => panic!("{e}"),
    }
    let params = server.received()[0].params();
    for (name, value) in [
        ("minSize", "1"),
        ("maxSize", "3"),
        ("removePolicy", "RemoveNewestInstance"),
        ("subnetIds.1", "subnet-2"),
        ("forwardLBInfos.0.loadBalancerId", "lb-1"),
        ("forwardLBInfos.0.listenerId", "lbl-1"),
        ("forwardLBInfos.0.locationId", "loc-1"),
        ("forwardLBInfos.0.rsInfoSet.0.port", "80"),
        ("forwardLBInfos.0.rsInfoSet.0.weight", "10"),
    ] {
        assert_eq!(param(&params, name), Some(value), "{name} in {params:?}");
    }
}

#[tokio::test]
async fn two_requests_get_different_nonces() {
    let server = server(vec![Canned::json(r#"{"code":0}"#)]).await;
    let client = client_for(&server);
    for _ in 0..2 {
        let result = client.detach_instance("asg-1", ["ins-1"]).send().await;
        assert!(result.is_ok(), "{result:?}");
    }
    let nonces: Vec<String> = server
        .received()
        .iter()
        .map(|r| param(&r.params(), "Nonce").unwrap_or_default().to_owned())
        .collect();
    assert_eq!(nonces.len(), 2);
    assert_ne!(nonces[0], nonces[1]);
}

#[test]
fn missing_region_is_a_clear_error() {
    // No environment: `TENCENTCLOUD_REGION` and tccli's profile would supply one.
    let result = Config::builder()
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .environment(|_| None)
        .build();
    let Err(e) = result else {
        panic!("a config without region must fail")
    };
    assert!(matches!(e, ConfigError::MissingRegion));
    assert!(e.to_string().contains("region"), "{e}");
}

#[test]
fn endpoint_defaults_to_https_and_plain_http_only_when_asked() {
    let config = Config::builder()
        .region("gz")
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .build();
    let Ok(config) = config else {
        panic!("{config:?}")
    };
    assert_eq!(
        config.endpoint().url(),
        "https://scaling.api.qcloud.com/v2/index.php"
    );
    assert!(!config.endpoint().is_plain_http());
    assert_eq!(config.signature_method(), SignatureMethod::HmacSha256);
    assert_eq!(config.http_method(), HttpMethod::Post);

    let local = qcloud_as::Endpoint::parse("http://127.0.0.1:8080");
    let Ok(local) = local else {
        panic!("{local:?}")
    };
    assert!(local.is_plain_http());
    assert_eq!(local.host(), "127.0.0.1:8080");
    assert_eq!(local.path(), "/v2/index.php");

    for bad in ["ftp://x", "127.0.0.1:80", "https://", "https://h/p?q=1"] {
        let result = qcloud_as::Endpoint::parse(bad);
        assert!(
            matches!(result, Err(ConfigError::InvalidEndpoint { .. })),
            "{bad}: {result:?}"
        );
    }
}

#[test]
fn debug_output_never_shows_the_secret_key_or_token() {
    let config = Config::builder()
        .region("gz")
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY).with_token("the-session-token"))
        .build();
    let Ok(config) = config else {
        panic!("{config:?}")
    };
    let client = Client::new(config);
    let Ok(client) = client else {
        panic!("{client:?}")
    };
    let shown = format!("{client:?} {:?}", client.config());
    assert!(shown.contains(SECRET_ID));
    assert!(!shown.contains(SECRET_KEY), "{shown}");
    assert!(!shown.contains("the-session-token"), "{shown}");
}

#[tokio::test]
async fn empty_list_data_with_spaces_is_no_output_but_other_lists_are_malformed() {
    let ok = detach_with_answer(Canned::json(r#"{"code":0,"data":[ ]}"#)).await;
    assert!(ok.is_ok(), "{ok:?}");
    let server = server(vec![Canned::json(r#"{"code":0,"data":[3,[]]}"#)]).await;
    let result = client_for(&server)
        .describe_scaling_instance("asg-1")
        .send()
        .await;
    let Err(Error::Malformed {
        detail, position, ..
    }) = &result
    else {
        panic!("expected Malformed, got {result:?}");
    };
    assert!(detail.contains("non-empty list"), "{detail}");
    assert_eq!((position.line, position.column), (1, 18), "{position}"); // the `[`
}

#[tokio::test]
async fn redirects_are_reported_not_followed() {
    let server = server(vec![Canned::Reply {
        status: 302,
        content_type: "text/html",
        body: b"<a href=\"/elsewhere\">moved</a>".to_vec(),
    }])
    .await;
    let result = client_for(&server)
        .detach_instance("asg-1", ["ins-1"])
        .send()
        .await;
    assert!(
        matches!(result, Err(Error::HttpStatus { status: 302, .. })),
        "{result:?}"
    );
    assert_eq!(server.received().len(), 1, "nothing may be re-sent");
}

#[tokio::test]
async fn transport_errors_of_get_requests_do_not_show_the_token() {
    let server = server(vec![Canned::Drop]).await;
    let client = client_with(&server, |b| {
        b.http_method(HttpMethod::Get)
            .credentials(Credentials::new(SECRET_ID, SECRET_KEY).with_token("secret-session-token"))
    });
    let result = client.detach_instance("asg-1", ["ins-1"]).send().await;
    let Err(error @ Error::Transport(_)) = &result else {
        panic!("expected Transport, got {result:?}");
    };
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("secret-session-token"), "{shown}");
    assert!(!shown.contains("Signature"), "{shown}");
}

#[test]
fn endpoint_host_is_normalised_as_the_host_header_sends_it() {
    for (url, host, path) in [
        (
            "https://Scaling.API.qcloud.com",
            "scaling.api.qcloud.com",
            "/v2/index.php",
        ),
        (
            "https://scaling.api.qcloud.com:443/v2/index.php",
            "scaling.api.qcloud.com",
            "/v2/index.php",
        ),
        ("http://127.0.0.1:80/", "127.0.0.1", "/v2/index.php"),
        ("http://[::1]:8080/custom", "[::1]:8080", "/custom"),
    ] {
        let parsed = qcloud_as::Endpoint::parse(url);
        let Ok(endpoint) = parsed else {
            panic!("{url}: {parsed:?}")
        };
        assert_eq!((endpoint.host(), endpoint.path()), (host, path), "{url}");
    }
}

#[tokio::test]
async fn enum_values_the_spec_does_not_list_decode_and_come_back_unchanged() {
    let instance = r#"{"instanceId":"ins-1","healthStatus":"Sickly","creationType":"Auto","lifeCycleState":"Hibernating","addTime":"2026-01-01 00:00:00"}"#;
    let server = server(vec![Canned::json(&format!(
        r#"{{"code":0,"data":{{"totalCount":1,"scalingInstancesSet":[{instance}]}}}}"#
    ))])
    .await;
    let output = match client_for(&server)
        .describe_scaling_instance("asg-1")
        .send()
        .await
    {
        Ok(output) => output,
        Err(e) => panic!("{e}"),
    };
    let item = &output.scaling_instances_set[0];
    assert_eq!(item.creation_type, CreationType::Auto);
    assert!(item.health_status.is_unknown(), "{:?}", item.health_status);
    assert_eq!(item.health_status.as_str(), "Sickly");
    assert!(matches!(item.life_cycle_state, LifeCycleState::Unknown(_)));
    assert_eq!(item.life_cycle_state.to_string(), "Hibernating");
    // Encoded again, the item is what was received.
    let again = serde_json::to_value(item).unwrap_or_default();
    let received: serde_json::Value = serde_json::from_str(instance).unwrap_or_default();
    assert_eq!(again, received);
}

/// Two actions' errors meet in one function with `?`, through the service-wide error.
async fn detach_then_describe(client: &Client) -> Result<i64, Error<AutoScalingError>> {
    client.detach_instance("asg-1", ["ins-1"]).send().await?;
    let output = client.describe_scaling_instance("asg-1").send().await?;
    Ok(output.total_count)
}

#[tokio::test]
async fn errors_of_different_actions_convert_into_the_service_wide_error() {
    let server = server(vec![
        Canned::json(r#"{"code":0}"#),
        Canned::json(
            r#"{"code":4000,"codeDesc":"InvalidParameter.ScalingGroupIdError","message":"(4000)no group"}"#,
        ),
    ])
    .await;
    let client = client_for(&server);
    let result = detach_then_describe(&client).await;
    // DescribeScalingInstance lists no business error, but the service knows this one.
    let Err(Error::Service(AutoScalingError::InvalidParameterScalingGroupIdError(meta))) = &result
    else {
        panic!("expected the service-wide business variant, got {result:?}");
    };
    assert_eq!(meta.message(), "(4000)no group");
    let error = result.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        error.contains("InvalidParameter.ScalingGroupIdError"),
        "{error}"
    );

    let action_error = DetachInstanceError::from(qcloud_as::ServiceError::new(
        4400,
        "RequestLimitExceeded",
        "slow down",
    ));
    assert!(matches!(
        AutoScalingError::from(action_error),
        AutoScalingError::Common(CommonError::RequestLimitExceeded(_))
    ));
}

#[tokio::test]
async fn errors_that_wrap_another_return_it_as_their_source() {
    use std::error::Error as _;
    let result = detach_with_answer(Canned::json(
        r#"{"code":4000,"codeDesc":"InvalidParameter.InstanceIdError","message":"(4000)no"}"#,
    ))
    .await;
    let Err(error) = result else {
        panic!("expected an error");
    };
    let source = error.source().map(ToString::to_string);
    assert_eq!(
        source.as_deref(),
        Some("InvalidParameter.InstanceIdError (code 4000): (4000)no")
    );

    let no_ids: [&str; 0] = [];
    let server = server(vec![Canned::json(r#"{"code":0}"#)]).await;
    let result = client_for(&server)
        .detach_instance("asg-1", no_ids)
        .send()
        .await;
    let source = result
        .err()
        .and_then(|e| e.source().map(ToString::to_string));
    assert_eq!(
        source.as_deref(),
        Some("parameter `instanceIds` must hold at least 1 item(s), got 0")
    );
}

#[tokio::test]
async fn a_code_out_of_range_is_malformed_where_it_is() {
    let result = detach_with_answer(Canned::json(r#"{"code":1e400,"message":"x"}"#)).await;
    let Err(Error::Malformed {
        position, detail, ..
    }) = &result
    else {
        panic!("expected Malformed, got {result:?}");
    };
    assert_eq!((position.line, position.column), (1, 9), "{detail}");
    assert!(detail.contains("field `code` is 1e400"), "{detail}");
}

#[tokio::test]
async fn data_null_or_absent_is_reported_where_it_is() {
    let server = server(vec![
        Canned::json("{\"code\":0,\n \"data\":null}"),
        Canned::json(r#"{"code":0,"message":""}"#),
    ])
    .await;
    let client = client_for(&server);
    let null = client.describe_scaling_instance("asg-1").send().await;
    let Err(Error::Malformed {
        position, detail, ..
    }) = &null
    else {
        panic!("expected Malformed, got {null:?}");
    };
    assert_eq!((position.line, position.column), (2, 9), "{detail}");
    assert!(detail.starts_with("field `data` is null"), "{detail}");
    assert!(detail.contains("totalCount"), "{detail}");

    let absent = client.describe_scaling_instance("asg-1").send().await;
    let Err(Error::Malformed {
        position, detail, ..
    }) = &absent
    else {
        panic!("expected Malformed, got {absent:?}");
    };
    // The envelope's closing brace: where `data` should have been.
    assert_eq!((position.line, position.column), (1, 23), "{detail}");
    assert_eq!(detail, "field `data` is absent: missing field `totalCount`");
}

#[tokio::test]
async fn an_invalid_byte_in_the_message_keeps_the_answers_code() {
    let mut body =
        br#"{"code":4000,"codeDesc":"InvalidParameter.InstanceIdError","message":"bad "#.to_vec();
    body.push(0xff);
    body.extend_from_slice(br#" byte"}"#);
    let result = detach_with_answer(Canned::Reply {
        status: 200,
        content_type: "application/json",
        body,
    })
    .await;
    let Err(Error::Service(DetachInstanceError::InvalidParameterInstanceIdError(meta))) = &result
    else {
        panic!("expected the business error, got {result:?}");
    };
    assert_eq!(meta.message(), "bad \u{fffd} byte");
}
