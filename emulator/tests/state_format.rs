//! The state file's format: the `version:` key, documents of the first format, loading in
//! time linear in the document, and the bounded window of activity records a group keeps.

mod common;

use common::*;
use qcloud_as::operation::detach_instance::KeepInstance;
use qcloud_as::types::ActivityType;
use qcloud_as_emulator::domain::model::{ActivityKind, ActivityStatus};
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
    // The detach modes are folded into the activities' kinds (format 4).
    assert!(state.v3.detach_modes.is_empty());
    assert!(state
        .scaling_activities
        .iter()
        .all(|a| a.kind == ActivityKind::Detach));
    assert!(took < Duration::from_secs(120), "took {took:?}");

    // What `GET /_emulator/state` answers for it (format 4) loads back in linear time too.
    let saved = state.to_json_pretty();
    let started = Instant::now();
    let reloaded = State::from_yaml_str(&saved, "saved.json")?;
    let took = started.elapsed();
    assert_eq!(reloaded, state);
    assert!(took < Duration::from_secs(120), "took {took:?}");
    Ok(())
}

#[tokio::test]
async fn activities_are_found_by_id_in_a_large_history() -> TestResult {
    // Describe by id looks each id up in the activities' index, whatever the length of the
    // history: 40k records (a state file may hold more than a group's window until the group
    // records its next activity), 100 ids a call. The time bound is loose on purpose: only a
    // search of the history per id (or per call) on a busy machine goes near it.
    let history = 40_000;
    let (emulator, v2) = start(State::from_yaml_str(
        &with_detach_history(history),
        "history.yaml",
    )?)?;
    let v3 = emulator.v3_client()?;
    let wanted: Vec<usize> = (0..99).map(|k| k * 397 % history).collect();
    let mut ids: Vec<String> = wanted.iter().map(|n| format!("asa-{n:08}")).collect();
    ids.push("asa-nothere1".to_owned());
    let mut newest_first: Vec<String> = ids[..99].to_vec();
    newest_first.sort_unstable_by(|a, b| b.cmp(a));
    let started = Instant::now();
    for _ in 0..20 {
        let by_ids = v3
            .describe_auto_scaling_activities()
            .activity_ids(ids.clone())
            .limit(100)
            .await?;
        assert_eq!(by_ids.total_count, 99);
        let seen: Vec<&str> = by_ids
            .activity_set
            .iter()
            .map(|a| a.activity_id.as_str())
            .collect();
        assert_eq!(seen, newest_first);

        let filtered = v3
            .describe_auto_scaling_activities()
            .filters([
                qcloud_as::v3::types::Filter::new("activity-id", ids[..5].to_vec()),
                qcloud_as::v3::types::Filter::new("auto-scaling-group-id", ["asg-0000aaaa"]),
            ])
            .await?;
        assert_eq!(filtered.total_count, 5);

        let v2_seen = v2
            .describe_scaling_activity("asg-0000aaaa")
            .scaling_activity_ids(ids.clone())
            .limit(100)
            .send()
            .await?;
        let mut recorded_order = newest_first.clone();
        recorded_order.reverse();
        let v2_ids: Vec<&str> = v2_seen
            .scaling_activity_set
            .iter()
            .map(|a| a.scaling_activity_id.as_str())
            .collect();
        assert_eq!(v2_ids, recorded_order);
    }
    let took = started.elapsed();
    assert!(took < Duration::from_secs(60), "took {took:?}");

    // The index follows the history: a new record is found, and so are those the window keeps,
    // not those it forgets.
    client_detach(&v2).await?;
    let last = v3
        .describe_auto_scaling_group_last_activities(["asg-0000aaaa"])
        .await?;
    let new_id = last.activity_set[0].activity_id.clone();
    let kept = format!("asa-{:08}", history - 1);
    let found = v3
        .describe_auto_scaling_activities()
        .activity_ids([new_id.clone(), kept.clone(), "asa-00000000".to_owned()])
        .await?;
    let seen: Vec<&str> = found
        .activity_set
        .iter()
        .map(|a| a.activity_id.as_str())
        .collect();
    assert_eq!(seen, [new_id.as_str(), kept.as_str()]);
    Ok(())
}

/// Detaches the one instance of the first format's group (kept running).
async fn client_detach(v2: &qcloud_as::Client) -> TestResult {
    v2.detach_instance("asg-0000aaaa", ["ins-0000aaaa"])
        .keep_instance(KeepInstance::Keep)
        .send()
        .await?;
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
    assert!(!state
        .scaling_activities
        .iter()
        .any(|a| a.id == "asa-00000000"));
    assert!(state
        .scaling_activities
        .iter()
        .any(|a| a.id == "asa-00000001"));
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
    // Without those lists a format-2 document still loads, and is written as the current
    // format (4: activities as the domain's).
    let plain = FORMAT_TWO_PARTS
        .lines()
        .filter(|l| !l.contains("scheduledTasks") && !l.contains("asst-"))
        .collect::<Vec<_>>()
        .join("\n");
    let state = State::from_yaml_str(&plain, "old.yaml");
    assert_eq!(state.map(|s| s.version).ok(), Some(STATE_FORMAT_VERSION));
    assert_eq!(STATE_FORMAT_VERSION, 4);
}

/// A format-3 document holding activities in API 2.0's wire shape, with the detach modes that
/// tell a remove from a detach and a start or stop from a scale.
fn format_three_activities() -> String {
    format!("version: 3\n{FIRST_FORMAT}{FORMAT_THREE_HISTORY}")
}

const FORMAT_THREE_HISTORY: &str = r#"scalingActivities:
  - {scalingActivityId: asa-0000000a, autoScalingGroupId: asg-0000aaaa, type: 0, status: 2,
     startTime: "2026-01-01 08:00:00", endTime: "2026-01-01 08:00:35", errorCode: 0,
     cause: grow, succInsList: [ins-0000aaaa], failInsList: []}
  - {scalingActivityId: asa-0000000b, autoScalingGroupId: asg-0000aaaa, type: 3, status: 2,
     startTime: "2026-01-01 08:01:00", endTime: "2026-01-01 08:01:00", cause: detach}
  - {scalingActivityId: asa-0000000c, autoScalingGroupId: asg-0000aaaa, type: 3, status: 2,
     startTime: "2026-01-01 08:02:00", endTime: "2026-01-01 08:02:00", cause: remove,
     succInsList: [ins-0000bbbb]}
  - {scalingActivityId: asa-0000000d, autoScalingGroupId: asg-0000aaaa, type: 0, status: 2,
     startTime: "2026-01-01 08:03:00", endTime: "2026-01-01 08:03:00", cause: start}
  - {scalingActivityId: asa-0000000e, autoScalingGroupId: asg-0000aaaa, type: 1, status: 4,
     startTime: "2026-01-01 08:04:00", endTime: "2026-01-01 08:04:00", cause: stop,
     errorCode: 40001, msg: cooling down, desciption: nothing stopped}
v3:
  detachModes:
    - {scalingActivityId: asa-0000000c, mode: terminate}
    - {scalingActivityId: asa-0000000d, mode: start}
    - {scalingActivityId: asa-0000000e, mode: stop}
    - {scalingActivityId: asa-0000000b, mode: keep}
"#;

#[tokio::test]
async fn format_three_activities_and_detach_modes_load_as_the_domains() -> TestResult {
    let state = State::from_yaml_str(&format_three_activities(), "format-3.yaml")?;
    assert_eq!(state.version, STATE_FORMAT_VERSION);
    assert!(state.v3.detach_modes.is_empty());
    let kinds: Vec<ActivityKind> = state.scaling_activities.iter().map(|a| a.kind).collect();
    assert_eq!(
        kinds,
        [
            ActivityKind::ScaleOut,
            ActivityKind::Detach,
            ActivityKind::Remove,
            ActivityKind::Start,
            ActivityKind::Stop
        ]
    );
    // Beijing time 08:00 is 00:00 UTC.
    let first = &state.scaling_activities[0];
    assert_eq!(
        (first.started, first.ended),
        (1_767_225_600, Some(1_767_225_635))
    );
    assert_eq!(first.instances[0].instance_id, "ins-0000aaaa");
    let stop = &state.scaling_activities[4];
    assert_eq!(stop.status, ActivityStatus::Failed);
    assert_eq!(stop.error_code, 40001);
    assert_eq!(stop.message.as_deref(), Some("cooling down"));
    assert_eq!(stop.description.as_deref(), Some("nothing stopped"));

    // Both protocols answer what they answered for the format-3 records.
    let (emulator, v2) = start(state)?;
    let shown = v2
        .describe_scaling_activity("asg-0000aaaa")
        .send()
        .await?
        .scaling_activity_set;
    let types: Vec<ActivityType> = shown.iter().map(|a| a.activity_type.clone()).collect();
    assert_eq!(
        types,
        [
            ActivityType::ScaleOut,
            ActivityType::Detach,
            ActivityType::Detach,
            ActivityType::ScaleOut,
            ActivityType::ScaleIn
        ]
    );
    assert_eq!(shown[0].start_time, "2026-01-01 08:00:00");
    assert_eq!(shown[0].end_time.as_deref(), Some("2026-01-01 08:00:35"));
    assert_eq!(
        shown[0].succ_ins_list.as_deref(),
        Some(&["ins-0000aaaa".to_owned()][..])
    );
    assert_eq!(shown[4].error_code, Some(40001));
    assert_eq!(shown[4].msg.as_deref(), Some("cooling down"));
    let v3 = emulator.v3_client()?;
    let shown = v3
        .describe_auto_scaling_activities()
        .filters([qcloud_as::v3::types::Filter::new(
            "auto-scaling-group-id",
            ["asg-0000aaaa"],
        )])
        .await?
        .activity_set;
    // Newest first.
    let types: Vec<&str> = shown.iter().map(|a| a.activity_type.as_str()).collect();
    assert_eq!(
        types,
        [
            "STOP_INSTANCES",
            "START_INSTANCES",
            "REMOVE_INSTANCES",
            "DETACH_INSTANCES",
            "SCALE_OUT"
        ]
    );
    assert_eq!(shown[4].start_time.as_str(), "2026-01-01T00:00:00Z");
    assert_eq!(shown[4].end_time.as_str(), "2026-01-01T00:00:35Z");

    // Written back in format 4: the domain's records, no detach modes.
    let json = http_state(&emulator).await?;
    assert_eq!(json["version"], 4);
    assert_eq!(json["scalingActivities"][2]["kind"], "remove");
    assert_eq!(json["scalingActivities"][0]["started"], 1_767_225_600);
    assert!(json.get("v3").is_none());
    Ok(())
}

#[test]
fn format_three_activities_that_do_not_convert_are_refused_naming_them() {
    let refused = |text: &str| match State::from_yaml_str(text, "format-3.yaml") {
        Ok(_) => panic!("accepted: {text}"),
        Err(e) => e.to_string(),
    };
    // A detach mode on an activity of another type.
    let err = refused(&format_three_activities().replace(
        "{scalingActivityId: asa-0000000d, mode: start}",
        "{scalingActivityId: asa-0000000d, mode: terminate}",
    ));
    assert!(err.contains("v3.detachModes[1]"), "{err}");
    assert!(err.contains("not of the type its mode needs"), "{err}");
    // A detach mode naming no activity.
    let err = refused(&format_three_activities().replace(
        "{scalingActivityId: asa-0000000d, mode: start}",
        "{scalingActivityId: asa-nothere1, mode: start}",
    ));
    assert!(err.contains("v3.detachModes[1]"), "{err}");
    assert!(
        err.contains("asa-nothere1 is not in scalingActivities"),
        "{err}"
    );
    // A start time that is not a time, and an unknown field of the old shape.
    let err = refused(
        &format_three_activities().replace("2026-01-01 08:01:00\", endTime", "soon\", endTime"),
    );
    assert!(err.contains("scalingActivities"), "{err}");
    assert!(err.contains("startTime: \"soon\""), "{err}");
    let err = refused(&format_three_activities().replace("cause: detach", "casue: detach"));
    assert!(err.contains("scalingActivities[1]"), "{err}");
    assert!(err.contains("casue"), "{err}");
}
