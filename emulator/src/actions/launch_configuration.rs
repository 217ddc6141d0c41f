//! Launch configurations: CreateScalingConfiguration, DescribeScalingConfiguration,
//! DeleteScalingConfiguration.

use super::configuration_record::{from_record, to_record};
use super::shared::configuration_name_taken;
use super::unique_id;
use crate::domain::launch_configuration::LaunchConfiguration;
use crate::domain::{launch, Catalog, DomainError};
use crate::state::State;
use crate::util::{format_time, page};
use qcloud_as::operation::create_scaling_configuration::{
    CreateScalingConfigurationError, CreateScalingConfigurationOutput,
    CreateScalingConfigurationRequest,
};
use qcloud_as::operation::delete_scaling_configuration::{
    DeleteScalingConfigurationError, DeleteScalingConfigurationOutput,
    DeleteScalingConfigurationRequest,
};
use qcloud_as::operation::describe_scaling_configuration::{
    DescribeScalingConfigurationError, DescribeScalingConfigurationOutput,
    DescribeScalingConfigurationRequest,
};
use qcloud_as::types::{GroupRef, ScalingConfiguration, StorageType};
use qcloud_as::CommonError;

/// The largest local data disk (`Local`, `LocalSsd`), in GB. Cloud disks go up to the spec's
/// `max` for `storageSize`, which decoding checks.
const MAX_LOCAL_STORAGE_SIZE: i64 = 500;

/// Data disk sizes go in steps of this many GB.
const STORAGE_SIZE_STEP: i64 = 10;

/// The fewest character classes (lower case, upper case, digits, symbols) a password needs.
/// Linux images need two, Windows images three; the emulator does not know the image's system,
/// so it takes the weaker rule.
const MIN_PASSWORD_CLASSES: usize = 2;

/// CreateScalingConfiguration. Decoding has already checked the spec's limits (`storageSize`
/// 0 to 4000, `rootSize` 20 to 50, `password` 8 to 16 characters, the enums). Checks, in
/// order:
///
/// 1. `password` and `keyId` are not both given → `InvalidParameter` (common, naming both);
/// 2. `password` has at least two character classes → `InvalidParameter` (common);
/// 3. `cpu` and `mem` are positive (no instance type has 0 cores or 0 GB) →
///    `OprationFail.CpuOrMemNotExsit`;
/// 4. `storageSize` is a multiple of 10, and at most 500 for a local disk →
///    `QuotaExceeded.storageSize`;
/// 5. a `dataSnapshotId` comes with a cloud disk → `InvalidParameter.storageType`;
/// 6. `sgId`, when given, looks like a security group id (`sg-…`) →
///    `InvalidParameter.SecurityGroupId`;
/// 7. the name is unused in the account → `NameDuplicate.ScallingConfiguration`;
/// 8. the project holds fewer than 20 launch configurations → `QuotaExceeded.ScallingConfiguration`.
///
/// Then the launch configuration is stored, the domain's record both protocols read
/// ([`from_record`]), with a new `asc-…` id and the creation time; the
/// defaults (`needMonitorAgent`, `needSecurityAgent`, `wanIp` on, `cvmType` standard,
/// project 0) are stored as values, and `sgId` becomes the one-item `sgSet`. The password is
/// stored as given (the emulator holds no real secrets).
/// `IInvalidParameter.CbsNotMatchCpu` is never answered: the pages give no rule for it.
pub(crate) fn create(
    state: &mut State,
    request: &CreateScalingConfigurationRequest,
    now: u64,
) -> Result<CreateScalingConfigurationOutput, CreateScalingConfigurationError> {
    if request.password.is_some() && request.key_id.is_some() {
        return Err(CommonError::invalid_parameter(
            "password, keyId: give a password or a key pair, not both",
        )
        .into());
    }
    if let Some(password) = &request.password {
        let classes = password_classes(password);
        if classes < MIN_PASSWORD_CLASSES {
            return Err(CommonError::invalid_parameter(format!(
                "password: must mix at least {MIN_PASSWORD_CLASSES} of lower case letters, upper \
                 case letters, digits and symbols; it has {classes}"
            ))
            .into());
        }
    }
    if request.cpu <= 0 || request.mem <= 0 {
        return Err(
            CreateScalingConfigurationError::operation_fail_cpu_or_mem_not_exist(format!(
                "cpu, mem: no instance type has {} CPU core(s) and {} GB of memory",
                request.cpu, request.mem
            )),
        );
    }
    let size = request.storage_size;
    if size % STORAGE_SIZE_STEP != 0 {
        return Err(
            CreateScalingConfigurationError::quota_exceeded_storage_size(format!(
                "storageSize: {size} GB is not a multiple of {STORAGE_SIZE_STEP} GB"
            )),
        );
    }
    let local = matches!(
        request.storage_type,
        StorageType::Local | StorageType::LocalSsd
    );
    if local && size > MAX_LOCAL_STORAGE_SIZE {
        return Err(CreateScalingConfigurationError::quota_exceeded_storage_size(
            format!(
                "storageSize: {size} GB is more than a local disk ({}) can hold, {MAX_LOCAL_STORAGE_SIZE} GB",
                request.storage_type
            ),
        ));
    }
    if request.data_snapshot_id.is_some() && local {
        return Err(
            CreateScalingConfigurationError::invalid_parameter_storage_type(format!(
                "storageType: a dataSnapshotId needs a cloud disk (Cloud or CloudSsd), not {}",
                request.storage_type
            )),
        );
    }
    if let Some(sg) = &request.sg_id {
        let well_formed = sg.strip_prefix("sg-").is_some_and(|rest| {
            !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric())
        });
        if !well_formed {
            return Err(
                CreateScalingConfigurationError::invalid_parameter_security_group_id(format!(
                    "sgId: {sg:?} is not a security group id (sg-…)"
                )),
            );
        }
    }
    let name = &request.scaling_configuration_name;
    if configuration_name_taken(state, name) {
        return Err(
            CreateScalingConfigurationError::name_duplicate_scaling_configuration(format!(
                "scalingConfigurationName: a launch configuration named {name:?} already exists"
            )),
        );
    }
    let project = request.project_id_or_default();
    launch::check_quota(state, project).map_err(create_quota_error)?;

    let id = unique_id::<CreateScalingConfigurationError>("asc", |id| {
        state.launch_configuration(id).is_some()
    })?;
    let mut configuration = ScalingConfiguration::new(id.clone(), name.clone())
        .cpu(request.cpu)
        .mem(request.mem)
        .image_type(request.image_type.clone())
        .image_id(request.image_id.clone())
        .storage_type(request.storage_type.clone())
        .storage_size(size)
        .bandwidth_type(request.bandwidth_type.clone())
        .bandwidth(request.bandwidth)
        .wan_ip(request.wan_ip_or_default())
        .need_monitor_agent(request.need_monitor_agent_or_default())
        .need_security_agent(request.need_security_agent_or_default())
        .cvm_type(request.cvm_type_or_default())
        .create_time(format_time(now))
        .project_id(project);
    configuration.root_size = request.root_size;
    configuration.key_id = request.key_id.clone();
    configuration.password = request.password.clone();
    configuration.sg_set = request.sg_id.clone().map(|sg| vec![sg]);
    configuration.data_snapshot_id = request.data_snapshot_id.clone();
    let stored = from_record(&configuration).map_err(CommonError::invalid_parameter)?;
    state.add_launch_configuration(stored);
    Ok(CreateScalingConfigurationOutput::new([id]))
}

/// How many of the classes lower case, upper case, digit and other a password mixes.
fn password_classes(password: &str) -> usize {
    let checks: [fn(&char) -> bool; 3] = [
        char::is_ascii_lowercase,
        char::is_ascii_uppercase,
        char::is_ascii_digit,
    ];
    let mut classes = checks
        .iter()
        .filter(|check| password.chars().any(|c| check(&c)))
        .count();
    if password.chars().any(|c| !c.is_ascii_alphanumeric()) {
        classes += 1;
    }
    classes
}

/// DescribeScalingConfiguration: filters by ids, name and project; each launch configuration,
/// whichever protocol made it, as API 2.0's fields show it ([`to_record`]); pages with offset and limit; `totalCount` counts every
/// match. Each one's `scalingGroupIdSet` lists the groups that use it now (worked out, not
/// stored). Unknown ids are not an error: they match nothing.
pub(crate) fn describe(
    state: &State,
    request: &DescribeScalingConfigurationRequest,
) -> Result<DescribeScalingConfigurationOutput, DescribeScalingConfigurationError> {
    let matches: Vec<&LaunchConfiguration> = state
        .launch_configurations
        .iter()
        .filter(|c| {
            request
                .scaling_configuration_ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&c.id))
                && request
                    .scaling_configuration_name
                    .as_ref()
                    .is_none_or(|n| n == &c.name)
                && request.project_id.is_none_or(|p| p == c.project)
        })
        .collect();
    let total_count = i64::try_from(matches.len()).unwrap_or(i64::MAX);
    let set: Vec<ScalingConfiguration> = page(
        matches,
        request.offset_or_default(),
        request.limit_or_default(),
    )
    .into_iter()
    .map(|c| {
        let groups: Vec<GroupRef> = state
            .scaling_groups
            .iter()
            .filter(|g| g.scaling_configuration_id.as_ref() == Some(&c.id))
            .map(|g| GroupRef::new(g.id.clone()).scaling_group_name(g.name.clone()))
            .collect();
        let mut out = to_record(c);
        out.scaling_group_id_set = Some(groups);
        out
    })
    .collect();
    Ok(DescribeScalingConfigurationOutput::new(total_count, set))
}

/// DeleteScalingConfiguration. Checks, in order: the launch configuration exists
/// (`InvalidParameter`, common, naming `scalingConfigurationId`: the page lists no business
/// error for it); no scaling group uses it and no instance it created is still in a group
/// (`GroupInstance::scaling_configuration_id`; `Conflict.ScallingConfigurationUse`, naming the
/// groups). Then it is removed.
pub(crate) fn delete(
    state: &mut State,
    request: &DeleteScalingConfigurationRequest,
) -> Result<DeleteScalingConfigurationOutput, DeleteScalingConfigurationError> {
    launch::delete(state, &request.scaling_configuration_id).map_err(delete_error)?;
    Ok(DeleteScalingConfigurationOutput::new())
}

/// DeleteScalingConfiguration's answer to a refusal of [`launch::delete`].
pub(crate) fn delete_error(e: DomainError) -> DeleteScalingConfigurationError {
    match e {
        DomainError::LaunchConfigurationInUse { .. } => {
            DeleteScalingConfigurationError::conflict_scaling_configuration_use(format!(
                "scalingConfigurationId: {e}"
            ))
        }
        DomainError::LaunchConfigurationNotFound { .. } => {
            CommonError::invalid_parameter(format!("scalingConfigurationId: {e}")).into()
        }
        other => CommonError::internal_error(other.to_string()).into(),
    }
}

/// CreateScalingConfiguration's answer to a refusal of the launch configuration quotas.
pub(crate) fn create_quota_error(e: DomainError) -> CreateScalingConfigurationError {
    CreateScalingConfigurationError::quota_exceeded_scaling_configuration(e.to_string())
}
