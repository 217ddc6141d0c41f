//! Lifecycle actions: each hold of an instance by a hook (see [`super::hooks`]) is a pending
//! action with a fresh token. The hook's message (to its queue or topic, or API 2.0's user
//! groups) carries the token, so a consumer can end the hold with it (API 3.0
//! CompleteLifecycleAction) as well as by the instance id; a hook with a command records the
//! command's invocation, which ends the hold. An action ends once, with its result and why
//! (a call, the heartbeat timeout, the command); ended actions are kept, a window per group,
//! so that an activity shows how its hooks ended (the action is the one record of a hold's
//! outcome: [`ended_of_activity`]) and a token used twice is told apart from one never
//! issued.
//!
//! The message is the one Tencent's CreateLifecycleHook page documents (`Service`, `Time`,
//! `AppId`, `ActivityId`, `AutoScalingGroupId`, `LifecycleHookId`, `LifecycleHookName`,
//! `LifecycleActionToken`, `InstanceId`, `LifecycleTransition`, `NotificationMetadata`);
//! the adapter that shows the outbox writes it in those words.

use super::error::DomainError;
use super::hooks::{self, LifecycleHook, MessageTarget};
use super::ids::{self, IdKind};
use super::model::{HookResult, HookTransition};
use super::parts::PartsStore;
use serde::{Deserialize, Serialize};

/// Ended actions kept per group: the oldest ended one is forgotten when a hold would go past
/// it (the activities they belong to are kept a window of 1,000 too).
pub const ENDED_ACTIONS_KEPT_PER_GROUP: usize = 1000;

/// A hold of an instance by a hook, pending or ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LifecycleAction {
    /// Its token (a UUID), unique in the account.
    pub token: String,
    /// The hook holding the instance.
    pub hook_id: String,
    /// The hook's group.
    pub group_id: String,
    /// The instance held.
    pub instance_id: String,
    /// The activity launching or removing it.
    pub activity_id: String,
    /// Launching or terminating.
    pub transition: HookTransition,
    /// When the hold started (Unix seconds).
    pub started: u64,
    /// The result the heartbeat timeout applies.
    pub default_result: HookResult,
    /// The message sent, when the hook has somewhere to send it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<LifecycleMessage>,
    /// The run of the hook's command, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invocation: Option<Invocation>,
    /// How it ended; none while it is pending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<ActionEnd>,
}

/// A hook's message about one hold, as it was sent (the hook may change later).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LifecycleMessage {
    /// The queue or topic it went to (API 3.0's `NotificationTarget`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<MessageTarget>,
    /// The user groups it went to (API 2.0's `notifyIds`), when it went to no queue or topic.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub user_group_ids: Vec<String>,
    /// The hook's name then.
    pub hook_name: String,
    /// The hook's `NotificationMetadata` then.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub metadata: String,
}

/// A run of a hook's command (TAT) on the held instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Invocation {
    /// The execution (`inv-…`).
    pub invocation_id: String,
    /// The execution on this one instance (`invt-…`).
    pub task_id: String,
    /// The command run.
    pub command_id: String,
}

/// How a lifecycle action ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActionEnd {
    /// The result that decided the instance's fate.
    pub result: HookResult,
    /// What gave it.
    pub reason: EndReason,
    /// When (Unix seconds).
    pub at: u64,
}

/// What ended a lifecycle action (API 3.0 `ResultReason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EndReason {
    /// A call: CompleteLifecycleAction or CompleteLifeCycleHookAction (`CALL_INTERFACE`).
    Call,
    /// The heartbeat timeout, with the default result (`HEARTBEAT_TIMEOUT`).
    HeartbeatTimeout,
    /// The hook's command finished (`COMMAND_EXEC_FINISH`).
    CommandFinished,
}

/// A hold as the simulation keeps it: the hook, when it times out, the result it ends with
/// so far, and whether that result is final (the command ended it at once).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hold {
    /// The hook holding the instance.
    pub hook_id: String,
    /// When the hold times out, or ended.
    pub until: u64,
    /// The result: the default one until a call or the command gives another.
    pub result: HookResult,
    /// Whether the hold is over already (the command ended it).
    pub ended: bool,
}

/// Starts the hold of `instance`, which `activity` of `group` launches or removes at
/// `transition`, by the hook that holds there ([`hooks::holding`]), if one does: a pending
/// action with a fresh token, its message and the run of the hook's command. The emulator
/// runs no command: its run is recorded as successful, and ends the hold at once with
/// `CONTINUE`. `None` when no hook holds (or no token could be made: then none holds).
pub fn begin(
    store: &mut impl PartsStore,
    group: &str,
    transition: HookTransition,
    instance: &str,
    activity: &str,
    now: u64,
) -> Option<Hold> {
    let hook = hooks::holding(&store.parts(group)?, transition)?.clone();
    let token =
        ids::fresh_token(|t| store.lifecycle_actions().iter().any(|a| a.token == t)).ok()?;
    let run = |id: &str| {
        store.lifecycle_actions().iter().any(|a| {
            a.invocation
                .as_ref()
                .is_some_and(|i| i.invocation_id == id || i.task_id == id)
        })
    };
    let invocation = match &hook.command {
        Some(command) => Some(Invocation {
            invocation_id: ids::fresh(IdKind::Invocation, run).ok()?,
            task_id: ids::fresh(IdKind::InvocationTask, run).ok()?,
            command_id: command.command_id.clone(),
        }),
        None => None,
    };
    let message = message_of(&hook);
    let ended = invocation.as_ref().map(|_| ActionEnd {
        result: HookResult::Continue,
        reason: EndReason::CommandFinished,
        at: now,
    });
    let hold = Hold {
        hook_id: hook.id.clone(),
        until: if ended.is_some() {
            now
        } else {
            now.saturating_add(hook.heartbeat_timeout)
        },
        result: ended.map_or(hook.default_result, |e| e.result),
        ended: ended.is_some(),
    };
    let actions = store.lifecycle_actions_mut();
    forget_oldest_ended(actions, group);
    actions.push(LifecycleAction {
        token,
        hook_id: hook.id,
        group_id: group.to_owned(),
        instance_id: instance.to_owned(),
        activity_id: activity.to_owned(),
        transition,
        started: now,
        default_result: hook.default_result,
        message,
        invocation,
        ended,
    });
    Some(hold)
}

/// The message `hook` sends about a hold, as it is now: to its queue or topic, else to its
/// user groups (API 2.0's `notifyIds`); none when it has neither.
pub fn message_of(hook: &LifecycleHook) -> Option<LifecycleMessage> {
    let user_groups = hook.notify_user_groups.clone().unwrap_or_default();
    (hook.message_target.is_some() || !user_groups.is_empty()).then(|| LifecycleMessage {
        target: hook.message_target.clone(),
        user_group_ids: if hook.message_target.is_some() {
            Vec::new()
        } else {
            user_groups
        },
        hook_name: hook.name.clone(),
        metadata: hook.notification_metadata.clone().unwrap_or_default(),
    })
}

/// Forgets the oldest ended action of `group` when it has [`ENDED_ACTIONS_KEPT_PER_GROUP`].
fn forget_oldest_ended(actions: &mut Vec<LifecycleAction>, group: &str) {
    let ended = |a: &LifecycleAction| a.group_id == group && a.ended.is_some();
    if actions.iter().filter(|a| ended(a)).count() >= ENDED_ACTIONS_KEPT_PER_GROUP {
        if let Some(oldest) = actions.iter().position(ended) {
            actions.remove(oldest);
        }
    }
}

/// Ends the pending action of `hook` holding `instance` with `result` for `reason` at `now`;
/// whether there was one.
pub fn settle(
    actions: &mut [LifecycleAction],
    hook: &str,
    instance: &str,
    result: HookResult,
    reason: EndReason,
    now: u64,
) -> bool {
    match actions
        .iter_mut()
        .rev()
        .find(|a| a.ended.is_none() && a.hook_id == hook && a.instance_id == instance)
    {
        Some(action) => {
            action.ended = Some(ActionEnd {
                result,
                reason,
                at: now,
            });
            true
        }
        None => false,
    }
}

/// The simulation ends the hold of `instance` by `hook` at `now` with `result`: an action
/// still pending then timed out (a call or the command would have ended it already).
pub fn hold_over(
    store: &mut impl PartsStore,
    hook: &str,
    instance: &str,
    result: HookResult,
    now: u64,
) {
    settle(
        store.lifecycle_actions_mut(),
        hook,
        instance,
        result,
        EndReason::HeartbeatTimeout,
        now,
    );
}

/// Ends the action with `token` of hook `hook` with `result` at `now` (API 3.0
/// CompleteLifecycleAction by token). Checks, in order: the hook exists
/// ([`DomainError::HookNotFound`]); an action has the token
/// ([`DomainError::LifecycleTokenNotFound`]); it is the hook's
/// ([`DomainError::LifecycleTokenOfOtherHook`]); it is pending
/// ([`DomainError::HookResultAlreadySet`]). Then the hold ends as by the instance id
/// ([`hooks::complete`]).
pub fn complete_by_token(
    store: &mut impl PartsStore,
    hook: &str,
    token: &str,
    result: HookResult,
    now: u64,
) -> Result<(), DomainError> {
    hooks::locate(store, None, hook)?;
    let Some(action) = store.lifecycle_actions().iter().find(|a| a.token == token) else {
        return Err(DomainError::LifecycleTokenNotFound {
            token: token.to_owned(),
        });
    };
    if action.hook_id != hook {
        return Err(DomainError::LifecycleTokenOfOtherHook {
            token: token.to_owned(),
            hook: hook.to_owned(),
            owner: action.hook_id.clone(),
        });
    }
    if action.ended.is_some() {
        return Err(DomainError::HookResultAlreadySet {
            hook: hook.to_owned(),
            instance: action.instance_id.clone(),
        });
    }
    let instance = action.instance_id.clone();
    hooks::complete(store, None, hook, &instance, result, now)
}

/// The actions of `activity`, in the order their holds started.
pub fn of_activity<'a>(
    actions: &'a [LifecycleAction],
    activity: &'a str,
) -> impl Iterator<Item = &'a LifecycleAction> + 'a {
    actions.iter().filter(move |a| a.activity_id == activity)
}

/// How the holds of `activity` ended: its ended actions with their ends, in the order they
/// ended (holds that ended at the same time in the order they started). The one record of a
/// hold's outcome, which API 3.0 shows as the activity's `LifecycleActionResultSet`; pending
/// holds are not listed.
pub fn ended_of_activity<'a>(
    actions: &'a [LifecycleAction],
    activity: &'a str,
) -> Vec<(&'a LifecycleAction, ActionEnd)> {
    let mut ended: Vec<_> = of_activity(actions, activity)
        .filter_map(|a| a.ended.map(|end| (a, end)))
        .collect();
    // Stable: the order of start among holds that ended together.
    ended.sort_by_key(|(_, end)| end.at);
    ended
}

/// The refusals of [`complete_by_token`] beyond those of [`hooks::complete`] (for the
/// spec-built test).
#[cfg(test)]
pub(crate) fn refusals() -> Vec<DomainError> {
    vec![
        DomainError::LifecycleTokenNotFound { token: "t".into() },
        DomainError::LifecycleTokenOfOtherHook {
            token: "t".into(),
            hook: "h".into(),
            owner: "o".into(),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(n: usize, group: &str, ended: bool) -> LifecycleAction {
        LifecycleAction {
            token: format!("t{n}"),
            hook_id: "ash-1".into(),
            group_id: group.into(),
            instance_id: format!("ins-{n}"),
            activity_id: "asa-1".into(),
            transition: HookTransition::Launching,
            started: 0,
            default_result: HookResult::Abandon,
            message: None,
            invocation: None,
            ended: ended.then_some(ActionEnd {
                result: HookResult::Continue,
                reason: EndReason::Call,
                at: 0,
            }),
        }
    }

    #[test]
    fn a_window_of_ended_actions_is_kept_per_group() {
        let mut actions: Vec<LifecycleAction> = (0..ENDED_ACTIONS_KEPT_PER_GROUP)
            .map(|n| action(n, "asg-a", true))
            .collect();
        actions.insert(0, action(9999, "asg-a", false));
        actions.insert(1, action(9998, "asg-b", true));
        forget_oldest_ended(&mut actions, "asg-a");
        // The oldest ended one of the group goes; the pending one and the other group's stay.
        assert_eq!(actions.len(), ENDED_ACTIONS_KEPT_PER_GROUP + 1);
        assert_eq!(actions[0].token, "t9999");
        assert_eq!(actions[1].token, "t9998");
        assert_eq!(actions[2].token, "t1");
        forget_oldest_ended(&mut actions, "asg-b");
        assert_eq!(actions.len(), ENDED_ACTIONS_KEPT_PER_GROUP + 1);
    }

    #[test]
    fn an_action_ends_once() {
        let mut actions = vec![action(1, "asg-a", false)];
        let end = |a: &mut [LifecycleAction], reason| {
            settle(a, "ash-1", "ins-1", HookResult::Abandon, reason, 7)
        };
        assert!(end(&mut actions, EndReason::HeartbeatTimeout));
        assert!(!end(&mut actions, EndReason::Call));
        assert_eq!(
            actions[0].ended,
            Some(ActionEnd {
                result: HookResult::Abandon,
                reason: EndReason::HeartbeatTimeout,
                at: 7
            })
        );
    }
}
