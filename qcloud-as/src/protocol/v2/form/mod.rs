//! The flat parameter encoding of API 2.0, as a serde serializer and deserializer.
//!
//! A request is a flat list of `name=value` pairs. Lists are sent as `name.0`, `name.1`, …;
//! struct members as `name.member`; the two nest (`forwardLBInfos.0.rsInfoSet.0.port`). Generated
//! shapes only derive `Serialize` / `Deserialize` with their wire names; this module is the one
//! place that knows how they are flattened, and servers read them back with the same rules.

use crate::shape::child;
use serde::ser::{self, Serialize};
use std::fmt;

#[cfg(feature = "server")]
pub(crate) mod de;

#[cfg(test)]
mod tests {
    #[test]
    fn form_encoding_matches_the_form_urlencoded_crate() {
        for text in [
            "",
            "plain",
            "a b",
            "a+b&c=d",
            "ins-中文",
            "😀/%",
            "HgIYOPcx5lN6gz8JsCFBNAWp2oQ=",
            "*-._~!'()",
            "\u{7f}\u{0}",
        ] {
            let mut ours = String::new();
            super::push_form_encoded(&mut ours, text);
            let theirs: String = form_urlencoded::byte_serialize(text.as_bytes()).collect();
            assert_eq!(ours, theirs, "{text:?}");
        }
    }
}

/// Appends `text` to `out` as `application/x-www-form-urlencoded` does: letters, digits and
/// `*-._` as they are, a space as `+`, every other byte as `%XX`. The same bytes as the
/// `form_urlencoded` crate gives, written in runs.
pub(crate) fn push_form_encoded(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    /// Bytes written as they are.
    const KEEP: [bool; 256] = {
        let mut keep = [false; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            keep[b] = c.is_ascii_alphanumeric() || matches!(c, b'*' | b'-' | b'.' | b'_');
            b += 1;
        }
        keep
    };
    let bytes = text.as_bytes();
    // Most names and values need no escape: checked without an early exit, which the
    // compiler turns into a vector loop, then copied whole.
    let plain = bytes.iter().fold(true, |plain, &b| {
        plain & (b.is_ascii_alphanumeric() | (b == b'*') | (b == b'-') | (b == b'.') | (b == b'_'))
    });
    if plain {
        out.push_str(text);
        return;
    }
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if KEEP[usize::from(b)] {
            continue;
        }
        // A run of kept bytes is ASCII: it starts and ends on character boundaries.
        if let Some(run) = text.get(start..i) {
            out.push_str(run);
        }
        if b == b' ' {
            out.push('+');
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
        start = i + 1;
    }
    if let Some(run) = text.get(start..) {
        out.push_str(run);
    }
}

/// A value that has no flat form: a map, or a scalar with no name. Generated shapes never
/// produce one; a hand-written `Serialize` could.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError {
    /// Where it happened (the parameter name built so far).
    pub name: String,
    /// What could not be encoded.
    pub message: String,
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for FormError {}

impl ser::Error for FormError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        FormError {
            name: String::new(),
            message: msg.to_string(),
        }
    }
}

/// Appends the parameters of `value` (a request: a struct with named fields) to `out`.
pub fn to_pairs<T: Serialize + ?Sized>(
    value: &T,
    out: &mut Vec<(String, String)>,
) -> Result<(), FormError> {
    value.serialize(Flat {
        name: String::new(),
        out,
    })
}

/// Serializes one value under `name`.
struct Flat<'a> {
    name: String,
    out: &'a mut Vec<(String, String)>,
}

impl Flat<'_> {
    fn leaf(self, value: String) -> Result<(), FormError> {
        if self.name.is_empty() {
            return Err(FormError {
                name: self.name,
                message: "a request must be a struct with named fields".to_owned(),
            });
        }
        self.out.push((self.name, value));
        Ok(())
    }

    fn unsupported(&self, what: &str) -> FormError {
        FormError {
            name: self.name.clone(),
            message: format!("{what} has no API 2.0 form encoding"),
        }
    }
}

/// Serializes list items and struct members, each under its own name.
struct Members<'a> {
    name: String,
    out: &'a mut Vec<(String, String)>,
    index: usize,
}

impl Members<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormError> {
        let name = child(&self.name, &self.index.to_string());
        self.index += 1;
        value.serialize(Flat {
            name,
            out: self.out,
        })
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), FormError> {
        value.serialize(Flat {
            name: child(&self.name, key),
            out: self.out,
        })
    }
}

/// List items: sequences, tuples and tuple structs are all numbered `name.0`, `name.1`, ….
macro_rules! items_impl {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Members<'_> {
            type Ok = ();
            type Error = FormError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormError> {
                self.item(value)
            }
            fn end(self) -> Result<(), FormError> {
                Ok(())
            }
        }
    )*};
}

items_impl!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field
);

impl ser::SerializeStruct for Members<'_> {
    type Ok = ();
    type Error = FormError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), FormError> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), FormError> {
        Ok(())
    }
}

/// Maps, tuple variants and struct variants are refused before any of these is made.
enum Never {}

macro_rules! never_impl {
    ($($trait:ident { $($method:ident ( $($arg:ident : $ty:ty),* );)* })*) => {$(
        impl ser::$trait for Never {
            type Ok = ();
            type Error = FormError;
            $(fn $method<T: Serialize + ?Sized>(&mut self, $($arg: $ty),*) -> Result<(), FormError> {
                let _ = ($($arg),*);
                match *self {}
            })*
            fn end(self) -> Result<(), FormError> {
                match self {}
            }
        }
    )*};
}

never_impl! {
    SerializeTupleVariant { serialize_field(value: &T); }
    SerializeStructVariant { serialize_field(key: &'static str, value: &T); }
}

impl ser::SerializeMap for Never {
    type Ok = ();
    type Error = FormError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, _key: &T) -> Result<(), FormError> {
        match *self {}
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, _value: &T) -> Result<(), FormError> {
        match *self {}
    }
    fn end(self) -> Result<(), FormError> {
        match self {}
    }
}

impl<'a> ser::Serializer for Flat<'a> {
    type Ok = ();
    type Error = FormError;
    type SerializeSeq = Members<'a>;
    type SerializeTuple = Members<'a>;
    type SerializeTupleStruct = Members<'a>;
    type SerializeTupleVariant = Never;
    type SerializeMap = Never;
    type SerializeStruct = Members<'a>;
    type SerializeStructVariant = Never;

    fn serialize_bool(self, v: bool) -> Result<(), FormError> {
        self.leaf(if v { "true" } else { "false" }.to_owned())
    }
    fn serialize_i8(self, v: i8) -> Result<(), FormError> {
        self.leaf(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<(), FormError> {
        self.leaf(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<(), FormError> {
        self.leaf(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<(), FormError> {
        self.leaf(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<(), FormError> {
        self.leaf(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<(), FormError> {
        self.leaf(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<(), FormError> {
        self.leaf(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<(), FormError> {
        self.leaf(v.to_string())
    }
    fn serialize_f32(self, v: f32) -> Result<(), FormError> {
        self.leaf(v.to_string())
    }
    fn serialize_f64(self, v: f64) -> Result<(), FormError> {
        self.leaf(v.to_string())
    }
    fn serialize_char(self, v: char) -> Result<(), FormError> {
        self.leaf(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<(), FormError> {
        self.leaf(v.to_owned())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), FormError> {
        Err(self.unsupported("a byte string"))
    }
    fn serialize_none(self) -> Result<(), FormError> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), FormError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), FormError> {
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), FormError> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), FormError> {
        self.leaf(variant.to_owned())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), FormError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), FormError> {
        Err(self.unsupported("an enum variant with data"))
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Members<'a>, FormError> {
        Ok(Members {
            name: self.name,
            out: self.out,
            index: 0,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Members<'a>, FormError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Members<'a>, FormError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Never, FormError> {
        Err(self.unsupported("an enum variant with data"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Never, FormError> {
        Err(self.unsupported("a map"))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Members<'a>, FormError> {
        Ok(Members {
            name: self.name,
            out: self.out,
            index: 0,
        })
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Never, FormError> {
        Err(self.unsupported("an enum variant with data"))
    }
}
