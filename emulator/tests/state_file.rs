//! State files: the documented shape loads; broken files are refused with a message naming
//! the line and field, or the entry.

mod common;

use common::*;
use qcloud_as_emulator::{State, StateError};

const ISSUE_EXAMPLE: &str = r#"
credentials:
  - {secretId: AKIDexample, secretKey: example-key}        # optional token: ...
instances:                      # CVM instances that exist in the account
  - {instanceId: ins-0000aaaa, state: Running}
scalingConfigurations:          # optional: launch configurations
  - {scalingConfigurationId: asc-0000aaaa, scalingConfigurationName: web-lc}
scalingGroups:
  - scalingGroupId: asg-0000aaaa
    scalingGroupName: web
    scalingConfigurationId: asc-0000aaaa   # optional
    minSize: 1
    maxSize: 5
    status: active              # active | inactive
    inScalingActivity: false
    removePolicy: RemoveOldestInstance  # optional, default
    createTime: "2026-01-01 00:00:00"   # optional
    instances:
      - {instanceId: ins-0000aaaa, creationType: Auto}
scalingActivities: []
faults: {}
"#;

fn error_of(yaml: &str) -> String {
    match State::from_yaml_str(yaml, "broken.yaml") {
        Ok(_) => panic!("accepted:\n{yaml}"),
        Err(e) => e.to_string(),
    }
}

#[tokio::test]
async fn the_documented_shape_loads_and_serves() -> TestResult {
    let state = state(ISSUE_EXAMPLE)?;
    assert_eq!(
        state.scaling_groups[0].instances[0].instance_id,
        "ins-0000aaaa"
    );
    let (emulator, client) = start(state)?;
    let out = client
        .describe_scaling_instance("asg-0000aaaa")
        .send()
        .await?;
    assert_eq!(out.total_count, 1);
    // The JSON answer has the same shape and loads again.
    let json = http_state(&emulator).await?;
    let again = State::from_yaml_str(&json.to_string(), "json")?;
    assert_eq!(again, emulator.state());
    Ok(())
}

#[test]
fn a_file_on_disk_loads() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("state.yaml");
    std::fs::write(&path, ISSUE_EXAMPLE)?;
    let state = State::from_file(&path)?;
    assert_eq!(state.credentials[0].secret_id, "AKIDexample");
    Ok(())
}

#[test]
fn a_missing_file_is_named() {
    let err = State::from_file("/nonexistent/state.yaml")
        .err()
        .map(|e| e.to_string());
    assert!(err.unwrap_or_default().contains("/nonexistent/state.yaml"));
}

#[test]
fn bad_yaml_names_the_line() {
    let err = error_of("credentials:\n  - {secretId: a, secretKey: b\ninstances: [\n");
    assert!(err.starts_with("broken.yaml: line "), "{err}");
}

#[test]
fn an_unknown_field_is_named_with_its_line() {
    let yaml = ISSUE_EXAMPLE.replace(
        "    inScalingActivity: false",
        "    inScalingActivity: false\n    colour: blue",
    );
    let err = error_of(&yaml);
    assert!(err.contains("colour"), "{err}");
    assert!(err.contains("line 16"), "{err}");
    match State::from_yaml_str(&yaml, "broken.yaml") {
        Err(StateError::Parse { line: Some(16), .. }) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_wrong_type_is_named_with_its_path_and_line() {
    let yaml = ISSUE_EXAMPLE.replace("minSize: 1", "minSize: one");
    let err = error_of(&yaml);
    assert!(err.contains("scalingGroups[0].minSize"), "{err}");
    assert!(err.contains("line 12"), "{err}");
    let yaml = ISSUE_EXAMPLE.replace("status: active", "status: sleeping");
    let err = error_of(&yaml);
    assert!(err.contains("scalingGroups[0].status"), "{err}");
}

#[test]
fn an_unknown_enum_value_is_named() {
    // The enums are the SDK's: a value the spec does not list would decode as `Unknown`, but a
    // state holds only values the service knows.
    let cases = [
        (
            ISSUE_EXAMPLE.replace("creationType: Auto}", "creationType: Foo}"),
            "scalingGroups[0].instances[0].creationType",
            "Foo",
        ),
        (
            ISSUE_EXAMPLE.replace(
                "creationType: Auto}",
                "creationType: Auto, healthStatus: Sickly}",
            ),
            "scalingGroups[0].instances[0].healthStatus",
            "Sickly",
        ),
        (
            ISSUE_EXAMPLE.replace(
                "creationType: Auto}",
                "creationType: Auto, lifeCycleState: Sleeping}",
            ),
            "scalingGroups[0].instances[0].lifeCycleState",
            "Sleeping",
        ),
        (
            ISSUE_EXAMPLE.replace(
                "removePolicy: RemoveOldestInstance",
                "removePolicy: RemoveRandomInstance",
            ),
            "scalingGroups[0].removePolicy",
            "RemoveRandomInstance",
        ),
    ];
    for (yaml, field, value) in cases {
        let err = error_of(&yaml);
        assert!(err.starts_with("broken.yaml: "), "{err}");
        assert!(err.contains(field), "{field}: {err}");
        assert!(err.contains(value), "{field}: {err}");
        match State::from_yaml_str(&yaml, "broken.yaml") {
            Err(StateError::Invalid { entry, .. }) => assert_eq!(entry, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    let err = error_of(&ISSUE_EXAMPLE.replace("creationType: Auto}", "creationType: Foo}"));
    assert!(err.contains("line 19"), "{err}");
}

#[test]
fn an_unknown_instance_is_named() {
    let yaml = ISSUE_EXAMPLE.replace(
        "      - {instanceId: ins-0000aaaa, creationType: Auto}",
        "      - {instanceId: ins-0000aaaa, creationType: Auto}\n      - {instanceId: ins-x, creationType: Manual}",
    );
    let err = error_of(&yaml);
    assert!(
        err.contains("scalingGroups[0].instances[1]: instance ins-x is not in instances"),
        "{err}"
    );
    assert!(err.contains("line 20"), "{err}");
}

#[test]
fn an_instance_in_two_groups_is_named() {
    let yaml = ISSUE_EXAMPLE.replace(
        "scalingActivities: []",
        "  - scalingGroupId: asg-0000bbbb\n    scalingGroupName: other\n    minSize: 0\n    maxSize: 2\n    instances:\n      - {instanceId: ins-0000aaaa, creationType: Manual}\nscalingActivities: []",
    );
    let err = error_of(&yaml);
    assert!(err.contains("scalingGroups[1].instances[0]"), "{err}");
    assert!(err.contains("ins-0000aaaa"), "{err}");
    assert!(err.contains("another scaling group"), "{err}");
}

#[test]
fn other_inconsistencies_are_named() {
    let cases = [
        (ISSUE_EXAMPLE.replace("minSize: 1", "minSize: 9"), "scalingGroups[0].minSize"),
        (
            ISSUE_EXAMPLE.replace(
                "  - {instanceId: ins-0000aaaa, state: Running}",
                "  - {instanceId: ins-0000aaaa, state: Running}\n  - {instanceId: ins-0000aaaa, state: Stopped}",
            ),
            "instances[1]",
        ),
        (
            ISSUE_EXAMPLE.replace("scalingConfigurationId: asc-0000aaaa   #", "scalingConfigurationId: asc-zzzz   #"),
            "scalingGroups[0].scalingConfigurationId",
        ),
        (ISSUE_EXAMPLE.replace("faults: {}", "faults: {Detach: {kind: throttle}}"), "faults.Detach"),
        (
            ISSUE_EXAMPLE.replace(
                "credentials:\n  - {secretId: AKIDexample, secretKey: example-key}        # optional token: ...\n",
                "credentials: []\n",
            ),
            "credentials",
        ),
    ];
    for (yaml, entry) in cases {
        let err = error_of(&yaml);
        assert!(err.starts_with("broken.yaml: "), "{err}");
        assert!(err.contains(entry), "{entry}: {err}");
    }
}

#[tokio::test]
async fn the_state_can_be_replaced_over_http() -> TestResult {
    let (emulator, _client) = demo()?;
    let http = crate::common::http();
    let url = format!("{}/_emulator/state", emulator.endpoint());
    let bad = http
        .put(&url)
        .header("content-type", "application/yaml")
        .body(ISSUE_EXAMPLE.replace("minSize: 1", "minSize: 9"))
        .send()
        .await?;
    assert_eq!(bad.status(), 400);
    let message = String::from_utf8_lossy(&bad.bytes().await?).into_owned();
    assert!(message.contains("scalingGroups[0].minSize"), "{message}");
    assert_eq!(emulator.state(), State::demo());
    let unknown = http
        .put(&url)
        .header("content-type", "application/yaml")
        .body(ISSUE_EXAMPLE.replace("creationType: Auto}", "creationType: Foo}"))
        .send()
        .await?;
    assert_eq!(unknown.status(), 400);
    let message = String::from_utf8_lossy(&unknown.bytes().await?).into_owned();
    assert!(
        message.contains("scalingGroups[0].instances[0].creationType"),
        "{message}"
    );
    assert_eq!(emulator.state(), State::demo());
    let good = http
        .put(&url)
        .header("content-type", "application/yaml")
        .body(ISSUE_EXAMPLE)
        .send()
        .await?;
    assert_eq!(good.status(), 200);
    assert_eq!(emulator.state().scaling_groups[0].id, "asg-0000aaaa");
    Ok(())
}

/// A group holding one of every per-group resource, in the SDK's own shapes.
const FULL_GROUP: &str = r#"
credentials:
  - {secretId: AKIDexample, secretKey: example-key}
scalingConfigurations:
  - {scalingConfigurationId: asc-0000aaaa, scalingConfigurationName: web-lc, cpu: 2, mem: 4, storageType: 2, bandwidthType: PayByTraffic}
scalingGroups:
  - scalingGroupId: asg-0000aaaa
    scalingGroupName: web
    scalingConfigurationId: asc-0000aaaa
    minSize: 0
    maxSize: 5
    scalingPolicies:
      - scalingPolicyId: asp-0000aaaa
        scalingPolicyName: cpu-high
        adjustmentType: QuantityChangeInCapacity
        adjustmentValue: 1
        cooldown: 300
        createTime: "2026-01-01 00:00:00"
        metric: {dimensionName: cpu_usage, comparisonOperator: Greater, threshold: 80}
    scheduledActions:
      - {id: asst-0000aaaa, name: night, maxSize: 2, minSize: 0, startTime: 1767276000}
    notifications:
      - {id: asn-0000aaaa, events: [scaleOutSucceeded, scaleInSucceeded], userGroupIds: ["ug-1"]}
    lifecycleHooks:
      - {id: lfh-0000aaaa, name: warm, heartbeatTimeout: 300, defaultResult: continue, transition: launching}
    boundLifeCycleHookId: lfh-0000aaaa
"#;

#[test]
fn every_per_group_resource_loads_and_round_trips() -> TestResult {
    let state = state(FULL_GROUP)?;
    let group = &state.scaling_groups[0];
    assert_eq!(
        group.scaling_policies[0]
            .simple()
            .and_then(|s| s.alarm.as_ref())
            .map(|a| a.threshold),
        Some(80)
    );
    assert_eq!(group.notifications[0].events.len(), 2);
    assert_eq!(group.scheduled_actions[0].start_time, 1_767_276_000);
    assert_eq!(
        group.bound_life_cycle_hook_id.as_deref(),
        Some("lfh-0000aaaa")
    );
    let json = state.to_json_pretty();
    assert_eq!(State::from_yaml_str(&json, "json")?, state);
    Ok(())
}

#[test]
fn an_unknown_field_of_an_sdk_shaped_entry_is_named() {
    let yaml = FULL_GROUP.replace("cooldown: 300", "cooldwn: 300");
    let err = error_of(&yaml);
    assert!(err.contains("scalingGroups[0].scalingPolicies[0]"), "{err}");
    assert!(err.contains("unknown field `cooldwn`"), "{err}");
    assert!(err.starts_with("broken.yaml: line 17:"), "{err}");
}

#[test]
fn resource_ids_are_unique_and_the_bound_hook_is_the_groups() {
    let yaml = FULL_GROUP.replace("id: asn-0000aaaa", "id: asp-0000aaaa");
    let err = error_of(&yaml);
    assert!(
        err.contains("asp-0000aaaa is given more than once"),
        "{err}"
    );

    let yaml = FULL_GROUP.replace(
        "boundLifeCycleHookId: lfh-0000aaaa",
        "boundLifeCycleHookId: lfh-nothere",
    );
    let err = error_of(&yaml);
    assert!(err.contains("boundLifeCycleHookId"), "{err}");
    assert!(
        err.contains("lfh-nothere is not one of the group's lifecycleHooks"),
        "{err}"
    );
}
