//! Fidelity against Tencent Cloud's own examples: every example answer of the 58 API 3.0
//! actions, as published in `tccli-intl-en` (see `tests/fixtures/v3-examples.json` for the
//! package, version and path, and `tests/fixtures/v3_examples.py` for how it was extracted),
//! decodes with the generated output type of its action, and re-serialises to JSON that still
//! holds every non-null member of the example.

use qcloud_as::protocol::v3::envelope::decode;
use qcloud_as::v3::{ErrorTable, ServiceError};
use qcloud_as::Error;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeSet;

#[macro_use]
#[path = "support/v3_actions.rs"]
mod v3_actions;

const FIXTURE: &str = include_str!("../fixtures/v3-examples.json");

/// One example answer of the fixture.
struct Example {
    action: String,
    title: String,
    output: String,
}

fn fixture() -> Value {
    match serde_json::from_str(FIXTURE) {
        Ok(value) => value,
        Err(e) => panic!("tests/fixtures/v3-examples.json is not JSON: {e}"),
    }
}

fn examples() -> Vec<Example> {
    let fixture = fixture();
    let Some(actions) = fixture.get("actions").and_then(Value::as_object) else {
        panic!("the fixture has no `actions` object")
    };
    let mut all = Vec::new();
    for (action, list) in actions {
        let Some(list) = list.as_array() else {
            panic!("`actions.{action}` is not a list")
        };
        for example in list {
            let (Some(title), Some(output)) = (
                example.get("title").and_then(Value::as_str),
                example.get("output").and_then(Value::as_str),
            ) else {
                panic!("an example of {action} lacks `title` or `output`: {example}")
            };
            all.push(Example {
                action: action.clone(),
                title: title.to_owned(),
                output: output.to_owned(),
            });
        }
    }
    all
}

/// The paths of the members of `expected` that `got` lacks or holds with another value. Null
/// and absent are the same; a scalar matches when it is equal, or when one side is the other
/// written as text (the decoders accept numbers in strings and strings in numbers; the value is
/// kept, only its JSON type may change: reported by [`retyped`]).
fn lost(expected: &Value, got: &Value, path: &str, out: &mut Vec<String>) {
    match (expected, got) {
        (Value::Null, _) => {}
        (Value::Object(want), Value::Object(have)) => {
            for (name, value) in want {
                let inner = format!("{path}.{name}");
                match have.get(name) {
                    Some(have) => lost(value, have, &inner, out),
                    None if value.is_null() => {}
                    None => out.push(format!("{inner}: absent after decoding (was {value})")),
                }
            }
        }
        (Value::Array(want), Value::Array(have)) => {
            if want.len() != have.len() {
                out.push(format!(
                    "{path}: {} items after decoding, {} in the example",
                    have.len(),
                    want.len()
                ));
            }
            for (i, (w, h)) in want.iter().zip(have).enumerate() {
                lost(w, h, &format!("{path}[{i}]"), out);
            }
        }
        (_, Value::Null) => out.push(format!("{path}: null after decoding (was {expected})")),
        (want, have) if same_scalar(want, have) => {}
        (want, have) => out.push(format!("{path}: {have} after decoding (was {want})")),
    }
}

fn same_scalar(want: &Value, have: &Value) -> bool {
    match (want, have) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Number(n), Value::String(s)) | (Value::String(s), Value::Number(n)) => {
            s.trim() == n.to_string()
        }
        (a, b) => a == b,
    }
}

/// The paths of scalars whose JSON type changed on the way (number ↔ string).
fn retyped(expected: &Value, got: &Value, path: &str, out: &mut Vec<String>) {
    match (expected, got) {
        (Value::Object(want), Value::Object(have)) => {
            for (name, value) in want {
                if let Some(have) = have.get(name) {
                    retyped(value, have, &format!("{path}.{name}"), out);
                }
            }
        }
        (Value::Array(want), Value::Array(have)) => {
            for (i, (w, h)) in want.iter().zip(have).enumerate() {
                retyped(w, h, &format!("{path}[{i}]"), out);
            }
        }
        (Value::Number(_), Value::String(_)) | (Value::String(_), Value::Number(_)) => {
            out.push(format!("{path}: {expected} became {got}"))
        }
        _ => {}
    }
}

/// What became of one example.
#[derive(Debug, Default)]
struct Checked {
    /// Members lost or changed in value (a failure).
    lost: Vec<String>,
    /// Scalars whose JSON type changed (a note).
    retyped: Vec<String>,
}

/// Decodes `output` as the answer of an action with output `O` and error `E`.
fn check_one<O, E>(output: &str) -> Result<Checked, String>
where
    O: DeserializeOwned + Serialize,
    E: ErrorTable + From<ServiceError> + std::fmt::Display + qcloud_as::error::ServiceErrorInfo,
{
    let expected: Value = serde_json::from_str(output).map_err(|e| format!("not JSON: {e}"))?;
    let Some(response) = expected.get("Response") else {
        return Err("no `Response`".to_owned());
    };
    let decoded = decode::<O, E>(200, output.as_bytes());
    if let Some(error) = response.get("Error").filter(|e| !e.is_null()) {
        let code = error
            .get("Code")
            .and_then(Value::as_str)
            .unwrap_or_default();
        return match decoded {
            Err(Error::Service(e)) if e.meta().code() == code => Ok(Checked::default()),
            Err(Error::Service(e)) => Err(format!(
                "service error with code {} instead of {code}",
                e.meta().code()
            )),
            Err(e) => Err(format!("not a service error: {e}")),
            Ok(_) => Err(format!("decoded as a success, not the error {code}")),
        };
    }
    let decoded = match decoded {
        Ok(decoded) => decoded,
        Err(e) => {
            return Err(format!(
                "does not decode: {}\n    (the decoder said: {e})",
                member_at_fault::<O>(response)
            ))
        }
    };
    let got = serde_json::to_value(&decoded).map_err(|e| format!("does not re-serialise: {e}"))?;
    let mut checked = Checked::default();
    lost(response, &got, "Response", &mut checked.lost);
    retyped(response, &got, "Response", &mut checked.retyped);
    Ok(checked)
}

/// Where and why `response` does not decode as `O`, by member path (`Response.A[0].B`).
fn member_at_fault<O: DeserializeOwned>(response: &Value) -> String {
    match serde_path_to_error::deserialize::<_, O>(response.clone()) {
        Ok(_) => "it decodes from a `serde_json::Value` but not from the bytes".to_owned(),
        Err(e) => {
            let path = e.path().to_string();
            let place = if path == "." {
                "Response".to_owned()
            } else {
                format!("Response.{path}")
            };
            format!("at {place}: {}", e.inner())
        }
    }
}

macro_rules! actions {
    ($($action:ident => $module:ident::{$output:ident, $error:ident},)*) => {
        /// The actions this test knows how to decode.
        const COVERED: &[&str] = &[$(stringify!($action)),*];

        /// Decodes `output` with the types of `action`; `None` for an action not covered.
        fn check(action: &str, output: &str) -> Option<Result<Checked, String>> {
            match action {
                $(stringify!($action) => Some(check_one::<
                    qcloud_as::v3::operation::$module::$output,
                    qcloud_as::v3::operation::$module::$error,
                >(output)),)*
                _ => None,
            }
        }
    };
}

with_v3_actions!(actions);

#[test]
fn the_fixture_names_its_source() {
    let fixture = fixture();
    let source = &fixture["source"];
    assert_eq!(source["package"], "tccli-intl-en", "{source}");
    assert_eq!(source["version"], "3.1.193.1", "{source}");
    assert_eq!(
        source["path"], "tccli/services/autoscaling/v20180419/examples.json",
        "{source}"
    );
    // 83 examples over the 58 actions, as published.
    assert_eq!(examples().len(), 83);
}

#[test]
fn every_action_has_an_example_and_every_example_is_decoded() {
    let fixture = fixture();
    let in_fixture: BTreeSet<&str> = fixture["actions"]
        .as_object()
        .map(|a| a.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let covered: BTreeSet<&str> = COVERED.iter().copied().collect();
    let service: BTreeSet<&str> = qcloud_as::v3::service::ACTIONS.iter().copied().collect();
    assert_eq!(service.len(), 58);
    let not_covered: Vec<_> = in_fixture.difference(&covered).collect();
    assert!(
        not_covered.is_empty(),
        "actions with examples that this test does not decode: {not_covered:?}"
    );
    let without_example: Vec<_> = service.difference(&in_fixture).collect();
    assert!(
        without_example.is_empty(),
        "actions of the SDK without an example: {without_example:?}"
    );
    let unknown: Vec<_> = in_fixture.difference(&service).collect();
    assert!(
        unknown.is_empty(),
        "examples of actions the SDK lacks: {unknown:?}"
    );
    assert_eq!(covered, service, "the macro's list is not the SDK's");
}

#[test]
fn every_example_answer_decodes_and_keeps_every_member() {
    let mut failures = Vec::new();
    let mut notes = Vec::new();
    let all = examples();
    for example in &all {
        let place = format!("{} ({:?})", example.action, example.title);
        match check(&example.action, &example.output) {
            None => failures.push(format!("{place}: action not covered")),
            Some(Err(why)) => failures.push(format!("{place}: {why}")),
            Some(Ok(checked)) => {
                for lost in checked.lost {
                    failures.push(format!("{place}: {lost}"));
                }
                for retyped in checked.retyped {
                    notes.push(format!("{place}: {retyped}"));
                }
            }
        }
    }
    if !notes.is_empty() {
        eprintln!(
            "scalars whose JSON type changed (value kept):\n  {}",
            notes.join("\n  ")
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {} examples lost something:\n  {}",
        failures.len(),
        all.len(),
        failures.join("\n  ")
    );
}

/// The examples hold no error answer; the same check on an error envelope, for every action:
/// each decodes as a service error keeping its code, message and request id.
#[test]
fn an_error_answer_decodes_as_a_service_error_for_every_action() {
    let answer = r#"{"Response":{"Error":{"Code":"ResourceNotFound.AutoScalingGroupNotFound","Message":"no such group"},"RequestId":"req-err"}}"#;
    let mut failures = Vec::new();
    for action in COVERED {
        match check(action, answer) {
            Some(Ok(_)) => {}
            Some(Err(why)) => failures.push(format!("{action}: {why}")),
            None => failures.push(format!("{action}: not covered")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The comparison is not vacuous: a member the output type does not hold, or a value changed on
/// the way, is reported by its path; null and absent are the same.
#[test]
fn the_comparison_reports_lost_members_by_path() {
    let answer =
        r#"{"Response":{"ActivityId":"asa-1","Extra":{"Deep":[1]},"Gone":null,"RequestId":"r"}}"#;
    match check("DetachInstances", answer) {
        Some(Ok(checked)) => assert_eq!(
            checked.lost,
            vec![r#"Response.Extra: absent after decoding (was {"Deep":[1]})"#.to_owned()]
        ),
        Some(Err(why)) => panic!("{why}"),
        None => panic!("DetachInstances not covered"),
    }
    let mut out = Vec::new();
    lost(
        &serde_json::json!({"A": [{"B": 1, "C": "x"}], "D": null}),
        &serde_json::json!({"A": [{"B": "1", "C": "y"}]}),
        "Response",
        &mut out,
    );
    assert_eq!(
        out,
        vec![r#"Response.A[0].C: "y" after decoding (was "x")"#.to_owned()]
    );
    let mut retypes = Vec::new();
    retyped(
        &serde_json::json!({"A": [{"B": 1}]}),
        &serde_json::json!({"A": [{"B": "1"}]}),
        "Response",
        &mut retypes,
    );
    assert_eq!(retypes, vec![r#"Response.A[0].B: 1 became "1""#.to_owned()]);
}
