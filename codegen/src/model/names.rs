//! Identifier rules: what a Rust name may be, and the names the generated code takes itself.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust's keywords (strict and reserved, every edition).
pub const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union",
];

/// Methods of generated structs and call builders that a field's setter must not take.
pub const RESERVED_FIELDS: &[&str] = &["new", "validate", "encode", "decode", "send", "request"];

/// Methods of `Client` (hand-written or derived) that an action's method must not take.
pub const RESERVED_METHODS: &[&str] =
    &["new", "config", "execute", "signed_params", "clone", "fmt"];

/// Variant names every generated error enum has.
pub const RESERVED_VARIANTS: &[&str] = &["Common", "Unhandled"];

/// The variant name of an enum's values that the spec does not list.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// Suffixes of the types generated for each action.
pub const ACTION_SUFFIXES: &[&str] = &[
    "Request",
    "Call",
    "Output",
    "Error",
    "Required",
    "OutputRequired",
];

/// Whether `s` is an identifier.
pub fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether `s` is an UpperCamelCase identifier and not a keyword.
pub fn is_type_name(s: &str) -> bool {
    is_ident(s) && s.to_upper_camel_case() == s && !KEYWORDS.contains(&s)
}

/// Whether `s` is a wire name: ASCII letters and digits, starting with a letter.
pub fn is_wire_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric())
}

/// The Rust field name of a wire name: `scalingGroupId` → `scaling_group_id`,
/// `ScalingGroupId` → `scaling_group_id`.
pub fn field_name(wire: &str) -> String {
    wire.to_snake_case()
}

/// The module and method name of an action.
pub fn snake(name: &str) -> String {
    name.to_snake_case()
}

/// The variant of an error identifier: `InvalidParameter.ScalingGroupIdError` →
/// `InvalidParameterScalingGroupIdError`.
pub fn error_variant(key: &str) -> String {
    key.split(|c: char| !c.is_ascii_alphanumeric())
        .map(|part| part.to_upper_camel_case())
        .collect()
}

/// The accessor of a field with a default.
pub fn default_accessor(rust: &str) -> String {
    format!("{rust}_or_default")
}

/// The struct of required fields of a type.
pub fn required_struct(type_name: &str) -> String {
    format!("{type_name}Required")
}
