//! The corpus: the documents loaded in one session and everything derived
//! from them. This is the one object the CLI and `wasm.rs` drive.

use serde::Serialize;

use crate::doc::{parse_text, Document};
use crate::error::Result;

/// A stable document identifier within a [`Corpus`] (never reused).
pub type DocId = u32;

/// One line of the document list.
#[derive(Debug, Clone, Serialize)]
pub struct DocSummary {
    pub id: DocId,
    pub file: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub authors: Vec<String>,
    pub date: Option<String>,
    pub lang: String,
    pub words: usize,
}

/// The outcome of importing one item of a file ([`Corpus::add_file`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Imported {
    /// The item's name: the file, or `file#line` / `file#member`.
    pub file: String,
    /// The new document's id, when the item was imported.
    pub id: Option<DocId>,
    /// Why the item was not imported, as a sentence.
    pub error: Option<String>,
}

/// The documents of a session.
#[derive(Debug, Default)]
pub struct Corpus {
    docs: Vec<Option<Document>>,
}

impl Corpus {
    /// An empty corpus.
    pub fn new() -> Corpus {
        Corpus::default()
    }

    /// A corpus holding the five embedded seed articles.
    pub fn with_seeds() -> Corpus {
        let mut c = Corpus::new();
        for (name, bytes) in crate::seeds::SEEDS {
            let doc = parse_text(name, bytes).expect("the embedded seeds parse");
            c.add(doc);
        }
        c
    }

    /// Adds a parsed document and returns its id.
    pub fn add(&mut self, doc: Document) -> DocId {
        let id = self.docs.len() as DocId;
        self.docs.push(Some(doc));
        id
    }

    /// Parses and adds a plain-text file.
    pub fn add_text(&mut self, name: &str, bytes: &[u8]) -> Result<DocId> {
        Ok(self.add(parse_text(name, bytes)?))
    }

    /// Parses a file of any import format (text, HTML, JSON, JSON Lines,
    /// CSV, Reuters SGML, ZIP; see [`crate::doc::parse_file`]) and adds
    /// every article it holds. Returns one [`Imported`] per item, in
    /// order: the item's name (`path#line`, `path#member`...) and its new
    /// id, or the error that kept it out.
    pub fn add_file(&mut self, name: &str, bytes: &[u8]) -> Vec<Imported> {
        crate::doc::parse_file(name, bytes)
            .into_iter()
            .map(|item| match item.result {
                Ok(doc) => Imported {
                    file: item.file,
                    id: Some(self.add(doc)),
                    error: None,
                },
                Err(e) => Imported {
                    file: item.file,
                    id: None,
                    error: Some(e.to_string()),
                },
            })
            .collect()
    }

    /// Removes a document; returns whether it was present.
    pub fn remove(&mut self, id: DocId) -> bool {
        match self.docs.get_mut(id as usize) {
            Some(slot @ Some(_)) => {
                *slot = None;
                true
            }
            _ => false,
        }
    }

    /// The document with this id, if present.
    pub fn get(&self, id: DocId) -> Option<&Document> {
        self.docs.get(id as usize).and_then(|d| d.as_ref())
    }

    /// Live documents with their ids, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (DocId, &Document)> {
        self.docs
            .iter()
            .enumerate()
            .filter_map(|(i, d)| d.as_ref().map(|d| (i as DocId, d)))
    }

    /// Number of live documents.
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// Whether the corpus has no live documents.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The document list.
    pub fn summaries(&self) -> Vec<DocSummary> {
        self.iter()
            .map(|(id, d)| DocSummary {
                id,
                file: d.file.clone(),
                title: d.title.clone(),
                outlet: d.outlet.clone(),
                authors: d.authors.clone(),
                date: d.date.clone(),
                lang: d.lang.clone(),
                words: d.word_count(),
            })
            .collect()
    }
}
