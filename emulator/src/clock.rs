//! The emulator's virtual clock: the one time every answer, signature check, nonce, cooldown,
//! schedule and activity of an emulator reads.
//!
//! It has two modes ([`ClockMode`]): **frozen**, where time moves only when told to
//! ([`Emulator::advance`](crate::Emulator::advance), [`Emulator::set_time`](crate::Emulator::set_time)
//! or their HTTP forms), and **wall**, where it follows the real clock at a chosen speed
//! (1 = real time, 60 = a minute per real second) and can be moved forward as well. Either way
//! it is held in milliseconds since the Unix epoch and never depends on the machine's time zone.

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How the virtual clock moves.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ClockMode {
    /// It stands still; only [`Emulator::advance`](crate::Emulator::advance) and
    /// [`Emulator::set_time`](crate::Emulator::set_time) move it. The default of an embedded
    /// emulator ([`Emulator::start`](crate::Emulator::start)): tests decide when time passes.
    Frozen,
    /// It follows the wall clock, `speed` virtual seconds per real second (1: real time, the
    /// binary's default). It can still be moved forward.
    Wall {
        /// Virtual seconds per real second; finite and above 0.
        speed: f64,
    },
}

impl ClockMode {
    /// Real time: the wall clock at speed 1.
    pub const REAL_TIME: ClockMode = ClockMode::Wall { speed: 1.0 };

    /// Checks the speed of a [`ClockMode::Wall`].
    pub fn check(self) -> Result<ClockMode, ClockModeError> {
        match self {
            ClockMode::Wall { speed } if !(speed.is_finite() && speed > 0.0) => {
                Err(ClockModeError(format!(
                    "the speed of a wall clock must be a finite number above 0, not {speed}"
                )))
            }
            mode => Ok(mode),
        }
    }
}

impl fmt::Display for ClockMode {
    /// `frozen`, `wall` (speed 1) or `wall:SPEED`: what [`FromStr`] reads.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClockMode::Frozen => f.write_str("frozen"),
            ClockMode::Wall { speed } if *speed == 1.0 => f.write_str("wall"),
            ClockMode::Wall { speed } => write!(f, "wall:{speed}"),
        }
    }
}

/// A clock mode that cannot be used (a speed of 0, say), or text that names none.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ClockModeError(String);

impl FromStr for ClockMode {
    type Err = ClockModeError;

    /// `frozen`, `wall` (real time) or `wall:SPEED` (e.g. `wall:60`, a minute per second).
    fn from_str(text: &str) -> Result<ClockMode, ClockModeError> {
        let text = text.trim();
        let mode = match text.split_once(':') {
            None if text.eq_ignore_ascii_case("frozen") => ClockMode::Frozen,
            None if text.eq_ignore_ascii_case("wall") => ClockMode::REAL_TIME,
            Some((wall, speed)) if wall.eq_ignore_ascii_case("wall") => {
                let speed = speed.trim().parse::<f64>().map_err(|_| {
                    ClockModeError(format!("{speed:?} is not a speed (a number, e.g. wall:60)"))
                })?;
                ClockMode::Wall { speed }
            }
            _ => {
                return Err(ClockModeError(format!(
                    "unknown clock {text:?}: use frozen, wall or wall:SPEED (e.g. wall:60)"
                )))
            }
        };
        mode.check()
    }
}

/// Milliseconds since the Unix epoch of a system time (0 before it).
pub(crate) fn millis_of(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// The system time of milliseconds since the Unix epoch.
pub(crate) fn time_of(millis: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(millis)
}

/// The virtual clock. Its reading is `base` plus, in wall mode, the real time since `anchor`
/// times the speed; every change re-anchors it, so changing the mode never makes it jump.
#[derive(Debug, Clone)]
pub(crate) struct Clock {
    mode: ClockMode,
    /// The virtual time at `anchor`, in milliseconds since the Unix epoch.
    base: u64,
    anchor: Instant,
}

impl Clock {
    /// A clock reading `start` (milliseconds since the epoch), moving as `mode` says.
    pub(crate) fn new(start: u64, mode: ClockMode) -> Clock {
        Clock {
            mode,
            base: start,
            anchor: Instant::now(),
        }
    }

    /// A frozen clock at the real time: what an emulator starts with.
    pub(crate) fn frozen_at_real_time() -> Clock {
        Clock::new(millis_of(SystemTime::now()), ClockMode::Frozen)
    }

    /// The reading at the real instant `real`.
    fn at(&self, real: Instant) -> u64 {
        match self.mode {
            ClockMode::Frozen => self.base,
            ClockMode::Wall { speed } => {
                let elapsed = real.saturating_duration_since(self.anchor).as_secs_f64() * 1000.0;
                // A float product of a finite speed; `as` saturates where it would overflow.
                self.base.saturating_add((elapsed * speed) as u64)
            }
        }
    }

    /// The virtual time now, in milliseconds since the Unix epoch.
    pub(crate) fn now_ms(&self) -> u64 {
        self.at(Instant::now())
    }

    /// The virtual time now, in whole seconds since the Unix epoch.
    pub(crate) fn now_secs(&self) -> u64 {
        self.now_ms() / 1000
    }

    pub(crate) fn mode(&self) -> ClockMode {
        self.mode
    }

    fn rebase(&mut self, to: u64) {
        self.base = to;
        self.anchor = Instant::now();
    }

    /// Moves the clock forward by `by`; returns the new reading.
    pub(crate) fn advance(&mut self, by: Duration) -> u64 {
        let by = u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
        let to = self.now_ms().saturating_add(by);
        self.rebase(to);
        to
    }

    /// Sets the reading (forward or back).
    pub(crate) fn set_ms(&mut self, to: u64) {
        self.rebase(to);
    }

    /// Changes how the clock moves from now on, keeping its reading.
    pub(crate) fn set_mode(&mut self, mode: ClockMode) {
        let now = self.now_ms();
        self.rebase(now);
        self.mode = mode;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_read_and_print() {
        assert_eq!("frozen".parse(), Ok(ClockMode::Frozen));
        assert_eq!("Wall".parse(), Ok(ClockMode::REAL_TIME));
        assert_eq!("wall:60".parse(), Ok(ClockMode::Wall { speed: 60.0 }));
        assert_eq!("wall:0.5".parse(), Ok(ClockMode::Wall { speed: 0.5 }));
        for bad in ["wall:0", "wall:-1", "wall:fast", "wall:inf", "later", ""] {
            assert!(bad.parse::<ClockMode>().is_err(), "{bad}");
        }
        for mode in [
            ClockMode::Frozen,
            ClockMode::REAL_TIME,
            ClockMode::Wall { speed: 60.0 },
        ] {
            assert_eq!(mode.to_string().parse(), Ok(mode));
        }
    }

    #[test]
    fn a_frozen_clock_moves_only_when_told() {
        let mut clock = Clock::new(1_000_000, ClockMode::Frozen);
        let later = Instant::now() + Duration::from_secs(3600);
        assert_eq!(clock.at(later), 1_000_000);
        assert_eq!(clock.advance(Duration::from_secs(30)), 1_030_000);
        assert_eq!(clock.now_ms(), 1_030_000);
        clock.set_ms(5);
        assert_eq!(clock.now_secs(), 0);
    }

    #[test]
    fn a_wall_clock_runs_at_its_speed() {
        let mut clock = Clock::new(1_000_000, ClockMode::Wall { speed: 60.0 });
        let anchor = clock.anchor;
        assert_eq!(clock.at(anchor + Duration::from_secs(2)), 1_120_000);
        // Switching modes keeps the reading.
        let before = clock.now_ms();
        clock.set_mode(ClockMode::Frozen);
        assert!(clock.now_ms() >= before);
        assert_eq!(
            clock.at(Instant::now() + Duration::from_secs(9)),
            clock.now_ms()
        );
    }
}
