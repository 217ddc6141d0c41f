//! What the commands on launch configurations, load balancer bindings, activity records and
//! the account's counts read and change, beyond [`Store`]: the [`Catalog`] trait and its
//! views. The state implements it (`state/catalog.rs`), converting its records at the edge.

pub use super::launch_configuration::LaunchConfiguration;
use super::load_balancers::Bindings;
use super::model::ActivityStatus;
use super::store::Store;
use std::collections::HashMap;

/// A recorded activity, as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityRecord {
    /// Its id.
    pub id: String,
    /// Where it stands.
    pub status: ActivityStatus,
}

/// What a group is configured with, for advice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupConfiguration {
    /// The group.
    pub group: String,
    /// Its launch configuration, when it has one that exists.
    pub launch_configuration: Option<LaunchConfiguration>,
    /// The id it names as its launch configuration, if any (even one that is gone).
    pub launch_configuration_id: Option<String>,
    /// Whether it is in a VPC (else the classic network).
    pub vpc: bool,
    /// How many availability zones it names.
    pub zones: usize,
    /// How many subnets it names.
    pub subnets: usize,
    /// Its minimum size.
    pub min_size: i64,
    /// Its maximum size.
    pub max_size: i64,
}

/// The account's storage for launch configurations, load balancer bindings and activity
/// records, as the domain reads and changes it.
pub trait Catalog: Store {
    /// The launch configuration `id`.
    fn launch_configuration(&self, id: &str) -> Option<&LaunchConfiguration>;
    /// Adds `configuration` (its id and name unused).
    fn add_launch_configuration(&mut self, configuration: LaunchConfiguration);
    /// Replaces the launch configuration with `configuration.id` by `configuration`.
    fn replace_launch_configuration(&mut self, configuration: LaunchConfiguration);
    /// The id of the launch configuration named `name`, if one is.
    fn launch_configuration_named(&self, name: &str) -> Option<String>;
    /// The groups that use launch configuration `id`: as theirs, or through an instance it
    /// created that is still in them.
    fn launch_configuration_users(&self, id: &str) -> Vec<String>;
    /// Removes launch configuration `id` (and what is kept beside it).
    fn remove_launch_configuration(&mut self, id: &str);
    /// How many groups the account holds, whatever their project.
    fn groups_in_account(&self) -> usize;
    /// The load balancers bound to group `group`.
    fn load_balancers(&self, group: &str) -> Option<Bindings>;
    /// Replaces the load balancers bound to group `group`.
    fn set_load_balancers(&mut self, group: &str, bindings: Bindings);
    /// The activity records of each group of `groups` that has some, oldest first, read in
    /// one pass over the account's records.
    fn activities_of(&self, groups: &[String]) -> HashMap<String, Vec<ActivityRecord>>;
    /// What group `group` is configured with.
    fn group_configuration(&self, group: &str) -> Option<GroupConfiguration>;
}
