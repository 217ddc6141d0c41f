//! What API 2.0 and API 3.0 actions do the same way to the one state: instances joining and
//! leaving a group, a group or a launch configuration going away. The checks before differ by
//! protocol (and stay in each protocol's action); the changes after are these.

use super::activity::{self, Record};
use crate::state::{
    ActivityType, CreationType, DetachMode, DetachModeEntry, GroupInstance, ScalingGroup, State,
};
use crate::util::format_time;
use std::collections::HashSet;

/// The index of the group `id`.
pub(crate) fn group_index(state: &State, id: &str) -> Option<usize> {
    state
        .scaling_groups
        .iter()
        .position(|g| g.scaling_group_id == id)
}

/// Moves a group's desired capacity, when it has one, by `by`, within `[minSize, maxSize]`: the
/// capacity follows instances attached or detached by hand (as API 3.0 documents it), so the
/// simulation neither removes nor replaces them.
pub(crate) fn shift_desired(group: &mut ScalingGroup, by: i64) {
    if let Some(desired) = group.desired_capacity {
        group.desired_capacity = Some(
            desired
                .saturating_add(by)
                .min(group.max_size)
                .max(group.min_size),
        );
    }
}

/// What [`take_out`] did.
pub(crate) struct TakenOut {
    /// The instances that left the group, in the group's order.
    pub(crate) ids: Vec<String>,
    /// Those of them that were terminated (gone from the account).
    pub(crate) terminated: Vec<String>,
}

/// Takes the instances `wanted` out of group `g` (the caller checked that they are in it):
/// manually attached ones stay in the account as they are; ones AS created are terminated
/// (gone from the account) with [`DetachMode::Terminate`], or kept `Running` with
/// [`DetachMode::Keep`]. The group's desired capacity goes down by as many.
pub(crate) fn take_out(
    state: &mut State,
    g: usize,
    wanted: &HashSet<&str>,
    mode: DetachMode,
) -> TakenOut {
    let group = &mut state.scaling_groups[g];
    let (leaving, staying): (Vec<GroupInstance>, Vec<GroupInstance>) = group
        .instances
        .drain(..)
        .partition(|m| wanted.contains(m.instance_id.as_str()));
    group.instances = staying;
    shift_desired(group, -i64::try_from(leaving.len()).unwrap_or(0));
    let mut terminated = Vec::new();
    for member in &leaving {
        // A state never holds a creation type the SDK does not know (it is checked on load);
        // such an instance would be treated as a manual one.
        if member.creation_type != CreationType::Auto {
            continue;
        }
        match mode {
            DetachMode::Terminate => terminated.push(member.instance_id.clone()),
            DetachMode::Keep => {
                if let Some(instance) = state
                    .instances
                    .iter_mut()
                    .find(|i| i.instance_id == member.instance_id)
                {
                    instance.state = "Running".to_owned();
                }
            }
        }
    }
    state
        .instances
        .retain(|i| !terminated.contains(&i.instance_id));
    TakenOut {
        ids: leaving.into_iter().map(|m| m.instance_id).collect(),
        terminated,
    }
}

/// Records the finished detach activity `id` of [`take_out`], with its mode and the
/// instances it took out.
pub(crate) fn record_detach(
    state: &mut State,
    id: String,
    group_id: &str,
    mode: DetachMode,
    cause: String,
    succeeded: Vec<String>,
    now: u64,
) {
    state.v3.detach_modes.push(DetachModeEntry {
        scaling_activity_id: id.clone(),
        mode,
    });
    activity::record(
        state,
        id,
        Record {
            group_id,
            activity_type: ActivityType::Detach,
            cause,
            succeeded,
            failed: Vec::new(),
        },
        now,
    );
}

/// Puts the instances `ids` (which the caller checked) into group `g` as manually attached,
/// healthy, in-service instances added at `now`; the group's desired capacity goes up by as
/// many. Then records the finished attach activity `activity_id` with `cause`.
pub(crate) fn put_in(
    state: &mut State,
    g: usize,
    ids: &[String],
    activity_id: String,
    cause: String,
    now: u64,
) {
    let added = format_time(now);
    let group = &mut state.scaling_groups[g];
    for id in ids {
        group.instances.push(GroupInstance {
            add_time: Some(added.clone()),
            ..GroupInstance::new(id.clone(), CreationType::Manual)
        });
    }
    shift_desired(group, i64::try_from(ids.len()).unwrap_or(0));
    let group_id = group.scaling_group_id.clone();
    activity::record(
        state,
        activity_id,
        Record {
            group_id: &group_id,
            activity_type: ActivityType::Attach,
            cause,
            succeeded: ids.to_vec(),
            failed: Vec::new(),
        },
        now,
    );
}

/// Removes group `g` and with it its alarm policies, scheduled tasks, notifications and
/// lifecycle hooks (held in the group) and its recorded activities. Instances still in it stay
/// in the account. Its launch configuration stays.
pub(crate) fn remove_group(state: &mut State, g: usize) {
    let group = state.scaling_groups.remove(g);
    state
        .scaling_activities
        .retain(|a| a.auto_scaling_group_id != group.scaling_group_id);
    state.prune_v3();
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
        .map(|g| g.scaling_group_id.as_str())
        .collect()
}

/// Removes the launch configuration at `index` (the caller checked it is unused).
pub(crate) fn remove_configuration(state: &mut State, index: usize) {
    state.scaling_configurations.remove(index);
    state.prune_v3();
}

/// Whether a launch configuration is named `name`.
pub(crate) fn configuration_name_taken(state: &State, name: &str) -> bool {
    state
        .scaling_configurations
        .iter()
        .any(|c| c.scaling_configuration_name == name)
}

/// Whether a group other than `except` is named `name`.
pub(crate) fn group_name_taken(state: &State, name: &str, except: Option<&str>) -> bool {
    state
        .scaling_groups
        .iter()
        .any(|g| g.scaling_group_name == name && Some(g.scaling_group_id.as_str()) != except)
}

/// How many groups project `project` holds.
pub(crate) fn groups_in_project(state: &State, project: i64) -> usize {
    state
        .scaling_groups
        .iter()
        .filter(|g| g.project_id_or_default() == project)
        .count()
}
