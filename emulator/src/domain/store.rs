//! What the domain needs of the account's storage: what it stores to decide on (a [`Group`]),
//! and the changes a command makes once it has decided. The state ([`crate::state::State`]) implements it; the
//! commands ([`super::instances`], [`super::groups`]) are written against this trait only.

use super::model::{Group, InstanceState, NewActivity, Pause};
use super::policy::Policy;

/// Whether instances that leave a group and that the group launched are kept or terminated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leave {
    /// Kept running (DetachInstances; API 2.0 DetachInstance `keepInstance=1`).
    Keep,
    /// Terminated (RemoveInstances; API 2.0 DetachInstance `keepInstance=0`); attached ones
    /// are kept.
    Terminate,
}

/// What leaving did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LeftGroup {
    /// The instances that left, in the group's order.
    pub ids: Vec<String>,
    /// Those of them that were terminated.
    pub terminated: Vec<String>,
}

/// The account's storage, as the domain reads and changes it.
pub trait Store {
    /// The group `id`, as it is stored: a borrow, for the commands to read (one that changes
    /// the store afterwards copies what it still needs first).
    fn group(&self, id: &str) -> Option<&Group>;
    /// The state of instance `id`, if the account has it.
    fn instance_state(&self, id: &str) -> Option<InstanceState>;
    /// The group instance `id` is a member of.
    fn group_of(&self, instance: &str) -> Option<String>;
    /// Whether an activity has the id `id`.
    fn activity_id_taken(&self, id: &str) -> bool;
    /// How many groups project `project` holds.
    fn groups_in_project(&self, project: i64) -> usize;
    /// How many launch configurations project `project` holds, or the account with `None`.
    fn launch_configurations(&self, project: Option<i64>) -> usize;

    /// Takes `ids` (members of `group`) out of it; the desired capacity follows.
    fn take_out(&mut self, group: &str, ids: &[String], how: Leave) -> LeftGroup;
    /// Puts `ids` into `group` as attached, in-service members added at `now`; the desired
    /// capacity follows.
    fn put_in(&mut self, group: &str, ids: &[String], now: u64);
    /// Records a finished activity (started and ended at `now`), keeping at most
    /// [`Quota::ActivitiesKeptPerGroup`](super::Quota::ActivitiesKeptPerGroup) of the group's.
    fn record_activity(&mut self, activity: NewActivity, now: u64);
    /// Removes the group and what belongs to it (policies, actions, hooks, notifications,
    /// activity records); its members stay in the account.
    fn remove_group(&mut self, group: &str);

    // Instances and policies: standby, start/stop, scale out/in, scaling policies.
    /// Every scaling policy of the account with its group's id, groups in the state's order.
    fn policies(&self) -> Vec<(String, Policy)>;
    /// Adds `policy` to `group`.
    fn add_policy(&mut self, group: &str, policy: Policy);
    /// Replaces the policy with `policy.id` by `policy`.
    fn replace_policy(&mut self, policy: Policy);
    /// Deletes the policy `id`.
    fn delete_policy(&mut self, id: &str);
    /// When the cooldown of `group` ends, if it is cooling down.
    fn cooldown_until(&self, group: &str) -> Option<u64>;
    /// Sets (or with `None` clears) the desired capacity of `group`.
    fn set_desired(&mut self, group: &str, desired: Option<i64>);
    /// Starts, at `now`, the activity that brings `group` to its desired capacity, with
    /// `cause` and the cooldown after it (`None`: the group's); its id, or `None` when there
    /// is nothing to do.
    fn start_scaling(
        &mut self,
        group: &str,
        cause: String,
        cooldown: Option<u64>,
        now: u64,
    ) -> Option<String>;
    /// Pauses members `ids` of `group` (standby, stopped), or with `None` puts them back in
    /// service; a stopped instance is `Stopped` in the account, one back in service `Running`.
    fn pause(&mut self, group: &str, ids: &[String], pause: Option<Pause>);

    // Activities that take time on the clock.
    /// Records `activity` as running from `now`, its `succeeded` instances under way, and
    /// keeps the group in an activity until the simulation ends it, when the timing of its
    /// kind has passed (standby, start, stop: see the crate's README, "Time").
    fn run_activity(&mut self, activity: NewActivity, now: u64);
}
