//! The instances of a scaling group: DescribeScalingInstance, AttachInstance, DetachInstance,
//! SetCvmProtectedDetach.

use super::group_words::{creation_type, health_status, life_cycle_state, time_text};
use crate::domain::{instances, DomainError, Leave, Rules};
use crate::state::{GroupInstance, State};
use crate::util::page;
use qcloud_as::operation::attach_instance::{
    AttachInstanceError, AttachInstanceOutput, AttachInstanceRequest,
};
use qcloud_as::operation::describe_scaling_instance::{
    DescribeScalingInstanceError, DescribeScalingInstanceOutput, DescribeScalingInstanceRequest,
    ScalingInstance, ScalingInstanceRequired,
};
use qcloud_as::operation::detach_instance::{
    DetachInstanceError, DetachInstanceOutput, DetachInstanceRequest, KeepInstance,
};
use qcloud_as::operation::set_cvm_protected_detach::{
    DetachProtection, SetCvmProtectedDetachError, SetCvmProtectedDetachOutput,
    SetCvmProtectedDetachRequest,
};
use qcloud_as::CommonError;

/// DescribeScalingInstance: the group must exist; filters by instance ids, creation type and
/// health; pages with offset and limit; `totalCount` counts every match.
pub(crate) fn describe(
    state: &State,
    request: &DescribeScalingInstanceRequest,
) -> Result<DescribeScalingInstanceOutput, DescribeScalingInstanceError> {
    // The page lists only common errors: an unknown group is an invalid parameter.
    let group = state.group(&request.scaling_group_id).ok_or_else(|| {
        DescribeScalingInstanceError::from(CommonError::invalid_parameter(format!(
            "scalingGroupId: scaling group {} does not exist",
            request.scaling_group_id
        )))
    })?;
    let matches: Vec<&GroupInstance> = group
        .instances
        .iter()
        .filter(|m| {
            request
                .instance_ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&m.instance_id))
                && request
                    .creation_type
                    .as_ref()
                    .is_none_or(|t| *t == creation_type(m.creation))
                && request
                    .health_status
                    .as_ref()
                    .is_none_or(|h| *h == health_status(m.health))
        })
        .collect();
    let total_count = i64::try_from(matches.len()).unwrap_or(i64::MAX);
    let scaling_instances_set: Vec<ScalingInstance> = page(
        matches,
        request.offset_or_default(),
        request.limit_or_default(),
    )
    .into_iter()
    .map(|m| {
        ScalingInstance::new(ScalingInstanceRequired {
            instance_id: m.instance_id.clone(),
            health_status: health_status(m.health),
            creation_type: creation_type(m.creation),
            life_cycle_state: life_cycle_state(&m.life_cycle),
            add_time: time_text(m.added_at),
        })
        .protected_from_scale_in(i64::from(m.protected_from_scale_in))
    })
    .collect();
    Ok(DescribeScalingInstanceOutput::new(
        total_count,
        scaling_instances_set,
    ))
}

/// DetachInstance: [`instances::leave`] under [`Rules::API_V2`] (an inactive group is
/// refused), keeping (`keepInstance` 1) or terminating (0, the default) the instances the
/// group launched; attached ones are never released. Refusals: an unknown group
/// `InvalidParameter.ScalingGroupIdError`; an instance not in it or named twice
/// `InvalidParameter.InstanceIdError`; the rest `OperationFailed` (common: the pages list no
/// business error for them).
pub(crate) fn detach(
    state: &mut State,
    request: &DetachInstanceRequest,
    now: u64,
) -> Result<DetachInstanceOutput, DetachInstanceError> {
    let how = if request.keep_instance_or_default() == KeepInstance::Keep {
        Leave::Keep
    } else {
        Leave::Terminate
    };
    instances::leave(
        state,
        &request.scaling_group_id,
        &request.instance_ids,
        how,
        &Rules::API_V2,
        "DetachInstance",
        now,
    )
    .map_err(detach_error)?;
    Ok(DetachInstanceOutput::new())
}

/// DetachInstance's answer to a refusal of the domain.
pub(crate) fn detach_error(e: DomainError) -> DetachInstanceError {
    match e {
        DomainError::GroupNotFound { .. } => {
            DetachInstanceError::invalid_parameter_scaling_group_id_error(e.to_string())
        }
        DomainError::InstanceNotInGroup { .. } | DomainError::InstanceGivenTwice { .. } => {
            DetachInstanceError::invalid_parameter_instance_id_error(e.to_string())
        }
        other => operation_failed(&other),
    }
}

/// AttachInstance: [`instances::attach`] under [`Rules::API_V2`] (`Running` instances only,
/// an active group only). Refusals: an unknown group `InvalidParameter.ScalingGroupIdError`;
/// an unknown instance, one named twice or already in the group
/// `InvalidParameter.InstanceIdError`; one in another group
/// `IncorrectInstanceStatus.InOtherScalingGroup`; the rest `OperationFailed` (common). The
/// state holds no instance type or project, so `InvalidInstanceId.ScallingConfigurationMismatch`
/// and `InvalidParameter.InvalidProjectId` are never answered.
pub(crate) fn attach(
    state: &mut State,
    request: &AttachInstanceRequest,
    now: u64,
) -> Result<AttachInstanceOutput, AttachInstanceError> {
    instances::attach(
        state,
        &request.scaling_group_id,
        &request.instance_ids,
        &Rules::API_V2,
        "AttachInstance",
        now,
    )
    .map_err(attach_error)?;
    Ok(AttachInstanceOutput::new())
}

/// AttachInstance's answer to a refusal of the domain.
pub(crate) fn attach_error(e: DomainError) -> AttachInstanceError {
    match e {
        DomainError::GroupNotFound { .. } => {
            AttachInstanceError::invalid_parameter_scaling_group_id_error(format!(
                "scalingGroupId: {e}"
            ))
        }
        DomainError::InstanceNotFound { .. }
        | DomainError::InstanceGivenTwice { .. }
        | DomainError::InstanceAlreadyInGroup { .. } => {
            AttachInstanceError::invalid_parameter_instance_id_error(format!("instanceIds: {e}"))
        }
        DomainError::InstanceInOtherGroup { .. } => {
            AttachInstanceError::incorrect_instance_status_in_other_scaling_group(format!(
                "instanceIds: {e}"
            ))
        }
        other => operation_failed(&other),
    }
}

/// `OperationFailed` (common), or `InternalError` for a failure of the emulator itself.
fn operation_failed<E: From<CommonError>>(e: &DomainError) -> E {
    match e {
        DomainError::NoRandomness(_) => CommonError::internal_error(e.to_string()).into(),
        _ => CommonError::operation_failed(e.to_string()).into(),
    }
}

/// SetCvmProtectedDetach. Checks, in order: the group exists
/// (`InvalidParameter.ScalingGroupIdError`); `protectedFromDetach` is 0 or 1
/// (`InvalidParameter.ProtectedFromDetach`; decoding already refuses other values with
/// `InvalidParameter`, so this is a second guard); every instance is in the group
/// (`InvalidParameter.InstanceIdError`). Then each instance's protection from DetachInstance
/// is set (1) or cleared (0); giving an instance twice, or one already in that state, is not
/// an error.
pub(crate) fn set_protected_detach(
    state: &mut State,
    request: &SetCvmProtectedDetachRequest,
) -> Result<SetCvmProtectedDetachOutput, SetCvmProtectedDetachError> {
    let group_id = &request.scaling_group_id;
    let Some(group) = state.group_mut(group_id) else {
        return Err(
            SetCvmProtectedDetachError::invalid_parameter_scaling_group_id_error(format!(
                "scalingGroupId: scaling group {group_id} does not exist"
            )),
        );
    };
    let protect = match request.protected_from_detach {
        DetachProtection::Protected => true,
        DetachProtection::Unprotected => false,
        _ => {
            return Err(
                SetCvmProtectedDetachError::invalid_parameter_protected_from_detach(format!(
                    "protectedFromDetach: {} is neither 0 nor 1",
                    request.protected_from_detach
                )),
            )
        }
    };
    if let Some(id) = request
        .instance_ids
        .iter()
        .find(|id| !group.instances.iter().any(|m| &&m.instance_id == id))
    {
        return Err(
            SetCvmProtectedDetachError::invalid_parameter_instance_id_error(format!(
                "instanceIds: instance {id} is not in scaling group {group_id}"
            )),
        );
    }
    for member in &mut group.instances {
        if request.instance_ids.contains(&member.instance_id) {
            member.protected_from_detach = protect;
        }
    }
    Ok(SetCvmProtectedDetachOutput::new())
}
