//! Scaling groups as API 3.0 shows them: DescribeAutoScalingGroups, and the `AutoScalingGroup`
//! of a state's group.

use super::convert::{self, forward_load_balancer, termination_policy, zone_name};
use super::query::{self, count, describe_problem, tag_filter, well_formed};
use crate::state::{GroupStatus, LifeCycleState, ScalingGroup, State};
use crate::util::iso_of_api_time;
use qcloud_as::v3::operation::describe_auto_scaling_groups::{
    DescribeAutoScalingGroupsError as Error, DescribeAutoScalingGroupsOutput as Output,
    DescribeAutoScalingGroupsOutputRequired, DescribeAutoScalingGroupsRequest as Request,
};
use qcloud_as::v3::types::{
    AutoScalingGroup, AutoScalingGroupRequired, AutoScalingGroupStatus, EnabledStatus,
    HealthCheckType, InActivityStatus, InstanceAllocationPolicy, MultiZoneSubnetPolicy,
    RetryPolicy, TerminationPolicy,
};

/// The filters of DescribeAutoScalingGroups.
const FILTERS: &[&str] = &[
    "auto-scaling-group-id",
    "auto-scaling-group-name",
    "vague-auto-scaling-group-name",
    "launch-configuration-id",
    "tag-key",
    "tag-value",
    "tag:",
];

/// DescribeAutoScalingGroups. Checks, in order: not both `AutoScalingGroupIds` and `Filters`
/// (`InvalidParameter.Conflict`); at most 100 ids and `Limit` at most 100
/// (`InvalidParameterValue.LimitExceeded`); `Offset`/`Limit` not negative
/// (`InvalidParameterValue`); at most 10 filters, each with a value
/// (`InvalidParameterValue.Filter`), a known name (`InvalidParameterValue.InvalidFilter`) and
/// at most 5 values (`LimitExceeded.FilterValuesTooLong`); each id well formed (`asg-…`,
/// `InvalidParameterValue.InvalidAutoScalingGroupId`). Unknown ids match nothing. Groups come
/// in the state's order; `TotalCount` counts every match.
pub(crate) fn describe(state: &State, request: &Request) -> Result<Output, Error> {
    let query = query::check(
        "AutoScalingGroupIds",
        request.auto_scaling_group_ids.as_deref(),
        request.filters.as_deref(),
        request.offset,
        request.limit,
        FILTERS,
    )
    .map_err(describe_problem!(Error))?;
    if let Some(bad) = query
        .ids
        .into_iter()
        .flatten()
        .find(|id| !well_formed(id, "asg"))
    {
        return Err(
            Error::invalid_parameter_value_invalid_auto_scaling_group_id(format!(
                "{bad:?} is not a scaling group id (asg-…)"
            )),
        );
    }
    let matches: Vec<&ScalingGroup> = state
        .scaling_groups
        .iter()
        .filter(|g| query.keeps(&g.scaling_group_id, |name, value| filter(g, name, value)))
        .collect();
    let total_count = count(matches.len());
    let set = query
        .page
        .of(matches)
        .into_iter()
        .map(|g| group_out(state, g))
        .collect();
    Ok(Output::new(DescribeAutoScalingGroupsOutputRequired {
        auto_scaling_group_set: set,
        total_count,
        request_id: String::new(),
    }))
}

fn filter(group: &ScalingGroup, name: &str, value: &str) -> bool {
    let tags = group
        .settings
        .tags
        .iter()
        .map(|t| (t.key.as_str(), t.value.as_str()));
    match name {
        "auto-scaling-group-id" => group.scaling_group_id == value,
        "auto-scaling-group-name" => group.scaling_group_name == value,
        "vague-auto-scaling-group-name" => group.scaling_group_name.contains(value),
        "launch-configuration-id" => group.scaling_configuration_id.as_deref() == Some(value),
        _ => tag_filter(name, value, tags).unwrap_or(false),
    }
}

/// How many of a group's instances are `IN_SERVICE` (the number the MinSize checks use).
pub(crate) fn in_service(group: &ScalingGroup) -> usize {
    group
        .instances
        .iter()
        .filter(|m| m.life_cycle_state == LifeCycleState::InService)
        .count()
}

/// The desired capacity API 3.0 shows: the group's, or (a group made by API 2.0 without one)
/// its number of instances.
pub(crate) fn desired_capacity(group: &ScalingGroup) -> i64 {
    group
        .desired_capacity
        .unwrap_or_else(|| count(group.instances.len()))
}

/// A state's group as API 3.0 shows it: times in UTC, enumerations as API 3.0 names them,
/// zones by name, and API 3.0's defaults for settings the group does not have.
pub(crate) fn group_out(state: &State, g: &ScalingGroup) -> AutoScalingGroup {
    let configuration = g
        .scaling_configuration_id
        .as_ref()
        .and_then(|id| state.launch_configuration(id));
    let settings = &g.settings;
    let cooldown = g.cooldown_or(state.simulation.timing.default_cooldown_seconds);
    let text =
        |value: &Option<String>, default: &str| value.clone().unwrap_or_else(|| default.to_owned());
    let mut out = AutoScalingGroup::new(AutoScalingGroupRequired {
        auto_scaling_group_id: g.scaling_group_id.clone(),
        auto_scaling_group_name: g.scaling_group_name.clone(),
        // A group whose launch configuration is gone cannot launch instances.
        auto_scaling_group_status: if configuration.is_some() {
            AutoScalingGroupStatus::Normal
        } else {
            AutoScalingGroupStatus::CvmAbnormal
        },
        created_time: g
            .create_time
            .as_deref()
            .map(iso_of_api_time)
            .unwrap_or_default()
            .into(),
        default_cooldown: i64::try_from(cooldown).unwrap_or(i64::MAX),
        desired_capacity: desired_capacity(g),
        enabled_status: match g.status {
            GroupStatus::Active => EnabledStatus::Enabled,
            GroupStatus::Inactive => EnabledStatus::Disabled,
        },
        forward_load_balancer_set: g
            .forward_lb_infos
            .iter()
            .map(forward_load_balancer)
            .collect(),
        instance_count: count(g.instances.len()),
        in_service_instance_count: count(in_service(g)),
        launch_configuration_id: g.scaling_configuration_id.clone().unwrap_or_default(),
        launch_configuration_name: configuration.map(|c| c.name.clone()).unwrap_or_default(),
        load_balancer_id_set: g.load_balancer_ids.clone(),
        max_size: g.max_size,
        min_size: g.min_size,
        project_id: g.project_id_or_default(),
        subnet_id_set: g.subnet_ids.clone(),
        termination_policy_set: vec![TerminationPolicy::from_wire(termination_policy(
            &g.remove_policy,
        ))],
        vpc_id: convert::vpc_id(g),
        zone_set: g.zone_ids.iter().map(|z| zone_name(z)).collect(),
        retry_policy: RetryPolicy::from_wire(&text(&settings.retry_policy, "IMMEDIATE_RETRY")),
        in_activity_status: if g.in_scaling_activity {
            InActivityStatus::InActivity
        } else {
            InActivityStatus::NotInActivity
        },
        tags: settings.tags.clone(),
        service_settings: settings.service_settings.clone().unwrap_or_default(),
        ipv6_address_count: settings.ipv6_address_count.unwrap_or(0),
        multi_zone_subnet_policy: MultiZoneSubnetPolicy::from_wire(&text(
            &settings.multi_zone_subnet_policy,
            "PRIORITY",
        )),
        health_check_type: HealthCheckType::from_wire(&text(&settings.health_check_type, "CLB")),
        load_balancer_health_check_grace_period: settings
            .load_balancer_health_check_grace_period
            .unwrap_or(0),
        instance_allocation_policy: InstanceAllocationPolicy::from_wire(&text(
            &settings.instance_allocation_policy,
            "LAUNCH_CONFIGURATION",
        )),
        spot_mixed_allocation_policy: settings
            .spot_mixed_allocation_policy
            .clone()
            .unwrap_or_default(),
        capacity_rebalance: settings.capacity_rebalance.unwrap_or(false),
        instance_name_index_settings: settings
            .instance_name_index_settings
            .clone()
            .unwrap_or_default(),
    })
    .concurrent_scale_out_for_desired_capacity(
        settings
            .concurrent_scale_out_for_desired_capacity
            .unwrap_or(false),
    );
    out.host_name_index_settings = settings.host_name_index_settings.clone();
    out
}
