//! The client side of each action: its request (a shape plus its `Operation` facts), the call
//! builder, the `Client` method and the output.

use super::errors::action_error;
use super::shapes::{
    positional_args, setter, setter_value, shape_def, struct_def, Decode, StructDef, Tolerance,
};
use super::{doc, inner_doc, runtime, runtime_text, summary, Names};
use crate::model::{Action, Service};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

fn action_doc(action: &Action) -> String {
    let mut text = action.doc.clone();
    if !action.preconditions.is_empty() {
        text.push_str("\n\n# Preconditions\n");
        for (i, p) in action.preconditions.iter().enumerate() {
            text.push_str(&format!("\n{}. {}", i + 1, p));
        }
    }
    if let Some(reference) = &action.reference {
        text.push_str(&format!(
            "\n\nTry it in the official API Explorer: <{reference}>."
        ));
    }
    text
}

/// The doc of an action's output: what part of the answer it is, in the protocol's words.
fn output_doc(action: &Action, service: &Service) -> String {
    match service.protocol {
        crate::protocol::Protocol::QcloudV2 => {
            format!("The `data` of a successful {} answer.", action.name)
        }
        crate::protocol::Protocol::TencentV3 => format!(
            "The `Response` object of a successful {} answer: its members, `RequestId` \
             included.",
            action.name
        ),
    }
}

/// The file of one action.
pub(crate) fn action_file(action: &Action, service: &Service) -> TokenStream {
    let names = Names::new(
        action.types.iter().map(|t| t.name.as_str()),
        quote!(super::super::types),
    );
    let ids = &action.idents;
    let action_name = &action.name;
    let request = format_ident!("{}", ids.request);
    let call = format_ident!("{}", ids.call);
    let output = format_ident!("{}", ids.output);
    let error = format_ident!("{}", ids.error);
    let method = format_ident!("{}", action.snake);
    let rt = runtime(service.protocol);
    let rt_text = runtime_text(service.protocol);

    let module_doc = inner_doc(&format!("{}: {}", action.name, summary(&action.doc)));
    let request_def = struct_def(
        &StructDef {
            name: &ids.request,
            doc: format!("The request of {}.\n\n{}", action.name, action_doc(action)),
            fields: &action.params,
            required_struct: ids.request_required.as_deref(),
            decode: Decode::ServerOnly,
            validated: true,
            tolerance: Tolerance::of(service.protocol, false),
        },
        &names,
    );
    let output_def = struct_def(
        &StructDef {
            name: &ids.output,
            doc: output_doc(action, service),
            fields: &action.output,
            required_struct: ids.output_required.as_deref(),
            decode: Decode::Always,
            validated: false,
            tolerance: Tolerance::of(service.protocol, true),
        },
        &names,
    );

    // The client method takes what `new` takes.
    let (args, arg_names): (Vec<TokenStream>, Vec<TokenStream>) = match &ids.request_required {
        Some(rs) => {
            let rs = format_ident!("{}", rs);
            (vec![quote!(required: #rs)], vec![quote!(required)])
        }
        None => {
            let (args, _) = positional_args(&action.params, &names);
            let arg_names = action
                .params
                .iter()
                .filter(|f| f.required)
                .map(|f| {
                    let i = format_ident!("{}", f.rust);
                    quote!(#i)
                })
                .collect();
            (args, arg_names)
        }
    };
    let call_setters = action.params.iter().filter(|f| !f.required).map(|f| {
        let fi = format_ident!("{}", f.rust);
        let value = setter_value(f, &names);
        setter(
            f,
            &names,
            quote!(self.request.#fi = ::std::option::Option::Some(#value);),
        )
    });
    let call_setters_impl = if action.params.iter().any(|f| !f.required) {
        quote! {
            impl #call {
                #(#call_setters)*
            }
        }
    } else {
        TokenStream::new()
    };
    let method_doc = doc(&format!(
        "Calls {}: {}\n\nReturns a [`{}`]: set optional parameters on it, then `.await` it (or \
         `send().await`).",
        action.name,
        action_doc(action),
        ids.call
    ));
    let call_doc = doc(&format!(
        "A {} call being built by [`Client::{}`]({rt_text}::Client::{}): set its optional \
         parameters, then `.await` it. It holds a clone of the client, so it (and its future) \
         can be moved into a spawned task.",
        action.name, action.snake, action.snake
    ));
    let types = action
        .types
        .iter()
        .map(|t| shape_def(t, &names, service.protocol));
    let errors = action_error(action, service);
    let deprecated = if action.deprecated {
        quote!(#[deprecated(note = "the service has retired this action; it may stop answering")])
    } else {
        TokenStream::new()
    };
    let paging = pages(action, &names);
    let idempotent = if action.idempotent {
        quote!(
            const IDEMPOTENT: bool = true;
        )
    } else {
        TokenStream::new()
    };

    quote! {
        #module_doc

        #request_def

        impl #rt::Operation for #request {
            const ACTION: &'static str = #action_name;
            #idempotent
            type Output = #output;
            type Error = #error;
        }

        #call_doc
        pub type #call = crate::Call<#rt::Client, #request>;

        #call_setters_impl
        impl #rt::Client {
            #method_doc
            #deprecated
            pub fn #method(&self, #(#args),*) -> #call {
                crate::Call::new(self.clone(), #request::new(#(#arg_names),*))
            }
        }

        #output_def

        #paging

        #errors

        #(#types)*
    }
}

/// `operation/mod.rs`: one module per action.
pub(crate) fn operation_mod(service: &Service) -> TokenStream {
    let mods = service.actions.iter().map(|a| {
        let m = format_ident!("{}", a.snake);
        let d = doc(&a.doc);
        quote!(#d pub mod #m;)
    });
    let d = inner_doc(
        "One module per action: its request, call builder, output, error enum and own types.",
    );
    quote! {
        #d
        #(#mods)*
    }
}

/// For an action that pages: its `Paged` facts, and `paginate` on its call builder.
fn pages(action: &Action, names: &Names<'_>) -> TokenStream {
    let Some(pages) = &action.pages else {
        return TokenStream::new();
    };
    let request = format_ident!("{}", action.idents.request);
    let output = format_ident!("{}", action.idents.output);
    let offset = format_ident!("{}", action.params[pages.offset].rust);
    let limit = format_ident!("{}", action.params[pages.limit].rust);
    let total = format_ident!("{}", action.output[pages.total].rust);
    let items_field = &action.output[pages.items];
    let items = format_ident!("{}", items_field.rust);
    let item_ty = match &items_field.ty {
        crate::model::TypeRef::List(inner) => names.ty(inner),
        other => names.ty(other),
    };
    let (take_items, count_items) = if items_field.required {
        (quote!(output.#items), quote!(output.#items.len()))
    } else {
        (
            quote!(output.#items.unwrap_or_default()),
            quote!(output.#items.as_ref().map_or(0, ::std::vec::Vec::len)),
        )
    };
    let total_value = if action.output[pages.total].required {
        quote!(::std::option::Option::Some(output.#total))
    } else {
        quote!(output.#total)
    };
    let default_limit = match &action.params[pages.limit].default {
        Some(crate::model::DefaultValue::Integer(n)) => quote!(::std::option::Option::Some(#n)),
        _ => quote!(::std::option::Option::None),
    };
    quote! {
        impl crate::paginate::Paged for #request {
            type Page = #output;
            type Item = #item_ty;
            const DEFAULT_PAGE_SIZE: ::std::option::Option<i64> = #default_limit;
            fn offset(&self) -> ::std::option::Option<i64> {
                self.#offset
            }
            fn set_offset(&mut self, offset: i64) {
                self.#offset = ::std::option::Option::Some(offset);
            }
            fn page_size(&self) -> ::std::option::Option<i64> {
                self.#limit
            }
            fn set_page_size(&mut self, size: i64) {
                self.#limit = ::std::option::Option::Some(size);
            }
            fn total(output: &Self::Page) -> ::std::option::Option<i64> {
                #total_value
            }
            fn items(output: Self::Page) -> ::std::vec::Vec<Self::Item> {
                #take_items
            }
            fn items_len(output: &Self::Page) -> usize {
                #count_items
            }
        }
    }
}
