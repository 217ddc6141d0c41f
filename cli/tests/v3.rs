//! The built `qcloud-as` binary's API 3.0 commands (the top level) against an emulator started
//! in-process: each output, `--query`, `--all`, `--dry-run`, errors and exit codes, `--wait`,
//! the skeleton round trip and tccli's habits.

mod common;

use common::{bare, tempdir, Run, Service};
use qcloud_as::protocol::v3::sign;
use serde_json::{json, Value};

#[test]
fn describe_auto_scaling_groups_prints_compact_json_in_spec_order() {
    let service = Service::start();
    let run = service.run(&["describe-auto-scaling-groups"]);
    assert_eq!(run.stdout.lines().count(), 1, "compact: {run:#?}");
    let data = run.json();
    assert_eq!(data["TotalCount"], json!(2));
    assert_eq!(
        data["AutoScalingGroupSet"][0]["AutoScalingGroupId"],
        json!("asg-demo0001")
    );
    assert!(data["RequestId"].as_str().is_some_and(|id| !id.is_empty()));
    // The spec's member order, not alphabetical.
    assert!(
        run.stdout
            .starts_with("{\"AutoScalingGroupSet\":[{\"AutoScalingGroupId\":\"asg-demo0001\""),
        "{run:#?}"
    );
}

#[test]
fn table_and_text_show_one_row_per_group() {
    let service = Service::start();
    let run = service.run(&["describe-auto-scaling-groups", "--output", "table"]);
    assert_eq!(run.code, Some(0), "{run:#?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "header, rule, two groups: {run:#?}");
    assert!(
        lines[0].starts_with("AutoScalingGroupId  AutoScalingGroupName  AutoScalingGroupStatus"),
        "{run:#?}"
    );
    assert!(lines[1].starts_with("------------------  "), "{run:#?}");
    assert!(lines[2].starts_with("asg-demo0001        web "), "{run:#?}");
    assert!(
        lines[3].starts_with("asg-demo0002        batch "),
        "{run:#?}"
    );

    let run = service.run(&["describe-auto-scaling-groups", "-o", "text"]);
    assert_eq!(run.code, Some(0), "{run:#?}");
    let rows: Vec<Vec<&str>> = run
        .stdout
        .lines()
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 2, "{run:#?}");
    assert_eq!(rows[0][..3], ["asg-demo0001", "web", "NORMAL"], "{run:#?}");
    assert_eq!(rows[1][..2], ["asg-demo0002", "batch"], "{run:#?}");

    // A query's result as a table: its members are the columns.
    let run = service.run(&[
        "describe-auto-scaling-groups",
        "-o",
        "table",
        "--query",
        "AutoScalingGroupSet[].{Id: AutoScalingGroupId, Max: MaxSize}",
    ]);
    assert_eq!(
        run.stdout, "Id            Max\n------------  ---\nasg-demo0001  5\nasg-demo0002  3\n",
        "{run:#?}"
    );
}

#[test]
fn query_selects_with_jmespath_and_a_bad_one_exits_2_before_sending() {
    let service = Service::start();
    let run = service.run(&[
        "describe-auto-scaling-groups",
        "--query",
        "AutoScalingGroupSet[?EnabledStatus=='ENABLED'].AutoScalingGroupId",
    ]);
    assert_eq!(run.json(), json!(["asg-demo0001"]));
    let sent = service.emulator.authenticated_requests();
    let run = service.run(&[
        "describe-auto-scaling-groups",
        "--query",
        "AutoScalingGroupSet[?",
    ]);
    run.fails(2, &["--query"]);
    assert_eq!(service.emulator.authenticated_requests(), sent);
}

#[test]
fn all_walks_every_page_with_the_paginator() {
    let service = Service::start();
    let run = service.run(&["describe-auto-scaling-groups", "--limit", "1"]);
    assert_eq!(
        run.json()["AutoScalingGroupSet"].as_array().map(Vec::len),
        Some(1)
    );
    let before = service.emulator.authenticated_requests();
    let run = service.run(&["describe-auto-scaling-groups", "--limit", "1", "--all"]);
    let data = run.json();
    let ids: Vec<&str> = data["AutoScalingGroupSet"]
        .as_array()
        .map(|groups| {
            groups
                .iter()
                .filter_map(|g| g["AutoScalingGroupId"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(ids, ["asg-demo0001", "asg-demo0002"]);
    assert_eq!(data["TotalCount"], json!(2));
    // One request per page of one.
    assert_eq!(service.emulator.authenticated_requests() - before, 2);
}

/// The lines of a dry run's section that starts after the line `heading`, to the next empty
/// line.
fn section<'a>(stdout: &'a str, heading: &str) -> Vec<&'a str> {
    stdout
        .lines()
        .skip_while(|l| !l.starts_with(heading))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect()
}

#[test]
fn dry_run_prints_the_tc3_canonical_request_and_string_to_sign_and_sends_nothing() {
    let service = Service::start();
    let credentials = service.emulator.credentials();
    let token = "session-token-that-must-not-show";
    let before = service.emulator.authenticated_requests();
    let run = Run::of(
        service
            .command_v3()
            .env("TENCENTCLOUD_SESSION_TOKEN", token)
            .args([
                "detach-instances",
                "--auto-scaling-group-id",
                "asg-demo0001",
                "--instance-ids",
                "ins-demo0001",
                "ins-demo0002",
                "--dry-run",
            ]),
    );
    assert_eq!(run.code, Some(0), "{run:#?}");
    assert_eq!(run.stderr, "", "{run:#?}");
    assert!(!run.stdout.contains(token), "{run:#?}");
    assert!(!run.stdout.contains(credentials.secret_key()), "{run:#?}");
    assert!(run.stdout.contains("X-TC-Token: ***"), "{run:#?}");
    assert!(
        run.stdout.contains("X-TC-Action: DetachInstances"),
        "{run:#?}"
    );
    assert!(run.stdout.contains("X-TC-Region: ap-guangzhou"), "{run:#?}");
    let url = format!("POST {}/", service.emulator.endpoint());
    assert_eq!(run.stdout.lines().next(), Some(url.as_str()), "{run:#?}");
    // Nothing was sent.
    assert_eq!(service.emulator.authenticated_requests(), before);
    assert_eq!(service.group_instances("asg-demo0001").len(), 4);

    let body = run
        .stdout
        .lines()
        .find(|l| l.starts_with('{'))
        .unwrap_or_default();
    assert_eq!(
        serde_json::from_str::<Value>(body).ok(),
        Some(json!({"AutoScalingGroupId": "asg-demo0001",
                    "InstanceIds": ["ins-demo0001", "ins-demo0002"]}))
    );
    let header = |name: &str| {
        run.stdout
            .lines()
            .find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(": ")))
            .unwrap_or_default()
    };
    let timestamp: u64 = header("X-TC-Timestamp").parse().unwrap_or_default();
    let host = service.emulator.endpoint().replace("http://", "");
    // The canonical request is the one TC3 defines for this body.
    let canonical = section(&run.stdout, "Canonical request:").join("\n");
    let expected = sign::canonical_request(
        "POST",
        "",
        &[("content-type", "application/json"), ("host", &host)],
        &sign::hashed_payload(body.as_bytes()),
    );
    // The canonical request's empty query line ends the section early: compare its start.
    assert!(
        expected.starts_with(&format!("{canonical}\n")),
        "{canonical:?} vs {expected:?}"
    );
    let printed = section(&run.stdout, "String to sign").join("\n");
    let date = sign::utc_date(timestamp);
    let scope = sign::credential_scope(&date, "as");
    assert_eq!(printed, sign::string_to_sign(timestamp, &scope, &expected));
    // The printed string to sign, signed with the secret key, is the Authorization's signature.
    let signature = sign::signature(
        &sign::signing_key(credentials.secret_key(), &date, "as"),
        &printed,
    );
    let authorization = header("Authorization");
    assert!(
        authorization.ends_with(&format!("Signature={signature}")),
        "{authorization} vs {signature}"
    );
    assert!(
        authorization.starts_with(&format!(
            "TC3-HMAC-SHA256 Credential={}/{scope}, SignedHeaders=content-type;host",
            credentials.secret_id()
        )),
        "{authorization}"
    );
}

#[test]
fn a_business_error_is_one_line_with_code_message_and_request_id_and_exit_3() {
    let service = Service::start();
    let run = service.run(&[
        "detach-instances",
        "--auto-scaling-group-id",
        "asg-demo0001",
        "--instance-ids",
        "ins-demo0005",
    ]);
    run.fails(
        3,
        &[
            "DetachInstances failed",
            "code ResourceNotFound.InstancesNotInAutoScalingGroup",
            "message: ",
            "ins-demo0005",
            ", request ",
        ],
    );
    let run = service.run(&[
        "detach-instances",
        "--auto-scaling-group-id",
        "asg-demo0001",
    ]);
    assert_eq!(run.code, Some(2), "{run:#?}");
    assert!(run.stderr.contains("--instance-ids"), "{run:#?}");
    let run = service.run(&["describe-auto-scaling-groups", "--limit", "-1"]);
    run.fails(2, &["--limit", "must be at least 0"]);
}

#[test]
fn wait_follows_the_activity_a_change_starts() {
    let service = Service::start();
    let run = service.run(&[
        "detach-instances",
        "--auto-scaling-group-id",
        "asg-demo0001",
        "--instance-ids",
        "ins-demo0002",
        "--wait",
        "--wait-interval",
        "0.2",
    ]);
    let data = run.json();
    let id = data["ActivityId"].as_str().unwrap_or_default();
    assert!(id.starts_with("asa-"), "{data}");
    assert_eq!(data["Activity"]["ActivityId"], json!(id));
    assert_eq!(data["Activity"]["StatusCode"], json!("SUCCESSFUL"));
    assert_eq!(data["Activity"]["ActivityType"], json!("DETACH_INSTANCES"));
    assert_eq!(
        service.group_instances("asg-demo0001"),
        ["ins-demo0001", "ins-demo0003", "ins-demo0004"]
    );
    // Without --wait the answer is the action's alone.
    let run = service.run(&[
        "remove-instances",
        "--auto-scaling-group-id",
        "asg-demo0001",
        "--instance-ids",
        "ins-demo0003",
    ]);
    let data = run.json();
    assert!(data.get("Activity").is_none(), "{data}");
    // Only the actions that start an activity take it; its settings need it.
    let run = service.run(&["describe-auto-scaling-groups", "--wait"]);
    assert_eq!(run.code, Some(2), "{run:#?}");
    let run = service.run(&[
        "remove-instances",
        "--auto-scaling-group-id",
        "asg-demo0001",
        "--instance-ids",
        "ins-demo0004",
        "--wait-timeout",
        "5",
    ]);
    assert_eq!(run.code, Some(2), "{run:#?}");
    assert!(run.stderr.contains("--wait"), "{run:#?}");
}

#[test]
fn a_generated_skeleton_round_trips_through_cli_input_json() {
    let service = Service::start();
    let run = service.run(&["detach-instances", "--generate-skeleton"]);
    assert_eq!(run.code, Some(0), "{run:#?}");
    let mut request: Value = match serde_json::from_str(&run.stdout) {
        Ok(value) => value,
        Err(e) => panic!("{e}: {run:#?}"),
    };
    // The API's own member names, as tccli's --cli-input-json takes them.
    assert_eq!(
        request,
        json!({"AutoScalingGroupId": "", "InstanceIds": [""]})
    );
    request["AutoScalingGroupId"] = json!("asg-demo0001");
    request["InstanceIds"] = json!(["ins-demo0003"]);
    let dir = tempdir();
    let file = dir.path().join("request.json");
    assert!(std::fs::write(&file, request.to_string()).is_ok());
    let input = format!("@{}", file.display());
    // Flags given as well replace the file's members.
    let run = service.run(&[
        "detach-instances",
        "--cli-input-json",
        &input,
        "--instance-ids",
        "ins-demo0004",
    ]);
    assert!(run.json()["ActivityId"].is_string(), "{run:#?}");
    assert_eq!(
        service.group_instances("asg-demo0001"),
        ["ins-demo0001", "ins-demo0002", "ins-demo0003"]
    );
    // Every action's skeleton is JSON its --cli-input-json accepts.
    for action in qcloud_as_cli::ACTIONS {
        let run = service.run(&[
            action.command,
            "--dry-run",
            "--cli-input-json",
            action.skeleton,
        ]);
        assert!(
            run.code == Some(0) || (run.code == Some(2) && run.stderr.contains("must")),
            "{}: {run:#?}",
            action.command
        );
    }
    let run = service.run(&[
        "detach-instances",
        "--cli-input-json",
        r#"{"AutoScalingGroupId": "asg-demo0001", "InstanceIds": ["ins-demo0001"], "Keep": 1}"#,
    ]);
    run.fails(
        2,
        &["--cli-input-json", "`Keep` is not a field of the spec"],
    );
}

#[test]
fn tccli_habits_work_region_from_the_environment_and_wire_name_flags() {
    let service = Service::start();
    let run = service.run(&[
        "describe-auto-scaling-groups",
        "--AutoScalingGroupIds",
        "asg-demo0002",
        "--query",
        "AutoScalingGroupSet[].AutoScalingGroupName",
    ]);
    assert_eq!(run.json(), json!(["batch"]));
    let run = Run::of(bare().args([
        "describe-auto-scaling-groups",
        "--endpoint",
        &service.emulator.endpoint(),
    ]));
    run.fails(1, &["no region", "TENCENTCLOUD_REGION"]);
}

#[test]
fn help_names_both_versions_and_wait() {
    let run = Run::of(bare().arg("--help"));
    assert_eq!(run.code, Some(0), "{run:#?}");
    for needle in [
        "describe-auto-scaling-groups",
        "v2 ",
        "qcloud-as v2 describe-scaling-group",
        "5  --wait",
    ] {
        assert!(run.stdout.contains(needle), "{needle}: {run:#?}");
    }
    let run = Run::of(bare().args(["detach-instances", "--help"]));
    for needle in [
        "--wait",
        "--wait-timeout <SECONDS>",
        "--auto-scaling-group-id <TEXT>",
    ] {
        assert!(run.stdout.contains(needle), "{needle}: {run:#?}");
    }
    let run = Run::of(bare().args(["v2", "--help"]));
    assert!(run.stdout.contains("describe-scaling-group"), "{run:#?}");
    let run = Run::of(bare().args(["completions", "bash"]));
    assert_eq!(run.code, Some(0), "{run:#?}");
    for needle in [
        "describe-auto-scaling-groups",
        "describe-scaling-group",
        "--wait",
    ] {
        assert!(run.stdout.contains(needle), "{needle} in the bash script");
    }
}

#[test]
fn the_wait_poll_follows_a_running_activity_on_the_emulator_clock() {
    use qcloud_as_cli::action::wait::{until_ended, Status};
    use std::time::Duration;
    let service = Service::start();
    let client = match service.emulator.v3_client() {
        Ok(client) => client,
        Err(e) => panic!("{e}"),
    };
    // Raising the desired capacity starts a scale-out that takes virtual time.
    let found = service.runtime.block_on(async {
        if let Err(e) = client.modify_desired_capacity("asg-demo0001", 5).await {
            panic!("{e}");
        }
        client.describe_auto_scaling_activities().await
    });
    let activity = match found {
        Ok(output) => output.activity_set.into_iter().next(),
        Err(e) => panic!("{e}"),
    };
    let Some(activity) = activity else {
        panic!("no activity started");
    };
    let id = activity.activity_id.clone();
    // The clock is frozen: the activity does not end, and the poll gives up in time.
    let waited = service.runtime.block_on(until_ended(
        &client,
        &id,
        Duration::from_millis(20),
        Duration::from_millis(200),
    ));
    assert!(
        matches!(waited, Ok((Some(_), Status::Running))),
        "{waited:?}"
    );
    // Time moves while it polls: it sees the activity end.
    let poll = service.runtime.spawn({
        let client = client.clone();
        let id = id.clone();
        async move {
            until_ended(
                &client,
                &id,
                Duration::from_millis(20),
                Duration::from_secs(60),
            )
            .await
        }
    });
    for _ in 0..200 {
        if poll.is_finished() {
            break;
        }
        service.emulator.advance(Duration::from_secs(5));
        std::thread::sleep(Duration::from_millis(20));
    }
    let waited = match service.runtime.block_on(poll) {
        Ok(waited) => waited,
        Err(e) => panic!("{e}"),
    };
    let Ok((Some(last), Status::Succeeded)) = waited else {
        panic!("{waited:?}");
    };
    assert_eq!(
        last.get("ActivityId"),
        Some(&qcloud_as_cli::output::Ordered::Text(id))
    );
}
