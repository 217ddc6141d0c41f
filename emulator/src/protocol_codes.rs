//! Built from the specs: every refusal a domain command can answer is turned by each adapter
//! that runs the command into a code the action's spec lists, or a common code of its
//! protocol (`api-specs/as/*.yaml` for API 2.0, `api-specs/as-v3/*.yaml` for API 3.0).

use crate::domain::{groups, instances, launch, policies, refresh, scaling, DomainError};
// Launch configurations, groups and load balancers:
use crate::domain::load_balancers;
use crate::domain::{hooks, notifications, schedules};
use std::collections::HashSet;
use std::path::Path;

/// The codes a spec file lists under `list` (`errors` or `commonErrors`), by `key` (`codeDesc`
/// for API 2.0, `code` for API 3.0).
fn listed(folder: &str, file: &str, list: &str, key: &str) -> HashSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../api-specs")
        .join(folder)
        .join(file);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => panic!("cannot read {}: {e}", path.display()),
    };
    let spec: serde_json::Value = match serde_saphyr::from_str(&text) {
        Ok(spec) => spec,
        Err(e) => panic!("cannot parse {}: {e}", path.display()),
    };
    spec[list]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e[key].as_str().map(str::to_owned))
        .collect()
}

/// What may answer API 2.0 action `action`: its business codes and the common ones.
fn v2_allowed(action: &str) -> HashSet<String> {
    let mut codes = listed("as", &format!("{action}.yaml"), "errors", "codeDesc");
    codes.extend(listed("as", "service.yaml", "commonErrors", "codeDesc"));
    codes
}

/// What may answer API 3.0 action `action`.
fn v3_allowed(action: &str) -> HashSet<String> {
    let mut codes = listed("as-v3", &format!("{action}.yaml"), "errors", "code");
    codes.extend(listed("as-v3", "service.yaml", "commonErrors", "code"));
    codes
}

fn v2_code<E: qcloud_as::ErrorTable>(e: &E) -> String {
    qcloud_as::ErrorTable::meta(e).code_desc().to_owned()
}

fn v3_code<E: qcloud_as::v3::ErrorTable>(e: &E) -> String {
    qcloud_as::v3::ErrorTable::meta(e).code().to_owned()
}

/// One adapter of a command: the protocol's action, what may answer it, and its answer's
/// code for a refusal.
struct Adapter {
    action: &'static str,
    allowed: HashSet<String>,
    code: Box<dyn Fn(DomainError) -> String>,
}

fn v2(action: &'static str, code: impl Fn(DomainError) -> String + 'static) -> Adapter {
    Adapter {
        action,
        allowed: v2_allowed(action),
        code: Box::new(code),
    }
}

fn v3(action: &'static str, code: impl Fn(DomainError) -> String + 'static) -> Adapter {
    Adapter {
        action,
        allowed: v3_allowed(action),
        code: Box::new(code),
    }
}

/// Every command, the refusals it can answer, and the adapters that run it.
fn commands() -> Vec<(&'static str, Vec<DomainError>, Vec<Adapter>)> {
    use crate::actions::codes as a2;
    use crate::v3::codes as a3;
    vec![
        (
            "instances::leave",
            instances::leave_refusals(),
            vec![
                v2("DetachInstance", |e| v2_code(&a2::detach_instance(e))),
                v3("DetachInstances", |e| v3_code(&a3::detach_instances(e))),
                v3("RemoveInstances", |e| v3_code(&a3::remove_instances(e))),
            ],
        ),
        (
            "instances::attach",
            instances::attach_refusals(),
            vec![
                v2("AttachInstance", |e| v2_code(&a2::attach_instance(e))),
                v3("AttachInstances", |e| v3_code(&a3::attach_instances(e))),
            ],
        ),
        (
            "groups::delete",
            groups::delete_refusals(),
            vec![
                v2("DeleteScalingGroup", |e| {
                    v2_code(&a2::delete_scaling_group(e))
                }),
                v3("DeleteAutoScalingGroup", |e| {
                    v3_code(&a3::delete_auto_scaling_group(e))
                }),
            ],
        ),
        (
            "groups::check_quota",
            groups::quota_refusals(),
            vec![
                v2("CreateScalingGroup", |e| {
                    v2_code(&a2::create_scaling_group(e))
                }),
                v3("CreateAutoScalingGroup", |e| {
                    v3_code(&a3::create_auto_scaling_group(e))
                }),
            ],
        ),
        (
            "launch::check_quota",
            launch::quota_refusals(),
            vec![
                v2("CreateScalingConfiguration", |e| {
                    v2_code(&a2::create_scaling_configuration(e))
                }),
                v3("CreateLaunchConfiguration", |e| {
                    v3_code(&a3::create_launch_configuration(e))
                }),
            ],
        ),
        // Instances and policies.
        (
            "scaling (members)",
            scaling::member_refusals(),
            vec![
                v3("EnterStandby", |e| v3_code(&a3::enter_standby(e))),
                v3("ExitStandby", |e| v3_code(&a3::exit_standby(e))),
                v3("StartAutoScalingInstances", |e| {
                    v3_code(&a3::start_auto_scaling_instances(e))
                }),
                v3("StopAutoScalingInstances", |e| {
                    v3_code(&a3::stop_auto_scaling_instances(e))
                }),
            ],
        ),
        (
            "scaling::scale",
            scaling::scale_refusals(),
            vec![
                v3("ScaleOutInstances", |e| {
                    v3_code(&a3::scale_out_instances(e))
                }),
                v3("ScaleInInstances", |e| v3_code(&a3::scale_in_instances(e))),
            ],
        ),
        (
            "policies::create",
            policies::create_refusals(),
            vec![
                v2("CreateScalingPolicy", |e| {
                    v2_code(&a2::create_scaling_policy(e))
                }),
                v3("CreateScalingPolicy", |e| {
                    v3_code(&a3::create_scaling_policy(e))
                }),
            ],
        ),
        (
            "policies::modify",
            policies::modify_refusals(),
            vec![
                v2("ModifyScalingPolicy", |e| {
                    v2_code(&a2::modify_scaling_policy(e))
                }),
                v3("ModifyScalingPolicy", |e| {
                    v3_code(&a3::modify_scaling_policy(e))
                }),
            ],
        ),
        (
            "policies::delete",
            policies::delete_refusals(),
            vec![
                v2("DeleteScalingPolicy", |e| {
                    v2_code(&a2::delete_scaling_policy(e))
                }),
                v3("DeleteScalingPolicy", |e| {
                    v3_code(&a3::delete_scaling_policy(e))
                }),
            ],
        ),
        (
            "policies::execute",
            policies::execute_refusals(),
            vec![v3("ExecuteScalingPolicy", |e| {
                v3_code(&a3::execute_scaling_policy(e))
            })],
        ),
        // Scheduled actions, lifecycle hooks, notifications:
        (
            "schedules",
            schedules::refusals(),
            vec![
                v2("CreateScheduledTask", |e| {
                    v2_code(&a2::create_scheduled_task(e))
                }),
                v2("ModifyScheduledTask", |e| {
                    v2_code(&a2::modify_scheduled_task(e))
                }),
                v2("DeleteScheduledTask", |e| {
                    v2_code(&a2::delete_scheduled_task(e))
                }),
                v3("CreateScheduledAction", |e| {
                    v3_code(&a3::create_scheduled_action(e))
                }),
                v3("ModifyScheduledAction", |e| {
                    v3_code(&a3::modify_scheduled_action(e))
                }),
                v3("DeleteScheduledAction", |e| {
                    v3_code(&a3::delete_scheduled_action(e))
                }),
            ],
        ),
        (
            "hooks",
            hooks::refusals(),
            vec![
                v2("CreateLifeCycleHook", |e| {
                    v2_code(&a2::create_life_cycle_hook(e))
                }),
                v2("ModifyLifeCycleHook", |e| {
                    v2_code(&a2::modify_life_cycle_hook(e))
                }),
                v2("DeleteLifeCycleHook", |e| {
                    v2_code(&a2::delete_life_cycle_hook(e))
                }),
                v2("CompleteLifeCycleHookAction", |e| {
                    a2::complete_life_cycle_hook_action(e)
                        .map_or_else(|| "InvalidParameter".to_owned(), |e| v2_code(&e))
                }),
                v3("CreateLifecycleHook", |e| {
                    v3_code(&a3::create_lifecycle_hook(e))
                }),
                v3("ModifyLifecycleHook", |e| {
                    v3_code(&a3::modify_lifecycle_hook(e))
                }),
                v3("UpgradeLifecycleHook", |e| {
                    v3_code(&a3::upgrade_lifecycle_hook(e))
                }),
                v3("DeleteLifecycleHook", |e| {
                    v3_code(&a3::delete_lifecycle_hook(e))
                }),
                v3("CompleteLifecycleAction", |e| {
                    v3_code(&a3::complete_lifecycle_action(e))
                }),
            ],
        ),
        (
            "notifications",
            notifications::refusals(),
            vec![
                v2("CreateScalingNotification", |e| {
                    v2_code(&a2::create_scaling_notification(e))
                }),
                v2("ModifyScalingNotification", |e| {
                    v2_code(&a2::modify_scaling_notification(e))
                }),
                v2("DeleteScalingNotification", |e| {
                    v2_code(&a2::delete_scaling_notification(e))
                }),
                v3("CreateNotificationConfiguration", |e| {
                    v3_code(&a3::create_notification_configuration(e))
                }),
                v3("ModifyNotificationConfiguration", |e| {
                    v3_code(&a3::modify_notification_configuration(e))
                }),
                v3("DeleteNotificationConfiguration", |e| {
                    v3_code(&a3::delete_notification_configuration(e))
                }),
            ],
        ),
        // Launch configurations, groups and load balancers:
        (
            "launch::delete",
            launch::delete_refusals(),
            vec![
                v2("DeleteScalingConfiguration", |e| {
                    v2_code(&a2::delete_scaling_configuration(e))
                }),
                v3("DeleteLaunchConfiguration", |e| {
                    v3_code(&a3::delete_launch_configuration(e))
                }),
            ],
        ),
        (
            "launch::check_changes",
            launch::refusals(),
            vec![
                v3("ModifyLaunchConfigurationAttributes", |e| {
                    v3_code(&a3::modify_launch_configuration_attributes(e))
                }),
                v3("UpgradeLaunchConfiguration", |e| {
                    v3_code(&a3::upgrade_launch_configuration(e))
                }),
            ],
        ),
        (
            "launch::find",
            vec![DomainError::LaunchConfigurationNotFound {
                id: "asc-x".to_owned(),
            }],
            vec![v3("ClearLaunchConfigurationAttributes", |e| {
                v3_code(&a3::clear_launch_configuration_attributes(e))
            })],
        ),
        (
            "launch::check_new, groups::check_quota",
            launch::new_refusals()
                .into_iter()
                .chain(groups::quota_refusals())
                .collect(),
            vec![v3("CreateAutoScalingGroupFromInstance", |e| {
                v3_code(&a3::create_auto_scaling_group_from_instance(e))
            })],
        ),
        (
            "load_balancers::attach",
            load_balancers::attach_refusals(),
            vec![v3("AttachLoadBalancers", |e| {
                v3_code(&a3::attach_load_balancers(e))
            })],
        ),
        (
            "load_balancers::detach",
            load_balancers::detach_refusals(),
            vec![v3("DetachLoadBalancers", |e| {
                v3_code(&a3::detach_load_balancers(e))
            })],
        ),
        (
            "load_balancers::replace",
            load_balancers::replace_refusals(),
            vec![v3("ModifyLoadBalancers", |e| {
                v3_code(&a3::modify_load_balancers(e))
            })],
        ),
        (
            "load_balancers::set_targets",
            load_balancers::set_targets_refusals(),
            vec![v3("ModifyLoadBalancerTargetAttributes", |e| {
                v3_code(&a3::modify_load_balancer_target_attributes(e))
            })],
        ),
        // Instance refresh (API 3.0 only).
        (
            "refresh::start",
            refresh::start_refusals(),
            vec![v3("StartInstanceRefresh", |e| {
                v3_code(&a3::start_instance_refresh(e))
            })],
        ),
        (
            "refresh::rollback",
            refresh::rollback_refusals(),
            vec![v3("RollbackInstanceRefresh", |e| {
                v3_code(&a3::rollback_instance_refresh(e))
            })],
        ),
        (
            "refresh::stop, resume, cancel",
            refresh::control_refusals(),
            vec![
                v3("StopInstanceRefresh", |e| {
                    v3_code(&a3::stop_instance_refresh(e))
                }),
                v3("ResumeInstanceRefresh", |e| {
                    v3_code(&a3::resume_instance_refresh(e))
                }),
                v3("CancelInstanceRefresh", |e| {
                    v3_code(&a3::cancel_instance_refresh(e))
                }),
            ],
        ),
        (
            "refresh::ensure_no_refresh",
            vec![DomainError::RefreshInProgress {
                group: "asg-x".to_owned(),
                refresh: "asr-x".to_owned(),
            }],
            vec![
                v2("EnabledScalingGroup", |e| {
                    v2_code(&a2::enabled_scaling_group(e))
                }),
                v3("EnableAutoScalingGroup", |e| {
                    v3_code(&a3::enable_auto_scaling_group(e))
                }),
            ],
        ),
    ]
}

#[test]
fn every_refusal_of_a_command_is_a_code_its_action_lists() {
    let mut wrong = Vec::new();
    let mut checked = 0;
    for (command, refusals, adapters) in commands() {
        assert!(!refusals.is_empty(), "{command} lists no refusal");
        for adapter in &adapters {
            assert!(
                adapter.allowed.len() > 5,
                "no codes read for {}",
                adapter.action
            );
            for refusal in &refusals {
                let code = (adapter.code)(refusal.clone());
                checked += 1;
                if !adapter.allowed.contains(&code) {
                    wrong.push(format!(
                        "{command} → {}: {refusal:?} answers {code}, which the spec does not list",
                        adapter.action
                    ));
                }
            }
        }
    }
    assert!(checked > 40, "only {checked} pairs checked");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_unlisted_code_would_be_caught() {
    // The check itself: a code outside the action's list and the common ones is not allowed.
    let allowed = v3_allowed("DetachInstances");
    assert!(allowed.contains("ResourceNotFound.InstancesNotInAutoScalingGroup"));
    assert!(allowed.contains("FailedOperation"));
    assert!(!allowed.contains("ResourceInUse.InstanceInGroup"));
    let allowed = v2_allowed("DetachInstance");
    assert!(allowed.contains("InvalidParameter.InstanceIdError"));
    assert!(allowed.contains("OperationFailed"));
    assert!(!allowed.contains("IncorrectInstanceStatus.InOtherScalingGroup"));
}
