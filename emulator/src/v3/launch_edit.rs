//! What CreateLaunchConfiguration, ModifyLaunchConfigurationAttributes,
//! ClearLaunchConfigurationAttributes and UpgradeLaunchConfiguration share: the checks of what
//! is sent ([`check`]), and the settings a request sends set on the domain's launch
//! configuration ([`settings!`](settings), [`more_settings!`](more_settings)), converted by
//! [`super::launch_wire`]. The launch configuration is one record for both protocols; a change
//! keeps its id, creation time and what only API 2.0 says of it (`imageType`, `cvmType`,
//! `dataSnapshotId`, and cores and memory when no instance type names them), and
//! [`crate::domain::launch::store_change`] counts its version.

use super::convert::{cpu_mem_of, is_instance_type};
use super::launch::{
    is_base64, CHARGE_TYPES, MAX_DATA_DISKS, MAX_INSTANCE_TAGS, MAX_NAME_BYTES, MAX_USER_DATA,
};
use super::query::well_formed;
use crate::domain::launch_configuration::LaunchConfiguration;
use qcloud_as::v3::types::{InternetAccessible, NetworkInterface};

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

/// Sets on `$lc` (a domain launch configuration) each setting `$r` sends that every one of
/// the four requests has, converted by [`super::launch_wire`]; in a function that answers
/// `Result<_, String>` (the message names the field of a value the domain does not hold).
macro_rules! settings {
    ($lc:ident, $r:expr) => {{
        use crate::v3::launch_wire as wire;
        let r = $r;
        if let Some(v) = &r.data_disks {
            $lc.data_disks = wire::data_disks(v)?;
        }
        if let Some(v) = &r.enhanced_service {
            $lc.enhanced_service = Some(wire::agents(v));
        }
        if let Some(v) = &r.instance_charge_type {
            $lc.instance_charge_type = wire::word(&["InstanceChargeType"], v)?;
        }
        if let Some(v) = &r.instance_market_options {
            $lc.instance_market_options = Some(wire::spot(v)?);
        }
        if let Some(v) = &r.instance_types_check_policy {
            $lc.instance_types_check_policy = Some(wire::word(&["InstanceTypesCheckPolicy"], v)?);
        }
        if let Some(v) = &r.internet_accessible {
            $lc.internet_accessible = Some(wire::internet(v)?);
        }
        if let Some(v) = &r.security_group_ids {
            $lc.security_group_ids.clone_from(v);
        }
        if let Some(v) = &r.system_disk {
            $lc.system_disk = wire::system_disk(v)?;
        }
        if let Some(v) = &r.user_data {
            $lc.user_data = Some(v.clone());
        }
        if let Some(v) = &r.instance_tags {
            $lc.instance_tags = wire::instance_tags(v);
        }
        if let Some(v) = &r.cam_role_name {
            $lc.cam_role_name = Some(v.clone());
        }
        if let Some(v) = &r.host_name_settings {
            $lc.host_name_settings = Some(wire::host_name(v)?);
        }
        if let Some(v) = &r.instance_name_settings {
            $lc.instance_name_settings = Some(wire::instance_name(v)?);
        }
        if let Some(v) = &r.instance_charge_prepaid {
            $lc.instance_charge_prepaid = Some(wire::prepaid(v)?);
        }
        if let Some(v) = &r.disk_type_policy {
            $lc.disk_type_policy = Some(wire::word(&["DiskTypePolicy"], v)?);
        }
        if let Some(v) = &r.ipv6_internet_accessible {
            $lc.ipv6_internet_accessible = Some(wire::ipv6(v)?);
        }
    }};
}
pub(crate) use settings;

/// [`settings!`](settings) for the settings only CreateLaunchConfiguration and
/// ModifyLaunchConfigurationAttributes send (UpgradeLaunchConfiguration has none of them).
macro_rules! more_settings {
    ($lc:ident, $r:expr) => {{
        use crate::v3::launch_wire as wire;
        let r = $r;
        if let Some(v) = &r.image_id {
            $lc.image_id = Some(v.clone());
        }
        if let Some(v) = &r.image_family {
            $lc.image_family = Some(v.clone());
        }
        if let Some(v) = &r.instance_types {
            $lc.instance_types.clone_from(v);
        }
        if let Some(v) = &r.hpc_cluster_id {
            $lc.hpc_cluster_id = Some(v.clone());
        }
        if let Some(v) = &r.disaster_recover_group_ids {
            $lc.disaster_recover_group_ids.clone_from(v);
        }
        if let Some(v) = &r.login_settings {
            $lc.login_settings = wire::login(v);
        }
        if let Some(v) = &r.dedicated_cluster_id {
            $lc.dedicated_cluster_id = Some(v.clone());
        }
        if let Some(v) = &r.metadata {
            $lc.metadata = wire::metadata(v);
        }
        if let Some(v) = &r.network_interfaces {
            $lc.network_interfaces = wire::network_interfaces(v)?;
        }
    }};
}
pub(crate) use more_settings;

/// Cores and memory as API 2.0 shows them: read from the first instance type when it is
/// named `FAMILY.SIZEmem`, else kept.
pub(crate) fn name_cores(lc: &mut LaunchConfiguration) {
    if let Some((cpu, mem)) = lc.instance_types.first().and_then(|t| cpu_mem_of(t)) {
        lc.cores = Some(cpu);
        lc.memory_gb = Some(mem);
    }
}
