//! The emulator's actions build errors only through the SDK's generated constructors: no
//! numeric error code, no `codeDesc` string and no hand-made `ServiceError` in their code, so a
//! typo cannot land an answer in another variant.

use std::path::Path;

/// Every `.rs` file directly under `emulator/src/<folder>`, with its text.
fn sources_in(folder: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(folder);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) => panic!("cannot read {}: {e}", dir.display()),
    };
    let mut sources = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            sources.push((path.display().to_string(), text));
        }
    }
    assert!(!sources.is_empty(), "no sources found in {}", dir.display());
    sources
}

/// Every `.rs` file under `emulator/src/actions`, with its text.
fn action_sources() -> Vec<(String, String)> {
    sources_in("actions")
}

/// The code of a line: without its `//` comment.
fn code(line: &str) -> &str {
    line.split("//").next().unwrap_or_default()
}

/// Whether `word` is an API error code: four digits from 4000 to 6999.
fn is_error_code(word: &str) -> bool {
    word.len() == 4
        && word.bytes().all(|b| b.is_ascii_digit())
        && (b'4'..=b'6').contains(&word.as_bytes()[0])
}

/// Whether a string literal looks like a `codeDesc`: `Word.Word…`, or one of the bare common
/// ones.
fn is_code_desc(literal: &str) -> bool {
    let dotted = literal.split('.').count() > 1
        && literal
            .split('.')
            .all(|part| part.starts_with(|c: char| c.is_ascii_uppercase()))
        && literal
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.');
    let bare = [
        "InvalidParameter",
        "AuthFailure",
        "OperationFailed",
        "InternalError",
        "ResourceNotFound",
        "RequestLimitExceeded",
        "InvalidAction",
        "InvalidParameterValue",
        "MissingParameter",
    ];
    dotted || bare.contains(&literal)
}

/// The string literals of a line of code (escapes are not needed for this check).
fn literals(code: &str) -> Vec<&str> {
    code.split('"').skip(1).step_by(2).collect()
}

#[test]
fn action_code_holds_no_error_code_or_code_desc() {
    let mut found = Vec::new();
    // API 2.0's actions, and all of API 3.0 (its actions, authentication and HTTP front).
    for (file, text) in action_sources().into_iter().chain(sources_in("v3")) {
        // Unit tests may name codes (and instance types such as `S5.MEDIUM4` look like them).
        let code_part = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in code_part.lines().enumerate() {
            let code = code(line);
            let words = code.split(|c: char| !c.is_ascii_alphanumeric() && c != '_');
            for word in words {
                if is_error_code(word) || word == "ServiceError" {
                    found.push(format!("{file}:{}: `{word}` in {line:?}", n + 1));
                }
            }
            for literal in literals(code) {
                if is_code_desc(literal) {
                    found.push(format!("{file}:{}: {literal:?} in {line:?}", n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "hand-made error codes:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_finds_what_it_looks_for() {
    assert!(is_error_code("4000") && is_error_code("6100") && !is_error_code("2026"));
    assert!(is_code_desc("InvalidParameter.ScalingGroupIdError"));
    assert!(is_code_desc("OperationFailed"));
    assert!(!is_code_desc("asg-demo0001") && !is_code_desc("Running"));
    assert_eq!(literals(r#"error(4000, "A.B", "x")"#), vec!["A.B", "x"]);
}

#[test]
fn every_action_of_the_service_is_implemented() {
    let backend = action_sources()
        .into_iter()
        .find(|(file, _)| file.ends_with("mod.rs"))
        .map(|(_, text)| text)
        .unwrap_or_default();
    let missing: Vec<&str> = qcloud_as::service::METHODS
        .iter()
        .copied()
        .filter(|method| !backend.contains(&format!("async fn {method}(")))
        .collect();
    assert_eq!(
        qcloud_as::service::METHODS.len(),
        qcloud_as::service::ACTIONS.len()
    );
    assert!(
        missing.is_empty(),
        "actions the emulator answers with 6100 (not implemented): {missing:?}"
    );
}

#[test]
fn the_readme_lists_the_api_3_0_actions_answered_unsupported() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .unwrap_or_default();
    let implemented = qcloud_as_emulator::V3_IMPLEMENTED_ACTIONS;
    let service = sources_in("v3")
        .into_iter()
        .find(|(file, _)| file.ends_with("service.rs"))
        .map(|(_, text)| text)
        .unwrap_or_default();
    for (action, method) in qcloud_as::v3::service::ACTIONS
        .iter()
        .zip(qcloud_as::v3::service::METHODS)
    {
        let routed = service.contains(&format!("async fn {method}("));
        assert_eq!(
            implemented.contains(action),
            routed,
            "{action}: listed as implemented and routed must agree"
        );
        let named = |status: &str| {
            readme
                .lines()
                .any(|l| l.contains(&format!("`{action}`")) && l.trim_end().ends_with(status))
        };
        let (listed, other) = (
            named("| implemented |"),
            named("| `UnsupportedOperation` |"),
        );
        assert_eq!(
            (listed, other),
            (routed, !routed),
            "README: {action} should be listed once, as {}",
            if routed {
                "implemented"
            } else {
                "UnsupportedOperation"
            }
        );
    }
}
