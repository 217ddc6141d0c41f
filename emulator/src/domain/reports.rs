//! What the account reports about itself, computed from its state: its limits and counts
//! (DescribeAccountLimits, from the one [`Quota`] table the commands enforce), each group's
//! last activity, and advice on a group's configuration.

use super::catalog::{Catalog, GroupConfiguration};
use super::model::ActivityStatus;
use super::quota::Quota;

/// The account's limits and how much of them it uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountLimits {
    /// The most launch configurations ([`Quota::LaunchConfigurationsPerAccount`]).
    pub max_launch_configurations: usize,
    /// How many it has.
    pub launch_configurations: usize,
    /// The most scaling groups ([`Quota::GroupsPerAccount`]).
    pub max_groups: usize,
    /// How many it has.
    pub groups: usize,
}

/// The account's limits, as the quotas the commands check, and its counts.
pub fn account_limits(store: &impl Catalog) -> AccountLimits {
    AccountLimits {
        max_launch_configurations: Quota::LaunchConfigurationsPerAccount.limit(),
        launch_configurations: store.launch_configurations(None),
        max_groups: Quota::GroupsPerAccount.limit(),
        groups: store.groups_in_account(),
    }
}

/// The id of the latest activity of each group of `groups` that exists and has one
/// (skipping cancelled ones when `exclude_cancelled`), in the order asked, each group once.
pub fn last_activities(
    store: &impl Catalog,
    groups: &[String],
    exclude_cancelled: bool,
) -> Vec<String> {
    // Read in one pass; a group named twice is answered once (its records are taken).
    let mut records = store.activities_of(groups);
    groups
        .iter()
        .filter_map(|g| {
            records
                .remove(g.as_str())?
                .into_iter()
                .rev()
                .find(|a| !(exclude_cancelled && a.status == ActivityStatus::Cancelled))
                .map(|a| a.id)
        })
        .collect()
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AdviceLevel {
    /// Nothing found (a group's overall level only).
    Normal,
    /// Scaling may fail at times.
    Warning,
    /// Scaling fails.
    Critical,
}

/// One finding about a group's configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    /// The problem, in short.
    pub problem: &'static str,
    /// What was found.
    pub detail: String,
    /// What to do.
    pub solution: &'static str,
    /// How serious it is.
    pub level: AdviceLevel,
}

/// The findings for one group, and their overall level (the most serious, `Normal` when
/// none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupAdvice {
    /// The group.
    pub group: String,
    /// The most serious level among the findings.
    pub level: AdviceLevel,
    /// The findings.
    pub advices: Vec<Advice>,
}

/// Advice on a group's configuration, from these checks in order: it has a launch
/// configuration that exists (else `Critical`: scale-outs fail); that configuration may
/// launch more than one instance type (else `Warning`: a sold-out type stops scale-outs); the
/// group spans more than one subnet (VPC) or availability zone (classic network) (else
/// `Warning`: one zone's trouble stops it); `MaxSize` is above `MinSize` (else `Warning`: it
/// cannot scale).
pub fn advise(c: &GroupConfiguration) -> GroupAdvice {
    let mut advices = Vec::new();
    match (&c.launch_configuration, &c.launch_configuration_id) {
        (Some(lc), _) if lc.instance_type_count() <= 1 => advices.push(Advice {
            problem: "single instance type",
            detail: format!(
                "launch configuration {} can launch only one instance type: when it sells out \
                 in the group's zones, scale-outs fail",
                lc.id
            ),
            solution: "give the launch configuration several instance types (InstanceTypes)",
            level: AdviceLevel::Warning,
        }),
        (Some(_), _) => {}
        (None, id) => advices.push(Advice {
            problem: "no launch configuration",
            detail: match id {
                Some(id) => format!("launch configuration {id} of the group does not exist"),
                None => "the group has no launch configuration".to_owned(),
            },
            solution: "give the group an existing launch configuration (ModifyAutoScalingGroup)",
            level: AdviceLevel::Critical,
        }),
    }
    let (spread, what) = if c.vpc {
        (c.subnets, "subnet")
    } else {
        (c.zones, "availability zone")
    };
    if spread <= 1 {
        advices.push(Advice {
            problem: "single availability zone or subnet",
            detail: format!(
                "the group spans {spread} {what}(s): trouble in one stops its scale-outs"
            ),
            solution: "give the group subnets (or zones) in several availability zones",
            level: AdviceLevel::Warning,
        });
    }
    if c.max_size <= c.min_size {
        advices.push(Advice {
            problem: "no room to scale",
            detail: format!(
                "MaxSize {} is not above MinSize {}: the group cannot scale",
                c.max_size, c.min_size
            ),
            solution: "raise MaxSize above MinSize (ModifyAutoScalingGroup)",
            level: AdviceLevel::Warning,
        });
    }
    GroupAdvice {
        group: c.group.clone(),
        level: advices
            .iter()
            .map(|a| a.level)
            .max()
            .unwrap_or(AdviceLevel::Normal),
        advices,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::LaunchConfiguration;

    fn configuration() -> GroupConfiguration {
        GroupConfiguration {
            group: "asg-x".to_owned(),
            launch_configuration: Some(LaunchConfiguration {
                instance_types: vec!["S5.SMALL1".to_owned(), "S5.SMALL2".to_owned()],
                ..LaunchConfiguration::new("asc-x", "x", 0)
            }),
            launch_configuration_id: Some("asc-x".to_owned()),
            vpc: true,
            zones: 0,
            subnets: 2,
            min_size: 0,
            max_size: 2,
        }
    }

    #[test]
    fn a_sound_group_gets_no_advice() {
        let advice = advise(&configuration());
        assert_eq!(advice.level, AdviceLevel::Normal);
        assert!(advice.advices.is_empty());
    }

    #[test]
    fn each_finding_and_the_overall_level() {
        let mut c = configuration();
        c.subnets = 1;
        let advice = advise(&c);
        assert_eq!(advice.level, AdviceLevel::Warning);
        assert_eq!(advice.advices.len(), 1);
        c.launch_configuration = None;
        c.max_size = 0;
        let advice = advise(&c);
        assert_eq!(advice.level, AdviceLevel::Critical);
        let problems: Vec<&str> = advice.advices.iter().map(|a| a.problem).collect();
        assert_eq!(
            problems,
            [
                "no launch configuration",
                "single availability zone or subnet",
                "no room to scale"
            ]
        );
    }
}
