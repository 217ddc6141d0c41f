//! TC3-HMAC-SHA256 verification of API 3.0 requests, against the state's credentials (the
//! same key pairs and tokens API 2.0 requests are signed with).
//!
//! Checks, in order (the first that fails is the answer):
//!
//! 1. `Authorization` present and well formed: algorithm `TC3-HMAC-SHA256`,
//!    `Credential=SecretId/YYYY-MM-DD/service/tc3_request`, `SignedHeaders` a list of lower-case
//!    names holding `content-type` and `host`, a 64-digit lower-hex `Signature` →
//!    `AuthFailure.InvalidAuthorization`;
//! 2. `X-TC-Timestamp` present (`MissingParameter`) and a decimal integer
//!    (`InvalidParameterValue`);
//! 3. the SecretId is one of the state's → `AuthFailure.SecretIdNotFound`;
//! 4. the timestamp within [`MAX_CLOCK_SKEW_SECS`] of the emulator's (virtual) clock →
//!    `AuthFailure.SignatureExpire`;
//! 5. the scope's service is `as` and its date the UTC date of the timestamp →
//!    `AuthFailure.SignatureFailure`;
//! 6. the signature, recomputed over the request as received (the method, the raw query, each
//!    header `SignedHeaders` names rebuilt from the request: lower-case name, value trimmed and
//!    lower-cased, and the SHA-256 of the body bytes, or of `UNSIGNED-PAYLOAD` when
//!    `X-TC-Content-SHA256` says so), equals the one sent, compared in constant time →
//!    `AuthFailure.SignatureFailure`;
//! 7. a credential with a token is used with that token in `X-TC-Token` →
//!    `AuthFailure.TokenFailure` (a token sent with a key that has none is ignored).
//!
//! A header that is there but is not ASCII text is refused as invalid (`Authorization`:
//! `AuthFailure.InvalidAuthorization`; `X-TC-Timestamp`: `InvalidParameterValue`), never as
//! missing.

use crate::state::Credential;
use hyper::HeaderMap;
use qcloud_as::protocol::v3::sign::{self, Authorization};
use qcloud_as::signing::signatures_equal;
use qcloud_as::v3::CommonError;

/// How far (in seconds) `X-TC-Timestamp` may be from the emulator's clock: 5 minutes.
pub const MAX_CLOCK_SKEW_SECS: u64 = 300;

/// The service name every credential scope must carry.
pub(crate) const SERVICE: &str = "as";

/// What the signature covers of a received request.
pub(crate) struct Received<'a> {
    /// `GET` or `POST`, as received.
    pub(crate) method: &'a str,
    /// The query string exactly as received after `?` (empty for none).
    pub(crate) query: &'a str,
    /// The headers.
    pub(crate) headers: &'a HeaderMap,
    /// The body bytes as received.
    pub(crate) body: &'a [u8],
}

/// The first value of header `name`, when it is text.
pub(crate) fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// A header that is there but is not text (visible ASCII, spaces and tabs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NotText;

/// The first value of header `name`: `Ok(None)` when absent, [`NotText`] when it holds other
/// bytes (so that it is refused as invalid rather than taken as missing).
pub(crate) fn header_text<'a>(
    headers: &'a HeaderMap,
    name: &str,
) -> Result<Option<&'a str>, NotText> {
    match headers.get(name) {
        None => Ok(None),
        Some(value) => value.to_str().map(Some).map_err(|_| NotText),
    }
}

/// The SecretId a request claims to be signed with, read without any credential (checks 1
/// and 2 of the module's list): the caller looks its credential up under the world's lock
/// and passes a copy to [`verify`], which does the costly part without it.
pub(crate) fn claimed_secret_id(headers: &HeaderMap) -> Result<String, CommonError> {
    let authorization = read_authorization(headers)?;
    read_timestamp(headers)?;
    Ok(authorization.secret_id.to_owned())
}

fn read_authorization(headers: &HeaderMap) -> Result<Authorization<'_>, CommonError> {
    let text = match header_text(headers, "authorization") {
        Ok(Some(text)) => text,
        Ok(None) => {
            return Err(CommonError::auth_failure_invalid_authorization(
                "the request has no Authorization header (TC3-HMAC-SHA256 Credential=…, \
                 SignedHeaders=…, Signature=…)",
            ))
        }
        Err(NotText) => {
            return Err(CommonError::auth_failure_invalid_authorization(
                "the Authorization header is not ASCII text (TC3-HMAC-SHA256 Credential=…, \
                 SignedHeaders=…, Signature=…)",
            ))
        }
    };
    sign::parse_authorization(text)
        .map_err(|e| CommonError::auth_failure_invalid_authorization(e.to_string()))
}

fn read_timestamp(headers: &HeaderMap) -> Result<u64, CommonError> {
    let timestamp = match header_text(headers, "x-tc-timestamp") {
        Ok(Some(timestamp)) => timestamp,
        Ok(None) => {
            return Err(CommonError::missing_parameter(
                "the request has no X-TC-Timestamp header",
            ))
        }
        Err(NotText) => {
            return Err(CommonError::invalid_parameter_value(
                "X-TC-Timestamp is not ASCII text: it must be a Unix time in seconds",
            ))
        }
    };
    timestamp.trim().parse::<u64>().map_err(|_| {
        CommonError::invalid_parameter_value(format!(
            "X-TC-Timestamp {timestamp:?} is not a Unix time in seconds"
        ))
    })
}

/// Header `name` as a signer sees it: every value, joined by `,` (none: empty).
fn header_for_signing(headers: &HeaderMap, name: &str) -> String {
    let values: Vec<String> = headers
        .get_all(name)
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect();
    values.join(",")
}

/// The signature the request should carry under `secret_key` and `service`, with the headers
/// `authorization` names.
pub(crate) fn expected_signature(
    secret_key: &str,
    service: &str,
    timestamp: u64,
    authorization: &Authorization<'_>,
    received: &Received<'_>,
) -> String {
    let values: Vec<(&str, String)> = authorization
        .signed_header_names()
        .map(|name| (name, header_for_signing(received.headers, name)))
        .collect();
    let pairs: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let unsigned = header(received.headers, "x-tc-content-sha256")
        .is_some_and(|v| v.trim() == sign::UNSIGNED_PAYLOAD);
    let payload = if unsigned {
        sign::hashed_payload(sign::UNSIGNED_PAYLOAD.as_bytes())
    } else {
        sign::hashed_payload(received.body)
    };
    let canonical = sign::canonical_request(received.method, received.query, &pairs, &payload);
    let date = sign::utc_date(timestamp);
    let scope = sign::credential_scope(&date, service);
    let to_sign = sign::string_to_sign(timestamp, &scope, &canonical);
    sign::signature(&sign::signing_key(secret_key, &date, service), &to_sign)
}

/// Checks a request (see the module's documentation for the order); `now` is the emulator's
/// time in Unix seconds. The server passes a copy of the one credential
/// [`claimed_secret_id`] names, taken under the world's lock, and calls this without it.
pub(crate) fn verify(
    credentials: &[Credential],
    received: &Received<'_>,
    now: u64,
) -> Result<(), CommonError> {
    let authorization = read_authorization(received.headers)?;
    let timestamp = read_timestamp(received.headers)?;
    let secret_id = authorization.secret_id;
    let Some(credential) = credentials.iter().find(|c| c.secret_id == secret_id) else {
        return Err(CommonError::auth_failure_secret_id_not_found(format!(
            "the SecretId {secret_id:?} is not known"
        )));
    };
    if timestamp.abs_diff(now) > MAX_CLOCK_SKEW_SECS {
        return Err(CommonError::auth_failure_signature_expire(format!(
            "X-TC-Timestamp {timestamp} is more than {MAX_CLOCK_SKEW_SECS} s from the server \
             time {now}"
        )));
    }
    if authorization.service != SERVICE {
        return Err(CommonError::auth_failure_signature_failure(format!(
            "the credential scope names the service {:?}; Auto Scaling signs with {SERVICE:?}",
            authorization.service
        )));
    }
    let date = sign::utc_date(timestamp);
    if authorization.date != date {
        return Err(CommonError::auth_failure_signature_failure(format!(
            "the credential scope's date {} is not {date}, the UTC date of X-TC-Timestamp \
             {timestamp}",
            authorization.date
        )));
    }
    let expected = expected_signature(
        &credential.secret_key,
        SERVICE,
        timestamp,
        &authorization,
        received,
    );
    if !signatures_equal(&expected, authorization.signature) {
        return Err(CommonError::auth_failure_signature_failure(format!(
            "the signature does not match (TC3-HMAC-SHA256 over the headers {}; hash the body \
             bytes exactly as sent)",
            authorization.signed_headers
        )));
    }
    if let Some(token) = &credential.token {
        if header(received.headers, "x-tc-token") != Some(token.as_str()) {
            return Err(CommonError::auth_failure_token_failure(
                "this SecretId needs its session token in X-TC-Token, which is missing or wrong",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::header::HeaderValue;

    const ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
    const KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA";
    const B_BODY: &str =
        r#"{"AutoScalingGroupId":"asg-boz1qhnk","InstanceIds":["ins-cri8d02t","ins-osckfnm7"]}"#;
    const B_SIGNATURE: &str = "da1988d46fbda3d1a2da0e6e96c8cf41a50ac3a9a0a5cf6771bfe67288a2e91a";

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            if let Ok(value) = HeaderValue::from_str(value) {
                map.append(*name, value);
            }
        }
        map
    }

    fn b_headers(authorization: &str, timestamp: &str) -> HeaderMap {
        headers(&[
            ("authorization", authorization),
            ("content-type", "application/json"),
            ("host", "as.tencentcloudapi.com"),
            ("x-tc-action", "DetachInstances"),
            ("x-tc-timestamp", timestamp),
        ])
    }

    fn code(result: Result<(), CommonError>) -> String {
        result.map_or_else(c, |()| "ok".to_owned())
    }

    /// The code of an error.
    fn c(error: CommonError) -> String {
        error.meta().code().to_owned()
    }

    /// (a1): `x-tc-action` signed, its value lower-cased; the documentation's keys are 32
    /// asterisks.
    #[test]
    fn a1_x_tc_action_is_signed_lower_cased() {
        let body = br#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;
        let auth = "TC3-HMAC-SHA256 Credential=AKID/2019-02-25/cvm/tc3_request, \
                    SignedHeaders=content-type;host;x-tc-action, \
                    Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f";
        let parsed = sign::parse_authorization(auth);
        assert!(parsed.is_ok());
        let Ok(parsed) = parsed else { return };
        let map = headers(&[
            ("content-type", "application/json; charset=utf-8"),
            ("host", "cvm.tencentcloudapi.com"),
            ("x-tc-action", "DescribeInstances"),
        ]);
        let received = Received {
            method: "POST",
            query: "",
            headers: &map,
            body,
        };
        let key = "*".repeat(32);
        assert_eq!(
            expected_signature(&key, "cvm", 1551113065, &parsed, &received),
            parsed.signature
        );
    }

    /// (b), (c) and the refusals around them.
    #[test]
    fn b_and_its_refusals() {
        let creds = [Credential::new(ID, KEY)];
        let good = format!(
            "TC3-HMAC-SHA256 Credential={ID}/2023-11-14/as/tc3_request, \
             SignedHeaders=content-type;host, Signature={B_SIGNATURE}"
        );
        let map = b_headers(&good, "1700000000");
        let received = |map| Received {
            method: "POST",
            query: "",
            headers: map,
            body: B_BODY.as_bytes(),
        };
        assert_eq!(code(verify(&creds, &received(&map), 1700000000)), "ok");
        assert_eq!(code(verify(&creds, &received(&map), 1700000300)), "ok");
        assert_eq!(
            code(verify(&creds, &received(&map), 1700000301)),
            c(CommonError::auth_failure_signature_expire(""))
        );
        let other = Received {
            body: b"{}",
            ..received(&map)
        };
        assert_eq!(
            code(verify(&creds, &other, 1700000000)),
            c(CommonError::auth_failure_signature_failure(""))
        );
        let unknown = [Credential::new("AKIDother", KEY)];
        assert_eq!(
            code(verify(&unknown, &received(&map), 1700000000)),
            c(CommonError::auth_failure_secret_id_not_found(""))
        );
        // (c): the token is not signed; a credential with one needs it.
        let mut with_token = Credential::new(ID, KEY);
        with_token.token = Some("exampleSessionToken0123456789".to_owned());
        let creds = [with_token];
        assert_eq!(
            code(verify(&creds, &received(&map), 1700000000)),
            c(CommonError::auth_failure_token_failure(""))
        );
        let mut map_token = b_headers(&good, "1700000000");
        map_token.append(
            "x-tc-token",
            HeaderValue::from_static("exampleSessionToken0123456789"),
        );
        assert_eq!(
            code(verify(&creds, &received(&map_token), 1700000000)),
            "ok"
        );
    }

    #[test]
    fn malformed_and_mismatched_scopes() {
        let creds = [Credential::new(ID, KEY)];
        let with = |credential: &str, signed: &str, ts: &str| {
            b_headers(
                &format!(
                    "TC3-HMAC-SHA256 Credential={credential}, SignedHeaders={signed}, \
                     Signature={B_SIGNATURE}"
                ),
                ts,
            )
        };
        let cases = [
            (
                with(
                    &format!("{ID}/2023-11-14/as/tc3_request"),
                    "host",
                    "1700000000",
                ),
                c(CommonError::auth_failure_invalid_authorization("")),
            ),
            (
                with(
                    &format!("{ID}/2023-11-15/as/tc3_request"),
                    "content-type;host",
                    "1700000000",
                ),
                c(CommonError::auth_failure_signature_failure("")),
            ),
            (
                with(
                    &format!("{ID}/2023-11-14/cvm/tc3_request"),
                    "content-type;host",
                    "1700000000",
                ),
                c(CommonError::auth_failure_signature_failure("")),
            ),
            (
                with(
                    &format!("{ID}/2023-11-14/as/tc3_request"),
                    "content-type;host",
                    "17e8",
                ),
                c(CommonError::invalid_parameter_value("")),
            ),
            (
                headers(&[("x-tc-timestamp", "1700000000")]),
                c(CommonError::auth_failure_invalid_authorization("")),
            ),
            (
                headers(&[("authorization", "Basic abc")]),
                c(CommonError::auth_failure_invalid_authorization("")),
            ),
        ];
        for (map, expected) in cases {
            let received = Received {
                method: "POST",
                query: "",
                headers: &map,
                body: B_BODY.as_bytes(),
            };
            assert_eq!(code(verify(&creds, &received, 1700000000)), expected);
        }
    }

    /// (d): a GET signs the raw query and the empty body.
    #[test]
    fn d_get_signs_the_raw_query() {
        let creds = [Credential::new(ID, KEY)];
        let auth = format!(
            "TC3-HMAC-SHA256 Credential={ID}/2023-11-14/as/tc3_request, \
             SignedHeaders=content-type;host, \
             Signature=f154b74586a57998b9def831a20f0f72edcf4e3adab19452ec727869e87662a8"
        );
        let map = headers(&[
            ("authorization", &auth),
            ("content-type", "application/x-www-form-urlencoded"),
            ("host", "as.tencentcloudapi.com"),
            ("x-tc-timestamp", "1700000000"),
        ]);
        let get = |query| Received {
            method: "GET",
            query,
            headers: &map,
            body: b"",
        };
        assert_eq!(
            code(verify(&creds, &get("Limit=10&Offset=0"), 1700000000)),
            "ok"
        );
        assert_eq!(
            code(verify(&creds, &get("Offset=0&Limit=10"), 1700000000)),
            c(CommonError::auth_failure_signature_failure(""))
        );
    }
}
