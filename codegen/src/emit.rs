//! Tokens: the checked model turned into Rust, one file per action plus the shared files.
//!
//! Generated code names everything by full path (`::std::string::String`), so a spec type
//! called `Option` or `Result` cannot break it.

use crate::model::{
    Action, DefaultValue, EnumRepr, Field, NamedType, Role, Service, TypeKind, TypeRef,
};

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeSet;

/// One `#[doc]` attribute per line, so the code prints as `///` comments.
pub(crate) fn doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// Module-level docs (`//!`).
pub(crate) fn inner_doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#![doc = #line])
    });
    quote!(#(#lines)*)
}

/// Where the named types of the file being generated live.
struct Names<'a> {
    /// Types defined in the file itself.
    local: BTreeSet<&'a str>,
}

impl Names<'_> {
    fn path(&self, name: &str) -> TokenStream {
        let ident = format_ident!("{}", name);
        if self.local.contains(name) {
            quote!(#ident)
        } else {
            // Relative, so the generated folder can be mounted anywhere in the crate.
            quote!(super::super::types::#ident)
        }
    }

    fn ty(&self, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::String => quote!(::std::string::String),
            TypeRef::Integer => quote!(i64),
            TypeRef::List(inner) => {
                let inner = self.ty(inner);
                quote!(::std::vec::Vec<#inner>)
            }
            TypeRef::Struct(name) | TypeRef::Enum(name) => self.path(name),
        }
    }

    fn field_ty(&self, field: &Field) -> TokenStream {
        let ty = self.ty(&field.ty);
        if field.required {
            ty
        } else {
            quote!(::std::option::Option<#ty>)
        }
    }

    /// The argument type of a constructor or setter, and how to turn the argument into the
    /// field's type.
    fn arg(&self, field: &Field) -> (TokenStream, TokenStream) {
        let ident = format_ident!("{}", field.rust);
        match &field.ty {
            TypeRef::String => (
                quote!(impl ::std::convert::Into<::std::string::String>),
                quote!(#ident.into()),
            ),
            TypeRef::List(inner) if **inner == TypeRef::String => (
                quote!(
                    impl ::std::iter::IntoIterator<
                        Item = impl ::std::convert::Into<::std::string::String>,
                    >
                ),
                quote!(#ident.into_iter().map(::std::convert::Into::into).collect()),
            ),
            TypeRef::List(inner) => {
                let inner = self.ty(inner);
                (
                    quote!(impl ::std::iter::IntoIterator<Item = #inner>),
                    quote!(#ident.into_iter().collect()),
                )
            }
            other => (self.ty(other), TokenStream::new()),
        }
    }
}

fn field_doc(field: &Field, names: &Names<'_>) -> TokenStream {
    let mut text = field.doc.clone();
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(&format!("Wire name: `{}`.", field.wire));
    let c = &field.constraints;
    let mut rules = Vec::new();
    if let Some(v) = c.min_items {
        rules.push(format!("at least {v} item(s)"));
    }
    if let Some(v) = c.max_items {
        rules.push(format!("at most {v} item(s)"));
    }
    if let Some(v) = c.min {
        rules.push(format!("at least {v}"));
    }
    if let Some(v) = c.max {
        rules.push(format!("at most {v}"));
    }
    if let Some(v) = c.min_length {
        rules.push(format!("at least {v} character(s)"));
    }
    if let Some(v) = c.max_length {
        rules.push(format!("at most {v} character(s)"));
    }
    if !rules.is_empty() {
        text.push_str(&format!(" Must hold {}.", rules.join(", ")));
    }
    if let Some(default) = &field.default {
        let shown = match (default, &field.ty) {
            (DefaultValue::Variant(v), TypeRef::Enum(name)) => {
                let _ = names;
                format!("[`{name}::{v}`]")
            }
            (DefaultValue::Integer(v), _) => format!("`{v}`"),
            (DefaultValue::String(v), _) => format!("`{v:?}`"),
            (DefaultValue::Variant(v), _) => format!("`{v}`"),
        };
        text.push_str(&format!(" The service takes {shown} when it is not set."));
    }
    doc(&text)
}

/// Checks of one value against its constraints. `value` is an expression of type `&T`;
/// `name` an expression of type `&str` naming it on the wire.
fn validate_value(
    ty: &TypeRef,
    field: &Field,
    value: TokenStream,
    name: TokenStream,
) -> TokenStream {
    let c = &field.constraints;
    let opt_u = |v: Option<u64>| match v {
        Some(v) => quote!(::std::option::Option::Some(#v)),
        None => quote!(::std::option::Option::None),
    };
    let opt_i = |v: Option<i64>| match v {
        Some(v) => quote!(::std::option::Option::Some(#v)),
        None => quote!(::std::option::Option::None),
    };
    match ty {
        TypeRef::List(inner) => {
            let mut out = TokenStream::new();
            if c.min_items.is_some() || c.max_items.is_some() {
                let (min, max) = (opt_u(c.min_items), opt_u(c.max_items));
                out.extend(quote! {
                    crate::wire::check_items(#name, #value.len(), #min, #max)?;
                });
            }
            let item_check = validate_value(
                inner,
                field,
                quote!(item),
                quote!(&crate::wire::child(#name, &index.to_string())),
            );
            if !item_check.is_empty() {
                out.extend(quote! {
                    for (index, item) in #value.iter().enumerate() {
                        #item_check
                    }
                });
            }
            out
        }
        TypeRef::Integer if c.min.is_some() || c.max.is_some() => {
            let (min, max) = (opt_i(c.min), opt_i(c.max));
            quote!(crate::wire::check_range(#name, *#value, #min, #max)?;)
        }
        TypeRef::String if c.min_length.is_some() || c.max_length.is_some() => {
            let (min, max) = (opt_u(c.min_length), opt_u(c.max_length));
            quote!(crate::wire::check_length(#name, #value, #min, #max)?;)
        }
        TypeRef::Struct(_) => quote!(crate::wire::Wire::validate(#value, #name)?;),
        _ => TokenStream::new(),
    }
}

/// The bodies of `encode`, `validate` and the server's field decoding for input fields.
/// `prefix` is an expression of type `&str`: the parent's wire name, or `""` at top level.
struct InputCode {
    encode: TokenStream,
    validate: TokenStream,
    decode_fields: TokenStream,
}

fn input_code(fields: &[Field], names: &Names<'_>, prefix: Option<TokenStream>) -> InputCode {
    let mut encode = TokenStream::new();
    let mut validate = TokenStream::new();
    let mut decode_fields = TokenStream::new();
    for field in fields {
        let ident = format_ident!("{}", field.rust);
        let wire = &field.wire;
        // At top level the wire name is the parameter name; inside a struct it is joined on.
        let full_name = match &prefix {
            Some(prefix) => quote!(&crate::wire::child(#prefix, #wire)),
            None => quote!(#wire),
        };
        encode.extend(quote! {
            crate::wire::Wire::encode(&self.#ident, #full_name, out);
        });
        let check = validate_value(&field.ty, field, quote!(value), quote!(name));
        if !check.is_empty() {
            let body = quote! {
                let name = #full_name;
                #check
            };
            validate.extend(if field.required {
                quote!({ let value = &self.#ident; #body })
            } else {
                quote!(if let ::std::option::Option::Some(value) = &self.#ident { #body })
            });
        }
        let ty = names.ty(&field.ty);
        let decode = if field.required {
            quote!(crate::server::required::<#ty>(#full_name, params)?)
        } else {
            quote!(<#ty as crate::server::Decode>::decode(#full_name, params)?)
        };
        decode_fields.extend(quote!(#ident: #decode,));
    }
    InputCode {
        encode,
        validate,
        decode_fields,
    }
}

/// `new` (required fields as arguments) and one setter per optional field, for request types and
/// input structs.
fn constructor_and_setters(type_name: &str, fields: &[Field], names: &Names<'_>) -> TokenStream {
    let required: Vec<&Field> = fields.iter().filter(|f| f.required).collect();
    let args = required.iter().map(|f| {
        let ident = format_ident!("{}", f.rust);
        let (ty, _) = names.arg(f);
        quote!(#ident: #ty)
    });
    let inits = fields.iter().map(|f| {
        let ident = format_ident!("{}", f.rust);
        if f.required {
            let (_, conv) = names.arg(f);
            if conv.is_empty() {
                quote!(#ident)
            } else {
                quote!(#ident: #conv)
            }
        } else {
            quote!(#ident: ::std::option::Option::None)
        }
    });
    let allow = if required.len() > 7 {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        TokenStream::new()
    };
    let new_doc = doc(&format!(
        "A `{type_name}` with its required parameters{}.",
        if required.is_empty() {
            String::new()
        } else {
            format!(
                " ({})",
                required
                    .iter()
                    .map(|f| format!("`{}`", f.wire))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    ));
    let setters = fields
        .iter()
        .filter(|f| !f.required)
        .map(|f| setter(f, names, quote!(self)));
    let defaults = fields.iter().filter_map(|f| {
        let default = f.default.as_ref()?;
        let ident = format_ident!("{}", f.rust);
        let getter = format_ident!("{}_or_default", f.rust);
        let ty = names.ty(&f.ty);
        let value = match (default, &f.ty) {
            (DefaultValue::Variant(v), TypeRef::Enum(name)) => {
                let path = names.path(name);
                let v = format_ident!("{}", v);
                quote!(#path::#v)
            }
            (DefaultValue::Integer(v), _) => quote!(#v),
            (DefaultValue::String(v), _) => quote!(::std::string::String::from(#v)),
            (DefaultValue::Variant(_), _) => return None,
        };
        let d = doc(&format!(
            "`{}` as the service takes it: the value set, or the default when none is.",
            f.wire
        ));
        Some(quote! {
            #d
            pub fn #getter(&self) -> #ty {
                match &self.#ident {
                    ::std::option::Option::Some(value) => ::std::clone::Clone::clone(value),
                    ::std::option::Option::None => #value,
                }
            }
        })
    });
    quote! {
        #new_doc
        #allow
        pub fn new(#(#args),*) -> Self {
            Self { #(#inits),* }
        }
        #(#setters)*
        #(#defaults)*
    }
}

/// `, Default` for input types whose fields are all optional (so `new()` takes no argument).
fn default_derive(fields: &[Field]) -> TokenStream {
    if fields.iter().all(|f| !f.required) {
        quote!(, Default)
    } else {
        TokenStream::new()
    }
}

/// A builder-style setter of an optional field; `target` is where the field lives
/// (`self` or `self.request`).
fn setter(field: &Field, names: &Names<'_>, target: TokenStream) -> TokenStream {
    let ident = format_ident!("{}", field.rust);
    let (ty, conv) = names.arg(field);
    let conv = if conv.is_empty() {
        quote!(#ident)
    } else {
        conv
    };
    let d = doc(&format!(
        "Sets `{}`{}",
        field.wire,
        if field.doc.is_empty() {
            ".".to_owned()
        } else {
            format!(": {}", field.doc.lines().next().unwrap_or_default())
        }
    ));
    quote! {
        #d
        pub fn #ident(mut self, #ident: #ty) -> Self {
            #target.#ident = ::std::option::Option::Some(#conv);
            self
        }
    }
}

fn named_type(t: &NamedType, names: &Names<'_>) -> TokenStream {
    let ident = format_ident!("{}", t.name);
    let d = doc(&t.doc);
    match (&t.kind, t.role) {
        (TypeKind::Enum { repr, values }, _) => {
            let variants = values.iter().map(|v| {
                let vi = format_ident!("{}", v.name);
                let d = doc(&format!(
                    "{}{}Wire value: `{}`.",
                    v.doc,
                    if v.doc.is_empty() { "" } else { "\n\n" },
                    v.wire
                ));
                quote!(#d #vi)
            });
            let as_str = values.iter().map(|v| {
                let vi = format_ident!("{}", v.name);
                let w = &v.wire;
                quote!(Self::#vi => #w)
            });
            let decode_arms = values.iter().map(|v| {
                let vi = format_ident!("{}", v.name);
                let w = &v.wire;
                quote!(#w => ::std::result::Result::Ok(::std::option::Option::Some(Self::#vi)))
            });
            let expected = format!(
                "one of {}",
                values
                    .iter()
                    .map(|v| v.wire.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let repr_doc = match repr {
                EnumRepr::Integer => "The value as sent on the wire (an integer, as text).",
                EnumRepr::String => "The value as sent on the wire.",
            };
            let repr_doc = doc(repr_doc);
            quote! {
                #d
                #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
                pub enum #ident {
                    #(#variants,)*
                }
                impl #ident {
                    #repr_doc
                    pub fn as_str(&self) -> &'static str {
                        match self { #(#as_str,)* }
                    }
                }
                impl ::std::fmt::Display for #ident {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(self.as_str())
                    }
                }
                impl crate::wire::Wire for #ident {
                    fn encode(&self, name: &str, out: &mut ::std::vec::Vec<(::std::string::String, ::std::string::String)>) {
                        out.push((name.to_owned(), self.as_str().to_owned()));
                    }
                }
                #[cfg(feature = "server")]
                impl crate::server::Decode for #ident {
                    fn decode(name: &str, params: &crate::server::Params) -> ::std::result::Result<::std::option::Option<Self>, crate::server::DecodeError> {
                        match params.get(name) {
                            ::std::option::Option::None => ::std::result::Result::Ok(::std::option::Option::None),
                            ::std::option::Option::Some(value) => match value {
                                #(#decode_arms,)*
                                other => ::std::result::Result::Err(crate::server::DecodeError::Invalid {
                                    parameter: name.to_owned(),
                                    value: other.to_owned(),
                                    expected: #expected.to_owned(),
                                }),
                            },
                        }
                    }
                }
            }
        }
        (TypeKind::Struct(fields), Role::Input) => {
            let members = fields.iter().map(|f| {
                let fi = format_ident!("{}", f.rust);
                let ty = names.field_ty(f);
                let fd = field_doc(f, names);
                quote!(#fd pub #fi: #ty)
            });
            let ctor = constructor_and_setters(&t.name, fields, names);
            let default_derive = default_derive(fields);
            let code = input_code(fields, names, Some(quote!(name)));
            let (encode, validate, decode_fields) =
                (code.encode, code.validate, code.decode_fields);
            quote! {
                #d
                #[derive(Debug, Clone, PartialEq, Eq #default_derive)]
                #[non_exhaustive]
                pub struct #ident {
                    #(#members,)*
                }
                impl #ident {
                    #ctor
                }
                impl crate::wire::Wire for #ident {
                    fn encode(&self, name: &str, out: &mut ::std::vec::Vec<(::std::string::String, ::std::string::String)>) {
                        #encode
                    }
                    #[allow(unused_variables)]
                    fn validate(&self, name: &str) -> ::std::result::Result<(), crate::ValidationError> {
                        #validate
                        ::std::result::Result::Ok(())
                    }
                }
                #[cfg(feature = "server")]
                impl crate::server::Decode for #ident {
                    fn decode(name: &str, params: &crate::server::Params) -> ::std::result::Result<::std::option::Option<Self>, crate::server::DecodeError> {
                        if !params.has_under(name) {
                            return ::std::result::Result::Ok(::std::option::Option::None);
                        }
                        ::std::result::Result::Ok(::std::option::Option::Some(Self { #decode_fields }))
                    }
                }
            }
        }
        (TypeKind::Struct(fields), Role::Output) => {
            let members = output_fields(fields, names);
            quote! {
                #d
                #[derive(Debug, Clone, PartialEq, Eq, ::serde::Serialize, ::serde::Deserialize)]
                pub struct #ident {
                    #(#members,)*
                }
            }
        }
    }
}

fn output_fields<'a>(
    fields: &'a [Field],
    names: &'a Names<'_>,
) -> impl Iterator<Item = TokenStream> + 'a {
    fields.iter().map(move |f| {
        let fi = format_ident!("{}", f.rust);
        let ty = names.field_ty(f);
        let fd = field_doc(f, names);
        let wire = &f.wire;
        let with = match (&f.ty, f.required) {
            (TypeRef::Integer, true) => Some("crate::wire::de::int"),
            (TypeRef::Integer, false) => Some("crate::wire::de::opt_int"),
            (TypeRef::String, true) => Some("crate::wire::de::string"),
            (TypeRef::String, false) => Some("crate::wire::de::opt_string"),
            _ => None,
        };
        let with = with.map(|w| quote!(deserialize_with = #w,));
        let optional = if f.required {
            TokenStream::new()
        } else {
            quote!(
                default,
                skip_serializing_if = "::std::option::Option::is_none",
            )
        };
        quote! {
            #fd
            #[serde(rename = #wire, #with #optional)]
            pub #fi: #ty
        }
    })
}

fn error_enum(action: &Action, service: &Service) -> TokenStream {
    let name = format_ident!("{}Error", action.name);
    let business = action.errors.iter().map(|e| {
        let v = format_ident!("{}", e.variant);
        let d = doc(&format!("`{}`: {}", e.code_desc, e.doc));
        quote!(#d #v(crate::ServiceError))
    });
    let common = service.common_errors.iter().map(|e| {
        let v = format_ident!("{}", e.variant);
        let d = doc(&format!("Common error {}: {}", e.code, e.doc));
        quote!(#d #v(crate::ServiceError))
    });
    let all: Vec<_> = action
        .errors
        .iter()
        .map(|e| format_ident!("{}", e.variant))
        .chain(
            service
                .common_errors
                .iter()
                .map(|e| format_ident!("{}", e.variant)),
        )
        .chain(std::iter::once(format_ident!("Unhandled")))
        .collect();
    let desc_arms = action.errors.iter().map(|e| {
        let v = format_ident!("{}", e.variant);
        let cd = &e.code_desc;
        quote!(#cd => Self::#v(error))
    });
    let code_arms = service.common_errors.iter().map(|e| {
        let v = format_ident!("{}", e.variant);
        let code = Literal::i64_unsuffixed(e.code);
        quote!(#code => Self::#v(error))
    });
    let by_code = quote! {
        match error.code() {
            #(#code_arms,)*
            _ => Self::Unhandled(error),
        }
    };
    let by_desc = if action.errors.is_empty() {
        by_code
    } else {
        quote! {
            match error.code_desc() {
                #(#desc_arms,)*
                _ => #by_code,
            }
        }
    };
    let enum_doc = doc(&format!(
        "The errors of {}: its business errors (by `codeDesc`), the common errors (by `code`), \
         and `Unhandled` for any other answer. Every variant keeps the answer's `code`, \
         `codeDesc` and `message`.",
        action.name
    ));
    quote! {
        #enum_doc
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum #name {
            #(#business,)*
            #(#common,)*
            /// An answer that matches no business or common error of this action.
            Unhandled(crate::ServiceError),
        }
        impl #name {
            /// The answer's `code`, `codeDesc` and `message`.
            pub fn meta(&self) -> &crate::ServiceError {
                match self {
                    #(Self::#all(error))|* => error,
                }
            }
            /// The common error code, e.g. `4000`.
            pub fn code(&self) -> i64 {
                self.meta().code()
            }
            /// The business error code, e.g. `InvalidParameter.ScalingGroupIdError`.
            pub fn code_desc(&self) -> &str {
                self.meta().code_desc()
            }
            /// The error message, as received.
            pub fn message(&self) -> &str {
                self.meta().message()
            }
        }
        impl ::std::convert::From<crate::ServiceError> for #name {
            fn from(error: crate::ServiceError) -> Self {
                #by_desc
            }
        }
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.meta(), f)
            }
        }
        impl ::std::error::Error for #name {}
    }
}

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
    let local: BTreeSet<&str> = action.types.iter().map(|t| t.name.as_str()).collect();
    let names = Names { local };
    let action_name = &action.name;
    let request = format_ident!("{}Request", action.name);
    let call = format_ident!("{}Call", action.name);
    let output = format_ident!("{}Output", action.name);
    let error = format_ident!("{}Error", action.name);
    let method = format_ident!("{}", action.snake);

    let module_doc = inner_doc(&format!(
        "{}: {}",
        action.name,
        action.doc.lines().next().unwrap_or_default()
    ));
    let request_doc = doc(&format!(
        "The request of {}.\n\n{}",
        action.name,
        action_doc(action)
    ));
    let members = action.params.iter().map(|f| {
        let fi = format_ident!("{}", f.rust);
        let ty = names.field_ty(f);
        let fd = field_doc(f, &names);
        quote!(#fd pub #fi: #ty)
    });
    let ctor = constructor_and_setters(&format!("{}Request", action.name), &action.params, &names);
    let default_derive = default_derive(&action.params);
    let code = input_code(&action.params, &names, None);
    let (encode, validate, decode_fields) = (code.encode, code.validate, code.decode_fields);

    let required: Vec<&Field> = action.params.iter().filter(|f| f.required).collect();
    let args: Vec<TokenStream> = required
        .iter()
        .map(|f| {
            let ident = format_ident!("{}", f.rust);
            let (ty, _) = names.arg(f);
            quote!(#ident: #ty)
        })
        .collect();
    let arg_names: Vec<_> = required
        .iter()
        .map(|f| format_ident!("{}", f.rust))
        .collect();
    let call_setters = action
        .params
        .iter()
        .filter(|f| !f.required)
        .map(|f| setter(f, &names, quote!(self.request)));
    let allow = if required.len() > 7 {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        TokenStream::new()
    };
    let method_doc = doc(&format!(
        "Calls {}: {}\n\nReturns a [`{}Call`]: set optional parameters on it, then `send().await`.",
        action.name,
        action_doc(action),
        action.name
    ));
    let call_doc = doc(&format!(
        "A {} call being built by [`Client::{}`](crate::Client::{}); `send` signs and sends it.",
        action.name, action.snake, action.snake
    ));
    let output_doc = doc(&format!(
        "The `data` of a successful {} answer.",
        action.name
    ));
    let output_members = output_fields(&action.output, &names);
    let types = action.types.iter().map(|t| named_type(t, &names));
    let errors = error_enum(action, service);
    let decode_doc = doc(&format!(
        "Decodes a received {} request from its parameters and checks the spec's constraints.",
        action.name
    ));

    quote! {
        #module_doc

        #request_doc
        #[derive(Debug, Clone, PartialEq, Eq #default_derive)]
        #[non_exhaustive]
        pub struct #request {
            #(#members,)*
        }

        impl #request {
            #ctor
        }

        impl crate::Operation for #request {
            const ACTION: &'static str = #action_name;
            type Output = #output;
            type Error = #error;

            #[allow(unused_variables)]
            fn validate(&self) -> ::std::result::Result<(), crate::ValidationError> {
                #validate
                ::std::result::Result::Ok(())
            }

            fn encode(&self, out: &mut ::std::vec::Vec<(::std::string::String, ::std::string::String)>) {
                #encode
            }
        }

        #[cfg(feature = "server")]
        impl #request {
            #decode_doc
            pub fn decode(params: &crate::server::Params) -> ::std::result::Result<Self, crate::server::DecodeError> {
                let request = Self { #decode_fields };
                crate::Operation::validate(&request)?;
                ::std::result::Result::Ok(request)
            }
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
            #allow
            pub fn #method(&self, #(#args),*) -> #call<'_> {
                #call {
                    client: self,
                    request: #request::new(#(#arg_names),*),
                }
            }
        }

        #output_doc
        #[derive(Debug, Clone, PartialEq, Eq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #output {
            #(#output_members,)*
        }

        #errors

        #(#types)*
    }
}

/// `types.rs`: the service's shared types.
pub(crate) fn types_file(service: &Service) -> TokenStream {
    let local: BTreeSet<&str> = service.types.iter().map(|t| t.name.as_str()).collect();
    let names = Names { local };
    let types = service.types.iter().map(|t| named_type(t, &names));
    let d = inner_doc("Types shared by several actions.");
    quote! {
        #d
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

/// `service.rs`: the server-side trait with one method per action, and the router.
pub(crate) fn service_file(service: &Service) -> TokenStream {
    let trait_name = format_ident!("{}Service", service.name);
    // Actions a server does not implement answer like an unsupported interface.
    let unsupported = service
        .common_errors
        .iter()
        .find(|e| e.code == 6100)
        .map_or_else(
            || format_ident!("Unhandled"),
            |e| format_ident!("{}", e.variant),
        );
    let methods = service.actions.iter().map(|a| {
        let m = format_ident!("{}", a.snake);
        let module = format_ident!("{}", a.snake);
        let req = format_ident!("{}Request", a.name);
        let out = format_ident!("{}Output", a.name);
        let err = format_ident!("{}Error", a.name);
        let d = doc(&format!(
            "Handles {}: {}\n\nUnless implemented, answers code 6100 (interface not supported).",
            a.name,
            a.doc.lines().next().unwrap_or_default()
        ));
        let message = format!("(6100)the interface {} is not supported by this server", a.name);
        quote! {
            #d
            fn #m(&self, request: super::operation::#module::#req)
                -> impl ::std::future::Future<Output = ::std::result::Result<super::operation::#module::#out, super::operation::#module::#err>> + Send {
                let _ = request;
                async {
                    ::std::result::Result::Err(super::operation::#module::#err::#unsupported(
                        crate::ServiceError::new(6100, "InvalidAction", #message),
                    ))
                }
            }
        }
    });
    let arms = service.actions.iter().map(|a| {
        let m = format_ident!("{}", a.snake);
        let module = format_ident!("{}", a.snake);
        let req = format_ident!("{}Request", a.name);
        let name = &a.name;
        quote! {
            ::std::option::Option::Some(#name) => match super::operation::#module::#req::decode(params) {
                ::std::result::Result::Ok(request) => match service.#m(request).await {
                    ::std::result::Result::Ok(output) => crate::server::Reply::success(&output),
                    ::std::result::Result::Err(error) => crate::server::Reply::error(error.meta()),
                },
                ::std::result::Result::Err(error) => crate::server::Reply::error(&error.to_service_error()),
            }
        }
    });
    let names = service.actions.iter().map(|a| a.name.as_str());
    let module_doc = inner_doc(&format!(
        "The server side of {}: a trait with one method per action, and [`dispatch`], which \
         decodes a request's parameters, calls the method and builds the answer.",
        service.name
    ));
    let trait_doc = doc(&format!(
        "{}\n\nA server implements this trait; [`dispatch`] routes requests to it.",
        service.doc
    ));
    quote! {
        #module_doc

        /// The `Action` names this service has, sorted.
        pub const ACTIONS: &[&str] = &[#(#names),*];

        #trait_doc
        pub trait #trait_name: Send + Sync {
            #(#methods)*
        }

        /// Decodes `params` into the request of its `Action`, calls the matching method of
        /// `service`, and returns the answer: the output as `data` on success, the error's
        /// `code`, `codeDesc` and `message` otherwise. Parameters that do not make a valid
        /// request get code 4000 with a message naming the parameter; an unknown `Action` gets
        /// [`Reply::unsupported_action`](crate::server::Reply::unsupported_action).
        pub async fn dispatch<S: #trait_name + ?Sized>(service: &S, params: &crate::server::Params) -> crate::server::Reply {
            match params.action() {
                #(#arms,)*
                other => crate::server::Reply::unsupported_action(other),
            }
        }
    }
}

/// `mod.rs` of the generated folder.
pub(crate) fn root_mod(service: &Service) -> TokenStream {
    let d = inner_doc("Code generated from the specs in `api-specs/`.");
    let endpoint = format!("https://{}{}", service.host, service.path);
    let endpoint_doc = doc(&format!(
        "The {} API endpoint, from the service spec's `host` and `path`.",
        service.name
    ));
    quote! {
        #d
        #endpoint_doc
        pub const DEFAULT_ENDPOINT: &str = #endpoint;
        pub mod operation;
        pub mod types;
        #[cfg(feature = "server")]
        pub mod service;
    }
}
