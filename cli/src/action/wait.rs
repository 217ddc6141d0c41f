//! `--wait`: after an API 3.0 action that starts an activity (its answer has an `ActivityId`),
//! `DescribeAutoScalingActivities` is asked for that activity every `--wait-interval` until its
//! `StatusCode` leaves `INIT` and `RUNNING`, for at most `--wait-timeout`.
//!
//! The answer printed is the action's, with the activity as last seen added as its `Activity`
//! member. `SUCCESSFUL` exits 0; `PARTIALLY_SUCCESSFUL`, `FAILED`, `CANCELLED`, or no end in
//! time, exits 5 after printing it. The poll is this small loop over the SDK client; it is the
//! one place to switch to the SDK's own API 3.0 activity waiter.

use super::{Invocation, Reply, WAIT_INTERVAL, WAIT_TIMEOUT};
use crate::failure::Failure;
use crate::output::Ordered;
use qcloud_as::v3::operation::describe_auto_scaling_activities::DescribeAutoScalingActivitiesRequest;
use qcloud_as::v3::{Client, Operation};
use std::time::Duration;

/// How often the activity is asked for without `--wait-interval`.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);
/// How long `--wait` waits without `--wait-timeout`.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(1800);

/// The answer member that names the activity.
const ACTIVITY_ID: &str = "ActivityId";
/// The member of the printed answer that holds the activity.
const ACTIVITY: &str = "Activity";

/// Where an activity stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// `INIT`, `RUNNING`, or not listed yet.
    Running,
    /// `SUCCESSFUL`.
    Succeeded,
    /// Any other status: it ended without succeeding.
    Ended(String),
}

impl Status {
    fn of(code: Option<&str>) -> Status {
        match code {
            None | Some("INIT" | "RUNNING") => Status::Running,
            Some("SUCCESSFUL") => Status::Succeeded,
            Some(other) => Status::Ended(other.to_owned()),
        }
    }
}

/// Waits for the activity `answer` names, and gives the answer with the activity added.
pub fn activity(inv: &Invocation<'_>, client: &Client, answer: Ordered) -> Result<Reply, Failure> {
    let id = match answer.get(ACTIVITY_ID) {
        Some(Ordered::Text(id)) if !id.is_empty() => id.clone(),
        _ => {
            return Ok(Reply::Incomplete(
                answer,
                Failure::Wait(format!("the answer names no {ACTIVITY_ID} to wait for")),
            ))
        }
    };
    let duration = |id: &str, default: Duration| {
        inv.matches
            .try_get_one::<Duration>(id)
            .ok()
            .flatten()
            .copied()
            .unwrap_or(default)
    };
    let interval = duration(WAIT_INTERVAL, DEFAULT_INTERVAL);
    let timeout = duration(WAIT_TIMEOUT, DEFAULT_TIMEOUT);
    let (last, status) = inv
        .runtime
        .block_on(until_ended(client, &id, interval, timeout))?;
    let status_code = last
        .as_ref()
        .and_then(|a| a.get("StatusCode"))
        .and_then(text)
        .unwrap_or("not listed")
        .to_owned();
    let mut answer = answer;
    answer.set(ACTIVITY, last.clone().unwrap_or(Ordered::Null));
    match status {
        Status::Succeeded => Ok(Reply::Data(answer)),
        Status::Ended(code) => {
            let why = last
                .as_ref()
                .and_then(|a| a.get("StatusMessageSimplified").or(a.get("Cause")))
                .and_then(text)
                .filter(|t| !t.is_empty())
                .map(|t| format!(": {t}"))
                .unwrap_or_default();
            Ok(Reply::Incomplete(
                answer,
                Failure::Wait(format!("activity {id} ended {code}{why}")),
            ))
        }
        Status::Running => Ok(Reply::Incomplete(
            answer,
            Failure::Wait(format!(
                "activity {id} is still {status_code} after {}s (--{WAIT_TIMEOUT})",
                timeout.as_secs_f64()
            )),
        )),
    }
}

fn text(value: &Ordered) -> Option<&str> {
    match value {
        Ordered::Text(text) => Some(text),
        _ => None,
    }
}

/// Asks for the activity `id` every `interval` until it ends or `timeout` passes; gives it as
/// last seen (`None` when no answer listed it) and where it stands.
pub async fn until_ended(
    client: &Client,
    id: &str,
    interval: Duration,
    timeout: Duration,
) -> Result<(Option<Ordered>, Status), Failure> {
    let deadline = tokio::time::Instant::now() + timeout;
    let mut request = DescribeAutoScalingActivitiesRequest::default();
    request.activity_ids = Some(vec![id.to_owned()]);
    loop {
        let output = client
            .execute(&request)
            .await
            .map_err(|e| Failure::from_sdk_v3(DescribeAutoScalingActivitiesRequest::ACTION, e))?;
        let output = Ordered::of(&output)?;
        let activity = match output.get("ActivitySet") {
            Some(Ordered::List(items)) => items
                .iter()
                .find(|a| a.get(ACTIVITY_ID).and_then(text) == Some(id))
                .cloned(),
            _ => None,
        };
        let status = Status::of(
            activity
                .as_ref()
                .and_then(|a| a.get("StatusCode"))
                .and_then(text),
        );
        let now = tokio::time::Instant::now();
        if status != Status::Running || now >= deadline {
            return Ok((activity, status));
        }
        tokio::time::sleep(interval.min(deadline - now)).await;
    }
}
