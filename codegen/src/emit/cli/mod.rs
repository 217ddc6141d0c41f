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
//! (the golden files, compiled in the cli crate's tests). An API 3.0 service's code names its
//! half of the SDK `crate::sdk::v3` and sends with `crate::action::v3`; its commands are the
//! tool's top level (`qcloud-as describe-auto-scaling-groups`), API 2.0's are under `v2`
//! (`qcloud-as v2 describe-scaling-group`). An API 3.0 action whose answer has an `ActivityId`
//! runs as `Run::Activity`
//! (its command takes `--wait`).
//!
//! This module renders the files (`mod.rs` and each action's `ACTION`) and picks the listing;
//! `flags` holds the flags (their names, the names the runtime reserves, their declarations and
//! help), `text` the doc text as the terminal shows it, and `skeleton` the request skeleton.

mod flags;
mod skeleton;
mod text;

pub use flags::RESERVED_FLAGS;

use flags::{check, param};
use skeleton::skeleton;
use text::{action_doc, reflow, text};

use super::{inner_doc, render_file, summary};
use crate::model::{Action, Field, Service, Shape, ShapeKind, TypeRef};
use crate::protocol::Protocol;
use crate::SpecErrors;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;
use std::path::Path;

/// The command of an action: its Rust name in kebab case (`detach-instance`).
fn command(action: &Action) -> String {
    action.snake.replace('_', "-")
}

/// How the command of an action is typed after the tool's name: API 3.0's at the top level,
/// API 2.0's after `v2`.
fn invocation(action: &Action, protocol: Protocol) -> String {
    match protocol {
        Protocol::QcloudV2 => format!("v2 {}", command(action)),
        Protocol::TencentV3 => command(action),
    }
}

/// The SDK as generated code names it: `crate::sdk` for API 2.0, `crate::sdk::v3` for API 3.0.
fn sdk(protocol: Protocol) -> TokenStream {
    match protocol {
        Protocol::QcloudV2 => quote!(crate::sdk),
        Protocol::TencentV3 => quote!(crate::sdk::v3),
    }
}

/// The runtime's senders for a protocol: `cli` (API 2.0) or `cli::v3`.
fn senders(protocol: Protocol) -> TokenStream {
    match protocol {
        Protocol::QcloudV2 => quote!(cli),
        Protocol::TencentV3 => quote!(cli::v3),
    }
}

/// The answer member that names the activity an API 3.0 action starts (`--wait` polls it).
const ACTIVITY_ID: &str = "ActivityId";

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
         `{}` (service {}{}).",
        service.source,
        service.name,
        match service.protocol {
            Protocol::QcloudV2 => ", API 2.0: `qcloud-as v2 COMMAND`",
            Protocol::TencentV3 => ", API 3.0: `qcloud-as COMMAND`",
        }
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

/// A named type of the action or of the service.
fn shape<'a>(name: &str, action: &'a Action, service: &'a Service) -> Option<&'a Shape> {
    action
        .types
        .iter()
        .chain(&service.types)
        .find(|s| s.name == name)
}

/// The path of a named type from an action's file: `op::KeepInstance` for the action's own,
/// `crate::sdk::types::RemovePolicy` for the service's (`crate::sdk::v3::types::…` for API
/// 3.0's).
fn type_path(name: &str, action: &Action, protocol: Protocol) -> TokenStream {
    let ident = format_ident!("{}", name);
    if action.types.iter().any(|t| t.name == name) {
        quote!(op::#ident)
    } else {
        let sdk = sdk(protocol);
        quote!(#sdk::types::#ident)
    }
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

/// The file of one action: its `ACTION` declaration.
fn action_file(action: &Action, service: &Service) -> TokenStream {
    let protocol = service.protocol;
    let command = command(action);
    let typed = invocation(action, protocol);
    let name = &action.name;
    let module = format_ident!("{}", action.snake);
    let request = format_ident!("{}", action.idents.request);
    let doc_text = reflow(&action.doc);
    let first = summary(&doc_text);
    let first = first.find(". ").map_or(first, |end| &first[..=end]);
    let module_doc = inner_doc(&format!("`qcloud-as {typed}`: {name}. {first}"));
    let item_doc = super::doc(&format!("The `{command}` command: its flags and request."));
    let doc = text(&action_doc(action));
    let params = action.params.iter().map(|f| param(f, action, protocol));
    let listing = listing(action, service);
    let skeleton = text(&skeleton(action, service));
    let send = senders(protocol);
    let starts_activity = protocol == Protocol::TencentV3
        && action
            .output
            .iter()
            .any(|f| f.wire == ACTIVITY_ID && matches!(f.ty, TypeRef::String));
    let run = if action.pages.is_some() {
        quote!(cli::Run::Paged(#send::send_paged::<op::#request>))
    } else if starts_activity {
        quote!(cli::Run::Activity(#send::send::<op::#request>))
    } else {
        quote!(cli::Run::Single(#send::send::<op::#request>))
    };
    let sdk = sdk(protocol);
    quote! {
        #module_doc
        use crate::action as cli;
        use #sdk::operation::#module as op;

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
