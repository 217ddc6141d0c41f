//! What the JSON envelopes of every protocol share: JSON errors mapped to typed errors, and
//! positions inside a part of a body reported against the whole body.

use crate::error::{BodyPosition, BodyStart, Error, Retries};
use serde_json::value::RawValue;

fn position(err: &serde_json::Error) -> BodyPosition {
    BodyPosition {
        line: err.line(),
        column: err.column(),
    }
}

/// Maps a JSON error to the matching typed error, keeping status and body start.
pub(crate) fn json_error<E>(
    status: u16,
    body: &[u8],
    err: serde_json::Error,
    context: &str,
) -> Error<E> {
    use serde_json::error::Category;
    let body_start = BodyStart::new(body);
    match err.classify() {
        Category::Eof => Error::Truncated {
            status,
            position: position(&err),
            body: body_start,
            retries: Retries::none(),
        },
        Category::Syntax | Category::Io => Error::NotJson {
            status,
            position: position(&err),
            detail: err.to_string(),
            body: body_start,
            retries: Retries::none(),
        },
        Category::Data => Error::Malformed {
            status,
            position: position(&err),
            detail: format!("{context}: {err}"),
            body: body_start,
            retries: Retries::none(),
        },
    }
}

/// A JSON error's message without its ` at line L column C`, for errors whose place in the
/// body is reported separately.
pub(crate) fn without_place(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

/// Where `raw`, borrowed from `body`, starts in it.
pub(crate) fn offset_in(body: &[u8], raw: &RawValue) -> usize {
    (raw.get().as_ptr() as usize).saturating_sub(body.as_ptr() as usize)
}

/// Turns a line/column inside a sub-slice starting at `offset` into one in the whole body.
pub(crate) fn absolute_position(body: &[u8], offset: usize, inner: BodyPosition) -> BodyPosition {
    let before = &body[..offset.min(body.len())];
    let start_line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start_column = before.len()
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
    if inner.line <= 1 {
        BodyPosition {
            line: start_line,
            column: start_column + inner.column,
        }
    } else {
        BodyPosition {
            line: start_line + inner.line - 1,
            column: inner.column,
        }
    }
}
