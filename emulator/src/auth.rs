//! Request authentication as API 2.0 does it: common parameters present, signature
//! (HmacSHA1 / HmacSHA256) valid, `Token` matching, `Timestamp` within 2 hours of the server's
//! clock, and `Nonce` not seen before for the same `SecretId`.

use crate::world::World;
use qcloud_as::protocol::v2::{params as names, ReceivedCommon};
use qcloud_as::server::Params;
use qcloud_as::signing;
use qcloud_as::ServiceError;
use std::collections::{BTreeSet, HashSet};

/// How far (in seconds) `Timestamp` may be from the server's clock.
pub const MAX_CLOCK_SKEW_SECS: u64 = 7200;

/// The nonces accepted within the replay window, per SecretId. Entries are kept until neither
/// their request's `Timestamp` nor the time they were seen is within the window, so memory
/// stays bounded by the request rate over about two hours.
#[derive(Debug, Default)]
pub(crate) struct NonceCache {
    seen: HashSet<(String, u64)>,
    by_expiry: BTreeSet<(u64, String, u64)>,
}

impl NonceCache {
    fn prune(&mut self, now: u64) {
        while let Some(first) = self.by_expiry.first() {
            if first.0 >= now {
                break;
            }
            if let Some((_, secret_id, nonce)) = self.by_expiry.pop_first() {
                self.seen.remove(&(secret_id, nonce));
            }
        }
    }

    /// Records `nonce` for `secret_id`; false if it was already there.
    fn insert(&mut self, secret_id: &str, nonce: u64, timestamp: u64, now: u64) -> bool {
        self.prune(now);
        if !self.seen.insert((secret_id.to_owned(), nonce)) {
            return false;
        }
        let expiry = timestamp.max(now).saturating_add(MAX_CLOCK_SKEW_SECS);
        self.by_expiry.insert((expiry, secret_id.to_owned(), nonce));
        true
    }

    /// How many nonces are remembered.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.seen.len()
    }
}

/// What the signature covers besides the parameters.
pub(crate) struct Signed<'a> {
    /// `GET` or `POST`.
    pub(crate) method: &'a str,
    /// The `Host` header as received (`host[:port]`).
    pub(crate) host: &'a str,
    /// The request path.
    pub(crate) path: &'a str,
}

/// The string to sign as it may be shown in an answer: built the same way, but with the value
/// of `Token` (a session credential) replaced by `***`.
fn string_to_sign_for_display(signed: &Signed<'_>, pairs: &[(String, String)]) -> String {
    let masked: Vec<(String, String)> = pairs
        .iter()
        .map(|(name, value)| {
            if name == names::TOKEN {
                (name.clone(), "***".to_owned())
            } else {
                (name.clone(), value.clone())
            }
        })
        .collect();
    signing::string_to_sign(signed.method, signed.host, signed.path, &masked)
}

/// Checks a request. `pairs` are the parameters as received (names not rewritten); `params`
/// the same after `_` → `.`. On success the nonce is recorded.
pub(crate) fn verify(
    world: &mut World,
    signed: &Signed<'_>,
    pairs: &[(String, String)],
    params: &Params,
    now: u64,
) -> Result<(), ServiceError> {
    let common = ReceivedCommon::read(params).map_err(|e| e.to_service_error())?;
    let (secret_id, signature, nonce, timestamp) = (
        common.secret_id,
        common.signature,
        common.nonce,
        common.timestamp,
    );

    let credential = world
        .state
        .credentials
        .iter()
        .find(|c| c.secret_id == secret_id)
        .ok_or_else(|| {
            ServiceError::new(
                4100,
                "AuthFailure.SecretIdNotFound",
                format!("(4100)the SecretId {secret_id:?} is not known"),
            )
        })?;

    let method = common.signature_method;
    let string_to_sign = signing::string_to_sign(signed.method, signed.host, signed.path, pairs);
    let expected = signing::sign(&credential.secret_key, &string_to_sign, method);
    if !signing::signatures_equal(&expected, signature) {
        // The message shows what was signed, which helps debugging a client, but never the
        // session token sent with it.
        let shown = string_to_sign_for_display(signed, pairs);
        return Err(ServiceError::new(
            4100,
            "AuthFailure.SignatureFailure",
            format!("(4100)the signature does not match ({method} over {shown:?})"),
        ));
    }

    if let Some(token) = &credential.token {
        if common.token != Some(token.as_str()) {
            return Err(ServiceError::new(
                4100,
                "AuthFailure.TokenFailure",
                "(4100)this SecretId needs its session Token, which is missing or wrong",
            ));
        }
    }

    if timestamp.abs_diff(now) > MAX_CLOCK_SKEW_SECS {
        return Err(ServiceError::new(
            4500,
            "ReplayAttack",
            format!(
                "(4500)Timestamp {timestamp} is more than {MAX_CLOCK_SKEW_SECS} s from the server time {now}"
            ),
        ));
    }
    let secret_id = credential.secret_id.clone();
    if !world.nonces.insert(&secret_id, nonce, timestamp, now) {
        return Err(ServiceError::new(
            4500,
            "ReplayAttack",
            format!("(4500)Nonce {nonce} was already used with this SecretId"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_are_forgotten_after_the_window() {
        let mut cache = NonceCache::default();
        assert!(cache.insert("a", 1, 1000, 1000));
        assert!(!cache.insert("a", 1, 1000, 1001));
        assert!(cache.insert("b", 1, 1000, 1001));
        assert_eq!(cache.len(), 2);
        // Past both the timestamp's and the sighting's window: pruned.
        assert!(cache.insert("a", 2, 9000, 9000));
        assert_eq!(cache.len(), 1);
        assert!(cache.insert("a", 1, 9000, 9000));
    }
}
