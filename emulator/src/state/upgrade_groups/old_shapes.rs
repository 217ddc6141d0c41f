//! The shapes formats 1 to 3 stored beside a group's own fields: API 2.0's words and
//! Beijing-time text, the forwarding load balancers of API 2.0, and the `settings:` of API 3.0
//! (its words and PascalCase structures), each read into the domain's.

use crate::domain::group_settings::{
    HealthCheckType, InstanceAllocationPolicy, MultiZoneSubnetPolicy, NameIndex, ReplaceMode,
    RetryPolicy, ScalingMode, ServiceSettings, SpotAllocationStrategy, SpotMix, Tag,
    ZonesCheckPolicy,
};
use crate::domain::load_balancers::{ForwardBinding, ListenerKey, Target};
use crate::domain::{Creation, Group, Health, LifeCycle, TerminationPolicy};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

/// A Beijing-time text (`YYYY-MM-DD hh:mm:ss`) read as Unix seconds; an empty one as none.
#[derive(Debug, Clone, Copy)]
pub(super) struct BeijingTime(pub(super) Option<u64>);

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
        pub(super) enum $name {
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
pub(super) struct OldForward {
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
pub(super) struct OldSettings {
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
    pub(super) fn apply(self, g: &mut Group) {
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
            on_demand_percentage_above_base_capacity: spot.on_demand_percentage_above_base_capacity,
            spot_allocation_strategy: spot.spot_allocation_strategy.map(Into::into),
            compensate_with_base_instance: spot.compensate_with_base_instance,
        };
        g.instance_name_index_settings = self.instance_name_index_settings.map(Into::into);
        g.host_name_index_settings = self.host_name_index_settings.map(Into::into);
    }
}
