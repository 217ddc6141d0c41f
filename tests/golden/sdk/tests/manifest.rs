//! This package builds qcloud-as's source, so it must have qcloud-as's dependencies and
//! features: a dependency qcloud-as gains (or a feature of one it turns on) would otherwise be
//! missing here, or present only through another crate's features. Compares the two manifests'
//! `[dependencies]` and `[features]` tables line by line (comments and blank lines aside), with
//! only the `default` feature allowed to differ.

use std::path::Path;

/// The lines of `table` in the manifest at `path`: no comments, no blank lines.
fn table(path: &Path, table: &str) -> Vec<String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => panic!("{}: {e}", path.display()),
    };
    let header = format!("[{table}]");
    text.lines()
        .skip_while(|line| line.trim() != header)
        .skip(1)
        .take_while(|line| !line.trim_start().starts_with('['))
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter(|line| !line.starts_with("default ="))
        .map(str::to_owned)
        .collect()
}

#[test]
fn dependencies_and_features_are_qcloud_as_s() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ours = here.join("Cargo.toml");
    let sdk = here.join("../../../qcloud-as/Cargo.toml");
    for name in ["dependencies", "features"] {
        let (ours, sdk) = (table(&ours, name), table(&sdk, name));
        assert!(!sdk.is_empty(), "qcloud-as/Cargo.toml has no [{name}]");
        assert_eq!(
            ours, sdk,
            "[{name}] of tests/golden/sdk/Cargo.toml differs from qcloud-as/Cargo.toml's"
        );
    }
}
