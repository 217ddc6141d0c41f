//! The `qcloud-as-emulator` binary: start-up line, serving, SIGTERM, bad state files, and a
//! client in another language (Python).

mod common;

use common::process::{run_script, spawn, write_state, Running, BIN};
use common::TestResult;
use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const STATE: &str = r#"
credentials:
  - {secretId: AKIDbinary, secretKey: binary-key}
instances:
  - {instanceId: ins-bin00001, state: Running}
  - {instanceId: ins-bin00002, state: Running}
scalingConfigurations:
  - {scalingConfigurationId: asc-bin00001, scalingConfigurationName: lc}
scalingGroups:
  - scalingGroupId: asg-bin00001
    scalingGroupName: bin
    scalingConfigurationId: asc-bin00001
    minSize: 0
    maxSize: 5
    status: active
    instances:
      - {instanceId: ins-bin00001, creationType: Auto}
      - {instanceId: ins-bin00002, creationType: Manual}
"#;

fn terminate(
    running: &mut Running,
) -> Result<std::process::ExitStatus, Box<dyn std::error::Error>> {
    let status = Command::new("kill")
        .arg("-TERM")
        .arg(running.child.id().to_string())
        .status()?;
    assert!(status.success());
    let started = Instant::now();
    loop {
        if let Some(status) = running.child.try_wait()? {
            return Ok(status);
        }
        if started.elapsed() > Duration::from_secs(10) {
            return Err("the emulator did not exit within 10 s of SIGTERM".into());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[tokio::test]
async fn serves_a_state_file_and_exits_0_on_sigterm() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = write_state(&dir, STATE)?;
    let mut running = spawn(&["--listen", "127.0.0.1:0", "--state", &path])?;

    let client = qcloud_as::Client::new(
        qcloud_as::Config::builder()
            .region("gz")
            .endpoint(&running.endpoint)
            .credentials(qcloud_as::Credentials::new("AKIDbinary", "binary-key"))
            .build()?,
    )?;
    client
        .detach_instance("asg-bin00001", ["ins-bin00001"])
        .send()
        .await?;
    let left = client
        .describe_scaling_instance("asg-bin00001")
        .send()
        .await?;
    assert_eq!(left.total_count, 1);

    let status = terminate(&mut running)?;
    assert_eq!(status.code(), Some(0), "{status:?}");
    Ok(())
}

#[tokio::test]
async fn starts_with_the_demo_state_without_a_file() -> TestResult {
    let mut running = spawn(&["--listen", "127.0.0.1:0"])?;
    let client = qcloud_as::Client::new(
        qcloud_as::Config::builder()
            .region("gz")
            .endpoint(&running.endpoint)
            .credentials(qcloud_as::Credentials::new(
                qcloud_as_emulator::DEMO_SECRET_ID,
                qcloud_as_emulator::DEMO_SECRET_KEY,
            ))
            .build()?,
    )?;
    assert_eq!(client.describe_scaling_group().send().await?.total_count, 2);
    assert_eq!(terminate(&mut running)?.code(), Some(0));
    Ok(())
}

#[test]
fn a_bad_state_file_exits_2_with_a_message() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = write_state(&dir, &STATE.replace("minSize: 0", "minSize: zero"))?;
    let output = Command::new(BIN)
        .args(["--listen", "127.0.0.1:0", "--state", &path])
        .output()?;
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&path), "{stderr}");
    assert!(stderr.contains("scalingGroups[0].minSize"), "{stderr}");
    assert!(stderr.contains("line 13"), "{stderr}");
    assert!(output.stdout.is_empty());

    let missing = Command::new(BIN)
        .args(["--listen", "127.0.0.1:0", "--state", "/nonexistent/x.yaml"])
        .output()?;
    assert_eq!(missing.status.code(), Some(2));
    Ok(())
}

#[test]
fn a_port_in_use_exits_1_naming_the_address() -> TestResult {
    let taken = std::net::TcpListener::bind("127.0.0.1:0")?;
    let addr = taken.local_addr()?.to_string();
    let output = Command::new(BIN).args(["--listen", &addr]).output()?;
    drop(taken);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&addr), "{stderr}");
    assert!(output.stdout.is_empty(), "{output:?}");
    Ok(())
}

/// Starts the binary on `listen`, reads its first stdout line, stops it with SIGTERM and
/// returns its stderr.
fn stderr_of_a_run(listen: &str) -> Result<String, Box<dyn std::error::Error>> {
    let mut child = Command::new(BIN)
        .args(["--listen", listen])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line)?;
    let mut running = Running {
        child,
        endpoint: String::new(),
    };
    assert!(line.starts_with("listening on http://"), "{line:?}");
    // Still serving after the warning.
    let port = line
        .trim_end()
        .rsplit(':')
        .next()
        .ok_or("no port")?
        .to_owned();
    std::net::TcpStream::connect(("127.0.0.1", port.parse::<u16>()?))?;
    assert_eq!(terminate(&mut running)?.code(), Some(0));
    let mut stderr = String::new();
    running
        .child
        .stderr
        .take()
        .ok_or("no stderr")?
        .read_to_string(&mut stderr)?;
    Ok(stderr)
}

#[test]
fn a_non_loopback_address_is_served_with_a_warning() -> TestResult {
    let stderr = stderr_of_a_run("0.0.0.0:0")?;
    assert!(stderr.contains("WARNING"), "{stderr}");
    assert!(stderr.contains("no real security"), "{stderr}");
    assert!(stderr.contains("GET /_emulator/state"), "{stderr}");
    assert!(stderr.contains("secretKey"), "{stderr}");

    let stderr = stderr_of_a_run("127.0.0.1:0")?;
    assert!(!stderr.contains("WARNING"), "{stderr}");
    Ok(())
}

#[test]
fn a_python_client_without_the_sdk_works() -> TestResult {
    if Command::new("python3").arg("--version").output().is_err() {
        // CI installs python3 (.ci/run), so there the test must run; elsewhere say why not.
        assert!(
            std::env::var_os("CI").is_none(),
            "python3 is needed for this test in CI"
        );
        eprintln!("python3 is not installed: skipping");
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let path = write_state(&dir, STATE)?;
    let mut running = spawn(&["--listen", "127.0.0.1:0", "--state", &path])?;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/raw_client.py");
    let endpoint = running.endpoint.clone();
    run_script(
        &mut running,
        std::path::Path::new("python3"),
        script,
        &[
            &endpoint,
            "AKIDbinary",
            "binary-key",
            "asg-bin00001",
            "ins-bin00001",
        ],
    )?;
    Ok(())
}
