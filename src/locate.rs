//! Where spans of a document's source text fall in its clean paragraphs.
//!
//! Extractors work on [`Document::source`] (so their offsets match the
//! file); the reader shows [`Document::paragraphs`]. This module maps one
//! to the other through [`Document::paragraph_offsets`], in the UTF-16
//! units the page slices strings with. Spans going in say their unit: byte
//! spans of the source ([`ByteSpan`], the extractors' offsets) or character
//! spans ([`CharSpan`], the temporal tagger's offsets).

use serde::Serialize;

use crate::doc::Document;
use crate::vocab::{ByteSpan, CharSpan, Utf16Span};

/// A piece of a span inside one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// Index in [`Document::paragraphs`].
    pub paragraph: usize,
    /// UTF-16 offsets in that paragraph's text, `start < end`.
    pub start: u32,
    pub end: u32,
}

impl Segment {
    /// The segment's offsets in the paragraph, as a span.
    pub fn span(&self) -> Utf16Span {
        Utf16Span::new(self.start as usize, self.end as usize)
    }
}

/// Maps character offsets of `doc.source` to byte offsets, and byte spans
/// to paragraph segments.
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

    /// The byte span of the character span `chars` (clamped to the text).
    pub fn bytes_of(&self, chars: CharSpan) -> ByteSpan {
        ByteSpan::new(self.byte_of_char(chars.start), self.byte_of_char(chars.end))
    }

    /// The segments of the source span `span` that fall in paragraphs;
    /// parts outside every paragraph (boilerplate, labels) are dropped.
    pub fn segments(&self, span: ByteSpan) -> Vec<Segment> {
        let doc = self.doc;
        let (start, end) = (span.start, span.end);
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
        let segs = off.segments(ByteSpan::new(s, s + "Ünïcode".len()));
        assert_eq!(segs.len(), 1);
        let p = &d.paragraphs[segs[0].paragraph];
        let u: Vec<u16> = p.encode_utf16().collect();
        let span = segs[0].span();
        assert_eq!(
            String::from_utf16(&u[span.start..span.end]).unwrap(),
            "Ünïcode"
        );
        // A span over two paragraphs gives two segments.
        let a = src.find("text.").unwrap();
        assert_eq!(off.segments(ByteSpan::new(a, s)).len(), 2);
        // Character offsets round-trip to bytes.
        let ch = src[..s].chars().count();
        assert_eq!(off.byte_of_char(ch), s);
        assert_eq!(
            off.bytes_of(CharSpan::new(ch, ch + "Ünïcode".chars().count())),
            ByteSpan::new(s, s + "Ünïcode".len())
        );
    }
}
