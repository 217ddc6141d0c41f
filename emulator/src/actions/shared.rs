//! Lookups both API 2.0 and API 3.0 actions make on the one state, and a launch configuration
//! going away. (Instances joining and leaving groups, and groups going away, are the domain's
//! commands: [`crate::domain`].)

use crate::state::State;

/// The index of the group `id`.
pub(crate) fn group_index(state: &State, id: &str) -> Option<usize> {
    state.scaling_groups.iter().position(|g| g.id == id)
}

/// The groups that use launch configuration `id`: as theirs, or through an instance it created
/// that is still in them.
pub(crate) fn configuration_users<'a>(state: &'a State, id: &str) -> Vec<&'a str> {
    state
        .scaling_groups
        .iter()
        .filter(|g| {
            g.scaling_configuration_id.as_deref() == Some(id)
                || g.instances
                    .iter()
                    .any(|m| m.scaling_configuration_id.as_deref() == Some(id))
        })
        .map(|g| g.id.as_str())
        .collect()
}

/// Whether a launch configuration is named `name`.
pub(crate) fn configuration_name_taken(state: &State, name: &str) -> bool {
    state.launch_configurations.iter().any(|c| c.name == name)
}

/// Whether a group other than `except` is named `name`.
pub(crate) fn group_name_taken(state: &State, name: &str, except: Option<&str>) -> bool {
    state
        .scaling_groups
        .iter()
        .any(|g| g.name == name && Some(g.id.as_str()) != except)
}
