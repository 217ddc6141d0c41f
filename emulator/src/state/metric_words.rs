//! The words a metric reading names its metric with (`dimensionName` in a state file and in
//! `POST /_emulator/metrics`): the four of API 2.0's alarm policies (`cpu_usage`,
//! `mem_usage`, `lan_outtraffic`, `lan_intraffic`). The state keeps the domain's
//! [`Metric`]; these words are read and written here, a short closed list.

use crate::domain::policy::Metric;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serializer};

/// The metrics a reading may name, with their words.
const WORDS: [(Metric, &str); 4] = [
    (Metric::CpuUtilization, "cpu_usage"),
    (Metric::MemUtilization, "mem_usage"),
    (Metric::LanTrafficOut, "lan_outtraffic"),
    (Metric::LanTrafficIn, "lan_intraffic"),
];

/// The word of `metric`: one of the four a reading may use, else (a metric no reading names:
/// the public-network and TCP ones) its API 3.0 name, for messages.
pub(crate) fn word(metric: Metric) -> &'static str {
    match WORDS.iter().find(|(m, _)| *m == metric) {
        Some((_, word)) => word,
        None => match metric {
            Metric::WanTrafficOut => "WAN_TRAFFIC_OUT",
            Metric::WanTrafficIn => "WAN_TRAFFIC_IN",
            _ => "TCP_CURR_ESTAB",
        },
    }
}

/// The metric a reading's word names; `Err` says which words there are.
pub(crate) fn metric(word: &str) -> Result<Metric, String> {
    WORDS
        .iter()
        .find(|(_, w)| *w == word)
        .map(|(m, _)| *m)
        .ok_or_else(|| {
            format!("{word:?} is not a metric: use cpu_usage, mem_usage, lan_outtraffic or lan_intraffic")
        })
}

/// Writes a reading's metric as its word.
pub(crate) fn serialize<S: Serializer>(metric: &Metric, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(word(*metric))
}

/// Reads a reading's metric from its word.
pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Metric, D::Error> {
    let text = String::deserialize(d)?;
    metric(&text).map_err(D::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_words_read_back_and_others_are_refused() {
        for (m, w) in WORDS {
            assert_eq!(word(m), w);
            assert_eq!(metric(w), Ok(m));
        }
        assert_eq!(word(Metric::TcpConnections), "TCP_CURR_ESTAB");
        let refused = metric("disk").err().unwrap_or_default();
        assert!(refused.contains("\"disk\" is not a metric"), "{refused}");
        assert!(metric("CPU_USAGE").is_err());
    }

    const STATE: &str = "credentials: [{secretId: AKIDexample, secretKey: k}]\nscalingGroups:\n  - {scalingGroupId: asg-0000aaaa, scalingGroupName: web, minSize: 0, maxSize: 5}\nsimulation:\n  metrics: [{scalingGroupId: asg-0000aaaa, dimensionName: WORD, value: 85}]\n";

    #[test]
    fn a_state_reads_and_writes_a_reading_by_its_word() {
        let text = STATE.replace("WORD", "lan_outtraffic");
        let state = crate::State::from_yaml_str(&text, "s.yaml").unwrap_or_else(|e| panic!("{e}"));
        let reading = &state.simulation.metrics[0];
        assert_eq!(reading.dimension_name, Metric::LanTrafficOut);
        let json = serde_json::to_value(reading).unwrap_or_default();
        assert_eq!(json["dimensionName"], "lan_outtraffic");
        let refused = crate::State::from_yaml_str(&STATE.replace("WORD", "disk"), "s.yaml")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            refused.contains("simulation.metrics[0].dimensionName")
                && refused.contains("\"disk\" is not a metric"),
            "{refused}"
        );
    }
}
