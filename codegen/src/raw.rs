//! The raw model: the spec files exactly as written, read with serde.
//!
//! Nothing here is checked beyond what YAML and serde check (field names, scalar kinds); the
//! checked model in [`crate::model`] is built from these structs.

use serde::Deserialize;
use std::collections::BTreeMap;

/// `service.yaml`: what every action of the service shares.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RawService {
    pub service: String,
    #[serde(default)]
    pub doc: String,
    pub host: String,
    pub path: String,
    #[serde(default)]
    pub common_errors: Vec<RawCommonError>,
    /// Named types shared by several actions.
    #[serde(default)]
    pub types: BTreeMap<String, RawType>,
}

/// One common error code (4000–6200), shared by every action.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCommonError {
    pub code: i64,
    pub variant: String,
    pub doc: String,
}

/// One action file, e.g. `DetachInstance.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAction {
    pub action: String,
    pub doc: String,
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
}

/// A request parameter, a struct member or an output field.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RawField {
    /// The wire name, exactly as sent or received.
    pub name: String,
    /// `string`, `integer`, `list<T>` or the name of a type under `types:`.
    #[serde(rename = "type")]
    pub ty: String,
    /// For parameters and input struct members: whether it must be given.
    #[serde(default)]
    pub required: bool,
    /// For outputs and output struct members: whether it may be absent.
    pub optional: Option<bool>,
    /// For parameters only; a value of the field's type (an enum value's `name`).
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
    /// `integer` or `string`: how the enum's values go on the wire.
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

/// One business error (`codeDesc`) of an action.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RawError {
    pub code_desc: String,
    pub doc: String,
    /// The Rust variant name when the converted `codeDesc` does not work.
    pub variant: Option<String>,
}
