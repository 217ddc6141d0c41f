//! What the state keeps for API 3.0 beyond the API 2.0 records (`v3:` in a state file):
//! whether a detach activity kept or terminated its instances (and, read from formats 1 to 3
//! only, the parts of launch configurations API 2.0 had no field for). Both protocols read and
//! change the same records; these only add to them.

use super::check::Problem;
use super::{ActivityType, State};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The `v3:` section of a state. Empty (and left out of `GET /_emulator/state`) until API 3.0
/// creates a launch configuration or an activity that needs it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApiV3 {
    /// Formats 1 to 3: per launch configuration (of `scalingConfigurations`), what API 3.0
    /// gave beyond its API 2.0 fields; joined into the domain's launch configurations on load,
    /// never written (format 4 stores `launchConfigurations`).
    #[serde(default, skip_serializing)]
    pub(crate) launch_configurations: Vec<crate::upgrade::launch::LaunchConfigurationV3>,
    /// Per detach activity (type 3 of `scalingActivities`), whether it kept or terminated the
    /// instances it took out. A detach activity without an entry kept them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub detach_modes: Vec<DetachModeEntry>,
}

impl ApiV3 {
    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        *self == ApiV3::default()
    }

    /// How the detach activity `id` treated its instances ([`DetachMode::Keep`] when not
    /// recorded).
    pub fn detach_mode(&self, id: &str) -> DetachMode {
        self.detach_modes
            .iter()
            .find(|m| m.scaling_activity_id == id)
            .map_or(DetachMode::Keep, |m| m.mode)
    }
}

/// Whether a detach activity kept the instances it took out or terminated the ones AS created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DetachMode {
    /// All kept running: API 3.0 `DETACH_INSTANCES` (DetachInstances; API 2.0 DetachInstance
    /// with `keepInstance=1`).
    #[default]
    Keep,
    /// AS-created instances terminated, manually attached ones kept: API 3.0
    /// `REMOVE_INSTANCES` (RemoveInstances; API 2.0 DetachInstance with `keepInstance=0`).
    Terminate,
    /// Not a detach: members started, API 3.0 `START_INSTANCES` (StartAutoScalingInstances;
    /// API 2.0 shows a scale-out, type 0).
    Start,
    /// Not a detach: members stopped, API 3.0 `STOP_INSTANCES` (StopAutoScalingInstances;
    /// API 2.0 shows a scale-in, type 1).
    Stop,
}

/// The [`DetachMode`] of one detach activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DetachModeEntry {
    /// The activity, which must be a detach activity (type 3) of `scalingActivities`.
    pub scaling_activity_id: String,
    /// `keep` or `terminate`.
    pub mode: DetachMode,
}

impl State {
    /// Every check of a state: API 2.0's records ([`State::check`]), then the `v3:` entries.
    pub(crate) fn check_all(&self) -> Result<(), Problem> {
        if !(1..=super::STATE_FORMAT_VERSION).contains(&self.version) {
            return Err(Problem::new(
                "version",
                format!(
                    "format {} is not one this emulator reads (1 or {}; a newer emulator may \
                     read it)",
                    self.version,
                    super::STATE_FORMAT_VERSION
                ),
            )
            .at("version", 1));
        }
        self.check()?;
        self.check_v3()?;
        self.check_refreshes()
    }

    /// The `v3:` entries: activities that exist, each at most once; detach modes only on
    /// detach activities.
    fn check_v3(&self) -> Result<(), Problem> {
        // Each activity's type, looked up by id: linear in the number of activities (finding 3
        // of the attack run: a search per entry made 40k entries take 26 s).
        let types: HashMap<&str, &ActivityType> = if self.v3.detach_modes.is_empty() {
            HashMap::new()
        } else {
            self.scaling_activities
                .iter()
                .map(|a| (a.scaling_activity_id.as_str(), &a.activity_type))
                .collect()
        };
        let mut seen = HashSet::new();
        for (i, m) in self.v3.detach_modes.iter().enumerate() {
            let id = m.scaling_activity_id.as_str();
            let entry = format!("v3.detachModes[{i}]");
            match types.get(id) {
                None => {
                    return Err(Problem::new(
                        entry,
                        format!("activity {id} is not in scalingActivities"),
                    ))
                }
                Some(t)
                    if !matches!(
                        (&m.mode, *t),
                        (
                            DetachMode::Keep | DetachMode::Terminate,
                            ActivityType::Detach
                        ) | (DetachMode::Start, ActivityType::ScaleOut)
                            | (DetachMode::Stop, ActivityType::ScaleIn)
                    ) =>
                {
                    return Err(Problem::new(
                        entry,
                        format!(
                            "activity {id} is not of the type its mode needs (keep and \
                             terminate: a detach, type 3; start: type 0; stop: type 1)"
                        ),
                    ))
                }
                Some(_) => {}
            }
            if !seen.insert(id) {
                return Err(Problem::new(entry, format!("{id} is given more than once")));
            }
        }
        Ok(())
    }

    /// Forgets the `v3:` entries of activities that are gone.
    pub(crate) fn prune_v3(&mut self) {
        let activities: HashSet<&str> = self
            .scaling_activities
            .iter()
            .map(|a| a.scaling_activity_id.as_str())
            .collect();
        self.v3
            .detach_modes
            .retain(|m| activities.contains(m.scaling_activity_id.as_str()));
    }
}
