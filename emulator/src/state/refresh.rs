//! The state as the domain's [`RefreshStore`]: the refreshes it keeps (`refreshes:`, the
//! domain's own [`Refresh`] records), members' launch configurations, instances launched,
//! replaced and terminated for refreshes, and their checks when a state is loaded.

use super::check::Problem;
use super::{GroupInstance, Instance, ScalingGroup, State};
use crate::domain::ids::{self, IdKind};
use crate::domain::refresh::{BatchFailure, Refresh, RefreshStore};
use crate::domain::{Creation, DomainError};
use std::collections::HashSet;

impl State {
    fn refresh_group_mut(&mut self, id: &str) -> Option<&mut ScalingGroup> {
        self.group_mut(id)
    }

    /// A new `Auto` member launched from `configuration` at `now`, and the instance it is.
    fn new_member(
        &mut self,
        configuration: Option<String>,
        now: u64,
    ) -> Result<GroupInstance, DomainError> {
        let id = ids::fresh(IdKind::Instance, |id| self.instance(id).is_some())?;
        self.instances.push(Instance {
            instance_id: id.clone(),
            state: "Running".to_owned(),
        });
        let member = GroupInstance::new(id, Creation::Auto).added_at(now);
        Ok(GroupInstance {
            scaling_configuration_id: configuration,
            ..member
        })
    }

    /// The `refreshes:` entries: each id once, `asr-…`, of a group that exists, with at least
    /// one batch.
    pub(crate) fn check_refreshes(&self) -> Result<(), Problem> {
        if self.version < 3 && !self.refreshes.is_empty() {
            return Err(Problem::new(
                "refreshes",
                format!(
                    "format {} has no refreshes (format 3 added them): write version: 3",
                    self.version
                ),
            )
            .at("refreshes", 1));
        }
        let mut seen = HashSet::new();
        for (i, r) in self.refreshes.iter().enumerate() {
            let entry = format!("refreshes[{i}]");
            if !r.refresh_id.starts_with("asr-") {
                return Err(Problem::new(
                    entry,
                    format!("refreshId {:?} is not a refresh id (asr-…)", r.refresh_id),
                ));
            }
            if !seen.insert(r.refresh_id.as_str()) {
                return Err(Problem::new(
                    entry,
                    format!("{} is given more than once", r.refresh_id),
                ));
            }
            if self.group(&r.group_id).is_none() {
                return Err(Problem::new(
                    entry,
                    format!("scaling group {} is not in scalingGroups", r.group_id),
                ));
            }
            if r.batches.is_empty() || r.current_batch > r.batches.len() {
                return Err(Problem::new(
                    entry,
                    format!(
                        "currentBatch {} does not name one of its {} batch(es)",
                        r.current_batch,
                        r.batches.len()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Forgets the refreshes of groups that are gone.
    pub(crate) fn prune_refreshes(&mut self) {
        if self.refreshes.is_empty() {
            return;
        }
        let groups: HashSet<&str> = self.scaling_groups.iter().map(|g| g.id.as_str()).collect();
        self.refreshes
            .retain(|r| groups.contains(r.group_id.as_str()));
    }
}

impl RefreshStore for State {
    fn refreshes(&self) -> &[Refresh] {
        &self.refreshes
    }

    fn refreshes_mut(&mut self) -> &mut Vec<Refresh> {
        &mut self.refreshes
    }

    fn refresh_timing(&self) -> (u64, u64) {
        let timing = &self.simulation.timing;
        (timing.activity_init_seconds, timing.instance_launch_seconds)
    }

    fn group_configuration(&self, group: &str) -> Option<String> {
        self.group(group)
            .and_then(|g| g.scaling_configuration_id.clone())
    }

    fn member_configuration(&self, group: &str, instance: &str) -> Option<String> {
        self.group(group)?
            .instances
            .iter()
            .find(|m| m.instance_id == instance)?
            .scaling_configuration_id
            .clone()
    }

    fn set_member_configuration(&mut self, group: &str, instance: &str, to: Option<String>) {
        if let Some(member) = self
            .refresh_group_mut(group)
            .and_then(|g| g.instances.iter_mut().find(|m| m.instance_id == instance))
        {
            member.scaling_configuration_id = to;
        }
    }

    fn replace_member(
        &mut self,
        group: &str,
        instance: &str,
        configuration: Option<String>,
        now: u64,
    ) -> Result<String, DomainError> {
        let not_in = || DomainError::InstanceNotInGroup {
            instance: instance.to_owned(),
            group: group.to_owned(),
        };
        let position = self
            .group(group)
            .and_then(|g| g.instances.iter().position(|m| m.instance_id == instance))
            .ok_or_else(not_in)?;
        let member = self.new_member(configuration, now)?;
        let new_id = member.instance_id.clone();
        let g = self.refresh_group_mut(group).ok_or_else(not_in)?;
        let Some(slot) = g.instances.get_mut(position) else {
            return Err(not_in());
        };
        let old = std::mem::replace(slot, member);
        if old.creation == Creation::Auto {
            self.instances.retain(|i| i.instance_id != old.instance_id);
        }
        Ok(new_id)
    }

    fn launch_member(
        &mut self,
        group: &str,
        configuration: Option<String>,
        now: u64,
    ) -> Result<String, DomainError> {
        if self.group(group).is_none() {
            return Err(DomainError::GroupNotFound {
                group: group.to_owned(),
            });
        }
        let member = self.new_member(configuration, now)?;
        let id = member.instance_id.clone();
        if let Some(g) = self.refresh_group_mut(group) {
            g.instances.push(member);
        }
        Ok(id)
    }

    fn terminate_member(&mut self, group: &str, instance: &str) {
        let Some(g) = self.refresh_group_mut(group) else {
            return;
        };
        let before = g.instances.len();
        g.instances.retain(|m| m.instance_id != instance);
        if g.instances.len() < before {
            self.instances.retain(|i| i.instance_id != instance);
        }
    }

    fn set_group_enabled(&mut self, group: &str, enabled: bool) {
        if let Some(g) = self.refresh_group_mut(group) {
            g.enabled = enabled;
        }
    }

    fn take_batch_failure(&mut self, group: &str) -> Option<BatchFailure> {
        let failures = &mut self.simulation.failures;
        let i = failures.iter().position(|f| f.scaling_group_id == group)?;
        let planned = failures.remove(i);
        Some(BatchFailure {
            succeeding: usize::try_from(planned.launched).unwrap_or(usize::MAX),
            reason: format!(
                "{} (error code {})",
                planned.failure.describe(),
                planned.failure.code()
            ),
        })
    }
}
