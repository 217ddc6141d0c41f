//! The built `qcloud-as` binary's API 2.0 commands (`qcloud-as v2 …`) against an emulator
//! started in-process: stdout, stderr and the exit code of each kind of outcome.

mod common;

use common::{bare, tempdir, Run, Service};
use qcloud_as_emulator::{Fault, FaultKind};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Stdio;

fn group_instances(service: &Service, group: &str) -> Vec<String> {
    service.group_instances(group)
}

#[test]
fn a_success_prints_the_answer_data_as_compact_json_when_piped() {
    let service = Service::start();
    let run = service.run_v2(&["describe-scaling-group"]);
    assert_eq!(run.stdout.lines().count(), 1, "compact: {run:#?}");
    let data = run.json();
    assert_eq!(data["totalCount"], json!(2));
    assert_eq!(
        data["scalingGroupSet"][0]["scalingGroupId"],
        json!("asg-demo0001")
    );
    // The spec's field order, not alphabetical.
    assert!(run
        .stdout
        .starts_with("{\"totalCount\":2,\"scalingGroupSet\":[{\"scalingGroupId\""));
}

#[test]
fn detach_instance_takes_lists_and_enums_as_flags() {
    let service = Service::start();
    let run = service.run_v2(&[
        "detach-instance",
        "--scaling-group-id",
        "asg-demo0001",
        "--instance-ids",
        "ins-demo0002",
        "ins-demo0003",
        "--keep-instance",
        "keep",
    ]);
    assert_eq!(run.json(), json!({}));
    assert_eq!(
        group_instances(&service, "asg-demo0001"),
        ["ins-demo0001", "ins-demo0004"]
    );
    // Kept, so still in the account.
    assert!(service.emulator.state().instance("ins-demo0002").is_some());
}

#[test]
fn an_api_error_is_one_line_with_code_code_desc_and_message_and_exit_3() {
    let service = Service::start();
    let run = service.run_v2(&[
        "detach-instance",
        "--scaling-group-id",
        "asg-demo0001",
        "--instance-ids",
        "ins-nope",
    ]);
    run.fails(
        3,
        &[
            "DetachInstance failed",
            "code 4000",
            "codeDesc InvalidParameter.InstanceIdError",
            "message: ",
            "ins-nope",
        ],
    );
}

#[test]
fn a_broken_constraint_exits_2_before_sending() {
    let service = Service::start();
    // Were anything sent, the fault would answer it with exit 4.
    let fault = service
        .emulator
        .set_fault("*", Fault::new(FaultKind::Http502));
    assert!(fault.is_ok(), "{fault:?}");
    let run = service.run_v2(&["describe-scaling-group", "--limit", "-1"]);
    run.fails(2, &["--limit", "`limit` must be at least 0, got -1"]);
    let run = service.run_v2(&[
        "detach-instance",
        "--cli-input-json",
        r#"{"scalingGroupId": "asg-demo0001", "instanceIds": []}"#,
    ]);
    run.fails(2, &["--instance-ids", "at least 1 item(s), got 0"]);
    // A value that is not an integer, an enum value that is not in the spec: clap's usage
    // errors, also exit 2.
    let run = service.run_v2(&["describe-scaling-group", "--limit", "ten"]);
    assert_eq!(run.code, Some(2), "{run:#?}");
    assert!(run.stderr.contains("`ten` is not an integer"), "{run:#?}");
    let run = service.run_v2(&[
        "detach-instance",
        "--scaling-group-id",
        "asg-demo0001",
        "--instance-ids",
        "ins-demo0001",
        "--keep-instance",
        "maybe",
    ]);
    assert_eq!(run.code, Some(2), "{run:#?}");
    assert!(
        run.stderr.contains("Release") && run.stderr.contains("Keep"),
        "{run:#?}"
    );
    // A required flag left out.
    let run = service.run_v2(&["detach-instance", "--scaling-group-id", "asg-demo0001"]);
    assert_eq!(run.code, Some(2), "{run:#?}");
    assert!(run.stderr.contains("--instance-ids"), "{run:#?}");
}

#[test]
fn structured_parameters_are_json_checked_against_the_spec_naming_the_field() {
    let service = Service::start();
    let group = |lb: &str| {
        service.run_v2(&[
            "create-scaling-group",
            "--scaling-configuration-id",
            "asc-demo0001",
            "--scaling-group-name",
            "lb",
            "--min-size",
            "0",
            "--max-size",
            "2",
            "--vpc-id",
            "0",
            "--zone-ids",
            "100002",
            "--remove-policy",
            "removeoldestinstance",
            "--dry-run",
            "--forward-lb-infos",
            lb,
        ])
    };
    let run = group(
        r#"{"loadBalancerId": "lb-1", "listenerId": "lbl-1", "rsInfoSet": [{"port": "http", "weight": 1}]}"#,
    );
    run.fails(
        2,
        &[
            "--forward-lb-infos",
            "forwardLBInfos[0].rsInfoSet[0].port",
            "expected an integer",
        ],
    );
    let run = group(
        r#"{"loadBalancerId": "lb-1", "listenerId": "lbl-1", "rsInfoSet": [{"port": 80, "weigth": 1}]}"#,
    );
    run.fails(
        2,
        &[
            "--forward-lb-infos",
            "forwardLBInfos[0].rsInfoSet[0]",
            "missing field `weight`",
        ],
    );
    let run = group(
        r#"{"loadBalancerId": "lb-1", "listenerId": "lbl-1", "rsInfoSet": [{"port": 80, "weight": 1, "wieght": 2}]}"#,
    );
    run.fails(
        2,
        &[
            "--forward-lb-infos",
            "`forwardLBInfos[0].rsInfoSet[0].wieght` is",
            "not a field of the spec",
        ],
    );
    let run = group(
        r#"{"loadBalancerId": "lb-1", "listenerId": "lbl-1", "rsInfoSet": [{"port": 70000, "weight": 1}]}"#,
    );
    run.fails(2, &["forwardLBInfos.0.rsInfoSet.0.port", "65535"]);
    let run = group("{not json");
    assert_eq!(run.code, Some(2), "{run:#?}");
    assert!(run.stderr.contains("not valid JSON"), "{run:#?}");
    // A good one, from a file, as the nested wire parameters.
    let dir = tempdir();
    let file = dir.path().join("lb.json");
    let written = std::fs::write(
        &file,
        r#"[{"loadBalancerId": "lb-1", "listenerId": "lbl-1", "rsInfoSet": [{"port": 80, "weight": 10}]}]"#,
    );
    assert!(written.is_ok(), "{written:?}");
    let run = group(&format!("@{}", file.display()));
    assert_eq!(run.code, Some(0), "{run:#?}");
    for line in [
        "forwardLBInfos.0.loadBalancerId=lb-1",
        "forwardLBInfos.0.rsInfoSet.0.port=80",
        "forwardLBInfos.0.rsInfoSet.0.weight=10",
    ] {
        assert!(run.stdout.lines().any(|l| l == line), "{line} in {run:#?}");
    }
}

#[test]
fn a_json_document_parameter_is_sent_as_its_document() {
    let service = Service::start();
    let run = service.run_v2(&["create-scaling-policy", "--generate-skeleton"]);
    assert_eq!(run.code, Some(0), "{run:#?}");
    let skeleton: Value = serde_json::from_str(&run.stdout).unwrap_or(Value::Null);
    let metric = skeleton["metric"].clone();
    assert!(metric.is_object(), "{skeleton}");
    let mut request = skeleton;
    request["scalingGroupId"] = json!("asg-demo0001");
    request["scalingPolicyName"] = json!("cpu");
    let run = service.run_v2(&[
        "create-scaling-policy",
        "--dry-run",
        "--cli-input-json",
        &request.to_string(),
    ]);
    assert_eq!(run.code, Some(0), "{run:#?}");
    let sent = run
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("metric="))
        .map(|m| serde_json::from_str::<Value>(m).unwrap_or(Value::Null));
    assert_eq!(sent, Some(metric), "{run:#?}");
}

#[test]
fn a_server_fault_is_a_transport_failure_with_exit_4() {
    let service = Service::start();
    let faults = [
        (FaultKind::Http502, "HTTP status 502"),
        (FaultKind::MalformedJson, "not JSON"),
        (FaultKind::TruncatedJson, "truncated"),
        (FaultKind::DropConnection, "DescribeScalingGroup failed"),
    ];
    for (kind, needle) in faults {
        let set = service
            .emulator
            .set_fault("DescribeScalingGroup", Fault::new(kind));
        assert!(set.is_ok(), "{set:?}");
        let run = service.run_v2(&["describe-scaling-group", "--max-attempts", "1"]);
        run.fails(4, &["DescribeScalingGroup failed", needle]);
    }
    // Retried, then reported with the number of attempts.
    let run = service.run_v2(&["describe-scaling-group", "--max-attempts", "2"]);
    run.fails(4, &["(after 2 attempts)"]);
    // Throttling is an answer of the service: exit 3.
    let set = service
        .emulator
        .set_fault("DescribeScalingGroup", Fault::new(FaultKind::Throttle));
    assert!(set.is_ok(), "{set:?}");
    let run = service.run_v2(&["describe-scaling-group", "--max-attempts", "1"]);
    run.fails(3, &["RequestLimitExceeded"]);
}

#[test]
fn all_walks_every_page_with_the_paginator() {
    let service = Service::start();
    let one_page = service
        .run_v2(&[
            "describe-scaling-instance",
            "--scaling-group-id",
            "asg-demo0001",
            "--limit",
            "1",
        ])
        .json();
    assert_eq!(
        one_page["scalingInstancesSet"].as_array().map(Vec::len),
        Some(1)
    );
    let all = service
        .run_v2(&[
            "describe-scaling-instance",
            "--scaling-group-id",
            "asg-demo0001",
            "--limit",
            "1",
            "--all",
        ])
        .json();
    let ids: Vec<&str> = all["scalingInstancesSet"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i["instanceId"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        ids,
        [
            "ins-demo0001",
            "ins-demo0002",
            "ins-demo0003",
            "ins-demo0004"
        ]
    );
    assert_eq!(all["totalCount"], json!(4));
    // A page that fails in the middle fails the command.
    let set = service.emulator.set_fault(
        "DescribeScalingInstance",
        Fault::new(FaultKind::Http502).times(1),
    );
    assert!(set.is_ok(), "{set:?}");
    let run = service.run_v2(&[
        "describe-scaling-instance",
        "--scaling-group-id",
        "asg-demo0001",
        "--limit",
        "1",
        "--all",
        "--max-attempts",
        "1",
    ]);
    run.fails(4, &["HTTP status 502"]);
}

#[test]
fn query_selects_with_jmespath() {
    let service = Service::start();
    let run = service.run_v2(&[
        "describe-scaling-group",
        "--query",
        "scalingGroupSet[?minSize > `0`].scalingGroupName",
    ]);
    assert_eq!(run.json(), json!(["web"]));
    let run = service.run_v2(&[
        "describe-scaling-instance",
        "--scaling-group-id",
        "asg-demo0001",
        "--limit",
        "2",
        "--all",
        "--query",
        "length(scalingInstancesSet)",
    ]);
    assert_eq!(run.json(), json!(4));
    // A bad expression is found before sending: exit 2.
    let run = service.run_v2(&["describe-scaling-group", "--query", "scalingGroupSet[?"]);
    run.fails(2, &["--query"]);
}

#[test]
fn table_and_text_show_the_list_one_row_per_item() {
    let service = Service::start();
    let run = service.run_v2(&[
        "describe-scaling-instance",
        "--scaling-group-id",
        "asg-demo0001",
        "--output",
        "table",
    ]);
    assert_eq!(run.code, Some(0), "{run:#?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 6, "{run:#?}");
    assert!(
        lines[0].starts_with("instanceId    healthStatus  creationType"),
        "{run:#?}"
    );
    assert!(
        lines[1].starts_with("------------  ------------"),
        "{run:#?}"
    );
    assert!(
        lines[2].starts_with("ins-demo0001  Healthy       Auto"),
        "{run:#?}"
    );
    assert!(
        lines[5].starts_with("ins-demo0004  Healthy       Manual"),
        "{run:#?}"
    );

    let run = service.run_v2(&[
        "describe-scaling-group",
        "-o",
        "text",
        "--query",
        "scalingGroupSet[].[scalingGroupId, instanceNum]",
    ]);
    assert_eq!(run.code, Some(0), "{run:#?}");
    let run = service.run_v2(&["describe-scaling-group", "-o", "text"]);
    assert_eq!(run.code, Some(0), "{run:#?}");
    let first: Vec<&str> = run
        .stdout
        .lines()
        .next()
        .map(|l| l.split('\t').collect())
        .unwrap_or_default();
    assert_eq!(
        first[..3],
        ["asg-demo0001", "web", "asc-demo0001"],
        "{run:#?}"
    );
    assert_eq!(run.stdout.lines().count(), 2, "{run:#?}");
    // A list of scalars is one column, named after it.
    let run = service.run_v2(&[
        "create-scaling-configuration",
        "--scaling-configuration-name",
        "lc2",
        "--image-id",
        "img-demo0001",
        "--cpu",
        "1",
        "--mem",
        "1",
        "--storage-type",
        "cloud",
        "--storage-size",
        "0",
        "--bandwidth-type",
        "PayByHour",
        "--bandwidth",
        "0",
        "--image-type",
        "private",
        "-o",
        "table",
    ]);
    assert_eq!(run.code, Some(0), "{run:#?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{run:#?}");
    assert_eq!(lines[0], "scalingConfigurationIdSet", "{run:#?}");
    assert!(lines[2].starts_with("asc-"), "{run:#?}");
    // An answer without a list is its own one row.
    let run = service.run_v2(&[
        "create-life-cycle-hook",
        "--scaling-group-id",
        "asg-demo0001",
        "--life-cycle-hook-name",
        "drain",
        "--life-cycle-hook-timeout",
        "300",
        "-o",
        "text",
    ]);
    assert_eq!(run.code, Some(0), "{run:#?}");
    assert_eq!(run.stdout.lines().count(), 1, "{run:#?}");
    assert!(run.stdout.starts_with("lfh-"), "{run:#?}");
}

#[test]
fn dry_run_prints_the_signed_request_with_the_token_redacted_and_sends_nothing() {
    let service = Service::start();
    let credentials = service.emulator.credentials();
    let token = "session-token-that-must-not-show";
    let run = Run::of(
        service
            .command()
            .env("TENCENTCLOUD_SESSION_TOKEN", token)
            .args([
                "detach-instance",
                "--scaling-group-id",
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
    let url = format!("POST {}/v2/index.php", service.emulator.endpoint());
    assert_eq!(run.stdout.lines().next(), Some(url.as_str()), "{run:#?}");
    // Nothing was sent.
    assert_eq!(group_instances(&service, "asg-demo0001").len(), 4);

    // The printed parameters, with the real token, sign to the printed signature.
    let params: Vec<(String, String)> = run
        .stdout
        .lines()
        .skip_while(|l| !l.is_empty())
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once('='))
        .map(|(n, v)| {
            (
                n.to_owned(),
                if n == "Token" { token } else { v }.to_owned(),
            )
        })
        .collect();
    let get = |name: &str| {
        params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert_eq!(get("Action"), "DetachInstance");
    assert_eq!(get("instanceIds.1"), "ins-demo0002");
    assert!(run.stdout.contains("Token=***"), "{run:#?}");
    let host = service.emulator.endpoint().replace("http://", "");
    let string_to_sign =
        qcloud_as::signing::string_to_sign("POST", &host, "/v2/index.php", &params);
    let signature = qcloud_as::signing::sign(
        credentials.secret_key(),
        &string_to_sign,
        qcloud_as::signing::SignatureMethod::HmacSha256,
    );
    assert_eq!(get("Signature"), signature);
    assert!(
        run.stdout.contains("String to sign (HmacSHA256"),
        "{run:#?}"
    );
}

#[test]
fn a_generated_skeleton_round_trips_through_cli_input_json() {
    let service = Service::start();
    let run = service.run_v2(&["detach-instance", "--generate-skeleton"]);
    assert_eq!(run.code, Some(0), "{run:#?}");
    let mut request: Value = match serde_json::from_str(&run.stdout) {
        Ok(value) => value,
        Err(e) => panic!("{e}: {run:#?}"),
    };
    assert_eq!(
        request,
        json!({"scalingGroupId": "", "instanceIds": [""], "keepInstance": 0})
    );
    request["scalingGroupId"] = json!("asg-demo0001");
    request["instanceIds"] = json!(["ins-demo0003"]);
    request["keepInstance"] = json!(1);
    let dir = tempdir();
    let file = dir.path().join("request.json");
    assert!(std::fs::write(&file, request.to_string()).is_ok());
    let input = format!("@{}", file.display());
    // Flags given as well replace the file's members.
    let run = service.run_v2(&[
        "detach-instance",
        "--cli-input-json",
        &input,
        "--instance-ids",
        "ins-demo0004",
    ]);
    assert_eq!(run.json(), json!({}));
    assert_eq!(
        group_instances(&service, "asg-demo0001"),
        ["ins-demo0001", "ins-demo0002", "ins-demo0003"]
    );
    assert!(service.emulator.state().instance("ins-demo0004").is_some());
    // Every action's skeleton is JSON its --cli-input-json accepts.
    for action in qcloud_as_cli::V2_ACTIONS {
        let skeleton = action.skeleton;
        let run = service.run_v2(&[action.command, "--dry-run", "--cli-input-json", skeleton]);
        assert!(
            run.code == Some(0) || (run.code == Some(2) && run.stderr.contains("must")),
            "{}: {run:#?}",
            action.command
        );
    }
    // Members the spec does not have are refused, naming them.
    let run = service.run_v2(&[
        "detach-instance",
        "--cli-input-json",
        r#"{"scalingGroupId": "asg-demo0001", "instanceIds": ["ins-demo0001"], "keep": 1}"#,
    ]);
    run.fails(
        2,
        &["--cli-input-json", "`keep` is not a field of the spec"],
    );
    let run = service.run_v2(&[
        "detach-instance",
        "--cli-input-json",
        r#"{"instanceIds": ["i"]}"#,
    ]);
    run.fails(2, &["--scaling-group-id", "is missing"]);
}

#[test]
fn configuration_problems_exit_1() {
    let service = Service::start();
    let run = Run::of(bare().args([
        "v2",
        "describe-scaling-group",
        "--endpoint",
        &service.emulator.endpoint(),
    ]));
    run.fails(1, &["no region", "--region"]);
    let run = Run::of(bare().args([
        "v2",
        "describe-scaling-group",
        "--region",
        "gz",
        "--endpoint",
        &service.emulator.endpoint(),
    ]));
    run.fails(1, &["no credentials"]);
}

#[test]
fn a_profile_of_the_credentials_file_signs_requests() {
    let service = Service::start();
    let credentials = service.emulator.credentials();
    let dir = tempdir();
    let file = dir.path().join("credentials");
    let text = format!(
        "[default]\nsecret_id = AKIDwrong\nsecret_key = wrong\n\n[emulator]\nsecret_id = {}\nsecret_key = {}\n",
        credentials.secret_id(),
        credentials.secret_key()
    );
    assert!(std::fs::write(&file, text).is_ok());
    let run = Run::of(
        bare()
            .env("TENCENTCLOUD_CREDENTIALS_FILE", &file)
            .env("TENCENTCLOUD_REGION", "gz")
            .env("QCLOUD_AS_ENDPOINT", service.emulator.endpoint())
            .args(["--profile", "emulator", "v2", "describe-scaling-group"]),
    );
    assert_eq!(run.json()["totalCount"], json!(2));
    // The default profile's wrong key is refused by the service.
    let run = Run::of(
        bare()
            .env("TENCENTCLOUD_CREDENTIALS_FILE", &file)
            .env("TENCENTCLOUD_REGION", "gz")
            .env("QCLOUD_AS_ENDPOINT", service.emulator.endpoint())
            .args(["v2", "describe-scaling-group", "--max-attempts", "1"]),
    );
    assert_eq!(run.code, Some(3), "{run:#?}");
}

#[test]
fn global_options_work_before_and_after_the_command() {
    let service = Service::start();
    for args in [
        &[
            "--http-method",
            "GET",
            "--signature-method",
            "HmacSHA1",
            "describe-scaling-group",
        ][..],
        &[
            "describe-scaling-group",
            "--http-method",
            "get",
            "--output",
            "text",
        ][..],
    ] {
        let run = service.run_v2(args);
        assert_eq!(run.code, Some(0), "{args:?}: {run:#?}");
    }
    let run = service.run_v2(&[
        "--dry-run",
        "--http-method",
        "GET",
        "describe-scaling-group",
    ]);
    assert!(run.stdout.starts_with("GET "), "{run:#?}");
    assert!(
        run.stdout.contains("SignatureMethod=HmacSHA256"),
        "{run:#?}"
    );
}

#[test]
fn completions_and_help() {
    let run = Run::of(bare().args(["completions", "bash"]));
    assert_eq!((run.code, run.stderr.as_str()), (Some(0), ""));
    for needle in [
        "complete -F _qcloud__as",
        "qcloud__as__subcmd__v2,detach-instance)",
        "--keep-instance",
        "compgen -W \"Release Keep\"",
    ] {
        assert!(run.stdout.contains(needle), "{needle} in the bash script");
    }
    for shell in ["zsh", "fish"] {
        let run = Run::of(bare().args(["completions", shell]));
        assert_eq!(run.code, Some(0), "{shell}: {}", run.stderr);
        assert!(run.stdout.contains("detach-instance"), "{shell}");
    }
    let run = Run::of(bare().arg("--help"));
    assert_eq!(run.code, Some(0), "{run:#?}");
    for needle in [
        "Exit codes:",
        "3  an API error",
        "detach-instance",
        "TENCENTCLOUD_SECRET_ID",
    ] {
        assert!(run.stdout.contains(needle), "{needle}: {run:#?}");
    }
    let run = Run::of(bare().args(["v2", "detach-instance", "--help"]));
    assert_eq!(run.code, Some(0), "{run:#?}");
    for needle in [
        "Preconditions:",
        "--scaling-group-id <TEXT>",
        "--instance-ids <TEXT>...",
        "[required]",
        "[default: Release]",
        "Keep:",
        "sent as 1",
        "[at least 1 item(s)]",
    ] {
        assert!(run.stdout.contains(needle), "{needle}: {run:#?}");
    }
    let run = Run::of(bare().args(["v2", "describe-scaling-group", "--help"]));
    assert!(run.stdout.contains("--all"), "{run:#?}");
    let run = Run::of(bare().args(["v2", "detach-instance", "--help"]));
    assert!(!run.stdout.contains("--all"), "{run:#?}");
    let run = Run::of(&mut bare());
    assert_eq!(run.code, Some(2), "{run:#?}");
}

#[test]
fn the_emulator_subcommand_serves_the_emulator() {
    use std::io::{BufRead, BufReader};
    let mut child = match bare()
        .args(["emulator", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(child) => child,
        Err(e) => panic!("{e}"),
    };
    let mut line = String::new();
    if let Some(stdout) = child.stdout.take() {
        let _ = BufReader::new(stdout).read_line(&mut line);
    }
    let endpoint = line.trim().strip_prefix("listening on ").map(str::to_owned);
    let run = endpoint.as_deref().map(|endpoint| {
        Run::of(
            bare()
                .env("TENCENTCLOUD_SECRET_ID", qcloud_as_emulator::DEMO_SECRET_ID)
                .env(
                    "TENCENTCLOUD_SECRET_KEY",
                    qcloud_as_emulator::DEMO_SECRET_KEY,
                )
                .args(["--region", "gz", "--endpoint", endpoint])
                .args(["v2", "describe-scaling-group", "--query", "totalCount"]),
        )
    });
    let _ = child.kill();
    let _ = child.wait();
    assert!(endpoint.is_some(), "first line: {line:?}");
    assert_eq!(run.map(|r| r.json()), Some(json!(2)));

    let run = Run::of(bare().args([
        "emulator",
        "--state",
        &Path::new("/nonexistent/state.yaml").display().to_string(),
    ]));
    assert_eq!(run.code, Some(2), "{run:#?}");
}
