//! Scaling activities of format 3 and before, read into the domain's [`Activity`] (format 4).
//!
//! Formats 1 to 3 stored each activity in API 2.0's wire shape (`scalingActivityId`, `type`
//! 0–3 or 10, `status` 0–5, Beijing-time `startTime` / `endTime` texts, `succInsList`,
//! `failInsList`), and what API 2.0 cannot tell apart in `v3.detachModes`: whether a type-3
//! activity kept (`keep`) or terminated (`terminate`) its instances, and whether a type-0 or
//! type-1 one started (`start`) or stopped (`stop`) members. An entry of `scalingActivities`
//! in that shape (recognised by its `scalingActivityId`) is read into the domain's, its times
//! into Unix seconds; then [`State::upgrade_activities`] folds the detach modes into the
//! activities' kinds (type 3 + `terminate` is a remove, type 0 + `start` a start, …) and
//! forgets them. Both take time linear in the number of activities.

use super::check::Problem;
use super::hook_results::ReadHookOutcome;
use super::State;
use crate::domain::activity::{Activity, ActivityInstance, InstanceResult};
use crate::domain::model::{ActivityKind, ActivityStatus};
use crate::util::parse_time;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::HashSet;

/// A scaling activity as formats 1 to 3 stored it (API 2.0's `ScalingActivity`).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct LegacyActivity {
    scaling_activity_id: String,
    auto_scaling_group_id: String,
    #[serde(rename = "type")]
    activity_type: i64,
    status: i64,
    #[serde(default)]
    error_code: Option<i64>,
    #[serde(default)]
    cause: Option<String>,
    /// The service's misspelt wire name.
    #[serde(default, rename = "desciption")]
    description: Option<String>,
    #[serde(default)]
    msg: Option<String>,
    #[serde(default)]
    succ_ins_list: Option<Vec<String>>,
    #[serde(default)]
    fail_ins_list: Option<Vec<String>>,
    start_time: String,
    #[serde(default)]
    end_time: Option<String>,
}

/// Whether a `scalingActivities` entry is in the shape of formats 1 to 3.
pub(crate) fn is_legacy_entry(entry: &serde_json::Value) -> bool {
    entry.get("scalingActivityId").is_some()
}

/// Reads the state's `scalingActivities`: each entry in the domain's shape, or in the wire
/// shape of formats 1 to 3, read into the domain's; the `hookResults` of an entry in the
/// domain's shape (format 4 wrote them before the lifecycle actions became the one record of
/// a hold's outcome) read aside, for [`State::fold_hook_results`].
#[allow(clippy::type_complexity)]
pub(crate) fn read<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<(Vec<Activity>, Vec<ReadHookOutcome>), D::Error> {
    let entries = Vec::<serde_json::Value>::deserialize(d)?;
    let mut hook_results = Vec::new();
    let activities = entries
        .into_iter()
        .enumerate()
        .map(|(i, mut entry)| {
            if is_legacy_entry(&entry) {
                let legacy: LegacyActivity = serde_json::from_value(entry)
                    .map_err(|e| D::Error::custom(format!("[{i}] (format 3 shape): {e}")))?;
                from_legacy(legacy).map_err(|e| D::Error::custom(format!("[{i}]: {e}")))
            } else {
                let read = super::hook_results::take(&mut entry, i)
                    .map_err(|e| D::Error::custom(format!("[{i}].hookResults: {e}")))?;
                hook_results.extend(read);
                serde_json::from_value(entry).map_err(|e| D::Error::custom(format!("[{i}]: {e}")))
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((activities, hook_results))
}

/// The domain's activity of a format-3 one; a type-3 activity is a detach until its detach
/// mode says otherwise ([`State::upgrade_activities`]).
fn from_legacy(a: LegacyActivity) -> Result<Activity, String> {
    let kind = match a.activity_type {
        0 => ActivityKind::ScaleOut,
        1 => ActivityKind::ScaleIn,
        2 => ActivityKind::Attach,
        3 => ActivityKind::Detach,
        10 => ActivityKind::ReplaceUnhealthy,
        other => {
            return Err(format!(
                "type: {other} is not an activity type of API 2.0 (0, 1, 2, 3 or 10)"
            ))
        }
    };
    let status = match a.status {
        0 => ActivityStatus::Init,
        1 => ActivityStatus::Running,
        2 => ActivityStatus::Successful,
        3 => ActivityStatus::PartiallySuccessful,
        4 => ActivityStatus::Failed,
        5 => ActivityStatus::Cancelled,
        other => {
            return Err(format!(
                "status: {other} is not an activity status of API 2.0 (0 to 5)"
            ))
        }
    };
    let time = |name: &str, text: &str| {
        parse_time(text).ok_or_else(|| {
            format!("{name}: {text:?} is not a Beijing time of the form YYYY-MM-DD hh:mm:ss")
        })
    };
    let started = time("startTime", &a.start_time)?;
    let ended = match a.end_time.as_deref() {
        None | Some("") => None,
        Some(text) => Some(time("endTime", text)?),
    };
    let listed = |ids: Option<Vec<String>>, result| {
        ids.unwrap_or_default()
            .into_iter()
            .map(move |instance_id| ActivityInstance {
                instance_id,
                result,
                reason: None,
            })
    };
    let instances = listed(a.succ_ins_list, InstanceResult::Successful)
        .chain(listed(a.fail_ins_list, InstanceResult::Failed))
        .collect();
    Ok(Activity {
        id: a.scaling_activity_id,
        group: a.auto_scaling_group_id,
        kind,
        status,
        cause: a.cause.unwrap_or_default(),
        description: a.description,
        message: a.msg,
        error_code: a.error_code.unwrap_or(0),
        started,
        ended,
        instances,
    })
}

/// What format 3 kept per activity in `v3.detachModes`: whether a detach kept or terminated
/// its instances, or that a type-0 or type-1 activity started or stopped members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DetachMode {
    /// Kept running: a detach.
    #[default]
    Keep,
    /// Those the group launched terminated: a remove.
    Terminate,
    /// Members started (type 0).
    Start,
    /// Members stopped (type 1).
    Stop,
}

/// One entry of format 3's `v3.detachModes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DetachModeEntry {
    /// The activity, which must be in `scalingActivities`.
    pub scaling_activity_id: String,
    /// `keep`, `terminate`, `start` or `stop`.
    pub mode: DetachMode,
}

impl State {
    /// Folds format 3's `v3.detachModes` into the kinds of the activities they name, and
    /// forgets them. Each entry names an activity of `scalingActivities` once, of the kind its
    /// mode needs (keep and terminate: a detach; start: a scale-out; stop: a scale-in), or the
    /// document is refused, naming the entry.
    pub(crate) fn upgrade_activities(&mut self) -> Result<(), Problem> {
        let modes = std::mem::take(&mut self.v3.detach_modes);
        if modes.is_empty() {
            return Ok(());
        }
        // Each activity looked up by id, through the activities' index: linear in the number
        // of activities (finding 3 of the attack run: a search per entry made 40k entries take
        // 26 s).
        let mut seen = HashSet::new();
        for (i, m) in modes.iter().enumerate() {
            let id = m.scaling_activity_id.as_str();
            let entry = format!("v3.detachModes[{i}]");
            let Some(activity) = self.scaling_activities.get_mut(id) else {
                return Err(Problem::new(
                    entry,
                    format!("activity {id} is not in scalingActivities"),
                )
                .at(id, 1));
            };
            if !seen.insert(id) {
                return Err(Problem::new(entry, format!("{id} is given more than once")));
            }
            activity.kind = match (m.mode, activity.kind) {
                (DetachMode::Keep, ActivityKind::Detach | ActivityKind::Remove) => {
                    ActivityKind::Detach
                }
                (DetachMode::Terminate, ActivityKind::Detach | ActivityKind::Remove) => {
                    ActivityKind::Remove
                }
                (DetachMode::Start, ActivityKind::ScaleOut | ActivityKind::Start) => {
                    ActivityKind::Start
                }
                (DetachMode::Stop, ActivityKind::ScaleIn | ActivityKind::Stop) => {
                    ActivityKind::Stop
                }
                _ => {
                    return Err(Problem::new(
                        entry,
                        format!(
                            "activity {id} is not of the type its mode needs (keep and \
                             terminate: a detach, type 3; start: type 0; stop: type 1)"
                        ),
                    ))
                }
            };
        }
        Ok(())
    }
}
