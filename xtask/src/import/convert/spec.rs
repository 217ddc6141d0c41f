//! The spec model an import produces, which [`super::super::render`] writes as YAML.

use super::super::model::OverlayWaiter;

/// The spec protocol of the imported folder.
pub const PROTOCOL: &str = "tencentcloud-v3";

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
    /// A structure's members (empty for an enum).
    pub fields: Vec<FieldSpec>,
    /// An enum's values (empty for a structure).
    pub values: Vec<EnumValueSpec>,
}

/// One value of an `enum: string` type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumValueSpec {
    pub name: String,
    pub value: String,
    pub doc: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpec {
    pub name: String,
    pub rust_name: Option<String>,
    pub ty: String,
    pub required: bool,
    pub min: Option<i64>,
    pub doc: String,
    /// A YAML comment after the field: why `required` is not what the description says.
    pub comment: Option<String>,
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
    /// The overlay's waiters of the action, by name.
    pub waiters: Vec<(String, OverlayWaiter)>,
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
