//! Which members of an answer were absent or `null` and decoded as defaults: for a body in
//! hand ([`absent_members`]) and as a `tracing` event on every answer the client decodes.

use crate::shape::tolerant::{self as shape_tolerant, MemberPath, Step, Tolerant};
use serde_json::Value;

/// The `tracing` target of the event naming the members an answer lacked.
pub(crate) const TARGET: &str = "qcloud_as::tolerant";

/// The members of an answer body (`{"Response": {…}}`) of output type `O` that were absent or
/// `null` and so decoded as their type's default, by JSON path from the body's root
/// (`Response.AutoScalingGroupSet[0].SpotMixedAllocationPolicy`). Members that are `Option`s
/// are not listed: `None` already tells. An error when the body is not JSON; empty when it has
/// no `Response` object.
///
/// ```
/// use qcloud_as::v3::absent_members;
/// use qcloud_as::v3::operation::detach_instances::DetachInstancesOutput;
///
/// let body = br#"{"Response":{"ActivityId":null,"RequestId":"r-1"}}"#;
/// let absent = absent_members::<DetachInstancesOutput>(body)?;
/// assert_eq!(absent, ["Response.ActivityId"]);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn absent_members<O: Tolerant>(body: &[u8]) -> Result<Vec<String>, serde_json::Error> {
    let value: Value = serde_json::from_slice(body)?;
    Ok(in_response::<O>(&value)
        .iter()
        .map(ToString::to_string)
        .collect())
}

fn in_response<O: Tolerant>(value: &Value) -> Vec<MemberPath> {
    let Some(response) = value.get("Response").filter(|r| r.is_object()) else {
        return Vec::new();
    };
    shape_tolerant::absent_members::<O>(response)
        .into_iter()
        .map(|MemberPath(steps)| {
            let mut path = Vec::with_capacity(steps.len() + 1);
            path.push(Step::Member("Response"));
            path.extend(steps);
            MemberPath(path)
        })
        .collect()
}

/// With `DEBUG` enabled for [`TARGET`], one event per decoded answer that lacked members,
/// naming them. Costs nothing otherwise (the body is not read again).
pub(crate) fn trace_absent<O: Tolerant>(action: &'static str, body: &[u8]) {
    if !tracing::enabled!(target: TARGET, tracing::Level::DEBUG) {
        return;
    }
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return;
    };
    let absent = in_response::<O>(&value);
    if absent.is_empty() {
        return;
    }
    let members = absent
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    tracing::debug!(
        target: TARGET,
        action,
        count = absent.len(),
        members = %members,
        "answer members absent or null, decoded as defaults"
    );
}
