//! The simulation's part of the state (`simulation:` in a state file): how long things take,
//! the scaling activities in progress with the instances they handle, cooldowns, the metric
//! values tests reported, and failures planned for coming activities.
//!
//! Times here are Unix seconds of the emulator's virtual clock (the answers show the same
//! instants as `YYYY-MM-DD hh:mm:ss` Beijing time).

use crate::domain::model::HookResult;
use crate::domain::policy::Metric;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Everything the simulation keeps in the state. Empty (and left out of
/// `GET /_emulator/state`) until something runs or a timing is changed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Simulation {
    /// How long activities and instances take, cooldowns and the metric period.
    #[serde(default, skip_serializing_if = "Timing::is_default")]
    pub timing: Timing,
    /// Scaling activities in progress (their records, in `scalingActivities`, say `0` init or
    /// `1` running until they end).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<ActivityRun>,
    /// Groups cooling down after an activity: alarm policies do not scale them until then.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cooldowns: Vec<Cooldown>,
    /// The metric values reported for groups (each holds until another is reported).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metrics: Vec<MetricReading>,
    /// Failures the next scale-out activities of groups will meet, first come first used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failures: Vec<PlannedFailure>,
}

impl Simulation {
    /// Whether nothing is set or in progress (the default).
    pub fn is_empty(&self) -> bool {
        *self == Simulation::default()
    }

    /// The run of the activity `id`, if it is in progress.
    pub fn activity(&self, id: &str) -> Option<&ActivityRun> {
        self.activities.iter().find(|a| a.scaling_activity_id == id)
    }

    /// When the cooldown of group `id` ends, if it is cooling down.
    pub fn cooldown_until(&self, id: &str) -> Option<u64> {
        self.cooldowns
            .iter()
            .find(|c| c.scaling_group_id == id)
            .map(|c| c.until)
    }
}

/// How long things take, in seconds of the virtual clock. Every field is optional in a state
/// file; the defaults are those of [`Timing::default`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Timing {
    /// How long an activity stays `0` (init) before it runs (default 5).
    pub activity_init_seconds: u64,
    /// How long a launched instance is `Creating` before it is `InService` (default 30).
    pub instance_launch_seconds: u64,
    /// How long an instance being removed is `Removing` before it leaves (default 15).
    pub instance_remove_seconds: u64,
    /// The cooldown after an activity no alarm policy started (default 300): a scale-out or
    /// scale-in for the desired capacity, a scheduled task's change, ModifyScalingGroup.
    pub default_cooldown_seconds: u64,
    /// The length of a metric period, at whose ends alarm policies are evaluated (default 300,
    /// the 5 minutes of the API; at least 1).
    pub metric_period_seconds: u64,
    // Activities of member commands: how long they run.
    /// How long a member entering or leaving standby takes (EnterStandby, ExitStandby; default
    /// 10): its activity runs this long.
    pub standby_seconds: u64,
    /// How long a stopped member takes to start (StartAutoScalingInstances; default 30).
    pub instance_start_seconds: u64,
    /// How long a member takes to stop (StopAutoScalingInstances; default 30).
    pub instance_stop_seconds: u64,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            activity_init_seconds: 5,
            instance_launch_seconds: 30,
            instance_remove_seconds: 15,
            default_cooldown_seconds: 300,
            metric_period_seconds: 300,
            standby_seconds: 10,
            instance_start_seconds: 30,
            instance_stop_seconds: 30,
        }
    }
}

impl Timing {
    /// Whether these are the defaults.
    pub fn is_default(&self) -> bool {
        *self == Timing::default()
    }
}

/// What an activity in progress does: scale (the desired capacity's activities), or move
/// members out of or back into service (the member commands', which run on the clock too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Direction {
    /// It launches instances (activity type 0).
    ScaleOut,
    /// It removes instances (activity type 1).
    ScaleIn,
    /// It puts members on standby (EnterStandby).
    EnterStandby,
    /// It brings members back from standby (ExitStandby).
    ExitStandby,
    /// It starts stopped members (StartAutoScalingInstances).
    Start,
    /// It stops members (StopAutoScalingInstances).
    Stop,
}

/// A scaling activity in progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActivityRun {
    /// Its id; its record is in `scalingActivities`.
    pub scaling_activity_id: String,
    /// The group it scales.
    pub scaling_group_id: String,
    /// Whether it launches or removes instances.
    pub direction: Direction,
    /// When it leaves init and runs (Unix seconds).
    pub running_at: u64,
    /// Whether it runs yet.
    #[serde(default)]
    pub running: bool,
    /// The cooldown that starts when it ends, in seconds.
    pub cooldown_seconds: u64,
    /// The failure it meets, taken from [`Simulation::failures`] when it starts running.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure: Option<ActivityFailure>,
    /// How many launches failed (for a failure: these instances never existed).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub failed_launches: u32,
    /// The instances it is launching or removing, each where it is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instances: Vec<InstanceStep>,
    /// The instances done: in service, or removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub succeeded: Vec<String>,
    /// The instances that failed: abandoned by a launching hook.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failed: Vec<String>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Where an instance an activity handles is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Step {
    /// Being launched (`Creating`) until `until`.
    Launching,
    /// Launched, held by a launching lifecycle hook (still `Creating`) until it is completed
    /// or times out at `until`.
    LaunchHook,
    /// Held by a terminating lifecycle hook (`Removing`) until it is completed or times out at
    /// `until`.
    RemoveHook,
    /// Being removed (`Removing`) until `until`.
    Removing,
    /// Entering standby until `until` (API 3.0 shows `ENTERING_STANDBY`), then on standby.
    EnteringStandby,
    /// Leaving standby until `until` (`EXITING_STANDBY`), then in service.
    ExitingStandby,
    /// Starting until `until` (`STARTING`), then in service.
    Starting,
    /// Stopping until `until` (`STOPPING`), then stopped.
    Stopping,
}

/// One instance of an activity in progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InstanceStep {
    /// The instance.
    pub instance_id: String,
    /// Where it is.
    pub step: Step,
    /// When this step ends (Unix seconds): the end of launching or removing, or a hook's
    /// timeout.
    pub until: u64,
    /// The hook holding it, in a hook step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub life_cycle_hook_id: Option<String>,
    /// What happens when the hold ends: the result CompleteLifeCycleHookAction gave, or else
    /// the hook's `defaultResult` (kept here when the hold starts).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "hook_result_words"
    )]
    pub result: Option<HookResult>,
    /// Whether CompleteLifeCycleHookAction gave `result` (then the hold is over).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub completed: bool,
}

/// A group cooling down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Cooldown {
    /// The group.
    pub scaling_group_id: String,
    /// When it ends (Unix seconds).
    pub until: u64,
}

/// A metric value reported for a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MetricReading {
    /// The group.
    pub scaling_group_id: String,
    /// The metric, named as API 2.0's alarm policies name it (`cpu_usage`, `mem_usage`,
    /// `lan_outtraffic`, `lan_intraffic`).
    #[serde(with = "super::metric_words")]
    pub dimension_name: Metric,
    /// Its value: a percentage for CPU and memory, bytes per second for traffic.
    pub value: f64,
}

/// A failure planned for the next scale-out activity of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlannedFailure {
    /// The group.
    pub scaling_group_id: String,
    /// Why the launches fail.
    pub failure: ActivityFailure,
    /// How many instances still launch before the failure (default 0: none does, and the
    /// activity fails; more than 0: it succeeds partially).
    #[serde(default)]
    pub launched: u32,
}

/// Why an activity's launches fail: the activity error codes of the API (§3.8 of the
/// reference), answered in the activity's `errorCode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum ActivityFailure {
    /// 20000: the instance type is sold out.
    SoldOut,
    /// 30000: an instance quota is reached.
    Quota,
    /// 30001: the account balance is insufficient.
    Balance,
}

impl ActivityFailure {
    /// Every failure, in code order.
    pub const ALL: [ActivityFailure; 3] = [
        ActivityFailure::SoldOut,
        ActivityFailure::Quota,
        ActivityFailure::Balance,
    ];

    /// The activity `errorCode` it gives.
    pub fn code(self) -> i64 {
        match self {
            ActivityFailure::SoldOut => 20000,
            ActivityFailure::Quota => 30000,
            ActivityFailure::Balance => 30001,
        }
    }

    /// Its name in a state file or over HTTP: `soldOut`, `quota`, `balance`.
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityFailure::SoldOut => "soldOut",
            ActivityFailure::Quota => "quota",
            ActivityFailure::Balance => "balance",
        }
    }

    /// What went wrong, for an activity's cause.
    pub fn describe(self) -> &'static str {
        match self {
            ActivityFailure::SoldOut => "the instance type is sold out",
            ActivityFailure::Quota => "the instance quota is reached",
            ActivityFailure::Balance => "the account balance is insufficient",
        }
    }
}

impl fmt::Display for ActivityFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ActivityFailure {
    type Err = String;

    /// `soldOut`, `quota` or `balance` (any case), or the error code.
    fn from_str(text: &str) -> Result<Self, String> {
        ActivityFailure::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(text) || f.code().to_string() == text)
            .ok_or_else(|| {
                format!("unknown activity failure {text:?}: use soldOut, quota or balance")
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_have_the_reference_codes() {
        assert_eq!(ActivityFailure::SoldOut.code(), 20000);
        assert_eq!(ActivityFailure::Quota.code(), 30000);
        assert_eq!(ActivityFailure::Balance.code(), 30001);
        assert_eq!("SOLDOUT".parse(), Ok(ActivityFailure::SoldOut));
        assert_eq!("30001".parse(), Ok(ActivityFailure::Balance));
        assert!("late".parse::<ActivityFailure>().is_err());
    }
}

/// A hold's result as the state file writes it: `CONTINUE` or `ABANDON`, the words every
/// format has used.
mod hook_result_words {
    use crate::domain::model::HookResult;
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(
        result: &Option<HookResult>,
        to: S,
    ) -> Result<S::Ok, S::Error> {
        match result {
            None => to.serialize_none(),
            Some(HookResult::Continue) => to.serialize_some("CONTINUE"),
            Some(HookResult::Abandon) => to.serialize_some("ABANDON"),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        from: D,
    ) -> Result<Option<HookResult>, D::Error> {
        match Option::<String>::deserialize(from)?.as_deref() {
            None => Ok(None),
            Some("CONTINUE") => Ok(Some(HookResult::Continue)),
            Some("ABANDON") => Ok(Some(HookResult::Abandon)),
            Some(other) => Err(D::Error::custom(format!(
                "{other:?} is not a hook result: expected CONTINUE or ABANDON"
            ))),
        }
    }
}
