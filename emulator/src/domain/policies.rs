//! Commands on scaling policies, for both protocols: create, modify, delete, execute. Each
//! checks every rule in the order its doc lists, then changes the store. Where the two
//! documentations differ (name scope, adjustment bounds) the difference is a field of
//! [`Rules`].

use super::error::{DomainError, PolicyField};
use super::ids::{self, IdKind};
use super::instances::{ensure_idle, group};
use super::policy::{Adjustment, Alarm, Policy, PolicyKind, PolicyRule};
pub use super::policy_checks::check_rule;
use super::policy_checks::{check_name, invalid};
use super::quota::Quota;
use super::rules::{PolicyNames, Rules};
use super::store::Store;

/// The longest policy name, in characters (API 3.0; API 2.0 states none shorter).
pub const MAX_NAME_CHARS: usize = 60;

/// What a new policy is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPolicy {
    /// Its name.
    pub name: String,
    /// What it does.
    pub rule: PolicyRule,
    /// Notification user groups.
    pub notify_ids: Vec<String>,
}

/// What a modification changes; `None` keeps the value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PolicyChange {
    /// A new name.
    pub name: Option<String>,
    /// A simple policy's adjustment type.
    pub adjustment: Option<Adjustment>,
    /// A simple policy's adjustment value.
    pub value: Option<i64>,
    /// A simple policy's cooldown.
    pub cooldown_seconds: Option<u64>,
    /// A simple policy's alarm (replaces it whole).
    pub alarm: Option<Alarm>,
    /// A target-tracking policy's metric.
    pub tracked_metric: Option<super::policy::Metric>,
    /// A target-tracking policy's target.
    pub target: Option<i64>,
    /// A target-tracking policy's warm-up.
    pub warmup_seconds: Option<u64>,
    /// A target-tracking policy's scale-in switch.
    pub disable_scale_in: Option<bool>,
    /// Notification user groups (replace the list).
    pub notify_ids: Option<Vec<String>>,
}

impl PolicyChange {
    fn simple_given(&self) -> bool {
        self.adjustment.is_some()
            || self.value.is_some()
            || self.cooldown_seconds.is_some()
            || self.alarm.is_some()
    }

    fn tracking_given(&self) -> bool {
        self.tracked_metric.is_some()
            || self.target.is_some()
            || self.warmup_seconds.is_some()
            || self.disable_scale_in.is_some()
    }
}

/// Whether `name` is taken by a policy other than `except`, where names must be unique for a
/// policy of `group`; the scope in words when it is.
fn name_taken(
    store: &impl Store,
    group: &str,
    name: &str,
    except: Option<&str>,
    rules: &Rules,
) -> Option<String> {
    let taken = store.policies().into_iter().any(|(g, p)| {
        p.name == name
            && Some(p.id.as_str()) != except
            && (rules.policy_names == PolicyNames::PerAccount || g == group)
    });
    taken.then(|| match rules.policy_names {
        PolicyNames::PerGroup => format!("scaling group {group}"),
        PolicyNames::PerAccount => "the account".to_owned(),
    })
}

/// The policy `id` and its group; with `in_group`, only a policy of that group.
pub fn find(
    store: &impl Store,
    id: &str,
    in_group: Option<&str>,
) -> Result<(String, Policy), DomainError> {
    store
        .policies()
        .into_iter()
        .find(|(g, p)| p.id == id && in_group.is_none_or(|want| want == g))
        .ok_or_else(|| DomainError::PolicyNotFound {
            policy: id.to_owned(),
        })
}

/// One of each refusal [`create`] can answer.
pub fn create_refusals() -> Vec<DomainError> {
    let mut v: Vec<DomainError> = FIELDS.iter().map(|f| invalid(*f, "x".to_owned())).collect();
    v.extend([
        DomainError::GroupNotFound {
            group: "asg-x".to_owned(),
        },
        DomainError::PolicyNameTaken {
            name: "x".to_owned(),
            scope: "the account".to_owned(),
        },
        DomainError::QuotaExceeded {
            quota: Quota::PoliciesPerGroup,
            scope: "scaling group asg-x".to_owned(),
        },
        DomainError::TrackingPolicyTaken {
            group: "asg-x".to_owned(),
            metric: super::policy::Metric::CpuUtilization,
        },
        DomainError::NoRandomness("none".to_owned()),
    ]);
    v
}

/// Every [`PolicyField`].
pub const FIELDS: [PolicyField; 10] = [
    PolicyField::Name,
    PolicyField::AdjustmentType,
    PolicyField::AdjustmentValue,
    PolicyField::Metric,
    PolicyField::Threshold,
    PolicyField::Period,
    PolicyField::Target,
    PolicyField::Warmup,
    PolicyField::Cooldown,
    PolicyField::Missing,
];

/// Creates a policy in `group_id`. Checks, in order: the group exists (`GroupNotFound`); the
/// name (1 to [`MAX_NAME_CHARS`] characters) and the rule ([`check_rule`]) hold (`PolicyInvalid`); the name is
/// free where [`Rules::policy_names`] says (`PolicyNameTaken`); the group has fewer than
/// [`Quota::PoliciesPerGroup`] (`QuotaExceeded`); a target-tracking policy is the group's
/// only one on its metric (`TrackingPolicyTaken`). Then it is stored with a new `asp-…` id.
pub fn create(
    store: &mut impl Store,
    group_id: &str,
    new: NewPolicy,
    rules: &Rules,
    now: u64,
) -> Result<String, DomainError> {
    group(store, group_id)?;
    check_name(&new.name)?;
    check_rule(&new.rule, rules)?;
    if let Some(scope) = name_taken(store, group_id, &new.name, None, rules) {
        return Err(DomainError::PolicyNameTaken {
            name: new.name,
            scope,
        });
    }
    let all = store.policies();
    let mine: Vec<&Policy> = all
        .iter()
        .filter(|(g, _)| g == group_id)
        .map(|(_, p)| p)
        .collect();
    Quota::PoliciesPerGroup.check(mine.len(), format!("scaling group {group_id}"))?;
    if let PolicyRule::TargetTracking(t) = &new.rule {
        if mine
            .iter()
            .any(|p| p.tracking().is_some_and(|o| o.metric == t.metric))
        {
            return Err(DomainError::TrackingPolicyTaken {
                group: group_id.to_owned(),
                metric: t.metric,
            });
        }
    }
    let id = ids::fresh(IdKind::Policy, |id| all.iter().any(|(_, p)| p.id == id))?;
    store.add_policy(
        group_id,
        Policy {
            id: id.clone(),
            name: new.name,
            created_at: now,
            rule: new.rule,
            notify_ids: new.notify_ids,
        },
    );
    Ok(id)
}

/// One of each refusal [`modify`] can answer.
pub fn modify_refusals() -> Vec<DomainError> {
    let mut v: Vec<DomainError> = FIELDS.iter().map(|f| invalid(*f, "x".to_owned())).collect();
    v.extend([
        DomainError::GroupNotFound {
            group: "asg-x".to_owned(),
        },
        DomainError::PolicyNotFound {
            policy: "asp-x".to_owned(),
        },
        DomainError::DefaultPolicyUnchangeable {
            policy: "asp-x".to_owned(),
        },
        DomainError::PolicyKindMismatch {
            policy: "asp-x".to_owned(),
            kind: PolicyKind::TargetTracking,
            asked: "x".to_owned(),
        },
        DomainError::PolicyNameTaken {
            name: "x".to_owned(),
            scope: "the account".to_owned(),
        },
        DomainError::TrackingPolicyTaken {
            group: "asg-x".to_owned(),
            metric: super::policy::Metric::CpuUtilization,
        },
    ]);
    v
}

/// Modifies the policy `id` (of group `in_group`, when the protocol names one). Checks, in
/// order: the group exists (`GroupNotFound`); the policy exists (`PolicyNotFound`); it is
/// not the default policy (`DefaultPolicyUnchangeable`); the parameters given are of its kind
/// (`PolicyKindMismatch`); the name and the rule as changed hold (`PolicyInvalid`, each value
/// checked with the others as they will be); the name is free (`PolicyNameTaken`); a changed
/// tracked metric is not tracked by another of the group's policies (`TrackingPolicyTaken`).
/// Then the values given replace the policy's; its id, kind and creation time stay.
pub fn modify(
    store: &mut impl Store,
    id: &str,
    in_group: Option<&str>,
    change: PolicyChange,
    rules: &Rules,
) -> Result<(), DomainError> {
    if let Some(g) = in_group {
        group(store, g)?;
    }
    let (group_id, mut policy) = find(store, id, in_group)?;
    if policy.is_default() {
        return Err(DomainError::DefaultPolicyUnchangeable { policy: policy.id });
    }
    let mismatch = match policy.kind() {
        PolicyKind::Simple => change.tracking_given().then_some(
            "PredefinedMetricType, TargetValue, EstimatedInstanceWarmup and DisableScaleIn are \
             for target-tracking policies",
        ),
        PolicyKind::TargetTracking => change.simple_given().then_some(
            "AdjustmentType, AdjustmentValue, Cooldown and MetricAlarm are for simple policies",
        ),
    };
    if let Some(asked) = mismatch {
        return Err(DomainError::PolicyKindMismatch {
            kind: policy.kind(),
            policy: policy.id,
            asked: asked.to_owned(),
        });
    }
    if let Some(name) = &change.name {
        check_name(name)?;
        policy.name = name.clone();
    }
    let mut tracked_changed = false;
    match &mut policy.rule {
        PolicyRule::Simple(s) => {
            if let Some(a) = change.adjustment {
                s.adjustment = a;
            }
            if let Some(v) = change.value {
                s.value = v;
            }
            if let Some(c) = change.cooldown_seconds {
                s.cooldown_seconds = c;
            }
            if let Some(alarm) = change.alarm {
                s.alarm = Some(alarm);
            }
        }
        PolicyRule::TargetTracking(t) => {
            if let Some(m) = change.tracked_metric {
                tracked_changed = m != t.metric;
                t.metric = m;
            }
            if let Some(v) = change.target {
                t.target = v;
            }
            if let Some(w) = change.warmup_seconds {
                t.warmup_seconds = w;
            }
            if let Some(d) = change.disable_scale_in {
                t.disable_scale_in = d;
            }
        }
    }
    check_rule(&policy.rule, rules)?;
    if change.name.is_some() {
        if let Some(scope) = name_taken(store, &group_id, &policy.name, Some(id), rules) {
            return Err(DomainError::PolicyNameTaken {
                name: policy.name,
                scope,
            });
        }
    }
    if let (true, Some(t)) = (tracked_changed, policy.tracking()) {
        let taken = store.policies().into_iter().any(|(g, p)| {
            g == group_id && p.id != id && p.tracking().is_some_and(|o| o.metric == t.metric)
        });
        if taken {
            return Err(DomainError::TrackingPolicyTaken {
                group: group_id,
                metric: t.metric,
            });
        }
    }
    if let Some(notify_ids) = change.notify_ids {
        policy.notify_ids = notify_ids;
    }
    store.replace_policy(policy);
    Ok(())
}

/// One of each refusal [`delete`] can answer.
pub fn delete_refusals() -> Vec<DomainError> {
    vec![
        DomainError::GroupNotFound {
            group: "asg-x".to_owned(),
        },
        DomainError::PolicyNotFound {
            policy: "asp-x".to_owned(),
        },
        DomainError::DefaultPolicyUnchangeable {
            policy: "asp-x".to_owned(),
        },
    ]
}

/// Deletes the policy `id` (of `in_group`, when named). Checks: the group exists
/// (`GroupNotFound`), the policy exists (`PolicyNotFound`), it is not the default policy
/// (`DefaultPolicyUnchangeable`).
pub fn delete(store: &mut impl Store, id: &str, in_group: Option<&str>) -> Result<(), DomainError> {
    if let Some(g) = in_group {
        group(store, g)?;
    }
    let (_, policy) = find(store, id, in_group)?;
    if policy.is_default() {
        return Err(DomainError::DefaultPolicyUnchangeable { policy: policy.id });
    }
    store.delete_policy(id);
    Ok(())
}

/// One of each refusal [`execute`] can answer.
pub fn execute_refusals() -> Vec<DomainError> {
    vec![
        DomainError::PolicyNotFound {
            policy: "asp-x".to_owned(),
        },
        DomainError::GroupNotFound {
            group: "asg-x".to_owned(),
        },
        DomainError::PolicyKindMismatch {
            policy: "asp-x".to_owned(),
            kind: PolicyKind::TargetTracking,
            asked: "x".to_owned(),
        },
        DomainError::DefaultPolicyUnchangeable {
            policy: "asp-x".to_owned(),
        },
        DomainError::GroupDisabled {
            group: "asg-x".to_owned(),
        },
        DomainError::GroupInActivity {
            group: "asg-x".to_owned(),
        },
        DomainError::CoolingDown {
            group: "asg-x".to_owned(),
            until: 0,
        },
        DomainError::NothingToDo {
            why: "x".to_owned(),
        },
        DomainError::NoRandomness("none".to_owned()),
    ]
}

/// Runs the simple policy `id` now. Checks, in order: the policy exists (`PolicyNotFound`)
/// and its group (`GroupNotFound`); it is simple (`PolicyKindMismatch`) and not the default
/// (`DefaultPolicyUnchangeable`); the group is enabled (`GroupDisabled`); no activity runs
/// (`GroupInActivity`); with `honor_cooldown`, the group is not cooling down
/// (`CoolingDown`); the adjustment changes the desired capacity within `[MinSize, MaxSize]`
/// (`NothingToDo`). Then the desired capacity is set and the activity starts at once; the
/// group cools down for the policy's cooldown after it. Returns the activity's id.
pub fn execute(
    store: &mut impl Store,
    id: &str,
    honor_cooldown: bool,
    by: &str,
    now: u64,
) -> Result<String, DomainError> {
    let (group_id, policy) = find(store, id, None)?;
    let group = group(store, &group_id)?;
    let Some(simple) = policy.simple() else {
        return Err(DomainError::PolicyKindMismatch {
            policy: policy.id.clone(),
            kind: policy.kind(),
            asked: "only simple policies can be executed".to_owned(),
        });
    };
    let current = group.capacity();
    let Some(wanted) = simple.adjusted(current) else {
        return Err(DomainError::DefaultPolicyUnchangeable { policy: policy.id });
    };
    if !group.enabled {
        return Err(DomainError::GroupDisabled { group: group_id });
    }
    ensure_idle(group)?;
    if honor_cooldown {
        if let Some(until) = store.cooldown_until(&group_id).filter(|u| *u > now) {
            return Err(DomainError::CoolingDown {
                group: group_id,
                until,
            });
        }
    }
    let new = wanted.min(group.max_size).max(group.min_size);
    if new == current && new == group.active_size() {
        return Err(DomainError::NothingToDo {
            why: format!(
                "scaling policy {id} would keep scaling group {group_id} at {current} \
                 instance(s)"
            ),
        });
    }
    // What is read of the group, before the store changes.
    let previous = group.desired_capacity;
    // The id is checked for randomness before anything changes.
    ids::fresh(IdKind::Activity, |a| store.activity_id_taken(a))?;
    store.set_desired(&group_id, Some(new));
    let cause = format!(
        "{by} ran scaling policy {} ({}): desired capacity {current} -> {new}",
        policy.name, policy.id
    );
    match store.start_scaling(&group_id, cause, Some(simple.cooldown_seconds), now) {
        Some(activity) => Ok(activity),
        None => {
            store.set_desired(&group_id, previous);
            Err(DomainError::NothingToDo {
                why: format!(
                    "scaling group {group_id} has no instance to launch or remove for desired \
                     capacity {new}"
                ),
            })
        }
    }
}
