//! The records of instance refreshes, as the domain keeps them (and the state stores them:
//! serde's camelCase names, integer Unix seconds).

use crate::domain::model::RefreshStatus;
use serde::{Deserialize, Serialize};

/// A refresh's kind: forward, or undoing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RefreshKind {
    /// Started by [`start`](super::start).
    Normal,
    /// Started by [`rollback`](super::rollback) (or by a failed batch whose fail process is to roll back).
    Rollback,
}

/// How a refresh brings an instance up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RefreshMode {
    /// Reinstall in place: the member keeps its id, its launch configuration changes.
    Reset,
    /// A new instance takes the member's place; cannot be rolled back.
    Replace,
}

/// Where a refresh pauses between batches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum BatchPause {
    /// Never.
    Automatic,
    /// After the first batch.
    FirstBatch,
    /// After every batch but the last.
    EveryBatch,
}

/// What a refresh does when a batch fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FailProcess {
    /// Pause (`FailedPause`).
    Pause,
    /// End `Failed` and start a rollback of what was refreshed, one instance per batch.
    Rollback,
    /// Cancel.
    Cancel,
}

/// How a refresh proceeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RefreshSettings {
    /// How many batches (at least 1, at most the instances to refresh).
    pub batch_number: u64,
    /// Where it pauses between batches.
    pub batch_pause: BatchPause,
    /// Instances launched before the first batch and terminated at the end (at most one
    /// batch's size; a rollback takes none).
    pub max_surge: u64,
    /// What a failed batch does.
    pub fail_process: FailProcess,
    /// Whether refreshed instances must pass the load balancers' health check (kept and
    /// shown; the emulator has no load balancer health to check).
    pub check_target_health: bool,
    /// Seconds to wait for that check, 60 to 7200.
    pub check_target_health_timeout: u64,
}

impl RefreshSettings {
    /// `batch_number` batches, with every other setting at its documented default.
    pub fn new(batch_number: u64) -> RefreshSettings {
        RefreshSettings {
            batch_number,
            batch_pause: BatchPause::Automatic,
            max_surge: 0,
            fail_process: FailProcess::Pause,
            check_target_health: false,
            check_target_health_timeout: 1800,
        }
    }
}

/// How far a batch, or an instance of it, has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum StepStatus {
    /// Not started.
    Waiting,
    /// Being refreshed.
    Running,
    /// Refreshed.
    Successful,
    /// A batch: some instances refreshed, some failed.
    PartiallySuccessful,
    /// Failed.
    Failed,
    /// Dropped by a cancel.
    Cancelled,
    /// An instance that left the group (or was terminated) before it was refreshed.
    NotFound,
}

/// One instance of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RefreshInstance {
    /// The member, as it was when the refresh was planned.
    pub instance_id: String,
    /// How far it has got.
    pub status: StepStatus,
    /// The launch configuration it is brought to (`None`: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The launch configuration it had before it was refreshed (what a rollback restores).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// The instance that replaced it (`Replace` mode).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<String>,
    /// The last scaling activity that handled it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
    /// What happened to it, in words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

/// One batch of a refresh.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RefreshBatch {
    /// How far it has got.
    pub status: StepStatus,
    /// Its instances.
    pub instances: Vec<RefreshInstance>,
    /// When it started (Unix seconds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<u64>,
    /// When it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<u64>,
}

/// An instance refresh of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Refresh {
    /// Its id, `asr-…`.
    pub refresh_id: String,
    /// The group.
    pub group_id: String,
    /// For a rollback, the refresh it undoes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// Forward, or a rollback.
    pub kind: RefreshKind,
    /// Reset or replace.
    pub mode: RefreshMode,
    /// Its settings.
    pub settings: RefreshSettings,
    /// Where it is.
    pub status: RefreshStatus,
    /// The batch being (or last) refreshed, counted from 1; 0 before the first.
    #[serde(default)]
    pub current_batch: usize,
    /// Its batches.
    pub batches: Vec<RefreshBatch>,
    /// When it was accepted (Unix seconds).
    pub created: u64,
    /// When its first batch started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<u64>,
    /// When it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<u64>,
    /// When it next needs the clock (the end of its init or of the running batch); `None`
    /// while paused or ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<u64>,
    /// Whether the group was enabled before the refresh disabled it.
    #[serde(default)]
    pub group_was_enabled: bool,
    /// The instances launched for `MaxSurge`, terminated when it ends.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub surge: Vec<String>,
}

impl Refresh {
    /// Whether it is running or paused (not ended): the group is then "in a refresh".
    pub fn in_progress(&self) -> bool {
        !self.status.is_final()
    }

    /// The batch being refreshed, if one is under way.
    pub fn running_batch(&self) -> Option<&RefreshBatch> {
        self.current_batch
            .checked_sub(1)
            .and_then(|i| self.batches.get(i))
            .filter(|b| b.status == StepStatus::Running)
    }
}

/// A failure planned for the group's next batch: how many of its instances are refreshed
/// before the others fail, and why they fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchFailure {
    /// How many succeed first.
    pub succeeding: usize,
    /// Why the others fail.
    pub reason: String,
}
