//! Scaling groups as API 3.0 shows them: DescribeAutoScalingGroups, and the `AutoScalingGroup`
//! of a state's group.

use super::convert::{self, forward_load_balancer, termination_policy, word, zone_name};
use super::query::{self, count, describe_problem, tag_filter, well_formed};
use crate::domain::group_settings::{NameIndex, ServiceSettings, SpotMix, Tag};
use crate::state::{ScalingGroup, State};
use crate::util::format_iso;
use qcloud_as::v3::operation::describe_auto_scaling_groups::{
    DescribeAutoScalingGroupsError as Error, DescribeAutoScalingGroupsOutput as Output,
    DescribeAutoScalingGroupsOutputRequired, DescribeAutoScalingGroupsRequest as Request,
};
use qcloud_as::v3::types::{
    self as wire, AutoScalingGroup, AutoScalingGroupRequired, AutoScalingGroupStatus,
    EnabledStatus, HealthCheckType, InActivityStatus, InstanceAllocationPolicy, RetryPolicy,
    TerminationPolicy,
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
        .filter(|g| query.keeps(&g.id, |name, value| filter(g, name, value)))
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
        .tags
        .iter()
        .map(|t| (t.key.as_str(), t.value.as_str()));
    match name {
        "auto-scaling-group-id" => group.id == value,
        "auto-scaling-group-name" => group.name == value,
        "vague-auto-scaling-group-name" => group.name.contains(value),
        "launch-configuration-id" => group.scaling_configuration_id.as_deref() == Some(value),
        _ => tag_filter(name, value, tags).unwrap_or(false),
    }
}

/// How many of a group's members are `IN_SERVICE`, standby and stopped ones not counted (the
/// number the MinSize checks use).
pub(crate) fn in_service(group: &ScalingGroup) -> usize {
    group.in_service()
}

/// The desired capacity API 3.0 shows: the group's, or (a group made by API 2.0 without one)
/// its number of instances.
pub(crate) fn desired_capacity(group: &ScalingGroup) -> i64 {
    group
        .desired_capacity
        .unwrap_or_else(|| count(group.instances.len()))
}

/// A group's name numbering as API 3.0 shows it: the two settings have one shape.
macro_rules! name_index_out {
    ($shape:ty, $n:expr) => {{
        let n: &NameIndex = $n;
        let mut out = <$shape>::default();
        out.enabled = n.enabled;
        out.begin_index = n.begin_index;
        out.index_length = n.index_length;
        out
    }};
}

/// A state's group as API 3.0 shows it: times in UTC, enumerations as API 3.0 names them,
/// zones by name, and API 3.0's defaults for settings the group does not have.
pub(crate) fn group_out(state: &State, g: &ScalingGroup) -> AutoScalingGroup {
    let configuration = g
        .scaling_configuration_id
        .as_ref()
        .and_then(|id| state.launch_configuration(id));
    let cooldown = g.cooldown_or(state.simulation.timing.default_cooldown_seconds);
    let mut out = AutoScalingGroup::new(AutoScalingGroupRequired {
        auto_scaling_group_id: g.id.clone(),
        auto_scaling_group_name: g.name.clone(),
        // A group whose launch configuration is gone cannot launch instances.
        auto_scaling_group_status: if configuration.is_some() {
            AutoScalingGroupStatus::Normal
        } else {
            AutoScalingGroupStatus::CvmAbnormal
        },
        created_time: g.created_at.map(format_iso).unwrap_or_default().into(),
        default_cooldown: i64::try_from(cooldown).unwrap_or(i64::MAX),
        desired_capacity: desired_capacity(g),
        enabled_status: if g.enabled {
            EnabledStatus::Enabled
        } else {
            EnabledStatus::Disabled
        },
        forward_load_balancer_set: g
            .load_balancers
            .forward
            .iter()
            .map(forward_load_balancer)
            .collect(),
        instance_count: count(g.instances.len()),
        in_service_instance_count: count(in_service(g)),
        launch_configuration_id: g.scaling_configuration_id.clone().unwrap_or_default(),
        launch_configuration_name: configuration.map(|c| c.name.clone()).unwrap_or_default(),
        load_balancer_id_set: g.load_balancers.classic.clone(),
        max_size: g.max_size,
        min_size: g.min_size,
        project_id: g.project,
        subnet_id_set: g.subnet_ids.clone(),
        termination_policy_set: vec![TerminationPolicy::from_wire(termination_policy(
            g.termination_policy,
        ))],
        vpc_id: convert::vpc_id(g),
        zone_set: g.zone_ids.iter().map(|z| zone_name(z)).collect(),
        retry_policy: RetryPolicy::from_wire(&word(&g.retry_policy)),
        in_activity_status: if g.activity_running {
            InActivityStatus::InActivity
        } else {
            InActivityStatus::NotInActivity
        },
        tags: g.tags.iter().map(tag_out).collect(),
        service_settings: service_settings_out(&g.service_settings),
        ipv6_address_count: g.ipv6_address_count,
        multi_zone_subnet_policy: wire::MultiZoneSubnetPolicy::from_wire(&word(
            &g.multi_zone_subnet_policy,
        )),
        health_check_type: HealthCheckType::from_wire(&word(&g.health_check_type)),
        load_balancer_health_check_grace_period: g.load_balancer_health_check_grace_period,
        instance_allocation_policy: InstanceAllocationPolicy::from_wire(&word(
            &g.instance_allocation_policy,
        )),
        spot_mixed_allocation_policy: spot_out(&g.spot_mixed_allocation_policy),
        capacity_rebalance: g.capacity_rebalance,
        instance_name_index_settings: g
            .instance_name_index_settings
            .as_ref()
            .map(|n| name_index_out!(wire::InstanceNameIndexSettings, n))
            .unwrap_or_default(),
    })
    .concurrent_scale_out_for_desired_capacity(g.concurrent_scale_out_for_desired_capacity);
    out.host_name_index_settings = g
        .host_name_index_settings
        .as_ref()
        .map(|n| name_index_out!(wire::HostNameIndexSettings, n));
    out
}

/// A group's tag as API 3.0 shows it.
pub(crate) fn tag_out(t: &Tag) -> wire::Tag {
    let mut out = wire::Tag::new(t.key.clone(), t.value.clone());
    out.resource_type = t.resource_type.clone();
    out
}

fn service_settings_out(s: &ServiceSettings) -> wire::ServiceSettings {
    let mut out = wire::ServiceSettings::default();
    out.replace_monitor_unhealthy = s.replace_monitor_unhealthy;
    out.scaling_mode = s
        .scaling_mode
        .map(|m| wire::ScalingMode::from_wire(&word(&m)));
    out.replace_load_balancer_unhealthy = s.replace_load_balancer_unhealthy;
    out.replace_mode = s
        .replace_mode
        .map(|m| wire::ReplaceMode::from_wire(&word(&m)));
    out.auto_update_instance_tags = s.auto_update_instance_tags;
    out.desired_capacity_sync_with_max_min_size = s.desired_capacity_sync_with_max_min_size;
    out.priority_scale_in_unhealthy = s.priority_scale_in_unhealthy;
    out
}

fn spot_out(s: &SpotMix) -> wire::SpotMixedAllocationPolicy {
    let mut out = wire::SpotMixedAllocationPolicy::default();
    out.base_capacity = s.base_capacity;
    out.on_demand_percentage_above_base_capacity = s.on_demand_percentage_above_base_capacity;
    out.spot_allocation_strategy = s
        .spot_allocation_strategy
        .map(|m| wire::SpotAllocationStrategy::from_wire(&word(&m)));
    out.compensate_with_base_instance = s.compensate_with_base_instance;
    out
}
