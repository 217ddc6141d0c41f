//! The state's scaling activities (`scalingActivities`, the domain's [`Activity`]): the one
//! place that records them, keeping each group's window of history, and finds one by id.

use super::State;
use crate::domain::activity::Activity;
use crate::domain::Quota;
use std::collections::HashSet;

impl State {
    /// Records `activity`, then forgets the group's oldest finished records beyond
    /// [`Quota::ActivitiesKeptPerGroup`].
    pub(crate) fn record(&mut self, activity: Activity) {
        let group = activity.group.clone();
        self.scaling_activities.push(activity);
        self.trim_activities(&group);
    }

    /// The recorded activity `id`.
    pub(crate) fn activity_mut(&mut self, id: &str) -> Option<&mut Activity> {
        // The newest first: an activity in progress is among the latest records.
        self.scaling_activities
            .iter_mut()
            .rev()
            .find(|a| a.id == id)
    }

    /// Forgets the oldest finished records of group `id` beyond
    /// [`Quota::ActivitiesKeptPerGroup`]; records of activities in progress stay.
    pub(crate) fn trim_activities(&mut self, id: &str) {
        let limit = Quota::ActivitiesKeptPerGroup.limit();
        let count = self
            .scaling_activities
            .iter()
            .filter(|a| a.group == id)
            .count();
        if count <= limit {
            return;
        }
        let mut excess = count - limit;
        let running: HashSet<String> = self
            .simulation
            .activities
            .iter()
            .map(|a| a.scaling_activity_id.clone())
            .collect();
        self.scaling_activities.retain(|a| {
            let forget = excess > 0 && a.group == id && !running.contains(&a.id);
            if forget {
                excess -= 1;
            }
            !forget
        });
    }
}
