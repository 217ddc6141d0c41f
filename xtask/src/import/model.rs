//! The importer's inputs, read as they are: Tencent's `api.json` (API 3.0 description, as
//! shipped in tccli) and `examples.json` (the official examples, shipped beside it), the SDK's
//! `errorcodes.py`, the Go SDK's `client.go` (per-action error lists in comments) and our
//! overlay of docs.
//!
//! Only structure is read from the description: names, types, flags and statuses. Its prose
//! (`document`, `example`, the actions' titles) is never read; nor are the examples' titles,
//! documents and inputs: only their outputs.

use super::ImportError;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// `api.json`: `{actions, objects, metadata, version}`.
#[derive(Debug, Deserialize)]
pub struct ApiJson {
    pub actions: BTreeMap<String, ApiAction>,
    pub objects: BTreeMap<String, ApiObject>,
    pub metadata: ApiMetadata,
}

/// `metadata`: the service's API version and short name (`as`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiMetadata {
    pub api_version: String,
    pub service_short_name: String,
}

/// `actions.<Name>`.
#[derive(Debug, Deserialize)]
pub struct ApiAction {
    /// The request object, `<Name>Request`.
    pub input: String,
    /// The response object, `<Name>Response`.
    pub output: String,
    /// `online` or `deprecated`.
    pub status: String,
}

/// `objects.<Name>`: a request, a response or a data structure (the last with `usage`).
#[derive(Debug, Deserialize)]
pub struct ApiObject {
    pub members: Vec<ApiMember>,
    /// `in`, `out` or `both` on data structures; absent on requests and responses.
    pub usage: Option<String>,
}

/// One member of an object.
#[derive(Debug, Deserialize)]
pub struct ApiMember {
    pub name: String,
    /// The JSON shape: `string`, `int`, `bool`, `float`, `list`, `object`.
    #[serde(rename = "type")]
    pub ty: String,
    /// With `type`: the string's format, the integer's width, the list's item or the object.
    pub member: String,
    /// Required on input (and, where `output_required` is absent, present on output).
    pub required: Option<bool>,
    /// Always present on output.
    pub output_required: Option<bool>,
    /// May be `null` on output.
    pub value_allowed_null: Option<bool>,
    /// A retired member.
    pub disabled: Option<bool>,
}

/// Reads and parses `api.json`.
pub fn read_api_json(path: &Path) -> Result<ApiJson, ImportError> {
    let text = read_text(path)?;
    serde_json::from_str(&text)
        .map_err(|e| ImportError::new(path, None, format!("not a valid description: {e}")))
}

/// `examples.json`: `{actions: {<Action>: [{title, document, input, output}]}, version}`.
#[derive(Debug, Deserialize)]
pub struct ExamplesJson {
    pub actions: BTreeMap<String, Vec<ApiExample>>,
}

/// One example: only its `output` is read, the JSON text `{"Response": {…}}` of an answer.
#[derive(Debug, Deserialize)]
pub struct ApiExample {
    pub output: String,
}

/// Reads and parses `examples.json` (the outputs stay text; they are parsed when walked).
pub fn read_examples(path: &Path) -> Result<ExamplesJson, ImportError> {
    let text = read_text(path)?;
    serde_json::from_str(&text)
        .map_err(|e| ImportError::new(path, None, format!("not a valid examples file: {e}")))
}

/// One `NAME = 'Code'` constant of `errorcodes.py`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorCodeConst {
    pub constant: String,
    pub code: String,
}

/// Reads the `NAME = 'Code'` constants of an `errorcodes.py`; comments and other lines are
/// skipped, a constant whose value is not one quoted string is an error.
pub fn read_error_codes(path: &Path) -> Result<Vec<ErrorCodeConst>, ImportError> {
    let text = read_text(path)?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((name, value)) = line.split_once('=') else {
            continue;
        };
        let name = name.trim();
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        {
            continue;
        }
        let Some(code) = quoted(value.trim()) else {
            return Err(ImportError::new(
                path,
                Some(format!("line {}", i + 1)),
                format!("constant {name}: expected `{name} = 'Code'`"),
            ));
        };
        check_code(path, &format!("line {}", i + 1), code)?;
        out.push(ErrorCodeConst {
            constant: name.to_owned(),
            code: code.to_owned(),
        });
    }
    if out.is_empty() {
        return Err(ImportError::new(
            path,
            None,
            "no `NAME = 'Code'` constants found",
        ));
    }
    Ok(out)
}

/// The per-action error lists of a Go SDK `client.go`: for each `func (c *Client) Name(`, the
/// `//  CONSTANT = "Code"` lines after `可能返回的错误码:` in the comment block above it (none when
/// the block has no such heading). `…WithContext` methods repeat their action's list and are
/// skipped.
pub fn read_client(path: &Path) -> Result<BTreeMap<String, Vec<String>>, ImportError> {
    const HEADING: &str = "可能返回的错误码:";
    const FUNC: &str = "func (c *Client) ";
    let text = read_text(path)?;
    let lines: Vec<&str> = text.lines().collect();
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.trim_start().strip_prefix(FUNC) else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() || name.ends_with("WithContext") {
            continue;
        }
        // The comment block right above the function.
        let start = lines[..i]
            .iter()
            .rposition(|l| !l.trim_start().starts_with("//"))
            .map_or(0, |p| p + 1);
        let block = &lines[start..i];
        let mut codes = Vec::new();
        if let Some(h) = block.iter().position(|l| l.contains(HEADING)) {
            for (j, l) in block[h + 1..].iter().enumerate() {
                let body = l.trim_start().trim_start_matches('/').trim();
                if body.is_empty() {
                    continue;
                }
                let at = format!("line {} (method {name})", start + h + j + 2);
                let Some((constant, value)) = body.split_once('=') else {
                    return Err(ImportError::new(
                        path,
                        Some(at),
                        format!("expected `CONSTANT = \"Code\"`, found {body:?}"),
                    ));
                };
                let Some(code) = quoted(value.trim()) else {
                    return Err(ImportError::new(
                        path,
                        Some(at),
                        format!("constant {}: expected a quoted code", constant.trim()),
                    ));
                };
                check_code(path, &at, code)?;
                codes.push(code.to_owned());
            }
        }
        if out.insert(name.clone(), codes).is_some() {
            return Err(ImportError::new(
                path,
                Some(format!("line {}", i + 1)),
                format!("method {name} is defined twice"),
            ));
        }
    }
    if out.is_empty() {
        return Err(ImportError::new(
            path,
            None,
            "no `func (c *Client) Name(` methods found",
        ));
    }
    Ok(out)
}

/// `api-specs/overlays/as-v3.yaml`: the docs the importer writes (never taken from the
/// description). Every key is optional; what it lacks gets a doc made from the name.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    #[serde(default)]
    pub service: OverlayService,
    #[serde(default)]
    pub actions: BTreeMap<String, OverlayAction>,
    #[serde(default)]
    pub types: BTreeMap<String, OverlayType>,
    /// Error docs by code (an error is one error in every action, with one doc).
    #[serde(default)]
    pub errors: BTreeMap<String, String>,
    /// The value sets the description documents: each becomes a service type (`enum: string`)
    /// and the type of the string members it names.
    #[serde(default)]
    pub enums: BTreeMap<String, OverlayEnum>,
}

/// `enums.<Name>`: one value set, declared once, and the members that take it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverlayEnum {
    pub doc: Option<String>,
    pub values: Vec<OverlayEnumValue>,
    /// `<Object>.<Member>` of the description (`AutoScalingGroup.RetryPolicy`,
    /// `CreateAutoScalingGroupRequest.RetryPolicy`): string members, or lists of strings.
    pub members: Vec<String>,
}

/// One value: its wire text, the variant's name when the text does not give one (`.`, ``),
/// and its doc.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverlayEnumValue {
    pub value: String,
    pub name: Option<String>,
    pub doc: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverlayService {
    pub doc: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverlayAction {
    pub doc: Option<String>,
    #[serde(default)]
    pub parameters: BTreeMap<String, String>,
    #[serde(default)]
    pub output: BTreeMap<String, String>,
    /// The action's waiters, by the name of their type: written into the action's file as
    /// they are (`cargo xtask codegen` checks them against the imported shapes).
    #[serde(default)]
    pub waiters: BTreeMap<String, OverlayWaiter>,
}

/// `actions.<Action>.waiters.<Name>`: a condition on the action's answer, in the spec format's
/// `waiters:` keys (the path in wire names, an enum's values by their wire text).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct OverlayWaiter {
    pub doc: String,
    pub path: String,
    pub success: OverlayMatcher,
    pub failure: Option<OverlayMatcher>,
    pub min_delay: Option<u64>,
    pub max_delay: Option<u64>,
    pub max_wait: Option<u64>,
}

/// `{all: [values]}` or `{any: [values]}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverlayMatcher {
    pub all: Option<Vec<WaiterValue>>,
    pub any: Option<Vec<WaiterValue>>,
}

/// One value a waiter's path may hold: an integer or a text.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum WaiterValue {
    Integer(i64),
    Text(String),
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverlayType {
    pub doc: Option<String>,
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
}

/// Reads the overlay; `None` when the file does not exist.
pub fn read_overlay(path: &Path) -> Result<Option<Overlay>, ImportError> {
    if !path.exists() {
        return Ok(None);
    }
    let text = read_text(path)?;
    if text.trim().is_empty() {
        return Ok(Some(Overlay::default()));
    }
    serde_yaml::from_str(&text)
        .map(Some)
        .map_err(|e| ImportError::new(path, None, format!("not a valid overlay: {e}")))
}

fn read_text(path: &Path) -> Result<String, ImportError> {
    std::fs::read_to_string(path).map_err(|e| ImportError::new(path, None, format!("{e}")))
}

/// The text of `'x'` or `"x"` (no escapes), ignoring a trailing comment.
fn quoted(value: &str) -> Option<&str> {
    let quote = value.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let rest = &value[1..];
    let end = rest.find(quote)?;
    let after = rest[end + 1..].trim();
    if !after.is_empty() && !after.starts_with('#') {
        return None;
    }
    Some(&rest[..end])
}

/// An error code: dotted words of ASCII letters and digits.
fn check_code(path: &Path, at: &str, code: &str) -> Result<(), ImportError> {
    let ok = !code.is_empty()
        && code.split('.').all(|part| {
            part.starts_with(|c: char| c.is_ascii_alphabetic())
                && part.chars().all(|c| c.is_ascii_alphanumeric())
        });
    if ok {
        Ok(())
    } else {
        Err(ImportError::new(
            path,
            Some(at.to_owned()),
            format!("{code:?} is not an error code (dotted words of letters and digits)"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn quoted_values() {
        assert_eq!(quoted("'A.B'"), Some("A.B"));
        assert_eq!(quoted("\"A\"  # note"), Some("A"));
        assert_eq!(quoted("A"), None);
        assert_eq!(quoted("'A' + B"), None);
        assert_eq!(quoted("'A"), None);
    }
}
