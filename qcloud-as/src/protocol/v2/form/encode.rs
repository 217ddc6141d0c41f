//! `application/x-www-form-urlencoded` text, written in runs of plain bytes.

/// Whether a byte is written as it is in a form encoding: a letter, a digit or one of `*-._`.
/// Written with no branch, so that a loop over a block of bytes becomes a vector loop.
const fn kept(b: u8) -> bool {
    ((b | 0x20).wrapping_sub(b'a') < 26)
        | (b.wrapping_sub(b'0') < 10)
        | (b == b'*')
        | (b == b'-')
        | (b == b'.')
        | (b == b'_')
}

/// Whether `text` is written as it is in a form encoding (it holds only letters, digits and
/// `*-._`), for constants, checked when compiling.
pub(crate) const fn is_plain_const(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !kept(bytes[i]) {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `bytes` are written as they are in a form encoding (they hold only letters, digits
/// and `*-._`). Checked 16 bytes at a time without an early exit, which the compiler turns
/// into vector instructions; the last block is padded with a kept byte.
pub(crate) fn is_plain(bytes: &[u8]) -> bool {
    fn block(block: &[u8; 16]) -> bool {
        block.iter().fold(true, |plain, &b| plain & kept(b))
    }
    let mut blocks = bytes.chunks_exact(16);
    let mut plain = true;
    for chunk in &mut blocks {
        if let Ok(chunk) = <&[u8; 16]>::try_from(chunk) {
            plain &= block(chunk);
        }
    }
    let rest = blocks.remainder();
    let mut last = [b'a'; 16];
    if let Some(head) = last.get_mut(..rest.len()) {
        head.copy_from_slice(rest);
    }
    plain & block(&last)
}

/// Appends `text` to `out` as `application/x-www-form-urlencoded` does: letters, digits and
/// `*-._` as they are, a space as `+`, every other byte as `%XX`. The same bytes as the
/// `form_urlencoded` crate gives, written in runs.
pub(crate) fn push_form_encoded(out: &mut String, text: &str) {
    // Most names and values need no escape: checked first, then copied whole.
    if is_plain(text.as_bytes()) {
        out.push_str(text);
    } else {
        push_escaped(out, text);
    }
}

/// [`push_form_encoded`] for text that needs an escape.
fn push_escaped(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    /// Bytes written as they are, as a table: one load a byte.
    const KEEP: [bool; 256] = {
        let mut keep = [false; 256];
        let mut b = 0;
        while b < 256 {
            keep[b] = kept(b as u8);
            b += 1;
        }
        keep
    };
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if KEEP[usize::from(b)] {
            continue;
        }
        // A run of kept bytes is ASCII: it starts and ends on character boundaries.
        if let Some(run) = text.get(start..i) {
            out.push_str(run);
        }
        if b == b' ' {
            out.push('+');
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
        start = i + 1;
    }
    if let Some(run) = text.get(start..) {
        out.push_str(run);
    }
}
