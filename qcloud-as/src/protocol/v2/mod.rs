//! Tencent Cloud API 2.0: flat form parameters, a signature in a parameter, and the
//! `code`/`codeDesc`/`message` envelope.
//!
//! Both sides use this module: [`Client`](crate::Client) builds requests with
//! [`signed_pairs`] and reads answers with [`envelope`]; servers (the `server` feature) read the
//! common parameters with `ReceivedCommon::read`, decode requests with the `server` module and
//! answer with `server::Reply`. The common parameters are named here once.
//!
//! - [`form`]: the flat encoding of request shapes (`instanceIds.0`, `forwardLBInfos.0.rsInfoSet.0.port`);
//! - [`crate::signing`]: the string to sign and the HMAC;
//! - [`envelope`]: the answer.

pub mod envelope;
pub mod form;
#[cfg(feature = "server")]
pub mod server;

use crate::signing::{self, SignatureMethod};

/// The names of the common parameters every request carries (besides the action's own, which
/// start with a lower-case letter).
pub mod params {
    /// The action, e.g. `DetachInstance`.
    pub const ACTION: &str = "Action";
    /// The region, e.g. `gz`.
    pub const REGION: &str = "Region";
    /// The Unix time of the request, in seconds.
    pub const TIMESTAMP: &str = "Timestamp";
    /// A random positive integer, never reused with the same `SecretId`.
    pub const NONCE: &str = "Nonce";
    /// The key id.
    pub const SECRET_ID: &str = "SecretId";
    /// The signature (base64 of the HMAC).
    pub const SIGNATURE: &str = "Signature";
    /// `HmacSHA1` or `HmacSHA256`.
    pub const SIGNATURE_METHOD: &str = "SignatureMethod";
    /// The session token of temporary credentials.
    pub const TOKEN: &str = "Token";
    /// What made the request.
    pub const REQUEST_CLIENT: &str = "RequestClient";
}

/// The `RequestClient` value this SDK sends.
pub const REQUEST_CLIENT: &str = concat!("SDK_RUST_QCLOUD_AS_", env!("CARGO_PKG_VERSION"));

/// Whether an answer's `code` is one worth retrying for any action: throttling (4400), an
/// internal error (6000) or an API under maintenance (6200).
pub fn is_transient_code(code: i64) -> bool {
    matches!(code, 4400 | 6000 | 6200)
}

/// The `codeDesc` of a successful answer.
pub const SUCCESS_CODE_DESC: &str = "Success";

/// The common parameters of one request, as a client sends them.
#[derive(Debug, Clone, Copy)]
pub struct CommonParams<'a> {
    /// `Action`.
    pub action: &'a str,
    /// `Region`.
    pub region: &'a str,
    /// `Timestamp`.
    pub timestamp: u64,
    /// `Nonce`.
    pub nonce: u64,
    /// `SecretId`.
    pub secret_id: &'a str,
    /// `SignatureMethod`.
    pub signature_method: SignatureMethod,
    /// `Token`, sent when set.
    pub token: Option<&'a str>,
}

impl CommonParams<'_> {
    /// Appends the common parameters (not `Signature`) to `out`, with `RequestClient`.
    pub fn write(&self, out: &mut Vec<(String, String)>) {
        out.push((params::ACTION.into(), self.action.into()));
        out.push((params::REGION.into(), self.region.into()));
        out.push((params::TIMESTAMP.into(), self.timestamp.to_string()));
        out.push((params::NONCE.into(), self.nonce.to_string()));
        out.push((params::SECRET_ID.into(), self.secret_id.into()));
        out.push((
            params::SIGNATURE_METHOD.into(),
            self.signature_method.as_str().into(),
        ));
        out.push((params::REQUEST_CLIENT.into(), REQUEST_CLIENT.into()));
        if let Some(token) = self.token {
            out.push((params::TOKEN.into(), token.into()));
        }
    }
}

/// What the signature covers besides the parameters.
#[derive(Debug, Clone, Copy)]
pub struct SignedTarget<'a> {
    /// `GET` or `POST`.
    pub method: &'a str,
    /// The host as sent in the `Host` header (`host[:port]`).
    pub host: &'a str,
    /// The request path.
    pub path: &'a str,
}

/// Builds the parameter list of a request, in the order it is sent: the common parameters, the
/// action's own (already encoded in `action_params`), and `Signature` last.
pub fn signed_pairs(
    common: &CommonParams<'_>,
    action_params: Vec<(String, String)>,
    target: &SignedTarget<'_>,
    secret_key: &str,
) -> Vec<(String, String)> {
    let mut pairs = Vec::with_capacity(action_params.len() + 10);
    common.write(&mut pairs);
    pairs.extend(action_params);
    let string_to_sign = signing::string_to_sign(target.method, target.host, target.path, &pairs);
    let signature = signing::sign(secret_key, &string_to_sign, common.signature_method);
    pairs.push((params::SIGNATURE.into(), signature));
    pairs
}

/// The parameters of a request, signed and URL-encoded as sent: the query string of a GET or
/// the form body of a POST. The same parameters, order and signature as [`signed_pairs`], built
/// with fewer copies (the HMAC is fed the sorted pairs in place of a string to sign). Action
/// parameter names hold no `_` (the form encoding writes `.`).
pub fn encoded_signed(
    common: &CommonParams<'_>,
    action_params: &[(String, String)],
    target: &SignedTarget<'_>,
    secret_key: &str,
) -> String {
    let mut numbers = [0u8; 40];
    let (timestamp, nonce) = two_numbers(&mut numbers, common.timestamp, common.nonce);
    let action = action_params.iter().map(|(n, v)| (n.as_str(), v.as_str()));
    encode_signed(
        common,
        (timestamp, nonce),
        action,
        false,
        target,
        secret_key,
    )
}

/// [`encoded_signed`] for the parameters of a request as [`form::flatten`] writes them: the
/// same bytes, without a `String` for each name and value. `action` gets the `Timestamp` and
/// `Nonce` written after its pairs.
pub(crate) fn encoded_signed_flat(
    common: &CommonParams<'_>,
    action: &mut form::Flattened,
    target: &SignedTarget<'_>,
    secret_key: &str,
) -> String {
    // One check for every name and value of the action: most requests need no escape.
    let plain = form::is_plain(action.text().as_bytes());
    let timestamp = action.push_number(common.timestamp);
    let nonce = action.push_number(common.nonce);
    let action = &*action;
    let text = action.text();
    let numbers = (
        text.get(timestamp).unwrap_or_default(),
        text.get(nonce).unwrap_or_default(),
    );
    encode_signed(common, numbers, action.iter(), plain, target, secret_key)
}

/// Every common parameter's name needs no escape (checked when compiling); nor does a
/// `SignatureMethod` value (checked by a test).
const _: () = assert!(
    form::is_plain_const(params::ACTION)
        && form::is_plain_const(params::REGION)
        && form::is_plain_const(params::TIMESTAMP)
        && form::is_plain_const(params::NONCE)
        && form::is_plain_const(params::SECRET_ID)
        && form::is_plain_const(params::SIGNATURE_METHOD)
        && form::is_plain_const(params::REQUEST_CLIENT)
        && form::is_plain_const(params::TOKEN)
        && form::is_plain_const(params::SIGNATURE)
);

/// Whether [`REQUEST_CLIENT`] is sent as it is (the package version could hold a `+`).
const REQUEST_CLIENT_PLAIN: bool = form::is_plain_const(REQUEST_CLIENT);

/// Signs and encodes the common parameters, the action's (`action`; `action_plain` when none
/// of their names and values needs an escape) and `Signature`.
fn encode_signed<'p>(
    common: &CommonParams<'p>,
    (timestamp, nonce): (&'p str, &'p str),
    action: impl ExactSizeIterator<Item = (&'p str, &'p str)> + Clone,
    action_plain: bool,
    target: &SignedTarget<'_>,
    secret_key: &str,
) -> String {
    // Each common parameter, and whether its value is known to need no escape.
    let mut commons: [(&str, &str, bool); 8] = [
        (params::ACTION, common.action, false),
        (params::REGION, common.region, false),
        (params::TIMESTAMP, timestamp, true),
        (params::NONCE, nonce, true),
        (params::SECRET_ID, common.secret_id, false),
        (
            params::SIGNATURE_METHOD,
            common.signature_method.as_str(),
            true,
        ),
        (params::REQUEST_CLIENT, REQUEST_CLIENT, REQUEST_CLIENT_PLAIN),
        (params::TOKEN, "", false),
    ];
    let mut common_count = 7;
    if let Some(token) = common.token {
        commons[7].1 = token;
        common_count = 8;
    }
    let commons = &commons[..common_count];
    let action_count = action.len();
    let pairs = commons
        .iter()
        .map(|&(n, v, _)| (n, v))
        .chain(action.clone());
    let raw_len = pairs
        .clone()
        .map(|(n, v)| n.len() + v.len() + 2)
        .sum::<usize>();
    // Room for the string to sign, then for the encoded form: escapes make it longer.
    let action_escapes = if action_plain {
        0
    } else {
        action
            .clone()
            .map(|(n, v)| 2 * (n.len() + v.len()))
            .sum::<usize>()
    };
    let mut out = String::with_capacity(
        raw_len
            + action_escapes
            + target.method.len()
            + target.host.len()
            + target.path.len()
            + 160,
    );
    // Sent in this order; signed in name order. The string to sign is written in `out` first.
    let signature = signing::sign_pairs_in(
        &mut out,
        secret_key,
        (target.method, target.host, target.path),
        common_count + action_count,
        pairs,
        common.signature_method,
    );
    out.clear();
    for (i, &(name, value, plain)) in commons.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(name);
        out.push('=');
        if plain {
            out.push_str(value);
        } else {
            form::push_form_encoded(&mut out, value);
        }
    }
    for (name, value) in action {
        out.push('&');
        if action_plain {
            out.push_str(name);
            out.push('=');
            out.push_str(value);
        } else {
            form::push_form_encoded(&mut out, name);
            out.push('=');
            form::push_form_encoded(&mut out, value);
        }
    }
    out.push('&');
    out.push_str(params::SIGNATURE);
    out.push('=');
    form::push_form_encoded(&mut out, signature.as_str());
    out
}

/// Two unsigned integers as decimal text, written into `buf` without allocating.
fn two_numbers(buf: &mut [u8; 40], a: u64, b: u64) -> (&str, &str) {
    fn write(buf: &mut [u8], mut n: u64) -> usize {
        let mut digits = [0u8; 20];
        let mut len = 0;
        loop {
            digits[len] = b'0' + (n % 10) as u8;
            len += 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for (i, d) in digits[..len].iter().rev().enumerate() {
            buf[i] = *d;
        }
        len
    }
    let (first, second) = buf.split_at_mut(20);
    let a_len = write(first, a);
    let b_len = write(second, b);
    // Decimal digits are ASCII.
    let a_text = std::str::from_utf8(&first[..a_len]).unwrap_or("0");
    let b_text = std::str::from_utf8(&second[..b_len]).unwrap_or("0");
    (a_text, b_text)
}

/// The common parameters of a received request, checked for presence and form.
#[cfg(feature = "server")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceivedCommon<'a> {
    /// `Action`, when given (an absent one is answered by the router).
    pub action: Option<&'a str>,
    /// `Region`.
    pub region: &'a str,
    /// `Timestamp`, in seconds.
    pub timestamp: u64,
    /// `Nonce`, from 1 to 2^63-1.
    pub nonce: u64,
    /// `SecretId`.
    pub secret_id: &'a str,
    /// `Signature`.
    pub signature: &'a str,
    /// The method `SignatureMethod` asks for (HmacSHA1 unless it is exactly `HmacSHA256`).
    pub signature_method: SignatureMethod,
    /// `Token`, when given.
    pub token: Option<&'a str>,
}

#[cfg(feature = "server")]
impl<'a> ReceivedCommon<'a> {
    /// Reads the common parameters; a missing or malformed one is a [`server::DecodeError`]
    /// naming it (answered with code 4000).
    pub fn read(received: &'a server::Params) -> Result<ReceivedCommon<'a>, server::DecodeError> {
        use server::DecodeError;
        let required = |name: &str| {
            received.get(name).ok_or_else(|| DecodeError::Missing {
                parameter: name.to_owned(),
            })
        };
        let invalid = |name: &str, value: &str, expected: &str| DecodeError::Invalid {
            parameter: name.to_owned(),
            value: value.to_owned(),
            expected: expected.to_owned(),
        };
        let secret_id = required(params::SECRET_ID)?;
        let signature = required(params::SIGNATURE)?;
        let nonce_text = required(params::NONCE)?;
        let timestamp_text = required(params::TIMESTAMP)?;
        let region = required(params::REGION)?;
        let nonce = nonce_text
            .parse::<u64>()
            .ok()
            .filter(|n| (1..=i64::MAX as u64).contains(n))
            .ok_or_else(|| invalid(params::NONCE, nonce_text, "an integer from 1 to 2^63-1"))?;
        let timestamp = timestamp_text
            .parse::<u64>()
            .map_err(|_| invalid(params::TIMESTAMP, timestamp_text, "a Unix time in seconds"))?;
        Ok(ReceivedCommon {
            action: received.get(params::ACTION),
            region,
            timestamp,
            nonce,
            secret_id,
            signature,
            signature_method: SignatureMethod::from_param(received.get(params::SIGNATURE_METHOD)),
            token: received.get(params::TOKEN),
        })
    }
}

#[cfg(test)]
mod tests;
