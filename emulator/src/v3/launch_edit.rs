//! Changing a launch configuration in API 3.0: what ModifyLaunchConfigurationAttributes,
//! ClearLaunchConfigurationAttributes and UpgradeLaunchConfiguration share. A launch
//! configuration is read back as the CreateLaunchConfiguration request that would make it
//! ([`current`]), changed, and stored again through the same mapping CreateLaunchConfiguration
//! uses ([`store`]): one record for both protocols, its id, creation time and API 2.0-only
//! fields kept, its version one more.

use super::convert::{cpu_mem_of, is_instance_type};
use super::instance_view::instance_type;
use super::launch::{
    is_base64, records, CHARGE_TYPES, MAX_DATA_DISKS, MAX_INSTANCE_TAGS, MAX_NAME_BYTES,
    MAX_USER_DATA,
};
use super::launch_view::from_v2;
use super::query::well_formed;
use crate::state::{LaunchConfigurationV3, State};
use qcloud_as::v3::operation::create_launch_configuration::CreateLaunchConfigurationRequest;
use qcloud_as::v3::types::{
    CheckPolicy, DiskTypePolicy, InstanceChargeType, InternetAccessible, LoginSettings,
    NetworkInterface,
};

/// Why a value sent is refused before the domain is asked; each action answers with its code.
#[derive(Debug)]
pub(crate) enum Bad {
    TooShort(String),
    TooLong(String),
    Conflict(String),
    ImageId(String),
    LimitExceeded(String),
    InstanceType(String),
    SecurityGroup(String),
    UserDataFormat(String),
    UserDataSize(String),
    Value(String),
    Combination(String),
}

/// The values a change sends that are checked alike (`None`: not sent).
#[derive(Default)]
pub(crate) struct Sent<'a> {
    pub(crate) name: Option<&'a str>,
    pub(crate) image_id: Option<&'a str>,
    pub(crate) image_family: Option<&'a str>,
    pub(crate) instance_types: Option<&'a [String]>,
    pub(crate) max_instance_types: usize,
    pub(crate) security_group_ids: Option<&'a [String]>,
    pub(crate) user_data: Option<&'a str>,
    pub(crate) data_disks: usize,
    pub(crate) instance_tags: usize,
    pub(crate) charge_type: Option<&'a str>,
    pub(crate) internet: Option<&'a InternetAccessible>,
    pub(crate) network_interfaces: Option<&'a [NetworkInterface]>,
}

/// The most network interfaces.
const MAX_INTERFACES: usize = 17;

/// Checks what is sent, in order: the name (1 to 60 bytes: `TooShort`/`TooLong`); not both an
/// image and an image family (`Conflict`); the image `img-…` (`ImageId`); 1 to
/// `max_instance_types` instance types (`LimitExceeded`) named `FAMILY.SIZE` (`InstanceType`);
/// security groups, at least one when sent (`Value`) and `sg-…` (`SecurityGroup`); user data
/// base64 (`UserDataFormat`, an empty text clears it) of at most 16 KB (`UserDataSize`); at most
/// 11 data disks and 10 instance tags (`LimitExceeded`); the charge type (`Value`); no public
/// IP with 0 Mbps (`Combination`); 1 to 17 network interfaces (`LimitExceeded`), one of them
/// `PRIMARY` (`Combination`).
pub(crate) fn check(sent: &Sent<'_>) -> Result<(), Bad> {
    if let Some(name) = sent.name {
        if name.is_empty() {
            return Err(Bad::TooShort(
                "LaunchConfigurationName must not be empty".to_owned(),
            ));
        }
        if name.len() > MAX_NAME_BYTES {
            return Err(Bad::TooLong(format!(
                "LaunchConfigurationName: {} bytes, at most {MAX_NAME_BYTES}",
                name.len()
            )));
        }
    }
    if sent.image_id.is_some() && sent.image_family.is_some() {
        return Err(Bad::Conflict(
            "ImageId, ImageFamily: give one, not both".to_owned(),
        ));
    }
    if let Some(image) = sent.image_id.filter(|i| !well_formed(i, "img")) {
        return Err(Bad::ImageId(format!(
            "ImageId: {image:?} is not an image id (img-…)"
        )));
    }
    if let Some(types) = sent.instance_types {
        if types.is_empty() || types.len() > sent.max_instance_types {
            return Err(Bad::LimitExceeded(format!(
                "InstanceTypes: {} given, give 1 to {}",
                types.len(),
                sent.max_instance_types
            )));
        }
        if let Some(bad) = types.iter().find(|t| !is_instance_type(t)) {
            return Err(Bad::InstanceType(format!(
                "{bad:?} is not an instance type (FAMILY.SIZE, e.g. S5.MEDIUM4)"
            )));
        }
    }
    if let Some(groups) = sent.security_group_ids {
        if groups.is_empty() {
            return Err(Bad::Value(
                "SecurityGroupIds: give at least one security group".to_owned(),
            ));
        }
        if let Some(bad) = groups.iter().find(|g| !well_formed(g, "sg")) {
            return Err(Bad::SecurityGroup(format!(
                "SecurityGroupIds: {bad:?} is not a security group id (sg-…)"
            )));
        }
    }
    if let Some(data) = sent.user_data {
        if !is_base64(data) {
            return Err(Bad::UserDataFormat(
                "UserData must be base64 text".to_owned(),
            ));
        }
        if data.len() > MAX_USER_DATA {
            return Err(Bad::UserDataSize(format!(
                "UserData: {} bytes, at most {MAX_USER_DATA}",
                data.len()
            )));
        }
    }
    for (what, n, max) in [
        ("DataDisks", sent.data_disks, MAX_DATA_DISKS),
        ("InstanceTags", sent.instance_tags, MAX_INSTANCE_TAGS),
    ] {
        if n > max {
            return Err(Bad::LimitExceeded(format!(
                "{what}: {n} given, at most {max}"
            )));
        }
    }
    if let Some(charge) = sent.charge_type.filter(|c| !CHARGE_TYPES.contains(c)) {
        return Err(Bad::Value(format!(
            "InstanceChargeType: {charge:?} is not one of {}",
            CHARGE_TYPES.join(", ")
        )));
    }
    if let Some(net) = sent.internet {
        if net.public_ip_assigned == Some(true) && net.internet_max_bandwidth_out == Some(0) {
            return Err(Bad::Combination(
                "InternetAccessible: a public IP needs a bandwidth above 0 Mbps".to_owned(),
            ));
        }
    }
    if let Some(interfaces) = sent.network_interfaces {
        if interfaces.is_empty() || interfaces.len() > MAX_INTERFACES {
            return Err(Bad::LimitExceeded(format!(
                "NetworkInterfaces: {} given, give 1 to {MAX_INTERFACES}",
                interfaces.len()
            )));
        }
        let primary = interfaces
            .iter()
            .filter(|i| {
                i.interface_type
                    .as_ref()
                    .is_some_and(|t| t.as_str() == "PRIMARY")
            })
            .count();
        if primary != 1 {
            return Err(Bad::Combination(format!(
                "NetworkInterfaces: {primary} PRIMARY interface(s); give exactly one"
            )));
        }
    }
    Ok(())
}

/// Launch configuration `id` (which exists) as the CreateLaunchConfiguration request that
/// would make it.
pub(crate) fn current(state: &State, id: &str) -> CreateLaunchConfigurationRequest {
    let Some(c) = state
        .scaling_configurations
        .iter()
        .find(|c| c.scaling_configuration_id == id)
    else {
        return CreateLaunchConfigurationRequest::new(String::new());
    };
    let (system, data, net, enhanced) = from_v2(c);
    let kept = state.v3.launch_configuration(id);
    let v3 = kept
        .cloned()
        .unwrap_or_else(|| LaunchConfigurationV3::new(id));
    let mut r = CreateLaunchConfigurationRequest::new(c.scaling_configuration_name.clone());
    r.image_id = c.image_id.clone();
    r.image_family = v3.image_family;
    r.project_id = c.project_id;
    let first = instance_type(state, id);
    r.instance_types = Some(if v3.instance_types.is_empty() {
        vec![first].into_iter().filter(|t| !t.is_empty()).collect()
    } else {
        v3.instance_types
    });
    r.system_disk = v3.system_disk.or(Some(system));
    r.data_disks = Some(if kept.is_some() { v3.data_disks } else { data });
    r.internet_accessible = v3.internet_accessible.or(Some(net));
    let mut login = LoginSettings::new();
    login.password = c.password.clone();
    login.key_ids = c.key_id.clone().map(|k| vec![k]);
    r.login_settings = Some(login);
    r.security_group_ids = c.sg_set.clone();
    r.enhanced_service = v3.enhanced_service.or(Some(enhanced));
    r.user_data = v3.user_data;
    r.instance_charge_type = v3
        .instance_charge_type
        .as_deref()
        .map(InstanceChargeType::from_wire);
    r.instance_market_options = v3.instance_market_options;
    r.cam_role_name = v3.cam_role_name;
    r.instance_types_check_policy = v3
        .instance_types_check_policy
        .as_deref()
        .map(CheckPolicy::from_wire);
    r.instance_tags = Some(v3.instance_tags);
    r.tags = Some(v3.tags);
    r.host_name_settings = v3.host_name_settings;
    r.instance_name_settings = v3.instance_name_settings;
    r.instance_charge_prepaid = v3.instance_charge_prepaid;
    r.disk_type_policy = v3
        .disk_type_policy
        .as_deref()
        .map(DiskTypePolicy::from_wire);
    r.hpc_cluster_id = v3.hpc_cluster_id;
    r.ipv6_internet_accessible = v3.ipv6_internet_accessible;
    r.disaster_recover_group_ids = Some(v3.disaster_recover_group_ids);
    r.dedicated_cluster_id = v3.dedicated_cluster_id;
    r.metadata = v3.metadata;
    r.network_interfaces = Some(v3.network_interfaces);
    r
}

/// Stores `request` (checked) as launch configuration `id`, replacing its records: its id,
/// creation time and the API 2.0 fields API 3.0 has no word for (`imageType`, `cvmType`,
/// `dataSnapshotId`, and cores and memory when no instance type names them) are kept, its
/// version goes up by one and `now` is its update time.
pub(crate) fn store(
    state: &mut State,
    id: &str,
    request: &CreateLaunchConfigurationRequest,
    now: u64,
) {
    let charge = request
        .instance_charge_type
        .as_ref()
        .map_or("POSTPAID_BY_HOUR", |c| c.as_str());
    let types = request.instance_types.clone().unwrap_or_default();
    let (mut v2, mut v3) = records(request, id, types, charge, now);
    let version = state
        .v3
        .launch_configuration(id)
        .and_then(|v| v.version_number)
        .unwrap_or(1);
    v3.version_number = Some(version.saturating_add(1));
    v3.updated_at = Some(now);
    if let Some(old) = state
        .scaling_configurations
        .iter_mut()
        .find(|c| c.scaling_configuration_id == id)
    {
        v2.create_time = old.create_time.take();
        v2.image_type = old.image_type.take();
        v2.cvm_type = old.cvm_type.take();
        v2.data_snapshot_id = old.data_snapshot_id.take();
        let named = v3.instance_types.first().and_then(|t| cpu_mem_of(t));
        if named.is_none() {
            v2.cpu = old.cpu;
            v2.mem = old.mem;
        }
        *old = v2;
    }
    state
        .v3
        .launch_configurations
        .retain(|c| c.scaling_configuration_id != id);
    state.v3.launch_configurations.push(v3);
}
