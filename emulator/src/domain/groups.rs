//! Commands on groups as a whole.

use super::error::DomainError;
use super::instances::{ensure_idle, group};
use super::model::LifeCycle;
use super::rules::{DeleteGroupBlockers, Rules};
use super::store::Store;

/// Deletes group `group_id`. Checks, in order: it exists (`GroupNotFound`); no activity
/// runs (`GroupInActivity`); no member blocks it under [`Rules::delete_group`]
/// (`GroupHasInstances`). Then the group goes with what belongs to it; its members stay in
/// the account.
pub fn delete(store: &mut impl Store, group_id: &str, rules: &Rules) -> Result<(), DomainError> {
    let group = group(store, group_id)?;
    ensure_idle(&group)?;
    let (count, which) = match rules.delete_group {
        DeleteGroupBlockers::AnyMember => (group.members.len(), "instance(s)"),
        DeleteGroupBlockers::InServiceMembers => (
            group
                .members
                .iter()
                .filter(|m| m.life_cycle == LifeCycle::InService)
                .count(),
            "in-service instance(s)",
        ),
    };
    if count > 0 {
        return Err(DomainError::GroupHasInstances {
            group: group.id,
            count,
            which,
        });
    }
    store.remove_group(group_id);
    Ok(())
}
