//! The model of an account's Auto Scaling as the domain sees it, in no protocol's words:
//! groups and their members, instances, activities (one kind per cause), and the shapes of
//! what later actions will read and change (policies, hooks, refreshes). Times are Unix
//! seconds of the emulator's virtual clock.
//!
//! A [`Group`] (in [`super::group`]) is what the state stores of a scaling group, its
//! [`Member`]s (in [`super::member`]) included; a [`Store`](super::Store) hands the domain a
//! copy to decide on.

use std::fmt;

/// Where a member of a group is in its life cycle. Stored as a camelCase word
/// (`inService`, `creating`, …); formats 1 to 3 of the state stored API 2.0's words
/// (`InService`, `Removing`, …), read by `state/upgrade_groups.rs`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LifeCycle {
    /// Serving: counts towards `MinSize` and may leave the group.
    InService,
    /// Being launched.
    Creating,
    /// Being removed or terminated.
    Terminating,
    /// Being attached.
    Attaching,
    /// Being detached.
    Detaching,
    /// In standby (EnterStandby): a member, not serving.
    Standby,
    /// Stopped (StopAutoScalingInstances): a member, not serving.
    Stopped,
    /// Being backed up (API 2.0 `Backuping`): it serves meanwhile.
    BackingUp,
    /// Leaving a backup (API 2.0 `UnBackuping`): it serves meanwhile.
    LeavingBackup,
    /// Joining the group's load balancers.
    AttachingLoadBalancers,
    /// Leaving the group's load balancers.
    DetachingLoadBalancers,
    /// Warming up (API 2.0 `Preheating`): it serves meanwhile.
    Preheating,
}

impl fmt::Display for LifeCycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LifeCycle::InService => "in service",
            LifeCycle::Creating => "being created",
            LifeCycle::Terminating => "being removed",
            LifeCycle::Attaching => "being attached",
            LifeCycle::Detaching => "being detached",
            LifeCycle::Standby => "in standby",
            LifeCycle::Stopped => "stopped",
            LifeCycle::BackingUp => "being backed up",
            LifeCycle::LeavingBackup => "leaving a backup",
            LifeCycle::AttachingLoadBalancers => "joining the load balancers",
            LifeCycle::DetachingLoadBalancers => "leaving the load balancers",
            LifeCycle::Preheating => "warming up",
        })
    }
}

/// How a member came into its group (`auto` | `manual` in the state).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Creation {
    /// Launched by the group (terminated when removed).
    Auto,
    /// Attached by hand (never terminated by the group).
    Manual,
}

pub use super::group::{Group, TerminationPolicy};
pub use super::member::{Health, Member};

/// The state of a CVM instance of the account, as far as the domain cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstanceState {
    /// Running.
    Running,
    /// Stopped.
    Stopped,
    /// Another state, by its name.
    Other(String),
}

impl InstanceState {
    /// The state named `text` (any case).
    pub fn parse(text: &str) -> InstanceState {
        if text.eq_ignore_ascii_case("Running") {
            InstanceState::Running
        } else if text.eq_ignore_ascii_case("Stopped") {
            InstanceState::Stopped
        } else {
            InstanceState::Other(text.to_owned())
        }
    }
}

impl fmt::Display for InstanceState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InstanceState::Running => "Running",
            InstanceState::Stopped => "Stopped",
            InstanceState::Other(name) => name,
        })
    }
}

/// Why an activity ran: one kind per cause. API 2.0 shows several as one type (Detach and
/// Remove are both its type 3); API 3.0 shows each. Stored by these names (`scaleOut`,
/// `remove`, `enterStandby`, …) in the state's `scalingActivities` (format 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ActivityKind {
    /// Instances launched (desired capacity, a policy, a scheduled action, ScaleOutInstances).
    ScaleOut,
    /// Instances removed (desired capacity, a policy, a scheduled action, ScaleInInstances).
    ScaleIn,
    /// Instances attached by hand.
    Attach,
    /// Instances taken out and kept running.
    Detach,
    /// Instances taken out; those the group launched terminated.
    Remove,
    /// Members started.
    Start,
    /// Members stopped.
    Stop,
    /// Members replaced by an instance refresh.
    Refresh,
    /// An unhealthy member replaced.
    ReplaceUnhealthy,
    /// The group's load balancers changed and its in-service members were registered with
    /// (or taken off) them. Neither documentation names a type for it: both protocols show it
    /// as an attach activity (API 2.0 type 2, API 3.0 `ATTACH_INSTANCES`), its cause naming
    /// the change.
    LoadBalancers,
    /// Members put on standby (EnterStandby): shown as a detach (API 2.0 type 3, API 3.0
    /// `DETACH_INSTANCES`), neither documentation naming a type for it.
    EnterStandby,
    /// Members brought back from standby (ExitStandby): shown as an attach (API 2.0 type 2,
    /// API 3.0 `ATTACH_INSTANCES`).
    ExitStandby,
}

/// How a finished or running activity stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ActivityStatus {
    /// Waiting to run.
    Init,
    /// Running.
    Running,
    /// Done, every instance handled.
    Successful,
    /// Done, some instances failed.
    PartiallySuccessful,
    /// Done, every instance failed.
    Failed,
    /// Cancelled.
    Cancelled,
}

impl ActivityStatus {
    /// Whether it has ended (not `Init` or `Running`).
    pub fn is_final(self) -> bool {
        !matches!(self, ActivityStatus::Init | ActivityStatus::Running)
    }
}

/// An activity the domain records when a command changes a group's members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewActivity {
    /// Its id, from [`ids::fresh`](super::ids::fresh) with [`IdKind::Activity`](super::IdKind::Activity).
    pub id: String,
    /// The group.
    pub group: String,
    /// Why it ran.
    pub kind: ActivityKind,
    /// Its cause, in words.
    pub cause: String,
    /// The instances handled.
    pub succeeded: Vec<String>,
    /// The instances that failed.
    pub failed: Vec<String>,
}

/// What a scaling policy reacts to (the shape later actions fill in).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyKind {
    /// A simple alarm policy: adjust when a metric crosses a threshold.
    SimpleAlarm,
    /// Target tracking: keep a metric near a target value.
    TargetTracking,
}

/// When a lifecycle hook holds an instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum HookTransition {
    /// After launch, before service.
    Launching,
    /// Before termination.
    Terminating,
}

/// What ends a hook's hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum HookResult {
    /// Go on.
    Continue,
    /// Give up on the instance.
    Abandon,
}

/// Where an instance refresh is ([`super::refresh`]). `Successful`, `Cancelled` and `Failed`
/// are final; the three pauses wait for a resume, a rollback or a cancel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RefreshStatus {
    /// Accepted, its first batch not started yet.
    Init,
    /// Refreshing a batch, or about to start the next.
    Running,
    /// Paused because a batch failed (its `FailProcess` is to pause).
    FailedPause,
    /// Paused between batches by its batch-pause setting.
    AutoPause,
    /// Paused by a stop (StopInstanceRefresh).
    ManualPause,
    /// Every batch refreshed.
    Successful,
    /// Cancelled.
    Cancelled,
    /// Failed (a batch failed and it rolled back).
    Failed,
}

impl RefreshStatus {
    /// Whether it waits for a resume, a rollback or a cancel.
    pub fn is_paused(self) -> bool {
        matches!(
            self,
            RefreshStatus::FailedPause | RefreshStatus::AutoPause | RefreshStatus::ManualPause
        )
    }

    /// Whether it has ended.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            RefreshStatus::Successful | RefreshStatus::Cancelled | RefreshStatus::Failed
        )
    }
}

impl fmt::Display for RefreshStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RefreshStatus::Init => "not started",
            RefreshStatus::Running => "running",
            RefreshStatus::FailedPause => "paused after a failed batch",
            RefreshStatus::AutoPause => "paused between batches",
            RefreshStatus::ManualPause => "paused by a stop",
            RefreshStatus::Successful => "successful",
            RefreshStatus::Cancelled => "cancelled",
            RefreshStatus::Failed => "failed",
        })
    }
}

/// Why a member is out of service while it stays in its group (standby, stopped). A member
/// that is paused is not scaled in, does not serve, and is not counted in the size the group
/// keeps at its desired capacity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Pause {
    /// On standby (EnterStandby; ExitStandby ends it).
    Standby,
    /// Stopped and still billed (StopAutoScalingInstances `KEEP_CHARGING`).
    StoppedKeepCharging,
    /// Stopped and not billed (`STOP_CHARGING`).
    StoppedStopCharging,
}

impl Pause {
    /// The life cycle a paused member is in.
    pub fn life_cycle(self) -> LifeCycle {
        match self {
            Pause::Standby => LifeCycle::Standby,
            Pause::StoppedKeepCharging | Pause::StoppedStopCharging => LifeCycle::Stopped,
        }
    }
}
