//! Instances joining and leaving groups in API 3.0: AttachInstances, DetachInstances,
//! RemoveInstances, SetInstancesProtection. The changes are API 2.0's (`crate::actions`
//! `put_in`, `take_out`, `record_detach`); the checks are API 3.0's.

use super::group_view::in_service;
use super::query::{well_formed, MAX_IDS};
use super::{find_group, new_activity_id, Missing};
use crate::actions::{put_in, record_detach, take_out};
use crate::state::{DetachMode, GroupStatus, LifeCycleState, State};
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

/// Why instances cannot join or leave a group; each action answers with its own code.
enum Refusal {
    Group(Missing),
    Empty(String),
    TooMany(String),
    BadId(String),
    NotFound(String),
    InOtherGroup(String),
    CannotAttach(String),
    NotInGroup(String),
    InActivity(String),
    InOperation(String),
    Protected(String),
    AboveMax(String),
    BelowMin(String),
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

/// The checks of DetachInstances and RemoveInstances, in order: the group; the instances
/// (see [`named`]), each in the group (`NotInGroup`); no activity runs (`InActivity`); each
/// `IN_SERVICE` (`InOperation`) and not protected from detaching by API 2.0's
/// SetCvmProtectedDetach (`Protected`); unless the group is disabled, at least `MinSize`
/// `IN_SERVICE` instances stay (`BelowMin`).
fn check_leaving<'a>(
    state: &State,
    group_id: &str,
    ids: &'a [String],
) -> Result<(usize, HashSet<&'a str>), Refusal> {
    let (g, wanted) = named(state, group_id, ids)?;
    let group = &state.scaling_groups[g];
    if let Some(id) = ids
        .iter()
        .find(|id| !group.instances.iter().any(|m| &m.instance_id == *id))
    {
        return Err(Refusal::NotInGroup(format!(
            "instance {id} is not in scaling group {group_id}"
        )));
    }
    if group.in_scaling_activity {
        return Err(Refusal::InActivity(format!(
            "scaling group {group_id} is running a scaling activity"
        )));
    }
    let leaving: Vec<_> = group
        .instances
        .iter()
        .filter(|m| wanted.contains(m.instance_id.as_str()))
        .collect();
    if let Some(m) = leaving
        .iter()
        .find(|m| m.life_cycle_state != LifeCycleState::InService)
    {
        return Err(Refusal::InOperation(format!(
            "instance {} is {}, not IN_SERVICE",
            m.instance_id,
            super::convert::life_cycle_state(&m.life_cycle_state)
        )));
    }
    if let Some(m) = leaving.iter().find(|m| m.protected_from_detach) {
        return Err(Refusal::Protected(format!(
            "instance {} is protected from detaching (API 2.0 SetCvmProtectedDetach)",
            m.instance_id
        )));
    }
    let staying = in_service(group).saturating_sub(leaving.len());
    if group.status == GroupStatus::Active
        && i64::try_from(staying).unwrap_or(i64::MAX) < group.min_size
    {
        return Err(Refusal::BelowMin(format!(
            "taking out {} instance(s) would leave {staying} IN_SERVICE, below MinSize {} \
             (a DISABLED group skips this check)",
            leaving.len(),
            group.min_size
        )));
    }
    Ok((g, wanted))
}

/// Takes the instances out (the checks passed) and records the activity; its id.
fn leave<E: From<CommonError>>(
    state: &mut State,
    g: usize,
    wanted: &HashSet<&str>,
    mode: DetachMode,
    action: &str,
    now: u64,
) -> Result<String, E> {
    let activity_id = new_activity_id::<E>(state)?;
    let taken = take_out(state, g, wanted, mode);
    let group_id = state.scaling_groups[g].scaling_group_id.clone();
    let cause = format!(
        "{action} took {} instance(s) out of the group ({} terminated)",
        taken.ids.len(),
        taken.terminated.len()
    );
    record_detach(
        state,
        activity_id.clone(),
        &group_id,
        mode,
        cause,
        taken.ids,
        now,
    );
    Ok(activity_id)
}

macro_rules! refusal_to {
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
                Refusal::NotInGroup(m) => {
                    <$error>::resource_not_found_instances_not_in_auto_scaling_group(m)
                }
                Refusal::InActivity(m) => {
                    <$error>::resource_unavailable_auto_scaling_group_in_activity(m)
                }
                Refusal::InOperation(m) => <$error>::resource_unavailable_instance_in_operation(m),
                Refusal::BelowMin(m) => {
                    <$error>::resource_insufficient_in_service_instance_below_min_size(m)
                }
                Refusal::Protected(m)
                | Refusal::NotFound(m)
                | Refusal::InOtherGroup(m)
                | Refusal::CannotAttach(m)
                | Refusal::AboveMax(m) => CommonError::failed_operation(m).into(),
            }
        }
    };
}

/// DetachInstances: the checks of [`check_leaving`] (an empty list:
/// `FailedOperation.NoActivityToGenerate`), then the instances leave the group and all keep
/// running; a `DETACH_INSTANCES` activity is recorded (API 2.0: type 3). The desired capacity
/// goes down by as many (within the sizes).
pub(crate) fn detach(
    state: &mut State,
    request: &DetachRequest,
    now: u64,
) -> Result<DetachOutput, DetachError> {
    let (g, wanted) = check_leaving(state, &request.auto_scaling_group_id, &request.instance_ids)
        .map_err(refusal_to!(
        DetachError,
        DetachError::failed_operation_no_activity_to_generate
    ))?;
    let id = leave::<DetachError>(state, g, &wanted, DetachMode::Keep, "DetachInstances", now)?;
    Ok(DetachOutput::new(id, String::new()))
}

/// RemoveInstances: the checks of [`check_leaving`] (an empty list: `InvalidParameterValue`),
/// then the instances leave the group: those AS created (`AUTO_CREATION`) are terminated (gone
/// from the account), manually attached ones keep running; a `REMOVE_INSTANCES` activity is
/// recorded (API 2.0: type 3).
pub(crate) fn remove(
    state: &mut State,
    request: &RemoveRequest,
    now: u64,
) -> Result<RemoveOutput, RemoveError> {
    let empty = |m: String| RemoveError::from(CommonError::invalid_parameter_value(m));
    let (g, wanted) = check_leaving(state, &request.auto_scaling_group_id, &request.instance_ids)
        .map_err(refusal_to!(RemoveError, empty))?;
    let id = leave::<RemoveError>(
        state,
        g,
        &wanted,
        DetachMode::Terminate,
        "RemoveInstances",
        now,
    )?;
    Ok(RemoveOutput::new(id, String::new()))
}

/// AttachInstances. Checks, in order: the group and the instances named (as
/// DetachInstances; an empty list: `FailedOperation.NoActivityToGenerate`); each instance
/// exists (`ResourceNotFound.InstancesNotFound`), is in no group
/// (`ResourceUnavailable.InstancesAlreadyInAutoScalingGroup`) and is `Running` or `Stopped`
/// (`ResourceUnavailable.InstanceCannotAttach`); no activity runs
/// (`ResourceUnavailable.AutoScalingGroupInActivity`); the group then holds at most `MaxSize`
/// (`ResourceInsufficient.AutoScalingGroupAboveMaxSize`). A disabled group takes instances too.
/// Then they join as manually attached, in service (as API 2.0's AttachInstance), the desired
/// capacity goes up by as many, and an `ATTACH_INSTANCES` activity is recorded.
pub(crate) fn attach(
    state: &mut State,
    request: &AttachRequest,
    now: u64,
) -> Result<AttachOutput, AttachError> {
    let refuse = |r: Refusal| -> AttachError {
        match r {
            Refusal::Group(Missing::Malformed(m)) => {
                AttachError::invalid_parameter_value_invalid_auto_scaling_group_id(m)
            }
            Refusal::Group(Missing::NotFound(m)) => {
                AttachError::resource_not_found_auto_scaling_group_not_found(m)
            }
            Refusal::Empty(m) => AttachError::failed_operation_no_activity_to_generate(m),
            Refusal::TooMany(m) => AttachError::invalid_parameter_value_limit_exceeded(m),
            Refusal::BadId(m) => AttachError::invalid_parameter_value_invalid_instance_id(m),
            Refusal::NotFound(m) => AttachError::resource_not_found_instances_not_found(m),
            Refusal::InOtherGroup(m) => {
                AttachError::resource_unavailable_instances_already_in_auto_scaling_group(m)
            }
            Refusal::CannotAttach(m) => AttachError::resource_unavailable_instance_cannot_attach(m),
            Refusal::InActivity(m) => {
                AttachError::resource_unavailable_auto_scaling_group_in_activity(m)
            }
            Refusal::AboveMax(m) => {
                AttachError::resource_insufficient_auto_scaling_group_above_max_size(m)
            }
            other => CommonError::failed_operation(message(other)).into(),
        }
    };
    let group_id = &request.auto_scaling_group_id;
    let (g, wanted) = named(state, group_id, &request.instance_ids).map_err(refuse)?;
    for id in &request.instance_ids {
        let Some(instance) = state.instance(id) else {
            return Err(refuse(Refusal::NotFound(format!(
                "instance {id} does not exist"
            ))));
        };
        if let Some(other) = state
            .scaling_groups
            .iter()
            .find(|g| g.instances.iter().any(|m| &m.instance_id == id))
        {
            return Err(refuse(Refusal::InOtherGroup(format!(
                "instance {id} is already in scaling group {}",
                other.scaling_group_id
            ))));
        }
        let usable = ["Running", "Stopped"]
            .iter()
            .any(|s| instance.state.eq_ignore_ascii_case(s));
        if !usable {
            return Err(refuse(Refusal::CannotAttach(format!(
                "instance {id} is {}, not Running or Stopped",
                instance.state
            ))));
        }
    }
    let group = &state.scaling_groups[g];
    if group.in_scaling_activity {
        return Err(refuse(Refusal::InActivity(format!(
            "scaling group {group_id} is running a scaling activity"
        ))));
    }
    let after = group.instances.len() + wanted.len();
    if i64::try_from(after).unwrap_or(i64::MAX) > group.max_size {
        return Err(refuse(Refusal::AboveMax(format!(
            "attaching {} instance(s) to the {} of scaling group {group_id} would make {after}, \
             above MaxSize {}",
            wanted.len(),
            group.instances.len(),
            group.max_size
        ))));
    }
    let activity_id = new_activity_id::<AttachError>(state)?;
    let cause = format!(
        "AttachInstances added {} instance(s) to the group",
        request.instance_ids.len()
    );
    put_in(
        state,
        g,
        &request.instance_ids,
        activity_id.clone(),
        cause,
        now,
    );
    Ok(AttachOutput::new(activity_id, String::new()))
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
            Refusal::NotInGroup(m) => {
                ProtectError::resource_not_found_instances_not_in_auto_scaling_group(m)
            }
            other => CommonError::invalid_parameter_value(message(other)).into(),
        }
    };
    let group_id = &request.auto_scaling_group_id;
    let (g, wanted) = named(state, group_id, &request.instance_ids).map_err(refuse)?;
    let group = &mut state.scaling_groups[g];
    if let Some(id) = request
        .instance_ids
        .iter()
        .find(|id| !group.instances.iter().any(|m| &m.instance_id == *id))
    {
        return Err(refuse(Refusal::NotInGroup(format!(
            "instance {id} is not in scaling group {group_id}"
        ))));
    }
    for member in &mut group.instances {
        if wanted.contains(member.instance_id.as_str()) {
            member.protected_from_scale_in = request.protected_from_scale_in;
        }
    }
    Ok(ProtectOutput::new(String::new()))
}

/// The message of a refusal.
fn message(r: Refusal) -> String {
    match r {
        Refusal::Group(Missing::Malformed(m) | Missing::NotFound(m))
        | Refusal::Empty(m)
        | Refusal::TooMany(m)
        | Refusal::BadId(m)
        | Refusal::NotFound(m)
        | Refusal::InOtherGroup(m)
        | Refusal::CannotAttach(m)
        | Refusal::NotInGroup(m)
        | Refusal::InActivity(m)
        | Refusal::InOperation(m)
        | Refusal::Protected(m)
        | Refusal::AboveMax(m)
        | Refusal::BelowMin(m) => m,
    }
}
