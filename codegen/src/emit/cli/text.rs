//! Text as the generated code and the terminal show it: string literals (raw when the text
//! spans lines), doc text reflowed for the terminal, and an action's long help.

use crate::model::Action;
use proc_macro2::Literal;

/// A string literal: a raw string when the text spans lines, so the generated code reads as
/// the spec does.
pub(super) fn text(value: &str) -> Literal {
    // A raw string cannot hold a carriage return.
    if value.contains('\n') && !value.contains('\r') {
        let mut hashes = 1;
        while value.contains(&format!("\"{}", "#".repeat(hashes))) {
            hashes += 1;
        }
        let marks = "#".repeat(hashes);
        if let Ok(literal) = format!("r{marks}\"{value}\"{marks}").parse::<Literal>() {
            return literal;
        }
    }
    Literal::string(value)
}

/// Whether a line starts a list item (`- x`, `* x`, `1. x`).
fn is_item(line: &str) -> bool {
    let line = line.trim_start();
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    line.starts_with("- ")
        || line.starts_with("* ")
        || (digits > 0 && line[digits..].starts_with(". "))
}

/// Doc text as the terminal shows it: the lines of each paragraph joined (the terminal wraps
/// them), paragraphs and list items kept apart.
pub(super) fn reflow(text: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank {
                "\n\n"
            } else if is_item(line) {
                "\n"
            } else {
                " "
            });
        }
        out.push_str(trimmed);
        blank = false;
    }
    out
}

/// The action's long help: its doc and its numbered preconditions.
pub(super) fn action_doc(action: &Action) -> String {
    let mut text = reflow(&action.doc);
    if !action.preconditions.is_empty() {
        text.push_str("\n\nPreconditions:");
        for (i, p) in action.preconditions.iter().enumerate() {
            text.push_str(&format!("\n{}. {}", i + 1, reflow(p)));
        }
    }
    text
}
