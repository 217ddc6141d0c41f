//! Tencent Cloud API 3.0: a JSON body, the common parameters in `X-TC-*` headers, a
//! TC3-HMAC-SHA256 `Authorization` ([`sign`], always built) and, with the `v3` feature, the
//! `Response` envelope (`envelope`) and, with `server` too, `server`, which decodes received
//! requests and renders answers.

#[cfg(feature = "v3")]
pub mod envelope;
#[cfg(all(feature = "server", feature = "v3"))]
pub mod server;
pub mod sign;

/// The `X-TC-RequestClient` header this SDK sends.
pub const REQUEST_CLIENT: &str = concat!("SDK_RUST_QCLOUD_AS_", env!("CARGO_PKG_VERSION"));

/// Whether an API 3.0 error code is the service asking to slow down; retried for every action
/// (as the official SDKs' retryers do).
pub fn is_throttling_code(code: &str) -> bool {
    matches!(
        code,
        "RequestLimitExceeded"
            | "RequestLimitExceeded.UinLimitExceeded"
            | "RequestLimitExceeded.GlobalRegionUinLimitExceeded"
    )
}

/// Whether an API 3.0 error code reports a passing fault of the service (`InternalError`,
/// `ServiceUnavailable`); retried for actions that only read.
pub fn is_transient_code(code: &str) -> bool {
    matches!(code, "InternalError" | "ServiceUnavailable")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_ip_throttling_is_not_retried() {
        assert!(is_throttling_code("RequestLimitExceeded"));
        assert!(is_throttling_code("RequestLimitExceeded.UinLimitExceeded"));
        // Retrying from the same address does not help (neither official SDK retries it).
        assert!(!is_throttling_code("RequestLimitExceeded.IPLimitExceeded"));
        assert!(is_transient_code("InternalError"));
        assert!(!is_transient_code("InternalError.CallVpcError"));
    }
}
