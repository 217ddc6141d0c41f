//! [`Endpoint`]: where requests go.

use super::{ConfigError, V2_PATH};
use std::fmt;

/// Where requests go: scheme, host (with port, when not the default) and path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    scheme: Scheme,
    authority: String,
    path: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scheme {
    Http,
    Https,
}

impl Endpoint {
    /// Parses `https://host[:port][/path]` or `http://…`; the path defaults to the service's
    /// (`/v2/index.php`).
    ///
    /// The host is normalised as it will be sent in the `Host` header and signed: lower-case,
    /// with the port only when it is not the scheme's default.
    pub fn parse(url: &str) -> Result<Endpoint, ConfigError> {
        Endpoint::parse_with_path(url, V2_PATH)
    }

    /// [`Endpoint::parse`] with `default_path` for a URL without a path (`/` for API 3.0).
    pub fn parse_with_path(url: &str, default_path: &str) -> Result<Endpoint, ConfigError> {
        let invalid = |why: &str| ConfigError::InvalidEndpoint {
            endpoint: url.to_owned(),
            why: why.to_owned(),
        };
        let parsed = reqwest::Url::parse(url).map_err(|e| invalid(&e.to_string()))?;
        let scheme = match parsed.scheme() {
            "https" => Scheme::Https,
            "http" => Scheme::Http,
            _ => return Err(invalid("it must start with https:// or http://")),
        };
        let host = match parsed.host_str() {
            Some(host) if !host.is_empty() => host,
            _ => return Err(invalid("it has no host")),
        };
        if !parsed.username().is_empty()
            || parsed.password().is_some()
            || parsed.query().is_some()
            || parsed.fragment().is_some()
        {
            return Err(invalid(
                "it may hold only a scheme, a host, a port and a path",
            ));
        }
        // `port()` is `None` for the scheme's default port, as the `Host` header leaves it out.
        let authority = match parsed.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        };
        let path = match parsed.path() {
            "" | "/" => default_path,
            path => path,
        };
        Ok(Endpoint {
            scheme,
            authority,
            path: path.to_owned(),
        })
    }

    /// The host as signed and sent in the `Host` header: lower-case, with the port when it is
    /// not the scheme's default.
    pub fn host(&self) -> &str {
        &self.authority
    }

    /// The path, `/v2/index.php` unless overridden.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Whether requests go over plain HTTP (only when set explicitly, for a local server).
    pub fn is_plain_http(&self) -> bool {
        self.scheme == Scheme::Http
    }

    /// The full URL.
    pub fn url(&self) -> String {
        let scheme = match self.scheme {
            Scheme::Http => "http",
            Scheme::Https => "https",
        };
        format!("{scheme}://{}{}", self.authority, self.path)
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.url())
    }
}
