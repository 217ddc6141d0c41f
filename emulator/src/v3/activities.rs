//! Scaling activities as API 3.0 shows them: DescribeAutoScalingActivities over the activities
//! both protocols and the simulation record.

use super::convert::{activity_status, activity_type};
use super::query::{self, count, describe_problem, well_formed};
use crate::domain::activity::{Activity as Record, InstanceResult};
use crate::domain::model::ActivityStatus;
use crate::state::State;
use crate::util::{format_iso, parse_iso};
use qcloud_as::v3::operation::describe_auto_scaling_activities::{
    DescribeAutoScalingActivitiesError as Error, DescribeAutoScalingActivitiesOutput as Output,
    DescribeAutoScalingActivitiesOutputRequired, DescribeAutoScalingActivitiesRequest as Request,
};
use qcloud_as::v3::types::{
    Activity, ActivityInstanceStatus, ActivityRequired, ActivityStatusCode, ActivityType,
    RelatedInstance,
};
use qcloud_as::v3::CommonError;

/// The filters of DescribeAutoScalingActivities.
const FILTERS: &[&str] = &[
    "auto-scaling-group-id",
    "activity-status-code",
    "activity-type",
    "activity-id",
];

/// DescribeAutoScalingActivities. Checks, in order: the ids and filters as
/// DescribeAutoScalingGroups does (`InvalidParameter.Conflict`,
/// `InvalidParameterValue.LimitExceeded`, `InvalidParameterValue.Filter`,
/// `InvalidParameterValue.InvalidFilter`, `LimitExceeded.FilterValuesTooLong`); each id `asa-…`
/// (`InvalidParameterValue.InvalidActivityId`); `StartTime`/`EndTime` `YYYY-MM-DDThh:mm:ssZ`
/// (`InvalidParameterValue`). Activities whose start lies from `StartTime` to `EndTime` (both
/// included; ignored when ids are given) match; the newest come first.
pub(crate) fn describe(state: &State, request: &Request) -> Result<Output, Error> {
    let query = query::check(
        "ActivityIds",
        request.activity_ids.as_deref(),
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
        .find(|id| !well_formed(id, "asa"))
    {
        return Err(Error::invalid_parameter_value_invalid_activity_id(format!(
            "{bad:?} is not an activity id (asa-…)"
        )));
    }
    let mut window = [None, None];
    for (slot, (name, value)) in window.iter_mut().zip([
        ("StartTime", &request.start_time),
        ("EndTime", &request.end_time),
    ]) {
        if let Some(value) = value {
            let value = value.as_str();
            let Some(time) = parse_iso(value) else {
                return Err(CommonError::invalid_parameter_value(format!(
                    "{name}: {value:?} is not a UTC time YYYY-MM-DDThh:mm:ssZ"
                ))
                .into());
            };
            *slot = Some(time);
        }
    }
    let [from, to] = if query.ids.is_some() {
        [None, None]
    } else {
        window
    };
    // Asked for by id (`ActivityIds`, or an `activity-id` filter, which every match passes):
    // only those, found through the index; else every activity.
    let by_id = query
        .ids
        .map(|ids| ids.iter().map(String::as_str).collect::<Vec<_>>())
        .or_else(|| {
            query
                .filters
                .iter()
                .find(|f| f.name == "activity-id")
                .map(|f| f.values.iter().map(String::as_str).collect())
        });
    let candidates: Vec<&Record> = match by_id {
        Some(ids) => state.scaling_activities.with_ids(ids),
        None => state.scaling_activities.iter().collect(),
    };
    let matches: Vec<&Record> = candidates
        .into_iter()
        .rev()
        .filter(|a| {
            from.is_none_or(|from| a.started >= from)
                && to.is_none_or(|to| a.started <= to)
                && query.keeps(&a.id, |name, value| match name {
                    "auto-scaling-group-id" => a.group == value,
                    "activity-status-code" => activity_status(a.status) == value,
                    "activity-type" => activity_type(a.kind) == value,
                    "activity-id" => a.id == value,
                    _ => false,
                })
        })
        .collect();
    let total_count = count(matches.len());
    let set = query
        .page
        .of(matches)
        .into_iter()
        .map(|a| activity_out(state, a))
        .collect();
    Ok(Output::new(DescribeAutoScalingActivitiesOutputRequired {
        total_count,
        activity_set: set,
        request_id: String::new(),
    }))
}

/// A recorded activity as API 3.0 shows it. The instances of one in progress are `RUNNING`
/// until their step ends; `StatusMessage` is the record's message, else a word for its status;
/// `CreatedTime` is its start; `LifecycleActionResultSet` says how each hook's hold ended.
pub(crate) fn activity_out(state: &State, a: &Record) -> Activity {
    let id = &a.id;
    let mut related: Vec<RelatedInstance> = Vec::new();
    let mut add = |ids: &mut dyn Iterator<Item = &str>, status: &str| {
        related.extend(ids.map(|i| {
            RelatedInstance::new(i.to_owned(), ActivityInstanceStatus::from_wire(status))
        }));
    };
    match state.simulation.activity(id) {
        Some(run) => {
            add(&mut run.succeeded.iter().map(String::as_str), "SUCCESSFUL");
            add(&mut run.failed.iter().map(String::as_str), "FAILED");
            add(
                &mut run.instances.iter().map(|s| s.instance_id.as_str()),
                "RUNNING",
            );
        }
        None => {
            add(
                &mut a.instances_with(InstanceResult::Successful),
                "SUCCESSFUL",
            );
            add(&mut a.instances_with(InstanceResult::Failed), "FAILED");
            add(&mut a.instances_with(InstanceResult::Running), "RUNNING");
        }
    }
    let message = a.message.clone().unwrap_or_else(|| {
        match a.status {
            ActivityStatus::Successful => "Success",
            ActivityStatus::PartiallySuccessful => "Partially successful",
            ActivityStatus::Failed => "Failed",
            ActivityStatus::Cancelled => "Cancelled",
            ActivityStatus::Init | ActivityStatus::Running => "",
        }
        .to_owned()
    });
    let start = format_iso(a.started);
    Activity::new(ActivityRequired {
        auto_scaling_group_id: a.group.clone(),
        activity_id: id.clone(),
        activity_type: ActivityType::from_wire(activity_type(a.kind)),
        status_code: ActivityStatusCode::from_wire(activity_status(a.status)),
        status_message_simplified: message.clone(),
        status_message: message,
        description: a.description.clone().unwrap_or_else(|| a.cause.clone()),
        cause: a.cause.clone(),
        end_time: a.ended.map(format_iso).unwrap_or_default().into(),
        created_time: start.clone().into(),
        start_time: start.into(),
        lifecycle_action_result_set: super::lifecycle_view::results(&state.lifecycle_actions, id),
        detailed_status_message_set: Vec::new(),
        invocation_result_set: super::lifecycle_view::invocations(&state.lifecycle_actions, id),
        related_instance_set: related,
    })
}
