//! The official examples against the description: every example answer is walked along the
//! action's output object and the data structures it reaches (lists item by item, nested
//! objects). A member the description makes required on output, but that an example omits or
//! gives as `null` where the object holding it is present, is not required (see
//! [`Cx::fields`]).

use super::super::model::{ApiJson, ApiMember, ExamplesJson};
use super::super::ImportError;
use super::Cx;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One example: its action and its number among the action's examples (from 1).
type ExampleId = (String, usize);

/// The examples that lack one member.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lacking {
    /// The examples that omit it.
    pub absent: BTreeSet<ExampleId>,
    /// The examples that give it as `null`.
    pub null: BTreeSet<ExampleId>,
}

impl Lacking {
    /// "examples of A omit it and examples of B give it as null", or with `numbers`, "A
    /// examples 1 and 2 omit it and B example 1 gives it as null".
    pub fn describe(&self, numbers: bool) -> String {
        let clause = |set: &BTreeSet<ExampleId>, one: &str, many: &str| {
            let mut by_action: BTreeMap<&str, Vec<String>> = BTreeMap::new();
            for (action, n) in set {
                by_action.entry(action).or_default().push(n.to_string());
            }
            if !numbers {
                let actions: Vec<String> = by_action.keys().map(|a| (*a).to_owned()).collect();
                return format!("examples of {} {many}", and_list(&actions));
            }
            let parts: Vec<String> = by_action
                .iter()
                .map(|(action, ns)| match ns.as_slice() {
                    [n] => format!("{action} example {n}"),
                    _ => format!("{action} examples {}", and_list(ns)),
                })
                .collect();
            let verb = if set.len() == 1 { one } else { many };
            format!("{} {verb}", and_list(&parts))
        };
        let mut out = Vec::new();
        if !self.absent.is_empty() {
            out.push(clause(&self.absent, "omits it", "omit it"));
        }
        if !self.null.is_empty() {
            out.push(clause(&self.null, "gives it as null", "give it as null"));
        }
        out.join(" and ")
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// What the examples lack, by object and member.
pub type Omitted = BTreeMap<(String, String), Lacking>;

impl Cx<'_> {
    /// Walks every example answer; what they lack goes to `self.lacking`. An example of an
    /// action the description lacks, or whose output is not an answer, is an error; members
    /// the description does not have and values of another shape are noted.
    pub fn walk_examples(&mut self, examples: &ExamplesJson, path: &Path) {
        let api = self.api;
        let mut walk = Walk {
            api,
            lacking: Omitted::new(),
            unknown: BTreeSet::new(),
            shapes: BTreeSet::new(),
        };
        for (action, list) in &examples.actions {
            let Some(raw) = api.actions.get(action) else {
                self.errors.push(ImportError::new(
                    path,
                    Some(format!("action {action}")),
                    "the description has no such action (are the two files of one version?)",
                ));
                continue;
            };
            for (i, example) in list.iter().enumerate() {
                let id = (action.clone(), i + 1);
                let at = format!("action {action}, example {}", i + 1);
                let value: Value = match serde_json::from_str(&example.output) {
                    Ok(value) => value,
                    Err(e) => {
                        let message = format!("its output is not JSON: {e}");
                        self.errors.push(ImportError::new(path, Some(at), message));
                        continue;
                    }
                };
                let Some(response) = value.get("Response").and_then(Value::as_object) else {
                    let message = "its output is not `{\"Response\": {…}}`";
                    self.errors.push(ImportError::new(path, Some(at), message));
                    continue;
                };
                if response.get("Error").is_some_and(|e| !e.is_null()) {
                    continue; // an error answer has no output members
                }
                walk.object(&raw.output, response, "Response", &id);
            }
        }
        let file = super::file_name(path);
        if !walk.unknown.is_empty() {
            let list: Vec<String> = walk.unknown.into_iter().collect();
            self.notes.push(format!(
                "{file}: members the description does not have (ignored): {}",
                list.join(", ")
            ));
        }
        if !walk.shapes.is_empty() {
            let list: Vec<String> = walk.shapes.into_iter().collect();
            self.notes.push(format!(
                "{file}: values of another shape than the description's (not walked): {}",
                list.join("; ")
            ));
        }
        self.lacking = walk.lacking;
        self.examples_file = Some(file);
    }
}

struct Walk<'a> {
    api: &'a ApiJson,
    lacking: Omitted,
    /// `Object.Member` of members the description does not have.
    unknown: BTreeSet<String>,
    /// Where a value is not a list or an object as the description says.
    shapes: BTreeSet<String>,
}

impl Walk<'_> {
    /// The members of one present object (`name` in the description).
    fn object(&mut self, name: &str, value: &Map<String, Value>, path: &str, id: &ExampleId) {
        let Some(object) = self.api.objects.get(name) else {
            return; // reported by the conversion
        };
        for key in value.keys() {
            if !object.members.iter().any(|m| &m.name == key) {
                self.unknown.insert(format!("{name}.{key}"));
            }
        }
        for member in &object.members {
            if member.disabled == Some(true) {
                continue;
            }
            let key = (name.to_owned(), member.name.clone());
            match value.get(&member.name) {
                None => {
                    self.lacking
                        .entry(key)
                        .or_default()
                        .absent
                        .insert(id.clone());
                }
                Some(Value::Null) => {
                    self.lacking.entry(key).or_default().null.insert(id.clone());
                }
                Some(v) => self.value(member, v, &format!("{path}.{}", member.name), id),
            }
        }
    }

    /// A present, non-null value: lists item by item, objects member by member.
    fn value(&mut self, member: &ApiMember, value: &Value, path: &str, id: &ExampleId) {
        let is_object = self.api.objects.contains_key(&member.member);
        match member.ty.as_str() {
            "list" => {
                let Value::Array(items) = value else {
                    self.shape(id, path, "a list");
                    return;
                };
                if !is_object {
                    return;
                }
                for (i, item) in items.iter().enumerate() {
                    let here = format!("{path}[{i}]");
                    match item {
                        Value::Object(map) => self.object(&member.member, map, &here, id),
                        _ => self.shape(id, &here, "an object"),
                    }
                }
            }
            "object" => match value {
                Value::Object(map) => self.object(&member.member, map, path, id),
                _ => self.shape(id, path, "an object"),
            },
            _ => {}
        }
    }

    fn shape(&mut self, (action, n): &ExampleId, path: &str, what: &str) {
        self.shapes
            .insert(format!("{action} example {n} at {path}: not {what}"));
    }
}
