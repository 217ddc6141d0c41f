//! Scheduled tasks: CreateScheduledTask, DescribeScheduledTask, ModifyScheduledTask,
//! DeleteScheduledTask.
//!
//! Tasks are stored per group ([`ScalingGroup::scheduled_tasks`](crate::state::ScalingGroup))
//! as DescribeScheduledTask answers them; the simulation runs them at their times on the
//! virtual clock (`crate::sim`). Task ids are `asst-` and 8
//! characters: the API 2.0 pages show no task id, and `asst-` is the prefix API 3.0 gives
//! scheduled actions.

mod validation;

use super::unique_id;
use crate::domain::Quota;
use crate::state::{ScalingGroup, ScheduledTask, State};
use crate::util::{format_time, page};
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
use qcloud_as::types::ScheduledTaskRequired;
use qcloud_as::CommonError;
use validation::{check_values, invalid, Values};

/// The `endTime` that, with [`REPETITION_OFF_RECURRENCE`], turns a task's repetition off
/// (ModifyScheduledTask).
pub(crate) const REPETITION_OFF_END_TIME: &str = "0000-00-00 00:00:00";

/// The `recurrence` that, with [`REPETITION_OFF_END_TIME`], turns a task's repetition off.
pub(crate) const REPETITION_OFF_RECURRENCE: &str = "* * * * *";

/// The index of the group `id`, or the common 4000 naming `scalingGroupId` (the task pages
/// list no business error for an unknown group).
fn group_index<E: From<CommonError>>(state: &State, id: &str) -> Result<usize, E> {
    state
        .scaling_groups
        .iter()
        .position(|g| g.scaling_group_id == id)
        .ok_or_else(|| invalid(format!("scalingGroupId: scaling group {id} does not exist")))
}

/// The task of `group` (other than the one at `except`) named `name`, if any.
fn named<'a>(
    group: &'a ScalingGroup,
    name: &str,
    except: Option<usize>,
) -> Option<&'a ScheduledTask> {
    group
        .scheduled_tasks
        .iter()
        .enumerate()
        .find(|(i, t)| Some(*i) != except && t.scaling_scheduled_task_name == name)
        .map(|(_, t)| t)
}

/// The task of `group` (other than the one at `except`) that starts at `start_time`, if any.
fn starting_at<'a>(
    group: &'a ScalingGroup,
    start_time: &str,
    except: Option<usize>,
) -> Option<&'a ScheduledTask> {
    group
        .scheduled_tasks
        .iter()
        .enumerate()
        .find(|(i, t)| Some(*i) != except && t.start_time == start_time)
        .map(|(_, t)| t)
}

/// A task id unused in every group.
fn new_task_id<E: From<CommonError>>(state: &State) -> Result<String, E> {
    unique_id("asst", |id| {
        state
            .scaling_groups
            .iter()
            .flat_map(|g| &g.scheduled_tasks)
            .any(|t| t.scaling_scheduled_task_id == id)
    })
}

/// CreateScheduledTask. Checks, in order:
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
    let g = group_index::<CreateScheduledTaskError>(state, &request.scaling_group_id)?;
    let group = &state.scaling_groups[g];
    if request.end_time.is_some() != request.recurrence.is_some() {
        let (given, missing) = if request.end_time.is_some() {
            ("endTime", "recurrence")
        } else {
            ("recurrence", "endTime")
        };
        return Err(
            CreateScheduledTaskError::invalid_parameter_endtime_and_recurrence(format!(
                "{missing}: {given} was given without {missing}; a repeating task needs both"
            )),
        );
    }
    let values = Values {
        name: &request.scaling_scheduled_task_name,
        max_size: request.readjust_max_size,
        min_size: request.readjust_min_size,
        desired_capacity: request.readjust_desired_capacity,
        start_time: &request.start_time,
        end_time: request.end_time.as_deref(),
        recurrence: request.recurrence.as_deref(),
    };
    // The sentinels that turn repetition off belong to ModifyScheduledTask only.
    if values.end_time == Some(REPETITION_OFF_END_TIME) {
        return Err(invalid(format!(
            "endTime: {REPETITION_OFF_END_TIME:?} is not a time `YYYY-MM-DD hh:mm:ss`"
        )));
    }
    check_values::<CreateScheduledTaskError>(&values)?;
    if let Some(other) = named(group, values.name, None) {
        return Err(CreateScheduledTaskError::name_duplicate_scheduled_task(
            format!(
                "scalingScheduledTaskName: scheduled task {} of scaling group {} is already \
                 named {:?}",
                other.scaling_scheduled_task_id, group.scaling_group_id, values.name
            ),
        ));
    }
    if let Some(other) = starting_at(group, values.start_time, None) {
        return Err(
            CreateScheduledTaskError::invalid_schedule_task_time_conflict(format!(
                "startTime: scheduled task {} of scaling group {} already starts at {}",
                other.scaling_scheduled_task_id, group.scaling_group_id, values.start_time
            )),
        );
    }
    Quota::ScheduledActionsPerGroup
        .check(
            group.scheduled_tasks.len(),
            format!("scaling group {}", group.scaling_group_id),
        )
        .map_err(|e| CreateScheduledTaskError::quota_exceeded_scheduled_task(e.to_string()))?;
    let id = new_task_id::<CreateScheduledTaskError>(state)?;

    // Every check passed: change the state.
    let mut task = ScheduledTask::new(ScheduledTaskRequired {
        scaling_scheduled_task_id: id.clone(),
        scaling_scheduled_task_name: request.scaling_scheduled_task_name.clone(),
        readjust_max_size: request.readjust_max_size,
        readjust_min_size: request.readjust_min_size,
        start_time: request.start_time.clone(),
    })
    .create_time(format_time(now));
    task.readjust_desired_capacity = request.readjust_desired_capacity;
    task.end_time = request.end_time.clone();
    task.recurrence = request.recurrence.clone();
    state.scaling_groups[g].scheduled_tasks.push(task);
    Ok(CreateScheduledTaskOutput::new([id]))
}

/// DescribeScheduledTask: the group must exist (else the common `InvalidParameter` naming
/// `scalingGroupId`); filters by task ids and name; pages with offset and limit; `totalCount`
/// counts every match. The list goes out as `scalingScheduleTaskSet` (the service's spelling).
pub(crate) fn describe(
    state: &State,
    request: &DescribeScheduledTaskRequest,
) -> Result<DescribeScheduledTaskOutput, DescribeScheduledTaskError> {
    let g = group_index::<DescribeScheduledTaskError>(state, &request.scaling_group_id)?;
    let matches: Vec<&ScheduledTask> = state.scaling_groups[g]
        .scheduled_tasks
        .iter()
        .filter(|t| {
            request
                .scaling_scheduled_task_ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&t.scaling_scheduled_task_id))
                && request
                    .scaling_scheduled_task_name
                    .as_ref()
                    .is_none_or(|n| n == &t.scaling_scheduled_task_name)
        })
        .collect();
    let total_count = i64::try_from(matches.len()).unwrap_or(i64::MAX);
    let tasks: Vec<ScheduledTask> = page(
        matches,
        request.offset_or_default(),
        request.limit_or_default(),
    )
    .into_iter()
    .cloned()
    .collect();
    Ok(DescribeScheduledTaskOutput::new(total_count, tasks))
}

/// ModifyScheduledTask. Checks, in order:
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
/// Then the values given replace the task's; turning repetition off stores the two sentinel
/// values as given, and DescribeScheduledTask shows them.
pub(crate) fn modify(
    state: &mut State,
    request: &ModifyScheduledTaskRequest,
) -> Result<ModifyScheduledTaskOutput, ModifyScheduledTaskError> {
    let task_id = &request.scaling_scheduled_task_id;
    let groups: Vec<usize> = match &request.scaling_group_id {
        Some(id) => vec![group_index::<ModifyScheduledTaskError>(state, id)?],
        None => (0..state.scaling_groups.len()).collect(),
    };
    let Some((g, t)) = groups.into_iter().find_map(|g| {
        state.scaling_groups[g]
            .scheduled_tasks
            .iter()
            .position(|t| &t.scaling_scheduled_task_id == task_id)
            .map(|t| (g, t))
    }) else {
        return Err(ModifyScheduledTaskError::invalid_scheduled_task_not_exist(
            match &request.scaling_group_id {
                Some(group) => format!(
                    "scalingScheduledTaskId: scaling group {group} has no scheduled task {task_id}"
                ),
                None => format!("scalingScheduledTaskId: no scheduled task {task_id} exists"),
            },
        ));
    };
    let group = &state.scaling_groups[g];
    let task = &group.scheduled_tasks[t];

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
    let values = Values {
        name: request
            .scaling_scheduled_task_name
            .as_deref()
            .unwrap_or(&task.scaling_scheduled_task_name),
        max_size: request.readjust_max_size.unwrap_or(task.readjust_max_size),
        min_size: request.readjust_min_size.unwrap_or(task.readjust_min_size),
        desired_capacity: request
            .readjust_desired_capacity
            .or(task.readjust_desired_capacity),
        start_time: request.start_time.as_deref().unwrap_or(&task.start_time),
        end_time: request.end_time.as_deref().or(task.end_time.as_deref()),
        recurrence: request.recurrence.as_deref().or(task.recurrence.as_deref()),
    };
    let off = off_end && off_recurrence;
    if !off {
        let has_end = values
            .end_time
            .is_some_and(|e| e != REPETITION_OFF_END_TIME);
        let has_recurrence = values
            .recurrence
            .is_some_and(|r| r != REPETITION_OFF_RECURRENCE);
        if has_end != has_recurrence {
            let missing = if has_end { "recurrence" } else { "endTime" };
            return Err(invalid(format!(
                "{missing}: the task would repeat without {missing}; give endTime and \
                 recurrence together"
            )));
        }
    }
    check_values::<ModifyScheduledTaskError>(&values)?;
    if let Some(other) = named(group, values.name, Some(t)) {
        return Err(ModifyScheduledTaskError::name_duplicate_scheduled_task(
            format!(
                "scalingScheduledTaskName: scheduled task {} of scaling group {} is already \
                 named {:?}",
                other.scaling_scheduled_task_id, group.scaling_group_id, values.name
            ),
        ));
    }
    if let Some(other) = starting_at(group, values.start_time, Some(t)) {
        return Err(
            ModifyScheduledTaskError::invalid_schedule_task_time_conflict(format!(
                "startTime: scheduled task {} of scaling group {} already starts at {}",
                other.scaling_scheduled_task_id, group.scaling_group_id, values.start_time
            )),
        );
    }

    // Every check passed: change the state.
    let name = values.name.to_owned();
    let (max_size, min_size, desired) = (values.max_size, values.min_size, values.desired_capacity);
    let start_time = values.start_time.to_owned();
    let end_time = values.end_time.map(str::to_owned);
    let recurrence = values.recurrence.map(str::to_owned);
    let task = &mut state.scaling_groups[g].scheduled_tasks[t];
    task.scaling_scheduled_task_name = name;
    task.readjust_max_size = max_size;
    task.readjust_min_size = min_size;
    task.readjust_desired_capacity = desired;
    task.start_time = start_time;
    task.end_time = end_time;
    task.recurrence = recurrence;
    Ok(ModifyScheduledTaskOutput::new())
}

/// DeleteScheduledTask. Checks, in order: the group exists (else the common
/// `InvalidParameter` naming `scalingGroupId`); the task is in the group (else the common
/// `InvalidParameter` naming `scalingScheduledTaskId`: the page lists no business error).
/// Then the task is removed.
pub(crate) fn delete(
    state: &mut State,
    request: &DeleteScheduledTaskRequest,
) -> Result<DeleteScheduledTaskOutput, DeleteScheduledTaskError> {
    let g = group_index::<DeleteScheduledTaskError>(state, &request.scaling_group_id)?;
    let group = &mut state.scaling_groups[g];
    let task_id = &request.scaling_scheduled_task_id;
    let Some(t) = group
        .scheduled_tasks
        .iter()
        .position(|t| &t.scaling_scheduled_task_id == task_id)
    else {
        return Err(invalid(format!(
            "scalingScheduledTaskId: scaling group {} has no scheduled task {task_id}",
            group.scaling_group_id
        )));
    };
    group.scheduled_tasks.remove(t);
    Ok(DeleteScheduledTaskOutput::new())
}
