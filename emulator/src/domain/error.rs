//! The one error of the domain: what was refused and why, in the domain's words. Each
//! protocol turns a [`DomainError`] into its own answer with its generated constructors (one
//! `match` per action in the protocol's adapter); the message is the `Display` text.

use super::model::{LifeCycle, RefreshStatus};
use super::quota::Quota;
use crate::util::format_time;
use std::fmt;

/// Why the domain refused a command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DomainError {
    /// No scaling group has this id.
    GroupNotFound {
        /// The id asked for.
        group: String,
    },
    /// No instance of the account has this id.
    InstanceNotFound {
        /// The id asked for.
        instance: String,
    },
    /// The same instance is named twice in one command.
    InstanceGivenTwice {
        /// The instance.
        instance: String,
    },
    /// The instance is not a member of the group the command is about.
    InstanceNotInGroup {
        /// The instance.
        instance: String,
        /// The group.
        group: String,
    },
    /// The instance is a member of the group already.
    InstanceAlreadyInGroup {
        /// The instance.
        instance: String,
        /// The group.
        group: String,
    },
    /// The instance is a member of another group.
    InstanceInOtherGroup {
        /// The instance.
        instance: String,
        /// The group it is in.
        other: String,
    },
    /// The instance is not in a state the command accepts (attach: not running or stopped).
    InstanceNotAttachable {
        /// The instance.
        instance: String,
        /// Its state.
        state: String,
        /// The states accepted, in words.
        accepted: &'static str,
    },
    /// The member is in the middle of a life-cycle change (not in service).
    InstanceNotInService {
        /// The instance.
        instance: String,
        /// Where it is.
        life_cycle: LifeCycle,
    },
    /// Members are protected from detaching (API 2.0 SetCvmProtectedDetach).
    InstancesProtectedFromDetach {
        /// The protected ones among those named.
        instances: Vec<String>,
    },
    /// The group is disabled and the command needs it enabled.
    GroupDisabled {
        /// The group.
        group: String,
    },
    /// A scaling activity of the group is running.
    GroupInActivity {
        /// The group.
        group: String,
    },
    /// The group would keep fewer in-service members than its minimum size.
    BelowMinSize {
        /// How many would leave.
        leaving: usize,
        /// How many in-service members would stay.
        staying: usize,
        /// The minimum size.
        min_size: i64,
    },
    /// The group would hold more members than its maximum size.
    AboveMaxSize {
        /// How many would join.
        joining: usize,
        /// How many it holds.
        members: usize,
        /// The maximum size.
        max_size: i64,
    },
    /// The group still has members that block deleting it.
    GroupHasInstances {
        /// The group.
        group: String,
        /// How many block it.
        count: usize,
        /// Which members count, in words (`instance(s)`, `IN_SERVICE instance(s)`).
        which: &'static str,
    },
    /// A quota of the account is reached.
    QuotaExceeded {
        /// The quota.
        quota: Quota,
        /// What it is counted over: `project 0`, `the account`, `scaling group asg-…`.
        scope: String,
    },
    /// The system gave no randomness for a new id.
    NoRandomness(String),
    // Launch configurations, groups and load balancers:
    /// No launch configuration has this id.
    LaunchConfigurationNotFound {
        /// The id asked for.
        id: String,
    },
    /// Another launch configuration has this name already.
    LaunchConfigurationNameTaken {
        /// The name.
        name: String,
    },
    /// Groups use the launch configuration: as theirs, or through an instance it created that
    /// is still in them.
    LaunchConfigurationInUse {
        /// The launch configuration.
        id: String,
        /// The groups that use it.
        groups: Vec<String>,
    },
    /// Neither classic nor forwarding load balancers are named.
    LoadBalancersNotGiven,
    /// Classic and forwarding load balancers together, in one request or in one group.
    LoadBalancerKindsMixed {
        /// The group.
        group: String,
    },
    /// A load balancer (or forwarding listener) is named twice, or is bound to the group
    /// already.
    LoadBalancerGivenTwice {
        /// The load balancer, with its listener and rule for a forwarding one.
        load_balancer: String,
        /// Whether it is a forwarding (application) load balancer.
        forward: bool,
    },
    /// A load balancer (or forwarding listener) named is not bound to the group.
    LoadBalancerNotBound {
        /// The load balancer, with its listener and rule for a forwarding one.
        load_balancer: String,
        /// The group.
        group: String,
    },
    /// A port is given twice for one forwarding listener.
    TargetPortDuplicated {
        /// The listener.
        load_balancer: String,
        /// The port.
        port: i64,
    },
    /// A target's port or weight is outside its range.
    TargetOutOfRange {
        /// `port` or `weight`.
        what: &'static str,
        /// The value given.
        value: i64,
        /// The lowest value allowed.
        low: i64,
        /// The highest value allowed.
        high: i64,
    },
    /// A change of a group's load balancers would change nothing, so no activity is
    /// generated.
    LoadBalancersUnchanged {
        /// The group.
        group: String,
    },

    // Instance refresh.
    /// No refresh of the group has this id.
    RefreshNotFound {
        /// The id asked for.
        refresh: String,
        /// The group named with it.
        group: String,
    },
    /// A refresh of the group is running or paused.
    RefreshInProgress {
        /// The group.
        group: String,
        /// The refresh.
        refresh: String,
    },
    /// The refresh is not in a status the command is allowed from.
    RefreshStatusConflict {
        /// The refresh.
        refresh: String,
        /// Where it is.
        status: RefreshStatus,
        /// What was asked, in words (`paused`, `resumed`, …).
        command: &'static str,
    },
    /// The group has no in-service instance to refresh.
    NoInstanceToRefresh {
        /// The group.
        group: String,
    },
    /// The refresh refreshed no instance still in service in the group.
    NoInstanceToRollback {
        /// The refresh to undo.
        refresh: String,
    },
    /// More batches than instances to refresh.
    BatchNumberTooLarge {
        /// The batches asked for.
        batches: u64,
        /// The instances to refresh.
        instances: usize,
    },
    /// More surge instances than the largest batch holds.
    MaxSurgeTooLarge {
        /// The surge asked for.
        surge: u64,
        /// The largest batch.
        batch_size: usize,
    },
    /// The refresh can never be rolled back (replaced instances, or cancelled).
    RefreshCannotRollback {
        /// The refresh.
        refresh: String,
        /// Why, in words.
        why: &'static str,
    },
    /// The refresh is itself a rollback.
    RollbackOfRollback {
        /// The refresh.
        refresh: String,
    },
    /// A refresh setting is outside what the command takes.
    RefreshSettingInvalid {
        /// What is wrong, naming the setting.
        what: String,
    },
    // Scheduled actions, lifecycle hooks, notifications:
    /// A scheduled action's value does not hold.
    ScheduleInvalid {
        /// The value at fault.
        field: ScheduleField,
        /// What is wrong, in words.
        message: String,
    },
    /// A repeating action needs both an end time and a crontab line.
    ScheduleIncomplete {
        /// The one given.
        given: ScheduleField,
        /// The one missing.
        missing: ScheduleField,
    },
    /// The end time is not later than the start time.
    ScheduleEndNotAfterStart {
        /// Start, Unix seconds.
        start: u64,
        /// End, Unix seconds.
        end: u64,
    },
    /// The crontab line is not valid.
    ScheduleRecurrenceInvalid {
        /// Why.
        problem: String,
    },
    /// Another scheduled action of the group has the name.
    ScheduledActionNameTaken {
        /// The name.
        name: String,
        /// The group.
        group: String,
        /// The action that has it.
        other: String,
    },
    /// Another scheduled action of the group starts at the same time.
    ScheduledActionStartTaken {
        /// The start, Unix seconds.
        start: u64,
        /// The group.
        group: String,
        /// The action that starts then.
        other: String,
    },
    /// No scheduled action has the id (in the group, when one was named).
    ScheduledActionNotFound {
        /// The id.
        id: String,
        /// The group named, if any.
        group: Option<String>,
    },
    /// A hook's name is blank.
    HookNameEmpty,
    /// Another hook of the group has the name.
    HookNameTaken {
        /// The name.
        name: String,
        /// The group.
        group: String,
    },
    /// No hook has the id.
    HookNotFound {
        /// The id.
        id: String,
    },
    /// The hook belongs to another group than the one named.
    HookInOtherGroup {
        /// The hook.
        id: String,
        /// Its group.
        owner: String,
        /// The group named.
        group: String,
    },
    /// The hook is bound to its group (API 2.0 AttachLifeCycleHookId).
    HookBound {
        /// The hook.
        id: String,
        /// The group.
        group: String,
    },
    /// The hook does not hold the instance.
    HookNotHolding {
        /// The hook.
        hook: String,
        /// The instance.
        instance: String,
    },
    /// The hook's result for the instance was given already.
    HookResultAlreadySet {
        /// The hook.
        hook: String,
        /// The instance.
        instance: String,
    },
    /// No lifecycle action has the token.
    LifecycleTokenNotFound {
        /// The token.
        token: String,
    },
    /// The lifecycle action with the token is another hook's.
    LifecycleTokenOfOtherHook {
        /// The token.
        token: String,
        /// The hook named.
        hook: String,
        /// The hook whose action it is.
        owner: String,
    },
    /// A notification's events are missing or repeated.
    NotificationEventsInvalid {
        /// Why.
        problem: String,
    },
    /// A notification's user groups are missing, blank or repeated.
    NotificationReceiversInvalid {
        /// Why.
        problem: String,
    },
    /// A queue or topic target does not name its queue or topic.
    NotificationTargetIncomplete {
        /// Why.
        problem: String,
    },
    /// No notification has the id.
    NotificationNotFound {
        /// The id.
        id: String,
    },
    /// The notification belongs to another group than the one named.
    NotificationInOtherGroup {
        /// The notification.
        id: String,
        /// Its group.
        owner: String,
        /// The group named.
        group: String,
    },
    /// The same notification is named twice.
    NotificationGivenTwice {
        /// The notification.
        id: String,
    },
    /// A change gives nothing to change.
    NothingToChange,
    // Instances and policies: standby, start/stop, scale out/in, scaling policies.
    /// The member is not in the state the command needs (standby to exit it, stopped to
    /// start it).
    InstanceNotIn {
        /// The instance.
        instance: String,
        /// Where it is.
        life_cycle: LifeCycle,
        /// The state needed, in words.
        wanted: &'static str,
    },
    /// A count (ScaleOutNumber, ScaleInNumber) outside what the command takes.
    CountOutOfRange {
        /// What is counted.
        what: &'static str,
        /// The value given.
        value: i64,
        /// The least allowed.
        min: i64,
        /// The most allowed.
        max: i64,
    },
    /// No scaling policy has this id (in the group, when one is named).
    PolicyNotFound {
        /// The id asked for.
        policy: String,
    },
    /// A value of a policy is not acceptable.
    PolicyInvalid {
        /// Which part.
        field: PolicyField,
        /// What is wrong, naming the value.
        problem: String,
    },
    /// Another policy has the name, where names must be unique.
    PolicyNameTaken {
        /// The name.
        name: String,
        /// Where it must be unique: `scaling group asg-…` or `the account`.
        scope: String,
    },
    /// The group's default policy cannot be changed or deleted.
    DefaultPolicyUnchangeable {
        /// The policy.
        policy: String,
    },
    /// The command does not apply to a policy of this kind (a target-tracking policy run by
    /// hand, or given simple parameters).
    PolicyKindMismatch {
        /// The policy.
        policy: String,
        /// Its kind.
        kind: crate::domain::policy::PolicyKind,
        /// What was asked, in words.
        asked: String,
    },
    /// The group has a target-tracking policy on the metric already.
    TrackingPolicyTaken {
        /// The group.
        group: String,
        /// The metric.
        metric: crate::domain::policy::Metric,
    },
    /// The group cools down after an activity and the command honours it.
    CoolingDown {
        /// The group.
        group: String,
        /// Until when (Unix seconds).
        until: u64,
    },
    /// The command would start no activity.
    NothingToDo {
        /// Why, in words.
        why: String,
    },
}

/// The part of a policy a [`DomainError::PolicyInvalid`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyField {
    /// Its name (blank, too long, characters).
    Name,
    /// Its adjustment type.
    AdjustmentType,
    /// Its adjustment value.
    AdjustmentValue,
    /// Its alarm's metric or comparison.
    Metric,
    /// Its alarm's threshold.
    Threshold,
    /// Its alarm's period or periods in a row.
    Period,
    /// A target-tracking policy's target value.
    Target,
    /// A target-tracking policy's warm-up.
    Warmup,
    /// Its cooldown.
    Cooldown,
    /// A parameter its kind needs is missing.
    Missing,
}

impl fmt::Display for DomainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DomainError::GroupNotFound { group } => {
                write!(f, "scaling group {group} does not exist")
            }
            DomainError::InstanceNotFound { instance } => {
                write!(f, "instance {instance} does not exist")
            }
            DomainError::InstanceGivenTwice { instance } => {
                write!(f, "instance {instance} is given more than once")
            }
            DomainError::InstanceNotInGroup { instance, group } => {
                write!(f, "instance {instance} is not in scaling group {group}")
            }
            DomainError::InstanceAlreadyInGroup { instance, group } => {
                write!(f, "instance {instance} is already in scaling group {group}")
            }
            DomainError::InstanceInOtherGroup { instance, other } => {
                write!(
                    f,
                    "instance {instance} is in another scaling group, {other}"
                )
            }
            DomainError::InstanceNotAttachable {
                instance,
                state,
                accepted,
            } => write!(f, "instance {instance} is {state}, not {accepted}"),
            DomainError::InstanceNotInService {
                instance,
                life_cycle,
            } => write!(f, "instance {instance} is {life_cycle}, not in service"),
            DomainError::InstancesProtectedFromDetach { instances } => write!(
                f,
                "instance(s) {} are protected from detaching (SetCvmProtectedDetach); clear \
                 the protection first",
                instances.join(", ")
            ),
            DomainError::GroupDisabled { group } => {
                write!(f, "scaling group {group} is not active")
            }
            DomainError::GroupInActivity { group } => {
                write!(f, "scaling group {group} is performing a scaling activity")
            }
            DomainError::BelowMinSize {
                leaving,
                staying,
                min_size,
            } => write!(
                f,
                "taking out {leaving} instance(s) would leave {staying} in service, below \
                 minSize {min_size}"
            ),
            DomainError::AboveMaxSize {
                joining,
                members,
                max_size,
            } => write!(
                f,
                "attaching {joining} instance(s) to the {members} of the group would make {}, \
                 above maxSize {max_size}",
                joining.saturating_add(*members)
            ),
            DomainError::GroupHasInstances {
                group,
                count,
                which,
            } => write!(
                f,
                "scaling group {group} still has {count} {which}; take them out first"
            ),
            DomainError::QuotaExceeded { quota, scope } => write!(
                f,
                "{scope} already has {} {} (the most allowed)",
                quota.limit(),
                quota.what()
            ),
            DomainError::NoRandomness(e) => write!(f, "no random id: {e}"),
            DomainError::RefreshNotFound { refresh, group } => {
                write!(f, "scaling group {group} has no refresh activity {refresh}")
            }
            DomainError::RefreshInProgress { group, refresh } => write!(
                f,
                "scaling group {group} is in refresh activity {refresh}, which is running or \
                 paused"
            ),
            DomainError::RefreshStatusConflict {
                refresh,
                status,
                command,
            } => write!(
                f,
                "refresh activity {refresh} is {status}: it cannot be {command}"
            ),
            DomainError::NoInstanceToRefresh { group } => {
                write!(
                    f,
                    "scaling group {group} has no in-service instance to refresh"
                )
            }
            DomainError::NoInstanceToRollback { refresh } => write!(
                f,
                "refresh activity {refresh} refreshed no instance still in service in the group"
            ),
            DomainError::BatchNumberTooLarge { batches, instances } => write!(
                f,
                "BatchNumber {batches} is more than the {instances} instance(s) to refresh"
            ),
            DomainError::MaxSurgeTooLarge { surge, batch_size } => write!(
                f,
                "MaxSurge {surge} is more than a batch's {batch_size} instance(s)"
            ),
            DomainError::RefreshCannotRollback { refresh, why } => {
                write!(f, "refresh activity {refresh} cannot be rolled back: {why}")
            }
            DomainError::RollbackOfRollback { refresh } => write!(
                f,
                "refresh activity {refresh} is a rollback; a rollback cannot be rolled back"
            ),
            DomainError::RefreshSettingInvalid { what } => f.write_str(what),
            DomainError::LaunchConfigurationNotFound { id } => {
                write!(f, "launch configuration {id} does not exist")
            }
            DomainError::LaunchConfigurationNameTaken { name } => {
                write!(f, "a launch configuration named {name:?} already exists")
            }
            DomainError::LaunchConfigurationInUse { id, groups } => write!(
                f,
                "launch configuration {id} is used by scaling group(s) {}",
                groups.join(", ")
            ),
            DomainError::LoadBalancersNotGiven => f.write_str(
                "give classic load balancers (LoadBalancerIds) or forwarding ones, one of the two",
            ),
            DomainError::LoadBalancerKindsMixed { group } => write!(
                f,
                "scaling group {group} would have classic and forwarding load balancers; a \
                 group has one kind"
            ),
            DomainError::LoadBalancerGivenTwice {
                load_balancer,
                forward: _,
            } => write!(
                f,
                "load balancer {load_balancer} is given twice or is bound to the group already"
            ),
            DomainError::LoadBalancerNotBound {
                load_balancer,
                group,
            } => write!(
                f,
                "load balancer {load_balancer} is not bound to scaling group {group}"
            ),
            DomainError::TargetPortDuplicated {
                load_balancer,
                port,
            } => write!(f, "port {port} is given twice for {load_balancer}"),
            DomainError::TargetOutOfRange {
                what,
                value,
                low,
                high,
            } => write!(f, "target {what} {value} is not from {low} to {high}"),
            DomainError::LoadBalancersUnchanged { group } => write!(
                f,
                "the request changes nothing in scaling group {group}: no activity to generate"
            ),
            // Scheduled actions, lifecycle hooks, notifications:
            DomainError::ScheduleInvalid { message, .. } => f.write_str(message),
            DomainError::ScheduleIncomplete { given, missing } => write!(
                f,
                "the {given} was given without the {missing}; a repeating action needs both"
            ),
            DomainError::ScheduleEndNotAfterStart { start, end } => write!(
                f,
                "{} is not later than the start time {}",
                format_time(*end),
                format_time(*start)
            ),
            DomainError::ScheduleRecurrenceInvalid { problem } => f.write_str(problem),
            DomainError::ScheduledActionNameTaken { name, group, other } => write!(
                f,
                "scheduled action {other} of scaling group {group} is already named {name:?}"
            ),
            DomainError::ScheduledActionStartTaken {
                start,
                group,
                other,
            } => write!(
                f,
                "scheduled action {other} of scaling group {group} already starts at {}",
                format_time(*start)
            ),
            DomainError::ScheduledActionNotFound { id, group } => match group {
                Some(group) => write!(f, "scaling group {group} has no scheduled action {id}"),
                None => write!(f, "no scheduled action {id} exists"),
            },
            DomainError::HookNameEmpty => f.write_str("the name is empty"),
            DomainError::HookNameTaken { name, group } => write!(
                f,
                "scaling group {group} already has a lifecycle hook named {name:?}"
            ),
            DomainError::HookNotFound { id } => {
                write!(f, "lifecycle hook {id} does not exist")
            }
            DomainError::HookInOtherGroup { id, owner, group } => write!(
                f,
                "lifecycle hook {id} belongs to scaling group {owner}, not {group}"
            ),
            DomainError::HookBound { id, group } => write!(
                f,
                "lifecycle hook {id} is bound to scaling group {group}; unbind it first \
                 (DetachLifeCycleHookId)"
            ),
            DomainError::HookNotHolding { hook, instance } => {
                write!(f, "lifecycle hook {hook} holds no instance {instance}")
            }
            DomainError::HookResultAlreadySet { hook, instance } => write!(
                f,
                "the result of lifecycle hook {hook} for instance {instance} was given already"
            ),
            DomainError::LifecycleTokenNotFound { token } => {
                write!(f, "no lifecycle action has the token {token:?}")
            }
            DomainError::LifecycleTokenOfOtherHook { token, hook, owner } => write!(
                f,
                "the lifecycle action with the token {token:?} is lifecycle hook {owner}'s, \
                 not {hook}'s"
            ),
            DomainError::NotificationEventsInvalid { problem }
            | DomainError::NotificationReceiversInvalid { problem }
            | DomainError::NotificationTargetIncomplete { problem } => f.write_str(problem),
            DomainError::NotificationNotFound { id } => {
                write!(f, "notification {id} does not exist")
            }
            DomainError::NotificationInOtherGroup { id, owner, group } => write!(
                f,
                "notification {id} is not in scaling group {group} (it belongs to {owner})"
            ),
            DomainError::NotificationGivenTwice { id } => {
                write!(f, "notification {id} is given more than once")
            }
            DomainError::NothingToChange => f.write_str("nothing to change"),
            DomainError::InstanceNotIn {
                instance,
                life_cycle,
                wanted,
            } => write!(f, "instance {instance} is {life_cycle}, not {wanted}"),
            DomainError::CountOutOfRange {
                what,
                value,
                min,
                max,
            } => write!(f, "{what}: {value} is outside {min} to {max}"),
            DomainError::PolicyNotFound { policy } => {
                write!(f, "scaling policy {policy} does not exist")
            }
            DomainError::PolicyInvalid { problem, .. } => f.write_str(problem),
            DomainError::PolicyNameTaken { name, scope } => {
                write!(f, "{scope} already has a scaling policy named {name:?}")
            }
            DomainError::DefaultPolicyUnchangeable { policy } => write!(
                f,
                "scaling policy {policy} is the group's default (replacing unhealthy \
                 instances), which cannot be changed or deleted"
            ),
            DomainError::PolicyKindMismatch {
                policy,
                kind,
                asked,
            } => write!(f, "scaling policy {policy} is a {kind} policy: {asked}"),
            DomainError::TrackingPolicyTaken { group, metric } => write!(
                f,
                "scaling group {group} already has a target-tracking policy on {metric}"
            ),
            DomainError::CoolingDown { group, until } => write!(
                f,
                "scaling group {group} is cooling down until {} (Unix seconds {until})",
                crate::util::format_iso(*until)
            ),
            DomainError::NothingToDo { why } => f.write_str(why),
        }
    }
}

impl std::error::Error for DomainError {}

/// A value of a scheduled action, as a refusal names it (each protocol in its own words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleField {
    /// The name.
    Name,
    /// The min size.
    MinSize,
    /// The max size.
    MaxSize,
    /// The desired capacity.
    DesiredCapacity,
    /// The start time.
    StartTime,
    /// The end time.
    EndTime,
    /// The crontab line.
    Recurrence,
}

impl fmt::Display for ScheduleField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ScheduleField::Name => "name",
            ScheduleField::MinSize => "min size",
            ScheduleField::MaxSize => "max size",
            ScheduleField::DesiredCapacity => "desired capacity",
            ScheduleField::StartTime => "start time",
            ScheduleField::EndTime => "end time",
            ScheduleField::Recurrence => "recurrence",
        })
    }
}
