//! Errors: a failed call's [`Error`], the service's own [`ServiceError`], request
//! [`ValidationError`]s, and the machinery the generated error enums share ([`ErrorTable`],
//! [`ActionError`], [`CommonTable`]).

use std::fmt;

pub use crate::generated::error::{AutoScalingError, CommonError};

/// How many bytes of an unexpected response body an error keeps.
pub const BODY_START_LEN: usize = 512;

/// A request broke a constraint of its spec (too few items, a value out of range, …); it was not
/// sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("parameter `{parameter}` {problem}")]
pub struct ValidationError {
    parameter: String,
    problem: String,
}

impl ValidationError {
    /// A validation error for the parameter with wire name `parameter` (e.g. `instanceIds` or
    /// `forwardLBInfos.0.rsInfoSet.0.port`).
    pub fn new(parameter: impl Into<String>, problem: impl Into<String>) -> Self {
        ValidationError {
            parameter: parameter.into(),
            problem: problem.into(),
        }
    }

    /// The parameter's wire name, with list indexes: `forwardLBInfos.0.rsInfoSet.0.port`.
    pub fn parameter(&self) -> &str {
        &self.parameter
    }

    /// What is wrong with it, e.g. `must hold at least 1 item(s), got 0`.
    pub fn problem(&self) -> &str {
        &self.problem
    }
}

/// An answer of the service with a non-zero `code`: the envelope's `code`, `codeDesc` and
/// `message`, as received.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ServiceError {
    code: i64,
    code_desc: String,
    message: String,
}

impl ServiceError {
    /// A service error from the three envelope fields.
    pub fn new(code: i64, code_desc: impl Into<String>, message: impl Into<String>) -> Self {
        ServiceError {
            code,
            code_desc: code_desc.into(),
            message: message.into(),
        }
    }

    /// A service error as a server answers it: `message` gets the `(code)` prefix real answers
    /// carry (`(4000)scaling group asg-… does not exist`). Generated error constructors use it.
    pub fn answer(code: i64, code_desc: &str, message: impl AsRef<str>) -> Self {
        ServiceError {
            code,
            code_desc: code_desc.to_owned(),
            message: format!("({code}){}", message.as_ref()),
        }
    }

    /// The common error code, e.g. `4000`.
    pub fn code(&self) -> i64 {
        self.code
    }

    /// The business error code, e.g. `InvalidParameter.ScalingGroupIdError`; empty when the
    /// answer had no `codeDesc`.
    pub fn code_desc(&self) -> &str {
        &self.code_desc
    }

    /// The message as received, e.g. `(100004)projectId is incorrect`.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The module error code of a message that starts with one in parentheses: `100004` for
    /// `(100004)projectId is incorrect`.
    pub fn module_code(&self) -> Option<&str> {
        split_module_code(&self.message).0
    }

    /// The message without its `(moduleCode)` prefix.
    pub fn message_text(&self) -> &str {
        split_module_code(&self.message).1
    }
}

fn split_module_code(message: &str) -> (Option<&str>, &str) {
    if let Some(rest) = message.strip_prefix('(') {
        if let Some(end) = rest.find(')') {
            let code = &rest[..end];
            if !code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.') {
                return (Some(code), &rest[end + 1..]);
            }
        }
    }
    (None, message)
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.code_desc.is_empty() {
            write!(f, "code {}", self.code)?;
        } else {
            write!(f, "{} (code {})", self.code_desc, self.code)?;
        }
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ServiceError {}

/// The start of an unexpected response body, kept for the error message.
#[derive(Clone, PartialEq, Eq)]
pub struct BodyStart {
    text: String,
    total_len: usize,
}

impl BodyStart {
    pub(crate) fn new(body: &[u8]) -> Self {
        let end = body.len().min(BODY_START_LEN);
        BodyStart {
            text: String::from_utf8_lossy(&body[..end]).into_owned(),
            total_len: body.len(),
        }
    }

    /// The first bytes of the body (at most [`BODY_START_LEN`]), as UTF-8 with invalid bytes
    /// replaced.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The length of the whole body in bytes.
    pub fn total_len(&self) -> usize {
        self.total_len
    }
}

impl fmt::Debug for BodyStart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for BodyStart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.text)?;
        if self.total_len > BODY_START_LEN {
            write!(f, " (first {BODY_START_LEN} of {} bytes)", self.total_len)?;
        }
        Ok(())
    }
}

/// Where in a response body decoding stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyPosition {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in bytes.
    pub column: usize,
}

impl fmt::Display for BodyPosition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {} column {}", self.line, self.column)
    }
}

/// A variant of an error enum that holds the answer: an entry of [`ErrorTable::VARIANTS`] and
/// [`CommonTable::CODES`].
pub type Variant<E> = fn(ServiceError) -> E;

/// The classification tables of a generated error enum (an action's, or the service-wide one):
/// which variant an answer's `codeDesc` or `code` selects. Generated code declares the tables;
/// [`classify`] reads them.
pub trait ErrorTable: Sized + 'static {
    /// The `codeDesc`s of the business errors with a variant of their own.
    const CODE_DESCS: &'static [&'static str];
    /// Their variants, in the same order.
    const VARIANTS: &'static [Variant<Self>];

    /// The variant for a common error, or the answer back when its `code` is not a common one.
    fn common(meta: ServiceError) -> Result<Self, ServiceError>;

    /// The catch-all variant.
    fn unhandled(meta: ServiceError) -> Self;

    /// The answer's `code`, `codeDesc` and `message`.
    fn meta(&self) -> &ServiceError;

    /// The answer's `code`, `codeDesc` and `message`, taken out.
    fn into_meta(self) -> ServiceError;
}

/// The error enum of one action. Every action's error converts into the service-wide error
/// (`AutoScalingError`), so `?` works across actions.
pub trait ActionError: ErrorTable + From<ServiceError> + std::error::Error {}

/// The variant for an answer: its business error by `codeDesc`, else its common error by
/// `code`, else the catch-all.
pub fn classify<E: ErrorTable>(meta: ServiceError) -> E {
    if let Some(i) = business_index(E::CODE_DESCS, meta.code_desc()) {
        if let Some(variant) = E::VARIANTS.get(i) {
            return variant(meta);
        }
    }
    match E::common(meta) {
        Ok(error) => error,
        Err(meta) => E::unhandled(meta),
    }
}

/// The position of `code_desc` in a table; not generic, so every error enum shares it.
fn business_index(code_descs: &[&str], code_desc: &str) -> Option<usize> {
    code_descs.iter().position(|d| *d == code_desc)
}

/// The table of a generated common-error enum: the `code` of each variant.
pub trait CommonTable: Sized + 'static {
    /// Each common `code` and its variant.
    const CODES: &'static [(i64, Variant<Self>)];
}

/// The common error for an answer's `code`, or the answer back.
pub fn classify_common<C: CommonTable>(meta: ServiceError) -> Result<C, ServiceError> {
    match C::CODES.iter().find(|(code, _)| *code == meta.code()) {
        Some((_, variant)) => Ok(variant(meta)),
        None => Err(meta),
    }
}

/// Implements, for a generated error enum that implements [`ErrorTable`]: `meta`,
/// `From<ServiceError>` (by [`classify`]), and the accessors below. With `@accessors`, for any
/// error enum with an inherent `meta()`: `code`, `code_desc` and `message`, `Display` (the code,
/// `codeDesc` and message) and `std::error::Error`.
#[doc(hidden)]
#[macro_export]
macro_rules! error_enum {
    ($name:ident) => {
        impl $name {
            /// The answer's `code`, `codeDesc` and `message`.
            pub fn meta(&self) -> &$crate::ServiceError {
                $crate::ErrorTable::meta(self)
            }
        }
        impl ::std::convert::From<$crate::ServiceError> for $name {
            fn from(meta: $crate::ServiceError) -> Self {
                $crate::classify(meta)
            }
        }
        $crate::error_enum!(@accessors $name);
    };
    (@accessors $name:ident) => {
        impl $name {
            /// The common error code, e.g. `4000`.
            pub fn code(&self) -> i64 {
                self.meta().code()
            }
            /// The business error code, e.g. `InvalidParameter.ScalingGroupIdError`.
            pub fn code_desc(&self) -> &str {
                self.meta().code_desc()
            }
            /// The error message, as received.
            pub fn message(&self) -> &str {
                self.meta().message()
            }
        }
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.meta(), f)
            }
        }
        impl ::std::error::Error for $name {}
    };
}

/// Why a call failed. `E` is the action's error enum, e.g.
/// [`DetachInstanceError`](crate::operation::detach_instance::DetachInstanceError), or the
/// service-wide [`AutoScalingError`] every action's error
/// converts into (`Error<DetachInstanceError>` → `Error<AutoScalingError>` with `?`).
///
/// `Display` shows the cause in full (code, `codeDesc` and message for a service error), and
/// `source()` returns the wrapped error, so error reporters that walk the chain see it too.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The request broke a constraint of its spec; nothing was sent.
    Validation(ValidationError),
    /// The request could not be sent, or the answer could not be read (connection refused,
    /// time-out, TLS, a dropped connection).
    Transport(TransportError),
    /// The server answered with an HTTP status other than 200.
    HttpStatus {
        /// The HTTP status code.
        status: u16,
        /// The start of the body.
        body: BodyStart,
    },
    /// The body is not JSON (an HTML gateway page, say).
    NotJson {
        /// The HTTP status code.
        status: u16,
        /// Where the JSON parser gave up.
        position: BodyPosition,
        /// The parser's message.
        detail: String,
        /// The start of the body.
        body: BodyStart,
    },
    /// The body is JSON that ends too early.
    Truncated {
        /// The HTTP status code.
        status: u16,
        /// Where the body ended.
        position: BodyPosition,
        /// The start of the body.
        body: BodyStart,
    },
    /// The body is well-formed JSON but not the envelope or `data` the spec describes (a
    /// missing `code`, a field of the wrong type).
    Malformed {
        /// The HTTP status code.
        status: u16,
        /// Where decoding stopped.
        position: BodyPosition,
        /// What was wrong, naming the field.
        detail: String,
        /// The start of the body.
        body: BodyStart,
    },
    /// The answer's body is larger than the configured limit
    /// ([`ConfigBuilder::max_body_bytes`](crate::ConfigBuilder::max_body_bytes)); no more of it
    /// was read.
    BodyTooLarge {
        /// The HTTP status code.
        status: u16,
        /// The limit, in bytes.
        limit: usize,
        /// The size its `Content-Length` declared, when it did.
        declared: Option<u64>,
    },
    /// The call was sent `attempts` times (retries of throttling, transient or transport
    /// failures); `last` is the last attempt's failure. A call sent once fails with that
    /// failure itself. [`Error::as_service_error`] looks through this.
    Retried {
        /// How many attempts were made.
        attempts: u32,
        /// The last attempt's failure.
        last: Box<Error<E>>,
    },
    /// The operating system's secure random generator failed, so no `Nonce` could be made.
    Randomness(Box<dyn std::error::Error + Send + Sync>),
    /// The service answered with a non-zero `code`.
    Service(E),
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Validation(e) => write!(f, "invalid request: {e}"),
            Error::Transport(e) => write!(f, "transport error: {e}"),
            Error::HttpStatus { status, body } => write!(f, "HTTP status {status}; body: {body}"),
            Error::NotJson {
                status,
                position,
                detail,
                body,
            } => write!(
                f,
                "response is not JSON (HTTP status {status}, {position}: {detail}); body: {body}"
            ),
            Error::Truncated {
                status,
                position,
                body,
            } => write!(
                f,
                "response JSON is truncated (HTTP status {status}, {position}); body: {body}"
            ),
            Error::Malformed {
                status,
                position,
                detail,
                body,
            } => write!(
                f,
                "unexpected response (HTTP status {status}, {position}): {detail}; body: {body}"
            ),
            Error::BodyTooLarge {
                status,
                limit,
                declared,
            } => {
                write!(f, "response body too large (HTTP status {status}): ")?;
                match declared {
                    Some(declared) => write!(f, "{declared} bytes declared")?,
                    None => f.write_str("more bytes sent")?,
                }
                write!(f, ", the limit is {limit}")
            }
            Error::Retried { attempts, last } => write!(f, "{last} (after {attempts} attempts)"),
            Error::Randomness(e) => write!(f, "no secure random Nonce could be made: {e}"),
            Error::Service(e) => write!(f, "service error: {e}"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Validation(e) => Some(e),
            Error::Transport(e) => Some(e),
            Error::Retried { last, .. } => Some(&**last),
            Error::Randomness(e) => Some(&**e),
            Error::Service(e) => Some(e),
            Error::HttpStatus { .. }
            | Error::NotJson { .. }
            | Error::Truncated { .. }
            | Error::Malformed { .. }
            | Error::BodyTooLarge { .. } => None,
        }
    }
}

impl<E> Error<E> {
    /// `error` after `attempts` attempts: itself after one, [`Error::Retried`] after more.
    pub(crate) fn after(attempts: u32, error: Error<E>) -> Error<E> {
        if attempts > 1 {
            Error::Retried {
                attempts,
                last: Box::new(error),
            }
        } else {
            error
        }
    }

    /// How many attempts were made before this failure (1 unless it was retried).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Retried { attempts, .. } => *attempts,
            _ => 1,
        }
    }

    /// The last attempt's failure: this one, or the one [`Error::Retried`] holds.
    pub fn last(&self) -> &Error<E> {
        match self {
            Error::Retried { last, .. } => last.last(),
            other => other,
        }
    }

    /// The same failure with the service error converted, e.g. into the service-wide error.
    pub fn map_service<F>(self, f: impl FnOnce(E) -> F) -> Error<F> {
        match self {
            Error::BodyTooLarge {
                status,
                limit,
                declared,
            } => Error::BodyTooLarge {
                status,
                limit,
                declared,
            },
            Error::Retried { attempts, last } => Error::Retried {
                attempts,
                last: Box::new(last.map_service(f)),
            },
            Error::Validation(e) => Error::Validation(e),
            Error::Transport(e) => Error::Transport(e),
            Error::HttpStatus { status, body } => Error::HttpStatus { status, body },
            Error::NotJson {
                status,
                position,
                detail,
                body,
            } => Error::NotJson {
                status,
                position,
                detail,
                body,
            },
            Error::Truncated {
                status,
                position,
                body,
            } => Error::Truncated {
                status,
                position,
                body,
            },
            Error::Malformed {
                status,
                position,
                detail,
                body,
            } => Error::Malformed {
                status,
                position,
                detail,
                body,
            },
            Error::Randomness(e) => Error::Randomness(e),
            Error::Service(e) => Error::Service(f(e)),
        }
    }

    /// The service's error, when the (last) answer was one.
    pub fn as_service_error(&self) -> Option<&E> {
        match self.last() {
            Error::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The service's error, when the (last) answer was one.
    pub fn into_service_error(self) -> Option<E> {
        match self {
            Error::Service(e) => Some(e),
            Error::Retried { last, .. } => last.into_service_error(),
            _ => None,
        }
    }
}

/// A failure to exchange the request and answer over HTTP. Its `Display` includes the
/// underlying error's message (never the request URL, which may hold a session token).
#[derive(Debug, thiserror::Error)]
#[error("{kind}: {inner}")]
pub struct TransportError {
    kind: TransportErrorKind,
    #[source]
    inner: Box<dyn std::error::Error + Send + Sync>,
}

/// What kind of transport failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be made.
    Connect,
    /// The connect or attempt time-out ran out.
    Timeout,
    /// The whole call's time-out ran out (its attempts and the waits between them).
    OperationTimeout,
    /// Anything else: the connection dropped, the body could not be read, …
    Other,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportErrorKind::Connect => "connection failed",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::OperationTimeout => "the call timed out",
            TransportErrorKind::Other => "request failed",
        })
    }
}

impl TransportError {
    pub(crate) fn from_reqwest(err: reqwest::Error) -> Self {
        let kind = if err.is_timeout() {
            TransportErrorKind::Timeout
        } else if err.is_connect() {
            TransportErrorKind::Connect
        } else {
            TransportErrorKind::Other
        };
        TransportError {
            kind,
            // A GET request's URL holds every parameter, `Token` included: leave it out.
            inner: Box::new(err.without_url()),
        }
    }

    /// The call's own time-out (`limit`) ran out.
    pub(crate) fn operation_timeout(limit: std::time::Duration) -> Self {
        TransportError {
            kind: TransportErrorKind::OperationTimeout,
            inner: format!("no answer within the operation time-out of {limit:?}").into(),
        }
    }

    /// The underlying HTTP client error.
    pub fn inner(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        &*self.inner
    }

    /// What kind of failure this was.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }
}
