//! The corpus: the documents loaded in one session and everything derived
//! from them. This is the one object the CLI and `wasm.rs` drive.

use serde::Serialize;

use crate::doc::{parse_text, Document};
use crate::error::{Error, Result};
use crate::index::{Field, Index};
use crate::query::{SearchOptions, SearchResults};

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

/// The keyword values of a document, for filters (`outlet:TASS`) and
/// facets: the one place that decides them. Later stages extend it
/// (entities, quoted speakers) by pushing more `(Field, value)` pairs.
pub fn keyword_fields(doc: &Document) -> Vec<(Field, String)> {
    let mut out = Vec::new();
    if let Some(o) = &doc.outlet {
        out.push((Field::Outlet, o.clone()));
    }
    for a in &doc.authors {
        out.push((Field::Author, a.clone()));
    }
    if !doc.lang.is_empty() {
        out.push((Field::Lang, doc.lang.clone()));
    }
    if let Some(d) = &doc.date {
        out.push((Field::Date, d.clone()));
    }
    let mut speakers: Vec<&str> = Vec::new();
    for t in &doc.turns {
        if !speakers.contains(&t.speaker.as_str()) {
            speakers.push(&t.speaker);
            out.push((Field::Speaker, t.speaker.clone()));
        }
    }
    out
}

/// The documents of a session and their search index (kept in sync).
#[derive(Debug, Default)]
pub struct Corpus {
    docs: Vec<Option<Document>>,
    index: Index,
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
        // Ids grow with `docs`, so the index always accepts this one.
        let _ = self.index.add(id, &doc, &keyword_fields(&doc));
        self.docs.push(Some(doc));
        id
    }

    /// Parses and adds a plain-text file.
    pub fn add_text(&mut self, name: &str, bytes: &[u8]) -> Result<DocId> {
        Ok(self.add(parse_text(name, bytes)?))
    }

    /// Removes a document; returns whether it was present.
    pub fn remove(&mut self, id: DocId) -> bool {
        match self.docs.get_mut(id as usize) {
            Some(slot @ Some(_)) => {
                *slot = None;
                self.index.remove(id);
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

    /// Runs a query (see [`crate::query`] for the language).
    pub fn search(&self, query: &str, opts: &SearchOptions) -> SearchResults {
        crate::query::search(&self.index, |id| self.get(id), query, opts)
    }

    /// The search index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The search index as bytes, to store beside the documents.
    pub fn index_bytes(&self) -> Vec<u8> {
        self.index.to_bytes()
    }

    /// A corpus from stored documents (slot `i` holds document id `i`,
    /// `None` for removed ones) and the bytes of [`Corpus::index_bytes`].
    /// Fails with [`Error::BadIndex`] when the index is damaged or does not
    /// belong to these documents.
    pub fn from_parts(docs: Vec<Option<Document>>, index_bytes: &[u8]) -> Result<Corpus> {
        let index = Index::from_bytes(index_bytes)?;
        let max = index.max_doc() as usize;
        if max > docs.len()
            || (0..docs.len()).any(|i| docs[i].is_some() != index.is_live(i as DocId))
        {
            return Err(Error::BadIndex {
                message: "the index does not match the documents".into(),
            });
        }
        Ok(Corpus { docs, index })
    }
}
