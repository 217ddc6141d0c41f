//! Root certificates a client trusts besides the bundled ones.

use crate::config::ConfigError;

/// A root certificate a client trusts besides the bundled Mozilla roots: a private CA, or the
/// CA of a proxy that inspects TLS. Add it with
/// [`ConfigBuilder::add_root_certificate`](crate::ConfigBuilder::add_root_certificate).
///
/// ```
/// use qcloud_as::RootCertificate;
///
/// // Not a certificate: refused when it is read, naming what is wrong.
/// assert!(RootCertificate::from_pem(b"not a certificate").is_err());
/// ```
#[derive(Debug, Clone)]
pub struct RootCertificate(pub(crate) reqwest::Certificate);

impl RootCertificate {
    /// The first certificate of a PEM file (`-----BEGIN CERTIFICATE-----`).
    pub fn from_pem(pem: &[u8]) -> Result<RootCertificate, ConfigError> {
        if !pem
            .windows(b"-----BEGIN CERTIFICATE-----".len())
            .any(|w| w == b"-----BEGIN CERTIFICATE-----")
        {
            return Err(ConfigError::InvalidCertificate {
                why: "no `-----BEGIN CERTIFICATE-----` block in the PEM".to_owned(),
            });
        }
        reqwest::Certificate::from_pem(pem)
            .map(RootCertificate)
            .map_err(|e| ConfigError::InvalidCertificate { why: e.to_string() })
    }

    /// A certificate in DER form.
    pub fn from_der(der: &[u8]) -> Result<RootCertificate, ConfigError> {
        reqwest::Certificate::from_der(der)
            .map(RootCertificate)
            .map_err(|e| ConfigError::InvalidCertificate { why: e.to_string() })
    }
}
