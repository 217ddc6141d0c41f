//! How the domain's groups and members read in API 2.0 and back: the remove policy, a member's
//! life cycle, health and creation type, times as Beijing-time text, the VPC (`0` for the
//! classic network) and forwarding load balancers.

use crate::domain::load_balancers::ForwardBinding;
use crate::domain::{Creation, Health, LifeCycle, TerminationPolicy};
use crate::util::format_time;
use qcloud_as::types::{CreationType, ForwardLbInfo, HealthStatus, LifeCycleState, RemovePolicy};

/// API 2.0's remove policy of a termination policy.
pub(crate) fn remove_policy(policy: TerminationPolicy) -> RemovePolicy {
    match policy {
        TerminationPolicy::OldestInstance => RemovePolicy::RemoveOldestInstance,
        TerminationPolicy::NewestInstance => RemovePolicy::RemoveNewestInstance,
    }
}

/// The termination policy of API 2.0's remove policy; `None` for a value the spec does not
/// list (decoding refuses those).
pub(crate) fn termination_policy(policy: &RemovePolicy) -> Option<TerminationPolicy> {
    match policy {
        RemovePolicy::RemoveOldestInstance => Some(TerminationPolicy::OldestInstance),
        RemovePolicy::RemoveNewestInstance => Some(TerminationPolicy::NewestInstance),
        _ => None,
    }
}

/// API 2.0's `lifeCycleState` of a member's life cycle. API 2.0 has no word for standby or
/// stopped: such a member shows `InService`, as it did before it was paused.
pub(crate) fn life_cycle_state(life_cycle: &LifeCycle) -> LifeCycleState {
    match life_cycle {
        LifeCycle::InService | LifeCycle::Standby | LifeCycle::Stopped => LifeCycleState::InService,
        LifeCycle::Creating => LifeCycleState::Creating,
        LifeCycle::Terminating => LifeCycleState::Removing,
        LifeCycle::Attaching => LifeCycleState::Attaching,
        LifeCycle::Detaching => LifeCycleState::Detaching,
        LifeCycle::BackingUp => LifeCycleState::Backuping,
        LifeCycle::LeavingBackup => LifeCycleState::UnBackuping,
        LifeCycle::AttachingLoadBalancers => LifeCycleState::AttachLb,
        LifeCycle::DetachingLoadBalancers => LifeCycleState::DetachLb,
        LifeCycle::Preheating => LifeCycleState::Preheating,
    }
}

/// `Healthy` / `UnHealthy`.
pub(crate) fn health_status(health: Health) -> HealthStatus {
    match health {
        Health::Healthy => HealthStatus::Healthy,
        Health::Unhealthy => HealthStatus::UnHealthy,
    }
}

/// `Auto` / `Manual`.
pub(crate) fn creation_type(creation: Creation) -> CreationType {
    match creation {
        Creation::Auto => CreationType::Auto,
        Creation::Manual => CreationType::Manual,
    }
}

/// A time as API 2.0 writes it (Beijing time), or empty when there is none.
pub(crate) fn time_text(unix: Option<u64>) -> String {
    unix.map(format_time).unwrap_or_default()
}

/// The VPC the state keeps for a request's VPC id: none (the classic network) for API 2.0's
/// `0` or an empty one (API 3.0's).
pub(crate) fn stored_vpc_id(vpc_id: &str) -> Option<String> {
    match vpc_id.trim() {
        "" | "0" => None,
        vpc => Some(vpc.to_owned()),
    }
}

/// The VPC id API 2.0 shows: `0` for the classic network.
pub(crate) fn vpc_text(vpc: Option<&str>) -> &str {
    vpc.unwrap_or("0")
}

/// An API 2.0 forwarding load balancer as the state keeps it.
pub(crate) fn forward_binding(lb: &ForwardLbInfo) -> ForwardBinding {
    ForwardBinding::new(
        &lb.load_balancer_id,
        &lb.listener_id,
        lb.location_id.as_deref(),
        lb.rs_info_set.iter().map(|rs| (rs.port, rs.weight)),
    )
}
