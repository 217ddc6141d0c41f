//! Failures to exchange a request and its answer over HTTP.

use super::Retries;
use std::fmt;

/// A failure to exchange the request and answer over HTTP. Its `Display` includes the
/// underlying error's message (never the request URL, which may hold a session token).
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    inner: Box<dyn std::error::Error + Send + Sync>,
    retries: Retries,
}

impl std::fmt::Display for TransportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind, self.inner)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.inner)
    }
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
            retries: Retries::none(),
        }
    }

    /// The call's own time-out (`limit`) ran out.
    pub(crate) fn operation_timeout(limit: std::time::Duration) -> Self {
        TransportError {
            kind: TransportErrorKind::OperationTimeout,
            inner: format!("no answer within the operation time-out of {limit:?}").into(),
            retries: Retries::none(),
        }
    }

    /// The underlying HTTP client error.
    pub fn inner(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        &*self.inner
    }

    /// The attempts before the one that failed this way (none when the call was sent once).
    pub fn retries(&self) -> &Retries {
        &self.retries
    }

    pub(crate) fn set_retries(&mut self, retries: Retries) {
        self.retries = retries;
    }

    /// What kind of failure this was.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }
}
