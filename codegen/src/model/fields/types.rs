//! Named types: structs and enums (names, representation, values), the generated struct of
//! required fields, and which shapes inputs and outputs reach.

use super::{check_fields, FieldsOf};
use crate::model::check::{Ctx, Scope};
use crate::model::names::{self, KEYWORDS, UNKNOWN_VARIANT};
use crate::model::{EnumRepr, EnumValue, Field, Shape, ShapeKind, TypeRef, MAX_POSITIONAL};
use crate::spec::RawType;
use std::collections::{BTreeMap, BTreeSet};

/// Checks the named types of one file (`at` is `types`). `taken` holds the type names that a
/// generated required-fields struct must not take.
pub(in crate::model) fn check_types(
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
pub(in crate::model) fn required_struct(
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
pub(in crate::model) enum Direction {
    Input,
    Output,
}

/// Marks every shape that `fields` reach, through struct members, as used in `direction`.
pub(in crate::model) fn mark_shapes(
    fields: &[Field],
    shapes: &mut [&mut Shape],
    direction: Direction,
) {
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
