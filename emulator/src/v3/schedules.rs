//! Scheduled actions in API 3.0: CreateScheduledAction, ModifyScheduledAction,
//! DeleteScheduledAction, DescribeScheduledActions, over the domain's scheduled actions
//! ([`crate::domain::schedules`], which API 2.0's scheduled tasks are too). Times are read in
//! any offset and answered in Beijing time (`+08:00`); `CreatedTime` in UTC.

use super::parts_query::{beijing, describe as describe_parts, seconds, utc, Answers, Ask};
use super::query::well_formed;
use super::{find_group, Missing};
use crate::domain::error::ScheduleField;
use crate::domain::parts;
use crate::domain::schedules::{self, ActionChange, ActionValues, ScheduledAction as Action};
use crate::domain::DomainError;
use crate::state::State;
use qcloud_as::v3::operation::create_scheduled_action::{
    CreateScheduledActionError as CreateError, CreateScheduledActionOutput as CreateOutput,
    CreateScheduledActionRequest as CreateRequest,
};
use qcloud_as::v3::operation::delete_scheduled_action::{
    DeleteScheduledActionError as DeleteError, DeleteScheduledActionOutput as DeleteOutput,
    DeleteScheduledActionRequest as DeleteRequest,
};
use qcloud_as::v3::operation::describe_scheduled_actions::{
    DescribeScheduledActionsError as DescribeError,
    DescribeScheduledActionsOutput as DescribeOutput, DescribeScheduledActionsOutputRequired,
    DescribeScheduledActionsRequest as DescribeRequest,
};
use qcloud_as::v3::operation::modify_scheduled_action::{
    ModifyScheduledActionError as ModifyError, ModifyScheduledActionOutput as ModifyOutput,
    ModifyScheduledActionRequest as ModifyRequest,
};
use qcloud_as::v3::types::{ScheduledAction, ScheduledActionRequired, ScheduledType};
use qcloud_as::v3::CommonError;

/// The filters of DescribeScheduledActions.
const FILTERS: &[&str] = &[
    "scheduled-action-id",
    "scheduled-action-name",
    "auto-scaling-group-id",
];

/// The longest name, bytes.
const MAX_NAME: usize = 60;

/// The answer of Create and Modify to a refusal of the domain (one `match` for both: their
/// codes are the same but for the group, which only Create names).
macro_rules! refusal {
    ($error:ty, $e:expr) => {{
        let e: DomainError = $e;
        let m = e.to_string();
        match e {
            DomainError::ScheduleInvalid {
                field: ScheduleField::Name,
                ..
            } => <$error>::invalid_parameter_value_invalid_scheduled_action_name_include_illegal_char(
                format!("ScheduledActionName: {m}"),
            ),
            DomainError::ScheduleInvalid { field, .. } => {
                <$error>::invalid_parameter_value_size(format!("{field}: {m}"))
            }
            DomainError::ScheduleIncomplete { .. } => CommonError::invalid_parameter(format!(
                "EndTime, Recurrence: {m}"
            ))
            .into(),
            DomainError::ScheduleEndNotAfterStart { .. } => {
                <$error>::invalid_parameter_value_end_time_before_start_time(format!(
                    "EndTime: {m}"
                ))
            }
            DomainError::ScheduleRecurrenceInvalid { .. } => {
                <$error>::invalid_parameter_value_cron_expression_illegal(format!(
                    "Recurrence: {m}"
                ))
            }
            DomainError::ScheduledActionNameTaken { .. } => {
                <$error>::invalid_parameter_value_scheduled_action_name_duplicate(m)
            }
            DomainError::ScheduledActionStartTaken { .. } => {
                CommonError::invalid_parameter_value(format!("StartTime: {m}")).into()
            }
            DomainError::QuotaExceeded { .. } => {
                <$error>::limit_exceeded_scheduled_action_limit_exceeded(m)
            }
            DomainError::NoRandomness(_) => CommonError::internal_error(m).into(),
            _ => CommonError::failed_operation(m).into(),
        }
    }};
}

/// CreateScheduledAction's answer to a refusal of the domain.
pub(crate) fn create_error(e: DomainError) -> CreateError {
    if let DomainError::GroupNotFound { .. } = e {
        return CreateError::resource_not_found_auto_scaling_group_not_found(e.to_string());
    }
    refusal!(CreateError, e)
}

/// ModifyScheduledAction's answer to a refusal of the domain.
pub(crate) fn modify_error(e: DomainError) -> ModifyError {
    if let DomainError::ScheduledActionNotFound { .. } = e {
        return ModifyError::resource_not_found_scheduled_action_not_found(e.to_string());
    }
    refusal!(ModifyError, e)
}

/// Why a name is refused (`ScheduledActionName`: letters, digits, `_`, `-`, `.`, at most 60
/// bytes): `Err(true)` too long, `Err(false)` another character.
fn check_name(name: &str) -> Result<(), bool> {
    if name.len() > MAX_NAME {
        return Err(true);
    }
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        return Err(false);
    }
    Ok(())
}

macro_rules! name_refusal {
    ($error:ty, $name:expr) => {
        check_name($name).map_err(|too_long| {
            if too_long {
                <$error>::invalid_parameter_value_too_long(format!(
                    "ScheduledActionName: {} bytes, at most {MAX_NAME}",
                    $name.len()
                ))
            } else {
                <$error>::invalid_parameter_value_invalid_scheduled_action_name_include_illegal_char(
                    format!(
                        "ScheduledActionName: {:?} may hold only letters, digits, `_`, `-` and `.`",
                        $name
                    ),
                )
            }
        })
    };
}

/// A start time given now: not in the past.
macro_rules! start_refusal {
    ($error:ty, $time:expr, $now:expr) => {{
        let start =
            seconds("StartTime", $time).map_err(<$error>::invalid_parameter_value_time_format)?;
        if start < $now {
            return Err(
                <$error>::invalid_parameter_value_start_time_before_current_time(format!(
                    "StartTime: {} is before the current time {}",
                    $time.as_str(),
                    beijing($now).as_str()
                )),
            );
        }
        start
    }};
}

/// CreateScheduledAction. Checks, in order: the group (`asg-…`:
/// `InvalidParameterValue.InvalidAutoScalingGroupId`; unknown:
/// `ResourceNotFound.AutoScalingGroupNotFound`); the name (letters, digits, `_-.`:
/// `…InvalidScheduledActionNameIncludeIllegalChar`; at most 60 bytes:
/// `InvalidParameterValue.TooLong`); the times (`InvalidParameterValue.TimeFormat`; a start
/// in the past: `…StartTimeBeforeCurrentTime`); then [`schedules::create`]: `EndTime` and
/// `Recurrence` together (`InvalidParameter`), `EndTime` after `StartTime`
/// (`…EndTimeBeforeStartTime`), a crontab line (`…CronExpressionIllegal`),
/// `MinSize ≤ DesiredCapacity ≤ MaxSize` (`InvalidParameterValue.Size`), the name and the start
/// time unique in the group (`…ScheduledActionNameDuplicate`, `InvalidParameterValue`), at most
/// 10 per group (`LimitExceeded.ScheduledActionLimitExceeded`).
pub(crate) fn create(
    state: &mut State,
    request: &CreateRequest,
    now: u64,
) -> Result<CreateOutput, CreateError> {
    let group = &request.auto_scaling_group_id;
    find_group(state, group).map_err(|m| match m {
        Missing::Malformed(m) => {
            CreateError::invalid_parameter_value_invalid_auto_scaling_group_id(m)
        }
        Missing::NotFound(m) => CreateError::resource_not_found_auto_scaling_group_not_found(m),
    })?;
    name_refusal!(CreateError, &request.scheduled_action_name)?;
    let start_time = start_refusal!(CreateError, &request.start_time, now);
    let end_time = match &request.end_time {
        Some(end) => Some(
            seconds("EndTime", end).map_err(CreateError::invalid_parameter_value_time_format)?,
        ),
        None => None,
    };
    let values = ActionValues {
        name: request.scheduled_action_name.clone(),
        min_size: request.min_size,
        max_size: request.max_size,
        desired_capacity: Some(request.desired_capacity),
        start_time,
        end_time,
        recurrence: request.recurrence.clone(),
        repetition_off: false,
        keep_desired_capacity: request.disable_update_desired_capacity.unwrap_or(false),
    };
    let id = schedules::create(state, group, values, now).map_err(create_error)?;
    Ok(CreateOutput::new(id, String::new()))
}

/// ModifyScheduledAction. Checks, in order: the id (`asst-…`:
/// `InvalidParameterValue.InvalidScheduledActionId`); the action exists
/// (`ResourceNotFound.ScheduledActionNotFound`); a new name and new times as in
/// [`create`]; then [`schedules::modify`] checks the action as changed as
/// [`schedules::create`] does. What is given replaces the action's values.
pub(crate) fn modify(
    state: &mut State,
    request: &ModifyRequest,
    now: u64,
) -> Result<ModifyOutput, ModifyError> {
    let id = &request.scheduled_action_id;
    if !well_formed(id, "asst") {
        return Err(
            ModifyError::invalid_parameter_value_invalid_scheduled_action_id(format!(
                "ScheduledActionId: {id:?} is not a scheduled action id (asst-…)"
            )),
        );
    }
    schedules::locate(state, None, id).map_err(modify_error)?;
    if let Some(name) = &request.scheduled_action_name {
        name_refusal!(ModifyError, name)?;
    }
    let start_time = match &request.start_time {
        Some(start) => Some(start_refusal!(ModifyError, start, now)),
        None => None,
    };
    let end_time = match &request.end_time {
        Some(end) => Some(
            seconds("EndTime", end).map_err(ModifyError::invalid_parameter_value_time_format)?,
        ),
        None => None,
    };
    let change = ActionChange {
        name: request.scheduled_action_name.clone(),
        min_size: request.min_size,
        max_size: request.max_size,
        desired_capacity: request.desired_capacity,
        start_time,
        end_time,
        recurrence: request.recurrence.clone(),
        turn_off_repetition: false,
        keep_desired_capacity: request.disable_update_desired_capacity,
    };
    schedules::modify(state, None, id, change).map_err(modify_error)?;
    Ok(ModifyOutput::new(String::new()))
}

/// DeleteScheduledAction's answer to a refusal of the domain.
pub(crate) fn delete_error(e: DomainError) -> DeleteError {
    match e {
        DomainError::ScheduledActionNotFound { .. } => {
            DeleteError::resource_not_found_scheduled_action_not_found(e.to_string())
        }
        e => CommonError::failed_operation(e.to_string()).into(),
    }
}

/// DeleteScheduledAction: the id (`asst-…`: `InvalidParameterValue.InvalidScheduledActionId`),
/// then [`schedules::delete`] (`ResourceNotFound.ScheduledActionNotFound`).
pub(crate) fn delete(
    state: &mut State,
    request: &DeleteRequest,
) -> Result<DeleteOutput, DeleteError> {
    let id = &request.scheduled_action_id;
    if !well_formed(id, "asst") {
        return Err(
            DeleteError::invalid_parameter_value_invalid_scheduled_action_id(format!(
                "ScheduledActionId: {id:?} is not a scheduled action id (asst-…)"
            )),
        );
    }
    schedules::delete(state, None, id).map_err(delete_error)?;
    Ok(DeleteOutput::new(String::new()))
}

/// A scheduled action of `group` as API 3.0 shows it. One without a desired capacity (made
/// through API 2.0) shows its `MinSize` and `DisableUpdateDesiredCapacity: true`, which is how
/// it runs; one that does not repeat shows `ONCE` with an empty `Recurrence` and `EndTime`.
fn action_out(group: &str, a: &Action) -> ScheduledAction {
    let repeats = a.repeats();
    ScheduledAction::new(ScheduledActionRequired {
        scheduled_action_id: a.id.clone(),
        scheduled_action_name: a.name.clone(),
        auto_scaling_group_id: group.to_owned(),
        start_time: beijing(a.start_time),
        recurrence: a.recurrence.clone().filter(|_| repeats).unwrap_or_default(),
        end_time: a
            .end_time
            .filter(|_| repeats)
            .map_or_else(|| "".into(), beijing),
        max_size: a.max_size,
        desired_capacity: a.desired_capacity.unwrap_or(a.min_size),
        min_size: a.min_size,
        created_time: utc(a.created_time),
        scheduled_type: if repeats {
            ScheduledType::Crontab
        } else {
            ScheduledType::Once
        },
    })
    .disable_update_desired_capacity(a.keep_desired_capacity || a.desired_capacity.is_none())
}

/// DescribeScheduledActions. Checks, in order: not both ids and `Filters`
/// (`InvalidParameter.Conflict`); at most 100 ids, 10 filters of 5 values, `Limit` at most 100
/// (`InvalidParameterValue`); known filter names (`InvalidParameterValue.InvalidFilter`), each
/// with a value (`InvalidParameterValue.Filter`); each id `asst-…`
/// (`…InvalidScheduledActionId`) and each group filter value `asg-…`
/// (`…InvalidAutoScalingGroupId`); every id given exists
/// (`ResourceNotFound.ScheduledActionNotFound`). Every action of the account, made through
/// either protocol ([`parts::list`]), groups in the state's order.
pub(crate) fn describe(
    state: &State,
    request: &DescribeRequest,
) -> Result<DescribeOutput, DescribeError> {
    let ask = Ask {
        ids_name: "ScheduledActionIds",
        ids: request.scheduled_action_ids.as_deref(),
        filters: request.filters.as_deref(),
        offset: request.offset,
        limit: request.limit,
        known: FILTERS,
        id_form: |id| well_formed(id, "asst"),
        noun: "scheduled action",
        form: "asst-…",
        group_filter_form: true,
        ids_exist: true,
    };
    let answers = Answers {
        conflict: DescribeError::invalid_parameter_conflict,
        unknown: DescribeError::invalid_parameter_value_invalid_filter,
        no_value: DescribeError::invalid_parameter_value_filter,
        bad_id: DescribeError::invalid_parameter_value_invalid_scheduled_action_id,
        bad_group: DescribeError::invalid_parameter_value_invalid_auto_scaling_group_id,
        missing: DescribeError::resource_not_found_scheduled_action_not_found,
    };
    let all = parts::list::<Action>(state, None)
        .map_err(|e| DescribeError::from(CommonError::internal_error(e.to_string())))?;
    let (total_count, set) = describe_parts(
        &ask,
        all,
        |a: &Action| &a.id,
        |g, a, name, value| match name {
            "scheduled-action-id" => a.id == value,
            "scheduled-action-name" => a.name == value,
            "auto-scaling-group-id" => g == value,
            _ => false,
        },
        action_out,
    )
    .map_err(|r| answers.to(r))?;
    Ok(DescribeOutput::new(
        DescribeScheduledActionsOutputRequired {
            total_count,
            scheduled_action_set: set,
            request_id: String::new(),
        },
    ))
}
