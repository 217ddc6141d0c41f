//! The importer on the hand-written fixture in `xtask/tests/fixtures/import/`: the expected
//! files, determinism, re-imports, the fallback without per-action lists, labels and
//! arguments; errors on malformed input in [`malformed`], the official examples in
//! [`examples`]. `XTASK_UPDATE_FIXTURES=1 cargo test -p xtask` rewrites `expected/`.

mod examples;
mod malformed;

use super::*;
use std::sync::atomic::{AtomicUsize, Ordering};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// A new empty folder under the system's temporary folder.
fn scratch(what: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "xtask-import-{}-{what}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The fixture's options; the overlay is named as the header shows it.
fn options(out: &Path) -> Options {
    Options {
        api_json: fixture("api.json"),
        error_codes: fixture("errorcodes.py"),
        client: Some(fixture("client.go")),
        examples: None,
        overlay: fixture("overlay.yaml"),
        out: out.to_path_buf(),
        api_json_from: Some("fixture-cli 1.0".to_owned()),
        error_codes_from: Some("fixture-sdk 2.0".to_owned()),
        client_from: Some("fixture-go v3.0".to_owned()),
        examples_from: None,
    }
}

/// The fixture's headers name the overlay by a path that does not depend on the checkout.
fn fixture_build(options: &Options) -> Result<Built, ImportErrors> {
    let root = fixture("");
    let mut built = build(options)?;
    for text in built.files.values_mut() {
        *text = text.replace(&root.display().to_string(), "tests/fixtures/import/");
    }
    Ok(built)
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".yaml"))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn fixture_gives_the_expected_files() {
    let built = fixture_build(&options(&scratch("unused"))).unwrap();
    let expected_dir = fixture("expected");
    if std::env::var_os("XTASK_UPDATE_FIXTURES").is_some() {
        let _ = std::fs::remove_dir_all(&expected_dir);
        std::fs::create_dir_all(&expected_dir).unwrap();
        for (name, text) in &built.files {
            std::fs::write(expected_dir.join(name), text).unwrap();
        }
    }
    let expected = read_dir(&expected_dir);
    assert_eq!(
        built.files.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (name, text) in &built.files {
        assert_eq!(text, &expected[name], "{name} differs from expected/{name}");
    }
    assert_eq!(
        built.counts,
        Counts {
            actions: 3,
            types: 4,
            fields: 4 + 3 + 7 + 3 + 2 + 1 + 2 + 8 + 4,
            common_errors: COMMON_COUNT,
            errors: 4,
            action_errors: 4,
        }
    );
    let notes = built.notes.join("\n");
    for part in [
        "InternalError (1)",
        "codes of errorcodes.py that no action lists (left out): LimitExceeded.WidgetQuota",
    ] {
        assert!(notes.contains(part), "{notes}");
    }
}

const COMMON_COUNT: usize = convert::COMMON_ERRORS.len();

#[test]
fn the_expected_files_load_in_the_codegen() {
    // The folder must hold the files only (and the codegen checks every rule).
    let dir = scratch("codegen");
    for (name, text) in read_dir(&fixture("expected")) {
        std::fs::write(dir.join(name), text).unwrap();
    }
    if let Err(errors) = qcloud_as_codegen::generate(&dir) {
        panic!("{errors}");
    }
}

#[test]
fn overlay_waiters_are_written_into_their_action_files() {
    let built = fixture_build(&options(&scratch("waiters"))).unwrap();
    let describe = &built.files["DescribeWidgets.yaml"];
    let waiters = describe
        .split_once("\nwaiters:\n")
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    // By name, each with its keys in the spec format's order; only the delays given.
    assert!(
        waiters.starts_with("  WidgetsFast:\n    doc: |\n"),
        "{describe}"
    );
    assert!(waiters.contains(
        "    path: WidgetSet.Size\n    success: {all: [0]}\n    failure: {any: [7, 9]}\n    maxWait: 60\n"
    ));
    // A text that YAML would read otherwise is quoted; wire values stay as written.
    assert!(waiters.contains("    success: {any: [FAST_AND_LOUD, slow-ish, \".\"]}\n"));
    assert!(!built.files["ResizeWidget.yaml"].contains("waiters:"));

    // A waiter of an action the description does not have is refused like its docs.
    let dir = scratch("stale-waiter");
    let overlay = std::fs::read_to_string(fixture("overlay.yaml")).unwrap();
    let overlay = overlay.replacen(
        "\ntypes:\n",
        "\n  NoSuchAction:\n    waiters: {}\ntypes:\n",
        1,
    );
    std::fs::write(dir.join("overlay.yaml"), overlay).unwrap();
    let mut options = options(&dir);
    options.overlay = dir.join("overlay.yaml");
    let errors = build(&options)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        errors.contains("actions.NoSuchAction: no such action"),
        "{errors}"
    );
}

#[test]
fn importing_twice_gives_the_same_bytes() {
    let a = build(&options(&scratch("a"))).unwrap();
    let b = build(&options(&scratch("b"))).unwrap();
    assert_eq!(a, b);
}

#[test]
fn importing_into_the_output_changes_nothing() {
    let out = scratch("again");
    let first = import(&options(&out)).unwrap();
    assert_eq!(first.touched.len(), first.files.len());
    std::fs::write(out.join("README.md"), "not ours").unwrap();
    std::fs::write(out.join("Hand.yaml"), "action: Hand\n").unwrap();
    let before = read_dir(&out);
    let second = import(&options(&out)).unwrap();
    assert!(second.touched.is_empty(), "{:?}", second.touched);
    assert_eq!(read_dir(&out), before);
    assert_eq!(
        std::fs::read_to_string(out.join("README.md")).unwrap(),
        "not ours"
    );

    // A file of an earlier import that is no longer produced goes; a hand-written one stays.
    let stale = format!("# {HEADER_START} from somewhere.\naction: Gone\n");
    std::fs::write(out.join("Gone.yaml"), stale).unwrap();
    let third = import(&options(&out)).unwrap();
    assert_eq!(third.touched, vec!["Gone.yaml".to_owned()]);
    assert!(!out.join("Gone.yaml").exists());
    assert!(out.join("Hand.yaml").exists());
}

#[test]
fn without_per_action_lists_business_codes_are_common() {
    let mut options = options(&scratch("fallback"));
    options.client = None;
    let built = build(&options).unwrap();
    let service = &built.files["service.yaml"];
    assert!(service.contains(
        "  - {code: InvalidParameterConflict, variant: InvalidParameterConflictUndotted, doc: \
         \"Invalid parameter conflict.\"}\n"
    ));
    assert!(service.contains(
        "  - {code: ResourceNotFound.WidgetNotFound, variant: ResourceNotFoundWidgetNotFound, \
         doc: \"There is no such widget.\"}\n"
    ));
    // InternalError is common already: once.
    assert_eq!(service.matches("{code: InternalError,").count(), 1);
    assert_eq!(built.counts.common_errors, COMMON_COUNT + 5);
    for name in [
        "DescribeWidgets.yaml",
        "ResizeWidget.yaml",
        "UpgradeWidget.yaml",
    ] {
        // (DescribeWidgets's waiters follow its errors.)
        assert!(built.files[name].contains("\nerrors: []\n"), "{name}");
        assert!(!built.files[name].contains("\n  - {code: "), "{name}");
    }
    assert!(built.files["service.yaml"].starts_with(&format!(
        "# {HEADER_START} from fixture-cli 1.0 (api.json) and fixture-sdk 2.0 (errorcodes.py)."
    )));
}

#[test]
fn a_missing_overlay_gives_docs_made_from_names() {
    let mut options = options(&scratch("no-overlay"));
    options.overlay = fixture("no-such-overlay.yaml");
    let built = build(&options).unwrap();
    assert!(built.files["ResizeWidget.yaml"].contains("doc: |\n  Resize widget.\n"));
    assert!(built.files["ResizeWidget.yaml"].contains(
        "{code: ResourceNotFound.WidgetNotFound, doc: \"Resource not found: widget not found.\"}"
    ));
    assert!(built.notes[0].contains("does not exist"));
}

fn assert_names(message: &str, parts: &[&str]) {
    for part in parts {
        assert!(message.contains(part), "{part:?} not in: {message}");
    }
}

#[test]
fn an_overlay_doc_of_a_disabled_member_is_only_noted() {
    let dir = scratch("disabled");
    let path = dir.join("overlay.yaml");
    std::fs::write(
        &path,
        "actions:\n  ResizeWidget:\n    parameters: {OldSize: x}\n",
    )
    .unwrap();
    let mut options = options(&dir);
    options.overlay = path;
    let built = build(&options).unwrap();
    assert!(built
        .notes
        .iter()
        .any(|n| n.contains("actions.ResizeWidget.parameters.OldSize")));
}

#[test]
fn labels_come_from_wheels_and_go_module_paths() {
    let dir = scratch("wheel");
    let file = dir.join("pkg/services/api.json");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "{}").unwrap();
    let info = dir.join("fixture_pkg-1.2.3.dist-info");
    std::fs::create_dir_all(&info).unwrap();
    std::fs::write(
        info.join("METADATA"),
        "Metadata-Version: 2.1\nName: fixture-pkg\nVersion: 1.2.3\n\nName: not this\n",
    )
    .unwrap();
    std::fs::write(info.join("RECORD"), "pkg/other.py,sha256=x,1\n").unwrap();
    assert_eq!(wheel_label(&file), None, "RECORD does not list it");
    std::fs::write(
        info.join("RECORD"),
        "pkg/services/api.json,sha256=x,2\npkg/other.py,sha256=x,1\n",
    )
    .unwrap();
    assert_eq!(wheel_label(&file).as_deref(), Some("fixture-pkg 1.2.3"));
    assert_eq!(label(&file, Some("given 9")).unwrap(), "given 9".to_owned());

    let go = Path::new("/home/u/go/pkg/mod/github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/as@v1.3.128/v20180419/client.go");
    assert_eq!(
        go_module_label(go).as_deref(),
        Some("github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/as v1.3.128")
    );
    let message = label(Path::new("/nowhere/client.go"), None)
        .unwrap_err()
        .to_string();
    assert_names(&message, &["/nowhere/client.go", "--client-from"]);
}

#[test]
fn arguments() {
    let parsed = parse_args(&[
        "--api-json",
        "a.json",
        "--error-codes",
        "e.py",
        "--overlay",
        "o.yaml",
        "--out",
        "out",
    ])
    .unwrap();
    assert_eq!(parsed.api_json, PathBuf::from("a.json"));
    assert_eq!(parsed.client, None);
    assert_eq!(parsed.examples, None);
    let parsed = parse_args(&[
        "--api-json",
        "a.json",
        "--error-codes",
        "e.py",
        "--examples",
        "x.json",
        "--examples-from",
        "pkg 1",
        "--overlay",
        "o.yaml",
        "--out",
        "out",
    ])
    .unwrap();
    assert_eq!(parsed.examples, Some(PathBuf::from("x.json")));
    assert_eq!(parsed.examples_from.as_deref(), Some("pkg 1"));
    assert!(parse_args(&["--api-json", "a.json"])
        .unwrap_err()
        .contains("--error-codes is required"));
    assert!(parse_args(&["--bogus", "x"])
        .unwrap_err()
        .contains("--bogus"));
    assert!(parse_args(&["--out"])
        .unwrap_err()
        .contains("needs a value"));
}
