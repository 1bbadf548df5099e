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
/// to paragraph segments. Every conversion is a binary search over tables
/// made once, so marking a document costs its length plus a logarithm per
/// mark (a 30 MB paragraph with 400,000 dates is marked in seconds, not
/// hours).
pub struct Offsets<'a> {
    doc: &'a Document,
    /// Of every non-ASCII character of the source: (byte offset of its
    /// end, char offset of its end, UTF-8 bytes beyond UTF-16 units up to
    /// its end).
    wide: Vec<(usize, usize, usize)>,
    /// Whether each paragraph is a verbatim piece of the source (only
    /// those get segments).
    verbatim: Vec<bool>,
    /// Whether the paragraphs' offsets ascend (they do for every parser;
    /// a lookup then searches instead of scanning).
    ascending: bool,
}

impl<'a> Offsets<'a> {
    /// Prepares the conversions for `doc`.
    pub fn new(doc: &'a Document) -> Offsets<'a> {
        let mut wide = Vec::new();
        let mut chars = 0;
        let mut beyond16 = 0;
        for (i, c) in doc.source.char_indices() {
            chars += 1;
            if c.len_utf8() > 1 {
                beyond16 += c.len_utf8() - c.len_utf16();
                wide.push((i + c.len_utf8(), chars, beyond16));
            }
        }
        let verbatim = doc
            .paragraphs
            .iter()
            .zip(&doc.paragraph_offsets)
            .map(|(p, &o)| doc.source.get(o..o + p.len()) == Some(p.as_str()))
            .collect();
        let ascending = doc
            .paragraphs
            .iter()
            .zip(&doc.paragraph_offsets)
            .zip(doc.paragraph_offsets.iter().skip(1))
            .all(|((p, &o), &next)| o + p.len() <= next);
        Offsets {
            doc,
            wide,
            verbatim,
            ascending,
        }
    }

    /// The byte offset of character offset `ch` (clamped to the text).
    pub fn byte_of_char(&self, ch: usize) -> usize {
        // Bytes = chars + the extra bytes of the wide chars before `ch`.
        let k = self.wide.partition_point(|&(_, c, _)| c <= ch);
        let extra = if k == 0 {
            0
        } else {
            self.wide[k - 1].0 - self.wide[k - 1].1
        };
        (ch + extra).min(self.doc.source.len())
    }

    /// The UTF-16 offset of byte offset `b` of the source (a char
    /// boundary): the bytes less the UTF-8 bytes beyond UTF-16 units of
    /// the wide chars before it.
    fn utf16_of_byte(&self, b: usize) -> usize {
        let k = self.wide.partition_point(|&(end, _, _)| end <= b);
        b - if k == 0 { 0 } else { self.wide[k - 1].2 }
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
        let offsets = &doc.paragraph_offsets;
        // The first paragraph that may end past `start`.
        let first = if self.ascending {
            offsets.partition_point(|&o| o <= start).saturating_sub(1)
        } else {
            0
        };
        let mut out = Vec::new();
        for (i, (p, &o)) in doc.paragraphs.iter().zip(offsets).enumerate().skip(first) {
            if self.ascending && o >= end {
                break;
            }
            let pe = o + p.len();
            // Only where the paragraph is a verbatim piece of the source.
            if pe <= start || o >= end || !self.verbatim[i] {
                continue;
            }
            let s = start.max(o) - o;
            let e = end.min(pe) - o;
            if !p.is_char_boundary(s) || !p.is_char_boundary(e) || s >= e {
                continue;
            }
            let base = self.utf16_of_byte(o);
            out.push(Segment {
                paragraph: i,
                start: (self.utf16_of_byte(o + s) - base) as u32,
                end: (self.utf16_of_byte(o + e) - base) as u32,
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

    /// The segments as counted directly from the paragraphs (the
    /// definition the tables must agree with).
    fn counted(d: &Document, span: ByteSpan) -> Vec<Segment> {
        let mut out = Vec::new();
        for (i, (p, &o)) in d.paragraphs.iter().zip(&d.paragraph_offsets).enumerate() {
            let pe = o + p.len();
            if pe <= span.start || o >= span.end || d.source.get(o..pe) != Some(p.as_str()) {
                continue;
            }
            let (s, e) = (span.start.max(o) - o, span.end.min(pe) - o);
            if !p.is_char_boundary(s) || !p.is_char_boundary(e) || s >= e {
                continue;
            }
            let s16 = p[..s].encode_utf16().count() as u32;
            out.push(Segment {
                paragraph: i,
                start: s16,
                end: s16 + p[s..e].encode_utf16().count() as u32,
            });
        }
        out
    }

    #[test]
    fn every_span_maps_as_counting_would() {
        // Two-byte, three-byte and four-byte (surrogate pair) characters,
        // in several paragraphs, and text between them that none holds.
        let src = "Ünïcode héadline 🙂\n\nFirst “quoted” 𝄞 words, then 日本語 and more.\n\n\nLast 🙂🙂 one: café.";
        let d = parse_text("t.txt", src.as_bytes()).unwrap();
        let off = Offsets::new(&d);
        let bounds: Vec<usize> = (0..=src.len())
            .filter(|&b| src.is_char_boundary(b))
            .collect();
        for (k, &a) in bounds.iter().enumerate() {
            for &b in &bounds[k..] {
                let span = ByteSpan::new(a, b);
                assert_eq!(off.segments(span), counted(&d, span), "{a}..{b}");
            }
        }
    }

    #[test]
    fn marks_in_one_long_paragraph_take_linear_time() {
        // 4 MB in one paragraph, a mark every 60 bytes: counting from the
        // paragraph's start for each would be ~10^11 steps.
        let unit = "the council met on Monday, and prices rose é across it. ";
        let src = unit.repeat((4 << 20) / unit.len());
        let d = parse_text("t.txt", src.as_bytes()).unwrap();
        let off = Offsets::new(&d);
        let mut marked = 0;
        for (at, _) in src.match_indices("Monday") {
            marked += off.segments(ByteSpan::new(at, at + 6)).len();
        }
        assert_eq!(marked, src.matches("Monday").count());
        let last = src.rfind("Monday").unwrap();
        let seg = off.segments(ByteSpan::new(last, last + 6))[0];
        let p: Vec<u16> = d.paragraphs[seg.paragraph].encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&p[seg.span().start..seg.span().end]).unwrap(),
            "Monday"
        );
    }
}
