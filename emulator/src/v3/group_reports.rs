//! What API 3.0 reports from the account's state, computed by the domain
//! ([`crate::domain::reports`]): DescribeAutoScalingGroupLastActivities, DescribeAccountLimits
//! and DescribeAutoScalingAdvices.

use super::activities::activity_out;
use super::query::well_formed;
use crate::domain::reports::{self, AdviceLevel};
use crate::domain::Catalog;
use crate::state::State;
use qcloud_as::v3::operation::describe_account_limits::{
    DescribeAccountLimitsError as LimitsError, DescribeAccountLimitsOutput as LimitsOutput,
    DescribeAccountLimitsOutputRequired,
};
use qcloud_as::v3::operation::describe_auto_scaling_advices::{
    DescribeAutoScalingAdvicesError as AdvicesError,
    DescribeAutoScalingAdvicesOutput as AdvicesOutput,
    DescribeAutoScalingAdvicesRequest as AdvicesRequest,
};
use qcloud_as::v3::operation::describe_auto_scaling_group_last_activities::{
    DescribeAutoScalingGroupLastActivitiesError as LastError,
    DescribeAutoScalingGroupLastActivitiesOutput as LastOutput,
    DescribeAutoScalingGroupLastActivitiesRequest as LastRequest,
};
use qcloud_as::v3::types::{Advice, AdviceRequired, AutoScalingAdvice, AutoScalingAdviceRequired};
use qcloud_as::v3::CommonError;

/// The most group ids one request names.
const MAX_IDS: usize = 100;

/// Why a list of group ids is refused.
enum Ids {
    TooMany(String),
    Malformed(String),
}

/// At most 100 ids, each `asg-…`.
fn group_ids(ids: &[String]) -> Result<(), Ids> {
    if ids.len() > MAX_IDS {
        return Err(Ids::TooMany(format!(
            "AutoScalingGroupIds: {} given, at most {MAX_IDS}",
            ids.len()
        )));
    }
    if let Some(bad) = ids.iter().find(|id| !well_formed(id, "asg")) {
        return Err(Ids::Malformed(format!(
            "AutoScalingGroupIds: {bad:?} is not a scaling group id (asg-…)"
        )));
    }
    Ok(())
}

/// DescribeAutoScalingGroupLastActivities: at most 100 ids
/// (`InvalidParameterValue.LimitExceeded`), each `asg-…` (common `InvalidParameterValue`). The
/// latest activity of each group named (skipping `CANCELLED` ones with
/// `ExcludeCancelledActivity`), in the order asked; a group that does not exist or never had
/// an activity is left out, as is a group named twice the second time.
pub(crate) fn last_activities(
    state: &State,
    request: &LastRequest,
) -> Result<LastOutput, LastError> {
    group_ids(&request.auto_scaling_group_ids).map_err(|e| match e {
        Ids::TooMany(m) => LastError::invalid_parameter_value_limit_exceeded(m),
        Ids::Malformed(m) => CommonError::invalid_parameter_value(m).into(),
    })?;
    let ids = reports::last_activities(
        state,
        &request.auto_scaling_group_ids,
        request.exclude_cancelled_activity == Some(true),
    );
    let set = ids
        .iter()
        .filter_map(|id| state.scaling_activities.get(id))
        .map(|a| activity_out(state, a))
        .collect::<Vec<_>>();
    Ok(LastOutput::new(set, String::new()))
}

/// DescribeAccountLimits: the account's limits, the quotas both protocols enforce
/// ([`crate::domain::Quota::LaunchConfigurationsPerAccount`],
/// [`crate::domain::Quota::GroupsPerAccount`]), and how many it has.
pub(crate) fn account_limits(state: &State) -> Result<LimitsOutput, LimitsError> {
    let limits = reports::account_limits(state);
    let n = |v: usize| i64::try_from(v).unwrap_or(i64::MAX);
    Ok(LimitsOutput::new(DescribeAccountLimitsOutputRequired {
        max_number_of_launch_configurations: n(limits.max_launch_configurations),
        number_of_launch_configurations: n(limits.launch_configurations),
        max_number_of_auto_scaling_groups: n(limits.max_groups),
        number_of_auto_scaling_groups: n(limits.groups),
        request_id: String::new(),
    }))
}

/// The wire value of a level.
fn level(l: AdviceLevel) -> qcloud_as::v3::types::AdviceLevel {
    use qcloud_as::v3::types::AdviceLevel as Wire;
    match l {
        AdviceLevel::Normal => Wire::Normal,
        AdviceLevel::Warning => Wire::Warning,
        AdviceLevel::Critical => Wire::Critical,
    }
}

/// DescribeAutoScalingAdvices: at most 100 ids (`InvalidParameterValue.LimitExceeded`), each
/// `asg-…` (common `InvalidParameterValue`). The advice of [`reports::advise`] for each group
/// named that exists, in the order asked, each once.
pub(crate) fn advices(
    state: &State,
    request: &AdvicesRequest,
) -> Result<AdvicesOutput, AdvicesError> {
    group_ids(&request.auto_scaling_group_ids).map_err(|e| match e {
        Ids::TooMany(m) => AdvicesError::invalid_parameter_value_limit_exceeded(m),
        Ids::Malformed(m) => CommonError::invalid_parameter_value(m).into(),
    })?;
    let mut seen = std::collections::HashSet::new();
    let set = request
        .auto_scaling_group_ids
        .iter()
        .filter(|id| seen.insert(id.as_str()))
        .filter_map(|id| state.group_configuration(id))
        .map(|c| {
            let advice = reports::advise(&c);
            AutoScalingAdvice::new(AutoScalingAdviceRequired {
                auto_scaling_group_id: advice.group,
                level: level(advice.level),
                advices: advice
                    .advices
                    .into_iter()
                    .map(|a| {
                        Advice::new(AdviceRequired {
                            problem: a.problem.to_owned(),
                            detail: a.detail,
                            solution: a.solution.to_owned(),
                            level: level(a.level),
                        })
                    })
                    .collect(),
            })
        })
        .collect::<Vec<_>>();
    Ok(AdvicesOutput::new(set, String::new()))
}
