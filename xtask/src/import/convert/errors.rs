//! Errors: the common errors of API 3.0, each action's business errors (from the per-action
//! lists of `client.go`, or all of `errorcodes.py` as common errors without them), their
//! variants and the notes on how the two code sources agree.

use super::super::docs;
use super::super::model::{ErrorCodeConst, Overlay};
use super::super::ImportError;
use super::{file_name, ActionSpec, CommonErrorSpec, Cx, ErrorSpec, Inputs};
use qcloud_as_codegen::model::names;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The common error codes of every API 3.0 product (reference §4.2), with our own short docs.
pub const COMMON_ERRORS: &[(&str, &str)] = &[
    ("ActionOffline", "The action has been taken offline."),
    (
        "AuthFailure.InvalidAuthorization",
        "The `Authorization` header is not in the Tencent Cloud format.",
    ),
    (
        "AuthFailure.InvalidSecretId",
        "The key is not an API key (wrong key type).",
    ),
    (
        "AuthFailure.MFAFailure",
        "Multi-factor authentication failed.",
    ),
    (
        "AuthFailure.SecretIdNotFound",
        "The SecretId is unknown, deleted or disabled.",
    ),
    (
        "AuthFailure.SignatureExpire",
        "The request's timestamp is more than 5 minutes away from the server's clock.",
    ),
    (
        "AuthFailure.SignatureFailure",
        "The signature does not match.",
    ),
    (
        "AuthFailure.TokenFailure",
        "The token of the temporary credentials is invalid.",
    ),
    (
        "AuthFailure.UnauthorizedOperation",
        "CAM does not allow the caller this request.",
    ),
    (
        "DryRunOperation",
        "The request would have succeeded; it asked for a dry run.",
    ),
    ("FailedOperation", "The operation failed."),
    ("InternalError", "An internal error of the server."),
    ("InvalidAction", "There is no such action."),
    (
        "InvalidParameter",
        "A parameter has the wrong format or type.",
    ),
    (
        "InvalidParameterValue",
        "A parameter's value is not accepted.",
    ),
    ("InvalidRequest", "The multipart request body is malformed."),
    (
        "IpInBlacklist",
        "The caller's IP address is on the account's blacklist.",
    ),
    (
        "IpNotInWhitelist",
        "The caller's IP address is not on the account's whitelist.",
    ),
    ("LimitExceeded", "A quota was exceeded."),
    ("MissingParameter", "A required parameter is missing."),
    ("NoSuchProduct", "There is no such product."),
    ("NoSuchVersion", "There is no such API version."),
    (
        "RequestLimitExceeded",
        "Too many requests: the call-frequency limit was reached.",
    ),
    (
        "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
        "The account's call-frequency limit over all regions was reached.",
    ),
    (
        "RequestLimitExceeded.IPLimitExceeded",
        "The caller IP address's call-frequency limit was reached.",
    ),
    (
        "RequestLimitExceeded.UinLimitExceeded",
        "The account's call-frequency limit was reached.",
    ),
    (
        "RequestSizeLimitExceeded",
        "The request is larger than allowed.",
    ),
    ("ResourceInUse", "The resource is in use."),
    ("ResourceInsufficient", "There are not enough resources."),
    ("ResourceNotFound", "The resource does not exist."),
    ("ResourceUnavailable", "The resource is not available."),
    (
        "ResponseSizeLimitExceeded",
        "The response would be larger than allowed.",
    ),
    (
        "ServiceUnavailable",
        "The service is temporarily unavailable.",
    ),
    ("UnauthorizedOperation", "The operation is not authorised."),
    (
        "UnknownParameter",
        "A parameter the action does not define was sent.",
    ),
    ("UnsupportedOperation", "The operation is not supported."),
    (
        "UnsupportedProtocol",
        "HTTP(S) protocol error: only GET and POST are accepted.",
    ),
    (
        "UnsupportedRegion",
        "The action is not offered in the requested region.",
    ),
];

/// Error variants given by hand where two codes convert to the same variant.
const VARIANT_OVERRIDES: &[(&str, &str)] = &[
    // `InvalidParameter.Conflict` keeps the converted `InvalidParameterConflict`.
    (
        "InvalidParameterConflict",
        "InvalidParameterConflictUndotted",
    ),
];

/// The variant the codegen derives from a code.
pub fn variant_of(code: &str) -> String {
    names::error_variant(code)
}

fn override_of(code: &str) -> Option<String> {
    VARIANT_OVERRIDES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, v)| (*v).to_owned())
}

/// The business errors of the actions, one action after the other, and what is learnt on the
/// way (for the notes and the common errors).
pub struct ErrorLists<'a> {
    error_codes_path: &'a Path,
    /// Per-action error lists (by action), when a client source was given.
    client: Option<(&'a BTreeMap<String, Vec<String>>, &'a Path)>,
    overlay: &'a Overlay,
    common_codes: BTreeSet<&'static str>,
    /// The codes of `errorcodes.py`.
    known: BTreeSet<&'a str>,
    /// The business codes the actions list.
    used: BTreeSet<String>,
    /// Common codes that per-action lists name, with how many actions name them.
    dropped: BTreeMap<String, usize>,
}

impl<'a> ErrorLists<'a> {
    pub fn new(inputs: &Inputs<'a>) -> ErrorLists<'a> {
        let error_codes: &'a [ErrorCodeConst] = inputs.error_codes;
        ErrorLists {
            error_codes_path: inputs.error_codes_path,
            client: inputs.client,
            overlay: inputs.overlay,
            common_codes: COMMON_ERRORS.iter().map(|(code, _)| *code).collect(),
            known: error_codes.iter().map(|e| e.code.as_str()).collect(),
            used: BTreeSet::new(),
            dropped: BTreeMap::new(),
        }
    }

    fn doc(&self, code: &str) -> String {
        self.overlay
            .errors
            .get(code)
            .cloned()
            .unwrap_or_else(|| docs::from_error_code(code))
    }

    /// The business errors of one action: its per-action list, sorted, without common codes;
    /// none without per-action lists.
    pub fn of_action(&mut self, cx: &mut Cx<'_>, name: &str, at: &str) -> Vec<ErrorSpec> {
        let Some((lists, client_path)) = self.client else {
            return Vec::new();
        };
        let Some(codes) = lists.get(name) else {
            cx.errors.push(ImportError::new(
                client_path,
                Some(at.to_owned()),
                "the error source has no method for this action",
            ));
            return Vec::new();
        };
        let mut codes: Vec<&String> = codes.iter().collect();
        codes.sort();
        codes.dedup();
        let mut out = Vec::new();
        for code in codes {
            if self.common_codes.contains(code.as_str()) {
                *self.dropped.entry(code.clone()).or_insert(0) += 1;
                continue;
            }
            self.used.insert(code.clone());
            out.push(ErrorSpec {
                code: code.clone(),
                variant: override_of(code),
                doc: self.doc(code),
            });
        }
        out
    }

    /// After every action: the common errors, and the notes on the two code sources.
    pub fn finish(self, cx: &mut Cx<'_>) -> Vec<CommonErrorSpec> {
        let mut common_errors: Vec<CommonErrorSpec> = COMMON_ERRORS
            .iter()
            .map(|(code, doc)| CommonErrorSpec {
                code: (*code).to_owned(),
                variant: variant_of(code),
                doc: self
                    .overlay
                    .errors
                    .get(*code)
                    .cloned()
                    .unwrap_or_else(|| (*doc).to_owned()),
            })
            .collect();
        let codes_file = file_name(self.error_codes_path);
        let Some((lists, client_path)) = self.client else {
            // No per-action lists: every AS business code becomes a common error.
            let mut business: Vec<&str> = self
                .known
                .iter()
                .copied()
                .filter(|c| !self.common_codes.contains(c))
                .collect();
            business.sort_unstable();
            for code in business {
                common_errors.push(CommonErrorSpec {
                    code: code.to_owned(),
                    variant: override_of(code).unwrap_or_else(|| variant_of(code)),
                    doc: self.doc(code),
                });
            }
            cx.notes.push(format!(
                "no per-action error lists given: the {} business codes of {codes_file} are \
                 common errors",
                common_errors.len() - COMMON_ERRORS.len(),
            ));
            return common_errors;
        };
        for method in lists.keys() {
            if !cx.api.actions.contains_key(method) {
                cx.errors.push(ImportError::new(
                    client_path,
                    Some(format!("method {method}")),
                    "the description has no such action (are the two sources of one version?)",
                ));
            }
        }
        if !self.dropped.is_empty() {
            let list: Vec<String> = self
                .dropped
                .iter()
                .map(|(code, n)| format!("{code} ({n})"))
                .collect();
            cx.notes.push(format!(
                "common codes left out of the per-action lists, being common errors (number \
                 of actions): {}",
                list.join(", ")
            ));
        }
        let unknown: Vec<&str> = self
            .used
            .iter()
            .map(String::as_str)
            .filter(|c| !self.known.contains(c))
            .collect();
        if !unknown.is_empty() {
            cx.notes.push(format!(
                "codes listed by {} but not in {codes_file}: {}",
                file_name(client_path),
                unknown.join(", ")
            ));
        }
        let unused: Vec<&str> = self
            .known
            .iter()
            .copied()
            .filter(|c| !self.used.contains(*c) && !self.common_codes.contains(c))
            .collect();
        if !unused.is_empty() {
            cx.notes.push(format!(
                "codes of {codes_file} that no action lists (left out): {}",
                unused.join(", ")
            ));
        }
        common_errors
    }
}

/// Every error variant is usable and names one code: among the common errors, among the
/// business errors of all actions, and across the two.
pub fn check_variants(
    cx: &mut Cx<'_>,
    common: &[CommonErrorSpec],
    actions: &[ActionSpec],
    error_codes_path: &Path,
) {
    let mut by_variant: BTreeMap<String, String> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut check = |code: &str, variant: &str| {
        if !names::is_type_name(variant)
            || names::RESERVED_VARIANTS.contains(&variant)
            || names::KEYWORDS.contains(&variant)
        {
            problems.push(format!(
                "error {code}: `{variant}` is not a usable variant name; add the code to the \
                 importer's VARIANT_OVERRIDES"
            ));
            return;
        }
        match by_variant.get(variant) {
            Some(other) if other != code => problems.push(format!(
                "errors {other} and {code} both convert to the variant `{variant}`; add one to \
                 the importer's VARIANT_OVERRIDES"
            )),
            Some(_) => {}
            None => {
                by_variant.insert(variant.to_owned(), code.to_owned());
            }
        }
    };
    for e in common {
        check(&e.code, &e.variant);
    }
    for a in actions {
        for e in &a.errors {
            let variant = e.variant.clone().unwrap_or_else(|| variant_of(&e.code));
            check(&e.code, &variant);
        }
    }
    for message in problems {
        cx.errors
            .push(ImportError::new(error_codes_path, None, message));
    }
}
