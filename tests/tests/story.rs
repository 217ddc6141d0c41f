//! A realistic story through the client against the emulator, over real HTTP on 127.0.0.1:
//! build a launch configuration and a group, attach instances, page through them, protect and
//! detach some, add a policy, a scheduled task, a notification and a hook, read the activities,
//! and take everything down in the order the rules demand, checking each rule on the way.

use futures_util::StreamExt;
use qcloud_as::operation::attach_instance::AttachInstanceError;
use qcloud_as::operation::create_life_cycle_hook::CreateLifeCycleHookRequired;
use qcloud_as::operation::create_scaling_configuration::CreateScalingConfigurationRequired;
use qcloud_as::operation::create_scaling_group::CreateScalingGroupRequired;
use qcloud_as::operation::create_scaling_notification::CreateScalingNotificationRequired;
use qcloud_as::operation::create_scaling_policy::CreateScalingPolicyRequired;
use qcloud_as::operation::create_scheduled_task::CreateScheduledTaskRequired;
use qcloud_as::operation::delete_life_cycle_hook::DeleteLifeCycleHookError;
use qcloud_as::operation::delete_scaling_configuration::DeleteScalingConfigurationError;
use qcloud_as::operation::delete_scaling_group::DeleteScalingGroupError;
use qcloud_as::operation::detach_instance::{DetachInstanceError, KeepInstance};
use qcloud_as::operation::set_cvm_protected_detach::{
    DetachProtection, SetCvmProtectedDetachRequired,
};
use qcloud_as::types::{
    ActivityType, AdjustmentType, BandwidthType, ComparisonOperator, CreationType, ImageType,
    Metric, MetricName, NotificationType, RemovePolicy, StorageType,
};
use qcloud_as::{AutoScalingError, Client, CommonError, Error};
use qcloud_as_emulator::state::Instance;
use qcloud_as_emulator::{Emulator, State};

/// Eight running instances outside any group, in an otherwise empty account.
fn account() -> State {
    let mut state = State::demo();
    state.scaling_groups.clear();
    state.launch_configurations.clear();
    state.instances = (1..=8)
        .map(|n| Instance {
            instance_id: format!("ins-story00{n}"),
            state: "Running".to_owned(),
        })
        .collect();
    state
}

fn ids(range: std::ops::RangeInclusive<u32>) -> Vec<String> {
    range.map(|n| format!("ins-story00{n}")).collect()
}

/// Every step's errors meet in one type: the service-wide error.
type Step<T> = Result<T, Error<AutoScalingError>>;

async fn build(client: &Client) -> Step<(String, String)> {
    let lc = client
        .create_scaling_configuration(CreateScalingConfigurationRequired {
            scaling_configuration_name: "web-lc".into(),
            image_id: "img-50mr2ow7".into(),
            cpu: 2,
            mem: 4,
            storage_type: StorageType::Cloud,
            storage_size: 50,
            bandwidth_type: BandwidthType::PayByTraffic,
            bandwidth: 10,
            image_type: ImageType::Public,
        })
        .send()
        .await?
        .scaling_configuration_id_set
        .remove(0);
    let group = client
        .create_scaling_group(CreateScalingGroupRequired {
            scaling_configuration_id: lc.clone(),
            scaling_group_name: "web".into(),
            // A group without a desired capacity starts at its minSize (the emulator README's
            // decisions): from 0 it holds only what is attached; minSize 1 comes after.
            min_size: 0,
            max_size: 8,
            remove_policy: RemovePolicy::RemoveOldestInstance,
            vpc_id: "0".into(),
        })
        .zone_ids(["100002"])
        .send()
        .await?
        .scaling_group_id_set
        .remove(0);
    Ok((lc, group))
}

#[tokio::test]
async fn a_scaling_story_from_nothing_to_nothing() -> Result<(), Box<dyn std::error::Error>> {
    let emulator = Emulator::start(account())?;
    let client = emulator.client()?;

    // Build: a launch configuration and a group that uses it.
    let (lc, group) = build(&client).await?;
    assert!(
        lc.starts_with("asc-") && group.starts_with("asg-"),
        "{lc} {group}"
    );

    // Attach seven instances; an eighth beyond maxSize would be refused later.
    client
        .attach_instance(group.as_str(), ids(1..=7))
        .send()
        .await?;
    let described = client
        .describe_scaling_group()
        .scaling_group_ids([group.as_str()])
        .send()
        .await?;
    assert_eq!(described.scaling_group_set[0].instance_num, 7);
    assert_eq!(described.scaling_group_set[0].scaling_configuration_id, lc);
    client
        .modify_scaling_group(
            qcloud_as::operation::modify_scaling_group::ModifyScalingGroupRequired {
                scaling_group_id: group.clone(),
                min_size: 1,
                max_size: 8,
                remove_policy: RemovePolicy::RemoveOldestInstance,
            },
        )
        .send()
        .await?;

    // Page through the instances three at a time: pages of 3, 3 and 1.
    let mut pages = client
        .describe_scaling_instance(group.as_str())
        .paginate()
        .page_size(3)
        .pages();
    let mut sizes = Vec::new();
    let mut seen = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page?;
        sizes.push(page.scaling_instances_set.len());
        for instance in page.scaling_instances_set {
            assert_eq!(instance.creation_type, CreationType::Manual);
            seen.push(instance.instance_id);
        }
    }
    assert_eq!(sizes, [3, 3, 1]);
    seen.sort();
    assert_eq!(seen, ids(1..=7));

    // Protect one instance: detaching it is refused, detaching the others works.
    client
        .set_cvm_protected_detach(SetCvmProtectedDetachRequired {
            scaling_group_id: group.clone(),
            instance_ids: vec!["ins-story001".into()],
            protected_from_detach: DetachProtection::Protected,
        })
        .send()
        .await?;
    match client
        .detach_instance(group.as_str(), ["ins-story001", "ins-story002"])
        .send()
        .await
    {
        Err(Error::Service(DetachInstanceError::Common(CommonError::OperationFailed(e)))) => {
            assert!(e.message().contains("ins-story001"), "{e}");
        }
        other => panic!("detaching a protected instance: {other:?}"),
    }
    // Detach without and with keepInstance: attached (Manual) instances are never released.
    client
        .detach_instance(group.as_str(), ["ins-story002"])
        .send()
        .await?;
    client
        .detach_instance(group.as_str(), ["ins-story003"])
        .keep_instance(KeepInstance::Keep)
        .send()
        .await?;
    let state = emulator.state();
    assert_eq!(state.group(&group).map(|g| g.instances.len()), Some(5));
    assert!(state.instance("ins-story002").is_some() && state.instance("ins-story003").is_some());

    // A policy, a scheduled task, a notification and a hook.
    let policy = client
        .create_scaling_policy(CreateScalingPolicyRequired {
            scaling_group_id: group.clone(),
            scaling_policy_name: "cpu-high".into(),
            metric: Metric::new(qcloud_as::types::MetricRequired {
                dimension_name: MetricName::CpuUsage,
                comparison_operator: ComparisonOperator::Greater,
                threshold: 80,
            })
            .repeat_times(2),
            adjustment_type: AdjustmentType::QuantityChangeInCapacity,
            adjustment_value: 1,
            cooldown: 300,
        })
        .send()
        .await?
        .scaling_policy_id_set
        .remove(0);
    let task = client
        .create_scheduled_task(CreateScheduledTaskRequired {
            scaling_group_id: group.clone(),
            scaling_scheduled_task_name: "night".into(),
            readjust_max_size: 3,
            readjust_min_size: 1,
            start_time: "2026-12-01 22:00:00".into(),
        })
        .send()
        .await?
        .scaling_scheduled_task_ids
        .remove(0);
    let notification = client
        .create_scaling_notification(CreateScalingNotificationRequired {
            scaling_group_id: group.clone(),
            notification_types: vec![
                NotificationType::ScaleOutFailure,
                NotificationType::ScaleInFailure,
            ],
            receivers_ids: vec!["1001".into()],
        })
        .send()
        .await?
        .notification_id;
    let hook = client
        .create_life_cycle_hook(CreateLifeCycleHookRequired {
            scaling_group_id: group.clone(),
            life_cycle_hook_name: "warm-up".into(),
            life_cycle_hook_timeout: 300,
        })
        .send()
        .await?
        .life_cycle_hook_id;
    client
        .attach_life_cycle_hook_id(group.as_str(), hook.as_str())
        .send()
        .await?;
    let policies = client
        .describe_scaling_policy(group.as_str())
        .send()
        .await?;
    assert_eq!(
        policies.scaling_policy_set[0]
            .metric
            .as_ref()
            .map(|m| (m.threshold, m.repeat_times)),
        Some((80, Some(2)))
    );

    // The activities: one attach and two detaches, newest last.
    let activities = client
        .describe_scaling_activity(group.as_str())
        .paginate()
        .collect_items()
        .await?;
    let kinds: Vec<ActivityType> = activities.iter().map(|a| a.activity_type.clone()).collect();
    assert_eq!(
        kinds,
        [
            ActivityType::Attach,
            ActivityType::Detach,
            ActivityType::Detach
        ]
    );

    // Taking it down, in the order the rules demand.
    match client
        .delete_scaling_configuration(lc.as_str())
        .send()
        .await
    {
        Err(Error::Service(DeleteScalingConfigurationError::ConflictScalingConfigurationUse(
            _,
        ))) => {}
        other => panic!("deleting a launch configuration in use: {other:?}"),
    }
    match client.delete_scaling_group(group.as_str()).send().await {
        Err(Error::Service(DeleteScalingGroupError::Common(CommonError::OperationFailed(e)))) => {
            assert!(e.message().contains("instance"), "{e}");
        }
        other => panic!("deleting a group with instances: {other:?}"),
    }
    match client
        .delete_life_cycle_hook(group.as_str())
        .life_cycle_hook_id(hook.as_str())
        .send()
        .await
    {
        Err(Error::Service(DeleteLifeCycleHookError::InActivityHookId(_))) => {}
        other => panic!("deleting a bound hook: {other:?}"),
    }
    client
        .detach_life_cycle_hook_id(group.as_str())
        .send()
        .await?;
    client
        .delete_life_cycle_hook(group.as_str())
        .life_cycle_hook_id(hook.as_str())
        .send()
        .await?;
    client
        .delete_scaling_notification(group.as_str(), [notification.as_str()])
        .send()
        .await?;
    client
        .delete_scheduled_task(group.as_str(), task.as_str())
        .send()
        .await?;
    client
        .delete_scaling_policy(group.as_str(), policy.as_str())
        .send()
        .await?;

    // Empty the group: the protected instance first loses its protection; minSize 1 keeps
    // the last instance until the group may shrink to 0.
    client
        .set_cvm_protected_detach(SetCvmProtectedDetachRequired {
            scaling_group_id: group.clone(),
            instance_ids: vec!["ins-story001".into()],
            protected_from_detach: DetachProtection::Unprotected,
        })
        .send()
        .await?;
    match client
        .detach_instance(group.as_str(), ids(4..=7))
        .send()
        .await
    {
        Ok(_) => {}
        Err(e) => panic!("detaching down to minSize: {e}"),
    }
    match client
        .detach_instance(group.as_str(), ["ins-story001"])
        .send()
        .await
    {
        Err(Error::Service(DetachInstanceError::Common(CommonError::OperationFailed(e)))) => {
            assert!(e.message().contains("minSize"), "{e}");
        }
        other => panic!("detaching below minSize: {other:?}"),
    }
    client
        .modify_scaling_group(
            qcloud_as::operation::modify_scaling_group::ModifyScalingGroupRequired {
                scaling_group_id: group.clone(),
                min_size: 0,
                max_size: 8,
                remove_policy: RemovePolicy::RemoveOldestInstance,
            },
        )
        .send()
        .await?;
    client
        .detach_instance(group.as_str(), ["ins-story001"])
        .send()
        .await?;

    // An instance that is gone cannot come back.
    match client
        .attach_instance(group.as_str(), ["ins-nothere1"])
        .send()
        .await
    {
        Err(Error::Service(AttachInstanceError::InvalidParameterInstanceIdError(_))) => {}
        other => panic!("attaching an unknown instance: {other:?}"),
    }

    client.delete_scaling_group(group.as_str()).send().await?;
    client
        .delete_scaling_configuration(lc.as_str())
        .send()
        .await?;
    let state = emulator.state();
    assert!(state.scaling_groups.is_empty() && state.launch_configurations.is_empty());
    // Every instance is still in the account: attached instances are never released.
    assert_eq!(state.instances.len(), 8);
    emulator.shutdown().await;
    Ok(())
}
