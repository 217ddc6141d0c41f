//! Scaling policies in the state: a group's `scalingPolicies` hold the domain's
//! [`Policy`] (format 3). An entry in API 2.0's shape (`scalingPolicyId`, `adjustmentType`,
//! `createTime`, …, as formats 1 and 2 stored them) still loads, read into the domain's
//! shape; the state is then written in the current format. The old shape's words (adjustment
//! types, comparisons, metric names) are a short closed list, read here.

use super::metric_words;
use crate::domain::policy::{
    Adjustment, Alarm, Comparison, Policy, PolicyRule, SimpleRule, Statistic,
};
use crate::util::parse_time;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

/// Reads a group's `scalingPolicies`: each entry in the domain's shape, or in API 2.0's
/// (recognised by its `scalingPolicyId`), read into the domain's.
pub(crate) fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Policy>, D::Error> {
    let entries = Vec::<serde_json::Value>::deserialize(d)?;
    entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            if is_v2_entry(&entry) {
                let legacy: OldPolicy = serde_json::from_value(entry)
                    .map_err(|e| D::Error::custom(format!("[{i}] (API 2.0 shape): {e}")))?;
                legacy
                    .into_domain()
                    .map_err(|e| D::Error::custom(format!("[{i}]: {e}")))
            } else {
                serde_json::from_value(entry).map_err(|e| D::Error::custom(format!("[{i}]: {e}")))
            }
        })
        .collect()
}

/// The domain's policy of an entry in API 2.0's shape; `Err` says what does not read.
pub(crate) fn policy_of_entry(entry: serde_json::Value) -> Result<Policy, String> {
    let legacy: OldPolicy = serde_json::from_value(entry).map_err(|e| e.to_string())?;
    legacy.into_domain()
}

/// Whether a `scalingPolicies` entry is in API 2.0's shape.
pub(crate) fn is_v2_entry(entry: &serde_json::Value) -> bool {
    entry.get("scalingPolicyId").is_some()
}

/// A number, or a string holding one (as API 2.0's records were read).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Int {
    Number(i64),
    Text(String),
}

impl Int {
    fn value(&self, field: &str) -> Result<i64, String> {
        match self {
            Int::Number(n) => Ok(*n),
            Int::Text(t) => t
                .trim()
                .parse()
                .map_err(|_| format!("{field}: {t:?} is not an integer")),
        }
    }
}

/// A string, or a number written where a string was meant (as API 2.0's records were read).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Text {
    Text(String),
    Number(serde_json::Number),
}

impl Text {
    fn into_string(self) -> String {
        match self {
            Text::Text(t) => t,
            Text::Number(n) => n.to_string(),
        }
    }
}

/// A policy in API 2.0's shape, as formats 1 and 2 stored it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct OldPolicy {
    scaling_policy_id: Text,
    scaling_policy_name: Text,
    adjustment_type: String,
    adjustment_value: Int,
    #[serde(default)]
    metric: Option<OldMetric>,
    #[serde(default)]
    notify_id_set: Option<Vec<Text>>,
    cooldown: Int,
    create_time: String,
}

/// The alarm of a policy in API 2.0's shape.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct OldMetric {
    dimension_name: String,
    comparison_operator: String,
    threshold: Int,
    #[serde(default)]
    repeat_times: Option<Int>,
}

/// API 2.0's adjustment types.
const ADJUSTMENTS: [(&str, Adjustment); 4] = [
    ("TotalCapacity", Adjustment::Exact),
    ("QuantityChangeInCapacity", Adjustment::Change),
    ("PercentChangeInCapacity", Adjustment::Percent),
    ("UnhealthyInstance", Adjustment::ReplaceUnhealthy),
];

/// API 2.0's comparison operators.
const COMPARISONS: [(&str, Comparison); 6] = [
    ("Greater", Comparison::Greater),
    ("EqualOrGreater", Comparison::GreaterOrEqual),
    ("Less", Comparison::Less),
    ("EqualOrLess", Comparison::LessOrEqual),
    ("Equal", Comparison::Equal),
    ("NotEqual", Comparison::NotEqual),
];

fn word_of<T: Copy>(list: &[(&str, T)], word: &str) -> Option<T> {
    list.iter().find(|(w, _)| *w == word).map(|(_, v)| *v)
}

impl OldMetric {
    /// The domain's alarm; `repeatTimes` defaults to 3 (and is kept as given, so a bad one is
    /// refused by the rules).
    fn alarm(&self) -> Result<Alarm, String> {
        let metric = metric_words::metric(&self.dimension_name).map_err(|_| {
            format!(
                "metric.dimensionName: {} is not a known metric",
                self.dimension_name
            )
        })?;
        let comparison = word_of(&COMPARISONS, &self.comparison_operator).ok_or_else(|| {
            format!(
                "metric.comparisonOperator: {} is not a known comparison",
                self.comparison_operator
            )
        })?;
        let repeat = match &self.repeat_times {
            Some(n) => n.value("metric.repeatTimes")?,
            None => 3,
        };
        Ok(Alarm {
            metric,
            comparison,
            threshold: self.threshold.value("metric.threshold")?,
            periods: u32::try_from(repeat).unwrap_or(0),
            period_seconds: None,
            statistic: Statistic::Average,
        })
    }
}

impl OldPolicy {
    /// The domain's policy of this entry; `Err` names the value that has no domain
    /// equivalent, or a `createTime` that is no time.
    fn into_domain(self) -> Result<Policy, String> {
        let adjustment = word_of(&ADJUSTMENTS, &self.adjustment_type).ok_or_else(|| {
            format!(
                "adjustmentType: {} is not a known adjustment",
                self.adjustment_type
            )
        })?;
        let created_at = parse_time(&self.create_time).ok_or_else(|| {
            format!(
                "createTime: {:?} is not a time YYYY-MM-DD hh:mm:ss",
                self.create_time
            )
        })?;
        let alarm = self.metric.as_ref().map(OldMetric::alarm).transpose()?;
        Ok(Policy {
            id: self.scaling_policy_id.into_string(),
            name: self.scaling_policy_name.into_string(),
            created_at,
            rule: PolicyRule::Simple(SimpleRule {
                adjustment,
                value: self.adjustment_value.value("adjustmentValue")?,
                cooldown_seconds: u64::try_from(self.cooldown.value("cooldown")?).unwrap_or(0),
                alarm,
            }),
            notify_ids: self
                .notify_id_set
                .unwrap_or_default()
                .into_iter()
                .map(Text::into_string)
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_one(entry: serde_json::Value) -> Result<Policy, String> {
        policy_of_entry(entry)
    }

    #[test]
    fn an_api_2_policy_reads_as_the_domains() {
        let entry = serde_json::json!({
            "scalingPolicyId": "asp-1", "scalingPolicyName": 7,
            "adjustmentType": "PercentChangeInCapacity", "adjustmentValue": "-20",
            "cooldown": 60, "createTime": "2026-01-01 08:00:00", "notifyIdSet": ["n-1"],
            "metric": {"dimensionName": "lan_intraffic", "comparisonOperator": "EqualOrLess",
                       "threshold": 1000},
        });
        let policy = read_one(entry).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(policy.name, "7");
        assert_eq!(policy.created_at, 1_767_225_600);
        assert_eq!(policy.notify_ids, ["n-1"]);
        let Some(rule) = policy.simple() else {
            panic!("not simple: {policy:?}")
        };
        assert_eq!((rule.adjustment, rule.value), (Adjustment::Percent, -20));
        assert_eq!(rule.cooldown_seconds, 60);
        let alarm = rule.alarm.clone().unwrap_or_else(|| panic!("no alarm"));
        assert_eq!(alarm.metric, crate::domain::policy::Metric::LanTrafficIn);
        assert_eq!(alarm.comparison, Comparison::LessOrEqual);
        assert_eq!((alarm.threshold, alarm.periods), (1000, 3));
    }

    #[test]
    fn unknown_words_are_refused_by_name() {
        let base = serde_json::json!({
            "scalingPolicyId": "asp-1", "scalingPolicyName": "up",
            "adjustmentType": "TotalCapacity", "adjustmentValue": 1,
            "cooldown": 60, "createTime": "2026-01-01 08:00:00",
        });
        let with = |key: &str, value: serde_json::Value| {
            let mut entry = base.clone();
            entry[key] = value;
            read_one(entry).err().unwrap_or_default()
        };
        let e = with("adjustmentType", "Doubling".into());
        assert!(
            e.contains("adjustmentType: Doubling is not a known adjustment"),
            "{e}"
        );
        let e = with("createTime", "yesterday".into());
        assert!(e.contains("createTime: \"yesterday\""), "{e}");
        let e = with(
            "metric",
            serde_json::json!({"dimensionName": "disk", "comparisonOperator": "Greater", "threshold": 1}),
        );
        assert!(
            e.contains("metric.dimensionName: disk is not a known metric"),
            "{e}"
        );
        let e = with(
            "metric",
            serde_json::json!({"dimensionName": "cpu_usage", "comparisonOperator": ">", "threshold": 1}),
        );
        assert!(
            e.contains("metric.comparisonOperator: > is not a known comparison"),
            "{e}"
        );
        let e = with("cooldown", "soon".into());
        assert!(e.contains("cooldown: \"soon\" is not an integer"), "{e}");
    }
}
