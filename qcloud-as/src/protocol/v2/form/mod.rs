//! The flat parameter encoding of API 2.0, as a serde serializer and deserializer.
//!
//! A request is a flat list of `name=value` pairs. Lists are sent as `name.0`, `name.1`, …;
//! struct members as `name.member`; the two nest (`forwardLBInfos.0.rsInfoSet.0.port`). Generated
//! shapes only derive `Serialize` / `Deserialize` with their wire names; this module is the one
//! place that knows how they are flattened, and servers read them back with the same rules.

use serde::ser::{self, Serialize};
use std::fmt::{self, Write as _};

#[cfg(feature = "server")]
pub(crate) mod de;

mod encode;
#[cfg(test)]
mod tests;

pub(crate) use encode::{is_plain, is_plain_const, push_form_encoded};

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
    let mut flat = Flattened::default();
    let result = flatten(value, &mut flat);
    // The pairs written before an error are kept, as they were when each was its own pair.
    out.reserve(flat.len());
    out.extend(
        flat.iter()
            .map(|(name, value)| (name.to_owned(), value.to_owned())),
    );
    result
}

/// Appends the parameters of `value` (a request: a struct with named fields) to `out`: the
/// pairs [`to_pairs`] gives, in one buffer.
pub(crate) fn flatten<T: Serialize + ?Sized>(
    value: &T,
    out: &mut Flattened,
) -> Result<(), FormError> {
    value.serialize(Flat { name: None, out })
}

/// The parameters of a request in one buffer: each name followed by its value, pair after
/// pair, so that flattening a request allocates twice, not twice per parameter.
#[derive(Debug, Clone, Default)]
pub(crate) struct Flattened {
    text: String,
    /// For each pair, where its name ends (its value starts) and where its value ends; a pair
    /// starts where the one before it ends.
    ends: Vec<(usize, usize)>,
}

impl Flattened {
    /// An empty list with room for `pairs` pairs of `text` bytes in all.
    pub(crate) fn with_capacity(text: usize, pairs: usize) -> Flattened {
        Flattened {
            text: String::with_capacity(text),
            ends: Vec::with_capacity(pairs),
        }
    }

    /// How many pairs it holds.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Every name and value, one after the other.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The pairs, in the order they were written.
    pub(crate) fn iter(&self) -> Pairs<'_> {
        Pairs {
            text: &self.text,
            ends: self.ends.iter(),
            start: 0,
        }
    }

    /// Writes `n` in decimal after the pairs (not as a pair), and gives where it is in
    /// [`Flattened::text`].
    pub(crate) fn push_number(&mut self, n: u64) -> std::ops::Range<usize> {
        let start = self.text.len();
        push_decimal(&mut self.text, n);
        start..self.text.len()
    }
}

/// The pairs of a [`Flattened`], as `(name, value)`.
#[derive(Debug, Clone)]
pub(crate) struct Pairs<'a> {
    text: &'a str,
    ends: std::slice::Iter<'a, (usize, usize)>,
    start: usize,
}

impl<'a> Iterator for Pairs<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        let &(split, end) = self.ends.next()?;
        // Every end was taken after a whole `str` was written: all are character boundaries.
        let name = self.text.get(self.start..split).unwrap_or_default();
        let value = self.text.get(split..end).unwrap_or_default();
        self.start = end;
        Some((name, value))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.ends.size_hint()
    }
}

impl ExactSizeIterator for Pairs<'_> {}

/// Appends `n` in decimal, as `n.to_string()` writes it.
fn push_decimal(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    for slot in digits.iter_mut().rev() {
        *slot = b'0' + (n % 10) as u8;
        start -= 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in digits.get(start..).unwrap_or_default() {
        // A digit is ASCII: the mask tells the compiler so (one byte, no UTF-8 to encode).
        out.push(char::from(d & 0x7f));
    }
}

/// Appends `n` in decimal, as `n.to_string()` writes it.
fn push_signed(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_decimal(out, n.unsigned_abs());
}

/// One segment of a parameter name: a struct member or a list index.
#[derive(Clone, Copy)]
enum Segment {
    Key(&'static str),
    Index(usize),
}

/// The name of the value being serialized, as a chain of segments up to the request; written
/// out only for a leaf (a scalar), straight into the buffer.
struct Name<'n> {
    parent: Option<&'n Name<'n>>,
    segment: Segment,
}

/// Appends the name `name` to `out`, whose text from `start` on is the name so far: segments
/// joined with `.` (`a` + `b` → `a.b`; `""` + `b` → `b`, as `shape::child` joins them).
fn write_name(out: &mut String, start: usize, name: Option<&Name<'_>>) {
    if let Some(name) = name {
        write_name(out, start, name.parent);
        if out.len() > start {
            out.push('.');
        }
        match name.segment {
            Segment::Key(key) => out.push_str(key),
            Segment::Index(index) => push_decimal(out, index as u64),
        }
    }
}

/// Serializes one value under `name`.
struct Flat<'a, 'n> {
    name: Option<&'n Name<'n>>,
    out: &'a mut Flattened,
}

impl Flat<'_, '_> {
    /// Writes one pair: the name, then the value `write` appends.
    fn leaf_with(self, write: impl FnOnce(&mut String)) -> Result<(), FormError> {
        let text = &mut self.out.text;
        let start = text.len();
        write_name(text, start, self.name);
        if text.len() == start {
            return Err(FormError {
                name: String::new(),
                message: "a request must be a struct with named fields".to_owned(),
            });
        }
        let split = text.len();
        write(text);
        let end = text.len();
        self.out.ends.push((split, end));
        Ok(())
    }

    fn leaf(self, value: &str) -> Result<(), FormError> {
        self.leaf_with(|text| text.push_str(value))
    }

    /// A scalar written with its `Display` (as `to_string` writes it).
    fn leaf_display(self, value: impl fmt::Display) -> Result<(), FormError> {
        self.leaf_with(|text| {
            // Writing to a `String` does not fail.
            let _ = write!(text, "{value}");
        })
    }

    fn unsupported(&self, what: &str) -> FormError {
        let mut name = String::new();
        write_name(&mut name, 0, self.name);
        FormError {
            name,
            message: format!("{what} has no API 2.0 form encoding"),
        }
    }
}

/// Serializes list items and struct members, each under its own name.
struct Members<'a, 'n> {
    name: Option<&'n Name<'n>>,
    out: &'a mut Flattened,
    index: usize,
}

impl Members<'_, '_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormError> {
        let name = Name {
            parent: self.name,
            segment: Segment::Index(self.index),
        };
        self.index += 1;
        value.serialize(Flat {
            name: Some(&name),
            out: self.out,
        })
    }

    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), FormError> {
        let name = Name {
            parent: self.name,
            segment: Segment::Key(key),
        };
        value.serialize(Flat {
            name: Some(&name),
            out: self.out,
        })
    }
}

/// List items: sequences, tuples and tuple structs are all numbered `name.0`, `name.1`, ….
macro_rules! items_impl {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Members<'_, '_> {
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

impl ser::SerializeStruct for Members<'_, '_> {
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

impl<'a, 'n> ser::Serializer for Flat<'a, 'n> {
    type Ok = ();
    type Error = FormError;
    type SerializeSeq = Members<'a, 'n>;
    type SerializeTuple = Members<'a, 'n>;
    type SerializeTupleStruct = Members<'a, 'n>;
    type SerializeTupleVariant = Never;
    type SerializeMap = Never;
    type SerializeStruct = Members<'a, 'n>;
    type SerializeStructVariant = Never;

    fn serialize_bool(self, v: bool) -> Result<(), FormError> {
        self.leaf(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> Result<(), FormError> {
        self.leaf_with(|text| push_signed(text, i64::from(v)))
    }
    fn serialize_i16(self, v: i16) -> Result<(), FormError> {
        self.leaf_with(|text| push_signed(text, i64::from(v)))
    }
    fn serialize_i32(self, v: i32) -> Result<(), FormError> {
        self.leaf_with(|text| push_signed(text, i64::from(v)))
    }
    fn serialize_i64(self, v: i64) -> Result<(), FormError> {
        self.leaf_with(|text| push_signed(text, v))
    }
    fn serialize_u8(self, v: u8) -> Result<(), FormError> {
        self.leaf_with(|text| push_decimal(text, u64::from(v)))
    }
    fn serialize_u16(self, v: u16) -> Result<(), FormError> {
        self.leaf_with(|text| push_decimal(text, u64::from(v)))
    }
    fn serialize_u32(self, v: u32) -> Result<(), FormError> {
        self.leaf_with(|text| push_decimal(text, u64::from(v)))
    }
    fn serialize_u64(self, v: u64) -> Result<(), FormError> {
        self.leaf_with(|text| push_decimal(text, v))
    }
    fn serialize_f32(self, v: f32) -> Result<(), FormError> {
        self.leaf_display(v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), FormError> {
        self.leaf_display(v)
    }
    fn serialize_char(self, v: char) -> Result<(), FormError> {
        self.leaf_display(v)
    }
    fn serialize_str(self, v: &str) -> Result<(), FormError> {
        self.leaf(v)
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
        self.leaf(variant)
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
    fn serialize_seq(self, _len: Option<usize>) -> Result<Members<'a, 'n>, FormError> {
        Ok(Members {
            name: self.name,
            out: self.out,
            index: 0,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Members<'a, 'n>, FormError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Members<'a, 'n>, FormError> {
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
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Members<'a, 'n>, FormError> {
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
