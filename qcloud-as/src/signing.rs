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
    let signed = |(name, _): &&(String, String)| name != "Signature";
    // Names with `_` are rare (only hand-made requests write `instanceIds_0`).
    if !params.iter().any(|(name, _)| has_underscore(name)) {
        let keys = params
            .iter()
            .filter(signed)
            .map(|(name, value)| SortKey::new(name, value));
        return sorted_message(method, host, path, params.len(), keys);
    }
    let renamed: Vec<(String, &str)> = params
        .iter()
        .filter(signed)
        .map(|(name, value)| (name.replace('_', "."), value.as_str()))
        .collect();
    let keys = renamed
        .iter()
        .map(|(name, value)| SortKey::new(name, value));
    sorted_message(method, host, path, renamed.len(), keys)
}

/// `METHOD + host + path + "?" + name=value&…` of `keys` (at most `most` of them) sorted by
/// name.
fn sorted_message<'a>(
    method: &str,
    host: &str,
    path: &str,
    most: usize,
    keys: impl Iterator<Item = SortKey<'a>>,
) -> String {
    let mut out = String::new();
    write_sorted_message(&mut out, (method, host, path), most, keys);
    out
}

/// [`sorted_message`] written into `out` (cleared first, its room kept); a request has a dozen
/// parameters or so, sorted on the stack unless it has many.
fn write_sorted_message<'a>(
    out: &mut String,
    (method, host, path): (&str, &str, &str),
    most: usize,
    keys: impl Iterator<Item = SortKey<'a>>,
) {
    const ON_STACK: usize = 32;
    let mut stack: [SortKey<'a>; ON_STACK] = [SortKey::EMPTY; ON_STACK];
    let mut heap = Vec::new();
    let sorted: &mut [SortKey<'a>] = if most <= ON_STACK {
        let mut n = 0;
        for (slot, key) in stack.iter_mut().zip(keys) {
            *slot = key;
            n += 1;
        }
        &mut stack[..n]
    } else {
        heap.extend(keys);
        &mut heap
    };
    sorted.sort_unstable();
    out.clear();
    out.reserve(message_len(method, host, path, sorted));
    write_message(out, method, host, path, sorted);
}

/// Whether a name holds `_`: a plain loop, cheaper than `memchr` for names this short.
fn has_underscore(name: &str) -> bool {
    let mut found = false;
    for &b in name.as_bytes() {
        found |= b == b'_';
    }
    found
}

/// A pair with the first 8 bytes of its name as a number, so most comparisons are one integer
/// comparison.
#[derive(PartialEq, Eq)]
struct SortKey<'a> {
    prefix: u64,
    name: &'a str,
    value: &'a str,
}

impl<'a> SortKey<'a> {
    const EMPTY: SortKey<'static> = SortKey {
        prefix: 0,
        name: "",
        value: "",
    };

    fn new(name: &'a str, value: &'a str) -> Self {
        let mut bytes = [0u8; 8];
        let n = name.len().min(8);
        bytes[..n].copy_from_slice(&name.as_bytes()[..n]);
        SortKey {
            prefix: u64::from_be_bytes(bytes),
            name,
            value,
        }
    }
}

impl Ord for SortKey<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.prefix
            .cmp(&other.prefix)
            .then_with(|| self.name.as_bytes().cmp(other.name.as_bytes()))
    }
}

impl PartialOrd for SortKey<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

fn message_len(method: &str, host: &str, path: &str, pairs: &[SortKey<'_>]) -> usize {
    method.len()
        + host.len()
        + path.len()
        + 1
        + pairs
            .iter()
            .map(|p| p.name.len() + p.value.len() + 2)
            .sum::<usize>()
}

/// `METHOD + host + path + "?" + name=value&…` for pairs already in order.
fn write_message(out: &mut String, method: &str, host: &str, path: &str, pairs: &[SortKey<'_>]) {
    if method.bytes().any(|b| b.is_ascii_lowercase()) {
        out.push_str(&method.to_ascii_uppercase());
    } else {
        out.push_str(method);
    }
    out.push_str(host);
    out.push_str(path);
    out.push('?');
    for (i, pair) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(pair.name);
        out.push('=');
        out.push_str(pair.value);
    }
}

/// The signature of parameters given by reference (at most `most` of them), sorted by name in
/// byte order, with the string to sign written in `buffer` (cleared first, its room kept for
/// the caller). Names must already use `.`, not `_`, and `Signature` must not be among them;
/// the result is what [`string_to_sign`] and [`sign`] give.
#[cfg(feature = "v2")]
pub(crate) fn sign_pairs_in<'a>(
    buffer: &mut String,
    secret_key: &str,
    target: (&str, &str, &str),
    most: usize,
    pairs: impl Iterator<Item = (&'a str, &'a str)>,
    method: SignatureMethod,
) -> Signature {
    let keys = pairs.map(|(n, v)| SortKey::new(n, v));
    write_sorted_message(buffer, target, most, keys);
    let key = secret_key.as_bytes();
    let message = buffer.as_bytes();
    match method {
        SignatureMethod::HmacSha1 => Signature::of::<Hmac<sha1::Sha1>>(key, message),
        SignatureMethod::HmacSha256 => Signature::of::<Hmac<sha2::Sha256>>(key, message),
    }
}

/// A signature in base64, held inline (no allocation).
#[cfg(feature = "v2")]
pub(crate) struct Signature {
    /// Room for the base64 of a 32-byte HMAC-SHA256 (44 characters).
    text: [u8; 44],
    len: usize,
}

#[cfg(feature = "v2")]
impl Signature {
    fn of<M: Mac + KeyInit>(key: &[u8], message: &[u8]) -> Signature {
        let mut signature = Signature {
            text: [0; 44],
            len: 0,
        };
        if let Ok(mut mac) = <M as KeyInit>::new_from_slice(key) {
            Mac::update(&mut mac, message);
            let digest = mac.finalize().into_bytes();
            // A digest of at most 32 bytes always fits.
            if let Ok(len) =
                base64::engine::general_purpose::STANDARD.encode_slice(digest, &mut signature.text)
            {
                signature.len = len;
            }
        }
        signature
    }

    /// The signature as sent.
    pub(crate) fn as_str(&self) -> &str {
        // Base64 is ASCII.
        std::str::from_utf8(&self.text[..self.len]).unwrap_or_default()
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
