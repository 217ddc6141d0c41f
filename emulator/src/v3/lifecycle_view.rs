//! Lifecycle actions as API 3.0 shows them on an activity: `LifecycleActionResultSet` (how
//! each hold ended) and `InvocationResultSet` (the runs of hooks' commands).

use crate::domain::lifecycle::{self, EndReason, LifecycleAction};
use crate::domain::model::HookResult;
use qcloud_as::v3::types::{
    InvocationResult, InvocationResultRequired, LifecycleActionResult, LifecycleActionResultInfo,
    LifecycleActionResultInfoRequired, NotificationResult, ResultReason,
};

/// How the holds of `activity` ended, from their lifecycle actions (the one record of a
/// hold's outcome, [`lifecycle::ended_of_activity`]): each hold's hook, instance, result and
/// what gave it, whether a message was sent, and the run of the hook's command.
pub(crate) fn results(
    actions: &[LifecycleAction],
    activity: &str,
) -> Vec<LifecycleActionResultInfo> {
    lifecycle::ended_of_activity(actions, activity)
        .into_iter()
        .map(|(action, end)| {
            let run = action.invocation.as_ref();
            LifecycleActionResultInfo::new(LifecycleActionResultInfoRequired {
                lifecycle_hook_id: action.hook_id.clone(),
                instance_id: action.instance_id.clone(),
                invocation_id: run.map(|i| i.invocation_id.clone()).unwrap_or_default(),
                invoke_command_result: if run.is_some() { "SUCCESSFUL" } else { "NONE" }.to_owned(),
                notification_result: if action.message.is_some() {
                    NotificationResult::Successful
                } else {
                    NotificationResult::None
                },
                lifecycle_action_result: match end.result {
                    HookResult::Continue => LifecycleActionResult::Continue,
                    HookResult::Abandon => LifecycleActionResult::Abandon,
                },
                result_reason: match end.reason {
                    EndReason::Call => ResultReason::CallInterface,
                    EndReason::HeartbeatTimeout => ResultReason::HeartbeatTimeout,
                    EndReason::CommandFinished => ResultReason::CommandExecFinish,
                },
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
