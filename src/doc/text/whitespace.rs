//! Whitespace collapsing for lines and paragraphs: every run of whitespace
//! (as [`char::is_whitespace`] defines it, no-break spaces included)
//! becomes one space, with none at either end.

/// Byte length of the whitespace character starting at `b[i]` (as
/// [`char::is_whitespace`] defines it), or 0. Works on bytes so that the
/// hot loop stays fast even without optimizations.
fn ws_len(b: &[u8], i: usize) -> usize {
    match b[i] {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => 1,
        0xC2 => match b.get(i + 1) {
            Some(0x85 | 0xA0) => 2,
            _ => 0,
        },
        0xE1 => (b.get(i + 1) == Some(&0x9A) && b.get(i + 2) == Some(&0x80)) as usize * 3,
        0xE2 => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) | (Some(0x81), Some(0x9F)) => 3,
            _ => 0,
        },
        0xE3 => (b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80)) as usize * 3,
        _ => 0,
    }
}

/// Appends `s` to `out` with every whitespace run (incl. no-break spaces)
/// collapsed to one space and no space at either end.
pub(super) fn push_collapsed(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let mut i = 0;
    let mut run_start = 0; // start of the current non-space run
    let mut wrote = false;
    while i < b.len() {
        let w = ws_len(b, i);
        if w == 0 {
            i += 1;
            continue;
        }
        if run_start < i {
            if wrote {
                out.push(' ');
            }
            out.push_str(&s[run_start..i]);
            wrote = true;
        }
        i += w;
        run_start = i;
    }
    if run_start < b.len() {
        if wrote {
            out.push(' ');
        }
        out.push_str(&s[run_start..]);
    }
}

/// `s` with its whitespace collapsed (see [`push_collapsed`]).
pub(super) fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_collapsed(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapsing_whitespace() {
        let mut s = String::new();
        push_collapsed(&mut s, "  a\u{a0}\u{a0}b\t c\u{2009}d\u{3000} ");
        assert_eq!(s, "a b c d");
        let odd = "x\u{85}y\u{2028}z\u{feff}é";
        let mut s = String::new();
        push_collapsed(&mut s, odd);
        assert_eq!(s, odd.split_whitespace().collect::<Vec<_>>().join(" "));
    }
}
