//! Alarm policies (Create/Describe/Modify/DeleteScalingPolicy) and scheduled tasks
//! (Create/Describe/Modify/DeleteScheduledTask), every rule, through the real client over HTTP.

mod common;

use common::*;
use qcloud_as::operation::create_scaling_policy::{
    CreateScalingPolicyError, CreateScalingPolicyRequest, CreateScalingPolicyRequired,
};
use qcloud_as::operation::create_scheduled_task::{
    CreateScheduledTaskError, CreateScheduledTaskRequest, CreateScheduledTaskRequired,
};
use qcloud_as::operation::delete_scaling_policy::DeleteScalingPolicyError;
use qcloud_as::operation::delete_scheduled_task::{
    DeleteScheduledTaskError, DeleteScheduledTaskRequest,
};
use qcloud_as::operation::describe_scaling_policy::{
    DescribeScalingPolicyError, DescribeScalingPolicyOutput, DescribeScalingPolicyRequest,
};
use qcloud_as::operation::describe_scheduled_task::{
    DescribeScheduledTaskError, DescribeScheduledTaskOutput, DescribeScheduledTaskRequest,
};
use qcloud_as::operation::modify_scaling_policy::ModifyScalingPolicyError;
use qcloud_as::operation::modify_scheduled_task::ModifyScheduledTaskError;
use qcloud_as::types::{
    AdjustmentType, ComparisonOperator, Metric, MetricName, MetricRequired, ScalingPolicy,
    ScalingPolicyRequired, ScheduledTask,
};
use qcloud_as::{CommonError, Error, HttpMethod};
use qcloud_as_emulator::state::policy_from_v2;
use qcloud_as_emulator::State;

const GROUP: &str = "asg-demo0001";
const OTHER_GROUP: &str = "asg-demo0002";
const NO_GROUP: &str = "asg-nosuch00";
const DEFAULT_POLICY: &str = "asp-default1";

fn metric(dimension_name: MetricName, threshold: i64) -> Metric {
    Metric::new(MetricRequired {
        dimension_name,
        comparison_operator: ComparisonOperator::Greater,
        threshold,
    })
}

fn cpu(threshold: i64) -> Metric {
    metric(MetricName::CpuUsage, threshold)
}

fn policy(group: &str, name: &str) -> CreateScalingPolicyRequired {
    CreateScalingPolicyRequired {
        scaling_group_id: group.into(),
        scaling_policy_name: name.into(),
        metric: cpu(80),
        adjustment_type: AdjustmentType::QuantityChangeInCapacity,
        adjustment_value: 1,
        cooldown: 300,
    }
}

fn task(group: &str, name: &str, start_time: &str) -> CreateScheduledTaskRequired {
    CreateScheduledTaskRequired {
        scaling_group_id: group.into(),
        scaling_scheduled_task_name: name.into(),
        readjust_max_size: 5,
        readjust_min_size: 1,
        start_time: start_time.into(),
    }
}

/// The state's (the domain's) policy of an API 2.0 record.
fn domain_policy(policy: ScalingPolicy) -> qcloud_as_emulator::domain::Policy {
    match policy_from_v2(&policy) {
        Ok(policy) => policy,
        Err(e) => panic!("{e}"),
    }
}

/// The demo state, with the default `UnhealthyInstance` policy in [`GROUP`].
fn with_default_policy() -> State {
    let mut state = State::demo();
    if let Some(group) = state.scaling_groups.first_mut() {
        group
            .scaling_policies
            .push(domain_policy(ScalingPolicy::new(ScalingPolicyRequired {
                scaling_policy_id: DEFAULT_POLICY.into(),
                scaling_policy_name: "default".into(),
                adjustment_type: AdjustmentType::UnhealthyInstance,
                adjustment_value: 0,
                cooldown: 0,
                create_time: "2026-01-01 00:00:00".into(),
            })));
    }
    state
}

fn is_time_text(text: &str) -> bool {
    text.len() == 19
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            10 => b == b' ',
            13 | 16 => b == b':',
            _ => b.is_ascii_digit(),
        })
}

fn is_id(id: &str, prefix: &str) -> bool {
    id.strip_prefix(prefix).is_some_and(|rest| {
        rest.len() == 8
            && rest
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

async fn create_policy(
    client: &qcloud_as::Client,
    required: CreateScalingPolicyRequired,
) -> Result<String, Box<dyn std::error::Error>> {
    let out = client.create_scaling_policy(required).send().await?;
    assert_eq!(out.scaling_policy_id_set.len(), 1, "{out:?}");
    Ok(out.scaling_policy_id_set[0].clone())
}

async fn describe_policy(
    client: &qcloud_as::Client,
    id: &str,
) -> Result<ScalingPolicy, Box<dyn std::error::Error>> {
    let out = client
        .describe_scaling_policy(GROUP)
        .scaling_policy_ids([id])
        .send()
        .await?;
    assert_eq!(out.total_count, 1, "{out:?}");
    Ok(out.scaling_policy_set[0].clone())
}

async fn create_task(
    client: &qcloud_as::Client,
    required: CreateScheduledTaskRequired,
) -> Result<String, Box<dyn std::error::Error>> {
    let out = client.create_scheduled_task(required).send().await?;
    assert_eq!(out.scaling_scheduled_task_ids.len(), 1, "{out:?}");
    Ok(out.scaling_scheduled_task_ids[0].clone())
}

async fn describe_task(
    client: &qcloud_as::Client,
    id: &str,
) -> Result<ScheduledTask, Box<dyn std::error::Error>> {
    let out = client
        .describe_scheduled_task(GROUP)
        .scaling_scheduled_task_ids([id])
        .send()
        .await?;
    assert_eq!(out.total_count, 1, "{out:?}");
    Ok(out.scaling_scheduled_task_set[0].clone())
}

// ---------------------------------------------------------------------------------------------
// Alarm policies.

#[tokio::test]
async fn created_policy_is_described_with_its_values() -> TestResult {
    let (emulator, client) = demo()?;
    let id = create_policy(
        &client,
        CreateScalingPolicyRequired {
            metric: metric(MetricName::MemUsage, 75),
            adjustment_type: AdjustmentType::PercentChangeInCapacity,
            adjustment_value: -50,
            cooldown: 120,
            ..policy(GROUP, "mem-high")
        },
    )
    .await?;
    assert!(is_id(&id, "asp-"), "{id}");

    let described = describe_policy(&client, &id).await?;
    assert_eq!(described.scaling_policy_id, id);
    assert_eq!(described.scaling_policy_name, "mem-high");
    assert_eq!(
        described.adjustment_type,
        AdjustmentType::PercentChangeInCapacity
    );
    assert_eq!(described.adjustment_value, -50);
    assert_eq!(described.cooldown, 120);
    assert!(is_time_text(&described.create_time), "{described:?}");
    // repeatTimes was not sent: the policy has the default, 3.
    assert_eq!(
        described.metric,
        Some(metric(MetricName::MemUsage, 75).repeat_times(3))
    );
    assert_eq!(described.notify_id_set, Some(Vec::new()));

    // The state holds it too, and only in its group.
    let state = emulator.state();
    assert_eq!(
        state.group(GROUP).map(|g| g.scaling_policies.len()),
        Some(1)
    );
    assert_eq!(
        state.group(OTHER_GROUP).map(|g| g.scaling_policies.len()),
        Some(0)
    );
    Ok(())
}

#[tokio::test]
async fn notify_ids_and_repeat_times_are_kept() -> TestResult {
    let (_emulator, client) = demo()?;
    let id = client
        .create_scaling_policy(CreateScalingPolicyRequired {
            metric: metric(MetricName::LanOuttraffic, 1_000_000).repeat_times(10),
            ..policy(GROUP, "traffic")
        })
        .notify_ids(["ug-1", "ug-2"])
        .send()
        .await?
        .scaling_policy_id_set
        .remove(0);
    let described = describe_policy(&client, &id).await?;
    assert_eq!(
        described.notify_id_set,
        Some(vec!["ug-1".to_owned(), "ug-2".to_owned()])
    );
    assert_eq!(
        described.metric.and_then(|m| m.repeat_times),
        Some(10),
        "repeatTimes as sent"
    );
    Ok(())
}

#[tokio::test]
async fn metric_is_sent_as_one_string_parameter_holding_json() -> TestResult {
    let (emulator, client) = demo()?;
    let request = CreateScalingPolicyRequest::new(CreateScalingPolicyRequired {
        metric: cpu(85).repeat_times(2),
        ..policy(GROUP, "json-on-the-wire")
    });
    let pairs = client.signed_params(&request, unix_now(), fresh_nonce())?;
    let metric_values: Vec<&String> = pairs
        .iter()
        .filter(|(k, _)| k == "metric")
        .map(|(_, v)| v)
        .collect();
    assert_eq!(metric_values.len(), 1, "{pairs:?}");
    assert!(
        !pairs.iter().any(|(k, _)| k.starts_with("metric.")),
        "no flattened members: {pairs:?}"
    );
    let document: serde_json::Value = serde_json::from_str(metric_values[0])?;
    assert_eq!(
        document,
        serde_json::json!({
            "dimensionName": "cpu_usage",
            "comparisonOperator": "Greater",
            "threshold": 85,
            "repeatTimes": 2
        })
    );

    // The emulator decodes the string back into the metric.
    let (status, body) = send_raw(&emulator, HttpMethod::Post, &pairs).await?;
    assert_eq!(status, 200);
    assert_eq!(body["code"], 0, "{body}");
    let stored = emulator
        .state()
        .group(GROUP)
        .and_then(|g| g.scaling_policies.first().cloned());
    let expected = domain_policy(
        ScalingPolicy::new(ScalingPolicyRequired {
            scaling_policy_id: "asp-any00000".into(),
            scaling_policy_name: "any".into(),
            adjustment_type: AdjustmentType::QuantityChangeInCapacity,
            adjustment_value: 1,
            cooldown: 0,
            create_time: "2026-01-01 00:00:00".into(),
        })
        .metric(cpu(85).repeat_times(2)),
    );
    assert_eq!(
        stored.and_then(|p| p.simple().and_then(|s| s.alarm.clone())),
        expected.simple().and_then(|s| s.alarm.clone())
    );
    Ok(())
}

/// CreateScalingPolicy with `metric` as any text: what another client might send.
#[derive(serde::Serialize)]
struct CreatePolicyWithRawMetric {
    #[serde(rename = "scalingGroupId")]
    scaling_group_id: String,
    #[serde(rename = "scalingPolicyName")]
    scaling_policy_name: String,
    metric: String,
    #[serde(rename = "adjustmentType")]
    adjustment_type: String,
    #[serde(rename = "adjustmentValue")]
    adjustment_value: i64,
    cooldown: i64,
}

impl qcloud_as::shape::Validate for CreatePolicyWithRawMetric {}

impl qcloud_as::Operation for CreatePolicyWithRawMetric {
    const ACTION: &'static str = "CreateScalingPolicy";
    type Output = qcloud_as::operation::create_scaling_policy::CreateScalingPolicyOutput;
    type Error = CreateScalingPolicyError;
}

#[tokio::test]
async fn metric_sent_as_hand_written_json_is_decoded_and_bad_json_refused() -> TestResult {
    let (emulator, client) = demo()?;
    let raw = |name: &str, metric: &str| CreatePolicyWithRawMetric {
        scaling_group_id: GROUP.into(),
        scaling_policy_name: name.into(),
        metric: metric.into(),
        adjustment_type: "TotalCapacity".into(),
        adjustment_value: 2,
        cooldown: 60,
    };
    // The page's own form of the document.
    let out = client
        .execute(&raw(
            "hand-written",
            r#"{"dimensionName":"lan_intraffic","comparisonOperator":"EqualOrGreater","threshold":2048}"#,
        ))
        .await?;
    let described = describe_policy(&client, &out.scaling_policy_id_set[0]).await?;
    assert_eq!(
        described.metric,
        Some(
            Metric::new(MetricRequired {
                dimension_name: MetricName::LanIntraffic,
                comparison_operator: ComparisonOperator::EqualOrGreater,
                threshold: 2048,
            })
            .repeat_times(3)
        )
    );
    let before = emulator.state();
    for bad in [
        "{not json",
        r#"{"dimensionName":"cpu_usage"}"#,
        r#"{"dimensionName":"disk_usage","comparisonOperator":"Greater","threshold":1}"#,
    ] {
        match client.execute(&raw("bad", bad)).await {
            Err(Error::Service(CreateScalingPolicyError::Common(
                CommonError::InvalidParameter(e),
            ))) => {
                assert_eq!(e.code(), 4000);
                assert!(e.message().contains("metric"), "{bad}: {e}");
            }
            other => panic!("{bad}: unexpected {other:?}"),
        }
    }
    assert_eq!(emulator.state(), before);
    Ok(())
}

#[tokio::test]
async fn describe_answers_the_metric_as_an_object_that_decodes_into_metric() -> TestResult {
    let (emulator, client) = demo()?;
    let id = create_policy(&client, policy(GROUP, "object")).await?;
    let request = DescribeScalingPolicyRequest::new(GROUP);
    let pairs = client.signed_params(&request, unix_now(), fresh_nonce())?;
    let (_, body) = send_raw(&emulator, HttpMethod::Post, &pairs).await?;
    assert_eq!(body["code"], 0, "{body}");
    let answered = &body["data"]["scalingPolicySet"][0];
    assert_eq!(answered["scalingPolicyId"], id.as_str());
    assert!(answered["metric"].is_object(), "{answered}");
    assert_eq!(answered["metric"]["dimensionName"], "cpu_usage");
    // The answer decodes with the client's own output type.
    let decoded: DescribeScalingPolicyOutput = serde_json::from_value(body["data"].clone())?;
    assert_eq!(
        decoded.scaling_policy_set[0].metric,
        Some(cpu(80).repeat_times(3))
    );
    Ok(())
}

#[test]
fn the_pages_example_answer_decodes() -> TestResult {
    // The shape of DescribeScalingPolicy's example: metric as an object, numbers as numbers or
    // strings.
    let data = r#"{
        "totalCount": 1,
        "scalingPolicySet": [{
            "scalingPolicyId": "asp-168y1thp",
            "scalingPolicyName": "cpu-high",
            "adjustmentType": "QuantityChangeInCapacity",
            "adjustmentValue": "2",
            "metric": {"comparisonOperator": "Greater", "dimensionName": "cpu_usage",
                       "threshold": "80", "repeatTimes": 3},
            "notifyIdSet": ["ug-1"],
            "cooldown": 300,
            "createTime": "2016-10-24 15:43:44"
        }]
    }"#;
    let out: DescribeScalingPolicyOutput = serde_json::from_str(data)?;
    let p = &out.scaling_policy_set[0];
    assert_eq!(p.adjustment_value, 2);
    assert_eq!(p.metric, Some(cpu(80).repeat_times(3)));
    Ok(())
}

#[tokio::test]
async fn adjustment_value_ranges_depend_on_the_type() -> TestResult {
    let (emulator, client) = demo()?;
    let cases = [
        (AdjustmentType::TotalCapacity, 0, true),
        (AdjustmentType::TotalCapacity, 30, true),
        (AdjustmentType::TotalCapacity, 31, false),
        (AdjustmentType::TotalCapacity, -1, false),
        (AdjustmentType::QuantityChangeInCapacity, -30, true),
        (AdjustmentType::QuantityChangeInCapacity, 30, true),
        (AdjustmentType::QuantityChangeInCapacity, -31, false),
        (AdjustmentType::QuantityChangeInCapacity, 31, false),
        (AdjustmentType::PercentChangeInCapacity, -100, true),
        (AdjustmentType::PercentChangeInCapacity, 100, true),
        (AdjustmentType::PercentChangeInCapacity, 101, false),
        (AdjustmentType::PercentChangeInCapacity, -101, false),
    ];
    let mut accepted = 0;
    for (n, (adjustment_type, adjustment_value, ok)) in cases.into_iter().enumerate() {
        let name = format!("p{n}");
        let result = client
            .create_scaling_policy(CreateScalingPolicyRequired {
                adjustment_type: adjustment_type.clone(),
                adjustment_value,
                ..policy(GROUP, &name)
            })
            .send()
            .await;
        match (ok, result) {
            (true, Ok(_)) => accepted += 1,
            (
                false,
                Err(Error::Service(CreateScalingPolicyError::InvalidParameterAdjustmentValue(e))),
            ) => {
                assert_eq!(e.code(), 4000);
                assert_eq!(e.code_desc(), "InvalidParameter.AdjustmentValue");
                assert!(e.message().contains("adjustmentValue"), "{e}");
            }
            (_, other) => panic!("{adjustment_type} {adjustment_value}: unexpected {other:?}"),
        }
    }
    assert_eq!(
        emulator
            .state()
            .group(GROUP)
            .map(|g| g.scaling_policies.len()),
        Some(accepted)
    );
    Ok(())
}

#[tokio::test]
async fn unhealthy_instance_cannot_be_created() -> TestResult {
    let (emulator, client) = demo()?;
    let err = client
        .create_scaling_policy(CreateScalingPolicyRequired {
            adjustment_type: AdjustmentType::UnhealthyInstance,
            ..policy(GROUP, "unhealthy")
        })
        .send()
        .await
        .err();
    match err {
        Some(Error::Service(
            CreateScalingPolicyError::InvalidParameterScalingPolicyAdjustmenttypeError(e),
        )) => {
            assert_eq!(e.code(), 4000);
            assert!(e.message().contains("UnhealthyInstance"), "{e}");
        }
        other => panic!("unexpected: {other:?}"),
    }
    assert_eq!(emulator.state(), State::demo());
    Ok(())
}

#[tokio::test]
async fn blank_policy_name_is_name_error() -> TestResult {
    let (emulator, client) = demo()?;
    for name in ["", "   "] {
        let err = client
            .create_scaling_policy(policy(GROUP, name))
            .send()
            .await
            .err();
        assert!(
            matches!(
                err,
                Some(Error::Service(
                    CreateScalingPolicyError::InvalidParameterScalingPolicyNameError(_)
                ))
            ),
            "{name:?}: {err:?}"
        );
    }
    assert_eq!(emulator.state(), State::demo());
    Ok(())
}

#[tokio::test]
async fn metric_thresholds_are_checked_per_metric() -> TestResult {
    let (emulator, client) = demo()?;
    for (n, bad) in [
        cpu(101),
        metric(MetricName::MemUsage, 150),
        metric(MetricName::LanIntraffic, 0),
        metric(MetricName::LanOuttraffic, 0),
    ]
    .into_iter()
    .enumerate()
    {
        let err = client
            .create_scaling_policy(CreateScalingPolicyRequired {
                metric: bad.clone(),
                ..policy(GROUP, &format!("bad{n}"))
            })
            .send()
            .await
            .err();
        match err {
            Some(Error::Service(CreateScalingPolicyError::InvalidParameterMetric(e))) => {
                assert_eq!(e.code(), 4000);
                assert_eq!(e.code_desc(), "InvalidParameter.Metric");
                assert!(e.message().contains("metric.threshold"), "{e}");
            }
            other => panic!("{bad:?}: unexpected {other:?}"),
        }
    }
    assert_eq!(emulator.state(), State::demo());
    // The limits themselves are accepted.
    for (n, good) in [cpu(0), cpu(100), metric(MetricName::LanIntraffic, 1)]
        .into_iter()
        .enumerate()
    {
        create_policy(
            &client,
            CreateScalingPolicyRequired {
                metric: good,
                ..policy(GROUP, &format!("good{n}"))
            },
        )
        .await?;
    }
    Ok(())
}

#[tokio::test]
async fn repeat_times_outside_1_to_10_is_refused_before_sending() -> TestResult {
    let (emulator, client) = demo()?;
    for repeat_times in [0, 11] {
        let err = client
            .create_scaling_policy(CreateScalingPolicyRequired {
                metric: cpu(50).repeat_times(repeat_times),
                ..policy(GROUP, "repeat")
            })
            .send()
            .await
            .err();
        match err {
            Some(Error::Validation(e)) => {
                assert!(e.parameter().contains("repeatTimes"), "{e}");
            }
            other => panic!("{repeat_times}: unexpected {other:?}"),
        }
    }
    assert_eq!(emulator.state(), State::demo());
    Ok(())
}

#[tokio::test]
async fn more_than_20_notify_ids_are_refused_before_sending() -> TestResult {
    let (_emulator, client) = demo()?;
    let ids: Vec<String> = (0..21).map(|n| format!("ug-{n}")).collect();
    let err = client
        .create_scaling_policy(policy(GROUP, "many"))
        .notify_ids(ids.clone())
        .send()
        .await
        .err();
    assert!(
        matches!(&err, Some(Error::Validation(e)) if e.parameter().contains("notifyIds")),
        "{err:?}"
    );
    // 20 is fine.
    client
        .create_scaling_policy(policy(GROUP, "many"))
        .notify_ids(ids.into_iter().take(20))
        .send()
        .await?;
    Ok(())
}

#[tokio::test]
async fn policy_names_are_unique_per_group() -> TestResult {
    let (emulator, client) = demo()?;
    create_policy(&client, policy(GROUP, "scale-out")).await?;
    let before = emulator.state();
    let err = client
        .create_scaling_policy(policy(GROUP, "scale-out"))
        .send()
        .await
        .err();
    match err {
        Some(Error::Service(CreateScalingPolicyError::NameDuplicateScalingPolicy(e))) => {
            assert_eq!(e.code(), 4000);
            assert_eq!(e.code_desc(), "NameDuplicate.ScalingPolicy");
            assert!(e.message().contains("scale-out"), "{e}");
        }
        other => panic!("unexpected: {other:?}"),
    }
    assert_eq!(emulator.state(), before);
    // The same name in another group is fine.
    create_policy(&client, policy(OTHER_GROUP, "scale-out")).await?;
    Ok(())
}

#[tokio::test]
async fn a_group_holds_at_most_100_policies() -> TestResult {
    let mut state = State::demo();
    if let Some(group) = state.scaling_groups.first_mut() {
        for n in 0..99 {
            group
                .scaling_policies
                .push(domain_policy(ScalingPolicy::new(ScalingPolicyRequired {
                    scaling_policy_id: format!("asp-fill{n:04}"),
                    scaling_policy_name: format!("fill-{n}"),
                    adjustment_type: AdjustmentType::TotalCapacity,
                    adjustment_value: 1,
                    cooldown: 60,
                    create_time: "2026-01-01 00:00:00".into(),
                })));
        }
    }
    let (emulator, client) = start(state)?;
    // The 100th is accepted.
    create_policy(&client, policy(GROUP, "hundredth")).await?;
    let before = emulator.state();
    let err = client
        .create_scaling_policy(policy(GROUP, "one-too-many"))
        .send()
        .await
        .err();
    match err {
        Some(Error::Service(CreateScalingPolicyError::QuotaExceededScalingPolicy(e))) => {
            assert_eq!(e.code(), 5100);
            assert_eq!(e.code_desc(), "QuotaExceeded.ScalingPolicy");
        }
        other => panic!("unexpected: {other:?}"),
    }
    assert_eq!(emulator.state(), before);
    // The quota is per group.
    create_policy(&client, policy(OTHER_GROUP, "elsewhere")).await?;
    // Describe pages through all 100.
    let all = client
        .describe_scaling_policy(GROUP)
        .paginate()
        .page_size(30)
        .collect_items()
        .await?;
    assert_eq!(all.len(), 100);
    Ok(())
}

#[tokio::test]
async fn unknown_group_is_an_invalid_scaling_group_id_for_every_policy_action() -> TestResult {
    let (emulator, client) = demo()?;
    let expect = |e: &CommonError| {
        assert!(
            matches!(e, CommonError::InvalidParameter(s)
                if s.code() == 4000 && s.message().contains("scalingGroupId") && s.message().contains(NO_GROUP)),
            "{e:?}"
        );
    };
    match client
        .create_scaling_policy(policy(NO_GROUP, "x"))
        .send()
        .await
    {
        Err(Error::Service(CreateScalingPolicyError::Common(e))) => expect(&e),
        other => panic!("create: {other:?}"),
    }
    match client.describe_scaling_policy(NO_GROUP).send().await {
        Err(Error::Service(DescribeScalingPolicyError::Common(e))) => expect(&e),
        other => panic!("describe: {other:?}"),
    }
    match client
        .modify_scaling_policy(NO_GROUP, "asp-00000000")
        .cooldown(1)
        .send()
        .await
    {
        Err(Error::Service(ModifyScalingPolicyError::Common(e))) => expect(&e),
        other => panic!("modify: {other:?}"),
    }
    match client
        .delete_scaling_policy(NO_GROUP, "asp-00000000")
        .send()
        .await
    {
        Err(Error::Service(DeleteScalingPolicyError::Common(e))) => expect(&e),
        other => panic!("delete: {other:?}"),
    }
    assert_eq!(emulator.state(), State::demo());
    Ok(())
}

#[tokio::test]
async fn describe_filters_by_id_and_name_and_pages() -> TestResult {
    let (_emulator, client) = demo()?;
    let mut ids = Vec::new();
    for n in 0..5 {
        ids.push(create_policy(&client, policy(GROUP, &format!("p{n}"))).await?);
    }
    create_policy(&client, policy(OTHER_GROUP, "p0")).await?;

    let all = client.describe_scaling_policy(GROUP).send().await?;
    assert_eq!(all.total_count, 5);
    let names: Vec<&str> = all
        .scaling_policy_set
        .iter()
        .map(|p| p.scaling_policy_name.as_str())
        .collect();
    assert_eq!(names, ["p0", "p1", "p2", "p3", "p4"]);

    let by_ids = client
        .describe_scaling_policy(GROUP)
        .scaling_policy_ids([ids[1].clone(), ids[3].clone()])
        .send()
        .await?;
    assert_eq!(by_ids.total_count, 2);
    let by_name = client
        .describe_scaling_policy(GROUP)
        .scaling_policy_name("p2")
        .send()
        .await?;
    assert_eq!(by_name.total_count, 1);
    assert_eq!(by_name.scaling_policy_set[0].scaling_policy_id, ids[2]);

    let paged = client
        .describe_scaling_policy(GROUP)
        .offset(1)
        .limit(2)
        .send()
        .await?;
    assert_eq!(paged.total_count, 5, "totalCount counts every match");
    let page_ids: Vec<&str> = paged
        .scaling_policy_set
        .iter()
        .map(|p| p.scaling_policy_id.as_str())
        .collect();
    assert_eq!(page_ids, [ids[1].as_str(), ids[2].as_str()]);

    let everything = client
        .describe_scaling_policy(GROUP)
        .paginate()
        .page_size(2)
        .collect_items()
        .await?;
    assert_eq!(everything.len(), 5);
    Ok(())
}

#[tokio::test]
async fn describe_lists_the_default_policy() -> TestResult {
    let (_emulator, client) = start(with_default_policy())?;
    let out = client.describe_scaling_policy(GROUP).send().await?;
    assert_eq!(out.total_count, 1);
    let p = &out.scaling_policy_set[0];
    assert_eq!(p.adjustment_type, AdjustmentType::UnhealthyInstance);
    assert_eq!(p.metric, None);
    Ok(())
}

#[tokio::test]
async fn modify_policy_changes_only_what_is_given() -> TestResult {
    let (_emulator, client) = demo()?;
    let id = create_policy(&client, policy(GROUP, "before")).await?;
    let original = describe_policy(&client, &id).await?;

    client
        .modify_scaling_policy(GROUP, &id)
        .scaling_policy_name("after")
        .metric(metric(MetricName::LanIntraffic, 5000).repeat_times(5))
        .adjustment_type(AdjustmentType::TotalCapacity)
        .adjustment_value(10)
        .cooldown(600)
        .notify_ids(["ug-9"])
        .send()
        .await?;
    let changed = describe_policy(&client, &id).await?;
    assert_eq!(changed.scaling_policy_name, "after");
    assert_eq!(
        changed.metric,
        Some(metric(MetricName::LanIntraffic, 5000).repeat_times(5))
    );
    assert_eq!(changed.adjustment_type, AdjustmentType::TotalCapacity);
    assert_eq!(changed.adjustment_value, 10);
    assert_eq!(changed.cooldown, 600);
    assert_eq!(changed.notify_id_set, Some(vec!["ug-9".to_owned()]));
    assert_eq!(changed.create_time, original.create_time);

    // Only the cooldown; the rest stays.
    client
        .modify_scaling_policy(GROUP, &id)
        .cooldown(30)
        .send()
        .await?;
    let again = describe_policy(&client, &id).await?;
    assert_eq!(again.cooldown, 30);
    assert_eq!(again.scaling_policy_name, "after");
    assert_eq!(again.metric, changed.metric);

    // Keeping its own name is not a duplicate.
    client
        .modify_scaling_policy(GROUP, &id)
        .scaling_policy_name("after")
        .send()
        .await?;
    Ok(())
}

#[tokio::test]
async fn modify_checks_the_value_against_the_policys_type_and_vice_versa() -> TestResult {
    let (emulator, client) = demo()?;
    // QuantityChangeInCapacity, value 1.
    let id = create_policy(
        &client,
        CreateScalingPolicyRequired {
            adjustment_value: -20,
            ..policy(GROUP, "quantity")
        },
    )
    .await?;
    let before = emulator.state();
    // A value outside the stored type's range.
    let err = client
        .modify_scaling_policy(GROUP, &id)
        .adjustment_value(40)
        .send()
        .await
        .err();
    assert!(
        matches!(
            err,
            Some(Error::Service(
                ModifyScalingPolicyError::InvalidParameterAdjustmentValue(_)
            ))
        ),
        "{err:?}"
    );
    // A type the stored value (-20) does not fit.
    let err = client
        .modify_scaling_policy(GROUP, &id)
        .adjustment_type(AdjustmentType::TotalCapacity)
        .send()
        .await
        .err();
    assert!(
        matches!(
            err,
            Some(Error::Service(
                ModifyScalingPolicyError::InvalidParameterAdjustmentValue(_)
            ))
        ),
        "{err:?}"
    );
    assert_eq!(emulator.state(), before);
    // Both together fit.
    client
        .modify_scaling_policy(GROUP, &id)
        .adjustment_type(AdjustmentType::TotalCapacity)
        .adjustment_value(20)
        .send()
        .await?;
    assert_eq!(describe_policy(&client, &id).await?.adjustment_value, 20);
    Ok(())
}

#[tokio::test]
async fn modify_refuses_bad_type_name_and_metric() -> TestResult {
    let (emulator, client) = demo()?;
    let id = create_policy(&client, policy(GROUP, "target")).await?;
    create_policy(&client, policy(GROUP, "taken")).await?;
    let before = emulator.state();

    match client
        .modify_scaling_policy(GROUP, &id)
        .adjustment_type(AdjustmentType::UnhealthyInstance)
        .send()
        .await
    {
        Err(Error::Service(
            ModifyScalingPolicyError::InvalidParameterScalingPolicyAdjustmenttypeError(_),
        )) => {}
        other => panic!("type: {other:?}"),
    }
    match client
        .modify_scaling_policy(GROUP, &id)
        .scaling_policy_name("")
        .send()
        .await
    {
        Err(Error::Service(ModifyScalingPolicyError::InvalidParameterScalingPolicyNameError(
            _,
        ))) => {}
        other => panic!("name: {other:?}"),
    }
    match client
        .modify_scaling_policy(GROUP, &id)
        .metric(cpu(120))
        .send()
        .await
    {
        Err(Error::Service(ModifyScalingPolicyError::InvalidParameterMetricError(e))) => {
            assert_eq!(e.code_desc(), "InvalidParameter.MetricError");
            assert!(e.message().contains("metric.threshold"), "{e}");
        }
        other => panic!("metric: {other:?}"),
    }
    match client
        .modify_scaling_policy(GROUP, &id)
        .scaling_policy_name("taken")
        .send()
        .await
    {
        Err(Error::Service(ModifyScalingPolicyError::NameDuplicateScalingPolicy(e))) => {
            assert!(e.message().contains("taken"), "{e}");
        }
        other => panic!("duplicate: {other:?}"),
    }
    match client
        .modify_scaling_policy(GROUP, "asp-nosuch00")
        .cooldown(1)
        .send()
        .await
    {
        Err(Error::Service(ModifyScalingPolicyError::Common(CommonError::InvalidParameter(e)))) => {
            assert!(e.message().contains("scalingPolicyId"), "{e}");
            assert!(e.message().contains("asp-nosuch00"), "{e}");
        }
        other => panic!("unknown policy: {other:?}"),
    }
    // A policy of another group is unknown in this one.
    let elsewhere = create_policy(&client, policy(OTHER_GROUP, "elsewhere")).await?;
    match client
        .modify_scaling_policy(GROUP, &elsewhere)
        .cooldown(1)
        .send()
        .await
    {
        Err(Error::Service(ModifyScalingPolicyError::Common(CommonError::InvalidParameter(_)))) => {
        }
        other => panic!("policy of another group: {other:?}"),
    }
    let after = emulator.state();
    assert_eq!(after.group(GROUP), before.group(GROUP));
    Ok(())
}

#[tokio::test]
async fn the_default_policy_cannot_be_modified_or_deleted() -> TestResult {
    let (emulator, client) = start(with_default_policy())?;
    let before = emulator.state();
    match client
        .modify_scaling_policy(GROUP, DEFAULT_POLICY)
        .cooldown(10)
        .send()
        .await
    {
        Err(Error::Service(ModifyScalingPolicyError::ConflictModifyDefaultScalingPolicyError(
            e,
        ))) => {
            assert_eq!(e.code(), 4000);
            assert_eq!(e.code_desc(), "Conflict.ModifyDefaultScalingPolicyError");
            assert!(e.message().contains(DEFAULT_POLICY), "{e}");
        }
        other => panic!("modify: {other:?}"),
    }
    match client
        .delete_scaling_policy(GROUP, DEFAULT_POLICY)
        .send()
        .await
    {
        Err(Error::Service(DeleteScalingPolicyError::Common(CommonError::OperationFailed(e)))) => {
            assert_eq!(e.code(), 5100);
            assert!(e.message().contains(DEFAULT_POLICY), "{e}");
        }
        other => panic!("delete: {other:?}"),
    }
    assert_eq!(emulator.state(), before);
    Ok(())
}

#[tokio::test]
async fn delete_removes_the_policy() -> TestResult {
    let (emulator, client) = demo()?;
    let keep = create_policy(&client, policy(GROUP, "keep")).await?;
    let gone = create_policy(&client, policy(GROUP, "gone")).await?;
    client.delete_scaling_policy(GROUP, &gone).send().await?;
    let out = client.describe_scaling_policy(GROUP).send().await?;
    assert_eq!(out.total_count, 1);
    assert_eq!(out.scaling_policy_set[0].scaling_policy_id, keep);

    let before = emulator.state();
    match client.delete_scaling_policy(GROUP, &gone).send().await {
        Err(Error::Service(DeleteScalingPolicyError::Common(CommonError::InvalidParameter(e)))) => {
            assert!(e.message().contains("scalingPolicyId"), "{e}");
            assert!(e.message().contains(&gone), "{e}");
        }
        other => panic!("deleted twice: {other:?}"),
    }
    assert_eq!(emulator.state(), before);
    // The name is free again.
    create_policy(&client, policy(GROUP, "gone")).await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Scheduled tasks.

#[tokio::test]
async fn created_tasks_are_described_with_their_values() -> TestResult {
    let (emulator, client) = demo()?;
    let once = create_task(&client, task(GROUP, "once", "2026-05-01 08:00:00")).await?;
    assert!(is_id(&once, "asst-"), "{once}");
    let daily = client
        .create_scheduled_task(CreateScheduledTaskRequired {
            readjust_max_size: 10,
            readjust_min_size: 2,
            ..task(GROUP, "daily", "2026-05-01 09:30:00")
        })
        .readjust_desired_capacity(4)
        .end_time("2026-12-31 23:59:59")
        .recurrence("30 9 * * 1-5")
        .send()
        .await?
        .scaling_scheduled_task_ids
        .remove(0);
    assert_ne!(once, daily);

    let t = describe_task(&client, &once).await?;
    assert_eq!(t.scaling_scheduled_task_name, "once");
    assert_eq!((t.readjust_min_size, t.readjust_max_size), (1, 5));
    assert_eq!(t.start_time, "2026-05-01 08:00:00");
    assert_eq!((t.end_time, t.recurrence), (None, None));
    assert_eq!(t.readjust_desired_capacity, None);
    assert!(
        t.create_time.as_deref().is_some_and(is_time_text),
        "{:?}",
        t.create_time
    );

    let t = describe_task(&client, &daily).await?;
    assert_eq!((t.readjust_min_size, t.readjust_max_size), (2, 10));
    assert_eq!(t.readjust_desired_capacity, Some(4));
    assert_eq!(t.end_time.as_deref(), Some("2026-12-31 23:59:59"));
    assert_eq!(t.recurrence.as_deref(), Some("30 9 * * 1-5"));

    // Nothing runs: the group's sizes are unchanged.
    let group = emulator.state().group(GROUP).cloned();
    assert_eq!(
        group.as_ref().map(|g| (g.min_size, g.max_size)),
        Some((1, 5))
    );
    assert_eq!(group.map(|g| g.scheduled_actions.len()), Some(2));
    Ok(())
}

#[tokio::test]
async fn misspelt_wire_names_round_trip() -> TestResult {
    let (emulator, client) = demo()?;
    // CreateScheduledTask answers `scalingScheduleTaskId` (a list), DescribeScheduledTask
    // `scalingScheduleTaskSet`.
    let request = CreateScheduledTaskRequest::new(task(GROUP, "wire", "2026-05-01 08:00:00"));
    let pairs = client.signed_params(&request, unix_now(), fresh_nonce())?;
    let (_, body) = send_raw(&emulator, HttpMethod::Post, &pairs).await?;
    assert_eq!(body["code"], 0, "{body}");
    let ids = body["data"]["scalingScheduleTaskId"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(ids.len(), 1, "{body}");
    let id = ids[0].as_str().unwrap_or_default().to_owned();

    let request = DescribeScheduledTaskRequest::new(GROUP);
    let pairs = client.signed_params(&request, unix_now(), fresh_nonce())?;
    let (_, body) = send_raw(&emulator, HttpMethod::Post, &pairs).await?;
    assert_eq!(body["code"], 0, "{body}");
    assert_eq!(
        body["data"]["scalingScheduleTaskSet"][0]["scalingScheduledTaskId"],
        id.as_str(),
        "{body}"
    );
    let decoded: DescribeScheduledTaskOutput = serde_json::from_value(body["data"].clone())?;
    assert_eq!(
        decoded.scaling_scheduled_task_set[0].scaling_scheduled_task_id,
        id
    );

    // DeleteScheduledTask sends the documented `scalingScheduledTaskId`.
    let request = DeleteScheduledTaskRequest::new(GROUP, id.clone());
    let pairs = client.signed_params(&request, unix_now(), fresh_nonce())?;
    assert!(
        pairs
            .iter()
            .any(|(k, v)| k == "scalingScheduledTaskId" && v == &id),
        "{pairs:?}"
    );
    let (_, body) = send_raw(&emulator, HttpMethod::Post, &pairs).await?;
    assert_eq!(body["code"], 0, "{body}");
    assert_eq!(
        emulator
            .state()
            .group(GROUP)
            .map(|g| g.scheduled_actions.len()),
        Some(0)
    );
    Ok(())
}

#[test]
fn sizes_answered_as_strings_decode_as_integers() -> TestResult {
    // The page's example answers readjustMaxSize and readjustMinSize as strings.
    let data = r#"{
        "totalCount": 1,
        "scalingScheduleTaskSet": [{
            "scalingScheduledTaskId": "asst-d8q6n9c5",
            "scalingScheduledTaskName": "nightly",
            "readjustMaxSize": "20",
            "readjustMinSize": "10",
            "startTime": "2016-10-24 15:43:44",
            "endTime": "2017-10-24 15:43:44",
            "recurrence": "0 8 * * *",
            "createTime": "2016-10-24 15:43:44"
        }]
    }"#;
    let out: DescribeScheduledTaskOutput = serde_json::from_str(data)?;
    assert_eq!(out.total_count, 1);
    let t = &out.scaling_scheduled_task_set[0];
    assert_eq!((t.readjust_max_size, t.readjust_min_size), (20, 10));
    assert_eq!(t.recurrence.as_deref(), Some("0 8 * * *"));
    // And the create answer's misspelt list.
    let created: qcloud_as::operation::create_scheduled_task::CreateScheduledTaskOutput =
        serde_json::from_str(r#"{"scalingScheduleTaskId": ["asst-d8q6n9c5"]}"#)?;
    assert_eq!(created.scaling_scheduled_task_ids, ["asst-d8q6n9c5"]);
    Ok(())
}

#[tokio::test]
async fn end_time_and_recurrence_go_together() -> TestResult {
    let (emulator, client) = demo()?;
    let only_end = client
        .create_scheduled_task(task(GROUP, "t", "2026-05-01 08:00:00"))
        .end_time("2026-06-01 08:00:00")
        .send()
        .await
        .err();
    let only_recurrence = client
        .create_scheduled_task(task(GROUP, "t", "2026-05-01 08:00:00"))
        .recurrence("0 8 * * *")
        .send()
        .await
        .err();
    for (what, err) in [
        ("endTime only", only_end),
        ("recurrence only", only_recurrence),
    ] {
        match err {
            Some(Error::Service(
                CreateScheduledTaskError::InvalidParameterEndtimeAndRecurrence(e),
            )) => {
                assert_eq!(e.code(), 4000);
                assert_eq!(e.code_desc(), "InvalidParameter.EndtimeAndRecurrence");
            }
            other => panic!("{what}: unexpected {other:?}"),
        }
    }
    assert_eq!(emulator.state(), State::demo());
    Ok(())
}

#[tokio::test]
async fn bad_times_recurrences_and_sizes_are_invalid_parameters() -> TestResult {
    let (emulator, client) = demo()?;
    let base = || task(GROUP, "t", "2026-05-01 08:00:00");
    let cases: Vec<(
        &str,
        qcloud_as::operation::create_scheduled_task::CreateScheduledTaskCall,
    )> = vec![
        (
            "startTime",
            client.create_scheduled_task(CreateScheduledTaskRequired {
                start_time: "2026-05-01T08:00:00".into(),
                ..base()
            }),
        ),
        (
            "startTime",
            client.create_scheduled_task(CreateScheduledTaskRequired {
                start_time: "2026-02-30 08:00:00".into(),
                ..base()
            }),
        ),
        (
            "endTime",
            client
                .create_scheduled_task(base())
                .end_time("2026-04-01 08:00:00")
                .recurrence("0 8 * * *"),
        ),
        (
            "endTime",
            client
                .create_scheduled_task(base())
                .end_time("0000-00-00 00:00:00")
                .recurrence("* * * * *"),
        ),
        (
            "recurrence",
            client
                .create_scheduled_task(base())
                .end_time("2026-06-01 08:00:00")
                .recurrence("* 8 * * *"),
        ),
        (
            "recurrence",
            client
                .create_scheduled_task(base())
                .end_time("2026-06-01 08:00:00")
                .recurrence("0 8 * *"),
        ),
        (
            "readjustMinSize",
            client.create_scheduled_task(CreateScheduledTaskRequired {
                readjust_min_size: 6,
                ..base()
            }),
        ),
        (
            "readjustDesiredCapacity",
            client
                .create_scheduled_task(base())
                .readjust_desired_capacity(9),
        ),
        (
            "scalingScheduledTaskName",
            client.create_scheduled_task(CreateScheduledTaskRequired {
                scaling_scheduled_task_name: " ".into(),
                ..base()
            }),
        ),
    ];
    for (parameter, call) in cases {
        match call.send().await {
            Err(Error::Service(CreateScheduledTaskError::Common(
                CommonError::InvalidParameter(e),
            ))) => {
                assert_eq!(e.code(), 4000);
                assert!(
                    e.message().contains(&format!("{parameter}:")),
                    "{parameter}: {e}"
                );
            }
            other => panic!("{parameter}: unexpected {other:?}"),
        }
    }
    assert_eq!(emulator.state(), State::demo());
    Ok(())
}

#[tokio::test]
async fn task_names_are_unique_per_group() -> TestResult {
    let (emulator, client) = demo()?;
    create_task(&client, task(GROUP, "nightly", "2026-05-01 08:00:00")).await?;
    let before = emulator.state();
    match client
        .create_scheduled_task(task(GROUP, "nightly", "2026-05-02 08:00:00"))
        .send()
        .await
    {
        Err(Error::Service(CreateScheduledTaskError::NameDuplicateScheduledTask(e))) => {
            assert_eq!(e.code(), 4000);
            assert_eq!(e.code_desc(), "NameDuplicate.ScheduledTask");
            assert!(e.message().contains("nightly"), "{e}");
        }
        other => panic!("unexpected: {other:?}"),
    }
    assert_eq!(emulator.state(), before);
    create_task(&client, task(OTHER_GROUP, "nightly", "2026-05-02 08:00:00")).await?;
    Ok(())
}

#[tokio::test]
async fn two_tasks_of_a_group_cannot_start_at_the_same_time() -> TestResult {
    let (emulator, client) = demo()?;
    create_task(&client, task(GROUP, "first", "2026-05-01 08:00:00")).await?;
    let before = emulator.state();
    match client
        .create_scheduled_task(task(GROUP, "second", "2026-05-01 08:00:00"))
        .send()
        .await
    {
        Err(Error::Service(CreateScheduledTaskError::InvalidScheduleTaskTimeConflict(e))) => {
            assert_eq!(e.code(), 4000);
            assert_eq!(e.code_desc(), "InvalidScheduleTask.TimeConflict");
            assert!(e.message().contains("2026-05-01 08:00:00"), "{e}");
        }
        other => panic!("unexpected: {other:?}"),
    }
    assert_eq!(emulator.state(), before);
    // Another group may start then.
    create_task(&client, task(OTHER_GROUP, "second", "2026-05-01 08:00:00")).await?;
    Ok(())
}

#[tokio::test]
async fn a_group_holds_at_most_10_tasks() -> TestResult {
    let (emulator, client) = demo()?;
    for n in 0..10 {
        create_task(
            &client,
            task(
                GROUP,
                &format!("t{n}"),
                &format!("2026-05-{:02} 08:00:00", n + 1),
            ),
        )
        .await?;
    }
    let before = emulator.state();
    match client
        .create_scheduled_task(task(GROUP, "t10", "2026-05-20 08:00:00"))
        .send()
        .await
    {
        Err(Error::Service(CreateScheduledTaskError::QuotaExceededScheduledTask(e))) => {
            assert_eq!(e.code(), 5100);
            assert_eq!(e.code_desc(), "QuotaExceeded.ScheduledTask");
        }
        other => panic!("unexpected: {other:?}"),
    }
    assert_eq!(emulator.state(), before);
    create_task(&client, task(OTHER_GROUP, "t10", "2026-05-20 08:00:00")).await?;
    // Describe pages through them.
    let all = client
        .describe_scheduled_task(GROUP)
        .paginate()
        .page_size(3)
        .collect_items()
        .await?;
    assert_eq!(all.len(), 10);
    Ok(())
}

#[tokio::test]
async fn unknown_group_is_an_invalid_scaling_group_id_for_every_task_action() -> TestResult {
    let (emulator, client) = demo()?;
    let expect = |e: &CommonError| {
        assert!(
            matches!(e, CommonError::InvalidParameter(s)
                if s.code() == 4000 && s.message().contains("scalingGroupId") && s.message().contains(NO_GROUP)),
            "{e:?}"
        );
    };
    match client
        .create_scheduled_task(task(NO_GROUP, "t", "2026-05-01 08:00:00"))
        .send()
        .await
    {
        Err(Error::Service(CreateScheduledTaskError::Common(e))) => expect(&e),
        other => panic!("create: {other:?}"),
    }
    match client.describe_scheduled_task(NO_GROUP).send().await {
        Err(Error::Service(DescribeScheduledTaskError::Common(e))) => expect(&e),
        other => panic!("describe: {other:?}"),
    }
    match client
        .modify_scheduled_task("asst-00000000")
        .scaling_group_id(NO_GROUP)
        .send()
        .await
    {
        Err(Error::Service(ModifyScheduledTaskError::Common(e))) => expect(&e),
        other => panic!("modify: {other:?}"),
    }
    match client
        .delete_scheduled_task(NO_GROUP, "asst-00000000")
        .send()
        .await
    {
        Err(Error::Service(DeleteScheduledTaskError::Common(e))) => expect(&e),
        other => panic!("delete: {other:?}"),
    }
    assert_eq!(emulator.state(), State::demo());
    Ok(())
}

#[tokio::test]
async fn describe_tasks_filters_by_id_and_name_and_pages() -> TestResult {
    let (_emulator, client) = demo()?;
    let mut ids = Vec::new();
    for n in 0..4 {
        ids.push(
            create_task(
                &client,
                task(
                    GROUP,
                    &format!("t{n}"),
                    &format!("2026-05-0{} 08:00:00", n + 1),
                ),
            )
            .await?,
        );
    }
    let by_ids = client
        .describe_scheduled_task(GROUP)
        .scaling_scheduled_task_ids([ids[0].clone(), ids[2].clone()])
        .send()
        .await?;
    assert_eq!(by_ids.total_count, 2);
    let by_name = client
        .describe_scheduled_task(GROUP)
        .scaling_scheduled_task_name("t3")
        .send()
        .await?;
    assert_eq!(by_name.total_count, 1);
    assert_eq!(
        by_name.scaling_scheduled_task_set[0].scaling_scheduled_task_id,
        ids[3]
    );
    let paged = client
        .describe_scheduled_task(GROUP)
        .offset(2)
        .limit(5)
        .send()
        .await?;
    assert_eq!(paged.total_count, 4);
    let page_ids: Vec<&str> = paged
        .scaling_scheduled_task_set
        .iter()
        .map(|t| t.scaling_scheduled_task_id.as_str())
        .collect();
    assert_eq!(page_ids, [ids[2].as_str(), ids[3].as_str()]);
    Ok(())
}

#[tokio::test]
async fn modify_task_changes_only_what_is_given() -> TestResult {
    let (_emulator, client) = demo()?;
    let id = create_task(&client, task(GROUP, "t", "2026-05-01 08:00:00")).await?;
    let original = describe_task(&client, &id).await?;
    client
        .modify_scheduled_task(&id)
        .scaling_group_id(GROUP)
        .scaling_scheduled_task_name("renamed")
        .readjust_max_size(8)
        .readjust_min_size(2)
        .readjust_desired_capacity(3)
        .start_time("2026-06-01 07:00:00")
        .end_time("2026-09-01 07:00:00")
        .recurrence("0 7 * * *")
        .send()
        .await?;
    let t = describe_task(&client, &id).await?;
    assert_eq!(t.scaling_scheduled_task_name, "renamed");
    assert_eq!((t.readjust_min_size, t.readjust_max_size), (2, 8));
    assert_eq!(t.readjust_desired_capacity, Some(3));
    assert_eq!(t.start_time, "2026-06-01 07:00:00");
    assert_eq!(t.end_time.as_deref(), Some("2026-09-01 07:00:00"));
    assert_eq!(t.recurrence.as_deref(), Some("0 7 * * *"));
    assert_eq!(t.create_time, original.create_time);

    // Without scalingGroupId (it is optional), only the name changes.
    client
        .modify_scheduled_task(&id)
        .scaling_scheduled_task_name("again")
        .send()
        .await?;
    let again = describe_task(&client, &id).await?;
    assert_eq!(again.scaling_scheduled_task_name, "again");
    assert_eq!(again.start_time, t.start_time);
    assert_eq!(again.recurrence, t.recurrence);
    // Its own name and start time are no conflict.
    client
        .modify_scheduled_task(&id)
        .scaling_scheduled_task_name("again")
        .start_time("2026-06-01 07:00:00")
        .send()
        .await?;
    Ok(())
}

#[tokio::test]
async fn modify_turns_repetition_off_with_the_two_sentinels() -> TestResult {
    let (emulator, client) = demo()?;
    let id = client
        .create_scheduled_task(task(GROUP, "daily", "2026-05-01 08:00:00"))
        .end_time("2026-12-01 08:00:00")
        .recurrence("0 8 * * *")
        .send()
        .await?
        .scaling_scheduled_task_ids
        .remove(0);
    let before = emulator.state();
    // One sentinel alone is refused.
    match client
        .modify_scheduled_task(&id)
        .end_time("0000-00-00 00:00:00")
        .send()
        .await
    {
        Err(Error::Service(ModifyScheduledTaskError::Common(CommonError::InvalidParameter(e)))) => {
            assert!(e.message().contains("endTime:"), "{e}");
        }
        other => panic!("endTime alone: {other:?}"),
    }
    match client
        .modify_scheduled_task(&id)
        .recurrence("* * * * *")
        .end_time("2026-11-01 08:00:00")
        .send()
        .await
    {
        Err(Error::Service(ModifyScheduledTaskError::Common(CommonError::InvalidParameter(e)))) => {
            assert!(e.message().contains("recurrence:"), "{e}");
        }
        other => panic!("recurrence alone: {other:?}"),
    }
    assert_eq!(emulator.state(), before);

    client
        .modify_scheduled_task(&id)
        .end_time("0000-00-00 00:00:00")
        .recurrence("* * * * *")
        .send()
        .await?;
    let t = describe_task(&client, &id).await?;
    assert_eq!(t.end_time.as_deref(), Some("0000-00-00 00:00:00"));
    assert_eq!(t.recurrence.as_deref(), Some("* * * * *"));

    // A task turned off can still be changed, and made to repeat again with both values.
    client
        .modify_scheduled_task(&id)
        .readjust_max_size(7)
        .send()
        .await?;
    match client
        .modify_scheduled_task(&id)
        .recurrence("0 9 * * *")
        .send()
        .await
    {
        Err(Error::Service(ModifyScheduledTaskError::Common(CommonError::InvalidParameter(e)))) => {
            assert!(e.message().contains("endTime:"), "{e}");
        }
        other => panic!("recurrence without endTime: {other:?}"),
    }
    client
        .modify_scheduled_task(&id)
        .end_time("2027-01-01 09:00:00")
        .recurrence("0 9 * * *")
        .send()
        .await?;
    let t = describe_task(&client, &id).await?;
    assert_eq!(t.end_time.as_deref(), Some("2027-01-01 09:00:00"));
    assert_eq!(t.recurrence.as_deref(), Some("0 9 * * *"));
    assert_eq!(t.readjust_max_size, 7);
    Ok(())
}

#[tokio::test]
async fn modify_unknown_task_is_not_exist() -> TestResult {
    let (emulator, client) = demo()?;
    let elsewhere = create_task(&client, task(OTHER_GROUP, "t", "2026-05-01 08:00:00")).await?;
    let before = emulator.state();
    for (group, id) in [(None, "asst-nosuch00"), (Some(GROUP), elsewhere.as_str())] {
        let mut call = client.modify_scheduled_task(id).readjust_max_size(3);
        if let Some(group) = group {
            call = call.scaling_group_id(group);
        }
        match call.send().await {
            Err(Error::Service(ModifyScheduledTaskError::InvalidScheduledTaskNotExist(e))) => {
                assert_eq!(e.code(), 4000);
                assert_eq!(e.code_desc(), "InvalidScheduledTask.NotExist");
                assert!(e.message().contains(id), "{e}");
            }
            other => panic!("{group:?} {id}: unexpected {other:?}"),
        }
    }
    assert_eq!(emulator.state(), before);
    Ok(())
}

#[tokio::test]
async fn modify_refuses_duplicates_conflicts_and_bad_values() -> TestResult {
    let (emulator, client) = demo()?;
    let id = create_task(&client, task(GROUP, "mine", "2026-05-01 08:00:00")).await?;
    create_task(&client, task(GROUP, "theirs", "2026-05-02 08:00:00")).await?;
    let before = emulator.state();
    match client
        .modify_scheduled_task(&id)
        .scaling_scheduled_task_name("theirs")
        .send()
        .await
    {
        Err(Error::Service(ModifyScheduledTaskError::NameDuplicateScheduledTask(_))) => {}
        other => panic!("duplicate: {other:?}"),
    }
    match client
        .modify_scheduled_task(&id)
        .start_time("2026-05-02 08:00:00")
        .send()
        .await
    {
        Err(Error::Service(ModifyScheduledTaskError::InvalidScheduleTaskTimeConflict(_))) => {}
        other => panic!("conflict: {other:?}"),
    }
    // The stored maximum is 5.
    match client
        .modify_scheduled_task(&id)
        .readjust_min_size(6)
        .send()
        .await
    {
        Err(Error::Service(ModifyScheduledTaskError::Common(CommonError::InvalidParameter(e)))) => {
            assert!(e.message().contains("readjustMinSize:"), "{e}");
        }
        other => panic!("min above max: {other:?}"),
    }
    match client
        .modify_scheduled_task(&id)
        .start_time("tomorrow")
        .send()
        .await
    {
        Err(Error::Service(ModifyScheduledTaskError::Common(CommonError::InvalidParameter(e)))) => {
            assert!(e.message().contains("startTime:"), "{e}");
        }
        other => panic!("bad startTime: {other:?}"),
    }
    // A recurrence without endTime on a task that runs once.
    match client
        .modify_scheduled_task(&id)
        .recurrence("0 8 * * *")
        .send()
        .await
    {
        Err(Error::Service(ModifyScheduledTaskError::Common(CommonError::InvalidParameter(e)))) => {
            assert!(e.message().contains("endTime:"), "{e}");
        }
        other => panic!("recurrence alone: {other:?}"),
    }
    assert_eq!(emulator.state(), before);
    Ok(())
}

#[tokio::test]
async fn delete_removes_the_task() -> TestResult {
    let (emulator, client) = demo()?;
    let keep = create_task(&client, task(GROUP, "keep", "2026-05-01 08:00:00")).await?;
    let gone = create_task(&client, task(GROUP, "gone", "2026-05-02 08:00:00")).await?;
    client.delete_scheduled_task(GROUP, &gone).send().await?;
    let out = client.describe_scheduled_task(GROUP).send().await?;
    assert_eq!(out.total_count, 1);
    assert_eq!(
        out.scaling_scheduled_task_set[0].scaling_scheduled_task_id,
        keep
    );

    let before = emulator.state();
    match client.delete_scheduled_task(GROUP, &gone).send().await {
        Err(Error::Service(DeleteScheduledTaskError::Common(CommonError::InvalidParameter(e)))) => {
            assert!(e.message().contains("scalingScheduledTaskId"), "{e}");
            assert!(e.message().contains(&gone), "{e}");
        }
        other => panic!("deleted twice: {other:?}"),
    }
    // A task of this group cannot be deleted through another group.
    match client
        .delete_scheduled_task(OTHER_GROUP, &keep)
        .send()
        .await
    {
        Err(Error::Service(DeleteScheduledTaskError::Common(CommonError::InvalidParameter(_)))) => {
        }
        other => panic!("wrong group: {other:?}"),
    }
    assert_eq!(emulator.state(), before);
    // Its name and start time are free again.
    create_task(&client, task(GROUP, "gone", "2026-05-02 08:00:00")).await?;
    Ok(())
}
