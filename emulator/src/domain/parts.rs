//! What a group holds besides its members: its scheduled actions, lifecycle hooks (and the
//! one API 2.0 binds) and notifications, stored as the domain's own types. The commands of
//! [`super::schedules`], [`super::hooks`] and [`super::notifications`] are written against
//! [`PartsStore`]; the state implements it.

use super::error::DomainError;
use super::hooks::LifecycleHook;
use super::lifecycle::LifecycleAction;
use super::model::HookResult;
use super::notifications::Notification;
use super::schedules::ScheduledAction;

/// A group's parts, to read.
#[derive(Debug, Clone, Copy)]
pub struct Parts<'a> {
    /// Its scheduled actions, in the order they were created.
    pub scheduled_actions: &'a [ScheduledAction],
    /// Its lifecycle hooks, in the order they were created.
    pub lifecycle_hooks: &'a [LifecycleHook],
    /// The hook bound to it (API 2.0 AttachLifeCycleHookId), if one is.
    pub bound_hook: Option<&'a str>,
    /// Its notifications, in the order they were created.
    pub notifications: &'a [Notification],
}

/// A group's parts, to change.
#[derive(Debug)]
pub struct PartsMut<'a> {
    /// Its scheduled actions.
    pub scheduled_actions: &'a mut Vec<ScheduledAction>,
    /// Its lifecycle hooks.
    pub lifecycle_hooks: &'a mut Vec<LifecycleHook>,
    /// The hook bound to it.
    pub bound_hook: &'a mut Option<String>,
    /// Its notifications.
    pub notifications: &'a mut Vec<Notification>,
}

/// How ending a hook's hold on an instance went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoldEnd {
    /// The hook held the instance; the hold now ends with the result given.
    Ended,
    /// The hook holds the instance no more: its result was given already.
    AlreadyEnded,
    /// The hook does not hold the instance.
    NotHeld,
}

/// The storage of groups' parts, as the domain reads and changes it.
pub trait PartsStore {
    /// The ids of every group, in the account's order.
    fn group_ids(&self) -> Vec<String>;
    /// The parts of group `group`, if it exists.
    fn parts(&self, group: &str) -> Option<Parts<'_>>;
    /// The parts of group `group`, to change.
    fn parts_mut(&mut self, group: &str) -> Option<PartsMut<'_>>;
    /// Whether scheduled action, hook or notification ids (any kind) `id` is taken.
    fn part_id_taken(&self, id: &str) -> bool;
    /// Ends the hold of `instance` by `hook` in a running activity of `group`, with `result`,
    /// at `now`.
    fn end_hold(
        &mut self,
        group: &str,
        hook: &str,
        instance: &str,
        result: HookResult,
        now: u64,
    ) -> HoldEnd;
    /// Moves the timeout of the hold of `instance` by `hook` in `group` to `until`; whether
    /// the hook held it.
    fn extend_hold(&mut self, group: &str, hook: &str, instance: &str, until: u64) -> bool;
    /// The lifecycle actions of the account, pending and ended, in the order they started.
    fn lifecycle_actions(&self) -> &[LifecycleAction];
    /// The lifecycle actions, to change.
    fn lifecycle_actions_mut(&mut self) -> &mut Vec<LifecycleAction>;
}

/// A kind of part a group holds (scheduled actions, lifecycle hooks, notifications): where a
/// group keeps its list, its id, and the refusals when it is not found. [`locate`], [`list`]
/// and [`remove`] are written once for every kind.
pub trait Part: Clone {
    /// The group's list of this kind.
    fn all<'a>(parts: &Parts<'a>) -> &'a [Self];
    /// The group's list of this kind, to change.
    fn all_mut<'a>(parts: PartsMut<'a>) -> &'a mut Vec<Self>;
    /// Its id.
    fn id(&self) -> &str;
    /// The refusal of an id no group has (`group`: the group named, if one was).
    fn not_found(id: &str, group: Option<&str>) -> DomainError;
    /// The refusal of a part of `owner` when `group` was named.
    fn in_other_group(id: &str, owner: String, group: &str) -> DomainError;
}

/// The group holding the part `id` of kind `P` and its index there. With `group`: an unknown
/// group is [`DomainError::GroupNotFound`], a part of another group [`Part::in_other_group`];
/// an id no group has is [`Part::not_found`].
pub fn locate<P: Part>(
    store: &impl PartsStore,
    group: Option<&str>,
    id: &str,
) -> Result<(String, usize), DomainError> {
    if let Some(g) = group {
        if store.parts(g).is_none() {
            return Err(DomainError::GroupNotFound {
                group: g.to_owned(),
            });
        }
    }
    let index_in = |g: &str| {
        store
            .parts(g)
            .and_then(|p| P::all(&p).iter().position(|x| x.id() == id))
    };
    // The group named first: most lookups name the part's own group.
    let found = group
        .and_then(|g| index_in(g).map(|i| (g.to_owned(), i)))
        .or_else(|| {
            store
                .group_ids()
                .into_iter()
                .find_map(|g| index_in(&g).map(|i| (g, i)))
        });
    match (found, group) {
        (Some((owner, _)), Some(g)) if owner != g => Err(P::in_other_group(id, owner, g)),
        (Some(found), _) => Ok(found),
        (None, _) => Err(P::not_found(id, group)),
    }
}

/// Every part of kind `P` with its group (of `group` only, when given:
/// [`DomainError::GroupNotFound`] when it does not exist), groups in the account's order, each
/// group's parts in the order they were created.
pub fn list<P: Part>(
    store: &impl PartsStore,
    group: Option<&str>,
) -> Result<Vec<(String, P)>, DomainError> {
    let groups = match group {
        Some(g) if store.parts(g).is_none() => {
            return Err(DomainError::GroupNotFound {
                group: g.to_owned(),
            })
        }
        Some(g) => vec![g.to_owned()],
        None => store.group_ids(),
    };
    let mut all = Vec::new();
    for g in groups {
        if let Some(parts) = store.parts(&g) {
            all.extend(P::all(&parts).iter().map(|p| (g.clone(), p.clone())));
        }
    }
    Ok(all)
}

/// Adds `part` to `group`'s list of its kind.
pub fn push<P: Part>(store: &mut impl PartsStore, group: &str, part: P) {
    if let Some(parts) = store.parts_mut(group) {
        P::all_mut(parts).push(part);
    }
}

/// Removes the part of kind `P` at `index` of `group`'s list ([`locate`] found it there).
pub fn remove<P: Part>(store: &mut impl PartsStore, group: &str, index: usize) {
    if let Some(parts) = store.parts_mut(group) {
        let list = P::all_mut(parts);
        if index < list.len() {
            list.remove(index);
        }
    }
}

/// The part of kind `P` at `index` of `group`'s list, to change.
pub fn get_mut<'a, P: Part>(
    store: &'a mut impl PartsStore,
    group: &str,
    index: usize,
) -> Option<&'a mut P> {
    store
        .parts_mut(group)
        .and_then(|p| P::all_mut(p).get_mut(index))
}

impl Part for ScheduledAction {
    fn all<'a>(parts: &Parts<'a>) -> &'a [Self] {
        parts.scheduled_actions
    }
    fn all_mut<'a>(parts: PartsMut<'a>) -> &'a mut Vec<Self> {
        parts.scheduled_actions
    }
    fn id(&self) -> &str {
        &self.id
    }
    fn not_found(id: &str, group: Option<&str>) -> DomainError {
        DomainError::ScheduledActionNotFound {
            id: id.to_owned(),
            group: group.map(str::to_owned),
        }
    }
    /// An action of another group is not found in the group named.
    fn in_other_group(id: &str, _owner: String, group: &str) -> DomainError {
        Self::not_found(id, Some(group))
    }
}

impl Part for LifecycleHook {
    fn all<'a>(parts: &Parts<'a>) -> &'a [Self] {
        parts.lifecycle_hooks
    }
    fn all_mut<'a>(parts: PartsMut<'a>) -> &'a mut Vec<Self> {
        parts.lifecycle_hooks
    }
    fn id(&self) -> &str {
        &self.id
    }
    fn not_found(id: &str, _group: Option<&str>) -> DomainError {
        DomainError::HookNotFound { id: id.to_owned() }
    }
    fn in_other_group(id: &str, owner: String, group: &str) -> DomainError {
        DomainError::HookInOtherGroup {
            id: id.to_owned(),
            owner,
            group: group.to_owned(),
        }
    }
}

impl Part for Notification {
    fn all<'a>(parts: &Parts<'a>) -> &'a [Self] {
        parts.notifications
    }
    fn all_mut<'a>(parts: PartsMut<'a>) -> &'a mut Vec<Self> {
        parts.notifications
    }
    fn id(&self) -> &str {
        &self.id
    }
    fn not_found(id: &str, _group: Option<&str>) -> DomainError {
        DomainError::NotificationNotFound { id: id.to_owned() }
    }
    fn in_other_group(id: &str, owner: String, group: &str) -> DomainError {
        DomainError::NotificationInOtherGroup {
            id: id.to_owned(),
            owner,
            group: group.to_owned(),
        }
    }
}
