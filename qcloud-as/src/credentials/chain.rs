//! The default chain: the environment, the profile file, TKE's web identity, the CVM instance
//! role.

use super::provider::{ProvideCredentials, ProvideFuture};
use super::{process_env, Credentials, CredentialsError, CvmRoleProvider, WebIdentityProvider};
use crate::config::TimeSource;
use std::sync::Arc;

/// Looks for credentials, at every refresh, in order:
///
/// 1. the environment: `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY`,
///    `TENCENTCLOUD_SESSION_TOKEN` ([`Credentials::from_env`]);
/// 2. the profile file ([`Credentials::from_default_chain`]: `TENCENTCLOUD_CREDENTIALS_FILE`, else
///    `~/.tencentcloud/credentials`, profile `TENCENTCLOUD_PROFILE`, else `default`);
/// 3. TKE's web identity, when any of `TKE_PROVIDER_ID`, `TKE_WEB_IDENTITY_TOKEN_FILE`,
///    `TKE_ROLE_ARN` is set ([`WebIdentityProvider::from_env`]);
/// 4. the CVM instance role ([`CvmRoleProvider`]), at the metadata service
///    `QCLOUD_AS_METADATA_ENDPOINT` names, else the real one.
///
/// tencentcloud-sdk-go's default chain is 1, 2, 4; the Python SDK's is 1, 2, 4, 3. Here the
/// web identity comes before the instance role: it applies only where TKE set its variables,
/// and there the pod's own role is meant, not the role of the node it runs on.
///
/// A source that is not there is passed over (unset variables, no file, no metadata service or
/// no role bound); one that is there but broken (a half-set pair, a malformed file, a TKE
/// variable missing, an STS refusal) is the error. When no source has credentials the error is
/// [`CredentialsError::NotFound`], listing every place looked at.
#[derive(Clone)]
pub struct DefaultChain {
    lookup: super::Lookup,
    metadata_endpoint: Option<String>,
    sts_endpoint: Option<String>,
    /// The roots and proxies of the web identity's STS requests.
    sts_transport: super::sts::Transport,
}

impl std::fmt::Debug for DefaultChain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the default credentials chain")
    }
}

impl Default for DefaultChain {
    fn default() -> Self {
        DefaultChain::new()
    }
}

impl DefaultChain {
    /// The chain, reading the process environment.
    pub fn new() -> Self {
        DefaultChain::from_env_with(process_env)
    }

    /// The chain, reading each environment variable through `lookup`.
    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        DefaultChain {
            lookup: Arc::new(lookup),
            metadata_endpoint: None,
            sts_endpoint: None,
            sts_transport: super::sts::Transport::default(),
        }
    }

    /// The metadata service's address for the instance role (instead of
    /// `QCLOUD_AS_METADATA_ENDPOINT` or the real one).
    pub fn metadata_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.metadata_endpoint = Some(endpoint.into());
        self
    }

    /// STS's address for the web identity (instead of `QCLOUD_AS_STS_ENDPOINT` or the real
    /// one).
    pub fn sts_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.sts_endpoint = Some(endpoint.into());
        self
    }

    /// Another root certificate to trust for the web identity's STS requests, besides the
    /// bundled Mozilla roots; may be given more than once. A [`Config`](crate::Config) that
    /// builds the chain itself passes the roots given to
    /// [`ConfigBuilder::add_root_certificate`](crate::ConfigBuilder::add_root_certificate).
    /// The instance metadata service is plain HTTP and takes none.
    pub fn add_root_certificate(mut self, certificate: crate::RootCertificate) -> Self {
        self.sts_transport.roots.push(certificate);
        self
    }

    /// A proxy for the web identity's STS requests; may be given more than once. Without any,
    /// reqwest's default applies (`HTTP_PROXY` / `HTTPS_PROXY` / `NO_PROXY`). A
    /// [`Config`](crate::Config) that builds the chain itself passes the proxies given to
    /// [`ConfigBuilder::proxy`](crate::ConfigBuilder::proxy). The instance metadata service,
    /// reachable only from the instance, is always called directly.
    pub fn proxy(mut self, proxy: reqwest::Proxy) -> Self {
        self.sts_transport.proxies.push(proxy);
        self
    }

    async fn find(&self, clock: &TimeSource) -> Result<Credentials, CredentialsError> {
        let lookup = self.lookup.clone();
        let mut searched = match Credentials::from_default_chain_with(|name| lookup(name)) {
            Err(CredentialsError::NotFound { searched }) => searched,
            found => return found,
        };
        if WebIdentityProvider::is_configured(|name| lookup(name)) {
            let env = self.lookup.clone();
            let mut provider = WebIdentityProvider::from_env_with(move |name| env(name));
            if let Some(endpoint) = &self.sts_endpoint {
                provider = provider.endpoint(endpoint.clone());
            }
            for root in &self.sts_transport.roots {
                provider = provider.add_root_certificate(root.clone());
            }
            for proxy in &self.sts_transport.proxies {
                provider = provider.proxy(proxy.clone());
            }
            return provider.provide(clock).await;
        }
        searched.push(format!(
            "TKE web identity (none of {}, {}, {} set)",
            super::ENV_TKE_PROVIDER_ID,
            super::ENV_TKE_WEB_IDENTITY_TOKEN_FILE,
            super::ENV_TKE_ROLE_ARN
        ));
        let mut role = CvmRoleProvider::from_env_with(|name| lookup(name));
        if let Some(endpoint) = &self.metadata_endpoint {
            role = role.endpoint(endpoint.clone());
        }
        match role.provide(clock).await {
            Ok(credentials) => Ok(credentials),
            Err(e @ (CredentialsError::NoInstanceRole { .. } | CredentialsError::Fetch { .. })) => {
                searched.push(e.to_string());
                Err(CredentialsError::NotFound { searched })
            }
            Err(e) => Err(e),
        }
    }
}

impl ProvideCredentials for DefaultChain {
    fn provide<'a>(&'a self, clock: &'a TimeSource) -> ProvideFuture<'a> {
        Box::pin(self.find(clock))
    }
}
