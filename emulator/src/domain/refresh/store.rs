//! What refreshes need of the account's storage beyond [`Store`]; the state implements it.

use super::{BatchFailure, Refresh};
use crate::domain::error::DomainError;
use crate::domain::store::Store;

/// What refreshes need of the account's storage beyond [`Store`]; the state implements it.
pub trait RefreshStore: Store {
    /// Every refresh, oldest first.
    fn refreshes(&self) -> &[Refresh];
    /// Every refresh, to change.
    fn refreshes_mut(&mut self) -> &mut Vec<Refresh>;
    /// Whether a refresh has the id `id`.
    fn refresh_id_taken(&self, id: &str) -> bool {
        self.refreshes().iter().any(|r| r.refresh_id == id)
    }
    /// Seconds a refresh stays `Init`, and seconds one batch takes.
    fn refresh_timing(&self) -> (u64, u64);
    /// The group's launch configuration.
    fn group_configuration(&self, group: &str) -> Option<String>;
    /// The launch configuration member `instance` of `group` runs.
    fn member_configuration(&self, group: &str, instance: &str) -> Option<String>;
    /// Sets the launch configuration member `instance` of `group` runs.
    fn set_member_configuration(&mut self, group: &str, instance: &str, to: Option<String>);
    /// Replaces member `instance` of `group` with a new in-service instance launched from
    /// `configuration` at `now` (the old one leaves: terminated if the group launched it);
    /// the new instance's id.
    fn replace_member(
        &mut self,
        group: &str,
        instance: &str,
        configuration: Option<String>,
        now: u64,
    ) -> Result<String, DomainError>;
    /// Launches a new in-service member of `group` from `configuration` at `now`; its id.
    fn launch_member(
        &mut self,
        group: &str,
        configuration: Option<String>,
        now: u64,
    ) -> Result<String, DomainError>;
    /// Terminates member `instance` of `group` (it leaves the group and the account).
    fn terminate_member(&mut self, group: &str, instance: &str);
    /// Enables or disables `group`.
    fn set_group_enabled(&mut self, group: &str, enabled: bool);
    /// Takes the group's next planned failure, if one is planned.
    fn take_batch_failure(&mut self, group: &str) -> Option<BatchFailure>;
}
