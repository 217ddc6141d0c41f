//! CreateAutoScalingGroupFromInstance: a launch configuration made from a CVM instance, and a
//! group that uses it. The emulator keeps no configuration of CVM instances (an instance is
//! its id and state), so the launch configuration is the one CreateLaunchConfiguration makes
//! with the instance type of [`CORES`] cores and [`MEMORY_GB`] GB (`S5.MEDIUM4`, as API 2.0's
//! cores and memory read in API 3.0) and no image, named as the group; the instance does not
//! join the group.

use super::convert::instance_type_of;
use super::launch::from_request;
use super::new_id;
use super::query::well_formed;
use super::settings::{self, Bad, Given};
use crate::domain::{groups, launch, Catalog, DomainError, Quota};
use crate::state::{ScalingGroup, State};
use qcloud_as::v3::operation::create_auto_scaling_group_from_instance::{
    CreateAutoScalingGroupFromInstanceError as Error,
    CreateAutoScalingGroupFromInstanceOutput as Output,
    CreateAutoScalingGroupFromInstanceRequest as Request,
};
use qcloud_as::v3::operation::create_launch_configuration::CreateLaunchConfigurationRequest;
use qcloud_as::v3::CommonError;

/// The cores of a launch configuration made from an instance.
pub(crate) const CORES: i64 = 2;
/// Its memory, in GB.
pub(crate) const MEMORY_GB: i64 = 4;

/// The answer to a refusal of the group's settings.
fn settings_error(bad: Bad) -> Error {
    match bad {
        Bad::Size(m) => Error::invalid_parameter_value_size(m),
        Bad::MinSizeLimit(m) => Error::limit_exceeded_min_size_limit_exceeded(m),
        Bad::MaxSizeLimit(m) => Error::limit_exceeded_max_size_limit_exceeded(m),
        Bad::Range(m) => Error::limit_exceeded_desired_capacity_limit_exceeded(m),
        Bad::TooLong(m) => Error::invalid_parameter_value_too_long(m),
        Bad::Value(m)
        | Bad::NameDuplicated(m)
        | Bad::InvalidSubnet(m)
        | Bad::DuplicatedSubnet(m)
        | Bad::Zone(m)
        | Bad::InvalidLaunchConfigurationId(m)
        | Bad::LaunchConfigurationNotFound(m) => CommonError::invalid_parameter_value(m).into(),
    }
}

/// CreateAutoScalingGroupFromInstance's answer to a refusal of the domain.
pub(crate) fn create_error(e: DomainError) -> Error {
    match e {
        DomainError::LaunchConfigurationNameTaken { .. } => {
            Error::invalid_parameter_value_launch_configuration_name_duplicated(e.to_string())
        }
        DomainError::QuotaExceeded {
            quota: Quota::LaunchConfigurationsPerProject | Quota::LaunchConfigurationsPerAccount,
            ..
        } => Error::limit_exceeded_launch_configuration_quota_not_enough(e.to_string()),
        DomainError::QuotaExceeded { .. } => {
            Error::limit_exceeded_auto_scaling_group_limit_exceeded(e.to_string())
        }
        other => CommonError::internal_error(other.to_string()).into(),
    }
}

/// CreateAutoScalingGroupFromInstance. Checks, in order: the instance id `ins-…`
/// (`InvalidParameterValue.InvalidInstanceId`); the group's name and sizes as
/// CreateAutoScalingGroup checks them (`InvalidParameterValue.TooLong`, a taken or ill-formed
/// name the common `InvalidParameterValue`, `LimitExceeded.MinSizeLimitExceeded` /
/// `MaxSizeLimitExceeded` / `DesiredCapacityLimitExceeded`, `InvalidParameterValue.Size`); the
/// instance exists (`ResourceNotFound.InstancesNotFound`); no launch configuration has the
/// group's name (`InvalidParameterValue.LaunchConfigurationNameDuplicated`); the launch
/// configuration quotas (`LimitExceeded.LaunchConfigurationQuotaNotEnough`) and the group
/// quotas (`LimitExceeded.AutoScalingGroupLimitExceeded`), those of CreateLaunchConfiguration
/// and CreateAutoScalingGroup. Then both are made in project 0, the group enabled, on the
/// classic network, with `DesiredCapacity` (default `MinSize`): the simulation launches that
/// many.
pub(crate) fn create(state: &mut State, request: &Request, now: u64) -> Result<Output, Error> {
    let instance = &request.instance_id;
    if !well_formed(instance, "ins") {
        return Err(Error::invalid_parameter_value_invalid_instance_id(format!(
            "InstanceId: {instance:?} is not an instance id (ins-…)"
        )));
    }
    let name = &request.auto_scaling_group_name;
    let given = Given {
        name: Some(name),
        desired: request.desired_capacity,
        ..Given::default()
    };
    settings::check(state, &given, None, request.min_size, request.max_size)
        .map_err(settings_error)?;
    if state.instance(instance).is_none() {
        return Err(Error::resource_not_found_instances_not_found(format!(
            "InstanceId: instance {instance} does not exist"
        )));
    }
    launch::check_new(state, name, 0).map_err(create_error)?;
    groups::check_quota(state, 0).map_err(create_error)?;
    let configuration = new_id::<Error>("asc", |id| state.launch_configuration(id).is_some())?;
    let group_id = new_id::<Error>("asg", |id| state.group(id).is_some())?;

    let types: Vec<String> = instance_type_of(Some(CORES), Some(MEMORY_GB))
        .into_iter()
        .collect();
    let mut lc = CreateLaunchConfigurationRequest::new(name.clone());
    lc.instance_types = Some(types.clone());
    let mut lc = from_request(&lc, types).map_err(CommonError::internal_error)?;
    lc.id.clone_from(&configuration);
    lc.created_at = Some(now);
    state.add_launch_configuration(lc);

    let mut group = ScalingGroup::new(
        group_id.clone(),
        name.clone(),
        request.min_size,
        request.max_size,
    );
    group.created_at = Some(now);
    group.scaling_configuration_id = Some(configuration);
    group.desired_capacity = Some(groups::initial_desired_capacity(
        request.desired_capacity,
        request.min_size,
    ));
    state.scaling_groups.push(group);
    Ok(Output::new(group_id, String::new()))
}
