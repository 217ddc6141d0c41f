//! Commands on a group's members: attach, and leave (detach or remove). Each checks every
//! rule, in one order, then changes the store and records the activity; it returns the
//! activity's id.

use super::error::DomainError;
use super::ids::{self, IdKind};
use super::model::{ActivityKind, Group, InstanceState, LifeCycle, NewActivity};
use super::rules::{DisabledGroupLeave, Rules};
use super::store::{Leave, Store};
use std::collections::HashSet;

/// One of each refusal [`leave`] can answer, for tests that check every protocol has a code
/// for each.
pub fn leave_refusals() -> Vec<DomainError> {
    let (g, i) = ("asg-x".to_owned(), "ins-x".to_owned());
    vec![
        DomainError::GroupNotFound { group: g.clone() },
        DomainError::InstanceNotInGroup {
            instance: i.clone(),
            group: g.clone(),
        },
        DomainError::InstanceGivenTwice {
            instance: i.clone(),
        },
        DomainError::GroupDisabled { group: g.clone() },
        DomainError::GroupInActivity { group: g },
        DomainError::InstanceNotInService {
            instance: i.clone(),
            life_cycle: LifeCycle::Creating,
        },
        DomainError::InstancesProtectedFromDetach { instances: vec![i] },
        DomainError::BelowMinSize {
            leaving: 1,
            staying: 0,
            min_size: 1,
        },
        DomainError::NoRandomness("none".to_owned()),
    ]
}

/// One of each refusal [`attach`] can answer.
pub fn attach_refusals() -> Vec<DomainError> {
    let (g, i) = ("asg-x".to_owned(), "ins-x".to_owned());
    vec![
        DomainError::GroupNotFound { group: g.clone() },
        DomainError::InstanceNotFound {
            instance: i.clone(),
        },
        DomainError::InstanceGivenTwice {
            instance: i.clone(),
        },
        DomainError::InstanceAlreadyInGroup {
            instance: i.clone(),
            group: g.clone(),
        },
        DomainError::InstanceInOtherGroup {
            instance: i.clone(),
            other: g.clone(),
        },
        DomainError::InstanceNotAttachable {
            instance: i,
            state: "Pending".to_owned(),
            accepted: "Running",
        },
        DomainError::GroupDisabled { group: g.clone() },
        DomainError::GroupInActivity { group: g },
        DomainError::AboveMaxSize {
            joining: 1,
            members: 1,
            max_size: 1,
        },
        DomainError::NoRandomness("none".to_owned()),
    ]
}

/// The group `id` (a borrow of the store's), or [`DomainError::GroupNotFound`].
pub fn group<'a>(store: &'a impl Store, id: &str) -> Result<&'a Group, DomainError> {
    store.group(id).ok_or_else(|| DomainError::GroupNotFound {
        group: id.to_owned(),
    })
}

/// `Err` when a scaling activity of the group runs.
pub fn ensure_idle(group: &Group) -> Result<(), DomainError> {
    if group.in_activity() {
        return Err(DomainError::GroupInActivity {
            group: group.id.clone(),
        });
    }
    Ok(())
}

/// Takes `ids` out of `group_id`, keeping or terminating those the group launched (`how`);
/// `by` names what asked (for the activity's cause). Checks, in order:
///
/// 1. the group exists ([`DomainError::GroupNotFound`]);
/// 2. each instance is a member, named once (`InstanceNotInGroup`, `InstanceGivenTwice`);
/// 3. the group is enabled, unless [`Rules::disabled_group_leave`] allows a disabled one
///    (`GroupDisabled`);
/// 4. no activity runs (`GroupInActivity`);
/// 5. each is in service (`InstanceNotInService`);
/// 6. none is protected from detaching (`InstancesProtectedFromDetach`);
/// 7. at least `MinSize` in-service members stay (`BelowMinSize`), skipped for a disabled
///    group under [`DisabledGroupLeave::SkipMinSize`].
///
/// Then the instances leave and a finished [`ActivityKind::Detach`] or
/// [`ActivityKind::Remove`] activity is recorded.
pub fn leave(
    store: &mut impl Store,
    group_id: &str,
    ids: &[String],
    how: Leave,
    rules: &Rules,
    by: &str,
    now: u64,
) -> Result<String, DomainError> {
    let group = group(store, group_id)?;
    let mut named = HashSet::new();
    for id in ids {
        if group.member(id).is_none() {
            return Err(DomainError::InstanceNotInGroup {
                instance: id.clone(),
                group: group.id.clone(),
            });
        }
        if !named.insert(id.as_str()) {
            return Err(DomainError::InstanceGivenTwice {
                instance: id.clone(),
            });
        }
    }
    if !group.enabled && rules.disabled_group_leave == DisabledGroupLeave::Refuse {
        return Err(DomainError::GroupDisabled {
            group: group.id.clone(),
        });
    }
    ensure_idle(group)?;
    let leaving: Vec<_> = group
        .instances
        .iter()
        .filter(|m| named.contains(m.instance_id.as_str()))
        .collect();
    if let Some(m) = leaving.iter().find(|m| m.state() != LifeCycle::InService) {
        return Err(DomainError::InstanceNotInService {
            instance: m.instance_id.clone(),
            life_cycle: m.state(),
        });
    }
    let protected: Vec<String> = leaving
        .iter()
        .filter(|m| m.protected_from_detach)
        .map(|m| m.instance_id.clone())
        .collect();
    if !protected.is_empty() {
        return Err(DomainError::InstancesProtectedFromDetach {
            instances: protected,
        });
    }
    let staying = group.in_service().saturating_sub(leaving.len());
    if group.enabled && i64::try_from(staying).unwrap_or(i64::MAX) < group.min_size {
        return Err(DomainError::BelowMinSize {
            leaving: leaving.len(),
            staying,
            min_size: group.min_size,
        });
    }
    let activity_id = ids::fresh(IdKind::Activity, |id| store.activity_id_taken(id))?;

    let left = store.take_out(group_id, ids, how);
    let (kind, done) = match how {
        Leave::Keep => (ActivityKind::Detach, "kept running".to_owned()),
        Leave::Terminate => (
            ActivityKind::Remove,
            format!("{} terminated", left.terminated.len()),
        ),
    };
    store.record_activity(
        NewActivity {
            id: activity_id.clone(),
            group: group_id.to_owned(),
            kind,
            cause: format!(
                "{by} took {} instance(s) out of the group ({done})",
                left.ids.len()
            ),
            succeeded: left.ids,
            failed: Vec::new(),
        },
        now,
    );
    Ok(activity_id)
}

/// Attaches `ids` to `group_id` as manually attached, in-service members; `by` names what
/// asked. Checks, in order:
///
/// 1. the group exists (`GroupNotFound`);
/// 2. for each instance, in the order given: it exists (`InstanceNotFound`), is named once
///    (`InstanceGivenTwice`), is not a member of this group (`InstanceAlreadyInGroup`) or of
///    another (`InstanceInOtherGroup`), and is running, or stopped when
///    [`AttachRule::stopped_instances`](super::rules::AttachRule::stopped_instances)
///    (`InstanceNotAttachable`);
/// 3. the group is enabled, unless [`AttachRule::disabled_group`](super::rules::AttachRule::disabled_group)
///    (`GroupDisabled`);
/// 4. no activity runs (`GroupInActivity`);
/// 5. the group then holds at most `MaxSize` members (`AboveMaxSize`).
///
/// Then they join and a finished [`ActivityKind::Attach`] activity is recorded.
pub fn attach(
    store: &mut impl Store,
    group_id: &str,
    ids: &[String],
    rules: &Rules,
    by: &str,
    now: u64,
) -> Result<String, DomainError> {
    let group = group(store, group_id)?;
    let mut named = HashSet::new();
    for id in ids {
        let Some(state) = store.instance_state(id) else {
            return Err(DomainError::InstanceNotFound {
                instance: id.clone(),
            });
        };
        if !named.insert(id.as_str()) {
            return Err(DomainError::InstanceGivenTwice {
                instance: id.clone(),
            });
        }
        if let Some(other) = store.group_of(id) {
            return Err(if other == group.id {
                DomainError::InstanceAlreadyInGroup {
                    instance: id.clone(),
                    group: other,
                }
            } else {
                DomainError::InstanceInOtherGroup {
                    instance: id.clone(),
                    other,
                }
            });
        }
        let usable = match state {
            InstanceState::Running => true,
            InstanceState::Stopped => rules.attach.stopped_instances,
            InstanceState::Other(_) => false,
        };
        if !usable {
            return Err(DomainError::InstanceNotAttachable {
                instance: id.clone(),
                state: state.to_string(),
                accepted: if rules.attach.stopped_instances {
                    "Running or Stopped"
                } else {
                    "Running"
                },
            });
        }
    }
    if !group.enabled && !rules.attach.disabled_group {
        return Err(DomainError::GroupDisabled {
            group: group.id.clone(),
        });
    }
    ensure_idle(group)?;
    let after = group.instances.len().saturating_add(named.len());
    if i64::try_from(after).unwrap_or(i64::MAX) > group.max_size {
        return Err(DomainError::AboveMaxSize {
            joining: named.len(),
            members: group.instances.len(),
            max_size: group.max_size,
        });
    }
    let activity_id = ids::fresh(IdKind::Activity, |id| store.activity_id_taken(id))?;

    store.put_in(group_id, ids, now);
    store.record_activity(
        NewActivity {
            id: activity_id.clone(),
            group: group_id.to_owned(),
            kind: ActivityKind::Attach,
            cause: format!("{by} added {} instance(s) to the group", ids.len()),
            succeeded: ids.to_vec(),
            failed: Vec::new(),
        },
        now,
    );
    Ok(activity_id)
}
