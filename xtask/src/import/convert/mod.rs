//! The mapping rules: the description's structure (plus error lists, overlay docs and the
//! official examples) → the spec model written by [`super::render`]. By concern: [`spec`]
//! (the model), [`members`] (fields, types, `required`), [`examples`] (members the examples
//! lack), [`enums`] (the overlay's value sets), [`naming`] (Rust names), [`actions`] (status, reference, idempotence, pages),
//! [`errors`] (common and per-action errors, variants) and [`checks`] (reachability, the
//! overlay).

mod actions;
mod checks;
mod enums;
mod errors;
pub(super) mod examples;
mod members;
mod naming;
mod spec;

#[cfg(test)]
pub use errors::COMMON_ERRORS;
pub use spec::*;

use super::docs;
use super::model::{ApiJson, ErrorCodeConst, ExamplesJson, Overlay};
use super::{ImportError, ImportErrors};
use members::Direction;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The inputs of one conversion, read and parsed.
pub struct Inputs<'a> {
    pub api: &'a ApiJson,
    pub api_path: &'a Path,
    pub error_codes: &'a [ErrorCodeConst],
    pub error_codes_path: &'a Path,
    /// Per-action error lists (by action), when a client source was given.
    pub client: Option<(&'a BTreeMap<String, Vec<String>>, &'a Path)>,
    pub overlay: &'a Overlay,
    pub overlay_path: &'a Path,
    /// The official examples, when given: what their answers lack is not required.
    pub examples: Option<(&'a ExamplesJson, &'a Path)>,
}

pub fn convert(inputs: &Inputs<'_>) -> Result<Spec, ImportErrors> {
    let api = inputs.api;
    let overlay = inputs.overlay;
    let mut cx = Cx {
        api,
        api_path: inputs.api_path,
        io_objects: BTreeSet::new(),
        lacking: examples::Omitted::new(),
        examples_file: None,
        relaxed: Vec::new(),
        enum_of: enums::EnumOf::new(),
        errors: Vec::new(),
        notes: Vec::new(),
    };

    // Which objects are requests and responses; every other object is a data structure.
    for (name, action) in &api.actions {
        for (what, object) in [("input", &action.input), ("output", &action.output)] {
            if !api.objects.contains_key(object) {
                cx.err(
                    Some(format!("action {name}")),
                    format!("its {what} object `{object}` is not an object of the description"),
                );
            }
            cx.io_objects.insert(object);
        }
    }

    if let Some((examples, path)) = inputs.examples {
        cx.walk_examples(examples, path);
    }

    let service_name = match naming::service_name(&api.metadata.service_short_name) {
        Some(name) => name.to_owned(),
        None => {
            cx.err(
                Some("metadata.serviceShortName".to_owned()),
                format!(
                    "no service name is known for `{}`: add it to the importer's SERVICE_NAMES",
                    api.metadata.service_short_name
                ),
            );
            String::new()
        }
    };

    // The overlay's value sets → enum types, and the members that take them.
    let (mut types, enum_of) = cx.enums(overlay, inputs.overlay_path);
    cx.enum_of = enum_of;

    // Data structures → service types.
    for (name, object) in &api.objects {
        if cx.io_objects.contains(name.as_str()) {
            continue;
        }
        let at = format!("object {name}");
        let direction = match object.usage.as_deref() {
            Some("in") => Direction::In,
            Some("out") => Direction::Out,
            Some("both") => Direction::Both,
            Some(other) => {
                cx.err(
                    Some(at),
                    format!("unknown usage `{other}` (in, out or both)"),
                );
                continue;
            }
            None => {
                cx.err(
                    Some(at),
                    "a data structure without `usage` (no action has it as input or output)",
                );
                continue;
            }
        };
        if !naming::is_usable_type_name(name, &service_name) {
            cx.err(
                Some(at),
                "the name is not usable as a Rust type name (UpperCamelCase, not a keyword, not \
                 a generated service-wide type)",
            );
            continue;
        }
        let overlay_type = overlay.types.get(name);
        let fields = cx.fields(
            &at,
            (name, object),
            direction,
            |member| {
                overlay_type
                    .and_then(|t| t.fields.get(member))
                    .or_else(|| overlay.members.get(member))
                    .cloned()
            },
            None,
        );
        types.push(TypeSpec {
            name: name.clone(),
            doc: overlay_type
                .and_then(|t| t.doc.clone())
                .unwrap_or_else(|| docs::from_name(name)),
            fields,
            values: Vec::new(),
        });
    }
    types.sort_by(|a, b| a.name.cmp(&b.name));
    checks::note_unreachable_types(&mut cx);

    // Actions, with their business errors; then the common errors.
    let mut error_lists = errors::ErrorLists::new(inputs);
    let mut actions = Vec::new();
    for (name, action) in &api.actions {
        if let Some(spec) = cx.action(name, action, overlay, &mut error_lists) {
            actions.push(spec);
        }
    }
    let common_errors = error_lists.finish(&mut cx);

    errors::check_variants(&mut cx, &common_errors, &actions, inputs.error_codes_path);
    checks::check_overlay(
        &mut cx,
        inputs.overlay_path,
        overlay,
        api,
        &actions,
        &types,
        &common_errors,
    );

    if let Some(file) = &cx.examples_file {
        if cx.relaxed.is_empty() {
            cx.notes.push(format!(
                "{file}: every member the description requires on output is in every example \
                 answer (nothing changed)"
            ));
        }
        let relaxed = std::mem::take(&mut cx.relaxed);
        cx.notes.extend(relaxed);
    }

    if !cx.errors.is_empty() {
        return Err(ImportErrors(cx.errors));
    }
    Ok(Spec {
        service: ServiceSpec {
            name: service_name.clone(),
            api_version: api.metadata.api_version.clone(),
            signing_name: api.metadata.service_short_name.clone(),
            doc: overlay.service.doc.clone().unwrap_or_else(|| {
                format!(
                    "Tencent Cloud {} ({}), API 3.0, version {}.",
                    docs::words(&service_name).join(" "),
                    api.metadata.service_short_name,
                    api.metadata.api_version
                )
            }),
            host: format!("{}.tencentcloudapi.com", api.metadata.service_short_name),
            common_errors,
            types,
        },
        actions,
        notes: cx.notes,
    })
}

/// The state of one conversion: the description, and the errors and notes so far.
struct Cx<'a> {
    api: &'a ApiJson,
    api_path: &'a Path,
    /// The requests and responses; every other object is a data structure.
    io_objects: BTreeSet<&'a str>,
    /// What the examples' answers lack, by object and member (empty without examples).
    lacking: examples::Omitted,
    /// The examples' file name, when given.
    examples_file: Option<String>,
    /// A note per member the examples made not required.
    relaxed: Vec<String>,
    /// The enum each member named by the overlay's `enums:` takes.
    enum_of: enums::EnumOf,
    errors: Vec<ImportError>,
    notes: Vec<String>,
}

impl Cx<'_> {
    fn err(&mut self, at: Option<String>, message: impl Into<String>) {
        self.errors
            .push(ImportError::new(self.api_path, at, message));
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
