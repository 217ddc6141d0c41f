//! The parts of a launch configuration in API 3.0's shapes and in the domain's
//! ([`crate::domain::launch_configuration`]), both ways. A value of a closed set the domain
//! does not hold (a disk type the documentation does not list, say) is refused, naming the
//! field; everything else converts as it is.

use crate::domain::launch_configuration::{self as d, Word};
use qcloud_as::shape::EnumShape;
use qcloud_as::v3::types as w;

/// The domain's word for an API 3.0 enum value, or why not (naming the field, its path
/// given as `["SystemDisk", "DiskType"]`).
pub(crate) fn word<E: EnumShape, D: Word>(field: &[&str], value: &E) -> Result<D, String> {
    let name = value.index().ok().and_then(|i| E::NAMES.get(i));
    name.and_then(|n| D::named(n)).ok_or_else(|| {
        format!(
            "{}: {:?} is not one of {}",
            field.join("."),
            value.wire_str(),
            E::WIRE.join(", ")
        )
    })
}

/// [`word`] of an optional value.
pub(crate) fn opt_word<E: EnumShape, D: Word>(
    field: &[&str],
    value: &Option<E>,
) -> Result<Option<D>, String> {
    value.as_ref().map(|v| word(field, v)).transpose()
}

/// API 3.0's value of a domain word.
pub(crate) fn wire<E: EnumShape, D: Word>(value: D) -> E {
    let name = value.name();
    E::NAMES
        .iter()
        .position(|n| *n == name)
        .and_then(|i| E::VALUES.get(i))
        .cloned()
        .unwrap_or_else(|| E::from_wire(name))
}

/// [`wire`] of an optional word.
pub(crate) fn opt_wire<E: EnumShape, D: Word>(value: Option<D>) -> Option<E> {
    value.map(wire)
}

pub(crate) fn system_disk(v: &w::SystemDisk) -> Result<d::SystemDisk, String> {
    Ok(d::SystemDisk {
        disk_type: opt_word(&["SystemDisk", "DiskType"], &v.disk_type)?,
        disk_size: v.disk_size,
        encrypt: v.encrypt,
        kms_key_id: v.kms_key_id.clone(),
    })
}

pub(crate) fn system_disk_out(v: &d::SystemDisk) -> w::SystemDisk {
    let mut out = w::SystemDisk::default();
    out.disk_type = opt_wire(v.disk_type);
    out.disk_size = v.disk_size;
    out.encrypt = v.encrypt;
    out.kms_key_id = v.kms_key_id.clone();
    out
}

pub(crate) fn data_disks(v: &[w::DataDisk]) -> Result<Vec<d::DataDisk>, String> {
    v.iter()
        .map(|v| {
            Ok(d::DataDisk {
                disk_type: opt_word(&["DataDisks", "DiskType"], &v.disk_type)?,
                disk_size: v.disk_size,
                snapshot_id: v.snapshot_id.clone(),
                delete_with_instance: v.delete_with_instance,
                encrypt: v.encrypt,
                throughput_performance: v.throughput_performance,
                burst_performance: v.burst_performance,
                kms_key_id: v.kms_key_id.clone(),
            })
        })
        .collect()
}

pub(crate) fn data_disk_out(v: &d::DataDisk) -> w::DataDisk {
    let mut out = w::DataDisk::default();
    out.disk_type = opt_wire(v.disk_type);
    out.disk_size = v.disk_size;
    out.snapshot_id = v.snapshot_id.clone();
    out.delete_with_instance = v.delete_with_instance;
    out.encrypt = v.encrypt;
    out.throughput_performance = v.throughput_performance;
    out.burst_performance = v.burst_performance;
    out.kms_key_id = v.kms_key_id.clone();
    out
}

pub(crate) fn internet(v: &w::InternetAccessible) -> Result<d::Internet, String> {
    let field = &["InternetAccessible", "InternetChargeType"];
    Ok(d::Internet {
        charge_type: opt_word(field, &v.internet_charge_type)?.map(d::Charge::Known),
        max_bandwidth_out: v.internet_max_bandwidth_out,
        public_ip_assigned: v.public_ip_assigned,
        bandwidth_package_id: v.bandwidth_package_id.clone(),
        service_provider: opt_word(
            &["InternetAccessible", "InternetServiceProvider"],
            &v.internet_service_provider,
        )?,
        ipv4_address_type: v.ipv4_address_type.clone(),
        anti_ddos_package_id: v.anti_ddos_package_id.clone(),
        keep_eip: v.is_keep_eip,
    })
}

pub(crate) fn internet_out(v: &d::Internet) -> w::InternetAccessible {
    let mut out = w::InternetAccessible::default();
    out.internet_charge_type = v.charge_type.as_ref().map(|c| match c {
        d::Charge::Known(c) => wire(*c),
        // A value API 2.0 gave that API 3.0 does not list reads as charged by bandwidth.
        d::Charge::Other(_) => w::InternetChargeType::BandwidthPostpaidByHour,
    });
    out.internet_max_bandwidth_out = v.max_bandwidth_out;
    out.public_ip_assigned = v.public_ip_assigned;
    out.bandwidth_package_id = v.bandwidth_package_id.clone();
    out.internet_service_provider = opt_wire(v.service_provider);
    out.ipv4_address_type = v.ipv4_address_type.clone();
    out.anti_ddos_package_id = v.anti_ddos_package_id.clone();
    out.is_keep_eip = v.keep_eip;
    out
}

pub(crate) fn ipv6(v: &w::IPv6InternetAccessible) -> Result<d::Ipv6Internet, String> {
    Ok(d::Ipv6Internet {
        charge_type: opt_word(
            &["IPv6InternetAccessible", "InternetChargeType"],
            &v.internet_charge_type,
        )?,
        max_bandwidth_out: v.internet_max_bandwidth_out,
        bandwidth_package_id: v.bandwidth_package_id.clone(),
    })
}

pub(crate) fn ipv6_out(v: &d::Ipv6Internet) -> w::IPv6InternetAccessible {
    let mut out = w::IPv6InternetAccessible::default();
    out.internet_charge_type = opt_wire(v.charge_type);
    out.internet_max_bandwidth_out = v.max_bandwidth_out;
    out.bandwidth_package_id = v.bandwidth_package_id.clone();
    out
}

pub(crate) fn login(v: &w::LoginSettings) -> d::Login {
    d::Login {
        password: v.password.clone(),
        key_ids: v.key_ids.clone().unwrap_or_default(),
        keep_image_login: v.keep_image_login,
    }
}

pub(crate) fn agents(v: &w::EnhancedService) -> d::Agents {
    d::Agents {
        monitor: v.monitor_service.as_ref().and_then(|s| s.enabled),
        security: v.security_service.as_ref().and_then(|s| s.enabled),
        automation_tools: v.automation_tools_service.as_ref().and_then(|s| s.enabled),
    }
}

pub(crate) fn agents_out(v: &d::Agents) -> w::EnhancedService {
    let mut out = w::EnhancedService::default();
    out.monitor_service = v.monitor.map(|on| {
        let mut s = w::RunMonitorServiceEnabled::default();
        s.enabled = Some(on);
        s
    });
    out.security_service = v.security.map(|on| {
        let mut s = w::RunSecurityServiceEnabled::default();
        s.enabled = Some(on);
        s
    });
    out.automation_tools_service = v.automation_tools.map(|on| {
        let mut s = w::RunAutomationServiceEnabled::default();
        s.enabled = Some(on);
        s
    });
    out
}

pub(crate) fn instance_tags(v: &[w::InstanceTag]) -> Vec<d::KeyValue> {
    v.iter()
        .map(|t| d::KeyValue {
            key: t.key.clone(),
            value: t.value.clone(),
        })
        .collect()
}

pub(crate) fn instance_tags_out(v: &[d::KeyValue]) -> Vec<w::InstanceTag> {
    v.iter()
        .map(|t| w::InstanceTag::new(t.key.clone(), t.value.clone()))
        .collect()
}

pub(crate) fn tags(v: &[w::Tag]) -> Vec<d::Tag> {
    v.iter()
        .map(|t| d::Tag {
            key: t.key.clone(),
            value: t.value.clone(),
            resource_type: t.resource_type.clone(),
        })
        .collect()
}

pub(crate) fn tags_out(v: &[d::Tag]) -> Vec<w::Tag> {
    v.iter()
        .map(|t| {
            let mut out = w::Tag::new(t.key.clone(), t.value.clone());
            out.resource_type = t.resource_type.clone();
            out
        })
        .collect()
}

pub(crate) fn host_name(v: &w::HostNameSettings) -> Result<d::Naming, String> {
    Ok(d::Naming {
        name: v.host_name.clone(),
        style: opt_word(&["HostNameSettings", "HostNameStyle"], &v.host_name_style)?,
        suffix: v.host_name_suffix.clone(),
        delimiter: opt_word(
            &["HostNameSettings", "HostNameDelimiter"],
            &v.host_name_delimiter,
        )?,
    })
}

pub(crate) fn host_name_out(v: &d::Naming) -> w::HostNameSettings {
    let mut out = w::HostNameSettings::default();
    out.host_name = v.name.clone();
    out.host_name_style = opt_wire(v.style);
    out.host_name_suffix = v.suffix.clone();
    out.host_name_delimiter = opt_wire(v.delimiter);
    out
}

pub(crate) fn instance_name(v: &w::InstanceNameSettings) -> Result<d::Naming, String> {
    Ok(d::Naming {
        name: Some(v.instance_name.clone()),
        style: opt_word(
            &["InstanceNameSettings", "InstanceNameStyle"],
            &v.instance_name_style,
        )?,
        suffix: v.instance_name_suffix.clone(),
        delimiter: opt_word(
            &["InstanceNameSettings", "InstanceNameDelimiter"],
            &v.instance_name_delimiter,
        )?,
    })
}

pub(crate) fn instance_name_out(v: &d::Naming) -> w::InstanceNameSettings {
    let mut out = w::InstanceNameSettings::new(v.name.clone().unwrap_or_default());
    out.instance_name_style = opt_wire(v.style);
    out.instance_name_suffix = v.suffix.clone();
    out.instance_name_delimiter = opt_wire(v.delimiter);
    out
}

pub(crate) fn prepaid(v: &w::InstanceChargePrepaid) -> Result<d::Prepaid, String> {
    Ok(d::Prepaid {
        period: v.period,
        renew_flag: opt_word(&["InstanceChargePrepaid", "RenewFlag"], &v.renew_flag)?,
    })
}

pub(crate) fn prepaid_out(v: &d::Prepaid) -> w::InstanceChargePrepaid {
    let mut out = w::InstanceChargePrepaid::new(v.period);
    out.renew_flag = opt_wire(v.renew_flag);
    out
}

pub(crate) fn spot(v: &w::InstanceMarketOptionsRequest) -> Result<d::Spot, String> {
    Ok(d::Spot {
        max_price: v.spot_options.max_price.clone(),
        spot_instance_type: opt_word(
            &["InstanceMarketOptions", "SpotOptions", "SpotInstanceType"],
            &v.spot_options.spot_instance_type,
        )?,
        market_type: opt_word(&["InstanceMarketOptions", "MarketType"], &v.market_type)?,
    })
}

pub(crate) fn spot_out(v: &d::Spot) -> w::InstanceMarketOptionsRequest {
    let mut options = w::SpotMarketOptions::new(v.max_price.clone());
    options.spot_instance_type = opt_wire(v.spot_instance_type);
    let mut out = w::InstanceMarketOptionsRequest::new(options);
    out.market_type = opt_wire(v.market_type);
    out
}

pub(crate) fn metadata(v: &w::Metadata) -> Vec<d::KeyValue> {
    v.items
        .iter()
        .flatten()
        .map(|i| d::KeyValue {
            key: i.key.clone(),
            value: i.value.clone(),
        })
        .collect()
}

pub(crate) fn network_interfaces(
    v: &[w::NetworkInterface],
) -> Result<Vec<d::NetworkInterface>, String> {
    v.iter()
        .map(|i| {
            Ok(d::NetworkInterface {
                interface_type: opt_word(
                    &["NetworkInterfaces", "InterfaceType"],
                    &i.interface_type,
                )?,
                private_ipv4_address_count: i.private_ipv4_address_count,
                keep_eni: i.is_keep_eni,
            })
        })
        .collect()
}

pub(crate) fn network_interface_out(v: &d::NetworkInterface) -> w::NetworkInterface {
    let mut out = w::NetworkInterface::default();
    out.interface_type = opt_wire(v.interface_type);
    out.private_ipv4_address_count = v.private_ipv4_address_count;
    out.is_keep_eni = v.keep_eni;
    out
}
