//! Scaling activities: one starts when an active group's size differs from its desired
//! capacity, and runs through its states (`0` init → `1` running → `2` success, `3` partial
//! success, `4` failed or `5` cancelled) while the instances it launches or removes go through
//! theirs, held on the way by the group's bound lifecycle hook.

use super::Book;
use crate::state::{
    ActivityFailure, ActivityRun, Direction, GroupInstance, GroupStatus, Instance, InstanceStep,
    ScalingGroup, State, Step,
};
use crate::util::{format_time, random_id};
use qcloud_as::types::{
    ActivityStatus, ActivityType, CreationType, HookResult, LifeCycleState, RemovePolicy,
    ScalingActivity, ScalingActivityRequired, Transition,
};

/// The size a group is kept at, when it has a desired capacity: that capacity, within
/// `[minSize, maxSize]`.
pub(super) fn target(group: &ScalingGroup) -> Option<i64> {
    group
        .desired_capacity
        .map(|d| d.min(group.max_size).max(group.min_size))
}

fn size(group: &ScalingGroup) -> i64 {
    i64::try_from(group.instances.len()).unwrap_or(i64::MAX)
}

fn activity_type(direction: Direction) -> ActivityType {
    match direction {
        Direction::ScaleOut => ActivityType::ScaleOut,
        Direction::ScaleIn => ActivityType::ScaleIn,
    }
}

/// An activity id no recorded activity has; `None` when the system has no randomness (the
/// activity is then not started, and is tried again at the next step).
fn new_activity_id(state: &State) -> Option<String> {
    loop {
        let id = random_id("asa").ok()?;
        if !state
            .scaling_activities
            .iter()
            .any(|a| a.scaling_activity_id == id)
        {
            return Some(id);
        }
    }
}

/// An instance id no instance of the account has.
fn new_instance_id(state: &State) -> Option<String> {
    loop {
        let id = random_id("ins").ok()?;
        if state.instance(&id).is_none() {
            return Some(id);
        }
    }
}

/// Whether the group's launch configuration exists (a group without one launches nothing).
fn can_launch(state: &State, group: &ScalingGroup) -> bool {
    group.scaling_configuration_id.as_ref().is_some_and(|id| {
        state
            .scaling_configurations
            .iter()
            .any(|c| &c.scaling_configuration_id == id)
    })
}

/// The instances a scale-in of the group would remove, `n` at most, in the order its remove
/// policy gives: in service and not protected from scale-in, oldest (or newest) `addTime`
/// first, ties in list order (newest first: the later one first).
fn removable(group: &ScalingGroup, n: usize) -> Vec<String> {
    let mut candidates: Vec<(usize, &GroupInstance)> = group
        .instances
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            !m.protected_from_scale_in && m.life_cycle_state == LifeCycleState::InService
        })
        .collect();
    candidates.sort_by(|a, b| a.1.add_time.cmp(&b.1.add_time).then(a.0.cmp(&b.0)));
    if group.remove_policy == RemovePolicy::RemoveNewestInstance {
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
        if group.status != GroupStatus::Active || group.in_scaling_activity {
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
        let trigger = book.triggers.remove(&group.scaling_group_id);
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
        Direction::ScaleIn => format!(
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
    group.in_scaling_activity = true;
    let group_id = group.scaling_group_id.clone();
    state.scaling_activities.push(
        ScalingActivity::new(ScalingActivityRequired {
            scaling_activity_id: id.clone(),
            auto_scaling_group_id: group_id.clone(),
            activity_type: activity_type(direction),
            status: ActivityStatus::Init,
            start_time: format_time(t),
        })
        .cause(cause),
    );
    state.simulation.activities.push(ActivityRun {
        scaling_activity_id: id,
        scaling_group_id: group_id,
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
    let mut record = ScalingActivity::new(ScalingActivityRequired {
        scaling_activity_id: id,
        auto_scaling_group_id: group_id.to_owned(),
        activity_type: activity_type(direction),
        status: ActivityStatus::Failed,
        start_time: format_time(t),
    })
    .cause(cause)
    .end_time(format_time(t))
    .error_code(error_code);
    record.succ_ins_list = Some(Vec::new());
    record.fail_ins_list = Some(Vec::new());
    state.scaling_activities.push(record);
}

/// When the run needs attention next: leaving init, the end of an instance's step, or now
/// (`at`) for a running activity with nothing left to do.
pub(super) fn next_due(run: &ActivityRun, at: u64) -> Option<u64> {
    if !run.running {
        return Some(run.running_at);
    }
    if run.instances.is_empty() {
        return Some(at);
    }
    run.instances.iter().map(|s| s.until).min()
}

/// Moves every activity in progress along to `t`: activities whose init ended run, instance
/// steps that ended go to their next step, and activities with nothing left end.
pub(super) fn advance(state: &mut State, t: u64) {
    let runs = std::mem::take(&mut state.simulation.activities);
    let mut kept = Vec::with_capacity(runs.len());
    for mut run in runs {
        if !run.running && run.running_at <= t {
            begin(state, &mut run, t);
        }
        if run.running {
            step_instances(state, &mut run, t);
        }
        if run.running && run.instances.is_empty() {
            finish(state, run, t);
        } else {
            kept.push(run);
        }
    }
    kept.append(&mut state.simulation.activities);
    state.simulation.activities = kept;
}

fn record_mut<'a>(state: &'a mut State, id: &str) -> Option<&'a mut ScalingActivity> {
    state
        .scaling_activities
        .iter_mut()
        .find(|a| a.scaling_activity_id == id)
}

fn group_index(state: &State, id: &str) -> Option<usize> {
    state
        .scaling_groups
        .iter()
        .position(|g| g.scaling_group_id == id)
}

/// The hold of the group's bound hook for `transition`, if one is bound: its id, when it times
/// out, and its default result.
fn hold(
    state: &State,
    g: usize,
    transition: &Transition,
    t: u64,
) -> Option<(String, u64, HookResult)> {
    let group = &state.scaling_groups[g];
    let bound = group.bound_life_cycle_hook_id.as_ref()?;
    let hook = group
        .life_cycle_hooks
        .iter()
        .find(|h| &h.life_cycle_hook_id == bound)?;
    (&hook.transition == transition).then(|| {
        let timeout = u64::try_from(hook.life_cycle_hook_timeout).unwrap_or(0);
        (
            hook.life_cycle_hook_id.clone(),
            t.saturating_add(timeout),
            hook.default_result.clone(),
        )
    })
}

/// The activity leaves init: it is recorded as running and, for the size the group needs now
/// (its desired capacity may have changed meanwhile), launches instances (`Creating`, taking
/// a planned failure of the group if there is one) or marks those it removes (`Removing`, or
/// held by a terminating hook). When the group needs nothing any more, it does nothing and
/// will end cancelled.
fn begin(state: &mut State, run: &mut ActivityRun, t: u64) {
    run.running = true;
    if let Some(record) = record_mut(state, &run.scaling_activity_id) {
        record.status = ActivityStatus::Running;
    }
    let Some(g) = group_index(state, &run.scaling_group_id) else {
        return;
    };
    let group = &state.scaling_groups[g];
    let Some(target) = target(group) else {
        return;
    };
    let size = size(group);
    let timing = state.simulation.timing;
    match run.direction {
        Direction::ScaleOut => {
            let need = u32::try_from(target - size).unwrap_or(0);
            if need == 0 {
                return;
            }
            let planned = state
                .simulation
                .failures
                .iter()
                .position(|f| f.scaling_group_id == run.scaling_group_id)
                .map(|i| state.simulation.failures.remove(i));
            let launched = planned.as_ref().map_or(need, |p| p.launched.min(need));
            // A failure planned after more launches than needed does not happen.
            run.failure = planned.filter(|_| launched < need).map(|p| p.failure);
            run.failed_launches = need - launched;
            let configuration = state.scaling_groups[g].scaling_configuration_id.clone();
            for _ in 0..launched {
                let Some(id) = new_instance_id(state) else {
                    run.failed_launches += 1;
                    continue;
                };
                state.instances.push(Instance {
                    instance_id: id.clone(),
                    state: "Running".to_owned(),
                });
                state.scaling_groups[g].instances.push(GroupInstance {
                    life_cycle_state: LifeCycleState::Creating,
                    scaling_configuration_id: configuration.clone(),
                    add_time: Some(format_time(t)),
                    ..GroupInstance::new(id.clone(), CreationType::Auto)
                });
                run.instances.push(InstanceStep {
                    instance_id: id,
                    step: Step::Launching,
                    until: t.saturating_add(timing.instance_launch_seconds),
                    life_cycle_hook_id: None,
                    result: None,
                    completed: false,
                });
            }
        }
        Direction::ScaleIn => {
            let need = usize::try_from(size - target).unwrap_or(0);
            for id in removable(group, need) {
                let step = match hold(state, g, &Transition::Terminating, t) {
                    Some((hook, until, default)) => InstanceStep {
                        instance_id: id.clone(),
                        step: Step::RemoveHook,
                        until,
                        life_cycle_hook_id: Some(hook),
                        result: Some(default),
                        completed: false,
                    },
                    None => InstanceStep {
                        instance_id: id.clone(),
                        step: Step::Removing,
                        until: t.saturating_add(timing.instance_remove_seconds),
                        life_cycle_hook_id: None,
                        result: None,
                        completed: false,
                    },
                };
                if let Some(member) = state.scaling_groups[g]
                    .instances
                    .iter_mut()
                    .find(|m| m.instance_id == id)
                {
                    member.life_cycle_state = LifeCycleState::Removing;
                }
                run.instances.push(step);
            }
        }
    }
}

/// Takes an instance out of its group; an `Auto` one is released (gone from the account), a
/// `Manual` one stays in the account.
fn remove_member(state: &mut State, g: usize, id: &str) {
    let group = &mut state.scaling_groups[g];
    let Some(index) = group.instances.iter().position(|m| m.instance_id == id) else {
        return;
    };
    let member = group.instances.remove(index);
    if member.creation_type == CreationType::Auto {
        state.instances.retain(|i| i.instance_id != id);
    }
}

fn set_state(state: &mut State, g: usize, id: &str, to: LifeCycleState) {
    if let Some(member) = state.scaling_groups[g]
        .instances
        .iter_mut()
        .find(|m| m.instance_id == id)
    {
        member.life_cycle_state = to;
    }
}

/// Ends the steps of the run's instances that are due at `t`, as many times as they fall due
/// (a step of 0 seconds ends at once).
fn step_instances(state: &mut State, run: &mut ActivityRun, t: u64) {
    let Some(g) = group_index(state, &run.scaling_group_id) else {
        run.instances.clear();
        return;
    };
    let timing = state.simulation.timing;
    let steps = std::mem::take(&mut run.instances);
    for mut step in steps {
        loop {
            if step.until > t {
                run.instances.push(step);
                break;
            }
            let id = step.instance_id.clone();
            let present = state.scaling_groups[g]
                .instances
                .iter()
                .any(|m| m.instance_id == id);
            if !present {
                // Gone meanwhile (a state replaced by hand): the instance counts as failed.
                run.failed.push(id);
                break;
            }
            match step.step {
                Step::Launching => match hold(state, g, &Transition::Launching, t) {
                    Some((hook, until, default)) => {
                        step.step = Step::LaunchHook;
                        step.until = until;
                        step.life_cycle_hook_id = Some(hook);
                        step.result = Some(default);
                    }
                    None => {
                        set_state(state, g, &id, LifeCycleState::InService);
                        run.succeeded.push(id);
                        break;
                    }
                },
                Step::LaunchHook => {
                    if step.result == Some(HookResult::Abandon) {
                        remove_member(state, g, &id);
                        run.failed.push(id);
                    } else {
                        set_state(state, g, &id, LifeCycleState::InService);
                        run.succeeded.push(id);
                    }
                    break;
                }
                Step::RemoveHook => {
                    // Continue or abandon, a terminating instance is removed.
                    step.step = Step::Removing;
                    step.until = t.saturating_add(timing.instance_remove_seconds);
                    step.life_cycle_hook_id = None;
                    step.result = None;
                    step.completed = false;
                }
                Step::Removing => {
                    remove_member(state, g, &id);
                    run.succeeded.push(id);
                    break;
                }
            }
        }
    }
}

/// Ends an activity at `t`: its record gets its final status (cancelled when it did nothing;
/// failed when every launch failed; partial success when some did; success otherwise), end
/// time, instance lists and error code; the group leaves its activity and, unless it was
/// cancelled, starts its cooldown.
fn finish(state: &mut State, run: ActivityRun, t: u64) {
    let failed = run.failed.len() + usize::try_from(run.failed_launches).unwrap_or(usize::MAX);
    let succeeded = run.succeeded.len();
    let status = match (succeeded, failed) {
        (0, 0) => ActivityStatus::Cancelled,
        (0, _) => ActivityStatus::Failed,
        (_, 0) => ActivityStatus::Success,
        _ => ActivityStatus::PartialSuccess,
    };
    let msg = match (&status, run.failure) {
        (ActivityStatus::Cancelled, _) => Some(
            "cancelled: the group already had its desired capacity when the activity ran"
                .to_owned(),
        ),
        (_, Some(failure)) => Some(format!(
            "{} of the instances could not be launched: {}",
            run.failed_launches,
            failure.describe()
        )),
        _ if !run.failed.is_empty() => Some(format!(
            "{} launched instance(s) were abandoned by a lifecycle hook and released",
            run.failed.len()
        )),
        _ => None,
    };
    let error_code = run.failure.map_or(0, ActivityFailure::code);
    let cancelled = status == ActivityStatus::Cancelled;
    if let Some(record) = record_mut(state, &run.scaling_activity_id) {
        record.status = status;
        record.end_time = Some(format_time(t));
        record.error_code = Some(error_code);
        record.succ_ins_list = Some(run.succeeded);
        record.fail_ins_list = Some(run.failed);
        record.msg = msg;
    }
    if let Some(g) = group_index(state, &run.scaling_group_id) {
        state.scaling_groups[g].in_scaling_activity = false;
    }
    if !cancelled && run.cooldown_seconds > 0 {
        let until = t.saturating_add(run.cooldown_seconds);
        let cooldowns = &mut state.simulation.cooldowns;
        match cooldowns
            .iter_mut()
            .find(|c| c.scaling_group_id == run.scaling_group_id)
        {
            Some(c) => c.until = until,
            None => cooldowns.push(crate::state::Cooldown {
                scaling_group_id: run.scaling_group_id,
                until,
            }),
        }
    }
}
