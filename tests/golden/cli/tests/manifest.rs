//! This package builds the CLI's library source against the fixture SDK, so it must have the
//! CLI's dependencies: compares the two manifests' `[dependencies]` tables line by line
//! (comments and blank lines aside), the `qcloud-as` line apart (here it names
//! qcloud-as-golden-sdk).

use std::path::Path;

/// The lines of `[dependencies]` in the manifest at `path`, without comments, blank lines and
/// the `qcloud-as` dependency.
fn dependencies(path: &Path) -> Vec<String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => panic!("{}: {e}", path.display()),
    };
    text.lines()
        .skip_while(|line| line.trim() != "[dependencies]")
        .skip(1)
        .take_while(|line| !line.trim_start().starts_with('['))
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter(|line| !line.starts_with("qcloud-as ="))
        .map(str::to_owned)
        .collect()
}

#[test]
fn dependencies_are_the_cli_s() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ours = dependencies(&here.join("Cargo.toml"));
    let cli = dependencies(&here.join("../../../cli/Cargo.toml"));
    assert!(!cli.is_empty(), "cli/Cargo.toml has no [dependencies]");
    assert_eq!(
        ours, cli,
        "[dependencies] of tests/golden/cli/Cargo.toml differs from cli/Cargo.toml's"
    );
}
