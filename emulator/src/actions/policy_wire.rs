//! API 2.0's alarm policy and the domain's: the conversions API 2.0's adapter shows and reads
//! policies with ([`to_v2`], [`alarm_of_v2`], [`adjustment_of_v2`]), and [`policy_from_v2`] for
//! code that builds states with the SDK's API 2.0 shape.

use crate::domain::policy::{
    Adjustment, Alarm, Comparison, Metric as DomainMetric, Policy, Statistic,
};
use crate::util::format_time;
use qcloud_as::types::{
    AdjustmentType, ComparisonOperator, Metric, MetricName, MetricRequired, ScalingPolicy,
    ScalingPolicyRequired,
};

/// API 2.0's adjustment type of the domain's.
fn adjustment_v2(a: Adjustment) -> AdjustmentType {
    match a {
        Adjustment::Exact => AdjustmentType::TotalCapacity,
        Adjustment::Change => AdjustmentType::QuantityChangeInCapacity,
        Adjustment::Percent => AdjustmentType::PercentChangeInCapacity,
        Adjustment::ReplaceUnhealthy => AdjustmentType::UnhealthyInstance,
    }
}

/// The domain's adjustment of API 2.0's; `None` for a value API 2.0 does not list.
pub(crate) fn adjustment_of_v2(a: &AdjustmentType) -> Option<Adjustment> {
    match a {
        AdjustmentType::TotalCapacity => Some(Adjustment::Exact),
        AdjustmentType::QuantityChangeInCapacity => Some(Adjustment::Change),
        AdjustmentType::PercentChangeInCapacity => Some(Adjustment::Percent),
        AdjustmentType::UnhealthyInstance => Some(Adjustment::ReplaceUnhealthy),
        _ => None,
    }
}

/// API 2.0's metric name of the domain's (the public-network and TCP metrics have none:
/// their API 3.0 names are shown).
fn metric_v2(m: DomainMetric) -> MetricName {
    match m {
        DomainMetric::CpuUtilization => MetricName::CpuUsage,
        DomainMetric::MemUtilization => MetricName::MemUsage,
        DomainMetric::LanTrafficOut => MetricName::LanOuttraffic,
        DomainMetric::LanTrafficIn => MetricName::LanIntraffic,
        DomainMetric::WanTrafficOut => MetricName::from_wire("WAN_TRAFFIC_OUT"),
        DomainMetric::WanTrafficIn => MetricName::from_wire("WAN_TRAFFIC_IN"),
        DomainMetric::TcpConnections => MetricName::from_wire("TCP_CURR_ESTAB"),
    }
}

/// The domain's metric of API 2.0's.
fn metric_of_v2(m: &MetricName) -> Option<DomainMetric> {
    match m {
        MetricName::CpuUsage => Some(DomainMetric::CpuUtilization),
        MetricName::MemUsage => Some(DomainMetric::MemUtilization),
        MetricName::LanOuttraffic => Some(DomainMetric::LanTrafficOut),
        MetricName::LanIntraffic => Some(DomainMetric::LanTrafficIn),
        _ => None,
    }
}

fn comparison_v2(c: Comparison) -> ComparisonOperator {
    match c {
        Comparison::Greater => ComparisonOperator::Greater,
        Comparison::GreaterOrEqual => ComparisonOperator::EqualOrGreater,
        Comparison::Less => ComparisonOperator::Less,
        Comparison::LessOrEqual => ComparisonOperator::EqualOrLess,
        Comparison::Equal => ComparisonOperator::Equal,
        Comparison::NotEqual => ComparisonOperator::NotEqual,
    }
}

fn comparison_of_v2(c: &ComparisonOperator) -> Option<Comparison> {
    match c {
        ComparisonOperator::Greater => Some(Comparison::Greater),
        ComparisonOperator::EqualOrGreater => Some(Comparison::GreaterOrEqual),
        ComparisonOperator::Less => Some(Comparison::Less),
        ComparisonOperator::EqualOrLess => Some(Comparison::LessOrEqual),
        ComparisonOperator::Equal => Some(Comparison::Equal),
        ComparisonOperator::NotEqual => Some(Comparison::NotEqual),
        _ => None,
    }
}

/// The domain's alarm of API 2.0's metric; `Err` names what API 2.0 value is not known.
/// `repeatTimes` defaults to 3 (and is kept as given, so a bad one is refused by the rules).
pub(crate) fn alarm_of_v2(m: &Metric) -> Result<Alarm, String> {
    let metric = metric_of_v2(&m.dimension_name).ok_or_else(|| {
        format!(
            "metric.dimensionName: {} is not a known metric",
            m.dimension_name
        )
    })?;
    let comparison = comparison_of_v2(&m.comparison_operator).ok_or_else(|| {
        format!(
            "metric.comparisonOperator: {} is not a known comparison",
            m.comparison_operator
        )
    })?;
    let repeat = m.repeat_times_or_default();
    Ok(Alarm {
        metric,
        comparison,
        threshold: m.threshold,
        periods: u32::try_from(repeat).unwrap_or(0),
        period_seconds: None,
        statistic: Statistic::Average,
    })
}

/// API 2.0's metric of the domain's alarm.
fn metric_of_alarm(a: &Alarm) -> Metric {
    Metric::new(MetricRequired {
        dimension_name: metric_v2(a.metric),
        comparison_operator: comparison_v2(a.comparison),
        threshold: a.threshold,
    })
    .repeat_times(i64::from(a.periods))
}

/// A domain policy from an API 2.0 record; for tests and embedding code that build states
/// with the SDK's API 2.0 shape. The record is read as a state file's entry of formats 1 and 2
/// is.
///
/// # Errors
///
/// The API 2.0 value that has no domain equivalent, or a `createTime` that is no time.
pub fn policy_from_v2(p: &ScalingPolicy) -> Result<Policy, String> {
    let entry = serde_json::to_value(p).map_err(|e| e.to_string())?;
    crate::state::policy_of_entry(entry)
}

/// The API 2.0 record of a domain policy; `None` for a target-tracking policy, which API 2.0
/// cannot show.
pub(crate) fn to_v2(p: &Policy) -> Option<ScalingPolicy> {
    let s = p.simple()?;
    let mut record = ScalingPolicy::new(ScalingPolicyRequired {
        scaling_policy_id: p.id.clone(),
        scaling_policy_name: p.name.clone(),
        adjustment_type: adjustment_v2(s.adjustment),
        adjustment_value: s.value,
        cooldown: i64::try_from(s.cooldown_seconds).unwrap_or(i64::MAX),
        create_time: format_time(p.created_at),
    })
    .notify_id_set(p.notify_ids.clone());
    record.metric = s.alarm.as_ref().map(metric_of_alarm);
    Some(record)
}
