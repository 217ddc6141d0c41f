//! The state as the domain's [`Catalog`]: launch configurations (stored as the domain's),
//! load balancer bindings, activity records and the account's counts (a group's load
//! balancers are stored as the domain's [`Bindings`], the one storage both protocols show).

use super::State;
use crate::actions::configuration_users;
use crate::domain::catalog::{ActivityRecord, Catalog, GroupConfiguration, LaunchConfiguration};
use crate::domain::load_balancers::Bindings;
use std::collections::{HashMap, HashSet};

impl State {
    /// The launch configuration `id`.
    pub fn launch_configuration(&self, id: &str) -> Option<&LaunchConfiguration> {
        self.launch_configurations.iter().find(|c| c.id == id)
    }
}

impl Catalog for State {
    fn launch_configuration(&self, id: &str) -> Option<&LaunchConfiguration> {
        State::launch_configuration(self, id)
    }

    fn add_launch_configuration(&mut self, configuration: LaunchConfiguration) {
        self.launch_configurations.push(configuration);
    }

    fn replace_launch_configuration(&mut self, configuration: LaunchConfiguration) {
        if let Some(c) = self
            .launch_configurations
            .iter_mut()
            .find(|c| c.id == configuration.id)
        {
            *c = configuration;
        }
    }

    fn launch_configuration_named(&self, name: &str) -> Option<String> {
        self.launch_configurations
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.id.clone())
    }

    fn launch_configuration_users(&self, id: &str) -> Vec<String> {
        configuration_users(self, id)
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    fn remove_launch_configuration(&mut self, id: &str) {
        self.launch_configurations.retain(|c| c.id != id);
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
            launch_configuration: id
                .as_deref()
                .and_then(|id| State::launch_configuration(self, id))
                .cloned(),
            launch_configuration_id: id,
            vpc: g.vpc_id.is_some(),
            zones: g.zone_ids.len(),
            subnets: g.subnet_ids.len(),
            min_size: g.min_size,
            max_size: g.max_size,
        })
    }
}
