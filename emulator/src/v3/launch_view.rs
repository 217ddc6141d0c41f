//! Launch configurations as API 3.0 shows them: DescribeLaunchConfigurations, and the
//! `LaunchConfiguration` of the domain's record, whichever protocol made it.

use super::instance_view::instance_type;
use super::launch_wire as wire;
use super::query::{self, count, tag_filter, well_formed, Problem};
use crate::domain::launch_configuration::{Agents, LaunchConfiguration as Stored};
use crate::state::State;
use crate::util::format_iso;
use qcloud_as::v3::operation::describe_launch_configurations::{
    DescribeLaunchConfigurationsError as Error, DescribeLaunchConfigurationsOutput as Output,
    DescribeLaunchConfigurationsOutputRequired, DescribeLaunchConfigurationsRequest as Request,
};
use qcloud_as::v3::types::{
    AutoScalingGroupAbstract, CheckPolicy, DiskTypePolicy, InstanceChargePrepaid,
    InstanceNameSettings, InternetAccessible, LaunchConfiguration, LaunchConfigurationRequired,
    LaunchConfigurationStatus, LimitedLoginSettings,
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
    let matches: Vec<&Stored> = state
        .launch_configurations
        .iter()
        .filter(|c| {
            query.keeps(&c.id, |name, value| {
                let tags = c.tags.iter().map(|t| (t.key.as_str(), t.value.as_str()));
                match name {
                    "launch-configuration-id" => c.id == value,
                    "launch-configuration-name" => c.name == value,
                    "vague-launch-configuration-name" => c.name.contains(value),
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

/// A state's launch configuration as API 3.0 shows it: what it was not given, API 3.0's
/// defaults (no public bandwidth, both agents on, `POSTPAID_BY_HOUR`, version 1, …). A data
/// disk of 0 GB (what API 2.0's `storageSize: 0` says) is no disk.
pub(crate) fn configuration_out(state: &State, c: &Stored) -> LaunchConfiguration {
    let id = &c.id;
    let first = instance_type(state, id);
    let types = if !c.instance_types.is_empty() {
        c.instance_types.clone()
    } else if first.is_empty() {
        Vec::new()
    } else {
        vec![first.clone()]
    };
    let created = c.created_at.map(format_iso).unwrap_or_default();
    let groups = state
        .scaling_groups
        .iter()
        .filter(|g| g.scaling_configuration_id.as_ref() == Some(id))
        .map(|g| AutoScalingGroupAbstract::new(g.id.clone(), g.name.clone()))
        .collect();
    let mut no_internet = InternetAccessible::default();
    no_internet.internet_max_bandwidth_out = Some(0);
    // Not said: both agents on.
    let agents = c.enhanced_service.clone().unwrap_or(Agents {
        monitor: Some(true),
        security: Some(true),
        automation_tools: None,
    });
    let mut out = LaunchConfiguration::new(LaunchConfigurationRequired {
        project_id: c.project,
        launch_configuration_id: id.clone(),
        launch_configuration_name: c.name.clone(),
        instance_type: first,
        system_disk: wire::system_disk_out(&c.system_disk),
        data_disks: c
            .data_disks
            .iter()
            .filter(|d| d.disk_size != Some(0))
            .map(wire::data_disk_out)
            .collect(),
        login_settings: LimitedLoginSettings::new(c.login_settings.key_ids.clone()),
        internet_accessible: c
            .internet_accessible
            .as_ref()
            .map_or(no_internet, wire::internet_out),
        security_group_ids: c.security_group_ids.clone(),
        auto_scaling_group_abstract_set: groups,
        created_time: created.clone().into(),
        enhanced_service: wire::agents_out(&agents),
        image_id: c.image_id.clone().unwrap_or_default(),
        launch_configuration_status: LaunchConfigurationStatus::Normal,
        instance_charge_type: wire::wire(c.instance_charge_type),
        instance_types: types,
        instance_tags: wire::instance_tags_out(&c.instance_tags),
        tags: wire::tags_out(&c.tags),
        version_number: c.version,
        updated_time: c.updated_at.map_or(created, format_iso).into(),
        cam_role_name: c.cam_role_name.clone().unwrap_or_default(),
        last_operation_instance_types_check_policy: c
            .instance_types_check_policy
            .map_or(CheckPolicy::Any, wire::wire)
            .as_str()
            .to_owned(),
        host_name_settings: c
            .host_name_settings
            .as_ref()
            .map(wire::host_name_out)
            .unwrap_or_default(),
        instance_name_settings: c.instance_name_settings.as_ref().map_or_else(
            || InstanceNameSettings::new(c.name.clone()),
            wire::instance_name_out,
        ),
        instance_charge_prepaid: c
            .instance_charge_prepaid
            .as_ref()
            .map_or_else(|| InstanceChargePrepaid::new(0), wire::prepaid_out),
        disk_type_policy: c
            .disk_type_policy
            .map_or(DiskTypePolicy::Original, wire::wire),
        hpc_cluster_id: c.hpc_cluster_id.clone().unwrap_or_default(),
        ipv6_internet_accessible: c
            .ipv6_internet_accessible
            .as_ref()
            .map(wire::ipv6_out)
            .unwrap_or_default(),
        disaster_recover_group_ids: c.disaster_recover_group_ids.clone(),
        image_family: c.image_family.clone().unwrap_or_default(),
    });
    out.user_data.clone_from(&c.user_data);
    out.instance_market_options = c.instance_market_options.as_ref().map(wire::spot_out);
    out.dedicated_cluster_id.clone_from(&c.dedicated_cluster_id);
    out.network_interfaces = Some(
        c.network_interfaces
            .iter()
            .map(wire::network_interface_out)
            .collect::<Vec<_>>(),
    )
    .filter(|n| !n.is_empty());
    out
}
