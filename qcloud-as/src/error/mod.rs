//! Errors: a failed call's [`Error`], request [`ValidationError`]s, transport failures, and
//! (API 2.0, feature `v2`) the service's own `ServiceError` and the machinery the generated error
//! enums share (`ErrorTable`, `ActionError`, `CommonTable`); API 3.0 has its own in
//! `qcloud_as::v3`.

use std::fmt;

#[cfg(feature = "v2")]
pub use crate::generated::error::{AutoScalingError, CommonError};

mod answer;
#[cfg(feature = "v2")]
mod table;
mod transport;

#[cfg(feature = "v2")]
pub use answer::ServiceError;
pub use answer::{BodyPosition, BodyStart};
#[cfg(feature = "v2")]
pub use table::{classify, classify_common, ActionError, CommonTable, ErrorTable, Variant};
pub use transport::{TransportError, TransportErrorKind};

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

/// Why a call failed, with either API version. `E` is the action's error enum, e.g.
/// `DetachInstanceError`, or the service-wide `AutoScalingError` every action's error
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
    /// No credentials to sign the request with: the provider failed and none still valid are
    /// left (see [`CredentialsError`](crate::CredentialsError)); nothing was sent.
    Credentials(crate::CredentialsError),
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
            Error::Credentials(e) => write!(f, "no credentials to sign with: {e}"),
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
            Error::Credentials(e) => Some(e),
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
            Error::Credentials(e) => Error::Credentials(e),
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
