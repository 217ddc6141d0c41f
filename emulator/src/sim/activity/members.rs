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
    if let Some(group) = state
        .scaling_groups
        .iter_mut()
        .find(|g| g.scaling_group_id == new.group)
    {
        group.in_scaling_activity = true;
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
