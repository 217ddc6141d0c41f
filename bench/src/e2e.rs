//! `e2e_vs_raw_reqwest` and `e2e_vs_raw_reqwest_64`: DetachInstance through the SDK against
//! the embedded emulator, against a raw reqwest client sending requests signed beforehand.

use crate::{client, Figure};
use qcloud_as::operation::detach_instance::DetachInstanceRequest;
use qcloud_as::{Client, RetryConfig};
use qcloud_as_emulator::{Emulator, State};
use std::time::{Duration, Instant};

/// A state where every DetachInstance of `ins-none` fails the same way after authentication
/// and dispatch (the instance is not in the group), so every call does the same work.
fn e2e_state() -> State {
    State::demo()
}

pub(crate) async fn e2e(quick: bool) -> Result<Vec<Figure>, String> {
    let emulator = Emulator::start(e2e_state()).map_err(|e| e.to_string())?;
    // The system clock, as the raw client's requests were signed with: the emulator's own
    // clock (its `client_config`) takes the emulator's lock on every call.
    let sdk = client(
        emulator
            .client_config()
            .time_source(qcloud_as::TimeSource::system())
            .retry(RetryConfig::disabled())
            .http_method(qcloud_as::HttpMethod::Post),
    )?;
    let raw = crate::raw_http()?.build().map_err(|e| e.to_string())?;
    let url = emulator.api_url();
    let calls = if quick { 200 } else { 2_000 };
    // Requests signed beforehand, each with its own nonce, for the raw client.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let request = DetachInstanceRequest::new("asg-demo0001", ["ins-none"]);
    // The warm-up's 64, one a call, and 64 a wave.
    let needed = 64 + calls + calls / 16 * 64;
    let mut bodies = Vec::with_capacity(needed);
    for n in 0..needed as u64 {
        let params = sdk
            .signed_params(&request, now, 1_000_000 + n)
            .map_err(|e| e.to_string())?;
        bodies.push(
            form_urlencoded::Serializer::new(String::new())
                .extend_pairs(params.iter())
                .finish(),
        );
    }
    let mut bodies = bodies.into_iter();
    // Warm both up (connections, allocator, caches) before anything is timed.
    for _ in 0..64 {
        sdk_call(&sdk).await?;
        if let Some(body) = bodies.next() {
            raw_call(&raw, &url, body).await?;
        }
    }

    let mut figures = Vec::new();
    // One call at a time, the SDK's and the raw client's in turns (which goes first alternates),
    // each timed alone: both meet the same machine, server state and connection pool, call by
    // call. The figure is the ratio of the median times.
    let (mut sdk_times, mut raw_times) = (Vec::with_capacity(calls), Vec::with_capacity(calls));
    for (i, body) in bodies.by_ref().take(calls).enumerate() {
        let (sdk_time, raw_time) = in_turns(i, sdk_call(&sdk), raw_call(&raw, &url, body)).await?;
        sdk_times.push(sdk_time);
        raw_times.push(raw_time);
    }
    figures.push(compare(
        "e2e_vs_raw_reqwest",
        sdk_times,
        raw_times,
        "calls one at a time",
    ));

    // 64 calls in flight: waves of 64 concurrent calls, an SDK wave and a raw wave in turns.
    let waves = calls / 16;
    let (mut sdk_times, mut raw_times) = (Vec::with_capacity(waves), Vec::with_capacity(waves));
    for i in 0..waves {
        let batch: Vec<String> = bodies.by_ref().take(64).collect();
        let (sdk_time, raw_time) =
            in_turns(i, sdk_wave(&sdk, 64), raw_wave(&raw, &url, batch)).await?;
        sdk_times.push(sdk_time);
        raw_times.push(raw_time);
    }
    figures.push(compare(
        "e2e_vs_raw_reqwest_64",
        sdk_times,
        raw_times,
        "waves of 64 calls in flight",
    ));
    emulator.shutdown().await;
    Ok(figures)
}

/// The times of `sdk` and `raw`, run one after the other: the SDK's first in even turns, the
/// raw client's first in odd ones.
pub(crate) async fn in_turns(
    turn: usize,
    sdk: impl std::future::Future<Output = Result<(), String>>,
    raw: impl std::future::Future<Output = Result<(), String>>,
) -> Result<(Duration, Duration), String> {
    if turn.is_multiple_of(2) {
        let sdk = timed(sdk).await?;
        Ok((sdk, timed(raw).await?))
    } else {
        let raw = timed(raw).await?;
        Ok((timed(sdk).await?, raw))
    }
}

/// How long `work` takes.
async fn timed(
    work: impl std::future::Future<Output = Result<(), String>>,
) -> Result<Duration, String> {
    let start = Instant::now();
    work.await?;
    Ok(start.elapsed())
}

/// The figure comparing the median of `sdk` times with the median of `raw` times.
pub(crate) fn compare(
    name: &'static str,
    mut sdk: Vec<Duration>,
    mut raw: Vec<Duration>,
    what: &str,
) -> Figure {
    sdk.sort();
    raw.sort();
    let median = |times: &[Duration]| times.get(times.len() / 2).copied().unwrap_or_default();
    let mean = |times: &[Duration]| {
        times.iter().sum::<Duration>().as_secs_f64() * 1e6 / times.len().max(1) as f64
    };
    let (sdk_median, raw_median) = (median(&sdk), median(&raw));
    Figure {
        name,
        value: sdk_median.as_secs_f64() / raw_median.as_secs_f64(),
        target: Some(1.15),
        detail: format!(
            "{} {what}: median {:.1} µs / {:.1} µs, mean {:.1} / {:.1}",
            sdk.len(),
            sdk_median.as_secs_f64() * 1e6,
            raw_median.as_secs_f64() * 1e6,
            mean(&sdk),
            mean(&raw)
        ),
    }
}

/// One call by hand: the pre-signed body posted, the answer read and parsed.
async fn raw_call(raw: &reqwest::Client, url: &str, body: String) -> Result<(), String> {
    let response = raw
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let bytes = response.bytes().await.map_err(|e| e.to_string())?;
    // The same decoding work the SDK does on the answer.
    serde_json::from_slice::<serde_json::Value>(&bytes)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// One call through the SDK; the business error is the expected answer (the call went end to
/// end).
async fn sdk_call(sdk: &Client) -> Result<(), String> {
    match sdk.detach_instance("asg-demo0001", ["ins-none"]).await {
        Ok(_) | Err(qcloud_as::Error::Service(_)) => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}

/// `bodies.len()` raw calls in flight at once.
async fn raw_wave(raw: &reqwest::Client, url: &str, bodies: Vec<String>) -> Result<(), String> {
    let mut tasks = tokio::task::JoinSet::new();
    for body in bodies {
        let (raw, url) = (raw.clone(), url.to_owned());
        tasks.spawn(async move { raw_call(&raw, &url, body).await });
    }
    while let Some(done) = tasks.join_next().await {
        done.map_err(|e| e.to_string())??;
    }
    Ok(())
}

/// `calls` SDK calls in flight at once.
async fn sdk_wave(sdk: &Client, calls: usize) -> Result<(), String> {
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..calls {
        let sdk = sdk.clone();
        tasks.spawn(async move { sdk_call(&sdk).await });
    }
    while let Some(done) = tasks.join_next().await {
        done.map_err(|e: tokio::task::JoinError| e.to_string())??;
    }
    Ok(())
}
