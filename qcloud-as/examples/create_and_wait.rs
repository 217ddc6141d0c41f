//! Creates a launch configuration and a scaling group, waits for the scale-out activity that
//! brings the group to its desired capacity, then scales it in to zero, waits again and deletes
//! what it made.
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
//! emulator's demo state (CI runs it against `qcloud-as-emulator --clock wall:60`, where a
//! scale-out takes 35 virtual seconds). `QCLOUD_AS_WAIT_SECONDS` bounds each wait (default 600).

mod common;

use std::time::{Duration, Instant};

use qcloud_as::v3::operation::create_auto_scaling_group::CreateAutoScalingGroupRequired;
use qcloud_as::v3::types::{Activity, Filter};
use qcloud_as::v3::Client;

type Result<T, E = Box<dyn std::error::Error>> = std::result::Result<T, E>;

#[tokio::main]
async fn main() -> Result<()> {
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
        .desired_capacity(1)
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
    println!("scaling group {group}, desired capacity 1");

    let outcome = scale_and_wait(&client, &group).await;
    // Clean up whatever happened: the group, then its launch configuration.
    client.delete_auto_scaling_group(&group).await?;
    client
        .delete_launch_configuration(&launch.launch_configuration_id)
        .await?;
    println!("deleted {group} and {}", launch.launch_configuration_id);
    outcome
}

/// Waits for the first scale-out, then scales in to zero and waits for that.
async fn scale_and_wait(client: &Client, group: &str) -> Result<()> {
    let activity = wait_for_activities(client, group, None).await?;
    println!(
        "scale-out {}: {} ({})",
        activity.activity_id, activity.status_code, activity.cause
    );
    let instances = client
        .describe_auto_scaling_instances()
        .filters([Filter::new("auto-scaling-group-id", [group])])
        .await?;
    for instance in &instances.auto_scaling_instance_set {
        println!("  {}  {}", instance.instance_id, instance.life_cycle_state);
    }

    client.modify_desired_capacity(group, 0).await?;
    let activity = wait_for_activities(client, group, Some(&activity.activity_id)).await?;
    println!(
        "scale-in {}: {} ({})",
        activity.activity_id, activity.status_code, activity.cause
    );
    Ok(())
}

/// Polls the group's activities until the newest is not `seen` and none is still going, and
/// returns the newest. Gives up after `QCLOUD_AS_WAIT_SECONDS`.
async fn wait_for_activities(client: &Client, group: &str, seen: Option<&str>) -> Result<Activity> {
    let limit = Duration::from_secs(
        common::setting("QCLOUD_AS_WAIT_SECONDS", "600")
            .parse()
            .map_err(|e| format!("QCLOUD_AS_WAIT_SECONDS: {e}"))?,
    );
    let started = Instant::now();
    loop {
        let page = client
            .describe_auto_scaling_activities()
            .filters([Filter::new("auto-scaling-group-id", [group])])
            .await?;
        let going = page
            .activity_set
            .iter()
            .filter(|a| matches!(a.status_code.as_str(), "INIT" | "RUNNING"))
            .count();
        // Newest first.
        let newest = page.activity_set.into_iter().next();
        if let Some(newest) = newest.filter(|a| going == 0 && Some(a.activity_id.as_str()) != seen)
        {
            return Ok(newest);
        }
        if started.elapsed() > limit {
            return Err(format!("{group}: activities still running after {limit:?}").into());
        }
        println!("  waiting: {going} activity(ies) running");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}
