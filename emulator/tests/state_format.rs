//! The state file's format: the `version:` key, documents of the first format, loading in
//! time linear in the document, and the bounded window of activity records a group keeps.

mod common;

use common::*;
use qcloud_as::operation::detach_instance::KeepInstance;
use qcloud_as_emulator::{State, STATE_FORMAT_VERSION};
use std::fmt::Write;
use std::time::{Duration, Instant};

const FIRST_FORMAT: &str = r#"
credentials:
  - {secretId: AKIDexample, secretKey: example-key}
instances:
  - {instanceId: ins-0000aaaa, state: Running}
scalingGroups:
  - {scalingGroupId: asg-0000aaaa, scalingGroupName: web, minSize: 0, maxSize: 5,
     instances: [{instanceId: ins-0000aaaa, creationType: Manual}]}
"#;

#[tokio::test]
async fn a_first_format_document_loads_and_is_written_in_the_current_one() -> TestResult {
    // No `version:` key: format 1, the same fields.
    let state = state(FIRST_FORMAT)?;
    assert_eq!(state.version, STATE_FORMAT_VERSION);
    let (emulator, _client) = start(state)?;
    let json = http_state(&emulator).await?;
    assert_eq!(json["version"], STATE_FORMAT_VERSION);
    // `version: 1` says the same.
    let explicit = State::from_yaml_str(&format!("version: 1\n{FIRST_FORMAT}"), "v1.yaml")?;
    assert_eq!(explicit, emulator.state());
    Ok(())
}

#[test]
fn an_unknown_format_is_refused_naming_it() {
    for version in [0, STATE_FORMAT_VERSION + 1] {
        let text = format!("version: {version}\n{FIRST_FORMAT}");
        let err = match State::from_yaml_str(&text, "future.yaml") {
            Ok(_) => panic!("format {version} accepted"),
            Err(e) => e.to_string(),
        };
        assert!(err.contains("version"), "{err}");
        assert!(err.contains(&format!("format {version}")), "{err}");
        assert!(err.contains("line 1"), "{err}");
    }
}

/// A state whose one group has `n` recorded detach activities, each with its detach mode (the
/// shape `GET /_emulator/state` answers after `n` detaches).
fn with_detach_history(n: usize) -> String {
    let mut activities = String::new();
    let mut modes = String::new();
    for i in 0..n {
        let _ = writeln!(
            activities,
            "  - {{scalingActivityId: asa-{i:08}, autoScalingGroupId: asg-0000aaaa, type: 3, \
             status: 2, startTime: \"2026-01-01 00:00:00\", endTime: \"2026-01-01 00:00:00\", \
             cause: detach, errorCode: 0}}"
        );
        let _ = writeln!(modes, "    - {{scalingActivityId: asa-{i:08}, mode: keep}}");
    }
    format!("{FIRST_FORMAT}scalingActivities:\n{activities}v3:\n  detachModes:\n{modes}")
}

#[test]
fn loading_is_linear_in_the_history() -> TestResult {
    // 40k activities with their detach modes took 26 s to load when each mode searched the
    // activities (finding 3); linear, it is a matter of seconds even in a debug build on a
    // busy machine. The bound is loose on purpose: only a quadratic load goes past it.
    let text = with_detach_history(40_000);
    let started = Instant::now();
    let state = State::from_yaml_str(&text, "history.yaml")?;
    let took = started.elapsed();
    assert_eq!(state.scaling_activities.len(), 40_000);
    assert_eq!(state.v3.detach_modes.len(), 40_000);
    assert!(took < Duration::from_secs(120), "took {took:?}");
    Ok(())
}

#[tokio::test]
async fn a_group_keeps_a_bounded_window_of_activity_records() -> TestResult {
    // A group at the window's size: one more detach forgets the oldest record (and its mode).
    let (emulator, client) = start(State::from_yaml_str(
        &with_detach_history(1000),
        "window.yaml",
    )?)?;
    client
        .detach_instance("asg-0000aaaa", ["ins-0000aaaa"])
        .keep_instance(KeepInstance::Keep)
        .send()
        .await?;
    let state = emulator.state();
    assert_eq!(state.scaling_activities.len(), 1000);
    assert_eq!(state.v3.detach_modes.len(), 1000);
    assert!(!state
        .scaling_activities
        .iter()
        .any(|a| a.scaling_activity_id == "asa-00000000"));
    assert!(state
        .scaling_activities
        .iter()
        .any(|a| a.scaling_activity_id == "asa-00000001"));
    // API 3.0 shows the same window.
    let v3 = emulator.v3_client()?;
    let seen = v3
        .describe_auto_scaling_activities()
        .filters([qcloud_as::v3::types::Filter::new(
            "auto-scaling-group-id",
            ["asg-0000aaaa"],
        )])
        .await?;
    assert_eq!(seen.total_count, 1000);
    Ok(())
}

/// A format-2 group holding its parts in API 2.0's shapes.
const FORMAT_TWO_PARTS: &str = r#"
version: 2
credentials:
  - {secretId: AKIDexample, secretKey: example-key}
scalingGroups:
  - scalingGroupId: asg-0000aaaa
    scalingGroupName: web
    minSize: 0
    maxSize: 5
    scheduledTasks:
      - {scalingScheduledTaskId: asst-0000aaaa, scalingScheduledTaskName: night, readjustMaxSize: 2, readjustMinSize: 0, startTime: "2026-01-01 22:00:00"}
"#;

#[test]
fn format_two_parts_are_refused_naming_what_changed() {
    for (from, key, says) in [
        ("scheduledTasks", "scheduledTasks", "scheduledActions"),
        ("scheduledTasks", "lifeCycleHooks", "lifecycleHooks"),
        ("scheduledTasks", "notifications", "events"),
    ] {
        let text = FORMAT_TWO_PARTS.replace(from, key);
        let text = if key == "notifications" {
            text.replace("scalingScheduledTaskId", "notificationId")
        } else {
            text
        };
        let err = match State::from_yaml_str(&text, "old.yaml") {
            Ok(_) => panic!("a format-2 {key} list was accepted"),
            Err(e) => e.to_string(),
        };
        assert!(err.contains(&format!("scalingGroups[0].{key}")), "{err}");
        assert!(err.contains("format 2"), "{err}");
        assert!(err.contains(says), "{err}");
    }
    // Without those lists a format-2 document still loads, and is written as format 3.
    let plain = FORMAT_TWO_PARTS
        .lines()
        .filter(|l| !l.contains("scheduledTasks") && !l.contains("asst-"))
        .collect::<Vec<_>>()
        .join("\n");
    let state = State::from_yaml_str(&plain, "old.yaml");
    assert_eq!(state.map(|s| s.version).ok(), Some(STATE_FORMAT_VERSION));
    assert_eq!(STATE_FORMAT_VERSION, 4);
}
