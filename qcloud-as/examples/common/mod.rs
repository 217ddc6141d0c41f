//! What the examples share: an API 3.0 client configured from the environment, and tracing
//! output.
//!
//! - Credentials: the client's default chain (`TENCENTCLOUD_SECRET_ID` and
//!   `TENCENTCLOUD_SECRET_KEY`, optionally `TENCENTCLOUD_SESSION_TOKEN`, else the profile file).
//! - `TENCENTCLOUD_REGION`: the region acted on (default `ap-guangzhou`).
//! - `QCLOUD_AS_ENDPOINT`: another endpoint than `https://as.tencentcloudapi.com/`, such as a
//!   regional host or `qcloud-as-emulator` (`http://127.0.0.1:4280`).
//! - `QCLOUD_AS_TRACE=1`: print the SDK's `tracing` spans (one per call and per attempt) as
//!   they close, with their fields and times.

#![allow(dead_code)] // Each example uses a part.

use std::error::Error;

use qcloud_as::{Config, ConfigBuilder};

/// The configuration every example starts from. The SDK reads `TENCENTCLOUD_REGION` and
/// `QCLOUD_AS_ENDPOINT` itself; without a region there, `ap-guangzhou`.
pub fn config() -> ConfigBuilder {
    let builder = Config::builder();
    if std::env::var_os("TENCENTCLOUD_REGION").is_some() {
        builder
    } else {
        builder.region("ap-guangzhou")
    }
}

/// An API 3.0 client from [`config`], with tracing output when `QCLOUD_AS_TRACE` is set.
pub fn client() -> Result<qcloud_as::v3::Client, Box<dyn Error>> {
    init_tracing();
    Ok(qcloud_as::v3::Client::new(config().build()?)?)
}

/// A required setting from the environment, or `default` (the emulator's demo state suits it).
pub fn setting(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

/// Prints the SDK's spans (`qcloud_as.call`, `qcloud_as.attempt`) on stderr as they close, when
/// `QCLOUD_AS_TRACE` is set.
pub fn init_tracing() {
    if std::env::var_os("QCLOUD_AS_TRACE").is_none() {
        return;
    }
    use tracing_subscriber::layer::SubscriberExt;
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_writer(std::io::stderr)
        .finish()
        // The SDK's own spans and events, not those of the HTTP stack underneath.
        .with(
            tracing_subscriber::filter::Targets::new()
                .with_target("qcloud_as", tracing::Level::DEBUG),
        );
    // Fails only when a subscriber is already installed, which is as good.
    let _ = tracing::subscriber::set_global_default(subscriber);
}
