//! Instance refreshes as API 3.0 shows them: DescribeRefreshActivities over the domain's
//! [`Refresh`] records.

use super::query::{self, count, describe_problem, well_formed};
use crate::domain::model::RefreshStatus;
use crate::domain::refresh::{
    BatchPause, FailProcess, Refresh, RefreshBatch, RefreshInstance, RefreshKind, RefreshMode,
    StepStatus,
};
use crate::state::State;
use crate::util::format_iso;
use qcloud_as::v3::operation::describe_refresh_activities::{
    DescribeRefreshActivitiesError as Error, DescribeRefreshActivitiesOutput as Output,
    DescribeRefreshActivitiesOutputRequired, DescribeRefreshActivitiesRequest as Request,
};
use qcloud_as::v3::types as wire;
use qcloud_as::v3::CommonError;

/// The filters of DescribeRefreshActivities.
const FILTERS: &[&str] = &[
    "auto-scaling-group-id",
    "refresh-activity-status-code",
    "refresh-activity-type",
    "refresh-activity-id",
];

/// DescribeRefreshActivities. Checks, in order: the ids and filters as the other Describe
/// actions do (`InvalidParameter.Conflict`, `InvalidParameterValue.LimitExceeded`,
/// `InvalidParameterValue.Filter`, `InvalidParameterValue.InvalidFilter`,
/// `LimitExceeded.FilterValuesTooLong`); each id `asr-…` (`InvalidParameterValue`); an
/// `auto-scaling-group-id` value `asg-…` (`InvalidParameterValue.InvalidAutoScalingGroupId`).
/// The newest refresh comes first; `TotalCount` counts every match.
pub(crate) fn describe(state: &State, request: &Request) -> Result<Output, Error> {
    let query = query::check(
        "RefreshActivityIds",
        request.refresh_activity_ids.as_deref(),
        request.filters.as_deref(),
        request.offset,
        request.limit,
        FILTERS,
    )
    .map_err(describe_problem!(Error))?;
    if let Some(bad) = query
        .ids
        .into_iter()
        .flatten()
        .find(|id| !well_formed(id, "asr"))
    {
        return Err(CommonError::invalid_parameter_value(format!(
            "RefreshActivityIds: {bad:?} is not a refresh activity id (asr-…)"
        ))
        .into());
    }
    if let Some(bad) = query
        .filters
        .iter()
        .filter(|f| f.name == "auto-scaling-group-id")
        .flat_map(|f| &f.values)
        .find(|v| !well_formed(v, "asg"))
    {
        return Err(
            Error::invalid_parameter_value_invalid_auto_scaling_group_id(format!(
                "auto-scaling-group-id: {bad:?} is not a scaling group id (asg-…)"
            )),
        );
    }
    let matches: Vec<&Refresh> = state
        .refreshes
        .iter()
        .rev()
        .filter(|r| {
            query.keeps(&r.refresh_id, |name, value| match name {
                "auto-scaling-group-id" => r.group_id == value,
                "refresh-activity-status-code" => status(r.status).as_str() == value,
                "refresh-activity-type" => kind(r.kind).as_str() == value,
                "refresh-activity-id" => r.refresh_id == value,
                _ => false,
            })
        })
        .collect();
    let total_count = count(matches.len());
    let set = query
        .page
        .of(matches)
        .into_iter()
        .map(refresh_out)
        .collect();
    Ok(Output::new(DescribeRefreshActivitiesOutputRequired {
        total_count,
        refresh_activity_set: set,
        request_id: String::new(),
    }))
}

fn status(s: RefreshStatus) -> wire::RefreshActivityStatus {
    match s {
        RefreshStatus::Init => wire::RefreshActivityStatus::Init,
        RefreshStatus::Running => wire::RefreshActivityStatus::Running,
        RefreshStatus::FailedPause => wire::RefreshActivityStatus::FailedPause,
        RefreshStatus::AutoPause => wire::RefreshActivityStatus::AutoPause,
        RefreshStatus::ManualPause => wire::RefreshActivityStatus::ManualPause,
        RefreshStatus::Successful => wire::RefreshActivityStatus::Successful,
        RefreshStatus::Cancelled => wire::RefreshActivityStatus::Cancelled,
        RefreshStatus::Failed => wire::RefreshActivityStatus::Failed,
    }
}

fn kind(k: RefreshKind) -> wire::RefreshActivityType {
    match k {
        RefreshKind::Normal => wire::RefreshActivityType::Normal,
        RefreshKind::Rollback => wire::RefreshActivityType::Rollback,
    }
}

fn batch_status(s: StepStatus) -> wire::RefreshBatchStatus {
    match s {
        StepStatus::Waiting => wire::RefreshBatchStatus::Waiting,
        StepStatus::Running => wire::RefreshBatchStatus::Running,
        StepStatus::Successful | StepStatus::NotFound => wire::RefreshBatchStatus::Successful,
        StepStatus::PartiallySuccessful => wire::RefreshBatchStatus::PartiallySuccessful,
        StepStatus::Failed => wire::RefreshBatchStatus::Failed,
        StepStatus::Cancelled => wire::RefreshBatchStatus::Cancelled,
    }
}

fn instance_status(s: StepStatus) -> wire::RefreshInstanceStatus {
    match s {
        StepStatus::Waiting => wire::RefreshInstanceStatus::Waiting,
        StepStatus::Running => wire::RefreshInstanceStatus::Running,
        StepStatus::Successful | StepStatus::PartiallySuccessful => {
            wire::RefreshInstanceStatus::Successful
        }
        StepStatus::Failed => wire::RefreshInstanceStatus::Failed,
        StepStatus::Cancelled => wire::RefreshInstanceStatus::Cancelled,
        StepStatus::NotFound => wire::RefreshInstanceStatus::NotFound,
    }
}

fn instance_out(i: &RefreshInstance) -> wire::RefreshBatchRelatedInstance {
    wire::RefreshBatchRelatedInstance::new(wire::RefreshBatchRelatedInstanceRequired {
        instance_id: i.instance_id.clone(),
        instance_status: instance_status(i.status),
        last_activity_id: i.activity.clone().unwrap_or_default(),
        instance_status_message: i.message.clone(),
    })
}

fn batch_out(number: usize, b: &RefreshBatch) -> wire::RefreshBatch {
    let mut out = wire::RefreshBatch::new(wire::RefreshBatchRequired {
        refresh_batch_num: count(number),
        refresh_batch_status: batch_status(b.status),
        refresh_batch_related_instance_set: b.instances.iter().map(instance_out).collect(),
    });
    out.start_time = b.started.map(|t| format_iso(t).into());
    out.end_time = b.ended.map(|t| format_iso(t).into());
    out
}

/// The settings as the wire shows them (every one, defaults included).
fn settings_out(r: &Refresh) -> wire::RefreshSettings {
    let s = &r.settings;
    let rolling = wire::RollingUpdateSettings::new(i64::try_from(s.batch_number).unwrap_or(0))
        .batch_pause(match s.batch_pause {
            BatchPause::Automatic => wire::RefreshBatchPause::Automatic,
            BatchPause::FirstBatch => wire::RefreshBatchPause::FirstBatchPause,
            BatchPause::EveryBatch => wire::RefreshBatchPause::BatchIntervalPause,
        })
        .max_surge(i64::try_from(s.max_surge).unwrap_or(0))
        .fail_process(match s.fail_process {
            FailProcess::Pause => wire::FailProcess::AutoPause,
            FailProcess::Rollback => wire::FailProcess::AutoRollback,
            FailProcess::Cancel => wire::FailProcess::AutoCancel,
        });
    wire::RefreshSettings::new()
        .rolling_update_settings(rolling)
        .check_instance_target_health(s.check_target_health)
        .check_instance_target_health_timeout(
            i64::try_from(s.check_target_health_timeout).unwrap_or(0),
        )
}

/// A refresh as DescribeRefreshActivities answers it.
pub(crate) fn refresh_out(r: &Refresh) -> wire::RefreshActivity {
    let mut out = wire::RefreshActivity::new(wire::RefreshActivityRequired {
        auto_scaling_group_id: r.group_id.clone(),
        refresh_activity_id: r.refresh_id.clone(),
        origin_refresh_activity_id: r.origin.clone().unwrap_or_default(),
        refresh_batch_set: r
            .batches
            .iter()
            .enumerate()
            .map(|(i, b)| batch_out(i + 1, b))
            .collect(),
        refresh_mode: match r.mode {
            RefreshMode::Reset => wire::RefreshMode::RollingUpdateReset,
            RefreshMode::Replace => wire::RefreshMode::RollingUpdateReplace,
        },
        refresh_settings: settings_out(r),
        activity_type: kind(r.kind),
        status: status(r.status),
        current_refresh_batch_num: count(r.current_batch),
        created_time: format_iso(r.created).into(),
    });
    out.start_time = r.started.map(|t| format_iso(t).into());
    out.end_time = r.ended.map(|t| format_iso(t).into());
    out
}
