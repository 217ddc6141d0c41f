//! What formats 1 to 3 kept for API 3.0 beyond the API 2.0 records (`v3:` in a state file):
//! the parts of launch configurations API 2.0 had no field for (joined into the domain's
//! launch configurations on load: `crate::upgrade::launch`) and whether a detach activity kept
//! or terminated its instances (folded into the activities' kinds on load:
//! `super::upgrade_activities`). Format 4 keeps nothing here: the section is read, never
//! written.

use super::check::Problem;
use super::upgrade_activities::DetachModeEntry;
use super::State;
use serde::{Deserialize, Serialize};

/// The `v3:` section of a state: read from formats 1 to 3, emptied on load, and left out of
/// `GET /_emulator/state`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApiV3 {
    /// Formats 1 to 3: per launch configuration (of `scalingConfigurations`), what API 3.0
    /// gave beyond its API 2.0 fields; joined into the domain's launch configurations on load,
    /// never written (format 4 stores `launchConfigurations`).
    #[serde(default, skip_serializing)]
    pub(crate) launch_configurations: Vec<crate::upgrade::launch::LaunchConfigurationV3>,
    /// Format 3 only: per detach activity, whether it kept or terminated its instances. Read
    /// from a format-3 document and folded into the activities' kinds on load (an activity's
    /// kind says it since format 4); never written.
    #[serde(default, skip_serializing)]
    pub detach_modes: Vec<DetachModeEntry>,
}

impl ApiV3 {
    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        *self == ApiV3::default()
    }
}

impl State {
    /// Every check of a state: its records ([`State::check`]), then its refreshes.
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
        self.check_lifecycle_actions()?;
        self.check_refreshes()
    }
}
