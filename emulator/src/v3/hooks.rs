//! Lifecycle hooks in API 3.0: CreateLifecycleHook, ModifyLifecycleHook, UpgradeLifecycleHook,
//! CompleteLifecycleAction, DeleteLifecycleHook, DescribeLifecycleHooks, over the domain's hooks
//! ([`crate::domain::hooks`], which API 2.0's are too). A hook made here holds the group's
//! launching or terminating instances from its creation (API 3.0 has no binding) on the
//! virtual clock, until CompleteLifecycleAction or its `HeartbeatTimeout`. The request values
//! are read in [`super::hook_values`]; DescribeLifecycleHooks is [`super::hook_view`].

use super::hook_values::{
    refuse, result, scope, timeout, transition, whole_of, Given, Refusal, PREFIX,
};
use super::parts_query::hook_id;
use super::query::well_formed;
use super::{find_group, Missing};
use crate::domain::hooks::{self, HookChange};
use crate::domain::lifecycle;
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
use qcloud_as::v3::operation::modify_lifecycle_hook::{
    ModifyLifecycleHookError as ModifyError, ModifyLifecycleHookOutput as ModifyOutput,
    ModifyLifecycleHookRequest as ModifyRequest,
};
use qcloud_as::v3::operation::upgrade_lifecycle_hook::{
    UpgradeLifecycleHookError as UpgradeError, UpgradeLifecycleHookOutput as UpgradeOutput,
    UpgradeLifecycleHookRequest as UpgradeRequest,
};
use qcloud_as::v3::CommonError;

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
    let values = whole_of!(request).values().map_err(refused)?;
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
    let values = whole_of!(request).values().map_err(refused)?;
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
        DomainError::LifecycleTokenNotFound { .. }
        | DomainError::LifecycleTokenOfOtherHook { .. } => {
            CompleteError::resource_not_found_lifecycle_hook_token_not_found(m)
        }
        _ => CommonError::failed_operation(m).into(),
    }
}

/// CompleteLifecycleAction. Checks, in order: the hook id (`…InvalidLifecycleHookId`); exactly
/// one of `InstanceId` and `LifecycleActionToken` (both: `InvalidParameter.Conflict`; neither:
/// `InvalidParameter.MustOneParameter`); the instance id (`…InvalidInstanceId`); the result.
/// By token, [`lifecycle::complete_by_token`]: the hook exists (`…LifecycleHookNotFound`), a
/// lifecycle action has the token and it is the hook's
/// (`ResourceNotFound.LifecycleHookTokenNotFound`), it is pending
/// (`ResourceUnavailable.LifecycleActionResultHasSet`). By instance, [`hooks::complete`]: the
/// hook exists, holds the instance (`…LifecycleHookInstanceNotFound`), its result not given yet
/// (`…LifecycleActionResultHasSet`). The wait ends now with the result.
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
    let by_token = match (&request.instance_id, &request.lifecycle_action_token) {
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
        (None, Some(token)) => Some(token),
        (Some(instance), None) if !well_formed(instance, "ins") => {
            return Err(CompleteError::invalid_parameter_value_invalid_instance_id(
                format!("InstanceId: {instance:?} is not an instance id (ins-…)"),
            ))
        }
        (Some(_), None) => None,
    };
    let outcome = result(&request.lifecycle_action_result).map_err(|m| {
        CompleteError::from(CommonError::invalid_parameter_value(format!(
            "LifecycleActionResult: {m}"
        )))
    })?;
    match (by_token, &request.instance_id) {
        (Some(token), _) => lifecycle::complete_by_token(state, id, token, outcome, now),
        (None, Some(instance)) => hooks::complete(state, None, id, instance, outcome, now),
        (None, None) => Ok(()),
    }
    .map_err(complete_error)?;
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
