//! Launch configurations as API 3.0 shows them: DescribeLaunchConfigurations, and the
//! `LaunchConfiguration` of a state's record (API 2.0's fields, with what API 3.0 kept beside
//! them).

use super::instance_view::instance_type;
use super::query::{self, count, tag_filter, well_formed, Problem};
use crate::state::{ScalingConfiguration, State};
use crate::util::{format_iso, iso_of_api_time};
use qcloud_as::types::{BandwidthType, OnOff, StorageType};
use qcloud_as::v3::operation::describe_launch_configurations::{
    DescribeLaunchConfigurationsError as Error, DescribeLaunchConfigurationsOutput as Output,
    DescribeLaunchConfigurationsOutputRequired, DescribeLaunchConfigurationsRequest as Request,
};
use qcloud_as::v3::types::{
    AutoScalingGroupAbstract, DataDisk, DiskType, DiskTypePolicy, EnhancedService,
    InstanceChargePrepaid, InstanceChargeType, InstanceNameSettings, InternetAccessible,
    InternetChargeType, LaunchConfiguration, LaunchConfigurationRequired,
    LaunchConfigurationStatus, LimitedLoginSettings, RunMonitorServiceEnabled,
    RunSecurityServiceEnabled, SystemDisk,
};
use qcloud_as::v3::CommonError;

/// The filters of DescribeLaunchConfigurations.
const FILTERS: &[&str] = &[
    "launch-configuration-id",
    "launch-configuration-name",
    "vague-launch-configuration-name",
    "tag-key",
    "tag-value",
    "tag:",
];

fn problem(p: Problem) -> Error {
    let message = p.message();
    match p {
        Problem::Conflict(_) => Error::invalid_parameter_conflict_undotted(message),
        Problem::TooManyIds(..) => Error::invalid_parameter_value_too_long(message),
        Problem::TooManyValues(..) => Error::limit_exceeded_filter_values_too_long(message),
        Problem::UnknownFilter(_) => Error::invalid_parameter_value_invalid_filter(message),
        Problem::LimitTooLarge(_)
        | Problem::Negative(..)
        | Problem::TooManyFilters(_)
        | Problem::NoValues(_) => CommonError::invalid_parameter_value(message).into(),
    }
}

/// DescribeLaunchConfigurations. Checks, in order: not both `LaunchConfigurationIds` and
/// `Filters` (`InvalidParameterConflict`); at most 100 ids (`InvalidParameterValue.TooLong`);
/// `Limit` at most 100, `Offset`/`Limit` not negative, at most 10 filters each with a value
/// (`InvalidParameterValue`); known filter names (`InvalidParameterValue.InvalidFilter`); at
/// most 5 values (`LimitExceeded.FilterValuesTooLong`); each id `asc-…`
/// (`InvalidParameterValue.InvalidLaunchConfigurationId`). Every launch configuration of the
/// state, made through either protocol, in the state's order.
pub(crate) fn describe(state: &State, request: &Request) -> Result<Output, Error> {
    let query = query::check(
        "LaunchConfigurationIds",
        request.launch_configuration_ids.as_deref(),
        request.filters.as_deref(),
        request.offset,
        request.limit,
        FILTERS,
    )
    .map_err(problem)?;
    if let Some(bad) = query
        .ids
        .into_iter()
        .flatten()
        .find(|id| !well_formed(id, "asc"))
    {
        return Err(
            Error::invalid_parameter_value_invalid_launch_configuration_id(format!(
                "{bad:?} is not a launch configuration id (asc-…)"
            )),
        );
    }
    let matches: Vec<&ScalingConfiguration> = state
        .scaling_configurations
        .iter()
        .filter(|c| {
            query.keeps(&c.scaling_configuration_id, |name, value| {
                let tags = state
                    .v3
                    .launch_configuration(&c.scaling_configuration_id)
                    .into_iter()
                    .flat_map(|v3| &v3.tags)
                    .map(|t| (t.key.as_str(), t.value.as_str()));
                match name {
                    "launch-configuration-id" => c.scaling_configuration_id == value,
                    "launch-configuration-name" => c.scaling_configuration_name == value,
                    "vague-launch-configuration-name" => {
                        c.scaling_configuration_name.contains(value)
                    }
                    _ => tag_filter(name, value, tags).unwrap_or(false),
                }
            })
        })
        .collect();
    let total_count = count(matches.len());
    let set = query
        .page
        .of(matches)
        .into_iter()
        .map(|c| configuration_out(state, c))
        .collect();
    Ok(Output::new(DescribeLaunchConfigurationsOutputRequired {
        total_count,
        launch_configuration_set: set,
        request_id: String::new(),
    }))
}

/// API 3.0's disk type of an API 2.0 storage type.
fn disk_type(storage: &StorageType) -> &'static str {
    match storage {
        StorageType::Local => "LOCAL_BASIC",
        StorageType::LocalSsd => "LOCAL_SSD",
        StorageType::CloudSsd => "CLOUD_SSD",
        _ => "CLOUD_BASIC",
    }
}

/// The parts of a launch configuration API 2.0 made, as API 3.0 shows them.
pub(crate) fn from_v2(
    c: &ScalingConfiguration,
) -> (
    SystemDisk,
    Vec<DataDisk>,
    InternetAccessible,
    EnhancedService,
) {
    let mut system = SystemDisk::new();
    system.disk_size = c.root_size;
    let data = match (&c.storage_type, c.storage_size) {
        (Some(kind), Some(size)) if size > 0 => {
            let mut disk = DataDisk::new();
            disk.disk_type = Some(DiskType::from_wire(disk_type(kind)));
            disk.disk_size = Some(size);
            vec![disk]
        }
        _ => Vec::new(),
    };
    let mut net = InternetAccessible::new();
    net.internet_max_bandwidth_out = Some(c.bandwidth.unwrap_or(0));
    net.internet_charge_type = c.bandwidth_type.as_ref().map(|b| match b {
        BandwidthType::PayByTraffic => InternetChargeType::TrafficPostpaidByHour,
        _ => InternetChargeType::BandwidthPostpaidByHour,
    });
    net.public_ip_assigned = c.wan_ip.as_ref().map(|w| *w == OnOff::On);
    let on = |flag: &Option<OnOff>| flag.as_ref().is_none_or(|f| *f == OnOff::On);
    let mut enhanced = EnhancedService::new();
    let mut monitor = RunMonitorServiceEnabled::new();
    monitor.enabled = Some(on(&c.need_monitor_agent));
    let mut security = RunSecurityServiceEnabled::new();
    security.enabled = Some(on(&c.need_security_agent));
    enhanced.monitor_service = Some(monitor);
    enhanced.security_service = Some(security);
    (system, data, net, enhanced)
}

/// A state's launch configuration as API 3.0 shows it.
pub(crate) fn configuration_out(state: &State, c: &ScalingConfiguration) -> LaunchConfiguration {
    let id = &c.scaling_configuration_id;
    let v3 = state.v3.launch_configuration(id);
    let (system, data, net, enhanced) = from_v2(c);
    let first = instance_type(state, id);
    let types = match v3 {
        Some(v3) if !v3.instance_types.is_empty() => v3.instance_types.clone(),
        _ if first.is_empty() => Vec::new(),
        _ => vec![first.clone()],
    };
    let created = c
        .create_time
        .as_deref()
        .map(iso_of_api_time)
        .unwrap_or_default();
    let groups = state
        .scaling_groups
        .iter()
        .filter(|g| g.scaling_configuration_id.as_ref() == Some(id))
        .map(|g| AutoScalingGroupAbstract::new(g.id.clone(), g.name.clone()))
        .collect();
    let text = |value: Option<&Option<String>>, default: &str| {
        value
            .and_then(Clone::clone)
            .unwrap_or_else(|| default.to_owned())
    };
    let mut out = LaunchConfiguration::new(LaunchConfigurationRequired {
        project_id: c.project_id.unwrap_or(0),
        launch_configuration_id: id.clone(),
        launch_configuration_name: c.scaling_configuration_name.clone(),
        instance_type: first,
        system_disk: v3.and_then(|v| v.system_disk.clone()).unwrap_or(system),
        data_disks: v3.map_or(data, |v| v.data_disks.clone()),
        login_settings: LimitedLoginSettings::new(c.key_id.clone()),
        internet_accessible: v3
            .and_then(|v| v.internet_accessible.clone())
            .unwrap_or(net),
        security_group_ids: c.sg_set.clone().unwrap_or_default(),
        auto_scaling_group_abstract_set: groups,
        created_time: created.clone().into(),
        enhanced_service: v3
            .and_then(|v| v.enhanced_service.clone())
            .unwrap_or(enhanced),
        image_id: c.image_id.clone().unwrap_or_default(),
        launch_configuration_status: LaunchConfigurationStatus::Normal,
        instance_charge_type: InstanceChargeType::from_wire(&text(
            v3.map(|v| &v.instance_charge_type),
            "POSTPAID_BY_HOUR",
        )),
        instance_types: types,
        instance_tags: v3.map(|v| v.instance_tags.clone()).unwrap_or_default(),
        tags: v3.map(|v| v.tags.clone()).unwrap_or_default(),
        version_number: v3.and_then(|v| v.version_number).unwrap_or(1),
        updated_time: v3
            .and_then(|v| v.updated_at)
            .map_or(created, format_iso)
            .into(),
        cam_role_name: text(v3.map(|v| &v.cam_role_name), ""),
        last_operation_instance_types_check_policy: text(
            v3.map(|v| &v.instance_types_check_policy),
            "ANY",
        ),
        host_name_settings: v3
            .and_then(|v| v.host_name_settings.clone())
            .unwrap_or_default(),
        instance_name_settings: v3
            .and_then(|v| v.instance_name_settings.clone())
            .unwrap_or_else(|| InstanceNameSettings::new(c.scaling_configuration_name.clone())),
        instance_charge_prepaid: v3
            .and_then(|v| v.instance_charge_prepaid.clone())
            .unwrap_or_else(|| InstanceChargePrepaid::new(0)),
        disk_type_policy: DiskTypePolicy::from_wire(&text(
            v3.map(|v| &v.disk_type_policy),
            "ORIGINAL",
        )),
        hpc_cluster_id: text(v3.map(|v| &v.hpc_cluster_id), ""),
        ipv6_internet_accessible: v3
            .and_then(|v| v.ipv6_internet_accessible.clone())
            .unwrap_or_default(),
        disaster_recover_group_ids: v3
            .map(|v| v.disaster_recover_group_ids.clone())
            .unwrap_or_default(),
        image_family: text(v3.map(|v| &v.image_family), ""),
    });
    out.user_data = v3.and_then(|v| v.user_data.clone());
    out.instance_market_options = v3.and_then(|v| v.instance_market_options.clone());
    out.dedicated_cluster_id = v3.and_then(|v| v.dedicated_cluster_id.clone());
    out.network_interfaces = v3
        .map(|v| v.network_interfaces.clone())
        .filter(|n| !n.is_empty());
    out
}
