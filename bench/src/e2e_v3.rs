//! `e2e_v3_vs_raw_reqwest` and `e2e_v3_vs_raw_reqwest_64`: DetachInstances through the API 3.0
//! client against the embedded emulator's API 3.0 endpoint, against a raw reqwest client
//! sending requests TC3-signed beforehand to the same server; measured as the API 2.0 figures
//! are ([`crate::e2e`]): one call at a time, the two clients in turns, and waves of 64 calls in
//! flight.

use crate::e2e::{compare, in_turns};
use crate::Figure;
use qcloud_as::v3::operation::detach_instances::DetachInstancesRequest;
use qcloud_as::v3::Client;
use qcloud_as::{RetryConfig, TimeSource};
use qcloud_as_emulator::{Emulator, State};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use std::time::UNIX_EPOCH;

/// The group of the demo state, and a well-formed instance id that is not in it: every call
/// passes the signature check, the wire checks and the domain's look-up, and is refused the same
/// way (`ResourceNotFound.InstancesNotInAutoScalingGroup`), so every call does the same work
/// and changes nothing.
const GROUP: &str = "asg-demo0001";
const INSTANCE: &str = "ins-zzzz9999";

/// A request ready to send: its headers (the `Authorization` among them) and its body.
type Presigned = (HeaderMap, Vec<u8>);

pub(crate) async fn e2e_v3(quick: bool) -> Result<Vec<Figure>, String> {
    let emulator = Emulator::start(State::demo()).map_err(|e| e.to_string())?;
    // The embedded emulator's clock is frozen at the real time it started, so the system clock
    // stays within its 5 minutes of skew for the run; its own clock (`v3_client_config`)
    // would take the emulator's lock on every call.
    let sdk = Client::new(
        emulator
            .v3_client_config()
            .time_source(TimeSource::system())
            .retry(RetryConfig::disabled())
            .build()
            .map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let raw = crate::raw_http()?.build().map_err(|e| e.to_string())?;
    let url = emulator.v3_url();
    let calls = if quick { 200 } else { 2_000 };
    // The warm-up's 64, one a call, and 64 a wave: each signed beforehand, at the emulator's
    // frozen time.
    let needed = 64 + calls + calls / 16 * 64;
    let now = emulator
        .now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let request = DetachInstancesRequest::new(GROUP, [INSTANCE]);
    let mut presigned = Vec::with_capacity(needed);
    for _ in 0..needed {
        presigned.push(presign(&sdk, &request, now)?);
    }
    let mut presigned = presigned.into_iter();

    // Warm both up, and check that both get the same answer: the raw requests pass the
    // signature check, and the SDK's calls end with the business error, not before it.
    let mut expected = None;
    for _ in 0..64 {
        let code = sdk_code(&sdk).await?;
        if let Some(request) = presigned.next() {
            let raw_code = code_of(&raw_call(&raw, &url, request).await?);
            if raw_code != code {
                return Err(format!(
                    "DetachInstances answered the SDK with {code:?} and the raw client with \
                     {raw_code:?}: they are not measuring the same call"
                ));
            }
        }
        if *expected.get_or_insert_with(|| code.clone()) != code {
            return Err(format!(
                "DetachInstances answered {code:?} after {expected:?}: the calls differ"
            ));
        }
    }
    if expected.as_deref() != Some("ResourceNotFound.InstancesNotInAutoScalingGroup") {
        return Err(format!(
            "DetachInstances of {INSTANCE} answered {expected:?}, not \
             ResourceNotFound.InstancesNotInAutoScalingGroup"
        ));
    }

    let mut figures = Vec::new();
    // One call at a time, in turns (which goes first alternates); the ratio of the medians.
    let (mut sdk_times, mut raw_times) = (Vec::with_capacity(calls), Vec::with_capacity(calls));
    for (i, request) in presigned.by_ref().take(calls).enumerate() {
        let (sdk_time, raw_time) = in_turns(i, sdk_call(&sdk), async {
            raw_call(&raw, &url, request).await.map(drop)
        })
        .await?;
        sdk_times.push(sdk_time);
        raw_times.push(raw_time);
    }
    figures.push(compare(
        "e2e_v3_vs_raw_reqwest",
        sdk_times,
        raw_times,
        "calls one at a time",
    ));

    // 64 calls in flight: an SDK wave and a raw wave in turns.
    let waves = calls / 16;
    let (mut sdk_times, mut raw_times) = (Vec::with_capacity(waves), Vec::with_capacity(waves));
    for i in 0..waves {
        let batch: Vec<Presigned> = presigned.by_ref().take(64).collect();
        let (sdk_time, raw_time) =
            in_turns(i, sdk_wave(&sdk, 64), raw_wave(&raw, &url, batch)).await?;
        sdk_times.push(sdk_time);
        raw_times.push(raw_time);
    }
    figures.push(compare(
        "e2e_v3_vs_raw_reqwest_64",
        sdk_times,
        raw_times,
        "waves of 64 calls in flight",
    ));
    emulator.shutdown().await;
    Ok(figures)
}

/// `request` signed by the SDK's signing code at `timestamp`, as headers and body for reqwest
/// (which sets `Host` from the URL, the authority that was signed).
fn presign(
    sdk: &Client,
    request: &DetachInstancesRequest,
    timestamp: u64,
) -> Result<Presigned, String> {
    let signed = sdk
        .signed_request(request, timestamp)
        .map_err(|e| e.to_string())?;
    let mut headers = HeaderMap::with_capacity(signed.headers.len());
    for (name, value) in signed.headers {
        if name == "Host" {
            continue;
        }
        let value = HeaderValue::from_str(&value).map_err(|e| format!("{name}: {e}"))?;
        let name = HeaderName::from_bytes(name.to_ascii_lowercase().as_bytes())
            .map_err(|e| format!("{name}: {e}"))?;
        headers.insert(name, value);
    }
    Ok((headers, signed.body))
}

/// One call by hand: the pre-signed request posted, the answer read and parsed.
async fn raw_call(
    raw: &reqwest::Client,
    url: &str,
    request: Presigned,
) -> Result<serde_json::Value, String> {
    let (headers, body) = request;
    let response = raw
        .post(url)
        .headers(headers)
        .body(body)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let bytes = response.bytes().await.map_err(|e| e.to_string())?;
    // The same decoding work the SDK does on the answer (into a document here).
    serde_json::from_slice(&bytes).map_err(|e| e.to_string())
}

/// The error code of an answer (empty for a success).
fn code_of(answer: &serde_json::Value) -> String {
    answer
        .pointer("/Response/Error/Code")
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// One call through the SDK; its error code (empty for a success).
async fn sdk_code(sdk: &Client) -> Result<String, String> {
    match sdk.detach_instances(GROUP, [INSTANCE]).await {
        Ok(_) => Ok(String::new()),
        Err(qcloud_as::Error::Service(e)) => Ok(e.meta().code().to_owned()),
        Err(e) => Err(e.to_string()),
    }
}

/// One call through the SDK; the business error is the expected answer (the call went end to
/// end).
async fn sdk_call(sdk: &Client) -> Result<(), String> {
    match sdk.detach_instances(GROUP, [INSTANCE]).await {
        Ok(_) | Err(qcloud_as::Error::Service(_)) => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}

/// `requests.len()` raw calls in flight at once.
async fn raw_wave(
    raw: &reqwest::Client,
    url: &str,
    requests: Vec<Presigned>,
) -> Result<(), String> {
    let mut tasks = tokio::task::JoinSet::new();
    for request in requests {
        let (raw, url) = (raw.clone(), url.to_owned());
        tasks.spawn(async move { raw_call(&raw, &url, request).await.map(drop) });
    }
    while let Some(done) = tasks.join_next().await {
        done.map_err(|e| e.to_string())??;
    }
    Ok(())
}

/// `calls` SDK calls in flight at once (each holds a clone of the client, as a spawned call
/// must).
async fn sdk_wave(sdk: &Client, calls: usize) -> Result<(), String> {
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..calls {
        let sdk = sdk.clone();
        tasks.spawn(async move { sdk_call(&sdk).await });
    }
    while let Some(done) = tasks.join_next().await {
        done.map_err(|e| e.to_string())??;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn both_clients_get_the_same_answer_and_the_figures_come_out() {
        // `e2e_v3` refuses to measure unless the raw client's pre-signed requests and the
        // SDK's calls get the same error code, the expected one.
        let figures = super::e2e_v3(true).await.unwrap();
        let names: Vec<&str> = figures.iter().map(|f| f.name).collect();
        assert_eq!(names, ["e2e_v3_vs_raw_reqwest", "e2e_v3_vs_raw_reqwest_64"]);
        assert!(figures.iter().all(|f| f.value.is_finite() && f.value > 0.0));
    }
}
