//! The values a scaling policy may hold, checked for both protocols: its name, a simple
//! policy's adjustment and alarm, a target-tracking policy's target and warm-up. A command
//! ([`super::policies`]) runs these before it changes anything.

use super::error::{DomainError, PolicyField};
use super::policies::MAX_NAME_CHARS;
use super::policy::{Adjustment, Alarm, Metric, PolicyRule, SimpleRule, TrackingRule};
use super::rules::Rules;

pub(super) fn invalid(field: PolicyField, problem: String) -> DomainError {
    DomainError::PolicyInvalid { field, problem }
}

/// The name is not blank and at most [`MAX_NAME_CHARS`] characters.
pub(super) fn check_name(name: &str) -> Result<(), DomainError> {
    if name.trim().is_empty() {
        return Err(invalid(
            PolicyField::Name,
            "scaling policy name: must not be empty".to_owned(),
        ));
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(invalid(
            PolicyField::Name,
            format!("scaling policy name: {chars} characters, at most {MAX_NAME_CHARS}"),
        ));
    }
    Ok(())
}

/// The rule holds: a simple one's adjustment (not the default's, bounded under
/// [`Rules::bounded_adjustments`], an exact capacity not negative), its alarm (threshold
/// 0–100 for percentages, above 0 otherwise; 1–10 periods of 60 or 300 s); a tracking one's
/// target (1–99 for percentages, above 0 otherwise) and warm-up (0–3600 s).
pub fn check_rule(rule: &PolicyRule, rules: &Rules) -> Result<(), DomainError> {
    match rule {
        PolicyRule::Simple(s) => check_simple(s, rules),
        PolicyRule::TargetTracking(t) => check_tracking(t),
    }
}

fn check_simple(s: &SimpleRule, rules: &Rules) -> Result<(), DomainError> {
    let range = match s.adjustment {
        Adjustment::ReplaceUnhealthy => {
            return Err(invalid(
                PolicyField::AdjustmentType,
                "adjustment type: replacing unhealthy instances is the group's default policy \
                 and cannot be given"
                    .to_owned(),
            ))
        }
        Adjustment::Exact if rules.bounded_adjustments => 0..=30,
        Adjustment::Change if rules.bounded_adjustments => -30..=30,
        Adjustment::Percent if rules.bounded_adjustments => -100..=100,
        Adjustment::Exact => 0..=i64::MAX,
        Adjustment::Change | Adjustment::Percent => i64::MIN..=i64::MAX,
    };
    if !range.contains(&s.value) {
        return Err(invalid(
            PolicyField::AdjustmentValue,
            format!(
                "adjustment value: {} is outside {}..={} for {}",
                s.value,
                range.start(),
                range.end(),
                s.adjustment
            ),
        ));
    }
    if let Some(alarm) = &s.alarm {
        check_alarm(alarm)?;
    }
    Ok(())
}

fn check_alarm(alarm: &Alarm) -> Result<(), DomainError> {
    let t = alarm.threshold;
    if alarm.metric.is_percent() && !(0..=100).contains(&t) {
        return Err(invalid(
            PolicyField::Threshold,
            format!(
                "threshold: {t} is not a percentage from 0 to 100 ({})",
                alarm.metric
            ),
        ));
    }
    if !alarm.metric.is_percent() && t <= 0 {
        return Err(invalid(
            PolicyField::Threshold,
            format!("threshold: {t} must be above 0 ({})", alarm.metric),
        ));
    }
    if !(1..=10).contains(&alarm.periods) {
        return Err(invalid(
            PolicyField::Period,
            format!("periods in a row: {} is outside 1 to 10", alarm.periods),
        ));
    }
    if let Some(p) = alarm.period_seconds {
        if p != 60 && p != 300 {
            return Err(invalid(
                PolicyField::Period,
                format!("period: {p} s is neither 60 nor 300"),
            ));
        }
    }
    Ok(())
}

fn check_tracking(t: &TrackingRule) -> Result<(), DomainError> {
    let ok = if t.metric.is_percent() {
        (1..100).contains(&t.target)
    } else {
        t.target > 0
    };
    if !ok {
        return Err(invalid(
            PolicyField::Target,
            format!(
                "target value: {} is outside what {} takes ({})",
                t.target,
                t.metric,
                if t.metric.is_percent() {
                    "1 to 99 percent"
                } else {
                    "above 0"
                }
            ),
        ));
    }
    if t.warmup_seconds > 3600 {
        return Err(invalid(
            PolicyField::Warmup,
            format!("warm-up: {} s is outside 0 to 3600", t.warmup_seconds),
        ));
    }
    if matches!(t.metric, Metric::MemUtilization | Metric::TcpConnections) {
        return Err(invalid(
            PolicyField::Metric,
            format!("metric: {} cannot be tracked", t.metric),
        ));
    }
    Ok(())
}
