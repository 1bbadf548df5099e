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
//!
//! The views are each shard's (a file's stored view, or computed over the
//! documents asked for), their document ids moved to union ids, then
//! merged: the document list and the timeline's events are joined (the
//! events by date), people of the same name are one person (spellings,
//! roles, outlets and documents joined, counts added); statements and
//! stories are found within each shard, not across shards (a statement
//! told by a document of one file and one of another is two statements),
//! and listed together, best first; so are the flags of the statement
//! trails ([`Shards::flags`]; a `flag:` search over several shards says
//! so in its notes). Over [`WHOLE_VIEW_DOCS`] documents
//! a view needs a search: it is computed on the documents found (at most
//! [`SCOPED_VIEW_DOCS`]), never merged from the whole corpus's.

use serde_json::{Map, Value};

use super::read::StoredItem;
use super::{CorpusFile, Source, Step, StoredDoc};
use crate::analyze::Flags;
use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::extract::entities::same_person;
use crate::index::{globals, DocId};
use crate::query::{Facets, Hit, SearchOptions, SearchResults, Sort};

/// The outcome of a step over several files: done, or these files need
/// these byte ranges supplied to their sources before the step is run
/// again: `(file, ranges)`, every file that needs something at once, so a
/// step takes as many rounds of reads as one file would.
#[derive(Debug)]
pub enum ShardStep<T> {
    Done(T),
    Need(Vec<(usize, Vec<(u64, u64)>)>),
}

/// `Need` of the collected needs, when there are any.
macro_rules! need_all {
    ($needs:expr) => {
        if !$needs.is_empty() {
            return Ok(ShardStep::Need($needs));
        }
    };
}

/// Decoded documents each file keeps at least, however many share the
/// budget: a page of hits falls in one file or is spread over many.
const MIN_SHARD_DOCS: usize = 64;

/// What a `flag:` search over several shards says: each shard's flags
/// were found by aligning its own documents.
const FLAGS_WITHIN: &str =
    "flags are found within each corpus file segment (and the tab's own documents), not across them";

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
    /// [`WHOLE_VIEW_DOCS`] and [`SCOPED_VIEW_DOCS`] (other values in tests).
    view_limits: (usize, usize),
    /// [`WHOLE_VIEW_BYTES`] (another value in tests).
    view_bytes: u64,
}

impl<S> Default for Shards<S> {
    fn default() -> Shards<S> {
        Shards {
            files: Vec::new(),
            view_limits: (WHOLE_VIEW_DOCS, SCOPED_VIEW_DOCS),
            view_bytes: WHOLE_VIEW_BYTES,
        }
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

    /// Sets the sizes above which views need a search, and the most
    /// documents a search may give a view (see [`WHOLE_VIEW_DOCS`]).
    pub fn set_view_limits(&mut self, whole: usize, scoped: usize) {
        self.view_limits = (whole, scoped);
    }

    /// Sets the most bytes of stored views (timelines, people) the whole
    /// corpus's timeline or people may come from (see
    /// [`WHOLE_VIEW_BYTES`]).
    pub fn set_whole_view_bytes(&mut self, bytes: u64) {
        self.view_bytes = bytes;
    }

    /// Shares one budget of index bytes and decoded documents out among
    /// the files (a million documents in 24 segments keep what one file
    /// would, not 24 times that).
    fn share_budget(&mut self) {
        let n = self.files.len().max(1);
        for f in &mut self.files {
            f.set_budget(
                super::read::INDEX_BUDGET / n,
                (super::read::DOC_CACHE_DOCS / n).max(MIN_SHARD_DOCS),
            );
        }
    }

    /// Adds a file after the others.
    pub fn push(&mut self, file: CorpusFile<S>) {
        self.files.push(file);
    }

    /// Adds a file before file `i` (after the others when `i` is past
    /// them); the ids of the files after it move up.
    pub fn insert(&mut self, i: usize, file: CorpusFile<S>) {
        self.files.insert(i.min(self.files.len()), file);
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

    /// Hides, in the shards `which`, every document whose text a shard of
    /// another file (segments of one file share its directory) listed
    /// earlier in `which` holds too: files opened side by side count,
    /// list and show a shared article once, as a file merged from them
    /// does (`lede merge`), under the first file's id. Shows first what an
    /// earlier call hid (call it again whenever a file comes or goes).
    /// Reads the shards' `prints` (nothing when `which` covers one file);
    /// returns how many documents each shard of `which` hides.
    pub fn hide_copies(&mut self, which: &[usize]) -> Result<ShardStep<Vec<usize>>> {
        if which.iter().any(|&k| k >= self.files.len()) {
            return Err(Error::Other {
                message: "no such corpus file segment".into(),
            });
        }
        // Each shard's file: the first shard in `which` sharing its members.
        let file_of: Vec<usize> = which
            .iter()
            .map(|&k| {
                which
                    .iter()
                    .position(|&j| self.files[j].same_file(&self.files[k]))
                    .unwrap_or(0)
            })
            .collect();
        for &k in which {
            self.files[k].reveal();
        }
        if which.is_empty() {
            return Ok(ShardStep::Done(Vec::new()));
        }
        if file_of.iter().all(|&f| f == file_of[0]) {
            return Ok(ShardStep::Done(vec![0; which.len()]));
        }
        let mut lists = Vec::with_capacity(which.len());
        let mut needs = Vec::new();
        for &k in which {
            match self.files[k].print_list() {
                Ok(Step::Done(v)) => lists.push(v),
                Ok(Step::Need(ranges)) => needs.push((k, ranges)),
                // Damaged prints: this shard's articles are not compared
                // (counted in it as well), the files stay usable.
                Err(_) => lists.push(Vec::new()),
            }
        }
        need_all!(needs);
        let mut first: rustc_hash::FxHashMap<u64, usize> = rustc_hash::FxHashMap::default();
        let mut hidden = Vec::with_capacity(which.len());
        for ((&k, &file), list) in which.iter().zip(&file_of).zip(lists) {
            let copies: Vec<DocId> = list
                .into_iter()
                .filter(|&(_, print)| *first.entry(print).or_insert(file) != file)
                .map(|(id, _)| id)
                .collect();
            hidden.push(self.files[k].hide(&copies));
        }
        Ok(ShardStep::Done(hidden))
    }

    /// Runs `query` over every file and `memory` (when it holds
    /// documents) as over one index; hit ids are union ids.
    pub fn search(
        &mut self,
        memory: Option<&mut Corpus>,
        query: &str,
        opts: &SearchOptions,
    ) -> Result<ShardStep<SearchResults>> {
        self.share_budget();
        let mut memory = memory.filter(|c| !c.is_empty());
        // One shard: its own search, exactly as before.
        match (self.files.len(), memory.as_deref_mut()) {
            (0, Some(c)) => return Ok(ShardStep::Done(c.search(query, opts))),
            (1, None) => {
                return Ok(match self.files[0].search(query, opts)? {
                    Step::Done(r) => ShardStep::Done(r),
                    Step::Need(ranges) => ShardStep::Need(vec![(0, ranges)]),
                })
            }
            (0, None) => return Ok(ShardStep::Done(SearchResults::default())),
            _ => {}
        }
        let mut vocabularies = Vec::with_capacity(self.files.len() + 1);
        let mut needs = Vec::new();
        for (file, f) in self.files.iter_mut().enumerate() {
            match f.vocabulary(query)? {
                Step::Done(v) => vocabularies.push(v),
                Step::Need(ranges) => needs.push((file, ranges)),
            }
        }
        need_all!(needs);
        if let Some(c) = memory.as_deref() {
            vocabularies.push(c.vocabulary(query));
        }
        let all_globals = globals(&vocabularies);
        let mut globals = all_globals.clone().into_iter();
        // Each shard's first `offset + limit` hits hold the union's page:
        // asked for bare (id, score, date: no document is read), merged,
        // then each shard is asked again for its hits on the union's page
        // whole (titles, snippets): the documents read are the page's.
        let each = SearchOptions {
            limit: (opts.offset + opts.limit).min(1000),
            offset: 0,
            snippets: false,
            bare: true,
            // The facets' budget of documents, shared out.
            facet_docs: Some(
                (opts.facet_docs.unwrap_or(crate::query::PARTIAL_FACET_DOCS)
                    / vocabularies.len().max(1))
                .max(10),
            ),
            ..opts.clone()
        };
        let mut parts = Vec::with_capacity(vocabularies.len());
        let mut base = 0;
        let mut needs = Vec::new();
        for (file, f) in self.files.iter_mut().enumerate() {
            let global = globals.next().unwrap_or_default();
            match f.search_global(query, &each, global)? {
                Step::Done(r) => parts.push((base, r)),
                Step::Need(ranges) => needs.push((file, ranges)),
            }
            base += f.header().docs;
        }
        need_all!(needs);
        let memory_base = base;
        if let Some(c) = memory.as_deref_mut() {
            let global = globals.next().unwrap_or_default();
            parts.push((base, c.search_global(query, &each, global)));
        }
        // Where each shown hit is in its shard's list: a run of it.
        let ranks: Vec<Vec<DocId>> = parts
            .iter()
            .map(|(_, r)| r.hits.iter().map(|h| h.id).collect())
            .collect();
        let bases: Vec<DocId> = parts.iter().map(|p| p.0).collect();
        let mut merged = merge(parts, opts);
        if crate::query::filters_by(query, crate::Field::Flag) {
            merged.notes.push(FLAGS_WITHIN.into());
        }
        if merged.hits.is_empty() {
            return Ok(ShardStep::Done(merged));
        }
        let mut runs: Vec<Option<(usize, usize)>> = vec![None; ranks.len()];
        for h in &merged.hits {
            let k = bases.iter().rposition(|&b| b <= h.id).unwrap_or(0);
            if let Some(at) = ranks[k].iter().position(|&id| id + bases[k] == h.id) {
                let r = runs[k].get_or_insert((at, at));
                *r = (r.0.min(at), r.1.max(at));
            }
        }
        let mut shown = Vec::new();
        let mut needs = Vec::new();
        for (k, run) in runs.iter().enumerate() {
            let Some((lo, hi)) = *run else { continue };
            let page = SearchOptions {
                offset: lo,
                limit: hi - lo + 1,
                facets: false,
                facet_docs: None,
                snippets: opts.snippets,
                bare: false,
                ..each.clone()
            };
            let global = all_globals.get(k).cloned().unwrap_or_default();
            if k < self.files.len() {
                match self.files[k].search_global(query, &page, global)? {
                    Step::Done(r) => shown.push((bases[k], r)),
                    Step::Need(ranges) => needs.push((k, ranges)),
                }
            } else if let Some(c) = memory.as_deref_mut() {
                shown.push((memory_base, c.search_global(query, &page, global)));
            }
        }
        need_all!(needs);
        let mut whole: rustc_hash::FxHashMap<DocId, Hit> = rustc_hash::FxHashMap::default();
        for (base, r) in shown {
            for mut h in r.hits {
                h.id += base;
                whole.insert(h.id, h);
            }
        }
        // A hit whose document could not be read (a damaged block) is
        // left out, as a single file's search leaves it out.
        merged.hits = merged
            .hits
            .into_iter()
            .filter_map(|h| {
                whole.remove(&h.id).map(|w| Hit {
                    score: h.score,
                    ..w
                })
            })
            .collect();
        Ok(ShardStep::Done(merged))
    }

    /// Every document matching `query` in the files and `memory`, in
    /// union id order.
    pub fn matching(
        &mut self,
        memory: Option<&Corpus>,
        query: &str,
    ) -> Result<ShardStep<Vec<DocId>>> {
        self.share_budget();
        let mut out = Vec::new();
        let mut base = 0;
        let mut needs = Vec::new();
        for (file, f) in self.files.iter_mut().enumerate() {
            match f.matching(query)? {
                Step::Done(ids) => out.extend(ids.into_iter().map(|d| d + base)),
                Step::Need(ranges) => needs.push((file, ranges)),
            }
            base += f.header().docs;
        }
        need_all!(needs);
        if let Some(c) = memory {
            out.extend(c.matching(query).into_iter().map(|d| d + base));
        }
        Ok(ShardStep::Done(out))
    }

    /// The flags of every shard's statement trails under union ids
    /// (each file segment's as stored or gathered, `memory`'s when known:
    /// [`Corpus::flags_known`]), found within each shard, not across; and
    /// whether every
    /// shard's are in (a segment that does not store them adds none until
    /// a `flag:` search gathered them: nothing is aligned here).
    pub fn flags(&self, memory: Option<&Corpus>) -> (Flags, bool) {
        let mut parts = Vec::with_capacity(self.files.len() + 1);
        let mut base = 0;
        let mut complete = true;
        for f in &self.files {
            match f.flags() {
                Some(flags) => {
                    let mut flags = flags.clone();
                    // Not the flags of copies hidden here (`hide_copies`).
                    flags.notes.retain(|n| f.is_live(n.doc));
                    parts.push((base, flags));
                }
                None => complete = false,
            }
            base += f.header().docs;
        }
        if let Some(c) = memory.filter(|c| !c.is_empty()) {
            match c.flags_known() {
                Some(flags) => parts.push((base, flags.clone())),
                None => complete = false,
            }
        }
        (Flags::merge(parts), complete)
    }

    /// Document `id` with its extraction (`None`: no such document).
    pub fn document(
        &mut self,
        id: DocId,
        memory: Option<&Corpus>,
    ) -> Result<ShardStep<Option<StoredDoc>>> {
        self.share_budget();
        match self.locate(id) {
            Located::File(file, local) => Ok(match self.files[file].document(local)? {
                Step::Done(d) => ShardStep::Done(d),
                Step::Need(ranges) => ShardStep::Need(vec![(file, ranges)]),
            }),
            Located::Memory(local) => {
                Ok(ShardStep::Done(memory.and_then(|c| {
                    Some((c.get(local)?.clone(), c.extraction(local).cloned()))
                })))
            }
        }
    }

    /// What the reader marks in document `id` (see
    /// [`Corpus::annotations`]), speakers named as across its shard.
    pub fn annotations(
        &mut self,
        id: DocId,
        memory: Option<&Corpus>,
    ) -> Result<ShardStep<Option<crate::Annotations>>> {
        self.share_budget();
        match self.locate(id) {
            Located::File(file, local) => Ok(match self.files[file].annotations(local)? {
                Step::Done(d) => ShardStep::Done(d),
                Step::Need(ranges) => ShardStep::Need(vec![(file, ranges)]),
            }),
            Located::Memory(local) => {
                Ok(ShardStep::Done(memory.and_then(|c| c.annotations(local))))
            }
        }
    }

    /// Runs `f` on [`Shards::corpus`] of `ids`.
    pub fn with_corpus<T>(
        &mut self,
        ids: Option<&[DocId]>,
        memory: Option<&Corpus>,
        f: impl FnOnce(&Corpus) -> T,
    ) -> Result<ShardStep<T>> {
        Ok(match self.corpus(ids, memory)? {
            ShardStep::Done(c) => ShardStep::Done(f(&c)),
            ShardStep::Need(needs) => ShardStep::Need(needs),
        })
    }

    /// The documents `ids` (all when `None`) of the files and `memory`,
    /// as one in-memory [`Corpus`] under their union ids, names merged
    /// over them: what the analyses that read text run on.
    pub fn corpus(
        &mut self,
        ids: Option<&[DocId]>,
        memory: Option<&Corpus>,
    ) -> Result<ShardStep<Corpus>> {
        self.share_budget();
        // Reading the documents is bounded as the views are.
        let total = self.live() + memory.map_or(0, |c| c.len());
        let (whole, scoped) = self.view_limits;
        match ids {
            None if total > whole => {
                return Err(Error::Other {
                    message: format!(
                        "{} documents are more than this analysis reads at once: \
                         search first, and it covers the documents found (at most {})",
                        thousands(total),
                        thousands(scoped)
                    ),
                })
            }
            Some(ids) if total > whole && ids.len() > scoped => {
                return Err(Error::Other {
                    message: format!(
                    "the search matches {} documents; narrow it to {} or fewer for this analysis",
                    thousands(ids.len()),
                    thousands(scoped)
                ),
                })
            }
            _ => {}
        }
        let (items, tags) = match self.items(ids, memory)? {
            ShardStep::Done(x) => x,
            ShardStep::Need(needs) => return Ok(ShardStep::Need(needs)),
        };
        let mut corpus = Corpus::from_stored_unnamed(items);
        corpus.set_tags(tags);
        Ok(ShardStep::Done(corpus))
    }

    /// The documents `ids` (union ids; all when `None`) of the files and
    /// `memory` with their extractions, under their union ids in order, and
    /// every part's tags (keyed by text, not by id: they merge as they are).
    fn items(
        &mut self,
        ids: Option<&[DocId]>,
        memory: Option<&Corpus>,
    ) -> Result<ShardStep<(Vec<StoredItem>, crate::tags::Tags)>> {
        let bases: Vec<DocId> = (0..=self.files.len()).map(|i| self.base(i)).collect();
        let mut items = Vec::new();
        let mut needs = Vec::new();
        let mut tags = crate::tags::Tags::default();
        for (file, f) in self.files.iter_mut().enumerate() {
            let ids = local_ids(&bases, file, ids);
            if ids.as_ref().is_some_and(Vec::is_empty) {
                continue;
            }
            match f.documents(ids.as_deref())? {
                Step::Done(v) if needs.is_empty() => {
                    tags.merge(&f.tags_now());
                    items.extend(v.into_iter().map(|(id, d, e)| (id + bases[file], d, e)));
                }
                Step::Done(_) => {}
                Step::Need(ranges) => needs.push((file, ranges)),
            }
        }
        need_all!(needs);
        if let Some(c) = memory {
            let base = bases[self.files.len()];
            let mut only = local_ids(&bases, self.files.len(), ids);
            if let Some(only) = &mut only {
                only.sort_unstable();
            }
            tags.merge(c.tags());
            for (id, d) in c.iter() {
                if only.as_ref().is_none_or(|o| o.binary_search(&id).is_ok()) {
                    items.push((id + base, d.clone(), c.extraction(id).cloned()));
                }
            }
        }
        Ok(ShardStep::Done((items, tags)))
    }

    /// The documents `ids` (union ids, sorted) as [`Shards::corpus`] gives
    /// them, but under ids 0, 1, 2, … in their order, with the union id of
    /// each: a corpus holds a slot for every id below its largest, so a
    /// search's documents of a file of a million slots would hold a
    /// million empty ones (hundreds of megabytes) under their union ids.
    fn dense_corpus(
        &mut self,
        ids: &[DocId],
        memory: Option<&Corpus>,
    ) -> Result<ShardStep<(Corpus, Vec<DocId>)>> {
        let (items, tags) = match self.items(Some(ids), memory)? {
            ShardStep::Done(x) => x,
            ShardStep::Need(needs) => return Ok(ShardStep::Need(needs)),
        };
        let union: Vec<DocId> = items.iter().map(|x| x.0).collect();
        let dense = items
            .into_iter()
            .enumerate()
            .map(|(i, (_, d, e))| (i as DocId, d, e))
            .collect();
        let mut corpus = Corpus::from_stored_unnamed(dense);
        corpus.set_tags(tags);
        Ok(ShardStep::Done((corpus, union)))
    }
}

/// View `name` over `ids` of `c` (all when `None`).
pub(super) fn compute(name: &str, c: &Corpus, ids: Option<&[DocId]>) -> Result<Value> {
    let v = match name {
        "people" => serde_json::to_value(c.people()),
        "timeline" => serde_json::to_value(c.timeline(ids)),
        "statements" => serde_json::to_value(c.statements(ids)),
        "stories" => serde_json::to_value(crate::analyze::stories(
            &c.select(ids),
            &crate::analyze::StoryOptions::default(),
        )),
        _ => {
            return Err(Error::Other {
                message: format!("no view named {name}"),
            })
        }
    };
    v.map_err(|e| Error::Other {
        message: e.to_string(),
    })
}

/// Moves the document ids in a view (`doc` numbers, `docs` lists of
/// numbers, at any depth) up by `base`.
pub(super) fn shift(v: &mut Value, base: DocId) {
    remap(v, &|n| n + base as u64);
}

/// Replaces each document id `n` in a view (`doc` numbers, `docs` lists
/// of numbers, at any depth) with `to(n)`.
fn remap(v: &mut Value, to: &dyn Fn(u64) -> u64) {
    let up = |x: &mut Value| {
        if let Some(n) = x.as_u64() {
            *x = Value::from(to(n));
        }
    };
    match v {
        Value::Array(a) => a.iter_mut().for_each(|x| remap(x, to)),
        Value::Object(o) => {
            for (k, x) in o.iter_mut() {
                match (k.as_str(), x) {
                    ("doc", x @ Value::Number(_)) => up(x),
                    ("docs", Value::Array(a)) if a.iter().all(Value::is_number) => {
                        a.iter_mut().for_each(up)
                    }
                    (_, x) => remap(x, to),
                }
            }
        }
        _ => {}
    }
}

fn count(v: &Value, key: &str) -> u64 {
    v.get(key).and_then(Value::as_u64).unwrap_or(0)
}

/// Joins `b`'s strings under `key` into `a`'s, each once.
fn join_strings(a: &mut Map<String, Value>, b: &Value, key: &str) {
    let Some(Value::Array(into)) = a.get_mut(key) else {
        return;
    };
    for x in b.get(key).and_then(Value::as_array).into_iter().flatten() {
        if !into.contains(x) {
            into.push(x.clone());
        }
    }
}

/// The people views of several shards as one: a person of one shard is
/// the person of another that has the same name or an unambiguous
/// spelling. Each shard has already told its people apart, so two people
/// of one shard never become one here, and a spelling that two people of a
/// shard share ("Blair": Tony Blair, Cherie Blair, and a "Blair" the shard
/// could not tell) or that two people of different shards claim links no
/// one by itself.
fn merge_people(parts: Vec<Value>) -> Value {
    let mut out: Vec<Value> = Vec::new();
    // The shards each merged person has taken a person from.
    let mut from: Vec<Vec<usize>> = Vec::new();
    // A name or spelling → the merged person it names; `None` once two
    // merged people claim it.
    let mut at: rustc_hash::FxHashMap<String, Option<usize>> = Default::default();
    for (shard, part) in parts.into_iter().enumerate() {
        let people = match part {
            Value::Array(a) => a,
            _ => Vec::new(),
        };
        // Each person's names, read once (a name's key is parsed).
        let named: Vec<Vec<String>> = people.iter().map(names_of).collect();
        let mut claims: rustc_hash::FxHashMap<&str, usize> = Default::default();
        for n in named.iter().flatten() {
            *claims.entry(n).or_default() += 1;
        }
        for (p, names) in people.into_iter().zip(&named) {
            // Its name first (a shard's people have distinct names), then
            // the spellings no other person of its shard has.
            let own = p
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_lowercase();
            let names: Vec<String> = names
                .iter()
                .filter(|n| **n == own || claims.get(n.as_str()) == Some(&1))
                .cloned()
                .collect();
            // A person another shard names alike, when the two names can
            // denote one person ("Ivan Lavrov" is not "Sergey Lavrov",
            // whatever spelling they share).
            let name = p.get("name").and_then(Value::as_str).unwrap_or("");
            let found = names
                .iter()
                .filter_map(|n| at.get(n).copied().flatten())
                .find(|&i| {
                    !from[i].contains(&shard)
                        && same_person(
                            name,
                            out[i].get("name").and_then(Value::as_str).unwrap_or(""),
                        )
                });
            let i = found.unwrap_or(out.len());
            for n in names {
                match at.get(&n) {
                    None => {
                        at.insert(n, Some(i));
                    }
                    Some(Some(j)) if *j != i => {
                        at.insert(n, None);
                    }
                    _ => {}
                }
            }
            match found {
                Some(i) => {
                    absorb(&mut out[i], p);
                    from[i].push(shard);
                }
                None => {
                    out.push(p);
                    from.push(vec![shard]);
                }
            }
        }
    }
    // A surname alone ("Blinken") is the one person of several words
    // with that surname ("Antony Blinken"), when there is exactly one.
    let words = |p: &Value| {
        let name = p.get("name").and_then(Value::as_str).unwrap_or("");
        let last = name.split_whitespace().last().unwrap_or("").to_lowercase();
        (name.split_whitespace().count(), last)
    };
    // People of several words by surname (they are never merged here).
    let mut fuller: rustc_hash::FxHashMap<String, Vec<usize>> = Default::default();
    for (j, p) in out.iter().enumerate() {
        let (m, last) = words(p);
        if m > 1 {
            fuller.entry(last).or_default().push(j);
        }
    }
    let mut merged = vec![false; out.len()];
    for i in 0..out.len() {
        let (n, last) = words(&out[i]);
        if n > 1 || last.is_empty() {
            continue;
        }
        if let Some(&[j]) = fuller.get(&last).map(Vec::as_slice) {
            let p = std::mem::take(&mut out[i]);
            absorb(&mut out[j], p);
            merged[i] = true;
        }
    }
    let mut out: Vec<Value> = out
        .into_iter()
        .zip(merged)
        .filter_map(|(p, m)| (!m).then_some(p))
        .collect();
    for p in out.iter_mut().filter_map(Value::as_object_mut) {
        tidy_person(p);
    }
    out.sort_by(|x, y| {
        count(y, "quote_count")
            .cmp(&count(x, "quote_count"))
            .then(count(y, "mentions").cmp(&count(x, "mentions")))
    });
    out.truncate(crate::views::MAX_PEOPLE);
    Value::Array(out)
}

/// Adds person `p` of another shard to `into`, the same person.
fn absorb(into: &mut Value, p: Value) {
    let Some(a) = into.as_object_mut() else {
        return;
    };
    // The fuller name names the person ("Antony Blinken", not
    // "Blinken"); the other becomes a spelling.
    let (old, new) = (
        a.get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        p.get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
    );
    // (A name as a document wrote it, capitalized: not "the Lord
    // Chancellor Lord Falconer" for "Lord Falconer".)
    if new.split_whitespace().count() > old.split_whitespace().count()
        && new.chars().next().is_some_and(char::is_uppercase)
    {
        a.insert("name".into(), Value::from(new.clone()));
    }
    let shown = a
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if let Some(Value::Array(al)) = a.get_mut("aliases") {
        for n in [old, new] {
            let v = Value::from(n.as_str());
            if n != shown && !al.contains(&v) {
                al.push(v);
            }
        }
    }
    // The outlets with their quotes when both count them (views stored
    // before the counts were name the outlets only).
    match (outlet_quotes(a), p.as_object().and_then(outlet_quotes)) {
        (Some(mut mine), Some(theirs)) => {
            for (o, n) in theirs {
                match mine.iter_mut().find(|e| e.0 == o) {
                    Some(e) => e.1 += n,
                    None => mine.push((o, n)),
                }
            }
            let (outlets, quotes): (Vec<String>, Vec<u64>) = mine.into_iter().unzip();
            a.insert("outlets".into(), Value::from(outlets));
            a.insert("outlet_quotes".into(), Value::from(quotes));
        }
        _ => {
            a.remove("outlet_quotes");
            join_strings(a, &p, "outlets");
        }
    }
    for key in ["aliases", "roles"] {
        join_strings(a, &p, key);
    }
    for key in ["mentions", "quote_count", "doc_count"] {
        let n = a.get(key).and_then(Value::as_u64).unwrap_or(0) + count(&p, key);
        a.insert(key.into(), Value::from(n));
    }
    if let (Some(Value::Array(docs)), Some(more)) =
        (a.get_mut("docs"), p.get("docs").and_then(Value::as_array))
    {
        docs.extend(more.iter().cloned());
        docs.sort_by(|x, y| by_date(x, y).then(count(x, "doc").cmp(&count(y, "doc"))));
    }
}

/// The names that identify a person across shards: the name and the
/// spellings that are names (capitalized words, not "The Russian
/// diplomat") and can denote the person named ("Lavrov", "Sergei Lavrov"
/// for "Sergey Lavrov"; not a title, "President", nor another name a
/// document's coreference gave them), lower-cased.
fn names_of(p: &Value) -> Vec<String> {
    let name = p.get("name").and_then(Value::as_str).unwrap_or("");
    let aliases = p.get("aliases").and_then(Value::as_array);
    let name_like = |s: &&str| {
        !s.is_empty()
            && !s.starts_with("The ")
            && s.split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    };
    let mut out: Vec<String> = std::iter::once(name)
        .filter(name_like)
        .chain(
            aliases
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .filter(name_like)
                .filter(|a| same_person(a, name)),
        )
        .map(str::to_lowercase)
        .collect();
    // The name as its key reads it, given name next to the surname and
    // surname: "Sergei Lavrov" and "Sergey Lavrov" alike, "Assistant
    // Attorney-General Mary McCord" and "Mary McCord" (a key, never a
    // spelling: it starts with a control character).
    if let Some(k) = crate::extract::entities::name_key(name).filter(|k| !k.initials) {
        if let Some(given) = k.given.last() {
            out.push(format!("\u{1}{given}|{}", k.surname.join(" ")));
        }
    }
    out
}

/// A person's outlets with the quotes of each, when the view counts them
/// (`outlet_quotes`, one count per outlet).
fn outlet_quotes(v: &Map<String, Value>) -> Option<Vec<(String, u64)>> {
    let outlets = v.get("outlets")?.as_array()?;
    let quotes = v.get("outlet_quotes")?.as_array()?;
    (outlets.len() == quotes.len()).then(|| {
        outlets
            .iter()
            .zip(quotes)
            .map(|(o, n)| {
                (
                    o.as_str().unwrap_or("").to_string(),
                    n.as_u64().unwrap_or(0),
                )
            })
            .collect()
    })
}

/// A merged person's roles and outlets as one corpus shows them: roles
/// inside a longer one left out, outlets by their quotes, most first.
fn tidy_person(p: &mut Map<String, Value>) {
    let strings = |v: Option<&Value>| -> Vec<String> {
        v.and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect()
    };
    let roles = crate::views::display_roles(&strings(p.get("roles")));
    p.insert("roles".into(), Value::from(roles));
    let counted: Option<Vec<(String, usize)>> =
        outlet_quotes(p).map(|pairs| pairs.into_iter().map(|(o, n)| (o, n as usize)).collect());
    let mut outlets = counted.unwrap_or_else(|| {
        // A view stored before the outlets were counted: counted from its
        // documents' quotes.
        let mut outlets: Vec<(String, usize)> = Vec::new();
        for d in p
            .get("docs")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let n = d
                .get("quotes")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            let o = d
                .get("outlet")
                .and_then(Value::as_str)
                .unwrap_or("unknown outlet")
                .to_string();
            match outlets.iter_mut().find(|e| e.0 == o) {
                Some(e) => e.1 += n,
                None => outlets.push((o, n)),
            }
        }
        outlets
    });
    outlets.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    if p.contains_key("outlet_quotes") {
        let quotes: Vec<usize> = outlets.iter().map(|e| e.1).collect();
        p.insert("outlet_quotes".into(), Value::from(quotes));
    }
    let outlets: Vec<String> = outlets.into_iter().map(|e| e.0).collect();
    p.insert("outlets".into(), Value::from(outlets));
}

/// `n` with its thousands separated by commas ("20,000"), for messages.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Above this many documents, the views of several shards are not their
/// stored views merged (a million articles' timeline is 1.5 GB of JSON)
/// but computed on a search's documents.
pub const WHOLE_VIEW_DOCS: usize = 200_000;

/// At most this many documents for a view computed on a search's.
pub const SCOPED_VIEW_DOCS: usize = 20_000;

/// The whole corpus's timeline is shown when the files' stored timelines
/// hold at most this many bytes of JSON, else it is the chart of their
/// counts: every dated mention is an event with its sentence, so the
/// timeline grows with the mentions, not the documents. The ~26k articles
/// of the scale corpus store 9 MB (their timeline took the tab from 213 to
/// under 400 MB with People); 50,000 synthetic articles, dense with dates,
/// store 70 MB, and showing them took 8.8 s and 1.3 GB of tab memory
/// (150,000: 211 MB, 30 s and 3.3 GB). The same bound holds for the stored
/// people, whose quotes grow with the corpus: over it, the people are
/// listed from their counts.
pub const WHOLE_VIEW_BYTES: u64 = 24 << 20;

/// Undated (`null`) first, as `Option` orders.
fn by_date(x: &Value, y: &Value) -> std::cmp::Ordering {
    let d = |v: &Value| v.get("date").and_then(Value::as_str).map(str::to_string);
    d(x).cmp(&d(y))
}

/// Merges each shard's view `name` (already under union ids).
pub(super) fn merge_view(name: &str, parts: Vec<Value>) -> Value {
    let items = |parts: Vec<Value>, inner: Option<&str>| -> Vec<Value> {
        parts
            .into_iter()
            .flat_map(|v| {
                // Moved out, not cloned: a view holds every event.
                let v = match (inner, v) {
                    (Some(k), Value::Object(mut m)) => m.remove(k).unwrap_or(Value::Null),
                    (Some(_), _) => Value::Null,
                    (None, v) => v,
                };
                match v {
                    Value::Array(a) => a,
                    _ => Vec::new(),
                }
            })
            .collect()
    };
    match name {
        "people" => merge_people(parts),
        "timeline" => {
            let mut events = items(parts, Some("events"));
            events.sort_by(|x, y| by_date(x, y).then(count(x, "doc").cmp(&count(y, "doc"))));
            // Moved in (`json!` would copy every event through serde).
            let mut view = serde_json::Map::new();
            view.insert("events".into(), Value::Array(events));
            Value::Object(view)
        }
        "statements" => {
            let mut all = items(parts, None);
            let score = |v: &Value| v.get("score").and_then(Value::as_f64).unwrap_or(0.0);
            all.sort_by(|x, y| score(y).total_cmp(&score(x)));
            Value::Array(all)
        }
        _ => {
            // Stories: the biggest first.
            let mut all = items(parts, None);
            let size = |v: &Value| v.get("docs").and_then(Value::as_array).map_or(0, Vec::len);
            all.sort_by_key(|v| std::cmp::Reverse(size(v)));
            Value::Array(all)
        }
    }
}

impl<S: Source> Shards<S> {
    /// The timeline counts of the files and `memory` as those of one
    /// corpus; `None` when a file has none to give (none stored, and more
    /// documents than a search may give a view: see
    /// [`CorpusFile::timeline_counts`]).
    pub fn timeline_counts(
        &mut self,
        memory: Option<&Corpus>,
    ) -> Result<ShardStep<Option<crate::TimelineCounts>>> {
        Ok(match self.counts_of_each(memory)? {
            ShardStep::Need(n) => ShardStep::Need(n),
            ShardStep::Done(parts) => ShardStep::Done(parts.map(|parts| {
                crate::TimelineCounts::merge(parts.iter().map(super::counts::Decoded::to_counts))
            })),
        })
    }

    /// The timeline counts of each file and of `memory` (see
    /// [`Shards::timeline_counts`]).
    fn counts_of_each(
        &mut self,
        memory: Option<&Corpus>,
    ) -> Result<ShardStep<Option<Vec<super::counts::Decoded>>>> {
        self.each_counted(
            memory,
            |f, up_to| f.timeline_counts(up_to),
            |c| {
                let bytes = super::counts::encode(&c.timeline_counts());
                super::counts::decode(bytes, "the tab's documents")
            },
        )
    }

    /// The people counts of each file and of `memory` (see
    /// [`CorpusFile::people_counts`]); `None` when a file has none to give.
    fn people_counts_of_each(
        &mut self,
        memory: Option<&Corpus>,
    ) -> Result<ShardStep<Option<Vec<Value>>>> {
        self.each_counted(
            memory,
            |f, up_to| f.people_counts(up_to),
            |c| {
                serde_json::to_value(c.people_counts()).map_err(|e| Error::Other {
                    message: e.to_string(),
                })
            },
        )
    }

    /// What `of_file` gives of each file (a file without it stored counted
    /// when a search's documents may be that many) and `of_memory` of
    /// `memory`; `None` when a file has none to give.
    fn each_counted<T>(
        &mut self,
        memory: Option<&Corpus>,
        mut of_file: impl FnMut(&mut CorpusFile<S>, usize) -> Result<Step<Option<T>>>,
        of_memory: impl FnOnce(&Corpus) -> Result<T>,
    ) -> Result<ShardStep<Option<Vec<T>>>> {
        let mut parts = Vec::with_capacity(self.files.len() + 1);
        let mut needs = Vec::new();
        let mut missing = false;
        let count_up_to = self.view_limits.1;
        for (file, f) in self.files.iter_mut().enumerate() {
            match of_file(f, count_up_to)? {
                Step::Need(ranges) => needs.push((file, ranges)),
                Step::Done(Some(c)) => parts.push(c),
                Step::Done(None) => missing = true,
            }
        }
        need_all!(needs);
        if missing {
            return Ok(ShardStep::Done(None));
        }
        if let Some(c) = memory {
            parts.push(of_memory(c)?);
        }
        Ok(ShardStep::Done(Some(parts)))
    }

    /// View `name` (people, timeline, statements or stories) over union ids `ids` (all when
    /// `None`) of the files and `memory`, merged (see the module docs);
    /// with one file and no memory, exactly that file's view.
    pub fn view(
        &mut self,
        name: &str,
        ids: Option<&[DocId]>,
        memory: Option<&Corpus>,
    ) -> Result<ShardStep<Value>> {
        self.share_budget();
        let memory = memory.filter(|c| !c.is_empty());
        let total = self.live() + memory.map_or(0, |c| c.len());
        let (whole, scoped) = self.view_limits;
        let stored_bytes: u64 = if ids.is_none() {
            self.files.iter().map(|f| f.stored_view_bytes(name)).sum()
        } else {
            0
        };
        if name == "people" && ids.is_none() && (stored_bytes > self.view_bytes || total > whole) {
            // Too many quotes to list: every person from the counts each
            // segment stores, their quotes left to a search.
            match self.people_counts_of_each(memory)? {
                ShardStep::Need(n) => return Ok(ShardStep::Need(n)),
                ShardStep::Done(Some(parts)) => return Ok(ShardStep::Done(merge_people(parts))),
                ShardStep::Done(None) => {}
            }
        }
        let timeline_bytes = if name == "timeline" { stored_bytes } else { 0 };
        if name == "timeline"
            && ids.is_none()
            && (timeline_bytes > self.view_bytes || total > whole)
        {
            // Too many events to show: the chart of the whole corpus from
            // the counts every segment stores, and no events (a search
            // lists them).
            match self.counts_of_each(memory)? {
                ShardStep::Need(n) => return Ok(ShardStep::Need(n)),
                ShardStep::Done(Some(parts)) => {
                    return Ok(ShardStep::Done(super::counts::chart(&parts, total)));
                }
                ShardStep::Done(None) => {}
            }
        }
        if timeline_bytes > self.view_bytes {
            return Err(Error::Other {
                message: format!(
                    "the timeline of the whole corpus holds {} MB of dated mentions, more than a tab \
                     shows at once: search first, and the timeline covers the documents found (at most {} documents)",
                    timeline_bytes >> 20,
                    thousands(scoped)
                ),
            });
        }
        if total > whole {
            // Stored views of this many documents are more than a screen
            // (or a tab's memory) holds: the view covers a search's
            // documents, computed from them.
            return match ids {
                None => Err(Error::Other {
                    message: format!(
                        "{} documents are more than the {name} of the whole corpus can show: \
                         search first, and the {name} covers the documents found (at most {})",
                        thousands(total),
                        thousands(scoped)
                    ),
                }),
                Some(ids) if ids.len() > scoped => Err(Error::Other {
                    message: format!(
                        "the search matches {} documents; narrow it to {} or fewer for the {name}",
                        thousands(ids.len()),
                        thousands(scoped)
                    ),
                }),
                Some(ids) => Ok(match self.dense_corpus(ids, memory)? {
                    ShardStep::Done((c, union)) => {
                        let all: Vec<DocId> = (0..union.len() as DocId).collect();
                        let mut v = compute(name, &c, Some(&all))?;
                        remap(&mut v, &|n| union.get(n as usize).map_or(n, |&u| u as u64));
                        ShardStep::Done(v)
                    }
                    ShardStep::Need(needs) => ShardStep::Need(needs),
                }),
            };
        }
        let bases: Vec<DocId> = (0..=self.files.len()).map(|i| self.base(i)).collect();
        let local = |i: usize| local_ids(&bases, i, ids);
        let mut parts = Vec::with_capacity(self.files.len() + 1);
        let mut needs = Vec::new();
        for (file, f) in self.files.iter_mut().enumerate() {
            let ids = local(file);
            if ids.as_ref().is_some_and(Vec::is_empty) {
                continue;
            }
            let step = if name == "people" {
                // Every person, filtered to `ids` once merged (below).
                let mut out = None;
                let step = f.view_or(name, None, |c| out = Some(compute(name, c, None)))?;
                match (step, out) {
                    (Step::Need(n), _) => Step::Need(n),
                    (Step::Done(_), Some(v)) => Step::Done(v?),
                    (Step::Done(v), None) => Step::Done(v),
                }
            } else {
                let mut out = None;
                let step = f.view_or(name, ids.as_deref(), |c| {
                    out = Some(compute(name, c, ids.as_deref()));
                })?;
                match (step, out) {
                    (Step::Need(n), _) => Step::Need(n),
                    (Step::Done(_), Some(v)) => Step::Done(v?),
                    (Step::Done(v), None) => Step::Done(v),
                }
            };
            match step {
                Step::Done(mut v) => {
                    shift(&mut v, bases[file]);
                    parts.push(v);
                }
                Step::Need(ranges) => needs.push((file, ranges)),
            }
        }
        need_all!(needs);
        if let Some(c) = memory {
            let ids = local(self.files.len());
            if !ids.as_ref().is_some_and(Vec::is_empty) {
                let mut v = compute(name, c, ids.as_deref())?;
                shift(&mut v, bases[self.files.len()]);
                parts.push(v);
            }
        }
        let mut merged = match parts.len() {
            1 => parts.pop().unwrap_or(Value::Null),
            _ => merge_view(name, parts),
        };
        if let (Some(ids), Value::Array(people)) = (ids, &mut merged) {
            // The people quoted in those documents, as over one corpus.
            let ids: rustc_hash::FxHashSet<DocId> = ids.iter().copied().collect();
            people.retain(|p| {
                p.get("docs").and_then(Value::as_array).is_some_and(|docs| {
                    docs.iter()
                        .any(|d| ids.contains(&(count(d, "doc") as DocId)))
                })
            });
        }
        Ok(ShardStep::Done(merged))
    }
}

/// Union ids `ids` (all when `None`) that fall in shard `i` (whose first
/// union id is `bases[i]`), as that shard's ids.
fn local_ids(bases: &[DocId], i: usize, ids: Option<&[DocId]>) -> Option<Vec<DocId>> {
    let (lo, hi) = (bases[i], bases.get(i + 1).copied().unwrap_or(DocId::MAX));
    ids.map(|ids| {
        ids.iter()
            .filter(|&&d| d >= lo && d < hi)
            .map(|d| d - lo)
            .collect()
    })
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

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    #[test]
    fn numbers_in_messages_have_their_thousands_separated() {
        let got: Vec<String> = [0, 999, 1_000, 20_000, 200_000, 1_234_567]
            .into_iter()
            .map(super::thousands)
            .collect();
        assert_eq!(got, ["0", "999", "1,000", "20,000", "200,000", "1,234,567"]);
    }

    fn person(name: &str, aliases: &[&str], mentions: u64) -> Value {
        json!({"name": name, "aliases": aliases, "roles": [], "mentions": mentions,
               "quote_count": 0, "outlets": [], "docs": []})
    }

    /// Each merged person's name and mentions, in the merge's order.
    fn names_and_mentions(merged: Value) -> Vec<(String, u64)> {
        merged
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["name"].as_str().unwrap().to_string(),
                    p["mentions"].as_u64().unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn shards_link_people_by_names_that_can_denote_them_not_titles_or_namesakes() {
        let a = json!([
            person("Sergey Lavrov", &["Lavrov", "President"], 100),
            person("Chuck Schumer", &["Schumer"], 40),
        ]);
        let b = json!([
            person("Joe Biden", &["President", "Biden"], 50),
            person("Ivan Lavrov", &["Lavrov"], 7),
        ]);
        let c = json!([
            person("Sergei Lavrov", &["S.V. Lavrov"], 30),
            person("Senator Chuck Schumer", &["Schumer", "Mr President"], 10),
        ]);
        let mut got = names_and_mentions(super::merge_people(vec![a, b, c]));
        got.sort();
        // A title ("President") a document's coreference gave one person
        // joins no one; a namesake ("Ivan Lavrov") is not taken in through
        // a shared surname; a spelling of the same name, or the name after
        // a title, is.
        let names: Vec<(&str, u64)> = got.iter().map(|(n, m)| (n.as_str(), *m)).collect();
        assert_eq!(
            names,
            [
                ("Ivan Lavrov", 7),
                ("Joe Biden", 50),
                ("Senator Chuck Schumer", 50),
                ("Sergey Lavrov", 130),
            ]
        );
    }

    #[test]
    fn people_of_one_shard_stay_apart_and_shared_spellings_link_no_one() {
        let a = json!([
            person("Tony Blair", &["Blair"], 242),
            person("Cherie Blair", &["Blair"], 5),
            person("Blair", &[], 24),
        ]);
        let b = json!([
            person("Tony Blair", &["Blair", "Mr Blair"], 269),
            person("Blair", &[], 12),
            person("Euan Blair", &["Mr Blair"], 3),
        ]);
        let got = names_and_mentions(super::merge_people(vec![a, b]));
        // Each person the sum of its shards' counts; "Blair" alone is not
        // taken into Tony Blair (it was 552 mentions, three people in one).
        assert_eq!(
            got,
            [
                ("Tony Blair".to_string(), 511),
                ("Blair".to_string(), 36),
                ("Cherie Blair".to_string(), 5),
                ("Euan Blair".to_string(), 3),
            ]
        );
    }
}
