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
//! A document says which it is (`version:`); one of format 4 holding a format-3 key, or an
//! entry mixing the two shapes, is refused naming the key ([`check_keys`], which also refuses
//! an API 2.0 word the spec does not list, naming the entry and its line).

mod old_shapes;

use super::check::Problem;
use crate::domain::group_settings::{
    HealthCheckType, InstanceAllocationPolicy, MultiZoneSubnetPolicy, NameIndex, RetryPolicy,
    ServiceSettings, SpotMix, Tag, ZonesCheckPolicy,
};
use crate::domain::hooks::LifecycleHook;
use crate::domain::load_balancers::Bindings;
use crate::domain::notifications::Notification;
use crate::domain::schedules::ScheduledAction;
use crate::domain::{Creation, Group, Health, LifeCycle, Member, Pause, Policy, TerminationPolicy};
use old_shapes::{
    BeijingTime, OldCreation, OldForward, OldHealth, OldLifeCycle, OldRemovePolicy, OldSettings,
    OldStatus,
};
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
    (
        "removePolicy",
        "RemovePolicy",
        &["RemoveOldestInstance", "RemoveNewestInstance"],
    ),
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

/// Refuses, before the document is decoded: a format-3 key in a document of format 4, an entry
/// of an earlier format that mixes the two shapes (a format-4 key beside a format-3 one), and
/// a format-3 word that API 2.0's spec does not list (`creationType: Foo`), naming the entry
/// and, through the value, its line. An earlier document may use format 4's shape throughout.
pub(crate) fn check_keys(value: &Value) -> Result<(), Problem> {
    let Some(groups) = value.get("scalingGroups").and_then(Value::as_array) else {
        return Ok(());
    };
    let version = value.get("version").and_then(Value::as_u64).unwrap_or(1);
    if !(1..=u64::from(super::STATE_FORMAT_VERSION)).contains(&version) {
        // The format check names the version.
        return Ok(());
    }
    let current = version >= u64::from(super::STATE_FORMAT_VERSION);
    for (g, group) in groups.iter().enumerate() {
        let entry = format!("scalingGroups[{g}]");
        keys_and_words(group, &entry, OLD_GROUP_KEYS, NEW_GROUP_KEYS, current)?;
        let members = group.get("instances").and_then(Value::as_array);
        for (i, member) in members.into_iter().flatten().enumerate() {
            let entry = format!("{entry}.instances[{i}]");
            keys_and_words(member, &entry, OLD_MEMBER_KEYS, NEW_MEMBER_KEYS, current)?;
        }
    }
    Ok(())
}

fn keys_and_words(
    entry: &Value,
    name: &str,
    old: &[&str],
    new: &[&str],
    current: bool,
) -> Result<(), Problem> {
    let Some(map) = entry.as_object() else {
        return Ok(());
    };
    let old_key = map.keys().find(|k| old.contains(&k.as_str()));
    let new_key = map.keys().find(|k| new.contains(&k.as_str()));
    match (old_key, new_key) {
        (Some(key), _) if current => {
            return Err(Problem::new(
                format!("{name}.{key}"),
                "a key of formats 1 to 3; format 4 stores the domain's fields (see the \
                 emulator README, \"State file\")",
            )
            .at(key, 1));
        }
        (Some(old), Some(key)) => {
            return Err(Problem::new(
                format!("{name}.{key}"),
                format!(
                    "a key of format 4 beside `{old}` of format 3: write the entry in one \
                     shape (format 4's with version: 4)"
                ),
            )
            .at(key, 1));
        }
        _ => {}
    }
    for (key, shape, words) in OLD_WORDS {
        let Some(word) = map.get(*key).and_then(Value::as_str) else {
            continue;
        };
        if !words.contains(&word) {
            return Err(Problem::new(
                format!("{name}.{key}"),
                format!(
                    "{word:?} is not a {shape}: expected one of {}",
                    words.join(", ")
                ),
            )
            .at(word, 1));
        }
    }
    Ok(())
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
            concurrent_scale_out_for_desired_capacity: d.concurrent_scale_out_for_desired_capacity,
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
