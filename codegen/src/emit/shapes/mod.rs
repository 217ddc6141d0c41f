//! Shapes: structs (named types, requests, outputs) and enums.
//!
//! A struct is its fields with their wire names as serde names, a constructor taking the
//! required fields (by name when there are more than two), a setter per optional field, and a
//! table of constraints; an enum is its value table. Encoding, decoding and checking are the
//! runtime's.
//!
//! This module holds what a struct to emit is and dispatches each named type; `structs` writes a
//! struct, `members` its fields (types, docs, serde attributes, constructor arguments, setters
//! and default accessors), `validate` its constraint checks, `tolerant` how answers treat absent members, `encoding`
//! the serde impls of API 3.0 structs, and `enums` an enum.

mod encoding;
mod enums;
mod members;
mod structs;
mod tolerant;
mod validate;

pub(crate) use members::{positional_args, setter, setter_value};
pub(crate) use structs::struct_def;
pub(crate) use tolerant::Tolerance;

use super::{inner_doc, Names};
use crate::model::{Field, Service, Shape, ShapeKind};
use crate::protocol::Protocol;
use enums::enum_def;
use proc_macro2::TokenStream;
use quote::quote;

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
    /// How absent members of an answer decode.
    pub(crate) tolerance: Tolerance,
}

/// A named type.
pub(crate) fn shape_def(shape: &Shape, names: &Names<'_>, protocol: Protocol) -> TokenStream {
    let tolerance = Tolerance::of(protocol, shape.in_output);
    match &shape.kind {
        ShapeKind::Enum { repr, values } => {
            enum_def(shape, *repr, values, tolerance == Tolerance::Answer)
        }
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
                tolerance,
            },
            names,
        ),
    }
}

/// `types.rs`: the service's shared shapes.
pub(crate) fn types_file(service: &Service) -> TokenStream {
    let names = Names::new(service.types.iter().map(|t| t.name.as_str()), quote!(self));
    let types = service
        .types
        .iter()
        .map(|t| shape_def(t, &names, service.protocol));
    let d = inner_doc(
        "Shapes shared by several actions, used by parameters and outputs alike (`service.yaml`).",
    );
    quote! {
        #d
        #(#types)*
    }
}
