//! The activities of the member commands (EnterStandby, ExitStandby,
//! StartAutoScalingInstances, StopAutoScalingInstances): recorded as running, their members
//! each in a step (entering or leaving standby, starting, stopping) until the timing of the
//! kind has passed on the virtual clock; meanwhile the group is in an activity. [`super::progress`]
//! ends the steps and the activity like any other.

use super::record;
use crate::domain::activity::{Activity, ActivityInstance, InstanceResult};
use crate::domain::model::{ActivityKind, ActivityStatus, NewActivity};
use crate::state::{ActivityRun, Direction, InstanceStep, State, Step, Timing};

/// The run's direction and its members' step for a member command's activity, and how long
/// the step takes; `None` for a kind that is not a member command's.
fn member_step(kind: ActivityKind, timing: &Timing) -> Option<(Direction, Step, u64)> {
    Some(match kind {
        ActivityKind::EnterStandby => (
            Direction::EnterStandby,
            Step::EnteringStandby,
            timing.standby_seconds,
        ),
        ActivityKind::ExitStandby => (
            Direction::ExitStandby,
            Step::ExitingStandby,
            timing.standby_seconds,
        ),
        ActivityKind::Start => (
            Direction::Start,
            Step::Starting,
            timing.instance_start_seconds,
        ),
        ActivityKind::Stop => (
            Direction::Stop,
            Step::Stopping,
            timing.instance_stop_seconds,
        ),
        _ => return None,
    })
}

/// Records `new` as running from `now` and starts its run: each of its `succeeded`
/// instances in its step until `now` plus the timing of its kind, the group in an activity
/// until it ends (no cooldown follows). A kind no member command records is recorded as
/// ended at once.
pub(crate) fn run_activity(state: &mut State, new: NewActivity, now: u64) {
    let Some((direction, step, seconds)) = member_step(new.kind, &state.simulation.timing) else {
        let status = Activity::outcome(new.succeeded.len(), new.failed.len());
        state.record(Activity::recorded(new, status, now));
        return;
    };
    let until = now.saturating_add(seconds);
    let steps = new
        .succeeded
        .iter()
        .map(|id| InstanceStep {
            instance_id: id.clone(),
            step,
            until,
            life_cycle_hook_id: None,
            result: None,
            completed: false,
        })
        .collect();
    if let Some(group) = state.group_mut(&new.group) {
        group.activity_running = true;
    }
    let run = ActivityRun {
        scaling_activity_id: new.id.clone(),
        scaling_group_id: new.group.clone(),
        direction,
        running_at: now,
        running: true,
        cooldown_seconds: 0,
        failure: None,
        failed_launches: 0,
        instances: steps,
        succeeded: Vec::new(),
        failed: Vec::new(),
    };
    let mut activity = record(
        new.id,
        new.group,
        direction,
        ActivityStatus::Running,
        new.cause,
        now,
    );
    activity.instances = new
        .succeeded
        .into_iter()
        .map(|instance_id| ActivityInstance {
            instance_id,
            result: InstanceResult::Running,
            reason: None,
        })
        .collect();
    state.record(activity);
    state.simulation.activities.push(run);
}

#[cfg(test)]
mod tests {
    use crate::domain::model::{ActivityKind, ActivityStatus};
    use crate::domain::scaling;
    use crate::sim::{run, Book};
    use crate::state::State;

    const GROUP: &str = "asg-demo0001";

    #[test]
    fn member_commands_run_for_their_timing_and_a_zero_timing_ends_at_once() {
        // The demo's web group: 4 members, min 1; kept at 4.
        let mut state = State::demo();
        state.scaling_groups[0].desired_capacity = Some(4);
        let t0 = 1_780_000_000;
        let mut book = Book::new(t0);
        run(&mut state, &mut book, t0);
        let one = ["ins-demo0002".to_owned()];
        let stop = scaling::stop(&mut state, GROUP, &one, true, "test", t0);
        let Ok(id) = stop else {
            panic!("refused: {stop:?}")
        };
        run(&mut state, &mut book, t0);
        let record = |state: &State| {
            state
                .scaling_activities
                .iter()
                .find(|a| a.id == id)
                .cloned()
                .unwrap_or_else(|| panic!("no record {id}"))
        };
        assert_eq!(record(&state).kind, ActivityKind::Stop);
        assert_eq!(record(&state).status, ActivityStatus::Running);
        assert!(state.scaling_groups[0].activity_running);
        // Nothing else starts meanwhile: the group is in an activity.
        let busy = scaling::start(&mut state, GROUP, &one, "test", t0 + 1);
        assert!(busy.is_err(), "{busy:?}");
        run(&mut state, &mut book, t0 + 29);
        assert_eq!(record(&state).status, ActivityStatus::Running);
        run(&mut state, &mut book, t0 + 30);
        let done = record(&state);
        assert_eq!(done.status, ActivityStatus::Successful);
        assert_eq!(done.ended, Some(t0 + 30));
        assert!(!state.scaling_groups[0].activity_running);
        assert!(state.simulation.cooldowns.is_empty(), "no cooldown follows");

        // A timing of 0: the run ends at the same instant, at the next step of the simulation.
        state.simulation.timing.instance_start_seconds = 0;
        let started = scaling::start(&mut state, GROUP, &one, "test", t0 + 30);
        let Ok(id) = started else {
            panic!("refused: {started:?}")
        };
        run(&mut state, &mut book, t0 + 30);
        let done = state.scaling_activities.iter().find(|a| a.id == id);
        assert_eq!(
            done.map(|a| (a.kind, a.status, a.ended)),
            Some((
                ActivityKind::Start,
                ActivityStatus::Successful,
                Some(t0 + 30)
            ))
        );
        assert!(state.simulation.activities.is_empty());
    }
}
