//! Analytics over a set of documents: concordance, collocations,
//! keyness, near-duplicates, cross-source statement alignment.
//!
//! Every step takes the documents to analyze as a slice of [`Doc`] (the
//! caller picks them; nothing here reaches up to the corpus that holds
//! them), reads them through the shared analysis chain of [`crate::text`]
//! (tokens with byte offsets, folded forms, stems, stop-words, sentences)
//! and returns plain serde-serializable structs; the
//! table-shaped results also have a `to_csv` function.
//!
//! - [`dedup`]: exact and near-duplicate documents and paragraphs
//!   (word shingles, exact all-pairs Jaccard join with prefix filtering);
//! - [`stories`]: documents grouped into stories (shared rare terms,
//!   names and numbers, shingle overlap, date proximity; group-average
//!   merging, so no document chains unrelated ones together);
//! - [`align`]: statements rendered by several outlets or translations,
//!   linked with a similarity score and a word diff;
//! - [`trail`]: where a statement first appeared, who likely took it
//!   from whom, what changed, and flags (a reworded quote, the same words
//!   credited to another speaker, a quote without its marks);
//! - [`flags`]: a corpus's flags gathered once from its trails, for
//!   search, the reader and People;
//! - [`compare`]: two or more documents side by side;
//! - [`network`]: people, organizations and places linked by shared
//!   paragraphs and by who is quoted about whom, laid out for drawing;
//! - [`entities`]: people, organizations and places as a table (documents,
//!   mentions, outlets), for export;
//! - [`kwic`], [`collocates`], [`keyness`], [`trends`]: the Voyant/AntConc
//!   toolbox over any set of documents.
//!
//! Offsets (`start`, `end`) are byte offsets into [`Document::text`] (the
//! paragraphs joined by a blank line) unless stated otherwise.

pub mod align;
pub mod collocates;
pub mod compare;
pub mod dedup;
pub mod entities;
pub mod flags;
pub mod keyness;
pub mod kwic;
pub mod network;
pub mod relations;
pub mod stories;
pub mod trail;
pub mod trends;
mod words;

pub use align::{
    statements, statements_to_csv, statements_with, AlignOptions, DiffOp, Link, Mark, Scorer,
    SpeakerHook, Statement, StatementMember,
};
pub use collocates::{collocates, Collocate, CollocateOptions, Collocates};
pub use compare::{compare, AlignedPair, ComparedDoc, Comparison, PassageRef};
pub use dedup::{duplicates, DedupOptions, Duplicates, NearPair, ParagraphGroup, ParagraphRef};
pub use entities::{entities, entities_to_csv, EntityRow};
pub use flags::{FlagNote, Flags};
pub use keyness::{keyness, KeyTerm, Keyness, KeynessOptions};
pub use kwic::{kwic, Concordance, KwicLine, KwicSort};
pub use network::{network, Edge, EdgeKind, Network, NetworkOptions, Node, NodeKind};
pub use stories::{stories, Story, StoryOptions, Thread};
pub use trail::{flagged_docs, trail, Flag, FlagKind, Trail};
pub use trends::{trends, Series, Trends};

use crate::doc::Document;
use crate::extract::Extraction;
use crate::DocId;

/// One document of the selection an analysis runs over: its id, the
/// document, and what the extractors found in it (`None` for a document
/// added without extraction). The caller (the corpus) picks the
/// documents; every analysis takes them as a slice, in the caller's
/// order, and reports them by `id`.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    pub id: DocId,
    pub doc: &'a Document,
    pub extraction: Option<&'a Extraction>,
}

impl Doc<'_> {
    /// The document's date as a day number ([`crate::Date::to_days`]),
    /// when it has one.
    pub(crate) fn day(&self) -> Option<i64> {
        self.doc
            .date
            .as_deref()
            .and_then(crate::Date::parse)
            .map(crate::Date::to_days)
    }
}

/// One CSV field, as every CSV this crate writes spells it: quoted when
/// needed (RFC 4180, by the `csv` crate: a comma, a quote or a line break
/// wraps the field in quotes, inner quotes doubled), and neutralised
/// against formula injection (OWASP, "CSV Injection"): a field starting
/// with `=`, `+`, `-`, `@`, a tab or a carriage return, which a spreadsheet
/// would run as a formula (`=HYPERLINK(…)`, `+cmd|' /C calc'!A0` in an
/// imported title), gets a `'` in front and is always quoted. A field that
/// is a plain number (`-1.25`, `-3`, `2e-5`) is left as it is: a
/// spreadsheet reads it as that number, and keyness's negative log ratios
/// stay numbers.
pub fn csv_field(s: &str) -> String {
    if s.is_empty() {
        return String::new();
    }
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(s);
    let style = if risky {
        csv::QuoteStyle::Always
    } else {
        csv::QuoteStyle::Necessary
    };
    let mut w = csv::WriterBuilder::new()
        .quote_style(style)
        .terminator(csv::Terminator::Any(b'\n'))
        .buffer_capacity(s.len() + 8)
        .from_writer(Vec::with_capacity(s.len() + 8));
    // A record of one field: the writer closes the field's quote at the
    // record's end, then the line end is taken off.
    let written = if risky {
        w.write_record([format!("'{s}")])
    } else {
        w.write_record([s])
    };
    // Writing to a Vec cannot fail, and the csv crate writes the UTF-8 it
    // was given; the fallbacks below are never taken.
    let mut bytes = written
        .ok()
        .and_then(|()| w.into_inner().ok())
        .unwrap_or_default();
    bytes.pop();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Whether `s` is a plain decimal number: an optional sign, digits with an
/// optional fraction, an optional exponent (`-1.25`, `+3`, `2e-5`).
fn is_plain_number(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = !(int.is_empty() && frac.is_empty())
        && digits(int)
        && digits(frac)
        && !(mantissa.ends_with('.') && int.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

/// Appends one CSV record: each field through [`csv_field`], "\n" line end.
pub(crate) fn csv_row<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&csv_field(f.as_ref()));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `docs` numbered 0, 1, … as a selection, for the unit tests.
    pub(crate) fn numbered(docs: &[Document]) -> Vec<Doc<'_>> {
        docs.iter()
            .enumerate()
            .map(|(i, doc)| Doc {
                id: i as DocId,
                doc,
                extraction: None,
            })
            .collect()
    }

    #[test]
    fn csv_escaping() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        let mut s = String::new();
        csv_row(&mut s, &["x", "y\nz"]);
        assert_eq!(s, "x,\"y\nz\"\n");
    }

    #[test]
    fn csv_formula_injection_is_neutralised() {
        assert_eq!(
            csv_field("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(csv_field("+cmd|' /C calc'!A0"), "\"'+cmd|' /C calc'!A0\"");
        assert_eq!(csv_field("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(csv_field("-2+3"), "\"'-2+3\"");
        assert_eq!(csv_field("\t=1"), "\"'\t=1\"");
        assert_eq!(csv_field("\r=1"), "\"'\r=1\"");
        assert_eq!(csv_field("- said Lavrov"), "\"'- said Lavrov\"");
        // Plain numbers stay numbers; a sign alone or odd forms do not.
        for n in ["-1.25", "-3", "+7", "2e-5", "-0.5E+3", "12", "1.", ".5"] {
            assert_eq!(csv_field(n), n);
        }
        for t in [
            "-", "+", "-.", "-e5", "-1e", "-1.2.3", "-1,5", "-inf", "-NaN",
        ] {
            assert!(csv_field(t).starts_with("\"'"), "{t}");
        }
        // Inside a field the characters are harmless.
        assert_eq!(csv_field("a=b"), "a=b");
    }
}
