//! API 3.0 instance refresh through the SDK's `qcloud_as::v3::Client` over HTTP: a refresh and
//! its rollback moving batch by batch on the virtual clock, DescribeRefreshActivities, the
//! refusals of StartInstanceRefresh, and refreshes in the state file. Stop, resume, cancel,
//! failures and rollback refusals are in `v3_refresh_control.rs`.

mod common;

use common::refresh::*;
use common::v3::*;
use qcloud_as::operation::enabled_scaling_group::GroupEnabled;
use qcloud_as::v3::operation::rollback_instance_refresh::RollbackInstanceRefreshRequired;
use qcloud_as::v3::types::{
    Filter, RefreshActivityStatus, RefreshBatchStatus, RefreshInstanceStatus, RefreshMode,
    RefreshSettings, RollingUpdateSettings,
};
use qcloud_as_emulator::State;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The `codeDesc` of a failed API 2.0 call (or what else happened).
fn code_desc<T: std::fmt::Debug, E: qcloud_as::ErrorTable + std::fmt::Debug>(
    result: Result<T, qcloud_as::Error<E>>,
) -> String {
    match result {
        Err(qcloud_as::Error::Service(e)) => e.meta().code_desc().to_owned(),
        other => format!("not a service error: {other:?}"),
    }
}

#[tokio::test]
async fn a_refresh_moves_batch_by_batch_and_a_rollback_undoes_it() -> TestResult {
    let (emulator, v2, client) = start_v3(account())?;
    let lc = new_configuration(&client).await?;
    let id = client
        .start_instance_refresh(WEB, settings(2))
        .await?
        .refresh_activity_id;
    assert!(id.starts_with("asr-"), "{id}");
    // API 2.0 may not enable the group either.
    let v2_enable = v2.enabled_scaling_group(WEB, GroupEnabled::Enabled).await;
    assert_eq!(code_desc(v2_enable), "OperationFailed");
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
async fn refreshes_live_in_the_state_file() -> TestResult {
    let (emulator, _, client) = start_v3(account())?;
    let id = client
        .start_instance_refresh(WEB, settings(2))
        .await?
        .refresh_activity_id;
    tick(&emulator, 5);
    let state = emulator.state();
    assert_eq!(state.version, 4);
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
    assert_eq!(State::from_yaml_str(v2, "v2")?.version, 4);
    let with = json.replacen("\"version\": 4", "\"version\": 2", 1);
    let refused = State::from_yaml_str(&with, "old.json")
        .err()
        .map(|e| e.to_string());
    let refused = refused.unwrap_or_default();
    // What format 2 does not have is named (format 4's launch configurations come first).
    assert!(
        refused.contains("format 2 has no") && refused.contains("added them"),
        "{refused}"
    );
    Ok(())
}

#[tokio::test]
async fn a_refresh_written_in_a_state_file_is_described() -> TestResult {
    let state = State::from_yaml_str(
        r#"
version: 3
credentials:
  - {secretId: AKIDexample, secretKey: example-key}
instances:
  - {instanceId: ins-0000aaaa, state: Running}
scalingConfigurations:
  - {scalingConfigurationId: asc-0000aaaa, scalingConfigurationName: old}
  - {scalingConfigurationId: asc-0000bbbb, scalingConfigurationName: new}
scalingGroups:
  - scalingGroupId: asg-0000aaaa
    scalingGroupName: web
    scalingConfigurationId: asc-0000bbbb
    minSize: 0
    maxSize: 5
    instances:
      - {instanceId: ins-0000aaaa, creationType: Auto, scalingConfigurationId: asc-0000bbbb}
refreshes:
  - refreshId: asr-0000aaaa
    groupId: asg-0000aaaa
    kind: normal
    mode: reset
    settings: {batchNumber: 1, batchPause: automatic, maxSurge: 0, failProcess: pause,
               checkTargetHealth: false, checkTargetHealthTimeout: 1800}
    status: successful
    currentBatch: 1
    batches:
      - status: successful
        started: 1767225605
        ended: 1767225635
        instances:
          - {instanceId: ins-0000aaaa, status: successful, target: asc-0000bbbb,
             previous: asc-0000aaaa, activity: asa-0000bbbb}
    created: 1767225600
    started: 1767225605
    ended: 1767225635
    groupWasEnabled: true
"#,
        "inline",
    )?;
    let (_emulator, _, client) = start_v3(state)?;
    let r = refresh(&client, "asr-0000aaaa").await?;
    assert_eq!(r.status, RefreshActivityStatus::Successful);
    assert_eq!(r.created_time.as_str(), "2026-01-01T00:00:00Z");
    let instance = &r.refresh_batch_set[0].refresh_batch_related_instance_set[0];
    assert_eq!(instance.last_activity_id, "asa-0000bbbb");
    // It can be rolled back: the instance goes back to asc-0000aaaa.
    let back = client
        .rollback_instance_refresh(RollbackInstanceRefreshRequired {
            auto_scaling_group_id: "asg-0000aaaa".into(),
            refresh_settings: settings(1),
            origin_refresh_activity_id: "asr-0000aaaa".into(),
        })
        .await?;
    assert!(back.refresh_activity_id.starts_with("asr-"));
    // A refresh of a group the state does not have is refused on load.
    let bad = State::from_yaml_str(
        "version: 3\ncredentials: [{secretId: a, secretKey: b}]\nrefreshes:\n  - {refreshId: \
         asr-0000aaaa, groupId: asg-nothere1, kind: normal, mode: reset, settings: {batchNumber: \
         1, batchPause: automatic, maxSurge: 0, failProcess: pause, checkTargetHealth: false, \
         checkTargetHealthTimeout: 1800}, status: init, batches: [{status: waiting, instances: \
         []}], created: 0}\n",
        "bad.yaml",
    )
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(
        bad.contains("refreshes[0]") && bad.contains("asg-nothere1"),
        "{bad}"
    );
    Ok(())
}

#[tokio::test]
async fn a_group_keeps_a_window_of_ended_refreshes() -> TestResult {
    let (_emulator, _, client) = start_v3(account())?;
    let mut ids = Vec::new();
    // Started and cancelled at once, 101 times: the oldest is forgotten.
    for _ in 0..101 {
        let id = client
            .start_instance_refresh(WEB, settings(1))
            .await?
            .refresh_activity_id;
        client.cancel_instance_refresh(WEB, &id).await?;
        ids.push(id);
    }
    let all = client.describe_refresh_activities().limit(100).await?;
    assert_eq!(all.total_count, 100);
    assert_eq!(all.refresh_activity_set[0].refresh_activity_id, ids[100]);
    let oldest = client
        .describe_refresh_activities()
        .refresh_activity_ids([ids[0].as_str()])
        .await?;
    assert_eq!(oldest.total_count, 0);
    Ok(())
}
