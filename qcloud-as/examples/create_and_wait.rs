//! Creates a launch configuration and a scaling group, scales it out by one instance and waits
//! with the SDK's waiters for that activity to end and the instance to be in service, then
//! scales it in to zero, waits again and deletes what it made.
//!
//! ```sh
//! export TENCENTCLOUD_SECRET_ID=… TENCENTCLOUD_SECRET_KEY=… TENCENTCLOUD_REGION=ap-guangzhou
//! export QCLOUD_AS_IMAGE_ID=img-… QCLOUD_AS_VPC_ID=vpc-… QCLOUD_AS_SUBNET_ID=subnet-…
//! cargo run -p qcloud-as --example create_and_wait
//! ```
//!
//! Against the real service this **launches a billed instance** (`QCLOUD_AS_INSTANCE_TYPE`,
//! default `S5.SMALL2`) for as long as the example runs; it removes it before it ends, also when
//! a step fails after the group was made. Without those variables it uses the ids of the
//! emulator's demo state (CI runs it against `qcloud-as-emulator --clock wall:20`, where a
//! scale-out takes 35 virtual seconds). `QCLOUD_AS_WAIT_SECONDS` is each waiter's maximum wait
//! (default 600); `QCLOUD_AS_POLL_SECONDS` its shortest delay between polls (default 5, the
//! specs'; a fraction such as 0.2 polls an emulator on a fast clock quickly), which doubles
//! from poll to poll up to the specs' 30 s.
//!
//! ScaleOutInstances and ScaleInInstances answer the id of the activity they start, so the
//! example waits on exactly that activity (`wait_until_activity_done`); ModifyDesiredCapacity
//! answers none.

mod common;

use std::time::Duration;

use qcloud_as::v3::operation::create_auto_scaling_group::CreateAutoScalingGroupRequired;
use qcloud_as::v3::operation::describe_auto_scaling_activities::DescribeAutoScalingActivitiesRequest;
use qcloud_as::v3::operation::describe_auto_scaling_groups::DescribeAutoScalingGroupsRequest;
use qcloud_as::v3::operation::describe_auto_scaling_instances::DescribeAutoScalingInstancesRequest;
use qcloud_as::v3::types::{Activity, Filter};
use qcloud_as::v3::Client;
use qcloud_as::waiter::{Waiter, WaiterOutcome};

type Result<T, E = Box<dyn std::error::Error>> = std::result::Result<T, E>;

/// How the waiters poll: the shortest delay between polls and the longest wait in all.
#[derive(Clone, Copy)]
struct Polling {
    min_delay: Duration,
    max_wait: Duration,
}

impl Polling {
    /// From `QCLOUD_AS_POLL_SECONDS` and `QCLOUD_AS_WAIT_SECONDS`.
    fn from_env() -> Result<Polling> {
        let seconds = |name: &str, default: &str| -> Result<Duration> {
            let text = common::setting(name, default);
            let value: f64 = text.parse().map_err(|e| format!("{name}: {text:?}: {e}"))?;
            Duration::try_from_secs_f64(value)
                .map_err(|_| format!("{name}: {text:?} is not a number of seconds").into())
        };
        let min_delay = seconds("QCLOUD_AS_POLL_SECONDS", "5")?;
        if min_delay.is_zero() {
            return Err("QCLOUD_AS_POLL_SECONDS: 0 would poll without pause: give more".into());
        }
        Ok(Polling {
            min_delay,
            max_wait: seconds("QCLOUD_AS_WAIT_SECONDS", "600")?,
        })
    }

    /// `waiter` set to poll this way.
    fn apply<C: qcloud_as::waiter::Condition>(self, waiter: Waiter<C>) -> Waiter<C> {
        waiter.min_delay(self.min_delay).max_wait(self.max_wait)
    }
}

#[tokio::main]
async fn main() -> Result<()> {
    let polling = Polling::from_env()?;
    let client = common::client()?;
    let suffix = std::process::id();

    let launch = client
        .create_launch_configuration(format!("qcloud-as-example-{suffix}"))
        .image_id(common::setting("QCLOUD_AS_IMAGE_ID", "img-demo0001"))
        .instance_type(common::setting("QCLOUD_AS_INSTANCE_TYPE", "S5.SMALL2"))
        .await?;
    println!("launch configuration {}", launch.launch_configuration_id);

    let created = client
        .create_auto_scaling_group(CreateAutoScalingGroupRequired {
            auto_scaling_group_name: format!("qcloud-as-example-{suffix}"),
            launch_configuration_id: launch.launch_configuration_id.clone(),
            max_size: 2,
            min_size: 0,
            vpc_id: common::setting("QCLOUD_AS_VPC_ID", "vpc-demo0001"),
        })
        .subnet_ids([common::setting("QCLOUD_AS_SUBNET_ID", "subnet-demo0001")])
        .desired_capacity(0)
        .await;
    let group = match created {
        Ok(out) => out.auto_scaling_group_id,
        Err(e) => {
            client
                .delete_launch_configuration(&launch.launch_configuration_id)
                .await?;
            return Err(e.into());
        }
    };
    println!("scaling group {group}, desired capacity 0");

    let outcome = scale_and_wait(&client, &group, polling).await;
    // Clean up whatever happened: the group, then its launch configuration. After a failure
    // the group may still run an activity or hold an instance: wait for it to be idle, bring it
    // to zero and wait again, since a group in an activity or with an instance in service
    // cannot be deleted.
    if outcome.is_err() {
        empty(&client, &group, polling).await;
    }
    client.delete_auto_scaling_group(&group).await?;
    client
        .delete_launch_configuration(&launch.launch_configuration_id)
        .await?;
    println!("deleted {group} and {}", launch.launch_configuration_id);
    outcome
}

/// Scales out by one and waits for the activity and the instance; then scales in by one and
/// waits for that activity.
async fn scale_and_wait(client: &Client, group: &str, polling: Polling) -> Result<()> {
    let out = client.scale_out_instances(group, 1).await?;
    let activity = wait_for_activity(client, &out.activity_id, polling).await?;
    println!(
        "scale-out {}: {} ({})",
        activity.activity_id, activity.status_code, activity.cause
    );

    // Every member of the group in service; failure as soon as one could not be created.
    let members = DescribeAutoScalingInstancesRequest::new()
        .filters([Filter::new("auto-scaling-group-id", [group])]);
    let instances = match polling
        .apply(client.wait_until_instances_in_service(members))
        .await?
    {
        WaiterOutcome::Success(answer) => answer.auto_scaling_instance_set,
        WaiterOutcome::Failure(answer) | WaiterOutcome::TimedOut { last: answer } => {
            let states: Vec<String> = answer
                .auto_scaling_instance_set
                .iter()
                .map(|i| format!("{} {}", i.instance_id, i.life_cycle_state))
                .collect();
            return Err(format!("{group}: not every instance in service: {states:?}").into());
        }
    };
    for instance in &instances {
        println!("  {}  {}", instance.instance_id, instance.life_cycle_state);
    }

    let out = client.scale_in_instances(group, 1).await?;
    let activity = wait_for_activity(client, &out.activity_id, polling).await?;
    println!(
        "scale-in {}: {} ({})",
        activity.activity_id, activity.status_code, activity.cause
    );
    Ok(())
}

/// Brings `group` to no instance as far as it can, for the clean-up after a failure: what fails
/// here shows when the group is deleted.
async fn empty(client: &Client, group: &str, polling: Polling) {
    let idle = || DescribeAutoScalingGroupsRequest::new().auto_scaling_group_ids([group]);
    let _ = polling.apply(client.wait_until_group_idle(idle())).await;
    if client.modify_desired_capacity(group, 0).await.is_ok() {
        let _ = polling.apply(client.wait_until_group_idle(idle())).await;
    }
}

/// Waits until the activity `id` has ended and returns it; an error if it did not succeed or
/// was still running after the longest wait.
async fn wait_for_activity(client: &Client, id: &str, polling: Polling) -> Result<Activity> {
    let request = DescribeAutoScalingActivitiesRequest::new().activity_ids([id]);
    let outcome = polling
        .apply(client.wait_until_activity_done(request))
        .await?;
    let max_wait = polling.max_wait;
    let done = outcome.is_success();
    let timed_out = matches!(outcome, WaiterOutcome::TimedOut { .. });
    let activity = outcome
        .into_output()
        .activity_set
        .into_iter()
        .find(|a| a.activity_id == id);
    match activity {
        Some(activity) if done => Ok(activity),
        Some(activity) if timed_out => Err(format!(
            "activity {id} still {} after {max_wait:?}",
            activity.status_code
        )
        .into()),
        Some(activity) => Err(format!(
            "activity {id} ended {} ({}): {}",
            activity.status_code, activity.status_message, activity.cause
        )
        .into()),
        None if timed_out => Err(format!("activity {id} not listed after {max_wait:?}").into()),
        None => Err(format!("activity {id} is not in the answer").into()),
    }
}
