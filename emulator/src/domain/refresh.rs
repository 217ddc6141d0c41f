//! Instance refresh: bringing a group's in-service members in line with its launch
//! configuration, batch by batch over the virtual clock, and undoing it.
//!
//! A [`Refresh`] is stored as it is here (integer times, enums), in the state's `refreshes`.
//! Its life:
//!
//! - [`start`] (or [`rollback`]) makes it `Init`, with its batches planned from the group's
//!   in-service members (even sizes, the first ones one larger), and disables the group (it
//!   stays disabled while the refresh runs or is paused, and is enabled again when the refresh
//!   ends, if it was enabled before);
//! - after the timing's init, it is `Running`: the instances for `MaxSurge` join the group, and
//!   each batch takes the timing's instance-launch time, then records a scaling activity of
//!   kind [`ActivityKind::Refresh`](super::ActivityKind::Refresh) for its instances
//!   ([`advance`]);
//! - between batches it may pause (`AutoPause`, by its batch-pause setting), and a failed batch
//!   pauses it (`FailedPause`), cancels it or rolls it back, by its fail process;
//! - [`stop`] pauses it (`ManualPause`; a batch under way finishes first), [`resume`] goes on
//!   (retrying or skipping the failed instances of the current batch), [`cancel`] ends it;
//! - when it ends, the surge instances are terminated.
//!
//! A `ROLLING_UPDATE_RESET` refresh sets each member's launch configuration in place; a
//! `ROLLING_UPDATE_REPLACE` one replaces each member with a new instance (the old one leaves:
//! terminated if the group launched it, kept running if attached). A rollback sets each
//! instance the refresh it undoes refreshed back to the launch configuration it had before.

mod control;
mod model;
mod progress;
mod store;

pub use control::{cancel, refusals as control_refusals, resume, stop, ResumeMode};
pub use model::{
    BatchFailure, BatchPause, FailProcess, Refresh, RefreshBatch, RefreshInstance, RefreshKind,
    RefreshMode, RefreshSettings, StepStatus,
};
pub use progress::{advance, next_due};
pub use store::RefreshStore;

use super::error::DomainError;
use super::ids::{self, IdKind};
use super::instances::group;
use super::model::{Group, LifeCycle, RefreshStatus};
use super::quota::Quota;

/// One of each refusal [`start`] can answer.
pub fn start_refusals() -> Vec<DomainError> {
    let (g, r) = ("asg-x".to_owned(), "asr-x".to_owned());
    vec![
        DomainError::GroupNotFound { group: g.clone() },
        DomainError::RefreshInProgress {
            group: g.clone(),
            refresh: r,
        },
        DomainError::GroupDisabled { group: g.clone() },
        DomainError::GroupInActivity { group: g.clone() },
        DomainError::RefreshSettingInvalid {
            what: "BatchNumber".to_owned(),
        },
        DomainError::NoInstanceToRefresh { group: g },
        DomainError::BatchNumberTooLarge {
            batches: 2,
            instances: 1,
        },
        DomainError::MaxSurgeTooLarge {
            surge: 2,
            batch_size: 1,
        },
        DomainError::NoRandomness("none".to_owned()),
    ]
}

/// One of each refusal [`rollback`] can answer.
pub fn rollback_refusals() -> Vec<DomainError> {
    let (g, r) = ("asg-x".to_owned(), "asr-x".to_owned());
    vec![
        DomainError::GroupNotFound { group: g.clone() },
        DomainError::RefreshNotFound {
            refresh: r.clone(),
            group: g.clone(),
        },
        DomainError::RollbackOfRollback { refresh: r.clone() },
        DomainError::RefreshCannotRollback {
            refresh: r.clone(),
            why: "cancelled",
        },
        DomainError::RefreshStatusConflict {
            refresh: r.clone(),
            status: RefreshStatus::Running,
            command: "rolled back",
        },
        DomainError::RefreshInProgress {
            group: g.clone(),
            refresh: r.clone(),
        },
        DomainError::GroupDisabled { group: g.clone() },
        DomainError::GroupInActivity { group: g },
        DomainError::RefreshSettingInvalid {
            what: "MaxSurge".to_owned(),
        },
        DomainError::NoInstanceToRollback { refresh: r },
        DomainError::BatchNumberTooLarge {
            batches: 2,
            instances: 1,
        },
        DomainError::NoRandomness("none".to_owned()),
    ]
}

/// `Err(RefreshInProgress)` when a refresh of `group` other than `except` is running or
/// paused (EnableAutoScalingGroup's check too: a refresh keeps its group disabled).
pub fn ensure_no_refresh(
    store: &impl RefreshStore,
    group: &str,
    except: Option<&str>,
) -> Result<(), DomainError> {
    match store
        .refreshes()
        .iter()
        .find(|r| r.group_id == group && r.in_progress() && except != Some(&r.refresh_id))
    {
        Some(r) => Err(DomainError::RefreshInProgress {
            group: group.to_owned(),
            refresh: r.refresh_id.clone(),
        }),
        None => Ok(()),
    }
}

/// The refresh `id` of `group`: `GroupNotFound`, else `RefreshNotFound`.
pub fn find(store: &impl RefreshStore, group_id: &str, id: &str) -> Result<usize, DomainError> {
    group(store, group_id)?;
    store
        .refreshes()
        .iter()
        .position(|r| r.refresh_id == id && r.group_id == group_id)
        .ok_or_else(|| DomainError::RefreshNotFound {
            refresh: id.to_owned(),
            group: group_id.to_owned(),
        })
}

/// The settings' own limits: `BatchNumber` at least 1, the health-check timeout 60 to 7200.
fn check_settings(settings: &RefreshSettings) -> Result<(), DomainError> {
    if settings.batch_number < 1 {
        return Err(DomainError::RefreshSettingInvalid {
            what: "RollingUpdateSettings.BatchNumber must be at least 1".to_owned(),
        });
    }
    let timeout = settings.check_target_health_timeout;
    if !(60..=7200).contains(&timeout) {
        return Err(DomainError::RefreshSettingInvalid {
            what: format!("CheckInstanceTargetHealthTimeout {timeout} is not from 60 to 7200"),
        });
    }
    Ok(())
}

/// `n` instances in `batches` batches of even sizes, the first ones one larger.
fn split<T>(items: Vec<T>, batches: usize) -> Vec<Vec<T>> {
    let n = items.len();
    let batches = batches.max(1);
    let (size, extra) = (n / batches, n % batches);
    let mut out = Vec::with_capacity(batches);
    let mut items = items.into_iter();
    for i in 0..batches {
        let take = size + usize::from(i < extra);
        out.push(items.by_ref().take(take).collect());
    }
    out
}

/// The largest batch `n` instances in `batches` batches make.
fn largest_batch(n: usize, batches: u64) -> usize {
    let batches = usize::try_from(batches.max(1)).unwrap_or(usize::MAX);
    n.div_ceil(batches)
}

/// Checks the batch count against `n` instances: `BatchNumberTooLarge`.
fn check_batches(settings: &RefreshSettings, n: usize) -> Result<(), DomainError> {
    if usize::try_from(settings.batch_number).map_or(true, |b| b > n) {
        return Err(DomainError::BatchNumberTooLarge {
            batches: settings.batch_number,
            instances: n,
        });
    }
    Ok(())
}

/// A new refresh, `Init`, due after the init time, with its batches planned.
#[allow(clippy::too_many_arguments)]
fn plan(
    store: &impl RefreshStore,
    group: &Group,
    kind: RefreshKind,
    mode: RefreshMode,
    settings: RefreshSettings,
    instances: Vec<(String, Option<String>)>,
    origin: Option<String>,
    now: u64,
) -> Result<Refresh, DomainError> {
    let id = ids::fresh(IdKind::Refresh, |id| store.refresh_id_taken(id))?;
    let batches = usize::try_from(settings.batch_number).unwrap_or(1);
    let batches = split(instances, batches)
        .into_iter()
        .map(|members| RefreshBatch {
            status: StepStatus::Waiting,
            instances: members
                .into_iter()
                .map(|(instance_id, target)| RefreshInstance {
                    instance_id,
                    status: StepStatus::Waiting,
                    target,
                    previous: None,
                    replaced_by: None,
                    activity: None,
                    message: String::new(),
                })
                .collect(),
            started: None,
            ended: None,
        })
        .collect();
    let (init, _) = store.refresh_timing();
    Ok(Refresh {
        refresh_id: id,
        group_id: group.id.clone(),
        origin,
        kind,
        mode,
        settings,
        status: RefreshStatus::Init,
        current_batch: 0,
        batches,
        created: now,
        started: None,
        ended: None,
        due: Some(now.saturating_add(init)),
        group_was_enabled: group.enabled,
        surge: Vec::new(),
    })
}

/// StartInstanceRefresh. Checks, in order: the group exists (`GroupNotFound`); no refresh of
/// it is running or paused (`RefreshInProgress`); it is enabled (`GroupDisabled`); no scaling
/// activity runs (`GroupInActivity`); the settings' limits (`RefreshSettingInvalid`); it has
/// in-service members (`NoInstanceToRefresh`); `BatchNumber` at most their number
/// (`BatchNumberTooLarge`); `MaxSurge` at most the largest batch (`MaxSurgeTooLarge`). Then
/// the refresh is stored `Init`, the group disabled; its id is returned.
pub fn start(
    store: &mut impl RefreshStore,
    group_id: &str,
    mode: RefreshMode,
    settings: RefreshSettings,
    now: u64,
) -> Result<String, DomainError> {
    let group = group(store, group_id)?;
    ensure_no_refresh(store, group_id, None)?;
    if !group.enabled {
        return Err(DomainError::GroupDisabled {
            group: group_id.to_owned(),
        });
    }
    super::instances::ensure_idle(group)?;
    check_settings(&settings)?;
    let target = store.group_configuration(group_id);
    let members: Vec<(String, Option<String>)> = group
        .instances
        .iter()
        .filter(|m| m.state() == LifeCycle::InService)
        .map(|m| (m.instance_id.clone(), target.clone()))
        .collect();
    if members.is_empty() {
        return Err(DomainError::NoInstanceToRefresh {
            group: group_id.to_owned(),
        });
    }
    check_batches(&settings, members.len())?;
    let batch_size = largest_batch(members.len(), settings.batch_number);
    if usize::try_from(settings.max_surge).map_or(true, |s| s > batch_size) {
        return Err(DomainError::MaxSurgeTooLarge {
            surge: settings.max_surge,
            batch_size,
        });
    }
    let refresh = plan(
        store,
        group,
        RefreshKind::Normal,
        mode,
        settings,
        members,
        None,
        now,
    )?;
    let id = refresh.refresh_id.clone();
    store.refreshes_mut().push(refresh);
    keep_window(store, group_id);
    store.set_group_enabled(group_id, false);
    Ok(id)
}

/// RollbackInstanceRefresh. Checks, in order: the group and the refresh to undo
/// (`GroupNotFound`, `RefreshNotFound`); it is not a rollback (`RollbackOfRollback`), not a
/// `Replace` refresh nor cancelled (`RefreshCannotRollback`); it is paused with no batch under
/// way, or it succeeded and is the group's latest forward refresh (`RefreshStatusConflict`);
/// no other refresh of the group is running or paused (`RefreshInProgress`); the group is
/// enabled, unless the paused refresh is what disabled it (`GroupDisabled`); no scaling
/// activity runs (`GroupInActivity`); the mode is `Reset` and `MaxSurge` 0, and the settings'
/// limits (`RefreshSettingInvalid`); some instance it refreshed is still in service in the
/// group (`NoInstanceToRollback`); `BatchNumber` at most their number (`BatchNumberTooLarge`).
/// Then a paused refresh is cancelled (its waiting batches dropped) and the rollback stored
/// `Init`, bringing each of those instances back to the launch configuration it had; its id
/// is returned.
pub fn rollback(
    store: &mut impl RefreshStore,
    group_id: &str,
    origin_id: &str,
    mode: RefreshMode,
    settings: RefreshSettings,
    now: u64,
) -> Result<String, DomainError> {
    let i = find(store, group_id, origin_id)?;
    let group = group(store, group_id)?;
    let origin = store.refreshes()[i].clone();
    if origin.kind == RefreshKind::Rollback {
        return Err(DomainError::RollbackOfRollback {
            refresh: origin.refresh_id,
        });
    }
    if origin.mode == RefreshMode::Replace {
        return Err(DomainError::RefreshCannotRollback {
            refresh: origin.refresh_id,
            why: "its instances were replaced (ROLLING_UPDATE_REPLACE)",
        });
    }
    if origin.status == RefreshStatus::Cancelled {
        return Err(DomainError::RefreshCannotRollback {
            refresh: origin.refresh_id,
            why: "it was cancelled",
        });
    }
    let latest = store
        .refreshes()
        .iter()
        .filter(|r| r.group_id == group_id && r.kind == RefreshKind::Normal)
        .max_by_key(|r| r.created)
        .map(|r| r.refresh_id.as_str());
    let paused = origin.status.is_paused() && origin.running_batch().is_none();
    let last_success = origin.status == RefreshStatus::Successful && latest == Some(origin_id);
    if !(paused || last_success) {
        return Err(DomainError::RefreshStatusConflict {
            refresh: origin.refresh_id,
            status: origin.status,
            command: "rolled back (only a paused refresh, or the latest successful one, can be)",
        });
    }
    ensure_no_refresh(store, group_id, Some(origin_id))?;
    if !group.enabled && !paused {
        return Err(DomainError::GroupDisabled {
            group: group_id.to_owned(),
        });
    }
    super::instances::ensure_idle(group)?;
    if mode != RefreshMode::Reset {
        return Err(DomainError::RefreshSettingInvalid {
            what: "RefreshMode: a rollback is ROLLING_UPDATE_RESET only".to_owned(),
        });
    }
    if settings.max_surge != 0 {
        return Err(DomainError::RefreshSettingInvalid {
            what: "RollingUpdateSettings.MaxSurge: a rollback takes no surge".to_owned(),
        });
    }
    check_settings(&settings)?;
    let targets = rollback_targets(&origin, group);
    if targets.is_empty() {
        return Err(DomainError::NoInstanceToRollback {
            refresh: origin.refresh_id,
        });
    }
    check_batches(&settings, targets.len())?;
    let mut refresh = plan(
        store,
        group,
        RefreshKind::Rollback,
        RefreshMode::Reset,
        settings,
        targets,
        Some(origin_id.to_owned()),
        now,
    )?;
    if paused {
        refresh.group_was_enabled = origin.group_was_enabled;
        let surge = control::drop_rest(&mut store.refreshes_mut()[i], now);
        for instance in surge {
            store.terminate_member(group_id, &instance);
        }
    }
    let id = refresh.refresh_id.clone();
    store.refreshes_mut().push(refresh);
    keep_window(store, group_id);
    store.set_group_enabled(group_id, false);
    Ok(id)
}

/// Forgets the group's oldest ended refreshes beyond [`Quota::RefreshesKeptPerGroup`] (the
/// service keeps a window of history; one client cannot make it grow without bound).
pub(crate) fn keep_window(store: &mut impl RefreshStore, group: &str) {
    let limit = Quota::RefreshesKeptPerGroup.limit();
    let count = store
        .refreshes()
        .iter()
        .filter(|r| r.group_id == group)
        .count();
    let mut excess = count.saturating_sub(limit);
    if excess == 0 {
        return;
    }
    store.refreshes_mut().retain(|r| {
        let forget = excess > 0 && r.group_id == group && !r.in_progress();
        if forget {
            excess -= 1;
        }
        !forget
    });
}

/// The instances `origin` refreshed that are still in service in the group, each with the
/// launch configuration it had before.
fn rollback_targets(origin: &Refresh, group: &Group) -> Vec<(String, Option<String>)> {
    origin
        .batches
        .iter()
        .flat_map(|b| &b.instances)
        .filter(|i| i.status == StepStatus::Successful)
        .filter(|i| {
            group
                .member(&i.instance_id)
                .is_some_and(|m| m.state() == LifeCycle::InService)
        })
        .map(|i| (i.instance_id.clone(), i.previous.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_are_even_and_the_first_ones_larger() {
        let sizes = |n: usize, b: usize| -> Vec<usize> {
            split((0..n).collect(), b).iter().map(Vec::len).collect()
        };
        assert_eq!(sizes(5, 2), vec![3, 2]);
        assert_eq!(sizes(4, 4), vec![1, 1, 1, 1]);
        assert_eq!(sizes(7, 3), vec![3, 2, 2]);
        assert_eq!(largest_batch(7, 3), 3);
        assert_eq!(largest_batch(4, 4), 1);
    }

    #[test]
    fn settings_limits() {
        assert!(check_settings(&RefreshSettings::new(1)).is_ok());
        assert!(check_settings(&RefreshSettings::new(0)).is_err());
        let mut s = RefreshSettings::new(1);
        s.check_target_health_timeout = 59;
        assert!(check_settings(&s).is_err());
        assert!(check_batches(&RefreshSettings::new(3), 2).is_err());
        assert!(check_batches(&RefreshSettings::new(2), 2).is_ok());
    }
}
