//! Scaling policies: create, describe (filters, paging), modify, delete; shared with API 2.0.

use super::*;
use qcloud_as::types::{AdjustmentType as V2Adjustment, MetricName as V2Metric};
use qcloud_as::v3::types::{
    AdjustmentType, ComparisonOperator, Filter, MetricName, PredefinedMetricType, ScalingPolicyType,
};
use qcloud_as_emulator::State;

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
        code(
            simple_call(WEB, "two words")
                .metric_alarm(cpu_over(80))
                .await
        ),
        "InvalidParameterValue"
    );
    simple_call(WEB, "中文_名.1-a")
        .metric_alarm(cpu_over(80))
        .await?;
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
async fn adjustment_values_are_bounded_in_api_2_0_only() -> TestResult {
    let (_emulator, v2, client) = start_v3(State::demo())?;
    let v2_call = |value: i64| {
        v2.create_scaling_policy(
            qcloud_as::operation::create_scaling_policy::CreateScalingPolicyRequired {
                scaling_group_id: WEB.into(),
                scaling_policy_name: format!("v2-{value}"),
                metric: qcloud_as::types::Metric::new(qcloud_as::types::MetricRequired {
                    dimension_name: V2Metric::CpuUsage,
                    comparison_operator: qcloud_as::types::ComparisonOperator::Greater,
                    threshold: 80,
                }),
                adjustment_type: V2Adjustment::QuantityChangeInCapacity,
                adjustment_value: value,
                cooldown: 300,
            },
        )
        .send()
    };
    match v2_call(31).await {
        Err(qcloud_as::Error::Service(e)) => {
            assert_eq!(
                qcloud_as::ErrorTable::meta(&e).code_desc(),
                "InvalidParameter.AdjustmentValue"
            );
        }
        other => panic!("API 2.0 accepted 31: {other:?}"),
    }
    v2_call(30).await?;
    let v3_id = client
        .create_scaling_policy(WEB, "v3-31")
        .adjustment_type(AdjustmentType::ChangeInCapacity)
        .adjustment_value(31)
        .metric_alarm(cpu_over(80))
        .await?
        .auto_scaling_policy_id;
    let shown = client
        .describe_scaling_policies()
        .auto_scaling_policy_ids([v3_id.as_str()])
        .await?;
    assert_eq!(shown.scaling_policy_set[0].adjustment_value, 31);
    Ok(())
}
