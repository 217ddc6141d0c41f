//! Crontab lines of scheduled tasks (`recurrence`), in the 5-field form the API uses:
//! minute, hour, day of the month, month, day of the week. Each field is a comma-separated list
//! of `*`, `n` or `n-m`, each optionally with `/step` (`n/step` runs from n to the field's end);
//! a day of the week is 0 to 7, both 0 and 7 being Sunday. As in cron, when both day fields
//! are restricted (neither starts with `*`), a day matches when either does.
//!
//! Times are read in Beijing time, the zone AS answers write their times in.

use crate::util::{civil_from_days, BEIJING_OFFSET_SECS};

/// How far ahead [`Cron::next_after`] looks for a match: about 5 years, so a line for the 29th
/// of February finds its leap year, and a line that never matches (the 31st of February) ends.
const HORIZON_DAYS: i64 = 5 * 366 + 1;

/// A parsed crontab line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cron {
    minutes: u64,
    hours: u32,
    days: u32,
    months: u16,
    weekdays: u8,
    /// Whether the day-of-month field starts with `*`.
    any_day: bool,
    /// Whether the day-of-week field starts with `*`.
    any_weekday: bool,
}

/// The values one field lists, as a bit set (bit n for value n).
fn field(text: &str, low: u32, high: u32, what: &str) -> Result<u64, String> {
    let mut set = 0u64;
    for part in text.split(',') {
        let (base, step) = match part.split_once('/') {
            Some((base, step)) => {
                let step = step
                    .parse::<u32>()
                    .ok()
                    .filter(|s| *s >= 1)
                    .ok_or_else(|| format!("the {what} field has a bad step in {part:?}"))?;
                (base, step)
            }
            None => (part, 1),
        };
        let number = |s: &str| {
            s.parse::<u32>()
                .ok()
                .filter(|n| (low..=high).contains(n))
                .ok_or_else(|| {
                    format!("the {what} field {text:?}: {s:?} is not a number from {low} to {high}")
                })
        };
        let (from, to) = if base == "*" {
            (low, high)
        } else if let Some((a, b)) = base.split_once('-') {
            let (a, b) = (number(a)?, number(b)?);
            if a > b {
                return Err(format!("the {what} field has the empty range {base:?}"));
            }
            (a, b)
        } else {
            let n = number(base)?;
            // `n/step` runs from n to the end of the field; plain `n` is n alone.
            (n, if part.contains('/') { high } else { n })
        };
        let mut n = from;
        while n <= to {
            set |= 1 << n;
            n += step;
        }
    }
    Ok(set)
}

impl Cron {
    /// Parses a 5-field crontab line.
    pub(crate) fn parse(text: &str) -> Result<Cron, String> {
        let fields: Vec<&str> = text.split_whitespace().collect();
        let [minute, hour, day, month, weekday] = fields.as_slice() else {
            return Err(format!(
                "{text:?} is not a crontab line of 5 fields (minute hour day-of-month month \
                 day-of-week)"
            ));
        };
        let weekdays = field(weekday, 0, 7, "day of the week")?;
        // 7 is Sunday too.
        let weekdays = (weekdays | (weekdays >> 7)) & 0x7f;
        Ok(Cron {
            minutes: field(minute, 0, 59, "minute")?,
            hours: u32::try_from(field(hour, 0, 23, "hour")?).unwrap_or(0),
            days: u32::try_from(field(day, 1, 31, "day of the month")?).unwrap_or(0),
            months: u16::try_from(field(month, 1, 12, "month")?).unwrap_or(0),
            weekdays: u8::try_from(weekdays).unwrap_or(0),
            any_day: day.starts_with('*'),
            any_weekday: weekday.starts_with('*'),
        })
    }

    /// Whether the day `days` (since 1970-01-01, in Beijing time) is one the line runs on.
    fn runs_on(&self, days: i64) -> bool {
        let (_, month, day) = civil_from_days(days);
        // 1970-01-01 was a Thursday (4).
        let weekday = (days + 4).rem_euclid(7);
        if self.months & (1 << month) == 0 {
            return false;
        }
        let day_ok = self.days & (1 << day) != 0;
        let weekday_ok = self.weekdays & (1 << weekday) != 0;
        match (self.any_day, self.any_weekday) {
            (false, false) => day_ok || weekday_ok,
            _ => day_ok && weekday_ok,
        }
    }

    /// The first time (Unix seconds, on a whole minute) strictly after `after` that the line
    /// matches, within about 5 years; `None` if there is none.
    pub(crate) fn next_after(&self, after: u64) -> Option<u64> {
        let after = i64::try_from(after).ok()?;
        // The first whole minute after `after`, in Beijing local seconds.
        let local = after + BEIJING_OFFSET_SECS;
        let start = (local.div_euclid(60) + 1) * 60;
        let first_day = start.div_euclid(86_400);
        for days in first_day..first_day + HORIZON_DAYS {
            if !self.runs_on(days) {
                continue;
            }
            let day_start = days * 86_400;
            for hour in 0..24 {
                if self.hours & (1 << hour) == 0 {
                    continue;
                }
                for minute in 0..60 {
                    if self.minutes & (1 << minute) == 0 {
                        continue;
                    }
                    let at = day_start + hour * 3600 + minute * 60;
                    if at >= start {
                        return u64::try_from(at - BEIJING_OFFSET_SECS).ok();
                    }
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::{format_time, parse_time};

    fn next(line: &str, after: &str) -> Option<String> {
        let cron = Cron::parse(line).unwrap_or_else(|e| panic!("{e}"));
        let after = parse_time(after).unwrap_or_else(|| panic!("bad time {after}"));
        cron.next_after(after).map(format_time)
    }

    #[test]
    fn daily_and_weekday_lines() {
        assert_eq!(
            next("0 8 * * *", "2026-05-01 07:59:59").as_deref(),
            Some("2026-05-01 08:00:00")
        );
        // Strictly after: the same minute is not matched again.
        assert_eq!(
            next("0 8 * * *", "2026-05-01 08:00:00").as_deref(),
            Some("2026-05-02 08:00:00")
        );
        // 2026-05-01 is a Friday: the next weekday run at 9:30 is Monday the 4th.
        assert_eq!(
            next("30 9 * * 1-5", "2026-05-01 10:00:00").as_deref(),
            Some("2026-05-04 09:30:00")
        );
        // 7 is Sunday, like 0.
        assert_eq!(
            next("0 0 * * 7", "2026-05-01 00:00:00").as_deref(),
            Some("2026-05-03 00:00:00")
        );
    }

    #[test]
    fn lists_ranges_and_steps() {
        assert_eq!(
            next("15,45 8,20 * * *", "2026-05-01 08:20:00").as_deref(),
            Some("2026-05-01 08:45:00")
        );
        assert_eq!(
            next("0 8 1-15/7 * *", "2026-05-02 00:00:00").as_deref(),
            Some("2026-05-08 08:00:00")
        );
        assert_eq!(
            next("0 22 * 12 *", "2026-05-01 00:00:00").as_deref(),
            Some("2026-12-01 22:00:00")
        );
        assert_eq!(
            next("10/20 3 * * *", "2026-05-01 03:31:00").as_deref(),
            Some("2026-05-01 03:50:00")
        );
    }

    #[test]
    fn both_day_fields_match_either() {
        // The 15th, or any Monday: after Friday 2026-05-01, Monday the 4th comes first.
        assert_eq!(
            next("0 8 15 * 1", "2026-05-01 09:00:00").as_deref(),
            Some("2026-05-04 08:00:00")
        );
        assert_eq!(
            next("0 8 29 2 *", "2026-03-01 00:00:00").as_deref(),
            Some("2028-02-29 08:00:00")
        );
        assert_eq!(next("0 8 31 2 *", "2026-03-01 00:00:00"), None);
    }

    #[test]
    fn bad_lines_are_refused() {
        for bad in [
            "0 8 * *",
            "60 8 * * *",
            "0 24 * * *",
            "0 8 0 * *",
            "0 8 5-1 * *",
            "0 8 * * mon",
            "0/0 8 * * *",
        ] {
            assert!(Cron::parse(bad).is_err(), "{bad}");
        }
    }
}
