//! The API 3.0 service of the emulator: the generated `AutoScalingService` trait, its methods
//! routed to the actions, each run under one lock of the world (so each is atomic). The
//! methods not written here keep the trait's default answer, `UnsupportedOperation`.

use super::{
    activities, capacity, group_view, groups, instance_view, instances, launch, launch_view,
};
use super::{refresh, refresh_view};
use crate::state::State;
use crate::world::Shared;
use qcloud_as::v3::operation as op;
use qcloud_as::v3::service::AutoScalingService;

/// The API 3.0 actions the emulator implements, sorted; every other action of the service
/// answers `UnsupportedOperation`.
pub const IMPLEMENTED: &[&str] = &[
    "AttachInstances",
    "CancelInstanceRefresh",
    "CreateAutoScalingGroup",
    "CreateLaunchConfiguration",
    "DeleteAutoScalingGroup",
    "DeleteLaunchConfiguration",
    "DescribeAutoScalingActivities",
    "DescribeAutoScalingGroups",
    "DescribeAutoScalingInstances",
    "DescribeLaunchConfigurations",
    "DescribeRefreshActivities",
    "DetachInstances",
    "DisableAutoScalingGroup",
    "EnableAutoScalingGroup",
    "ModifyAutoScalingGroup",
    "ModifyDesiredCapacity",
    "RemoveInstances",
    "ResumeInstanceRefresh",
    "RollbackInstanceRefresh",
    "SetInstancesProtection",
    "StartInstanceRefresh",
    "StopInstanceRefresh",
];

/// The API 3.0 `AutoScalingService` of the emulator.
pub(crate) struct V3Backend<'a> {
    pub(crate) shared: &'a Shared,
}

impl V3Backend<'_> {
    /// Runs `action` on the state with the virtual time (Unix seconds), under one lock.
    fn at_now<T>(&self, action: impl FnOnce(&mut State, u64) -> T) -> T {
        let mut world = self.shared.lock();
        let now = world.now_secs();
        action(&mut world.state, now)
    }
}

impl AutoScalingService for V3Backend<'_> {
    async fn create_launch_configuration(
        &self,
        request: op::create_launch_configuration::CreateLaunchConfigurationRequest,
    ) -> Result<
        op::create_launch_configuration::CreateLaunchConfigurationOutput,
        op::create_launch_configuration::CreateLaunchConfigurationError,
    > {
        self.at_now(|state, now| launch::create(state, &request, now))
    }

    async fn describe_launch_configurations(
        &self,
        request: op::describe_launch_configurations::DescribeLaunchConfigurationsRequest,
    ) -> Result<
        op::describe_launch_configurations::DescribeLaunchConfigurationsOutput,
        op::describe_launch_configurations::DescribeLaunchConfigurationsError,
    > {
        launch_view::describe(&self.shared.lock().state, &request)
    }

    async fn delete_launch_configuration(
        &self,
        request: op::delete_launch_configuration::DeleteLaunchConfigurationRequest,
    ) -> Result<
        op::delete_launch_configuration::DeleteLaunchConfigurationOutput,
        op::delete_launch_configuration::DeleteLaunchConfigurationError,
    > {
        launch::delete(&mut self.shared.lock().state, &request)
    }

    async fn create_auto_scaling_group(
        &self,
        request: op::create_auto_scaling_group::CreateAutoScalingGroupRequest,
    ) -> Result<
        op::create_auto_scaling_group::CreateAutoScalingGroupOutput,
        op::create_auto_scaling_group::CreateAutoScalingGroupError,
    > {
        self.at_now(|state, now| groups::create(state, &request, now))
    }

    async fn describe_auto_scaling_groups(
        &self,
        request: op::describe_auto_scaling_groups::DescribeAutoScalingGroupsRequest,
    ) -> Result<
        op::describe_auto_scaling_groups::DescribeAutoScalingGroupsOutput,
        op::describe_auto_scaling_groups::DescribeAutoScalingGroupsError,
    > {
        group_view::describe(&self.shared.lock().state, &request)
    }

    async fn modify_auto_scaling_group(
        &self,
        request: op::modify_auto_scaling_group::ModifyAutoScalingGroupRequest,
    ) -> Result<
        op::modify_auto_scaling_group::ModifyAutoScalingGroupOutput,
        op::modify_auto_scaling_group::ModifyAutoScalingGroupError,
    > {
        groups::modify(&mut self.shared.lock().state, &request)
    }

    async fn delete_auto_scaling_group(
        &self,
        request: op::delete_auto_scaling_group::DeleteAutoScalingGroupRequest,
    ) -> Result<
        op::delete_auto_scaling_group::DeleteAutoScalingGroupOutput,
        op::delete_auto_scaling_group::DeleteAutoScalingGroupError,
    > {
        groups::delete(&mut self.shared.lock().state, &request)
    }

    async fn enable_auto_scaling_group(
        &self,
        request: op::enable_auto_scaling_group::EnableAutoScalingGroupRequest,
    ) -> Result<
        op::enable_auto_scaling_group::EnableAutoScalingGroupOutput,
        op::enable_auto_scaling_group::EnableAutoScalingGroupError,
    > {
        capacity::enable(&mut self.shared.lock().state, &request)
    }

    async fn disable_auto_scaling_group(
        &self,
        request: op::disable_auto_scaling_group::DisableAutoScalingGroupRequest,
    ) -> Result<
        op::disable_auto_scaling_group::DisableAutoScalingGroupOutput,
        op::disable_auto_scaling_group::DisableAutoScalingGroupError,
    > {
        capacity::disable(&mut self.shared.lock().state, &request)
    }

    async fn modify_desired_capacity(
        &self,
        request: op::modify_desired_capacity::ModifyDesiredCapacityRequest,
    ) -> Result<
        op::modify_desired_capacity::ModifyDesiredCapacityOutput,
        op::modify_desired_capacity::ModifyDesiredCapacityError,
    > {
        capacity::modify_desired(&mut self.shared.lock().state, &request)
    }

    async fn describe_auto_scaling_instances(
        &self,
        request: op::describe_auto_scaling_instances::DescribeAutoScalingInstancesRequest,
    ) -> Result<
        op::describe_auto_scaling_instances::DescribeAutoScalingInstancesOutput,
        op::describe_auto_scaling_instances::DescribeAutoScalingInstancesError,
    > {
        instance_view::describe(&self.shared.lock().state, &request)
    }

    async fn attach_instances(
        &self,
        request: op::attach_instances::AttachInstancesRequest,
    ) -> Result<
        op::attach_instances::AttachInstancesOutput,
        op::attach_instances::AttachInstancesError,
    > {
        self.at_now(|state, now| instances::attach(state, &request, now))
    }

    async fn detach_instances(
        &self,
        request: op::detach_instances::DetachInstancesRequest,
    ) -> Result<
        op::detach_instances::DetachInstancesOutput,
        op::detach_instances::DetachInstancesError,
    > {
        self.at_now(|state, now| instances::detach(state, &request, now))
    }

    async fn remove_instances(
        &self,
        request: op::remove_instances::RemoveInstancesRequest,
    ) -> Result<
        op::remove_instances::RemoveInstancesOutput,
        op::remove_instances::RemoveInstancesError,
    > {
        self.at_now(|state, now| instances::remove(state, &request, now))
    }

    async fn set_instances_protection(
        &self,
        request: op::set_instances_protection::SetInstancesProtectionRequest,
    ) -> Result<
        op::set_instances_protection::SetInstancesProtectionOutput,
        op::set_instances_protection::SetInstancesProtectionError,
    > {
        instances::protect(&mut self.shared.lock().state, &request)
    }

    async fn describe_auto_scaling_activities(
        &self,
        request: op::describe_auto_scaling_activities::DescribeAutoScalingActivitiesRequest,
    ) -> Result<
        op::describe_auto_scaling_activities::DescribeAutoScalingActivitiesOutput,
        op::describe_auto_scaling_activities::DescribeAutoScalingActivitiesError,
    > {
        activities::describe(&self.shared.lock().state, &request)
    }

    // Instance refresh: start, describe, stop (pause), resume, cancel, roll back.
    async fn start_instance_refresh(
        &self,
        request: op::start_instance_refresh::StartInstanceRefreshRequest,
    ) -> Result<
        op::start_instance_refresh::StartInstanceRefreshOutput,
        op::start_instance_refresh::StartInstanceRefreshError,
    > {
        self.at_now(|state, now| refresh::start(state, &request, now))
    }

    async fn describe_refresh_activities(
        &self,
        request: op::describe_refresh_activities::DescribeRefreshActivitiesRequest,
    ) -> Result<
        op::describe_refresh_activities::DescribeRefreshActivitiesOutput,
        op::describe_refresh_activities::DescribeRefreshActivitiesError,
    > {
        refresh_view::describe(&self.shared.lock().state, &request)
    }

    async fn stop_instance_refresh(
        &self,
        request: op::stop_instance_refresh::StopInstanceRefreshRequest,
    ) -> Result<
        op::stop_instance_refresh::StopInstanceRefreshOutput,
        op::stop_instance_refresh::StopInstanceRefreshError,
    > {
        self.at_now(|state, now| refresh::stop(state, &request, now))
    }

    async fn resume_instance_refresh(
        &self,
        request: op::resume_instance_refresh::ResumeInstanceRefreshRequest,
    ) -> Result<
        op::resume_instance_refresh::ResumeInstanceRefreshOutput,
        op::resume_instance_refresh::ResumeInstanceRefreshError,
    > {
        self.at_now(|state, now| refresh::resume(state, &request, now))
    }

    async fn cancel_instance_refresh(
        &self,
        request: op::cancel_instance_refresh::CancelInstanceRefreshRequest,
    ) -> Result<
        op::cancel_instance_refresh::CancelInstanceRefreshOutput,
        op::cancel_instance_refresh::CancelInstanceRefreshError,
    > {
        self.at_now(|state, now| refresh::cancel(state, &request, now))
    }

    async fn rollback_instance_refresh(
        &self,
        request: op::rollback_instance_refresh::RollbackInstanceRefreshRequest,
    ) -> Result<
        op::rollback_instance_refresh::RollbackInstanceRefreshOutput,
        op::rollback_instance_refresh::RollbackInstanceRefreshError,
    > {
        self.at_now(|state, now| refresh::rollback(state, &request, now))
    }
}
