//! The hashes and HMACs the signatures use, in one place.
//!
//! SHA-256 and HMAC-SHA256 come from `ring`, which the TLS stack (rustls) already builds, so
//! signing adds no crate of its own to a user's build. HMAC-SHA1 (API 2.0's `HmacSHA1` only):
//! with the `v2` feature, from the `hmac` and `sha1` crates, which use the CPU's SHA
//! instructions; without it (API 2.0's signing functions stay available), from `ring`.

use ring::{digest, hmac};

/// SHA-256 of `data`.
pub(crate) fn sha256(data: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(digest::digest(&digest::SHA256, data).as_ref());
    out
}

/// HMAC-SHA256 of `message` under `key` (any length).
pub(crate) fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    let tag = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, key), message);
    out.copy_from_slice(tag.as_ref());
    out
}

/// HMAC-SHA1 of `message` under `key` (any length).
#[cfg(feature = "v2")]
pub(crate) fn hmac_sha1(key: &[u8], message: &[u8]) -> [u8; 20] {
    use ::hmac::digest::KeyInit;
    use ::hmac::{Hmac, Mac};
    let mut out = [0u8; 20];
    // HMAC takes keys of any length, so `new_from_slice` never fails.
    if let Ok(mut mac) = <Hmac<sha1::Sha1> as KeyInit>::new_from_slice(key) {
        Mac::update(&mut mac, message);
        out.copy_from_slice(&mac.finalize().into_bytes());
    }
    out
}

/// HMAC-SHA1 of `message` under `key` (any length).
#[cfg(not(feature = "v2"))]
pub(crate) fn hmac_sha1(key: &[u8], message: &[u8]) -> [u8; 20] {
    let mut out = [0u8; 20];
    let tag = hmac::sign(
        &hmac::Key::new(hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, key),
        message,
    );
    out.copy_from_slice(tag.as_ref());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    // RFC 4231 test case 2 and RFC 2202 test case 2; FIPS 180-2's "abc".
    #[test]
    fn known_answers() {
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_eq!(
            hex(&hmac_sha1(b"Jefe", b"what do ya want for nothing?")),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"
        );
        // A key longer than the block is hashed first.
        let long_key = [0xaau8; 131];
        assert_eq!(
            hex(&hmac_sha256(
                &long_key,
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            )),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }
}
