//! Tolerant answers (API 3.0): a member of an answer that the service leaves out or sends as
//! `null` decodes as its type's default instead of failing the whole answer, and the absence
//! stays observable.
//!
//! The rule: a member that is an `Option` stays one (absent or `null` is `None`); every other
//! member of an output, or of a shape an output holds, decodes absent or `null` as its type's
//! default: `""`, `0`, `false`, `0.0`, an empty list, an empty [`DateTime`](super::DateTime), a
//! struct of defaults, and for an enum its `Unknown` variant holding an empty value (`as_str()`
//! is `""`). Field types do not change.
//!
//! How to tell a default from a value the service sent: each generated API 3.0 struct
//! implements [`Tolerant`], whose [`TOLERATED`](Tolerant::TOLERATED) lists (by wire name) the
//! members that decode that way, and [`absent_members`] walks a received JSON document along the
//! struct (into nested structs and lists) and names each tolerated member that was absent or
//! `null` by its path, `AutoScalingGroupSet[0].SpotMixedAllocationPolicy`. The API 3.0 client
//! runs that walk on every answer when `tracing`'s `DEBUG` level is enabled for the target
//! `qcloud_as::tolerant`, and records one event naming the paths (prefixed `Response.`);
//! `qcloud_as::v3::absent_members` does it for an answer body in hand.
//!
//! Servers decode requests with the same types, and requests are not tolerant: a server built
//! on `qcloud_as::v3::server` refuses a request in which such a member is absent or `null` as a
//! missing parameter, as before.

use serde::de::{Deserialize, DeserializeOwned, Deserializer};
use serde_json::Value;
use std::fmt;

/// A generated API 3.0 struct: which of its members decode absent or `null` as their type's
/// default, and a walk of a received document that finds them.
pub trait Tolerant {
    /// The wire names of the members that decode absent or `null` as their type's default
    /// (empty for shapes only requests carry).
    const TOLERATED: &'static [&'static str];

    /// Records, under `walk`'s current path, each tolerated member that `value` (this struct's
    /// JSON object) lacks or gives as `null`, then does the same in the nested structs.
    fn find_absent(value: &Value, walk: &mut Walk);
}

/// One step of a [`MemberPath`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    /// A member, by its wire name.
    Member(&'static str),
    /// An item of a list.
    Index(usize),
}

/// Where a member sits in a JSON document: `AutoScalingGroupSet[0].SpotMixedAllocationPolicy`
/// (its `Display`), or dotted as request parameters are named, `Filters.0.Name`
/// ([`dotted`](MemberPath::dotted)).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct MemberPath(pub Vec<Step>);

impl MemberPath {
    /// The path with list indexes as members: `AutoScalingGroupSet.0.SpotMixedAllocationPolicy`.
    pub fn dotted(&self) -> String {
        let mut out = String::new();
        for step in &self.0 {
            if !out.is_empty() {
                out.push('.');
            }
            match step {
                Step::Member(name) => out.push_str(name),
                Step::Index(i) => out.push_str(&i.to_string()),
            }
        }
        out
    }
}

impl fmt::Display for MemberPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Member(name) if i == 0 => f.write_str(name)?,
                Step::Member(name) => write!(f, ".{name}")?,
                Step::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// A walk in progress: the current path and the absent members found so far. Generated
/// [`Tolerant::find_absent`] bodies call its methods.
#[derive(Debug, Default)]
pub struct Walk {
    at: Vec<Step>,
    found: Vec<MemberPath>,
}

impl Walk {
    /// Records each of `tolerated` that the object `value` lacks or gives as `null`. A value
    /// that is not an object records nothing (decoding it fails on its own).
    pub fn members(&mut self, value: &Value, tolerated: &'static [&'static str]) {
        let Value::Object(map) = value else {
            return;
        };
        for name in tolerated {
            if map.get(*name).is_none_or(Value::is_null) {
                let mut path = self.at.clone();
                path.push(Step::Member(name));
                self.found.push(MemberPath(path));
            }
        }
    }

    /// Walks the member `name` of the object `value` as a `T`: a struct, or a list of them
    /// (lists of lists included). Absent, `null` or of another kind: nothing to walk.
    pub fn nested<T: Tolerant>(&mut self, value: &Value, name: &'static str) {
        if let Some(member) = value.get(name) {
            self.at.push(Step::Member(name));
            self.descend::<T>(member);
            self.at.pop();
        }
    }

    fn descend<T: Tolerant>(&mut self, value: &Value) {
        match value {
            Value::Object(_) => T::find_absent(value, self),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.at.push(Step::Index(i));
                    self.descend::<T>(item);
                    self.at.pop();
                }
            }
            _ => {}
        }
    }
}

/// The tolerated members of `T` (and of the structs it holds) that `value`, a received JSON
/// object of a `T`, lacks or gives as `null`, by path, in document order of the walk.
///
/// Generated structs implement [`Tolerant`]; by hand it reads:
///
/// ```
/// use qcloud_as::shape::tolerant::{absent_members, Tolerant, Walk};
/// use serde_json::{json, Value};
///
/// struct Tag;
/// impl Tolerant for Tag {
///     const TOLERATED: &'static [&'static str] = &["Key", "Value"];
///     fn find_absent(value: &Value, walk: &mut Walk) {
///         walk.members(value, Self::TOLERATED);
///     }
/// }
///
/// let absent = absent_members::<Tag>(&json!({"Key": "env", "Value": null}));
/// assert_eq!(absent.iter().map(|p| p.to_string()).collect::<Vec<_>>(), ["Value"]);
/// ```
pub fn absent_members<T: Tolerant>(value: &Value) -> Vec<MemberPath> {
    let mut walk = Walk::default();
    walk.descend::<T>(value);
    walk.found
}

/// Any `T` with a default: absent is handled by `#[serde(default)]`, `null` here.
pub fn or_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A lenient `String` (see [`super::de::string`]); `null` is `""`.
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(super::de::opt_string(d)?.unwrap_or_default())
}

/// A lenient `i64` (see [`super::de::int`]); `null` is `0`.
pub fn int<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    Ok(super::de::opt_int(d)?.unwrap_or_default())
}

/// A lenient list of strings; `null` is empty.
pub fn strings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(super::de::opt_strings(d)?.unwrap_or_default())
}

/// A lenient list of integers; `null` is empty.
pub fn ints<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<i64>, D::Error> {
    Ok(super::de::opt_ints(d)?.unwrap_or_default())
}

/// A `T` sent as a JSON document in a string (see [`super::json`]); `null` is the default.
pub fn json<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned + Default,
{
    Ok(super::json::option::deserialize(d)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Inner;
    impl Tolerant for Inner {
        const TOLERATED: &'static [&'static str] = &["Key"];
        fn find_absent(value: &Value, walk: &mut Walk) {
            walk.members(value, Self::TOLERATED);
        }
    }

    struct Outer;
    impl Tolerant for Outer {
        const TOLERATED: &'static [&'static str] = &["Name", "Count"];
        fn find_absent(value: &Value, walk: &mut Walk) {
            walk.members(value, Self::TOLERATED);
            walk.nested::<Inner>(value, "Tags");
            walk.nested::<Inner>(value, "Grid");
        }
    }

    #[test]
    fn paths_of_absent_and_null_members() {
        let value = serde_json::json!({
            "Name": null,
            "Tags": [{"Key": "a"}, {"Key": null}, {}],
            "Grid": [[{"Key": "x"}], [{"Other": 1}]],
        });
        let found: Vec<String> = absent_members::<Outer>(&value)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            [
                "Name",
                "Count",
                "Tags[1].Key",
                "Tags[2].Key",
                "Grid[1][0].Key"
            ]
        );
        let dotted: Vec<String> = absent_members::<Outer>(&value)
            .iter()
            .map(MemberPath::dotted)
            .collect();
        assert_eq!(dotted[2], "Tags.1.Key");
    }

    #[test]
    fn nothing_absent_nothing_found() {
        let value = serde_json::json!({"Name": "n", "Count": 0, "Tags": []});
        assert!(absent_members::<Outer>(&value).is_empty());
        // Not an object: nothing to walk.
        assert!(absent_members::<Outer>(&serde_json::json!(3)).is_empty());
    }

    #[test]
    fn null_reads_as_the_default() {
        #[derive(serde::Deserialize)]
        struct S {
            #[serde(default, deserialize_with = "string")]
            s: String,
            #[serde(default, deserialize_with = "int")]
            n: i64,
            #[serde(default, deserialize_with = "strings")]
            l: Vec<String>,
            #[serde(default, deserialize_with = "or_default")]
            b: bool,
        }
        let s: S = serde_json::from_str(r#"{"s":null,"n":null,"l":null,"b":null}"#).unwrap();
        assert_eq!((s.s.as_str(), s.n, s.l.len(), s.b), ("", 0, 0, false));
        let s: S = serde_json::from_str(r#"{"s":5,"n":"7","l":[1],"b":true}"#).unwrap();
        assert_eq!(
            (s.s.as_str(), s.n, s.l, s.b),
            ("5", 7, vec!["1".to_owned()], true)
        );
        let s: S = serde_json::from_str("{}").unwrap();
        assert_eq!((s.s.as_str(), s.n, s.l.len(), s.b), ("", 0, 0, false));
        // A value of the wrong kind still fails.
        assert!(serde_json::from_str::<S>(r#"{"b":"yes"}"#).is_err());
    }
}
