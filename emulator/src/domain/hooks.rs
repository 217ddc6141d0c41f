//! Lifecycle hooks: a group's instances wait at a hook while they launch or terminate, until a
//! result is given (API 2.0 CompleteLifeCycleHookAction, API 3.0 CompleteLifecycleAction) or
//! the heartbeat timeout applies the hook's default result. Both protocols create, list,
//! change and delete hooks with the commands here; the simulation holds the instances
//! (`crate::sim::activity`).
//!
//! A hook created through API 3.0 holds from its creation (API 3.0 has no binding); one
//! created through API 2.0 holds only while it is the group's bound hook
//! (AttachLifeCycleHookId). When several hooks of a group could hold an instance, the bound
//! one does, else the first created.

use super::error::DomainError;
use super::ids;
use super::model::{HookResult, HookTransition};
use super::parts::{self, HoldEnd, Parts, PartsStore};
use super::quota::Quota;
use serde::{Deserialize, Serialize};

fn is_false(b: &bool) -> bool {
    !b
}

/// Which activities a hook runs on (API 3.0 `LifecycleTransitionType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum HookScope {
    /// Scale-out and scale-in.
    #[default]
    Normal,
    /// Also attach, detach, remove, start, stop and refresh.
    Extension,
}

fn is_normal(scope: &HookScope) -> bool {
    *scope == HookScope::Normal
}

/// Where a hook's message goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MessageTargetKind {
    /// A TDMQ for CMQ queue.
    TdmqCmqQueue,
    /// A TDMQ for CMQ topic.
    TdmqCmqTopic,
    /// A (retired) CMQ queue.
    CmqQueue,
    /// A (retired) CMQ topic.
    CmqTopic,
}

/// The queue or topic a hook's message goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MessageTarget {
    /// Its kind.
    pub kind: MessageTargetKind,
    /// The queue, for the queue kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_name: Option<String>,
    /// The topic, for the topic kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic_name: Option<String>,
}

/// A command the hook runs on the instance (TAT).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HookCommand {
    /// The command.
    pub command_id: String,
    /// Its parameters, JSON object text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<String>,
}

/// A lifecycle hook of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LifecycleHook {
    /// Its id (`ash-…`; `lfh-…` when created through API 2.0).
    pub id: String,
    /// Its name, unique in its group.
    pub name: String,
    /// When it holds instances.
    pub transition: HookTransition,
    /// The result applied when the wait times out.
    pub default_result: HookResult,
    /// Seconds an instance waits at most.
    pub heartbeat_timeout: u64,
    /// The user groups told (API 2.0 `notifyIds`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_user_groups: Option<Vec<String>>,
    /// Text copied into its message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_metadata: Option<String>,
    /// Where its message goes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_target: Option<MessageTarget>,
    /// Which activities it runs on.
    #[serde(default, skip_serializing_if = "is_normal")]
    pub scope: HookScope,
    /// The command it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<HookCommand>,
    /// Whether it holds without being bound (created through API 3.0).
    #[serde(default, skip_serializing_if = "is_false")]
    pub holds_unbound: bool,
    /// When it was created.
    #[serde(default)]
    pub created_time: u64,
}

/// The values of a new hook; a [`HookChange`] gives some of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookValues {
    /// Name.
    pub name: String,
    /// Transition.
    pub transition: HookTransition,
    /// Default result.
    pub default_result: HookResult,
    /// Heartbeat timeout, seconds.
    pub heartbeat_timeout: u64,
    /// User groups told.
    pub notify_user_groups: Option<Vec<String>>,
    /// Metadata.
    pub notification_metadata: Option<String>,
    /// Message target.
    pub message_target: Option<MessageTarget>,
    /// Scope.
    pub scope: HookScope,
    /// Command.
    pub command: Option<HookCommand>,
}

/// A change of a hook: each field given replaces the hook's (`Some(None)` clears an optional
/// one).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HookChange {
    /// Name.
    pub name: Option<String>,
    /// Transition.
    pub transition: Option<HookTransition>,
    /// Default result.
    pub default_result: Option<HookResult>,
    /// Heartbeat timeout.
    pub heartbeat_timeout: Option<u64>,
    /// User groups told.
    pub notify_user_groups: Option<Option<Vec<String>>>,
    /// Metadata.
    pub notification_metadata: Option<Option<String>>,
    /// Message target.
    pub message_target: Option<Option<MessageTarget>>,
    /// Scope.
    pub scope: Option<HookScope>,
    /// Command.
    pub command: Option<Option<HookCommand>>,
}

impl HookChange {
    /// A change that replaces every value (API 3.0 UpgradeLifecycleHook).
    pub fn everything(values: HookValues) -> HookChange {
        HookChange {
            name: Some(values.name),
            transition: Some(values.transition),
            default_result: Some(values.default_result),
            heartbeat_timeout: Some(values.heartbeat_timeout),
            notify_user_groups: Some(values.notify_user_groups),
            notification_metadata: Some(values.notification_metadata),
            message_target: Some(values.message_target),
            scope: Some(values.scope),
            command: Some(values.command),
        }
    }
}

fn name_taken(
    parts: &Parts<'_>,
    group: &str,
    name: &str,
    except: Option<&str>,
) -> Result<(), DomainError> {
    if parts
        .lifecycle_hooks
        .iter()
        .any(|h| Some(h.id.as_str()) != except && h.name == name)
    {
        return Err(DomainError::HookNameTaken {
            name: name.to_owned(),
            group: group.to_owned(),
        });
    }
    Ok(())
}

/// Creates a hook of `group` with an id of `prefix` (`ash` for API 3.0, `lfh` for API 2.0).
/// Checks, in order: the group exists; the name is not blank
/// ([`DomainError::HookNameEmpty`]); no hook of the group has it
/// ([`DomainError::HookNameTaken`]); the group has fewer than
/// [`Quota::LifecycleHooksPerGroup`]. `holds_unbound`: whether it holds without being bound.
pub fn create(
    store: &mut impl PartsStore,
    group: &str,
    values: HookValues,
    prefix: &str,
    holds_unbound: bool,
    now: u64,
) -> Result<String, DomainError> {
    let Some(parts) = store.parts(group) else {
        return Err(DomainError::GroupNotFound {
            group: group.to_owned(),
        });
    };
    if values.name.trim().is_empty() {
        return Err(DomainError::HookNameEmpty);
    }
    name_taken(&parts, group, &values.name, None)?;
    Quota::LifecycleHooksPerGroup.check(
        parts.lifecycle_hooks.len(),
        format!("scaling group {group}"),
    )?;
    let id = ids::fresh_with_prefix(prefix, |id| store.part_id_taken(id))?;
    let hook = LifecycleHook {
        id: id.clone(),
        name: values.name,
        transition: values.transition,
        default_result: values.default_result,
        heartbeat_timeout: values.heartbeat_timeout,
        notify_user_groups: values.notify_user_groups,
        notification_metadata: values.notification_metadata,
        message_target: values.message_target,
        scope: values.scope,
        command: values.command,
        holds_unbound,
        created_time: now,
    };
    parts::push(store, group, hook);
    Ok(id)
}

/// The group holding hook `id` and its index there ([`parts::locate`]): with `group`, an
/// unknown group is [`DomainError::GroupNotFound`], a hook of another group
/// [`DomainError::HookInOtherGroup`]; any hook no group has is [`DomainError::HookNotFound`].
pub fn locate(
    store: &impl PartsStore,
    group: Option<&str>,
    id: &str,
) -> Result<(String, usize), DomainError> {
    parts::locate::<LifecycleHook>(store, group, id)
}

/// Changes hook `id` ([`locate`]): a new name is not blank and no other hook of the group has
/// it; then the values given replace the hook's. A bound hook stays bound.
pub fn modify(
    store: &mut impl PartsStore,
    group: Option<&str>,
    id: &str,
    change: HookChange,
) -> Result<(), DomainError> {
    let (g, i) = locate(store, group, id)?;
    if let Some(name) = &change.name {
        if name.trim().is_empty() {
            return Err(DomainError::HookNameEmpty);
        }
        if let Some(parts) = store.parts(&g) {
            name_taken(&parts, &g, name, Some(id))?;
        }
    }
    let Some(hook) = parts::get_mut::<LifecycleHook>(store, &g, i) else {
        return Err(DomainError::HookNotFound { id: id.to_owned() });
    };
    let HookChange {
        name,
        transition,
        default_result,
        heartbeat_timeout,
        notify_user_groups,
        notification_metadata,
        message_target,
        scope,
        command,
    } = change;
    if let Some(v) = name {
        hook.name = v;
    }
    if let Some(v) = transition {
        hook.transition = v;
    }
    if let Some(v) = default_result {
        hook.default_result = v;
    }
    if let Some(v) = heartbeat_timeout {
        hook.heartbeat_timeout = v;
    }
    if let Some(v) = notify_user_groups {
        hook.notify_user_groups = v;
    }
    if let Some(v) = notification_metadata {
        hook.notification_metadata = v;
    }
    if let Some(v) = message_target {
        hook.message_target = v;
    }
    if let Some(v) = scope {
        hook.scope = v;
    }
    if let Some(v) = command {
        hook.command = v;
    }
    Ok(())
}

/// Deletes hook `id` ([`locate`]); the group's bound hook is refused
/// ([`DomainError::HookBound`]).
pub fn delete(
    store: &mut impl PartsStore,
    group: Option<&str>,
    id: &str,
) -> Result<(), DomainError> {
    let (g, i) = locate(store, group, id)?;
    if store.parts(&g).and_then(|p| p.bound_hook) == Some(id) {
        return Err(DomainError::HookBound {
            id: id.to_owned(),
            group: g,
        });
    }
    parts::remove::<LifecycleHook>(store, &g, i);
    Ok(())
}

/// Ends the wait of `instance` at hook `id` ([`locate`]) with `result` at `now`: a launching
/// instance goes in service (continue) or is released (abandon); a terminating one is removed
/// either way. [`DomainError::HookNotHolding`] when the hook does not hold it,
/// [`DomainError::HookResultAlreadySet`] when its result was given already.
pub fn complete(
    store: &mut impl PartsStore,
    group: Option<&str>,
    id: &str,
    instance: &str,
    result: HookResult,
    now: u64,
) -> Result<(), DomainError> {
    let (g, _) = locate(store, group, id)?;
    match store.end_hold(&g, id, instance, result, now) {
        HoldEnd::Ended => Ok(()),
        HoldEnd::AlreadyEnded => Err(DomainError::HookResultAlreadySet {
            hook: id.to_owned(),
            instance: instance.to_owned(),
        }),
        HoldEnd::NotHeld => Err(DomainError::HookNotHolding {
            hook: id.to_owned(),
            instance: instance.to_owned(),
        }),
    }
}

/// The hook of a group's `parts` that holds instances at `transition`, if any: the bound
/// one, else the first that holds unbound.
pub fn holding<'a>(parts: &Parts<'a>, transition: HookTransition) -> Option<&'a LifecycleHook> {
    let bound = parts
        .bound_hook
        .and_then(|b| parts.lifecycle_hooks.iter().find(|h| h.id == b))
        .filter(|h| h.transition == transition);
    bound.or_else(|| {
        parts
            .lifecycle_hooks
            .iter()
            .find(|h| h.holds_unbound && h.transition == transition)
    })
}

/// Every refusal the hook commands can answer (for the spec-built test).
#[cfg(test)]
pub(crate) fn refusals() -> Vec<DomainError> {
    vec![
        DomainError::GroupNotFound { group: "g".into() },
        DomainError::HookNameEmpty,
        DomainError::HookNameTaken {
            name: "n".into(),
            group: "g".into(),
        },
        DomainError::QuotaExceeded {
            quota: Quota::LifecycleHooksPerGroup,
            scope: "g".into(),
        },
        DomainError::HookNotFound { id: "h".into() },
        DomainError::HookInOtherGroup {
            id: "h".into(),
            owner: "o".into(),
            group: "g".into(),
        },
        DomainError::HookBound {
            id: "h".into(),
            group: "g".into(),
        },
        DomainError::HookNotHolding {
            hook: "h".into(),
            instance: "i".into(),
        },
        DomainError::HookResultAlreadySet {
            hook: "h".into(),
            instance: "i".into(),
        },
        DomainError::NoRandomness("x".into()),
    ]
    .into_iter()
    .chain(super::lifecycle::refusals())
    .collect()
}
