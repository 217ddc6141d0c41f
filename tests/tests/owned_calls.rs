//! Calls own a clone of their client: a call's future is `'static + Send`, so it can be spawned
//! on a multi-threaded runtime after the client is dropped (both API versions); and a
//! paginator made from a call sends every page with the call's `customize()` settings. Against
//! a canned server on 127.0.0.1.

use qcloud_as::{Config, Credentials, Error, RetryConfig};
use qcloud_as_tests::{Canned, CannedServer};
use std::future::IntoFuture;
use std::time::Duration;

const THROTTLED_V2: &str =
    r#"{"code":4400,"codeDesc":"RequestLimitExceeded","message":"slow down"}"#;
const NO_GROUPS_V2: &str = r#"{"code":0,"data":{"totalCount":0,"scalingGroupSet":[]}}"#;
const NO_GROUPS_V3: &str =
    r#"{"Response":{"AutoScalingGroupSet":[],"TotalCount":0,"RequestId":"req-groups"}}"#;

async fn server(answers: Vec<Canned>) -> CannedServer {
    match CannedServer::start(answers).await {
        Ok(server) => server,
        Err(e) => panic!("cannot start the canned server: {e}"),
    }
}

/// Up to 3 attempts, waits of at most 2 ms.
fn fast_retries() -> RetryConfig {
    RetryConfig::standard()
        .max_attempts(3)
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(2))
}

fn config(server: &CannedServer, region: &str) -> Config {
    let built = Config::builder()
        .region(region)
        .endpoint(server.endpoint())
        .credentials(Credentials::new("AKIDowned", "owned-calls-key"))
        .retry(fast_retries())
        .timeout(Duration::from_secs(10))
        .build();
    match built {
        Ok(config) => config,
        Err(e) => panic!("config: {e}"),
    }
}

fn v2_client(server: &CannedServer) -> qcloud_as::Client {
    match qcloud_as::Client::new(config(server, "gz")) {
        Ok(client) => client,
        Err(e) => panic!("{e}"),
    }
}

fn v3_client(server: &CannedServer) -> qcloud_as::v3::Client {
    match qcloud_as::v3::Client::new(config(server, "ap-guangzhou")) {
        Ok(client) => client,
        Err(e) => panic!("{e}"),
    }
}

/// Compiles only for a future that can be handed to `tokio::spawn`.
fn spawnable<F: std::future::Future + Send + 'static>(future: F) -> F {
    future
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_of_both_versions_are_spawned_after_their_client_is_dropped() {
    let server2 = server(vec![Canned::json(NO_GROUPS_V2), Canned::json(NO_GROUPS_V2)]).await;
    let server3 = server(vec![Canned::json(NO_GROUPS_V3), Canned::json(NO_GROUPS_V3)]).await;
    let (v2, v3) = (v2_client(&server2), v3_client(&server3));

    let sent2 = tokio::spawn(spawnable(v2.describe_scaling_group().send()));
    let awaited2 = tokio::spawn(v2.describe_scaling_group().limit(5).into_future());
    let sent3 = tokio::spawn(spawnable(v3.describe_auto_scaling_groups().limit(5).send()));
    let awaited3 = tokio::spawn(v3.describe_auto_scaling_groups().into_future());
    // The calls hold clones: the clients can go.
    drop((v2, v3));

    for task in [sent2, awaited2] {
        match task.await {
            Ok(Ok(output)) => assert_eq!(output.total_count, 0),
            other => panic!("{other:?}"),
        }
    }
    for task in [sent3, awaited3] {
        match task.await {
            Ok(Ok(output)) => assert_eq!(output.request_id, "req-groups"),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(server2.received().len(), 2);
    assert_eq!(server3.received().len(), 2);
}

fn instance(id: &str) -> String {
    format!(
        r#"{{"instanceId":"{id}","healthStatus":"Healthy","creationType":"Auto","lifeCycleState":"InService","addTime":"2026-01-01 00:00:00"}}"#
    )
}

fn page_v2(total: usize, ids: &[&str]) -> Canned {
    let items: Vec<String> = ids.iter().map(|id| instance(id)).collect();
    Canned::json(&format!(
        r#"{{"code":0,"data":{{"totalCount":{total},"scalingInstancesSet":[{}]}}}}"#,
        items.join(",")
    ))
}

#[tokio::test]
async fn paginate_sends_every_page_with_the_calls_settings() {
    // The client retries throttling; the call says one attempt. The second page is throttled:
    // with the call's settings it fails at once; with the client's it would be retried.
    let answers = || {
        vec![
            page_v2(4, &["ins-1", "ins-2"]),
            Canned::json(THROTTLED_V2),
            page_v2(4, &["ins-3", "ins-4"]),
        ]
    };
    let once = server(answers()).await;
    let mut pages = v2_client(&once)
        .describe_scaling_instance("asg-1")
        .customize(|c| c.max_attempts(1))
        .paginate();
    match pages.next_page().await {
        Some(Ok(page)) => assert_eq!(page.scaling_instances_set.len(), 2),
        other => panic!("{other:?}"),
    }
    match pages.next_page().await {
        Some(Err(error @ Error::Service(_))) => {
            assert_eq!(error.attempts(), 1, "{error}");
            assert_eq!(error.code().as_deref(), Some("RequestLimitExceeded"));
        }
        other => panic!("the second page was not sent once: {other:?}"),
    }
    assert!(pages.next_page().await.is_none());
    assert_eq!(once.received().len(), 2);

    // Without `customize`, the same answers page through: the throttled page is retried.
    let retried = server(answers()).await;
    let all = v2_client(&retried)
        .describe_scaling_instance("asg-1")
        .paginate()
        .collect_items()
        .await;
    match all {
        Ok(items) => assert_eq!(items.len(), 4),
        Err(e) => panic!("{e}"),
    }
    assert_eq!(retried.received().len(), 3);
}
