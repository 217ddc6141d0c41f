//! Tolerant answers: every member of every official example answer of the 58 API 3.0 actions
//! (`tests/fixtures/v3-examples.json`), taken out in turn and then set to `null`, still lets the
//! answer decode. A member that is an `Option` decodes as `None`; any other decodes as its
//! type's default, and `qcloud_as::v3::absent_members` names it by its path. The client also
//! names such members in a `tracing` event, over real HTTP on loopback.

use qcloud_as::protocol::v3::envelope::decode;
use qcloud_as::shape::Tolerant;
use qcloud_as::v3::operation::describe_auto_scaling_groups::DescribeAutoScalingGroupsOutput;
use qcloud_as::v3::{absent_members, Client, ErrorTable, ServiceError};
use qcloud_as::{Config, Credentials, RetryConfig};
use qcloud_as_tests::{Canned, CannedServer};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::io::Write;
use std::sync::{Arc, Mutex};

#[macro_use]
#[path = "support/v3_actions.rs"]
mod v3_actions;

const FIXTURE: &str = include_str!("../fixtures/v3-examples.json");

/// `(action, title, answer)` of every example.
fn examples() -> Vec<(String, String, Value)> {
    let fixture: Value = match serde_json::from_str(FIXTURE) {
        Ok(value) => value,
        Err(e) => panic!("tests/fixtures/v3-examples.json is not JSON: {e}"),
    };
    let Some(actions) = fixture.get("actions").and_then(Value::as_object) else {
        panic!("the fixture has no `actions` object")
    };
    let mut all = Vec::new();
    for (action, list) in actions {
        for example in list.as_array().into_iter().flatten() {
            let title = example["title"].as_str().unwrap_or_default().to_owned();
            let Some(output) = example["output"].as_str() else {
                panic!("an example of {action} has no `output`")
            };
            match serde_json::from_str(output) {
                Ok(answer) => all.push((action.clone(), title, answer)),
                Err(e) => panic!("an example of {action} is not JSON: {e}"),
            }
        }
    }
    all
}

/// What decoding one answer gave: the output written back as JSON, and the members
/// `absent_members` names.
struct Decoded {
    written: Value,
    absent: Vec<String>,
}

fn decode_one<O, E>(body: &str) -> Result<Decoded, String>
where
    O: DeserializeOwned + Serialize + Tolerant,
    E: ErrorTable + From<ServiceError> + std::fmt::Display + qcloud_as::error::ServiceErrorInfo,
{
    let output = decode::<O, E>(200, body.as_bytes()).map_err(|e| e.to_string())?;
    let written = serde_json::to_value(&output).map_err(|e| e.to_string())?;
    let absent = absent_members::<O>(body.as_bytes()).map_err(|e| e.to_string())?;
    Ok(Decoded { written, absent })
}

macro_rules! actions {
    ($($action:ident => $module:ident::{$output:ident, $error:ident},)*) => {
        /// Decodes `body` with the types of `action`; `None` for an action not covered.
        fn decode_as(action: &str, body: &str) -> Option<Result<Decoded, String>> {
            match action {
                $(stringify!($action) => Some(decode_one::<
                    qcloud_as::v3::operation::$module::$output,
                    qcloud_as::v3::operation::$module::$error,
                >(body)),)*
                _ => None,
            }
        }
    };
}

with_v3_actions!(actions);

/// One step into a JSON document.
#[derive(Clone)]
enum Step {
    Member(String),
    Index(usize),
}

/// `Response.A[0].B`.
fn shown(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Member(name) if out.is_empty() => out.push_str(name),
            Step::Member(name) => {
                out.push('.');
                out.push_str(name);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// The path of every object member under `value`, the `Response` object's own excluded
/// (`RequestId` and the `Response` itself stay).
fn member_paths(value: &Value, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match value {
        Value::Object(map) => {
            for (name, inner) in map {
                at.push(Step::Member(name.clone()));
                out.push(at.clone());
                member_paths(inner, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                at.push(Step::Index(i));
                member_paths(inner, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn get<'a>(value: &'a Value, path: &[Step]) -> Option<&'a Value> {
    path.iter().try_fold(value, |v, step| match step {
        Step::Member(name) => v.get(name),
        Step::Index(i) => v.get(i),
    })
}

/// A copy of `answer` with the member at `path` removed (`None`) or set to `replacement`.
fn changed(answer: &Value, path: &[Step], replacement: Option<Value>) -> Value {
    let mut copy = answer.clone();
    let (Some(Step::Member(name)), parent) = (path.last(), &path[..path.len() - 1]) else {
        return copy;
    };
    let target = parent.iter().try_fold(&mut copy, |v, step| match step {
        Step::Member(n) => v.get_mut(n),
        Step::Index(i) => v.get_mut(i),
    });
    if let Some(Value::Object(map)) = target {
        match replacement {
            Some(value) => {
                map.insert(name.clone(), value);
            }
            None => {
                map.remove(name);
            }
        }
    }
    copy
}

/// Whether `value` is what a type's default writes: `""`, `0`, `false`, `[]`, or an object of
/// such values (a struct of defaults; `None` members are not written).
fn is_default(value: &Value) -> bool {
    match value {
        Value::String(s) => s.is_empty(),
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::Bool(b) => !b,
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.values().all(is_default),
        Value::Null => false,
    }
}

#[test]
fn every_member_of_every_example_may_be_absent_or_null() {
    let mut failures = Vec::new();
    let (mut tried, mut defaulted, mut optional) = (0usize, 0usize, 0usize);
    for (action, title, answer) in examples() {
        if answer["Response"].get("Error").is_some() {
            continue;
        }
        let place = format!("{action} ({title:?})");
        // As published: nothing is absent.
        match decode_as(&action, &answer.to_string()) {
            Some(Ok(d)) if d.absent.is_empty() => {}
            Some(Ok(d)) => failures.push(format!("{place}: absent as published: {:?}", d.absent)),
            Some(Err(e)) => failures.push(format!("{place}: does not decode: {e}")),
            None => failures.push(format!("{place}: action not covered")),
        }
        let mut paths = Vec::new();
        member_paths(
            &answer["Response"],
            &mut vec![Step::Member("Response".to_owned())],
            &mut paths,
        );
        for path in paths {
            let name = shown(&path);
            if name == "Response.Error" {
                continue;
            }
            for (how, replacement) in [("removed", None), ("null", Some(Value::Null))] {
                tried += 1;
                let body = changed(&answer, &path, replacement).to_string();
                let decoded = match decode_as(&action, &body) {
                    Some(Ok(decoded)) => decoded,
                    Some(Err(e)) => {
                        failures.push(format!("{place}: {name} {how}: does not decode: {e}"));
                        continue;
                    }
                    None => continue,
                };
                // The output is the `Response` object.
                let written = get(&decoded.written, &path[1..]);
                if decoded.absent == [name.clone()] {
                    // Not an `Option`: the type's default, and named as absent.
                    defaulted += 1;
                    if !written.is_some_and(is_default) {
                        failures.push(format!(
                            "{place}: {name} {how}: decoded as {written:?}, not a default"
                        ));
                    }
                } else if decoded.absent.is_empty() {
                    // An `Option` (or a member no type holds): `None`, not written back.
                    optional += 1;
                    if written.is_some_and(|v| !v.is_null()) {
                        failures.push(format!(
                            "{place}: {name} {how}: not named as absent, yet decoded as {written:?}"
                        ));
                    }
                } else {
                    failures.push(format!(
                        "{place}: {name} {how}: absent_members named {:?}",
                        decoded.absent
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {tried} changed answers failed:\n  {}",
        failures.len(),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n  ")
    );
    eprintln!("{tried} changed answers: {defaulted} members defaulted, {optional} None");
    // Both kinds occur, and the examples are not vacuous.
    assert!(
        defaulted > 500 && optional > 100,
        "{defaulted} defaulted, {optional} optional"
    );
}

/// The generated lists: an output's non-`Option` members, shapes inside answers too.
#[test]
fn generated_lists_name_the_tolerated_members() {
    use qcloud_as::v3::operation::detach_instances::DetachInstancesOutput;
    use qcloud_as::v3::types::{AutoScalingGroup, Tag};
    assert_eq!(
        DetachInstancesOutput::TOLERATED,
        ["ActivityId", "RequestId"]
    );
    assert_eq!(Tag::TOLERATED, ["Key", "Value"]);
    assert!(AutoScalingGroup::TOLERATED.contains(&"SpotMixedAllocationPolicy"));
    assert!(!AutoScalingGroup::TOLERATED.contains(&"DedicatedClusterId"));
}

/// What the decoded defaults are, member by member, for an answer with holes.
#[test]
fn a_group_with_holes_decodes_with_defaults_and_names_them() -> Result<(), String> {
    let body = r#"{"Response":{"TotalCount":1,"RequestId":"r-1","AutoScalingGroupSet":[{
        "AutoScalingGroupId":"asg-1","AutoScalingGroupName":null,"MaxSize":"3",
        "SpotMixedAllocationPolicy":null,"RetryPolicy":null,"Tags":[{"Key":"k"}]}]}}"#;
    let output = decode::<
        DescribeAutoScalingGroupsOutput,
        qcloud_as::v3::operation::describe_auto_scaling_groups::DescribeAutoScalingGroupsError,
    >(200, body.as_bytes())
    .map_err(|e| e.to_string())?;
    let group = output.auto_scaling_group_set.first().ok_or("no group")?;
    assert_eq!(group.auto_scaling_group_id, "asg-1");
    assert_eq!(group.auto_scaling_group_name, "");
    assert_eq!(group.max_size, 3);
    assert_eq!(group.min_size, 0);
    assert_eq!(group.retry_policy.as_str(), "");
    assert_eq!(group.spot_mixed_allocation_policy, Default::default());
    assert_eq!(group.tags.first().map(|t| t.value.as_str()), Some(""));
    let absent = absent_members::<DescribeAutoScalingGroupsOutput>(body.as_bytes())
        .map_err(|e| e.to_string())?;
    for path in [
        "Response.AutoScalingGroupSet[0].AutoScalingGroupName",
        "Response.AutoScalingGroupSet[0].MinSize",
        "Response.AutoScalingGroupSet[0].RetryPolicy",
        "Response.AutoScalingGroupSet[0].SpotMixedAllocationPolicy",
        "Response.AutoScalingGroupSet[0].Tags[0].Value",
    ] {
        assert!(absent.iter().any(|a| a == path), "{path} not in {absent:?}");
    }
    assert!(!absent
        .iter()
        .any(|a| a.ends_with(".MaxSize") || a.ends_with(".AutoScalingGroupId")));
    // A value of the wrong kind still fails the answer, naming the member.
    let wrong = body.replace(r#""MaxSize":"3""#, r#""MaxSize":{"x":1}"#);
    let e = decode::<
        DescribeAutoScalingGroupsOutput,
        qcloud_as::v3::operation::describe_auto_scaling_groups::DescribeAutoScalingGroupsError,
    >(200, wrong.as_bytes())
    .err()
    .ok_or("a map for MaxSize decoded")?;
    assert!(e.to_string().contains("MaxSize"), "{e}");
    Ok(())
}

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

/// Over real HTTP: the client decodes an answer with holes and records one `DEBUG` event, with
/// the target `qcloud_as::tolerant`, naming them; a complete answer records none.
#[tokio::test(flavor = "current_thread")]
async fn the_client_traces_the_absent_members() -> Result<(), Box<dyn std::error::Error>> {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(captured.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let holes = r#"{"Response":{"AutoScalingGroupSet":[{"AutoScalingGroupId":"asg-1"}],"RequestId":"r-1"}}"#;
    let whole = r#"{"Response":{"AutoScalingGroupSet":[],"TotalCount":0,"RequestId":"r-2"}}"#;
    let server = CannedServer::start(vec![Canned::json(holes), Canned::json(whole)]).await?;
    let config = Config::builder()
        .region("ap-guangzhou")
        .endpoint(server.endpoint())
        .credentials(Credentials::new("AKIDtolerant", "tolerant-secret"))
        .retry(RetryConfig::disabled())
        .build()?;
    let client = Client::new(config)?;
    let groups = client.describe_auto_scaling_groups().await?;
    assert_eq!(groups.total_count, 0);
    assert_eq!(groups.auto_scaling_group_set.len(), 1);
    let text = captured.text();
    let events: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("qcloud_as::tolerant"))
        .collect();
    assert_eq!(events.len(), 1, "{text}");
    assert!(events[0].contains("DEBUG"), "{}", events[0]);
    assert!(
        events[0].contains("DescribeAutoScalingGroups"),
        "{}",
        events[0]
    );
    assert!(events[0].contains("Response.TotalCount"), "{}", events[0]);
    assert!(
        events[0].contains("Response.AutoScalingGroupSet[0].AutoScalingGroupName"),
        "{}",
        events[0]
    );
    let _ = client.describe_auto_scaling_groups().await?;
    let after: usize = captured
        .text()
        .lines()
        .filter(|l| l.contains("qcloud_as::tolerant"))
        .count();
    assert_eq!(after, 1, "a complete answer was reported");
    Ok(())
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
    }
}
