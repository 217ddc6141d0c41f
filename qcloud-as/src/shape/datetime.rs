//! [`DateTime`]: a time as the service writes it (ISO 8601, `2019-01-01T00:00:00Z`), kept as
//! received and read when asked.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A point in time in ISO 8601 form, as API 3.0 sends and takes it: `2019-01-01T00:00:00Z` (UTC)
/// or `2019-01-01T08:00:00+08:00` (with an offset, as scheduled actions use).
///
/// The text is kept exactly as received and sent back unchanged, so an answer never fails
/// because of a time's format: [`as_str`](DateTime::as_str) gives the text, and
/// [`unix_seconds`](DateTime::unix_seconds) or [`to_system_time`](DateTime::to_system_time)
/// read it when it parses. Parsing is lenient: `T`, `t` or a space between date and time,
/// optional fractions of a second, `Z`, `z`, `+hh:mm`, `+hhmm` or `+hh` for the offset, and
/// no offset at all read as UTC. An empty text (what answers hold for a time not set yet)
/// parses to nothing.
///
/// ```
/// use qcloud_as::DateTime;
///
/// let t = DateTime::new("2019-01-01T08:00:00+08:00");
/// assert_eq!(t.unix_seconds(), Some(1_546_300_800));
/// assert_eq!(DateTime::from_unix_seconds(1_546_300_800).as_str(), "2019-01-01T00:00:00Z");
/// assert_eq!(DateTime::new("soon").unix_seconds(), None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTime {
    text: String,
}

impl DateTime {
    /// A time from its text, as is (nothing is checked).
    pub fn new(text: impl Into<String>) -> DateTime {
        DateTime { text: text.into() }
    }

    /// `YYYY-MM-DDThh:mm:ssZ` for a number of seconds since the Unix epoch.
    pub fn from_unix_seconds(seconds: i64) -> DateTime {
        DateTime::at_offset(seconds, 0)
    }

    /// The same instant written at an offset from UTC, in minutes: `at_offset(s, 480)` gives
    /// Beijing time, `YYYY-MM-DDThh:mm:ss+08:00`, the form scheduled actions take.
    pub fn at_offset(seconds: i64, offset_minutes: i32) -> DateTime {
        let local = seconds.saturating_add(i64::from(offset_minutes) * 60);
        let days = local.div_euclid(86_400);
        let rest = local.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        let zone = if offset_minutes == 0 {
            "Z".to_owned()
        } else {
            let sign = if offset_minutes < 0 { '-' } else { '+' };
            let abs = offset_minutes.unsigned_abs();
            format!("{sign}{:02}:{:02}", abs / 60, abs % 60)
        };
        DateTime::new(format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}{zone}",
            rest / 3600,
            rest % 3600 / 60,
            rest % 60
        ))
    }

    /// The text, as received or given.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The text, owned.
    pub fn into_string(self) -> String {
        self.text
    }

    /// Seconds since the Unix epoch (fractions dropped), when the text parses.
    pub fn unix_seconds(&self) -> Option<i64> {
        parse(&self.text).map(|p| p.seconds)
    }

    /// The offset from UTC the text is written at, in minutes (0 for `Z` or none), when it
    /// parses.
    pub fn offset_minutes(&self) -> Option<i32> {
        parse(&self.text).map(|p| p.offset_minutes)
    }

    /// The instant, fractions of a second included, when the text parses.
    pub fn to_system_time(&self) -> Option<SystemTime> {
        let p = parse(&self.text)?;
        let nanos = Duration::from_nanos(u64::from(p.nanos));
        if p.seconds >= 0 {
            UNIX_EPOCH.checked_add(Duration::from_secs(p.seconds.unsigned_abs()) + nanos)
        } else {
            UNIX_EPOCH
                .checked_sub(Duration::from_secs(p.seconds.unsigned_abs()))?
                .checked_add(nanos)
        }
    }
}

impl From<&str> for DateTime {
    fn from(text: &str) -> DateTime {
        DateTime::new(text)
    }
}

impl From<String> for DateTime {
    fn from(text: String) -> DateTime {
        DateTime::new(text)
    }
}

impl From<&String> for DateTime {
    fn from(text: &String) -> DateTime {
        DateTime::new(text.as_str())
    }
}

/// The instant in UTC, `YYYY-MM-DDThh:mm:ssZ` (fractions of a second dropped).
impl From<SystemTime> for DateTime {
    fn from(time: SystemTime) -> DateTime {
        let seconds = match time.duration_since(UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
            Err(before) => {
                let d = before.duration();
                // -1.5 s is 1.5 s before the epoch: the second that starts at -2.
                let whole = i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
                -whole - i64::from(d.subsec_nanos() > 0)
            }
        };
        DateTime::from_unix_seconds(seconds)
    }
}

impl PartialEq<str> for DateTime {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl PartialEq<&str> for DateTime {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.text)
    }
}

/// Never fails: any text is a `DateTime` (see [`DateTime::unix_seconds`] to read it).
impl std::str::FromStr for DateTime {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<DateTime, Self::Err> {
        Ok(DateTime::new(s))
    }
}

impl serde::Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

/// Takes a string as it is, and a number as its text (a service that sends one keeps the
/// answer decodable).
impl<'de> serde::Deserialize<'de> for DateTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = DateTime;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a time as a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DateTime, E> {
                Ok(DateTime::new(v))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<DateTime, E> {
                Ok(DateTime::new(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<DateTime, E> {
                Ok(DateTime::new(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<DateTime, E> {
                Ok(DateTime::new(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<DateTime, E> {
                Ok(DateTime::new(v.to_string()))
            }
        }
        deserializer.deserialize_any(Text)
    }
}

impl super::Validate for DateTime {}
impl super::Check for DateTime {}

/// A parsed time: seconds since the epoch, nanoseconds, the offset it was written at.
struct Parsed {
    seconds: i64,
    nanos: u32,
    offset_minutes: i32,
}

/// `YYYY-MM-DD(T|t| )hh:mm:ss(.f+)?(Z|z|±hh(:?mm)?)?`, fields in range.
fn parse(text: &str) -> Option<Parsed> {
    let b = text.trim().as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(at(4, b'-') && at(7, b'-') && matches!(b.get(10), Some(b'T' | b't' | b' '))) {
        return None;
    }
    if !(at(13, b':') && at(16, b':')) {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut i = 19;
    let mut nanos = 0u32;
    if at(i, b'.') || at(i, b',') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            if i - start < 9 {
                nanos = nanos * 10 + u32::from(b[i] - b'0');
            }
            i += 1;
        }
        if i == start {
            return None;
        }
        for _ in (i - start)..9 {
            nanos *= 10;
        }
    }
    let offset_minutes: i32 = match b.get(i) {
        None => 0,
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) => {
            let hours = num(i + 1, 2)?;
            let minutes = match b.len() - (i + 3) {
                0 => 0,
                2 => num(i + 3, 2)?,
                3 if at(i + 3, b':') => num(i + 4, 2)?,
                _ => return None,
            };
            if hours > 23 || minutes > 59 {
                return None;
            }
            let total = i32::try_from(hours * 60 + minutes).ok()?;
            if *sign == b'-' {
                -total
            } else {
                total
            }
        }
        _ => return None,
    };
    let days = days_from_civil(i64::from(year), month, day);
    let local = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second);
    Some(Parsed {
        seconds: local - i64::from(offset_minutes) * 60,
        nanos,
        offset_minutes,
    })
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a number of days since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_forms_the_service_writes() {
        let utc = DateTime::new("2019-01-01T00:00:00Z");
        assert_eq!(utc.unix_seconds(), Some(1_546_300_800));
        assert_eq!(utc.offset_minutes(), Some(0));
        let beijing = DateTime::new("2019-01-01T08:00:00+08:00");
        assert_eq!(beijing.unix_seconds(), Some(1_546_300_800));
        assert_eq!(beijing.offset_minutes(), Some(480));
        for same in [
            "2019-01-01 00:00:00",
            "2019-01-01t00:00:00z",
            "2018-12-31T19:00:00-0500",
            "2019-01-01T08:00:00+08",
            " 2019-01-01T00:00:00Z ",
        ] {
            assert_eq!(
                DateTime::new(same).unix_seconds(),
                Some(1_546_300_800),
                "{same}"
            );
        }
        let fraction = DateTime::new("1970-01-01T00:00:01.25Z");
        assert_eq!(
            fraction.to_system_time(),
            Some(UNIX_EPOCH + Duration::from_millis(1250))
        );
        let before = DateTime::new("1969-12-31T23:59:59Z");
        assert_eq!(before.unix_seconds(), Some(-1));
        assert_eq!(
            before.to_system_time(),
            UNIX_EPOCH.checked_sub(Duration::from_secs(1))
        );
        assert_eq!(
            DateTime::new("2024-02-29T12:00:00Z").unix_seconds(),
            Some(1_709_208_000)
        );
    }

    #[test]
    fn keeps_what_does_not_parse() {
        for bad in [
            "",
            "soon",
            "2019-13-01T00:00:00Z",
            "2019-02-29T00:00:00Z",
            "2019-01-01T24:00:00Z",
            "2019-01-01T00:00:00Q",
            "2019-01-01T00:00:00+8",
            "2019-01-01T00:00:00.Z",
            "2019-01-01",
            "２019-01-01T00:00:00Z",
        ] {
            let t = DateTime::new(bad);
            assert_eq!(t.unix_seconds(), None, "{bad:?}");
            assert_eq!(t.to_system_time(), None, "{bad:?}");
            assert_eq!(t.as_str(), bad);
        }
    }

    #[test]
    fn writes_and_reads_back() {
        for seconds in [0, 1_546_300_800, 951_782_400, -86_401, 4_102_444_799] {
            let t = DateTime::from_unix_seconds(seconds);
            assert_eq!(t.unix_seconds(), Some(seconds), "{t}");
            let b = DateTime::at_offset(seconds, 480);
            assert!(b.as_str().ends_with("+08:00"), "{b}");
            assert_eq!(b.unix_seconds(), Some(seconds), "{b}");
            let w = DateTime::at_offset(seconds, -330);
            assert!(w.as_str().ends_with("-05:30"), "{w}");
            assert_eq!(w.unix_seconds(), Some(seconds), "{w}");
        }
        let now = SystemTime::now();
        let t = DateTime::from(now);
        let back = t.to_system_time().unwrap_or(UNIX_EPOCH);
        assert!(now
            .duration_since(back)
            .is_ok_and(|d| d < Duration::from_secs(1)));
    }

    #[test]
    fn decodes_any_text_and_numbers() {
        let t: DateTime = serde_json::from_str("\"not a time\"").unwrap_or_default();
        assert_eq!(t, "not a time");
        let n: DateTime = serde_json::from_str("1546300800").unwrap_or_default();
        assert_eq!(n, "1546300800");
        let json = serde_json::to_string(&DateTime::new("2019-01-01T00:00:00Z")).ok();
        assert_eq!(json.as_deref(), Some("\"2019-01-01T00:00:00Z\""));
        let o: Option<DateTime> = serde_json::from_str("null").unwrap_or_default();
        assert_eq!(o, None);
        assert!(serde_json::from_str::<DateTime>("{}").is_err());
    }
}
