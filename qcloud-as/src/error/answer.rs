//! What an error keeps of an answer: the service's [`ServiceError`], and the start of and a
//! position in a body that could not be decoded.

#[cfg(feature = "v2")]
use super::Retries;
use super::BODY_START_LEN;
use std::fmt;

/// An API 2.0 answer of the service with a non-zero `code`: the envelope's `code`, `codeDesc` and
/// `message`, as received.
#[cfg(feature = "v2")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ServiceError {
    code: i64,
    code_desc: String,
    message: String,
    retries: Retries,
}

#[cfg(feature = "v2")]
impl ServiceError {
    /// A service error from the three envelope fields.
    pub fn new(code: i64, code_desc: impl Into<String>, message: impl Into<String>) -> Self {
        ServiceError {
            code,
            code_desc: code_desc.into(),
            message: message.into(),
            retries: Retries::default(),
        }
    }

    /// A service error as a server answers it: `message` gets the `(code)` prefix real answers
    /// carry (`(4000)scaling group asg-… does not exist`). Generated error constructors use it.
    pub fn answer(code: i64, code_desc: &str, message: impl AsRef<str>) -> Self {
        ServiceError {
            code,
            code_desc: code_desc.to_owned(),
            message: format!("({code}){}", message.as_ref()),
            retries: Retries::default(),
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

    /// The attempts before the one that got this answer (none when the call was sent once).
    pub fn retries(&self) -> &Retries {
        &self.retries
    }

    /// The same error with `retries` recorded.
    #[doc(hidden)]
    pub fn with_retries(mut self, retries: Retries) -> Self {
        self.retries = retries;
        self
    }
}

#[cfg(feature = "v2")]
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

#[cfg(feature = "v2")]
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

#[cfg(feature = "v2")]
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
