//! What a group holds besides its members: its scheduled actions, lifecycle hooks (and the
//! one API 2.0 binds) and notifications, stored as the domain's own types. The commands of
//! [`super::schedules`], [`super::hooks`] and [`super::notifications`] are written against
//! [`PartsStore`]; the state implements it.

use super::hooks::LifecycleHook;
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
}

/// The group holding the part for which `has` is true, and the part's index in its list.
pub(crate) fn find_part(
    store: &impl PartsStore,
    has: impl Fn(&Parts<'_>) -> Option<usize>,
) -> Option<(String, usize)> {
    store
        .group_ids()
        .into_iter()
        .find_map(|g| store.parts(&g).and_then(|p| has(&p)).map(|i| (g, i)))
}
