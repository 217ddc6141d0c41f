//! API 3.0 through the SDK's `qcloud_as::v3::Client` over HTTP: standby, start/stop, scaling
//! out and in by a count, and scaling policies (simple and target tracking: create, describe
//! with filters and paging, modify, delete, execute, and driven by reported metrics on the
//! virtual clock), with policies shared with API 2.0.

#[path = "../common/mod.rs"]
mod common;
mod members;
mod policies;
mod running;
mod state_file;

pub(crate) use common::v3::*;
use qcloud_as::v3::types::{
    ComparisonOperator, Filter, MetricAlarm, MetricAlarmRequired, MetricName,
};

pub(crate) type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Active, min 1, max 5, three launched and one attached member, no desired capacity.
pub(crate) const WEB: &str = "asg-demo0001";
/// Disabled, min 0, max 3, one member.
pub(crate) const BATCH: &str = "asg-demo0002";

pub(crate) async fn states(
    client: &qcloud_as::v3::Client,
) -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
    let out = client
        .describe_auto_scaling_instances()
        .filters([Filter::new("auto-scaling-group-id", [WEB])])
        .await?;
    Ok(out
        .auto_scaling_instance_set
        .iter()
        .map(|i| {
            (
                i.instance_id.clone(),
                i.life_cycle_state.as_str().to_owned(),
            )
        })
        .collect())
}

pub(crate) async fn desired(
    client: &qcloud_as::v3::Client,
    group: &str,
) -> Result<i64, Box<dyn std::error::Error>> {
    let out = client
        .describe_auto_scaling_groups()
        .auto_scaling_group_ids([group])
        .await?;
    Ok(out.auto_scaling_group_set[0].desired_capacity)
}

/// The type, status and cause of activity `id`.
pub(crate) async fn activity(
    client: &qcloud_as::v3::Client,
    id: &str,
) -> Result<(String, String, String), Box<dyn std::error::Error>> {
    let out = client
        .describe_auto_scaling_activities()
        .activity_ids([id])
        .await?;
    let a = &out.activity_set[0];
    Ok((
        a.activity_type.as_str().to_owned(),
        a.status_code.as_str().to_owned(),
        a.cause.clone(),
    ))
}

pub(crate) fn alarm(
    metric: MetricName,
    op: ComparisonOperator,
    threshold: i64,
    period: i64,
    times: i64,
) -> MetricAlarm {
    MetricAlarm::new(MetricAlarmRequired {
        comparison_operator: op,
        metric_name: metric,
        threshold,
        period,
        continuous_time: times,
    })
}

pub(crate) fn cpu_over(threshold: i64) -> MetricAlarm {
    alarm(
        MetricName::CpuUtilization,
        ComparisonOperator::GreaterThan,
        threshold,
        300,
        3,
    )
}
