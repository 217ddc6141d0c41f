//! Errors: a failed call's [`Error`], request [`ValidationError`]s, transport failures, and
//! (API 2.0, feature `v2`) the service's own `ServiceError` and the machinery the generated error
//! enums share (`ErrorTable`, `ActionError`, `CommonTable`); API 3.0 has its own in
//! `qcloud_as::v3`.

use std::borrow::Cow;
use std::fmt;

#[cfg(feature = "v2")]
pub use crate::generated::error::{AutoScalingError, CommonError};

mod answer;
mod retries;
#[cfg(feature = "v2")]
mod table;
mod transport;

#[cfg(feature = "v2")]
pub use answer::ServiceError;
pub use answer::{BodyPosition, BodyStart};
pub use retries::{EarlierAttempt, Retries, ServiceErrorInfo};
#[cfg(feature = "v2")]
pub use table::{classify, classify_common, ActionError, CommonTable, ErrorTable, Variant};
pub use transport::{TransportError, TransportErrorKind};

/// How many bytes of an unexpected response body an error keeps.
pub const BODY_START_LEN: usize = 512;

/// A request broke a constraint of its spec (too few items, a value out of range, …); it was not
/// sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    parameter: String,
    problem: String,
}

impl std::fmt::Display for ValidationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "parameter `{}` {}", self.parameter, self.problem)
    }
}

impl std::error::Error for ValidationError {}

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
/// A retried call fails with its last attempt's failure, matched as itself:
/// `Err(Error::Service(DetachInstancesError::…))` matches after a throttled attempt and a retry
/// as it does after a single attempt. The attempts before it are data on the error
/// ([`Error::attempts`], [`Error::retries`]): a `retries` field of each variant that can follow
/// a retry, in the [`TransportError`] of a transport failure, and in the service error's meta.
///
/// `Display` shows the cause in full (code, `codeDesc` and message for a service error, and the
/// number of attempts when there was more than one), and `source()` returns the wrapped error,
/// so error reporters that walk the chain see it too.
///
/// ```no_run
/// # #[cfg(feature = "v3")]
/// # async fn run(client: qcloud_as::v3::Client) -> Result<(), Box<dyn std::error::Error>> {
/// use qcloud_as::v3::operation::detach_instances::DetachInstancesError;
/// use qcloud_as::Error;
///
/// match client.detach_instances("asg-d4hmoms6", ["ins-5u97n5re"]).await {
///     Ok(output) => println!("activity {:?}", output.activity_id),
///     // However many attempts were made (say a throttled one, then this answer).
///     Err(Error::Service(DetachInstancesError::ResourceNotFoundAutoScalingGroupNotFound(e))) => {
///         println!("no such group: {}", e.message())
///     }
///     Err(e) => {
///         eprintln!(
///             "code {:?}, request {:?}, {} attempt(s), earlier: {:?}",
///             e.code(),
///             e.request_id(),
///             e.attempts(),
///             e.retries().earlier()
///         );
///         return Err(e.into());
///     }
/// }
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The request broke a constraint of its spec; nothing was sent (so never after a retry).
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
        /// The attempts before this one.
        retries: Retries,
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
        /// The attempts before this one.
        retries: Retries,
    },
    /// The body is JSON that ends too early.
    Truncated {
        /// The HTTP status code.
        status: u16,
        /// Where the body ended.
        position: BodyPosition,
        /// The start of the body.
        body: BodyStart,
        /// The attempts before this one.
        retries: Retries,
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
        /// The attempts before this one.
        retries: Retries,
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
        /// The attempts before this one.
        retries: Retries,
    },
    /// The operating system's secure random generator failed, so no `Nonce` could be made.
    Randomness {
        /// The generator's error.
        source: Box<dyn std::error::Error + Send + Sync>,
        /// The attempts before this one.
        retries: Retries,
    },
    /// No credentials to sign the request with: the provider failed and none still valid are
    /// left (see [`CredentialsError`](crate::CredentialsError)); nothing was sent. (Should it
    /// happen after a retry, the earlier attempts are not kept.)
    Credentials(crate::CredentialsError),
    /// The service answered with an error code. The attempts before this answer are in its
    /// meta ([`ServiceErrorInfo::retries`]).
    Service(E),
}

impl<E: fmt::Display + ServiceErrorInfo> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Validation(e) => write!(f, "invalid request: {e}")?,
            Error::Transport(e) => write!(f, "transport error: {e}")?,
            Error::HttpStatus { status, body, .. } => {
                write!(f, "HTTP status {status}; body: {body}")?
            }
            Error::NotJson {
                status,
                position,
                detail,
                body,
                ..
            } => write!(
                f,
                "response is not JSON (HTTP status {status}, {position}: {detail}); body: {body}"
            )?,
            Error::Truncated {
                status,
                position,
                body,
                ..
            } => write!(
                f,
                "response JSON is truncated (HTTP status {status}, {position}); body: {body}"
            )?,
            Error::Malformed {
                status,
                position,
                detail,
                body,
                ..
            } => write!(
                f,
                "unexpected response (HTTP status {status}, {position}): {detail}; body: {body}"
            )?,
            Error::BodyTooLarge {
                status,
                limit,
                declared,
                ..
            } => {
                write!(f, "response body too large (HTTP status {status}): ")?;
                match declared {
                    Some(declared) => write!(f, "{declared} bytes declared")?,
                    None => f.write_str("more bytes sent")?,
                }
                write!(f, ", the limit is {limit}")?
            }
            Error::Randomness { source, .. } => {
                write!(f, "no secure random Nonce could be made: {source}")?
            }
            Error::Credentials(e) => write!(f, "no credentials to sign with: {e}")?,
            Error::Service(e) => write!(f, "service error: {e}")?,
        }
        let attempts = self.attempts();
        if attempts > 1 {
            write!(f, " (after {attempts} attempts)")?;
        }
        Ok(())
    }
}

impl<E: std::error::Error + ServiceErrorInfo + 'static> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Validation(e) => Some(e),
            Error::Transport(e) => Some(e),
            Error::Randomness { source, .. } => Some(&**source),
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

/// What a request that was never retried reports as its retries.
static SENT_ONCE: Retries = Retries::none();

impl<E: ServiceErrorInfo> Error<E> {
    /// The same failure with `earlier` recorded as the attempts before it.
    pub(crate) fn after(self, earlier: Vec<EarlierAttempt>) -> Error<E> {
        if earlier.is_empty() {
            return self;
        }
        let retries = Retries::new(earlier);
        let mut error = self;
        match &mut error {
            Error::Validation(_) | Error::Credentials(_) => {}
            Error::Transport(e) => e.set_retries(retries),
            Error::HttpStatus { retries: r, .. }
            | Error::NotJson { retries: r, .. }
            | Error::Truncated { retries: r, .. }
            | Error::Malformed { retries: r, .. }
            | Error::BodyTooLarge { retries: r, .. }
            | Error::Randomness { retries: r, .. } => *r = retries,
            Error::Service(_) => {
                return match error {
                    Error::Service(e) => Error::Service(e.with_retries(retries)),
                    other => other,
                }
            }
        }
        error
    }

    /// This failure as an earlier attempt of a call that is tried again.
    pub(crate) fn as_earlier(&self) -> EarlierAttempt
    where
        E: fmt::Display,
    {
        EarlierAttempt::new(self.to_string(), self.code().map(Cow::into_owned))
    }

    /// The attempts made before the one that failed this way (none when the call was sent
    /// once), each with its cause.
    pub fn retries(&self) -> &Retries {
        match self {
            Error::Validation(_) | Error::Credentials(_) => &SENT_ONCE,
            Error::Transport(e) => e.retries(),
            Error::HttpStatus { retries, .. }
            | Error::NotJson { retries, .. }
            | Error::Truncated { retries, .. }
            | Error::Malformed { retries, .. }
            | Error::BodyTooLarge { retries, .. }
            | Error::Randomness { retries, .. } => retries,
            Error::Service(e) => e.retries(),
        }
    }

    /// How many attempts were made in all (1 unless the call was retried).
    pub fn attempts(&self) -> u32 {
        self.retries().attempts()
    }

    /// Whether the call was sent more than once before it failed this way.
    pub fn retried(&self) -> bool {
        self.retries().retried()
    }

    /// The service's error code, when the service answered with one: API 3.0's `Code`
    /// (`ResourceNotFound.AutoScalingGroupNotFound`), API 2.0's `codeDesc`, or API 2.0's
    /// numeric `code` as text when the answer had no `codeDesc`.
    pub fn code(&self) -> Option<Cow<'_, str>> {
        match self {
            Error::Service(e) => Some(e.service_code()),
            _ => None,
        }
    }

    /// The service's error message, when the service answered with one.
    pub fn message(&self) -> Option<&str> {
        match self {
            Error::Service(e) => Some(e.service_message()),
            _ => None,
        }
    }

    /// The id the service gave the request, when it answered with an error that has one (API
    /// 3.0's `RequestId`; API 2.0 answers have none).
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Service(e) => e.service_request_id(),
            _ => None,
        }
    }
}

impl<E> Error<E> {
    /// The same failure with the service error converted, e.g. into the service-wide error.
    pub fn map_service<F>(self, f: impl FnOnce(E) -> F) -> Error<F> {
        match self {
            Error::BodyTooLarge {
                status,
                limit,
                declared,
                retries,
            } => Error::BodyTooLarge {
                status,
                limit,
                declared,
                retries,
            },
            Error::Validation(e) => Error::Validation(e),
            Error::Transport(e) => Error::Transport(e),
            Error::HttpStatus {
                status,
                body,
                retries,
            } => Error::HttpStatus {
                status,
                body,
                retries,
            },
            Error::NotJson {
                status,
                position,
                detail,
                body,
                retries,
            } => Error::NotJson {
                status,
                position,
                detail,
                body,
                retries,
            },
            Error::Truncated {
                status,
                position,
                body,
                retries,
            } => Error::Truncated {
                status,
                position,
                body,
                retries,
            },
            Error::Malformed {
                status,
                position,
                detail,
                body,
                retries,
            } => Error::Malformed {
                status,
                position,
                detail,
                body,
                retries,
            },
            Error::Randomness { source, retries } => Error::Randomness { source, retries },
            Error::Credentials(e) => Error::Credentials(e),
            Error::Service(e) => Error::Service(f(e)),
        }
    }

    /// The service's error, when the answer was one.
    pub fn as_service_error(&self) -> Option<&E> {
        match self {
            Error::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The service's error, when the answer was one.
    pub fn into_service_error(self) -> Option<E> {
        match self {
            Error::Service(e) => Some(e),
            _ => None,
        }
    }
}
