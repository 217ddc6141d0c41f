//! DetachInstance, every rule of the seed page, through the real client over HTTP.

mod common;

use common::*;
use qcloud_as::operation::detach_instance::{DetachInstanceError, KeepInstance};
use qcloud_as::types::ActivityType;
use qcloud_as::{CommonError, Error};
use qcloud_as_emulator::domain::activity::InstanceResult;
use qcloud_as_emulator::domain::model::{ActivityKind, ActivityStatus};

const GROUP: &str = "asg-demo0001";

#[tokio::test]
async fn keep_instance_1_leaves_auto_instance_running_outside_the_group() -> TestResult {
    let (emulator, client) = demo()?;
    client
        .detach_instance(GROUP, ["ins-demo0001"])
        .keep_instance(KeepInstance::Keep)
        .send()
        .await?;

    let state = emulator.state();
    assert_eq!(
        members(&state, GROUP),
        ["ins-demo0002", "ins-demo0003", "ins-demo0004"]
    );
    let kept = state.instance("ins-demo0001").map(|i| i.state.clone());
    assert_eq!(kept.as_deref(), Some("Running"));

    let json = http_state(&emulator).await?;
    assert_eq!(
        http_members(&json, GROUP),
        ["ins-demo0002", "ins-demo0003", "ins-demo0004"]
    );
    assert!(http_instances(&json).contains(&("ins-demo0001".into(), "Running".into())));
    Ok(())
}

#[tokio::test]
async fn default_keep_instance_releases_auto_instances() -> TestResult {
    let (emulator, client) = demo()?;
    client
        .detach_instance(GROUP, ["ins-demo0002"])
        .send()
        .await?;

    let state = emulator.state();
    assert!(!members(&state, GROUP).contains(&"ins-demo0002".to_owned()));
    assert!(state.instance("ins-demo0002").is_none(), "released");
    let json = http_state(&emulator).await?;
    assert!(!http_instances(&json)
        .iter()
        .any(|(id, _)| id == "ins-demo0002"));
    Ok(())
}

#[tokio::test]
async fn explicit_keep_instance_0_releases_auto_instances() -> TestResult {
    let (emulator, client) = demo()?;
    client
        .detach_instance(GROUP, ["ins-demo0003"])
        .keep_instance(KeepInstance::Release)
        .send()
        .await?;
    assert!(emulator.state().instance("ins-demo0003").is_none());
    Ok(())
}

#[tokio::test]
async fn manual_instances_are_never_released() -> TestResult {
    let (emulator, client) = demo()?;
    // Default keepInstance (0 = release) must not touch a Manual instance.
    client
        .detach_instance(GROUP, ["ins-demo0004"])
        .send()
        .await?;
    let state = emulator.state();
    assert!(!members(&state, GROUP).contains(&"ins-demo0004".to_owned()));
    assert_eq!(
        state.instance("ins-demo0004").map(|i| i.state.as_str()),
        Some("Running")
    );
    let json = http_state(&emulator).await?;
    assert!(http_instances(&json).contains(&("ins-demo0004".into(), "Running".into())));
    Ok(())
}

#[tokio::test]
async fn manual_instance_keeps_its_own_state() -> TestResult {
    let mut initial = qcloud_as_emulator::State::demo();
    if let Some(i) = initial
        .instances
        .iter_mut()
        .find(|i| i.instance_id == "ins-demo0004")
    {
        i.state = "Stopped".into();
    }
    let (emulator, client) = start(initial)?;
    client
        .detach_instance(GROUP, ["ins-demo0004"])
        .keep_instance(KeepInstance::Keep)
        .send()
        .await?;
    assert_eq!(
        emulator
            .state()
            .instance("ins-demo0004")
            .map(|i| i.state.clone())
            .as_deref(),
        Some("Stopped")
    );
    Ok(())
}

#[tokio::test]
async fn unknown_group_is_scaling_group_id_error() -> TestResult {
    let (emulator, client) = demo()?;
    let before = emulator.state();
    let err = client
        .detach_instance("asg-nosuch00", ["ins-demo0001"])
        .send()
        .await
        .err();
    match err {
        Some(Error::Service(DetachInstanceError::InvalidParameterScalingGroupIdError(e))) => {
            assert_eq!(e.code(), 4000);
            assert_eq!(e.code_desc(), "InvalidParameter.ScalingGroupIdError");
            assert!(e.message().contains("asg-nosuch00"));
        }
        other => panic!("unexpected: {other:?}"),
    }
    assert_eq!(emulator.state(), before);
    assert_eq!(http_members(&http_state(&emulator).await?, GROUP).len(), 4);
    Ok(())
}

#[tokio::test]
async fn instance_not_in_group_is_instance_id_error() -> TestResult {
    let (emulator, client) = demo()?;
    let before = emulator.state();
    // ins-demo0005 exists but is in the other group; ins-demo0006 is in no group.
    for stranger in ["ins-demo0005", "ins-demo0006", "ins-unknown0"] {
        let err = client
            .detach_instance(GROUP, ["ins-demo0001", stranger])
            .send()
            .await
            .err();
        match err {
            Some(Error::Service(DetachInstanceError::InvalidParameterInstanceIdError(e))) => {
                assert_eq!(e.code(), 4000);
                assert!(e.message().contains(stranger), "{e}");
            }
            other => panic!("unexpected for {stranger}: {other:?}"),
        }
    }
    // Nothing happened, not even to the valid instance in the same call.
    assert_eq!(emulator.state(), before);
    assert_eq!(http_members(&http_state(&emulator).await?, GROUP).len(), 4);
    Ok(())
}

#[tokio::test]
async fn duplicate_instance_id_is_instance_id_error() -> TestResult {
    let (emulator, client) = demo()?;
    let err = client
        .detach_instance(GROUP, ["ins-demo0001", "ins-demo0001"])
        .send()
        .await
        .err();
    assert!(matches!(
        err,
        Some(Error::Service(
            DetachInstanceError::InvalidParameterInstanceIdError(_)
        ))
    ));
    assert_eq!(members(&emulator.state(), GROUP).len(), 4);
    Ok(())
}

#[tokio::test]
async fn inactive_group_is_refused() -> TestResult {
    let (emulator, client) = demo()?;
    // The demo's second group is inactive.
    assert_eq!(
        emulator.state().group("asg-demo0002").map(|g| g.enabled),
        Some(false)
    );
    let before = emulator.state();
    let err = client
        .detach_instance("asg-demo0002", ["ins-demo0005"])
        .keep_instance(KeepInstance::Keep)
        .send()
        .await
        .err();
    match err {
        Some(Error::Service(DetachInstanceError::Common(CommonError::OperationFailed(e)))) => {
            assert_eq!(e.code(), 5100);
            assert_eq!(e.code_desc(), "OperationFailed");
            assert!(e.message().contains("asg-demo0002 is not active"), "{e}");
        }
        other => panic!("unexpected: {other:?}"),
    }
    assert_eq!(emulator.state(), before);
    assert_eq!(
        http_members(&http_state(&emulator).await?, "asg-demo0002"),
        ["ins-demo0005"]
    );
    Ok(())
}

#[tokio::test]
async fn group_in_scaling_activity_is_refused() -> TestResult {
    let (emulator, client) = demo()?;
    let mut s = emulator.state();
    if let Some(g) = s.scaling_groups.iter_mut().find(|g| g.id == GROUP) {
        g.activity_running = true;
    }
    emulator.set_state(s)?;
    let err = client
        .detach_instance(GROUP, ["ins-demo0001"])
        .send()
        .await
        .err();
    match err {
        Some(Error::Service(DetachInstanceError::Common(CommonError::OperationFailed(e)))) => {
            assert_eq!(e.code(), 5100);
            assert_eq!(e.code_desc(), "OperationFailed");
            assert!(
                e.message().contains("is performing a scaling activity"),
                "{e}"
            );
        }
        other => panic!("unexpected: {other:?}"),
    }
    assert_eq!(members(&emulator.state(), GROUP).len(), 4);
    assert!(emulator.state().instance("ins-demo0001").is_some());
    assert!(emulator.state().scaling_activities.is_empty());
    Ok(())
}

#[tokio::test]
async fn going_below_min_size_is_refused() -> TestResult {
    let (emulator, client) = demo()?;
    // minSize 1, 4 instances: detaching all 4 fails, 3 succeeds, then the last one fails.
    let all = [
        "ins-demo0001",
        "ins-demo0002",
        "ins-demo0003",
        "ins-demo0004",
    ];
    let err = client.detach_instance(GROUP, all).send().await.err();
    match err {
        Some(Error::Service(DetachInstanceError::Common(CommonError::OperationFailed(e)))) => {
            assert_eq!(e.code(), 5100);
            assert_eq!(e.code_desc(), "OperationFailed");
            assert!(e.message().contains("below minSize 1"), "{e}");
        }
        other => panic!("unexpected: {other:?}"),
    }
    assert_eq!(members(&emulator.state(), GROUP).len(), 4);
    assert_eq!(emulator.state().instances.len(), 6);

    client
        .detach_instance(GROUP, ["ins-demo0001", "ins-demo0002", "ins-demo0003"])
        .send()
        .await?;
    assert_eq!(members(&emulator.state(), GROUP), ["ins-demo0004"]);

    let err = client
        .detach_instance(GROUP, ["ins-demo0004"])
        .send()
        .await
        .err();
    assert!(
        matches!(
            &err,
            Some(Error::Service(DetachInstanceError::Common(CommonError::OperationFailed(e))))
                if e.code() == 5100
                    && e.code_desc() == "OperationFailed"
                    && e.message().contains("below minSize")
        ),
        "{err:?}"
    );
    assert_eq!(
        http_members(&http_state(&emulator).await?, GROUP),
        ["ins-demo0004"]
    );
    Ok(())
}

#[tokio::test]
async fn failed_call_display_names_code_desc() -> TestResult {
    let (_emulator, client) = demo()?;
    let err = client
        .detach_instance("asg-demo0002", ["ins-demo0005"])
        .send()
        .await
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("OperationFailed"), "{err}");
    assert!(err.contains("is not active"), "{err}");
    assert!(err.contains("5100"), "{err}");
    Ok(())
}

#[tokio::test]
async fn detach_records_a_scaling_activity() -> TestResult {
    let (emulator, client) = demo()?;
    client
        .detach_instance(GROUP, ["ins-demo0001", "ins-demo0004"])
        .keep_instance(KeepInstance::Keep)
        .send()
        .await?;
    let state = emulator.state();
    assert_eq!(state.scaling_activities.len(), 1);
    let activity = &state.scaling_activities[0];
    assert_eq!(activity.kind, ActivityKind::Detach);
    assert_eq!(activity.status, ActivityStatus::Successful);
    assert_eq!(activity.group, GROUP);
    assert_eq!(
        activity
            .instances_with(InstanceResult::Successful)
            .collect::<Vec<_>>(),
        ["ins-demo0001", "ins-demo0004"]
    );
    assert_eq!(activity.instances_with(InstanceResult::Failed).count(), 0);
    assert!(activity.id.starts_with("asa-"));
    assert_eq!(activity.id.len(), 12);
    assert_eq!(activity.ended, Some(activity.started));
    assert!(!activity.cause.is_empty());
    // API 2.0 shows it as a detach (type 3) that succeeded (2).
    let shown = &client
        .describe_scaling_activity(GROUP)
        .send()
        .await?
        .scaling_activity_set[0];
    assert_eq!(shown.activity_type, ActivityType::Detach);
    assert_eq!(shown.status, qcloud_as::types::ActivityStatus::Success);
    assert_eq!(shown.start_time.len(), 19, "{}", shown.start_time);
    assert_eq!(shown.fail_ins_list.as_deref(), Some(&[][..]));

    // The state file holds the domain's record (format 4).
    let json = http_state(&emulator).await?;
    let recorded = &json["scalingActivities"][0];
    assert_eq!(recorded["kind"], "detach");
    assert_eq!(recorded["status"], "successful");
    assert_eq!(recorded["instances"][1]["instanceId"], "ins-demo0004");
    Ok(())
}

#[tokio::test]
async fn detach_is_visible_through_describe_calls() -> TestResult {
    let (_emulator, client) = demo()?;
    let before = client.describe_scaling_instance(GROUP).send().await?;
    assert_eq!(before.total_count, 4);
    let groups = client
        .describe_scaling_group()
        .scaling_group_ids([GROUP])
        .send()
        .await?;
    assert_eq!(groups.scaling_group_set[0].instance_num, 4);

    client
        .detach_instance(GROUP, ["ins-demo0001", "ins-demo0002"])
        .send()
        .await?;

    let after = client.describe_scaling_instance(GROUP).send().await?;
    assert_eq!(after.total_count, 2);
    let ids: Vec<_> = after
        .scaling_instances_set
        .iter()
        .map(|i| i.instance_id.as_str())
        .collect();
    assert_eq!(ids, ["ins-demo0003", "ins-demo0004"]);
    let groups = client
        .describe_scaling_group()
        .scaling_group_ids([GROUP])
        .send()
        .await?;
    assert_eq!(groups.scaling_group_set[0].instance_num, 2);
    assert_eq!(groups.scaling_group_set[0].b_in_scaling_activity, 0);
    Ok(())
}
