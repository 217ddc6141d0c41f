//! A struct's members: their types and rustdoc, their `#[serde]` attributes, the arguments of
//! constructors and setters, the setters themselves and the `…_or_default()` accessors.

use crate::emit::{doc, summary, Names};
use crate::model::{DefaultValue, Field, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The rustdoc of a field: its doc, wire name, constraints and default.
pub(super) fn field_doc(field: &Field) -> TokenStream {
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
            (DefaultValue::Variant(v), TypeRef::Enum(name)) => format!("`{name}::{v}`"),
            (DefaultValue::Integer(v), _) => format!("`{v}`"),
            (DefaultValue::String(v), _) => format!("`{v:?}`"),
            (DefaultValue::Variant(v), _) => format!("`{v}`"),
        };
        text.push_str(&format!(" The service takes {shown} when it is absent."));
    }
    doc(&text)
}

pub(super) fn field_ty(field: &Field, names: &Names<'_>) -> TokenStream {
    let ty = names.ty(&field.ty);
    if field.required {
        ty
    } else {
        quote!(::std::option::Option<#ty>)
    }
}

/// The argument type of a constructor or setter, and how to turn the argument into the field's
/// type (empty: as it is).
fn arg(field: &Field, names: &Names<'_>) -> (TokenStream, TokenStream) {
    let ident = format_ident!("{}", field.rust);
    match &field.ty {
        TypeRef::String => (
            quote!(impl ::std::convert::Into<::std::string::String>),
            quote!(#ident.into()),
        ),
        TypeRef::DateTime => (
            quote!(impl ::std::convert::Into<crate::shape::DateTime>),
            quote!(#ident.into()),
        ),
        TypeRef::List(inner) if **inner == TypeRef::String => (
            quote!(
                impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<::std::string::String>>
            ),
            quote!(#ident.into_iter().map(::std::convert::Into::into).collect()),
        ),
        TypeRef::List(inner) => {
            let inner = names.ty(inner);
            (
                quote!(impl ::std::iter::IntoIterator<Item = #inner>),
                quote!(#ident.into_iter().collect()),
            )
        }
        other => (names.ty(other), TokenStream::new()),
    }
}

/// The positional arguments of a constructor (at most two required fields), as `name: Type`,
/// and the field initialisers they give.
pub(crate) fn positional_args(
    fields: &[Field],
    names: &Names<'_>,
) -> (Vec<TokenStream>, Vec<TokenStream>) {
    fields
        .iter()
        .filter(|f| f.required)
        .map(|f| {
            let ident = format_ident!("{}", f.rust);
            let (ty, conv) = arg(f, names);
            let init = if conv.is_empty() {
                quote!(#ident)
            } else {
                quote!(#ident: #conv)
            };
            (quote!(#ident: #ty), init)
        })
        .unzip()
}

/// A builder-style setter of an optional field.
pub(crate) fn setter(field: &Field, names: &Names<'_>, body: TokenStream) -> TokenStream {
    let ident = format_ident!("{}", field.rust);
    let (ty, _) = arg(field, names);
    let d = doc(&format!(
        "Sets `{}`{}",
        field.wire,
        if field.doc.is_empty() {
            ".".to_owned()
        } else {
            format!(": {}", summary(&field.doc))
        }
    ));
    quote! {
        #d
        pub fn #ident(mut self, #ident: #ty) -> Self {
            #body
            self
        }
    }
}

/// The value of `field` built from the setter's argument.
pub(crate) fn setter_value(field: &Field, names: &Names<'_>) -> TokenStream {
    let ident = format_ident!("{}", field.rust);
    let (_, conv) = arg(field, names);
    if conv.is_empty() {
        quote!(#ident)
    } else {
        conv
    }
}

/// The `#[serde]` attribute of a field.
pub(super) fn serde_attr(field: &Field, tolerance: super::Tolerance) -> TokenStream {
    let wire = &field.wire;
    if field.required && tolerance == super::Tolerance::Answer {
        let tolerant = super::tolerant::attr(field);
        return quote!(#[serde(rename = #wire, #tolerant)]);
    }
    // Scalars decode leniently: numbers in strings and strings in numbers.
    let with = match (&field.ty, field.required) {
        (TypeRef::Integer, true) => Some(quote!(deserialize_with = "crate::shape::de::int",)),
        (TypeRef::Integer, false) => Some(quote!(deserialize_with = "crate::shape::de::opt_int",)),
        (TypeRef::String, true) => Some(quote!(deserialize_with = "crate::shape::de::string",)),
        (TypeRef::String, false) => {
            Some(quote!(deserialize_with = "crate::shape::de::opt_string",))
        }
        (TypeRef::List(item), required) if **item == TypeRef::String => Some(if required {
            quote!(deserialize_with = "crate::shape::de::strings",)
        } else {
            quote!(deserialize_with = "crate::shape::de::opt_strings",)
        }),
        (TypeRef::List(item), required) if **item == TypeRef::Integer => Some(if required {
            quote!(deserialize_with = "crate::shape::de::ints",)
        } else {
            quote!(deserialize_with = "crate::shape::de::opt_ints",)
        }),
        (TypeRef::Json(_), true) => Some(quote!(with = "crate::shape::json",)),
        (TypeRef::Json(_), false) => Some(quote!(with = "crate::shape::json::option",)),
        _ => None,
    };
    let optional = if field.required {
        TokenStream::new()
    } else {
        quote!(
            default,
            skip_serializing_if = "::std::option::Option::is_none",
        )
    };
    quote!(#[serde(rename = #wire, #with #optional)])
}

/// `…_or_default()` of a field with a default.
pub(super) fn default_accessor(f: &Field, names: &Names<'_>) -> Option<TokenStream> {
    let default = f.default.as_ref()?;
    let ident = format_ident!("{}", f.rust);
    let getter = format_ident!("{}", f.default_accessor());
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
}
