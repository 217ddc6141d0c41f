//! Notifications in API 3.0: CreateNotificationConfiguration, ModifyNotificationConfiguration,
//! DeleteNotificationConfiguration, DescribeNotificationConfigurations, over the domain's
//! notifications ([`crate::domain::notifications`], which API 2.0's are too). Nothing is sent.

use super::parts_query::{describe as describe_parts, invalid_value, Answers, Ask};
use super::query::well_formed;
use super::{find_group, Missing};
use crate::domain::notifications::{
    self, Notification, NotificationChange, NotificationEvent as Event,
    NotificationTargetKind as Kind, NotificationValues,
};
use crate::domain::parts;
use crate::domain::DomainError;
use crate::state::State;
use qcloud_as::v3::operation::create_notification_configuration::{
    CreateNotificationConfigurationError as CreateError,
    CreateNotificationConfigurationOutput as CreateOutput,
    CreateNotificationConfigurationRequest as CreateRequest,
};
use qcloud_as::v3::operation::delete_notification_configuration::{
    DeleteNotificationConfigurationError as DeleteError,
    DeleteNotificationConfigurationOutput as DeleteOutput,
    DeleteNotificationConfigurationRequest as DeleteRequest,
};
use qcloud_as::v3::operation::describe_notification_configurations::{
    DescribeNotificationConfigurationsError as DescribeError,
    DescribeNotificationConfigurationsOutput as DescribeOutput,
    DescribeNotificationConfigurationsOutputRequired,
    DescribeNotificationConfigurationsRequest as DescribeRequest,
};
use qcloud_as::v3::operation::modify_notification_configuration::{
    ModifyNotificationConfigurationError as ModifyError,
    ModifyNotificationConfigurationOutput as ModifyOutput,
    ModifyNotificationConfigurationRequest as ModifyRequest,
};
use qcloud_as::v3::types::{
    AutoScalingNotification, AutoScalingNotificationRequired, NotificationTargetType,
    NotificationType,
};
use qcloud_as::v3::CommonError;

/// The filters of DescribeNotificationConfigurations.
const FILTERS: &[&str] = &["auto-scaling-notification-id", "auto-scaling-group-id"];

fn events(types: &[NotificationType]) -> Result<Vec<Event>, String> {
    types
        .iter()
        .map(|t| match t {
            NotificationType::ScaleOutSuccessful => Ok(Event::ScaleOutSucceeded),
            NotificationType::ScaleOutFailed => Ok(Event::ScaleOutFailed),
            NotificationType::ScaleInSuccessful => Ok(Event::ScaleInSucceeded),
            NotificationType::ScaleInFailed => Ok(Event::ScaleInFailed),
            NotificationType::ReplaceUnhealthyInstanceSuccessful => {
                Ok(Event::ReplaceUnhealthySucceeded)
            }
            NotificationType::ReplaceUnhealthyInstanceFailed => Ok(Event::ReplaceUnhealthyFailed),
            other => Err(format!("NotificationTypes: {other} is not listed")),
        })
        .collect()
}

fn notification_type(e: Event) -> NotificationType {
    match e {
        Event::ScaleOutSucceeded => NotificationType::ScaleOutSuccessful,
        Event::ScaleOutFailed => NotificationType::ScaleOutFailed,
        Event::ScaleInSucceeded => NotificationType::ScaleInSuccessful,
        Event::ScaleInFailed => NotificationType::ScaleInFailed,
        Event::ReplaceUnhealthySucceeded => NotificationType::ReplaceUnhealthyInstanceSuccessful,
        Event::ReplaceUnhealthyFailed => NotificationType::ReplaceUnhealthyInstanceFailed,
    }
}

/// Why the wire values are refused before the domain sees them.
enum Refusal {
    /// A bad value.
    Value(String),
    /// Recipients that are not the target's kind.
    Conflict(String),
    /// A user group id that is not a number.
    UserGroup(String),
}

/// The target kind asked for; the retired CMQ kinds are refused.
fn kind(t: Option<&NotificationTargetType>) -> Result<Kind, Refusal> {
    match t {
        None | Some(NotificationTargetType::UserGroup) => Ok(Kind::UserGroup),
        Some(NotificationTargetType::TdmqCmqQueue) => Ok(Kind::TdmqCmqQueue),
        Some(NotificationTargetType::TdmqCmqTopic) => Ok(Kind::TdmqCmqTopic),
        Some(other) => Err(Refusal::Value(format!(
            "TargetType: {other} is not accepted (CMQ is retired; use TDMQ_CMQ_QUEUE or \
             TDMQ_CMQ_TOPIC)"
        ))),
    }
}

/// The recipients given fit the target kind: user groups (numbers) only for `USER_GROUP`,
/// a queue only for a queue, a topic only for a topic.
fn recipients(
    kind: Kind,
    user_groups: Option<&[String]>,
    queue: Option<&String>,
    topic: Option<&String>,
) -> Result<(), Refusal> {
    let conflict = |what: &str| {
        Err(Refusal::Conflict(format!(
            "{what} does not go with a {kind:?} target"
        )))
    };
    match kind {
        Kind::UserGroup if queue.is_some() => return conflict("QueueName"),
        Kind::UserGroup if topic.is_some() => return conflict("TopicName"),
        Kind::TdmqCmqQueue | Kind::CmqQueue if topic.is_some() => return conflict("TopicName"),
        Kind::TdmqCmqTopic | Kind::CmqTopic if queue.is_some() => return conflict("QueueName"),
        Kind::UserGroup => {}
        _ if user_groups.is_some() => return conflict("NotificationUserGroupIds"),
        _ => {}
    }
    if let Some(bad) = user_groups
        .into_iter()
        .flatten()
        .find(|id| id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(Refusal::UserGroup(format!(
            "NotificationUserGroupIds: {bad:?} is not a user group id (a number)"
        )));
    }
    Ok(())
}

macro_rules! refuse {
    ($error:ty) => {
        |r: Refusal| -> $error {
            match r {
                Refusal::Value(m) => CommonError::invalid_parameter_value(m).into(),
                Refusal::Conflict(m) => {
                    <$error>::invalid_parameter_value_conflict_notification_target(m)
                }
                Refusal::UserGroup(m) => {
                    <$error>::invalid_parameter_value_invalid_notification_user_group_id(m)
                }
            }
        }
    };
}

/// The answer of Create and Modify to a refusal of the domain.
macro_rules! refusal {
    ($error:ty, $e:expr) => {{
        let e: DomainError = $e;
        let m = e.to_string();
        match e {
            DomainError::NotificationReceiversInvalid { .. } => {
                <$error>::invalid_parameter_value_invalid_notification_user_group_id(format!(
                    "NotificationUserGroupIds: {m}"
                ))
            }
            DomainError::NotificationTargetIncomplete { .. } => {
                CommonError::missing_parameter(m).into()
            }
            DomainError::NotificationEventsInvalid { .. } => {
                CommonError::invalid_parameter_value(format!("NotificationTypes: {m}")).into()
            }
            DomainError::NoRandomness(_) => CommonError::internal_error(m).into(),
            _ => CommonError::failed_operation(m).into(),
        }
    }};
}

/// CreateNotificationConfiguration's answer to a refusal of the domain.
pub(crate) fn create_error(e: DomainError) -> CreateError {
    let m = e.to_string();
    match e {
        DomainError::GroupNotFound { .. } => {
            CreateError::resource_not_found_auto_scaling_group_not_found(m)
        }
        DomainError::QuotaExceeded { .. } => CreateError::limit_exceeded_quota_not_enough(m),
        e => refusal!(CreateError, e),
    }
}

/// CreateNotificationConfiguration. Checks, in order: the group (`…InvalidAutoScalingGroupId`,
/// `ResourceNotFound.AutoScalingGroupNotFound`); the types listed (`InvalidParameterValue`);
/// the target kind (`USER_GROUP` by default; the retired CMQ kinds: `InvalidParameterValue`);
/// recipients of the kind only (`InvalidParameterValue.ConflictNotificationTarget`), user
/// group ids numbers (`…InvalidNotificationUserGroupId`); then [`notifications::create`]: at
/// least one type, none twice (`InvalidParameterValue`), at least one user group, none twice
/// (`…InvalidNotificationUserGroupId`), a queue or topic named (`MissingParameter`), at most 20
/// per group (`LimitExceeded.QuotaNotEnough`).
pub(crate) fn create(
    state: &mut State,
    request: &CreateRequest,
) -> Result<CreateOutput, CreateError> {
    let group = &request.auto_scaling_group_id;
    find_group(state, group).map_err(|m| match m {
        Missing::Malformed(m) => {
            CreateError::invalid_parameter_value_invalid_auto_scaling_group_id(m)
        }
        Missing::NotFound(m) => CreateError::resource_not_found_auto_scaling_group_not_found(m),
    })?;
    let events = events(&request.notification_types)
        .map_err(|m| CreateError::from(CommonError::invalid_parameter_value(m)))?;
    let target = kind(request.target_type.as_ref()).map_err(refuse!(CreateError))?;
    recipients(
        target,
        request.notification_user_group_ids.as_deref(),
        request.queue_name.as_ref(),
        request.topic_name.as_ref(),
    )
    .map_err(refuse!(CreateError))?;
    let values = NotificationValues {
        name: None,
        events,
        target,
        user_group_ids: request
            .notification_user_group_ids
            .clone()
            .unwrap_or_default(),
        queue_name: request.queue_name.clone(),
        topic_name: request.topic_name.clone(),
    };
    let id = notifications::create(state, group, values).map_err(create_error)?;
    Ok(CreateOutput::new(id, String::new()))
}

/// ModifyNotificationConfiguration's answer to a refusal of the domain.
pub(crate) fn modify_error(e: DomainError) -> ModifyError {
    let m = e.to_string();
    match e {
        DomainError::NotificationNotFound { .. } => {
            ModifyError::resource_not_found_auto_scaling_notification_not_found(m)
        }
        DomainError::NothingToChange => CommonError::missing_parameter(format!(
            "{m}: give NotificationTypes, NotificationUserGroupIds, QueueName or TopicName"
        ))
        .into(),
        e => refusal!(ModifyError, e),
    }
}

/// ModifyNotificationConfiguration. Checks, in order: the id (`asn-…`:
/// `…InvalidAutoScalingNotificationId`); it exists
/// (`ResourceNotFound.AutoScalingNotificationNotFound`); the types listed
/// (`InvalidParameterValue`); recipients of the target's kind only
/// (`…ConflictNotificationTarget`), user group ids numbers; then [`notifications::modify`]:
/// something to change (`MissingParameter`), the values as in [`create`]. The target kind
/// never changes.
pub(crate) fn modify(
    state: &mut State,
    request: &ModifyRequest,
) -> Result<ModifyOutput, ModifyError> {
    let id = &request.auto_scaling_notification_id;
    if !well_formed(id, "asn") {
        return Err(
            ModifyError::invalid_parameter_value_invalid_auto_scaling_notification_id(format!(
                "AutoScalingNotificationId: {id:?} is not a notification id (asn-…)"
            )),
        );
    }
    let (group, index) = notifications::locate(state, None, id).map_err(modify_error)?;
    let target = state
        .group(&group)
        .and_then(|g| g.notifications.get(index))
        .map_or(Kind::UserGroup, |n| n.target);
    let events = match &request.notification_types {
        Some(types) => Some(
            events(types)
                .map_err(|m| ModifyError::from(CommonError::invalid_parameter_value(m)))?,
        ),
        None => None,
    };
    recipients(
        target,
        request.notification_user_group_ids.as_deref(),
        request.queue_name.as_ref(),
        request.topic_name.as_ref(),
    )
    .map_err(refuse!(ModifyError))?;
    let change = NotificationChange {
        name: None,
        events,
        user_group_ids: request.notification_user_group_ids.clone(),
        queue_name: request.queue_name.clone(),
        topic_name: request.topic_name.clone(),
    };
    notifications::modify(state, None, id, change).map_err(modify_error)?;
    Ok(ModifyOutput::new(String::new()))
}

/// DeleteNotificationConfiguration's answer to a refusal of the domain.
pub(crate) fn delete_error(e: DomainError) -> DeleteError {
    match e {
        DomainError::NotificationNotFound { .. } => {
            DeleteError::resource_not_found_auto_scaling_notification_not_found(e.to_string())
        }
        e => CommonError::failed_operation(e.to_string()).into(),
    }
}

/// DeleteNotificationConfiguration: the id is given (the page marks it optional, but the call
/// needs it: `MissingParameter`) and is `asn-…` (`…InvalidAutoScalingNotificationId`); then
/// [`notifications::delete`] (`ResourceNotFound.AutoScalingNotificationNotFound`).
pub(crate) fn delete(
    state: &mut State,
    request: &DeleteRequest,
) -> Result<DeleteOutput, DeleteError> {
    let Some(id) = &request.auto_scaling_notification_id else {
        return Err(CommonError::missing_parameter(
            "AutoScalingNotificationId: the notification to delete is needed",
        )
        .into());
    };
    if !well_formed(id, "asn") {
        return Err(
            DeleteError::invalid_parameter_value_invalid_auto_scaling_notification_id(format!(
                "AutoScalingNotificationId: {id:?} is not a notification id (asn-…)"
            )),
        );
    }
    notifications::delete(state, None, std::slice::from_ref(id)).map_err(delete_error)?;
    Ok(DeleteOutput::new(String::new()))
}

/// A notification of `group` as API 3.0 shows it.
fn notification_out(group: &str, n: &Notification) -> AutoScalingNotification {
    AutoScalingNotification::new(AutoScalingNotificationRequired {
        auto_scaling_group_id: group.to_owned(),
        notification_user_group_ids: n.user_group_ids.clone(),
        notification_types: n.events.iter().copied().map(notification_type).collect(),
        auto_scaling_notification_id: n.id.clone(),
        target_type: match n.target {
            Kind::UserGroup => NotificationTargetType::UserGroup,
            Kind::TdmqCmqQueue => NotificationTargetType::TdmqCmqQueue,
            Kind::TdmqCmqTopic => NotificationTargetType::TdmqCmqTopic,
            Kind::CmqQueue => NotificationTargetType::CmqQueue,
            Kind::CmqTopic => NotificationTargetType::CmqTopic,
        },
        queue_name: n.queue_name.clone().unwrap_or_default(),
        topic_name: n.topic_name.clone().unwrap_or_default(),
    })
}

/// DescribeNotificationConfigurations. Checks, in order: not both ids and `Filters`
/// (`InvalidParameterConflict`); at most 100 ids, 10 filters of 5 values each with a value,
/// `Limit` at most 100 (`InvalidParameterValue`); known filter names
/// (`InvalidParameterValue.InvalidFilter`); each id `asn-…`
/// (`…InvalidAutoScalingNotificationId`); each group filter value `asg-…`
/// (`…InvalidAutoScalingGroupId`). Every notification of the account, made through either
/// protocol ([`parts::list`]).
pub(crate) fn describe(
    state: &State,
    request: &DescribeRequest,
) -> Result<DescribeOutput, DescribeError> {
    let ask = Ask {
        ids_name: "AutoScalingNotificationIds",
        ids: request.auto_scaling_notification_ids.as_deref(),
        filters: request.filters.as_deref(),
        offset: request.offset,
        limit: request.limit,
        known: FILTERS,
        id_form: |id| well_formed(id, "asn"),
        noun: "notification",
        form: "asn-…",
        group_filter_form: true,
        ids_exist: false,
    };
    let answers = Answers {
        conflict: DescribeError::invalid_parameter_conflict_undotted,
        unknown: DescribeError::invalid_parameter_value_invalid_filter,
        no_value: invalid_value,
        bad_id: DescribeError::invalid_parameter_value_invalid_auto_scaling_notification_id,
        bad_group: DescribeError::invalid_parameter_value_invalid_auto_scaling_group_id,
        missing: invalid_value,
    };
    let all = parts::list::<Notification>(state, None)
        .map_err(|e| DescribeError::from(CommonError::internal_error(e.to_string())))?;
    let (total_count, set) = describe_parts(
        &ask,
        all,
        |n: &Notification| &n.id,
        |g, n, name, value| match name {
            "auto-scaling-notification-id" => n.id == value,
            "auto-scaling-group-id" => g == value,
            _ => false,
        },
        notification_out,
    )
    .map_err(|r| answers.to(r))?;
    Ok(DescribeOutput::new(
        DescribeNotificationConfigurationsOutputRequired {
            total_count,
            auto_scaling_notification_set: set,
            request_id: String::new(),
        },
    ))
}
