//! The SDK's API 3.0 waiters against the emulator's simulation, on its virtual clock: an
//! activity done, a group idle, instances in service, a planned failure as the waiter's
//! failure, a partial success, the time limit, and the waiter's per-poll settings.

mod common;

use common::TestResult;
use qcloud_as::v3::operation::describe_auto_scaling_activities::DescribeAutoScalingActivitiesRequest;
use qcloud_as::v3::operation::describe_auto_scaling_groups::{
    DescribeAutoScalingGroupsError, DescribeAutoScalingGroupsRequest,
};
use qcloud_as::v3::operation::describe_auto_scaling_instances::DescribeAutoScalingInstancesRequest;
use qcloud_as::v3::types::{ActivityStatusCode, Filter, InActivityStatus, LifeCycleState};
use qcloud_as::v3::{Client, CommonError};
use qcloud_as::waiter::{Condition, ErrorOf, OutputOf, Waiter, WaiterOutcome};
use qcloud_as::Error;
use qcloud_as_emulator::{ActivityFailure, ClockMode, Emulator, Fault, FaultKind};
use std::future::IntoFuture;
use std::time::{Duration, Instant};

const GROUP: &str = "asg-wait0001";

/// One group (`web`, 1 to 10 instances, desired 1) with one instance, and its launch
/// configuration.
const STATE: &str = r#"
credentials:
  - {secretId: AKIDwaiters, secretKey: waiters-key}
instances:
  - {instanceId: ins-wait0001, state: Running}
scalingConfigurations:
  - {scalingConfigurationId: asc-wait0001, scalingConfigurationName: web-lc}
scalingGroups:
  - scalingGroupId: asg-wait0001
    scalingGroupName: web
    scalingConfigurationId: asc-wait0001
    minSize: 1
    maxSize: 10
    desiredCapacity: 1
    instances:
      - {instanceId: ins-wait0001, creationType: Auto, addTime: "2026-01-01 00:00:00"}
"#;

fn start() -> Result<(Emulator, Client), Box<dyn std::error::Error>> {
    let emulator = Emulator::start(common::state(STATE)?)?;
    let client = emulator.v3_client()?;
    Ok((emulator, client))
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn by_group() -> Vec<Filter> {
    vec![Filter::new("auto-scaling-group-id", [GROUP])]
}

async fn activity_ids(client: &Client) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    Ok(client
        .describe_auto_scaling_activities()
        .filters(by_group())
        .limit(100)
        .await?
        .activity_set
        .into_iter()
        .map(|a| a.activity_id)
        .collect())
}

/// Sets the desired capacity (`ModifyDesiredCapacity` answers no activity id) and gives the
/// ids of the activities the change started.
async fn scale_to(
    client: &Client,
    desired: i64,
) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let before = activity_ids(client).await?;
    client.modify_desired_capacity(GROUP, desired).await?;
    let started: Vec<String> = activity_ids(client)
        .await?
        .into_iter()
        .filter(|id| !before.contains(id))
        .collect();
    if started.is_empty() {
        return Err("the change started no activity".into());
    }
    Ok(started)
}

fn activities(ids: Vec<String>) -> DescribeAutoScalingActivitiesRequest {
    DescribeAutoScalingActivitiesRequest::new().activity_ids(ids)
}

fn the_group() -> DescribeAutoScalingGroupsRequest {
    DescribeAutoScalingGroupsRequest::new().auto_scaling_group_ids([GROUP])
}

fn its_instances() -> DescribeAutoScalingInstancesRequest {
    DescribeAutoScalingInstancesRequest::new().filters(by_group())
}

/// Polls quickly, for a clock that moves fast or is moved by the test.
fn quick<C: Condition>(waiter: Waiter<C>) -> Waiter<C> {
    waiter
        .min_delay(ms(1))
        .max_delay(ms(10))
        .max_wait(Duration::from_secs(30))
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

#[tokio::test]
async fn a_scale_out_waited_for_on_a_moved_clock() -> TestResult {
    let (emulator, client) = start()?;
    let started = scale_to(&client, 3).await?;

    // While it runs, the group is in activity and its new instances are not in service.
    let group = &client
        .describe_auto_scaling_groups()
        .auto_scaling_group_ids([GROUP])
        .await?
        .auto_scaling_group_set[0];
    assert_eq!(group.in_activity_status, InActivityStatus::InActivity);

    let done = success(
        wait_while_advancing(
            &emulator,
            client.wait_until_activity_done(activities(started.clone())),
            Duration::from_secs(60),
        )
        .await?,
    );
    assert_eq!(done.activity_set.len(), started.len());
    for activity in &done.activity_set {
        assert_eq!(activity.status_code, ActivityStatusCode::Successful);
        assert!(started.contains(&activity.activity_id));
    }

    // Nothing runs any more: both waiters decide on their first poll.
    let idle = success(quick(client.wait_until_group_idle(the_group())).await?);
    assert_eq!(
        idle.auto_scaling_group_set[0].in_activity_status,
        InActivityStatus::NotInActivity
    );
    let in_service = success(quick(client.wait_until_instances_in_service(its_instances())).await?);
    assert_eq!(in_service.auto_scaling_instance_set.len(), 3);
    assert!(in_service
        .auto_scaling_instance_set
        .iter()
        .all(|i| i.life_cycle_state == LifeCycleState::InService));
    Ok(())
}

#[tokio::test]
async fn group_idle_and_instances_in_service_wait_for_the_clock() -> TestResult {
    let (emulator, client) = start()?;
    scale_to(&client, 4).await?;
    let idle = success(
        wait_while_advancing(
            &emulator,
            client.wait_until_group_idle(the_group()),
            Duration::from_secs(60),
        )
        .await?,
    );
    assert_eq!(idle.auto_scaling_group_set[0].desired_capacity, 4);

    // New instances are listed once their launch starts, `CREATING` until it ends: move the
    // clock a second at a time until some are, so that the waiter starts on a pending answer
    // (before that, the listed instances are all in service).
    scale_to(&client, 6).await?;
    let mut creating = false;
    for _ in 0..60 {
        emulator.advance(Duration::from_secs(1));
        let listed = client
            .describe_auto_scaling_instances()
            .filters(by_group())
            .await?
            .auto_scaling_instance_set;
        if listed
            .iter()
            .any(|i| i.life_cycle_state != LifeCycleState::InService)
        {
            creating = true;
            break;
        }
    }
    assert!(creating, "no instance was ever listed as being created");
    let pending = quick(client.wait_until_instances_in_service(its_instances()))
        .max_wait(ms(30))
        .await?;
    assert!(
        matches!(pending, WaiterOutcome::TimedOut { .. }),
        "{pending:?}"
    );
    let in_service = success(
        wait_while_advancing(
            &emulator,
            client.wait_until_instances_in_service(its_instances()),
            Duration::from_secs(60),
        )
        .await?,
    );
    assert_eq!(in_service.auto_scaling_instance_set.len(), 6);
    Ok(())
}

#[tokio::test]
async fn waiters_against_a_fast_clock() -> TestResult {
    let (emulator, client) = start()?;
    // A virtual minute per real second: a scale-out of about 35 virtual seconds takes about
    // 0.6 s. (Not faster: API 3.0 signatures are checked within 5 virtual minutes of the
    // emulator's clock, 5 real seconds at this speed, time enough on a busy machine.)
    emulator.set_clock_mode(ClockMode::Wall { speed: 60.0 })?;
    let started = scale_to(&client, 3).await?;
    let real = Instant::now();
    let done = success(quick(client.wait_until_activity_done(activities(started))).await?);
    assert!(
        real.elapsed() < Duration::from_secs(10),
        "{:?}",
        real.elapsed()
    );
    assert!(done
        .activity_set
        .iter()
        .all(|a| a.status_code == ActivityStatusCode::Successful));
    assert!(quick(client.wait_until_group_idle(the_group()))
        .await?
        .is_success());
    let in_service = success(quick(client.wait_until_instances_in_service(its_instances())).await?);
    assert_eq!(in_service.auto_scaling_instance_set.len(), 3);
    Ok(())
}

#[tokio::test]
async fn a_failed_activity_is_the_waiters_failure() -> TestResult {
    let (emulator, client) = start()?;
    emulator.fail_next_activity(GROUP, ActivityFailure::SoldOut)?;
    let started = scale_to(&client, 3).await?;
    let outcome = wait_while_advancing(
        &emulator,
        client.wait_until_activity_done(activities(started)),
        Duration::from_secs(60),
    )
    .await?;
    match outcome {
        WaiterOutcome::Failure(answer) => {
            let failed = answer
                .activity_set
                .iter()
                .find(|a| a.status_code == ActivityStatusCode::Failed);
            assert!(failed.is_some(), "{answer:?}");
        }
        other => panic!("expected the waiter's failure: {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn a_partly_failed_activity_is_the_waiters_failure_too() -> TestResult {
    let (emulator, client) = start()?;
    // The first launch succeeds, the others meet the quota.
    emulator.fail_next_activity_after(GROUP, ActivityFailure::Quota, 1)?;
    let started = scale_to(&client, 4).await?;
    let outcome = wait_while_advancing(
        &emulator,
        client.wait_until_activity_done(activities(started)),
        Duration::from_secs(60),
    )
    .await?;
    match outcome {
        WaiterOutcome::Failure(answer) => assert!(
            answer
                .activity_set
                .iter()
                .any(|a| a.status_code == ActivityStatusCode::PartiallySuccessful),
            "{answer:?}"
        ),
        other => panic!("expected the waiter's failure: {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn a_waiter_times_out_on_a_clock_that_does_not_move() -> TestResult {
    let (_emulator, client) = start()?;
    let started = scale_to(&client, 2).await?;
    let real = Instant::now();
    let outcome = client
        .wait_until_activity_done(activities(started))
        .min_delay(ms(5))
        .max_delay(ms(10))
        .max_wait(ms(60))
        .await?;
    let waited = real.elapsed();
    match outcome {
        WaiterOutcome::TimedOut { last } => {
            assert!(last
                .activity_set
                .iter()
                .all(|a| a.status_code == ActivityStatusCode::Init));
        }
        other => panic!("expected a time-out: {other:?}"),
    }
    assert!(
        waited >= ms(60) && waited < Duration::from_secs(10),
        "{waited:?}"
    );

    // The same for a group that stays in activity.
    let outcome = quick(client.wait_until_group_idle(the_group()))
        .max_wait(ms(30))
        .await?;
    match outcome {
        WaiterOutcome::TimedOut { last } => assert_eq!(
            last.auto_scaling_group_set[0].in_activity_status,
            InActivityStatus::InActivity
        ),
        other => panic!("expected a time-out: {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn every_poll_is_sent_with_the_waiters_settings() -> TestResult {
    let (emulator, client) = start()?;
    const DESCRIBE: &str = "DescribeAutoScalingGroups";

    // The client's retries carry a poll over one throttled attempt.
    emulator.set_fault(DESCRIBE, Fault::new(FaultKind::Throttle).times(1))?;
    assert!(quick(client.wait_until_group_idle(the_group()))
        .await?
        .is_success());

    // A poll sent once ends the wait with the throttling, as the service answered it.
    emulator.set_fault(DESCRIBE, Fault::new(FaultKind::Throttle).times(1))?;
    let result = quick(client.wait_until_group_idle(the_group()))
        .customize(|c| c.max_attempts(1))
        .await;
    match result {
        Err(Error::Service(DescribeAutoScalingGroupsError::Common(
            CommonError::RequestLimitExceeded(e),
        ))) => assert_eq!(e.code(), "RequestLimitExceeded"),
        other => panic!("expected the throttling: {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn standby_stop_and_start_run_on_the_clock_and_waiters_see_them_end() -> TestResult {
    let (emulator, client) = start()?;
    let started = scale_to(&client, 3).await?;
    success(
        wait_while_advancing(
            &emulator,
            client.wait_until_activity_done(activities(started)),
            Duration::from_secs(60),
        )
        .await?,
    );
    let members: Vec<String> = client
        .describe_auto_scaling_instances()
        .filters(by_group())
        .await?
        .auto_scaling_instance_set
        .into_iter()
        .map(|i| i.instance_id)
        .collect();
    let one = [members[1].clone()];

    // Each member command's activity runs until its timing has passed (standby 10 s, stop and
    // start 30 s); the waiter polls it RUNNING, the clock moves, it sees it SUCCESSFUL.
    let mut kinds = Vec::new();
    for step in 0..4 {
        let id = match step {
            0 => client.enter_standby(GROUP, one.clone()).await?.activity_id,
            1 => client.exit_standby(GROUP, one.clone()).await?.activity_id,
            2 => {
                client
                    .stop_auto_scaling_instances(GROUP, one.clone())
                    .await?
                    .activity_id
            }
            _ => {
                client
                    .start_auto_scaling_instances(GROUP, one.clone())
                    .await?
                    .activity_id
            }
        };
        let idle = quick(client.wait_until_group_idle(the_group())).max_wait(ms(50));
        assert!(
            matches!(idle.await?, WaiterOutcome::TimedOut { .. }),
            "the group is in an activity while it runs"
        );
        let done = success(
            wait_while_advancing(
                &emulator,
                client.wait_until_activity_done(activities(vec![id])),
                Duration::from_secs(30),
            )
            .await?,
        );
        let activity = &done.activity_set[0];
        assert_eq!(activity.status_code, ActivityStatusCode::Successful);
        assert_eq!(activity.related_instance_set[0].instance_id, one[0]);
        assert_eq!(
            activity.related_instance_set[0].instance_status.as_str(),
            "SUCCESSFUL"
        );
        let took = activity
            .end_time
            .unix_seconds()
            .zip(activity.start_time.unix_seconds())
            .map(|(end, start)| end - start);
        assert_eq!(took, Some(if step < 2 { 10 } else { 30 }));
        kinds.push(activity.activity_type.as_str().to_owned());
        // A member back in service (after ExitStandby, StartAutoScalingInstances) is waited
        // for by the instances waiter too.
        if step % 2 == 1 {
            success(quick(client.wait_until_instances_in_service(its_instances())).await?);
        }
    }
    assert_eq!(
        kinds,
        [
            "DETACH_INSTANCES",
            "ATTACH_INSTANCES",
            "STOP_INSTANCES",
            "START_INSTANCES"
        ]
    );
    Ok(())
}
