//! Signing a DetachInstance request with two instance ids, against the raw HMAC-SHA1 of the same
//! string to sign, measured in the same run. Prints the ratio at the end.
//!
//! `cargo bench -p qcloud-as --bench signing`

use criterion::Criterion;
use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use qcloud_as::operation::detach_instance::DetachInstanceRequest;
use qcloud_as::signing::{string_to_sign, SignatureMethod};
use qcloud_as::{Client, Config, Credentials};
use std::hint::black_box;
use std::path::{Path, PathBuf};

const GROUP: &str = "sign_detach_instance";
const SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA";

fn output_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("criterion")
}

fn benches(c: &mut Criterion) {
    let config = Config::builder()
        .region("gz")
        .credentials(Credentials::new(
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA",
            SECRET_KEY,
        ))
        .signature_method(SignatureMethod::HmacSha1)
        .build();
    let client = match config.map(Client::new) {
        Ok(Ok(client)) => client,
        other => panic!("cannot build the client: {other:?}"),
    };
    let request = DetachInstanceRequest::new("asg-d4hmoms6", ["ins-5u97n5re", "ins-09dx96dg"]);

    // The same string to sign that the full path produces.
    let signed = match client.signed_params(&request, 1_465_185_768, 11_886) {
        Ok(signed) => signed,
        Err(e) => panic!("cannot sign: {e}"),
    };
    let unsigned: Vec<(String, String)> = signed
        .iter()
        .filter(|(n, _)| n != "Signature")
        .cloned()
        .collect();
    let sts = string_to_sign("POST", "scaling.api.qcloud.com", "/v2/index.php", &unsigned);

    let mut group = c.benchmark_group(GROUP);
    group.bench_function("sign_request", |b| {
        b.iter(|| client.encoded_request(black_box(&request), 1_465_185_768, 11_886))
    });
    group.bench_function("form_pairs_only", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            let _ = qcloud_as::protocol::v2::form::to_pairs(black_box(&request), &mut out);
            out
        })
    });
    group.bench_function("url_encode_only", |b| {
        b.iter(|| {
            form_urlencoded::Serializer::new(String::new())
                .extend_pairs(black_box(&signed).iter())
                .finish()
        })
    });
    group.bench_function("string_to_sign_only", |b| {
        b.iter(|| {
            string_to_sign(
                "POST",
                "scaling.api.qcloud.com",
                "/v2/index.php",
                black_box(&unsigned),
            )
        })
    });
    group.bench_function("sign_only", |b| {
        b.iter(|| qcloud_as::signing::sign(SECRET_KEY, black_box(&sts), SignatureMethod::HmacSha1))
    });
    group.bench_function("string_to_sign_and_sign", |b| {
        b.iter(|| {
            let sts = string_to_sign(
                "POST",
                "scaling.api.qcloud.com",
                "/v2/index.php",
                black_box(&unsigned),
            );
            qcloud_as::signing::sign(SECRET_KEY, &sts, SignatureMethod::HmacSha1)
        })
    });
    group.bench_function("raw_hmac_sha1", |b| {
        b.iter(|| {
            let mut mac = match <Hmac<sha1::Sha1> as KeyInit>::new_from_slice(SECRET_KEY.as_bytes())
            {
                Ok(mac) => mac,
                Err(_) => unreachable!("HMAC takes keys of any length"),
            };
            mac.update(black_box(sts.as_bytes()));
            mac.finalize().into_bytes()
        })
    });
    group.finish();
}

fn mean_ns(id: &str) -> Option<f64> {
    let path = output_dir().join(GROUP).join(id).join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value["mean"]["point_estimate"].as_f64()
}

fn main() {
    let mut criterion = Criterion::default()
        .output_directory(&output_dir())
        .configure_from_args();
    benches(&mut criterion);
    criterion.final_summary();
    if let (Some(full), Some(raw)) = (mean_ns("sign_request"), mean_ns("raw_hmac_sha1")) {
        println!(
            "ratio sign_request / raw_hmac_sha1 = {:.2} ({full:.0} ns / {raw:.0} ns, means of this run)",
            full / raw
        );
    }
}
