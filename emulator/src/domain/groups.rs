//! Commands on groups as a whole.

use super::catalog::Catalog;
use super::error::DomainError;
use super::instances::{ensure_idle, group};
use super::model::LifeCycle;
use super::quota::Quota;
use super::rules::{DeleteGroupBlockers, Rules};
use super::store::Store;

/// One of each refusal [`delete`] can answer.
pub fn delete_refusals() -> Vec<DomainError> {
    let group = "asg-x".to_owned();
    vec![
        DomainError::GroupNotFound {
            group: group.clone(),
        },
        DomainError::GroupInActivity {
            group: group.clone(),
        },
        DomainError::GroupHasInstances {
            group,
            count: 1,
            which: "instance(s)",
        },
    ]
}

/// One of each refusal [`check_quota`] can answer.
pub fn quota_refusals() -> Vec<DomainError> {
    vec![
        DomainError::QuotaExceeded {
            quota: Quota::GroupsPerProject,
            scope: "project 0".to_owned(),
        },
        DomainError::QuotaExceeded {
            quota: Quota::GroupsPerAccount,
            scope: "the account".to_owned(),
        },
    ]
}

/// Whether project `project` may hold one more group ([`Quota::GroupsPerProject`]) and the
/// account too ([`Quota::GroupsPerAccount`], whatever the project).
pub fn check_quota(store: &impl Catalog, project: i64) -> Result<(), DomainError> {
    Quota::GroupsPerProject.check(
        store.groups_in_project(project),
        format!("project {project}"),
    )?;
    Quota::GroupsPerAccount.check(store.groups_in_account(), "the account")
}

/// The desired capacity of a new group: the one given, else its `MinSize` (API 3.0
/// documents the default; API 2.0 gives none, and one service has one behaviour), so a new
/// group with `MinSize` 2 launches 2 instances whichever protocol created it.
pub fn initial_desired_capacity(given: Option<i64>, min_size: i64) -> i64 {
    given.unwrap_or(min_size)
}

/// Deletes group `group_id`. Checks, in order: it exists (`GroupNotFound`); no activity
/// runs (`GroupInActivity`); no member blocks it under [`Rules::delete_group`]
/// (`GroupHasInstances`). Then the group goes with what belongs to it; its members stay in
/// the account.
pub fn delete(store: &mut impl Store, group_id: &str, rules: &Rules) -> Result<(), DomainError> {
    let group = group(store, group_id)?;
    ensure_idle(group)?;
    let (count, which) = match rules.delete_group {
        DeleteGroupBlockers::AnyMember => (group.instances.len(), "instance(s)"),
        DeleteGroupBlockers::InServiceMembers => (
            group
                .instances
                .iter()
                .filter(|m| m.state() == LifeCycle::InService)
                .count(),
            "in-service instance(s)",
        ),
    };
    if count > 0 {
        return Err(DomainError::GroupHasInstances {
            group: group.id.clone(),
            count,
            which,
        });
    }
    store.remove_group(group_id);
    Ok(())
}
