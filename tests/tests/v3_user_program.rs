//! A program written as a user of API 3.0 writes it, run against the emulator: create a launch
//! configuration and a group, scale out with `ModifyDesiredCapacity`, wait for the activity
//! with the SDK's waiter, detach with a typed error match after a throttled attempt was
//! retried, page with `customize()`, and spawn calls on a cloned client.
//!
//! The program ([`program`]) only gets a `Config`; the harness around it runs the emulator's
//! clock 60 times as fast as the wall clock (so activities end while the waiters poll, as on
//! the real service, in about a second; signatures stay within API 3.0's 5 minutes of the
//! emulator's clock even on a busy machine) and plans one throttled `DetachInstances`
//! (`RequestLimitExceeded`).

use qcloud_as::v3::operation::create_auto_scaling_group::CreateAutoScalingGroupRequired;
use qcloud_as::v3::operation::describe_auto_scaling_activities::DescribeAutoScalingActivitiesRequest;
use qcloud_as::v3::operation::describe_auto_scaling_groups::DescribeAutoScalingGroupsRequest;
use qcloud_as::v3::operation::detach_instances::DetachInstancesError;
use qcloud_as::v3::types::{ActivityStatusCode, ActivityType, Filter, LifeCycleState};
use qcloud_as::v3::{AutoScalingError, Client};
use qcloud_as::waiter::WaiterOutcome;
use qcloud_as::{Config, Error};
use qcloud_as_emulator::{ClockMode, Emulator, Fault, FaultKind, State};
use std::time::Duration;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What the program saw, for the test to check.
#[derive(Debug, Default)]
struct Seen {
    group_id: String,
    scale_out: Vec<(String, ActivityType, ActivityStatusCode)>,
    below_min_code: String,
    below_min_attempts: u32,
    detach_activity: Option<ActivityStatusCode>,
    paged_instances: Vec<(String, LifeCycleState)>,
    spawned_group_names: Vec<String>,
}

/// The ids of a group's activities. Errors of every action convert into the service-wide
/// `AutoScalingError` with `?`.
async fn activity_ids(
    client: &Client,
    group_id: &str,
) -> Result<Vec<String>, Error<AutoScalingError>> {
    let activities = client
        .describe_auto_scaling_activities()
        .filters([Filter::new("auto-scaling-group-id", [group_id])])
        .limit(100)
        .await?;
    Ok(activities
        .activity_set
        .into_iter()
        .map(|a| a.activity_id)
        .collect())
}

/// The user's program.
async fn program(config: Config) -> Result<Seen, BoxError> {
    let client = Client::new(config)?;
    let mut seen = Seen::default();

    // A launch configuration and a group of 1 to 5 instances, starting with 1.
    let lc = client
        .create_launch_configuration("user-web-lc")
        .image_id("img-8toqc6s3")
        .instance_type("S5.MEDIUM4")
        .await?;
    let group = client
        .create_auto_scaling_group(CreateAutoScalingGroupRequired {
            auto_scaling_group_name: "user-web".into(),
            launch_configuration_id: lc.launch_configuration_id,
            max_size: 5,
            min_size: 1,
            vpc_id: "vpc-test0001".into(),
        })
        .desired_capacity(1)
        .subnet_ids(["subnet-test0001"])
        .await?;
    let group_id = group.auto_scaling_group_id;
    seen.group_id = group_id.clone();
    let this_group = || vec![Filter::new("auto-scaling-group-id", [group_id.as_str()])];
    let idle = client
        .wait_until_group_idle(
            DescribeAutoScalingGroupsRequest::new().auto_scaling_group_ids([group_id.clone()]),
        )
        .min_delay(Duration::from_millis(20))
        .max_delay(Duration::from_millis(200))
        .max_wait(Duration::from_secs(60))
        .await?;
    if !idle.is_success() {
        return Err(format!("the new group is still busy: {idle:?}").into());
    }

    // Scale out to 3. ModifyDesiredCapacity answers no activity id: the activities the change
    // started are the group's activities that were not there before.
    let before = activity_ids(&client, &group_id).await?;
    client.modify_desired_capacity(&group_id, 3).await?;
    let started: Vec<String> = activity_ids(&client, &group_id)
        .await?
        .into_iter()
        .filter(|id| !before.contains(id))
        .collect();
    let outcome = client
        .wait_until_activity_done(DescribeAutoScalingActivitiesRequest::new().activity_ids(started))
        .min_delay(Duration::from_millis(20))
        .max_delay(Duration::from_millis(200))
        .max_wait(Duration::from_secs(60))
        .await?;
    match outcome {
        WaiterOutcome::Success(answer) => {
            seen.scale_out = answer
                .activity_set
                .into_iter()
                .map(|a| (a.activity_id, a.activity_type, a.status_code))
                .collect();
        }
        WaiterOutcome::Failure(answer) => {
            return Err(format!("the scale-out failed: {:?}", answer.activity_set).into())
        }
        WaiterOutcome::TimedOut { last } => {
            return Err(format!("the scale-out is still running: {last:?}").into())
        }
    }

    // Detaching all three would leave the group below its minimum: a business error, matched
    // by its variant however many attempts the call took.
    let members: Vec<String> = client
        .describe_auto_scaling_instances()
        .filters(this_group())
        .await?
        .auto_scaling_instance_set
        .into_iter()
        .map(|i| i.instance_id)
        .collect();
    match client.detach_instances(&group_id, members.clone()).await {
        Err(
            err @ Error::Service(
                DetachInstancesError::ResourceInsufficientInServiceInstanceBelowMinSize(_),
            ),
        ) => {
            seen.below_min_code = err.code().map(|c| c.into_owned()).unwrap_or_default();
            seen.below_min_attempts = err.attempts();
        }
        Err(e) => return Err(e.into()),
        Ok(out) => return Err(format!("detached every instance: {out:?}").into()),
    }
    // One may go; wait for its activity.
    let detached = client
        .detach_instances(&group_id, members.into_iter().take(1))
        .await?;
    let done = client
        .wait_until_activity_done(
            DescribeAutoScalingActivitiesRequest::new().activity_ids([detached.activity_id]),
        )
        .min_delay(Duration::from_millis(20))
        .max_delay(Duration::from_millis(200))
        .max_wait(Duration::from_secs(60))
        .await?;
    seen.detach_activity = done
        .into_output()
        .activity_set
        .into_iter()
        .next()
        .map(|a| a.status_code);

    // Every instance of the group, a page of one at a time, each page sent once at most.
    seen.paged_instances = client
        .describe_auto_scaling_instances()
        .filters(this_group())
        .customize(|c| c.max_attempts(1).operation_timeout(Duration::from_secs(10)))
        .paginate()
        .page_size(1)
        .collect_items()
        .await?
        .into_iter()
        .map(|i| (i.instance_id, i.life_cycle_state))
        .collect();

    // Calls on a cloned client, spawned.
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let client = client.clone();
            let id = group_id.clone();
            tokio::spawn(async move {
                client
                    .describe_auto_scaling_groups()
                    .auto_scaling_group_ids([id])
                    .send()
                    .await
            })
        })
        .collect();
    for task in tasks {
        let groups = task.await??;
        seen.spawned_group_names.extend(
            groups
                .auto_scaling_group_set
                .into_iter()
                .map(|g| g.auto_scaling_group_name),
        );
    }
    Ok(seen)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_users_program_runs_against_the_emulator() -> Result<(), BoxError> {
    let emulator = Emulator::start(State::demo())?;
    emulator.set_clock_mode(ClockMode::Wall { speed: 60.0 })?;
    emulator.set_fault("DetachInstances", Fault::new(FaultKind::Throttle).times(1))?;
    let config = emulator.v3_client_config().build()?;

    let seen = program(config).await?;

    assert!(seen.group_id.starts_with("asg-"), "{seen:?}");
    assert!(!seen.scale_out.is_empty(), "{seen:?}");
    for (id, kind, status) in &seen.scale_out {
        assert!(id.starts_with("asa-"), "{seen:?}");
        assert_eq!(*kind, ActivityType::ScaleOut, "{seen:?}");
        assert_eq!(*status, ActivityStatusCode::Successful, "{seen:?}");
    }
    // The throttled attempt was retried, and the business error still matched its variant.
    assert_eq!(
        seen.below_min_code, "ResourceInsufficient.InServiceInstanceBelowMinSize",
        "{seen:?}"
    );
    assert_eq!(seen.below_min_attempts, 2, "{seen:?}");
    assert!(
        emulator.state().faults.is_empty(),
        "the planned throttling was used"
    );
    assert_eq!(
        seen.detach_activity,
        Some(ActivityStatusCode::Successful),
        "{seen:?}"
    );
    assert_eq!(seen.paged_instances.len(), 2, "{seen:?}");
    assert!(seen
        .paged_instances
        .iter()
        .all(|(_, state)| *state == LifeCycleState::InService));
    assert_eq!(seen.spawned_group_names, ["user-web"; 4], "{seen:?}");
    let group = emulator
        .state()
        .group(&seen.group_id)
        .map(|g| g.instances.len());
    assert_eq!(group, Some(2));
    Ok(())
}
