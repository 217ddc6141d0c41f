//! Tencent Cloud's official Python SDK for Auto Scaling (API 3.0) drives the emulator binary's
//! 3.0 endpoint: the SDK's own TC3 signing, JSON bodies and answer parsing against ours
//! (`official_sdk_v3.py` says what it does).
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
"#;

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
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/official_sdk_v3.py");
    let endpoint = running.endpoint.clone();
    run_script(
        &mut running,
        &python,
        script,
        &[
            &endpoint,
            "AKIDofficialsdk",
            "official-sdk-key",
            "ins-py000001",
            "ins-py000002",
        ],
    )?;
    Ok(())
}
