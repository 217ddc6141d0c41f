//! A group's state and size in API 3.0: EnableAutoScalingGroup, DisableAutoScalingGroup,
//! ModifyDesiredCapacity.

use super::settings::MAX_SIZE;
use super::{find_group, Missing};
use crate::state::State;
use qcloud_as::v3::operation::disable_auto_scaling_group::{
    DisableAutoScalingGroupError as DisableError, DisableAutoScalingGroupOutput as DisableOutput,
    DisableAutoScalingGroupRequest as DisableRequest,
};
use qcloud_as::v3::operation::enable_auto_scaling_group::{
    EnableAutoScalingGroupError as EnableError, EnableAutoScalingGroupOutput as EnableOutput,
    EnableAutoScalingGroupRequest as EnableRequest,
};
use qcloud_as::v3::operation::modify_desired_capacity::{
    ModifyDesiredCapacityError as DesiredError, ModifyDesiredCapacityOutput as DesiredOutput,
    ModifyDesiredCapacityRequest as DesiredRequest,
};

/// EnableAutoScalingGroup: the group (`InvalidParameterValue.InvalidAutoScalingGroupId`,
/// `ResourceNotFound.AutoScalingGroupNotFound`), not in an instance refresh running or paused
/// (`ResourceUnavailable.AutoScalingGroupInRefreshActivity`), becomes `ENABLED` (API 2.0
/// `active`), whatever it was: the simulation brings it to its desired capacity again.
pub(crate) fn enable(
    state: &mut State,
    request: &EnableRequest,
) -> Result<EnableOutput, EnableError> {
    let g = find_group(state, &request.auto_scaling_group_id).map_err(|m| match m {
        Missing::Malformed(m) => {
            EnableError::invalid_parameter_value_invalid_auto_scaling_group_id(m)
        }
        Missing::NotFound(m) => EnableError::resource_not_found_auto_scaling_group_not_found(m),
    })?;
    // A refresh keeps its group disabled while it runs or is paused.
    crate::domain::refresh::ensure_no_refresh(state, &request.auto_scaling_group_id, None)
        .map_err(super::refresh::enable_error)?;
    state.scaling_groups[g].enabled = true;
    Ok(EnableOutput::new(String::new()))
}

/// DisableAutoScalingGroup: the group (`InvalidParameterValue.InvalidAutoScalingGroupId`,
/// `ResourceNotFound.AutoScalingGroupNotFound`) becomes `DISABLED` (API 2.0 `inactive`): no
/// automatic activity starts; an activity under way goes on; manual calls still work.
pub(crate) fn disable(
    state: &mut State,
    request: &DisableRequest,
) -> Result<DisableOutput, DisableError> {
    let g = find_group(state, &request.auto_scaling_group_id).map_err(|m| match m {
        Missing::Malformed(m) => {
            DisableError::invalid_parameter_value_invalid_auto_scaling_group_id(m)
        }
        Missing::NotFound(m) => DisableError::resource_not_found_auto_scaling_group_not_found(m),
    })?;
    state.scaling_groups[g].enabled = false;
    Ok(DisableOutput::new(String::new()))
}

/// ModifyDesiredCapacity. Checks, in order: the group
/// (`InvalidParameterValue.InvalidAutoScalingGroupId`,
/// `ResourceNotFound.AutoScalingGroupNotFound`); `DesiredCapacity` at most 2000
/// (`LimitExceeded.DesiredCapacityLimitExceeded`) and `MinSize`/`MaxSize` too
/// (`InvalidParameterValue.Range`); the group is enabled
/// (`ResourceUnavailable.AutoScalingGroupDisabled`); `MinSize ≤ DesiredCapacity ≤ MaxSize` with
/// the sizes given or kept (`InvalidParameterValue.Size`). Then the sizes and the desired
/// capacity are stored; the simulation starts the scale-out or scale-in that reaches it.
pub(crate) fn modify_desired(
    state: &mut State,
    request: &DesiredRequest,
) -> Result<DesiredOutput, DesiredError> {
    let id = &request.auto_scaling_group_id;
    let g = find_group(state, id).map_err(|m| match m {
        Missing::Malformed(m) => {
            DesiredError::invalid_parameter_value_invalid_auto_scaling_group_id(m)
        }
        Missing::NotFound(m) => DesiredError::resource_not_found_auto_scaling_group_not_found(m),
    })?;
    let desired = request.desired_capacity;
    if desired > MAX_SIZE {
        return Err(
            DesiredError::limit_exceeded_desired_capacity_limit_exceeded(format!(
                "DesiredCapacity {desired} is above {MAX_SIZE}"
            )),
        );
    }
    for (name, value) in [("MinSize", request.min_size), ("MaxSize", request.max_size)] {
        if let Some(value) = value.filter(|v| *v > MAX_SIZE) {
            return Err(DesiredError::invalid_parameter_value_range(format!(
                "{name} {value} is above {MAX_SIZE}"
            )));
        }
    }
    let group = &mut state.scaling_groups[g];
    if !group.enabled {
        return Err(
            DesiredError::resource_unavailable_auto_scaling_group_disabled(format!(
                "scaling group {id} is disabled"
            )),
        );
    }
    let min = request.min_size.unwrap_or(group.min_size);
    let max = request.max_size.unwrap_or(group.max_size);
    if !(min <= desired && desired <= max) {
        return Err(DesiredError::invalid_parameter_value_size(format!(
            "DesiredCapacity {desired} is not from MinSize {min} to MaxSize {max}"
        )));
    }
    group.min_size = min;
    group.max_size = max;
    group.desired_capacity = Some(desired);
    Ok(DesiredOutput::new(String::new()))
}
