//! [`TimeSource`]: the clock requests are signed with.

use std::fmt;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// Where a client reads the time it signs requests with: the system clock (the default), or
/// any other, such as an emulator's virtual clock
/// (`qcloud_as_emulator::Emulator::time_source`).
///
/// ```
/// use qcloud_as::TimeSource;
/// use std::time::{Duration, SystemTime};
///
/// let an_hour_ahead = TimeSource::new(|| SystemTime::now() + Duration::from_secs(3600));
/// assert!(an_hour_ahead.now() > SystemTime::now());
/// ```
#[derive(Clone)]
pub struct TimeSource(Arc<dyn Fn() -> SystemTime + Send + Sync>);

impl TimeSource {
    /// A clock that reads `now`.
    pub fn new(now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        TimeSource(Arc::new(now))
    }

    /// The system clock.
    pub fn system() -> Self {
        TimeSource::new(SystemTime::now)
    }

    /// The time now.
    pub fn now(&self) -> SystemTime {
        (self.0)()
    }

    /// The time now in seconds since the Unix epoch (0 before it), as `Timestamp` carries it.
    pub fn unix_secs(&self) -> u64 {
        self.now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    }
}

impl Default for TimeSource {
    fn default() -> Self {
        TimeSource::system()
    }
}

impl fmt::Debug for TimeSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TimeSource(..)")
    }
}
