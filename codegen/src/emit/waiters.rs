//! An action's waiters: for each, a unit type implementing `qcloud_as::waiter::Condition` (the
//! client, the path into the answer and the values that decide), and a `Client::wait_until_…`
//! method on the protocol's client that returns a `qcloud_as::waiter::Waiter` polling the
//! action. The polling itself is the runtime's (`qcloud_as::waiter`), shared by both protocols.

use super::{doc, runtime, runtime_text, Names};
use crate::model::{Action, DefaultValue, Matcher, Service, TypeRef, Waiter};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The waiters of `action`, to append to its file.
pub(crate) fn waiters(action: &Action, service: &Service) -> TokenStream {
    let names = Names::new(
        action.types.iter().map(|t| t.name.as_str()),
        quote!(super::super::types),
    );
    action
        .waiters
        .iter()
        .map(|w| waiter(action, service, w, &names))
        .collect()
}

fn describe(matcher: &Matcher, path: &str) -> String {
    let values: Vec<String> = matcher.shown.iter().map(|v| format!("`{v}`")).collect();
    let values = values.join(" or ");
    if matcher.all {
        format!("every `{path}` is {values} (and there is one)")
    } else {
        format!("any `{path}` is {values}")
    }
}

/// The test of one value (`v`, a `&&T`) against a matcher's values: `**v == A || **v == B`.
fn test(matcher: &Matcher, value: &TypeRef, names: &Names<'_>) -> TokenStream {
    let ty = names.ty(value);
    let comparisons = matcher.values.iter().map(|v| match (value, v) {
        (TypeRef::Enum(_), DefaultValue::Variant(s) | DefaultValue::String(s)) => {
            let variant = format_ident!("{}", s);
            quote!(**v == #ty::#variant)
        }
        (_, DefaultValue::Integer(n)) => quote!(**v == #n),
        (_, DefaultValue::String(s) | DefaultValue::Variant(s)) => quote!(v.as_str() == #s),
    });
    let matching = if matcher.all {
        quote!(crate::waiter::Match::All)
    } else {
        quote!(crate::waiter::Match::Any)
    };
    quote! {
        crate::waiter::Acceptor {
            matching: #matching,
            test: |v: &&#ty| #(#comparisons)||*,
        }
    }
}

fn waiter(action: &Action, service: &Service, w: &Waiter, names: &Names<'_>) -> TokenStream {
    let rt = runtime(service.protocol);
    let client_path = format!("{}::Client", runtime_text(service.protocol));
    let name = format_ident!("{}", w.name);
    let method = format_ident!("{}", w.method);
    let wire_name = &w.name;
    let request = format_ident!("{}", action.idents.request);
    let output = format_ident!("{}", action.idents.output);
    let action_method = &action.snake;

    let steps = w.path.iter().map(|step| {
        let field = format_ident!("{}", step.rust);
        match (step.required, step.list) {
            (true, false) => quote!(.map(|v| &v.#field)),
            (false, false) => quote!(.filter_map(|v| v.#field.as_ref())),
            (true, true) => quote!(.flat_map(|v| v.#field.iter())),
            (false, true) => quote!(.flat_map(|v| v.#field.iter().flatten())),
        }
    });
    let value_ty = names.ty(&w.value);
    let success = test(&w.success, &w.value, names);
    let failure = match &w.failure {
        Some(f) => {
            let f = test(f, &w.value, names);
            quote!(::std::option::Option::Some(#f))
        }
        None => quote!(::std::option::Option::None),
    };
    let (min, max, wait) = (w.min_delay, w.max_delay, w.max_wait);

    let mut decides = format!("success when {}", describe(&w.success, &w.path_text));
    if let Some(f) = &w.failure {
        decides.push_str(&format!("; failure when {}", describe(f, &w.path_text)));
    }
    decides.push_str(", else pending");
    let type_doc = doc(&format!(
        "{}\n\nA condition on the answer of {}: {decides}. Wait for it with \
         [`Client::{}`]({client_path}::{}).",
        w.doc, action.name, w.method, w.method
    ));
    let method_doc = doc(&format!(
        "{}\n\nPolls {} ([`Client::{action_method}`]({client_path}::{action_method})) with \
         `request` until an answer decides ({decides}), with delays from {min} s to {max} s \
         between polls and at most {wait} s in all (change them on the returned \
         [`Waiter`](crate::waiter::Waiter)); `.await` it for a \
         [`WaiterOutcome`](crate::waiter::WaiterOutcome).",
        w.doc, action.name
    ));
    quote! {
        #type_doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct #name;

        impl crate::waiter::Condition for #name {
            type Client = #rt::Client;
            type Request = #request;
            const NAME: &'static str = #wire_name;
            const DEFAULT_CONFIG: crate::waiter::WaiterConfig = crate::waiter::WaiterConfig::new(
                ::std::time::Duration::from_secs(#min),
                ::std::time::Duration::from_secs(#max),
                ::std::time::Duration::from_secs(#wait),
            );
            fn check(output: &#output) -> crate::waiter::Verdict {
                let values: ::std::vec::Vec<&#value_ty> = ::std::iter::once(output)
                    #(#steps)*
                    .collect();
                crate::waiter::decide(&values, #success, #failure)
            }
        }

        impl #rt::Client {
            #method_doc
            pub fn #method(&self, request: #request) -> crate::waiter::Waiter<#name> {
                crate::waiter::Waiter::new(::std::clone::Clone::clone(self), request)
            }
        }
    }
}
