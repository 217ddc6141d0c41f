//! The HTTP side of the providers that fetch temporary credentials: a client with bounded
//! time-outs, answers read up to a limit, and errors that name the provider and the URL but
//! never a secret of the answer.

use super::CredentialsError;
use crate::tls::RootCertificate;
use std::time::Duration;

/// The largest answer a provider reads: credentials fit in far less.
const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// How long a provider waits to connect unless set.
pub(crate) const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

/// An HTTP client for a provider: `timeout` for a whole exchange, connecting included; TLS is
/// the SDK clients' (`crate::tls`: rustls with ring, the webpki roots and `roots`). `proxies`:
/// `None` for no proxy at all (the metadata service, reachable only from the instance);
/// `Some` of none for reqwest's default (the `HTTP_PROXY` / `HTTPS_PROXY` / `NO_PROXY`
/// variables); else those proxies.
pub(crate) fn client(
    timeout: Duration,
    roots: &[RootCertificate],
    proxies: Option<&[reqwest::Proxy]>,
) -> Result<reqwest::Client, String> {
    let tls = crate::tls::client_config(roots).map_err(|e| e.to_string())?;
    let mut builder = reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .connect_timeout(DEFAULT_CONNECT_TIMEOUT.min(timeout))
        .timeout(timeout)
        .user_agent(concat!("qcloud-as/", env!("CARGO_PKG_VERSION")))
        .redirect(reqwest::redirect::Policy::none());
    match proxies {
        None => builder = builder.no_proxy(),
        Some(proxies) => {
            for proxy in proxies {
                builder = builder.proxy(proxy.clone());
            }
        }
    }
    builder.build().map_err(|e| e.to_string())
}

/// An answer's status and body.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
}

/// Sends `request`, reads the answer up to [`MAX_ANSWER_BYTES`]; a failure is a
/// [`CredentialsError::Fetch`] for `provider` and `url`.
pub(crate) async fn send(
    provider: &'static str,
    url: &str,
    request: reqwest::RequestBuilder,
) -> Result<Answer, CredentialsError> {
    let failed = |why: String| CredentialsError::Fetch {
        provider,
        url: url.to_owned(),
        why,
    };
    let mut response = request.send().await.map_err(|e| failed(describe(&e)))?;
    let status = response.status().as_u16();
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > MAX_ANSWER_BYTES {
                    return Err(failed(format!(
                        "the answer (HTTP {status}) is larger than {MAX_ANSWER_BYTES} bytes"
                    )));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(Answer { status, body }),
            Err(e) => return Err(failed(format!("reading the answer: {}", describe(&e)))),
        }
    }
}

/// A transport failure in a few words, with its causes.
fn describe(error: &reqwest::Error) -> String {
    let what = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "cannot connect"
    } else {
        "request failed"
    };
    let mut text = what.to_owned();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Where a JSON answer could not be decoded, without the value that did not fit (it may be
/// a secret): the category, line and column.
pub(crate) fn json_error(error: &serde_json::Error) -> String {
    let category = match error.classify() {
        serde_json::error::Category::Io => "cannot be read",
        serde_json::error::Category::Syntax => "is not JSON",
        serde_json::error::Category::Data => "is not the expected JSON",
        serde_json::error::Category::Eof => "is JSON that ends too early",
    };
    format!(
        "the answer {category} (line {}, column {})",
        error.line(),
        error.column()
    )
}

/// The start of an answer that is not what was expected, for an error message: at most 120
/// characters, and only when it does not look like JSON (which may hold credentials).
pub(crate) fn body_start(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let trimmed = text.trim();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return format!("{} bytes of JSON", body.len());
    }
    let start: String = trimmed.chars().take(120).collect();
    format!("{start:?}")
}
