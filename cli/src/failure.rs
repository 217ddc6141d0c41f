//! Why a command failed, its exit code and its one-line message on stderr.

use qcloud_as::v3;
use qcloud_as::{ActionError, Error, ErrorTable, ServiceError};
use std::process::ExitCode;

/// The exit codes, each documented in `--help` and the README.
pub mod exit {
    /// The command succeeded.
    pub const SUCCESS: u8 = 0;
    /// Anything else: no region or no credentials, a file that cannot be written, the emulator
    /// could not start.
    pub const OTHER: u8 = 1;
    /// Bad usage, or a constraint of the spec broken before anything was sent (clap's usage
    /// errors are 2 as well).
    pub const USAGE: u8 = 2;
    /// The service answered with an error code.
    pub const API: u8 = 3;
    /// The request could not be sent or the answer could not be read: a connection refused, a
    /// time-out, an HTTP status other than 200, a body that is not the expected JSON.
    pub const TRANSPORT: u8 = 4;
    /// `--wait`: the activity ended without succeeding, or did not end within `--wait-timeout`.
    pub const WAIT: u8 = 5;
}

/// The exit codes as `--help` shows them.
pub const EXIT_CODES_HELP: &str = "Exit codes:
  0  success
  1  anything else: no region or credentials, an output that cannot be written
  2  bad usage, or a constraint of the spec broken before sending
  3  an API error: the service answered with an error code
  4  a transport or decoding failure: no connection, a time-out, an HTTP status
     other than 200, an answer that is not the expected JSON
  5  --wait: the activity ended without succeeding (PARTIALLY_SUCCESSFUL, FAILED,
     CANCELLED) or did not end within --wait-timeout; the answer is printed";

/// Why a command failed.
#[derive(Debug)]
pub enum Failure {
    /// Bad usage, or a constraint of the spec broken before sending.
    Usage(String),
    /// The service answered with an error code.
    Service {
        /// The action.
        action: &'static str,
        /// The answer's `code`, `codeDesc` and `message`.
        error: ServiceError,
        /// How many times the call was sent (retries of throttling).
        attempts: u32,
    },
    /// An API 3.0 service answered with an error code.
    ServiceV3 {
        /// The action.
        action: &'static str,
        /// The answer's `Code`, `Message` and `RequestId`.
        error: v3::ServiceError,
        /// How many times the call was sent (retries of throttling).
        attempts: u32,
    },
    /// `--wait`: the activity did not succeed, or did not end in time.
    Wait(String),
    /// The request could not be sent or the answer could not be read.
    Transport {
        /// The action.
        action: &'static str,
        /// What went wrong, with its causes.
        message: String,
    },
    /// Anything else.
    Other(String),
}

impl Failure {
    /// The failure of a call made with the API 2.0 SDK; a retried call fails as its last
    /// attempt did.
    pub fn from_sdk<E: ActionError>(action: &'static str, error: Error<E>) -> Failure {
        Failure::from_error(action, error, &|action, e: E| Failure::Service {
            action,
            error: ErrorTable::meta(&e).clone(),
            attempts: 1,
        })
    }

    /// The failure of a call made with the API 3.0 SDK; a retried call fails as its last
    /// attempt did.
    pub fn from_sdk_v3<E: v3::ActionError>(action: &'static str, error: Error<E>) -> Failure {
        Failure::from_error(action, error, &|action, e: E| Failure::ServiceV3 {
            action,
            error: v3::ErrorTable::meta(&e).clone(),
            attempts: 1,
        })
    }

    /// The failure of an SDK error of either version; `service` makes the failure of a
    /// service's answer.
    fn from_error<E: std::error::Error + 'static>(
        action: &'static str,
        error: Error<E>,
        service: &dyn Fn(&'static str, E) -> Failure,
    ) -> Failure {
        match error {
            Error::Retried { attempts, last } => {
                match Failure::from_error(action, *last, service) {
                    Failure::Service { action, error, .. } => Failure::Service {
                        action,
                        error,
                        attempts,
                    },
                    Failure::ServiceV3 { action, error, .. } => Failure::ServiceV3 {
                        action,
                        error,
                        attempts,
                    },
                    Failure::Transport { action, message } => Failure::Transport {
                        action,
                        message: format!("{message} (after {attempts} attempts)"),
                    },
                    other => other,
                }
            }
            Error::Validation(e) => Failure::Usage(format!("{action}: {e}")),
            Error::Service(e) => service(action, e),
            Error::Randomness(e) => Failure::Other(format!("{action}: {e}")),
            Error::Transport(_)
            | Error::HttpStatus { .. }
            | Error::NotJson { .. }
            | Error::Truncated { .. }
            | Error::Malformed { .. }
            | Error::BodyTooLarge { .. } => Failure::Transport {
                action,
                message: with_causes(&error),
            },
            // A kind of failure this tool does not know yet.
            other => Failure::Other(format!("{action}: {}", with_causes(&other))),
        }
    }

    /// The exit code.
    pub fn code(&self) -> u8 {
        match self {
            Failure::Usage(_) => exit::USAGE,
            Failure::Service { .. } | Failure::ServiceV3 { .. } => exit::API,
            Failure::Wait(_) => exit::WAIT,
            Failure::Transport { .. } => exit::TRANSPORT,
            Failure::Other(_) => exit::OTHER,
        }
    }

    /// The one line written to stderr (without its newline).
    pub fn line(&self) -> String {
        let text = match self {
            Failure::Usage(message) | Failure::Other(message) => format!("error: {message}"),
            Failure::Wait(message) => format!("--wait: {message}"),
            Failure::ServiceV3 {
                action,
                error,
                attempts,
            } => format!(
                "{action} failed: code {}, message: {}, request {}{}",
                error.code(),
                error.message(),
                if error.request_id().is_empty() {
                    "(none)"
                } else {
                    error.request_id()
                },
                retried(*attempts)
            ),
            Failure::Service {
                action,
                error,
                attempts,
            } => format!(
                "{action} failed: code {}, codeDesc {}, message: {}{}",
                error.code(),
                if error.code_desc().is_empty() {
                    "(none)"
                } else {
                    error.code_desc()
                },
                error.message(),
                retried(*attempts)
            ),
            Failure::Transport { action, message } => format!("{action} failed: {message}"),
        };
        format!("qcloud-as: {}", one_line(&text))
    }

    /// Writes the line to stderr and gives the exit code.
    pub fn report(&self) -> ExitCode {
        warn(&self.line());
        ExitCode::from(self.code())
    }
}

/// ` (after N attempts)` when a call was sent more than once.
fn retried(attempts: u32) -> String {
    if attempts > 1 {
        format!(" (after {attempts} attempts)")
    } else {
        String::new()
    }
}

/// Writes a line to stderr; a closed stderr is no reason to panic.
pub fn warn(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// An error's message followed by those of its causes that add something.
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let more = cause.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = cause.source();
    }
    text
}

/// Text made safe for one terminal line: control characters (newlines, escapes) become
/// spaces.
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_hold_no_control_characters() {
        let failure = Failure::Transport {
            action: "DetachInstance",
            message: "HTTP status 502; body: \"<html>\n\x1b[31mbad\"".to_owned(),
        };
        assert_eq!(
            failure.line(),
            "qcloud-as: DetachInstance failed: HTTP status 502; body: \"<html>  [31mbad\""
        );
        assert_eq!(failure.code(), exit::TRANSPORT);
    }

    #[test]
    fn service_errors_show_code_code_desc_and_message() {
        let failure = Failure::Service {
            action: "DetachInstance",
            error: ServiceError::new(4000, "InvalidParameter.InstanceIdError", "(4000)no"),
            attempts: 1,
        };
        assert_eq!(
            failure.line(),
            "qcloud-as: DetachInstance failed: code 4000, codeDesc \
             InvalidParameter.InstanceIdError, message: (4000)no"
        );
        assert_eq!(failure.code(), exit::API);
    }

    #[test]
    fn api_3_0_errors_show_code_message_and_request_id() {
        let failure = Failure::ServiceV3 {
            action: "DetachInstances",
            error: v3::ServiceError::new(
                "ResourceNotFound.AutoScalingGroupNotFound",
                "no group\nasg-1",
                "req-1",
            ),
            attempts: 2,
        };
        assert_eq!(
            failure.line(),
            "qcloud-as: DetachInstances failed: code ResourceNotFound.AutoScalingGroupNotFound, \
             message: no group asg-1, request req-1 (after 2 attempts)"
        );
        assert_eq!(failure.code(), exit::API);
    }
}
