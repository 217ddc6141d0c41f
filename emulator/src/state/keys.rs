//! Unknown keys in a state document, found from the field lists serde decodes (so a typo such
//! as `minSzie` is refused, naming the entry), and the YAML parser's messages without their
//! place.

use super::check::Problem;
use super::StateError;
use serde_json::Value;

/// A parser message may end with ` at line L column C`; the position is reported separately.
pub(crate) fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) if message[at..].contains(" column ") => message[..at].to_owned(),
        _ => message.to_owned(),
    }
}

/// The field names of a struct that serde decodes, as it decodes them (wire names).
fn fields_of<T: serde::de::DeserializeOwned>() -> &'static [&'static str] {
    use serde::de::{Error, Visitor};

    /// A deserializer that only notes the field list a struct asks for.
    struct Probe<'a>(&'a mut &'static [&'static str]);

    impl<'de> serde::Deserializer<'de> for Probe<'_> {
        type Error = serde::de::value::Error;

        fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
            Err(Self::Error::custom("not a struct"))
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            _visitor: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(Self::Error::custom("fields noted"))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }

    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

/// Entries of a list under `key` of `value` whose keys are not fields of `T`.
fn unknown_keys_in<T: serde::de::DeserializeOwned>(
    value: &Value,
    key: &str,
    entry: &str,
) -> Result<(), Problem> {
    unknown_keys_where::<T>(value, key, entry, |_| true)
}

/// [`unknown_keys_in`] for the entries `which` picks.
fn unknown_keys_where<T: serde::de::DeserializeOwned>(
    value: &Value,
    key: &str,
    entry: &str,
    which: impl Fn(&Value) -> bool,
) -> Result<(), Problem> {
    let fields = fields_of::<T>();
    let Some(items) = value.get(key).and_then(Value::as_array) else {
        return Ok(());
    };
    for (i, item) in items.iter().enumerate() {
        let Some(map) = item.as_object().filter(|_| which(item)) else {
            continue;
        };
        for name in map.keys().map(String::as_str) {
            if !fields.contains(&name) {
                return Err(Problem::new(
                    format!("{entry}{key}[{i}]"),
                    format!(
                        "unknown field `{name}`, expected one of {}",
                        fields.join(", ")
                    ),
                )
                .at(name, 1));
            }
        }
    }
    Ok(())
}

/// The state's entries that are the SDK's own shapes take no fields they do not know, as the
/// emulator's own entries do not (they deny unknown fields when parsed).
/// A document too deep for the parser's budget is refused here, naming its place.
pub(super) fn unknown_fields(text: &str, source_name: &str) -> Result<(), StateError> {
    let value = match serde_saphyr::from_str_with_options::<Value>(text, super::yaml_options()) {
        Ok(value) => value,
        Err(e) if super::too_deep(&e) => return Err(super::yaml_error(&e, source_name)),
        // The typed parse reports the syntax error.
        Err(_) => return Ok(()),
    };
    known_fields(&value).map_err(|p| p.into_error(source_name, Some(text)))
}

fn known_fields(value: &Value) -> Result<(), Problem> {
    use crate::upgrade::launch::ScalingConfiguration;
    super::parts::format_two_parts(value)?;
    super::upgrade_groups::check_keys(value)?;
    unknown_keys_in::<ScalingConfiguration>(value, "scalingConfigurations", "")?;
    // Activities in the wire shape of formats 1 to 3 (the domain's deny unknown fields).
    unknown_keys_where::<super::upgrade_activities::LegacyActivity>(
        value,
        "scalingActivities",
        "",
        super::upgrade_activities::is_legacy_entry,
    )?;
    if let Some(groups) = value.get("scalingGroups").and_then(Value::as_array) {
        for (g, group) in groups.iter().enumerate() {
            let entry = format!("scalingGroups[{g}].");
            // API 2.0's shape (formats 1 and 2); the domain's denies unknown fields itself.
            unknown_keys_where::<super::policies::OldPolicy>(
                group,
                "scalingPolicies",
                &entry,
                super::policies::is_v2_entry,
            )?;
        }
    }
    Ok(())
}
