//! What every generated shape shares, written once: enums that keep values they do not know,
//! the spec's constraints, and lenient decoding of scalars.
//!
//! Generated code declares (an enum's value table, a struct's constrained fields); this module
//! acts on those declarations. Nothing here depends on a wire protocol: the same shapes are
//! encoded by each protocol's module under [`crate::protocol`].

use crate::error::ValidationError;

mod datetime;
pub mod de;
mod enums;
pub mod json;
pub mod members;
pub mod tolerant;

pub use datetime::DateTime;
pub use enums::{
    deserialize_enum, parse_enum, serialize_enum, validate_enum, EnumRepr, EnumShape,
    ParseEnumError, UnknownValue,
};
pub use tolerant::Tolerant;

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
        check_count(name, self.len(), c)?;
        let per_item =
            c.min.is_some() || c.max.is_some() || c.min_length.is_some() || c.max_length.is_some();
        if per_item {
            each_item(name, self.len(), &mut |i, item_name| {
                self[i].check(item_name, c)
            })?;
        }
        Ok(())
    }
}

/// A list's item count against `minItems` / `maxItems`.
fn check_count(name: &str, len: usize, c: &Constraints) -> Result<(), ValidationError> {
    let len = len as u64;
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
    Ok(())
}

/// Runs `check` on each item of a list of `len` items named `name`, with the item's name
/// (`name.0`, `name.1`, …). Not generic, so lists of every item type share it.
fn each_item(
    name: &str,
    len: usize,
    check: &mut dyn FnMut(usize, &str) -> Result<(), ValidationError>,
) -> Result<(), ValidationError> {
    for i in 0..len {
        check(i, &child(name, &i.to_string()))?;
    }
    Ok(())
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
impl Validate for bool {}
impl Validate for Float {}
impl Check for bool {}
impl Check for Float {}

/// A floating-point value of a shape: an `f64` that is `Eq` and `Hash` by its bits (so `NaN`
/// equals itself and `0.0` differs from `-0.0`), so shapes that hold one keep their derives.
/// Sent and received as a JSON number.
#[derive(Debug, Clone, Copy, Default)]
pub struct Float(pub f64);

impl serde::Serialize for Float {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Float {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        f64::deserialize(deserializer).map(Float)
    }
}

impl PartialEq for Float {
    fn eq(&self, other: &Float) -> bool {
        self.0.to_bits() == other.0.to_bits()
    }
}

impl Eq for Float {}

impl std::hash::Hash for Float {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.to_bits().hash(state);
    }
}

impl From<f64> for Float {
    fn from(value: f64) -> Float {
        Float(value)
    }
}

impl From<Float> for f64 {
    fn from(value: Float) -> f64 {
        value.0
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate(&self, name: &str, unknown: UnknownValues) -> Result<(), ValidationError> {
        each_item(name, self.len(), &mut |i, item_name| {
            self[i].validate(item_name, unknown)
        })
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

#[cfg(test)]
mod tests {
    use super::*;

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
