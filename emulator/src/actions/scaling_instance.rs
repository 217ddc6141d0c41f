//! The instances of a scaling group: DescribeScalingInstance, AttachInstance, DetachInstance,
//! SetCvmProtectedDetach.

use super::activity;
use super::shared::{put_in, record_detach, take_out};
use crate::state::{DetachMode, GroupInstance, GroupStatus, State};
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
use std::collections::HashSet;

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
                    .is_none_or(|t| *t == m.creation_type)
                && request
                    .health_status
                    .as_ref()
                    .is_none_or(|h| *h == m.health_status)
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
            health_status: m.health_status.clone(),
            creation_type: m.creation_type.clone(),
            life_cycle_state: m.life_cycle_state.clone(),
            add_time: m.add_time.clone().unwrap_or_default(),
        })
        .protected_from_scale_in(i64::from(m.protected_from_scale_in))
    })
    .collect();
    Ok(DescribeScalingInstanceOutput::new(
        total_count,
        scaling_instances_set,
    ))
}

/// DetachInstance. Checks, in order: the group exists
/// (`InvalidParameter.ScalingGroupIdError`); every instance is in it, once
/// (`InvalidParameter.InstanceIdError`); no instance is protected from detaching by
/// SetCvmProtectedDetach; the group is active; no scaling activity runs; the group keeps at
/// least `minSize` instances (these four `OperationFailed`, common: the pages list no business
/// error for them; a protected instance is a correct id in the wrong state, like an inactive
/// group, so not `InvalidParameter.InstanceIdError`).
/// Then the instances leave the group: Manual ones stay as they are, Auto ones are released
/// (`keepInstance` 0, the default) or kept running (`keepInstance` 1); a detach activity
/// (type 3, status 2) is recorded. A desired capacity the group has goes down by as many (so
/// the simulation does not launch replacements), within `[minSize, maxSize]`.
pub(crate) fn detach(
    state: &mut State,
    request: &DetachInstanceRequest,
    now: u64,
) -> Result<DetachInstanceOutput, DetachInstanceError> {
    let group_id = &request.scaling_group_id;
    let Some(group_index) = state
        .scaling_groups
        .iter()
        .position(|g| &g.scaling_group_id == group_id)
    else {
        return Err(
            DetachInstanceError::invalid_parameter_scaling_group_id_error(format!(
                "scaling group {group_id} does not exist"
            )),
        );
    };
    let group = &state.scaling_groups[group_index];

    let mut wanted = HashSet::new();
    for id in &request.instance_ids {
        if !group.instances.iter().any(|m| &m.instance_id == id) {
            return Err(DetachInstanceError::invalid_parameter_instance_id_error(
                format!("instance {id} is not in scaling group {group_id}"),
            ));
        }
        if !wanted.insert(id.as_str()) {
            return Err(DetachInstanceError::invalid_parameter_instance_id_error(
                format!("instance {id} is given more than once"),
            ));
        }
    }
    // The pages list no business code for the rules below: they fail as operations.
    let protected: Vec<&str> = group
        .instances
        .iter()
        .filter(|m| m.protected_from_detach && wanted.contains(m.instance_id.as_str()))
        .map(|m| m.instance_id.as_str())
        .collect();
    if !protected.is_empty() {
        return Err(CommonError::operation_failed(format!(
            "instanceIds: instance(s) {} are protected from detaching (SetCvmProtectedDetach); \
             clear the protection first",
            protected.join(", ")
        ))
        .into());
    }
    if group.status != GroupStatus::Active {
        return Err(CommonError::operation_failed(format!(
            "scaling group {group_id} is not active"
        ))
        .into());
    }
    if group.in_scaling_activity {
        return Err(CommonError::operation_failed(format!(
            "scaling group {group_id} is performing a scaling activity"
        ))
        .into());
    }
    let remaining = group.instances.len() - wanted.len();
    if i64::try_from(remaining).unwrap_or(i64::MAX) < group.min_size {
        return Err(CommonError::operation_failed(format!(
            "detaching {} of {} instances would leave {remaining}, below minSize {}",
            wanted.len(),
            group.instances.len(),
            group.min_size
        ))
        .into());
    }
    let activity_id = activity::new_id::<DetachInstanceError>(state)?;

    // Every check passed: change the state.
    let keep = request.keep_instance_or_default() == KeepInstance::Keep;
    let mode = if keep {
        DetachMode::Keep
    } else {
        DetachMode::Terminate
    };
    let taken = take_out(state, group_index, &wanted, mode);
    let ids: Vec<String> = request.instance_ids.clone();
    let cause = format!(
        "DetachInstance removed {} instance(s) from the group ({}; {} released)",
        ids.len(),
        if keep {
            "keepInstance 1"
        } else {
            "keepInstance 0"
        },
        taken.terminated.len()
    );
    record_detach(state, activity_id, group_id, mode, cause, ids, now);
    Ok(DetachInstanceOutput::new())
}

/// AttachInstance. Checks, in order:
///
/// 1. the group exists → `InvalidParameter.ScalingGroupIdError`;
/// 2. for each instance, in the order given: it exists in the account, is given once and is
///    not in this group already → `InvalidParameter.InstanceIdError`; it is in no other group
///    → `IncorrectInstanceStatus.InOtherScalingGroup`; it is `Running` → `OperationFailed`;
/// 3. the group is active, 4. no scaling activity runs, 5. the group's instance count plus the
///    new instances is at most `maxSize` → `OperationFailed` (common: the page lists no
///    business error for these).
///
/// Then the instances join the group as `Manual`, `Healthy`, `InService` instances added now,
/// a desired capacity the group has goes up by as many (within `[minSize, maxSize]`, so the
/// simulation does not remove them again), and an attach activity (type 2, status 2) is
/// recorded. The state holds no instance type or
/// project, so `InvalidInstanceId.ScallingConfigurationMismatch` and
/// `InvalidParameter.InvalidProjectId` are never answered.
pub(crate) fn attach(
    state: &mut State,
    request: &AttachInstanceRequest,
    now: u64,
) -> Result<AttachInstanceOutput, AttachInstanceError> {
    let group_id = &request.scaling_group_id;
    let Some(group_index) = state
        .scaling_groups
        .iter()
        .position(|g| &g.scaling_group_id == group_id)
    else {
        return Err(
            AttachInstanceError::invalid_parameter_scaling_group_id_error(format!(
                "scalingGroupId: scaling group {group_id} does not exist"
            )),
        );
    };
    let mut wanted = HashSet::new();
    for id in &request.instance_ids {
        let Some(instance) = state.instance(id) else {
            return Err(AttachInstanceError::invalid_parameter_instance_id_error(
                format!("instanceIds: instance {id} does not exist"),
            ));
        };
        if !wanted.insert(id.as_str()) {
            return Err(AttachInstanceError::invalid_parameter_instance_id_error(
                format!("instanceIds: instance {id} is given more than once"),
            ));
        }
        if let Some(other) = state
            .scaling_groups
            .iter()
            .find(|g| g.instances.iter().any(|m| &m.instance_id == id))
        {
            if &other.scaling_group_id == group_id {
                return Err(AttachInstanceError::invalid_parameter_instance_id_error(
                    format!("instanceIds: instance {id} is already in scaling group {group_id}"),
                ));
            }
            return Err(
                AttachInstanceError::incorrect_instance_status_in_other_scaling_group(format!(
                    "instanceIds: instance {id} is in another scaling group, {}",
                    other.scaling_group_id
                )),
            );
        }
        if !instance.state.eq_ignore_ascii_case("Running") {
            return Err(CommonError::operation_failed(format!(
                "instanceIds: instance {id} is {}, not Running",
                instance.state
            ))
            .into());
        }
    }
    let group = &state.scaling_groups[group_index];
    if group.status != GroupStatus::Active {
        return Err(CommonError::operation_failed(format!(
            "scaling group {group_id} is not active"
        ))
        .into());
    }
    if group.in_scaling_activity {
        return Err(CommonError::operation_failed(format!(
            "scaling group {group_id} is performing a scaling activity"
        ))
        .into());
    }
    let after = group.instances.len() + wanted.len();
    if i64::try_from(after).unwrap_or(i64::MAX) > group.max_size {
        return Err(CommonError::operation_failed(format!(
            "instanceIds: attaching {} instance(s) to the {} of scaling group {group_id} would make \
             {after}, above maxSize {}",
            wanted.len(),
            group.instances.len(),
            group.max_size
        ))
        .into());
    }
    let activity_id = activity::new_id::<AttachInstanceError>(state)?;

    // Every check passed: change the state.
    let cause = format!(
        "AttachInstance added {} instance(s) to the group",
        request.instance_ids.len()
    );
    put_in(
        state,
        group_index,
        &request.instance_ids,
        activity_id,
        cause,
        now,
    );
    Ok(AttachInstanceOutput::new())
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
    let Some(group) = state
        .scaling_groups
        .iter_mut()
        .find(|g| &g.scaling_group_id == group_id)
    else {
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
