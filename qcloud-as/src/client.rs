//! The client: signs requests, sends them and decodes the answers.

use crate::call::CallOverrides;
use crate::config::{Config, ConfigError, HttpMethod};
use crate::error::{
    ActionError, Error, ErrorTable, TransportError, TransportErrorKind, ValidationError,
};
use crate::protocol::v2::{self, CommonParams, SignedTarget};
use crate::retry::{jitter, RetryBudget, Retryable};
use crate::shape::{UnknownValues, Validate};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tracing::Instrument;

/// An action's request: what [`Client::execute`] sends. Implemented by every generated
/// `…Request` type, which states only its action name and its output and error types; the
/// request's members are encoded by the protocol from the type's `Serialize`.
pub trait Operation: serde::Serialize + Validate {
    /// The `Action` parameter, e.g. `DetachInstance`.
    const ACTION: &'static str;
    /// Whether sending it twice does no harm (it only reads), so that a transport failure is
    /// retried (`idempotent: true` in its spec).
    const IDEMPOTENT: bool = false;
    /// The decoded `data` of a successful answer.
    type Output: serde::de::DeserializeOwned + serde::Serialize;
    /// The action's error enum.
    type Error: ActionError;
}

/// An Auto Scaling API 2.0 client. Cheap to clone; clones share one connection pool.
///
/// Each action has a method named after it, taking the action's required parameters and
/// returning a call builder whose `send` does the request:
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use qcloud_as::{Client, Config};
///
/// let client = Client::new(Config::builder().region("gz").build()?)?;
/// client
///     .detach_instance("asg-d4hmoms6", ["ins-5u97n5re"])
///     .send()
///     .await?;
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct Client {
    config: Config,
    http: reqwest::Client,
    /// The retry budget, shared by clones.
    budget: Arc<RetryBudget>,
}

/// The parts of a request a signature covers: its parameters, the common ones and its target.
type Unsigned<'a> = (Vec<(String, String)>, CommonParams<'a>, SignedTarget<'a>);

impl Client {
    /// A client for `config`.
    pub fn new(config: Config) -> Result<Client, ConfigError> {
        let mut builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .user_agent(concat!("qcloud-as/", env!("CARGO_PKG_VERSION")))
            // A redirected POST would be re-sent as a GET elsewhere; report the 3xx instead.
            .redirect(reqwest::redirect::Policy::none());
        if !config.endpoint.is_plain_http() {
            builder = builder.https_only(true);
        }
        let http = builder
            .build()
            .map_err(|e| ConfigError::HttpClient(Box::new(e)))?;
        Ok(Client {
            config,
            http,
            budget: Arc::new(RetryBudget::default()),
        })
    }

    /// The configuration this client uses.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Builds the signed parameter list for `request` at `timestamp` with `nonce`: the common
    /// parameters, the action's parameters and `Signature`, in the order they are sent.
    pub fn signed_params<O: Operation>(
        &self,
        request: &O,
        timestamp: u64,
        nonce: u64,
    ) -> Result<Vec<(String, String)>, ValidationError> {
        let (action_params, common, target) = self.unsigned(request, timestamp, nonce)?;
        Ok(v2::signed_pairs(
            &common,
            action_params,
            &target,
            self.config.credentials.secret_key(),
        ))
    }

    /// The parameters of `request` as sent at `timestamp` with `nonce`: signed and URL-encoded,
    /// the query string of a GET or the body of a POST (see [`Client::signed_params`] for the
    /// same as a list).
    pub fn encoded_request<O: Operation>(
        &self,
        request: &O,
        timestamp: u64,
        nonce: u64,
    ) -> Result<String, ValidationError> {
        let (action_params, common, target) = self.unsigned(request, timestamp, nonce)?;
        Ok(v2::encoded_signed(
            &common,
            &action_params,
            &target,
            self.config.credentials.secret_key(),
        ))
    }

    /// What a signature covers: the action's parameters, the common ones and where it is sent.
    fn unsigned<O: Operation>(
        &self,
        request: &O,
        timestamp: u64,
        nonce: u64,
    ) -> Result<Unsigned<'_>, ValidationError> {
        let config = &self.config;
        let mut action_params = Vec::with_capacity(8);
        v2::form::to_pairs(request, &mut action_params).map_err(|e| {
            ValidationError::new(e.name, format!("cannot be encoded: {}", e.message))
        })?;
        let common = CommonParams {
            action: O::ACTION,
            region: &config.region,
            timestamp,
            nonce,
            secret_id: config.credentials.secret_id(),
            signature_method: config.signature_method,
            token: config.credentials.token(),
        };
        let target = SignedTarget {
            method: config.http_method.as_str(),
            host: config.endpoint.host(),
            path: config.endpoint.path(),
        };
        Ok((action_params, common, target))
    }

    /// Validates, signs and sends `request` with the client's settings (retrying as
    /// configured), and decodes the answer.
    pub async fn execute<O: Operation>(&self, request: &O) -> Result<O::Output, Error<O::Error>> {
        self.execute_with(request, &CallOverrides::default()).await
    }

    /// [`Client::execute`] with per-call settings.
    pub async fn execute_with<O: Operation>(
        &self,
        request: &O,
        overrides: &CallOverrides,
    ) -> Result<O::Output, Error<O::Error>> {
        request
            .validate("", UnknownValues::Allow)
            .map_err(Error::Validation)?;
        let span = tracing::debug_span!(
            "qcloud_as.call",
            action = O::ACTION,
            region = %self.config.region,
            attempts = tracing::field::Empty,
        );
        self.retry_loop(request, overrides).instrument(span).await
    }

    async fn retry_loop<O: Operation>(
        &self,
        request: &O,
        overrides: &CallOverrides,
    ) -> Result<O::Output, Error<O::Error>> {
        let retry = overrides.retry.unwrap_or(self.config.retry);
        let attempt_timeout = overrides
            .attempt_timeout
            .unwrap_or(self.config.attempt_timeout);
        let operation_timeout = overrides
            .operation_timeout
            .unwrap_or(self.config.operation_timeout);
        let start = Instant::now();
        let mut attempt = 1u32;
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
                self.attempt(request, timeout, capped.then_some(operation_timeout))
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
            let why = retryable(&error);
            if !why.applies(O::IDEMPOTENT) || attempt >= retry.attempts() {
                return Err(Error::after(attempt, error));
            }
            let wait = retry.backoff(attempt + 1, jitter());
            if start.elapsed() + wait >= operation_timeout {
                tracing::debug!("no time left for another attempt");
                return Err(Error::after(attempt, error));
            }
            if !self.budget.withdraw(why) {
                tracing::debug!("the retry budget is spent");
                return Err(Error::after(attempt, error));
            }
            tracing::debug!(
                wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
                error = %error,
                "retrying"
            );
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// One attempt: signed afresh (new `Nonce` and `Timestamp`), sent with `timeout`, the answer
    /// read up to the body limit and decoded. `deadline` is the operation time-out when it,
    /// not the attempt's own, limits this attempt.
    async fn attempt<O: Operation>(
        &self,
        request: &O,
        timeout: Duration,
        deadline: Option<Duration>,
    ) -> Result<O::Output, Error<O::Error>> {
        let nonce = random_nonce().map_err(|e| Error::Randomness(Box::new(e)))?;
        let params = self
            .signed_params(request, self.config.time_source.unix_secs(), nonce)
            .map_err(Error::Validation)?;
        let encoded = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(params.iter())
            .finish();
        let url = self.config.endpoint.url();
        let builder = match self.config.http_method {
            HttpMethod::Get => self.http.get(format!("{url}?{encoded}")),
            HttpMethod::Post => self
                .http
                .post(url)
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(encoded),
        };
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
                });
            }
            body.extend_from_slice(&chunk);
        }
        let result = v2::envelope::decode::<O::Output, O::Error>(status, &body);
        match &result {
            Ok(_) => tracing::debug!(bytes = body.len(), "answered"),
            Err(Error::Service(error)) => {
                tracing::Span::current().record("code", error.meta().code());
                tracing::debug!(bytes = body.len(), "answered with an error");
            }
            Err(error) => tracing::debug!(bytes = body.len(), %error, "the answer did not decode"),
        }
        result
    }
}

/// Whether a failure may be tried again; see [`crate::retry`].
fn retryable<E: ActionError>(error: &Error<E>) -> Retryable {
    match error {
        Error::Service(e) if v2::is_transient_code(e.meta().code()) => Retryable::Always,
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

/// A random `Nonce` in `1..=2^63-1` from the operating system's secure generator.
pub(crate) fn random_nonce() -> Result<u64, getrandom::Error> {
    let mut bytes = [0u8; 8];
    loop {
        getrandom::getrandom(&mut bytes)?;
        let nonce = u64::from_le_bytes(bytes) >> 1;
        if nonce != 0 {
            return Ok(nonce);
        }
    }
}
