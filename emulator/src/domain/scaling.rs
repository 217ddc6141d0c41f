//! Commands that change how many members of a group serve: standby (enter, exit), stop and
//! start, and scaling out or in by a count. Standby and stopped members stay in the group but
//! do not serve: they are not counted in the size the group keeps at its desired capacity, not
//! scaled in, and not counted for `MinSize`. Each command checks every rule in order, then
//! changes the store; it returns the activity's id.
//!
//! The member commands ([`enter_standby`], [`exit_standby`], [`stop`], [`start`]) check, in
//! order: the group exists (`GroupNotFound`); each instance is a member, named once
//! (`InstanceNotInGroup`, `InstanceGivenTwice`); no activity runs (`GroupInActivity`); each is
//! where the command starts from (`InstanceNotInService` / `InstanceNotIn`); when members leave
//! service, at least `MinSize` stay in service in an enabled group (`BelowMinSize`). Then the
//! members move, the desired capacity follows by as many within `[MinSize, MaxSize]`, and an
//! activity starts that runs on the virtual clock ([`Store::run_activity`]): the group is in
//! an activity until the timing of its kind has passed, its members meanwhile entering or
//! leaving standby, starting or stopping.

use super::error::DomainError;
use super::ids::{self, IdKind};
use super::instances::{ensure_idle, group};
use super::model::{ActivityKind, Group, LifeCycle, NewActivity, Pause};
use super::store::Store;
use std::collections::HashSet;

/// The most a single ScaleOut/ScaleIn may ask for.
pub const MAX_SCALE_COUNT: i64 = 2000;

/// The members `ids` of `group`, each named once; `InstanceNotInGroup` /
/// `InstanceGivenTwice`.
fn members(group: &Group, ids: &[String]) -> Result<(), DomainError> {
    let mut named = HashSet::new();
    for id in ids {
        if group.member(id).is_none() {
            return Err(DomainError::InstanceNotInGroup {
                instance: id.clone(),
                group: group.id.clone(),
            });
        }
        if !named.insert(id.as_str()) {
            return Err(DomainError::InstanceGivenTwice {
                instance: id.clone(),
            });
        }
    }
    Ok(())
}

/// Each member named is at `wanted`; else `InstanceNotInService` (wanted in service) or
/// `InstanceNotIn`.
fn each_at(group: &Group, ids: &[String], wanted: &LifeCycle) -> Result<(), DomainError> {
    for id in ids {
        let Some(m) = group.member(id) else { continue };
        if &m.state() != wanted {
            return Err(if *wanted == LifeCycle::InService {
                DomainError::InstanceNotInService {
                    instance: id.clone(),
                    life_cycle: m.state(),
                }
            } else {
                DomainError::InstanceNotIn {
                    instance: id.clone(),
                    life_cycle: m.state(),
                    wanted: if *wanted == LifeCycle::Standby {
                        "in standby"
                    } else {
                        "stopped"
                    },
                }
            });
        }
    }
    Ok(())
}

fn len(ids: &[String]) -> i64 {
    i64::try_from(ids.len()).unwrap_or(i64::MAX)
}

/// One of each refusal the member commands ([`enter_standby`], [`exit_standby`], [`stop`],
/// [`start`]) can answer.
pub fn member_refusals() -> Vec<DomainError> {
    let (g, i) = ("asg-x".to_owned(), "ins-x".to_owned());
    vec![
        DomainError::GroupNotFound { group: g.clone() },
        DomainError::InstanceNotInGroup {
            instance: i.clone(),
            group: g.clone(),
        },
        DomainError::InstanceGivenTwice {
            instance: i.clone(),
        },
        DomainError::GroupInActivity { group: g },
        DomainError::InstanceNotInService {
            instance: i.clone(),
            life_cycle: LifeCycle::Standby,
        },
        DomainError::InstanceNotIn {
            instance: i,
            life_cycle: LifeCycle::InService,
            wanted: "stopped",
        },
        DomainError::BelowMinSize {
            leaving: 1,
            staying: 0,
            min_size: 1,
        },
        DomainError::NoRandomness("none".to_owned()),
    ]
}

/// What a member command does.
struct Move {
    /// The life cycle the members must be at.
    from: LifeCycle,
    /// The pause they get (`None`: back in service).
    to: Option<Pause>,
    /// The activity recorded.
    kind: ActivityKind,
    /// In words, for the cause.
    verb: &'static str,
}

/// The common run of the member commands. Checks, in order: the group exists
/// (`GroupNotFound`); each instance is a member, named once (`InstanceNotInGroup`,
/// `InstanceGivenTwice`); no activity runs (`GroupInActivity`); each is at `from`
/// (`InstanceNotInService` / `InstanceNotIn`); when members leave service, at least `MinSize`
/// stay in service in an enabled group (`BelowMinSize`). Then the members move, the desired
/// capacity follows by as many within `[MinSize, MaxSize]`, and the activity starts, running
/// until the simulation ends it.
fn run(
    store: &mut impl Store,
    group_id: &str,
    ids: &[String],
    how: Move,
    by: &str,
    now: u64,
) -> Result<String, DomainError> {
    let group = group(store, group_id)?;
    members(group, ids)?;
    ensure_idle(group)?;
    each_at(group, ids, &how.from)?;
    let leaving = how.from == LifeCycle::InService;
    if leaving {
        let staying = group.in_service().saturating_sub(ids.len());
        if group.enabled && i64::try_from(staying).unwrap_or(i64::MAX) < group.min_size {
            return Err(DomainError::BelowMinSize {
                leaving: ids.len(),
                staying,
                min_size: group.min_size,
            });
        }
    }
    let activity_id = ids::fresh(IdKind::Activity, |id| store.activity_id_taken(id))?;
    let shift = if leaving { -len(ids) } else { len(ids) };
    // What is read of the group, before the store changes.
    let before = group.capacity();
    let desired = before
        .saturating_add(shift)
        .min(group.max_size)
        .max(group.min_size);
    store.pause(group_id, ids, how.to);
    store.set_desired(group_id, Some(desired));
    store.run_activity(
        NewActivity {
            id: activity_id.clone(),
            group: group_id.to_owned(),
            kind: how.kind,
            cause: format!(
                "{by} {} {} instance(s); desired capacity {before} -> {desired}",
                how.verb,
                ids.len(),
            ),
            succeeded: ids.to_vec(),
            failed: Vec::new(),
        },
        now,
    );
    Ok(activity_id)
}

/// Puts in-service members on standby (the member checks of [the module](self)): they stay in the group, serve no
/// more, are not scaled in; the desired capacity goes down by as many (not below `MinSize`).
/// The activity is an [`ActivityKind::EnterStandby`] (shown as a detach).
pub fn enter_standby(
    store: &mut impl Store,
    group_id: &str,
    ids: &[String],
    by: &str,
    now: u64,
) -> Result<String, DomainError> {
    let how = Move {
        from: LifeCycle::InService,
        to: Some(Pause::Standby),
        kind: ActivityKind::EnterStandby,
        verb: "put on standby",
    };
    run(store, group_id, ids, how, by, now)
}

/// Brings standby members back into service (the member checks of [the module](self); each must be on standby:
/// `InstanceNotIn`); the desired capacity goes up by as many (not above `MaxSize`). The
/// activity is an [`ActivityKind::ExitStandby`] (shown as an attach).
pub fn exit_standby(
    store: &mut impl Store,
    group_id: &str,
    ids: &[String],
    by: &str,
    now: u64,
) -> Result<String, DomainError> {
    let how = Move {
        from: LifeCycle::Standby,
        to: None,
        kind: ActivityKind::ExitStandby,
        verb: "brought back from standby",
    };
    run(store, group_id, ids, how, by, now)
}

/// Stops in-service members (the member checks of [the module](self)): `charging` keeps billing them
/// (`KEEP_CHARGING`) or not; they stay in the group, stopped; the desired capacity goes down
/// by as many (not below `MinSize`). An [`ActivityKind::Stop`] activity.
pub fn stop(
    store: &mut impl Store,
    group_id: &str,
    ids: &[String],
    charging: bool,
    by: &str,
    now: u64,
) -> Result<String, DomainError> {
    let how = Move {
        from: LifeCycle::InService,
        to: Some(if charging {
            Pause::StoppedKeepCharging
        } else {
            Pause::StoppedStopCharging
        }),
        kind: ActivityKind::Stop,
        verb: "stopped",
    };
    run(store, group_id, ids, how, by, now)
}

/// Starts stopped members (the member checks of [the module](self); each must be stopped: `InstanceNotIn`): they
/// run and serve again; the desired capacity goes up by as many (not above `MaxSize`). An
/// [`ActivityKind::Start`] activity.
pub fn start(
    store: &mut impl Store,
    group_id: &str,
    ids: &[String],
    by: &str,
    now: u64,
) -> Result<String, DomainError> {
    let how = Move {
        from: LifeCycle::Stopped,
        to: None,
        kind: ActivityKind::Start,
        verb: "started",
    };
    run(store, group_id, ids, how, by, now)
}

/// One of each refusal [`scale`] can answer.
pub fn scale_refusals() -> Vec<DomainError> {
    vec![
        DomainError::GroupNotFound {
            group: "asg-x".to_owned(),
        },
        DomainError::CountOutOfRange {
            what: "ScaleOutNumber",
            value: 0,
            min: 1,
            max: 2000,
        },
        DomainError::GroupInActivity {
            group: "asg-x".to_owned(),
        },
        DomainError::AboveMaxSize {
            joining: 1,
            members: 1,
            max_size: 1,
        },
        DomainError::BelowMinSize {
            leaving: 1,
            staying: 0,
            min_size: 1,
        },
        DomainError::NothingToDo {
            why: "x".to_owned(),
        },
        DomainError::NoRandomness("none".to_owned()),
    ]
}

/// Scales `group_id` out (`by` > 0) or in (`by` < 0) by `|by|` instances, an enabled group or
/// a disabled one. Checks, in order: the group exists (`GroupNotFound`); `|by|` is 1 to
/// [`MAX_SCALE_COUNT`] (`CountOutOfRange`, naming the parameter `what`); no activity runs
/// (`GroupInActivity`); the desired capacity (or the serving size without one) moved by `by`
/// stays at most `MaxSize` (`AboveMaxSize`) and at least `MinSize` (`BelowMinSize`). Then
/// the desired capacity is set and the scale-out or scale-in activity starts at once, on the
/// virtual clock like any other (`NothingToDo` when the group can launch or remove nothing).
pub fn scale(
    store: &mut impl Store,
    group_id: &str,
    by: i64,
    what: &'static str,
    now: u64,
) -> Result<String, DomainError> {
    let group = group(store, group_id)?;
    let n = by.saturating_abs();
    if !(1..=MAX_SCALE_COUNT).contains(&n) {
        return Err(DomainError::CountOutOfRange {
            what,
            value: n,
            min: 1,
            max: MAX_SCALE_COUNT,
        });
    }
    ensure_idle(group)?;
    let current = group.capacity();
    let new = current.saturating_add(by);
    if new > group.max_size {
        return Err(DomainError::AboveMaxSize {
            joining: usize::try_from(n).unwrap_or(usize::MAX),
            members: usize::try_from(current).unwrap_or(0),
            max_size: group.max_size,
        });
    }
    if new < group.min_size {
        return Err(DomainError::BelowMinSize {
            leaving: usize::try_from(n).unwrap_or(usize::MAX),
            staying: usize::try_from(new.max(0)).unwrap_or(0),
            min_size: group.min_size,
        });
    }
    // What is read of the group, before the store changes.
    let previous = group.desired_capacity;
    ids::fresh(IdKind::Activity, |a| store.activity_id_taken(a))?;
    let direction = if by > 0 { "more" } else { "fewer" };
    store.set_desired(group_id, Some(new));
    let action = if by > 0 {
        "ScaleOutInstances"
    } else {
        "ScaleInInstances"
    };
    let cause = format!(
        "{action} asked for {n} instance(s) {direction} ({what} {n}); desired capacity \
         {current} -> {new}"
    );
    match store.start_scaling(group_id, cause, None, now) {
        Some(id) => Ok(id),
        None => {
            store.set_desired(group_id, previous);
            Err(DomainError::NothingToDo {
                why: format!(
                    "scaling group {group_id} has no instance to {}",
                    if by > 0 {
                        "launch (no launch configuration)"
                    } else {
                        "remove (none in service and unprotected)"
                    }
                ),
            })
        }
    }
}
