//! Scaling activities: recording one for every change of a group's instances, and
//! DescribeScalingActivity.

use super::internal;
use crate::state::{ActivityStatus, ActivityType, ScalingActivity, State};
use crate::util::{now_text, random_id};
use qcloud_as::CommonError;

/// What an activity did, for [`record`].
pub(crate) struct Record<'a> {
    pub(crate) group_id: &'a str,
    pub(crate) activity_type: ActivityType,
    pub(crate) cause: String,
    pub(crate) succeeded: Vec<String>,
    pub(crate) failed: Vec<String>,
}

/// A new activity id (`asa-` + 8 characters) that no recorded activity has.
pub(crate) fn new_id<E: From<CommonError>>(state: &State) -> Result<String, E> {
    loop {
        let id = random_id("asa").map_err(|e| internal::<E>(format!("no random id: {e}")))?;
        if !state
            .scaling_activities
            .iter()
            .any(|a| a.scaling_activity_id == id)
        {
            return Ok(id);
        }
    }
}

/// Records a finished activity with id `id` (from [`new_id`], taken before the state changed
/// so that a failure to make one changes nothing): success when nothing failed, partial
/// success when some instances failed, failure when all did.
pub(crate) fn record(state: &mut State, id: String, what: Record<'_>) {
    let status = match (what.succeeded.is_empty(), what.failed.is_empty()) {
        (_, true) => ActivityStatus::Success,
        (false, false) => ActivityStatus::PartialSuccess,
        (true, false) => ActivityStatus::Failed,
    };
    let now = now_text();
    let mut activity = ScalingActivity::new(qcloud_as::types::ScalingActivityRequired {
        scaling_activity_id: id,
        auto_scaling_group_id: what.group_id.to_owned(),
        activity_type: what.activity_type,
        status,
        start_time: now.clone(),
    })
    .cause(what.cause)
    .end_time(now)
    .error_code(0);
    activity.succ_ins_list = Some(what.succeeded);
    activity.fail_ins_list = Some(what.failed);
    state.scaling_activities.push(activity);
}
