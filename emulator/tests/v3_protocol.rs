//! The API 3.0 endpoint on the wire: the envelope and its headers, TC3-HMAC-SHA256 and every
//! way a request is refused, with hand-built requests (signed here) for what the SDK never
//! sends.

mod common;

use common::v3::*;
use qcloud_as_emulator::state::Credential;
use qcloud_as_emulator::{Emulator, State, DEMO_SECRET_ID, DEMO_SECRET_KEY};
use std::collections::HashSet;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn demo() -> Result<Emulator, Box<dyn std::error::Error>> {
    Ok(Emulator::start(State::demo())?)
}

/// A request to list groups, signed as the SDKs sign.
fn list(emulator: &Emulator) -> Raw {
    let now = emulator_now(emulator);
    post("DescribeAutoScalingGroups", "{}")
        .signed(emulator, &Signer::sdk(DEMO_SECRET_ID, DEMO_SECRET_KEY, now))
}

fn is_uuid(id: &str) -> bool {
    let parts: Vec<&str> = id.split('-').collect();
    parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && parts
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[tokio::test]
async fn answers_are_200_json_with_fresh_request_ids() -> TestResult {
    let emulator = demo()?;
    let ok = list(&emulator).send(&emulator).await?;
    assert_eq!(ok.status, 200);
    assert_eq!(ok.content_type, "application/json");
    assert_eq!(ok.code(), "");
    assert_eq!(ok.json["Response"]["TotalCount"], 2);
    let refused = post("DescribeAutoScalingGroups", "{}")
        .send(&emulator)
        .await?;
    assert_eq!(refused.status, 200);
    assert_eq!(refused.content_type, "application/json");
    assert_eq!(refused.code(), "AuthFailure.InvalidAuthorization");
    let mut ids = HashSet::new();
    for answer in [&ok, &refused] {
        assert!(is_uuid(answer.request_id()), "{}", answer.json);
        ids.insert(answer.request_id().to_owned());
    }
    let again = list(&emulator).send(&emulator).await?;
    ids.insert(again.request_id().to_owned());
    assert_eq!(ids.len(), 3, "every answer has its own RequestId");
    // Another method: still the envelope.
    let put = Raw {
        method: "PUT",
        ..list(&emulator)
    }
    .send(&emulator)
    .await?;
    assert_eq!((put.status, put.code()), (200, "UnsupportedProtocol"));
    Ok(())
}

#[tokio::test]
async fn every_tc3_refusal() -> TestResult {
    let mut state = State::demo();
    let mut temporary = Credential::new("AKIDtemporary", "temporary-key");
    temporary.token = Some("session-token-1".into());
    state.credentials.push(temporary);
    let emulator = Emulator::start(state)?;
    let now = emulator_now(&emulator);
    let request = || post("DescribeAutoScalingGroups", "{}");
    let sdk = |timestamp| Signer::sdk(DEMO_SECRET_ID, DEMO_SECRET_KEY, timestamp);

    // A signature over another body, or with another key.
    let mut tampered = request().signed(&emulator, &sdk(now));
    tampered.body = br#"{"Limit": 1}"#.to_vec();
    let wrong_key = request().signed(&emulator, &Signer::sdk(DEMO_SECRET_ID, "other", now));
    // Timestamps: 300 s away is still fine, 301 s is not.
    let edge = request().signed(&emulator, &sdk(now - 300));
    let stale = request().signed(&emulator, &sdk(now - 301));
    let future = request().signed(&emulator, &sdk(now + 400));
    // A scope dated the day before (signed consistently with it), and another service.
    let yesterday = qcloud_as::protocol::v3::sign::utc_date(now - 86_400);
    let dated = Signer {
        date: Some(&yesterday),
        ..sdk(now)
    };
    let cvm = Signer {
        service: "cvm",
        ..sdk(now)
    };
    let unknown = Signer::sdk("AKIDnobody", DEMO_SECRET_KEY, now);
    let host_only = Signer {
        signed: &["host"],
        ..sdk(now)
    };
    let temporary = Signer::sdk("AKIDtemporary", "temporary-key", now);
    let cases: Vec<(&str, Raw, &str)> = vec![
        ("tampered body", tampered, "AuthFailure.SignatureFailure"),
        ("wrong key", wrong_key, "AuthFailure.SignatureFailure"),
        ("300 s old", edge, ""),
        ("301 s old", stale, "AuthFailure.SignatureExpire"),
        ("400 s ahead", future, "AuthFailure.SignatureExpire"),
        (
            "scope date",
            request().signed(&emulator, &dated),
            "AuthFailure.SignatureFailure",
        ),
        (
            "scope service",
            request().signed(&emulator, &cvm),
            "AuthFailure.SignatureFailure",
        ),
        (
            "unknown SecretId",
            request().signed(&emulator, &unknown),
            "AuthFailure.SecretIdNotFound",
        ),
        (
            "content-type not signed",
            request().signed(&emulator, &host_only),
            "AuthFailure.InvalidAuthorization",
        ),
        (
            "no token",
            request().signed(&emulator, &temporary),
            "AuthFailure.TokenFailure",
        ),
        (
            "wrong token",
            request()
                .set("X-TC-Token", "session-token-2")
                .signed(&emulator, &temporary),
            "AuthFailure.TokenFailure",
        ),
        (
            "right token",
            request()
                .set("X-TC-Token", "session-token-1")
                .signed(&emulator, &temporary),
            "",
        ),
        (
            "no Authorization",
            request(),
            "AuthFailure.InvalidAuthorization",
        ),
        (
            "another algorithm",
            request().set("Authorization", "HMAC-SHA256 Credential=x"),
            "AuthFailure.InvalidAuthorization",
        ),
        (
            "no timestamp",
            request()
                .signed(&emulator, &sdk(now))
                .without("X-TC-Timestamp"),
            "MissingParameter",
        ),
    ];
    for (what, raw, expected) in cases {
        let answer = raw.send(&emulator).await?;
        assert_eq!(answer.code(), expected, "{what}: {}", answer.json);
        assert_eq!(
            (answer.status, answer.content_type.as_str()),
            (200, "application/json")
        );
    }
    // Nothing refused reached the actions: only the two accepted requests were counted.
    assert_eq!(emulator.authenticated_requests(), 2);
    Ok(())
}

#[tokio::test]
async fn more_signed_headers_are_accepted() -> TestResult {
    let emulator = demo()?;
    let now = emulator_now(&emulator);
    // As the current documentation signs: `x-tc-action` too, its value lower-cased.
    let signer = Signer {
        signed: &["content-type", "host", "x-tc-action"],
        ..Signer::sdk(DEMO_SECRET_ID, DEMO_SECRET_KEY, now)
    };
    let raw = post("DescribeAutoScalingGroups", "{}").signed(&emulator, &signer);
    let auth = raw
        .headers
        .iter()
        .find(|(n, _)| n == "Authorization")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    assert!(
        auth.contains("SignedHeaders=content-type;host;x-tc-action"),
        "{auth}"
    );
    assert_eq!(raw.send(&emulator).await?.code(), "");
    // The signed action cannot be swapped for another.
    let swapped = raw.set("X-TC-Action", "DescribeAutoScalingInstances");
    assert_eq!(
        swapped.send(&emulator).await?.code(),
        "AuthFailure.SignatureFailure"
    );
    // A charset in the content type is fine, when it is what was signed.
    let charset = post("DescribeAutoScalingGroups", "{}")
        .set("Content-Type", "application/json; charset=utf-8")
        .signed(
            &emulator,
            &Signer::sdk(DEMO_SECRET_ID, DEMO_SECRET_KEY, now),
        );
    assert_eq!(charset.send(&emulator).await?.code(), "");
    Ok(())
}

#[tokio::test]
async fn actions_versions_and_parameters() -> TestResult {
    let emulator = demo()?;
    let now = emulator_now(&emulator);
    let sdk = Signer::sdk(DEMO_SECRET_ID, DEMO_SECRET_KEY, now);
    let send = |raw: Raw| {
        let emulator = &emulator;
        async move { raw.send(emulator).await }
    };
    let cases: Vec<(&str, Raw, &str)> = vec![
        (
            "unknown action",
            post("DescribeEverything", "{}"),
            "InvalidAction",
        ),
        (
            "no action",
            post("x", "{}").without("X-TC-Action"),
            "MissingParameter",
        ),
        (
            "wrong version",
            post("DescribeAutoScalingGroups", "{}").set("X-TC-Version", "2017-03-12"),
            "NoSuchVersion",
        ),
        (
            "no version",
            post("DescribeAutoScalingGroups", "{}").without("X-TC-Version"),
            "MissingParameter",
        ),
        (
            "no region",
            post("DescribeAutoScalingGroups", "{}").without("X-TC-Region"),
            "MissingParameter",
        ),
        (
            "unknown parameter",
            post("DescribeAutoScalingGroups", r#"{"Limt": 5}"#),
            "UnknownParameter",
        ),
        (
            "unknown nested parameter",
            post(
                "DescribeAutoScalingGroups",
                r#"{"Filters": [{"Name": "a", "Values": ["b"], "Nmae": 1}]}"#,
            ),
            "UnknownParameter",
        ),
        (
            "missing parameter",
            post(
                "DetachInstances",
                r#"{"AutoScalingGroupId": "asg-demo0001"}"#,
            ),
            "MissingParameter",
        ),
        (
            "wrong type",
            post("DescribeAutoScalingGroups", r#"{"Limit": "many"}"#),
            "InvalidParameter",
        ),
        (
            "not JSON",
            post("DescribeAutoScalingGroups", "{"),
            "InvalidParameter",
        ),
        (
            "not an object",
            post("DescribeAutoScalingGroups", "[1]"),
            "InvalidParameter",
        ),
        (
            "a form",
            post("DescribeAutoScalingGroups", "Limit=1")
                .set("Content-Type", "application/x-www-form-urlencoded"),
            "InvalidParameter",
        ),
        (
            "negative",
            post("DescribeAutoScalingGroups", r#"{"Limit": -1}"#),
            "InvalidParameterValue",
        ),
        (
            "implemented (no longer UnsupportedOperation)",
            post(
                "ScaleOutInstances",
                r#"{"AutoScalingGroupId": "asg-demo0001", "ScaleOutNumber": 1}"#,
            ),
            "",
        ),
        ("empty body", post("DescribeAutoScalingGroups", ""), ""),
    ];
    for (what, raw, expected) in cases {
        let answer = send(raw.signed(&emulator, &sdk)).await?;
        assert_eq!(answer.code(), expected, "{what}: {}", answer.json);
        assert!(is_uuid(answer.request_id()), "{what}: {}", answer.json);
    }
    // The message of a decoding error names the parameter.
    let unknown =
        send(post("DescribeAutoScalingGroups", r#"{"Limt": 5}"#).signed(&emulator, &sdk)).await?;
    let message = unknown.json["Response"]["Error"]["Message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains("Limt"), "{message}");
    Ok(())
}

#[tokio::test]
async fn get_with_the_parameters_in_the_query() -> TestResult {
    let emulator = demo()?;
    let now = emulator_now(&emulator);
    let sdk = Signer::sdk(DEMO_SECRET_ID, DEMO_SECRET_KEY, now);
    let query = "Filters.0.Name=auto-scaling-group-name&Filters.0.Values.0=web&Limit=10";
    let answer = get("DescribeAutoScalingGroups", query)
        .signed(&emulator, &sdk)
        .send(&emulator)
        .await?;
    assert_eq!(answer.code(), "", "{}", answer.json);
    assert_eq!(answer.json["Response"]["TotalCount"], 1);
    // The raw query is what is signed: the same parameters in another order are refused.
    let mut reordered = get("DescribeAutoScalingGroups", query).signed(&emulator, &sdk);
    reordered.query =
        "Limit=10&Filters.0.Name=auto-scaling-group-name&Filters.0.Values.0=web".into();
    assert_eq!(
        reordered.send(&emulator).await?.code(),
        "AuthFailure.SignatureFailure"
    );
    let protect =
        "AutoScalingGroupId=asg-demo0001&InstanceIds.0=ins-demo0001&ProtectedFromScaleIn=true";
    let answer = get("SetInstancesProtection", protect)
        .signed(&emulator, &sdk)
        .send(&emulator)
        .await?;
    assert_eq!(answer.code(), "", "{}", answer.json);
    assert!(emulator.state().scaling_groups[0].instances[0].protected_from_scale_in);
    let gap = get("DescribeAutoScalingInstances", "InstanceIds.1=ins-demo0001")
        .signed(&emulator, &sdk)
        .send(&emulator)
        .await?;
    assert_eq!(gap.code(), "InvalidParameter");
    Ok(())
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused_as_on_the_v2_path() -> TestResult {
    let emulator = demo()?;
    let big = crate::common::http()
        .post(emulator.v3_url())
        .header("content-type", "application/json")
        .header("x-tc-action", "DescribeAutoScalingGroups")
        .body(vec![b' '; qcloud_as_emulator::MAX_BODY_BYTES + 1])
        .send()
        .await?;
    assert_eq!(big.status(), 413);
    // The API 2.0 path is where it was.
    let v2 = crate::common::http().get(emulator.api_url()).send().await?;
    assert_eq!(v2.status(), 200);
    let body: serde_json::Value = serde_json::from_slice(&v2.bytes().await?)?;
    assert_eq!(body["codeDesc"], "MissingParameter");
    Ok(())
}
