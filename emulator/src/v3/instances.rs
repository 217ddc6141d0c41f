//! Instances joining and leaving groups in API 3.0: AttachInstances, DetachInstances,
//! RemoveInstances, SetInstancesProtection. The wire checks (id forms, list lengths) are
//! here; the rules are the domain's ([`crate::domain::instances`], under [`Rules::API_V3`]).

use super::query::{well_formed, MAX_IDS};
use super::{find_group, Missing};
use crate::domain::{instances, DomainError, Leave, Rules};
use crate::state::State;
use qcloud_as::v3::operation::attach_instances::{
    AttachInstancesError as AttachError, AttachInstancesOutput as AttachOutput,
    AttachInstancesRequest as AttachRequest,
};
use qcloud_as::v3::operation::detach_instances::{
    DetachInstancesError as DetachError, DetachInstancesOutput as DetachOutput,
    DetachInstancesRequest as DetachRequest,
};
use qcloud_as::v3::operation::remove_instances::{
    RemoveInstancesError as RemoveError, RemoveInstancesOutput as RemoveOutput,
    RemoveInstancesRequest as RemoveRequest,
};
use qcloud_as::v3::operation::set_instances_protection::{
    SetInstancesProtectionError as ProtectError, SetInstancesProtectionOutput as ProtectOutput,
    SetInstancesProtectionRequest as ProtectRequest,
};
use qcloud_as::v3::CommonError;
use std::collections::HashSet;

/// Why the instances a request names are refused before the domain sees them.
enum Refusal {
    Group(Missing),
    Empty(String),
    TooMany(String),
    BadId(String),
}

/// The group's index, and the instances named (each once, well formed, at most 100).
fn named<'a>(
    state: &State,
    group: &str,
    ids: &'a [String],
) -> Result<(usize, HashSet<&'a str>), Refusal> {
    let g = find_group(state, group).map_err(Refusal::Group)?;
    if ids.is_empty() {
        return Err(Refusal::Empty(
            "InstanceIds: no instance is given".to_owned(),
        ));
    }
    if ids.len() > MAX_IDS {
        return Err(Refusal::TooMany(format!(
            "InstanceIds: {} given, at most {MAX_IDS}",
            ids.len()
        )));
    }
    let mut wanted = HashSet::new();
    for id in ids {
        if !well_formed(id, "ins") {
            return Err(Refusal::BadId(format!(
                "InstanceIds: {id:?} is not an instance id (ins-…)"
            )));
        }
        if !wanted.insert(id.as_str()) {
            return Err(Refusal::BadId(format!(
                "InstanceIds: {id} is given more than once"
            )));
        }
    }
    Ok((g, wanted))
}

/// The answer of DetachInstances and RemoveInstances to a refusal before the domain;
/// `empty` answers an empty list.
macro_rules! named_refusal {
    ($error:ty, $empty:expr) => {
        |r: Refusal| -> $error {
            match r {
                Refusal::Group(Missing::Malformed(m)) => {
                    <$error>::invalid_parameter_value_invalid_auto_scaling_group_id(m)
                }
                Refusal::Group(Missing::NotFound(m)) => {
                    <$error>::resource_not_found_auto_scaling_group_not_found(m)
                }
                Refusal::Empty(m) => $empty(m),
                Refusal::TooMany(m) => <$error>::invalid_parameter_value_limit_exceeded(m),
                Refusal::BadId(m) => <$error>::invalid_parameter_value_invalid_instance_id(m),
            }
        }
    };
}

/// The answer of DetachInstances and RemoveInstances to a refusal of the domain's
/// [`instances::leave`]; a refusal their pages list no code for is `FailedOperation`.
macro_rules! leave_refusal {
    ($error:ty) => {
        |e: DomainError| -> $error {
            match e {
                DomainError::GroupNotFound { .. } => {
                    <$error>::resource_not_found_auto_scaling_group_not_found(e.to_string())
                }
                DomainError::InstanceNotInGroup { .. } => {
                    <$error>::resource_not_found_instances_not_in_auto_scaling_group(e.to_string())
                }
                DomainError::InstanceGivenTwice { .. } => {
                    <$error>::invalid_parameter_value_invalid_instance_id(e.to_string())
                }
                DomainError::GroupInActivity { .. } => {
                    <$error>::resource_unavailable_auto_scaling_group_in_activity(e.to_string())
                }
                DomainError::InstanceNotInService { .. } => {
                    <$error>::resource_unavailable_instance_in_operation(e.to_string())
                }
                DomainError::BelowMinSize { .. } => {
                    <$error>::resource_insufficient_in_service_instance_below_min_size(
                        e.to_string(),
                    )
                }
                DomainError::NoRandomness(_) => CommonError::internal_error(e.to_string()).into(),
                other => CommonError::failed_operation(other.to_string()).into(),
            }
        }
    };
}

/// DetachInstances: the instances named ([`named`]; an empty list:
/// `FailedOperation.NoActivityToGenerate`), then [`instances::leave`] keeping every instance
/// (a `DETACH_INSTANCES` activity; API 2.0: type 3). A disabled group skips the `MinSize`
/// check ([`Rules::API_V3`]).
pub(crate) fn detach(
    state: &mut State,
    request: &DetachRequest,
    now: u64,
) -> Result<DetachOutput, DetachError> {
    let group = &request.auto_scaling_group_id;
    named(state, group, &request.instance_ids).map_err(named_refusal!(
        DetachError,
        DetachError::failed_operation_no_activity_to_generate
    ))?;
    let id = instances::leave(
        state,
        group,
        &request.instance_ids,
        Leave::Keep,
        &Rules::API_V3,
        "DetachInstances",
        now,
    )
    .map_err(leave_refusal!(DetachError))?;
    Ok(DetachOutput::new(id, String::new()))
}

/// RemoveInstances: as DetachInstances (an empty list: `InvalidParameterValue`), but the
/// instances the group launched are terminated; attached ones keep running (a
/// `REMOVE_INSTANCES` activity; API 2.0: type 3).
pub(crate) fn remove(
    state: &mut State,
    request: &RemoveRequest,
    now: u64,
) -> Result<RemoveOutput, RemoveError> {
    let empty = |m: String| RemoveError::from(CommonError::invalid_parameter_value(m));
    let group = &request.auto_scaling_group_id;
    named(state, group, &request.instance_ids).map_err(named_refusal!(RemoveError, empty))?;
    let id = instances::leave(
        state,
        group,
        &request.instance_ids,
        Leave::Terminate,
        &Rules::API_V3,
        "RemoveInstances",
        now,
    )
    .map_err(leave_refusal!(RemoveError))?;
    Ok(RemoveOutput::new(id, String::new()))
}

/// AttachInstances: the instances named (as DetachInstances; an empty list:
/// `FailedOperation.NoActivityToGenerate`), then [`instances::attach`] under
/// [`Rules::API_V3`]: `Running` or `Stopped` instances, a disabled group too. Refusals: an
/// unknown instance `ResourceNotFound.InstancesNotFound`; one in a group (this one or
/// another) `ResourceUnavailable.InstancesAlreadyInAutoScalingGroup`; in another state
/// `ResourceUnavailable.InstanceCannotAttach`; an activity
/// `ResourceUnavailable.AutoScalingGroupInActivity`; above `MaxSize`
/// `ResourceInsufficient.AutoScalingGroupAboveMaxSize`. They join as manually attached, in
/// service; the desired capacity goes up by as many; an `ATTACH_INSTANCES` activity is
/// recorded.
pub(crate) fn attach(
    state: &mut State,
    request: &AttachRequest,
    now: u64,
) -> Result<AttachOutput, AttachError> {
    let group = &request.auto_scaling_group_id;
    named(state, group, &request.instance_ids).map_err(named_refusal!(
        AttachError,
        AttachError::failed_operation_no_activity_to_generate
    ))?;
    let id = instances::attach(
        state,
        group,
        &request.instance_ids,
        &Rules::API_V3,
        "AttachInstances",
        now,
    )
    .map_err(|e| match e {
        DomainError::GroupNotFound { .. } => {
            AttachError::resource_not_found_auto_scaling_group_not_found(e.to_string())
        }
        DomainError::InstanceNotFound { .. } => {
            AttachError::resource_not_found_instances_not_found(e.to_string())
        }
        DomainError::InstanceGivenTwice { .. } => {
            AttachError::invalid_parameter_value_invalid_instance_id(e.to_string())
        }
        DomainError::InstanceAlreadyInGroup { .. } | DomainError::InstanceInOtherGroup { .. } => {
            AttachError::resource_unavailable_instances_already_in_auto_scaling_group(e.to_string())
        }
        DomainError::InstanceNotAttachable { .. } => {
            AttachError::resource_unavailable_instance_cannot_attach(e.to_string())
        }
        DomainError::GroupInActivity { .. } => {
            AttachError::resource_unavailable_auto_scaling_group_in_activity(e.to_string())
        }
        DomainError::AboveMaxSize { .. } => {
            AttachError::resource_insufficient_auto_scaling_group_above_max_size(e.to_string())
        }
        DomainError::NoRandomness(_) => CommonError::internal_error(e.to_string()).into(),
        other => CommonError::failed_operation(other.to_string()).into(),
    })?;
    Ok(AttachOutput::new(id, String::new()))
}

/// SetInstancesProtection. Checks, in order: the group and the instances named (as
/// DetachInstances; an empty list: `InvalidParameterValue`), each in the group
/// (`ResourceNotFound.InstancesNotInAutoScalingGroup`). Then each one's protection from
/// scale-in is set or cleared: the simulation's scale-ins skip protected instances, while
/// DetachInstances and RemoveInstances may still take them.
pub(crate) fn protect(
    state: &mut State,
    request: &ProtectRequest,
) -> Result<ProtectOutput, ProtectError> {
    let refuse = |r: Refusal| -> ProtectError {
        match r {
            Refusal::Group(Missing::Malformed(m)) => {
                ProtectError::invalid_parameter_value_invalid_auto_scaling_group_id(m)
            }
            Refusal::Group(Missing::NotFound(m)) => {
                ProtectError::resource_not_found_auto_scaling_group_not_found(m)
            }
            Refusal::TooMany(m) => ProtectError::invalid_parameter_value_limit_exceeded(m),
            Refusal::BadId(m) => ProtectError::invalid_parameter_value_invalid_instance_id(m),
            Refusal::Empty(m) => CommonError::invalid_parameter_value(m).into(),
        }
    };
    let group_id = &request.auto_scaling_group_id;
    let (g, wanted) = named(state, group_id, &request.instance_ids).map_err(refuse)?;
    let Some(group) = state.scaling_groups.get_mut(g) else {
        return Err(
            ProtectError::resource_not_found_auto_scaling_group_not_found(format!(
                "scaling group {group_id} does not exist"
            )),
        );
    };
    if let Some(id) = request
        .instance_ids
        .iter()
        .find(|id| !group.instances.iter().any(|m| &m.instance_id == *id))
    {
        return Err(
            ProtectError::resource_not_found_instances_not_in_auto_scaling_group(format!(
                "instance {id} is not in scaling group {group_id}"
            )),
        );
    }
    for member in &mut group.instances {
        if wanted.contains(member.instance_id.as_str()) {
            member.protected_from_scale_in = request.protected_from_scale_in;
        }
    }
    Ok(ProtectOutput::new(String::new()))
}
