//! Scaling policies in API 3.0: CreateScalingPolicy, ModifyScalingPolicy, DeleteScalingPolicy,
//! ExecuteScalingPolicy (DescribeScalingPolicies is in [`super::policy_view`]). The wire checks
//! (id forms, the parameters each kind needs) are here; the rules are the domain's
//! ([`crate::domain::policies`], under [`Rules::API_V3`]: names unique in the account,
//! adjustment values unbounded but an exact capacity not negative).

use super::policy_view::{adjustment, alarm, predefined};
use super::query::well_formed;
use super::{find_group, Missing};
use crate::domain::policies::{self, NewPolicy, PolicyChange, MAX_NAME_CHARS};
use crate::domain::policy::{PolicyRule, SimpleRule, TrackingRule};
use crate::domain::{DomainError, PolicyField, Rules};
use crate::state::State;
use qcloud_as::v3::operation::create_scaling_policy::{
    CreateScalingPolicyError as CreateError, CreateScalingPolicyOutput as CreateOutput,
    CreateScalingPolicyRequest as CreateRequest,
};
use qcloud_as::v3::operation::delete_scaling_policy::{
    DeleteScalingPolicyError as DeleteError, DeleteScalingPolicyOutput as DeleteOutput,
    DeleteScalingPolicyRequest as DeleteRequest,
};
use qcloud_as::v3::operation::execute_scaling_policy::{
    ExecuteScalingPolicyError as ExecuteError, ExecuteScalingPolicyOutput as ExecuteOutput,
    ExecuteScalingPolicyRequest as ExecuteRequest,
};
use qcloud_as::v3::operation::modify_scaling_policy::{
    ModifyScalingPolicyError as ModifyError, ModifyScalingPolicyOutput as ModifyOutput,
    ModifyScalingPolicyRequest as ModifyRequest,
};
use qcloud_as::v3::types::ScalingPolicyType;
use qcloud_as::v3::CommonError;

/// The default cooldown of a simple policy and warm-up of a target-tracking one, seconds.
const DEFAULT_SECONDS: u64 = 300;

fn invalid(field: PolicyField, problem: String) -> DomainError {
    DomainError::PolicyInvalid { field, problem }
}

fn missing(name: &str, kind: &str) -> DomainError {
    invalid(
        PolicyField::Missing,
        format!("{name}: required for a {kind} policy"),
    )
}

fn seconds(name: &str, value: Option<i64>) -> Result<Option<u64>, DomainError> {
    value
        .map(|v| {
            u64::try_from(v)
                .map_err(|_| invalid(PolicyField::Warmup, format!("{name}: {v} is negative")))
        })
        .transpose()
}

/// The rule a CreateScalingPolicy request gives: its kind's parameters, each required one
/// present (`Missing`), none of the other kind's (`InvalidParameter`, as `Missing`'s
/// neighbour), values API 3.0 knows.
fn rule_of(request: &CreateRequest) -> Result<PolicyRule, DomainError> {
    let tracking = match &request.scaling_policy_type {
        None | Some(ScalingPolicyType::Simple) => false,
        Some(ScalingPolicyType::TargetTracking) => true,
        Some(other) => {
            return Err(invalid(
                PolicyField::AdjustmentType,
                format!("ScalingPolicyType: {other} is neither SIMPLE nor TARGET_TRACKING"),
            ))
        }
    };
    if tracking {
        let metric = request
            .predefined_metric_type
            .as_ref()
            .ok_or_else(|| missing("PredefinedMetricType", "TARGET_TRACKING"))?;
        let metric = predefined(metric).ok_or_else(|| {
            invalid(
                PolicyField::Metric,
                format!("PredefinedMetricType: {metric} is not a metric"),
            )
        })?;
        let target = request
            .target_value
            .ok_or_else(|| missing("TargetValue", "TARGET_TRACKING"))?;
        return Ok(PolicyRule::TargetTracking(TrackingRule {
            metric,
            target,
            warmup_seconds: seconds("EstimatedInstanceWarmup", request.estimated_instance_warmup)?
                .unwrap_or(DEFAULT_SECONDS),
            disable_scale_in: request.disable_scale_in.unwrap_or(false),
        }));
    }
    let kind = request
        .adjustment_type
        .as_ref()
        .ok_or_else(|| missing("AdjustmentType", "SIMPLE"))?;
    let adjustment = adjustment(kind).ok_or_else(|| {
        invalid(
            PolicyField::AdjustmentType,
            format!("AdjustmentType: {kind} is not an adjustment type"),
        )
    })?;
    let value = request
        .adjustment_value
        .ok_or_else(|| missing("AdjustmentValue", "SIMPLE"))?;
    let metric_alarm = request
        .metric_alarm
        .as_ref()
        .ok_or_else(|| missing("MetricAlarm", "SIMPLE"))?;
    let alarm = alarm(metric_alarm).map_err(|p| invalid(PolicyField::Metric, p))?;
    Ok(PolicyRule::Simple(SimpleRule {
        adjustment,
        value,
        cooldown_seconds: seconds("Cooldown", request.cooldown)?.unwrap_or(DEFAULT_SECONDS),
        alarm: Some(alarm),
    }))
}

/// CreateScalingPolicy's answer to a refusal.
pub(crate) fn create_error(e: DomainError) -> CreateError {
    let m = e.to_string();
    match &e {
        DomainError::GroupNotFound { .. } => {
            CreateError::resource_not_found_auto_scaling_group_not_found(m)
        }
        DomainError::PolicyInvalid { field, problem } => match field {
            PolicyField::Name if problem.contains("at most") => {
                CreateError::invalid_parameter_value_too_long(m)
            }
            PolicyField::Name => CommonError::invalid_parameter_value(m).into(),
            PolicyField::Threshold => {
                CreateError::invalid_parameter_value_threshold_out_of_range(m)
            }
            PolicyField::Missing => CommonError::missing_parameter(m).into(),
            _ => CreateError::invalid_parameter_value_range(m),
        },
        DomainError::PolicyNameTaken { .. } => {
            CreateError::invalid_parameter_value_scaling_policy_name_duplicate(m)
        }
        DomainError::QuotaExceeded { .. } => CreateError::limit_exceeded_quota_not_enough(m),
        DomainError::TrackingPolicyTaken { .. } => {
            CreateError::limit_exceeded_target_tracking_scaling_policy(m)
        }
        DomainError::NoRandomness(_) => CommonError::internal_error(m).into(),
        _ => CommonError::failed_operation(m).into(),
    }
}

/// CreateScalingPolicy: the group id's form (`InvalidParameterValue.InvalidAutoScalingGroupId`),
/// the parameters of the policy's kind (`SIMPLE` by default: `AdjustmentType`,
/// `AdjustmentValue`, `MetricAlarm`; `TARGET_TRACKING`: `PredefinedMetricType`, `TargetValue`;
/// else `MissingParameter`), then [`policies::create`] under [`Rules::API_V3`]: the group
/// exists (`ResourceNotFound.AutoScalingGroupNotFound`); the name has 1 to 60 characters
/// (`InvalidParameterValue.TooLong`) of letters, digits, `_`, `-`, `.` (`InvalidParameterValue`); values in range (`InvalidParameterValue.Range`: an exact
/// capacity not negative, `Period` 60 or 300, `ContinuousTime` 1–10, a target of 1–99 % or
/// above 0, a warm-up of 0–3600 s), the threshold 0–100 for percentages and above 0 otherwise
/// (`InvalidParameterValue.ThresholdOutOfRange`); the name unused in the account
/// (`InvalidParameterValue.ScalingPolicyNameDuplicate`); fewer than 100 policies in the group
/// (`LimitExceeded.QuotaNotEnough`); one target-tracking policy per metric and group
/// (`LimitExceeded.TargetTrackingScalingPolicy`). `Cooldown` and `EstimatedInstanceWarmup`
/// default to 300.
pub(crate) fn create(
    state: &mut State,
    request: &CreateRequest,
    now: u64,
) -> Result<CreateOutput, CreateError> {
    let group = &request.auto_scaling_group_id;
    find_group(state, group).map_err(|m| match m {
        Missing::Malformed(m) => {
            CreateError::invalid_parameter_value_invalid_auto_scaling_group_id(m)
        }
        Missing::NotFound(m) => CreateError::resource_not_found_auto_scaling_group_not_found(m),
    })?;
    let name = &request.scaling_policy_name;
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(CreateError::invalid_parameter_value_too_long(format!(
            "ScalingPolicyName: {} characters, at most {MAX_NAME_CHARS}",
            name.chars().count()
        )));
    }
    name_characters::<CreateError>(name)?;
    let id = rule_of(request)
        .and_then(|rule| {
            policies::create(
                state,
                group,
                NewPolicy {
                    name: name.clone(),
                    rule,
                    notify_ids: request
                        .notification_user_group_ids
                        .clone()
                        .unwrap_or_default(),
                },
                &Rules::API_V3,
                now,
            )
        })
        .map_err(create_error)?;
    Ok(CreateOutput::new(id, String::new()))
}

/// API 3.0's policy names: letters (Chinese characters too), digits, `_`, `-` and `.`; else
/// `InvalidParameterValue`.
fn name_characters<E: From<CommonError>>(name: &str) -> Result<(), E> {
    match name
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.')))
    {
        Some(c) => Err(CommonError::invalid_parameter_value(format!(
            "ScalingPolicyName: {c:?} is not a letter, digit, `_`, `-` or `.`"
        ))
        .into()),
        None => Ok(()),
    }
}

/// The policy id's form, else `InvalidParameterValue.InvalidAutoScalingPolicyId` (`bad`).
fn policy_id<E>(id: &str, bad: impl FnOnce(String) -> E) -> Result<(), E> {
    if well_formed(id, "asp") {
        Ok(())
    } else {
        Err(bad(format!(
            "AutoScalingPolicyId: {id:?} is not a scaling policy id (asp-…)"
        )))
    }
}

/// ModifyScalingPolicy's answer to a refusal.
pub(crate) fn modify_error(e: DomainError) -> ModifyError {
    let m = e.to_string();
    match &e {
        DomainError::GroupNotFound { .. } => {
            ModifyError::resource_not_found_auto_scaling_group_not_found(m)
        }
        DomainError::PolicyNotFound { .. } => {
            ModifyError::resource_not_found_scaling_policy_not_found(m)
        }
        DomainError::PolicyInvalid { field, .. } => match field {
            PolicyField::Threshold => {
                ModifyError::invalid_parameter_value_threshold_out_of_range(m)
            }
            PolicyField::Name => CommonError::invalid_parameter_value(m).into(),
            _ => ModifyError::invalid_parameter_value_range(m),
        },
        DomainError::PolicyNameTaken { .. } => {
            ModifyError::invalid_parameter_value_scaling_policy_name_duplicate(m)
        }
        DomainError::PolicyKindMismatch { .. } => CommonError::invalid_parameter(m).into(),
        DomainError::TrackingPolicyTaken { .. } => CommonError::limit_exceeded(m).into(),
        _ => CommonError::failed_operation(m).into(),
    }
}

/// ModifyScalingPolicy: the id's form, then [`policies::modify`] under [`Rules::API_V3`]: the
/// policy exists (`ResourceNotFound.ScalingPolicyNotFound`); the parameters given are of its
/// kind (else `InvalidParameter`: its kind cannot change); each value as in
/// CreateScalingPolicy, checked with the policy's other values (`InvalidParameterValue.Range`,
/// `ThresholdOutOfRange`); the name unused in the account (`ScalingPolicyNameDuplicate`).
/// The parameters given replace the policy's values.
pub(crate) fn modify(
    state: &mut State,
    request: &ModifyRequest,
) -> Result<ModifyOutput, ModifyError> {
    let id = &request.auto_scaling_policy_id;
    policy_id(
        id,
        ModifyError::invalid_parameter_value_invalid_auto_scaling_policy_id,
    )?;
    if let Some(name) = &request.scaling_policy_name {
        name_characters::<ModifyError>(name)?;
    }
    let change = (|| {
        Ok::<_, DomainError>(PolicyChange {
            name: request.scaling_policy_name.clone(),
            adjustment: request
                .adjustment_type
                .as_ref()
                .map(|a| {
                    adjustment(a).ok_or_else(|| {
                        invalid(
                            PolicyField::AdjustmentType,
                            format!("AdjustmentType: {a} is not an adjustment type"),
                        )
                    })
                })
                .transpose()?,
            value: request.adjustment_value,
            cooldown_seconds: seconds("Cooldown", request.cooldown)?,
            alarm: request
                .metric_alarm
                .as_ref()
                .map(|a| alarm(a).map_err(|p| invalid(PolicyField::Metric, p)))
                .transpose()?,
            tracked_metric: request
                .predefined_metric_type
                .as_ref()
                .map(|m| {
                    predefined(m).ok_or_else(|| {
                        invalid(
                            PolicyField::Metric,
                            format!("PredefinedMetricType: {m} is not a metric"),
                        )
                    })
                })
                .transpose()?,
            target: request.target_value,
            warmup_seconds: seconds("EstimatedInstanceWarmup", request.estimated_instance_warmup)?,
            disable_scale_in: request.disable_scale_in,
            notify_ids: request.notification_user_group_ids.clone(),
        })
    })();
    policies::find(state, id, None).map_err(modify_error)?;
    change
        .and_then(|change| policies::modify(state, id, None, change, &Rules::API_V3))
        .map_err(modify_error)?;
    Ok(ModifyOutput::new(String::new()))
}

/// DeleteScalingPolicy's answer to a refusal.
pub(crate) fn delete_error(e: DomainError) -> DeleteError {
    match &e {
        DomainError::PolicyNotFound { .. } => {
            DeleteError::resource_not_found_scaling_policy_not_found(e.to_string())
        }
        _ => CommonError::failed_operation(e.to_string()).into(),
    }
}

/// DeleteScalingPolicy: the id's form, then [`policies::delete`]: the policy exists
/// (`ResourceNotFound.ScalingPolicyNotFound`).
pub(crate) fn delete(
    state: &mut State,
    request: &DeleteRequest,
) -> Result<DeleteOutput, DeleteError> {
    let id = &request.auto_scaling_policy_id;
    policy_id(
        id,
        DeleteError::invalid_parameter_value_invalid_auto_scaling_policy_id,
    )?;
    policies::delete(state, id, None).map_err(delete_error)?;
    Ok(DeleteOutput::new(String::new()))
}

/// ExecuteScalingPolicy's answer to a refusal.
pub(crate) fn execute_error(e: DomainError) -> ExecuteError {
    let m = e.to_string();
    match &e {
        DomainError::PolicyNotFound { .. } => {
            ExecuteError::resource_not_found_scaling_policy_not_found(m)
        }
        DomainError::GroupNotFound { .. } => {
            ExecuteError::resource_not_found_auto_scaling_group_not_found(m)
        }
        DomainError::PolicyKindMismatch { .. } => {
            ExecuteError::invalid_parameter_value_target_tracking_scaling_policy(m)
        }
        DomainError::GroupDisabled { .. } => {
            ExecuteError::resource_in_use_auto_scaling_group_not_active(m)
        }
        DomainError::GroupInActivity { .. } => {
            ExecuteError::resource_unavailable_auto_scaling_group_in_activity(m)
        }
        DomainError::CoolingDown { .. } | DomainError::NothingToDo { .. } => {
            ExecuteError::failed_operation_no_activity_to_generate(m)
        }
        DomainError::NoRandomness(_) => CommonError::internal_error(m).into(),
        _ => CommonError::failed_operation(m).into(),
    }
}

/// ExecuteScalingPolicy: the id's form, then [`policies::execute`]: the policy exists
/// (`ResourceNotFound.ScalingPolicyNotFound`); it is simple
/// (`InvalidParameterValue.TargetTrackingScalingPolicy`); the group is enabled
/// (`ResourceInUse.AutoScalingGroupNotActive`) and runs no activity
/// (`ResourceUnavailable.AutoScalingGroupInActivity`); with `HonorCooldown`, not cooling
/// down, and the adjustment changes something (`FailedOperation.NoActivityToGenerate`). The
/// activity starts at once and runs on the virtual clock; the policy's cooldown follows it.
pub(crate) fn execute(
    state: &mut State,
    request: &ExecuteRequest,
    now: u64,
) -> Result<ExecuteOutput, ExecuteError> {
    let id = &request.auto_scaling_policy_id;
    policy_id(
        id,
        ExecuteError::invalid_parameter_value_invalid_auto_scaling_policy_id,
    )?;
    let activity = policies::execute(
        state,
        id,
        request.honor_cooldown.unwrap_or(false),
        "ExecuteScalingPolicy",
        now,
    )
    .map_err(execute_error)?;
    Ok(ExecuteOutput::new(activity, String::new()))
}
