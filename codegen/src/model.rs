//! The checked model: names resolved, types looked up, and every rule of the spec format
//! enforced. A spec that breaks a rule is rejected with a [`SpecError`] naming the file, the
//! action and the field; nothing is renamed silently.

use crate::raw::{RawAction, RawCommonError, RawError, RawField, RawService, RawType};
use crate::SpecError;
use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The whole service: its settings, shared types and actions (sorted by name).
#[derive(Debug, Clone)]
pub struct Service {
    pub name: String,
    pub doc: String,
    pub host: String,
    pub path: String,
    pub common_errors: Vec<CommonError>,
    pub types: Vec<NamedType>,
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone)]
pub struct CommonError {
    pub code: i64,
    pub variant: String,
    pub doc: String,
}

/// One action.
#[derive(Debug, Clone)]
pub struct Action {
    /// The `Action` parameter, e.g. `DetachInstance`.
    pub name: String,
    /// The module and method name, e.g. `detach_instance`.
    pub snake: String,
    /// The spec file's name (for the generated header).
    pub source: String,
    pub doc: String,
    pub preconditions: Vec<String>,
    pub params: Vec<Field>,
    pub types: Vec<NamedType>,
    pub output: Vec<Field>,
    pub errors: Vec<BusinessError>,
}

/// Where a field or type is used: it decides how it is generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Sent by the client: encoded, validated, decoded by servers.
    Input,
    /// Received by the client: serde.
    Output,
}

#[derive(Debug, Clone)]
pub struct Field {
    /// The wire name.
    pub wire: String,
    /// The Rust field name.
    pub rust: String,
    pub ty: TypeRef,
    /// For inputs: required. For outputs: not optional.
    pub required: bool,
    pub default: Option<DefaultValue>,
    pub doc: String,
    pub constraints: Constraints,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Constraints {
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
    String,
    Integer,
    List(Box<TypeRef>),
    Struct(String),
    Enum(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DefaultValue {
    Integer(i64),
    String(String),
    /// The enum's variant name.
    Variant(String),
}

#[derive(Debug, Clone)]
pub struct NamedType {
    pub name: String,
    pub doc: String,
    pub kind: TypeKind,
    pub role: Role,
}

#[derive(Debug, Clone)]
pub enum TypeKind {
    Struct(Vec<Field>),
    Enum {
        repr: EnumRepr,
        values: Vec<EnumValue>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumRepr {
    Integer,
    String,
}

#[derive(Debug, Clone)]
pub struct EnumValue {
    pub name: String,
    pub wire: String,
    pub doc: String,
}

#[derive(Debug, Clone)]
pub struct BusinessError {
    pub code_desc: String,
    pub variant: String,
    pub doc: String,
}

/// Rust's keywords (strict and reserved, every edition), and names the generated code uses
/// itself on the types a spec names.
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union",
];

/// Method names of generated request types that a field's setter must not take.
const RESERVED_FIELDS: &[&str] = &["new", "validate", "encode", "decode", "send", "request"];

/// Methods of `Client` (hand-written or derived) that an action's method must not take.
const RESERVED_METHODS: &[&str] = &["new", "config", "execute", "signed_params", "clone", "fmt"];

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_wire_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric())
}

/// Collects the errors of one file.
struct Ctx<'a> {
    file: &'a Path,
    action: Option<String>,
    errors: &'a mut Vec<SpecError>,
}

impl Ctx<'_> {
    fn err(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push(SpecError {
            file: self.file.to_path_buf(),
            action: self.action.clone(),
            field: field.into(),
            message: message.into(),
        });
    }
}

/// The types visible to one action: its own and the service's.
struct Scope<'a> {
    local: &'a BTreeMap<String, RawType>,
    shared: &'a BTreeMap<String, RawType>,
}

impl Scope<'_> {
    fn get(&self, name: &str) -> Option<&RawType> {
        self.local.get(name).or_else(|| self.shared.get(name))
    }

    fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .local
            .keys()
            .chain(self.shared.keys())
            .map(String::as_str)
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }
}

fn resolve_type(ctx: &mut Ctx<'_>, at: &str, text: &str, scope: &Scope<'_>) -> Option<TypeRef> {
    let text = text.trim();
    if let Some(inner) = text.strip_prefix("list<").and_then(|t| t.strip_suffix('>')) {
        let inner = resolve_type(ctx, at, inner, scope)?;
        if matches!(inner, TypeRef::List(_)) {
            ctx.err(at, "lists of lists are not part of the API 2.0 encoding");
            return None;
        }
        return Some(TypeRef::List(Box::new(inner)));
    }
    match text {
        "string" => Some(TypeRef::String),
        "integer" => Some(TypeRef::Integer),
        name => match scope.get(name) {
            Some(t) if t.fields.is_some() => Some(TypeRef::Struct(name.to_owned())),
            Some(_) => Some(TypeRef::Enum(name.to_owned())),
            None => {
                let known = scope.names();
                ctx.err(
                    at,
                    format!(
                        "unknown type `{name}`: use string, integer, list<T>, or a type defined \
                         under `types:`{}",
                        if known.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", known.join(", "))
                        }
                    ),
                );
                None
            }
        },
    }
}

fn check_fields(
    ctx: &mut Ctx<'_>,
    at: &str,
    raw: &[RawField],
    role: Role,
    scope: &Scope<'_>,
) -> Vec<Field> {
    if at == "parameters" {
        for f in raw {
            if f.name.starts_with(|c: char| c.is_ascii_uppercase()) {
                ctx.err(
                    format!("parameters.{}", f.name),
                    "action parameters start with a lower-case letter; upper-case names are the \
                     common parameters (Action, Region, Nonce, Token, …) that the client adds",
                );
            }
        }
    }
    let defaulted: BTreeSet<String> = raw
        .iter()
        .filter(|f| f.default.is_some())
        .map(|f| {
            format!(
                "{}_or_default",
                f.rust_name
                    .clone()
                    .unwrap_or_else(|| f.name.to_snake_case())
            )
        })
        .collect();
    let mut out = Vec::new();
    let mut wire_seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut rust_seen: BTreeMap<String, &str> = BTreeMap::new();
    for (i, f) in raw.iter().enumerate() {
        let here = format!(
            "{at}.{}",
            if f.name.is_empty() {
                i.to_string()
            } else {
                f.name.clone()
            }
        );
        if !is_wire_name(&f.name) {
            ctx.err(
                &here,
                format!(
                    "name {:?} is not a wire name: it must start with a letter and hold only \
                     ASCII letters and digits (lists and members are written `.0`, `.member` on \
                     the wire by the encoding itself)",
                    f.name
                ),
            );
            continue;
        }
        if let Some(first) = wire_seen.insert(&f.name, i) {
            ctx.err(
                &here,
                format!("duplicate name `{}` (also entry {first})", f.name),
            );
            continue;
        }
        let rust = match &f.rust_name {
            Some(name) => name.clone(),
            None => f.name.to_snake_case(),
        };
        if !is_ident(&rust) {
            ctx.err(
                format!("{here}.rustName"),
                format!("`{rust}` is not a Rust identifier"),
            );
            continue;
        }
        if KEYWORDS.contains(&rust.as_str()) {
            ctx.err(
                &here,
                format!(
                    "`{rust}` is a Rust keyword; give the field a `rustName` (it is never \
                     renamed silently)"
                ),
            );
            continue;
        }
        if role == Role::Input && defaulted.contains(&rust) {
            ctx.err(
                &here,
                format!(
                    "`{rust}` is the name of the generated accessor of a parameter with a \
                     default; give the field a `rustName`"
                ),
            );
            continue;
        }
        if role == Role::Input && RESERVED_FIELDS.contains(&rust.as_str()) {
            ctx.err(
                &here,
                format!(
                    "`{rust}` is the name of a generated method of request types; give the \
                     field a `rustName`"
                ),
            );
            continue;
        }
        if let Some(other) = rust_seen.insert(rust.clone(), &f.name) {
            ctx.err(
                &here,
                format!(
                    "`{}` and `{other}` collide as the Rust name `{rust}` after case \
                     conversion; give one a `rustName`",
                    f.name
                ),
            );
            continue;
        }
        let Some(ty) = resolve_type(ctx, &format!("{here}.type"), &f.ty, scope) else {
            continue;
        };
        let constraints = Constraints {
            min: f.min,
            max: f.max,
            min_items: f.min_items,
            max_items: f.max_items,
            min_length: f.min_length,
            max_length: f.max_length,
        };
        let mut ok = true;
        match role {
            Role::Input => {
                if f.required && f.default.is_some() {
                    ctx.err(
                        format!("{here}.default"),
                        "a required parameter cannot have a default",
                    );
                    ok = false;
                }
                let scalar = match &ty {
                    TypeRef::List(inner) => inner.as_ref(),
                    other => other,
                };
                if (f.min.is_some() || f.max.is_some()) && *scalar != TypeRef::Integer {
                    ctx.err(&here, "`min` / `max` apply to integers only");
                    ok = false;
                }
                if (f.min_length.is_some() || f.max_length.is_some()) && *scalar != TypeRef::String
                {
                    ctx.err(&here, "`minLength` / `maxLength` apply to strings only");
                    ok = false;
                }
                if (f.min_items.is_some() || f.max_items.is_some())
                    && !matches!(ty, TypeRef::List(_))
                {
                    ctx.err(&here, "`minItems` / `maxItems` apply to lists only");
                    ok = false;
                }
                for (lo, hi, what) in [
                    (
                        f.min.map(|v| v as i128),
                        f.max.map(|v| v as i128),
                        "min > max",
                    ),
                    (
                        f.min_items.map(i128::from),
                        f.max_items.map(i128::from),
                        "minItems > maxItems",
                    ),
                    (
                        f.min_length.map(i128::from),
                        f.max_length.map(i128::from),
                        "minLength > maxLength",
                    ),
                ] {
                    if let (Some(lo), Some(hi)) = (lo, hi) {
                        if lo > hi {
                            ctx.err(&here, format!("{what}: no value can satisfy it"));
                            ok = false;
                        }
                    }
                }
                if f.optional.is_some() {
                    ctx.err(
                        format!("{here}.optional"),
                        "`optional` is for outputs; parameters use `required`",
                    );
                    ok = false;
                }
            }
            Role::Output => {
                let scalar = match &ty {
                    TypeRef::List(inner) => inner.as_ref(),
                    other => other,
                };
                if let TypeRef::Enum(name) = scalar {
                    ctx.err(
                        format!("{here}.type"),
                        format!(
                            "enum `{name}` in an output: outputs take string or integer for \
                             enumerated values, so a value the spec does not list still decodes"
                        ),
                    );
                    ok = false;
                }
                if f.default.is_some() || !constraints.is_empty() || f.required {
                    ctx.err(
                        &here,
                        "outputs take no `default`, constraints or `required`: an output field \
                         is required unless it says `optional: true`",
                    );
                    ok = false;
                }
            }
        }
        let default = match (&f.default, ok) {
            (Some(value), true) => {
                let d = check_default(ctx, &format!("{here}.default"), value, &ty, scope);
                let broken = match &d {
                    None => Some(None),
                    Some(DefaultValue::Integer(v))
                        if f.min.is_some_and(|min| *v < min)
                            || f.max.is_some_and(|max| *v > max) =>
                    {
                        Some(Some(format!("default {v} is outside min/max")))
                    }
                    Some(DefaultValue::String(v))
                        if f.min_length
                            .is_some_and(|min| (v.chars().count() as u64) < min)
                            || f.max_length
                                .is_some_and(|max| (v.chars().count() as u64) > max) =>
                    {
                        Some(Some(format!(
                            "default {v:?} is outside minLength/maxLength"
                        )))
                    }
                    _ => None,
                };
                if let Some(message) = broken {
                    if let Some(message) = message {
                        ctx.err(format!("{here}.default"), message);
                    }
                    ok = false;
                }
                d
            }
            _ => None,
        };
        if !ok {
            continue;
        }
        let required = match role {
            Role::Input => f.required,
            Role::Output => !f.optional.unwrap_or(false),
        };
        out.push(Field {
            wire: f.name.clone(),
            rust,
            ty,
            required,
            default,
            doc: f.doc.trim().to_owned(),
            constraints,
        });
    }
    out
}

fn check_default(
    ctx: &mut Ctx<'_>,
    at: &str,
    value: &serde_yaml::Value,
    ty: &TypeRef,
    scope: &Scope<'_>,
) -> Option<DefaultValue> {
    match (ty, value) {
        (TypeRef::Integer, serde_yaml::Value::Number(n)) if n.as_i64().is_some() => {
            n.as_i64().map(DefaultValue::Integer)
        }
        (TypeRef::String, serde_yaml::Value::String(s)) => Some(DefaultValue::String(s.clone())),
        (TypeRef::Enum(name), serde_yaml::Value::String(s)) => {
            let names: Vec<&str> = scope
                .get(name)
                .map(|t| t.values.iter().map(|v| v.name.as_str()).collect())
                .unwrap_or_default();
            if names.contains(&s.as_str()) {
                Some(DefaultValue::Variant(s.clone()))
            } else {
                ctx.err(
                    at,
                    format!("`{s}` is not a value of `{name}` ({})", names.join(", ")),
                );
                None
            }
        }
        (TypeRef::List(_) | TypeRef::Struct(_), _) => {
            ctx.err(at, "lists and structs cannot have a default");
            None
        }
        (ty, value) => {
            ctx.err(
                at,
                format!("default {value:?} does not fit the type {ty:?} (for an enum, give a value's name)"),
            );
            None
        }
    }
}

fn check_types(
    ctx: &mut Ctx<'_>,
    at: &str,
    raw: &BTreeMap<String, RawType>,
    scope: &Scope<'_>,
    roles: &BTreeMap<String, Role>,
) -> Vec<NamedType> {
    let mut out = Vec::new();
    for (name, t) in raw {
        let here = format!("{at}.{name}");
        if !is_ident(name) || name.to_upper_camel_case() != *name {
            ctx.err(
                &here,
                format!("type name `{name}` must be an UpperCamelCase identifier"),
            );
            continue;
        }
        if KEYWORDS.contains(&name.as_str()) {
            ctx.err(&here, format!("type name `{name}` is a Rust keyword"));
            continue;
        }
        let Some(&role) = roles.get(name) else {
            // Unused types are skipped: generated code holds only what an action uses.
            continue;
        };
        let kind = match (&t.fields, &t.enum_repr) {
            (Some(_), Some(_)) => {
                ctx.err(&here, "a type is either `struct:` or `enum:`, not both");
                continue;
            }
            (None, None) => {
                ctx.err(
                    &here,
                    "a type needs `struct:` (its fields) or `enum:` (integer or string)",
                );
                continue;
            }
            (Some(fields), None) => {
                if !t.values.is_empty() {
                    ctx.err(format!("{here}.values"), "`values` belong to enums");
                    continue;
                }
                TypeKind::Struct(check_fields(
                    ctx,
                    &format!("{here}.struct"),
                    fields,
                    role,
                    scope,
                ))
            }
            (None, Some(repr)) => {
                let repr = match repr.as_str() {
                    "integer" => EnumRepr::Integer,
                    "string" => EnumRepr::String,
                    other => {
                        ctx.err(
                            format!("{here}.enum"),
                            format!("unknown enum representation `{other}`: use integer or string"),
                        );
                        continue;
                    }
                };
                if t.values.is_empty() {
                    ctx.err(format!("{here}.values"), "an enum needs at least one value");
                    continue;
                }
                let mut values = Vec::new();
                let mut names = BTreeSet::new();
                let mut wires = BTreeSet::new();
                for v in &t.values {
                    let vat = format!("{here}.values.{}", v.name);
                    if !is_ident(&v.name) || v.name.to_upper_camel_case() != v.name {
                        ctx.err(
                            &vat,
                            format!(
                                "value name `{}` must be an UpperCamelCase identifier",
                                v.name
                            ),
                        );
                        continue;
                    }
                    if KEYWORDS.contains(&v.name.as_str()) {
                        ctx.err(&vat, format!("value name `{}` is a Rust keyword", v.name));
                        continue;
                    }
                    let wire = match (repr, &v.value) {
                        (EnumRepr::Integer, serde_yaml::Value::Number(n))
                            if n.as_i64().is_some() =>
                        {
                            n.as_i64().map(|n| n.to_string()).unwrap_or_default()
                        }
                        (EnumRepr::String, serde_yaml::Value::String(s)) => s.clone(),
                        (_, other) => {
                            ctx.err(
                                format!("{vat}.value"),
                                format!(
                                    "{other:?} does not fit the enum's representation ({repr:?})"
                                ),
                            );
                            continue;
                        }
                    };
                    if !names.insert(v.name.clone()) {
                        ctx.err(&vat, format!("duplicate value name `{}`", v.name));
                        continue;
                    }
                    if !wires.insert(wire.clone()) {
                        ctx.err(&vat, format!("duplicate wire value `{wire}`"));
                        continue;
                    }
                    values.push(EnumValue {
                        name: v.name.clone(),
                        wire,
                        doc: v.doc.trim().to_owned(),
                    });
                }
                TypeKind::Enum { repr, values }
            }
        };
        out.push(NamedType {
            name: name.clone(),
            doc: t.doc.trim().to_owned(),
            kind,
            role,
        });
    }
    out
}

/// Walks the fields of `fields` and the types they reach, recording each named type's role.
/// A type reached both as input and as output is an error.
fn mark_roles(
    ctx: &mut Ctx<'_>,
    at: &str,
    fields: &[RawField],
    role: Role,
    scope: &Scope<'_>,
    roles: &mut BTreeMap<String, Role>,
) {
    for f in fields {
        let mut name = f.ty.trim();
        while let Some(inner) = name.strip_prefix("list<").and_then(|t| t.strip_suffix('>')) {
            name = inner.trim();
        }
        let Some(t) = scope.get(name) else { continue };
        match roles.get(name) {
            Some(&seen) if seen == role => continue,
            Some(_) => {
                ctx.err(
                    format!("{at}.{}.type", f.name),
                    format!(
                        "type `{name}` is used by both parameters and outputs; define one type \
                         for each"
                    ),
                );
                continue;
            }
            None => {}
        }
        roles.insert(name.to_owned(), role);
        if let Some(members) = &t.fields {
            mark_roles(
                ctx,
                &format!("types.{name}.struct"),
                members,
                role,
                scope,
                roles,
            );
        }
    }
}

fn check_errors(ctx: &mut Ctx<'_>, raw: &[RawError], common: &[CommonError]) -> Vec<BusinessError> {
    let mut out = Vec::new();
    let mut variants: BTreeMap<String, String> = common
        .iter()
        .map(|c| (c.variant.clone(), format!("common error {}", c.code)))
        .collect();
    variants.insert("Unhandled".to_owned(), "the catch-all variant".to_owned());
    let mut descs = BTreeSet::new();
    for e in raw {
        let here = format!("errors.{}", e.code_desc);
        if e.code_desc.trim().is_empty() {
            ctx.err("errors", "an error needs a `codeDesc`");
            continue;
        }
        if !descs.insert(e.code_desc.clone()) {
            ctx.err(&here, format!("duplicate codeDesc `{}`", e.code_desc));
            continue;
        }
        let variant = match &e.variant {
            Some(v) => v.clone(),
            None => e
                .code_desc
                .split(|c: char| !c.is_ascii_alphanumeric())
                .map(|part| part.to_upper_camel_case())
                .collect(),
        };
        if !is_ident(&variant)
            || variant.to_upper_camel_case() != variant
            || KEYWORDS.contains(&variant.as_str())
        {
            ctx.err(
                &here,
                format!(
                    "`{variant}` is not a usable UpperCamelCase variant name; give the error a \
                     `variant`"
                ),
            );
            continue;
        }
        if let Some(other) = variants.insert(variant.clone(), format!("codeDesc `{}`", e.code_desc))
        {
            ctx.err(
                &here,
                format!("its variant name `{variant}` collides with {other}; give it a `variant`"),
            );
            continue;
        }
        out.push(BusinessError {
            code_desc: e.code_desc.clone(),
            variant,
            doc: e.doc.trim().to_owned(),
        });
    }
    out
}

fn check_common_errors(ctx: &mut Ctx<'_>, raw: &[RawCommonError]) -> Vec<CommonError> {
    let mut out = Vec::new();
    let mut codes = BTreeSet::new();
    let mut variants = BTreeSet::new();
    for e in raw {
        let here = format!("commonErrors.{}", e.code);
        if e.code == 0 {
            ctx.err(&here, "code 0 means success; it is not an error");
            continue;
        }
        if !codes.insert(e.code) {
            ctx.err(&here, format!("duplicate code {}", e.code));
            continue;
        }
        if !is_ident(&e.variant)
            || e.variant.to_upper_camel_case() != e.variant
            || KEYWORDS.contains(&e.variant.as_str())
            || e.variant == "Unhandled"
        {
            ctx.err(
                format!("{here}.variant"),
                format!(
                    "`{}` is not a usable UpperCamelCase variant name",
                    e.variant
                ),
            );
            continue;
        }
        if !variants.insert(e.variant.clone()) {
            ctx.err(
                format!("{here}.variant"),
                format!("duplicate variant `{}`", e.variant),
            );
            continue;
        }
        out.push(CommonError {
            code: e.code,
            variant: e.variant.clone(),
            doc: e.doc.trim().to_owned(),
        });
    }
    out
}

/// Checks a parsed service and its actions. `files` are the action files' paths, in the same
/// order as `actions`.
pub(crate) fn check(
    service_file: &Path,
    service: &RawService,
    actions: &[(PathBuf, RawAction)],
    errors: &mut Vec<SpecError>,
) -> Service {
    let empty = BTreeMap::new();
    let mut ctx = Ctx {
        file: service_file,
        action: None,
        errors,
    };
    if service.host.trim().is_empty() || service.host.contains(['/', ' ']) {
        ctx.err("host", format!("{:?} is not a host name", service.host));
    }
    if !service.path.starts_with('/') {
        ctx.err("path", format!("{:?} must start with /", service.path));
    }
    if !is_ident(&service.service) || service.service.to_upper_camel_case() != service.service {
        ctx.err(
            "service",
            "the service name must be an UpperCamelCase identifier",
        );
    }
    let common_errors = check_common_errors(&mut ctx, &service.common_errors);

    let mut checked = Vec::new();
    let mut shared_roles: BTreeMap<String, Role> = BTreeMap::new();
    let mut snakes: BTreeMap<String, String> = BTreeMap::new();
    for (file, raw) in actions {
        let mut ctx = Ctx {
            file,
            action: Some(raw.action.clone()),
            errors: &mut *ctx.errors,
        };
        let stem = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if stem != raw.action {
            ctx.err(
                "action",
                format!(
                    "the file of action `{}` must be named `{}.yaml`",
                    raw.action, raw.action
                ),
            );
        }
        if !is_ident(&raw.action) || raw.action.to_upper_camel_case() != raw.action {
            ctx.err(
                "action",
                format!("`{}` is not an UpperCamelCase action name", raw.action),
            );
            continue;
        }
        let snake = raw.action.to_snake_case();
        if RESERVED_METHODS.contains(&snake.as_str()) || KEYWORDS.contains(&snake.as_str()) {
            ctx.err(
                "action",
                format!("`{snake}` is taken by a method of `Client` or by Rust; rename the action"),
            );
            continue;
        }
        if let Some(other) = snakes.insert(snake.clone(), raw.action.clone()) {
            ctx.err(
                "action",
                format!(
                    "actions `{}` and `{other}` collide as `{snake}`",
                    raw.action
                ),
            );
            continue;
        }
        if raw.doc.trim().is_empty() {
            ctx.err("doc", "every action needs a `doc`");
        }
        for name in raw.types.keys() {
            if service.types.contains_key(name) {
                ctx.err(
                    format!("types.{name}"),
                    "this name is also a type of service.yaml; rename one of them",
                );
            }
            for suffix in ["Request", "Call", "Output", "Error"] {
                if *name == format!("{}{suffix}", raw.action) {
                    ctx.err(
                        format!("types.{name}"),
                        "this name is taken by a generated type of the action",
                    );
                }
            }
        }
        let scope = Scope {
            local: &raw.types,
            shared: &service.types,
        };
        let mut roles = BTreeMap::new();
        mark_roles(
            &mut ctx,
            "parameters",
            &raw.parameters,
            Role::Input,
            &scope,
            &mut roles,
        );
        mark_roles(
            &mut ctx,
            "output",
            &raw.output,
            Role::Output,
            &scope,
            &mut roles,
        );
        let params = check_fields(&mut ctx, "parameters", &raw.parameters, Role::Input, &scope);
        let output = check_fields(&mut ctx, "output", &raw.output, Role::Output, &scope);
        let local_roles: BTreeMap<String, Role> = roles
            .iter()
            .filter(|(k, _)| raw.types.contains_key(*k))
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        for (name, role) in roles.iter().filter(|(k, _)| !raw.types.contains_key(*k)) {
            match shared_roles.get(name) {
                Some(seen) if seen != role => ctx.err(
                    format!("types.{name}"),
                    format!("shared type `{name}` is used as parameter and as output by different actions"),
                ),
                _ => {
                    shared_roles.insert(name.clone(), *role);
                }
            }
        }
        let types = check_types(&mut ctx, "types", &raw.types, &scope, &local_roles);
        let errors = check_errors(&mut ctx, &raw.errors, &common_errors);
        checked.push(Action {
            name: raw.action.clone(),
            snake,
            source: file
                .file_name()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_owned(),
            doc: raw.doc.trim().to_owned(),
            preconditions: raw
                .preconditions
                .iter()
                .map(|p| p.trim().to_owned())
                .collect(),
            params,
            types,
            output,
            errors,
        });
    }
    let mut ctx = Ctx {
        file: service_file,
        action: None,
        errors: &mut *ctx.errors,
    };
    let shared_scope = Scope {
        local: &service.types,
        shared: &empty,
    };
    let types = check_types(
        &mut ctx,
        "types",
        &service.types,
        &shared_scope,
        &shared_roles,
    );
    checked.sort_by(|a, b| a.name.cmp(&b.name));
    Service {
        name: service.service.clone(),
        doc: service.doc.trim().to_owned(),
        host: service.host.clone(),
        path: service.path.clone(),
        common_errors,
        types,
        actions: checked,
    }
}
