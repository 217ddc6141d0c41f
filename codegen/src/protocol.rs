//! What a wire protocol adds to the protocol-neutral model: its own rules on names, types and
//! error codes, checked with the model, and the facts its emitters need.
//!
//! A service names its protocol in `service.yaml` (`protocol: qcloud-v2`). The generated code
//! for shapes, clients and servers is the same for every protocol; each protocol's encoding is
//! in the runtime (`qcloud_as::protocol`).

use crate::model::ErrorCode;

/// A wire protocol the generator knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Protocol {
    /// Tencent Cloud API 2.0: form parameters, lists as `name.N`, a signature parameter,
    /// answers with `code` (an integer class such as 4000) and `codeDesc` (the business code).
    QcloudV2,
    /// Tencent Cloud API 3.0: a JSON body, common parameters in `X-TC-*` headers, a
    /// TC3-HMAC-SHA256 `Authorization`, answers in a `Response` object whose `Error.Code` is a
    /// dotted string (`ResourceNotFound.AutoScalingGroupNotFound`).
    TencentV3,
}

/// The names `service.yaml` may give.
pub const PROTOCOLS: &[(&str, Protocol)] = &[
    ("qcloud-v2", Protocol::QcloudV2),
    ("tencentcloud-v3", Protocol::TencentV3),
];

/// The common parameters of API 2.0, which the protocol adds to every request.
const V2_COMMON_PARAMETERS: &[&str] = &[
    "Action",
    "Region",
    "Timestamp",
    "Nonce",
    "SecretId",
    "Signature",
    "SignatureMethod",
    "Token",
    "RequestClient",
];

impl Protocol {
    /// The protocol of a `protocol:` value.
    pub fn parse(name: &str) -> Option<Protocol> {
        PROTOCOLS.iter().find(|(n, _)| *n == name).map(|(_, p)| *p)
    }

    /// Its name in `service.yaml`.
    pub fn name(self) -> &'static str {
        PROTOCOLS
            .iter()
            .find(|(_, p)| *p == self)
            .map_or("", |(n, _)| n)
    }

    /// Why an action parameter may not have this wire name, if it may not.
    pub fn reserved_parameter(self, name: &str) -> Option<String> {
        match self {
            Protocol::QcloudV2 if V2_COMMON_PARAMETERS.contains(&name) => Some(format!(
                "`{name}` is one of the common parameters (Action, Region, Nonce, Token, …) that \
                 the client adds to every request"
            )),
            Protocol::QcloudV2 | Protocol::TencentV3 => None,
        }
    }

    /// Whether the service must name its API version and signing name (`apiVersion`,
    /// `signingName` in `service.yaml`).
    pub fn needs_version(self) -> bool {
        matches!(self, Protocol::TencentV3)
    }

    /// Whether a list may hold lists.
    pub fn allows_nested_lists(self) -> bool {
        match self {
            // `a.0.1` has no documented meaning in the form encoding.
            Protocol::QcloudV2 => false,
            // JSON has lists of lists.
            Protocol::TencentV3 => true,
        }
    }

    /// Checks a common error's code; the error, if it does not fit the protocol.
    pub fn check_common_code(self, code: &ErrorCode) -> Result<(), String> {
        match (self, code) {
            (Protocol::QcloudV2, ErrorCode::Integer(0)) => {
                Err("code 0 means success; it is not an error".to_owned())
            }
            (Protocol::QcloudV2, ErrorCode::Integer(_)) => Ok(()),
            (Protocol::QcloudV2, ErrorCode::Text(_)) => {
                Err("API 2.0 error codes are integers (4000, 5100, …)".to_owned())
            }
            (Protocol::TencentV3, ErrorCode::Text(code)) => check_v3_code(code),
            (Protocol::TencentV3, ErrorCode::Integer(_)) => {
                Err("API 3.0 error codes are dotted names (`InvalidParameter`, \
                 `ResourceNotFound.AutoScalingGroupNotFound`)"
                    .to_owned())
            }
        }
    }

    /// The key and code of a business error from its spec: API 2.0 errors are answered with an
    /// integer `code` and identified by their `codeDesc`.
    pub fn business_error(
        self,
        code: Option<&ErrorCode>,
        code_desc: Option<&str>,
    ) -> Result<(String, ErrorCode), (&'static str, String)> {
        match self {
            Protocol::QcloudV2 => {
                let Some(code_desc) = code_desc.filter(|d| !d.trim().is_empty()) else {
                    return Err((
                        "codeDesc",
                        "an API 2.0 business error needs its `codeDesc`".to_owned(),
                    ));
                };
                match code {
                    Some(ErrorCode::Integer(code)) if *code != 0 => {
                        Ok((code_desc.to_owned(), ErrorCode::Integer(*code)))
                    }
                    Some(_) => Err((
                        "code",
                        "an API 2.0 business error's `code` is the non-zero integer it is \
                         answered with (4000, 5100, …)"
                            .to_owned(),
                    )),
                    None => Err((
                        "code",
                        "give the error's `code`: the integer it is answered with (4000, 5100, …)"
                            .to_owned(),
                    )),
                }
            }
            Protocol::TencentV3 => {
                if code_desc.is_some() {
                    return Err((
                        "codeDesc",
                        "API 3.0 errors have no `codeDesc`: the `code` identifies them".to_owned(),
                    ));
                }
                match code {
                    Some(ErrorCode::Text(text)) => match check_v3_code(text) {
                        Ok(()) => Ok((text.clone(), ErrorCode::Text(text.clone()))),
                        Err(message) => Err(("code", message)),
                    },
                    Some(ErrorCode::Integer(_)) | None => Err((
                        "code",
                        "an API 3.0 error's `code` is its dotted name \
                         (`ResourceNotFound.AutoScalingGroupNotFound`)"
                            .to_owned(),
                    )),
                }
            }
        }
    }
}

/// An API 3.0 code: dot-separated ASCII words, each starting with a letter.
fn check_v3_code(code: &str) -> Result<(), String> {
    let ok = !code.is_empty()
        && code.split('.').all(|word| {
            word.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{code}` is not an API 3.0 error code: dot-separated words of ASCII letters and \
             digits, each starting with a letter"
        ))
    }
}
