//! The commands that move a refresh between its statuses by hand: stop (pause), resume,
//! cancel; and how a refresh ends.

use super::{find, Refresh, RefreshStore, StepStatus};
use crate::domain::error::DomainError;
use crate::domain::model::RefreshStatus;

/// What a resume does with the current batch's failed instances.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResumeMode {
    /// Refresh them again.
    Retry,
    /// Skip them and go on with the next batch.
    Continue,
}

/// One of each refusal [`stop`], [`resume`] and [`cancel`] can answer.
pub fn refusals() -> Vec<DomainError> {
    let (g, r) = ("asg-x".to_owned(), "asr-x".to_owned());
    vec![
        DomainError::GroupNotFound { group: g.clone() },
        DomainError::RefreshNotFound {
            refresh: r.clone(),
            group: g,
        },
        DomainError::RefreshStatusConflict {
            refresh: r,
            status: RefreshStatus::Successful,
            command: "paused",
        },
    ]
}

fn conflict(refresh: &Refresh, command: &'static str) -> DomainError {
    DomainError::RefreshStatusConflict {
        refresh: refresh.refresh_id.clone(),
        status: refresh.status,
        command,
    }
}

/// StopInstanceRefresh: pauses refresh `id` of `group` (`GroupNotFound`, `RefreshNotFound`),
/// which must be `Init` or `Running` (`RefreshStatusConflict`). It becomes `ManualPause`: a
/// batch under way finishes, the next does not start.
pub fn stop(
    store: &mut impl RefreshStore,
    group: &str,
    id: &str,
    _now: u64,
) -> Result<(), DomainError> {
    let i = find(store, group, id)?;
    let refresh = &mut store.refreshes_mut()[i];
    if !matches!(refresh.status, RefreshStatus::Init | RefreshStatus::Running) {
        return Err(conflict(refresh, "paused (only a running one can be)"));
    }
    refresh.status = RefreshStatus::ManualPause;
    if refresh.running_batch().is_none() {
        refresh.due = None;
    }
    Ok(())
}

/// ResumeInstanceRefresh: refresh `id` of `group` (`GroupNotFound`, `RefreshNotFound`) must be
/// paused (`RefreshStatusConflict`). It runs again: a batch still under way goes on; else,
/// with `Retry`, the current batch's failed instances are refreshed again, and otherwise the
/// next batch starts now (or the refresh ends, successful, when none is left).
pub fn resume(
    store: &mut impl RefreshStore,
    group: &str,
    id: &str,
    mode: ResumeMode,
    now: u64,
) -> Result<(), DomainError> {
    let i = find(store, group, id)?;
    let (_, batch_seconds) = store.refresh_timing();
    let refresh = &mut store.refreshes_mut()[i];
    if !refresh.status.is_paused() {
        return Err(conflict(refresh, "resumed (only a paused one can be)"));
    }
    let was = refresh.status;
    refresh.status = if refresh.current_batch == 0 {
        RefreshStatus::Init
    } else {
        RefreshStatus::Running
    };
    if refresh.running_batch().is_some() {
        return Ok(());
    }
    let retry = mode == ResumeMode::Retry && was == RefreshStatus::FailedPause;
    let current = refresh.current_batch.checked_sub(1);
    if let Some(batch) = current
        .and_then(|c| refresh.batches.get_mut(c))
        .filter(|_| retry)
    {
        let mut again = false;
        for instance in &mut batch.instances {
            if instance.status == StepStatus::Failed {
                instance.status = StepStatus::Running;
                instance.message = "refreshing again (RETRY)".to_owned();
                again = true;
            }
        }
        if again {
            batch.status = StepStatus::Running;
            batch.ended = None;
            refresh.due = Some(now.saturating_add(batch_seconds));
            return Ok(());
        }
    }
    refresh.due = Some(now);
    Ok(())
}

/// CancelInstanceRefresh: refresh `id` of `group` (`GroupNotFound`, `RefreshNotFound`) must be
/// `Init` or paused with no batch under way (`RefreshStatusConflict`: a running batch is never
/// cut short). Its waiting batches are dropped (`Cancelled`), the batches done stay done; the
/// surge instances are terminated and the group enabled again if it was. A cancelled refresh
/// cannot be resumed nor rolled back.
pub fn cancel(
    store: &mut impl RefreshStore,
    group: &str,
    id: &str,
    now: u64,
) -> Result<(), DomainError> {
    let i = find(store, group, id)?;
    let refresh = &store.refreshes()[i];
    let idle = refresh.running_batch().is_none();
    if !(idle && (refresh.status == RefreshStatus::Init || refresh.status.is_paused())) {
        return Err(conflict(
            refresh,
            "cancelled (only one not started, or paused between batches, can be)",
        ));
    }
    let surge = drop_rest(&mut store.refreshes_mut()[i], now);
    end(store, i, surge, true);
    Ok(())
}

/// Marks refresh's waiting batches and instances `Cancelled` and the refresh `Cancelled`,
/// ended at `now`; returns its surge instances (to terminate).
pub(super) fn drop_rest(refresh: &mut Refresh, now: u64) -> Vec<String> {
    for batch in &mut refresh.batches {
        if batch.status == StepStatus::Waiting {
            batch.status = StepStatus::Cancelled;
            for instance in &mut batch.instances {
                instance.status = StepStatus::Cancelled;
                instance.message = "cancelled before its batch".to_owned();
            }
        }
    }
    refresh.status = RefreshStatus::Cancelled;
    close(refresh, now)
}

/// Sets refresh's end at `now` and takes its surge instances.
pub(super) fn close(refresh: &mut Refresh, now: u64) -> Vec<String> {
    refresh.ended = Some(now);
    refresh.due = None;
    std::mem::take(&mut refresh.surge)
}

/// After refresh `i` closed: terminates its surge instances and, when `enable` and the group
/// was enabled before the refresh, enables it again.
pub(super) fn end(store: &mut impl RefreshStore, i: usize, surge: Vec<String>, enable: bool) {
    let (group, was_enabled) = {
        let r = &store.refreshes()[i];
        (r.group_id.clone(), r.group_was_enabled)
    };
    for instance in surge {
        store.terminate_member(&group, &instance);
    }
    if enable && was_enabled {
        store.set_group_enabled(&group, true);
    }
}
