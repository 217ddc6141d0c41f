//! Instance refresh in API 3.0: StartInstanceRefresh, StopInstanceRefresh,
//! ResumeInstanceRefresh, CancelInstanceRefresh, RollbackInstanceRefresh. The wire checks (id
//! forms, settings' shapes) are here; the rules and the progress over the clock are the
//! domain's ([`crate::domain::refresh`]).

use super::query::well_formed;
use crate::domain::refresh::{
    self, BatchPause, FailProcess, RefreshMode, RefreshSettings, ResumeMode,
};
use crate::domain::DomainError;
use crate::state::State;
use qcloud_as::v3::operation::cancel_instance_refresh::{
    CancelInstanceRefreshError as CancelError, CancelInstanceRefreshOutput as CancelOutput,
    CancelInstanceRefreshRequest as CancelRequest,
};
use qcloud_as::v3::operation::enable_auto_scaling_group::EnableAutoScalingGroupError as EnableError;
use qcloud_as::v3::operation::resume_instance_refresh::{
    ResumeInstanceRefreshError as ResumeError, ResumeInstanceRefreshOutput as ResumeOutput,
    ResumeInstanceRefreshRequest as ResumeRequest,
};
use qcloud_as::v3::operation::rollback_instance_refresh::{
    RollbackInstanceRefreshError as RollbackError, RollbackInstanceRefreshOutput as RollbackOutput,
    RollbackInstanceRefreshRequest as RollbackRequest,
};
use qcloud_as::v3::operation::start_instance_refresh::{
    StartInstanceRefreshError as StartError, StartInstanceRefreshOutput as StartOutput,
    StartInstanceRefreshRequest as StartRequest,
};
use qcloud_as::v3::operation::stop_instance_refresh::{
    StopInstanceRefreshError as StopError, StopInstanceRefreshOutput as StopOutput,
    StopInstanceRefreshRequest as StopRequest,
};
use qcloud_as::v3::types as wire;
use qcloud_as::v3::CommonError;

/// A wire refusal before the domain: a malformed id or setting (`InvalidParameterValue`), or
/// a missing setting (`MissingParameter`).
fn invalid(message: String) -> CommonError {
    CommonError::invalid_parameter_value(message)
}

/// The group id and, when given, the refresh id, well formed (`asg-…`, `asr-…`).
fn ids(group: &str, refresh: Option<&str>) -> Result<(), CommonError> {
    if !well_formed(group, "asg") {
        return Err(invalid(format!(
            "AutoScalingGroupId: {group:?} is not a scaling group id (asg-…)"
        )));
    }
    match refresh {
        Some(id) if !well_formed(id, "asr") => Err(invalid(format!(
            "{id:?} is not a refresh activity id (asr-…)"
        ))),
        _ => Ok(()),
    }
}

/// The refresh mode (default `ROLLING_UPDATE_RESET`).
fn mode(mode: Option<&wire::RefreshMode>) -> Result<RefreshMode, CommonError> {
    match mode {
        None | Some(wire::RefreshMode::RollingUpdateReset) => Ok(RefreshMode::Reset),
        Some(wire::RefreshMode::RollingUpdateReplace) => Ok(RefreshMode::Replace),
        Some(other) => Err(invalid(format!("RefreshMode: {other:?} is not a mode"))),
    }
}

/// The domain's settings from the wire's: `RollingUpdateSettings` is required
/// (`MissingParameter`); `BatchNumber` and `MaxSurge` are not negative and the enumerations
/// known (`InvalidParameterValue`). The domain checks the rest.
pub(crate) fn settings(given: &wire::RefreshSettings) -> Result<RefreshSettings, CommonError> {
    let Some(rolling) = &given.rolling_update_settings else {
        return Err(CommonError::missing_parameter(
            "RefreshSettings.RollingUpdateSettings is required for the rolling update modes",
        ));
    };
    let non_negative = |name: &str, value: i64| {
        u64::try_from(value).map_err(|_| {
            invalid(format!(
                "RefreshSettings.RollingUpdateSettings.{name} {value} is negative"
            ))
        })
    };
    let mut settings = RefreshSettings::new(non_negative("BatchNumber", rolling.batch_number)?);
    settings.max_surge = non_negative("MaxSurge", rolling.max_surge.unwrap_or(0))?;
    settings.batch_pause = match &rolling.batch_pause {
        None | Some(wire::RefreshBatchPause::Automatic) => BatchPause::Automatic,
        Some(wire::RefreshBatchPause::FirstBatchPause) => BatchPause::FirstBatch,
        Some(wire::RefreshBatchPause::BatchIntervalPause) => BatchPause::EveryBatch,
        Some(other) => return Err(invalid(format!("BatchPause: {other:?} is not a value"))),
    };
    settings.fail_process = match &rolling.fail_process {
        None | Some(wire::FailProcess::AutoPause) => FailProcess::Pause,
        Some(wire::FailProcess::AutoRollback) => FailProcess::Rollback,
        Some(wire::FailProcess::AutoCancel) => FailProcess::Cancel,
        Some(other) => return Err(invalid(format!("FailProcess: {other:?} is not a value"))),
    };
    settings.check_target_health = given.check_instance_target_health.unwrap_or(false);
    if let Some(timeout) = given.check_instance_target_health_timeout {
        settings.check_target_health_timeout = non_negative("Timeout", timeout)?;
    }
    Ok(settings)
}

/// StartInstanceRefresh: the id's form and the settings ([`settings`]), then
/// [`refresh::start`]; its refusals are answered by [`start_error`].
pub(crate) fn start(
    state: &mut State,
    request: &StartRequest,
    now: u64,
) -> Result<StartOutput, StartError> {
    let group = &request.auto_scaling_group_id;
    ids(group, None)?;
    let mode = mode(request.refresh_mode.as_ref())?;
    let settings = settings(&request.refresh_settings)?;
    let id = refresh::start(state, group, mode, settings, now).map_err(start_error)?;
    Ok(StartOutput::new(id, String::new()))
}

/// StartInstanceRefresh's answer to a refusal of the domain.
pub(crate) fn start_error(e: DomainError) -> StartError {
    let m = e.to_string();
    match e {
        DomainError::GroupNotFound { .. } => {
            StartError::resource_not_found_auto_scaling_group_id_not_found(m)
        }
        DomainError::RefreshInProgress { .. } => {
            StartError::resource_unavailable_auto_scaling_group_in_refresh_activity(m)
        }
        DomainError::GroupDisabled { .. } => {
            StartError::resource_unavailable_auto_scaling_group_abnormal_status(m)
        }
        DomainError::GroupInActivity { .. } => {
            StartError::resource_unavailable_auto_scaling_group_in_activity(m)
        }
        DomainError::NoInstanceToRefresh { .. } => {
            StartError::resource_unavailable_no_instance_can_refresh(m)
        }
        DomainError::BatchNumberTooLarge { .. } => {
            StartError::invalid_parameter_value_batch_number_too_large(m)
        }
        DomainError::MaxSurgeTooLarge { .. } => {
            StartError::invalid_parameter_value_max_surge_too_large(m)
        }
        DomainError::RefreshSettingInvalid { .. } => invalid(m).into(),
        DomainError::NoRandomness(_) => CommonError::internal_error(m).into(),
        _ => CommonError::failed_operation(m).into(),
    }
}

/// RollbackInstanceRefresh: the ids' forms and the settings, then [`refresh::rollback`]; its
/// refusals are answered by [`rollback_error`].
pub(crate) fn rollback(
    state: &mut State,
    request: &RollbackRequest,
    now: u64,
) -> Result<RollbackOutput, RollbackError> {
    let group = &request.auto_scaling_group_id;
    let origin = &request.origin_refresh_activity_id;
    ids(group, Some(origin))?;
    let mode = mode(request.refresh_mode.as_ref())?;
    let settings = settings(&request.refresh_settings)?;
    let id =
        refresh::rollback(state, group, origin, mode, settings, now).map_err(rollback_error)?;
    Ok(RollbackOutput::new(id, String::new()))
}

/// RollbackInstanceRefresh's answer to a refusal of the domain (an unknown refresh is the
/// common `ResourceNotFound`: the action lists no code of its own for it).
pub(crate) fn rollback_error(e: DomainError) -> RollbackError {
    let m = e.to_string();
    match e {
        DomainError::GroupNotFound { .. } => {
            RollbackError::resource_not_found_auto_scaling_group_id_not_found(m)
        }
        DomainError::RefreshNotFound { .. } => CommonError::resource_not_found(m).into(),
        DomainError::RollbackOfRollback { .. } => {
            RollbackError::resource_unavailable_rollback_type_activity_can_not_rollback_again(m)
        }
        DomainError::RefreshCannotRollback { .. } => {
            RollbackError::resource_unavailable_refresh_activity_can_not_rollback(m)
        }
        DomainError::RefreshStatusConflict { .. } => {
            RollbackError::resource_unavailable_refresh_activity_status_conflict_with_operation(m)
        }
        DomainError::RefreshInProgress { .. } => {
            RollbackError::resource_unavailable_auto_scaling_group_in_refresh_activity(m)
        }
        DomainError::GroupDisabled { .. } => {
            RollbackError::resource_unavailable_auto_scaling_group_abnormal_status(m)
        }
        DomainError::GroupInActivity { .. } => {
            RollbackError::resource_unavailable_auto_scaling_group_in_activity(m)
        }
        DomainError::NoInstanceToRollback { .. } => {
            RollbackError::resource_unavailable_no_instance_can_rollback(m)
        }
        DomainError::BatchNumberTooLarge { .. } => {
            RollbackError::invalid_parameter_value_batch_number_too_large(m)
        }
        DomainError::RefreshSettingInvalid { .. } => invalid(m).into(),
        DomainError::NoRandomness(_) => CommonError::internal_error(m).into(),
        _ => CommonError::failed_operation(m).into(),
    }
}

/// The answer of Stop/Resume/CancelInstanceRefresh to a refusal of the domain: an unknown
/// group or refresh `ResourceNotFound.RefreshActivityNotFound`, a status the command is not
/// allowed from `ResourceUnavailable.RefreshActivityStatusConflictWithOperation`.
macro_rules! control_error {
    ($name:ident, $error:ty) => {
        #[doc = concat!("The answer of ", stringify!($error), " to a refusal of the domain.")]
        pub(crate) fn $name(e: DomainError) -> $error {
            let m = e.to_string();
            match e {
                DomainError::GroupNotFound { .. } | DomainError::RefreshNotFound { .. } => {
                    <$error>::resource_not_found_refresh_activity_not_found(m)
                }
                DomainError::RefreshStatusConflict { .. } => {
                    <$error>::resource_unavailable_refresh_activity_status_conflict_with_operation(
                        m,
                    )
                }
                _ => CommonError::failed_operation(m).into(),
            }
        }
    };
}

control_error!(stop_error, StopError);
control_error!(resume_error, ResumeError);
control_error!(cancel_error, CancelError);

/// StopInstanceRefresh: [`refresh::stop`] (a running refresh pauses, `MANUAL_PAUSE`).
pub(crate) fn stop(
    state: &mut State,
    request: &StopRequest,
    now: u64,
) -> Result<StopOutput, StopError> {
    let (group, id) = (&request.auto_scaling_group_id, &request.refresh_activity_id);
    ids(group, Some(id))?;
    refresh::stop(state, group, id, now).map_err(stop_error)?;
    Ok(StopOutput::new(String::new()))
}

/// ResumeInstanceRefresh: [`refresh::resume`] with `ResumeMode` (default `RETRY`).
pub(crate) fn resume(
    state: &mut State,
    request: &ResumeRequest,
    now: u64,
) -> Result<ResumeOutput, ResumeError> {
    let (group, id) = (&request.auto_scaling_group_id, &request.refresh_activity_id);
    ids(group, Some(id))?;
    let mode = match &request.resume_mode {
        None | Some(wire::ResumeMode::Retry) => ResumeMode::Retry,
        Some(wire::ResumeMode::Continue) => ResumeMode::Continue,
        Some(other) => return Err(invalid(format!("ResumeMode: {other:?} is not a mode")).into()),
    };
    refresh::resume(state, group, id, mode, now).map_err(resume_error)?;
    Ok(ResumeOutput::new(String::new()))
}

/// CancelInstanceRefresh: [`refresh::cancel`].
pub(crate) fn cancel(
    state: &mut State,
    request: &CancelRequest,
    now: u64,
) -> Result<CancelOutput, CancelError> {
    let (group, id) = (&request.auto_scaling_group_id, &request.refresh_activity_id);
    ids(group, Some(id))?;
    refresh::cancel(state, group, id, now).map_err(cancel_error)?;
    Ok(CancelOutput::new(String::new()))
}

/// EnableAutoScalingGroup's answer to [`refresh::ensure_no_refresh`]: a refresh running or
/// paused keeps the group disabled (`ResourceUnavailable.AutoScalingGroupInRefreshActivity`).
pub(crate) fn enable_error(e: DomainError) -> EnableError {
    let m = e.to_string();
    match e {
        DomainError::RefreshInProgress { .. } => {
            EnableError::resource_unavailable_auto_scaling_group_in_refresh_activity(m)
        }
        _ => CommonError::failed_operation(m).into(),
    }
}
