//! The constraint checks of a struct that requests carry: its `Validate` and `Check` impls and
//! the `Constraints` literal of each constrained field.

use crate::model::{Constraints, Field, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// A constraint table entry as a `Constraints` literal.
fn constraints_literal(c: &Constraints) -> TokenStream {
    let mut parts = Vec::new();
    let mut add = |name: &str, value: TokenStream| {
        let ident = format_ident!("{}", name);
        parts.push(quote!(#ident: ::std::option::Option::Some(#value)));
    };
    if let Some(v) = c.min {
        add("min", quote!(#v));
    }
    if let Some(v) = c.max {
        add("max", quote!(#v));
    }
    if let Some(v) = c.min_items {
        add("min_items", quote!(#v));
    }
    if let Some(v) = c.max_items {
        add("max_items", quote!(#v));
    }
    if let Some(v) = c.min_length {
        add("min_length", quote!(#v));
    }
    if let Some(v) = c.max_length {
        add("max_length", quote!(#v));
    }
    quote!(&crate::shape::Constraints { #(#parts,)* ..crate::shape::Constraints::NONE })
}

/// `impl Validate`: a line per constrained field and per field holding a struct or an enum.
pub(super) fn validate_impl(name: &str, fields: &[Field]) -> TokenStream {
    let ident = format_ident!("{}", name);
    let mut uses_unknown = false;
    let lines: Vec<TokenStream> = fields
        .iter()
        .flat_map(|f| {
            let fi = format_ident!("{}", f.rust);
            let wire = &f.wire;
            let at = quote!(&crate::shape::child(name, #wire));
            let mut lines = Vec::new();
            if !f.constraints.is_empty() {
                let c = constraints_literal(&f.constraints);
                lines.push(quote!(crate::shape::Check::check(&self.#fi, #at, #c)?;));
            }
            if matches!(f.ty.item(), TypeRef::Struct(_) | TypeRef::Enum(_)) {
                uses_unknown = true;
                lines.push(quote!(crate::shape::Validate::validate(&self.#fi, #at, unknown)?;));
            }
            lines
        })
        .collect();
    if lines.is_empty() {
        return quote! {
            impl crate::shape::Validate for #ident {}
            impl crate::shape::Check for #ident {}
        };
    }
    let unknown = if uses_unknown {
        quote!(unknown)
    } else {
        quote!(_unknown)
    };
    quote! {
        impl crate::shape::Check for #ident {}
        impl crate::shape::Validate for #ident {
            fn validate(&self, name: &str, #unknown: crate::shape::UnknownValues) -> ::std::result::Result<(), crate::ValidationError> {
                #(#lines)*
                ::std::result::Result::Ok(())
            }
        }
    }
}
