//! The flat parameter encoding of API 2.0, as a serde serializer and deserializer.
//!
//! A request is a flat list of `name=value` pairs. Lists are sent as `name.0`, `name.1`, …;
//! struct members as `name.member`; the two nest (`forwardLBInfos.0.rsInfoSet.0.port`). Generated
//! shapes only derive `Serialize` / `Deserialize` with their wire names; this module is the one
//! place that knows how they are flattened, and servers read them back with the same rules.

use crate::shape::child;
use serde::ser::{self, Serialize};
use std::fmt;

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

impl ser::SerializeSeq for Members<'_> {
    type Ok = ();
    type Error = FormError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormError> {
        self.item(value)
    }
    fn end(self) -> Result<(), FormError> {
        Ok(())
    }
}

impl ser::SerializeTuple for Members<'_> {
    type Ok = ();
    type Error = FormError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormError> {
        self.item(value)
    }
    fn end(self) -> Result<(), FormError> {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Members<'_> {
    type Ok = ();
    type Error = FormError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormError> {
        self.item(value)
    }
    fn end(self) -> Result<(), FormError> {
        Ok(())
    }
}

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

/// Reading received parameters back into generated shapes (feature `server`).
#[cfg(feature = "server")]
pub(crate) mod de {
    use super::child;
    use crate::protocol::v2::server::{DecodeError, Params};
    use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
    use std::fmt;

    /// A decoding problem, located once it is known where it happened.
    #[derive(Debug)]
    pub(crate) struct Problem {
        name: Option<String>,
        kind: Kind,
    }

    #[derive(Debug)]
    enum Kind {
        Missing,
        /// A struct member is missing; the struct's name is added when it is known.
        MissingField(&'static str),
        Invalid {
            value: String,
            expected: String,
        },
        ListIndex(usize),
        Other(String),
    }

    impl fmt::Display for Problem {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{:?}", self.kind)
        }
    }

    impl std::error::Error for Problem {}

    impl de::Error for Problem {
        fn custom<T: fmt::Display>(msg: T) -> Self {
            Problem {
                name: None,
                kind: Kind::Other(msg.to_string()),
            }
        }

        fn missing_field(field: &'static str) -> Self {
            Problem {
                name: None,
                kind: Kind::MissingField(field),
            }
        }
    }

    impl Problem {
        /// Names the problem `name` when it has no name yet.
        fn at(mut self, name: &str) -> Self {
            if self.name.is_none() {
                self.name = Some(match &self.kind {
                    Kind::MissingField(field) => child(name, field),
                    _ => name.to_owned(),
                });
            }
            self
        }

        fn into_decode_error(self) -> DecodeError {
            let parameter = self.name.unwrap_or_default();
            match self.kind {
                Kind::Missing | Kind::MissingField(_) => DecodeError::Missing { parameter },
                Kind::Invalid { value, expected } => DecodeError::Invalid {
                    parameter,
                    value,
                    expected,
                },
                Kind::ListIndex(index) => DecodeError::ListIndex {
                    parameter,
                    index: index.to_string(),
                },
                Kind::Other(problem) => DecodeError::Malformed { parameter, problem },
            }
        }
    }

    /// Decodes a whole request (a struct) from `params`.
    pub(crate) fn from_params<T: de::DeserializeOwned>(params: &Params) -> Result<T, DecodeError> {
        T::deserialize(Node {
            params,
            name: String::new(),
        })
        .map_err(|p| p.at("").into_decode_error())
    }

    /// The value named `name` (`""` is the whole request).
    struct Node<'a> {
        params: &'a Params,
        name: String,
    }

    impl<'a> Node<'a> {
        fn value(&self) -> Result<&'a str, Problem> {
            self.params.get(&self.name).ok_or_else(|| Problem {
                name: Some(self.name.clone()),
                kind: Kind::Missing,
            })
        }

        fn present(&self) -> bool {
            self.params.get(&self.name).is_some() || self.params.has_under(&self.name)
        }

        fn invalid(&self, value: &str, expected: &str) -> Problem {
            Problem {
                name: Some(self.name.clone()),
                kind: Kind::Invalid {
                    value: value.to_owned(),
                    expected: expected.to_owned(),
                },
            }
        }

        fn parse<T: std::str::FromStr>(&self, expected: &str) -> Result<T, Problem> {
            let value = self.value()?;
            value
                .trim()
                .parse()
                .map_err(|_| self.invalid(value, expected))
        }

        /// The number of items of the list named here: its indexes must run from 0 without
        /// gaps.
        fn list_len(&self) -> Result<usize, Problem> {
            let mut indexes = std::collections::BTreeSet::new();
            for segment in self.params.segments_under(&self.name) {
                match segment.parse::<usize>() {
                    Ok(i) if segment == i.to_string() => {
                        indexes.insert(i);
                    }
                    _ => {
                        return Err(Problem {
                            name: Some(child(&self.name, segment)),
                            kind: Kind::Other(
                                "is not a list item: list items are numbered 0, 1, …".to_owned(),
                            ),
                        })
                    }
                }
            }
            for (expected, index) in indexes.iter().enumerate() {
                if *index != expected {
                    return Err(Problem {
                        name: Some(self.name.clone()),
                        kind: Kind::ListIndex(expected),
                    });
                }
            }
            Ok(indexes.len())
        }
    }

    macro_rules! parse_as {
        ($($method:ident => $visit:ident : $ty:ty, $expected:literal;)*) => {$(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
                let value: $ty = self.parse($expected)?;
                visitor.$visit(value)
            }
        )*};
    }

    impl<'de> de::Deserializer<'de> for Node<'_> {
        type Error = Problem;

        fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
            if let Some(value) = self.params.get(&self.name) {
                return visitor.visit_str(value);
            }
            if !self.params.has_under(&self.name) {
                return Err(Problem {
                    name: Some(self.name),
                    kind: Kind::Missing,
                });
            }
            let numbered = self
                .params
                .segments_under(&self.name)
                .all(|s| s.bytes().all(|b| b.is_ascii_digit()));
            if numbered {
                self.deserialize_seq(visitor)
            } else {
                let keys: Vec<String> = self
                    .params
                    .segments_under(&self.name)
                    .map(str::to_owned)
                    .collect();
                let name = self.name.clone();
                visitor
                    .visit_map(Members {
                        params: self.params,
                        name: self.name,
                        keys: keys.into_iter(),
                        current: None,
                    })
                    .map_err(|p| p.at(&name))
            }
        }

        parse_as! {
            deserialize_i8 => visit_i8: i8, "an integer";
            deserialize_i16 => visit_i16: i16, "an integer";
            deserialize_i32 => visit_i32: i32, "an integer";
            deserialize_i64 => visit_i64: i64, "an integer";
            deserialize_u8 => visit_u8: u8, "a non-negative integer";
            deserialize_u16 => visit_u16: u16, "a non-negative integer";
            deserialize_u32 => visit_u32: u32, "a non-negative integer";
            deserialize_u64 => visit_u64: u64, "a non-negative integer";
            deserialize_f32 => visit_f32: f32, "a number";
            deserialize_f64 => visit_f64: f64, "a number";
            deserialize_char => visit_char: char, "one character";
        }

        fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
            let value = self.value()?;
            match value {
                "true" | "1" => visitor.visit_bool(true),
                "false" | "0" => visitor.visit_bool(false),
                other => Err(self.invalid(other, "true or false")),
            }
        }

        fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
            visitor.visit_str(self.value()?)
        }

        fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
            visitor.visit_str(self.value()?)
        }

        fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
            visitor.visit_bytes(self.value()?.as_bytes())
        }

        fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
            visitor.visit_bytes(self.value()?.as_bytes())
        }

        fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
            if self.present() {
                visitor.visit_some(self)
            } else {
                visitor.visit_none()
            }
        }

        fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
            visitor.visit_unit()
        }

        fn deserialize_unit_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            visitor: V,
        ) -> Result<V::Value, Problem> {
            visitor.visit_unit()
        }

        fn deserialize_newtype_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            visitor: V,
        ) -> Result<V::Value, Problem> {
            visitor.visit_newtype_struct(self)
        }

        fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
            let len = self.list_len()?;
            let name = self.name.clone();
            visitor
                .visit_seq(Items {
                    params: self.params,
                    name: self.name,
                    next: 0,
                    len,
                })
                .map_err(|p| p.at(&name))
        }

        fn deserialize_tuple<V: Visitor<'de>>(
            self,
            _len: usize,
            visitor: V,
        ) -> Result<V::Value, Problem> {
            self.deserialize_seq(visitor)
        }

        fn deserialize_tuple_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            _len: usize,
            visitor: V,
        ) -> Result<V::Value, Problem> {
            self.deserialize_seq(visitor)
        }

        fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
            self.deserialize_any(visitor)
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, Problem> {
            // Only the members the shape has are offered; other parameters (the common ones,
            // at the top level) are not the shape's business.
            let keys: Vec<String> = fields
                .iter()
                .filter(|f| {
                    let name = child(&self.name, f);
                    self.params.get(&name).is_some() || self.params.has_under(&name)
                })
                .map(|f| (*f).to_owned())
                .collect();
            let name = self.name.clone();
            visitor
                .visit_map(Members {
                    params: self.params,
                    name: self.name,
                    keys: keys.into_iter(),
                    current: None,
                })
                .map_err(|p| p.at(&name))
        }

        fn deserialize_enum<V: Visitor<'de>>(
            self,
            _name: &'static str,
            _variants: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, Problem> {
            let value: &str = self.value()?;
            let name = self.name.clone();
            visitor
                .visit_enum(value.into_deserializer())
                .map_err(|p: Problem| p.at(&name))
        }

        fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
            self.deserialize_str(visitor)
        }

        fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
            visitor.visit_unit()
        }
    }

    /// The items of a list.
    struct Items<'a> {
        params: &'a Params,
        name: String,
        next: usize,
        len: usize,
    }

    impl<'de> de::SeqAccess<'de> for Items<'_> {
        type Error = Problem;

        fn next_element_seed<T: DeserializeSeed<'de>>(
            &mut self,
            seed: T,
        ) -> Result<Option<T::Value>, Problem> {
            if self.next >= self.len {
                return Ok(None);
            }
            let name = child(&self.name, &self.next.to_string());
            self.next += 1;
            seed.deserialize(Node {
                params: self.params,
                name: name.clone(),
            })
            .map(Some)
            .map_err(|p| p.at(&name))
        }

        fn size_hint(&self) -> Option<usize> {
            Some(self.len - self.next)
        }
    }

    /// The members of a struct (or the keys under a name).
    struct Members<'a> {
        params: &'a Params,
        name: String,
        keys: std::vec::IntoIter<String>,
        current: Option<String>,
    }

    impl<'de> de::MapAccess<'de> for Members<'_> {
        type Error = Problem;

        fn next_key_seed<K: DeserializeSeed<'de>>(
            &mut self,
            seed: K,
        ) -> Result<Option<K::Value>, Problem> {
            match self.keys.next() {
                None => Ok(None),
                Some(key) => {
                    let value = seed.deserialize(key.as_str().into_deserializer())?;
                    self.current = Some(key);
                    Ok(Some(value))
                }
            }
        }

        fn next_value_seed<V: DeserializeSeed<'de>>(
            &mut self,
            seed: V,
        ) -> Result<V::Value, Problem> {
            let key = self.current.take().unwrap_or_default();
            let name = child(&self.name, &key);
            seed.deserialize(Node {
                params: self.params,
                name: name.clone(),
            })
            .map_err(|p| p.at(&name))
        }
    }
}
