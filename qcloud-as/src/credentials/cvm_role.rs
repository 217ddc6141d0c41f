//! Temporary credentials of the CAM role bound to a CVM instance, from the instance metadata
//! service.

use super::fetch::{self, body_start, json_error};
use super::provider::{ProvideCredentials, ProvideFuture};
use super::{non_empty, process_env, Credentials, CredentialsError};
use crate::config::TimeSource;
use crate::shape::members::optional_members;
use std::time::{Duration, UNIX_EPOCH};

/// The instance metadata service, as the official SDKs reach it.
pub const DEFAULT_METADATA_ENDPOINT: &str = "http://metadata.tencentyun.com";

/// Environment variable naming another metadata service address (a test's stand-in, say):
/// `http://127.0.0.1:PORT`.
pub const ENV_METADATA_ENDPOINT: &str = "QCLOUD_AS_METADATA_ENDPOINT";

/// The path of the role list; a role's credentials are at this path followed by its name.
const ROLE_PATH: &str = "/latest/meta-data/cam/security-credentials/";

/// How long one request to the metadata service may take unless set.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// What the provider is called in errors.
const NAME: &str = "CVM instance role";

/// Credentials of the CAM role bound to this CVM instance, from the instance metadata service:
/// `GET /latest/meta-data/cam/security-credentials/` answers the role's name, then
/// `GET …/security-credentials/<role>` a JSON object with `TmpSecretId`, `TmpSecretKey`,
/// `Token`, `ExpiredTime` (Unix seconds) and `Code` (`Success`).
///
/// As tencentcloud-sdk-go's `CvmRoleProvider` and the Python SDK's `CVMRoleCredential` do, the
/// role's name is asked for unless given, and the answer is used only when `Code` is `Success`.
/// Unlike them, each request has a time-out (5 s unless set), no proxy is used, and the role's
/// name is asked for again at every refresh (a role can be re-bound).
///
/// ```no_run
/// use qcloud_as::credentials::CvmRoleProvider;
/// use qcloud_as::Config;
///
/// let config = Config::builder()
///     .region("ap-guangzhou")
///     .credentials_provider(CvmRoleProvider::new())
///     .build()?;
/// # Ok::<(), qcloud_as::ConfigError>(())
/// ```
#[derive(Debug, Clone)]
pub struct CvmRoleProvider {
    endpoint: String,
    role: Option<String>,
    timeout: Duration,
}

impl Default for CvmRoleProvider {
    fn default() -> Self {
        CvmRoleProvider::new()
    }
}

impl CvmRoleProvider {
    /// The provider at the address `QCLOUD_AS_METADATA_ENDPOINT` names, else
    /// [`DEFAULT_METADATA_ENDPOINT`].
    pub fn new() -> Self {
        CvmRoleProvider::from_env_with(process_env)
    }

    /// [`CvmRoleProvider::new`], reading the environment through `lookup`.
    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> Self {
        CvmRoleProvider {
            endpoint: non_empty(lookup, ENV_METADATA_ENDPOINT)
                .unwrap_or_else(|| DEFAULT_METADATA_ENDPOINT.to_owned()),
            role: None,
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// Another metadata service address, such as the emulator's stand-in:
    /// `http://127.0.0.1:PORT` (a trailing `/` is ignored).
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = endpoint.into();
        self
    }

    /// The role's name, when known: the role list is then not asked for.
    pub fn role(mut self, role: impl Into<String>) -> Self {
        self.role = Some(role.into());
        self
    }

    /// How long one request to the metadata service may take, connecting included (default
    /// 5 s): a service that does not answer is given up on after it.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    fn base(&self) -> String {
        format!("{}{ROLE_PATH}", self.endpoint.trim_end_matches('/'))
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let http =
            fetch::client(self.timeout, &[], None).map_err(|why| CredentialsError::Fetch {
                provider: NAME,
                url: self.base(),
                why,
            })?;
        let role = match &self.role {
            Some(role) => role.clone(),
            None => self.role_name(&http).await?,
        };
        let url = format!("{}{role}", self.base());
        let answer = fetch::send(NAME, &url, http.get(&url)).await?;
        let failed = |why: String| CredentialsError::Fetch {
            provider: NAME,
            url: url.clone(),
            why,
        };
        if answer.status != 200 {
            return Err(failed(format!(
                "HTTP {} ({})",
                answer.status,
                body_start(&answer.body)
            )));
        }
        let parsed: RoleAnswer =
            serde_json::from_slice(&answer.body).map_err(|e| failed(json_error(&e)))?;
        if parsed.code.as_deref() != Some("Success") {
            return Err(failed(format!(
                "Code is {:?}, not \"Success\"",
                parsed.code.unwrap_or_default()
            )));
        }
        let (Some(id), Some(key), Some(token), Some(expired)) = (
            parsed.tmp_secret_id.filter(|v| !v.is_empty()),
            parsed.tmp_secret_key.filter(|v| !v.is_empty()),
            parsed.token.filter(|v| !v.is_empty()),
            parsed.expired_time,
        ) else {
            return Err(failed(
                "the answer lacks one of TmpSecretId, TmpSecretKey, Token, ExpiredTime".to_owned(),
            ));
        };
        Ok(Credentials::new(id, key)
            .with_token(token)
            .with_expiry(UNIX_EPOCH + Duration::from_secs(expired)))
    }

    /// The role bound to the instance: the first line of the role list.
    async fn role_name(&self, http: &reqwest::Client) -> Result<String, CredentialsError> {
        let url = self.base();
        let answer = fetch::send(NAME, &url, http.get(&url)).await?;
        if answer.status == 404 {
            return Err(CredentialsError::NoInstanceRole {
                url,
                why: "HTTP 404".to_owned(),
            });
        }
        if answer.status != 200 {
            return Err(CredentialsError::Fetch {
                provider: NAME,
                url,
                why: format!("HTTP {} ({})", answer.status, body_start(&answer.body)),
            });
        }
        let text = String::from_utf8_lossy(&answer.body);
        let role = text.lines().map(str::trim).find(|l| !l.is_empty());
        match role {
            Some(role) if is_role_name(role) => Ok(role.to_owned()),
            Some(_) => Err(CredentialsError::Fetch {
                provider: NAME,
                url,
                why: format!(
                    "the answer is not a role name ({})",
                    body_start(&answer.body)
                ),
            }),
            None => Err(CredentialsError::NoInstanceRole {
                url,
                why: "an empty role list".to_owned(),
            }),
        }
    }
}

/// A CAM role name: letters, digits and `+=,.@_-`, at most 128 of them.
fn is_role_name(name: &str) -> bool {
    name.len() <= 128
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+=,.@_-".contains(&b))
}

impl ProvideCredentials for CvmRoleProvider {
    fn provide<'a>(&'a self, _clock: &'a TimeSource) -> ProvideFuture<'a> {
        Box::pin(self.fetch())
    }
}

/// The metadata service's answer for a role.
#[derive(Default)]
struct RoleAnswer {
    tmp_secret_id: Option<String>,
    tmp_secret_key: Option<String>,
    token: Option<String>,
    expired_time: Option<u64>,
    code: Option<String>,
}

optional_members!(RoleAnswer {
    tmp_secret_id: "TmpSecretId",
    tmp_secret_key: "TmpSecretKey",
    token: "Token",
    expired_time: "ExpiredTime",
    code: "Code",
});
