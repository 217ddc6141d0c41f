//! Scaling policies on the virtual clock, both kinds of the domain's [`Policy`].
//!
//! **Simple** policies with an alarm: at the end of every period of the alarm (its `Period`,
//! else `metricPeriodSeconds`, 300 by default; periods are counted from the Unix epoch) each
//! policy of each active group compares the last value reported for its metric with its
//! threshold. When the comparison has held at its number of period ends in a row, the policy
//! fires (and its count starts again): it changes the group's desired capacity by its
//! adjustment, within `[minSize, maxSize]`, and the activity that follows cools the group down
//! for the policy's cooldown. A policy that fires while the group runs an activity, or is
//! cooling down, changes nothing: a failed activity is recorded instead, with error code 40000
//! or 40001.
//!
//! **Target-tracking** policies, at the end of every minute: when the group's value of the
//! metric has been above the target at 3 minute ends in a row, the desired capacity becomes
//! `ceil(capacity × value / target)` (at least one more, at most `maxSize`); when it has been
//! below 80 % of the target at 15 minute ends in a row (and scale-in is not disabled), the same
//! formula (at least one fewer, at least `minSize`). The group's cooldown does not hold them;
//! after a scale-out the policy waits its warm-up (`EstimatedInstanceWarmup`) before it acts
//! again, and it does not act while the group runs an activity (its counts go on).
//!
//! A group with no value reported for a metric has no data: its policies on that metric do not
//! count.

use super::{activity, Book, Trigger};
use crate::domain::policy::{Alarm, Metric, Policy, PolicyRule, TrackingRule};
use crate::state::{metric_word, Direction, MetricReading, ScalingGroup, State};
use std::collections::HashSet;

/// Error code of an activity refused because the group is in an activity.
const IN_ACTIVITY: i64 = 40000;
/// Error code of an activity refused because the group is cooling down.
const COOLING_DOWN: i64 = 40001;

/// What a target-tracking policy counts between period ends.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tracking {
    above: u32,
    below: u32,
    warm_until: u64,
}

fn reading<'a>(
    state: &'a State,
    group: &ScalingGroup,
    metric: Metric,
) -> Option<&'a MetricReading> {
    state
        .simulation
        .metrics
        .iter()
        .find(|r| r.scaling_group_id == group.id && r.dimension_name == metric)
}

/// The metric a policy watches.
fn watched_metric(policy: &Policy) -> Option<Metric> {
    match &policy.rule {
        PolicyRule::Simple(s) => s.alarm.as_ref().map(|a| a.metric),
        PolicyRule::TargetTracking(t) => Some(t.metric),
    }
}

/// A policy's period in seconds.
fn period(policy: &Policy, default: u64) -> u64 {
    match &policy.rule {
        PolicyRule::Simple(s) => s
            .alarm
            .as_ref()
            .and_then(|a| a.period_seconds)
            .unwrap_or(default),
        PolicyRule::TargetTracking(_) => TrackingRule::PERIOD_SECONDS,
    }
    .max(1)
}

/// The periods of the policies that have something to evaluate: of active groups, on a metric
/// with a value reported.
fn watched_periods(state: &State) -> Vec<u64> {
    let default = state.simulation.timing.metric_period_seconds.max(1);
    let mut periods: Vec<u64> = state
        .scaling_groups
        .iter()
        .filter(|g| g.enabled)
        .flat_map(|g| {
            g.scaling_policies
                .iter()
                .filter(|p| watched_metric(p).is_some_and(|m| reading(state, g, m).is_some()))
                .map(|p| period(p, default))
        })
        .collect();
    periods.sort_unstable();
    periods.dedup();
    periods
}

/// The next period end to evaluate, when there is anything to evaluate; without, the periods
/// pass unevaluated (so values reported later count from then on).
pub(super) fn next_boundary(state: &State, book: &mut Book) -> Option<u64> {
    let periods = watched_periods(state);
    if periods.is_empty() {
        book.boundary = book.boundary.max(book.time);
        return None;
    }
    periods
        .into_iter()
        .map(|p| (book.boundary / p).saturating_add(1).saturating_mul(p))
        .min()
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
    let default = state.simulation.timing.metric_period_seconds.max(1);
    for g in 0..state.scaling_groups.len() {
        let group = &state.scaling_groups[g];
        if !group.enabled {
            continue;
        }
        let mut firing = Vec::new();
        let mut tracking = Vec::new();
        for policy in &group.scaling_policies {
            if !at.is_multiple_of(period(policy, default)) {
                continue;
            }
            match &policy.rule {
                PolicyRule::Simple(s) => {
                    let Some(alarm) = &s.alarm else { continue };
                    if let Some(value) = count_alarm(state, book, group, &policy.id, alarm) {
                        firing.push((policy.clone(), value));
                    }
                }
                PolicyRule::TargetTracking(rule) => {
                    if let Some(r) = reading(state, group, rule.metric) {
                        tracking.push((policy.clone(), rule.clone(), r.value));
                    }
                }
            }
        }
        let mut fired = HashSet::new();
        for (policy, value) in firing {
            fire(state, book, g, &policy, value, &mut fired, at);
        }
        for (policy, rule, value) in tracking {
            track(state, book, g, &policy, &rule, value, at);
        }
    }
}

/// Counts one period end for a simple policy's alarm; the value when it fires.
fn count_alarm(
    state: &State,
    book: &mut Book,
    group: &ScalingGroup,
    id: &str,
    alarm: &Alarm,
) -> Option<f64> {
    let streak = book.streaks.entry(id.to_owned()).or_insert(0);
    let value = reading(state, group, alarm.metric).map(|r| r.value);
    // A threshold is an integer; compared as a number with the reported value.
    let held = value.is_some_and(|v| alarm.comparison.holds(v, alarm.threshold as f64));
    if !held {
        *streak = 0;
        return None;
    }
    *streak += 1;
    if *streak >= alarm.periods {
        *streak = 0;
        return value;
    }
    None
}

fn fire(
    state: &mut State,
    book: &mut Book,
    g: usize,
    policy: &Policy,
    value: f64,
    fired: &mut HashSet<usize>,
    at: u64,
) {
    let Some(simple) = policy.simple() else {
        return;
    };
    let group = &state.scaling_groups[g];
    let current = group
        .desired_capacity
        .unwrap_or_else(|| group.active_size());
    let Some(wanted) = simple.adjusted(current) else {
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
    let alarm = simple.alarm.as_ref();
    let cause = format!(
        "Alarm policy {} ({}) fired: {} was {value} ({} {} for {} period(s)); desired capacity \
         {current} -> {new}",
        policy.name,
        policy.id,
        alarm.map_or_else(String::new, |a| metric_word(a.metric).to_owned()),
        alarm.map_or_else(String::new, |a| a.comparison.to_string()),
        alarm.map_or(0, |a| a.threshold),
        alarm.map_or(0, |a| a.periods),
    );
    let group_id = group.id.clone();
    if group.activity_running || fired.contains(&g) {
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
            cooldown: simple.cooldown_seconds,
        },
    );
}

/// One minute end for a target-tracking policy: counts the value against the target, and
/// moves the desired capacity toward it when a count is reached.
fn track(
    state: &mut State,
    book: &mut Book,
    g: usize,
    policy: &Policy,
    rule: &TrackingRule,
    value: f64,
    at: u64,
) {
    let count = book.tracking.entry(policy.id.clone()).or_default();
    let target = rule.target as f64;
    if value > target {
        count.above += 1;
        count.below = 0;
    } else if value < target * TrackingRule::IN_RATIO {
        count.below += 1;
        count.above = 0;
    } else {
        *count = Tracking {
            warm_until: count.warm_until,
            ..Tracking::default()
        };
        return;
    }
    let out = count.above >= TrackingRule::OUT_PERIODS;
    let inward = count.below >= TrackingRule::IN_PERIODS && !rule.disable_scale_in;
    let group = &state.scaling_groups[g];
    if !(out || inward) || group.activity_running || at < count.warm_until {
        return;
    }
    let current = group
        .desired_capacity
        .unwrap_or_else(|| group.active_size());
    let new = rule
        .wanted(current, value, out)
        .min(group.max_size)
        .max(group.min_size);
    *count = Tracking {
        warm_until: if out && new != current {
            at.saturating_add(rule.warmup_seconds)
        } else {
            count.warm_until
        },
        ..Tracking::default()
    };
    if new == current {
        return;
    }
    let cause = format!(
        "Target-tracking policy {} ({}): {} was {value} against the target {} for {} \
         minute(s); desired capacity {current} -> {new}",
        policy.name,
        policy.id,
        rule.metric,
        rule.target,
        if out {
            TrackingRule::OUT_PERIODS
        } else {
            TrackingRule::IN_PERIODS
        },
    );
    let group_id = group.id.clone();
    state.scaling_groups[g].desired_capacity = Some(new);
    book.triggers
        .insert(group_id, Trigger { cause, cooldown: 0 });
}
