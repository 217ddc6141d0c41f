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
