//! API 3.0 through the SDK's `qcloud_as::v3::Client` over HTTP: modifying and deleting groups
//! and launch configurations, the launch configurations' rules, and activities.

mod common;

use common::v3::*;
use qcloud_as::v3::operation::create_auto_scaling_group::CreateAutoScalingGroupRequired;
use qcloud_as::v3::types::{ActivityInstanceStatus, Filter, RetryPolicy, ServiceSettings};
use qcloud_as_emulator::State;
use std::time::Duration;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const WEB: &str = "asg-demo0001";

fn group(name: &str, lc: &str, min: i64, max: i64) -> CreateAutoScalingGroupRequired {
    CreateAutoScalingGroupRequired {
        auto_scaling_group_name: name.into(),
        launch_configuration_id: lc.into(),
        max_size: max,
        min_size: min,
        vpc_id: "vpc-test0001".into(),
    }
}

#[tokio::test]
async fn modify_and_delete_groups_and_launch_configurations() -> TestResult {
    let (emulator, _, client) = start_v3(State::demo())?;
    client
        .modify_auto_scaling_group(WEB)
        .auto_scaling_group_name("web-2")
        .default_cooldown(60)
        .retry_policy(RetryPolicy::NoRetry)
        .await?;
    let g = &client
        .describe_auto_scaling_groups()
        .auto_scaling_group_ids([WEB])
        .await?
        .auto_scaling_group_set[0];
    assert_eq!(g.auto_scaling_group_name, "web-2");
    assert_eq!(
        (g.default_cooldown, g.retry_policy.as_str()),
        (60, "NO_RETRY")
    );
    let taken = client
        .modify_auto_scaling_group(WEB)
        .auto_scaling_group_name("batch")
        .await;
    assert_eq!(code(taken), "InvalidParameterValue.GroupNameDuplicated");
    let sizes = client
        .modify_auto_scaling_group(WEB)
        .min_size(3)
        .max_size(2)
        .await;
    assert_eq!(code(sizes), "InvalidParameterValue.Size");
    // A desired capacity left outside new sizes: refused, unless the group syncs it.
    client.modify_desired_capacity(WEB, 4).await?;
    emulator.advance(Duration::from_secs(400));
    let outside = client.modify_auto_scaling_group(WEB).max_size(3).await;
    assert_eq!(code(outside), "InvalidParameterValue.Size");
    let mut sync = ServiceSettings::new();
    sync.desired_capacity_sync_with_max_min_size = Some(true);
    client
        .modify_auto_scaling_group(WEB)
        .max_size(3)
        .service_settings(sync)
        .await?;
    assert_eq!(emulator.state().scaling_groups[0].desired_capacity, Some(3));
    // The scale-in to 3 runs meanwhile.
    let busy = client.delete_auto_scaling_group(WEB).await;
    assert_eq!(code(busy), "ResourceInUse.ActivityInProgress");
    emulator.advance(Duration::from_secs(60));

    let in_use = client.delete_auto_scaling_group(WEB).await;
    assert_eq!(code(in_use), "ResourceInUse.InstanceInGroup");
    let lc_in_use = client.delete_launch_configuration("asc-demo0001").await;
    assert_eq!(code(lc_in_use), "ResourceInUse.LaunchConfigurationIdInUse");
    let lc = client
        .create_launch_configuration("spare")
        .image_id("img-8toqc6s3")
        .instance_types(["S5.SMALL2", "SA2.SMALL2"])
        .await?;
    let id = client
        .create_auto_scaling_group(group("empty", &lc.launch_configuration_id, 0, 2))
        .subnet_ids(["subnet-test0001"])
        .await?
        .auto_scaling_group_id;
    let busy = client
        .delete_launch_configuration(&lc.launch_configuration_id)
        .await;
    assert_eq!(code(busy), "ResourceInUse.LaunchConfigurationIdInUse");
    client.delete_auto_scaling_group(&id).await?;
    client
        .delete_launch_configuration(&lc.launch_configuration_id)
        .await?;
    let gone = client
        .delete_launch_configuration(&lc.launch_configuration_id)
        .await;
    assert_eq!(code(gone), "ResourceNotFound.LaunchConfigurationIdNotFound");
    let gone = client.delete_auto_scaling_group(&id).await;
    assert_eq!(code(gone), "ResourceNotFound.AutoScalingGroupNotFound");
    assert!(emulator
        .state()
        .launch_configuration(&lc.launch_configuration_id)
        .is_none());
    Ok(())
}

#[tokio::test]
async fn launch_configuration_rules() -> TestResult {
    let (_emulator, _, client) = start_v3(State::demo())?;
    let no_image = client
        .create_launch_configuration("x")
        .instance_type("S5.SMALL1")
        .await;
    assert_eq!(code(no_image), "InvalidParameter.MustOneParameter");
    let two_types = client
        .create_launch_configuration("x")
        .image_id("img-8toqc6s3")
        .instance_type("S5.SMALL1")
        .instance_types(["S5.SMALL2"])
        .await;
    assert_eq!(code(two_types), "InvalidParameter.Conflict");
    let duplicate = client
        .create_launch_configuration("web-lc")
        .image_id("img-8toqc6s3")
        .instance_type("S5.SMALL1")
        .await;
    assert_eq!(
        code(duplicate),
        "InvalidParameterValue.LaunchConfigurationNameDuplicated"
    );
    let user_data = client
        .create_launch_configuration("x")
        .image_id("img-8toqc6s3")
        .instance_type("S5.SMALL1")
        .user_data("not base64!")
        .await;
    assert_eq!(code(user_data), "InvalidParameterValue.UserDataFormatError");
    let bad_type = client
        .create_launch_configuration("x")
        .image_id("img-8toqc6s3")
        .instance_type("huge")
        .await;
    assert_eq!(code(bad_type), "InvalidParameterValue.InvalidInstanceType");
    let no_lc = client
        .create_auto_scaling_group(group("g", "asc-nothere1", 0, 1))
        .subnet_ids(["subnet-test0001"])
        .await;
    assert_eq!(
        code(no_lc),
        "InvalidParameterValue.LaunchConfigurationNotFound"
    );
    let zone = client
        .create_auto_scaling_group(group("g", "asc-demo0001", 0, 1))
        .subnet_ids(["subnet-test0001"])
        .zones(["mars-1"])
        .await;
    assert_eq!(code(zone), "InvalidParameterValue.ZoneMismatchRegion");
    // The API 2.0 launch configuration, as API 3.0 shows it.
    let demo = client
        .describe_launch_configurations()
        .filters([Filter::new("launch-configuration-name", ["web-lc"])])
        .await?;
    let c = &demo.launch_configuration_set[0];
    assert_eq!(
        (c.instance_type.as_str(), c.image_id.as_str()),
        ("S5.SMALL1", "img-demo0001")
    );
    assert_eq!(c.auto_scaling_group_abstract_set.len(), 2);
    Ok(())
}

#[tokio::test]
async fn activities_by_filter_id_and_time() -> TestResult {
    let (emulator, _, client) = start_v3(State::demo())?;
    let first = client.detach_instances(WEB, ["ins-demo0001"]).await?;
    emulator.advance(Duration::from_secs(3600));
    let second = client.remove_instances(WEB, ["ins-demo0002"]).await?;
    let by_type = client
        .describe_auto_scaling_activities()
        .filters([Filter::new("activity-type", ["DETACH_INSTANCES"])])
        .await?;
    assert_eq!(by_type.total_count, 1);
    assert_eq!(by_type.activity_set[0].activity_id, first.activity_id);
    let by_id = client
        .describe_auto_scaling_activities()
        .activity_ids([second.activity_id.clone()])
        .await?;
    let a = &by_id.activity_set[0];
    assert_eq!(
        (a.activity_type.as_str(), a.status_code.as_str()),
        ("REMOVE_INSTANCES", "SUCCESSFUL")
    );
    assert_eq!(a.related_instance_set[0].instance_id, "ins-demo0002");
    assert_eq!(
        a.related_instance_set[0].instance_status,
        ActivityInstanceStatus::Successful
    );
    // Only the second started in the last half hour.
    let since = qcloud_as::v3::types::Filter::new("activity-status-code", ["SUCCESSFUL"]);
    let recent = client
        .describe_auto_scaling_activities()
        .filters([since])
        .start_time(iso(emulator_now(&emulator) - 1800))
        .await?;
    assert_eq!(recent.total_count, 1);
    let bad_time = client
        .describe_auto_scaling_activities()
        .start_time("yesterday")
        .await;
    assert_eq!(code(bad_time), "InvalidParameterValue");
    Ok(())
}

/// `YYYY-MM-DDThh:mm:ssZ` of Unix seconds.
fn iso(unix: u64) -> String {
    let text = qcloud_as_emulator::format_api_time(
        std::time::UNIX_EPOCH + Duration::from_secs(unix.saturating_sub(8 * 3600)),
    );
    format!("{}T{}Z", &text[..10], &text[11..])
}
