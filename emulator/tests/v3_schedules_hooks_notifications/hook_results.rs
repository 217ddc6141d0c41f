//! How a hold ended is recorded once, by its lifecycle action; an activity's
//! `LifecycleActionResultSet` is built from the actions naming it. A format-4 document
//! written before that carries the outcome twice (`hookResults` on the activity beside the
//! action's `ended`): it loads, answers the same, and is written back without `hookResults`.

use super::*;
use qcloud_as::v3::types::{Activity, NotificationResult, ResultReason};

/// A web group whose scale-out to 6 had two instances held by a launching hook (to queue
/// `q1`, default CONTINUE): one completed by a call with ABANDON, the other timed out. The
/// emulator and the activity's id.
async fn two_holds_ended() -> Result<(Emulator, String), Box<dyn std::error::Error>> {
    let (emulator, _v2, client) = start_v3(State::demo())?;
    let hook = client
        .create_lifecycle_hook(CreateLifecycleHookRequired {
            auto_scaling_group_id: WEB.into(),
            lifecycle_hook_name: "warm".into(),
            lifecycle_transition: LifecycleTransition::InstanceLaunching,
        })
        .notification_target(NotificationTarget::new(HookTargetType::TdmqCmqQueue).queue_name("q1"))
        .heartbeat_timeout(600)
        .await?
        .lifecycle_hook_id;
    client.modify_auto_scaling_group(WEB).max_size(6).await?;
    client.modify_desired_capacity(WEB, 6).await?;
    emulator.advance(Duration::from_secs(40));
    let state = emulator.state();
    let held: Vec<&str> = state
        .lifecycle_actions
        .iter()
        .map(|a| a.instance_id.as_str())
        .collect();
    assert_eq!(held.len(), 2, "{held:?}");
    client
        .complete_lifecycle_action(&hook, LifecycleActionResult::Abandon)
        .instance_id(held[1])
        .await?;
    emulator.advance(Duration::from_secs(700));
    let activity = state.lifecycle_actions[0].activity_id.clone();
    Ok((emulator, activity))
}

async fn describe(emulator: &Emulator, id: &str) -> Result<Activity, Box<dyn std::error::Error>> {
    let set = emulator
        .v3_client()?
        .describe_auto_scaling_activities()
        .activity_ids([id])
        .await?
        .activity_set;
    Ok(set.into_iter().next().ok_or("no such activity")?)
}

/// The state as JSON, with the `hookResults` format 4 wrote on `activity` before: each ended
/// hold of it, in the order they ended.
fn with_hook_results(emulator: &Emulator, activity: &str) -> serde_json::Value {
    let state = emulator.state();
    let mut ended: Vec<_> = state
        .lifecycle_actions
        .iter()
        .filter(|a| a.activity_id == activity)
        .filter_map(|a| a.ended.map(|end| (a, end)))
        .collect();
    ended.sort_by_key(|(_, end)| end.at);
    let results: Vec<serde_json::Value> = ended
        .iter()
        .map(|(a, end)| {
            serde_json::json!({
                "hookId": a.hook_id,
                "instanceId": a.instance_id,
                "result": end.result,
                "completed": end.reason != qcloud_as_emulator::domain::lifecycle::EndReason::HeartbeatTimeout,
            })
        })
        .collect();
    let mut json: serde_json::Value =
        serde_json::from_str(&state.to_json_pretty()).unwrap_or_default();
    if let Some(entries) = json["scalingActivities"].as_array_mut() {
        for entry in entries.iter_mut().filter(|e| e["id"] == activity) {
            entry["hookResults"] = serde_json::Value::Array(results.clone());
        }
    }
    json
}

#[tokio::test]
async fn a_state_with_hook_results_beside_the_actions_answers_the_same() -> TestResult {
    let (emulator, id) = two_holds_ended().await?;
    let before = describe(&emulator, &id).await?;
    let results = &before.lifecycle_action_result_set;
    assert_eq!(results.len(), 2, "{results:?}");
    // The call ended its hold at once, before the other's timeout.
    assert_eq!(
        (
            results[0].lifecycle_action_result.clone(),
            results[0].result_reason.clone(),
            results[1].lifecycle_action_result.clone(),
            results[1].result_reason.clone()
        ),
        (
            LifecycleActionResult::Abandon,
            ResultReason::CallInterface,
            LifecycleActionResult::Continue,
            ResultReason::HeartbeatTimeout
        )
    );
    // Nothing but the lifecycle actions records it.
    let written = emulator.state().to_json_pretty();
    assert!(!written.contains("hookResults"), "{written}");

    let both = with_hook_results(&emulator, &id);
    assert!(both.to_string().contains("hookResults"));
    let loaded = State::from_yaml_str(&both.to_string(), "both.json")?;
    assert_eq!(loaded.lifecycle_actions, emulator.state().lifecycle_actions);
    let (again, _, _) = start_v3(loaded)?;
    assert_eq!(describe(&again, &id).await?, before);
    assert!(!again.state().to_json_pretty().contains("hookResults"));
    Ok(())
}

#[tokio::test]
async fn hook_results_without_their_actions_become_ended_actions() -> TestResult {
    let (emulator, id) = two_holds_ended().await?;
    let before = describe(&emulator, &id).await?;
    let mut json = with_hook_results(&emulator, &id);
    // Forgotten (or never written): the activity's entries are all there is.
    json.as_object_mut().map(|o| o.remove("lifecycleActions"));
    let loaded = State::from_yaml_str(&json.to_string(), "results-only.json")?;
    // Ended actions for the activity's two (the hold in progress of the scale-out that
    // replaces the abandoned instance gets a pending one, as a format-3 hold does).
    let of_activity: Vec<_> = loaded
        .lifecycle_actions
        .iter()
        .filter(|a| a.activity_id == id)
        .collect();
    assert_eq!(of_activity.len(), 2, "{of_activity:?}");
    assert!(of_activity.iter().all(|a| a.ended.is_some()));
    let (again, _, _) = start_v3(loaded)?;
    let after = describe(&again, &id).await?;
    let brief = |a: &Activity| -> Vec<(String, String, LifecycleActionResult, ResultReason)> {
        a.lifecycle_action_result_set
            .iter()
            .map(|r| {
                (
                    r.lifecycle_hook_id.clone(),
                    r.instance_id.clone(),
                    r.lifecycle_action_result.clone(),
                    r.result_reason.clone(),
                )
            })
            .collect()
    };
    assert_eq!(brief(&after), brief(&before));
    // What only the action knew is not known: whether a message went out.
    assert!(after
        .lifecycle_action_result_set
        .iter()
        .all(|r| r.notification_result == NotificationResult::None));
    Ok(())
}

#[tokio::test]
async fn hook_results_that_disagree_with_the_action_are_refused() -> TestResult {
    let (emulator, id) = two_holds_ended().await?;
    let mut json = with_hook_results(&emulator, &id);
    let position = json["scalingActivities"]
        .as_array()
        .and_then(|entries| entries.iter().position(|e| e["id"] == id.as_str()))
        .ok_or("no activity")?;
    let entry = |json: &mut serde_json::Value| json["scalingActivities"][position].clone();
    // The timed-out hold, said to have been abandoned by a call.
    assert_eq!(entry(&mut json)["hookResults"][1]["result"], "continue");
    json["scalingActivities"][position]["hookResults"][1]["result"] = "abandon".into();
    let refused = State::from_yaml_str(&json.to_string(), "disagree.json")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        refused.contains(&format!("scalingActivities[{position}].hookResults[1]")),
        "{refused}"
    );
    assert!(refused.contains("lifecycleActions["), "{refused}");
    assert!(refused.contains("disagree"), "{refused}");

    // An entry that does not decode is named too.
    json["scalingActivities"][position]["hookResults"][1]["result"] = "maybe".into();
    let refused = State::from_yaml_str(&json.to_string(), "bad.json")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(refused.contains("hookResults"), "{refused}");
    assert!(refused.contains("maybe"), "{refused}");
    Ok(())
}

#[tokio::test]
async fn a_format_3_hold_a_call_ended_shows_on_its_activity() -> TestResult {
    let yaml = r#"
version: 3
credentials: [{secretId: AKIDEMULATOR, secretKey: emulator-demo-secret-key}]
instances:
  - {instanceId: ins-0000aaaa, state: Running}
scalingGroups:
  - scalingGroupId: asg-0000aaaa
    scalingGroupName: web
    minSize: 0
    maxSize: 5
    desiredCapacity: 1
    inScalingActivity: true
    instances:
      - {instanceId: ins-0000aaaa, creationType: Auto, lifeCycleState: Creating}
    lifecycleHooks:
      - {id: ash-0000aaaa, name: warm, transition: launching, defaultResult: continue,
         heartbeatTimeout: 300, holdsUnbound: true}
scalingActivities:
  - {scalingActivityId: asa-0000aaaa, autoScalingGroupId: asg-0000aaaa, type: 0, status: 1,
     startTime: "2026-01-01 08:00:00"}
simulation:
  activities:
    - scalingActivityId: asa-0000aaaa
      scalingGroupId: asg-0000aaaa
      direction: scaleOut
      runningAt: 1767225605
      running: true
      cooldownSeconds: 0
      instances:
        - {instanceId: ins-0000aaaa, step: launchHook, until: 1767225700,
           lifeCycleHookId: ash-0000aaaa, result: ABANDON, completed: true}
"#;
    let state = State::from_yaml_str(yaml, "format-3.yaml")?;
    let ended: Vec<_> = state.lifecycle_actions.iter().map(|a| a.ended).collect();
    assert_eq!(ended.len(), 1, "{ended:?}");
    let (_emulator, _v2, client) = start_v3(state)?;
    let activity = client
        .describe_auto_scaling_activities()
        .activity_ids(["asa-0000aaaa"])
        .await?
        .activity_set;
    let results = &activity[0].lifecycle_action_result_set;
    assert_eq!(results.len(), 1, "{results:?}");
    assert_eq!(
        (
            results[0].lifecycle_action_result.clone(),
            results[0].result_reason.clone()
        ),
        (LifecycleActionResult::Abandon, ResultReason::CallInterface)
    );
    Ok(())
}
