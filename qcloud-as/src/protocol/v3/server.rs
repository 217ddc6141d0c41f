//! The server side of API 3.0 (features `server` and `v3`): a received request (its
//! `X-TC-Action` and JSON body), decoding it into the generated request types, and the
//! `Response` envelope.
//!
//! The generated [`AutoScalingService`](crate::v3::service::AutoScalingService) trait has one
//! method per action; [`dispatch`](crate::v3::service::dispatch) decodes a request with
//! [`handle`], calls the method and turns its result into a [`Reply`]. A method a server does
//! not implement answers `UnsupportedOperation` ([`not_implemented`]).

use crate::error::ValidationError;
use crate::shape::UnknownValues;
use crate::v3::{ErrorTable, Operation, ServiceError};
use serde_json::{Map, Value};
use std::future::Future;

/// A received request: its action (`X-TC-Action`), its JSON body, and the `RequestId` the
/// server gave it (every answer carries it).
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    action: Option<String>,
    body: Value,
    request_id: String,
}

impl Params {
    /// A request of `action` with `body` (its parameters, a JSON object), answered with
    /// `request_id`.
    pub fn new(action: Option<String>, body: Value, request_id: impl Into<String>) -> Params {
        Params {
            action,
            body,
            request_id: request_id.into(),
        }
    }

    /// The action, if the request named one.
    pub fn action(&self) -> Option<&str> {
        self.action.as_deref()
    }

    /// The parameters.
    pub fn body(&self) -> &Value {
        &self.body
    }

    /// The id the answer carries.
    pub fn request_id(&self) -> &str {
        &self.request_id
    }
}

/// Why a received body does not make a valid request.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// The body is not a JSON object.
    NotAnObject,
    /// A required parameter is absent.
    Missing {
        /// Its name.
        parameter: String,
    },
    /// A parameter the action does not have.
    Unknown {
        /// Its name, with the path to it (`Filters.0.Nmae`).
        parameter: String,
    },
    /// A value of the wrong type.
    Invalid {
        /// Its name, with the path to it (`Filters.0.Values`).
        parameter: String,
        /// What is wrong.
        problem: String,
    },
    /// The request breaks a constraint of the spec.
    Constraint(ValidationError),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::NotAnObject => f.write_str("the request body must be a JSON object"),
            DecodeError::Missing { parameter } => {
                write!(f, "missing required parameter `{parameter}`")
            }
            DecodeError::Unknown { parameter } => write!(f, "unknown parameter `{parameter}`"),
            DecodeError::Invalid { parameter, problem } => {
                write!(f, "parameter `{parameter}` is invalid: {problem}")
            }
            DecodeError::Constraint(e) => std::fmt::Display::fmt(e, f),
        }
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            // Transparent: the constraint's own message, and its source.
            DecodeError::Constraint(e) => std::error::Error::source(e),
            _ => None,
        }
    }
}

impl From<ValidationError> for DecodeError {
    fn from(e: ValidationError) -> Self {
        DecodeError::Constraint(e)
    }
}

impl DecodeError {
    /// The error code this problem is answered with.
    pub fn code(&self) -> &'static str {
        match self {
            DecodeError::Missing { .. } => "MissingParameter",
            DecodeError::Unknown { .. } => "UnknownParameter",
            DecodeError::NotAnObject | DecodeError::Invalid { .. } => "InvalidParameter",
            DecodeError::Constraint(_) => "InvalidParameterValue",
        }
    }

    /// The answer to send.
    pub fn to_service_error(&self) -> ServiceError {
        ServiceError::answer(self.code(), self.to_string())
    }
}

/// Decodes a received request of type `R` from its body and checks the spec's constraints.
/// A member the action does not have is refused (`UnknownParameter`), as the service does,
/// before a required member is found missing (so a misspelt name, `Filters.0.Nmae`, is
/// reported as unknown rather than `Name` as missing); a value of the wrong type is refused
/// naming its member with the path to it (`Filters.0.Values`).
pub fn decode_request<R>(params: &Params) -> Result<R, DecodeError>
where
    R: Operation + serde::de::DeserializeOwned,
{
    let Value::Object(_) = &params.body else {
        return Err(DecodeError::NotAnObject);
    };
    let mut ignored = Vec::new();
    let decoded: Result<R, _> = serde_path_to_error::deserialize(serde_ignored::Deserializer::new(
        params.body.clone(),
        &mut |path: serde_ignored::Path<'_>| ignored.push(dotted_ignored(&path.to_string())),
    ));
    // A member set to `null` counts as absent.
    let unknown = ignored
        .into_iter()
        .find(|path| member_at(&params.body, path).is_some_and(|v| !v.is_null()));
    if let Some(parameter) = unknown {
        return Err(DecodeError::Unknown { parameter });
    }
    let request = decoded.map_err(|e| {
        let path = dotted(e.path());
        let problem = e.into_inner().to_string();
        match problem
            .strip_prefix("missing field `")
            .and_then(|t| t.split('`').next())
        {
            Some(field) => DecodeError::Missing {
                parameter: joined(&path, field),
            },
            None => DecodeError::Invalid {
                parameter: path,
                problem,
            },
        }
    })?;
    // Shapes that answers also carry read an absent or `null` required member as a default;
    // requests are not tolerant, so such a member is missing.
    if let Some(absent) = crate::shape::tolerant::absent_members::<R>(&params.body).first() {
        return Err(DecodeError::Missing {
            parameter: absent.dotted(),
        });
    }
    // What the request type keeps of the body, written back: a member it dropped is unknown.
    if let Ok(kept) = serde_json::to_value(&request) {
        if let Some(parameter) = first_unknown(&params.body, &kept, "") {
            return Err(DecodeError::Unknown { parameter });
        }
    }
    request.validate("", UnknownValues::Reject)?;
    Ok(request)
}

/// `path.name`, or `name` at the top.
fn joined(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// A path as serde_path_to_error records it, written `Filters.0.Values` (empty at the top).
fn dotted(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        let name = match segment {
            Segment::Seq { index } => index.to_string(),
            Segment::Map { key } => key.clone(),
            Segment::Enum { variant } => variant.clone(),
            Segment::Unknown => "?".to_owned(),
        };
        out = joined(&out, &name);
    }
    out
}

/// A path as serde_ignored shows it (`Filters.?.0.Nmae`, `?` for an `Option`), written
/// `Filters.0.Nmae`.
fn dotted_ignored(path: &str) -> String {
    path.split('.')
        .filter(|segment| *segment != "?" && !segment.is_empty())
        .collect::<Vec<_>>()
        .join(".")
}

/// The value at a dotted path (`Filters.0.Nmae`) of a body.
fn member_at<'a>(body: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(body, |value, segment| match value {
            Value::Object(members) => members.get(segment),
            Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        })
}

/// The first member of `received` (an object, at `path`) that `kept` does not have, searched
/// through nested objects and lists. A `null` member counts as absent.
fn first_unknown(received: &Value, kept: &Value, path: &str) -> Option<String> {
    let at = |name: &str| {
        if path.is_empty() {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        }
    };
    match (received, kept) {
        (Value::Object(received), Value::Object(kept)) => first_unknown_member(received, kept, &at),
        (Value::Array(received), Value::Array(kept)) => received
            .iter()
            .zip(kept)
            .enumerate()
            .find_map(|(i, (r, k))| first_unknown(r, k, &at(&i.to_string()))),
        _ => None,
    }
}

fn first_unknown_member(
    received: &Map<String, Value>,
    kept: &Map<String, Value>,
    at: &dyn Fn(&str) -> String,
) -> Option<String> {
    received
        .iter()
        .find_map(|(name, value)| match kept.get(name) {
            None if !value.is_null() => Some(at(name)),
            None => None,
            Some(kept) => first_unknown(value, kept, &at(name)),
        })
}

/// Decodes `params` into an `R`, runs `call` on it and builds the answer: the output's members
/// in `Response` (with the request's `RequestId`), or `Response.Error`. A body that does not
/// decode is answered with the [`DecodeError`]'s code, naming the parameter.
pub async fn handle<R, F, Fut>(params: &Params, call: F) -> Reply
where
    R: Operation + serde::de::DeserializeOwned,
    F: FnOnce(R) -> Fut,
    Fut: Future<Output = Result<R::Output, R::Error>>,
{
    let request_id = params.request_id();
    match decode_request::<R>(params) {
        Ok(request) => match call(request).await {
            Ok(output) => Reply::success(&output, request_id),
            Err(error) => Reply::error(error.meta(), request_id),
        },
        Err(error) => Reply::error(&error.to_service_error(), request_id),
    }
}

/// The answer of an action a server does not implement: `UnsupportedOperation`. The generated
/// service trait's default methods return it.
pub fn not_implemented<R: Operation>(
    request: R,
) -> impl Future<Output = Result<R::Output, R::Error>> {
    drop(request);
    std::future::ready(Err(R::Error::from(ServiceError::answer(
        "UnsupportedOperation",
        format!("the action {:?} is not supported by this server", R::ACTION),
    ))))
}

/// The JSON answer of a server: `{"Response": {…}}`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Reply {
    /// The members of `Response`, `RequestId` included.
    #[serde(rename = "Response")]
    pub response: Map<String, Value>,
}

impl Reply {
    /// A success answer carrying `output`'s members, and `request_id` as `RequestId`.
    pub fn success<T: serde::Serialize>(output: &T, request_id: &str) -> Reply {
        match serde_json::to_value(output) {
            Ok(Value::Object(mut members)) => {
                members.insert("RequestId".to_owned(), Value::from(request_id));
                Reply { response: members }
            }
            Ok(other) => Reply::error(
                &ServiceError::answer(
                    "InternalError",
                    format!("the answer is not an object: {other}"),
                ),
                request_id,
            ),
            Err(e) => Reply::error(
                &ServiceError::answer(
                    "InternalError",
                    format!("could not serialise the answer: {e}"),
                ),
                request_id,
            ),
        }
    }

    /// An error answer.
    pub fn error(error: &ServiceError, request_id: &str) -> Reply {
        let mut inner = Map::new();
        inner.insert("Code".to_owned(), Value::from(error.code()));
        inner.insert("Message".to_owned(), Value::from(error.message()));
        let mut response = Map::new();
        response.insert("Error".to_owned(), Value::Object(inner));
        response.insert("RequestId".to_owned(), Value::from(request_id));
        Reply { response }
    }

    /// The answer for an action this service does not have: `InvalidAction` (set its
    /// `RequestId` with [`Reply::with_request_id`]; the generated `dispatch` does).
    pub fn unsupported_action(action: Option<&str>) -> Reply {
        let message = match action {
            Some(action) => format!("the action {action:?} does not exist"),
            None => "the request has no X-TC-Action header".to_owned(),
        };
        Reply::error(&ServiceError::answer("InvalidAction", message), "")
    }

    /// The same answer with `RequestId` set.
    pub fn with_request_id(mut self, request_id: &str) -> Reply {
        self.response
            .insert("RequestId".to_owned(), Value::from(request_id));
        self
    }

    /// The error code, when the answer is an error.
    pub fn error_code(&self) -> Option<&str> {
        self.response.get("Error")?.get("Code")?.as_str()
    }

    /// The answer as JSON bytes.
    pub fn to_json(&self) -> Vec<u8> {
        // Serialising a map of JSON values cannot fail.
        serde_json::to_vec(self).unwrap_or_else(|_| {
            br#"{"Response":{"Error":{"Code":"InternalError","Message":"serialisation failed"},"RequestId":""}}"#
                .to_vec()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{decode_request, DecodeError, Params};
    use crate::v3::operation::describe_auto_scaling_groups::DescribeAutoScalingGroupsRequest;

    fn decode(body: &str) -> Result<DescribeAutoScalingGroupsRequest, DecodeError> {
        let body = serde_json::from_str(body).unwrap_or_default();
        decode_request(&Params::new(
            Some("DescribeAutoScalingGroups".to_owned()),
            body,
            "r-1",
        ))
    }

    #[test]
    fn a_misspelt_member_is_unknown_before_the_one_it_replaces_is_missing() {
        let error = decode(r#"{"Filters": [{"Nmae": "a", "Values": ["b"]}]}"#).err();
        assert_eq!(
            error,
            Some(DecodeError::Unknown {
                parameter: "Filters.0.Nmae".to_owned()
            })
        );
        assert_eq!(error.map(|e| e.code()), Some("UnknownParameter"));
        // Beside the right name too, and at the top.
        let error = decode(r#"{"Filters": [{"Name": "a", "Values": ["b"], "Nmae": 1}]}"#).err();
        assert_eq!(
            error.map(|e| e.to_string()),
            Some("unknown parameter `Filters.0.Nmae`".to_owned())
        );
        let error = decode(r#"{"Limt": 1}"#).err();
        assert_eq!(
            error,
            Some(DecodeError::Unknown {
                parameter: "Limt".to_owned()
            })
        );
        // A null member counts as absent.
        assert!(decode(r#"{"Limt": null}"#).is_ok());
    }

    #[test]
    fn a_wrong_type_names_its_member() {
        let error = decode(r#"{"Limit": "ten"}"#).err();
        let Some(DecodeError::Invalid { parameter, problem }) = error else {
            panic!("not invalid: {error:?}")
        };
        assert_eq!(parameter, "Limit");
        assert!(problem.contains("\"ten\""), "{problem}");
        let error = decode(r#"{"Filters": [{"Name": "a", "Values": "b"}]}"#).err();
        assert!(
            error.as_ref().is_some_and(|e| e
                .to_string()
                .starts_with("parameter `Filters.0.Values` is invalid")),
            "{error:?}"
        );
        assert_eq!(error.map(|e| e.code()), Some("InvalidParameter"));
    }

    #[test]
    fn a_missing_member_is_named_with_its_path() {
        let error = decode(r#"{"Filters": [{"Values": ["b"]}]}"#).err();
        assert_eq!(
            error,
            Some(DecodeError::Missing {
                parameter: "Filters.0.Name".to_owned()
            })
        );
    }

    /// `Tag` is carried by answers too, where its members read absent or `null` as defaults;
    /// a request is not tolerant.
    #[test]
    fn a_member_tolerated_in_answers_is_missing_from_a_request() {
        use crate::v3::operation::create_auto_scaling_group::CreateAutoScalingGroupRequest;
        let decode = |body: &str| {
            let body = serde_json::from_str(body).unwrap_or_default();
            decode_request::<CreateAutoScalingGroupRequest>(&Params::new(
                Some("CreateAutoScalingGroup".to_owned()),
                body,
                "r-1",
            ))
        };
        let group = r#""AutoScalingGroupName":"g","LaunchConfigurationId":"asc-1","MaxSize":1,"MinSize":0,"VpcId":"vpc-1""#;
        for tags in [r#"[{"Key":"k"}]"#, r#"[{"Key":"k","Value":null}]"#] {
            let error = decode(&format!(r#"{{{group},"Tags":{tags}}}"#)).err();
            assert_eq!(
                error,
                Some(DecodeError::Missing {
                    parameter: "Tags.0.Value".to_owned()
                }),
                "{tags}"
            );
        }
        assert!(decode(&format!(
            r#"{{{group},"Tags":[{{"Key":"k","Value":"v"}}]}}"#
        ))
        .is_ok());
    }
}
