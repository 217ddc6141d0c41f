//! Lifecycle hooks as API 3.0 shows them: DescribeLifecycleHooks, and the `LifecycleHook` of
//! a domain hook.

use super::parts_query::{describe as describe_parts, hook_id, invalid_value, utc, Answers, Ask};
use crate::domain::hooks::{HookScope, LifecycleHook as Hook, MessageTargetKind};
use crate::domain::model::{HookResult, HookTransition};
use crate::domain::parts;
use crate::state::State;
use qcloud_as::v3::operation::describe_lifecycle_hooks::{
    DescribeLifecycleHooksError as DescribeError, DescribeLifecycleHooksOutput as DescribeOutput,
    DescribeLifecycleHooksOutputRequired, DescribeLifecycleHooksRequest as DescribeRequest,
};
use qcloud_as::v3::types::{
    HookTargetType, LifecycleActionResult, LifecycleCommand, LifecycleHook, LifecycleHookRequired,
    LifecycleTransition, LifecycleTransitionType, NotificationTarget,
};
use qcloud_as::v3::CommonError;

/// The filters of DescribeLifecycleHooks.
const FILTERS: &[&str] = &[
    "lifecycle-hook-id",
    "lifecycle-hook-name",
    "auto-scaling-group-id",
];

/// A hook of `group` as API 3.0 shows it; one with no target or command shows them empty.
fn hook_out(group: &str, h: &Hook) -> LifecycleHook {
    let target = match &h.message_target {
        Some(t) => {
            let kind = match t.kind {
                MessageTargetKind::TdmqCmqQueue => HookTargetType::TdmqCmqQueue,
                MessageTargetKind::TdmqCmqTopic => HookTargetType::TdmqCmqTopic,
                MessageTargetKind::CmqQueue => HookTargetType::CmqQueue,
                MessageTargetKind::CmqTopic => HookTargetType::CmqTopic,
            };
            let mut out = NotificationTarget::new(kind);
            out.queue_name = t.queue_name.clone();
            out.topic_name = t.topic_name.clone();
            out
        }
        None => NotificationTarget::new(HookTargetType::from_wire("")),
    };
    let command = match &h.command {
        Some(c) => {
            let mut out = LifecycleCommand::new(&c.command_id);
            out.parameters = c.parameters.clone();
            out
        }
        None => LifecycleCommand::new(""),
    };
    LifecycleHook::new(LifecycleHookRequired {
        lifecycle_hook_id: h.id.clone(),
        lifecycle_hook_name: h.name.clone(),
        auto_scaling_group_id: group.to_owned(),
        default_result: match h.default_result {
            HookResult::Continue => LifecycleActionResult::Continue,
            HookResult::Abandon => LifecycleActionResult::Abandon,
        },
        heartbeat_timeout: i64::try_from(h.heartbeat_timeout).unwrap_or(i64::MAX),
        lifecycle_transition: match h.transition {
            HookTransition::Launching => LifecycleTransition::InstanceLaunching,
            HookTransition::Terminating => LifecycleTransition::InstanceTerminating,
        },
        notification_metadata: h.notification_metadata.clone().unwrap_or_default(),
        created_time: utc(h.created_time),
        notification_target: target,
        lifecycle_transition_type: match h.scope {
            HookScope::Normal => LifecycleTransitionType::Normal,
            HookScope::Extension => LifecycleTransitionType::Extension,
        },
        lifecycle_command: command,
    })
}

/// DescribeLifecycleHooks. Checks, in order: not both ids and `Filters`
/// (`InvalidParameter.Conflict`); at most 100 ids, 10 filters of 5 values, `Limit` at most 100,
/// filters with values (`InvalidParameterValue`); known filter names
/// (`InvalidParameterValue.InvalidFilter`); each id `ash-…` or `lfh-…`
/// (`…InvalidLifecycleHookId`); each group filter value `asg-…`
/// (`…InvalidAutoScalingGroupId`). Every hook of the account, made through either protocol
/// ([`parts::list`]).
pub(crate) fn describe(
    state: &State,
    request: &DescribeRequest,
) -> Result<DescribeOutput, DescribeError> {
    let ask = Ask {
        ids_name: "LifecycleHookIds",
        ids: request.lifecycle_hook_ids.as_deref(),
        filters: request.filters.as_deref(),
        offset: request.offset,
        limit: request.limit,
        known: FILTERS,
        id_form: hook_id,
        noun: "lifecycle hook",
        form: "ash-…",
        group_filter_form: true,
        ids_exist: false,
    };
    let answers = Answers {
        conflict: DescribeError::invalid_parameter_conflict,
        unknown: DescribeError::invalid_parameter_value_invalid_filter,
        no_value: invalid_value,
        bad_id: DescribeError::invalid_parameter_value_invalid_lifecycle_hook_id,
        bad_group: DescribeError::invalid_parameter_value_invalid_auto_scaling_group_id,
        missing: invalid_value,
    };
    let all = parts::list::<Hook>(state, None)
        .map_err(|e| DescribeError::from(CommonError::internal_error(e.to_string())))?;
    let (total_count, set) = describe_parts(
        &ask,
        all,
        |h: &Hook| &h.id,
        |g, h, name, value| match name {
            "lifecycle-hook-id" => h.id == value,
            "lifecycle-hook-name" => h.name == value,
            "auto-scaling-group-id" => g == value,
            _ => false,
        },
        hook_out,
    )
    .map_err(|r| answers.to(r))?;
    Ok(DescribeOutput::new(DescribeLifecycleHooksOutputRequired {
        lifecycle_hook_set: set,
        total_count,
        request_id: String::new(),
    }))
}
