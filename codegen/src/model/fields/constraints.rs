//! A field's constraints (each fits the field's type and can be met) and its default (of the
//! field's type, and inside its constraints).

use crate::model::check::{Ctx, Scope};
use crate::model::{DefaultValue, TypeRef};
use crate::spec::RawField;

/// Checks that each constraint fits the field's type and can be met.
pub(super) fn check_constraints(ctx: &mut Ctx<'_>, here: &str, f: &RawField, ty: &TypeRef) -> bool {
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
pub(super) fn check_default(
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
