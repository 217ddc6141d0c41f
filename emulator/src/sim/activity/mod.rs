//! Scaling activities: one starts when an active group's size differs from its desired
//! capacity, and runs through its states (`0` init → `1` running → `2` success, `3` partial
//! success, `4` failed or `5` cancelled) while the instances it launches or removes go through
//! theirs, held on the way by the group's bound lifecycle hook.
//!
//! This module starts activities and records those refused; [`progress`] moves the ones
//! started through their states; [`members`] starts those of the member commands (standby,
//! start, stop), which run on the clock too. The records are the domain's [`Activity`].

mod members;
mod progress;

use super::Book;
use crate::domain::activity::Activity;
use crate::domain::ids::{self, IdKind};
use crate::domain::model::{ActivityKind, ActivityStatus};
use crate::domain::{LifeCycle, Store, TerminationPolicy};
use crate::state::{ActivityRun, Direction, GroupInstance, ScalingGroup, State};

pub(crate) use members::run_activity;
pub(super) use progress::{advance, next_due};

/// The size a group is kept at, when it has a desired capacity: that capacity, within
/// `[minSize, maxSize]`.
pub(super) fn target(group: &ScalingGroup) -> Option<i64> {
    group
        .desired_capacity
        .map(|d| d.min(group.max_size).max(group.min_size))
}

/// The size kept at the desired capacity: members not paused (standby, stopped).
fn size(group: &ScalingGroup) -> i64 {
    group.active_size()
}

/// The kind of the activity a run of `direction` records.
fn kind(direction: Direction) -> ActivityKind {
    match direction {
        Direction::ScaleOut => ActivityKind::ScaleOut,
        Direction::ScaleIn => ActivityKind::ScaleIn,
        Direction::EnterStandby => ActivityKind::EnterStandby,
        Direction::ExitStandby => ActivityKind::ExitStandby,
        Direction::Start => ActivityKind::Start,
        Direction::Stop => ActivityKind::Stop,
    }
}

/// A record of group `group`'s activity `id` of `direction`, started at `t` with `status`
/// and `cause`, no instance handled yet.
fn record(
    id: String,
    group: String,
    direction: Direction,
    status: ActivityStatus,
    cause: String,
    t: u64,
) -> Activity {
    Activity {
        id,
        group,
        kind: kind(direction),
        status,
        cause,
        description: None,
        message: None,
        error_code: 0,
        started: t,
        ended: status.is_final().then_some(t),
        instances: Vec::new(),
    }
}

/// An activity id no recorded activity has ([`crate::domain::ids`]); `None` when the system
/// has no randomness (the activity is then not started, and is tried again at the next step).
fn new_activity_id(state: &State) -> Option<String> {
    ids::fresh(IdKind::Activity, |id| state.activity_id_taken(id)).ok()
}

/// An instance id no instance of the account has.
fn new_instance_id(state: &State) -> Option<String> {
    ids::fresh(IdKind::Instance, |id| state.instance(id).is_some()).ok()
}

/// Whether the group's launch configuration exists (a group without one launches nothing).
fn can_launch(state: &State, group: &ScalingGroup) -> bool {
    group
        .scaling_configuration_id
        .as_ref()
        .is_some_and(|id| state.launch_configurations.iter().any(|c| &c.id == id))
}

/// The instances a scale-in of the group would remove, `n` at most, in the order its remove
/// policy gives: in service (not paused) and not protected from scale-in, oldest (or newest)
/// `addedAt` first, ties in list order (newest first: the later one first).
fn removable(group: &ScalingGroup, n: usize) -> Vec<String> {
    let mut candidates: Vec<(usize, &GroupInstance)> = group
        .instances
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.protected_from_scale_in && m.state() == LifeCycle::InService)
        .collect();
    candidates.sort_by(|a, b| a.1.added_at.cmp(&b.1.added_at).then(a.0.cmp(&b.0)));
    if group.termination_policy == TerminationPolicy::NewestInstance {
        candidates.reverse();
    }
    candidates
        .into_iter()
        .take(n)
        .map(|(_, m)| m.instance_id.clone())
        .collect()
}

/// Starts an activity on every active group that runs none and whose size differs from its
/// desired capacity: a scale-out when it is smaller (and has a launch configuration), a
/// scale-in when it is larger (and has an instance it may remove). The activity is recorded
/// as `0` (init) at `t`. Its cause and the cooldown after it come from the group's trigger
/// (an alarm policy or a scheduled task that changed the capacity), else the default cooldown.
pub(super) fn match_capacity(state: &mut State, book: &mut Book, t: u64) {
    for g in 0..state.scaling_groups.len() {
        let group = &state.scaling_groups[g];
        if !group.enabled || group.activity_running {
            continue;
        }
        let Some(target) = target(group) else {
            continue;
        };
        let size = size(group);
        let direction = if size < target && can_launch(state, group) {
            Direction::ScaleOut
        } else if size > target && !removable(group, 1).is_empty() {
            Direction::ScaleIn
        } else {
            continue;
        };
        let trigger = book.triggers.remove(&group.id);
        start(
            state,
            g,
            direction,
            (target - size).abs(),
            target,
            trigger,
            t,
        );
    }
    book.triggers.clear();
}

fn start(
    state: &mut State,
    g: usize,
    direction: Direction,
    n: i64,
    target: i64,
    trigger: Option<super::Trigger>,
    t: u64,
) {
    let Some(id) = new_activity_id(state) else {
        return;
    };
    let timing = state.simulation.timing;
    let group = &mut state.scaling_groups[g];
    let what = match direction {
        Direction::ScaleOut => format!(
            "launch {n} instance(s) to bring the group from {} to its desired capacity {target}",
            group.instances.len()
        ),
        _ => format!(
            "remove {n} instance(s) to bring the group from {} to its desired capacity {target}",
            group.instances.len()
        ),
    };
    let (cause, cooldown) = match trigger {
        Some(trigger) => (format!("{}: {what}", trigger.cause), trigger.cooldown),
        None => (
            format!("The group's size differs from its desired capacity: {what}"),
            group.cooldown_or(timing.default_cooldown_seconds),
        ),
    };
    group.activity_running = true;
    let group_id = group.id.clone();
    state.record(record(
        id.clone(),
        group_id.clone(),
        direction,
        ActivityStatus::Init,
        cause,
        t,
    ));
    state.simulation.activities.push(ActivityRun {
        scaling_activity_id: id,
        scaling_group_id: group_id.clone(),
        direction,
        running_at: t.saturating_add(timing.activity_init_seconds),
        running: false,
        cooldown_seconds: cooldown,
        failure: None,
        failed_launches: 0,
        instances: Vec::new(),
        succeeded: Vec::new(),
        failed: Vec::new(),
    });
}

/// Starts at `t`, for a command (ScaleOutInstances, ScaleInInstances, ExecuteScalingPolicy),
/// the activity that brings group `group_id` to its desired capacity, active or not, with
/// `cause` and the cooldown after it (`None`: the group's); its id, or `None` when there is
/// nothing to launch or remove (or no randomness for an id).
pub(crate) fn start_for(
    state: &mut State,
    group_id: &str,
    cause: String,
    cooldown: Option<u64>,
    t: u64,
) -> Option<String> {
    let g = state.scaling_groups.iter().position(|g| g.id == group_id)?;
    let group = &state.scaling_groups[g];
    if group.activity_running {
        return None;
    }
    let target = target(group)?;
    let size = size(group);
    let direction = if size < target && can_launch(state, group) {
        Direction::ScaleOut
    } else if size > target && !removable(group, 1).is_empty() {
        Direction::ScaleIn
    } else {
        return None;
    };
    let cooldown = cooldown
        .unwrap_or_else(|| group.cooldown_or(state.simulation.timing.default_cooldown_seconds));
    let before = state.simulation.activities.len();
    start(
        state,
        g,
        direction,
        (target - size).abs(),
        target,
        Some(super::Trigger { cause, cooldown }),
        t,
    );
    state
        .simulation
        .activities
        .get(before)
        .map(|a| a.scaling_activity_id.clone())
}

/// Records an activity that could not run, as failed with `error_code` (40000: the group is
/// in an activity; 40001: it is cooling down), started and ended at `t`.
pub(super) fn record_refusal(
    state: &mut State,
    group_id: &str,
    direction: Direction,
    error_code: i64,
    cause: String,
    t: u64,
) {
    let Some(id) = new_activity_id(state) else {
        return;
    };
    let mut refused = record(
        id,
        group_id.to_owned(),
        direction,
        ActivityStatus::Failed,
        cause,
        t,
    );
    refused.error_code = error_code;
    state.record(refused);
}
