//! Scheduled tasks: CreateScheduledTask, DescribeScheduledTask, ModifyScheduledTask,
//! DeleteScheduledTask, through the domain's scheduled actions
//! ([`crate::domain::schedules`], shared with API 3.0's scheduled actions).
//!
//! The adapter reads and writes times as `YYYY-MM-DD hh:mm:ss` in Beijing time; the domain
//! keeps Unix seconds. The simulation runs the actions at their times on the virtual clock
//! (`crate::sim`). Task ids are `asst-` and 8 characters: the API 2.0 pages show no task id,
//! and `asst-` is the prefix API 3.0 gives scheduled actions.

use crate::domain::error::ScheduleField;
use crate::domain::parts;
use crate::domain::schedules::{self, ActionChange, ActionValues, ScheduledAction};
use crate::domain::DomainError;
use crate::state::State;
use crate::util::{format_time, page, parse_time};
use qcloud_as::operation::create_scheduled_task::{
    CreateScheduledTaskError, CreateScheduledTaskOutput, CreateScheduledTaskRequest,
};
use qcloud_as::operation::delete_scheduled_task::{
    DeleteScheduledTaskError, DeleteScheduledTaskOutput, DeleteScheduledTaskRequest,
};
use qcloud_as::operation::describe_scheduled_task::{
    DescribeScheduledTaskError, DescribeScheduledTaskOutput, DescribeScheduledTaskRequest,
};
use qcloud_as::operation::modify_scheduled_task::{
    ModifyScheduledTaskError, ModifyScheduledTaskOutput, ModifyScheduledTaskRequest,
};
use qcloud_as::types::{ScheduledTask, ScheduledTaskRequired};
use qcloud_as::CommonError;

/// The `endTime` that, with [`REPETITION_OFF_RECURRENCE`], turns a task's repetition off
/// (ModifyScheduledTask).
pub(crate) const REPETITION_OFF_END_TIME: &str = "0000-00-00 00:00:00";

/// The `recurrence` that, with [`REPETITION_OFF_END_TIME`], turns a task's repetition off.
pub(crate) const REPETITION_OFF_RECURRENCE: &str = "* * * * *";

/// The common 4000, naming the parameter at fault.
fn invalid<E: From<CommonError>>(message: String) -> E {
    E::from(CommonError::invalid_parameter(message))
}

/// The API 2.0 name of a value.
fn parameter(field: ScheduleField) -> &'static str {
    match field {
        ScheduleField::Name => "scalingScheduledTaskName",
        ScheduleField::MinSize => "readjustMinSize",
        ScheduleField::MaxSize => "readjustMaxSize",
        ScheduleField::DesiredCapacity => "readjustDesiredCapacity",
        ScheduleField::StartTime => "startTime",
        ScheduleField::EndTime => "endTime",
        ScheduleField::Recurrence => "recurrence",
    }
}

/// The message of a refusal, starting with the parameter at fault.
fn message(e: &DomainError) -> String {
    let field = match e {
        DomainError::GroupNotFound { .. } => "scalingGroupId",
        DomainError::ScheduleInvalid { field, .. } => parameter(*field),
        DomainError::ScheduleIncomplete { missing, .. } => parameter(*missing),
        DomainError::ScheduleEndNotAfterStart { .. } => "endTime",
        DomainError::ScheduleRecurrenceInvalid { .. } => "recurrence",
        DomainError::ScheduledActionNameTaken { .. } => "scalingScheduledTaskName",
        DomainError::ScheduledActionStartTaken { .. } => "startTime",
        DomainError::ScheduledActionNotFound { .. } => "scalingScheduledTaskId",
        _ => "scalingGroupId",
    };
    format!("{field}: {e}")
}

/// The Unix time of a time parameter, or the common 4000 naming it.
fn time<E: From<CommonError>>(name: &str, text: &str) -> Result<u64, E> {
    parse_time(text).ok_or_else(|| {
        invalid(format!(
            "{name}: {text:?} is not a time `YYYY-MM-DD hh:mm:ss`"
        ))
    })
}

/// A stored action as DescribeScheduledTask shows it (a task whose repetition was turned off
/// shows the two values that did it).
fn task_out(a: &ScheduledAction) -> ScheduledTask {
    let mut task = ScheduledTask::new(ScheduledTaskRequired {
        scaling_scheduled_task_id: a.id.clone(),
        scaling_scheduled_task_name: a.name.clone(),
        readjust_max_size: a.max_size,
        readjust_min_size: a.min_size,
        start_time: format_time(a.start_time),
    })
    .create_time(format_time(a.created_time));
    task.readjust_desired_capacity = a.desired_capacity;
    if a.repetition_off {
        task.end_time = Some(REPETITION_OFF_END_TIME.to_owned());
        task.recurrence = Some(REPETITION_OFF_RECURRENCE.to_owned());
    } else {
        task.end_time = a.end_time.map(format_time);
        task.recurrence = a.recurrence.clone();
    }
    task
}

/// CreateScheduledTask's answer to a refusal of the domain.
pub(crate) fn create_error(e: DomainError) -> CreateScheduledTaskError {
    let m = message(&e);
    match e {
        DomainError::ScheduleIncomplete { .. } => {
            CreateScheduledTaskError::invalid_parameter_endtime_and_recurrence(m)
        }
        DomainError::ScheduledActionNameTaken { .. } => {
            CreateScheduledTaskError::name_duplicate_scheduled_task(m)
        }
        DomainError::ScheduledActionStartTaken { .. } => {
            CreateScheduledTaskError::invalid_schedule_task_time_conflict(m)
        }
        DomainError::QuotaExceeded { .. } => {
            CreateScheduledTaskError::quota_exceeded_scheduled_task(e.to_string())
        }
        DomainError::NoRandomness(_) => CommonError::internal_error(m).into(),
        _ => invalid(m),
    }
}

/// CreateScheduledTask, through [`schedules::create`]. Checks, in order:
/// 1. the group exists, else the common `InvalidParameter` naming `scalingGroupId`;
/// 2. `endTime` and `recurrence` are both given or both left out, else
///    `InvalidParameter.EndtimeAndRecurrence`;
/// 3. the values hold, else the common `InvalidParameter` naming the parameter: the name is not
///    blank; `startTime` (and `endTime`) are `YYYY-MM-DD hh:mm:ss`, `endTime` later than
///    `startTime`; `recurrence` is a 5-field crontab line whose minute and hour are not `*`;
///    `readjustMinSize ≤ readjustMaxSize`; `readjustDesiredCapacity`, when given, between them;
/// 4. no task of the group has the name, else `NameDuplicate.ScheduledTask`;
/// 5. no task of the group starts at the same `startTime`, else
///    `InvalidScheduleTask.TimeConflict`;
/// 6. the group has fewer than 10 tasks, else `QuotaExceeded.ScheduledTask`.
///
/// Then the task is stored with a new `asst-…` id and the creation time; the answer holds the
/// id in `scalingScheduleTaskId` (a list, as the page shows). The simulation runs it from its
/// start time on.
pub(crate) fn create(
    state: &mut State,
    request: &CreateScheduledTaskRequest,
    now: u64,
) -> Result<CreateScheduledTaskOutput, CreateScheduledTaskError> {
    let group = &request.scaling_group_id;
    if state.group(group).is_none() {
        return Err(create_error(DomainError::GroupNotFound {
            group: group.clone(),
        }));
    }
    if request.end_time.is_some() != request.recurrence.is_some() {
        let (given, missing) = if request.end_time.is_some() {
            (ScheduleField::EndTime, ScheduleField::Recurrence)
        } else {
            (ScheduleField::Recurrence, ScheduleField::EndTime)
        };
        return Err(create_error(DomainError::ScheduleIncomplete {
            given,
            missing,
        }));
    }
    if request.scaling_scheduled_task_name.trim().is_empty() {
        return Err(invalid(
            "scalingScheduledTaskName: must not be empty".to_owned(),
        ));
    }
    let start_time = time::<CreateScheduledTaskError>("startTime", &request.start_time)?;
    let end_time = match &request.end_time {
        Some(end) => Some(time::<CreateScheduledTaskError>("endTime", end)?),
        None => None,
    };
    let values = ActionValues {
        name: request.scaling_scheduled_task_name.clone(),
        min_size: request.readjust_min_size,
        max_size: request.readjust_max_size,
        desired_capacity: request.readjust_desired_capacity,
        start_time,
        end_time,
        recurrence: request.recurrence.clone(),
        repetition_off: false,
        keep_desired_capacity: false,
    };
    let id = schedules::create(state, group, values, now).map_err(create_error)?;
    Ok(CreateScheduledTaskOutput::new([id]))
}

/// DescribeScheduledTask: the group must exist (else the common `InvalidParameter` naming
/// `scalingGroupId`); its tasks ([`parts::list`]) filtered by task ids and name, paged
/// with offset and limit; `totalCount` counts every match. The list goes out as
/// `scalingScheduleTaskSet` (the service's spelling).
pub(crate) fn describe(
    state: &State,
    request: &DescribeScheduledTaskRequest,
) -> Result<DescribeScheduledTaskOutput, DescribeScheduledTaskError> {
    let listed = parts::list::<ScheduledAction>(state, Some(&request.scaling_group_id))
        .map_err(|e| invalid::<DescribeScheduledTaskError>(message(&e)))?;
    let matches: Vec<&ScheduledAction> = listed
        .iter()
        .map(|(_, a)| a)
        .filter(|a| {
            request
                .scaling_scheduled_task_ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&a.id))
                && request
                    .scaling_scheduled_task_name
                    .as_ref()
                    .is_none_or(|n| n == &a.name)
        })
        .collect();
    let total_count = i64::try_from(matches.len()).unwrap_or(i64::MAX);
    let tasks: Vec<ScheduledTask> = page(
        matches,
        request.offset_or_default(),
        request.limit_or_default(),
    )
    .into_iter()
    .map(task_out)
    .collect();
    Ok(DescribeScheduledTaskOutput::new(total_count, tasks))
}

/// ModifyScheduledTask's answer to a refusal of the domain.
pub(crate) fn modify_error(e: DomainError) -> ModifyScheduledTaskError {
    let m = message(&e);
    match e {
        DomainError::ScheduledActionNotFound { .. } => {
            ModifyScheduledTaskError::invalid_scheduled_task_not_exist(m)
        }
        DomainError::ScheduleIncomplete { missing, .. } => {
            let missing = parameter(missing);
            invalid(format!(
                "{missing}: the task would repeat without {missing}; give endTime and \
                 recurrence together"
            ))
        }
        DomainError::ScheduledActionNameTaken { .. } => {
            ModifyScheduledTaskError::name_duplicate_scheduled_task(m)
        }
        DomainError::ScheduledActionStartTaken { .. } => {
            ModifyScheduledTaskError::invalid_schedule_task_time_conflict(m)
        }
        _ => invalid(m),
    }
}

/// ModifyScheduledTask, through [`schedules::modify`]. Checks, in order:
/// 1. a given `scalingGroupId` names a group, else the common `InvalidParameter` naming it;
/// 2. the task exists (in that group, when one is given; in any group otherwise), else
///    `InvalidScheduledTask.NotExist`;
/// 3. `endTime` `0000-00-00 00:00:00` and `recurrence` `* * * * *`, which turn repetition
///    off, are given together, else the common `InvalidParameter` naming the one given;
/// 4. the task as changed (each value the given one or else the task's) has both `endTime`
///    and `recurrence` or neither (a task turned off counts as having neither), else the
///    common `InvalidParameter` naming the missing one;
/// 5. its values hold as in [`create`], else the common `InvalidParameter` naming the
///    parameter;
/// 6. no other task of the group has the new name, else `NameDuplicate.ScheduledTask`;
/// 7. no other task of the group starts at the new `startTime`, else
///    `InvalidScheduleTask.TimeConflict`.
///
/// Then the values given replace the task's; turning repetition off is kept, and
/// DescribeScheduledTask shows the two values that did it.
pub(crate) fn modify(
    state: &mut State,
    request: &ModifyScheduledTaskRequest,
) -> Result<ModifyScheduledTaskOutput, ModifyScheduledTaskError> {
    let task_id = &request.scaling_scheduled_task_id;
    let group = request.scaling_group_id.as_deref();
    schedules::locate(state, group, task_id).map_err(modify_error)?;
    let off_end = request.end_time.as_deref() == Some(REPETITION_OFF_END_TIME);
    let off_recurrence = request.recurrence.as_deref() == Some(REPETITION_OFF_RECURRENCE);
    if off_end != off_recurrence {
        return Err(invalid(if off_end {
            format!(
                "endTime: {REPETITION_OFF_END_TIME} turns repetition off only with recurrence \
                 {REPETITION_OFF_RECURRENCE:?}"
            )
        } else {
            format!(
                "recurrence: {REPETITION_OFF_RECURRENCE:?} turns repetition off only with \
                 endTime {REPETITION_OFF_END_TIME}"
            )
        }));
    }
    let off = off_end && off_recurrence;
    if let Some(name) = &request.scaling_scheduled_task_name {
        if name.trim().is_empty() {
            return Err(invalid(
                "scalingScheduledTaskName: must not be empty".to_owned(),
            ));
        }
    }
    let start_time = match &request.start_time {
        Some(start) => Some(time::<ModifyScheduledTaskError>("startTime", start)?),
        None => None,
    };
    let end_time = match &request.end_time {
        Some(end) if !off => Some(time::<ModifyScheduledTaskError>("endTime", end)?),
        _ => None,
    };
    let change = ActionChange {
        name: request.scaling_scheduled_task_name.clone(),
        min_size: request.readjust_min_size,
        max_size: request.readjust_max_size,
        desired_capacity: request.readjust_desired_capacity,
        start_time,
        end_time,
        recurrence: request.recurrence.clone().filter(|_| !off),
        turn_off_repetition: off,
        keep_desired_capacity: None,
    };
    schedules::modify(state, group, task_id, change).map_err(modify_error)?;
    Ok(ModifyScheduledTaskOutput::new())
}

/// DeleteScheduledTask's answer to a refusal of the domain: the common `InvalidParameter`
/// naming the parameter (the page lists no business error).
pub(crate) fn delete_error(e: DomainError) -> DeleteScheduledTaskError {
    invalid(message(&e))
}

/// DeleteScheduledTask, through [`schedules::delete`]. Checks, in order: the group exists
/// (else the common `InvalidParameter` naming `scalingGroupId`); the task is in the group
/// (else the common `InvalidParameter` naming `scalingScheduledTaskId`). Then the task is
/// removed.
pub(crate) fn delete(
    state: &mut State,
    request: &DeleteScheduledTaskRequest,
) -> Result<DeleteScheduledTaskOutput, DeleteScheduledTaskError> {
    schedules::delete(
        state,
        Some(&request.scaling_group_id),
        &request.scaling_scheduled_task_id,
    )
    .map_err(delete_error)?;
    Ok(DeleteScheduledTaskOutput::new())
}
