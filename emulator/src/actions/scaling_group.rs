//! Scaling groups: CreateScalingGroup, DescribeScalingGroup, ModifyScalingGroup,
//! DeleteScalingGroup, EnabledScalingGroup, and the undocumented DescribeScalingLimit.

use super::group_words::{forward_binding, remove_policy, termination_policy, time_text, vpc_text};
use super::shared::group_name_taken;
use super::unique_id;
use crate::domain::load_balancers::Bindings;
use crate::domain::{groups, DomainError, Rules, TerminationPolicy};
use crate::state::{ScalingGroup, State};
use crate::util::page;
use qcloud_as::operation::create_scaling_group::{
    CreateScalingGroupError, CreateScalingGroupOutput, CreateScalingGroupRequest,
};
use qcloud_as::operation::delete_scaling_group::{
    DeleteScalingGroupError, DeleteScalingGroupOutput, DeleteScalingGroupRequest,
};
use qcloud_as::operation::describe_scaling_group::{
    DescribeScalingGroupError, DescribeScalingGroupOutput, DescribeScalingGroupRequest,
    LoadBalancerRef, ScalingGroup as GroupOut, ScalingGroupRequired, SubnetRef, ZoneRef,
};
use qcloud_as::operation::describe_scaling_limit::{
    DescribeScalingLimitError, DescribeScalingLimitOutput, DescribeScalingLimitRequest,
};
use qcloud_as::operation::enabled_scaling_group::{
    EnabledScalingGroupError, EnabledScalingGroupOutput, EnabledScalingGroupRequest, GroupEnabled,
};
use qcloud_as::operation::modify_scaling_group::{
    ModifyScalingGroupError, ModifyScalingGroupOutput, ModifyScalingGroupRequest,
};
use qcloud_as::types::RemovePolicy;
use qcloud_as::CommonError;

/// CreateScalingGroup. Checks, in order: `minSize ≤ maxSize`, the launch configuration exists,
/// the name is unused, the project holds fewer than 20 groups ([`groups::check_quota`]). The
/// group's desired capacity is the one given, else `minSize`
/// ([`groups::initial_desired_capacity`]).
pub(crate) fn create(
    state: &mut State,
    request: &CreateScalingGroupRequest,
    now: u64,
) -> Result<CreateScalingGroupOutput, CreateScalingGroupError> {
    if request.min_size > request.max_size {
        return Err(CreateScalingGroupError::conflict_maxsize_less_minsize(
            format!(
                "maxSize {} is less than minSize {}",
                request.max_size, request.min_size
            ),
        ));
    }
    let config = &request.scaling_configuration_id;
    if state.launch_configuration(config).is_none() {
        // The page lists no business error for this; the common one names the parameter.
        return Err(CommonError::invalid_parameter(format!(
            "scalingConfigurationId: launch configuration {config} does not exist"
        ))
        .into());
    }
    let name = &request.scaling_group_name;
    if group_name_taken(state, name, None) {
        return Err(CreateScalingGroupError::name_duplicate_scaling_group(
            format!("a scaling group named {name:?} already exists"),
        ));
    }
    let project = request.project_id_or_default();
    groups::check_quota(state, project).map_err(create_quota_error)?;

    let termination = policy_of::<CreateScalingGroupError>(&request.remove_policy)?;
    let id = unique_id::<CreateScalingGroupError>("asg", |id| state.group(id).is_some())?;
    let mut group = ScalingGroup::new(id.clone(), name.clone(), request.min_size, request.max_size)
        .launch_configuration(config.clone())
        .desired_capacity(groups::initial_desired_capacity(
            request.desired_capacity,
            request.min_size,
        ))
        .termination_policy(termination)
        .created_at(now)
        .project(project)
        .zones(request.zone_ids.clone().unwrap_or_default())
        .subnets(request.subnet_ids.clone().unwrap_or_default());
    group.vpc_id = super::group_words::stored_vpc_id(&request.vpc_id);
    group.load_balancers = Bindings {
        classic: request.load_balancer_ids.clone().unwrap_or_default(),
        forward: request
            .forward_lb_infos
            .iter()
            .flatten()
            .map(forward_binding)
            .collect(),
    };
    state.scaling_groups.push(group);
    Ok(CreateScalingGroupOutput::new([id]))
}

/// The termination policy of a request's `removePolicy`; a value the spec does not list
/// (decoding refuses those) is an invalid parameter.
fn policy_of<E: From<CommonError>>(policy: &RemovePolicy) -> Result<TerminationPolicy, E> {
    termination_policy(policy).ok_or_else(|| {
        CommonError::invalid_parameter(format!("removePolicy: {policy} is not a remove policy"))
            .into()
    })
}

/// DescribeScalingGroup: filters by ids, name, launch configuration, VPC and project; pages
/// with offset and limit; `totalCount` counts every match.
pub(crate) fn describe(
    state: &State,
    request: &DescribeScalingGroupRequest,
) -> Result<DescribeScalingGroupOutput, DescribeScalingGroupError> {
    let matches: Vec<&ScalingGroup> = state
        .scaling_groups
        .iter()
        .filter(|g| {
            request
                .scaling_group_ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&g.id))
                && request
                    .scaling_group_name
                    .as_ref()
                    .is_none_or(|n| n == &g.name)
                && request
                    .scaling_configuration_id
                    .as_ref()
                    .is_none_or(|c| g.scaling_configuration_id.as_ref() == Some(c))
                && request
                    .vpc_id
                    .as_ref()
                    .is_none_or(|v| v == vpc_text(g.vpc_id.as_deref()))
                && request
                    .project_id
                    .as_ref()
                    .is_none_or(|p| p.trim() == g.project.to_string())
        })
        .collect();
    let total_count = i64::try_from(matches.len()).unwrap_or(i64::MAX);
    let scaling_group_set: Vec<GroupOut> = page(
        matches,
        request.offset_or_default(),
        request.limit_or_default(),
    )
    .into_iter()
    .map(|g| group_out(state, g))
    .collect();
    Ok(DescribeScalingGroupOutput::new(
        total_count,
        scaling_group_set,
    ))
}

fn group_out(state: &State, g: &ScalingGroup) -> GroupOut {
    let configuration_name = g
        .scaling_configuration_id
        .as_ref()
        .and_then(|id| state.launch_configuration(id))
        .map(|c| c.name.clone());
    let mut out = GroupOut::new(ScalingGroupRequired {
        scaling_group_id: g.id.clone(),
        scaling_group_name: g.name.clone(),
        scaling_configuration_id: g.scaling_configuration_id.clone().unwrap_or_default(),
        min_size: g.min_size,
        max_size: g.max_size,
        create_time: time_text(g.created_at),
        instance_num: i64::try_from(g.instances.len()).unwrap_or(i64::MAX),
        remove_policy: remove_policy(g.termination_policy),
        b_in_scaling_activity: i64::from(g.activity_running),
    })
    // Decision "a group's load balancers" (README): shown, as API 3.0 shows them.
    .load_balancer_id_set(
        g.load_balancers
            .classic
            .iter()
            .map(|id| LoadBalancerRef::new(id.clone()).status(0)),
    )
    .vpc_id(vpc_text(g.vpc_id.as_deref()))
    .subnet_id_set(
        g.subnet_ids
            .iter()
            .map(|s| SubnetRef::new(s.clone()).status(0)),
    )
    .zone_id_set(
        g.zone_ids
            .iter()
            .filter_map(|z| z.trim().parse().ok())
            .map(|zone_id| ZoneRef::new(zone_id).status(0)),
    )
    .project_id(g.project);
    out.scaling_configuration_name = configuration_name;
    out
}

/// ModifyScalingGroup. Decoding has already checked `minSize` and `maxSize` (0 to 200) and
/// `desiredCapacity` (not negative). Checks, in order:
///
/// 1. the group exists → `InvalidParameter.ScalingGroupIdError`;
/// 2. `minSize ≤ maxSize` → `Conflict.MaxsizeLessMinsize`;
/// 3. `desiredCapacity`, when given, is from `minSize` to `maxSize` →
///    `InvalidParameter.DesiredCapacity`;
/// 4. the launch configuration, when given, exists → `InvalidParameter` (common, naming
///    `scalingConfigurationId`: the page lists no business error for it);
/// 5. the new name, when given, is not another group's → `InvalidParameter` (common, naming
///    `scalingGroupName`: the page lists no `NameDuplicate` error for this action).
///
/// The page allows the call only on an active or inactive group; every group of the state is
/// one or the other, so that rule never refuses. Then the sizes, remove policy and the given
/// name, launch configuration and desired capacity are stored; a desired capacity that was set
/// before and falls outside the new sizes is moved to the nearest bound. The instances follow
/// in time: while the group is active and has a desired capacity, the simulation starts a
/// scale-out or scale-in activity to reach it (`crate::sim`); a group without one is left as
/// it is.
pub(crate) fn modify(
    state: &mut State,
    request: &ModifyScalingGroupRequest,
) -> Result<ModifyScalingGroupOutput, ModifyScalingGroupError> {
    let group_id = &request.scaling_group_id;
    let Some(index) = state.scaling_groups.iter().position(|g| &g.id == group_id) else {
        return Err(
            ModifyScalingGroupError::invalid_parameter_scaling_group_id_error(format!(
                "scalingGroupId: scaling group {group_id} does not exist"
            )),
        );
    };
    let (min, max) = (request.min_size, request.max_size);
    if min > max {
        return Err(ModifyScalingGroupError::conflict_maxsize_less_minsize(
            format!("maxSize {max} is less than minSize {min}"),
        ));
    }
    if let Some(desired) = request.desired_capacity {
        if !(min..=max).contains(&desired) {
            return Err(ModifyScalingGroupError::invalid_parameter_desired_capacity(
                format!("desiredCapacity {desired} is not from minSize {min} to maxSize {max}"),
            ));
        }
    }
    if let Some(config) = &request.scaling_configuration_id {
        if state.launch_configuration(config).is_none() {
            return Err(CommonError::invalid_parameter(format!(
                "scalingConfigurationId: launch configuration {config} does not exist"
            ))
            .into());
        }
    }
    if let Some(name) = &request.scaling_group_name {
        if group_name_taken(state, name, Some(group_id)) {
            return Err(CommonError::invalid_parameter(format!(
                "scalingGroupName: another scaling group is named {name:?}"
            ))
            .into());
        }
    }

    let termination = policy_of::<ModifyScalingGroupError>(&request.remove_policy)?;

    let group = &mut state.scaling_groups[index];
    group.min_size = min;
    group.max_size = max;
    group.termination_policy = termination;
    if let Some(name) = &request.scaling_group_name {
        group.name = name.clone();
    }
    if let Some(config) = &request.scaling_configuration_id {
        group.scaling_configuration_id = Some(config.clone());
    }
    group.desired_capacity = match request.desired_capacity {
        Some(desired) => Some(desired),
        None => group.desired_capacity.map(|d| d.clamp(min, max)),
    };
    Ok(ModifyScalingGroupOutput::new())
}

/// DeleteScalingGroup: [`groups::delete`] under [`Rules::API_V2`] (any instance keeps the
/// group). Refusals: an unknown group `InvalidParameter.ScalingGroupIdError`; an activity
/// running or instances left `OperationFailed` (common: the page lists no business error for
/// them). The group goes with its alarm policies, scheduled tasks, notifications, lifecycle
/// hooks and recorded activities; its launch configuration stays.
pub(crate) fn delete(
    state: &mut State,
    request: &DeleteScalingGroupRequest,
) -> Result<DeleteScalingGroupOutput, DeleteScalingGroupError> {
    groups::delete(state, &request.scaling_group_id, &Rules::API_V2).map_err(delete_error)?;
    Ok(DeleteScalingGroupOutput::new())
}

/// DeleteScalingGroup's answer to a refusal of the domain.
pub(crate) fn delete_error(e: DomainError) -> DeleteScalingGroupError {
    match e {
        DomainError::GroupNotFound { .. } => {
            DeleteScalingGroupError::invalid_parameter_scaling_group_id_error(format!(
                "scalingGroupId: {e}"
            ))
        }
        other => CommonError::operation_failed(format!("scalingGroupId: {other}")).into(),
    }
}

/// CreateScalingGroup's answer to a refusal of the group quota.
pub(crate) fn create_quota_error(e: DomainError) -> CreateScalingGroupError {
    CreateScalingGroupError::quota_exceeded_scaling_group(e.to_string())
}

/// EnabledScalingGroup's answer to [`refresh::ensure_no_refresh`](crate::domain::refresh::ensure_no_refresh):
/// `OperationFailed` (the page lists no code of its own for it).
pub(crate) fn enable_error(e: DomainError) -> EnabledScalingGroupError {
    CommonError::operation_failed(e.to_string()).into()
}

/// EnabledScalingGroup. Checks that the group exists (`InvalidParameter.ScalingGroupIdError`);
/// then `enabledScalingGroup` 1 makes it active and 0 inactive (either is accepted whatever
/// the group's status; decoding refuses any other value with `InvalidParameter`), except that
/// an instance refresh (API 3.0) running or paused keeps its group inactive: enabling it is
/// then `OperationFailed`, as API 3.0's EnableAutoScalingGroup refuses it.
pub(crate) fn enable(
    state: &mut State,
    request: &EnabledScalingGroupRequest,
) -> Result<EnabledScalingGroupOutput, EnabledScalingGroupError> {
    let group_id = &request.scaling_group_id;
    if request.enabled_scaling_group == GroupEnabled::Enabled && state.group(group_id).is_some() {
        crate::domain::refresh::ensure_no_refresh(state, group_id, None).map_err(enable_error)?;
    }
    let Some(group) = state.group_mut(group_id) else {
        return Err(
            EnabledScalingGroupError::invalid_parameter_scaling_group_id_error(format!(
                "scalingGroupId: scaling group {group_id} does not exist"
            )),
        );
    };
    group.enabled = match request.enabled_scaling_group {
        GroupEnabled::Enabled => true,
        GroupEnabled::Disabled => false,
        // Decoding refuses values the spec does not list.
        _ => {
            return Err(CommonError::invalid_parameter(format!(
                "enabledScalingGroup: {} is neither 0 nor 1",
                request.enabled_scaling_group
            ))
            .into())
        }
    };
    Ok(EnabledScalingGroupOutput::new())
}

/// DescribeScalingLimit, known only from the CLI: neither its `type` nor its answer is
/// documented, so it answers success with empty `data`, whatever `type` is.
pub(crate) fn describe_limit(
    _state: &State,
    _request: &DescribeScalingLimitRequest,
) -> Result<DescribeScalingLimitOutput, DescribeScalingLimitError> {
    Ok(DescribeScalingLimitOutput::new())
}
