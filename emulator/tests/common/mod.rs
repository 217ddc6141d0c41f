//! Helpers shared by the integration tests.

#![allow(dead_code)]

pub mod process;
pub mod refresh;
pub mod v3;

use qcloud_as::HttpMethod;
use qcloud_as_emulator::{Emulator, State};
use std::time::{SystemTime, UNIX_EPOCH};

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A reqwest client for raw requests to the emulator, with the SDK's TLS: the workspace builds
/// reqwest without a crypto provider of its own, so `reqwest::Client::new()` would panic.
pub fn http() -> reqwest::Client {
    match qcloud_as::tls::http_client_builder(&[]).map(|builder| builder.build()) {
        Ok(Ok(client)) => client,
        Ok(Err(e)) => panic!("the raw HTTP client: {e}"),
        Err(e) => panic!("the raw HTTP client's TLS: {e}"),
    }
}

/// The emulator on the demo state and a client for it.
pub fn demo() -> Result<(Emulator, qcloud_as::Client), Box<dyn std::error::Error>> {
    start(State::demo())
}

/// The emulator on `state` and a client for it.
pub fn start(state: State) -> Result<(Emulator, qcloud_as::Client), Box<dyn std::error::Error>> {
    let emulator = Emulator::start(state)?;
    let client = qcloud_as::Client::new(emulator.client_config().build()?)?;
    Ok((emulator, client))
}

/// A state from YAML, for tests.
pub fn state(yaml: &str) -> Result<State, Box<dyn std::error::Error>> {
    Ok(State::from_yaml_str(yaml, "test")?)
}

/// The instance ids of a group, in order.
pub fn members(state: &State, group: &str) -> Vec<String> {
    state
        .group(group)
        .map(|g| g.instances.iter().map(|m| m.instance_id.clone()).collect())
        .unwrap_or_default()
}

/// `GET /_emulator/state`, as JSON.
pub async fn http_state(
    emulator: &Emulator,
) -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    let url = format!("{}/_emulator/state", emulator.endpoint());
    let response = crate::common::http().get(url).send().await?;
    assert_eq!(response.status(), 200);
    Ok(serde_json::from_slice(&response.bytes().await?)?)
}

/// The instance ids of a group in the JSON state.
pub fn http_members(state: &serde_json::Value, group: &str) -> Vec<String> {
    state["scalingGroups"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|g| g["scalingGroupId"] == group)
        .flat_map(|g| g["instances"].as_array().cloned().unwrap_or_default())
        .filter_map(|m| m["instanceId"].as_str().map(str::to_owned))
        .collect()
}

/// The instance ids of the account in the JSON state, with their `state`.
pub fn http_instances(state: &serde_json::Value) -> Vec<(String, String)> {
    state["instances"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|i| {
            (
                i["instanceId"].as_str().unwrap_or_default().to_owned(),
                i["state"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A nonce that differs between calls within a test run.
pub fn fresh_nonce() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let base = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
        >> 1;
    (base ^ NEXT.fetch_add(7919, Ordering::Relaxed)) & (i64::MAX as u64) | 1
}

/// Sends already signed `pairs` by hand and returns the HTTP status and the parsed JSON body.
pub async fn send_raw(
    emulator: &Emulator,
    method: HttpMethod,
    pairs: &[(String, String)],
) -> Result<(u16, serde_json::Value), Box<dyn std::error::Error>> {
    let encoded = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter())
        .finish();
    let http = crate::common::http();
    let response = match method {
        HttpMethod::Get => {
            http.get(format!("{}?{encoded}", emulator.api_url()))
                .send()
                .await?
        }
        _ => {
            http.post(emulator.api_url())
                .header("content-type", "application/x-www-form-urlencoded")
                .body(encoded)
                .send()
                .await?
        }
    };
    let status = response.status().as_u16();
    let body = response.bytes().await?;
    Ok((status, serde_json::from_slice(&body)?))
}
