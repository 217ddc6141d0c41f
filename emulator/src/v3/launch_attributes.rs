//! ModifyLaunchConfigurationAttributes, ClearLaunchConfigurationAttributes and
//! UpgradeLaunchConfiguration: the forms and limits of what is sent ([`launch_edit::check`]),
//! then the domain's rules for the launch configuration ([`launch::check_changes`]: it
//! exists, its name is unused by any other launch configuration of either protocol, a new
//! project has room), then the change, stored for both protocols ([`launch_edit::store`]).

use super::launch_edit::{self, current, Bad, Sent};
use super::query::well_formed;
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
    launch::find(state, id).map_err(modify_error)?;
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
    let mut r = current(state, id);
    let was = r
        .instance_charge_type
        .as_ref()
        .map_or("POSTPAID_BY_HOUR", |c| c.as_str())
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
            r.instance_charge_prepaid.is_some(),
            "InstanceChargePrepaid",
        ),
        (
            "SPOTPAID",
            request.instance_market_options.is_some(),
            r.instance_market_options.is_some(),
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
    launch::check_changes(
        state,
        id,
        request.launch_configuration_name.as_deref(),
        None,
    )
    .map_err(modify_error)?;

    macro_rules! set {
        ($($field:ident),*) => {$(
            if let Some(v) = &request.$field {
                r.$field = Some(v.clone());
            }
        )*};
    }
    set!(
        image_id,
        image_family,
        instance_types,
        instance_types_check_policy,
        user_data,
        security_group_ids,
        internet_accessible,
        instance_charge_type,
        instance_charge_prepaid,
        instance_market_options,
        disk_type_policy,
        system_disk,
        data_disks,
        host_name_settings,
        instance_name_settings,
        enhanced_service,
        cam_role_name,
        hpc_cluster_id,
        ipv6_internet_accessible,
        disaster_recover_group_ids,
        login_settings,
        instance_tags,
        dedicated_cluster_id,
        metadata,
        network_interfaces
    );
    if let Some(name) = &request.launch_configuration_name {
        r.launch_configuration_name.clone_from(name);
    }
    if request.image_id.is_some() {
        r.image_family = None;
    }
    if request.image_family.is_some() {
        r.image_id = None;
    }
    if r.user_data.as_deref() == Some("") {
        r.user_data = None;
    }
    if charge != "PREPAID" {
        r.instance_charge_prepaid = None;
    }
    if charge != "SPOTPAID" {
        r.instance_market_options = None;
    }
    launch_edit::store(state, id, &r, now);
    Ok(ModifyOutput::new(String::new()))
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
    launch::find(state, id).map_err(clear_error)?;
    let on = |flag: Option<bool>| flag == Some(true);
    let mut r = current(state, id);
    if on(request.clear_data_disks) {
        r.data_disks = Some(Vec::new());
    }
    if on(request.clear_host_name_settings) {
        r.host_name_settings = None;
    }
    if on(request.clear_instance_name_settings) {
        r.instance_name_settings = None;
    }
    if on(request.clear_disaster_recover_group_ids) {
        r.disaster_recover_group_ids = Some(Vec::new());
    }
    if on(request.clear_instance_tags) {
        r.instance_tags = Some(Vec::new());
    }
    if on(request.clear_metadata) {
        r.metadata = None;
    }
    if on(request.clear_network_interfaces) {
        r.network_interfaces = Some(Vec::new());
    }
    launch_edit::store(state, id, &r, now);
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
    launch::check_changes(
        state,
        id,
        Some(&request.launch_configuration_name),
        request.project_id,
    )
    .map_err(upgrade_error)?;

    let was = current(state, id);
    let mut r = qcloud_as::v3::operation::create_launch_configuration::CreateLaunchConfigurationRequest::new(
        request.launch_configuration_name.clone(),
    );
    r.image_id = Some(request.image_id.clone());
    r.instance_types = Some(request.instance_types.clone());
    r.project_id = request.project_id.or(was.project_id);
    r.login_settings = was.login_settings;
    r.tags = was.tags;
    r.data_disks = request.data_disks.clone();
    r.enhanced_service = request.enhanced_service.clone();
    r.instance_charge_type = request.instance_charge_type.clone();
    r.instance_market_options = request.instance_market_options.clone();
    r.instance_types_check_policy = request.instance_types_check_policy.clone();
    r.internet_accessible = request.internet_accessible.clone();
    r.security_group_ids = request.security_group_ids.clone();
    r.system_disk = request.system_disk.clone();
    r.user_data = request.user_data.clone();
    r.instance_tags = request.instance_tags.clone();
    r.cam_role_name = request.cam_role_name.clone();
    r.host_name_settings = request.host_name_settings.clone();
    r.instance_name_settings = request.instance_name_settings.clone();
    r.instance_charge_prepaid = request.instance_charge_prepaid.clone();
    r.disk_type_policy = request.disk_type_policy.clone();
    r.ipv6_internet_accessible = request.ipv6_internet_accessible.clone();
    launch_edit::store(state, id, &r, now);
    Ok(UpgradeOutput::new(String::new()))
}
