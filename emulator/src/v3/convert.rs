//! How the one state's values read in API 3.0 and back: zones (numeric ids ↔ names),
//! instance types (cores and memory ↔ type names), the enumerations, network and load
//! balancer shapes. Every mapping choice of the emulator is here.

use crate::domain::load_balancers::ForwardBinding;
use crate::domain::model::{ActivityKind, ActivityStatus};
use crate::domain::{Creation, Health, LifeCycle, TerminationPolicy};
use crate::state::ScalingGroup;
use qcloud_as::v3::types::{ForwardLoadBalancer, ForwardLoadBalancerRequired, TargetAttribute};

/// The regions whose zones the emulator names, with the number their zone ids start with: zone
/// `n` of region `r` has the id `r × 100000 + n` (`ap-guangzhou-2` is `100002`, as the CVM
/// examples show; the other regions follow the same pattern, by the emulator's choice).
pub(crate) const ZONE_REGIONS: &[(&str, u32)] = &[
    ("ap-guangzhou", 1),
    ("ap-shanghai", 2),
    ("ap-hongkong", 3),
    ("ap-beijing", 8),
    ("ap-singapore", 9),
];

/// The zone name of a numeric zone id (`100002` → `ap-guangzhou-2`); an id not in the table
/// keeps its text.
pub(crate) fn zone_name(zone_id: &str) -> String {
    let name = zone_id.trim().parse::<u32>().ok().and_then(|id| {
        let (region, n) = (id / 100_000, id % 100_000);
        let (name, _) = ZONE_REGIONS.iter().find(|(_, r)| *r == region)?;
        (1..100).contains(&n).then(|| format!("{name}-{n}"))
    });
    name.unwrap_or_else(|| zone_id.to_owned())
}

/// The numeric zone id of a zone name (`ap-guangzhou-2` → `100002`); `None` for a name not in
/// the table.
pub(crate) fn zone_id(name: &str) -> Option<String> {
    let (region, n) = name.rsplit_once('-')?;
    if n.starts_with('0') || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = n.parse().ok().filter(|n| (1..100).contains(n))?;
    let (_, number) = ZONE_REGIONS.iter().find(|(r, _)| *r == region)?;
    Some((number * 100_000 + n).to_string())
}

/// The size word of an instance type for a number of cores (`SMALL` 1, `MEDIUM` 2, `LARGE` 4,
/// `nXLARGE` 4n).
fn size_word(cpu: i64) -> Option<String> {
    match cpu {
        1 => Some("SMALL".to_owned()),
        2 => Some("MEDIUM".to_owned()),
        4 => Some("LARGE".to_owned()),
        n if n > 4 && n % 4 == 0 => Some(format!("{}XLARGE", n / 4)),
        _ => None,
    }
}

/// The instance type API 3.0 shows for an API 2.0 launch configuration's cores and memory
/// (GB): the emulator names them in the standard family `S5`, e.g. 2 cores and 4 GB →
/// `S5.MEDIUM4`; `None` when either is missing or has no such name.
pub(crate) fn instance_type_of(cpu: Option<i64>, mem: Option<i64>) -> Option<String> {
    let (cpu, mem) = (cpu?, mem?);
    (mem > 0).then_some(())?;
    Some(format!("S5.{}{mem}", size_word(cpu)?))
}

/// The cores and memory (GB) of an instance type named `FAMILY.SIZEmem` (`S5.MEDIUM4` → 2, 4;
/// `SA2.2XLARGE16` → 8, 16); `None` for a name that does not follow the pattern.
pub(crate) fn cpu_mem_of(instance_type: &str) -> Option<(i64, i64)> {
    let (family, size) = instance_type.split_once('.')?;
    if family.is_empty() || !family.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let word = size.trim_end_matches(|c: char| c.is_ascii_digit());
    let mem: i64 = size.get(word.len()..)?.parse().ok().filter(|m| *m > 0)?;
    let cpu = match word {
        "SMALL" => 1,
        "MEDIUM" => 2,
        "LARGE" => 4,
        "XLARGE" => 8,
        _ => {
            let n = word.strip_suffix("XLARGE")?;
            if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            n.parse::<i64>().ok()?.checked_mul(4).filter(|c| *c > 0)?
        }
    };
    Some((cpu, mem))
}

/// Whether `name` looks like an instance type: `FAMILY.SIZE`, letters and digits.
pub(crate) fn is_instance_type(name: &str) -> bool {
    name.split_once('.').is_some_and(|(family, size)| {
        [family, size]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()))
    })
}

/// API 3.0's word for a value of one of the domain's word enums (a group's settings): the
/// domain's camelCase word in SCREAMING_SNAKE_CASE (`immediateRetry` → `IMMEDIATE_RETRY`,
/// `wakeUpStoppedScaling` → `WAKE_UP_STOPPED_SCALING`).
pub(crate) fn word<T: serde::Serialize>(value: &T) -> String {
    let camel = match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        _ => String::new(),
    };
    let mut out = String::with_capacity(camel.len() + 4);
    for c in camel.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// The domain's value of API 3.0's word ([`word`] backwards); `None` for a word it does not
/// have.
pub(crate) fn of_word<T: serde::de::DeserializeOwned>(word: &str) -> Option<T> {
    let mut camel = String::with_capacity(word.len());
    let mut upper = false;
    for c in word.chars() {
        match c {
            '_' => upper = true,
            c if upper => {
                camel.push(c.to_ascii_uppercase());
                upper = false;
            }
            c => camel.push(c.to_ascii_lowercase()),
        }
    }
    serde_json::from_value(serde_json::Value::String(camel)).ok()
}

/// `OLDEST_INSTANCE` / `NEWEST_INSTANCE` of a termination policy.
pub(crate) fn termination_policy(policy: TerminationPolicy) -> &'static str {
    match policy {
        TerminationPolicy::OldestInstance => "OLDEST_INSTANCE",
        TerminationPolicy::NewestInstance => "NEWEST_INSTANCE",
    }
}

/// The termination policy of its API 3.0 name; `None` for another value.
pub(crate) fn remove_policy(termination: &str) -> Option<TerminationPolicy> {
    match termination {
        "OLDEST_INSTANCE" => Some(TerminationPolicy::OldestInstance),
        "NEWEST_INSTANCE" => Some(TerminationPolicy::NewestInstance),
        _ => None,
    }
}

/// The API 3.0 `LifeCycleState` of a member's life cycle. Backing up, leaving a backup and
/// warming up (API 2.0 `Backuping`, `UnBackuping`, `Preheating`) have no API 3.0 value: the
/// instance serves meanwhile, so `IN_SERVICE`. The documentation lists no value for standby:
/// `IN_STANDBY` is the emulator's choice.
pub(crate) fn life_cycle_state(life_cycle: &LifeCycle) -> &'static str {
    match life_cycle {
        LifeCycle::Creating => "CREATING",
        LifeCycle::InService
        | LifeCycle::BackingUp
        | LifeCycle::LeavingBackup
        | LifeCycle::Preheating => "IN_SERVICE",
        LifeCycle::Terminating => "TERMINATING",
        LifeCycle::Attaching => "ATTACHING",
        LifeCycle::Detaching => "DETACHING",
        LifeCycle::AttachingLoadBalancers => "ATTACHING_LB",
        LifeCycle::DetachingLoadBalancers => "DETACHING_LB",
        LifeCycle::Standby => "IN_STANDBY",
        LifeCycle::Stopped => "STOPPED",
    }
}

/// `HEALTHY` / `UNHEALTHY`.
pub(crate) fn health_status(health: Health) -> &'static str {
    match health {
        Health::Healthy => "HEALTHY",
        Health::Unhealthy => "UNHEALTHY",
    }
}

/// `AUTO_CREATION` / `MANUAL_ATTACHING`.
pub(crate) fn creation_type(creation: Creation) -> &'static str {
    match creation {
        Creation::Auto => "AUTO_CREATION",
        Creation::Manual => "MANUAL_ATTACHING",
    }
}

/// The API 3.0 `ActivityType` of a kind: standby shows as a detach and an attach, a change
/// of load balancers as an attach, a refresh as a scale-out (neither documentation names a
/// type for them).
pub(crate) fn activity_type(kind: ActivityKind) -> &'static str {
    match kind {
        ActivityKind::ScaleOut | ActivityKind::Refresh => "SCALE_OUT",
        ActivityKind::ScaleIn => "SCALE_IN",
        ActivityKind::Attach | ActivityKind::ExitStandby | ActivityKind::LoadBalancers => {
            "ATTACH_INSTANCES"
        }
        ActivityKind::Detach | ActivityKind::EnterStandby => "DETACH_INSTANCES",
        ActivityKind::Remove => "REMOVE_INSTANCES",
        ActivityKind::Start => "START_INSTANCES",
        ActivityKind::Stop => "STOP_INSTANCES",
        ActivityKind::ReplaceUnhealthy => "REPLACE_UNHEALTHY_INSTANCE",
    }
}

/// The API 3.0 `StatusCode` of a status.
pub(crate) fn activity_status(status: ActivityStatus) -> &'static str {
    match status {
        ActivityStatus::Init => "INIT",
        ActivityStatus::Running => "RUNNING",
        ActivityStatus::Successful => "SUCCESSFUL",
        ActivityStatus::PartiallySuccessful => "PARTIALLY_SUCCESSFUL",
        ActivityStatus::Failed => "FAILED",
        ActivityStatus::Cancelled => "CANCELLED",
    }
}

/// The VPC id API 3.0 shows: empty for the classic network.
pub(crate) fn vpc_id(group: &ScalingGroup) -> String {
    group.vpc_id.clone().unwrap_or_default()
}

/// A forwarding load balancer binding as API 3.0 shows it.
pub(crate) fn forward_load_balancer(b: &ForwardBinding) -> ForwardLoadBalancer {
    let mut out = ForwardLoadBalancer::new(ForwardLoadBalancerRequired {
        load_balancer_id: b.key.load_balancer_id.clone(),
        listener_id: b.key.listener_id.clone(),
        target_attributes: b
            .targets
            .iter()
            .map(|t| TargetAttribute::new(t.port, t.weight))
            .collect(),
    });
    out.location_id = b.key.location_id.clone();
    out
}

/// An API 3.0 forwarding load balancer as the state keeps it (its `Region` is not kept).
pub(crate) fn forward_lb_info(lb: &ForwardLoadBalancer) -> ForwardBinding {
    ForwardBinding::new(
        &lb.load_balancer_id,
        &lb.listener_id,
        lb.location_id.as_deref(),
        lb.target_attributes.iter().map(|t| (t.port, t.weight)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_both_ways() {
        use crate::domain::group_settings::{InstanceAllocationPolicy, RetryPolicy, ScalingMode};
        assert_eq!(word(&RetryPolicy::ImmediateRetry), "IMMEDIATE_RETRY");
        assert_eq!(
            word(&ScalingMode::WakeUpStoppedScaling),
            "WAKE_UP_STOPPED_SCALING"
        );
        assert_eq!(
            of_word("LAUNCH_CONFIGURATION"),
            Some(InstanceAllocationPolicy::LaunchConfiguration)
        );
        assert_eq!(of_word("NO_RETRY"), Some(RetryPolicy::NoRetry));
        assert_eq!(of_word::<RetryPolicy>("SOMETIMES"), None);
        assert_eq!(of_word::<RetryPolicy>("noRetry"), None);
    }

    #[test]
    fn zones_both_ways() {
        assert_eq!(zone_name("100002"), "ap-guangzhou-2");
        assert_eq!(zone_name("800003"), "ap-beijing-3");
        assert_eq!(zone_name("700001"), "700001");
        assert_eq!(zone_name("100000"), "100000");
        assert_eq!(zone_id("ap-guangzhou-2").as_deref(), Some("100002"));
        assert_eq!(zone_id("ap-singapore-4").as_deref(), Some("900004"));
        for bad in [
            "ap-mars-1",
            "ap-guangzhou-0",
            "ap-guangzhou-02",
            "ap-guangzhou",
            "-1",
            "",
        ] {
            assert_eq!(zone_id(bad), None, "{bad}");
        }
        for id in ["100001", "200007", "300002", "900001"] {
            assert_eq!(zone_id(&zone_name(id)).as_deref(), Some(id));
        }
    }

    #[test]
    fn instance_types_both_ways() {
        assert_eq!(
            instance_type_of(Some(2), Some(4)).as_deref(),
            Some("S5.MEDIUM4")
        );
        assert_eq!(
            instance_type_of(Some(8), Some(32)).as_deref(),
            Some("S5.2XLARGE32")
        );
        assert_eq!(instance_type_of(Some(3), Some(4)), None);
        assert_eq!(instance_type_of(None, Some(4)), None);
        assert_eq!(cpu_mem_of("S5.MEDIUM4"), Some((2, 4)));
        assert_eq!(cpu_mem_of("SA2.SMALL1"), Some((1, 1)));
        assert_eq!(cpu_mem_of("S5.2XLARGE32"), Some((8, 32)));
        assert_eq!(cpu_mem_of("S5.16XLARGE256"), Some((64, 256)));
        assert_eq!(cpu_mem_of("S5.XLARGE16"), Some((8, 16)));
        for bad in [
            "S5",
            "S5.",
            ".MEDIUM4",
            "S5.MEDIUM",
            "S5.HUGE4",
            "S5.0XLARGE4",
            "é.MEDIUM4",
        ] {
            assert_eq!(cpu_mem_of(bad), None, "{bad}");
        }
        for (cpu, mem) in [(1, 2), (2, 8), (4, 16), (16, 64)] {
            let name = instance_type_of(Some(cpu), Some(mem)).unwrap_or_default();
            assert_eq!(cpu_mem_of(&name), Some((cpu, mem)), "{name}");
        }
        assert!(
            is_instance_type("S5.MEDIUM4") && !is_instance_type("S5") && !is_instance_type("a.b.c")
        );
    }
}
