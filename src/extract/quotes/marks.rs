//! Pairing quote marks paragraph by paragraph (step 1 of the module doc).

use std::ops::Range;

fn is_open_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

pub(super) fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‘' | '’' | '\'')
}

/// A paired quotation before analysis.
#[derive(Debug, Clone)]
pub(super) struct RawQuote {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Index of the paragraph holding the opening mark.
    pub(super) para: usize,
    /// Index of the paragraph holding the end.
    pub(super) end_para: usize,
}

pub(super) fn find_raw_quotes(text: &str, paras: &[Range<usize>]) -> Vec<RawQuote> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None; // (byte, paragraph)
    for (pi, p) in paras.iter().enumerate() {
        let para = &text[p.clone()];
        // Characters, with the typewriter doubles '' and `` read as one
        // double quote mark (the New York Times style).
        let mut chars: Vec<(usize, char, usize)> = Vec::with_capacity(para.len());
        let mut it = para.char_indices().peekable();
        while let Some((off, c)) = it.next() {
            if (c == '\'' || c == '`') && it.peek().is_some_and(|&(_, n)| n == c) {
                it.next();
                chars.push((off, '"', 2));
            } else {
                chars.push((off, c, c.len_utf8()));
            }
        }
        let mut skip_first = false;
        if open.is_some() {
            // A continued quote reopens with a mark at the paragraph start.
            skip_first = chars.first().is_some_and(|&(_, c, _)| is_open_mark(c));
        }
        for (k, &(off, c, clen)) in chars.iter().enumerate() {
            if k == 0 && skip_first {
                continue;
            }
            // Only quote marks matter (most characters end here).
            if !is_open_mark(c) && c != '‘' && c != '’' {
                continue;
            }
            let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
            let next = chars.get(k + 1).map(|x| x.1);
            let left_edge = prev.is_none_or(|ch| {
                ch.is_whitespace() || "([{—–-/:".contains(ch) || is_quote_char(ch)
            });
            let right_edge = next.is_none_or(|ch| {
                ch.is_whitespace()
                    || ch.is_ascii_punctuation()
                    || "—–…".contains(ch)
                    || is_quote_char(ch)
            });
            let pos = p.start + off;
            let double = is_open_mark(c);
            let single_open = c == '‘' && left_edge;
            let single_close =
                c == '’' && right_edge && open.is_some_and(|(o, _)| text[o..].starts_with('‘'));
            if !(double || single_open || single_close) {
                continue;
            }
            match open {
                None => {
                    let opener = match c {
                        '”' | '»' => left_edge && !right_edge,
                        '’' => false,
                        _ => !right_edge || left_edge,
                    };
                    if opener && next.is_some_and(|ch| !ch.is_whitespace()) {
                        open = Some((pos, pi));
                    }
                }
                Some((o, op)) => {
                    let o_single = text[o..].starts_with('‘');
                    if o_single != (c == '‘' || c == '’') {
                        continue;
                    }
                    if right_edge || !left_edge {
                        let end = pos + clen;
                        out.push(RawQuote {
                            start: o,
                            end,
                            para: op,
                            end_para: pi,
                        });
                        open = None;
                    } else {
                        // An opener while open: the earlier mark was stray.
                        open = Some((pos, pi));
                    }
                }
            }
        }
        if let Some((o, op)) = open {
            let continues = paras.get(pi + 1).is_some_and(|n| {
                let t = &text[n.clone()];
                t.chars().next().is_some_and(is_open_mark)
                    || t.starts_with("''")
                    || t.starts_with("``")
            });
            if !continues {
                out.push(RawQuote {
                    start: o,
                    end: p.end,
                    para: op,
                    end_para: pi,
                });
                open = None;
            }
        }
    }
    out.retain(|q| q.end > q.start + 2);
    out
}
