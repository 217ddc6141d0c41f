//! Lifecycle hooks in API 3.0: CreateLifecycleHook, ModifyLifecycleHook, UpgradeLifecycleHook,
//! CompleteLifecycleAction, DeleteLifecycleHook, DescribeLifecycleHooks, over the domain's hooks
//! ([`crate::domain::hooks`], which API 2.0's are too). A hook made here holds the group's
//! launching or terminating instances from its creation (API 3.0 has no binding) on the
//! virtual clock, until CompleteLifecycleAction or its `HeartbeatTimeout`.

use super::parts_query::{hook_id, malformed, malformed_group_filter, problem, utc};
use super::query::{self, count, well_formed};
use super::{find_group, Missing};
use crate::domain::hooks::{
    self, HookChange, HookCommand, HookScope, HookValues, LifecycleHook as Hook, MessageTarget,
    MessageTargetKind,
};
use crate::domain::model::{HookResult, HookTransition};
use crate::domain::DomainError;
use crate::state::State;
use qcloud_as::v3::operation::complete_lifecycle_action::{
    CompleteLifecycleActionError as CompleteError, CompleteLifecycleActionOutput as CompleteOutput,
    CompleteLifecycleActionRequest as CompleteRequest,
};
use qcloud_as::v3::operation::create_lifecycle_hook::{
    CreateLifecycleHookError as CreateError, CreateLifecycleHookOutput as CreateOutput,
    CreateLifecycleHookRequest as CreateRequest,
};
use qcloud_as::v3::operation::delete_lifecycle_hook::{
    DeleteLifecycleHookError as DeleteError, DeleteLifecycleHookOutput as DeleteOutput,
    DeleteLifecycleHookRequest as DeleteRequest,
};
use qcloud_as::v3::operation::describe_lifecycle_hooks::{
    DescribeLifecycleHooksError as DescribeError, DescribeLifecycleHooksOutput as DescribeOutput,
    DescribeLifecycleHooksOutputRequired, DescribeLifecycleHooksRequest as DescribeRequest,
};
use qcloud_as::v3::operation::modify_lifecycle_hook::{
    ModifyLifecycleHookError as ModifyError, ModifyLifecycleHookOutput as ModifyOutput,
    ModifyLifecycleHookRequest as ModifyRequest,
};
use qcloud_as::v3::operation::upgrade_lifecycle_hook::{
    UpgradeLifecycleHookError as UpgradeError, UpgradeLifecycleHookOutput as UpgradeOutput,
    UpgradeLifecycleHookRequest as UpgradeRequest,
};
use qcloud_as::v3::types::{
    HookTargetType, LifecycleActionResult, LifecycleCommand, LifecycleHook, LifecycleHookRequired,
    LifecycleTransition, LifecycleTransitionType, NotificationTarget,
};
use qcloud_as::v3::CommonError;

/// The filters of DescribeLifecycleHooks.
const FILTERS: &[&str] = &[
    "lifecycle-hook-id",
    "lifecycle-hook-name",
    "auto-scaling-group-id",
];
/// The prefix of hooks made through API 3.0.
const PREFIX: &str = "ash";
/// `HeartbeatTimeout`'s range, seconds, and its default.
const TIMEOUTS: (i64, i64, u64) = (30, 7200, 300);
/// The longest `NotificationMetadata`, characters.
const MAX_METADATA: usize = 1024;

/// Why a request's values are refused before the domain sees them.
enum Refusal {
    /// A value out of its range (`HeartbeatTimeout`).
    Range(String),
    /// Parameters that cannot go together.
    Conflict(String),
    /// Another bad value.
    Value(String),
}

fn transition(t: &LifecycleTransition) -> Result<HookTransition, Refusal> {
    match t {
        LifecycleTransition::InstanceLaunching => Ok(HookTransition::Launching),
        LifecycleTransition::InstanceTerminating => Ok(HookTransition::Terminating),
        other => Err(Refusal::Value(format!(
            "LifecycleTransition: {other} is not listed"
        ))),
    }
}

fn result(r: &LifecycleActionResult) -> Result<HookResult, String> {
    match r {
        LifecycleActionResult::Continue => Ok(HookResult::Continue),
        LifecycleActionResult::Abandon => Ok(HookResult::Abandon),
        other => Err(format!("{other} is not CONTINUE or ABANDON")),
    }
}

fn scope(t: &LifecycleTransitionType) -> Result<HookScope, Refusal> {
    match t {
        LifecycleTransitionType::Normal => Ok(HookScope::Normal),
        LifecycleTransitionType::Extension => Ok(HookScope::Extension),
        other => Err(Refusal::Value(format!(
            "LifecycleTransitionType: {other} is not listed"
        ))),
    }
}

fn timeout(seconds: i64) -> Result<u64, Refusal> {
    let (low, high, _) = TIMEOUTS;
    if !(low..=high).contains(&seconds) {
        return Err(Refusal::Range(format!(
            "HeartbeatTimeout: {seconds} is outside {low} to {high} seconds"
        )));
    }
    Ok(u64::try_from(seconds).unwrap_or(0))
}

fn target(t: &NotificationTarget) -> Result<MessageTarget, Refusal> {
    let kind = match t.target_type {
        HookTargetType::TdmqCmqQueue => MessageTargetKind::TdmqCmqQueue,
        HookTargetType::TdmqCmqTopic => MessageTargetKind::TdmqCmqTopic,
        HookTargetType::CmqQueue => MessageTargetKind::CmqQueue,
        HookTargetType::CmqTopic => MessageTargetKind::CmqTopic,
        ref other => {
            return Err(Refusal::Value(format!(
                "NotificationTarget.TargetType: {other} is not listed"
            )))
        }
    };
    let queue = matches!(
        kind,
        MessageTargetKind::TdmqCmqQueue | MessageTargetKind::CmqQueue
    );
    let (needed, name) = if queue {
        ("QueueName", &t.queue_name)
    } else {
        ("TopicName", &t.topic_name)
    };
    if name.as_deref().is_none_or(|n| n.trim().is_empty()) {
        return Err(Refusal::Value(format!(
            "NotificationTarget.{needed}: a {} target needs it",
            t.target_type
        )));
    }
    Ok(MessageTarget {
        kind,
        queue_name: t.queue_name.clone().filter(|_| queue),
        topic_name: t.topic_name.clone().filter(|_| !queue),
    })
}

/// The values every create, modify and upgrade request may give, checked: the metadata (at
/// most 1024 characters) and target do not go with a command (`InvalidParameter.Conflict`).
struct Given<'a> {
    metadata: Option<&'a String>,
    target: Option<&'a NotificationTarget>,
    command: Option<&'a LifecycleCommand>,
}

impl Given<'_> {
    fn check(&self) -> Result<(Option<MessageTarget>, Option<HookCommand>), Refusal> {
        if self.command.is_some() && (self.metadata.is_some() || self.target.is_some()) {
            return Err(Refusal::Conflict(
                "LifecycleCommand cannot go with NotificationTarget or NotificationMetadata"
                    .to_owned(),
            ));
        }
        if let Some(m) = self.metadata {
            if m.chars().count() > MAX_METADATA {
                return Err(Refusal::Value(format!(
                    "NotificationMetadata: at most {MAX_METADATA} characters"
                )));
            }
        }
        let target = self.target.map(target).transpose()?;
        let command = self.command.map(|c| HookCommand {
            command_id: c.command_id.clone(),
            parameters: c.parameters.clone(),
        });
        Ok((target, command))
    }
}

/// The answer to a [`Refusal`]: `range` and `conflict` build the action's codes, when it has
/// them; otherwise the common `InvalidParameterValue` and `InvalidParameter`.
fn refuse<E: From<CommonError>>(
    r: Refusal,
    range: Option<fn(String) -> E>,
    conflict: Option<fn(String) -> E>,
) -> E {
    match (r, range, conflict) {
        (Refusal::Range(m), Some(range), _) => range(m),
        (Refusal::Conflict(m), _, Some(conflict)) => conflict(m),
        (Refusal::Conflict(m), _, None) => CommonError::invalid_parameter(m).into(),
        (Refusal::Range(m) | Refusal::Value(m), _, _) => {
            CommonError::invalid_parameter_value(m).into()
        }
    }
}

/// CreateLifecycleHook's answer to a refusal of the domain.
pub(crate) fn create_error(e: DomainError) -> CreateError {
    let m = e.to_string();
    match e {
        DomainError::GroupNotFound { .. } => {
            CreateError::resource_not_found_auto_scaling_group_not_found(m)
        }
        DomainError::HookNameTaken { .. } => {
            CreateError::invalid_parameter_value_lifecycle_hook_name_duplicated(m)
        }
        DomainError::QuotaExceeded { .. } => CreateError::limit_exceeded_quota_not_enough(m),
        DomainError::NoRandomness(_) => CommonError::internal_error(m).into(),
        _ => CommonError::invalid_parameter_value(format!("LifecycleHookName: {m}")).into(),
    }
}

/// CreateLifecycleHook. Checks, in order: the group (`…InvalidAutoScalingGroupId`,
/// `ResourceNotFound.AutoScalingGroupNotFound`); `HeartbeatTimeout` 30–7200
/// (`InvalidParameterValue.Range`; default 300); a command not with a target or metadata
/// (`InvalidParameter.Conflict`); a target names its queue or topic, the metadata at most 1024
/// characters (`InvalidParameterValue`); then [`hooks::create`]: a name (`InvalidParameterValue`)
/// no other hook of the group has (`…LifecycleHookNameDuplicated`), at most 10 per group
/// (`LimitExceeded.QuotaNotEnough`). The hook (`ash-…`) holds from now on.
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
    let refused = |r| {
        refuse(
            r,
            Some(CreateError::invalid_parameter_value_range as fn(String) -> CreateError),
            Some(CreateError::invalid_parameter_conflict as fn(String) -> CreateError),
        )
    };
    let heartbeat = request
        .heartbeat_timeout
        .map(timeout)
        .transpose()
        .map_err(refused)?;
    let given = Given {
        metadata: request.notification_metadata.as_ref(),
        target: request.notification_target.as_ref(),
        command: request.lifecycle_command.as_ref(),
    };
    let (message_target, command) = given.check().map_err(refused)?;
    let values = HookValues {
        name: request.lifecycle_hook_name.clone(),
        transition: transition(&request.lifecycle_transition).map_err(refused)?,
        default_result: match &request.default_result {
            Some(r) => {
                result(r).map_err(|m| refused(Refusal::Value(format!("DefaultResult: {m}"))))?
            }
            None => HookResult::Continue,
        },
        heartbeat_timeout: heartbeat.unwrap_or(TIMEOUTS.2),
        notify_user_groups: None,
        notification_metadata: request.notification_metadata.clone(),
        message_target,
        scope: match &request.lifecycle_transition_type {
            Some(t) => scope(t).map_err(refused)?,
            None => HookScope::Normal,
        },
        command,
    };
    let id = hooks::create(state, group, values, PREFIX, true, now).map_err(create_error)?;
    Ok(CreateOutput::new(id, String::new()))
}

/// ModifyLifecycleHook's answer to a refusal of the domain (the page lists no code for a taken
/// name: `InvalidParameterValue`).
pub(crate) fn modify_error(e: DomainError) -> ModifyError {
    let m = e.to_string();
    match e {
        DomainError::HookNotFound { .. } => {
            ModifyError::resource_not_found_lifecycle_hook_not_found(m)
        }
        _ => CommonError::invalid_parameter_value(format!("LifecycleHookName: {m}")).into(),
    }
}

/// ModifyLifecycleHook: the hook exists (`ResourceNotFound.LifecycleHookNotFound`; the page
/// lists no code for a malformed id); the values given checked as in [`create`]
/// (`InvalidParameterValue.Range`; a conflict: `InvalidParameter`); then [`hooks::modify`]
/// replaces the values given and keeps the others.
pub(crate) fn modify(
    state: &mut State,
    request: &ModifyRequest,
) -> Result<ModifyOutput, ModifyError> {
    let id = &request.lifecycle_hook_id;
    hooks::locate(state, None, id).map_err(modify_error)?;
    let refused = |r| {
        refuse(
            r,
            Some(ModifyError::invalid_parameter_value_range as fn(String) -> ModifyError),
            None,
        )
    };
    let heartbeat = request
        .heartbeat_timeout
        .map(timeout)
        .transpose()
        .map_err(refused)?;
    let given = Given {
        metadata: request.notification_metadata.as_ref(),
        target: request.notification_target.as_ref(),
        command: request.lifecycle_command.as_ref(),
    };
    let (message_target, command) = given.check().map_err(refused)?;
    let change = HookChange {
        name: request.lifecycle_hook_name.clone(),
        transition: request
            .lifecycle_transition
            .as_ref()
            .map(transition)
            .transpose()
            .map_err(refused)?,
        default_result: match &request.default_result {
            Some(r) => Some(
                result(r).map_err(|m| refused(Refusal::Value(format!("DefaultResult: {m}"))))?,
            ),
            None => None,
        },
        heartbeat_timeout: heartbeat,
        notify_user_groups: None,
        notification_metadata: request.notification_metadata.clone().map(Some),
        message_target: message_target.map(Some),
        scope: request
            .lifecycle_transition_type
            .as_ref()
            .map(scope)
            .transpose()
            .map_err(refused)?,
        command: command.map(Some),
    };
    hooks::modify(state, None, id, change).map_err(modify_error)?;
    Ok(ModifyOutput::new(String::new()))
}

/// UpgradeLifecycleHook's answer to a refusal of the domain.
pub(crate) fn upgrade_error(e: DomainError) -> UpgradeError {
    let m = e.to_string();
    match e {
        DomainError::HookNotFound { .. } => {
            UpgradeError::resource_not_found_lifecycle_hook_not_found(m)
        }
        DomainError::HookNameTaken { .. } => {
            UpgradeError::invalid_parameter_value_lifecycle_hook_name_duplicated(m)
        }
        _ => CommonError::invalid_parameter_value(format!("LifecycleHookName: {m}")).into(),
    }
}

/// UpgradeLifecycleHook: the id (`ash-…` or API 2.0's `lfh-…`:
/// `InvalidParameterValue.InvalidLifecycleHookId`), the hook exists
/// (`ResourceNotFound.LifecycleHookNotFound`), the values as in [`create`] (a range:
/// `InvalidParameterValue`; a conflict: `InvalidParameter.Conflict`); then [`hooks::modify`]
/// with every value: those left out go back to their defaults.
pub(crate) fn upgrade(
    state: &mut State,
    request: &UpgradeRequest,
) -> Result<UpgradeOutput, UpgradeError> {
    let id = &request.lifecycle_hook_id;
    if !hook_id(id) {
        return Err(
            UpgradeError::invalid_parameter_value_invalid_lifecycle_hook_id(format!(
                "LifecycleHookId: {id:?} is not a lifecycle hook id (ash-…)"
            )),
        );
    }
    hooks::locate(state, None, id).map_err(upgrade_error)?;
    let refused = |r| {
        refuse(
            r,
            None,
            Some(UpgradeError::invalid_parameter_conflict as fn(String) -> UpgradeError),
        )
    };
    let heartbeat = request
        .heartbeat_timeout
        .map(timeout)
        .transpose()
        .map_err(refused)?;
    let given = Given {
        metadata: request.notification_metadata.as_ref(),
        target: request.notification_target.as_ref(),
        command: request.lifecycle_command.as_ref(),
    };
    let (message_target, command) = given.check().map_err(refused)?;
    let values = HookValues {
        name: request.lifecycle_hook_name.clone(),
        transition: transition(&request.lifecycle_transition).map_err(refused)?,
        default_result: match &request.default_result {
            Some(r) => {
                result(r).map_err(|m| refused(Refusal::Value(format!("DefaultResult: {m}"))))?
            }
            None => HookResult::Continue,
        },
        heartbeat_timeout: heartbeat.unwrap_or(TIMEOUTS.2),
        notify_user_groups: None,
        notification_metadata: request.notification_metadata.clone(),
        message_target,
        scope: match &request.lifecycle_transition_type {
            Some(t) => scope(t).map_err(refused)?,
            None => HookScope::Normal,
        },
        command,
    };
    hooks::modify(state, None, id, HookChange::everything(values)).map_err(upgrade_error)?;
    Ok(UpgradeOutput::new(String::new()))
}

/// CompleteLifecycleAction's answer to a refusal of the domain.
pub(crate) fn complete_error(e: DomainError) -> CompleteError {
    let m = e.to_string();
    match e {
        DomainError::HookNotFound { .. } => {
            CompleteError::resource_not_found_lifecycle_hook_not_found(m)
        }
        DomainError::HookNotHolding { .. } => {
            CompleteError::resource_not_found_lifecycle_hook_instance_not_found(m)
        }
        DomainError::HookResultAlreadySet { .. } => {
            CompleteError::resource_unavailable_lifecycle_action_result_has_set(m)
        }
        _ => CommonError::failed_operation(m).into(),
    }
}

/// CompleteLifecycleAction. Checks, in order: the hook id (`…InvalidLifecycleHookId`); exactly
/// one of `InstanceId` and `LifecycleActionToken` (both: `InvalidParameter.Conflict`; neither:
/// `InvalidParameter.MustOneParameter`); a token is never found
/// (`ResourceNotFound.LifecycleHookTokenNotFound`: the emulator sends no messages, so it hands
/// out no tokens); the instance id (`…InvalidInstanceId`); then [`hooks::complete`]: the hook
/// exists (`…LifecycleHookNotFound`), holds the instance (`…LifecycleHookInstanceNotFound`),
/// its result not given yet (`ResourceUnavailable.LifecycleActionResultHasSet`). The wait ends
/// now with the result.
pub(crate) fn complete(
    state: &mut State,
    request: &CompleteRequest,
    now: u64,
) -> Result<CompleteOutput, CompleteError> {
    let id = &request.lifecycle_hook_id;
    if !hook_id(id) {
        return Err(
            CompleteError::invalid_parameter_value_invalid_lifecycle_hook_id(format!(
                "LifecycleHookId: {id:?} is not a lifecycle hook id (ash-…)"
            )),
        );
    }
    let instance = match (&request.instance_id, &request.lifecycle_action_token) {
        (Some(_), Some(_)) => {
            return Err(CompleteError::invalid_parameter_conflict(
                "give InstanceId or LifecycleActionToken, not both",
            ))
        }
        (None, None) => {
            return Err(CompleteError::invalid_parameter_must_one_parameter(
                "give InstanceId or LifecycleActionToken",
            ))
        }
        (None, Some(token)) => {
            return Err(
                CompleteError::resource_not_found_lifecycle_hook_token_not_found(format!(
                    "LifecycleActionToken: no lifecycle action has the token {token:?}"
                )),
            )
        }
        (Some(instance), None) => instance,
    };
    if !well_formed(instance, "ins") {
        return Err(CompleteError::invalid_parameter_value_invalid_instance_id(
            format!("InstanceId: {instance:?} is not an instance id (ins-…)"),
        ));
    }
    let outcome = result(&request.lifecycle_action_result).map_err(|m| {
        CompleteError::from(CommonError::invalid_parameter_value(format!(
            "LifecycleActionResult: {m}"
        )))
    })?;
    hooks::complete(state, None, id, instance, outcome, now).map_err(complete_error)?;
    Ok(CompleteOutput::new(String::new()))
}

/// DeleteLifecycleHook's answer to a refusal of the domain; a hook bound through API 2.0 is
/// the common `ResourceInUse`.
pub(crate) fn delete_error(e: DomainError) -> DeleteError {
    let m = e.to_string();
    match e {
        DomainError::HookNotFound { .. } => {
            DeleteError::resource_not_found_lifecycle_hook_not_found(m)
        }
        DomainError::HookBound { .. } => CommonError::resource_in_use(m).into(),
        _ => CommonError::failed_operation(m).into(),
    }
}

/// DeleteLifecycleHook: the id (`…InvalidLifecycleHookId`), then [`hooks::delete`]
/// (`…LifecycleHookNotFound`; a hook API 2.0 bound: `ResourceInUse`).
pub(crate) fn delete(
    state: &mut State,
    request: &DeleteRequest,
) -> Result<DeleteOutput, DeleteError> {
    let id = &request.lifecycle_hook_id;
    if !hook_id(id) {
        return Err(
            DeleteError::invalid_parameter_value_invalid_lifecycle_hook_id(format!(
                "LifecycleHookId: {id:?} is not a lifecycle hook id (ash-…)"
            )),
        );
    }
    hooks::delete(state, None, id).map_err(delete_error)?;
    Ok(DeleteOutput::new(String::new()))
}

/// A hook of `group` as API 3.0 shows it; one with no target or command shows them empty.
fn hook_out(group: &str, h: &Hook) -> LifecycleHook {
    let target = match &h.message_target {
        Some(t) => {
            let kind = match t.kind {
                MessageTargetKind::TdmqCmqQueue => HookTargetType::TdmqCmqQueue,
                MessageTargetKind::TdmqCmqTopic => HookTargetType::TdmqCmqTopic,
                MessageTargetKind::CmqQueue => HookTargetType::CmqQueue,
                MessageTargetKind::CmqTopic => HookTargetType::CmqTopic,
            };
            let mut out = NotificationTarget::new(kind);
            out.queue_name = t.queue_name.clone();
            out.topic_name = t.topic_name.clone();
            out
        }
        None => NotificationTarget::new(HookTargetType::from_wire("")),
    };
    let command = match &h.command {
        Some(c) => {
            let mut out = LifecycleCommand::new(&c.command_id);
            out.parameters = c.parameters.clone();
            out
        }
        None => LifecycleCommand::new(""),
    };
    LifecycleHook::new(LifecycleHookRequired {
        lifecycle_hook_id: h.id.clone(),
        lifecycle_hook_name: h.name.clone(),
        auto_scaling_group_id: group.to_owned(),
        default_result: match h.default_result {
            HookResult::Continue => LifecycleActionResult::Continue,
            HookResult::Abandon => LifecycleActionResult::Abandon,
        },
        heartbeat_timeout: i64::try_from(h.heartbeat_timeout).unwrap_or(i64::MAX),
        lifecycle_transition: match h.transition {
            HookTransition::Launching => LifecycleTransition::InstanceLaunching,
            HookTransition::Terminating => LifecycleTransition::InstanceTerminating,
        },
        notification_metadata: h.notification_metadata.clone().unwrap_or_default(),
        created_time: utc(h.created_time),
        notification_target: target,
        lifecycle_transition_type: match h.scope {
            HookScope::Normal => LifecycleTransitionType::Normal,
            HookScope::Extension => LifecycleTransitionType::Extension,
        },
        lifecycle_command: command,
    })
}

/// DescribeLifecycleHooks. Checks, in order: not both ids and `Filters`
/// (`InvalidParameter.Conflict`); at most 100 ids, 10 filters of 5 values, `Limit` at most 100,
/// filters with values (`InvalidParameterValue`); known filter names
/// (`InvalidParameterValue.InvalidFilter`); each id `ash-…` or `lfh-…`
/// (`…InvalidLifecycleHookId`); each group filter value `asg-…`
/// (`…InvalidAutoScalingGroupId`). Every hook of the account, made through either protocol
/// ([`hooks::list`]).
pub(crate) fn describe(
    state: &State,
    request: &DescribeRequest,
) -> Result<DescribeOutput, DescribeError> {
    let query = query::check(
        "LifecycleHookIds",
        request.lifecycle_hook_ids.as_deref(),
        request.filters.as_deref(),
        request.offset,
        request.limit,
        FILTERS,
    )
    .map_err(|p| {
        problem(
            p,
            DescribeError::invalid_parameter_conflict,
            DescribeError::invalid_parameter_value_invalid_filter,
            |m| DescribeError::from(CommonError::invalid_parameter_value(m)),
        )
    })?;
    if let Some(bad) = malformed(query.ids, hook_id) {
        return Err(
            DescribeError::invalid_parameter_value_invalid_lifecycle_hook_id(format!(
                "LifecycleHookIds: {bad:?} is not a lifecycle hook id (ash-…)"
            )),
        );
    }
    if let Some(bad) = malformed_group_filter(query.filters) {
        return Err(
            DescribeError::invalid_parameter_value_invalid_auto_scaling_group_id(format!(
                "auto-scaling-group-id: {bad:?} is not a scaling group id (asg-…)"
            )),
        );
    }
    let all = hooks::list(state, None)
        .map_err(|e| DescribeError::from(CommonError::internal_error(e.to_string())))?;
    let matches: Vec<(String, Hook)> = all
        .into_iter()
        .filter(|(g, h)| {
            query.keeps(&h.id, |name, value| match name {
                "lifecycle-hook-id" => h.id == value,
                "lifecycle-hook-name" => h.name == value,
                "auto-scaling-group-id" => g == value,
                _ => false,
            })
        })
        .collect();
    let total_count = count(matches.len());
    let set = query
        .page
        .of(matches)
        .iter()
        .map(|(g, h)| hook_out(g, h))
        .collect();
    Ok(DescribeOutput::new(DescribeLifecycleHooksOutputRequired {
        lifecycle_hook_set: set,
        total_count,
        request_id: String::new(),
    }))
}
