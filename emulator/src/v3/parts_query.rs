//! What the API 3.0 adapters of scheduled actions, lifecycle hooks and notifications share:
//! the answer to a refused Describe query, the id forms, and Beijing-time answers.

use super::query::{well_formed, Problem};
use qcloud_as::shape::DateTime;
use qcloud_as::v3::CommonError;

/// Beijing time's offset, minutes: the zone scheduled actions' times are written in.
const BEIJING_MINUTES: i32 = 8 * 60;

/// The answer to a refused Describe query: ids with filters by `conflict`, an unknown filter
/// by `unknown`, a filter with no value by `no_value`; the rest (too many ids, filters or
/// values, a bad `Offset`/`Limit`) the common `InvalidParameterValue`.
pub(crate) fn problem<E: From<CommonError>>(
    p: Problem,
    conflict: impl FnOnce(String) -> E,
    unknown: impl FnOnce(String) -> E,
    no_value: impl FnOnce(String) -> E,
) -> E {
    let message = p.message();
    match p {
        Problem::Conflict(_) => conflict(message),
        Problem::UnknownFilter(_) => unknown(message),
        Problem::NoValues(_) => no_value(message),
        _ => CommonError::invalid_parameter_value(message).into(),
    }
}

/// Whether `id` is a well-formed hook id: `ash-…`, or `lfh-…` for a hook made through API 2.0.
pub(crate) fn hook_id(id: &str) -> bool {
    well_formed(id, "ash") || well_formed(id, "lfh")
}

/// The first of `ids` that is not of the form `check` accepts.
pub(crate) fn malformed(ids: Option<&[String]>, check: impl Fn(&str) -> bool) -> Option<&str> {
    ids.into_iter()
        .flatten()
        .map(String::as_str)
        .find(|id| !check(id))
}

/// The `auto-scaling-group-id` filter's first value that is not `asg-…`.
pub(crate) fn malformed_group_filter(filters: &[qcloud_as::v3::types::Filter]) -> Option<&str> {
    filters
        .iter()
        .filter(|f| f.name == "auto-scaling-group-id")
        .flat_map(|f| &f.values)
        .map(String::as_str)
        .find(|v| !well_formed(v, "asg"))
}

/// A Unix time in Beijing time (`YYYY-MM-DDThh:mm:ss+08:00`).
pub(crate) fn beijing(seconds: u64) -> DateTime {
    DateTime::at_offset(i64::try_from(seconds).unwrap_or(i64::MAX), BEIJING_MINUTES)
}

/// A Unix time in UTC (`YYYY-MM-DDThh:mm:ssZ`).
pub(crate) fn utc(seconds: u64) -> DateTime {
    DateTime::from_unix_seconds(i64::try_from(seconds).unwrap_or(i64::MAX))
}

/// The Unix time of a time parameter named `name`, or the message saying it is not one (or
/// lies before 1970).
pub(crate) fn seconds(name: &str, time: &DateTime) -> Result<u64, String> {
    time.unix_seconds()
        .and_then(|s| u64::try_from(s).ok())
        .ok_or_else(|| {
            format!(
                "{name}: {:?} is not a time YYYY-MM-DDThh:mm:ss+08:00",
                time.as_str()
            )
        })
}
