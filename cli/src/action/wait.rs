//! `--wait`: after an API 3.0 action that starts an activity (its answer has an `ActivityId`),
//! the SDK's activity waiter (`Client::wait_until_activity_done`, generated from the spec's
//! `ActivityDone`) asks `DescribeAutoScalingActivities` for that activity every
//! `--wait-interval` (a fixed interval: the waiter's minimum and maximum delays are both set to
//! it) until it ends, for at most `--wait-timeout`.
//!
//! The answer printed is the action's, with the activity as last seen added as its `Activity`
//! member. `SUCCESSFUL` exits 0; `PARTIALLY_SUCCESSFUL`, `FAILED`, `CANCELLED` (the waiter's
//! failure), or no end in time, exits 5 after printing it. A status the spec does not list
//! keeps the wait going, as `INIT` and `RUNNING` do.

use super::{Invocation, Reply, WAIT_INTERVAL, WAIT_TIMEOUT};
use crate::failure::Failure;
use crate::output::Ordered;
use qcloud_as::v3::operation::describe_auto_scaling_activities::DescribeAutoScalingActivitiesRequest;
use qcloud_as::v3::types::ActivityStatusCode;
use qcloud_as::v3::{Client, Operation};
use qcloud_as::waiter::WaiterOutcome;
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
    /// `INIT`, `RUNNING`, a status the spec does not list, or not listed yet.
    Running,
    /// `SUCCESSFUL`.
    Succeeded,
    /// `PARTIALLY_SUCCESSFUL`, `FAILED` or `CANCELLED`: it ended without succeeding.
    Ended(String),
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

/// Asks for the activity `id` every `interval` (with the SDK's waiter) until it ends or
/// `timeout` passes; gives it as last seen (`None` when no answer listed it) and where it
/// stands.
pub async fn until_ended(
    client: &Client,
    id: &str,
    interval: Duration,
    timeout: Duration,
) -> Result<(Option<Ordered>, Status), Failure> {
    let request = DescribeAutoScalingActivitiesRequest::new().activity_ids([id]);
    let outcome = client
        .wait_until_activity_done(request)
        .min_delay(interval)
        .max_delay(interval)
        .max_wait(timeout)
        .await
        .map_err(|e| Failure::from_sdk_v3(DescribeAutoScalingActivitiesRequest::ACTION, e))?;
    let ended = !matches!(outcome, WaiterOutcome::TimedOut { .. });
    let output = outcome.into_output();
    let activity = output.activity_set.iter().find(|a| a.activity_id == id);
    let status = match activity.map(|a| &a.status_code) {
        Some(ActivityStatusCode::Successful) if ended => Status::Succeeded,
        Some(code) if ended => Status::Ended(code.as_str().to_owned()),
        _ => Status::Running,
    };
    let activity = activity.map(Ordered::of).transpose()?;
    Ok((activity, status))
}
