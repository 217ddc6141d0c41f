//! Members out of and back into service, and scaling by a count, in API 3.0: EnterStandby,
//! ExitStandby, StopAutoScalingInstances, StartAutoScalingInstances, ScaleOutInstances,
//! ScaleInInstances. The wire checks (id forms, list lengths) are here; the rules are the
//! domain's ([`crate::domain::scaling`]).

use super::query::{well_formed, MAX_IDS};
use super::{find_group, Missing};
use crate::domain::{scaling, DomainError};
use crate::state::State;
use qcloud_as::v3::operation::enter_standby::{
    EnterStandbyError, EnterStandbyOutput, EnterStandbyRequest,
};
use qcloud_as::v3::operation::exit_standby::{
    ExitStandbyError, ExitStandbyOutput, ExitStandbyRequest,
};
use qcloud_as::v3::operation::scale_in_instances::{
    ScaleInInstancesError, ScaleInInstancesOutput, ScaleInInstancesRequest,
};
use qcloud_as::v3::operation::scale_out_instances::{
    ScaleOutInstancesError, ScaleOutInstancesOutput, ScaleOutInstancesRequest,
};
use qcloud_as::v3::operation::start_auto_scaling_instances::{
    StartAutoScalingInstancesError as StartError, StartAutoScalingInstancesOutput as StartOutput,
    StartAutoScalingInstancesRequest as StartRequest,
};
use qcloud_as::v3::operation::stop_auto_scaling_instances::{
    StopAutoScalingInstancesError as StopError, StopAutoScalingInstancesOutput as StopOutput,
    StopAutoScalingInstancesRequest as StopRequest,
};
use qcloud_as::v3::types::StoppedMode;
use qcloud_as::v3::CommonError;

/// Why a request's group or instances are refused before the domain sees them.
enum Wire {
    BadGroup(String),
    NoGroup(String),
    Empty(String),
    TooMany(String),
    BadId(String),
}

/// The group's id (well formed, a group) and the instances named (at least one, at most 100,
/// each `ins-…`).
fn wire(state: &State, group: &str, ids: &[String]) -> Result<(), Wire> {
    find_group(state, group).map_err(|m| match m {
        Missing::Malformed(m) => Wire::BadGroup(m),
        Missing::NotFound(m) => Wire::NoGroup(m),
    })?;
    if ids.is_empty() {
        return Err(Wire::Empty("InstanceIds: no instance is given".to_owned()));
    }
    if ids.len() > MAX_IDS {
        return Err(Wire::TooMany(format!(
            "InstanceIds: {} given, at most {MAX_IDS}",
            ids.len()
        )));
    }
    match ids.iter().find(|id| !well_formed(id, "ins")) {
        Some(id) => Err(Wire::BadId(format!(
            "InstanceIds: {id:?} is not an instance id (ins-…)"
        ))),
        None => Ok(()),
    }
}

/// The answers of a member action to [`Wire`] refusals and to the domain's: `$not_member` is
/// the code for an instance not in the group, `$too_many` for more than 100 ids, `$below` for
/// too few left in service.
macro_rules! member_action {
    ($wire:ident, $domain:ident, $error:ty, $not_member:ident, $too_many:expr, $below:expr) => {
        fn $wire(w: Wire) -> $error {
            match w {
                Wire::BadGroup(m) => {
                    <$error>::invalid_parameter_value_invalid_auto_scaling_group_id(m)
                }
                Wire::NoGroup(m) => <$error>::resource_not_found_auto_scaling_group_not_found(m),
                Wire::Empty(m) => <$error>::failed_operation_no_activity_to_generate(m),
                Wire::TooMany(m) => $too_many(m),
                Wire::BadId(m) => <$error>::invalid_parameter_value_invalid_instance_id(m),
            }
        }

        #[doc = concat!("The answer of ", stringify!($error), " to a refusal of the domain.")]
        pub(crate) fn $domain(e: DomainError) -> $error {
            let m = e.to_string();
            match e {
                DomainError::GroupNotFound { .. } => {
                    <$error>::resource_not_found_auto_scaling_group_not_found(m)
                }
                DomainError::InstanceNotInGroup { .. } => <$error>::$not_member(m),
                DomainError::InstanceGivenTwice { .. } => {
                    <$error>::invalid_parameter_value_invalid_instance_id(m)
                }
                DomainError::GroupInActivity { .. } => {
                    <$error>::resource_unavailable_auto_scaling_group_in_activity(m)
                }
                DomainError::InstanceNotInService { .. } | DomainError::InstanceNotIn { .. } => {
                    <$error>::resource_unavailable_instance_in_operation(m)
                }
                DomainError::NoRandomness(_) => CommonError::internal_error(m).into(),
                DomainError::BelowMinSize { .. } => $below(m),
                _ => CommonError::failed_operation(m).into(),
            }
        }
    };
}

fn failed<E: From<CommonError>>(m: String) -> E {
    CommonError::failed_operation(m).into()
}

fn limit<E: From<CommonError>>(m: String) -> E {
    CommonError::invalid_parameter_value(m).into()
}

member_action!(
    enter_wire,
    enter_error,
    EnterStandbyError,
    resource_not_found_instances_not_found,
    EnterStandbyError::invalid_parameter_value_limit_exceeded,
    failed::<EnterStandbyError>
);
member_action!(
    exit_wire,
    exit_error,
    ExitStandbyError,
    resource_not_found_instances_not_found,
    ExitStandbyError::invalid_parameter_value_limit_exceeded,
    failed::<ExitStandbyError>
);
member_action!(
    start_wire,
    start_error,
    StartError,
    resource_not_found_instances_not_in_auto_scaling_group,
    limit::<StartError>,
    failed::<StartError>
);
member_action!(
    stop_wire,
    stop_error,
    StopError,
    resource_not_found_instances_not_in_auto_scaling_group,
    limit::<StopError>,
    StopError::resource_insufficient_in_service_instance_below_min_size
);

/// EnterStandby: the ids ([`wire`]; an empty list `FailedOperation.NoActivityToGenerate`, over
/// 100 `InvalidParameterValue.LimitExceeded`), then [`scaling::enter_standby`]: members of the
/// group (`ResourceNotFound.InstancesNotFound`), no activity
/// (`ResourceUnavailable.AutoScalingGroupInActivity`), each `IN_SERVICE`
/// (`ResourceUnavailable.InstanceInOperation`), `MinSize` kept in service in an enabled group
/// (`FailedOperation`). They stay members, not serving; the desired capacity goes down by as
/// many (not below `MinSize`); a `DETACH_INSTANCES` activity (API 2.0: type 3) names them.
pub(crate) fn enter_standby(
    state: &mut State,
    request: &EnterStandbyRequest,
    now: u64,
) -> Result<EnterStandbyOutput, EnterStandbyError> {
    let (group, ids) = (&request.auto_scaling_group_id, &request.instance_ids);
    wire(state, group, ids).map_err(enter_wire)?;
    let id = scaling::enter_standby(state, group, ids, "EnterStandby", now).map_err(enter_error)?;
    Ok(EnterStandbyOutput::new(id, String::new()))
}

/// ExitStandby: as EnterStandby, each member on standby
/// (`ResourceUnavailable.InstanceInOperation`); they serve again; the desired capacity goes up
/// by as many (not above `MaxSize`); an `ATTACH_INSTANCES` activity (API 2.0: type 2).
pub(crate) fn exit_standby(
    state: &mut State,
    request: &ExitStandbyRequest,
    now: u64,
) -> Result<ExitStandbyOutput, ExitStandbyError> {
    let (group, ids) = (&request.auto_scaling_group_id, &request.instance_ids);
    wire(state, group, ids).map_err(exit_wire)?;
    let id = scaling::exit_standby(state, group, ids, "ExitStandby", now).map_err(exit_error)?;
    Ok(ExitStandbyOutput::new(id, String::new()))
}

/// StopAutoScalingInstances: the ids (as EnterStandby; over 100 `InvalidParameterValue`),
/// `StoppedMode` `KEEP_CHARGING` (default) or `STOP_CHARGING` (`InvalidParameterValue`), then
/// [`scaling::stop`]: members (`ResourceNotFound.InstancesNotInAutoScalingGroup`), no
/// activity, each `IN_SERVICE` (`ResourceUnavailable.InstanceInOperation`), `MinSize` kept in
/// service in an enabled group (`ResourceInsufficient.InServiceInstanceBelowMinSize`). They
/// are `STOPPED` (in the account: `Stopped`); the desired capacity goes down by as many (not
/// below `MinSize`); a `STOP_INSTANCES` activity (API 2.0: type 1).
pub(crate) fn stop(
    state: &mut State,
    request: &StopRequest,
    now: u64,
) -> Result<StopOutput, StopError> {
    let (group, ids) = (&request.auto_scaling_group_id, &request.instance_ids);
    wire(state, group, ids).map_err(stop_wire)?;
    let charging = match &request.stopped_mode {
        None | Some(StoppedMode::KeepCharging) => true,
        Some(StoppedMode::StopCharging) => false,
        Some(other) => {
            return Err(CommonError::invalid_parameter_value(format!(
                "StoppedMode: {other} is neither KEEP_CHARGING nor STOP_CHARGING"
            ))
            .into())
        }
    };
    let id = scaling::stop(state, group, ids, charging, "StopAutoScalingInstances", now)
        .map_err(stop_error)?;
    Ok(StopOutput::new(id, String::new()))
}

/// StartAutoScalingInstances: the ids (as StopAutoScalingInstances), then [`scaling::start`]:
/// members, no activity, each `STOPPED` (`ResourceUnavailable.InstanceInOperation`). They
/// serve again (`Running`); the desired capacity goes up by as many (not above `MaxSize`); a
/// `START_INSTANCES` activity (API 2.0: type 0).
pub(crate) fn start(
    state: &mut State,
    request: &StartRequest,
    now: u64,
) -> Result<StartOutput, StartError> {
    let (group, ids) = (&request.auto_scaling_group_id, &request.instance_ids);
    wire(state, group, ids).map_err(start_wire)?;
    let id =
        scaling::start(state, group, ids, "StartAutoScalingInstances", now).map_err(start_error)?;
    Ok(StartOutput::new(id, String::new()))
}

/// The answer of ScaleOutInstances and ScaleInInstances to a refusal; `$range` for a count
/// out of range, `$limit` past the group's bound.
macro_rules! scale_error {
    ($name:ident, $error:ty, $limit:ident) => {
        #[doc = concat!("The answer of ", stringify!($error), " to a refusal of the domain.")]
        pub(crate) fn $name(e: DomainError) -> $error {
            let m = e.to_string();
            match e {
                DomainError::GroupNotFound { .. } => {
                    <$error>::resource_not_found_auto_scaling_group_not_found(m)
                }
                DomainError::CountOutOfRange { .. } => <$error>::invalid_parameter_value_range(m),
                DomainError::GroupInActivity { .. } => {
                    <$error>::resource_unavailable_auto_scaling_group_in_activity(m)
                }
                DomainError::AboveMaxSize { .. } | DomainError::BelowMinSize { .. } => {
                    <$error>::$limit(m)
                }
                DomainError::NoRandomness(_) => CommonError::internal_error(m).into(),
                _ => CommonError::failed_operation(m).into(),
            }
        }
    };
}

scale_error!(
    scale_out_error,
    ScaleOutInstancesError,
    resource_insufficient_auto_scaling_group_above_max_size
);
scale_error!(
    scale_in_error,
    ScaleInInstancesError,
    resource_insufficient_auto_scaling_group_below_min_size
);

/// ScaleOutInstances: the group id (`InvalidParameterValue.InvalidAutoScalingGroupId`,
/// `ResourceNotFound.AutoScalingGroupNotFound`), then [`scaling::scale`]: `ScaleOutNumber` 1 to
/// 2000 (`InvalidParameterValue.Range`), no activity
/// (`ResourceUnavailable.AutoScalingGroupInActivity`), the desired capacity plus the number at
/// most `MaxSize` (`ResourceInsufficient.AutoScalingGroupAboveMaxSize`). A disabled group too.
/// The desired capacity goes up and a `SCALE_OUT` activity starts at once, running on the
/// virtual clock.
pub(crate) fn scale_out(
    state: &mut State,
    request: &ScaleOutInstancesRequest,
    now: u64,
) -> Result<ScaleOutInstancesOutput, ScaleOutInstancesError> {
    let group = &request.auto_scaling_group_id;
    find_group(state, group).map_err(|m| match m {
        Missing::Malformed(m) => {
            ScaleOutInstancesError::invalid_parameter_value_invalid_auto_scaling_group_id(m)
        }
        Missing::NotFound(m) => {
            ScaleOutInstancesError::resource_not_found_auto_scaling_group_not_found(m)
        }
    })?;
    let id = scaling::scale(
        state,
        group,
        request.scale_out_number,
        "ScaleOutNumber",
        now,
    )
    .map_err(scale_out_error)?;
    Ok(ScaleOutInstancesOutput::new(id, String::new()))
}

/// ScaleInInstances: as ScaleOutInstances, the desired capacity minus `ScaleInNumber` at least
/// `MinSize` (`ResourceInsufficient.AutoScalingGroupBelowMinSize`). The activity removes
/// in-service, unprotected members by the group's termination policy.
pub(crate) fn scale_in(
    state: &mut State,
    request: &ScaleInInstancesRequest,
    now: u64,
) -> Result<ScaleInInstancesOutput, ScaleInInstancesError> {
    let group = &request.auto_scaling_group_id;
    find_group(state, group).map_err(|m| match m {
        Missing::Malformed(m) => {
            ScaleInInstancesError::invalid_parameter_value_invalid_auto_scaling_group_id(m)
        }
        Missing::NotFound(m) => {
            ScaleInInstancesError::resource_not_found_auto_scaling_group_not_found(m)
        }
    })?;
    let by = request.scale_in_number.saturating_neg();
    let id = scaling::scale(state, group, by, "ScaleInNumber", now).map_err(scale_in_error)?;
    Ok(ScaleInInstancesOutput::new(id, String::new()))
}
