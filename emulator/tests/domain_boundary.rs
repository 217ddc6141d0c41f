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
