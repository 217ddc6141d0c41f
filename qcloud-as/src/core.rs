//! What every protocol's client shares: the HTTP client, the configuration, the retry budget,
//! and one call's life — attempts signed afresh, time-outs, retries with back-off, the answer
//! read up to the body limit, and the tracing spans. A protocol states only how an attempt's
//! request is built and how its answer is decoded ([`Exchange`]).

use crate::call::CallOverrides;
use crate::config::{Config, ConfigError, Endpoint};
use crate::credentials::Credentials;
use crate::error::{
    EarlierAttempt, Error, Retries, ServiceErrorInfo, TransportError, TransportErrorKind,
};
use crate::retry::{jitter, RetryBudget, Retryable};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tracing::Instrument;

/// One action's exchange in a protocol: how each attempt's HTTP request is built (signed with
/// the time of the attempt) and how an answer is decoded.
pub(crate) trait Exchange {
    /// The decoded output.
    type Output;
    /// The action's error enum.
    type Error: ServiceErrorInfo + std::fmt::Display;
    /// The action's name, for spans.
    fn action(&self) -> &'static str;
    /// Whether a transport failure may be retried (the action only reads).
    fn idempotent(&self) -> bool;
    /// The request of one attempt, signed afresh with `credentials`.
    fn request(
        &self,
        core: &Core,
        credentials: &Credentials,
    ) -> Result<reqwest::RequestBuilder, Error<Self::Error>>;
    /// Decodes an answer's status and body.
    fn decode(&self, status: u16, body: &[u8]) -> Result<Self::Output, Error<Self::Error>>;
    /// Whether a failure may be tried again.
    fn retryable(&self, error: &Error<Self::Error>) -> Retryable;
    /// Records a service error's code as the `code` field of the attempt's `span` (an integer
    /// for API 2.0, a string for API 3.0), without allocating.
    fn record_code(&self, span: &tracing::Span, error: &Self::Error);
}

/// The shared part of a client. Cheap to clone; clones share one connection pool and one retry
/// budget.
#[derive(Debug, Clone)]
pub(crate) struct Core {
    /// Shared by clones, so that cloning a client (to move it into a task) allocates nothing.
    pub(crate) config: Arc<Config>,
    pub(crate) http: reqwest::Client,
    /// The endpoint's URL, parsed once: each attempt clones it rather than parsing it again.
    pub(crate) url: reqwest::Url,
    /// The retry budget, shared by clones.
    budget: Arc<RetryBudget>,
}

impl Core {
    /// A core for `config` that sends to `endpoint`, over HTTPS only unless it is an
    /// `http://` endpoint.
    pub(crate) fn new(config: Config, endpoint: &Endpoint) -> Result<Core, ConfigError> {
        let plain_http = endpoint.is_plain_http();
        let url =
            reqwest::Url::parse(&endpoint.url()).map_err(|e| ConfigError::InvalidEndpoint {
                endpoint: endpoint.url(),
                why: e.to_string(),
            })?;
        let mut builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .user_agent(concat!("qcloud-as/", env!("CARGO_PKG_VERSION")))
            // A redirected POST would be re-sent as a GET elsewhere; report the 3xx instead.
            .redirect(reqwest::redirect::Policy::none());
        if !plain_http {
            builder = builder.https_only(true);
        }
        for proxy in &config.proxies {
            builder = builder.proxy(proxy.clone());
        }
        // rustls with ring, the webpki roots and the added ones (`crate::tls`).
        let http = builder
            .tls_backend_preconfigured(crate::tls::client_config(&config.root_certificates)?)
            .build()
            .map_err(|e| ConfigError::HttpClient(Box::new(e)))?;
        Ok(Core {
            config: Arc::new(config),
            http,
            url,
            budget: Arc::new(RetryBudget::default()),
        })
    }

    /// Runs `exchange` with the client's settings and `overrides`: attempts, retries and
    /// time-outs, inside a `qcloud_as.call` span.
    pub(crate) async fn run<X: Exchange>(
        &self,
        exchange: &X,
        overrides: &CallOverrides,
    ) -> Result<X::Output, Error<X::Error>> {
        let span = tracing::debug_span!(
            "qcloud_as.call",
            action = exchange.action(),
            region = %self.config.region,
            attempts = tracing::field::Empty,
        );
        self.retry_loop(exchange, overrides).instrument(span).await
    }

    async fn retry_loop<X: Exchange>(
        &self,
        exchange: &X,
        overrides: &CallOverrides,
    ) -> Result<X::Output, Error<X::Error>> {
        let retry = overrides.retry.unwrap_or(self.config.retry);
        let attempt_timeout = overrides
            .attempt_timeout
            .unwrap_or(self.config.attempt_timeout);
        let operation_timeout = overrides
            .operation_timeout
            .unwrap_or(self.config.operation_timeout);
        let start = Instant::now();
        let mut attempt = 1u32;
        // Why each attempt before the current one failed: recorded on the final error.
        let mut earlier: Vec<EarlierAttempt> = Vec::new();
        loop {
            tracing::Span::current().record("attempts", attempt);
            let remaining = operation_timeout.saturating_sub(start.elapsed());
            let result = if remaining.is_zero() {
                Err(Error::Transport(TransportError::operation_timeout(
                    operation_timeout,
                )))
            } else {
                let (timeout, capped) = if remaining < attempt_timeout {
                    (remaining, true)
                } else {
                    (attempt_timeout, false)
                };
                let span = tracing::debug_span!(
                    "qcloud_as.attempt",
                    attempt,
                    http.status = tracing::field::Empty,
                    code = tracing::field::Empty,
                );
                self.attempt(exchange, timeout, capped.then_some(operation_timeout))
                    .instrument(span)
                    .await
            };
            let error = match result {
                Ok(output) => {
                    self.budget.deposit();
                    return Ok(output);
                }
                Err(error) => error,
            };
            let why = exchange.retryable(&error);
            if !why.applies(exchange.idempotent()) || attempt >= retry.attempts() {
                return Err(error.after(earlier));
            }
            let wait = retry.backoff(attempt + 1, jitter());
            if start.elapsed() + wait >= operation_timeout {
                tracing::debug!("no time left for another attempt");
                return Err(error.after(earlier));
            }
            if !self.budget.withdraw(why) {
                tracing::debug!("the retry budget is spent");
                return Err(error.after(earlier));
            }
            tracing::debug!(
                wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
                error = %error,
                "retrying"
            );
            earlier.push(error.as_earlier());
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// One attempt: built and signed afresh, sent with `timeout`, the answer read up to the
    /// body limit and decoded. `deadline` is the operation time-out when it, not the attempt's
    /// own, limits this attempt.
    async fn attempt<X: Exchange>(
        &self,
        exchange: &X,
        timeout: Duration,
        deadline: Option<Duration>,
    ) -> Result<X::Output, Error<X::Error>> {
        // The credentials current now: renewed first if they are about to expire.
        let credentials = self
            .config
            .credentials
            .get(&self.config.time_source)
            .await
            .map_err(Error::Credentials)?;
        let builder = exchange.request(self, &credentials)?;
        let transport = |e: reqwest::Error| {
            let error = TransportError::from_reqwest(e);
            Error::Transport(match deadline {
                Some(limit) if error.kind() == TransportErrorKind::Timeout => {
                    TransportError::operation_timeout(limit)
                }
                _ => error,
            })
        };
        let mut response = builder.timeout(timeout).send().await.map_err(transport)?;
        let status = response.status().as_u16();
        tracing::Span::current().record("http.status", status);
        let limit = self.config.max_body_bytes;
        if let Some(declared) = response.content_length() {
            if declared > limit as u64 {
                return Err(Error::BodyTooLarge {
                    status,
                    limit,
                    declared: Some(declared),
                    retries: Retries::none(),
                });
            }
        }
        let mut body = Vec::with_capacity(
            response
                .content_length()
                .map_or(8 * 1024, |n| usize::try_from(n).unwrap_or(limit))
                .min(limit),
        );
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            if body.len() + chunk.len() > limit {
                return Err(Error::BodyTooLarge {
                    status,
                    limit,
                    declared: None,
                    retries: Retries::none(),
                });
            }
            body.extend_from_slice(&chunk);
        }
        let result = exchange.decode(status, &body);
        match &result {
            Ok(_) => tracing::debug!(bytes = body.len(), "answered"),
            Err(Error::Service(error)) => {
                exchange.record_code(&tracing::Span::current(), error);
                tracing::debug!(bytes = body.len(), "answered with an error");
            }
            Err(error) => tracing::debug!(bytes = body.len(), %error, "the answer did not decode"),
        }
        result
    }
}

/// Whether a failure that every protocol reports the same way may be tried again: HTTP 502,
/// 503 and 504 always, transport failures by kind, a truncated answer when the action only
/// reads. Service errors are the protocol's to classify (`service`).
pub(crate) fn retryable<E>(error: &Error<E>, service: impl FnOnce(&E) -> bool) -> Retryable {
    match error {
        Error::Service(e) if service(e) => Retryable::Always,
        Error::HttpStatus {
            status: 502..=504, ..
        } => Retryable::Always,
        Error::Transport(t) => match t.kind() {
            TransportErrorKind::Connect => Retryable::NeverSent,
            TransportErrorKind::OperationTimeout => Retryable::No,
            _ => Retryable::IfIdempotent,
        },
        Error::Truncated { .. } => Retryable::IfIdempotent,
        _ => Retryable::No,
    }
}
