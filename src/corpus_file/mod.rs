//! The corpus file (`NAME.lede`): a corpus built once — documents,
//! extractions, index and the whole-corpus views — and read back without
//! parsing or extracting anything, a block at a time.
//!
//! # Layout (version 3)
//!
//! A ZIP archive (see [`zip`]; `unzip -l NAME.lede` lists it) whose first
//! member is `lede.json`, so the first bytes of the file are `PK\x03\x04`
//! followed, at offset 30, by the name `lede.json`: that is the magic a
//! reader checks. Members, in file order:
//!
//! | member | content |
//! |---|---|
//! | `lede.json` | the [`Header`]: format name and version, counts, languages, block sizes |
//! | `norms` | per document slot: flags (bit 0 live), title and body length in words, date as YYYYMMDD (LEB128 varints) |
//! | `dict.idx` | the dictionary's chunk table: first and last key of each chunk ([`dict`]) |
//! | `dict/NNNNN` | dictionary chunks, keys sorted: each surface word, stem and keyword token with its document count and the offset, length and CRC-32 of its postings |
//! | `keywords.off` | per document slot: the length of its record in `keywords.dat` (LEB128 varints; read at open) |
//! | `keywords.dat` | per document slot, its keyword values (outlet, author, person, …: what facets count) and their CRC-32, stored uncompressed one after another so that a facet reads the records of the documents it counts, alone (version 2 kept them in `keywords/NNNNN` blocks of [`KEYWORD_BLOCK`] documents, which a reader still reads) |
//! | `list/NNNNN` | the document list ([`crate::DocSummary`] JSON), [`LIST_BLOCK`] per member |
//! | `views/people.json`, `views/timeline.json`, `views/statements.json`, `views/stories.json` | the whole-corpus views, as `lede people` etc. print them (a segment the tab saves stores people and timeline only: [`own::LEAN`]; a segment that starts past the file's first 200,000 documents stores none, since views of a file that big are computed on a search's documents: [`Writer::views_until`]; a reader computes a view a segment lacks from its documents) |
//! | `aliases.json` | `[[spelling, canonical], …]`: names merged across the corpus |
//! | `flags.json` | the flags of the segment's statement trails ([`crate::analyze::Flags`] as JSON: per flag the document, its kind, the document compared, the quote, the speakers), every segment `lede build` writes, and the tab's lean segments of up to 400 documents; read at open, what `flag:` and the Flags facet answer from (a segment without it, a bigger lean one or a file made before it, gathers them from its documents on its first `flag:` search) |
//! | `docs/NNNNNN` | `doc_block` (from [`DOC_BLOCK`] up to 32 in big segments) document slots with their extractions, in the stored-corpus encoding of [`crate::snapshot`] (compressed, Adler-32 checked) |
//! | `prints` | per document slot: the fingerprint of its text ([`crate::Corpus::text_print`], 0 for an empty slot, little-endian u64) and its file name (LEB128 length + UTF-8): what an import into the tab checks so as not to add a stored text again (absent from files made before it: nothing is checked then) |
//! | `tags.json` | the researcher's tags and notes ([`crate::tags::Tags`] as JSON; one member at the root for every segment, documents keyed by their text's print; absent when there are none) |
//! | `postings` | every term's positional postings ([`crate::index`]) and every keyword token's document list (delta varints), one after another; a list of 64 bytes or more is stored raw-deflated when that saves a tenth |
//!
//! That is one segment. A file holds one or more: segment `k` > 0 has the
//! same members under `segNNNNN/` (`seg00001/lede.json`, …), written one
//! after another by a streaming build ([`build`], [`Writer`]) or appended
//! by `lede build --append`, merged into one on disk by [`compact`] (what
//! `lede build` does at its end and `lede compact` does), and read as one ([`Shards`]: each segment is
//! searched with the statistics of all). Version 2 added segments (a
//! version-1 file is a file of one segment) and lets `doc_block` grow with
//! a segment's size; version 3 keeps each document's keyword values as a
//! record of its own (`keywords.dat`) in place of version 2's blocks; a
//! file of 65,535 members or more has a ZIP64 end record for the count.
//!
//! Every member has the CRC-32 the ZIP format gives it, checked whenever it
//! is read; a keyword record, read alone from the middle of
//! `keywords.dat`, carries its own; a term's postings, read alone from the middle of `postings`,
//! are checked against the CRC-32 in their dictionary entry. Document ids
//! are the corpus's ids; a removed document is an empty slot.
//!
//! # Reading lazily
//!
//! [`CorpusFile`] reads through a [`Source`] of byte ranges. Opening reads
//! the end of the file (the ZIP directory), `lede.json`, `norms`,
//! `dict.idx`, `aliases.json` and `flags.json`: a few hundred kilobytes for a
//! million documents. A query runs on a partial index (see
//! [`crate::index`]'s `partial`) that records what it misses; the reader
//! loads those ranges and runs it again until nothing is missing. A source
//! that cannot answer at once (the page's worker, which reads a `Blob` or
//! HTTP ranges asynchronously) answers [`Read::Missing`]; the operation
//! then returns [`Step::Need`] with the ranges to supply, and is called
//! again once they are there.

pub mod build;
pub mod compact;
mod counts;
mod dict;
pub mod own;
mod read;
mod shards;
mod tags;
mod write;
pub mod zip;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::index::{write_varint, DocNorms};

/// The stored views, by name (`views/NAME.json`).
const VIEWS: [&str; 4] = ["people", "timeline", "statements", "stories"];

/// The view every segment stores, whatever others it does: the timeline's
/// counts ([`crate::TimelineCounts`], [`names::counts`], [`counts`]).
const TIMELINE_COUNTS: &str = "timeline-counts";

/// The view every segment stores too: its people with their counts and
/// not their quotes ([`crate::Corpus::people_counts`]), as
/// `views/people-counts.json`.
const PEOPLE_COUNTS: &str = "people-counts";

pub use read::FileSource;
pub use read::{CorpusFile, Members, MemorySource, Opened, StoredDoc};
pub use shards::{Located, ShardStep, Shards, WHOLE_VIEW_DOCS};
pub use tags::write_tags;
pub use write::{write, Lean, Writer};

/// The format name in `lede.json`.
pub const FORMAT: &str = "lede-corpus";
/// The version this build writes (and the newest it reads).
pub const VERSION: u32 = 3;
/// Documents per `docs/` member.
pub const DOC_BLOCK: u32 = 4;
/// Documents per `keywords/` member of a version-2 file.
pub const KEYWORD_BLOCK: u32 = 64;
/// Summaries per `list/` member.
pub const LIST_BLOCK: u32 = 1000;
/// Target size of a dictionary chunk, uncompressed.
const CHUNK_BYTES: usize = 16 * 1024;

/// `lede.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Header {
    pub format: String,
    pub version: u32,
    pub created_by: String,
    /// Document slots (one past the largest id).
    pub docs: u32,
    /// Live documents.
    pub live: u32,
    /// Languages of the index, in its order.
    pub languages: Vec<String>,
    pub doc_block: u32,
    /// Documents per `keywords/` block (version 2); 1 from version 3 on
    /// (a record per document: `keywords.dat`).
    pub keyword_block: u32,
    pub list_block: u32,
    pub dict_chunks: u32,
    /// Distinct terms (stems).
    pub terms: u32,
}

/// Where a term's postings or a keyword's documents are in `postings`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Ref {
    pub off: u64,
    pub len: u32,
    pub crc: u32,
    /// Documents in the list.
    pub count: u32,
    /// The bytes are raw-deflated (the CRC-32 is of the stored bytes).
    pub packed: bool,
}

/// What `lede build` reports.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct BuildStats {
    pub docs: usize,
    /// Terms, summed over the segments.
    pub terms: usize,
    pub dict_chunks: usize,
    pub postings_bytes: u64,
    pub members: usize,
    pub file_bytes: u64,
    /// Segments (parts written one after another, searched as one).
    pub segments: usize,
}

/// What a [`Source`] answers for a byte range.
#[derive(Debug)]
pub enum Read {
    Bytes(Vec<u8>),
    /// Not available yet: ask for it ([`Step::Need`]) and try again.
    Missing,
    Failed(Error),
}

/// Byte ranges of one corpus file.
pub trait Source {
    /// The `len` bytes at `offset`.
    fn read(&self, offset: u64, len: u64) -> Read;

    /// Whether [`Source::read`] would answer at once (without copying).
    fn has(&self, _offset: u64, _len: u64) -> bool {
        true
    }
}

/// An operation's outcome: done, or waiting for byte ranges
/// (`(offset, length)`) that the caller supplies before calling again.
#[derive(Debug)]
pub enum Step<T> {
    Done(T),
    Need(Vec<(u64, u64)>),
}

/// Member names. A file holds one segment or more (see the module docs):
/// segment 0's members have the names below, segment `k`'s the same names
/// under `seg{k:05}/` ([`names::segment`]).
pub(crate) mod names {
    /// The first member of every corpus file: segment 0's header.
    pub const HEADER: &str = "lede.json";
    /// The prefix of segment `k`'s members.
    pub fn segment(k: usize) -> String {
        if k == 0 {
            String::new()
        } else {
            format!("seg{k:05}/")
        }
    }
    /// The segment number of a segment header's name (`seg00003/lede.json`).
    pub fn segment_of(name: &str) -> Option<usize> {
        let rest = name.strip_prefix("seg")?.strip_suffix("/lede.json")?;
        (rest.len() == 5).then(|| rest.parse().ok()).flatten()
    }
    pub fn header(p: &str) -> String {
        format!("{p}lede.json")
    }
    pub fn norms(p: &str) -> String {
        format!("{p}norms")
    }
    pub fn dict_index(p: &str) -> String {
        format!("{p}dict.idx")
    }
    pub fn aliases(p: &str) -> String {
        format!("{p}aliases.json")
    }
    pub fn postings(p: &str) -> String {
        format!("{p}postings")
    }
    pub fn dict(p: &str, i: usize) -> String {
        format!("{p}dict/{i:05}")
    }
    pub fn keywords(p: &str, b: usize) -> String {
        format!("{p}keywords/{b:05}")
    }
    pub fn keyword_offsets(p: &str) -> String {
        format!("{p}keywords.off")
    }
    pub fn keyword_records(p: &str) -> String {
        format!("{p}keywords.dat")
    }
    pub fn list(p: &str, b: usize) -> String {
        format!("{p}list/{b:05}")
    }
    pub fn docs(p: &str, b: usize) -> String {
        format!("{p}docs/{b:06}")
    }
    /// The file's tags and notes (one member for every segment, at the
    /// root: `crate::tags` keys documents by their text, not their id).
    pub const TAGS: &str = "tags.json";
    pub fn prints(p: &str) -> String {
        format!("{p}prints")
    }
    pub fn flags(p: &str) -> String {
        format!("{p}flags.json")
    }
    pub fn view(p: &str, name: &str) -> String {
        format!("{p}views/{name}.json")
    }
    pub fn counts(p: &str) -> String {
        format!("{p}views/timeline-counts.bin")
    }
}

fn encode_norms(norms: &[DocNorms]) -> Vec<u8> {
    let mut out = Vec::with_capacity(norms.len() * 6 + 5);
    write_varint(&mut out, norms.len() as u32);
    for n in norms {
        out.push(u8::from(n.live));
        write_varint(&mut out, n.title_len);
        write_varint(&mut out, n.body_len);
        write_varint(&mut out, n.date);
    }
    out
}

/// Appends one document's keyword values to a `keywords/` block.
fn put_keywords(out: &mut Vec<u8>, kws: &[(crate::Field, Box<str>)]) {
    write_varint(out, kws.len() as u32);
    for (f, v) in kws {
        out.push(f.code());
        dict::put_str(out, v);
    }
}

/// The `keywords.dat` and `keywords.off` members of document slots, made
/// a slot at a time: each slot's values as a record of its own (as a
/// `keywords/` block holds them, then their CRC-32), an empty slot none.
#[derive(Default)]
struct KeywordRecords {
    records: Vec<u8>,
    lengths: Vec<u8>,
    slots: u32,
}

impl KeywordRecords {
    /// Adds the next slot's values.
    fn push(&mut self, kws: &[(crate::Field, Box<str>)]) {
        let start = self.records.len();
        if !kws.is_empty() {
            put_keywords(&mut self.records, kws);
            let crc = crc32fast::hash(&self.records[start..]);
            self.records.extend_from_slice(&crc.to_le_bytes());
        }
        write_varint(&mut self.lengths, (self.records.len() - start) as u32);
        self.slots += 1;
    }

    /// Writes both members under `prefix`.
    fn write<W: std::io::Write>(self, zip: &mut zip::ZipWriter<W>, prefix: &str) -> Result<()> {
        let mut off = Vec::with_capacity(self.lengths.len() + 5);
        write_varint(&mut off, self.slots);
        off.extend_from_slice(&self.lengths);
        zip.add(&names::keyword_offsets(prefix), &off, true)?;
        zip.add(&names::keyword_records(prefix), &self.records, false)?;
        Ok(())
    }
}

/// Where each slot's record starts in `keywords.dat` (one more for the
/// end), from `keywords.off`.
fn decode_keyword_offsets(bytes: &[u8]) -> Result<Vec<u32>> {
    let mut c = dict::Cursor::new(bytes, "keywords.off");
    let n = c.u32()? as usize;
    let mut out = Vec::with_capacity(n.min(bytes.len()) + 1);
    let mut at = 0u32;
    out.push(0);
    for _ in 0..n {
        at = at.checked_add(c.u32()?).ok_or_else(|| Error::BadIndex {
            message: "keywords.off: records past 4 GiB".into(),
        })?;
        out.push(at);
    }
    if !c.done() {
        return Err(Error::BadIndex {
            message: "keywords.off: trailing bytes".into(),
        });
    }
    Ok(out)
}

/// Document `doc`'s values from its record in `name` (`keywords.dat`;
/// checked).
fn decode_keyword_record(
    bytes: &[u8],
    name: &str,
    doc: usize,
) -> Result<Vec<(crate::Field, Box<str>)>> {
    let bad = |m: &str| Error::BadIndex {
        message: format!("{name}: document {doc}: {m}"),
    };
    if bytes.is_empty() {
        return Ok(Vec::new());
    }
    let (body, crc) = bytes
        .split_at_checked(bytes.len().saturating_sub(4))
        .filter(|(_, c)| c.len() == 4)
        .ok_or_else(|| bad("truncated record"))?;
    if crc32fast::hash(body) != u32::from_le_bytes([crc[0], crc[1], crc[2], crc[3]]) {
        return Err(bad("checksum mismatch (the record is damaged)"));
    }
    let mut rows = read::decode_keywords(body, name).map_err(|e| bad(&e.to_string()))?;
    match (rows.len(), rows.pop()) {
        (1, Some(row)) => Ok(row),
        _ => Err(bad("not one document's values")),
    }
}

/// The `prints` member of `corpus`'s slots (see the module docs).
fn encode_prints(corpus: &crate::Corpus) -> Vec<u8> {
    let (docs, _, _) = corpus.slots();
    encode_print_slots(docs.iter().enumerate().map(|(id, d)| {
        let print = corpus.text_print(id as crate::DocId).unwrap_or(0);
        (print, d.as_ref().map(|d| d.file.as_str()).unwrap_or(""))
    }))
}

/// A `prints` member of slots given as `(print, file)` (0 and "" for an
/// empty slot).
fn encode_print_slots<'a>(slots: impl ExactSizeIterator<Item = (u64, &'a str)>) -> Vec<u8> {
    let mut out = Vec::with_capacity(slots.len() * 24 + 5);
    write_varint(&mut out, slots.len() as u32);
    for (print, file) in slots {
        out.extend_from_slice(&print.to_le_bytes());
        dict::put_str(&mut out, file);
    }
    out
}

/// The `(fingerprint, slot, file)` of each live slot in a `prints` member.
fn decode_prints(bytes: &[u8]) -> Result<Vec<(u64, u32, String)>> {
    let mut c = dict::Cursor::new(bytes, "prints");
    let n = c.u32()? as usize;
    let mut out = Vec::with_capacity(n.min(bytes.len() / 9));
    for slot in 0..n {
        let mut print = [0u8; 8];
        for b in &mut print {
            *b = c.byte()?;
        }
        let file = c.str()?;
        let print = u64::from_le_bytes(print);
        if print != 0 {
            out.push((print, slot as u32, file.to_string()));
        }
    }
    if !c.done() {
        return Err(Error::BadIndex {
            message: "prints: trailing bytes".into(),
        });
    }
    Ok(out)
}

fn decode_norms(bytes: &[u8]) -> Result<Vec<DocNorms>> {
    let mut c = dict::Cursor::new(bytes, "norms");
    let n = c.u32()? as usize;
    let mut out = Vec::with_capacity(n.min(bytes.len()));
    for _ in 0..n {
        out.push(DocNorms {
            live: c.byte()? & 1 != 0,
            title_len: c.u32()?,
            body_len: c.u32()?,
            date: c.u32()?,
        });
    }
    if !c.done() {
        return Err(Error::BadIndex {
            message: "norms: trailing bytes".into(),
        });
    }
    Ok(out)
}
