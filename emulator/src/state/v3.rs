//! What the state keeps for API 3.0 beyond the API 2.0 records (`v3:` in a state file): the
//! parts of launch configurations API 2.0 has no field for. Both protocols read and change the
//! same records; these only add to them. (Format 3's `detachModes` are read here and folded
//! into the activities' kinds on load: `super::upgrade_activities`.)

use super::check::Problem;
use super::upgrade_activities::DetachModeEntry;
use super::State;
use qcloud_as::v3::types::{
    DataDisk, EnhancedService, HostNameSettings, IPv6InternetAccessible, InstanceChargePrepaid,
    InstanceMarketOptionsRequest, InstanceNameSettings, InstanceTag, InternetAccessible, Metadata,
    NetworkInterface, SystemDisk, Tag,
};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The `v3:` section of a state. Empty (and left out of `GET /_emulator/state`) until API 3.0
/// creates a launch configuration or an activity that needs it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApiV3 {
    /// Per launch configuration (of `scalingConfigurations`), what API 3.0 gave or shows
    /// beyond its API 2.0 fields.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub launch_configurations: Vec<LaunchConfigurationV3>,
    /// Format 3 only: per detach activity, whether it kept or terminated its instances. Read
    /// from a format-3 document and folded into the activities' kinds on load (an activity's
    /// kind says it since format 4); never written.
    #[serde(default, skip_serializing)]
    pub detach_modes: Vec<DetachModeEntry>,
}

impl ApiV3 {
    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        *self == ApiV3::default()
    }

    /// The API 3.0 part of a launch configuration, if it has one.
    pub fn launch_configuration(&self, id: &str) -> Option<&LaunchConfigurationV3> {
        self.launch_configurations
            .iter()
            .find(|c| c.scaling_configuration_id == id)
    }
}

/// What a launch configuration has in API 3.0 beyond its API 2.0 fields. Structured values
/// keep the SDK's API 3.0 shapes, with their wire names (`systemDisk: {DiskType: CLOUD_SSD,
/// DiskSize: 50}`).
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

impl LaunchConfigurationV3 {
    /// An entry for `id` with nothing set.
    pub fn new(id: impl Into<String>) -> Self {
        LaunchConfigurationV3 {
            scaling_configuration_id: id.into(),
            instance_types: Vec::new(),
            instance_types_check_policy: None,
            image_family: None,
            instance_charge_type: None,
            system_disk: None,
            data_disks: Vec::new(),
            internet_accessible: None,
            enhanced_service: None,
            user_data: None,
            cam_role_name: None,
            instance_tags: Vec::new(),
            tags: Vec::new(),
            host_name_settings: None,
            instance_name_settings: None,
            disk_type_policy: None,
            instance_charge_prepaid: None,
            instance_market_options: None,
            hpc_cluster_id: None,
            ipv6_internet_accessible: None,
            disaster_recover_group_ids: Vec::new(),
            dedicated_cluster_id: None,
            metadata: None,
            network_interfaces: Vec::new(),
            version_number: None,
            updated_at: None,
        }
    }
}

impl State {
    /// Every check of a state: API 2.0's records ([`State::check`]), then the `v3:` entries.
    pub(crate) fn check_all(&self) -> Result<(), Problem> {
        if !(1..=super::STATE_FORMAT_VERSION).contains(&self.version) {
            return Err(Problem::new(
                "version",
                format!(
                    "format {} is not one this emulator reads (1 or {}; a newer emulator may \
                     read it)",
                    self.version,
                    super::STATE_FORMAT_VERSION
                ),
            )
            .at("version", 1));
        }
        self.check()?;
        self.check_v3()?;
        self.check_lifecycle_actions()?;
        self.check_refreshes()
    }

    /// The `v3:` entries: launch configurations that exist, each at most once.
    fn check_v3(&self) -> Result<(), Problem> {
        let mut seen = HashSet::new();
        for (i, c) in self.v3.launch_configurations.iter().enumerate() {
            let id = c.scaling_configuration_id.as_str();
            let entry = format!("v3.launchConfigurations[{i}]");
            if !self
                .scaling_configurations
                .iter()
                .any(|s| s.scaling_configuration_id == id)
            {
                return Err(Problem::new(
                    entry,
                    format!("launch configuration {id} is not in scalingConfigurations"),
                ));
            }
            if !seen.insert(id) {
                return Err(Problem::new(entry, format!("{id} is given more than once")));
            }
        }
        Ok(())
    }

    /// Forgets the `v3:` entries of launch configurations that are gone.
    pub(crate) fn prune_v3(&mut self) {
        let configurations: HashSet<&str> = self
            .scaling_configurations
            .iter()
            .map(|c| c.scaling_configuration_id.as_str())
            .collect();
        self.v3
            .launch_configurations
            .retain(|c| configurations.contains(c.scaling_configuration_id.as_str()));
    }
}
