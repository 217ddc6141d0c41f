//! The domain: an account's Auto Scaling as the service itself sees it, in no protocol's
//! words. Nothing here imports the SDK's operation, type or server modules of either API
//! version (a test greps these sources to keep it so); API 2.0 and API 3.0 are adapters
//! around it.
//!
//! # Layout
//!
//! - [`model`]: life cycles, creation, instances, activities (one [`ActivityKind`] per cause),
//!   and the shapes of policies, hooks and refreshes; times are Unix seconds of the virtual
//!   clock;
//! - [`group`], [`member`], [`group_settings`]: a scaling group and its members as the state
//!   stores them ([`Group`], [`Member`]: sizes, enabled, termination policy, placement, load
//!   balancers, settings, life cycle, health, protection, standby), in no protocol's words;
//! - [`store`]: the [`Store`] trait, what the commands read (the stored [`Group`]) and change;
//!   the state implements it;
//! - [`launch_configuration`]: a launch configuration as stored, whatever protocol made it;
//! - commands, one module per family: [`instances`] (attach, detach, remove), [`groups`]
//!   (quota, delete), [`launch`] (quota), [`scaling`] (standby, start/stop, scale out/in),
//!   [`policies`] (create, modify, delete, execute the [`policy`] types); [`schedules`],
//!   [`hooks`] and [`notifications`] (the parts of a group, stored as the domain's types,
//!   through [`parts::PartsStore`], each kind a [`parts::Part`] that one listing and one
//!   lookup serve); [`lifecycle`] (the holds of hooks as lifecycle actions with tokens, their
//!   messages and command runs); [`refresh`] (instance refresh: start, stop, resume,
//!   cancel, roll back, and its progress over the clock);
//! - [`rules`]: the named [`Rules`] where the two documentations truly differ
//!   ([`Rules::API_V2`], [`Rules::API_V3`]);
//! - [`ids`]: the one id allocator; [`quota`]: the one quota table;
//! - [`error`]: the one [`DomainError`], what was refused and why;
//! - [`catalog`]: the [`Catalog`] trait, what the commands on launch
//!   configurations, load balancer bindings and activity records need beyond [`Store`];
//!   [`load_balancers`]: attach, detach, replace and retarget a group's load balancers;
//!   [`reports`]: the account's limits, each group's last activity, advice on a group.
//!
//! # Conventions
//!
//! - A command is a function `fn(store: &mut impl Store, …, rules: &Rules, …, now: u64) ->
//!   Result<T, DomainError>` that checks every rule first, in the order its doc lists, and
//!   only then changes the store: a refused command changes nothing.
//! - A rule is written once. "Is the group in an activity" is [`Group::in_activity`], checked
//!   by [`instances::ensure_idle`]; quotas are [`Quota::check`]; ids come from
//!   [`ids::fresh`].
//! - Where API 2.0 and API 3.0 documentation disagree, the command takes the difference as a
//!   field of [`Rules`]; it never asks which protocol called it.
//! - The adapter of an action (under `crate::actions` for API 2.0, `crate::v3` for API 3.0)
//!   decodes the request (generated), checks what is only about the wire (id formats, list
//!   lengths), calls one command, and turns the result or the [`DomainError`] into its answer
//!   with the generated constructors: one `match` from error to code per action.

pub mod error;
pub mod group;
pub mod group_settings;
pub mod groups;
pub mod hooks;
pub mod ids;
pub mod instances;
pub mod launch;
pub mod launch_configuration;
pub mod launch_parts;
pub mod lifecycle;
pub mod member;
pub mod model;
pub mod notifications;
pub mod parts;
pub mod policies;
pub mod policy;
pub mod policy_checks;
pub mod quota;
pub mod recurrence;
pub mod refresh;
pub mod rules;
pub mod scaling;
pub mod schedules;
pub mod store;
// Launch configurations, groups and load balancers:
pub mod catalog;
pub mod load_balancers;
pub mod reports;

pub use error::DomainError;
pub use ids::IdKind;
pub use model::{ActivityKind, Creation, Group, InstanceState, LifeCycle, Member};
// Groups and members as the state stores them:
pub use group::TerminationPolicy;
pub use member::Health;
pub use quota::Quota;
pub use rules::Rules;
pub use store::{Leave, Store};
// Launch configurations, groups and load balancers:
pub use catalog::Catalog;

// Instances and policies: standby, start/stop, scale out/in, scaling policies.
pub use error::PolicyField;
pub use model::Pause;
pub use policy::Policy;

// Activities: the one stored record of a scaling activity.
pub mod activity;
pub use activity::Activity;
