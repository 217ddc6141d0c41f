//! API 3.0 instance refresh through the SDK's `qcloud_as::v3::Client` over HTTP: stopping,
//! resuming and cancelling refreshes, failed batches and their fail processes, the replace mode
//! with a surge, and the refusals of RollbackInstanceRefresh.

mod common;

use common::refresh::*;
use common::v3::*;
use qcloud_as::v3::operation::rollback_instance_refresh::RollbackInstanceRefreshRequired;
use qcloud_as::v3::types::{
    FailProcess, Filter, RefreshActivityStatus, RefreshBatchPause, RefreshBatchStatus,
    RefreshInstanceStatus, RefreshMode, RefreshSettings, ResumeMode, RollingUpdateSettings,
};
use qcloud_as_emulator::ActivityFailure;

type TestResult = Result<(), Box<dyn std::error::Error>>;

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
