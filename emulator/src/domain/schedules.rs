//! Scheduled actions (API 2.0 scheduled tasks): a change of a group's sizes at a start time,
//! repeated as a crontab line says until an end time. Both protocols create, list, change and
//! delete them with the commands here; the simulation (`crate::sim::schedule`) runs them on
//! the virtual clock. Times are Unix seconds.

use super::error::{DomainError, ScheduleField};
use super::ids::{self, IdKind};
use super::parts::{self, PartsStore};
use super::quota::Quota;
pub use super::recurrence::recurrence_problem;
use serde::{Deserialize, Serialize};

fn is_false(b: &bool) -> bool {
    !b
}

/// A scheduled action of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScheduledAction {
    /// Its id (`asst-…`).
    pub id: String,
    /// Its name, unique in its group.
    pub name: String,
    /// The group's `MinSize` once it runs.
    pub min_size: i64,
    /// The group's `MaxSize` once it runs.
    pub max_size: i64,
    /// The group's desired capacity once it runs, when it sets one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desired_capacity: Option<i64>,
    /// Its first run.
    pub start_time: u64,
    /// Its last run, when it repeats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<u64>,
    /// The crontab line it repeats on, when it repeats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrence: Option<String>,
    /// Whether its repetition was turned off (API 2.0 ModifyScheduledTask's pair of values,
    /// which DescribeScheduledTask shows back).
    #[serde(default, skip_serializing_if = "is_false")]
    pub repetition_off: bool,
    /// Whether it leaves the desired capacity alone except to fit the new sizes (API 3.0
    /// `DisableUpdateDesiredCapacity`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub keep_desired_capacity: bool,
    /// When it was created.
    #[serde(default)]
    pub created_time: u64,
}

impl ScheduledAction {
    /// Whether it repeats (a recurrence and an end time, repetition not turned off).
    pub fn repeats(&self) -> bool {
        !self.repetition_off && self.recurrence.is_some() && self.end_time.is_some()
    }
}

/// The values of a scheduled action, as created or as changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionValues {
    /// Its name.
    pub name: String,
    /// Min size.
    pub min_size: i64,
    /// Max size.
    pub max_size: i64,
    /// Desired capacity.
    pub desired_capacity: Option<i64>,
    /// First run.
    pub start_time: u64,
    /// Last run.
    pub end_time: Option<u64>,
    /// Crontab line.
    pub recurrence: Option<String>,
    /// Repetition turned off.
    pub repetition_off: bool,
    /// Desired capacity left alone.
    pub keep_desired_capacity: bool,
}

/// A change of a scheduled action: each value given replaces the action's.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActionChange {
    /// New name.
    pub name: Option<String>,
    /// New min size.
    pub min_size: Option<i64>,
    /// New max size.
    pub max_size: Option<i64>,
    /// New desired capacity.
    pub desired_capacity: Option<i64>,
    /// New first run.
    pub start_time: Option<u64>,
    /// New last run.
    pub end_time: Option<u64>,
    /// New crontab line.
    pub recurrence: Option<String>,
    /// Turn repetition off (the end time and crontab line are dropped).
    pub turn_off_repetition: bool,
    /// New `DisableUpdateDesiredCapacity`.
    pub keep_desired_capacity: Option<bool>,
}

fn invalid(field: ScheduleField, message: impl Into<String>) -> DomainError {
    DomainError::ScheduleInvalid {
        field,
        message: message.into(),
    }
}

/// The checks every action's values pass, in order: the end time and the crontab line come
/// together (unless repetition is off); the name is not blank; the end time is later than
/// the start; the crontab line is valid ([`recurrence_problem`]); `min ≤ max`; a desired
/// capacity lies between them.
pub fn check_values(v: &ActionValues) -> Result<(), DomainError> {
    if !v.repetition_off && v.end_time.is_some() != v.recurrence.is_some() {
        let (given, missing) = if v.end_time.is_some() {
            (ScheduleField::EndTime, ScheduleField::Recurrence)
        } else {
            (ScheduleField::Recurrence, ScheduleField::EndTime)
        };
        return Err(DomainError::ScheduleIncomplete { given, missing });
    }
    if v.name.trim().is_empty() {
        return Err(invalid(ScheduleField::Name, "must not be empty"));
    }
    if !v.repetition_off {
        if let Some(end) = v.end_time {
            if end <= v.start_time {
                return Err(DomainError::ScheduleEndNotAfterStart {
                    start: v.start_time,
                    end,
                });
            }
        }
        if let Some(problem) = v.recurrence.as_deref().and_then(recurrence_problem) {
            return Err(DomainError::ScheduleRecurrenceInvalid { problem });
        }
    }
    if v.min_size > v.max_size {
        return Err(invalid(
            ScheduleField::MinSize,
            format!("{} is greater than the max size {}", v.min_size, v.max_size),
        ));
    }
    if let Some(desired) = v.desired_capacity {
        if !(v.min_size..=v.max_size).contains(&desired) {
            return Err(invalid(
                ScheduleField::DesiredCapacity,
                format!(
                    "{desired} is outside the min size {} to the max size {}",
                    v.min_size, v.max_size
                ),
            ));
        }
    }
    Ok(())
}

/// Refuses a name or a start time another action of the group (than `except`) has.
fn check_unique(
    actions: &[ScheduledAction],
    group: &str,
    v: &ActionValues,
    except: Option<&str>,
) -> Result<(), DomainError> {
    let others = || actions.iter().filter(|a| Some(a.id.as_str()) != except);
    if let Some(other) = others().find(|a| a.name == v.name) {
        return Err(DomainError::ScheduledActionNameTaken {
            name: v.name.clone(),
            group: group.to_owned(),
            other: other.id.clone(),
        });
    }
    if let Some(other) = others().find(|a| a.start_time == v.start_time) {
        return Err(DomainError::ScheduledActionStartTaken {
            start: v.start_time,
            group: group.to_owned(),
            other: other.id.clone(),
        });
    }
    Ok(())
}

/// Creates a scheduled action of `group`. Checks, in order: the group exists; the values
/// ([`check_values`]); no action of the group has the name
/// ([`DomainError::ScheduledActionNameTaken`]) or the start time
/// ([`DomainError::ScheduledActionStartTaken`]); the group has fewer than
/// [`Quota::ScheduledActionsPerGroup`]. Then it is stored with a new `asst-…` id, created
/// `now`.
pub fn create(
    store: &mut impl PartsStore,
    group: &str,
    values: ActionValues,
    now: u64,
) -> Result<String, DomainError> {
    let Some(parts) = store.parts(group) else {
        return Err(DomainError::GroupNotFound {
            group: group.to_owned(),
        });
    };
    check_values(&values)?;
    check_unique(parts.scheduled_actions, group, &values, None)?;
    Quota::ScheduledActionsPerGroup.check(
        parts.scheduled_actions.len(),
        format!("scaling group {group}"),
    )?;
    let id = ids::fresh(IdKind::ScheduledAction, |id| store.part_id_taken(id))?;
    let action = ScheduledAction {
        id: id.clone(),
        name: values.name,
        min_size: values.min_size,
        max_size: values.max_size,
        desired_capacity: values.desired_capacity,
        start_time: values.start_time,
        end_time: values.end_time,
        recurrence: values.recurrence,
        repetition_off: values.repetition_off,
        keep_desired_capacity: values.keep_desired_capacity,
        created_time: now,
    };
    parts::push(store, group, action);
    Ok(id)
}

/// The group holding action `id` (in `group` only, when given) and its index there
/// ([`parts::locate`]): [`DomainError::GroupNotFound`] for an unknown `group`,
/// [`DomainError::ScheduledActionNotFound`] otherwise.
pub fn locate(
    store: &impl PartsStore,
    group: Option<&str>,
    id: &str,
) -> Result<(String, usize), DomainError> {
    parts::locate::<ScheduledAction>(store, group, id)
}

/// Changes action `id` (of `group`, when given: [`locate`]). The action as changed passes
/// [`check_values`] and the group's uniqueness checks, then replaces the old one.
pub fn modify(
    store: &mut impl PartsStore,
    group: Option<&str>,
    id: &str,
    change: ActionChange,
) -> Result<(), DomainError> {
    let (g, i) = locate(store, group, id)?;
    let Some(parts) = store.parts(&g) else {
        return Err(DomainError::GroupNotFound { group: g });
    };
    let Some(old) = parts.scheduled_actions.get(i) else {
        return Err(DomainError::ScheduledActionNotFound {
            id: id.to_owned(),
            group: Some(g),
        });
    };
    let repetition_given = change.end_time.is_some() || change.recurrence.is_some();
    let values = if change.turn_off_repetition {
        ActionValues {
            end_time: None,
            recurrence: None,
            repetition_off: true,
            ..merged(old, &change)
        }
    } else {
        ActionValues {
            repetition_off: old.repetition_off && !repetition_given,
            ..merged(old, &change)
        }
    };
    check_values(&values)?;
    check_unique(parts.scheduled_actions, &g, &values, Some(id))?;
    if let Some(action) = parts::get_mut::<ScheduledAction>(store, &g, i) {
        action.name = values.name;
        action.min_size = values.min_size;
        action.max_size = values.max_size;
        action.desired_capacity = values.desired_capacity;
        action.start_time = values.start_time;
        action.end_time = values.end_time;
        action.recurrence = values.recurrence;
        action.repetition_off = values.repetition_off;
        action.keep_desired_capacity = values.keep_desired_capacity;
    }
    Ok(())
}

/// The values of `old` with those `change` gives.
fn merged(old: &ScheduledAction, change: &ActionChange) -> ActionValues {
    let (end_time, recurrence) = if old.repetition_off {
        (change.end_time, change.recurrence.clone())
    } else {
        (
            change.end_time.or(old.end_time),
            change.recurrence.clone().or_else(|| old.recurrence.clone()),
        )
    };
    ActionValues {
        name: change.name.clone().unwrap_or_else(|| old.name.clone()),
        min_size: change.min_size.unwrap_or(old.min_size),
        max_size: change.max_size.unwrap_or(old.max_size),
        desired_capacity: change.desired_capacity.or(old.desired_capacity),
        start_time: change.start_time.unwrap_or(old.start_time),
        end_time,
        recurrence,
        repetition_off: old.repetition_off,
        keep_desired_capacity: change
            .keep_desired_capacity
            .unwrap_or(old.keep_desired_capacity),
    }
}

/// Deletes action `id` (of `group`, when given: [`locate`]).
pub fn delete(
    store: &mut impl PartsStore,
    group: Option<&str>,
    id: &str,
) -> Result<(), DomainError> {
    let (g, i) = locate(store, group, id)?;
    parts::remove::<ScheduledAction>(store, &g, i);
    Ok(())
}

/// Every refusal [`create`], [`modify`] and [`delete`] can answer (for the spec-built test).
#[cfg(test)]
pub(crate) fn refusals() -> Vec<DomainError> {
    vec![
        DomainError::GroupNotFound { group: "g".into() },
        DomainError::ScheduleIncomplete {
            given: ScheduleField::EndTime,
            missing: ScheduleField::Recurrence,
        },
        invalid(ScheduleField::Name, "x"),
        invalid(ScheduleField::MinSize, "x"),
        invalid(ScheduleField::DesiredCapacity, "x"),
        DomainError::ScheduleEndNotAfterStart { start: 2, end: 1 },
        DomainError::ScheduleRecurrenceInvalid {
            problem: "x".into(),
        },
        DomainError::ScheduledActionNameTaken {
            name: "n".into(),
            group: "g".into(),
            other: "a".into(),
        },
        DomainError::ScheduledActionStartTaken {
            start: 1,
            group: "g".into(),
            other: "a".into(),
        },
        DomainError::QuotaExceeded {
            quota: Quota::ScheduledActionsPerGroup,
            scope: "g".into(),
        },
        DomainError::ScheduledActionNotFound {
            id: "a".into(),
            group: None,
        },
        DomainError::NoRandomness("x".into()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_in_order() {
        let ok = ActionValues {
            name: "n".into(),
            min_size: 1,
            max_size: 3,
            desired_capacity: Some(2),
            start_time: 100,
            end_time: Some(200),
            recurrence: Some("0 8 * * *".into()),
            repetition_off: false,
            keep_desired_capacity: false,
        };
        assert_eq!(check_values(&ok), Ok(()));
        let no_line = ActionValues {
            recurrence: None,
            name: String::new(),
            ..ok.clone()
        };
        assert!(matches!(
            check_values(&no_line),
            Err(DomainError::ScheduleIncomplete { .. })
        ));
        let early = ActionValues {
            end_time: Some(100),
            ..ok.clone()
        };
        assert!(matches!(
            check_values(&early),
            Err(DomainError::ScheduleEndNotAfterStart { .. })
        ));
        let off = ActionValues {
            end_time: None,
            recurrence: None,
            repetition_off: true,
            ..ok.clone()
        };
        assert_eq!(check_values(&off), Ok(()));
        let sizes = ActionValues {
            desired_capacity: Some(4),
            ..ok
        };
        assert!(matches!(
            check_values(&sizes),
            Err(DomainError::ScheduleInvalid {
                field: ScheduleField::DesiredCapacity,
                ..
            })
        ));
    }
}
