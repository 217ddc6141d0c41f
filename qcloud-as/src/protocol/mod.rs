//! Wire protocols: what differs between API styles, behind the same shapes and client.
//!
//! A generated service names its protocol in its [`ServiceInfo`]; the protocol's module turns
//! requests into HTTP and answers back into outputs and errors, for clients and (with the
//! `server` feature) for servers such as the emulator. Today there is one: [`v2`], Tencent
//! Cloud API 2.0 (form parameters, HmacSHA1/HmacSHA256 signatures in a parameter, the
//! `code`/`codeDesc`/`message` envelope).

pub mod v2;

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
}
