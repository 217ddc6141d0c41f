//! The instances of scaling groups as API 3.0 shows them: DescribeAutoScalingInstances, and the
//! `Instance` of a group's member.

use super::convert::{self, creation_type, health_status, zone_name};
use super::query::{self, count, describe_problem, well_formed};
use crate::state::{GroupInstance, ScalingGroup, State, Step};
use crate::util::format_iso;
use qcloud_as::v3::operation::describe_auto_scaling_instances::{
    DescribeAutoScalingInstancesError as Error, DescribeAutoScalingInstancesOutput as Output,
    DescribeAutoScalingInstancesOutputRequired, DescribeAutoScalingInstancesRequest as Request,
};
use qcloud_as::v3::types::{
    CreationType, HealthStatus, Instance, InstanceRequired, LifeCycleState, WarmupStatus,
};

/// The filters of DescribeAutoScalingInstances.
const FILTERS: &[&str] = &["instance-id", "auto-scaling-group-id", "private-ip-address"];

/// DescribeAutoScalingInstances. Checks, in order: not both `InstanceIds` and `Filters`
/// (`InvalidParameter.Conflict`); at most 100 ids and `Limit` at most 100
/// (`InvalidParameterValue.LimitExceeded`); `Offset`/`Limit` not negative
/// (`InvalidParameterValue`); the filters (as DescribeAutoScalingGroups); each id `ins-…`
/// (`InvalidParameterValue.InvalidInstanceId`). Lists the instances of every group, groups in
/// the state's order and each group's instances in its order; unknown ids match nothing, and
/// so does `private-ip-address` (the state holds no addresses).
pub(crate) fn describe(state: &State, request: &Request) -> Result<Output, Error> {
    let query = query::check(
        "InstanceIds",
        request.instance_ids.as_deref(),
        request.filters.as_deref(),
        request.offset,
        request.limit,
        FILTERS,
    )
    .map_err(describe_problem!(Error))?;
    if let Some(bad) = query
        .ids
        .into_iter()
        .flatten()
        .find(|id| !well_formed(id, "ins"))
    {
        return Err(Error::invalid_parameter_value_invalid_instance_id(format!(
            "{bad:?} is not an instance id (ins-…)"
        )));
    }
    let matches: Vec<(&ScalingGroup, &GroupInstance)> = state
        .scaling_groups
        .iter()
        .flat_map(|g| g.instances.iter().map(move |m| (g, m)))
        .filter(|(g, m)| {
            query.keeps(&m.instance_id, |name, value| match name {
                "instance-id" => m.instance_id == value,
                "auto-scaling-group-id" => g.id == value,
                _ => false,
            })
        })
        .collect();
    let total_count = count(matches.len());
    let set = query
        .page
        .of(matches)
        .into_iter()
        .map(|(g, m)| instance_out(state, g, m))
        .collect();
    Ok(Output::new(DescribeAutoScalingInstancesOutputRequired {
        auto_scaling_instance_set: set,
        total_count,
        request_id: String::new(),
    }))
}

/// The `LifeCycleState` of a member: `IN_LAUNCHING_HOOK` / `IN_TERMINATING_HOOK` while a
/// lifecycle hook holds it, `ENTERING_STANDBY`, `EXITING_STANDBY`, `STARTING` or `STOPPING`
/// while a member command's activity moves it, else its state's API 3.0 name
/// ([`convert::life_cycle_state`]).
fn life_cycle_state(state: &State, group: &ScalingGroup, member: &GroupInstance) -> String {
    let held = state
        .simulation
        .activities
        .iter()
        .filter(|run| run.scaling_group_id == group.id)
        .flat_map(|run| &run.instances)
        .find(|step| step.instance_id == member.instance_id)
        .map(|step| &step.step);
    match held {
        Some(Step::LaunchHook) => "IN_LAUNCHING_HOOK".to_owned(),
        Some(Step::RemoveHook) => "IN_TERMINATING_HOOK".to_owned(),
        // The member commands' steps: STARTING and STOPPING are the documentation's; it lists
        // no value for standby, so ENTERING_STANDBY and EXITING_STANDBY are the emulator's.
        Some(Step::EnteringStandby) => "ENTERING_STANDBY".to_owned(),
        Some(Step::ExitingStandby) => "EXITING_STANDBY".to_owned(),
        Some(Step::Starting) => "STARTING".to_owned(),
        Some(Step::Stopping) => "STOPPING".to_owned(),
        _ => convert::life_cycle_state(&member.state()).to_owned(),
    }
}

/// The instance type of launch configuration `id`: its first API 3.0 type, else one named
/// from its cores and memory.
pub(crate) fn instance_type(state: &State, id: &str) -> String {
    let Some(c) = state.launch_configuration(id) else {
        return String::new();
    };
    c.instance_types
        .first()
        .cloned()
        .or_else(|| convert::instance_type_of(c.cores, c.memory_gb))
        .unwrap_or_default()
}

/// A group's member as API 3.0 shows it. An instance AS launched names the launch
/// configuration it came from; a manually attached one names none. Its zone is the group's
/// first (the state keeps no zone per instance).
pub(crate) fn instance_out(
    state: &State,
    group: &ScalingGroup,
    member: &GroupInstance,
) -> Instance {
    let configuration_id = member.scaling_configuration_id.clone().unwrap_or_default();
    let configuration_name = state
        .launch_configuration(&configuration_id)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    Instance::new(InstanceRequired {
        instance_id: member.instance_id.clone(),
        auto_scaling_group_id: group.id.clone(),
        instance_type: instance_type(state, &configuration_id),
        launch_configuration_id: configuration_id,
        launch_configuration_name: configuration_name,
        life_cycle_state: LifeCycleState::from_wire(&life_cycle_state(state, group, member)),
        health_status: HealthStatus::from_wire(health_status(member.health)),
        protected_from_scale_in: member.protected_from_scale_in,
        zone: group
            .zone_ids
            .first()
            .map(|z| zone_name(z))
            .unwrap_or_default(),
        creation_type: CreationType::from_wire(creation_type(member.creation)),
        add_time: member.added_at.map(format_iso).unwrap_or_default().into(),
        version_number: 1,
        auto_scaling_group_name: group.name.clone(),
        warmup_status: WarmupStatus::NoNeedWarmup,
    })
}
