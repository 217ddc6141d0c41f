//! Fields sent as a JSON document in one string (`json<T>` in a spec), such as an alarm
//! policy's `metric`: the Rust field is a typed `T`, never JSON written by hand.
//!
//! Encoding writes the document as a string. Decoding takes a string holding the document (how
//! requests carry it) or the document itself (how some answers carry it).

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::{Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// Writes `value` as a JSON document in a string.
pub fn serialize<T: Serialize, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let text = serde_json::to_string(value).map_err(serde::ser::Error::custom)?;
    serializer.serialize_str(&text)
}

/// A value encoded as [`serialize`] does: generated `Serialize` impls wrap a member in it.
#[derive(Debug, Clone, Copy)]
pub struct AsJson<'a, T>(pub &'a T);

impl<T: Serialize> Serialize for AsJson<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize(self.0, serializer)
    }
}

/// Reads a `T` from a string holding its JSON document, or from the document itself.
pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_any(Document(PhantomData))
}

struct Document<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned> Visitor<'de> for Document<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON document, or a string holding one")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        serde_json::from_str(v).map_err(|e| E::custom(format!("holds no valid JSON document: {e}")))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map))
    }
}

/// The same for an optional field: absent or `null` is `None`.
pub mod option {
    use serde::de::{DeserializeOwned, Deserializer};
    use serde::{Serialize, Serializer};

    /// Writes the document of `Some` (a `None` field is skipped by its attribute).
    pub fn serialize<T: Serialize, S: Serializer>(
        value: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => super::serialize(value, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads a document, or `None` for `null`.
    pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        deserializer.deserialize_option(Maybe(std::marker::PhantomData))
    }

    struct Maybe<T>(std::marker::PhantomData<T>);

    impl<'de, T: DeserializeOwned> serde::de::Visitor<'de> for Maybe<T> {
        type Value = Option<T>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a JSON document, a string holding one, or null")
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
            super::deserialize(d).map(Some)
        }
    }
}
