//! Errors: each action's enum (its business errors, one variant wrapping the common errors, and
//! a catch-all), the common errors once, and the service-wide error every action's error
//! converts into. Each enum declares its table; `qcloud_as::classify` reads it.

use super::{doc, inner_doc, runtime};
use crate::model::{Action, BusinessError, ErrorCode, Service};
use crate::protocol::Protocol;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

/// An error code as the runtime's tables hold it.
fn code_literal(code: &ErrorCode) -> TokenStream {
    match code {
        ErrorCode::Integer(n) => {
            let n = Literal::i64_unsuffixed(*n);
            quote!(#n)
        }
        ErrorCode::Text(text) => quote!(#text),
    }
}

/// How a protocol's errors are described and built.
struct Style {
    rt: TokenStream,
    protocol: Protocol,
}

impl Style {
    fn new(protocol: Protocol) -> Style {
        Style {
            rt: runtime(protocol),
            protocol,
        }
    }

    /// What every variant keeps of the answer.
    fn keeps(&self) -> &'static str {
        match self.protocol {
            Protocol::QcloudV2 => "`code`, `codeDesc` and `message`",
            Protocol::TencentV3 => "`Code`, `Message` and `RequestId`",
        }
    }

    /// How a business error is named in docs: `` `key` (code 4000) `` or `` `key` ``.
    fn named(&self, e: &BusinessError) -> String {
        match self.protocol {
            Protocol::QcloudV2 => format!("`{}` (code {})", e.key, e.code),
            Protocol::TencentV3 => format!("`{}`", e.key),
        }
    }

    /// The doc of a constructor.
    fn ctor_doc(&self, named: &str, code: &ErrorCode) -> String {
        match self.protocol {
            Protocol::QcloudV2 => format!(
                "{named} as a server answers it, with `message` (given the `({code})` prefix)."
            ),
            Protocol::TencentV3 => {
                format!("{named} as a server answers it, with `message` and a fresh `RequestId`.")
            }
        }
    }

    /// The constructor's body: the answer of `code` (and `key`) with `message`.
    fn answer(&self, code: &ErrorCode, key: &str) -> TokenStream {
        let rt = &self.rt;
        let code = code_literal(code);
        match self.protocol {
            Protocol::QcloudV2 => quote!(#rt::ServiceError::answer(#code, #key, message)),
            Protocol::TencentV3 => quote!(#rt::ServiceError::answer(#code, message)),
        }
    }

    /// The name of the business table's key list.
    fn keys_const(&self) -> proc_macro2::Ident {
        match self.protocol {
            Protocol::QcloudV2 => format_ident!("CODE_DESCS"),
            Protocol::TencentV3 => format_ident!("CODES"),
        }
    }

    /// The type of a common error's code in its table.
    fn code_type(&self) -> TokenStream {
        match self.protocol {
            Protocol::QcloudV2 => quote!(i64),
            Protocol::TencentV3 => quote!(&'static str),
        }
    }
}

/// The business variants, their constructors and their table entries.
struct Business {
    variants: Vec<TokenStream>,
    ctors: Vec<TokenStream>,
    keys: Vec<String>,
    idents: Vec<proc_macro2::Ident>,
}

fn business(errors: &[BusinessError], style: &Style) -> Business {
    let rt = &style.rt;
    let mut out = Business {
        variants: Vec::new(),
        ctors: Vec::new(),
        keys: Vec::new(),
        idents: Vec::new(),
    };
    for e in errors {
        let v = format_ident!("{}", e.variant);
        let key = &e.key;
        let named = style.named(e);
        let d = doc(&format!("{named}: {}", e.doc));
        out.variants.push(quote!(#d #v(#rt::ServiceError)));
        let ctor = format_ident!("{}", e.ctor);
        let cd = doc(&style.ctor_doc(&named, &e.code));
        let answer = style.answer(&e.code, key);
        out.ctors.push(quote! {
            #cd
            pub fn #ctor(message: impl ::std::convert::AsRef<str>) -> Self {
                Self::#v(#answer)
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
    style: &Style,
) -> TokenStream {
    let rt = &style.rt;
    let ident = format_ident!("{}", name);
    let b = business(errors, style);
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
    let keys_const = style.keys_const();
    quote! {
        #d
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum #ident {
            #(#variants,)*
            /// A common error (see its variants) that is not one of the business errors above.
            Common(#common),
            /// An answer that matches no business or common error.
            Unhandled(#rt::ServiceError),
        }
        #ctors
        impl #rt::ErrorTable for #ident {
            const #keys_const: &'static [&'static str] = &[#(#keys),*];
            const VARIANTS: &'static [#rt::error::Variant<Self>] = &[#(Self::#idents),*];
            fn common(meta: #rt::ServiceError) -> ::std::result::Result<Self, #rt::ServiceError> {
                #rt::classify_common(meta).map(Self::Common)
            }
            fn unhandled(meta: #rt::ServiceError) -> Self {
                Self::Unhandled(meta)
            }
            fn meta(&self) -> &#rt::ServiceError {
                match self {
                    #leaf => meta,
                    Self::Common(common) => common.meta(),
                }
            }
            fn into_meta(self) -> #rt::ServiceError {
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
        #rt::error_enum!(#ident);
    }
}

/// The error enum of one action.
pub(crate) fn action_error(action: &Action, service: &Service) -> TokenStream {
    let style = Style::new(service.protocol);
    let rt = &style.rt;
    let common = format_ident!("{}", service.idents.common_error);
    let service_error = &service.idents.error;
    let by = match service.protocol {
        Protocol::QcloudV2 => "by `codeDesc`",
        Protocol::TencentV3 => "by `Code`",
    };
    let enum_doc = format!(
        "The errors of {}: its business errors ({by}), the common errors, and `Unhandled` for \
         any other answer. Every variant keeps the answer's {}; servers build them with the \
         constructors. Converts into [`{service_error}`](super::super::error::{service_error}).",
        action.name,
        style.keeps()
    );
    let ident = format_ident!("{}", action.idents.error);
    let classified = classified_enum(
        &action.idents.error,
        &enum_doc,
        &action.errors,
        quote!(super::super::error::#common),
        true,
        &style,
    );
    quote! {
        #classified
        impl #rt::ActionError for #ident {}
    }
}

/// `error.rs`: the common errors and the service-wide error.
pub(crate) fn service_errors_file(service: &Service) -> TokenStream {
    let style = Style::new(service.protocol);
    let rt = &style.rt;
    let code_type = style.code_type();
    let common = format_ident!("{}", service.idents.common_error);
    let service_error = format_ident!("{}", service.idents.error);
    let variants = service.common_errors.iter().map(|e| {
        let v = format_ident!("{}", e.variant);
        let d = doc(&format!("Code `{}`: {}", e.code, e.doc));
        quote!(#d #v(#rt::ServiceError))
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
        let code_desc = e.code_desc.clone().unwrap_or_default();
        let named = if code_desc.is_empty() {
            format!("Code `{}`", e.code)
        } else {
            format!("Code {} (`{code_desc}`)", e.code)
        };
        let d = doc(&style.ctor_doc(&named, &e.code));
        let answer = style.answer(&e.code, &code_desc);
        quote! {
            #d
            pub fn #ctor(message: impl ::std::convert::AsRef<str>) -> Self {
                Self::#v(#answer)
            }
        }
    });
    let module_doc = inner_doc(&format!(
        "The errors of {} shared by every action: [`{common}`], the errors any action can \
         answer with, and [`{service_error}`], which every action's error converts into.",
        service.name
    ));
    let common_doc = doc(&format!(
        "The common errors: codes any action can answer with. Every variant keeps the answer's \
         {}.",
        style.keeps()
    ));
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
        &style,
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
            /// What the answer said.
            pub fn meta(&self) -> &#rt::ServiceError {
                match self {
                    #(Self::#idents(meta))|* => meta,
                }
            }
            /// What the answer said, taken out.
            pub fn into_meta(self) -> #rt::ServiceError {
                match self {
                    #(Self::#idents(meta))|* => meta,
                }
            }
        }
        impl #rt::CommonTable for #common {
            const CODES: &'static [(#code_type, #rt::error::Variant<Self>)] = &[#(#table),*];
        }
        #rt::error_enum!(@accessors #common);

        #service_error_enum

        impl<E: #rt::ActionError> ::std::convert::From<E> for #service_error {
            fn from(error: E) -> Self {
                #rt::classify(#rt::ErrorTable::into_meta(error))
            }
        }
        impl<E: #rt::ActionError> ::std::convert::From<crate::Error<E>> for crate::Error<#service_error> {
            fn from(error: crate::Error<E>) -> Self {
                error.map_service(#service_error::from)
            }
        }
    }
}
