//! Fields and named types: names, types, requiredness, defaults and constraints.

use super::check::{Ctx, Scope};
use super::names::{self, KEYWORDS, RESERVED_FIELDS, UNKNOWN_VARIANT};
use super::{
    Constraints, DefaultValue, EnumRepr, EnumValue, Field, Shape, ShapeKind, TypeRef,
    MAX_POSITIONAL,
};
use crate::spec::{RawField, RawType};
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
        name => match scope.get(name) {
            Some(t) if t.fields.is_some() => Some(TypeRef::Struct(name.to_owned())),
            Some(_) => Some(TypeRef::Enum(name.to_owned())),
            None => {
                let known = scope.names();
                ctx.err(
                    at,
                    format!(
                        "unknown type `{name}`: use string, integer, boolean, float, list<T>, json<T>, or a type \
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

/// Checks that each constraint fits the field's type and can be met.
fn check_constraints(ctx: &mut Ctx<'_>, here: &str, f: &RawField, ty: &TypeRef) -> bool {
    let constrained = f.min.is_some()
        || f.max.is_some()
        || f.min_items.is_some()
        || f.max_items.is_some()
        || f.min_length.is_some()
        || f.max_length.is_some();
    if matches!(ty, TypeRef::Json(_)) && constrained {
        ctx.err(
            here,
            "a JSON document takes no constraints; its members carry theirs",
        );
        return false;
    }
    let mut ok = true;
    let scalar = match ty {
        TypeRef::List(inner) => inner.as_ref(),
        other => other,
    };
    if (f.min.is_some() || f.max.is_some()) && *scalar != TypeRef::Integer {
        ctx.err(here, "`min` / `max` apply to integers only");
        ok = false;
    }
    if (f.min_length.is_some() || f.max_length.is_some()) && *scalar != TypeRef::String {
        ctx.err(here, "`minLength` / `maxLength` apply to strings only");
        ok = false;
    }
    if (f.min_items.is_some() || f.max_items.is_some()) && !matches!(ty, TypeRef::List(_)) {
        ctx.err(here, "`minItems` / `maxItems` apply to lists only");
        ok = false;
    }
    for (lo, hi, what) in [
        (f.min.map(i128::from), f.max.map(i128::from), "min > max"),
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
                ctx.err(here, format!("{what}: no value can satisfy it"));
                ok = false;
            }
        }
    }
    ok
}

/// A default: of the field's type, and inside its constraints.
fn check_default(
    ctx: &mut Ctx<'_>,
    at: &str,
    value: &serde_yaml::Value,
    ty: &TypeRef,
    scope: &Scope<'_>,
    f: &RawField,
) -> Option<DefaultValue> {
    let default = match (ty, value) {
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
                return None;
            }
        }
        (TypeRef::List(_) | TypeRef::Struct(_) | TypeRef::Json(_), _) => {
            ctx.err(
                at,
                "lists, structs and JSON documents cannot have a default",
            );
            return None;
        }
        (ty, value) => {
            ctx.err(
                at,
                format!(
                    "default {value:?} does not fit the type {ty:?} (for an enum, give a value's \
                     name)"
                ),
            );
            return None;
        }
    };
    let outside = match &default {
        Some(DefaultValue::Integer(v))
            if f.min.is_some_and(|min| *v < min) || f.max.is_some_and(|max| *v > max) =>
        {
            Some(format!("default {v} is outside min/max"))
        }
        Some(DefaultValue::String(v))
            if f.min_length
                .is_some_and(|min| (v.chars().count() as u64) < min)
                || f.max_length
                    .is_some_and(|max| (v.chars().count() as u64) > max) =>
        {
            Some(format!("default {v:?} is outside minLength/maxLength"))
        }
        _ => None,
    };
    if let Some(message) = outside {
        ctx.err(at, message);
        return None;
    }
    default
}

/// Checks the named types of one file (`at` is `types`). `taken` holds the type names that a
/// generated required-fields struct must not take.
pub(super) fn check_types(
    ctx: &mut Ctx<'_>,
    at: &str,
    raw: &BTreeMap<String, RawType>,
    scope: &Scope<'_>,
    taken: &BTreeSet<String>,
) -> Vec<Shape> {
    let mut out = Vec::new();
    for (name, t) in raw {
        let here = format!("{at}.{name}");
        if !names::is_ident(name) || !name.starts_with(|c: char| c.is_ascii_uppercase()) {
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
        if !names::is_type_name(name) {
            ctx.err(
                &here,
                format!("type name `{name}` must be an UpperCamelCase identifier"),
            );
            continue;
        }
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
                let fields = check_fields(
                    ctx,
                    &format!("{here}.struct"),
                    fields,
                    FieldsOf::Members,
                    scope,
                );
                let required_struct = required_struct(ctx, &here, name, &fields, taken);
                ShapeKind::Struct {
                    fields,
                    required_struct,
                }
            }
            (None, Some(repr)) => match check_enum(ctx, &here, repr, t) {
                Some(kind) => kind,
                None => continue,
            },
        };
        out.push(Shape {
            name: name.clone(),
            doc: t.doc.trim().to_owned(),
            kind,
            in_output: false,
            in_input: false,
        });
    }
    out
}

/// The name of the struct of required fields, when more than [`MAX_POSITIONAL`] fields are
/// required; an error when that name is a type of the spec.
pub(super) fn required_struct(
    ctx: &mut Ctx<'_>,
    at: &str,
    owner: &str,
    fields: &[Field],
    taken: &BTreeSet<String>,
) -> Option<String> {
    if fields.iter().filter(|f| f.required).count() <= MAX_POSITIONAL {
        return None;
    }
    let name = names::required_struct(owner);
    if taken.contains(&name) {
        ctx.err(
            at,
            format!(
                "`{name}` is the generated struct of {owner}'s required fields; rename the type \
                 of that name"
            ),
        );
    }
    Some(name)
}

fn check_enum(ctx: &mut Ctx<'_>, here: &str, repr: &str, t: &RawType) -> Option<ShapeKind> {
    let repr = match repr {
        "integer" => EnumRepr::Integer,
        "string" => EnumRepr::String,
        other => {
            ctx.err(
                format!("{here}.enum"),
                format!("unknown enum representation `{other}`: use integer or string"),
            );
            return None;
        }
    };
    if t.values.is_empty() {
        ctx.err(format!("{here}.values"), "an enum needs at least one value");
        return None;
    }
    let mut values = Vec::new();
    let mut names_seen = BTreeSet::new();
    let mut wires = BTreeSet::new();
    for v in &t.values {
        let vat = format!("{here}.values.{}", v.name);
        if !names::is_ident(&v.name) || !v.name.starts_with(|c: char| c.is_ascii_uppercase()) {
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
        if v.name == UNKNOWN_VARIANT {
            ctx.err(
                &vat,
                format!(
                    "`{UNKNOWN_VARIANT}` is the variant of values the spec does not list; give \
                     the value another name"
                ),
            );
            continue;
        }
        let wire = match (repr, &v.value) {
            (EnumRepr::Integer, serde_yaml::Value::Number(n)) if n.as_i64().is_some() => {
                n.as_i64().map(|n| n.to_string()).unwrap_or_default()
            }
            (EnumRepr::String, serde_yaml::Value::String(s)) => s.clone(),
            (_, other) => {
                ctx.err(
                    format!("{vat}.value"),
                    format!("{other:?} does not fit the enum's representation ({repr:?})"),
                );
                continue;
            }
        };
        if !names_seen.insert(v.name.clone()) {
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
    Some(ShapeKind::Enum { repr, values })
}

/// Which way a field list travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    Input,
    Output,
}

/// Marks every shape that `fields` reach, through struct members, as used in `direction`.
pub(super) fn mark_shapes(fields: &[Field], shapes: &mut [&mut Shape], direction: Direction) {
    let mut pending: Vec<String> = fields
        .iter()
        .filter_map(|f| named(&f.ty).map(str::to_owned))
        .collect();
    while let Some(name) = pending.pop() {
        let Some(shape) = shapes.iter_mut().find(|s| s.name == name) else {
            continue;
        };
        let flag = match direction {
            Direction::Input => &mut shape.in_input,
            Direction::Output => &mut shape.in_output,
        };
        if *flag {
            continue;
        }
        *flag = true;
        if let ShapeKind::Struct { fields, .. } = &shape.kind {
            pending.extend(
                fields
                    .iter()
                    .filter_map(|f| named(&f.ty).map(str::to_owned)),
            );
        }
    }
}

fn named(ty: &TypeRef) -> Option<&str> {
    match ty.item() {
        TypeRef::Struct(name) | TypeRef::Enum(name) => Some(name),
        _ => None,
    }
}
