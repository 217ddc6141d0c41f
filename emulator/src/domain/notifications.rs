//! Notifications: which of a group's events are reported to whom (CAM user groups, or a TDMQ
//! queue or topic). Both protocols create, list, change and delete them with the commands
//! here. Nothing is ever sent: they are recorded and described only.

use super::error::DomainError;
use super::ids::{self, IdKind};
use super::parts::{self, PartsStore};
use super::quota::Quota;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// An event a notification reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum NotificationEvent {
    /// A scale-out succeeded.
    ScaleOutSucceeded,
    /// A scale-out failed.
    ScaleOutFailed,
    /// A scale-in succeeded.
    ScaleInSucceeded,
    /// A scale-in failed.
    ScaleInFailed,
    /// An unhealthy instance was replaced.
    ReplaceUnhealthySucceeded,
    /// Replacing an unhealthy instance failed.
    ReplaceUnhealthyFailed,
}

/// Who receives a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum NotificationTargetKind {
    /// CAM user groups (the only kind API 2.0 has).
    #[default]
    UserGroup,
    /// A TDMQ for CMQ queue.
    TdmqCmqQueue,
    /// A TDMQ for CMQ topic.
    TdmqCmqTopic,
    /// A CMQ queue (retired).
    CmqQueue,
    /// A CMQ topic (retired).
    CmqTopic,
}

fn is_user_group(kind: &NotificationTargetKind) -> bool {
    *kind == NotificationTargetKind::UserGroup
}

/// A notification of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Notification {
    /// Its id (`asn-…`).
    pub id: String,
    /// Its name (API 2.0 only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The events it reports, none twice.
    pub events: Vec<NotificationEvent>,
    /// Who receives it.
    #[serde(default, skip_serializing_if = "is_user_group")]
    pub target: NotificationTargetKind,
    /// The user groups, for [`NotificationTargetKind::UserGroup`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub user_group_ids: Vec<String>,
    /// The queue, for the queue kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_name: Option<String>,
    /// The topic, for the topic kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic_name: Option<String>,
}

/// The values of a new notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationValues {
    /// Name.
    pub name: Option<String>,
    /// Events.
    pub events: Vec<NotificationEvent>,
    /// Target kind.
    pub target: NotificationTargetKind,
    /// User groups.
    pub user_group_ids: Vec<String>,
    /// Queue.
    pub queue_name: Option<String>,
    /// Topic.
    pub topic_name: Option<String>,
}

/// A change of a notification: what is given replaces the old value. The target kind never
/// changes; user groups, queue and topic are read only for their kind.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NotificationChange {
    /// Name.
    pub name: Option<String>,
    /// Events.
    pub events: Option<Vec<NotificationEvent>>,
    /// User groups.
    pub user_group_ids: Option<Vec<String>>,
    /// Queue.
    pub queue_name: Option<String>,
    /// Topic.
    pub topic_name: Option<String>,
}

fn check_events(events: &[NotificationEvent]) -> Result<(), DomainError> {
    if events.is_empty() {
        return Err(DomainError::NotificationEventsInvalid {
            problem: "at least one notification type is needed".to_owned(),
        });
    }
    let mut seen = HashSet::new();
    if let Some(twice) = events.iter().find(|e| !seen.insert(**e)) {
        return Err(DomainError::NotificationEventsInvalid {
            problem: format!("{twice:?} is given more than once"),
        });
    }
    Ok(())
}

fn check_user_groups(ids: &[String]) -> Result<(), DomainError> {
    let problem = |p: String| Err(DomainError::NotificationReceiversInvalid { problem: p });
    if ids.is_empty() {
        return problem("at least one user group is needed".to_owned());
    }
    let mut seen = HashSet::new();
    for id in ids {
        if id.trim().is_empty() {
            return problem("a user group id is empty".to_owned());
        }
        if !seen.insert(id.as_str()) {
            return problem(format!("user group {id} is given more than once"));
        }
    }
    Ok(())
}

/// The queue or topic a kind needs is given (and not blank).
fn check_target(
    kind: NotificationTargetKind,
    queue: Option<&str>,
    topic: Option<&str>,
) -> Result<(), DomainError> {
    let blank = |v: Option<&str>| v.is_none_or(|v| v.trim().is_empty());
    let missing = match kind {
        NotificationTargetKind::UserGroup => None,
        NotificationTargetKind::TdmqCmqQueue | NotificationTargetKind::CmqQueue => {
            blank(queue).then_some("a queue name")
        }
        NotificationTargetKind::TdmqCmqTopic | NotificationTargetKind::CmqTopic => {
            blank(topic).then_some("a topic name")
        }
    };
    match missing {
        Some(what) => Err(DomainError::NotificationTargetIncomplete {
            problem: format!("a {kind:?} target needs {what}"),
        }),
        None => Ok(()),
    }
}

/// Creates a notification of `group`. Checks, in order: the group exists; at least one event,
/// none twice ([`DomainError::NotificationEventsInvalid`]); for user groups, at least one, none
/// blank, none twice ([`DomainError::NotificationReceiversInvalid`]); a queue or topic target
/// names it ([`DomainError::NotificationTargetIncomplete`]); the group has fewer than
/// [`Quota::NotificationsPerGroup`].
pub fn create(
    store: &mut impl PartsStore,
    group: &str,
    values: NotificationValues,
) -> Result<String, DomainError> {
    let Some(parts) = store.parts(group) else {
        return Err(DomainError::GroupNotFound {
            group: group.to_owned(),
        });
    };
    check_events(&values.events)?;
    if values.target == NotificationTargetKind::UserGroup {
        check_user_groups(&values.user_group_ids)?;
    }
    check_target(
        values.target,
        values.queue_name.as_deref(),
        values.topic_name.as_deref(),
    )?;
    Quota::NotificationsPerGroup
        .check(parts.notifications.len(), format!("scaling group {group}"))?;
    let id = ids::fresh(IdKind::Notification, |id| store.part_id_taken(id))?;
    let user_groups = values.target == NotificationTargetKind::UserGroup;
    let notification = Notification {
        id: id.clone(),
        name: values.name,
        events: values.events,
        target: values.target,
        user_group_ids: if user_groups {
            values.user_group_ids
        } else {
            Vec::new()
        },
        queue_name: values.queue_name.filter(|_| !user_groups),
        topic_name: values.topic_name.filter(|_| !user_groups),
    };
    parts::push(store, group, notification);
    Ok(id)
}

/// The group holding notification `id` and its index there ([`parts::locate`]): with
/// `group`, an unknown group is [`DomainError::GroupNotFound`], a notification of another
/// group [`DomainError::NotificationInOtherGroup`]; one no group has is
/// [`DomainError::NotificationNotFound`].
pub fn locate(
    store: &impl PartsStore,
    group: Option<&str>,
    id: &str,
) -> Result<(String, usize), DomainError> {
    parts::locate::<Notification>(store, group, id)
}

/// Changes notification `id` ([`locate`]). Checks, in order: something is given
/// ([`DomainError::NothingToChange`]); events and user groups as for [`create`]; the target
/// still names its queue or topic. Then the values given replace the old ones.
pub fn modify(
    store: &mut impl PartsStore,
    group: Option<&str>,
    id: &str,
    change: NotificationChange,
) -> Result<(), DomainError> {
    let (g, i) = locate(store, group, id)?;
    if change == NotificationChange::default() {
        return Err(DomainError::NothingToChange);
    }
    if let Some(events) = &change.events {
        check_events(events)?;
    }
    let Some(n) = parts::get_mut::<Notification>(store, &g, i) else {
        return Err(DomainError::NotificationNotFound { id: id.to_owned() });
    };
    let user_groups = n.target == NotificationTargetKind::UserGroup;
    if user_groups {
        if let Some(ids) = &change.user_group_ids {
            check_user_groups(ids)?;
        }
    }
    let queue = change.queue_name.clone().or_else(|| n.queue_name.clone());
    let topic = change.topic_name.clone().or_else(|| n.topic_name.clone());
    check_target(n.target, queue.as_deref(), topic.as_deref())?;
    if let Some(name) = change.name {
        n.name = Some(name);
    }
    if let Some(events) = change.events {
        n.events = events;
    }
    if user_groups {
        if let Some(ids) = change.user_group_ids {
            n.user_group_ids = ids;
        }
    } else {
        n.queue_name = queue;
        n.topic_name = topic;
    }
    Ok(())
}

/// Deletes the notifications `ids` (each once, each of `group` when given: [`locate`]); a
/// refusal deletes none.
pub fn delete(
    store: &mut impl PartsStore,
    group: Option<&str>,
    ids: &[String],
) -> Result<(), DomainError> {
    let mut wanted: Vec<(String, &str)> = Vec::new();
    for id in ids {
        let (g, _) = locate(store, group, id)?;
        if wanted.iter().any(|(_, w)| w == id) {
            return Err(DomainError::NotificationGivenTwice { id: id.clone() });
        }
        wanted.push((g, id));
    }
    for (g, id) in wanted {
        if let Some(parts) = store.parts_mut(&g) {
            parts.notifications.retain(|n| n.id != id);
        }
    }
    Ok(())
}

/// Every refusal the notification commands can answer (for the spec-built test).
#[cfg(test)]
pub(crate) fn refusals() -> Vec<DomainError> {
    vec![
        DomainError::GroupNotFound { group: "g".into() },
        DomainError::NotificationEventsInvalid {
            problem: "x".into(),
        },
        DomainError::NotificationReceiversInvalid {
            problem: "x".into(),
        },
        DomainError::NotificationTargetIncomplete {
            problem: "x".into(),
        },
        DomainError::QuotaExceeded {
            quota: Quota::NotificationsPerGroup,
            scope: "g".into(),
        },
        DomainError::NotificationNotFound { id: "n".into() },
        DomainError::NotificationInOtherGroup {
            id: "n".into(),
            owner: "o".into(),
            group: "g".into(),
        },
        DomainError::NothingToChange,
        DomainError::NotificationGivenTwice { id: "n".into() },
        DomainError::NoRandomness("x".into()),
    ]
}
