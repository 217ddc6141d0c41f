//! What every generated shape shares, written once: enums that keep values they do not know,
//! the spec's constraints, and lenient decoding of scalars.
//!
//! Generated code declares (an enum's value table, a struct's constrained fields); this module
//! acts on those declarations. Nothing here depends on a wire protocol: the same shapes are
//! encoded by each protocol's module under [`crate::protocol`].

use crate::error::ValidationError;
use std::fmt;

/// Joins a parent name and a child segment: `a` + `b` → `a.b`; `""` + `b` → `b`. Names of
/// list items and struct members in validation and decoding errors are built with it
/// (`forwardLBInfos.0.rsInfoSet.0.port`).
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

/// How an enum's values travel: as JSON integers or as strings. (In a form-encoded request
/// both are text.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EnumRepr {
    /// Integer values (`keepInstance=1`).
    Integer,
    /// String values (`removePolicy=RemoveOldestInstance`).
    String,
}

/// A value of an enum that the spec does not list, kept exactly as received so it can be shown
/// and sent back unchanged. Only decoding makes one (or [`EnumShape::from_wire`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnknownValue {
    text: String,
    /// Whether it came as a JSON number (re-encoded as one).
    number: bool,
}

impl UnknownValue {
    /// The value as text, as received.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A generated enum: its known values as a table, and a variant for the others.
///
/// Generated code implements this trait (two tables and the unknown variant) and calls
/// [`enum_shape!`](crate::enum_shape) for `as_str`, `Display`, `FromStr`, serde and the rest,
/// which call the functions here.
pub trait EnumShape: Sized + Clone + PartialEq + 'static {
    /// The enum's name, for error messages.
    const NAME: &'static str;
    /// How its values travel.
    const REPR: EnumRepr;
    /// The known values, in the spec's order.
    const VALUES: &'static [Self];
    /// Their wire values, in the same order.
    const WIRE: &'static [&'static str];
    /// Their variant names, in the same order.
    const NAMES: &'static [&'static str];

    /// The variant for a value the spec does not list.
    fn unknown(value: UnknownValue) -> Self;

    /// The unknown value, when this is one.
    fn as_unknown(&self) -> Option<&UnknownValue>;

    /// The wire value: `"RemoveOldestInstance"`, or `"1"` for an integer enum.
    fn wire_str(&self) -> &str {
        if let Some(unknown) = self.as_unknown() {
            return unknown.as_str();
        }
        match Self::VALUES.iter().position(|v| v == self) {
            Some(i) => Self::WIRE[i],
            // VALUES holds every variant but the unknown one.
            None => "",
        }
    }

    /// The value for wire text: a known variant, or the unknown variant holding `text`.
    fn from_wire(text: &str) -> Self {
        lookup::<Self>(text).unwrap_or_else(|| {
            Self::unknown(UnknownValue {
                text: text.to_owned(),
                number: Self::REPR == EnumRepr::Integer && text.parse::<i64>().is_ok(),
            })
        })
    }
}

fn lookup<E: EnumShape>(text: &str) -> Option<E> {
    E::WIRE
        .iter()
        .position(|w| *w == text)
        .map(|i| E::VALUES[i].clone())
}

/// Parses a value a person typed: a known wire value (`1`, `RemoveOldestInstance`) or a
/// variant name in any ASCII case (`Keep`, `keep`). Values the spec does not list are refused
/// with the list of known ones; use [`EnumShape::from_wire`] to send one anyway.
pub fn parse_enum<E: EnumShape>(text: &str) -> Result<E, ParseEnumError> {
    if let Some(value) = lookup::<E>(text) {
        return Ok(value);
    }
    match E::NAMES.iter().position(|n| n.eq_ignore_ascii_case(text)) {
        Some(i) => Ok(E::VALUES[i].clone()),
        None => Err(ParseEnumError {
            type_name: E::NAME,
            value: text.to_owned(),
            expected: E::WIRE
                .iter()
                .zip(E::NAMES)
                .map(|(w, n)| {
                    if w == n {
                        (*w).to_owned()
                    } else {
                        format!("{w} ({n})")
                    }
                })
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// A string that is not a value of an enum.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a {type_name}: expected one of {expected}")]
pub struct ParseEnumError {
    type_name: &'static str,
    value: String,
    expected: String,
}

/// Serializes an enum value: integer enums as numbers, string enums (and unknown values that
/// came as strings) as strings.
pub fn serialize_enum<E: EnumShape, S: serde::Serializer>(
    value: &E,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let text = value.wire_str();
    let as_number = match value.as_unknown() {
        Some(unknown) => unknown.number,
        None => E::REPR == EnumRepr::Integer,
    };
    match text.parse::<i64>() {
        Ok(n) if as_number => serializer.serialize_i64(n),
        _ => serializer.serialize_str(text),
    }
}

/// Deserializes an enum value from a string or an integer; a value the spec does not list
/// becomes the unknown variant.
pub fn deserialize_enum<'de, E: EnumShape, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<E, D::Error> {
    struct EnumVisitor<E>(std::marker::PhantomData<E>);

    impl<E: EnumShape> serde::de::Visitor<'_> for EnumVisitor<E> {
        type Value = E;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a {} value (a string or an integer)", E::NAME)
        }

        fn visit_str<Er: serde::de::Error>(self, v: &str) -> Result<E, Er> {
            Ok(E::from_wire(v))
        }

        fn visit_i64<Er: serde::de::Error>(self, v: i64) -> Result<E, Er> {
            let text = v.to_string();
            Ok(lookup::<E>(&text)
                .unwrap_or_else(|| E::unknown(UnknownValue { text, number: true })))
        }

        fn visit_u64<Er: serde::de::Error>(self, v: u64) -> Result<E, Er> {
            let text = v.to_string();
            Ok(lookup::<E>(&text)
                .unwrap_or_else(|| E::unknown(UnknownValue { text, number: true })))
        }
    }

    deserializer.deserialize_any(EnumVisitor(std::marker::PhantomData))
}

/// Implements, for a generated enum that implements [`EnumShape`]: `as_str`, `from_wire`,
/// `is_unknown`, `Display`, `FromStr` (see [`parse_enum`]), `Serialize` and `Deserialize`.
#[doc(hidden)]
#[macro_export]
macro_rules! enum_shape {
    ($name:ident) => {
        impl $name {
            /// The value as sent on the wire (an integer enum's value as text). A value the
            /// spec does not list is returned as received.
            pub fn as_str(&self) -> &str {
                $crate::shape::EnumShape::wire_str(self)
            }

            /// The value for wire text; a value the spec does not list is kept as the unknown
            /// variant.
            pub fn from_wire(text: &str) -> Self {
                <Self as $crate::shape::EnumShape>::from_wire(text)
            }

            /// Whether this is a value the spec does not list.
            pub fn is_unknown(&self) -> bool {
                $crate::shape::EnumShape::as_unknown(self).is_some()
            }

            /// Every value the spec lists.
            pub fn values() -> &'static [Self] {
                <Self as $crate::shape::EnumShape>::VALUES
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::shape::ParseEnumError;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                $crate::shape::parse_enum(s)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::shape::serialize_enum(self, serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::shape::deserialize_enum(deserializer)
            }
        }

        impl $crate::shape::Check for $name {}

        impl $crate::shape::Validate for $name {
            fn validate(
                &self,
                name: &str,
                unknown: $crate::shape::UnknownValues,
            ) -> ::std::result::Result<(), $crate::ValidationError> {
                $crate::shape::validate_enum(self, name, unknown)
            }
        }
    };
}

/// The constraints a spec puts on one field. Generated code writes them as constants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Constraints {
    /// Integers (and each integer of a list): the smallest allowed value.
    pub min: Option<i64>,
    /// Integers (and each integer of a list): the largest allowed value.
    pub max: Option<i64>,
    /// Lists: the fewest items.
    pub min_items: Option<u64>,
    /// Lists: the most items.
    pub max_items: Option<u64>,
    /// Strings (and each string of a list): the fewest characters.
    pub min_length: Option<u64>,
    /// Strings (and each string of a list): the most characters.
    pub max_length: Option<u64>,
}

impl Constraints {
    /// No constraint at all; generated code writes `..Constraints::NONE`.
    pub const NONE: Constraints = Constraints {
        min: None,
        max: None,
        min_items: None,
        max_items: None,
        min_length: None,
        max_length: None,
    };
}

/// A value checked against its field's [`Constraints`]; `name` locates it in errors. Structs
/// and enums take no constraint of their own (a struct's members carry theirs), so theirs is
/// the default, which passes.
pub trait Check {
    /// Checks the constraints that apply to this kind of value.
    fn check(&self, name: &str, constraints: &Constraints) -> Result<(), ValidationError> {
        let _ = (name, constraints);
        Ok(())
    }
}

impl Check for i64 {
    fn check(&self, name: &str, c: &Constraints) -> Result<(), ValidationError> {
        let value = *self;
        if c.min.is_some_and(|min| value < min) || c.max.is_some_and(|max| value > max) {
            let range = match (c.min, c.max) {
                (Some(min), Some(max)) => format!("between {min} and {max}"),
                (Some(min), None) => format!("at least {min}"),
                (None, Some(max)) => format!("at most {max}"),
                (None, None) => return Ok(()),
            };
            return Err(ValidationError::new(
                name,
                format!("must be {range}, got {value}"),
            ));
        }
        Ok(())
    }
}

impl Check for String {
    fn check(&self, name: &str, c: &Constraints) -> Result<(), ValidationError> {
        if c.min_length.is_none() && c.max_length.is_none() {
            return Ok(());
        }
        let len = self.chars().count() as u64;
        if let Some(min) = c.min_length.filter(|min| len < *min) {
            return Err(ValidationError::new(
                name,
                format!("must be at least {min} character(s) long, got {len}"),
            ));
        }
        if let Some(max) = c.max_length.filter(|max| len > *max) {
            return Err(ValidationError::new(
                name,
                format!("must be at most {max} character(s) long, got {len}"),
            ));
        }
        Ok(())
    }
}

impl<T: Check> Check for Vec<T> {
    fn check(&self, name: &str, c: &Constraints) -> Result<(), ValidationError> {
        let len = self.len() as u64;
        if let Some(min) = c.min_items.filter(|min| len < *min) {
            return Err(ValidationError::new(
                name,
                format!("must hold at least {min} item(s), got {len}"),
            ));
        }
        if let Some(max) = c.max_items.filter(|max| len > *max) {
            return Err(ValidationError::new(
                name,
                format!("must hold at most {max} item(s), got {len}"),
            ));
        }
        for (i, item) in self.iter().enumerate() {
            item.check(&child(name, &i.to_string()), c)?;
        }
        Ok(())
    }
}

impl<T: Check> Check for Option<T> {
    fn check(&self, name: &str, c: &Constraints) -> Result<(), ValidationError> {
        match self {
            Some(value) => value.check(name, c),
            None => Ok(()),
        }
    }
}

/// Whether enum values the spec does not list pass validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownValues {
    /// They pass: a client may send back a value it received (the default for clients).
    Allow,
    /// They are refused: what servers do with received requests.
    Reject,
}

/// A shape whose members carry constraints: requests, structs and enums. `name` is where the
/// value sits (`""` for a request, `forwardLBInfos.0` for a list item).
pub trait Validate {
    /// Checks every constraint of the members, nested structs included.
    fn validate(&self, name: &str, unknown: UnknownValues) -> Result<(), ValidationError> {
        let _ = (name, unknown);
        Ok(())
    }
}

impl Validate for String {}
impl Validate for i64 {}

impl<T: Validate> Validate for Vec<T> {
    fn validate(&self, name: &str, unknown: UnknownValues) -> Result<(), ValidationError> {
        for (i, item) in self.iter().enumerate() {
            item.validate(&child(name, &i.to_string()), unknown)?;
        }
        Ok(())
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate(&self, name: &str, unknown: UnknownValues) -> Result<(), ValidationError> {
        match self {
            Some(value) => value.validate(name, unknown),
            None => Ok(()),
        }
    }
}

/// Refuses an unknown enum value when `unknown` says so; called by [`enum_shape!`](crate::enum_shape).
pub fn validate_enum<E: EnumShape>(
    value: &E,
    name: &str,
    unknown: UnknownValues,
) -> Result<(), ValidationError> {
    match value.as_unknown() {
        Some(raw) if unknown == UnknownValues::Reject => Err(ValidationError::new(
            name,
            format!(
                "must be one of {} ({}), got {:?}",
                E::WIRE.join(", "),
                E::NAME,
                raw.as_str()
            ),
        )),
        _ => Ok(()),
    }
}

/// Lenient deserializers for scalar fields: API answers put numbers in strings
/// (`"readjustMaxSize": "20"`) and strings in numbers (`"bandwidthType": 1`) where the docs say
/// otherwise. Generated fields name them in `#[serde(deserialize_with)]`.
pub mod de {
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

    /// An `i64` sent as a number or a numeric string.
    pub fn int<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        d.deserialize_any(IntVisitor)
    }

    /// An optional `i64` sent as a number or a numeric string; `null` is `None`.
    pub fn opt_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
        d.deserialize_option(Opt(IntVisitor))
    }

    /// A `String` sent as a string or a number.
    pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        d.deserialize_any(StringVisitor)
    }

    /// An optional `String` sent as a string or a number; `null` is `None`.
    pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        d.deserialize_option(Opt(StringVisitor))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    enum Keep {
        Release,
        Keep,
        Unknown(UnknownValue),
    }

    impl EnumShape for Keep {
        const NAME: &'static str = "Keep";
        const REPR: EnumRepr = EnumRepr::Integer;
        const VALUES: &'static [Self] = &[Keep::Release, Keep::Keep];
        const WIRE: &'static [&'static str] = &["0", "1"];
        const NAMES: &'static [&'static str] = &["Release", "Keep"];
        fn unknown(value: UnknownValue) -> Self {
            Keep::Unknown(value)
        }
        fn as_unknown(&self) -> Option<&UnknownValue> {
            match self {
                Keep::Unknown(v) => Some(v),
                _ => None,
            }
        }
    }
    crate::enum_shape!(Keep);

    #[test]
    fn known_and_unknown_values_round_trip_through_json() {
        let values: Vec<Keep> = serde_json::from_str(r#"[0, 1, 7, "1", "x"]"#).unwrap_or_default();
        assert_eq!(values[0], Keep::Release);
        assert_eq!(values[1], Keep::Keep);
        assert!(values[2].is_unknown());
        assert_eq!(values[3], Keep::Keep);
        assert_eq!(values[4].as_str(), "x");
        let text = serde_json::to_string(&values).unwrap_or_default();
        assert_eq!(text, r#"[0,1,7,1,"x"]"#);
    }

    #[test]
    fn parsing_takes_wire_values_and_variant_names() {
        assert_eq!("1".parse::<Keep>(), Ok(Keep::Keep));
        assert_eq!("release".parse::<Keep>(), Ok(Keep::Release));
        let err = "2".parse::<Keep>().err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("\"2\" is not a Keep: expected one of 0 (Release), 1 (Keep)")
        );
        assert_eq!(Keep::from_wire("2").to_string(), "2");
        assert_eq!(Keep::values(), &[Keep::Release, Keep::Keep]);
    }

    #[test]
    fn constraints_name_the_item() {
        let c = Constraints {
            min: Some(1),
            max_items: Some(3),
            ..Constraints::NONE
        };
        assert!(vec![1i64, 2].check("sizes", &c).is_ok());
        let err = vec![1i64, 0].check("sizes", &c).err();
        assert_eq!(
            err.map(|e| e.to_string()).as_deref(),
            Some("parameter `sizes.1` must be at least 1, got 0")
        );
        let err = vec![1i64; 4].check("sizes", &c).err();
        assert_eq!(
            err.map(|e| e.to_string()).as_deref(),
            Some("parameter `sizes` must hold at most 3 item(s), got 4")
        );
    }
}
