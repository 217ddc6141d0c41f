//! Scaling policies run: by hand (ExecuteScalingPolicy) and by reported metrics on the
//! virtual clock.

use super::*;
use qcloud_as::types::MetricName as V2Metric;
use qcloud_as::v3::types::{
    AdjustmentType, ComparisonOperator, Filter, MetricName, PredefinedMetricType, ScalingPolicyType,
};
use qcloud_as_emulator::State;
use std::time::Duration;

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
