//! The flat parameter encoding of API 2.0, shared by the generated request types.
//!
//! A request is a flat list of `name=value` pairs. Lists are sent as `name.0`, `name.1`, …;
//! struct members as `name.member`; the two nest (`forwardLBInfos.0.rsInfoSet.0.port`).
//! Generated code implements [`Wire`] for request structs and enums; this module implements it for
//! the scalar types and for lists, so the list encoding is written once.

use crate::error::ValidationError;

/// Joins a parent parameter name and a child segment: `a` + `b` → `a.b`; `""` + `b` → `b`.
pub(crate) fn child(prefix: &str, segment: &str) -> String {
    if prefix.is_empty() {
        segment.to_owned()
    } else {
        let mut name = String::with_capacity(prefix.len() + 1 + segment.len());
        name.push_str(prefix);
        name.push('.');
        name.push_str(segment);
        name
    }
}

/// A value that can be written as API 2.0 parameters under a name.
pub(crate) trait Wire {
    /// Appends this value's parameters to `out`, named from `name`.
    fn encode(&self, name: &str, out: &mut Vec<(String, String)>);

    /// Checks the constraints of this value's own members (structs only); `name` locates it.
    fn validate(&self, _name: &str) -> Result<(), ValidationError> {
        Ok(())
    }
}

impl Wire for String {
    fn encode(&self, name: &str, out: &mut Vec<(String, String)>) {
        out.push((name.to_owned(), self.clone()));
    }
}

impl Wire for i64 {
    fn encode(&self, name: &str, out: &mut Vec<(String, String)>) {
        out.push((name.to_owned(), self.to_string()));
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn encode(&self, name: &str, out: &mut Vec<(String, String)>) {
        for (i, item) in self.iter().enumerate() {
            item.encode(&child(name, &i.to_string()), out);
        }
    }

    fn validate(&self, name: &str) -> Result<(), ValidationError> {
        for (i, item) in self.iter().enumerate() {
            item.validate(&child(name, &i.to_string()))?;
        }
        Ok(())
    }
}

impl<T: Wire> Wire for Option<T> {
    fn encode(&self, name: &str, out: &mut Vec<(String, String)>) {
        if let Some(value) = self {
            value.encode(name, out);
        }
    }

    fn validate(&self, name: &str) -> Result<(), ValidationError> {
        match self {
            Some(value) => value.validate(name),
            None => Ok(()),
        }
    }
}

/// Checks a list's item count against the spec's `minItems` / `maxItems`.
pub(crate) fn check_items(
    name: &str,
    len: usize,
    min: Option<u64>,
    max: Option<u64>,
) -> Result<(), ValidationError> {
    let len = len as u64;
    if let Some(min) = min {
        if len < min {
            return Err(ValidationError::new(
                name,
                format!("must hold at least {min} item(s), got {len}"),
            ));
        }
    }
    if let Some(max) = max {
        if len > max {
            return Err(ValidationError::new(
                name,
                format!("must hold at most {max} item(s), got {len}"),
            ));
        }
    }
    Ok(())
}

/// Checks an integer against the spec's `min` / `max`.
pub(crate) fn check_range(
    name: &str,
    value: i64,
    min: Option<i64>,
    max: Option<i64>,
) -> Result<(), ValidationError> {
    if min.is_some_and(|min| value < min) || max.is_some_and(|max| value > max) {
        let range = match (min, max) {
            (Some(min), Some(max)) => format!("between {min} and {max}"),
            (Some(min), None) => format!("at least {min}"),
            (None, Some(max)) => format!("at most {max}"),
            (None, None) => unreachable!("checked above"),
        };
        return Err(ValidationError::new(
            name,
            format!("must be {range}, got {value}"),
        ));
    }
    Ok(())
}

/// Checks a string's length in characters against the spec's `minLength` / `maxLength`.
// Called by generated code once a spec sets `minLength` or `maxLength`.
#[allow(dead_code)]
pub(crate) fn check_length(
    name: &str,
    value: &str,
    min: Option<u64>,
    max: Option<u64>,
) -> Result<(), ValidationError> {
    let len = value.chars().count() as u64;
    if let Some(min) = min {
        if len < min {
            return Err(ValidationError::new(
                name,
                format!("must be at least {min} character(s) long, got {len}"),
            ));
        }
    }
    if let Some(max) = max {
        if len > max {
            return Err(ValidationError::new(
                name,
                format!("must be at most {max} character(s) long, got {len}"),
            ));
        }
    }
    Ok(())
}

/// Lenient deserializers for output fields: API 2.0 answers put numbers in strings
/// (`"readjustMaxSize": "20"`) and strings in numbers (`"bandwidthType": 1`) where the docs say
/// otherwise.
pub(crate) mod de {
    use serde::de::{Deserializer, Error, Visitor};
    use std::fmt;

    struct IntVisitor;

    impl Visitor<'_> for IntVisitor {
        type Value = i64;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an integer, or a string holding one")
        }

        fn visit_i64<E: Error>(self, v: i64) -> Result<i64, E> {
            Ok(v)
        }

        fn visit_u64<E: Error>(self, v: u64) -> Result<i64, E> {
            i64::try_from(v).map_err(|_| E::custom(format!("integer {v} is out of range")))
        }

        fn visit_f64<E: Error>(self, v: f64) -> Result<i64, E> {
            if v.fract() == 0.0 && v >= i64::MIN as f64 && v <= i64::MAX as f64 {
                Ok(v as i64)
            } else {
                Err(E::custom(format!("expected an integer, got {v}")))
            }
        }

        fn visit_str<E: Error>(self, v: &str) -> Result<i64, E> {
            v.trim()
                .parse()
                .map_err(|_| E::custom(format!("expected an integer, got the string {v:?}")))
        }
    }

    struct StringVisitor;

    impl Visitor<'_> for StringVisitor {
        type Value = String;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string, or a number")
        }

        fn visit_str<E: Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }

        fn visit_string<E: Error>(self, v: String) -> Result<String, E> {
            Ok(v)
        }

        fn visit_i64<E: Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }

        fn visit_u64<E: Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }

        fn visit_f64<E: Error>(self, v: f64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }

    /// An `i64` sent as a number or a numeric string.
    pub(crate) fn int<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        d.deserialize_any(IntVisitor)
    }

    /// `null` or absent as `None`, anything else through the inner visitor.
    struct Opt<V>(V);

    impl<'de, V: Visitor<'de>> Visitor<'de> for Opt<V> {
        type Value = Option<V::Value>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.expecting(f)?;
            f.write_str(", or null")
        }
        fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self.0).map(Some)
        }
    }

    /// An optional `i64` sent as a number or a numeric string; `null` is `None`.
    pub(crate) fn opt_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
        d.deserialize_option(Opt(IntVisitor))
    }

    /// A `String` sent as a string or a number.
    pub(crate) fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        d.deserialize_any(StringVisitor)
    }

    /// An optional `String` sent as a string or a number; `null` is `None`.
    pub(crate) fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        d.deserialize_option(Opt(StringVisitor))
    }
}
