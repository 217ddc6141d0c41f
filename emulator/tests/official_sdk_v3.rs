//! Tencent Cloud's official Python SDK for Auto Scaling (API 3.0) drives the emulator binary's
//! 3.0 endpoint: the SDK's own TC3 signing, JSON bodies and answer parsing against ours. Every
//! script in `official_sdk_v3/` (one per family of actions; `sdk.py` holds what they share and
//! says how they are run) runs against a fresh binary, and each must print "all checks passed".
//!
//! The SDK is installed, at pinned versions, into a virtual environment under the target folder
//! (once; later runs reuse it). Installing needs PyPI: CI sets `QCLOUD_AS_OFFICIAL_SDK=required`,
//! so there a failed installation fails the test; elsewhere the test says why it did not run.

mod common;

use common::process::{run_script, spawn, write_state};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The official packages, pinned.
const PACKAGES: &[&str] = &[
    "tencentcloud-sdk-python-common==3.1.195",
    "tencentcloud-sdk-python-autoscaling==3.1.169",
];

const STATE: &str = r#"
credentials:
  - {secretId: AKIDofficialsdk, secretKey: official-sdk-key}
instances:
  - {instanceId: ins-py000001, state: Running}
  - {instanceId: ins-py000002, state: Running}
  - {instanceId: ins-py000003, state: Running}
  - {instanceId: ins-py000004, state: Running}
  - {instanceId: ins-py000005, state: Running}
  - {instanceId: ins-py000006, state: Running}
"#;

/// The instances of [`STATE`], handed to every script.
const INSTANCES: &[&str] = &[
    "ins-py000001",
    "ins-py000002",
    "ins-py000003",
    "ins-py000004",
    "ins-py000005",
    "ins-py000006",
];

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn required() -> bool {
    std::env::var("QCLOUD_AS_OFFICIAL_SDK").is_ok_and(|v| v == "required")
}

/// The virtual environment's Python with the packages installed, or why there is none.
fn python_with_sdk() -> Result<PathBuf, String> {
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("official-sdk-venv");
    let python = venv.join("bin").join("python");
    let marker = venv.join(PACKAGES.join(" ").replace(['=', ' '], "_"));
    if marker.exists() {
        return Ok(python);
    }
    let run = |command: &mut Command| -> Result<(), String> {
        let output = command.output().map_err(|e| format!("{command:?}: {e}"))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{command:?} failed:\n{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ))
        }
    };
    run(Command::new("python3")
        .args(["-m", "venv", "--clear"])
        .arg(&venv))?;
    run(Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .args(PACKAGES))?;
    std::fs::write(&marker, b"").map_err(|e| format!("{}: {e}", marker.display()))?;
    Ok(python)
}

/// The scripts of `official_sdk_v3/`, sorted (every `.py` file but the shared `sdk.py`).
fn scripts() -> Result<Vec<PathBuf>, Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/official_sdk_v3");
    let mut scripts = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        let is_script = path.extension().is_some_and(|e| e == "py")
            && path.file_name().is_some_and(|n| n != "sdk.py");
        if is_script {
            scripts.push(path);
        }
    }
    scripts.sort();
    Ok(scripts)
}

#[test]
fn the_official_python_sdk_drives_the_3_0_endpoint() -> TestResult {
    let python = match python_with_sdk() {
        Ok(python) => python,
        Err(why) if required() => return Err(why.into()),
        Err(why) => {
            eprintln!(
                "the official SDK could not be installed (PyPI unreachable?): skipping\n{why}"
            );
            return Ok(());
        }
    };
    let scripts = scripts()?;
    assert!(!scripts.is_empty(), "no script in tests/official_sdk_v3");
    for script in &scripts {
        let dir = tempfile::tempdir()?;
        let state = write_state(&dir, STATE)?;
        let mut running = spawn(&[
            "--listen",
            "127.0.0.1:0",
            "--clock",
            "frozen",
            "--state",
            &state,
        ])?;
        let endpoint = running.endpoint.clone();
        let script = script.to_str().ok_or("a script path that is not UTF-8")?;
        let mut args = vec![endpoint.as_str(), "AKIDofficialsdk", "official-sdk-key"];
        args.extend_from_slice(INSTANCES);
        eprintln!("== {script}");
        run_script(&mut running, &python, script, &args)?;
    }
    Ok(())
}
