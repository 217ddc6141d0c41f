//! The profile file's INI dialect: sections, `key = value` lines and comments.

use super::{CredentialsError, KEY_SECRET_ID, KEY_SECRET_KEY, KEY_TOKEN};
use std::path::Path;

/// One `[name]` section of a profile file.
pub(super) struct Section {
    pub(super) name: String,
    entries: Vec<(String, String)>,
}

impl Section {
    /// The value of the last `key = …` line, or `None` when there is none or that value is
    /// empty (an empty value does not fall back to an earlier one).
    pub(super) fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }
}

/// Parses a whole profile file into its sections, merging repeated sections.
pub(super) fn parse_ini(path: &Path, bytes: &[u8]) -> Result<Vec<Section>, CredentialsError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut sections: Vec<Section> = Vec::new();
    let mut current: Option<usize> = None;
    for (index, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let malformed = |holds: String| CredentialsError::MalformedLine {
            path: path.to_path_buf(),
            line: index + 1,
            holds,
        };
        let Ok(text) = std::str::from_utf8(raw) else {
            return Err(malformed("bytes that are not valid UTF-8".to_string()));
        };
        let line = text.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let name = parse_header(rest).map_err(malformed)?;
            current = Some(match sections.iter().position(|s| s.name == name) {
                Some(i) => i,
                None => {
                    sections.push(Section {
                        name: name.to_string(),
                        entries: Vec::new(),
                    });
                    sections.len() - 1
                }
            });
        } else if let Some((key, value)) = line.split_once('=') {
            let key = key.trim();
            if key.is_empty() {
                return Err(malformed(
                    "`= …` with no key before the `=` (value not shown)".to_string(),
                ));
            }
            let Some(i) = current else {
                // Only a known key is named: the text left of `=` may itself be a secret (a
                // base64 value ends in `=`).
                return Err(malformed(
                    if [KEY_SECRET_ID, KEY_SECRET_KEY, KEY_TOKEN].contains(&key) {
                        format!("`{key} = …` before any `[profile]` header (value not shown)")
                    } else {
                        "a `key = value` line before any `[profile]` header (text not shown)"
                            .to_string()
                    },
                ));
            };
            sections[i]
                .entries
                .push((key.to_string(), value.trim().to_string()));
        } else {
            return Err(malformed(describe_text_without_equals(line)));
        }
    }
    Ok(sections)
}

/// The name of a `[name]` header, given what follows its `[`; or a description of what is wrong.
fn parse_header(rest: &str) -> Result<&str, String> {
    let Some((name, after)) = rest.split_once(']') else {
        return Err(format!(
            "a section header with no closing `]`: `[{}`",
            shown_header(rest)
        ));
    };
    let name = name.trim();
    let after = after.trim();
    if !(after.is_empty() || after.starts_with('#') || after.starts_with(';')) {
        return Err(format!(
            "a section header `[{}]` followed by other text (not shown)",
            shown_header(name)
        ));
    }
    if name.is_empty() {
        return Err("a section header with an empty name `[]`".to_string());
    }
    if name.contains('[') {
        return Err(format!(
            "a section header with `[` inside its name: `[{}]`",
            shown_header(name)
        ));
    }
    Ok(name)
}

/// The most of a header's text an error message shows.
const MAX_SHOWN_HEADER_CHARS: usize = 40;

/// A header's text as an error message shows it: nothing from the first `=` on (what follows
/// may be a value, and values may be secret), at most [`MAX_SHOWN_HEADER_CHARS`] characters,
/// and `…` where anything was left out.
fn shown_header(text: &str) -> String {
    let (before, cut) = match text.split_once('=') {
        Some((before, _)) => (before, true),
        None => (text, false),
    };
    let mut shown: String = before.chars().take(MAX_SHOWN_HEADER_CHARS).collect();
    if cut || shown.len() < before.len() {
        shown.push('…');
    }
    shown
}

/// Describes a line that has no `=` and is not a header, without echoing text that may be secret.
fn describe_text_without_equals(line: &str) -> String {
    let first = line
        .split(|c: char| c.is_whitespace() || c == ':')
        .next()
        .unwrap_or("");
    if [KEY_SECRET_ID, KEY_SECRET_KEY, KEY_TOKEN].contains(&first) {
        format!("the key `{first}` with no `=` after it (rest not shown)")
    } else {
        format!(
            "{} characters of text with no `=` (not shown, as it may be a secret)",
            line.chars().count()
        )
    }
}
