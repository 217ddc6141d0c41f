//! TLS for the SDK's HTTPS: rustls with `ring` as its crypto provider, the Mozilla roots of
//! `webpki-roots`, and the root certificates added with
//! [`ConfigBuilder::add_root_certificate`](crate::ConfigBuilder::add_root_certificate).
//!
//! reqwest is built with its `rustls-no-provider` feature: it brings no crypto of its own (its
//! default, aws-lc-rs, compiles C and assembly), and the SDK hands each of its clients (the
//! client of a [`Config`](crate::Config), and those of the credentials providers) a ready
//! rustls configuration. No process-wide state is set.
//!
//! One consequence for a program that uses the same reqwest (0.13) itself: when nothing else
//! in the program enables one of reqwest's crypto providers (its default features do), a
//! `reqwest::Client::new()` there panics, since it finds no provider. Build such clients from
//! [`http_client_builder`] (this module's TLS), or install a process-wide provider once at
//! start-up (`rustls::crypto::ring::default_provider().install_default()`).

use std::fmt;
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;

use crate::config::ConfigError;

/// A root certificate to trust besides the bundled Mozilla roots: a private CA, or the CA of a
/// TLS-inspecting proxy. Give it to
/// [`ConfigBuilder::add_root_certificate`](crate::ConfigBuilder::add_root_certificate).
///
/// ```no_run
/// use qcloud_as::{Config, RootCertificate};
///
/// let pem = std::fs::read("/etc/ssl/private-ca.pem")?;
/// let config = Config::builder()
///     .region("ap-guangzhou")
///     .add_root_certificate(RootCertificate::from_pem(&pem)?)
///     .build()?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct RootCertificate(CertificateDer<'static>);

impl RootCertificate {
    /// A certificate in DER (binary) form. An error when it is not a certificate that can be a
    /// root (`ConfigError::InvalidRootCertificate`).
    pub fn from_der(der: &[u8]) -> Result<RootCertificate, ConfigError> {
        RootCertificate::checked(CertificateDer::from(der.to_vec()), "the DER certificate")
    }

    /// The first certificate (a `-----BEGIN CERTIFICATE-----` section) of PEM text; other
    /// sections before it (a private key, say) are skipped. An error when there is none or it
    /// is not a certificate that can be a root.
    pub fn from_pem(pem: &[u8]) -> Result<RootCertificate, ConfigError> {
        let der = CertificateDer::from_pem_slice(pem).map_err(|e| invalid(pem_error(&e)))?;
        RootCertificate::checked(der, "the PEM certificate")
    }

    /// Every certificate of a PEM bundle (a CA file with several roots), in order. An error
    /// when there is none, or one of them cannot be read or be a root (naming which).
    pub fn from_pem_bundle(pem: &[u8]) -> Result<Vec<RootCertificate>, ConfigError> {
        let mut roots = Vec::new();
        for (index, der) in CertificateDer::pem_slice_iter(pem).enumerate() {
            let which = format!("certificate {} of the PEM bundle", index + 1);
            let der = der.map_err(|e| invalid(format!("{which}: {}", pem_error(&e))))?;
            roots.push(RootCertificate::checked(der, &which)?);
        }
        if roots.is_empty() {
            return Err(invalid(
                "no \"BEGIN CERTIFICATE\" section in the PEM bundle".to_owned(),
            ));
        }
        Ok(roots)
    }

    /// The certificate in DER form.
    pub fn der(&self) -> &[u8] {
        &self.0
    }

    /// `der` if it parses as a trust anchor (what the client's root store needs).
    fn checked(der: CertificateDer<'static>, which: &str) -> Result<RootCertificate, ConfigError> {
        rustls::RootCertStore::empty()
            .add(der.clone())
            .map_err(|e| invalid(format!("{which} cannot be a root: {e}")))?;
        Ok(RootCertificate(der))
    }
}

impl fmt::Debug for RootCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RootCertificate({} bytes of DER)", self.0.len())
    }
}

fn invalid(why: String) -> ConfigError {
    ConfigError::InvalidRootCertificate { why }
}

fn pem_error(error: &rustls::pki_types::pem::Error) -> String {
    match error {
        rustls::pki_types::pem::Error::NoItemsFound => {
            "no \"BEGIN CERTIFICATE\" section in the PEM text".to_owned()
        }
        other => format!("the PEM text cannot be read: {other}"),
    }
}

/// The rustls configuration of the SDK's clients: TLS 1.2 and 1.3 with ring, the webpki roots
/// and `extra_roots`, HTTP/1.1.
pub(crate) fn client_config(
    extra_roots: &[RootCertificate],
) -> Result<rustls::ClientConfig, ConfigError> {
    let mut roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    for (index, root) in extra_roots.iter().enumerate() {
        roots.add(root.0.clone()).map_err(|e| {
            invalid(format!(
                "added root certificate {} cannot be a root: {e}",
                index + 1
            ))
        })?;
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ConfigError::HttpClient(Box::new(e)))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    // reqwest is built without HTTP/2.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

/// A reqwest client builder with the SDK's TLS (rustls with ring, the webpki roots and
/// `extra_roots`), for a program's own HTTP beside the SDK: with the `rustls-no-provider`
/// reqwest the SDK builds, `reqwest::Client::new()` finds no crypto provider unless one is
/// installed (see the [module](self)). Set anything else on the builder as usual; reqwest's
/// own root-certificate settings do not apply to it (add roots here).
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let http = qcloud_as::tls::http_client_builder(&[])?.build()?;
/// let status = http.get("https://as.tencentcloudapi.com/").send().await?.status();
/// # Ok(())
/// # }
/// ```
pub fn http_client_builder(
    extra_roots: &[RootCertificate],
) -> Result<reqwest::ClientBuilder, ConfigError> {
    Ok(reqwest::Client::builder().tls_backend_preconfigured(client_config(extra_roots)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_is_no_certificate_is_a_clear_error() {
        for (pem, expected) in [
            (&b""[..], "no \"BEGIN CERTIFICATE\" section"),
            (
                b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
                "no \"BEGIN CERTIFICATE\" section",
            ),
            (
                b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                "cannot be a root",
            ),
            (
                b"-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n",
                "cannot be read",
            ),
        ] {
            match RootCertificate::from_pem(pem) {
                Err(e @ ConfigError::InvalidRootCertificate { .. }) => {
                    assert!(e.to_string().contains(expected), "{e}")
                }
                other => panic!("{other:?}"),
            }
            match RootCertificate::from_pem_bundle(pem) {
                Err(e @ ConfigError::InvalidRootCertificate { .. }) => {
                    assert!(e.to_string().contains(expected), "{e}")
                }
                other => panic!("{other:?}"),
            }
        }
        match RootCertificate::from_der(b"\x30\x03\x02\x01\x01") {
            Err(e) => assert!(e.to_string().contains("cannot be a root"), "{e}"),
            Ok(root) => panic!("{root:?}"),
        }
    }

    #[test]
    fn the_client_configuration_has_the_mozilla_roots_and_ring() {
        let config = match client_config(&[]) {
            Ok(config) => config,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(config.alpn_protocols, vec![b"http/1.1".to_vec()]);
        // ring's provider: the process-wide default is never touched.
        assert!(rustls::crypto::CryptoProvider::get_default().is_none());
        assert!(config.crypto_provider().cipher_suites.len() >= 3);
    }
}
