//! The emulated account: credentials, CVM instances, launch configurations, scaling groups,
//! recorded scaling activities, injected faults, and what the simulation keeps ([`Simulation`]:
//! activities in progress, cooldowns, reported metrics, planned failures, timings).
//!
//! The same shape is read from YAML (a state file) and written as JSON
//! (`GET /_emulator/state`); field names are the API's wire names.

pub use crate::domain::launch_configuration::LaunchConfiguration;
use crate::domain::{Creation, TerminationPolicy};
use crate::faults::Faults;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::Path;

mod check;
mod keys;
mod lifecycle;
// The words of a metric reading:
mod metric_words;
mod parts;
mod policies;
mod refresh;
pub mod sim;
mod store;
mod v3;
// Activities (format 4 stores the domain's; formats 1 to 3 the wire shape):
mod activities;
mod hook_results;
mod upgrade_activities;
// Launch configurations, groups and load balancers:
mod catalog;
// Groups and members: formats 1 to 3 read into the domain's.
mod upgrade_groups;

/// API 2.0's policy record read as the domain's: the API 2.0 adapter's conversion, here for
/// code that builds states with the SDK's shape.
pub use crate::actions::policy_wire::policy_from_v2;
/// A scaling group as the state stores it: the domain's [`Group`](crate::domain::Group).
pub use crate::domain::Group as ScalingGroup;
/// A member of a scaling group as the state stores it: the domain's
/// [`Member`](crate::domain::Member).
pub use crate::domain::Member as GroupInstance;
pub use activities::Activities;
pub(crate) use check::Problem;
pub use check::StateError;
use keys::strip_location;
pub(crate) use metric_words::{metric as metric_of_word, word as metric_word};
pub(crate) use policies::policy_of_entry;
pub use sim::{
    ActivityFailure, ActivityRun, Cooldown, Direction, InstanceStep, MetricReading, PlannedFailure,
    Simulation, Step, Timing,
};
pub use upgrade_activities::{DetachMode, DetachModeEntry};
pub use v3::ApiV3;

/// The whole emulated account. Every action reads and changes one `State`.
///
/// ```
/// use qcloud_as_emulator::State;
///
/// let state = State::from_yaml_str(
///     r#"
/// credentials:
///   - {secretId: AKIDexample, secretKey: example-key}
/// instances:
///   - {instanceId: ins-0000aaaa, state: Running}
/// scalingGroups:
///   - scalingGroupId: asg-0000aaaa
///     scalingGroupName: web
///     minSize: 0
///     maxSize: 5
///     status: active
///     instances:
///       - {instanceId: ins-0000aaaa, creationType: Auto}
/// "#,
///     "inline",
/// )?;
/// assert_eq!(state.scaling_groups[0].instances.len(), 1);
/// # Ok::<(), qcloud_as_emulator::StateError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct State {
    /// The format of the document: [`STATE_FORMAT_VERSION`]. A document without the key is of
    /// format 1 (the same fields, before the key existed): it loads unchanged and is written
    /// back as the current format. A format this emulator does not know is refused, naming it.
    #[serde(default = "first_format")]
    pub version: u32,
    /// The API keys requests may be signed with; the first one is what
    /// [`Emulator::credentials`](crate::Emulator::credentials) hands out.
    #[serde(default)]
    pub credentials: Vec<Credential>,
    /// The CVM instances that exist in the account, in groups or not.
    #[serde(default)]
    pub instances: Vec<Instance>,
    /// Launch configurations, the domain's, whichever protocol made them (the groups that use
    /// one are worked out when it is described, not stored).
    #[serde(default)]
    pub launch_configurations: Vec<LaunchConfiguration>,
    /// Formats 1 to 3: launch configurations in API 2.0's shape, joined with
    /// `v3.launchConfigurations` into [`State::launch_configurations`] on load; never written.
    #[serde(default, rename = "scalingConfigurations", skip_serializing)]
    pub(crate) format3_configurations: Vec<crate::upgrade::launch::ScalingConfiguration>,
    /// Scaling groups and their members, as the domain stores them (format 4); a group in
    /// the shape of formats 1 to 3 is read into it.
    #[serde(default, deserialize_with = "upgrade_groups::read")]
    pub scaling_groups: Vec<ScalingGroup>,
    /// Scaling activities recorded so far, oldest first, in the domain's shape (format 4):
    /// one per change of a group's instances. An entry in the wire shape of formats 1 to 3
    /// (`scalingActivityId`, …) still loads, read into the domain's, and so do the
    /// `hookResults` format 4 wrote on an activity (read into [`State::lifecycle_actions`]).
    #[serde(default)]
    pub scaling_activities: Activities,
    /// Injected faults, by action name or `*`.
    #[serde(default)]
    pub faults: Faults,
    /// What the simulation keeps: timings, activities in progress, cooldowns, reported
    /// metrics and planned failures (see the crate's README, "Time").
    #[serde(default, skip_serializing_if = "Simulation::is_empty")]
    pub simulation: Simulation,
    /// What only API 3.0 shows of launch configurations and activities (see the crate's
    /// README, "State file").
    #[serde(default, skip_serializing_if = "ApiV3::is_empty")]
    pub v3: ApiV3,
    /// Instance refreshes, running, paused or ended (API 3.0's StartInstanceRefresh and the
    /// rest; see the crate's README, "Instance refresh"), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refreshes: Vec<crate::domain::refresh::Refresh>,
    /// Lifecycle actions: the holds of lifecycle hooks, pending and ended, each with its token,
    /// message and command run (see the crate's README, "Lifecycle hooks"), in the order they
    /// started. Format 4.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lifecycle_actions: Vec<crate::domain::lifecycle::LifecycleAction>,
}

/// An API key pair, optionally with a session token.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Credential {
    /// The key id, sent as `SecretId`.
    pub secret_id: String,
    /// The secret the signature is made with.
    pub secret_key: String,
    /// When set, requests signed with this key must carry this `Token`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credential")
            .field("secret_id", &self.secret_id)
            .field("secret_key", &"<redacted>")
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

impl Credential {
    /// A key pair without a token.
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Credential {
            secret_id: secret_id.into(),
            secret_key: secret_key.into(),
            token: None,
        }
    }
}

/// A CVM instance of the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Instance {
    /// Its unified id, e.g. `ins-0000aaaa`.
    pub instance_id: String,
    /// Its state, e.g. `Running` or `Stopped` (free text).
    pub state: String,
}

/// The format of the state documents this emulator writes (`version:`). Format 1 is the same
/// document as format 2 without the key; both still load. Format 3 stores a group's
/// scheduled actions, lifecycle hooks and notifications as the domain's types
/// (`scheduledActions`, `lifecycleHooks`, `notifications`, times in Unix seconds): a format 1
/// or 2 document that holds them in API 2.0's shapes is refused, naming the key and what
/// format 3 stores instead. Format 3 also stores scaling policies in the domain's shape; a
/// policy in API 2.0's shape still loads. Format 3 adds `refreshes:` (instance refreshes),
/// which a format 1 or 2 document may not hold. And it adds optional fields to
/// `v3.launchConfigurations` (placement groups, network interfaces, version, update time, …),
/// which a format-2 document does not have. Format 4 stores scaling activities as the
/// domain's (`kind`, `status` as words, times in Unix seconds) where format 3 stored API 2.0's
/// records and `v3.detachModes`: a format-3 document still loads, read into format 4.
/// Format 4 also stores launch configurations as the domain's (`launchConfigurations`, times
/// in Unix seconds), where formats 1 to 3 stored API 2.0's records (`scalingConfigurations`)
/// and API 3.0's additions beside them (`v3.launchConfigurations`): those still load, joined
/// by id.
/// Format 4 adds `lifecycleActions:` (the holds of lifecycle hooks with their tokens); a
/// format-3 document's holds in progress are given theirs when it loads. Format 4 also stores
/// scaling groups and their members as the domain's [`Group`](crate::domain::Group) and
/// [`Member`](crate::domain::Member) (`enabled`, `terminationPolicy`, `createdAt` and
/// `addedAt` in Unix seconds, `creation`, `health`, `lifeCycle`, `loadBalancers`, the API 3.0
/// settings as the group's fields); a group in the shape of formats 1 to 3 is read into it.
pub const STATE_FORMAT_VERSION: u32 = 4;

fn first_format() -> u32 {
    1
}

/// The deepest a state document may nest collections, block and flow together (a state needs
/// about 7). A deeper document is refused at the first collection too deep, naming its line and
/// column, before the parser has spent more than linear time on it (the YAML parser's own
/// budget).
pub const MAX_STATE_DEPTH: usize = 64;

/// How state documents are parsed: [`serde_saphyr`] (pure Rust) with its budget bounding the
/// nesting at [`MAX_STATE_DEPTH`], duplicate keys refused, and no source snippet in messages
/// (the line and column are reported on their own).
pub(crate) fn yaml_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_STATE_DEPTH;
    budget.flow_nesting_limit = MAX_STATE_DEPTH;
    // The document is in memory already, and without aliases (whose expansion stays bounded
    // by the budget's defaults) its events, nodes and scalars grow with its size only: a
    // state with a long history (40,000 activities is over a million nodes) must load.
    budget.max_events = usize::MAX;
    budget.max_nodes = usize::MAX;
    budget.max_total_scalar_bytes = usize::MAX;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.with_snippet = false;
    options
}

/// Whether the parser refused the document for nesting past [`MAX_STATE_DEPTH`]: the budget's
/// depth (block collections), or the parser's own limit on flow collections.
pub(crate) fn too_deep(e: &serde_saphyr::Error) -> bool {
    use serde_saphyr::budget::BudgetBreach;
    use serde_saphyr::granit_parser::ErrorKind;
    match e {
        serde_saphyr::Error::Budget {
            breach: BudgetBreach::Depth { .. },
            ..
        } => true,
        serde_saphyr::Error::ExternalMessage { source, .. } => matches!(
            &**source,
            serde_saphyr::ExternalMessageSource::Parser(scan)
                if matches!(scan.kind(), ErrorKind::RecursionLimitExceeded)
        ),
        _ => false,
    }
}

/// A state document's YAML error, with its place.
pub(crate) fn yaml_error(e: &serde_saphyr::Error, source_name: &str) -> StateError {
    let location = e.location();
    let too_deep = too_deep(e);
    StateError::Parse {
        source_name: source_name.to_owned(),
        line: location.and_then(|l| usize::try_from(l.line()).ok()),
        column: location.and_then(|l| usize::try_from(l.column()).ok()),
        message: if too_deep {
            format!(
                "collections nested more than {MAX_STATE_DEPTH} levels deep (the most a state \
                 document may nest)"
            )
        } else {
            strip_location(&e.to_string())
        },
    }
}

impl State {
    /// Parses and checks a state given as YAML (JSON is YAML too). `source_name` names the
    /// text in error messages, e.g. the file name. A document nested deeper than
    /// [`MAX_STATE_DEPTH`] is refused at the first collection too deep.
    pub fn from_yaml_str(text: &str, source_name: &str) -> Result<State, StateError> {
        // An unknown field explains a missing one better than the other way round.
        keys::unknown_fields(text, source_name)?;
        // The path to a value that does not decode (`scalingGroups[0].minSize`) goes first in
        // the message.
        let mut path = String::new();
        let state: Result<State, _> =
            serde_saphyr::with_deserializer_from_str_with_options(text, yaml_options(), |de| {
                serde_path_to_error::deserialize(de).map_err(|e| {
                    path = e.path().to_string();
                    e.into_inner()
                })
            });
        let state = state.map_err(|e| match yaml_error(&e, source_name) {
            StateError::Parse {
                source_name,
                line,
                column,
                message,
            } if !path.is_empty() && path != "." && !too_deep(&e) => StateError::Parse {
                source_name,
                line,
                column,
                message: format!("{path}: {message}"),
            },
            other => other,
        })?;
        let mut state = state;
        state
            .upgrade_activities()
            .map_err(|p| p.into_error(source_name, Some(text)))?;
        state
            .upgrade_launch_configurations()
            .map_err(|p| p.into_error(source_name, Some(text)))?;
        state
            .check_all()
            .map_err(|p| p.into_error(source_name, Some(text)))?;
        state
            .fold_hook_results()
            .map_err(|p| p.into_error(source_name, Some(text)))?;
        // Format 1 has the same fields: it is now a document of the current format.
        state.upgrade_lifecycle_actions();
        state.version = STATE_FORMAT_VERSION;
        Ok(state)
    }

    /// Reads, parses and checks a state file (YAML or JSON).
    pub fn from_file(path: impl AsRef<Path>) -> Result<State, StateError> {
        let path = path.as_ref();
        let source_name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|error| StateError::Io {
            source_name: source_name.clone(),
            error,
        })?;
        State::from_yaml_str(&text, &source_name)
    }

    /// Checks that the state is consistent: ids unique, every group instance known and in one
    /// group only, `minSize ≤ maxSize`, launch configurations known, fault names valid.
    pub fn validate(&self) -> Result<(), StateError> {
        self.check_all().map_err(|p| p.into_error("state", None))
    }

    /// A small demo account, what the binary starts with when given no `--state`:
    ///
    /// - credential `AKIDEMULATOR` / `emulator-demo-secret-key`;
    /// - launch configuration `asc-demo0001` (`web-lc`);
    /// - group `asg-demo0001` (`web`, min 1, max 5, active) with Auto instances
    ///   `ins-demo0001`, `ins-demo0002`, `ins-demo0003` and the Manual instance `ins-demo0004`;
    /// - group `asg-demo0002` (`batch`, min 0, max 3, inactive) with the Auto instance
    ///   `ins-demo0005`;
    /// - the instance `ins-demo0006`, in no group.
    pub fn demo() -> State {
        let time = 1_767_196_800; // 2026-01-01 00:00:00 Beijing time
        let member = |id: &str, creation| GroupInstance::new(id, creation).added_at(time);
        State {
            version: STATE_FORMAT_VERSION,
            credentials: vec![Credential::new(DEMO_SECRET_ID, DEMO_SECRET_KEY)],
            instances: (1..=6)
                .map(|n| Instance {
                    instance_id: format!("ins-demo000{n}"),
                    state: "Running".to_owned(),
                })
                .collect(),
            launch_configurations: vec![LaunchConfiguration {
                cores: Some(1),
                memory_gb: Some(1),
                image_id: Some("img-demo0001".to_owned()),
                created_at: Some(time),
                ..LaunchConfiguration::new("asc-demo0001", "web-lc", 0)
            }],
            format3_configurations: Vec::new(),
            scaling_groups: vec![
                ScalingGroup::new("asg-demo0001", "web", 1, 5)
                    .launch_configuration("asc-demo0001")
                    .created_at(time)
                    .zones(["100002"])
                    .with_member(member("ins-demo0001", Creation::Auto))
                    .with_member(member("ins-demo0002", Creation::Auto))
                    .with_member(member("ins-demo0003", Creation::Auto))
                    .with_member(member("ins-demo0004", Creation::Manual)),
                ScalingGroup::new("asg-demo0002", "batch", 0, 3)
                    .launch_configuration("asc-demo0001")
                    .enabled(false)
                    .termination_policy(TerminationPolicy::NewestInstance)
                    .created_at(time)
                    .zones(["100003"])
                    .with_member(member("ins-demo0005", Creation::Auto)),
            ],
            scaling_activities: Activities::new(),
            faults: Faults::default(),
            simulation: Simulation::default(),
            v3: ApiV3::default(),
            refreshes: Vec::new(),
            lifecycle_actions: Vec::new(),
        }
    }

    /// The group with this id.
    pub fn group(&self, scaling_group_id: &str) -> Option<&ScalingGroup> {
        self.scaling_groups
            .iter()
            .find(|g| g.id == scaling_group_id)
    }

    /// The instance with this id, if it exists in the account.
    pub fn instance(&self, instance_id: &str) -> Option<&Instance> {
        self.instances.iter().find(|i| i.instance_id == instance_id)
    }

    /// The state as pretty JSON, the shape `GET /_emulator/state` answers.
    pub fn to_json_pretty(&self) -> String {
        // A tree of strings, numbers, bools and maps with string keys always serialises.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// The demo credential's `SecretId`.
pub const DEMO_SECRET_ID: &str = "AKIDEMULATOR";
/// The demo credential's `SecretKey`. Not a secret: it only opens the local emulator.
pub const DEMO_SECRET_KEY: &str = "emulator-demo-secret-key";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_is_valid() {
        assert!(State::demo().validate().is_ok());
    }

    #[test]
    fn demo_round_trips_through_json_and_yaml() {
        let demo = State::demo();
        let json = demo.to_json_pretty();
        assert_eq!(State::from_yaml_str(&json, "json").ok(), Some(demo));
    }
}
