//! What a scaling group is set up with beyond its sizes: the retry, zone, subnet, health-check
//! and allocation policies, tags, service switches, spot mix and name numbering. API 3.0 sets
//! them (CreateAutoScalingGroup, ModifyAutoScalingGroup); API 2.0 has no field for them and
//! leaves them at their defaults. Stored as camelCase words and fields.

use serde::{Deserialize, Serialize};

/// How a failed scale-out is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RetryPolicy {
    /// Retried at once, a few times (the default).
    #[default]
    ImmediateRetry,
    /// Retried at growing intervals.
    IncrementalIntervals,
    /// Not retried.
    NoRetry,
}

/// Whether a launch needs every zone, or any, to be able to launch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ZonesCheckPolicy {
    /// Any zone (the default).
    #[default]
    Any,
    /// Every zone.
    All,
}

/// How a group spreads over its subnets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MultiZoneSubnetPolicy {
    /// In the order given (the default).
    #[default]
    Priority,
    /// Evenly.
    Equality,
}

/// What finds a member unhealthy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum HealthCheckType {
    /// The instance's own checks.
    Cvm,
    /// The load balancers' checks (the default).
    #[default]
    Clb,
}

/// What the group launches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum InstanceAllocationPolicy {
    /// What its launch configuration says (the default).
    #[default]
    LaunchConfiguration,
    /// A mix of pay-as-you-go and spot instances ([`SpotMix`]).
    SpotMixed,
}

/// A tag on a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Tag {
    /// Its key.
    pub key: String,
    /// Its value.
    pub value: String,
    /// What it is on (`auto-scaling-group`), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<String>,
}

/// How the group scales out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ScalingMode {
    /// Launching, and terminating on scale-in.
    ClassicScaling,
    /// Starting stopped members first.
    WakeUpStoppedScaling,
}

/// How an unhealthy member is replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ReplaceMode {
    /// By a new instance.
    Recreate,
    /// Reinstalled in place.
    Reset,
}

/// The group's service switches; each unset one has the documented default.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceSettings {
    /// Replace members Cloud Monitor finds unhealthy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replace_monitor_unhealthy: Option<bool>,
    /// How it scales out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scaling_mode: Option<ScalingMode>,
    /// Replace members the load balancers find unhealthy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replace_load_balancer_unhealthy: Option<bool>,
    /// How an unhealthy member is replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replace_mode: Option<ReplaceMode>,
    /// Copy the group's tags to its members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_update_instance_tags: Option<bool>,
    /// Move the desired capacity with the sizes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desired_capacity_sync_with_max_min_size: Option<bool>,
    /// Scale in unhealthy members first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority_scale_in_unhealthy: Option<bool>,
}

/// How a spot-mixed group buys its spot instances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SpotAllocationStrategy {
    /// The cheapest per core first.
    CostOptimized,
    /// The largest stock first.
    CapacityOptimized,
}

/// How a spot-mixed group divides its capacity; each unset field has the documented default.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SpotMix {
    /// Members always pay-as-you-go.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_capacity: Option<i64>,
    /// Percent of the rest that is pay-as-you-go.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_demand_percentage_above_base_capacity: Option<i64>,
    /// How spot instances are picked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spot_allocation_strategy: Option<SpotAllocationStrategy>,
    /// Buy pay-as-you-go when spot cannot be bought.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compensate_with_base_instance: Option<bool>,
}

/// Running numbers for the names (or host names) of the members the group launches.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NameIndex {
    /// Numbering on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The first number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub begin_index: Option<i64>,
    /// Digits, zero-padded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_length: Option<i64>,
}
