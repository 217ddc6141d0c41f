//! The state's scaling activities (`scalingActivities`, the domain's [`Activity`]): the list,
//! indexed by id, the one place that records them, keeping each group's window of history,
//! and finds one by id in constant time.

use super::hook_results::ReadHookOutcome;
use super::State;
use crate::domain::activity::Activity;
use crate::domain::Quota;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Deref;

/// The recorded scaling activities, oldest first: a list of the domain's [`Activity`],
/// written as one (`scalingActivities:`), with an index from id to position, kept in step
/// when an activity is pushed, when activities are forgotten ([`retain`](Activities::retain))
/// and when the list is read. Read it as a slice (`iter`, `len`, indexing); find one by id
/// with [`get`](Activities::get) (constant time); change it through
/// [`push`](Activities::push), [`get_mut`](Activities::get_mut) and
/// [`retain`](Activities::retain).
#[derive(Clone, Default)]
pub struct Activities {
    list: Vec<Activity>,
    /// Each id's position in `list` (of the newest, should one be given twice).
    index: HashMap<String, usize>,
    /// The `hookResults` of format-4 entries written before the lifecycle actions were the one
    /// record of a hold's outcome: read aside, folded into `lifecycleActions` when the state
    /// loads ([`State::fold_hook_results`]), never written.
    pub(crate) read_hook_results: Vec<ReadHookOutcome>,
}

impl Activities {
    /// No activity.
    pub fn new() -> Self {
        Activities::default()
    }

    /// Appends `activity` (the newest). Ids are unique: [`State::validate`] refuses a state
    /// that gives one twice (should one be pushed twice, the id finds the newest).
    pub fn push(&mut self, activity: Activity) {
        self.index.insert(activity.id.clone(), self.list.len());
        self.list.push(activity);
    }

    /// The activity `id`.
    pub fn get(&self, id: &str) -> Option<&Activity> {
        self.index.get(id).and_then(|&n| self.list.get(n))
    }

    /// The activity `id`, to change (its id stays as it is: the index would not follow).
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Activity> {
        self.index.get(id).and_then(|&n| self.list.get_mut(n))
    }

    /// The activities with these ids, in the order they were recorded (oldest first), each
    /// once; ids no activity has are left out. Constant time per id.
    pub fn with_ids<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Vec<&Activity> {
        let mut positions: Vec<usize> = ids
            .into_iter()
            .filter_map(|id| self.index.get(id).copied())
            .collect();
        positions.sort_unstable();
        positions.dedup();
        positions.iter().filter_map(|&n| self.list.get(n)).collect()
    }

    /// Keeps the activities `keep` accepts, in order (the index is made again: linear in the
    /// activities).
    pub fn retain(&mut self, keep: impl FnMut(&Activity) -> bool) {
        let before = self.list.len();
        self.list.retain(keep);
        if self.list.len() != before {
            self.index = index_of(&self.list);
        }
    }
}

/// Each id's position in `list` (the last, for an id given twice).
fn index_of(list: &[Activity]) -> HashMap<String, usize> {
    list.iter()
        .enumerate()
        .map(|(n, a)| (a.id.clone(), n))
        .collect()
}

/// The list, as the state shows it (the index follows from it).
impl fmt::Debug for Activities {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.list.fmt(f)
    }
}

impl Deref for Activities {
    type Target = [Activity];

    fn deref(&self) -> &[Activity] {
        &self.list
    }
}

impl<'a> IntoIterator for &'a Activities {
    type Item = &'a Activity;
    type IntoIter = std::slice::Iter<'a, Activity>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl From<Vec<Activity>> for Activities {
    fn from(list: Vec<Activity>) -> Self {
        Activities {
            index: index_of(&list),
            list,
            read_hook_results: Vec::new(),
        }
    }
}

impl FromIterator<Activity> for Activities {
    fn from_iter<I: IntoIterator<Item = Activity>>(iter: I) -> Self {
        Activities::from(iter.into_iter().collect::<Vec<_>>())
    }
}

/// Two lists of the same activities in the same order are equal (the index follows from the
/// list; what was read aside is not part of the state).
impl PartialEq for Activities {
    fn eq(&self, other: &Self) -> bool {
        self.list == other.list
    }
}

impl Serialize for Activities {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.list.serialize(s)
    }
}

/// Each entry in the domain's shape, or in the wire shape of formats 1 to 3, read into the
/// domain's (`upgrade_activities`); a format-4 entry's `hookResults` read aside.
impl<'de> Deserialize<'de> for Activities {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (list, read_hook_results) = super::upgrade_activities::read(d)?;
        Ok(Activities {
            index: index_of(&list),
            list,
            read_hook_results,
        })
    }
}

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
        self.scaling_activities.get_mut(id)
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
