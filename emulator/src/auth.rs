//! Request authentication as API 2.0 does it: common parameters present, signature
//! (HmacSHA1 / HmacSHA256) valid, `Token` matching, `Timestamp` within 2 hours of the server's
//! clock, and `Nonce` not seen before for the same `SecretId`.

use crate::world::World;
use qcloud_as::protocol::v2::{params as names, ReceivedCommon};
use qcloud_as::server::Params;
use qcloud_as::signing;
use qcloud_as::ServiceError;
use std::collections::{BTreeMap, HashSet};

/// How far (in seconds) `Timestamp` may be from the server's clock.
pub const MAX_CLOCK_SKEW_SECS: u64 = 7200;

/// The nonces accepted within the replay window, per SecretId, at most `capacity` of them.
///
/// Entries are kept until neither their request's `Timestamp` nor the time they were seen is
/// within the window (2 hours), so memory follows the request rate over about two hours. At
/// the cap, the entries that expire first are forgotten to make room, and the newest
/// `Timestamp` among the forgotten ones becomes a watermark: a request whose `Timestamp` is
/// not newer than it is refused, so a forgotten nonce still cannot be replayed (its request
/// carries the same `Timestamp`). The watermark is dropped once it is out of the window.
#[derive(Debug)]
pub(crate) struct NonceCache {
    capacity: usize,
    seen: HashSet<(String, u64)>,
    /// (expiry, order of arrival) → (SecretId, Nonce, Timestamp): earliest expiry first, and
    /// the first to arrive first among those expiring at the same second.
    by_expiry: BTreeMap<(u64, u64), (String, u64, u64)>,
    /// How many nonces were recorded, for their order of arrival.
    arrivals: u64,
    /// The newest `Timestamp` of a nonce forgotten before its time.
    forgotten_up_to: Option<u64>,
}

/// Why a nonce was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NonceRefusal {
    /// It was used before with the same SecretId.
    Replayed,
    /// The cache was full and forgot nonces up to this `Timestamp`, which the request's is not
    /// newer than.
    Forgotten(u64),
}

impl NonceCache {
    /// An empty cache holding at most `capacity` nonces (at least 1).
    pub(crate) fn new(capacity: usize) -> NonceCache {
        NonceCache {
            capacity: capacity.max(1),
            seen: HashSet::new(),
            by_expiry: BTreeMap::new(),
            arrivals: 0,
            forgotten_up_to: None,
        }
    }

    fn prune(&mut self, now: u64) {
        while let Some((&(expiry, _), _)) = self.by_expiry.first_key_value() {
            if expiry >= now {
                break;
            }
            if let Some((_, (secret_id, nonce, _))) = self.by_expiry.pop_first() {
                self.seen.remove(&(secret_id, nonce));
            }
        }
        // A `Timestamp` that old is refused by the clock check anyway.
        if self
            .forgotten_up_to
            .is_some_and(|up_to| up_to.saturating_add(MAX_CLOCK_SKEW_SECS) < now)
        {
            self.forgotten_up_to = None;
        }
    }

    /// Records `nonce` for `secret_id`, or says why it cannot be accepted.
    pub(crate) fn insert(
        &mut self,
        secret_id: &str,
        nonce: u64,
        timestamp: u64,
        now: u64,
    ) -> Result<(), NonceRefusal> {
        self.prune(now);
        let key = (secret_id.to_owned(), nonce);
        if self.seen.contains(&key) {
            return Err(NonceRefusal::Replayed);
        }
        if let Some(up_to) = self.forgotten_up_to {
            if timestamp <= up_to {
                return Err(NonceRefusal::Forgotten(up_to));
            }
        }
        while self.seen.len() >= self.capacity {
            let Some((_, (secret_id, nonce, forgotten))) = self.by_expiry.pop_first() else {
                break;
            };
            self.seen.remove(&(secret_id, nonce));
            self.forgotten_up_to = Some(
                self.forgotten_up_to
                    .map_or(forgotten, |up_to| up_to.max(forgotten)),
            );
        }
        let expiry = timestamp.max(now).saturating_add(MAX_CLOCK_SKEW_SECS);
        self.arrivals += 1;
        self.by_expiry
            .insert((expiry, self.arrivals), (key.0.clone(), nonce, timestamp));
        self.seen.insert(key);
        Ok(())
    }

    /// The most nonces remembered.
    pub(crate) fn capacity(&self) -> usize {
        self.capacity
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

    let credential = crate::stand_in::find(world, secret_id, now).ok_or_else(|| {
        ServiceError::new(
            4100,
            "AuthFailure.SecretIdNotFound",
            format!("(4100)the SecretId {secret_id:?} is not known"),
        )
    })?;

    let method = common.signature_method;
    let target = (signed.method, signed.host, signed.path);
    let expected = signing::Signer::new().sign(target, pairs, &credential.secret_key, method);
    if !signing::signatures_equal(expected.as_str(), signature) {
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
    match world.nonces.insert(&secret_id, nonce, timestamp, now) {
        Ok(()) => Ok(()),
        Err(NonceRefusal::Replayed) => Err(ServiceError::new(
            4500,
            "ReplayAttack",
            format!("(4500)Nonce {nonce} was already used with this SecretId"),
        )),
        Err(NonceRefusal::Forgotten(up_to)) => Err(ServiceError::new(
            4500,
            "ReplayAttack",
            format!(
                "(4500)Timestamp {timestamp} is not newer than {up_to}: the emulator remembers \
                 at most {} nonces, was full, and forgot those of requests up to that \
                 Timestamp, so it cannot tell whether this Nonce was used; sign the request \
                 again with the current time",
                world.nonces.capacity()
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_are_forgotten_after_the_window() {
        let mut cache = NonceCache::new(100);
        assert_eq!(cache.insert("a", 1, 1000, 1000), Ok(()));
        assert_eq!(
            cache.insert("a", 1, 1000, 1001),
            Err(NonceRefusal::Replayed)
        );
        assert_eq!(cache.insert("b", 1, 1000, 1001), Ok(()));
        assert_eq!(cache.len(), 2);
        // Past both the timestamp's and the sighting's window: pruned.
        assert_eq!(cache.insert("a", 2, 9000, 9000), Ok(()));
        assert_eq!(cache.len(), 1);
        assert_eq!(cache.insert("a", 1, 9000, 9000), Ok(()));
    }

    #[test]
    fn at_the_cap_the_first_to_expire_are_forgotten_and_cannot_be_replayed() {
        let mut cache = NonceCache::new(3);
        for (nonce, timestamp) in [(1, 1000), (2, 1001), (3, 1002)] {
            assert_eq!(cache.insert("a", nonce, timestamp, 1002), Ok(()));
        }
        assert_eq!(cache.len(), 3);
        // Full: nonce 1 (the first to expire) is forgotten for nonce 4.
        assert_eq!(cache.insert("a", 4, 1003, 1003), Ok(()));
        assert_eq!(cache.len(), 3);
        // Its replay is refused by the watermark, as is any request as old.
        assert_eq!(
            cache.insert("a", 1, 1000, 1004),
            Err(NonceRefusal::Forgotten(1000))
        );
        assert_eq!(
            cache.insert("b", 9, 999, 1004),
            Err(NonceRefusal::Forgotten(1000))
        );
        // Remembered ones are still replays; newer requests pass.
        assert_eq!(
            cache.insert("a", 2, 1001, 1004),
            Err(NonceRefusal::Replayed)
        );
        assert_eq!(cache.insert("a", 5, 1001, 1004), Ok(()));
        assert_eq!(cache.len(), 3);
        // Nonce 2 went for nonce 5: the watermark moved to its Timestamp.
        assert_eq!(
            cache.insert("a", 2, 1001, 1005),
            Err(NonceRefusal::Forgotten(1001))
        );
        // Once out of the window, the watermark is dropped with the old entries.
        let later = 1001 + MAX_CLOCK_SKEW_SECS + 10;
        assert_eq!(cache.insert("a", 2, later, later), Ok(()));
        assert_eq!(cache.forgotten_up_to, None);
    }

    #[test]
    fn memory_stays_at_the_cap_under_a_flood() {
        let mut cache = NonceCache::new(1000);
        for nonce in 0..10_000u64 {
            assert_eq!(
                cache.insert("a", nonce + 1, 5000 + nonce, 5000 + nonce),
                Ok(())
            );
        }
        assert_eq!(cache.len(), 1000);
        assert_eq!(cache.by_expiry.len(), 1000);
    }
}
