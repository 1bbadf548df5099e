//! The WebAssembly boundary: the only file that knows about wasm-bindgen.
//!
//! Each export converts its arguments, calls one [`Corpus`] method and
//! converts the result to a plain JS object. No logic lives here.
//!
//! Everything exported is called by the page (`www/worker.js`); the few
//! exports only the benchmarks need sit behind the `bench-api` cargo
//! feature, so the shipping build does not carry them.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::corpus_file::{CorpusFile, MemorySource, Opened, Step};
use crate::{analyze, Corpus, DocId, SearchOptions};

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// An opaque handle on one corpus, owned by the worker.
#[wasm_bindgen]
pub struct Engine {
    corpus: Corpus,
}

#[wasm_bindgen]
impl Engine {
    /// A new engine; `with_seeds` loads the five embedded sample articles.
    #[wasm_bindgen(constructor)]
    pub fn new(with_seeds: bool) -> Engine {
        console_error_panic_hook::set_once();
        let corpus = if with_seeds {
            Corpus::with_seeds()
        } else {
            Corpus::new()
        };
        Engine { corpus }
    }

    /// The document list.
    pub fn list(&self) -> Result<JsValue, JsError> {
        to_js(&self.corpus.summaries())
    }

    /// One document, whole, or `null`.
    pub fn document(&self, id: DocId) -> Result<JsValue, JsError> {
        to_js(&self.corpus.get(id))
    }

    /// An engine restored from [`Engine::snapshot`] bytes.
    pub fn restore(bytes: &[u8]) -> Result<Engine, JsError> {
        console_error_panic_hook::set_once();
        Corpus::restore(bytes)
            .map(|corpus| Engine { corpus })
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// The corpus as bytes, for IndexedDB.
    pub fn snapshot(&self) -> Vec<u8> {
        self.corpus.snapshot()
    }

    /// Imports a batch of files of any supported format (`names[i]` holds
    /// `files[i]`); dates are inferred across the batch. Returns one import
    /// report `{added: [id], errors: [{file, error}], duplicates: [{file,
    /// of, of_file}]}`.
    #[wasm_bindgen(js_name = importMany)]
    pub fn import_many(
        &mut self,
        names: Vec<String>,
        files: Vec<js_sys::Uint8Array>,
    ) -> Result<JsValue, JsError> {
        let bytes: Vec<Vec<u8>> = files.iter().map(|f| f.to_vec()).collect();
        let batch: Vec<(&str, &[u8])> = names
            .iter()
            .map(String::as_str)
            .zip(bytes.iter().map(Vec::as_slice))
            .collect();
        to_js(&self.corpus.import_many(&batch))
    }

    /// Imports a slice of a large JSON Lines file, `firstLine` lines into
    /// it (the slice starts and ends on line boundaries); records are
    /// named `name#LINE` as in the whole file. Returns one import report.
    #[wasm_bindgen(js_name = importLines)]
    pub fn import_lines(
        &mut self,
        name: &str,
        bytes: &[u8],
        first_line: usize,
    ) -> Result<JsValue, JsError> {
        to_js(&self.corpus.import_json_lines(name, bytes, first_line))
    }

    /// Removes one document; returns whether it was there.
    pub fn remove(&mut self, id: DocId) -> bool {
        self.corpus.remove(id)
    }

    /// Removes every document.
    pub fn clear(&mut self) {
        self.corpus.clear()
    }

    /// Adds the seed articles back; returns the import report.
    #[wasm_bindgen(js_name = restoreSeeds)]
    pub fn restore_seeds(&mut self) -> Result<JsValue, JsError> {
        to_js(&self.corpus.restore_seeds())
    }

    /// The corpus as JSON Lines.
    #[wasm_bindgen(js_name = exportJsonl)]
    pub fn export_jsonl(&self) -> String {
        self.corpus.to_jsonl()
    }

    /// Runs a query; `options` is a `SearchOptions` object (every field
    /// optional: `{limit, offset, sort: "relevance"|"date"|"date_asc",
    /// snippets, facets}`).
    pub fn search(&self, query: &str, options: JsValue) -> Result<JsValue, JsError> {
        let opts: SearchOptions = if options.is_undefined() || options.is_null() {
            SearchOptions::default()
        } else {
            serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&e.to_string()))?
        };
        to_js(&self.corpus.search(query, &opts))
    }

    /// The ids of every document matching `query`.
    #[wasm_bindgen(js_name = matchIds)]
    pub fn match_ids(&self, query: &str) -> Vec<DocId> {
        self.corpus.matching(query)
    }

    /// The dated mentions of every document (or of `ids`), earliest first.
    pub fn timeline(&self, ids: Option<Vec<DocId>>) -> Result<JsValue, JsError> {
        to_js(&self.corpus.timeline(ids.as_deref()))
    }

    /// Statements carried by several documents (`ids` or all), grouped,
    /// with word-by-word differences.
    pub fn statements(&self, ids: Option<Vec<DocId>>) -> Result<JsValue, JsError> {
        to_js(&self.corpus.statements(ids.as_deref()))
    }

    /// Exact and near-duplicate documents and repeated paragraphs among
    /// `ids` (all when absent).
    pub fn duplicates(&self, ids: Option<Vec<DocId>>) -> Result<JsValue, JsError> {
        to_js(&analyze::duplicates(
            &self.corpus.select(ids.as_deref()),
            &analyze::DedupOptions::default(),
        ))
    }

    /// Documents grouped into stories.
    pub fn stories(&self, ids: Option<Vec<DocId>>) -> Result<JsValue, JsError> {
        to_js(&analyze::stories(
            &self.corpus.select(ids.as_deref()),
            &analyze::StoryOptions::default(),
        ))
    }

    /// Two or more documents side by side.
    pub fn compare(&self, ids: Vec<DocId>) -> Result<JsValue, JsError> {
        to_js(&analyze::compare(
            &self.corpus.select(Some(&ids)),
            &analyze::AlignOptions::default(),
        ))
    }

    /// Keyword in context for `query` with `width` words each side.
    pub fn kwic(
        &self,
        query: &str,
        width: usize,
        ids: Option<Vec<DocId>>,
    ) -> Result<JsValue, JsError> {
        to_js(&analyze::kwic(
            &self.corpus.select(ids.as_deref()),
            query,
            width,
            analyze::KwicSort::Position,
        ))
    }

    /// Collocates of `term` within ±`window` words.
    pub fn collocates(
        &self,
        term: &str,
        window: usize,
        ids: Option<Vec<DocId>>,
    ) -> Result<JsValue, JsError> {
        let opts = analyze::CollocateOptions {
            window,
            ..Default::default()
        };
        to_js(&analyze::collocates(
            &self.corpus.select(ids.as_deref()),
            term,
            &opts,
        ))
    }

    /// Key terms of the `target` documents against `reference` (or the rest).
    pub fn keyness(
        &self,
        target: Vec<DocId>,
        reference: Option<Vec<DocId>>,
    ) -> Result<JsValue, JsError> {
        to_js(&analyze::keyness(
            &self.corpus.select(Some(&target)),
            &self.corpus.select(reference.as_deref()),
            &analyze::KeynessOptions::default(),
        ))
    }

    /// Monthly frequencies of `terms`.
    pub fn trends(&self, terms: Vec<String>, ids: Option<Vec<DocId>>) -> Result<JsValue, JsError> {
        let terms: Vec<&str> = terms.iter().map(String::as_str).collect();
        to_js(&analyze::trends(
            &self.corpus.select(ids.as_deref()),
            &terms,
        ))
    }

    /// Every person, aliases merged across the corpus, with their quotes.
    pub fn people(&self) -> Result<JsValue, JsError> {
        to_js(&self.corpus.people())
    }

    /// What the reader marks in a document (quotes and dates), or `null`.
    pub fn annotations(&self, id: DocId) -> Result<JsValue, JsError> {
        to_js(&self.corpus.annotations(id))
    }
}

fn js_err(e: crate::Error) -> JsError {
    JsError::new(&e.to_string())
}

/// An operation on a corpus file, for JS: `{done: value}`, or `{need:
/// [[offset, length], …]}` (supply those ranges, then call again).
fn step<T: Serialize>(s: crate::Result<Step<T>>) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Done<'a, T> {
        done: &'a T,
    }
    #[derive(Serialize)]
    struct Need {
        need: Vec<(u64, u64)>,
    }
    match s.map_err(js_err)? {
        Step::Done(v) => to_js(&Done { done: &v }),
        Step::Need(need) => to_js(&Need { need }),
    }
}

fn options(options: JsValue) -> Result<SearchOptions, JsError> {
    if options.is_undefined() || options.is_null() {
        Ok(SearchOptions::default())
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&e.to_string()))
    }
}

/// A corpus file opened lazily: the worker supplies byte ranges (read
/// from a `Blob` or over HTTP) as operations ask for them; see
/// [`crate::corpus_file`].
#[wasm_bindgen]
pub struct LedeFile {
    len: u64,
    opening: Option<MemorySource>,
    file: Option<Box<CorpusFile<MemorySource>>>,
}

#[wasm_bindgen]
impl LedeFile {
    /// A file of `len` bytes, not opened yet.
    #[wasm_bindgen(constructor)]
    pub fn new(len: f64) -> LedeFile {
        console_error_panic_hook::set_once();
        LedeFile {
            len: len as u64,
            opening: Some(MemorySource::default()),
            file: None,
        }
    }

    /// Hands in the bytes at `offset`.
    pub fn supply(&mut self, offset: f64, bytes: Vec<u8>) {
        match (&mut self.file, &mut self.opening) {
            (Some(f), _) => f.source_mut().supply(offset as u64, bytes),
            (None, Some(s)) => s.supply(offset as u64, bytes),
            (None, None) => {}
        }
    }

    /// Opens the file: `{done: header}` or `{need}`.
    pub fn open(&mut self) -> Result<JsValue, JsError> {
        if let Some(f) = &self.file {
            return step(Ok(Step::Done(f.header().clone())));
        }
        let source = self.opening.take().unwrap_or_default();
        match CorpusFile::open(source, self.len).map_err(js_err)? {
            Opened::Ready(f) => {
                let header = f.header().clone();
                self.file = Some(f);
                step(Ok(Step::Done(header)))
            }
            Opened::Need(source, need) => {
                self.opening = Some(source);
                step::<()>(Ok(Step::Need(need)))
            }
        }
    }

    /// Runs `f` on the open file; once it is done, the supplied ranges
    /// are released (what it read now lives in the reader's caches).
    fn run<T: Serialize>(
        &mut self,
        f: impl FnOnce(&mut CorpusFile<MemorySource>) -> crate::Result<Step<T>>,
    ) -> Result<JsValue, JsError> {
        let file = self
            .file
            .as_deref_mut()
            .ok_or_else(|| JsError::new("the corpus file is not open"))?;
        let r = f(file);
        if matches!(r, Ok(Step::Done(_))) {
            file.source_mut().release();
        }
        step(r)
    }

    /// Runs a query (as [`Engine::search`]).
    pub fn search(&mut self, query: &str, options: JsValue) -> Result<JsValue, JsError> {
        let opts = self::options(options)?;
        self.run(|f| f.search(query, &opts))
    }

    /// The ids of every document matching `query`.
    #[wasm_bindgen(js_name = matchIds)]
    pub fn match_ids(&mut self, query: &str) -> Result<JsValue, JsError> {
        self.run(|f| f.matching(query))
    }

    /// One document, whole, or `null`.
    pub fn document(&mut self, id: DocId) -> Result<JsValue, JsError> {
        self.run(|f| {
            f.document(id).map(|s| match s {
                Step::Done(d) => Step::Done(d.map(|(doc, _)| doc)),
                Step::Need(n) => Step::Need(n),
            })
        })
    }

    /// What the reader marks in a document.
    pub fn annotations(&mut self, id: DocId) -> Result<JsValue, JsError> {
        self.run(|f| f.annotations(id))
    }

    /// One page of the document list.
    pub fn list(&mut self, page: usize) -> Result<JsValue, JsError> {
        self.run(|f| f.list(page))
    }

    /// Every person (the stored view).
    pub fn people(&mut self) -> Result<JsValue, JsError> {
        self.run(|f| f.view("people"))
    }

    /// The timeline of `ids` (all: the stored view).
    pub fn timeline(&mut self, ids: Option<Vec<DocId>>) -> Result<JsValue, JsError> {
        let ids = ids.as_deref();
        self.run(|f| f.view_or("timeline", ids, |c| c.timeline(ids)))
    }

    /// The statements of `ids` (all: the stored view).
    pub fn statements(&mut self, ids: Option<Vec<DocId>>) -> Result<JsValue, JsError> {
        let ids = ids.as_deref();
        self.run(|f| f.view_or("statements", ids, |c| c.statements(ids)))
    }

    /// The stories of `ids` (all: the stored view).
    pub fn stories(&mut self, ids: Option<Vec<DocId>>) -> Result<JsValue, JsError> {
        let ids = ids.as_deref();
        self.run(|f| {
            f.view_or("stories", ids, |c| {
                analyze::stories(&c.select(ids), &analyze::StoryOptions::default())
            })
        })
    }

    /// Duplicates among `ids` (as [`Engine::duplicates`]).
    pub fn duplicates(&mut self, ids: Option<Vec<DocId>>) -> Result<JsValue, JsError> {
        let ids = ids.as_deref();
        self.run(|f| {
            f.with_corpus(ids, |c| {
                analyze::duplicates(&c.select(ids), &analyze::DedupOptions::default())
            })
        })
    }

    /// Documents side by side (as [`Engine::compare`]).
    pub fn compare(&mut self, ids: Vec<DocId>) -> Result<JsValue, JsError> {
        self.run(|f| {
            f.with_corpus(Some(&ids), |c| {
                analyze::compare(&c.select(Some(&ids)), &analyze::AlignOptions::default())
            })
        })
    }

    /// Keyword in context (as [`Engine::kwic`]).
    pub fn kwic(
        &mut self,
        query: &str,
        width: usize,
        ids: Option<Vec<DocId>>,
    ) -> Result<JsValue, JsError> {
        let ids = ids.as_deref();
        self.run(|f| {
            f.with_corpus(ids, |c| {
                analyze::kwic(&c.select(ids), query, width, analyze::KwicSort::Position)
            })
        })
    }

    /// Collocates (as [`Engine::collocates`]).
    pub fn collocates(
        &mut self,
        term: &str,
        window: usize,
        ids: Option<Vec<DocId>>,
    ) -> Result<JsValue, JsError> {
        let ids = ids.as_deref();
        let opts = analyze::CollocateOptions {
            window,
            ..Default::default()
        };
        self.run(|f| f.with_corpus(ids, |c| analyze::collocates(&c.select(ids), term, &opts)))
    }

    /// Key terms (as [`Engine::keyness`]).
    pub fn keyness(
        &mut self,
        target: Vec<DocId>,
        reference: Option<Vec<DocId>>,
    ) -> Result<JsValue, JsError> {
        let reference = reference.as_deref();
        // Both sets must be read: the reference (all when absent) holds
        // the target.
        let load: Option<Vec<DocId>> = reference.map(|r| {
            let mut all: Vec<DocId> = r.iter().chain(&target).copied().collect();
            all.sort_unstable();
            all.dedup();
            all
        });
        self.run(|f| {
            f.with_corpus(load.as_deref(), |c| {
                analyze::keyness(
                    &c.select(Some(&target)),
                    &c.select(reference),
                    &analyze::KeynessOptions::default(),
                )
            })
        })
    }

    /// Monthly frequencies (as [`Engine::trends`]).
    pub fn trends(
        &mut self,
        terms: Vec<String>,
        ids: Option<Vec<DocId>>,
    ) -> Result<JsValue, JsError> {
        let ids = ids.as_deref();
        let terms: Vec<&str> = terms.iter().map(String::as_str).collect();
        self.run(|f| f.with_corpus(ids, |c| analyze::trends(&c.select(ids), &terms)))
    }
}

/// Exports only the benchmarks call (`bench/`): built with the `bench-api`
/// feature by `make bench`, absent from the shipping wasm.
#[cfg(feature = "bench-api")]
#[wasm_bindgen]
impl Engine {
    /// Adds a document from plain fields (title, body), without extraction;
    /// returns its id.
    #[wasm_bindgen(js_name = addPlain)]
    pub fn add_plain(&mut self, file: &str, title: &str, body: &str) -> DocId {
        self.corpus.add_plain(file, title, body)
    }

    /// Index size figures: {docs, terms, words, postings_bytes, memory_bytes}.
    #[wasm_bindgen(js_name = indexStats)]
    pub fn index_stats(&self) -> Result<JsValue, JsError> {
        to_js(&self.corpus.index().stats())
    }

    /// The search index as bytes (to store beside the documents).
    #[wasm_bindgen(js_name = indexBytes)]
    pub fn index_bytes(&self) -> Vec<u8> {
        self.corpus.index_bytes()
    }
}

/// The engine's limits, for the page to read once at start instead of
/// copying them: `{maxFileBytes, maxAlignDocs}` (the largest file one import
/// takes, [`crate::doc::MAX_FILE_BYTES`]; the most documents aligned in one
/// comparison before it splits by story, [`crate::MAX_ALIGN_DOCS`]).
#[wasm_bindgen]
pub fn limits() -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Limits {
        max_file_bytes: u64,
        max_align_docs: usize,
    }
    to_js(&Limits {
        max_file_bytes: crate::doc::MAX_FILE_BYTES,
        max_align_docs: crate::MAX_ALIGN_DOCS,
    })
}
