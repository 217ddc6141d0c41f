//! Launch configurations as formats 1 to 3 stored them: API 2.0's records
//! (`scalingConfigurations`, [`ScalingConfiguration`]) and, beside them, what API 3.0 gave
//! beyond API 2.0's fields (`v3.launchConfigurations`, [`LaunchConfigurationV3`]). On load
//! they are joined by id into the domain's launch configurations
//! ([`State::upgrade_launch_configurations`]); format 4 stores those.

use crate::actions::configuration_record::{from_record, to_record};
use crate::domain::launch_configuration::{LaunchConfiguration, Word};
use crate::state::{Problem, State};
use crate::v3::launch_wire as wire;
use qcloud_as::v3::types::{
    CheckPolicy, DataDisk, DiskTypePolicy, EnhancedService, HostNameSettings,
    IPv6InternetAccessible, InstanceChargePrepaid, InstanceChargeType,
    InstanceMarketOptionsRequest, InstanceNameSettings, InstanceTag, InternetAccessible, Metadata,
    NetworkInterface, SystemDisk, Tag,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// An entry of `scalingConfigurations` (formats 1 to 3): API 2.0's record.
pub(crate) type ScalingConfiguration = qcloud_as::types::ScalingConfiguration;

/// An entry of `v3.launchConfigurations` (formats 1 to 3): what a launch configuration had
/// in API 3.0 beyond its API 2.0 fields. Structured values are API 3.0's shapes, with their
/// wire names (`systemDisk: {DiskType: CLOUD_SSD, DiskSize: 50}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LaunchConfigurationV3 {
    /// The launch configuration, which must be in `scalingConfigurations`.
    pub scaling_configuration_id: String,
    /// Its instance types, in order of preference (`InstanceType` is the first).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instance_types: Vec<String>,
    /// `ANY` | `ALL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_types_check_policy: Option<String>,
    /// The image family, when it was given instead of an image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_family: Option<String>,
    /// `POSTPAID_BY_HOUR` (default) | `SPOTPAID` | `PREPAID` | `CDCPAID`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_charge_type: Option<String>,
    /// The system disk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_disk: Option<SystemDisk>,
    /// The data disks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_disks: Vec<DataDisk>,
    /// Public network access.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internet_accessible: Option<InternetAccessible>,
    /// Monitoring and security agents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enhanced_service: Option<EnhancedService>,
    /// Base64 user data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_data: Option<String>,
    /// The CAM role of the instances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cam_role_name: Option<String>,
    /// Tags put on the instances.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instance_tags: Vec<InstanceTag>,
    /// Tags of the launch configuration.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
    /// Host names of the instances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_name_settings: Option<HostNameSettings>,
    /// Names of the instances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_name_settings: Option<InstanceNameSettings>,
    /// `ORIGINAL` | `AUTOMATIC`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disk_type_policy: Option<String>,
    /// The prepaid period, for `PREPAID`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_charge_prepaid: Option<InstanceChargePrepaid>,
    // Launch configurations, groups and load balancers:
    /// The spot market settings, for `SPOTPAID`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_market_options: Option<InstanceMarketOptionsRequest>,
    /// The HPC cluster of the instances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hpc_cluster_id: Option<String>,
    /// Public IPv6 access.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6_internet_accessible: Option<IPv6InternetAccessible>,
    /// The placement (disaster recovery) groups of the instances.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disaster_recover_group_ids: Vec<String>,
    /// The dedicated cluster of the instances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dedicated_cluster_id: Option<String>,
    /// Custom metadata of the instances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// The network interfaces of the instances.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub network_interfaces: Vec<NetworkInterface>,
    /// Its version: 1 when created, one more on each change (ModifyLaunchConfigurationAttributes,
    /// ClearLaunchConfigurationAttributes, UpgradeLaunchConfiguration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_number: Option<i64>,
    /// When it last changed, in Unix seconds of the virtual clock (its creation time when
    /// absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<u64>,
}

/// The domain's word of a value format 3 kept as API 3.0's wire text (`ANY`, `PREPAID`, …).
fn text_word<E: qcloud_as::shape::EnumShape, D: Word>(
    field: &[&str],
    text: &Option<String>,
) -> Result<Option<D>, String> {
    text.as_deref()
        .map(|t| wire::word(field, &E::from_wire(t)))
        .transpose()
}

/// Sets on `lc` (read from API 2.0's record) what entry `e` kept beside it. Where both say
/// the same thing (the disks, public network, agents), API 3.0's entry is what API 3.0
/// showed, and it is taken.
fn join(lc: &mut LaunchConfiguration, e: &LaunchConfigurationV3) -> Result<(), String> {
    lc.instance_types.clone_from(&e.instance_types);
    lc.instance_types_check_policy = text_word::<CheckPolicy, _>(
        &["instanceTypesCheckPolicy"],
        &e.instance_types_check_policy,
    )?;
    lc.image_family.clone_from(&e.image_family);
    if let Some(charge) =
        text_word::<InstanceChargeType, _>(&["instanceChargeType"], &e.instance_charge_type)?
    {
        lc.instance_charge_type = charge;
    }
    if let Some(disk) = &e.system_disk {
        lc.system_disk = wire::system_disk(disk)?;
    }
    lc.data_disks = wire::data_disks(&e.data_disks)?;
    if let Some(net) = &e.internet_accessible {
        lc.internet_accessible = Some(wire::internet(net)?);
    }
    if let Some(agents) = &e.enhanced_service {
        lc.enhanced_service = Some(wire::agents(agents));
    }
    lc.user_data.clone_from(&e.user_data);
    lc.cam_role_name.clone_from(&e.cam_role_name);
    lc.instance_tags = wire::instance_tags(&e.instance_tags);
    lc.tags = wire::tags(&e.tags);
    lc.host_name_settings = e
        .host_name_settings
        .as_ref()
        .map(wire::host_name)
        .transpose()?;
    lc.instance_name_settings = e
        .instance_name_settings
        .as_ref()
        .map(wire::instance_name)
        .transpose()?;
    lc.disk_type_policy = text_word::<DiskTypePolicy, _>(&["diskTypePolicy"], &e.disk_type_policy)?;
    lc.instance_charge_prepaid = e
        .instance_charge_prepaid
        .as_ref()
        .map(wire::prepaid)
        .transpose()?;
    lc.instance_market_options = e
        .instance_market_options
        .as_ref()
        .map(wire::spot)
        .transpose()?;
    lc.hpc_cluster_id.clone_from(&e.hpc_cluster_id);
    lc.ipv6_internet_accessible = e
        .ipv6_internet_accessible
        .as_ref()
        .map(wire::ipv6)
        .transpose()?;
    lc.disaster_recover_group_ids
        .clone_from(&e.disaster_recover_group_ids);
    lc.dedicated_cluster_id.clone_from(&e.dedicated_cluster_id);
    lc.metadata = e.metadata.as_ref().map(wire::metadata).unwrap_or_default();
    lc.network_interfaces = wire::network_interfaces(&e.network_interfaces)?;
    lc.version = e.version_number.unwrap_or(1);
    lc.updated_at = e.updated_at;
    Ok(())
}

/// Whether API 2.0's record `c` says what the joined `lc` says where both have a field: the
/// system disk's size, the first data disk, the public network and the agents. A field the
/// record leaves out agrees with anything.
fn agree(c: &ScalingConfiguration, lc: &LaunchConfiguration) -> Result<(), String> {
    let joined = to_record(lc);
    type Show = fn(&ScalingConfiguration) -> String;
    let fields: [(&str, Show); 8] = [
        ("rootSize", |r| shown(&r.root_size)),
        ("storageType", |r| shown(&r.storage_type)),
        ("storageSize", |r| shown(&r.storage_size)),
        ("bandwidthType", |r| shown(&r.bandwidth_type)),
        ("bandwidth", |r| shown(&r.bandwidth)),
        ("wanIp", |r| shown(&r.wan_ip)),
        ("needMonitorAgent", |r| shown(&r.need_monitor_agent)),
        ("needSecurityAgent", |r| shown(&r.need_security_agent)),
    ];
    for (field, show) in fields {
        let (given, derived) = (show(c), show(&joined));
        if given != NOTHING && given != derived {
            return Err(format!(
                "scalingConfigurations gives {field} {given} where this entry says {derived}: \
                 the two records of launch configuration {} disagree",
                lc.id
            ));
        }
    }
    Ok(())
}

/// What [`shown`] says of a field left out.
const NOTHING: &str = "nothing";

/// An optional value as its wire text, [`NOTHING`] when absent.
fn shown<E: std::fmt::Display>(value: &Option<E>) -> String {
    value
        .as_ref()
        .map_or_else(|| NOTHING.to_owned(), ToString::to_string)
}

impl State {
    /// Joins, by id, the launch configurations a format 1 to 3 document stored
    /// (`scalingConfigurations`, `v3.launchConfigurations`) into the domain's
    /// (`launchConfigurations`). Refused, naming the entry: a format-4 document with the old
    /// keys, or an older one with the new; an id given twice; an entry of
    /// `v3.launchConfigurations` whose launch configuration is not in
    /// `scalingConfigurations`; a value the domain does not hold; two records that disagree.
    pub(crate) fn upgrade_launch_configurations(&mut self) -> Result<(), Problem> {
        let old = std::mem::take(&mut self.format3_configurations);
        let extra = std::mem::take(&mut self.v3.launch_configurations);
        if self.version >= 4 {
            let key = match (old.is_empty(), extra.is_empty()) {
                (false, _) => "scalingConfigurations",
                (_, false) => "v3.launchConfigurations",
                _ => return Ok(()),
            };
            return Err(Problem::new(
                key,
                "format 4 stores launch configurations as launchConfigurations (the domain's: \
                 id, name, createdAt in Unix seconds, …); this key is how formats 1 to 3 stored \
                 them: write version: 3 to load it as such",
            ));
        }
        if !self.launch_configurations.is_empty() {
            return Err(Problem::new(
                "launchConfigurations",
                format!(
                    "format {} has no launchConfigurations (format 4 added them): write \
                     version: 4",
                    self.version
                ),
            ));
        }
        let mut index: HashMap<&str, usize> = HashMap::with_capacity(old.len());
        for (i, c) in old.iter().enumerate() {
            let id = c.scaling_configuration_id.as_str();
            if index.insert(id, i).is_some() {
                return Err(Problem::new(
                    format!("scalingConfigurations[{i}]"),
                    format!("launch configuration {id} is given more than once"),
                )
                .at(id, 2));
            }
        }
        let mut beside: Vec<Option<usize>> = vec![None; old.len()];
        for (j, e) in extra.iter().enumerate() {
            let id = e.scaling_configuration_id.as_str();
            let entry = format!("v3.launchConfigurations[{j}]");
            let Some(slot) = index.get(id).and_then(|&i| beside.get_mut(i)) else {
                return Err(Problem::new(
                    entry,
                    format!("launch configuration {id} is not in scalingConfigurations"),
                ));
            };
            if slot.is_some() {
                return Err(Problem::new(entry, format!("{id} is given more than once")));
            }
            *slot = Some(j);
        }
        let mut joined = Vec::with_capacity(old.len());
        for (i, (c, j)) in old.iter().zip(beside).enumerate() {
            let id = c.scaling_configuration_id.as_str();
            let mut lc = from_record(c)
                .map_err(|m| Problem::new(format!("scalingConfigurations[{i}]"), m).at(id, 1))?;
            if let Some((j, e)) = j.and_then(|j| extra.get(j).map(|e| (j, e))) {
                let entry = format!("v3.launchConfigurations[{j}]");
                join(&mut lc, e).map_err(|m| Problem::new(&entry, m))?;
                agree(c, &lc).map_err(|m| Problem::new(&entry, m))?;
            }
            joined.push(lc);
        }
        self.launch_configurations = joined;
        Ok(())
    }
}
