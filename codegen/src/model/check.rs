//! Builds the [`Service`] model from the spec files, checking every rule on the way.

use super::errors::{check_common_errors, check_errors, service_errors};
use super::fields::{check_fields, check_types, mark_shapes, required_struct, Direction, FieldsOf};
use super::names::{self, ACTION_SUFFIXES, KEYWORDS, RESERVED_METHODS};
use super::{Action, ActionIdents, Field, Pages, Service, ServiceIdents, Shape, TypeRef};
use crate::protocol::{Protocol, PROTOCOLS};
use crate::spec::{RawAction, RawPages, RawService, RawType};
use crate::SpecError;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Collects the errors of one file.
pub(super) struct Ctx<'a> {
    pub(super) file: &'a Path,
    pub(super) action: Option<String>,
    pub(super) protocol: Protocol,
    pub(super) errors: &'a mut Vec<SpecError>,
}

impl Ctx<'_> {
    pub(super) fn err(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push(SpecError {
            file: self.file.to_path_buf(),
            action: self.action.clone(),
            field: field.into(),
            message: message.into(),
        });
    }
}

/// The types visible to one file: its own and the service's.
pub(super) struct Scope<'a> {
    pub(super) local: &'a BTreeMap<String, RawType>,
    pub(super) shared: &'a BTreeMap<String, RawType>,
}

impl Scope<'_> {
    pub(super) fn get(&self, name: &str) -> Option<&RawType> {
        self.local.get(name).or_else(|| self.shared.get(name))
    }

    pub(super) fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .local
            .keys()
            .chain(self.shared.keys())
            .map(String::as_str)
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }
}

/// Checks a parsed service and its actions, given with the paths of their files.
pub(crate) fn check(
    service_file: &Path,
    service: &RawService,
    actions: &[(PathBuf, RawAction)],
    errors: &mut Vec<SpecError>,
) -> Service {
    let protocol = match Protocol::parse(&service.protocol) {
        Some(p) => p,
        None => {
            errors.push(SpecError {
                file: service_file.to_path_buf(),
                action: None,
                field: "protocol".to_owned(),
                message: format!(
                    "unknown protocol `{}`: use {}",
                    service.protocol,
                    PROTOCOLS
                        .iter()
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
            Protocol::QcloudV2
        }
    };
    let mut ctx = Ctx {
        file: service_file,
        action: None,
        protocol,
        errors,
    };
    if service.host.trim().is_empty() || service.host.contains(['/', ' ']) {
        ctx.err("host", format!("{:?} is not a host name", service.host));
    }
    for (field, value) in [
        ("apiVersion", &service.api_version),
        ("signingName", &service.signing_name),
    ] {
        match value {
            None if protocol.needs_version() => ctx.err(
                field,
                format!("the {} protocol needs `{field}`", protocol.name()),
            ),
            Some(_) if !protocol.needs_version() => ctx.err(
                field,
                format!("the {} protocol has no `{field}`", protocol.name()),
            ),
            Some(v) if v.trim().is_empty() || v.contains(char::is_whitespace) => {
                ctx.err(field, format!("{v:?} is not a usable value"))
            }
            _ => {}
        }
    }
    if !service.path.starts_with('/') {
        ctx.err("path", format!("{:?} must start with /", service.path));
    }
    if !names::is_type_name(&service.service) {
        ctx.err(
            "service",
            "the service name must be an UpperCamelCase identifier",
        );
    }
    let idents = ServiceIdents {
        server_trait: format!("{}Service", service.service),
        error: format!("{}Error", service.service),
        common_error: "CommonError".to_owned(),
    };
    let service_generated: BTreeSet<String> = [
        idents.server_trait.clone(),
        idents.error.clone(),
        idents.common_error.clone(),
    ]
    .into();
    for name in service.types.keys() {
        if service_generated.contains(name) {
            ctx.err(
                format!("types.{name}"),
                "this name is taken by a generated service-wide type",
            );
        }
    }
    let common_errors = check_common_errors(&mut ctx, &service.common_errors);

    // Type names a generated required-fields struct must not take: every type of the spec.
    let mut all_types: BTreeSet<String> = service.types.keys().cloned().collect();
    for (_, raw) in actions {
        all_types.extend(raw.types.keys().cloned());
    }

    let empty = BTreeMap::new();
    let mut checked = Vec::new();
    let mut snakes: BTreeMap<String, String> = BTreeMap::new();
    for (file, raw) in actions {
        let mut ctx = Ctx {
            file,
            action: Some(raw.action.clone()),
            protocol,
            errors: &mut *ctx.errors,
        };
        if let Some(action) = check_action(
            &mut ctx,
            raw,
            service,
            &common_errors,
            &all_types,
            &service_generated,
            &mut snakes,
        ) {
            checked.push(action);
        }
    }
    let shared_scope = Scope {
        local: &service.types,
        shared: &empty,
    };
    let mut types = check_types(&mut ctx, "types", &service.types, &shared_scope, &all_types);
    checked.sort_by(|a, b| a.name.cmp(&b.name));
    super::waiters::check_waiters(&mut ctx, &mut checked, actions, &types, &all_types);

    // Which shapes outputs reach (decodable in every build) and requests reach (validated).
    for action in &mut checked {
        let mut shapes: Vec<&mut Shape> = action.types.iter_mut().chain(types.iter_mut()).collect();
        mark_shapes(&action.output, &mut shapes, Direction::Output);
        mark_shapes(&action.params, &mut shapes, Direction::Input);
    }

    let mut conflicts = Vec::new();
    let business_errors = service_errors(
        checked
            .iter()
            .map(|a| (a.name.as_str(), a.errors.as_slice())),
        |action, message| conflicts.push((action.to_owned(), message)),
    );
    for (action, message) in conflicts {
        let file = actions
            .iter()
            .find(|(_, a)| a.action == action)
            .map_or(service_file, |(f, _)| f.as_path());
        ctx.errors.push(SpecError {
            file: file.to_path_buf(),
            action: Some(action),
            field: "errors".to_owned(),
            message,
        });
    }

    Service {
        name: service.service.clone(),
        protocol,
        doc: service.doc.trim().to_owned(),
        host: service.host.clone(),
        path: service.path.clone(),
        api_version: service.api_version.clone(),
        signing_name: service.signing_name.clone(),
        source: service_file
            .parent()
            .and_then(Path::file_name)
            .map(|name| format!("{}/", name.to_string_lossy()))
            .unwrap_or_default(),
        common_errors,
        business_errors,
        types,
        actions: checked,
        idents,
    }
}

fn check_action(
    ctx: &mut Ctx<'_>,
    raw: &RawAction,
    service: &RawService,
    common_errors: &[super::CommonError],
    all_types: &BTreeSet<String>,
    service_generated: &BTreeSet<String>,
    snakes: &mut BTreeMap<String, String>,
) -> Option<Action> {
    let stem = ctx
        .file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if stem != raw.action {
        ctx.err(
            "action",
            format!(
                "the file of action `{}` must be named `{}.yaml`",
                raw.action, raw.action
            ),
        );
    }
    if !names::is_wire_name(&raw.action) {
        ctx.err(
            "action",
            format!(
                "`{}` is not an action name: ASCII letters and digits",
                raw.action
            ),
        );
        return None;
    }
    let rust = raw.rust_name.clone().unwrap_or_else(|| raw.action.clone());
    if !names::is_type_name(&rust) {
        let field = if raw.rust_name.is_some() {
            "rustName"
        } else {
            "action"
        };
        ctx.err(
            field,
            format!(
                "`{rust}` is not an UpperCamelCase name for the action's Rust items; give the \
                 action a `rustName`"
            ),
        );
        return None;
    }
    let snake = names::snake(&rust);
    if RESERVED_METHODS.contains(&snake.as_str()) || KEYWORDS.contains(&snake.as_str()) {
        ctx.err(
            "action",
            format!("`{snake}` is taken by a method of `Client` or by Rust; rename the action"),
        );
        return None;
    }
    if let Some(other) = snakes.insert(snake.clone(), raw.action.clone()) {
        ctx.err(
            "action",
            format!(
                "actions `{}` and `{other}` collide as `{snake}`",
                raw.action
            ),
        );
        return None;
    }
    if raw.doc.trim().is_empty() {
        ctx.err("doc", "every action needs a `doc`");
    }
    let generated: Vec<String> = ACTION_SUFFIXES
        .iter()
        .map(|suffix| format!("{rust}{suffix}"))
        .collect();
    for name in raw.types.keys() {
        if service.types.contains_key(name) {
            ctx.err(
                format!("types.{name}"),
                "this name is also a type of service.yaml; rename one of them",
            );
        }
        if generated.contains(name) {
            ctx.err(
                format!("types.{name}"),
                "this name is taken by a generated type of the action",
            );
        }
        if service_generated.contains(name) {
            ctx.err(
                format!("types.{name}"),
                "this name is taken by a generated service-wide type",
            );
        }
    }
    let scope = Scope {
        local: &raw.types,
        shared: &service.types,
    };
    let params = check_fields(
        ctx,
        "parameters",
        &raw.parameters,
        FieldsOf::Parameters,
        &scope,
    );
    let output = check_fields(ctx, "output", &raw.output, FieldsOf::Members, &scope);
    let types = check_types(ctx, "types", &raw.types, &scope, all_types);
    let errors = check_errors(ctx, &raw.errors, common_errors);
    let request_required = required_struct(ctx, "parameters", &rust, &params, all_types);
    let output_required =
        required_struct(ctx, "output", &format!("{rust}Output"), &output, all_types);
    let pages = raw
        .pages
        .as_ref()
        .and_then(|p| check_pages(ctx, p, &params, &output));
    let source = ctx
        .file
        .file_name()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_owned();
    Some(Action {
        idents: ActionIdents {
            request: format!("{rust}Request"),
            call: format!("{rust}Call"),
            output: format!("{rust}Output"),
            error: format!("{rust}Error"),
            request_required,
            output_required,
        },
        name: raw.action.clone(),
        rust,
        pages,
        idempotent: raw.idempotent,
        reference: raw.reference.clone(),
        deprecated: raw.deprecated,
        waiters: Vec::new(),
        snake,
        source,
        doc: raw.doc.trim().to_owned(),
        preconditions: raw
            .preconditions
            .iter()
            .map(|p| p.trim().to_owned())
            .collect(),
        params,
        types,
        output,
        errors,
    })
}

/// The paging fields: an optional integer offset and page size among the parameters, an
/// integer total and a list among the output fields.
fn check_pages(
    ctx: &mut Ctx<'_>,
    raw: &RawPages,
    params: &[Field],
    output: &[Field],
) -> Option<Pages> {
    let mut find = |fields: &[Field], of: &str, key: &str, wire: &str, want: &str| {
        let found = fields.iter().position(|f| f.wire == wire);
        let fits = found.is_some_and(|i| {
            let f = &fields[i];
            match want {
                "an optional integer" => f.ty == TypeRef::Integer && !f.required,
                "an integer" => f.ty == TypeRef::Integer,
                _ => matches!(f.ty, TypeRef::List(_)),
            }
        });
        if !fits {
            ctx.err(
                format!("pages.{key}"),
                format!("`{wire}` must be {want} field of the {of}"),
            );
        }
        found.filter(|_| fits)
    };
    let offset = find(
        params,
        "parameters",
        "offset",
        &raw.offset,
        "an optional integer",
    );
    let limit = find(
        params,
        "parameters",
        "limit",
        &raw.limit,
        "an optional integer",
    );
    let total = find(output, "output", "total", &raw.total, "an integer");
    let items = find(output, "output", "items", &raw.items, "a list");
    Some(Pages {
        offset: offset?,
        limit: limit?,
        total: total?,
        items: items?,
    })
}
