//! API 3.0 through the SDK's `qcloud_as::v3::Client` over HTTP (real TC3 signatures on both
//! sides): creating and describing launch configurations and groups, instances and their rules.

mod common;

use common::v3::*;
use qcloud_as::v3::operation::create_auto_scaling_group::CreateAutoScalingGroupRequired;
use qcloud_as::v3::operation::set_instances_protection::SetInstancesProtectionRequired;
use qcloud_as::v3::types::{DiskType, Filter, SystemDisk, TerminationPolicy};
use qcloud_as_emulator::State;
use std::time::Duration;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const WEB: &str = "asg-demo0001";
const BATCH: &str = "asg-demo0002";

fn group(name: &str, lc: &str, min: i64, max: i64) -> CreateAutoScalingGroupRequired {
    CreateAutoScalingGroupRequired {
        auto_scaling_group_name: name.into(),
        launch_configuration_id: lc.into(),
        max_size: max,
        min_size: min,
        vpc_id: "vpc-test0001".into(),
    }
}

fn by_group(id: &str) -> Vec<Filter> {
    vec![Filter::new("auto-scaling-group-id", [id])]
}

#[tokio::test]
async fn create_and_describe_launch_configuration_and_group() -> TestResult {
    let (emulator, _, client) = start_v3(State::demo())?;
    let mut disk = SystemDisk::new();
    disk.disk_type = Some(DiskType::CloudSsd);
    disk.disk_size = Some(50);
    let lc = client
        .create_launch_configuration("api3-lc")
        .image_id("img-8toqc6s3")
        .instance_type("S5.MEDIUM4")
        .system_disk(disk)
        .security_group_ids(["sg-test0001"])
        .await?;
    assert!(lc.launch_configuration_id.starts_with("asc-"));
    assert!(!lc.request_id.is_empty());

    let described = client
        .describe_launch_configurations()
        .launch_configuration_ids([lc.launch_configuration_id.clone()])
        .await?;
    assert_eq!(described.total_count, 1);
    let c = &described.launch_configuration_set[0];
    assert_eq!(c.launch_configuration_name, "api3-lc");
    assert_eq!(c.instance_type, "S5.MEDIUM4");
    assert_eq!(c.image_id, "img-8toqc6s3");
    assert_eq!(c.system_disk.disk_size, Some(50));
    assert_eq!(c.security_group_ids, ["sg-test0001"]);
    assert!(
        c.created_time.as_str().ends_with('Z') && c.created_time.unix_seconds().is_some(),
        "{}",
        c.created_time
    );

    let created = client
        .create_auto_scaling_group(group("api3-group", &lc.launch_configuration_id, 1, 4))
        .desired_capacity(2)
        .subnet_ids(["subnet-test0001"])
        .zones(["ap-guangzhou-3"])
        .termination_policies([TerminationPolicy::NewestInstance])
        .await?;
    let id = created.auto_scaling_group_id;
    let groups = client
        .describe_auto_scaling_groups()
        .auto_scaling_group_ids([id.clone()])
        .await?;
    assert_eq!(groups.total_count, 1);
    let g = &groups.auto_scaling_group_set[0];
    assert_eq!(g.auto_scaling_group_name, "api3-group");
    assert_eq!((g.min_size, g.max_size, g.desired_capacity), (1, 4, 2));
    assert_eq!(g.enabled_status.as_str(), "ENABLED");
    assert_eq!(g.launch_configuration_name, "api3-lc");
    assert_eq!(g.zone_set, ["ap-guangzhou-3"]);
    assert_eq!(
        g.termination_policy_set,
        [TerminationPolicy::NewestInstance]
    );
    assert_eq!(g.vpc_id, "vpc-test0001");
    assert_eq!(g.default_cooldown, 300);
    // The simulation starts launching the desired capacity at once.
    assert_eq!(g.in_activity_status.as_str(), "IN_ACTIVITY");
    assert!(g.created_time.as_str().ends_with('Z') && g.created_time.unix_seconds().is_some());

    emulator.advance(Duration::from_secs(60));
    let instances = client
        .describe_auto_scaling_instances()
        .filters(by_group(&id))
        .await?;
    assert_eq!(instances.total_count, 2);
    for i in &instances.auto_scaling_instance_set {
        assert_eq!(i.life_cycle_state.as_str(), "IN_SERVICE");
        assert_eq!(i.creation_type.as_str(), "AUTO_CREATION");
        assert_eq!(i.health_status.as_str(), "HEALTHY");
        assert_eq!(i.instance_type, "S5.MEDIUM4");
        assert_eq!(i.zone, "ap-guangzhou-3");
        assert_eq!(i.launch_configuration_id, lc.launch_configuration_id);
    }
    let activities = client
        .describe_auto_scaling_activities()
        .filters(by_group(&id))
        .await?;
    assert_eq!(activities.total_count, 1);
    let a = &activities.activity_set[0];
    assert_eq!(
        (a.activity_type.as_str(), a.status_code.as_str()),
        ("SCALE_OUT", "SUCCESSFUL")
    );
    assert_eq!(a.related_instance_set.len(), 2);
    assert!(a.start_time.as_str().ends_with('Z') && a.end_time.as_str().ends_with('Z'));
    assert!(a.start_time.unix_seconds() <= a.end_time.unix_seconds());
    Ok(())
}

#[tokio::test]
async fn describe_groups_ids_filters_and_paging() -> TestResult {
    let (_emulator, _, client) = start_v3(State::demo())?;
    let all = client.describe_auto_scaling_groups().await?;
    assert_eq!(all.total_count, 2);
    let page = client
        .describe_auto_scaling_groups()
        .offset(1)
        .limit(1)
        .await?;
    assert_eq!(page.total_count, 2);
    assert_eq!(page.auto_scaling_group_set.len(), 1);
    assert_eq!(page.auto_scaling_group_set[0].auto_scaling_group_id, BATCH);
    let batch = &page.auto_scaling_group_set[0];
    assert_eq!(batch.enabled_status.as_str(), "DISABLED");
    assert_eq!(
        batch.termination_policy_set,
        [TerminationPolicy::NewestInstance]
    );
    assert_eq!(batch.zone_set, ["ap-guangzhou-3"]);
    let vague = client
        .describe_auto_scaling_groups()
        .filters([Filter::new("vague-auto-scaling-group-name", ["at"])])
        .await?;
    assert_eq!(vague.total_count, 1);
    assert_eq!(
        vague.auto_scaling_group_set[0].auto_scaling_group_name,
        "batch"
    );

    let both = client
        .describe_auto_scaling_groups()
        .auto_scaling_group_ids([WEB])
        .filters([Filter::new("auto-scaling-group-name", ["web"])])
        .await;
    assert_eq!(code(both), "InvalidParameter.Conflict");
    let too_many = client.describe_auto_scaling_groups().limit(101).await;
    assert_eq!(code(too_many), "InvalidParameterValue.LimitExceeded");
    let unknown = client
        .describe_auto_scaling_groups()
        .filters([Filter::new("colour", ["blue"])])
        .await;
    assert_eq!(code(unknown), "InvalidParameterValue.InvalidFilter");
    let six = client
        .describe_auto_scaling_groups()
        .filters([Filter::new(
            "auto-scaling-group-name",
            ["a", "b", "c", "d", "e", "f"],
        )])
        .await;
    assert_eq!(code(six), "LimitExceeded.FilterValuesTooLong");
    let malformed = client
        .describe_auto_scaling_groups()
        .auto_scaling_group_ids(["web"])
        .await;
    assert_eq!(
        code(malformed),
        "InvalidParameterValue.InvalidAutoScalingGroupId"
    );
    Ok(())
}

#[tokio::test]
async fn attach_detach_and_remove() -> TestResult {
    let (emulator, _, client) = start_v3(State::demo())?;
    let attached = client.attach_instances(WEB, ["ins-demo0006"]).await?;
    assert!(attached.activity_id.starts_with("asa-"));
    let again = client.attach_instances(WEB, ["ins-demo0005"]).await;
    assert_eq!(
        code(again),
        "ResourceUnavailable.InstancesAlreadyInAutoScalingGroup"
    );
    let missing = client.attach_instances(WEB, ["ins-nothere1"]).await;
    assert_eq!(code(missing), "ResourceNotFound.InstancesNotFound");

    // DetachInstances never terminates, not even an instance AS created.
    client.detach_instances(WEB, ["ins-demo0001"]).await?;
    // RemoveInstances terminates what AS created and keeps what was attached by hand.
    client
        .remove_instances(WEB, ["ins-demo0002", "ins-demo0006"])
        .await?;
    let state = emulator.state();
    assert!(state.instance("ins-demo0001").is_some(), "detached, kept");
    assert!(
        state.instance("ins-demo0002").is_none(),
        "removed, terminated"
    );
    assert!(state.instance("ins-demo0006").is_some(), "manual, kept");
    let left: Vec<String> = client
        .describe_auto_scaling_instances()
        .filters(by_group(WEB))
        .await?
        .auto_scaling_instance_set
        .into_iter()
        .map(|i| i.instance_id)
        .collect();
    assert_eq!(left, ["ins-demo0003", "ins-demo0004"]);

    let types: Vec<String> = client
        .describe_auto_scaling_activities()
        .filters(by_group(WEB))
        .await?
        .activity_set
        .into_iter()
        .map(|a| a.activity_type.as_str().to_owned())
        .collect();
    assert_eq!(
        types,
        ["REMOVE_INSTANCES", "DETACH_INSTANCES", "ATTACH_INSTANCES"]
    );

    let not_in = client.detach_instances(WEB, ["ins-demo0005"]).await;
    assert_eq!(
        code(not_in),
        "ResourceNotFound.InstancesNotInAutoScalingGroup"
    );
    let bad = client.detach_instances(WEB, ["demo0003"]).await;
    assert_eq!(code(bad), "InvalidParameterValue.InvalidInstanceId");
    let unknown = client
        .remove_instances("asg-nothere1", ["ins-demo0003"])
        .await;
    assert_eq!(code(unknown), "ResourceNotFound.AutoScalingGroupNotFound");
    Ok(())
}

#[tokio::test]
async fn min_size_holds_unless_the_group_is_disabled() -> TestResult {
    let (emulator, _, client) = start_v3(State::demo())?;
    let all = [
        "ins-demo0001",
        "ins-demo0002",
        "ins-demo0003",
        "ins-demo0004",
    ];
    // MinSize 1: three of four may go, not four.
    let below = client.detach_instances(WEB, all).await;
    assert_eq!(
        code(below),
        "ResourceInsufficient.InServiceInstanceBelowMinSize"
    );
    let below = client.remove_instances(WEB, all).await;
    assert_eq!(
        code(below),
        "ResourceInsufficient.InServiceInstanceBelowMinSize"
    );
    assert_eq!(emulator.state().scaling_groups[0].instances.len(), 4);

    client.disable_auto_scaling_group(WEB).await?;
    assert!(!emulator.state().scaling_groups[0].enabled);
    let g = &client
        .describe_auto_scaling_groups()
        .auto_scaling_group_ids([WEB])
        .await?
        .auto_scaling_group_set[0];
    assert_eq!(g.enabled_status.as_str(), "DISABLED");
    client.detach_instances(WEB, all).await?;
    assert!(emulator.state().scaling_groups[0].instances.is_empty());
    client.enable_auto_scaling_group(WEB).await?;
    assert!(emulator.state().scaling_groups[0].enabled);
    Ok(())
}

#[tokio::test]
async fn protection_and_desired_capacity() -> TestResult {
    let (emulator, _, client) = start_v3(State::demo())?;
    client
        .set_instances_protection(SetInstancesProtectionRequired {
            auto_scaling_group_id: WEB.into(),
            instance_ids: vec!["ins-demo0001".into(), "ins-demo0002".into()],
            protected_from_scale_in: true,
        })
        .await?;
    let instances = client
        .describe_auto_scaling_instances()
        .instance_ids(["ins-demo0001", "ins-demo0003"])
        .await?;
    let protected: Vec<bool> = instances
        .auto_scaling_instance_set
        .iter()
        .map(|i| i.protected_from_scale_in)
        .collect();
    assert_eq!(protected, [true, false]);

    // Scale in to 2: the unprotected oldest instances go, the protected ones stay.
    client.modify_desired_capacity(WEB, 2).await?;
    emulator.advance(Duration::from_secs(60));
    let left: Vec<String> = emulator.state().scaling_groups[0]
        .instances
        .iter()
        .map(|m| m.instance_id.clone())
        .collect();
    assert_eq!(left, ["ins-demo0001", "ins-demo0002"]);
    // Protection does not stop a detach.
    emulator.advance(Duration::from_secs(600));
    client.detach_instances(WEB, ["ins-demo0001"]).await?;

    let range = client.modify_desired_capacity(WEB, 9).await;
    assert_eq!(code(range), "InvalidParameterValue.Size");
    let grown = client
        .modify_desired_capacity(WEB, 3)
        .min_size(0)
        .max_size(3)
        .await;
    assert!(grown.is_ok(), "{grown:?}");
    emulator.advance(Duration::from_secs(60));
    let g = &client
        .describe_auto_scaling_groups()
        .auto_scaling_group_ids([WEB])
        .await?
        .auto_scaling_group_set[0];
    assert_eq!((g.min_size, g.max_size, g.desired_capacity), (0, 3, 3));
    assert_eq!((g.instance_count, g.in_service_instance_count), (3, 3));
    let disabled = client.modify_desired_capacity(BATCH, 1).await;
    assert_eq!(
        code(disabled),
        "ResourceUnavailable.AutoScalingGroupDisabled"
    );
    Ok(())
}
