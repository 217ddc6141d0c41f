//! A bound on how deeply a state document nests, checked before the document is parsed.
//!
//! libyaml, which `serde_yaml` runs, takes time quadratic in the nesting of flow collections
//! (`{a: {a: …`): 100 KB of them took 11 s. So the text is first run through libyaml's own
//! tokenizer, counting the collections open, and the count stops at the first one past the
//! limit: the cost stays linear in the text, and the count is exactly the nesting the parser
//! would see (no quote, comment or block scalar can hide a bracket from it, as a count of
//! characters could be fooled).
//!
//! The tokenizer is only reachable through `unsafe_libyaml`'s C-style API (the one
//! `serde_yaml` wraps), hence the `unsafe` blocks below, each with what keeps it sound.

use std::marker::PhantomData;
use std::mem::MaybeUninit;
use unsafe_libyaml as unsafe_yaml;

/// Where the nesting went past the limit: 1-based line and column of the collection that
/// opened one level too many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooDeep {
    pub(crate) line: usize,
    pub(crate) column: usize,
}

/// libyaml's tokenizer over a borrowed text.
struct Scanner<'text> {
    parser: Box<MaybeUninit<unsafe_yaml::yaml_parser_t>>,
    text: PhantomData<&'text [u8]>,
}

impl<'text> Scanner<'text> {
    fn new(text: &'text [u8]) -> Option<Scanner<'text>> {
        let mut parser = Box::new(MaybeUninit::<unsafe_yaml::yaml_parser_t>::uninit());
        // SAFETY: `yaml_parser_initialize` initializes the parser it is given (and frees
        // what it allocated when it fails, so a failed parser is not deleted). The parser
        // reads `text` by pointer, which `'text` keeps alive as long as the scanner.
        unsafe {
            let raw = parser.as_mut_ptr();
            if unsafe_yaml::yaml_parser_initialize(raw).fail {
                return None;
            }
            unsafe_yaml::yaml_parser_set_encoding(raw, unsafe_yaml::YAML_UTF8_ENCODING);
            unsafe_yaml::yaml_parser_set_input_string(raw, text.as_ptr(), text.len() as u64);
        }
        Some(Scanner {
            parser,
            text: PhantomData,
        })
    }

    /// The next token's type and start (0-based line and column); `None` at the end of the
    /// text or at a scanning error.
    fn next(&mut self) -> Option<(unsafe_yaml::yaml_token_type_t, u64, u64)> {
        let mut token = MaybeUninit::<unsafe_yaml::yaml_token_t>::uninit();
        // SAFETY: the parser was initialized in `new`. `yaml_parser_scan` zeroes the token
        // first, so it is initialized whether it fails or not, and a token it filled is
        // deleted (freeing what it holds) before it goes out of scope.
        unsafe {
            let parser = self.parser.as_mut_ptr();
            let token = token.as_mut_ptr();
            if unsafe_yaml::yaml_parser_scan(parser, token).fail {
                return None;
            }
            let found = (
                (*token).type_,
                (*token).start_mark.line,
                (*token).start_mark.column,
            );
            unsafe_yaml::yaml_token_delete(token);
            match found.0 {
                unsafe_yaml::YAML_NO_TOKEN | unsafe_yaml::YAML_STREAM_END_TOKEN => None,
                _ => Some(found),
            }
        }
    }
}

impl Drop for Scanner<'_> {
    fn drop(&mut self) {
        // SAFETY: the parser was initialized in `new` and is deleted once.
        unsafe { unsafe_yaml::yaml_parser_delete(self.parser.as_mut_ptr()) }
    }
}

/// Checks that no collection of `text` (YAML or JSON) is nested more than `limit` deep, block
/// and flow collections together. A text libyaml cannot tokenize passes up to its error, which
/// the parse reports.
pub(crate) fn check(text: &str, limit: usize) -> Result<(), TooDeep> {
    let Some(mut scanner) = Scanner::new(text.as_bytes()) else {
        return Ok(());
    };
    let mut depth = 0usize;
    while let Some((kind, line, column)) = scanner.next() {
        match kind {
            unsafe_yaml::YAML_BLOCK_SEQUENCE_START_TOKEN
            | unsafe_yaml::YAML_BLOCK_MAPPING_START_TOKEN
            | unsafe_yaml::YAML_FLOW_SEQUENCE_START_TOKEN
            | unsafe_yaml::YAML_FLOW_MAPPING_START_TOKEN => {
                depth += 1;
                if depth > limit {
                    return Err(TooDeep {
                        line: usize::try_from(line)
                            .unwrap_or(usize::MAX)
                            .saturating_add(1),
                        column: usize::try_from(column)
                            .unwrap_or(usize::MAX)
                            .saturating_add(1),
                    });
                }
            }
            unsafe_yaml::YAML_BLOCK_END_TOKEN
            | unsafe_yaml::YAML_FLOW_SEQUENCE_END_TOKEN
            | unsafe_yaml::YAML_FLOW_MAPPING_END_TOKEN => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_block_and_flow_levels_together() {
        let flow = |n: usize| format!("{}1{}", "[".repeat(n), "]".repeat(n));
        assert_eq!(check(&flow(64), 64), Ok(()));
        assert_eq!(
            check(&flow(65), 64),
            Err(TooDeep {
                line: 1,
                column: 65
            })
        );
        // A block mapping holding a block sequence holding flow collections.
        let mixed = format!("a:\n  - {}\n", flow(62));
        assert_eq!(check(&mixed, 64), Ok(()));
        let mixed = format!("a:\n  - {}\n", flow(63));
        assert_eq!(
            check(&mixed, 64),
            Err(TooDeep {
                line: 2,
                column: 67
            })
        );
        let block: String = (0..70).map(|i| format!("{}k:\n", "  ".repeat(i))).collect();
        assert_eq!(
            check(&block, 64),
            Err(TooDeep {
                line: 65,
                column: 129
            })
        );
    }

    #[test]
    fn brackets_in_scalars_and_comments_do_not_count() {
        let deep = "{".repeat(200);
        let text = format!(
            "a: \"{deep}\"\nb: '{deep}'\n# {deep}\nc: |\n  {deep}\nd: x{deep}\n{{e: \"]]]]\"}}: 1\n"
        );
        assert_eq!(check(&text, 2), Ok(()));
        // Closing brackets inside strings do not undo real levels either.
        let hidden = "{a: \"}\", b: ".repeat(100);
        assert!(check(&hidden, 64).is_err());
    }

    #[test]
    fn a_deep_document_is_refused_quickly() {
        let text = "{a: ".repeat(262_144); // 1 MiB
        let start = std::time::Instant::now();
        assert_eq!(
            check(&text, 64),
            Err(TooDeep {
                line: 1,
                column: 257
            })
        );
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn broken_text_is_left_to_the_parser() {
        assert_eq!(check("a: b: c\n{{{{", 1), Ok(()));
        assert_eq!(check("", 1), Ok(()));
    }
}
