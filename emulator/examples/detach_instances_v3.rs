//! The same account through API 3.0: detaching an instance with `DetachInstances`, the MinSize
//! rule and its exception for disabled groups, and the answer seen through API 2.0 as well.
//!
//! Run with `cargo run -p qcloud-as-emulator --example detach_instances_v3`. No credentials or
//! network are needed: the emulator runs in-process on 127.0.0.1, and its API 3.0 endpoint
//! checks the client's TC3-HMAC-SHA256 signatures as the real service does.

use qcloud_as::v3::operation::detach_instances::DetachInstancesError;
use qcloud_as::v3::types::Filter;
use qcloud_as::Error;
use qcloud_as_emulator::{Emulator, State};

const GROUP: &str = "asg-demo0001";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let emulator = Emulator::start(State::demo())?;
    println!(
        "emulator listening on {} (API 3.0 at /)",
        emulator.endpoint()
    );
    let client = emulator.v3_client()?;

    list_instances(&client).await?;

    let out = client.detach_instances(GROUP, ["ins-demo0001"]).await?;
    println!(
        "\ndetached ins-demo0001: activity {} (request {})",
        out.activity_id, out.request_id
    );

    // The group's MinSize is 1: detaching every other instance would go below it.
    match client
        .detach_instances(GROUP, ["ins-demo0002", "ins-demo0003", "ins-demo0004"])
        .await
    {
        Err(Error::Service(
            DetachInstancesError::ResourceInsufficientInServiceInstanceBelowMinSize(e),
        )) => println!("detaching the rest failed as documented:\n  {e}"),
        other => println!("unexpected: {other:?}"),
    }

    // A disabled group skips the MinSize check.
    client.disable_auto_scaling_group(GROUP).await?;
    client
        .detach_instances(GROUP, ["ins-demo0002", "ins-demo0003"])
        .await?;
    println!("with the group disabled, ins-demo0002 and ins-demo0003 were detached");

    println!();
    list_instances(&client).await?;

    // One account: API 2.0 sees the same group.
    let v2 = emulator.client()?;
    let seen = v2.describe_scaling_instance(GROUP).await?;
    println!(
        "\nthrough API 2.0, {GROUP} has {} instance(s) as well",
        seen.total_count
    );
    emulator.shutdown().await;
    Ok(())
}

async fn list_instances(client: &qcloud_as::v3::Client) -> Result<(), Box<dyn std::error::Error>> {
    let out = client
        .describe_auto_scaling_instances()
        .filters([Filter::new("auto-scaling-group-id", [GROUP])])
        .await?;
    println!("{GROUP} has {} instance(s):", out.total_count);
    for instance in &out.auto_scaling_instance_set {
        println!(
            "  {}  {:<16}  {}  {}",
            instance.instance_id,
            instance.creation_type,
            instance.health_status,
            instance.life_cycle_state
        );
    }
    Ok(())
}
