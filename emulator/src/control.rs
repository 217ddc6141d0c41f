//! The simulation's controls, shared by the library ([`Emulator`](crate::Emulator)) and HTTP
//! (`/_emulator/clock`, `/_emulator/clock/advance`, `/_emulator/metrics`,
//! `/_emulator/activity-failures`; not authenticated, like the other `/_emulator/` endpoints).
//!
//! | path | method | body | what |
//! |---|---|---|---|
//! | `/_emulator/clock` | GET | | the clock: `{"mode", "time", "unix", "unixMs"}` |
//! | `/_emulator/clock` | PUT | `{"mode": "frozen" \| "wall" \| "wall:60", "time": "YYYY-MM-DD hh:mm:ss" \| "unix": N}` (each optional) | set how it moves and/or what it reads |
//! | `/_emulator/clock/advance` | POST | `{"seconds": N}` | move it forward, running what falls due |
//! | `/_emulator/metrics` | POST | `{"scalingGroupId", "dimensionName", "value"}` | report a metric value |
//! | `/_emulator/activity-failures` | POST | `{"scalingGroupId", "failure": "soldOut" \| "quota" \| "balance", "launched": N}` | plan a failure of the group's next scale-out |
//!
//! Each answers the clock (or `{}`) as JSON, or 400 with a plain-text message.

use crate::clock::ClockMode;
use crate::server::{answer, Answer, Server};
use crate::state::{MetricReading, PlannedFailure};
use crate::util::{format_time, parse_time};
use crate::world::{Shared, World};
use hyper::body::Incoming;
use hyper::{Method, Request, StatusCode};
use serde::Deserialize;
use std::time::Duration;

/// The clock: GET reads it, PUT sets it.
pub(crate) const CLOCK_PATH: &str = "/_emulator/clock";
/// POST moves the clock forward.
pub(crate) const ADVANCE_PATH: &str = "/_emulator/clock/advance";
/// POST reports a metric value.
pub(crate) const METRICS_PATH: &str = "/_emulator/metrics";
/// POST plans an activity failure.
pub(crate) const FAILURES_PATH: &str = "/_emulator/activity-failures";

/// Whether `path` is one of the simulation's endpoints.
pub(crate) fn handles(path: &str) -> bool {
    matches!(
        path,
        CLOCK_PATH | ADVANCE_PATH | METRICS_PATH | FAILURES_PATH
    )
}

fn bad_request(message: impl Into<String>) -> Answer {
    answer(
        StatusCode::BAD_REQUEST,
        "text/plain; charset=utf-8",
        format!("{}\n", message.into()),
    )
}

fn json(value: &serde_json::Value) -> Answer {
    answer(
        StatusCode::OK,
        "application/json; charset=utf-8",
        serde_json::to_vec_pretty(value).unwrap_or_default(),
    )
}

/// The clock as the endpoints answer it.
pub(crate) fn clock_json(world: &World) -> serde_json::Value {
    let ms = world.clock.now_ms();
    serde_json::json!({
        "mode": world.clock.mode().to_string(),
        "time": format_time(ms / 1000),
        "unix": ms / 1000,
        "unixMs": ms,
    })
}

/// Records `reading` (replacing the group's earlier value of the same metric).
pub(crate) fn report_metric(world: &mut World, reading: MetricReading) -> Result<(), String> {
    if world.state.group(&reading.scaling_group_id).is_none() {
        return Err(format!(
            "scalingGroupId: scaling group {} does not exist",
            reading.scaling_group_id
        ));
    }
    if !reading.value.is_finite() {
        return Err(format!("value: {} is not a finite number", reading.value));
    }
    let metrics = &mut world.state.simulation.metrics;
    match metrics.iter_mut().find(|m| {
        m.scaling_group_id == reading.scaling_group_id && m.dimension_name == reading.dimension_name
    }) {
        Some(existing) => existing.value = reading.value,
        None => metrics.push(reading),
    }
    Ok(())
}

/// Plans `failure` for the group's next scale-out activity (after those planned before).
pub(crate) fn plan_failure(world: &mut World, failure: PlannedFailure) -> Result<(), String> {
    if world.state.group(&failure.scaling_group_id).is_none() {
        return Err(format!(
            "scalingGroupId: scaling group {} does not exist",
            failure.scaling_group_id
        ));
    }
    world.state.simulation.failures.push(failure);
    Ok(())
}

/// A change of the clock: `PUT /_emulator/clock`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ClockChange {
    mode: Option<String>,
    time: Option<String>,
    unix: Option<u64>,
}

/// `POST /_emulator/clock/advance`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Advance {
    seconds: f64,
}

fn parse<T: serde::de::DeserializeOwned>(body: &[u8], example: &str) -> Result<T, String> {
    serde_json::from_slice(body).map_err(|e| format!("the body must be JSON like {example}: {e}"))
}

/// Handles a request to one of the simulation's endpoints.
pub(crate) async fn handle(server: &Server, request: Request<Incoming>) -> Answer {
    let shared = &*server.shared;
    let path = request.uri().path().to_owned();
    let method = request.method().clone();
    if path == CLOCK_PATH && method == Method::GET {
        return json(&clock_json(&shared.lock()));
    }
    let allowed = match path.as_str() {
        CLOCK_PATH => Method::PUT,
        _ => Method::POST,
    };
    if method != allowed {
        return answer(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain; charset=utf-8",
            "method not allowed\n",
        );
    }
    let body = match crate::server::read_body(request, &server.limits).await {
        Ok(body) => body,
        Err(answer) => return answer,
    };
    let result = match path.as_str() {
        CLOCK_PATH => set_clock(shared, &body),
        ADVANCE_PATH => advance(shared, &body),
        METRICS_PATH => parse::<MetricReading>(
            &body,
            r#"{"scalingGroupId": "asg-…", "dimensionName": "cpu_usage", "value": 90}"#,
        )
        .and_then(|reading| report_metric(&mut shared.lock(), reading))
        .map(|()| serde_json::json!({})),
        _ => parse::<PlannedFailure>(
            &body,
            r#"{"scalingGroupId": "asg-…", "failure": "soldOut", "launched": 0}"#,
        )
        .and_then(|failure| plan_failure(&mut shared.lock(), failure))
        .map(|()| serde_json::json!({})),
    };
    match result {
        Ok(value) => json(&value),
        Err(message) => bad_request(message),
    }
}

fn set_clock(shared: &Shared, body: &[u8]) -> Result<serde_json::Value, String> {
    let change: ClockChange = parse(body, r#"{"mode": "frozen", "time": "2026-01-01 08:00:00"}"#)?;
    let mode = match &change.mode {
        Some(text) => Some(
            text.parse::<ClockMode>()
                .map_err(|e| format!("mode: {e}"))?,
        ),
        None => None,
    };
    let to = match (&change.time, change.unix) {
        (Some(_), Some(_)) => return Err("give time or unix, not both".to_owned()),
        (Some(text), None) => Some(parse_time(text).ok_or_else(|| {
            format!("time: {text:?} is not a time `YYYY-MM-DD hh:mm:ss` (Beijing time)")
        })?),
        (None, unix) => unix,
    };
    let mut world = shared.lock();
    if let Some(to) = to {
        world.clock.set_ms(to.saturating_mul(1000));
    }
    if let Some(mode) = mode {
        world.clock.set_mode(mode);
    }
    // Run what fell due before answering.
    world.catch_up();
    Ok(clock_json(&world))
}

fn advance(shared: &Shared, body: &[u8]) -> Result<serde_json::Value, String> {
    let Advance { seconds } = parse(body, r#"{"seconds": 30}"#)?;
    let by = Duration::try_from_secs_f64(seconds)
        .map_err(|_| format!("seconds: {seconds} is not a number of seconds (0 or more)"))?;
    let mut world = shared.lock();
    world.clock.advance(by);
    world.catch_up();
    Ok(clock_json(&world))
}
