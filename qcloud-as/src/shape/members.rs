//! Decoding an API 3.0 answer's struct: a generated `Deserialize` impl of a shape an output
//! holds (or of an output) is one call to [`deserialize`], and the shape's [`Members`] impl
//! names its members and reads each one with a seed of this module.
//!
//! Written once here rather than expanded per struct by `#[derive(Deserialize)]`: the members
//! of an answer all read the same few ways (tolerant of absence and `null`, lenient scalars), so
//! a struct's own code is its table of wire names and one line per member. The behaviour is
//! the derive's: a JSON object (or any map), members by wire name, unknown members skipped
//! (through `IgnoredAny`, so `serde_ignored` still sees them), a member given twice an error
//! (`duplicate field`), absent members their defaults (see [tolerant answers](super::tolerant)).

use serde::de::{
    DeserializeOwned, DeserializeSeed, Deserializer, Error, IgnoredAny, MapAccess, Visitor,
};
use serde::Deserialize;
use std::fmt;
use std::marker::PhantomData;

/// A generated answer struct's members: their wire names, and how each is read.
pub trait Members: Default {
    /// The struct's name, for error messages.
    const NAME: &'static str;
    /// The wire names of the members, in declaration order.
    const WIRE: &'static [&'static str];
    /// Reads the value of member `index` (a position in [`WIRE`](Members::WIRE)) from `map`
    /// into `self`.
    fn member<'de, A: MapAccess<'de>>(&mut self, index: usize, map: &mut A)
        -> Result<(), A::Error>;
}

/// Deserializes a `T` from a map of its members, starting from `T::default()`.
pub fn deserialize<'de, T: Members, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_struct(T::NAME, T::WIRE, StructVisitor(PhantomData))
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: Members> Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut out = T::default();
        // Members seen, for the duplicate check (no struct has more than 128).
        let mut seen: u128 = 0;
        while let Some(key) = map.next_key_seed(Key(T::WIRE))? {
            match key {
                Some(index) => {
                    let bit = 1u128.checked_shl(u32::try_from(index).unwrap_or(u32::MAX));
                    if let Some(bit) = bit {
                        if seen & bit != 0 {
                            return Err(A::Error::duplicate_field(T::WIRE[index]));
                        }
                        seen |= bit;
                    }
                    out.member(index, &mut map)?;
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(out)
    }
}

/// A member's name: its position among the wire names, `None` for one the struct lacks.
pub(crate) struct Key(pub(crate) &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Key {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|name| *name == v))
    }

    fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|name| name.as_bytes() == v))
    }

    fn visit_u64<E: Error>(self, v: u64) -> Result<Option<usize>, E> {
        Ok(usize::try_from(v).ok().filter(|i| *i < self.0.len()))
    }
}

macro_rules! seeds {
    ($($(#[$doc:meta])* $name:ident => $ty:ty = $read:path;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $name;

        impl<'de> DeserializeSeed<'de> for $name {
            type Value = $ty;

            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<$ty, D::Error> {
                $read(d)
            }
        }
    )*};
}

seeds! {
    /// A string (or a number, as text); absent or `null` is `""`.
    Str => String = super::tolerant::string;
    /// An integer (or a string holding one); absent or `null` is `0`.
    Int => i64 = super::tolerant::int;
    /// A list of strings; absent or `null` is empty.
    Strs => Vec<String> = super::tolerant::strings;
    /// A list of integers; absent or `null` is empty.
    Ints => Vec<i64> = super::tolerant::ints;
    /// An optional string (or number, as text); `null` is `None`.
    OptStr => Option<String> = super::de::opt_string;
    /// An optional integer (or string holding one); `null` is `None`.
    OptInt => Option<i64> = super::de::opt_int;
    /// An optional list of strings; `null` is `None`.
    OptStrs => Option<Vec<String>> = super::de::opt_strings;
    /// An optional list of integers; `null` is `None`.
    OptInts => Option<Vec<i64>> = super::de::opt_ints;
}

/// Any other member: a `T`, with `null` its default.
pub struct Or<T>(pub PhantomData<T>);

impl<'de, T: Deserialize<'de> + Default> DeserializeSeed<'de> for Or<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        super::tolerant::or_default(d)
    }
}

/// Any other optional member: `null` is `None`.
pub struct Opt<T>(pub PhantomData<T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Opt<T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        Option::<T>::deserialize(d)
    }
}

/// A `T` sent as a JSON document in a string (see [`super::json`]); `null` is its default.
pub struct Json<T>(pub PhantomData<T>);

impl<'de, T: DeserializeOwned + Default> DeserializeSeed<'de> for Json<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        super::tolerant::json(d)
    }
}

/// An optional `T` sent as a JSON document in a string; `null` is `None`.
pub struct OptJson<T>(pub PhantomData<T>);

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for OptJson<T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        super::json::option::deserialize(d)
    }
}

/// `Deserialize` (through [`deserialize`]) and [`Members`] for a hand-written struct whose
/// members are all `Option`s, read by wire name: `optional_members!(Answer { code: "Code" })`.
/// The struct derives `Default`.
macro_rules! optional_members {
    ($ty:ident { $($field:ident: $wire:literal),* $(,)? }) => {
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::shape::members::deserialize(d)
            }
        }

        impl $crate::shape::members::Members for $ty {
            const NAME: &'static str = stringify!($ty);
            const WIRE: &'static [&'static str] = &[$($wire),*];
            fn member<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                index: usize,
                map: &mut A,
            ) -> Result<(), A::Error> {
                let mut at = 0usize;
                $(
                    if index == at {
                        self.$field = map.next_value_seed(
                            $crate::shape::members::Opt(::std::marker::PhantomData),
                        )?;
                        return Ok(());
                    }
                    at += 1;
                )*
                let _ = at;
                map.next_value::<::serde::de::IgnoredAny>()?;
                Ok(())
            }
        }
    };
}
pub(crate) use optional_members;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq)]
    struct Pair {
        name: String,
        count: Option<i64>,
        tags: Vec<String>,
    }

    impl Members for Pair {
        const NAME: &'static str = "Pair";
        const WIRE: &'static [&'static str] = &["Name", "Count", "Tags"];
        fn member<'de, A: MapAccess<'de>>(
            &mut self,
            index: usize,
            map: &mut A,
        ) -> Result<(), A::Error> {
            match index {
                0 => self.name = map.next_value_seed(Str)?,
                1 => self.count = map.next_value_seed(OptInt)?,
                2 => self.tags = map.next_value_seed(Strs)?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(())
        }
    }

    impl<'de> Deserialize<'de> for Pair {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize(d)
        }
    }

    #[test]
    fn members_by_name_defaults_and_unknowns() {
        let p: Pair =
            serde_json::from_str(r#"{"Other":{"x":[1]},"Count":"7","Name":5,"Tags":null}"#)
                .unwrap();
        assert_eq!(
            p,
            Pair {
                name: "5".into(),
                count: Some(7),
                tags: vec![]
            }
        );
        assert_eq!(serde_json::from_str::<Pair>("{}").unwrap(), Pair::default());
    }

    #[test]
    fn wrong_kinds_and_duplicates_fail_by_name() {
        let e = serde_json::from_str::<Pair>(r#"{"Name":"a","Name":"b"}"#).unwrap_err();
        assert!(e.to_string().contains("duplicate field `Name`"), "{e}");
        let e = serde_json::from_str::<Pair>(r#"{"Count":{}}"#).unwrap_err();
        assert!(e.to_string().contains("integer"), "{e}");
        let e = serde_json::from_str::<Pair>("[1]").unwrap_err();
        assert!(e.to_string().contains("struct Pair"), "{e}");
    }

    #[cfg(feature = "v3")]
    #[test]
    fn paths_through_path_to_error() {
        let mut de = serde_json::Deserializer::from_str(r#"{"Tags":[{}]}"#);
        let e = serde_path_to_error::deserialize::<_, Pair>(&mut de).unwrap_err();
        assert_eq!(e.path().to_string(), "Tags[0]");
    }
}
