//! Scaling policies as API 3.0 reads and shows them: the conversions between its wire values
//! and the domain's [`Policy`], and DescribeScalingPolicies.

use super::parts_query::{describe as describe_parts, invalid_value, Answers, Ask};
use super::query::well_formed;
use crate::domain::policy::{
    Adjustment, Alarm, Comparison, Metric, Policy, PolicyRule, Statistic as DomainStatistic,
    TrackingRule,
};
use crate::domain::Store;
use crate::state::State;
use qcloud_as::v3::operation::describe_scaling_policies::{
    DescribeScalingPoliciesError as Error, DescribeScalingPoliciesOutput as Output,
    DescribeScalingPoliciesOutputRequired, DescribeScalingPoliciesRequest as Request,
};
use qcloud_as::v3::types::{
    AdjustmentType, ComparisonOperator, MetricAlarm, MetricAlarmRequired, MetricName,
    PredefinedMetricType, ScalingPolicy, ScalingPolicyRequired, ScalingPolicyType, Statistic,
};

/// The domain's adjustment of API 3.0's.
pub(crate) fn adjustment(a: &AdjustmentType) -> Option<Adjustment> {
    match a {
        AdjustmentType::ChangeInCapacity => Some(Adjustment::Change),
        AdjustmentType::ExactCapacity => Some(Adjustment::Exact),
        AdjustmentType::PercentChangeInCapacity => Some(Adjustment::Percent),
        _ => None,
    }
}

fn adjustment_out(a: Adjustment) -> AdjustmentType {
    match a {
        Adjustment::Exact => AdjustmentType::ExactCapacity,
        Adjustment::Percent => AdjustmentType::PercentChangeInCapacity,
        Adjustment::Change | Adjustment::ReplaceUnhealthy => AdjustmentType::ChangeInCapacity,
    }
}

fn metric(m: &MetricName) -> Option<Metric> {
    match m {
        MetricName::CpuUtilization => Some(Metric::CpuUtilization),
        MetricName::MemUtilization => Some(Metric::MemUtilization),
        MetricName::LanTrafficOut => Some(Metric::LanTrafficOut),
        MetricName::LanTrafficIn => Some(Metric::LanTrafficIn),
        MetricName::WanTrafficOut => Some(Metric::WanTrafficOut),
        MetricName::WanTrafficIn => Some(Metric::WanTrafficIn),
        MetricName::TcpCurrEstab => Some(Metric::TcpConnections),
        _ => None,
    }
}

fn metric_out(m: Metric) -> MetricName {
    match m {
        Metric::CpuUtilization => MetricName::CpuUtilization,
        Metric::MemUtilization => MetricName::MemUtilization,
        Metric::LanTrafficOut => MetricName::LanTrafficOut,
        Metric::LanTrafficIn => MetricName::LanTrafficIn,
        Metric::WanTrafficOut => MetricName::WanTrafficOut,
        Metric::WanTrafficIn => MetricName::WanTrafficIn,
        Metric::TcpConnections => MetricName::TcpCurrEstab,
    }
}

/// The domain's tracked metric of API 3.0's predefined one.
pub(crate) fn predefined(m: &PredefinedMetricType) -> Option<Metric> {
    match m {
        PredefinedMetricType::AsgAvgCpuUtilization => Some(Metric::CpuUtilization),
        PredefinedMetricType::AsgAvgLanTrafficOut => Some(Metric::LanTrafficOut),
        PredefinedMetricType::AsgAvgLanTrafficIn => Some(Metric::LanTrafficIn),
        PredefinedMetricType::AsgAvgWanTrafficOut => Some(Metric::WanTrafficOut),
        PredefinedMetricType::AsgAvgWanTrafficIn => Some(Metric::WanTrafficIn),
        _ => None,
    }
}

fn predefined_out(m: Metric) -> PredefinedMetricType {
    match m {
        Metric::LanTrafficOut => PredefinedMetricType::AsgAvgLanTrafficOut,
        Metric::LanTrafficIn => PredefinedMetricType::AsgAvgLanTrafficIn,
        Metric::WanTrafficOut => PredefinedMetricType::AsgAvgWanTrafficOut,
        Metric::WanTrafficIn => PredefinedMetricType::AsgAvgWanTrafficIn,
        _ => PredefinedMetricType::AsgAvgCpuUtilization,
    }
}

fn comparison(c: &ComparisonOperator) -> Option<Comparison> {
    match c {
        ComparisonOperator::GreaterThan => Some(Comparison::Greater),
        ComparisonOperator::GreaterThanOrEqualTo => Some(Comparison::GreaterOrEqual),
        ComparisonOperator::LessThan => Some(Comparison::Less),
        ComparisonOperator::LessThanOrEqualTo => Some(Comparison::LessOrEqual),
        ComparisonOperator::EqualTo => Some(Comparison::Equal),
        ComparisonOperator::NotEqualTo => Some(Comparison::NotEqual),
        _ => None,
    }
}

fn comparison_out(c: Comparison) -> ComparisonOperator {
    match c {
        Comparison::Greater => ComparisonOperator::GreaterThan,
        Comparison::GreaterOrEqual => ComparisonOperator::GreaterThanOrEqualTo,
        Comparison::Less => ComparisonOperator::LessThan,
        Comparison::LessOrEqual => ComparisonOperator::LessThanOrEqualTo,
        Comparison::Equal => ComparisonOperator::EqualTo,
        Comparison::NotEqual => ComparisonOperator::NotEqualTo,
    }
}

/// The domain's alarm of API 3.0's `MetricAlarm`; `Err` names the value it does not know.
/// A period or count that is not a whole positive number is kept as 0, which the domain's
/// rules refuse.
pub(crate) fn alarm(a: &MetricAlarm) -> Result<Alarm, String> {
    let metric = metric(&a.metric_name)
        .ok_or_else(|| format!("MetricAlarm.MetricName: {} is not a metric", a.metric_name))?;
    let comparison = comparison(&a.comparison_operator).ok_or_else(|| {
        format!(
            "MetricAlarm.ComparisonOperator: {} is not a comparison",
            a.comparison_operator
        )
    })?;
    let statistic = match &a.statistic {
        None | Some(Statistic::Average) => DomainStatistic::Average,
        Some(Statistic::Maximum) => DomainStatistic::Maximum,
        Some(Statistic::Minimum) => DomainStatistic::Minimum,
        Some(other) => return Err(format!("MetricAlarm.Statistic: {other} is not a statistic")),
    };
    Ok(Alarm {
        metric,
        comparison,
        threshold: a.threshold,
        periods: u32::try_from(a.continuous_time).unwrap_or(0),
        period_seconds: Some(u64::try_from(a.period).unwrap_or(0)),
        statistic,
    })
}

fn alarm_out(a: &Alarm, default_period: u64) -> MetricAlarm {
    let statistic = match a.statistic {
        DomainStatistic::Average => Statistic::Average,
        DomainStatistic::Maximum => Statistic::Maximum,
        DomainStatistic::Minimum => Statistic::Minimum,
    };
    MetricAlarm::new(MetricAlarmRequired {
        comparison_operator: comparison_out(a.comparison),
        metric_name: metric_out(a.metric),
        threshold: a.threshold,
        period: i64::try_from(a.period_seconds.unwrap_or(default_period)).unwrap_or(300),
        continuous_time: i64::from(a.periods),
    })
    .statistic(statistic)
}

/// The two alarms behind a target-tracking policy: above the target for 3 minutes (scale
/// out), below 80 % of it for 15 (scale in).
fn tracking_alarms(t: &TrackingRule) -> [MetricAlarm; 2] {
    let alarm = |comparison, threshold, periods| Alarm {
        metric: t.metric,
        comparison,
        threshold,
        periods,
        period_seconds: Some(TrackingRule::PERIOD_SECONDS),
        statistic: DomainStatistic::Average,
    };
    let low = (t.target as f64 * TrackingRule::IN_RATIO).floor() as i64;
    [
        alarm_out(
            &alarm(Comparison::Greater, t.target, TrackingRule::OUT_PERIODS),
            60,
        ),
        alarm_out(&alarm(Comparison::Less, low, TrackingRule::IN_PERIODS), 60),
    ]
}

/// A policy as API 3.0 shows it; `None` for a group's default policy, which API 3.0 has no
/// shape for. A target-tracking policy shows its scale-out alarm as `MetricAlarm` (and both
/// in `MetricAlarms`), with `AdjustmentType` `CHANGE_IN_CAPACITY`, value and cooldown 0.
pub(crate) fn policy_out(group: &str, p: &Policy, default_period: u64) -> Option<ScalingPolicy> {
    if p.is_default() {
        return None;
    }
    Some(match &p.rule {
        PolicyRule::Simple(s) => ScalingPolicy::new(ScalingPolicyRequired {
            auto_scaling_group_id: group.to_owned(),
            auto_scaling_policy_id: p.id.clone(),
            scaling_policy_type: ScalingPolicyType::Simple,
            scaling_policy_name: p.name.clone(),
            adjustment_type: adjustment_out(s.adjustment),
            adjustment_value: s.value,
            cooldown: i64::try_from(s.cooldown_seconds).unwrap_or(i64::MAX),
            metric_alarm: match &s.alarm {
                Some(a) => alarm_out(a, default_period),
                None => MetricAlarm::new(MetricAlarmRequired {
                    comparison_operator: ComparisonOperator::GreaterThan,
                    metric_name: MetricName::CpuUtilization,
                    threshold: 0,
                    period: i64::try_from(default_period).unwrap_or(300),
                    continuous_time: 0,
                }),
            },
            notification_user_group_ids: p.notify_ids.clone(),
        }),
        PolicyRule::TargetTracking(t) => {
            let [out, inward] = tracking_alarms(t);
            ScalingPolicy::new(ScalingPolicyRequired {
                auto_scaling_group_id: group.to_owned(),
                auto_scaling_policy_id: p.id.clone(),
                scaling_policy_type: ScalingPolicyType::TargetTracking,
                scaling_policy_name: p.name.clone(),
                adjustment_type: AdjustmentType::ChangeInCapacity,
                adjustment_value: 0,
                cooldown: 0,
                metric_alarm: out.clone(),
                notification_user_group_ids: p.notify_ids.clone(),
            })
            .predefined_metric_type(predefined_out(t.metric))
            .target_value(t.target)
            .estimated_instance_warmup(i64::try_from(t.warmup_seconds).unwrap_or(i64::MAX))
            .disable_scale_in(t.disable_scale_in)
            .metric_alarms(vec![out, inward])
        }
    })
}

/// The filters of DescribeScalingPolicies.
const FILTERS: &[&str] = &[
    "auto-scaling-group-id",
    "auto-scaling-policy-id",
    "scaling-policy-name",
    "scaling-policy-type",
];

/// DescribeScalingPolicies. Checks, in order: not both `AutoScalingPolicyIds` and `Filters`
/// (`InvalidParameter.Conflict`); at most 100 ids, `Limit` at most 100, `Offset`/`Limit` not
/// negative, at most 10 filters of 1 to 5 values (`InvalidParameterValue`); known filter names
/// (`InvalidParameterValue.InvalidFilter`); each id `asp-…`
/// (`InvalidParameterValue.InvalidAutoScalingPolicyId`). Every policy of the account, made
/// through either protocol, groups in the state's order; `TotalCount` counts every match.
pub(crate) fn describe(state: &State, request: &Request) -> Result<Output, Error> {
    let ask = Ask {
        ids_name: "AutoScalingPolicyIds",
        ids: request.auto_scaling_policy_ids.as_deref(),
        filters: request.filters.as_deref(),
        offset: request.offset,
        limit: request.limit,
        known: FILTERS,
        id_form: |id| well_formed(id, "asp"),
        noun: "scaling policy",
        form: "asp-…",
        group_filter_form: false,
        ids_exist: false,
    };
    let answers = Answers {
        conflict: Error::invalid_parameter_conflict,
        unknown: Error::invalid_parameter_value_invalid_filter,
        no_value: invalid_value,
        bad_id: Error::invalid_parameter_value_invalid_auto_scaling_policy_id,
        bad_group: invalid_value,
        missing: invalid_value,
    };
    let period = state.simulation.timing.metric_period_seconds;
    let shown: Vec<(String, ScalingPolicy)> = state
        .policies()
        .into_iter()
        .filter_map(|(g, p)| policy_out(&g, &p, period).map(|out| (g, out)))
        .collect();
    let (total_count, set) = describe_parts(
        &ask,
        shown,
        |p: &ScalingPolicy| &p.auto_scaling_policy_id,
        |_, p, name, value| match name {
            "auto-scaling-group-id" => p.auto_scaling_group_id == value,
            "auto-scaling-policy-id" => p.auto_scaling_policy_id == value,
            "scaling-policy-name" => p.scaling_policy_name == value,
            "scaling-policy-type" => p.scaling_policy_type.as_str() == value,
            _ => false,
        },
        |_, p| p.clone(),
    )
    .map_err(|r| answers.to(r))?;
    Ok(Output::new(DescribeScalingPoliciesOutputRequired {
        total_count,
        scaling_policy_set: set,
        request_id: String::new(),
    }))
}
