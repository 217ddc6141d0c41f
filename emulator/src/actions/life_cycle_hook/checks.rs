//! The lookups and parameter checks the lifecycle-hook actions share: finding the group and
//! the hook a request names (with the common rules for an unknown group, a hook of another
//! group and an unknown hook), refusing negative seconds and empty names, spotting unlisted
//! `transition` and result values, and checking that an instance is in the group.

use crate::state::State;
use qcloud_as::types::{HookResult, Transition};
use qcloud_as::CommonError;

/// The index of the group `id`, or `InvalidParameter.ScalingGroupIdError` built by `missing`.
pub(super) fn group_index<E>(
    state: &State,
    id: &str,
    missing: impl FnOnce(String) -> E,
) -> Result<usize, E> {
    state
        .scaling_groups
        .iter()
        .position(|g| g.scaling_group_id == id)
        .ok_or_else(|| missing(format!("scalingGroupId: scaling group {id} does not exist")))
}

/// The index of hook `id` in the group at `group_index`. A hook of another group is
/// `InvalidParameter.GroupIdInHook`, built by `elsewhere`; a hook no group has is 4000
/// `InvalidParameter`.
pub(super) fn hook_index<E: From<CommonError>>(
    state: &State,
    group_index: usize,
    id: &str,
    elsewhere: impl FnOnce(String) -> E,
) -> Result<usize, E> {
    let group = &state.scaling_groups[group_index];
    if let Some(i) = group
        .life_cycle_hooks
        .iter()
        .position(|h| h.life_cycle_hook_id == id)
    {
        return Ok(i);
    }
    let owner = state.scaling_groups.iter().find(|g| {
        g.life_cycle_hooks
            .iter()
            .any(|h| h.life_cycle_hook_id == id)
    });
    Err(match owner {
        Some(other) => elsewhere(format!(
            "lifeCycleHookId: lifecycle hook {id} belongs to scaling group {}, not {}",
            other.scaling_group_id, group.scaling_group_id
        )),
        None => CommonError::invalid_parameter(format!(
            "lifeCycleHookId: lifecycle hook {id} does not exist"
        ))
        .into(),
    })
}

/// Refuses a negative number of seconds in `parameter` (4000 `InvalidParameter`; the pages give
/// no range and no code).
pub(super) fn check_seconds<E: From<CommonError>>(parameter: &str, seconds: i64) -> Result<(), E> {
    if seconds < 0 {
        return Err(CommonError::invalid_parameter(format!(
            "{parameter}: {seconds} seconds is negative"
        ))
        .into());
    }
    Ok(())
}

/// Refuses an empty hook name (4000 `InvalidParameter`).
pub(super) fn check_name<E: From<CommonError>>(name: &str) -> Result<(), E> {
    if name.trim().is_empty() {
        return Err(CommonError::invalid_parameter("lifeCycleHookName: the name is empty").into());
    }
    Ok(())
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

/// Checks that `instance` exists and is in the group at `group_index` (4000 `InvalidParameter`
/// naming `scalingInstanceId`; the pages list no code for it).
pub(super) fn check_member<E: From<CommonError>>(
    state: &State,
    group_index: usize,
    instance: &str,
) -> Result<(), E> {
    let group = &state.scaling_groups[group_index];
    if group.instances.iter().any(|m| m.instance_id == instance) {
        return Ok(());
    }
    let message = if state.instance(instance).is_none() {
        format!("scalingInstanceId: instance {instance} does not exist")
    } else {
        format!(
            "scalingInstanceId: instance {instance} is not in scaling group {}",
            group.scaling_group_id
        )
    };
    Err(CommonError::invalid_parameter(message).into())
}
