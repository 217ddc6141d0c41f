//! Scaling activities: DescribeScalingActivity. (Activities are recorded by the domain's
//! commands, [`crate::domain`], and by the simulation.)

use crate::state::{ScalingActivity, State};
use crate::util::page;
use qcloud_as::operation::describe_scaling_activity::{
    DescribeScalingActivityError, DescribeScalingActivityOutput, DescribeScalingActivityRequest,
};
use qcloud_as::CommonError;

/// DescribeScalingActivity. Checks, in order: the group exists; `startTime` and `endTime`,
/// when given, are `YYYY-MM-DD hh:mm:ss` (all three `InvalidParameter`, common, naming the
/// parameter: the page lists no business error). Then lists the group's activities in the
/// order they were recorded, filtered by ids and by start time (from `startTime` to `endTime`,
/// both included; a `startTime` after the `endTime` matches nothing); pages with offset and
/// limit; `totalCount` counts every match. Unknown activity ids match nothing.
pub(crate) fn describe(
    state: &State,
    request: &DescribeScalingActivityRequest,
) -> Result<DescribeScalingActivityOutput, DescribeScalingActivityError> {
    let group_id = &request.scaling_group_id;
    if state.group(group_id).is_none() {
        return Err(CommonError::invalid_parameter(format!(
            "scalingGroupId: scaling group {group_id} does not exist"
        ))
        .into());
    }
    for (name, value) in [
        ("startTime", &request.start_time),
        ("endTime", &request.end_time),
    ] {
        if let Some(value) = value {
            if !is_time_text(value) {
                return Err(CommonError::invalid_parameter(format!(
                    "{name}: {value:?} is not a time of the form YYYY-MM-DD hh:mm:ss"
                ))
                .into());
            }
        }
    }
    // Times of that one form compare as text.
    let matches: Vec<&ScalingActivity> = state
        .scaling_activities
        .iter()
        .filter(|a| {
            &a.auto_scaling_group_id == group_id
                && request
                    .scaling_activity_ids
                    .as_ref()
                    .is_none_or(|ids| ids.contains(&a.scaling_activity_id))
                && request
                    .start_time
                    .as_ref()
                    .is_none_or(|from| a.start_time.as_str() >= from.as_str())
                && request
                    .end_time
                    .as_ref()
                    .is_none_or(|to| a.start_time.as_str() <= to.as_str())
        })
        .collect();
    let total_count = i64::try_from(matches.len()).unwrap_or(i64::MAX);
    let set: Vec<ScalingActivity> = page(
        matches,
        request.offset_or_default(),
        request.limit_or_default(),
    )
    .into_iter()
    .cloned()
    .collect();
    Ok(DescribeScalingActivityOutput::new(total_count, set))
}

/// Whether `text` is `YYYY-MM-DD hh:mm:ss`: digits and separators in place, month 1 to 12,
/// day 1 to 31, hour below 24, minute and second below 60.
fn is_time_text(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 19 {
        return false;
    }
    let shape_ok = bytes.iter().enumerate().all(|(i, b)| match i {
        4 | 7 => *b == b'-',
        10 => *b == b' ',
        13 | 16 => *b == b':',
        _ => b.is_ascii_digit(),
    });
    let number = |from: usize, to: usize| text.get(from..to).and_then(|n| n.parse::<u32>().ok());
    shape_ok
        && number(5, 7).is_some_and(|m| (1..=12).contains(&m))
        && number(8, 10).is_some_and(|d| (1..=31).contains(&d))
        && number(11, 13).is_some_and(|h| h < 24)
        && number(14, 16).is_some_and(|m| m < 60)
        && number(17, 19).is_some_and(|s| s < 60)
}
