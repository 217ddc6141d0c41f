//! The domain (`emulator/src/domain/`) is protocol-free: no file of it names the SDK (whose
//! `operation`, `types`, `server` and `v3` modules are API 2.0's and API 3.0's wire shapes),
//! nor the emulator's protocol adapters or the state that stores wire records.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => panic!("cannot read {}: {e}", dir.display()),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

#[test]
fn the_domain_imports_no_protocol() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain");
    let files = rust_files(&dir);
    assert!(
        files.len() >= 5,
        "expected the domain's modules in {}",
        dir.display()
    );
    let forbidden = [
        "qcloud_as",
        "crate::state",
        "crate::actions",
        "crate::v3",
        "crate::server",
        "super::super",
    ];
    let mut found = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            // Doc links may name the state that implements the store; code may not.
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            for word in forbidden {
                if code.contains(word) {
                    found.push(format!("{}:{}: {word}", path.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the domain names a protocol:\n{}",
        found.join("\n")
    );
}

/// The lines of code (not comments) of `path` that contain `word`: their number and text.
fn code_lines_with(path: &Path, word: &str) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//") && line.contains(word))
        .map(|(n, line)| (n + 1, line.to_owned()))
        .collect()
}

#[test]
fn activities_are_stored_and_simulated_as_the_domains() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut note = |path: &Path, (n, line): (usize, String)| {
        found.push(format!("{}:{n}: {}", path.display(), line.trim()));
    };
    // The activity storage, its format upgrade and the member commands' runs name no SDK.
    for file in [
        "state/activities.rs",
        "state/upgrade_activities.rs",
        "sim/activity/members.rs",
    ] {
        let path = src.join(file);
        assert!(path.is_file(), "{} is missing", path.display());
        for line in code_lines_with(&path, "qcloud_as") {
            note(&path, line);
        }
    }
    // Nothing under `state/` or `sim/` holds an activity in a protocol's shape: API 2.0's
    // record (`ScalingActivity`) and its type and status enums are only its adapter's.
    for dir in ["state", "sim"] {
        for path in rust_files(&src.join(dir)) {
            for line in code_lines_with(&path, "ScalingActivity") {
                note(&path, line);
            }
            for line in code_lines_with(&path, "qcloud_as") {
                if line.1.contains("ActivityStatus") || line.1.contains("ActivityType") {
                    note(&path, line);
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "activities in a protocol's shape:\n{}",
        found.join("\n")
    );
}

/// Whether a line of code (not a comment) names the SDK, the crate `qcloud_as` (in a path or
/// an import; the emulator's own name, `qcloud_as_emulator`, is not the SDK).
fn names_the_sdk(line: &str) -> bool {
    let code = line.trim_start();
    !code.starts_with("//")
        && code.match_indices("qcloud_as").any(|(at, word)| {
            let after = code[at + word.len()..].chars().next();
            !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// The files under `sim/` and `state/` that may name the SDK, each with why: none. The state
/// and the simulation hold the domain's types only; old formats' wire words are read by the
/// state's own readers (`state/upgrade_*`, `state/policies.rs`, `state/metric_words.rs`), and
/// the SDK's shapes appear only in the protocols' adapters (`actions/`, `v3/`) and in
/// `upgrade/`. A file that names the SDK again fails the test below.
const STILL_NAMING_THE_SDK: [(&str, &str); 0] = [];

#[test]
fn only_the_listed_state_and_simulation_files_name_the_sdk() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for dir in ["sim", "state"] {
        files.extend(rust_files(&src.join(dir)));
    }
    assert!(
        files.len() >= 10,
        "expected the state's and the simulation's modules"
    );
    let mut unexpected = Vec::new();
    let mut naming = Vec::new();
    for path in &files {
        let relative = path
            .strip_prefix(&src)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let lines: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, line)| names_the_sdk(line))
            .map(|(n, _)| n + 1)
            .collect();
        if lines.is_empty() {
            continue;
        }
        naming.push(relative.clone());
        if !STILL_NAMING_THE_SDK.iter().any(|(f, _)| *f == relative) {
            unexpected.push(format!("{relative}: lines {lines:?}"));
        }
    }
    assert!(
        unexpected.is_empty(),
        "these files name the SDK and are not on the list (convert at the protocol's edge):\n{}",
        unexpected.join("\n")
    );
    let cleared: Vec<&str> = STILL_NAMING_THE_SDK
        .iter()
        .map(|(f, _)| *f)
        .filter(|f| !naming.iter().any(|n| n == f))
        .collect();
    assert!(
        cleared.is_empty(),
        "these files no longer name the SDK: take them off the list:\n{}",
        cleared.join("\n")
    );
}

#[test]
fn the_sdk_check_sees_paths_and_imports_but_not_comments() {
    assert!(names_the_sdk("use qcloud_as::types::{"));
    assert!(names_the_sdk(
        "    pub use qcloud_as::types::ScalingPolicy;"
    ));
    assert!(names_the_sdk("    x: qcloud_as::v3::types::Tag,"));
    assert!(names_the_sdk("pub(crate) use qcloud_as;"));
    assert!(!names_the_sdk("/// use qcloud_as_emulator::State;"));
    assert!(!names_the_sdk("// qcloud_as::types::Metric"));
    assert!(!names_the_sdk("let e: qcloud_as_emulator::Error;"));
}
/// The SDK paths a file names: its `use qcloud_as…;` statements (whole, over their lines) and
/// the `qcloud_as::…` paths in its code.
fn sdk_paths(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (n, line) in text.lines().enumerate() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        if let Some((start, mut statement)) = open.take() {
            statement.push_str(code);
            if code.contains(';') {
                found.push((start, statement));
            } else {
                open = Some((start, statement));
            }
            continue;
        }
        if code.starts_with("use qcloud_as") || code.starts_with("pub use qcloud_as") {
            if code.contains(';') {
                found.push((n + 1, code.to_owned()));
            } else {
                open = Some((n + 1, code.to_owned()));
            }
        } else if let Some(at) = code.find("qcloud_as::") {
            found.push((n + 1, code[at..].to_owned()));
        }
    }
    found
}

/// Scaling groups and their members are stored as the domain's types: neither the state nor
/// the simulation imports the SDK's shapes of a group or a member (their words, load balancers
/// or API 3.0 settings).
#[test]
fn groups_and_members_are_stored_as_the_domains() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let forbidden = [
        "CreationType",
        "HealthStatus",
        "LifeCycleState",
        "RemovePolicy",
        "ForwardLbInfo",
        "RsInfo",
        "ServiceSettings",
        "SpotMixedAllocationPolicy",
        "InstanceNameIndexSettings",
        "HostNameIndexSettings",
    ];
    let mut found = Vec::new();
    let mut files = 0;
    for dir in ["sim", "state"] {
        for path in rust_files(&src.join(dir)) {
            files += 1;
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for (line, path_text) in sdk_paths(&text) {
                let words: Vec<&str> = path_text
                    .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .collect();
                for word in forbidden {
                    if words.contains(&word) {
                        found.push(format!("{}:{line}: {word}", path.display()));
                    }
                }
            }
        }
    }
    assert!(
        files >= 10,
        "expected the state's and the simulation's modules"
    );
    assert!(
        found.is_empty(),
        "the state or the simulation imports the SDK's group or member shapes:\n{}",
        found.join("\n")
    );
}

#[test]
fn launch_configurations_are_stored_as_the_domains() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    // The state holds the domain's launch configuration; no protocol's shape of one (API 2.0's
    // record, API 3.0's, or their parts) is named under `state/` or `sim/`. Formats 1 to 3 are
    // read in `upgrade/launch.rs`.
    let shapes = [
        "ScalingConfiguration",
        "LaunchConfiguration",
        "SystemDisk",
        "DataDisk",
        "InternetAccessible",
    ];
    for dir in ["state", "sim"] {
        for path in rust_files(&src.join(dir)) {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let code: Vec<&str> = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect();
            let code = code.join("\n");
            // Each path through the SDK, to the end of its statement (a `use` over lines).
            for (at, _) in code.match_indices("qcloud_as") {
                let rest = code.get(at..).unwrap_or_default();
                let statement = rest.split(';').next().unwrap_or_default();
                if let Some(shape) = shapes.iter().find(|s| statement.contains(*s)) {
                    found.push(format!("{}: {shape} in {statement:?}", path.display()));
                }
            }
        }
    }
    let state = std::fs::read_to_string(src.join("state/mod.rs")).unwrap_or_default();
    assert!(
        state.contains("pub launch_configurations: Vec<LaunchConfiguration>,")
            && state.contains("pub use crate::domain::launch_configuration::LaunchConfiguration;"),
        "the state's launch configurations are not the domain's"
    );
    assert!(
        found.is_empty(),
        "launch configurations in a protocol's shape:\n{}",
        found.join("\n")
    );
}
