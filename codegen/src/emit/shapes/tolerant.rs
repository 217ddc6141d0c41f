//! Tolerant answers (API 3.0): the `#[serde]` attributes that read an absent or `null` member
//! of an answer as its type's default, and each struct's `qcloud_as::shape::Tolerant` impl (the
//! members read that way, and a walk that finds them absent in a received document).

use super::StructDef;
use crate::emit::Names;
use crate::model::{Field, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// How a struct treats absent members when it is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tolerance {
    /// API 2.0: a required member that is absent fails the decode; no `Tolerant` impl.
    None,
    /// An API 3.0 shape only requests carry: strict, but it gets a `Tolerant` impl (with no
    /// tolerated member) so a walk reaches the shapes it holds.
    Walk,
    /// An API 3.0 output, or a shape an output holds: every required member reads absent or
    /// `null` as its type's default.
    Answer,
}

impl Tolerance {
    /// A shape's tolerance: `in_output` when it is an output or an output reaches it.
    pub(crate) fn of(protocol: crate::protocol::Protocol, in_output: bool) -> Tolerance {
        match (protocol, in_output) {
            (crate::protocol::Protocol::QcloudV2, _) => Tolerance::None,
            (crate::protocol::Protocol::TencentV3, false) => Tolerance::Walk,
            (crate::protocol::Protocol::TencentV3, true) => Tolerance::Answer,
        }
    }
}

/// The `deserialize_with` (and `default`) of a required member of an answer.
pub(super) fn attr(field: &Field) -> TokenStream {
    let with = match &field.ty {
        TypeRef::Integer => "crate::shape::tolerant::int",
        TypeRef::String => "crate::shape::tolerant::string",
        TypeRef::List(item) if **item == TypeRef::String => "crate::shape::tolerant::strings",
        TypeRef::List(item) if **item == TypeRef::Integer => "crate::shape::tolerant::ints",
        TypeRef::Json(_) => {
            return quote!(
                default,
                deserialize_with = "crate::shape::tolerant::json",
                serialize_with = "crate::shape::json::serialize",
            )
        }
        _ => "crate::shape::tolerant::or_default",
    };
    quote!(default, deserialize_with = #with,)
}

/// The `#[serde]` attribute of a member of an answer struct whose `Deserialize` is
/// [`members_impl`]'s: only what encoding needs.
pub(super) fn serialize_attr(field: &Field) -> TokenStream {
    let wire = &field.wire;
    match (&field.ty, field.required) {
        (TypeRef::Json(_), true) => {
            quote!(#[serde(rename = #wire, serialize_with = "crate::shape::json::serialize")])
        }
        (TypeRef::Json(_), false) => quote!(#[serde(
            rename = #wire,
            serialize_with = "crate::shape::json::option::serialize",
            skip_serializing_if = "::std::option::Option::is_none",
        )]),
        (_, true) => quote!(#[serde(rename = #wire)]),
        (_, false) => quote!(#[serde(
            rename = #wire,
            skip_serializing_if = "::std::option::Option::is_none",
        )]),
    }
}

/// The `Deserialize` impl of an answer struct, and its `qcloud_as::shape::members::Members`
/// impl: the wire names, and the seed that reads each member (tolerant of absence and `null`
/// for a required member, `None` for an optional one; scalars leniently).
pub(super) fn members_impl(def: &StructDef<'_>) -> TokenStream {
    let ident = format_ident!("{}", def.name);
    let name = def.name;
    let wire = def.fields.iter().map(|f| f.wire.as_str());
    let arms = def.fields.iter().enumerate().map(|(i, f)| {
        let fi = format_ident!("{}", f.rust);
        let seed = match (&f.ty, f.required) {
            (TypeRef::String, true) => quote!(m::Str),
            (TypeRef::String, false) => quote!(m::OptStr),
            (TypeRef::Integer, true) => quote!(m::Int),
            (TypeRef::Integer, false) => quote!(m::OptInt),
            (TypeRef::List(item), true) if **item == TypeRef::String => quote!(m::Strs),
            (TypeRef::List(item), false) if **item == TypeRef::String => quote!(m::OptStrs),
            (TypeRef::List(item), true) if **item == TypeRef::Integer => quote!(m::Ints),
            (TypeRef::List(item), false) if **item == TypeRef::Integer => quote!(m::OptInts),
            (TypeRef::Json(_), true) => quote!(m::Json(::std::marker::PhantomData)),
            (TypeRef::Json(_), false) => quote!(m::OptJson(::std::marker::PhantomData)),
            (_, true) => quote!(m::Or(::std::marker::PhantomData)),
            (_, false) => quote!(m::Opt(::std::marker::PhantomData)),
        };
        quote!(#i => self.#fi = map.next_value_seed(#seed)?,)
    });
    let index = if def.fields.is_empty() {
        quote!(_index)
    } else {
        quote!(index)
    };
    let body = if def.fields.is_empty() {
        quote! {
            map.next_value::<::serde::de::IgnoredAny>()?;
        }
    } else {
        quote! {
            use crate::shape::members as m;
            match #index {
                #(#arms)*
                _ => {
                    map.next_value::<::serde::de::IgnoredAny>()?;
                }
            }
        }
    };
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                crate::shape::members::deserialize(deserializer)
            }
        }
        impl crate::shape::members::Members for #ident {
            const NAME: &'static str = #name;
            const WIRE: &'static [&'static str] = &[#(#wire),*];
            fn member<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                #index: usize,
                map: &mut A,
            ) -> ::std::result::Result<(), A::Error> {
                #body
                ::std::result::Result::Ok(())
            }
        }
    }
}

/// The struct's `Tolerant` impl, or nothing for API 2.0.
pub(super) fn tolerant_impl(def: &StructDef<'_>, names: &Names<'_>) -> TokenStream {
    if def.tolerance == Tolerance::None {
        return TokenStream::new();
    }
    let ident = format_ident!("{}", def.name);
    let tolerated: Vec<&str> = if def.tolerance == Tolerance::Answer {
        def.fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.wire.as_str())
            .collect()
    } else {
        Vec::new()
    };
    let nested = def.fields.iter().filter_map(|f| match f.ty.item() {
        TypeRef::Struct(name) => {
            let path = names.path(name);
            let wire = &f.wire;
            Some(quote!(walk.nested::<#path>(value, #wire);))
        }
        _ => None,
    });
    let walk_members = if tolerated.is_empty() {
        TokenStream::new()
    } else {
        quote!(walk.members(value, Self::TOLERATED);)
    };
    let nested: Vec<TokenStream> = nested.collect();
    let (value, walk) = if tolerated.is_empty() && nested.is_empty() {
        (quote!(_value), quote!(_walk))
    } else {
        (quote!(value), quote!(walk))
    };
    quote! {
        impl crate::shape::Tolerant for #ident {
            const TOLERATED: &'static [&'static str] = &[#(#tolerated),*];
            fn find_absent(#value: &::serde_json::Value, #walk: &mut crate::shape::tolerant::Walk) {
                #walk_members
                #(#nested)*
            }
        }
    }
}
