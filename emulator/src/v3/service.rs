//! The API 3.0 service of the emulator: the generated `AutoScalingService` trait, its methods
//! routed to the actions, each run under one lock of the world (so each is atomic). The
//! methods not written here keep the trait's default answer, `UnsupportedOperation`.

use super::{
    activities, capacity, group_view, groups, instance_view, instances, launch, launch_view,
};
use super::{hook_view, hooks, notifications, schedules};
use super::{policies, policy_view, scaling};
use super::{refresh, refresh_view};
// Launch configurations, groups and load balancers:
use super::{group_from_instance, group_reports, launch_attributes, load_balancers};
use crate::state::State;
use crate::world::Shared;
use qcloud_as::v3::operation as op;
use qcloud_as::v3::service::AutoScalingService;

/// The API 3.0 actions the emulator implements, sorted; every other action of the service
/// answers `UnsupportedOperation`.
pub const IMPLEMENTED: &[&str] = &[
    "AttachInstances",
    "AttachLoadBalancers",
    "CancelInstanceRefresh",
    "ClearLaunchConfigurationAttributes",
    "CompleteLifecycleAction",
    "CreateAutoScalingGroup",
    "CreateAutoScalingGroupFromInstance",
    "CreateLaunchConfiguration",
    "CreateLifecycleHook",
    "CreateNotificationConfiguration",
    "CreateScalingPolicy",
    "CreateScheduledAction",
    "DeleteAutoScalingGroup",
    "DeleteLaunchConfiguration",
    "DeleteLifecycleHook",
    "DeleteNotificationConfiguration",
    "DeleteScalingPolicy",
    "DeleteScheduledAction",
    "DescribeAccountLimits",
    "DescribeAutoScalingActivities",
    "DescribeAutoScalingAdvices",
    "DescribeAutoScalingGroupLastActivities",
    "DescribeAutoScalingGroups",
    "DescribeAutoScalingInstances",
    "DescribeLaunchConfigurations",
    "DescribeLifecycleHooks",
    "DescribeNotificationConfigurations",
    "DescribeRefreshActivities",
    "DescribeScalingPolicies",
    "DescribeScheduledActions",
    "DetachInstances",
    "DetachLoadBalancers",
    "DisableAutoScalingGroup",
    "EnableAutoScalingGroup",
    "EnterStandby",
    "ExecuteScalingPolicy",
    "ExitStandby",
    "ModifyAutoScalingGroup",
    "ModifyDesiredCapacity",
    "ModifyLaunchConfigurationAttributes",
    "ModifyLifecycleHook",
    "ModifyLoadBalancerTargetAttributes",
    "ModifyLoadBalancers",
    "ModifyNotificationConfiguration",
    "ModifyScalingPolicy",
    "ModifyScheduledAction",
    "RemoveInstances",
    "ResumeInstanceRefresh",
    "RollbackInstanceRefresh",
    "ScaleInInstances",
    "ScaleOutInstances",
    "SetInstancesProtection",
    "StartAutoScalingInstances",
    "StartInstanceRefresh",
    "StopAutoScalingInstances",
    "StopInstanceRefresh",
    "UpgradeLaunchConfiguration",
    "UpgradeLifecycleHook",
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

    // Scheduled actions, lifecycle hooks, notifications:
    async fn create_scheduled_action(
        &self,
        request: op::create_scheduled_action::CreateScheduledActionRequest,
    ) -> Result<
        op::create_scheduled_action::CreateScheduledActionOutput,
        op::create_scheduled_action::CreateScheduledActionError,
    > {
        self.at_now(|state, now| schedules::create(state, &request, now))
    }

    async fn modify_scheduled_action(
        &self,
        request: op::modify_scheduled_action::ModifyScheduledActionRequest,
    ) -> Result<
        op::modify_scheduled_action::ModifyScheduledActionOutput,
        op::modify_scheduled_action::ModifyScheduledActionError,
    > {
        self.at_now(|state, now| schedules::modify(state, &request, now))
    }

    async fn delete_scheduled_action(
        &self,
        request: op::delete_scheduled_action::DeleteScheduledActionRequest,
    ) -> Result<
        op::delete_scheduled_action::DeleteScheduledActionOutput,
        op::delete_scheduled_action::DeleteScheduledActionError,
    > {
        schedules::delete(&mut self.shared.lock().state, &request)
    }

    async fn describe_scheduled_actions(
        &self,
        request: op::describe_scheduled_actions::DescribeScheduledActionsRequest,
    ) -> Result<
        op::describe_scheduled_actions::DescribeScheduledActionsOutput,
        op::describe_scheduled_actions::DescribeScheduledActionsError,
    > {
        schedules::describe(&self.shared.lock().state, &request)
    }

    async fn create_lifecycle_hook(
        &self,
        request: op::create_lifecycle_hook::CreateLifecycleHookRequest,
    ) -> Result<
        op::create_lifecycle_hook::CreateLifecycleHookOutput,
        op::create_lifecycle_hook::CreateLifecycleHookError,
    > {
        self.at_now(|state, now| hooks::create(state, &request, now))
    }

    async fn modify_lifecycle_hook(
        &self,
        request: op::modify_lifecycle_hook::ModifyLifecycleHookRequest,
    ) -> Result<
        op::modify_lifecycle_hook::ModifyLifecycleHookOutput,
        op::modify_lifecycle_hook::ModifyLifecycleHookError,
    > {
        hooks::modify(&mut self.shared.lock().state, &request)
    }

    async fn upgrade_lifecycle_hook(
        &self,
        request: op::upgrade_lifecycle_hook::UpgradeLifecycleHookRequest,
    ) -> Result<
        op::upgrade_lifecycle_hook::UpgradeLifecycleHookOutput,
        op::upgrade_lifecycle_hook::UpgradeLifecycleHookError,
    > {
        hooks::upgrade(&mut self.shared.lock().state, &request)
    }

    async fn complete_lifecycle_action(
        &self,
        request: op::complete_lifecycle_action::CompleteLifecycleActionRequest,
    ) -> Result<
        op::complete_lifecycle_action::CompleteLifecycleActionOutput,
        op::complete_lifecycle_action::CompleteLifecycleActionError,
    > {
        self.at_now(|state, now| hooks::complete(state, &request, now))
    }

    async fn delete_lifecycle_hook(
        &self,
        request: op::delete_lifecycle_hook::DeleteLifecycleHookRequest,
    ) -> Result<
        op::delete_lifecycle_hook::DeleteLifecycleHookOutput,
        op::delete_lifecycle_hook::DeleteLifecycleHookError,
    > {
        hooks::delete(&mut self.shared.lock().state, &request)
    }

    async fn describe_lifecycle_hooks(
        &self,
        request: op::describe_lifecycle_hooks::DescribeLifecycleHooksRequest,
    ) -> Result<
        op::describe_lifecycle_hooks::DescribeLifecycleHooksOutput,
        op::describe_lifecycle_hooks::DescribeLifecycleHooksError,
    > {
        hook_view::describe(&self.shared.lock().state, &request)
    }

    async fn create_notification_configuration(
        &self,
        request: op::create_notification_configuration::CreateNotificationConfigurationRequest,
    ) -> Result<
        op::create_notification_configuration::CreateNotificationConfigurationOutput,
        op::create_notification_configuration::CreateNotificationConfigurationError,
    > {
        notifications::create(&mut self.shared.lock().state, &request)
    }

    async fn modify_notification_configuration(
        &self,
        request: op::modify_notification_configuration::ModifyNotificationConfigurationRequest,
    ) -> Result<
        op::modify_notification_configuration::ModifyNotificationConfigurationOutput,
        op::modify_notification_configuration::ModifyNotificationConfigurationError,
    > {
        notifications::modify(&mut self.shared.lock().state, &request)
    }

    async fn delete_notification_configuration(
        &self,
        request: op::delete_notification_configuration::DeleteNotificationConfigurationRequest,
    ) -> Result<
        op::delete_notification_configuration::DeleteNotificationConfigurationOutput,
        op::delete_notification_configuration::DeleteNotificationConfigurationError,
    > {
        notifications::delete(&mut self.shared.lock().state, &request)
    }

    async fn describe_notification_configurations(
        &self,
        request: op::describe_notification_configurations::DescribeNotificationConfigurationsRequest,
    ) -> Result<
        op::describe_notification_configurations::DescribeNotificationConfigurationsOutput,
        op::describe_notification_configurations::DescribeNotificationConfigurationsError,
    > {
        notifications::describe(&self.shared.lock().state, &request)
    }

    // Instances and policies: standby, start/stop, scale out/in, scaling policies.

    async fn enter_standby(
        &self,
        request: op::enter_standby::EnterStandbyRequest,
    ) -> Result<op::enter_standby::EnterStandbyOutput, op::enter_standby::EnterStandbyError> {
        self.at_now(|state, now| scaling::enter_standby(state, &request, now))
    }

    async fn exit_standby(
        &self,
        request: op::exit_standby::ExitStandbyRequest,
    ) -> Result<op::exit_standby::ExitStandbyOutput, op::exit_standby::ExitStandbyError> {
        self.at_now(|state, now| scaling::exit_standby(state, &request, now))
    }

    async fn start_auto_scaling_instances(
        &self,
        request: op::start_auto_scaling_instances::StartAutoScalingInstancesRequest,
    ) -> Result<
        op::start_auto_scaling_instances::StartAutoScalingInstancesOutput,
        op::start_auto_scaling_instances::StartAutoScalingInstancesError,
    > {
        self.at_now(|state, now| scaling::start(state, &request, now))
    }

    async fn stop_auto_scaling_instances(
        &self,
        request: op::stop_auto_scaling_instances::StopAutoScalingInstancesRequest,
    ) -> Result<
        op::stop_auto_scaling_instances::StopAutoScalingInstancesOutput,
        op::stop_auto_scaling_instances::StopAutoScalingInstancesError,
    > {
        self.at_now(|state, now| scaling::stop(state, &request, now))
    }

    async fn scale_out_instances(
        &self,
        request: op::scale_out_instances::ScaleOutInstancesRequest,
    ) -> Result<
        op::scale_out_instances::ScaleOutInstancesOutput,
        op::scale_out_instances::ScaleOutInstancesError,
    > {
        self.at_now(|state, now| scaling::scale_out(state, &request, now))
    }

    async fn scale_in_instances(
        &self,
        request: op::scale_in_instances::ScaleInInstancesRequest,
    ) -> Result<
        op::scale_in_instances::ScaleInInstancesOutput,
        op::scale_in_instances::ScaleInInstancesError,
    > {
        self.at_now(|state, now| scaling::scale_in(state, &request, now))
    }

    async fn create_scaling_policy(
        &self,
        request: op::create_scaling_policy::CreateScalingPolicyRequest,
    ) -> Result<
        op::create_scaling_policy::CreateScalingPolicyOutput,
        op::create_scaling_policy::CreateScalingPolicyError,
    > {
        self.at_now(|state, now| policies::create(state, &request, now))
    }

    async fn describe_scaling_policies(
        &self,
        request: op::describe_scaling_policies::DescribeScalingPoliciesRequest,
    ) -> Result<
        op::describe_scaling_policies::DescribeScalingPoliciesOutput,
        op::describe_scaling_policies::DescribeScalingPoliciesError,
    > {
        policy_view::describe(&self.shared.lock().state, &request)
    }

    async fn modify_scaling_policy(
        &self,
        request: op::modify_scaling_policy::ModifyScalingPolicyRequest,
    ) -> Result<
        op::modify_scaling_policy::ModifyScalingPolicyOutput,
        op::modify_scaling_policy::ModifyScalingPolicyError,
    > {
        policies::modify(&mut self.shared.lock().state, &request)
    }

    async fn delete_scaling_policy(
        &self,
        request: op::delete_scaling_policy::DeleteScalingPolicyRequest,
    ) -> Result<
        op::delete_scaling_policy::DeleteScalingPolicyOutput,
        op::delete_scaling_policy::DeleteScalingPolicyError,
    > {
        policies::delete(&mut self.shared.lock().state, &request)
    }

    async fn execute_scaling_policy(
        &self,
        request: op::execute_scaling_policy::ExecuteScalingPolicyRequest,
    ) -> Result<
        op::execute_scaling_policy::ExecuteScalingPolicyOutput,
        op::execute_scaling_policy::ExecuteScalingPolicyError,
    > {
        self.at_now(|state, now| policies::execute(state, &request, now))
    }

    // Launch configurations, groups and load balancers: changing launch configurations, a
    // group made from an instance, load balancer bindings, last activities, limits, advice.

    async fn modify_launch_configuration_attributes(
        &self,
        request: op::modify_launch_configuration_attributes::ModifyLaunchConfigurationAttributesRequest,
    ) -> Result<
        op::modify_launch_configuration_attributes::ModifyLaunchConfigurationAttributesOutput,
        op::modify_launch_configuration_attributes::ModifyLaunchConfigurationAttributesError,
    > {
        self.at_now(|state, now| launch_attributes::modify(state, &request, now))
    }

    async fn clear_launch_configuration_attributes(
        &self,
        request: op::clear_launch_configuration_attributes::ClearLaunchConfigurationAttributesRequest,
    ) -> Result<
        op::clear_launch_configuration_attributes::ClearLaunchConfigurationAttributesOutput,
        op::clear_launch_configuration_attributes::ClearLaunchConfigurationAttributesError,
    > {
        self.at_now(|state, now| launch_attributes::clear(state, &request, now))
    }

    async fn upgrade_launch_configuration(
        &self,
        request: op::upgrade_launch_configuration::UpgradeLaunchConfigurationRequest,
    ) -> Result<
        op::upgrade_launch_configuration::UpgradeLaunchConfigurationOutput,
        op::upgrade_launch_configuration::UpgradeLaunchConfigurationError,
    > {
        self.at_now(|state, now| launch_attributes::upgrade(state, &request, now))
    }

    async fn create_auto_scaling_group_from_instance(
        &self,
        request: op::create_auto_scaling_group_from_instance::CreateAutoScalingGroupFromInstanceRequest,
    ) -> Result<
        op::create_auto_scaling_group_from_instance::CreateAutoScalingGroupFromInstanceOutput,
        op::create_auto_scaling_group_from_instance::CreateAutoScalingGroupFromInstanceError,
    > {
        self.at_now(|state, now| group_from_instance::create(state, &request, now))
    }

    async fn attach_load_balancers(
        &self,
        request: op::attach_load_balancers::AttachLoadBalancersRequest,
    ) -> Result<
        op::attach_load_balancers::AttachLoadBalancersOutput,
        op::attach_load_balancers::AttachLoadBalancersError,
    > {
        self.at_now(|state, now| load_balancers::attach(state, &request, now))
    }

    async fn detach_load_balancers(
        &self,
        request: op::detach_load_balancers::DetachLoadBalancersRequest,
    ) -> Result<
        op::detach_load_balancers::DetachLoadBalancersOutput,
        op::detach_load_balancers::DetachLoadBalancersError,
    > {
        self.at_now(|state, now| load_balancers::detach(state, &request, now))
    }

    async fn modify_load_balancers(
        &self,
        request: op::modify_load_balancers::ModifyLoadBalancersRequest,
    ) -> Result<
        op::modify_load_balancers::ModifyLoadBalancersOutput,
        op::modify_load_balancers::ModifyLoadBalancersError,
    > {
        self.at_now(|state, now| load_balancers::modify(state, &request, now))
    }

    async fn modify_load_balancer_target_attributes(
        &self,
        request: op::modify_load_balancer_target_attributes::ModifyLoadBalancerTargetAttributesRequest,
    ) -> Result<
        op::modify_load_balancer_target_attributes::ModifyLoadBalancerTargetAttributesOutput,
        op::modify_load_balancer_target_attributes::ModifyLoadBalancerTargetAttributesError,
    > {
        self.at_now(|state, now| load_balancers::set_targets(state, &request, now))
    }

    async fn describe_auto_scaling_group_last_activities(
        &self,
        request: op::describe_auto_scaling_group_last_activities::DescribeAutoScalingGroupLastActivitiesRequest,
    ) -> Result<
        op::describe_auto_scaling_group_last_activities::DescribeAutoScalingGroupLastActivitiesOutput,
        op::describe_auto_scaling_group_last_activities::DescribeAutoScalingGroupLastActivitiesError,
    >{
        group_reports::last_activities(&self.shared.lock().state, &request)
    }

    async fn describe_account_limits(
        &self,
        _request: op::describe_account_limits::DescribeAccountLimitsRequest,
    ) -> Result<
        op::describe_account_limits::DescribeAccountLimitsOutput,
        op::describe_account_limits::DescribeAccountLimitsError,
    > {
        group_reports::account_limits(&self.shared.lock().state)
    }

    async fn describe_auto_scaling_advices(
        &self,
        request: op::describe_auto_scaling_advices::DescribeAutoScalingAdvicesRequest,
    ) -> Result<
        op::describe_auto_scaling_advices::DescribeAutoScalingAdvicesOutput,
        op::describe_auto_scaling_advices::DescribeAutoScalingAdvicesError,
    > {
        group_reports::advices(&self.shared.lock().state, &request)
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
