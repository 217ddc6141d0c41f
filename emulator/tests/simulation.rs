//! The emulator as a simulator, through the real client: a virtual clock tests control,
//! activities that take time, desired capacity, lifecycle hooks, scheduled tasks, alarm
//! policies and their cooldown, planned failures, and the SDK's waiters against all of it.

mod common;

use common::TestResult;
use qcloud_as::operation::complete_life_cycle_hook_action::CompleteLifeCycleHookActionRequired;
use qcloud_as::operation::create_life_cycle_hook::CreateLifeCycleHookRequired;
use qcloud_as::operation::create_scaling_policy::CreateScalingPolicyRequired;
use qcloud_as::operation::create_scheduled_task::CreateScheduledTaskRequired;
use qcloud_as::operation::describe_scaling_activity::DescribeScalingActivityRequest;
use qcloud_as::operation::describe_scaling_group::{
    DescribeScalingGroupError, DescribeScalingGroupRequest, ScalingGroup as GroupOut,
};
use qcloud_as::operation::describe_scaling_instance::{
    DescribeScalingInstanceRequest, ScalingInstance,
};
use qcloud_as::operation::detach_instance::{DetachInstanceError, KeepInstance};
use qcloud_as::operation::enabled_scaling_group::GroupEnabled;
use qcloud_as::operation::modify_scaling_group::ModifyScalingGroupRequired;
use qcloud_as::operation::record_life_cycle_hook_timeout::RecordLifeCycleHookTimeoutRequired;
use qcloud_as::types::{
    ActivityStatus, ActivityType, AdjustmentType, ComparisonOperator, CreationType, HookResult,
    LifeCycleState, Metric, MetricName, MetricRequired, RemovePolicy, ScalingActivity, Transition,
};
use qcloud_as::waiter::{Condition, ErrorOf, OutputOf, Waiter, WaiterOutcome};
use qcloud_as::{Client, CommonError, Error};
use qcloud_as_emulator::{
    format_api_time, parse_api_time, ActivityFailure, ClockMode, Emulator, State,
};
use std::future::IntoFuture;
use std::time::{Duration, Instant, UNIX_EPOCH};

const GROUP: &str = "asg-sim00001";
const FIRST: &str = "ins-sim00001";

/// One group (`web`, 1 to 10 instances, desired 1) with one instance, and its launch
/// configuration.
const STATE: &str = r#"
credentials:
  - {secretId: AKIDsimulation, secretKey: simulation-key}
instances:
  - {instanceId: ins-sim00001, state: Running}
scalingConfigurations:
  - {scalingConfigurationId: asc-sim00001, scalingConfigurationName: web-lc}
scalingGroups:
  - scalingGroupId: asg-sim00001
    scalingGroupName: web
    scalingConfigurationId: asc-sim00001
    minSize: 1
    maxSize: 10
    desiredCapacity: 1
    instances:
      - {instanceId: ins-sim00001, creationType: Auto, addTime: "2026-01-01 00:00:00"}
"#;

/// The JSON body of an answer.
async fn json(
    response: reqwest::Response,
) -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    Ok(serde_json::from_slice(&response.bytes().await?)?)
}

fn start() -> Result<(Emulator, Client), Box<dyn std::error::Error>> {
    common::start(common::state(STATE)?)
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn sizes(min_size: i64, max_size: i64) -> ModifyScalingGroupRequired {
    ModifyScalingGroupRequired {
        scaling_group_id: GROUP.into(),
        min_size,
        max_size,
        remove_policy: RemovePolicy::RemoveOldestInstance,
    }
}

async fn set_desired(client: &Client, desired: i64) -> TestResult {
    client
        .modify_scaling_group(sizes(1, 10))
        .desired_capacity(desired)
        .await?;
    Ok(())
}

async fn activities(client: &Client) -> Result<Vec<ScalingActivity>, Box<dyn std::error::Error>> {
    Ok(client
        .describe_scaling_activity(GROUP)
        .limit(100)
        .await?
        .scaling_activity_set)
}

async fn last_activity(client: &Client) -> Result<ScalingActivity, Box<dyn std::error::Error>> {
    activities(client)
        .await?
        .pop()
        .ok_or_else(|| "no activity".into())
}

async fn instances(client: &Client) -> Result<Vec<ScalingInstance>, Box<dyn std::error::Error>> {
    Ok(client
        .describe_scaling_instance(GROUP)
        .limit(100)
        .await?
        .scaling_instances_set)
}

async fn group(client: &Client) -> Result<GroupOut, Box<dyn std::error::Error>> {
    client
        .describe_scaling_group()
        .scaling_group_ids([GROUP])
        .await?
        .scaling_group_set
        .pop()
        .ok_or_else(|| "no group".into())
}

fn activity_request(id: &str) -> DescribeScalingActivityRequest {
    DescribeScalingActivityRequest::new(GROUP).scaling_activity_ids([id])
}

fn idle_request() -> DescribeScalingGroupRequest {
    DescribeScalingGroupRequest::new().scaling_group_ids([GROUP])
}

/// Polls quickly, for a clock that moves fast or is moved by the test.
fn quick<C: Condition>(waiter: Waiter<C>) -> Waiter<C> {
    waiter
        .min_delay(ms(1))
        .max_delay(ms(10))
        .max_wait(Duration::from_secs(10))
}

/// Runs `waiter` while the test moves the frozen clock on by `by`: the waiter polls (pending),
/// the clock moves, the waiter's next poll decides.
async fn wait_while_advancing<C>(
    emulator: &Emulator,
    waiter: Waiter<C>,
    by: Duration,
) -> Result<WaiterOutcome<OutputOf<C>>, Box<dyn std::error::Error>>
where
    C: Condition + Send + 'static,
    C::Request: Send + Sync + 'static,
    OutputOf<C>: Send + 'static,
    ErrorOf<C>: Send + Sync + std::error::Error + 'static,
{
    let waiting = tokio::spawn(quick(waiter).into_future());
    tokio::time::sleep(ms(5)).await;
    emulator.advance(by);
    Ok(waiting.await??)
}

fn success<T: std::fmt::Debug>(outcome: WaiterOutcome<T>) -> T {
    match outcome {
        WaiterOutcome::Success(output) => output,
        other => panic!("expected success: {other:?}"),
    }
}

/// The issue's scenario, through the client alone (the test moves the clock and reports the
/// metric): a scale-out for a raised desired capacity, waited for; an instance held by a
/// launching hook and completed; a scheduled task; an alarm policy, its cooldown blocking a
/// second adjustment; DetachInstance refused during an activity and accepted after it. On a
/// frozen clock moved by hand, about 3 hours of virtual time.
#[tokio::test]
async fn a_whole_scale_out_and_scale_in_through_the_client() -> TestResult {
    let started = Instant::now();
    let (emulator, client) = start()?;
    let virtual_start = emulator.now();

    // Raise the desired capacity: a scale-out starts at once.
    set_desired(&client, 3).await?;
    let activity = last_activity(&client).await?;
    assert_eq!(activity.activity_type, ActivityType::ScaleOut);
    assert_eq!(activity.status, ActivityStatus::Init);
    assert_eq!(group(&client).await?.b_in_scaling_activity, 1);

    // DetachInstance is refused while it runs.
    match client
        .detach_instance(GROUP, [FIRST])
        .keep_instance(KeepInstance::Keep)
        .await
    {
        Err(Error::Service(DetachInstanceError::Common(CommonError::OperationFailed(e)))) => {
            assert!(e.message().contains("performing a scaling activity"), "{e}");
        }
        other => panic!("detach during an activity: {other:?}"),
    }

    // Wait for it with a waiter while time passes.
    let done = success(
        wait_while_advancing(
            &emulator,
            client.wait_until_activity_done(activity_request(&activity.scaling_activity_id)),
            Duration::from_secs(35),
        )
        .await?,
    );
    let done = &done.scaling_activity_set[0];
    assert_eq!(done.status, ActivityStatus::Success);
    assert_eq!(done.error_code, Some(0));
    let launched = done.succ_ins_list.clone().unwrap_or_default();
    assert_eq!(launched.len(), 2);

    // The new instances: created by AS, in service.
    let listed = instances(&client).await?;
    assert_eq!(listed.len(), 3);
    for id in &launched {
        let instance = listed
            .iter()
            .find(|i| &i.instance_id == id)
            .ok_or("launched instance not listed")?;
        assert_eq!(instance.creation_type, CreationType::Auto);
        assert_eq!(instance.life_cycle_state, LifeCycleState::InService);
    }
    let in_service = client
        .wait_until_instances_in_service(DescribeScalingInstanceRequest::new(GROUP))
        .await?;
    assert!(in_service.is_success());

    // A launching hook holds the next instance until it is completed.
    let hook = client
        .create_life_cycle_hook(CreateLifeCycleHookRequired {
            scaling_group_id: GROUP.into(),
            life_cycle_hook_name: "warm-up".into(),
            life_cycle_hook_timeout: 900,
        })
        .transition(Transition::Launching)
        .default_result(HookResult::Abandon)
        .await?
        .life_cycle_hook_id;
    client
        .attach_life_cycle_hook_id(GROUP, hook.as_str())
        .await?;
    set_desired(&client, 4).await?;
    emulator.advance(Duration::from_secs(35));
    let held = instances(&client)
        .await?
        .into_iter()
        .find(|i| i.life_cycle_state == LifeCycleState::Creating)
        .ok_or("no instance held by the hook")?;
    let holding = last_activity(&client).await?;
    assert_eq!(holding.status, ActivityStatus::Running);
    // Still held a minute later; the group is not idle.
    emulator.advance(Duration::from_secs(60));
    let busy = client
        .wait_until_group_idle(idle_request())
        .max_wait(Duration::ZERO)
        .await?;
    assert!(
        matches!(&busy, WaiterOutcome::TimedOut { last } if last.scaling_group_set[0].b_in_scaling_activity == 1),
        "{busy:?}"
    );
    client
        .complete_life_cycle_hook_action(CompleteLifeCycleHookActionRequired {
            scaling_group_id: GROUP.into(),
            life_cycle_hook_id: hook.clone(),
            scaling_instance_id: held.instance_id.clone(),
            life_cycle_hook_result: HookResult::Continue,
        })
        .await?;
    // Completed: in service at once, and the activity is over.
    let idle = client.wait_until_group_idle(idle_request()).await?;
    assert!(idle.is_success(), "{idle:?}");
    let completed = client
        .wait_until_activity_done(activity_request(&holding.scaling_activity_id))
        .await?;
    assert_eq!(
        success(completed).scaling_activity_set[0].succ_ins_list,
        Some(vec![held.instance_id.clone()])
    );
    client.detach_life_cycle_hook_id(GROUP).await?;

    // A scheduled task runs at its start time, 3 hours from now.
    let at = emulator.now() + Duration::from_secs(3 * 3600);
    client
        .create_scheduled_task(CreateScheduledTaskRequired {
            scaling_group_id: GROUP.into(),
            scaling_scheduled_task_name: "evening".into(),
            readjust_max_size: 8,
            readjust_min_size: 2,
            start_time: format_api_time(at),
        })
        .readjust_desired_capacity(5)
        .await?;
    emulator.advance(Duration::from_secs(3 * 3600 - 1));
    assert_eq!(group(&client).await?.max_size, 10);
    emulator.advance(Duration::from_secs(1));
    let g = group(&client).await?;
    assert_eq!((g.min_size, g.max_size, g.b_in_scaling_activity), (2, 8, 1));
    let scheduled = last_activity(&client).await?;
    assert_eq!(scheduled.start_time, format_api_time(at));
    assert!(
        scheduled
            .cause
            .as_deref()
            .is_some_and(|c| c.contains("Scheduled task evening")),
        "{scheduled:?}"
    );
    let idle = wait_while_advancing(
        &emulator,
        client.wait_until_group_idle(idle_request()),
        Duration::from_secs(35),
    )
    .await?;
    assert_eq!(success(idle).scaling_group_set[0].instance_num, 5);

    // A metric over the threshold for two periods makes the alarm policy fire.
    client
        .create_scaling_policy(CreateScalingPolicyRequired {
            scaling_group_id: GROUP.into(),
            scaling_policy_name: "cpu-high".into(),
            metric: Metric::new(MetricRequired {
                dimension_name: MetricName::CpuUsage,
                comparison_operator: ComparisonOperator::Greater,
                threshold: 80,
            })
            .repeat_times(2),
            adjustment_type: AdjustmentType::QuantityChangeInCapacity,
            adjustment_value: 1,
            cooldown: 600,
        })
        .await?;
    emulator.report_metric(GROUP, MetricName::CpuUsage, 93.5)?;
    emulator.advance(Duration::from_secs(600));
    let alarm = last_activity(&client).await?;
    assert_eq!(alarm.activity_type, ActivityType::ScaleOut);
    assert!(
        alarm
            .cause
            .as_deref()
            .is_some_and(|c| c.contains("Alarm policy cpu-high")),
        "{alarm:?}"
    );
    let alarm_done = success(
        wait_while_advancing(
            &emulator,
            client.wait_until_activity_done(activity_request(&alarm.scaling_activity_id)),
            Duration::from_secs(35),
        )
        .await?,
    );
    assert_eq!(
        alarm_done.scaling_activity_set[0].status,
        ActivityStatus::Success
    );
    assert_eq!(group(&client).await?.instance_num, 6);

    // Still over the threshold: the policy fires again within its cooldown, and is refused.
    emulator.advance(Duration::from_secs(600));
    let refused = last_activity(&client).await?;
    assert_eq!(refused.status, ActivityStatus::Failed);
    assert_eq!(refused.error_code, Some(40001));
    assert!(
        refused
            .cause
            .as_deref()
            .is_some_and(|c| c.contains("cooling down")),
        "{refused:?}"
    );
    let g = group(&client).await?;
    assert_eq!((g.instance_num, g.b_in_scaling_activity), (6, 0));

    // The load goes: DetachInstance is accepted now that no activity runs, and the desired
    // capacity follows it (no replacement is launched).
    emulator.report_metric(GROUP, MetricName::CpuUsage, 20.0)?;
    client
        .detach_instance(GROUP, [FIRST])
        .keep_instance(KeepInstance::Keep)
        .await?;
    emulator.advance(Duration::from_secs(3600));
    let g = group(&client).await?;
    assert_eq!((g.instance_num, g.b_in_scaling_activity), (5, 0));
    assert_eq!(
        last_activity(&client).await?.activity_type,
        ActivityType::Detach
    );

    let simulated = emulator
        .now()
        .duration_since(virtual_start)
        .unwrap_or_default();
    let elapsed = started.elapsed();
    eprintln!("the scenario took {elapsed:?} of real time for {simulated:?} of virtual time");
    assert!(simulated > Duration::from_secs(4 * 3600));
    // Well under a second on any machine; loosely bounded so a busy one does not fail it.
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    Ok(())
}

#[tokio::test]
async fn waiters_against_a_fast_clock() -> TestResult {
    let (emulator, client) = start()?;
    // A virtual minute per real 60 ms: a 35-second scale-out takes about 35 ms.
    emulator.set_clock_mode(ClockMode::Wall { speed: 1000.0 })?;
    let before = activities(&client).await?.len();
    set_desired(&client, 3).await?;
    let activity = activities(&client)
        .await?
        .into_iter()
        .nth(before)
        .ok_or("no activity for the change")?;
    let real = Instant::now();
    let done =
        quick(client.wait_until_activity_done(activity_request(&activity.scaling_activity_id)))
            .await?;
    assert!(real.elapsed() < Duration::from_secs(5));
    assert_eq!(
        success(done).scaling_activity_set[0].status,
        ActivityStatus::Success
    );
    let idle = quick(client.wait_until_group_idle(idle_request())).await?;
    assert!(idle.is_success());
    let in_service =
        quick(client.wait_until_instances_in_service(DescribeScalingInstanceRequest::new(GROUP)))
            .await?;
    assert_eq!(success(in_service).scaling_instances_set.len(), 3);

    // A failure the activity meets is the waiter's failure, with the answer that shows it.
    // The activity is the first recorded after the change, not the last: at 1000x, the failed
    // one may end (5 virtual seconds, 5 real ms) and the next, which succeeds, start before
    // the activities are listed.
    emulator.fail_next_activity(GROUP, ActivityFailure::SoldOut)?;
    let before = activities(&client).await?.len();
    set_desired(&client, 4).await?;
    let activity = activities(&client)
        .await?
        .into_iter()
        .nth(before)
        .ok_or("no activity for the change")?;
    let failed =
        quick(client.wait_until_activity_done(activity_request(&activity.scaling_activity_id)))
            .await?;
    match failed {
        WaiterOutcome::Failure(answer) => {
            let a = &answer.scaling_activity_set[0];
            assert_eq!(a.status, ActivityStatus::Failed);
            assert_eq!(a.error_code, Some(20000));
        }
        other => panic!("expected the waiter's failure: {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn a_waiter_times_out_on_a_clock_that_does_not_move() -> TestResult {
    let (_emulator, client) = start()?;
    set_desired(&client, 2).await?;
    let activity = last_activity(&client).await?;
    let real = Instant::now();
    let outcome = client
        .wait_until_activity_done(activity_request(&activity.scaling_activity_id))
        .min_delay(ms(5))
        .max_delay(ms(10))
        .max_wait(ms(60))
        .await?;
    let waited = real.elapsed();
    match outcome {
        WaiterOutcome::TimedOut { last } => {
            assert_eq!(last.scaling_activity_set[0].status, ActivityStatus::Init);
        }
        other => panic!("expected a time-out: {other:?}"),
    }
    assert!(
        waited >= ms(60) && waited < Duration::from_secs(5),
        "{waited:?}"
    );
    Ok(())
}

#[tokio::test]
async fn planned_failures_fail_or_partly_fail_the_next_scale_out() -> TestResult {
    let (emulator, client) = start()?;
    emulator.fail_next_activity_after(GROUP, ActivityFailure::Quota, 1)?;
    set_desired(&client, 4).await?;
    emulator.advance(Duration::from_secs(35));
    let all = activities(&client).await?;
    let partial = &all[0];
    assert_eq!(partial.status, ActivityStatus::PartialSuccess);
    assert_eq!(partial.error_code, Some(30000));
    assert_eq!(partial.succ_ins_list.as_ref().map(Vec::len), Some(1));
    // The group still needs two: the next activity started when this one ended, and succeeds.
    assert_eq!(all.len(), 2);
    emulator.advance(Duration::from_secs(35));
    assert_eq!(
        last_activity(&client).await?.status,
        ActivityStatus::Success
    );
    assert_eq!(group(&client).await?.instance_num, 4);

    emulator.fail_next_activity(GROUP, ActivityFailure::Balance)?;
    set_desired(&client, 5).await?;
    emulator.advance(Duration::from_secs(5));
    let all = activities(&client).await?;
    assert_eq!(all[2].status, ActivityStatus::Failed);
    assert_eq!(all[2].error_code, Some(30001));
    // An unknown group is refused.
    assert!(emulator
        .fail_next_activity("asg-nope", ActivityFailure::SoldOut)
        .is_err());
    Ok(())
}

#[tokio::test]
async fn a_scale_in_removes_the_oldest_unprotected_instances() -> TestResult {
    let (emulator, client) = start()?;
    set_desired(&client, 4).await?;
    emulator.advance(Duration::from_secs(35));
    let before = instances(&client).await?;
    assert_eq!(before.len(), 4);
    set_desired(&client, 2).await?;
    let activity = last_activity(&client).await?;
    assert_eq!(activity.activity_type, ActivityType::ScaleIn);
    emulator.advance(Duration::from_secs(5));
    let removing: Vec<String> = instances(&client)
        .await?
        .into_iter()
        .filter(|i| i.life_cycle_state == LifeCycleState::Removing)
        .map(|i| i.instance_id)
        .collect();
    // The oldest: the first instance, and the first launched.
    assert_eq!(removing.len(), 2);
    assert!(removing.contains(&FIRST.to_owned()), "{removing:?}");
    emulator.advance(Duration::from_secs(15));
    let after = instances(&client).await?;
    assert_eq!(after.len(), 2);
    let done = last_activity(&client).await?;
    assert_eq!(done.status, ActivityStatus::Success);
    assert_eq!(done.succ_ins_list.map(|l| l.len()), Some(2));
    // Released: gone from the account.
    assert!(emulator.state().instance(FIRST).is_none());
    Ok(())
}

#[tokio::test]
async fn hooks_time_out_to_their_default_and_can_be_extended() -> TestResult {
    let (emulator, client) = start()?;
    let hook = client
        .create_life_cycle_hook(CreateLifeCycleHookRequired {
            scaling_group_id: GROUP.into(),
            life_cycle_hook_name: "check".into(),
            life_cycle_hook_timeout: 300,
        })
        .default_result(HookResult::Abandon)
        .await?
        .life_cycle_hook_id;
    client
        .attach_life_cycle_hook_id(GROUP, hook.as_str())
        .await?;
    set_desired(&client, 2).await?;
    emulator.advance(Duration::from_secs(35));
    let held = instances(&client)
        .await?
        .into_iter()
        .find(|i| i.life_cycle_state == LifeCycleState::Creating)
        .ok_or("not held")?;
    // A heartbeat: the hold now ends 600 s from now instead of 300 s after it began.
    client
        .record_life_cycle_hook_timeout(RecordLifeCycleHookTimeoutRequired {
            scaling_group_id: GROUP.into(),
            life_cycle_hook_id: hook.clone(),
            scaling_instance_id: held.instance_id.clone(),
            record_timeout: 600,
        })
        .await?;
    emulator.advance(Duration::from_secs(599));
    assert_eq!(
        last_activity(&client).await?.status,
        ActivityStatus::Running
    );
    // Timed out: the default result, abandon: the instance is released, the activity failed.
    client.detach_life_cycle_hook_id(GROUP).await?;
    emulator.advance(Duration::from_secs(1));
    let all = activities(&client).await?;
    let abandoned = &all[0];
    assert_eq!(abandoned.status, ActivityStatus::Failed);
    assert_eq!(
        abandoned.fail_ins_list,
        Some(vec![held.instance_id.clone()])
    );
    assert!(emulator.state().instance(&held.instance_id).is_none());
    // Unbound now: the replacement launches without a hold.
    emulator.advance(Duration::from_secs(35));
    assert_eq!(
        last_activity(&client).await?.status,
        ActivityStatus::Success
    );
    assert_eq!(group(&client).await?.instance_num, 2);
    Ok(())
}

#[tokio::test]
async fn a_disabled_group_is_not_brought_to_its_desired_capacity() -> TestResult {
    let (emulator, client) = start()?;
    client
        .enabled_scaling_group(GROUP, GroupEnabled::Disabled)
        .await?;
    set_desired(&client, 3).await?;
    emulator.advance(Duration::from_secs(3600));
    assert!(activities(&client).await?.is_empty());
    client
        .enabled_scaling_group(GROUP, GroupEnabled::Enabled)
        .await?;
    assert_eq!(last_activity(&client).await?.status, ActivityStatus::Init);
    Ok(())
}

#[tokio::test]
async fn answers_carry_the_virtual_time_and_the_client_signs_with_it() -> TestResult {
    let (emulator, client) = start()?;
    let at = parse_api_time("2031-05-01 08:00:00").ok_or("bad time")?;
    emulator.set_time(at);
    set_desired(&client, 2).await?;
    assert_eq!(
        last_activity(&client).await?.start_time,
        "2031-05-01 08:00:00"
    );
    // Years from the real time: the emulator's client signs with the virtual clock.
    emulator.advance(Duration::from_secs(86_400));
    assert_eq!(group(&client).await?.instance_num, 2);
    assert_eq!(format_api_time(emulator.now()), "2031-05-02 08:00:00");
    // A client signing with the real time is told its Timestamp is stale.
    let plain = Client::new(
        qcloud_as::Config::builder()
            .region("gz")
            .endpoint(emulator.endpoint())
            .credentials(emulator.credentials())
            .build()?,
    )?;
    match plain.describe_scaling_group().await {
        Err(Error::Service(DescribeScalingGroupError::Common(CommonError::ReplayAttack(e)))) => {
            assert!(e.message().contains("Timestamp"), "{e}");
        }
        other => panic!("expected 4500: {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn the_clock_and_the_simulation_over_http() -> TestResult {
    let (emulator, client) = start()?;
    let http = crate::common::http();
    let url = |path: &str| format!("{}/_emulator/{path}", emulator.endpoint());
    let clock = json(http.get(url("clock")).send().await?).await?;
    assert_eq!(clock["mode"], "frozen");

    let put = http
        .put(url("clock"))
        .header("content-type", "application/json")
        .body(r#"{"time": "2030-01-01 00:00:00"}"#)
        .send()
        .await?;
    assert_eq!(put.status(), 200);
    let clock = json(put).await?;
    assert_eq!(clock["time"], "2030-01-01 00:00:00");
    assert_eq!(clock["unix"], 1_893_427_200u64);

    set_desired(&client, 2).await?;
    let advanced = json(
        http.post(url("clock/advance"))
            .header("content-type", "application/json")
            .body(r#"{"seconds": 90}"#)
            .send()
            .await?,
    )
    .await?;
    assert_eq!(advanced["time"], "2030-01-01 00:01:30");
    // The events on the way ran.
    assert_eq!(
        last_activity(&client).await?.status,
        ActivityStatus::Success
    );

    let metric = http
        .post(url("metrics"))
        .header("content-type", "application/json")
        .body(r#"{"scalingGroupId": "asg-sim00001", "dimensionName": "mem_usage", "value": 55.5}"#)
        .send()
        .await?;
    assert_eq!(metric.status(), 200);
    let failure = http
        .post(url("activity-failures"))
        .header("content-type", "application/json")
        .body(r#"{"scalingGroupId": "asg-sim00001", "failure": "soldOut"}"#)
        .send()
        .await?;
    assert_eq!(failure.status(), 200);
    let state = common::http_state(&emulator).await?;
    assert_eq!(state["simulation"]["metrics"][0]["value"], 55.5);
    assert_eq!(state["simulation"]["failures"][0]["failure"], "soldOut");

    let mode = json(
        http.put(url("clock"))
            .header("content-type", "application/json")
            .body(r#"{"mode": "wall:60"}"#)
            .send()
            .await?,
    )
    .await?;
    assert_eq!(mode["mode"], "wall:60");
    assert_eq!(emulator.clock_mode(), ClockMode::Wall { speed: 60.0 });

    for (method, path, body, status) in [
        ("PUT", "clock", r#"{"mode": "sideways"}"#, 400),
        ("PUT", "clock", r#"{"time": "tomorrow"}"#, 400),
        (
            "PUT",
            "clock",
            r#"{"time": "2030-01-01 00:00:00", "unix": 1}"#,
            400,
        ),
        ("PUT", "clock", r#"{"speed": 2}"#, 400),
        ("POST", "clock/advance", r#"{"seconds": -1}"#, 400),
        (
            "POST",
            "metrics",
            r#"{"scalingGroupId": "asg-nope", "dimensionName": "cpu_usage", "value": 1}"#,
            400,
        ),
        (
            "POST",
            "metrics",
            r#"{"scalingGroupId": "asg-sim00001", "dimensionName": "disk", "value": 1}"#,
            400,
        ),
        (
            "POST",
            "activity-failures",
            r#"{"scalingGroupId": "asg-sim00001", "failure": "late"}"#,
            400,
        ),
        ("DELETE", "clock", "", 405),
        ("GET", "metrics", "", 405),
    ] {
        let method = reqwest::Method::from_bytes(method.as_bytes())?;
        let response = http
            .request(method.clone(), url(path))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await?;
        assert_eq!(response.status(), status, "{method} {path} {body}");
    }
    Ok(())
}

#[tokio::test]
async fn an_activity_in_progress_survives_a_state_round_trip() -> TestResult {
    let (emulator, client) = start()?;
    set_desired(&client, 3).await?;
    emulator.advance(Duration::from_secs(10));
    let json = common::http_state(&emulator).await?;
    assert_eq!(json["simulation"]["activities"][0]["running"], true);
    let state = State::from_yaml_str(&json.to_string(), "saved")?;
    let now = emulator.now();
    let (copy, copy_client) = common::start(state)?;
    copy.set_time(now);
    copy.advance(Duration::from_secs(25));
    assert_eq!(
        last_activity(&copy_client).await?.status,
        ActivityStatus::Success
    );
    assert_eq!(group(&copy_client).await?.instance_num, 3);
    Ok(())
}

#[test]
fn a_state_file_sets_the_timings() -> TestResult {
    let state = common::state(&format!(
        "{STATE}simulation:\n  timing: {{activityInitSeconds: 0, instanceLaunchSeconds: 1}}\n"
    ))?;
    assert_eq!(state.simulation.timing.activity_init_seconds, 0);
    assert_eq!(state.simulation.timing.metric_period_seconds, 300);
    let bad = State::from_yaml_str(
        &format!("{STATE}simulation:\n  timing: {{metricPeriodSeconds: 0}}\n"),
        "bad",
    );
    assert!(
        bad.as_ref()
            .is_err_and(|e| e.to_string().contains("metricPeriodSeconds")),
        "{bad:?}"
    );
    let orphan = State::from_yaml_str(
        &format!("{STATE}simulation:\n  cooldowns: [{{scalingGroupId: asg-gone, until: 1}}]\n"),
        "bad",
    );
    assert!(
        orphan
            .as_ref()
            .is_err_and(|e| e.to_string().contains("asg-gone")),
        "{orphan:?}"
    );
    Ok(())
}

const BIN: &str = env!("CARGO_BIN_EXE_qcloud-as-emulator");

/// The binary's `--clock` and `--clock-start`; a client signing with the time the clock
/// endpoint gives.
#[tokio::test]
async fn the_binary_takes_a_clock() -> TestResult {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let mut child = Command::new(BIN)
        .args([
            "--listen",
            "127.0.0.1:0",
            "--clock",
            "frozen",
            "--clock-start",
            "2030-01-01 08:00:00",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let result = async {
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line)?;
        let endpoint = line
            .trim_end()
            .strip_prefix("listening on ")
            .ok_or("no listening line")?
            .to_owned();
        let http = crate::common::http();
        let clock = json(
            http.get(format!("{endpoint}/_emulator/clock"))
                .send()
                .await?,
        )
        .await?;
        assert_eq!(clock["mode"], "frozen");
        assert_eq!(clock["time"], "2030-01-01 08:00:00");
        let unix = clock["unix"].as_u64().ok_or("no unix")?;
        let client = Client::new(
            qcloud_as::Config::builder()
                .region("gz")
                .endpoint(&endpoint)
                .credentials(qcloud_as::Credentials::new(
                    qcloud_as_emulator::DEMO_SECRET_ID,
                    qcloud_as_emulator::DEMO_SECRET_KEY,
                ))
                .time_source(qcloud_as::TimeSource::new(move || {
                    UNIX_EPOCH + Duration::from_secs(unix)
                }))
                .build()?,
        )?;
        assert_eq!(client.describe_scaling_group().await?.total_count, 2);
        Ok::<(), Box<dyn std::error::Error>>(())
    }
    .await;
    let _ = child.kill();
    let _ = child.wait();
    result?;

    let output = Command::new(BIN)
        .args(["--listen", "127.0.0.1:0", "--clock", "wall:0"])
        .output()?;
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("speed"));
    Ok(())
}
