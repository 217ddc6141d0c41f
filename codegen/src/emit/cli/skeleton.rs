//! The request skeleton of `--generate-skeleton`: every parameter with a value that decodes
//! (its default or smallest allowed value), written as pretty JSON.

use super::shape;
use crate::model::{Action, DefaultValue, EnumRepr, Field, Service, ShapeKind, TypeRef};
use std::collections::BTreeSet;

/// A value of the request skeleton.
enum Json {
    Text(String),
    Integer(i64),
    /// A literal written as it is (`false`, `0.0`).
    Bare(&'static str),
    List(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// Pretty JSON, two spaces per level, as `serde_json::to_string_pretty` writes it.
    fn write(&self, out: &mut String, indent: usize) {
        let pad = |n: usize| "  ".repeat(n);
        match self {
            Json::Text(s) => {
                out.push('"');
                for c in s.chars() {
                    match c {
                        '"' => out.push_str("\\\""),
                        '\\' => out.push_str("\\\\"),
                        '\n' => out.push_str("\\n"),
                        c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                        c => out.push(c),
                    }
                }
                out.push('"');
            }
            Json::Integer(n) => out.push_str(&n.to_string()),
            Json::Bare(text) => out.push_str(text),
            Json::List(items) if items.is_empty() => out.push_str("[]"),
            Json::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    out.push_str(&pad(indent + 1));
                    item.write(out, indent + 1);
                }
                out.push('\n');
                out.push_str(&pad(indent));
                out.push(']');
            }
            Json::Object(members) if members.is_empty() => out.push_str("{}"),
            Json::Object(members) => {
                out.push('{');
                for (i, (name, value)) in members.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    out.push_str(&pad(indent + 1));
                    Json::Text(name.clone()).write(out, indent + 1);
                    out.push_str(": ");
                    value.write(out, indent + 1);
                }
                out.push('\n');
                out.push_str(&pad(indent));
                out.push('}');
            }
        }
    }
}

/// The skeleton of a list of fields: every field, with a value that decodes.
fn skeleton_fields(
    fields: &[Field],
    action: &Action,
    service: &Service,
    seen: &mut BTreeSet<String>,
) -> Json {
    Json::Object(
        fields
            .iter()
            .map(|f| {
                (
                    f.wire.clone(),
                    skeleton_value(f, &f.ty, action, service, seen),
                )
            })
            .collect(),
    )
}

/// A value of type `ty` for the skeleton: its default or smallest allowed value, an enum's
/// default or first value, one item for a list, every member for a struct.
fn skeleton_value(
    field: &Field,
    ty: &TypeRef,
    action: &Action,
    service: &Service,
    seen: &mut BTreeSet<String>,
) -> Json {
    match ty {
        TypeRef::String => match &field.default {
            Some(DefaultValue::String(s)) => Json::Text(s.clone()),
            _ => Json::Text(String::new()),
        },
        TypeRef::Integer => match &field.default {
            Some(DefaultValue::Integer(n)) => Json::Integer(*n),
            _ => {
                let c = &field.constraints;
                let smallest = c.min.unwrap_or(0);
                Json::Integer(c.max.map_or(smallest, |max| smallest.min(max)))
            }
        },
        TypeRef::Boolean => Json::Bare("false"),
        TypeRef::DateTime => Json::Text("2019-01-01T00:00:00Z".to_owned()),
        TypeRef::Float => Json::Bare("0.0"),
        TypeRef::List(inner) => {
            Json::List(vec![skeleton_value(field, inner, action, service, seen)])
        }
        // A document is given as itself; the SDK writes it into its string.
        TypeRef::Json(inner) => skeleton_value(field, inner, action, service, seen),
        TypeRef::Enum(name) => {
            let Some(ShapeKind::Enum { repr, values }) =
                shape(name, action, service).map(|s| &s.kind)
            else {
                return Json::Text(String::new());
            };
            let chosen = match &field.default {
                Some(DefaultValue::Variant(v)) => values.iter().find(|e| e.name == *v),
                _ => None,
            }
            .or(values.first());
            let wire = chosen.map(|e| e.wire.clone()).unwrap_or_default();
            match (repr, wire.parse::<i64>()) {
                (EnumRepr::Integer, Ok(n)) => Json::Integer(n),
                _ => Json::Text(wire),
            }
        }
        TypeRef::Struct(name) => {
            let Some(ShapeKind::Struct { fields, .. }) =
                shape(name, action, service).map(|s| &s.kind)
            else {
                return Json::Object(Vec::new());
            };
            // A struct that holds itself ends with an empty object.
            if !seen.insert(name.clone()) {
                return Json::Object(Vec::new());
            }
            let value = skeleton_fields(fields, action, service, seen);
            seen.remove(name);
            value
        }
    }
}

/// The request skeleton of an action, as pretty JSON.
pub(super) fn skeleton(action: &Action, service: &Service) -> String {
    let mut out = String::new();
    skeleton_fields(&action.params, action, service, &mut BTreeSet::new()).write(&mut out, 0);
    out.push('\n');
    out
}
