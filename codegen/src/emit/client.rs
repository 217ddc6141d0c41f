//! The client side of each action: its request (a shape plus its `Operation` facts), the call
//! builder, the `Client` method and the output.

use super::errors::action_error;
use super::shapes::{
    positional_args, setter, setter_value, shape_def, struct_def, Decode, StructDef,
};
use super::{doc, inner_doc, summary, Names};
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
    text
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

    let module_doc = inner_doc(&format!("{}: {}", action.name, summary(&action.doc)));
    let request_def = struct_def(
        &StructDef {
            name: &ids.request,
            doc: format!("The request of {}.\n\n{}", action.name, action_doc(action)),
            fields: &action.params,
            required_struct: ids.request_required.as_deref(),
            decode: Decode::ServerOnly,
            validated: true,
        },
        &names,
    );
    let output_def = struct_def(
        &StructDef {
            name: &ids.output,
            doc: format!("The `data` of a successful {} answer.", action.name),
            fields: &action.output,
            required_struct: ids.output_required.as_deref(),
            decode: Decode::Always,
            validated: false,
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
    let method_doc = doc(&format!(
        "Calls {}: {}\n\nReturns a [`{}`]: set optional parameters on it, then `send().await`.",
        action.name,
        action_doc(action),
        ids.call
    ));
    let call_doc = doc(&format!(
        "A {} call being built by [`Client::{}`](crate::Client::{}); `send` signs and sends it.",
        action.name, action.snake, action.snake
    ));
    let types = action.types.iter().map(|t| shape_def(t, &names));
    let errors = action_error(action, service);

    quote! {
        #module_doc

        #request_def

        impl crate::Operation for #request {
            const ACTION: &'static str = #action_name;
            type Output = #output;
            type Error = #error;
        }

        #call_doc
        #[derive(Debug, Clone)]
        #[must_use = "a call does nothing until `send` is awaited"]
        pub struct #call<'a> {
            client: &'a crate::Client,
            request: #request,
        }

        impl #call<'_> {
            #(#call_setters)*

            /// The request as built so far.
            pub fn request(&self) -> &#request {
                &self.request
            }

            /// Validates, signs and sends the request, and decodes the answer.
            pub async fn send(self) -> ::std::result::Result<#output, crate::Error<#error>> {
                self.client.execute(&self.request).await
            }
        }

        impl crate::Client {
            #method_doc
            pub fn #method(&self, #(#args),*) -> #call<'_> {
                #call {
                    client: self,
                    request: #request::new(#(#arg_names),*),
                }
            }
        }

        #output_def

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
