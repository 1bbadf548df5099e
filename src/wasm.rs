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

use std::sync::Arc;

use crate::corpus_file::{CorpusFile, Members, MemorySource, Opened, ShardStep, Shards};
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

    /// The corpus as a corpus file of one segment: how the tab stores it
    /// (see [`crate::corpus_file::own`]).
    #[wasm_bindgen(js_name = segmentBytes)]
    pub fn segment_bytes(&mut self) -> Result<Vec<u8>, JsError> {
        crate::corpus_file::own::segment_bytes(&mut self.corpus).map_err(js_err)
    }

    /// Removes the documents whose text the stored segments hold (told
    /// with `LedeFiles.storedPrints`); returns how many went.
    #[wasm_bindgen(js_name = removeStoredDuplicates)]
    pub fn remove_stored_duplicates(&mut self) -> usize {
        self.corpus.remove_stored_duplicates()
    }

    /// Lets go of every document (they are stored and opened as a segment
    /// now); the next one added gets id 0.
    pub fn reset(&mut self) {
        self.corpus = Corpus::new();
    }

    /// Live documents.
    #[wasm_bindgen(js_name = docCount)]
    pub fn doc_count(&self) -> usize {
        self.corpus.len()
    }

    /// Bytes of text of the live documents ([`Corpus::text_bytes`]).
    #[wasm_bindgen(js_name = textBytes)]
    pub fn text_bytes(&self) -> usize {
        self.corpus.text_bytes()
    }

    /// Id slots (one past the largest id given).
    pub fn slots(&self) -> usize {
        self.corpus.slots().0.len()
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
        let bytes = copied(&files);
        to_js(&self.corpus.import_many(&batch(&names, &bytes)))
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
    pub fn export_jsonl(&self, shift: Option<DocId>) -> String {
        self.corpus.to_jsonl_shifted(shift.unwrap_or(0))
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

    /// The quotes `query` matches, the first `limit` (see
    /// [`Corpus::quotes`]): `{query, total, quotes, notes}`.
    pub fn quotes(&self, query: &str, limit: usize) -> Result<JsValue, JsError> {
        to_js(&self.corpus.quotes(query, limit))
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

    /// The network of `ids` (all when absent): at most `max_nodes` nodes
    /// (500 when absent), laid out; as `{nodes, edges, …}`, or as the text
    /// of a GEXF or CSV file when `format` is `"gexf"` or `"csv"`.
    pub fn network(
        &self,
        ids: Option<Vec<DocId>>,
        max_nodes: Option<usize>,
        format: Option<String>,
    ) -> Result<JsValue, JsError> {
        let gexf = network_format(format.as_deref())?;
        let docs = self.corpus.select(ids.as_deref());
        let net = analyze::network(&docs, self.corpus.aliases(), &network_options(max_nodes));
        to_js(&network_out(net, gexf))
    }

    /// What the reader marks in a document (quotes and dates), or `null`.
    pub fn annotations(&self, id: DocId) -> Result<JsValue, JsError> {
        to_js(&self.corpus.annotations(id))
    }

    /// The flags of the statement trails (`{notes: [{doc, kind, other,
    /// quote, speakers}], complete}`, [`analyze::Flags`]) as far as they
    /// are known without aligning a big corpus now
    /// ([`Corpus::flags_known`]; a `flag:` search gathers them).
    pub fn flags(&self) -> Result<JsValue, JsError> {
        let known = self.corpus.flags_known();
        to_js(&FlagsOut {
            notes: known.map_or(&[], |f| &f.notes),
            complete: known.is_some(),
        })
    }

    /// Adds a batch a pool worker parsed and extracted ([`extract_files`]
    /// and its slice forms) as `importMany` would have added those files;
    /// returns the same import report. Bytes that are not such a batch are
    /// refused whole.
    #[wasm_bindgen(js_name = addExtracted)]
    pub fn add_extracted(&mut self, bytes: &[u8]) -> Result<JsValue, JsError> {
        to_js(&self.corpus.add_extracted(bytes).map_err(js_err)?)
    }

    /// How the next imports read their files: `{folder_as: "nothing" |
    /// "outlet" | "section", keep_collection_files: bool, only: [name]}`
    /// (missing fields take their defaults; `null`: all defaults; see
    /// [`crate::ImportOptions`]).
    #[wasm_bindgen(js_name = setImportOptions)]
    pub fn set_import_options(&mut self, options: JsValue) -> Result<(), JsError> {
        let options: crate::ImportOptions = if options.is_undefined() || options.is_null() {
            crate::ImportOptions::default()
        } else {
            serde_wasm_bindgen::from_value(options)
                .map_err(|e| JsError::new(&format!("bad import options: {e}")))?
        };
        self.corpus.set_import_options(options);
        Ok(())
    }

    /// The people, organizations and places of `ids` (all when absent), of
    /// the kinds named in `kinds` ("person", "org", "place"; all when
    /// absent or empty): `[{name, kind, documents, mentions, outlets}]`, or
    /// the text of a CSV file when `format` is `"csv"`.
    pub fn entities(
        &self,
        ids: Option<Vec<DocId>>,
        kinds: Option<Vec<String>>,
        format: Option<String>,
    ) -> Result<JsValue, JsError> {
        let kinds = entity_kinds(kinds)?;
        let csv = format.as_deref() == Some("csv");
        let rows = analyze::entities(
            &self.corpus.select(ids.as_deref()),
            self.corpus.aliases(),
            &kinds,
        );
        to_js(&entities_out(rows, csv))
    }
}

/// The kinds named for [`Engine::entities`].
fn entity_kinds(kinds: Option<Vec<String>>) -> Result<Vec<analyze::NodeKind>, JsError> {
    kinds
        .unwrap_or_default()
        .iter()
        .map(|k| match k.as_str() {
            "person" => Ok(analyze::NodeKind::Person),
            "org" => Ok(analyze::NodeKind::Org),
            "place" => Ok(analyze::NodeKind::Place),
            other => Err(JsError::new(&format!(
                "unknown entity kind '{other}' (person, org or place)"
            ))),
        })
        .collect()
}

/// Entity rows, or their CSV text.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum EntitiesOut {
    Rows(Vec<analyze::EntityRow>),
    Csv(String),
}

fn entities_out(rows: Vec<analyze::EntityRow>, csv: bool) -> EntitiesOut {
    if csv {
        EntitiesOut::Csv(analyze::entities_to_csv(&rows))
    } else {
        EntitiesOut::Rows(rows)
    }
}

/// The flags as the page gets them.
#[derive(Serialize)]
struct FlagsOut<'a> {
    notes: &'a [analyze::FlagNote],
    /// Every shard's flags are in.
    complete: bool,
}

/// [`analyze::NetworkOptions`] with `max_nodes` when given.
fn network_options(max_nodes: Option<usize>) -> analyze::NetworkOptions {
    let mut opts = analyze::NetworkOptions::default();
    if let Some(n) = max_nodes {
        opts.max_nodes = n;
    }
    opts
}

/// A network as JS: the object, or the text of a GEXF or CSV file.
#[derive(Serialize)]
#[serde(untagged)]
enum NetworkOut {
    Graph(analyze::Network),
    Text(String),
}

/// The network's output format, checked before any work: `Ok(None)` is
/// the object, `Ok(Some(gexf))` GEXF, `Ok(Some(!gexf))` CSV.
fn network_format(format: Option<&str>) -> Result<Option<bool>, JsError> {
    match format {
        None | Some("json") => Ok(None),
        Some("gexf") => Ok(Some(true)),
        Some("csv") => Ok(Some(false)),
        Some(f) => Err(JsError::new(&format!(
            "unknown network format '{f}' (json, gexf, csv)"
        ))),
    }
}

/// `net` in the format [`network_format`] read.
fn network_out(net: analyze::Network, gexf: Option<bool>) -> NetworkOut {
    match gexf {
        None => NetworkOut::Graph(net),
        Some(true) => NetworkOut::Text(net.to_gexf()),
        Some(false) => NetworkOut::Text(net.to_csv()),
    }
}

/// The bytes of files handed in from JS.
fn copied(files: &[js_sys::Uint8Array]) -> Vec<Vec<u8>> {
    files.iter().map(|f| f.to_vec()).collect()
}

/// `names[i]` with `bytes[i]`: a batch to import or extract.
fn batch<'a>(names: &'a [String], bytes: &'a [Vec<u8>]) -> Vec<(&'a str, &'a [u8])> {
    names
        .iter()
        .map(String::as_str)
        .zip(bytes.iter().map(Vec::as_slice))
        .collect()
}

fn js_err(e: crate::Error) -> JsError {
    JsError::new(&e.to_string())
}

fn options(options: JsValue) -> Result<SearchOptions, JsError> {
    if options.is_undefined() || options.is_null() {
        Ok(SearchOptions::default())
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&e.to_string()))
    }
}

/// An operation on the opened corpus files, for JS: `{done: value}`, or
/// `{needs: [[file, [[offset, length], …]], …]}` (supply those ranges of
/// those shards, then call again).
fn shard_step<T: Serialize>(s: crate::Result<ShardStep<T>>) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Done<'a, T> {
        done: &'a T,
    }
    #[derive(Serialize)]
    struct Need {
        needs: Vec<(usize, Vec<(u64, u64)>)>,
    }
    match s.map_err(js_err)? {
        ShardStep::Done(v) => to_js(&Done { done: &v }),
        ShardStep::Need(needs) => to_js(&Need { needs }),
    }
}

/// The corpus files opened in the tab, read lazily (the worker supplies
/// byte ranges, read from a `Blob` or over HTTP, as operations ask for
/// them), searched as one with the engine's own corpus (see
/// [`crate::corpus_file::Shards`]): ids are union ids, the files' first.
#[wasm_bindgen]
pub struct LedeFiles {
    shards: Shards<MemorySource>,
    /// The file being opened.
    opening: Option<Opening>,
    /// Bytes written for the worker to store (see [`LedeFiles::without`]).
    bytes: Option<Vec<u8>>,
}

/// A file being opened: its segments one after another.
struct Opening {
    len: u64,
    /// The source of the segment being opened.
    source: MemorySource,
    /// The file's members and the prefixes of the segments left, once
    /// segment 0 is open.
    rest: Option<(Members, Vec<String>)>,
    opened: Vec<CorpusFile<MemorySource>>,
}

/// What [`LedeFiles::open`] gives when done.
#[derive(Serialize)]
struct FileOpened<'a> {
    /// Segment 0's header.
    header: &'a crate::corpus_file::Header,
    /// Segments (shards) the file adds.
    segments: usize,
    /// Live documents in all its segments.
    live: usize,
}

impl Default for LedeFiles {
    fn default() -> LedeFiles {
        LedeFiles::new()
    }
}

#[wasm_bindgen]
impl LedeFiles {
    /// No file.
    #[wasm_bindgen(constructor)]
    pub fn new() -> LedeFiles {
        console_error_panic_hook::set_once();
        LedeFiles {
            shards: Shards::new(),
            opening: None,
            bytes: None,
        }
    }

    /// Starts opening a file of `len` bytes (see [`LedeFiles::open`]).
    pub fn begin(&mut self, len: f64) {
        self.opening = Some(Opening {
            len: len as u64,
            source: MemorySource::default(),
            rest: None,
            opened: Vec::new(),
        });
    }

    /// Hands in the bytes at `offset` of shard `file` (at or past the
    /// shards open: the file being opened).
    pub fn supply(&mut self, file: usize, offset: f64, bytes: Vec<u8>) {
        match (self.shards.file_mut(file), &mut self.opening) {
            (Some(f), _) => f.source_mut().supply(offset as u64, bytes),
            (None, Some(o)) => o.source.supply(offset as u64, bytes),
            (None, None) => {}
        }
    }

    /// Opens the file begun, every segment: `{done: {header, segments,
    /// live}}` or `{needs}`. Its segments become the shards from `at` on
    /// (after the others when absent; the shards from `at` move up).
    pub fn open(&mut self, at: Option<usize>) -> Result<JsValue, JsError> {
        let mut o = self
            .opening
            .take()
            .ok_or_else(|| JsError::new("no corpus file is being opened"))?;
        loop {
            let source = std::mem::take(&mut o.source);
            let opened = match &mut o.rest {
                None => CorpusFile::open(source, o.len),
                Some((members, rest)) => match rest.first() {
                    None => break,
                    Some(prefix) => {
                        CorpusFile::open_segment(source, Arc::clone(members), prefix.clone())
                    }
                },
            }
            .map_err(js_err)?;
            match opened {
                Opened::Ready(mut f) => {
                    f.source_mut().release();
                    match &mut o.rest {
                        None => o.rest = Some((f.members_shared(), f.segments())),
                        Some((_, rest)) => {
                            rest.remove(0);
                        }
                    }
                    o.opened.push(*f);
                }
                Opened::Need(source, ranges) => {
                    let file = self.shards.len() + o.opened.len();
                    o.source = source;
                    self.opening = Some(o);
                    return shard_step::<()>(Ok(ShardStep::Need(vec![(file, ranges)])));
                }
            }
        }
        let segments = o.opened.len();
        let live = o.opened.iter().map(|f| f.len()).sum();
        let header = o.opened.first().map(|f| f.header().clone());
        let at = at.unwrap_or(self.shards.len());
        for (k, f) in o.opened.into_iter().enumerate() {
            self.shards.insert(at + k, f);
        }
        let header = header.ok_or_else(|| JsError::new("the corpus file has no segment"))?;
        shard_step(Ok(ShardStep::Done(FileOpened {
            header: &header,
            segments,
            live,
        })))
    }

    /// Closes shard `i` (a segment of a file; the ids of the shards
    /// after it move down).
    pub fn close(&mut self, i: usize) {
        self.shards.remove(i);
    }

    /// Hides, in the shards `shards` (the opened files' segments), the
    /// documents a file listed before holds too (see
    /// [`Shards::hide_copies`]): `{done: [hidden per shard]}` or `{needs}`.
    #[wasm_bindgen(js_name = hideCopies)]
    pub fn hide_copies(&mut self, shards: Vec<usize>) -> Result<JsValue, JsError> {
        self.run(|s| s.hide_copies(&shards))
    }

    /// The engine's own id of union id `id` (`undefined`: a file's).
    #[wasm_bindgen(js_name = tabId)]
    pub fn tab_id(&self, id: DocId) -> Option<DocId> {
        match self.shards.locate(id) {
            crate::corpus_file::Located::Memory(local) => Some(local),
            crate::corpus_file::Located::File(..) => None,
        }
    }

    /// Moves the last shard (the tab's own last segment) into `engine`,
    /// which must hold nothing: it then holds those documents under the
    /// same union ids. `{done: documents}` or `{needs}`.
    #[wasm_bindgen(js_name = absorbLast)]
    pub fn absorb_last(&mut self, engine: &mut Engine) -> Result<JsValue, JsError> {
        if engine.slots() > 0 {
            return Err(JsError::new(
                "a segment goes back only into an empty engine",
            ));
        }
        shard_step(self.shards.absorb_last().map(|s| match s {
            ShardStep::Done(c) => {
                engine.corpus = c;
                ShardStep::Done(engine.corpus.len())
            }
            ShardStep::Need(n) => ShardStep::Need(n),
        }))
    }

    /// Tells `engine` the texts stored in `shards` (the tab's own
    /// segments), so that an import does not add them again: `{done:
    /// count}` or `{needs}`.
    #[wasm_bindgen(js_name = storedPrints)]
    pub fn stored_prints(
        &mut self,
        engine: &mut Engine,
        shards: Vec<usize>,
    ) -> Result<JsValue, JsError> {
        shard_step(self.shards.stored_prints(&shards).map(|s| match s {
            ShardStep::Done(p) => {
                let n = p.len();
                engine.corpus.set_stored_prints(p);
                ShardStep::Done(n)
            }
            ShardStep::Need(n) => ShardStep::Need(n),
        }))
    }

    /// Writes shard `shard` (a segment of the tab's own corpus) again
    /// without its document `id` (a union id): `{done: true}` (take the
    /// bytes with `takeBytes`), `{done: false}` (no such document) or
    /// `{needs}`.
    pub fn without(&mut self, shard: usize, id: DocId) -> Result<JsValue, JsError> {
        let step = self.shards.without(shard, id).map(|s| match s {
            ShardStep::Done(bytes) => {
                let found = bytes.is_some();
                self.bytes = bytes;
                ShardStep::Done(found)
            }
            ShardStep::Need(n) => ShardStep::Need(n),
        });
        shard_step(step)
    }

    /// The bytes `without` wrote (once).
    #[wasm_bindgen(js_name = takeBytes)]
    pub fn take_bytes(&mut self) -> Vec<u8> {
        self.bytes.take().unwrap_or_default()
    }

    /// Shard `shard`'s documents as JSON Lines under their union ids:
    /// `{done: text}` or `{needs}`.
    #[wasm_bindgen(js_name = exportJsonl)]
    pub fn export_jsonl(&mut self, shard: usize) -> Result<JsValue, JsError> {
        self.run(|s| s.export_jsonl(shard))
    }

    /// The document list's pages as stored: `{done: [[base, json], …]}`
    /// (each page a JSON array of summaries whose ids need `base` added;
    /// every page of the shards in `whole`, the first of the others; with
    /// `limit`, the pages holding the first `limit` of those) or `{needs}`.
    /// The engine's own list is `Engine::list`.
    #[wasm_bindgen(js_name = listPages)]
    pub fn list_pages(
        &mut self,
        whole: Vec<usize>,
        limit: Option<u32>,
    ) -> Result<JsValue, JsError> {
        self.run(|s| s.list_pages(&whole, limit.map(|n| n as usize)))
    }

    /// Where union id `id` lives: `[shard, id there]`, or `undefined`
    /// for the engine's.
    pub fn locate(&self, id: DocId) -> Option<Vec<u32>> {
        match self.shards.locate(id) {
            crate::corpus_file::Located::File(shard, local) => Some(vec![shard as u32, local]),
            crate::corpus_file::Located::Memory(_) => None,
        }
    }

    /// The union id of shard `i`'s document 0 (`i` = the number of
    /// shards: of the engine's).
    pub fn base(&self, i: usize) -> DocId {
        self.shards.base(i)
    }

    /// The open files' headers, in order.
    pub fn headers(&self) -> Result<JsValue, JsError> {
        let headers: Vec<_> = self.shards.files().iter().map(|f| f.header()).collect();
        to_js(&headers)
    }

    /// Runs `f` on the files and the engine's corpus; once it is done,
    /// the supplied ranges are released (what it read now lives in the
    /// readers' caches).
    fn run<T: Serialize>(
        &mut self,
        f: impl FnOnce(&mut Shards<MemorySource>) -> crate::Result<ShardStep<T>>,
    ) -> Result<JsValue, JsError> {
        let r = f(&mut self.shards);
        if matches!(r, Ok(ShardStep::Done(_))) {
            for i in 0..self.shards.len() {
                if let Some(f) = self.shards.file_mut(i) {
                    f.source_mut().release();
                }
            }
        }
        shard_step(r)
    }

    /// Runs a query (as [`Engine::search`]) over the files and `engine`.
    pub fn search(
        &mut self,
        engine: &mut Engine,
        query: &str,
        options: JsValue,
    ) -> Result<JsValue, JsError> {
        let opts = self::options(options)?;
        self.run(|s| s.search(Some(&mut engine.corpus), query, &opts))
    }

    /// The quotes `query` matches (as [`Engine::quotes`]) over the files
    /// and `engine`: the search ranks the documents, which are then loaded.
    pub fn quotes(
        &mut self,
        engine: &mut Engine,
        query: &str,
        limit: usize,
    ) -> Result<JsValue, JsError> {
        self.run(|s| {
            let opts = crate::quotes::quote_search_options();
            let ranked = match s.search(Some(&mut engine.corpus), query, &opts)? {
                ShardStep::Done(r) => r,
                ShardStep::Need(needs) => return Ok(ShardStep::Need(needs)),
            };
            let mut ids: Vec<DocId> = ranked.hits.iter().map(|h| h.id).collect();
            ids.sort_unstable();
            s.with_corpus(Some(&ids), Some(&engine.corpus), |c| {
                c.quotes_in(query, &ranked, limit)
            })
        })
    }

    /// The ids of every document matching `query`.
    #[wasm_bindgen(js_name = matchIds)]
    pub fn match_ids(&mut self, engine: &Engine, query: &str) -> Result<JsValue, JsError> {
        self.run(|s| s.matching(Some(&engine.corpus), query))
    }

    /// One document, whole, or `null`.
    pub fn document(&mut self, engine: &Engine, id: DocId) -> Result<JsValue, JsError> {
        self.run(|s| {
            Ok(match s.document(id, Some(&engine.corpus))? {
                ShardStep::Done(d) => ShardStep::Done(d.map(|(doc, _)| doc)),
                ShardStep::Need(needs) => ShardStep::Need(needs),
            })
        })
    }

    /// What the reader marks in a document.
    pub fn annotations(&mut self, engine: &Engine, id: DocId) -> Result<JsValue, JsError> {
        self.run(|s| s.annotations(id, Some(&engine.corpus)))
    }

    /// The flags of the files' segments and the engine's, under union
    /// ids (as [`Engine::flags`]; found within each, not across).
    /// `complete` is false while a segment that does not store its flags
    /// has not gathered them (its first `flag:` search does).
    pub fn flags(&mut self, engine: &Engine) -> Result<JsValue, JsError> {
        let (flags, complete) = self.shards.flags(Some(&engine.corpus));
        shard_step(Ok(ShardStep::Done(FlagsOut {
            notes: &flags.notes,
            complete,
        })))
    }

    /// Every person quoted in `ids` (all when absent: the files' stored
    /// views and the engine's, merged).
    pub fn people(&mut self, engine: &Engine, ids: Option<Vec<DocId>>) -> Result<JsValue, JsError> {
        self.run(|s| s.view("people", ids.as_deref(), Some(&engine.corpus)))
    }

    /// The network of `ids` (as [`Engine::network`]).
    pub fn network(
        &mut self,
        engine: &Engine,
        ids: Option<Vec<DocId>>,
        max_nodes: Option<usize>,
        format: Option<String>,
    ) -> Result<JsValue, JsError> {
        let gexf = network_format(format.as_deref())?;
        let ids = ids.as_deref();
        let opts = network_options(max_nodes);
        self.run(|s| {
            s.with_corpus(ids, Some(&engine.corpus), |c| {
                network_out(analyze::network(&c.select(ids), c.aliases(), &opts), gexf)
            })
        })
    }

    /// The entities of `ids` (as [`Engine::entities`]).
    pub fn entities(
        &mut self,
        engine: &Engine,
        ids: Option<Vec<DocId>>,
        kinds: Option<Vec<String>>,
        format: Option<String>,
    ) -> Result<JsValue, JsError> {
        let kinds = entity_kinds(kinds)?;
        let csv = format.as_deref() == Some("csv");
        let ids = ids.as_deref();
        self.run(|s| {
            s.with_corpus(ids, Some(&engine.corpus), |c| {
                entities_out(analyze::entities(&c.select(ids), c.aliases(), &kinds), csv)
            })
        })
    }

    /// The timeline of `ids` (all when absent).
    pub fn timeline(
        &mut self,
        engine: &Engine,
        ids: Option<Vec<DocId>>,
    ) -> Result<JsValue, JsError> {
        self.run(|s| s.view("timeline", ids.as_deref(), Some(&engine.corpus)))
    }

    /// The statements of `ids` (all when absent).
    pub fn statements(
        &mut self,
        engine: &Engine,
        ids: Option<Vec<DocId>>,
    ) -> Result<JsValue, JsError> {
        self.run(|s| s.view("statements", ids.as_deref(), Some(&engine.corpus)))
    }

    /// The stories of `ids` (all when absent).
    pub fn stories(
        &mut self,
        engine: &Engine,
        ids: Option<Vec<DocId>>,
    ) -> Result<JsValue, JsError> {
        self.run(|s| s.view("stories", ids.as_deref(), Some(&engine.corpus)))
    }

    /// Duplicates among `ids` (as [`Engine::duplicates`]).
    pub fn duplicates(
        &mut self,
        engine: &Engine,
        ids: Option<Vec<DocId>>,
    ) -> Result<JsValue, JsError> {
        let ids = ids.as_deref();
        self.run(|s| {
            s.with_corpus(ids, Some(&engine.corpus), |c| {
                analyze::duplicates(&c.select(ids), &analyze::DedupOptions::default())
            })
        })
    }

    /// Documents side by side (as [`Engine::compare`]).
    pub fn compare(&mut self, engine: &Engine, ids: Vec<DocId>) -> Result<JsValue, JsError> {
        self.run(|s| {
            s.with_corpus(Some(&ids), Some(&engine.corpus), |c| {
                analyze::compare(&c.select(Some(&ids)), &analyze::AlignOptions::default())
            })
        })
    }

    /// Keyword in context (as [`Engine::kwic`]).
    pub fn kwic(
        &mut self,
        engine: &Engine,
        query: &str,
        width: usize,
        ids: Option<Vec<DocId>>,
    ) -> Result<JsValue, JsError> {
        let ids = ids.as_deref();
        self.run(|s| {
            s.with_corpus(ids, Some(&engine.corpus), |c| {
                analyze::kwic(&c.select(ids), query, width, analyze::KwicSort::Position)
            })
        })
    }

    /// Collocates (as [`Engine::collocates`]).
    pub fn collocates(
        &mut self,
        engine: &Engine,
        term: &str,
        window: usize,
        ids: Option<Vec<DocId>>,
    ) -> Result<JsValue, JsError> {
        let ids = ids.as_deref();
        let opts = analyze::CollocateOptions {
            window,
            ..Default::default()
        };
        self.run(|s| {
            s.with_corpus(ids, Some(&engine.corpus), |c| {
                analyze::collocates(&c.select(ids), term, &opts)
            })
        })
    }

    /// Key terms (as [`Engine::keyness`]).
    pub fn keyness(
        &mut self,
        engine: &Engine,
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
        self.run(|s| {
            s.with_corpus(load.as_deref(), Some(&engine.corpus), |c| {
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
        engine: &Engine,
        terms: Vec<String>,
        ids: Option<Vec<DocId>>,
    ) -> Result<JsValue, JsError> {
        let ids = ids.as_deref();
        let terms: Vec<&str> = terms.iter().map(String::as_str).collect();
        self.run(|s| {
            s.with_corpus(ids, Some(&engine.corpus), |c| {
                analyze::trends(&c.select(ids), &terms)
            })
        })
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

/// Hands the engine a data file it loads on first use instead of carrying
/// it in the wasm (issue 12: a lighter first load). `name` is the file's
/// name under `www/pkg/`: `"ner.bin"`, the entity model
/// ([`crate::extract::ner::Model::load_shipped`]), or `"relations.txt"`,
/// the word relations of statement alignment
/// ([`crate::analyze::relations::load`]). The worker calls this before
/// anything that extracts (an import, the seeds) or aligns statements.
#[wasm_bindgen(js_name = loadData)]
pub fn load_data(name: &str, bytes: &[u8]) -> Result<(), JsError> {
    match name {
        "ner.bin" => crate::extract::ner::Model::load_shipped(bytes).map_err(js_err),
        "relations.txt" => crate::analyze::relations::load(bytes).map_err(js_err),
        _ => Err(JsError::new(&format!(
            "{name}: not a data file of this engine"
        ))),
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
        flush_docs: usize,
        flush_bytes: usize,
        absorb_docs: usize,
        absorb_bytes: usize,
    }
    to_js(&Limits {
        max_file_bytes: crate::doc::MAX_FILE_BYTES,
        max_align_docs: crate::MAX_ALIGN_DOCS,
        flush_docs: crate::corpus_file::own::FLUSH_DOCS,
        flush_bytes: crate::corpus_file::own::FLUSH_BYTES,
        absorb_docs: crate::corpus_file::own::ABSORB_DOCS,
        absorb_bytes: crate::corpus_file::own::ABSORB_BYTES,
    })
}

/// Parses and extracts a batch of files (`names[i]` holds `files[i]`)
/// without an engine, for the page's pool workers (`www/pool-worker.js`);
/// the bytes go to [`Engine::add_extracted`].
#[wasm_bindgen(js_name = extractFiles)]
pub fn extract_files(names: Vec<String>, files: Vec<js_sys::Uint8Array>) -> Vec<u8> {
    let bytes = copied(&files);
    Corpus::extract_many(&batch(&names, &bytes))
}

/// [`extract_files`] for a slice of whole lines of a JSON Lines file,
/// `firstLine` lines into it.
#[wasm_bindgen(js_name = extractLines)]
pub fn extract_lines(name: &str, bytes: &[u8], first_line: usize) -> Vec<u8> {
    Corpus::extract_json_lines(name, bytes, first_line)
}

/// [`extract_files`] for a slice of a CSV/TSV file: the header row, then
/// whole rows, the first after `firstLine` lines of the file.
#[wasm_bindgen(js_name = extractCsv)]
pub fn extract_csv(name: &str, bytes: &[u8], first_line: usize) -> Vec<u8> {
    Corpus::extract_csv(name, bytes, first_line)
}

/// [`extract_files`] for a slice of whole elements of a JSON array, the
/// first record `firstRecord` (0-based) on line `firstLine` (0-based).
#[wasm_bindgen(js_name = extractJsonArray)]
pub fn extract_json_array(
    name: &str,
    bytes: &[u8],
    first_record: usize,
    first_line: usize,
) -> Vec<u8> {
    Corpus::extract_json_array(name, bytes, first_record, first_line)
}

/// Tags and notes ([`crate::tags`]): the page keeps them (in the tab's
/// storage) and hands them to the engine and the corpus files for `tag:`
/// queries and the export; an import of JSON records that carry tags adds
/// them to the engine's, which the page reads back.
#[wasm_bindgen]
impl Engine {
    /// Sets the tags and notes (JSON of [`crate::Tags`]).
    #[wasm_bindgen(js_name = setTags)]
    pub fn set_tags(&mut self, json: &str) -> Result<(), JsError> {
        let tags = crate::Tags::from_json("tags", json).map_err(js_err)?;
        self.corpus.set_tags(tags);
        Ok(())
    }

    /// Adds the tags and notes of `json` to the engine's (`Tags::merge`:
    /// tags joined, notes kept both): another tab's, stored while this
    /// one imported.
    #[wasm_bindgen(js_name = mergeTags)]
    pub fn merge_tags(&mut self, json: &str) -> Result<(), JsError> {
        let theirs = crate::Tags::from_json("tags", json).map_err(js_err)?;
        self.corpus.tags_mut().merge(&theirs);
        Ok(())
    }

    /// The tags and notes as JSON: those set, with those imported since.
    pub fn tags(&self) -> String {
        self.corpus.tags().to_json()
    }

    /// Changes the note on `kind` ("doc", "quote", "person") `key` with
    /// `edit` (`{add: [tag], remove: [tag], note}`, each optional).
    pub fn annotate(&mut self, kind: &str, key: &str, edit: JsValue) -> Result<(), JsError> {
        let target = crate::Target::new(kind, key).map_err(js_err)?;
        let edit: crate::tags::Edit = serde_wasm_bindgen::from_value(edit)?;
        self.corpus.tags_mut().edit(&target, &edit);
        Ok(())
    }

    /// Sets the saved searches (the page's, a JSON array kept as given).
    #[wasm_bindgen(js_name = setSearches)]
    pub fn set_searches(&mut self, json: &str) -> Result<(), JsError> {
        self.corpus.tags_mut().searches = serde_json::from_str(json)
            .map_err(|e| JsError::new(&format!("saved searches: {e}")))?;
        Ok(())
    }

    /// Every tag with how many documents, quotes and people carry it
    /// (`[{tag, docs, quotes, people}]`, most used first).
    #[wasm_bindgen(js_name = tagCounts)]
    pub fn tag_counts(&self) -> Result<JsValue, JsError> {
        to_js(&self.corpus.tags().counts())
    }

    /// The key of each of `ids` (engine ids), `null` for no document.
    #[wasm_bindgen(js_name = docKeys)]
    pub fn doc_keys(&self, ids: Vec<DocId>) -> Result<JsValue, JsError> {
        let keys: Vec<Option<String>> = ids.iter().map(|&id| self.corpus.doc_key(id)).collect();
        to_js(&keys)
    }
}

#[wasm_bindgen]
impl LedeFiles {
    /// Sets the tags and notes (JSON of [`crate::Tags`]) on every shard,
    /// beside each file's own.
    #[wasm_bindgen(js_name = setTags)]
    pub fn set_tags(&mut self, json: &str) -> Result<(), JsError> {
        let tags = crate::Tags::from_json("tags", json).map_err(js_err)?;
        self.shards.set_tags(&tags);
        Ok(())
    }

    /// The tags and notes of the open files (their `tags.json`) with the
    /// engine's (the tab's): `{done: {tags, counts}}` (`counts` as
    /// `Engine::tagCounts`) or `{needs}`.
    #[wasm_bindgen(js_name = tagsWith)]
    pub fn tags_with(&mut self, engine: &Engine) -> Result<JsValue, JsError> {
        #[derive(Serialize)]
        struct TagsView {
            tags: crate::Tags,
            counts: Vec<crate::tags::TagCount>,
        }
        self.run(|s| {
            Ok(match s.file_tags()? {
                ShardStep::Done(mut tags) => {
                    tags.merge(engine.corpus.tags());
                    let counts = tags.counts();
                    ShardStep::Done(TagsView { tags, counts })
                }
                ShardStep::Need(n) => ShardStep::Need(n),
            })
        })
    }

    /// The key of each union id of `ids`: `{done: [key | null]}` or
    /// `{needs}`.
    #[wasm_bindgen(js_name = docKeys)]
    pub fn doc_keys(&mut self, engine: &Engine, ids: Vec<DocId>) -> Result<JsValue, JsError> {
        self.run(|s| s.doc_keys(Some(&engine.corpus), &ids))
    }
}
