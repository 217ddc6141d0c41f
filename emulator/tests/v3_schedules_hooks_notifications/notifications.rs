//! Notification configurations: the actions, their refusals, and API 2.0's view of them.

use super::*;

#[tokio::test]
async fn notifications_are_created_listed_changed_and_deleted() -> TestResult {
    let (_emulator, v2, client) = start_v3(State::demo())?;
    let id = client
        .create_notification_configuration(
            WEB,
            [
                NotificationType::ScaleOutSuccessful,
                NotificationType::ScaleInFailed,
            ],
        )
        .notification_user_group_ids(["1001"])
        .await?
        .auto_scaling_notification_id;
    assert!(id.starts_with("asn-"), "{id}");
    let queue = client
        .create_notification_configuration(BATCH, [NotificationType::ScaleOutFailed])
        .target_type(NotificationTargetType::TdmqCmqQueue)
        .queue_name("alerts")
        .await?
        .auto_scaling_notification_id;
    let all = client.describe_notification_configurations().await?;
    assert_eq!(all.total_count, 2);
    let n = &all.auto_scaling_notification_set[0];
    assert_eq!(n.auto_scaling_notification_id, id);
    assert_eq!(n.target_type, NotificationTargetType::UserGroup);
    assert_eq!(n.notification_user_group_ids, ["1001"]);
    assert_eq!(
        n.notification_types,
        [
            NotificationType::ScaleOutSuccessful,
            NotificationType::ScaleInFailed
        ]
    );
    let q = &all.auto_scaling_notification_set[1];
    assert_eq!(
        (q.target_type.clone(), q.queue_name.as_str()),
        (NotificationTargetType::TdmqCmqQueue, "alerts")
    );
    let by_group = client
        .describe_notification_configurations()
        .filters([Filter::new("auto-scaling-group-id", [BATCH])])
        .await?;
    assert_eq!(by_group.auto_scaling_notification_set.len(), 1);
    let page = client
        .describe_notification_configurations()
        .offset(1)
        .await?;
    assert_eq!(
        (
            page.total_count,
            page.auto_scaling_notification_set[0]
                .auto_scaling_notification_id
                .as_str()
        ),
        (2, queue.as_str())
    );

    client
        .modify_notification_configuration(&id)
        .notification_user_group_ids(["1002", "1003"])
        .await?;
    client
        .modify_notification_configuration(&queue)
        .queue_name("alerts-2")
        .await?;
    // API 2.0 sees the change; its own changes show in API 3.0.
    let v2_list = v2.describe_scaling_notification(WEB).send().await?;
    let seen = v2_list.scaling_notification_set.unwrap_or_default();
    assert_eq!(seen[0].receivers_ids, ["1002", "1003"]);
    v2.modify_scaling_notification(WEB, &id)
        .notification_types([qcloud_as::types::NotificationType::ScaleInSuccess])
        .send()
        .await?;
    let from_v2 = v2
        .create_scaling_notification(CreateScalingNotificationRequired {
            scaling_group_id: WEB.into(),
            notification_types: vec![qcloud_as::types::NotificationType::ScaleOutFailure],
            receivers_ids: vec!["7".into()],
        })
        .send()
        .await?
        .notification_id;
    let web = client
        .describe_notification_configurations()
        .filters([Filter::new("auto-scaling-group-id", [WEB])])
        .await?;
    let types: Vec<_> = web
        .auto_scaling_notification_set
        .iter()
        .map(|n| n.notification_types.clone())
        .collect();
    assert_eq!(
        types,
        [
            vec![NotificationType::ScaleInSuccessful],
            vec![NotificationType::ScaleOutFailed]
        ]
    );
    let q = &client
        .describe_notification_configurations()
        .auto_scaling_notification_ids([queue.clone()])
        .await?
        .auto_scaling_notification_set[0];
    assert_eq!(q.queue_name, "alerts-2");

    client
        .delete_notification_configuration()
        .auto_scaling_notification_id(&from_v2)
        .await?;
    client
        .delete_notification_configuration()
        .auto_scaling_notification_id(&queue)
        .await?;
    let left = client.describe_notification_configurations().await?;
    assert_eq!(left.total_count, 1);
    let gone = client
        .delete_notification_configuration()
        .auto_scaling_notification_id(&queue)
        .await;
    assert_eq!(
        code(gone),
        "ResourceNotFound.AutoScalingNotificationNotFound"
    );
    Ok(())
}

#[tokio::test]
async fn notification_refusals() -> TestResult {
    let (_emulator, _v2, client) = start_v3(State::demo())?;
    let types = [NotificationType::ScaleOutSuccessful];
    let no_group = client
        .create_notification_configuration("asg-nosuch00", types.clone())
        .notification_user_group_ids(["1"])
        .await;
    assert_eq!(code(no_group), "ResourceNotFound.AutoScalingGroupNotFound");
    let bad_group = client
        .create_notification_configuration("web", types.clone())
        .notification_user_group_ids(["1"])
        .await;
    assert_eq!(
        code(bad_group),
        "InvalidParameterValue.InvalidAutoScalingGroupId"
    );
    let no_users = client
        .create_notification_configuration(WEB, types.clone())
        .await;
    assert_eq!(
        code(no_users),
        "InvalidParameterValue.InvalidNotificationUserGroupId"
    );
    let bad_user = client
        .create_notification_configuration(WEB, types.clone())
        .notification_user_group_ids(["ops"])
        .await;
    assert_eq!(
        code(bad_user),
        "InvalidParameterValue.InvalidNotificationUserGroupId"
    );
    let conflict = client
        .create_notification_configuration(WEB, types.clone())
        .notification_user_group_ids(["1"])
        .queue_name("q")
        .await;
    assert_eq!(
        code(conflict),
        "InvalidParameterValue.ConflictNotificationTarget"
    );
    let retired = client
        .create_notification_configuration(WEB, types.clone())
        .target_type(NotificationTargetType::CmqQueue)
        .queue_name("q")
        .await;
    assert_eq!(code(retired), "InvalidParameterValue");
    let no_topic = client
        .create_notification_configuration(WEB, types.clone())
        .target_type(NotificationTargetType::TdmqCmqTopic)
        .await;
    assert_eq!(code(no_topic), "MissingParameter");
    let twice = client
        .create_notification_configuration(
            WEB,
            [
                NotificationType::ScaleInFailed,
                NotificationType::ScaleInFailed,
            ],
        )
        .notification_user_group_ids(["1"])
        .await;
    assert_eq!(code(twice), "InvalidParameterValue");
    assert_eq!(
        client
            .describe_notification_configurations()
            .await?
            .total_count,
        0
    );

    for _ in 0..20 {
        client
            .create_notification_configuration(WEB, types.clone())
            .notification_user_group_ids(["1"])
            .await?;
    }
    let quota = client
        .create_notification_configuration(WEB, types.clone())
        .notification_user_group_ids(["1"])
        .await;
    assert_eq!(code(quota), "LimitExceeded.QuotaNotEnough");
    let id = client
        .describe_notification_configurations()
        .limit(1)
        .await?
        .auto_scaling_notification_set[0]
        .auto_scaling_notification_id
        .clone();
    let conflict = client
        .modify_notification_configuration(&id)
        .topic_name("t")
        .await;
    assert_eq!(
        code(conflict),
        "InvalidParameterValue.ConflictNotificationTarget"
    );
    let nothing = client.modify_notification_configuration(&id).await;
    assert_eq!(code(nothing), "MissingParameter");
    let malformed = client.modify_notification_configuration("n-1").await;
    assert_eq!(
        code(malformed),
        "InvalidParameterValue.InvalidAutoScalingNotificationId"
    );
    let unknown = client
        .modify_notification_configuration("asn-nosuch00")
        .notification_user_group_ids(["1"])
        .await;
    assert_eq!(
        code(unknown),
        "ResourceNotFound.AutoScalingNotificationNotFound"
    );
    let missing = client.delete_notification_configuration().await;
    assert_eq!(code(missing), "MissingParameter");
    let malformed = client
        .delete_notification_configuration()
        .auto_scaling_notification_id("n-1")
        .await;
    assert_eq!(
        code(malformed),
        "InvalidParameterValue.InvalidAutoScalingNotificationId"
    );
    let conflict = client
        .describe_notification_configurations()
        .auto_scaling_notification_ids([id.clone()])
        .filters([Filter::new("auto-scaling-group-id", [WEB])])
        .await;
    assert_eq!(code(conflict), "InvalidParameterConflict");
    let filter = client
        .describe_notification_configurations()
        .filters([Filter::new("notification-type", ["x"])])
        .await;
    assert_eq!(code(filter), "InvalidParameterValue.InvalidFilter");
    Ok(())
}
