//! API 3.0 (`POST /` or `GET /?…` with `X-TC-Action`, TC3-HMAC-SHA256, the `Response`
//! envelope) over the same [`State`] API 2.0 uses: one account, seen and changed through
//! either protocol.
//!
//! - [`http`]: the requests on `/`: headers, body, authentication ([`auth`]), dispatch;
//! - [`service`]: the generated `AutoScalingService` trait of API 3.0, its methods routed to
//!   the actions ([`groups`], [`group_view`], [`capacity`], [`settings`], [`instances`],
//!   [`instance_view`], [`launch`], [`launch_view`], [`activities`], [`schedules`], [`hooks`],
//!   [`notifications`], [`refresh`], [`refresh_view`]); the actions not routed answer
//!   `UnsupportedOperation`;
//! - [`convert`]: how API 2.0 values read in API 3.0 and back (zones, instance types,
//!   enumerations, times); [`query`]: ids, filters and paging of the Describe actions.
//!
//! Errors are built only with the generated constructors of `qcloud_as::v3`.

mod activities;
pub(crate) mod auth;
mod capacity;
mod convert;
mod group_view;
mod groups;
mod hook_values;
mod hook_view;
mod hooks;
pub(crate) mod http;
mod instance_view;
mod instances;
mod launch;
mod launch_view;
mod lifecycle_view;
mod notifications;
mod params;
mod parts_query;
mod policies;
mod policy_view;
mod query;
mod refresh;
mod refresh_view;
mod scaling;
mod schedules;
pub(crate) mod service;
mod settings;
// Launch configurations, groups and load balancers:
mod group_from_instance;
mod group_reports;
mod launch_attributes;
mod launch_edit;
pub(crate) mod launch_wire;
mod load_balancers;

use crate::state::State;
use crate::Emulator;
use qcloud_as::v3::CommonError;
use query::well_formed;

/// The API version API 3.0 requests must name in `X-TC-Version`.
pub const API_VERSION: &str = match qcloud_as::v3::SERVICE.api_version {
    Some(version) => version,
    None => "2018-04-19",
};

/// Why a group named by a request is not found.
pub(crate) enum Missing {
    /// The id is not `asg-…`.
    Malformed(String),
    /// No group has it.
    NotFound(String),
}

/// The index of the group `id`.
pub(crate) fn find_group(state: &State, id: &str) -> Result<usize, Missing> {
    if !well_formed(id, "asg") {
        return Err(Missing::Malformed(format!(
            "AutoScalingGroupId: {id:?} is not a scaling group id (asg-…)"
        )));
    }
    crate::actions::group_index(state, id).ok_or_else(|| {
        Missing::NotFound(format!(
            "AutoScalingGroupId: scaling group {id} does not exist"
        ))
    })
}

/// A new id from the domain's allocator ([`crate::domain::ids`]), or the common
/// `InternalError` when the system gives no randomness.
pub(crate) fn new_id<E: From<CommonError>>(
    prefix: &str,
    taken: impl Fn(&str) -> bool,
) -> Result<String, E> {
    crate::domain::ids::fresh_with_prefix(prefix, taken)
        .map_err(|e| CommonError::internal_error(e.to_string()).into())
}

impl Emulator {
    /// An API 3.0 client configuration for this emulator: region `ap-guangzhou`, its endpoint
    /// (the client posts to `/`), its first credential, and its clock as the signing time (so
    /// `X-TC-Timestamp` is within the 5 minutes API 3.0 allows whatever time the emulator
    /// simulates).
    pub fn v3_client_config(&self) -> qcloud_as::ConfigBuilder {
        self.client_config().region("ap-guangzhou")
    }

    /// An API 3.0 client built from [`Emulator::v3_client_config`].
    pub fn v3_client(&self) -> Result<qcloud_as::v3::Client, qcloud_as::ConfigError> {
        qcloud_as::v3::Client::new(self.v3_client_config().build()?)
    }

    /// The API 3.0 URL: `http://127.0.0.1:PORT/`.
    pub fn v3_url(&self) -> String {
        format!("http://{}/", self.local_addr())
    }
}

/// Each adapter's answer to the domain's refusals, by action (for the spec-built test).
#[cfg(test)]
pub(crate) mod codes {
    pub(crate) use super::groups::create_quota_error as create_auto_scaling_group;
    pub(crate) use super::groups::delete_error as delete_auto_scaling_group;
    pub(crate) use super::instances::attach_error as attach_instances;
    pub(crate) use super::instances::detach_error as detach_instances;
    pub(crate) use super::instances::remove_error as remove_instances;
    pub(crate) use super::launch::create_quota_error as create_launch_configuration;
    pub(crate) use super::refresh::cancel_error as cancel_instance_refresh;
    pub(crate) use super::refresh::enable_error as enable_auto_scaling_group;
    pub(crate) use super::refresh::resume_error as resume_instance_refresh;
    pub(crate) use super::refresh::rollback_error as rollback_instance_refresh;
    pub(crate) use super::refresh::start_error as start_instance_refresh;
    pub(crate) use super::refresh::stop_error as stop_instance_refresh;
    // Launch configurations, groups and load balancers:
    pub(crate) use super::group_from_instance::create_error as create_auto_scaling_group_from_instance;
    pub(crate) use super::launch::delete_error as delete_launch_configuration;
    pub(crate) use super::launch_attributes::clear_error as clear_launch_configuration_attributes;
    pub(crate) use super::launch_attributes::modify_error as modify_launch_configuration_attributes;
    pub(crate) use super::launch_attributes::upgrade_error as upgrade_launch_configuration;
    pub(crate) use super::load_balancers::attach_error as attach_load_balancers;
    pub(crate) use super::load_balancers::detach_error as detach_load_balancers;
    pub(crate) use super::load_balancers::modify_error as modify_load_balancers;
    pub(crate) use super::load_balancers::targets_error as modify_load_balancer_target_attributes;
    // Scheduled actions, lifecycle hooks, notifications:
    pub(crate) use super::hooks::{
        complete_error as complete_lifecycle_action, create_error as create_lifecycle_hook,
        delete_error as delete_lifecycle_hook, modify_error as modify_lifecycle_hook,
        upgrade_error as upgrade_lifecycle_hook,
    };
    pub(crate) use super::notifications::{
        create_error as create_notification_configuration,
        delete_error as delete_notification_configuration,
        modify_error as modify_notification_configuration,
    };
    pub(crate) use super::schedules::{
        create_error as create_scheduled_action, delete_error as delete_scheduled_action,
        modify_error as modify_scheduled_action,
    };
    // Instances and policies.
    pub(crate) use super::policies::create_error as create_scaling_policy;
    pub(crate) use super::policies::delete_error as delete_scaling_policy;
    pub(crate) use super::policies::execute_error as execute_scaling_policy;
    pub(crate) use super::policies::modify_error as modify_scaling_policy;
    pub(crate) use super::scaling::enter_error as enter_standby;
    pub(crate) use super::scaling::exit_error as exit_standby;
    pub(crate) use super::scaling::scale_in_error as scale_in_instances;
    pub(crate) use super::scaling::scale_out_error as scale_out_instances;
    pub(crate) use super::scaling::start_error as start_auto_scaling_instances;
    pub(crate) use super::scaling::stop_error as stop_auto_scaling_instances;
}
