//! The binary's `--stand-in-listen`: the metadata and STS stand-ins on their own port, serving
//! credentials the binary's emulator accepts.

use qcloud_as::credentials::{CvmRoleProvider, WebIdentityProvider};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_qcloud-as-emulator");

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The binary, killed when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn the_binary_serves_the_stand_ins_on_their_own_port() -> TestResult {
    let dir = tempfile::tempdir()?;
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, "binary-pod-token\n")?;
    let mut running = Running(
        Command::new(BIN)
            .args([
                "--listen",
                "127.0.0.1:0",
                "--stand-in-listen",
                "127.0.0.1:0",
            ])
            .args(["--stand-in-role", "binary-role"])
            .args(["--stand-in-provider-id", "binary-oidc"])
            .arg("--stand-in-web-identity-token-file")
            .arg(&token_file)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?,
    );
    let stdout = running.0.stdout.take().ok_or("no stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().ok_or("no first line")??;
    let second = lines.next().ok_or("no second line")??;
    let endpoint = first
        .strip_prefix("listening on ")
        .ok_or_else(|| format!("unexpected first line {first:?}"))?
        .to_owned();
    let stand_in = second
        .strip_prefix("stand-ins (metadata, STS) on ")
        .ok_or_else(|| format!("unexpected second line {second:?}"))?
        .to_owned();
    assert_ne!(endpoint, stand_in);

    let config = |provider: Box<dyn qcloud_as::credentials::ProvideCredentials>| {
        qcloud_as::Config::builder()
            .region("gz")
            .endpoint(&endpoint)
            .credentials_provider(provider)
            .environment(|_| None)
            .build()
    };
    let client = qcloud_as::Client::new(config(Box::new(
        CvmRoleProvider::new().endpoint(&stand_in),
    ))?)?;
    client.describe_scaling_group().await?;
    let held = client.config().credentials().ok_or("no credentials")?;
    assert!(held.secret_id().starts_with("AKIDcvm"), "{held:?}");

    let v3 = qcloud_as::v3::Client::new(config(Box::new(
        WebIdentityProvider::new(
            "ap-guangzhou",
            "binary-oidc",
            &token_file,
            "qcs::cam::uin/1:roleName/pod",
        )
        .endpoint(&stand_in),
    ))?)?;
    v3.describe_auto_scaling_groups().await?;

    // The role given on the command line, and no other.
    let wrong = qcloud_as::Client::new(config(Box::new(
        CvmRoleProvider::new()
            .endpoint(&stand_in)
            .role("another-role"),
    ))?)?;
    let text = wrong
        .describe_scaling_group()
        .await
        .err()
        .ok_or("accepted")?
        .to_string();
    assert!(text.contains("HTTP 404"), "{text}");
    Ok(())
}
