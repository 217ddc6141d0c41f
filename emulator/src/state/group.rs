//! Scaling groups and their instances, as the state holds them: the API 2.0 fields, and the
//! settings only API 3.0 has ([`GroupSettings`]).

use super::{CreationType, ForwardLbInfo, HealthStatus, LifeCycleState, RemovePolicy};
use crate::domain::hooks::LifecycleHook;
use crate::domain::notifications::Notification;
use crate::domain::schedules::ScheduledAction;
use crate::domain::{Pause, Policy};
use serde::{Deserialize, Serialize};

/// Whether a scaling group takes part in scaling (only `active` groups accept DetachInstance).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupStatus {
    /// Enabled.
    #[default]
    Active,
    /// Disabled.
    Inactive,
}

/// A scaling group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScalingGroup {
    /// Its id, e.g. `asg-0000aaaa`.
    pub scaling_group_id: String,
    /// Its name (unique in the account).
    pub scaling_group_name: String,
    /// Its launch configuration, which must be in [`State::launch_configurations`](super::State::launch_configurations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scaling_configuration_id: Option<String>,
    /// The fewest instances it may hold; DetachInstance refuses to go below it.
    pub min_size: i64,
    /// The most instances it may hold.
    pub max_size: i64,
    /// The desired capacity, when one was set. While the group is active and no activity
    /// runs, the simulation launches or removes instances until the group holds this many
    /// (within `[minSize, maxSize]`); a group without one is left as it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desired_capacity: Option<i64>,
    /// `active` or `inactive`.
    #[serde(default)]
    pub status: GroupStatus,
    /// Whether a scaling activity is running (then DetachInstance is refused). The simulation
    /// sets it while an activity it runs is in progress; a state may also set it by hand.
    #[serde(default)]
    pub in_scaling_activity: bool,
    /// Its remove policy (`RemoveOldestInstance` when not given).
    #[serde(default = "oldest_first")]
    pub remove_policy: RemovePolicy,
    /// When it was created, `YYYY-MM-DD hh:mm:ss`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_time: Option<String>,
    /// `0` for the classic network (the default), otherwise a VPC id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<String>,
    /// Its project (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<i64>,
    /// Its availability zones (numeric ids as text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub zone_ids: Vec<String>,
    /// Its subnets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnet_ids: Vec<String>,
    /// Its classic load balancers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub load_balancer_ids: Vec<String>,
    /// Its application load balancers.
    #[serde(
        default,
        rename = "forwardLBInfos",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub forward_lb_infos: Vec<ForwardLbInfo>,
    /// The instances in it; each must be in [`State::instances`](super::State::instances) and in no other group.
    #[serde(default)]
    pub instances: Vec<GroupInstance>,
    /// Its scaling policies, simple and target tracking (at most 100), in the domain's shape;
    /// an entry in API 2.0's shape (formats 1 and 2) still loads.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::policies::read"
    )]
    pub scaling_policies: Vec<Policy>,
    /// Its scheduled actions (API 2.0 scheduled tasks; at most 10), as the domain stores them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scheduled_actions: Vec<ScheduledAction>,
    /// Its notifications (at most 20), as the domain stores them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notifications: Vec<Notification>,
    /// Its lifecycle hooks (at most 10), as the domain stores them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lifecycle_hooks: Vec<LifecycleHook>,
    /// The one hook bound to it, when one is (AttachLifeCycleHookId).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound_life_cycle_hook_id: Option<String>,
    /// The settings only API 3.0 has (`DefaultCooldown`, `RetryPolicy`, `Tags`, …); API 3.0
    /// shows its defaults for those not set.
    #[serde(default, skip_serializing_if = "GroupSettings::is_default")]
    pub settings: GroupSettings,
}

/// The settings of a scaling group that only API 3.0 has, as CreateAutoScalingGroup and
/// ModifyAutoScalingGroup take them. Every field is optional (`None`: API 3.0's default).
/// Structured values keep the SDK's API 3.0 shapes, with their wire names
/// (`serviceSettings: {ReplaceMonitorUnhealthy: true}`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GroupSettings {
    /// Seconds after an activity before the next automatic one (API 3.0 default 300). The
    /// simulation's activities for the desired capacity use it as their cooldown; without it
    /// they use `simulation.timing.defaultCooldownSeconds`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_cooldown: Option<i64>,
    /// `IMMEDIATE_RETRY` (default) | `INCREMENTAL_INTERVALS` | `NO_RETRY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_policy: Option<String>,
    /// `ANY` (default) | `ALL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zones_check_policy: Option<String>,
    /// `PRIORITY` (default) | `EQUALITY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multi_zone_subnet_policy: Option<String>,
    /// `CVM` | `CLB` (default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check_type: Option<String>,
    /// Seconds, 0 to 7200 (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_balancer_health_check_grace_period: Option<i64>,
    /// `LAUNCH_CONFIGURATION` (default) | `SPOT_MIXED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_allocation_policy: Option<String>,
    /// 0 (default) or 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6_address_count: Option<i64>,
    /// Default false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_rebalance: Option<bool>,
    /// Default false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concurrent_scale_out_for_desired_capacity: Option<bool>,
    /// The group's tags (at most 30).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<qcloud_as::v3::types::Tag>,
    /// Unhealthy-instance replacement, scaling mode and similar switches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_settings: Option<qcloud_as::v3::types::ServiceSettings>,
    /// For `SPOT_MIXED` groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spot_mixed_allocation_policy: Option<qcloud_as::v3::types::SpotMixedAllocationPolicy>,
    /// Instance name numbering.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_name_index_settings: Option<qcloud_as::v3::types::InstanceNameIndexSettings>,
    /// Host name numbering.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_name_index_settings: Option<qcloud_as::v3::types::HostNameIndexSettings>,
}

impl GroupSettings {
    /// Whether nothing is set.
    pub fn is_default(&self) -> bool {
        *self == GroupSettings::default()
    }
}

impl ScalingGroup {
    /// An active group with no instances and nothing else set.
    pub fn new(
        scaling_group_id: impl Into<String>,
        scaling_group_name: impl Into<String>,
        min_size: i64,
        max_size: i64,
    ) -> Self {
        ScalingGroup {
            scaling_group_id: scaling_group_id.into(),
            scaling_group_name: scaling_group_name.into(),
            scaling_configuration_id: None,
            min_size,
            max_size,
            desired_capacity: None,
            status: GroupStatus::Active,
            in_scaling_activity: false,
            remove_policy: oldest_first(),
            create_time: None,
            vpc_id: None,
            project_id: None,
            zone_ids: Vec::new(),
            subnet_ids: Vec::new(),
            load_balancer_ids: Vec::new(),
            forward_lb_infos: Vec::new(),
            instances: Vec::new(),
            scaling_policies: Vec::new(),
            scheduled_actions: Vec::new(),
            notifications: Vec::new(),
            lifecycle_hooks: Vec::new(),
            bound_life_cycle_hook_id: None,
            settings: GroupSettings::default(),
        }
    }

    /// The VPC id as reported: `0` for the classic network.
    pub fn vpc_id_or_default(&self) -> &str {
        self.vpc_id.as_deref().unwrap_or("0")
    }

    /// The project id as reported: `0` for the default project.
    pub fn project_id_or_default(&self) -> i64 {
        self.project_id.unwrap_or(0)
    }

    /// How many members are not paused (standby, stopped): the size kept at the desired
    /// capacity.
    pub fn active_size(&self) -> i64 {
        let n = self.instances.iter().filter(|m| m.paused.is_none()).count();
        i64::try_from(n).unwrap_or(i64::MAX)
    }

    /// Its cooldown in seconds ([`GroupSettings::default_cooldown`]), else `default`.
    pub fn cooldown_or(&self, default: u64) -> u64 {
        self.settings
            .default_cooldown
            .and_then(|c| u64::try_from(c).ok())
            .unwrap_or(default)
    }
}

fn oldest_first() -> RemovePolicy {
    RemovePolicy::RemoveOldestInstance
}

fn healthy() -> HealthStatus {
    HealthStatus::Healthy
}

fn in_service() -> LifeCycleState {
    LifeCycleState::InService
}

/// An instance's membership of a scaling group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GroupInstance {
    /// The instance, which must be in [`State::instances`](super::State::instances).
    pub instance_id: String,
    /// `Auto` or `Manual`.
    pub creation_type: CreationType,
    /// `Healthy` (default) or `UnHealthy`.
    #[serde(default = "healthy")]
    pub health_status: HealthStatus,
    /// The life-cycle state, `InService` by default.
    #[serde(default = "in_service")]
    pub life_cycle_state: LifeCycleState,
    /// Whether it is protected from scale-in.
    #[serde(default)]
    pub protected_from_scale_in: bool,
    /// Whether it is protected from detaching (SetCvmProtectedDetach).
    #[serde(default)]
    pub protected_from_detach: bool,
    /// The launch configuration it was created from, for an `Auto` instance (a launch
    /// configuration that created an instance still in a group cannot be deleted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scaling_configuration_id: Option<String>,
    /// When it joined the group, `YYYY-MM-DD hh:mm:ss`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_time: Option<String>,
    /// Out of service while in the group: `standby` (EnterStandby), `stoppedKeepCharging` or
    /// `stoppedStopCharging` (StopAutoScalingInstances). Not scaled in, not counted in the
    /// size kept at the desired capacity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused: Option<Pause>,
}

impl GroupInstance {
    /// A healthy, in-service member.
    pub fn new(instance_id: impl Into<String>, creation_type: CreationType) -> Self {
        GroupInstance {
            instance_id: instance_id.into(),
            creation_type,
            health_status: HealthStatus::Healthy,
            life_cycle_state: in_service(),
            protected_from_scale_in: false,
            protected_from_detach: false,
            scaling_configuration_id: None,
            add_time: None,
            paused: None,
        }
    }
}
