//! Refreshes over the virtual clock: leaving `Init`, each batch's start and end, the pause,
//! cancel or rollback a failed batch leads to, and the end.

use super::control::{close, end};
use super::{
    BatchPause, FailProcess, Refresh, RefreshBatch, RefreshKind, RefreshMode, RefreshSettings,
    RefreshStore, StepStatus,
};
use crate::domain::ids::{self, IdKind};
use crate::domain::model::{ActivityKind, LifeCycle, NewActivity, RefreshStatus};
use std::collections::HashSet;

/// The earliest time a refresh needs the clock.
pub fn next_due(refreshes: &[Refresh]) -> Option<u64> {
    refreshes.iter().filter_map(|r| r.due).min()
}

/// Moves every refresh due at or before `t` one step along, at `t`: out of `Init` (the surge
/// instances join, the first batch starts), or the end of its running batch and what follows
/// it. A step whose next is due at `t` again is taken by the next call (the simulation calls
/// until nothing is due).
pub fn advance(store: &mut impl RefreshStore, t: u64) {
    let due: Vec<usize> = store
        .refreshes()
        .iter()
        .enumerate()
        .filter(|(_, r)| r.due.is_some_and(|d| d <= t))
        .map(|(i, _)| i)
        .collect();
    for i in due {
        step(store, i, t);
    }
}

fn step(store: &mut impl RefreshStore, i: usize, t: u64) {
    let refresh = &store.refreshes()[i];
    if refresh.running_batch().is_some() {
        finish_batch(store, i, t);
        after_batch(store, i, t);
        return;
    }
    if refresh.current_batch == 0 && refresh.started.is_none() {
        begin(store, i, t);
    }
    next_batch(store, i, t);
}

/// Leaves `Init`: started at `t`, `Running`, and the surge instances launched.
fn begin(store: &mut impl RefreshStore, i: usize, t: u64) {
    let (group, surge) = {
        let r = &mut store.refreshes_mut()[i];
        r.started = Some(t);
        r.status = RefreshStatus::Running;
        (r.group_id.clone(), r.settings.max_surge)
    };
    let configuration = store.group_configuration(&group);
    let mut launched = Vec::new();
    for _ in 0..surge {
        if let Ok(id) = store.launch_member(&group, configuration.clone(), t) {
            launched.push(id);
        }
    }
    store.refreshes_mut()[i].surge = launched;
}

/// The members of `group` in service (none when it is gone), read before the store changes.
fn in_service(store: &impl RefreshStore, group: &str) -> HashSet<String> {
    store
        .group(group)
        .map(|g| {
            g.instances
                .iter()
                .filter(|m| m.state() == LifeCycle::InService)
                .map(|m| m.instance_id.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// Starts the batch after the current one at `t`, or ends the refresh successful when none
/// is left. Instances no longer in service in the group are `NotFound`.
fn next_batch(store: &mut impl RefreshStore, i: usize, t: u64) {
    let (_, batch_seconds) = store.refresh_timing();
    let group = store.refreshes()[i].group_id.clone();
    let serving = in_service(store, &group);
    let r = &mut store.refreshes_mut()[i];
    r.status = RefreshStatus::Running;
    let Some(batch) = r.batches.get_mut(r.current_batch) else {
        r.status = RefreshStatus::Successful;
        let surge = close(r, t);
        end(store, i, surge, true);
        return;
    };
    r.current_batch += 1;
    batch.status = StepStatus::Running;
    batch.started = Some(t);
    for instance in &mut batch.instances {
        if serving.contains(&instance.instance_id) {
            instance.status = StepStatus::Running;
            instance.message = "refreshing".to_owned();
        } else {
            instance.status = StepStatus::NotFound;
            instance.message = "no longer in service in the group".to_owned();
        }
    }
    r.due = Some(t.saturating_add(batch_seconds));
}

/// Ends the running batch at `t`: each of its running instances is refreshed (or fails, by the
/// group's planned failure), and a scaling activity of kind `Refresh` records them.
fn finish_batch(store: &mut impl RefreshStore, i: usize, t: u64) {
    let (group, mode, number) = {
        let r = &store.refreshes()[i];
        (r.group_id.clone(), r.mode, r.current_batch)
    };
    let Some(mut batch) = store.refreshes()[i]
        .batches
        .get(number.saturating_sub(1))
        .cloned()
    else {
        return;
    };
    let activity = ids::fresh(IdKind::Activity, |id| store.activity_id_taken(id)).ok();
    let failure = store.take_batch_failure(&group);
    let serving = in_service(store, &group);
    let (mut succeeded, mut failed) = (Vec::new(), Vec::new());
    for instance in batch
        .instances
        .iter_mut()
        .filter(|x| x.status == StepStatus::Running)
    {
        instance.activity.clone_from(&activity);
        let id = instance.instance_id.clone();
        if !serving.contains(&id) {
            instance.status = StepStatus::NotFound;
            instance.message = "left the group during the refresh".to_owned();
            continue;
        }
        if let Some(f) = failure.as_ref().filter(|f| succeeded.len() >= f.succeeding) {
            instance.status = StepStatus::Failed;
            instance.message = format!("refresh failed: {}", f.reason);
            failed.push(id);
            continue;
        }
        let previous = store.member_configuration(&group, &id);
        let done = match mode {
            RefreshMode::Reset => {
                store.set_member_configuration(&group, &id, instance.target.clone());
                Ok(format!(
                    "reinstalled from launch configuration {}",
                    instance.target.as_deref().unwrap_or("(none)")
                ))
            }
            RefreshMode::Replace => store
                .replace_member(&group, &id, instance.target.clone(), t)
                .map(|new| {
                    instance.replaced_by = Some(new.clone());
                    format!("replaced by {new}")
                }),
        };
        match done {
            Ok(message) => {
                instance.status = StepStatus::Successful;
                instance.previous = previous;
                instance.message = message;
                succeeded.push(id);
            }
            Err(e) => {
                instance.status = StepStatus::Failed;
                instance.message = format!("refresh failed: {e}");
                failed.push(id);
            }
        }
    }
    batch.status = batch_status(&batch);
    batch.ended = Some(t);
    let refresh_id = store.refreshes()[i].refresh_id.clone();
    if let Some(activity) = activity {
        if !(succeeded.is_empty() && failed.is_empty()) {
            store.record_activity(
                NewActivity {
                    id: activity,
                    group: group.clone(),
                    kind: ActivityKind::Refresh,
                    cause: format!("instance refresh {refresh_id}, batch {number}"),
                    succeeded,
                    failed,
                },
                t,
            );
        }
    }
    if let Some(slot) = store.refreshes_mut()[i]
        .batches
        .get_mut(number.saturating_sub(1))
    {
        *slot = batch;
    }
}

/// A finished batch's status from its instances' (those not found count neither way).
fn batch_status(batch: &RefreshBatch) -> StepStatus {
    let count = |s: StepStatus| batch.instances.iter().filter(|i| i.status == s).count();
    match (count(StepStatus::Successful), count(StepStatus::Failed)) {
        (_, 0) => StepStatus::Successful,
        (0, _) => StepStatus::Failed,
        _ => StepStatus::PartiallySuccessful,
    }
}

/// What follows a finished batch: its fail process when it failed, else a stop's pause, the
/// end, the batch-pause setting's pause, or the next batch.
fn after_batch(store: &mut impl RefreshStore, i: usize, t: u64) {
    let r = &store.refreshes()[i];
    let failed = r
        .batches
        .get(r.current_batch.saturating_sub(1))
        .is_some_and(|b| b.instances.iter().any(|x| x.status == StepStatus::Failed));
    let last = r.current_batch >= r.batches.len();
    if failed {
        match r.settings.fail_process {
            FailProcess::Pause => pause(store, i, RefreshStatus::FailedPause),
            FailProcess::Cancel => {
                let surge = super::control::drop_rest(&mut store.refreshes_mut()[i], t);
                end(store, i, surge, true);
            }
            FailProcess::Rollback => roll_back_after_failure(store, i, t),
        }
        return;
    }
    let pause_here = match r.settings.batch_pause {
        BatchPause::Automatic => false,
        BatchPause::FirstBatch => r.current_batch == 1,
        BatchPause::EveryBatch => true,
    };
    if r.status == RefreshStatus::ManualPause && !last {
        pause(store, i, RefreshStatus::ManualPause);
    } else if pause_here && !last {
        pause(store, i, RefreshStatus::AutoPause);
    } else {
        next_batch(store, i, t);
    }
}

fn pause(store: &mut impl RefreshStore, i: usize, status: RefreshStatus) {
    let r = &mut store.refreshes_mut()[i];
    r.status = status;
    r.due = None;
}

/// `AUTO_ROLLBACK` after a failed batch: the refresh ends `Failed` (its waiting batches
/// dropped) and, if it refreshed any instance still in service, a rollback of them starts at
/// once, one instance per batch; the group stays disabled until that ends.
fn roll_back_after_failure(store: &mut impl RefreshStore, i: usize, t: u64) {
    let origin = store.refreshes()[i].clone();
    let group = store.group(&origin.group_id);
    let targets = match (&group, origin.kind) {
        (Some(g), RefreshKind::Normal) if origin.mode == RefreshMode::Reset => {
            super::rollback_targets(&origin, g)
        }
        _ => Vec::new(),
    };
    let mut settings = RefreshSettings::new(u64::try_from(targets.len()).unwrap_or(1));
    settings.check_target_health = origin.settings.check_target_health;
    settings.check_target_health_timeout = origin.settings.check_target_health_timeout;
    let planned = match &group {
        Some(g) if !targets.is_empty() => super::plan(
            store,
            g,
            RefreshKind::Rollback,
            RefreshMode::Reset,
            settings,
            targets,
            Some(origin.refresh_id.clone()),
            t,
        )
        .ok(),
        _ => None,
    };
    let surge = {
        let r = &mut store.refreshes_mut()[i];
        let surge = super::control::drop_rest(r, t);
        r.status = RefreshStatus::Failed;
        surge
    };
    match planned {
        Some(mut rollback) => {
            rollback.group_was_enabled = origin.group_was_enabled;
            end(store, i, surge, false);
            store.refreshes_mut().push(rollback);
        }
        None => end(store, i, surge, true),
    }
}
