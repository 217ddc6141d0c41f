//! The named rules: where the two documentations truly differ, the difference is a value of
//! [`Rules`] the protocol's adapter passes to the domain ([`Rules::API_V2`],
//! [`Rules::API_V3`]); everything else is decided once, in the commands. The emulator's
//! README has the table of decisions.

/// Detaching or removing instances from a disabled group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisabledGroupLeave {
    /// Refused: the group must be enabled (API 2.0 DetachInstance: "group active").
    Refuse,
    /// Allowed, without the `MinSize` check (API 3.0 Detach/RemoveInstances: "a `DISABLED`
    /// group skips this check").
    SkipMinSize,
}

/// Attaching instances.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttachRule {
    /// Stopped instances may join (API 3.0: `RUNNING` or `STOPPED`; API 2.0: "must be
    /// Running").
    pub stopped_instances: bool,
    /// A disabled group takes instances (API 3.0 lists no such condition; API 2.0: "group
    /// must be active").
    pub disabled_group: bool,
}

/// Which members keep a group from being deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeleteGroupBlockers {
    /// Any member (API 2.0 DeleteScalingGroup: the group must hold no instance).
    AnyMember,
    /// Only in-service members (API 3.0 DeleteAutoScalingGroup: "no `IN_SERVICE`
    /// instance"); members left in another state stay in the account.
    InServiceMembers,
}

/// Where a scaling policy's name must be unique.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyNames {
    /// In its group (API 2.0 CreateScalingPolicy: `NameDuplicate.ScalingPolicy` within the
    /// group).
    PerGroup,
    /// In the account (API 3.0 CreateScalingPolicy: "unique in the account").
    PerAccount,
}

/// The rules one protocol's documentation states differently from the other's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// Detach/remove from a disabled group.
    pub disabled_group_leave: DisabledGroupLeave,
    /// Attach.
    pub attach: AttachRule,
    /// Delete a group.
    pub delete_group: DeleteGroupBlockers,
    /// Where policy names are unique.
    pub policy_names: PolicyNames,
    /// Simple policies' adjustment values are bounded (API 2.0: `TotalCapacity` 0–30,
    /// `QuantityChangeInCapacity` ±30, `PercentChangeInCapacity` ±100; API 3.0 states only
    /// that `EXACT_CAPACITY` is not negative).
    pub bounded_adjustments: bool,
}

impl Rules {
    /// API 2.0's documentation.
    pub const API_V2: Rules = Rules {
        disabled_group_leave: DisabledGroupLeave::Refuse,
        attach: AttachRule {
            stopped_instances: false,
            disabled_group: false,
        },
        delete_group: DeleteGroupBlockers::AnyMember,
        policy_names: PolicyNames::PerGroup,
        bounded_adjustments: true,
    };

    /// API 3.0's documentation.
    pub const API_V3: Rules = Rules {
        disabled_group_leave: DisabledGroupLeave::SkipMinSize,
        attach: AttachRule {
            stopped_instances: true,
            disabled_group: true,
        },
        delete_group: DeleteGroupBlockers::InServiceMembers,
        policy_names: PolicyNames::PerAccount,
        bounded_adjustments: false,
    };
}
