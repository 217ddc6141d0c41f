//! OIDC web identity for TKE: a pod's service-account token exchanged for a CAM role's
//! temporary credentials through STS `AssumeRoleWithWebIdentity`.

use super::provider::{ProvideCredentials, ProvideFuture};
use super::sts::{self, check_duration, default_session_name, endpoint_from_env, Transport};
use super::{non_empty, process_env, Credentials, CredentialsError};
use crate::config::TimeSource;
use crate::tls::RootCertificate;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Environment variable holding the region STS is called for (set by TKE).
pub const ENV_TKE_REGION: &str = "TKE_REGION";
/// Environment variable holding the OIDC identity provider's id (set by TKE).
pub const ENV_TKE_PROVIDER_ID: &str = "TKE_PROVIDER_ID";
/// Environment variable naming the file holding the web identity token (set by TKE).
pub const ENV_TKE_WEB_IDENTITY_TOKEN_FILE: &str = "TKE_WEB_IDENTITY_TOKEN_FILE";
/// Environment variable holding the role's ARN (set by TKE).
pub const ENV_TKE_ROLE_ARN: &str = "TKE_ROLE_ARN";

/// What the provider is called in errors.
const NAME: &str = "STS AssumeRoleWithWebIdentity";

/// How long one STS request may take unless set.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Where the settings come from.
#[derive(Clone)]
enum Settings {
    /// Given in code.
    Fixed {
        region: String,
        provider_id: String,
        token_file: PathBuf,
        role_arn: String,
    },
    /// Read at every refresh through the lookup (the process environment by default), as the
    /// official SDKs read TKE's variables before each refresh.
    Env(super::Lookup),
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Settings::Fixed {
                region,
                provider_id,
                token_file,
                role_arn,
            } => f
                .debug_struct("Fixed")
                .field("region", region)
                .field("provider_id", provider_id)
                .field("token_file", token_file)
                .field("role_arn", role_arn)
                .finish(),
            Settings::Env(_) => f.write_str("TKE environment variables"),
        }
    }
}

/// Temporary credentials of a CAM role for a web identity (OIDC) token, exchanged through STS
/// `AssumeRoleWithWebIdentity` (version 2018-08-13), as TKE pods get them.
///
/// [`WebIdentityProvider::from_env`] reads, at every refresh, TKE's variables: `TKE_REGION`
/// (the region STS is called for), `TKE_PROVIDER_ID`, `TKE_WEB_IDENTITY_TOKEN_FILE` (the file
/// is read again each time: TKE rotates the token) and `TKE_ROLE_ARN`, as
/// tencentcloud-sdk-go's `DefaultTkeOIDCRoleArnProvider` and the Python SDK's
/// `DefaultTkeOIDCRoleArnProvider` do. The request is a JSON `POST` with `ProviderId`,
/// `WebIdentityToken`, `RoleArn`, `RoleSessionName` (`qcloud-as-<microseconds>` unless set) and
/// `DurationSeconds` (7200 unless set), sent unsigned (`Authorization: SKIP`) as the official
/// SDKs send it: the token is the proof.
#[derive(Debug, Clone)]
pub struct WebIdentityProvider {
    settings: Settings,
    session_name: Option<String>,
    duration: Duration,
    endpoint: String,
    timeout: Duration,
    transport: Transport,
}

impl WebIdentityProvider {
    /// A provider with the given settings, at the STS address `QCLOUD_AS_STS_ENDPOINT` names,
    /// else the real one.
    pub fn new(
        region: impl Into<String>,
        provider_id: impl Into<String>,
        token_file: impl Into<PathBuf>,
        role_arn: impl Into<String>,
    ) -> Self {
        WebIdentityProvider::with_settings(
            Settings::Fixed {
                region: region.into(),
                provider_id: provider_id.into(),
                token_file: token_file.into(),
                role_arn: role_arn.into(),
            },
            endpoint_from_env(process_env),
        )
    }

    /// A provider reading TKE's variables (`TKE_REGION`, `TKE_PROVIDER_ID`,
    /// `TKE_WEB_IDENTITY_TOKEN_FILE`, `TKE_ROLE_ARN`) from the process environment at every
    /// refresh, and `QCLOUD_AS_STS_ENDPOINT` now.
    pub fn from_env() -> Self {
        WebIdentityProvider::from_env_with(process_env)
    }

    /// [`WebIdentityProvider::from_env`], reading the variables through `lookup`.
    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        let endpoint = endpoint_from_env(&lookup);
        WebIdentityProvider::with_settings(Settings::Env(Arc::new(lookup)), endpoint)
    }

    /// Whether `lookup` has any of TKE's web identity variables (`TKE_PROVIDER_ID`,
    /// `TKE_WEB_IDENTITY_TOKEN_FILE`, `TKE_ROLE_ARN`): the default chain then uses this
    /// provider (and reports a missing one).
    pub fn is_configured(lookup: impl Fn(&str) -> Option<String>) -> bool {
        [
            ENV_TKE_PROVIDER_ID,
            ENV_TKE_WEB_IDENTITY_TOKEN_FILE,
            ENV_TKE_ROLE_ARN,
        ]
        .iter()
        .any(|name| non_empty(&lookup, name).is_some())
    }

    fn with_settings(settings: Settings, endpoint: String) -> Self {
        WebIdentityProvider {
            settings,
            session_name: None,
            duration: sts::DEFAULT_DURATION,
            endpoint,
            timeout: DEFAULT_TIMEOUT,
            transport: Transport::default(),
        }
    }

    /// The session's name (`RoleSessionName`); default `qcloud-as-<microseconds>`.
    pub fn session_name(mut self, name: impl Into<String>) -> Self {
        self.session_name = Some(name.into());
        self
    }

    /// How long the credentials are valid (`DurationSeconds`, 1 to 43200 s; default 7200 s).
    pub fn duration(mut self, duration: Duration) -> Self {
        self.duration = duration;
        self
    }

    /// Another STS address, such as the emulator's stand-in: `http://127.0.0.1:PORT`.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = endpoint.into();
        self
    }

    /// How long one STS request may take (default 10 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Another root certificate to trust for STS, besides the bundled Mozilla roots
    /// (`webpki-roots`): a private CA (of a private STS endpoint, say), or the CA of a
    /// TLS-inspecting proxy or gateway; may be given more than once. As
    /// [`ConfigBuilder::add_root_certificate`](crate::ConfigBuilder::add_root_certificate),
    /// which applies to the client's own requests only.
    pub fn add_root_certificate(mut self, certificate: RootCertificate) -> Self {
        self.transport.roots.push(certificate);
        self
    }

    /// A proxy for the STS requests (reqwest's: `reqwest::Proxy::https(url)`, …); may be given
    /// more than once. Without any, reqwest's default applies (the `HTTP_PROXY` /
    /// `HTTPS_PROXY` / `NO_PROXY` variables). As
    /// [`ConfigBuilder::proxy`](crate::ConfigBuilder::proxy), which applies to the client's
    /// own requests only.
    pub fn proxy(mut self, proxy: reqwest::Proxy) -> Self {
        self.transport.proxies.push(proxy);
        self
    }

    /// The region, provider id, token file (and where its name came from) and role ARN.
    fn resolve(&self) -> Result<(String, String, PathBuf, String, String), CredentialsError> {
        match &self.settings {
            Settings::Fixed {
                region,
                provider_id,
                token_file,
                role_arn,
            } => {
                for (value, what) in [
                    (region, "the region"),
                    (provider_id, "the identity provider id"),
                    (role_arn, "the role ARN"),
                ] {
                    if value.trim().is_empty() {
                        return Err(CredentialsError::MissingSetting {
                            provider: NAME,
                            what: what.to_owned(),
                        });
                    }
                }
                Ok((
                    region.clone(),
                    provider_id.clone(),
                    token_file.clone(),
                    "the provider's settings".to_owned(),
                    role_arn.clone(),
                ))
            }
            Settings::Env(lookup) => {
                let var = |name: &str| {
                    non_empty(|n| lookup(n), name).ok_or_else(|| CredentialsError::MissingSetting {
                        provider: NAME,
                        what: format!("environment variable {name}"),
                    })
                };
                Ok((
                    var(ENV_TKE_REGION)?,
                    var(ENV_TKE_PROVIDER_ID)?,
                    PathBuf::from(var(ENV_TKE_WEB_IDENTITY_TOKEN_FILE)?),
                    ENV_TKE_WEB_IDENTITY_TOKEN_FILE.to_owned(),
                    var(ENV_TKE_ROLE_ARN)?,
                ))
            }
        }
    }

    async fn exchange(&self, clock: &TimeSource) -> Result<Credentials, CredentialsError> {
        let (region, provider_id, token_file, named_by, role_arn) = self.resolve()?;
        let duration = check_duration(NAME, self.duration)?;
        let token = std::fs::read_to_string(&token_file).map_err(|source| {
            CredentialsError::ReadTokenFile {
                path: token_file.clone(),
                named_by,
                source,
            }
        })?;
        let token = token.trim();
        if token.is_empty() {
            return Err(CredentialsError::InvalidSetting {
                provider: NAME,
                what: format!(
                    "the web identity token file {} is empty",
                    token_file.display()
                ),
            });
        }
        let session_name = self
            .session_name
            .clone()
            .unwrap_or_else(|| default_session_name(clock));
        sts::call(
            sts::Call {
                action: "AssumeRoleWithWebIdentity",
                provider: NAME,
                endpoint: &self.endpoint,
                region: &region,
                body: serde_json::json!({
                    "ProviderId": provider_id,
                    "WebIdentityToken": token,
                    "RoleArn": role_arn,
                    "RoleSessionName": session_name,
                    "DurationSeconds": duration,
                }),
                signer: None,
                timeout: self.timeout,
                transport: &self.transport,
            },
            clock,
        )
        .await
    }
}

impl ProvideCredentials for WebIdentityProvider {
    fn provide<'a>(&'a self, clock: &'a TimeSource) -> ProvideFuture<'a> {
        Box::pin(self.exchange(clock))
    }
}
