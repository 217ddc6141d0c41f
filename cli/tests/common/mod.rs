//! What the binary tests share: an emulator started in-process, the built `qcloud-as` pointed
//! at it, and what a run printed and how it ended.

#![allow(dead_code)]

use qcloud_as_emulator::{Emulator, State};
use serde_json::Value;
use std::process::{Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_qcloud-as");

/// Environment variables the tool reads; each run starts without them.
const TOOL_ENV: &[&str] = &[
    "TENCENTCLOUD_SECRET_ID",
    "TENCENTCLOUD_SECRET_KEY",
    "TENCENTCLOUD_SESSION_TOKEN",
    "TENCENTCLOUD_CREDENTIALS_FILE",
    "TENCENTCLOUD_PROFILE",
    "TENCENTCLOUD_REGION",
    "QCLOUD_AS_ENDPOINT",
    "QCLOUD_AS_METADATA_ENDPOINT",
    "QCLOUD_AS_STS_ENDPOINT",
    "TKE_REGION",
    "TKE_PROVIDER_ID",
    "TKE_WEB_IDENTITY_TOKEN_FILE",
    "TKE_ROLE_ARN",
];

/// An emulator serving the demo state, on a runtime of its own.
pub struct Service {
    pub emulator: Emulator,
    pub runtime: tokio::runtime::Runtime,
}

impl Service {
    pub fn start() -> Service {
        let runtime = match tokio::runtime::Runtime::new() {
            Ok(runtime) => runtime,
            Err(e) => panic!("runtime: {e}"),
        };
        let emulator = match runtime.block_on(async { Emulator::start(State::demo()) }) {
            Ok(emulator) => emulator,
            Err(e) => panic!("emulator: {e}"),
        };
        Service { emulator, runtime }
    }

    /// The tool, pointed at the emulator with its credentials in the environment and the
    /// region given as `--region`.
    pub fn command_in(&self, region: &str) -> Command {
        let credentials = self.emulator.credentials();
        let mut command = bare();
        command
            .env("TENCENTCLOUD_SECRET_ID", credentials.secret_id())
            .env("TENCENTCLOUD_SECRET_KEY", credentials.secret_key())
            .args(["--region", region, "--endpoint", &self.emulator.endpoint()]);
        command
    }

    /// The tool for API 2.0 commands (region `gz`); the arguments go after `v2`.
    pub fn command(&self) -> Command {
        let mut command = self.command_in("gz");
        command.arg("v2");
        command
    }

    /// An API 2.0 command: `qcloud-as … v2 ARGS`.
    pub fn run_v2(&self, args: &[&str]) -> Run {
        Run::of(self.command().args(args))
    }

    /// The tool for API 3.0 commands: region in the environment, as tccli reads it.
    pub fn command_v3(&self) -> Command {
        let credentials = self.emulator.credentials();
        let mut command = bare();
        command
            .env("TENCENTCLOUD_SECRET_ID", credentials.secret_id())
            .env("TENCENTCLOUD_SECRET_KEY", credentials.secret_key())
            .env("TENCENTCLOUD_REGION", "ap-guangzhou")
            .args(["--endpoint", &self.emulator.endpoint()]);
        command
    }

    /// An API 3.0 command: `qcloud-as ARGS`.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::of(self.command_v3().args(args))
    }

    /// The instances of a group, in order.
    pub fn group_instances(&self, group: &str) -> Vec<String> {
        self.emulator
            .state()
            .group(group)
            .map(|g| g.instances.iter().map(|i| i.instance_id.clone()).collect())
            .unwrap_or_default()
    }
}

/// The tool without any of its environment, no credentials file to find, and an instance
/// metadata service that refuses connections (so that the default chain ends at once, without
/// asking a real one).
pub fn bare() -> Command {
    let mut command = Command::new(BIN);
    for name in TOOL_ENV {
        command.env_remove(name);
    }
    command
        .env(
            "TENCENTCLOUD_CREDENTIALS_FILE",
            "/nonexistent/qcloud-as-credentials",
        )
        .env("QCLOUD_AS_METADATA_ENDPOINT", closed_endpoint())
        .stdin(Stdio::null());
    command
}

/// `http://127.0.0.1:PORT` at a port nothing listens on: one bound and let go at once.
pub fn closed_endpoint() -> String {
    let listener = match std::net::TcpListener::bind("127.0.0.1:0") {
        Ok(listener) => listener,
        Err(e) => panic!("bind: {e}"),
    };
    match listener.local_addr() {
        Ok(addr) => format!("http://{addr}"),
        Err(e) => panic!("local_addr: {e}"),
    }
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn of(command: &mut Command) -> Run {
        let output: Output = match command.output() {
            Ok(output) => output,
            Err(e) => panic!("cannot run {BIN}: {e}"),
        };
        let run = Run {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        };
        assert!(!run.stderr.contains("panicked"), "{run:#?}");
        run
    }

    /// Exit 0, nothing on stderr, and stdout as JSON.
    pub fn json(&self) -> Value {
        assert_eq!(self.code, Some(0), "{self:#?}");
        assert_eq!(self.stderr, "", "{self:#?}");
        match serde_json::from_str(&self.stdout) {
            Ok(value) => value,
            Err(e) => panic!("stdout is not JSON ({e}): {self:#?}"),
        }
    }

    /// Exit `code`, nothing on stdout, one line on stderr holding each of `needles`.
    pub fn fails(&self, code: i32, needles: &[&str]) {
        assert_eq!(self.code, Some(code), "{self:#?}");
        assert_eq!(self.stdout, "", "{self:#?}");
        assert_eq!(self.stderr.lines().count(), 1, "one line: {self:#?}");
        assert!(self.stderr.starts_with("qcloud-as: "), "{self:#?}");
        for needle in needles {
            assert!(self.stderr.contains(needle), "{needle:?} in {self:#?}");
        }
    }
}

pub fn tempdir() -> tempfile::TempDir {
    match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(e) => panic!("tempdir: {e}"),
    }
}
