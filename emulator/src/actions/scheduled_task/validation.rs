//! Validation of scheduled tasks' values: the times (`YYYY-MM-DD hh:mm:ss`), the crontab
//! recurrence, and the checks every task's values pass whatever the action
//! ([`check_values`]), each failure the common 4000 naming the parameter at fault.

use super::{REPETITION_OFF_END_TIME, REPETITION_OFF_RECURRENCE};
use qcloud_as::CommonError;

/// The common 4000, naming the parameter at fault.
pub(super) fn invalid<E: From<CommonError>>(message: String) -> E {
    E::from(CommonError::invalid_parameter(message))
}

/// Whether `text` is a valid time `YYYY-MM-DD hh:mm:ss` (a real calendar day, year 1 or
/// later, hours 0 to 23, minutes and seconds 0 to 59).
fn is_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 19 {
        return false;
    }
    for (i, b) in bytes.iter().enumerate() {
        let ok = match i {
            4 | 7 => *b == b'-',
            10 => *b == b' ',
            13 | 16 => *b == b':',
            _ => b.is_ascii_digit(),
        };
        if !ok {
            return false;
        }
    }
    let number = |from: usize, to: usize| -> u32 {
        bytes[from..to]
            .iter()
            .fold(0, |n, b| n * 10 + u32::from(b - b'0'))
    };
    let (year, month, day) = (number(0, 4), number(5, 7), number(8, 10));
    let (hour, minute, second) = (number(11, 13), number(14, 16), number(17, 19));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    year >= 1 && (1..=days).contains(&day) && hour <= 23 && minute <= 59 && second <= 59
}

/// Why `text` is not a crontab recurrence, if it is not: five fields (minute, hour, day of
/// the month, month, day of the week), each a comma-separated list of `*`, `n` or `n-m`,
/// optionally with `/step`, within the field's range; the minute and hour fields cannot use
/// `*`.
fn recurrence_problem(text: &str) -> Option<String> {
    const FIELDS: [(&str, u32, u32); 5] = [
        ("minute", 0, 59),
        ("hour", 0, 23),
        ("day of the month", 1, 31),
        ("month", 1, 12),
        ("day of the week", 0, 7),
    ];
    let fields: Vec<&str> = text.split_whitespace().collect();
    if fields.len() != FIELDS.len() {
        return Some(format!(
            "recurrence: {text:?} is not a crontab line of 5 fields (minute hour \
             day-of-month month day-of-week)"
        ));
    }
    for (field, (what, low, high)) in fields.iter().zip(FIELDS) {
        if (what == "minute" || what == "hour") && field.contains('*') {
            return Some(format!(
                "recurrence: the {what} field cannot be `*` ({text:?})"
            ));
        }
        let number = |s: &str| s.parse::<u32>().ok().filter(|n| (low..=high).contains(n));
        let valid = field.split(',').all(|part| {
            let (base, step) = match part.split_once('/') {
                Some((base, step)) => (base, Some(step)),
                None => (part, None),
            };
            let step_ok = step.is_none_or(|s| s.parse::<u32>().is_ok_and(|n| n >= 1));
            let base_ok = base == "*"
                || match base.split_once('-') {
                    Some((a, b)) => matches!((number(a), number(b)), (Some(a), Some(b)) if a <= b),
                    None => number(base).is_some(),
                };
            step_ok && base_ok
        });
        if !valid {
            return Some(format!(
                "recurrence: the {what} field {field:?} is not `*`, n or n-m (with an optional \
                 /step) within {low} to {high}"
            ));
        }
    }
    None
}

/// A task's values once created or modified, checked by [`check_values`].
pub(super) struct Values<'a> {
    pub(super) name: &'a str,
    pub(super) max_size: i64,
    pub(super) min_size: i64,
    pub(super) desired_capacity: Option<i64>,
    pub(super) start_time: &'a str,
    pub(super) end_time: Option<&'a str>,
    pub(super) recurrence: Option<&'a str>,
}

/// The checks every task's values pass, whatever the action (each failure is the common 4000
/// naming the parameter): the name is not blank; `startTime` is a time; a repeating task's
/// `endTime` is a time later than `startTime` and its `recurrence` a crontab line;
/// `readjustMinSize ≤ readjustMaxSize`; a desired capacity lies between them. A task whose
/// repetition was turned off (the two sentinel values) passes.
pub(super) fn check_values<E: From<CommonError>>(values: &Values<'_>) -> Result<(), E> {
    if values.name.trim().is_empty() {
        return Err(invalid(
            "scalingScheduledTaskName: must not be empty".to_owned(),
        ));
    }
    if !is_time(values.start_time) {
        return Err(invalid(format!(
            "startTime: {:?} is not a time `YYYY-MM-DD hh:mm:ss`",
            values.start_time
        )));
    }
    let off = values.end_time == Some(REPETITION_OFF_END_TIME)
        && values.recurrence == Some(REPETITION_OFF_RECURRENCE);
    if !off {
        if let Some(end_time) = values.end_time {
            if !is_time(end_time) {
                return Err(invalid(format!(
                    "endTime: {end_time:?} is not a time `YYYY-MM-DD hh:mm:ss`"
                )));
            }
            // The fixed-width form orders like the times it writes.
            if end_time <= values.start_time {
                return Err(invalid(format!(
                    "endTime: {end_time} is not later than startTime {}",
                    values.start_time
                )));
            }
        }
        if let Some(problem) = values.recurrence.and_then(recurrence_problem) {
            return Err(invalid(problem));
        }
    }
    if values.min_size > values.max_size {
        return Err(invalid(format!(
            "readjustMinSize: {} is greater than readjustMaxSize {}",
            values.min_size, values.max_size
        )));
    }
    if let Some(desired) = values.desired_capacity {
        if !(values.min_size..=values.max_size).contains(&desired) {
            return Err(invalid(format!(
                "readjustDesiredCapacity: {desired} is outside readjustMinSize {} to \
                 readjustMaxSize {}",
                values.min_size, values.max_size
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_checked_to_the_calendar() {
        assert!(is_time("2026-05-01 08:00:00"));
        assert!(is_time("2024-02-29 23:59:59"));
        assert!(!is_time("2025-02-29 08:00:00"));
        assert!(!is_time("2026-13-01 08:00:00"));
        assert!(!is_time("2026-05-01 24:00:00"));
        assert!(!is_time("2026-05-01T08:00:00"));
        assert!(!is_time("2026-5-1 08:00:00"));
        assert!(!is_time(REPETITION_OFF_END_TIME));
    }

    #[test]
    fn recurrences_are_crontab_lines() {
        assert_eq!(recurrence_problem("0 8 * * *"), None);
        assert_eq!(recurrence_problem("30 8,20 1-15/2 * 1-5"), None);
        assert!(recurrence_problem("* 8 * * *").is_some());
        assert!(recurrence_problem("0 */2 * * *").is_some());
        assert!(recurrence_problem("0 8 * *").is_some());
        assert!(recurrence_problem("60 8 * * *").is_some());
        assert!(recurrence_problem("0 8 0 * *").is_some());
        assert!(recurrence_problem("0 8 5-1 * *").is_some());
        assert!(recurrence_problem("0 8 * * mon").is_some());
        assert!(recurrence_problem(REPETITION_OFF_RECURRENCE).is_some());
    }
}
