//! The mapping rules: the description's structure (plus error lists and overlay docs) →
//! the spec model written by [`super::render`].

use super::docs;
use super::model::{ApiJson, ApiMember, ApiObject, ErrorCodeConst, Overlay};
use super::{ImportError, ImportErrors};
use qcloud_as_codegen::model::names;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The spec protocol of the imported folder.
pub const PROTOCOL: &str = "tencentcloud-v3";

/// Service names (UpperCamelCase, as `service:` wants them) by the description's
/// `serviceShortName`.
const SERVICE_NAMES: &[(&str, &str)] = &[("as", "AutoScaling")];

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

/// Rust names given for readability where the converted wire name is garbled by acronyms.
const RUST_NAMES: &[(&str, &str)] = &[
    ("AntiDDoSPackageId", "anti_ddos_package_id"),
    ("IPv4AddressType", "ipv4_address_type"),
    ("IPv6InternetAccessible", "ipv6_internet_accessible"),
];

/// The doc of every response's `RequestId`, unless the overlay gives one.
const REQUEST_ID_DOC: &str =
    "The request's unique id, which the server makes for every request; quote it when asking about a request.";

/// The imported folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    pub service: ServiceSpec,
    pub actions: Vec<ActionSpec>,
    /// Things worth knowing that are not errors (printed after an import).
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceSpec {
    pub name: String,
    pub api_version: String,
    pub signing_name: String,
    pub doc: String,
    pub host: String,
    pub common_errors: Vec<CommonErrorSpec>,
    pub types: Vec<TypeSpec>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommonErrorSpec {
    pub code: String,
    pub variant: String,
    pub doc: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeSpec {
    pub name: String,
    pub doc: String,
    pub fields: Vec<FieldSpec>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpec {
    pub name: String,
    pub rust_name: Option<String>,
    pub ty: String,
    pub required: bool,
    pub min: Option<i64>,
    pub doc: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionSpec {
    pub name: String,
    pub rust_name: Option<String>,
    pub doc: String,
    pub reference: String,
    pub deprecated: bool,
    pub idempotent: bool,
    pub parameters: Vec<FieldSpec>,
    pub output: Vec<FieldSpec>,
    pub errors: Vec<ErrorSpec>,
    pub pages: Option<PagesSpec>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorSpec {
    pub code: String,
    pub variant: Option<String>,
    pub doc: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagesSpec {
    pub offset: String,
    pub limit: String,
    pub total: String,
    pub items: String,
}

/// The inputs of one conversion, read and parsed.
pub struct Inputs<'a> {
    pub api: &'a ApiJson,
    pub api_path: &'a Path,
    pub error_codes: &'a [ErrorCodeConst],
    pub error_codes_path: &'a Path,
    /// Per-action error lists (by action), when a client source was given.
    pub client: Option<(&'a BTreeMap<String, Vec<String>>, &'a Path)>,
    pub overlay: &'a Overlay,
    pub overlay_path: &'a Path,
}

/// Which way a structure's members travel, which decides their `required`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// Request members and `usage: in` structures: `required`.
    In,
    /// Response members and `usage: out` structures: always present and never null.
    Out,
    /// `usage: both`: required on input and always present and non-null on output.
    Both,
}

pub fn convert(inputs: &Inputs<'_>) -> Result<Spec, ImportErrors> {
    let mut cx = Cx {
        api_path: inputs.api_path,
        errors: Vec::new(),
        notes: Vec::new(),
    };
    let api = inputs.api;
    let overlay = inputs.overlay;

    // Which objects are requests and responses; every other object is a data structure.
    let mut io_objects: BTreeSet<&str> = BTreeSet::new();
    for (name, action) in &api.actions {
        for (what, object) in [("input", &action.input), ("output", &action.output)] {
            if !api.objects.contains_key(object) {
                cx.err(
                    Some(format!("action {name}")),
                    format!("its {what} object `{object}` is not an object of the description"),
                );
            }
            io_objects.insert(object);
        }
    }

    let service_name = match SERVICE_NAMES
        .iter()
        .find(|(short, _)| *short == api.metadata.service_short_name)
    {
        Some((_, name)) => (*name).to_owned(),
        None => {
            cx.err(
                Some("metadata.serviceShortName".to_owned()),
                format!(
                    "no service name is known for `{}`: add it to the importer's SERVICE_NAMES",
                    api.metadata.service_short_name
                ),
            );
            String::new()
        }
    };

    // Data structures → service types.
    let mut types = Vec::new();
    for (name, object) in &api.objects {
        if io_objects.contains(name.as_str()) {
            continue;
        }
        let at = format!("object {name}");
        let direction = match object.usage.as_deref() {
            Some("in") => Direction::In,
            Some("out") => Direction::Out,
            Some("both") => Direction::Both,
            Some(other) => {
                cx.err(
                    Some(at),
                    format!("unknown usage `{other}` (in, out or both)"),
                );
                continue;
            }
            None => {
                cx.err(
                    Some(at),
                    "a data structure without `usage` (no action has it as input or output)",
                );
                continue;
            }
        };
        if !names::is_type_name(name)
            || [
                format!("{service_name}Error"),
                format!("{service_name}Service"),
                "CommonError".to_owned(),
            ]
            .contains(name)
        {
            cx.err(
                Some(at),
                "the name is not usable as a Rust type name (UpperCamelCase, not a keyword, not \
                 a generated service-wide type)",
            );
            continue;
        }
        let overlay_type = overlay.types.get(name);
        let fields = cx.fields(
            &at,
            object,
            direction,
            &io_objects,
            api,
            |member| overlay_type.and_then(|t| t.fields.get(member)).cloned(),
            None,
        );
        types.push(TypeSpec {
            name: name.clone(),
            doc: overlay_type
                .and_then(|t| t.doc.clone())
                .unwrap_or_else(|| docs::from_name(name)),
            fields,
        });
    }
    note_unreachable_types(&mut cx, api, &io_objects);

    // Error codes: the AS list, and the common ones.
    let common_codes: BTreeSet<&str> = COMMON_ERRORS.iter().map(|(code, _)| *code).collect();
    let known: BTreeSet<&str> = inputs.error_codes.iter().map(|e| e.code.as_str()).collect();
    let error_doc = |code: &str| {
        overlay
            .errors
            .get(code)
            .cloned()
            .unwrap_or_else(|| docs::from_error_code(code))
    };
    let mut common_errors: Vec<CommonErrorSpec> = COMMON_ERRORS
        .iter()
        .map(|(code, doc)| CommonErrorSpec {
            code: (*code).to_owned(),
            variant: variant_of(code),
            doc: overlay
                .errors
                .get(*code)
                .cloned()
                .unwrap_or_else(|| (*doc).to_owned()),
        })
        .collect();

    // Actions.
    let mut actions = Vec::new();
    let mut used_codes: BTreeSet<String> = BTreeSet::new();
    // Common codes that per-action lists name, with how many actions name them.
    let mut dropped: BTreeMap<String, usize> = BTreeMap::new();
    for (name, action) in &api.actions {
        let at = format!("action {name}");
        if !names::is_wire_name(name) {
            cx.err(Some(at), "not an action name: ASCII letters and digits");
            continue;
        }
        if !names::is_type_name(name) {
            cx.err(
                Some(at),
                "the name is not an UpperCamelCase Rust name; the importer cannot choose one",
            );
            continue;
        }
        // An action whose method name `Client` or Rust takes gets a `rustName`.
        let snake = names::snake(name);
        let rust_name = (names::RESERVED_METHODS.contains(&snake.as_str())
            || names::KEYWORDS.contains(&snake.as_str()))
        .then(|| format!("{name}Action"));
        let deprecated = match action.status.as_str() {
            "online" => false,
            "deprecated" => true,
            other => {
                cx.err(
                    Some(at),
                    format!("unknown status `{other}` (online or deprecated)"),
                );
                continue;
            }
        };
        let (Some(input), Some(output)) = (
            api.objects.get(&action.input),
            api.objects.get(&action.output),
        ) else {
            continue; // reported above
        };
        let overlay_action = overlay.actions.get(name);
        let parameters = cx.fields(
            &format!("{at}: parameters ({})", action.input),
            input,
            Direction::In,
            &io_objects,
            api,
            |member| {
                overlay_action
                    .and_then(|a| a.parameters.get(member))
                    .cloned()
            },
            None,
        );
        let output_fields = cx.fields(
            &format!("{at}: output ({})", action.output),
            output,
            Direction::Out,
            &io_objects,
            api,
            |member| overlay_action.and_then(|a| a.output.get(member)).cloned(),
            Some("RequestId"),
        );
        let errors = match inputs.client {
            Some((lists, client_path)) => match lists.get(name) {
                Some(codes) => {
                    let mut codes: Vec<&String> = codes.iter().collect();
                    codes.sort();
                    codes.dedup();
                    let mut out = Vec::new();
                    for code in codes {
                        if common_codes.contains(code.as_str()) {
                            *dropped.entry(code.clone()).or_insert(0) += 1;
                            continue;
                        }
                        used_codes.insert(code.clone());
                        out.push(ErrorSpec {
                            code: code.clone(),
                            variant: override_of(code),
                            doc: error_doc(code),
                        });
                    }
                    out
                }
                None => {
                    cx.errors.push(ImportError::new(
                        client_path,
                        Some(at.clone()),
                        "the error source has no method for this action",
                    ));
                    Vec::new()
                }
            },
            None => Vec::new(),
        };
        let pages = pages_of(&parameters, &output_fields);
        actions.push(ActionSpec {
            name: name.clone(),
            rust_name,
            doc: overlay_action
                .and_then(|a| a.doc.clone())
                .unwrap_or_else(|| docs::from_name(name)),
            reference: format!(
                "https://console.tencentcloud.com/api/explorer?Product={}&Version={}&Action={name}",
                api.metadata.service_short_name, api.metadata.api_version
            ),
            deprecated,
            idempotent: name.starts_with("Describe"),
            parameters,
            output: output_fields,
            errors,
            pages,
        });
    }

    match inputs.client {
        Some((lists, client_path)) => {
            for method in lists.keys() {
                if !api.actions.contains_key(method) {
                    cx.errors.push(ImportError::new(
                        client_path,
                        Some(format!("method {method}")),
                        "the description has no such action (are the two sources of one version?)",
                    ));
                }
            }
            if !dropped.is_empty() {
                let list: Vec<String> = dropped
                    .iter()
                    .map(|(code, n)| format!("{code} ({n})"))
                    .collect();
                cx.notes.push(format!(
                    "common codes left out of the per-action lists, being common errors (number \
                     of actions): {}",
                    list.join(", ")
                ));
            }
            let unknown: Vec<&str> = used_codes
                .iter()
                .map(String::as_str)
                .filter(|c| !known.contains(c))
                .collect();
            if !unknown.is_empty() {
                cx.notes.push(format!(
                    "codes listed by {} but not in {}: {}",
                    file_name(client_path),
                    file_name(inputs.error_codes_path),
                    unknown.join(", ")
                ));
            }
            let unused: Vec<&str> = known
                .iter()
                .copied()
                .filter(|c| !used_codes.contains(*c) && !common_codes.contains(c))
                .collect();
            if !unused.is_empty() {
                cx.notes.push(format!(
                    "codes of {} that no action lists (left out): {}",
                    file_name(inputs.error_codes_path),
                    unused.join(", ")
                ));
            }
        }
        None => {
            // No per-action lists: every AS business code becomes a common error.
            let mut business: Vec<&str> = known
                .iter()
                .copied()
                .filter(|c| !common_codes.contains(c))
                .collect();
            business.sort_unstable();
            for code in business {
                common_errors.push(CommonErrorSpec {
                    code: code.to_owned(),
                    variant: override_of(code).unwrap_or_else(|| variant_of(code)),
                    doc: error_doc(code),
                });
            }
            cx.notes.push(format!(
                "no per-action error lists given: the {} business codes of {} are common errors",
                common_errors.len() - COMMON_ERRORS.len(),
                file_name(inputs.error_codes_path)
            ));
        }
    }
    check_variants(&mut cx, &common_errors, &actions, inputs.error_codes_path);
    check_overlay(
        &mut cx,
        inputs.overlay_path,
        overlay,
        api,
        &actions,
        &types,
        &common_errors,
    );

    if !cx.errors.is_empty() {
        return Err(ImportErrors(cx.errors));
    }
    Ok(Spec {
        service: ServiceSpec {
            name: service_name.clone(),
            api_version: api.metadata.api_version.clone(),
            signing_name: api.metadata.service_short_name.clone(),
            doc: overlay.service.doc.clone().unwrap_or_else(|| {
                format!(
                    "Tencent Cloud {} ({}), API 3.0, version {}.",
                    docs::words(&service_name).join(" "),
                    api.metadata.service_short_name,
                    api.metadata.api_version
                )
            }),
            host: format!("{}.tencentcloudapi.com", api.metadata.service_short_name),
            common_errors,
            types,
        },
        actions,
        notes: cx.notes,
    })
}

struct Cx<'a> {
    api_path: &'a Path,
    errors: Vec<ImportError>,
    notes: Vec<String>,
}

impl Cx<'_> {
    fn err(&mut self, at: Option<String>, message: impl Into<String>) {
        self.errors
            .push(ImportError::new(self.api_path, at, message));
    }

    /// The fields of one object, in the description's order, without disabled members.
    /// `request_id` names the member that is always present (a response's trailing
    /// `RequestId`).
    #[allow(clippy::too_many_arguments)]
    fn fields(
        &mut self,
        at: &str,
        object: &ApiObject,
        direction: Direction,
        io_objects: &BTreeSet<&str>,
        api: &ApiJson,
        overlay_doc: impl Fn(&str) -> Option<String>,
        request_id: Option<&str>,
    ) -> Vec<FieldSpec> {
        let mut out = Vec::new();
        let mut wire_seen = BTreeSet::new();
        let mut rust_seen: BTreeMap<String, String> = BTreeMap::new();
        for member in &object.members {
            if member.disabled == Some(true) {
                continue;
            }
            let here = format!("{at}: member {}", member.name);
            if !names::is_wire_name(&member.name) {
                self.err(
                    Some(here),
                    "not a wire name: ASCII letters and digits, starting with a letter",
                );
                continue;
            }
            if !wire_seen.insert(member.name.clone()) {
                self.err(Some(here), "the member is listed twice");
                continue;
            }
            let Some((ty, min)) = self.type_of(&here, member, io_objects, api) else {
                continue;
            };
            let rust_name = rust_name_of(&member.name);
            let rust = rust_name
                .clone()
                .unwrap_or_else(|| names::field_name(&member.name));
            if let Some(other) = rust_seen.insert(rust.clone(), member.name.clone()) {
                self.err(
                    Some(here),
                    format!(
                        "collides with member {other} as the Rust name `{rust}`: add one of them \
                         to the importer's RUST_NAMES"
                    ),
                );
                continue;
            }
            let always = request_id == Some(member.name.as_str());
            let required = always || required_of(member, direction);
            let doc = overlay_doc(&member.name).unwrap_or_else(|| {
                if always {
                    REQUEST_ID_DOC.to_owned()
                } else {
                    docs::from_name(&member.name)
                }
            });
            out.push(FieldSpec {
                name: member.name.clone(),
                rust_name,
                ty,
                required,
                min,
                doc,
            });
        }
        out
    }

    /// The spec type of a member and its `min` (0 for unsigned integers).
    fn type_of(
        &mut self,
        here: &str,
        member: &ApiMember,
        io_objects: &BTreeSet<&str>,
        api: &ApiJson,
    ) -> Option<(String, Option<i64>)> {
        let scalar = |ty: &str, member: &str| -> Option<(&'static str, Option<i64>)> {
            match (ty, member) {
                ("string", "string" | "datetime_iso") => Some(("string", None)),
                ("int", "int64") => Some(("integer", None)),
                ("int", "uint64") => Some(("integer", Some(0))),
                ("bool", "bool") => Some(("boolean", None)),
                ("float", "float") => Some(("float", None)),
                _ => None,
            }
        };
        let object = |cx: &mut Self, name: &str| -> Option<String> {
            if !api.objects.contains_key(name) {
                cx.err(
                    Some(here.to_owned()),
                    format!("`{name}` is not an object of the description"),
                );
                return None;
            }
            if io_objects.contains(name) {
                cx.err(
                    Some(here.to_owned()),
                    format!("`{name}` is a request or response, not a data structure"),
                );
                return None;
            }
            Some(name.to_owned())
        };
        match member.ty.as_str() {
            "list" => {
                let item = match member.member.as_str() {
                    "string" | "datetime_iso" => Some(("string", None)),
                    "int64" => Some(("integer", None)),
                    "uint64" => Some(("integer", Some(0))),
                    "bool" => Some(("boolean", None)),
                    "float" => Some(("float", None)),
                    _ => None,
                };
                match item {
                    Some((ty, min)) => Some((format!("list<{ty}>"), min)),
                    None => {
                        object(self, &member.member).map(|name| (format!("list<{name}>"), None))
                    }
                }
            }
            "object" => object(self, &member.member).map(|name| (name, None)),
            ty => match scalar(ty, &member.member) {
                Some((ty, min)) => Some((ty.to_owned(), min)),
                None => {
                    self.err(
                        Some(here.to_owned()),
                        format!(
                            "unknown type `{}`/`{}` (known: string/string, string/datetime_iso, \
                             int/int64, int/uint64, bool/bool, float/float, list/…, object/…)",
                            member.ty, member.member
                        ),
                    );
                    None
                }
            },
        }
    }
}

/// `required` of a member, by the way its object travels.
fn required_of(member: &ApiMember, direction: Direction) -> bool {
    let required = member.required.unwrap_or(false);
    let present = member.output_required.unwrap_or(required);
    let non_null = !member.value_allowed_null.unwrap_or(false);
    match direction {
        Direction::In => required,
        Direction::Out => present && non_null,
        Direction::Both => required && present && non_null,
    }
}

/// The `rustName` a member needs: a keyword or a generated method name gets `_value`, a few
/// acronym-laden names get a readable one.
fn rust_name_of(wire: &str) -> Option<String> {
    if let Some((_, rust)) = RUST_NAMES.iter().find(|(w, _)| *w == wire) {
        return Some((*rust).to_owned());
    }
    let snake = names::field_name(wire);
    (names::KEYWORDS.contains(&snake.as_str()) || names::RESERVED_FIELDS.contains(&snake.as_str()))
        .then(|| format!("{snake}_value"))
}

/// The variant the codegen derives from a code.
fn variant_of(code: &str) -> String {
    names::error_variant(code)
}

fn override_of(code: &str) -> Option<String> {
    VARIANT_OVERRIDES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, v)| (*v).to_owned())
}

/// Paging: optional integer `Offset` and `Limit`, an integer `TotalCount` and exactly one list.
fn pages_of(parameters: &[FieldSpec], output: &[FieldSpec]) -> Option<PagesSpec> {
    let optional_integer = |fields: &[FieldSpec], name: &str| {
        fields
            .iter()
            .any(|f| f.name == name && f.ty == "integer" && !f.required)
    };
    if !optional_integer(parameters, "Offset") || !optional_integer(parameters, "Limit") {
        return None;
    }
    if !output
        .iter()
        .any(|f| f.name == "TotalCount" && f.ty == "integer")
    {
        return None;
    }
    let lists: Vec<&FieldSpec> = output
        .iter()
        .filter(|f| f.ty.starts_with("list<"))
        .collect();
    match lists.as_slice() {
        [items] => Some(PagesSpec {
            offset: "Offset".to_owned(),
            limit: "Limit".to_owned(),
            total: "TotalCount".to_owned(),
            items: items.name.clone(),
        }),
        _ => None,
    }
}

/// Data structures no action reaches (through members that are not disabled).
fn note_unreachable_types(cx: &mut Cx<'_>, api: &ApiJson, io_objects: &BTreeSet<&str>) {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut pending: Vec<&str> = io_objects.iter().copied().collect();
    while let Some(name) = pending.pop() {
        let Some(object) = api.objects.get(name) else {
            continue;
        };
        for m in &object.members {
            if m.disabled == Some(true) || !matches!(m.ty.as_str(), "list" | "object") {
                continue;
            }
            if api.objects.contains_key(&m.member) && seen.insert(m.member.as_str()) {
                pending.push(m.member.as_str());
            }
        }
    }
    let unreachable: Vec<&str> = api
        .objects
        .keys()
        .map(String::as_str)
        .filter(|n| !io_objects.contains(n) && !seen.contains(n))
        .collect();
    if !unreachable.is_empty() {
        cx.notes.push(format!(
            "data structures no action reaches (imported all the same): {}",
            unreachable.join(", ")
        ));
    }
}

/// Every error variant is usable and names one code: among the common errors, among the
/// business errors of all actions, and across the two.
fn check_variants(
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

/// Every overlay entry documents something that was imported; an entry for a disabled member
/// is only noted.
fn check_overlay(
    cx: &mut Cx<'_>,
    path: &Path,
    overlay: &Overlay,
    api: &ApiJson,
    actions: &[ActionSpec],
    types: &[TypeSpec],
    common: &[CommonErrorSpec],
) {
    let disabled = |object: &str, member: &str| {
        api.objects.get(object).is_some_and(|o| {
            o.members
                .iter()
                .any(|m| m.name == member && m.disabled == Some(true))
        })
    };
    let mut stale = Vec::new();
    let mut skipped = Vec::new();
    for (name, entry) in &overlay.actions {
        let (Some(action), Some(raw)) = (
            actions.iter().find(|a| &a.name == name),
            api.actions.get(name),
        ) else {
            stale.push(format!("actions.{name}: no such action"));
            continue;
        };
        for (key, fields, list, object) in [
            (
                "parameters",
                &action.parameters,
                &entry.parameters,
                &raw.input,
            ),
            ("output", &action.output, &entry.output, &raw.output),
        ] {
            for field in list.keys() {
                if fields.iter().any(|f| &f.name == field) {
                    continue;
                }
                let at = format!("actions.{name}.{key}.{field}");
                if disabled(object, field) {
                    skipped.push(at);
                } else {
                    stale.push(format!("{at}: no such field"));
                }
            }
        }
    }
    for (name, entry) in &overlay.types {
        let Some(t) = types.iter().find(|t| &t.name == name) else {
            stale.push(format!("types.{name}: no such type"));
            continue;
        };
        for field in entry.fields.keys() {
            if t.fields.iter().any(|f| &f.name == field) {
                continue;
            }
            let at = format!("types.{name}.fields.{field}");
            if disabled(name, field) {
                skipped.push(at);
            } else {
                stale.push(format!("{at}: no such field"));
            }
        }
    }
    for code in overlay.errors.keys() {
        let known = common.iter().any(|e| &e.code == code)
            || actions
                .iter()
                .any(|a| a.errors.iter().any(|e| &e.code == code));
        if !known {
            stale.push(format!(
                "errors.{code}: no action or common error has this code"
            ));
        }
    }
    if !skipped.is_empty() {
        cx.notes.push(format!(
            "{}: docs of disabled members, which are not imported: {}",
            path.display(),
            skipped.join(", ")
        ));
    }
    for message in stale {
        cx.errors.push(ImportError::new(
            path,
            None,
            format!("{message} (the overlay documents something that is not imported)"),
        ));
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
