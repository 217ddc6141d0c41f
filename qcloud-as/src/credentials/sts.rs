//! STS (`sts.tencentcloudapi.com`, version 2018-08-13): `AssumeRole`, signed with TC3-HMAC-SHA256
//! by the source credentials, and the unsigned `AssumeRoleWithWebIdentity` the web identity
//! provider sends. The TC3 signer (`protocol::v3::sign`) is built whatever API versions the
//! crate is built with, so these work with the `v2` feature alone.

use super::fetch::{self, body_start, json_error};
use super::provider::{ProvideCredentials, ProvideFuture, Refreshing, DEFAULT_REFRESH_AHEAD};
use super::{non_empty, process_env, Credentials, CredentialsError};
use crate::config::{Endpoint, TimeSource};
use crate::protocol::v3::sign;
use crate::shape::members::optional_members;
use crate::tls::RootCertificate;
use std::fmt;
use std::time::{Duration, UNIX_EPOCH};

/// STS as the official SDKs reach it.
pub const DEFAULT_STS_ENDPOINT: &str = "https://sts.tencentcloudapi.com";

/// Environment variable naming another STS address (a test's stand-in, say):
/// `http://127.0.0.1:PORT`.
pub const ENV_STS_ENDPOINT: &str = "QCLOUD_AS_STS_ENDPOINT";

/// The STS API version.
pub const STS_VERSION: &str = "2018-08-13";

/// The region `AssumeRole` is sent for unless set, as the official SDKs send it.
pub const STS_REGION: &str = "ap-guangzhou";

/// The session's duration unless set: 7200 s, as the official SDKs ask.
pub const DEFAULT_DURATION: Duration = Duration::from_secs(7200);

/// The longest session STS grants: 43200 s.
const MAX_DURATION_SECS: u64 = 43_200;

/// How long one STS request may take unless set.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// The service name in TC3 scopes.
const SERVICE: &str = "sts";

/// A session name for a session started at `clock`'s time: `qcloud-as-<microseconds>`, as the
/// official SDKs name theirs `tencentcloud-go-sdk-<microseconds>`.
pub(crate) fn default_session_name(clock: &TimeSource) -> String {
    let micros = clock
        .now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros());
    format!("qcloud-as-{micros}")
}

/// Checks a session duration: 1 to 43200 seconds.
pub(crate) fn check_duration(
    provider: &'static str,
    duration: Duration,
) -> Result<u64, CredentialsError> {
    match duration.as_secs() {
        secs @ 1..=MAX_DURATION_SECS => Ok(secs),
        secs => Err(CredentialsError::InvalidSetting {
            provider,
            what: format!("the session duration {secs} s is outside 1..={MAX_DURATION_SECS} s"),
        }),
    }
}

/// The STS address `QCLOUD_AS_STS_ENDPOINT` names, else [`DEFAULT_STS_ENDPOINT`].
pub(crate) fn endpoint_from_env(lookup: impl Fn(&str) -> Option<String>) -> String {
    non_empty(lookup, ENV_STS_ENDPOINT).unwrap_or_else(|| DEFAULT_STS_ENDPOINT.to_owned())
}

/// How an STS provider reaches STS: the root certificates it trusts besides the webpki ones,
/// and its proxies (none: reqwest's default, the `HTTP_PROXY` / `HTTPS_PROXY` / `NO_PROXY`
/// variables).
#[derive(Clone, Default)]
pub(crate) struct Transport {
    pub(crate) roots: Vec<RootCertificate>,
    pub(crate) proxies: Vec<reqwest::Proxy>,
}

impl fmt::Debug for Transport {
    /// Counts only: a proxy's URL may hold a password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("added_roots", &self.roots.len())
            .field("proxies", &self.proxies.len())
            .finish()
    }
}

/// One STS request.
pub(crate) struct Call<'a> {
    /// `AssumeRole` or `AssumeRoleWithWebIdentity`.
    pub(crate) action: &'static str,
    /// The provider, for errors.
    pub(crate) provider: &'static str,
    /// The address, e.g. [`DEFAULT_STS_ENDPOINT`].
    pub(crate) endpoint: &'a str,
    /// `X-TC-Region`.
    pub(crate) region: &'a str,
    /// The JSON body.
    pub(crate) body: serde_json::Value,
    /// The credentials it is signed with; `None`: sent unsigned (`Authorization: SKIP`).
    pub(crate) signer: Option<&'a Credentials>,
    /// How long it may take.
    pub(crate) timeout: Duration,
    /// The roots and proxies.
    pub(crate) transport: &'a Transport,
}

/// Sends `call` at `clock`'s time and returns the credentials STS answers.
pub(crate) async fn call(
    call: Call<'_>,
    clock: &TimeSource,
) -> Result<Credentials, CredentialsError> {
    let provider = call.provider;
    let endpoint = Endpoint::parse_with_path(call.endpoint, "/").map_err(|e| {
        CredentialsError::InvalidSetting {
            provider,
            what: e.to_string(),
        }
    })?;
    let url = endpoint.url();
    let failed = |why: String| CredentialsError::Fetch {
        provider,
        url: url.clone(),
        why,
    };
    let http = fetch::client(
        call.timeout,
        &call.transport.roots,
        Some(&call.transport.proxies),
    )
    .map_err(&failed)?;
    let body = serde_json::to_vec(&call.body).map_err(|e| failed(e.to_string()))?;
    let timestamp = clock.unix_secs();
    let content_type = "application/json";
    let authorization = match call.signer {
        Some(credentials) => sign::sign_request(
            credentials.secret_id(),
            credentials.secret_key(),
            SERVICE,
            timestamp,
            &sign::RequestToSign {
                method: "POST",
                host: endpoint.host(),
                content_type,
                query: "",
                body: &body,
                unsigned_payload: false,
            },
        ),
        None => "SKIP".to_owned(),
    };
    let mut request = http
        .post(&url)
        .header("Authorization", authorization)
        .header("Content-Type", content_type)
        .header("X-TC-Action", call.action)
        .header("X-TC-Timestamp", timestamp.to_string())
        .header("X-TC-Version", STS_VERSION)
        .header("X-TC-Region", call.region)
        .header("X-TC-RequestClient", crate::protocol::v3::REQUEST_CLIENT);
    if let Some(token) = call.signer.and_then(Credentials::token) {
        request = request.header("X-TC-Token", token);
    }
    let answer = fetch::send(provider, &url, request.body(body)).await?;
    let parsed: Envelope = serde_json::from_slice(&answer.body).map_err(|e| {
        failed(format!(
            "HTTP {}: {} ({})",
            answer.status,
            json_error(&e),
            body_start(&answer.body)
        ))
    })?;
    let Some(response) = parsed.response else {
        return Err(failed(format!(
            "HTTP {}: the answer is not the expected JSON (it has no `Response` object) ({})",
            answer.status,
            body_start(&answer.body)
        )));
    };
    let request_id = response.request_id.unwrap_or_default();
    if let Some(error) = response.error {
        return Err(failed(format!(
            "{} answered {}: {} (request {request_id})",
            call.action,
            error.code.unwrap_or_default(),
            error.message.unwrap_or_default()
        )));
    }
    let fields = response
        .credentials
        .map(|c| (c.tmp_secret_id, c.tmp_secret_key, c.token));
    let (Some((Some(id), Some(key), Some(token))), Some(expired)) = (fields, response.expired_time)
    else {
        return Err(failed(format!(
            "the answer (HTTP {}, request {request_id}) lacks one of Credentials.TmpSecretId, \
             Credentials.TmpSecretKey, Credentials.Token, ExpiredTime",
            answer.status
        )));
    };
    Ok(Credentials::new(id, key)
        .with_token(token)
        .with_expiry(UNIX_EPOCH + Duration::from_secs(expired)))
}

#[derive(Default)]
struct Envelope {
    response: Option<Answer>,
}

#[derive(Default)]
struct Answer {
    credentials: Option<Issued>,
    expired_time: Option<u64>,
    error: Option<AnswerError>,
    request_id: Option<String>,
}

#[derive(Default)]
struct Issued {
    tmp_secret_id: Option<String>,
    tmp_secret_key: Option<String>,
    token: Option<String>,
}

#[derive(Default)]
struct AnswerError {
    code: Option<String>,
    message: Option<String>,
}

optional_members!(Envelope {
    response: "Response"
});
optional_members!(Answer {
    credentials: "Credentials",
    expired_time: "ExpiredTime",
    error: "Error",
    request_id: "RequestId",
});
optional_members!(Issued {
    tmp_secret_id: "TmpSecretId",
    tmp_secret_key: "TmpSecretKey",
    token: "Token",
});
optional_members!(AnswerError {
    code: "Code",
    message: "Message",
});

/// What the assumed role's provider is called in errors.
const NAME: &str = "STS AssumeRole";

/// Temporary credentials of a CAM role, assumed with STS `AssumeRole` (version 2018-08-13) by
/// the credentials of another provider (any: explicit keys, the environment, a profile, a CVM
/// role, …), as tencentcloud-sdk-go's `RoleArnProvider`, the Python SDK's
/// `STSAssumeRoleCredential` and the Terraform provider's `assume_role` block do.
///
/// The request is a TC3-HMAC-SHA256-signed JSON `POST` to STS (service `sts`, region
/// `ap-guangzhou` unless set) with `RoleArn`, `RoleSessionName` (`qcloud-as-<microseconds>`
/// unless set) and `DurationSeconds` (7200 unless set; 1 to 43200). The source credentials are
/// themselves renewed ahead of their expiry when they are temporary.
///
/// ```no_run
/// use qcloud_as::credentials::{AssumeRoleProvider, CvmRoleProvider};
/// use qcloud_as::Config;
/// use std::time::Duration;
///
/// let role = AssumeRoleProvider::new("qcs::cam::uin/100000000001:roleName/as-operator", CvmRoleProvider::new())
///     .session_name("nightly-scaler")
///     .duration(Duration::from_secs(3600));
/// let config = Config::builder().region("ap-guangzhou").credentials_provider(role).build()?;
/// # Ok::<(), qcloud_as::ConfigError>(())
/// ```
#[derive(Debug)]
pub struct AssumeRoleProvider {
    source: Refreshing,
    role_arn: String,
    session_name: Option<String>,
    duration: Duration,
    region: String,
    endpoint: String,
    timeout: Duration,
    transport: Transport,
}

impl AssumeRoleProvider {
    /// Assumes `role_arn` (`qcs::cam::uin/<account>:roleName/<name>`) with the credentials
    /// `source` provides, at the STS address `QCLOUD_AS_STS_ENDPOINT` names, else
    /// [`DEFAULT_STS_ENDPOINT`].
    pub fn new(role_arn: impl Into<String>, source: impl ProvideCredentials + 'static) -> Self {
        AssumeRoleProvider {
            source: Refreshing::new(Box::new(source), DEFAULT_REFRESH_AHEAD),
            role_arn: role_arn.into(),
            session_name: None,
            duration: DEFAULT_DURATION,
            region: STS_REGION.to_owned(),
            endpoint: endpoint_from_env(process_env),
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

    /// The region STS is called for (`X-TC-Region`, default `ap-guangzhou`).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = region.into();
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

    async fn assume(&self, clock: &TimeSource) -> Result<Credentials, CredentialsError> {
        if self.role_arn.trim().is_empty() {
            return Err(CredentialsError::MissingSetting {
                provider: NAME,
                what: "the role ARN".to_owned(),
            });
        }
        let duration = check_duration(NAME, self.duration)?;
        let source = self.source.get(clock).await?;
        let session_name = self
            .session_name
            .clone()
            .unwrap_or_else(|| default_session_name(clock));
        call(
            Call {
                action: "AssumeRole",
                provider: NAME,
                endpoint: &self.endpoint,
                region: &self.region,
                body: serde_json::json!({
                    "RoleArn": self.role_arn,
                    "RoleSessionName": session_name,
                    "DurationSeconds": duration,
                }),
                signer: Some(&*source),
                timeout: self.timeout,
                transport: &self.transport,
            },
            clock,
        )
        .await
    }
}

impl ProvideCredentials for AssumeRoleProvider {
    fn provide<'a>(&'a self, clock: &'a TimeSource) -> ProvideFuture<'a> {
        Box::pin(self.assume(clock))
    }
}
