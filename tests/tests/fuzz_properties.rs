//! The fuzz targets' bodies (`qcloud_as_tests::fuzz`) run on a bounded number of random and
//! structured inputs, so CI exercises them without a fuzzer; plus the emulator's HTTP handling
//! fed random bytes over a real socket. `cargo fuzz` runs the same bodies for as long as one
//! likes (TESTING.md).

use proptest::prelude::*;
use qcloud_as_tests::fuzz;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Text that looks like a spec: YAML made of the format's own keys and values.
fn spec_like() -> impl Strategy<Value = String> {
    let token = prop::sample::select(vec![
        "action: Fuzzed\n",
        "doc: x\n",
        "parameters:\n",
        "output:\n",
        "types:\n",
        "errors:\n",
        "  - {name: a, type: string}\n",
        "  - {name: b, type: list<integer>, required: true}\n",
        "  - {name: c, type: json<T>}\n",
        "  - {name: type, type: string}\n",
        "  T:\n    struct:\n      - {name: k, type: string, required: true}\n",
        "  E: {enum: integer, values: [{name: A, value: 0}]}\n",
        "  - {code: 4000, codeDesc: A.B, doc: x}\n",
        "pages: {offset: o, limit: l, total: t, items: i}\n",
        "  - {name: x, type: E, default: A}\n",
        "rustName: Fz\n",
        "idempotent: true\n",
        "- [\n",
        "{",
        "}",
        ":",
        "\t",
        "\u{0}",
        "min: 5\nmax: 1\n",
    ]);
    prop::collection::vec(token, 0..24).prop_map(|tokens| tokens.concat())
}

/// Bodies that look like answers: JSON made of the envelope's parts.
fn answer_like() -> impl Strategy<Value = Vec<u8>> {
    let token = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"code\"",
        "\"data\"",
        "\"message\"",
        "\"codeDesc\"",
        "0",
        "\"0\"",
        "4000",
        "1e400",
        "-1",
        "null",
        "true",
        "\"totalCount\"",
        "\"scalingInstancesSet\"",
        "\"instanceId\"",
        "\"healthStatus\"",
        "\"x\"",
        "\u{fffd}",
    ]);
    prop::collection::vec(token, 0..40).prop_map(|t| t.concat().into_bytes())
}

/// Form bodies with the parameter names of the requests decoded.
fn form_like() -> impl Strategy<Value = Vec<u8>> {
    let name = prop::sample::select(vec![
        "scalingGroupId",
        "instanceIds.0",
        "instanceIds.1",
        "instanceIds_0",
        "instanceIds.x",
        "keepInstance",
        "forwardLBInfos.0.rsInfoSet.0.port",
        "forwardLBInfos.0.loadBalancerId",
        "minSize",
        "maxSize",
        "metric",
        "removePolicy",
        "instanceIds.10",
    ]);
    let value = prop::sample::select(vec![
        "",
        "0",
        "1",
        "7",
        "-1",
        "99999999999999999999",
        "asg-1",
        "RemoveOldestInstance",
        "{\"dimensionName\":\"cpu_usage\"}",
        "%FF",
        "a&b=c",
    ]);
    prop::collection::vec((name, value), 0..12).prop_map(|pairs| {
        pairs
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join("&")
            .into_bytes()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_spec_parser_takes_any_bytes(data in prop::collection::vec(any::<u8>(), 0..512)) {
        fuzz::spec_parser(&data);
    }

    #[test]
    fn the_spec_parser_takes_any_spec_like_text(text in spec_like()) {
        fuzz::spec_parser(text.as_bytes());
    }

    #[test]
    fn the_response_decoder_takes_any_bytes(data in prop::collection::vec(any::<u8>(), 0..512)) {
        fuzz::response_decoder(&data);
    }

    #[test]
    fn the_response_decoder_takes_any_answer_like_body(body in answer_like()) {
        fuzz::response_decoder(&body);
    }

    #[test]
    fn server_decoding_takes_any_bytes(data in prop::collection::vec(any::<u8>(), 0..512)) {
        fuzz::server_params(&data);
    }

    #[test]
    fn server_decoding_takes_any_form_like_body(body in form_like()) {
        fuzz::server_params(&body);
    }

    #[test]
    fn the_v3_response_decoder_takes_any_bytes(data in prop::collection::vec(any::<u8>(), 0..512)) {
        fuzz::v3_response_decoder(&data);
    }

    #[test]
    fn the_v3_response_decoder_takes_any_answer_like_body(body in v3_answer_like()) {
        fuzz::v3_response_decoder(&body);
    }

    #[test]
    fn v3_server_decoding_takes_any_json_like_body(body in v3_answer_like()) {
        fuzz::v3_server_body(&body);
    }
}

/// Bodies that look like API 3.0 answers and requests: JSON made of their parts.
fn v3_answer_like() -> impl Strategy<Value = Vec<u8>> {
    let token = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"Response\"",
        "\"Error\"",
        "\"Code\"",
        "\"Message\"",
        "\"RequestId\"",
        "\"TotalCount\"",
        "\"AutoScalingGroupSet\"",
        "\"AutoScalingGroupIds\"",
        "\"Filters\"",
        "\"Name\"",
        "\"Values\"",
        "\"Limit\"",
        "\"MaxSize\"",
        "0",
        "-1",
        "1e400",
        "18446744073709551616",
        "null",
        "true",
        "\"x\"",
        "\u{fffd}",
    ]);
    prop::collection::vec(token, 0..40).prop_map(|t| t.concat().into_bytes())
}

/// Arbitrary bytes as HTTP requests to a running emulator: it answers or closes each
/// connection within a bound, and keeps serving signed calls.
#[test]
fn the_emulator_survives_random_requests() {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => panic!("{e}"),
    };
    let emulator = match runtime
        .block_on(async { qcloud_as_emulator::Emulator::start(qcloud_as_emulator::State::demo()) })
    {
        Ok(emulator) => emulator,
        Err(e) => panic!("{e}"),
    };
    let addr = emulator.local_addr();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(64));
    let heads = prop::sample::select(vec![
        "GET /v2/index.php?Action=DescribeScalingGroup HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        "POST /v2/index.php HTTP/1.1\r\nContent-Length: 5\r\n\r\n",
        "PUT /_emulator/state HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 3\r\n\r\n{a:",
        "GET /_emulator/faults HTTP/1.1\r\n\r\n",
        "",
    ]);
    let strategy = (heads, prop::collection::vec(any::<u8>(), 0..256));
    let result = runner.run(&strategy, |(head, tail)| {
        let mut bytes = head.as_bytes().to_vec();
        bytes.extend_from_slice(&tail);
        let exchanged = runtime.block_on(async {
            let Ok(mut stream) = tokio::net::TcpStream::connect(addr).await else {
                return false;
            };
            let _ = stream.write_all(&bytes).await;
            let _ = stream.shutdown().await;
            let mut answer = Vec::new();
            tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer))
                .await
                .is_ok()
        });
        prop_assert!(exchanged, "the emulator held a finished request open");
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // Still serving.
    runtime.block_on(async {
        let client = match emulator.client() {
            Ok(client) => client,
            Err(e) => panic!("{e}"),
        };
        if let Err(e) = client.describe_scaling_group().await {
            panic!("the emulator stopped serving: {e}");
        }
        emulator.shutdown().await;
    });
}
