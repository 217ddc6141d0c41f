//! Lifecycle actions: the token each hold gets, read from the outbox
//! (`GET /_emulator/lifecycle-messages`) and completed with, through API 3.0 and API 2.0; the
//! default result on time-out; a hook's command; and a format-3 state's holds.

use super::*;
use qcloud_as::operation::modify_scaling_group::ModifyScalingGroupRequired;
use qcloud_as::types::{HookResult as V2Result, RemovePolicy, Transition as V2Transition};
use qcloud_as::v3::types::{Activity, NotificationResult, ResultReason};

/// The outbox, narrowed by `query` (`""` for all of it).
async fn outbox(
    emulator: &Emulator,
    query: &str,
) -> Result<Vec<serde_json::Value>, Box<dyn std::error::Error>> {
    let url = format!(
        "{}/_emulator/lifecycle-messages{query}",
        emulator.endpoint()
    );
    let response = crate::common::http().get(url).send().await?;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = serde_json::from_slice(&response.bytes().await?)?;
    Ok(body["messages"].as_array().cloned().unwrap_or_default())
}

/// A field of the message of an outbox entry.
fn field(entry: &serde_json::Value, name: &str) -> String {
    entry["message"][name]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn hook(group: &str, name: &str, transition: LifecycleTransition) -> CreateLifecycleHookRequired {
    CreateLifecycleHookRequired {
        auto_scaling_group_id: group.into(),
        lifecycle_hook_name: name.into(),
        lifecycle_transition: transition,
    }
}

/// The life-cycle state of `instance` in `group`, if it is there.
fn life(emulator: &Emulator, group: &str, instance: &str) -> Option<String> {
    emulator.state().group(group).and_then(|g| {
        g.instances
            .iter()
            .find(|m| m.instance_id == instance)
            .map(|m| format!("{:?}", m.life_cycle))
    })
}

async fn activity(
    client: &qcloud_as::v3::Client,
    id: &str,
) -> Result<Activity, Box<dyn std::error::Error>> {
    let set = client
        .describe_auto_scaling_activities()
        .activity_ids([id])
        .await?
        .activity_set;
    Ok(set.into_iter().next().ok_or("no such activity")?)
}

#[tokio::test]
async fn a_token_read_from_the_outbox_completes_the_hold() -> TestResult {
    let (emulator, _v2, client) = start_v3(State::demo())?;
    let id = client
        .create_lifecycle_hook(hook(WEB, "warm", LifecycleTransition::InstanceLaunching))
        .notification_target(NotificationTarget::new(HookTargetType::TdmqCmqQueue).queue_name("q1"))
        .notification_metadata("web tier")
        .await?
        .lifecycle_hook_id;
    assert!(outbox(&emulator, "").await?.is_empty());
    client.modify_desired_capacity(WEB, 5).await?;
    emulator.advance(Duration::from_secs(40));

    // The message, as a consumer of queue q1 reads it.
    let messages = outbox(&emulator, "?queue=q1").await?;
    assert_eq!(messages.len(), 1, "{messages:?}");
    let m = &messages[0];
    assert_eq!(m["targetType"], "TDMQ_CMQ_QUEUE");
    assert_eq!(m["pending"], true);
    assert_eq!(field(m, "Service"), "Tencent Cloud Auto Scaling");
    assert_eq!(field(m, "LifecycleHookId"), id);
    assert_eq!(field(m, "LifecycleHookName"), "warm");
    assert_eq!(field(m, "AutoScalingGroupId"), WEB);
    assert_eq!(field(m, "LifecycleTransition"), "INSTANCE_LAUNCHING");
    assert_eq!(field(m, "NotificationMetadata"), "web tier");
    let token = field(m, "LifecycleActionToken");
    assert_eq!(token.len(), 36, "{token}");
    let held = field(m, "InstanceId");
    assert_eq!(life(&emulator, WEB, &held).as_deref(), Some("Creating"));
    assert!(outbox(&emulator, "?queue=q2").await?.is_empty());

    // A token no action has, and a token given to another hook, are refused.
    let unknown = client
        .complete_lifecycle_action(&id, LifecycleActionResult::Continue)
        .lifecycle_action_token("3080e1c9-0efe-4dd7-ad3b-90cd6618298f")
        .await;
    assert_eq!(code(unknown), "ResourceNotFound.LifecycleHookTokenNotFound");
    let other = client
        .create_lifecycle_hook(hook(WEB, "drain", LifecycleTransition::InstanceTerminating))
        .await?
        .lifecycle_hook_id;
    let mismatch = client
        .complete_lifecycle_action(&other, LifecycleActionResult::Continue)
        .lifecycle_action_token(&token)
        .await;
    assert_eq!(
        code(mismatch),
        "ResourceNotFound.LifecycleHookTokenNotFound"
    );
    assert_eq!(life(&emulator, WEB, &held).as_deref(), Some("Creating"));

    // The token ends the hold: the instance goes in service, the activity ends.
    client
        .complete_lifecycle_action(&id, LifecycleActionResult::Continue)
        .lifecycle_action_token(&token)
        .await?;
    assert_eq!(life(&emulator, WEB, &held).as_deref(), Some("InService"));
    let again = client
        .complete_lifecycle_action(&id, LifecycleActionResult::Abandon)
        .lifecycle_action_token(&token)
        .await;
    assert_eq!(
        code(again),
        "ResourceUnavailable.LifecycleActionResultHasSet"
    );
    let done = activity(&client, field(m, "ActivityId").as_str()).await?;
    assert_eq!(done.status_code.as_str(), "SUCCESSFUL");
    let results = &done.lifecycle_action_result_set;
    assert_eq!(results.len(), 1, "{results:?}");
    assert_eq!(results[0].lifecycle_hook_id, id);
    assert_eq!(results[0].instance_id, held);
    assert_eq!(
        results[0].lifecycle_action_result,
        LifecycleActionResult::Continue
    );
    assert_eq!(results[0].result_reason, ResultReason::CallInterface);
    assert_eq!(
        results[0].notification_result,
        NotificationResult::Successful
    );
    assert_eq!(results[0].invoke_command_result, "NONE");
    assert!(done.invocation_result_set.is_empty());
    let ended = outbox(&emulator, "?pending=true").await?;
    assert!(ended.is_empty(), "{ended:?}");
    Ok(())
}

#[tokio::test]
async fn a_time_out_takes_the_default_result() -> TestResult {
    let (emulator, _v2, client) = start_v3(State::demo())?;
    let id = client
        .create_lifecycle_hook(hook(WEB, "warm", LifecycleTransition::InstanceLaunching))
        .notification_target(NotificationTarget::new(HookTargetType::TdmqCmqTopic).topic_name("t1"))
        .default_result(LifecycleActionResult::Abandon)
        .heartbeat_timeout(60)
        .await?
        .lifecycle_hook_id;
    client.modify_desired_capacity(WEB, 5).await?;
    emulator.advance(Duration::from_secs(40));
    let messages = outbox(&emulator, "?topic=t1").await?;
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert_eq!(messages[0]["topicName"], "t1");
    let (token, held) = (
        field(&messages[0], "LifecycleActionToken"),
        field(&messages[0], "InstanceId"),
    );
    // 35 s to launch, then 60 s at the hook: ABANDON releases the instance.
    emulator.advance(Duration::from_secs(54));
    assert_eq!(life(&emulator, WEB, &held).as_deref(), Some("Creating"));
    emulator.advance(Duration::from_secs(1));
    assert_eq!(life(&emulator, WEB, &held), None, "released");
    let late = client
        .complete_lifecycle_action(&id, LifecycleActionResult::Continue)
        .lifecycle_action_token(&token)
        .await;
    assert_eq!(
        code(late),
        "ResourceUnavailable.LifecycleActionResultHasSet"
    );
    let failed = activity(&client, &field(&messages[0], "ActivityId")).await?;
    assert_eq!(failed.status_code.as_str(), "FAILED");
    let results = &failed.lifecycle_action_result_set;
    assert_eq!(results.len(), 1, "{results:?}");
    assert_eq!(
        results[0].lifecycle_action_result,
        LifecycleActionResult::Abandon
    );
    assert_eq!(results[0].result_reason, ResultReason::HeartbeatTimeout);
    assert_eq!(outbox(&emulator, "").await?[0]["pending"], false);
    Ok(())
}

#[tokio::test]
async fn a_hook_with_a_command_records_its_run() -> TestResult {
    let (emulator, _v2, client) = start_v3(State::demo())?;
    let id = client
        .create_lifecycle_hook(hook(WEB, "setup", LifecycleTransition::InstanceLaunching))
        .lifecycle_command(LifecycleCommand::new("cmd-setup001").parameters(r#"{"x": "1"}"#))
        .heartbeat_timeout(600)
        .await?
        .lifecycle_hook_id;
    client.modify_desired_capacity(WEB, 5).await?;
    emulator.advance(Duration::from_secs(40));
    // The command's run ends the hold at once, with CONTINUE; no message is sent.
    let done = &client
        .describe_auto_scaling_activities()
        .await?
        .activity_set[0];
    assert_eq!(done.status_code.as_str(), "SUCCESSFUL");
    let runs = &done.invocation_result_set;
    assert_eq!(runs.len(), 1, "{runs:?}");
    assert_eq!(runs[0].command_id, "cmd-setup001");
    assert_eq!(runs[0].task_status, "SUCCESS");
    assert!(runs[0].invocation_id.starts_with("inv-"), "{runs:?}");
    assert!(runs[0].invocation_task_id.starts_with("invt-"), "{runs:?}");
    let results = &done.lifecycle_action_result_set;
    assert_eq!(results.len(), 1, "{results:?}");
    assert_eq!(results[0].lifecycle_hook_id, id);
    assert_eq!(results[0].invocation_id, runs[0].invocation_id);
    assert_eq!(results[0].invoke_command_result, "SUCCESSFUL");
    assert_eq!(results[0].result_reason, ResultReason::CommandExecFinish);
    assert_eq!(results[0].notification_result, NotificationResult::None);
    assert_eq!(
        life(&emulator, WEB, &runs[0].instance_id).as_deref(),
        Some("InService")
    );
    assert!(outbox(&emulator, "").await?.is_empty());
    Ok(())
}

/// An API 2.0 hook of the web group, bound, sending to user groups `notify`; then API 2.0's
/// ModifyScalingGroup sets the desired capacity to `desired`.
async fn bound_v2_hook(
    v2: &qcloud_as::Client,
    transition: V2Transition,
    default_result: V2Result,
    timeout: i64,
    notify: &[&str],
    desired: i64,
) -> Result<String, Box<dyn std::error::Error>> {
    let id = v2
        .create_life_cycle_hook(CreateLifeCycleHookRequired {
            scaling_group_id: WEB.into(),
            life_cycle_hook_name: "v2-hook".into(),
            life_cycle_hook_timeout: timeout,
        })
        .transition(transition)
        .default_result(default_result)
        .notify_ids(notify.iter().copied())
        .await?
        .life_cycle_hook_id;
    v2.attach_life_cycle_hook_id(WEB, id.as_str()).await?;
    v2.modify_scaling_group(ModifyScalingGroupRequired {
        scaling_group_id: WEB.into(),
        min_size: 1,
        max_size: 5,
        remove_policy: RemovePolicy::RemoveOldestInstance,
    })
    .desired_capacity(desired)
    .await?;
    Ok(id)
}

#[tokio::test]
async fn api_2_hooks_send_their_token_to_their_user_groups() -> TestResult {
    let (emulator, v2, client) = start_v3(State::demo())?;
    let id = bound_v2_hook(
        &v2,
        V2Transition::Terminating,
        V2Result::Continue,
        300,
        &["1001"],
        2,
    )
    .await?;
    emulator.advance(Duration::from_secs(10));
    let messages = outbox(&emulator, &format!("?hook={id}")).await?;
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert_eq!(messages[0]["targetType"], "USER_GROUP");
    assert_eq!(messages[0]["userGroupIds"][0], "1001");
    assert_eq!(
        field(&messages[0], "LifecycleTransition"),
        "INSTANCE_TERMINATING"
    );
    // API 2.0 completes by the instance; API 3.0 by the token, the same hook.
    let first = field(&messages[0], "InstanceId");
    v2.complete_life_cycle_hook_action(
        qcloud_as::operation::complete_life_cycle_hook_action::CompleteLifeCycleHookActionRequired {
            scaling_group_id: WEB.into(),
            life_cycle_hook_id: id.clone(),
            scaling_instance_id: first.clone(),
            life_cycle_hook_result: V2Result::Continue,
        },
    )
    .await?;
    let used = client
        .complete_lifecycle_action(&id, LifecycleActionResult::Continue)
        .lifecycle_action_token(field(&messages[0], "LifecycleActionToken"))
        .await;
    assert_eq!(
        code(used),
        "ResourceUnavailable.LifecycleActionResultHasSet"
    );
    let second = field(&messages[1], "InstanceId");
    client
        .complete_lifecycle_action(&id, LifecycleActionResult::Continue)
        .lifecycle_action_token(field(&messages[1], "LifecycleActionToken"))
        .await?;
    emulator.advance(Duration::from_secs(20));
    assert_eq!(life(&emulator, WEB, &first), None, "removed");
    assert_eq!(life(&emulator, WEB, &second), None, "removed");
    assert!(outbox(&emulator, "?pending=true").await?.is_empty());
    Ok(())
}

#[tokio::test]
async fn a_format_3_hold_gets_a_token_when_it_loads() -> TestResult {
    let yaml = r#"
version: 3
credentials: [{secretId: AKIDEMULATOR, secretKey: emulator-demo-secret-key}]
instances:
  - {instanceId: ins-0000aaaa, state: Running}
  - {instanceId: ins-0000bbbb, state: Running}
scalingGroups:
  - scalingGroupId: asg-0000aaaa
    scalingGroupName: web
    minSize: 0
    maxSize: 5
    desiredCapacity: 2
    inScalingActivity: true
    instances:
      - {instanceId: ins-0000aaaa, creationType: Auto}
      - {instanceId: ins-0000bbbb, creationType: Auto, lifeCycleState: Creating}
    lifecycleHooks:
      - {id: ash-0000aaaa, name: warm, transition: launching, defaultResult: continue,
         heartbeatTimeout: 300, holdsUnbound: true,
         messageTarget: {kind: tdmqCmqQueue, queueName: q1}}
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
        - {instanceId: ins-0000bbbb, step: launchHook, until: 4102444800,
           lifeCycleHookId: ash-0000aaaa, result: CONTINUE}
"#;
    let state = State::from_yaml_str(yaml, "format-3.yaml")?;
    assert_eq!(state.version, 4);
    assert_eq!(state.lifecycle_actions.len(), 1);
    let action = &state.lifecycle_actions[0];
    assert_eq!(
        (action.hook_id.as_str(), action.instance_id.as_str()),
        ("ash-0000aaaa", "ins-0000bbbb")
    );
    assert_eq!(action.started, 4102444800 - 300);

    let (emulator, _v2, client) = start_v3(state)?;
    let messages = outbox(&emulator, "?queue=q1").await?;
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert_eq!(field(&messages[0], "ActivityId"), "asa-0000aaaa");
    client
        .complete_lifecycle_action("ash-0000aaaa", LifecycleActionResult::Continue)
        .lifecycle_action_token(field(&messages[0], "LifecycleActionToken"))
        .await?;
    assert_eq!(
        life(&emulator, "asg-0000aaaa", "ins-0000bbbb").as_deref(),
        Some("InService")
    );

    // Written back as format 4 with the action, which loads again as it is.
    let saved = emulator.state();
    let json = saved.to_json_pretty();
    assert!(json.contains("\"lifecycleActions\""), "{json}");
    let again = State::from_yaml_str(&json, "saved.json")?;
    assert_eq!(again.lifecycle_actions, saved.lifecycle_actions);
    // Format 3 has no lifecycle actions to give.
    let refused = State::from_yaml_str(&json.replacen("\"version\": 4", "\"version\": 3", 1), "x")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(refused.contains("format 4 added them"), "{refused}");
    Ok(())
}

#[tokio::test]
async fn an_api_2_hold_times_out_with_its_default_result() -> TestResult {
    let (emulator, v2, client) = start_v3(State::demo())?;
    let id = bound_v2_hook(
        &v2,
        V2Transition::Launching,
        V2Result::Abandon,
        120,
        &["1001", "1002"],
        5,
    )
    .await?;
    emulator.advance(Duration::from_secs(40));
    let messages = outbox(&emulator, "?pending=true").await?;
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert_eq!(
        messages[0]["userGroupIds"],
        serde_json::json!(["1001", "1002"])
    );
    let held = field(&messages[0], "InstanceId");
    // Launched at 35 s, held 120 s: released at 155 s, the activity failed.
    emulator.advance(Duration::from_secs(114));
    assert_eq!(life(&emulator, WEB, &held).as_deref(), Some("Creating"));
    emulator.advance(Duration::from_secs(1));
    assert_eq!(life(&emulator, WEB, &held), None, "released");
    let record = &v2
        .describe_scaling_activity(WEB)
        .await?
        .scaling_activity_set[0];
    assert_eq!(record.fail_ins_list.as_deref(), Some(&[held.clone()][..]));
    let late = client
        .complete_lifecycle_action(&id, LifecycleActionResult::Continue)
        .lifecycle_action_token(field(&messages[0], "LifecycleActionToken"))
        .await;
    assert_eq!(
        code(late),
        "ResourceUnavailable.LifecycleActionResultHasSet"
    );
    let results = activity(&client, &field(&messages[0], "ActivityId"))
        .await?
        .lifecycle_action_result_set;
    assert_eq!(
        (
            results[0].lifecycle_action_result.clone(),
            results[0].result_reason.clone()
        ),
        (
            LifecycleActionResult::Abandon,
            ResultReason::HeartbeatTimeout
        )
    );
    Ok(())
}

#[tokio::test]
async fn the_outbox_refuses_what_it_does_not_take() -> TestResult {
    let (emulator, _v2, _client) = start_v3(State::demo())?;
    let url = format!("{}/_emulator/lifecycle-messages", emulator.endpoint());
    let unknown = crate::common::http()
        .get(format!("{url}?queu=q1"))
        .send()
        .await?;
    assert_eq!(unknown.status(), 400);
    assert!(unknown.text().await?.contains("\"queu\""));
    let bad = crate::common::http()
        .get(format!("{url}?pending=yes"))
        .send()
        .await?;
    assert_eq!(bad.status(), 400);
    let post = crate::common::http()
        .post(&url)
        .header("Content-Type", "application/json")
        .body("{}")
        .send()
        .await?;
    assert_eq!(post.status(), 405);
    Ok(())
}
