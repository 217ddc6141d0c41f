//! The state as the domain's [`Store`]: its groups, stored as the domain's [`Group`], handed
//! out as they are, and the changes the domain's commands make, applied to them.

use super::State;
use crate::domain::activity::Activity;
use crate::domain::model::NewActivity;
use crate::domain::model::{Creation, Group, InstanceState, Member, Pause};
use crate::domain::store::{Leave, LeftGroup, Store};
use crate::domain::Policy;
use std::collections::HashSet;

impl State {
    pub(crate) fn group_mut(&mut self, id: &str) -> Option<&mut Group> {
        self.scaling_groups.iter_mut().find(|g| g.id == id)
    }
}

/// Moves a group's desired capacity, when it has one, by `by`, within `[minSize, maxSize]`:
/// the capacity follows instances attached or detached by hand (as API 3.0 documents it), so
/// the simulation neither removes nor replaces them.
fn shift_desired(group: &mut Group, by: i64) {
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
    fn group(&self, id: &str) -> Option<&Group> {
        State::group(self, id)
    }

    fn instance_state(&self, id: &str) -> Option<InstanceState> {
        self.instance(id).map(|i| InstanceState::parse(&i.state))
    }

    fn group_of(&self, instance: &str) -> Option<String> {
        self.scaling_groups
            .iter()
            .find(|g| g.instances.iter().any(|m| m.instance_id == instance))
            .map(|g| g.id.clone())
    }

    fn activity_id_taken(&self, id: &str) -> bool {
        self.scaling_activities.get(id).is_some()
    }

    fn groups_in_project(&self, project: i64) -> usize {
        self.scaling_groups
            .iter()
            .filter(|g| g.project == project)
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
        let (leaving, staying): (Vec<Member>, Vec<Member>) = g
            .instances
            .drain(..)
            .partition(|m| wanted.contains(m.instance_id.as_str()));
        g.instances = staying;
        shift_desired(g, -i64::try_from(leaving.len()).unwrap_or(0));
        let mut terminated = Vec::new();
        for member in &leaving {
            // Only instances the group launched are terminated or restarted; attached ones
            // stay as they are.
            if member.creation != Creation::Auto {
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
        let Some(g) = self.group_mut(group) else {
            return;
        };
        for id in ids {
            g.instances
                .push(Member::new(id.clone(), Creation::Manual).added_at(now));
        }
        shift_desired(g, i64::try_from(ids.len()).unwrap_or(0));
    }

    fn record_activity(&mut self, activity: NewActivity, now: u64) {
        let status = Activity::outcome(activity.succeeded.len(), activity.failed.len());
        self.record(Activity::recorded(activity, status, now));
    }

    fn remove_group(&mut self, group: &str) {
        self.scaling_groups.retain(|g| g.id != group);
        self.scaling_activities.retain(|a| a.group != group);
    }

    // Instances and policies: standby, start/stop, scale out/in, scaling policies.
    fn policies(&self) -> Vec<(String, Policy)> {
        self.scaling_groups
            .iter()
            .flat_map(|g| g.scaling_policies.iter().map(|p| (g.id.clone(), p.clone())))
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
