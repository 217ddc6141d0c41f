//! The crontab lines of scheduled actions (`Recurrence`, API 2.0 `recurrence`), as both
//! protocols' pages describe them: five fields, the minute and hour never `*`.

/// Why `text` is not a crontab recurrence, if it is not: five fields (minute, hour, day of
/// the month, month, day of the week), each a comma-separated list of `*`, `n` or `n-m`,
/// optionally with `/step`, within the field's range; the minute and hour fields cannot use
/// `*`.
pub fn recurrence_problem(text: &str) -> Option<String> {
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
            "{text:?} is not a crontab line of 5 fields (minute hour day-of-month month \
             day-of-week)"
        ));
    }
    for (field, (what, low, high)) in fields.iter().zip(FIELDS) {
        if (what == "minute" || what == "hour") && field.contains('*') {
            return Some(format!("the {what} field cannot be `*` ({text:?})"));
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
                "the {what} field {field:?} is not `*`, n or n-m (with an optional /step) \
                 within {low} to {high}"
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(recurrence_problem("* * * * *").is_some());
    }
}
