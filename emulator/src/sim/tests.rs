//! The simulation as plain functions over a state: each behaviour at its exact times.

use super::{run, Book};
use crate::domain::activity::{Activity, InstanceResult};
use crate::domain::hooks::LifecycleHook;
use crate::domain::model::{ActivityKind, ActivityStatus};
use crate::domain::model::{HookResult, HookTransition as Transition};
use crate::domain::policy::{
    Adjustment, Alarm, Comparison, Metric, Policy, PolicyRule, SimpleRule, Statistic,
};
use crate::domain::schedules::ScheduledAction;
use crate::domain::{Creation, LifeCycle, TerminationPolicy};
use crate::state::{State, Step};
use crate::util::parse_time;

const GROUP: &str = "asg-demo0001";

fn t0() -> u64 {
    parse_time("2026-06-01 00:00:00").unwrap_or_default()
}

/// The demo state at `t0`, with the web group (4 instances, at most 10) given the desired
/// capacity `desired`.
fn demo(desired: i64) -> (State, Book) {
    let mut state = State::demo();
    state.scaling_groups[0].max_size = 10;
    state.scaling_groups[0].desired_capacity = Some(desired);
    (state, Book::new(t0()))
}

fn states(state: &State) -> Vec<LifeCycle> {
    state.scaling_groups[0]
        .instances
        .iter()
        .map(|m| m.life_cycle.clone())
        .collect()
}

fn last_activity(state: &State) -> &Activity {
    match state.scaling_activities.last() {
        Some(a) => a,
        None => panic!("no activity"),
    }
}

#[test]
fn a_scale_out_runs_through_its_states_at_their_times() {
    let (mut state, mut book) = demo(5);
    let t0 = t0();
    run(&mut state, &mut book, t0);
    let a = last_activity(&state);
    assert_eq!(a.status, ActivityStatus::Init);
    assert_eq!(a.kind, ActivityKind::ScaleOut);
    assert_eq!(a.started, t0);
    assert!(state.scaling_groups[0].activity_running);
    assert_eq!(state.scaling_groups[0].instances.len(), 4);

    run(&mut state, &mut book, t0 + 4);
    assert_eq!(last_activity(&state).status, ActivityStatus::Init);
    run(&mut state, &mut book, t0 + 5);
    assert_eq!(last_activity(&state).status, ActivityStatus::Running);
    let group = &state.scaling_groups[0];
    assert_eq!(group.instances.len(), 5);
    let new = &group.instances[4];
    assert_eq!(new.creation, Creation::Auto);
    assert_eq!(new.life_cycle, LifeCycle::Creating);
    assert_eq!(
        new.scaling_configuration_id.as_deref(),
        Some("asc-demo0001")
    );
    assert_eq!(new.added_at, Some(t0 + 5));
    let id = new.instance_id.clone();
    assert!(state.instance(&id).is_some_and(|i| i.state == "Running"));

    run(&mut state, &mut book, t0 + 34);
    assert_eq!(last_activity(&state).status, ActivityStatus::Running);
    run(&mut state, &mut book, t0 + 35);
    let a = last_activity(&state);
    assert_eq!(a.status, ActivityStatus::Successful);
    assert_eq!(a.ended, Some(t0 + 35));
    assert_eq!(
        a.instances_with(InstanceResult::Successful)
            .collect::<Vec<_>>(),
        [id]
    );
    assert_eq!(a.error_code, 0);
    assert!(states(&state).iter().all(|s| *s == LifeCycle::InService));
    assert!(!state.scaling_groups[0].activity_running);
    assert_eq!(state.simulation.cooldown_until(GROUP), Some(t0 + 35 + 300));
    assert!(state.simulation.activities.is_empty());
    // The cooldown ends on time; nothing else happens.
    run(&mut state, &mut book, t0 + 335);
    assert!(state.simulation.cooldowns.is_empty());
    assert_eq!(state.scaling_activities.len(), 1);
}

#[test]
fn a_long_jump_records_each_event_at_its_own_time() {
    let (mut state, mut book) = demo(6);
    let t0 = t0();
    run(&mut state, &mut book, t0);
    run(&mut state, &mut book, t0 + 86_400);
    let a = last_activity(&state);
    assert_eq!(a.status, ActivityStatus::Successful);
    assert_eq!(a.started, t0);
    assert_eq!(a.ended, Some(t0 + 35));
    assert_eq!(state.scaling_groups[0].instances.len(), 6);
    assert_eq!(book.time, t0 + 86_400);
}

#[test]
fn a_scale_in_removes_by_the_remove_policy_skipping_protected_instances() {
    let (mut state, mut book) = demo(2);
    state.scaling_groups[0].instances[0].protected_from_scale_in = true;
    let t0 = t0();
    run(&mut state, &mut book, t0 + 5);
    // Oldest first; all were added at the same time, so in list order, the protected one
    // skipped.
    let removing: Vec<&str> = state.scaling_groups[0]
        .instances
        .iter()
        .filter(|m| m.life_cycle == LifeCycle::Terminating)
        .map(|m| m.instance_id.as_str())
        .collect();
    assert_eq!(removing, ["ins-demo0002", "ins-demo0003"]);
    assert_eq!(last_activity(&state).kind, ActivityKind::ScaleIn);
    run(&mut state, &mut book, t0 + 20);
    let a = last_activity(&state);
    assert_eq!(a.status, ActivityStatus::Successful);
    assert_eq!(a.ended, Some(t0 + 20));
    let left: Vec<&str> = state.scaling_groups[0]
        .instances
        .iter()
        .map(|m| m.instance_id.as_str())
        .collect();
    assert_eq!(left, ["ins-demo0001", "ins-demo0004"]);
    // Auto instances removed by a scale-in are released.
    assert!(state.instance("ins-demo0002").is_none());
}

#[test]
fn newest_first_and_manual_instances_stay_in_the_account() {
    let (mut state, mut book) = demo(3);
    state.scaling_groups[0].termination_policy = TerminationPolicy::NewestInstance;
    let t0 = t0();
    run(&mut state, &mut book, t0 + 20);
    // The last in the list goes first: the manual ins-demo0004, kept in the account.
    assert!(!state.scaling_groups[0]
        .instances
        .iter()
        .any(|m| m.instance_id == "ins-demo0004"));
    assert!(state.instance("ins-demo0004").is_some());
}

#[test]
fn an_activity_no_longer_needed_when_it_runs_is_cancelled() {
    let (mut state, mut book) = demo(5);
    let t0 = t0();
    run(&mut state, &mut book, t0);
    state.scaling_groups[0].desired_capacity = Some(4);
    run(&mut state, &mut book, t0 + 5);
    let a = last_activity(&state);
    assert_eq!(a.status, ActivityStatus::Cancelled);
    assert_eq!(state.scaling_groups[0].instances.len(), 4);
    assert!(!state.scaling_groups[0].activity_running);
    // No cooldown after a cancelled activity.
    assert!(state.simulation.cooldowns.is_empty());
}

#[test]
fn groups_without_desired_capacity_inactive_or_busy_are_left_alone() {
    let mut state = State::demo();
    let mut book = Book::new(t0());
    // asg-demo0002 is inactive: even with a desired capacity, nothing starts.
    state.scaling_groups[1].desired_capacity = Some(3);
    run(&mut state, &mut book, t0() + 3600);
    assert!(state.scaling_activities.is_empty());
    // A group marked in an activity by hand starts none.
    state.scaling_groups[0].desired_capacity = Some(5);
    state.scaling_groups[0].activity_running = true;
    run(&mut state, &mut book, t0() + 7200);
    assert!(state.scaling_activities.is_empty());
    // Nor does a group without a launch configuration scale out.
    state.scaling_groups[0].activity_running = false;
    state.scaling_groups[0].scaling_configuration_id = None;
    run(&mut state, &mut book, t0() + 7300);
    assert!(state.scaling_activities.is_empty());
}

#[test]
fn planned_failures_fail_or_partly_fail_a_scale_out() {
    let (mut state, mut book) = demo(5);
    state
        .simulation
        .failures
        .push(crate::state::PlannedFailure {
            scaling_group_id: GROUP.into(),
            failure: crate::state::ActivityFailure::SoldOut,
            launched: 0,
        });
    let t0 = t0();
    run(&mut state, &mut book, t0 + 5);
    let first = state.scaling_activities[0].clone();
    assert_eq!(first.status, ActivityStatus::Failed);
    assert_eq!(first.error_code, 20000);
    assert_eq!(first.ended, Some(t0 + 5));
    // The group still needs an instance: another activity starts at once, and succeeds.
    assert_eq!(state.scaling_activities.len(), 2);
    run(&mut state, &mut book, t0 + 40);
    assert_eq!(
        state.scaling_activities[1].status,
        ActivityStatus::Successful
    );
    assert_eq!(state.scaling_groups[0].instances.len(), 5);

    state.scaling_groups[0].desired_capacity = Some(8);
    state
        .simulation
        .failures
        .push(crate::state::PlannedFailure {
            scaling_group_id: GROUP.into(),
            failure: crate::state::ActivityFailure::Quota,
            launched: 1,
        });
    run(&mut state, &mut book, t0 + 40 + 35);
    let third = &state.scaling_activities[2];
    assert_eq!(third.status, ActivityStatus::PartiallySuccessful);
    assert_eq!(third.error_code, 30000);
    assert_eq!(third.instances_with(InstanceResult::Successful).count(), 1);
}

fn hook(transition: Transition, default_result: HookResult) -> LifecycleHook {
    LifecycleHook {
        id: "lfh-1".into(),
        name: "h".into(),
        transition,
        default_result,
        heartbeat_timeout: 600,
        notify_user_groups: None,
        notification_metadata: None,
        message_target: None,
        scope: Default::default(),
        command: None,
        holds_unbound: false,
        created_time: 0,
    }
}

/// A scheduled action `id` named `name` setting the sizes to `min`..`max` at `start`.
fn action(id: &str, name: &str, min: i64, max: i64, start: u64) -> ScheduledAction {
    ScheduledAction {
        id: id.into(),
        name: name.into(),
        min_size: min,
        max_size: max,
        desired_capacity: None,
        start_time: start,
        end_time: None,
        recurrence: None,
        repetition_off: false,
        keep_desired_capacity: false,
        created_time: 0,
    }
}

#[test]
fn a_launching_hook_holds_until_its_timeout_then_applies_its_default() {
    let (mut state, mut book) = demo(5);
    state.scaling_groups[0]
        .lifecycle_hooks
        .push(hook(Transition::Launching, HookResult::Abandon));
    state.scaling_groups[0].bound_life_cycle_hook_id = Some("lfh-1".into());
    let t0 = t0();
    run(&mut state, &mut book, t0 + 35);
    let run_ = &state.simulation.activities[0];
    assert_eq!(run_.instances[0].step, Step::LaunchHook);
    assert_eq!(run_.instances[0].until, t0 + 35 + 600);
    assert_eq!(states(&state)[4], LifeCycle::Creating);
    // Timed out: abandoned, released; the activity failed; a new one starts (and is held
    // again).
    run(&mut state, &mut book, t0 + 635);
    let a = &state.scaling_activities[0];
    assert_eq!(a.status, ActivityStatus::Failed);
    assert_eq!(a.instances_with(InstanceResult::Failed).count(), 1);
    // The record says why, and how the hook's hold ended.
    assert!(a.instances.iter().any(|i| i.reason.is_some()), "{a:?}");
    let ended = crate::domain::lifecycle::ended_of_activity(&state.lifecycle_actions, &a.id);
    assert_eq!(ended.len(), 1);
    assert_eq!(ended[0].1.result, HookResult::Abandon);
    assert_eq!(
        ended[0].1.reason,
        crate::domain::lifecycle::EndReason::HeartbeatTimeout
    );
    assert_eq!(state.scaling_activities.len(), 2);
}

#[test]
fn a_terminating_hook_holds_the_removal() {
    let (mut state, mut book) = demo(3);
    state.scaling_groups[0]
        .lifecycle_hooks
        .push(hook(Transition::Terminating, HookResult::Continue));
    state.scaling_groups[0].bound_life_cycle_hook_id = Some("lfh-1".into());
    let t0 = t0();
    run(&mut state, &mut book, t0 + 100);
    assert_eq!(
        state.simulation.activities[0].instances[0].step,
        Step::RemoveHook
    );
    assert_eq!(state.scaling_groups[0].instances.len(), 4);
    run(&mut state, &mut book, t0 + 605);
    assert_eq!(
        state.simulation.activities[0].instances[0].step,
        Step::Removing
    );
    run(&mut state, &mut book, t0 + 620);
    assert_eq!(state.scaling_groups[0].instances.len(), 3);
    assert_eq!(
        state.scaling_activities[0].status,
        ActivityStatus::Successful
    );
}

fn cpu_policy(cooldown: u64) -> Policy {
    Policy {
        id: "asp-1".into(),
        name: "cpu".into(),
        created_at: parse_time("2026-01-01 00:00:00").unwrap_or_default(),
        rule: PolicyRule::Simple(SimpleRule {
            adjustment: Adjustment::Change,
            value: 1,
            cooldown_seconds: cooldown,
            alarm: Some(Alarm {
                metric: Metric::CpuUtilization,
                comparison: Comparison::Greater,
                threshold: 80,
                periods: 2,
                period_seconds: None,
                statistic: Statistic::Average,
            }),
        }),
        notify_ids: Vec::new(),
    }
}

#[test]
fn an_alarm_fires_after_repeat_times_periods_and_cooldown_holds_the_next() {
    let mut state = State::demo();
    state.scaling_groups[0].max_size = 10;
    let t0 = t0();
    let mut book = Book::new(t0);
    state.scaling_groups[0]
        .scaling_policies
        .push(cpu_policy(600));
    state.simulation.metrics.push(crate::state::MetricReading {
        scaling_group_id: GROUP.into(),
        dimension_name: Metric::CpuUtilization,
        value: 95.0,
    });
    // t0 is on a period end; the next ends are t0+300 and t0+600: fires at the second.
    run(&mut state, &mut book, t0 + 599);
    assert!(state.scaling_activities.is_empty());
    run(&mut state, &mut book, t0 + 600);
    let a = last_activity(&state);
    assert_eq!(a.started, t0 + 600);
    assert!(a.cause.contains("Alarm policy cpu"), "{a:?}");
    assert_eq!(state.scaling_groups[0].desired_capacity, Some(5));
    // Done at +635, cooling down for the policy's 600 s: at +1200 it fires again, refused.
    run(&mut state, &mut book, t0 + 1200);
    assert_eq!(state.simulation.cooldown_until(GROUP), Some(t0 + 635 + 600));
    let refused = last_activity(&state);
    assert_eq!(refused.status, ActivityStatus::Failed);
    assert_eq!(refused.error_code, 40001);
    assert_eq!(state.scaling_groups[0].desired_capacity, Some(5));
    // After the cooldown it applies again.
    run(&mut state, &mut book, t0 + 1800);
    assert_eq!(state.scaling_groups[0].desired_capacity, Some(6));
}

#[test]
fn a_value_below_the_threshold_breaks_the_count() {
    let mut state = State::demo();
    let t0 = t0();
    let mut book = Book::new(t0);
    state.scaling_groups[0].scaling_policies.push(cpu_policy(0));
    state.simulation.metrics.push(crate::state::MetricReading {
        scaling_group_id: GROUP.into(),
        dimension_name: Metric::CpuUtilization,
        value: 95.0,
    });
    run(&mut state, &mut book, t0 + 300);
    state.simulation.metrics[0].value = 10.0;
    run(&mut state, &mut book, t0 + 600);
    state.simulation.metrics[0].value = 95.0;
    run(&mut state, &mut book, t0 + 900);
    assert!(state.scaling_activities.is_empty());
    run(&mut state, &mut book, t0 + 1200);
    assert_eq!(state.scaling_activities.len(), 1);
    // A disabled group's policies are not evaluated.
    state.scaling_groups[0].enabled = false;
    run(&mut state, &mut book, t0 + 10_000);
    assert_eq!(state.scaling_activities.len(), 1);
}

#[test]
fn a_scheduled_task_runs_at_its_start_and_recurrence() {
    let mut state = State::demo();
    let t0 = t0();
    let mut book = Book::new(t0);
    let mut task = action("asst-1", "daily", 2, 5, t0 + 8 * 3600);
    task.desired_capacity = Some(5);
    task.end_time = parse_time("2026-06-03 09:00:00");
    task.recurrence = Some("0 9 * * *".into());
    state.scaling_groups[0].scheduled_actions.push(task);
    run(&mut state, &mut book, t0 + 8 * 3600 - 1);
    assert!(state.scaling_activities.is_empty());
    run(&mut state, &mut book, t0 + 8 * 3600);
    let group = &state.scaling_groups[0];
    assert_eq!((group.min_size, group.max_size), (2, 5));
    assert_eq!(group.desired_capacity, Some(5));
    let a = last_activity(&state);
    assert!(a.cause.contains("Scheduled task daily"), "{a:?}");
    // Then at 9:00 each day: set the group back by hand to see each run.
    for day in 0..3 {
        state.scaling_groups[0].min_size = 1;
        let nine = t0 + day * 86_400 + 9 * 3600;
        run(&mut state, &mut book, nine - 1);
        assert_eq!(state.scaling_groups[0].min_size, 1, "day {day}");
        run(&mut state, &mut book, nine);
        assert_eq!(state.scaling_groups[0].min_size, 2, "day {day}");
    }
    // Past its end time it runs no more.
    state.scaling_groups[0].min_size = 1;
    run(&mut state, &mut book, t0 + 10 * 86_400);
    assert_eq!(state.scaling_groups[0].min_size, 1);
}

#[test]
fn a_disabled_group_skips_its_tasks() {
    let mut state = State::demo();
    let t0 = t0();
    let mut book = Book::new(t0);
    state.scaling_groups[1]
        .scheduled_actions
        .push(action("asst-2", "once", 3, 3, t0 + 60));
    run(&mut state, &mut book, t0 + 120);
    assert_eq!(state.scaling_groups[1].min_size, 0);
}

#[test]
fn setting_the_clock_back_reschedules_tasks() {
    let mut state = State::demo();
    let t0 = t0();
    let mut book = Book::new(t0);
    state.scaling_groups[0]
        .scheduled_actions
        .push(action("asst-3", "once", 2, 5, t0 + 60));
    run(&mut state, &mut book, t0 + 120);
    assert_eq!(state.scaling_groups[0].min_size, 2);
    state.scaling_groups[0].min_size = 1;
    // Back before the start: it runs again when its time comes.
    run(&mut state, &mut book, t0);
    assert_eq!(book.time, t0);
    run(&mut state, &mut book, t0 + 60);
    assert_eq!(state.scaling_groups[0].min_size, 2);
}
