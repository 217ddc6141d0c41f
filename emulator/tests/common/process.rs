//! The emulator binary as a child process, and scripts in other languages run against it.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_qcloud-as-emulator");

/// A running binary; killed on drop if still running.
pub struct Running {
    pub child: Child,
    pub endpoint: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the binary with `args` and reads the endpoint from its first line.
pub fn spawn(args: &[&str]) -> Result<Running, Box<dyn std::error::Error>> {
    let mut child = Command::new(BIN)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line)?;
    let endpoint = line
        .trim_end()
        .strip_prefix("listening on ")
        .ok_or_else(|| format!("unexpected first line {line:?}"))?
        .to_owned();
    assert!(endpoint.starts_with("http://127.0.0.1:"), "{endpoint}");
    Ok(Running { child, endpoint })
}

/// Writes a state file into `dir`; its path.
pub fn write_state(
    dir: &tempfile::TempDir,
    text: &str,
) -> Result<String, Box<dyn std::error::Error>> {
    let path = dir.path().join("state.yaml");
    std::fs::write(&path, text)?;
    Ok(path.to_string_lossy().into_owned())
}

/// Runs `python` on `script` with `args` against `running`, and asserts that it succeeded and
/// printed `all checks passed`; on failure the message holds its output and the emulator's
/// stderr.
pub fn run_script(
    running: &mut Running,
    python: &Path,
    script: &str,
    args: &[&str],
) -> Result<(), Box<dyn std::error::Error>> {
    let output = Command::new(python).arg(script).args(args).output()?;
    let mut stderr = String::new();
    if let Some(mut e) = running.child.stderr.take() {
        let _ = running.child.kill();
        let _ = e.read_to_string(&mut stderr);
    }
    assert!(
        output.status.success(),
        "{script} failed:\n{}\n{}\nemulator stderr:\n{stderr}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("all checks passed"));
    Ok(())
}
