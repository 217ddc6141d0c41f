//! Shapes: structs (named types, requests, outputs) and enums.
//!
//! A struct is its fields with their wire names as serde names, a constructor taking the
//! required fields (by name when there are more than two), a setter per optional field, and a
//! table of constraints; an enum is its value table. Encoding, decoding and checking are the
//! runtime's.

use super::{doc, inner_doc, Names};
use crate::model::{
    Constraints, DefaultValue, EnumRepr, Field, Service, Shape, ShapeKind, TypeRef,
};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// When a struct derives `Deserialize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decode {
    /// Always: it is (or is reachable from) an output.
    Always,
    /// Only with the `server` feature: servers decode requests.
    ServerOnly,
}

/// A struct to emit.
pub(crate) struct StructDef<'a> {
    pub(crate) name: &'a str,
    pub(crate) doc: String,
    pub(crate) fields: &'a [Field],
    pub(crate) required_struct: Option<&'a str>,
    pub(crate) decode: Decode,
    /// Whether requests carry it: then it gets its constraint checks.
    pub(crate) validated: bool,
}

/// The rustdoc of a field: its doc, wire name, constraints and default.
fn field_doc(field: &Field) -> TokenStream {
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

fn field_ty(field: &Field, names: &Names<'_>) -> TokenStream {
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
            format!(": {}", super::summary(&field.doc))
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
fn serde_attr(field: &Field) -> TokenStream {
    let wire = &field.wire;
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
fn validate_impl(name: &str, fields: &[Field]) -> TokenStream {
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

/// A struct, its required-fields struct, its constructor, setters, default accessors and
/// constraint checks.
pub(crate) fn struct_def(def: &StructDef<'_>, names: &Names<'_>) -> TokenStream {
    let ident = format_ident!("{}", def.name);
    let d = doc(&def.doc);
    let members = def.fields.iter().map(|f| {
        let fi = format_ident!("{}", f.rust);
        let ty = field_ty(f, names);
        let fd = field_doc(f);
        let attr = serde_attr(f);
        quote!(#fd #attr pub #fi: #ty)
    });
    let all_optional = def.fields.iter().all(|f| !f.required);
    let default_derive = if all_optional {
        quote!(, Default)
    } else {
        TokenStream::new()
    };
    let deserialize = match def.decode {
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
    quote! {
        #d
        #[derive(Debug, Clone, PartialEq, Eq, ::serde::Serialize #default_derive)]
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
    }
}

/// `…_or_default()` of a field with a default.
fn default_accessor(f: &Field, names: &Names<'_>) -> Option<TokenStream> {
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

/// An enum: its variants, the unknown variant, and its value table.
fn enum_def(shape: &Shape, repr: EnumRepr, values: &[crate::model::EnumValue]) -> TokenStream {
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
    }
}

/// A named type.
pub(crate) fn shape_def(shape: &Shape, names: &Names<'_>) -> TokenStream {
    match &shape.kind {
        ShapeKind::Enum { repr, values } => enum_def(shape, *repr, values),
        ShapeKind::Struct {
            fields,
            required_struct,
        } => struct_def(
            &StructDef {
                name: &shape.name,
                doc: shape.doc.clone(),
                fields,
                required_struct: required_struct.as_deref(),
                decode: if shape.in_output {
                    Decode::Always
                } else {
                    Decode::ServerOnly
                },
                validated: shape.in_input,
            },
            names,
        ),
    }
}

/// `types.rs`: the service's shared shapes.
pub(crate) fn types_file(service: &Service) -> TokenStream {
    let names = Names::new(service.types.iter().map(|t| t.name.as_str()), quote!(self));
    let types = service.types.iter().map(|t| shape_def(t, &names));
    let d = inner_doc(
        "Shapes shared by several actions, used by parameters and outputs alike (`service.yaml`).",
    );
    quote! {
        #d
        #(#types)*
    }
}
