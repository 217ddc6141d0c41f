//! Who a request may be addressed to (its `Host`), and which content types the control
//! endpoints take: what keeps a web page the developer happens to visit from driving the
//! emulator.
//!
//! A page can send a "simple" request (a POST of `text/plain`, say) to any address without
//! the browser asking the server first, and a page whose name is made to resolve to
//! `127.0.0.1` (DNS rebinding) can read the answers too. So:
//!
//! - every request must name in `Host` a loopback address (`127.0.0.0/8`, `::1`), `localhost`
//!   (or a name under `.localhost`), the address the emulator is bound to, or a name allowed
//!   with [`Emulator::allow_host`](crate::Emulator::allow_host) (`--allow-host`); else 403.
//!   The port is not compared. A request without `Host` (HTTP/1.0, not a browser) passes;
//! - a request to `/_emulator/…` with a body must say `Content-Type: application/json` (the
//!   state also takes `application/yaml`, `application/x-yaml` or `text/yaml`); else 415.
//!   None of these types can be sent by a page without the browser asking first, which the
//!   emulator never agrees to.

use hyper::header::{CONTENT_LENGTH, CONTENT_TYPE, HOST, TRANSFER_ENCODING};
use hyper::{HeaderMap, Uri};
use std::net::{IpAddr, SocketAddr};
use std::sync::{PoisonError, RwLock};

/// The names and addresses a request may be addressed to.
#[derive(Debug)]
pub(crate) struct AllowedHosts {
    bound: IpAddr,
    /// Names and addresses allowed besides loopback and the bound address, lower-case.
    extra: RwLock<Vec<String>>,
}

/// Why a name cannot be allowed.
pub(crate) fn check_name(name: &str) -> Result<String, String> {
    let name = name.trim().trim_end_matches('.').to_ascii_lowercase();
    let well_formed = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b':'));
    let bracketed = name.starts_with('[') && name.ends_with(']') && name.len() > 2;
    if !(well_formed || bracketed) {
        return Err(format!(
            "{name:?} is not a host name or address (give it without scheme, port or path: \
             emulator.test, 192.168.1.10, ::1)"
        ));
    }
    Ok(host_part(&name).to_owned())
}

/// The host of a `Host` value: without its port, and without the brackets of an IPv6
/// address.
fn host_part(value: &str) -> &str {
    if let Some(rest) = value.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    match value.rsplit_once(':') {
        // One colon: `name:port`. More: a bare IPv6 address.
        Some((host, port)) if !host.contains(':') && port.bytes().all(|b| b.is_ascii_digit()) => {
            host
        }
        _ => value,
    }
}

impl AllowedHosts {
    /// Loopback and `bound`.
    pub(crate) fn new(bound: SocketAddr) -> AllowedHosts {
        AllowedHosts {
            bound: bound.ip().to_canonical(),
            extra: RwLock::new(Vec::new()),
        }
    }

    /// Allows `name` too (already checked by [`check_name`]).
    pub(crate) fn allow(&self, name: String) {
        let mut extra = self.extra.write().unwrap_or_else(PoisonError::into_inner);
        if !extra.contains(&name) {
            extra.push(name);
        }
    }

    /// Whether a request with these headers and this target may be answered; `Err` is the
    /// message of the refusal.
    pub(crate) fn check(&self, headers: &HeaderMap, uri: &Uri) -> Result<(), String> {
        let value = match headers.get(HOST) {
            Some(value) => match value.to_str() {
                Ok(text) => text.to_owned(),
                Err(_) => return Err("the Host header is not ASCII text".to_owned()),
            },
            None => match uri.authority() {
                Some(authority) => authority.as_str().to_owned(),
                None => return Ok(()),
            },
        };
        let host = host_part(value.trim())
            .trim_end_matches('.')
            .to_ascii_lowercase();
        if self.allows(&host) {
            return Ok(());
        }
        Err(format!(
            "Host {value:?} is not accepted: the emulator answers requests addressed to \
             loopback (127.0.0.0/8, ::1, localhost) or to the address it listens on ({}); \
             start it with --allow-host {host} (Emulator::allow_host) to accept this name",
            self.bound
        ))
    }

    fn allows(&self, host: &str) -> bool {
        if host == "localhost" || host.ends_with(".localhost") {
            return true;
        }
        if let Ok(ip) = host.parse::<IpAddr>() {
            let ip = ip.to_canonical();
            if ip.is_loopback() || ip == self.bound {
                return true;
            }
        }
        self.extra
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .any(|name| name == host)
    }
}

/// The content types a control endpoint's body may have.
pub(crate) const JSON_ONLY: &[&str] = &["application/json"];

/// The content types of a state document.
pub(crate) const JSON_OR_YAML: &[&str] = &[
    "application/json",
    "application/yaml",
    "application/x-yaml",
    "text/yaml",
];

/// Whether a control request's body has one of the `accepted` types (parameters such as a
/// charset allowed). A request without a body (no `Content-Length`, or 0, and not chunked)
/// passes whatever it says; `Err` is the message of the refusal.
pub(crate) fn check_content_type(headers: &HeaderMap, accepted: &[&str]) -> Result<(), String> {
    let empty = !headers.contains_key(TRANSFER_ENCODING)
        && headers
            .get(CONTENT_LENGTH)
            .is_none_or(|v| v.to_str().is_ok_and(|v| v.trim() == "0"));
    if empty {
        return Ok(());
    }
    let given = headers.get(CONTENT_TYPE).map(|v| v.to_str());
    let essence = match given {
        Some(Ok(text)) => text.split(';').next().unwrap_or_default().trim(),
        Some(Err(_)) => "(not text)",
        None => "(none)",
    };
    if accepted.iter().any(|t| t.eq_ignore_ascii_case(essence)) {
        return Ok(());
    }
    Err(format!(
        "Content-Type {essence} is not accepted here: send the body as {}",
        accepted.join(" or ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::header::HeaderValue;

    fn with_host(host: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Ok(value) = HeaderValue::from_str(host) {
            headers.insert(HOST, value);
        }
        headers
    }

    #[test]
    fn loopback_the_bound_address_and_allowed_names_pass() {
        let hosts = AllowedHosts::new(SocketAddr::from(([192, 168, 1, 10], 4280)));
        let uri = Uri::from_static("/");
        for ok in [
            "127.0.0.1:4280",
            "127.9.9.9",
            "localhost:1",
            "LOCALHOST",
            "api.localhost",
            "[::1]:4280",
            "[::ffff:127.0.0.1]:1",
            "192.168.1.10:4280",
            "localhost.",
        ] {
            assert_eq!(hosts.check(&with_host(ok), &uri), Ok(()), "{ok}");
        }
        for refused in [
            "evil.example",
            "evil.example:4280",
            "10.0.0.1",
            "[fe80::1]:4280",
        ] {
            let result = hosts.check(&with_host(refused), &uri);
            assert!(
                result.as_ref().is_err_and(|e| e.contains("--allow-host")),
                "{refused}: {result:?}"
            );
        }
        assert_eq!(hosts.check(&HeaderMap::new(), &uri), Ok(()));
        let absolute = Uri::from_static("http://evil.example/_emulator/state");
        assert!(hosts.check(&HeaderMap::new(), &absolute).is_err());
        let Ok(name) = check_name("Emulator.Test") else {
            panic!("a name")
        };
        hosts.allow(name);
        assert_eq!(hosts.check(&with_host("emulator.test:80"), &uri), Ok(()));
        assert!(check_name("http://x/").is_err());
        assert!(check_name("").is_err());
        assert_eq!(check_name("[::1]"), Ok("::1".to_owned()));
    }

    #[test]
    fn control_bodies_must_be_json() {
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut map = HeaderMap::new();
            for (name, value) in pairs {
                map.insert(*name, HeaderValue::from_static(value));
            }
            map
        };
        let json = headers(&[
            ("content-type", "application/json; charset=utf-8"),
            ("content-length", "2"),
        ]);
        assert_eq!(check_content_type(&json, JSON_ONLY), Ok(()));
        let plain = headers(&[("content-type", "text/plain"), ("content-length", "2")]);
        assert!(check_content_type(&plain, JSON_ONLY)
            .is_err_and(|e| e.contains("text/plain") && e.contains("application/json")));
        let none = headers(&[("content-length", "2")]);
        assert!(check_content_type(&none, JSON_ONLY).is_err());
        let chunked = headers(&[("transfer-encoding", "chunked")]);
        assert!(check_content_type(&chunked, JSON_ONLY).is_err());
        assert_eq!(check_content_type(&HeaderMap::new(), JSON_ONLY), Ok(()));
        let yaml = headers(&[
            ("content-type", "application/yaml"),
            ("content-length", "2"),
        ]);
        assert_eq!(check_content_type(&yaml, JSON_OR_YAML), Ok(()));
        assert!(check_content_type(&yaml, JSON_ONLY).is_err());
    }
}
