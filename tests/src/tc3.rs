//! Checks a TC3-HMAC-SHA256 request as a test server received it, twice over:
//!
//! 1. with the crate's own building blocks (`qcloud_as::protocol::v3::sign`): parse the
//!    `Authorization`, rebuild the canonical request from the received method, query, headers
//!    and body bytes, recompute the signature with the secret key and compare;
//! 2. from scratch with `hmac` and `sha2` (the UTC date too), following the documented
//!    algorithm, so that a mistake shared by the signer and its building blocks still shows.

use crate::Recorded;
use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use qcloud_as::protocol::v3::sign;
use sha2::{Digest, Sha256};

/// What a verified request was signed with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The SecretId of `Credential=`.
    pub secret_id: String,
    /// The scope's date, `YYYY-MM-DD`.
    pub date: String,
    /// The scope's service (`as`).
    pub service: String,
    /// `SignedHeaders`, e.g. `content-type;host`.
    pub signed_headers: String,
    /// The `X-TC-Timestamp`.
    pub timestamp: u64,
    /// The signature.
    pub signature: String,
    /// The canonical request the signature covers.
    pub canonical_request: String,
}

/// Verifies `received` against `secret_key`: the `Authorization` must parse, name
/// `secret_id`, a scope date equal to the UTC day of `X-TC-Timestamp`, and carry the signature
/// of the request's bytes; the header must be exactly what the algorithm formats.
pub fn verify(received: &Recorded, secret_id: &str, secret_key: &str) -> Result<Verified, String> {
    let header = received
        .header("authorization")
        .ok_or("no Authorization header")?;
    let auth = sign::parse_authorization(header)
        .map_err(|e| format!("the Authorization {header:?} does not parse: {e}"))?;
    if auth.secret_id != secret_id {
        return Err(format!("signed by {:?}, not {secret_id:?}", auth.secret_id));
    }
    let timestamp: u64 = received
        .header("x-tc-timestamp")
        .ok_or("no X-TC-Timestamp header")?
        .parse()
        .map_err(|e| format!("X-TC-Timestamp is not an integer: {e}"))?;
    let date = utc_date(timestamp);
    if auth.date != date {
        return Err(format!(
            "the scope date is {}, the UTC day of {timestamp} is {date}",
            auth.date
        ));
    }
    let mut headers = Vec::new();
    for name in auth.signed_header_names() {
        let value = received
            .header(&name.to_ascii_lowercase())
            .ok_or_else(|| format!("the signed header {name:?} was not received"))?;
        headers.push((name, value));
    }
    let query = received
        .target
        .split_once('?')
        .map(|(_, q)| q)
        .unwrap_or_default();

    // 1. With the crate's building blocks.
    let canonical = sign::canonical_request(
        &received.method,
        query,
        &headers,
        &sign::hashed_payload(&received.body),
    );
    let scope = sign::credential_scope(auth.date, auth.service);
    let to_sign = sign::string_to_sign(timestamp, &scope, &canonical);
    let expected = sign::signature(
        &sign::signing_key(secret_key, auth.date, auth.service),
        &to_sign,
    );
    if auth.signature != expected {
        return Err(format!(
            "signature {} does not match {expected} over the canonical request {canonical:?}",
            auth.signature
        ));
    }
    let formatted = sign::authorization(secret_id, &scope, auth.signed_headers, &expected);
    if header != formatted {
        return Err(format!("Authorization {header:?} is not {formatted:?}"));
    }

    // 2. From scratch.
    let scratch_canonical = scratch_canonical_request(received, query, &headers);
    if scratch_canonical != canonical {
        return Err(format!(
            "canonical requests differ: {canonical:?} (sign) vs {scratch_canonical:?} (scratch)"
        ));
    }
    let scratch = scratch_signature(
        secret_key,
        &date,
        auth.service,
        timestamp,
        &scratch_canonical,
    );
    if scratch != auth.signature {
        return Err(format!(
            "signature {} differs from the one computed from scratch, {scratch}",
            auth.signature
        ));
    }
    Ok(Verified {
        secret_id: auth.secret_id.to_owned(),
        date,
        service: auth.service.to_owned(),
        signed_headers: auth.signed_headers.to_owned(),
        timestamp,
        signature: auth.signature.to_owned(),
        canonical_request: canonical,
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hmac(key: &[u8], message: &[u8]) -> Result<Vec<u8>, String> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).map_err(|e| e.to_string())?;
    mac.update(message);
    Ok(mac.finalize().into_bytes().to_vec())
}

/// The canonical request as the documentation spells it: method, `/`, query, one
/// `name:value\n` line per signed header (lower-case name, trimmed lower-case value, sorted),
/// an empty line, the names joined by `;`, the hex SHA-256 of the body.
fn scratch_canonical_request(received: &Recorded, query: &str, headers: &[(&str, &str)]) -> String {
    let mut lines: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), v.trim().to_ascii_lowercase()))
        .collect();
    lines.sort();
    let canonical_headers: String = lines.iter().map(|(n, v)| format!("{n}:{v}\n")).collect();
    let names: Vec<&str> = lines.iter().map(|(n, _)| n.as_str()).collect();
    format!(
        "{}\n/\n{query}\n{canonical_headers}\n{}\n{}",
        received.method.to_ascii_uppercase(),
        names.join(";"),
        hex(&Sha256::digest(&received.body))
    )
}

fn scratch_signature(
    secret_key: &str,
    date: &str,
    service: &str,
    timestamp: u64,
    canonical: &str,
) -> String {
    let to_sign = format!(
        "TC3-HMAC-SHA256\n{timestamp}\n{date}/{service}/tc3_request\n{}",
        hex(&Sha256::digest(canonical.as_bytes()))
    );
    let chain = hmac(format!("TC3{secret_key}").as_bytes(), date.as_bytes())
        .and_then(|k| hmac(&k, service.as_bytes()))
        .and_then(|k| hmac(&k, b"tc3_request"))
        .and_then(|k| hmac(&k, to_sign.as_bytes()));
    match chain {
        Ok(signature) => hex(&signature),
        Err(e) => format!("<no HMAC: {e}>"),
    }
}

/// `YYYY-MM-DD` of the UTC day holding a Unix timestamp (Howard Hinnant's `civil_from_days`).
pub fn utc_date(timestamp: u64) -> String {
    let days = (timestamp / 86_400) as i64;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::utc_date;

    #[test]
    fn utc_dates() {
        assert_eq!(utc_date(0), "1970-01-01");
        // The documentation's example: 00:44 on the 26th in Beijing, the 25th in UTC.
        assert_eq!(utc_date(1_551_113_065), "2019-02-25");
        assert_eq!(utc_date(1_700_006_399), "2023-11-14");
        assert_eq!(utc_date(1_700_006_400), "2023-11-15");
        assert_eq!(utc_date(951_782_400), "2000-02-29");
    }
}
