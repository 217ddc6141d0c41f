//! A launch configuration as API 2.0's record (`ScalingConfiguration`), both ways: what
//! CreateScalingConfiguration gives becomes the domain's
//! [`LaunchConfiguration`], and DescribeScalingConfiguration shows what API 2.0's fields can
//! say of one, whichever protocol made it. What API 2.0 has no field for stays in the record.

use crate::domain::launch_configuration::{
    Agents, Charge, DataDisk, DiskType, Internet, InternetChargeType, LaunchConfiguration,
};
use crate::util::{format_time, parse_time};
use crate::v3::launch_wire::{wire, word};
use qcloud_as::types::{BandwidthType, OnOff, ScalingConfiguration, StorageType};

fn on(field: &str, value: &OnOff) -> Result<bool, String> {
    match value {
        OnOff::On => Ok(true),
        OnOff::Off => Ok(false),
        other => Err(format!("{field}: {:?} is neither 0 nor 1", other.as_str())),
    }
}

fn on_off(on: bool) -> OnOff {
    if on {
        OnOff::On
    } else {
        OnOff::Off
    }
}

/// The domain's launch configuration of API 2.0's record `c` (its `createTime` in Beijing
/// time). A value the domain does not hold is refused, naming the field.
pub(crate) fn from_record(c: &ScalingConfiguration) -> Result<LaunchConfiguration, String> {
    let mut lc = LaunchConfiguration::new(
        c.scaling_configuration_id.clone(),
        c.scaling_configuration_name.clone(),
        c.project_id.unwrap_or(0),
    );
    if let Some(time) = &c.create_time {
        lc.created_at = Some(parse_time(time).ok_or_else(|| {
            format!("createTime: {time:?} is not a time (YYYY-MM-DD hh:mm:ss, Beijing time)")
        })?);
    }
    lc.cores = c.cpu;
    lc.memory_gb = c.mem;
    lc.image_id.clone_from(&c.image_id);
    lc.image_type = c
        .image_type
        .as_ref()
        .map(|t| word(&["imageType"], t))
        .transpose()?;
    lc.cvm_type = c
        .cvm_type
        .as_ref()
        .map(|t| word(&["cvmType"], t))
        .transpose()?;
    lc.system_disk.disk_size = c.root_size;
    if c.storage_type.is_some() || c.storage_size.is_some() {
        let disk_type = match &c.storage_type {
            None => None,
            Some(StorageType::Local) => Some(DiskType::LocalBasic),
            Some(StorageType::LocalSsd) => Some(DiskType::LocalSsd),
            Some(StorageType::Cloud) => Some(DiskType::CloudBasic),
            Some(StorageType::CloudSsd) => Some(DiskType::CloudSsd),
            Some(other) => {
                return Err(format!(
                    "storageType: {:?} is not 1, 2, 3 or 5",
                    other.as_str()
                ))
            }
        };
        lc.data_disks = vec![DataDisk {
            disk_type,
            disk_size: c.storage_size,
            ..DataDisk::default()
        }];
    }
    lc.data_snapshot_id.clone_from(&c.data_snapshot_id);
    if c.bandwidth_type.is_some() || c.bandwidth.is_some() || c.wan_ip.is_some() {
        lc.internet_accessible = Some(Internet {
            charge_type: c.bandwidth_type.as_ref().map(|b| match b {
                BandwidthType::PayByTraffic => {
                    Charge::Known(InternetChargeType::TrafficPostpaidByHour)
                }
                BandwidthType::PayByHour => {
                    Charge::Known(InternetChargeType::BandwidthPostpaidByHour)
                }
                other => Charge::Other(other.as_str().to_owned()),
            }),
            max_bandwidth_out: c.bandwidth,
            public_ip_assigned: c.wan_ip.as_ref().map(|w| on("wanIp", w)).transpose()?,
            ..Internet::default()
        });
    }
    lc.login_settings.password.clone_from(&c.password);
    lc.login_settings.key_ids = c.key_id.iter().cloned().collect();
    lc.security_group_ids = c.sg_set.clone().unwrap_or_default();
    if c.need_monitor_agent.is_some() || c.need_security_agent.is_some() {
        lc.enhanced_service = Some(Agents {
            monitor: c
                .need_monitor_agent
                .as_ref()
                .map(|a| on("needMonitorAgent", a))
                .transpose()?,
            security: c
                .need_security_agent
                .as_ref()
                .map(|a| on("needSecurityAgent", a))
                .transpose()?,
            automation_tools: None,
        });
    }
    Ok(lc)
}

/// API 2.0's storage type of a disk type (`LOCAL_*` local, `*_SSD` SSD; the other cloud disks
/// `Cloud`).
fn storage_type(disk_type: DiskType) -> StorageType {
    match disk_type {
        DiskType::LocalBasic => StorageType::Local,
        DiskType::LocalSsd => StorageType::LocalSsd,
        DiskType::CloudSsd | DiskType::CloudHssd | DiskType::CloudTssd => StorageType::CloudSsd,
        _ => StorageType::Cloud,
    }
}

/// Launch configuration `lc` as API 2.0's record shows it (the groups that use it not set):
/// cores and memory, the image, the system disk's size (`rootSize`), the first data disk,
/// bandwidth, the first key pair, security groups, the agents (on unless said otherwise).
pub(crate) fn to_record(lc: &LaunchConfiguration) -> ScalingConfiguration {
    let mut c = ScalingConfiguration::new(lc.id.clone(), lc.name.clone());
    c.project_id = Some(lc.project);
    c.create_time = lc.created_at.map(format_time);
    c.cpu = lc.cores;
    c.mem = lc.memory_gb;
    c.image_id.clone_from(&lc.image_id);
    c.image_type = lc.image_type.map(wire);
    c.cvm_type = lc.cvm_type.map(wire);
    c.root_size = lc.system_disk.disk_size;
    if let Some(disk) = lc.data_disks.first() {
        c.storage_type = disk.disk_type.map(storage_type);
        c.storage_size = disk.disk_size;
    }
    c.data_snapshot_id.clone_from(&lc.data_snapshot_id);
    if let Some(net) = &lc.internet_accessible {
        c.bandwidth = net.max_bandwidth_out;
        c.bandwidth_type = net.charge_type.as_ref().map(|charge| match charge {
            Charge::Known(InternetChargeType::TrafficPostpaidByHour) => BandwidthType::PayByTraffic,
            Charge::Known(_) => BandwidthType::PayByHour,
            Charge::Other(text) => BandwidthType::from_wire(text),
        });
        c.wan_ip = net.public_ip_assigned.map(on_off);
    }
    c.key_id = lc.login_settings.key_ids.first().cloned();
    c.password.clone_from(&lc.login_settings.password);
    c.sg_set = Some(lc.security_group_ids.clone()).filter(|s| !s.is_empty());
    let agents = lc.enhanced_service.clone().unwrap_or_default();
    c.need_monitor_agent = Some(on_off(agents.monitor.unwrap_or(true)));
    c.need_security_agent = Some(on_off(agents.security.unwrap_or(true)));
    c
}
