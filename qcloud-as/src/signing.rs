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
    let mut pairs: Vec<(&str, &str)> = Vec::with_capacity(params.len());
    // Names with `_` are rare (only hand-made requests write `instanceIds_0`).
    let renamed: Vec<String>;
    if params.iter().any(|(name, _)| name.contains('_')) {
        renamed = params
            .iter()
            .map(|(name, _)| name.replace('_', "."))
            .collect();
        pairs.extend(
            renamed
                .iter()
                .zip(params)
                .map(|(name, (_, value))| (name.as_str(), value.as_str())),
        );
    } else {
        pairs.extend(params.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    }
    pairs.retain(|(name, _)| *name != "Signature");
    pairs.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let message = message_to_sign(method, host, path, &pairs);
    // The message is built from `&str` pieces and ASCII bytes.
    String::from_utf8(message).unwrap_or_default()
}

/// `METHOD + host + path + "?" + name=value&…` for pairs already in order.
fn message_to_sign(method: &str, host: &str, path: &str, pairs: &[(&str, &str)]) -> Vec<u8> {
    let capacity = method.len()
        + host.len()
        + path.len()
        + 1
        + pairs
            .iter()
            .map(|(n, v)| n.len() + v.len() + 2)
            .sum::<usize>();
    let mut out = Vec::with_capacity(capacity);
    if method.bytes().any(|b| b.is_ascii_lowercase()) {
        out.extend(method.bytes().map(|b| b.to_ascii_uppercase()));
    } else {
        out.extend_from_slice(method.as_bytes());
    }
    out.extend_from_slice(host.as_bytes());
    out.extend_from_slice(path.as_bytes());
    out.push(b'?');
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push(b'&');
        }
        out.extend_from_slice(name.as_bytes());
        out.push(b'=');
        out.extend_from_slice(value.as_bytes());
    }
    out
}

/// The signature of parameters given by reference, sorted in place (by name, in byte order).
/// Names must already use `.`, not `_`, and `Signature` must not be among them; the result is
/// what [`string_to_sign`] and [`sign`] give.
pub(crate) fn sign_pairs(
    secret_key: &str,
    (http_method, host, path): (&str, &str, &str),
    pairs: &mut [(&str, &str)],
    method: SignatureMethod,
) -> String {
    pairs.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let message = message_to_sign(http_method, host, path, pairs);
    let key = secret_key.as_bytes();
    match method {
        SignatureMethod::HmacSha1 => hmac_base64::<Hmac<sha1::Sha1>>(key, &message),
        SignatureMethod::HmacSha256 => hmac_base64::<Hmac<sha2::Sha256>>(key, &message),
    }
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
