//! Lifecycle actions as API 3.0 shows them on an activity: `LifecycleActionResultSet` (how
//! each hold ended) and `InvocationResultSet` (the runs of hooks' commands).

use crate::domain::activity::HookOutcome;
use crate::domain::lifecycle::{self, EndReason, LifecycleAction};
use crate::domain::model::HookResult;
use qcloud_as::v3::types::{
    InvocationResult, InvocationResultRequired, LifecycleActionResult, LifecycleActionResultInfo,
    LifecycleActionResultInfoRequired, NotificationResult, ResultReason,
};

/// How the holds of `activity` ended: its record's `outcomes` (the result, and whether a call
/// gave it), each with what its lifecycle action adds: whether a message was sent, the run of
/// the hook's command, and a command's finish as the reason.
pub(crate) fn results(
    outcomes: &[HookOutcome],
    actions: &[LifecycleAction],
    activity: &str,
) -> Vec<LifecycleActionResultInfo> {
    outcomes
        .iter()
        .map(|o| {
            let action = lifecycle::of_activity(actions, activity)
                .find(|a| a.hook_id == o.hook_id && a.instance_id == o.instance_id);
            let reason = match action.and_then(|a| a.ended).map(|e| e.reason) {
                Some(EndReason::CommandFinished) => ResultReason::CommandExecFinish,
                _ if o.completed => ResultReason::CallInterface,
                _ => ResultReason::HeartbeatTimeout,
            };
            let run = action.and_then(|a| a.invocation.as_ref());
            LifecycleActionResultInfo::new(LifecycleActionResultInfoRequired {
                lifecycle_hook_id: o.hook_id.clone(),
                instance_id: o.instance_id.clone(),
                invocation_id: run.map(|i| i.invocation_id.clone()).unwrap_or_default(),
                invoke_command_result: if run.is_some() { "SUCCESSFUL" } else { "NONE" }.to_owned(),
                notification_result: if action.is_some_and(|a| a.message.is_some()) {
                    NotificationResult::Successful
                } else {
                    NotificationResult::None
                },
                lifecycle_action_result: match o.result {
                    HookResult::Continue => LifecycleActionResult::Continue,
                    HookResult::Abandon => LifecycleActionResult::Abandon,
                },
                result_reason: reason,
            })
        })
        .collect()
}

/// The runs of hooks' commands `activity` started: each `SUCCESS` (the emulator runs no
/// command).
pub(crate) fn invocations(actions: &[LifecycleAction], activity: &str) -> Vec<InvocationResult> {
    lifecycle::of_activity(actions, activity)
        .filter_map(|a| {
            let run = a.invocation.as_ref()?;
            Some(InvocationResult::new(InvocationResultRequired {
                instance_id: a.instance_id.clone(),
                invocation_id: run.invocation_id.clone(),
                invocation_task_id: run.task_id.clone(),
                command_id: run.command_id.clone(),
                task_status: "SUCCESS".to_owned(),
                error_message: String::new(),
            }))
        })
        .collect()
}
