//! Enums that keep the values they do not know: the [`EnumShape`] table generated code
//! declares, and what [`enum_shape!`](crate::enum_shape) builds on it.

use super::UnknownValues;
use crate::error::ValidationError;
use std::fmt;

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
/// and sent back unchanged. Only decoding makes one (or [`EnumShape::from_wire`]), and its
/// default: empty text, which is what an API 3.0 answer that leaves an enum member out (or sends
/// `null`) decodes to; see [`tolerant`](super::tolerant).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
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
        f.pad(&self.text)
    }
}

/// A generated enum: its known values as a table, and a variant for the others.
///
/// Generated code implements this trait (the tables, the unknown variant and the index of each
/// variant) and calls [`enum_shape!`](crate::enum_shape) for `as_str`, `Display`, `FromStr`,
/// serde and the rest, which call the functions here. Their work is done by functions over the
/// tables that are not generic, so each enum adds little code to the crate.
pub trait EnumShape: Sized + Clone + 'static {
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

    /// The position of this value in [`Self::VALUES`], or the unknown value it holds.
    fn index(&self) -> Result<usize, &UnknownValue>;

    /// The unknown value, when this is one.
    fn as_unknown(&self) -> Option<&UnknownValue> {
        self.index().err()
    }

    /// The wire value: `"RemoveOldestInstance"`, or `"1"` for an integer enum.
    fn wire_str(&self) -> &str {
        match self.index() {
            Ok(i) => Self::WIRE.get(i).copied().unwrap_or_default(),
            Err(unknown) => unknown.as_str(),
        }
    }

    /// The value for wire text: a known variant, or the unknown variant holding `text`.
    fn from_wire(text: &str) -> Self {
        match find(Self::WIRE, text) {
            Some(i) => Self::VALUES[i].clone(),
            None => Self::unknown(unknown_value(Self::REPR, text)),
        }
    }
}

/// The position of `text` in a table of wire values.
fn find(wire: &[&str], text: &str) -> Option<usize> {
    wire.iter().position(|w| *w == text)
}

fn unknown_value(repr: EnumRepr, text: &str) -> UnknownValue {
    UnknownValue {
        text: text.to_owned(),
        number: repr == EnumRepr::Integer && text.parse::<i64>().is_ok(),
    }
}

/// Parses a value a person typed: a known wire value (`1`, `RemoveOldestInstance`) or a
/// variant name in any ASCII case (`Keep`, `keep`). Values the spec does not list are refused
/// with the list of known ones; use [`EnumShape::from_wire`] to send one anyway.
pub fn parse_enum<E: EnumShape>(text: &str) -> Result<E, ParseEnumError> {
    parse_index(E::NAME, E::WIRE, E::NAMES, text).map(|i| E::VALUES[i].clone())
}

fn parse_index(
    type_name: &'static str,
    wire: &[&str],
    names: &[&str],
    text: &str,
) -> Result<usize, ParseEnumError> {
    if let Some(i) = find(wire, text) {
        return Ok(i);
    }
    match names.iter().position(|n| n.eq_ignore_ascii_case(text)) {
        Some(i) => Ok(i),
        None => Err(ParseEnumError {
            type_name,
            value: text.to_owned(),
            expected: wire
                .iter()
                .zip(names)
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseEnumError {
    type_name: &'static str,
    value: String,
    expected: String,
}

impl fmt::Display for ParseEnumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a {}: expected one of {}",
            self.value, self.type_name, self.expected
        )
    }
}

impl std::error::Error for ParseEnumError {}

/// Serializes an enum value: integer enums as numbers, string enums (and unknown values that
/// came as strings) as strings.
pub fn serialize_enum<E: EnumShape, S: serde::Serializer>(
    value: &E,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match wire_form(E::REPR, E::WIRE, value.index()) {
        WireForm::Number(n) => serializer.serialize_i64(n),
        WireForm::Text(text) => serializer.serialize_str(text),
    }
}

enum WireForm<'a> {
    Number(i64),
    Text(&'a str),
}

/// How a value is written in JSON: integer enums (and unknown values that came as numbers) as
/// numbers, the others as strings.
fn wire_form<'a>(
    repr: EnumRepr,
    wire: &'static [&'static str],
    index: Result<usize, &'a UnknownValue>,
) -> WireForm<'a> {
    let (text, as_number) = match index {
        Ok(i) => (
            wire.get(i).copied().unwrap_or_default(),
            repr == EnumRepr::Integer,
        ),
        Err(unknown) => (unknown.as_str(), unknown.number),
    };
    match text.parse::<i64>() {
        Ok(n) if as_number => WireForm::Number(n),
        _ => WireForm::Text(text),
    }
}

/// Deserializes an enum value from a string or an integer; a value the spec does not list
/// becomes the unknown variant.
pub fn deserialize_enum<'de, E: EnumShape, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<E, D::Error> {
    let received = deserializer.deserialize_any(ReceivedVisitor(E::NAME))?;
    Ok(match find(E::WIRE, &received.text) {
        Some(i) => E::VALUES[i].clone(),
        None => E::unknown(received),
    })
}

/// Reads an enum value as its text, noting whether it came as a number.
struct ReceivedVisitor(&'static str);

impl serde::de::Visitor<'_> for ReceivedVisitor {
    type Value = UnknownValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} value (a string or an integer)", self.0)
    }

    fn visit_str<Er: serde::de::Error>(self, v: &str) -> Result<UnknownValue, Er> {
        Ok(UnknownValue {
            text: v.to_owned(),
            number: false,
        })
    }

    fn visit_i64<Er: serde::de::Error>(self, v: i64) -> Result<UnknownValue, Er> {
        Ok(UnknownValue {
            text: v.to_string(),
            number: true,
        })
    }

    fn visit_u64<Er: serde::de::Error>(self, v: u64) -> Result<UnknownValue, Er> {
        Ok(UnknownValue {
            text: v.to_string(),
            number: true,
        })
    }
}

/// Refuses an unknown enum value when `unknown` says so; called by [`enum_shape!`](crate::enum_shape).
pub fn validate_enum<E: EnumShape>(
    value: &E,
    name: &str,
    unknown: UnknownValues,
) -> Result<(), ValidationError> {
    match value.as_unknown() {
        Some(raw) if unknown == UnknownValues::Reject => Err(unlisted(E::NAME, E::WIRE, raw, name)),
        _ => Ok(()),
    }
}

fn unlisted(type_name: &str, wire: &[&str], raw: &UnknownValue, name: &str) -> ValidationError {
    ValidationError::new(
        name,
        format!(
            "must be one of {} ({type_name}), got {:?}",
            wire.join(", "),
            raw.as_str()
        ),
    )
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
                f.pad(self.as_str())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    enum Keeping {
        Release,
        Keep,
        Unknown(UnknownValue),
    }

    impl EnumShape for Keeping {
        const NAME: &'static str = "Keeping";
        const REPR: EnumRepr = EnumRepr::Integer;
        const VALUES: &'static [Self] = &[Keeping::Release, Keeping::Keep];
        const WIRE: &'static [&'static str] = &["0", "1"];
        const NAMES: &'static [&'static str] = &["Release", "Keep"];
        fn unknown(value: UnknownValue) -> Self {
            Keeping::Unknown(value)
        }
        fn index(&self) -> Result<usize, &UnknownValue> {
            match self {
                Keeping::Release => Ok(0),
                Keeping::Keep => Ok(1),
                Keeping::Unknown(v) => Err(v),
            }
        }
    }
    crate::enum_shape!(Keeping);

    #[test]
    fn known_and_unknown_values_round_trip_through_json() {
        let values: Vec<Keeping> =
            serde_json::from_str(r#"[0, 1, 7, "1", "x"]"#).unwrap_or_default();
        assert_eq!(values[0], Keeping::Release);
        assert_eq!(values[1], Keeping::Keep);
        assert!(values[2].is_unknown());
        assert_eq!(values[3], Keeping::Keep);
        assert_eq!(values[4].as_str(), "x");
        let text = serde_json::to_string(&values).unwrap_or_default();
        assert_eq!(text, r#"[0,1,7,1,"x"]"#);
    }

    #[test]
    fn parsing_takes_wire_values_and_variant_names() {
        assert_eq!("1".parse::<Keeping>(), Ok(Keeping::Keep));
        assert_eq!("release".parse::<Keeping>(), Ok(Keeping::Release));
        let err = "2".parse::<Keeping>().err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("\"2\" is not a Keeping: expected one of 0 (Release), 1 (Keep)")
        );
        assert_eq!(Keeping::from_wire("2").to_string(), "2");
        assert_eq!(Keeping::values(), &[Keeping::Release, Keeping::Keep]);
        assert_eq!(format!("[{:<3}]", Keeping::Keep), "[1  ]");
    }
}
