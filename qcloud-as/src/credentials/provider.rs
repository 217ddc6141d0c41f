//! Where a client gets its credentials: the [`ProvideCredentials`] trait, and the cache every
//! clone of a client shares, which renews temporary credentials ahead of their expiry, one
//! refresh at a time.

use super::{Credentials, CredentialsError};
use crate::config::TimeSource;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What [`ProvideCredentials::provide`] returns.
pub type ProvideFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// A source of credentials: explicit ones, the environment, a profile file, the CVM instance
/// role ([`CvmRoleProvider`](super::CvmRoleProvider)), STS
/// ([`AssumeRoleProvider`](super::AssumeRoleProvider),
/// [`WebIdentityProvider`](super::WebIdentityProvider)) or the [`DefaultChain`](super::DefaultChain).
///
/// A client calls [`provide`](ProvideCredentials::provide) when it has no credentials yet and
/// again when those it has are about to expire ([`Credentials::expiry`]); never for two calls
/// at once. `clock` is the client's [`TimeSource`] (the one requests are signed with), for
/// providers that sign requests of their own or name sessions by the time.
///
/// `Debug` names the provider in errors, so it must not show a secret.
pub trait ProvideCredentials: fmt::Debug + Send + Sync {
    /// Fetches (or reads) credentials.
    fn provide<'a>(&'a self, clock: &'a TimeSource) -> ProvideFuture<'a>;
}

impl ProvideCredentials for Credentials {
    fn provide<'a>(&'a self, _clock: &'a TimeSource) -> ProvideFuture<'a> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Arc<P> {
    fn provide<'a>(&'a self, clock: &'a TimeSource) -> ProvideFuture<'a> {
        (**self).provide(clock)
    }
}

impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Box<P> {
    fn provide<'a>(&'a self, clock: &'a TimeSource) -> ProvideFuture<'a> {
        (**self).provide(clock)
    }
}

/// How long before their expiry temporary credentials are renewed unless set: 5 minutes, as
/// the official SDKs renew a CVM role's (and the longest a TC3 signature's `X-TC-Timestamp`
/// may be off).
pub const DEFAULT_REFRESH_AHEAD: Duration = Duration::from_secs(300);

/// The credentials a provider gave, shared by every clone of a client: read without waiting
/// while fresh, renewed by one refresh at a time when stale.
pub(crate) struct Refreshing {
    provider: Box<dyn ProvideCredentials>,
    refresh_ahead: Duration,
    /// The credentials in use, and how the last refresh went.
    current: RwLock<Cached>,
    /// Held by the one refresh under way; the others wait for it and take its result.
    refresh: tokio::sync::Mutex<()>,
}

#[derive(Default)]
struct Cached {
    credentials: Option<Arc<Credentials>>,
    /// Counts finished refreshes, so that a call that waited for one knows it happened.
    generation: u64,
    /// The failure of the last refresh, when it failed.
    failure: Option<Arc<CredentialsError>>,
    /// After a failed refresh, when the next one may be tried (meanwhile valid credentials are
    /// used as they are).
    retry_at: Option<SystemTime>,
}

/// How long after a failed refresh credentials that are still valid are used before another
/// refresh is tried.
const RETRY_FAILED_REFRESH_AFTER: Duration = Duration::from_secs(10);

impl fmt::Debug for Refreshing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Refreshing")
            .field("provider", &self.provider)
            .field("refresh_ahead", &self.refresh_ahead)
            .finish_non_exhaustive()
    }
}

impl Refreshing {
    /// A cache over `provider`, renewing `refresh_ahead` before expiry.
    pub(crate) fn new(provider: Box<dyn ProvideCredentials>, refresh_ahead: Duration) -> Self {
        Refreshing {
            provider,
            refresh_ahead,
            current: RwLock::new(Cached::default()),
            refresh: tokio::sync::Mutex::new(()),
        }
    }

    /// A cache holding `credentials` already: explicit ones, used as they are (a refresh
    /// gives them again).
    pub(crate) fn fixed(credentials: Credentials) -> Self {
        let cache = Refreshing::new(Box::new(credentials.clone()), DEFAULT_REFRESH_AHEAD);
        cache
            .current
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .credentials = Some(Arc::new(credentials));
        cache
    }

    /// The credentials held now, fresh or not (`None` before the first refresh).
    pub(crate) fn peek(&self) -> Option<Arc<Credentials>> {
        self.read().credentials.clone()
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Cached> {
        self.current.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// Credentials to sign a request with at `clock`'s time: the cached ones while they are
    /// fresh, else those of a refresh (one for all the callers that find them stale at once).
    /// When a refresh fails, credentials that have not expired yet are still used; when none
    /// are left, the refresh's failure is the error, shared by every caller that waited for it.
    pub(crate) async fn get(
        &self,
        clock: &TimeSource,
    ) -> Result<Arc<Credentials>, CredentialsError> {
        let seen = {
            let cached = self.read();
            if let Some(credentials) = self.fresh(&cached, clock.now()) {
                return Ok(credentials);
            }
            cached.generation
        };
        let _turn = self.refresh.lock().await;
        let now = clock.now();
        {
            let cached = self.read();
            if let Some(credentials) = self.fresh(&cached, now) {
                return Ok(credentials);
            }
            if cached.generation != seen {
                // A refresh finished while this call waited, and failed: its answer holds.
                if let Some(credentials) = usable(&cached, now) {
                    return Ok(credentials);
                }
                if let Some(failure) = &cached.failure {
                    return Err(self.unavailable(&cached, failure.clone()));
                }
            }
        }
        tracing::debug!(provider = ?self.provider, "refreshing credentials");
        let result = self.provider.provide(clock).await;
        let mut cached = self.current.write().unwrap_or_else(PoisonError::into_inner);
        cached.generation += 1;
        match result {
            Ok(credentials) => {
                let credentials = Arc::new(credentials);
                cached.credentials = Some(credentials.clone());
                cached.failure = None;
                cached.retry_at = None;
                Ok(credentials)
            }
            Err(error) => {
                let failure = Arc::new(error);
                cached.failure = Some(failure.clone());
                cached.retry_at = now.checked_add(RETRY_FAILED_REFRESH_AFTER);
                match usable(&cached, now) {
                    Some(credentials) => {
                        tracing::warn!(
                            error = %failure,
                            "credentials could not be renewed; using those that have not expired yet"
                        );
                        Ok(credentials)
                    }
                    None => Err(self.unavailable(&cached, failure)),
                }
            }
        }
    }

    /// The cached credentials if they need no refresh at `now`: long-term ones, or temporary
    /// ones more than `refresh_ahead` from their expiry. After a failed refresh, credentials
    /// that are still valid are used for a while ([`RETRY_FAILED_REFRESH_AFTER`]) without
    /// trying again on every call.
    fn fresh(&self, cached: &Cached, now: SystemTime) -> Option<Arc<Credentials>> {
        let credentials = cached.credentials.as_ref()?;
        let fresh = match credentials.expiry {
            None => true,
            Some(expiry) if cached.failure.is_some() => {
                expiry > now && cached.retry_at.is_some_and(|at| at > now)
            }
            Some(expiry) => expiry
                .checked_sub(self.refresh_ahead)
                .is_some_and(|renew_at| renew_at > now),
        };
        fresh.then(|| credentials.clone())
    }

    fn unavailable(&self, cached: &Cached, source: Arc<CredentialsError>) -> CredentialsError {
        CredentialsError::Unavailable {
            provider: format!("{:?}", self.provider),
            expired_at: cached
                .credentials
                .as_ref()
                .and_then(|c| c.expiry)
                .map(|t| t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())),
            source,
        }
    }
}

/// The cached credentials if they have not expired at `now`.
fn usable(cached: &Cached, now: SystemTime) -> Option<Arc<Credentials>> {
    cached
        .credentials
        .as_ref()
        .filter(|c| c.expiry.is_none_or(|expiry| expiry > now))
        .cloned()
}
