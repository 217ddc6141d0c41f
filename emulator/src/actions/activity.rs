//! Scaling activities: DescribeScalingActivity, and how API 2.0 shows the domain's
//! [`Activity`]. (Activities are recorded by the domain's commands, [`crate::domain`], and by
//! the simulation.)

use crate::domain::activity::{Activity, InstanceResult};
use crate::domain::model::{ActivityKind, ActivityStatus as Status};
use crate::state::State;
use crate::util::{format_time, page};
use qcloud_as::operation::describe_scaling_activity::{
    DescribeScalingActivityError, DescribeScalingActivityOutput, DescribeScalingActivityRequest,
};
use qcloud_as::types::{ActivityStatus, ActivityType, ScalingActivity, ScalingActivityRequired};
use qcloud_as::CommonError;

/// API 2.0's type of a kind: it has four (and 10), so Detach, Remove and EnterStandby are all
/// a detach (3); Start and Refresh a scale-out (0), Stop a scale-in (1); ExitStandby and a
/// change of load balancers an attach (2).
pub(crate) fn activity_type(kind: ActivityKind) -> ActivityType {
    match kind {
        ActivityKind::ScaleOut | ActivityKind::Start | ActivityKind::Refresh => {
            ActivityType::ScaleOut
        }
        ActivityKind::ScaleIn | ActivityKind::Stop => ActivityType::ScaleIn,
        ActivityKind::Attach | ActivityKind::ExitStandby | ActivityKind::LoadBalancers => {
            ActivityType::Attach
        }
        ActivityKind::Detach | ActivityKind::Remove | ActivityKind::EnterStandby => {
            ActivityType::Detach
        }
        ActivityKind::ReplaceUnhealthy => ActivityType::ReplaceUnhealthy,
    }
}

/// API 2.0's status (0 to 5) of a status.
fn activity_status(status: Status) -> ActivityStatus {
    match status {
        Status::Init => ActivityStatus::Init,
        Status::Running => ActivityStatus::Running,
        Status::Successful => ActivityStatus::Success,
        Status::PartiallySuccessful => ActivityStatus::PartialSuccess,
        Status::Failed => ActivityStatus::Failed,
        Status::Cancelled => ActivityStatus::Cancelled,
    }
}

/// An activity as API 2.0 shows it: times in Beijing time; once it has ended, its error
/// code and the instances it handled (`succInsList`) and failed on (`failInsList`).
pub(crate) fn wire(a: &Activity) -> ScalingActivity {
    let mut out = ScalingActivity::new(ScalingActivityRequired {
        scaling_activity_id: a.id.clone(),
        auto_scaling_group_id: a.group.clone(),
        activity_type: activity_type(a.kind),
        status: activity_status(a.status),
        start_time: format_time(a.started),
    });
    out.cause = (!a.cause.is_empty()).then(|| a.cause.clone());
    out.description.clone_from(&a.description);
    out.msg.clone_from(&a.message);
    out.end_time = a.ended.map(format_time);
    if a.status.is_final() {
        out.error_code = Some(a.error_code);
        let ids = |result| a.instances_with(result).map(str::to_owned).collect();
        out.succ_ins_list = Some(ids(InstanceResult::Successful));
        out.fail_ins_list = Some(ids(InstanceResult::Failed));
    }
    out
}

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
    // Times of that one form compare as text (a day the month lacks too, as it always has).
    let filtered = request.start_time.is_some() || request.end_time.is_some();
    // Asked for by id: only those, found through the index; else every activity.
    let candidates: Vec<&Activity> = match &request.scaling_activity_ids {
        Some(ids) => state
            .scaling_activities
            .with_ids(ids.iter().map(String::as_str)),
        None => state.scaling_activities.iter().collect(),
    };
    let matches: Vec<&Activity> = candidates
        .into_iter()
        .filter(|a| {
            &a.group == group_id
                && request
                    .scaling_activity_ids
                    .as_ref()
                    .is_none_or(|ids| ids.contains(&a.id))
                && (!filtered || {
                    let started = format_time(a.started);
                    request
                        .start_time
                        .as_ref()
                        .is_none_or(|from| started.as_str() >= from.as_str())
                        && request
                            .end_time
                            .as_ref()
                            .is_none_or(|to| started.as_str() <= to.as_str())
                })
        })
        .collect();
    let total_count = i64::try_from(matches.len()).unwrap_or(i64::MAX);
    let set: Vec<ScalingActivity> = page(
        matches,
        request.offset_or_default(),
        request.limit_or_default(),
    )
    .into_iter()
    .map(wire)
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
