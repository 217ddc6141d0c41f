//! The bodies of the fuzz targets (`fuzz/fuzz_targets/*.rs`, run with `cargo fuzz`), shared with
//! the bounded property tests of `tests/tests/fuzz_properties.rs` that CI runs. Each takes
//! arbitrary bytes and must neither panic nor hang; what it returns is checked for sense.

use qcloud_as::operation::create_scaling_group::CreateScalingGroupRequest;
use qcloud_as::operation::create_scaling_policy::CreateScalingPolicyRequest;
use qcloud_as::operation::describe_scaling_instance::{
    DescribeScalingInstanceError, DescribeScalingInstanceOutput,
};
use qcloud_as::operation::detach_instance::DetachInstanceRequest;
use qcloud_as::protocol::v2::envelope::decode;
use qcloud_as::server::{decode_request, Params};
use std::path::Path;

const SERVICE: &str = "service: Fuzz\nprotocol: qcloud-v2\nhost: fuzz.api.qcloud.com\npath: /v2/index.php\ncommonErrors:\n  - {code: 4000, variant: InvalidParameter, doc: x}\n";

/// The spec parser and checker on an arbitrary action file: it loads, or every error names
/// the file.
pub fn spec_parser(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let result = qcloud_as_codegen::load_sources(
        (Path::new("fuzz/service.yaml"), SERVICE),
        &[(Path::new("fuzz/Fuzzed.yaml"), &text)],
    );
    match result {
        Ok(service) => {
            // A spec that loads renders without panicking.
            let files = qcloud_as_codegen::render(&service);
            assert!(files.contains_key("mod.rs"));
        }
        Err(errors) => {
            assert!(!errors.0.is_empty());
            for e in &errors.0 {
                assert!(e.file.starts_with("fuzz"), "{e}");
            }
        }
    }
}

/// The response decoder on an arbitrary body with the first byte choosing the status.
pub fn response_decoder(data: &[u8]) {
    let (status, body) = match data.split_first() {
        Some((b, rest)) if *b < 16 => (502, rest),
        Some((_, rest)) => (200, rest),
        None => (200, data),
    };
    let result =
        decode::<DescribeScalingInstanceOutput, DescribeScalingInstanceError>(status, body);
    if let Err(error) = result {
        // Every error can be shown.
        let _ = error.to_string();
    }
}

/// Server-side decoding of arbitrary `name=value` pairs (a form body) into requests.
pub fn server_params(data: &[u8]) {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(data).into_owned().collect();
    let Ok(params) = Params::from_pairs(pairs) else {
        return;
    };
    if let Err(e) = decode_request::<DetachInstanceRequest>(&params) {
        assert_eq!(e.to_service_error().code(), 4000);
    }
    let _ = decode_request::<CreateScalingGroupRequest>(&params);
    let _ = decode_request::<CreateScalingPolicyRequest>(&params);
}

/// The API 3.0 response decoder on an arbitrary body, the first byte choosing the status.
pub fn v3_response_decoder(data: &[u8]) {
    use qcloud_as::v3::operation::describe_auto_scaling_groups::{
        DescribeAutoScalingGroupsError, DescribeAutoScalingGroupsOutput,
    };
    let (status, body) = match data.split_first() {
        Some((b, rest)) if *b < 16 => (502, rest),
        Some((_, rest)) => (200, rest),
        None => (200, data),
    };
    let result = qcloud_as::protocol::v3::envelope::decode::<
        DescribeAutoScalingGroupsOutput,
        DescribeAutoScalingGroupsError,
    >(status, body);
    if let Err(error) = result {
        let _ = error.to_string();
    }
}

/// API 3.0 server-side decoding of an arbitrary JSON body (and, when the bytes are not JSON, of
/// them as an `Authorization` header): refused with a code, never a panic.
pub fn v3_server_body(data: &[u8]) {
    use qcloud_as::v3::operation::create_auto_scaling_group::CreateAutoScalingGroupRequest;
    use qcloud_as::v3::operation::describe_auto_scaling_groups::DescribeAutoScalingGroupsRequest;
    use qcloud_as::v3::server::{decode_request, Params};
    let text = String::from_utf8_lossy(data);
    let _ = qcloud_as::protocol::v3::sign::parse_authorization(&text);
    let Ok(body) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let params = Params::new(Some("Fuzz".to_owned()), body, "fuzz");
    if let Err(e) = decode_request::<DescribeAutoScalingGroupsRequest>(&params) {
        assert!(!e.to_service_error().code().is_empty());
    }
    let _ = decode_request::<CreateAutoScalingGroupRequest>(&params);
}
