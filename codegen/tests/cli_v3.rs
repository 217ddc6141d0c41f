//! The command-line artifact of the real API 3.0 specs (`api-specs/as-v3`): its commands name
//! API 3.0's half of the SDK and sender, the actions that start an activity take `--wait`, and
//! API 2.0's commands are documented under `v2`.

use std::collections::BTreeMap;
use std::path::Path;

fn render(specs: &str) -> BTreeMap<String, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(specs);
    match qcloud_as_codegen::generate_artifact(&dir, qcloud_as_codegen::Artifact::Cli) {
        Ok(files) => files,
        Err(e) => panic!("{specs} should render as the CLI:\n{e}"),
    }
}

fn file<'a>(files: &'a BTreeMap<String, String>, name: &str) -> &'a str {
    files.get(name).map_or("", String::as_str)
}

#[test]
fn api_3_0_commands_use_the_v3_sdk_and_sender() {
    let files = render("api-specs/as-v3");
    // mod.rs and one file per action.
    assert_eq!(files.len(), 59);
    let detach = file(&files, "detach_instances.rs");
    for needle in [
        "//! `qcloud-as detach-instances`: DetachInstances.",
        "use crate::sdk::v3::operation::detach_instances as op;",
        "command: \"detach-instances\"",
        "cli::Param::new(\"auto-scaling-group-id\", \"AutoScalingGroupId\", cli::Kind::String)",
        "run: cli::Run::Activity(cli::v3::send::<op::DetachInstancesRequest>)",
    ] {
        assert!(detach.contains(needle), "{needle} in\n{detach}");
    }
    let groups = file(&files, "describe_auto_scaling_groups.rs");
    assert!(
        groups.contains(
            "cli::Run::Paged(cli::v3::send_paged::<op::DescribeAutoScalingGroupsRequest>)"
        ),
        "{groups}"
    );
    // An answer without an `ActivityId` does not wait.
    let capacity = file(&files, "modify_desired_capacity.rs");
    assert!(
        capacity.contains("cli::Run::Single(cli::v3::send::<op::ModifyDesiredCapacityRequest>)"),
        "{capacity}"
    );
    // Every action whose answer names an activity waits, and no other.
    let waiting: Vec<&str> = files
        .iter()
        .filter(|(_, text)| text.contains("cli::Run::Activity("))
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(
        waiting,
        [
            "attach_instances.rs",
            "attach_load_balancers.rs",
            "detach_instances.rs",
            "detach_load_balancers.rs",
            "enter_standby.rs",
            "execute_scaling_policy.rs",
            "exit_standby.rs",
            "modify_load_balancer_target_attributes.rs",
            "modify_load_balancers.rs",
            "remove_instances.rs",
            "scale_in_instances.rs",
            "scale_out_instances.rs",
            "start_auto_scaling_instances.rs",
            "stop_auto_scaling_instances.rs",
        ]
    );
    assert!(file(&files, "mod.rs").contains("API 3.0: `qcloud-as COMMAND`"));
}

#[test]
fn api_2_0_commands_are_documented_under_v2() {
    let files = render("api-specs/as");
    let detach = file(&files, "detach_instance.rs");
    assert!(
        detach.contains("//! `qcloud-as v2 detach-instance`: DetachInstance."),
        "{detach}"
    );
    assert!(detach.contains("use crate::sdk::operation::detach_instance as op;"));
    assert!(!files
        .values()
        .any(|text| text.contains("cli::Run::Activity(")));
}
