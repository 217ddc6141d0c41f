//! The state as the domain's [`Store`]: views of groups built from the state's records, and
//! the changes the domain's commands make, applied to them.

use super::{CreationType, GroupInstance, GroupStatus, LifeCycleState, ScalingGroup, State};
use crate::domain::activity::Activity;
use crate::domain::model::NewActivity;
use crate::domain::model::{Creation, Group, InstanceState, LifeCycle, Member, Pause};
use crate::domain::store::{Leave, LeftGroup, Store};
use crate::domain::Policy;
use crate::util::format_time;
use std::collections::HashSet;

/// The domain's view of a stored group.
pub(crate) fn group_view(g: &ScalingGroup) -> Group {
    Group {
        id: g.scaling_group_id.clone(),
        project: g.project_id_or_default(),
        enabled: g.status == GroupStatus::Active,
        activity_running: g.in_scaling_activity,
        min_size: g.min_size,
        max_size: g.max_size,
        desired_capacity: g.desired_capacity,
        members: g.instances.iter().map(member_view).collect(),
    }
}

fn member_view(m: &GroupInstance) -> Member {
    Member {
        instance_id: m.instance_id.clone(),
        life_cycle: match m.paused {
            Some(pause) => pause.life_cycle(),
            None => life_cycle(&m.life_cycle_state),
        },
        creation: if m.creation_type == CreationType::Auto {
            Creation::Auto
        } else {
            Creation::Manual
        },
        protected_from_detach: m.protected_from_detach,
        protected_from_scale_in: m.protected_from_scale_in,
    }
}

/// The domain's life cycle of a stored one.
pub(crate) fn life_cycle(state: &LifeCycleState) -> LifeCycle {
    match state {
        LifeCycleState::InService => LifeCycle::InService,
        LifeCycleState::Creating => LifeCycle::Creating,
        LifeCycleState::Removing => LifeCycle::Terminating,
        LifeCycleState::Attaching => LifeCycle::Attaching,
        LifeCycleState::Detaching => LifeCycle::Detaching,
        other => LifeCycle::Other(other.to_string()),
    }
}

impl State {
    fn group_mut(&mut self, id: &str) -> Option<&mut ScalingGroup> {
        self.scaling_groups
            .iter_mut()
            .find(|g| g.scaling_group_id == id)
    }
}

/// Moves a group's desired capacity, when it has one, by `by`, within `[minSize, maxSize]`:
/// the capacity follows instances attached or detached by hand (as API 3.0 documents it), so
/// the simulation neither removes nor replaces them.
fn shift_desired(group: &mut ScalingGroup, by: i64) {
    if let Some(desired) = group.desired_capacity {
        group.desired_capacity = Some(
            desired
                .saturating_add(by)
                .min(group.max_size)
                .max(group.min_size),
        );
    }
}

impl Store for State {
    fn group(&self, id: &str) -> Option<Group> {
        State::group(self, id).map(group_view)
    }

    fn instance_state(&self, id: &str) -> Option<InstanceState> {
        self.instance(id).map(|i| InstanceState::parse(&i.state))
    }

    fn group_of(&self, instance: &str) -> Option<String> {
        self.scaling_groups
            .iter()
            .find(|g| g.instances.iter().any(|m| m.instance_id == instance))
            .map(|g| g.scaling_group_id.clone())
    }

    fn activity_id_taken(&self, id: &str) -> bool {
        self.scaling_activities.iter().any(|a| a.id == id)
    }

    fn groups_in_project(&self, project: i64) -> usize {
        self.scaling_groups
            .iter()
            .filter(|g| g.project_id_or_default() == project)
            .count()
    }

    fn launch_configurations(&self, project: Option<i64>) -> usize {
        match project {
            None => self.launch_configurations.len(),
            Some(p) => self
                .launch_configurations
                .iter()
                .filter(|c| c.project == p)
                .count(),
        }
    }

    fn take_out(&mut self, group: &str, ids: &[String], how: Leave) -> LeftGroup {
        let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
        let Some(g) = self.group_mut(group) else {
            return LeftGroup::default();
        };
        let (leaving, staying): (Vec<GroupInstance>, Vec<GroupInstance>) = g
            .instances
            .drain(..)
            .partition(|m| wanted.contains(m.instance_id.as_str()));
        g.instances = staying;
        shift_desired(g, -i64::try_from(leaving.len()).unwrap_or(0));
        let mut terminated = Vec::new();
        for member in &leaving {
            // Only instances the group launched are terminated or restarted; attached ones
            // stay as they are.
            if member.creation_type != CreationType::Auto {
                continue;
            }
            match how {
                Leave::Terminate => terminated.push(member.instance_id.clone()),
                Leave::Keep => {
                    if let Some(instance) = self
                        .instances
                        .iter_mut()
                        .find(|i| i.instance_id == member.instance_id)
                    {
                        instance.state = "Running".to_owned();
                    }
                }
            }
        }
        let gone: HashSet<&str> = terminated.iter().map(String::as_str).collect();
        self.instances
            .retain(|i| !gone.contains(i.instance_id.as_str()));
        LeftGroup {
            ids: leaving.into_iter().map(|m| m.instance_id).collect(),
            terminated,
        }
    }

    fn put_in(&mut self, group: &str, ids: &[String], now: u64) {
        let added = format_time(now);
        let Some(g) = self.group_mut(group) else {
            return;
        };
        for id in ids {
            g.instances.push(GroupInstance {
                add_time: Some(added.clone()),
                ..GroupInstance::new(id.clone(), CreationType::Manual)
            });
        }
        shift_desired(g, i64::try_from(ids.len()).unwrap_or(0));
    }

    fn record_activity(&mut self, activity: NewActivity, now: u64) {
        let status = Activity::outcome(activity.succeeded.len(), activity.failed.len());
        self.record(Activity::recorded(activity, status, now));
    }

    fn remove_group(&mut self, group: &str) {
        self.scaling_groups.retain(|g| g.scaling_group_id != group);
        self.scaling_activities.retain(|a| a.group != group);
    }

    // Instances and policies: standby, start/stop, scale out/in, scaling policies.
    fn policies(&self) -> Vec<(String, Policy)> {
        self.scaling_groups
            .iter()
            .flat_map(|g| {
                g.scaling_policies
                    .iter()
                    .map(|p| (g.scaling_group_id.clone(), p.clone()))
            })
            .collect()
    }

    fn add_policy(&mut self, group: &str, policy: Policy) {
        if let Some(g) = self.group_mut(group) {
            g.scaling_policies.push(policy);
        }
    }

    fn replace_policy(&mut self, policy: Policy) {
        for g in &mut self.scaling_groups {
            for p in &mut g.scaling_policies {
                if p.id == policy.id {
                    *p = policy;
                    return;
                }
            }
        }
    }

    fn delete_policy(&mut self, id: &str) {
        for g in &mut self.scaling_groups {
            g.scaling_policies.retain(|p| p.id != id);
        }
    }

    fn cooldown_until(&self, group: &str) -> Option<u64> {
        self.simulation.cooldown_until(group)
    }

    fn set_desired(&mut self, group: &str, desired: Option<i64>) {
        if let Some(g) = self.group_mut(group) {
            g.desired_capacity = desired;
        }
    }

    fn start_scaling(
        &mut self,
        group: &str,
        cause: String,
        cooldown: Option<u64>,
        now: u64,
    ) -> Option<String> {
        crate::sim::start_scaling(self, group, cause, cooldown, now)
    }

    fn pause(&mut self, group: &str, ids: &[String], pause: Option<Pause>) {
        let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
        let Some(g) = self.group_mut(group) else {
            return;
        };
        for m in &mut g.instances {
            if wanted.contains(m.instance_id.as_str()) {
                m.paused = pause;
            }
        }
        let running = match pause {
            Some(Pause::StoppedKeepCharging | Pause::StoppedStopCharging) => "Stopped",
            Some(Pause::Standby) | None => "Running",
        };
        for i in &mut self.instances {
            if wanted.contains(i.instance_id.as_str()) {
                i.state = running.to_owned();
            }
        }
    }

    fn run_activity(&mut self, activity: NewActivity, now: u64) {
        crate::sim::run_activity(self, activity, now);
    }
}
