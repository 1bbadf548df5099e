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
//! - [`compare`]: two or more documents side by side;
//! - [`kwic`], [`collocates`], [`keyness`], [`trends`]: the Voyant/AntConc
//!   toolbox over any set of documents.
//!
//! Offsets (`start`, `end`) are byte offsets into [`Document::text`] (the
//! paragraphs joined by a blank line) unless stated otherwise.

pub mod align;
pub mod collocates;
pub mod compare;
pub mod dedup;
pub mod keyness;
pub mod kwic;
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
pub use keyness::{keyness, KeyTerm, Keyness, KeynessOptions};
pub use kwic::{kwic, Concordance, KwicLine, KwicSort};
pub use stories::{stories, Story, StoryOptions};
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

/// Quotes one CSV field when needed (RFC 4180): fields holding a comma, a
/// quote, or a line break are wrapped in quotes with inner quotes doubled.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Appends one CSV record (fields escaped, CRLF-free "\n" line end).
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
}
