//! Binding a hook to its group (AttachLifeCycleHookId, DetachLifeCycleHookId) and the
//! instances a bound hook holds (CompleteLifeCycleHookAction, RecordLifeCycleHookTimeout).

use super::*;

/// AttachLifeCycleHookId. Checks, in order: the group exists
/// (`InvalidParameter.ScalingGroupIdError`); the hook is in it (`InvalidParameter.GroupIdInHook`
/// for a hook of another group, 4000 `InvalidParameter` for an unknown one); no other hook is
/// bound to the group (`Conflict.ScalingGroupIdVsLifeCycleHookId`). Then the hook is bound;
/// binding the hook already bound changes nothing.
pub(crate) fn attach(
    state: &mut State,
    request: &AttachLifeCycleHookIdRequest,
) -> Result<AttachLifeCycleHookIdOutput, AttachLifeCycleHookIdError> {
    let group_index = group_index(
        state,
        &request.scaling_group_id,
        AttachLifeCycleHookIdError::invalid_parameter_scaling_group_id_error,
    )?;
    hook_index(
        state,
        group_index,
        &request.life_cycle_hook_id,
        AttachLifeCycleHookIdError::invalid_parameter_group_id_in_hook,
    )?;
    let group = &mut state.scaling_groups[group_index];
    match &group.bound_life_cycle_hook_id {
        Some(bound) if bound != &request.life_cycle_hook_id => Err(
            AttachLifeCycleHookIdError::conflict_scaling_group_id_vs_life_cycle_hook_id(format!(
                "scaling group {} already has lifecycle hook {bound} bound; unbind it first (DetachLifeCycleHookId)",
                group.scaling_group_id
            )),
        ),
        _ => {
            group.bound_life_cycle_hook_id = Some(request.life_cycle_hook_id.clone());
            Ok(AttachLifeCycleHookIdOutput::new())
        }
    }
}

/// DetachLifeCycleHookId. Checks that the group exists (`InvalidParameter.ScalingGroupIdError`),
/// then unbinds its hook; the hook is kept. A group with no hook bound answers success too.
pub(crate) fn detach(
    state: &mut State,
    request: &DetachLifeCycleHookIdRequest,
) -> Result<DetachLifeCycleHookIdOutput, DetachLifeCycleHookIdError> {
    let group_index = group_index(
        state,
        &request.scaling_group_id,
        DetachLifeCycleHookIdError::invalid_parameter_scaling_group_id_error,
    )?;
    state.scaling_groups[group_index].bound_life_cycle_hook_id = None;
    Ok(DetachLifeCycleHookIdOutput::new())
}

/// CompleteLifeCycleHookAction. Checks, in order: the group exists
/// (`InvalidParameter.ScalingGroupIdError`); the hook is in it (`InvalidParameter.GroupIdInHook`
/// for a hook of another group, 4000 `InvalidParameter` for an unknown one);
/// `lifeCycleHookResult` is a listed value (`HookParameterError.LifeCycleHookResult`; an
/// unlisted value is already refused when the request is decoded, 4000 `InvalidParameterValue`);
/// the instance exists and is in the group (4000 `InvalidParameter`). Then, when the hook holds
/// the instance, the hold ends `now` with the given result (`0` continue: a launching instance
/// goes in service, a terminating one is removed; `1` abandon: a launching instance is released,
/// a terminating one is removed all the same); otherwise nothing changes.
pub(crate) fn complete(
    state: &mut State,
    request: &CompleteLifeCycleHookActionRequest,
    now: u64,
) -> Result<CompleteLifeCycleHookActionOutput, CompleteLifeCycleHookActionError> {
    let group_index = group_index(
        state,
        &request.scaling_group_id,
        CompleteLifeCycleHookActionError::invalid_parameter_scaling_group_id_error,
    )?;
    hook_index(
        state,
        group_index,
        &request.life_cycle_hook_id,
        CompleteLifeCycleHookActionError::invalid_parameter_group_id_in_hook,
    )?;
    if let Some(m) = unlisted_result("lifeCycleHookResult", Some(&request.life_cycle_hook_result)) {
        return Err(
            CompleteLifeCycleHookActionError::hook_parameter_error_life_cycle_hook_result(m),
        );
    }
    check_member::<CompleteLifeCycleHookActionError>(
        state,
        group_index,
        &request.scaling_instance_id,
    )?;
    if let Some(step) = held(
        state,
        &request.scaling_group_id,
        &request.life_cycle_hook_id,
        &request.scaling_instance_id,
    ) {
        step.result = Some(request.life_cycle_hook_result.clone());
        step.completed = true;
        step.until = now;
    }
    Ok(CompleteLifeCycleHookActionOutput::new())
}

/// RecordLifeCycleHookTimeout. Checks, in order: the group exists
/// (`InvalidParameter.ScalingGroupIdError`); the hook is in it (`InvalidParameter.GroupIdInHook`
/// for a hook of another group, 4000 `InvalidParameter` for an unknown one); `recordTimeout` is
/// not negative (4000 `InvalidParameter`); the instance exists and is in the group (4000
/// `InvalidParameter`). Then, when the hook holds the instance, the hold now times out
/// `recordTimeout` seconds from `now` (a heartbeat); otherwise nothing changes.
pub(crate) fn record_timeout(
    state: &mut State,
    request: &RecordLifeCycleHookTimeoutRequest,
    now: u64,
) -> Result<RecordLifeCycleHookTimeoutOutput, RecordLifeCycleHookTimeoutError> {
    let group_index = group_index(
        state,
        &request.scaling_group_id,
        RecordLifeCycleHookTimeoutError::invalid_parameter_scaling_group_id_error,
    )?;
    hook_index(
        state,
        group_index,
        &request.life_cycle_hook_id,
        RecordLifeCycleHookTimeoutError::invalid_parameter_group_id_in_hook,
    )?;
    check_seconds::<RecordLifeCycleHookTimeoutError>("recordTimeout", request.record_timeout)?;
    check_member::<RecordLifeCycleHookTimeoutError>(
        state,
        group_index,
        &request.scaling_instance_id,
    )?;
    let timeout = u64::try_from(request.record_timeout).unwrap_or(0);
    if let Some(step) = held(
        state,
        &request.scaling_group_id,
        &request.life_cycle_hook_id,
        &request.scaling_instance_id,
    ) {
        step.until = now.saturating_add(timeout);
    }
    Ok(RecordLifeCycleHookTimeoutOutput::new())
}

/// The hold of `instance` by `hook` in an activity of `group` in progress, if there is one
/// that was not completed yet.
fn held<'a>(
    state: &'a mut State,
    group: &str,
    hook: &str,
    instance: &str,
) -> Option<&'a mut InstanceStep> {
    state
        .simulation
        .activities
        .iter_mut()
        .filter(|a| a.scaling_group_id == group)
        .flat_map(|a| a.instances.iter_mut())
        .find(|s| {
            s.instance_id == instance
                && matches!(s.step, Step::LaunchHook | Step::RemoveHook)
                && s.life_cycle_hook_id.as_deref() == Some(hook)
                && !s.completed
        })
}
