//! DescribeAutoScalingGroupLastActivities, DescribeAccountLimits (the limits the emulator
//! enforces, through both protocols) and DescribeAutoScalingAdvices.

use super::*;
use qcloud_as::operation::create_scaling_group::CreateScalingGroupRequired;
use qcloud_as::types::RemovePolicy;
use qcloud_as::v3::operation::create_auto_scaling_group::CreateAutoScalingGroupRequired;
use qcloud_as::v3::types::AdviceLevel;
use qcloud_as_emulator::domain::model::{ActivityKind, ActivityStatus};
use qcloud_as_emulator::domain::Activity;
use qcloud_as_emulator::state::ScalingGroup;

#[tokio::test]
async fn the_last_activity_of_each_group() -> TestResult {
    let mut state = State::demo();
    // The batch group's latest record was cancelled.
    for (id, status, time) in [
        // 2026-01-01 00:00:00 and 00:10:00, Beijing time.
        ("asa-batch001", ActivityStatus::Successful, 1_767_196_800),
        ("asa-batch002", ActivityStatus::Cancelled, 1_767_197_400),
    ] {
        state.scaling_activities.push(Activity {
            id: id.into(),
            group: BATCH.into(),
            kind: ActivityKind::ScaleOut,
            status,
            cause: String::new(),
            description: None,
            message: None,
            error_code: 0,
            started: time,
            ended: None,
            instances: Vec::new(),
        });
    }
    let (emulator, _, v3) = start_v3(state)?;
    v3.detach_instances(WEB, ["ins-demo0001"]).await?;
    emulator.advance(Duration::from_secs(60));
    let removed = v3.remove_instances(WEB, ["ins-demo0002"]).await?;
    let last = v3
        .describe_auto_scaling_group_last_activities([WEB, BATCH, "asg-nothere1", WEB])
        .await?;
    let ids: Vec<&str> = last
        .activity_set
        .iter()
        .map(|a| a.activity_id.as_str())
        .collect();
    assert_eq!(ids, [removed.activity_id.as_str(), "asa-batch002"]);
    assert_eq!(
        last.activity_set[0].activity_type.as_str(),
        "REMOVE_INSTANCES"
    );
    let kept = v3
        .describe_auto_scaling_group_last_activities([BATCH])
        .exclude_cancelled_activity(true)
        .await?;
    assert_eq!(kept.activity_set[0].activity_id, "asa-batch001");
    let many: Vec<String> = (0..101).map(|n| format!("asg-{n:08}")).collect();
    let over = v3.describe_auto_scaling_group_last_activities(many).await;
    assert_eq!(code(over), "InvalidParameterValue.LimitExceeded");
    let malformed = v3.describe_auto_scaling_group_last_activities(["g"]).await;
    assert_eq!(code(malformed), "InvalidParameterValue");
    Ok(())
}

#[tokio::test]
async fn account_limits_are_the_limits_enforced() -> TestResult {
    let (_emulator, _, v3) = start_v3(State::demo())?;
    let limits = v3.describe_account_limits().await?;
    assert_eq!(
        (
            limits.max_number_of_launch_configurations,
            limits.number_of_launch_configurations
        ),
        (50, 1)
    );
    assert_eq!(
        (
            limits.max_number_of_auto_scaling_groups,
            limits.number_of_auto_scaling_groups
        ),
        (200, 2)
    );

    // An account at its group limit (20 per project over 10 projects): both protocols refuse
    // one more, in any project, and the limits say why.
    let mut state = State::demo();
    state.scaling_groups.clear();
    for n in 0..200 {
        let mut g = ScalingGroup::new(format!("asg-full{n:04}"), format!("g{n}"), 0, 1);
        g.project = n / 20;
        state.scaling_groups.push(g);
    }
    let (_emulator, v2, v3) = start_v3(state)?;
    let limits = v3.describe_account_limits().await?;
    assert_eq!(
        (
            limits.max_number_of_auto_scaling_groups,
            limits.number_of_auto_scaling_groups
        ),
        (200, 200)
    );
    let v3_refused = v3
        .create_auto_scaling_group(CreateAutoScalingGroupRequired {
            auto_scaling_group_name: "one-more".into(),
            launch_configuration_id: "asc-demo0001".into(),
            max_size: 1,
            min_size: 0,
            vpc_id: String::new(),
        })
        .project_id(77)
        .await;
    assert_eq!(
        code(v3_refused),
        "LimitExceeded.AutoScalingGroupLimitExceeded"
    );
    let v2_refused = v2
        .create_scaling_group(CreateScalingGroupRequired {
            scaling_configuration_id: "asc-demo0001".into(),
            scaling_group_name: "one-more".into(),
            min_size: 0,
            max_size: 1,
            remove_policy: RemovePolicy::RemoveOldestInstance,
            vpc_id: "0".into(),
        })
        .project_id(77)
        .send()
        .await;
    assert!(
        matches!(&v2_refused, Err(qcloud_as::Error::Service(e))
            if e.meta().code_desc() == "QuotaExceeded.ScalingGroup"),
        "{v2_refused:?}"
    );
    let from_instance = v3
        .create_auto_scaling_group_from_instance(CreateAutoScalingGroupFromInstanceRequired {
            auto_scaling_group_name: "one-more".into(),
            instance_id: "ins-demo0006".into(),
            min_size: 0,
            max_size: 1,
        })
        .await;
    assert_eq!(
        code(from_instance),
        "LimitExceeded.AutoScalingGroupLimitExceeded"
    );
    Ok(())
}

#[tokio::test]
async fn advice_follows_the_configuration() -> TestResult {
    let mut state = State::demo();
    state.scaling_groups[1].scaling_configuration_id = None;
    let (_emulator, _, v3) = start_v3(state)?;
    let advice = v3
        .describe_auto_scaling_advices([WEB, BATCH, "asg-nothere1"])
        .await?
        .auto_scaling_advice_set;
    assert_eq!(advice.len(), 2, "an unknown group is left out");
    // The web group: one instance type (API 2.0's cores and memory), one zone.
    assert_eq!(advice[0].auto_scaling_group_id, WEB);
    assert_eq!(advice[0].level, AdviceLevel::Warning);
    let problems: Vec<&str> = advice[0]
        .advices
        .iter()
        .map(|a| a.problem.as_str())
        .collect();
    assert_eq!(
        problems,
        ["single instance type", "single availability zone or subnet"]
    );
    // The batch group has no launch configuration: scale-outs fail.
    assert_eq!(advice[1].level, AdviceLevel::Critical);
    assert_eq!(advice[1].advices[0].problem, "no launch configuration");

    // Fixed: several instance types and zones.
    v3.modify_launch_configuration_attributes("asc-demo0001")
        .instance_types(["S5.SMALL1", "SA2.SMALL1"])
        .await?;
    v3.modify_auto_scaling_group(WEB)
        .zones(["ap-guangzhou-2", "ap-guangzhou-3"])
        .await?;
    let advice = v3.describe_auto_scaling_advices([WEB]).await?;
    let web = &advice.auto_scaling_advice_set[0];
    assert_eq!(web.level, AdviceLevel::Normal);
    assert!(web.advices.is_empty());
    let many: Vec<String> = (0..101).map(|n| format!("asg-{n:08}")).collect();
    let over = v3.describe_auto_scaling_advices(many).await;
    assert_eq!(code(over), "InvalidParameterValue.LimitExceeded");
    Ok(())
}
