//! An enum: its variants, the `Unknown` variant for values the spec does not list, and its
//! value table (`EnumShape`).

use crate::emit::doc;
use crate::model::{EnumRepr, Shape};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// An enum: its variants, the unknown variant, and its value table.
pub(super) fn enum_def(
    shape: &Shape,
    repr: EnumRepr,
    values: &[crate::model::EnumValue],
    answer: bool,
) -> TokenStream {
    let ident = format_ident!("{}", shape.name);
    let d = doc(&format!(
        "{}{}Values the spec does not list decode as `Unknown`, which keeps them as received.",
        shape.doc,
        if shape.doc.is_empty() { "" } else { "\n\n" }
    ));
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
    let variant_idents: Vec<_> = values.iter().map(|v| format_ident!("{}", v.name)).collect();
    let positions = (0..values.len()).map(proc_macro2::Literal::usize_unsuffixed);
    let wires = values.iter().map(|v| v.wire.as_str());
    let names = values.iter().map(|v| v.name.as_str());
    let name = &shape.name;
    let repr = match repr {
        EnumRepr::Integer => quote!(crate::shape::EnumRepr::Integer),
        EnumRepr::String => quote!(crate::shape::EnumRepr::String),
    };
    // API 3.0 answers read an absent or `null` member as `Unknown` holding empty text.
    let default = if answer {
        quote! {
            impl ::std::default::Default for #ident {
                /// `Unknown` holding empty text: what an answer that leaves the member out (or
                /// sends `null`) decodes to.
                fn default() -> Self {
                    Self::Unknown(::std::default::Default::default())
                }
            }
        }
    } else {
        TokenStream::new()
    };
    quote! {
        #d
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #ident {
            #(#variants,)*
            /// A value the spec does not list, kept as received.
            Unknown(crate::shape::UnknownValue),
        }
        impl crate::shape::EnumShape for #ident {
            const NAME: &'static str = #name;
            const REPR: crate::shape::EnumRepr = #repr;
            const VALUES: &'static [Self] = &[#(Self::#variant_idents),*];
            const WIRE: &'static [&'static str] = &[#(#wires),*];
            const NAMES: &'static [&'static str] = &[#(#names),*];
            fn unknown(value: crate::shape::UnknownValue) -> Self {
                Self::Unknown(value)
            }
            fn index(&self) -> ::std::result::Result<usize, &crate::shape::UnknownValue> {
                match self {
                    #(Self::#variant_idents => ::std::result::Result::Ok(#positions),)*
                    Self::Unknown(value) => ::std::result::Result::Err(value),
                }
            }
        }
        crate::enum_shape!(#ident);
        #default
    }
}
