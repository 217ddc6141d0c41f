//! A call being built: [`Call`] holds an action's request, lets its optional parameters be set
//! (generated setters) and per-call settings be changed ([`Call::customize`]), and sends it
//! with `send().await`, or with `.await` directly.
//!
//! Every action's call type (`DetachInstanceCall`) is this type for its request. A call owns a
//! clone of its client (a few reference counts), so a call and the future of its `send()` are
//! `'static` and `Send`: they can be spawned.
//!
//! ```no_run
//! # #[cfg(feature = "v3")]
//! # async fn run(client: qcloud_as::v3::Client) -> Result<(), Box<dyn std::error::Error>> {
//! let task = tokio::spawn(client.describe_auto_scaling_groups().limit(10).send());
//! let groups = task.await??;
//! println!("{} groups", groups.total_count);
//! # Ok(())
//! # }
//! ```

use crate::error::Error;
use crate::paginate::{Paged, Paginator};
use crate::retry::RetryConfig;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

/// Settings of one call that override the client's [`Config`](crate::Config): set them with
/// [`Call::customize`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallOverrides {
    pub(crate) retry: Option<RetryConfig>,
    pub(crate) attempt_timeout: Option<Duration>,
    pub(crate) operation_timeout: Option<Duration>,
}

impl CallOverrides {
    /// Retries for this call (e.g. [`RetryConfig::disabled`] to send it once).
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    /// The most attempts for this call (1: no retry), with the client's other retry settings.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        let retry = self.retry.take().unwrap_or_default();
        self.retry = Some(retry.max_attempts(attempts));
        self
    }

    /// How long one attempt may take, from connecting to the last byte of the answer.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// How long the whole call may take, every attempt and the waits between them included.
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.operation_timeout = Some(timeout);
        self
    }
}

/// A client that sends requests of type `R`: the API 2.0 `Client` sends 2.0 requests, the API
/// 3.0 `v3::Client` 3.0 ones. [`Call`] and [`Paginator`] work with either.
pub trait Execute<R>: Clone + Send + Sync {
    /// The decoded answer.
    type Output;
    /// The action's error enum.
    type Error;
    /// Validates, signs and sends `request` with per-call settings, retrying as configured, and
    /// decodes the answer.
    fn execute_with<'a>(
        &'a self,
        request: &'a R,
        overrides: &'a CallOverrides,
    ) -> impl Future<Output = Result<Self::Output, Error<Self::Error>>> + Send + 'a;
}

/// A call of one action being built by its client method (`C` is the client, `R` the
/// request); `send().await` (or `.await`) validates, signs and sends it.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is sent: `.send().await` or `.await`"]
pub struct Call<C, R> {
    client: C,
    pub(crate) request: R,
    overrides: CallOverrides,
}

impl<C: Execute<R>, R> Call<C, R> {
    /// A call that sends `request` with `client` (a clone: clients are cheap to clone).
    pub fn new(client: C, request: R) -> Self {
        Call {
            client,
            request,
            overrides: CallOverrides::default(),
        }
    }

    /// The request as built so far.
    pub fn request(&self) -> &R {
        &self.request
    }

    /// Changes settings for this call only: retries, attempt and operation time-outs.
    ///
    /// ```no_run
    /// # #[cfg(feature = "v3")]
    /// # async fn run(client: &qcloud_as::v3::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use std::time::Duration;
    ///
    /// client
    ///     .describe_auto_scaling_groups()
    ///     .customize(|c| c.max_attempts(1).operation_timeout(Duration::from_secs(5)))
    ///     .await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn customize(mut self, change: impl FnOnce(CallOverrides) -> CallOverrides) -> Self {
        self.overrides = change(self.overrides);
        self
    }

    /// Validates, signs and sends the request (retrying as configured), and decodes the answer.
    pub async fn send(self) -> Result<C::Output, Error<C::Error>> {
        self.client
            .execute_with(&self.request, &self.overrides)
            .await
    }
}

impl<C: Execute<R>, R: Paged<Page = C::Output>> Call<C, R> {
    /// Pages through every result: a [`Paginator`] that sends this request page by page (see
    /// [`paginate`](crate::paginate)), every page with this call's
    /// [`customize`](Call::customize) settings.
    pub fn paginate(self) -> Paginator<C, R> {
        Paginator::new(self.client, self.request).customize(|_| self.overrides)
    }
}

impl<C, R> IntoFuture for Call<C, R>
where
    C: Execute<R> + 'static,
    R: Send + Sync + 'static,
    C::Output: Send,
    C::Error: Send,
{
    type Output = Result<C::Output, Error<C::Error>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
