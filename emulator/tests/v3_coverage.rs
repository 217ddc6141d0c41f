//! The 58 API 3.0 actions against what the emulator does with them: every action of the spec
//! set (`api-specs/as-v3/*.yaml`) is driven by a script of `official_sdk_v3/` (a call
//! `cli.<Action>`) and implemented (in `V3_IMPLEMENTED_ACTIONS`), except the actions of
//! [`NOT_YET`], which must be neither implemented nor driven yet. Both tests print what is left.
//! The list shrinks as the families land; it is empty when every action is done.

use std::collections::BTreeSet;
use std::path::Path;

/// The API 3.0 actions not yet implemented, so driven by no script (each would answer
/// `UnsupportedOperation`): none, now that every family has landed. An action the specs add
/// later goes here until it is implemented and driven.
const NOT_YET: &[&str] = &[];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every file of `dir` whose name ends with `suffix`, with its text.
fn files(dir: &Path, suffix: &str) -> Vec<(String, String)> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => panic!("cannot read {}: {e}", dir.display()),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(suffix) {
            match std::fs::read_to_string(entry.path()) {
                Ok(text) => out.push((name, text)),
                Err(e) => panic!("cannot read {name}: {e}"),
            }
        }
    }
    out.sort();
    out
}

/// The actions of the spec set: the `action:` of each `api-specs/as-v3/*.yaml`.
fn spec_actions() -> BTreeSet<String> {
    files(&root().join("../api-specs/as-v3"), ".yaml")
        .into_iter()
        .filter_map(|(_, text)| {
            text.lines()
                .find_map(|l| l.strip_prefix("action:"))
                .map(|a| a.trim().to_owned())
        })
        .collect()
}

/// The actions a Python text calls on the SDK client: `cli.<Action>` (called, or handed to a
/// helper such as `expect_error(code, cli.<Action>, …)`).
fn called_in(text: &str) -> BTreeSet<String> {
    let mut called = BTreeSet::new();
    for (at, _) in text.match_indices("cli.") {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let name: String = text[at + 4..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if name.starts_with(|c: char| c.is_ascii_uppercase()) {
            called.insert(name);
        }
    }
    called
}

/// The actions the scripts of `official_sdk_v3/` drive.
fn driven() -> BTreeSet<String> {
    files(&root().join("tests/official_sdk_v3"), ".py")
        .iter()
        .flat_map(|(_, text)| called_in(text))
        .collect()
}

/// The sorted list `NOT_YET` is, each an action of the spec set and not implemented.
fn check_not_yet(spec: &BTreeSet<String>, implemented: &BTreeSet<String>) -> Vec<String> {
    let mut wrong = Vec::new();
    if NOT_YET.windows(2).any(|w| w[0] >= w[1]) {
        wrong.push("NOT_YET is not sorted, or names an action twice".to_owned());
    }
    for action in NOT_YET {
        if !spec.contains(*action) {
            wrong.push(format!(
                "{action} (in NOT_YET) is not an action of the spec set"
            ));
        }
        if implemented.contains(*action) {
            wrong.push(format!(
                "{action} is implemented: take it out of NOT_YET (and drive it from a script)"
            ));
        }
    }
    wrong
}

fn implemented() -> BTreeSet<String> {
    qcloud_as_emulator::V3_IMPLEMENTED_ACTIONS
        .iter()
        .map(|a| (*a).to_owned())
        .collect()
}

#[test]
fn the_official_sdk_scripts_drive_every_api_3_0_action() {
    let spec = spec_actions();
    assert_eq!(spec.len(), 58, "the spec set has the 58 actions: {spec:?}");
    let driven = driven();
    let undriven: Vec<&String> = spec.difference(&driven).collect();
    println!(
        "API 3.0 actions no official SDK script drives ({}): {undriven:?}",
        undriven.len()
    );
    let mut wrong = check_not_yet(&spec, &implemented());
    for action in driven.difference(&spec) {
        wrong.push(format!(
            "a script calls cli.{action}, which is no action of the spec set"
        ));
    }
    for action in &undriven {
        if !NOT_YET.contains(&action.as_str()) {
            wrong.push(format!(
                "{action} is driven by no script of tests/official_sdk_v3 and not in NOT_YET"
            ));
        }
    }
    for action in NOT_YET {
        if driven.contains(*action) {
            wrong.push(format!(
                "{action} is driven by a script: take it out of NOT_YET"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_api_3_0_action_is_implemented() {
    let spec = spec_actions();
    let implemented = implemented();
    let missing: Vec<&String> = spec.difference(&implemented).collect();
    println!(
        "API 3.0 actions the emulator answers UnsupportedOperation ({}): {missing:?}",
        missing.len()
    );
    let mut wrong = check_not_yet(&spec, &implemented);
    for action in &missing {
        if !NOT_YET.contains(&action.as_str()) {
            wrong.push(format!("{action} is not implemented and not in NOT_YET"));
        }
    }
    for action in implemented.difference(&spec) {
        wrong.push(format!(
            "{action} is implemented but no action of the spec set"
        ));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn calls_are_read_from_python_text() {
    let text =
        "a = cli.DescribeRefreshActivities(req)\nexpect_error(c, cli.StopInstanceRefresh, r)\n\
                x = mycli.AttachInstances(r)\ncli.helper()\n";
    let called: Vec<String> = called_in(text).into_iter().collect();
    assert_eq!(called, ["DescribeRefreshActivities", "StopInstanceRefresh"]);
}
