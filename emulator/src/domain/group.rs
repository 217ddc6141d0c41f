//! A scaling group, as the state stores it and the domain decides on it: its sizes and desired
//! capacity, whether it is enabled or in an activity, its termination policy, creation time
//! (Unix seconds), network placement, load balancer bindings, settings, members, and its parts
//! (policies, scheduled actions, notifications, lifecycle hooks).

use super::group_settings::{
    HealthCheckType, InstanceAllocationPolicy, MultiZoneSubnetPolicy, NameIndex, RetryPolicy,
    ServiceSettings, SpotMix, Tag, ZonesCheckPolicy,
};
use super::hooks::LifecycleHook;
use super::load_balancers::Bindings;
use super::member::Member;
use super::model::LifeCycle;
use super::notifications::Notification;
use super::policy::Policy;
use super::schedules::ScheduledAction;
use serde::{Deserialize, Serialize};

/// Which members a scale-in removes first (`oldestInstance` | `newestInstance` in the state).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TerminationPolicy {
    /// The one that joined first (the default).
    #[default]
    OldestInstance,
    /// The one that joined last.
    NewestInstance,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// A scaling group.
///
/// ```
/// use qcloud_as_emulator::domain::{Creation, Group, Member, TerminationPolicy};
///
/// let group = Group::new("asg-0000aaaa", "web", 1, 5)
///     .launch_configuration("asc-0000aaaa")
///     .desired_capacity(2)
///     .termination_policy(TerminationPolicy::NewestInstance)
///     .created_at(1_767_225_600)
///     .zones(["100002"])
///     .with_member(Member::new("ins-0000aaaa", Creation::Auto).added_at(1_767_225_600));
/// assert_eq!(group.instances.len(), 1);
/// assert!(group.enabled);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Group {
    /// Its id (`asg-…`).
    #[serde(rename = "scalingGroupId")]
    pub id: String,
    /// Its name (unique in the account).
    #[serde(rename = "scalingGroupName")]
    pub name: String,
    /// Its launch configuration, which must exist.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scaling_configuration_id: Option<String>,
    /// The fewest in-service members it keeps.
    pub min_size: i64,
    /// The most members it holds.
    pub max_size: i64,
    /// Its desired capacity, when it has one. While the group is enabled and no activity
    /// runs, the simulation launches or removes members until it holds this many (within
    /// `[minSize, maxSize]`); a group without one is left as it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desired_capacity: Option<i64>,
    /// Enabled (API 2.0 `active`, API 3.0 `ENABLED`; the default).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub enabled: bool,
    /// Whether a scaling activity of it runs ([`Group::in_activity`] is the one place that
    /// says so). The simulation sets it while an activity runs; a state may set it by hand.
    #[serde(
        default,
        rename = "inScalingActivity",
        skip_serializing_if = "is_false"
    )]
    pub activity_running: bool,
    /// Which members a scale-in removes first.
    #[serde(default, skip_serializing_if = "is_default")]
    pub termination_policy: TerminationPolicy,
    /// When it was created, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<u64>,
    /// Its VPC (`vpc-…`); none for the classic network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<String>,
    /// Its project (0, the default project, when not given).
    #[serde(default, rename = "projectId", skip_serializing_if = "is_zero")]
    pub project: i64,
    /// Its availability zones, numeric ids as text (`100002` is `ap-guangzhou-2`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub zone_ids: Vec<String>,
    /// Its subnets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnet_ids: Vec<String>,
    /// The load balancers bound to it.
    #[serde(default, skip_serializing_if = "Bindings::is_empty")]
    pub load_balancers: Bindings,
    /// Seconds after an activity before the next automatic one; without it the simulation's
    /// `defaultCooldownSeconds` (API 3.0 shows 300 then, its default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_cooldown: Option<u64>,
    /// How a failed scale-out is retried.
    #[serde(default, skip_serializing_if = "is_default")]
    pub retry_policy: RetryPolicy,
    /// Whether a launch needs every zone or any.
    #[serde(default, skip_serializing_if = "is_default")]
    pub zones_check_policy: ZonesCheckPolicy,
    /// How it spreads over its subnets.
    #[serde(default, skip_serializing_if = "is_default")]
    pub multi_zone_subnet_policy: MultiZoneSubnetPolicy,
    /// What finds a member unhealthy.
    #[serde(default, skip_serializing_if = "is_default")]
    pub health_check_type: HealthCheckType,
    /// Seconds a new member's load balancer checks are ignored, 0 to 7200.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub load_balancer_health_check_grace_period: i64,
    /// What it launches.
    #[serde(default, skip_serializing_if = "is_default")]
    pub instance_allocation_policy: InstanceAllocationPolicy,
    /// IPv6 addresses per member, 0 or 1.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub ipv6_address_count: i64,
    /// Spot members replaced before they are reclaimed.
    #[serde(default, skip_serializing_if = "is_false")]
    pub capacity_rebalance: bool,
    /// Scale-outs to the desired capacity launch at once.
    #[serde(default, skip_serializing_if = "is_false")]
    pub concurrent_scale_out_for_desired_capacity: bool,
    /// Its tags (at most 30).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
    /// Its service switches.
    #[serde(default, skip_serializing_if = "is_default")]
    pub service_settings: ServiceSettings,
    /// How a spot-mixed group divides its capacity.
    #[serde(default, skip_serializing_if = "is_default")]
    pub spot_mixed_allocation_policy: SpotMix,
    /// Running numbers for its members' names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_name_index_settings: Option<NameIndex>,
    /// Running numbers for its members' host names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_name_index_settings: Option<NameIndex>,
    /// Its members; each must be in the state's `instances` and in no other group.
    #[serde(default)]
    pub instances: Vec<Member>,
    /// Its scaling policies, simple and target tracking (at most 100).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scaling_policies: Vec<Policy>,
    /// Its scheduled actions (API 2.0 scheduled tasks; at most 10).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scheduled_actions: Vec<ScheduledAction>,
    /// Its notifications (at most 20).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notifications: Vec<Notification>,
    /// Its lifecycle hooks (at most 10).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lifecycle_hooks: Vec<LifecycleHook>,
    /// The one hook API 2.0 bound to it (AttachLifeCycleHookId), when one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound_life_cycle_hook_id: Option<String>,
}

impl Group {
    /// An enabled group with no members and nothing else set.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        min_size: i64,
        max_size: i64,
    ) -> Self {
        Group {
            id: id.into(),
            name: name.into(),
            scaling_configuration_id: None,
            min_size,
            max_size,
            desired_capacity: None,
            enabled: true,
            activity_running: false,
            termination_policy: TerminationPolicy::OldestInstance,
            created_at: None,
            vpc_id: None,
            project: 0,
            zone_ids: Vec::new(),
            subnet_ids: Vec::new(),
            load_balancers: Bindings::default(),
            default_cooldown: None,
            retry_policy: RetryPolicy::default(),
            zones_check_policy: ZonesCheckPolicy::default(),
            multi_zone_subnet_policy: MultiZoneSubnetPolicy::default(),
            health_check_type: HealthCheckType::default(),
            load_balancer_health_check_grace_period: 0,
            instance_allocation_policy: InstanceAllocationPolicy::default(),
            ipv6_address_count: 0,
            capacity_rebalance: false,
            concurrent_scale_out_for_desired_capacity: false,
            tags: Vec::new(),
            service_settings: ServiceSettings::default(),
            spot_mixed_allocation_policy: SpotMix::default(),
            instance_name_index_settings: None,
            host_name_index_settings: None,
            instances: Vec::new(),
            scaling_policies: Vec::new(),
            scheduled_actions: Vec::new(),
            notifications: Vec::new(),
            lifecycle_hooks: Vec::new(),
            bound_life_cycle_hook_id: None,
        }
    }

    /// With launch configuration `id`.
    pub fn launch_configuration(mut self, id: impl Into<String>) -> Self {
        self.scaling_configuration_id = Some(id.into());
        self
    }

    /// With this desired capacity.
    pub fn desired_capacity(mut self, desired: i64) -> Self {
        self.desired_capacity = Some(desired);
        self
    }

    /// Enabled or disabled.
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.enabled = enabled;
        self
    }

    /// With this termination policy.
    pub fn termination_policy(mut self, policy: TerminationPolicy) -> Self {
        self.termination_policy = policy;
        self
    }

    /// Created at `unix` (seconds).
    pub fn created_at(mut self, unix: u64) -> Self {
        self.created_at = Some(unix);
        self
    }

    /// In project `project`.
    pub fn project(mut self, project: i64) -> Self {
        self.project = project;
        self
    }

    /// In VPC `id`.
    pub fn vpc(mut self, id: impl Into<String>) -> Self {
        self.vpc_id = Some(id.into());
        self
    }

    /// In these zones (numeric ids as text).
    pub fn zones<S: Into<String>>(mut self, zones: impl IntoIterator<Item = S>) -> Self {
        self.zone_ids = zones.into_iter().map(Into::into).collect();
        self
    }

    /// In these subnets.
    pub fn subnets<S: Into<String>>(mut self, subnets: impl IntoIterator<Item = S>) -> Self {
        self.subnet_ids = subnets.into_iter().map(Into::into).collect();
        self
    }

    /// With one more member.
    pub fn with_member(mut self, member: Member) -> Self {
        self.instances.push(member);
        self
    }

    /// Whether the group is in a scaling activity: the one test every command uses.
    pub fn in_activity(&self) -> bool {
        self.activity_running
    }

    /// How many members are in service.
    pub fn in_service(&self) -> usize {
        self.instances
            .iter()
            .filter(|m| m.state() == LifeCycle::InService)
            .count()
    }

    /// How many members are not paused (standby, stopped): the size the group keeps at its
    /// desired capacity.
    pub fn active_size(&self) -> i64 {
        let n = self
            .instances
            .iter()
            .filter(|m| !matches!(m.state(), LifeCycle::Standby | LifeCycle::Stopped))
            .count();
        i64::try_from(n).unwrap_or(i64::MAX)
    }

    /// Its desired capacity, or without one its [`Group::active_size`].
    pub fn capacity(&self) -> i64 {
        self.desired_capacity.unwrap_or_else(|| self.active_size())
    }

    /// The member `id`.
    pub fn member(&self, id: &str) -> Option<&Member> {
        self.instances.iter().find(|m| m.instance_id == id)
    }

    /// Its cooldown in seconds ([`Group::default_cooldown`]), else `default`.
    pub fn cooldown_or(&self, default: u64) -> u64 {
        self.default_cooldown.unwrap_or(default)
    }
}
