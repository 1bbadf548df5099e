//! How a document's text is laid out in position space.
//!
//! A document is a list of sections: the title, then each lead bullet,
//! then each body paragraph, then the wire dateline cut from the first
//! paragraph ("ROTTERDAM -", "MOSCOW, January 28. /TASS/."), which is
//! printed text a reader searches for ("Rotterdam") like any other; it
//! comes last so that the positions of the rest are those of a document
//! indexed without it. Words are numbered from 0 in the title; each
//! later section starts [`SECTION_GAP`] positions after the previous one
//! ends, so phrases (even sloppy ones) never match across sections. The
//! index and the snippet builder both walk a document through
//! [`for_each_word`], so a stored position always names the same word.

use serde::Serialize;

use crate::doc::Document;

/// Positions left empty between two sections (larger than any slop).
const SECTION_GAP: u32 = 64;

/// Which part of a document a section is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The headline.
    Title,
    /// A summary bullet ([`Document::lead`]).
    Lead,
    /// A body paragraph ([`Document::paragraphs`]).
    Body,
    /// The wire dateline ([`Document::dateline`]).
    Dateline,
}

/// One section of a document: a part, its index within that part, text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Section<'a> {
    /// Title, lead or body.
    pub part: Part,
    /// Index within the part (paragraph index for the body).
    pub index: usize,
    /// The section's text.
    pub text: &'a str,
}

/// The sections of `doc` in position order; the title comes first, even
/// when empty.
pub(crate) fn sections(doc: &Document) -> Vec<Section<'_>> {
    let mut out = Vec::with_capacity(1 + doc.lead.len() + doc.paragraphs.len());
    out.push(Section {
        part: Part::Title,
        index: 0,
        text: doc.title.as_deref().unwrap_or(""),
    });
    for (i, l) in doc.lead.iter().enumerate() {
        out.push(Section {
            part: Part::Lead,
            index: i,
            text: l,
        });
    }
    for (i, p) in doc.paragraphs.iter().enumerate() {
        out.push(Section {
            part: Part::Body,
            index: i,
            text: p,
        });
    }
    if let Some(d) = doc.dateline.as_ref().filter(|d| !d.text.is_empty()) {
        out.push(Section {
            part: Part::Dateline,
            index: 0,
            text: &d.text,
        });
    }
    out
}

/// Calls `f(section, start, end, word, position)` for every word of
/// `sections`, in order, with byte offsets into the section's text and the
/// word's position. Returns the number of title words.
pub(crate) fn for_each_word(
    sections: &[Section<'_>],
    mut f: impl FnMut(usize, usize, usize, &str, u32),
) -> u32 {
    let mut base = 0u32;
    let mut title_len = 0;
    for (si, s) in sections.iter().enumerate() {
        let mut n = 0u32;
        crate::text::for_each_word(s.text, |start, end, w| {
            f(si, start, end, w, base.saturating_add(n));
            n += 1;
        });
        if si == 0 {
            title_len = n;
        }
        base = base.saturating_add(n).saturating_add(SECTION_GAP);
    }
    title_len
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_first_then_gaps() {
        let doc = Document {
            title: Some("Lavrov speaks".into()),
            paragraphs: vec!["One two.".into(), "Three".into()],
            ..Document::default()
        };
        let secs = sections(&doc);
        let mut seen = Vec::new();
        let t = for_each_word(&secs, |si, _, _, w, p| seen.push((si, w.to_string(), p)));
        assert_eq!(t, 2);
        assert_eq!(seen[0], (0, "lavrov".to_string(), 0));
        assert_eq!(seen[2], (1, "one".to_string(), 2 + SECTION_GAP));
        assert_eq!(seen[4], (2, "three".to_string(), 4 + 2 * SECTION_GAP));
    }

    /// The dateline comes last: the other words keep their positions.
    #[test]
    fn the_dateline_is_a_last_section() {
        let mut doc = crate::doc::parse_plain(
            "t.txt",
            "Grain exports hit a record\n\nROTTERDAM - Port authorities reported record grain \
             exports, officials said.\n"
                .to_string(),
        );
        assert_eq!(
            doc.paragraphs[0],
            "Port authorities reported record grain exports, officials said."
        );
        let with: Vec<(Part, String, u32)> = {
            let secs = sections(&doc);
            let mut v = Vec::new();
            for_each_word(&secs, |si, _, _, w, p| {
                v.push((secs[si].part, w.to_string(), p))
            });
            v
        };
        assert_eq!(
            with.last().map(|x| (x.0, x.1.as_str())),
            Some((Part::Dateline, "rotterdam"))
        );
        doc.dateline = None;
        let secs = sections(&doc);
        let mut without = Vec::new();
        for_each_word(&secs, |si, _, _, w, p| {
            without.push((secs[si].part, w.to_string(), p))
        });
        assert_eq!(without[..], with[..without.len()]);
    }
}
