//! Client configuration: region, credentials, endpoint, signature and HTTP method, time-outs.

use crate::credentials::{
    Credentials, CredentialsError, DefaultChain, ProvideCredentials, Refreshing,
    DEFAULT_REFRESH_AHEAD,
};
use crate::retry::RetryConfig;
use crate::signing::SignatureMethod;
use crate::tls::RootCertificate;
use environment::EnvLookup;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

mod credentials;
mod endpoint;
mod environment;
mod time_source;

pub use endpoint::Endpoint;
pub use time_source::TimeSource;

pub use environment::{ENV_ENDPOINT, ENV_REGION, ENV_TCCLI_PROFILE};

/// The real endpoint of API 2.0: `https://scaling.api.qcloud.com/v2/index.php` (the API 3.0
/// client's is `qcloud_as::v3::DEFAULT_ENDPOINT`).
pub const DEFAULT_ENDPOINT: &str = "https://scaling.api.qcloud.com/v2/index.php";

/// The path of API 2.0 requests.
const V2_PATH: &str = "/v2/index.php";

/// The HTTP method requests are sent with. Both are signed; POST sends a form body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum HttpMethod {
    /// Parameters in the query string.
    Get,
    /// Parameters in an `application/x-www-form-urlencoded` body (the default).
    #[default]
    Post,
}

impl HttpMethod {
    /// `GET` or `POST`, as used in the string to sign.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
        }
    }
}

/// A configuration that cannot be used.
#[derive(Debug)]
#[non_exhaustive]
pub enum ConfigError {
    /// No region was set. API 2.0 regions are short names such as `gz`, `sh`, `bj`, `hk`; API 3.0
    /// regions are long ones such as `ap-guangzhou`.
    MissingRegion,
    /// tccli's profile file, read for the region, exists but cannot be used.
    InvalidProfileFile {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        why: String,
    },
    /// The endpoint URL cannot be used.
    InvalidEndpoint {
        /// The endpoint as given.
        endpoint: String,
        /// What is wrong with it.
        why: String,
    },
    /// No credentials were set and none were found.
    Credentials(CredentialsError),
    /// The HTTP client could not be built.
    HttpClient(Box<dyn std::error::Error + Send + Sync>),
    /// A root certificate ([`RootCertificate`](crate::RootCertificate)) cannot be read or
    /// cannot be a root.
    InvalidRootCertificate {
        /// Which certificate, and what is wrong with it.
        why: String,
    },
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::MissingRegion => f.write_str(
                "no region set: call ConfigBuilder::region, e.g. .region(\"gz\") for API 2.0 or \
                 .region(\"ap-guangzhou\") for API 3.0, or set TENCENTCLOUD_REGION (tccli's profile \
                 ~/.tccli/<profile>.configure has none either)",
            ),
            ConfigError::InvalidProfileFile { path, why } => write!(
                f,
                "cannot read the region from tccli's profile file {}: {why}",
                path.display()
            ),
            ConfigError::InvalidEndpoint { endpoint, why } => {
                write!(f, "invalid endpoint {endpoint:?}: {why}")
            }
            ConfigError::Credentials(e) => std::fmt::Display::fmt(e, f),
            ConfigError::HttpClient(e) => write!(f, "could not build the HTTP client: {e}"),
            ConfigError::InvalidRootCertificate { why } => {
                write!(f, "invalid root certificate: {why}")
            }
        }
    }
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            // Transparent: the credentials error's own message, and its source.
            ConfigError::Credentials(e) => std::error::Error::source(e),
            ConfigError::HttpClient(e) => Some(&**e),
            _ => None,
        }
    }
}

impl From<CredentialsError> for ConfigError {
    fn from(e: CredentialsError) -> Self {
        ConfigError::Credentials(e)
    }
}

/// Everything a client (`qcloud_as::Client`, `qcloud_as::v3::Client`) needs. Build one with [`Config::builder`].
#[derive(Debug, Clone)]
pub struct Config {
    pub(crate) region: String,
    /// The credentials, or the provider they come from, shared by every clone.
    pub(crate) credentials: Arc<Refreshing>,
    pub(crate) endpoint: Endpoint,
    /// The endpoint as given, when one was: each protocol's client reads it with its own
    /// default path.
    #[cfg_attr(not(feature = "v3"), allow(dead_code))]
    pub(crate) endpoint_given: Option<String>,
    pub(crate) signature_method: SignatureMethod,
    pub(crate) http_method: HttpMethod,
    pub(crate) connect_timeout: Duration,
    pub(crate) attempt_timeout: Duration,
    pub(crate) operation_timeout: Duration,
    pub(crate) retry: RetryConfig,
    pub(crate) max_body_bytes: usize,
    pub(crate) time_source: TimeSource,
    pub(crate) proxies: Vec<reqwest::Proxy>,
    pub(crate) root_certificates: Vec<RootCertificate>,
}

/// The connect time-out unless set.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The time-out of one attempt unless set.
pub const DEFAULT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(30);
/// The time-out of a whole call, retries included, unless set.
pub const DEFAULT_OPERATION_TIMEOUT: Duration = Duration::from_secs(120);
/// The largest answer read unless set: 10 MiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 10 * 1024 * 1024;

impl Config {
    /// A builder with the defaults: the real endpoint, HmacSHA256, POST, time-outs of 10 s to
    /// connect, 30 s per attempt and 120 s per call, up to 3 attempts
    /// ([`RetryConfig::standard`]), answers up to 10 MiB, and credentials from the environment or
    /// profile file.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// The region requests are sent for.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The credentials requests are signed with now: the explicit ones, or the last a provider
    /// gave (`None` before a provider was first asked: at the first call, or by
    /// [`Config::current_credentials`]).
    pub fn credentials(&self) -> Option<Credentials> {
        self.credentials.peek().map(|c| (*c).clone())
    }

    /// Where API 2.0 requests go (the API 3.0 client reads the endpoint given with path `/`
    /// by default, or uses its own default endpoint).
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The signature method.
    pub fn signature_method(&self) -> SignatureMethod {
        self.signature_method
    }

    /// The HTTP method.
    pub fn http_method(&self) -> HttpMethod {
        self.http_method
    }

    /// How retries are made.
    pub fn retry(&self) -> RetryConfig {
        self.retry
    }

    /// How long one attempt may take.
    pub fn attempt_timeout(&self) -> Duration {
        self.attempt_timeout
    }

    /// How long a whole call may take, retries included.
    pub fn operation_timeout(&self) -> Duration {
        self.operation_timeout
    }

    /// The largest answer body read, in bytes.
    pub fn max_body_bytes(&self) -> usize {
        self.max_body_bytes
    }

    /// The clock requests are signed with (`Timestamp`).
    pub fn time_source(&self) -> &TimeSource {
        &self.time_source
    }
}

/// Builds a [`Config`].
///
/// ```no_run
/// use qcloud_as::{Config, Credentials};
///
/// let config = Config::builder()
///     .region("gz")
///     .credentials(Credentials::new("AKIDexample", "example-key"))
///     .build()?;
/// # Ok::<(), qcloud_as::ConfigError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    credentials: Option<Credentials>,
    provider: Option<Arc<dyn ProvideCredentials>>,
    refresh_ahead: Option<Duration>,
    metadata_endpoint: Option<String>,
    sts_endpoint: Option<String>,
    proxies: Vec<reqwest::Proxy>,
    root_certificates: Vec<RootCertificate>,
    environment: EnvLookup,
    endpoint: Option<String>,
    signature_method: SignatureMethod,
    http_method: HttpMethod,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    operation_timeout: Option<Duration>,
    retry: Option<RetryConfig>,
    max_body_bytes: Option<usize>,
    time_source: Option<TimeSource>,
}

impl ConfigBuilder {
    /// The region, e.g. `gz`, `sh`, `bj` (API 2.0) or `ap-guangzhou` (API 3.0). Without it,
    /// `TENCENTCLOUD_REGION` is read, else the `region` of tccli's profile
    /// (`~/.tccli/<TCCLI_PROFILE, else default>.configure`).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Explicit credentials, used as they are. Without them or a
    /// [provider](ConfigBuilder::credentials_provider), the environment and the profile file
    /// are read when the configuration is built ([`Credentials::from_default_chain`]); when
    /// neither has credentials, the rest of the [`DefaultChain`] (TKE's web identity, the CVM
    /// instance role) is asked at the first call.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// A provider of credentials ([`CvmRoleProvider`](crate::credentials::CvmRoleProvider),
    /// [`AssumeRoleProvider`](crate::credentials::AssumeRoleProvider),
    /// [`WebIdentityProvider`](crate::credentials::WebIdentityProvider), [`DefaultChain`], or
    /// your own). It is asked at the first call and again ahead of the expiry of the
    /// credentials it gave ([`ConfigBuilder::credentials_refresh_ahead`]), by one refresh at a
    /// time shared by every clone of the client; a failed refresh keeps the credentials that
    /// have not expired yet. Explicit [`credentials`](ConfigBuilder::credentials) win over it.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.provider = Some(Arc::new(provider));
        self
    }

    /// How long before their expiry temporary credentials are renewed (default
    /// [`DEFAULT_REFRESH_AHEAD`], 5 minutes).
    pub fn credentials_refresh_ahead(mut self, ahead: Duration) -> Self {
        self.refresh_ahead = Some(ahead);
        self
    }

    /// The instance metadata service's address the default chain's CVM role provider asks
    /// (instead of `QCLOUD_AS_METADATA_ENDPOINT`, else `http://metadata.tencentyun.com`).
    pub fn metadata_endpoint(mut self, url: impl Into<String>) -> Self {
        self.metadata_endpoint = Some(url.into());
        self
    }

    /// STS's address the default chain's web identity provider asks (instead of
    /// `QCLOUD_AS_STS_ENDPOINT`, else `https://sts.tencentcloudapi.com`).
    pub fn sts_endpoint(mut self, url: impl Into<String>) -> Self {
        self.sts_endpoint = Some(url.into());
        self
    }

    /// A proxy for the client's requests (reqwest's: `reqwest::Proxy::https(url)`, …); may be
    /// given more than once. Without any, reqwest's default applies (the `HTTP_PROXY` /
    /// `HTTPS_PROXY` / `NO_PROXY` variables). It applies to the client's requests and, when
    /// the client builds the [`DefaultChain`] itself (no credentials or provider given), to
    /// that chain's STS requests (TKE's web identity); never to the instance metadata service.
    /// A provider given with [`credentials_provider`](Self::credentials_provider) has its
    /// own: [`AssumeRoleProvider::proxy`](crate::credentials::AssumeRoleProvider::proxy),
    /// [`WebIdentityProvider::proxy`](crate::credentials::WebIdentityProvider::proxy),
    /// [`DefaultChain::proxy`].
    pub fn proxy(mut self, proxy: reqwest::Proxy) -> Self {
        self.proxies.push(proxy);
        self
    }

    /// Another root certificate to trust, besides the bundled Mozilla roots (`webpki-roots`):
    /// a private CA, or the CA of a TLS-inspecting proxy or gateway; may be given more than
    /// once. Read one with [`RootCertificate::from_pem`] (or `from_der`, `from_pem_bundle`).
    /// It applies to the client's requests (and its proxies) and, when the client builds the
    /// [`DefaultChain`] itself, to that chain's STS requests. A provider given with
    /// [`credentials_provider`](Self::credentials_provider) has its own:
    /// [`AssumeRoleProvider::add_root_certificate`](crate::credentials::AssumeRoleProvider::add_root_certificate),
    /// [`WebIdentityProvider::add_root_certificate`](crate::credentials::WebIdentityProvider::add_root_certificate),
    /// [`DefaultChain::add_root_certificate`].
    pub fn add_root_certificate(mut self, certificate: RootCertificate) -> Self {
        self.root_certificates.push(certificate);
        self
    }

    /// Reads environment variables (`TENCENTCLOUD_*`, `QCLOUD_AS_*`, `TKE_*`, `HOME`) through
    /// `lookup` instead of the process environment, for tests.
    pub fn environment(
        mut self,
        lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        self.environment = EnvLookup(Arc::new(lookup));
        self
    }

    /// Another endpoint, such as a local emulator: `http://127.0.0.1:8080`. Plain `http` is
    /// used only when given here (or in `QCLOUD_AS_ENDPOINT`, read when this is not called).
    /// Without a path, API 2.0 requests go to `/v2/index.php` and API 3.0 requests to `/`.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// The signature method (default HmacSHA256).
    pub fn signature_method(mut self, method: SignatureMethod) -> Self {
        self.signature_method = method;
        self
    }

    /// The HTTP method (default POST).
    pub fn http_method(mut self, method: HttpMethod) -> Self {
        self.http_method = method;
        self
    }

    /// How long to wait for a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How long one attempt may take, from connecting to the last byte of the answer (default
    /// 30 s): a server that sends slowly is cut off after it.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How long a whole call may take, every attempt and the waits between them included
    /// (default 120 s).
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.operation_timeout = Some(timeout);
        self
    }

    /// How calls are retried (default [`RetryConfig::standard`]: up to 3 attempts);
    /// [`RetryConfig::disabled`] sends each call once.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    /// The largest answer body read, in bytes (default 10 MiB); a larger one is refused as
    /// [`Error::BodyTooLarge`](crate::Error::BodyTooLarge) without reading more of it.
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body_bytes = Some(limit);
        self
    }

    /// The clock requests are signed with (default: the system clock). A server that runs on
    /// a virtual clock, such as the emulator, hands one out so that its `Timestamp` check holds
    /// whatever time it simulates.
    pub fn time_source(mut self, source: TimeSource) -> Self {
        self.time_source = Some(source);
        self
    }

    /// Checks the settings, reads what is not set from the environment (the region, the
    /// endpoint) and resolves credentials (see [`ConfigBuilder::credentials`]).
    pub fn build(self) -> Result<Config, ConfigError> {
        let env = &self.environment;
        let region = match self.region {
            Some(region) if !region.trim().is_empty() => region,
            _ => environment::region(env)?.ok_or(ConfigError::MissingRegion)?,
        };
        let endpoint_given = self.endpoint.or_else(|| env.get(ENV_ENDPOINT));
        let endpoint = Endpoint::parse(endpoint_given.as_deref().unwrap_or(DEFAULT_ENDPOINT))?;
        let ahead = self.refresh_ahead.unwrap_or(DEFAULT_REFRESH_AHEAD);
        let credentials = match (self.credentials, self.provider) {
            (Some(credentials), _) => Refreshing::fixed(credentials),
            (None, Some(provider)) => Refreshing::new(Box::new(provider), ahead),
            (None, None) => match Credentials::from_default_chain_with(|n| (env.0)(n)) {
                Ok(credentials) => Refreshing::fixed(credentials),
                Err(CredentialsError::NotFound { .. }) => {
                    let lookup = env.0.clone();
                    let mut chain = DefaultChain::from_env_with(move |n| lookup(n));
                    if let Some(url) = self.metadata_endpoint {
                        chain = chain.metadata_endpoint(url);
                    }
                    if let Some(url) = self.sts_endpoint {
                        chain = chain.sts_endpoint(url);
                    }
                    for root in &self.root_certificates {
                        chain = chain.add_root_certificate(root.clone());
                    }
                    for proxy in &self.proxies {
                        chain = chain.proxy(proxy.clone());
                    }
                    Refreshing::new(Box::new(chain), ahead)
                }
                Err(e) => return Err(e.into()),
            },
        };
        Ok(Config {
            region,
            credentials: Arc::new(credentials),
            endpoint,
            endpoint_given,
            signature_method: self.signature_method,
            http_method: self.http_method,
            connect_timeout: self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
            attempt_timeout: self.timeout.unwrap_or(DEFAULT_ATTEMPT_TIMEOUT),
            operation_timeout: self.operation_timeout.unwrap_or(DEFAULT_OPERATION_TIMEOUT),
            retry: self.retry.unwrap_or_default(),
            max_body_bytes: self.max_body_bytes.unwrap_or(DEFAULT_MAX_BODY_BYTES),
            time_source: self.time_source.unwrap_or_default(),
            proxies: self.proxies,
            root_certificates: self.root_certificates,
        })
    }
}
