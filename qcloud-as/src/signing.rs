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
//! [`string_to_sign`] and [`sign`] show each step; a [`Signer`] does both in a buffer it keeps,
//! for code that signs or checks many requests.
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
    let mut out = Vec::new();
    write_string_to_sign(&mut out, (method, host, path), params);
    // Whole `str`s joined with ASCII bytes: always UTF-8 (checked at about 16 bytes a step).
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// [`string_to_sign`] written into `out` (cleared first, its room kept).
fn write_string_to_sign<N: AsRef<str>, V: AsRef<str>>(
    out: &mut Vec<u8>,
    target: (&str, &str, &str),
    params: &[(N, V)],
) {
    let signed = |(name, _): &&(N, V)| name.as_ref() != "Signature";
    // Names with `_` are rare (only hand-made requests write `instanceIds_0`).
    if !params.iter().any(|(name, _)| has_underscore(name.as_ref())) {
        let keys = params
            .iter()
            .filter(signed)
            .map(|(name, value)| SortKey::new(name.as_ref(), value.as_ref()));
        return write_sorted_message(out, target, params.len(), keys);
    }
    let renamed: Vec<(String, &str)> = params
        .iter()
        .filter(signed)
        .map(|(name, value)| (name.as_ref().replace('_', "."), value.as_ref()))
        .collect();
    let keys = renamed
        .iter()
        .map(|(name, value)| SortKey::new(name, value));
    write_sorted_message(out, target, renamed.len(), keys)
}

/// Signs requests in a buffer it keeps: [`string_to_sign`] and [`sign`] in one step, which
/// allocates nothing once the buffer has grown to a request's size. A server checking many
/// requests, or a client signing them, keeps one per task.
///
/// ```
/// use qcloud_as::signing::{SignatureMethod, Signer};
///
/// let params = [
///     ("Action", "DescribeInstances"),
///     ("Nonce", "345122"),
///     ("Region", "gz"),
///     ("SecretId", "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA"),
///     ("Timestamp", "1408704141"),
/// ];
/// let mut signer = Signer::new();
/// let signature = signer.sign(
///     ("GET", "cvm.api.qcloud.com", "/v2/index.php"),
///     &params,
///     "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA",
///     SignatureMethod::HmacSha1,
/// );
/// assert_eq!(signature.as_str(), "HgIYOPcx5lN6gz8JsCFBNAWp2oQ=");
/// assert!(signer.string_to_sign().starts_with("GETcvm.api.qcloud.com/v2/index.php?Action="));
/// ```
#[derive(Clone, Default)]
pub struct Signer {
    message: Vec<u8>,
}

impl Signer {
    /// A signer with an empty buffer.
    pub fn new() -> Signer {
        Signer::default()
    }

    /// The signature of `params` sent as `(method, host, path)`: what
    /// `sign(secret_key, &string_to_sign(method, host, path, params), signature_method)` gives,
    /// with the same rules (`Signature` left out, `_` read as `.`, byte order).
    pub fn sign<N: AsRef<str>, V: AsRef<str>>(
        &mut self,
        (method, host, path): (&str, &str, &str),
        params: &[(N, V)],
        secret_key: &str,
        signature_method: SignatureMethod,
    ) -> Signature {
        write_string_to_sign(&mut self.message, (method, host, path), params);
        Signature::of(secret_key.as_bytes(), &self.message, signature_method)
    }

    /// The string to sign of the last [`Signer::sign`] (empty before the first).
    pub fn string_to_sign(&self) -> &str {
        std::str::from_utf8(&self.message).unwrap_or_default()
    }
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer")
            .field("string_to_sign", &self.string_to_sign())
            .finish()
    }
}

/// The message of `keys` (at most `most` of them) sorted by name, written into `out` (cleared
/// first, its room kept). A request has a dozen parameters or so, sorted on the stack unless it
/// has more than 16.
fn write_sorted_message<'a>(
    out: &mut Vec<u8>,
    (method, host, path): (&str, &str, &str),
    most: usize,
    keys: impl Iterator<Item = SortKey<'a>>,
) {
    const ON_STACK: usize = 16;
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
    write_message(out, (method, host, path), sorted);
}

/// Whether a name holds `_`, eight bytes at a time: most names are 5 to 16 bytes long.
#[inline]
fn has_underscore(name: &str) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    const UNDERSCORES: u64 = u64::from_ne_bytes([b'_'; 8]);
    // Whether one of the eight bytes is `_` (exact: the classic zero-byte test of `x ^ '_'`).
    let any = |chunk: &[u8; 8]| {
        let x = u64::from_ne_bytes(*chunk) ^ UNDERSCORES;
        x.wrapping_sub(ONES) & !x & HIGHS != 0
    };
    let bytes = name.as_bytes();
    let mut rest = bytes;
    while let Some((chunk, tail)) = rest.split_first_chunk::<8>() {
        if any(chunk) {
            return true;
        }
        rest = tail;
    }
    match bytes.last_chunk::<8>() {
        // The last eight bytes, overlapping those already seen.
        Some(last) => !rest.is_empty() && any(last),
        None => rest.contains(&b'_'),
    }
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

    #[inline]
    fn new(name: &'a str, value: &'a str) -> Self {
        SortKey {
            prefix: prefix(name.as_bytes()),
            name,
            value,
        }
    }
}

/// The first 8 bytes of `bytes` (zero-padded) as a big-endian number: two such numbers compare
/// as the bytes do, unless they are equal. One 8-byte load when there are 8 bytes; a copy of
/// variable length into a buffer read back as a whole would stall on store forwarding.
#[inline]
fn prefix(bytes: &[u8]) -> u64 {
    match bytes.first_chunk::<8>() {
        Some(first) => u64::from_be_bytes(*first),
        None => bytes
            .iter()
            .enumerate()
            .fold(0, |acc, (i, &b)| acc | u64::from(b) << (56 - 8 * i)),
    }
}

impl Ord for SortKey<'_> {
    #[inline]
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let (a, b) = (self.name.as_bytes(), other.name.as_bytes());
        // Names of one list share their first 8 bytes (`instanceIds.0`, `instanceIds.1`): the
        // next 8 decide most of those without a call to `memcmp`.
        self.prefix
            .cmp(&other.prefix)
            .then_with(|| {
                prefix(a.get(8..).unwrap_or_default()).cmp(&prefix(b.get(8..).unwrap_or_default()))
            })
            .then_with(|| a.cmp(b))
    }
}

impl PartialOrd for SortKey<'_> {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

#[inline]
fn message_len(method: &str, host: &str, path: &str, pairs: &[SortKey<'_>]) -> usize {
    method.len()
        + host.len()
        + path.len()
        + 1
        + pairs
            .iter()
            .map(|p| p.name.len() + p.value.len() + 1)
            .sum::<usize>()
        + pairs.len().saturating_sub(1)
}

/// `METHOD + host + path + "?" + name=value&…` for pairs already in order, written into `out`
/// (cleared first). The buffer is sized once and filled with [`copy_short`]: a string to sign
/// is mostly pieces of 2 to 16 bytes, each of which would otherwise be a call to `memcpy`.
#[inline]
fn write_message(
    out: &mut Vec<u8>,
    (method, host, path): (&str, &str, &str),
    pairs: &[SortKey<'_>],
) {
    out.clear();
    out.resize(message_len(method, host, path, pairs), 0);
    let mut at = Cursor { out, at: 0 };
    at.put(method.as_bytes());
    if method.bytes().any(|b| b.is_ascii_lowercase()) {
        if let Some(method) = at.out.get_mut(..method.len()) {
            method.make_ascii_uppercase();
        }
    }
    at.put(host.as_bytes());
    at.put(path.as_bytes());
    at.byte(b'?');
    for (i, pair) in pairs.iter().enumerate() {
        if i > 0 {
            at.byte(b'&');
        }
        at.put(pair.name.as_bytes());
        at.byte(b'=');
        at.put(pair.value.as_bytes());
    }
}

/// A write position in a buffer sized beforehand.
struct Cursor<'b> {
    out: &'b mut [u8],
    at: usize,
}

impl Cursor<'_> {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        let end = self.at + bytes.len();
        if let Some(to) = self.out.get_mut(self.at..end) {
            copy_short(to, bytes);
        }
        self.at = end;
    }

    #[inline]
    fn byte(&mut self, byte: u8) {
        if let Some(to) = self.out.get_mut(self.at) {
            *to = byte;
        }
        self.at += 1;
    }
}

/// `to.copy_from_slice(from)` (same lengths) done inline for up to 32 bytes, with two
/// overlapping copies of a fixed size.
#[inline]
fn copy_short(to: &mut [u8], from: &[u8]) {
    fn two<const N: usize>(to: &mut [u8], from: &[u8]) {
        if let (Some(t), Some(f)) = (to.first_chunk_mut::<N>(), from.first_chunk::<N>()) {
            *t = *f;
        }
        if let (Some(t), Some(f)) = (to.last_chunk_mut::<N>(), from.last_chunk::<N>()) {
            *t = *f;
        }
    }
    if to.len() != from.len() {
        return;
    }
    match from.len() {
        0 => {}
        1..=3 => {
            for (t, f) in to.iter_mut().zip(from) {
                *t = *f;
            }
        }
        4..=7 => two::<4>(to, from),
        8..=16 => two::<8>(to, from),
        17..=32 => two::<16>(to, from),
        _ => to.copy_from_slice(from),
    }
}

/// The signature of parameters given by reference (at most `most` of them), sorted by name in
/// byte order, with the string to sign written in `buffer`'s room (left empty, its room kept
/// for the caller). Names must already use `.`, not `_`, and `Signature` must not be among
/// them; the result is what [`string_to_sign`] and [`sign`] give.
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
    let mut message = std::mem::take(buffer).into_bytes();
    write_sorted_message(&mut message, target, most, keys);
    let signature = Signature::of(secret_key.as_bytes(), &message, method);
    message.clear();
    // Empty, so always UTF-8: the room goes back to the caller.
    *buffer = String::from_utf8(message).unwrap_or_default();
    signature
}

/// A signature in base64 (with padding), held inline: [`Signer::sign`] gives one without
/// allocating.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Signature {
    /// Room for the base64 of a 32-byte HMAC-SHA256 (44 characters).
    text: [u8; 44],
    len: u8,
}

impl Signature {
    fn of(key: &[u8], message: &[u8], method: SignatureMethod) -> Signature {
        let mut signature = Signature {
            text: [0; 44],
            len: 0,
        };
        let sha1;
        let sha256;
        let digest: &[u8] = match method {
            SignatureMethod::HmacSha1 => {
                sha1 = crate::crypto::hmac_sha1(key, message);
                &sha1
            }
            SignatureMethod::HmacSha256 => {
                sha256 = crate::crypto::hmac_sha256(key, message);
                &sha256
            }
        };
        // A digest of at most 32 bytes always fits.
        if let Ok(len) =
            base64::engine::general_purpose::STANDARD.encode_slice(digest, &mut signature.text)
        {
            signature.len = u8::try_from(len).unwrap_or(0);
        }
        signature
    }

    /// The signature as sent.
    pub fn as_str(&self) -> &str {
        // Base64 is ASCII.
        std::str::from_utf8(&self.text[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl AsRef<str> for Signature {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for Signature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for Signature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Signs a string to sign: base64 (with padding) of its HMAC under `secret_key`.
pub fn sign(secret_key: &str, string_to_sign: &str, method: SignatureMethod) -> String {
    let key = secret_key.as_bytes();
    let message = string_to_sign.as_bytes();
    let engine = &base64::engine::general_purpose::STANDARD;
    match method {
        SignatureMethod::HmacSha1 => engine.encode(crate::crypto::hmac_sha1(key, message)),
        SignatureMethod::HmacSha256 => engine.encode(crate::crypto::hmac_sha256(key, message)),
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
