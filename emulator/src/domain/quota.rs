//! The one quota table of the account: what a request may not make grow past a limit, with
//! the limit and what it is counted over. Both protocols check the same quotas; each answers
//! a [`DomainError::QuotaExceeded`](super::DomainError::QuotaExceeded) with its own code.

/// A quota of the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quota {
    /// Scaling groups per project (API 2.0 CreateScalingGroup: 20).
    GroupsPerProject,
    /// Launch configurations per project (API 2.0 CreateScalingConfiguration: 20).
    LaunchConfigurationsPerProject,
    /// Launch configurations per account, i.e. per region (API 3.0 CreateLaunchConfiguration:
    /// 50 by default).
    LaunchConfigurationsPerAccount,
    /// Alarm and target-tracking policies per group.
    PoliciesPerGroup,
    /// Scheduled actions per group.
    ScheduledActionsPerGroup,
    /// Lifecycle hooks per group.
    LifecycleHooksPerGroup,
    /// Notifications per group.
    NotificationsPerGroup,
    /// Finished activity records kept per group: the oldest is forgotten when a new one would
    /// go past it (the service keeps a window of history, not all of it).
    ActivitiesKeptPerGroup,
    /// Ended instance refreshes kept per group: the oldest ended one is forgotten when a new
    /// one would go past it.
    RefreshesKeptPerGroup,
    /// Scaling groups per account, i.e. per region, whatever their project (the emulator's
    /// bound: the references state none; DescribeAccountLimits answers it).
    GroupsPerAccount,
    /// Classic load balancers bound to one group (API 3.0: 20).
    ClassicLoadBalancersPerGroup,
    /// Forwarding (application) load balancer listeners bound to one group (API 3.0: 100).
    ForwardLoadBalancersPerGroup,
}

impl Quota {
    /// Every quota, in the order of the table in the emulator's README.
    pub const ALL: [Quota; 12] = [
        Quota::GroupsPerProject,
        Quota::LaunchConfigurationsPerProject,
        Quota::LaunchConfigurationsPerAccount,
        Quota::PoliciesPerGroup,
        Quota::ScheduledActionsPerGroup,
        Quota::LifecycleHooksPerGroup,
        Quota::NotificationsPerGroup,
        Quota::ActivitiesKeptPerGroup,
        Quota::RefreshesKeptPerGroup,
        Quota::GroupsPerAccount,
        Quota::ClassicLoadBalancersPerGroup,
        Quota::ForwardLoadBalancersPerGroup,
    ];

    /// The limit.
    pub const fn limit(self) -> usize {
        match self {
            Quota::GroupsPerProject => 20,
            Quota::LaunchConfigurationsPerProject => 20,
            Quota::LaunchConfigurationsPerAccount => 50,
            Quota::PoliciesPerGroup => 100,
            Quota::ScheduledActionsPerGroup => 10,
            Quota::LifecycleHooksPerGroup => 10,
            Quota::NotificationsPerGroup => 20,
            Quota::ActivitiesKeptPerGroup => 1000,
            Quota::RefreshesKeptPerGroup => 100,
            Quota::GroupsPerAccount => 200,
            Quota::ClassicLoadBalancersPerGroup => 20,
            Quota::ForwardLoadBalancersPerGroup => 100,
        }
    }

    /// What it counts, in the domain's words.
    pub const fn what(self) -> &'static str {
        match self {
            Quota::GroupsPerProject => "scaling groups per project",
            Quota::LaunchConfigurationsPerProject => "launch configurations per project",
            Quota::LaunchConfigurationsPerAccount => "launch configurations per account",
            Quota::PoliciesPerGroup => "scaling policies per group",
            Quota::ScheduledActionsPerGroup => "scheduled actions per group",
            Quota::LifecycleHooksPerGroup => "lifecycle hooks per group",
            Quota::NotificationsPerGroup => "notifications per group",
            Quota::ActivitiesKeptPerGroup => "activity records kept per group",
            Quota::RefreshesKeptPerGroup => "instance refreshes kept per group",
            Quota::GroupsPerAccount => "scaling groups per account",
            Quota::ClassicLoadBalancersPerGroup => "classic load balancers per group",
            Quota::ForwardLoadBalancersPerGroup => "forwarding load balancers per group",
        }
    }

    /// `Err` when `count` already reaches the limit (one more would go past it); `scope`
    /// names what is counted over (`project 0`, `scaling group asg-…`, `the account`).
    pub fn check(self, count: usize, scope: impl Into<String>) -> Result<(), super::DomainError> {
        if count >= self.limit() {
            return Err(super::DomainError::QuotaExceeded {
                quota: self,
                scope: scope.into(),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quota_refuses_at_its_limit() {
        for quota in Quota::ALL {
            assert!(quota.check(quota.limit() - 1, "x").is_ok());
            assert!(quota.check(quota.limit(), "x").is_err());
        }
    }
}
