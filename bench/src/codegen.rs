//! `codegen_ms` and `codegen_doubling`: generating the whole `api-specs/` tree in-process, once
//! and with the spec set doubled.

use crate::{median_time, Figure};
use std::hint::black_box;
use std::path::{Path, PathBuf};

/// Copies every spec of `from` into `to` twice: as it is, and with each action renamed.
fn doubled_specs(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir(from).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
        std::fs::write(to.join(name), &text).map_err(|e| e.to_string())?;
        if let Some(stem) = name.strip_suffix(".yaml").filter(|s| *s != "service") {
            // The copy's action, Rust name and waiters (named service-wide) get new names.
            let mut in_waiters = false;
            let copy = text
                .lines()
                .map(|line| {
                    if !line.starts_with(' ') {
                        in_waiters = line == "waiters:";
                    }
                    if let Some(action) = line.strip_prefix("action: ") {
                        format!("action: {action}Copy")
                    } else if let Some(rust) = line.strip_prefix("rustName: ") {
                        format!("rustName: {rust}Copy")
                    } else if in_waiters
                        && line.starts_with("  ")
                        && !line.starts_with("   ")
                        && line.ends_with(':')
                    {
                        format!("{}Copy:", line.trim_end_matches(':'))
                    } else {
                        line.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            std::fs::write(to.join(format!("{stem}Copy.yaml")), copy).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

pub(crate) fn codegen(root: &Path, quick: bool) -> Result<Vec<Figure>, String> {
    // The whole tree: every spec folder, generated one after the other.
    let folders = ["api-specs/as", "api-specs/as-v3"];
    let specs: Vec<PathBuf> = folders.iter().map(|f| root.join(f)).collect();
    let doubled: Vec<PathBuf> = folders
        .iter()
        .map(|f| root.join("target/bench/doubled-specs").join(f))
        .collect();
    for (from, to) in specs.iter().zip(&doubled) {
        let _ = std::fs::remove_dir_all(to);
        doubled_specs(from, to)?;
    }
    let runs = if quick { 3 } else { 9 };
    let generate = |dirs: &[PathBuf]| -> Result<usize, String> {
        let mut files = 0;
        for dir in dirs {
            files += qcloud_as_codegen::generate(dir)
                .map(|files| files.len())
                .map_err(|e| e.to_string())?;
        }
        Ok(files)
    };
    let files = generate(&specs)?;
    let doubled_files = generate(&doubled)?;
    let once = median_time(runs, 1, || {
        black_box(generate(&specs).ok());
    });
    let twice = median_time(runs, 1, || {
        black_box(generate(&doubled).ok());
    });
    let _ = std::fs::remove_dir_all(root.join("target/bench/doubled-specs"));
    Ok(vec![
        Figure {
            name: "codegen_ms",
            value: once.as_secs_f64() * 1e3,
            target: None,
            detail: format!("{files} files from {}", folders.join(" and ")),
        },
        Figure {
            name: "codegen_doubling",
            value: twice.as_secs_f64() / once.as_secs_f64(),
            target: Some(2.0),
            detail: format!(
                "{doubled_files} files: {:.1} ms / {:.1} ms",
                twice.as_secs_f64() * 1e3,
                once.as_secs_f64() * 1e3
            ),
        },
    ])
}
