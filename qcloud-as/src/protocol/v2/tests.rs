//! The encoded fast path against the pairs path, byte for byte.

use super::{encoded_signed, encoded_signed_flat, form, CommonParams, SignedTarget};
#[cfg(qcloud_as_golden)]
use crate::golden_fixture::operation::put_thing::{
    Inner, InnerRequired, Mode, Outer, PutThingRequest, PutThingRequired,
};
#[cfg(qcloud_as_golden)]
use crate::golden_fixture::types::Tag;
use crate::operation::create_scaling_group::{
    CreateScalingGroupRequest, CreateScalingGroupRequired,
};
use crate::operation::create_scaling_policy::{
    CreateScalingPolicyRequest, CreateScalingPolicyRequired,
};
use crate::operation::detach_instance::{DetachInstanceRequest, KeepInstance};
use crate::signing::SignatureMethod;
use crate::types::{
    AdjustmentType, ComparisonOperator, ForwardLbInfo, ForwardLbInfoRequired, Metric, MetricName,
    MetricRequired, RemovePolicy, RsInfo,
};
use serde::Serialize;

/// Both paths for `request` under each set of common parameters and targets: the bytes
/// must be the same.
fn assert_same_bytes<T: Serialize>(request: &T) {
    let mut pairs = Vec::new();
    if let Err(e) = form::to_pairs(request, &mut pairs) {
        panic!("{e}");
    }
    let targets = [
        SignedTarget {
            method: "POST",
            host: "scaling.api.qcloud.com",
            path: "/v2/index.php",
        },
        SignedTarget {
            method: "get",
            host: "127.0.0.1:8080",
            path: "/",
        },
    ];
    let commons = [
        CommonParams {
            action: "DetachInstance",
            region: "gz",
            timestamp: 1_465_185_768,
            nonce: 11_886,
            secret_id: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA",
            signature_method: SignatureMethod::HmacSha1,
            token: None,
        },
        CommonParams {
            action: "Create Thing&x=1",
            region: "ap-中国 1",
            timestamp: 0,
            nonce: u64::MAX,
            secret_id: "id/with+signs=",
            signature_method: SignatureMethod::HmacSha256,
            token: Some("tok en/=+&😀"),
        },
        CommonParams {
            action: "CreateScalingGroup",
            region: "",
            timestamp: 9,
            nonce: 1,
            secret_id: "",
            signature_method: SignatureMethod::HmacSha256,
            token: Some(""),
        },
    ];
    for common in &commons {
        for target in &targets {
            for key in ["Gu5t9xGARNpq86cd98joQYCN3Cozk1qA", "", "ключ"] {
                let listed = encoded_signed(common, &pairs, target, key);
                let mut flat = form::Flattened::with_capacity(0, 0);
                if let Err(e) = form::flatten(request, &mut flat) {
                    panic!("{e}");
                }
                let flattened = encoded_signed_flat(common, &mut flat, target, key);
                assert_eq!(flattened, listed, "{pairs:?} {common:?} {target:?}");
            }
        }
    }
}

fn detach(ids: &[&str]) -> DetachInstanceRequest {
    DetachInstanceRequest::new("asg-d4hmoms6", ids.iter().copied())
}

fn group(name: &str, lbs: usize) -> CreateScalingGroupRequest {
    let request = CreateScalingGroupRequest::new(CreateScalingGroupRequired {
        scaling_configuration_id: "asc-1".into(),
        scaling_group_name: name.into(),
        min_size: -3,
        max_size: i64::MAX,
        remove_policy: RemovePolicy::RemoveNewestInstance,
        vpc_id: "0".into(),
    });
    if lbs == 0 {
        return request.zone_ids(["100001", "100002"]);
    }
    request
        .project_id(i64::MIN)
        .forward_lb_infos((0..lbs).map(|i| {
            ForwardLbInfo::new(ForwardLbInfoRequired {
                load_balancer_id: format!("lb-{i}"),
                listener_id: format!("lbl-{name}"),
                rs_info_set: (0..12).map(|p| RsInfo::new(80 + p, i as i64)).collect(),
            })
            .location_id("loc-ä")
        }))
}

fn policy(name: &str) -> CreateScalingPolicyRequest {
    CreateScalingPolicyRequest::new(CreateScalingPolicyRequired {
        scaling_group_id: "asg-1".into(),
        scaling_policy_name: name.into(),
        metric: Metric::new(MetricRequired {
            dimension_name: MetricName::CpuUsage,
            comparison_operator: ComparisonOperator::EqualOrGreater,
            threshold: 80,
        }),
        adjustment_type: AdjustmentType::TotalCapacity,
        adjustment_value: 2,
        cooldown: 60,
    })
}

/// The generator's fixture (only in the workspace's `qcloud-as-golden-sdk` build of this crate).
#[cfg(qcloud_as_golden)]
fn thing(owner: &str) -> PutThingRequest {
    PutThingRequest::new(PutThingRequired {
        thing_id: "thing-1".into(),
        sizes: vec![1, -9, 0],
        owner: owner.into(),
    })
    .mode(Mode::Slow)
    .tags([Tag::new("k").value("v v"), Tag::new("")])
    .nested([
        Outer::new([Inner::new(InnerRequired {
            port: 80,
            weight: 3,
            label: "web".into(),
        })]),
        Outer::new([]),
    ])
}

#[test]
fn the_flattened_path_gives_the_bytes_of_the_listed_path() {
    // Lists, plain and not.
    assert_same_bytes(&detach(&["ins-5u97n5re", "ins-09dx96dg"]));
    assert_same_bytes(&detach(&[]));
    assert_same_bytes(&detach(&["ins-中文", "a b", "a+b&c=d", "😀/%", "_.-*~"]));
    assert_same_bytes(&detach(&["x"; 40]).keep_instance(KeepInstance::Keep));
    // Nested structs in lists (`forwardLBInfos.0.rsInfoSet.11.port`), optional fields
    // absent or set, negative and extreme integers.
    assert_same_bytes(&group("plain", 0));
    assert_same_bytes(&group("plain", 1));
    assert_same_bytes(&group("名前 with spaces", 3));
    // A `json<T>` field: a document in one string, which always needs escapes.
    assert_same_bytes(&policy("cpu-high"));
    assert_same_bytes(&policy("cpu high"));
    assert_same_bytes(&policy("").notify_ids(["ntf-1", "ntf 2"]));
}

#[test]
#[cfg(qcloud_as_golden)]
fn the_fixture_gives_the_same_bytes_on_both_paths() {
    // The generator's fixture: integer lists, enums as numbers, keywords, nested lists.
    assert_same_bytes(&thing("me"));
    assert_same_bytes(&thing("mé").kind("a keyword on the wire"));
}

#[test]
fn generated_strings_give_the_same_bytes() {
    // A fixed pseudo-random sequence (xorshift) of strings mixing kept, escaped, space and
    // multi-byte characters, long enough to cross the 16-byte blocks of the plain check.
    const CHARS: &[char] = &[
        'a', 'Z', '0', '9', '-', '.', '_', '*', ' ', '+', '&', '=', '%', '/', '~', '\'', '\u{0}',
        '\u{7f}', 'é', '中', '😀',
    ];
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let text = |plain: bool, next: &mut dyn FnMut() -> u64| {
        let len = (next() % 40) as usize;
        (0..len)
            .map(|_| {
                let pool = if plain { 8 } else { CHARS.len() };
                CHARS[(next() % pool as u64) as usize]
            })
            .collect::<String>()
    };
    for round in 0..200 {
        let plain = round % 2 == 0;
        let ids: Vec<String> = (0..next() % 12).map(|_| text(plain, &mut next)).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        assert_same_bytes(&detach(&ids));
        let name = text(plain, &mut next);
        assert_same_bytes(&group(&name, (next() % 3) as usize));
        assert_same_bytes(&policy(&name));
    }
}

#[test]
fn signature_method_values_need_no_escape() {
    // `encode_signed` writes them as they are.
    for method in [SignatureMethod::HmacSha1, SignatureMethod::HmacSha256] {
        assert!(form::is_plain_const(method.as_str()), "{method}");
        assert!(form::is_plain(method.as_str().as_bytes()), "{method}");
    }
}
