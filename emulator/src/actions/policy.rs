//! Alarm policies in API 2.0: CreateScalingPolicy, DescribeScalingPolicy, ModifyScalingPolicy,
//! DeleteScalingPolicy, adapters of the domain's commands ([`crate::domain::policies`], under
//! [`Rules::API_V2`]: names unique in the group, adjustment values bounded).
//!
//! Policies are the domain's ([`crate::domain::Policy`]), stored per group; API 2.0 shows the
//! simple ones in its own shape (a target-tracking policy made through API 3.0 is not listed
//! here, API 2.0 having no shape for it). A group's default policy (adjustment type
//! `UnhealthyInstance`) exists only when a state file gives it; it is described like any other
//! policy and cannot be modified or deleted.

use super::policy_wire::{adjustment_of_v2, alarm_of_v2, to_v2 as policy_to_v2};
use crate::domain::policies::{self, NewPolicy, PolicyChange};
use crate::domain::policy::{PolicyRule, SimpleRule};
use crate::domain::{DomainError, PolicyField, Rules, Store};
use crate::state::State;
use crate::util::page;
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
use qcloud_as::types::{AdjustmentType, ScalingPolicy};
use qcloud_as::CommonError;

/// API 2.0's name of a policy's part, for messages.
fn parameter(field: PolicyField) -> &'static str {
    match field {
        PolicyField::Name => "scalingPolicyName",
        PolicyField::AdjustmentType => "adjustmentType",
        PolicyField::AdjustmentValue => "adjustmentValue",
        PolicyField::Threshold => "metric.threshold",
        PolicyField::Period => "metric.repeatTimes",
        PolicyField::Cooldown => "cooldown",
        PolicyField::Metric | PolicyField::Target | PolicyField::Warmup | PolicyField::Missing => {
            "metric"
        }
    }
}

/// The message of a refusal, naming API 2.0's parameter.
fn message(e: &DomainError) -> String {
    match e {
        DomainError::GroupNotFound { .. } => format!("scalingGroupId: {e}"),
        DomainError::PolicyNotFound { .. } => format!("scalingPolicyId: {e}"),
        DomainError::PolicyInvalid {
            field: PolicyField::AdjustmentType,
            ..
        } => format!(
            "adjustmentType: UnhealthyInstance cannot be given (only TotalCapacity, \
             QuantityChangeInCapacity or PercentChangeInCapacity): {e}"
        ),
        DomainError::PolicyInvalid { field, .. } => format!("{}: {e}", parameter(*field)),
        DomainError::PolicyNameTaken { .. } => format!("scalingPolicyName: {e}"),
        DomainError::DefaultPolicyUnchangeable { .. } => {
            format!("scalingPolicyId: {e} (its adjustment type is UnhealthyInstance)")
        }
        other => other.to_string(),
    }
}

/// A refusal no action lists a business code for: the common code that says so.
fn common<E: From<CommonError>>(e: &DomainError) -> E {
    match e {
        DomainError::GroupNotFound { .. } | DomainError::PolicyNotFound { .. } => {
            CommonError::invalid_parameter(message(e)).into()
        }
        DomainError::NoRandomness(_) => CommonError::internal_error(message(e)).into(),
        _ => CommonError::operation_failed(message(e)).into(),
    }
}

/// CreateScalingPolicy's answer to a refusal of the domain.
pub(crate) fn create_error(e: DomainError) -> CreateScalingPolicyError {
    let m = message(&e);
    match &e {
        DomainError::PolicyInvalid { field, .. } => match field {
            PolicyField::Name => {
                CreateScalingPolicyError::invalid_parameter_scaling_policy_name_error(m)
            }
            PolicyField::AdjustmentType => {
                CreateScalingPolicyError::invalid_parameter_scaling_policy_adjustmenttype_error(m)
            }
            PolicyField::AdjustmentValue => {
                CreateScalingPolicyError::invalid_parameter_adjustment_value(m)
            }
            _ => CreateScalingPolicyError::invalid_parameter_metric(m),
        },
        DomainError::PolicyNameTaken { .. } => {
            CreateScalingPolicyError::name_duplicate_scaling_policy(m)
        }
        DomainError::QuotaExceeded { .. } => {
            CreateScalingPolicyError::quota_exceeded_scaling_policy(m)
        }
        _ => common(&e),
    }
}

/// ModifyScalingPolicy's answer to a refusal of the domain.
pub(crate) fn modify_error(e: DomainError) -> ModifyScalingPolicyError {
    let m = message(&e);
    match &e {
        DomainError::DefaultPolicyUnchangeable { .. } => {
            ModifyScalingPolicyError::conflict_modify_default_scaling_policy_error(m)
        }
        DomainError::PolicyInvalid { field, .. } => match field {
            PolicyField::Name => {
                ModifyScalingPolicyError::invalid_parameter_scaling_policy_name_error(m)
            }
            PolicyField::AdjustmentType => {
                ModifyScalingPolicyError::invalid_parameter_scaling_policy_adjustmenttype_error(m)
            }
            PolicyField::AdjustmentValue => {
                ModifyScalingPolicyError::invalid_parameter_adjustment_value(m)
            }
            _ => ModifyScalingPolicyError::invalid_parameter_metric_error(m),
        },
        DomainError::PolicyNameTaken { .. } => {
            ModifyScalingPolicyError::name_duplicate_scaling_policy(m)
        }
        _ => common(&e),
    }
}

/// DeleteScalingPolicy's answer to a refusal of the domain (its page lists no business
/// error: the default policy is the common `OperationFailed`).
pub(crate) fn delete_error(e: DomainError) -> DeleteScalingPolicyError {
    common(&e)
}

/// The adjustment type refusal for a value API 2.0 does not list.
fn unknown_adjustment(t: &AdjustmentType) -> DomainError {
    DomainError::PolicyInvalid {
        field: PolicyField::AdjustmentType,
        problem: format!("{t} is not an adjustment type"),
    }
}

/// The domain's adjustment of an API 2.0 type; a value API 2.0 does not list is refused.
fn adjustment(t: &AdjustmentType) -> Result<crate::domain::policy::Adjustment, DomainError> {
    adjustment_of_v2(t).ok_or_else(|| unknown_adjustment(t))
}

/// The domain's alarm of an API 2.0 metric; one naming an unknown metric or comparison is
/// refused as the metric.
fn alarm(metric: &qcloud_as::types::Metric) -> Result<crate::domain::policy::Alarm, DomainError> {
    alarm_of_v2(metric).map_err(|problem| DomainError::PolicyInvalid {
        field: PolicyField::Metric,
        problem,
    })
}

/// CreateScalingPolicy: [`policies::create`] under [`Rules::API_V2`]. Checks, in order: the
/// group exists (else the common `InvalidParameter` naming `scalingGroupId`);
/// `scalingPolicyName` is not blank (`InvalidParameter.ScalingPolicyNameError`);
/// `adjustmentType` is not `UnhealthyInstance` (`InvalidParameter.ScalingPolicyAdjustmenttypeError`);
/// `adjustmentValue` fits the type (TotalCapacity 0..=30, QuantityChangeInCapacity -30..=30,
/// PercentChangeInCapacity -100..=100: `InvalidParameter.AdjustmentValue`); the metric holds
/// (threshold 0..=100 for `cpu_usage` / `mem_usage`, above 0 for traffic, `repeatTimes`
/// 1..=10: `InvalidParameter.Metric`); no policy of the group has the name
/// (`NameDuplicate.ScalingPolicy`); fewer than 100 policies (`QuotaExceeded.ScalingPolicy`).
/// The answer holds the new `asp-…` id in `scalingPolicyIdSet`.
pub(crate) fn create(
    state: &mut State,
    request: &CreateScalingPolicyRequest,
    now: u64,
) -> Result<CreateScalingPolicyOutput, CreateScalingPolicyError> {
    let rule = (|| {
        Ok::<_, DomainError>(PolicyRule::Simple(SimpleRule {
            adjustment: adjustment(&request.adjustment_type)?,
            value: request.adjustment_value,
            cooldown_seconds: u64::try_from(request.cooldown).unwrap_or(0),
            alarm: Some(alarm(&request.metric)?),
        }))
    })();
    let id = rule
        .and_then(|rule| {
            policies::create(
                state,
                &request.scaling_group_id,
                NewPolicy {
                    name: request.scaling_policy_name.clone(),
                    rule,
                    notify_ids: request.notify_ids.clone().unwrap_or_default(),
                },
                &Rules::API_V2,
                now,
            )
        })
        .map_err(create_error)?;
    Ok(CreateScalingPolicyOutput::new([id]))
}

/// DescribeScalingPolicy: the group must exist (else the common `InvalidParameter` naming
/// `scalingGroupId`); filters by policy ids and name; pages with offset and limit;
/// `totalCount` counts every match. The metric is answered as an object.
pub(crate) fn describe(
    state: &State,
    request: &DescribeScalingPolicyRequest,
) -> Result<DescribeScalingPolicyOutput, DescribeScalingPolicyError> {
    let group = &request.scaling_group_id;
    if state.group(group).is_none() {
        return Err(common(&DomainError::GroupNotFound {
            group: group.clone(),
        }));
    }
    let matches: Vec<ScalingPolicy> = state
        .policies()
        .into_iter()
        .filter(|(g, _)| g == group)
        .filter_map(|(_, p)| policy_to_v2(&p))
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
    let set = page(
        matches,
        request.offset_or_default(),
        request.limit_or_default(),
    );
    Ok(DescribeScalingPolicyOutput::new(total_count, set))
}

/// ModifyScalingPolicy: [`policies::modify`] under [`Rules::API_V2`]. Checks, in order: the
/// group exists and has the policy (else the common `InvalidParameter` naming
/// `scalingGroupId` or `scalingPolicyId`); it is not the default `UnhealthyInstance` policy
/// (`Conflict.ModifyDefaultScalingPolicyError`); a name is not blank; the adjustment type is
/// not `UnhealthyInstance`; the adjustment value fits the type, each the given one or else the
/// policy's; a metric holds (`InvalidParameter.MetricError`); no other policy of the group has
/// the new name (`NameDuplicate.ScalingPolicy`). Then the parameters given replace the
/// policy's values (a metric replaces the whole metric, `notifyIds` the whole list).
pub(crate) fn modify(
    state: &mut State,
    request: &ModifyScalingPolicyRequest,
) -> Result<ModifyScalingPolicyOutput, ModifyScalingPolicyError> {
    let change = (|| {
        Ok::<_, DomainError>(PolicyChange {
            name: request.scaling_policy_name.clone(),
            adjustment: request
                .adjustment_type
                .as_ref()
                .map(adjustment)
                .transpose()?,
            value: request.adjustment_value,
            cooldown_seconds: request.cooldown.map(|c| u64::try_from(c).unwrap_or(0)),
            alarm: request.metric.as_ref().map(alarm).transpose()?,
            notify_ids: request.notify_ids.clone(),
            ..PolicyChange::default()
        })
    })();
    // The group and the policy are looked up before the values are read.
    let group = &request.scaling_group_id;
    if state.group(group).is_none() {
        return Err(modify_error(DomainError::GroupNotFound {
            group: group.clone(),
        }));
    }
    policies::find(state, &request.scaling_policy_id, Some(group)).map_err(modify_error)?;
    change
        .and_then(|change| {
            policies::modify(
                state,
                &request.scaling_policy_id,
                Some(group),
                change,
                &Rules::API_V2,
            )
        })
        .map_err(modify_error)?;
    Ok(ModifyScalingPolicyOutput::new())
}

/// DeleteScalingPolicy: [`policies::delete`]. Checks, in order: the group exists and has the
/// policy (else the common `InvalidParameter` naming `scalingGroupId` or `scalingPolicyId`);
/// it is not the group's default `UnhealthyInstance` policy (else the common
/// `OperationFailed`: the page lists no business error). Then the policy is removed.
pub(crate) fn delete(
    state: &mut State,
    request: &DeleteScalingPolicyRequest,
) -> Result<DeleteScalingPolicyOutput, DeleteScalingPolicyError> {
    policies::delete(
        state,
        &request.scaling_policy_id,
        Some(&request.scaling_group_id),
    )
    .map_err(delete_error)?;
    Ok(DeleteScalingPolicyOutput::new())
}
