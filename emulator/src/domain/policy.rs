//! Scaling policies as the domain keeps them, in no protocol's words: a simple (alarm) policy
//! that changes the desired capacity when its alarm has held, or a target-tracking policy that
//! keeps a group-wide metric near a target. Both protocols create, list, change, delete and
//! run the same [`Policy`] (API 2.0 knows only simple ones); the simulation drives both from
//! the metric values reported on the virtual clock. Times are Unix seconds.
//!
//! The serde names are the state file's (`scalingPolicies` of a group).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A scaling policy of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Policy {
    /// Its id, `asp-…`.
    pub id: String,
    /// Its name.
    pub name: String,
    /// When it was created (Unix seconds).
    pub created_at: u64,
    /// What it does.
    pub rule: PolicyRule,
    /// The notification user groups (deprecated in both protocols; kept and shown).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notify_ids: Vec<String>,
}

impl Policy {
    /// Its kind.
    pub fn kind(&self) -> PolicyKind {
        match self.rule {
            PolicyRule::Simple(_) => PolicyKind::Simple,
            PolicyRule::TargetTracking(_) => PolicyKind::TargetTracking,
        }
    }

    /// The simple rule, when it is one.
    pub fn simple(&self) -> Option<&SimpleRule> {
        match &self.rule {
            PolicyRule::Simple(s) => Some(s),
            PolicyRule::TargetTracking(_) => None,
        }
    }

    /// The target-tracking rule, when it is one.
    pub fn tracking(&self) -> Option<&TrackingRule> {
        match &self.rule {
            PolicyRule::TargetTracking(t) => Some(t),
            PolicyRule::Simple(_) => None,
        }
    }

    /// Whether it is a group's default policy (replaces unhealthy instances; cannot be
    /// changed or deleted).
    pub fn is_default(&self) -> bool {
        self.simple()
            .is_some_and(|s| s.adjustment == Adjustment::ReplaceUnhealthy)
    }
}

/// The two kinds of policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PolicyKind {
    /// Adjust when an alarm has held (API 3.0 `SIMPLE`; every API 2.0 alarm policy).
    Simple,
    /// Keep a metric near a target (API 3.0 `TARGET_TRACKING`).
    TargetTracking,
}

impl fmt::Display for PolicyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PolicyKind::Simple => "simple",
            PolicyKind::TargetTracking => "target-tracking",
        })
    }
}

/// What a policy does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PolicyRule {
    /// A simple alarm policy.
    Simple(SimpleRule),
    /// A target-tracking policy.
    TargetTracking(TrackingRule),
}

/// A simple policy: when its alarm has held, adjust the desired capacity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SimpleRule {
    /// How the capacity changes.
    pub adjustment: Adjustment,
    /// By how much (or to what).
    pub value: i64,
    /// Seconds the group cools down after an activity the policy started.
    pub cooldown_seconds: u64,
    /// The condition that fires it; a policy without one fires only when executed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alarm: Option<Alarm>,
}

/// How a simple policy changes the desired capacity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Adjustment {
    /// Set it to the value (API 2.0 `TotalCapacity`, API 3.0 `EXACT_CAPACITY`).
    Exact,
    /// Add the value (`QuantityChangeInCapacity`, `CHANGE_IN_CAPACITY`).
    Change,
    /// Add that percentage (`PercentChangeInCapacity`, `PERCENT_CHANGE_IN_CAPACITY`).
    Percent,
    /// The group's default policy: replace unhealthy instances (API 2.0 `UnhealthyInstance`;
    /// never fires: no health checks are simulated).
    ReplaceUnhealthy,
}

impl fmt::Display for Adjustment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Adjustment::Exact => "exact capacity",
            Adjustment::Change => "change in capacity",
            Adjustment::Percent => "percent change in capacity",
            Adjustment::ReplaceUnhealthy => "replace unhealthy instances",
        })
    }
}

impl SimpleRule {
    /// The desired capacity after the policy acts on `current`, before the group's bounds
    /// apply; `None` for the default policy. A percentage is rounded away from zero and moves
    /// by at least one.
    pub fn adjusted(&self, current: i64) -> Option<i64> {
        let value = self.value;
        match self.adjustment {
            Adjustment::Exact => Some(value),
            Adjustment::Change => Some(current.saturating_add(value)),
            Adjustment::Percent => {
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
            Adjustment::ReplaceUnhealthy => None,
        }
    }
}

/// The alarm of a simple policy: `metric comparison threshold`, held at `periods` period ends
/// in a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Alarm {
    /// The metric, averaged over the group.
    pub metric: Metric,
    /// How the value is compared with the threshold.
    pub comparison: Comparison,
    /// The threshold, in the metric's unit.
    pub threshold: i64,
    /// Period ends in a row the comparison must hold (API 2.0 `repeatTimes`, API 3.0
    /// `ContinuousTime`), 1–10.
    pub periods: u32,
    /// The period in seconds (API 3.0 `Period`, 60 or 300); without one, the simulation's
    /// `metricPeriodSeconds`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_seconds: Option<u64>,
    /// How samples are reduced over a period (kept and shown; one value per period is
    /// reported, so all three read it).
    #[serde(default)]
    pub statistic: Statistic,
}

/// A metric of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Metric {
    /// CPU use, percent.
    CpuUtilization,
    /// Memory use, percent.
    MemUtilization,
    /// Private network outbound traffic.
    LanTrafficOut,
    /// Private network inbound traffic.
    LanTrafficIn,
    /// Public network outbound traffic.
    WanTrafficOut,
    /// Public network inbound traffic.
    WanTrafficIn,
    /// Established TCP connections.
    TcpConnections,
}

impl Metric {
    /// Whether its values are percentages (thresholds 0–100).
    pub fn is_percent(self) -> bool {
        matches!(self, Metric::CpuUtilization | Metric::MemUtilization)
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Metric::CpuUtilization => "CPU utilization",
            Metric::MemUtilization => "memory utilization",
            Metric::LanTrafficOut => "private outbound traffic",
            Metric::LanTrafficIn => "private inbound traffic",
            Metric::WanTrafficOut => "public outbound traffic",
            Metric::WanTrafficIn => "public inbound traffic",
            Metric::TcpConnections => "TCP connections",
        })
    }
}

/// A comparison of a value with a threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Comparison {
    /// `>`.
    Greater,
    /// `>=`.
    GreaterOrEqual,
    /// `<`.
    Less,
    /// `<=`.
    LessOrEqual,
    /// `==`.
    Equal,
    /// `!=`.
    NotEqual,
}

impl Comparison {
    /// Whether `value` compared with `threshold` holds.
    pub fn holds(self, value: f64, threshold: f64) -> bool {
        match self {
            Comparison::Greater => value > threshold,
            Comparison::GreaterOrEqual => value >= threshold,
            Comparison::Less => value < threshold,
            Comparison::LessOrEqual => value <= threshold,
            Comparison::Equal => value == threshold,
            Comparison::NotEqual => value != threshold,
        }
    }
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Comparison::Greater => ">",
            Comparison::GreaterOrEqual => ">=",
            Comparison::Less => "<",
            Comparison::LessOrEqual => "<=",
            Comparison::Equal => "==",
            Comparison::NotEqual => "!=",
        })
    }
}

/// How an alarm reduces a period's samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Statistic {
    /// Their mean (the default).
    #[default]
    Average,
    /// The largest.
    Maximum,
    /// The smallest.
    Minimum,
}

/// A target-tracking policy: keep `metric` near `target`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrackingRule {
    /// The group-wide average it tracks.
    pub metric: Metric,
    /// The target, in the metric's unit.
    pub target: i64,
    /// Seconds after it scales out before it acts again (`EstimatedInstanceWarmup`, 0–3600,
    /// default 300).
    pub warmup_seconds: u64,
    /// Only scale out.
    #[serde(default)]
    pub disable_scale_in: bool,
}

impl TrackingRule {
    /// Period ends in a row above the target before a scale-out.
    pub const OUT_PERIODS: u32 = 3;
    /// Period ends in a row below [`TrackingRule::IN_RATIO`] of the target before a scale-in.
    pub const IN_PERIODS: u32 = 15;
    /// The fraction of the target below which the metric counts towards a scale-in.
    pub const IN_RATIO: f64 = 0.8;
    /// Its period, in seconds (one minute).
    pub const PERIOD_SECONDS: u64 = 60;

    /// The capacity that brings the metric, `value` on `current` instances, to the target:
    /// `ceil(current × value / target)`, at least one more (scale-out) or one fewer
    /// (scale-in) than `current` when it moves at all.
    pub fn wanted(&self, current: i64, value: f64, out: bool) -> i64 {
        if self.target <= 0 {
            return current;
        }
        let base = current.max(1) as f64;
        let exact = (base * value / self.target as f64).ceil();
        let wanted = if exact.is_finite() {
            exact.clamp(0.0, 1e9) as i64
        } else {
            current
        };
        if out {
            wanted.max(current.saturating_add(1))
        } else {
            wanted.min(current.saturating_sub(1)).max(0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn simple(adjustment: Adjustment, value: i64) -> SimpleRule {
        SimpleRule {
            adjustment,
            value,
            cooldown_seconds: 60,
            alarm: None,
        }
    }

    #[test]
    fn adjustments() {
        use Adjustment::*;
        assert_eq!(simple(Exact, 4).adjusted(2), Some(4));
        assert_eq!(simple(Change, -1).adjusted(2), Some(1));
        assert_eq!(simple(Percent, 50).adjusted(3), Some(5));
        assert_eq!(simple(Percent, -50).adjusted(3), Some(1));
        assert_eq!(simple(Percent, 10).adjusted(2), Some(3));
        assert_eq!(simple(Percent, 10).adjusted(0), Some(1));
        assert_eq!(simple(ReplaceUnhealthy, 0).adjusted(2), None);
    }

    #[test]
    fn comparisons() {
        use Comparison::*;
        assert!(Greater.holds(81.0, 80.0));
        assert!(!Greater.holds(80.0, 80.0));
        assert!(GreaterOrEqual.holds(80.0, 80.0));
        assert!(Less.holds(10.0, 20.0));
        assert!(LessOrEqual.holds(20.0, 20.0));
        assert!(Equal.holds(20.0, 20.0));
        assert!(NotEqual.holds(21.0, 20.0));
    }

    #[test]
    fn tracking_moves_toward_the_target() {
        let rule = TrackingRule {
            metric: Metric::CpuUtilization,
            target: 50,
            warmup_seconds: 300,
            disable_scale_in: false,
        };
        // 2 instances at 90 %: 3.6 → 4 instances bring it to 45 %.
        assert_eq!(rule.wanted(2, 90.0, true), 4);
        // Barely above: still one more.
        assert_eq!(rule.wanted(2, 51.0, true), 3);
        // 4 instances at 20 %: 1.6 → 2.
        assert_eq!(rule.wanted(4, 20.0, false), 2);
        // Barely below: still one fewer.
        assert_eq!(rule.wanted(4, 39.0, false), 3);
    }
}
