//! The simulation: what happens in the emulated account as virtual time passes. Plain
//! functions over the [`State`] and a little bookkeeping ([`Book`]), run by the world each
//! time it is locked, so that every answer sees the account as it is at the clock's time.
//!
//! [`run`] handles every event due up to a time, earliest first, each at its own time (so the
//! records show when things happened, however far the clock jumped). At one instant, in this
//! order: activities leave init, instance steps end and activities with nothing left end
//! ([`activity`]); cooldowns end; scheduled tasks run ([`schedule`]); alarm policies are
//! evaluated at the end of a metric period ([`alarm`]); instance refreshes take their next step
//! ([`crate::domain::refresh::advance`]); then every active group without an activity whose
//! size differs from its desired capacity starts one.

mod activity;
mod alarm;
pub(crate) mod cron;
mod schedule;

use crate::state::State;
use std::collections::HashMap;

/// The most events one [`run`] handles, a guard against a bug looping forever (a year of
/// 5-minute metric periods is about 105,000).
const MAX_STEPS: usize = 10_000_000;

/// Why a group's desired capacity was just changed by the simulation: the cause an activity
/// it starts gives, and the cooldown after that activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Trigger {
    cause: String,
    cooldown: u64,
}

/// The simulation's bookkeeping, kept beside the state: how far it has run, when each
/// scheduled task runs next, how many periods in a row each alarm policy's comparison has held,
/// and the last metric period evaluated. Replacing the state keeps it (tasks and policies it
/// no longer finds are forgotten).
#[derive(Debug, Clone, Default)]
pub(crate) struct Book {
    /// The virtual time the simulation has run to (Unix seconds).
    pub(crate) time: u64,
    schedules: HashMap<String, schedule::Entry>,
    streaks: HashMap<String, u32>,
    /// The end of the last metric period evaluated (or passed with nothing to evaluate).
    boundary: u64,
    triggers: HashMap<String, Trigger>,
    /// Per target-tracking policy: its counts above and below the target, and its warm-up.
    tracking: HashMap<String, alarm::Tracking>,
}

impl Book {
    /// Bookkeeping for a simulation that starts at `now`.
    pub(crate) fn new(now: u64) -> Book {
        Book {
            time: now,
            boundary: now,
            ..Book::default()
        }
    }
}

/// Forgets what refers to groups, tasks or policies that are gone.
fn prune(state: &mut State, book: &mut Book) {
    let groups: Vec<String> = state.scaling_groups.iter().map(|g| g.id.clone()).collect();
    let known = |id: &String| groups.contains(id);
    let sim = &mut state.simulation;
    sim.activities.retain(|a| known(&a.scaling_group_id));
    sim.cooldowns.retain(|c| known(&c.scaling_group_id));
    sim.metrics.retain(|m| known(&m.scaling_group_id));
    sim.failures.retain(|f| known(&f.scaling_group_id));
    state.prune_refreshes();
    if !book.streaks.is_empty() {
        let policies: Vec<&str> = state
            .scaling_groups
            .iter()
            .flat_map(|g| &g.scaling_policies)
            .map(|p| p.id.as_str())
            .collect();
        book.streaks.retain(|id, _| policies.contains(&id.as_str()));
    }
    if !book.tracking.is_empty() {
        let policies: Vec<&str> = state
            .scaling_groups
            .iter()
            .flat_map(|g| &g.scaling_policies)
            .map(|p| p.id.as_str())
            .collect();
        book.tracking
            .retain(|id, _| policies.contains(&id.as_str()));
    }
}

/// The earliest time something is due.
fn next_due(state: &State, book: &mut Book) -> Option<u64> {
    let sim = &state.simulation;
    let activities = sim
        .activities
        .iter()
        .filter_map(|run| activity::next_due(run, book.time));
    let cooldowns = sim.cooldowns.iter().map(|c| c.until);
    let tasks = book.schedules.values().filter_map(|e| e.next);
    let refreshes = crate::domain::refresh::next_due(&state.refreshes);
    let earliest = activities
        .chain(cooldowns)
        .chain(tasks)
        .chain(refreshes)
        .min();
    match (earliest, alarm::next_boundary(state, book)) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Handles everything due at or before `t`, at `t`.
fn fire_due(state: &mut State, book: &mut Book, t: u64) {
    activity::advance(state, t);
    state.simulation.cooldowns.retain(|c| c.until > t);
    schedule::fire(state, book, t);
    alarm::evaluate(state, book, t);
    crate::domain::refresh::advance(state, t);
}

/// Runs the simulation to `now` (Unix seconds): every event due until then, in time order,
/// then the reactions at `now` (an activity for a group whose size differs from its desired
/// capacity). A `now` before the time it has run to means the clock was set back: the
/// simulation goes on from there (scheduled tasks are scheduled again from the new time).
pub(crate) fn run(state: &mut State, book: &mut Book, now: u64) {
    if now < book.time {
        book.time = now;
        book.boundary = now;
        book.schedules.clear();
    }
    prune(state, book);
    for _ in 0..MAX_STEPS {
        activity::match_capacity(state, book, book.time);
        schedule::sync(state, book);
        match next_due(state, book) {
            Some(t) if t <= now => {
                book.time = book.time.max(t);
                fire_due(state, book, book.time);
            }
            _ if book.time < now => book.time = now,
            _ => return,
        }
    }
}

/// Starts at `now`, for a command, the activity that brings group `group` to its desired
/// capacity ([`crate::domain::Store::start_scaling`]); its id.
pub(crate) fn start_scaling(
    state: &mut State,
    group: &str,
    cause: String,
    cooldown: Option<u64>,
    now: u64,
) -> Option<String> {
    activity::start_for(state, group, cause, cooldown, now)
}

/// Records, for a member command (standby, start, stop), `activity` as running from `now`
/// and starts its run ([`crate::domain::Store::run_activity`]).
pub(crate) fn run_activity(
    state: &mut State,
    activity: crate::domain::model::NewActivity,
    now: u64,
) {
    activity::run_activity(state, activity, now);
}

#[cfg(test)]
mod tests;
