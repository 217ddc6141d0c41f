//! A struct: its members, its required-fields struct, its constructor, setters, default
//! accessors and constraint checks.

use super::encoding::{members_impl, serialize_impl, server_attr};
use super::members::{default_accessor, field_doc, field_ty, positional_args, serde_attr};
use super::members::{setter, setter_value};
use super::tolerant::{tolerant_impl, Tolerance};
use super::validate::validate_impl;
use super::{Decode, StructDef};
use crate::emit::{doc, Names};
use crate::model::Field;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// A struct, its required-fields struct, its constructor, setters, default accessors and
/// constraint checks.
pub(crate) fn struct_def(def: &StructDef<'_>, names: &Names<'_>) -> TokenStream {
    let ident = format_ident!("{}", def.name);
    let d = doc(&def.doc);
    // API 3.0 structs have generated serde impls (see `encoding`); an answer's struct decodes
    // through `qcloud_as::shape::members`, a request-only one derives `Deserialize` for servers.
    let generated_serde = def.tolerance != Tolerance::None;
    let own_decode = def.decode == Decode::Always && def.tolerance == Tolerance::Answer;
    let members = def.fields.iter().map(|f| {
        let fi = format_ident!("{}", f.rust);
        let ty = field_ty(f, names);
        let fd = field_doc(f);
        let attr = if own_decode {
            TokenStream::new()
        } else if generated_serde {
            server_attr(serde_attr(f, def.tolerance))
        } else {
            serde_attr(f, def.tolerance)
        };
        quote!(#fd #attr pub #fi: #ty)
    });
    // An answer's struct reads as its default when absent, so it has one.
    let all_optional = def.fields.iter().all(|f| !f.required);
    let default_derive = if all_optional || def.tolerance == Tolerance::Answer {
        quote!(, Default)
    } else {
        TokenStream::new()
    };
    let deserialize = match def.decode {
        Decode::Always if own_decode => TokenStream::new(),
        Decode::Always => quote!(#[derive(::serde::Deserialize)]),
        Decode::ServerOnly => quote!(#[cfg_attr(feature = "server", derive(::serde::Deserialize))]),
    };
    let required: Vec<&Field> = def.fields.iter().filter(|f| f.required).collect();
    let optional_inits = def.fields.iter().filter(|f| !f.required).map(|f| {
        let fi = format_ident!("{}", f.rust);
        quote!(#fi: ::std::option::Option::None)
    });
    let required_list = required
        .iter()
        .map(|f| format!("`{}`", f.wire))
        .collect::<Vec<_>>()
        .join(", ");
    let (required_struct, constructor) = match def.required_struct {
        Some(rs) => {
            let rs_ident = format_ident!("{}", rs);
            let rs_doc = doc(&format!(
                "The required fields of [`{}`], by name: a struct literal that leaves one out, or \
                 gives one the wrong type, does not compile.",
                def.name
            ));
            let rs_members = required.iter().map(|f| {
                let fi = format_ident!("{}", f.rust);
                let ty = names.ty(&f.ty);
                let fd = doc(&format!("`{}`: see [`{}::{}`].", f.wire, def.name, f.rust));
                quote!(#fd pub #fi: #ty)
            });
            let moves = required.iter().map(|f| {
                let fi = format_ident!("{}", f.rust);
                quote!(#fi: required.#fi)
            });
            let new_doc = doc(&format!(
                "Creates a `{}` from its required fields ({required_list}); set the others with \
                 the setters.",
                def.name
            ));
            (
                quote! {
                    #rs_doc
                    #[derive(Debug)]
                    pub struct #rs_ident {
                        #(#rs_members,)*
                    }
                },
                quote! {
                    #new_doc
                    pub fn new(required: #rs_ident) -> Self {
                        Self { #(#moves,)* #(#optional_inits,)* }
                    }
                },
            )
        }
        None => {
            let (args, inits) = positional_args(def.fields, names);
            let new_doc = doc(&if required.is_empty() {
                format!("Creates a `{}` with no field set.", def.name)
            } else {
                format!(
                    "Creates a `{}` from its required fields ({required_list}); set the others \
                     with the setters.",
                    def.name
                )
            });
            (
                TokenStream::new(),
                quote! {
                    #new_doc
                    pub fn new(#(#args),*) -> Self {
                        Self { #(#inits,)* #(#optional_inits,)* }
                    }
                },
            )
        }
    };
    let setters = def.fields.iter().filter(|f| !f.required).map(|f| {
        let fi = format_ident!("{}", f.rust);
        let value = setter_value(f, names);
        setter(
            f,
            names,
            quote!(self.#fi = ::std::option::Option::Some(#value);),
        )
    });
    let defaults = def.fields.iter().filter_map(|f| default_accessor(f, names));
    let validate = if def.validated {
        validate_impl(def.name, def.fields)
    } else {
        TokenStream::new()
    };
    let tolerant = tolerant_impl(def, names);
    let members_impl = if own_decode {
        members_impl(def)
    } else {
        TokenStream::new()
    };
    let (serialize_derive, serialize_impl) = if generated_serde {
        (TokenStream::new(), serialize_impl(def))
    } else {
        (quote!(, ::serde::Serialize), TokenStream::new())
    };
    quote! {
        #d
        #[derive(Debug, Clone, PartialEq, Eq #serialize_derive #default_derive)]
        #deserialize
        #[non_exhaustive]
        pub struct #ident {
            #(#members,)*
        }
        #required_struct
        impl #ident {
            #constructor
            #(#setters)*
            #(#defaults)*
        }
        #validate
        #tolerant
        #serialize_impl
        #members_impl
    }
}
