//! Reading received parameters back into generated shapes (feature `server`): a serde
//! deserializer over [`Params`], which names the parameter at fault in every error
//! (`forwardLBInfos.0.rsInfoSet.0.port`).

use crate::protocol::v2::server::{DecodeError, Params};
use crate::shape::child;
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

    /// Offers the members `keys` under this name to `visitor`, as a map.
    fn visit_members<'de, V: Visitor<'de>>(
        self,
        keys: Vec<String>,
        visitor: V,
    ) -> Result<V::Value, Problem> {
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
            self.visit_members(keys, visitor)
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
        self.visit_members(keys, visitor)
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

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Problem> {
        let key = self.current.take().unwrap_or_default();
        let name = child(&self.name, &key);
        seed.deserialize(Node {
            params: self.params,
            name: name.clone(),
        })
        .map_err(|p| p.at(&name))
    }
}
