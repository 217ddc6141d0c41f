//! TC3-HMAC-SHA256 (API 3.0) signing vectors made with the official Python SDK.
//!
//! Every line of `tests/fixtures/tc3-vectors.jsonl` was produced by
//! `tests/fixtures/tc3_vectors.py` with `tencentcloud-sdk-python-common` (the version is in each
//! line's `sdk` field; the script's docstring says how to regenerate the file). Each vector is
//! checked step by step against `qcloud_as::protocol::v3::sign`: payload hash, canonical request,
//! its hash, UTC date, scope, string to sign, signature, `Authorization` (from the parts and from
//! `sign_request`), and that `parse_authorization` reads the header back.

use qcloud_as::protocol::v3::sign::{
    authorization, canonical_request, credential_scope, hashed_payload, parse_authorization,
    sign_request, signature, signed_headers, signing_key, string_to_sign, utc_date, RequestToSign,
    SDK_SIGNED_HEADERS, UNSIGNED_PAYLOAD,
};
use serde::Deserialize;

const FIXTURE: &str = include_str!("fixtures/tc3-vectors.jsonl");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Vector {
    name: String,
    source: String,
    sdk: String,
    secret_id: String,
    secret_key: String,
    token: Option<String>,
    service: String,
    method: String,
    host: String,
    content_type: String,
    query: String,
    body: String,
    unsigned_payload: bool,
    timestamp: u64,
    date: String,
    hashed_payload: String,
    canonical_request: String,
    canonical_request_hash: String,
    string_to_sign: String,
    signature: String,
    authorization: String,
}

fn vectors() -> Vec<Vector> {
    FIXTURE
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("tc3-vectors.jsonl line {}: {e}", i + 1))
        })
        .collect()
}

fn check(v: &Vector) {
    let name = &v.name;
    let payload = if v.unsigned_payload {
        UNSIGNED_PAYLOAD.as_bytes()
    } else {
        v.body.as_bytes()
    };
    let payload_hash = hashed_payload(payload);
    assert_eq!(payload_hash, v.hashed_payload, "{name}: hashed payload");

    let headers = [
        ("Content-Type", v.content_type.as_str()),
        ("Host", v.host.as_str()),
    ];
    assert_eq!(
        signed_headers(&headers),
        SDK_SIGNED_HEADERS,
        "{name}: signed headers"
    );
    let canonical = canonical_request(&v.method, &v.query, &headers, &payload_hash);
    assert_eq!(canonical, v.canonical_request, "{name}: canonical request");
    assert_eq!(
        hashed_payload(canonical.as_bytes()),
        v.canonical_request_hash,
        "{name}: canonical request hash"
    );

    let date = utc_date(v.timestamp);
    assert_eq!(date, v.date, "{name}: UTC date of {}", v.timestamp);
    let scope = credential_scope(&date, &v.service);
    let sts = string_to_sign(v.timestamp, &scope, &canonical);
    assert_eq!(sts, v.string_to_sign, "{name}: string to sign");

    let sig = signature(&signing_key(&v.secret_key, &date, &v.service), &sts);
    assert_eq!(sig, v.signature, "{name}: signature");
    let auth = authorization(&v.secret_id, &scope, SDK_SIGNED_HEADERS, &sig);
    assert_eq!(auth, v.authorization, "{name}: authorization");

    let request = RequestToSign {
        method: &v.method,
        host: &v.host,
        content_type: &v.content_type,
        query: &v.query,
        body: v.body.as_bytes(),
        unsigned_payload: v.unsigned_payload,
    };
    assert_eq!(
        sign_request(
            &v.secret_id,
            &v.secret_key,
            &v.service,
            v.timestamp,
            &request
        ),
        v.authorization,
        "{name}: sign_request"
    );

    let parsed = parse_authorization(&v.authorization)
        .unwrap_or_else(|e| panic!("{name}: parse_authorization: {e}"));
    assert_eq!(parsed.secret_id, v.secret_id, "{name}: parsed secret id");
    assert_eq!(parsed.date, v.date, "{name}: parsed date");
    assert_eq!(parsed.service, v.service, "{name}: parsed service");
    assert_eq!(parsed.scope, scope, "{name}: parsed scope");
    assert_eq!(
        parsed.signed_headers, SDK_SIGNED_HEADERS,
        "{name}: parsed signed headers"
    );
    assert_eq!(parsed.signature, v.signature, "{name}: parsed signature");

    // The session token is never signed.
    if let Some(token) = &v.token {
        assert!(
            !v.authorization.contains(token.as_str()),
            "{name}: token in Authorization"
        );
    }
}

#[test]
fn every_vector_matches_the_python_sdk() {
    let vectors = vectors();
    assert!(vectors.len() >= 40, "only {} vectors", vectors.len());
    for v in &vectors {
        check(v);
    }
}

#[test]
fn vectors_are_well_formed_and_varied() {
    let vectors = vectors();
    let mut names: Vec<&str> = vectors.iter().map(|v| v.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), vectors.len(), "vector names are unique");

    for v in &vectors {
        assert!(
            v.sdk.starts_with("tencentcloud-sdk-python-common "),
            "{}: sdk {}",
            v.name,
            v.sdk
        );
        assert!(
            v.source == "AbstractClient._get_tc3_signature"
                || v.source == "AbstractClient._build_req_with_tc3_signature",
            "{}: source {}",
            v.name,
            v.source
        );
        match v.method.as_str() {
            "GET" => assert!(v.body.is_empty(), "{}: GET with a body", v.name),
            "POST" => assert!(v.query.is_empty(), "{}: POST with a query", v.name),
            other => panic!("{}: method {other}", v.name),
        }
    }
    let count = |f: &dyn Fn(&Vector) -> bool| vectors.iter().filter(|v| f(v)).count();
    assert!(count(&|v| v.method == "GET") >= 5);
    assert!(count(&|v| v.source.contains("_build_req")) >= 5);
    assert!(count(&|v| v.service == "cvm") >= 2);
    assert!(count(&|v| v.host == "as.ap-guangzhou.tencentcloudapi.com") >= 2);
    assert!(count(&|v| !v.body.is_ascii()) >= 2);
    assert!(count(&|v| v.body.contains("\\u")) >= 2);
    assert!(count(&|v| v.query.contains('%')) >= 2);
    assert!(count(&|v| v.query.contains('+')) >= 1);
    assert!(count(&|v| v.unsigned_payload) >= 2);
    assert!(count(&|v| v.token.is_some()) >= 1);
    assert!(count(&|v| v.timestamp % 86_400 == 0) >= 2);
    assert!(count(&|v| v.timestamp % 86_400 == 86_399) >= 2);
}

/// The SDK signs the same request identically whether it serialised it itself or was handed the
/// bytes: the vectors from both paths agree where their inputs do.
#[test]
fn both_sdk_paths_agree() {
    let vectors = vectors();
    let find = |name: &str| {
        vectors
            .iter()
            .find(|v| v.name == name)
            .unwrap_or_else(|| panic!("no vector {name}"))
    };
    assert_eq!(
        find("sdk-post-detach").signature,
        find("ref-b-prime-detach-python-separators").signature
    );
    assert_eq!(
        find("sdk-post-detach-with-token").signature,
        find("sdk-post-detach").signature
    );
    assert_eq!(
        find("sdk-get-limit-offset").signature,
        find("ref-d-get-limit-offset").signature
    );
    assert_eq!(
        find("sdk-get-empty-params").signature,
        find("get-empty-query").signature
    );
}
