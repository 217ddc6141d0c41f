//! Notifications of scaling groups: CreateScalingNotification, DescribeScalingNotification,
//! ModifyScalingNotification, DeleteScalingNotification.
//!
//! Notifications are kept in [`ScalingGroup::notifications`](crate::state::ScalingGroup), at
//! most [`Quota::NotificationsPerGroup`] (20) per group, with ids `asn-…` unique in the account.
//! Nothing is ever sent: they are recorded and described only.
//!
//! The pages list the business errors for ModifyScalingNotification only; they are used where
//! the same parameters are checked: `InvalidParameter.ScallingGroupId` (sic) for an unknown
//! group (every action), `InvalidParameter.NotifyType` for `notificationTypes` (Create, Modify),
//! `InvalidParameter.GroupId` for `receiversIds`, user group ids (Create, Modify),
//! `InvalidParameter.NotifyId` for a notification id (Modify, Delete) and
//! `InvalidParameter.NotifyPara` for a Modify that changes nothing.

use super::unique_id;
use crate::state::{ScalingGroup, ScalingNotification, State};

use crate::domain::Quota;
use qcloud_as::operation::create_scaling_notification::{
    CreateScalingNotificationError, CreateScalingNotificationOutput,
    CreateScalingNotificationRequest,
};
use qcloud_as::operation::delete_scaling_notification::{
    DeleteScalingNotificationError, DeleteScalingNotificationOutput,
    DeleteScalingNotificationRequest,
};
use qcloud_as::operation::describe_scaling_notification::{
    DescribeScalingNotificationError, DescribeScalingNotificationOutput,
    DescribeScalingNotificationRequest,
};
use qcloud_as::operation::modify_scaling_notification::{
    ModifyScalingNotificationError, ModifyScalingNotificationOutput,
    ModifyScalingNotificationRequest,
};
use qcloud_as::types::{NotificationType, ScalingNotificationRequired};
use qcloud_as::CommonError;
use std::collections::HashSet;

/// The index of the group `id`, or the action's "unknown group" error built by `missing`.
fn group_index<E>(state: &State, id: &str, missing: impl FnOnce(String) -> E) -> Result<usize, E> {
    state
        .scaling_groups
        .iter()
        .position(|g| g.scaling_group_id == id)
        .ok_or_else(|| missing(format!("scalingGroupId: scaling group {id} does not exist")))
}

/// Checks `notificationTypes`: at least one, each a listed value (1 to 6), none twice. The
/// message of the failure, for the action's `InvalidParameter.NotifyType`.
fn check_types(types: &[NotificationType]) -> Result<(), String> {
    if types.is_empty() {
        return Err("notificationTypes: at least one notification type is needed".to_owned());
    }
    let mut seen = HashSet::new();
    for t in types {
        if t.is_unknown() {
            return Err(format!(
                "notificationTypes: {t} is not a notification type (1 to 6)"
            ));
        }
        if !seen.insert(t) {
            return Err(format!("notificationTypes: {t} is given more than once"));
        }
    }
    Ok(())
}

/// Checks `receiversIds` (user group ids): at least one, none empty, none twice. The message of
/// the failure, for the action's `InvalidParameter.GroupId`.
fn check_receivers(receivers: &[String]) -> Result<(), String> {
    if receivers.is_empty() {
        return Err("receiversIds: at least one user group is needed".to_owned());
    }
    let mut seen = HashSet::new();
    for r in receivers {
        if r.trim().is_empty() {
            return Err("receiversIds: a user group id is empty".to_owned());
        }
        if !seen.insert(r.as_str()) {
            return Err(format!(
                "receiversIds: user group {r} is given more than once"
            ));
        }
    }
    Ok(())
}

/// The position of notification `id` in `group`, or the message for `InvalidParameter.NotifyId`
/// (naming the group the notification belongs to when it is another one).
fn notification_index(state: &State, group: &ScalingGroup, id: &str) -> Result<usize, String> {
    if let Some(i) = group
        .notifications
        .iter()
        .position(|n| n.notification_id == id)
    {
        return Ok(i);
    }
    let owner = state
        .scaling_groups
        .iter()
        .find(|g| g.notifications.iter().any(|n| n.notification_id == id));
    Err(match owner {
        Some(other) => format!(
            "notification {id} is not in scaling group {} (it belongs to {})",
            group.scaling_group_id, other.scaling_group_id
        ),
        None => format!("notification {id} does not exist"),
    })
}

/// CreateScalingNotification. Checks, in order: the group exists
/// (`InvalidParameter.ScallingGroupId`); `notificationTypes` holds at least one type, each
/// known, none twice (`InvalidParameter.NotifyType`; an unlisted value is already refused when
/// the request is decoded, 4000 `InvalidParameterValue`); `receiversIds` holds at least one id,
/// none empty, none twice (`InvalidParameter.GroupId`); the group has fewer than 20
/// notifications (the pages give no quota code: 5100 `OperationFailed`). Then the notification
/// is added with a new `asn-…` id, which is answered.
pub(crate) fn create(
    state: &mut State,
    request: &CreateScalingNotificationRequest,
) -> Result<CreateScalingNotificationOutput, CreateScalingNotificationError> {
    let group_index = group_index(
        state,
        &request.scaling_group_id,
        CreateScalingNotificationError::invalid_parameter_scaling_group_id,
    )?;
    check_types(&request.notification_types)
        .map_err(CreateScalingNotificationError::invalid_parameter_notify_type)?;
    check_receivers(&request.receivers_ids)
        .map_err(CreateScalingNotificationError::invalid_parameter_group_id)?;
    let group = &state.scaling_groups[group_index];
    Quota::NotificationsPerGroup
        .check(
            group.notifications.len(),
            format!("scaling group {}", group.scaling_group_id),
        )
        .map_err(|e| CommonError::operation_failed(format!("scalingGroupId: {e}")))?;
    let id = new_id::<CreateScalingNotificationError>(state)?;

    let mut notification = ScalingNotification::new(ScalingNotificationRequired {
        notification_id: id.clone(),
        notification_types: request.notification_types.clone(),
        receivers_ids: request.receivers_ids.clone(),
    });
    notification.notification_name = request.notification_name.clone();
    state.scaling_groups[group_index]
        .notifications
        .push(notification);
    Ok(CreateScalingNotificationOutput::new(id))
}

/// A new notification id (`asn-` + 8 characters) that no notification of any group has.
fn new_id<E: From<CommonError>>(state: &State) -> Result<String, E> {
    unique_id("asn", |id| {
        state
            .scaling_groups
            .iter()
            .flat_map(|g| &g.notifications)
            .any(|n| n.notification_id == id)
    })
}

/// DescribeScalingNotification. Checks that the group exists
/// (`InvalidParameter.ScallingGroupId`), then answers its notifications in the order they were
/// created, filtered by `notificationIds` (unknown ids match nothing) and `notificationName`.
/// There are no pages: the page gives no offset or limit.
pub(crate) fn describe(
    state: &State,
    request: &DescribeScalingNotificationRequest,
) -> Result<DescribeScalingNotificationOutput, DescribeScalingNotificationError> {
    let group_index = group_index(
        state,
        &request.scaling_group_id,
        DescribeScalingNotificationError::invalid_parameter_scaling_group_id,
    )?;
    let matches: Vec<ScalingNotification> = state.scaling_groups[group_index]
        .notifications
        .iter()
        .filter(|n| {
            request
                .notification_ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&n.notification_id))
                && request
                    .notification_name
                    .as_ref()
                    .is_none_or(|name| n.notification_name.as_ref() == Some(name))
        })
        .cloned()
        .collect();
    Ok(DescribeScalingNotificationOutput::new().scaling_notification_set(matches))
}

/// ModifyScalingNotification. Checks, in order: the group exists
/// (`InvalidParameter.ScallingGroupId`); the notification is in it (`InvalidParameter.NotifyId`,
/// also for a notification of another group); at least one of `notificationName`,
/// `notificationTypes` and `receiversIds` is given (`InvalidParameter.NotifyPara`);
/// `notificationTypes`, when given, as for Create (`InvalidParameter.NotifyType`);
/// `receiversIds`, when given, as for Create (`InvalidParameter.GroupId`). Then what was given
/// replaces the old values; the rest stays.
pub(crate) fn modify(
    state: &mut State,
    request: &ModifyScalingNotificationRequest,
) -> Result<ModifyScalingNotificationOutput, ModifyScalingNotificationError> {
    let group_index = group_index(
        state,
        &request.scaling_group_id,
        ModifyScalingNotificationError::invalid_parameter_scaling_group_id,
    )?;
    let index = notification_index(
        state,
        &state.scaling_groups[group_index],
        &request.notification_id,
    )
    .map_err(|m| {
        ModifyScalingNotificationError::invalid_parameter_notify_id(format!("notificationId: {m}"))
    })?;
    if request.notification_name.is_none()
        && request.notification_types.is_none()
        && request.receivers_ids.is_none()
    {
        return Err(
            ModifyScalingNotificationError::invalid_parameter_notify_para(
                "nothing to change: give notificationName, notificationTypes or receiversIds",
            ),
        );
    }
    if let Some(types) = &request.notification_types {
        check_types(types)
            .map_err(ModifyScalingNotificationError::invalid_parameter_notify_type)?;
    }
    if let Some(receivers) = &request.receivers_ids {
        check_receivers(receivers)
            .map_err(ModifyScalingNotificationError::invalid_parameter_group_id)?;
    }

    let notification = &mut state.scaling_groups[group_index].notifications[index];
    if let Some(name) = &request.notification_name {
        notification.notification_name = Some(name.clone());
    }
    if let Some(types) = &request.notification_types {
        notification.notification_types = types.clone();
    }
    if let Some(receivers) = &request.receivers_ids {
        notification.receivers_ids = receivers.clone();
    }
    Ok(ModifyScalingNotificationOutput::new())
}

/// DeleteScalingNotification. Checks, in order: the group exists
/// (`InvalidParameter.ScallingGroupId`); every id names a notification of the group, once
/// (`InvalidParameter.NotifyId`, also for a notification of another group; then none is
/// deleted). Then the notifications are removed.
pub(crate) fn delete(
    state: &mut State,
    request: &DeleteScalingNotificationRequest,
) -> Result<DeleteScalingNotificationOutput, DeleteScalingNotificationError> {
    let group_index = group_index(
        state,
        &request.scaling_group_id,
        DeleteScalingNotificationError::invalid_parameter_scaling_group_id,
    )?;
    let group = &state.scaling_groups[group_index];
    let mut wanted = HashSet::new();
    for id in &request.notification_ids {
        notification_index(state, group, id).map_err(|m| {
            DeleteScalingNotificationError::invalid_parameter_notify_id(format!(
                "notificationIds: {m}"
            ))
        })?;
        if !wanted.insert(id.as_str()) {
            return Err(DeleteScalingNotificationError::invalid_parameter_notify_id(
                format!("notificationIds: notification {id} is given more than once"),
            ));
        }
    }

    state.scaling_groups[group_index]
        .notifications
        .retain(|n| !wanted.contains(n.notification_id.as_str()));
    Ok(DeleteScalingNotificationOutput::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Server-side decoding refuses unlisted values before an action runs, so the action's own
    // check of them is reached only from here.
    #[test]
    fn unlisted_notification_type_is_notify_type() {
        let mut state = State::demo();
        let request = CreateScalingNotificationRequest::new(
            qcloud_as::operation::create_scaling_notification::CreateScalingNotificationRequired {
                scaling_group_id: "asg-demo0001".to_owned(),
                notification_types: vec![NotificationType::from_wire("7")],
                receivers_ids: vec!["1001".to_owned()],
            },
        );
        let result = create(&mut state, &request);
        assert!(
            matches!(
                &result,
                Err(CreateScalingNotificationError::InvalidParameterNotifyType(e))
                    if e.message().contains("7 is not a notification type")
            ),
            "{result:?}"
        );
        assert!(state.scaling_groups[0].notifications.is_empty());
    }

    #[test]
    fn empty_lists_are_refused() {
        assert!(check_types(&[]).is_err());
        assert!(check_receivers(&[]).is_err());
        assert!(check_types(&[NotificationType::ScaleOutSuccess]).is_ok());
        assert!(check_receivers(&["1".to_owned()]).is_ok());
    }
}
