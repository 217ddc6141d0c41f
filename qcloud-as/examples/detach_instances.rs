//! Detaches instances from a scaling group, handling each way it can fail.
//!
//! ```sh
//! export TENCENTCLOUD_SECRET_ID=… TENCENTCLOUD_SECRET_KEY=… TENCENTCLOUD_REGION=ap-guangzhou
//! cargo run -p qcloud-as --example detach_instances -- asg-… ins-… [ins-…]
//! ```
//!
//! Against the real service this **detaches the instances you name** (they keep running, out of
//! the group, and the group's desired capacity goes down by as many). It first asks to detach an
//! instance that is not in the group, which the service refuses and which changes nothing.
//! Without arguments it uses the emulator's demo state (`asg-demo0001`, `ins-demo0002`), as CI
//! does with `QCLOUD_AS_ENDPOINT` set.

mod common;

use qcloud_as::v3::operation::detach_instances::DetachInstancesError;
use qcloud_as::v3::Client;
use qcloud_as::Error;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let group = args.next().unwrap_or_else(|| "asg-demo0001".to_owned());
    let mut instances: Vec<String> = args.collect();
    if instances.is_empty() {
        instances.push("ins-demo0002".to_owned());
    }
    let client = common::client()?;

    // An instance that is not in the group: refused, nothing changes.
    println!("detaching ins-00000000 from {group}:");
    detach(&client, &group, &["ins-00000000".to_owned()]).await?;

    println!("detaching {} from {group}:", instances.join(", "));
    detach(&client, &group, &instances).await
}

/// Detaches `instances`, printing what happened; returns an error only for what a program could
/// not handle (no connection, a time-out, an answer that is not the service's).
async fn detach(
    client: &Client,
    group: &str,
    instances: &[String],
) -> Result<(), Box<dyn std::error::Error>> {
    match client.detach_instances(group, instances).await {
        Ok(out) => println!(
            "  detached: activity {} (request {})",
            out.activity_id, out.request_id
        ),
        // The action's own errors, one variant per documented code.
        Err(Error::Service(DetachInstancesError::ResourceNotFoundInstancesNotInAutoScalingGroup(e))) => {
            println!("  not in the group: {}", e.message())
        }
        Err(Error::Service(DetachInstancesError::ResourceNotFoundAutoScalingGroupNotFound(e))) => {
            println!("  no such group: {}", e.message())
        }
        Err(Error::Service(
            DetachInstancesError::ResourceInsufficientInServiceInstanceBelowMinSize(e),
        )) => println!(
            "  the group would fall below its minimum size (disable it first, or lower MinSize): {}",
            e.message()
        ),
        Err(Error::Service(DetachInstancesError::ResourceUnavailableAutoScalingGroupInActivity(e))) => {
            println!("  the group is in an activity; try again when it ends: {}", e.message())
        }
        // Any other code the service answers: code, message and request id are always there,
        // and a retried call fails as its last attempt did (`e.attempts()` says how many).
        Err(Error::Service(e)) => println!(
            "  refused: {} {} (request {})",
            e.code(),
            e.message(),
            e.request_id()
        ),
        // Nothing sent (a parameter the spec refuses), no connection, a time-out, a bad answer.
        Err(e) => return Err(e.into()),
    }
    Ok(())
}
