//! Lenient deserializers for scalar fields and lists of scalars: API answers put numbers in
//! strings (`"readjustMaxSize": "20"`) and strings in numbers (`"bandwidthType": 1`,
//! `"receiversIds": [1001]`) where the docs say otherwise. Generated fields name them in
//! `#[serde(deserialize_with)]`.

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

/// A string item of a list, decoded leniently.
struct LenientString(String);

impl<'de> serde::Deserialize<'de> for LenientString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        string(d).map(LenientString)
    }
}

/// An integer item of a list, decoded leniently.
struct LenientInt(i64);

impl<'de> serde::Deserialize<'de> for LenientInt {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        int(d).map(LenientInt)
    }
}

/// A list of strings whose items may be sent as numbers (`"receiversIds": [1001]`).
pub fn strings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let items: Vec<LenientString> = serde::Deserialize::deserialize(d)?;
    Ok(items.into_iter().map(|s| s.0).collect())
}

/// An optional list of strings whose items may be sent as numbers; `null` is `None`.
pub fn opt_strings<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    let items: Option<Vec<LenientString>> = serde::Deserialize::deserialize(d)?;
    Ok(items.map(|items| items.into_iter().map(|s| s.0).collect()))
}

/// A list of integers whose items may be sent as numeric strings.
pub fn ints<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<i64>, D::Error> {
    let items: Vec<LenientInt> = serde::Deserialize::deserialize(d)?;
    Ok(items.into_iter().map(|n| n.0).collect())
}

/// An optional list of integers whose items may be sent as numeric strings; `null` is `None`.
pub fn opt_ints<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<i64>>, D::Error> {
    let items: Option<Vec<LenientInt>> = serde::Deserialize::deserialize(d)?;
    Ok(items.map(|items| items.into_iter().map(|n| n.0).collect()))
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize)]
    struct Lists {
        #[serde(deserialize_with = "super::strings")]
        names: Vec<String>,
        #[serde(default, deserialize_with = "super::opt_ints")]
        sizes: Option<Vec<i64>>,
    }

    #[test]
    fn list_items_are_lenient_too() {
        let lists: Lists = match serde_json::from_str(r#"{"names":[1001,"a"],"sizes":["2",3]}"#) {
            Ok(lists) => lists,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(lists.names, ["1001", "a"]);
        assert_eq!(lists.sizes, Some(vec![2, 3]));
        let none: Result<Lists, _> = serde_json::from_str(r#"{"names":[],"sizes":null}"#);
        assert!(none.is_ok_and(|l| l.sizes.is_none()));
        let bad: Result<Lists, _> = serde_json::from_str(r#"{"names":[{}]}"#);
        assert!(bad.is_err());
    }
}
