//! The settings CreateAutoScalingGroup and ModifyAutoScalingGroup share: how they are checked
//! ([`check`], the same rules for both) and stored on the state's group as the domain's
//! values ([`apply`]).

use super::convert::{of_word, remove_policy, zone_id};
use super::query::well_formed;
use crate::actions::group_name_taken;
use crate::domain::group_settings as domain;
use crate::state::{ScalingGroup, State};
use qcloud_as::shape::EnumShape;
use qcloud_as::v3::operation::create_auto_scaling_group::CreateAutoScalingGroupRequest;
use qcloud_as::v3::operation::modify_auto_scaling_group::ModifyAutoScalingGroupRequest;
use qcloud_as::v3::types::{
    HostNameIndexSettings, InstanceNameIndexSettings, ServiceSettings, SpotMixedAllocationPolicy,
    Tag, TerminationPolicy,
};
use std::collections::HashSet;

/// The largest `MinSize`, `MaxSize` and `DesiredCapacity`.
pub(crate) const MAX_SIZE: i64 = 2000;
/// The longest group name, in bytes.
pub(crate) const MAX_NAME_BYTES: usize = 55;
/// The longest `DefaultCooldown`, in seconds.
pub(crate) const MAX_COOLDOWN: i64 = 3600;
/// The longest `LoadBalancerHealthCheckGracePeriod`, in seconds.
pub(crate) const MAX_GRACE_PERIOD: i64 = 7200;

/// Why a setting is refused; each action answers it with its own code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Bad {
    Size(String),
    MinSizeLimit(String),
    MaxSizeLimit(String),
    Range(String),
    TooLong(String),
    Value(String),
    InvalidSubnet(String),
    DuplicatedSubnet(String),
    Zone(String),
    InvalidLaunchConfigurationId(String),
    LaunchConfigurationNotFound(String),
    NameDuplicated(String),
}

/// The settings a request gives (`None`: not given).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Given<'a> {
    pub(crate) name: Option<&'a str>,
    pub(crate) launch_configuration_id: Option<&'a str>,
    pub(crate) desired: Option<i64>,
    pub(crate) default_cooldown: Option<i64>,
    pub(crate) subnet_ids: Option<&'a [String]>,
    pub(crate) zones: Option<&'a [String]>,
    pub(crate) termination_policies: Option<&'a [TerminationPolicy]>,
    pub(crate) retry_policy: Option<&'a str>,
    pub(crate) zones_check_policy: Option<&'a str>,
    pub(crate) multi_zone_subnet_policy: Option<&'a str>,
    pub(crate) health_check_type: Option<&'a str>,
    pub(crate) instance_allocation_policy: Option<&'a str>,
    pub(crate) grace_period: Option<i64>,
    pub(crate) ipv6_address_count: Option<i64>,
    pub(crate) capacity_rebalance: Option<bool>,
    pub(crate) concurrent_scale_out: Option<bool>,
    pub(crate) service_settings: Option<&'a ServiceSettings>,
    pub(crate) spot: Option<&'a SpotMixedAllocationPolicy>,
    pub(crate) name_index: Option<&'a InstanceNameIndexSettings>,
    pub(crate) host_name_index: Option<&'a HostNameIndexSettings>,
}

/// `Given` from the members both requests have, named alike.
macro_rules! given {
    ($r:expr, $name:expr, $configuration:expr) => {
        Given {
            name: $name,
            launch_configuration_id: $configuration,
            desired: $r.desired_capacity,
            default_cooldown: $r.default_cooldown,
            subnet_ids: $r.subnet_ids.as_deref(),
            zones: $r.zones.as_deref(),
            termination_policies: $r.termination_policies.as_deref(),
            retry_policy: $r.retry_policy.as_ref().map(|v| v.as_str()),
            zones_check_policy: $r.zones_check_policy.as_ref().map(|v| v.as_str()),
            multi_zone_subnet_policy: $r.multi_zone_subnet_policy.as_ref().map(|v| v.as_str()),
            health_check_type: $r.health_check_type.as_ref().map(|v| v.as_str()),
            instance_allocation_policy: $r.instance_allocation_policy.as_ref().map(|v| v.as_str()),
            grace_period: $r.load_balancer_health_check_grace_period,
            ipv6_address_count: $r.ipv6_address_count,
            capacity_rebalance: $r.capacity_rebalance,
            concurrent_scale_out: $r.concurrent_scale_out_for_desired_capacity,
            service_settings: $r.service_settings.as_ref(),
            spot: $r.spot_mixed_allocation_policy.as_ref(),
            name_index: $r.instance_name_index_settings.as_ref(),
            host_name_index: $r.host_name_index_settings.as_ref(),
        }
    };
}

impl<'a> Given<'a> {
    /// The settings of a CreateAutoScalingGroup request.
    pub(crate) fn of_create(r: &'a CreateAutoScalingGroupRequest) -> Given<'a> {
        given!(
            r,
            Some(r.auto_scaling_group_name.as_str()),
            Some(r.launch_configuration_id.as_str())
        )
    }

    /// The settings of a ModifyAutoScalingGroup request.
    pub(crate) fn of_modify(r: &'a ModifyAutoScalingGroupRequest) -> Given<'a> {
        given!(
            r,
            r.auto_scaling_group_name.as_deref(),
            r.launch_configuration_id.as_deref()
        )
    }
}

/// The values an enumerated setting may take.
const CHOICES: &[(&str, &[&str])] = &[
    (
        "RetryPolicy",
        &["IMMEDIATE_RETRY", "INCREMENTAL_INTERVALS", "NO_RETRY"],
    ),
    ("ZonesCheckPolicy", &["ANY", "ALL"]),
    ("MultiZoneSubnetPolicy", &["PRIORITY", "EQUALITY"]),
    ("HealthCheckType", &["CVM", "CLB"]),
    (
        "InstanceAllocationPolicy",
        &["LAUNCH_CONFIGURATION", "SPOT_MIXED"],
    ),
];

/// Whether a group name is letters (any script), digits, `_`, `-` and `.`.
fn name_chars_ok(name: &str) -> bool {
    name.chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Checks the settings given, with `min` and `max` the sizes the group would have and `group`
/// the group being modified (for name uniqueness). In order: the name (not empty, at most 55
/// bytes: `TooLong`; letters, digits, `_`, `-`, `.`: `Value`; unused: `NameDuplicated`); the
/// launch configuration (`asc-…`: `InvalidLaunchConfigurationId`; it exists:
/// `LaunchConfigurationNotFound`); the sizes (at most 2000: `MinSizeLimit`, `MaxSizeLimit`,
/// `Range` for the desired capacity; `MinSize ≤ DesiredCapacity ≤ MaxSize`: `Size`); the
/// cooldown (0 to 3600: `Range`); the grace period (0 to 7200) and IPv6 count (0 or 1):
/// `Range`; the enumerated settings and the one termination policy (`Value`); subnets
/// (`subnet-…`: `InvalidSubnet`; none twice: `DuplicatedSubnet`); zones (named in the
/// emulator's zone table: `Zone`).
pub(crate) fn check(
    state: &State,
    given: &Given<'_>,
    group: Option<&str>,
    min: i64,
    max: i64,
) -> Result<(), Bad> {
    if let Some(name) = given.name {
        if name.is_empty() || name.len() > MAX_NAME_BYTES {
            return Err(Bad::TooLong(format!(
                "AutoScalingGroupName: {} bytes; give 1 to {MAX_NAME_BYTES}",
                name.len()
            )));
        }
        if !name_chars_ok(name) {
            return Err(Bad::Value(format!(
                "AutoScalingGroupName: {name:?} may hold only letters, digits, `_`, `-` and `.`"
            )));
        }
        if group_name_taken(state, name, group) {
            return Err(Bad::NameDuplicated(format!(
                "AutoScalingGroupName: a scaling group named {name:?} already exists"
            )));
        }
    }
    if let Some(id) = given.launch_configuration_id {
        if !well_formed(id, "asc") {
            return Err(Bad::InvalidLaunchConfigurationId(format!(
                "LaunchConfigurationId: {id:?} is not a launch configuration id (asc-…)"
            )));
        }
        if state.launch_configuration(id).is_none() {
            return Err(Bad::LaunchConfigurationNotFound(format!(
                "LaunchConfigurationId: launch configuration {id} does not exist"
            )));
        }
    }
    if min > MAX_SIZE {
        return Err(Bad::MinSizeLimit(format!(
            "MinSize {min} is above {MAX_SIZE}"
        )));
    }
    if max > MAX_SIZE {
        return Err(Bad::MaxSizeLimit(format!(
            "MaxSize {max} is above {MAX_SIZE}"
        )));
    }
    if min > max {
        return Err(Bad::Size(format!("MinSize {min} is above MaxSize {max}")));
    }
    if let Some(desired) = given.desired {
        if desired > MAX_SIZE {
            return Err(Bad::Range(format!(
                "DesiredCapacity {desired} is above {MAX_SIZE}"
            )));
        }
        if !(min..=max).contains(&desired) {
            return Err(Bad::Size(format!(
                "DesiredCapacity {desired} is not from MinSize {min} to MaxSize {max}"
            )));
        }
    }
    for (name, value, top) in [
        ("DefaultCooldown", given.default_cooldown, MAX_COOLDOWN),
        (
            "LoadBalancerHealthCheckGracePeriod",
            given.grace_period,
            MAX_GRACE_PERIOD,
        ),
        ("Ipv6AddressCount", given.ipv6_address_count, 1),
    ] {
        if let Some(value) = value.filter(|v| !(0..=top).contains(v)) {
            return Err(Bad::Range(format!("{name} {value} is not from 0 to {top}")));
        }
    }
    let enumerated = [
        given.retry_policy,
        given.zones_check_policy,
        given.multi_zone_subnet_policy,
        given.health_check_type,
        given.instance_allocation_policy,
    ];
    for ((name, choices), value) in CHOICES.iter().zip(enumerated) {
        if let Some(value) = value.filter(|v| !choices.contains(v)) {
            return Err(Bad::Value(format!(
                "{name}: {value:?} is not one of {}",
                choices.join(", ")
            )));
        }
    }
    let structured = [
        given
            .service_settings
            .and_then(|s| s.scaling_mode.as_ref())
            .and_then(|m| unlisted("ScalingMode (ServiceSettings)", m)),
        given
            .service_settings
            .and_then(|s| s.replace_mode.as_ref())
            .and_then(|m| unlisted("ReplaceMode (ServiceSettings)", m)),
        given
            .spot
            .and_then(|s| s.spot_allocation_strategy.as_ref())
            .and_then(|m| unlisted("SpotAllocationStrategy (SpotMixedAllocationPolicy)", m)),
    ];
    if let Some(message) = structured.into_iter().flatten().next() {
        return Err(Bad::Value(message));
    }
    if let Some(policies) = given.termination_policies {
        let one = match policies {
            [policy] => remove_policy(policy.as_str()).is_some(),
            _ => false,
        };
        if !one {
            let policies: Vec<&str> = policies.iter().map(|p| p.as_str()).collect();
            return Err(Bad::Value(format!(
                "TerminationPolicies: {policies:?} must be one of [\"OLDEST_INSTANCE\"], \
                 [\"NEWEST_INSTANCE\"]"
            )));
        }
    }
    let mut seen = HashSet::new();
    for subnet in given.subnet_ids.unwrap_or_default() {
        if !well_formed(subnet, "subnet") {
            return Err(Bad::InvalidSubnet(format!(
                "SubnetIds: {subnet:?} is not a subnet id (subnet-…)"
            )));
        }
        if !seen.insert(subnet) {
            return Err(Bad::DuplicatedSubnet(format!(
                "SubnetIds: {subnet} is given twice"
            )));
        }
    }
    if let Some(zone) = given
        .zones
        .unwrap_or_default()
        .iter()
        .find(|z| zone_id(z).is_none())
    {
        return Err(Bad::Zone(format!(
            "Zones: {zone:?} is not a zone the emulator knows (ap-guangzhou-N, ap-shanghai-N, \
             ap-hongkong-N, ap-beijing-N, ap-singapore-N)"
        )));
    }
    Ok(())
}

/// The message for a value of an enumeration the spec does not list, if `value` is one.
fn unlisted<E: EnumShape>(name: &str, value: &E) -> Option<String> {
    value.as_unknown().map(|raw| {
        format!(
            "{name}: {:?} is not one of {}",
            raw.as_str(),
            E::WIRE.join(", ")
        )
    })
}

/// A tag as the state keeps it.
pub(crate) fn tag(t: &Tag) -> domain::Tag {
    domain::Tag {
        key: t.key.clone(),
        value: t.value.clone(),
        resource_type: t.resource_type.clone(),
    }
}

fn service_settings(s: &ServiceSettings) -> domain::ServiceSettings {
    domain::ServiceSettings {
        replace_monitor_unhealthy: s.replace_monitor_unhealthy,
        scaling_mode: s.scaling_mode.as_ref().and_then(|m| of_word(m.as_str())),
        replace_load_balancer_unhealthy: s.replace_load_balancer_unhealthy,
        replace_mode: s.replace_mode.as_ref().and_then(|m| of_word(m.as_str())),
        auto_update_instance_tags: s.auto_update_instance_tags,
        desired_capacity_sync_with_max_min_size: s.desired_capacity_sync_with_max_min_size,
        priority_scale_in_unhealthy: s.priority_scale_in_unhealthy,
    }
}

fn spot(s: &SpotMixedAllocationPolicy) -> domain::SpotMix {
    domain::SpotMix {
        base_capacity: s.base_capacity,
        on_demand_percentage_above_base_capacity: s.on_demand_percentage_above_base_capacity,
        spot_allocation_strategy: s
            .spot_allocation_strategy
            .as_ref()
            .and_then(|m| of_word(m.as_str())),
        compensate_with_base_instance: s.compensate_with_base_instance,
    }
}

/// Name numbering as the state keeps it (instance and host names have one shape).
fn name_index(
    enabled: Option<bool>,
    begin_index: Option<i64>,
    index_length: Option<i64>,
) -> domain::NameIndex {
    domain::NameIndex {
        enabled,
        begin_index,
        index_length,
    }
}

/// Stores the settings given (checked by [`check`]) on `group`; sizes and the desired capacity
/// are the caller's.
pub(crate) fn apply(group: &mut ScalingGroup, given: &Given<'_>) {
    if let Some(name) = given.name {
        group.name = name.to_owned();
    }
    if let Some(id) = given.launch_configuration_id {
        group.scaling_configuration_id = Some(id.to_owned());
    }
    if let Some(subnets) = given.subnet_ids {
        group.subnet_ids = subnets.to_vec();
    }
    if let Some(zones) = given.zones {
        group.zone_ids = zones.iter().filter_map(|z| zone_id(z)).collect();
    }
    if let Some(policy) = given
        .termination_policies
        .and_then(|p| p.first())
        .and_then(|p| remove_policy(p.as_str()))
    {
        group.termination_policy = policy;
    }
    // The words were checked against `CHOICES`: each is one of the domain's.
    fn set<T: serde::de::DeserializeOwned>(value: Option<&str>, to: &mut T) {
        if let Some(v) = value.and_then(of_word) {
            *to = v;
        }
    }
    set(given.retry_policy, &mut group.retry_policy);
    set(given.zones_check_policy, &mut group.zones_check_policy);
    set(
        given.multi_zone_subnet_policy,
        &mut group.multi_zone_subnet_policy,
    );
    set(given.health_check_type, &mut group.health_check_type);
    set(
        given.instance_allocation_policy,
        &mut group.instance_allocation_policy,
    );
    // `check` keeps these within 0 to 3600.
    if let Some(cooldown) = given.default_cooldown.and_then(|c| u64::try_from(c).ok()) {
        group.default_cooldown = Some(cooldown);
    }
    if let Some(v) = given.grace_period {
        group.load_balancer_health_check_grace_period = v;
    }
    if let Some(v) = given.ipv6_address_count {
        group.ipv6_address_count = v;
    }
    if let Some(v) = given.capacity_rebalance {
        group.capacity_rebalance = v;
    }
    if let Some(v) = given.concurrent_scale_out {
        group.concurrent_scale_out_for_desired_capacity = v;
    }
    if let Some(v) = given.service_settings {
        group.service_settings = service_settings(v);
    }
    if let Some(v) = given.spot {
        group.spot_mixed_allocation_policy = spot(v);
    }
    if let Some(v) = given.name_index {
        group.instance_name_index_settings =
            Some(name_index(v.enabled, v.begin_index, v.index_length));
    }
    if let Some(v) = given.host_name_index {
        group.host_name_index_settings = Some(name_index(v.enabled, v.begin_index, v.index_length));
    }
}
