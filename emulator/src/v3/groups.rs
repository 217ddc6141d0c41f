//! Scaling groups in API 3.0: CreateAutoScalingGroup, ModifyAutoScalingGroup,
//! DeleteAutoScalingGroup. Their settings are checked by [`super::settings`].

use super::settings::{self, Bad, Given};
use super::{find_group, new_id, Missing};
use crate::domain::{groups, DomainError, Rules};
use crate::state::{ScalingGroup, State};
use qcloud_as::v3::operation::create_auto_scaling_group::{
    CreateAutoScalingGroupError as CreateError, CreateAutoScalingGroupOutput as CreateOutput,
    CreateAutoScalingGroupRequest as CreateRequest,
};
use qcloud_as::v3::operation::delete_auto_scaling_group::{
    DeleteAutoScalingGroupError as DeleteError, DeleteAutoScalingGroupOutput as DeleteOutput,
    DeleteAutoScalingGroupRequest as DeleteRequest,
};
use qcloud_as::v3::operation::modify_auto_scaling_group::{
    ModifyAutoScalingGroupError as ModifyError, ModifyAutoScalingGroupOutput as ModifyOutput,
    ModifyAutoScalingGroupRequest as ModifyRequest,
};
use qcloud_as::v3::CommonError;
use std::collections::HashSet;

/// The most classic load balancers a group may have.
const MAX_LOAD_BALANCER_IDS: usize = 20;
/// The most forwarding load balancers a group may have.
const MAX_FORWARD_LOAD_BALANCERS: usize = 100;
/// The most tags a group may have.
const MAX_TAGS: usize = 30;

fn create_error(bad: Bad) -> CreateError {
    match bad {
        Bad::Size(m) => CreateError::invalid_parameter_value_size(m),
        Bad::MinSizeLimit(m) => CreateError::limit_exceeded_min_size_limit_exceeded(m),
        Bad::MaxSizeLimit(m) => CreateError::limit_exceeded_max_size_limit_exceeded(m),
        Bad::Range(m) => CreateError::invalid_parameter_value_range(m),
        Bad::TooLong(m) => CreateError::invalid_parameter_value_too_long(m),
        Bad::Value(m) => CommonError::invalid_parameter_value(m).into(),
        Bad::InvalidSubnet(m) => CreateError::invalid_parameter_value_invalid_subnet_id(m),
        Bad::DuplicatedSubnet(m) => CreateError::invalid_parameter_value_duplicated_subnet(m),
        Bad::Zone(m) => CreateError::invalid_parameter_value_zone_mismatch_region(m),
        Bad::InvalidLaunchConfigurationId(m) => {
            CreateError::invalid_parameter_value_invalid_launch_configuration_id(m)
        }
        Bad::LaunchConfigurationNotFound(m) => {
            CreateError::invalid_parameter_value_launch_configuration_not_found(m)
        }
        Bad::NameDuplicated(m) => CreateError::invalid_parameter_value_group_name_duplicated(m),
    }
}

fn modify_error(bad: Bad) -> ModifyError {
    match bad {
        Bad::Size(m) => ModifyError::invalid_parameter_value_size(m),
        Bad::MinSizeLimit(m) => ModifyError::limit_exceeded_min_size_limit_exceeded(m),
        Bad::MaxSizeLimit(m) => ModifyError::limit_exceeded_max_size_limit_exceeded(m),
        Bad::Range(m) => ModifyError::invalid_parameter_value_range(m),
        Bad::TooLong(m) => ModifyError::invalid_parameter_value_too_long(m),
        Bad::Value(m) | Bad::Zone(m) => CommonError::invalid_parameter_value(m).into(),
        Bad::InvalidSubnet(m) => ModifyError::invalid_parameter_value_invalid_subnet_id(m),
        Bad::DuplicatedSubnet(m) => ModifyError::invalid_parameter_value_duplicated_subnet(m),
        Bad::InvalidLaunchConfigurationId(m) => {
            ModifyError::invalid_parameter_value_invalid_launch_configuration_id(m)
        }
        Bad::LaunchConfigurationNotFound(m) => {
            ModifyError::invalid_parameter_value_launch_configuration_not_found(m)
        }
        Bad::NameDuplicated(m) => ModifyError::invalid_parameter_value_group_name_duplicated(m),
    }
}

/// CreateAutoScalingGroup. Checks, in order: the settings ([`settings::check`]: name, launch
/// configuration, sizes, cooldown, policies, subnets, zones); a VPC group (a `VpcId` other than
/// empty or `0`) names subnets (`InvalidParameterValue.SubnetIds`); `LoadBalancerIds` and
/// `ForwardLoadBalancers` not both (`InvalidParameter`), at most 20 and 100
/// (`InvalidParameterValue.LimitExceeded`), forwarding ones not twice
/// (`InvalidParameterValue.DuplicatedForwardLb`); at most 30 tags
/// (`InvalidParameterValue.LimitExceeded`); the project holds fewer than 20 groups, the same
/// quota API 2.0 has (`LimitExceeded.AutoScalingGroupLimitExceeded`).
///
/// Then the group is stored, enabled, with `DesiredCapacity` (default `MinSize`): the
/// simulation launches instances from the launch configuration until it holds that many.
pub(crate) fn create(
    state: &mut State,
    request: &CreateRequest,
    now: u64,
) -> Result<CreateOutput, CreateError> {
    let given = Given::of_create(request);
    settings::check(state, &given, None, request.min_size, request.max_size)
        .map_err(create_error)?;
    let vpc = crate::actions::stored_vpc_id(&request.vpc_id);
    if let Some(vpc) = vpc
        .as_deref()
        .filter(|_| request.subnet_ids.as_ref().is_none_or(Vec::is_empty))
    {
        return Err(CreateError::invalid_parameter_value_subnet_ids(format!(
            "SubnetIds: a group in VPC {vpc} needs at least one subnet"
        )));
    }
    if request.load_balancer_ids.is_some() && request.forward_load_balancers.is_some() {
        return Err(CommonError::invalid_parameter(
            "LoadBalancerIds, ForwardLoadBalancers: give classic or forwarding load balancers, \
             not both",
        )
        .into());
    }
    let classic = request.load_balancer_ids.as_deref().unwrap_or_default();
    let forward = request
        .forward_load_balancers
        .as_deref()
        .unwrap_or_default();
    let tags = request.tags.as_deref().unwrap_or_default();
    for (name, n, max) in [
        ("LoadBalancerIds", classic.len(), MAX_LOAD_BALANCER_IDS),
        (
            "ForwardLoadBalancers",
            forward.len(),
            MAX_FORWARD_LOAD_BALANCERS,
        ),
        ("Tags", tags.len(), MAX_TAGS),
    ] {
        if n > max {
            return Err(CreateError::invalid_parameter_value_limit_exceeded(
                format!("{name}: {n} given, at most {max}"),
            ));
        }
    }
    let mut seen = HashSet::new();
    if let Some(twice) = forward
        .iter()
        .find(|lb| !seen.insert((&lb.load_balancer_id, &lb.listener_id, &lb.location_id)))
    {
        return Err(CreateError::invalid_parameter_value_duplicated_forward_lb(
            format!(
                "ForwardLoadBalancers: listener {} of {} is given twice",
                twice.listener_id, twice.load_balancer_id
            ),
        ));
    }
    let project = request.project_id.unwrap_or(0);
    groups::check_quota(state, project).map_err(create_quota_error)?;
    let id = new_id::<CreateError>("asg", |id| state.group(id).is_some())?;

    let mut group = ScalingGroup::new(
        id.clone(),
        request.auto_scaling_group_name.clone(),
        request.min_size,
        request.max_size,
    );
    group.created_at = Some(now);
    group.project = project;
    group.vpc_id = vpc;
    group.desired_capacity = Some(groups::initial_desired_capacity(
        request.desired_capacity,
        request.min_size,
    ));
    group.load_balancers.classic = classic.to_vec();
    group.load_balancers.forward = forward
        .iter()
        .map(super::convert::forward_lb_info)
        .collect();
    group.tags = tags.iter().map(settings::tag).collect();
    settings::apply(&mut group, &given);
    state.scaling_groups.push(group);
    Ok(CreateOutput::new(id, String::new()))
}

/// ModifyAutoScalingGroup: only what is given changes. Checks, in order: the group
/// (`InvalidParameterValue.InvalidAutoScalingGroupId`, `ResourceNotFound.AutoScalingGroupNotFound`);
/// the settings ([`settings::check`], with the sizes as they would be: a desired capacity the
/// new `MinSize`/`MaxSize` leave outside is `InvalidParameterValue.Size`, unless
/// `ServiceSettings.DesiredCapacitySyncWithMaxMinSize` is on and `DesiredCapacity` not given:
/// it is then moved to the nearest bound); a new `VpcId` comes with `SubnetIds`
/// (`MissingParameter`) and only on a group without load balancers
/// (`ResourceUnavailable.ForbiddenModifyVpc`).
pub(crate) fn modify(
    state: &mut State,
    request: &ModifyRequest,
) -> Result<ModifyOutput, ModifyError> {
    let id = &request.auto_scaling_group_id;
    let g = find_group(state, id).map_err(|missing| match missing {
        Missing::Malformed(m) => {
            ModifyError::invalid_parameter_value_invalid_auto_scaling_group_id(m)
        }
        Missing::NotFound(m) => ModifyError::resource_not_found_auto_scaling_group_not_found(m),
    })?;
    let group = &state.scaling_groups[g];
    let given = Given::of_modify(request);
    let min = request.min_size.unwrap_or(group.min_size);
    let max = request.max_size.unwrap_or(group.max_size);
    settings::check(state, &given, Some(id), min, max).map_err(modify_error)?;
    let sync = match &request.service_settings {
        Some(s) => s.desired_capacity_sync_with_max_min_size,
        None => {
            group
                .service_settings
                .desired_capacity_sync_with_max_min_size
        }
    }
    .unwrap_or(false);
    let desired = match (given.desired, group.desired_capacity) {
        (Some(desired), _) => Some(desired),
        (None, Some(desired)) if !(min..=max).contains(&desired) => {
            if !sync {
                return Err(ModifyError::invalid_parameter_value_size(format!(
                    "the desired capacity {desired} would be outside [MinSize {min}, MaxSize \
                     {max}]; give DesiredCapacity too, or turn on \
                     ServiceSettings.DesiredCapacitySyncWithMaxMinSize"
                )));
            }
            Some(desired.min(max).max(min))
        }
        (None, kept) => kept,
    };
    if let Some(vpc) = &request.vpc_id {
        let vpc = crate::actions::stored_vpc_id(vpc);
        if vpc != group.vpc_id {
            if let Some(vpc) = vpc
                .as_deref()
                .filter(|_| request.subnet_ids.as_ref().is_none_or(Vec::is_empty))
            {
                return Err(CommonError::missing_parameter(format!(
                    "SubnetIds: moving the group to VPC {vpc} needs its subnets"
                ))
                .into());
            }
            if !group.load_balancers.is_empty() {
                return Err(ModifyError::resource_unavailable_forbidden_modify_vpc(
                    format!("scaling group {id} has load balancers: its VPC cannot change"),
                ));
            }
        }
    }

    let group = &mut state.scaling_groups[g];
    group.min_size = min;
    group.max_size = max;
    if let Some(vpc) = &request.vpc_id {
        group.vpc_id = crate::actions::stored_vpc_id(vpc);
    }
    if let Some(project) = request.project_id {
        group.project = project;
    }
    group.desired_capacity = desired;
    settings::apply(group, &given);
    Ok(ModifyOutput::new(String::new()))
}

/// DeleteAutoScalingGroup: the id's form (`InvalidParameterValue.InvalidAutoScalingGroupId`),
/// then [`groups::delete`] under [`Rules::API_V3`] (only `IN_SERVICE` instances keep the
/// group; others stay in the account). Refusals: unknown `ResourceNotFound.AutoScalingGroupNotFound`,
/// an activity `ResourceInUse.ActivityInProgress`, members `ResourceInUse.InstanceInGroup`.
pub(crate) fn delete(
    state: &mut State,
    request: &DeleteRequest,
) -> Result<DeleteOutput, DeleteError> {
    let id = &request.auto_scaling_group_id;
    find_group(state, id).map_err(|missing| match missing {
        Missing::Malformed(m) => {
            DeleteError::invalid_parameter_value_invalid_auto_scaling_group_id(m)
        }
        Missing::NotFound(m) => DeleteError::resource_not_found_auto_scaling_group_not_found(m),
    })?;
    groups::delete(state, id, &Rules::API_V3).map_err(delete_error)?;
    Ok(DeleteOutput::new(String::new()))
}

/// DeleteAutoScalingGroup's answer to a refusal of the domain.
pub(crate) fn delete_error(e: DomainError) -> DeleteError {
    match e {
        DomainError::GroupNotFound { .. } => {
            DeleteError::resource_not_found_auto_scaling_group_not_found(e.to_string())
        }
        DomainError::GroupInActivity { .. } => {
            DeleteError::resource_in_use_activity_in_progress(e.to_string())
        }
        DomainError::GroupHasInstances { .. } => {
            DeleteError::resource_in_use_instance_in_group(e.to_string())
        }
        other => CommonError::internal_error(other.to_string()).into(),
    }
}

/// CreateAutoScalingGroup's answer to a refusal of the group quota.
pub(crate) fn create_quota_error(e: DomainError) -> CreateError {
    CreateError::limit_exceeded_auto_scaling_group_limit_exceeded(e.to_string())
}
