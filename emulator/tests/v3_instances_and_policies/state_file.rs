//! The state file of format 3: policies in the domain's shape (a format-2 document's API 2.0
//! entries still load), and members out of service.

use super::*;
use qcloud_as_emulator::domain::policy::{Adjustment, Metric, PolicyRule};
use qcloud_as_emulator::domain::Pause;
use qcloud_as_emulator::{State, STATE_FORMAT_VERSION};

const FORMAT_2: &str = r#"
version: 2
credentials:
  - {secretId: AKIDexample, secretKey: example-key}
instances:
  - {instanceId: ins-0000aaaa, state: Running}
scalingGroups:
  - scalingGroupId: asg-0000aaaa
    scalingGroupName: web
    minSize: 0
    maxSize: 5
    instances: [{instanceId: ins-0000aaaa, creationType: Manual}]
    scalingPolicies:
      - scalingPolicyId: asp-0000aaaa
        scalingPolicyName: cpu-high
        adjustmentType: PercentChangeInCapacity
        adjustmentValue: 50
        cooldown: 120
        createTime: "2026-01-01 08:00:00"
        metric: {dimensionName: lan_intraffic, comparisonOperator: EqualOrGreater, threshold: 1000, repeatTimes: 4}
"#;

#[tokio::test]
async fn a_format_2_policy_loads_into_the_domain_shape_and_is_written_in_format_3() -> TestResult {
    let state = State::from_yaml_str(FORMAT_2, "format-2.yaml")?;
    assert_eq!(state.version, STATE_FORMAT_VERSION);
    assert_eq!(STATE_FORMAT_VERSION, 4);
    let policy = &state.scaling_groups[0].scaling_policies[0];
    assert_eq!(
        (policy.id.as_str(), policy.name.as_str()),
        ("asp-0000aaaa", "cpu-high")
    );
    // Beijing time 08:00 is 00:00 UTC.
    assert_eq!(policy.created_at, 1_767_225_600);
    let PolicyRule::Simple(rule) = &policy.rule else {
        return Err("not a simple policy".into());
    };
    assert_eq!(
        (rule.adjustment, rule.value, rule.cooldown_seconds),
        (Adjustment::Percent, 50, 120)
    );
    let alarm = rule.alarm.as_ref().ok_or("no alarm")?;
    assert_eq!(
        (alarm.metric, alarm.threshold, alarm.periods),
        (Metric::LanTrafficIn, 1000, 4)
    );
    // Written back in the domain's shape, which loads to the same state.
    let json = state.to_json_pretty();
    let written: serde_json::Value = serde_json::from_str(&json)?;
    let entry = &written["scalingGroups"][0]["scalingPolicies"][0];
    assert_eq!(written["version"], 4);
    assert_eq!(entry["id"], "asp-0000aaaa");
    assert_eq!(entry["createdAt"], 1_767_225_600);
    assert_eq!(entry["rule"]["simple"]["adjustment"], "percent");
    assert!(entry.get("scalingPolicyId").is_none(), "{entry}");
    assert_eq!(State::from_yaml_str(&json, "format-3.json")?, state);
    // API 3.0 shows it.
    let (_emulator, _, client) = start_v3(state)?;
    let shown = client.describe_scaling_policies().await?;
    let p = &shown.scaling_policy_set[0];
    assert_eq!(
        (
            p.adjustment_type.as_str(),
            p.metric_alarm.metric_name.as_str(),
            p.metric_alarm.continuous_time
        ),
        ("PERCENT_CHANGE_IN_CAPACITY", "LAN_TRAFFIC_IN", 4)
    );
    Ok(())
}

#[test]
fn a_bad_format_2_policy_is_refused_naming_it() {
    let cases = [
        (
            "createTime: \"2026-01-01 08:00:00\"",
            "createTime: \"yesterday\"",
            "createTime",
        ),
        (
            "adjustmentType: PercentChangeInCapacity",
            "adjustmentType: Doubling",
            "adjustmentType",
        ),
        ("cooldown: 120", "cooldwn: 120", "cooldwn"),
    ];
    for (from, to, named) in cases {
        let text = FORMAT_2.replace(from, to);
        match State::from_yaml_str(&text, "bad.yaml") {
            Ok(_) => panic!("{to} accepted"),
            Err(e) => {
                let e = e.to_string();
                assert!(e.contains("scalingPolicies"), "{e}");
                assert!(e.contains(named), "{e}");
            }
        }
    }
}

#[tokio::test]
async fn target_tracking_policies_and_paused_members_round_trip() -> TestResult {
    let (emulator, _, client) = start_v3(State::demo())?;
    client
        .create_scaling_policy(WEB, "track")
        .scaling_policy_type(qcloud_as::v3::types::ScalingPolicyType::TargetTracking)
        .predefined_metric_type(qcloud_as::v3::types::PredefinedMetricType::AsgAvgLanTrafficOut)
        .target_value(200)
        .disable_scale_in(true)
        .await?;
    client.enter_standby(WEB, ["ins-demo0001"]).await?;
    // Standby takes its time on the clock; the group is in an activity meanwhile.
    emulator.advance(std::time::Duration::from_secs(60));
    client
        .stop_auto_scaling_instances(WEB, ["ins-demo0002"])
        .await?;
    // Saved and loaded while the stop is still under way.
    let state = emulator.state();
    assert_eq!(state.simulation.activities.len(), 1);
    let json = state.to_json_pretty();
    let reloaded = State::from_yaml_str(&json, "saved.json")?;
    assert_eq!(reloaded, state);
    let members = &reloaded.scaling_groups[0].instances;
    assert_eq!(members[0].paused, Some(Pause::Standby));
    assert_eq!(members[1].paused, Some(Pause::StoppedKeepCharging));
    let tracking = reloaded.scaling_groups[0].scaling_policies[0]
        .tracking()
        .ok_or("not target tracking")?;
    assert_eq!(
        (tracking.metric, tracking.target, tracking.disable_scale_in),
        (Metric::LanTrafficOut, 200, true)
    );
    Ok(())
}
