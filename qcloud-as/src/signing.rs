//! API 2.0 request signing ("signature v1"), HmacSHA1 and HmacSHA256.
//!
//! The algorithm, as Tencent Cloud documents it:
//!
//! 1. take every request parameter except `Signature`;
//! 2. replace `_` with `.` in each name (a server may receive `instanceIds_0` but signs `instanceIds.0`);
//! 3. sort by name in byte order (so `instanceIds.10` sorts before `instanceIds.2`);
//! 4. join `name=value` pairs with `&`, using the raw values, not URL-encoded ones;
//! 5. prefix with `METHOD + host + path + "?"`;
//! 6. HMAC the result with the secret key and base64-encode the digest (with padding).
//!
//! On the wire the whole query (GET) or form body (POST) is URL-encoded once, `Signature` included.
//!
//! ```
//! use qcloud_as::signing::{sign, string_to_sign, SignatureMethod};
//!
//! let params = vec![
//!     ("Action".to_string(), "DescribeInstances".to_string()),
//!     ("Nonce".to_string(), "345122".to_string()),
//!     ("Region".to_string(), "gz".to_string()),
//!     ("SecretId".to_string(), "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA".to_string()),
//!     ("Timestamp".to_string(), "1408704141".to_string()),
//! ];
//! let sts = string_to_sign("GET", "cvm.api.qcloud.com", "/v2/index.php", &params);
//! let signature = sign("Gu5t9xGARNpq86cd98joQYCN3Cozk1qA", &sts, SignatureMethod::HmacSha1);
//! assert_eq!(signature, "HgIYOPcx5lN6gz8JsCFBNAWp2oQ=");
//! ```

use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use std::borrow::Cow;

/// The HMAC used for a request's signature, sent as the `SignatureMethod` parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SignatureMethod {
    /// `HmacSHA1`: what the server uses when `SignatureMethod` is absent or anything but `HmacSHA256`.
    HmacSha1,
    /// `HmacSHA256`: the default of this SDK.
    #[default]
    HmacSha256,
}

impl SignatureMethod {
    /// The value sent as the `SignatureMethod` parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            SignatureMethod::HmacSha1 => "HmacSHA1",
            SignatureMethod::HmacSha256 => "HmacSHA256",
        }
    }

    /// The method a server applies for a received `SignatureMethod` value: HmacSHA256 only when the
    /// value is exactly `HmacSHA256`, HmacSHA1 otherwise (including when it is absent).
    pub fn from_param(value: Option<&str>) -> SignatureMethod {
        match value {
            Some("HmacSHA256") => SignatureMethod::HmacSha256,
            _ => SignatureMethod::HmacSha1,
        }
    }
}

impl std::fmt::Display for SignatureMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Builds the string to sign: `METHOD + host + path + "?" + sorted name=value pairs`.
///
/// `method` is upper-cased; `Signature` is left out if present; `_` in names becomes `.`; names
/// are sorted in byte order after that replacement; values are used raw.
pub fn string_to_sign(method: &str, host: &str, path: &str, params: &[(String, String)]) -> String {
    let mut pairs: Vec<(Cow<'_, str>, &str)> = params
        .iter()
        .filter(|(name, _)| name != "Signature")
        .map(|(name, value)| {
            let name = if name.contains('_') {
                Cow::Owned(name.replace('_', "."))
            } else {
                Cow::Borrowed(name.as_str())
            };
            (name, value.as_str())
        })
        .collect();
    pairs.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));

    let capacity = method.len()
        + host.len()
        + path.len()
        + 1
        + pairs
            .iter()
            .map(|(n, v)| n.len() + v.len() + 2)
            .sum::<usize>();
    let mut out = String::with_capacity(capacity);
    for c in method.chars() {
        out.push(c.to_ascii_uppercase());
    }
    out.push_str(host);
    out.push_str(path);
    out.push('?');
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(name);
        out.push('=');
        out.push_str(value);
    }
    out
}

/// Signs a string to sign: base64 (with padding) of its HMAC under `secret_key`.
pub fn sign(secret_key: &str, string_to_sign: &str, method: SignatureMethod) -> String {
    let key = secret_key.as_bytes();
    let message = string_to_sign.as_bytes();
    match method {
        SignatureMethod::HmacSha1 => hmac_base64::<Hmac<sha1::Sha1>>(key, message),
        SignatureMethod::HmacSha256 => hmac_base64::<Hmac<sha2::Sha256>>(key, message),
    }
}

fn hmac_base64<M: Mac + KeyInit>(key: &[u8], message: &[u8]) -> String {
    match <M as KeyInit>::new_from_slice(key) {
        Ok(mut mac) => {
            Mac::update(&mut mac, message);
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
        }
        // HMAC takes keys of any length, so this arm is never taken.
        Err(_) => String::new(),
    }
}

/// Compares two signatures in time independent of where they first differ.
pub fn signatures_equal(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
