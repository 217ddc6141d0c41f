//! TC3-HMAC-SHA256, the request signature of Tencent Cloud API 3.0 ("signature v3").
//!
//! The algorithm, as Tencent Cloud documents it and its SDKs implement it:
//!
//! 1. the canonical request: `METHOD\n/\nQUERY\nCANONICAL_HEADERS\nSIGNED_HEADERS\nHEX(SHA256(body))`,
//!    where the URI is always `/`, the query is the raw query string as sent (empty for POST), each
//!    signed header is a `name:value\n` line (name lower-cased, value trimmed and lower-cased, lines
//!    sorted by name) and the signed headers are the names joined by `;`;
//! 2. the string to sign: `TC3-HMAC-SHA256\nTIMESTAMP\nDATE/SERVICE/tc3_request\nHEX(SHA256(canonical request))`,
//!    with `DATE` the **UTC** day of the `X-TC-Timestamp` as `YYYY-MM-DD`;
//! 3. the signing key: HMAC-SHA256 chained over `"TC3" + secret key`, the date, the service and
//!    `tc3_request`; the signature is the lower-hex HMAC-SHA256 of the string to sign under it;
//! 4. the `Authorization` header:
//!    `TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=…, Signature=…`.
//!
//! The official SDKs sign exactly two headers, `content-type;host` ([`sign_request`] does the
//! same); the current documentation example also signs `x-tc-action`. `X-TC-Token` and the other
//! `X-TC-*` headers are never signed, but the timestamp is a line of the string to sign.
//!
//! ```
//! use qcloud_as::protocol::v3::sign::{sign_request, RequestToSign};
//!
//! let request = RequestToSign {
//!     method: "POST",
//!     host: "as.tencentcloudapi.com",
//!     content_type: "application/json",
//!     query: "",
//!     body: br#"{"AutoScalingGroupId":"asg-boz1qhnk","InstanceIds":["ins-cri8d02t","ins-osckfnm7"]}"#,
//!     unsigned_payload: false,
//! };
//! let authorization = sign_request(
//!     "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
//!     "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA",
//!     "as",
//!     1700000000,
//!     &request,
//! );
//! assert_eq!(
//!     authorization,
//!     "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2023-11-14/as/tc3_request, \
//!      SignedHeaders=content-type;host, \
//!      Signature=da1988d46fbda3d1a2da0e6e96c8cf41a50ac3a9a0a5cf6771bfe67288a2e91a"
//! );
//! ```

use std::borrow::Cow;
use std::fmt;

use crate::crypto::{hmac_sha256, sha256};

/// The algorithm's name, first word of the `Authorization` header and of the string to sign.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// The last component of every credential scope.
pub const SCOPE_TERMINATOR: &str = "tc3_request";

/// The value of `X-TC-Content-SHA256` that opts out of hashing the body; the payload hash is then
/// the SHA-256 of this text.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// The payload hash of an empty body (every GET): lower-hex SHA-256 of nothing.
pub const EMPTY_PAYLOAD_HASH: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// The signed headers of the official SDKs.
pub const SDK_SIGNED_HEADERS: &str = "content-type;host";

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

/// A day of the proleptic Gregorian calendar, in UTC; displays as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UtcDate {
    /// The year, e.g. `2023` (at least 1970).
    pub year: u64,
    /// The month, `1..=12`.
    pub month: u8,
    /// The day of the month, `1..=31`.
    pub day: u8,
}

impl UtcDate {
    /// The UTC day holding a Unix timestamp (seconds since 1970-01-01T00:00:00Z).
    pub fn from_timestamp(timestamp: u64) -> UtcDate {
        // Howard Hinnant's `civil_from_days`, for days on or after the epoch (so all unsigned).
        let z = timestamp / 86_400 + 719_468; // days since 0000-03-01
        let era = z / 146_097;
        let doe = z - era * 146_097; // [0, 146096]
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365], from March 1st
        let mp = (5 * doy + 2) / 153; // [0, 11], March = 0
        let day = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
        let month = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
        let year = yoe + era * 400 + u64::from(month <= 2);
        UtcDate {
            year,
            // Both fit: month <= 12 and day <= 31.
            month: month as u8,
            day: day as u8,
        }
    }
}

impl fmt::Display for UtcDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// `YYYY-MM-DD` of the UTC day holding a Unix timestamp: the date of the credential scope.
///
/// Not the local date: at 1700006399 (2023-11-14 23:59:59 UTC) it is already the 15th in
/// Beijing, but the scope date is `2023-11-14`.
pub fn utc_date(timestamp: u64) -> String {
    UtcDate::from_timestamp(timestamp).to_string()
}

// ---------------------------------------------------------------------------------------------
// Hashes and hex
// ---------------------------------------------------------------------------------------------

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Lower-case hex of bytes.
fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(HEX_DIGITS[usize::from(b >> 4)]));
        out.push(char::from(HEX_DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

/// The `HashedRequestPayload`: lower-hex SHA-256 of the body bytes exactly as sent.
///
/// For a GET the body is empty ([`EMPTY_PAYLOAD_HASH`]); with `X-TC-Content-SHA256:
/// UNSIGNED-PAYLOAD` hash [`UNSIGNED_PAYLOAD`] instead of the body.
pub fn hashed_payload(body: &[u8]) -> String {
    hex(&sha256(body))
}

// ---------------------------------------------------------------------------------------------
// Canonical request
// ---------------------------------------------------------------------------------------------

/// Lower-case of `s`, borrowed when it has no upper-case ASCII letter.
fn ascii_lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// Signed headers as canonical `(name, value)` pairs: names and values lower-cased, values
/// trimmed, sorted by name (stable, so repeated names keep their order).
fn canonical_pairs<'a>(headers: &[(&'a str, &'a str)]) -> Vec<(Cow<'a, str>, Cow<'a, str>)> {
    let mut pairs: Vec<(Cow<'a, str>, Cow<'a, str>)> = headers
        .iter()
        .map(|&(name, value)| (ascii_lower(name.trim()), ascii_lower(value.trim())))
        .collect();
    pairs.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    pairs
}

fn push_signed_headers(out: &mut String, pairs: &[(Cow<'_, str>, Cow<'_, str>)]) {
    for (i, (name, _)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        out.push_str(name);
    }
}

/// The `SignedHeaders` list of headers: names lower-cased, sorted in byte order, joined by `;`.
///
/// `signed_headers(&[("Host", h), ("Content-Type", t)])` is `content-type;host`.
pub fn signed_headers(headers: &[(&str, &str)]) -> String {
    let pairs = canonical_pairs(headers);
    let mut out = String::with_capacity(pairs.iter().map(|(n, _)| n.len() + 1).sum());
    push_signed_headers(&mut out, &pairs);
    out
}

/// The canonical request of step 1.
///
/// - `method` is upper-cased; the canonical URI is always `/`;
/// - `query` is the query string exactly as sent after `?` (empty for POST): it is not re-encoded
///   or sorted, so a verifier must pass the raw query it received;
/// - `headers` are the signed headers as sent: each becomes a `name:value\n` line with the name
///   lower-cased and the value trimmed and lower-cased (as the documentation says; the SDKs copy
///   the values, which are lower-case anyway: `application/json`, hosts), sorted by name;
/// - `hashed_payload` is [`hashed_payload`] of the body.
pub fn canonical_request(
    method: &str,
    query: &str,
    headers: &[(&str, &str)],
    hashed_payload: &str,
) -> String {
    let pairs = canonical_pairs(headers);
    let headers_len: usize = pairs.iter().map(|(n, v)| 2 * n.len() + v.len() + 3).sum();
    let mut out =
        String::with_capacity(method.len() + query.len() + headers_len + hashed_payload.len() + 6);
    if method.bytes().any(|b| b.is_ascii_lowercase()) {
        out.push_str(&method.to_ascii_uppercase());
    } else {
        out.push_str(method);
    }
    out.push_str("\n/\n");
    out.push_str(query);
    out.push('\n');
    for (name, value) in &pairs {
        out.push_str(name);
        out.push(':');
        out.push_str(value);
        out.push('\n');
    }
    out.push('\n');
    push_signed_headers(&mut out, &pairs);
    out.push('\n');
    out.push_str(hashed_payload);
    out
}

// ---------------------------------------------------------------------------------------------
// String to sign, key, signature, header
// ---------------------------------------------------------------------------------------------

/// The credential scope: `date/service/tc3_request`, e.g. `2023-11-14/as/tc3_request`.
pub fn credential_scope(date: &str, service: &str) -> String {
    let mut out = String::with_capacity(date.len() + service.len() + 2 + SCOPE_TERMINATOR.len());
    out.push_str(date);
    out.push('/');
    out.push_str(service);
    out.push('/');
    out.push_str(SCOPE_TERMINATOR);
    out
}

/// The string to sign of step 2: `TC3-HMAC-SHA256\n<timestamp>\n<scope>\n<hex SHA-256 of the
/// canonical request>`.
pub fn string_to_sign(timestamp: u64, scope: &str, canonical_request: &str) -> String {
    let digest = hex(&sha256(canonical_request.as_bytes()));
    let mut out = String::with_capacity(ALGORITHM.len() + 20 + scope.len() + digest.len() + 3);
    out.push_str(ALGORITHM);
    out.push('\n');
    out.push_str(&timestamp.to_string());
    out.push('\n');
    out.push_str(scope);
    out.push('\n');
    out.push_str(&digest);
    out
}

/// The signing key: `kDate = HMAC("TC3" + secret_key, date)`, `kService = HMAC(kDate, service)`,
/// `kSigning = HMAC(kService, "tc3_request")`, each a raw 32-byte digest.
pub fn signing_key(secret_key: &str, date: &str, service: &str) -> [u8; 32] {
    let mut key = Vec::with_capacity(3 + secret_key.len());
    key.extend_from_slice(b"TC3");
    key.extend_from_slice(secret_key.as_bytes());
    let k_date = hmac_sha256(&key, date.as_bytes());
    let k_service = hmac_sha256(&k_date, service.as_bytes());
    hmac_sha256(&k_service, SCOPE_TERMINATOR.as_bytes())
}

/// The signature: lower-hex HMAC-SHA256 of the string to sign under the signing key (64
/// characters).
pub fn signature(signing_key: &[u8; 32], string_to_sign: &str) -> String {
    hex(&hmac_sha256(signing_key, string_to_sign.as_bytes()))
}

/// The `Authorization` header: `TC3-HMAC-SHA256 Credential=<secret_id>/<scope>,
/// SignedHeaders=<signed_headers>, Signature=<signature>` (one space after the algorithm, parts
/// separated by a comma and a space).
pub fn authorization(
    secret_id: &str,
    scope: &str,
    signed_headers: &str,
    signature: &str,
) -> String {
    let mut out = String::with_capacity(
        ALGORITHM.len()
            + secret_id.len()
            + scope.len()
            + signed_headers.len()
            + signature.len()
            + 41,
    );
    out.push_str(ALGORITHM);
    out.push_str(" Credential=");
    out.push_str(secret_id);
    out.push('/');
    out.push_str(scope);
    out.push_str(", SignedHeaders=");
    out.push_str(signed_headers);
    out.push_str(", Signature=");
    out.push_str(signature);
    out
}

/// What [`sign_request`] signs of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestToSign<'a> {
    /// `POST` or `GET`.
    pub method: &'a str,
    /// The `Host` header as sent, e.g. `as.tencentcloudapi.com` or `as.ap-guangzhou.tencentcloudapi.com`.
    pub host: &'a str,
    /// The `Content-Type` header exactly as sent: `application/json` (POST) or
    /// `application/x-www-form-urlencoded` (GET).
    pub content_type: &'a str,
    /// The query string as sent after `?` (GET), or empty (POST).
    pub query: &'a str,
    /// The body bytes as sent (empty for GET).
    pub body: &'a [u8],
    /// Whether the request carries `X-TC-Content-SHA256: UNSIGNED-PAYLOAD`: the body is then not
    /// hashed, [`UNSIGNED_PAYLOAD`] is.
    pub unsigned_payload: bool,
}

/// Signs a request as the official SDKs do (signed headers `content-type;host`) and returns the
/// `Authorization` header. `timestamp` is the value sent as `X-TC-Timestamp`; the scope date is its
/// UTC day; `service` is the product's name in the scope (`as`), whatever the host.
pub fn sign_request(
    secret_id: &str,
    secret_key: &str,
    service: &str,
    timestamp: u64,
    request: &RequestToSign<'_>,
) -> String {
    let payload = if request.unsigned_payload {
        UNSIGNED_PAYLOAD.as_bytes()
    } else {
        request.body
    };
    let canonical = canonical_request(
        request.method,
        request.query,
        &[
            ("content-type", request.content_type),
            ("host", request.host),
        ],
        &hashed_payload(payload),
    );
    let date = UtcDate::from_timestamp(timestamp).to_string();
    let scope = credential_scope(&date, service);
    let sts = string_to_sign(timestamp, &scope, &canonical);
    let sig = signature(&signing_key(secret_key, &date, service), &sts);
    authorization(secret_id, &scope, SDK_SIGNED_HEADERS, &sig)
}

mod parse;

pub use parse::{parse_authorization, Authorization, AuthorizationError};

#[cfg(test)]
mod tests;
