//! API 3.0 instance refresh through the SDK's `qcloud_as::v3::Client` over HTTP: starting,
//! describing, stopping, resuming, cancelling and rolling back refreshes as the virtual clock
//! moves them batch by batch, with every refusal the documentation lists.

mod common;

use common::v3::*;
use qcloud_as::v3::operation::rollback_instance_refresh::RollbackInstanceRefreshRequired;
use qcloud_as::v3::types::{
    FailProcess, Filter, RefreshActivity, RefreshActivityStatus, RefreshBatchPause,
    RefreshBatchStatus, RefreshInstanceStatus, RefreshMode, RefreshSettings, ResumeMode,
    RollingUpdateSettings,
};
use qcloud_as_emulator::{ActivityFailure, Emulator, State};
use std::time::Duration;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const WEB: &str = "asg-demo0001";
const OLD_LC: &str = "asc-demo0001";

/// The demo account, its members recorded as launched from `asc-demo0001`.
fn account() -> State {
    let mut state = State::demo();
    for g in &mut state.scaling_groups {
        for m in &mut g.instances {
            m.scaling_configuration_id = Some(OLD_LC.to_owned());
        }
    }
    state
}

fn settings(batches: i64) -> RefreshSettings {
    RefreshSettings::new().rolling_update_settings(RollingUpdateSettings::new(batches))
}

fn rolling(rolling: RollingUpdateSettings) -> RefreshSettings {
    RefreshSettings::new().rolling_update_settings(rolling)
}

/// A second launch configuration, made the group's.
async fn new_configuration(
    client: &qcloud_as::v3::Client,
) -> Result<String, Box<dyn std::error::Error>> {
    let lc = client
        .create_launch_configuration("web-v2")
        .image_id("img-8toqc6s3")
        .instance_type("S5.SMALL2")
        .await?
        .launch_configuration_id;
    client
        .modify_auto_scaling_group(WEB)
        .launch_configuration_id(&lc)
        .await?;
    Ok(lc)
}

async fn refresh(
    client: &qcloud_as::v3::Client,
    id: &str,
) -> Result<RefreshActivity, Box<dyn std::error::Error>> {
    let mut out = client
        .describe_refresh_activities()
        .refresh_activity_ids([id])
        .await?;
    assert_eq!(out.total_count, 1);
    Ok(out.refresh_activity_set.remove(0))
}

/// Each member of the group and the launch configuration it runs, as
/// DescribeAutoScalingInstances shows them.
async fn members(
    client: &qcloud_as::v3::Client,
    group: &str,
) -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
    let out = client
        .describe_auto_scaling_instances()
        .filters([Filter::new("auto-scaling-group-id", [group])])
        .limit(100)
        .await?;
    Ok(out
        .auto_scaling_instance_set
        .into_iter()
        .map(|i| (i.instance_id, i.launch_configuration_id))
        .collect())
}

async fn enabled(
    client: &qcloud_as::v3::Client,
    group: &str,
) -> Result<String, Box<dyn std::error::Error>> {
    let out = client
        .describe_auto_scaling_groups()
        .auto_scaling_group_ids([group])
        .await?;
    Ok(out.auto_scaling_group_set[0]
        .enabled_status
        .as_str()
        .to_owned())
}

fn tick(emulator: &Emulator, seconds: u64) {
    emulator.advance(Duration::from_secs(seconds));
}

#[tokio::test]
async fn a_refresh_moves_batch_by_batch_and_a_rollback_undoes_it() -> TestResult {
    let (emulator, _, client) = start_v3(account())?;
    let lc = new_configuration(&client).await?;
    let id = client
        .start_instance_refresh(WEB, settings(2))
        .await?
        .refresh_activity_id;
    assert!(id.starts_with("asr-"), "{id}");
    let r = refresh(&client, &id).await?;
    assert_eq!(r.status, RefreshActivityStatus::Init);
    assert_eq!(r.activity_type.as_str(), "NORMAL");
    assert_eq!(r.refresh_mode, RefreshMode::RollingUpdateReset);
    assert_eq!(r.refresh_batch_set.len(), 2);
    assert!(r
        .refresh_batch_set
        .iter()
        .all(|b| b.refresh_batch_status == RefreshBatchStatus::Waiting
            && b.refresh_batch_related_instance_set.len() == 2));
    assert_eq!(enabled(&client, WEB).await?, "DISABLED");
    let enable = client.enable_auto_scaling_group(WEB).await;
    assert_eq!(
        code(enable),
        "ResourceUnavailable.AutoScalingGroupInRefreshActivity"
    );

    // After the init (5 s): the first batch runs.
    tick(&emulator, 5);
    let r = refresh(&client, &id).await?;
    assert_eq!(r.status, RefreshActivityStatus::Running);
    assert_eq!(r.current_refresh_batch_num, 1);
    assert!(r.start_time.is_some());
    let first = &r.refresh_batch_set[0];
    assert_eq!(first.refresh_batch_status, RefreshBatchStatus::Running);
    let first_ids: Vec<String> = first
        .refresh_batch_related_instance_set
        .iter()
        .map(|i| i.instance_id.clone())
        .collect();

    // After a batch's time (30 s): the first batch is refreshed, the second runs.
    tick(&emulator, 30);
    let r = refresh(&client, &id).await?;
    assert_eq!(r.current_refresh_batch_num, 2);
    let first = &r.refresh_batch_set[0];
    assert_eq!(first.refresh_batch_status, RefreshBatchStatus::Successful);
    assert!(first.end_time.is_some());
    let activity = first.refresh_batch_related_instance_set[0]
        .last_activity_id
        .clone();
    assert!(activity.starts_with("asa-"), "{activity}");
    assert!(first
        .refresh_batch_related_instance_set
        .iter()
        .all(|i| i.instance_status == RefreshInstanceStatus::Successful));
    for (instance, config) in members(&client, WEB).await? {
        let expected = if first_ids.contains(&instance) {
            &lc
        } else {
            OLD_LC
        };
        assert_eq!(config, expected, "{instance}");
    }
    // The batch is a scaling activity of the group.
    let activities = client
        .describe_auto_scaling_activities()
        .activity_ids([activity.as_str()])
        .await?;
    assert_eq!(activities.total_count, 1);
    assert!(activities.activity_set[0].cause.contains(&id));

    tick(&emulator, 30);
    let r = refresh(&client, &id).await?;
    assert_eq!(r.status, RefreshActivityStatus::Successful);
    assert!(r.end_time.is_some());
    assert!(members(&client, WEB).await?.iter().all(|(_, c)| *c == lc));
    assert_eq!(enabled(&client, WEB).await?, "ENABLED");

    // The rollback returns every instance to the launch configuration it had.
    let rollback = client
        .rollback_instance_refresh(RollbackInstanceRefreshRequired {
            auto_scaling_group_id: WEB.into(),
            refresh_settings: settings(4),
            origin_refresh_activity_id: id.clone(),
        })
        .await?
        .refresh_activity_id;
    let r = refresh(&client, &rollback).await?;
    assert_eq!(r.activity_type.as_str(), "ROLLBACK");
    assert_eq!(r.origin_refresh_activity_id, id);
    assert_eq!(r.refresh_batch_set.len(), 4);
    tick(&emulator, 5 + 4 * 30);
    let r = refresh(&client, &rollback).await?;
    assert_eq!(r.status, RefreshActivityStatus::Successful);
    assert!(members(&client, WEB)
        .await?
        .iter()
        .all(|(_, c)| c == OLD_LC));
    // A rollback is not rolled back; the refresh it undid is no longer the latest success it
    // could be rolled back from twice.
    let again = client
        .rollback_instance_refresh(RollbackInstanceRefreshRequired {
            auto_scaling_group_id: WEB.into(),
            refresh_settings: settings(1),
            origin_refresh_activity_id: rollback.clone(),
        })
        .await;
    assert_eq!(
        code(again),
        "ResourceUnavailable.RollbackTypeActivityCanNotRollbackAgain"
    );

    // Describe: newest first, filters, paging.
    let all = client.describe_refresh_activities().await?;
    assert_eq!(all.total_count, 2);
    assert_eq!(all.refresh_activity_set[0].refresh_activity_id, rollback);
    let page = client
        .describe_refresh_activities()
        .offset(1)
        .limit(1)
        .await?;
    assert_eq!(page.total_count, 2);
    assert_eq!(page.refresh_activity_set[0].refresh_activity_id, id);
    let normal = client
        .describe_refresh_activities()
        .filters([
            Filter::new("refresh-activity-type", ["NORMAL"]),
            Filter::new("auto-scaling-group-id", [WEB]),
            Filter::new("refresh-activity-status-code", ["SUCCESSFUL", "FAILED"]),
        ])
        .await?;
    assert_eq!(normal.total_count, 1);
    assert_eq!(normal.refresh_activity_set[0].refresh_activity_id, id);
    let none = client
        .describe_refresh_activities()
        .filters([Filter::new("refresh-activity-id", ["asr-00000000"])])
        .await?;
    assert_eq!(none.total_count, 0);
    Ok(())
}

#[tokio::test]
async fn describe_refuses_bad_queries() -> TestResult {
    let (_emulator, _, client) = start_v3(account())?;
    let both = client
        .describe_refresh_activities()
        .refresh_activity_ids(["asr-00000000"])
        .filters([Filter::new("refresh-activity-type", ["NORMAL"])])
        .await;
    assert_eq!(code(both), "InvalidParameter.Conflict");
    let unknown = client
        .describe_refresh_activities()
        .filters([Filter::new("activity-type", ["NORMAL"])])
        .await;
    assert_eq!(code(unknown), "InvalidParameterValue.InvalidFilter");
    let group = client
        .describe_refresh_activities()
        .filters([Filter::new("auto-scaling-group-id", ["web"])])
        .await;
    assert_eq!(
        code(group),
        "InvalidParameterValue.InvalidAutoScalingGroupId"
    );
    let limit = client.describe_refresh_activities().limit(101).await;
    assert_eq!(code(limit), "InvalidParameterValue.LimitExceeded");
    let values = client
        .describe_refresh_activities()
        .filters([Filter::new(
            "refresh-activity-id",
            ["a", "b", "c", "d", "e", "f"],
        )])
        .await;
    assert_eq!(code(values), "LimitExceeded.FilterValuesTooLong");
    let id = client
        .describe_refresh_activities()
        .refresh_activity_ids(["asa-00000000"])
        .await;
    assert_eq!(code(id), "InvalidParameterValue");
    Ok(())
}

#[tokio::test]
async fn start_refuses_what_the_documentation_lists() -> TestResult {
    let (emulator, _, client) = start_v3(account())?;
    let unknown = client
        .start_instance_refresh("asg-nothere1", settings(1))
        .await;
    assert_eq!(code(unknown), "ResourceNotFound.AutoScalingGroupIdNotFound");
    let malformed = client.start_instance_refresh("web", settings(1)).await;
    assert_eq!(code(malformed), "InvalidParameterValue");
    let disabled = client
        .start_instance_refresh("asg-demo0002", settings(1))
        .await;
    assert_eq!(
        code(disabled),
        "ResourceUnavailable.AutoScalingGroupAbnormalStatus"
    );
    let too_many = client.start_instance_refresh(WEB, settings(5)).await;
    assert_eq!(code(too_many), "InvalidParameterValue.BatchNumberTooLarge");
    let zero = client.start_instance_refresh(WEB, settings(0)).await;
    assert_eq!(code(zero), "InvalidParameterValue");
    let surge = client
        .start_instance_refresh(WEB, rolling(RollingUpdateSettings::new(2).max_surge(3)))
        .await;
    assert_eq!(code(surge), "InvalidParameterValue.MaxSurgeTooLarge");
    let missing = client
        .start_instance_refresh(WEB, RefreshSettings::new())
        .await;
    assert_eq!(code(missing), "MissingParameter");
    let timeout = client
        .start_instance_refresh(WEB, settings(1).check_instance_target_health_timeout(30))
        .await;
    assert_eq!(code(timeout), "InvalidParameterValue");
    let empty = client
        .create_auto_scaling_group(
            qcloud_as::v3::operation::create_auto_scaling_group::CreateAutoScalingGroupRequired {
                auto_scaling_group_name: "empty".into(),
                launch_configuration_id: OLD_LC.into(),
                max_size: 2,
                min_size: 0,
                vpc_id: "vpc-test0001".into(),
            },
        )
        .subnet_ids(["subnet-test0001"])
        .await?
        .auto_scaling_group_id;
    let nothing = client.start_instance_refresh(&empty, settings(1)).await;
    assert_eq!(code(nothing), "ResourceUnavailable.NoInstanceCanRefresh");
    // A scaling activity under way.
    client.modify_desired_capacity(WEB, 5).await?;
    let busy = client.start_instance_refresh(WEB, settings(1)).await;
    assert_eq!(code(busy), "ResourceUnavailable.AutoScalingGroupInActivity");
    tick(&emulator, 60);
    // A refresh under way.
    let id = client
        .start_instance_refresh(WEB, settings(5))
        .await?
        .refresh_activity_id;
    let second = client.start_instance_refresh(WEB, settings(1)).await;
    assert_eq!(
        code(second),
        "ResourceUnavailable.AutoScalingGroupInRefreshActivity"
    );
    // Nothing of a refused start was kept.
    let all = client.describe_refresh_activities().await?;
    assert_eq!(all.total_count, 1);
    assert_eq!(all.refresh_activity_set[0].refresh_activity_id, id);
    Ok(())
}

#[tokio::test]
async fn stop_resume_and_cancel_follow_the_statuses() -> TestResult {
    let (emulator, _, client) = start_v3(account())?;
    new_configuration(&client).await?;
    let pausing = RollingUpdateSettings::new(4).batch_pause(RefreshBatchPause::FirstBatchPause);
    let id = client
        .start_instance_refresh(WEB, rolling(pausing))
        .await?
        .refresh_activity_id;
    let unknown = client.stop_instance_refresh(WEB, "asr-00000000").await;
    assert_eq!(code(unknown), "ResourceNotFound.RefreshActivityNotFound");
    let other_group = client.stop_instance_refresh("asg-demo0002", &id).await;
    assert_eq!(
        code(other_group),
        "ResourceNotFound.RefreshActivityNotFound"
    );
    let idle = client.resume_instance_refresh(WEB, &id).await;
    assert_eq!(
        code(idle),
        "ResourceUnavailable.RefreshActivityStatusConflictWithOperation"
    );
    // The first batch runs, then the refresh pauses by itself.
    tick(&emulator, 5);
    let running = client.cancel_instance_refresh(WEB, &id).await;
    assert_eq!(
        code(running),
        "ResourceUnavailable.RefreshActivityStatusConflictWithOperation"
    );
    tick(&emulator, 30);
    let r = refresh(&client, &id).await?;
    assert_eq!(r.status, RefreshActivityStatus::AutoPause);
    assert_eq!(
        r.refresh_batch_set[1].refresh_batch_status,
        RefreshBatchStatus::Waiting
    );
    let paused = client.stop_instance_refresh(WEB, &id).await;
    assert_eq!(
        code(paused),
        "ResourceUnavailable.RefreshActivityStatusConflictWithOperation"
    );
    // Resumed, the second batch starts at once; a stop lets it finish, then pauses.
    client
        .resume_instance_refresh(WEB, &id)
        .resume_mode(ResumeMode::Continue)
        .await?;
    let r = refresh(&client, &id).await?;
    assert_eq!(r.status, RefreshActivityStatus::Running);
    assert_eq!(r.current_refresh_batch_num, 2);
    client.stop_instance_refresh(WEB, &id).await?;
    let r = refresh(&client, &id).await?;
    assert_eq!(r.status, RefreshActivityStatus::ManualPause);
    assert_eq!(
        r.refresh_batch_set[1].refresh_batch_status,
        RefreshBatchStatus::Running
    );
    let mid_batch = client.cancel_instance_refresh(WEB, &id).await;
    assert_eq!(
        code(mid_batch),
        "ResourceUnavailable.RefreshActivityStatusConflictWithOperation"
    );
    tick(&emulator, 30);
    let r = refresh(&client, &id).await?;
    assert_eq!(r.status, RefreshActivityStatus::ManualPause);
    assert_eq!(
        r.refresh_batch_set[1].refresh_batch_status,
        RefreshBatchStatus::Successful
    );
    assert_eq!(
        r.refresh_batch_set[2].refresh_batch_status,
        RefreshBatchStatus::Waiting
    );
    // Paused longer, nothing moves.
    tick(&emulator, 600);
    assert_eq!(refresh(&client, &id).await?.current_refresh_batch_num, 2);
    // Cancelled: the rest is dropped, the group enabled again.
    client.cancel_instance_refresh(WEB, &id).await?;
    let r = refresh(&client, &id).await?;
    assert_eq!(r.status, RefreshActivityStatus::Cancelled);
    assert!(r.end_time.is_some());
    for b in &r.refresh_batch_set[2..] {
        assert_eq!(b.refresh_batch_status, RefreshBatchStatus::Cancelled);
        assert!(b
            .refresh_batch_related_instance_set
            .iter()
            .all(|i| i.instance_status == RefreshInstanceStatus::Cancelled));
    }
    assert_eq!(enabled(&client, WEB).await?, "ENABLED");
    let resume = client.resume_instance_refresh(WEB, &id).await;
    assert_eq!(
        code(resume),
        "ResourceUnavailable.RefreshActivityStatusConflictWithOperation"
    );
    let rollback = client
        .rollback_instance_refresh(RollbackInstanceRefreshRequired {
            auto_scaling_group_id: WEB.into(),
            refresh_settings: settings(1),
            origin_refresh_activity_id: id.clone(),
        })
        .await;
    assert_eq!(
        code(rollback),
        "ResourceUnavailable.RefreshActivityCanNotRollback"
    );
    Ok(())
}

#[tokio::test]
async fn a_failed_batch_pauses_and_a_retry_refreshes_it_again() -> TestResult {
    let (emulator, _, client) = start_v3(account())?;
    let lc = new_configuration(&client).await?;
    // One instance of the first batch is refreshed, the other fails.
    emulator.fail_next_activity_after(WEB, ActivityFailure::SoldOut, 1)?;
    let id = client
        .start_instance_refresh(WEB, settings(2))
        .await?
        .refresh_activity_id;
    tick(&emulator, 35);
    let r = refresh(&client, &id).await?;
    assert_eq!(r.status, RefreshActivityStatus::FailedPause);
    let first = &r.refresh_batch_set[0];
    assert_eq!(
        first.refresh_batch_status,
        RefreshBatchStatus::PartiallySuccessful
    );
    let failed: Vec<&str> = first
        .refresh_batch_related_instance_set
        .iter()
        .filter(|i| i.instance_status == RefreshInstanceStatus::Failed)
        .map(|i| i.instance_id.as_str())
        .collect();
    assert_eq!(failed.len(), 1);
    let failed = failed[0].to_owned();
    assert!(first.refresh_batch_related_instance_set[1]
        .instance_status_message
        .contains("20000"));
    // A paused refresh can be rolled back; first retry it.
    client
        .resume_instance_refresh(WEB, &id)
        .resume_mode(ResumeMode::Retry)
        .await?;
    let r = refresh(&client, &id).await?;
    assert_eq!(r.status, RefreshActivityStatus::Running);
    assert_eq!(r.current_refresh_batch_num, 1);
    tick(&emulator, 30);
    let r = refresh(&client, &id).await?;
    assert_eq!(
        r.refresh_batch_set[0].refresh_batch_status,
        RefreshBatchStatus::Successful
    );
    assert_eq!(r.current_refresh_batch_num, 2);
    let configs = members(&client, WEB).await?;
    assert!(configs.iter().any(|(i, c)| *i == failed && *c == lc));
    tick(&emulator, 30);
    assert_eq!(
        refresh(&client, &id).await?.status,
        RefreshActivityStatus::Successful
    );
    Ok(())
}

#[tokio::test]
async fn a_failed_batch_cancels_or_rolls_back_by_its_fail_process() -> TestResult {
    let (emulator, _, client) = start_v3(account())?;
    new_configuration(&client).await?;
    emulator.fail_next_activity(WEB, ActivityFailure::Quota)?;
    let cancel = RollingUpdateSettings::new(2).fail_process(FailProcess::AutoCancel);
    let id = client
        .start_instance_refresh(WEB, rolling(cancel))
        .await?
        .refresh_activity_id;
    tick(&emulator, 35);
    let r = refresh(&client, &id).await?;
    assert_eq!(r.status, RefreshActivityStatus::Cancelled);
    assert_eq!(
        r.refresh_batch_set[0].refresh_batch_status,
        RefreshBatchStatus::Failed
    );
    assert_eq!(
        r.refresh_batch_set[1].refresh_batch_status,
        RefreshBatchStatus::Cancelled
    );
    assert_eq!(enabled(&client, WEB).await?, "ENABLED");

    // AUTO_ROLLBACK: the first batch succeeds, the second fails; what was refreshed goes back,
    // one instance per batch.
    let back = RollingUpdateSettings::new(2).fail_process(FailProcess::AutoRollback);
    let id = client
        .start_instance_refresh(WEB, rolling(back))
        .await?
        .refresh_activity_id;
    tick(&emulator, 35);
    emulator.fail_next_activity(WEB, ActivityFailure::Balance)?;
    tick(&emulator, 30);
    let r = refresh(&client, &id).await?;
    assert_eq!(r.status, RefreshActivityStatus::Failed);
    let rollbacks = client
        .describe_refresh_activities()
        .filters([Filter::new("refresh-activity-type", ["ROLLBACK"])])
        .await?;
    assert_eq!(rollbacks.total_count, 1);
    let rollback = &rollbacks.refresh_activity_set[0];
    assert_eq!(rollback.origin_refresh_activity_id, id);
    assert_eq!(rollback.refresh_batch_set.len(), 2);
    assert_eq!(enabled(&client, WEB).await?, "DISABLED");
    tick(&emulator, 5 + 2 * 30);
    let done = refresh(&client, &rollback.refresh_activity_id).await?;
    assert_eq!(done.status, RefreshActivityStatus::Successful);
    assert!(members(&client, WEB)
        .await?
        .iter()
        .all(|(_, c)| c == OLD_LC));
    assert_eq!(enabled(&client, WEB).await?, "ENABLED");
    Ok(())
}

#[tokio::test]
async fn replace_mode_launches_new_instances_and_a_surge() -> TestResult {
    let (emulator, _, client) = start_v3(account())?;
    let lc = new_configuration(&client).await?;
    let before: Vec<String> = members(&client, WEB)
        .await?
        .into_iter()
        .map(|m| m.0)
        .collect();
    let id = client
        .start_instance_refresh(WEB, rolling(RollingUpdateSettings::new(2).max_surge(1)))
        .refresh_mode(RefreshMode::RollingUpdateReplace)
        .await?
        .refresh_activity_id;
    tick(&emulator, 5);
    // The surge instance joined.
    assert_eq!(members(&client, WEB).await?.len(), 5);
    tick(&emulator, 60);
    let r = refresh(&client, &id).await?;
    assert_eq!(r.status, RefreshActivityStatus::Successful);
    let after = members(&client, WEB).await?;
    assert_eq!(after.len(), 4, "the surge instance is gone: {after:?}");
    assert!(after.iter().all(|(i, c)| !before.contains(i) && *c == lc));
    assert!(r.refresh_batch_set[0].refresh_batch_related_instance_set[0]
        .instance_status_message
        .starts_with("replaced by ins-"));
    // The instances the group launched are terminated; the attached one stays in the account.
    let state = emulator.state();
    assert!(state.instance("ins-demo0001").is_none());
    assert!(state.instance("ins-demo0004").is_some());
    let rollback = client
        .rollback_instance_refresh(RollbackInstanceRefreshRequired {
            auto_scaling_group_id: WEB.into(),
            refresh_settings: settings(1),
            origin_refresh_activity_id: id,
        })
        .await;
    assert_eq!(
        code(rollback),
        "ResourceUnavailable.RefreshActivityCanNotRollback"
    );
    Ok(())
}

#[tokio::test]
async fn rollback_refusals_and_instances_gone_meanwhile() -> TestResult {
    let (emulator, _, client) = start_v3(account())?;
    new_configuration(&client).await?;
    let rollback = |origin: &str, s: RefreshSettings| {
        client.rollback_instance_refresh(RollbackInstanceRefreshRequired {
            auto_scaling_group_id: WEB.into(),
            refresh_settings: s,
            origin_refresh_activity_id: origin.into(),
        })
    };
    let unknown = rollback("asr-00000000", settings(1)).await;
    assert_eq!(code(unknown), "ResourceNotFound");
    let id = client
        .start_instance_refresh(WEB, settings(2))
        .await?
        .refresh_activity_id;
    let running = rollback(&id, settings(1)).await;
    assert_eq!(
        code(running),
        "ResourceUnavailable.RefreshActivityStatusConflictWithOperation"
    );
    tick(&emulator, 5);
    // An instance of the second batch leaves the group while the first runs (the group is
    // disabled, so MinSize is not checked).
    let r = refresh(&client, &id).await?;
    let leaving = r.refresh_batch_set[1].refresh_batch_related_instance_set[0]
        .instance_id
        .clone();
    client.detach_instances(WEB, [leaving.as_str()]).await?;
    client.stop_instance_refresh(WEB, &id).await?;
    tick(&emulator, 30);
    let r = refresh(&client, &id).await?;
    assert_eq!(r.status, RefreshActivityStatus::ManualPause);
    // Paused: the rollback may not take a surge nor replace.
    let surge = rollback(&id, rolling(RollingUpdateSettings::new(1).max_surge(1))).await;
    assert_eq!(code(surge), "InvalidParameterValue");
    let too_many = rollback(&id, settings(3)).await;
    assert_eq!(code(too_many), "InvalidParameterValue.BatchNumberTooLarge");
    // The paused refresh is rolled back: its own rest is dropped.
    let back = rollback(&id, settings(2)).await?.refresh_activity_id;
    let r = refresh(&client, &id).await?;
    assert_eq!(r.status, RefreshActivityStatus::Cancelled);
    assert_eq!(
        r.refresh_batch_set[1].refresh_batch_status,
        RefreshBatchStatus::Cancelled
    );
    let other = client.start_instance_refresh(WEB, settings(1)).await;
    assert_eq!(
        code(other),
        "ResourceUnavailable.AutoScalingGroupInRefreshActivity"
    );
    tick(&emulator, 65);
    assert_eq!(
        refresh(&client, &back).await?.status,
        RefreshActivityStatus::Successful
    );

    // A refresh whose only refreshed instance has left has nothing to roll back.
    let id = client
        .start_instance_refresh(WEB, settings(3))
        .await?
        .refresh_activity_id;
    tick(&emulator, 5);
    let r = refresh(&client, &id).await?;
    let gone: Vec<String> = r.refresh_batch_set[0]
        .refresh_batch_related_instance_set
        .iter()
        .map(|i| i.instance_id.clone())
        .collect();
    let later = r.refresh_batch_set[1].refresh_batch_related_instance_set[0]
        .instance_id
        .clone();
    client.stop_instance_refresh(WEB, &id).await?;
    tick(&emulator, 30);
    client
        .remove_instances(WEB, gone.iter().map(String::as_str))
        .await?;
    let nothing = rollback(&id, settings(1)).await;
    assert_eq!(code(nothing), "ResourceUnavailable.NoInstanceCanRollback");
    // Resumed, an instance removed before its batch is NOT_FOUND.
    client.remove_instances(WEB, [later.as_str()]).await?;
    client.resume_instance_refresh(WEB, &id).await?;
    tick(&emulator, 30);
    let r = refresh(&client, &id).await?;
    assert_eq!(
        r.refresh_batch_set[1].refresh_batch_related_instance_set[0].instance_status,
        RefreshInstanceStatus::NotFound
    );
    Ok(())
}

#[tokio::test]
async fn refreshes_live_in_the_state_file() -> TestResult {
    let (emulator, _, client) = start_v3(account())?;
    let id = client
        .start_instance_refresh(WEB, settings(2))
        .await?
        .refresh_activity_id;
    tick(&emulator, 5);
    let state = emulator.state();
    assert_eq!(state.version, 3);
    let json = state.to_json_pretty();
    assert!(json.contains("\"refreshes\""), "{json}");
    let loaded = State::from_yaml_str(&json, "saved")?;
    assert_eq!(loaded.refreshes, state.refreshes);
    // Loaded into a new emulator, the refresh goes on from where it was.
    let (again, _, client) = start_v3(loaded)?;
    again.set_time(emulator.now());
    tick(&again, 60);
    assert_eq!(
        refresh(&client, &id).await?.status,
        RefreshActivityStatus::Successful
    );
    // A format-2 document loads (and has no refreshes); one with refreshes is refused,
    // naming what changed.
    let v2 = "version: 2\ncredentials:\n  - {secretId: AKIDx, secretKey: k}\n";
    assert_eq!(State::from_yaml_str(v2, "v2")?.version, 3);
    let with = json.replacen("\"version\": 3", "\"version\": 2", 1);
    let refused = State::from_yaml_str(&with, "old.json")
        .err()
        .map(|e| e.to_string());
    let refused = refused.unwrap_or_default();
    assert!(refused.contains("format 3 added them"), "{refused}");
    Ok(())
}
