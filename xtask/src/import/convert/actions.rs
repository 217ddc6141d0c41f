//! Actions: names, status, reference, idempotence and pages, around their members and errors.

use super::super::docs;
use super::super::model::{ApiAction, Overlay};
use super::errors::ErrorLists;
use super::members::Direction;
use super::naming::action_rust_name;
use super::{ActionSpec, Cx, FieldSpec, PagesSpec};
use qcloud_as_codegen::model::names;

impl Cx<'_> {
    /// One action; `None` when it cannot be imported (the reason is among the errors).
    pub fn action(
        &mut self,
        name: &str,
        action: &ApiAction,
        overlay: &Overlay,
        error_lists: &mut ErrorLists<'_>,
    ) -> Option<ActionSpec> {
        let api = self.api;
        let at = format!("action {name}");
        if !names::is_wire_name(name) {
            self.err(Some(at), "not an action name: ASCII letters and digits");
            return None;
        }
        if !names::is_type_name(name) {
            self.err(
                Some(at),
                "the name is not an UpperCamelCase Rust name; the importer cannot choose one",
            );
            return None;
        }
        let deprecated = match action.status.as_str() {
            "online" => false,
            "deprecated" => true,
            other => {
                self.err(
                    Some(at),
                    format!("unknown status `{other}` (online or deprecated)"),
                );
                return None;
            }
        };
        let (Some(input), Some(output)) = (
            api.objects.get(&action.input),
            api.objects.get(&action.output),
        ) else {
            return None; // reported with the requests and responses
        };
        let overlay_action = overlay.actions.get(name);
        let parameters = self.fields(
            &format!("{at}: parameters ({})", action.input),
            (&action.input, input),
            Direction::In,
            |member| {
                overlay_action
                    .and_then(|a| a.parameters.get(member))
                    .cloned()
            },
            None,
        );
        let output_fields = self.fields(
            &format!("{at}: output ({})", action.output),
            (&action.output, output),
            Direction::Out,
            |member| overlay_action.and_then(|a| a.output.get(member)).cloned(),
            Some("RequestId"),
        );
        let errors = error_lists.of_action(self, name, &at);
        let pages = pages_of(&parameters, &output_fields);
        Some(ActionSpec {
            name: name.to_owned(),
            rust_name: action_rust_name(name),
            doc: overlay_action
                .and_then(|a| a.doc.clone())
                .unwrap_or_else(|| docs::from_name(name)),
            reference: format!(
                "https://console.tencentcloud.com/api/explorer?Product={}&Version={}&Action={name}",
                api.metadata.service_short_name, api.metadata.api_version
            ),
            deprecated,
            idempotent: name.starts_with("Describe"),
            parameters,
            output: output_fields,
            errors,
            pages,
            waiters: overlay_action
                .map(|a| {
                    a.waiters
                        .iter()
                        .map(|(name, w)| (name.clone(), w.clone()))
                        .collect()
                })
                .unwrap_or_default(),
        })
    }
}

/// Paging: optional integer `Offset` and `Limit`, an integer `TotalCount` and exactly one list.
fn pages_of(parameters: &[FieldSpec], output: &[FieldSpec]) -> Option<PagesSpec> {
    let optional_integer = |fields: &[FieldSpec], name: &str| {
        fields
            .iter()
            .any(|f| f.name == name && f.ty == "integer" && !f.required)
    };
    if !optional_integer(parameters, "Offset") || !optional_integer(parameters, "Limit") {
        return None;
    }
    if !output
        .iter()
        .any(|f| f.name == "TotalCount" && f.ty == "integer")
    {
        return None;
    }
    let lists: Vec<&FieldSpec> = output
        .iter()
        .filter(|f| f.ty.starts_with("list<"))
        .collect();
    match lists.as_slice() {
        [items] => Some(PagesSpec {
            offset: "Offset".to_owned(),
            limit: "Limit".to_owned(),
            total: "TotalCount".to_owned(),
            items: items.name.clone(),
        }),
        _ => None,
    }
}
