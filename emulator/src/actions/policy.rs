//! Alarm policies: CreateScalingPolicy, DescribeScalingPolicy, ModifyScalingPolicy,
//! DeleteScalingPolicy.
//!
//! Policies are stored per group ([`ScalingGroup::scaling_policies`](crate::state::ScalingGroup))
//! as DescribeScalingPolicy answers them. The simulation evaluates them against the metric
//! values tests report, and fires them (`crate::sim`).
//! A group's default policy (adjustment type `UnhealthyInstance`) exists only when a state file
//! gives it; it is described like any other policy and cannot be modified or deleted.

use super::unique_id;
use crate::domain::Quota;
use crate::state::{ScalingGroup, ScalingPolicy, State};
use crate::util::{format_time, page};
use qcloud_as::operation::create_scaling_policy::{
    CreateScalingPolicyError, CreateScalingPolicyOutput, CreateScalingPolicyRequest,
};
use qcloud_as::operation::delete_scaling_policy::{
    DeleteScalingPolicyError, DeleteScalingPolicyOutput, DeleteScalingPolicyRequest,
};
use qcloud_as::operation::describe_scaling_policy::{
    DescribeScalingPolicyError, DescribeScalingPolicyOutput, DescribeScalingPolicyRequest,
};
use qcloud_as::operation::modify_scaling_policy::{
    ModifyScalingPolicyError, ModifyScalingPolicyOutput, ModifyScalingPolicyRequest,
};
use qcloud_as::types::{
    AdjustmentType, ComparisonOperator, Metric, MetricName, ScalingPolicyRequired,
};
use qcloud_as::CommonError;
use std::ops::RangeInclusive;

/// The index of the group `id`, or the common 4000 naming `scalingGroupId` (the policy pages
/// list no business error for an unknown group).
fn group_index<E: From<CommonError>>(state: &State, id: &str) -> Result<usize, E> {
    state
        .scaling_groups
        .iter()
        .position(|g| g.scaling_group_id == id)
        .ok_or_else(|| {
            E::from(CommonError::invalid_parameter(format!(
                "scalingGroupId: scaling group {id} does not exist"
            )))
        })
}

/// The index of the policy `id` in `group`, or the common 4000 naming `scalingPolicyId` (the
/// pages list no business error for an unknown policy).
fn policy_index<E: From<CommonError>>(group: &ScalingGroup, id: &str) -> Result<usize, E> {
    group
        .scaling_policies
        .iter()
        .position(|p| p.scaling_policy_id == id)
        .ok_or_else(|| {
            E::from(CommonError::invalid_parameter(format!(
                "scalingPolicyId: scaling group {} has no alarm policy {id}",
                group.scaling_group_id
            )))
        })
}

/// The values `adjustmentValue` may take with `adjustment_type`; `None` for a type that cannot
/// be given (`UnhealthyInstance`, or one the service does not know).
fn adjustment_range(adjustment_type: &AdjustmentType) -> Option<RangeInclusive<i64>> {
    match adjustment_type {
        AdjustmentType::TotalCapacity => Some(0..=30),
        AdjustmentType::QuantityChangeInCapacity => Some(-30..=30),
        AdjustmentType::PercentChangeInCapacity => Some(-100..=100),
        _ => None,
    }
}

/// Why `adjustment_value` does not fit `adjustment_type`, if it does not.
fn adjustment_value_problem(
    adjustment_type: &AdjustmentType,
    adjustment_value: i64,
) -> Option<String> {
    let range = adjustment_range(adjustment_type)?;
    (!range.contains(&adjustment_value)).then(|| {
        format!(
            "adjustmentValue: {adjustment_value} is outside {}..={} for adjustmentType {adjustment_type}",
            range.start(),
            range.end()
        )
    })
}

/// Why `metric` is not a valid alarm condition, if it is not: an unknown metric or comparison,
/// a threshold outside 0 to 100 (percent) for CPU and memory or not above 0 (bytes per second)
/// for traffic, `repeatTimes` outside 1 to 10.
fn metric_problem(metric: &Metric) -> Option<String> {
    if matches!(metric.comparison_operator, ComparisonOperator::Unknown(_)) {
        return Some(format!(
            "metric.comparisonOperator: {} is not a known comparison",
            metric.comparison_operator
        ));
    }
    let threshold = metric.threshold;
    match metric.dimension_name {
        MetricName::CpuUsage | MetricName::MemUsage if !(0..=100).contains(&threshold) => {
            return Some(format!(
                "metric.threshold: {threshold} is not a percentage from 0 to 100 (dimensionName {})",
                metric.dimension_name
            ));
        }
        MetricName::LanOuttraffic | MetricName::LanIntraffic if threshold <= 0 => {
            return Some(format!(
                "metric.threshold: {threshold} must be above 0 bytes per second (dimensionName {})",
                metric.dimension_name
            ));
        }
        MetricName::Unknown(_) => {
            return Some(format!(
                "metric.dimensionName: {} is not a known metric",
                metric.dimension_name
            ));
        }
        _ => {}
    }
    let repeat_times = metric.repeat_times_or_default();
    (!(1..=10).contains(&repeat_times))
        .then(|| format!("metric.repeatTimes: {repeat_times} is outside 1 to 10"))
}

/// The metric as stored: with `repeatTimes` filled in (3 when it was not sent).
fn stored_metric(metric: &Metric) -> Metric {
    let mut metric = metric.clone();
    metric.repeat_times = Some(metric.repeat_times_or_default());
    metric
}

/// Whether a group already has a policy named `name`, other than the one at `except`.
fn name_taken(group: &ScalingGroup, name: &str, except: Option<usize>) -> bool {
    group
        .scaling_policies
        .iter()
        .enumerate()
        .any(|(i, p)| Some(i) != except && p.scaling_policy_name == name)
}

/// A policy id unused in every group.
fn new_policy_id<E: From<CommonError>>(state: &State) -> Result<String, E> {
    unique_id("asp", |id| {
        state
            .scaling_groups
            .iter()
            .flat_map(|g| &g.scaling_policies)
            .any(|p| p.scaling_policy_id == id)
    })
}

/// CreateScalingPolicy. Checks, in order:
/// 1. the group exists, else the common `InvalidParameter` naming `scalingGroupId`;
/// 2. `scalingPolicyName` is not blank, else `InvalidParameter.ScalingPolicyNameError`;
/// 3. `adjustmentType` is not `UnhealthyInstance` (the group's default policy), else
///    `InvalidParameter.ScalingPolicyAdjustmenttypeError`;
/// 4. `adjustmentValue` fits the type (TotalCapacity 0..=30, QuantityChangeInCapacity
///    -30..=30, PercentChangeInCapacity -100..=100), else `InvalidParameter.AdjustmentValue`;
/// 5. the metric holds: threshold 0..=100 for `cpu_usage` / `mem_usage`, above 0 for the
///    traffic metrics, `repeatTimes` 1..=10, else `InvalidParameter.Metric`;
/// 6. no policy of the group has the name, else `NameDuplicate.ScalingPolicy`;
/// 7. the group has fewer than 100 policies, else `QuotaExceeded.ScalingPolicy`.
///
/// Then the policy is stored with a new `asp-…` id, the creation time and the metric with
/// `repeatTimes` filled in (3 by default); the answer holds the id in `scalingPolicyIdSet`.
pub(crate) fn create(
    state: &mut State,
    request: &CreateScalingPolicyRequest,
    now: u64,
) -> Result<CreateScalingPolicyOutput, CreateScalingPolicyError> {
    let g = group_index::<CreateScalingPolicyError>(state, &request.scaling_group_id)?;
    let group = &state.scaling_groups[g];
    let name = &request.scaling_policy_name;
    if name.trim().is_empty() {
        return Err(
            CreateScalingPolicyError::invalid_parameter_scaling_policy_name_error(
                "scalingPolicyName: must not be empty",
            ),
        );
    }
    if adjustment_range(&request.adjustment_type).is_none() {
        return Err(
            CreateScalingPolicyError::invalid_parameter_scaling_policy_adjustmenttype_error(
                format!(
                    "adjustmentType: {} cannot be given (only TotalCapacity, \
                     QuantityChangeInCapacity or PercentChangeInCapacity)",
                    request.adjustment_type
                ),
            ),
        );
    }
    if let Some(problem) =
        adjustment_value_problem(&request.adjustment_type, request.adjustment_value)
    {
        return Err(CreateScalingPolicyError::invalid_parameter_adjustment_value(problem));
    }
    if let Some(problem) = metric_problem(&request.metric) {
        return Err(CreateScalingPolicyError::invalid_parameter_metric(problem));
    }
    if name_taken(group, name, None) {
        return Err(CreateScalingPolicyError::name_duplicate_scaling_policy(
            format!(
                "scalingPolicyName: scaling group {} already has an alarm policy named {name:?}",
                group.scaling_group_id
            ),
        ));
    }
    Quota::PoliciesPerGroup
        .check(
            group.scaling_policies.len(),
            format!("scaling group {}", group.scaling_group_id),
        )
        .map_err(|e| CreateScalingPolicyError::quota_exceeded_scaling_policy(e.to_string()))?;
    let id = new_policy_id::<CreateScalingPolicyError>(state)?;

    // Every check passed: change the state.
    let policy = ScalingPolicy::new(ScalingPolicyRequired {
        scaling_policy_id: id.clone(),
        scaling_policy_name: name.clone(),
        adjustment_type: request.adjustment_type.clone(),
        adjustment_value: request.adjustment_value,
        cooldown: request.cooldown,
        create_time: format_time(now),
    })
    .metric(stored_metric(&request.metric))
    .notify_id_set(request.notify_ids.clone().unwrap_or_default());
    state.scaling_groups[g].scaling_policies.push(policy);
    Ok(CreateScalingPolicyOutput::new([id]))
}

/// DescribeScalingPolicy: the group must exist (else the common `InvalidParameter` naming
/// `scalingGroupId`); filters by policy ids and name; pages with offset and limit;
/// `totalCount` counts every match. The metric is answered as an object.
pub(crate) fn describe(
    state: &State,
    request: &DescribeScalingPolicyRequest,
) -> Result<DescribeScalingPolicyOutput, DescribeScalingPolicyError> {
    let g = group_index::<DescribeScalingPolicyError>(state, &request.scaling_group_id)?;
    let matches: Vec<&ScalingPolicy> = state.scaling_groups[g]
        .scaling_policies
        .iter()
        .filter(|p| {
            request
                .scaling_policy_ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&p.scaling_policy_id))
                && request
                    .scaling_policy_name
                    .as_ref()
                    .is_none_or(|n| n == &p.scaling_policy_name)
        })
        .collect();
    let total_count = i64::try_from(matches.len()).unwrap_or(i64::MAX);
    let scaling_policy_set: Vec<ScalingPolicy> = page(
        matches,
        request.offset_or_default(),
        request.limit_or_default(),
    )
    .into_iter()
    .cloned()
    .collect();
    Ok(DescribeScalingPolicyOutput::new(
        total_count,
        scaling_policy_set,
    ))
}

/// ModifyScalingPolicy. Checks, in order:
/// 1. the group exists, else the common `InvalidParameter` naming `scalingGroupId`;
/// 2. the policy is in the group, else the common `InvalidParameter` naming `scalingPolicyId`;
/// 3. it is not the group's default `UnhealthyInstance` policy, else
///    `Conflict.ModifyDefaultScalingPolicyError`;
/// 4. a given `scalingPolicyName` is not blank, else `InvalidParameter.ScalingPolicyNameError`;
/// 5. a given `adjustmentType` is not `UnhealthyInstance`, else
///    `InvalidParameter.ScalingPolicyAdjustmenttypeError`;
/// 6. the adjustment value fits the adjustment type, each the given one or else the policy's
///    (so changing only one of them is checked against the other), else
///    `InvalidParameter.AdjustmentValue`;
/// 7. a given metric holds (as in [`create`]), else `InvalidParameter.MetricError`;
/// 8. no other policy of the group has the new name, else `NameDuplicate.ScalingPolicy`.
///
/// Then the parameters given replace the policy's values (a metric replaces the whole
/// metric, `notifyIds` the whole list); the id and creation time stay.
pub(crate) fn modify(
    state: &mut State,
    request: &ModifyScalingPolicyRequest,
) -> Result<ModifyScalingPolicyOutput, ModifyScalingPolicyError> {
    let g = group_index::<ModifyScalingPolicyError>(state, &request.scaling_group_id)?;
    let group = &state.scaling_groups[g];
    let p = policy_index::<ModifyScalingPolicyError>(group, &request.scaling_policy_id)?;
    let policy = &group.scaling_policies[p];
    if policy.adjustment_type == AdjustmentType::UnhealthyInstance {
        return Err(
            ModifyScalingPolicyError::conflict_modify_default_scaling_policy_error(format!(
                "scalingPolicyId: {} is the group's default UnhealthyInstance policy, which \
                 cannot be modified",
                policy.scaling_policy_id
            )),
        );
    }
    if let Some(name) = &request.scaling_policy_name {
        if name.trim().is_empty() {
            return Err(
                ModifyScalingPolicyError::invalid_parameter_scaling_policy_name_error(
                    "scalingPolicyName: must not be empty",
                ),
            );
        }
    }
    let adjustment_type = request
        .adjustment_type
        .as_ref()
        .unwrap_or(&policy.adjustment_type);
    if adjustment_range(adjustment_type).is_none() {
        return Err(
            ModifyScalingPolicyError::invalid_parameter_scaling_policy_adjustmenttype_error(
                format!(
                    "adjustmentType: {adjustment_type} cannot be given (only TotalCapacity, \
                     QuantityChangeInCapacity or PercentChangeInCapacity)"
                ),
            ),
        );
    }
    let adjustment_value = request.adjustment_value.unwrap_or(policy.adjustment_value);
    if let Some(problem) = adjustment_value_problem(adjustment_type, adjustment_value) {
        return Err(ModifyScalingPolicyError::invalid_parameter_adjustment_value(problem));
    }
    if let Some(problem) = request.metric.as_ref().and_then(metric_problem) {
        return Err(ModifyScalingPolicyError::invalid_parameter_metric_error(
            problem,
        ));
    }
    if let Some(name) = &request.scaling_policy_name {
        if name_taken(group, name, Some(p)) {
            return Err(ModifyScalingPolicyError::name_duplicate_scaling_policy(
                format!(
                    "scalingPolicyName: scaling group {} already has an alarm policy named {name:?}",
                    group.scaling_group_id
                ),
            ));
        }
    }

    // Every check passed: change the state.
    let adjustment_type = adjustment_type.clone();
    let policy = &mut state.scaling_groups[g].scaling_policies[p];
    if let Some(name) = &request.scaling_policy_name {
        policy.scaling_policy_name = name.clone();
    }
    policy.adjustment_type = adjustment_type;
    policy.adjustment_value = adjustment_value;
    if let Some(metric) = &request.metric {
        policy.metric = Some(stored_metric(metric));
    }
    if let Some(cooldown) = request.cooldown {
        policy.cooldown = cooldown;
    }
    if let Some(notify_ids) = &request.notify_ids {
        policy.notify_id_set = Some(notify_ids.clone());
    }
    Ok(ModifyScalingPolicyOutput::new())
}

/// DeleteScalingPolicy. Checks, in order: the group exists (else the common
/// `InvalidParameter` naming `scalingGroupId`); the policy is in the group (else the common
/// `InvalidParameter` naming `scalingPolicyId`); it is not the group's default
/// `UnhealthyInstance` policy, which cannot be changed (else the common `OperationFailed`: the
/// page lists no business error). Then the policy is removed.
pub(crate) fn delete(
    state: &mut State,
    request: &DeleteScalingPolicyRequest,
) -> Result<DeleteScalingPolicyOutput, DeleteScalingPolicyError> {
    let g = group_index::<DeleteScalingPolicyError>(state, &request.scaling_group_id)?;
    let group = &state.scaling_groups[g];
    let p = policy_index::<DeleteScalingPolicyError>(group, &request.scaling_policy_id)?;
    if group.scaling_policies[p].adjustment_type == AdjustmentType::UnhealthyInstance {
        return Err(CommonError::operation_failed(format!(
            "scalingPolicyId: {} is the group's default UnhealthyInstance policy, which cannot \
             be deleted",
            request.scaling_policy_id
        ))
        .into());
    }
    state.scaling_groups[g].scaling_policies.remove(p);
    Ok(DeleteScalingPolicyOutput::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use qcloud_as::types::MetricRequired;

    fn metric(dimension_name: MetricName, threshold: i64) -> Metric {
        Metric::new(MetricRequired {
            dimension_name,
            comparison_operator: ComparisonOperator::Greater,
            threshold,
        })
    }

    #[test]
    fn adjustment_ranges_follow_the_type() {
        use AdjustmentType::*;
        assert!(adjustment_value_problem(&TotalCapacity, 30).is_none());
        assert!(adjustment_value_problem(&TotalCapacity, 31).is_some());
        assert!(adjustment_value_problem(&TotalCapacity, -1).is_some());
        assert!(adjustment_value_problem(&QuantityChangeInCapacity, -30).is_none());
        assert!(adjustment_value_problem(&QuantityChangeInCapacity, -31).is_some());
        assert!(adjustment_value_problem(&PercentChangeInCapacity, -100).is_none());
        assert!(adjustment_value_problem(&PercentChangeInCapacity, 101).is_some());
        assert!(adjustment_range(&UnhealthyInstance).is_none());
    }

    #[test]
    fn metric_thresholds_follow_the_metric() {
        assert!(metric_problem(&metric(MetricName::CpuUsage, 0)).is_none());
        assert!(metric_problem(&metric(MetricName::MemUsage, 100)).is_none());
        assert!(metric_problem(&metric(MetricName::CpuUsage, 101)).is_some());
        assert!(metric_problem(&metric(MetricName::LanIntraffic, 0)).is_some());
        assert!(metric_problem(&metric(MetricName::LanOuttraffic, 1_000_000)).is_none());
        assert!(metric_problem(&metric(MetricName::CpuUsage, 50).repeat_times(11)).is_some());
        assert!(metric_problem(&metric(MetricName::CpuUsage, 50).repeat_times(0)).is_some());
        assert_eq!(
            stored_metric(&metric(MetricName::CpuUsage, 50)).repeat_times,
            Some(3)
        );
    }
}
