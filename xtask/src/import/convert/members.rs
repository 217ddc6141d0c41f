//! Members: the fields of requests, responses and data structures, their spec types and
//! `required`.

use super::super::docs;
use super::super::model::{ApiMember, ApiObject};
use super::naming::rust_name_of;
use super::{Cx, FieldSpec};
use qcloud_as_codegen::model::names;
use std::collections::{BTreeMap, BTreeSet};

/// The doc of every response's `RequestId`, unless the overlay gives one.
const REQUEST_ID_DOC: &str =
    "The request's unique id, which the server makes for every request; quote it when asking about a request.";

/// Which way a structure's members travel, which decides their `required`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Request members and `usage: in` structures: `required`.
    In,
    /// Response members and `usage: out` structures: always present and never null.
    Out,
    /// `usage: both`: required on input and always present and non-null on output.
    Both,
}

impl Cx<'_> {
    /// The fields of one object (its name and itself), in the description's order, without
    /// disabled members. `request_id` names the member that is always present (a response's
    /// trailing `RequestId`). A member required on output that an example answer lacks is not
    /// required.
    pub fn fields(
        &mut self,
        at: &str,
        (object_name, object): (&str, &ApiObject),
        direction: Direction,
        overlay_doc: impl Fn(&str) -> Option<String>,
        request_id: Option<&str>,
    ) -> Vec<FieldSpec> {
        let mut out = Vec::new();
        let mut wire_seen = BTreeSet::new();
        let mut rust_seen: BTreeMap<String, String> = BTreeMap::new();
        for member in &object.members {
            if member.disabled == Some(true) {
                continue;
            }
            let here = format!("{at}: member {}", member.name);
            if !names::is_wire_name(&member.name) {
                self.err(
                    Some(here),
                    "not a wire name: ASCII letters and digits, starting with a letter",
                );
                continue;
            }
            if !wire_seen.insert(member.name.clone()) {
                self.err(Some(here), "the member is listed twice");
                continue;
            }
            let Some((ty, min)) = self.type_of(&here, object_name, member) else {
                continue;
            };
            let rust_name = rust_name_of(&member.name);
            let rust = rust_name
                .clone()
                .unwrap_or_else(|| names::field_name(&member.name));
            if let Some(other) = rust_seen.insert(rust.clone(), member.name.clone()) {
                self.err(
                    Some(here),
                    format!(
                        "collides with member {other} as the Rust name `{rust}`: add one of them \
                         to the importer's RUST_NAMES"
                    ),
                );
                continue;
            }
            let always = request_id == Some(member.name.as_str());
            let mut required = always || required_of(member, direction);
            let mut comment = None;
            // Members only used as input are unaffected by the examples.
            let key = (object_name.to_owned(), member.name.clone());
            let relax = required && direction != Direction::In;
            if let Some(lacking) = self.lacking.get(&key).filter(|_| relax) {
                required = false;
                comment = Some(format!(
                    "not required: the description requires it, but {}",
                    lacking.describe(false)
                ));
                let both = if direction == Direction::Both {
                    " (on input too: the structure goes both ways)"
                } else {
                    ""
                };
                let file = self.examples_file.as_deref().unwrap_or_default();
                self.relaxed.push(format!(
                    "{file}: {object_name}.{} is not required{both}: the description \
                     requires it on output, but {}",
                    member.name,
                    lacking.describe(true)
                ));
            }
            let doc = overlay_doc(&member.name).unwrap_or_else(|| {
                if always {
                    REQUEST_ID_DOC.to_owned()
                } else {
                    docs::from_name(&member.name)
                }
            });
            out.push(FieldSpec {
                name: member.name.clone(),
                rust_name,
                ty,
                required,
                min,
                doc,
                comment,
            });
        }
        out
    }

    /// The spec type of a member and its `min` (0 for unsigned integers): the enum the overlay
    /// gives it, `datetime` for an ISO 8601 time, else from the description's type.
    fn type_of(
        &mut self,
        here: &str,
        object_name: &str,
        member: &ApiMember,
    ) -> Option<(String, Option<i64>)> {
        let key = (object_name.to_owned(), member.name.clone());
        if let Some(name) = self.enum_of.get(&key) {
            return Some(match member.ty.as_str() {
                "list" => (format!("list<{name}>"), None),
                _ => (name.clone(), None),
            });
        }
        let scalar = |ty: &str, member: &str| -> Option<(&'static str, Option<i64>)> {
            match (ty, member) {
                ("string", "string") => Some(("string", None)),
                ("string", "datetime_iso") => Some(("datetime", None)),
                ("int", "int64") => Some(("integer", None)),
                ("int", "uint64") => Some(("integer", Some(0))),
                ("bool", "bool") => Some(("boolean", None)),
                ("float", "float") => Some(("float", None)),
                _ => None,
            }
        };
        let object = |cx: &mut Self, name: &str| -> Option<String> {
            if !cx.api.objects.contains_key(name) {
                cx.err(
                    Some(here.to_owned()),
                    format!("`{name}` is not an object of the description"),
                );
                return None;
            }
            if cx.io_objects.contains(name) {
                cx.err(
                    Some(here.to_owned()),
                    format!("`{name}` is a request or response, not a data structure"),
                );
                return None;
            }
            Some(name.to_owned())
        };
        match member.ty.as_str() {
            "list" => {
                let item = match member.member.as_str() {
                    "string" => Some(("string", None)),
                    "datetime_iso" => Some(("datetime", None)),
                    "int64" => Some(("integer", None)),
                    "uint64" => Some(("integer", Some(0))),
                    "bool" => Some(("boolean", None)),
                    "float" => Some(("float", None)),
                    _ => None,
                };
                match item {
                    Some((ty, min)) => Some((format!("list<{ty}>"), min)),
                    None => {
                        object(self, &member.member).map(|name| (format!("list<{name}>"), None))
                    }
                }
            }
            "object" => object(self, &member.member).map(|name| (name, None)),
            ty => match scalar(ty, &member.member) {
                Some((ty, min)) => Some((ty.to_owned(), min)),
                None => {
                    self.err(
                        Some(here.to_owned()),
                        format!(
                            "unknown type `{}`/`{}` (known: string/string, string/datetime_iso, \
                             int/int64, int/uint64, bool/bool, float/float, list/…, object/…)",
                            member.ty, member.member
                        ),
                    );
                    None
                }
            },
        }
    }
}

/// `required` of a member, by the way its object travels.
fn required_of(member: &ApiMember, direction: Direction) -> bool {
    let required = member.required.unwrap_or(false);
    let present = member.output_required.unwrap_or(required);
    let non_null = !member.value_allowed_null.unwrap_or(false);
    match direction {
        Direction::In => required,
        Direction::Out => present && non_null,
        Direction::Both => required && present && non_null,
    }
}
