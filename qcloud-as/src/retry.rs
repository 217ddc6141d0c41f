//! Retries: which failures are tried again, how long to wait between attempts, and a budget
//! that keeps a failing service from being flooded.
//!
//! - Throttling and the service's transient answers (API 2.0: codes 4400, 6000 and 6200) and
//!   HTTP 502, 503 and 504 are retried for every action.
//! - Transport failures (a dropped connection, a time-out, an answer cut short) are retried only
//!   for actions that are safe to repeat (`idempotent: true` in their spec: the `Describe…`
//!   actions), except a failure to connect, which is retried for every action: the request
//!   provably never reached the server.
//! - Nothing else is retried: a business error, a request the spec refuses, an answer of the
//!   wrong shape.
//!
//! Waits use "full jitter": a random time between zero and `initial_backoff × 2^(n-1)`, at most
//! `max_backoff`. Every attempt is signed afresh (a new `Nonce` and `Timestamp`). A shared token
//! bucket (the retry budget) pays for retries: each retry costs tokens, each success returns
//! one; when the bucket is empty, failures are returned at once.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

/// How a client retries. The default ([`RetryConfig::standard`]) makes up to 3 attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig::standard()
    }
}

impl RetryConfig {
    /// Up to 3 attempts, waits from 0 to 100 ms × 2^(n-1), at most 5 s.
    pub const fn standard() -> Self {
        RetryConfig {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(5),
        }
    }

    /// One attempt: no retry.
    pub const fn disabled() -> Self {
        RetryConfig {
            max_attempts: 1,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(5),
        }
    }

    /// The most attempts (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The first wait's upper bound; each later one doubles it.
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest wait between two attempts.
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The most attempts.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait before attempt `next` (2 for the first retry), given a random `fraction` in
    /// `[0, 1)`.
    pub(crate) fn backoff(&self, next: u32, fraction: f64) -> Duration {
        let exponent = next.saturating_sub(2).min(30);
        let ceiling = self
            .initial_backoff
            .saturating_mul(1u32 << exponent)
            .min(self.max_backoff);
        ceiling.mul_f64(fraction.clamp(0.0, 1.0))
    }
}

/// Why a failure may be tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Retryable {
    /// Throttling, a transient service answer or a gateway error: retried for every action.
    Always,
    /// The connection could not be made: the request never reached the server.
    NeverSent,
    /// A transport failure after the request may have reached the server: retried only for
    /// actions that are safe to repeat.
    IfIdempotent,
    /// Not retried.
    No,
}

impl Retryable {
    /// Whether this failure is retried for an action that is (or is not) safe to repeat.
    pub(crate) fn applies(self, idempotent: bool) -> bool {
        match self {
            Retryable::Always | Retryable::NeverSent => true,
            Retryable::IfIdempotent => idempotent,
            Retryable::No => false,
        }
    }

    /// What a retry of this failure costs from the budget.
    fn cost(self) -> u32 {
        match self {
            Retryable::IfIdempotent => TIMEOUT_COST,
            _ => RETRY_COST,
        }
    }
}

/// The retry budget's size.
pub const BUDGET_CAPACITY: u32 = 500;
const RETRY_COST: u32 = 5;
const TIMEOUT_COST: u32 = 10;

/// The token bucket shared by a client and its clones.
#[derive(Debug)]
pub(crate) struct RetryBudget {
    tokens: AtomicU32,
}

impl Default for RetryBudget {
    fn default() -> Self {
        RetryBudget {
            tokens: AtomicU32::new(BUDGET_CAPACITY),
        }
    }
}

impl RetryBudget {
    /// Takes the cost of retrying `why`; false when the budget cannot pay it.
    pub(crate) fn withdraw(&self, why: Retryable) -> bool {
        let cost = why.cost();
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                tokens.checked_sub(cost)
            })
            .is_ok()
    }

    /// Returns one token after a success.
    pub(crate) fn deposit(&self) {
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                (tokens < BUDGET_CAPACITY).then_some(tokens + 1)
            });
    }

    /// The tokens left.
    #[cfg(test)]
    pub(crate) fn available(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }
}

/// A random fraction in `[0, 1)` for jitter; 0.5 if the system's generator fails.
pub(crate) fn jitter() -> f64 {
    let mut bytes = [0u8; 8];
    match getrandom::getrandom(&mut bytes) {
        Ok(()) => (u64::from_le_bytes(bytes) >> 11) as f64 / (1u64 << 53) as f64,
        Err(_) => 0.5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_ceiling_with_full_jitter() {
        let retry = RetryConfig::standard();
        assert_eq!(
            retry.backoff(2, 0.999_999),
            Duration::from_millis(100).mul_f64(0.999_999)
        );
        assert_eq!(retry.backoff(3, 0.5), Duration::from_millis(100));
        assert_eq!(retry.backoff(4, 0.5), Duration::from_millis(200));
        assert_eq!(retry.backoff(40, 1.0), Duration::from_secs(5));
        assert_eq!(retry.backoff(2, 0.0), Duration::ZERO);
        for _ in 0..100 {
            let f = jitter();
            assert!((0.0..1.0).contains(&f), "{f}");
        }
    }

    #[test]
    fn the_budget_runs_out_and_refills_by_successes() {
        let budget = RetryBudget::default();
        let mut retries = 0;
        while budget.withdraw(Retryable::Always) {
            retries += 1;
        }
        assert_eq!(retries, BUDGET_CAPACITY / RETRY_COST);
        assert!(!budget.withdraw(Retryable::Always));
        for _ in 0..RETRY_COST {
            budget.deposit();
        }
        assert!(budget.withdraw(Retryable::Always));
        assert!(!budget.withdraw(Retryable::IfIdempotent));
        for _ in 0..(2 * BUDGET_CAPACITY) {
            budget.deposit();
        }
        assert_eq!(budget.available(), BUDGET_CAPACITY);
    }

    #[test]
    fn what_is_retried_for_which_action() {
        assert!(Retryable::Always.applies(false));
        assert!(Retryable::NeverSent.applies(false));
        assert!(!Retryable::IfIdempotent.applies(false));
        assert!(Retryable::IfIdempotent.applies(true));
        assert!(!Retryable::No.applies(true));
    }
}
