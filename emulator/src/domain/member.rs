//! A member of a scaling group, as the state stores it: its life cycle, health, how it came
//! in, its protections, the launch configuration it came from, when it joined (Unix seconds
//! of the virtual clock) and whether it is paused (standby, stopped).

use super::model::{Creation, LifeCycle, Pause};
use serde::{Deserialize, Serialize};

/// Whether a member is healthy (`healthy` | `unhealthy` in the state).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Health {
    /// Healthy (the default).
    #[default]
    Healthy,
    /// Found unhealthy.
    Unhealthy,
}

fn in_service() -> LifeCycle {
    LifeCycle::InService
}

/// A member of a group.
///
/// ```
/// use qcloud_as_emulator::domain::{Creation, LifeCycle, Member};
///
/// let member = Member::new("ins-0000aaaa", Creation::Auto)
///     .life_cycle(LifeCycle::Creating)
///     .launch_configuration("asc-0000aaaa")
///     .added_at(1_767_225_600);
/// assert_eq!(member.state(), LifeCycle::Creating);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Member {
    /// The instance, which must be in the state's `instances`.
    pub instance_id: String,
    /// How it came in.
    pub creation: Creation,
    /// Its health (healthy by default).
    #[serde(default)]
    pub health: Health,
    /// Where it is in its life cycle (in service by default); [`Member::state`] says where it
    /// is once a pause is counted.
    #[serde(default = "in_service")]
    pub life_cycle: LifeCycle,
    /// Protected from scale-in (SetInstancesProtection).
    #[serde(default)]
    pub protected_from_scale_in: bool,
    /// Protected from detaching (API 2.0 SetCvmProtectedDetach).
    #[serde(default)]
    pub protected_from_detach: bool,
    /// The launch configuration it was launched from, for an `auto` member (a launch
    /// configuration that launched a member still in a group cannot be deleted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scaling_configuration_id: Option<String>,
    /// When it joined the group, Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added_at: Option<u64>,
    /// Out of service while in the group (standby, stopped): not scaled in, not counted in
    /// the size kept at the desired capacity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused: Option<Pause>,
}

impl Member {
    /// A healthy, in-service member, unprotected and not paused.
    pub fn new(instance_id: impl Into<String>, creation: Creation) -> Self {
        Member {
            instance_id: instance_id.into(),
            creation,
            health: Health::Healthy,
            life_cycle: LifeCycle::InService,
            protected_from_scale_in: false,
            protected_from_detach: false,
            scaling_configuration_id: None,
            added_at: None,
            paused: None,
        }
    }

    /// With this life cycle.
    pub fn life_cycle(mut self, life_cycle: LifeCycle) -> Self {
        self.life_cycle = life_cycle;
        self
    }

    /// With this health.
    pub fn health(mut self, health: Health) -> Self {
        self.health = health;
        self
    }

    /// Launched from launch configuration `id`.
    pub fn launch_configuration(mut self, id: impl Into<String>) -> Self {
        self.scaling_configuration_id = Some(id.into());
        self
    }

    /// Joined the group at `unix` (seconds).
    pub fn added_at(mut self, unix: u64) -> Self {
        self.added_at = Some(unix);
        self
    }

    /// Protected from scale-in, or not.
    pub fn protected_from_scale_in(mut self, protected: bool) -> Self {
        self.protected_from_scale_in = protected;
        self
    }

    /// Protected from detaching, or not.
    pub fn protected_from_detach(mut self, protected: bool) -> Self {
        self.protected_from_detach = protected;
        self
    }

    /// Paused this way (standby, stopped).
    pub fn paused(mut self, pause: Pause) -> Self {
        self.paused = Some(pause);
        self
    }

    /// Where it is, a pause counted: [`Pause::life_cycle`] when paused, else its life cycle.
    pub fn state(&self) -> LifeCycle {
        match self.paused {
            Some(pause) => pause.life_cycle(),
            None => self.life_cycle.clone(),
        }
    }
}
