//! The server side of API 2.0 (feature `server`): received parameters, decoding them into the
//! generated request types, and the answer envelope.
//!
//! The generated [`AutoScalingService`](crate::service::AutoScalingService) trait has one method
//! per action; [`dispatch`](crate::service::dispatch) decodes a request's parameters with
//! [`handle`], calls the method and turns its result into a [`Reply`]. A method a server does not
//! implement answers with [`not_implemented`].

use crate::client::Operation;
use crate::error::{ErrorTable, ServiceError, ValidationError};
use crate::shape::UnknownValues;
use std::collections::BTreeMap;
use std::future::Future;

/// Received request parameters, with `_` in names turned into `.` (a client may send
/// `instanceIds_0` for `instanceIds.0`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    map: BTreeMap<String, String>,
}

impl Params {
    /// Collects decoded `name=value` pairs. A name given twice (after `_` → `.`) is an error.
    pub fn from_pairs<I, K, V>(pairs: I) -> Result<Params, DecodeError>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: Into<String>,
    {
        let mut map = BTreeMap::new();
        for (name, value) in pairs {
            let name = name.as_ref().replace('_', ".");
            if map.contains_key(&name) {
                return Err(DecodeError::Duplicate { parameter: name });
            }
            map.insert(name, value.into());
        }
        Ok(Params { map })
    }

    /// The value of parameter `name` (with `.`, not `_`).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.map.get(name).map(String::as_str)
    }

    /// The `Action` parameter, if any.
    pub fn action(&self) -> Option<&str> {
        self.get("Action")
    }

    /// Every parameter, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.map.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The number of parameters.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether there are no parameters.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The names that start with `prefix.`, in byte order.
    fn under<'a>(&'a self, prefix: &str) -> impl Iterator<Item = &'a str> + 'a {
        let start = format!("{prefix}.");
        let end = format!("{prefix}/"); // '/' is the byte after '.'
        self.map.range(start..end).map(|(k, _)| k.as_str())
    }

    /// Whether any parameter sits under `prefix` (`prefix.…`).
    pub(crate) fn has_under(&self, prefix: &str) -> bool {
        self.under(prefix).next().is_some()
    }

    /// The distinct first segments of the names under `prefix` (`0`, `1` for a list), in byte
    /// order; at the top level (`""`), the distinct first segments of every name.
    pub(crate) fn segments_under<'a>(&'a self, prefix: &str) -> impl Iterator<Item = &'a str> + 'a {
        let skip = if prefix.is_empty() {
            0
        } else {
            prefix.len() + 1
        };
        let names: Box<dyn Iterator<Item = &'a str> + 'a> = if prefix.is_empty() {
            Box::new(self.map.keys().map(String::as_str))
        } else {
            Box::new(self.under(prefix))
        };
        let mut last: Option<&'a str> = None;
        names.filter_map(move |name| {
            let segment = name[skip..].split('.').next().unwrap_or_default();
            if last == Some(segment) {
                None
            } else {
                last = Some(segment);
                Some(segment)
            }
        })
    }
}

/// Why received parameters do not make a valid request. Answered with code 4000.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// A required parameter is absent.
    Missing {
        /// Its wire name.
        parameter: String,
    },
    /// A value cannot be read as the parameter's type.
    Invalid {
        /// Its wire name.
        parameter: String,
        /// The value received.
        value: String,
        /// What was expected.
        expected: String,
    },
    /// A list's indexes do not run from 0 without gaps.
    ListIndex {
        /// The list's wire name.
        parameter: String,
        /// The first index missing.
        index: String,
    },
    /// A name was given twice.
    Duplicate {
        /// Its wire name.
        parameter: String,
    },
    /// A value cannot be read for another reason, e.g. a list item numbered `x`.
    Malformed {
        /// Its wire name.
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
            DecodeError::Missing { parameter } => {
                write!(f, "missing required parameter `{parameter}`")
            }
            DecodeError::Invalid {
                parameter,
                value,
                expected,
            } => write!(f, "parameter `{parameter}` must be {expected}, got {value:?}"),
            DecodeError::ListIndex { parameter, index } => write!(
                f,
                "parameter `{parameter}` is a list, but `{parameter}.{index}` is missing or malformed"
            ),
            DecodeError::Duplicate { parameter } => {
                write!(f, "parameter `{parameter}` is given more than once")
            }
            DecodeError::Malformed { parameter, problem } => {
                write!(f, "parameter `{parameter}` {problem}")
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
    /// The wire name of the parameter at fault.
    pub fn parameter(&self) -> &str {
        match self {
            DecodeError::Missing { parameter }
            | DecodeError::Invalid { parameter, .. }
            | DecodeError::ListIndex { parameter, .. }
            | DecodeError::Duplicate { parameter }
            | DecodeError::Malformed { parameter, .. } => parameter,
            DecodeError::Constraint(e) => e.parameter(),
        }
    }

    /// The `codeDesc` this problem is answered with.
    pub fn code_desc(&self) -> &'static str {
        match self {
            DecodeError::Missing { .. } => "MissingParameter",
            DecodeError::Invalid { .. }
            | DecodeError::ListIndex { .. }
            | DecodeError::Malformed { .. } => "InvalidParameterValue",
            DecodeError::Duplicate { .. } => "InvalidParameter",
            DecodeError::Constraint(_) => "InvalidParameterValue",
        }
    }

    /// The answer to send: code 4000, the problem's `codeDesc`, and a message naming the
    /// parameter.
    pub fn to_service_error(&self) -> ServiceError {
        ServiceError::new(4000, self.code_desc(), format!("(4000){self}"))
    }
}

/// Decodes a received request of type `R` from `params` and checks the spec's constraints;
/// enum values the spec does not list are refused. Parameters that are not `R`'s (the common
/// ones) are left alone.
pub fn decode_request<R>(params: &Params) -> Result<R, DecodeError>
where
    R: Operation + serde::de::DeserializeOwned,
{
    let request: R = super::form::de::from_params(params)?;
    request.validate("", UnknownValues::Reject)?;
    Ok(request)
}

/// `decode` on every generated request type: `DetachInstanceRequest::decode(&params)`, the same
/// as [`decode_request`].
pub trait DecodeRequest: Sized {
    /// Decodes a received request from its parameters and checks the spec's constraints.
    fn decode(params: &Params) -> Result<Self, DecodeError>;
}

impl<R: Operation + serde::de::DeserializeOwned> DecodeRequest for R {
    fn decode(params: &Params) -> Result<Self, DecodeError> {
        decode_request(params)
    }
}

/// Decodes `params` into an `R`, runs `call` on it and builds the answer: the output as `data`,
/// or the error's `code`, `codeDesc` and `message`. A request that does not decode is answered
/// with code 4000 naming the parameter.
pub async fn handle<R, F, Fut>(params: &Params, call: F) -> Reply
where
    R: Operation + serde::de::DeserializeOwned,
    F: FnOnce(R) -> Fut,
    Fut: Future<Output = Result<R::Output, R::Error>>,
{
    match decode_request::<R>(params) {
        Ok(request) => match call(request).await {
            Ok(output) => Reply::success(&output),
            Err(error) => Reply::error(error.meta()),
        },
        Err(error) => Reply::error(&error.to_service_error()),
    }
}

/// The answer of an action a server does not implement: code 6100 ("API not supported in this
/// version"), `codeDesc` `InvalidAction`. The generated service trait's default methods return it.
pub fn not_implemented<R: Operation>(
    request: R,
) -> impl Future<Output = Result<R::Output, R::Error>> {
    drop(request);
    std::future::ready(Err(R::Error::from(unsupported_action_error(Some(
        R::ACTION,
    )))))
}

fn unsupported_action_error(action: Option<&str>) -> ServiceError {
    let message = match action {
        Some(action) => format!("(6100)the interface {action:?} is not supported by this server"),
        None => "(6100)the request has no Action parameter".to_owned(),
    };
    ServiceError::new(6100, "InvalidAction", message)
}

/// The JSON answer of a server: the envelope with `code`, `codeDesc`, `message` and `data`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Reply {
    /// `0` on success.
    pub code: i64,
    /// `Success`, or the business error code.
    #[serde(rename = "codeDesc")]
    pub code_desc: String,
    /// Empty on success.
    pub message: String,
    /// The action's output; left out when it has no fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<serde_json::Value>,
}

impl Reply {
    /// A success answer carrying `output` as `data` (left out when it serialises to `{}`).
    pub fn success<T: serde::Serialize>(output: &T) -> Reply {
        match serde_json::to_value(output) {
            Ok(value) => {
                let empty = value.as_object().is_some_and(|o| o.is_empty());
                Reply {
                    code: 0,
                    code_desc: super::SUCCESS_CODE_DESC.to_owned(),
                    message: String::new(),
                    data: if empty { None } else { Some(value) },
                }
            }
            Err(e) => Reply::error(&ServiceError::new(
                6000,
                "InternalError",
                format!("(6000)could not serialise the answer: {e}"),
            )),
        }
    }

    /// An error answer.
    pub fn error(error: &ServiceError) -> Reply {
        Reply {
            code: error.code(),
            code_desc: error.code_desc().to_owned(),
            message: error.message().to_owned(),
            data: None,
        }
    }

    /// The answer for an `Action` this service does not have: code 6100 ("API not supported
    /// in this version"), `codeDesc` `InvalidAction`.
    pub fn unsupported_action(action: Option<&str>) -> Reply {
        Reply::error(&unsupported_action_error(action))
    }

    /// The answer as JSON bytes.
    pub fn to_json(&self) -> Vec<u8> {
        // Serialising this struct of strings, integers and JSON values cannot fail.
        serde_json::to_vec(self).unwrap_or_else(|_| {
            br#"{"code":6000,"codeDesc":"InternalError","message":"(6000)serialisation failed"}"#
                .to_vec()
        })
    }
}
