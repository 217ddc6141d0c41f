//! Server side of the wire format (feature `server`): decoding received parameters into the
//! generated request types, and the answer envelope.
//!
//! The generated [`AutoScalingService`](crate::service::AutoScalingService) trait has one method
//! per action; [`dispatch`](crate::service::dispatch) decodes a request's parameters, calls the
//! method and turns its result into a [`Reply`].

use crate::error::{ServiceError, ValidationError};
use std::collections::BTreeMap;

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
}

/// Why received parameters do not make a valid request. Answered with code 4000.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// A required parameter is absent.
    #[error("missing required parameter `{parameter}`")]
    Missing {
        /// Its wire name.
        parameter: String,
    },
    /// A value cannot be read as the parameter's type.
    #[error("parameter `{parameter}` must be {expected}, got {value:?}")]
    Invalid {
        /// Its wire name.
        parameter: String,
        /// The value received.
        value: String,
        /// What was expected.
        expected: String,
    },
    /// A list's indexes do not run from 0 without gaps.
    #[error(
        "parameter `{parameter}` is a list, but `{parameter}.{index}` is missing or malformed"
    )]
    ListIndex {
        /// The list's wire name.
        parameter: String,
        /// The first index missing.
        index: String,
    },
    /// A name was given twice.
    #[error("parameter `{parameter}` is given more than once")]
    Duplicate {
        /// Its wire name.
        parameter: String,
    },
    /// The request breaks a constraint of the spec.
    #[error(transparent)]
    Constraint(#[from] ValidationError),
}

impl DecodeError {
    /// The wire name of the parameter at fault.
    pub fn parameter(&self) -> &str {
        match self {
            DecodeError::Missing { parameter }
            | DecodeError::Invalid { parameter, .. }
            | DecodeError::ListIndex { parameter, .. }
            | DecodeError::Duplicate { parameter } => parameter,
            DecodeError::Constraint(e) => e.parameter(),
        }
    }

    /// The `codeDesc` this problem is answered with.
    pub fn code_desc(&self) -> &'static str {
        match self {
            DecodeError::Missing { .. } => "MissingParameter",
            DecodeError::Invalid { .. } | DecodeError::ListIndex { .. } => "InvalidParameterValue",
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

/// A value that can be read from received parameters under a name.
pub(crate) trait Decode: Sized {
    /// Reads the value named `name`; `Ok(None)` when it is absent.
    fn decode(name: &str, params: &Params) -> Result<Option<Self>, DecodeError>;
}

impl Decode for String {
    fn decode(name: &str, params: &Params) -> Result<Option<Self>, DecodeError> {
        Ok(params.get(name).map(str::to_owned))
    }
}

impl Decode for i64 {
    fn decode(name: &str, params: &Params) -> Result<Option<Self>, DecodeError> {
        match params.get(name) {
            None => Ok(None),
            Some(value) => value.parse().map(Some).map_err(|_| DecodeError::Invalid {
                parameter: name.to_owned(),
                value: value.to_owned(),
                expected: "an integer".to_owned(),
            }),
        }
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(name: &str, params: &Params) -> Result<Option<Self>, DecodeError> {
        let prefix_len = name.len() + 1;
        let mut count = 0usize;
        let mut last: Option<&str> = None;
        for key in params.under(name) {
            let segment = key[prefix_len..].split('.').next().unwrap_or_default();
            if last != Some(segment) {
                last = Some(segment);
                count += 1;
            }
        }
        if count == 0 {
            return Ok(None);
        }
        let mut items = Vec::with_capacity(count);
        for index in 0..count {
            let item_name = crate::wire::child(name, &index.to_string());
            match T::decode(&item_name, params)? {
                Some(item) => items.push(item),
                None => {
                    return Err(DecodeError::ListIndex {
                        parameter: name.to_owned(),
                        index: index.to_string(),
                    })
                }
            }
        }
        Ok(Some(items))
    }
}

/// Decodes a required parameter.
pub(crate) fn required<T: Decode>(name: &str, params: &Params) -> Result<T, DecodeError> {
    T::decode(name, params)?.ok_or_else(|| DecodeError::Missing {
        parameter: name.to_owned(),
    })
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
                    code_desc: "Success".to_owned(),
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
        let message = match action {
            Some(action) => format!("(6100)the interface {action:?} is not supported"),
            None => "(6100)the request has no Action parameter".to_owned(),
        };
        Reply::error(&ServiceError::new(6100, "InvalidAction", message))
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
