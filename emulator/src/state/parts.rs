//! The state as the domain's [`PartsStore`]: the scheduled actions, lifecycle hooks and
//! notifications each group stores as the domain's types, and the holds of hooks in the
//! activities in progress. Also the refusal of a format-2 document that stores them in API
//! 2.0's shapes.

use super::check::Problem;
use super::{State, Step};
use crate::domain::lifecycle::{self, EndReason, LifecycleAction};
use crate::domain::model::HookResult;
use crate::domain::parts::{HoldEnd, Parts, PartsMut, PartsStore};
use serde_json::Value;

impl PartsStore for State {
    fn group_ids(&self) -> Vec<String> {
        self.scaling_groups.iter().map(|g| g.id.clone()).collect()
    }

    fn parts(&self, group: &str) -> Option<Parts<'_>> {
        self.group(group).map(|g| Parts {
            scheduled_actions: &g.scheduled_actions,
            lifecycle_hooks: &g.lifecycle_hooks,
            bound_hook: g.bound_life_cycle_hook_id.as_deref(),
            notifications: &g.notifications,
        })
    }

    fn parts_mut(&mut self, group: &str) -> Option<PartsMut<'_>> {
        self.group_mut(group).map(|g| PartsMut {
            scheduled_actions: &mut g.scheduled_actions,
            lifecycle_hooks: &mut g.lifecycle_hooks,
            bound_hook: &mut g.bound_life_cycle_hook_id,
            notifications: &mut g.notifications,
        })
    }

    fn part_id_taken(&self, id: &str) -> bool {
        self.scaling_groups.iter().any(|g| {
            g.scheduled_actions.iter().any(|a| a.id == id)
                || g.lifecycle_hooks.iter().any(|h| h.id == id)
                || g.notifications.iter().any(|n| n.id == id)
        })
    }

    fn end_hold(
        &mut self,
        group: &str,
        hook: &str,
        instance: &str,
        result: HookResult,
        now: u64,
    ) -> HoldEnd {
        let mut steps = self
            .simulation
            .activities
            .iter_mut()
            .filter(|a| a.scaling_group_id == group)
            .flat_map(|a| a.instances.iter_mut())
            .filter(|s| {
                s.instance_id == instance
                    && matches!(s.step, Step::LaunchHook | Step::RemoveHook)
                    && s.life_cycle_hook_id.as_deref() == Some(hook)
            });
        match steps.next() {
            None => HoldEnd::NotHeld,
            Some(step) if step.completed => HoldEnd::AlreadyEnded,
            Some(step) => {
                step.result = Some(result);
                step.completed = true;
                step.until = now;
                lifecycle::settle(
                    &mut self.lifecycle_actions,
                    hook,
                    instance,
                    result,
                    EndReason::Call,
                    now,
                );
                HoldEnd::Ended
            }
        }
    }

    fn extend_hold(&mut self, group: &str, hook: &str, instance: &str, until: u64) -> bool {
        let step = self
            .simulation
            .activities
            .iter_mut()
            .filter(|a| a.scaling_group_id == group)
            .flat_map(|a| a.instances.iter_mut())
            .find(|s| {
                s.instance_id == instance
                    && matches!(s.step, Step::LaunchHook | Step::RemoveHook)
                    && s.life_cycle_hook_id.as_deref() == Some(hook)
                    && !s.completed
            });
        match step {
            Some(step) => {
                step.until = until;
                true
            }
            None => false,
        }
    }

    fn lifecycle_actions(&self) -> &[LifecycleAction] {
        &self.lifecycle_actions
    }

    fn lifecycle_actions_mut(&mut self) -> &mut Vec<LifecycleAction> {
        &mut self.lifecycle_actions
    }
}

/// The keys under which format 2 stored groups' parts in API 2.0's shapes, and what format 3
/// stores instead.
const FORMAT_TWO_PARTS: [(&str, &str, &str); 3] = [
    (
        "scheduledTasks",
        "scalingScheduledTaskId",
        "scheduledActions (id, name, minSize, maxSize, desiredCapacity, startTime and endTime \
         in Unix seconds, recurrence, createdTime)",
    ),
    (
        "lifeCycleHooks",
        "lifeCycleHookId",
        "lifecycleHooks (id, name, transition launching|terminating, defaultResult \
         continue|abandon, heartbeatTimeout, createdTime)",
    ),
    (
        "notifications",
        "notificationId",
        "notifications (id, name, events such as scaleOutSucceeded, userGroupIds)",
    ),
];

/// Refuses groups' parts in the shapes of format 2 (API 2.0's wire records), naming the key
/// and what format 3 stores instead.
pub(super) fn format_two_parts(value: &Value) -> Result<(), Problem> {
    let Some(groups) = value.get("scalingGroups").and_then(Value::as_array) else {
        return Ok(());
    };
    for (g, group) in groups.iter().enumerate() {
        for (key, old_id, instead) in FORMAT_TWO_PARTS {
            let Some(items) = group.get(key).and_then(Value::as_array) else {
                continue;
            };
            if key != "notifications" || items.iter().any(|i| i.get(old_id).is_some()) {
                return Err(Problem::new(
                    format!("scalingGroups[{g}].{key}"),
                    format!(
                        "format 2 stored API 2.0 records here; format 3 stores a group's \
                         {instead}: rewrite the entries (see the emulator README, \"State \
                         file\")"
                    ),
                )
                .at(key, 1));
            }
        }
    }
    Ok(())
}
