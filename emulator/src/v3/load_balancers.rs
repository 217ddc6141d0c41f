//! A group's load balancers in API 3.0: AttachLoadBalancers, DetachLoadBalancers,
//! ModifyLoadBalancers and ModifyLoadBalancerTargetAttributes. Each checks the forms of ids
//! and the lengths of lists, then runs one command of [`crate::domain::load_balancers`]; the
//! bindings are the group's `loadBalancerIds` / `forwardLBInfos`, which API 2.0's
//! DescribeScalingGroup and API 3.0's DescribeAutoScalingGroups both show.

use super::query::well_formed;
use crate::domain::load_balancers::{self as lb, Bindings, ForwardBinding, ListenerKey, Target};
use crate::domain::DomainError;
use crate::state::State;
use qcloud_as::v3::operation::attach_load_balancers::{
    AttachLoadBalancersError as AttachError, AttachLoadBalancersOutput as AttachOutput,
    AttachLoadBalancersRequest as AttachRequest,
};
use qcloud_as::v3::operation::detach_load_balancers::{
    DetachLoadBalancersError as DetachError, DetachLoadBalancersOutput as DetachOutput,
    DetachLoadBalancersRequest as DetachRequest,
};
use qcloud_as::v3::operation::modify_load_balancer_target_attributes::{
    ModifyLoadBalancerTargetAttributesError as TargetsError,
    ModifyLoadBalancerTargetAttributesOutput as TargetsOutput,
    ModifyLoadBalancerTargetAttributesRequest as TargetsRequest,
};
use qcloud_as::v3::operation::modify_load_balancers::{
    ModifyLoadBalancersError as ModifyError, ModifyLoadBalancersOutput as ModifyOutput,
    ModifyLoadBalancersRequest as ModifyRequest,
};
use qcloud_as::v3::types::ForwardLoadBalancer;
use qcloud_as::v3::CommonError;

/// What is wrong on the wire, before the domain: each action answers it with its own code.
enum Wire {
    GroupId(String),
    TooMany(String),
    ClassicLb(String),
    ForwardLb(String),
}

/// The group id is `asg-…`.
fn group_id(id: &str) -> Result<(), Wire> {
    if well_formed(id, "asg") {
        Ok(())
    } else {
        Err(Wire::GroupId(format!(
            "AutoScalingGroupId: {id:?} is not a scaling group id (asg-…)"
        )))
    }
}

/// At most 20 classic ids and 100 forwarding listeners in a request.
fn lengths(classic: usize, forward: usize) -> Result<(), Wire> {
    for (name, n, max) in [
        ("LoadBalancerIds", classic, 20),
        ("ForwardLoadBalancers", forward, 100),
    ] {
        if n > max {
            return Err(Wire::TooMany(format!("{name}: {n} given, at most {max}")));
        }
    }
    Ok(())
}

/// Classic ids `lb-…`.
fn classic_ids(ids: &[String]) -> Result<Vec<String>, Wire> {
    if let Some(bad) = ids.iter().find(|id| !well_formed(id, "lb")) {
        return Err(Wire::ClassicLb(format!(
            "LoadBalancerIds: {bad:?} is not a load balancer id (lb-…)"
        )));
    }
    Ok(ids.to_vec())
}

/// A listener named by `lb-…`, `lbl-…` and, when given, `loc-…`.
fn listener(lb: &str, listener: &str, location: Option<&String>) -> Result<ListenerKey, Wire> {
    let location_ok = location.is_none_or(|l| well_formed(l, "loc"));
    if !well_formed(lb, "lb") || !well_formed(listener, "lbl") || !location_ok {
        return Err(Wire::ForwardLb(format!(
            "forwarding load balancer {lb:?}, listener {listener:?}, rule {location:?}: ids are \
             lb-…, lbl-… and loc-…"
        )));
    }
    Ok(ListenerKey {
        load_balancer_id: lb.to_owned(),
        listener_id: listener.to_owned(),
        location_id: location.cloned(),
    })
}

/// API 3.0 forwarding load balancers as the domain's bindings (their `Region` is not kept).
fn forward(lbs: &[ForwardLoadBalancer]) -> Result<Vec<ForwardBinding>, Wire> {
    lbs.iter()
        .map(|f| {
            Ok(ForwardBinding {
                key: listener(&f.load_balancer_id, &f.listener_id, f.location_id.as_ref())?,
                targets: f
                    .target_attributes
                    .iter()
                    .map(|t| Target {
                        port: t.port,
                        weight: t.weight,
                    })
                    .collect(),
            })
        })
        .collect()
}

/// The bindings a request names (classic ids, forwarding listeners), checked for form.
fn bindings(
    classic: Option<&Vec<String>>,
    forwarding: Option<&Vec<ForwardLoadBalancer>>,
) -> Result<Bindings, Wire> {
    let classic = classic.map_or(&[][..], Vec::as_slice);
    let forwarding = forwarding.map_or(&[][..], Vec::as_slice);
    lengths(classic.len(), forwarding.len())?;
    Ok(Bindings {
        classic: classic_ids(classic)?,
        forward: forward(forwarding)?,
    })
}

/// The answers every action here gives alike, then the action's own (`$own`), then
/// `InternalError` for a refusal its command cannot give.
macro_rules! answer {
    ($error:ty, $e:expr, { $($pattern:pat => $constructor:ident),* $(,)? }) => {{
        let e: DomainError = $e;
        let m = e.to_string();
        match e {
            DomainError::GroupNotFound { .. } => {
                <$error>::resource_not_found_auto_scaling_group_not_found(m)
            }
            DomainError::GroupInActivity { .. } => {
                <$error>::resource_unavailable_auto_scaling_group_in_activity(m)
            }
            DomainError::LoadBalancerKindsMixed { .. } => <$error>::invalid_parameter_conflict(m),
            DomainError::LoadBalancerGivenTwice { forward: false, .. } => {
                <$error>::invalid_parameter_value_classic_lb(m)
            }
            DomainError::LoadBalancersUnchanged { .. } => {
                <$error>::failed_operation_no_activity_to_generate(m)
            }
            $($pattern => <$error>::$constructor(m),)*
            _ => CommonError::internal_error(m).into(),
        }
    }};
}

/// The answer to a wire problem.
macro_rules! wire {
    ($error:ty, $w:expr, $too_many:ident) => {
        match $w {
            Wire::GroupId(m) => <$error>::invalid_parameter_value_invalid_auto_scaling_group_id(m),
            Wire::TooMany(m) => <$error>::$too_many(m),
            Wire::ClassicLb(m) => <$error>::invalid_parameter_value_classic_lb(m),
            Wire::ForwardLb(m) => <$error>::invalid_parameter_value_forward_lb(m),
        }
    };
}

/// AttachLoadBalancers: the group id `asg-…` (`InvalidParameterValue.InvalidAutoScalingGroupId`);
/// at most 20 `LoadBalancerIds` and 100 `ForwardLoadBalancers` (`InvalidParameterValue.LimitExceeded`);
/// ids `lb-…` (`InvalidParameterValue.ClassicLb`), `lb-…`/`lbl-…`/`loc-…`
/// (`InvalidParameterValue.ForwardLb`); then [`lb::attach`].
pub(crate) fn attach(
    state: &mut State,
    request: &AttachRequest,
    now: u64,
) -> Result<AttachOutput, AttachError> {
    let wire = |w| wire!(AttachError, w, invalid_parameter_value_limit_exceeded);
    group_id(&request.auto_scaling_group_id).map_err(wire)?;
    let add = bindings(
        request.load_balancer_ids.as_ref(),
        request.forward_load_balancers.as_ref(),
    )
    .map_err(wire)?;
    let id = lb::attach(state, &request.auto_scaling_group_id, add, now).map_err(attach_error)?;
    Ok(AttachOutput::new(id, String::new()))
}

/// AttachLoadBalancers' answer to a refusal of [`lb::attach`].
pub(crate) fn attach_error(e: DomainError) -> AttachError {
    answer!(AttachError, e, {
        DomainError::LoadBalancersNotGiven => invalid_parameter_must_one_parameter,
        DomainError::LoadBalancerGivenTwice { forward: true, .. } =>
            invalid_parameter_value_duplicated_forward_lb,
        DomainError::TargetPortDuplicated { .. } => invalid_parameter_value_target_port_duplicated,
        DomainError::TargetOutOfRange { .. } => invalid_parameter_value_range,
        DomainError::QuotaExceeded { .. } => limit_exceeded_after_attach_lb_limit_exceeded,
    })
}

/// DetachLoadBalancers: the group id and the ids' forms as AttachLoadBalancers checks them;
/// then [`lb::detach`].
pub(crate) fn detach(
    state: &mut State,
    request: &DetachRequest,
    now: u64,
) -> Result<DetachOutput, DetachError> {
    let wire = |w| {
        wire!(
            DetachError,
            w,
            limit_exceeded_after_attach_lb_limit_exceeded
        )
    };
    group_id(&request.auto_scaling_group_id).map_err(wire)?;
    let classic =
        classic_ids(request.load_balancer_ids.as_deref().unwrap_or_default()).map_err(wire)?;
    let forward = request
        .forward_load_balancer_identifications
        .as_deref()
        .unwrap_or_default()
        .iter()
        .map(|f| listener(&f.load_balancer_id, &f.listener_id, f.location_id.as_ref()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(wire)?;
    let id = lb::detach(
        state,
        &request.auto_scaling_group_id,
        &classic,
        &forward,
        now,
    )
    .map_err(detach_error)?;
    Ok(DetachOutput::new(id, String::new()))
}

/// DetachLoadBalancers' answer to a refusal of [`lb::detach`].
pub(crate) fn detach_error(e: DomainError) -> DetachError {
    answer!(DetachError, e, {
        DomainError::LoadBalancersNotGiven => invalid_parameter_must_one_parameter,
        DomainError::LoadBalancerGivenTwice { forward: true, .. } =>
            invalid_parameter_value_forward_lb,
        DomainError::LoadBalancerNotBound { .. } =>
            resource_not_found_load_balancer_not_in_auto_scaling_group,
    })
}

/// ModifyLoadBalancers: the checks of AttachLoadBalancers on what is sent (sending neither list
/// unbinds every load balancer; `LoadBalancersCheckPolicy` changes nothing, as the emulator
/// models no load balancer beyond its id); then [`lb::replace`].
pub(crate) fn modify(
    state: &mut State,
    request: &ModifyRequest,
    now: u64,
) -> Result<ModifyOutput, ModifyError> {
    let wire = |w| wire!(ModifyError, w, invalid_parameter_value_limit_exceeded);
    group_id(&request.auto_scaling_group_id).map_err(wire)?;
    let new = bindings(
        request.load_balancer_ids.as_ref(),
        request.forward_load_balancers.as_ref(),
    )
    .map_err(wire)?;
    let id = lb::replace(state, &request.auto_scaling_group_id, new, now).map_err(modify_error)?;
    Ok(ModifyOutput::new(id, String::new()))
}

/// ModifyLoadBalancers' answer to a refusal of [`lb::replace`].
pub(crate) fn modify_error(e: DomainError) -> ModifyError {
    answer!(ModifyError, e, {
        DomainError::LoadBalancerGivenTwice { forward: true, .. } =>
            invalid_parameter_value_duplicated_forward_lb,
        DomainError::TargetPortDuplicated { .. } => invalid_parameter_value_target_port_duplicated,
        DomainError::TargetOutOfRange { .. } => invalid_parameter_value_range,
        DomainError::QuotaExceeded { .. } => invalid_parameter_value_limit_exceeded,
    })
}

/// ModifyLoadBalancerTargetAttributes: the group id, at most 100 listeners
/// (`InvalidParameterValue.LimitExceeded`) named `lb-…`/`lbl-…`/`loc-…`
/// (`InvalidParameterValue.ForwardLb`); then [`lb::set_targets`].
pub(crate) fn set_targets(
    state: &mut State,
    request: &TargetsRequest,
    now: u64,
) -> Result<TargetsOutput, TargetsError> {
    let wire = |w| wire!(TargetsError, w, invalid_parameter_value_limit_exceeded);
    group_id(&request.auto_scaling_group_id).map_err(wire)?;
    let changes = bindings(None, Some(&request.forward_load_balancers)).map_err(wire)?;
    let id = lb::set_targets(state, &request.auto_scaling_group_id, changes.forward, now)
        .map_err(targets_error)?;
    Ok(TargetsOutput::new(id, String::new()))
}

/// ModifyLoadBalancerTargetAttributes' answer to a refusal of [`lb::set_targets`].
pub(crate) fn targets_error(e: DomainError) -> TargetsError {
    answer!(TargetsError, e, {
        DomainError::LoadBalancersNotGiven => failed_operation_no_activity_to_generate,
        DomainError::LoadBalancerGivenTwice { forward: true, .. } =>
            invalid_parameter_value_forward_lb,
        DomainError::LoadBalancerNotBound { .. } =>
            resource_not_found_load_balancer_not_in_auto_scaling_group,
        DomainError::TargetPortDuplicated { .. } => invalid_parameter_value_target_port_duplicated,
        DomainError::TargetOutOfRange { .. } => invalid_parameter_value_range,
    })
}
