//! API 3.0 scheduled actions, lifecycle hooks and notifications through the SDK's
//! `qcloud_as::v3::Client`: each action's answers and refusals, paging and filters, the
//! virtual clock running actions and holding instances, and the same objects seen and changed
//! through API 2.0.

mod common;

use common::v3::*;
use qcloud_as::operation::create_life_cycle_hook::CreateLifeCycleHookRequired;
use qcloud_as::operation::create_scaling_notification::CreateScalingNotificationRequired;
use qcloud_as::operation::create_scheduled_task::CreateScheduledTaskRequired;
use qcloud_as::shape::DateTime;
use qcloud_as::v3::operation::create_lifecycle_hook::CreateLifecycleHookRequired;
use qcloud_as::v3::operation::create_scheduled_action::CreateScheduledActionRequired;
use qcloud_as::v3::operation::upgrade_lifecycle_hook::UpgradeLifecycleHookRequired;
use qcloud_as::v3::types::{
    Filter, HookTargetType, LifecycleActionResult, LifecycleCommand, LifecycleTransition,
    LifecycleTransitionType, NotificationTarget, NotificationTargetType, NotificationType,
    ScheduledType,
};
use qcloud_as_emulator::{Emulator, State};
use std::time::Duration;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const WEB: &str = "asg-demo0001";
const BATCH: &str = "asg-demo0002";

/// `seconds` from the emulator's now, in Beijing time.
fn later(emulator: &Emulator, seconds: u64) -> DateTime {
    let at = emulator_now(emulator) + seconds;
    DateTime::at_offset(i64::try_from(at).unwrap_or(0), 480)
}

fn action(
    emulator: &Emulator,
    group: &str,
    name: &str,
    in_seconds: u64,
) -> CreateScheduledActionRequired {
    CreateScheduledActionRequired {
        auto_scaling_group_id: group.into(),
        scheduled_action_name: name.into(),
        min_size: 1,
        start_time: later(emulator, in_seconds),
        desired_capacity: 2,
        max_size: 4,
    }
}

#[tokio::test]
async fn scheduled_actions_are_created_listed_changed_and_deleted() -> TestResult {
    let (emulator, v2, client) = start_v3(State::demo())?;
    let daily = client
        .create_scheduled_action(action(&emulator, WEB, "daily", 3600))
        .end_time(later(&emulator, 10 * 86_400))
        .recurrence("0 8 * * *")
        .await?
        .scheduled_action_id;
    assert!(daily.starts_with("asst-"), "{daily}");
    let once = client
        .create_scheduled_action(action(&emulator, BATCH, "once", 7200))
        .disable_update_desired_capacity(true)
        .await?
        .scheduled_action_id;

    let all = client.describe_scheduled_actions().await?;
    assert_eq!(all.total_count, 2);
    let a = &all.scheduled_action_set[0];
    assert_eq!(
        (
            a.scheduled_action_id.as_str(),
            a.auto_scaling_group_id.as_str()
        ),
        (daily.as_str(), WEB)
    );
    assert_eq!(a.scheduled_type, ScheduledType::Crontab);
    assert_eq!(a.recurrence, "0 8 * * *");
    assert_eq!((a.min_size, a.desired_capacity, a.max_size), (1, 2, 4));
    assert_eq!(a.start_time.as_str(), later(&emulator, 3600).as_str());
    assert!(
        a.start_time.as_str().ends_with("+08:00"),
        "{}",
        a.start_time
    );
    assert!(a.created_time.as_str().ends_with('Z'), "{}", a.created_time);
    let b = &all.scheduled_action_set[1];
    assert_eq!(b.scheduled_type, ScheduledType::Once);
    assert_eq!(b.disable_update_desired_capacity, Some(true));
    assert_eq!(b.recurrence, "");

    // Filters and pages.
    let by_group = client
        .describe_scheduled_actions()
        .filters([Filter::new("auto-scaling-group-id", [BATCH])])
        .await?;
    assert_eq!(by_group.total_count, 1);
    assert_eq!(by_group.scheduled_action_set[0].scheduled_action_id, once);
    let by_name = client
        .describe_scheduled_actions()
        .filters([Filter::new("scheduled-action-name", ["daily", "nope"])])
        .await?;
    assert_eq!(by_name.scheduled_action_set.len(), 1);
    let page = client
        .describe_scheduled_actions()
        .offset(1)
        .limit(1)
        .await?;
    assert_eq!(page.total_count, 2);
    assert_eq!(page.scheduled_action_set[0].scheduled_action_id, once);
    let by_id = client
        .describe_scheduled_actions()
        .scheduled_action_ids([once.clone()])
        .await?;
    assert_eq!(by_id.scheduled_action_set.len(), 1);

    // Modify: only what is given changes.
    client
        .modify_scheduled_action(&daily)
        .scheduled_action_name("nightly")
        .max_size(5)
        .await?;
    let a = &client
        .describe_scheduled_actions()
        .scheduled_action_ids([daily.clone()])
        .await?
        .scheduled_action_set[0];
    assert_eq!(
        (a.scheduled_action_name.as_str(), a.max_size),
        ("nightly", 5)
    );
    assert_eq!((a.min_size, a.recurrence.as_str()), (1, "0 8 * * *"));

    // API 2.0 sees and changes the same action; an API 2.0 task shows in API 3.0.
    let tasks = v2.describe_scheduled_task(WEB).send().await?;
    let task = &tasks.scaling_scheduled_task_set[0];
    assert_eq!(task.scaling_scheduled_task_id, daily);
    assert_eq!(task.readjust_max_size, 5);
    assert_eq!(task.recurrence.as_deref(), Some("0 8 * * *"));
    v2.modify_scheduled_task(&daily)
        .scaling_group_id(WEB)
        .readjust_min_size(2)
        .send()
        .await?;
    let v2_task = v2
        .create_scheduled_task(CreateScheduledTaskRequired {
            scaling_group_id: WEB.into(),
            scaling_scheduled_task_name: "from-v2".into(),
            readjust_max_size: 3,
            readjust_min_size: 0,
            start_time: "2030-01-01 08:00:00".into(),
        })
        .send()
        .await?
        .scaling_scheduled_task_ids;
    let listed = client
        .describe_scheduled_actions()
        .filters([Filter::new("auto-scaling-group-id", [WEB])])
        .await?;
    assert_eq!(listed.total_count, 2);
    assert_eq!(listed.scheduled_action_set[0].min_size, 2);
    let from_v2 = &listed.scheduled_action_set[1];
    assert_eq!(Some(&from_v2.scheduled_action_id), v2_task.first());
    assert_eq!(from_v2.start_time.as_str(), "2030-01-01T08:00:00+08:00");
    assert_eq!(from_v2.disable_update_desired_capacity, Some(true));

    // Delete, through either version.
    client.delete_scheduled_action(&once).await?;
    let gone = client.delete_scheduled_action(&once).await;
    assert_eq!(code(gone), "ResourceNotFound.ScheduledActionNotFound");
    let describe_gone = client
        .describe_scheduled_actions()
        .scheduled_action_ids([once.clone()])
        .await;
    assert_eq!(
        code(describe_gone),
        "ResourceNotFound.ScheduledActionNotFound"
    );
    v2.delete_scheduled_task(WEB, &daily).send().await?;
    assert_eq!(client.describe_scheduled_actions().await?.total_count, 1);
    Ok(())
}

#[tokio::test]
async fn scheduled_action_refusals() -> TestResult {
    let (emulator, _v2, client) = start_v3(State::demo())?;
    let bad_group = client
        .create_scheduled_action(action(&emulator, "group-1", "a", 60))
        .await;
    assert_eq!(
        code(bad_group),
        "InvalidParameterValue.InvalidAutoScalingGroupId"
    );
    let no_group = client
        .create_scheduled_action(action(&emulator, "asg-nosuch00", "a", 60))
        .await;
    assert_eq!(code(no_group), "ResourceNotFound.AutoScalingGroupNotFound");
    let name = client
        .create_scheduled_action(action(&emulator, WEB, "a b", 60))
        .await;
    assert_eq!(
        code(name),
        "InvalidParameterValue.InvalidScheduledActionNameIncludeIllegalChar"
    );
    let long = client
        .create_scheduled_action(action(&emulator, WEB, &"a".repeat(61), 60))
        .await;
    assert_eq!(code(long), "InvalidParameterValue.TooLong");
    let mut past = action(&emulator, WEB, "a", 0);
    past.start_time = DateTime::at_offset(1_000_000_000, 480);
    let past = client.create_scheduled_action(past).await;
    assert_eq!(
        code(past),
        "InvalidParameterValue.StartTimeBeforeCurrentTime"
    );
    let mut garbled = action(&emulator, WEB, "a", 0);
    garbled.start_time = DateTime::new("tomorrow");
    let garbled = client.create_scheduled_action(garbled).await;
    assert_eq!(code(garbled), "InvalidParameterValue.TimeFormat");
    let cron = client
        .create_scheduled_action(action(&emulator, WEB, "a", 60))
        .end_time(later(&emulator, 86_400))
        .recurrence("* 8 * * *")
        .await;
    assert_eq!(code(cron), "InvalidParameterValue.CronExpressionIllegal");
    let end = client
        .create_scheduled_action(action(&emulator, WEB, "a", 600))
        .end_time(later(&emulator, 60))
        .recurrence("0 8 * * *")
        .await;
    assert_eq!(code(end), "InvalidParameterValue.EndTimeBeforeStartTime");
    let alone = client
        .create_scheduled_action(action(&emulator, WEB, "a", 600))
        .recurrence("0 8 * * *")
        .await;
    assert_eq!(code(alone), "InvalidParameter");
    let mut sizes = action(&emulator, WEB, "a", 60);
    sizes.desired_capacity = 9;
    assert_eq!(
        code(client.create_scheduled_action(sizes).await),
        "InvalidParameterValue.Size"
    );
    // Nothing was stored by the refusals.
    assert_eq!(client.describe_scheduled_actions().await?.total_count, 0);

    for i in 0..10 {
        client
            .create_scheduled_action(action(&emulator, WEB, &format!("a{i}"), 60 + i))
            .await?;
    }
    let twice = client
        .create_scheduled_action(action(&emulator, BATCH, "a0", 60))
        .await;
    assert!(twice.is_ok(), "names are unique per group: {twice:?}");
    let duplicate = client
        .create_scheduled_action(action(&emulator, WEB, "a0", 500))
        .await;
    assert_eq!(
        code(duplicate),
        "InvalidParameterValue.ScheduledActionNameDuplicate"
    );
    let quota = client
        .create_scheduled_action(action(&emulator, WEB, "eleventh", 500))
        .await;
    assert_eq!(code(quota), "LimitExceeded.ScheduledActionLimitExceeded");

    let malformed = client.modify_scheduled_action("nope").await;
    assert_eq!(
        code(malformed),
        "InvalidParameterValue.InvalidScheduledActionId"
    );
    let unknown = client
        .modify_scheduled_action("asst-nosuch00")
        .max_size(3)
        .await;
    assert_eq!(code(unknown), "ResourceNotFound.ScheduledActionNotFound");
    let malformed = client.delete_scheduled_action("asg-demo0001").await;
    assert_eq!(
        code(malformed),
        "InvalidParameterValue.InvalidScheduledActionId"
    );
    let conflict = client
        .describe_scheduled_actions()
        .scheduled_action_ids(["asst-nosuch00"])
        .filters([Filter::new("auto-scaling-group-id", [WEB])])
        .await;
    assert_eq!(code(conflict), "InvalidParameter.Conflict");
    let filter = client
        .describe_scheduled_actions()
        .filters([Filter::new("scheduled-action-type", ["x"])])
        .await;
    assert_eq!(code(filter), "InvalidParameterValue.InvalidFilter");
    let group_filter = client
        .describe_scheduled_actions()
        .filters([Filter::new("auto-scaling-group-id", ["web"])])
        .await;
    assert_eq!(
        code(group_filter),
        "InvalidParameterValue.InvalidAutoScalingGroupId"
    );
    Ok(())
}

#[tokio::test]
async fn a_scheduled_action_runs_on_the_virtual_clock() -> TestResult {
    let (emulator, _v2, client) = start_v3(State::demo())?;
    let mut resize = action(&emulator, WEB, "resize", 120);
    resize.min_size = 2;
    resize.max_size = 5;
    resize.desired_capacity = 5;
    client.create_scheduled_action(resize).await?;
    let sizes = |g: &qcloud_as::v3::types::AutoScalingGroup| (g.min_size, g.max_size);
    emulator.advance(Duration::from_secs(60));
    let g = &client
        .describe_auto_scaling_groups()
        .auto_scaling_group_ids([WEB])
        .await?
        .auto_scaling_group_set[0];
    assert_eq!(sizes(g), (1, 5), "not yet");
    emulator.advance(Duration::from_secs(61));
    let g = &client
        .describe_auto_scaling_groups()
        .auto_scaling_group_ids([WEB])
        .await?
        .auto_scaling_group_set[0];
    assert_eq!(sizes(g), (2, 5));
    assert_eq!(g.desired_capacity, 5);
    Ok(())
}

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
                .map(|m| (m.instance_id.clone(), m.life_cycle_state.to_string()))
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
    assert_ne!(life, "IN_SERVICE", "held past its launch");
    emulator.advance(Duration::from_secs(120));
    assert_ne!(
        lives(&emulator, WEB)
            .iter()
            .find(|(i, _)| i == held)
            .map(|l| l.1.as_str()),
        Some("IN_SERVICE")
    );
    client
        .complete_lifecycle_action(&id, LifecycleActionResult::Continue)
        .instance_id(held)
        .await?;
    emulator.advance(Duration::from_secs(1));
    let after = lives(&emulator, WEB);
    assert!(after.iter().any(|(i, _)| i == held), "{after:?}");
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
    let activities = client.describe_auto_scaling_activities().await?.activity_set;
    assert_eq!(activities[0].status_code.as_str(), "RUNNING");
    assert_eq!(activities[1].status_code.as_str(), "FAILED", "{activities:?}");
    assert_eq!(lives(&emulator, WEB).len(), 6, "one abandoned, another held");
    Ok(())
}

#[tokio::test]
async fn notifications_are_created_listed_changed_and_deleted() -> TestResult {
    let (_emulator, v2, client) = start_v3(State::demo())?;
    let id = client
        .create_notification_configuration(
            WEB,
            [
                NotificationType::ScaleOutSuccessful,
                NotificationType::ScaleInFailed,
            ],
        )
        .notification_user_group_ids(["1001"])
        .await?
        .auto_scaling_notification_id;
    assert!(id.starts_with("asn-"), "{id}");
    let queue = client
        .create_notification_configuration(BATCH, [NotificationType::ScaleOutFailed])
        .target_type(NotificationTargetType::TdmqCmqQueue)
        .queue_name("alerts")
        .await?
        .auto_scaling_notification_id;
    let all = client.describe_notification_configurations().await?;
    assert_eq!(all.total_count, 2);
    let n = &all.auto_scaling_notification_set[0];
    assert_eq!(n.auto_scaling_notification_id, id);
    assert_eq!(n.target_type, NotificationTargetType::UserGroup);
    assert_eq!(n.notification_user_group_ids, ["1001"]);
    assert_eq!(
        n.notification_types,
        [
            NotificationType::ScaleOutSuccessful,
            NotificationType::ScaleInFailed
        ]
    );
    let q = &all.auto_scaling_notification_set[1];
    assert_eq!(
        (q.target_type.clone(), q.queue_name.as_str()),
        (NotificationTargetType::TdmqCmqQueue, "alerts")
    );
    let by_group = client
        .describe_notification_configurations()
        .filters([Filter::new("auto-scaling-group-id", [BATCH])])
        .await?;
    assert_eq!(by_group.auto_scaling_notification_set.len(), 1);
    let page = client
        .describe_notification_configurations()
        .offset(1)
        .await?;
    assert_eq!(
        (
            page.total_count,
            page.auto_scaling_notification_set[0]
                .auto_scaling_notification_id
                .as_str()
        ),
        (2, queue.as_str())
    );

    client
        .modify_notification_configuration(&id)
        .notification_user_group_ids(["1002", "1003"])
        .await?;
    client
        .modify_notification_configuration(&queue)
        .queue_name("alerts-2")
        .await?;
    // API 2.0 sees the change; its own changes show in API 3.0.
    let v2_list = v2.describe_scaling_notification(WEB).send().await?;
    let seen = v2_list.scaling_notification_set.unwrap_or_default();
    assert_eq!(seen[0].receivers_ids, ["1002", "1003"]);
    v2.modify_scaling_notification(WEB, &id)
        .notification_types([qcloud_as::types::NotificationType::ScaleInSuccess])
        .send()
        .await?;
    let from_v2 = v2
        .create_scaling_notification(CreateScalingNotificationRequired {
            scaling_group_id: WEB.into(),
            notification_types: vec![qcloud_as::types::NotificationType::ScaleOutFailure],
            receivers_ids: vec!["7".into()],
        })
        .send()
        .await?
        .notification_id;
    let web = client
        .describe_notification_configurations()
        .filters([Filter::new("auto-scaling-group-id", [WEB])])
        .await?;
    let types: Vec<_> = web
        .auto_scaling_notification_set
        .iter()
        .map(|n| n.notification_types.clone())
        .collect();
    assert_eq!(
        types,
        [
            vec![NotificationType::ScaleInSuccessful],
            vec![NotificationType::ScaleOutFailed]
        ]
    );
    let q = &client
        .describe_notification_configurations()
        .auto_scaling_notification_ids([queue.clone()])
        .await?
        .auto_scaling_notification_set[0];
    assert_eq!(q.queue_name, "alerts-2");

    client
        .delete_notification_configuration()
        .auto_scaling_notification_id(&from_v2)
        .await?;
    client
        .delete_notification_configuration()
        .auto_scaling_notification_id(&queue)
        .await?;
    let left = client.describe_notification_configurations().await?;
    assert_eq!(left.total_count, 1);
    let gone = client
        .delete_notification_configuration()
        .auto_scaling_notification_id(&queue)
        .await;
    assert_eq!(
        code(gone),
        "ResourceNotFound.AutoScalingNotificationNotFound"
    );
    Ok(())
}

#[tokio::test]
async fn notification_refusals() -> TestResult {
    let (_emulator, _v2, client) = start_v3(State::demo())?;
    let types = [NotificationType::ScaleOutSuccessful];
    let no_group = client
        .create_notification_configuration("asg-nosuch00", types.clone())
        .notification_user_group_ids(["1"])
        .await;
    assert_eq!(code(no_group), "ResourceNotFound.AutoScalingGroupNotFound");
    let bad_group = client
        .create_notification_configuration("web", types.clone())
        .notification_user_group_ids(["1"])
        .await;
    assert_eq!(
        code(bad_group),
        "InvalidParameterValue.InvalidAutoScalingGroupId"
    );
    let no_users = client
        .create_notification_configuration(WEB, types.clone())
        .await;
    assert_eq!(
        code(no_users),
        "InvalidParameterValue.InvalidNotificationUserGroupId"
    );
    let bad_user = client
        .create_notification_configuration(WEB, types.clone())
        .notification_user_group_ids(["ops"])
        .await;
    assert_eq!(
        code(bad_user),
        "InvalidParameterValue.InvalidNotificationUserGroupId"
    );
    let conflict = client
        .create_notification_configuration(WEB, types.clone())
        .notification_user_group_ids(["1"])
        .queue_name("q")
        .await;
    assert_eq!(
        code(conflict),
        "InvalidParameterValue.ConflictNotificationTarget"
    );
    let retired = client
        .create_notification_configuration(WEB, types.clone())
        .target_type(NotificationTargetType::CmqQueue)
        .queue_name("q")
        .await;
    assert_eq!(code(retired), "InvalidParameterValue");
    let no_topic = client
        .create_notification_configuration(WEB, types.clone())
        .target_type(NotificationTargetType::TdmqCmqTopic)
        .await;
    assert_eq!(code(no_topic), "MissingParameter");
    let twice = client
        .create_notification_configuration(
            WEB,
            [
                NotificationType::ScaleInFailed,
                NotificationType::ScaleInFailed,
            ],
        )
        .notification_user_group_ids(["1"])
        .await;
    assert_eq!(code(twice), "InvalidParameterValue");
    assert_eq!(
        client
            .describe_notification_configurations()
            .await?
            .total_count,
        0
    );

    for _ in 0..20 {
        client
            .create_notification_configuration(WEB, types.clone())
            .notification_user_group_ids(["1"])
            .await?;
    }
    let quota = client
        .create_notification_configuration(WEB, types.clone())
        .notification_user_group_ids(["1"])
        .await;
    assert_eq!(code(quota), "LimitExceeded.QuotaNotEnough");
    let id = client
        .describe_notification_configurations()
        .limit(1)
        .await?
        .auto_scaling_notification_set[0]
        .auto_scaling_notification_id
        .clone();
    let conflict = client
        .modify_notification_configuration(&id)
        .topic_name("t")
        .await;
    assert_eq!(
        code(conflict),
        "InvalidParameterValue.ConflictNotificationTarget"
    );
    let nothing = client.modify_notification_configuration(&id).await;
    assert_eq!(code(nothing), "MissingParameter");
    let malformed = client.modify_notification_configuration("n-1").await;
    assert_eq!(
        code(malformed),
        "InvalidParameterValue.InvalidAutoScalingNotificationId"
    );
    let unknown = client
        .modify_notification_configuration("asn-nosuch00")
        .notification_user_group_ids(["1"])
        .await;
    assert_eq!(
        code(unknown),
        "ResourceNotFound.AutoScalingNotificationNotFound"
    );
    let missing = client.delete_notification_configuration().await;
    assert_eq!(code(missing), "MissingParameter");
    let malformed = client
        .delete_notification_configuration()
        .auto_scaling_notification_id("n-1")
        .await;
    assert_eq!(
        code(malformed),
        "InvalidParameterValue.InvalidAutoScalingNotificationId"
    );
    let conflict = client
        .describe_notification_configurations()
        .auto_scaling_notification_ids([id.clone()])
        .filters([Filter::new("auto-scaling-group-id", [WEB])])
        .await;
    assert_eq!(code(conflict), "InvalidParameterConflict");
    let filter = client
        .describe_notification_configurations()
        .filters([Filter::new("notification-type", ["x"])])
        .await;
    assert_eq!(code(filter), "InvalidParameterValue.InvalidFilter");
    Ok(())
}
