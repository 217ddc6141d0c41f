//! The decisions on where API 2.0 and API 3.0 disagreed (the emulator README's table "API 2.0
//! and API 3.0: one domain, decisions"), each through both protocols: the same account, the
//! same rule, each protocol's own code.

mod common;

use common::v3::{code, start_v3};
use common::TestResult;
use qcloud_as::operation::create_scaling_configuration::CreateScalingConfigurationRequired;
use qcloud_as::operation::create_scaling_group::CreateScalingGroupRequired;
use qcloud_as::operation::detach_instance::KeepInstance;
use qcloud_as::types::{BandwidthType, ImageType, RemovePolicy, StorageType};
use qcloud_as::v3::operation::create_auto_scaling_group::CreateAutoScalingGroupRequired;
use qcloud_as::ErrorTable;
use qcloud_as_emulator::State;
use std::time::Duration;

/// The `codeDesc` of a failed API 2.0 call (or what else happened).
fn code_desc<T: std::fmt::Debug, E: ErrorTable + std::fmt::Debug>(
    result: Result<T, qcloud_as::Error<E>>,
) -> String {
    match result {
        Err(qcloud_as::Error::Service(e)) => e.meta().code_desc().to_owned(),
        other => format!("not a service error: {other:?}"),
    }
}

/// A state with one launch configuration and `groups` (YAML list items), `instances` (YAML
/// list items).
fn account(groups: &str, instances: &str) -> Result<State, Box<dyn std::error::Error>> {
    Ok(State::from_yaml_str(
        &format!(
            "credentials:\n  - {{secretId: AKIDEMULATOR, secretKey: emulator-demo-secret-key}}\n\
             scalingConfigurations:\n  - {{scalingConfigurationId: asc-test0001, \
             scalingConfigurationName: lc}}\n\
             instances:\n{instances}\nscalingGroups:\n{groups}\n"
        ),
        "decisions",
    )?)
}

/// A disabled group with MinSize 1 and its one in-service member.
fn disabled_group_at_min_size() -> Result<State, Box<dyn std::error::Error>> {
    account(
        "  - {scalingGroupId: asg-test0001, scalingGroupName: g, scalingConfigurationId: \
         asc-test0001, minSize: 1, maxSize: 3, status: inactive, instances: [{instanceId: \
         ins-test0001, creationType: Manual}]}",
        "  - {instanceId: ins-test0001, state: Running}",
    )
}

#[tokio::test]
async fn detaching_from_a_disabled_group_follows_each_documentation() -> TestResult {
    // API 2.0 documents "group active": refused, whatever MinSize says.
    let (emulator, v2, v3) = start_v3(disabled_group_at_min_size()?)?;
    let refused = v2
        .detach_instance("asg-test0001", ["ins-test0001"])
        .keep_instance(KeepInstance::Keep)
        .send()
        .await;
    assert_eq!(code_desc(refused), "OperationFailed");
    // API 3.0 documents that a DISABLED group skips the MinSize check: allowed, below it.
    v3.detach_instances("asg-test0001", ["ins-test0001"])
        .await?;
    let state = emulator.state();
    assert_eq!(
        state.group("asg-test0001").map(|g| g.instances.len()),
        Some(0)
    );
    Ok(())
}

/// An enabled group with MinSize 1: one member in service, one still being created (no
/// activity running: set by hand).
fn one_in_service_one_creating() -> Result<State, Box<dyn std::error::Error>> {
    account(
        "  - {scalingGroupId: asg-test0001, scalingGroupName: g, scalingConfigurationId: \
         asc-test0001, minSize: 1, maxSize: 3, instances: [{instanceId: ins-test0001, \
         creationType: Manual}, {instanceId: ins-test0002, creationType: Auto, \
         lifeCycleState: Creating}]}",
        "  - {instanceId: ins-test0001, state: Running}\n  - {instanceId: ins-test0002, state: \
         Pending}",
    )
}

#[tokio::test]
async fn min_size_counts_in_service_members_in_both_protocols() -> TestResult {
    let (emulator, v2, v3) = start_v3(one_in_service_one_creating()?)?;
    // Two members, but only one in service: taking it out would leave none in service.
    let v2_refused = v2
        .detach_instance("asg-test0001", ["ins-test0001"])
        .keep_instance(KeepInstance::Keep)
        .send()
        .await;
    assert_eq!(code_desc(v2_refused), "OperationFailed");
    let v3_refused = v3.detach_instances("asg-test0001", ["ins-test0001"]).await;
    assert_eq!(
        code(v3_refused),
        "ResourceInsufficient.InServiceInstanceBelowMinSize"
    );
    // A member not in service cannot leave either, in both.
    let v2_busy = v2
        .detach_instance("asg-test0001", ["ins-test0002"])
        .send()
        .await;
    assert_eq!(code_desc(v2_busy), "OperationFailed");
    let v3_busy = v3.detach_instances("asg-test0001", ["ins-test0002"]).await;
    assert_eq!(code(v3_busy), "ResourceUnavailable.InstanceInOperation");
    assert_eq!(
        emulator
            .state()
            .group("asg-test0001")
            .map(|g| g.instances.len()),
        Some(2)
    );
    Ok(())
}

/// An enabled and a disabled group, empty, and a stopped and a running instance.
fn attachable() -> Result<State, Box<dyn std::error::Error>> {
    account(
        "  - {scalingGroupId: asg-test0001, scalingGroupName: on, scalingConfigurationId: \
         asc-test0001, minSize: 0, maxSize: 3}\n  - {scalingGroupId: asg-test0002, \
         scalingGroupName: off, scalingConfigurationId: asc-test0001, minSize: 0, maxSize: 3, \
         status: inactive}",
        "  - {instanceId: ins-test0001, state: Stopped}\n  - {instanceId: ins-test0002, state: \
         Running}",
    )
}

#[tokio::test]
async fn attach_follows_each_documentation() -> TestResult {
    let (emulator, v2, v3) = start_v3(attachable()?)?;
    // API 2.0: "must be Running", "group must be active".
    let stopped = v2
        .attach_instance("asg-test0001", ["ins-test0001"])
        .send()
        .await;
    assert_eq!(code_desc(stopped), "OperationFailed");
    let disabled = v2
        .attach_instance("asg-test0002", ["ins-test0002"])
        .send()
        .await;
    assert_eq!(code_desc(disabled), "OperationFailed");
    // API 3.0: RUNNING or STOPPED, and no condition on the group's status.
    v3.attach_instances("asg-test0001", ["ins-test0001"])
        .await?;
    v3.attach_instances("asg-test0002", ["ins-test0002"])
        .await?;
    let state = emulator.state();
    assert_eq!(
        state.group("asg-test0001").map(|g| g.instances.len()),
        Some(1)
    );
    assert_eq!(
        state.group("asg-test0002").map(|g| g.instances.len()),
        Some(1)
    );
    Ok(())
}

#[tokio::test]
async fn deleting_a_group_follows_each_documentation() -> TestResult {
    // A group whose one member is still being created.
    let state = account(
        "  - {scalingGroupId: asg-test0001, scalingGroupName: g, scalingConfigurationId: \
         asc-test0001, minSize: 0, maxSize: 3, instances: [{instanceId: ins-test0001, \
         creationType: Auto, lifeCycleState: Creating}]}",
        "  - {instanceId: ins-test0001, state: Pending}",
    )?;
    let (emulator, v2, v3) = start_v3(state)?;
    // API 2.0: any instance keeps the group.
    let refused = v2.delete_scaling_group("asg-test0001").send().await;
    assert_eq!(code_desc(refused), "OperationFailed");
    // API 3.0: only IN_SERVICE ones do; the member stays in the account.
    v3.delete_auto_scaling_group("asg-test0001").await?;
    let state = emulator.state();
    assert!(state.group("asg-test0001").is_none());
    assert!(state.instance("ins-test0001").is_some());
    Ok(())
}

fn lc(name: &str) -> CreateScalingConfigurationRequired {
    CreateScalingConfigurationRequired {
        scaling_configuration_name: name.into(),
        image_id: "img-50mr2ow7".into(),
        cpu: 2,
        mem: 4,
        storage_type: StorageType::Cloud,
        storage_size: 20,
        bandwidth_type: BandwidthType::PayByTraffic,
        bandwidth: 10,
        image_type: ImageType::Public,
    }
}

#[tokio::test]
async fn launch_configuration_quotas_are_one_table_for_both_protocols() -> TestResult {
    let (emulator, v2, v3) = start_v3(State::demo())?;
    // 20 per project: the demo's one and 19 more in project 0.
    for n in 1..20 {
        v2.create_scaling_configuration(lc(&format!("p0-{n}")))
            .send()
            .await?;
    }
    let v2_project = v2.create_scaling_configuration(lc("p0-20")).send().await;
    assert_eq!(code_desc(v2_project), "QuotaExceeded.ScallingConfiguration");
    let v3_project = v3
        .create_launch_configuration("p0-20")
        .image_id("img-8toqc6s3")
        .instance_type("S5.MEDIUM4")
        .await;
    assert_eq!(
        code(v3_project),
        "LimitExceeded.LaunchConfigurationQuotaNotEnough"
    );
    // 50 per account: 20 in project 0, 20 in project 1, 10 in project 2.
    for n in 0..20 {
        v3.create_launch_configuration(format!("p1-{n}"))
            .image_id("img-8toqc6s3")
            .instance_type("S5.MEDIUM4")
            .project_id(1)
            .await?;
    }
    for n in 0..10 {
        v2.create_scaling_configuration(lc(&format!("p2-{n}")))
            .project_id(2)
            .send()
            .await?;
    }
    assert_eq!(emulator.state().launch_configurations.len(), 50);
    let v2_account = v2
        .create_scaling_configuration(lc("p3-0"))
        .project_id(3)
        .send()
        .await;
    assert_eq!(code_desc(v2_account), "QuotaExceeded.ScallingConfiguration");
    let v3_account = v3
        .create_launch_configuration("p3-0")
        .image_id("img-8toqc6s3")
        .instance_type("S5.MEDIUM4")
        .project_id(3)
        .await;
    assert_eq!(
        code(v3_account),
        "LimitExceeded.LaunchConfigurationQuotaNotEnough"
    );
    assert_eq!(emulator.state().launch_configurations.len(), 50);
    Ok(())
}

#[tokio::test]
async fn both_protocols_show_a_groups_load_balancers() -> TestResult {
    let (_emulator, v2, v3) = start_v3(State::demo())?;
    let id = v2
        .create_scaling_group(CreateScalingGroupRequired {
            scaling_configuration_id: "asc-demo0001".into(),
            scaling_group_name: "with-clb".into(),
            min_size: 0,
            max_size: 3,
            remove_policy: RemovePolicy::RemoveOldestInstance,
            vpc_id: "0".into(),
        })
        .load_balancer_ids(["lb-test0001"])
        .await?
        .scaling_group_id_set
        .remove(0);
    let v2_seen = v2
        .describe_scaling_group()
        .scaling_group_ids([id.clone()])
        .await?;
    let set = v2_seen.scaling_group_set[0]
        .load_balancer_id_set
        .clone()
        .unwrap_or_default();
    let ids: Vec<&str> = set.iter().map(|lb| lb.load_balancer_id.as_str()).collect();
    assert_eq!(ids, ["lb-test0001"]);
    let v3_seen = v3
        .describe_auto_scaling_groups()
        .auto_scaling_group_ids([id])
        .await?;
    assert_eq!(
        v3_seen.auto_scaling_group_set[0].load_balancer_id_set,
        ["lb-test0001"]
    );
    Ok(())
}

#[tokio::test]
async fn a_new_group_without_a_desired_capacity_is_kept_at_min_size() -> TestResult {
    let (emulator, v2, v3) = start_v3(State::demo())?;
    let by_v2 = v2
        .create_scaling_group(CreateScalingGroupRequired {
            scaling_configuration_id: "asc-demo0001".into(),
            scaling_group_name: "v2-min2".into(),
            min_size: 2,
            max_size: 4,
            remove_policy: RemovePolicy::RemoveOldestInstance,
            vpc_id: "0".into(),
        })
        .await?
        .scaling_group_id_set
        .remove(0);
    let by_v3 = v3
        .create_auto_scaling_group(CreateAutoScalingGroupRequired {
            auto_scaling_group_name: "v3-min2".into(),
            launch_configuration_id: "asc-demo0001".into(),
            max_size: 4,
            min_size: 2,
            vpc_id: "0".into(),
        })
        .zones(["ap-guangzhou-2"])
        .await?
        .auto_scaling_group_id;
    // The scale-out runs on the virtual clock: init, then the launches.
    emulator.advance(Duration::from_secs(600));
    let state = emulator.state();
    for id in [&by_v2, &by_v3] {
        let group = state.group(id);
        assert_eq!(group.and_then(|g| g.desired_capacity), Some(2), "{id}");
        assert_eq!(group.map(|g| g.instances.len()), Some(2), "{id}");
    }
    Ok(())
}
