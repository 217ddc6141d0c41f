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
mod launch_configuration;
mod life_cycle_hook;
mod notification;
mod policy;
mod scaling_group;
mod scaling_instance;
mod scheduled_task;

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

/// Code 6000 for a failure of the emulator itself (no randomness for a new id).
fn internal<E: From<CommonError>>(message: impl AsRef<str>) -> E {
    E::from(CommonError::internal_error(message))
}

impl AutoScalingService for Backend<'_> {
    // Launch configurations (launch_configuration.rs).

    // Alarm policies (policy.rs).

    // Scheduled tasks (scheduled_task.rs).

    // Notifications (notification.rs).

    // Lifecycle hooks (life_cycle_hook.rs).

    // Scaling groups and their instances (scaling_group.rs, scaling_instance.rs, activity.rs).

    async fn create_scaling_group(
        &self,
        request: CreateScalingGroupRequest,
    ) -> Result<CreateScalingGroupOutput, CreateScalingGroupError> {
        scaling_group::create(&mut self.shared.lock().state, &request)
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
        scaling_instance::detach(&mut self.shared.lock().state, &request)
    }
}
