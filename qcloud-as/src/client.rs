//! The client: signs requests, sends them and decodes the answers.

use crate::config::{Config, ConfigError, HttpMethod};
use crate::error::{Error, ServiceError, TransportError, ValidationError};
use crate::signing;
use std::time::{SystemTime, UNIX_EPOCH};

/// The `RequestClient` value sent with every request.
pub const REQUEST_CLIENT: &str = concat!("SDK_RUST_QCLOUD_AS_", env!("CARGO_PKG_VERSION"));

/// An action's request: what [`Client::execute`] sends. Implemented by every generated
/// `…Request` type.
pub trait Operation {
    /// The `Action` parameter, e.g. `DetachInstance`.
    const ACTION: &'static str;
    /// The decoded `data` of a successful answer.
    type Output: serde::de::DeserializeOwned;
    /// The action's error enum.
    type Error: From<ServiceError>;

    /// Checks the spec's constraints (item counts, value ranges, lengths).
    fn validate(&self) -> Result<(), ValidationError>;

    /// Appends the action's own parameters (not the common ones) to `out`.
    fn encode(&self, out: &mut Vec<(String, String)>);
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
    ) -> Vec<(String, String)> {
        let config = &self.config;
        let mut params: Vec<(String, String)> = Vec::with_capacity(16);
        params.push(("Action".into(), O::ACTION.into()));
        params.push(("Region".into(), config.region.clone()));
        params.push(("Timestamp".into(), timestamp.to_string()));
        params.push(("Nonce".into(), nonce.to_string()));
        params.push(("SecretId".into(), config.credentials.secret_id().into()));
        params.push((
            "SignatureMethod".into(),
            config.signature_method.as_str().into(),
        ));
        params.push(("RequestClient".into(), REQUEST_CLIENT.into()));
        if let Some(token) = config.credentials.token() {
            params.push(("Token".into(), token.into()));
        }
        request.encode(&mut params);
        let string_to_sign = signing::string_to_sign(
            config.http_method.as_str(),
            config.endpoint.host(),
            config.endpoint.path(),
            &params,
        );
        let signature = signing::sign(
            config.credentials.secret_key(),
            &string_to_sign,
            config.signature_method,
        );
        params.push(("Signature".into(), signature));
        params
    }

    /// Validates, signs and sends `request`, and decodes the answer.
    pub async fn execute<O: Operation>(&self, request: &O) -> Result<O::Output, Error<O::Error>> {
        request.validate().map_err(Error::Validation)?;
        let nonce = random_nonce().map_err(|e| Error::Randomness(Box::new(e)))?;
        let params = self.signed_params(request, unix_time(), nonce);
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
        crate::envelope::decode(status, &body)
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
