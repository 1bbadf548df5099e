//! Several corpus files, and the tab's own corpus, searched as one.
//!
//! A corpus too big for one build is built as shards (one `lede build`
//! each) and explored as one; the page searches the documents imported on
//! top of an opened file together with it. [`Shards`] holds the opened
//! files in order. A document's id in the union is its id in its file plus
//! the id slots (dead ones included) of the files before it; the
//! in-memory corpus, when one is given, comes after the last file.
//!
//! A search runs in two passes. Each shard first gives its
//! [`Vocabulary`] of the query (a file loads the dictionary entries of the
//! query's words to do so). Then each shard is searched with the
//! statistics of all ([`crate::index::globals`]: document count, average
//! field lengths, each term's document frequency summed), so every
//! document gets the score it would have in one index of all the shards,
//! and the shards' pages are merged in the order of the search. Totals
//! are added, facets merged ([`Facets::merge`]), notes kept once; a note
//! that a word is not found is kept only when no shard found it.

use super::{CorpusFile, Source, Step, StoredDoc};
use crate::corpus::Corpus;
use crate::error::Result;
use crate::index::{globals, DocId};
use crate::query::{Facets, Hit, SearchOptions, SearchResults, Sort};

/// The outcome of a step over several files: done, or file `file` needs
/// these byte ranges supplied to its source before the step is run again.
#[derive(Debug)]
pub enum ShardStep<T> {
    Done(T),
    Need {
        file: usize,
        ranges: Vec<(u64, u64)>,
    },
}

/// Where a document id of the union lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Located {
    /// File `.0`, under id `.1` there.
    File(usize, DocId),
    /// The in-memory corpus, under this id there.
    Memory(DocId),
}

/// Opened corpus files searched as one.
#[derive(Debug)]
pub struct Shards<S> {
    files: Vec<CorpusFile<S>>,
}

impl<S> Default for Shards<S> {
    fn default() -> Shards<S> {
        Shards { files: Vec::new() }
    }
}

/// Notes that say a word was not found in one shard: true of the union
/// only when every shard says them.
fn says_missing(note: &str) -> bool {
    [
        "no document contains",
        "no document has",
        "no word starts with",
    ]
    .iter()
    .any(|p| note.starts_with(p))
}

impl<S: Source> Shards<S> {
    /// No file.
    pub fn new() -> Shards<S> {
        Shards::default()
    }

    /// Adds a file after the others.
    pub fn push(&mut self, file: CorpusFile<S>) {
        self.files.push(file);
    }

    /// Closes file `i` (the ids of the files after it move down).
    pub fn remove(&mut self, i: usize) -> Option<CorpusFile<S>> {
        (i < self.files.len()).then(|| self.files.remove(i))
    }

    /// The files, in order.
    pub fn files(&self) -> &[CorpusFile<S>] {
        &self.files
    }

    /// File `i`.
    pub fn file_mut(&mut self, i: usize) -> Option<&mut CorpusFile<S>> {
        self.files.get_mut(i)
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file is open.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Live documents in all files.
    pub fn live(&self) -> usize {
        self.files.iter().map(|f| f.len()).sum()
    }

    /// The union id of file `i`'s document 0 (`i == len()`: of the
    /// in-memory corpus's).
    pub fn base(&self, i: usize) -> DocId {
        self.files
            .iter()
            .take(i)
            .map(|f| f.header().docs)
            .sum::<DocId>()
    }

    /// Where union id `id` lives.
    pub fn locate(&self, id: DocId) -> Located {
        let mut base = 0;
        for (i, f) in self.files.iter().enumerate() {
            let n = f.header().docs;
            if id < base + n {
                return Located::File(i, id - base);
            }
            base += n;
        }
        Located::Memory(id - base)
    }

    /// Runs `query` over every file and `memory` (when it holds
    /// documents) as over one index; hit ids are union ids.
    pub fn search(
        &mut self,
        memory: Option<&mut Corpus>,
        query: &str,
        opts: &SearchOptions,
    ) -> Result<ShardStep<SearchResults>> {
        let mut memory = memory.filter(|c| !c.is_empty());
        // One shard: its own search, exactly as before.
        match (self.files.len(), memory.as_deref_mut()) {
            (0, Some(c)) => return Ok(ShardStep::Done(c.search(query, opts))),
            (1, None) => {
                return Ok(match self.files[0].search(query, opts)? {
                    Step::Done(r) => ShardStep::Done(r),
                    Step::Need(ranges) => ShardStep::Need { file: 0, ranges },
                })
            }
            (0, None) => return Ok(ShardStep::Done(SearchResults::default())),
            _ => {}
        }
        let mut vocabularies = Vec::with_capacity(self.files.len() + 1);
        for (file, f) in self.files.iter_mut().enumerate() {
            match f.vocabulary(query)? {
                Step::Done(v) => vocabularies.push(v),
                Step::Need(ranges) => return Ok(ShardStep::Need { file, ranges }),
            }
        }
        if let Some(c) = memory.as_deref() {
            vocabularies.push(c.vocabulary(query));
        }
        let mut globals = globals(&vocabularies).into_iter();
        // Each shard's first `offset + limit` hits hold the union's page.
        let each = SearchOptions {
            limit: (opts.offset + opts.limit).min(1000),
            offset: 0,
            ..opts.clone()
        };
        let mut parts = Vec::with_capacity(vocabularies.len());
        let mut base = 0;
        for (file, f) in self.files.iter_mut().enumerate() {
            let global = globals.next().unwrap_or_default();
            match f.search_global(query, &each, global)? {
                Step::Done(r) => parts.push((base, r)),
                Step::Need(ranges) => return Ok(ShardStep::Need { file, ranges }),
            }
            base += f.header().docs;
        }
        if let Some(c) = memory {
            let global = globals.next().unwrap_or_default();
            parts.push((base, c.search_global(query, &each, global)));
        }
        Ok(ShardStep::Done(merge(parts, opts)))
    }

    /// Every document matching `query` in the files and `memory`, in
    /// union id order.
    pub fn matching(
        &mut self,
        memory: Option<&Corpus>,
        query: &str,
    ) -> Result<ShardStep<Vec<DocId>>> {
        let mut out = Vec::new();
        let mut base = 0;
        for (file, f) in self.files.iter_mut().enumerate() {
            match f.matching(query)? {
                Step::Done(ids) => out.extend(ids.into_iter().map(|d| d + base)),
                Step::Need(ranges) => return Ok(ShardStep::Need { file, ranges }),
            }
            base += f.header().docs;
        }
        if let Some(c) = memory {
            out.extend(c.matching(query).into_iter().map(|d| d + base));
        }
        Ok(ShardStep::Done(out))
    }

    /// Document `id` of a file with its extraction (`None`: no such
    /// document in the files; see [`Shards::locate`] for the in-memory
    /// corpus's).
    pub fn document(&mut self, id: DocId) -> Result<ShardStep<Option<StoredDoc>>> {
        match self.locate(id) {
            Located::File(file, local) => Ok(match self.files[file].document(local)? {
                Step::Done(d) => ShardStep::Done(d),
                Step::Need(ranges) => ShardStep::Need { file, ranges },
            }),
            Located::Memory(_) => Ok(ShardStep::Done(None)),
        }
    }
}

/// The order of the search: score (ties by id), or date first.
fn order(sort: Sort) -> impl Fn(&Hit, &Hit) -> std::cmp::Ordering {
    move |a: &Hit, b: &Hit| {
        let by_score = b.score.total_cmp(&a.score).then(a.id.cmp(&b.id));
        let by_date = match (&a.date, &b.date) {
            (Some(x), Some(y)) if sort == Sort::Date => y.cmp(x),
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        };
        match sort {
            Sort::Relevance => by_score,
            Sort::Date | Sort::DateAsc => by_date.then(by_score),
        }
    }
}

/// The union's results from each shard's (under its base id).
fn merge(parts: Vec<(DocId, SearchResults)>, opts: &SearchOptions) -> SearchResults {
    let shards = parts.len();
    let query = parts.first().map(|p| p.1.query.clone()).unwrap_or_default();
    let mut total = 0;
    let mut hits = Vec::new();
    let mut facets = Vec::with_capacity(shards);
    let mut notes: Vec<(String, usize)> = Vec::new();
    for (base, r) in parts {
        total += r.total;
        hits.extend(r.hits.into_iter().map(|mut h| {
            h.id += base;
            h
        }));
        facets.push(r.facets);
        for n in r.notes {
            match notes.iter_mut().find(|e| e.0 == n) {
                Some(e) => e.1 += 1,
                None => notes.push((n, 1)),
            }
        }
    }
    hits.sort_by(order(opts.sort));
    let hits = hits
        .into_iter()
        .skip(opts.offset)
        .take(opts.limit.min(1000))
        .collect();
    SearchResults {
        query,
        notes: notes
            .into_iter()
            .filter(|(n, seen)| *seen == shards || !says_missing(n))
            .map(|e| e.0)
            .collect(),
        total,
        hits,
        facets: if opts.facets {
            Facets::merge(facets)
        } else {
            Facets::default()
        },
    }
}
