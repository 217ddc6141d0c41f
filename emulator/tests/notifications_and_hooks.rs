//! Notifications (Create/Describe/Modify/DeleteScalingNotification) and lifecycle hooks
//! (Create/Modify/DescribeLIfeCycleHook/Delete, Attach/DetachLifeCycleHookId,
//! CompleteLifeCycleHookAction, RecordLifeCycleHookTimeout), through the real client over HTTP.

mod common;

use common::*;
use qcloud_as::operation::attach_life_cycle_hook_id::AttachLifeCycleHookIdError;
use qcloud_as::operation::complete_life_cycle_hook_action::{
    CompleteLifeCycleHookActionError, CompleteLifeCycleHookActionRequired,
};
use qcloud_as::operation::create_life_cycle_hook::{
    CreateLifeCycleHookError, CreateLifeCycleHookRequired,
};
use qcloud_as::operation::create_scaling_notification::{
    CreateScalingNotificationError, CreateScalingNotificationRequired,
};
use qcloud_as::operation::delete_life_cycle_hook::DeleteLifeCycleHookError;
use qcloud_as::operation::delete_scaling_notification::DeleteScalingNotificationError;
use qcloud_as::operation::describe_life_cycle_hook::{
    DescribeLifeCycleHookCall, DescribeLifeCycleHookError, DescribeLifeCycleHookOutput,
    DescribeLifeCycleHookRequest,
};
use qcloud_as::operation::describe_scaling_notification::{
    DescribeScalingNotificationError, DescribeScalingNotificationOutput,
};
use qcloud_as::operation::detach_life_cycle_hook_id::DetachLifeCycleHookIdError;
use qcloud_as::operation::modify_life_cycle_hook::ModifyLifeCycleHookError;
use qcloud_as::operation::modify_scaling_notification::ModifyScalingNotificationError;
use qcloud_as::operation::record_life_cycle_hook_timeout::{
    RecordLifeCycleHookTimeoutError, RecordLifeCycleHookTimeoutRequired,
};
use qcloud_as::types::{HookResult, LifeCycleHook, NotificationType, Transition};
use qcloud_as::{Client, CommonError, Error, HttpMethod, Operation};
use qcloud_as_emulator::domain::notifications::NotificationEvent;
use qcloud_as_emulator::Emulator;

const GROUP: &str = "asg-demo0001";
const OTHER: &str = "asg-demo0002";
const NOSUCH: &str = "asg-nosuch00";

fn is_id(id: &str, prefix: &str) -> bool {
    id.len() == prefix.len() + 9
        && id.starts_with(prefix)
        && id[prefix.len()..].starts_with('-')
        && id[prefix.len() + 1..]
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

// ---------------------------------------------------------------------------------------------
// Notifications.

async fn create_notification(
    client: &Client,
    group: &str,
    types: &[NotificationType],
    receivers: &[&str],
) -> Result<String, Error<CreateScalingNotificationError>> {
    client
        .create_scaling_notification(CreateScalingNotificationRequired {
            scaling_group_id: group.to_owned(),
            notification_types: types.to_vec(),
            receivers_ids: receivers.iter().map(|r| (*r).to_owned()).collect(),
        })
        .send()
        .await
        .map(|o| o.notification_id)
}

async fn notifications(
    client: &Client,
    group: &str,
) -> Result<DescribeScalingNotificationOutput, Error<DescribeScalingNotificationError>> {
    client.describe_scaling_notification(group).send().await
}

fn notification_ids(output: &DescribeScalingNotificationOutput) -> Vec<String> {
    output
        .scaling_notification_set
        .iter()
        .flatten()
        .map(|n| n.notification_id.clone())
        .collect()
}

#[tokio::test]
async fn create_notification_is_described_and_stored() -> TestResult {
    let (emulator, client) = demo()?;
    let created = client
        .create_scaling_notification(CreateScalingNotificationRequired {
            scaling_group_id: GROUP.to_owned(),
            notification_types: vec![
                NotificationType::ScaleOutSuccess,
                NotificationType::ReplaceUnhealthyFailure,
            ],
            receivers_ids: vec!["1001".to_owned(), "1002".to_owned()],
        })
        .notification_name("ops")
        .send()
        .await?;
    let id = created.notification_id;
    assert!(is_id(&id, "asn"), "{id}");

    let listed = notifications(&client, GROUP).await?;
    let set = listed.scaling_notification_set.unwrap_or_default();
    assert_eq!(set.len(), 1);
    let n = &set[0];
    assert_eq!(n.notification_id, id);
    assert_eq!(n.notification_name.as_deref(), Some("ops"));
    assert_eq!(
        n.notification_types,
        [
            NotificationType::ScaleOutSuccess,
            NotificationType::ReplaceUnhealthyFailure
        ]
    );
    assert_eq!(n.receivers_ids, ["1001", "1002"]);
    // The other group has none.
    assert_eq!(
        notification_ids(&notifications(&client, OTHER).await?),
        Vec::<String>::new()
    );

    // Stored as the domain's notification (state format 3).
    let state = emulator.state();
    let stored = state.group(GROUP).map(|g| g.notifications.clone());
    assert_eq!(
        stored.map(|n| n.into_iter().map(|n| n.id).collect::<Vec<_>>()),
        Some(vec![id.clone()])
    );
    let json = http_state(&emulator).await?;
    let stored = &json["scalingGroups"][0]["notifications"][0];
    assert_eq!(stored["id"], id.as_str());
    assert_eq!(
        stored["events"],
        serde_json::json!(["scaleOutSucceeded", "replaceUnhealthyFailed"])
    );
    assert_eq!(stored["userGroupIds"], serde_json::json!(["1001", "1002"]));
    Ok(())
}

#[tokio::test]
async fn notification_of_unknown_group_is_scalling_group_id() -> TestResult {
    let (emulator, client) = demo()?;
    let before = emulator.state();
    let err = create_notification(&client, NOSUCH, &[NotificationType::ScaleInFailure], &["1"])
        .await
        .err();
    match err {
        Some(Error::Service(CreateScalingNotificationError::InvalidParameterScalingGroupId(e))) => {
            assert_eq!(e.code(), 4000);
            // The service's misspelt codeDesc, sent and matched as is.
            assert_eq!(e.code_desc(), "InvalidParameter.ScallingGroupId");
            assert!(e.message().contains(NOSUCH), "{e}");
        }
        other => panic!("unexpected: {other:?}"),
    }
    match client.describe_scaling_notification(NOSUCH).send().await {
        Err(Error::Service(DescribeScalingNotificationError::InvalidParameterScalingGroupId(
            e,
        ))) => assert_eq!(e.code_desc(), "InvalidParameter.ScallingGroupId"),
        other => panic!("unexpected: {other:?}"),
    }
    match client
        .modify_scaling_notification(NOSUCH, "asn-whatever")
        .notification_name("x")
        .send()
        .await
    {
        Err(Error::Service(ModifyScalingNotificationError::InvalidParameterScalingGroupId(_))) => {}
        other => panic!("unexpected: {other:?}"),
    }
    match client
        .delete_scaling_notification(NOSUCH, ["asn-whatever"])
        .send()
        .await
    {
        Err(Error::Service(DeleteScalingNotificationError::InvalidParameterScalingGroupId(_))) => {}
        other => panic!("unexpected: {other:?}"),
    }
    assert_eq!(emulator.state(), before);
    Ok(())
}

#[tokio::test]
async fn misspelt_code_desc_is_on_the_wire() -> TestResult {
    let (emulator, client) = demo()?;
    let request = qcloud_as::operation::describe_scaling_notification::DescribeScalingNotificationRequest::new(NOSUCH);
    let pairs = client.signed_params(&request, unix_now(), fresh_nonce())?;
    let (status, body) = send_raw(&emulator, HttpMethod::Post, &pairs).await?;
    assert_eq!(status, 200);
    assert_eq!(body["code"], 4000, "{body}");
    assert_eq!(
        body["codeDesc"], "InvalidParameter.ScallingGroupId",
        "{body}"
    );
    Ok(())
}

#[tokio::test]
async fn duplicate_notification_type_is_notify_type() -> TestResult {
    let (emulator, client) = demo()?;
    let err = create_notification(
        &client,
        GROUP,
        &[
            NotificationType::ScaleOutSuccess,
            NotificationType::ScaleOutSuccess,
        ],
        &["1"],
    )
    .await
    .err();
    match err {
        Some(Error::Service(CreateScalingNotificationError::InvalidParameterNotifyType(e))) => {
            assert_eq!(e.code(), 4000);
            assert_eq!(e.code_desc(), "InvalidParameter.NotifyType");
            assert!(e.message().contains("more than once"), "{e}");
        }
        other => panic!("unexpected: {other:?}"),
    }
    assert!(emulator
        .state()
        .group(GROUP)
        .is_some_and(|g| g.notifications.is_empty()));
    Ok(())
}

/// An unlisted value (7) is refused when the request is decoded, before the action runs: 4000
/// with `codeDesc` `InvalidParameterValue`, which clients see as the common `InvalidParameter`.
#[tokio::test]
async fn unlisted_notification_type_is_refused_when_decoded() -> TestResult {
    let (emulator, client) = demo()?;
    let err = create_notification(&client, GROUP, &[NotificationType::from_wire("7")], &["1"])
        .await
        .err();
    match err {
        Some(Error::Service(CreateScalingNotificationError::Common(
            CommonError::InvalidParameter(e),
        ))) => {
            assert_eq!(e.code(), 4000);
            assert_eq!(e.code_desc(), "InvalidParameterValue");
            assert!(e.message().contains("notificationTypes"), "{e}");
        }
        other => panic!("unexpected: {other:?}"),
    }
    assert!(emulator
        .state()
        .group(GROUP)
        .is_some_and(|g| g.notifications.is_empty()));
    Ok(())
}

/// An empty list is not sent at all (API 2.0 lists are `name.0`, `name.1`, …), so the
/// server finds the required parameter missing.
#[tokio::test]
async fn empty_notification_types_are_a_missing_parameter() -> TestResult {
    let (_emulator, client) = demo()?;
    let err = create_notification(&client, GROUP, &[], &["1"]).await.err();
    match err {
        Some(Error::Service(CreateScalingNotificationError::Common(
            CommonError::InvalidParameter(e),
        ))) => {
            assert_eq!(e.code(), 4000);
            assert_eq!(e.code_desc(), "MissingParameter");
            assert!(e.message().contains("notificationTypes"), "{e}");
        }
        other => panic!("unexpected: {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn bad_receivers_are_group_id() -> TestResult {
    let (emulator, client) = demo()?;
    for receivers in [&["1", "1"][..], &["1", " "][..], &[""][..]] {
        let err = create_notification(
            &client,
            GROUP,
            &[NotificationType::ScaleInSuccess],
            receivers,
        )
        .await
        .err();
        match err {
            Some(Error::Service(CreateScalingNotificationError::InvalidParameterGroupId(e))) => {
                assert_eq!(e.code(), 4000);
                assert_eq!(e.code_desc(), "InvalidParameter.GroupId");
                assert!(e.message().contains("receiversIds"), "{e}");
            }
            other => panic!("unexpected for {receivers:?}: {other:?}"),
        }
    }
    assert!(emulator
        .state()
        .group(GROUP)
        .is_some_and(|g| g.notifications.is_empty()));
    Ok(())
}

#[tokio::test]
async fn twenty_notifications_per_group() -> TestResult {
    let (emulator, client) = demo()?;
    let mut ids = Vec::new();
    for n in 0..20 {
        let receiver = n.to_string();
        ids.push(
            create_notification(
                &client,
                GROUP,
                &[NotificationType::ScaleOutFailure],
                &[&receiver],
            )
            .await?,
        );
    }
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), 20);
    let err = create_notification(&client, GROUP, &[NotificationType::ScaleOutFailure], &["x"])
        .await
        .err();
    match err {
        Some(Error::Service(CreateScalingNotificationError::Common(
            CommonError::OperationFailed(e),
        ))) => {
            assert_eq!(e.code(), 5100);
            assert_eq!(e.code_desc(), "OperationFailed");
            assert!(e.message().contains("20 notifications"), "{e}");
        }
        other => panic!("unexpected: {other:?}"),
    }
    assert_eq!(notification_ids(&notifications(&client, GROUP).await?), ids);
    // The quota is per group.
    create_notification(&client, OTHER, &[NotificationType::ScaleOutFailure], &["x"]).await?;
    assert_eq!(
        emulator.state().group(GROUP).map(|g| g.notifications.len()),
        Some(20)
    );
    Ok(())
}

#[tokio::test]
async fn describe_notifications_filters_by_ids_and_name() -> TestResult {
    let (_emulator, client) = demo()?;
    let a = client
        .create_scaling_notification(CreateScalingNotificationRequired {
            scaling_group_id: GROUP.to_owned(),
            notification_types: vec![NotificationType::ScaleOutSuccess],
            receivers_ids: vec!["1".to_owned()],
        })
        .notification_name("alpha")
        .send()
        .await?
        .notification_id;
    let b =
        create_notification(&client, GROUP, &[NotificationType::ScaleInSuccess], &["2"]).await?;
    let c =
        create_notification(&client, OTHER, &[NotificationType::ScaleInSuccess], &["2"]).await?;

    assert_eq!(
        notification_ids(&notifications(&client, GROUP).await?),
        [a.clone(), b.clone()]
    );
    let by_ids = client
        .describe_scaling_notification(GROUP)
        .notification_ids([b.as_str(), "asn-nosuch00", c.as_str()])
        .send()
        .await?;
    assert_eq!(notification_ids(&by_ids), [b]);
    let by_name = client
        .describe_scaling_notification(GROUP)
        .notification_name("alpha")
        .send()
        .await?;
    assert_eq!(notification_ids(&by_name), [a]);
    let none = client
        .describe_scaling_notification(GROUP)
        .notification_name("beta")
        .send()
        .await?;
    assert_eq!(none.scaling_notification_set.as_deref(), Some(&[][..]));
    Ok(())
}

/// The answer's list name is not documented: an answer that names it otherwise still decodes.
#[test]
fn describe_notification_answer_without_the_list_decodes() -> TestResult {
    let output: DescribeScalingNotificationOutput = serde_json::from_str("{}")?;
    assert_eq!(output.scaling_notification_set, None);
    let output: DescribeScalingNotificationOutput = serde_json::from_str(
        r#"{"scalingNotificationSet":[{"notificationId":"asn-2sestqbr","notificationTypes":["1",2],"receiversIds":["1001"]}]}"#,
    )?;
    let set = output.scaling_notification_set.unwrap_or_default();
    assert_eq!(
        set[0].notification_types,
        [
            NotificationType::ScaleOutSuccess,
            NotificationType::ScaleOutFailure
        ]
    );
    assert_eq!(set[0].receivers_ids, ["1001"]);
    Ok(())
}

#[tokio::test]
async fn modify_notification_changes_only_what_is_given() -> TestResult {
    let (emulator, client) = demo()?;
    let id = client
        .create_scaling_notification(CreateScalingNotificationRequired {
            scaling_group_id: GROUP.to_owned(),
            notification_types: vec![NotificationType::ScaleOutSuccess],
            receivers_ids: vec!["1".to_owned()],
        })
        .notification_name("before")
        .send()
        .await?
        .notification_id;

    client
        .modify_scaling_notification(GROUP, &id)
        .notification_types([
            NotificationType::ScaleInFailure,
            NotificationType::ScaleInSuccess,
        ])
        .send()
        .await?;
    let set = notifications(&client, GROUP)
        .await?
        .scaling_notification_set
        .unwrap_or_default();
    assert_eq!(
        set[0].notification_types,
        [
            NotificationType::ScaleInFailure,
            NotificationType::ScaleInSuccess
        ]
    );
    assert_eq!(set[0].receivers_ids, ["1"]);
    assert_eq!(set[0].notification_name.as_deref(), Some("before"));

    client
        .modify_scaling_notification(GROUP, &id)
        .receivers_ids(["7", "8"])
        .notification_name("after")
        .send()
        .await?;
    let state = emulator.state();
    let stored = &state
        .group(GROUP)
        .map(|g| g.notifications.clone())
        .unwrap_or_default()[0];
    assert_eq!(stored.user_group_ids, ["7", "8"]);
    assert_eq!(stored.name.as_deref(), Some("after"));
    assert_eq!(
        stored.events,
        [
            NotificationEvent::ScaleInFailed,
            NotificationEvent::ScaleInSucceeded
        ]
    );
    Ok(())
}

#[tokio::test]
async fn modify_notification_rules() -> TestResult {
    let (emulator, client) = demo()?;
    let id =
        create_notification(&client, GROUP, &[NotificationType::ScaleOutSuccess], &["1"]).await?;
    let other =
        create_notification(&client, OTHER, &[NotificationType::ScaleOutSuccess], &["1"]).await?;
    let before = emulator.state();

    // Unknown id, and a notification of another group.
    for (wrong, says) in [
        ("asn-nosuch00", "does not exist".to_owned()),
        (other.as_str(), format!("belongs to {OTHER}")),
    ] {
        match client
            .modify_scaling_notification(GROUP, wrong)
            .notification_name("x")
            .send()
            .await
        {
            Err(Error::Service(ModifyScalingNotificationError::InvalidParameterNotifyId(e))) => {
                assert_eq!(e.code(), 4000);
                assert_eq!(e.code_desc(), "InvalidParameter.NotifyId");
                assert!(e.message().contains(&says), "{e}");
            }
            other => panic!("unexpected for {wrong}: {other:?}"),
        }
    }
    // Nothing to change.
    match client.modify_scaling_notification(GROUP, &id).send().await {
        Err(Error::Service(ModifyScalingNotificationError::InvalidParameterNotifyPara(e))) => {
            assert_eq!(e.code(), 4000);
            assert_eq!(e.code_desc(), "InvalidParameter.NotifyPara");
        }
        other => panic!("unexpected: {other:?}"),
    }
    // A type twice.
    match client
        .modify_scaling_notification(GROUP, &id)
        .notification_types([
            NotificationType::ScaleInFailure,
            NotificationType::ScaleInFailure,
        ])
        .send()
        .await
    {
        Err(Error::Service(ModifyScalingNotificationError::InvalidParameterNotifyType(e))) => {
            assert_eq!(e.code_desc(), "InvalidParameter.NotifyType");
        }
        other => panic!("unexpected: {other:?}"),
    }
    // An unlisted type: refused when decoded.
    match client
        .modify_scaling_notification(GROUP, &id)
        .notification_types([NotificationType::from_wire("0")])
        .send()
        .await
    {
        Err(Error::Service(ModifyScalingNotificationError::Common(
            CommonError::InvalidParameter(e),
        ))) => assert_eq!(e.code_desc(), "InvalidParameterValue"),
        other => panic!("unexpected: {other:?}"),
    }
    // A bad receiver, with good types in the same call: nothing changes.
    match client
        .modify_scaling_notification(GROUP, &id)
        .notification_types([NotificationType::ScaleInFailure])
        .receivers_ids(["3", "3"])
        .send()
        .await
    {
        Err(Error::Service(ModifyScalingNotificationError::InvalidParameterGroupId(e))) => {
            assert_eq!(e.code_desc(), "InvalidParameter.GroupId");
        }
        other => panic!("unexpected: {other:?}"),
    }
    assert_eq!(emulator.state(), before);
    Ok(())
}

#[tokio::test]
async fn delete_notifications() -> TestResult {
    let (emulator, client) = demo()?;
    let a =
        create_notification(&client, GROUP, &[NotificationType::ScaleOutSuccess], &["1"]).await?;
    let b =
        create_notification(&client, GROUP, &[NotificationType::ScaleOutSuccess], &["1"]).await?;
    let c =
        create_notification(&client, GROUP, &[NotificationType::ScaleOutSuccess], &["1"]).await?;
    let elsewhere =
        create_notification(&client, OTHER, &[NotificationType::ScaleOutSuccess], &["1"]).await?;
    let before = emulator.state();

    for (ids, says) in [
        (
            vec![a.clone(), "asn-nosuch00".to_owned()],
            "asn-nosuch00 does not exist",
        ),
        (
            vec![a.clone(), elsewhere.clone()],
            "is not in scaling group",
        ),
        (vec![a.clone(), a.clone()], "more than once"),
    ] {
        match client
            .delete_scaling_notification(GROUP, ids.clone())
            .send()
            .await
        {
            Err(Error::Service(DeleteScalingNotificationError::InvalidParameterNotifyId(e))) => {
                assert_eq!(e.code(), 4000);
                assert_eq!(e.code_desc(), "InvalidParameter.NotifyId");
                assert!(e.message().contains(says), "{e}");
            }
            other => panic!("unexpected for {ids:?}: {other:?}"),
        }
    }
    assert_eq!(emulator.state(), before, "all or nothing");

    client
        .delete_scaling_notification(GROUP, [a.as_str(), c.as_str()])
        .send()
        .await?;
    assert_eq!(notification_ids(&notifications(&client, GROUP).await?), [b]);
    assert_eq!(
        notification_ids(&notifications(&client, OTHER).await?),
        [elsewhere]
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Lifecycle hooks.

async fn create_hook(
    client: &Client,
    group: &str,
    name: &str,
) -> Result<String, Error<CreateLifeCycleHookError>> {
    client
        .create_life_cycle_hook(CreateLifeCycleHookRequired {
            scaling_group_id: group.to_owned(),
            life_cycle_hook_name: name.to_owned(),
            life_cycle_hook_timeout: 300,
        })
        .send()
        .await
        .map(|o| o.life_cycle_hook_id)
}

async fn hooks(
    client: &Client,
    group: &str,
) -> Result<Vec<LifeCycleHook>, Error<DescribeLifeCycleHookError>> {
    Ok(client
        .describe_life_cycle_hook(group)
        .send()
        .await?
        .life_cycle_hook_set
        .unwrap_or_default())
}

fn hook_ids(hooks: &[LifeCycleHook]) -> Vec<String> {
    hooks.iter().map(|h| h.life_cycle_hook_id.clone()).collect()
}

/// The ids of the hooks a describe call answers.
async fn filtered(
    call: DescribeLifeCycleHookCall,
) -> Result<Vec<String>, Error<DescribeLifeCycleHookError>> {
    call.send()
        .await
        .map(|o| hook_ids(&o.life_cycle_hook_set.unwrap_or_default()))
}

fn bound(emulator: &Emulator, group: &str) -> Option<String> {
    emulator
        .state()
        .group(group)
        .and_then(|g| g.bound_life_cycle_hook_id.clone())
}

#[tokio::test]
async fn create_hook_with_defaults_is_described_and_stored() -> TestResult {
    let (emulator, client) = demo()?;
    let id = create_hook(&client, GROUP, "drain").await?;
    assert!(is_id(&id, "lfh"), "{id}");

    let listed = hooks(&client, GROUP).await?;
    assert_eq!(listed.len(), 1);
    let hook = &listed[0];
    assert_eq!(hook.life_cycle_hook_id, id);
    assert_eq!(hook.life_cycle_hook_name, "drain");
    assert_eq!(hook.life_cycle_hook_timeout, 300);
    assert_eq!(hook.default_result, HookResult::Continue);
    assert_eq!(hook.transition, Transition::Launching);
    assert_eq!(hook.notify_ids, None);
    assert_eq!(hook.scaling_group_id.as_deref(), Some(GROUP));
    assert_eq!(bound(&emulator, GROUP), None, "a new hook is not bound");

    // Stored as the domain's hook (state format 3).
    let state = emulator.state();
    assert_eq!(
        state.group(GROUP).map(|g| g
            .lifecycle_hooks
            .iter()
            .map(|h| h.id.clone())
            .collect::<Vec<_>>()),
        Some(vec![id.clone()])
    );
    let json = http_state(&emulator).await?;
    let stored = &json["scalingGroups"][0]["lifecycleHooks"][0];
    assert_eq!(stored["id"], id.as_str());
    assert_eq!(stored["defaultResult"], "continue");
    assert_eq!(stored["transition"], "launching");
    assert_eq!(stored["heartbeatTimeout"], 300);
    Ok(())
}

#[tokio::test]
async fn create_hook_with_every_parameter() -> TestResult {
    let (_emulator, client) = demo()?;
    let id = client
        .create_life_cycle_hook(CreateLifeCycleHookRequired {
            scaling_group_id: GROUP.to_owned(),
            life_cycle_hook_name: "terminate".to_owned(),
            life_cycle_hook_timeout: 7200,
        })
        .default_result(HookResult::Abandon)
        .transition(Transition::Terminating)
        .notify_ids(["ug-1", "ug-2"])
        .send()
        .await?
        .life_cycle_hook_id;
    let listed = hooks(&client, GROUP).await?;
    let hook = &listed[0];
    assert_eq!(hook.life_cycle_hook_id, id);
    assert_eq!(hook.life_cycle_hook_timeout, 7200);
    assert_eq!(hook.default_result, HookResult::Abandon);
    assert_eq!(hook.transition, Transition::Terminating);
    assert_eq!(
        hook.notify_ids.as_deref(),
        Some(&["ug-1".to_owned(), "ug-2".to_owned()][..])
    );
    Ok(())
}

#[tokio::test]
async fn hook_of_unknown_group_is_scaling_group_id_error() -> TestResult {
    let (emulator, client) = demo()?;
    let before = emulator.state();
    match create_hook(&client, NOSUCH, "h").await {
        Err(Error::Service(CreateLifeCycleHookError::InvalidParameterScalingGroupIdError(e))) => {
            assert_eq!(e.code(), 4000);
            assert_eq!(e.code_desc(), "InvalidParameter.ScalingGroupIdError");
            assert!(e.message().contains(NOSUCH), "{e}");
        }
        other => panic!("unexpected: {other:?}"),
    }
    assert!(matches!(
        client.describe_life_cycle_hook(NOSUCH).send().await,
        Err(Error::Service(
            DescribeLifeCycleHookError::InvalidParameterScalingGroupIdError(_)
        ))
    ));
    assert!(matches!(
        client.modify_life_cycle_hook(NOSUCH, "lfh-x").send().await,
        Err(Error::Service(
            ModifyLifeCycleHookError::InvalidParameterScalingGroupIdError(_)
        ))
    ));
    assert!(matches!(
        client
            .delete_life_cycle_hook(NOSUCH)
            .life_cycle_hook_id("lfh-x")
            .send()
            .await,
        Err(Error::Service(
            DeleteLifeCycleHookError::InvalidParameterScalingGroupIdError(_)
        ))
    ));
    assert!(matches!(
        client
            .attach_life_cycle_hook_id(NOSUCH, "lfh-x")
            .send()
            .await,
        Err(Error::Service(
            AttachLifeCycleHookIdError::InvalidParameterScalingGroupIdError(_)
        ))
    ));
    assert!(matches!(
        client.detach_life_cycle_hook_id(NOSUCH).send().await,
        Err(Error::Service(
            DetachLifeCycleHookIdError::InvalidParameterScalingGroupIdError(_)
        ))
    ));
    assert!(matches!(
        complete(
            &client,
            NOSUCH,
            "lfh-x",
            "ins-demo0001",
            HookResult::Continue
        )
        .await,
        Err(Error::Service(
            CompleteLifeCycleHookActionError::InvalidParameterScalingGroupIdError(_)
        ))
    ));
    assert!(matches!(
        record(&client, NOSUCH, "lfh-x", "ins-demo0001", 60).await,
        Err(Error::Service(
            RecordLifeCycleHookTimeoutError::InvalidParameterScalingGroupIdError(_)
        ))
    ));
    assert_eq!(emulator.state(), before);
    Ok(())
}

#[tokio::test]
async fn hook_names_are_unique_per_group() -> TestResult {
    let (emulator, client) = demo()?;
    create_hook(&client, GROUP, "drain").await?;
    match create_hook(&client, GROUP, "drain").await {
        Err(Error::Service(CreateLifeCycleHookError::NameDuplicateLifeCycleHook(e))) => {
            assert_eq!(e.code(), 4000);
            assert_eq!(e.code_desc(), "NameDuplicate.LifeCycleHook");
            assert!(e.message().contains("drain"), "{e}");
        }
        other => panic!("unexpected: {other:?}"),
    }
    // The same name in another group is fine.
    create_hook(&client, OTHER, "drain").await?;
    assert_eq!(
        emulator
            .state()
            .group(GROUP)
            .map(|g| g.lifecycle_hooks.len()),
        Some(1)
    );
    Ok(())
}

#[tokio::test]
async fn ten_hooks_per_group() -> TestResult {
    let (emulator, client) = demo()?;
    let mut ids = Vec::new();
    for n in 0..10 {
        ids.push(create_hook(&client, GROUP, &format!("hook-{n}")).await?);
    }
    match create_hook(&client, GROUP, "hook-10").await {
        Err(Error::Service(CreateLifeCycleHookError::QuotaExceededHookLimit(e))) => {
            assert_eq!(e.code(), 5100);
            assert_eq!(e.code_desc(), "QuotaExceeded.HookLimit");
        }
        other => panic!("unexpected: {other:?}"),
    }
    assert_eq!(hook_ids(&hooks(&client, GROUP).await?), ids);
    // Deleting one makes room again; the quota is per group.
    client
        .delete_life_cycle_hook(GROUP)
        .life_cycle_hook_id(&ids[0])
        .send()
        .await?;
    create_hook(&client, GROUP, "hook-10").await?;
    create_hook(&client, OTHER, "hook-0").await?;
    assert_eq!(
        emulator
            .state()
            .group(GROUP)
            .map(|g| g.lifecycle_hooks.len()),
        Some(10)
    );
    Ok(())
}

/// Unlisted `transition`, `defaultResult` and `lifeCycleHookResult` values are refused when the
/// request is decoded: 4000 `InvalidParameterValue` naming the parameter (the common
/// `InvalidParameter` variant), before the action's `HookParameterError.*` checks.
#[tokio::test]
async fn unlisted_hook_values_are_refused_when_decoded() -> TestResult {
    let (emulator, client) = demo()?;
    let id = create_hook(&client, GROUP, "h").await?;
    let before = emulator.state();
    let creating = |transition: Option<Transition>, result: Option<HookResult>| {
        let mut call = client.create_life_cycle_hook(CreateLifeCycleHookRequired {
            scaling_group_id: GROUP.to_owned(),
            life_cycle_hook_name: "other".to_owned(),
            life_cycle_hook_timeout: 60,
        });
        if let Some(t) = transition {
            call = call.transition(t);
        }
        if let Some(r) = result {
            call = call.default_result(r);
        }
        call
    };
    for (call, parameter) in [
        (
            creating(Some(Transition::from_wire("2")), None),
            "transition",
        ),
        (
            creating(None, Some(HookResult::from_wire("2"))),
            "defaultResult",
        ),
    ] {
        match call.send().await {
            Err(Error::Service(CreateLifeCycleHookError::Common(
                CommonError::InvalidParameter(e),
            ))) => {
                assert_eq!(e.code(), 4000);
                assert_eq!(e.code_desc(), "InvalidParameterValue");
                assert!(e.message().contains(parameter), "{e}");
            }
            other => panic!("unexpected for {parameter}: {other:?}"),
        }
    }
    match complete(
        &client,
        GROUP,
        &id,
        "ins-demo0001",
        HookResult::from_wire("-1"),
    )
    .await
    {
        Err(Error::Service(CompleteLifeCycleHookActionError::Common(
            CommonError::InvalidParameter(e),
        ))) => {
            assert_eq!(e.code_desc(), "InvalidParameterValue");
            assert!(e.message().contains("lifeCycleHookResult"), "{e}");
        }
        other => panic!("unexpected: {other:?}"),
    }
    match client
        .describe_life_cycle_hook(GROUP)
        .transition(Transition::from_wire("3"))
        .send()
        .await
    {
        Err(Error::Service(DescribeLifeCycleHookError::Common(CommonError::InvalidParameter(
            e,
        )))) => assert_eq!(e.code_desc(), "InvalidParameterValue"),
        other => panic!("unexpected: {other:?}"),
    }
    assert_eq!(emulator.state(), before);
    Ok(())
}

#[tokio::test]
async fn hook_parameter_rules() -> TestResult {
    let (emulator, client) = demo()?;
    let before = emulator.state();
    // More than 20 notifyIds: refused before sending.
    let many: Vec<String> = (0..21).map(|n| n.to_string()).collect();
    match client
        .create_life_cycle_hook(CreateLifeCycleHookRequired {
            scaling_group_id: GROUP.to_owned(),
            life_cycle_hook_name: "h".to_owned(),
            life_cycle_hook_timeout: 60,
        })
        .notify_ids(many)
        .send()
        .await
    {
        Err(Error::Validation(e)) => assert!(e.to_string().contains("notifyIds"), "{e}"),
        other => panic!("unexpected: {other:?}"),
    }
    // A negative timeout, an empty name.
    for (name, timeout, says) in [
        ("h", -1, "lifeCycleHookTimeout"),
        (" ", 60, "lifeCycleHookName"),
    ] {
        match client
            .create_life_cycle_hook(CreateLifeCycleHookRequired {
                scaling_group_id: GROUP.to_owned(),
                life_cycle_hook_name: name.to_owned(),
                life_cycle_hook_timeout: timeout,
            })
            .send()
            .await
        {
            Err(Error::Service(CreateLifeCycleHookError::Common(
                CommonError::InvalidParameter(e),
            ))) => {
                assert_eq!(e.code(), 4000);
                assert_eq!(e.code_desc(), "InvalidParameter");
                assert!(e.message().contains(says), "{e}");
            }
            other => panic!("unexpected for {says}: {other:?}"),
        }
    }
    assert_eq!(emulator.state(), before);
    Ok(())
}

#[tokio::test]
async fn describe_hooks_filters_and_pages() -> TestResult {
    let (_emulator, client) = demo()?;
    let mut ids = Vec::new();
    for n in 0..5 {
        let id = client
            .create_life_cycle_hook(CreateLifeCycleHookRequired {
                scaling_group_id: GROUP.to_owned(),
                life_cycle_hook_name: format!("hook-{n}"),
                life_cycle_hook_timeout: 100 * (n % 2 + 1),
            })
            .transition(if n < 2 {
                Transition::Terminating
            } else {
                Transition::Launching
            })
            .default_result(if n == 4 {
                HookResult::Abandon
            } else {
                HookResult::Continue
            })
            .send()
            .await?
            .life_cycle_hook_id;
        ids.push(id);
    }
    let elsewhere = create_hook(&client, OTHER, "hook-0").await?;

    let all = client.describe_life_cycle_hook(GROUP).send().await?;
    assert_eq!(all.total_count, Some(5));
    assert_eq!(hook_ids(&all.life_cycle_hook_set.unwrap_or_default()), ids);

    let page = client
        .describe_life_cycle_hook(GROUP)
        .offset(1)
        .limit(2)
        .send()
        .await?;
    assert_eq!(page.total_count, Some(5));
    assert_eq!(
        hook_ids(&page.life_cycle_hook_set.unwrap_or_default()),
        ids[1..3]
    );
    let every = client
        .describe_life_cycle_hook(GROUP)
        .paginate()
        .page_size(2)
        .collect_items()
        .await?;
    assert_eq!(hook_ids(&every), ids);

    let c = || client.describe_life_cycle_hook(GROUP);
    assert_eq!(
        filtered(c().life_cycle_hook_id(&ids[3])).await?,
        [ids[3].clone()]
    );
    assert_eq!(
        filtered(c().life_cycle_hook_id(&elsewhere)).await?,
        Vec::<String>::new()
    );
    assert_eq!(
        filtered(c().life_cycle_hook_name("hook-2")).await?,
        [ids[2].clone()]
    );
    assert_eq!(
        filtered(c().transition(Transition::Terminating)).await?,
        ids[..2]
    );
    assert_eq!(
        filtered(c().default_result(HookResult::Abandon)).await?,
        [ids[4].clone()]
    );
    assert_eq!(
        filtered(c().life_cycle_hook_timeout(200)).await?,
        [ids[1].clone(), ids[3].clone()]
    );
    assert_eq!(
        filtered(
            c().transition(Transition::Launching)
                .life_cycle_hook_timeout(100)
        )
        .await?,
        [ids[2].clone(), ids[4].clone()]
    );
    Ok(())
}

/// The wire name keeps the service's capital I; the answer's fields are `totalCount` and
/// `lifeCycleHookSet` with the hooks' wire names.
#[tokio::test]
async fn describe_life_cycle_hook_is_sent_as_describe_lifecyclehook_with_capital_i() -> TestResult {
    let (emulator, client) = demo()?;
    assert_eq!(
        DescribeLifeCycleHookRequest::ACTION,
        "DescribeLIfeCycleHook"
    );
    let id = create_hook(&client, GROUP, "h").await?;
    let pairs = client.signed_params(
        &DescribeLifeCycleHookRequest::new(GROUP),
        unix_now(),
        fresh_nonce(),
    )?;
    assert!(pairs
        .iter()
        .any(|(k, v)| k == "Action" && v == "DescribeLIfeCycleHook"));
    let (status, body) = send_raw(&emulator, HttpMethod::Post, &pairs).await?;
    assert_eq!(status, 200);
    assert_eq!(body["code"], 0, "{body}");
    assert_eq!(body["data"]["totalCount"], 1, "{body}");
    let hook = &body["data"]["lifeCycleHookSet"][0];
    assert_eq!(hook["lifeCycleHookId"], id.as_str(), "{body}");
    assert_eq!(hook["lifeCycleHookName"], "h");
    assert_eq!(hook["lifeCycleHookTimeout"], 300);
    assert_eq!(hook["scalingGroupId"], GROUP);
    Ok(())
}

/// The answer's field names are not documented: an answer that names them otherwise still
/// decodes, and numbers in strings are read.
#[test]
fn describe_hook_answer_decodes_tolerantly() -> TestResult {
    let output: DescribeLifeCycleHookOutput = serde_json::from_str("{}")?;
    assert_eq!(output.total_count, None);
    assert_eq!(output.life_cycle_hook_set, None);
    let output: DescribeLifeCycleHookOutput = serde_json::from_str(
        r#"{"totalCount":"1","lifeCycleHookSet":[{"lifeCycleHookId":"lfh-0bxy7a1s","lifeCycleHookName":"h","lifeCycleHookTimeout":"300","defaultResult":"1","transition":0}]}"#,
    )?;
    assert_eq!(output.total_count, Some(1));
    let hooks = output.life_cycle_hook_set.unwrap_or_default();
    assert_eq!(hooks[0].life_cycle_hook_timeout, 300);
    assert_eq!(hooks[0].default_result, HookResult::Abandon);
    Ok(())
}

#[tokio::test]
async fn modify_hook_changes_only_what_is_given() -> TestResult {
    let (_emulator, client) = demo()?;
    let id = create_hook(&client, GROUP, "before").await?;
    client
        .modify_life_cycle_hook(GROUP, &id)
        .life_cycle_hook_timeout(900)
        .transition(Transition::Terminating)
        .send()
        .await?;
    let hook = &hooks(&client, GROUP).await?[0];
    assert_eq!(hook.life_cycle_hook_name, "before");
    assert_eq!(hook.life_cycle_hook_timeout, 900);
    assert_eq!(hook.transition, Transition::Terminating);
    assert_eq!(hook.default_result, HookResult::Continue);

    client
        .modify_life_cycle_hook(GROUP, &id)
        .life_cycle_hook_name("after")
        .default_result(HookResult::Abandon)
        .notify_ids(["ug-9"])
        .send()
        .await?;
    let hook = &hooks(&client, GROUP).await?[0];
    assert_eq!(hook.life_cycle_hook_name, "after");
    assert_eq!(hook.life_cycle_hook_timeout, 900);
    assert_eq!(hook.default_result, HookResult::Abandon);
    assert_eq!(hook.notify_ids.as_deref(), Some(&["ug-9".to_owned()][..]));
    // Renaming to its own name is not a duplicate; nothing given changes nothing.
    client
        .modify_life_cycle_hook(GROUP, &id)
        .life_cycle_hook_name("after")
        .send()
        .await?;
    client.modify_life_cycle_hook(GROUP, &id).send().await?;
    assert_eq!(hooks(&client, GROUP).await?[0], hook.clone());
    Ok(())
}

#[tokio::test]
async fn modify_hook_rules() -> TestResult {
    let (emulator, client) = demo()?;
    let a = create_hook(&client, GROUP, "a").await?;
    create_hook(&client, GROUP, "b").await?;
    let elsewhere = create_hook(&client, OTHER, "c").await?;
    let before = emulator.state();

    match client
        .modify_life_cycle_hook(GROUP, &a)
        .life_cycle_hook_name("b")
        .send()
        .await
    {
        Err(Error::Service(ModifyLifeCycleHookError::NameDuplicateLifeCycleHook(e))) => {
            assert_eq!(e.code_desc(), "NameDuplicate.LifeCycleHook");
        }
        other => panic!("unexpected: {other:?}"),
    }
    match client
        .modify_life_cycle_hook(GROUP, &elsewhere)
        .life_cycle_hook_timeout(1)
        .send()
        .await
    {
        Err(Error::Service(ModifyLifeCycleHookError::InvalidParameterGroupIdInHook(e))) => {
            assert_eq!(e.code(), 4000);
            assert_eq!(e.code_desc(), "InvalidParameter.GroupIdInHook");
            assert!(e.message().contains(OTHER), "{e}");
        }
        other => panic!("unexpected: {other:?}"),
    }
    match client
        .modify_life_cycle_hook(GROUP, "lfh-nosuch00")
        .life_cycle_hook_timeout(1)
        .send()
        .await
    {
        Err(Error::Service(ModifyLifeCycleHookError::Common(CommonError::InvalidParameter(e)))) => {
            assert_eq!(e.code_desc(), "InvalidParameter");
            assert!(e.message().contains("lifeCycleHookId"), "{e}");
            assert!(e.message().contains("does not exist"), "{e}");
        }
        other => panic!("unexpected: {other:?}"),
    }
    match client
        .modify_life_cycle_hook(GROUP, &a)
        .life_cycle_hook_timeout(-5)
        .life_cycle_hook_name("z")
        .send()
        .await
    {
        Err(Error::Service(ModifyLifeCycleHookError::Common(CommonError::InvalidParameter(e)))) => {
            assert!(e.message().contains("lifeCycleHookTimeout"), "{e}");
        }
        other => panic!("unexpected: {other:?}"),
    }
    assert_eq!(emulator.state(), before);
    Ok(())
}

#[tokio::test]
async fn one_hook_bound_at_a_time() -> TestResult {
    let (emulator, client) = demo()?;
    let a = create_hook(&client, GROUP, "a").await?;
    let b = create_hook(&client, GROUP, "b").await?;
    let elsewhere = create_hook(&client, OTHER, "c").await?;

    client.attach_life_cycle_hook_id(GROUP, &a).send().await?;
    assert_eq!(bound(&emulator, GROUP), Some(a.clone()));
    // Binding the bound hook again changes nothing.
    client.attach_life_cycle_hook_id(GROUP, &a).send().await?;
    assert_eq!(bound(&emulator, GROUP), Some(a.clone()));

    match client.attach_life_cycle_hook_id(GROUP, &b).send().await {
        Err(Error::Service(
            AttachLifeCycleHookIdError::ConflictScalingGroupIdVsLifeCycleHookId(e),
        )) => {
            assert_eq!(e.code(), 4000);
            assert_eq!(e.code_desc(), "Conflict.ScalingGroupIdVsLifeCycleHookId");
            assert!(e.message().contains(&a), "{e}");
        }
        other => panic!("unexpected: {other:?}"),
    }
    match client
        .attach_life_cycle_hook_id(GROUP, &elsewhere)
        .send()
        .await
    {
        Err(Error::Service(AttachLifeCycleHookIdError::InvalidParameterGroupIdInHook(e))) => {
            assert_eq!(e.code_desc(), "InvalidParameter.GroupIdInHook");
        }
        other => panic!("unexpected: {other:?}"),
    }
    match client
        .attach_life_cycle_hook_id(GROUP, "lfh-nosuch00")
        .send()
        .await
    {
        Err(Error::Service(AttachLifeCycleHookIdError::Common(CommonError::InvalidParameter(
            e,
        )))) => assert!(e.message().contains("lfh-nosuch00"), "{e}"),
        other => panic!("unexpected: {other:?}"),
    }
    assert_eq!(bound(&emulator, GROUP), Some(a.clone()));
    assert_eq!(bound(&emulator, OTHER), None);

    // Unbind, then the other one binds; another group binds its own independently.
    client.detach_life_cycle_hook_id(GROUP).send().await?;
    assert_eq!(bound(&emulator, GROUP), None);
    assert_eq!(hooks(&client, GROUP).await?.len(), 2, "the hook is kept");
    client.detach_life_cycle_hook_id(GROUP).send().await?;
    client.attach_life_cycle_hook_id(GROUP, &b).send().await?;
    client
        .attach_life_cycle_hook_id(OTHER, &elsewhere)
        .send()
        .await?;
    assert_eq!(bound(&emulator, GROUP), Some(b));
    assert_eq!(bound(&emulator, OTHER), Some(elsewhere.clone()));
    let json = http_state(&emulator).await?;
    assert_eq!(
        json["scalingGroups"][1]["boundLifeCycleHookId"],
        elsewhere.as_str()
    );
    Ok(())
}

#[tokio::test]
async fn bound_hook_cannot_be_deleted() -> TestResult {
    let (emulator, client) = demo()?;
    let a = create_hook(&client, GROUP, "a").await?;
    client.attach_life_cycle_hook_id(GROUP, &a).send().await?;
    let before = emulator.state();
    for call in [
        client.delete_life_cycle_hook(GROUP).life_cycle_hook_id(&a),
        client
            .delete_life_cycle_hook(GROUP)
            .life_cycle_hook_name("a"),
    ] {
        match call.send().await {
            Err(Error::Service(DeleteLifeCycleHookError::InActivityHookId(e))) => {
                assert_eq!(e.code(), 5100);
                assert_eq!(e.code_desc(), "InActivity.HookId");
                assert!(e.message().contains("bound"), "{e}");
            }
            other => panic!("unexpected: {other:?}"),
        }
    }
    assert_eq!(emulator.state(), before);
    client.detach_life_cycle_hook_id(GROUP).send().await?;
    client
        .delete_life_cycle_hook(GROUP)
        .life_cycle_hook_id(&a)
        .send()
        .await?;
    assert!(hooks(&client, GROUP).await?.is_empty());
    Ok(())
}

#[tokio::test]
async fn delete_hook_by_id_name_or_both() -> TestResult {
    let (emulator, client) = demo()?;
    let a = create_hook(&client, GROUP, "a").await?;
    let b = create_hook(&client, GROUP, "b").await?;
    create_hook(&client, GROUP, "c").await?;
    let elsewhere = create_hook(&client, OTHER, "d").await?;
    let before = emulator.state();

    match client.delete_life_cycle_hook(GROUP).send().await {
        Err(Error::Service(DeleteLifeCycleHookError::Common(CommonError::InvalidParameter(e)))) => {
            assert!(e.message().contains("lifeCycleHookName"), "{e}");
        }
        other => panic!("unexpected: {other:?}"),
    }
    match client
        .delete_life_cycle_hook(GROUP)
        .life_cycle_hook_id(&a)
        .life_cycle_hook_name("b")
        .send()
        .await
    {
        Err(Error::Service(DeleteLifeCycleHookError::ConflictNameVsLifeCycleHookId(e))) => {
            assert_eq!(e.code(), 4000);
            assert_eq!(e.code_desc(), "Conflict.NameVsLifeCycleHookId");
        }
        other => panic!("unexpected: {other:?}"),
    }
    match client
        .delete_life_cycle_hook(GROUP)
        .life_cycle_hook_id(&elsewhere)
        .send()
        .await
    {
        Err(Error::Service(DeleteLifeCycleHookError::InvalidParameterGroupIdInHook(e))) => {
            assert_eq!(e.code_desc(), "InvalidParameter.GroupIdInHook");
        }
        other => panic!("unexpected: {other:?}"),
    }
    for call in [
        client
            .delete_life_cycle_hook(GROUP)
            .life_cycle_hook_id("lfh-nosuch00"),
        client
            .delete_life_cycle_hook(GROUP)
            .life_cycle_hook_name("d"),
    ] {
        match call.send().await {
            Err(Error::Service(DeleteLifeCycleHookError::Common(
                CommonError::InvalidParameter(e),
            ))) => assert_eq!(e.code_desc(), "InvalidParameter"),
            other => panic!("unexpected: {other:?}"),
        }
    }
    assert_eq!(emulator.state(), before);

    client
        .delete_life_cycle_hook(GROUP)
        .life_cycle_hook_id(&a)
        .life_cycle_hook_name("a")
        .send()
        .await?;
    client
        .delete_life_cycle_hook(GROUP)
        .life_cycle_hook_name("c")
        .send()
        .await?;
    assert_eq!(hook_ids(&hooks(&client, GROUP).await?), [b]);
    assert_eq!(hook_ids(&hooks(&client, OTHER).await?), [elsewhere]);
    Ok(())
}

async fn complete(
    client: &Client,
    group: &str,
    hook: &str,
    instance: &str,
    result: HookResult,
) -> Result<(), Error<CompleteLifeCycleHookActionError>> {
    client
        .complete_life_cycle_hook_action(CompleteLifeCycleHookActionRequired {
            scaling_group_id: group.to_owned(),
            life_cycle_hook_id: hook.to_owned(),
            scaling_instance_id: instance.to_owned(),
            life_cycle_hook_result: result,
        })
        .send()
        .await
        .map(|_| ())
}

async fn record(
    client: &Client,
    group: &str,
    hook: &str,
    instance: &str,
    seconds: i64,
) -> Result<(), Error<RecordLifeCycleHookTimeoutError>> {
    client
        .record_life_cycle_hook_timeout(RecordLifeCycleHookTimeoutRequired {
            scaling_group_id: group.to_owned(),
            life_cycle_hook_id: hook.to_owned(),
            scaling_instance_id: instance.to_owned(),
            record_timeout: seconds,
        })
        .send()
        .await
        .map(|_| ())
}

/// With no clock yet, no hook holds an instance: both calls check their parameters and answer
/// success without changing anything.
#[tokio::test]
async fn complete_and_record_validate_and_change_nothing() -> TestResult {
    let (emulator, client) = demo()?;
    let id = create_hook(&client, GROUP, "h").await?;
    client.attach_life_cycle_hook_id(GROUP, &id).send().await?;
    let before = emulator.state();
    complete(&client, GROUP, &id, "ins-demo0001", HookResult::Continue).await?;
    complete(&client, GROUP, &id, "ins-demo0004", HookResult::Abandon).await?;
    record(&client, GROUP, &id, "ins-demo0002", 600).await?;
    assert_eq!(emulator.state(), before);
    Ok(())
}

#[tokio::test]
async fn complete_and_record_rules() -> TestResult {
    let (emulator, client) = demo()?;
    let id = create_hook(&client, GROUP, "h").await?;
    let elsewhere = create_hook(&client, OTHER, "h").await?;
    let before = emulator.state();

    match complete(
        &client,
        GROUP,
        &elsewhere,
        "ins-demo0001",
        HookResult::Continue,
    )
    .await
    {
        Err(Error::Service(CompleteLifeCycleHookActionError::InvalidParameterGroupIdInHook(e))) => {
            assert_eq!(e.code_desc(), "InvalidParameter.GroupIdInHook");
        }
        other => panic!("unexpected: {other:?}"),
    }
    match record(&client, GROUP, &elsewhere, "ins-demo0001", 60).await {
        Err(Error::Service(RecordLifeCycleHookTimeoutError::InvalidParameterGroupIdInHook(e))) => {
            assert_eq!(e.code_desc(), "InvalidParameter.GroupIdInHook");
        }
        other => panic!("unexpected: {other:?}"),
    }
    match complete(
        &client,
        GROUP,
        "lfh-nosuch00",
        "ins-demo0001",
        HookResult::Continue,
    )
    .await
    {
        Err(Error::Service(CompleteLifeCycleHookActionError::Common(
            CommonError::InvalidParameter(e),
        ))) => assert!(e.message().contains("lifeCycleHookId"), "{e}"),
        other => panic!("unexpected: {other:?}"),
    }
    match record(&client, GROUP, "lfh-nosuch00", "ins-demo0001", 60).await {
        Err(Error::Service(RecordLifeCycleHookTimeoutError::Common(
            CommonError::InvalidParameter(e),
        ))) => assert!(e.message().contains("lifeCycleHookId"), "{e}"),
        other => panic!("unexpected: {other:?}"),
    }
    // ins-demo0005 is in the other group, ins-demo0006 in none, ins-unknown0 does not exist.
    for (instance, says) in [
        ("ins-demo0005", "is not in scaling group"),
        ("ins-demo0006", "is not in scaling group"),
        ("ins-unknown0", "does not exist"),
    ] {
        match complete(&client, GROUP, &id, instance, HookResult::Continue).await {
            Err(Error::Service(CompleteLifeCycleHookActionError::Common(
                CommonError::InvalidParameter(e),
            ))) => {
                assert!(e.message().contains("scalingInstanceId"), "{e}");
                assert!(e.message().contains(says), "{e}");
            }
            other => panic!("unexpected for {instance}: {other:?}"),
        }
        match record(&client, GROUP, &id, instance, 60).await {
            Err(Error::Service(RecordLifeCycleHookTimeoutError::Common(
                CommonError::InvalidParameter(e),
            ))) => assert!(e.message().contains(says), "{e}"),
            other => panic!("unexpected for {instance}: {other:?}"),
        }
    }
    match record(&client, GROUP, &id, "ins-demo0001", -1).await {
        Err(Error::Service(RecordLifeCycleHookTimeoutError::Common(
            CommonError::InvalidParameter(e),
        ))) => assert!(e.message().contains("recordTimeout"), "{e}"),
        other => panic!("unexpected: {other:?}"),
    }
    // The other group's instance with the other group's hook is fine.
    complete(
        &client,
        OTHER,
        &elsewhere,
        "ins-demo0005",
        HookResult::Abandon,
    )
    .await?;
    assert_eq!(emulator.state(), before);
    Ok(())
}
