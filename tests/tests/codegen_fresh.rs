//! Plain `cargo test` fails when the committed generated code is stale: the same check as
//! `cargo xtask codegen --check`, for every target (the SDK and the command-line tool).

use qcloud_as_codegen::targets::{Target, TARGETS};
use qcloud_as_codegen::{check_drift, generate, generate_target, Artifact};

/// The Auto Scaling API 2.0 SDK target: its spec folder and its output folder.
const SPEC_DIR: &str = TARGETS[0].specs;
const GENERATED_DIR: &str = TARGETS[0].out;
use qcloud_as_tests::workspace_root;
use std::path::{Path, PathBuf};

fn specs() -> std::collections::BTreeMap<String, String> {
    match generate(&workspace_root().join(SPEC_DIR)) {
        Ok(files) => files,
        Err(e) => panic!("the specs in {SPEC_DIR} are invalid:\n{e}"),
    }
}

#[test]
fn the_first_target_is_the_sdk() {
    assert_eq!(TARGETS[0].artifact, Artifact::Sdk);
}

#[test]
fn generated_code_matches_the_specs() {
    for target in TARGETS {
        let files = match generate_target(&workspace_root(), target) {
            Ok(files) => files,
            Err(e) => panic!("the specs in {} are invalid:\n{e}", target.specs),
        };
        let drift = match check_drift(&files, &workspace_root().join(target.out)) {
            Ok(drift) => drift,
            Err(e) => panic!("cannot read {}: {e}", target.out),
        };
        assert!(
            drift.is_empty(),
            "{} is out of date; run `cargo xtask codegen`:\n{drift}",
            target.out
        );
    }
}

fn cli_target() -> &'static Target {
    match TARGETS.iter().find(|t| t.artifact == Artifact::Cli) {
        Some(target) => target,
        None => panic!("no command-line tool target in {TARGETS:?}"),
    }
}

#[test]
fn a_changed_doc_changes_only_its_own_command_file() {
    let target = cli_target();
    // Under a folder of the same name, which the generated headers name.
    let scratch = workspace_root()
        .join("target")
        .join("codegen-fresh-tests")
        .join(format!("cli-specs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let specs = scratch.join("as");
    copy_dir(&workspace_root().join(target.specs), &specs);
    let file = specs.join("DetachInstance.yaml");
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let changed = text.replacen("Detaches CVM instances", "Detaches CVM instanceZ", 1);
    assert_ne!(text, changed, "the doc text to change was not found");
    if let Err(e) = std::fs::write(&file, changed) {
        panic!("{e}");
    }
    let files = match qcloud_as_codegen::generate_artifact(&specs, Artifact::Cli) {
        Ok(files) => files,
        Err(e) => panic!("{e}"),
    };
    let drift = match check_drift(&files, &workspace_root().join(target.out)) {
        Ok(drift) => drift,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(
        drift.changed,
        vec!["detach_instance.rs".to_owned()],
        "{drift}"
    );
    assert!(
        drift.missing.is_empty() && drift.orphaned.is_empty(),
        "{drift}"
    );
    let _ = std::fs::remove_dir_all(&scratch);
}

/// A scratch copy of a folder under the target directory.
fn scratch_copy(from: &Path, name: &str) -> PathBuf {
    let to = workspace_root()
        .join("target")
        .join("codegen-fresh-tests")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&to);
    copy_dir(from, &to);
    to
}

fn copy_dir(from: &Path, to: &Path) {
    if let Err(e) = std::fs::create_dir_all(to) {
        panic!("create {}: {e}", to.display());
    }
    let entries = match std::fs::read_dir(from) {
        Ok(entries) => entries,
        Err(e) => panic!("read {}: {e}", from.display()),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else if let Err(e) = std::fs::copy(&path, &target) {
            panic!("copy {}: {e}", path.display());
        }
    }
}

#[test]
fn one_changed_character_of_doc_text_is_caught() {
    let specs = scratch_copy(&workspace_root().join(SPEC_DIR), "specs");
    let file = specs.join("DetachInstance.yaml");
    let text = std::fs::read_to_string(&file).unwrap_or_default();
    let changed = text.replacen("Detaches CVM instances", "Detaches CVM instanceZ", 1);
    assert_ne!(text, changed, "the doc text to change was not found");
    if let Err(e) = std::fs::write(&file, changed) {
        panic!("{e}");
    }
    let files = match generate(&specs) {
        Ok(files) => files,
        Err(e) => panic!("{e}"),
    };
    let drift = match check_drift(&files, &workspace_root().join(GENERATED_DIR)) {
        Ok(drift) => drift,
        Err(e) => panic!("{e}"),
    };
    // The action's doc shows in its own file, and its first line in the module list and trait.
    assert!(
        drift
            .changed
            .contains(&"operation/detach_instance.rs".to_owned()),
        "{drift}"
    );
    assert!(
        drift
            .changed
            .iter()
            .all(|f| !f.contains("describe") && !f.contains("create")),
        "other actions' files must not change: {drift}"
    );
    assert!(
        drift.missing.is_empty() && drift.orphaned.is_empty(),
        "{drift}"
    );
    let _ = std::fs::remove_dir_all(&specs);
}

#[test]
fn a_generated_file_no_spec_produces_is_caught() {
    let generated = scratch_copy(&workspace_root().join(GENERATED_DIR), "generated");
    if let Err(e) = std::fs::write(generated.join("operation/retired_action.rs"), "// old\n") {
        panic!("{e}");
    }
    let drift = match check_drift(&specs(), &generated) {
        Ok(drift) => drift,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(
        drift.orphaned,
        vec!["operation/retired_action.rs".to_owned()],
        "{drift}"
    );
    let _ = std::fs::remove_dir_all(&generated);
}

#[test]
fn xtask_check_fails_on_drift_and_passes_after_regenerating() {
    // The xtask binary's own logic is `generate` + `check_drift` + `write`; exercise `write`
    // on a scratch copy: after it, there is no drift.
    let generated = scratch_copy(&workspace_root().join(GENERATED_DIR), "rewrite");
    let _ = std::fs::write(
        generated.join("operation/detach_instance.rs"),
        "// edited by hand\n",
    );
    let _ = std::fs::write(generated.join("orphan.rs"), "// no spec\n");
    let files = specs();
    let before = match check_drift(&files, &generated) {
        Ok(drift) => drift,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(before.changed.len() + before.orphaned.len(), 2, "{before}");
    let touched = match qcloud_as_codegen::write(&files, &generated) {
        Ok(touched) => touched,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(touched.len(), 2, "{touched:?}");
    let after = match check_drift(&files, &generated) {
        Ok(drift) => drift,
        Err(e) => panic!("{e}"),
    };
    assert!(after.is_empty(), "{after}");
    let _ = std::fs::remove_dir_all(&generated);
}
