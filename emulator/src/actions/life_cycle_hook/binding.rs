//! Binding a hook to its group (AttachLifeCycleHookId, DetachLifeCycleHookId) and the
//! instances a hook holds (CompleteLifeCycleHookAction, RecordLifeCycleHookTimeout).

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
    type E = AttachLifeCycleHookIdError;
    let group = &request.scaling_group_id;
    hooks::locate(state, Some(group), &request.life_cycle_hook_id).map_err(|e| {
        shared(
            &e,
            E::invalid_parameter_scaling_group_id_error,
            E::invalid_parameter_group_id_in_hook,
        )
        .unwrap_or_else(|| CommonError::operation_failed(e.to_string()).into())
    })?;
    let Some(parts) = state.parts_mut(group) else {
        return Err(E::invalid_parameter_scaling_group_id_error(format!(
            "scalingGroupId: scaling group {group} does not exist"
        )));
    };
    match parts.bound_hook {
        Some(bound) if bound != &request.life_cycle_hook_id => Err(
            E::conflict_scaling_group_id_vs_life_cycle_hook_id(format!(
                "scaling group {group} already has lifecycle hook {bound} bound; unbind it first (DetachLifeCycleHookId)"
            )),
        ),
        _ => {
            *parts.bound_hook = Some(request.life_cycle_hook_id.clone());
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
    let group = &request.scaling_group_id;
    let Some(parts) = state.parts_mut(group) else {
        return Err(
            DetachLifeCycleHookIdError::invalid_parameter_scaling_group_id_error(format!(
                "scalingGroupId: scaling group {group} does not exist"
            )),
        );
    };
    *parts.bound_hook = None;
    Ok(DetachLifeCycleHookIdOutput::new())
}

/// CompleteLifeCycleHookAction's answer to a refusal of the domain; a hook that does not hold
/// the instance (any more) is not a refusal in API 2.0 (`None`).
pub(crate) fn complete_error(e: DomainError) -> Option<CompleteLifeCycleHookActionError> {
    type E = CompleteLifeCycleHookActionError;
    match e {
        DomainError::HookNotHolding { .. } | DomainError::HookResultAlreadySet { .. } => None,
        e => Some(
            shared(
                &e,
                E::invalid_parameter_scaling_group_id_error,
                E::invalid_parameter_group_id_in_hook,
            )
            .unwrap_or_else(|| CommonError::operation_failed(e.to_string()).into()),
        ),
    }
}

/// CompleteLifeCycleHookAction, through [`hooks::complete`]. Checks, in order: the group
/// exists (`InvalidParameter.ScalingGroupIdError`); the hook is in it
/// (`InvalidParameter.GroupIdInHook` for a hook of another group, 4000 `InvalidParameter` for
/// an unknown one); `lifeCycleHookResult` is a listed value
/// (`HookParameterError.LifeCycleHookResult`; an unlisted value is already refused when the
/// request is decoded, 4000 `InvalidParameterValue`); the instance exists and is in the group
/// (4000 `InvalidParameter`). Then, when the hook holds the instance, the hold ends `now` with
/// the given result (`0` continue: a launching instance goes in service, a terminating one is
/// removed; `1` abandon: a launching instance is released, a terminating one is removed all
/// the same); otherwise nothing changes.
pub(crate) fn complete(
    state: &mut State,
    request: &CompleteLifeCycleHookActionRequest,
    now: u64,
) -> Result<CompleteLifeCycleHookActionOutput, CompleteLifeCycleHookActionError> {
    let (group, hook) = (&request.scaling_group_id, &request.life_cycle_hook_id);
    if let Err(e) = hooks::locate(state, Some(group), hook) {
        if let Some(answer) = complete_error(e) {
            return Err(answer);
        }
    }
    if let Some(m) = unlisted_result("lifeCycleHookResult", Some(&request.life_cycle_hook_result)) {
        return Err(
            CompleteLifeCycleHookActionError::hook_parameter_error_life_cycle_hook_result(m),
        );
    }
    check_member::<CompleteLifeCycleHookActionError>(state, group, &request.scaling_instance_id)?;
    let outcome = hooks::complete(
        state,
        Some(group),
        hook,
        &request.scaling_instance_id,
        result(&request.life_cycle_hook_result),
        now,
    );
    if let Err(e) = outcome {
        if let Some(answer) = complete_error(e) {
            return Err(answer);
        }
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
    type E = RecordLifeCycleHookTimeoutError;
    let (group, hook) = (&request.scaling_group_id, &request.life_cycle_hook_id);
    hooks::locate(state, Some(group), hook).map_err(|e| {
        shared(
            &e,
            E::invalid_parameter_scaling_group_id_error,
            E::invalid_parameter_group_id_in_hook,
        )
        .unwrap_or_else(|| CommonError::operation_failed(e.to_string()).into())
    })?;
    let timeout = check_seconds::<E>("recordTimeout", request.record_timeout)?;
    check_member::<E>(state, group, &request.scaling_instance_id)?;
    state.extend_hold(
        group,
        hook,
        &request.scaling_instance_id,
        now.saturating_add(timeout),
    );
    Ok(RecordLifeCycleHookTimeoutOutput::new())
}
