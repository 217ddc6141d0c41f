//! Lifecycle hooks as API 3.0 shows them: DescribeLifecycleHooks, and the `LifecycleHook` of
//! a domain hook.

use super::parts_query::{hook_id, malformed, malformed_group_filter, problem, utc};
use super::query::{self, count};
use crate::domain::hooks::{self, HookScope, LifecycleHook as Hook, MessageTargetKind};
use crate::domain::model::{HookResult, HookTransition};
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
/// ([`hooks::list`]).
pub(crate) fn describe(
    state: &State,
    request: &DescribeRequest,
) -> Result<DescribeOutput, DescribeError> {
    let query = query::check(
        "LifecycleHookIds",
        request.lifecycle_hook_ids.as_deref(),
        request.filters.as_deref(),
        request.offset,
        request.limit,
        FILTERS,
    )
    .map_err(|p| {
        problem(
            p,
            DescribeError::invalid_parameter_conflict,
            DescribeError::invalid_parameter_value_invalid_filter,
            |m| DescribeError::from(CommonError::invalid_parameter_value(m)),
        )
    })?;
    if let Some(bad) = malformed(query.ids, hook_id) {
        return Err(
            DescribeError::invalid_parameter_value_invalid_lifecycle_hook_id(format!(
                "LifecycleHookIds: {bad:?} is not a lifecycle hook id (ash-…)"
            )),
        );
    }
    if let Some(bad) = malformed_group_filter(query.filters) {
        return Err(
            DescribeError::invalid_parameter_value_invalid_auto_scaling_group_id(format!(
                "auto-scaling-group-id: {bad:?} is not a scaling group id (asg-…)"
            )),
        );
    }
    let all = hooks::list(state, None)
        .map_err(|e| DescribeError::from(CommonError::internal_error(e.to_string())))?;
    let matches: Vec<(String, Hook)> = all
        .into_iter()
        .filter(|(g, h)| {
            query.keeps(&h.id, |name, value| match name {
                "lifecycle-hook-id" => h.id == value,
                "lifecycle-hook-name" => h.name == value,
                "auto-scaling-group-id" => g == value,
                _ => false,
            })
        })
        .collect();
    let total_count = count(matches.len());
    let set = query
        .page
        .of(matches)
        .iter()
        .map(|(g, h)| hook_out(g, h))
        .collect();
    Ok(DescribeOutput::new(DescribeLifecycleHooksOutputRequired {
        lifecycle_hook_set: set,
        total_count,
        request_id: String::new(),
    }))
}
