//! The binary on the SDK's default credentials chain, with no keys in its environment: an
//! instance role from the emulator's metadata stand-in, TKE's web identity through its STS
//! stand-in, and the "no credentials" error listing every place looked at.

mod common;

use common::{bare, closed_endpoint, tempdir, Run, Service};
use qcloud_as_emulator::StandIn;
use std::process::Command;
use std::time::{Duration, Instant};

/// The identity provider and role TKE would name.
const PROVIDER_ID: &str = "cli-oidc";
const ROLE_ARN: &str = "qcs::cam::uin/100000000001:roleName/cli-pod";
const POD_TOKEN: &str = "cli-pod-token";

/// The SDK's time-out of one metadata request: a refused connection must end well before it.
const METADATA_TIMEOUT: Duration = Duration::from_secs(5);

fn stand_in(service: &Service) -> StandIn {
    let _runtime = service.runtime.enter();
    match service.emulator.start_stand_in() {
        Ok(stand_in) => stand_in,
        Err(e) => panic!("stand-in: {e}"),
    }
}

/// The tool with no keys anywhere, pointed at the emulator, the metadata service at
/// `metadata`.
fn keyless(service: &Service, metadata: &str) -> Command {
    let mut command = bare();
    command
        .env("QCLOUD_AS_METADATA_ENDPOINT", metadata)
        .args(["--endpoint", &service.emulator.endpoint()]);
    command
}

/// An API 3.0 call and an API 2.0 call, answered by the emulator.
fn calls_both_versions(command: impl Fn() -> Command) {
    let v3 = Run::of(command().args(["--region", "ap-guangzhou", "describe-auto-scaling-groups"]))
        .json();
    assert_eq!(v3["TotalCount"], 2, "{v3:#}");
    assert_eq!(
        v3["AutoScalingGroupSet"][0]["AutoScalingGroupId"],
        "asg-demo0001"
    );

    let v2 = Run::of(command().args(["--region", "gz", "v2", "describe-scaling-group"])).json();
    assert_eq!(v2["totalCount"], 2, "{v2:#}");
    assert_eq!(v2["scalingGroupSet"][0]["scalingGroupId"], "asg-demo0001");
}

/// `--dry-run` of both versions, signed with the temporary credentials `prefix` names (the
/// stand-in's `AKIDcvm…`, `AKIDoidc…`), the session token shown as `***`.
fn dry_runs_sign_with(command: impl Fn() -> Command, prefix: &str) {
    let v3 = Run::of(command().args([
        "--region",
        "ap-guangzhou",
        "--dry-run",
        "describe-auto-scaling-groups",
    ]));
    assert_eq!(v3.code, Some(0), "{v3:#?}");
    assert!(
        v3.stdout.contains(&format!(
            "Authorization: TC3-HMAC-SHA256 Credential={prefix}"
        )),
        "{v3:#?}"
    );
    assert!(v3.stdout.contains("X-TC-Token: ***\n"), "{v3:#?}");

    let v2 = Run::of(command().args([
        "--region",
        "gz",
        "--dry-run",
        "v2",
        "describe-scaling-group",
    ]));
    assert_eq!(v2.code, Some(0), "{v2:#?}");
    assert!(
        v2.stdout.contains(&format!("\nSecretId={prefix}")),
        "{v2:#?}"
    );
    assert!(v2.stdout.contains("\nToken=***\n"), "{v2:#?}");
}

#[test]
fn an_instance_role_from_the_metadata_service_signs_both_versions() {
    let service = Service::start();
    let stand_in = stand_in(&service);
    let metadata = stand_in.metadata_endpoint();
    calls_both_versions(|| keyless(&service, &metadata));
    // Each run asked the metadata service once: the role's name, then its credentials.
    let counts = stand_in.counts();
    assert_eq!(
        (counts.role_list, counts.role_credentials),
        (2, 2),
        "{counts:?}"
    );
    assert_eq!(counts.web_identity, 0, "{counts:?}");

    dry_runs_sign_with(|| keyless(&service, &metadata), "AKIDcvm");
    assert_eq!(stand_in.counts().role_credentials, 4);
}

#[test]
fn a_web_identity_from_tke_signs_both_versions() {
    let service = Service::start();
    let stand_in = stand_in(&service);
    stand_in.set_web_identity(PROVIDER_ID, POD_TOKEN);
    let dir = tempdir();
    let token_file = dir.path().join("token");
    if let Err(e) = std::fs::write(&token_file, format!("{POD_TOKEN}\n")) {
        panic!("token file: {e}");
    }
    // The metadata service is there too, but a pod's own role comes first.
    let metadata = stand_in.metadata_endpoint();
    let pod = || {
        let mut command = keyless(&service, &metadata);
        command
            .env("QCLOUD_AS_STS_ENDPOINT", stand_in.sts_endpoint())
            .env("TKE_REGION", "ap-guangzhou")
            .env("TKE_PROVIDER_ID", PROVIDER_ID)
            .env("TKE_WEB_IDENTITY_TOKEN_FILE", &token_file)
            .env("TKE_ROLE_ARN", ROLE_ARN);
        command
    };
    calls_both_versions(pod);
    let counts = stand_in.counts();
    assert_eq!(counts.web_identity, 2, "{counts:?}");
    assert_eq!(
        (counts.role_list, counts.role_credentials),
        (0, 0),
        "{counts:?}"
    );
    dry_runs_sign_with(pod, "AKIDoidc");

    // A token STS does not accept: exit 1, STS's refusal named, the token not echoed.
    if let Err(e) = std::fs::write(&token_file, "another-token") {
        panic!("token file: {e}");
    }
    let run = Run::of(pod().args(["--region", "ap-guangzhou", "describe-auto-scaling-groups"]));
    run.fails(
        1,
        &[
            "no credentials",
            "AssumeRoleWithWebIdentity",
            "WebIdentityTokenError",
        ],
    );
    assert!(!run.stderr.contains("another-token"), "{run:#?}");
}

#[test]
fn no_credentials_anywhere_lists_every_place_looked_at_quickly() {
    let service = Service::start();
    let metadata = closed_endpoint();
    for args in [
        &["--region", "ap-guangzhou", "describe-auto-scaling-groups"][..],
        &["--region", "gz", "v2", "describe-scaling-group"],
        &[
            "--region",
            "gz",
            "--dry-run",
            "v2",
            "describe-scaling-group",
        ],
    ] {
        let started = Instant::now();
        let run = Run::of(keyless(&service, &metadata).args(args));
        let took = started.elapsed();
        run.fails(
            1,
            &[
                "no credentials: no Tencent Cloud credentials found; looked at: ",
                "TENCENTCLOUD_SECRET_ID",
                "credentials file /nonexistent/qcloud-as-credentials",
                "TKE web identity",
                "CVM instance role",
                &metadata,
                "cannot connect",
            ],
        );
        assert!(took < METADATA_TIMEOUT, "{args:?} took {took:?}");
    }
}

#[test]
fn an_instance_without_a_role_is_no_credentials() {
    let service = Service::start();
    let stand_in = stand_in(&service);
    stand_in.set_role(None);
    let run = Run::of(keyless(&service, &stand_in.metadata_endpoint()).args([
        "--region",
        "ap-guangzhou",
        "describe-auto-scaling-groups",
    ]));
    run.fails(
        1,
        &["no credentials", "CVM instance role", "TKE web identity"],
    );
}

#[test]
fn a_profile_is_the_file_only_even_on_an_instance_with_a_role() {
    let service = Service::start();
    let stand_in = stand_in(&service);
    let run = Run::of(keyless(&service, &stand_in.metadata_endpoint()).args([
        "--region",
        "ap-guangzhou",
        "--profile",
        "prod",
        "describe-auto-scaling-groups",
    ]));
    run.fails(1, &["no credentials", "/nonexistent/qcloud-as-credentials"]);
    assert_eq!(stand_in.counts().role_list, 0);
}
