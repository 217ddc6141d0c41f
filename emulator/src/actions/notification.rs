//! Notifications of scaling groups: CreateScalingNotification, DescribeScalingNotification,
//! ModifyScalingNotification, DeleteScalingNotification.
//!
//! Notifications are the domain's ([`crate::domain::notifications`], shared with API 3.0's
//! notification configurations), at most
//! [`Quota::NotificationsPerGroup`](crate::domain::Quota::NotificationsPerGroup) (20) per
//! group, with ids `asn-…` unique in the account. Nothing is ever sent: they are recorded and
//! described only. A notification API 3.0 sends to a queue or topic shows no `receiversIds`.
//!
//! The pages list the business errors for ModifyScalingNotification only; they are used where
//! the same parameters are checked: `InvalidParameter.ScallingGroupId` (sic) for an unknown
//! group (every action), `InvalidParameter.NotifyType` for `notificationTypes` (Create, Modify),
//! `InvalidParameter.GroupId` for `receiversIds`, user group ids (Create, Modify),
//! `InvalidParameter.NotifyId` for a notification id (Modify, Delete) and
//! `InvalidParameter.NotifyPara` for a Modify that changes nothing.

use crate::domain::notifications::{
    self, Notification, NotificationChange, NotificationEvent, NotificationValues,
};
use crate::domain::parts;
use crate::domain::DomainError;
use crate::state::State;
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
use qcloud_as::types::{NotificationType, ScalingNotification, ScalingNotificationRequired};
use qcloud_as::CommonError;

/// The domain's event of an API 2.0 notification type; the message for
/// `InvalidParameter.NotifyType` for an unlisted one.
fn event(t: &NotificationType) -> Result<NotificationEvent, String> {
    Ok(match t {
        NotificationType::ScaleOutSuccess => NotificationEvent::ScaleOutSucceeded,
        NotificationType::ScaleOutFailure => NotificationEvent::ScaleOutFailed,
        NotificationType::ScaleInSuccess => NotificationEvent::ScaleInSucceeded,
        NotificationType::ScaleInFailure => NotificationEvent::ScaleInFailed,
        NotificationType::ReplaceUnhealthySuccess => NotificationEvent::ReplaceUnhealthySucceeded,
        NotificationType::ReplaceUnhealthyFailure => NotificationEvent::ReplaceUnhealthyFailed,
        other => {
            return Err(format!(
                "notificationTypes: {other} is not a notification type (1 to 6)"
            ))
        }
    })
}

/// The API 2.0 notification type of an event.
fn notification_type(e: NotificationEvent) -> NotificationType {
    match e {
        NotificationEvent::ScaleOutSucceeded => NotificationType::ScaleOutSuccess,
        NotificationEvent::ScaleOutFailed => NotificationType::ScaleOutFailure,
        NotificationEvent::ScaleInSucceeded => NotificationType::ScaleInSuccess,
        NotificationEvent::ScaleInFailed => NotificationType::ScaleInFailure,
        NotificationEvent::ReplaceUnhealthySucceeded => NotificationType::ReplaceUnhealthySuccess,
        NotificationEvent::ReplaceUnhealthyFailed => NotificationType::ReplaceUnhealthyFailure,
    }
}

fn events(types: &[NotificationType]) -> Result<Vec<NotificationEvent>, String> {
    types.iter().map(event).collect()
}

/// A stored notification as API 2.0 shows it (a queue or topic target has no receivers).
fn notification_out(n: &Notification) -> ScalingNotification {
    let mut out = ScalingNotification::new(ScalingNotificationRequired {
        notification_id: n.id.clone(),
        notification_types: n.events.iter().copied().map(notification_type).collect(),
        receivers_ids: n.user_group_ids.clone(),
    });
    out.notification_name = n.name.clone();
    out
}

/// The answer of a notification action to a refusal of the domain: `group` builds the unknown
/// group's code, `types`, `receivers` and `id` those of the parameters they name; a refusal
/// with no code of its own is 5100 `OperationFailed`.
macro_rules! refusal {
    ($error:ty, $e:expr, $group:expr, $types:expr, $receivers:expr, $id:expr) => {{
        let e: DomainError = $e;
        let m = e.to_string();
        match e {
            DomainError::GroupNotFound { .. } => $group(format!("scalingGroupId: {m}")),
            DomainError::NotificationEventsInvalid { .. } => {
                $types(format!("notificationTypes: {m}"))
            }
            DomainError::NotificationReceiversInvalid { .. } => {
                $receivers(format!("receiversIds: {m}"))
            }
            DomainError::NotificationNotFound { .. }
            | DomainError::NotificationInOtherGroup { .. }
            | DomainError::NotificationGivenTwice { .. } => $id(m),
            _ => <$error>::from(CommonError::operation_failed(format!(
                "scalingGroupId: {m}"
            ))),
        }
    }};
}

/// CreateScalingNotification's answer to a refusal of the domain.
pub(crate) fn create_error(e: DomainError) -> CreateScalingNotificationError {
    type E = CreateScalingNotificationError;
    refusal!(
        E,
        e,
        E::invalid_parameter_scaling_group_id,
        E::invalid_parameter_notify_type,
        E::invalid_parameter_group_id,
        |m: String| E::from(CommonError::invalid_parameter(m))
    )
}

/// CreateScalingNotification, through [`notifications::create`]. Checks, in order: the group
/// exists (`InvalidParameter.ScallingGroupId`); `notificationTypes` holds at least one type,
/// each known, none twice (`InvalidParameter.NotifyType`; an unlisted value is already refused
/// when the request is decoded, 4000 `InvalidParameterValue`); `receiversIds` holds at least
/// one id, none empty, none twice (`InvalidParameter.GroupId`); the group has fewer than 20
/// notifications (the pages give no quota code: 5100 `OperationFailed`). Then the notification
/// is added with a new `asn-…` id, which is answered.
pub(crate) fn create(
    state: &mut State,
    request: &CreateScalingNotificationRequest,
) -> Result<CreateScalingNotificationOutput, CreateScalingNotificationError> {
    if state.group(&request.scaling_group_id).is_none() {
        return Err(create_error(DomainError::GroupNotFound {
            group: request.scaling_group_id.clone(),
        }));
    }
    let events = events(&request.notification_types)
        .map_err(CreateScalingNotificationError::invalid_parameter_notify_type)?;
    let values = NotificationValues {
        name: request.notification_name.clone(),
        events,
        target: Default::default(),
        user_group_ids: request.receivers_ids.clone(),
        queue_name: None,
        topic_name: None,
    };
    let id =
        notifications::create(state, &request.scaling_group_id, values).map_err(create_error)?;
    Ok(CreateScalingNotificationOutput::new(id))
}

/// DescribeScalingNotification. Checks that the group exists
/// (`InvalidParameter.ScallingGroupId`), then answers its notifications
/// ([`parts::list`]) in the order they were created, filtered by `notificationIds`
/// (unknown ids match nothing) and `notificationName`. There are no pages: the page gives no
/// offset or limit.
pub(crate) fn describe(
    state: &State,
    request: &DescribeScalingNotificationRequest,
) -> Result<DescribeScalingNotificationOutput, DescribeScalingNotificationError> {
    let listed =
        parts::list::<Notification>(state, Some(&request.scaling_group_id)).map_err(|e| {
            DescribeScalingNotificationError::invalid_parameter_scaling_group_id(format!(
                "scalingGroupId: {e}"
            ))
        })?;
    let matches: Vec<ScalingNotification> = listed
        .iter()
        .map(|(_, n)| n)
        .filter(|n| {
            request
                .notification_ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&n.id))
                && request
                    .notification_name
                    .as_ref()
                    .is_none_or(|name| n.name.as_ref() == Some(name))
        })
        .map(notification_out)
        .collect();
    Ok(DescribeScalingNotificationOutput::new().scaling_notification_set(matches))
}

/// ModifyScalingNotification's answer to a refusal of the domain.
pub(crate) fn modify_error(e: DomainError) -> ModifyScalingNotificationError {
    type E = ModifyScalingNotificationError;
    if e == DomainError::NothingToChange {
        return E::invalid_parameter_notify_para(
            "nothing to change: give notificationName, notificationTypes or receiversIds",
        );
    }
    refusal!(
        E,
        e,
        E::invalid_parameter_scaling_group_id,
        E::invalid_parameter_notify_type,
        E::invalid_parameter_group_id,
        |m: String| E::invalid_parameter_notify_id(format!("notificationId: {m}"))
    )
}

/// ModifyScalingNotification, through [`notifications::modify`]. Checks, in order: the group
/// exists (`InvalidParameter.ScallingGroupId`); the notification is in it
/// (`InvalidParameter.NotifyId`, also for a notification of another group); at least one of
/// `notificationName`, `notificationTypes` and `receiversIds` is given
/// (`InvalidParameter.NotifyPara`); `notificationTypes`, when given, as for Create
/// (`InvalidParameter.NotifyType`); `receiversIds`, when given, as for Create
/// (`InvalidParameter.GroupId`). Then what was given replaces the old values; the rest stays.
pub(crate) fn modify(
    state: &mut State,
    request: &ModifyScalingNotificationRequest,
) -> Result<ModifyScalingNotificationOutput, ModifyScalingNotificationError> {
    let group = &request.scaling_group_id;
    notifications::locate(state, Some(group), &request.notification_id).map_err(modify_error)?;
    let events = match &request.notification_types {
        Some(types) => Some(
            events(types).map_err(ModifyScalingNotificationError::invalid_parameter_notify_type)?,
        ),
        None => None,
    };
    let change = NotificationChange {
        name: request.notification_name.clone(),
        events,
        user_group_ids: request.receivers_ids.clone(),
        queue_name: None,
        topic_name: None,
    };
    notifications::modify(state, Some(group), &request.notification_id, change)
        .map_err(modify_error)?;
    Ok(ModifyScalingNotificationOutput::new())
}

/// DeleteScalingNotification's answer to a refusal of the domain.
pub(crate) fn delete_error(e: DomainError) -> DeleteScalingNotificationError {
    type E = DeleteScalingNotificationError;
    refusal!(
        E,
        e,
        E::invalid_parameter_scaling_group_id,
        |m: String| E::from(CommonError::invalid_parameter(m)),
        |m: String| E::from(CommonError::invalid_parameter(m)),
        |m: String| E::invalid_parameter_notify_id(format!("notificationIds: {m}"))
    )
}

/// DeleteScalingNotification, through [`notifications::delete`]. Checks, in order: the group
/// exists (`InvalidParameter.ScallingGroupId`); every id names a notification of the group,
/// once (`InvalidParameter.NotifyId`, also for a notification of another group; then none is
/// deleted). Then the notifications are removed.
pub(crate) fn delete(
    state: &mut State,
    request: &DeleteScalingNotificationRequest,
) -> Result<DeleteScalingNotificationOutput, DeleteScalingNotificationError> {
    notifications::delete(
        state,
        Some(&request.scaling_group_id),
        &request.notification_ids,
    )
    .map_err(delete_error)?;
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
}
