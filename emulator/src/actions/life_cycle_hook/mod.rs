//! Lifecycle hooks of scaling groups: CreateLifeCycleHook, ModifyLifeCycleHook,
//! DescribeLIfeCycleHook (sic; `describe`), DeleteLifeCycleHook, AttachLifeCycleHookId,
//! DetachLifeCycleHookId, CompleteLifeCycleHookAction, RecordLifeCycleHookTimeout.
//!
//! Hooks are the domain's ([`crate::domain::hooks`], shared with API 3.0), at most
//! [`Quota::LifecycleHooksPerGroup`](crate::domain::Quota::LifecycleHooksPerGroup) (10) per
//! group, names unique within the group, ids `lfh-…` unique in the account. The one bound hook
//! is `ScalingGroup::bound_life_cycle_hook_id`. A hook created through API 3.0 (`ash-…`) holds
//! whether bound or not; one created here holds only while bound.
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

use crate::domain::hooks::{self, HookChange, HookValues, LifecycleHook};
use crate::domain::parts::{self, PartsStore};
use crate::domain::DomainError;
use crate::state::State;
use crate::util::page;
#[cfg(test)]
pub(crate) use binding::complete_error;
pub(crate) use binding::{attach, complete, detach, record_timeout};
use checks::{
    check_member, check_seconds, hook_out, result, shared, transition, unlisted_result,
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
use qcloud_as::types::LifeCycleHook;
use qcloud_as::CommonError;

/// The prefix of the ids of hooks created through API 2.0.
const PREFIX: &str = "lfh";

/// CreateLifeCycleHook's answer to a refusal of the domain.
pub(crate) fn create_error(e: DomainError) -> CreateLifeCycleHookError {
    type E = CreateLifeCycleHookError;
    if let Some(answer) = shared(&e, E::invalid_parameter_scaling_group_id_error, |m| {
        E::from(CommonError::invalid_parameter(m))
    }) {
        return answer;
    }
    match e {
        DomainError::HookNameTaken { .. } => {
            E::name_duplicate_life_cycle_hook(format!("lifeCycleHookName: {e}"))
        }
        DomainError::QuotaExceeded { .. } => E::quota_exceeded_hook_limit(e.to_string()),
        e => CommonError::operation_failed(e.to_string()).into(),
    }
}

/// CreateLifeCycleHook, through [`hooks::create`]. Checks, in order: the group exists
/// (`InvalidParameter.ScalingGroupIdError`); `transition` and `defaultResult` are listed values
/// (`HookParameterError.Transition`, `HookParameterError.DefaultResult`; an unlisted value is
/// already refused when the request is decoded, 4000 `InvalidParameterValue`);
/// `lifeCycleHookTimeout` is not negative and the name is not empty (4000 `InvalidParameter`);
/// no hook of the group has the name (`NameDuplicate.LifeCycleHook`); the group has fewer than
/// 10 hooks (`QuotaExceeded.HookLimit`). Then the hook is added, unbound (it holds only once
/// bound), with a new `lfh-…` id (answered), `defaultResult` 0 and `transition` 0 unless
/// given.
pub(crate) fn create(
    state: &mut State,
    request: &CreateLifeCycleHookRequest,
    now: u64,
) -> Result<CreateLifeCycleHookOutput, CreateLifeCycleHookError> {
    let group = &request.scaling_group_id;
    if state.group(group).is_none() {
        return Err(create_error(DomainError::GroupNotFound {
            group: group.clone(),
        }));
    }
    if let Some(m) = unlisted_transition(request.transition.as_ref()) {
        return Err(CreateLifeCycleHookError::hook_parameter_error_transition(m));
    }
    if let Some(m) = unlisted_result("defaultResult", request.default_result.as_ref()) {
        return Err(CreateLifeCycleHookError::hook_parameter_error_default_result(m));
    }
    let timeout = check_seconds::<CreateLifeCycleHookError>(
        "lifeCycleHookTimeout",
        request.life_cycle_hook_timeout,
    )?;
    let values = HookValues {
        name: request.life_cycle_hook_name.clone(),
        transition: transition(&request.transition_or_default()),
        default_result: result(&request.default_result_or_default()),
        heartbeat_timeout: timeout,
        notify_user_groups: request.notify_ids.clone(),
        notification_metadata: None,
        message_target: None,
        scope: Default::default(),
        command: None,
    };
    let id = hooks::create(state, group, values, PREFIX, false, now).map_err(create_error)?;
    Ok(CreateLifeCycleHookOutput::new(id))
}

/// ModifyLifeCycleHook's answer to a refusal of the domain.
pub(crate) fn modify_error(e: DomainError) -> ModifyLifeCycleHookError {
    type E = ModifyLifeCycleHookError;
    if let Some(answer) = shared(
        &e,
        E::invalid_parameter_scaling_group_id_error,
        E::invalid_parameter_group_id_in_hook,
    ) {
        return answer;
    }
    match e {
        DomainError::HookNameTaken { .. } => {
            E::name_duplicate_life_cycle_hook(format!("lifeCycleHookName: {e}"))
        }
        e => CommonError::operation_failed(e.to_string()).into(),
    }
}

/// ModifyLifeCycleHook, through [`hooks::modify`]. Checks, in order: the group exists
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
    let (group, id) = (&request.scaling_group_id, &request.life_cycle_hook_id);
    hooks::locate(state, Some(group), id).map_err(modify_error)?;
    if let Some(m) = unlisted_transition(request.transition.as_ref()) {
        return Err(ModifyLifeCycleHookError::hook_parameter_error_transition(m));
    }
    if let Some(m) = unlisted_result("defaultResult", request.default_result.as_ref()) {
        return Err(ModifyLifeCycleHookError::hook_parameter_error_default_result(m));
    }
    let timeout = match request.life_cycle_hook_timeout {
        Some(seconds) => Some(check_seconds::<ModifyLifeCycleHookError>(
            "lifeCycleHookTimeout",
            seconds,
        )?),
        None => None,
    };
    let change = HookChange {
        name: request.life_cycle_hook_name.clone(),
        transition: request.transition.as_ref().map(transition),
        default_result: request.default_result.as_ref().map(result),
        heartbeat_timeout: timeout,
        notify_user_groups: request.notify_ids.clone().map(Some),
        ..HookChange::default()
    };
    hooks::modify(state, Some(group), id, change).map_err(modify_error)?;
    Ok(ModifyLifeCycleHookOutput::new())
}

/// DescribeLIfeCycleHook (sic). Checks, in order: the group exists
/// (`InvalidParameter.ScalingGroupIdError`); the `transition` and `defaultResult` filters are
/// listed values (`HookParameterError.Transition`, `HookParameterError.DefaultResult`). Then it
/// answers the group's hooks ([`parts::list`]), in the order they were created, filtered by id
/// (a hook of another group matches nothing), name, timeout, transition and default result,
/// paged with `offset` and `limit` (default 20); `totalCount` counts every match.
pub(crate) fn describe(
    state: &State,
    request: &DescribeLifeCycleHookRequest,
) -> Result<DescribeLifeCycleHookOutput, DescribeLifeCycleHookError> {
    let group = &request.scaling_group_id;
    let listed = parts::list::<LifecycleHook>(state, Some(group)).map_err(|e| {
        DescribeLifeCycleHookError::invalid_parameter_scaling_group_id_error(format!(
            "scalingGroupId: {e}"
        ))
    })?;
    if let Some(m) = unlisted_transition(request.transition.as_ref()) {
        return Err(DescribeLifeCycleHookError::hook_parameter_error_transition(
            m,
        ));
    }
    if let Some(m) = unlisted_result("defaultResult", request.default_result.as_ref()) {
        return Err(DescribeLifeCycleHookError::hook_parameter_error_default_result(m));
    }
    let matches: Vec<LifeCycleHook> = listed
        .iter()
        .map(|(g, h)| hook_out(g, h))
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
    let hooks = page(
        matches,
        request.offset_or_default(),
        request.limit_or_default(),
    );
    Ok(DescribeLifeCycleHookOutput::new()
        .total_count(total_count)
        .life_cycle_hook_set(hooks))
}

/// DeleteLifeCycleHook's answer to a refusal of the domain.
pub(crate) fn delete_error(e: DomainError) -> DeleteLifeCycleHookError {
    type E = DeleteLifeCycleHookError;
    if let Some(answer) = shared(
        &e,
        E::invalid_parameter_scaling_group_id_error,
        E::invalid_parameter_group_id_in_hook,
    ) {
        return answer;
    }
    match e {
        DomainError::HookBound { .. } => E::in_activity_hook_id(e.to_string()),
        e => CommonError::operation_failed(e.to_string()).into(),
    }
}

/// DeleteLifeCycleHook, through [`hooks::delete`]. Checks, in order: the group exists
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
    let group = &request.scaling_group_id;
    let Some(parts) = state.parts(group) else {
        return Err(delete_error(DomainError::GroupNotFound {
            group: group.clone(),
        }));
    };
    let id = match (&request.life_cycle_hook_id, &request.life_cycle_hook_name) {
        (None, None) => {
            return Err(CommonError::invalid_parameter(
                "lifeCycleHookId: give lifeCycleHookId or lifeCycleHookName",
            )
            .into())
        }
        (Some(id), name) => {
            let (_, index) = hooks::locate(state, Some(group), id).map_err(delete_error)?;
            if let (Some(name), Some(hook)) = (name, parts.lifecycle_hooks.get(index)) {
                if name != &hook.name {
                    return Err(
                        DeleteLifeCycleHookError::conflict_name_vs_life_cycle_hook_id(format!(
                            "lifeCycleHookName: lifecycle hook {id} is named {:?}, not {name:?}",
                            hook.name
                        )),
                    );
                }
            }
            id.clone()
        }
        (None, Some(name)) => parts
            .lifecycle_hooks
            .iter()
            .find(|h| &h.name == name)
            .map(|h| h.id.clone())
            .ok_or_else(|| {
                DeleteLifeCycleHookError::from(CommonError::invalid_parameter(format!(
                    "lifeCycleHookName: scaling group {group} has no lifecycle hook named {name:?}"
                )))
            })?,
    };
    hooks::delete(state, Some(group), &id).map_err(delete_error)?;
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
        let result = create(&mut state, &request, 0);
        assert!(
            matches!(
                &result,
                Err(CreateLifeCycleHookError::HookParameterErrorTransition(_))
            ),
            "{result:?}"
        );
        let request = create_request().default_result(HookResult::from_wire("9"));
        let result = create(&mut state, &request, 0);
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
        assert!(state.scaling_groups[0].lifecycle_hooks.is_empty());
    }

    #[test]
    fn unlisted_hook_result_is_life_cycle_hook_result_error() -> Result<(), CreateLifeCycleHookError>
    {
        let mut state = State::demo();
        let id = create(&mut state, &create_request(), 0)?.life_cycle_hook_id;
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
