//! The docs of the committed API 3.0 specs (`api-specs/as-v3/`) and of the code generated from
//! them: every member and error says more than its name, and nothing speaks API 2.0.

use super::super::docs;
use serde_yaml::Value;
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Every `.yaml` of `api-specs/as-v3/`, parsed, with its file name.
fn specs() -> Vec<(String, Value)> {
    let dir = workspace().join("api-specs/as-v3");
    let mut out = Vec::new();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let value: Value =
                serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.push((name, value));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn seq(value: &Value, key: &str) -> Vec<Value> {
    value
        .get(key)
        .and_then(Value::as_sequence)
        .cloned()
        .unwrap_or_default()
}

fn text(value: &Value, key: &str) -> String {
    value
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// `(where, name, doc)` of every member: parameters, outputs and struct members of the
/// service's and the actions' types.
fn members(specs: &[(String, Value)]) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (file, spec) in specs {
        for key in ["parameters", "output"] {
            for field in seq(spec, key) {
                out.push((
                    format!("{file}: {key}"),
                    text(&field, "name"),
                    text(&field, "doc"),
                ));
            }
        }
        if let Some(types) = spec.get("types").and_then(Value::as_mapping) {
            for (name, shape) in types {
                let type_name = name.as_str().unwrap_or_default();
                for field in seq(shape, "struct") {
                    out.push((
                        format!("{file}: types.{type_name}"),
                        text(&field, "name"),
                        text(&field, "doc"),
                    ));
                }
            }
        }
    }
    out
}

/// `(where, code, doc)` of every error, business and common.
fn errors(specs: &[(String, Value)]) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (file, spec) in specs {
        for key in ["errors", "commonErrors"] {
            for error in seq(spec, key) {
                out.push((file.clone(), text(&error, "code"), text(&error, "doc")));
            }
        }
    }
    out
}

/// The words of a doc: what holds a letter or a digit (`|` between values is not a word).
fn words(doc: &str) -> usize {
    doc.split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_alphanumeric()))
        .count()
}

#[test]
fn every_v3_member_and_error_doc_says_more_than_its_name() {
    let specs = specs();
    assert_eq!(specs.len(), 59, "58 actions and service.yaml");
    let members = members(&specs);
    let errors = errors(&specs);
    assert!(
        members.len() > 700 && errors.len() > 700,
        "{} {}",
        members.len(),
        errors.len()
    );
    let mut thin = Vec::new();
    for (at, name, doc) in &members {
        if name == "RequestId" {
            continue;
        }
        if words(doc) <= 4 || *doc == docs::from_name(name) {
            thin.push(format!("{at}: {name}: {doc:?}"));
        }
    }
    for (at, code, doc) in &errors {
        if words(doc) <= 4 || *doc == docs::from_error_code(code) {
            thin.push(format!("{at}: error {code}: {doc:?}"));
        }
    }
    assert!(
        thin.is_empty(),
        "{} docs of four words or fewer, or made from the name (write them in \
         api-specs/overlays/as-v3.yaml and import again):\n  {}",
        thin.len(),
        thin.join("\n  ")
    );
}

/// Words of API 2.0 (its envelope, its error fields, its host and path) that have no place in
/// API 3.0's docs.
const API_2_VOCABULARY: &[&str] = &[
    "`data`",
    "the data of",
    "codeDesc",
    "code 4000",
    "code 5100",
    "code 6100",
    "scaling.api.qcloud.com",
    "/v2/index.php",
    "API 2.0",
];

fn spoken(doc: &str) -> Vec<&'static str> {
    API_2_VOCABULARY
        .iter()
        .copied()
        .filter(|w| doc.to_ascii_lowercase().contains(&w.to_ascii_lowercase()))
        .collect()
}

/// Every string of a spec that is a doc, by key path.
fn spec_docs(value: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Mapping(map) => {
            for (key, inner) in map {
                let key = key.as_str().unwrap_or_default();
                let here = format!("{at}.{key}");
                match inner {
                    Value::String(s) if key == "doc" => out.push((here, s.clone())),
                    _ => spec_docs(inner, &here, out),
                }
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                spec_docs(item, &format!("{at}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// The doc comments of every `.rs` file under `dir`.
fn doc_comments(dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            doc_comments(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs" || e == "md") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let is_md = path.extension().is_some_and(|e| e == "md");
            for (i, line) in text.lines().enumerate() {
                let line = line.trim_start();
                if is_md || line.starts_with("///") || line.starts_with("//!") {
                    out.push((format!("{}:{}", path.display(), i + 1), line.to_owned()));
                }
            }
        }
    }
}

#[test]
fn no_v3_doc_speaks_api_2() {
    let mut docs = Vec::new();
    for (file, spec) in specs() {
        spec_docs(&spec, &file, &mut docs);
    }
    let spec_docs_count = docs.len();
    assert!(
        spec_docs_count > 1000,
        "{spec_docs_count} docs in the specs"
    );
    let root = workspace();
    doc_comments(&root.join("qcloud-as/src/v3/generated"), &mut docs);
    doc_comments(&root.join("cli/src/v3/generated"), &mut docs);
    assert!(docs.len() > spec_docs_count, "no generated v3 code found");
    let found: Vec<String> = docs
        .iter()
        .filter_map(|(at, doc)| {
            let words = spoken(doc);
            (!words.is_empty()).then(|| format!("{at}: {words:?} in {doc:?}"))
        })
        .collect();
    assert!(
        found.is_empty(),
        "API 2.0 vocabulary in API 3.0 docs:\n  {}",
        found.join("\n  ")
    );
}

#[test]
fn the_checks_are_not_vacuous() {
    assert_eq!(spoken("The `data` of a successful answer."), ["`data`"]);
    assert_eq!(spoken("Matched by CODEDESC."), ["codeDesc"]);
    assert!(spoken("The `Response` object of a successful answer.").is_empty());
    assert_eq!(words("Auto scaling group id."), 4);
    assert_eq!(words("`CONTINUE` | `ABANDON` | `WAIT` | `STOP`."), 4);
    assert_eq!(
        docs::from_name("AutoScalingGroupId"),
        "Auto scaling group id."
    );
}
