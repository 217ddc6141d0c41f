//! Retries and time-outs: the client's settings, one call's own settings, and what a call that
//! runs out of time gives back.
//!
//! ```sh
//! export TENCENTCLOUD_SECRET_ID=… TENCENTCLOUD_SECRET_KEY=… TENCENTCLOUD_REGION=ap-guangzhou
//! QCLOUD_AS_TRACE=1 cargo run -p qcloud-as --example retries_and_timeouts
//! ```
//!
//! Read-only. The first part calls the service (`QCLOUD_AS_ENDPOINT` points it elsewhere, as CI
//! does with `qcloud-as-emulator`); the second calls a server this example runs on 127.0.0.1 that
//! accepts connections and never answers, to show attempt time-outs and the retries after them.
//! `QCLOUD_AS_TRACE=1` prints a span per call and per attempt.

mod common;

use std::time::{Duration, Instant};

use qcloud_as::retry::RetryConfig;
use qcloud_as::{Credentials, Error, TransportErrorKind};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    common::init_tracing();

    // The client's settings: these are the defaults, written out.
    let config = common::config()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(30)) // one attempt, the whole answer included
        .operation_timeout(Duration::from_secs(120)) // the call: attempts and waits
        .retry(
            RetryConfig::standard()
                .max_attempts(3)
                .initial_backoff(Duration::from_millis(100))
                .max_backoff(Duration::from_secs(20)),
        )
        .build()?;
    let client = qcloud_as::v3::Client::new(config)?;

    // One call with its own settings: a single attempt, 10 s at most.
    let groups = client
        .describe_auto_scaling_groups()
        .limit(10)
        .customize(|c| c.max_attempts(1).operation_timeout(Duration::from_secs(10)))
        .await?;
    println!(
        "{} scaling group(s) (request {})",
        groups.total_count, groups.request_id
    );

    // A server that never answers: every attempt times out after 300 ms. DescribeAutoScalingGroups
    // only reads, so a time-out is retried (an action that changes something is not retried
    // after its request may have arrived); after the third attempt the call gives up.
    let silent = std::net::TcpListener::bind("127.0.0.1:0")?;
    let url = format!("http://{}", silent.local_addr()?);
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for connection in silent.incoming().flatten() {
            held.push(connection); // kept open, never answered
        }
    });
    let impatient = qcloud_as::v3::Client::new(
        common::config()
            .endpoint(url.as_str())
            .credentials(Credentials::new("AKIDEXAMPLE", "example-secret-key"))
            .timeout(Duration::from_millis(300))
            .operation_timeout(Duration::from_secs(10))
            .retry(RetryConfig::standard().initial_backoff(Duration::from_millis(50)))
            .build()?,
    )?;
    let started = Instant::now();
    match impatient.describe_auto_scaling_groups().await {
        Err(e) => {
            // A retried call fails as its last attempt did.
            let timed_out = matches!(
                &e,
                Error::Transport(t) if t.kind() == TransportErrorKind::Timeout
            );
            println!(
                "{url}: gave up after {} attempt(s) in {:.1?}: {e} (a time-out: {timed_out})",
                e.attempts(),
                started.elapsed()
            );
        }
        Ok(_) => return Err(format!("{url} answered, which it never does").into()),
    }
    Ok(())
}
