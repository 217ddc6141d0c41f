//! For generated requests, encoding on the client side and decoding on the server side gives
//! back the same request.

use proptest::prelude::*;
use qcloud_as::operation::create_scaling_group::{
    CreateScalingGroupRequest, CreateScalingGroupRequired,
};
use qcloud_as::operation::describe_scaling_instance::DescribeScalingInstanceRequest;
use qcloud_as::operation::detach_instance::{DetachInstanceRequest, KeepInstance};
use qcloud_as::protocol::v2::form;
use qcloud_as::server::{DecodeRequest, Params};
use qcloud_as::types::{CreationType, HealthStatus, RemovePolicy};
use qcloud_as::types::{ForwardLbInfo, ForwardLbInfoRequired, RsInfo};
use qcloud_as::Operation;

/// Any string, including `.`, `_`, `&`, `=`, spaces and non-ASCII.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            'a', 'Z', '0', '9', ' ', '.', '_', '&', '=', '+', '/', '%', '#', '?', '-', '中', '😀',
        ]),
        0..12,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn ids(min: usize, max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), min..=max)
}

fn detach() -> impl Strategy<Value = DetachInstanceRequest> {
    (
        text(),
        ids(1, 15),
        prop::option::of(prop_oneof![
            Just(KeepInstance::Release),
            Just(KeepInstance::Keep)
        ]),
    )
        .prop_map(|(group, ids, keep)| {
            let request = DetachInstanceRequest::new(group, ids);
            match keep {
                Some(keep) => request.keep_instance(keep),
                None => request,
            }
        })
}

fn describe_instances() -> impl Strategy<Value = DescribeScalingInstanceRequest> {
    (
        text(),
        prop::option::of(ids(0, 20)),
        prop::option::of(prop_oneof![
            Just(CreationType::Auto),
            Just(CreationType::Manual)
        ]),
        prop::option::of(prop_oneof![
            Just(HealthStatus::Healthy),
            Just(HealthStatus::UnHealthy)
        ]),
        prop::option::of(0i64..1000),
        prop::option::of(0i64..1000),
    )
        .prop_map(|(group, ids, creation, health, offset, limit)| {
            let mut r = DescribeScalingInstanceRequest::new(group);
            if let Some(ids) = ids {
                r = r.instance_ids(ids);
            }
            if let Some(c) = creation {
                r = r.creation_type(c);
            }
            if let Some(h) = health {
                r = r.health_status(h);
            }
            if let Some(o) = offset {
                r = r.offset(o);
            }
            if let Some(l) = limit {
                r = r.limit(l);
            }
            r
        })
}

fn forward_lb() -> impl Strategy<Value = ForwardLbInfo> {
    (
        text(),
        text(),
        prop::option::of(text()),
        1i64..=65535,
        0i64..=100,
    )
        .prop_map(|(lb, listener, location, port, weight)| {
            let info = ForwardLbInfo::new(ForwardLbInfoRequired {
                load_balancer_id: lb,
                listener_id: listener,
                rs_info_set: vec![RsInfo::new(port, weight)],
            });
            match location {
                Some(l) => info.location_id(l),
                None => info,
            }
        })
}

fn create_group() -> impl Strategy<Value = CreateScalingGroupRequest> {
    (
        (
            text(),
            text(),
            0i64..=200,
            0i64..=200,
            prop::bool::ANY,
            text(),
        ),
        prop::option::of(ids(0, 12)),
        prop::option::of(ids(0, 12)),
        prop::option::of(any::<i64>()),
        prop::option::of(0i64..=200),
        prop::option::of(prop::collection::vec(forward_lb(), 0..=1)),
    )
        .prop_map(
            |((config, name, min, max, oldest, vpc), zones, subnets, project, desired, lbs)| {
                let policy = if oldest {
                    RemovePolicy::RemoveOldestInstance
                } else {
                    RemovePolicy::RemoveNewestInstance
                };
                let mut r = CreateScalingGroupRequest::new(CreateScalingGroupRequired {
                    scaling_configuration_id: config,
                    scaling_group_name: name,
                    min_size: min,
                    max_size: max,
                    remove_policy: policy,
                    vpc_id: vpc,
                });
                if let Some(z) = zones {
                    r = r.zone_ids(z);
                }
                if let Some(s) = subnets {
                    r = r.subnet_ids(s);
                }
                if let Some(p) = project {
                    r = r.project_id(p);
                }
                if let Some(d) = desired {
                    r = r.desired_capacity(d);
                }
                if let Some(l) = lbs {
                    r = r.forward_lb_infos(l);
                }
                r
            },
        )
}

/// Encodes like the client, sends through the URL encoding, and decodes like a server.
fn wire<O: Operation>(request: &O, underscores: bool) -> Params {
    let mut pairs = Vec::new();
    if let Err(e) = form::to_pairs(request, &mut pairs) {
        panic!("{e}");
    }
    if underscores {
        for (name, _) in &mut pairs {
            *name = name.replace('.', "_");
        }
    }
    let encoded = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter())
        .finish();
    let decoded = form_urlencoded::parse(encoded.as_bytes()).into_owned();
    match Params::from_pairs(decoded) {
        Ok(params) => params,
        Err(e) => panic!("{e}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn detach_instance_round_trips(request in detach(), underscores in prop::bool::ANY) {
        let decoded = DetachInstanceRequest::decode(&wire(&request, underscores));
        prop_assert_eq!(decoded, Ok(request));
    }

    #[test]
    fn describe_scaling_instance_round_trips(request in describe_instances()) {
        // An empty list is not sent at all, so it comes back as "not given".
        let expected = match &request.instance_ids {
            Some(ids) if ids.is_empty() => {
                let mut r = DescribeScalingInstanceRequest::new(request.scaling_group_id.clone());
                r.creation_type = request.creation_type.clone();
                r.health_status = request.health_status.clone();
                r.offset = request.offset;
                r.limit = request.limit;
                r
            }
            _ => request.clone(),
        };
        prop_assert_eq!(DescribeScalingInstanceRequest::decode(&wire(&request, false)), Ok(expected));
    }

    #[test]
    fn create_scaling_group_round_trips(request in create_group(), underscores in prop::bool::ANY) {
        let mut expected = request.clone();
        for list in [&mut expected.zone_ids, &mut expected.subnet_ids] {
            if list.as_ref().is_some_and(Vec::is_empty) {
                *list = None;
            }
        }
        if expected.forward_lb_infos.as_ref().is_some_and(Vec::is_empty) {
            expected.forward_lb_infos = None;
        }
        prop_assert_eq!(CreateScalingGroupRequest::decode(&wire(&request, underscores)), Ok(expected));
    }
}

#[test]
fn server_side_decoding_rejects_bad_parameters_naming_them() {
    /// Received pairs, the parameter at fault, the `codeDesc` of the answer.
    type Case = (
        &'static [(&'static str, &'static str)],
        &'static str,
        &'static str,
    );
    let cases: &[Case] = &[
        (
            &[("instanceIds.0", "ins-1")],
            "scalingGroupId",
            "MissingParameter",
        ),
        (
            &[("scalingGroupId", "asg-1")],
            "instanceIds",
            "MissingParameter",
        ),
        (
            &[
                ("scalingGroupId", "asg-1"),
                ("instanceIds.0", "a"),
                ("keepInstance", "7"),
            ],
            "keepInstance",
            "InvalidParameterValue",
        ),
        (
            &[
                ("scalingGroupId", "asg-1"),
                ("instanceIds.0", "a"),
                ("instanceIds.2", "c"),
            ],
            "instanceIds",
            "InvalidParameterValue",
        ),
        (
            &[
                ("scalingGroupId", "asg-1"),
                ("instanceIds.0", "a"),
                ("instanceIds_0", "b"),
            ],
            "instanceIds.0",
            "InvalidParameter",
        ),
    ];
    for (pairs, parameter, code_desc) in cases {
        let error = Params::from_pairs(pairs.iter().copied())
            .and_then(|params| DetachInstanceRequest::decode(&params));
        let Err(error) = error else {
            panic!("{pairs:?} must be refused");
        };
        assert_eq!(error.parameter(), *parameter, "{pairs:?}: {error}");
        let answer = error.to_service_error();
        assert_eq!(answer.code(), 4000);
        assert_eq!(answer.code_desc(), *code_desc, "{pairs:?}");
        assert!(answer.message().contains(parameter), "{}", answer.message());
    }
}
