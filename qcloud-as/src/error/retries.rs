//! What a failed call did before its final failure: [`Retries`], the earlier attempts, and
//! [`ServiceErrorInfo`], what both versions' error enums say about an answer.

use std::borrow::Cow;
use std::fmt;

/// The attempts of a call before the one whose failure an [`Error`](super::Error) reports:
/// empty when the call was sent once. Every variant of an error that can follow a retry carries
/// it, so the final failure is matched as itself (`Error::Service(…)`) however many attempts
/// came before; [`Error::attempts`](super::Error::attempts) and
/// [`Error::retries`](super::Error::retries) read it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Retries {
    /// `None` when the call was sent once: no allocation for the common case.
    earlier: Option<Box<[EarlierAttempt]>>,
}

impl Retries {
    /// No earlier attempt: the call was sent once.
    pub const fn none() -> Self {
        Retries { earlier: None }
    }

    /// The earlier attempts, in the order they were made.
    pub(crate) fn new(earlier: Vec<EarlierAttempt>) -> Self {
        Retries {
            earlier: (!earlier.is_empty()).then(|| earlier.into_boxed_slice()),
        }
    }

    /// How many attempts were made in all: the earlier ones and the last.
    pub fn attempts(&self) -> u32 {
        u32::try_from(self.earlier().len())
            .unwrap_or(u32::MAX)
            .saturating_add(1)
    }

    /// Whether the call was sent more than once.
    pub fn retried(&self) -> bool {
        !self.earlier().is_empty()
    }

    /// Why each earlier attempt failed, first to last.
    pub fn earlier(&self) -> &[EarlierAttempt] {
        self.earlier.as_deref().unwrap_or_default()
    }
}

/// Why an attempt before the last failed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EarlierAttempt {
    cause: String,
    code: Option<String>,
}

impl EarlierAttempt {
    /// An attempt that failed with `cause` (its message) and, for a service error, `code`.
    pub(crate) fn new(cause: String, code: Option<String>) -> Self {
        EarlierAttempt { cause, code }
    }

    /// The failure, as its `Display` showed it (e.g. `service error: RequestLimitExceeded: …`).
    pub fn cause(&self) -> &str {
        &self.cause
    }

    /// The service's error code when the service answered with one (API 3.0's `Code`, API
    /// 2.0's `codeDesc`, or its `code` when it had none): `RequestLimitExceeded`.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }
}

impl fmt::Display for EarlierAttempt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.cause)
    }
}

/// What an error enum of either API version says about the service's answer, so that
/// [`Error`](super::Error)'s `code()`, `message()`, `request_id()` and `attempts()` work for
/// both. Every generated error enum implements it.
pub trait ServiceErrorInfo {
    /// The error code: API 3.0's `Code` (`ResourceNotFound.AutoScalingGroupNotFound`), API
    /// 2.0's `codeDesc` (`InvalidParameter.ScalingGroupIdError`), or API 2.0's numeric `code`
    /// as text when the answer had no `codeDesc`.
    fn service_code(&self) -> Cow<'_, str>;

    /// The message, as received.
    fn service_message(&self) -> &str;

    /// The id the service gave the request (API 3.0's `RequestId`); API 2.0 answers have none.
    fn service_request_id(&self) -> Option<&str>;

    /// The attempts before the one that got this answer.
    fn retries(&self) -> &Retries;

    /// The same error with `retries` recorded. The client calls it on the answer of a retried
    /// call's last attempt.
    #[doc(hidden)]
    fn with_retries(self, retries: Retries) -> Self
    where
        Self: Sized;
}
