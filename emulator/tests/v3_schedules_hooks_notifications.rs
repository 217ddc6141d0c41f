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

#[path = "v3_schedules_hooks_notifications/hook_results.rs"]
mod hook_results;
#[path = "v3_schedules_hooks_notifications/hooks.rs"]
mod hooks;
#[path = "v3_schedules_hooks_notifications/lifecycle_actions.rs"]
mod lifecycle_actions;
#[path = "v3_schedules_hooks_notifications/notifications.rs"]
mod notifications;

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
