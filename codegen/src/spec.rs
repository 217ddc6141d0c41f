//! The spec files exactly as written, read with serde.
//!
//! Nothing here is checked beyond what YAML and serde check (field names, scalar kinds); the
//! checked model in [`crate::model`] is built from these structs. The format is described in
//! `api-specs/README.md`.

use serde::Deserialize;
use std::collections::BTreeMap;

/// `service.yaml`: what every action of the service shares.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RawService {
    pub service: String,
    /// The wire protocol, e.g. `qcloud-v2`.
    pub protocol: String,
    #[serde(default)]
    pub doc: String,
    pub host: String,
    pub path: String,
    /// The API version the service is called with, where the protocol sends one
    /// (`2018-04-19`).
    pub api_version: Option<String>,
    /// The service's name in signatures, where the protocol signs with one (`as`).
    pub signing_name: Option<String>,
    /// Errors every action can answer with.
    #[serde(default)]
    pub common_errors: Vec<RawCommonError>,
    /// Named types (shapes) shared by several actions, in either direction.
    #[serde(default)]
    pub types: BTreeMap<String, RawType>,
}

/// One common error, shared by every action.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RawCommonError {
    /// The code that identifies it: an integer (`4000`) or a string, as the protocol has them.
    pub code: serde_yaml::Value,
    /// The `codeDesc` a server answers it with, where the protocol has one.
    pub code_desc: Option<String>,
    pub variant: String,
    pub doc: String,
}

/// One action file, e.g. `DetachInstance.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RawAction {
    /// The action's name on the wire.
    pub action: String,
    /// The UpperCamelCase name the Rust items are named after, when the wire name does not
    /// work (`DescribeLIfeCycleHook` → `DescribeLifeCycleHook`).
    pub rust_name: Option<String>,
    pub doc: String,
    /// The address of the action's official reference page.
    pub reference: Option<String>,
    /// Whether the service has retired the action (it still answers).
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub preconditions: Vec<String>,
    #[serde(default)]
    pub parameters: Vec<RawField>,
    #[serde(default)]
    pub types: BTreeMap<String, RawType>,
    #[serde(default)]
    pub output: Vec<RawField>,
    #[serde(default)]
    pub errors: Vec<RawError>,
    /// How the action pages through a list, when it does.
    pub pages: Option<RawPages>,
    /// Whether sending it twice does no harm (it only reads), so a transport failure may be
    /// retried.
    #[serde(default)]
    pub idempotent: bool,
    /// Conditions on the action's answer that a client can wait for, by name.
    #[serde(default)]
    pub waiters: BTreeMap<String, RawWaiter>,
}

/// A waiter: a condition on an action's answer, polled until it holds, fails, or a maximum
/// wait passes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RawWaiter {
    #[serde(default)]
    pub doc: String,
    /// Output wire names joined by `.`; a list is looked into item by item.
    pub path: String,
    /// The values at `path` that mean the condition holds.
    pub success: RawMatcher,
    /// The values at `path` that mean it never will.
    pub failure: Option<RawMatcher>,
    /// Seconds: the first (shortest) delay between polls.
    pub min_delay: Option<u64>,
    /// Seconds: the longest delay between polls.
    pub max_delay: Option<u64>,
    /// Seconds: the longest wait in all.
    pub max_wait: Option<u64>,
}

/// `{all: [values]}` (every value found is one of them, and there is one) or `{any: [values]}`
/// (one of the values found is one of them).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMatcher {
    pub all: Option<Vec<serde_yaml::Value>>,
    pub any: Option<Vec<serde_yaml::Value>>,
}

/// The fields an action pages with: request `offset` and `limit`, output `total` and `items`
/// (wire names).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPages {
    pub offset: String,
    pub limit: String,
    pub total: String,
    pub items: String,
}

/// A request parameter, a struct member or an output field.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RawField {
    /// The wire name, exactly as sent or received.
    pub name: String,
    /// `string`, `integer`, `boolean`, `float`, `list<T>`, `json<T>` (a `T` sent as a JSON
    /// document in one string) or the name of a type under `types:`.
    #[serde(rename = "type")]
    pub ty: String,
    /// Whether it is always there: a parameter the request must carry, an output field every
    /// answer has.
    #[serde(default)]
    pub required: bool,
    /// The value the service assumes when it is absent; a value of the field's type (an enum
    /// value's `name`).
    pub default: Option<serde_yaml::Value>,
    #[serde(default)]
    pub doc: String,
    /// The Rust name to use when the converted wire name does not work (a keyword, say).
    pub rust_name: Option<String>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
}

/// A named type: either `struct:` with fields or `enum:` with values.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawType {
    #[serde(default)]
    pub doc: String,
    #[serde(rename = "struct")]
    pub fields: Option<Vec<RawField>>,
    /// `integer` or `string`: how the enum's values travel.
    #[serde(rename = "enum")]
    pub enum_repr: Option<String>,
    #[serde(default)]
    pub values: Vec<RawEnumValue>,
}

/// One value of an enum.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnumValue {
    /// The Rust variant name.
    pub name: String,
    /// The wire value: an integer or a string, per the enum's representation.
    pub value: serde_yaml::Value,
    #[serde(default)]
    pub doc: String,
}

/// One business error of an action.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RawError {
    /// The error's code: the common code it is answered with (`4000`) where the protocol pairs
    /// codes with a `codeDesc`, or its own string code.
    pub code: Option<serde_yaml::Value>,
    /// The business code that identifies it, where the protocol has one
    /// (`InvalidParameter.ScalingGroupIdError`).
    pub code_desc: Option<String>,
    pub doc: String,
    /// The Rust variant name when the converted identifier does not work.
    pub variant: Option<String>,
}
