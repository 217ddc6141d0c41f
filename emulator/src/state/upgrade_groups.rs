//! Scaling groups and members written by formats 1 to 3 of the state, read into the domain's
//! [`Group`] and [`Member`] (format 4). Format 3 stored API 2.0's words and Beijing-time text
//! (`status: active`, `removePolicy: RemoveOldestInstance`, `createTime: "2026-01-01
//! 00:00:00"`, a member's `creationType`, `healthStatus`, `lifeCycleState`, `addTime`), the
//! load balancers as `loadBalancerIds` and `forwardLBInfos` (`rsInfoSet`), and what only API
//! 3.0 sets under `settings` (its words and shapes: `retryPolicy: IMMEDIATE_RETRY`,
//! `tags: [{Key, Value}]`). Format 4 stores the domain's: `enabled`, `terminationPolicy`,
//! `createdAt` and `addedAt` in Unix seconds, `creation`, `health`, `lifeCycle`,
//! `loadBalancers`, and the settings as the group's own fields.
//!
//! A document says which it is (`version:`); one of format 4 holding a format-3 key, or one of
//! an earlier format holding a format-4 key, is refused naming the key ([`check_keys`], which
//! also refuses an API 2.0 word the spec does not list, naming the entry and its line).

use super::check::Problem;
use crate::domain::group_settings::{
    HealthCheckType, InstanceAllocationPolicy, MultiZoneSubnetPolicy, NameIndex, ReplaceMode,
    RetryPolicy, ScalingMode, ServiceSettings, SpotAllocationStrategy, SpotMix, Tag,
    ZonesCheckPolicy,
};
use crate::domain::hooks::LifecycleHook;
use crate::domain::load_balancers::{Bindings, ForwardBinding, ListenerKey, Target};
use crate::domain::notifications::Notification;
use crate::domain::schedules::ScheduledAction;
use crate::domain::{
    Creation, Group, Health, LifeCycle, Member, Pause, Policy, TerminationPolicy,
};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// Reads a state's `scalingGroups`, each entry in format 4's shape or an earlier one's.
pub(crate) fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Group>, D::Error> {
    Ok(Vec::<GroupIn>::deserialize(d)?
        .into_iter()
        .map(|g| g.0)
        .collect())
}

/// The keys of a group entry only formats 1 to 3 have, and those only format 4 has.
const OLD_GROUP_KEYS: &[&str] = &[
    "status",
    "removePolicy",
    "createTime",
    "loadBalancerIds",
    "forwardLBInfos",
    "settings",
];
const NEW_GROUP_KEYS: &[&str] = &[
    "enabled",
    "terminationPolicy",
    "createdAt",
    "loadBalancers",
    "defaultCooldown",
    "retryPolicy",
    "zonesCheckPolicy",
    "multiZoneSubnetPolicy",
    "healthCheckType",
    "loadBalancerHealthCheckGracePeriod",
    "instanceAllocationPolicy",
    "ipv6AddressCount",
    "capacityRebalance",
    "concurrentScaleOutForDesiredCapacity",
    "tags",
    "serviceSettings",
    "spotMixedAllocationPolicy",
    "instanceNameIndexSettings",
    "hostNameIndexSettings",
];
/// The same of a member entry.
const OLD_MEMBER_KEYS: &[&str] = &["creationType", "healthStatus", "lifeCycleState", "addTime"];
const NEW_MEMBER_KEYS: &[&str] = &["creation", "health", "lifeCycle", "addedAt"];

/// API 2.0's words formats 1 to 3 hold, per key.
const OLD_WORDS: &[(&str, &str, &[&str])] = &[
    ("removePolicy", "RemovePolicy", &["RemoveOldestInstance", "RemoveNewestInstance"]),
    ("creationType", "CreationType", &["Auto", "Manual"]),
    ("healthStatus", "HealthStatus", &["Healthy", "UnHealthy"]),
    (
        "lifeCycleState",
        "LifeCycleState",
        &[
            "Creating",
            "InService",
            "Removing",
            "Attaching",
            "Detaching",
            "Backuping",
            "UnBackuping",
            "AttachLb",
            "DetachLb",
            "Preheating",
        ],
    ),
];

/// Refuses, before the document is decoded: a key of the other format than the document's
/// `version:` (a format-3 key in a format-4 document, or the other way round), and a format-3
/// word that API 2.0's spec does not list (`creationType: Foo`), naming the entry and, through
/// the value, its line.
pub(crate) fn check_keys(value: &Value) -> Result<(), Problem> {
    let Some(groups) = value.get("scalingGroups").and_then(Value::as_array) else {
        return Ok(());
    };
    let version = value.get("version").and_then(Value::as_u64).unwrap_or(1);
    if !(1..=u64::from(super::STATE_FORMAT_VERSION)).contains(&version) {
        // The format check names the version.
        return Ok(());
    }
    let (foreign_group, foreign_member, why) = if version >= 4 {
        (
            OLD_GROUP_KEYS,
            OLD_MEMBER_KEYS,
            "a key of formats 1 to 3; format 4 stores the domain's fields (see the emulator \
             README, \"State file\")",
        )
    } else {
        (
            NEW_GROUP_KEYS,
            NEW_MEMBER_KEYS,
            "a key of format 4: write version: 4 (and the group in format 4's shape)",
        )
    };
    for (g, group) in groups.iter().enumerate() {
        let entry = format!("scalingGroups[{g}]");
        keys_and_words(group, &entry, foreign_group, why)?;
        let members = group.get("instances").and_then(Value::as_array);
        for (i, member) in members.into_iter().flatten().enumerate() {
            keys_and_words(member, &format!("{entry}.instances[{i}]"), foreign_member, why)?;
        }
    }
    Ok(())
}

fn keys_and_words(entry: &Value, name: &str, foreign: &[&str], why: &str) -> Result<(), Problem> {
    let Some(map) = entry.as_object() else {
        return Ok(());
    };
    if let Some(key) = map.keys().find(|k| foreign.contains(&k.as_str())) {
        return Err(Problem::new(format!("{name}.{key}"), why).at(key, 1));
    }
    for (key, shape, words) in OLD_WORDS {
        let Some(word) = map.get(*key).and_then(Value::as_str) else {
            continue;
        };
        if !words.contains(&word) {
            return Err(Problem::new(
                format!("{name}.{key}"),
                format!("{word:?} is not a {shape}: expected one of {}", words.join(", ")),
            )
            .at(word, 1));
        }
    }
    Ok(())
}

/// A Beijing-time text (`YYYY-MM-DD hh:mm:ss`) read as Unix seconds; an empty one as none.
#[derive(Debug, Clone, Copy)]
struct BeijingTime(Option<u64>);

impl<'de> Deserialize<'de> for BeijingTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if text.trim().is_empty() {
            return Ok(BeijingTime(None));
        }
        crate::util::parse_time(&text)
            .map(|t| BeijingTime(Some(t)))
            .ok_or_else(|| {
                D::Error::custom(format!(
                    "{text:?} is not a time written YYYY-MM-DD hh:mm:ss (Beijing time)"
                ))
            })
    }
}

/// Defines a format-3 enum read from its words, and what it is in the domain.
macro_rules! old_words {
    ($name:ident => $domain:ty { $($word:literal => $variant:ident = $value:expr),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, Deserialize)]
        enum $name {
            $(#[serde(rename = $word)] $variant,)+
        }

        impl From<$name> for $domain {
            fn from(old: $name) -> $domain {
                match old {
                    $($name::$variant => $value,)+
                }
            }
        }
    };
}

old_words!(OldStatus => bool { "active" => Active = true, "inactive" => Inactive = false });
old_words!(OldRemovePolicy => TerminationPolicy {
    "RemoveOldestInstance" => Oldest = TerminationPolicy::OldestInstance,
    "RemoveNewestInstance" => Newest = TerminationPolicy::NewestInstance,
});
old_words!(OldCreation => Creation {
    "Auto" => Auto = Creation::Auto,
    "Manual" => Manual = Creation::Manual,
});
old_words!(OldHealth => Health {
    "Healthy" => Healthy = Health::Healthy,
    "UnHealthy" => Unhealthy = Health::Unhealthy,
});
old_words!(OldLifeCycle => LifeCycle {
    "Creating" => Creating = LifeCycle::Creating,
    "InService" => InService = LifeCycle::InService,
    "Removing" => Removing = LifeCycle::Terminating,
    "Attaching" => Attaching = LifeCycle::Attaching,
    "Detaching" => Detaching = LifeCycle::Detaching,
    "Backuping" => Backuping = LifeCycle::BackingUp,
    "UnBackuping" => UnBackuping = LifeCycle::LeavingBackup,
    "AttachLb" => AttachLb = LifeCycle::AttachingLoadBalancers,
    "DetachLb" => DetachLb = LifeCycle::DetachingLoadBalancers,
    "Preheating" => Preheating = LifeCycle::Preheating,
});
old_words!(OldRetry => RetryPolicy {
    "IMMEDIATE_RETRY" => Immediate = RetryPolicy::ImmediateRetry,
    "INCREMENTAL_INTERVALS" => Incremental = RetryPolicy::IncrementalIntervals,
    "NO_RETRY" => No = RetryPolicy::NoRetry,
});
old_words!(OldZonesCheck => ZonesCheckPolicy {
    "ANY" => Any = ZonesCheckPolicy::Any,
    "ALL" => All = ZonesCheckPolicy::All,
});
old_words!(OldSubnetPolicy => MultiZoneSubnetPolicy {
    "PRIORITY" => Priority = MultiZoneSubnetPolicy::Priority,
    "EQUALITY" => Equality = MultiZoneSubnetPolicy::Equality,
});
old_words!(OldHealthCheck => HealthCheckType {
    "CVM" => Cvm = HealthCheckType::Cvm,
    "CLB" => Clb = HealthCheckType::Clb,
});
old_words!(OldAllocation => InstanceAllocationPolicy {
    "LAUNCH_CONFIGURATION" => Launch = InstanceAllocationPolicy::LaunchConfiguration,
    "SPOT_MIXED" => Spot = InstanceAllocationPolicy::SpotMixed,
});
old_words!(OldScalingMode => ScalingMode {
    "CLASSIC_SCALING" => Classic = ScalingMode::ClassicScaling,
    "WAKE_UP_STOPPED_SCALING" => WakeUp = ScalingMode::WakeUpStoppedScaling,
});
old_words!(OldReplaceMode => ReplaceMode {
    "RECREATE" => Recreate = ReplaceMode::Recreate,
    "RESET" => Reset = ReplaceMode::Reset,
});
old_words!(OldSpotStrategy => SpotAllocationStrategy {
    "COST_OPTIMIZED" => Cost = SpotAllocationStrategy::CostOptimized,
    "CAPACITY_OPTIMIZED" => Capacity = SpotAllocationStrategy::CapacityOptimized,
});

/// Format 3's forwarding load balancer (API 2.0's `ForwardLbInfo`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct OldForward {
    load_balancer_id: String,
    listener_id: String,
    #[serde(default)]
    location_id: Option<String>,
    rs_info_set: Vec<Target>,
}

impl From<OldForward> for ForwardBinding {
    fn from(old: OldForward) -> ForwardBinding {
        ForwardBinding {
            key: ListenerKey {
                load_balancer_id: old.load_balancer_id,
                listener_id: old.listener_id,
                location_id: old.location_id,
            },
            targets: old.rs_info_set,
        }
    }
}

/// Format 3's tag (API 3.0's `Tag`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OldTag {
    #[serde(rename = "Key")]
    key: String,
    #[serde(rename = "Value")]
    value: String,
    #[serde(rename = "ResourceType", default)]
    resource_type: Option<String>,
}

/// Format 3's service settings (API 3.0's `ServiceSettings`).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct OldServiceSettings {
    #[serde(default)]
    replace_monitor_unhealthy: Option<bool>,
    #[serde(default)]
    scaling_mode: Option<OldScalingMode>,
    #[serde(default)]
    replace_load_balancer_unhealthy: Option<bool>,
    #[serde(default)]
    replace_mode: Option<OldReplaceMode>,
    #[serde(default)]
    auto_update_instance_tags: Option<bool>,
    #[serde(default)]
    desired_capacity_sync_with_max_min_size: Option<bool>,
    #[serde(default)]
    priority_scale_in_unhealthy: Option<bool>,
}

/// Format 3's spot mix (API 3.0's `SpotMixedAllocationPolicy`).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct OldSpotMix {
    #[serde(default)]
    base_capacity: Option<i64>,
    #[serde(default)]
    on_demand_percentage_above_base_capacity: Option<i64>,
    #[serde(default)]
    spot_allocation_strategy: Option<OldSpotStrategy>,
    #[serde(default)]
    compensate_with_base_instance: Option<bool>,
}

/// Format 3's name numbering (API 3.0's `InstanceNameIndexSettings`, `HostNameIndexSettings`).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct OldNameIndex {
    #[serde(default)]
    enabled: Option<bool>,
    #[serde(default)]
    begin_index: Option<i64>,
    #[serde(default)]
    index_length: Option<i64>,
}

impl From<OldNameIndex> for NameIndex {
    fn from(old: OldNameIndex) -> NameIndex {
        NameIndex {
            enabled: old.enabled,
            begin_index: old.begin_index,
            index_length: old.index_length,
        }
    }
}

/// Format 3's `settings:` of a group: what only API 3.0 sets, in its words.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct OldSettings {
    #[serde(default)]
    default_cooldown: Option<u64>,
    #[serde(default)]
    retry_policy: Option<OldRetry>,
    #[serde(default)]
    zones_check_policy: Option<OldZonesCheck>,
    #[serde(default)]
    multi_zone_subnet_policy: Option<OldSubnetPolicy>,
    #[serde(default)]
    health_check_type: Option<OldHealthCheck>,
    #[serde(default)]
    load_balancer_health_check_grace_period: Option<i64>,
    #[serde(default)]
    instance_allocation_policy: Option<OldAllocation>,
    #[serde(default)]
    ipv6_address_count: Option<i64>,
    #[serde(default)]
    capacity_rebalance: Option<bool>,
    #[serde(default)]
    concurrent_scale_out_for_desired_capacity: Option<bool>,
    #[serde(default)]
    tags: Vec<OldTag>,
    #[serde(default)]
    service_settings: Option<OldServiceSettings>,
    #[serde(default)]
    spot_mixed_allocation_policy: Option<OldSpotMix>,
    #[serde(default)]
    instance_name_index_settings: Option<OldNameIndex>,
    #[serde(default)]
    host_name_index_settings: Option<OldNameIndex>,
}

impl OldSettings {
    /// Sets them on `group`.
    fn apply(self, g: &mut Group) {
        g.default_cooldown = self.default_cooldown;
        g.retry_policy = self.retry_policy.map(Into::into).unwrap_or_default();
        g.zones_check_policy = self.zones_check_policy.map(Into::into).unwrap_or_default();
        g.multi_zone_subnet_policy = self
            .multi_zone_subnet_policy
            .map(Into::into)
            .unwrap_or_default();
        g.health_check_type = self.health_check_type.map(Into::into).unwrap_or_default();
        g.load_balancer_health_check_grace_period =
            self.load_balancer_health_check_grace_period.unwrap_or(0);
        g.instance_allocation_policy = self
            .instance_allocation_policy
            .map(Into::into)
            .unwrap_or_default();
        g.ipv6_address_count = self.ipv6_address_count.unwrap_or(0);
        g.capacity_rebalance = self.capacity_rebalance.unwrap_or(false);
        g.concurrent_scale_out_for_desired_capacity = self
            .concurrent_scale_out_for_desired_capacity
            .unwrap_or(false);
        g.tags = self
            .tags
            .into_iter()
            .map(|t| Tag {
                key: t.key,
                value: t.value,
                resource_type: t.resource_type,
            })
            .collect();
        let s = self.service_settings.unwrap_or_default();
        g.service_settings = ServiceSettings {
            replace_monitor_unhealthy: s.replace_monitor_unhealthy,
            scaling_mode: s.scaling_mode.map(Into::into),
            replace_load_balancer_unhealthy: s.replace_load_balancer_unhealthy,
            replace_mode: s.replace_mode.map(Into::into),
            auto_update_instance_tags: s.auto_update_instance_tags,
            desired_capacity_sync_with_max_min_size: s.desired_capacity_sync_with_max_min_size,
            priority_scale_in_unhealthy: s.priority_scale_in_unhealthy,
        };
        let spot = self.spot_mixed_allocation_policy.unwrap_or_default();
        g.spot_mixed_allocation_policy = SpotMix {
            base_capacity: spot.base_capacity,
            on_demand_percentage_above_base_capacity: spot
                .on_demand_percentage_above_base_capacity,
            spot_allocation_strategy: spot.spot_allocation_strategy.map(Into::into),
            compensate_with_base_instance: spot.compensate_with_base_instance,
        };
        g.instance_name_index_settings = self.instance_name_index_settings.map(Into::into);
        g.host_name_index_settings = self.host_name_index_settings.map(Into::into);
    }
}

/// A member entry of any format.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MemberDocument {
    instance_id: String,
    #[serde(default)]
    creation: Option<Creation>,
    #[serde(default)]
    health: Option<Health>,
    #[serde(default)]
    life_cycle: Option<LifeCycle>,
    #[serde(default)]
    protected_from_scale_in: bool,
    #[serde(default)]
    protected_from_detach: bool,
    #[serde(default)]
    scaling_configuration_id: Option<String>,
    #[serde(default)]
    added_at: Option<u64>,
    #[serde(default)]
    paused: Option<Pause>,
    // Formats 1 to 3.
    #[serde(default)]
    creation_type: Option<OldCreation>,
    #[serde(default)]
    health_status: Option<OldHealth>,
    #[serde(default)]
    life_cycle_state: Option<OldLifeCycle>,
    #[serde(default)]
    add_time: Option<BeijingTime>,
}

/// A member read from any format.
#[derive(Debug, Deserialize)]
#[serde(try_from = "MemberDocument")]
struct MemberIn(Member);

impl TryFrom<MemberDocument> for MemberIn {
    type Error = String;

    fn try_from(d: MemberDocument) -> Result<MemberIn, String> {
        let creation = d
            .creation
            .or(d.creation_type.map(Into::into))
            .ok_or("missing field `creation` (`creationType` in formats 1 to 3)")?;
        Ok(MemberIn(Member {
            instance_id: d.instance_id,
            creation,
            health: d
                .health
                .or(d.health_status.map(Into::into))
                .unwrap_or_default(),
            life_cycle: d
                .life_cycle
                .or(d.life_cycle_state.map(Into::into))
                .unwrap_or(LifeCycle::InService),
            protected_from_scale_in: d.protected_from_scale_in,
            protected_from_detach: d.protected_from_detach,
            scaling_configuration_id: d.scaling_configuration_id,
            added_at: d.added_at.or(d.add_time.and_then(|t| t.0)),
            paused: d.paused,
        }))
    }
}

/// A group entry of any format: format 4's fields, then those formats 1 to 3 had instead.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct GroupDocument {
    scaling_group_id: String,
    scaling_group_name: String,
    #[serde(default)]
    scaling_configuration_id: Option<String>,
    min_size: i64,
    max_size: i64,
    #[serde(default)]
    desired_capacity: Option<i64>,
    #[serde(default)]
    enabled: Option<bool>,
    #[serde(default)]
    in_scaling_activity: bool,
    #[serde(default)]
    termination_policy: Option<TerminationPolicy>,
    #[serde(default)]
    created_at: Option<u64>,
    #[serde(default)]
    vpc_id: Option<String>,
    #[serde(default)]
    project_id: Option<i64>,
    #[serde(default)]
    zone_ids: Vec<String>,
    #[serde(default)]
    subnet_ids: Vec<String>,
    #[serde(default)]
    load_balancers: Option<Bindings>,
    #[serde(default)]
    default_cooldown: Option<u64>,
    #[serde(default)]
    retry_policy: RetryPolicy,
    #[serde(default)]
    zones_check_policy: ZonesCheckPolicy,
    #[serde(default)]
    multi_zone_subnet_policy: MultiZoneSubnetPolicy,
    #[serde(default)]
    health_check_type: HealthCheckType,
    #[serde(default)]
    load_balancer_health_check_grace_period: i64,
    #[serde(default)]
    instance_allocation_policy: InstanceAllocationPolicy,
    #[serde(default)]
    ipv6_address_count: i64,
    #[serde(default)]
    capacity_rebalance: bool,
    #[serde(default)]
    concurrent_scale_out_for_desired_capacity: bool,
    #[serde(default)]
    tags: Vec<Tag>,
    #[serde(default)]
    service_settings: ServiceSettings,
    #[serde(default)]
    spot_mixed_allocation_policy: SpotMix,
    #[serde(default)]
    instance_name_index_settings: Option<NameIndex>,
    #[serde(default)]
    host_name_index_settings: Option<NameIndex>,
    #[serde(default)]
    instances: Vec<MemberIn>,
    #[serde(default, deserialize_with = "super::policies::read")]
    scaling_policies: Vec<Policy>,
    #[serde(default)]
    scheduled_actions: Vec<ScheduledAction>,
    #[serde(default)]
    notifications: Vec<Notification>,
    #[serde(default)]
    lifecycle_hooks: Vec<LifecycleHook>,
    #[serde(default)]
    bound_life_cycle_hook_id: Option<String>,
    // Formats 1 to 3.
    #[serde(default)]
    status: Option<OldStatus>,
    #[serde(default)]
    remove_policy: Option<OldRemovePolicy>,
    #[serde(default)]
    create_time: Option<BeijingTime>,
    #[serde(default)]
    load_balancer_ids: Vec<String>,
    #[serde(default, rename = "forwardLBInfos")]
    forward_lb_infos: Vec<OldForward>,
    #[serde(default)]
    settings: Option<OldSettings>,
}

/// A group read from any format.
#[derive(Debug, Deserialize)]
#[serde(from = "GroupDocument")]
struct GroupIn(Group);

impl From<GroupDocument> for GroupIn {
    fn from(d: GroupDocument) -> GroupIn {
        let load_balancers = d.load_balancers.unwrap_or_else(|| Bindings {
            classic: d.load_balancer_ids,
            forward: d.forward_lb_infos.into_iter().map(Into::into).collect(),
        });
        let mut g = Group {
            id: d.scaling_group_id,
            name: d.scaling_group_name,
            scaling_configuration_id: d.scaling_configuration_id,
            min_size: d.min_size,
            max_size: d.max_size,
            desired_capacity: d.desired_capacity,
            enabled: d.enabled.or(d.status.map(Into::into)).unwrap_or(true),
            activity_running: d.in_scaling_activity,
            termination_policy: d
                .termination_policy
                .or(d.remove_policy.map(Into::into))
                .unwrap_or_default(),
            created_at: d.created_at.or(d.create_time.and_then(|t| t.0)),
            // Formats 1 to 3 wrote `0` for the classic network.
            vpc_id: d.vpc_id.filter(|v| !matches!(v.trim(), "" | "0")),
            project: d.project_id.unwrap_or(0),
            zone_ids: d.zone_ids,
            subnet_ids: d.subnet_ids,
            load_balancers,
            default_cooldown: d.default_cooldown,
            retry_policy: d.retry_policy,
            zones_check_policy: d.zones_check_policy,
            multi_zone_subnet_policy: d.multi_zone_subnet_policy,
            health_check_type: d.health_check_type,
            load_balancer_health_check_grace_period: d.load_balancer_health_check_grace_period,
            instance_allocation_policy: d.instance_allocation_policy,
            ipv6_address_count: d.ipv6_address_count,
            capacity_rebalance: d.capacity_rebalance,
            concurrent_scale_out_for_desired_capacity: d
                .concurrent_scale_out_for_desired_capacity,
            tags: d.tags,
            service_settings: d.service_settings,
            spot_mixed_allocation_policy: d.spot_mixed_allocation_policy,
            instance_name_index_settings: d.instance_name_index_settings,
            host_name_index_settings: d.host_name_index_settings,
            instances: d.instances.into_iter().map(|m| m.0).collect(),
            scaling_policies: d.scaling_policies,
            scheduled_actions: d.scheduled_actions,
            notifications: d.notifications,
            lifecycle_hooks: d.lifecycle_hooks,
            bound_life_cycle_hook_id: d.bound_life_cycle_hook_id,
        };
        if let Some(settings) = d.settings {
            settings.apply(&mut g);
        }
        GroupIn(g)
    }
}
