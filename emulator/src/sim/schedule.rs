//! Scheduled tasks: each runs at its `startTime` and, when it repeats, at every time its
//! `recurrence` (crontab) matches after that, up to its `endTime`. A run sets the group's
//! `minSize` and `maxSize`, and its desired capacity: the task's `readjustDesiredCapacity` when
//! it has one, else the desired capacity the group had, moved within the new sizes (a group
//! without one whose size falls outside them gets the nearest bound). Runs of a disabled group
//! are skipped.
//!
//! A task is scheduled from the time the simulation first sees it (or sees it changed): runs
//! before that time never happen, so a task whose start time is past and that does not repeat
//! never runs.

use super::cron::Cron;
use super::{Book, Trigger};
use crate::domain::schedules::ScheduledAction;
use crate::sim::activity;
use crate::state::State;

/// What the simulation knows of a task: the values its runs depend on (to notice a change)
/// and its next run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    when: (u64, Option<u64>, Option<String>, bool),
    pub(super) next: Option<u64>,
}

fn when(task: &ScheduledAction) -> (u64, Option<u64>, Option<String>, bool) {
    (
        task.start_time,
        task.end_time,
        task.recurrence.clone(),
        task.repetition_off,
    )
}

/// The crontab line and end time of a repeating task (both given, repetition not turned off,
/// the line valid).
fn repetition(task: &ScheduledAction) -> Option<(Cron, u64)> {
    if !task.repeats() {
        return None;
    }
    let (end, recurrence) = (task.end_time?, task.recurrence.as_deref()?);
    Some((Cron::parse(recurrence).ok()?, end))
}

/// The first run of `task` at or after `from`.
fn first_run(task: &ScheduledAction, from: u64) -> Option<u64> {
    let start = task.start_time;
    if start >= from {
        return Some(start);
    }
    let (cron, end) = repetition(task)?;
    cron.next_after(from.max(start + 1).saturating_sub(1))
        .filter(|t| *t <= end)
}

/// The run of `task` after the one at `t`.
fn run_after(task: &ScheduledAction, t: u64) -> Option<u64> {
    let (cron, end) = repetition(task)?;
    cron.next_after(t).filter(|next| *next <= end)
}

/// Schedules the tasks the simulation has not seen, or whose times changed, from the time it
/// has run to; forgets the tasks that are gone.
pub(super) fn sync(state: &State, book: &mut Book) {
    let from = book.time;
    let mut seen = Vec::new();
    for task in state
        .scaling_groups
        .iter()
        .flat_map(|g| &g.scheduled_actions)
    {
        let id = &task.id;
        seen.push(id.as_str());
        let current = when(task);
        if book.schedules.get(id).is_some_and(|e| e.when == current) {
            continue;
        }
        let next = first_run(task, from);
        book.schedules.insert(
            id.clone(),
            Entry {
                when: current,
                next,
            },
        );
    }
    if book.schedules.len() != seen.len() {
        book.schedules.retain(|id, _| seen.contains(&id.as_str()));
    }
}

/// Runs every task due at or before `t` (in the order of the groups and their tasks), and
/// schedules its next run.
pub(super) fn fire(state: &mut State, book: &mut Book, t: u64) {
    for g in 0..state.scaling_groups.len() {
        for k in 0..state.scaling_groups[g].scheduled_actions.len() {
            let task = &state.scaling_groups[g].scheduled_actions[k];
            let Some(entry) = book.schedules.get_mut(&task.id) else {
                continue;
            };
            if entry.next.is_none_or(|next| next > t) {
                continue;
            }
            entry.next = run_after(task, t);
            let task = task.clone();
            run(state, book, g, &task);
        }
    }
}

/// One run of `task` on the group at `g`.
fn run(state: &mut State, book: &mut Book, g: usize, task: &ScheduledAction) {
    let group = &mut state.scaling_groups[g];
    let (min, max) = (task.min_size, task.max_size);
    if !group.enabled || min > max || min < 0 {
        return;
    }
    group.min_size = min;
    group.max_size = max;
    let size = i64::try_from(group.instances.len()).unwrap_or(i64::MAX);
    let set = task
        .desired_capacity
        .filter(|_| !task.keep_desired_capacity);
    group.desired_capacity = match (set, group.desired_capacity) {
        (Some(desired), _) | (None, Some(desired)) => Some(desired.min(max).max(min)),
        (None, None) if size < min || size > max => Some(size.min(max).max(min)),
        (None, None) => None,
    };
    let desired = activity::target(group).map_or_else(|| "none".to_owned(), |d| d.to_string());
    book.triggers.insert(
        group.id.clone(),
        Trigger {
            cause: format!(
                "Scheduled task {} ({}) set minSize {min}, maxSize {max} and desired capacity \
                 {desired}",
                task.name, task.id
            ),
            cooldown: state.simulation.timing.default_cooldown_seconds,
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::{format_time, parse_time};

    fn task(start: &str, end: Option<&str>, recurrence: Option<&str>) -> ScheduledAction {
        ScheduledAction {
            id: "asst-1".into(),
            name: "t".into(),
            min_size: 1,
            max_size: 3,
            desired_capacity: None,
            start_time: at(start),
            end_time: end.map(at),
            recurrence: recurrence.map(str::to_owned),
            repetition_off: false,
            keep_desired_capacity: false,
            created_time: 0,
        }
    }

    fn at(text: &str) -> u64 {
        parse_time(text).unwrap_or_else(|| panic!("bad time {text}"))
    }

    #[test]
    fn a_one_off_task_runs_at_its_start_only() {
        let once = task("2026-05-01 08:00:00", None, None);
        assert_eq!(
            first_run(&once, at("2026-04-01 00:00:00")),
            Some(at("2026-05-01 08:00:00"))
        );
        assert_eq!(
            first_run(&once, at("2026-05-01 08:00:00")),
            Some(at("2026-05-01 08:00:00"))
        );
        assert_eq!(first_run(&once, at("2026-05-01 08:00:01")), None);
        assert_eq!(run_after(&once, at("2026-05-01 08:00:00")), None);
    }

    #[test]
    fn a_repeating_task_runs_at_its_start_then_as_its_line_says_until_its_end() {
        let daily = task(
            "2026-05-01 07:30:00",
            Some("2026-05-03 08:00:00"),
            Some("0 8 * * *"),
        );
        let from = at("2026-04-01 00:00:00");
        let mut runs = Vec::new();
        let mut next = first_run(&daily, from);
        while let Some(t) = next {
            runs.push(format_time(t));
            next = run_after(&daily, t);
        }
        assert_eq!(
            runs,
            [
                "2026-05-01 07:30:00",
                "2026-05-01 08:00:00",
                "2026-05-02 08:00:00",
                "2026-05-03 08:00:00"
            ]
        );
        // Seen only later: the runs before are skipped.
        assert_eq!(
            first_run(&daily, at("2026-05-02 09:00:00")).map(format_time),
            Some("2026-05-03 08:00:00".to_owned())
        );
        // Repetition turned off: a one-off task.
        let off = ScheduledAction {
            end_time: None,
            recurrence: None,
            repetition_off: true,
            ..daily
        };
        assert_eq!(first_run(&off, at("2026-05-02 00:00:00")), None);
    }
}
