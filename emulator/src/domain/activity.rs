//! Scaling activities as the account keeps them: one [`Activity`] per change of a group's
//! members, whichever protocol's command or simulation step made it, in no protocol's words
//! (one [`ActivityKind`] per cause, times in Unix seconds of the virtual clock). API 2.0 and
//! API 3.0 build their answers from it at their edge (`actions/activity.rs`,
//! `v3/activities.rs`).
//!
//! How the lifecycle hooks' holds of its instances ended is not part of the record: each hold
//! is a [`LifecycleAction`](super::lifecycle::LifecycleAction) naming the activity, the one
//! place its result is kept ([`lifecycle::ended_of_activity`](super::lifecycle::ended_of_activity)).
//!
//! Ids come from [`ids::fresh`](super::ids::fresh) with [`IdKind::Activity`](super::IdKind),
//! and one place records them: the state's [`Store::record_activity`](super::Store) (an
//! activity that ends at once), [`Store::run_activity`](super::Store) (one that runs on the
//! clock) and the simulation's scale-outs and scale-ins.

use super::model::{ActivityKind, ActivityStatus, NewActivity};
use serde::{Deserialize, Serialize};

/// A recorded scaling activity (an entry of the state's `scalingActivities`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Activity {
    /// Its id, `asa-…`.
    pub id: String,
    /// The group it changed.
    pub group: String,
    /// Why it ran.
    pub kind: ActivityKind,
    /// Where it stands.
    pub status: ActivityStatus,
    /// Why it started, in words (what changed the capacity, which command asked, …).
    #[serde(default)]
    pub cause: String,
    /// What it did, in words, when that was said apart from the cause (API 3.0 `Description`
    /// shows the cause without it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A message about its result (API 2.0 `msg`, API 3.0 `StatusMessage`): why it failed or
    /// was cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The error code of the reference's activity error table (`20000` sold out, `40001`
    /// cooling down, …); 0 when nothing went wrong.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub error_code: i64,
    /// When it was recorded (Unix seconds): its start and creation time.
    pub started: u64,
    /// When it ended (Unix seconds); none while it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<u64>,
    /// The instances it handled, each with its result, in the order they were handled
    /// (instances of a scale-out or scale-in in progress are listed when it ends; the
    /// simulation's run shows them meanwhile).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instances: Vec<ActivityInstance>,
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

/// One instance an activity handled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActivityInstance {
    /// The instance.
    pub instance_id: String,
    /// How far the activity got with it.
    pub result: InstanceResult,
    /// Why it failed, when it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// How far an activity got with one of its instances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum InstanceResult {
    /// Under way.
    Running,
    /// Done.
    Successful,
    /// Not done.
    Failed,
}

impl Activity {
    /// An activity of `new`'s id, group, kind and cause, started at `now` with `status`, its
    /// succeeded and failed instances listed; ended at `now` when `status` is final.
    pub fn recorded(new: NewActivity, status: ActivityStatus, now: u64) -> Activity {
        let final_result = |ok: bool| match (status.is_final(), ok) {
            (false, _) => InstanceResult::Running,
            (true, true) => InstanceResult::Successful,
            (true, false) => InstanceResult::Failed,
        };
        let instances = new
            .succeeded
            .into_iter()
            .map(|id| (id, true))
            .chain(new.failed.into_iter().map(|id| (id, false)))
            .map(|(instance_id, ok)| ActivityInstance {
                instance_id,
                result: final_result(ok),
                reason: None,
            })
            .collect();
        Activity {
            id: new.id,
            group: new.group,
            kind: new.kind,
            status,
            cause: new.cause,
            description: None,
            message: None,
            error_code: 0,
            started: now,
            ended: status.is_final().then_some(now),
            instances,
        }
    }

    /// The instances with `result`, in order.
    pub fn instances_with(&self, result: InstanceResult) -> impl Iterator<Item = &str> {
        self.instances
            .iter()
            .filter(move |i| i.result == result)
            .map(|i| i.instance_id.as_str())
    }

    /// The status an ended activity has for how many of its instances succeeded and failed:
    /// success when none failed, failed when none succeeded, else partial success.
    pub fn outcome(succeeded: usize, failed: usize) -> ActivityStatus {
        match (succeeded, failed) {
            (_, 0) => ActivityStatus::Successful,
            (0, _) => ActivityStatus::Failed,
            _ => ActivityStatus::PartiallySuccessful,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorded_activity_lists_its_instances_by_result() {
        let new = NewActivity {
            id: "asa-00000001".to_owned(),
            group: "asg-00000001".to_owned(),
            kind: ActivityKind::Detach,
            cause: "why".to_owned(),
            succeeded: vec!["ins-a".to_owned()],
            failed: vec!["ins-b".to_owned()],
        };
        let done = Activity::recorded(new.clone(), ActivityStatus::PartiallySuccessful, 7);
        assert_eq!(done.ended, Some(7));
        assert_eq!(
            done.instances_with(InstanceResult::Failed)
                .collect::<Vec<_>>(),
            ["ins-b"]
        );
        let running = Activity::recorded(new, ActivityStatus::Running, 7);
        assert_eq!(running.ended, None);
        assert!(running
            .instances
            .iter()
            .all(|i| i.result == InstanceResult::Running));
        assert_eq!(Activity::outcome(1, 0), ActivityStatus::Successful);
        assert_eq!(Activity::outcome(0, 2), ActivityStatus::Failed);
        assert_eq!(Activity::outcome(1, 2), ActivityStatus::PartiallySuccessful);
    }
}
