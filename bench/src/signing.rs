//! `sign_vs_raw_hmac` and `request_build_vs_raw_hmac`: signing and building DetachInstance
//! with two ids, against the raw HMAC-SHA1 of the same string to sign.

use crate::{client, median_time, ns, Figure, SECRET_ID, SECRET_KEY};
use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use qcloud_as::operation::detach_instance::DetachInstanceRequest;
use qcloud_as::signing::{sign, string_to_sign, SignatureMethod, Signer};
use qcloud_as::{Config, Credentials};
use std::hint::black_box;
use std::time::Duration;

/// The baseline: HMAC-SHA1 of a message, as one would call it by hand. Kept out of line, as the
/// SDK's own call is, so that neither gains from being inlined into the loop that times it.
#[inline(never)]
fn raw_hmac_sha1(key: &[u8], message: &[u8]) -> Option<[u8; 20]> {
    let mut mac = <Hmac<sha1::Sha1> as KeyInit>::new_from_slice(key).ok()?;
    mac.update(message);
    Some(mac.finalize().into_bytes().into())
}

pub(crate) fn signing(quick: bool) -> Result<Vec<Figure>, String> {
    let (batches, per) = if quick { (11, 2_000) } else { (41, 5_000) };
    let client = client(
        Config::builder()
            .region("gz")
            .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
            .signature_method(SignatureMethod::HmacSha1),
    )?;
    let request = DetachInstanceRequest::new("asg-d4hmoms6", ["ins-5u97n5re", "ins-09dx96dg"]);
    let signed = client
        .signed_params(&request, 1_465_185_768, 11_886)
        .map_err(|e| e.to_string())?;
    let unsigned: Vec<(String, String)> = signed
        .iter()
        .filter(|(n, _)| n != "Signature")
        .cloned()
        .collect();
    let host = "scaling.api.qcloud.com";
    let path = "/v2/index.php";
    let sts = string_to_sign("POST", host, path, &unsigned);

    // The three are measured in turns, batch by batch, so that a change in the machine's load
    // falls on the subjects and the baseline alike.
    let mut raw_times = Vec::with_capacity(batches);
    let mut signing_times = Vec::with_capacity(batches);
    let mut convenience_times = Vec::with_capacity(batches);
    let mut building_times = Vec::with_capacity(batches);
    let mut signer = Signer::new();
    for _ in 0..batches {
        raw_times.push(median_time(1, per, || {
            black_box(raw_hmac_sha1(
                SECRET_KEY.as_bytes(),
                black_box(sts.as_bytes()),
            ));
        }));
        // The signer keeps its buffer from one request to the next, as a client or server does.
        signing_times.push(median_time(1, per, || {
            let target = ("POST", host, path);
            let signature = signer.sign(
                target,
                black_box(&unsigned),
                SECRET_KEY,
                SignatureMethod::HmacSha1,
            );
            black_box(signature);
        }));
        // The same with the two functions that return strings (two allocations more).
        convenience_times.push(median_time(1, per, || {
            let sts = string_to_sign("POST", host, path, black_box(&unsigned));
            black_box(sign(SECRET_KEY, &sts, SignatureMethod::HmacSha1));
        }));
        // What the client sends: encoded_request is what each attempt builds.
        building_times.push(median_time(1, per, || {
            black_box(client.encoded_request(black_box(&request), 1_465_185_768, 11_886)).ok();
        }));
    }
    let median = |mut times: Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let (raw, signing, convenience, building) = (
        median(raw_times),
        median(signing_times),
        median(convenience_times),
        median(building_times),
    );
    Ok(vec![
        Figure {
            name: "sign_vs_raw_hmac",
            value: ns(signing) / ns(raw),
            target: Some(1.5),
            detail: format!(
                "{:.0} ns / {:.0} ns (string_to_sign + sign: {:.0} ns, {:.2})",
                ns(signing),
                ns(raw),
                ns(convenience),
                ns(convenience) / ns(raw)
            ),
        },
        Figure {
            name: "request_build_vs_raw_hmac",
            value: ns(building) / ns(raw),
            target: Some(3.0),
            detail: format!("{:.0} ns / {:.0} ns", ns(building), ns(raw)),
        },
    ])
}
