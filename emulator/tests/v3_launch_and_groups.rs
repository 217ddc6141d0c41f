//! API 3.0 through the SDK's `qcloud_as::v3::Client` over HTTP: a group's load balancers
//! (attach, detach, modify, targets, seen by both protocols), changing launch configurations
//! (modify, clear, upgrade, delete while in use, through both protocols), a group made from an
//! instance, last activities, account limits and advices.

mod common;

use common::v3::{code, start_v3};
use common::TestResult;
use qcloud_as::v3::operation::create_auto_scaling_group_from_instance::CreateAutoScalingGroupFromInstanceRequired;
use qcloud_as::v3::types::{ForwardLoadBalancer, ForwardLoadBalancerRequired, TargetAttribute};
use qcloud_as_emulator::State;
use std::time::Duration;

#[path = "v3_launch_and_groups/launch.rs"]
mod launch;
#[path = "v3_launch_and_groups/reports.rs"]
mod reports;

const WEB: &str = "asg-demo0001";
const BATCH: &str = "asg-demo0002";

/// A forwarding listener with `targets` (port, weight).
fn listener(lb: &str, lbl: &str, targets: &[(i64, i64)]) -> ForwardLoadBalancer {
    ForwardLoadBalancer::new(ForwardLoadBalancerRequired {
        load_balancer_id: lb.into(),
        listener_id: lbl.into(),
        target_attributes: targets
            .iter()
            .map(|(p, w)| TargetAttribute::new(*p, *w))
            .collect(),
    })
}

/// The classic load balancers API 2.0's DescribeScalingGroup shows.
fn classic_ids(g: &qcloud_as::operation::describe_scaling_group::ScalingGroup) -> Vec<String> {
    g.load_balancer_id_set
        .iter()
        .flatten()
        .map(|lb| lb.load_balancer_id.clone())
        .collect()
}

#[tokio::test]
async fn classic_load_balancers_attach_and_detach_seen_by_both_protocols() -> TestResult {
    let (emulator, v2, v3) = start_v3(State::demo())?;
    let attached = v3
        .attach_load_balancers(WEB)
        .load_balancer_ids(["lb-aaaa0001", "lb-aaaa0002"])
        .await?;
    let g = &v3
        .describe_auto_scaling_groups()
        .auto_scaling_group_ids([WEB])
        .await?
        .auto_scaling_group_set[0];
    assert_eq!(g.load_balancer_id_set, ["lb-aaaa0001", "lb-aaaa0002"]);
    let old = &v2
        .describe_scaling_group()
        .scaling_group_ids([WEB])
        .send()
        .await?
        .scaling_group_set[0];
    assert_eq!(classic_ids(old), ["lb-aaaa0001", "lb-aaaa0002"]);
    // The activity ended at once and names the in-service members it registered.
    let a = &v3
        .describe_auto_scaling_activities()
        .activity_ids([attached.activity_id.clone()])
        .await?
        .activity_set[0];
    assert_eq!(a.status_code.as_str(), "SUCCESSFUL");
    assert_eq!(a.related_instance_set.len(), 4);
    assert!(a.cause.contains("lb-aaaa0001"), "{}", a.cause);
    assert_eq!(a.activity_type.as_str(), "ATTACH_INSTANCES");
    // API 2.0 sees the same record, as an attach activity (type 2).
    let old_activity = &v2
        .describe_scaling_activity(WEB)
        .scaling_activity_ids([attached.activity_id.clone()])
        .send()
        .await?
        .scaling_activity_set[0];
    assert_eq!(
        old_activity.activity_type,
        qcloud_as::types::ActivityType::Attach
    );
    assert_eq!(old_activity.succ_ins_list.as_ref().map(Vec::len), Some(4));

    let again = v3
        .attach_load_balancers(WEB)
        .load_balancer_ids(["lb-aaaa0001"])
        .await;
    assert_eq!(code(again), "InvalidParameterValue.ClassicLb");
    let malformed = v3
        .attach_load_balancers(WEB)
        .load_balancer_ids(["clb-1"])
        .await;
    assert_eq!(code(malformed), "InvalidParameterValue.ClassicLb");
    let none = v3.attach_load_balancers(WEB).await;
    assert_eq!(code(none), "InvalidParameter.MustOneParameter");
    let other_kind = v3
        .attach_load_balancers(WEB)
        .forward_load_balancers([listener("lb-bbbb0001", "lbl-bbbb0001", &[(80, 10)])])
        .await;
    assert_eq!(code(other_kind), "InvalidParameter.Conflict");
    let many: Vec<String> = (0..19).map(|n| format!("lb-more{n:04}")).collect();
    let over = v3.attach_load_balancers(WEB).load_balancer_ids(many).await;
    assert_eq!(code(over), "LimitExceeded.AfterAttachLbLimitExceeded");
    // 18 more make 20, the most a group holds.
    let to_twenty: Vec<String> = (0..18).map(|n| format!("lb-more{n:04}")).collect();
    v3.attach_load_balancers(WEB)
        .load_balancer_ids(to_twenty)
        .await?;
    let one_more = v3
        .attach_load_balancers(WEB)
        .load_balancer_ids(["lb-last0001"])
        .await;
    assert_eq!(code(one_more), "LimitExceeded.AfterAttachLbLimitExceeded");
    let extra: Vec<String> = (0..18).map(|n| format!("lb-more{n:04}")).collect();
    v3.detach_load_balancers(WEB)
        .load_balancer_ids(extra)
        .await?;
    let too_long: Vec<String> = (0..21).map(|n| format!("lb-more{n:04}")).collect();
    let too_long = v3
        .attach_load_balancers(BATCH)
        .load_balancer_ids(too_long)
        .await;
    assert_eq!(code(too_long), "InvalidParameterValue.LimitExceeded");
    let unknown = v3
        .attach_load_balancers("asg-nothere1")
        .load_balancer_ids(["lb-aaaa0003"])
        .await;
    assert_eq!(code(unknown), "ResourceNotFound.AutoScalingGroupNotFound");
    let bad_group = v3
        .attach_load_balancers("group")
        .load_balancer_ids(["lb-aaaa0003"])
        .await;
    assert_eq!(
        code(bad_group),
        "InvalidParameterValue.InvalidAutoScalingGroupId"
    );
    assert_eq!(
        emulator
            .state()
            .group(WEB)
            .map(|g| g.load_balancers.classic.len()),
        Some(2)
    );

    let not_bound = v3
        .detach_load_balancers(WEB)
        .load_balancer_ids(["lb-nothere1"])
        .await;
    assert_eq!(
        code(not_bound),
        "ResourceNotFound.LoadBalancerNotInAutoScalingGroup"
    );
    let none = v3.detach_load_balancers(WEB).await;
    assert_eq!(code(none), "InvalidParameter.MustOneParameter");
    v3.detach_load_balancers(WEB)
        .load_balancer_ids(["lb-aaaa0001"])
        .await?;
    let old = &v2
        .describe_scaling_group()
        .scaling_group_ids([WEB])
        .send()
        .await?
        .scaling_group_set[0];
    assert_eq!(classic_ids(old), ["lb-aaaa0002"]);
    // A group in an activity takes no change.
    v3.modify_desired_capacity(WEB, 5).await?;
    let busy = v3
        .detach_load_balancers(WEB)
        .load_balancer_ids(["lb-aaaa0002"])
        .await;
    assert_eq!(code(busy), "ResourceUnavailable.AutoScalingGroupInActivity");
    emulator.advance(Duration::from_secs(60));
    v3.detach_load_balancers(WEB)
        .load_balancer_ids(["lb-aaaa0002"])
        .await?;
    Ok(())
}

#[tokio::test]
async fn forwarding_load_balancers_modify_and_targets() -> TestResult {
    let (emulator, _, v3) = start_v3(State::demo())?;
    v3.attach_load_balancers(WEB)
        .load_balancer_ids(["lb-aaaa0001"])
        .await?;
    // ModifyLoadBalancers replaces the whole setup, classic by forwarding.
    let web = listener("lb-bbbb0001", "lbl-bbbb0001", &[(80, 10), (8080, 20)]);
    v3.modify_load_balancers(WEB)
        .forward_load_balancers([web.clone()])
        .await?;
    let g = &v3
        .describe_auto_scaling_groups()
        .auto_scaling_group_ids([WEB])
        .await?
        .auto_scaling_group_set[0];
    assert!(g.load_balancer_id_set.is_empty());
    assert_eq!(g.forward_load_balancer_set, std::slice::from_ref(&web));
    let same = v3
        .modify_load_balancers(WEB)
        .forward_load_balancers([web.clone()])
        .await;
    assert_eq!(code(same), "FailedOperation.NoActivityToGenerate");
    let port = v3
        .modify_load_balancers(WEB)
        .forward_load_balancers([listener("lb-bbbb0001", "lbl-bbbb0001", &[(0, 10)])])
        .await;
    assert_eq!(code(port), "InvalidParameterValue.Range");
    let twice = v3
        .modify_load_balancers(WEB)
        .forward_load_balancers([listener("lb-bbbb0001", "lbl-bbbb0001", &[(80, 1), (80, 2)])])
        .await;
    assert_eq!(code(twice), "InvalidParameterValue.TargetPortDuplicated");
    let duplicated = v3
        .modify_load_balancers(WEB)
        .forward_load_balancers([web.clone(), web.clone()])
        .await;
    assert_eq!(
        code(duplicated),
        "InvalidParameterValue.DuplicatedForwardLb"
    );
    let both = v3
        .modify_load_balancers(WEB)
        .load_balancer_ids(["lb-aaaa0001"])
        .forward_load_balancers([web.clone()])
        .await;
    assert_eq!(code(both), "InvalidParameter.Conflict");

    // 100 listeners are the most a group holds.
    let hundred: Vec<ForwardLoadBalancer> = (0..100)
        .map(|n| listener("lb-bbbb0001", &format!("lbl-many{n:04}"), &[(80, 10)]))
        .collect();
    v3.modify_load_balancers(WEB)
        .forward_load_balancers(hundred)
        .await?;
    let one_more = v3
        .attach_load_balancers(WEB)
        .forward_load_balancers([listener("lb-bbbb0001", "lbl-last0001", &[(80, 10)])])
        .await;
    assert_eq!(code(one_more), "LimitExceeded.AfterAttachLbLimitExceeded");
    v3.modify_load_balancers(WEB)
        .forward_load_balancers([web.clone()])
        .await?;

    // New ports and weights for the bound listener.
    let reweighted = listener("lb-bbbb0001", "lbl-bbbb0001", &[(80, 50)]);
    let changed = v3
        .modify_load_balancer_target_attributes(WEB, [reweighted.clone()])
        .await?;
    assert!(changed.activity_id.starts_with("asa-"));
    let g = &v3
        .describe_auto_scaling_groups()
        .auto_scaling_group_ids([WEB])
        .await?
        .auto_scaling_group_set[0];
    assert_eq!(
        g.forward_load_balancer_set,
        std::slice::from_ref(&reweighted)
    );
    let unbound = v3
        .modify_load_balancer_target_attributes(
            WEB,
            [listener("lb-cccc0001", "lbl-cccc0001", &[(80, 1)])],
        )
        .await;
    assert_eq!(
        code(unbound),
        "ResourceNotFound.LoadBalancerNotInAutoScalingGroup"
    );
    let unchanged = v3
        .modify_load_balancer_target_attributes(WEB, [reweighted])
        .await;
    assert_eq!(code(unchanged), "FailedOperation.NoActivityToGenerate");
    let weight = v3
        .modify_load_balancer_target_attributes(
            WEB,
            [listener("lb-bbbb0001", "lbl-bbbb0001", &[(80, 101)])],
        )
        .await;
    assert_eq!(code(weight), "InvalidParameterValue.Range");
    let malformed = v3
        .modify_load_balancer_target_attributes(WEB, [listener("lb-bbbb0001", "x", &[(80, 1)])])
        .await;
    assert_eq!(code(malformed), "InvalidParameterValue.ForwardLb");

    // Detached by its identification; an empty ModifyLoadBalancers then has nothing to do.
    let id =
        qcloud_as::v3::types::ForwardLoadBalancerIdentification::new("lb-bbbb0001", "lbl-bbbb0001");
    v3.detach_load_balancers(WEB)
        .forward_load_balancer_identifications([id])
        .await?;
    assert!(emulator
        .state()
        .group(WEB)
        .is_some_and(|g| g.load_balancers.is_empty()));
    let nothing = v3.modify_load_balancers(WEB).await;
    assert_eq!(code(nothing), "FailedOperation.NoActivityToGenerate");
    Ok(())
}

#[tokio::test]
async fn a_group_from_an_instance() -> TestResult {
    let (emulator, _, v3) = start_v3(State::demo())?;
    let required =
        |name: &str, instance: &str, min, max| CreateAutoScalingGroupFromInstanceRequired {
            auto_scaling_group_name: name.into(),
            instance_id: instance.into(),
            min_size: min,
            max_size: max,
        };
    let made = v3
        .create_auto_scaling_group_from_instance(required("from-ins", "ins-demo0006", 1, 3))
        .await?;
    let g = &v3
        .describe_auto_scaling_groups()
        .auto_scaling_group_ids([made.auto_scaling_group_id.clone()])
        .await?
        .auto_scaling_group_set[0];
    assert_eq!((g.min_size, g.max_size, g.desired_capacity), (1, 3, 1));
    assert_eq!(g.enabled_status.as_str(), "ENABLED");
    let lc = &v3
        .describe_launch_configurations()
        .launch_configuration_ids([g.launch_configuration_id.clone()])
        .await?
        .launch_configuration_set[0];
    assert_eq!(lc.launch_configuration_name, "from-ins");
    assert_eq!(lc.instance_types, ["S5.MEDIUM4"]);
    // The instance does not join; the simulation launches the desired capacity.
    emulator.advance(Duration::from_secs(60));
    let members = common::members(&emulator.state(), &made.auto_scaling_group_id);
    assert_eq!(members.len(), 1);
    assert_ne!(members[0], "ins-demo0006");

    let unknown = v3
        .create_auto_scaling_group_from_instance(required("x", "ins-nothere1", 0, 1))
        .await;
    assert_eq!(code(unknown), "ResourceNotFound.InstancesNotFound");
    let malformed = v3
        .create_auto_scaling_group_from_instance(required("x", "i-1", 0, 1))
        .await;
    assert_eq!(code(malformed), "InvalidParameterValue.InvalidInstanceId");
    let sizes = v3
        .create_auto_scaling_group_from_instance(required("x", "ins-demo0006", 2, 1))
        .await;
    assert_eq!(code(sizes), "InvalidParameterValue.Size");
    let desired = v3
        .create_auto_scaling_group_from_instance(required("x", "ins-demo0006", 0, 2000))
        .desired_capacity(2001)
        .await;
    assert_eq!(code(desired), "LimitExceeded.DesiredCapacityLimitExceeded");
    let group_taken = v3
        .create_auto_scaling_group_from_instance(required("web", "ins-demo0006", 0, 1))
        .await;
    assert_eq!(code(group_taken), "InvalidParameterValue");
    // The launch configuration is named as the group: a name a launch configuration has is
    // refused.
    let lc_taken = v3
        .create_auto_scaling_group_from_instance(required("web-lc", "ins-demo0006", 0, 1))
        .await;
    assert_eq!(
        code(lc_taken),
        "InvalidParameterValue.LaunchConfigurationNameDuplicated"
    );
    assert_eq!(emulator.state().scaling_groups.len(), 3);
    assert_eq!(emulator.state().launch_configurations.len(), 2);
    Ok(())
}
