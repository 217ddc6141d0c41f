//! What one client can hold of a running emulator: connections, the time and bytes of a
//! request, the time an answer may wait for a reader, and the nonces remembered.
//!
//! Network limits run on real (tokio) time, never on the virtual clock: a frozen or fast clock
//! changes nothing here.

use std::time::Duration;

/// The most connections held at once ([`Limits::max_connections`]). Beyond it, new
/// connections are not accepted: they wait in the operating system's queue of the listening
/// socket until a held one closes.
pub const MAX_CONNECTIONS: usize = 256;

/// How long a client may take to send a request's head (request line and headers)
/// ([`Limits::header_timeout`]), counted from when the connection is ready for it: accepted,
/// or the previous answer sent. A connection that sends nothing for this long is closed too.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a client may take to send a request's body once its head is in
/// ([`Limits::body_timeout`]). Past it the answer is HTTP 408 and the connection is closed.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(10);

/// How long an answer may wait for the client to take more of it ([`Limits::send_timeout`]):
/// a write that cannot proceed for this long (the client stopped reading) closes the
/// connection.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a connection is kept for further requests ([`Limits::max_connection_age`]): the
/// first answer after it carries `Connection: close`, and the connection closes after it.
pub const MAX_CONNECTION_AGE: Duration = Duration::from_secs(60);

/// The largest request head, request line and headers together ([`Limits::max_header_bytes`]);
/// a larger one gets HTTP 431 and the connection is closed. (Independently of it, hyper takes
/// at most 100 headers, also 431, and a request target of at most 65,534 bytes, else 414.)
pub const MAX_HEADER_BYTES: usize = 64 * 1024;

/// The largest request body accepted ([`Limits::max_body_bytes`]); a larger one gets
/// HTTP 413.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The most nonces remembered for the replay check ([`Limits::max_nonces`]), about 190 bytes
/// each (about 19 MB at the cap). At the cap the nonces that expire first are forgotten, and a
/// request whose `Timestamp` is not newer than the newest `Timestamp` forgotten is refused
/// with 4500 `ReplayAttack`, so a forgotten nonce cannot be replayed.
pub const MAX_NONCES: usize = 100_000;

/// The smallest [`Limits::max_header_bytes`] (hyper's smallest read buffer).
pub const MIN_HEADER_BYTES: usize = 8 * 1024;

/// The longest time-out [`Limits::check`] takes (a year): longer ones would overflow the
/// clocks that run them.
pub const LONGEST_TIMEOUT: Duration = Duration::from_secs(365 * 24 * 3600);

/// What one client can hold of the emulator; see each constant for the behaviour at the limit.
/// [`Limits::default`] gives the constants; [`Emulator::start_with`](crate::Emulator::start_with)
/// takes others (tests use short time-outs, say).
///
/// ```
/// use qcloud_as_emulator::Limits;
/// use std::time::Duration;
///
/// let mut limits = Limits::default();
/// limits.body_timeout = Duration::from_secs(1);
/// limits.max_connections = 16;
/// assert!(limits.check().is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The most connections held at once ([`MAX_CONNECTIONS`]); at least 1. Keep it below the
    /// process's limit on open files: connections beyond that limit wait all the same (the
    /// accept fails and is tried again), but the emulator's other files share it.
    pub max_connections: usize,
    /// The time to send a request's head ([`HEADER_TIMEOUT`]); above zero, at most a year.
    pub header_timeout: Duration,
    /// The time to send a request's body after its head ([`BODY_TIMEOUT`]); above zero, at
    /// most a year.
    pub body_timeout: Duration,
    /// The time a blocked answer waits for its reader ([`SEND_TIMEOUT`]); above zero, at most
    /// a year.
    pub send_timeout: Duration,
    /// The age after which a connection takes no further request ([`MAX_CONNECTION_AGE`]);
    /// zero closes every connection after one answer; at most a year.
    pub max_connection_age: Duration,
    /// The largest request head ([`MAX_HEADER_BYTES`]); at least [`MIN_HEADER_BYTES`].
    pub max_header_bytes: usize,
    /// The largest request body ([`MAX_BODY_BYTES`]).
    pub max_body_bytes: usize,
    /// The most nonces remembered ([`MAX_NONCES`]); at least 1.
    pub max_nonces: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: MAX_CONNECTIONS,
            header_timeout: HEADER_TIMEOUT,
            body_timeout: BODY_TIMEOUT,
            send_timeout: SEND_TIMEOUT,
            max_connection_age: MAX_CONNECTION_AGE,
            max_header_bytes: MAX_HEADER_BYTES,
            max_body_bytes: MAX_BODY_BYTES,
            max_nonces: MAX_NONCES,
        }
    }
}

impl Limits {
    /// Checks the values: at least one connection (and at most tokio's
    /// [`Semaphore::MAX_PERMITS`](tokio::sync::Semaphore::MAX_PERMITS)) and one nonce,
    /// time-outs above zero and at most [`LONGEST_TIMEOUT`], a head limit of at least
    /// [`MIN_HEADER_BYTES`]. The message names the field.
    pub fn check(&self) -> Result<(), String> {
        if self.max_connections == 0 || self.max_connections > tokio::sync::Semaphore::MAX_PERMITS {
            return Err(format!(
                "max_connections must be from 1 to {}, not {}",
                tokio::sync::Semaphore::MAX_PERMITS,
                self.max_connections
            ));
        }
        if self.max_nonces == 0 {
            return Err("max_nonces must be at least 1".to_owned());
        }
        for (name, value) in [
            ("header_timeout", self.header_timeout),
            ("body_timeout", self.body_timeout),
            ("send_timeout", self.send_timeout),
        ] {
            if value.is_zero() || value > LONGEST_TIMEOUT {
                return Err(format!(
                    "{name} must be above zero and at most a year, not {value:?}"
                ));
            }
        }
        if self.max_connection_age > LONGEST_TIMEOUT {
            return Err(format!(
                "max_connection_age must be at most a year, not {:?}",
                self.max_connection_age
            ));
        }
        if self.max_header_bytes < MIN_HEADER_BYTES {
            return Err(format!(
                "max_header_bytes must be at least {MIN_HEADER_BYTES}, not {}",
                self.max_header_bytes
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_constants_and_pass() {
        let limits = Limits::default();
        assert_eq!(limits.max_connections, 256);
        assert_eq!(limits.header_timeout, Duration::from_secs(10));
        assert_eq!(limits.body_timeout, Duration::from_secs(10));
        assert_eq!(limits.max_body_bytes, 1024 * 1024);
        assert_eq!(limits.max_nonces, 100_000);
        assert_eq!(limits.check(), Ok(()));
    }

    #[test]
    fn bad_values_are_named() {
        let limits = Limits {
            max_connections: 0,
            ..Limits::default()
        };
        assert!(limits.check().is_err_and(|e| e.contains("max_connections")));
        let limits = Limits {
            body_timeout: Duration::ZERO,
            ..Limits::default()
        };
        assert!(limits.check().is_err_and(|e| e.contains("body_timeout")));
        let limits = Limits {
            header_timeout: Duration::MAX,
            ..Limits::default()
        };
        assert!(limits.check().is_err_and(|e| e.contains("header_timeout")));
        let limits = Limits {
            max_connections: usize::MAX,
            ..Limits::default()
        };
        assert!(limits.check().is_err_and(|e| e.contains("max_connections")));
        let limits = Limits {
            max_header_bytes: 100,
            ..Limits::default()
        };
        assert!(limits
            .check()
            .is_err_and(|e| e.contains("max_header_bytes")));
    }
}
