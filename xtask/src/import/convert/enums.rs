//! Value sets: the overlay's `enums:` become service types (`enum: string`), and every member
//! an enum names takes it as its type (`string` → the enum, `list<string>` → a list of it).
//!
//! The description lists a member's allowed values only in its prose, which is never read: the
//! overlay declares each set once, in our words, with the members that take it.

use super::super::model::{Overlay, OverlayEnum};
use super::super::ImportError;
use super::{Cx, EnumValueSpec, TypeSpec};
use qcloud_as_codegen::model::names;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The enum a member takes, by object and member name.
pub type EnumOf = BTreeMap<(String, String), String>;

impl Cx<'_> {
    /// The enums of the overlay as service types, and which member takes which. A problem
    /// (an unknown member, a member that is not a string, a member in two enums, a value
    /// without a usable variant name) is an error naming the overlay entry.
    pub fn enums(&mut self, overlay: &Overlay, path: &Path) -> (Vec<TypeSpec>, EnumOf) {
        let mut types = Vec::new();
        let mut enum_of = EnumOf::new();
        for (name, entry) in &overlay.enums {
            let at = format!("enums.{name}");
            let mut fail = |message: String| {
                self.errors
                    .push(ImportError::new(path, Some(at.clone()), message));
            };
            if !names::is_type_name(name) || self.api.objects.contains_key(name) {
                fail(
                    "not usable as an enum's name (UpperCamelCase, and not the name of an object \
                     of the description)"
                        .to_owned(),
                );
                continue;
            }
            let Some(values) = values_of(entry, &mut fail) else {
                continue;
            };
            if entry.members.is_empty() {
                fail("no `members`: name the members that take these values".to_owned());
                continue;
            }
            for reference in &entry.members {
                let Some((object, member)) = reference.split_once('.') else {
                    fail(format!(
                        "member {reference:?}: expected `<Object>.<Member>` of the description"
                    ));
                    continue;
                };
                let found = self
                    .api
                    .objects
                    .get(object)
                    .and_then(|o| o.members.iter().find(|m| m.name == member));
                let Some(found) = found else {
                    fail(format!(
                        "member {reference}: no such member in the description"
                    ));
                    continue;
                };
                let string = matches!(
                    (found.ty.as_str(), found.member.as_str()),
                    ("string" | "list", "string")
                );
                if !string {
                    fail(format!(
                        "member {reference}: a {}/{} member cannot take an enum (strings and \
                         lists of strings only)",
                        found.ty, found.member
                    ));
                    continue;
                }
                let key = (object.to_owned(), member.to_owned());
                if let Some(other) = enum_of.insert(key, name.clone()) {
                    fail(format!(
                        "member {reference} is also a member of enums.{other}"
                    ));
                }
            }
            types.push(TypeSpec {
                name: name.clone(),
                doc: entry.doc.clone().unwrap_or_default(),
                fields: Vec::new(),
                values,
            });
        }
        (types, enum_of)
    }
}

/// The values of one enum, each with its variant name; `None` after reporting a problem.
fn values_of(entry: &OverlayEnum, fail: &mut impl FnMut(String)) -> Option<Vec<EnumValueSpec>> {
    if entry.values.is_empty() {
        fail("no `values`".to_owned());
        return None;
    }
    let mut out = Vec::new();
    let mut wires = BTreeSet::new();
    let mut variants = BTreeSet::new();
    for v in &entry.values {
        let name = v.name.clone().unwrap_or_else(|| variant_of(&v.value));
        if !names::is_type_name(&name) || name == "Unknown" {
            fail(format!(
                "value {:?}: no usable variant name (give `name:` in UpperCamelCase, not \
                 `Unknown`)",
                v.value
            ));
            return None;
        }
        if !wires.insert(v.value.clone()) {
            fail(format!("value {:?} is listed twice", v.value));
            return None;
        }
        if !variants.insert(name.clone()) {
            fail(format!("two values have the variant name {name}"));
            return None;
        }
        out.push(EnumValueSpec {
            name,
            value: v.value.clone(),
            doc: v.doc.clone().unwrap_or_default(),
        });
    }
    Some(out)
}

/// The variant name of a wire value: `IMMEDIATE_RETRY` → `ImmediateRetry`, `one-time` →
/// `OneTime`; empty when the value has no letters or digits.
pub fn variant_of(value: &str) -> String {
    value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_ascii_lowercase();
            let mut chars = lower.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::variant_of;

    #[test]
    fn variant_names() {
        assert_eq!(variant_of("IMMEDIATE_RETRY"), "ImmediateRetry");
        assert_eq!(variant_of("one-time"), "OneTime");
        assert_eq!(variant_of("CVM"), "Cvm");
        assert_eq!(
            variant_of("ASG_AVG_CPU_UTILIZATION"),
            "AsgAvgCpuUtilization"
        );
        assert_eq!(variant_of("."), "");
    }
}
