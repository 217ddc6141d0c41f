//! The command-line tool's declarations (the CLI artifact): one file per action, holding its
//! subcommand as data for the tool's runtime (`cli/src/action.rs`) to act on:
//!
//! - the flags: one per parameter, named after its wire name in kebab case
//!   (`forwardLBInfos` → `--forward-lb-infos`), with its help (the spec's doc and constraints),
//!   its kind (text, integer, an enum's value set, or JSON for structs and documents), whether
//!   it is a list, whether it is required and the default the service assumes;
//! - the request type the flags build (through the SDK's own serde derives) and whether the
//!   action pages (`--all`);
//! - which list of the answer `--output table` and `--output text` show, and its columns;
//! - a JSON skeleton of the whole request, for `--generate-skeleton`.
//!
//! Generated code names the SDK `crate::sdk` and the runtime `crate::action`, so the same output
//! compiles against the real SDK (in the `cli` crate) and against the generator's fixture SDK
//! (the golden files, compiled in the cli crate's tests).

use super::{inner_doc, render_file, summary};
use crate::model::{Action, DefaultValue, EnumRepr, Field, Service, Shape, ShapeKind, TypeRef};
use crate::{SpecError, SpecErrors};
use heck::ToKebabCase;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use std::collections::{BTreeMap, BTreeSet};
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
];

/// The flag of a parameter: its wire name in kebab case.
pub(crate) fn flag(field: &Field) -> String {
    field.wire.to_kebab_case()
}

/// The command of an action: its Rust name in kebab case (`detach-instance`).
fn command(action: &Action) -> String {
    action.snake.replace('_', "-")
}

/// Refuses parameters whose flag is taken by the runtime or by another parameter.
fn check(service: &Service, dir: &Path) -> Vec<SpecError> {
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

/// Renders the CLI artifact of a checked service: `mod.rs` (every command) and one file per
/// action. `dir` is the spec folder, named in errors.
pub fn render(service: &Service, dir: &Path) -> Result<BTreeMap<String, String>, SpecErrors> {
    let errors = check(service, dir);
    if !errors.is_empty() {
        return Err(SpecErrors(errors));
    }
    let all = format!("the specs in {}", service.source);
    let mut files = BTreeMap::new();
    files.insert("mod.rs".to_owned(), render_file(root_mod(service), &all));
    for action in &service.actions {
        files.insert(
            format!("{}.rs", action.snake),
            render_file(action_file(action, service), &action.source),
        );
    }
    Ok(files)
}

/// `mod.rs`: one module per action and the list of their commands.
fn root_mod(service: &Service) -> TokenStream {
    let d = inner_doc(&format!(
        "The commands of the command-line tool, one per action, generated from the specs in \
         `{}` (service {}).",
        service.source, service.name
    ));
    let mods = service.actions.iter().map(|a| {
        let m = format_ident!("{}", a.snake);
        quote!(pub mod #m;)
    });
    let actions = service.actions.iter().map(|a| {
        let m = format_ident!("{}", a.snake);
        quote!(#m::ACTION)
    });
    quote! {
        #d
        #(#mods)*
        /// Every action's command, sorted by action name.
        pub const ACTIONS: &[crate::action::Action] = &[#(#actions),*];
    }
}

/// A string literal: a raw string when the text spans lines, so the generated code reads as
/// the spec does.
fn text(value: &str) -> Literal {
    // A raw string cannot hold a carriage return.
    if value.contains('\n') && !value.contains('\r') {
        let mut hashes = 1;
        while value.contains(&format!("\"{}", "#".repeat(hashes))) {
            hashes += 1;
        }
        let marks = "#".repeat(hashes);
        if let Ok(literal) = format!("r{marks}\"{value}\"{marks}").parse::<Literal>() {
            return literal;
        }
    }
    Literal::string(value)
}

/// Whether a line starts a list item (`- x`, `* x`, `1. x`).
fn is_item(line: &str) -> bool {
    let line = line.trim_start();
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    line.starts_with("- ")
        || line.starts_with("* ")
        || (digits > 0 && line[digits..].starts_with(". "))
}

/// Doc text as the terminal shows it: the lines of each paragraph joined (the terminal wraps
/// them), paragraphs and list items kept apart.
fn reflow(text: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank {
                "\n\n"
            } else if is_item(line) {
                "\n"
            } else {
                " "
            });
        }
        out.push_str(trimmed);
        blank = false;
    }
    out
}

/// The action's long help: its doc and its numbered preconditions.
fn action_doc(action: &Action) -> String {
    let mut text = reflow(&action.doc);
    if !action.preconditions.is_empty() {
        text.push_str("\n\nPreconditions:");
        for (i, p) in action.preconditions.iter().enumerate() {
            text.push_str(&format!("\n{}. {}", i + 1, reflow(p)));
        }
    }
    text
}

/// A named type of the action or of the service.
fn shape<'a>(name: &str, action: &'a Action, service: &'a Service) -> Option<&'a Shape> {
    action
        .types
        .iter()
        .chain(&service.types)
        .find(|s| s.name == name)
}

/// The path of a named type from an action's file: `op::KeepInstance` for the action's own,
/// `crate::sdk::types::RemovePolicy` for the service's.
fn type_path(name: &str, action: &Action) -> TokenStream {
    let ident = format_ident!("{}", name);
    if action.types.iter().any(|t| t.name == name) {
        quote!(op::#ident)
    } else {
        quote!(crate::sdk::types::#ident)
    }
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
fn param(field: &Field, action: &Action) -> TokenStream {
    let flag = flag(field);
    let wire = &field.wire;
    let (item, list) = match &field.ty {
        TypeRef::List(inner) => (inner.as_ref(), true),
        other => (other, false),
    };
    let kind = match item {
        TypeRef::String => quote!(cli::Kind::String),
        TypeRef::Integer => quote!(cli::Kind::Integer),
        TypeRef::Enum(name) => {
            let path = type_path(name, action);
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

/// The list the table and text outputs show: the paged items, else the output's only list;
/// without one, the answer itself is the one row. The columns are the row's scalar fields.
fn listing(action: &Action, service: &Service) -> TokenStream {
    let lists: Vec<&Field> = action
        .output
        .iter()
        .filter(|f| matches!(f.ty, TypeRef::List(_)))
        .collect();
    let field = match &action.pages {
        Some(pages) => action.output.get(pages.items),
        None if lists.len() == 1 => lists.first().copied(),
        None => None,
    };
    let (rows, fields): (TokenStream, &[Field]) = match field {
        Some(field) => {
            let wire = &field.wire;
            let fields = match field.ty.item() {
                TypeRef::Struct(name) => match shape(name, action, service).map(|s| &s.kind) {
                    Some(ShapeKind::Struct { fields, .. }) => fields.as_slice(),
                    _ => &[],
                },
                _ => &[],
            };
            (quote!(Some(#wire)), fields)
        }
        None => (quote!(None), &action.output),
    };
    let columns = fields
        .iter()
        .filter(|f| matches!(f.ty, TypeRef::String | TypeRef::Integer | TypeRef::Enum(_)))
        .map(|f| f.wire.as_str());
    quote!(cli::Listing { rows: #rows, columns: &[#(#columns),*] })
}

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
fn skeleton(action: &Action, service: &Service) -> String {
    let mut out = String::new();
    skeleton_fields(&action.params, action, service, &mut BTreeSet::new()).write(&mut out, 0);
    out.push('\n');
    out
}

/// The file of one action: its `ACTION` declaration.
fn action_file(action: &Action, service: &Service) -> TokenStream {
    let command = command(action);
    let name = &action.name;
    let module = format_ident!("{}", action.snake);
    let request = format_ident!("{}", action.idents.request);
    let doc_text = reflow(&action.doc);
    let first = summary(&doc_text);
    let first = first.find(". ").map_or(first, |end| &first[..=end]);
    let module_doc = inner_doc(&format!("`qcloud-as {command}`: {name}. {first}"));
    let item_doc = super::doc(&format!("The `{command}` command: its flags and request."));
    let doc = text(&action_doc(action));
    let params = action.params.iter().map(|f| param(f, action));
    let listing = listing(action, service);
    let skeleton = text(&skeleton(action, service));
    let run = if action.pages.is_some() {
        quote!(cli::Run::Paged(cli::send_paged::<op::#request>))
    } else {
        quote!(cli::Run::Single(cli::send::<op::#request>))
    };
    quote! {
        #module_doc
        use crate::action as cli;
        use crate::sdk::operation::#module as op;

        #item_doc
        pub const ACTION: cli::Action = cli::Action {
            command: #command,
            name: #name,
            doc: #doc,
            params: &[#(#params),*],
            listing: #listing,
            skeleton: #skeleton,
            run: #run,
        };
    }
}
