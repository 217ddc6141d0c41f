#![doc = include_str!("generated/overview.md")]
//!
//! # This module
//!
//! Every one of the 58 actions, generated from the specs in `api-specs/as-v3/` (imported from
//! Tencent Cloud's machine-readable description by `cargo xtask import`), behind the `v3`
//! feature. Each action is a method of the [`Client`] and a module of [`operation`] (its
//! request, output and error enum); the shapes they share are in [`types`]. Every value set the
//! service documents is an enum there (`RetryPolicy`, `LifeCycleState`, `ActivityStatusCode`,
//! …): a value the service adds later decodes as `Unknown`, which keeps it and sends it back
//! unchanged; each has `as_str`, `Display` and `FromStr`. Times are [`DateTime`](crate::DateTime),
//! which keeps the text and reads it when asked. Each error an action documents is a variant of
//! its error enum; [`CommonError`] holds the codes every action may answer with.
//!
//! Waiting for what a change started is generated too ([`waiter`](crate::waiter)):
//! `Client::wait_until_activity_done` (DescribeAutoScalingActivities by `ActivityIds`),
//! `wait_until_group_idle`, `wait_until_instances_in_service` and `wait_until_refresh_done`
//! poll until the answer's enum values say the condition holds or never will, or a maximum
//! wait passes.
//!
//! The [`Client`] shares the crate's [`Config`], credentials chain, time-outs, retries
//! (`RequestLimitExceeded` is the throttling code), tracing spans and bounded answers with the
//! API 2.0 client; what differs is the wire: a JSON body, the `X-TC-*` headers, a
//! TC3-HMAC-SHA256 `Authorization` ([`protocol::v3::sign`](crate::protocol::v3::sign)) and the
//! `Response` envelope. Every output has the answer's `request_id`; every error keeps `Code`,
//! `Message` and `RequestId` ([`ServiceError`]).
//!
//! ```no_run
//! use qcloud_as::v3::operation::detach_instances::DetachInstancesError;
//! use qcloud_as::v3::Client;
//! use qcloud_as::{Config, Error};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! // Credentials from TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY (or the other sources
//! // of the default chain); the region in API 3.0 form.
//! let client = Client::new(Config::builder().region("ap-guangzhou").build()?)?;
//! match client.detach_instances("asg-d4hmoms6", ["ins-5u97n5re"]).await {
//!     Ok(output) => println!("activity {:?}", output.activity_id),
//!     Err(Error::Service(DetachInstancesError::ResourceInsufficientInServiceInstanceBelowMinSize(e))) => {
//!         println!("below the minimum size: {} (request {})", e.message(), e.request_id())
//!     }
//!     Err(e) => return Err(e.into()),
//! }
//! # Ok(())
//! # }
//! ```

pub mod error;

// Generated files keep the generator's formatting; `cargo xtask codegen --check` compares bytes.
#[rustfmt::skip]
mod generated;

pub use error::{
    classify, classify_common, ActionError, AutoScalingError, CommonError, CommonTable, ErrorTable,
    ServiceError,
};
pub use generated::operation;
#[cfg(feature = "server")]
pub use generated::service;
pub use generated::types;
pub use generated::SERVICE;

#[cfg(feature = "server")]
pub use crate::protocol::v3::server;

#[doc(hidden)]
pub use crate::v3_error_enum as error_enum;

use crate::call::{CallOverrides, Execute};
use crate::config::{Config, ConfigError, Endpoint};
use crate::core::{Core, Exchange};
use crate::credentials::Credentials;
use crate::error::{Error, ValidationError};
use crate::protocol::v3::{self as wire, sign};
use crate::retry::Retryable;
use crate::shape::{UnknownValues, Validate};
use std::future::Future;
use std::sync::Arc;

/// The real endpoint of API 3.0 ("nearest region" access): `https://as.tencentcloudapi.com/`.
/// A regional one is `https://as.<region>.tencentcloudapi.com/`.
pub const DEFAULT_ENDPOINT: &str = "https://as.tencentcloudapi.com/";

/// The content type of every request body.
const CONTENT_TYPE: &str = "application/json";

/// An API 3.0 action's request: what [`Client::execute`] sends. Implemented by every generated
/// `…Request` type of [`operation`]; its members are sent as the JSON body, by their wire names.
pub trait Operation: serde::Serialize + Validate + Send + Sync {
    /// The action, sent as `X-TC-Action`, e.g. `DetachInstances`.
    const ACTION: &'static str;
    /// Whether sending it twice does no harm (it only reads), so that a transport failure is
    /// retried.
    const IDEMPOTENT: bool = false;
    /// The decoded `Response` of a successful answer.
    type Output: serde::de::DeserializeOwned + serde::Serialize + Send;
    /// The action's error enum.
    type Error: ActionError + Send;
}

/// An Auto Scaling API 3.0 client. Cheap to clone; clones share one connection pool.
///
/// Each action has a method named after it, taking the action's required parameters and
/// returning a call builder to `.await`:
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use qcloud_as::v3::Client;
/// use qcloud_as::Config;
///
/// let client = Client::new(Config::builder().region("ap-guangzhou").build()?)?;
/// let groups = client.describe_auto_scaling_groups().limit(10).await?;
/// println!("{} groups (request {})", groups.total_count, groups.request_id);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct Client {
    /// Shared by clones: a clone (each call holds one) is one reference count.
    core: Arc<Core>,
    endpoint: Arc<Endpoint>,
}

/// A request as sent at one instant: its URL, its headers (the `Authorization` among them) and
/// its JSON body.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedRequest {
    /// Where it is sent (`POST`).
    pub url: String,
    /// Every header the client sets, in the order it sets them.
    pub headers: Vec<(&'static str, String)>,
    /// The JSON body, exactly the bytes signed.
    pub body: Vec<u8>,
}

impl std::fmt::Debug for SignedRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The token is a credential: never shown.
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| match *name {
                "X-TC-Token" => (*name, "<redacted>"),
                _ => (*name, value.as_str()),
            })
            .collect();
        f.debug_struct("SignedRequest")
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &String::from_utf8_lossy(&self.body))
            .finish()
    }
}

impl Client {
    /// A client for `config`. Its endpoint is the one the configuration gives (path `/` unless
    /// it names one), else [`DEFAULT_ENDPOINT`]. API 2.0 settings of the configuration (the
    /// signature method and the HTTP method) do not apply: API 3.0 requests are always a
    /// TC3-HMAC-SHA256-signed JSON `POST`.
    pub fn new(config: Config) -> Result<Client, ConfigError> {
        let endpoint = Endpoint::parse_with_path(
            config.endpoint_given.as_deref().unwrap_or(DEFAULT_ENDPOINT),
            "/",
        )?;
        Ok(Client {
            core: Arc::new(Core::new(config, &endpoint)?),
            endpoint: Arc::new(endpoint),
        })
    }

    /// The configuration this client uses.
    pub fn config(&self) -> &Config {
        &self.core.config
    }

    /// Where requests go.
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// `request` as it is sent at `timestamp` (Unix seconds): the URL, the headers with the
    /// TC3-HMAC-SHA256 `Authorization`, and the JSON body. Not validated. Signed with the
    /// credentials the client holds now: explicit ones, or those a provider last gave (an
    /// error before the first call asked it).
    pub fn signed_request<O: Operation>(
        &self,
        request: &O,
        timestamp: u64,
    ) -> Result<SignedRequest, ValidationError> {
        let credentials = self.core.config.credentials.peek().ok_or_else(|| {
            ValidationError::new(
                "",
                "cannot be signed yet: the credentials come from a provider, which is first \
                 asked at the first call",
            )
        })?;
        self.signed_request_with(request, timestamp, &credentials)
    }

    /// [`Client::signed_request`] signed with `credentials`.
    fn signed_request_with<O: Operation>(
        &self,
        request: &O,
        timestamp: u64,
        credentials: &Credentials,
    ) -> Result<SignedRequest, ValidationError> {
        let body = serde_json::to_vec(request)
            .map_err(|e| ValidationError::new("", format!("cannot be encoded as JSON: {e}")))?;
        let config = &self.core.config;
        let host = self.endpoint.host();
        let authorization = sign::sign_request(
            credentials.secret_id(),
            credentials.secret_key(),
            SERVICE.signing_name.unwrap_or("as"),
            timestamp,
            &sign::RequestToSign {
                method: "POST",
                host,
                content_type: CONTENT_TYPE,
                query: "",
                body: &body,
                unsigned_payload: false,
            },
        );
        let mut headers = vec![
            ("Authorization", authorization),
            ("Content-Type", CONTENT_TYPE.to_owned()),
            ("Host", host.to_owned()),
            ("X-TC-Action", O::ACTION.to_owned()),
            ("X-TC-Timestamp", timestamp.to_string()),
            (
                "X-TC-Version",
                SERVICE.api_version.unwrap_or_default().to_owned(),
            ),
            ("X-TC-Region", config.region.clone()),
            ("X-TC-RequestClient", wire::REQUEST_CLIENT.to_owned()),
        ];
        if let Some(token) = credentials.token() {
            headers.push(("X-TC-Token", token.to_owned()));
        }
        Ok(SignedRequest {
            url: self.endpoint.url(),
            headers,
            body,
        })
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
                &V3Exchange {
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

/// One API 3.0 call: each attempt is signed with its own `X-TC-Timestamp`.
struct V3Exchange<'a, O> {
    client: &'a Client,
    request: &'a O,
}

impl<O: Operation> Exchange for V3Exchange<'_, O> {
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
        let signed = self
            .client
            .signed_request_with(
                self.request,
                core.config.time_source.unix_secs(),
                credentials,
            )
            .map_err(Error::Validation)?;
        // The URL parsed once for the client: the same as `signed.url`.
        let mut builder = core.http.post(core.url.clone());
        for (name, value) in signed.headers {
            // reqwest sets `Host` from the URL: the same authority that was signed.
            if name != "Host" {
                builder = builder.header(name, value);
            }
        }
        Ok(builder.body(signed.body))
    }

    fn decode(&self, status: u16, body: &[u8]) -> Result<O::Output, Error<O::Error>> {
        wire::envelope::decode::<O::Output, O::Error>(status, body)
    }

    fn retryable(&self, error: &Error<O::Error>) -> Retryable {
        match error {
            Error::Service(e) if wire::is_throttling_code(e.meta().code()) => Retryable::Always,
            Error::Service(e) if wire::is_transient_code(e.meta().code()) => {
                Retryable::IfIdempotent
            }
            other => crate::core::retryable(other, |_| false),
        }
    }

    fn record_code(&self, span: &tracing::Span, error: &O::Error) {
        span.record("code", error.meta().code());
    }
}
