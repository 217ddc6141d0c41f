//! Lifecycle hooks: the actions, their refusals, and the hold on the virtual clock.

use super::*;

fn hook(group: &str, name: &str, transition: LifecycleTransition) -> CreateLifecycleHookRequired {
    CreateLifecycleHookRequired {
        auto_scaling_group_id: group.into(),
        lifecycle_hook_name: name.into(),
        lifecycle_transition: transition,
    }
}

#[tokio::test]
async fn lifecycle_hooks_are_created_listed_changed_and_deleted() -> TestResult {
    let (_emulator, v2, client) = start_v3(State::demo())?;
    let id = client
        .create_lifecycle_hook(hook(WEB, "drain", LifecycleTransition::InstanceTerminating))
        .heartbeat_timeout(600)
        .notification_metadata("web tier")
        .notification_target(NotificationTarget::new(HookTargetType::TdmqCmqQueue).queue_name("q1"))
        .await?
        .lifecycle_hook_id;
    assert!(id.starts_with("ash-"), "{id}");
    let listed = client.describe_lifecycle_hooks().await?;
    assert_eq!(listed.total_count, 1);
    let h = &listed.lifecycle_hook_set[0];
    assert_eq!(
        (h.lifecycle_hook_name.as_str(), h.heartbeat_timeout),
        ("drain", 600)
    );
    assert_eq!(
        h.lifecycle_transition,
        LifecycleTransition::InstanceTerminating
    );
    assert_eq!(h.default_result, LifecycleActionResult::Continue);
    assert_eq!(h.notification_metadata, "web tier");
    assert_eq!(h.notification_target.queue_name.as_deref(), Some("q1"));
    assert_eq!(h.lifecycle_transition_type, LifecycleTransitionType::Normal);
    assert_eq!(h.auto_scaling_group_id, WEB);

    // Modify keeps what is not given; Upgrade resets it to the defaults.
    client
        .modify_lifecycle_hook(&id)
        .default_result(LifecycleActionResult::Abandon)
        .await?;
    let h = &client.describe_lifecycle_hooks().await?.lifecycle_hook_set[0];
    assert_eq!(
        (h.default_result.clone(), h.heartbeat_timeout),
        (LifecycleActionResult::Abandon, 600)
    );
    client
        .upgrade_lifecycle_hook(UpgradeLifecycleHookRequired {
            lifecycle_hook_id: id.clone(),
            lifecycle_hook_name: "drain-2".into(),
            lifecycle_transition: LifecycleTransition::InstanceLaunching,
        })
        .lifecycle_command(LifecycleCommand::new("cmd-12345678"))
        .await?;
    let h = &client.describe_lifecycle_hooks().await?.lifecycle_hook_set[0];
    assert_eq!(h.lifecycle_hook_name, "drain-2");
    assert_eq!(
        h.lifecycle_transition,
        LifecycleTransition::InstanceLaunching
    );
    assert_eq!(
        (h.default_result.clone(), h.heartbeat_timeout),
        (LifecycleActionResult::Continue, 300)
    );
    assert_eq!(h.notification_metadata, "");
    assert_eq!(h.lifecycle_command.command_id, "cmd-12345678");

    // API 2.0 sees the same hook, and its own show in API 3.0.
    let v2_hooks = v2.describe_life_cycle_hook(WEB).send().await?;
    let seen = v2_hooks.life_cycle_hook_set.unwrap_or_default();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        (
            seen[0].life_cycle_hook_id.as_str(),
            seen[0].life_cycle_hook_timeout
        ),
        (id.as_str(), 300)
    );
    let from_v2 = v2
        .create_life_cycle_hook(CreateLifeCycleHookRequired {
            scaling_group_id: BATCH.into(),
            life_cycle_hook_name: "warm".into(),
            life_cycle_hook_timeout: 120,
        })
        .send()
        .await?
        .life_cycle_hook_id;
    let by_group = client
        .describe_lifecycle_hooks()
        .filters([Filter::new("auto-scaling-group-id", [BATCH])])
        .await?;
    assert_eq!(by_group.total_count, 1);
    assert_eq!(by_group.lifecycle_hook_set[0].lifecycle_hook_id, from_v2);
    assert_eq!(by_group.lifecycle_hook_set[0].heartbeat_timeout, 120);
    let by_id = client
        .describe_lifecycle_hooks()
        .lifecycle_hook_ids([from_v2.clone()])
        .await?;
    assert_eq!(by_id.lifecycle_hook_set.len(), 1);
    let page = client.describe_lifecycle_hooks().offset(1).limit(5).await?;
    assert_eq!((page.total_count, page.lifecycle_hook_set.len()), (2, 1));

    // A hook API 2.0 bound cannot be deleted; once unbound it can.
    v2.attach_life_cycle_hook_id(BATCH, &from_v2).send().await?;
    let bound = client.delete_lifecycle_hook(&from_v2).await;
    assert_eq!(code(bound), "ResourceInUse");
    v2.detach_life_cycle_hook_id(BATCH).send().await?;
    client.delete_lifecycle_hook(&from_v2).await?;
    client.delete_lifecycle_hook(&id).await?;
    assert_eq!(client.describe_lifecycle_hooks().await?.total_count, 0);
    let gone = client.delete_lifecycle_hook(&id).await;
    assert_eq!(code(gone), "ResourceNotFound.LifecycleHookNotFound");
    Ok(())
}

#[tokio::test]
async fn lifecycle_hook_refusals() -> TestResult {
    let (_emulator, _v2, client) = start_v3(State::demo())?;
    let launching = LifecycleTransition::InstanceLaunching;
    let no_group = client
        .create_lifecycle_hook(hook("asg-nosuch00", "h", launching.clone()))
        .await;
    assert_eq!(code(no_group), "ResourceNotFound.AutoScalingGroupNotFound");
    let bad_group = client
        .create_lifecycle_hook(hook("nope", "h", launching.clone()))
        .await;
    assert_eq!(
        code(bad_group),
        "InvalidParameterValue.InvalidAutoScalingGroupId"
    );
    let range = client
        .create_lifecycle_hook(hook(WEB, "h", launching.clone()))
        .heartbeat_timeout(29)
        .await;
    assert_eq!(code(range), "InvalidParameterValue.Range");
    let conflict = client
        .create_lifecycle_hook(hook(WEB, "h", launching.clone()))
        .notification_metadata("m")
        .lifecycle_command(LifecycleCommand::new("cmd-1"))
        .await;
    assert_eq!(code(conflict), "InvalidParameter.Conflict");
    let no_queue = client
        .create_lifecycle_hook(hook(WEB, "h", launching.clone()))
        .notification_target(NotificationTarget::new(HookTargetType::TdmqCmqQueue))
        .await;
    assert_eq!(code(no_queue), "InvalidParameterValue");
    assert_eq!(client.describe_lifecycle_hooks().await?.total_count, 0);

    let id = client
        .create_lifecycle_hook(hook(WEB, "h", launching.clone()))
        .await?
        .lifecycle_hook_id;
    let duplicate = client
        .create_lifecycle_hook(hook(WEB, "h", launching.clone()))
        .await;
    assert_eq!(
        code(duplicate),
        "InvalidParameterValue.LifecycleHookNameDuplicated"
    );
    for i in 1..10 {
        client
            .create_lifecycle_hook(hook(WEB, &format!("h{i}"), launching.clone()))
            .await?;
    }
    let quota = client
        .create_lifecycle_hook(hook(WEB, "h10", launching.clone()))
        .await;
    assert_eq!(code(quota), "LimitExceeded.QuotaNotEnough");

    let range = client
        .modify_lifecycle_hook(&id)
        .heartbeat_timeout(7201)
        .await;
    assert_eq!(code(range), "InvalidParameterValue.Range");
    let unknown = client
        .modify_lifecycle_hook("ash-nosuch00")
        .heartbeat_timeout(60)
        .await;
    assert_eq!(code(unknown), "ResourceNotFound.LifecycleHookNotFound");
    let taken = client
        .upgrade_lifecycle_hook(UpgradeLifecycleHookRequired {
            lifecycle_hook_id: id.clone(),
            lifecycle_hook_name: "h1".into(),
            lifecycle_transition: launching.clone(),
        })
        .await;
    assert_eq!(
        code(taken),
        "InvalidParameterValue.LifecycleHookNameDuplicated"
    );
    let malformed = client.delete_lifecycle_hook("asg-demo0001").await;
    assert_eq!(
        code(malformed),
        "InvalidParameterValue.InvalidLifecycleHookId"
    );
    let malformed = client
        .describe_lifecycle_hooks()
        .lifecycle_hook_ids(["hook"])
        .await;
    assert_eq!(
        code(malformed),
        "InvalidParameterValue.InvalidLifecycleHookId"
    );
    let conflict = client
        .describe_lifecycle_hooks()
        .lifecycle_hook_ids([id.clone()])
        .filters([Filter::new("lifecycle-hook-name", ["h"])])
        .await;
    assert_eq!(code(conflict), "InvalidParameter.Conflict");
    let filter = client
        .describe_lifecycle_hooks()
        .filters([Filter::new("lifecycle-transition", ["x"])])
        .await;
    assert_eq!(code(filter), "InvalidParameterValue.InvalidFilter");

    // CompleteLifecycleAction's own checks.
    let both = client
        .complete_lifecycle_action(&id, LifecycleActionResult::Continue)
        .instance_id("ins-demo0001")
        .lifecycle_action_token("t")
        .await;
    assert_eq!(code(both), "InvalidParameter.Conflict");
    let neither = client
        .complete_lifecycle_action(&id, LifecycleActionResult::Continue)
        .await;
    assert_eq!(code(neither), "InvalidParameter.MustOneParameter");
    let token = client
        .complete_lifecycle_action(&id, LifecycleActionResult::Continue)
        .lifecycle_action_token("t")
        .await;
    assert_eq!(code(token), "ResourceNotFound.LifecycleHookTokenNotFound");
    let bad_instance = client
        .complete_lifecycle_action(&id, LifecycleActionResult::Continue)
        .instance_id("i-1")
        .await;
    assert_eq!(
        code(bad_instance),
        "InvalidParameterValue.InvalidInstanceId"
    );
    let bad_hook = client
        .complete_lifecycle_action("h", LifecycleActionResult::Continue)
        .instance_id("ins-demo0001")
        .await;
    assert_eq!(
        code(bad_hook),
        "InvalidParameterValue.InvalidLifecycleHookId"
    );
    let no_hook = client
        .complete_lifecycle_action("ash-nosuch00", LifecycleActionResult::Continue)
        .instance_id("ins-demo0001")
        .await;
    assert_eq!(code(no_hook), "ResourceNotFound.LifecycleHookNotFound");
    let not_held = client
        .complete_lifecycle_action(&id, LifecycleActionResult::Continue)
        .instance_id("ins-demo0001")
        .await;
    assert_eq!(
        code(not_held),
        "ResourceNotFound.LifecycleHookInstanceNotFound"
    );
    Ok(())
}

/// The instances of `group` in `state` with their life-cycle state.
fn lives(emulator: &Emulator, group: &str) -> Vec<(String, String)> {
    emulator
        .state()
        .group(group)
        .map(|g| {
            g.instances
                .iter()
                .map(|m| (m.instance_id.clone(), format!("{:?}", m.life_cycle)))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn a_hook_holds_a_launching_instance_until_completed_or_timed_out() -> TestResult {
    let (emulator, _v2, client) = start_v3(State::demo())?;
    let id = client
        .create_lifecycle_hook(hook(WEB, "warm", LifecycleTransition::InstanceLaunching))
        .heartbeat_timeout(300)
        .await?
        .lifecycle_hook_id;
    // A hook made through API 3.0 holds at once: no binding.
    client.modify_desired_capacity(WEB, 5).await?;
    emulator.advance(Duration::from_secs(60));
    let new: Vec<(String, String)> = lives(&emulator, WEB)
        .into_iter()
        .filter(|(i, _)| !i.starts_with("ins-demo"))
        .collect();
    assert_eq!(new.len(), 1, "{new:?}");
    let (held, life) = &new[0];
    assert_eq!(life, "Creating", "held past its launch");
    emulator.advance(Duration::from_secs(120));
    let life_of = |id: &str| {
        lives(&emulator, WEB)
            .into_iter()
            .find(|(i, _)| i == id)
            .map(|l| l.1)
    };
    assert_eq!(life_of(held).as_deref(), Some("Creating"));
    client
        .complete_lifecycle_action(&id, LifecycleActionResult::Continue)
        .instance_id(held)
        .await?;
    emulator.advance(Duration::from_secs(1));
    assert_eq!(life_of(held).as_deref(), Some("InService"));
    let again = client
        .complete_lifecycle_action(&id, LifecycleActionResult::Continue)
        .instance_id(held)
        .await;
    assert_eq!(
        code(again),
        "ResourceNotFound.LifecycleHookInstanceNotFound"
    );
    let activity = &client
        .describe_auto_scaling_activities()
        .await?
        .activity_set[0];
    assert_eq!(activity.status_code.as_str(), "SUCCESSFUL");
    // The activity says how the hold ended: continued by the call.
    let hold = &activity.lifecycle_action_result_set;
    assert_eq!(hold.len(), 1, "{activity:?}");
    assert_eq!(
        (
            hold[0].lifecycle_hook_id.as_str(),
            hold[0].instance_id.as_str(),
            hold[0].lifecycle_action_result.as_str(),
            hold[0].result_reason.as_str()
        ),
        (id.as_str(), held.as_str(), "CONTINUE", "CALL_INTERFACE")
    );

    // Left alone, the hook's default result (ABANDON) applies at its timeout: the instance
    // is released.
    client
        .modify_lifecycle_hook(&id)
        .default_result(LifecycleActionResult::Abandon)
        .heartbeat_timeout(60)
        .await?;
    emulator.advance(Duration::from_secs(400));
    client.modify_auto_scaling_group(WEB).max_size(6).await?;
    client.modify_desired_capacity(WEB, 6).await?;
    emulator.advance(Duration::from_secs(40));
    let count = lives(&emulator, WEB).len();
    assert_eq!(count, 6, "launched and held");
    emulator.advance(Duration::from_secs(61));
    // The scale-out failed (its instance abandoned); the next one starts and is held again.
    let activities = client
        .describe_auto_scaling_activities()
        .await?
        .activity_set;
    assert_eq!(activities[0].status_code.as_str(), "RUNNING");
    assert_eq!(
        activities[1].status_code.as_str(),
        "FAILED",
        "{activities:?}"
    );
    // Abandoned at the hook's timeout, its default result.
    let hold = &activities[1].lifecycle_action_result_set;
    assert_eq!(
        hold.iter()
            .map(|h| (h.lifecycle_action_result.as_str(), h.result_reason.as_str()))
            .collect::<Vec<_>>(),
        [("ABANDON", "HEARTBEAT_TIMEOUT")]
    );
    assert_eq!(
        activities[1].related_instance_set[0]
            .instance_status
            .as_str(),
        "FAILED"
    );
    assert_eq!(
        lives(&emulator, WEB).len(),
        6,
        "one abandoned, another held"
    );
    Ok(())
}

#[tokio::test]
async fn a_terminating_hook_holds_a_scale_in_until_completed() -> TestResult {
    let (emulator, _v2, client) = start_v3(State::demo())?;
    let id = client
        .create_lifecycle_hook(hook(WEB, "drain", LifecycleTransition::InstanceTerminating))
        .await?
        .lifecycle_hook_id;
    client.modify_desired_capacity(WEB, 3).await?;
    emulator.advance(Duration::from_secs(30));
    let removing: Vec<(String, String)> = lives(&emulator, WEB)
        .into_iter()
        .filter(|(_, life)| life != "InService")
        .collect();
    assert_eq!(removing.len(), 1, "{removing:?}");
    let held = removing[0].0.clone();
    // Held past the removal's own time (15 s) until the result is given.
    emulator.advance(Duration::from_secs(100));
    assert!(lives(&emulator, WEB).iter().any(|(i, _)| i == &held));
    // ABANDON on a terminating hook: the scale-in goes on all the same.
    client
        .complete_lifecycle_action(&id, LifecycleActionResult::Abandon)
        .instance_id(&held)
        .await?;
    emulator.advance(Duration::from_secs(30));
    let after = lives(&emulator, WEB);
    assert_eq!(after.len(), 3, "{after:?}");
    assert!(!after.iter().any(|(i, _)| i == &held));
    Ok(())
}
