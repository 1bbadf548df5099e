//! The corpus: the documents loaded in one session and everything derived
//! from them. This is the one object the CLI and `wasm.rs` drive.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::analyze::Doc;
use crate::doc::{parse_text, DateInfo, Document, ImportOptions};
use crate::error::{Error, Result};
use crate::extract::time::{Scan, TimelineEvent};
use crate::extract::Extraction;
use crate::hash::Fnv1a;
use crate::index::{Field, Index};
use crate::query::{Aliases, SearchOptions, SearchResults};

pub use crate::vocab::DocId;

/// One line of the document list.
#[derive(Debug, Clone, Serialize)]
pub struct DocSummary {
    pub id: DocId,
    pub file: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// The outlet's section, when the import gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    pub authors: Vec<String>,
    pub date: Option<String>,
    /// How the date was found: "printed", "metadata" or "inferred"
    /// ([`crate::DateSource::shown_as`]).
    pub date_source: Option<&'static str>,
    pub lang: String,
    pub words: usize,
    /// The opening words of the body, for documents without a title.
    pub excerpt: String,
}

/// A file (or archive member, or record) that was not imported, and why.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ImportError {
    /// The name of the file, member ("a.zip#b.txt") or record ("a.jsonl#3").
    pub file: String,
    /// A sentence saying what is wrong.
    pub error: String,
}

/// Something the import changed or left out of a document it added
/// (tags of a page nested too deep, …).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ImportNote {
    /// The name of the file, member or record.
    pub file: String,
    /// A sentence saying what was done, starting with the name.
    pub note: String,
}

/// A document that was not imported because the corpus already holds the
/// same text.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Duplicate {
    pub file: String,
    /// The id and file of the document already in the corpus.
    pub of: DocId,
    pub of_file: String,
}

/// What one import did: every input item ends in exactly one list.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct ImportReport {
    pub added: Vec<DocId>,
    pub errors: Vec<ImportError>,
    pub duplicates: Vec<Duplicate>,
    /// Notes on items that were read (added or duplicates).
    pub notes: Vec<ImportNote>,
    /// Files that describe the collection rather than being articles
    /// (a README, a LICENSE, …; [`crate::doc::collection_file`]), read and
    /// not added, each with a sentence saying so. An import with
    /// [`ImportOptions::keep_collection_files`] adds them instead.
    pub left_out: Vec<ImportNote>,
}

impl ImportReport {
    /// Appends another report.
    pub fn merge(&mut self, other: ImportReport) {
        self.added.extend(other.added);
        self.errors.extend(other.errors);
        self.duplicates.extend(other.duplicates);
        self.notes.extend(other.notes);
        self.left_out.extend(other.left_out);
    }
}

/// The keyword values of a document, for filters (`outlet:TASS`) and
/// facets: the one place that decides them. Later stages extend it
/// (entities, quoted speakers) by pushing more `(Field, value)` pairs.
pub fn keyword_fields(doc: &Document, extraction: Option<&Extraction>) -> Vec<(Field, String)> {
    let mut out = Vec::new();
    if let Some(o) = &doc.outlet {
        out.push((Field::Outlet, o.clone()));
    }
    if let Some(s) = &doc.section {
        out.push((Field::Section, s.clone()));
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
    if let Some(ex) = extraction {
        for (field, value) in crate::extract::keyword_fields(ex) {
            if !out.iter().any(|(f, v)| *f == field && *v == value) {
                out.push((field, value));
            }
        }
    }
    out
}

/// The tags and notes JSON records carried, by the print of their
/// document's text (see [`crate::tags`]).
type RecordNotesByPrint = Vec<(u64, crate::doc::RecordNotes)>;

/// The errors and notes of a batch's items, its documents in order, and
/// the tags and notes its records carried.
fn split_items(
    items: impl IntoIterator<Item = crate::doc::ImportItem>,
) -> (ImportReport, Vec<Document>, RecordNotesByPrint) {
    let mut report = ImportReport::default();
    let mut docs = Vec::new();
    let mut record_notes = Vec::new();
    for item in items {
        if let (Some(rec), Ok(doc)) = (&item.record_notes, &item.result) {
            record_notes.push((fingerprint(doc), (**rec).clone()));
        }
        for note in item.notes {
            report.notes.push(ImportNote {
                file: item.file.clone(),
                note,
            });
        }
        match item.result {
            Ok(doc) => docs.push(doc),
            Err(e) => report.errors.push(ImportError {
                file: item.file,
                error: e.to_string(),
            }),
        }
    }
    (report, docs, record_notes)
}

/// Magic bytes of an extracted batch ([`encode_extracted`]).
const EXTRACTED_MAGIC: &[u8; 8] = b"LEDEXTR1";

/// Sets the dates [`Corpus::inferred_dates`] found (a document that
/// prints its date has none there).
fn set_inferred_dates(docs: &mut [Document], dates: Vec<Option<(String, DateInfo)>>) {
    for (doc, found) in docs.iter_mut().zip(dates) {
        if let Some((date, info)) = found {
            doc.date = Some(date);
            doc.date_info = Some(info);
        }
    }
}

/// The errors and notes of an extracted batch, and which of its documents
/// got their date from [`Corpus::infer_dates`] on the batch alone.
#[derive(Serialize, Deserialize)]
struct BatchNotes {
    errors: Vec<ImportError>,
    notes: Vec<ImportNote>,
    inferred: Vec<usize>,
    /// The tags and notes the records carried, by print.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    record_notes: RecordNotesByPrint,
    /// Each document's dated events (in document order), tagged beside its
    /// extraction so that the engine does not tag the text again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    events: Vec<BatchEvents>,
}

/// A document's dated events as a batch carries them: the date they were
/// resolved against (the document's, possibly inferred) and their spans.
#[derive(Serialize, Deserialize)]
struct BatchEvents {
    date: Option<String>,
    spans: Vec<crate::extract::time::EventSpan>,
}

impl BatchEvents {
    /// The events of `doc` (its text scanned in `scan`) as
    /// [`Corpus::events`] tags them.
    fn of(doc: &Document, scan: &Scan) -> BatchEvents {
        let dct = doc.date.as_deref().and_then(crate::Date::parse);
        let events = crate::extract::time::timeline_scanned(doc, scan, dct);
        BatchEvents {
            date: doc.date.clone(),
            spans: crate::extract::time::event_spans(&events),
        }
    }
}

/// The dated events of `doc`, resolved against its date.
fn tag_events(doc: &Document) -> Vec<TimelineEvent> {
    let dct = doc.date.as_deref().and_then(crate::Date::parse);
    crate::extract::time::timeline(doc, dct)
}

/// A batch's items parsed and extracted, as bytes: `LEDEXTR1`, a u32 LE
/// length and that many bytes of JSON [`BatchNotes`] (the items that
/// failed and the parsers' notes, in item order; the documents whose date
/// was inferred, by position; the records' tags and notes; each
/// document's dated events), then the documents
/// with their extractions, in order, in the stored-corpus encoding
/// ([`crate::snapshot`], version 3, uncompressed, without index).
fn encode_extracted(items: Vec<crate::doc::ImportItem>) -> Vec<u8> {
    let (report, mut docs, record_notes) = split_items(items);
    // Dates as a corpus that gives no context infers them (an empty one,
    // or one too large for the pairwise comparison): the engine keeps them
    // unless its corpus would have given context (`add_extracted`).
    // Each text's temporal expressions are found once, for the dates and
    // the dated events.
    let undated: Vec<bool> = docs.iter().map(|d| d.date.is_none()).collect();
    let scans = crate::par::map(&docs, |d| Scan::new(&d.source));
    let dates = Corpus::new().inferred_dates(&docs, Some(&scans));
    set_inferred_dates(&mut docs, dates);
    let inferred = (0..docs.len())
        .filter(|&i| undated[i] && docs[i].date.is_some())
        .collect();
    let scanned: Vec<(&Document, Scan)> = docs.iter().zip(scans).collect();
    let (extractions, events): (Vec<Option<Extraction>>, Vec<BatchEvents>) =
        crate::par::map(&scanned, |(d, scan)| {
            (
                Some(crate::extract::extract(&d.source)),
                BatchEvents::of(d, scan),
            )
        })
        .into_iter()
        .unzip();
    drop(scanned);
    let docs: Vec<Option<Document>> = docs.into_iter().map(Some).collect();
    let notes = BatchNotes {
        errors: report.errors,
        notes: report.notes,
        inferred,
        record_notes,
        events,
    };
    // Plain strings and numbers: serializing them cannot fail.
    let json = serde_json::to_vec(&notes).unwrap_or_default();
    let snap = crate::snapshot::write_level(&docs, &extractions, &[], 0);
    let mut out = Vec::with_capacity(12 + json.len() + snap.len());
    out.extend_from_slice(EXTRACTED_MAGIC);
    out.extend_from_slice(&(json.len() as u32).to_le_bytes());
    out.extend_from_slice(&json);
    out.extend_from_slice(&snap);
    out
}

/// A batch of parsed items with each document's extraction, not yet in a
/// corpus ([`Corpus::add_extracted_items`] adds it): made on another
/// thread ([`Extracted::of`]) or in another worker ([`decode_extracted`]
/// reads what [`encode_extracted`] wrote there).
pub struct Extracted {
    /// The items that failed and the parsers' notes.
    report: ImportReport,
    docs: Vec<Document>,
    extractions: Vec<Extraction>,
    /// The positions of the documents whose date was inferred within the
    /// batch (`None`: no date inferred yet).
    inferred: Option<Vec<usize>>,
    record_notes: RecordNotesByPrint,
    /// Each document's dated events (empty: none carried).
    events: Vec<BatchEvents>,
}

impl Extracted {
    /// `items` split into documents and failures, each document extracted
    /// on every core; the dates are inferred when the batch is added (as
    /// [`Corpus::import_many`] infers them, with the corpus as context).
    pub fn of(items: impl IntoIterator<Item = crate::doc::ImportItem>) -> Extracted {
        let (report, docs, record_notes) = split_items(items);
        let extractions = crate::par::map(&docs, |d| crate::extract::extract(&d.source));
        Extracted {
            report,
            docs,
            extractions,
            inferred: None,
            record_notes,
            events: Vec::new(),
        }
    }
}

/// Reads [`encode_extracted`] bytes.
fn decode_extracted(bytes: &[u8]) -> Result<Extracted> {
    let bad = |message: &str| Error::Other {
        message: format!("an extracted batch is unusable: {message}"),
    };
    if bytes.len() < 12 || &bytes[..8] != EXTRACTED_MAGIC {
        return Err(bad("not an extracted batch"));
    }
    let len = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize;
    let json = bytes.get(12..12 + len).ok_or_else(|| bad("truncated"))?;
    let notes: BatchNotes = serde_json::from_slice(json).map_err(|e| bad(&e.to_string()))?;
    let parts = crate::snapshot::read(&bytes[12 + len..]).map_err(|e| bad(&e.to_string()))?;
    if !parts.index.is_empty() || parts.docs.len() != parts.extractions.len() {
        return Err(bad("unexpected contents"));
    }
    let mut docs = Vec::with_capacity(parts.docs.len());
    let mut extractions = Vec::with_capacity(parts.docs.len());
    for (d, e) in parts.docs.into_iter().zip(parts.extractions) {
        match (d, e) {
            (Some(d), Some(e)) => {
                docs.push(d);
                extractions.push(e);
            }
            _ => return Err(bad("a document without its extraction")),
        }
    }
    if notes.inferred.iter().any(|&i| i >= docs.len()) {
        return Err(bad("an inferred date of no document"));
    }
    if !notes.events.is_empty() && notes.events.len() != docs.len() {
        return Err(bad("dated events of no document"));
    }
    let report = ImportReport {
        errors: notes.errors,
        notes: notes.notes,
        ..ImportReport::default()
    };
    Ok(Extracted {
        report,
        docs,
        extractions,
        inferred: Some(notes.inferred),
        record_notes: notes.record_notes,
        events: notes.events,
    })
}

/// The documents of a session and their search index (kept in sync).
#[derive(Debug, Default)]
pub struct Corpus {
    docs: Vec<Option<Document>>,
    /// What the extractors found in each document (same slots as `docs`).
    extractions: Vec<Option<Extraction>>,
    index: Index,
    /// Fingerprint of each live document's normalized text → its id.
    fingerprints: HashMap<u64, DocId>,
    /// The fingerprint of each slot an import added (0: not kept, made
    /// again when asked for; see [`Corpus::text_print`]).
    prints: Vec<u64>,
    /// Every spelling of each person's name, merged across the corpus
    /// (built on the first search that needs it; reset by any change).
    aliases: std::sync::OnceLock<Aliases>,
    /// The dated events of each document (same slots as `docs`), tagged on
    /// the first timeline that needs them and kept until the document goes.
    events: Vec<std::sync::OnceLock<Vec<TimelineEvent>>>,
    /// Fingerprints of documents held elsewhere, with their id and file
    /// there (the tab's stored segments, see [`Corpus::set_stored_prints`]):
    /// an import skips those texts too.
    stored_prints: HashMap<u64, (DocId, String)>,
    /// How imports read their files ([`Corpus::set_import_options`]).
    import_options: ImportOptions,
    /// The researcher's tags and notes ([`crate::tags`]): set by the edge
    /// (the page's store, a corpus file's `tags.json`) and added to by
    /// imported JSON records that carry them.
    tags: crate::tags::Tags,
    /// The whole corpus's statements (the ones the view lists) and the
    /// flags of all of them, aligned on the first view or flag that needs
    /// them (see [`Corpus::flags`]; reset by any change).
    pub(crate) aligned: std::sync::OnceLock<crate::views::Aligned>,
}

/// Up to this many documents, the dates of an import are inferred with the
/// whole corpus as context; beyond, with the import batch alone (the
/// comparison is pairwise and runs at every batch).
const MAX_DATE_CONTEXT: usize = 300;

/// The first dozen words of the body, with "…" when cut.
fn excerpt(d: &Document) -> String {
    let first = d
        .paragraphs
        .iter()
        .chain(d.lead.iter())
        .next()
        .map(String::as_str)
        .unwrap_or("");
    let words: Vec<&str> = first.split_whitespace().take(13).collect();
    if words.len() == 13 {
        format!("{}…", words[..12].join(" "))
    } else {
        words.join(" ")
    }
}

/// FNV-1a over the document's words, lowercased: the same text with other
/// spacing, case or line breaks has the same fingerprint.
fn fingerprint(doc: &Document) -> u64 {
    let mut h = Fnv1a::new();
    let title = doc.title.as_deref().unwrap_or("");
    for word in title
        .split_whitespace()
        .chain(doc.paragraphs.iter().flat_map(|p| p.split_whitespace()))
    {
        // ASCII words (most) byte by byte: the same bytes as the general
        // path, without its per-character case mapping.
        if word.is_ascii() {
            for b in word.bytes() {
                h.byte(b.to_ascii_lowercase());
            }
        } else {
            for c in word.chars().flat_map(char::to_lowercase) {
                h.bytes(c.encode_utf8(&mut [0u8; 4]).as_bytes());
            }
        }
        h.byte(b' ');
    }
    h.finish()
}

impl Corpus {
    /// An empty corpus.
    pub fn new() -> Corpus {
        Corpus::default()
    }

    /// A corpus holding the five embedded seed articles.
    pub fn with_seeds() -> Corpus {
        let mut c = Corpus::new();
        let mut docs: Vec<Document> = crate::seeds::SEEDS
            .iter()
            .map(|(name, bytes)| parse_text(name, bytes).expect("the embedded seeds parse"))
            .collect();
        c.infer_dates(&mut docs);
        for doc in docs {
            c.add(doc);
        }
        c
    }

    /// Fills the date of each of `new` that prints none, from its own text
    /// (datelines, anchored dates and tense) and from the other documents
    /// about the same events: those of the batch and, while the corpus is
    /// small enough for the pairwise comparison, those already loaded.
    pub fn infer_dates(&self, new: &mut [Document]) {
        let dates = self.inferred_dates(new, None);
        set_inferred_dates(new, dates);
    }

    /// The dates [`Corpus::infer_dates`] gives `new`, one per document
    /// (`None` also for a document that prints its date), without setting
    /// them: reads the documents only, so that extraction can run beside
    /// it. `scans`, when given, are `new`'s texts scanned
    /// ([`crate::extract::time::Scan`]), each then not scanned again.
    fn inferred_dates(
        &self,
        new: &[Document],
        scans: Option<&[Scan]>,
    ) -> Vec<Option<(String, DateInfo)>> {
        if new.iter().all(|d| d.date.is_some()) {
            return Vec::new();
        }
        let context: Vec<&Document> = if self.len() + new.len() <= MAX_DATE_CONTEXT {
            self.iter().map(|(_, d)| d).collect()
        } else {
            Vec::new()
        };
        let all: Vec<&Document> = context.iter().copied().chain(new.iter()).collect();
        // The scans of the context's documents are made here (every text
        // is scanned once either way).
        let context_scans: Vec<Scan> = match scans {
            Some(_) => crate::par::map(&context, |d| Scan::new(&d.source)),
            None => Vec::new(),
        };
        let scans: Option<Vec<&Scan>> = scans.map(|s| context_scans.iter().chain(s).collect());
        // Compared pairwise when small enough, else each document alone.
        let pairwise = all.len() <= MAX_DATE_CONTEXT.max(new.len().min(2000));
        use crate::extract::time as t;
        let inferred = match (scans, pairwise) {
            (Some(scans), true) => t::infer_corpus_dates_scanned(&all, &scans),
            (Some(scans), false) => {
                let pairs: Vec<(&Document, &Scan)> = all.iter().copied().zip(scans).collect();
                crate::par::map(&pairs, |(d, s)| t::infer_scanned(d, s, &[]))
            }
            (None, true) => t::infer_corpus_dates(&all),
            (None, false) => crate::par::map(&all, |d| t::infer_document_date(d, &[])),
        };
        inferred
            .into_iter()
            .skip(context.len())
            .zip(new)
            // A guess whose year rests on nothing but years the text
            // mentions (often past events) is not a document date.
            .map(|(found, doc)| {
                found
                    .filter(|(_, i)| {
                        doc.date.is_none()
                            && i.confidence >= crate::vocab::DATE_CONFIDENCE.min_inferred
                    })
                    .map(|(date, info)| (date.to_string(), info))
            })
            .collect()
    }

    /// Adds a parsed document and returns its id (duplicates are not
    /// checked: see [`Corpus::add_unique`]).
    pub fn add(&mut self, doc: Document) -> DocId {
        let id = self.docs.len() as DocId;
        self.fingerprints.entry(fingerprint(&doc)).or_insert(id);
        let extraction = crate::extract::extract(&doc.source);
        self.push(id, doc, Some(extraction))
    }

    /// Drops what was derived from the whole corpus (names merged, the
    /// statements and their flags): a document came or went.
    fn forget_derived(&mut self) {
        self.aliases.take();
        self.aligned.take();
    }

    /// Stores and indexes a document under the next id.
    fn push(&mut self, id: DocId, doc: Document, extraction: Option<Extraction>) -> DocId {
        // Ids grow with `docs`, so the index always accepts this one.
        let _ = self
            .index
            .add(id, &doc, &keyword_fields(&doc, extraction.as_ref()));
        // Every per-document vector keeps one slot per id.
        self.docs.push(Some(doc));
        self.extractions.resize_with(id as usize, || None);
        self.extractions.push(extraction);
        self.events.resize_with(id as usize, Default::default);
        self.events.push(Default::default());
        self.forget_derived();
        id
    }

    /// Adds a document unless the corpus already holds the same normalized
    /// text; then returns the id of that document as the error.
    pub fn add_unique(&mut self, doc: Document) -> std::result::Result<DocId, DocId> {
        match self.duplicate_of(fingerprint(&doc)) {
            Some((of, _)) => Err(of),
            None => Ok(self.add(doc)),
        }
    }

    /// The id and file of the document that holds the text of fingerprint
    /// `print`: one of this corpus, or one stored elsewhere.
    fn duplicate_of(&self, print: u64) -> Option<(DocId, String)> {
        match self.fingerprints.get(&print) {
            Some(&of) if self.get(of).is_some() => {
                Some((of, self.get(of).map(|d| d.file.clone()).unwrap_or_default()))
            }
            _ => self.stored_prints.get(&print).cloned(),
        }
    }

    /// Documents held elsewhere that an import must not add again:
    /// `(fingerprint, id, file)` (the tab's stored segments, under their
    /// ids in the union; [`Corpus::text_print`] gives the fingerprints).
    /// Replaces those given before.
    pub fn set_stored_prints(&mut self, prints: Vec<(u64, DocId, String)>) {
        self.stored_prints = prints.into_iter().map(|(p, id, f)| (p, (id, f))).collect();
    }

    /// Removes the documents whose text the stored segments hold (see
    /// [`Corpus::set_stored_prints`]): what another tab saved meanwhile
    /// and this one holds too. Returns how many went.
    pub fn remove_stored_duplicates(&mut self) -> usize {
        let twice: Vec<DocId> = self
            .iter()
            .filter(|(_, d)| self.stored_prints.contains_key(&fingerprint(d)))
            .map(|(id, _)| id)
            .collect();
        twice.into_iter().filter(|&id| self.remove(id)).count()
    }

    /// Adds a stored document with its extraction (read back from a
    /// corpus file: nothing is parsed or extracted again) unless the
    /// corpus holds the same text; then returns that document's id.
    pub fn add_stored(
        &mut self,
        doc: Document,
        extraction: Option<Extraction>,
    ) -> std::result::Result<DocId, DocId> {
        match extraction {
            Some(e) => self.add_unique_with(doc, e).map_err(|(of, _)| of),
            None => self.add_unique(doc),
        }
    }

    /// [`Corpus::add_unique`] with the document's extraction done already;
    /// a duplicate gives the id and file of the document it repeats.
    fn add_unique_with(
        &mut self,
        doc: Document,
        extraction: Extraction,
    ) -> std::result::Result<DocId, (DocId, String)> {
        let print = fingerprint(&doc);
        match self.duplicate_of(print) {
            Some(of) => Err(of),
            None => {
                let id = self.docs.len() as DocId;
                self.fingerprints.insert(print, id);
                self.prints.resize(id as usize, 0);
                self.prints.push(print);
                Ok(self.push(id, doc, Some(extraction)))
            }
        }
    }

    /// Parses one input file (any supported format; archives and record
    /// files yield several documents) and adds what it holds. Nothing
    /// already in the corpus changes; every item is accounted for in the
    /// report.
    pub fn import(&mut self, name: &str, bytes: &[u8]) -> ImportReport {
        self.import_many(&[(name, bytes)])
    }

    /// Imports several files as one batch (dates are inferred across the
    /// batch and the corpus; see [`Corpus::infer_dates`]).
    pub fn import_many(&mut self, files: &[(&str, &[u8])]) -> ImportReport {
        // Files are parsed on every core, in order (see doc::parse_files).
        self.add_items(crate::doc::parse_files(files))
    }

    /// Imports a slice of the JSON Lines file `name` that starts after
    /// `first_line` lines of it, so that a large file can be imported a
    /// slice at a time with records numbered as in the whole file (see
    /// [`crate::doc::parse_json_lines_at`]).
    pub fn import_json_lines(
        &mut self,
        name: &str,
        bytes: &[u8],
        first_line: usize,
    ) -> ImportReport {
        self.add_items(crate::doc::named_once(crate::doc::parse_json_lines_at(
            name, bytes, first_line,
        )))
    }

    /// Adds a batch parsed and extracted apart: by [`Extracted::of`] on
    /// another thread while this corpus adds the batch before (what `lede
    /// build` pipelines, so that no core waits while one adds to the
    /// index), or in another worker ([`Corpus::add_extracted`]). Same ids,
    /// dates, duplicates and report as [`Corpus::import_many`] gives.
    pub fn add_extracted_items(&mut self, batch: Extracted) -> ImportReport {
        let Extracted {
            mut report,
            mut docs,
            extractions,
            inferred,
            record_notes,
            events,
        } = batch;
        self.add_record_notes(&record_notes);
        match inferred {
            None => {
                let dates = self.inferred_dates(&docs, None);
                set_inferred_dates(&mut docs, dates);
            }
            // The batch inferred its dates without context: right unless
            // this corpus gives some (see `infer_dates`), when they are
            // inferred again here.
            Some(inferred) => {
                let live = self.len();
                if live > 0 && live + docs.len() <= MAX_DATE_CONTEXT {
                    for &i in &inferred {
                        docs[i].date = None;
                        docs[i].date_info = None;
                    }
                    self.infer_dates(&mut docs);
                }
            }
        }
        self.add_docs_in_order(&mut report, docs, extractions, events);
        report
    }

    /// Adds parsed items as one batch; failed items become report errors.
    fn add_items(
        &mut self,
        items: impl IntoIterator<Item = crate::doc::ImportItem>,
    ) -> ImportReport {
        let (mut report, mut docs, record_notes) = split_items(items);
        self.add_record_notes(&record_notes);
        // Extraction, the costly part, on every core (it reads the source
        // text alone, not the dates), beside the dates inferred across the
        // batch and the corpus (which read the documents alone); then each
        // document added in order unless the corpus holds its text (a
        // duplicate's extraction is dropped).
        let (extractions, dates) = crate::par::join(
            || crate::par::map(&docs, |d| crate::extract::extract(&d.source)),
            || self.inferred_dates(&docs, None),
        );
        set_inferred_dates(&mut docs, dates);
        self.add_docs_in_order(&mut report, docs, extractions, Vec::new());
        report
    }

    /// How the imports of this corpus read their files from now on: what
    /// a file's folder becomes, whether files that describe the collection
    /// are imported ([`ImportOptions`]). Every import path applies them
    /// (`import_many`, `import_json_lines`, `add_extracted`, and so
    /// `import_paths`). Documents already added do not change.
    pub fn set_import_options(&mut self, options: ImportOptions) {
        self.import_options = options;
    }

    /// The options imports use ([`Corpus::set_import_options`]).
    pub fn import_options(&self) -> &ImportOptions {
        &self.import_options
    }

    /// Adds documents with their extractions in order, each unless the
    /// corpus holds its text (a duplicate's extraction is dropped) or it is
    /// a file about the collection (left out, unless the import options
    /// keep them); each takes its folder as the options say. With
    /// `ImportOptions::only`, the other items (and their errors and notes)
    /// are passed over. A document's dated `events`, when given (in
    /// document order), are kept if they were resolved against the date it
    /// is added with.
    fn add_docs_in_order(
        &mut self,
        report: &mut ImportReport,
        docs: Vec<Document>,
        extractions: Vec<Extraction>,
        events: Vec<BatchEvents>,
    ) {
        let options = self.import_options.clone();
        let asked = |file: &str| options.only.is_empty() || options.only.iter().any(|f| f == file);
        report.errors.retain(|e| asked(&e.file));
        report.notes.retain(|n| asked(&n.file));
        let mut events = events
            .into_iter()
            .map(Some)
            .chain(std::iter::repeat_with(|| None));
        for ((mut doc, extraction), events) in docs.into_iter().zip(extractions).zip(&mut events) {
            if !asked(&doc.file) {
                continue;
            }
            if !options.keep_collection_files {
                if let Some(what) = crate::doc::collection_file(&doc.file, &doc.source) {
                    report.left_out.push(ImportNote {
                        note: crate::doc::left_out_note(
                            &doc.file,
                            &what,
                            "import it anyway to search it",
                        ),
                        file: doc.file,
                    });
                    continue;
                }
            }
            crate::doc::apply_folder(&mut doc, options.folder_as);
            let file = doc.file.clone();
            match self.add_unique_with(doc, extraction) {
                Ok(id) => {
                    report.added.push(id);
                    self.keep_events(id, events);
                }
                Err((of, of_file)) => report.duplicates.push(Duplicate { file, of, of_file }),
            }
        }
    }

    /// Keeps the dated events a batch carries for document `id` if they
    /// were resolved against its date (else they are tagged when needed).
    fn keep_events(&mut self, id: DocId, events: Option<BatchEvents>) {
        let (Some(events), Some(doc)) = (events, self.get(id)) else {
            return;
        };
        if events.date != doc.date {
            return;
        }
        if let Some(made) = crate::extract::time::events_from_spans(doc, events.spans) {
            if let Some(slot) = self.events.get(id as usize) {
                let _ = slot.set(made);
            }
        }
    }

    /// Parses and extracts a batch of files (as [`Corpus::import_many`]
    /// would) without adding them anywhere: the page's pool workers do this
    /// on every core and hand the bytes to the engine, which adds them with
    /// [`Corpus::add_extracted`]. Layout: see [`encode_extracted`].
    pub fn extract_many(files: &[(&str, &[u8])]) -> Vec<u8> {
        encode_extracted(crate::doc::parse_files(files))
    }

    /// [`Corpus::extract_many`] for a slice of a JSON Lines file, `first_line`
    /// lines into it (as [`Corpus::import_json_lines`]).
    pub fn extract_json_lines(name: &str, bytes: &[u8], first_line: usize) -> Vec<u8> {
        encode_extracted(crate::doc::named_once(crate::doc::parse_json_lines_at(
            name, bytes, first_line,
        )))
    }

    /// [`Corpus::extract_many`] for a slice of a CSV/TSV file: its header
    /// row, then whole rows, the first of them after `first_line` lines of
    /// the file (see [`crate::doc::parse_csv_at`]).
    pub fn extract_csv(name: &str, bytes: &[u8], first_line: usize) -> Vec<u8> {
        encode_extracted(crate::doc::named_once(crate::doc::parse_csv_at(
            name,
            bytes,
            Some(first_line),
        )))
    }

    /// [`Corpus::extract_many`] for a slice of a JSON file holding one
    /// array: whole elements, the first of them record `first_record`
    /// (0-based), starting on line `first_line` (0-based) of the file (see
    /// [`crate::doc::parse_json_array_at`]).
    pub fn extract_json_array(
        name: &str,
        bytes: &[u8],
        first_record: usize,
        first_line: usize,
    ) -> Vec<u8> {
        encode_extracted(crate::doc::named_once(crate::doc::parse_json_array_at(
            name,
            bytes,
            first_record,
            first_line,
        )))
    }

    /// Adds what [`Corpus::extract_many`] (or its slice forms) made, as
    /// [`Corpus::import_many`] adds a batch: same ids, dates, duplicates and
    /// report as importing those files here. Bytes that are not such a
    /// batch are refused whole (nothing is added).
    pub fn add_extracted(&mut self, bytes: &[u8]) -> Result<ImportReport> {
        Ok(self.add_extracted_items(decode_extracted(bytes)?))
    }

    /// Adds the seed articles that are not in the corpus (again).
    pub fn restore_seeds(&mut self) -> ImportReport {
        let files: Vec<(&str, &[u8])> = crate::seeds::SEEDS.iter().map(|(n, b)| (*n, *b)).collect();
        self.import_many(&files)
    }

    /// Removes every document.
    pub fn clear(&mut self) {
        let slots = self.docs.len();
        *self = Corpus {
            docs: (0..slots).map(|_| None).collect(),
            extractions: (0..slots).map(|_| None).collect(),
            events: (0..slots).map(|_| Default::default()).collect(),
            ..Corpus::default()
        };
    }

    /// The corpus as bytes, to be stored and given back to
    /// [`Corpus::restore`] without parsing anything again (format: see
    /// `src/snapshot.rs`). Written from the borrowed documents: no copy of
    /// the corpus.
    pub fn snapshot(&self) -> Vec<u8> {
        // The index follows the documents: restoring does not re-index.
        crate::snapshot::write(&self.docs, &self.extractions, &self.index_bytes())
    }

    /// Restores a corpus from [`Corpus::snapshot`] bytes, of this build or
    /// of earlier ones (snapshot versions 2 and 3); refuses bytes of another
    /// format or version.
    pub fn restore(bytes: &[u8]) -> Result<Corpus> {
        let parts = crate::snapshot::read(bytes)?;
        Corpus::assemble(parts.docs, parts.index, Some(parts.extractions))
    }

    /// Runs a query (see [`crate::query`] for the language).
    pub fn search(&self, query: &str, opts: &SearchOptions) -> SearchResults {
        self.gather_flags_for(query);
        let derived = |f, v: &str| self.flagged(f, v).or_else(|| self.tagged(f, v));
        crate::query::search(
            &self.index,
            |id| self.get(id),
            query,
            opts,
            self.aliases(),
            Some(&derived),
        )
    }

    /// Gathers the flags ([`Corpus::flags`]) when `query` filters by them
    /// (`flag:…`): the filter then answers whatever the corpus's size.
    fn gather_flags_for(&self, query: &str) {
        if crate::query::filters_by(query, Field::Flag) {
            self.flags();
        }
    }

    /// The dated events of document `id` for the timeline (tagged once,
    /// then kept).
    pub(crate) fn events(&self, id: DocId) -> std::borrow::Cow<'_, [TimelineEvent]> {
        let Some(doc) = self.get(id) else {
            return std::borrow::Cow::Borrowed(&[]);
        };
        match self.events.get(id as usize) {
            Some(slot) => std::borrow::Cow::Borrowed(slot.get_or_init(|| tag_events(doc))),
            None => std::borrow::Cow::Owned(tag_events(doc)),
        }
    }

    /// [`Corpus::events`] without keeping them when they were not kept
    /// already.
    pub(crate) fn events_unkept(&self, id: DocId) -> std::borrow::Cow<'_, [TimelineEvent]> {
        match self.events.get(id as usize).and_then(|slot| slot.get()) {
            Some(kept) => std::borrow::Cow::Borrowed(kept),
            None => match self.get(id) {
                Some(doc) => std::borrow::Cow::Owned(tag_events(doc)),
                None => std::borrow::Cow::Borrowed(&[]),
            },
        }
    }

    /// The spellings of each person's name across the corpus (see
    /// [`Aliases`]), merged as [`Corpus::people`] merges them.
    pub fn aliases(&self) -> &Aliases {
        self.aliases.get_or_init(|| {
            let exs = self.extractions.iter().flatten();
            let turns = self
                .iter()
                .flat_map(|(_, d)| d.turns.iter().map(|t| t.speaker.as_str()));
            Aliases::new(crate::extract::person_names(exs, turns))
        })
    }

    /// What the extractors found in document `id` (quotes, entities), with
    /// names as the document alone gives them (see [`Corpus::people`] for
    /// names merged across the corpus).
    pub fn extraction(&self, id: DocId) -> Option<&Extraction> {
        self.extractions.get(id as usize).and_then(|e| e.as_ref())
    }

    /// What this corpus tells others searched with it as one about
    /// `query` (see [`crate::index::Global`]).
    pub fn vocabulary(&self, query: &str) -> crate::index::Vocabulary {
        self.gather_flags_for(query);
        let derived = |f, v: &str| self.flagged(f, v).or_else(|| self.tagged(f, v));
        crate::query::vocabulary(&self.index, query, self.aliases(), Some(&derived))
    }

    /// [`Corpus::search`] scored with the statistics of several corpora
    /// searched as one.
    pub fn search_global(
        &mut self,
        query: &str,
        opts: &SearchOptions,
        global: crate::index::Global,
    ) -> SearchResults {
        self.index.set_global(Some(global));
        let r = self.search(query, opts);
        self.index.set_global(None);
        r
    }

    /// The ids of every document matching `query`, in id order.
    pub fn matching(&self, query: &str) -> Vec<DocId> {
        self.gather_flags_for(query);
        let derived = |f, v: &str| self.flagged(f, v).or_else(|| self.tagged(f, v));
        crate::query::matching(&self.index, query, self.aliases(), Some(&derived))
    }

    /// Adds a document given as plain fields, for the search benchmark:
    /// paragraphs are the non-empty lines of `body`; no header parsing and
    /// no extraction (quotes, entities), so that the index build is timed
    /// alone, as the peers' are.
    pub fn add_plain(&mut self, file: &str, title: &str, body: &str) -> DocId {
        let title = title.trim();
        let id = self.docs.len() as DocId;
        self.push(
            id,
            Document {
                file: file.to_string(),
                title: (!title.is_empty()).then(|| title.to_string()),
                lang: "en".to_string(),
                paragraphs: body
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect(),
                ..Document::default()
            },
            None,
        )
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
        Corpus::assemble(docs, index_bytes, None)
    }

    /// [`Corpus::from_parts`] with stored extractions (run again when
    /// absent or not matching the documents).
    fn assemble(
        docs: Vec<Option<Document>>,
        index_bytes: &[u8],
        extractions: Option<Vec<Option<Extraction>>>,
    ) -> Result<Corpus> {
        let index = Index::from_bytes(index_bytes)?;
        let max = index.max_doc() as usize;
        if max > docs.len()
            || (0..docs.len()).any(|i| docs[i].is_some() != index.is_live(i as DocId))
        {
            return Err(Error::BadIndex {
                message: "the index does not match the documents".into(),
            });
        }
        let mut fingerprints = HashMap::new();
        for (i, d) in docs.iter().enumerate() {
            if let Some(d) = d {
                fingerprints.entry(fingerprint(d)).or_insert(i as DocId);
            }
        }
        let extractions = match extractions {
            Some(e) if e.len() == docs.len() => e,
            _ => docs
                .iter()
                .map(|d| d.as_ref().map(|d| crate::extract::extract(&d.source)))
                .collect(),
        };
        let events = docs.iter().map(|_| Default::default()).collect();
        Ok(Corpus {
            docs,
            extractions,
            index,
            fingerprints,
            prints: Vec::new(),
            aliases: Default::default(),
            events,
            stored_prints: HashMap::new(),
            import_options: ImportOptions::default(),
            tags: Default::default(),
            aligned: Default::default(),
        })
    }

    /// The live documents as JSON Lines (the `lede parse` fields plus id).
    pub fn to_jsonl(&self) -> String {
        self.to_jsonl_shifted(0)
    }

    /// [`Corpus::to_jsonl`] with `shift` added to every id (a stored
    /// segment's documents under their ids in the union).
    pub fn to_jsonl_shifted(&self, shift: DocId) -> String {
        self.to_jsonl_tagged(shift, &self.tags)
    }

    /// [`Corpus::to_jsonl_shifted`] with the tags and notes of `tags` on
    /// each document's line (`tags`, `note`, `quote_notes`; see
    /// [`crate::tags`]).
    pub fn to_jsonl_tagged(&self, shift: DocId, tags: &crate::tags::Tags) -> String {
        let mut out = String::new();
        for (id, d) in self.iter() {
            let mut v = serde_json::json!({
                "id": id + shift, "file": d.file, "title": d.title, "outlet": d.outlet,
                "authors": d.authors, "date": d.date, "lang": d.lang, "url": d.url,
                "text": d.text(),
            });
            // Only when set, so that an export without sections is as before
            // (and a re-import reads it back: a record's "section" field).
            if let Some(section) = &d.section {
                v["section"] = serde_json::json!(section);
            }
            let v = self.with_record_notes(v, id, tags);
            out.push_str(&v.to_string());
            out.push('\n');
        }
        out
    }

    /// The tags and notes on this corpus ([`crate::tags`]).
    pub fn tags(&self) -> &crate::tags::Tags {
        &self.tags
    }

    /// The tags and notes, to change.
    pub fn tags_mut(&mut self) -> &mut crate::tags::Tags {
        &mut self.tags
    }

    /// Replaces the tags and notes (the page's store, a corpus file's).
    pub fn set_tags(&mut self, tags: crate::tags::Tags) {
        self.tags = tags;
    }

    /// The key of document `id` ([`crate::tags::doc_key`]).
    pub fn doc_key(&self, id: DocId) -> Option<String> {
        self.text_print(id).map(crate::tags::doc_key)
    }

    fn add_record_notes(&mut self, notes: &RecordNotesByPrint) {
        for (print, rec) in notes {
            self.tags.add_record(&crate::tags::doc_key(*print), rec);
        }
    }

    /// The documents `tag:NAME` selects here (see [`crate::tags`]); `None`
    /// for another field.
    pub(crate) fn tagged(&self, field: crate::vocab::Field, tag: &str) -> Option<Vec<DocId>> {
        self.tags.derived(
            field,
            tag,
            |p| self.fingerprints.get(&p).copied(),
            |name| {
                let q = crate::tags::person_query(name);
                crate::query::matching(&self.index, &q, self.aliases(), None)
            },
        )
    }

    /// An export line `v` of document `id` with its tags and notes
    /// ([`crate::tags::Tags::record`]) added as fields.
    fn with_record_notes(
        &self,
        mut v: serde_json::Value,
        id: DocId,
        tags: &crate::tags::Tags,
    ) -> serde_json::Value {
        let rec = self.doc_key(id).and_then(|k| tags.record(&k));
        if let (Some(rec), Some(map)) = (rec, v.as_object_mut()) {
            if let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(rec) {
                map.extend(fields);
            }
        }
        v
    }

    /// Parses and adds a plain-text file.
    pub fn add_text(&mut self, name: &str, bytes: &[u8]) -> Result<DocId> {
        Ok(self.add(parse_text(name, bytes)?))
    }

    /// A print of document `id`'s normalized text (title and
    /// paragraphs): equal for documents the import calls the same text.
    pub fn text_print(&self, id: DocId) -> Option<u64> {
        let doc = self.get(id)?;
        match self.prints.get(id as usize) {
            Some(&print) if print != 0 => Some(print),
            _ => Some(fingerprint(doc)),
        }
    }

    /// [`Corpus::text_print`] of a document not in a corpus.
    pub fn print_of(doc: &Document) -> u64 {
        fingerprint(doc)
    }

    /// Removes a document; returns whether it was present.
    pub fn remove(&mut self, id: DocId) -> bool {
        match self.docs.get_mut(id as usize) {
            Some(slot @ Some(_)) => {
                if let Some(doc) = slot.take() {
                    let fp = fingerprint(&doc);
                    if self.fingerprints.get(&fp) == Some(&id) {
                        self.fingerprints.remove(&fp);
                    }
                }
                self.index.remove(id);
                self.forget_derived();
                if let Some(slot) = self.events.get_mut(id as usize) {
                    *slot = Default::default();
                }
                if let Some(slot) = self.extractions.get_mut(id as usize) {
                    *slot = None;
                }
                true
            }
            _ => false,
        }
    }

    /// The document with this id, if present.
    pub fn get(&self, id: DocId) -> Option<&Document> {
        self.docs.get(id as usize).and_then(|d| d.as_ref())
    }

    /// The documents of `ids` (all live documents, in id order, when
    /// `None`) with what the extractors found in them, as the analyses of
    /// [`crate::analyze`] take them: in the order given, unknown and
    /// removed ids skipped.
    pub fn select(&self, ids: Option<&[DocId]>) -> Vec<Doc<'_>> {
        let doc = |id: DocId| {
            Some(Doc {
                id,
                doc: self.get(id)?,
                extraction: self.extraction(id),
            })
        };
        match ids {
            None => self.iter().filter_map(|(id, _)| doc(id)).collect(),
            Some(ids) => ids.iter().filter_map(|&id| doc(id)).collect(),
        }
    }

    /// Rewrites the index without removed documents.
    pub(crate) fn compact_index(&mut self) {
        self.index.compact();
    }

    /// Every document slot, every extraction slot and the index (for a
    /// corpus file).
    pub(crate) fn slots(&self) -> (&[Option<Document>], &[Option<Extraction>], &Index) {
        (&self.docs, &self.extractions, &self.index)
    }

    /// A corpus of stored documents `(id, document, extraction)` under
    /// their own ids (ids must grow; the slots between stay empty),
    /// indexed again, with names merged as `aliases` merges them (those of
    /// the whole corpus they were taken from).
    pub(crate) fn from_stored(
        items: Vec<(DocId, Document, Option<Extraction>)>,
        aliases: Aliases,
    ) -> Corpus {
        let c = Corpus::from_stored_unnamed(items);
        let _ = c.aliases.set(aliases);
        c
    }

    /// [`Corpus::from_stored`] with names merged over these documents
    /// (when first asked for).
    pub(crate) fn from_stored_unnamed(items: Vec<(DocId, Document, Option<Extraction>)>) -> Corpus {
        let mut c = Corpus::new();
        for (id, doc, extraction) in items {
            if (id as usize) < c.docs.len() {
                continue;
            }
            c.docs.resize_with(id as usize, || None);
            c.fingerprints.entry(fingerprint(&doc)).or_insert(id);
            c.push(id, doc, extraction);
        }
        c
    }

    /// Grows the corpus to `slots` id slots (the new ones empty), so that
    /// the next document added gets id `slots` or above: a corpus read
    /// back from a stored segment keeps the segment's ids, removed ones at
    /// its end included.
    pub(crate) fn pad_slots(&mut self, slots: usize) {
        if self.docs.len() < slots {
            self.docs.resize_with(slots, || None);
            self.extractions.resize_with(slots, || None);
            self.events.resize_with(slots, Default::default);
        }
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

    /// Bytes of text of the live documents (their decoded sources): what
    /// the tab's saves are sized by.
    pub fn text_bytes(&self) -> usize {
        self.iter().map(|(_, d)| d.source.len()).sum()
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
                section: d.section.clone(),
                authors: d.authors.clone(),
                date: d.date.clone(),
                date_source: d
                    .date
                    .as_ref()
                    .and(d.date_info.as_ref())
                    .map(|i| i.source.shown_as()),
                lang: d.lang.clone(),
                words: d.word_count(),
                excerpt: excerpt(d),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_reports_duplicates_and_errors_and_keeps_the_rest() {
        let mut c = Corpus::with_seeds();
        let before = c.len();
        let (name, bytes) = crate::SEEDS[0];
        let r = c.import(name, bytes);
        assert!(r.added.is_empty());
        assert_eq!(r.duplicates.len(), 1);
        assert_eq!(r.duplicates[0].of, 0);
        let r = c.import("empty.txt", b"");
        assert_eq!(r.errors.len(), 1);
        assert_eq!(r.errors[0].file, "empty.txt");
        assert_eq!(c.len(), before);
        let r = c.import("new.txt", b"A headline\n\nSome new body text.");
        assert_eq!(r.added.len(), 1);
        assert_eq!(c.len(), before + 1);
    }

    /// A CSV file with a bad row, for the batch tests.
    const BATCH_CSV: &str = "title,text\nHarbour reopens,\"The harbour reopened on Monday, the board said.\"\nbad,row,extra\n";
    /// JSON Lines with a bad line, for the batch tests.
    const BATCH_LINES: &str =
        "{\"title\":\"Grain prices rise\",\"text\":\"Wheat futures rose on 3 May 2021.\"}\n{oops\n";

    /// The sample articles, an empty file, [`BATCH_CSV`] and a copy of a
    /// sample: a batch with failures and a duplicate.
    fn mixed_batch() -> Vec<(&'static str, &'static [u8])> {
        let mut batch: Vec<(&str, &[u8])> = crate::SEEDS.iter().map(|(n, b)| (*n, *b)).collect();
        batch.push(("empty.txt", b""));
        batch.push(("h.csv", BATCH_CSV.as_bytes()));
        batch.push(("again.txt", crate::SEEDS[1].1));
        batch
    }

    #[test]
    fn extracted_batches_add_as_an_import_of_the_same_files() {
        let (csv, lines) = (BATCH_CSV, BATCH_LINES);
        let batch = mixed_batch();
        let mut one = Corpus::new();
        let mut reports = vec![one.import_many(&batch)];
        reports.push(one.import_json_lines("g.jsonl", lines.as_bytes(), 7));
        reports.push(one.import_many(&[("h.csv", csv.as_bytes())]));
        let mut pooled = Corpus::new();
        let mut got = Vec::new();
        for bytes in [
            Corpus::extract_many(&batch),
            Corpus::extract_json_lines("g.jsonl", lines.as_bytes(), 7),
            Corpus::extract_csv("h.csv", csv.as_bytes(), 1),
        ] {
            got.push(pooled.add_extracted(&bytes).unwrap());
        }
        assert_eq!(got, reports);
        assert!(!reports[0].errors.is_empty() && !reports[0].duplicates.is_empty());
        assert_eq!(reports[1].errors[0].file, "g.jsonl#9");
        assert_eq!(reports[2].duplicates.len(), 1);
        // Same documents, extractions and index: the same stored corpus.
        assert_eq!(pooled.snapshot(), one.snapshot());
        // The batches' dated events were kept (not tagged again), and the
        // timeline is the one the import gives.
        let kept = pooled.events.iter().filter(|e| e.get().is_some()).count();
        assert!(kept >= crate::SEEDS.len(), "{kept}");
        assert!(one.events.iter().all(|e| e.get().is_none()));
        let json = |c: &Corpus| serde_json::to_string(&c.timeline(None)).unwrap();
        assert_eq!(json(&pooled), json(&one));
        // Anything else is refused whole.
        let len = pooled.len();
        assert!(pooled.add_extracted(b"LEDEXTR1").is_err());
        assert!(pooled.add_extracted(&one.snapshot()).is_err());
        let mut cut = Corpus::extract_many(&batch);
        cut.truncate(cut.len() - 10);
        assert!(pooled.add_extracted(&cut).is_err());
        assert_eq!(pooled.len(), len);
    }

    #[test]
    fn batches_extracted_ahead_add_as_an_import_of_the_same_files() {
        // What `lede build` does: each batch parsed and extracted apart
        // (`Extracted::of`), added in order; dates inferred at the add, with
        // the documents before as context.
        let (csv, lines) = (BATCH_CSV, BATCH_LINES);
        let undated = "Talks resume\n\nMOSCOW, January 17 (TASS) - Russia's proposals on security guarantees to the United States and NATO were discussed on Monday, Foreign Minister Sergey Lavrov said.";
        let batch = mixed_batch();
        let mut one = Corpus::new();
        let mut reports = vec![one.import_many(&batch)];
        reports.push(one.import_json_lines("g.jsonl", lines.as_bytes(), 7));
        reports.push(one.import_many(&[("u.txt", undated.as_bytes())]));
        reports.push(one.import_many(&[("h.csv", csv.as_bytes())]));
        let ahead = [
            Extracted::of(crate::doc::parse_files(&batch)),
            Extracted::of(crate::doc::named_once(crate::doc::parse_json_lines_at(
                "g.jsonl",
                lines.as_bytes(),
                7,
            ))),
            Extracted::of(crate::doc::parse_files(&[("u.txt", undated.as_bytes())])),
            Extracted::of(crate::doc::parse_files(&[("h.csv", csv.as_bytes())])),
        ];
        let mut built = Corpus::new();
        let got: Vec<ImportReport> = ahead
            .into_iter()
            .map(|b| built.add_extracted_items(b))
            .collect();
        assert_eq!(got, reports);
        assert_eq!(reports[1].errors[0].file, "g.jsonl#9");
        assert_eq!(reports[3].duplicates.len(), 1);
        // The undated article took its date from the corpus before it.
        let u = reports[2].added[0];
        assert!(one.get(u).unwrap().date.is_some());
        assert_eq!(built.get(u).unwrap().date, one.get(u).unwrap().date);
        let mut alone = Corpus::new();
        let r = alone.import_many(&[("u.txt", undated.as_bytes())]);
        assert_ne!(
            alone.get(r.added[0]).unwrap().date,
            one.get(u).unwrap().date,
            "the context decides"
        );
        assert_eq!(built.snapshot(), one.snapshot());
    }

    #[test]
    fn a_batch_too_large_to_compare_gets_the_dates_an_import_gives() {
        // Over 2,000 documents: each dated alone (from its scan in the
        // pool's batch).
        let texts: Vec<String> = (0..2100)
            .map(|i| {
                format!(
                    "Board meets {i}\n\nLONDON, March {} (Reuters) - The board met on Monday.",
                    i % 28 + 1
                )
            })
            .collect();
        let files: Vec<(String, &[u8])> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("{i}.txt"), t.as_bytes()))
            .collect();
        let files: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), *b)).collect();
        let mut one = Corpus::new();
        one.import_many(&files);
        let mut pooled = Corpus::new();
        pooled.add_extracted(&Corpus::extract_many(&files)).unwrap();
        let dates = |c: &Corpus| c.iter().map(|(_, d)| d.date.clone()).collect::<Vec<_>>();
        assert_eq!(dates(&pooled), dates(&one));
        // Undated as parsed; the dateline's day and the weekday give some
        // of them a year.
        let n = dates(&one).iter().filter(|d| d.is_some()).count();
        assert!(n >= 500, "{n} of {}", one.len());
        let json = |c: &Corpus| serde_json::to_string(&c.timeline(None)).unwrap();
        assert_eq!(json(&pooled), json(&one));
    }

    #[test]
    fn carried_events_resolved_against_another_date_are_tagged_again() {
        let mut c = Corpus::new();
        let r = c.import(
            "a.txt",
            b"Talks\n\nThe talks resume on Monday, 14 February 2022.",
        );
        let id = r.added[0];
        let date = c.get(id).unwrap().date.clone();
        let other = BatchEvents {
            date: Some("1999-01-01".into()),
            spans: vec![(0, 5, "1999".into())],
        };
        assert_ne!(other.date, date);
        c.keep_events(id, Some(other));
        assert!(c.events[id as usize].get().is_none());
        // A span outside the text is not kept either.
        let outside = BatchEvents {
            date,
            spans: vec![(0, 5000, "2022".into())],
        };
        c.keep_events(id, Some(outside));
        assert!(c.events[id as usize].get().is_none());
        assert!(c.events(id).iter().any(|e| e.value == "2022-02-14"));
    }

    #[test]
    fn json_lines_imported_in_slices_match_the_whole_file() {
        let lines = [
            r#"{"title":"Port strike ends","text":"Dock workers returned to work on Tuesday."}"#,
            r#"{"title": broken"#,
            r#"{"title":"Grain prices rise","text":"Wheat futures rose for a third day."}"#,
        ];
        let whole = lines.join("\n");
        let mut one = Corpus::new();
        let a = one.import("w.jsonl", whole.as_bytes());
        let mut sliced = Corpus::new();
        let mut b = sliced.import_json_lines("w.jsonl", format!("{}\n", lines[0]).as_bytes(), 0);
        let rest = sliced.import_json_lines("w.jsonl", lines[1..].join("\n").as_bytes(), 1);
        b.added.extend(rest.added);
        b.errors.extend(rest.errors);
        assert_eq!(a.added.len(), b.added.len());
        assert_eq!(a.errors, b.errors);
        let files = |c: &Corpus| {
            c.summaries()
                .into_iter()
                .map(|s| s.file)
                .collect::<Vec<_>>()
        };
        assert_eq!(files(&one), files(&sliced));
        assert_eq!(files(&sliced), ["w.jsonl#1", "w.jsonl#3"]);
    }

    #[test]
    fn snapshot_round_trip_keeps_ids_and_rejects_garbage() {
        let mut c = Corpus::with_seeds();
        assert!(c.remove(2));
        let snap = c.snapshot();
        let r = Corpus::restore(&snap).unwrap();
        assert_eq!(r.len(), 4);
        assert!(r.get(2).is_none());
        assert_eq!(r.get(3).unwrap().file, c.get(3).unwrap().file);
        assert!(Corpus::restore(b"garbage").is_err());
        let mut bad = snap.clone();
        bad.truncate(snap.len() - 10);
        assert!(Corpus::restore(&bad).is_err());
    }

    #[test]
    fn fingerprint_of_ascii_words_matches_the_general_path() {
        // The FNV-1a of the lowercased words, each followed by a space, as
        // computed before the ASCII fast path.
        let slow = |words: &[&str]| {
            let text: String = words
                .iter()
                .flat_map(|w| w.chars().flat_map(char::to_lowercase).chain([' ']))
                .collect();
            crate::hash::fnv1a(text.as_bytes())
        };
        let doc = Document {
            title: Some("Lavrov MEETS  Blinken".into()),
            paragraphs: vec!["Ünïcode Straße and ASCII\ttext.".into()],
            ..Document::default()
        };
        assert_eq!(
            fingerprint(&doc),
            slow(&[
                "Lavrov",
                "MEETS",
                "Blinken",
                "Ünïcode",
                "Straße",
                "and",
                "ASCII",
                "text."
            ])
        );
    }

    #[test]
    fn removed_text_can_be_imported_again() {
        let mut c = Corpus::with_seeds();
        c.remove(0);
        let (name, bytes) = crate::SEEDS[0];
        assert_eq!(c.import(name, bytes).added.len(), 1);
    }
}
