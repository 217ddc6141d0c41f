//! Fault injection: added latency and broken answers, per action or for all (`*`), for both
//! protocols.
//!
//! A fault is keyed by an action name of either version (`DetachInstance` of API 2.0 applies
//! to API 2.0 requests for it, `DetachInstances` of API 3.0 to API 3.0 requests for it) or by
//! `*` (every request of both). Faults apply to API requests only, and only **after** the
//! request passed signature verification (so a fault never hides an authentication error,
//! and a faulted API 2.0 request still uses up its `Nonce`); in API 3.0, also after its
//! `X-TC-Version`, `X-TC-Region` and `X-TC-Action` headers were accepted. The action's handler
//! does not run for a faulted request, except when the fault is latency alone or
//! [`FaultKind::SlowDrip`]. Each broken answer takes its protocol's form ([`answer`]):
//! throttling is code 4400 `RequestLimitExceeded` in API 2.0 and `RequestLimitExceeded` in an
//! API 3.0 `Response.Error`.

mod answer;

pub(crate) use answer::{faulty_answer, Protocol};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;

/// The key that makes a fault apply to every action.
pub const ALL_ACTIONS: &str = "*";

/// How a faulted request is answered instead of normally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum FaultKind {
    /// HTTP 502 with an HTML gateway page as body.
    Http502,
    /// HTTP 200 with a body that is not JSON: `{"code":0,"data":<html>…` (API 2.0),
    /// `{"Response":<html>…` (API 3.0).
    MalformedJson,
    /// HTTP 200 with a valid answer cut in the middle (Content-Length matches the cut body).
    TruncatedJson,
    /// The connection is closed without any response.
    DropConnection,
    /// HTTP 200 with code 4400, codeDesc `RequestLimitExceeded` (API 2.0), or the error
    /// `RequestLimitExceeded` (API 3.0).
    Throttle,
    /// The action runs, and its answer is sent with its `Content-Length` one byte at a time,
    /// [`SLOW_DRIP_INTERVAL`](crate::SLOW_DRIP_INTERVAL) (50 ms) apart: a client's time-out
    /// runs out while it reads the body.
    SlowDrip,
    /// HTTP 200 with a `Content-Length` of [`OVERSIZED_BODY_BYTES`](crate::OVERSIZED_BODY_BYTES)
    /// (64 MiB), a valid JSON envelope padded to that size and streamed: a client's limit on
    /// the body's size applies before it reads any.
    OversizedBody,
    /// The same 64 MiB body sent chunked, without a `Content-Length`: a client's limit applies
    /// while it reads.
    OversizedChunked,
}

/// A fault: latency, a broken answer, or both. In a state file or over HTTP:
/// `{latencyMs: 200, kind: throttle, times: 2}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fault {
    /// Milliseconds to wait before answering (0 = none).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub latency_ms: u64,
    /// The broken answer, if any; `None` means the request is then handled normally.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<FaultKind>,
    /// How many more requests it applies to; `None` means every request until cleared. It
    /// counts down with each request it applies to and is removed at 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u32>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Fault {
    /// A fault that answers with `kind`.
    pub fn new(kind: FaultKind) -> Fault {
        Fault {
            latency_ms: 0,
            kind: Some(kind),
            times: None,
        }
    }

    /// A fault that only delays the answer.
    pub fn latency(latency: Duration) -> Fault {
        Fault {
            latency_ms: u64::try_from(latency.as_millis()).unwrap_or(u64::MAX),
            kind: None,
            times: None,
        }
    }

    /// The same fault with `latency` added before the answer.
    pub fn with_latency(mut self, latency: Duration) -> Fault {
        self.latency_ms = u64::try_from(latency.as_millis()).unwrap_or(u64::MAX);
        self
    }

    /// The same fault, applied to the next `times` requests only.
    pub fn times(mut self, times: u32) -> Fault {
        self.times = Some(times);
        self
    }

    /// The added latency.
    pub fn latency_duration(&self) -> Duration {
        Duration::from_millis(self.latency_ms)
    }
}

/// Whether faults may be keyed by `name`: [`ALL_ACTIONS`] (`*`) or an action of either version
/// of the service.
pub(crate) fn is_fault_key(name: &str) -> bool {
    name == ALL_ACTIONS
        || qcloud_as::service::ACTIONS.contains(&name)
        || qcloud_as::v3::service::ACTIONS.contains(&name)
}

/// The faults in force, by action name of either version (`DetachInstance`,
/// `DetachInstances`) or [`ALL_ACTIONS`] (`*`). An action's own entry takes precedence over
/// `*`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Faults {
    /// The faults, by action name or `*`.
    pub by_action: BTreeMap<String, Fault>,
}

impl Faults {
    /// Whether no fault is set.
    pub fn is_empty(&self) -> bool {
        self.by_action.is_empty()
    }

    /// Sets the fault of `action` (or `*`).
    pub fn set(&mut self, action: impl Into<String>, fault: Fault) {
        self.by_action.insert(action.into(), fault);
    }

    /// The fault a request for `action` gets now, counting it down if it is limited.
    pub(crate) fn take(&mut self, action: Option<&str>) -> Option<Fault> {
        let key = match action {
            Some(action) if self.by_action.contains_key(action) => action.to_owned(),
            _ if self.by_action.contains_key(ALL_ACTIONS) => ALL_ACTIONS.to_owned(),
            _ => return None,
        };
        let fault = self.by_action.get_mut(&key)?;
        let taken = *fault;
        match &mut fault.times {
            None => {}
            Some(0) => {
                self.by_action.remove(&key);
                return None;
            }
            Some(n) => {
                *n -= 1;
                if *n == 0 {
                    self.by_action.remove(&key);
                }
            }
        }
        Some(taken)
    }

    /// Checks the names: `*` or an action of either version. Returns the bad name and why.
    pub(crate) fn check(&self) -> Result<(), (String, String)> {
        for name in self.by_action.keys() {
            if !is_fault_key(name) {
                return Err((
                    name.clone(),
                    format!(
                        "unknown action {name:?}: use \"*\", an API 2.0 action ({}) or an API \
                         3.0 action ({})",
                        qcloud_as::service::ACTIONS.join(", "),
                        qcloud_as::v3::service::ACTIONS.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specific_entry_wins_and_times_count_down() {
        let mut faults = Faults::default();
        faults.set("*", Fault::latency(Duration::from_millis(5)));
        faults.set("DetachInstance", Fault::new(FaultKind::Throttle).times(2));
        let kind = |f: Option<Fault>| f.and_then(|f| f.kind);
        assert_eq!(
            kind(faults.take(Some("DetachInstance"))),
            Some(FaultKind::Throttle)
        );
        assert_eq!(
            kind(faults.take(Some("DetachInstance"))),
            Some(FaultKind::Throttle)
        );
        // Used up: now `*` applies.
        assert_eq!(
            faults.take(Some("DetachInstance")).map(|f| f.latency_ms),
            Some(5)
        );
        assert_eq!(faults.take(None).map(|f| f.latency_ms), Some(5));
    }

    #[test]
    fn kinds_have_their_wire_names() -> Result<(), serde_json::Error> {
        let faults: Faults = serde_json::from_str(
            r#"{"DescribeScalingGroup": {"kind": "slowDrip"},
                "DetachInstance": {"kind": "oversizedBody", "times": 1},
                "*": {"kind": "oversizedChunked"}}"#,
        )?;
        let kind = |name: &str| faults.by_action.get(name).and_then(|f| f.kind);
        assert_eq!(kind("DescribeScalingGroup"), Some(FaultKind::SlowDrip));
        assert_eq!(kind("DetachInstance"), Some(FaultKind::OversizedBody));
        assert_eq!(kind("*"), Some(FaultKind::OversizedChunked));
        Ok(())
    }

    #[test]
    fn unknown_action_names_are_refused() {
        let mut faults = Faults::default();
        faults.set("DetachInstanc", Fault::default());
        assert!(faults.check().is_err());
    }

    #[test]
    fn actions_of_both_versions_are_keys() {
        let mut faults = Faults::default();
        faults.set("DetachInstance", Fault::new(FaultKind::Throttle));
        faults.set("DetachInstances", Fault::new(FaultKind::Http502));
        assert_eq!(faults.check(), Ok(()));
        assert!(is_fault_key("DescribeAutoScalingGroups"));
        assert!(!is_fault_key("DescribeAutoScalingGroup"));
        let kind = |f: Option<Fault>| f.and_then(|f| f.kind);
        assert_eq!(
            kind(faults.take(Some("DetachInstances"))),
            Some(FaultKind::Http502)
        );
        assert_eq!(
            kind(faults.take(Some("DetachInstance"))),
            Some(FaultKind::Throttle)
        );
    }
}
