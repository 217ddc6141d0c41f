//! The API 2.0 response envelope: `{"code": …, "codeDesc": …, "message": …, "data": …}`.
//!
//! `code` arrives as an integer (`0`) or a string (`"0"`, `"4000"`); `data` as an object, as `[]`
//! for actions without output, or not at all.

use crate::error::{BodyPosition, BodyStart, Error, Retries, ServiceError};
use crate::protocol::json::{absolute_position, json_error, offset_in, without_place};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Deserialize;
use serde_json::value::RawValue;

#[derive(Deserialize)]
struct RawEnvelope<'a> {
    /// An integer, or a string holding one; read as written, so that a number out of range is
    /// reported as a malformed `code`, not as broken JSON.
    #[serde(borrow)]
    code: &'a RawValue,
    #[serde(rename = "codeDesc", default)]
    code_desc: Option<String>,
    #[serde(default)]
    message: Option<String>,
    /// As written, `null` included (so its place can be reported).
    #[serde(borrow, default, deserialize_with = "raw_value")]
    data: Option<&'a RawValue>,
}

fn raw_value<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<&'de RawValue>, D::Error> {
    <&RawValue>::deserialize(d).map(Some)
}

/// The `code` of an envelope: an integer, or a string holding one.
fn code_of(raw: &RawValue) -> Option<i64> {
    let text = raw.get().trim();
    let text = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text);
    text.trim().parse().ok()
}

/// Decodes an answer (its HTTP status and body) into the action's output `T`, or its service
/// error `E`; what [`Client`](crate::Client) does with every answer.
///
/// The body is read as UTF-8 with invalid bytes replaced, so that a broken byte in `message`
/// does not hide the answer's `code`.
///
/// ```
/// use qcloud_as::operation::detach_instance::{DetachInstanceError, DetachInstanceOutput};
/// use qcloud_as::protocol::v2::envelope::decode;
///
/// let ok = decode::<DetachInstanceOutput, DetachInstanceError>(200, br#"{"code":"0"}"#);
/// assert!(ok.is_ok());
/// let err = decode::<DetachInstanceOutput, DetachInstanceError>(200, br#"{"code":4400}"#);
/// assert_eq!(err.err().and_then(|e| e.into_service_error()).map(|e| e.code()), Some(4400));
/// ```
pub fn decode<T, E>(status: u16, body: &[u8]) -> Result<T, Error<E>>
where
    T: DeserializeOwned,
    E: From<ServiceError>,
{
    if status != 200 {
        return Err(Error::HttpStatus {
            status,
            body: BodyStart::new(body),
            retries: Retries::none(),
        });
    }
    let text = String::from_utf8_lossy(body);
    let body = text.as_bytes();
    let envelope: RawEnvelope<'_> =
        serde_json::from_str(&text).map_err(|e| json_error(status, body, e, "envelope"))?;
    let malformed = |raw: Option<&RawValue>, detail: &str| Error::Malformed {
        status,
        position: match raw {
            Some(raw) => absolute_position(
                body,
                offset_in(body, raw),
                BodyPosition { line: 1, column: 1 },
            ),
            None => absolute_position(body, body.len(), BodyPosition { line: 1, column: 0 }),
        },
        detail: detail.to_owned(),
        body: BodyStart::new(body),
        retries: Retries::none(),
    };
    let Some(code) = code_of(envelope.code) else {
        return Err(malformed(
            Some(envelope.code),
            &format!(
                "field `code` is {}, not an integer",
                envelope.code.get().trim()
            ),
        ));
    };
    if code != 0 {
        return Err(Error::Service(E::from(ServiceError::new(
            code,
            envelope.code_desc.unwrap_or_default(),
            envelope.message.unwrap_or_default(),
        ))));
    }
    let data = match envelope.data {
        None => "{}",
        Some(raw) => {
            let text = raw.get();
            if text == "null" {
                "{}"
            } else if text.starts_with('[') {
                // Actions without output answer `[]`; any other list is not an output.
                match serde_json::from_str::<Vec<IgnoredAny>>(text) {
                    Ok(items) if items.is_empty() => "{}",
                    _ => {
                        return Err(malformed(
                            Some(raw),
                            "field `data` is a non-empty list, not an object",
                        ))
                    }
                }
            } else {
                text
            }
        }
    };
    serde_json::from_str(data).map_err(|e| match envelope.data {
        // An output with required fields but no `data` to hold them: say so, where it is.
        None => malformed(
            None,
            &format!("field `data` is absent: {}", without_place(&e)),
        ),
        Some(raw) if data == "{}" => {
            let what = if raw.get() == "null" {
                "null"
            } else {
                "an empty list"
            };
            malformed(
                Some(raw),
                &format!("field `data` is {what}: {}", without_place(&e)),
            )
        }
        Some(raw) => {
            // Positions inside `data` are relative to it; report them against the whole body.
            let mut error = json_error(status, body, e, "field `data`");
            if let Error::Malformed { position, .. } = &mut error {
                *position = absolute_position(body, offset_in(body, raw), *position);
            }
            error
        }
    })
}
