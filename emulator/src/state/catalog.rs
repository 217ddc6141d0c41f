//! The state as the domain's [`Catalog`]: launch configurations, load balancer bindings,
//! activity records and the account's counts (a group's load balancers are stored as the
//! domain's [`Bindings`], the one storage both protocols show).

use super::State;
use crate::actions::{configuration_users, remove_configuration};
use crate::domain::catalog::{ActivityRecord, Catalog, GroupConfiguration, LaunchConfiguration};
use crate::domain::load_balancers::Bindings;
use std::collections::{HashMap, HashSet};

impl Catalog for State {
    fn launch_configuration(&self, id: &str) -> Option<LaunchConfiguration> {
        let c = self
            .scaling_configurations
            .iter()
            .find(|c| c.scaling_configuration_id == id)?;
        let types = self
            .v3
            .launch_configuration(id)
            .map_or(0, |v3| v3.instance_types.len());
        Some(LaunchConfiguration {
            id: id.to_owned(),
            name: c.scaling_configuration_name.clone(),
            project: c.project_id.unwrap_or(0),
            instance_types: types.max(1),
        })
    }

    fn launch_configuration_named(&self, name: &str) -> Option<String> {
        self.scaling_configurations
            .iter()
            .find(|c| c.scaling_configuration_name == name)
            .map(|c| c.scaling_configuration_id.clone())
    }

    fn launch_configuration_users(&self, id: &str) -> Vec<String> {
        configuration_users(self, id)
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    fn remove_launch_configuration(&mut self, id: &str) {
        if let Some(index) = self
            .scaling_configurations
            .iter()
            .position(|c| c.scaling_configuration_id == id)
        {
            remove_configuration(self, index);
        }
    }

    fn groups_in_account(&self) -> usize {
        self.scaling_groups.len()
    }

    fn load_balancers(&self, group: &str) -> Option<Bindings> {
        Some(self.group(group)?.load_balancers.clone())
    }

    fn set_load_balancers(&mut self, group: &str, bindings: Bindings) {
        if let Some(g) = self.group_mut(group) {
            g.load_balancers = bindings;
        }
    }

    fn activities_of(&self, groups: &[String]) -> HashMap<String, Vec<ActivityRecord>> {
        let wanted: HashSet<&str> = groups.iter().map(String::as_str).collect();
        let mut found: HashMap<String, Vec<ActivityRecord>> = HashMap::new();
        for a in self
            .scaling_activities
            .iter()
            .filter(|a| wanted.contains(a.group.as_str()))
        {
            found
                .entry(a.group.clone())
                .or_default()
                .push(ActivityRecord {
                    id: a.id.clone(),
                    status: a.status,
                });
        }
        found
    }

    fn group_configuration(&self, group: &str) -> Option<GroupConfiguration> {
        let g = self.group(group)?;
        let id = g.scaling_configuration_id.clone();
        Some(GroupConfiguration {
            group: group.to_owned(),
            launch_configuration: id.as_deref().and_then(|id| self.launch_configuration(id)),
            launch_configuration_id: id,
            vpc: g.vpc_id.is_some(),
            zones: g.zone_ids.len(),
            subnets: g.subnet_ids.len(),
            min_size: g.min_size,
            max_size: g.max_size,
        })
    }
}
