//! Paging through API 3.0 answers with the SDK's paginator (the same `Paginator` as API 2.0),
//! against the emulator: every item once, in order, whatever the page size.

mod common;

use common::v3::start_v3;
use futures_util::StreamExt;
use qcloud_as_emulator::State;

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[tokio::test]
async fn every_launch_configuration_is_paged_through_once() -> TestResult {
    let (_emulator, _, client) = start_v3(State::demo())?;
    let before = client.describe_launch_configurations().await?.total_count;
    // At most 20 per project (the one quota table, emulator README "decisions"): two projects.
    for n in 0..23 {
        client
            .create_launch_configuration(format!("paged-{n:02}"))
            .image_id("img-8toqc6s3")
            .instance_type("S5.MEDIUM2")
            .project_id(n / 12)
            .await?;
    }
    let all = client.describe_launch_configurations().await?;
    assert_eq!(all.total_count, before + 23);

    for page_size in [1, 5, 7, 100] {
        let items = client
            .describe_launch_configurations()
            .paginate()
            .page_size(page_size)
            .collect_items()
            .await?;
        let ids: Vec<&str> = items
            .iter()
            .map(|c| c.launch_configuration_id.as_str())
            .collect();
        assert_eq!(ids.len() as i64, all.total_count, "page size {page_size}");
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "page size {page_size}: {ids:?}");
    }

    // Pages as a stream: each page keeps its answer's RequestId.
    let mut pages = client
        .describe_launch_configurations()
        .paginate()
        .page_size(10)
        .pages();
    let mut seen = 0;
    let mut request_ids = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page?;
        seen += page.launch_configuration_set.len() as i64;
        request_ids.push(page.request_id);
    }
    assert_eq!(seen, all.total_count);
    assert_eq!(request_ids.len() as i64, (all.total_count + 9) / 10);
    request_ids.sort();
    request_ids.dedup();
    assert_eq!(request_ids.len() as i64, (all.total_count + 9) / 10);
    Ok(())
}
