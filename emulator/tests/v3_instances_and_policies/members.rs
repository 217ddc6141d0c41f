//! Standby, stop and start, and scaling out and in by a count.

use super::*;
use qcloud_as::v3::types::StoppedMode;
use qcloud_as_emulator::State;
use std::time::Duration;

#[tokio::test]
async fn standby_members_stay_but_do_not_serve_or_scale_in() -> TestResult {
    let (emulator, _, client) = start_v3(State::demo())?;
    let id = client
        .enter_standby(WEB, ["ins-demo0001"])
        .await?
        .activity_id;
    let (kind, status, cause) = activity(&client, &id).await?;
    assert_eq!(
        (kind.as_str(), status.as_str()),
        ("DETACH_INSTANCES", "RUNNING")
    );
    assert!(cause.contains("standby"), "{cause}");
    // Entering standby takes `standbySeconds` (10) on the clock; meanwhile the group is in an
    // activity and the usual refusals apply.
    assert!(
        states(&client)
            .await?
            .contains(&("ins-demo0001".into(), "ENTERING_STANDBY".into())),
        "{:?}",
        states(&client).await?
    );
    assert_eq!(
        code(client.enter_standby(WEB, ["ins-demo0002"]).await),
        "ResourceUnavailable.AutoScalingGroupInActivity"
    );
    assert_eq!(
        code(client.scale_out_instances(WEB, 1).await),
        "ResourceUnavailable.AutoScalingGroupInActivity"
    );
    emulator.advance(Duration::from_secs(9));
    assert_eq!(activity(&client, &id).await?.1, "RUNNING");
    emulator.advance(Duration::from_secs(1));
    assert_eq!(activity(&client, &id).await?.1, "SUCCESSFUL");
    let now = states(&client).await?;
    assert!(
        now.contains(&("ins-demo0001".into(), "IN_STANDBY".into())),
        "{now:?}"
    );
    assert_eq!(now.len(), 4, "still a member");
    assert_eq!(desired(&client, WEB).await?, 3);
    // Nothing launches to replace it, nothing removes it.
    emulator.advance(Duration::from_secs(600));
    assert_eq!(states(&client).await?.len(), 4);
    // A scale-in passes it by.
    let scale_in = client.scale_in_instances(WEB, 2).await?.activity_id;
    emulator.advance(Duration::from_secs(60));
    assert_eq!(activity(&client, &scale_in).await?.1, "SUCCESSFUL");
    let now = states(&client).await?;
    assert_eq!(now.len(), 2, "{now:?}");
    assert!(
        now.contains(&("ins-demo0001".into(), "IN_STANDBY".into())),
        "{now:?}"
    );
    // Refusals.
    let serving = now
        .iter()
        .find(|(_, s)| s == "IN_SERVICE")
        .map(|(i, _)| i.clone())
        .unwrap_or_default();
    assert_eq!(
        code(client.enter_standby(WEB, ["ins-demo0001"]).await),
        "ResourceUnavailable.InstanceInOperation"
    );
    assert_eq!(
        code(client.exit_standby(WEB, [serving.as_str()]).await),
        "ResourceUnavailable.InstanceInOperation"
    );
    assert_eq!(
        code(client.enter_standby(WEB, ["ins-demo0006"]).await),
        "ResourceNotFound.InstancesNotFound"
    );
    assert_eq!(
        code(client.enter_standby(WEB, ["nope"]).await),
        "InvalidParameterValue.InvalidInstanceId"
    );
    assert_eq!(
        code(client.enter_standby(WEB, Vec::<String>::new()).await),
        "FailedOperation.NoActivityToGenerate"
    );
    assert_eq!(
        code(client.enter_standby("asg-nosuch00", ["ins-demo0001"]).await),
        "ResourceNotFound.AutoScalingGroupNotFound"
    );
    assert_eq!(
        code(client.exit_standby("bad", ["ins-demo0001"]).await),
        "InvalidParameterValue.InvalidAutoScalingGroupId"
    );
    // The last in-service member of a group with MinSize 1 cannot leave service.
    assert_eq!(
        code(client.enter_standby(WEB, [serving.as_str()]).await),
        "FailedOperation"
    );
    // Back in service: serving and counted again.
    let id = client
        .exit_standby(WEB, ["ins-demo0001"])
        .await?
        .activity_id;
    assert_eq!(activity(&client, &id).await?.0, "ATTACH_INSTANCES");
    assert!(states(&client)
        .await?
        .contains(&("ins-demo0001".into(), "EXITING_STANDBY".into())));
    assert_eq!(desired(&client, WEB).await?, 2);
    emulator.advance(Duration::from_secs(10));
    assert_eq!(activity(&client, &id).await?.1, "SUCCESSFUL");
    assert!(states(&client)
        .await?
        .iter()
        .all(|(_, s)| s == "IN_SERVICE"));
    Ok(())
}

#[tokio::test]
async fn stop_and_start_members() -> TestResult {
    let (emulator, _, client) = start_v3(State::demo())?;
    let id = client
        .stop_auto_scaling_instances(WEB, ["ins-demo0002"])
        .stopped_mode(StoppedMode::StopCharging)
        .await?
        .activity_id;
    assert_eq!(
        activity(&client, &id).await?,
        (
            "STOP_INSTANCES".to_owned(),
            "RUNNING".to_owned(),
            activity(&client, &id).await?.2
        )
    );
    // Stopping takes `instanceStopSeconds` (30) on the clock.
    assert!(states(&client)
        .await?
        .contains(&("ins-demo0002".into(), "STOPPING".into())));
    assert_eq!(
        code(client.detach_instances(WEB, ["ins-demo0003"]).await),
        "ResourceUnavailable.AutoScalingGroupInActivity"
    );
    emulator.advance(Duration::from_secs(30));
    assert_eq!(activity(&client, &id).await?.1, "SUCCESSFUL");
    assert!(states(&client)
        .await?
        .contains(&("ins-demo0002".into(), "STOPPED".into())));
    let account = emulator.state();
    assert_eq!(
        account.instance("ins-demo0002").map(|i| i.state.as_str()),
        Some("Stopped")
    );
    assert_eq!(desired(&client, WEB).await?, 3);
    emulator.advance(Duration::from_secs(600));
    assert_eq!(
        states(&client).await?.len(),
        4,
        "a stopped member is neither replaced nor removed"
    );
    assert_eq!(
        code(
            client
                .start_auto_scaling_instances(WEB, ["ins-demo0001"])
                .await
        ),
        "ResourceUnavailable.InstanceInOperation"
    );
    assert_eq!(
        code(
            client
                .stop_auto_scaling_instances(WEB, ["ins-demo0002"])
                .await
        ),
        "ResourceUnavailable.InstanceInOperation"
    );
    assert_eq!(
        code(
            client
                .stop_auto_scaling_instances(WEB, ["ins-demo0006"])
                .await
        ),
        "ResourceNotFound.InstancesNotInAutoScalingGroup"
    );
    let many: Vec<String> = (0..101).map(|n| format!("ins-many{n:04}")).collect();
    assert_eq!(
        code(client.stop_auto_scaling_instances(WEB, many).await),
        "InvalidParameterValue"
    );
    assert_eq!(
        code(
            client
                .stop_auto_scaling_instances(WEB, ["ins-demo0001", "ins-demo0003", "ins-demo0004"])
                .await
        ),
        "ResourceInsufficient.InServiceInstanceBelowMinSize"
    );
    let id = client
        .start_auto_scaling_instances(WEB, ["ins-demo0002"])
        .await?
        .activity_id;
    assert_eq!(activity(&client, &id).await?.0, "START_INSTANCES");
    assert!(states(&client)
        .await?
        .contains(&("ins-demo0002".into(), "STARTING".into())));
    emulator.advance(Duration::from_secs(30));
    assert_eq!(activity(&client, &id).await?.1, "SUCCESSFUL");
    assert!(states(&client)
        .await?
        .iter()
        .all(|(_, s)| s == "IN_SERVICE"));
    assert_eq!(
        emulator
            .state()
            .instance("ins-demo0002")
            .map(|i| i.state.clone()),
        Some("Running".into())
    );
    assert_eq!(desired(&client, WEB).await?, 4);
    Ok(())
}

#[tokio::test]
async fn scale_out_and_in_by_a_count_on_the_virtual_clock() -> TestResult {
    let (emulator, _, client) = start_v3(State::demo())?;
    let id = client.scale_out_instances(WEB, 1).await?.activity_id;
    assert_eq!(desired(&client, WEB).await?, 5);
    let (kind, status, _) = activity(&client, &id).await?;
    assert_eq!((kind.as_str(), status.as_str()), ("SCALE_OUT", "INIT"));
    assert_eq!(
        code(client.scale_out_instances(WEB, 1).await),
        "ResourceUnavailable.AutoScalingGroupInActivity"
    );
    emulator.advance(Duration::from_secs(60));
    assert_eq!(activity(&client, &id).await?.1, "SUCCESSFUL");
    assert_eq!(states(&client).await?.len(), 5);
    assert_eq!(
        code(client.scale_out_instances(WEB, 1).await),
        "ResourceInsufficient.AutoScalingGroupAboveMaxSize"
    );
    assert_eq!(
        code(client.scale_out_instances(WEB, 0).await),
        "InvalidParameterValue.Range"
    );
    assert_eq!(
        code(client.scale_in_instances(WEB, 2001).await),
        "InvalidParameterValue.Range"
    );
    assert_eq!(
        code(client.scale_in_instances(WEB, 5).await),
        "ResourceInsufficient.AutoScalingGroupBelowMinSize"
    );
    assert_eq!(
        code(client.scale_in_instances("asg-nosuch00", 1).await),
        "ResourceNotFound.AutoScalingGroupNotFound"
    );
    let id = client.scale_in_instances(WEB, 2).await?.activity_id;
    assert_eq!(activity(&client, &id).await?.0, "SCALE_IN");
    emulator.advance(Duration::from_secs(60));
    assert_eq!(states(&client).await?.len(), 3);
    assert_eq!(desired(&client, WEB).await?, 3);
    // A disabled group scales by hand too.
    let id = client.scale_out_instances(BATCH, 2).await?.activity_id;
    emulator.advance(Duration::from_secs(60));
    assert_eq!(activity(&client, &id).await?.1, "SUCCESSFUL");
    assert_eq!(
        emulator.state().group(BATCH).map(|g| g.instances.len()),
        Some(3)
    );
    Ok(())
}
