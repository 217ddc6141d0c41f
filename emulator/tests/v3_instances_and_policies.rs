//! API 3.0 through the SDK's `qcloud_as::v3::Client` over HTTP: standby, start/stop, scaling
//! out and in by a count, and scaling policies (simple and target tracking: create, describe
//! with filters and paging, modify, delete, execute, and driven by reported metrics on the
//! virtual clock), with policies shared with API 2.0.

mod common;

use common::v3::*;
use qcloud_as::types::{AdjustmentType as V2Adjustment, MetricName as V2Metric};
use qcloud_as::v3::types::{
    AdjustmentType, ComparisonOperator, Filter, MetricAlarm, MetricAlarmRequired, MetricName,
    PredefinedMetricType, ScalingPolicyType, StoppedMode,
};
use qcloud_as_emulator::State;
use std::time::Duration;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Active, min 1, max 5, three launched and one attached member, no desired capacity.
const WEB: &str = "asg-demo0001";
/// Disabled, min 0, max 3, one member.
const BATCH: &str = "asg-demo0002";

async fn states(
    client: &qcloud_as::v3::Client,
) -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
    let out = client
        .describe_auto_scaling_instances()
        .filters([Filter::new("auto-scaling-group-id", [WEB])])
        .await?;
    Ok(out
        .auto_scaling_instance_set
        .iter()
        .map(|i| {
            (
                i.instance_id.clone(),
                i.life_cycle_state.as_str().to_owned(),
            )
        })
        .collect())
}

async fn desired(
    client: &qcloud_as::v3::Client,
    group: &str,
) -> Result<i64, Box<dyn std::error::Error>> {
    let out = client
        .describe_auto_scaling_groups()
        .auto_scaling_group_ids([group])
        .await?;
    Ok(out.auto_scaling_group_set[0].desired_capacity)
}

/// The type, status and cause of activity `id`.
async fn activity(
    client: &qcloud_as::v3::Client,
    id: &str,
) -> Result<(String, String, String), Box<dyn std::error::Error>> {
    let out = client
        .describe_auto_scaling_activities()
        .activity_ids([id])
        .await?;
    let a = &out.activity_set[0];
    Ok((
        a.activity_type.as_str().to_owned(),
        a.status_code.as_str().to_owned(),
        a.cause.clone(),
    ))
}

fn alarm(
    metric: MetricName,
    op: ComparisonOperator,
    threshold: i64,
    period: i64,
    times: i64,
) -> MetricAlarm {
    MetricAlarm::new(MetricAlarmRequired {
        comparison_operator: op,
        metric_name: metric,
        threshold,
        period,
        continuous_time: times,
    })
}

fn cpu_over(threshold: i64) -> MetricAlarm {
    alarm(
        MetricName::CpuUtilization,
        ComparisonOperator::GreaterThan,
        threshold,
        300,
        3,
    )
}

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
        ("DETACH_INSTANCES", "SUCCESSFUL")
    );
    assert!(cause.contains("standby"), "{cause}");
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
    client.scale_in_instances(WEB, 2).await?;
    emulator.advance(Duration::from_secs(60));
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
        .iter()
        .all(|(_, s)| s == "IN_SERVICE"));
    assert_eq!(desired(&client, WEB).await?, 2);
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
    assert_eq!(activity(&client, &id).await?.0, "STOP_INSTANCES");
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

#[tokio::test]
async fn policies_are_created_described_modified_and_deleted() -> TestResult {
    let (_emulator, _, client) = start_v3(State::demo())?;
    let simple = client
        .create_scaling_policy(WEB, "cpu-high")
        .adjustment_type(AdjustmentType::ChangeInCapacity)
        .adjustment_value(1)
        .metric_alarm(cpu_over(80))
        .await?
        .auto_scaling_policy_id;
    let tracking = client
        .create_scaling_policy(WEB, "cpu-50")
        .scaling_policy_type(ScalingPolicyType::TargetTracking)
        .predefined_metric_type(PredefinedMetricType::AsgAvgCpuUtilization)
        .target_value(50)
        .await?
        .auto_scaling_policy_id;
    let all = client.describe_scaling_policies().await?;
    assert_eq!(all.total_count, 2);
    let p = &all.scaling_policy_set[0];
    assert_eq!(
        (
            p.auto_scaling_policy_id.as_str(),
            p.cooldown,
            p.metric_alarm.threshold
        ),
        (simple.as_str(), 300, 80)
    );
    let t = &all.scaling_policy_set[1];
    assert_eq!(
        (
            t.target_value,
            t.estimated_instance_warmup,
            t.disable_scale_in
        ),
        (Some(50), Some(300), Some(false))
    );
    let by_type = client
        .describe_scaling_policies()
        .filters([
            Filter::new("scaling-policy-type", ["TARGET_TRACKING"]),
            Filter::new("auto-scaling-group-id", [WEB]),
        ])
        .await?;
    assert_eq!(
        (
            by_type.total_count,
            by_type.scaling_policy_set[0]
                .auto_scaling_policy_id
                .as_str()
        ),
        (1, tracking.as_str())
    );
    let page = client
        .describe_scaling_policies()
        .limit(1)
        .offset(1)
        .await?;
    assert_eq!((page.total_count, page.scaling_policy_set.len()), (2, 1));
    assert_eq!(page.scaling_policy_set[0].auto_scaling_policy_id, tracking);
    let conflict = client
        .describe_scaling_policies()
        .auto_scaling_policy_ids([simple.as_str()])
        .filters([Filter::new("scaling-policy-name", ["x"])])
        .await;
    assert_eq!(code(conflict), "InvalidParameter.Conflict");
    assert_eq!(
        code(
            client
                .describe_scaling_policies()
                .auto_scaling_policy_ids(["bad"])
                .await
        ),
        "InvalidParameterValue.InvalidAutoScalingPolicyId"
    );
    assert_eq!(
        code(
            client
                .describe_scaling_policies()
                .filters([Filter::new("nme", ["x"])])
                .await
        ),
        "InvalidParameterValue.InvalidFilter"
    );
    // Creation refusals.
    let simple_call = |group: &str, name: &str| {
        client
            .create_scaling_policy(group, name)
            .adjustment_type(AdjustmentType::ChangeInCapacity)
            .adjustment_value(1)
    };
    assert_eq!(
        code(
            simple_call(BATCH, "cpu-high")
                .metric_alarm(cpu_over(80))
                .await
        ),
        "InvalidParameterValue.ScalingPolicyNameDuplicate"
    );
    assert_eq!(code(simple_call(WEB, "no-alarm").await), "MissingParameter");
    assert_eq!(
        code(simple_call(WEB, "hot").metric_alarm(cpu_over(101)).await),
        "InvalidParameterValue.ThresholdOutOfRange"
    );
    let odd = alarm(
        MetricName::CpuUtilization,
        ComparisonOperator::GreaterThan,
        80,
        120,
        3,
    );
    assert_eq!(
        code(simple_call(WEB, "odd").metric_alarm(odd).await),
        "InvalidParameterValue.Range"
    );
    assert_eq!(
        code(
            simple_call("asg-nosuch00", "x")
                .metric_alarm(cpu_over(80))
                .await
        ),
        "ResourceNotFound.AutoScalingGroupNotFound"
    );
    assert_eq!(
        code(
            simple_call(WEB, &"n".repeat(61))
                .metric_alarm(cpu_over(80))
                .await
        ),
        "InvalidParameterValue.TooLong"
    );
    let exact = client
        .create_scaling_policy(WEB, "neg")
        .adjustment_type(AdjustmentType::ExactCapacity)
        .adjustment_value(-1)
        .metric_alarm(cpu_over(80))
        .await;
    assert_eq!(code(exact), "InvalidParameterValue.Range");
    let tracker = |name: &str, target: i64| {
        client
            .create_scaling_policy(WEB, name)
            .scaling_policy_type(ScalingPolicyType::TargetTracking)
            .predefined_metric_type(PredefinedMetricType::AsgAvgCpuUtilization)
            .target_value(target)
    };
    assert_eq!(
        code(tracker("again", 60).await),
        "LimitExceeded.TargetTrackingScalingPolicy"
    );
    assert_eq!(
        code(tracker("full", 100).await),
        "InvalidParameterValue.Range"
    );
    // Modify.
    client
        .modify_scaling_policy(&simple)
        .scaling_policy_name("cpu-very-high")
        .adjustment_value(2)
        .metric_alarm(cpu_over(90))
        .await?;
    client
        .modify_scaling_policy(&tracking)
        .target_value(60)
        .disable_scale_in(true)
        .await?;
    let both = client
        .describe_scaling_policies()
        .auto_scaling_policy_ids([simple.as_str(), tracking.as_str()])
        .await?;
    let (s, t) = (&both.scaling_policy_set[0], &both.scaling_policy_set[1]);
    assert_eq!(
        (
            s.scaling_policy_name.as_str(),
            s.adjustment_value,
            s.metric_alarm.threshold
        ),
        ("cpu-very-high", 2, 90)
    );
    assert_eq!((t.target_value, t.disable_scale_in), (Some(60), Some(true)));
    assert_eq!(
        code(client.modify_scaling_policy(&simple).target_value(10).await),
        "InvalidParameter"
    );
    assert_eq!(
        code(
            client
                .modify_scaling_policy(&tracking)
                .target_value(0)
                .await
        ),
        "InvalidParameterValue.Range"
    );
    assert_eq!(
        code(
            client
                .modify_scaling_policy(&simple)
                .scaling_policy_name("cpu-50")
                .await
        ),
        "InvalidParameterValue.ScalingPolicyNameDuplicate"
    );
    assert_eq!(
        code(
            client
                .modify_scaling_policy("asp-nosuch00")
                .cooldown(1)
                .await
        ),
        "ResourceNotFound.ScalingPolicyNotFound"
    );
    assert_eq!(
        code(client.modify_scaling_policy("nope").cooldown(1).await),
        "InvalidParameterValue.InvalidAutoScalingPolicyId"
    );
    // Delete.
    client.delete_scaling_policy(&simple).await?;
    assert_eq!(
        client
            .describe_scaling_policies()
            .auto_scaling_policy_ids([simple.as_str()])
            .await?
            .total_count,
        0
    );
    assert_eq!(
        code(client.delete_scaling_policy(&simple).await),
        "ResourceNotFound.ScalingPolicyNotFound"
    );
    assert_eq!(
        code(client.delete_scaling_policy("x").await),
        "InvalidParameterValue.InvalidAutoScalingPolicyId"
    );
    Ok(())
}

#[tokio::test]
async fn both_protocols_share_one_policy_and_name_it_by_their_own_rules() -> TestResult {
    let (_emulator, v2, client) = start_v3(State::demo())?;
    let v3_id = client
        .create_scaling_policy(WEB, "up")
        .adjustment_type(AdjustmentType::ChangeInCapacity)
        .adjustment_value(2)
        .cooldown(60)
        .metric_alarm(cpu_over(70))
        .await?
        .auto_scaling_policy_id;
    let seen = v2.describe_scaling_policy(WEB).send().await?;
    let p = seen
        .scaling_policy_set
        .iter()
        .find(|p| p.scaling_policy_id == v3_id)
        .ok_or("not seen")?;
    assert_eq!(
        (p.adjustment_type.clone(), p.adjustment_value, p.cooldown),
        (V2Adjustment::QuantityChangeInCapacity, 2, 60)
    );
    assert_eq!(
        p.metric
            .as_ref()
            .map(|m| (m.dimension_name.clone(), m.threshold)),
        Some((V2Metric::CpuUsage, 70))
    );
    // API 2.0 changes it; API 3.0 sees the change.
    v2.modify_scaling_policy(WEB, &v3_id)
        .adjustment_value(3)
        .send()
        .await?;
    let after = client
        .describe_scaling_policies()
        .auto_scaling_policy_ids([v3_id.as_str()])
        .await?;
    assert_eq!(after.scaling_policy_set[0].adjustment_value, 3);
    // API 2.0's names are unique per group, API 3.0's in the account.
    v2.create_scaling_policy(
        qcloud_as::operation::create_scaling_policy::CreateScalingPolicyRequired {
            scaling_group_id: BATCH.into(),
            scaling_policy_name: "up".into(),
            metric: qcloud_as::types::Metric::new(qcloud_as::types::MetricRequired {
                dimension_name: V2Metric::MemUsage,
                comparison_operator: qcloud_as::types::ComparisonOperator::Less,
                threshold: 10,
            }),
            adjustment_type: V2Adjustment::TotalCapacity,
            adjustment_value: 1,
            cooldown: 300,
        },
    )
    .send()
    .await?;
    let v2_made = client
        .describe_scaling_policies()
        .filters([Filter::new("auto-scaling-group-id", [BATCH])])
        .await?;
    let q = &v2_made.scaling_policy_set[0];
    assert_eq!(
        (
            q.scaling_policy_name.as_str(),
            q.adjustment_type.as_str(),
            q.metric_alarm.metric_name.as_str()
        ),
        ("up", "EXACT_CAPACITY", "MEM_UTILIZATION")
    );
    assert_eq!(
        code(
            client
                .create_scaling_policy(BATCH, "up")
                .adjustment_type(AdjustmentType::ChangeInCapacity)
                .adjustment_value(1)
                .metric_alarm(cpu_over(80))
                .await
        ),
        "InvalidParameterValue.ScalingPolicyNameDuplicate"
    );
    // API 3.0 deletes API 2.0's; a target-tracking policy is not API 2.0's to show.
    client
        .delete_scaling_policy(&q.auto_scaling_policy_id)
        .await?;
    assert_eq!(
        v2.describe_scaling_policy(BATCH).send().await?.total_count,
        0
    );
    client
        .create_scaling_policy(BATCH, "track")
        .scaling_policy_type(ScalingPolicyType::TargetTracking)
        .predefined_metric_type(PredefinedMetricType::AsgAvgLanTrafficOut)
        .target_value(100)
        .await?;
    assert_eq!(
        v2.describe_scaling_policy(BATCH).send().await?.total_count,
        0
    );
    Ok(())
}

#[tokio::test]
async fn execute_runs_a_simple_policy_now_with_its_cooldown() -> TestResult {
    let (emulator, _, client) = start_v3(State::demo())?;
    let create = |name: &str, value: i64| {
        client
            .create_scaling_policy(WEB, name)
            .adjustment_type(AdjustmentType::ChangeInCapacity)
            .adjustment_value(value)
            .cooldown(600)
            .metric_alarm(cpu_over(80))
    };
    let up = create("up", 1).await?.auto_scaling_policy_id;
    let down = create("down", -1).await?.auto_scaling_policy_id;
    let id = client.execute_scaling_policy(&up).await?.activity_id;
    let (kind, _, cause) = activity(&client, &id).await?;
    assert_eq!(kind, "SCALE_OUT");
    assert!(cause.contains("up") && cause.contains(&up), "{cause}");
    assert_eq!(desired(&client, WEB).await?, 5);
    assert_eq!(
        code(client.execute_scaling_policy(&down).await),
        "ResourceUnavailable.AutoScalingGroupInActivity"
    );
    emulator.advance(Duration::from_secs(60));
    assert_eq!(states(&client).await?.len(), 5);
    // At MaxSize a scale-out would change nothing.
    assert_eq!(
        code(client.execute_scaling_policy(&up).await),
        "FailedOperation.NoActivityToGenerate"
    );
    // Cooling down for the policy's 600 s: refused only when asked to honour it.
    assert_eq!(
        code(
            client
                .execute_scaling_policy(&down)
                .honor_cooldown(true)
                .await
        ),
        "FailedOperation.NoActivityToGenerate"
    );
    client.execute_scaling_policy(&down).await?;
    assert_eq!(desired(&client, WEB).await?, 4);
    let tracking = client
        .create_scaling_policy(WEB, "track")
        .scaling_policy_type(ScalingPolicyType::TargetTracking)
        .predefined_metric_type(PredefinedMetricType::AsgAvgCpuUtilization)
        .target_value(50)
        .await?
        .auto_scaling_policy_id;
    assert_eq!(
        code(client.execute_scaling_policy(&tracking).await),
        "InvalidParameterValue.TargetTrackingScalingPolicy"
    );
    assert_eq!(
        code(client.execute_scaling_policy("asp-nosuch00").await),
        "ResourceNotFound.ScalingPolicyNotFound"
    );
    assert_eq!(
        code(client.execute_scaling_policy("x").await),
        "InvalidParameterValue.InvalidAutoScalingPolicyId"
    );
    let batch = client
        .create_scaling_policy(BATCH, "batch-up")
        .adjustment_type(AdjustmentType::ChangeInCapacity)
        .adjustment_value(1)
        .metric_alarm(cpu_over(80))
        .await?
        .auto_scaling_policy_id;
    assert_eq!(
        code(client.execute_scaling_policy(&batch).await),
        "ResourceInUse.AutoScalingGroupNotActive"
    );
    Ok(())
}

#[tokio::test]
async fn reported_metrics_drive_both_kinds_of_policy() -> TestResult {
    let (emulator, _, client) = start_v3(State::demo())?;
    client.modify_auto_scaling_group(WEB).max_size(10).await?;
    client
        .create_scaling_policy(WEB, "cpu-50")
        .scaling_policy_type(ScalingPolicyType::TargetTracking)
        .predefined_metric_type(PredefinedMetricType::AsgAvgCpuUtilization)
        .target_value(50)
        .estimated_instance_warmup(600)
        .await?;
    // 4 members at 90 %: after 3 minute ends above 50, ceil(4 × 90 / 50) = 8.
    emulator.report_metric(WEB, V2Metric::CpuUsage, 90.0)?;
    emulator.advance(Duration::from_secs(120));
    assert_eq!(
        emulator.state().group(WEB).and_then(|g| g.desired_capacity),
        None
    );
    emulator.advance(Duration::from_secs(60));
    assert_eq!(desired(&client, WEB).await?, 8);
    emulator.advance(Duration::from_secs(60));
    assert_eq!(states(&client).await?.len(), 8);
    // Still above, but warming up for 600 s: no more.
    emulator.advance(Duration::from_secs(400));
    assert_eq!(desired(&client, WEB).await?, 8);
    // Below 80 % of the target for 15 minutes: ceil(8 × 10 / 50) = 2.
    emulator.report_metric(WEB, V2Metric::CpuUsage, 10.0)?;
    emulator.advance(Duration::from_secs(14 * 60));
    assert_eq!(desired(&client, WEB).await?, 8);
    emulator.advance(Duration::from_secs(60));
    assert_eq!(desired(&client, WEB).await?, 2);
    let acts = client
        .describe_auto_scaling_activities()
        .filters([Filter::new("auto-scaling-group-id", [WEB])])
        .await?;
    assert!(
        acts.activity_set[0]
            .cause
            .contains("Target-tracking policy cpu-50"),
        "{:?}",
        acts.activity_set[0]
    );
    // A simple policy with a one-minute alarm fires after its 2 minute ends.
    emulator.advance(Duration::from_secs(600));
    client
        .create_scaling_policy(BATCH, "mem")
        .adjustment_type(AdjustmentType::ExactCapacity)
        .adjustment_value(2)
        .metric_alarm(alarm(
            MetricName::MemUtilization,
            ComparisonOperator::GreaterThanOrEqualTo,
            50,
            60,
            2,
        ))
        .await?;
    client.enable_auto_scaling_group(BATCH).await?;
    emulator.report_metric(BATCH, V2Metric::MemUsage, 50.0)?;
    emulator.advance(Duration::from_secs(60));
    assert_eq!(
        emulator
            .state()
            .group(BATCH)
            .and_then(|g| g.desired_capacity),
        None
    );
    emulator.advance(Duration::from_secs(60));
    assert_eq!(desired(&client, BATCH).await?, 2);
    Ok(())
}
