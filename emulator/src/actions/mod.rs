//! The actions, implemented over the [`State`](crate::State): one module per group of actions,
//! each a plain function from the state and the decoded request to the output or error. The
//! [`Backend`] routes the generated [`AutoScalingService`] trait to them, holding the state lock
//! for the whole action, so each action is atomic. (Authentication took the lock earlier and
//! released it; see [`Shared`].)
//!
//! Errors are built only with the generated constructors (`DetachInstanceError::
//! invalid_parameter_instance_id_error(…)`, `CommonError::operation_failed(…)`), so a code or a
//! `codeDesc` cannot be mistyped here.
//!
//! Adding an action: write its function in the module of its group (or a new module), and add
//! the trait method here.

mod activity;
pub(crate) mod configuration_record;
mod group_words;
mod launch_configuration;
mod life_cycle_hook;
mod notification;
mod policy;
// API 2.0's policy record and the domain's:
pub(crate) mod policy_wire;
mod scaling_group;
mod scaling_instance;
mod scheduled_task;
mod shared;

pub(crate) use group_words::stored_vpc_id;
pub(crate) use shared::*;

use crate::state::State;
use crate::world::Shared;
use qcloud_as::operation::create_scaling_group::{
    CreateScalingGroupError, CreateScalingGroupOutput, CreateScalingGroupRequest,
};
use qcloud_as::operation::describe_scaling_group::{
    DescribeScalingGroupError, DescribeScalingGroupOutput, DescribeScalingGroupRequest,
};
use qcloud_as::operation::describe_scaling_instance::{
    DescribeScalingInstanceError, DescribeScalingInstanceOutput, DescribeScalingInstanceRequest,
};
use qcloud_as::operation::detach_instance::{
    DetachInstanceError, DetachInstanceOutput, DetachInstanceRequest,
};
use qcloud_as::service::AutoScalingService;
use qcloud_as::CommonError;

/// The `AutoScalingService` of the emulator.
pub(crate) struct Backend<'a> {
    pub(crate) shared: &'a Shared,
}

impl Backend<'_> {
    /// Runs `action` on the state with the virtual time (Unix seconds), under one lock.
    fn at_now<T>(&self, action: impl FnOnce(&mut State, u64) -> T) -> T {
        let mut world = self.shared.lock();
        let now = world.now_secs();
        action(&mut world.state, now)
    }
}

/// Code 6000 for a failure of the emulator itself (no randomness for a new id).
fn internal<E: From<CommonError>>(message: impl AsRef<str>) -> E {
    E::from(CommonError::internal_error(message))
}

/// A new id from the domain's allocator ([`crate::domain::ids`]), or the common
/// `InternalError` when the system gives no randomness.
pub(crate) fn unique_id<E: From<CommonError>>(
    prefix: &str,
    taken: impl Fn(&str) -> bool,
) -> Result<String, E> {
    crate::domain::ids::fresh_with_prefix(prefix, taken).map_err(|e| internal::<E>(e.to_string()))
}

impl AutoScalingService for Backend<'_> {
    // Launch configurations (launch_configuration.rs).

    async fn create_scaling_configuration(
        &self,
        request: qcloud_as::operation::create_scaling_configuration::CreateScalingConfigurationRequest,
    ) -> Result<
        qcloud_as::operation::create_scaling_configuration::CreateScalingConfigurationOutput,
        qcloud_as::operation::create_scaling_configuration::CreateScalingConfigurationError,
    > {
        self.at_now(|state, now| launch_configuration::create(state, &request, now))
    }

    async fn describe_scaling_configuration(
        &self,
        request: qcloud_as::operation::describe_scaling_configuration::DescribeScalingConfigurationRequest,
    ) -> Result<
        qcloud_as::operation::describe_scaling_configuration::DescribeScalingConfigurationOutput,
        qcloud_as::operation::describe_scaling_configuration::DescribeScalingConfigurationError,
    > {
        launch_configuration::describe(&self.shared.lock().state, &request)
    }

    async fn delete_scaling_configuration(
        &self,
        request: qcloud_as::operation::delete_scaling_configuration::DeleteScalingConfigurationRequest,
    ) -> Result<
        qcloud_as::operation::delete_scaling_configuration::DeleteScalingConfigurationOutput,
        qcloud_as::operation::delete_scaling_configuration::DeleteScalingConfigurationError,
    > {
        launch_configuration::delete(&mut self.shared.lock().state, &request)
    }

    // Alarm policies (policy.rs).

    async fn create_scaling_policy(
        &self,
        request: qcloud_as::operation::create_scaling_policy::CreateScalingPolicyRequest,
    ) -> Result<
        qcloud_as::operation::create_scaling_policy::CreateScalingPolicyOutput,
        qcloud_as::operation::create_scaling_policy::CreateScalingPolicyError,
    > {
        self.at_now(|state, now| policy::create(state, &request, now))
    }

    async fn describe_scaling_policy(
        &self,
        request: qcloud_as::operation::describe_scaling_policy::DescribeScalingPolicyRequest,
    ) -> Result<
        qcloud_as::operation::describe_scaling_policy::DescribeScalingPolicyOutput,
        qcloud_as::operation::describe_scaling_policy::DescribeScalingPolicyError,
    > {
        policy::describe(&self.shared.lock().state, &request)
    }

    async fn modify_scaling_policy(
        &self,
        request: qcloud_as::operation::modify_scaling_policy::ModifyScalingPolicyRequest,
    ) -> Result<
        qcloud_as::operation::modify_scaling_policy::ModifyScalingPolicyOutput,
        qcloud_as::operation::modify_scaling_policy::ModifyScalingPolicyError,
    > {
        policy::modify(&mut self.shared.lock().state, &request)
    }

    async fn delete_scaling_policy(
        &self,
        request: qcloud_as::operation::delete_scaling_policy::DeleteScalingPolicyRequest,
    ) -> Result<
        qcloud_as::operation::delete_scaling_policy::DeleteScalingPolicyOutput,
        qcloud_as::operation::delete_scaling_policy::DeleteScalingPolicyError,
    > {
        policy::delete(&mut self.shared.lock().state, &request)
    }

    // Scheduled tasks (scheduled_task.rs).

    async fn create_scheduled_task(
        &self,
        request: qcloud_as::operation::create_scheduled_task::CreateScheduledTaskRequest,
    ) -> Result<
        qcloud_as::operation::create_scheduled_task::CreateScheduledTaskOutput,
        qcloud_as::operation::create_scheduled_task::CreateScheduledTaskError,
    > {
        self.at_now(|state, now| scheduled_task::create(state, &request, now))
    }

    async fn describe_scheduled_task(
        &self,
        request: qcloud_as::operation::describe_scheduled_task::DescribeScheduledTaskRequest,
    ) -> Result<
        qcloud_as::operation::describe_scheduled_task::DescribeScheduledTaskOutput,
        qcloud_as::operation::describe_scheduled_task::DescribeScheduledTaskError,
    > {
        scheduled_task::describe(&self.shared.lock().state, &request)
    }

    async fn modify_scheduled_task(
        &self,
        request: qcloud_as::operation::modify_scheduled_task::ModifyScheduledTaskRequest,
    ) -> Result<
        qcloud_as::operation::modify_scheduled_task::ModifyScheduledTaskOutput,
        qcloud_as::operation::modify_scheduled_task::ModifyScheduledTaskError,
    > {
        scheduled_task::modify(&mut self.shared.lock().state, &request)
    }

    async fn delete_scheduled_task(
        &self,
        request: qcloud_as::operation::delete_scheduled_task::DeleteScheduledTaskRequest,
    ) -> Result<
        qcloud_as::operation::delete_scheduled_task::DeleteScheduledTaskOutput,
        qcloud_as::operation::delete_scheduled_task::DeleteScheduledTaskError,
    > {
        scheduled_task::delete(&mut self.shared.lock().state, &request)
    }

    // Notifications (notification.rs).

    async fn create_scaling_notification(
        &self,
        request: qcloud_as::operation::create_scaling_notification::CreateScalingNotificationRequest,
    ) -> Result<
        qcloud_as::operation::create_scaling_notification::CreateScalingNotificationOutput,
        qcloud_as::operation::create_scaling_notification::CreateScalingNotificationError,
    > {
        notification::create(&mut self.shared.lock().state, &request)
    }

    async fn describe_scaling_notification(
        &self,
        request: qcloud_as::operation::describe_scaling_notification::DescribeScalingNotificationRequest,
    ) -> Result<
        qcloud_as::operation::describe_scaling_notification::DescribeScalingNotificationOutput,
        qcloud_as::operation::describe_scaling_notification::DescribeScalingNotificationError,
    > {
        notification::describe(&self.shared.lock().state, &request)
    }

    async fn modify_scaling_notification(
        &self,
        request: qcloud_as::operation::modify_scaling_notification::ModifyScalingNotificationRequest,
    ) -> Result<
        qcloud_as::operation::modify_scaling_notification::ModifyScalingNotificationOutput,
        qcloud_as::operation::modify_scaling_notification::ModifyScalingNotificationError,
    > {
        notification::modify(&mut self.shared.lock().state, &request)
    }

    async fn delete_scaling_notification(
        &self,
        request: qcloud_as::operation::delete_scaling_notification::DeleteScalingNotificationRequest,
    ) -> Result<
        qcloud_as::operation::delete_scaling_notification::DeleteScalingNotificationOutput,
        qcloud_as::operation::delete_scaling_notification::DeleteScalingNotificationError,
    > {
        notification::delete(&mut self.shared.lock().state, &request)
    }

    // Lifecycle hooks (life_cycle_hook.rs).

    async fn create_life_cycle_hook(
        &self,
        request: qcloud_as::operation::create_life_cycle_hook::CreateLifeCycleHookRequest,
    ) -> Result<
        qcloud_as::operation::create_life_cycle_hook::CreateLifeCycleHookOutput,
        qcloud_as::operation::create_life_cycle_hook::CreateLifeCycleHookError,
    > {
        self.at_now(|state, now| life_cycle_hook::create(state, &request, now))
    }

    async fn modify_life_cycle_hook(
        &self,
        request: qcloud_as::operation::modify_life_cycle_hook::ModifyLifeCycleHookRequest,
    ) -> Result<
        qcloud_as::operation::modify_life_cycle_hook::ModifyLifeCycleHookOutput,
        qcloud_as::operation::modify_life_cycle_hook::ModifyLifeCycleHookError,
    > {
        life_cycle_hook::modify(&mut self.shared.lock().state, &request)
    }

    async fn describe_life_cycle_hook(
        &self,
        request: qcloud_as::operation::describe_life_cycle_hook::DescribeLifeCycleHookRequest,
    ) -> Result<
        qcloud_as::operation::describe_life_cycle_hook::DescribeLifeCycleHookOutput,
        qcloud_as::operation::describe_life_cycle_hook::DescribeLifeCycleHookError,
    > {
        life_cycle_hook::describe(&self.shared.lock().state, &request)
    }

    async fn delete_life_cycle_hook(
        &self,
        request: qcloud_as::operation::delete_life_cycle_hook::DeleteLifeCycleHookRequest,
    ) -> Result<
        qcloud_as::operation::delete_life_cycle_hook::DeleteLifeCycleHookOutput,
        qcloud_as::operation::delete_life_cycle_hook::DeleteLifeCycleHookError,
    > {
        life_cycle_hook::delete(&mut self.shared.lock().state, &request)
    }

    async fn attach_life_cycle_hook_id(
        &self,
        request: qcloud_as::operation::attach_life_cycle_hook_id::AttachLifeCycleHookIdRequest,
    ) -> Result<
        qcloud_as::operation::attach_life_cycle_hook_id::AttachLifeCycleHookIdOutput,
        qcloud_as::operation::attach_life_cycle_hook_id::AttachLifeCycleHookIdError,
    > {
        life_cycle_hook::attach(&mut self.shared.lock().state, &request)
    }

    async fn detach_life_cycle_hook_id(
        &self,
        request: qcloud_as::operation::detach_life_cycle_hook_id::DetachLifeCycleHookIdRequest,
    ) -> Result<
        qcloud_as::operation::detach_life_cycle_hook_id::DetachLifeCycleHookIdOutput,
        qcloud_as::operation::detach_life_cycle_hook_id::DetachLifeCycleHookIdError,
    > {
        life_cycle_hook::detach(&mut self.shared.lock().state, &request)
    }

    async fn complete_life_cycle_hook_action(
        &self,
        request: qcloud_as::operation::complete_life_cycle_hook_action::CompleteLifeCycleHookActionRequest,
    ) -> Result<
        qcloud_as::operation::complete_life_cycle_hook_action::CompleteLifeCycleHookActionOutput,
        qcloud_as::operation::complete_life_cycle_hook_action::CompleteLifeCycleHookActionError,
    > {
        self.at_now(|state, now| life_cycle_hook::complete(state, &request, now))
    }

    async fn record_life_cycle_hook_timeout(
        &self,
        request: qcloud_as::operation::record_life_cycle_hook_timeout::RecordLifeCycleHookTimeoutRequest,
    ) -> Result<
        qcloud_as::operation::record_life_cycle_hook_timeout::RecordLifeCycleHookTimeoutOutput,
        qcloud_as::operation::record_life_cycle_hook_timeout::RecordLifeCycleHookTimeoutError,
    > {
        self.at_now(|state, now| life_cycle_hook::record_timeout(state, &request, now))
    }

    // Scaling groups and their instances (scaling_group.rs, scaling_instance.rs, activity.rs).

    async fn modify_scaling_group(
        &self,
        request: qcloud_as::operation::modify_scaling_group::ModifyScalingGroupRequest,
    ) -> Result<
        qcloud_as::operation::modify_scaling_group::ModifyScalingGroupOutput,
        qcloud_as::operation::modify_scaling_group::ModifyScalingGroupError,
    > {
        scaling_group::modify(&mut self.shared.lock().state, &request)
    }

    async fn delete_scaling_group(
        &self,
        request: qcloud_as::operation::delete_scaling_group::DeleteScalingGroupRequest,
    ) -> Result<
        qcloud_as::operation::delete_scaling_group::DeleteScalingGroupOutput,
        qcloud_as::operation::delete_scaling_group::DeleteScalingGroupError,
    > {
        scaling_group::delete(&mut self.shared.lock().state, &request)
    }

    async fn enabled_scaling_group(
        &self,
        request: qcloud_as::operation::enabled_scaling_group::EnabledScalingGroupRequest,
    ) -> Result<
        qcloud_as::operation::enabled_scaling_group::EnabledScalingGroupOutput,
        qcloud_as::operation::enabled_scaling_group::EnabledScalingGroupError,
    > {
        scaling_group::enable(&mut self.shared.lock().state, &request)
    }

    async fn describe_scaling_limit(
        &self,
        request: qcloud_as::operation::describe_scaling_limit::DescribeScalingLimitRequest,
    ) -> Result<
        qcloud_as::operation::describe_scaling_limit::DescribeScalingLimitOutput,
        qcloud_as::operation::describe_scaling_limit::DescribeScalingLimitError,
    > {
        scaling_group::describe_limit(&self.shared.lock().state, &request)
    }

    async fn attach_instance(
        &self,
        request: qcloud_as::operation::attach_instance::AttachInstanceRequest,
    ) -> Result<
        qcloud_as::operation::attach_instance::AttachInstanceOutput,
        qcloud_as::operation::attach_instance::AttachInstanceError,
    > {
        self.at_now(|state, now| scaling_instance::attach(state, &request, now))
    }

    async fn set_cvm_protected_detach(
        &self,
        request: qcloud_as::operation::set_cvm_protected_detach::SetCvmProtectedDetachRequest,
    ) -> Result<
        qcloud_as::operation::set_cvm_protected_detach::SetCvmProtectedDetachOutput,
        qcloud_as::operation::set_cvm_protected_detach::SetCvmProtectedDetachError,
    > {
        scaling_instance::set_protected_detach(&mut self.shared.lock().state, &request)
    }

    async fn describe_scaling_activity(
        &self,
        request: qcloud_as::operation::describe_scaling_activity::DescribeScalingActivityRequest,
    ) -> Result<
        qcloud_as::operation::describe_scaling_activity::DescribeScalingActivityOutput,
        qcloud_as::operation::describe_scaling_activity::DescribeScalingActivityError,
    > {
        activity::describe(&self.shared.lock().state, &request)
    }

    async fn create_scaling_group(
        &self,
        request: CreateScalingGroupRequest,
    ) -> Result<CreateScalingGroupOutput, CreateScalingGroupError> {
        self.at_now(|state, now| scaling_group::create(state, &request, now))
    }

    async fn describe_scaling_group(
        &self,
        request: DescribeScalingGroupRequest,
    ) -> Result<DescribeScalingGroupOutput, DescribeScalingGroupError> {
        scaling_group::describe(&self.shared.lock().state, &request)
    }

    async fn describe_scaling_instance(
        &self,
        request: DescribeScalingInstanceRequest,
    ) -> Result<DescribeScalingInstanceOutput, DescribeScalingInstanceError> {
        scaling_instance::describe(&self.shared.lock().state, &request)
    }

    async fn detach_instance(
        &self,
        request: DetachInstanceRequest,
    ) -> Result<DetachInstanceOutput, DetachInstanceError> {
        self.at_now(|state, now| scaling_instance::detach(state, &request, now))
    }
}

/// Each adapter's answer to the domain's refusals, by action (for the spec-built test).
#[cfg(test)]
pub(crate) mod codes {
    pub(crate) use super::launch_configuration::create_quota_error as create_scaling_configuration;
    pub(crate) use super::scaling_group::create_quota_error as create_scaling_group;
    pub(crate) use super::scaling_group::delete_error as delete_scaling_group;
    pub(crate) use super::scaling_instance::attach_error as attach_instance;
    pub(crate) use super::scaling_instance::detach_error as detach_instance;
    // Launch configurations, groups and load balancers:
    pub(crate) use super::launch_configuration::delete_error as delete_scaling_configuration;
    // Scheduled tasks, lifecycle hooks, notifications:
    pub(crate) use super::life_cycle_hook::{
        complete_error as complete_life_cycle_hook_action, create_error as create_life_cycle_hook,
        delete_error as delete_life_cycle_hook, modify_error as modify_life_cycle_hook,
    };
    pub(crate) use super::notification::{
        create_error as create_scaling_notification, delete_error as delete_scaling_notification,
        modify_error as modify_scaling_notification,
    };
    pub(crate) use super::scheduled_task::{
        create_error as create_scheduled_task, delete_error as delete_scheduled_task,
        modify_error as modify_scheduled_task,
    };
    // Instances and policies.
    pub(crate) use super::policy::create_error as create_scaling_policy;
    pub(crate) use super::policy::delete_error as delete_scaling_policy;
    pub(crate) use super::policy::modify_error as modify_scaling_policy;
    // Instance refresh.
    pub(crate) use super::scaling_group::enable_error as enabled_scaling_group;
}
