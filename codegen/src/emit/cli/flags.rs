//! The flags of an action's subcommand: one per parameter, named after its wire name in kebab
//! case; the flags the tool's runtime reserves and the check that no parameter takes one (or
//! another parameter's); each parameter's declaration (kind, list, required, default) and help
//! (its doc and constraints).

use super::text::{reflow, text};
use super::type_path;
use crate::model::{Action, DefaultValue, Field, Service, TypeRef};
use crate::protocol::Protocol;
use crate::SpecError;
use heck::ToKebabCase;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;
use std::path::Path;

/// Flags the tool's runtime defines itself, globally or on every action's subcommand: a
/// parameter whose flag is one of them is refused (nothing is renamed silently).
pub const RESERVED_FLAGS: &[&str] = &[
    "help",
    "version",
    "region",
    "endpoint",
    "profile",
    "signature-method",
    "http-method",
    "connect-timeout",
    "timeout",
    "operation-timeout",
    "max-attempts",
    "output",
    "query",
    "dry-run",
    "cli-input-json",
    "generate-skeleton",
    "all",
    "wait",
    "wait-interval",
    "wait-timeout",
];

/// The flag of a parameter: its wire name in kebab case.
pub(crate) fn flag(field: &Field) -> String {
    field.wire.to_kebab_case()
}

/// Refuses parameters whose flag is taken by the runtime or by another parameter.
pub(super) fn check(service: &Service, dir: &Path) -> Vec<SpecError> {
    let mut errors = Vec::new();
    for action in &service.actions {
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for field in &action.params {
            let flag = flag(field);
            let message = if RESERVED_FLAGS.contains(&flag.as_str()) {
                Some(format!(
                    "its command-line flag `--{flag}` is an option of the command-line tool \
                     itself; rename the parameter"
                ))
            } else {
                seen.insert(flag.clone(), &field.wire).map(|other| {
                    format!("its command-line flag `--{flag}` is also the flag of `{other}`")
                })
            };
            if let Some(message) = message {
                errors.push(SpecError {
                    file: dir.join(&action.source),
                    action: Some(action.name.clone()),
                    field: format!("parameters.{}", field.wire),
                    message,
                });
            }
        }
    }
    errors
}

/// A parameter's help: its doc, then its constraints.
fn help(field: &Field) -> String {
    let c = &field.constraints;
    let mut rules = Vec::new();
    let per_item = matches!(field.ty, TypeRef::List(_));
    let each = if per_item { "each " } else { "" };
    if let Some(v) = c.min_items {
        rules.push(format!("at least {v} item(s)"));
    }
    if let Some(v) = c.max_items {
        rules.push(format!("at most {v} item(s)"));
    }
    match (c.min, c.max) {
        (Some(lo), Some(hi)) => rules.push(format!("{each}from {lo} to {hi}")),
        (Some(lo), None) => rules.push(format!("{each}at least {lo}")),
        (None, Some(hi)) => rules.push(format!("{each}at most {hi}")),
        (None, None) => {}
    }
    match (c.min_length, c.max_length) {
        (Some(lo), Some(hi)) => rules.push(format!("{each}{lo} to {hi} characters")),
        (Some(lo), None) => rules.push(format!("{each}at least {lo} characters")),
        (None, Some(hi)) => rules.push(format!("{each}at most {hi} characters")),
        (None, None) => {}
    }
    let mut text = reflow(&field.doc);
    if !rules.is_empty() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&format!("[{}]", rules.join(", ")));
    }
    text
}

/// A parameter's declaration: `cli::Param::new(flag, wire, kind)` and its modifiers.
pub(super) fn param(field: &Field, action: &Action, protocol: Protocol) -> TokenStream {
    let flag = flag(field);
    let wire = &field.wire;
    let (item, list) = match &field.ty {
        TypeRef::List(inner) => (inner.as_ref(), true),
        other => (other, false),
    };
    let kind = match item {
        TypeRef::String | TypeRef::DateTime => quote!(cli::Kind::String),
        TypeRef::Integer => quote!(cli::Kind::Integer),
        TypeRef::Enum(name) => {
            let path = type_path(name, action, protocol);
            quote!(cli::Kind::enum_of::<#path>())
        }
        // `true`, `1.5`: JSON values on the command line.
        TypeRef::Boolean
        | TypeRef::Float
        | TypeRef::Struct(_)
        | TypeRef::Json(_)
        | TypeRef::List(_) => quote!(cli::Kind::Json),
    };
    let mut modifiers = Vec::new();
    if list {
        modifiers.push(quote!(.list()));
    }
    if field.required {
        modifiers.push(quote!(.required()));
    }
    if let Some(default) = &field.default {
        let shown = match default {
            DefaultValue::Integer(v) => v.to_string(),
            DefaultValue::String(v) => v.clone(),
            DefaultValue::Variant(v) => v.clone(),
        };
        modifiers.push(quote!(.default(#shown)));
    }
    let help = help(field);
    if !help.is_empty() {
        let help = text(&help);
        modifiers.push(quote!(.help(#help)));
    }
    quote!(cli::Param::new(#flag, #wire, #kind) #(#modifiers)*)
}
