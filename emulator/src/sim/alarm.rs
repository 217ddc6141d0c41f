//! Alarm policies. At the end of every metric period (every `metricPeriodSeconds`, 300 by
//! default, counted from the Unix epoch) each policy of each active group compares the last
//! value reported for its metric with its threshold. When the comparison has held at
//! `repeatTimes` period ends in a row, the policy fires (and its count starts again): it
//! changes the group's desired capacity by its adjustment, within `[minSize, maxSize]`, and the
//! activity that follows cools the group down for the policy's `cooldown`. A policy that fires
//! while the group runs an activity, or is cooling down, changes nothing: a failed activity is
//! recorded instead, with error code 40000 or 40001. A group with no value reported for a
//! metric has no data: its policies on that metric do not count.

use super::{activity, Book, Trigger};
use crate::state::{Direction, GroupStatus, MetricReading, ScalingGroup, State};
use qcloud_as::types::{AdjustmentType, ComparisonOperator, Metric, ScalingPolicy};
use std::collections::HashSet;

/// Error code of an activity refused because the group is in an activity.
const IN_ACTIVITY: i64 = 40000;
/// Error code of an activity refused because the group is cooling down.
const COOLING_DOWN: i64 = 40001;

fn reading<'a>(
    state: &'a State,
    group: &ScalingGroup,
    metric: &Metric,
) -> Option<&'a MetricReading> {
    state.simulation.metrics.iter().find(|r| {
        r.scaling_group_id == group.scaling_group_id && r.dimension_name == metric.dimension_name
    })
}

/// Whether any policy has something to evaluate: an active group with a metric policy and a
/// value reported for that metric.
fn watched(state: &State) -> bool {
    state
        .scaling_groups
        .iter()
        .filter(|g| g.status == GroupStatus::Active)
        .any(|g| {
            g.scaling_policies
                .iter()
                .filter_map(|p| p.metric.as_ref())
                .any(|m| reading(state, g, m).is_some())
        })
}

/// The next end of a metric period to evaluate, when there is anything to evaluate; without,
/// the periods pass unevaluated (so values reported later count from then on).
pub(super) fn next_boundary(state: &State, book: &mut Book) -> Option<u64> {
    let period = state.simulation.timing.metric_period_seconds.max(1);
    if !watched(state) {
        book.boundary = book.boundary.max(book.time);
        return None;
    }
    Some((book.boundary / period + 1) * period)
}

/// Whether `value` compared with `threshold` by `operator` holds.
pub(super) fn holds(operator: &ComparisonOperator, value: f64, threshold: f64) -> bool {
    match operator {
        ComparisonOperator::Greater => value > threshold,
        ComparisonOperator::EqualOrGreater => value >= threshold,
        ComparisonOperator::Less => value < threshold,
        ComparisonOperator::EqualOrLess => value <= threshold,
        ComparisonOperator::Equal => value == threshold,
        ComparisonOperator::NotEqual => value != threshold,
        _ => false,
    }
}

/// The desired capacity after `policy` fires on a group whose capacity is `current`, before
/// the group's bounds apply. A percentage is rounded away from zero, and moves by at least one.
pub(super) fn adjusted(policy: &ScalingPolicy, current: i64) -> Option<i64> {
    let value = policy.adjustment_value;
    match policy.adjustment_type {
        AdjustmentType::TotalCapacity => Some(value),
        AdjustmentType::QuantityChangeInCapacity => Some(current.saturating_add(value)),
        AdjustmentType::PercentChangeInCapacity => {
            let exact = current.saturating_mul(value);
            let mut delta = exact / 100;
            if exact % 100 != 0 {
                delta += exact.signum();
            }
            if delta == 0 {
                delta = value.signum();
            }
            Some(current.saturating_add(delta))
        }
        _ => None,
    }
}

/// Evaluates every period end due at or before `t`.
pub(super) fn evaluate(state: &mut State, book: &mut Book, t: u64) {
    while let Some(boundary) = next_boundary(state, book) {
        if boundary > t {
            return;
        }
        book.boundary = boundary;
        evaluate_at(state, book, boundary);
    }
}

fn evaluate_at(state: &mut State, book: &mut Book, at: u64) {
    for g in 0..state.scaling_groups.len() {
        let group = &state.scaling_groups[g];
        if group.status != GroupStatus::Active {
            continue;
        }
        let mut firing = Vec::new();
        for policy in &group.scaling_policies {
            let Some(metric) = &policy.metric else {
                continue;
            };
            let streak = book
                .streaks
                .entry(policy.scaling_policy_id.clone())
                .or_insert(0);
            let held = reading(state, group, metric).is_some_and(|r| {
                // A threshold is an integer; compared as a number with the reported value.
                holds(
                    &metric.comparison_operator,
                    r.value,
                    metric.threshold as f64,
                )
            });
            if !held {
                *streak = 0;
                continue;
            }
            *streak += 1;
            if i64::from(*streak) >= metric.repeat_times_or_default() {
                *streak = 0;
                let value = reading(state, group, metric).map_or(0.0, |r| r.value);
                firing.push((policy.clone(), value));
            }
        }
        let mut fired = HashSet::new();
        for (policy, value) in firing {
            fire(state, book, g, &policy, value, &mut fired, at);
        }
    }
}

fn fire(
    state: &mut State,
    book: &mut Book,
    g: usize,
    policy: &ScalingPolicy,
    value: f64,
    fired: &mut HashSet<usize>,
    at: u64,
) {
    let group = &state.scaling_groups[g];
    let size = i64::try_from(group.instances.len()).unwrap_or(i64::MAX);
    let current = group.desired_capacity.unwrap_or(size);
    let Some(wanted) = adjusted(policy, current) else {
        return;
    };
    let new = wanted.min(group.max_size).max(group.min_size);
    if new == current {
        return;
    }
    let direction = if new > current {
        Direction::ScaleOut
    } else {
        Direction::ScaleIn
    };
    let metric = policy.metric.as_ref();
    let cause = format!(
        "Alarm policy {} ({}) fired: {} was {value} ({} {} for {} period(s)); desired capacity \
         {current} -> {new}",
        policy.scaling_policy_name,
        policy.scaling_policy_id,
        metric.map_or_else(String::new, |m| m.dimension_name.to_string()),
        metric.map_or_else(String::new, |m| m.comparison_operator.to_string()),
        metric.map_or(0, |m| m.threshold),
        metric.map_or(0, Metric::repeat_times_or_default),
    );
    let group_id = group.scaling_group_id.clone();
    if group.in_scaling_activity || fired.contains(&g) {
        activity::record_refusal(
            state,
            &group_id,
            direction,
            IN_ACTIVITY,
            format!("{cause}; not applied: the group is in a scaling activity"),
            at,
        );
        return;
    }
    if let Some(until) = state
        .simulation
        .cooldown_until(&group_id)
        .filter(|u| *u > at)
    {
        activity::record_refusal(
            state,
            &group_id,
            direction,
            COOLING_DOWN,
            format!(
                "{cause}; not applied: the group is cooling down until {}",
                crate::util::format_time(until)
            ),
            at,
        );
        return;
    }
    fired.insert(g);
    state.scaling_groups[g].desired_capacity = Some(new);
    book.triggers.insert(
        group_id,
        Trigger {
            cause,
            cooldown: u64::try_from(policy.cooldown).unwrap_or(0),
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use qcloud_as::types::ScalingPolicyRequired;

    fn policy(adjustment_type: AdjustmentType, adjustment_value: i64) -> ScalingPolicy {
        ScalingPolicy::new(ScalingPolicyRequired {
            scaling_policy_id: "asp-1".into(),
            scaling_policy_name: "p".into(),
            adjustment_type,
            adjustment_value,
            cooldown: 60,
            create_time: "2026-01-01 00:00:00".into(),
        })
    }

    #[test]
    fn adjustments() {
        use AdjustmentType::*;
        assert_eq!(adjusted(&policy(TotalCapacity, 4), 2), Some(4));
        assert_eq!(adjusted(&policy(QuantityChangeInCapacity, -1), 2), Some(1));
        assert_eq!(adjusted(&policy(PercentChangeInCapacity, 50), 3), Some(5));
        assert_eq!(adjusted(&policy(PercentChangeInCapacity, -50), 3), Some(1));
        assert_eq!(adjusted(&policy(PercentChangeInCapacity, 10), 2), Some(3));
        assert_eq!(adjusted(&policy(PercentChangeInCapacity, 10), 0), Some(1));
        assert_eq!(adjusted(&policy(UnhealthyInstance, 0), 2), None);
    }

    #[test]
    fn comparisons() {
        use ComparisonOperator::*;
        assert!(holds(&Greater, 81.0, 80.0));
        assert!(!holds(&Greater, 80.0, 80.0));
        assert!(holds(&EqualOrGreater, 80.0, 80.0));
        assert!(holds(&Less, 10.0, 20.0));
        assert!(holds(&EqualOrLess, 20.0, 20.0));
        assert!(holds(&Equal, 20.0, 20.0));
        assert!(holds(&NotEqual, 21.0, 20.0));
    }
}
