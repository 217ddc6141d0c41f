//! The outbox of lifecycle hooks' messages: `GET /_emulator/lifecycle-messages`.
//!
//! Each hold of an instance by a hook that has a queue or topic (API 3.0
//! `NotificationTarget`) or user groups (API 2.0 `notifyIds`) sends one message, which the
//! emulator keeps with its lifecycle action instead of delivering it. A program reads the
//! token there as a consumer reads it from its queue, and completes the action with it. Query
//! parameters narrow the list: `queue`, `topic`, `group` (a scaling group id), `hook`,
//! `pending=true` (only actions not ended yet). The answer, oldest first:
//!
//! ```json
//! {"messages": [{"targetType": "TDMQ_CMQ_QUEUE", "queueName": "q", "pending": true,
//!   "message": {"Service": "Tencent Cloud Auto Scaling", "Time": "2026-06-01T00:00:35Z",
//!     "AppId": "1250000000", "ActivityId": "asa-…", "AutoScalingGroupId": "asg-…",
//!     "LifecycleHookId": "ash-…", "LifecycleHookName": "warm",
//!     "LifecycleActionToken": "3080e1c9-0efe-4dd7-ad3b-90cd6618298f",
//!     "InstanceId": "ins-…", "LifecycleTransition": "INSTANCE_LAUNCHING",
//!     "NotificationMetadata": ""}}]}
//! ```
//!
//! `message` is the body Tencent's CreateLifecycleHook page documents; `targetType` is
//! `TDMQ_CMQ_QUEUE`, `TDMQ_CMQ_TOPIC`, `CMQ_QUEUE`, `CMQ_TOPIC` or `USER_GROUP` (then
//! `userGroupIds`).

use crate::domain::hooks::MessageTargetKind;
use crate::domain::lifecycle::LifecycleAction;
use crate::domain::model::HookTransition;
use crate::server::{json, text, Answer};
use crate::util::format_iso;
use crate::world::Shared;
use hyper::StatusCode;
use serde_json::{json, Value};

/// The outbox's path.
pub(crate) const PATH: &str = "/_emulator/lifecycle-messages";

/// The account's AppId in messages (the emulated account has no other).
pub const APP_ID: &str = "1250000000";

/// What a query keeps.
#[derive(Debug, Default)]
struct Narrow {
    queue: Option<String>,
    topic: Option<String>,
    group: Option<String>,
    hook: Option<String>,
    pending: bool,
}

impl Narrow {
    fn parse(query: Option<&str>) -> Result<Narrow, String> {
        let mut narrow = Narrow::default();
        for (name, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
            let value = value.into_owned();
            match name.as_ref() {
                "queue" => narrow.queue = Some(value),
                "topic" => narrow.topic = Some(value),
                "group" => narrow.group = Some(value),
                "hook" => narrow.hook = Some(value),
                "pending" => {
                    narrow.pending = match value.as_str() {
                        "true" => true,
                        "false" => false,
                        _ => return Err(format!("pending: {value:?} is not true or false")),
                    }
                }
                other => {
                    return Err(format!(
                        "there is no parameter {other:?}: use queue, topic, group, hook or pending"
                    ))
                }
            }
        }
        Ok(narrow)
    }

    fn keeps(&self, a: &LifecycleAction) -> bool {
        let Some(m) = &a.message else {
            return false;
        };
        let target = m.target.as_ref();
        let is = |want: &Option<String>, got: Option<&String>| {
            want.as_ref().is_none_or(|w| got == Some(w))
        };
        is(&self.queue, target.and_then(|t| t.queue_name.as_ref()))
            && is(&self.topic, target.and_then(|t| t.topic_name.as_ref()))
            && is(&self.group, Some(&a.group_id))
            && is(&self.hook, Some(&a.hook_id))
            && (!self.pending || a.ended.is_none())
    }
}

/// The outbox entry of an action that sent a message.
fn entry(a: &LifecycleAction) -> Option<Value> {
    let m = a.message.as_ref()?;
    let mut out = json!({
        "pending": a.ended.is_none(),
        "message": {
            "Service": "Tencent Cloud Auto Scaling",
            "Time": format_iso(a.started),
            "AppId": APP_ID,
            "ActivityId": a.activity_id,
            "AutoScalingGroupId": a.group_id,
            "LifecycleHookId": a.hook_id,
            "LifecycleHookName": m.hook_name,
            "LifecycleActionToken": a.token,
            "InstanceId": a.instance_id,
            "LifecycleTransition": match a.transition {
                HookTransition::Launching => "INSTANCE_LAUNCHING",
                HookTransition::Terminating => "INSTANCE_TERMINATING",
            },
            "NotificationMetadata": m.metadata,
        },
    });
    let target = match &m.target {
        Some(t) => json!({
            "targetType": match t.kind {
                MessageTargetKind::TdmqCmqQueue => "TDMQ_CMQ_QUEUE",
                MessageTargetKind::TdmqCmqTopic => "TDMQ_CMQ_TOPIC",
                MessageTargetKind::CmqQueue => "CMQ_QUEUE",
                MessageTargetKind::CmqTopic => "CMQ_TOPIC",
            },
            "queueName": t.queue_name,
            "topicName": t.topic_name,
        }),
        None => json!({"targetType": "USER_GROUP", "userGroupIds": m.user_group_ids}),
    };
    if let (Some(out), Value::Object(target)) = (out.as_object_mut(), target) {
        out.extend(target.into_iter().filter(|(_, v)| !v.is_null()));
    }
    Some(out)
}

/// The messages of `actions` a query keeps, as the endpoint answers them.
fn messages(actions: &[LifecycleAction], query: Option<&str>) -> Result<Value, String> {
    let narrow = Narrow::parse(query)?;
    let list: Vec<Value> = actions
        .iter()
        .filter(|a| narrow.keeps(a))
        .filter_map(entry)
        .collect();
    Ok(json!({ "messages": list }))
}

/// `GET /_emulator/lifecycle-messages`: the messages (400 naming a bad query parameter). The
/// actions are copied under the lock and written outside it.
pub(crate) fn get(shared: &Shared, query: Option<&str>) -> Answer {
    let actions = shared.lock().state.lifecycle_actions.clone();
    match messages(&actions, query) {
        Ok(value) => json(
            StatusCode::OK,
            serde_json::to_vec_pretty(&value).unwrap_or_default(),
        ),
        Err(message) => text(StatusCode::BAD_REQUEST, format!("{message}\n")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::hooks::MessageTarget;
    use crate::domain::lifecycle::LifecycleMessage;
    use crate::domain::model::HookResult;

    fn action(token: &str, queue: Option<&str>) -> LifecycleAction {
        LifecycleAction {
            token: token.into(),
            hook_id: "ash-1".into(),
            group_id: "asg-1".into(),
            instance_id: "ins-1".into(),
            activity_id: "asa-1".into(),
            transition: HookTransition::Launching,
            started: 0,
            default_result: HookResult::Continue,
            message: Some(LifecycleMessage {
                target: queue.map(|q| MessageTarget {
                    kind: MessageTargetKind::TdmqCmqQueue,
                    queue_name: Some(q.into()),
                    topic_name: None,
                }),
                user_group_ids: if queue.is_none() {
                    vec!["1001".into()]
                } else {
                    Vec::new()
                },
                hook_name: "warm".into(),
                metadata: "m".into(),
            }),
            invocation: None,
            ended: None,
        }
    }

    #[test]
    fn messages_carry_the_token_and_are_narrowed() -> Result<(), String> {
        let actions = [action("t1", Some("q1")), action("t2", None)];
        let all = messages(&actions, None)?;
        assert_eq!(all["messages"][0]["message"]["LifecycleActionToken"], "t1");
        assert_eq!(
            all["messages"][0]["message"]["Time"],
            "1970-01-01T00:00:00Z"
        );
        assert_eq!(all["messages"][0]["queueName"], "q1");
        assert_eq!(all["messages"][1]["targetType"], "USER_GROUP");
        assert_eq!(all["messages"][1]["userGroupIds"][0], "1001");
        let q = messages(&actions, Some("queue=q1"))?;
        assert_eq!(q["messages"].as_array().map(Vec::len), Some(1));
        let none = messages(&actions, Some("queue=q2&pending=true"))?;
        assert_eq!(none["messages"].as_array().map(Vec::len), Some(0));
        let bad = messages(&actions, Some("queu=q1"));
        assert!(bad.is_err_and(|e| e.contains("\"queu\"")));
        Ok(())
    }
}
