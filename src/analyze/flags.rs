//! The flags of a whole corpus, gathered once from its statement trails
//! ([`super::trail`]) so that search (`flag:quote-differs`, the Flags
//! facet), the reader's badge and People's badge read a list instead of
//! aligning the corpus again.
//!
//! [`Flags`] holds one [`FlagNote`] per flag a trail raises: its kind, the
//! document it is about and the one it is compared with, the speakers of
//! both quotes (People badges a person whose quote is flagged, either
//! side) and the flagged quote as printed (what Compare's statement filter
//! finds). Notes are kept sorted by document, then kind, and deduplicated,
//! so the documents of a kind come out sorted, as a search's filter wants
//! them.
//!
//! A corpus file stores them as its `flags.json` member (the notes as
//! JSON); several files or segments are read as one by shifting each
//! part's ids to its union ids and concatenating ([`Flags::merge`]): a
//! flag between documents of two different segments is not found (each
//! segment was aligned alone).

use serde::{Deserialize, Serialize};

use super::align::Statement;
use crate::vocab::FlagKind;
use crate::DocId;

/// At most this many characters of a flagged quote are kept (a quote is
/// found in Compare by its opening words; a transcript's long turn need
/// not be stored whole).
pub const NOTE_QUOTE_CHARS: usize = 300;

/// One flag on one document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FlagNote {
    /// The document the flag is about (the later member; for
    /// "unattributed", the unquoted one).
    pub doc: DocId,
    pub kind: FlagKind,
    /// The document it is compared with.
    pub other: DocId,
    /// The flagged quote as the document prints it (its first
    /// [`NOTE_QUOTE_CHARS`] characters).
    pub quote: String,
    /// The known speakers of the two quotes, as People names them,
    /// without repeats.
    pub speakers: Vec<String>,
}

/// Every flag of a corpus.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Flags {
    /// Sorted by document, then kind; no repeats.
    pub notes: Vec<FlagNote>,
}

impl Flags {
    /// The flags the trails of `statements` raise.
    pub fn from_statements(statements: &[Statement]) -> Flags {
        let mut notes = Vec::new();
        for s in statements {
            let steps = &s.trail.steps;
            for f in &s.trail.flags {
                let (Some(step), Some(other)) = (steps.get(f.step), steps.get(f.other)) else {
                    continue;
                };
                let mut speakers: Vec<String> = Vec::new();
                for name in [&step.speaker, &other.speaker].into_iter().flatten() {
                    if !speakers.contains(name) {
                        speakers.push(name.clone());
                    }
                }
                notes.push(FlagNote {
                    doc: f.doc,
                    kind: f.kind,
                    other: other.doc,
                    quote: step.text.chars().take(NOTE_QUOTE_CHARS).collect(),
                    speakers,
                });
            }
        }
        Flags::sorted(notes)
    }

    fn sorted(mut notes: Vec<FlagNote>) -> Flags {
        notes.sort();
        notes.dedup();
        Flags { notes }
    }

    /// The documents flagged `kind`, sorted.
    pub fn docs(&self, kind: FlagKind) -> Vec<DocId> {
        let mut out: Vec<DocId> = self
            .notes
            .iter()
            .filter(|n| n.kind == kind)
            .map(|n| n.doc)
            .collect();
        out.dedup();
        out
    }

    /// The flags on document `doc`.
    pub fn of_doc(&self, doc: DocId) -> &[FlagNote] {
        let lo = self.notes.partition_point(|n| n.doc < doc);
        let hi = self.notes.partition_point(|n| n.doc <= doc);
        &self.notes[lo..hi]
    }

    /// Whether no flag was raised.
    pub fn is_empty(&self) -> bool {
        self.notes.is_empty()
    }

    /// Several parts as one: each part's ids moved up by its base (the
    /// union id of its document 0).
    pub fn merge(parts: impl IntoIterator<Item = (DocId, Flags)>) -> Flags {
        let notes = parts
            .into_iter()
            .flat_map(|(base, f)| {
                f.notes.into_iter().map(move |mut n| {
                    n.doc += base;
                    n.other += base;
                    n
                })
            })
            .collect();
        Flags::sorted(notes)
    }

    /// The notes of documents `ids` only (sorted ids).
    pub fn within(&self, ids: &[DocId]) -> Flags {
        Flags {
            notes: self
                .notes
                .iter()
                .filter(|n| ids.binary_search(&n.doc).is_ok())
                .cloned()
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(doc: DocId, kind: FlagKind, other: DocId) -> FlagNote {
        FlagNote {
            doc,
            kind,
            other,
            quote: format!("quote {doc}"),
            speakers: vec!["A".into()],
        }
    }

    #[test]
    fn docs_of_a_kind_come_sorted_once() {
        let f = Flags::sorted(vec![
            note(5, FlagKind::QuoteDiffers, 1),
            note(2, FlagKind::QuoteDiffers, 1),
            note(5, FlagKind::QuoteDiffers, 3),
            note(2, FlagKind::Unattributed, 1),
        ]);
        assert_eq!(f.docs(FlagKind::QuoteDiffers), vec![2, 5]);
        assert_eq!(f.docs(FlagKind::Unattributed), vec![2]);
        assert!(f.docs(FlagKind::AttributionDiffers).is_empty());
        assert_eq!(f.of_doc(5).len(), 2);
        assert_eq!(f.of_doc(3).len(), 0);
    }

    #[test]
    fn merged_parts_move_to_union_ids() {
        let a = Flags::sorted(vec![note(1, FlagKind::QuoteDiffers, 0)]);
        let b = Flags::sorted(vec![note(0, FlagKind::AttributionDiffers, 2)]);
        let m = Flags::merge([(0, a), (10, b)]);
        assert_eq!(m.docs(FlagKind::QuoteDiffers), vec![1]);
        assert_eq!(m.docs(FlagKind::AttributionDiffers), vec![10]);
        assert_eq!(m.of_doc(10)[0].other, 12);
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<Flags>(&json).unwrap(), m);
    }
}
