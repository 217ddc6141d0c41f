//! The API 2.0 response envelope: `{"code": …, "codeDesc": …, "message": …, "data": …}`.
//!
//! `code` arrives as an integer (`0`) or a string (`"0"`, `"4000"`); `data` as an object, as `[]`
//! for actions without output, or not at all.

use crate::error::{BodyPosition, BodyStart, Error, ServiceError};
use serde::de::{DeserializeOwned, Deserializer, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::fmt;

#[derive(Deserialize)]
struct RawEnvelope<'a> {
    #[serde(deserialize_with = "code")]
    code: i64,
    #[serde(rename = "codeDesc", default)]
    code_desc: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(borrow, default)]
    data: Option<&'a RawValue>,
}

/// `code` as an integer or a string holding one.
fn code<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    struct CodeVisitor;
    impl Visitor<'_> for CodeVisitor {
        type Value = i64;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("`code` as an integer or a string holding one")
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<i64, E> {
            Ok(v)
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<i64, E> {
            i64::try_from(v).map_err(|_| E::custom(format!("`code` {v} is out of range")))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<i64, E> {
            v.trim()
                .parse()
                .map_err(|_| E::custom(format!("`code` {v:?} is not an integer")))
        }
    }
    d.deserialize_any(CodeVisitor)
}

fn position(err: &serde_json::Error) -> BodyPosition {
    BodyPosition {
        line: err.line(),
        column: err.column(),
    }
}

/// Maps a JSON error to the matching typed error, keeping status and body start.
fn json_error<E>(status: u16, body: &[u8], err: serde_json::Error, context: &str) -> Error<E> {
    use serde_json::error::Category;
    let body_start = BodyStart::new(body);
    match err.classify() {
        Category::Eof => Error::Truncated {
            status,
            position: position(&err),
            body: body_start,
        },
        Category::Syntax | Category::Io => Error::NotJson {
            status,
            position: position(&err),
            detail: err.to_string(),
            body: body_start,
        },
        Category::Data => Error::Malformed {
            status,
            position: position(&err),
            detail: format!("{context}: {err}"),
            body: body_start,
        },
    }
}

/// Decodes a 200 response body into the action's output, or its service error.
pub(crate) fn decode<T, E>(status: u16, body: &[u8]) -> Result<T, Error<E>>
where
    T: DeserializeOwned,
    E: From<ServiceError>,
{
    if status != 200 {
        return Err(Error::HttpStatus {
            status,
            body: BodyStart::new(body),
        });
    }
    let envelope: RawEnvelope<'_> =
        serde_json::from_slice(body).map_err(|e| json_error(status, body, e, "envelope"))?;
    if envelope.code != 0 {
        return Err(Error::Service(E::from(ServiceError::new(
            envelope.code,
            envelope.code_desc.unwrap_or_default(),
            envelope.message.unwrap_or_default(),
        ))));
    }
    let data = match envelope.data {
        None => "{}",
        Some(raw) => {
            let text = raw.get().trim();
            if text == "[]" || text == "null" {
                "{}"
            } else {
                text
            }
        }
    };
    serde_json::from_str(data).map_err(|e| {
        // Positions inside `data` are relative to it; report them against the whole body.
        let offset = envelope
            .data
            .and_then(|raw| (raw.get().as_ptr() as usize).checked_sub(body.as_ptr() as usize));
        let mut error = json_error(status, body, e, "field `data`");
        if let (Some(offset), Error::Malformed { position, .. }) = (offset, &mut error) {
            *position = absolute_position(body, offset, *position);
        }
        error
    })
}

/// Turns a line/column inside a sub-slice starting at `offset` into one in the whole body.
fn absolute_position(body: &[u8], offset: usize, inner: BodyPosition) -> BodyPosition {
    let before = &body[..offset.min(body.len())];
    let start_line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start_column = before.len()
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
    if inner.line <= 1 {
        BodyPosition {
            line: start_line,
            column: start_column + inner.column,
        }
    } else {
        BodyPosition {
            line: start_line + inner.line - 1,
            column: inner.column,
        }
    }
}
