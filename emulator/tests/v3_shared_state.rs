//! One account behind both protocols: what API 2.0 does, API 3.0 sees, and the other way
//! round; and the state file keeps what only API 3.0 has.

mod common;

use common::v3::*;
use qcloud_as::operation::create_scaling_group::CreateScalingGroupRequired;
use qcloud_as::operation::detach_instance::KeepInstance;
use qcloud_as::operation::enabled_scaling_group::GroupEnabled;
use qcloud_as::types::{ActivityType, RemovePolicy};
use qcloud_as::v3::operation::create_auto_scaling_group::CreateAutoScalingGroupRequired;
use qcloud_as::v3::types::{Filter, Tag};
use qcloud_as_emulator::State;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const WEB: &str = "asg-demo0001";

async fn v3_members(
    client: &qcloud_as::v3::Client,
    group: &str,
) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    Ok(client
        .describe_auto_scaling_instances()
        .filters([Filter::new("auto-scaling-group-id", [group])])
        .await?
        .auto_scaling_instance_set
        .into_iter()
        .map(|i| i.instance_id)
        .collect())
}

#[tokio::test]
async fn a_group_made_by_either_protocol_is_seen_by_the_other() -> TestResult {
    let (_emulator, v2, v3) = start_v3(State::demo())?;
    let made_by_v2 = v2
        .create_scaling_group(CreateScalingGroupRequired {
            scaling_configuration_id: "asc-demo0001".into(),
            scaling_group_name: "from-v2".into(),
            min_size: 0,
            max_size: 3,
            remove_policy: RemovePolicy::RemoveNewestInstance,
            vpc_id: "0".into(),
        })
        .await?
        .scaling_group_id_set
        .remove(0);
    let seen = v3
        .describe_auto_scaling_groups()
        .filters([Filter::new("auto-scaling-group-name", ["from-v2"])])
        .await?;
    assert_eq!(seen.total_count, 1);
    let g = &seen.auto_scaling_group_set[0];
    assert_eq!(g.auto_scaling_group_id, made_by_v2);
    assert_eq!((g.min_size, g.max_size, g.desired_capacity), (0, 3, 0));
    assert_eq!(g.launch_configuration_id, "asc-demo0001");
    assert_eq!(
        g.termination_policy_set,
        [qcloud_as::v3::types::TerminationPolicy::NewestInstance]
    );
    assert_eq!(
        (g.vpc_id.as_str(), g.enabled_status.as_str()),
        ("", "ENABLED")
    );

    let lc = v3
        .create_launch_configuration("from-v3-lc")
        .image_id("img-8toqc6s3")
        .instance_type("S5.MEDIUM4")
        .await?
        .launch_configuration_id;
    let made_by_v3 = v3
        .create_auto_scaling_group(CreateAutoScalingGroupRequired {
            auto_scaling_group_name: "from-v3".into(),
            launch_configuration_id: lc.clone(),
            max_size: 2,
            min_size: 0,
            vpc_id: "vpc-test0001".into(),
        })
        .subnet_ids(["subnet-test0001"])
        .zones(["ap-guangzhou-2"])
        .tags([Tag::new("env", "test")])
        .await?
        .auto_scaling_group_id;
    let seen = v2
        .describe_scaling_group()
        .scaling_group_ids([made_by_v3.clone()])
        .await?;
    assert_eq!(seen.total_count, 1);
    let g = &seen.scaling_group_set[0];
    assert_eq!(g.scaling_group_name, "from-v3");
    assert_eq!((g.min_size, g.max_size), (0, 2));
    assert_eq!(g.scaling_configuration_id, lc);
    assert_eq!(g.scaling_configuration_name.as_deref(), Some("from-v3-lc"));
    assert_eq!(g.vpc_id.as_deref(), Some("vpc-test0001"));
    let configuration = &v2
        .describe_scaling_configuration()
        .scaling_configuration_ids([lc.clone()])
        .await?
        .scaling_configuration_set[0];
    assert_eq!((configuration.cpu, configuration.mem), (Some(2), Some(4)));
    assert_eq!(configuration.image_id.as_deref(), Some("img-8toqc6s3"));
    // Tags (API 3.0 only) filter API 3.0's view.
    let tagged = v3
        .describe_auto_scaling_groups()
        .filters([Filter::new("tag:env", ["test"])])
        .await?;
    assert_eq!(tagged.total_count, 1);
    Ok(())
}

#[tokio::test]
async fn instances_detached_by_either_protocol_are_gone_from_both() -> TestResult {
    let (emulator, v2, v3) = start_v3(State::demo())?;
    // API 2.0, keepInstance 0: taken out and (created by AS) released.
    v2.detach_instance(WEB, ["ins-demo0001"]).await?;
    assert!(!v3_members(&v3, WEB)
        .await?
        .contains(&"ins-demo0001".to_owned()));
    // API 2.0, keepInstance 1: taken out, kept.
    v2.detach_instance(WEB, ["ins-demo0002"])
        .keep_instance(KeepInstance::Keep)
        .await?;
    // API 3.0: the same for API 2.0.
    v3.detach_instances(WEB, ["ins-demo0003"]).await?;
    let v2_members: Vec<String> = v2
        .describe_scaling_instance(WEB)
        .await?
        .scaling_instances_set
        .into_iter()
        .map(|i| i.instance_id)
        .collect();
    assert_eq!(v2_members, ["ins-demo0004"]);
    assert_eq!(v3_members(&v3, WEB).await?, ["ins-demo0004"]);
    let state = emulator.state();
    assert!(state.instance("ins-demo0001").is_none());
    assert!(state.instance("ins-demo0002").is_some() && state.instance("ins-demo0003").is_some());

    // Each protocol names the three activities its own way.
    let v2_types: Vec<ActivityType> = v2
        .describe_scaling_activity(WEB)
        .await?
        .scaling_activity_set
        .into_iter()
        .map(|a| a.activity_type)
        .collect();
    assert_eq!(
        v2_types,
        [
            ActivityType::Detach,
            ActivityType::Detach,
            ActivityType::Detach
        ]
    );
    let v3_types: Vec<String> = v3
        .describe_auto_scaling_activities()
        .filters([Filter::new("auto-scaling-group-id", [WEB])])
        .await?
        .activity_set
        .into_iter()
        .map(|a| a.activity_type.as_str().to_owned())
        .collect();
    assert_eq!(
        v3_types,
        ["DETACH_INSTANCES", "DETACH_INSTANCES", "REMOVE_INSTANCES"]
    );

    // Enabled or not, through either protocol.
    v3.disable_auto_scaling_group(WEB).await?;
    assert!(!emulator.state().scaling_groups[0].enabled);
    v2.enabled_scaling_group(WEB, GroupEnabled::Enabled).await?;
    let g = &v3
        .describe_auto_scaling_groups()
        .auto_scaling_group_ids([WEB])
        .await?
        .auto_scaling_group_set[0];
    assert_eq!(g.enabled_status.as_str(), "ENABLED");
    Ok(())
}

#[tokio::test]
async fn the_state_file_keeps_what_only_api_3_0_has() -> TestResult {
    let (emulator, _, v3) = start_v3(State::demo())?;
    v3.create_launch_configuration("kept")
        .image_id("img-8toqc6s3")
        .instance_types(["S5.LARGE8", "SA2.LARGE8"])
        .user_data("IyEvYmluL3NoCg==")
        .await?;
    v3.modify_auto_scaling_group(WEB)
        .default_cooldown(120)
        .health_check_type(qcloud_as::v3::types::HealthCheckType::Cvm)
        .await?;
    v3.remove_instances(WEB, ["ins-demo0004"]).await?;
    let json = http_state(&emulator).await?;
    assert_eq!(json["scalingGroups"][0]["defaultCooldown"], 120);
    assert_eq!(
        json["launchConfigurations"][1]["instanceTypes"][1],
        "SA2.LARGE8"
    );
    // The remove is an activity of its own kind (format 3 kept a detach mode beside it).
    assert_eq!(json["scalingActivities"][0]["kind"], "remove");
    assert!(json["v3"].get("detachModes").is_none());
    // What it answers loads again, and is the same state.
    let text = serde_json::to_string(&json)?;
    let loaded = State::from_yaml_str(&text, "round trip")?;
    assert_eq!(loaded, emulator.state());
    // A state file written before API 3.0 (no `v3`, no `settings`) still loads.
    assert!(State::from_yaml_str(&State::demo().to_json_pretty(), "old").is_ok());
    // An entry for a launch configuration that does not exist is refused.
    let bad = "credentials: [{secretId: a, secretKey: b}]\n\
               v3: {launchConfigurations: [{scalingConfigurationId: asc-nothere1}]}\n";
    let error = State::from_yaml_str(bad, "bad")
        .err()
        .map(|e| e.to_string());
    assert!(error.is_some_and(|e| e.contains("asc-nothere1")));
    let v3_state = v3
        .describe_launch_configurations()
        .filters([Filter::new("launch-configuration-name", ["kept"])])
        .await?;
    let c = &v3_state.launch_configuration_set[0];
    assert_eq!(c.instance_types, ["S5.LARGE8", "SA2.LARGE8"]);
    assert_eq!(c.user_data.as_deref(), Some("IyEvYmluL3NoCg=="));
    Ok(())
}

/// `GET /_emulator/state`.
async fn http_state(
    emulator: &qcloud_as_emulator::Emulator,
) -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    common::http_state(emulator).await
}
