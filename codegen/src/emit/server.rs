//! The server side: a trait with one method per action, whose default answers that the action
//! is not implemented, and the router that decodes a request and calls its method. Decoding and
//! answering are the runtime's (`qcloud_as::server`).

use super::{doc, inner_doc, runtime, runtime_text, summary};
use crate::model::Service;
use crate::protocol::Protocol;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `service.rs`: the server trait and `dispatch`.
pub(crate) fn service_file(service: &Service) -> TokenStream {
    let trait_name = format_ident!("{}", service.idents.server_trait);
    let rt = runtime(service.protocol);
    let rt_text = runtime_text(service.protocol);
    let methods = service.actions.iter().map(|a| {
        let m = format_ident!("{}", a.snake);
        let module = format_ident!("{}", a.snake);
        let req = format_ident!("{}", a.idents.request);
        let out = format_ident!("{}", a.idents.output);
        let err = format_ident!("{}", a.idents.error);
        let d = doc(&format!(
            "Handles {}: {}\n\nUnless implemented, answers that the action is not supported \
             ([`not_implemented`]({rt_text}::server::not_implemented)).",
            a.name,
            summary(&a.doc)
        ));
        quote! {
            #d
            fn #m(&self, request: super::operation::#module::#req)
                -> impl ::std::future::Future<Output = ::std::result::Result<super::operation::#module::#out, super::operation::#module::#err>> + Send {
                #rt::server::not_implemented(request)
            }
        }
    });
    let arms = service.actions.iter().map(|a| {
        let m = format_ident!("{}", a.snake);
        let name = &a.name;
        quote! {
            ::std::option::Option::Some(#name) => #rt::server::handle(params, |request| service.#m(request)).await
        }
    });
    let names = service.actions.iter().map(|a| a.name.as_str());
    let method_names = service.actions.iter().map(|a| a.snake.as_str());
    let module_doc = inner_doc(&format!(
        "The server side of {}: a trait with one method per action, and [`dispatch`], which \
         decodes a request's parameters, calls the method and builds the answer.",
        service.name
    ));
    // API 3.0's overview is the `v3` module's documentation (`overview.md`); the trait names
    // the service in one line.
    let trait_doc = doc(&match service.protocol {
        Protocol::QcloudV2 => format!(
            "{}\n\nA server implements this trait; [`dispatch`] routes requests to it.",
            service.doc
        ),
        Protocol::TencentV3 => format!(
            "{}, API 3.0, as a server answers it (the service is described in the \
             [`v3`](crate::v3) module).\n\nA server implements this trait; [`dispatch`] routes \
             requests to it.",
            service.name
        ),
    });
    let answer = match service.protocol {
        Protocol::QcloudV2 => {
            "the output as `data` on success, the error's `code`, `codeDesc` and `message` \
             otherwise. Parameters that do not make a valid request get code 4000 with a \
             message naming the parameter"
        }
        Protocol::TencentV3 => {
            "the output in `Response` on success, `Response.Error` with the error's `Code` and \
             `Message` otherwise. A body that does not make a valid request gets \
             `InvalidParameter`, `MissingParameter` or `UnknownParameter` with a message naming \
             the parameter"
        }
    };
    // API 3.0 answers carry the request's `RequestId`, this one too.
    let unsupported = match service.protocol {
        Protocol::QcloudV2 => quote!(#rt::server::Reply::unsupported_action(other)),
        Protocol::TencentV3 => quote!(
            #rt::server::Reply::unsupported_action(other).with_request_id(params.request_id())
        ),
    };
    let dispatch_doc = doc(&format!(
        "Decodes `params` into the request of its action, calls the matching method of \
         `service`, and returns the answer: {answer}; an unknown action gets \
         [`Reply::unsupported_action`]({rt_text}::server::Reply::unsupported_action)."
    ));
    quote! {
        #module_doc

        /// The action names this service has, sorted.
        pub const ACTIONS: &[&str] = &[#(#names),*];

        /// The trait method of each action, in the order of [`ACTIONS`].
        pub const METHODS: &[&str] = &[#(#method_names),*];

        #trait_doc
        pub trait #trait_name: Send + Sync {
            #(#methods)*
        }

        #dispatch_doc
        pub async fn dispatch<S: #trait_name + ?Sized>(service: &S, params: &#rt::server::Params) -> #rt::server::Reply {
            match params.action() {
                #(#arms,)*
                other => #unsupported,
            }
        }
    }
}
