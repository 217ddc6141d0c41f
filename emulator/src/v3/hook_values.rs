//! The values of API 3.0's lifecycle-hook requests, read into the domain's: transitions,
//! results, scopes, `HeartbeatTimeout` (30–7200 s), message targets and commands, with the
//! refusals of what is only about the wire ([`Refusal`]).

use crate::domain::hooks::{HookCommand, HookScope, HookValues, MessageTarget, MessageTargetKind};
use crate::domain::model::{HookResult, HookTransition};
use qcloud_as::v3::types::{
    HookTargetType, LifecycleActionResult, LifecycleCommand, LifecycleTransition,
    LifecycleTransitionType, NotificationTarget,
};
use qcloud_as::v3::CommonError;

/// The prefix of hooks made through API 3.0.
pub(super) const PREFIX: &str = "ash";
/// `HeartbeatTimeout`'s range, seconds, and its default.
pub(super) const TIMEOUTS: (i64, i64, u64) = (30, 7200, 300);
/// The longest `NotificationMetadata`, characters.
pub(super) const MAX_METADATA: usize = 1024;

/// Why a request's values are refused before the domain sees them.
pub(super) enum Refusal {
    /// A value out of its range (`HeartbeatTimeout`).
    Range(String),
    /// Parameters that cannot go together.
    Conflict(String),
    /// Another bad value.
    Value(String),
}

pub(super) fn transition(t: &LifecycleTransition) -> Result<HookTransition, Refusal> {
    match t {
        LifecycleTransition::InstanceLaunching => Ok(HookTransition::Launching),
        LifecycleTransition::InstanceTerminating => Ok(HookTransition::Terminating),
        other => Err(Refusal::Value(format!(
            "LifecycleTransition: {other} is not listed"
        ))),
    }
}

pub(super) fn result(r: &LifecycleActionResult) -> Result<HookResult, String> {
    match r {
        LifecycleActionResult::Continue => Ok(HookResult::Continue),
        LifecycleActionResult::Abandon => Ok(HookResult::Abandon),
        other => Err(format!("{other} is not CONTINUE or ABANDON")),
    }
}

pub(super) fn scope(t: &LifecycleTransitionType) -> Result<HookScope, Refusal> {
    match t {
        LifecycleTransitionType::Normal => Ok(HookScope::Normal),
        LifecycleTransitionType::Extension => Ok(HookScope::Extension),
        other => Err(Refusal::Value(format!(
            "LifecycleTransitionType: {other} is not listed"
        ))),
    }
}

pub(super) fn timeout(seconds: i64) -> Result<u64, Refusal> {
    let (low, high, _) = TIMEOUTS;
    if !(low..=high).contains(&seconds) {
        return Err(Refusal::Range(format!(
            "HeartbeatTimeout: {seconds} is outside {low} to {high} seconds"
        )));
    }
    Ok(u64::try_from(seconds).unwrap_or(0))
}

pub(super) fn target(t: &NotificationTarget) -> Result<MessageTarget, Refusal> {
    let kind = match t.target_type {
        HookTargetType::TdmqCmqQueue => MessageTargetKind::TdmqCmqQueue,
        HookTargetType::TdmqCmqTopic => MessageTargetKind::TdmqCmqTopic,
        HookTargetType::CmqQueue => MessageTargetKind::CmqQueue,
        HookTargetType::CmqTopic => MessageTargetKind::CmqTopic,
        ref other => {
            return Err(Refusal::Value(format!(
                "NotificationTarget.TargetType: {other} is not listed"
            )))
        }
    };
    let queue = matches!(
        kind,
        MessageTargetKind::TdmqCmqQueue | MessageTargetKind::CmqQueue
    );
    let (needed, name) = if queue {
        ("QueueName", &t.queue_name)
    } else {
        ("TopicName", &t.topic_name)
    };
    if name.as_deref().is_none_or(|n| n.trim().is_empty()) {
        return Err(Refusal::Value(format!(
            "NotificationTarget.{needed}: a {} target needs it",
            t.target_type
        )));
    }
    Ok(MessageTarget {
        kind,
        queue_name: t.queue_name.clone().filter(|_| queue),
        topic_name: t.topic_name.clone().filter(|_| !queue),
    })
}

/// The values every create, modify and upgrade request may give, checked: the metadata (at
/// most 1024 characters) and target do not go with a command (`InvalidParameter.Conflict`).
pub(super) struct Given<'a> {
    pub(super) metadata: Option<&'a String>,
    pub(super) target: Option<&'a NotificationTarget>,
    pub(super) command: Option<&'a LifecycleCommand>,
}

impl Given<'_> {
    pub(super) fn check(&self) -> Result<(Option<MessageTarget>, Option<HookCommand>), Refusal> {
        if self.command.is_some() && (self.metadata.is_some() || self.target.is_some()) {
            return Err(Refusal::Conflict(
                "LifecycleCommand cannot go with NotificationTarget or NotificationMetadata"
                    .to_owned(),
            ));
        }
        if let Some(m) = self.metadata {
            if m.chars().count() > MAX_METADATA {
                return Err(Refusal::Value(format!(
                    "NotificationMetadata: at most {MAX_METADATA} characters"
                )));
            }
        }
        let target = self.target.map(target).transpose()?;
        let command = self.command.map(|c| HookCommand {
            command_id: c.command_id.clone(),
            parameters: c.parameters.clone(),
        });
        Ok((target, command))
    }
}

/// The answer to a [`Refusal`]: `range` and `conflict` build the action's codes, when it has
/// them; otherwise the common `InvalidParameterValue` and `InvalidParameter`.
pub(super) fn refuse<E: From<CommonError>>(
    r: Refusal,
    range: Option<fn(String) -> E>,
    conflict: Option<fn(String) -> E>,
) -> E {
    match (r, range, conflict) {
        (Refusal::Range(m), Some(range), _) => range(m),
        (Refusal::Conflict(m), _, Some(conflict)) => conflict(m),
        (Refusal::Conflict(m), _, None) => CommonError::invalid_parameter(m).into(),
        (Refusal::Range(m) | Refusal::Value(m), _, _) => {
            CommonError::invalid_parameter_value(m).into()
        }
    }
}

/// Every value of a hook as CreateLifecycleHook and UpgradeLifecycleHook give them; those left
/// out take their defaults (`CONTINUE`, 300 s, `NORMAL`).
pub(super) struct Whole<'a> {
    /// `LifecycleHookName`.
    pub(super) name: &'a str,
    /// `LifecycleTransition`.
    pub(super) transition: &'a LifecycleTransition,
    /// `DefaultResult`.
    pub(super) default_result: Option<&'a LifecycleActionResult>,
    /// `HeartbeatTimeout`.
    pub(super) heartbeat_timeout: Option<i64>,
    /// `NotificationMetadata`, `NotificationTarget`, `LifecycleCommand`.
    pub(super) given: Given<'a>,
    /// `LifecycleTransitionType`.
    pub(super) transition_type: Option<&'a LifecycleTransitionType>,
}

/// The [`Whole`] of a CreateLifecycleHook or UpgradeLifecycleHook request (the two have the
/// same fields).
macro_rules! whole_of {
    ($request:expr) => {
        $crate::v3::hook_values::Whole {
            name: &$request.lifecycle_hook_name,
            transition: &$request.lifecycle_transition,
            default_result: $request.default_result.as_ref(),
            heartbeat_timeout: $request.heartbeat_timeout,
            given: $crate::v3::hook_values::Given {
                metadata: $request.notification_metadata.as_ref(),
                target: $request.notification_target.as_ref(),
                command: $request.lifecycle_command.as_ref(),
            },
            transition_type: $request.lifecycle_transition_type.as_ref(),
        }
    };
}
pub(super) use whole_of;

impl Whole<'_> {
    /// The domain's values, checked in order: `HeartbeatTimeout`, what goes together
    /// ([`Given::check`]), the transition, the default result, the transition type.
    pub(super) fn values(self) -> Result<HookValues, Refusal> {
        let heartbeat = self.heartbeat_timeout.map(timeout).transpose()?;
        let (message_target, command) = self.given.check()?;
        Ok(HookValues {
            name: self.name.to_owned(),
            transition: transition(self.transition)?,
            default_result: match self.default_result {
                Some(r) => result(r).map_err(|m| Refusal::Value(format!("DefaultResult: {m}")))?,
                None => HookResult::Continue,
            },
            heartbeat_timeout: heartbeat.unwrap_or(TIMEOUTS.2),
            notify_user_groups: None,
            notification_metadata: self.given.metadata.cloned(),
            message_target,
            scope: match self.transition_type {
                Some(t) => scope(t)?,
                None => HookScope::Normal,
            },
            command,
        })
    }
}
