//! Paginators against a canned server: pages follow `totalCount`, honour a page size, stop on an
//! empty page or a shrinking total, and hand over a failed page as an error without skipping.

use futures_util::StreamExt;
use qcloud_as::operation::describe_scaling_instance::DescribeScalingInstanceError;
use qcloud_as::{Client, CommonError, Config, Credentials, Error};
use qcloud_as_tests::{Canned, CannedServer};

fn instance(id: &str) -> String {
    format!(
        r#"{{"instanceId":"{id}","healthStatus":"Healthy","creationType":"Auto","lifeCycleState":"InService","addTime":"2026-01-01 00:00:00"}}"#
    )
}

/// A page of DescribeScalingInstance holding `ids`, with `total`.
fn page(total: usize, ids: &[&str]) -> Canned {
    let items: Vec<String> = ids.iter().map(|id| instance(id)).collect();
    Canned::json(&format!(
        r#"{{"code":0,"data":{{"totalCount":{total},"scalingInstancesSet":[{}]}}}}"#,
        items.join(",")
    ))
}

async fn server(answers: Vec<Canned>) -> CannedServer {
    match CannedServer::start(answers).await {
        Ok(server) => server,
        Err(e) => panic!("cannot start the canned server: {e}"),
    }
}

fn client(server: &CannedServer) -> Client {
    // Paging is tested here, not retries: each page is asked for once.
    let config = Config::builder()
        .region("gz")
        .retry(qcloud_as::RetryConfig::disabled())
        .endpoint(server.endpoint())
        .credentials(Credentials::new("AKIDpaging", "paging-key"))
        .build();
    match config.map(Client::new) {
        Ok(Ok(client)) => client,
        other => panic!("{other:?}"),
    }
}

/// The `offset` and `limit` of every request the server received.
fn offsets_and_limits(server: &CannedServer) -> Vec<(Option<String>, Option<String>)> {
    server
        .received()
        .iter()
        .map(|r| {
            let params = r.params();
            let get = |name: &str| {
                params
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.clone())
            };
            (get("offset"), get("limit"))
        })
        .collect()
}

fn some(values: &[(&str, Option<&str>)]) -> Vec<(Option<String>, Option<String>)> {
    values
        .iter()
        .map(|(o, l)| (Some((*o).to_owned()), l.map(str::to_owned)))
        .collect()
}

#[tokio::test]
async fn three_pages_without_a_page_size_follow_the_total() {
    let server = server(vec![
        page(5, &["ins-1", "ins-2"]),
        page(5, &["ins-3", "ins-4"]),
        page(5, &["ins-5"]),
    ])
    .await;
    let items = client(&server)
        .describe_scaling_instance("asg-1")
        .paginate()
        .collect_items()
        .await;
    let ids: Vec<String> = match items {
        Ok(items) => items.into_iter().map(|i| i.instance_id).collect(),
        Err(e) => panic!("{e}"),
    };
    assert_eq!(ids, ["ins-1", "ins-2", "ins-3", "ins-4", "ins-5"]);
    assert_eq!(
        offsets_and_limits(&server),
        some(&[("0", None), ("2", None), ("4", None)])
    );
}

#[tokio::test]
async fn a_page_size_is_sent_with_every_page() {
    let server = server(vec![
        page(5, &["ins-1", "ins-2"]),
        page(5, &["ins-3", "ins-4"]),
        page(5, &["ins-5"]),
    ])
    .await;
    let mut pages = client(&server)
        .describe_scaling_instance("asg-1")
        .paginate()
        .page_size(2)
        .pages();
    let mut sizes = Vec::new();
    while let Some(page) = pages.next().await {
        match page {
            Ok(output) => sizes.push(output.scaling_instances_set.len()),
            Err(e) => panic!("{e}"),
        }
    }
    assert_eq!(sizes, [2, 2, 1]);
    assert_eq!(
        offsets_and_limits(&server),
        some(&[("0", Some("2")), ("2", Some("2")), ("4", Some("2"))])
    );
}

#[tokio::test]
async fn paging_starts_at_the_offset_set_on_the_request() {
    let server = server(vec![page(5, &["ins-4", "ins-5"])]).await;
    let items = client(&server)
        .describe_scaling_instance("asg-1")
        .offset(3)
        .paginate()
        .collect_items()
        .await
        .map(|items| items.len());
    assert_eq!(items.ok(), Some(2));
    assert_eq!(offsets_and_limits(&server), some(&[("3", None)]));
}

#[tokio::test]
async fn a_failed_page_is_handed_over_and_ends_paging() {
    let server = server(vec![
        page(6, &["ins-1", "ins-2"]),
        Canned::json(r#"{"code":4400,"codeDesc":"RequestLimitExceeded","message":"slow down"}"#),
        page(6, &["ins-5", "ins-6"]),
    ])
    .await;
    let items: Vec<_> = client(&server)
        .describe_scaling_instance("asg-1")
        .paginate()
        .items()
        .collect()
        .await;
    assert_eq!(items.len(), 3, "two items, then the error: {items:?}");
    assert_eq!(
        items[0].as_ref().ok().map(|i| i.instance_id.as_str()),
        Some("ins-1")
    );
    assert!(
        matches!(
            items[2],
            Err(Error::Service(DescribeScalingInstanceError::Common(
                CommonError::RequestLimitExceeded(_)
            )))
        ),
        "{:?}",
        items[2]
    );
    // Nothing after the failed page was asked for, so nothing was skipped silently.
    assert_eq!(server.received().len(), 2);

    // collect_items gives the error too.
    let server2 = self::server(vec![
        page(6, &["ins-1", "ins-2"]),
        Canned::json(r#"{"code":6000,"message":"boom"}"#),
    ])
    .await;
    let all = client(&server2)
        .describe_scaling_instance("asg-1")
        .paginate()
        .collect_items()
        .await;
    assert!(all.is_err(), "{all:?}");
}

#[tokio::test]
async fn a_total_that_shrinks_between_pages_ends_paging() {
    let server = server(vec![
        page(6, &["ins-1", "ins-2"]),
        page(3, &["ins-3", "ins-4"]),
        page(3, &["never"]),
    ])
    .await;
    let items = client(&server)
        .describe_scaling_instance("asg-1")
        .paginate()
        .collect_items()
        .await
        .map(|items| items.len());
    assert_eq!(items.ok(), Some(4));
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn an_empty_page_ends_paging() {
    let server = server(vec![
        page(10, &["ins-1", "ins-2"]),
        page(10, &[]),
        page(10, &["never"]),
    ])
    .await;
    let pages: Vec<_> = client(&server)
        .describe_scaling_instance("asg-1")
        .paginate()
        .pages()
        .collect()
        .await;
    assert_eq!(pages.len(), 2);
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn a_short_page_in_the_middle_does_not_end_paging_while_the_total_says_more() {
    // A service that caps the page size below the one asked for.
    let server = server(vec![
        page(4, &["ins-1"]),
        page(4, &["ins-2"]),
        page(4, &["ins-3", "ins-4"]),
    ])
    .await;
    let items = client(&server)
        .describe_scaling_instance("asg-1")
        .paginate()
        .page_size(2)
        .collect_items()
        .await
        .map(|items| items.len());
    assert_eq!(items.ok(), Some(4));
    assert_eq!(
        offsets_and_limits(&server),
        some(&[("0", Some("2")), ("1", Some("2")), ("2", Some("2"))])
    );
}
