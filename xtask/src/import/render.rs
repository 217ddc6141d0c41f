//! The YAML text of the spec files, written by hand so that it is stable and reads like the
//! hand-written specs: one flow mapping per field and error, block text for long docs.

use super::convert::{ActionSpec, EnumValueSpec, ErrorSpec, FieldSpec, Spec, PROTOCOL};
use super::model::{OverlayMatcher, OverlayWaiter, WaiterValue};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Every file of the folder by name: `service.yaml` and one `<Action>.yaml` per action. Each
/// starts with `header` (a comment line, without `# `).
pub fn render(spec: &Spec, header: &str) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    files.insert("service.yaml".to_owned(), service(spec, header));
    for action in &spec.actions {
        files.insert(format!("{}.yaml", action.name), action_file(action, header));
    }
    files
}

fn service(spec: &Spec, header: &str) -> String {
    let s = &spec.service;
    let mut out = String::new();
    comment(&mut out, header);
    line(&mut out, 0, "service", &scalar(&s.name));
    line(&mut out, 0, "protocol", &scalar(PROTOCOL));
    line(&mut out, 0, "apiVersion", &quoted(&s.api_version));
    line(&mut out, 0, "signingName", &scalar(&s.signing_name));
    block_doc(&mut out, 0, &s.doc);
    line(&mut out, 0, "host", &scalar(&s.host));
    line(&mut out, 0, "path", &scalar("/"));
    if s.common_errors.is_empty() {
        line(&mut out, 0, "commonErrors", "[]");
    } else {
        out.push_str("commonErrors:\n");
        for e in &s.common_errors {
            let _ = writeln!(
                out,
                "  - {{code: {}, variant: {}, doc: {}}}",
                scalar(&e.code),
                scalar(&e.variant),
                quoted(&e.doc)
            );
        }
    }
    if s.types.is_empty() {
        line(&mut out, 0, "types", "{}");
    } else {
        out.push_str("types:\n");
        for t in &s.types {
            let _ = writeln!(out, "  {}:", scalar(&t.name));
            short_doc(&mut out, 4, &t.doc);
            if t.values.is_empty() {
                fields(&mut out, 4, "struct", &t.fields);
            } else {
                enum_values(&mut out, 4, &t.values);
            }
        }
    }
    out
}

fn action_file(a: &ActionSpec, header: &str) -> String {
    let mut out = String::new();
    comment(&mut out, header);
    line(&mut out, 0, "action", &scalar(&a.name));
    if let Some(rust) = &a.rust_name {
        line(&mut out, 0, "rustName", &scalar(rust));
    }
    block_doc(&mut out, 0, &a.doc);
    line(&mut out, 0, "reference", &scalar(&a.reference));
    if a.deprecated {
        line(&mut out, 0, "deprecated", "true");
    }
    if a.idempotent {
        line(&mut out, 0, "idempotent", "true");
    }
    if let Some(p) = &a.pages {
        line(
            &mut out,
            0,
            "pages",
            &format!(
                "{{offset: {}, limit: {}, total: {}, items: {}}}",
                scalar(&p.offset),
                scalar(&p.limit),
                scalar(&p.total),
                scalar(&p.items)
            ),
        );
    }
    fields(&mut out, 0, "parameters", &a.parameters);
    fields(&mut out, 0, "output", &a.output);
    errors(&mut out, &a.errors);
    waiters(&mut out, &a.waiters);
    out
}

/// `waiters:`, one block per waiter (nothing when the action has none).
fn waiters(out: &mut String, list: &[(String, OverlayWaiter)]) {
    if list.is_empty() {
        return;
    }
    out.push_str("waiters:\n");
    for (name, w) in list {
        let _ = writeln!(out, "  {}:", scalar(name));
        block_doc(out, 4, &w.doc);
        line(out, 4, "path", &scalar(&w.path));
        matcher(out, "success", &w.success);
        if let Some(failure) = &w.failure {
            matcher(out, "failure", failure);
        }
        for (key, value) in [
            ("minDelay", w.min_delay),
            ("maxDelay", w.max_delay),
            ("maxWait", w.max_wait),
        ] {
            if let Some(seconds) = value {
                line(out, 4, key, &seconds.to_string());
            }
        }
    }
}

/// `success: {all: [A, B]}`; both lists when the overlay gives both (the codegen refuses it,
/// naming the file).
fn matcher(out: &mut String, key: &str, m: &OverlayMatcher) {
    let list = |values: &[WaiterValue]| {
        let values: Vec<String> = values
            .iter()
            .map(|v| match v {
                WaiterValue::Integer(n) => n.to_string(),
                WaiterValue::Text(t) => scalar(t),
            })
            .collect();
        format!("[{}]", values.join(", "))
    };
    let mut parts = Vec::new();
    if let Some(all) = &m.all {
        parts.push(format!("all: {}", list(all)));
    }
    if let Some(any) = &m.any {
        parts.push(format!("any: {}", list(any)));
    }
    line(out, 4, key, &format!("{{{}}}", parts.join(", ")));
}

fn comment(out: &mut String, text: &str) {
    for l in text.lines() {
        let _ = writeln!(out, "# {l}");
    }
}

fn line(out: &mut String, indent: usize, key: &str, value: &str) {
    let _ = writeln!(out, "{:indent$}{key}: {value}", "");
}

fn fields(out: &mut String, indent: usize, key: &str, list: &[FieldSpec]) {
    if list.is_empty() {
        line(out, indent, key, "[]");
        return;
    }
    let _ = writeln!(out, "{:indent$}{key}:", "");
    for f in list {
        let mut entry = format!("name: {}", scalar(&f.name));
        if let Some(rust) = &f.rust_name {
            let _ = write!(entry, ", rustName: {}", scalar(rust));
        }
        let _ = write!(entry, ", type: {}", scalar(&f.ty));
        if f.required {
            entry.push_str(", required: true");
        }
        if let Some(min) = f.min {
            let _ = write!(entry, ", min: {min}");
        }
        let _ = write!(entry, ", doc: {}", quoted(&normalize(&f.doc)));
        let _ = write!(out, "{:indent$}  - {{{entry}}}", "");
        if let Some(comment) = &f.comment {
            let _ = write!(out, "  # {}", comment.replace('\n', " "));
        }
        out.push('\n');
    }
}

/// `enum: string` and one flow mapping per value.
fn enum_values(out: &mut String, indent: usize, values: &[EnumValueSpec]) {
    line(out, indent, "enum", "string");
    let _ = writeln!(out, "{:indent$}values:", "");
    for v in values {
        let mut entry = format!("name: {}, value: {}", scalar(&v.name), quoted(&v.value));
        if !v.doc.is_empty() {
            let _ = write!(entry, ", doc: {}", quoted(&normalize(&v.doc)));
        }
        let _ = writeln!(out, "{:indent$}  - {{{entry}}}", "");
    }
}

fn errors(out: &mut String, list: &[ErrorSpec]) {
    if list.is_empty() {
        line(out, 0, "errors", "[]");
        return;
    }
    out.push_str("errors:\n");
    for e in list {
        let mut entry = format!("code: {}", scalar(&e.code));
        if let Some(variant) = &e.variant {
            let _ = write!(entry, ", variant: {}", scalar(variant));
        }
        let _ = write!(entry, ", doc: {}", quoted(&normalize(&e.doc)));
        let _ = writeln!(out, "  - {{{entry}}}");
    }
}

/// `doc: |` with the text indented below, or a quoted string when a block cannot hold it.
fn block_doc(out: &mut String, indent: usize, doc: &str) {
    let doc = normalize(doc);
    if !fits_block(&doc) {
        line(out, indent, "doc", &quoted(&doc));
        return;
    }
    let _ = writeln!(out, "{:indent$}doc: |", "");
    for l in doc.lines() {
        if l.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{:width$}{l}", "", width = indent + 2);
        }
    }
}

/// One line quoted; several as a block.
fn short_doc(out: &mut String, indent: usize, doc: &str) {
    let doc = normalize(doc);
    if doc.contains('\n') {
        block_doc(out, indent, &doc);
    } else {
        line(out, indent, "doc", &quoted(&doc));
    }
}

/// Trailing blanks off every line, blanks off both ends (the codegen trims docs too).
fn normalize(doc: &str) -> String {
    let lines: Vec<&str> = doc.lines().map(str::trim_end).collect();
    lines.join("\n").trim().to_owned()
}

/// Whether a literal block holds the text as it is.
fn fits_block(doc: &str) -> bool {
    !doc.is_empty()
        && !doc.starts_with([' ', '\t'])
        && doc
            .chars()
            .all(|c| c == '\n' || c == '\t' || !c.is_control())
        && !doc.contains('\u{feff}')
}

/// A plain scalar where YAML reads it back as the same string, else a quoted one.
fn scalar(s: &str) -> String {
    const WORDS: &[&str] = &[
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "~",
    ];
    let plain = s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '/' | '<' | '>'))
        && !WORDS.contains(&s.to_ascii_lowercase().as_str());
    if plain {
        s.to_owned()
    } else {
        quoted(s)
    }
}

/// A double-quoted YAML string.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || c == '\u{feff}' || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_read_back_as_written() {
        for s in [
            "AutoScaling",
            "list<string>",
            "2018-04-19",
            "true",
            "Off",
            "/",
            "https://console.tencentcloud.com/api/explorer?Product=as&Action=X",
            "a: b",
            "#x",
            "",
            "tab\there \"quoted\" back\\slash\nline \u{1}",
            "ünïcode – “quotes”",
        ] {
            let text = format!("v: {}\nw: {}\n", scalar(s), quoted(s));
            let back: BTreeMap<String, String> = serde_yaml::from_str(&text).unwrap();
            assert_eq!(back["v"], s, "{text}");
            assert_eq!(back["w"], s, "{text}");
        }
    }

    #[test]
    fn block_docs_read_back() {
        for doc in [
            "One line.",
            "Two\nlines.",
            "Para one.\n\nPara two: `code` # not a comment",
        ] {
            let mut text = String::new();
            block_doc(&mut text, 0, doc);
            let back: BTreeMap<String, String> = serde_yaml::from_str(&text).unwrap();
            assert_eq!(back["doc"].trim_end(), doc, "{text}");
        }
        let mut text = String::new();
        block_doc(&mut text, 2, "  indented first line\n  and second ");
        assert_eq!(
            text,
            "  doc: |\n    indented first line\n      and second\n"
        );
        let mut text = String::new();
        block_doc(&mut text, 0, "  ");
        assert_eq!(text, "doc: \"\"\n");
    }
}
