//! The client: signs requests, sends them and decodes the answers.

use crate::call::{CallOverrides, Execute};
use crate::config::{Config, ConfigError, HttpMethod};
use crate::core::{Core, Exchange};
use crate::credentials::Credentials;
use crate::error::{ActionError, Error, ErrorTable, ValidationError};
use crate::protocol::v2::{self, CommonParams, SignedTarget};
use crate::retry::Retryable;
use crate::shape::{UnknownValues, Validate};
use std::future::Future;

/// An action's request: what [`Client::execute`] sends. Implemented by every generated
/// `…Request` type, which states only its action name and its output and error types; the
/// request's members are encoded by the protocol from the type's `Serialize`.
pub trait Operation: serde::Serialize + Validate + Send + Sync {
    /// The `Action` parameter, e.g. `DetachInstance`.
    const ACTION: &'static str;
    /// Whether sending it twice does no harm (it only reads), so that a transport failure is
    /// retried (`idempotent: true` in its spec).
    const IDEMPOTENT: bool = false;
    /// The decoded `data` of a successful answer.
    type Output: serde::de::DeserializeOwned + serde::Serialize + Send;
    /// The action's error enum.
    type Error: ActionError + Send;
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
    core: Core,
}

/// The parts of a request a signature covers: its parameters, the common ones and its target.
type Unsigned<'a> = (Vec<(String, String)>, CommonParams<'a>, SignedTarget<'a>);

impl Client {
    /// A client for `config`.
    pub fn new(config: Config) -> Result<Client, ConfigError> {
        let endpoint = config.endpoint.clone();
        Ok(Client {
            core: Core::new(config, &endpoint)?,
        })
    }

    /// The configuration this client uses.
    pub fn config(&self) -> &Config {
        &self.core.config
    }

    /// Builds the signed parameter list for `request` at `timestamp` with `nonce`: the common
    /// parameters, the action's parameters and `Signature`, in the order they are sent.
    ///
    /// It is signed with the credentials the client holds now: explicit ones, or those a
    /// provider last gave (an error before the first call asked it).
    pub fn signed_params<O: Operation>(
        &self,
        request: &O,
        timestamp: u64,
        nonce: u64,
    ) -> Result<Vec<(String, String)>, ValidationError> {
        let credentials = self.held_credentials()?;
        let (action_params, common, target) =
            self.unsigned(request, timestamp, nonce, &credentials)?;
        Ok(v2::signed_pairs(
            &common,
            action_params,
            &target,
            credentials.secret_key(),
        ))
    }

    /// The credentials held now, for the synchronous signing methods.
    fn held_credentials(&self) -> Result<std::sync::Arc<Credentials>, ValidationError> {
        self.core.config.credentials.peek().ok_or_else(|| {
            ValidationError::new(
                "",
                "cannot be signed yet: the credentials come from a provider, which is first \
                 asked at the first call",
            )
        })
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
        let credentials = self.held_credentials()?;
        self.encoded_request_with(request, timestamp, nonce, &credentials)
    }

    /// [`Client::encoded_request`] signed with `credentials`.
    fn encoded_request_with<O: Operation>(
        &self,
        request: &O,
        timestamp: u64,
        nonce: u64,
        credentials: &Credentials,
    ) -> Result<String, ValidationError> {
        // The action's parameters in one buffer (room for a typical request), not a pair of
        // `String`s each: the bytes sent are those `signed_params` lists.
        let mut action_params = v2::form::Flattened::with_capacity(256, 16);
        v2::form::flatten(request, &mut action_params).map_err(form_error)?;
        let (common, target) = self.common_and_target::<O>(timestamp, nonce, credentials);
        Ok(v2::encoded_signed_flat(
            &common,
            &mut action_params,
            &target,
            credentials.secret_key(),
        ))
    }

    /// What a signature covers: the action's parameters, the common ones and where it is sent.
    fn unsigned<'a, O: Operation>(
        &'a self,
        request: &O,
        timestamp: u64,
        nonce: u64,
        credentials: &'a Credentials,
    ) -> Result<Unsigned<'a>, ValidationError> {
        let mut action_params = Vec::with_capacity(8);
        v2::form::to_pairs(request, &mut action_params).map_err(form_error)?;
        let (common, target) = self.common_and_target::<O>(timestamp, nonce, credentials);
        Ok((action_params, common, target))
    }

    /// The common parameters of `O` at `timestamp` with `nonce`, and where it is sent.
    fn common_and_target<'a, O: Operation>(
        &'a self,
        timestamp: u64,
        nonce: u64,
        credentials: &'a Credentials,
    ) -> (CommonParams<'a>, SignedTarget<'a>) {
        let config = &self.core.config;
        let common = CommonParams {
            action: O::ACTION,
            region: &config.region,
            timestamp,
            nonce,
            secret_id: credentials.secret_id(),
            signature_method: config.signature_method,
            token: credentials.token(),
        };
        let target = SignedTarget {
            method: config.http_method.as_str(),
            host: config.endpoint.host(),
            path: config.endpoint.path(),
        };
        (common, target)
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
        self.core
            .run(
                &V2Exchange {
                    client: self,
                    request,
                },
                overrides,
            )
            .await
    }
}

impl<O: Operation> Execute<O> for Client {
    type Output = O::Output;
    type Error = O::Error;

    fn execute_with<'a>(
        &'a self,
        request: &'a O,
        overrides: &'a CallOverrides,
    ) -> impl Future<Output = Result<O::Output, Error<O::Error>>> + Send + 'a {
        Client::execute_with(self, request, overrides)
    }
}

/// A request that has no flat form, as a validation error.
fn form_error(e: v2::form::FormError) -> ValidationError {
    ValidationError::new(e.name, format!("cannot be encoded: {}", e.message))
}

/// One API 2.0 call: each attempt gets a new `Nonce` and `Timestamp`.
struct V2Exchange<'a, O> {
    client: &'a Client,
    request: &'a O,
}

impl<O: Operation> Exchange for V2Exchange<'_, O> {
    type Output = O::Output;
    type Error = O::Error;

    fn action(&self) -> &'static str {
        O::ACTION
    }

    fn idempotent(&self) -> bool {
        O::IDEMPOTENT
    }

    fn request(
        &self,
        core: &Core,
        credentials: &Credentials,
    ) -> Result<reqwest::RequestBuilder, Error<O::Error>> {
        let config = &core.config;
        let nonce = random_nonce().map_err(|e| Error::Randomness(Box::new(e)))?;
        let encoded = self
            .client
            .encoded_request_with(
                self.request,
                config.time_source.unix_secs(),
                nonce,
                credentials,
            )
            .map_err(Error::Validation)?;
        let mut url = core.url.clone();
        Ok(match config.http_method {
            HttpMethod::Get => {
                // Already form-encoded: `set_query` finds nothing left to escape.
                url.set_query(Some(&encoded));
                core.http.get(url)
            }
            HttpMethod::Post => core
                .http
                .post(url)
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(encoded),
        })
    }

    fn decode(&self, status: u16, body: &[u8]) -> Result<O::Output, Error<O::Error>> {
        v2::envelope::decode::<O::Output, O::Error>(status, body)
    }

    fn retryable(&self, error: &Error<O::Error>) -> Retryable {
        crate::core::retryable(error, |e| v2::is_transient_code(e.meta().code()))
    }

    fn record_code(&self, span: &tracing::Span, error: &O::Error) {
        span.record("code", error.meta().code());
    }
}

/// How many nonces one call to the operating system's generator makes (per thread).
const NONCE_BATCH: usize = 32;

thread_local! {
    /// Nonces drawn from the operating system and not handed out yet: one system call serves
    /// `NONCE_BATCH` requests. A nonce has to be unique, not secret; these are as random as
    /// the system's generator makes them.
    static NONCES: std::cell::RefCell<Vec<u64>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A random `Nonce` in `1..=2^63-1` from the operating system's secure generator.
pub(crate) fn random_nonce() -> Result<u64, getrandom::Error> {
    NONCES.with(|pool| {
        let mut pool = pool.borrow_mut();
        loop {
            if let Some(nonce) = pool.pop() {
                return Ok(nonce);
            }
            let mut bytes = [0u8; 8 * NONCE_BATCH];
            getrandom::getrandom(&mut bytes)?;
            pool.extend(
                bytes
                    .chunks_exact(8)
                    .filter_map(|chunk| <[u8; 8]>::try_from(chunk).ok())
                    .map(|word| u64::from_le_bytes(word) >> 1)
                    .filter(|nonce| *nonce != 0),
            );
        }
    })
}

#[cfg(test)]
mod tests {
    use super::random_nonce;
    use std::collections::HashSet;

    #[test]
    fn nonces_are_positive_and_do_not_repeat() {
        let mut seen = HashSet::new();
        for _ in 0..10_000 {
            let nonce = match random_nonce() {
                Ok(nonce) => nonce,
                Err(e) => panic!("{e}"),
            };
            assert!((1..=(1u64 << 63) - 1).contains(&nonce));
            assert!(seen.insert(nonce), "{nonce} repeated");
        }
    }
}
