//! State format 4: scaling groups and members stored as the domain's `Group` and `Member`; a
//! group written by format 3 (API 2.0's words, Beijing times, `settings:`) is read into it and
//! answers as it did through both protocols.

mod common;

use common::v3::*;
use qcloud_as::types::{CreationType, HealthStatus, LifeCycleState, RemovePolicy};
use qcloud_as_emulator::domain::group_settings::{HealthCheckType, RetryPolicy, ScalingMode, Tag};
use qcloud_as_emulator::domain::load_balancers::Target;
use qcloud_as_emulator::domain::{Creation, Health, LifeCycle, Pause, TerminationPolicy};
use qcloud_as_emulator::{State, StateError, STATE_FORMAT_VERSION};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// 2026-01-01 00:00:00 Beijing time.
const NEW_YEAR: u64 = 1_767_196_800;

const FORMAT_3: &str = r#"
version: 3
credentials:
  - {secretId: AKIDexample, secretKey: example-key}
instances:
  - {instanceId: ins-0000aaaa, state: Running}
  - {instanceId: ins-0000bbbb, state: Running}
  - {instanceId: ins-0000cccc, state: Running}
scalingConfigurations:
  - {scalingConfigurationId: asc-0000aaaa, scalingConfigurationName: web-lc}
scalingGroups:
  - scalingGroupId: asg-0000aaaa
    scalingGroupName: web
    scalingConfigurationId: asc-0000aaaa
    minSize: 0
    maxSize: 5
    status: inactive
    removePolicy: RemoveNewestInstance
    createTime: "2026-01-01 00:00:00"
    vpcId: "0"
    projectId: 3
    zoneIds: ["100002"]
    loadBalancerIds: [lb-0000aaaa]
    instances:
      - {instanceId: ins-0000aaaa, creationType: Auto, addTime: "2026-01-01 00:00:00"}
      - instanceId: ins-0000bbbb
        creationType: Manual
        healthStatus: UnHealthy
        lifeCycleState: Backuping
        protectedFromScaleIn: true
        scalingConfigurationId: asc-0000aaaa
        addTime: "2026-01-01 08:00:00"
      - {instanceId: ins-0000cccc, creationType: Auto, lifeCycleState: Removing, paused: standby}
    settings:
      defaultCooldown: 120
      retryPolicy: NO_RETRY
      healthCheckType: CVM
      tags: [{Key: env, Value: prod}]
      serviceSettings: {ReplaceMonitorUnhealthy: true, ScalingMode: WAKE_UP_STOPPED_SCALING}
  - scalingGroupId: asg-0000bbbb
    scalingGroupName: api
    minSize: 0
    maxSize: 2
    vpcId: vpc-0000aaaa
    forwardLBInfos:
      - {loadBalancerId: lb-1, listenerId: lbl-1, locationId: loc-1, rsInfoSet: [{port: 80, weight: 10}]}
"#;

fn refused(yaml: &str) -> String {
    match State::from_yaml_str(yaml, "state.yaml") {
        Ok(_) => panic!("accepted:\n{yaml}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_format_3_group_is_read_into_the_domains() -> TestResult {
    let state = State::from_yaml_str(FORMAT_3, "state.yaml")?;
    assert_eq!(state.version, STATE_FORMAT_VERSION);
    let web = &state.scaling_groups[0];
    assert!(!web.enabled);
    assert_eq!(web.termination_policy, TerminationPolicy::NewestInstance);
    assert_eq!(web.created_at, Some(NEW_YEAR));
    assert_eq!(web.vpc_id, None, "vpcId 0 is the classic network");
    assert_eq!(web.project, 3);
    assert_eq!(web.load_balancers.classic, ["lb-0000aaaa"]);
    assert_eq!(web.default_cooldown, Some(120));
    assert_eq!(web.retry_policy, RetryPolicy::NoRetry);
    assert_eq!(web.health_check_type, HealthCheckType::Cvm);
    assert_eq!(
        web.tags,
        [Tag {
            key: "env".into(),
            value: "prod".into(),
            resource_type: None
        }]
    );
    assert_eq!(web.service_settings.replace_monitor_unhealthy, Some(true));
    assert_eq!(
        web.service_settings.scaling_mode,
        Some(ScalingMode::WakeUpStoppedScaling)
    );
    let [a, b, c] = &web.instances[..] else {
        panic!("three members: {:?}", web.instances);
    };
    assert_eq!(
        (a.creation, a.health, &a.life_cycle, a.added_at),
        (
            Creation::Auto,
            Health::Healthy,
            &LifeCycle::InService,
            Some(NEW_YEAR)
        )
    );
    assert_eq!(
        (b.creation, b.health, &b.life_cycle, b.added_at),
        (
            Creation::Manual,
            Health::Unhealthy,
            &LifeCycle::BackingUp,
            Some(NEW_YEAR + 8 * 3600)
        )
    );
    assert!(b.protected_from_scale_in);
    assert_eq!(b.scaling_configuration_id.as_deref(), Some("asc-0000aaaa"));
    assert_eq!(c.life_cycle, LifeCycle::Terminating);
    assert_eq!(
        (c.paused, c.state()),
        (Some(Pause::Standby), LifeCycle::Standby)
    );
    let api = &state.scaling_groups[1];
    assert!(api.enabled);
    assert_eq!(api.vpc_id.as_deref(), Some("vpc-0000aaaa"));
    let forward = &api.load_balancers.forward[0];
    assert_eq!(forward.key.location_id.as_deref(), Some("loc-1"));
    assert_eq!(
        forward.targets,
        [Target {
            port: 80,
            weight: 10
        }]
    );
    Ok(())
}

#[test]
fn it_is_written_as_format_4_and_loads_back() -> TestResult {
    let state = State::from_yaml_str(FORMAT_3, "state.yaml")?;
    let json = state.to_json_pretty();
    let value: serde_json::Value = serde_json::from_str(&json)?;
    assert_eq!(value["version"], 4);
    let web = &value["scalingGroups"][0];
    assert_eq!(web["enabled"], false);
    assert_eq!(web["terminationPolicy"], "newestInstance");
    assert_eq!(web["createdAt"], NEW_YEAR);
    assert_eq!(web["retryPolicy"], "noRetry");
    assert_eq!(web["tags"][0]["key"], "env");
    assert_eq!(
        web["serviceSettings"]["scalingMode"],
        "wakeUpStoppedScaling"
    );
    assert_eq!(web["loadBalancers"]["classic"][0], "lb-0000aaaa");
    let member = &web["instances"][1];
    assert_eq!(member["creation"], "manual");
    assert_eq!(member["health"], "unhealthy");
    assert_eq!(member["lifeCycle"], "backingUp");
    assert_eq!(member["addedAt"], NEW_YEAR + 8 * 3600);
    for old in [
        "status",
        "removePolicy",
        "createTime",
        "settings",
        "vpcId",
        "loadBalancerIds",
    ] {
        assert!(web.get(old).is_none(), "{old} written: {web}");
    }
    for old in ["creationType", "healthStatus", "lifeCycleState", "addTime"] {
        assert!(member.get(old).is_none(), "{old} written: {member}");
    }
    let forward = &value["scalingGroups"][1]["loadBalancers"]["forward"][0];
    assert_eq!(forward["targets"][0]["port"], 80);
    assert_eq!(State::from_yaml_str(&json, "json")?, state);
    Ok(())
}

#[tokio::test]
async fn both_protocols_answer_as_they_did() -> TestResult {
    let state = State::from_yaml_str(FORMAT_3, "state.yaml")?;
    let (_emulator, v2, v3) = start_v3(state)?;
    let groups = v2
        .describe_scaling_group()
        .scaling_group_ids(["asg-0000aaaa"])
        .send()
        .await?;
    let g = &groups.scaling_group_set[0];
    assert_eq!(g.create_time, "2026-01-01 00:00:00");
    assert_eq!(g.remove_policy, RemovePolicy::RemoveNewestInstance);
    assert_eq!(g.vpc_id.as_deref(), Some("0"));
    assert_eq!(g.project_id, Some(3));
    let members = v2.describe_scaling_instance("asg-0000aaaa").send().await?;
    let b = &members.scaling_instances_set[1];
    assert_eq!(b.add_time, "2026-01-01 08:00:00");
    assert_eq!(b.creation_type, CreationType::Manual);
    assert_eq!(b.health_status, HealthStatus::UnHealthy);
    assert_eq!(b.life_cycle_state, LifeCycleState::Backuping);
    assert_eq!(
        members.scaling_instances_set[2].life_cycle_state,
        LifeCycleState::Removing
    );

    let groups = v3
        .describe_auto_scaling_groups()
        .auto_scaling_group_ids(["asg-0000aaaa"])
        .await?;
    let g = &groups.auto_scaling_group_set[0];
    assert_eq!(g.created_time.as_str(), "2025-12-31T16:00:00Z");
    assert_eq!(g.enabled_status.as_str(), "DISABLED");
    assert_eq!(g.retry_policy.as_str(), "NO_RETRY");
    assert_eq!(g.health_check_type.as_str(), "CVM");
    assert_eq!(g.default_cooldown, 120);
    assert_eq!(g.vpc_id, "");
    assert_eq!(g.termination_policy_set[0].as_str(), "NEWEST_INSTANCE");
    assert_eq!(g.tags[0].key, "env");
    assert_eq!(
        g.service_settings.scaling_mode.as_ref().map(|m| m.as_str()),
        Some("WAKE_UP_STOPPED_SCALING")
    );
    let instances = v3
        .describe_auto_scaling_instances()
        .instance_ids(["ins-0000bbbb", "ins-0000cccc"])
        .await?;
    let set = &instances.auto_scaling_instance_set;
    assert_eq!(set[0].add_time.as_str(), "2026-01-01T00:00:00Z");
    assert_eq!(set[0].health_status.as_str(), "UNHEALTHY");
    assert_eq!(set[0].life_cycle_state.as_str(), "IN_SERVICE");
    assert_eq!(set[1].life_cycle_state.as_str(), "IN_STANDBY");
    Ok(())
}

#[test]
fn the_two_shapes_do_not_mix() {
    let json = State::from_yaml_str(FORMAT_3, "state.yaml")
        .map(|s| s.to_json_pretty())
        .unwrap_or_default();
    // A format-3 key in a format-4 document.
    let err = refused(&json.replacen("\"enabled\": false", "\"status\": \"inactive\"", 1));
    assert!(err.contains("scalingGroups[0].status"), "{err}");
    assert!(err.contains("formats 1 to 3"), "{err}");
    let err = refused(&json.replacen(
        "\"creation\": \"manual\"",
        "\"creationType\": \"Manual\"",
        1,
    ));
    assert!(
        err.contains("scalingGroups[0].instances[1].creationType"),
        "{err}"
    );
    // A format-4 key beside format-3 ones, in an earlier document.
    let err = refused(&FORMAT_3.replacen("status: inactive", "enabled: false", 1));
    assert!(err.contains("scalingGroups[0].enabled"), "{err}");
    assert!(err.contains("one shape"), "{err}");
    assert!(err.contains("line 17"), "{err}");
    // An earlier document may hold format 4's groups throughout (its launch configurations
    // in the shape of formats 1 to 3, the only one they take there).
    let as_three = json.replacen("\"version\": 4", "\"version\": 3", 1).replacen(
        "\"launchConfigurations\": [\n    {\n      \"id\": \"asc-0000aaaa\",\n      \"name\": \"web-lc\"\n    }\n  ]",
        "\"scalingConfigurations\": [{\"scalingConfigurationId\": \"asc-0000aaaa\", \"scalingConfigurationName\": \"web-lc\"}]",
        1,
    );
    assert!(as_three.contains("scalingConfigurations"), "{as_three}");
    let three = State::from_yaml_str(&as_three, "three.json").map(|s| s.to_json_pretty());
    assert_eq!(three.ok(), Some(json));
}

#[test]
fn bad_values_are_named_with_their_place() {
    let err = refused(&FORMAT_3.replacen("2026-01-01 08:00:00", "2026-02-30 08:00:00", 1));
    assert!(
        err.contains("scalingGroups[0].instances[1].addTime"),
        "{err}"
    );
    assert!(err.contains("line 32"), "{err}");
    let err = refused(&FORMAT_3.replacen("retryPolicy: NO_RETRY", "retryPolicy: SOMETIMES", 1));
    assert!(
        err.contains("scalingGroups[0].settings.retryPolicy"),
        "{err}"
    );
    let json = State::from_yaml_str(FORMAT_3, "state.yaml")
        .map(|s| s.to_json_pretty())
        .unwrap_or_default();
    let err = refused(&json.replacen("\"backingUp\"", "\"asleep\"", 1));
    assert!(
        err.contains("scalingGroups[0].instances[1].lifeCycle"),
        "{err}"
    );
    match State::from_yaml_str(
        &FORMAT_3.replacen("creationType: Manual", "creationType: Robot", 1),
        "s",
    ) {
        Err(StateError::Invalid { entry, .. }) => {
            assert_eq!(entry, "scalingGroups[0].instances[1].creationType")
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_setting_word_the_spec_does_not_list_is_refused() -> TestResult {
    use qcloud_as::v3::types::{ScalingMode as WireMode, ServiceSettings};
    let (emulator, _v2, v3) = start_v3(State::demo())?;
    let mut settings = ServiceSettings::default();
    settings.scaling_mode = Some(WireMode::from_wire("SOMETIMES"));
    let refused = v3
        .modify_auto_scaling_group("asg-demo0001")
        .service_settings(settings.clone())
        .await;
    assert_eq!(code(refused), "InvalidParameterValue");
    assert!(emulator.state().scaling_groups[0]
        .service_settings
        .scaling_mode
        .is_none());
    settings.scaling_mode = Some(WireMode::WakeUpStoppedScaling);
    v3.modify_auto_scaling_group("asg-demo0001")
        .service_settings(settings)
        .await?;
    assert_eq!(
        emulator.state().scaling_groups[0]
            .service_settings
            .scaling_mode,
        Some(ScalingMode::WakeUpStoppedScaling)
    );
    Ok(())
}
