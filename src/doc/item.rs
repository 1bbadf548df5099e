//! [`ImportItem`]: one article (or one failure) out of an imported file,
//! what every import parser returns. It sits below the parsers
//! (`csvfile`, `json`, `sgm`) and the format dispatch (`import`), so that
//! they depend on it and not on each other.

use serde::{Deserialize, Serialize};

use super::Document;
use crate::error::{Error, Result};
use crate::vocab::Note;

/// What a JSON record says of itself beyond the article: the tags and
/// note a Lede export wrote on it (`tags`, `note`), its quotes'
/// (`quote_notes`: `[{start, end, tags, note}]`, byte offsets in its
/// source) and, on the first line of an export, the corpus's notes on
/// people and its saved searches (`workbench`, read by `crate::tags`).
/// A field of another shape (a `tags` that is not a list of strings) is
/// left out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RecordNotes {
    /// The document's own tags and note.
    #[serde(flatten)]
    pub doc: Note,
    /// Its quotes' tags and notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quote_notes: Vec<QuoteNote>,
    /// Notes on the corpus as a whole (people, saved searches).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workbench: Option<serde_json::Value>,
}

/// The tags and note of one quote, by its byte span in the source.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QuoteNote {
    /// Byte offsets of the quote in the document's source.
    pub start: usize,
    pub end: usize,
    /// Its tags and note.
    #[serde(flatten)]
    pub note: Note,
}

impl RecordNotes {
    /// The notes of a JSON record's fields, or `None` when it has none.
    pub fn of_record(map: &serde_json::Map<String, serde_json::Value>) -> Option<RecordNotes> {
        let mut out = RecordNotes::default();
        if let Some(serde_json::Value::Array(tags)) = map.get("tags") {
            for t in tags.iter().filter_map(|t| t.as_str()) {
                out.doc.add(t);
            }
        }
        if let Some(note) = map.get("note").and_then(|n| n.as_str()) {
            out.doc.note = note.trim().to_string();
        }
        if let Some(q) = map.get("quote_notes") {
            out.quote_notes = serde_json::from_value(q.clone()).unwrap_or_default();
        }
        out.workbench = map.get("workbench").filter(|w| w.is_object()).cloned();
        let empty = out.doc.is_empty() && out.quote_notes.is_empty() && out.workbench.is_none();
        (!empty).then_some(out)
    }
}

/// One article (or one failure) out of an imported file.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportItem {
    /// What the item is called: the file name, or `file#line`,
    /// `file#index`, `file#member` for an item inside a file.
    pub file: String,
    /// The parsed document, or why this item could not be read.
    pub result: Result<Document>,
    /// What the parser changed or left out of a document it read, one
    /// sentence each, naming the item ("a.html: elements nest 5002 deep;
    /// …").
    pub notes: Vec<String>,
    /// The tags and notes the record carried (JSON records only).
    pub record_notes: Option<Box<RecordNotes>>,
}

impl ImportItem {
    /// A failed item.
    pub fn err(file: &str, error: Error) -> ImportItem {
        ImportItem::new(file.to_string(), Err(error))
    }

    /// An item without notes.
    pub fn new(file: String, result: Result<Document>) -> ImportItem {
        ImportItem {
            file,
            result,
            notes: Vec::new(),
            record_notes: None,
        }
    }

    /// The error item of a file that held nothing to import.
    pub fn empty(file: &str) -> ImportItem {
        ImportItem::err(
            file,
            Error::Empty {
                name: file.to_string(),
            },
        )
    }
}
