//! Parsing a received `Authorization` header (servers).

use super::{ALGORITHM, SCOPE_TERMINATOR};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthorizationError {
    /// The header is empty or blank.
    Empty,
    /// The first word is not `TC3-HMAC-SHA256`.
    UnsupportedAlgorithm,
    /// A part (`Credential=`, `SignedHeaders=` or `Signature=`) is missing.
    MissingPart(&'static str),
    /// A part appears twice.
    DuplicatePart(&'static str),
    /// A comma-separated part is not one of `Credential=`, `SignedHeaders=`, `Signature=`.
    UnknownPart,
    /// `Credential=` is not `SecretId/date/service/tc3_request` (four `/`-separated fields).
    MalformedCredential,
    /// The SecretId of `Credential=` is empty.
    EmptySecretId,
    /// The scope's date is not `YYYY-MM-DD`.
    InvalidDate,
    /// The scope's service is empty or not lower-case letters, digits and `-`.
    InvalidService,
    /// The scope does not end in `tc3_request`.
    InvalidScopeTerminator,
    /// `SignedHeaders=` is empty, has an empty name, or a name that is not lower-case.
    InvalidSignedHeaders,
    /// `SignedHeaders=` lacks `content-type` or `host`, which must always be signed.
    MissingSignedHeader(&'static str),
    /// `Signature=` is not 64 lower-case hex digits.
    InvalidSignature,
}

impl std::fmt::Display for AuthorizationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AuthorizationError::Empty => f.write_str("the Authorization header is empty"),
            AuthorizationError::UnsupportedAlgorithm => {
                f.write_str("the Authorization header does not start with `TC3-HMAC-SHA256 `")
            }
            AuthorizationError::MissingPart(part) => {
                write!(f, "the Authorization header has no `{part}` part")
            }
            AuthorizationError::DuplicatePart(part) => {
                write!(f, "the Authorization header has `{part}` twice")
            }
            AuthorizationError::UnknownPart => f.write_str(
                "the Authorization header has a part that is not `Credential=`, `SignedHeaders=` or `Signature=`",
            ),
            AuthorizationError::MalformedCredential => {
                f.write_str("`Credential=` is not `SecretId/date/service/tc3_request`")
            }
            AuthorizationError::EmptySecretId => f.write_str("`Credential=` has an empty SecretId"),
            AuthorizationError::InvalidDate => {
                f.write_str("the credential scope's date is not `YYYY-MM-DD`")
            }
            AuthorizationError::InvalidService => {
                f.write_str("the credential scope's service is empty or not a service name")
            }
            AuthorizationError::InvalidScopeTerminator => {
                f.write_str("the credential scope does not end in `tc3_request`")
            }
            AuthorizationError::InvalidSignedHeaders => f.write_str(
                "`SignedHeaders=` is not a `;`-separated list of lower-case header names",
            ),
            AuthorizationError::MissingSignedHeader(name) => {
                write!(f, "`SignedHeaders=` does not include `{name}`")
            }
            AuthorizationError::InvalidSignature => {
                f.write_str("`Signature=` is not 64 lower-case hex digits")
            }
        }
    }
}

impl std::error::Error for AuthorizationError {}

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
