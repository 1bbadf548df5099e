//! Where spans of a document's source text fall in its clean paragraphs.
//!
//! Extractors work on [`Document::source`] (so their offsets match the
//! file); the reader shows [`Document::paragraphs`]. This module maps one
//! to the other through [`Document::paragraph_offsets`], in the UTF-16
//! units the page slices strings with.

use serde::Serialize;

use crate::doc::Document;

/// A piece of a span inside one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// Index in [`Document::paragraphs`].
    pub paragraph: usize,
    /// UTF-16 offsets in that paragraph's text, `start < end`.
    pub start: u32,
    pub end: u32,
}

/// Maps byte offsets of `doc.source` to character offsets and back.
pub struct Offsets<'a> {
    doc: &'a Document,
    /// (byte offset, char offset) of every non-ASCII character's end.
    wide: Vec<(usize, usize)>,
}

impl<'a> Offsets<'a> {
    /// Prepares the conversions for `doc`.
    pub fn new(doc: &'a Document) -> Offsets<'a> {
        let mut wide = Vec::new();
        let mut chars = 0;
        for (i, c) in doc.source.char_indices() {
            chars += 1;
            if c.len_utf8() > 1 {
                wide.push((i + c.len_utf8(), chars));
            }
        }
        Offsets { doc, wide }
    }

    /// The byte offset of character offset `ch` (clamped to the text).
    pub fn byte_of_char(&self, ch: usize) -> usize {
        // Bytes = chars + the extra bytes of the wide chars before `ch`.
        let k = self.wide.partition_point(|&(_, c)| c <= ch);
        let extra = if k == 0 {
            0
        } else {
            self.wide[k - 1].0 - self.wide[k - 1].1
        };
        (ch + extra).min(self.doc.source.len())
    }

    /// The segments of the source span `[start, end)` (bytes) that fall in
    /// paragraphs; parts outside every paragraph (boilerplate, labels) are
    /// dropped.
    pub fn segments(&self, start: usize, end: usize) -> Vec<Segment> {
        let doc = self.doc;
        let mut out = Vec::new();
        for (i, (p, &o)) in doc
            .paragraphs
            .iter()
            .zip(&doc.paragraph_offsets)
            .enumerate()
        {
            let pe = o + p.len();
            if pe <= start || o >= end {
                continue;
            }
            // Only where the paragraph is a verbatim piece of the source.
            if doc.source.get(o..pe) != Some(p.as_str()) {
                continue;
            }
            let s = start.max(o) - o;
            let e = end.min(pe) - o;
            if !p.is_char_boundary(s) || !p.is_char_boundary(e) || s >= e {
                continue;
            }
            let s16 = p[..s].encode_utf16().count() as u32;
            let e16 = s16 + p[s..e].encode_utf16().count() as u32;
            out.push(Segment {
                paragraph: i,
                start: s16,
                end: e16,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::parse_text;

    #[test]
    fn spans_map_into_paragraphs() {
        let src = "A headline here\n\nFirst “paragraph” text.\n\nSecond one, with Ünïcode.";
        let d = parse_text("t.txt", src.as_bytes()).unwrap();
        let off = Offsets::new(&d);
        let s = src.find("Ünïcode").unwrap();
        let segs = off.segments(s, s + "Ünïcode".len());
        assert_eq!(segs.len(), 1);
        let p = &d.paragraphs[segs[0].paragraph];
        let u: Vec<u16> = p.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&u[segs[0].start as usize..segs[0].end as usize]).unwrap(),
            "Ünïcode"
        );
        // A span over two paragraphs gives two segments.
        let a = src.find("text.").unwrap();
        assert_eq!(off.segments(a, s).len(), 2);
        // Character offsets round-trip to bytes.
        let ch = src[..s].chars().count();
        assert_eq!(off.byte_of_char(ch), s);
    }
}
