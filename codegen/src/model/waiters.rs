//! Waiters (`waiters:` in an action file): each names a path into the action's answer and the
//! values there that mean success (and, optionally, failure). Checked once every shape is: the
//! path must lead through the output's fields (looking into lists and JSON documents) to an
//! integer, a string or an enum, and every value must be one of that type (an enum's value by
//! its variant name or by its wire value). Every protocol has waiters: the generated code polls
//! through the runtime's `Execute` trait, which both clients implement.

use super::check::Ctx;
use super::names::{self, ACTION_SUFFIXES};
use super::{
    Action, DefaultValue, EnumValue, Field, Matcher, PathStep, Shape, ShapeKind, TypeRef, Waiter,
};
use crate::spec::{RawAction, RawMatcher, RawWaiter};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The first delay between polls unless the spec gives one, in seconds.
pub const DEFAULT_MIN_DELAY: u64 = 2;
/// The longest delay between polls unless the spec gives one, in seconds.
pub const DEFAULT_MAX_DELAY: u64 = 30;
/// The longest wait unless the spec gives one, in seconds.
pub const DEFAULT_MAX_WAIT: u64 = 600;

/// The method a waiter gets on `Client`.
pub fn method_name(waiter: &str) -> String {
    format!("wait_until_{}", names::snake(waiter))
}

/// Checks the waiters of every action (given with the files they came from) and stores them
/// in the checked actions. `shared` are the service's checked shapes; `all_types` every type
/// name of the spec.
pub(super) fn check_waiters(
    ctx: &mut Ctx<'_>,
    checked: &mut [Action],
    raw: &[(PathBuf, RawAction)],
    shared: &[Shape],
    all_types: &BTreeSet<String>,
) {
    // Method name -> (action, waiter) that has it; action methods are taken too.
    let mut methods: BTreeMap<String, String> = checked
        .iter()
        .map(|a| {
            (
                a.snake.clone(),
                format!("the method of action `{}`", a.name),
            )
        })
        .collect();
    for action in checked.iter_mut() {
        let Some((file, raw_action)) = raw.iter().find(|(_, r)| r.action == action.name) else {
            continue;
        };
        let mut ctx = Ctx {
            file: file.as_path(),
            action: Some(action.name.clone()),
            protocol: ctx.protocol,
            errors: &mut *ctx.errors,
        };
        for (name, raw_waiter) in &raw_action.waiters {
            let at = format!("waiters.{name}");
            if !names::is_type_name(name) {
                ctx.err(
                    &at,
                    format!("`{name}` is not an UpperCamelCase name for the waiter's type"),
                );
                continue;
            }
            let generated = ACTION_SUFFIXES
                .iter()
                .any(|suffix| *name == format!("{}{suffix}", action.rust));
            if all_types.contains(name) || generated {
                ctx.err(
                    &at,
                    format!("`{name}` is taken by a type of the spec or of the action; rename the waiter"),
                );
                continue;
            }
            let method = method_name(name);
            if let Some(other) = methods.get(&method) {
                ctx.err(
                    &at,
                    format!("its method `{method}` is already {other}; rename the waiter"),
                );
                continue;
            }
            methods.insert(
                method.clone(),
                format!("the method of waiter `{name}` of action `{}`", action.name),
            );
            if let Some(waiter) =
                check_waiter(&mut ctx, &at, name, method, raw_waiter, action, shared)
            {
                action.waiters.push(waiter);
            }
        }
    }
}

/// The shape named `name`: the action's own or the service's.
fn shape<'a>(name: &str, action: &'a Action, shared: &'a [Shape]) -> Option<&'a Shape> {
    action.types.iter().chain(shared).find(|s| s.name == name)
}

fn check_waiter(
    ctx: &mut Ctx<'_>,
    at: &str,
    name: &str,
    method: String,
    raw: &RawWaiter,
    action: &Action,
    shared: &[Shape],
) -> Option<Waiter> {
    if raw.doc.trim().is_empty() {
        ctx.err(at.to_owned(), "every waiter needs a `doc`");
    }
    let resolved = resolve_path(ctx, &format!("{at}.path"), &raw.path, action, shared);
    let min_delay = raw.min_delay.unwrap_or(DEFAULT_MIN_DELAY);
    let max_delay = raw.max_delay.unwrap_or(DEFAULT_MAX_DELAY);
    let max_wait = raw.max_wait.unwrap_or(DEFAULT_MAX_WAIT);
    let mut delays_ok = true;
    if min_delay == 0 {
        ctx.err(format!("{at}.minDelay"), "must be at least 1 second");
        delays_ok = false;
    } else if min_delay > max_delay {
        ctx.err(
            format!("{at}.minDelay"),
            format!("{min_delay} is above maxDelay {max_delay}"),
        );
        delays_ok = false;
    } else if max_delay > max_wait {
        ctx.err(
            format!("{at}.maxDelay"),
            format!("{max_delay} is above maxWait {max_wait}"),
        );
        delays_ok = false;
    }
    let (path, value) = resolved?;
    let success = check_matcher(
        ctx,
        &format!("{at}.success"),
        &raw.success,
        &value,
        action,
        shared,
    );
    let failure = raw
        .failure
        .as_ref()
        .map(|f| check_matcher(ctx, &format!("{at}.failure"), f, &value, action, shared));
    let (success, failure) = match (success, failure) {
        (Some(s), None) => (s, None),
        (Some(s), Some(Some(f))) => (s, Some(f)),
        _ => return None,
    };
    if let Some(failure) = &failure {
        if let Some(both) = failure.values.iter().find(|v| success.values.contains(v)) {
            ctx.err(
                format!("{at}.failure"),
                format!("{} is listed for success too", show(both)),
            );
            return None;
        }
    }
    delays_ok.then(|| Waiter {
        name: name.to_owned(),
        method,
        doc: raw.doc.trim().to_owned(),
        path_text: raw.path.clone(),
        path,
        value,
        success,
        failure,
        min_delay,
        max_delay,
        max_wait,
    })
}

/// A YAML scalar as written (a number).
fn show_yaml(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        other => format!("{other:?}"),
    }
}

fn show(value: &DefaultValue) -> String {
    match value {
        DefaultValue::Integer(n) => n.to_string(),
        DefaultValue::String(s) | DefaultValue::Variant(s) => format!("`{s}`"),
    }
}

/// The fields a path leads through and the type of the values it ends at.
fn resolve_path(
    ctx: &mut Ctx<'_>,
    at: &str,
    path: &str,
    action: &Action,
    shared: &[Shape],
) -> Option<(Vec<PathStep>, TypeRef)> {
    if path.trim().is_empty() {
        ctx.err(
            at,
            "the path is empty: name an output field (`a.b` to look into a struct)",
        );
        return None;
    }
    let mut fields: &[Field] = &action.output;
    let mut within = "the output".to_owned();
    let mut steps = Vec::new();
    let mut segments = path.split('.').peekable();
    while let Some(segment) = segments.next() {
        let Some(field) = fields.iter().find(|f| f.wire == segment) else {
            let known: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
            ctx.err(
                at,
                format!(
                    "`{segment}` is not a field of {within} (it has {})",
                    if known.is_empty() {
                        "none".to_owned()
                    } else {
                        known.join(", ")
                    }
                ),
            );
            return None;
        };
        let list = matches!(field.ty, TypeRef::List(_));
        steps.push(PathStep {
            rust: field.rust.clone(),
            required: field.required,
            list,
        });
        let item = field.ty.item().clone();
        match (&item, segments.peek()) {
            (TypeRef::Struct(name), Some(_)) => {
                let Some(Shape {
                    kind: ShapeKind::Struct { fields: inner, .. },
                    ..
                }) = shape(name, action, shared)
                else {
                    ctx.err(at, format!("the type `{name}` of `{segment}` is unknown"));
                    return None;
                };
                fields = inner;
                within = format!("`{name}`");
            }
            (TypeRef::Struct(name), None) => {
                ctx.err(
                    at,
                    format!(
                        "the path ends at `{segment}`, a `{name}`: it must end at an integer, a \
                         string or an enum (name one of its fields)"
                    ),
                );
                return None;
            }
            (_, Some(next)) => {
                ctx.err(
                    at,
                    format!("`{segment}` is not a struct: `{next}` cannot be looked up in it"),
                );
                return None;
            }
            (_, None) => return Some((steps, item)),
        }
    }
    None
}

/// The values of a matcher, each of the path's type.
fn check_matcher(
    ctx: &mut Ctx<'_>,
    at: &str,
    raw: &RawMatcher,
    ty: &TypeRef,
    action: &Action,
    shared: &[Shape],
) -> Option<Matcher> {
    let (all, raw_values) = match (&raw.all, &raw.any) {
        (Some(values), None) => (true, values),
        (None, Some(values)) => (false, values),
        _ => {
            ctx.err(
                at,
                "give exactly one of `all: [values]` and `any: [values]`",
            );
            return None;
        }
    };
    if raw_values.is_empty() {
        ctx.err(at, "the list of values is empty");
        return None;
    }
    let mut values = Vec::new();
    let mut shown = Vec::new();
    for value in raw_values {
        let checked = match (ty, value) {
            (TypeRef::Integer, serde_yaml::Value::Number(n)) => {
                n.as_i64().map(DefaultValue::Integer)
            }
            (TypeRef::String, serde_yaml::Value::String(s)) => {
                Some(DefaultValue::String(s.clone()))
            }
            (TypeRef::Enum(name), serde_yaml::Value::String(s)) => {
                let values: &[EnumValue] = match shape(name, action, shared) {
                    Some(Shape {
                        kind: ShapeKind::Enum { values, .. },
                        ..
                    }) => values,
                    _ => &[],
                };
                // A variant's name, else a wire value (API 3.0's specs speak in wire values,
                // `SUCCESSFUL`); a text that is one variant's name and another's value is
                // ambiguous.
                let by_name = values.iter().find(|v| v.name == *s);
                let by_wire = values.iter().find(|v| v.wire == *s);
                let variant = match (by_name, by_wire) {
                    (Some(a), Some(b)) if a.name != b.name => {
                        ctx.err(
                            at,
                            format!(
                                "`{s}` is ambiguous in `{name}`: the name of `{}` and the wire \
                                 value of `{}`",
                                a.name, b.name
                            ),
                        );
                        return None;
                    }
                    (Some(v), _) | (None, Some(v)) => v,
                    (None, None) => {
                        let names: Vec<String> = values
                            .iter()
                            .map(|v| {
                                if v.name == v.wire {
                                    v.name.clone()
                                } else {
                                    format!("{} ({})", v.name, v.wire)
                                }
                            })
                            .collect();
                        ctx.err(
                            at,
                            format!("`{s}` is not a value of `{name}` ({})", names.join(", ")),
                        );
                        return None;
                    }
                };
                Some(DefaultValue::Variant(variant.name.clone()))
            }
            _ => None,
        };
        let Some(checked) = checked else {
            ctx.err(
                at,
                format!(
                    "{value:?} does not fit the path's type {ty:?} (for an enum, give a value's \
                     name, or its wire value as a string)"
                ),
            );
            return None;
        };
        if values.contains(&checked) {
            ctx.err(at, format!("{} is listed twice", show(&checked)));
            return None;
        }
        values.push(checked);
        shown.push(match value {
            serde_yaml::Value::String(s) => s.clone(),
            other => show_yaml(other),
        });
    }
    Some(Matcher { all, values, shown })
}
