//! `hookResults` of format-4 scaling activities, read into the lifecycle actions.
//!
//! A format-4 document written before the lifecycle actions became the one record of a hold's
//! outcome kept it twice: on the activity (`scalingActivities[].hookResults`: hook, instance,
//! result, and whether a call gave it) and on the hold's lifecycle action
//! (`lifecycleActions[].ended`). Now only the action keeps it (the activity's
//! `LifecycleActionResultSet` is built from the actions naming it) and `hookResults` is not
//! written. A document that has them still loads: each result that an action records already
//! must say the same (else the document is refused, naming the entry and the action); a result
//! no action records (the action was forgotten, or the document written by hand) becomes an
//! ended action of its own, with a fresh token, so the activity answers as it did. Linear in
//! the results and actions.

use super::check::Problem;
use super::State;
use crate::domain::hooks::LifecycleHook;
use crate::domain::ids;
use crate::domain::lifecycle::{ActionEnd, EndReason, LifecycleAction};
use crate::domain::model::{ActivityKind, HookResult, HookTransition};
use crate::domain::parts::{self, PartsStore};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// An entry of `hookResults` as format 4 wrote it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Entry {
    hook_id: String,
    instance_id: String,
    result: HookResult,
    /// A call (or the hook's command) gave the result, not the heartbeat timeout.
    #[serde(default)]
    completed: bool,
}

/// An entry of an activity's `hookResults`, read aside until the state folds it into its
/// lifecycle actions.
#[derive(Debug, Clone)]
pub(crate) struct ReadHookOutcome {
    /// The activity's position in `scalingActivities`, and its id.
    position: usize,
    activity_id: String,
    /// The entry's position in its `hookResults`.
    index: usize,
    entry: Entry,
}

/// Takes the `hookResults` out of an activity entry in the domain's shape, at `position` in
/// `scalingActivities`; an error names what does not decode.
pub(crate) fn take(
    entry: &mut serde_json::Value,
    position: usize,
) -> Result<Vec<ReadHookOutcome>, String> {
    let Some(fields) = entry.as_object_mut() else {
        return Ok(Vec::new());
    };
    let Some(results) = fields.remove("hookResults") else {
        return Ok(Vec::new());
    };
    let activity_id = fields
        .get("id")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned();
    let entries: Vec<Entry> = serde_json::from_value(results).map_err(|e| e.to_string())?;
    Ok(entries
        .into_iter()
        .enumerate()
        .map(|(index, entry)| ReadHookOutcome {
            position,
            activity_id: activity_id.clone(),
            index,
            entry,
        })
        .collect())
}

fn result_word(result: HookResult) -> &'static str {
    match result {
        HookResult::Continue => "continue",
        HookResult::Abandon => "abandon",
    }
}

impl State {
    /// Folds the `hookResults` read with the activities into the lifecycle actions (see the
    /// module): one that an action records must agree with it; one that none records becomes
    /// an ended action, before those the document lists (their holds started earlier).
    pub(crate) fn fold_hook_results(&mut self) -> Result<(), Problem> {
        let read = std::mem::take(&mut self.scaling_activities.read_hook_results);
        if read.is_empty() {
            return Ok(());
        }
        let recorded: HashMap<(&str, &str, &str), usize> = self
            .lifecycle_actions
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let key = (
                    a.activity_id.as_str(),
                    a.hook_id.as_str(),
                    a.instance_id.as_str(),
                );
                (key, i)
            })
            .collect();
        let mut missing = Vec::new();
        for r in &read {
            let e = &r.entry;
            let key = (
                r.activity_id.as_str(),
                e.hook_id.as_str(),
                e.instance_id.as_str(),
            );
            let Some(&k) = recorded.get(&key) else {
                missing.push(r);
                continue;
            };
            let action = &self.lifecycle_actions[k];
            let how = |completed: bool| {
                if completed {
                    "by a call"
                } else {
                    "by its timeout"
                }
            };
            let disagreement = match action.ended {
                None => Some("is pending".to_owned()),
                Some(end)
                    if end.result != e.result
                        || (end.reason == EndReason::HeartbeatTimeout) == e.completed =>
                {
                    Some(format!(
                        "ended {} {}",
                        result_word(end.result),
                        how(end.reason != EndReason::HeartbeatTimeout)
                    ))
                }
                Some(_) => None,
            };
            if let Some(disagreement) = disagreement {
                return Err(Problem::new(
                    format!("scalingActivities[{}].hookResults[{}]", r.position, r.index),
                    format!(
                        "the hold of {} by {} ended {} {} where lifecycleActions[{k}] (token {}) \
                         {disagreement}: the two records of the hold disagree (the lifecycle \
                         action is the one kept: drop hookResults)",
                        e.instance_id,
                        e.hook_id,
                        result_word(e.result),
                        how(e.completed),
                        action.token
                    ),
                )
                .at(&e.instance_id, 1));
            }
        }
        let added = self.actions_of(&missing);
        let listed = std::mem::replace(&mut self.lifecycle_actions, added);
        self.lifecycle_actions.extend(listed);
        Ok(())
    }

    /// An ended lifecycle action for each result no action records: the hook's transition and
    /// default result (as the activity's kind says and the result itself, when the hook is
    /// gone), started when the activity did, ended when it did (or started), by a call or the
    /// timeout as the entry says, with no message or command run known.
    fn actions_of(&self, missing: &[&ReadHookOutcome]) -> Vec<LifecycleAction> {
        let mut tokens: HashSet<String> = self
            .lifecycle_actions
            .iter()
            .map(|a| a.token.clone())
            .collect();
        let mut hooks: HashMap<(String, String), Option<LifecycleHook>> = HashMap::new();
        let mut added = Vec::with_capacity(missing.len());
        for r in missing {
            let e = &r.entry;
            let Some(activity) = self.scaling_activities.get(&r.activity_id) else {
                continue;
            };
            let hook = hooks
                .entry((activity.group.clone(), e.hook_id.clone()))
                .or_insert_with(|| {
                    let (g, i) =
                        parts::locate::<LifecycleHook>(self, Some(&activity.group), &e.hook_id)
                            .ok()?;
                    self.parts(&g)?.lifecycle_hooks.get(i).cloned()
                });
            let transition = match (hook.as_ref(), activity.kind) {
                (Some(hook), _) => hook.transition,
                (None, ActivityKind::ScaleIn) => HookTransition::Terminating,
                (None, _) => HookTransition::Launching,
            };
            let Ok(token) = ids::fresh_token(|t| tokens.contains(t)) else {
                // No randomness: the results stay unread, as holds with no record.
                return added;
            };
            tokens.insert(token.clone());
            added.push(LifecycleAction {
                token,
                hook_id: e.hook_id.clone(),
                group_id: activity.group.clone(),
                instance_id: e.instance_id.clone(),
                activity_id: activity.id.clone(),
                transition,
                started: activity.started,
                default_result: hook.as_ref().map_or(e.result, |h| h.default_result),
                message: None,
                invocation: None,
                ended: Some(ActionEnd {
                    result: e.result,
                    reason: if e.completed {
                        EndReason::Call
                    } else {
                        EndReason::HeartbeatTimeout
                    },
                    at: activity.ended.unwrap_or(activity.started),
                }),
            });
        }
        added
    }
}
