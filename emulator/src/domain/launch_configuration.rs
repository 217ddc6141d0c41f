//! A launch configuration as the account stores it, whichever protocol made or changed it: the
//! union of what API 2.0 (CreateScalingConfiguration) and API 3.0 (CreateLaunchConfiguration,
//! ModifyLaunchConfigurationAttributes, ClearLaunchConfigurationAttributes,
//! UpgradeLaunchConfiguration) can say of one. Each protocol shows what its words can express
//! and keeps the rest: an API 2.0 call never loses what only API 3.0 can show.
//!
//! Times are Unix seconds of the virtual clock; a closed set of values is an enum whose
//! variants carry the names the two documentations give them (written camelCase in a state
//! file: `cloudSsd`).

pub use super::launch_parts::*;
use serde::{Deserialize, Serialize};

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

fn is_one(n: &i64) -> bool {
    *n == 1
}

fn one() -> i64 {
    1
}

/// A launch configuration (`launchConfigurations:` in a state file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LaunchConfiguration {
    /// Its id, `asc-…`.
    pub id: String,
    /// Its name, unique in the account.
    pub name: String,
    /// Its project.
    #[serde(default, skip_serializing_if = "is_default")]
    pub project: i64,
    /// When it was made (Unix seconds; none for one a state file gave without a time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<u64>,
    /// When it last changed (its creation time when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<u64>,
    /// Its version: 1 when made, one more on each change.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub version: i64,
    /// The image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_id: Option<String>,
    /// The image family, when given instead of an image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_family: Option<String>,
    /// The image's kind, as API 2.0 named it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_type: Option<ImageType>,
    /// Cores, as API 2.0 gave them or as the first instance type names them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cores: Option<i64>,
    /// Memory, GB, likewise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_gb: Option<i64>,
    /// The instance family, as API 2.0 named it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cvm_type: Option<CvmType>,
    /// The instance types, in order of preference (none for one API 2.0 made from cores and
    /// memory).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instance_types: Vec<String>,
    /// Which of them must be available when it changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_types_check_policy: Option<CheckPolicy>,
    /// How instances are paid for.
    #[serde(default = "postpaid", skip_serializing_if = "is_postpaid")]
    pub instance_charge_type: InstanceChargeType,
    /// The prepaid period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_charge_prepaid: Option<Prepaid>,
    /// The spot market settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_market_options: Option<Spot>,
    /// The system disk.
    #[serde(default, skip_serializing_if = "is_default")]
    pub system_disk: SystemDisk,
    /// The data disks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_disks: Vec<DataDisk>,
    /// The snapshot API 2.0's data disk is made from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_snapshot_id: Option<String>,
    /// Whether a sold-out disk type may be replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disk_type_policy: Option<DiskTypePolicy>,
    /// Public network access (none: not said).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internet_accessible: Option<Internet>,
    /// Public IPv6 access.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6_internet_accessible: Option<Ipv6Internet>,
    /// How to log in.
    #[serde(default, skip_serializing_if = "is_default")]
    pub login_settings: Login,
    /// The security groups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_group_ids: Vec<String>,
    /// The agents (none: not said, all on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enhanced_service: Option<Agents>,
    /// Base64 user data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_data: Option<String>,
    /// The CAM role of the instances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cam_role_name: Option<String>,
    /// Tags put on the instances.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instance_tags: Vec<KeyValue>,
    /// Tags of the launch configuration.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
    /// Host names of the instances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_name_settings: Option<Naming>,
    /// Names of the instances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_name_settings: Option<Naming>,
    /// The HPC cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hpc_cluster_id: Option<String>,
    /// The placement (disaster recovery) groups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disaster_recover_group_ids: Vec<String>,
    /// The dedicated cluster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dedicated_cluster_id: Option<String>,
    /// Custom metadata of the instances.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metadata: Vec<KeyValue>,
    /// The network interfaces.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub network_interfaces: Vec<NetworkInterface>,
}

fn postpaid() -> InstanceChargeType {
    InstanceChargeType::PostpaidByHour
}

fn is_postpaid(charge: &InstanceChargeType) -> bool {
    *charge == InstanceChargeType::PostpaidByHour
}

impl LaunchConfiguration {
    /// One with nothing but its id, name and project set.
    pub fn new(id: impl Into<String>, name: impl Into<String>, project: i64) -> Self {
        LaunchConfiguration {
            id: id.into(),
            name: name.into(),
            project,
            created_at: None,
            updated_at: None,
            version: 1,
            image_id: None,
            image_family: None,
            image_type: None,
            cores: None,
            memory_gb: None,
            cvm_type: None,
            instance_types: Vec::new(),
            instance_types_check_policy: None,
            instance_charge_type: InstanceChargeType::PostpaidByHour,
            instance_charge_prepaid: None,
            instance_market_options: None,
            system_disk: SystemDisk::default(),
            data_disks: Vec::new(),
            data_snapshot_id: None,
            disk_type_policy: None,
            internet_accessible: None,
            ipv6_internet_accessible: None,
            login_settings: Login::default(),
            security_group_ids: Vec::new(),
            enhanced_service: None,
            user_data: None,
            cam_role_name: None,
            instance_tags: Vec::new(),
            tags: Vec::new(),
            host_name_settings: None,
            instance_name_settings: None,
            hpc_cluster_id: None,
            disaster_recover_group_ids: Vec::new(),
            dedicated_cluster_id: None,
            metadata: Vec::new(),
            network_interfaces: Vec::new(),
        }
    }

    /// How many instance types it may launch (one for a configuration API 2.0 made from
    /// cores and memory).
    pub fn instance_type_count(&self) -> usize {
        self.instance_types.len().max(1)
    }
}
