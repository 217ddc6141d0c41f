//! The serde impls of API 3.0 structs, generated rather than derived: `Serialize` for every
//! struct, and `Deserialize` for answer structs (outputs and the shapes they hold), each a call
//! into `qcloud_as::shape::members` with the struct's table of wire names. Request-only
//! structs derive `Deserialize` with the `server` feature (their `#[serde]` attributes are
//! behind it too). API 2.0 structs keep serde's derives.

use super::StructDef;
use crate::model::{Field, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The `#[serde]` attribute of a member of a request-only struct, for the derive the `server`
/// feature adds.
pub(super) fn server_attr(attr: TokenStream) -> TokenStream {
    // `attr` is `#[serde(…)]`: keep its inside.
    let inner: Vec<proc_macro2::TokenTree> = attr.into_iter().collect();
    match inner.last() {
        Some(proc_macro2::TokenTree::Group(group)) => {
            let serde = group.stream();
            quote!(#[cfg_attr(feature = "server", #serde)])
        }
        _ => TokenStream::new(),
    }
}

/// The `Serialize` impl of a struct: each member by its wire name, an optional one only when
/// set, a JSON-document member as the text of its document.
pub(super) fn serialize_impl(def: &StructDef<'_>) -> TokenStream {
    let ident = format_ident!("{}", def.name);
    let name = def.name;
    // The number of members written: the required ones, and each optional one that is set.
    let required = def.fields.iter().filter(|f| f.required).count();
    let mut counts: Vec<TokenStream> = Vec::new();
    if required > 0 || def.fields.is_empty() {
        counts.push(quote!(#required));
    }
    counts.extend(def.fields.iter().filter(|f| !f.required).map(|f| {
        let fi = format_ident!("{}", f.rust);
        quote!(usize::from(self.#fi.is_some()))
    }));
    let fields = def.fields.iter().map(serialize_field);
    let state = if def.fields.is_empty() {
        quote!(state)
    } else {
        quote!(mut state)
    };
    quote! {
        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                let #state = serializer.serialize_struct(#name, #(#counts)+*)?;
                #(#fields)*
                ::serde::ser::SerializeStruct::end(state)
            }
        }
    }
}

fn serialize_field(field: &Field) -> TokenStream {
    let fi = format_ident!("{}", field.rust);
    let wire = &field.wire;
    let value = match (&field.ty, field.required) {
        (TypeRef::Json(_), true) => quote!(&crate::shape::json::AsJson(&self.#fi)),
        (TypeRef::Json(_), false) => quote!(&crate::shape::json::AsJson(value)),
        (_, true) => quote!(&self.#fi),
        (_, false) => quote!(value),
    };
    if field.required {
        quote!(::serde::ser::SerializeStruct::serialize_field(&mut state, #wire, #value)?;)
    } else {
        quote! {
            if let ::std::option::Option::Some(value) = &self.#fi {
                ::serde::ser::SerializeStruct::serialize_field(&mut state, #wire, #value)?;
            }
        }
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
