//! `tc3_sign_vs_raw_hmac`: the TC3-HMAC-SHA256 `Authorization` of an API 3.0 DetachInstances
//! request with two ids, by the SDK's signer, against the SHA-256 hashes and the HMAC-SHA256
//! chain TC3 needs, done by hand on the same inputs with the same crypto library (`ring`, the
//! one rustls already builds, which the SDK uses so that a user's build compiles no second
//! SHA-256). `tc3_raw_ring_vs_rustcrypto` (no target) shows what that choice costs: the same
//! hand-made chain with `ring` against RustCrypto's `hmac` + `sha2`, which use the CPU's SHA
//! instructions where `ring`'s SHA-256 may not.
//!
//! The baseline holds the canonical request and the string to sign as fixed text with a hole
//! for each hash (the body's in the first, the canonical request's in the second), so it does
//! only what no signer can avoid: SHA-256 of the body and of the canonical request, the four
//! HMAC-SHA256 (`TC3`+key over the date, then the service, `tc3_request` and the string to
//! sign) and the hex of the hashes. What the signer adds is building those texts for any
//! request, the scope and the header.

use crate::{median_time, ns, Figure, SECRET_ID, SECRET_KEY};
use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use qcloud_as::protocol::v3::sign::{self, RequestToSign};
use qcloud_as::v3::operation::detach_instances::DetachInstancesRequest;
use sha2::{Digest, Sha256};
use std::hint::black_box;
use std::time::Duration;

/// The host of the live endpoint, signed as `host`.
const HOST: &str = "as.tencentcloudapi.com";
/// The content type of every API 3.0 request, signed as `content-type`.
const CONTENT_TYPE: &str = "application/json";
/// The product's name in the credential scope.
const SERVICE: &str = "as";
/// 2023-11-14T22:13:20Z.
const TIMESTAMP: u64 = 1_700_000_000;

/// What both sides sign: the JSON body of DetachInstances with two ids, as the client sends it.
pub(crate) fn detach_body() -> Result<Vec<u8>, String> {
    let request = DetachInstancesRequest::new("asg-d4hmoms6", ["ins-5u97n5re", "ins-09dx96dg"]);
    serde_json::to_vec(&request).map_err(|e| e.to_string())
}

/// The SDK's signer: the whole `Authorization` header of the request.
fn sdk_authorization(secret_id: &str, secret_key: &str, timestamp: u64, body: &[u8]) -> String {
    sign::sign_request(
        secret_id,
        secret_key,
        SERVICE,
        timestamp,
        &RequestToSign {
            method: "POST",
            host: HOST,
            content_type: CONTENT_TYPE,
            query: "",
            body,
            unsigned_payload: false,
        },
    )
}

/// Which library the hand-made chain hashes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Crypto {
    /// `ring`, as the SDK signs.
    Ring,
    /// RustCrypto's `hmac` + `sha2`.
    RustCrypto,
}

impl Crypto {
    fn sha256(self, data: &[u8]) -> [u8; 32] {
        match self {
            Crypto::Ring => {
                let digest = ring::digest::digest(&ring::digest::SHA256, data);
                let mut out = [0u8; 32];
                out.copy_from_slice(digest.as_ref());
                out
            }
            Crypto::RustCrypto => Sha256::digest(data).into(),
        }
    }

    fn hmac_sha256(self, key: &[u8], message: &[u8]) -> Option<[u8; 32]> {
        match self {
            Crypto::Ring => {
                let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, key);
                let tag = ring::hmac::sign(&key, message);
                let mut out = [0u8; 32];
                out.copy_from_slice(tag.as_ref());
                Some(out)
            }
            Crypto::RustCrypto => hmac_sha256(key, message),
        }
    }
}

/// The TC3 hashes and HMAC chain by hand, over texts prepared once.
pub(crate) struct RawTc3 {
    /// The library it hashes with.
    crypto: Crypto,
    /// `"TC3"` + the secret key: the first HMAC's key.
    key: Vec<u8>,
    /// The scope's date, `YYYY-MM-DD`.
    date: Vec<u8>,
    /// The canonical request with 64 bytes where the body's hash goes (at the end).
    canonical: Vec<u8>,
    /// The string to sign with 64 bytes where the canonical request's hash goes (at the end).
    to_sign: Vec<u8>,
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Lower-case hex of a 32-byte digest into `out`.
#[inline]
fn hex_into(digest: &[u8], out: &mut [u8]) {
    for (pair, &b) in out.chunks_exact_mut(2).zip(digest) {
        pair[0] = HEX[usize::from(b >> 4)];
        pair[1] = HEX[usize::from(b & 0x0f)];
    }
}

#[inline]
fn hmac_sha256(key: &[u8], message: &[u8]) -> Option<[u8; 32]> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).ok()?;
    mac.update(message);
    Some(mac.finalize().into_bytes().into())
}

impl RawTc3 {
    /// The fixed texts of TC3 for a POST of JSON to [`HOST`] at `timestamp`, signed with
    /// `secret_key`, hashing with `crypto`.
    pub(crate) fn new(secret_key: &str, timestamp: u64, crypto: Crypto) -> RawTc3 {
        let date = sign::utc_date(timestamp);
        let mut key = b"TC3".to_vec();
        key.extend_from_slice(secret_key.as_bytes());
        let mut canonical =
            format!("POST\n/\n\ncontent-type:{CONTENT_TYPE}\nhost:{HOST}\n\ncontent-type;host\n")
                .into_bytes();
        canonical.resize(canonical.len() + 64, b'0');
        let mut to_sign =
            format!("TC3-HMAC-SHA256\n{timestamp}\n{date}/{SERVICE}/tc3_request\n").into_bytes();
        to_sign.resize(to_sign.len() + 64, b'0');
        RawTc3 {
            crypto,
            key,
            date: date.into_bytes(),
            canonical,
            to_sign,
        }
    }

    /// The lower-hex signature of `body`. Kept out of line, as the SDK's own call is, so that
    /// neither gains from being inlined into the loop that times it.
    #[inline(never)]
    pub(crate) fn signature(&mut self, body: &[u8]) -> Option<[u8; 64]> {
        let at = self.canonical.len() - 64;
        let crypto = self.crypto;
        hex_into(&crypto.sha256(body), &mut self.canonical[at..]);
        let at = self.to_sign.len() - 64;
        hex_into(&crypto.sha256(&self.canonical), &mut self.to_sign[at..]);
        let k_date = crypto.hmac_sha256(&self.key, &self.date)?;
        let k_service = crypto.hmac_sha256(&k_date, SERVICE.as_bytes())?;
        let k_signing = crypto.hmac_sha256(&k_service, b"tc3_request")?;
        let signature = crypto.hmac_sha256(&k_signing, &self.to_sign)?;
        let mut out = [0u8; 64];
        hex_into(&signature, &mut out);
        Some(out)
    }
}

/// The `Signature=` of an `Authorization` header.
fn signature_of(authorization: &str) -> Option<&str> {
    authorization
        .rsplit_once("Signature=")
        .map(|(_, signature)| signature)
}

/// Fails unless the baseline computes the signature the SDK puts in its header, so that both
/// do the same work.
pub(crate) fn check_same_signature(body: &[u8], timestamp: u64) -> Result<String, String> {
    let authorization = sdk_authorization(SECRET_ID, SECRET_KEY, timestamp, body);
    for crypto in [Crypto::Ring, Crypto::RustCrypto] {
        let raw = RawTc3::new(SECRET_KEY, timestamp, crypto)
            .signature(body)
            .ok_or("the raw HMAC refused its key")?;
        let raw = std::str::from_utf8(&raw).map_err(|e| e.to_string())?;
        match signature_of(&authorization) {
            Some(signature) if signature == raw => {}
            other => {
                return Err(format!(
                    "the raw TC3 chain ({crypto:?}) gives {raw}, the SDK's Authorization \
                     {other:?}: they do not sign the same thing"
                ))
            }
        }
    }
    Ok(authorization)
}

pub(crate) fn signing_v3(quick: bool) -> Result<Vec<Figure>, String> {
    // Many short batches (under a millisecond each): on a loaded machine a batch the scheduler
    // interrupts reads several times slower, and the median of many short ones is seldom one.
    let (batches, per) = if quick { (41, 300) } else { (201, 500) };
    let body = detach_body()?;
    check_same_signature(&body, TIMESTAMP)?;
    // The whole request as the client sends it (JSON encoding, every header), for the detail.
    let client = qcloud_as::v3::Client::new(
        qcloud_as::Config::builder()
            .region("ap-guangzhou")
            .credentials(qcloud_as::Credentials::new(SECRET_ID, SECRET_KEY))
            .build()
            .map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let request = DetachInstancesRequest::new("asg-d4hmoms6", ["ins-5u97n5re", "ins-09dx96dg"]);

    // In turns, batch by batch, so that a change in the machine's load falls on all alike.
    let mut raw = RawTc3::new(SECRET_KEY, TIMESTAMP, Crypto::Ring);
    let mut rust_crypto = RawTc3::new(SECRET_KEY, TIMESTAMP, Crypto::RustCrypto);
    let (mut raw_times, mut rust_crypto_times, mut sdk_times, mut request_times) = (
        Vec::with_capacity(batches),
        Vec::with_capacity(batches),
        Vec::with_capacity(batches),
        Vec::with_capacity(batches),
    );
    for _ in 0..batches {
        raw_times.push(median_time(1, per, || {
            black_box(raw.signature(black_box(&body)));
        }));
        rust_crypto_times.push(median_time(1, per, || {
            black_box(rust_crypto.signature(black_box(&body)));
        }));
        sdk_times.push(median_time(1, per, || {
            black_box(sdk_authorization(
                SECRET_ID,
                SECRET_KEY,
                TIMESTAMP,
                black_box(&body),
            ));
        }));
        request_times.push(median_time(1, per, || {
            black_box(client.signed_request(black_box(&request), TIMESTAMP)).ok();
        }));
    }
    let median = |mut times: Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let (raw, rust_crypto, sdk, whole) = (
        median(raw_times),
        median(rust_crypto_times),
        median(sdk_times),
        median(request_times),
    );
    Ok(vec![
        Figure {
            name: "tc3_sign_vs_raw_hmac",
            value: ns(sdk) / ns(raw),
            target: Some(1.5),
            detail: format!(
                "{:.0} ns / {:.0} ns, both with ring (the whole signed request, JSON and \
                 headers: {:.0} ns, {:.2})",
                ns(sdk),
                ns(raw),
                ns(whole),
                ns(whole) / ns(raw)
            ),
        },
        Figure {
            name: "tc3_raw_ring_vs_rustcrypto",
            value: ns(raw) / ns(rust_crypto),
            target: None,
            detail: format!(
                "the hand-made TC3 chain: {:.0} ns with ring / {:.0} ns with hmac + sha2",
                ns(raw),
                ns(rust_crypto)
            ),
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_baseline_and_the_signer_give_the_same_signature() {
        let body = detach_body().unwrap();
        assert_eq!(
            body,
            br#"{"AutoScalingGroupId":"asg-d4hmoms6","InstanceIds":["ins-5u97n5re","ins-09dx96dg"]}"#
        );
        for timestamp in [TIMESTAMP, 1_700_006_399, 1_735_689_600] {
            let authorization = check_same_signature(&body, timestamp).unwrap();
            assert!(authorization.starts_with("TC3-HMAC-SHA256 Credential="));
        }
    }

    #[test]
    fn the_baseline_reproduces_the_documented_signature() {
        // Vector `ref-b-detach-compact` of qcloud-as/tests/fixtures/tc3-vectors.jsonl, computed
        // by the official Python SDK (tencentcloud-sdk-python-common 3.1.195).
        let body = br#"{"AutoScalingGroupId":"asg-boz1qhnk","InstanceIds":["ins-cri8d02t","ins-osckfnm7"]}"#;
        for crypto in [Crypto::Ring, Crypto::RustCrypto] {
            let signature = RawTc3::new("Gu5t9xGARNpq86cd98joQYCN3Cozk1qA", 1_700_000_000, crypto)
                .signature(body)
                .unwrap();
            assert_eq!(
                &signature[..],
                b"da1988d46fbda3d1a2da0e6e96c8cf41a50ac3a9a0a5cf6771bfe67288a2e91a",
                "{crypto:?}"
            );
        }
    }

    #[test]
    fn a_different_body_is_a_different_signature() {
        let mut raw = RawTc3::new(SECRET_KEY, TIMESTAMP, Crypto::RustCrypto);
        let one = raw.signature(b"{}").unwrap();
        let other = raw.signature(b"{ }").unwrap();
        assert_ne!(one, other);
        // The holes are overwritten, not appended to: the same body signs the same again.
        assert_eq!(raw.signature(b"{}").unwrap(), one);
    }
}
