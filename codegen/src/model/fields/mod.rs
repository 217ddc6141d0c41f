//! Fields and named types: names, types, requiredness, defaults and constraints.
//!
//! This module checks a field list (names, Rust names, types) and resolves type names;
//! `constraints` checks each field's constraints and default, and `types` the named types
//! (structs, enums, required-fields structs) and which way each is used.

mod constraints;
mod types;

pub(super) use types::{check_types, mark_shapes, required_struct, Direction};

use super::check::{Ctx, Scope};
use super::names::{self, KEYWORDS, RESERVED_FIELDS};
use super::{Constraints, Field, TypeRef};
use crate::spec::RawField;
use constraints::{check_constraints, check_default};
use std::collections::{BTreeMap, BTreeSet};

/// Resolves a type name: `string`, `integer`, `list<T>` or a named type in scope.
pub(super) fn resolve_type(
    ctx: &mut Ctx<'_>,
    at: &str,
    text: &str,
    scope: &Scope<'_>,
) -> Option<TypeRef> {
    let text = text.trim();
    if let Some(inner) = text.strip_prefix("json<").and_then(|t| t.strip_suffix('>')) {
        let inner = resolve_type(ctx, at, inner, scope)?;
        if matches!(inner, TypeRef::Json(_)) {
            ctx.err(
                at,
                "a JSON document inside a JSON document is one JSON document: use json<T>",
            );
            return None;
        }
        return Some(TypeRef::Json(Box::new(inner)));
    }
    if let Some(inner) = text.strip_prefix("list<").and_then(|t| t.strip_suffix('>')) {
        let inner = resolve_type(ctx, at, inner, scope)?;
        if matches!(inner, TypeRef::List(_)) && !ctx.protocol.allows_nested_lists() {
            ctx.err(
                at,
                format!(
                    "lists of lists are not part of the {} encoding",
                    ctx.protocol.name()
                ),
            );
            return None;
        }
        return Some(TypeRef::List(Box::new(inner)));
    }
    match text {
        "string" => Some(TypeRef::String),
        "integer" => Some(TypeRef::Integer),
        "boolean" => Some(TypeRef::Boolean),
        "float" => Some(TypeRef::Float),
        "datetime" => Some(TypeRef::DateTime),
        name => match scope.get(name) {
            Some(t) if t.fields.is_some() => Some(TypeRef::Struct(name.to_owned())),
            Some(_) => Some(TypeRef::Enum(name.to_owned())),
            None => {
                let known = scope.names();
                ctx.err(
                    at,
                    format!(
                        "unknown type `{name}`: use string, integer, boolean, float, datetime, list<T>, json<T>, or a type \
                         defined under `types:`{}",
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

/// What kind of field list is checked: action parameters get the protocol's parameter rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FieldsOf {
    Parameters,
    Members,
}

pub(super) fn check_fields(
    ctx: &mut Ctx<'_>,
    at: &str,
    raw: &[RawField],
    of: FieldsOf,
    scope: &Scope<'_>,
) -> Vec<Field> {
    let accessors: BTreeSet<String> = raw
        .iter()
        .filter(|f| f.default.is_some())
        .map(|f| {
            names::default_accessor(
                &f.rust_name
                    .clone()
                    .unwrap_or_else(|| names::field_name(&f.name)),
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
        if !names::is_wire_name(&f.name) {
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
        if of == FieldsOf::Parameters {
            if let Some(message) = ctx.protocol.reserved_parameter(&f.name) {
                ctx.err(&here, message);
                continue;
            }
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
            None => names::field_name(&f.name),
        };
        if !names::is_ident(&rust) {
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
        if accessors.contains(&rust) {
            ctx.err(
                &here,
                format!(
                    "`{rust}` is the name of the generated accessor of a field with a default; \
                     give the field a `rustName`"
                ),
            );
            continue;
        }
        if RESERVED_FIELDS.contains(&rust.as_str()) {
            ctx.err(
                &here,
                format!("`{rust}` is the name of a generated method; give the field a `rustName`"),
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
        if !check_constraints(ctx, &here, f, &ty) {
            continue;
        }
        let default = match &f.default {
            None => None,
            Some(_) if f.required => {
                ctx.err(
                    format!("{here}.default"),
                    "a required field cannot have a default",
                );
                continue;
            }
            Some(value) => {
                match check_default(ctx, &format!("{here}.default"), value, &ty, scope, f) {
                    Some(d) => Some(d),
                    None => continue,
                }
            }
        };
        out.push(Field {
            wire: f.name.clone(),
            rust,
            ty,
            required: f.required,
            default,
            doc: f.doc.trim().to_owned(),
            constraints,
        });
    }
    out
}
