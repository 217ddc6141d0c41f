//! What the lifecycle-hook actions share: the conversions between API 2.0's values and the
//! domain's, the common answers to the domain's refusals (an unknown group, a hook of another
//! group, an unknown hook, a blank name), refusing negative seconds, spotting unlisted
//! `transition` and result values, and checking that an instance is in the group.

use crate::domain::hooks::LifecycleHook;
use crate::domain::model::{HookResult as Result2, HookTransition};
use crate::domain::DomainError;
use crate::state::State;
use qcloud_as::types::{HookResult, LifeCycleHook, LifeCycleHookRequired, Transition};
use qcloud_as::CommonError;

/// The domain's transition of a listed API 2.0 one.
pub(super) fn transition(t: &Transition) -> HookTransition {
    match t {
        Transition::Terminating => HookTransition::Terminating,
        _ => HookTransition::Launching,
    }
}

/// The domain's result of a listed API 2.0 one.
pub(super) fn result(r: &HookResult) -> Result2 {
    match r {
        HookResult::Abandon => Result2::Abandon,
        _ => Result2::Continue,
    }
}

/// A stored hook of `group` as API 2.0 shows it.
pub(super) fn hook_out(group: &str, h: &LifecycleHook) -> LifeCycleHook {
    let mut hook = LifeCycleHook::new(LifeCycleHookRequired {
        life_cycle_hook_id: h.id.clone(),
        life_cycle_hook_name: h.name.clone(),
        life_cycle_hook_timeout: i64::try_from(h.heartbeat_timeout).unwrap_or(i64::MAX),
        default_result: match h.default_result {
            Result2::Continue => HookResult::Continue,
            Result2::Abandon => HookResult::Abandon,
        },
        transition: match h.transition {
            HookTransition::Launching => Transition::Launching,
            HookTransition::Terminating => Transition::Terminating,
        },
    });
    hook.notify_ids = h.notify_user_groups.clone();
    hook.scaling_group_id = Some(group.to_owned());
    hook
}

/// The answer of every hook action to the refusals they share: an unknown group
/// (`InvalidParameter.ScalingGroupIdError`, built by `missing`), a hook of another group
/// (`InvalidParameter.GroupIdInHook`, built by `elsewhere`), an unknown hook or a blank name
/// (4000 `InvalidParameter`); `None` for any other refusal.
pub(super) fn shared<E: From<CommonError>>(
    e: &DomainError,
    missing: impl FnOnce(String) -> E,
    elsewhere: impl FnOnce(String) -> E,
) -> Option<E> {
    Some(match e {
        DomainError::GroupNotFound { .. } => missing(format!("scalingGroupId: {e}")),
        DomainError::HookInOtherGroup { .. } => elsewhere(format!("lifeCycleHookId: {e}")),
        DomainError::HookNotFound { .. } => {
            CommonError::invalid_parameter(format!("lifeCycleHookId: {e}")).into()
        }
        DomainError::HookNameEmpty => {
            CommonError::invalid_parameter(format!("lifeCycleHookName: {e}")).into()
        }
        DomainError::NoRandomness(_) => CommonError::internal_error(e.to_string()).into(),
        _ => return None,
    })
}

/// Refuses a negative number of seconds in `parameter` (4000 `InvalidParameter`; the pages give
/// no range and no code).
pub(super) fn check_seconds<E: From<CommonError>>(parameter: &str, seconds: i64) -> Result<u64, E> {
    u64::try_from(seconds).map_err(|_| {
        CommonError::invalid_parameter(format!("{parameter}: {seconds} seconds is negative")).into()
    })
}

/// The message for an unlisted `transition` (`HookParameterError.Transition`), when it is one.
pub(super) fn unlisted_transition(transition: Option<&Transition>) -> Option<String> {
    transition
        .filter(|t| t.is_unknown())
        .map(|t| format!("transition: {t} is not 0 (launching) or 1 (terminating)"))
}

/// The message for an unlisted `defaultResult` (`HookParameterError.DefaultResult`), when it is
/// one.
pub(super) fn unlisted_result(parameter: &str, result: Option<&HookResult>) -> Option<String> {
    result
        .filter(|r| r.is_unknown())
        .map(|r| format!("{parameter}: {r} is not 0 (continue) or 1 (abandon)"))
}

/// Checks that `instance` exists and is in group `group` (4000 `InvalidParameter` naming
/// `scalingInstanceId`; the pages list no code for it).
pub(super) fn check_member<E: From<CommonError>>(
    state: &State,
    group: &str,
    instance: &str,
) -> Result<(), E> {
    if state
        .group(group)
        .is_some_and(|g| g.instances.iter().any(|m| m.instance_id == instance))
    {
        return Ok(());
    }
    let message = if state.instance(instance).is_none() {
        format!("scalingInstanceId: instance {instance} does not exist")
    } else {
        format!("scalingInstanceId: instance {instance} is not in scaling group {group}")
    };
    Err(CommonError::invalid_parameter(message).into())
}
