//! Commands on launch configurations: the quota, finding one, renaming or moving it, and
//! deleting it (refused while a group uses it), for both protocols.

use super::catalog::{Catalog, LaunchConfiguration};
use super::error::DomainError;
use super::quota::Quota;
use super::store::Store;

/// One of each refusal [`check_quota`] can answer.
pub fn quota_refusals() -> Vec<DomainError> {
    [
        Quota::LaunchConfigurationsPerProject,
        Quota::LaunchConfigurationsPerAccount,
    ]
    .into_iter()
    .map(|quota| DomainError::QuotaExceeded {
        quota,
        scope: "the account".to_owned(),
    })
    .collect()
}

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

// Launch configurations: find, rename, move, delete (both protocols).

/// One of each refusal [`check_changes`] can answer ([`find`]'s among them).
pub fn refusals() -> Vec<DomainError> {
    vec![
        DomainError::LaunchConfigurationNotFound {
            id: "asc-x".to_owned(),
        },
        DomainError::LaunchConfigurationNameTaken {
            name: "x".to_owned(),
        },
        DomainError::QuotaExceeded {
            quota: Quota::LaunchConfigurationsPerProject,
            scope: "project 1".to_owned(),
        },
    ]
}

/// One of each refusal [`delete`] can answer.
pub fn delete_refusals() -> Vec<DomainError> {
    vec![
        DomainError::LaunchConfigurationNotFound {
            id: "asc-x".to_owned(),
        },
        DomainError::LaunchConfigurationInUse {
            id: "asc-x".to_owned(),
            groups: vec!["asg-x".to_owned()],
        },
    ]
}

/// The launch configuration `id` (`LaunchConfigurationNotFound`).
pub fn find(store: &impl Catalog, id: &str) -> Result<LaunchConfiguration, DomainError> {
    store
        .launch_configuration(id)
        .cloned()
        .ok_or_else(|| DomainError::LaunchConfigurationNotFound { id: id.to_owned() })
}

/// Whether launch configuration `id` may take the name `name` and move to project
/// `project` (ModifyLaunchConfigurationAttributes, UpgradeLaunchConfiguration). Checks, in
/// order: it exists (`LaunchConfigurationNotFound`); no other launch configuration has the
/// name (`LaunchConfigurationNameTaken`); a new project holds fewer than
/// [`Quota::LaunchConfigurationsPerProject`] (`QuotaExceeded`).
pub fn check_changes(
    store: &impl Catalog,
    id: &str,
    name: Option<&str>,
    project: Option<i64>,
) -> Result<LaunchConfiguration, DomainError> {
    let current = find(store, id)?;
    if let Some(name) = name {
        if store
            .launch_configuration_named(name)
            .is_some_and(|other| other != id)
        {
            return Err(DomainError::LaunchConfigurationNameTaken {
                name: name.to_owned(),
            });
        }
    }
    if let Some(project) = project.filter(|p| *p != current.project) {
        Quota::LaunchConfigurationsPerProject.check(
            store.launch_configurations(Some(project)),
            format!("project {project}"),
        )?;
    }
    Ok(current)
}

/// Deletes launch configuration `id`, whichever protocol asks. Checks, in order: it exists
/// (`LaunchConfigurationNotFound`); no group uses it, as its launch configuration or through
/// an instance it created still in the group (`LaunchConfigurationInUse`). Then it goes, with
/// what is kept beside it.
pub fn delete(store: &mut impl Catalog, id: &str) -> Result<(), DomainError> {
    find(store, id)?;
    let groups = store.launch_configuration_users(id);
    if !groups.is_empty() {
        return Err(DomainError::LaunchConfigurationInUse {
            id: id.to_owned(),
            groups,
        });
    }
    store.remove_launch_configuration(id);
    Ok(())
}

/// One of each refusal [`check_new`] can answer.
pub fn new_refusals() -> Vec<DomainError> {
    let mut refusals = vec![DomainError::LaunchConfigurationNameTaken {
        name: "x".to_owned(),
    }];
    refusals.extend(quota_refusals());
    refusals
}

/// Whether a new launch configuration named `name` may be made in project `project`: no
/// launch configuration has the name (`LaunchConfigurationNameTaken`), and
/// [`check_quota`] (`QuotaExceeded`).
pub fn check_new(store: &impl Catalog, name: &str, project: i64) -> Result<(), DomainError> {
    if store.launch_configuration_named(name).is_some() {
        return Err(DomainError::LaunchConfigurationNameTaken {
            name: name.to_owned(),
        });
    }
    check_quota(store, project)
}

/// Stores `changed`, a new form of the launch configuration with its id (which exists),
/// whichever protocol changed it: its creation time stays, its version goes up by one and
/// `now` is its update time.
pub fn store_change(store: &mut impl Catalog, mut changed: LaunchConfiguration, now: u64) {
    let Some(current) = store.launch_configuration(&changed.id) else {
        return;
    };
    changed.created_at = current.created_at;
    changed.version = current.version.saturating_add(1);
    changed.updated_at = Some(now);
    store.replace_launch_configuration(changed);
}
