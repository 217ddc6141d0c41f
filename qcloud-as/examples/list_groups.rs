//! Lists every scaling group of the region, a page at a time, and the instances of each.
//!
//! ```sh
//! export TENCENTCLOUD_SECRET_ID=… TENCENTCLOUD_SECRET_KEY=… TENCENTCLOUD_REGION=ap-guangzhou
//! cargo run -p qcloud-as --example list_groups
//! ```
//!
//! Read-only: it changes nothing. `QCLOUD_AS_ENDPOINT` points it at another endpoint (CI runs
//! it against `qcloud-as-emulator`), `QCLOUD_AS_TRACE=1` prints the SDK's spans.

mod common;

use qcloud_as::v3::types::Filter;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = common::client()?;

    // Page by page: the paginator sends `Offset`/`Limit` and stops at `TotalCount`; a failed
    // page is an error, never a page skipped.
    let mut pages = client
        .describe_auto_scaling_groups()
        .paginate()
        .page_size(2);
    let mut groups = Vec::new();
    let mut page_number = 0;
    while let Some(page) = pages.next_page().await {
        let page = page?;
        page_number += 1;
        println!(
            "page {page_number}: {} group(s) of {} (request {})",
            page.auto_scaling_group_set.len(),
            page.total_count,
            page.request_id
        );
        groups.extend(page.auto_scaling_group_set);
    }

    for group in &groups {
        println!(
            "\n{} {:?}: {} instance(s), min {} / desired {} / max {}, {}",
            group.auto_scaling_group_id,
            group.auto_scaling_group_name,
            group.instance_count,
            group.min_size,
            group.desired_capacity,
            group.max_size,
            group.enabled_status
        );
        // Every item of every page in one call.
        let instances = client
            .describe_auto_scaling_instances()
            .filters([Filter::new(
                "auto-scaling-group-id",
                [group.auto_scaling_group_id.as_str()],
            )])
            .paginate()
            .collect_items()
            .await?;
        for instance in instances {
            println!(
                "  {}  {}  {}  {}",
                instance.instance_id,
                instance.life_cycle_state,
                instance.health_status,
                instance.creation_type
            );
        }
    }
    println!("\n{} group(s) in {page_number} page(s)", groups.len());
    Ok(())
}
