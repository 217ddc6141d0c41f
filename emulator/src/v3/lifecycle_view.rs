//! Lifecycle actions as API 3.0 shows them on an activity: `LifecycleActionResultSet` (how
//! each hold ended) and `InvocationResultSet` (the runs of hooks' commands).

use crate::domain::lifecycle::{self, EndReason, LifecycleAction};
use crate::domain::model::HookResult;
use qcloud_as::v3::types::{
    InvocationResult, InvocationResultRequired, LifecycleActionResult, LifecycleActionResultInfo,
    LifecycleActionResultInfoRequired, NotificationResult, ResultReason,
};

/// How the ended holds of `activity` ended, in the order they started (pending ones have no
/// result yet and are left out).
pub(crate) fn results(
    actions: &[LifecycleAction],
    activity: &str,
) -> Vec<LifecycleActionResultInfo> {
    lifecycle::of_activity(actions, activity)
        .filter_map(|a| {
            let end = a.ended?;
            Some(LifecycleActionResultInfo::new(
                LifecycleActionResultInfoRequired {
                    lifecycle_hook_id: a.hook_id.clone(),
                    instance_id: a.instance_id.clone(),
                    invocation_id: a
                        .invocation
                        .as_ref()
                        .map(|i| i.invocation_id.clone())
                        .unwrap_or_default(),
                    invoke_command_result: if a.invocation.is_some() {
                        "SUCCESSFUL"
                    } else {
                        "NONE"
                    }
                    .to_owned(),
                    notification_result: if a.message.is_some() {
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
                },
            ))
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
