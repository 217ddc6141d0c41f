//! Launch configurations in API 3.0: CreateLaunchConfiguration and DeleteLaunchConfiguration
//! (DescribeLaunchConfigurations is in [`super::launch_view`]). A launch configuration is one
//! record of the state, the domain's
//! ([`LaunchConfiguration`](crate::domain::launch_configuration::LaunchConfiguration)), whichever
//! protocol made it.

use super::convert::is_instance_type;
use super::launch_edit::{more_settings, name_cores, settings};
use super::new_id;
use super::query::well_formed;
use crate::actions::configuration_name_taken;
use crate::domain::launch_configuration::LaunchConfiguration;
use crate::domain::{launch, Catalog, DomainError};
use crate::state::State;
use qcloud_as::v3::operation::create_launch_configuration::{
    CreateLaunchConfigurationError as CreateError, CreateLaunchConfigurationOutput as CreateOutput,
    CreateLaunchConfigurationRequest as CreateRequest,
};
use qcloud_as::v3::operation::delete_launch_configuration::{
    DeleteLaunchConfigurationError as DeleteError, DeleteLaunchConfigurationOutput as DeleteOutput,
    DeleteLaunchConfigurationRequest as DeleteRequest,
};
use qcloud_as::v3::CommonError;

/// The longest name, in bytes.
pub(crate) const MAX_NAME_BYTES: usize = 60;
/// The most instance types.
pub(crate) const MAX_INSTANCE_TYPES: usize = 10;
/// The most data disks.
pub(crate) const MAX_DATA_DISKS: usize = 11;
/// The most instance tags and tags.
pub(crate) const MAX_INSTANCE_TAGS: usize = 10;
const MAX_TAGS: usize = 30;
/// The longest user data, base64 text, in bytes.
pub(crate) const MAX_USER_DATA: usize = 16 * 1024;
/// The charge types.
pub(crate) const CHARGE_TYPES: &[&str] = &["POSTPAID_BY_HOUR", "SPOTPAID", "PREPAID", "CDCPAID"];

/// Whether `text` is base64 (standard alphabet, padded).
pub(crate) fn is_base64(text: &str) -> bool {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return false;
    }
    let body = text.trim_end_matches('=');
    bytes.len() - body.len() <= 2
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

/// One of two exclusive members: `Ok(())` when exactly one is given.
fn exactly_one(a: bool, b: bool, names: &str) -> Result<(), CreateError> {
    match (a, b) {
        (true, true) => Err(CreateError::invalid_parameter_conflict(format!(
            "{names}: give one, not both"
        ))),
        (false, false) => Err(CreateError::invalid_parameter_must_one_parameter(format!(
            "{names}: give one of them"
        ))),
        _ => Ok(()),
    }
}

/// CreateLaunchConfiguration. Checks, in order: the name (1 to 60 bytes:
/// `InvalidParameterValue.TooShort`/`TooLong`); exactly one of `ImageId`/`ImageFamily` and of
/// `InstanceType`/`InstanceTypes` (`InvalidParameter.MustOneParameter`,
/// `InvalidParameter.Conflict`); at most 10 instance types, 11 data disks, 10 instance tags and
/// 30 tags (`InvalidParameterValue.LimitExceeded`); the image `img-…`
/// (`InvalidParameterValue.InvalidImageId`); each instance type `FAMILY.SIZE`
/// (`InvalidParameterValue.InvalidInstanceType`); the charge type (`InvalidParameterValue`),
/// `SPOTPAID` with `InstanceMarketOptions` (`MissingParameter.InstanceMarketOptions`); security
/// groups `sg-…` (`InvalidParameterValue.InvalidSecurityGroupId`); not both a password and key
/// pairs (`InvalidParameter.Conflict`); user data base64 (`InvalidParameterValue.UserDataFormatError`)
/// of at most 16 KB (`InvalidParameterValue.UserDataSizeExceeded`); the name unused, across
/// both protocols (`InvalidParameterValue.LaunchConfigurationNameDuplicated`); fewer than 50
/// launch configurations (`LimitExceeded.LaunchConfigurationQuotaNotEnough`).
///
/// A value of a closed set the documentation does not list (a disk type, a name style, …) is
/// refused with the common `InvalidParameterValue`, naming the field, before the name is
/// looked at. Then it is stored, one record for both protocols ([`from_request`]).
pub(crate) fn create(
    state: &mut State,
    request: &CreateRequest,
    now: u64,
) -> Result<CreateOutput, CreateError> {
    let name = &request.launch_configuration_name;
    if name.is_empty() {
        return Err(CreateError::invalid_parameter_value_too_short(
            "LaunchConfigurationName must not be empty",
        ));
    }
    if name.len() > MAX_NAME_BYTES {
        return Err(CreateError::invalid_parameter_value_too_long(format!(
            "LaunchConfigurationName: {} bytes, at most {MAX_NAME_BYTES}",
            name.len()
        )));
    }
    exactly_one(
        request.image_id.is_some(),
        request.image_family.is_some(),
        "ImageId, ImageFamily",
    )?;
    exactly_one(
        request.instance_type.is_some(),
        request.instance_types.is_some(),
        "InstanceType, InstanceTypes",
    )?;
    let types: Vec<String> = match (&request.instance_type, &request.instance_types) {
        (Some(one), _) => vec![one.clone()],
        (_, Some(many)) => many.clone(),
        _ => Vec::new(),
    };
    if types.is_empty() {
        return Err(CreateError::invalid_parameter_must_one_parameter(
            "InstanceTypes: give at least one instance type",
        ));
    }
    let login = request.login_settings.as_ref();
    for (what, n, max) in [
        ("InstanceTypes", types.len(), MAX_INSTANCE_TYPES),
        (
            "DataDisks",
            request.data_disks.as_ref().map_or(0, Vec::len),
            MAX_DATA_DISKS,
        ),
        (
            "InstanceTags",
            request.instance_tags.as_ref().map_or(0, Vec::len),
            MAX_INSTANCE_TAGS,
        ),
        ("Tags", request.tags.as_ref().map_or(0, Vec::len), MAX_TAGS),
    ] {
        if n > max {
            return Err(CreateError::invalid_parameter_value_limit_exceeded(
                format!("{what}: {n} given, at most {max}"),
            ));
        }
    }
    if let Some(image) = request.image_id.as_ref().filter(|i| !well_formed(i, "img")) {
        return Err(CreateError::invalid_parameter_value_invalid_image_id(
            format!("ImageId: {image:?} is not an image id (img-…)"),
        ));
    }
    if let Some(bad) = types.iter().find(|t| !is_instance_type(t)) {
        return Err(CreateError::invalid_parameter_value_invalid_instance_type(
            format!("{bad:?} is not an instance type (FAMILY.SIZE, e.g. S5.MEDIUM4)"),
        ));
    }
    let charge = request
        .instance_charge_type
        .as_ref()
        .map_or("POSTPAID_BY_HOUR", |v| v.as_str());
    if !CHARGE_TYPES.contains(&charge) {
        return Err(CommonError::invalid_parameter_value(format!(
            "InstanceChargeType: {charge:?} is not one of {}",
            CHARGE_TYPES.join(", ")
        ))
        .into());
    }
    if charge == "SPOTPAID" && request.instance_market_options.is_none() {
        return Err(CreateError::missing_parameter_instance_market_options(
            "InstanceMarketOptions: a SPOTPAID launch configuration needs them",
        ));
    }
    let groups = request.security_group_ids.as_deref().unwrap_or_default();
    if let Some(bad) = groups.iter().find(|g| !well_formed(g, "sg")) {
        return Err(
            CreateError::invalid_parameter_value_invalid_security_group_id(format!(
                "SecurityGroupIds: {bad:?} is not a security group id (sg-…)"
            )),
        );
    }
    let key_ids = login.and_then(|l| l.key_ids.clone()).unwrap_or_default();
    if login.is_some_and(|l| l.password.is_some()) && !key_ids.is_empty() {
        return Err(CreateError::invalid_parameter_conflict(
            "LoginSettings: give a password or key pairs, not both",
        ));
    }
    if let Some(data) = &request.user_data {
        if !is_base64(data) {
            return Err(CreateError::invalid_parameter_value_user_data_format_error(
                "UserData must be base64 text",
            ));
        }
        if data.len() > MAX_USER_DATA {
            return Err(
                CreateError::invalid_parameter_value_user_data_size_exceeded(format!(
                    "UserData: {} bytes, at most {MAX_USER_DATA}",
                    data.len()
                )),
            );
        }
    }
    let mut lc = from_request(request, types).map_err(CommonError::invalid_parameter_value)?;
    if configuration_name_taken(state, name) {
        return Err(
            CreateError::invalid_parameter_value_launch_configuration_name_duplicated(format!(
                "a launch configuration named {name:?} already exists"
            )),
        );
    }
    launch::check_quota(state, request.project_id.unwrap_or(0)).map_err(create_quota_error)?;
    let id = new_id::<CreateError>("asc", |id| state.launch_configuration(id).is_some())?;
    lc.id.clone_from(&id);
    lc.created_at = Some(now);
    state.add_launch_configuration(lc);
    Ok(CreateOutput::new(id, String::new()))
}

/// The launch configuration `request` (checked by [`create`]) makes, its id and creation
/// time not set yet: the settings it sends, in the domain's words; cores and memory read
/// from the first instance type when it is named `FAMILY.SIZEmem` (as API 2.0 shows them).
/// A value the domain does not hold is refused, naming the field.
pub(crate) fn from_request(
    request: &CreateRequest,
    types: Vec<String>,
) -> Result<LaunchConfiguration, String> {
    let mut lc = LaunchConfiguration::new(
        String::new(),
        request.launch_configuration_name.clone(),
        request.project_id.unwrap_or(0),
    );
    settings!(lc, request);
    more_settings!(lc, request);
    lc.instance_types = types;
    if let Some(tags) = &request.tags {
        lc.tags = super::launch_wire::tags(tags);
    }
    name_cores(&mut lc);
    Ok(lc)
}

/// DeleteLaunchConfiguration. Checks, in order: the id is `asc-…`
/// (`InvalidParameterValue.InvalidLaunchConfigurationId`); it exists
/// (`ResourceNotFound.LaunchConfigurationIdNotFound`); no group uses it, as API 2.0 rules it: as
/// its launch configuration or through an instance it created still in the group
/// (`ResourceInUse.LaunchConfigurationIdInUse`). Then it goes, in both protocols.
pub(crate) fn delete(
    state: &mut State,
    request: &DeleteRequest,
) -> Result<DeleteOutput, DeleteError> {
    let id = &request.launch_configuration_id;
    if !well_formed(id, "asc") {
        return Err(
            DeleteError::invalid_parameter_value_invalid_launch_configuration_id(format!(
                "LaunchConfigurationId: {id:?} is not a launch configuration id (asc-…)"
            )),
        );
    }
    launch::delete(state, id).map_err(delete_error)?;
    Ok(DeleteOutput::new(String::new()))
}

/// DeleteLaunchConfiguration's answer to a refusal of [`launch::delete`].
pub(crate) fn delete_error(e: DomainError) -> DeleteError {
    match e {
        DomainError::LaunchConfigurationNotFound { .. } => {
            DeleteError::resource_not_found_launch_configuration_id_not_found(e.to_string())
        }
        DomainError::LaunchConfigurationInUse { .. } => {
            DeleteError::resource_in_use_launch_configuration_id_in_use(e.to_string())
        }
        other => CommonError::internal_error(other.to_string()).into(),
    }
}

/// CreateLaunchConfiguration's answer to a refusal of the launch configuration quotas.
pub(crate) fn create_quota_error(e: DomainError) -> CreateError {
    CreateError::limit_exceeded_launch_configuration_quota_not_enough(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_text() {
        for good in ["", "YQ==", "YWI=", "YWJj", "IyEvYmluL3NoCmVjaG8gaGkK"] {
            assert!(is_base64(good), "{good}");
        }
        for bad in ["YQ=", "Y===", "YW Jj", "é===", "YQ==YQ==", "=YWJ"] {
            assert!(!is_base64(bad), "{bad}");
        }
    }
}
