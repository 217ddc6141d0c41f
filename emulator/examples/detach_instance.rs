//! Detaching instances from a scaling group, against the emulator's demo account.
//!
//! Run with `cargo run -p qcloud-as-emulator --example detach_instance`. No credentials or
//! network are needed: the emulator runs in-process on 127.0.0.1.

use qcloud_as::v2::operation::detach_instance::KeepInstance;
use qcloud_as_emulator::{Emulator, State};

const GROUP: &str = "asg-demo0001";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let emulator = Emulator::start(State::demo())?;
    println!("emulator listening on {}", emulator.endpoint());
    let client = qcloud_as::v2::Client::new(emulator.client_config().build()?)?;

    list_instances(&client).await?;

    // An Auto instance, kept: it leaves the group but keeps running.
    client
        .detach_instance(GROUP, ["ins-demo0001"])
        .keep_instance(KeepInstance::Keep)
        .send()
        .await?;
    println!("\ndetached ins-demo0001 with keepInstance=1 (kept running outside the group)");

    // An Auto instance, with the default keepInstance (0): it is released.
    client
        .detach_instance(GROUP, ["ins-demo0002"])
        .send()
        .await?;
    println!("detached ins-demo0002 with the default keepInstance=0 (released)");

    // The group's minSize is 1 and two instances are left: detaching both must fail.
    match client
        .detach_instance(GROUP, ["ins-demo0003", "ins-demo0004"])
        .send()
        .await
    {
        Ok(_) => println!("unexpected: detaching below minSize succeeded"),
        Err(e) => println!("detaching ins-demo0003 and ins-demo0004 failed as expected:\n  {e}"),
    }

    println!();
    list_instances(&client).await?;

    let state = emulator.state();
    let fate = |id: &str| match state.instance(id) {
        Some(instance) => format!("exists, {}", instance.state),
        None => "released".to_owned(),
    };
    println!("\nin the account now:");
    for id in ["ins-demo0001", "ins-demo0002"] {
        println!("  {id}: {}", fate(id));
    }
    println!(
        "scaling activities recorded: {}",
        state.scaling_activities.len()
    );
    for activity in &state.scaling_activities {
        println!(
            "  {} {:?} {:?}: {:?} ({})",
            activity.id,
            activity.kind,
            activity.status,
            activity
                .instances
                .iter()
                .map(|i| i.instance_id.as_str())
                .collect::<Vec<_>>(),
            activity.cause
        );
    }

    emulator.shutdown().await;
    Ok(())
}

async fn list_instances(client: &qcloud_as::v2::Client) -> Result<(), Box<dyn std::error::Error>> {
    let out = client.describe_scaling_instance(GROUP).send().await?;
    println!("{GROUP} has {} instance(s):", out.total_count);
    for instance in &out.scaling_instances_set {
        // The enums' `Display` writes the wire value but ignores width: pad their `as_str()`.
        println!(
            "  {}  {:<6}  {}  {}",
            instance.instance_id,
            instance.creation_type.as_str(),
            instance.health_status,
            instance.life_cycle_state
        );
    }
    Ok(())
}
