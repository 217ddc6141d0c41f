//! The client: signs requests, sends them and decodes the answers.

use crate::config::{Config, ConfigError, HttpMethod};
use crate::error::{ActionError, Error, TransportError, ValidationError};
use crate::protocol::v2::{self, CommonParams, SignedTarget};
use crate::shape::{UnknownValues, Validate};
use std::time::{SystemTime, UNIX_EPOCH};

/// An action's request: what [`Client::execute`] sends. Implemented by every generated
/// `…Request` type, which states only its action name and its output and error types; the
/// request's members are encoded by the protocol from the type's `Serialize`.
pub trait Operation: serde::Serialize + Validate {
    /// The `Action` parameter, e.g. `DetachInstance`.
    const ACTION: &'static str;
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
}

impl Client {
    /// A client for `config`.
    pub fn new(config: Config) -> Result<Client, ConfigError> {
        let mut builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .user_agent(concat!("qcloud-as/", env!("CARGO_PKG_VERSION")))
            // A redirected POST would be re-sent as a GET elsewhere; report the 3xx instead.
            .redirect(reqwest::redirect::Policy::none());
        if !config.endpoint.is_plain_http() {
            builder = builder.https_only(true);
        }
        let http = builder
            .build()
            .map_err(|e| ConfigError::HttpClient(Box::new(e)))?;
        Ok(Client { config, http })
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
        Ok(v2::signed_pairs(
            &common,
            action_params,
            &target,
            config.credentials.secret_key(),
        ))
    }

    /// Validates, signs and sends `request`, and decodes the answer.
    pub async fn execute<O: Operation>(&self, request: &O) -> Result<O::Output, Error<O::Error>> {
        request
            .validate("", UnknownValues::Allow)
            .map_err(Error::Validation)?;
        let nonce = random_nonce().map_err(|e| Error::Randomness(Box::new(e)))?;
        let params = self
            .signed_params(request, unix_time(), nonce)
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
        let response = builder
            .send()
            .await
            .map_err(|e| Error::Transport(TransportError::from_reqwest(e)))?;
        let status = response.status().as_u16();
        let body = response
            .bytes()
            .await
            .map_err(|e| Error::Transport(TransportError::from_reqwest(e)))?;
        v2::envelope::decode(status, &body)
    }
}

fn unix_time() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A random `Nonce` in `1..=2^63-1` from the operating system's secure generator.
pub(crate) fn random_nonce() -> Result<u64, getrandom::Error> {
    let mut bytes = [0u8; 8];
    loop {
        getrandom::fill(&mut bytes)?;
        let nonce = u64::from_le_bytes(bytes) >> 1;
        if nonce != 0 {
            return Ok(nonce);
        }
    }
}
