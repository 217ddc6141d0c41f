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

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

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

fn sha256(data: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(&Sha256::digest(data));
    out
}

fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    // HMAC takes keys of any length, so `new_from_slice` never fails.
    if let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(key) {
        Mac::update(&mut mac, message);
        out.copy_from_slice(&mac.finalize().into_bytes());
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

// ---------------------------------------------------------------------------------------------
// Parsing (servers)
// ---------------------------------------------------------------------------------------------

/// The parts of a received `Authorization` header, borrowed from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Authorization<'a> {
    /// The SecretId of `Credential=`.
    pub secret_id: &'a str,
    /// The credential scope, `date/service/tc3_request`.
    pub scope: &'a str,
    /// The scope's date, `YYYY-MM-DD` (digits checked, not the calendar).
    pub date: &'a str,
    /// The scope's service, e.g. `as`.
    pub service: &'a str,
    /// The `SignedHeaders` value, e.g. `content-type;host`.
    pub signed_headers: &'a str,
    /// The signature: 64 lower-case hex digits.
    pub signature: &'a str,
}

impl<'a> Authorization<'a> {
    /// The signed header names, in the order given.
    pub fn signed_header_names(&self) -> impl Iterator<Item = &'a str> {
        self.signed_headers.split(';')
    }
}

/// Why a received `Authorization` header is not a well-formed TC3-HMAC-SHA256 header (a server
/// answers `AuthFailure.InvalidAuthorization`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuthorizationError {
    /// The header is empty or blank.
    #[error("the Authorization header is empty")]
    Empty,
    /// The first word is not `TC3-HMAC-SHA256`.
    #[error("the Authorization header does not start with `TC3-HMAC-SHA256 `")]
    UnsupportedAlgorithm,
    /// A part (`Credential=`, `SignedHeaders=` or `Signature=`) is missing.
    #[error("the Authorization header has no `{0}` part")]
    MissingPart(&'static str),
    /// A part appears twice.
    #[error("the Authorization header has `{0}` twice")]
    DuplicatePart(&'static str),
    /// A comma-separated part is not one of `Credential=`, `SignedHeaders=`, `Signature=`.
    #[error("the Authorization header has a part that is not `Credential=`, `SignedHeaders=` or `Signature=`")]
    UnknownPart,
    /// `Credential=` is not `SecretId/date/service/tc3_request` (four `/`-separated fields).
    #[error("`Credential=` is not `SecretId/date/service/tc3_request`")]
    MalformedCredential,
    /// The SecretId of `Credential=` is empty.
    #[error("`Credential=` has an empty SecretId")]
    EmptySecretId,
    /// The scope's date is not `YYYY-MM-DD`.
    #[error("the credential scope's date is not `YYYY-MM-DD`")]
    InvalidDate,
    /// The scope's service is empty or not lower-case letters, digits and `-`.
    #[error("the credential scope's service is empty or not a service name")]
    InvalidService,
    /// The scope does not end in `tc3_request`.
    #[error("the credential scope does not end in `tc3_request`")]
    InvalidScopeTerminator,
    /// `SignedHeaders=` is empty, has an empty name, or a name that is not lower-case.
    #[error("`SignedHeaders=` is not a `;`-separated list of lower-case header names")]
    InvalidSignedHeaders,
    /// `SignedHeaders=` lacks `content-type` or `host`, which must always be signed.
    #[error("`SignedHeaders=` does not include `{0}`")]
    MissingSignedHeader(&'static str),
    /// `Signature=` is not 64 lower-case hex digits.
    #[error("`Signature=` is not 64 lower-case hex digits")]
    InvalidSignature,
}

/// Parses a received `Authorization` header.
///
/// Accepts what the SDKs send (`TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`) and
/// tolerates other whitespace around the commas and the parts in another order; checks the
/// algorithm, the scope's shape (`SecretId/YYYY-MM-DD/service/tc3_request`), that the signed
/// headers are lower-case names including `content-type` and `host`, and that the signature is
/// 64 lower-hex digits. It does not check the signature, the date against `X-TC-Timestamp`, or the
/// service against the host.
pub fn parse_authorization(value: &str) -> Result<Authorization<'_>, AuthorizationError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(AuthorizationError::Empty);
    }
    let rest = match value.strip_prefix(ALGORITHM) {
        Some(rest) if rest.starts_with(' ') => rest,
        _ => return Err(AuthorizationError::UnsupportedAlgorithm),
    };

    let (mut credential, mut signed, mut sig) = (None, None, None);
    for part in rest.split(',') {
        let part = part.trim();
        let (slot, name, text) = if let Some(text) = part.strip_prefix("Credential=") {
            (&mut credential, "Credential=", text)
        } else if let Some(text) = part.strip_prefix("SignedHeaders=") {
            (&mut signed, "SignedHeaders=", text)
        } else if let Some(text) = part.strip_prefix("Signature=") {
            (&mut sig, "Signature=", text)
        } else {
            return Err(AuthorizationError::UnknownPart);
        };
        if slot.replace(text).is_some() {
            return Err(AuthorizationError::DuplicatePart(name));
        }
    }
    let credential = credential.ok_or(AuthorizationError::MissingPart("Credential="))?;
    let signed_headers = signed.ok_or(AuthorizationError::MissingPart("SignedHeaders="))?;
    let signature = sig.ok_or(AuthorizationError::MissingPart("Signature="))?;

    let (secret_id, scope) = credential
        .split_once('/')
        .ok_or(AuthorizationError::MalformedCredential)?;
    let mut fields = scope.split('/');
    let (date, service, terminator) = match (fields.next(), fields.next(), fields.next()) {
        (Some(d), Some(s), Some(t)) if fields.next().is_none() => (d, s, t),
        _ => return Err(AuthorizationError::MalformedCredential),
    };
    if secret_id.is_empty() {
        return Err(AuthorizationError::EmptySecretId);
    }
    if !is_date(date) {
        return Err(AuthorizationError::InvalidDate);
    }
    if service.is_empty()
        || !service
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(AuthorizationError::InvalidService);
    }
    if terminator != SCOPE_TERMINATOR {
        return Err(AuthorizationError::InvalidScopeTerminator);
    }

    let header_name = |b: u8| b.is_ascii_graphic() && !b.is_ascii_uppercase() && b != b';';
    if signed_headers
        .split(';')
        .any(|name| name.is_empty() || !name.bytes().all(header_name))
    {
        return Err(AuthorizationError::InvalidSignedHeaders);
    }
    for required in ["content-type", "host"] {
        if !signed_headers.split(';').any(|name| name == required) {
            return Err(AuthorizationError::MissingSignedHeader(required));
        }
    }

    if signature.len() != 64
        || !signature
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return Err(AuthorizationError::InvalidSignature);
    }

    Ok(Authorization {
        secret_id,
        scope,
        date,
        service,
        signed_headers,
        signature,
    })
}

/// `YYYY-MM-DD` with a month `01..=12` and a day `01..=31`.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    let month = (b[5] - b'0') * 10 + (b[6] - b'0');
    let day = (b[8] - b'0') * 10 + (b[9] - b'0');
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
    const KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA";
    const AS_HOST: &str = "as.tencentcloudapi.com";
    const JSON: &str = "application/json";

    /// Body of (a): the `\u` escapes are six ASCII bytes each.
    const A_BODY: &str =
        r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;
    const A_PAYLOAD_HASH: &str = "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064";
    const A_CONTENT_TYPE: &str = "application/json; charset=utf-8";

    const B_BODY: &str =
        r#"{"AutoScalingGroupId":"asg-boz1qhnk","InstanceIds":["ins-cri8d02t","ins-osckfnm7"]}"#;
    const B_CANONICAL_HASH: &str =
        "5818bb48665493222e79b0ef0c2338dc2a9661b61f0da79b02fc3b7c82b1f4d0";
    const B_SIGNATURE: &str = "da1988d46fbda3d1a2da0e6e96c8cf41a50ac3a9a0a5cf6771bfe67288a2e91a";

    fn post<'a>(host: &'a str, content_type: &'a str, body: &'a str) -> RequestToSign<'a> {
        RequestToSign {
            method: "POST",
            host,
            content_type,
            query: "",
            body: body.as_bytes(),
            unsigned_payload: false,
        }
    }

    fn sdk_canonical(
        method: &str,
        query: &str,
        content_type: &str,
        host: &str,
        body: &[u8],
    ) -> String {
        canonical_request(
            method,
            query,
            &[("Content-Type", content_type), ("Host", host)],
            &hashed_payload(body),
        )
    }

    fn sha_hex(s: &str) -> String {
        hashed_payload(s.as_bytes())
    }

    /// (a1) the current documentation example, `content-type;host;x-tc-action`, key of 32 `*`.
    #[test]
    fn a1_documentation_example_with_x_tc_action() {
        let secret_key = "*".repeat(32);
        let secret_id = format!("AKID{}", "*".repeat(32));
        let headers = [
            ("Content-Type", A_CONTENT_TYPE),
            ("Host", "cvm.tencentcloudapi.com"),
            ("X-TC-Action", "DescribeInstances"),
        ];
        assert_eq!(hashed_payload(A_BODY.as_bytes()), A_PAYLOAD_HASH);
        assert_eq!(A_BODY.len(), 86);
        let canonical = canonical_request("POST", "", &headers, A_PAYLOAD_HASH);
        assert_eq!(
            canonical,
            "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\
             x-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n\
             35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
        );
        assert_eq!(
            sha_hex(&canonical),
            "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84"
        );
        let date = utc_date(1551113065);
        assert_eq!(date, "2019-02-25");
        let scope = credential_scope(&date, "cvm");
        let sts = string_to_sign(1551113065, &scope, &canonical);
        assert_eq!(
            sts,
            "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n\
             7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84"
        );

        // The derived keys the page prints.
        let k_date = hmac_sha256(format!("TC3{secret_key}").as_bytes(), date.as_bytes());
        assert_eq!(
            hex(&k_date),
            "da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0"
        );
        let k_service = hmac_sha256(&k_date, b"cvm");
        assert_eq!(
            hex(&k_service),
            "8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f"
        );
        let key = signing_key(&secret_key, &date, "cvm");
        assert_eq!(
            hex(&key),
            "b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af"
        );
        assert_eq!(hmac_sha256(&k_service, b"tc3_request"), key);

        let sig = signature(&key, &sts);
        assert_eq!(
            sig,
            "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f"
        );
        let sh = signed_headers(&headers);
        assert_eq!(sh, "content-type;host;x-tc-action");
        assert_eq!(
            authorization(&secret_id, &scope, &sh, &sig),
            "TC3-HMAC-SHA256 Credential=AKID********************************/2019-02-25/cvm/tc3_request, \
             SignedHeaders=content-type;host;x-tc-action, \
             Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f"
        );
        // The headers may be given in any order and case.
        let shuffled = [
            ("x-tc-action", " DescribeInstances "),
            ("HOST", "cvm.tencentcloudapi.com"),
            ("content-type", A_CONTENT_TYPE),
        ];
        assert_eq!(
            canonical_request("post", "", &shuffled, A_PAYLOAD_HASH),
            canonical
        );
        assert_eq!(signed_headers(&shuffled), sh);
    }

    /// (a2) the earlier documentation example, `content-type;host`.
    #[test]
    fn a2_documentation_example_sdk_form() {
        let canonical = sdk_canonical(
            "POST",
            "",
            A_CONTENT_TYPE,
            "cvm.tencentcloudapi.com",
            A_BODY.as_bytes(),
        );
        assert_eq!(
            canonical,
            "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\n\
             content-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
        );
        assert_eq!(
            sha_hex(&canonical),
            "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"
        );
        let scope = credential_scope("2019-02-25", "cvm");
        let sts = string_to_sign(1551113065, &scope, &canonical);
        assert_eq!(
            sts,
            "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n\
             5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031"
        );
        let key = signing_key("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "2019-02-25", "cvm");
        let sig = signature(&key, &sts);
        assert_eq!(
            sig,
            "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
        );
        let expected = "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, \
                        SignedHeaders=content-type;host, \
                        Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168";
        assert_eq!(
            authorization(ID, &scope, SDK_SIGNED_HEADERS, &sig),
            expected
        );
        let request = post("cvm.tencentcloudapi.com", A_CONTENT_TYPE, A_BODY);
        assert_eq!(
            sign_request(
                ID,
                "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
                "cvm",
                1551113065,
                &request
            ),
            expected
        );

        // The masked key of the demo before 2023-09.
        let key = signing_key("Gu5t9xGARNpq86cd98joQYCN3*******", "2019-02-25", "cvm");
        assert_eq!(
            signature(&key, &sts),
            "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c"
        );
    }

    /// (b) AS `DetachInstances`, compact JSON.
    #[test]
    fn b_detach_instances_compact_json() {
        assert_eq!(
            hashed_payload(B_BODY.as_bytes()),
            "1a71a1892bace75d450c31a92f85531aa27c03de1439b6df1a81ead6d9ca2280"
        );
        let canonical = sdk_canonical("POST", "", JSON, AS_HOST, B_BODY.as_bytes());
        assert_eq!(
            canonical,
            "POST\n/\n\ncontent-type:application/json\nhost:as.tencentcloudapi.com\n\n\
             content-type;host\n1a71a1892bace75d450c31a92f85531aa27c03de1439b6df1a81ead6d9ca2280"
        );
        assert_eq!(sha_hex(&canonical), B_CANONICAL_HASH);
        let date = utc_date(1700000000);
        assert_eq!(date, "2023-11-14");
        let scope = credential_scope(&date, "as");
        assert_eq!(scope, "2023-11-14/as/tc3_request");
        let sts = string_to_sign(1700000000, &scope, &canonical);
        assert_eq!(
            sts,
            format!("TC3-HMAC-SHA256\n1700000000\n2023-11-14/as/tc3_request\n{B_CANONICAL_HASH}")
        );
        let sig = signature(&signing_key(KEY, &date, "as"), &sts);
        assert_eq!(sig, B_SIGNATURE);
        let expected = format!(
            "TC3-HMAC-SHA256 Credential={ID}/2023-11-14/as/tc3_request, \
             SignedHeaders=content-type;host, Signature={B_SIGNATURE}"
        );
        assert_eq!(
            authorization(ID, &scope, SDK_SIGNED_HEADERS, &sig),
            expected
        );
        assert_eq!(
            sign_request(ID, KEY, "as", 1700000000, &post(AS_HOST, JSON, B_BODY)),
            expected
        );
    }

    /// (b′) the same request with the body `json.dumps` writes: one space changes everything.
    #[test]
    fn b_prime_python_json_separators() {
        let body = r#"{"AutoScalingGroupId": "asg-boz1qhnk", "InstanceIds": ["ins-cri8d02t", "ins-osckfnm7"]}"#;
        assert_eq!(
            hashed_payload(body.as_bytes()),
            "1149f89729f6ffcdc0464f749df75c6c30d3692f308f4f3745546e378f841c4b"
        );
        let canonical = sdk_canonical("POST", "", JSON, AS_HOST, body.as_bytes());
        assert_eq!(
            sha_hex(&canonical),
            "319b94d07cda7022587a30edec3901f1204950c44bed1f54679eca0982f6c324"
        );
        let auth = sign_request(ID, KEY, "as", 1700000000, &post(AS_HOST, JSON, body));
        assert!(auth.ends_with(
            "Signature=ebb9d1715c6c62d8cee6134e7333f22edcb0b5e19ef931bfe771fb1a767c8e38"
        ));
    }

    /// (c) a session token is not signed: the signature is (b)'s.
    #[test]
    fn c_token_does_not_change_the_signature() {
        // The SDK form signs only content-type and host, so X-TC-Token cannot enter it.
        let auth = sign_request(ID, KEY, "as", 1700000000, &post(AS_HOST, JSON, B_BODY));
        let parsed = parse_authorization(&auth).unwrap();
        assert_eq!(parsed.signature, B_SIGNATURE);
        assert!(!auth.contains("exampleSessionToken0123456789"));
        assert!(!auth.to_ascii_lowercase().contains("x-tc-token"));
    }

    /// (d) GET with query `Limit=10&Offset=0`.
    #[test]
    fn d_get_with_query() {
        assert_eq!(hashed_payload(b""), EMPTY_PAYLOAD_HASH);
        let form = "application/x-www-form-urlencoded";
        let canonical = sdk_canonical("GET", "Limit=10&Offset=0", form, AS_HOST, b"");
        assert_eq!(
            canonical,
            "GET\n/\nLimit=10&Offset=0\ncontent-type:application/x-www-form-urlencoded\n\
             host:as.tencentcloudapi.com\n\ncontent-type;host\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha_hex(&canonical),
            "cee3cfc998093caa6f2f56f5cbbba29ee8598505bcde3703921f9a8de6e7fe88"
        );
        let request = RequestToSign {
            method: "GET",
            host: AS_HOST,
            content_type: form,
            query: "Limit=10&Offset=0",
            body: b"",
            unsigned_payload: false,
        };
        assert_eq!(
            sign_request(ID, KEY, "as", 1700000000, &request),
            format!(
                "TC3-HMAC-SHA256 Credential={ID}/2023-11-14/as/tc3_request, \
                 SignedHeaders=content-type;host, \
                 Signature=f154b74586a57998b9def831a20f0f72edcf4e3adab19452ec727869e87662a8"
            )
        );
        // The query is signed as sent: another order is another signature.
        let swapped = RequestToSign {
            query: "Offset=0&Limit=10",
            ..request
        };
        assert_ne!(
            sign_request(ID, KEY, "as", 1700000000, &swapped),
            sign_request(ID, KEY, "as", 1700000000, &request)
        );
    }

    /// (e1) `\u` escapes and (e2) raw UTF-8: each body has its own signature.
    #[test]
    fn e_non_ascii_bodies() {
        let e1 =
            r#"{"AutoScalingGroupId":"asg-boz1qhnk","AutoScalingGroupName":"\u6d4b\u8bd5\u7ec4"}"#;
        let e2 = r#"{"AutoScalingGroupId":"asg-boz1qhnk","AutoScalingGroupName":"测试组"}"#;
        assert_eq!(e1.len(), 81);
        assert_eq!(e2.len(), 72);
        assert_eq!(
            hex(e2.as_bytes()),
            "7b224175746f5363616c696e6747726f75704964223a226173672d626f7a3171686e6b222c224175746f\
             5363616c696e6747726f75704e616d65223a22e6b58be8af95e7bb84227d"
        );
        let cases = [
            (
                e1,
                "595f66ca279d9fb35c1b3b9bc3a68cdd2bada9c4e6146a4d195a9f02261e9af9",
                "2bbce61dc2da8345e6da28841d5bfcb98a6aec79235faba20810ae645677bb3e",
                "20bf9169b819a306c4e606e5ad0b9e4af136ef82a37ee43946b524b0a39f4d48",
            ),
            (
                e2,
                "7d2cdb47b1f6f8184180077131f5f70b0a480dcb12c9213308a8f0abd2b928c1",
                "c32f047a4aadef16c9c8b3d53340f8b531fd87162d8b9894f823c96149ba40ed",
                "0c76be4767ed3de7b0b01329b76a6ef0916f280777d1fb8c091138fad52a788a",
            ),
        ];
        for (body, payload, canonical_hash, sig) in cases {
            assert_eq!(hashed_payload(body.as_bytes()), payload);
            let canonical = sdk_canonical("POST", "", JSON, AS_HOST, body.as_bytes());
            assert_eq!(sha_hex(&canonical), canonical_hash);
            let sts = string_to_sign(1700000000, "2023-11-14/as/tc3_request", &canonical);
            assert_eq!(
                sts,
                format!("TC3-HMAC-SHA256\n1700000000\n2023-11-14/as/tc3_request\n{canonical_hash}")
            );
            assert_eq!(signature(&signing_key(KEY, "2023-11-14", "as"), &sts), sig);
            assert_eq!(
                sign_request(ID, KEY, "as", 1700000000, &post(AS_HOST, JSON, body)),
                format!(
                    "TC3-HMAC-SHA256 Credential={ID}/2023-11-14/as/tc3_request, \
                     SignedHeaders=content-type;host, Signature={sig}"
                )
            );
        }
    }

    /// (f1)/(f2) the scope date is the UTC date; a Beijing date gives a wrong signature.
    #[test]
    fn f_scope_date_is_utc() {
        let canonical = sdk_canonical("POST", "", JSON, AS_HOST, B_BODY.as_bytes());
        assert_eq!(sha_hex(&canonical), B_CANONICAL_HASH);
        let cases = [
            (
                1700006399,
                "2023-11-14",
                "1ef438730c001c299c19f6639b4c5828fde5f40b0879ec3c912b1839cc78f52b",
            ),
            (
                1700006400,
                "2023-11-15",
                "c052ce40ba8c9f1d13abb57970efd20313de3d6195f58b2db6e6c711287c015a",
            ),
        ];
        for (ts, date, sig) in cases {
            assert_eq!(utc_date(ts), date);
            let scope = credential_scope(date, "as");
            let sts = string_to_sign(ts, &scope, &canonical);
            assert_eq!(
                sts,
                format!("TC3-HMAC-SHA256\n{ts}\n{date}/as/tc3_request\n{B_CANONICAL_HASH}")
            );
            assert_eq!(signature(&signing_key(KEY, date, "as"), &sts), sig);
            assert_eq!(
                sign_request(ID, KEY, "as", ts, &post(AS_HOST, JSON, B_BODY)),
                format!(
                    "TC3-HMAC-SHA256 Credential={ID}/{date}/as/tc3_request, \
                     SignedHeaders=content-type;host, Signature={sig}"
                )
            );
        }

        // f1 signed with the Beijing date.
        let scope = credential_scope("2023-11-15", "as");
        let sts = string_to_sign(1700006399, &scope, &canonical);
        let wrong = signature(&signing_key(KEY, "2023-11-15", "as"), &sts);
        assert_eq!(
            wrong,
            "f57b1f6a2d9d2b78388d857bba8e24a75642c6f77b523d9ca766ce050488c767"
        );
        assert_ne!(
            wrong,
            "1ef438730c001c299c19f6639b4c5828fde5f40b0879ec3c912b1839cc78f52b"
        );
    }

    #[test]
    fn unsigned_payload_hashes_the_marker() {
        let request = RequestToSign {
            unsigned_payload: true,
            ..post(AS_HOST, JSON, B_BODY)
        };
        let marker = RequestToSign {
            body: UNSIGNED_PAYLOAD.as_bytes(),
            unsigned_payload: false,
            ..request
        };
        assert_eq!(
            sign_request(ID, KEY, "as", 1700000000, &request),
            sign_request(ID, KEY, "as", 1700000000, &marker)
        );
    }

    #[test]
    fn utc_dates() {
        let cases: &[(u64, &str)] = &[
            (0, "1970-01-01"),
            (86_399, "1970-01-01"),
            (86_400, "1970-01-02"),
            (31_535_999, "1970-12-31"),
            (31_536_000, "1971-01-01"),
            (68_169_599, "1972-02-28"),
            (68_169_600, "1972-02-29"),
            (68_256_000, "1972-03-01"),
            (946_684_799, "1999-12-31"),
            (946_684_800, "2000-01-01"),
            (951_782_400, "2000-02-29"),
            (951_868_800, "2000-03-01"),
            (1_551_113_065, "2019-02-25"),
            (1_703_980_800, "2023-12-31"),
            (1_704_067_199, "2023-12-31"),
            (1_704_067_200, "2024-01-01"),
            (1_709_164_800, "2024-02-29"),
            (1_709_251_199, "2024-02-29"),
            (1_709_251_200, "2024-03-01"),
            (2_147_483_647, "2038-01-19"),
            (2_147_483_648, "2038-01-19"),
            (4_107_455_999, "2100-02-27"),
            (4_107_542_399, "2100-02-28"),
            (4_107_542_400, "2100-03-01"), // 2100 is not a leap year
            (4_133_980_799, "2100-12-31"),
            (4_133_980_800, "2101-01-01"),
            (13_574_563_200, "2400-02-29"), // 2400 is
            (253_402_300_799, "9999-12-31"),
            (253_402_300_800, "10000-01-01"),
        ];
        for &(ts, date) in cases {
            assert_eq!(utc_date(ts), date, "timestamp {ts}");
        }
        // No overflow or panic at the top of the range.
        let top = UtcDate::from_timestamp(u64::MAX);
        assert!((1..=12).contains(&top.month) && (1..=31).contains(&top.day));
        assert_eq!(
            UtcDate::from_timestamp(1_709_164_800),
            UtcDate {
                year: 2024,
                month: 2,
                day: 29
            }
        );
    }

    /// Every day from 1970 to 2500 follows the previous one.
    #[test]
    fn utc_dates_are_consecutive() {
        let leap = |y: u64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days_in = |y: u64, m: u8| match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            _ if leap(y) => 29,
            _ => 28,
        };
        let mut expected = UtcDate {
            year: 1970,
            month: 1,
            day: 1,
        };
        for day in 0..(531 * 366) {
            let got = UtcDate::from_timestamp(day * 86_400 + 43_200);
            assert_eq!(got, expected, "day {day}");
            if expected.day < days_in(expected.year, expected.month) {
                expected.day += 1;
            } else if expected.month < 12 {
                expected.month += 1;
                expected.day = 1;
            } else {
                expected = UtcDate {
                    year: expected.year + 1,
                    month: 1,
                    day: 1,
                };
            }
        }
    }

    #[test]
    fn signed_header_lists() {
        assert_eq!(
            signed_headers(&[("Host", AS_HOST), ("Content-Type", JSON)]),
            SDK_SIGNED_HEADERS
        );
        assert_eq!(signed_headers(&[]), "");
        assert_eq!(
            signed_headers(&[("X-TC-Action", "A"), ("host", "h"), ("Content-Type", "t")]),
            "content-type;host;x-tc-action"
        );
    }

    #[test]
    fn parses_what_it_signs() {
        let auth = sign_request(ID, KEY, "as", 1700000000, &post(AS_HOST, JSON, B_BODY));
        let parsed = parse_authorization(&auth).unwrap();
        assert_eq!(
            parsed,
            Authorization {
                secret_id: ID,
                scope: "2023-11-14/as/tc3_request",
                date: "2023-11-14",
                service: "as",
                signed_headers: "content-type;host",
                signature: B_SIGNATURE,
            }
        );
        assert_eq!(
            parsed.signed_header_names().collect::<Vec<_>>(),
            ["content-type", "host"]
        );
        // (a1)'s header, with the masked SecretId.
        let a1 = "TC3-HMAC-SHA256 Credential=AKID********************************/2019-02-25/cvm/tc3_request, \
                  SignedHeaders=content-type;host;x-tc-action, \
                  Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f";
        let parsed = parse_authorization(a1).unwrap();
        assert_eq!(parsed.service, "cvm");
        assert_eq!(parsed.signed_header_names().count(), 3);
        // Other spacing and order are tolerated.
        let loose = format!(
            "  TC3-HMAC-SHA256   Signature={B_SIGNATURE},SignedHeaders=host;content-type ,  Credential={ID}/2023-11-14/as/tc3_request "
        );
        let parsed = parse_authorization(&loose).unwrap();
        assert_eq!(parsed.secret_id, ID);
        assert_eq!(parsed.signed_headers, "host;content-type");
    }

    #[test]
    fn rejects_malformed_authorization() {
        use AuthorizationError as E;
        let sig = B_SIGNATURE;
        let ok_cred = format!("Credential={ID}/2023-11-14/as/tc3_request");
        let with = |cred: &str, headers: &str, sig: &str| {
            format!("TC3-HMAC-SHA256 {cred}, SignedHeaders={headers}, Signature={sig}")
        };
        let cases: Vec<(String, AuthorizationError)> = vec![
            (String::new(), E::Empty),
            ("   \t ".into(), E::Empty),
            ("garbage".into(), E::UnsupportedAlgorithm),
            ("TC3-HMAC-SHA256".into(), E::UnsupportedAlgorithm),
            ("TC3-HMAC-SHA256X Credential=a".into(), E::UnsupportedAlgorithm),
            ("tc3-hmac-sha256 Credential=a".into(), E::UnsupportedAlgorithm),
            ("AWS4-HMAC-SHA256 Credential=x".into(), E::UnsupportedAlgorithm),
            ("TC3-HMAC-SHA256 ".into(), E::UnsupportedAlgorithm),
            ("TC3-HMAC-SHA256 ,".into(), E::UnknownPart),
            ("TC3-HMAC-SHA256 Credential=".into(), E::MissingPart("SignedHeaders=")),
            (
                format!("TC3-HMAC-SHA256 SignedHeaders=content-type;host, Signature={sig}"),
                E::MissingPart("Credential="),
            ),
            (
                format!("TC3-HMAC-SHA256 {ok_cred}, Signature={sig}"),
                E::MissingPart("SignedHeaders="),
            ),
            (
                format!("TC3-HMAC-SHA256 {ok_cred}, SignedHeaders=content-type;host"),
                E::MissingPart("Signature="),
            ),
            (
                format!("TC3-HMAC-SHA256 {ok_cred}, {ok_cred}, SignedHeaders=content-type;host, Signature={sig}"),
                E::DuplicatePart("Credential="),
            ),
            (
                format!("TC3-HMAC-SHA256 {ok_cred}, SignedHeaders=content-type;host, Signature={sig}, Extra=1"),
                E::UnknownPart,
            ),
            (
                format!("TC3-HMAC-SHA256 {ok_cred}; SignedHeaders=content-type;host; Signature={sig}"),
                E::MissingPart("SignedHeaders="),
            ),
            (with("Credential=AKID", "content-type;host", sig), E::MalformedCredential),
            (
                with("Credential=AKID/2023-11-14/as", "content-type;host", sig),
                E::MalformedCredential,
            ),
            (
                with("Credential=AKID/2023-11-14/as/tc3_request/x", "content-type;host", sig),
                E::MalformedCredential,
            ),
            (
                with("Credential=/2023-11-14/as/tc3_request", "content-type;host", sig),
                E::EmptySecretId,
            ),
            (
                with("Credential=AKID/20231114/as/tc3_request", "content-type;host", sig),
                E::InvalidDate,
            ),
            (
                with("Credential=AKID/2023-13-14/as/tc3_request", "content-type;host", sig),
                E::InvalidDate,
            ),
            (
                with("Credential=AKID/2023-1１-14/as/tc3_request", "content-type;host", sig),
                E::InvalidDate,
            ),
            (
                with("Credential=AKID/2023-11-14//tc3_request", "content-type;host", sig),
                E::InvalidService,
            ),
            (
                with("Credential=AKID/2023-11-14/AS/tc3_request", "content-type;host", sig),
                E::InvalidService,
            ),
            (
                with("Credential=AKID/2023-11-14/as/tc3_requests", "content-type;host", sig),
                E::InvalidScopeTerminator,
            ),
            (
                with("Credential=AKID/2023-11-14/as/aws4_request", "content-type;host", sig),
                E::InvalidScopeTerminator,
            ),
            (with(&ok_cred, "", sig), E::InvalidSignedHeaders),
            (with(&ok_cred, "content-type;;host", sig), E::InvalidSignedHeaders),
            (with(&ok_cred, "Content-Type;host", sig), E::InvalidSignedHeaders),
            (with(&ok_cred, "content-type; host", sig), E::InvalidSignedHeaders),
            (with(&ok_cred, "host", sig), E::MissingSignedHeader("content-type")),
            (with(&ok_cred, "content-type;x-tc-action", sig), E::MissingSignedHeader("host")),
            (with(&ok_cred, "content-type;host", ""), E::InvalidSignature),
            (with(&ok_cred, "content-type;host", &sig[..63]), E::InvalidSignature),
            (
                with(&ok_cred, "content-type;host", &sig.to_ascii_uppercase()),
                E::InvalidSignature,
            ),
            (
                with(&ok_cred, "content-type;host", &format!("{}g", &sig[..63])),
                E::InvalidSignature,
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(
                parse_authorization(&input),
                Err(expected),
                "input {input:?}"
            );
            // Every error has a message.
            assert!(!expected.to_string().is_empty());
        }
    }

    #[test]
    fn parse_never_panics() {
        let good = sign_request(ID, KEY, "as", 1700000000, &post(AS_HOST, JSON, B_BODY));
        let mut inputs: Vec<String> = vec![
            "TC3-HMAC-SHA256 Credential=ключ/２０２３-11-14/as/tc3_request, SignedHeaders=content-type;host, Signature=é".into(),
            "TC3-HMAC-SHA256 Credential=/ / / , SignedHeaders=;;, Signature=".into(),
            "TC3-HMAC-SHA256 ,,,,".into(),
            "TC3-HMAC-SHA256 =,=,=".into(),
            "TC3-HMAC-SHA256\u{a0}Credential=a".into(),
            "TC3-HMAC-SHA256 Credential=🦀/🦀/🦀/🦀, SignedHeaders=🦀, Signature=🦀".into(),
            "\u{0}\u{ffff}".into(),
            "TC3-HMAC-SHA256 Credential=a/2023-11-1é/as/tc3_request, SignedHeaders=content-type;host, Signature=x".into(),
        ];
        // Every prefix and every single-character deletion of a good header.
        for (i, _) in good.char_indices() {
            inputs.push(good[..i].to_string());
            let mut deleted = good.clone();
            deleted.remove(i);
            inputs.push(deleted);
            let mut unicode = good.clone();
            unicode.insert(i, 'ß');
            inputs.push(unicode);
        }
        for input in &inputs {
            let _ = parse_authorization(input);
        }
        assert!(parse_authorization(&good).is_ok());
    }
}
