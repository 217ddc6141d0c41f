//! ModifyLaunchConfigurationAttributes, ClearLaunchConfigurationAttributes and
//! UpgradeLaunchConfiguration: the forms and limits of what is sent ([`launch_edit::check`]),
//! then the domain's rules for the launch configuration ([`launch::check_changes`]: it
//! exists, its name is unused by any other launch configuration of either protocol, a new
//! project has room), then the change, on the one record both protocols read
//! ([`launch::store_change`]: its version goes up, its creation time stays).

use super::launch_edit::{self, more_settings, name_cores, settings, Bad, Sent};
use super::launch_wire::wire;
use super::query::well_formed;
use crate::domain::launch_configuration::LaunchConfiguration;
use crate::domain::{launch, DomainError};
use crate::state::State;
use qcloud_as::v3::operation::clear_launch_configuration_attributes::{
    ClearLaunchConfigurationAttributesError as ClearError,
    ClearLaunchConfigurationAttributesOutput as ClearOutput,
    ClearLaunchConfigurationAttributesRequest as ClearRequest,
};
use qcloud_as::v3::operation::modify_launch_configuration_attributes::{
    ModifyLaunchConfigurationAttributesError as ModifyError,
    ModifyLaunchConfigurationAttributesOutput as ModifyOutput,
    ModifyLaunchConfigurationAttributesRequest as ModifyRequest,
};
use qcloud_as::v3::operation::upgrade_launch_configuration::{
    UpgradeLaunchConfigurationError as UpgradeError,
    UpgradeLaunchConfigurationOutput as UpgradeOutput,
    UpgradeLaunchConfigurationRequest as UpgradeRequest,
};
use qcloud_as::v3::types::InstanceChargeType;
use qcloud_as::v3::CommonError;

/// The launch configuration id is `asc-…`.
fn id_form(id: &str) -> Result<(), String> {
    if well_formed(id, "asc") {
        Ok(())
    } else {
        Err(format!(
            "LaunchConfigurationId: {id:?} is not a launch configuration id (asc-…)"
        ))
    }
}

/// The answer to a refusal of the launch configuration's rules.
macro_rules! refused {
    ($error:ty, $e:expr) => {{
        let e: DomainError = $e;
        match e {
            DomainError::LaunchConfigurationNotFound { .. } => {
                <$error>::resource_not_found_launch_configuration_id_not_found(e.to_string())
            }
            DomainError::LaunchConfigurationNameTaken { .. } => {
                <$error>::invalid_parameter_value_launch_configuration_name_duplicated(
                    e.to_string(),
                )
            }
            DomainError::QuotaExceeded { .. } => CommonError::limit_exceeded(e.to_string()).into(),
            other => CommonError::internal_error(other.to_string()).into(),
        }
    }};
}

/// ModifyLaunchConfigurationAttributes' answer to a refusal of [`launch::check_changes`].
pub(crate) fn modify_error(e: DomainError) -> ModifyError {
    refused!(ModifyError, e)
}

/// UpgradeLaunchConfiguration's answer to a refusal of [`launch::check_changes`].
pub(crate) fn upgrade_error(e: DomainError) -> UpgradeError {
    refused!(UpgradeError, e)
}

/// ClearLaunchConfigurationAttributes' answer to a refusal of [`launch::find`] (its page lists
/// no code for an unknown id: the common `ResourceNotFound`).
pub(crate) fn clear_error(e: DomainError) -> ClearError {
    match e {
        DomainError::LaunchConfigurationNotFound { .. } => {
            CommonError::resource_not_found(e.to_string()).into()
        }
        other => CommonError::internal_error(other.to_string()).into(),
    }
}

/// ModifyLaunchConfigurationAttributes: only what is sent changes. Checks, in order: the id
/// (`InvalidParameterValue.InvalidLaunchConfigurationId`); it exists
/// (`ResourceNotFound.LaunchConfigurationIdNotFound`); what is sent ([`launch_edit::check`]:
/// `InvalidParameterValue.TooShort`/`TooLong`, `InvalidParameter.Conflict`,
/// `InvalidParameterValue.InvalidImageId`, `LimitExceeded`, `InvalidInstanceType`,
/// `InvalidSecurityGroupId`, `UserDataFormatError`, `UserDataSizeExceeded`,
/// `InvalidParameter.InvalidCombination`, common `InvalidParameterValue`); the charge type's
/// companions: moving to `PREPAID` needs `InstanceChargePrepaid` and to `SPOTPAID`
/// `InstanceMarketOptions` (`MissingParameter.InScenario`), which are refused with another
/// type (`InvalidParameter.InScenario`) and dropped when moving away; the name unused
/// (`InvalidParameterValue.LaunchConfigurationNameDuplicated`).
pub(crate) fn modify(
    state: &mut State,
    request: &ModifyRequest,
    now: u64,
) -> Result<ModifyOutput, ModifyError> {
    let id = &request.launch_configuration_id;
    id_form(id).map_err(ModifyError::invalid_parameter_value_invalid_launch_configuration_id)?;
    let lc = launch::find(state, id).map_err(modify_error)?;
    launch_edit::check(&Sent {
        name: request.launch_configuration_name.as_deref(),
        image_id: request.image_id.as_deref(),
        image_family: request.image_family.as_deref(),
        instance_types: request.instance_types.as_deref(),
        max_instance_types: 10,
        security_group_ids: request.security_group_ids.as_deref(),
        user_data: request.user_data.as_deref().filter(|d| !d.is_empty()),
        data_disks: request.data_disks.as_ref().map_or(0, Vec::len),
        instance_tags: request.instance_tags.as_ref().map_or(0, Vec::len),
        charge_type: request.instance_charge_type.as_ref().map(|c| c.as_str()),
        internet: request.internet_accessible.as_ref(),
        network_interfaces: request.network_interfaces.as_deref(),
    })
    .map_err(|bad| match bad {
        Bad::TooShort(m) => ModifyError::invalid_parameter_value_too_short(m),
        Bad::TooLong(m) => ModifyError::invalid_parameter_value_too_long(m),
        Bad::Conflict(m) => ModifyError::invalid_parameter_conflict(m),
        Bad::ImageId(m) => ModifyError::invalid_parameter_value_invalid_image_id(m),
        Bad::LimitExceeded(m) => ModifyError::invalid_parameter_value_limit_exceeded(m),
        Bad::InstanceType(m) => ModifyError::invalid_parameter_value_invalid_instance_type(m),
        Bad::SecurityGroup(m) => ModifyError::invalid_parameter_value_invalid_security_group_id(m),
        Bad::UserDataFormat(m) => ModifyError::invalid_parameter_value_user_data_format_error(m),
        Bad::UserDataSize(m) => ModifyError::invalid_parameter_value_user_data_size_exceeded(m),
        Bad::Value(m) => CommonError::invalid_parameter_value(m).into(),
        Bad::Combination(m) => ModifyError::invalid_parameter_invalid_combination(m),
    })?;
    let was = wire::<InstanceChargeType, _>(lc.instance_charge_type)
        .as_str()
        .to_owned();
    let charge = request
        .instance_charge_type
        .as_ref()
        .map_or(was.as_str(), |c| c.as_str())
        .to_owned();
    for (kind, sent, kept, name) in [
        (
            "PREPAID",
            request.instance_charge_prepaid.is_some(),
            lc.instance_charge_prepaid.is_some(),
            "InstanceChargePrepaid",
        ),
        (
            "SPOTPAID",
            request.instance_market_options.is_some(),
            lc.instance_market_options.is_some(),
            "InstanceMarketOptions",
        ),
    ] {
        if charge == kind && !sent && !(was == kind && kept) {
            return Err(ModifyError::missing_parameter_in_scenario(format!(
                "{name}: a {kind} launch configuration needs it"
            )));
        }
        if charge != kind && sent {
            return Err(ModifyError::invalid_parameter_in_scenario(format!(
                "{name}: only for a {kind} launch configuration, not {charge}"
            )));
        }
    }
    let changed = modified(lc, request, &charge).map_err(CommonError::invalid_parameter_value)?;
    launch::check_changes(
        state,
        id,
        request.launch_configuration_name.as_deref(),
        None,
    )
    .map_err(modify_error)?;
    launch::store_change(state, changed, now);
    Ok(ModifyOutput::new(String::new()))
}

/// Launch configuration `lc` with what `request` sends (its charge type now `charge`): an
/// image replaces an image family and the other way round, empty user data clears it, the
/// prepaid period and the spot settings go with a charge type that has none.
fn modified(
    mut lc: LaunchConfiguration,
    request: &ModifyRequest,
    charge: &str,
) -> Result<LaunchConfiguration, String> {
    settings!(lc, request);
    more_settings!(lc, request);
    if let Some(name) = &request.launch_configuration_name {
        lc.name.clone_from(name);
    }
    if request.image_id.is_some() {
        lc.image_family = None;
    }
    if request.image_family.is_some() {
        lc.image_id = None;
    }
    if lc.user_data.as_deref() == Some("") {
        lc.user_data = None;
    }
    if charge != "PREPAID" {
        lc.instance_charge_prepaid = None;
    }
    if charge != "SPOTPAID" {
        lc.instance_market_options = None;
    }
    name_cores(&mut lc);
    Ok(lc)
}

/// ClearLaunchConfigurationAttributes: the id (`InvalidParameterValue.InvalidLaunchConfigurationId`),
/// it exists (common `ResourceNotFound`); then each `Clear…` flag that is `true` drops its
/// setting (data disks, host name settings, instance name settings, placement groups, instance
/// tags, metadata, network interfaces); the version goes up even when nothing is set.
pub(crate) fn clear(
    state: &mut State,
    request: &ClearRequest,
    now: u64,
) -> Result<ClearOutput, ClearError> {
    let id = &request.launch_configuration_id;
    id_form(id).map_err(ClearError::invalid_parameter_value_invalid_launch_configuration_id)?;
    let mut lc = launch::find(state, id).map_err(clear_error)?;
    let on = |flag: Option<bool>| flag == Some(true);
    if on(request.clear_data_disks) {
        lc.data_disks.clear();
    }
    if on(request.clear_host_name_settings) {
        lc.host_name_settings = None;
    }
    if on(request.clear_instance_name_settings) {
        lc.instance_name_settings = None;
    }
    if on(request.clear_disaster_recover_group_ids) {
        lc.disaster_recover_group_ids.clear();
    }
    if on(request.clear_instance_tags) {
        lc.instance_tags.clear();
    }
    if on(request.clear_metadata) {
        lc.metadata.clear();
    }
    if on(request.clear_network_interfaces) {
        lc.network_interfaces.clear();
    }
    launch::store_change(state, lc, now);
    Ok(ClearOutput::new(String::new()))
}

/// UpgradeLaunchConfiguration (deprecated): the whole launch configuration is replaced by what
/// is sent, every optional setting left out going back to its default, except the login
/// settings, which it never changes (and its tags). Checks, in order: the id
/// (`InvalidParameterValue.InvalidLaunchConfigurationId`); it exists
/// (`ResourceNotFound.LaunchConfigurationIdNotFound`); what is sent as
/// ModifyLaunchConfigurationAttributes checks it, with 1 to 5 instance types
/// (`InvalidParameterValue.Range`), the limits it has no code for answered with the common
/// `InvalidParameterValue`; `SPOTPAID` with `InstanceMarketOptions` and `PREPAID` with
/// `InstanceChargePrepaid` (common `MissingParameter`); the name unused
/// (`InvalidParameterValue.LaunchConfigurationNameDuplicated`); a new project with room for
/// one more (common `LimitExceeded`).
pub(crate) fn upgrade(
    state: &mut State,
    request: &UpgradeRequest,
    now: u64,
) -> Result<UpgradeOutput, UpgradeError> {
    let id = &request.launch_configuration_id;
    id_form(id).map_err(UpgradeError::invalid_parameter_value_invalid_launch_configuration_id)?;
    launch::find(state, id).map_err(upgrade_error)?;
    launch_edit::check(&Sent {
        name: Some(&request.launch_configuration_name),
        image_id: Some(&request.image_id),
        instance_types: Some(&request.instance_types),
        max_instance_types: 5,
        security_group_ids: request.security_group_ids.as_deref(),
        user_data: request.user_data.as_deref(),
        data_disks: request.data_disks.as_ref().map_or(0, Vec::len),
        instance_tags: request.instance_tags.as_ref().map_or(0, Vec::len),
        charge_type: request.instance_charge_type.as_ref().map(|c| c.as_str()),
        internet: request.internet_accessible.as_ref(),
        ..Sent::default()
    })
    .map_err(|bad| match bad {
        Bad::ImageId(m) => UpgradeError::invalid_parameter_value_invalid_image_id(m),
        Bad::LimitExceeded(m) if m.starts_with("InstanceTypes") => {
            UpgradeError::invalid_parameter_value_range(m)
        }
        Bad::InstanceType(m) => UpgradeError::invalid_parameter_value_invalid_instance_type(m),
        Bad::UserDataFormat(m) => UpgradeError::invalid_parameter_value_user_data_format_error(m),
        Bad::UserDataSize(m) => UpgradeError::invalid_parameter_value_user_data_size_exceeded(m),
        Bad::Conflict(m) => UpgradeError::invalid_parameter_conflict(m),
        Bad::Combination(m) => UpgradeError::invalid_parameter_invalid_combination(m),
        Bad::TooShort(m)
        | Bad::TooLong(m)
        | Bad::LimitExceeded(m)
        | Bad::SecurityGroup(m)
        | Bad::Value(m) => CommonError::invalid_parameter_value(m).into(),
    })?;
    let charge = request
        .instance_charge_type
        .as_ref()
        .map_or("POSTPAID_BY_HOUR", |c| c.as_str());
    if charge == "SPOTPAID" && request.instance_market_options.is_none() {
        return Err(CommonError::missing_parameter(
            "InstanceMarketOptions: a SPOTPAID launch configuration needs them",
        )
        .into());
    }
    if charge == "PREPAID" && request.instance_charge_prepaid.is_none() {
        return Err(CommonError::missing_parameter(
            "InstanceChargePrepaid: a PREPAID launch configuration needs it",
        )
        .into());
    }
    let was = launch::find(state, id).map_err(upgrade_error)?;
    let upgraded = upgraded(was, request).map_err(CommonError::invalid_parameter_value)?;
    launch::check_changes(
        state,
        id,
        Some(&request.launch_configuration_name),
        request.project_id,
    )
    .map_err(upgrade_error)?;
    launch::store_change(state, upgraded, now);
    Ok(UpgradeOutput::new(String::new()))
}

/// Launch configuration `was` replaced by what `request` sends: every setting it leaves out
/// back to its default, except the login settings and tags, and what only API 2.0 says of
/// it (`imageType`, `cvmType`, `dataSnapshotId`, cores and memory no instance type names).
fn upgraded(
    was: LaunchConfiguration,
    request: &UpgradeRequest,
) -> Result<LaunchConfiguration, String> {
    let mut lc = LaunchConfiguration::new(
        was.id,
        request.launch_configuration_name.clone(),
        request.project_id.unwrap_or(was.project),
    );
    lc.image_id = Some(request.image_id.clone());
    lc.instance_types.clone_from(&request.instance_types);
    lc.login_settings = was.login_settings;
    lc.tags = was.tags;
    lc.image_type = was.image_type;
    lc.cvm_type = was.cvm_type;
    lc.data_snapshot_id = was.data_snapshot_id;
    lc.cores = was.cores;
    lc.memory_gb = was.memory_gb;
    settings!(lc, request);
    name_cores(&mut lc);
    Ok(lc)
}
