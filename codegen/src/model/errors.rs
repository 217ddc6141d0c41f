//! Errors: the service's common errors, each action's business errors, and the service-wide
//! set of business errors they make together.

use super::check::Ctx;
use super::names::{self, KEYWORDS, RESERVED_VARIANTS};
use super::{BusinessError, CommonError, ErrorCode};
use crate::spec::{RawCommonError, RawError};
use heck::ToSnakeCase;
use std::collections::{BTreeMap, BTreeSet};

/// An error code as written: an integer or a string.
fn error_code(value: &serde_yaml::Value) -> Option<ErrorCode> {
    match value {
        serde_yaml::Value::Number(n) => n.as_i64().map(ErrorCode::Integer),
        serde_yaml::Value::String(s) if !s.trim().is_empty() => Some(ErrorCode::Text(s.clone())),
        _ => None,
    }
}

fn usable_variant(variant: &str) -> bool {
    names::is_type_name(variant) && !KEYWORDS.contains(&variant)
}

pub(super) fn check_common_errors(ctx: &mut Ctx<'_>, raw: &[RawCommonError]) -> Vec<CommonError> {
    let mut out = Vec::new();
    let mut codes = BTreeSet::new();
    let mut variants = BTreeSet::new();
    for e in raw {
        let shown = match &e.code {
            serde_yaml::Value::Number(n) => n.to_string(),
            serde_yaml::Value::String(s) => s.clone(),
            other => format!("{other:?}"),
        };
        let here = format!("commonErrors.{shown}");
        let Some(code) = error_code(&e.code) else {
            ctx.err(
                format!("{here}.code"),
                "a common error's code is an integer or a string",
            );
            continue;
        };
        if let Err(message) = ctx.protocol.check_common_code(&code) {
            ctx.err(format!("{here}.code"), message);
            continue;
        }
        if !codes.insert(code.clone()) {
            ctx.err(&here, format!("duplicate code {code}"));
            continue;
        }
        if !usable_variant(&e.variant) || RESERVED_VARIANTS.contains(&e.variant.as_str()) {
            ctx.err(
                format!("{here}.variant"),
                format!(
                    "`{}` is not a usable UpperCamelCase variant name",
                    e.variant
                ),
            );
            continue;
        }
        if !variants.insert(e.variant.clone()) {
            ctx.err(
                format!("{here}.variant"),
                format!("duplicate variant `{}`", e.variant),
            );
            continue;
        }
        out.push(CommonError {
            code,
            code_desc: e.code_desc.clone(),
            variant: e.variant.clone(),
            ctor: e.variant.to_snake_case(),
            doc: e.doc.trim().to_owned(),
        });
    }
    out
}

/// The business errors of one action.
pub(super) fn check_errors(
    ctx: &mut Ctx<'_>,
    raw: &[RawError],
    common: &[CommonError],
) -> Vec<BusinessError> {
    let mut out = Vec::new();
    let mut variants: BTreeMap<String, String> = RESERVED_VARIANTS
        .iter()
        .map(|v| ((*v).to_owned(), "a variant every error enum has".to_owned()))
        .collect();
    let mut keys = BTreeSet::new();
    for (i, e) in raw.iter().enumerate() {
        let label = e
            .code_desc
            .clone()
            .or_else(|| match &e.code {
                Some(serde_yaml::Value::String(s)) => Some(s.clone()),
                _ => None,
            })
            .unwrap_or_else(|| i.to_string());
        let here = format!("errors.{label}");
        let code = match &e.code {
            Some(value) => match error_code(value) {
                Some(code) => Some(code),
                None => {
                    ctx.err(
                        format!("{here}.code"),
                        "an error's code is an integer or a string",
                    );
                    continue;
                }
            },
            None => None,
        };
        let (key, code) = match ctx
            .protocol
            .business_error(code.as_ref(), e.code_desc.as_deref())
        {
            Ok(pair) => pair,
            Err((field, message)) => {
                ctx.err(format!("{here}.{field}"), message);
                continue;
            }
        };
        if !keys.insert(key.clone()) {
            ctx.err(&here, format!("duplicate error `{key}`"));
            continue;
        }
        let variant = e
            .variant
            .clone()
            .unwrap_or_else(|| names::error_variant(&key));
        if !usable_variant(&variant) {
            ctx.err(
                &here,
                format!(
                    "`{variant}` is not a usable UpperCamelCase variant name; give the error a \
                     `variant`"
                ),
            );
            continue;
        }
        if let Some(other) = variants.insert(variant.clone(), format!("error `{key}`")) {
            ctx.err(
                &here,
                format!("its variant name `{variant}` collides with {other}; give it a `variant`"),
            );
            continue;
        }
        if let Some(c) = common.iter().find(|c| c.variant == variant) {
            ctx.err(
                &here,
                format!(
                    "its variant name `{variant}` collides with common error {}; give it a \
                     `variant`",
                    c.code
                ),
            );
            continue;
        }
        out.push(BusinessError {
            key,
            code,
            ctor: variant.to_snake_case(),
            variant,
            doc: e.doc.trim().to_owned(),
        });
    }
    out
}

/// Every business error of the service once, for the service-wide error enum. An error that
/// two actions list must agree on its variant and code; the first doc is kept.
pub(super) fn service_errors<'a>(
    actions: impl Iterator<Item = (&'a str, &'a [BusinessError])>,
    mut report: impl FnMut(&str, String),
) -> Vec<BusinessError> {
    let mut by_key: BTreeMap<String, (BusinessError, String)> = BTreeMap::new();
    let mut by_variant: BTreeMap<String, String> = BTreeMap::new();
    for (action, errors) in actions {
        for e in errors {
            match by_key.get(&e.key) {
                Some((seen, first)) => {
                    if seen.variant != e.variant || seen.code != e.code {
                        report(
                            action,
                            format!(
                                "error `{}` is `{}` with code {} here but `{}` with code {} in \
                                 {first}; one error has one variant and one code",
                                e.key, e.variant, e.code, seen.variant, seen.code
                            ),
                        );
                    }
                }
                None => {
                    if let Some(other) = by_variant.get(&e.variant) {
                        report(
                            action,
                            format!(
                                "variant `{}` of error `{}` is also the variant of `{other}` in \
                                 another action; give one a `variant`",
                                e.variant, e.key
                            ),
                        );
                        continue;
                    }
                    by_variant.insert(e.variant.clone(), e.key.clone());
                    by_key.insert(e.key.clone(), (e.clone(), action.to_owned()));
                }
            }
        }
    }
    let mut out: Vec<BusinessError> = by_key.into_values().map(|(e, _)| e).collect();
    out.sort_by(|a, b| a.variant.cmp(&b.variant));
    out
}
