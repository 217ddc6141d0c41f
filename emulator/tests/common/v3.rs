//! Helpers for the API 3.0 tests: the SDK's v3 client on an emulator, error codes, and
//! hand-built (and hand-signed) requests for what the client would never send.

use qcloud_as::protocol::v3::sign;
use qcloud_as::v3::ErrorTable;
use qcloud_as_emulator::{Emulator, State};
use std::time::UNIX_EPOCH;

/// The emulator on `state`, an API 2.0 and an API 3.0 client for it.
pub fn start_v3(
    state: State,
) -> Result<(Emulator, qcloud_as::Client, qcloud_as::v3::Client), Box<dyn std::error::Error>> {
    let emulator = Emulator::start(state)?;
    let v2 = emulator.client()?;
    let v3 = emulator.v3_client()?;
    Ok((emulator, v2, v3))
}

/// The code of a failed call (or what else happened).
pub fn code<T: std::fmt::Debug, E: ErrorTable + std::fmt::Debug>(
    result: Result<T, qcloud_as::Error<E>>,
) -> String {
    match result {
        Err(qcloud_as::Error::Service(e)) => e.meta().code().to_owned(),
        other => format!("not a service error: {other:?}"),
    }
}

/// The emulator's time, Unix seconds.
pub fn emulator_now(emulator: &Emulator) -> u64 {
    emulator
        .now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A request built by hand: what is sent, and what the `Authorization` says.
#[derive(Debug, Clone)]
pub struct Raw {
    pub method: &'static str,
    pub query: String,
    pub body: Vec<u8>,
    /// Headers sent besides `Host` (which reqwest sets from the URL).
    pub headers: Vec<(String, String)>,
}

/// What a hand-built request got: the HTTP status, the exact `Content-Type`, the JSON body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub json: serde_json::Value,
}

impl Answer {
    /// `Response.Error.Code`, or empty for a success.
    pub fn code(&self) -> &str {
        self.json["Response"]["Error"]["Code"]
            .as_str()
            .unwrap_or_default()
    }

    /// `Response.RequestId`.
    pub fn request_id(&self) -> &str {
        self.json["Response"]["RequestId"]
            .as_str()
            .unwrap_or_default()
    }
}

/// What to sign a hand-built request with.
pub struct Signer<'a> {
    pub secret_id: &'a str,
    pub secret_key: &'a str,
    /// The timestamp sent, and the one signed.
    pub timestamp: u64,
    /// The scope's date; `None`: the UTC date of the timestamp.
    pub date: Option<&'a str>,
    /// The scope's service.
    pub service: &'a str,
    /// The headers signed, lower-case names (with `host`); their values are taken from the
    /// request (`host` is the emulator's address).
    pub signed: &'a [&'a str],
}

impl Signer<'_> {
    /// A signer as the SDKs sign: `content-type;host`, service `as`.
    pub fn sdk<'a>(secret_id: &'a str, secret_key: &'a str, timestamp: u64) -> Signer<'a> {
        Signer {
            secret_id,
            secret_key,
            timestamp,
            date: None,
            service: "as",
            signed: &["content-type", "host"],
        }
    }
}

/// A POST of `action` with `body` and the usual headers, not yet signed.
pub fn post(action: &str, body: &str) -> Raw {
    Raw {
        method: "POST",
        query: String::new(),
        body: body.as_bytes().to_vec(),
        headers: vec![
            ("Content-Type".into(), "application/json".into()),
            ("X-TC-Action".into(), action.into()),
            ("X-TC-Version".into(), "2018-04-19".into()),
            ("X-TC-Region".into(), "ap-guangzhou".into()),
        ],
    }
}

/// A GET of `action` with `query` and the usual headers, not yet signed.
pub fn get(action: &str, query: &str) -> Raw {
    let mut raw = post(action, "");
    raw.method = "GET";
    raw.query = query.to_owned();
    raw.headers[0].1 = "application/x-www-form-urlencoded".into();
    raw
}

impl Raw {
    /// The value of a header (the last one set).
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .rev()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Sets (or replaces) a header.
    pub fn set(mut self, name: &str, value: &str) -> Raw {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Removes a header.
    pub fn without(mut self, name: &str) -> Raw {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self
    }

    /// Signs it for `emulator` (sets `X-TC-Timestamp` and `Authorization`).
    pub fn signed(self, emulator: &Emulator, signer: &Signer<'_>) -> Raw {
        let host = emulator.local_addr().to_string();
        let raw = self.set("X-TC-Timestamp", &signer.timestamp.to_string());
        let values: Vec<(String, String)> = signer
            .signed
            .iter()
            .map(|name| {
                let value = if *name == "host" {
                    host.clone()
                } else {
                    raw.header(name).unwrap_or_default().to_owned()
                };
                ((*name).to_owned(), value)
            })
            .collect();
        let pairs: Vec<(&str, &str)> = values
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let canonical = sign::canonical_request(
            raw.method,
            &raw.query,
            &pairs,
            &sign::hashed_payload(&raw.body),
        );
        let date = signer
            .date
            .map_or_else(|| sign::utc_date(signer.timestamp), str::to_owned);
        let scope = sign::credential_scope(&date, signer.service);
        let to_sign = sign::string_to_sign(signer.timestamp, &scope, &canonical);
        let signature = sign::signature(
            &sign::signing_key(signer.secret_key, &date, signer.service),
            &to_sign,
        );
        let authorization = sign::authorization(
            signer.secret_id,
            &scope,
            &sign::signed_headers(&pairs),
            &signature,
        );
        raw.set("Authorization", &authorization)
    }

    /// Sends it to `emulator`'s `/`.
    pub async fn send(&self, emulator: &Emulator) -> Result<Answer, Box<dyn std::error::Error>> {
        let url = format!("{}?{}", emulator.v3_url(), self.query);
        let url = url.trim_end_matches('?').to_owned();
        let http = crate::common::http();
        let mut request = match self.method {
            "GET" => http.get(url),
            "PUT" => http.put(url),
            _ => http.post(url),
        };
        for (name, value) in &self.headers {
            request = request.header(name, value);
        }
        let response = request.body(self.body.clone()).send().await?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let bytes = response.bytes().await?;
        let json = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
        Ok(Answer {
            status,
            content_type,
            json,
        })
    }
}
