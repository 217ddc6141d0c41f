//! Commands on the load balancers bound to a group: attach, detach, replace, and the ports
//! and weights of forwarding listeners. A group is bound to classic load balancers or to
//! forwarding (application) listeners, not both; the bindings change at once and a finished
//! [`ActivityKind::LoadBalancers`] activity records it, naming the in-service members
//! registered with (or taken off) them.

use super::catalog::Catalog;
use super::error::DomainError;
use super::ids::{self, IdKind};
use super::instances::{ensure_idle, group};
use super::model::{ActivityKind, LifeCycle, NewActivity};
use super::quota::Quota;
use std::collections::HashSet;

/// A port and weight under which the group's instances are registered on a listener.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Target {
    /// The port, 1 to 65535.
    pub port: i64,
    /// The weight, 0 to 100.
    pub weight: i64,
}

/// Names a forwarding listener, and its rule for a layer-7 one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListenerKey {
    /// The load balancer (`lb-…`).
    pub load_balancer_id: String,
    /// The listener (`lbl-…`).
    pub listener_id: String,
    /// The forwarding rule (`loc-…`), for a layer-7 listener.
    pub location_id: Option<String>,
}

impl ListenerKey {
    /// `lb-…/lbl-…` or `lb-…/lbl-…/loc-…`, for messages.
    pub fn name(&self) -> String {
        match &self.location_id {
            Some(location) => format!("{}/{}/{location}", self.load_balancer_id, self.listener_id),
            None => format!("{}/{}", self.load_balancer_id, self.listener_id),
        }
    }
}

/// A group's binding to a forwarding listener. Stored as `{loadBalancerId, listenerId,
/// locationId, targets: [{port, weight}]}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(from = "ForwardEntry", into = "ForwardEntry")]
pub struct ForwardBinding {
    /// The listener.
    pub key: ListenerKey,
    /// The ports and weights.
    pub targets: Vec<Target>,
}

impl ForwardBinding {
    /// The binding to listener `listener_id` of `load_balancer_id` (and its rule
    /// `location_id`, for a layer-7 one) with `targets` as `(port, weight)`.
    pub fn new(
        load_balancer_id: &str,
        listener_id: &str,
        location_id: Option<&str>,
        targets: impl IntoIterator<Item = (i64, i64)>,
    ) -> ForwardBinding {
        ForwardBinding {
            key: ListenerKey {
                load_balancer_id: load_balancer_id.to_owned(),
                listener_id: listener_id.to_owned(),
                location_id: location_id.map(str::to_owned),
            },
            targets: targets
                .into_iter()
                .map(|(port, weight)| Target { port, weight })
                .collect(),
        }
    }
}

/// How a [`ForwardBinding`] is stored: the listener's fields beside its targets.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ForwardEntry {
    load_balancer_id: String,
    listener_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    location_id: Option<String>,
    targets: Vec<Target>,
}

impl From<ForwardEntry> for ForwardBinding {
    fn from(e: ForwardEntry) -> Self {
        ForwardBinding {
            key: ListenerKey {
                load_balancer_id: e.load_balancer_id,
                listener_id: e.listener_id,
                location_id: e.location_id,
            },
            targets: e.targets,
        }
    }
}

impl From<ForwardBinding> for ForwardEntry {
    fn from(b: ForwardBinding) -> Self {
        ForwardEntry {
            load_balancer_id: b.key.load_balancer_id,
            listener_id: b.key.listener_id,
            location_id: b.key.location_id,
            targets: b.targets,
        }
    }
}

/// The load balancers bound to a group: classic ones or forwarding listeners (in the state,
/// `loadBalancers: {classic: [lb-…], forward: [{loadBalancerId, listenerId, targets}]}`).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Bindings {
    /// Classic load balancers (`lb-…`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classic: Vec<String>,
    /// Forwarding listeners.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forward: Vec<ForwardBinding>,
}

impl Bindings {
    /// Whether none are bound.
    pub fn is_empty(&self) -> bool {
        self.classic.is_empty() && self.forward.is_empty()
    }
}

/// The most a target's port and weight may be.
const PORTS: (i64, i64) = (1, 65535);
const WEIGHTS: (i64, i64) = (0, 100);

/// One of each refusal [`attach`] can answer.
pub fn attach_refusals() -> Vec<DomainError> {
    all_refusals()
        .into_iter()
        .filter(|e| {
            !matches!(
                e,
                DomainError::LoadBalancerNotBound { .. }
                    | DomainError::LoadBalancersUnchanged { .. }
            )
        })
        .collect()
}

/// One of each refusal [`detach`] can answer.
pub fn detach_refusals() -> Vec<DomainError> {
    all_refusals()
        .into_iter()
        .filter(|e| {
            !matches!(
                e,
                DomainError::TargetPortDuplicated { .. }
                    | DomainError::TargetOutOfRange { .. }
                    | DomainError::QuotaExceeded { .. }
                    | DomainError::LoadBalancersUnchanged { .. }
            )
        })
        .collect()
}

/// One of each refusal [`replace`] can answer.
pub fn replace_refusals() -> Vec<DomainError> {
    all_refusals()
        .into_iter()
        .filter(|e| {
            !matches!(
                e,
                DomainError::LoadBalancersNotGiven | DomainError::LoadBalancerNotBound { .. }
            )
        })
        .collect()
}

/// One of each refusal [`set_targets`] can answer.
pub fn set_targets_refusals() -> Vec<DomainError> {
    all_refusals()
        .into_iter()
        .filter(|e| {
            !matches!(
                e,
                DomainError::LoadBalancerKindsMixed { .. }
                    | DomainError::LoadBalancerGivenTwice { forward: false, .. }
                    | DomainError::QuotaExceeded { .. }
            )
        })
        .collect()
}

/// One of each refusal the commands here can answer.
fn all_refusals() -> Vec<DomainError> {
    let group = "asg-x".to_owned();
    let lb = "lb-x".to_owned();
    vec![
        DomainError::GroupNotFound {
            group: group.clone(),
        },
        DomainError::GroupInActivity {
            group: group.clone(),
        },
        DomainError::LoadBalancersNotGiven,
        DomainError::LoadBalancerKindsMixed {
            group: group.clone(),
        },
        DomainError::LoadBalancerGivenTwice {
            load_balancer: lb.clone(),
            forward: false,
        },
        DomainError::LoadBalancerGivenTwice {
            load_balancer: lb.clone(),
            forward: true,
        },
        DomainError::LoadBalancerNotBound {
            load_balancer: lb.clone(),
            group: group.clone(),
        },
        DomainError::TargetPortDuplicated {
            load_balancer: lb,
            port: 80,
        },
        DomainError::TargetOutOfRange {
            what: "port",
            value: 0,
            low: PORTS.0,
            high: PORTS.1,
        },
        DomainError::QuotaExceeded {
            quota: Quota::ClassicLoadBalancersPerGroup,
            scope: "scaling group asg-x".to_owned(),
        },
        DomainError::QuotaExceeded {
            quota: Quota::ForwardLoadBalancersPerGroup,
            scope: "scaling group asg-x".to_owned(),
        },
        DomainError::LoadBalancersUnchanged { group },
        DomainError::NoRandomness("none".to_owned()),
    ]
}

/// Each target's port (1 to 65535) and weight (0 to 100) in range (`TargetOutOfRange`), and no
/// port twice for one listener (`TargetPortDuplicated`).
fn check_targets(forward: &[ForwardBinding]) -> Result<(), DomainError> {
    for binding in forward {
        let mut ports = HashSet::new();
        for t in &binding.targets {
            for (what, value, (low, high)) in
                [("port", t.port, PORTS), ("weight", t.weight, WEIGHTS)]
            {
                if !(low..=high).contains(&value) {
                    return Err(DomainError::TargetOutOfRange {
                        what,
                        value,
                        low,
                        high,
                    });
                }
            }
            if !ports.insert(t.port) {
                return Err(DomainError::TargetPortDuplicated {
                    load_balancer: binding.key.name(),
                    port: t.port,
                });
            }
        }
    }
    Ok(())
}

/// No classic load balancer or forwarding listener twice among `bindings`
/// (`LoadBalancerGivenTwice`).
fn check_once(bindings: &Bindings) -> Result<(), DomainError> {
    let mut seen = HashSet::new();
    if let Some(twice) = bindings.classic.iter().find(|id| !seen.insert(id.as_str())) {
        return Err(DomainError::LoadBalancerGivenTwice {
            load_balancer: twice.clone(),
            forward: false,
        });
    }
    let mut seen = HashSet::new();
    if let Some(twice) = bindings.forward.iter().find(|b| !seen.insert(&b.key)) {
        return Err(DomainError::LoadBalancerGivenTwice {
            load_balancer: twice.key.name(),
            forward: true,
        });
    }
    Ok(())
}

/// The bindings hold one kind (`LoadBalancerKindsMixed`) and no more of it than the group's
/// quota ([`Quota::ClassicLoadBalancersPerGroup`], [`Quota::ForwardLoadBalancersPerGroup`]).
fn check_shape(group: &str, bindings: &Bindings) -> Result<(), DomainError> {
    if !bindings.classic.is_empty() && !bindings.forward.is_empty() {
        return Err(DomainError::LoadBalancerKindsMixed {
            group: group.to_owned(),
        });
    }
    for (quota, count) in [
        (Quota::ClassicLoadBalancersPerGroup, bindings.classic.len()),
        (Quota::ForwardLoadBalancersPerGroup, bindings.forward.len()),
    ] {
        if count > quota.limit() {
            return Err(DomainError::QuotaExceeded {
                quota,
                scope: format!("scaling group {group}"),
            });
        }
    }
    Ok(())
}

/// The bindings of the group, which exists (`GroupNotFound`) and runs no activity
/// (`GroupInActivity`).
fn idle_group(store: &impl Catalog, group_id: &str) -> Result<Bindings, DomainError> {
    ensure_idle(group(store, group_id)?)?;
    Ok(store.load_balancers(group_id).unwrap_or_default())
}

/// Stores `bindings` and records a finished activity for the change; returns its id.
fn apply(
    store: &mut impl Catalog,
    group_id: &str,
    bindings: Bindings,
    cause: String,
    now: u64,
) -> Result<String, DomainError> {
    let registered = group(store, group_id)?
        .instances
        .iter()
        .filter(|m| m.state() == LifeCycle::InService)
        .map(|m| m.instance_id.clone())
        .collect();
    let id = ids::fresh(IdKind::Activity, |id| store.activity_id_taken(id))?;
    store.set_load_balancers(group_id, bindings);
    store.record_activity(
        NewActivity {
            id: id.clone(),
            group: group_id.to_owned(),
            kind: ActivityKind::LoadBalancers,
            cause,
            succeeded: registered,
            failed: Vec::new(),
        },
        now,
    );
    Ok(id)
}

/// Names of what `bindings` holds, for an activity's cause.
fn names(bindings: &Bindings) -> String {
    let mut names: Vec<String> = bindings.classic.clone();
    names.extend(bindings.forward.iter().map(|b| b.key.name()));
    names.join(", ")
}

/// Binds `add` to group `group_id` besides what it has (AttachLoadBalancers). Checks, in
/// order: the group exists and runs no activity; something is given
/// (`LoadBalancersNotGiven`); one kind in the request (`LoadBalancerKindsMixed`); targets
/// ([`Target`]'s ranges, no port twice); nothing twice or bound already
/// (`LoadBalancerGivenTwice`); one kind with what the group has (`LoadBalancerKindsMixed`)
/// and the group's quota afterwards (`QuotaExceeded`). Returns the activity's id.
pub fn attach(
    store: &mut impl Catalog,
    group_id: &str,
    add: Bindings,
    now: u64,
) -> Result<String, DomainError> {
    let current = idle_group(store, group_id)?;
    if add.is_empty() {
        return Err(DomainError::LoadBalancersNotGiven);
    }
    if !add.classic.is_empty() && !add.forward.is_empty() {
        return Err(DomainError::LoadBalancerKindsMixed {
            group: group_id.to_owned(),
        });
    }
    check_targets(&add.forward)?;
    let cause = format!("load balancers attached: {}", names(&add));
    let mut after = current;
    after.classic.extend(add.classic);
    after.forward.extend(add.forward);
    check_once(&after)?;
    check_shape(group_id, &after)?;
    apply(store, group_id, after, cause, now)
}

/// Unbinds classic load balancers `classic` or forwarding listeners `forward` from group
/// `group_id` (DetachLoadBalancers). Checks, in order: the group exists and runs no
/// activity; something is given (`LoadBalancersNotGiven`), one kind
/// (`LoadBalancerKindsMixed`), nothing twice (`LoadBalancerGivenTwice`); each is bound
/// (`LoadBalancerNotBound`). Returns the activity's id.
pub fn detach(
    store: &mut impl Catalog,
    group_id: &str,
    classic: &[String],
    forward: &[ListenerKey],
    now: u64,
) -> Result<String, DomainError> {
    let current = idle_group(store, group_id)?;
    if classic.is_empty() && forward.is_empty() {
        return Err(DomainError::LoadBalancersNotGiven);
    }
    if !classic.is_empty() && !forward.is_empty() {
        return Err(DomainError::LoadBalancerKindsMixed {
            group: group_id.to_owned(),
        });
    }
    let named = Bindings {
        classic: classic.to_vec(),
        forward: forward
            .iter()
            .map(|key| ForwardBinding {
                key: key.clone(),
                targets: Vec::new(),
            })
            .collect(),
    };
    check_once(&named)?;
    let not_bound = |load_balancer: String| DomainError::LoadBalancerNotBound {
        load_balancer,
        group: group_id.to_owned(),
    };
    if let Some(id) = classic.iter().find(|id| !current.classic.contains(id)) {
        return Err(not_bound(id.clone()));
    }
    if let Some(key) = forward
        .iter()
        .find(|key| !current.forward.iter().any(|b| &b.key == *key))
    {
        return Err(not_bound(key.name()));
    }
    let cause = format!("load balancers detached: {}", names(&named));
    let mut after = current;
    after.classic.retain(|id| !classic.contains(id));
    after.forward.retain(|b| !forward.contains(&b.key));
    apply(store, group_id, after, cause, now)
}

/// Replaces the whole load balancer setup of group `group_id` with `new` (ModifyLoadBalancers;
/// empty `new` unbinds every one). Checks, in order: the group exists and runs no activity;
/// one kind (`LoadBalancerKindsMixed`); targets; nothing twice (`LoadBalancerGivenTwice`);
/// the group's quota (`QuotaExceeded`); the setup changes (`LoadBalancersUnchanged`). Returns the
/// activity's id.
pub fn replace(
    store: &mut impl Catalog,
    group_id: &str,
    new: Bindings,
    now: u64,
) -> Result<String, DomainError> {
    let current = idle_group(store, group_id)?;
    if !new.classic.is_empty() && !new.forward.is_empty() {
        return Err(DomainError::LoadBalancerKindsMixed {
            group: group_id.to_owned(),
        });
    }
    check_targets(&new.forward)?;
    check_once(&new)?;
    check_shape(group_id, &new)?;
    if new == current {
        return Err(DomainError::LoadBalancersUnchanged {
            group: group_id.to_owned(),
        });
    }
    let cause = if new.is_empty() {
        "every load balancer unbound".to_owned()
    } else {
        format!("load balancers set to: {}", names(&new))
    };
    apply(store, group_id, new, cause, now)
}

/// Sets the ports and weights of forwarding listeners bound to group `group_id`
/// (ModifyLoadBalancerTargetAttributes). Checks, in order: the group exists and runs no
/// activity; something is given (`LoadBalancersNotGiven`); targets; no listener twice
/// (`LoadBalancerGivenTwice`); each bound (`LoadBalancerNotBound`); something changes
/// (`LoadBalancersUnchanged`). Returns the activity's id.
pub fn set_targets(
    store: &mut impl Catalog,
    group_id: &str,
    changes: Vec<ForwardBinding>,
    now: u64,
) -> Result<String, DomainError> {
    let current = idle_group(store, group_id)?;
    if changes.is_empty() {
        return Err(DomainError::LoadBalancersNotGiven);
    }
    check_targets(&changes)?;
    let named = Bindings {
        classic: Vec::new(),
        forward: changes,
    };
    check_once(&named)?;
    let mut after = current.clone();
    for change in &named.forward {
        let Some(bound) = after.forward.iter_mut().find(|b| b.key == change.key) else {
            return Err(DomainError::LoadBalancerNotBound {
                load_balancer: change.key.name(),
                group: group_id.to_owned(),
            });
        };
        bound.targets.clone_from(&change.targets);
    }
    if after == current {
        return Err(DomainError::LoadBalancersUnchanged {
            group: group_id.to_owned(),
        });
    }
    let cause = format!("target ports and weights changed on: {}", names(&named));
    apply(store, group_id, after, cause, now)
}
