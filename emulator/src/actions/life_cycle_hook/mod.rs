//! Lifecycle hooks of scaling groups: CreateLifeCycleHook, ModifyLifeCycleHook,
//! DescribeLIfeCycleHook (sic; `describe`), DeleteLifeCycleHook, AttachLifeCycleHookId,
//! DetachLifeCycleHookId, CompleteLifeCycleHookAction, RecordLifeCycleHookTimeout.
//!
//! Hooks are kept in [`ScalingGroup::life_cycle_hooks`](crate::state::ScalingGroup) (with their
//! `scalingGroupId` set), at most [`Quota::LifecycleHooksPerGroup`] (10) per group, names unique within the
//! group, ids `lfh-…` unique in the account. The one bound hook is
//! `ScalingGroup::bound_life_cycle_hook_id`.
//!
//! Common rules of every action naming a group and a hook: an unknown group is
//! `InvalidParameter.ScalingGroupIdError`; a hook of another group is
//! `InvalidParameter.GroupIdInHook`; a hook id that no group has is 4000 `InvalidParameter`
//! naming `lifeCycleHookId` (the pages list no code for it).
//!
//! A bound hook holds the instances the group's activities launch (transition `0`) or remove
//! (`1`) until CompleteLifeCycleHookAction gives a result or the hook times out (see the
//! simulation, `crate::sim`): CompleteLifeCycleHookAction ends such a hold at once with its
//! result, RecordLifeCycleHookTimeout moves its timeout. For an instance the hook does not hold,
//! both check their parameters and answer success without changing anything.

mod binding;
mod checks;

use super::unique_id;
use crate::domain::Quota;
use crate::state::{InstanceStep, LifeCycleHook, State, Step};
use crate::util::page;
pub(crate) use binding::{attach, complete, detach, record_timeout};
use checks::{
    check_member, check_name, check_seconds, group_index, hook_index, unlisted_result,
    unlisted_transition,
};
use qcloud_as::operation::attach_life_cycle_hook_id::{
    AttachLifeCycleHookIdError, AttachLifeCycleHookIdOutput, AttachLifeCycleHookIdRequest,
};
use qcloud_as::operation::complete_life_cycle_hook_action::{
    CompleteLifeCycleHookActionError, CompleteLifeCycleHookActionOutput,
    CompleteLifeCycleHookActionRequest,
};
use qcloud_as::operation::create_life_cycle_hook::{
    CreateLifeCycleHookError, CreateLifeCycleHookOutput, CreateLifeCycleHookRequest,
};
use qcloud_as::operation::delete_life_cycle_hook::{
    DeleteLifeCycleHookError, DeleteLifeCycleHookOutput, DeleteLifeCycleHookRequest,
};
use qcloud_as::operation::describe_life_cycle_hook::{
    DescribeLifeCycleHookError, DescribeLifeCycleHookOutput, DescribeLifeCycleHookRequest,
};
use qcloud_as::operation::detach_life_cycle_hook_id::{
    DetachLifeCycleHookIdError, DetachLifeCycleHookIdOutput, DetachLifeCycleHookIdRequest,
};
use qcloud_as::operation::modify_life_cycle_hook::{
    ModifyLifeCycleHookError, ModifyLifeCycleHookOutput, ModifyLifeCycleHookRequest,
};
use qcloud_as::operation::record_life_cycle_hook_timeout::{
    RecordLifeCycleHookTimeoutError, RecordLifeCycleHookTimeoutOutput,
    RecordLifeCycleHookTimeoutRequest,
};
use qcloud_as::types::LifeCycleHookRequired;
use qcloud_as::CommonError;

/// A new hook id (`lfh-` + 8 characters) that no hook of any group has.
fn new_id<E: From<CommonError>>(state: &State) -> Result<String, E> {
    unique_id("lfh", |id| {
        state
            .scaling_groups
            .iter()
            .flat_map(|g| &g.life_cycle_hooks)
            .any(|h| h.life_cycle_hook_id == id)
    })
}

/// CreateLifeCycleHook. Checks, in order: the group exists
/// (`InvalidParameter.ScalingGroupIdError`); `transition` and `defaultResult` are listed values
/// (`HookParameterError.Transition`, `HookParameterError.DefaultResult`; an unlisted value is
/// already refused when the request is decoded, 4000 `InvalidParameterValue`);
/// `lifeCycleHookTimeout` is not negative and the name is not empty (4000 `InvalidParameter`);
/// no hook of the group has the name (`NameDuplicate.LifeCycleHook`); the group has fewer than
/// 10 hooks (`QuotaExceeded.HookLimit`). Then the hook is added, unbound, with a new `lfh-…` id
/// (answered), `defaultResult` 0 and `transition` 0 unless given.
pub(crate) fn create(
    state: &mut State,
    request: &CreateLifeCycleHookRequest,
) -> Result<CreateLifeCycleHookOutput, CreateLifeCycleHookError> {
    let group_index = group_index(
        state,
        &request.scaling_group_id,
        CreateLifeCycleHookError::invalid_parameter_scaling_group_id_error,
    )?;
    if let Some(m) = unlisted_transition(request.transition.as_ref()) {
        return Err(CreateLifeCycleHookError::hook_parameter_error_transition(m));
    }
    if let Some(m) = unlisted_result("defaultResult", request.default_result.as_ref()) {
        return Err(CreateLifeCycleHookError::hook_parameter_error_default_result(m));
    }
    check_seconds::<CreateLifeCycleHookError>(
        "lifeCycleHookTimeout",
        request.life_cycle_hook_timeout,
    )?;
    let name = &request.life_cycle_hook_name;
    check_name::<CreateLifeCycleHookError>(name)?;
    let group = &state.scaling_groups[group_index];
    if group
        .life_cycle_hooks
        .iter()
        .any(|h| &h.life_cycle_hook_name == name)
    {
        return Err(CreateLifeCycleHookError::name_duplicate_life_cycle_hook(
            format!(
                "lifeCycleHookName: scaling group {} already has a lifecycle hook named {name:?}",
                group.scaling_group_id
            ),
        ));
    }
    Quota::LifecycleHooksPerGroup
        .check(
            group.life_cycle_hooks.len(),
            format!("scaling group {}", group.scaling_group_id),
        )
        .map_err(|e| CreateLifeCycleHookError::quota_exceeded_hook_limit(e.to_string()))?;
    let id = new_id::<CreateLifeCycleHookError>(state)?;

    let group = &mut state.scaling_groups[group_index];
    let mut hook = LifeCycleHook::new(LifeCycleHookRequired {
        life_cycle_hook_id: id.clone(),
        life_cycle_hook_name: name.clone(),
        life_cycle_hook_timeout: request.life_cycle_hook_timeout,
        default_result: request.default_result_or_default(),
        transition: request.transition_or_default(),
    });
    hook.notify_ids = request.notify_ids.clone();
    hook.scaling_group_id = Some(group.scaling_group_id.clone());
    group.life_cycle_hooks.push(hook);
    Ok(CreateLifeCycleHookOutput::new(id))
}

/// ModifyLifeCycleHook. Checks, in order: the group exists
/// (`InvalidParameter.ScalingGroupIdError`); the hook is in it (`InvalidParameter.GroupIdInHook`
/// for a hook of another group, 4000 `InvalidParameter` for an unknown one); `transition` and
/// `defaultResult`, when given, are listed values (`HookParameterError.Transition`,
/// `HookParameterError.DefaultResult`); `lifeCycleHookTimeout`, when given, is not negative and
/// the new name, when given, is not empty (4000 `InvalidParameter`); no other hook of the group
/// has the new name (`NameDuplicate.LifeCycleHook`). Then what was given replaces the old
/// values; the rest stays. A bound hook may be changed; it stays bound.
pub(crate) fn modify(
    state: &mut State,
    request: &ModifyLifeCycleHookRequest,
) -> Result<ModifyLifeCycleHookOutput, ModifyLifeCycleHookError> {
    let group_index = group_index(
        state,
        &request.scaling_group_id,
        ModifyLifeCycleHookError::invalid_parameter_scaling_group_id_error,
    )?;
    let index = hook_index(
        state,
        group_index,
        &request.life_cycle_hook_id,
        ModifyLifeCycleHookError::invalid_parameter_group_id_in_hook,
    )?;
    if let Some(m) = unlisted_transition(request.transition.as_ref()) {
        return Err(ModifyLifeCycleHookError::hook_parameter_error_transition(m));
    }
    if let Some(m) = unlisted_result("defaultResult", request.default_result.as_ref()) {
        return Err(ModifyLifeCycleHookError::hook_parameter_error_default_result(m));
    }
    if let Some(seconds) = request.life_cycle_hook_timeout {
        check_seconds::<ModifyLifeCycleHookError>("lifeCycleHookTimeout", seconds)?;
    }
    if let Some(name) = &request.life_cycle_hook_name {
        check_name::<ModifyLifeCycleHookError>(name)?;
        let group = &state.scaling_groups[group_index];
        let taken = group
            .life_cycle_hooks
            .iter()
            .enumerate()
            .any(|(i, h)| i != index && &h.life_cycle_hook_name == name);
        if taken {
            return Err(ModifyLifeCycleHookError::name_duplicate_life_cycle_hook(
                format!(
                    "lifeCycleHookName: scaling group {} already has another lifecycle hook named {name:?}",
                    group.scaling_group_id
                ),
            ));
        }
    }

    let hook = &mut state.scaling_groups[group_index].life_cycle_hooks[index];
    if let Some(name) = &request.life_cycle_hook_name {
        hook.life_cycle_hook_name = name.clone();
    }
    if let Some(seconds) = request.life_cycle_hook_timeout {
        hook.life_cycle_hook_timeout = seconds;
    }
    if let Some(result) = &request.default_result {
        hook.default_result = result.clone();
    }
    if let Some(transition) = &request.transition {
        hook.transition = transition.clone();
    }
    if let Some(ids) = &request.notify_ids {
        hook.notify_ids = Some(ids.clone());
    }
    Ok(ModifyLifeCycleHookOutput::new())
}

/// DescribeLIfeCycleHook (sic). Checks, in order: the group exists
/// (`InvalidParameter.ScalingGroupIdError`); the `transition` and `defaultResult` filters are
/// listed values (`HookParameterError.Transition`, `HookParameterError.DefaultResult`). Then it
/// answers the group's hooks, in the order they were created, filtered by id (a hook of another
/// group matches nothing), name, timeout, transition and default result, paged with `offset`
/// and `limit` (default 20); `totalCount` counts every match.
pub(crate) fn describe(
    state: &State,
    request: &DescribeLifeCycleHookRequest,
) -> Result<DescribeLifeCycleHookOutput, DescribeLifeCycleHookError> {
    let group_index = group_index(
        state,
        &request.scaling_group_id,
        DescribeLifeCycleHookError::invalid_parameter_scaling_group_id_error,
    )?;
    if let Some(m) = unlisted_transition(request.transition.as_ref()) {
        return Err(DescribeLifeCycleHookError::hook_parameter_error_transition(
            m,
        ));
    }
    if let Some(m) = unlisted_result("defaultResult", request.default_result.as_ref()) {
        return Err(DescribeLifeCycleHookError::hook_parameter_error_default_result(m));
    }
    let matches: Vec<&LifeCycleHook> = state.scaling_groups[group_index]
        .life_cycle_hooks
        .iter()
        .filter(|h| {
            request
                .life_cycle_hook_id
                .as_ref()
                .is_none_or(|id| id == &h.life_cycle_hook_id)
                && request
                    .life_cycle_hook_name
                    .as_ref()
                    .is_none_or(|n| n == &h.life_cycle_hook_name)
                && request
                    .life_cycle_hook_timeout
                    .is_none_or(|t| t == h.life_cycle_hook_timeout)
                && request
                    .transition
                    .as_ref()
                    .is_none_or(|t| t == &h.transition)
                && request
                    .default_result
                    .as_ref()
                    .is_none_or(|r| r == &h.default_result)
        })
        .collect();
    let total_count = i64::try_from(matches.len()).unwrap_or(i64::MAX);
    let hooks: Vec<LifeCycleHook> = page(
        matches,
        request.offset_or_default(),
        request.limit_or_default(),
    )
    .into_iter()
    .cloned()
    .collect();
    Ok(DescribeLifeCycleHookOutput::new()
        .total_count(total_count)
        .life_cycle_hook_set(hooks))
}

/// DeleteLifeCycleHook. Checks, in order: the group exists
/// (`InvalidParameter.ScalingGroupIdError`); `lifeCycleHookId` or `lifeCycleHookName` is given
/// (4000 `InvalidParameter`); by id: the hook is in the group (`InvalidParameter.GroupIdInHook`
/// for a hook of another group, 4000 `InvalidParameter` for an unknown one), and a name given
/// too is that hook's (`Conflict.NameVsLifeCycleHookId`); by name only: a hook of the group has
/// it (4000 `InvalidParameter`); the hook is not bound to the group (`InActivity.HookId`). Then
/// the hook is removed.
pub(crate) fn delete(
    state: &mut State,
    request: &DeleteLifeCycleHookRequest,
) -> Result<DeleteLifeCycleHookOutput, DeleteLifeCycleHookError> {
    let group_index = group_index(
        state,
        &request.scaling_group_id,
        DeleteLifeCycleHookError::invalid_parameter_scaling_group_id_error,
    )?;
    let group = &state.scaling_groups[group_index];
    let index = match (&request.life_cycle_hook_id, &request.life_cycle_hook_name) {
        (None, None) => {
            return Err(CommonError::invalid_parameter(
                "lifeCycleHookId: give lifeCycleHookId or lifeCycleHookName",
            )
            .into())
        }
        (Some(id), name) => {
            let index = hook_index(
                state,
                group_index,
                id,
                DeleteLifeCycleHookError::invalid_parameter_group_id_in_hook,
            )?;
            let hook = &group.life_cycle_hooks[index];
            if let Some(name) = name {
                if name != &hook.life_cycle_hook_name {
                    return Err(
                        DeleteLifeCycleHookError::conflict_name_vs_life_cycle_hook_id(format!(
                            "lifeCycleHookName: lifecycle hook {id} is named {:?}, not {name:?}",
                            hook.life_cycle_hook_name
                        )),
                    );
                }
            }
            index
        }
        (None, Some(name)) => group
            .life_cycle_hooks
            .iter()
            .position(|h| &h.life_cycle_hook_name == name)
            .ok_or_else(|| {
                DeleteLifeCycleHookError::from(CommonError::invalid_parameter(format!(
                    "lifeCycleHookName: scaling group {} has no lifecycle hook named {name:?}",
                    group.scaling_group_id
                )))
            })?,
    };
    let hook_id = &group.life_cycle_hooks[index].life_cycle_hook_id;
    if group.bound_life_cycle_hook_id.as_ref() == Some(hook_id) {
        return Err(DeleteLifeCycleHookError::in_activity_hook_id(format!(
            "lifecycle hook {hook_id} is bound to scaling group {}; unbind it first (DetachLifeCycleHookId)",
            group.scaling_group_id
        )));
    }

    state.scaling_groups[group_index]
        .life_cycle_hooks
        .remove(index);
    Ok(DeleteLifeCycleHookOutput::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use qcloud_as::operation::complete_life_cycle_hook_action::CompleteLifeCycleHookActionRequired;
    use qcloud_as::operation::create_life_cycle_hook::CreateLifeCycleHookRequired;
    use qcloud_as::types::{HookResult, Transition};

    // Server-side decoding refuses unlisted values before an action runs, so the actions' own
    // checks of them are reached only from here.
    fn create_request() -> CreateLifeCycleHookRequest {
        CreateLifeCycleHookRequest::new(CreateLifeCycleHookRequired {
            scaling_group_id: "asg-demo0001".to_owned(),
            life_cycle_hook_name: "h".to_owned(),
            life_cycle_hook_timeout: 300,
        })
    }

    #[test]
    fn unlisted_transition_and_default_result_are_hook_parameter_errors() {
        let mut state = State::demo();
        let request = create_request().transition(Transition::from_wire("2"));
        let result = create(&mut state, &request);
        assert!(
            matches!(
                &result,
                Err(CreateLifeCycleHookError::HookParameterErrorTransition(_))
            ),
            "{result:?}"
        );
        let request = create_request().default_result(HookResult::from_wire("9"));
        let result = create(&mut state, &request);
        assert!(
            matches!(
                &result,
                Err(CreateLifeCycleHookError::HookParameterErrorDefaultResult(_))
            ),
            "{result:?}"
        );
        let describe_request = DescribeLifeCycleHookRequest::new("asg-demo0001")
            .transition(Transition::from_wire("5"));
        assert!(matches!(
            describe(&state, &describe_request),
            Err(DescribeLifeCycleHookError::HookParameterErrorTransition(_))
        ));
        assert!(state.scaling_groups[0].life_cycle_hooks.is_empty());
    }

    #[test]
    fn unlisted_hook_result_is_life_cycle_hook_result_error() -> Result<(), CreateLifeCycleHookError>
    {
        let mut state = State::demo();
        let id = create(&mut state, &create_request())?.life_cycle_hook_id;
        let request =
            CompleteLifeCycleHookActionRequest::new(CompleteLifeCycleHookActionRequired {
                scaling_group_id: "asg-demo0001".to_owned(),
                life_cycle_hook_id: id,
                scaling_instance_id: "ins-demo0001".to_owned(),
                life_cycle_hook_result: HookResult::from_wire("3"),
            });
        let result = complete(&mut state, &request, 0);
        assert!(
            matches!(
                &result,
                Err(CompleteLifeCycleHookActionError::HookParameterErrorLifeCycleHookResult(_))
            ),
            "{result:?}"
        );
        Ok(())
    }
}
