//! Activities in progress: when each needs attention next, and moving it along the virtual
//! clock: leaving init (launching or marking the instances it removes), the steps of its
//! instances (held by the group's bound lifecycle hook on the way) and its end, with the
//! record's final status and the group's cooldown.

use super::{new_instance_id, removable, size, target};
use crate::domain::activity::{ActivityInstance, InstanceResult};
use crate::domain::lifecycle;
use crate::domain::model::HookResult;
use crate::domain::model::{ActivityStatus, HookTransition};
use crate::domain::{Creation, LifeCycle};
use crate::state::{
    ActivityFailure, ActivityRun, Direction, GroupInstance, Instance, InstanceStep, State, Step,
};
use std::collections::HashSet;

/// When the run needs attention next: leaving init, the end of an instance's step, or now
/// (`at`) for a running activity with nothing left to do.
pub(in crate::sim) fn next_due(run: &ActivityRun, at: u64) -> Option<u64> {
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
pub(in crate::sim) fn advance(state: &mut State, t: u64) {
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

/// Notes on the record of activity `run` that instance `id` failed, and why.
fn note_failure(state: &mut State, run: &ActivityRun, id: &str, reason: &str) {
    if let Some(record) = state.activity_mut(&run.scaling_activity_id) {
        let failed = ActivityInstance {
            instance_id: id.to_owned(),
            result: InstanceResult::Failed,
            reason: Some(reason.to_owned()),
        };
        match record.instances.iter_mut().find(|i| i.instance_id == id) {
            Some(listed) => *listed = failed,
            None => record.instances.push(failed),
        }
    }
}

fn group_index(state: &State, id: &str) -> Option<usize> {
    state.scaling_groups.iter().position(|g| g.id == id)
}

/// The hold of `instance`, which activity `activity` of group `g` handles, by the group's hook
/// for `transition` ([`holding`](crate::domain::hooks::holding): the bound one, else the first created through API
/// 3.0), if one holds: a pending lifecycle action with its token ([`lifecycle::begin`]).
/// Its hook, when it times out (or ended, by the hook's command), its result so far, and
/// whether it ended.
fn hold(
    state: &mut State,
    g: usize,
    transition: HookTransition,
    instance: &str,
    activity: &str,
    t: u64,
) -> Option<(String, u64, HookResult, bool)> {
    let group = state.scaling_groups[g].id.clone();
    let hold = lifecycle::begin(state, &group, transition, instance, activity, t)?;
    Some((hold.hook_id, hold.until, hold.result, hold.ended))
}

/// The activity leaves init: it is recorded as running and, for the size the group needs now
/// (its desired capacity may have changed meanwhile), launches instances (`Creating`, taking
/// a planned failure of the group if there is one) or marks those it removes (`Removing`, or
/// held by a terminating hook). When the group needs nothing any more, it does nothing and
/// will end cancelled.
fn begin(state: &mut State, run: &mut ActivityRun, t: u64) {
    run.running = true;
    if let Some(record) = state.activity_mut(&run.scaling_activity_id) {
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
                    scaling_configuration_id: configuration.clone(),
                    ..GroupInstance::new(id.clone(), Creation::Auto)
                        .life_cycle(LifeCycle::Creating)
                        .added_at(t)
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
                let activity = run.scaling_activity_id.clone();
                let step = match hold(state, g, HookTransition::Terminating, &id, &activity, t) {
                    Some((hook, until, result, ended)) => InstanceStep {
                        instance_id: id.clone(),
                        step: Step::RemoveHook,
                        until,
                        life_cycle_hook_id: Some(hook),
                        result: Some(result),
                        completed: ended,
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
                    member.life_cycle = LifeCycle::Terminating;
                }
                run.instances.push(step);
            }
        }
        // The member commands' runs start running at once (`super::members`).
        Direction::EnterStandby | Direction::ExitStandby | Direction::Start | Direction::Stop => {}
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
    if member.creation == Creation::Auto {
        state.instances.retain(|i| i.instance_id != id);
    }
}

fn set_state(state: &mut State, g: usize, id: &str, to: LifeCycle) {
    if let Some(member) = state.scaling_groups[g]
        .instances
        .iter_mut()
        .find(|m| m.instance_id == id)
    {
        member.life_cycle = to;
    }
}

/// The hold of a hook step ends at `t`: its lifecycle action, if still pending, timed out.
/// The action is the record of how the hold ended (the activity shows it from there).
fn hold_over(state: &mut State, step: &InstanceStep, t: u64) {
    if let Some(hook) = &step.life_cycle_hook_id {
        let result = step.result.unwrap_or(HookResult::Continue);
        lifecycle::hold_over(state, hook, &step.instance_id, result, t);
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
                note_failure(state, run, &id, "it left the group while the activity ran");
                run.failed.push(id);
                break;
            }
            match step.step {
                Step::Launching => match hold(
                    state,
                    g,
                    HookTransition::Launching,
                    &id,
                    &run.scaling_activity_id,
                    t,
                ) {
                    Some((hook, until, result, ended)) => {
                        step.step = Step::LaunchHook;
                        step.until = until;
                        step.life_cycle_hook_id = Some(hook);
                        step.result = Some(result);
                        step.completed = ended;
                    }
                    None => {
                        set_state(state, g, &id, LifeCycle::InService);
                        run.succeeded.push(id);
                        break;
                    }
                },
                Step::LaunchHook => {
                    hold_over(state, &step, t);
                    if step.result == Some(HookResult::Abandon) {
                        remove_member(state, g, &id);
                        note_failure(
                            state,
                            run,
                            &id,
                            "a launching lifecycle hook abandoned it: released",
                        );
                        run.failed.push(id);
                    } else {
                        set_state(state, g, &id, LifeCycle::InService);
                        run.succeeded.push(id);
                    }
                    break;
                }
                Step::RemoveHook => {
                    hold_over(state, &step, t);
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
                // The member's pause changed when the command ran; its step only takes time.
                Step::EnteringStandby | Step::ExitingStandby | Step::Starting | Step::Stopping => {
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
        _ => crate::domain::Activity::outcome(succeeded, failed),
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
    if let Some(record) = state.activity_mut(&run.scaling_activity_id) {
        record.status = status;
        record.ended = Some(t);
        record.error_code = error_code;
        record.message = msg;
        settle(&mut record.instances, &run);
    }
    if let Some(g) = group_index(state, &run.scaling_group_id) {
        state.scaling_groups[g].activity_running = false;
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

/// The instances of an ended run, each with its result, on its record: those it lists as
/// under way (the member commands' list theirs from the start) succeeded unless the run says
/// they failed; the run's others are added, successes first (failures noted on the way are
/// listed already, with their reason).
fn settle(instances: &mut Vec<ActivityInstance>, run: &ActivityRun) {
    let failed: HashSet<&str> = run.failed.iter().map(String::as_str).collect();
    let mut listed = HashSet::new();
    for i in instances.iter_mut() {
        listed.insert(i.instance_id.clone());
        if i.result == InstanceResult::Running {
            i.result = if failed.contains(i.instance_id.as_str()) {
                InstanceResult::Failed
            } else {
                InstanceResult::Successful
            };
        }
    }
    let missing = |ids: &[String], result| {
        ids.iter()
            .filter(|id| !listed.contains(*id))
            .map(move |id| ActivityInstance {
                instance_id: id.clone(),
                result,
                reason: None,
            })
            .collect::<Vec<_>>()
    };
    let succeeded = missing(&run.succeeded, InstanceResult::Successful);
    let failed = missing(&run.failed, InstanceResult::Failed);
    instances.splice(0..0, succeeded);
    instances.extend(failed);
}
