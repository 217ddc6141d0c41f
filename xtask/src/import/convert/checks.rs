//! Checks across the whole import: data structures no action reaches, and overlay entries
//! that document nothing imported.

use super::super::model::{ApiJson, Overlay};
use super::super::ImportError;
use super::{ActionSpec, CommonErrorSpec, Cx, TypeSpec};
use std::collections::BTreeSet;
use std::path::Path;

/// Data structures no action reaches (through members that are not disabled).
pub fn note_unreachable_types(cx: &mut Cx<'_>) {
    let api = cx.api;
    let io_objects = &cx.io_objects;
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut pending: Vec<&str> = io_objects.iter().copied().collect();
    while let Some(name) = pending.pop() {
        let Some(object) = api.objects.get(name) else {
            continue;
        };
        for m in &object.members {
            if m.disabled == Some(true) || !matches!(m.ty.as_str(), "list" | "object") {
                continue;
            }
            if api.objects.contains_key(&m.member) && seen.insert(m.member.as_str()) {
                pending.push(m.member.as_str());
            }
        }
    }
    let unreachable: Vec<&str> = api
        .objects
        .keys()
        .map(String::as_str)
        .filter(|n| !io_objects.contains(n) && !seen.contains(n))
        .collect();
    if !unreachable.is_empty() {
        cx.notes.push(format!(
            "data structures no action reaches (imported all the same): {}",
            unreachable.join(", ")
        ));
    }
}

/// Every overlay entry documents something that was imported; an entry for a disabled member
/// is only noted.
pub fn check_overlay(
    cx: &mut Cx<'_>,
    path: &Path,
    overlay: &Overlay,
    api: &ApiJson,
    actions: &[ActionSpec],
    types: &[TypeSpec],
    common: &[CommonErrorSpec],
) {
    let disabled = |object: &str, member: &str| {
        api.objects.get(object).is_some_and(|o| {
            o.members
                .iter()
                .any(|m| m.name == member && m.disabled == Some(true))
        })
    };
    let mut stale = Vec::new();
    let mut skipped = Vec::new();
    for (name, entry) in &overlay.actions {
        let (Some(action), Some(raw)) = (
            actions.iter().find(|a| &a.name == name),
            api.actions.get(name),
        ) else {
            stale.push(format!("actions.{name}: no such action"));
            continue;
        };
        for (key, fields, list, object) in [
            (
                "parameters",
                &action.parameters,
                &entry.parameters,
                &raw.input,
            ),
            ("output", &action.output, &entry.output, &raw.output),
        ] {
            for field in list.keys() {
                if fields.iter().any(|f| &f.name == field) {
                    continue;
                }
                let at = format!("actions.{name}.{key}.{field}");
                if disabled(object, field) {
                    skipped.push(at);
                } else {
                    stale.push(format!("{at}: no such field"));
                }
            }
        }
    }
    for (name, entry) in &overlay.types {
        let Some(t) = types.iter().find(|t| &t.name == name) else {
            stale.push(format!("types.{name}: no such type"));
            continue;
        };
        for field in entry.fields.keys() {
            if t.fields.iter().any(|f| &f.name == field) {
                continue;
            }
            let at = format!("types.{name}.fields.{field}");
            if disabled(name, field) {
                skipped.push(at);
            } else {
                stale.push(format!("{at}: no such field"));
            }
        }
    }
    for name in overlay.members.keys() {
        let used = actions.iter().any(|a| {
            a.parameters
                .iter()
                .chain(&a.output)
                .any(|f| &f.name == name)
        }) || types
            .iter()
            .any(|t| t.fields.iter().any(|f| &f.name == name));
        if !used {
            stale.push(format!(
                "members.{name}: no parameter, output or struct member has this name"
            ));
        }
    }
    for code in overlay.errors.keys() {
        let known = common.iter().any(|e| &e.code == code)
            || actions
                .iter()
                .any(|a| a.errors.iter().any(|e| &e.code == code));
        if !known {
            stale.push(format!(
                "errors.{code}: no action or common error has this code"
            ));
        }
    }
    if !skipped.is_empty() {
        cx.notes.push(format!(
            "{}: docs of disabled members, which are not imported: {}",
            path.display(),
            skipped.join(", ")
        ));
    }
    for message in stale {
        cx.errors.push(ImportError::new(
            path,
            None,
            format!("{message} (the overlay documents something that is not imported)"),
        ));
    }
}
