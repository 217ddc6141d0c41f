//! Small helpers: API time stamps (Beijing time text and back), calendar arithmetic and random
//! ids. The emulator's time itself comes from its virtual clock ([`crate::clock`]).

/// Beijing time (UTC+8), in seconds east of UTC: the zone AS answers write their times in.
pub(crate) const BEIJING_OFFSET_SECS: i64 = 8 * 3600;

/// `YYYY-MM-DD hh:mm:ss` in Beijing time (UTC+8), the form AS answers carry.
pub(crate) fn format_time(unix: u64) -> String {
    let secs = i64::try_from(unix).unwrap_or(i64::MAX / 2) + BEIJING_OFFSET_SECS;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// The Unix time of a `YYYY-MM-DD hh:mm:ss` text in Beijing time, as [`format_time`] writes
/// it; `None` when the text is not such a time (a day the month does not have, hour 24, …) or
/// lies before 1970.
pub(crate) fn parse_time(text: &str) -> Option<u64> {
    u64::try_from(fields_seconds(text)? - BEIJING_OFFSET_SECS).ok()
}

/// The seconds since 1970-01-01 00:00:00 of the fields of a `YYYY-MM-DD hh:mm:ss` text, read
/// in no particular zone; `None` when the text is not such a time.
fn fields_seconds(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    if bytes.len() != 19 {
        return None;
    }
    let shape_ok = bytes.iter().enumerate().all(|(i, b)| match i {
        4 | 7 => *b == b'-',
        10 => *b == b' ',
        13 | 16 => *b == b':',
        _ => b.is_ascii_digit(),
    });
    if !shape_ok {
        return None;
    }
    let number = |from: usize, to: usize| -> i64 {
        bytes[from..to]
            .iter()
            .fold(0, |n, b| n * 10 + i64::from(b - b'0'))
    };
    let (year, month, day) = (number(0, 4), number(5, 7), number(8, 10));
    let (hour, minute, second) = (number(11, 13), number(14, 16), number(17, 19));
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second)
}

/// The number of days of `month` (1 to 12) in `year`.
pub(crate) fn days_in_month(year: i64, month: i64) -> i64 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a calendar day (H. Hinnant's algorithm).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Year, month and day of a day count since 1970-01-01 (H. Hinnant's algorithm).
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `YYYY-MM-DDThh:mm:ssZ` in UTC, the form API 3.0 answers carry.
pub(crate) fn format_iso(unix: u64) -> String {
    let secs = i64::try_from(unix).unwrap_or(i64::MAX / 2);
    let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// The Unix time of a `YYYY-MM-DDThh:mm:ssZ` text (UTC), as [`format_iso`] writes it; `None`
/// for any other text or a time before 1970.
pub(crate) fn parse_iso(text: &str) -> Option<u64> {
    let bytes = text.as_bytes();
    if bytes.len() != 20 || bytes[10] != b'T' || bytes[19] != b'Z' {
        return None;
    }
    let fields = format!("{} {}", text.get(..10)?, text.get(11..19)?);
    u64::try_from(fields_seconds(&fields)?).ok()
}

/// A fresh request id, UUID-shaped (version 4: `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`). When
/// the system gives no randomness, one made from the time and a counter (unique within the
/// process).
pub(crate) fn request_id() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        bytes[..8].copy_from_slice(&nanos.to_be_bytes());
        bytes[8..].copy_from_slice(&NEXT.fetch_add(1, Ordering::Relaxed).to_be_bytes());
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// The items of `items` from `offset`, at most `limit` of them (negative values count as 0).
pub(crate) fn page<T>(items: Vec<T>, offset: i64, limit: i64) -> Vec<T> {
    let offset = usize::try_from(offset).unwrap_or(0);
    let limit = usize::try_from(limit).unwrap_or(0);
    items.into_iter().skip(offset).take(limit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_beijing_time() {
        assert_eq!(format_time(0), "1970-01-01 08:00:00");
        // 2024-02-29 15:59:59 UTC
        assert_eq!(format_time(1_709_222_399), "2024-02-29 23:59:59");
        assert_eq!(format_time(1_709_222_400), "2024-03-01 00:00:00");
    }

    #[test]
    fn parses_what_it_formats() {
        for unix in [
            0,
            1_709_222_399,
            1_709_222_400,
            1_767_225_600,
            4_102_444_800,
        ] {
            assert_eq!(parse_time(&format_time(unix)), Some(unix), "{unix}");
        }
        assert_eq!(parse_time("1970-01-01 08:00:00"), Some(0));
        assert_eq!(parse_time("1970-01-01 07:59:59"), None);
        assert_eq!(parse_time("2025-02-29 08:00:00"), None);
        assert_eq!(parse_time("2026-05-01 24:00:00"), None);
        assert_eq!(parse_time("2026-05-01T08:00:00"), None);
        assert_eq!(parse_time("0000-00-00 00:00:00"), None);
        for days in [-1000, 0, 59, 60, 20_000, 50_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn iso_times() {
        assert_eq!(format_iso(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_iso(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(parse_iso("2023-11-14T22:13:20Z"), Some(1_700_000_000));
        assert_eq!(parse_iso("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_iso("2023-11-14 22:13:20"), None);
        assert_eq!(parse_iso("2023-11-14T22:13:20+08:00"), None);
        assert_eq!(parse_iso("2023-11-14T22:13:2Zé"), None);
    }

    #[test]
    fn request_ids_are_uuid_shaped() {
        let id = request_id();
        assert_eq!(id.len(), 36);
        assert_eq!(id.as_bytes()[14], b'4');
        assert_ne!(id, request_id());
    }

    #[test]
    fn pages() {
        assert_eq!(page(vec![1, 2, 3, 4], 1, 2), vec![2, 3]);
        assert_eq!(page(vec![1, 2], 5, 2), Vec::<i32>::new());
        assert_eq!(page(vec![1, 2], 0, i64::MAX), vec![1, 2]);
    }
}
