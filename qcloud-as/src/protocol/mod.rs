//! Wire protocols: what differs between API styles, behind the same shapes and client.
//!
//! A generated service names its protocol in its [`ServiceInfo`]; the protocol's module turns
//! requests into HTTP and answers back into outputs and errors, for clients and (with the
//! `server` feature) for servers such as the emulator. There are two: `v2`, Tencent Cloud API
//! 2.0 (form parameters, HmacSHA1/HmacSHA256 signatures in a parameter, the
//! `code`/`codeDesc`/`message` envelope; feature `v2`), and [`v3`], Tencent Cloud API 3.0 (a JSON
//! body, `X-TC-*` headers, TC3-HMAC-SHA256, the `Response` envelope; its signer is always
//! built, the rest with feature `v3`).

pub(crate) mod json;
#[cfg(feature = "v2")]
pub mod v2;
pub mod v3;

/// A generated service's fixed facts, from its `service.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceInfo {
    /// The service's name, e.g. `AutoScaling`.
    pub name: &'static str,
    /// The protocol, e.g. `qcloud-v2`.
    pub protocol: &'static str,
    /// The API's host, e.g. `scaling.api.qcloud.com`.
    pub host: &'static str,
    /// The path requests are sent to, e.g. `/v2/index.php`.
    pub path: &'static str,
    /// `https://` + host + path.
    pub endpoint: &'static str,
    /// The API version sent with every request, where the protocol has one (`2018-04-19`).
    pub api_version: Option<&'static str>,
    /// The service's name in signatures, where the protocol has one (`as`).
    pub signing_name: Option<&'static str>,
}
