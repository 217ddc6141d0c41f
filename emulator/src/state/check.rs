//! Why a state can be refused: parse errors, and the consistency checks of [`State::validate`],
//! located on the line of the entry at fault when the source text is known.

use super::State;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Why a state could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StateError {
    /// The file could not be read.
    #[error("{source_name}: cannot read the state file: {error}")]
    Io {
        /// The file.
        source_name: String,
        /// The cause.
        #[source]
        error: std::io::Error,
    },
    /// The text is not a state: bad YAML or JSON, an unknown field, a value of the wrong type.
    #[error("{source_name}: {}{message}", position(*.line, *.column))]
    Parse {
        /// The file or other source.
        source_name: String,
        /// 1-based line, when known.
        line: Option<usize>,
        /// 1-based column, when known.
        column: Option<usize>,
        /// The parser's message, with the path of the field (e.g. `scalingGroups[0].minSize`).
        message: String,
    },
    /// The state parses but is inconsistent (an unknown instance, an id given twice, …).
    #[error("{source_name}: {}{entry}: {message}", position(*.line, None))]
    Invalid {
        /// The file or other source.
        source_name: String,
        /// 1-based line of the entry, when it could be found.
        line: Option<usize>,
        /// The entry at fault, e.g. `scalingGroups[0].instances[1]`.
        entry: String,
        /// What is wrong.
        message: String,
    },
}

fn position(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("line {l} column {c}: "),
        (Some(l), None) => format!("line {l}: "),
        _ => String::new(),
    }
}

/// A consistency problem found by [`State::validate`], before a source name is attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub(crate) entry: String,
    pub(crate) message: String,
    /// A value to look for in the source text to find the line (and which occurrence, 1-based).
    pub(crate) needle: Option<(String, usize)>,
}

impl Problem {
    pub(crate) fn new(entry: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            entry: entry.into(),
            message: message.into(),
            needle: None,
        }
    }

    pub(crate) fn at(mut self, value: &str, occurrence: usize) -> Self {
        self.needle = Some((value.to_owned(), occurrence));
        self
    }

    pub(crate) fn into_error(self, source_name: &str, text: Option<&str>) -> StateError {
        let line = match (&self.needle, text) {
            (Some((needle, nth)), Some(text)) => line_of(text, needle, *nth),
            _ => None,
        };
        StateError::Invalid {
            source_name: source_name.to_owned(),
            line,
            entry: self.entry,
            message: self.message,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.entry, self.message)
    }
}

/// The 1-based line of the `nth` line that holds `needle` as a whole word.
fn line_of(text: &str, needle: &str, nth: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.';
    let mut seen = 0;
    for (index, line) in text.lines().enumerate() {
        let found = line.match_indices(needle).any(|(at, _)| {
            let before = line[..at].chars().next_back();
            let after = line[at + needle.len()..].chars().next();
            !before.is_some_and(is_word) && !after.is_some_and(is_word)
        });
        if found {
            seen += 1;
            if seen == nth {
                return Some(index + 1);
            }
        }
    }
    None
}

impl State {
    pub(crate) fn check(&self) -> Result<(), Problem> {
        if self.credentials.is_empty() {
            return Err(Problem::new(
                "credentials",
                "at least one credential is needed to call the emulator",
            ));
        }
        let mut ids = HashSet::new();
        for (i, c) in self.credentials.iter().enumerate() {
            let entry = format!("credentials[{i}]");
            if c.secret_id.is_empty() || c.secret_key.is_empty() {
                return Err(Problem::new(
                    entry,
                    "secretId and secretKey must not be empty",
                ));
            }
            if !ids.insert(c.secret_id.as_str()) {
                return Err(Problem::new(
                    entry,
                    format!("secretId {} is given more than once", c.secret_id),
                )
                .at(&c.secret_id, 2));
            }
        }

        let mut instances: HashSet<&str> = HashSet::new();
        for (i, instance) in self.instances.iter().enumerate() {
            let entry = format!("instances[{i}]");
            if instance.instance_id.is_empty() {
                return Err(Problem::new(entry, "instanceId must not be empty"));
            }
            if !instances.insert(instance.instance_id.as_str()) {
                return Err(Problem::new(
                    entry,
                    format!("instance {} is given more than once", instance.instance_id),
                )
                .at(&instance.instance_id, 2));
            }
        }

        let mut configurations = HashSet::new();
        for (i, c) in self.launch_configurations.iter().enumerate() {
            if !configurations.insert(c.id.as_str()) {
                return Err(Problem::new(
                    format!("launchConfigurations[{i}]"),
                    format!("launch configuration {} is given more than once", c.id),
                )
                .at(&c.id, 2));
            }
        }

        let mut group_ids = HashSet::new();
        let mut group_names = HashSet::new();
        // instance id -> (group index, how often it was seen so far in the text order)
        let mut membership: HashMap<&str, usize> = HashMap::new();
        for (g, group) in self.scaling_groups.iter().enumerate() {
            let entry = format!("scalingGroups[{g}]");
            if group.id.is_empty() {
                return Err(Problem::new(entry, "scalingGroupId must not be empty"));
            }
            if !group_ids.insert(group.id.as_str()) {
                return Err(Problem::new(
                    entry,
                    format!("scaling group {} is given more than once", group.id),
                )
                .at(&group.id, 2));
            }
            if !group_names.insert(group.name.as_str()) {
                return Err(Problem::new(
                    format!("{entry}.scalingGroupName"),
                    format!("the name {:?} is used by another scaling group", group.name),
                )
                .at(&group.id, 1));
            }
            if let Some(config) = &group.scaling_configuration_id {
                if !configurations.contains(config.as_str()) {
                    return Err(Problem::new(
                        format!("{entry}.scalingConfigurationId"),
                        format!("launch configuration {config} is not in launchConfigurations"),
                    )
                    .at(config, 1));
                }
            }
            if group.min_size < 0 {
                return Err(
                    Problem::new(format!("{entry}.minSize"), "must not be negative")
                        .at(&group.id, 1),
                );
            }
            if group.min_size > group.max_size {
                return Err(Problem::new(
                    format!("{entry}.minSize"),
                    format!(
                        "minSize {} is greater than maxSize {}",
                        group.min_size, group.max_size
                    ),
                )
                .at(&group.id, 1));
            }
            for (i, member) in group.instances.iter().enumerate() {
                let entry = format!("{entry}.instances[{i}]");
                let id = member.instance_id.as_str();
                let count = membership.entry(id).or_insert(0);
                *count += 1;
                // Occurrences in the text: once in `instances`, then once per membership.
                let occurrence = *count + 1;
                if !instances.contains(id) {
                    return Err(
                        Problem::new(entry, format!("instance {id} is not in instances"))
                            .at(id, *count),
                    );
                }
                if *count > 1 {
                    return Err(Problem::new(
                        entry,
                        format!("instance {id} is already in another scaling group (or twice in this one)"),
                    )
                    .at(id, occurrence));
                }
            }
        }

        self.check_group_resources()?;

        let mut activities = HashSet::new();
        for (i, a) in self.scaling_activities.iter().enumerate() {
            if !activities.insert(a.id.as_str()) {
                return Err(Problem::new(
                    format!("scalingActivities[{i}]"),
                    format!("scaling activity {} is given more than once", a.id),
                )
                .at(&a.id, 2));
            }
        }

        self.faults.check().map_err(|(name, message)| {
            Problem::new(format!("faults.{name}"), message).at(&name, 1)
        })?;
        self.check_simulation()
    }
}

impl State {
    /// The simulation's entries: a metric period of at least a second; activities in progress
    /// on groups that exist, one per group, each with its record and with instances of its
    /// group; cooldowns, metrics and planned failures of groups that exist.
    fn check_simulation(&self) -> Result<(), Problem> {
        let sim = &self.simulation;
        if sim.timing.metric_period_seconds == 0 {
            return Err(Problem::new(
                "simulation.timing.metricPeriodSeconds",
                "must be at least 1",
            )
            .at("metricPeriodSeconds", 1));
        }
        let mut running: HashSet<&str> = HashSet::new();
        // Each activity's group, looked up once per run (a state may hold many activities).
        let recorded_groups: HashMap<&str, &str> = if sim.activities.is_empty() {
            HashMap::new()
        } else {
            self.scaling_activities
                .iter()
                .map(|a| (a.id.as_str(), a.group.as_str()))
                .collect()
        };
        for (i, run) in sim.activities.iter().enumerate() {
            let entry = format!("simulation.activities[{i}]");
            let group_id = run.scaling_group_id.as_str();
            let Some(group) = self.group(group_id) else {
                return Err(Problem::new(
                    format!("{entry}.scalingGroupId"),
                    format!("scaling group {group_id} is not in scalingGroups"),
                )
                .at(&run.scaling_activity_id, 2));
            };
            if !running.insert(group_id) {
                return Err(Problem::new(
                    entry,
                    format!("scaling group {group_id} already has an activity in progress"),
                )
                .at(&run.scaling_activity_id, 2));
            }
            let recorded = recorded_groups
                .get(run.scaling_activity_id.as_str())
                .is_some_and(|g| *g == run.scaling_group_id);
            if !recorded {
                return Err(Problem::new(
                    format!("{entry}.scalingActivityId"),
                    format!(
                        "activity {} of scaling group {group_id} is not in scalingActivities",
                        run.scaling_activity_id
                    ),
                )
                .at(&run.scaling_activity_id, 1));
            }
            for (j, step) in run.instances.iter().enumerate() {
                if !group
                    .instances
                    .iter()
                    .any(|m| m.instance_id == step.instance_id)
                {
                    return Err(Problem::new(
                        format!("{entry}.instances[{j}]"),
                        format!(
                            "instance {} is not in scaling group {group_id}",
                            step.instance_id
                        ),
                    )
                    .at(&step.instance_id, 1));
                }
            }
        }
        let groups = sim
            .cooldowns
            .iter()
            .map(|c| ("cooldowns", c.scaling_group_id.as_str()))
            .chain(
                sim.metrics
                    .iter()
                    .map(|m| ("metrics", m.scaling_group_id.as_str())),
            )
            .chain(
                sim.failures
                    .iter()
                    .map(|f| ("failures", f.scaling_group_id.as_str())),
            );
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (list, group_id) in groups {
            let index = seen.entry(list).or_insert(0);
            if self.group(group_id).is_none() {
                return Err(Problem::new(
                    format!("simulation.{list}[{index}].scalingGroupId"),
                    format!("scaling group {group_id} is not in scalingGroups"),
                ));
            }
            *index += 1;
        }
        for (i, reading) in sim.metrics.iter().enumerate() {
            if !reading.value.is_finite() {
                return Err(Problem::new(
                    format!("simulation.metrics[{i}].value"),
                    "must be a finite number",
                ));
            }
        }
        Ok(())
    }
}

impl State {
    /// Policies, scheduled tasks, notifications and lifecycle hooks: ids unique in the
    /// account, names unique in their group, the bound hook one of the group's.
    fn check_group_resources(&self) -> Result<(), Problem> {
        let mut ids: HashSet<&str> = HashSet::new();
        for (g, group) in self.scaling_groups.iter().enumerate() {
            let entry = format!("scalingGroups[{g}]");
            let resources = group
                .scaling_policies
                .iter()
                .map(|p| ("scalingPolicies", &p.id, Some(&p.name)))
                .chain(
                    group
                        .scheduled_actions
                        .iter()
                        .map(|t| ("scheduledActions", &t.id, Some(&t.name))),
                )
                .chain(
                    group
                        .notifications
                        .iter()
                        .map(|n| ("notifications", &n.id, None)),
                )
                .chain(
                    group
                        .lifecycle_hooks
                        .iter()
                        .map(|h| ("lifecycleHooks", &h.id, Some(&h.name))),
                );
            let mut names: HashSet<(&str, &str)> = HashSet::new();
            for (list, id, name) in resources {
                if id.is_empty() {
                    return Err(
                        Problem::new(format!("{entry}.{list}"), "an id must not be empty")
                            .at(&group.id, 1),
                    );
                }
                if !ids.insert(id) {
                    return Err(Problem::new(
                        format!("{entry}.{list}"),
                        format!("{id} is given more than once"),
                    )
                    .at(id, 2));
                }
                if let Some(name) = name {
                    if !names.insert((list, name)) {
                        return Err(Problem::new(
                            format!("{entry}.{list}"),
                            format!("the name {name:?} is used twice in this group"),
                        )
                        .at(id, 1));
                    }
                }
            }
            if let Some(bound) = &group.bound_life_cycle_hook_id {
                if !group.lifecycle_hooks.iter().any(|h| &h.id == bound) {
                    return Err(Problem::new(
                        format!("{entry}.boundLifeCycleHookId"),
                        format!("{bound} is not one of the group's lifecycleHooks"),
                    )
                    .at(bound, 1));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_of_finds_whole_words() {
        let text = "a: ins-1x\nb: ins-1\nc: ins-1\n";
        assert_eq!(line_of(text, "ins-1", 1), Some(2));
        assert_eq!(line_of(text, "ins-1", 2), Some(3));
        assert_eq!(line_of(text, "ins-1", 3), None);
    }
}
