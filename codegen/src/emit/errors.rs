//! Errors: each action's enum (its business errors, one variant wrapping the common errors, and
//! a catch-all), the common errors once, and the service-wide error every action's error
//! converts into. Each enum declares its table; `qcloud_as::classify` reads it.

use super::{doc, inner_doc};
use crate::model::{Action, BusinessError, ErrorCode, Service};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

/// An error code as the runtime's tables hold it.
fn code_literal(code: &ErrorCode) -> TokenStream {
    match code {
        ErrorCode::Integer(n) => {
            let n = Literal::i64_unsuffixed(*n);
            quote!(#n)
        }
        // No protocol with string codes has a runtime yet; the model rejects them first.
        ErrorCode::Text(text) => quote!(::std::compile_error!(#text)),
    }
}

/// The business variants, their constructors and their table entries.
struct Business {
    variants: Vec<TokenStream>,
    ctors: Vec<TokenStream>,
    keys: Vec<String>,
    idents: Vec<proc_macro2::Ident>,
}

fn business(errors: &[BusinessError]) -> Business {
    let mut out = Business {
        variants: Vec::new(),
        ctors: Vec::new(),
        keys: Vec::new(),
        idents: Vec::new(),
    };
    for e in errors {
        let v = format_ident!("{}", e.variant);
        let key = &e.key;
        let d = doc(&format!("`{}` (code {}): {}", e.key, e.code, e.doc));
        out.variants.push(quote!(#d #v(crate::ServiceError)));
        let ctor = format_ident!("{}", e.ctor);
        let code = code_literal(&e.code);
        let cd = doc(&format!(
            "`{}` as a server answers it, with `message` (given the `({})` prefix).",
            e.key, e.code
        ));
        out.ctors.push(quote! {
            #cd
            pub fn #ctor(message: impl ::std::convert::AsRef<str>) -> Self {
                Self::#v(crate::ServiceError::answer(#code, #key, message))
            }
        });
        out.keys.push(key.clone());
        out.idents.push(v);
    }
    out
}

/// An enum classified by `ErrorTable`: the action's, or the service-wide one.
fn classified_enum(
    name: &str,
    enum_doc: &str,
    errors: &[BusinessError],
    common: TokenStream,
    with_ctors: bool,
) -> TokenStream {
    let ident = format_ident!("{}", name);
    let b = business(errors);
    let (variants, keys, idents) = (b.variants, b.keys, b.idents);
    // Servers answer an action's errors, so only actions' enums get constructors.
    let ctors = if with_ctors && !errors.is_empty() {
        let ctors = b.ctors;
        quote! {
            impl #ident {
                #(#ctors)*
            }
        }
    } else {
        TokenStream::new()
    };
    let d = doc(enum_doc);
    let leaf = quote!(#(Self::#idents(meta) |)* Self::Unhandled(meta));
    quote! {
        #d
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum #ident {
            #(#variants,)*
            /// A common error (see its variants) that is not one of the business errors above.
            Common(#common),
            /// An answer that matches no business or common error.
            Unhandled(crate::ServiceError),
        }
        #ctors
        impl crate::ErrorTable for #ident {
            const CODE_DESCS: &'static [&'static str] = &[#(#keys),*];
            const VARIANTS: &'static [crate::error::Variant<Self>] = &[#(Self::#idents),*];
            fn common(meta: crate::ServiceError) -> ::std::result::Result<Self, crate::ServiceError> {
                crate::classify_common(meta).map(Self::Common)
            }
            fn unhandled(meta: crate::ServiceError) -> Self {
                Self::Unhandled(meta)
            }
            fn meta(&self) -> &crate::ServiceError {
                match self {
                    #leaf => meta,
                    Self::Common(common) => common.meta(),
                }
            }
            fn into_meta(self) -> crate::ServiceError {
                match self {
                    #leaf => meta,
                    Self::Common(common) => common.into_meta(),
                }
            }
        }
        impl ::std::convert::From<#common> for #ident {
            fn from(common: #common) -> Self {
                Self::Common(common)
            }
        }
        crate::error_enum!(#ident);
    }
}

/// The error enum of one action.
pub(crate) fn action_error(action: &Action, service: &Service) -> TokenStream {
    let common = format_ident!("{}", service.idents.common_error);
    let service_error = &service.idents.error;
    let enum_doc = format!(
        "The errors of {}: its business errors (by `codeDesc`), the common errors, and \
         `Unhandled` for any other answer. Every variant keeps the answer's `code`, `codeDesc` \
         and `message`; servers build them with the constructors. Converts into \
         [`{service_error}`](crate::error::{service_error}).",
        action.name
    );
    let ident = format_ident!("{}", action.idents.error);
    let classified = classified_enum(
        &action.idents.error,
        &enum_doc,
        &action.errors,
        quote!(super::super::error::#common),
        true,
    );
    quote! {
        #classified
        impl crate::ActionError for #ident {}
    }
}

/// `error.rs`: the common errors and the service-wide error.
pub(crate) fn service_errors_file(service: &Service) -> TokenStream {
    let common = format_ident!("{}", service.idents.common_error);
    let service_error = format_ident!("{}", service.idents.error);
    let variants = service.common_errors.iter().map(|e| {
        let v = format_ident!("{}", e.variant);
        let d = doc(&format!("Code {}: {}", e.code, e.doc));
        quote!(#d #v(crate::ServiceError))
    });
    let idents: Vec<_> = service
        .common_errors
        .iter()
        .map(|e| format_ident!("{}", e.variant))
        .collect();
    let table = service.common_errors.iter().map(|e| {
        let v = format_ident!("{}", e.variant);
        let code = code_literal(&e.code);
        quote!((#code, Self::#v))
    });
    let ctors = service.common_errors.iter().map(|e| {
        let v = format_ident!("{}", e.variant);
        let ctor = format_ident!("{}", e.ctor);
        let code = code_literal(&e.code);
        let code_desc = e.code_desc.clone().unwrap_or_default();
        let d = doc(&format!(
            "Code {}{} as a server answers it, with `message` (given the `({})` prefix).",
            e.code,
            if code_desc.is_empty() {
                String::new()
            } else {
                format!(" (`{code_desc}`)")
            },
            e.code
        ));
        quote! {
            #d
            pub fn #ctor(message: impl ::std::convert::AsRef<str>) -> Self {
                Self::#v(crate::ServiceError::answer(#code, #code_desc, message))
            }
        }
    });
    let module_doc = inner_doc(&format!(
        "The errors of {} shared by every action: [`{common}`], the errors any action can \
         answer with, and [`{service_error}`], which every action's error converts into.",
        service.name
    ));
    let common_doc = doc(
        "The common errors: codes any action can answer with. Every variant keeps the answer's \
         `code`, `codeDesc` and `message`.",
    );
    let service_error_enum = classified_enum(
        &service.idents.error,
        &format!(
            "Any error of {}: every business error of every action, the common errors, and \
             `Unhandled`. Every action's error converts into it (`?` works across actions), \
             and so does `Error<ActionError>` into `Error<{}>`.",
            service.name, service.idents.error
        ),
        &service.business_errors,
        quote!(#common),
        false,
    );
    quote! {
        #module_doc

        #common_doc
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum #common {
            #(#variants,)*
        }
        impl #common {
            #(#ctors)*
            /// The answer's `code`, `codeDesc` and `message`.
            pub fn meta(&self) -> &crate::ServiceError {
                match self {
                    #(Self::#idents(meta))|* => meta,
                }
            }
            /// The answer's `code`, `codeDesc` and `message`, taken out.
            pub fn into_meta(self) -> crate::ServiceError {
                match self {
                    #(Self::#idents(meta))|* => meta,
                }
            }
        }
        impl crate::CommonTable for #common {
            const CODES: &'static [(i64, crate::error::Variant<Self>)] = &[#(#table),*];
        }
        crate::error_enum!(@accessors #common);

        #service_error_enum

        impl<E: crate::ActionError> ::std::convert::From<E> for #service_error {
            fn from(error: E) -> Self {
                crate::classify(crate::ErrorTable::into_meta(error))
            }
        }
        impl<E: crate::ActionError> ::std::convert::From<crate::Error<E>> for crate::Error<#service_error> {
            fn from(error: crate::Error<E>) -> Self {
                error.map_service(#service_error::from)
            }
        }
    }
}
