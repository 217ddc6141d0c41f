//! The API 3.0 response envelope: `{"Response": {<output members>, "RequestId": "…"}}` on
//! success, `{"Response": {"Error": {"Code": "…", "Message": "…"}, "RequestId": "…"}}` on
//! failure, both with HTTP status 200.

use crate::error::{BodyPosition, BodyStart, Error, Retries};
use crate::protocol::json::{absolute_position, json_error, offset_in, without_place};
use crate::shape::members::{optional_members, Key};
use crate::v3::ServiceError;
use serde::de::{DeserializeOwned, Deserializer, Error as _, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::fmt;

struct RawEnvelope<'a> {
    response: Option<&'a RawValue>,
}

impl<'de: 'a, 'a> Deserialize<'de> for RawEnvelope<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_struct("RawEnvelope", &["Response"], EnvelopeVisitor)
    }
}

struct EnvelopeVisitor;

impl<'de> Visitor<'de> for EnvelopeVisitor {
    type Value = RawEnvelope<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("struct RawEnvelope")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawEnvelope<'de>, A::Error> {
        let mut response: Option<Option<&'de RawValue>> = None;
        while let Some(key) = map.next_key_seed(Key(&["Response"]))? {
            if key.is_some() {
                if response.is_some() {
                    return Err(A::Error::duplicate_field("Response"));
                }
                response = Some(map.next_value()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(RawEnvelope {
            response: response.flatten(),
        })
    }
}

/// Only what tells an error from an output; the output members are decoded from the same
/// object afterwards.
#[derive(Default)]
struct RawResponse {
    error: Option<RawError>,
    request_id: Option<String>,
}

#[derive(Default)]
struct RawError {
    code: Option<String>,
    message: Option<String>,
}

optional_members!(RawResponse {
    error: "Error",
    request_id: "RequestId",
});
optional_members!(RawError {
    code: "Code",
    message: "Message",
});

/// Decodes an answer (its HTTP status and body) into the action's output `T` (the members of
/// `Response`, `RequestId` included), or its service error `E`; what
/// [`v3::Client`](crate::v3::Client) does with every answer.
///
/// The body is read as UTF-8 with invalid bytes replaced, so that a broken byte in `Message`
/// does not hide the answer's `Code`.
///
/// ```
/// use qcloud_as::protocol::v3::envelope::decode;
/// use qcloud_as::v3::operation::detach_instances::{DetachInstancesError, DetachInstancesOutput};
///
/// let ok = decode::<DetachInstancesOutput, DetachInstancesError>(
///     200,
///     br#"{"Response":{"ActivityId":"asa-1","RequestId":"r-1"}}"#,
/// );
/// assert_eq!(ok.ok().map(|o| o.request_id), Some("r-1".to_string()));
/// let err = decode::<DetachInstancesOutput, DetachInstancesError>(
///     200,
///     br#"{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"slow down"},"RequestId":"r-2"}}"#,
/// );
/// let err = err.err().and_then(|e| e.into_service_error());
/// assert_eq!(err.as_ref().map(|e| e.code()), Some("RequestLimitExceeded"));
/// assert_eq!(err.as_ref().map(|e| e.request_id()), Some("r-2"));
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
    let Some(response) = envelope.response.filter(|r| r.get() != "null") else {
        return Err(Error::Malformed {
            status,
            position: absolute_position(body, body.len(), BodyPosition { line: 1, column: 0 }),
            detail: "field `Response` is absent or null".to_owned(),
            body: BodyStart::new(body),
            retries: Retries::none(),
        });
    };
    // Positions inside `Response` are relative to it; report them against the whole body, and
    // name the member at fault by its path (`Response.AutoScalingGroupSet[0].MaxSize`).
    let inside = |e: serde_json::Error, path: &str| {
        let context = if path.is_empty() || path == "." {
            "field `Response`".to_owned()
        } else {
            format!("field `Response.{path}`")
        };
        let mut error = json_error(status, body, e, &context);
        if let Error::Malformed {
            position, detail, ..
        } = &mut error
        {
            *position = absolute_position(body, offset_in(body, response), *position);
            if let Some(at) = detail.rfind(" at line ") {
                detail.truncate(at);
            }
        }
        error
    };
    let head: RawResponse = serde_json::from_str(response.get()).map_err(|e| inside(e, ""))?;
    if let Some(error) = head.error {
        let code = match error.code {
            Some(code) if !code.is_empty() => code,
            _ => {
                return Err(Error::Malformed {
                    status,
                    position: absolute_position(
                        body,
                        offset_in(body, response),
                        BodyPosition { line: 1, column: 1 },
                    ),
                    detail: "field `Response.Error` has no `Code`".to_owned(),
                    body: BodyStart::new(body),
                    retries: Retries::none(),
                })
            }
        };
        return Err(Error::Service(E::from(ServiceError::new(
            code,
            error.message.unwrap_or_default(),
            head.request_id.unwrap_or_default(),
        ))));
    }
    let mut members = serde_json::Deserializer::from_str(response.get());
    serde_path_to_error::deserialize(&mut members).map_err(|e| {
        let path = e.path().to_string();
        let e = e.into_inner();
        match e.classify() {
            // "missing field" errors have no place of their own: the object that lacks it.
            serde_json::error::Category::Data if e.line() == 0 => Error::Malformed {
                status,
                position: absolute_position(
                    body,
                    offset_in(body, response),
                    BodyPosition { line: 1, column: 1 },
                ),
                detail: format!("field `Response.{path}`: {}", without_place(&e)),
                body: BodyStart::new(body),
                retries: Retries::none(),
            },
            _ => inside(e, &path),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::decode;
    use crate::error::Error;
    use crate::v3::operation::describe_auto_scaling_groups::{
        DescribeAutoScalingGroupsError, DescribeAutoScalingGroupsOutput,
    };

    type Answer = Result<DescribeAutoScalingGroupsOutput, Error<DescribeAutoScalingGroupsError>>;

    fn run(body: &str) -> Answer {
        decode(200, body.as_bytes())
    }

    #[test]
    fn an_error_keeps_code_message_and_request_id() {
        let answer = run(
            r#"{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"bad"},"RequestId":"r-9"}}"#,
        );
        let error = answer.err().and_then(|e| e.into_service_error());
        let Some(error) = error else {
            panic!("not a service error")
        };
        assert_eq!(error.code(), "AuthFailure.SignatureFailure");
        assert_eq!(error.message(), "bad");
        assert_eq!(error.request_id(), "r-9");
    }

    #[test]
    fn broken_answers_are_typed_errors_with_their_place() {
        assert!(matches!(run("<html>"), Err(Error::NotJson { .. })));
        assert!(matches!(
            run(r#"{"Response":{"TotalCount":"#),
            Err(Error::Truncated { .. })
        ));
        match run("{\"Response\":\n  {\"TotalCount\": \"many\", \"RequestId\": \"r\"}}") {
            Err(Error::Malformed {
                position, detail, ..
            }) => {
                assert_eq!(position.line, 2, "{detail}");
                assert!(
                    detail.contains("TotalCount") || detail.contains("integer"),
                    "{detail}"
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            run(r#"{"Response":null}"#),
            Err(Error::Malformed { .. })
        ));
        assert!(matches!(run(r#"{}"#), Err(Error::Malformed { .. })));
        assert!(matches!(
            run(r#"{"Response":{"Error":{"Message":"no code"},"RequestId":"r"}}"#),
            Err(Error::Malformed { .. })
        ));
        match decode::<DescribeAutoScalingGroupsOutput, DescribeAutoScalingGroupsError>(
            502,
            b"bad gateway",
        ) {
            Err(Error::HttpStatus { status: 502, .. }) => {}
            other => panic!("{other:?}"),
        }
    }

    /// Answers are tolerant: a missing member decodes as its type's default (see
    /// `shape::tolerant`), and a member of the wrong kind is named by its path.
    #[test]
    fn a_missing_member_is_a_default_and_a_wrong_one_is_named_by_its_path() {
        match run(r#"{"Response":{"AutoScalingGroupSet":[{}],"TotalCount":1,"RequestId":"r"}}"#) {
            Ok(output) => {
                assert_eq!(output.auto_scaling_group_set.len(), 1);
                assert_eq!(output.auto_scaling_group_set[0].max_size, 0);
            }
            other => panic!("{other:?}"),
        }
        match run(
            r#"{"Response":{"AutoScalingGroupSet":[{"MaxSize":[1]}],"TotalCount":1,"RequestId":"r"}}"#,
        ) {
            Err(Error::Malformed { detail, .. }) => {
                assert!(
                    detail.contains("`Response.AutoScalingGroupSet[0].MaxSize`"),
                    "{detail}"
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_broken_byte_in_the_message_keeps_the_code() {
        let mut body = br#"{"Response":{"Error":{"Code":"InternalError","Message":"x"#.to_vec();
        body.push(0xff);
        body.extend_from_slice(br#""},"RequestId":"r"}}"#);
        let answer: Answer = decode(200, &body);
        let code = answer
            .err()
            .and_then(|e| e.into_service_error())
            .map(|e| e.code().to_owned());
        assert_eq!(code.as_deref(), Some("InternalError"));
    }
}
