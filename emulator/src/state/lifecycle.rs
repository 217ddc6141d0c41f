//! The state's lifecycle actions (`lifecycleActions:`, format 4): their checks on load, and
//! the conversion of a format-3 document, whose holds in progress had no token.

use super::check::Problem;
use super::{State, Step};
use crate::domain::hooks::LifecycleHook;
use crate::domain::ids;
use crate::domain::lifecycle::{ActionEnd, EndReason, LifecycleAction};
use crate::domain::parts::{self, PartsStore};
use std::collections::HashSet;

impl State {
    /// The `lifecycleActions:` entries: only from format 4 on, each token once and not blank.
    pub(crate) fn check_lifecycle_actions(&self) -> Result<(), Problem> {
        if self.version < 4 && !self.lifecycle_actions.is_empty() {
            return Err(Problem::new(
                "lifecycleActions",
                format!(
                    "format {} has no lifecycle actions (format 4 added them): write version: 4",
                    self.version
                ),
            )
            .at("lifecycleActions", 1));
        }
        let mut seen = HashSet::new();
        for (i, a) in self.lifecycle_actions.iter().enumerate() {
            let entry = format!("lifecycleActions[{i}]");
            if a.token.trim().is_empty() {
                return Err(Problem::new(entry, "token is empty"));
            }
            if !seen.insert(a.token.as_str()) {
                return Err(Problem::new(
                    entry,
                    format!("token {:?} is given more than once", a.token),
                ));
            }
        }
        Ok(())
    }

    /// Gives every hold in progress that has no lifecycle action one (a format-3 document's
    /// holds, or a state built without them): a pending one with a fresh token, started a
    /// heartbeat timeout before it times out, its message, if the hook has somewhere to send
    /// one, the hook's as it is now; a hold whose result a call gave already (`completed`)
    /// gets an ended one, with that result, ended by the call when the step says (its
    /// `until`). The action is the one record of how a hold ended, which the activity shows.
    /// Linear in the holds and actions.
    pub(crate) fn upgrade_lifecycle_actions(&mut self) {
        // Pending holds by hook and instance; every hold by hook, instance and activity.
        let pending: HashSet<(&str, &str)> = self
            .lifecycle_actions
            .iter()
            .filter(|a| a.ended.is_none())
            .map(|a| (a.hook_id.as_str(), a.instance_id.as_str()))
            .collect();
        let recorded: HashSet<(&str, &str, &str)> = self
            .lifecycle_actions
            .iter()
            .map(|a| {
                let activity = a.activity_id.as_str();
                (a.hook_id.as_str(), a.instance_id.as_str(), activity)
            })
            .collect();
        let mut missing = Vec::new();
        for run in &self.simulation.activities {
            for step in &run.instances {
                let Some(hook) = step.life_cycle_hook_id.as_deref() else {
                    continue;
                };
                let held = matches!(step.step, Step::LaunchHook | Step::RemoveHook);
                let instance = step.instance_id.as_str();
                let known = if step.completed {
                    recorded.contains(&(hook, instance, run.scaling_activity_id.as_str()))
                } else {
                    pending.contains(&(hook, instance))
                };
                if held && !known {
                    missing.push((
                        run.scaling_group_id.clone(),
                        run.scaling_activity_id.clone(),
                        hook.to_owned(),
                        step.instance_id.clone(),
                        step.until,
                        step.result.filter(|_| step.completed),
                    ));
                }
            }
        }
        let mut tokens: HashSet<String> = self
            .lifecycle_actions
            .iter()
            .map(|a| a.token.clone())
            .collect();
        for (group, activity, hook_id, instance, until, result) in missing {
            let Ok((g, i)) = parts::locate::<LifecycleHook>(&*self, Some(&group), &hook_id) else {
                continue;
            };
            let Some(hook) = self
                .parts(&g)
                .and_then(|p| p.lifecycle_hooks.get(i).cloned())
            else {
                continue;
            };
            let Ok(token) = ids::fresh_token(|t| tokens.contains(t)) else {
                return;
            };
            tokens.insert(token.clone());
            let message = crate::domain::lifecycle::message_of(&hook);
            let ended = result.map(|result| ActionEnd {
                result,
                reason: EndReason::Call,
                at: until,
            });
            self.lifecycle_actions.push(LifecycleAction {
                token,
                hook_id,
                group_id: group,
                instance_id: instance,
                activity_id: activity,
                transition: hook.transition,
                started: until.saturating_sub(hook.heartbeat_timeout),
                default_result: hook.default_result,
                message,
                invocation: None,
                ended,
            });
        }
    }
}
