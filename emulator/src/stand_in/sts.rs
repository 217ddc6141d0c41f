//! STS (version 2018-08-13): `AssumeRole`, TC3-HMAC-SHA256-checked (service `sts`) against the
//! credentials the emulator accepts, and `AssumeRoleWithWebIdentity`, unsigned, checked
//! against the identity provider and token the test configured. Errors are answered as API 3.0
//! does: HTTP 200 with `Response.Error`.

use super::{find, issue, json, Answer, Inner};
use crate::util::format_iso;
use crate::v3::auth::MAX_CLOCK_SKEW_SECS;
use hyper::http::request::Parts;
use hyper::HeaderMap;
use qcloud_as::protocol::v3::sign;
use qcloud_as::signing::signatures_equal;
use std::time::Duration;

/// The STS API version.
const VERSION: &str = "2018-08-13";

/// The longest session STS grants, in seconds.
const MAX_DURATION_SECS: u64 = 43_200;

/// The session length unless asked, in seconds.
const DEFAULT_DURATION_SECS: u64 = 7200;

/// A refusal: an error code and a message.
struct Refusal(&'static str, String);

fn refuse(code: &'static str, message: impl Into<String>) -> Refusal {
    Refusal(code, message.into())
}

/// Answers an STS request.
pub(super) fn answer(inner: &Inner, parts: &Parts, body: &[u8]) -> Answer {
    let request_id = super::random_text(16).unwrap_or_default();
    match respond(inner, &parts.headers, body) {
        Ok(mut response) => {
            if let Some(object) = response.as_object_mut() {
                object.insert("RequestId".to_owned(), request_id.into());
            }
            json(&serde_json::json!({ "Response": response }))
        }
        Err(Refusal(code, message)) => json(&serde_json::json!({
            "Response": {
                "Error": { "Code": code, "Message": message },
                "RequestId": request_id,
            }
        })),
    }
}

/// The first value of header `name`, when it is text, trimmed.
fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
}

fn respond(inner: &Inner, headers: &HeaderMap, body: &[u8]) -> Result<serde_json::Value, Refusal> {
    match header(headers, "x-tc-version") {
        Some(VERSION) => {}
        other => {
            return Err(refuse(
                "NoSuchVersion",
                format!("X-TC-Version {other:?}: STS has version {VERSION}"),
            ))
        }
    }
    let action = header(headers, "x-tc-action").unwrap_or_default();
    let params: serde_json::Value = serde_json::from_slice(body).map_err(|e| {
        refuse(
            "InvalidParameter",
            format!("the body is not a JSON object: {e}"),
        )
    })?;
    let text = |name: &str| -> Result<String, Refusal> {
        match params.get(name).and_then(serde_json::Value::as_str) {
            Some(value) if !value.trim().is_empty() => Ok(value.to_owned()),
            _ => Err(refuse(
                "MissingParameter",
                format!("{name} is missing, empty or not a string"),
            )),
        }
    };
    let duration = match params.get("DurationSeconds") {
        None => DEFAULT_DURATION_SECS,
        Some(value) => match value.as_u64() {
            Some(secs @ 1..=MAX_DURATION_SECS) => secs,
            _ => {
                return Err(refuse(
                    "InvalidParameterValue",
                    format!("DurationSeconds {value} is not an integer in 1..={MAX_DURATION_SECS}"),
                ))
            }
        },
    };
    match action {
        "AssumeRole" => {
            verify(inner, headers, body)?;
            text("RoleArn")?;
            text("RoleSessionName")?;
            issued(inner, "AKIDsts", duration, |c| &c.assume_role)
        }
        "AssumeRoleWithWebIdentity" => {
            let provider_id = text("ProviderId")?;
            let token = text("WebIdentityToken")?;
            text("RoleArn")?;
            text("RoleSessionName")?;
            match inner.settings().web_identity {
                None => {
                    return Err(refuse(
                        "InvalidParameter.WebIdentityTokenError",
                        "no web identity is accepted: the test set none",
                    ))
                }
                Some((expected_provider, _)) if expected_provider != provider_id => {
                    return Err(refuse(
                        "InvalidParameter.ProviderIdError",
                        format!("the identity provider {provider_id:?} is not known"),
                    ))
                }
                Some((_, expected_token)) if expected_token != token.trim() => {
                    return Err(refuse(
                        "InvalidParameter.WebIdentityTokenError",
                        "the web identity token is not the one configured",
                    ))
                }
                Some(_) => {}
            }
            issued(inner, "AKIDoidc", duration, |c| &c.web_identity)
        }
        other => Err(refuse(
            "InvalidAction",
            format!("X-TC-Action {other:?}: the STS stand-in has AssumeRole and AssumeRoleWithWebIdentity"),
        )),
    }
}

/// Issues credentials for `secs` and counts them.
fn issued(
    inner: &Inner,
    prefix: &str,
    secs: u64,
    counter: impl FnOnce(&super::Counters) -> &std::sync::atomic::AtomicU64,
) -> Result<serde_json::Value, Refusal> {
    let (credential, expires_at) = issue(inner, prefix, Duration::from_secs(secs))
        .map_err(|why| refuse("InternalError", why))?;
    inner.count(counter);
    Ok(serde_json::json!({
        "Credentials": {
            "Token": credential.token,
            "TmpSecretId": credential.secret_id,
            "TmpSecretKey": credential.secret_key,
        },
        "ExpiredTime": expires_at,
        "Expiration": format_iso(expires_at),
    }))
}

/// Checks the TC3-HMAC-SHA256 signature of an `AssumeRole` request: a well-formed
/// `Authorization`, a fresh `X-TC-Timestamp`, a SecretId the emulator accepts now, the scope's
/// service `sts` and date, the signature over the headers it names and the body, and the
/// credential's token in `X-TC-Token`.
fn verify(inner: &Inner, headers: &HeaderMap, body: &[u8]) -> Result<(), Refusal> {
    let text = header(headers, "authorization").ok_or_else(|| {
        refuse(
            "AuthFailure.InvalidAuthorization",
            "AssumeRole needs a TC3-HMAC-SHA256 Authorization header",
        )
    })?;
    let authorization = sign::parse_authorization(text)
        .map_err(|e| refuse("AuthFailure.InvalidAuthorization", e.to_string()))?;
    let timestamp = header(headers, "x-tc-timestamp")
        .and_then(|t| t.parse::<u64>().ok())
        .ok_or_else(|| {
            refuse(
                "MissingParameter",
                "X-TC-Timestamp is missing or not a Unix time in seconds",
            )
        })?;
    let (credential, now) = {
        let world = inner.shared.lock();
        let now = world.now_secs();
        (find(&world, authorization.secret_id, now), now)
    };
    let Some(credential) = credential else {
        return Err(refuse(
            "AuthFailure.SecretIdNotFound",
            format!(
                "the SecretId {:?} is not known (or has expired)",
                authorization.secret_id
            ),
        ));
    };
    if timestamp.abs_diff(now) > MAX_CLOCK_SKEW_SECS {
        return Err(refuse(
            "AuthFailure.SignatureExpire",
            format!("X-TC-Timestamp {timestamp} is more than {MAX_CLOCK_SKEW_SECS} s from {now}"),
        ));
    }
    let date = sign::utc_date(timestamp);
    if authorization.service != "sts" || authorization.date != date {
        return Err(refuse(
            "AuthFailure.SignatureFailure",
            format!(
                "the credential scope is {}; STS signs with {date}/sts/tc3_request",
                authorization.scope
            ),
        ));
    }
    let values: Vec<(&str, String)> = authorization
        .signed_header_names()
        .map(|name| {
            let value: Vec<&str> = headers
                .get_all(name)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .collect();
            (name, value.join(","))
        })
        .collect();
    let pairs: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let canonical = sign::canonical_request("POST", "", &pairs, &sign::hashed_payload(body));
    let scope = sign::credential_scope(&date, "sts");
    let to_sign = sign::string_to_sign(timestamp, &scope, &canonical);
    let expected = sign::signature(
        &sign::signing_key(&credential.secret_key, &date, "sts"),
        &to_sign,
    );
    if !signatures_equal(&expected, authorization.signature) {
        return Err(refuse(
            "AuthFailure.SignatureFailure",
            format!(
                "the signature does not match (TC3-HMAC-SHA256 over the headers {})",
                authorization.signed_headers
            ),
        ));
    }
    if let Some(token) = &credential.token {
        if header(headers, "x-tc-token") != Some(token.as_str()) {
            return Err(refuse(
                "AuthFailure.TokenFailure",
                "this SecretId needs its session token in X-TC-Token, which is missing or wrong",
            ));
        }
    }
    Ok(())
}
