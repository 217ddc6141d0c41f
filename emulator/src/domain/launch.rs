//! Commands on launch configurations.

use super::error::DomainError;
use super::quota::Quota;
use super::store::Store;

/// Whether project `project` may hold one more launch configuration: fewer than
/// [`Quota::LaunchConfigurationsPerProject`] in the project and fewer than
/// [`Quota::LaunchConfigurationsPerAccount`] in the account, whichever protocol creates it.
pub fn check_quota(store: &impl Store, project: i64) -> Result<(), DomainError> {
    Quota::LaunchConfigurationsPerProject.check(
        store.launch_configurations(Some(project)),
        format!("project {project}"),
    )?;
    Quota::LaunchConfigurationsPerAccount.check(store.launch_configurations(None), "the account")
}
