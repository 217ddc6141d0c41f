//! Small helpers: the clock, API time stamps and random ids.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch (0 if the clock is before it).
pub(crate) fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// `YYYY-MM-DD hh:mm:ss` in Beijing time (UTC+8), the form AS answers carry.
pub(crate) fn format_time(unix: u64) -> String {
    let secs = i64::try_from(unix).unwrap_or(i64::MAX / 2) + 8 * 3600;
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

/// The current time as [`format_time`] writes it.
pub(crate) fn now_text() -> String {
    format_time(unix_now())
}

/// Year, month and day of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
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

/// `prefix` + `-` + 8 random lower-case alphanumerics, e.g. `asg-d4hmoms6`.
pub(crate) fn random_id(prefix: &str) -> Result<String, getrandom::Error> {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes)?;
    let mut id = String::with_capacity(prefix.len() + 9);
    id.push_str(prefix);
    id.push('-');
    for b in bytes {
        id.push(char::from(ALPHABET[usize::from(b) % ALPHABET.len()]));
    }
    Ok(id)
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
    fn ids_have_the_api_shape() {
        let id = random_id("asg").unwrap_or_default();
        assert_eq!(id.len(), 12);
        assert!(id.starts_with("asg-"));
        assert!(id[4..]
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    }

    #[test]
    fn pages() {
        assert_eq!(page(vec![1, 2, 3, 4], 1, 2), vec![2, 3]);
        assert_eq!(page(vec![1, 2], 5, 2), Vec::<i32>::new());
        assert_eq!(page(vec![1, 2], 0, i64::MAX), vec![1, 2]);
    }
}
