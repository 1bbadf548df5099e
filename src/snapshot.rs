//! The stored form of a corpus: what [`crate::Corpus::snapshot`] writes and
//! [`crate::Corpus::restore`] reads (the page keeps it in IndexedDB).
//!
//! Version 3, written by this build:
//!
//! ```text
//! magic    8 bytes  "LEDESNAP"
//! version  u32 LE   3
//! flags    u32 LE   bit 0: the documents section is zlib-compressed
//!                   (miniz_oxide, level 1; its Adler-32 checks it)
//! length   u64 LE   the documents section's length, uncompressed
//! stored   u64 LE   its length as stored
//! docs     `stored` bytes: a varint count of slots, then per slot (document
//!          id) a tag byte (bit 0: a document, bit 1: an extraction, bit
//!          2: the document's section follows it) and the document's
//!          fields, its section (a string written once, then by number),
//!          the extraction's fields
//! index    the rest: the bytes of Index::to_bytes, as they are (varints
//!          that deflate barely shrinks; they carry their own checksum)
//! ```
//!
//! Integers are LEB128 varints; offsets are written as (zigzag) deltas.
//! Short repeated strings (outlets, authors, languages, canonical names,
//! speakers, cues, roles) are written once and then referred to by number.
//! What the document's source text already holds is not written twice: a
//! paragraph that is its source slice with whitespace runs collapsed is
//! written as that slice's length, an entity mention as its span, a
//! transcript turn's text as its paragraphs. Each of these is checked when
//! writing (the derived value must equal the stored one, else the string is
//! written out), so restoring is exact.
//!
//! Version 2 (earlier builds): after the 16-byte header (magic, version,
//! body length u32), the documents and extractions as JSON, then the index
//! bytes. It is still read, so that a stored corpus survives an upgrade.

use std::collections::HashMap;

use serde::Deserialize;

use crate::doc::{DateInfo, Dateline, Document, Turn};
use crate::error::{Error, Result};
use crate::extract::{Entity, EntityKind, Extraction, Quote, QuoteKind};
use crate::vocab::DateSource;

const MAGIC: &[u8; 8] = b"LEDESNAP";
/// The version written by this build.
pub const VERSION: u32 = 3;
/// Compression level of the payload (1: fastest; the payload is varints and
/// text, and a reload reads far more often than an import writes).
const LEVEL: u8 = 1;
const FLAG_DEFLATED: u32 = 1;
/// Bytes before the documents section.
const HEADER: usize = 32;

/// A restored snapshot: documents, extractions (same slots) and the index
/// bytes.
pub(crate) struct Parts<'a> {
    pub docs: Vec<Option<Document>>,
    pub extractions: Vec<Option<Extraction>>,
    pub index: &'a [u8],
}

fn bad(message: impl Into<String>) -> Error {
    Error::BadIndex {
        message: message.into(),
    }
}

/// Writes a version 3 snapshot.
pub(crate) fn write(
    docs: &[Option<Document>],
    extractions: &[Option<Extraction>],
    index: &[u8],
) -> Vec<u8> {
    write_level(docs, extractions, index, LEVEL)
}

/// Writes a version 3 snapshot with the documents compressed at `level`
/// (1–10; a corpus file, written once and read often, takes 9), or not
/// compressed at all (0: flags bit 0 clear).
pub(crate) fn write_level(
    docs: &[Option<Document>],
    extractions: &[Option<Extraction>],
    index: &[u8],
    level: u8,
) -> Vec<u8> {
    let mut w = Writer::default();
    w.uint(docs.len().max(extractions.len()) as u64);
    for i in 0..docs.len().max(extractions.len()) {
        let doc = docs.get(i).and_then(|d| d.as_ref());
        let ex = extractions.get(i).and_then(|e| e.as_ref());
        let section = doc.and_then(|d| d.section.as_ref());
        w.out.push(
            u8::from(doc.is_some())
                | (u8::from(ex.is_some()) << 1)
                | (u8::from(section.is_some()) << 2),
        );
        if let Some(d) = doc {
            w.document(d);
        }
        if let Some(s) = section {
            w.sym(s);
        }
        if let Some(e) = ex {
            w.extraction(e, doc.map_or("", |d| d.source.as_str()));
        }
    }
    let section = w.out;
    drop(w.syms);
    // The index is varints that deflate barely shrinks: it is stored as it
    // is (it has its own checksum), the documents compressed.
    // Level 0: bytes handed from one worker to another, not stored; the
    // section goes as it is (flags 0).
    let raw_len = section.len() as u64;
    let (stored, flags) = if level == 0 {
        (section, 0)
    } else {
        (crate::deflate::zlib(&section, level), FLAG_DEFLATED)
    };
    let mut out = Vec::with_capacity(HEADER + stored.len() + index.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&flags.to_le_bytes());
    out.extend_from_slice(&raw_len.to_le_bytes());
    out.extend_from_slice(&(stored.len() as u64).to_le_bytes());
    out.extend_from_slice(&stored);
    out.extend_from_slice(index);
    out
}

/// Reads a snapshot of version 3 or 2.
pub(crate) fn read(bytes: &[u8]) -> Result<Parts<'_>> {
    if bytes.len() < 16 || &bytes[..8] != MAGIC {
        return Err(bad("not a Lede snapshot"));
    }
    let word =
        |at: usize| u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    match word(8) {
        2 => read_v2(bytes),
        3 => read_v3(bytes, word(12)),
        v => Err(bad(format!(
            "snapshot version {v}; this build reads versions 2 and {VERSION}"
        ))),
    }
}

fn read_v3(bytes: &[u8], flags: u32) -> Result<Parts<'_>> {
    let word = |at: usize| {
        bytes
            .get(at..at + 8)
            .map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default()))
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| bad("truncated snapshot"))
    };
    let (len, stored) = (word(16)?, word(24)?);
    let body = HEADER
        .checked_add(stored)
        .and_then(|end| bytes.get(HEADER..end))
        .ok_or_else(|| bad("truncated snapshot"))?;
    let index = &bytes[HEADER + stored..];
    let inflated;
    let payload: &[u8] = if flags & FLAG_DEFLATED != 0 {
        inflated = inflate(body, len)?;
        &inflated
    } else {
        body
    };
    if payload.len() != len {
        return Err(bad("truncated snapshot"));
    }
    let mut r = Reader {
        b: payload,
        at: 0,
        syms: Vec::new(),
    };
    let slots = r.len()?;
    let mut docs = Vec::with_capacity(slots);
    let mut extractions = Vec::with_capacity(slots);
    for _ in 0..slots {
        let tag = r.byte()?;
        let mut doc = if tag & 1 != 0 {
            Some(r.document()?)
        } else {
            None
        };
        if tag & 4 != 0 {
            let section = r.sym()?;
            match doc.as_mut() {
                Some(d) => d.section = Some(section),
                None => return Err(bad("a section without its document")),
            }
        }
        let ex = if tag & 2 != 0 {
            Some(r.extraction(doc.as_ref().map_or("", |d| d.source.as_str()))?)
        } else {
            None
        };
        docs.push(doc);
        extractions.push(ex);
    }
    if r.at != payload.len() {
        return Err(bad("the documents section has trailing bytes"));
    }
    Ok(Parts {
        docs,
        extractions,
        index,
    })
}

/// Inflates a zlib stream of known length into one allocation (checking
/// its Adler-32).
fn inflate(data: &[u8], len: usize) -> Result<Vec<u8>> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    // A length that the compressed bytes cannot hold is damage, not a
    // reason to allocate (deflate expands by at most about 1032×).
    if len / 1032 > data.len() + 64 {
        return Err(bad("implausible snapshot length"));
    }
    let mut out = vec![0u8; len];
    let mut state = Box::<DecompressorOxide>::default();
    let flags = inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER
        | inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF
        | inflate_flags::TINFL_FLAG_COMPUTE_ADLER32;
    let (status, _, written) = decompress(&mut state, data, &mut out, 0, flags);
    match status {
        TINFLStatus::Done if written == len => Ok(out),
        TINFLStatus::Done | TINFLStatus::HasMoreOutput => {
            Err(bad("the snapshot's length does not match its contents"))
        }
        s => Err(bad(format!("damaged snapshot ({s:?})"))),
    }
}

/// The version 2 body: JSON documents and extractions.
#[derive(Deserialize)]
struct SnapshotV2 {
    docs: Vec<Option<Document>>,
    extractions: Vec<Option<Extraction>>,
}

fn read_v2(bytes: &[u8]) -> Result<Parts<'_>> {
    let len = u32::from_le_bytes(bytes[12..16].try_into().unwrap_or_default()) as usize;
    let body = bytes
        .get(16..16 + len)
        .ok_or_else(|| bad("truncated snapshot"))?;
    let snap: SnapshotV2 = serde_json::from_slice(body).map_err(|e| bad(e.to_string()))?;
    Ok(Parts {
        docs: snap.docs,
        extractions: snap.extractions,
        index: &bytes[16 + len..],
    })
}

/// `s` with every run of whitespace made one space: how a paragraph is
/// rebuilt from its source slice.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// The end of the slice of `source` from `start` that collapses to `p`, if
/// there is one.
fn collapsed_span(source: &str, start: usize, p: &str) -> Option<usize> {
    // Most paragraphs are their source slice as it is: no whitespace but
    // single spaces, so that collapsing changes nothing.
    if source.as_bytes().get(start..start + p.len()) == Some(p.as_bytes()) {
        let mut last = 'x';
        let plain = p.chars().all(|c| {
            let ok = !c.is_whitespace() || (c == ' ' && last != ' ');
            last = c;
            ok
        });
        if plain && !p.starts_with(' ') {
            return Some(start + p.len());
        }
    }
    let s = source.get(start..)?;
    let mut it = s.char_indices().peekable();
    for pc in p.chars() {
        if pc == ' ' {
            let mut n = 0;
            while it.next_if(|(_, c)| c.is_whitespace()).is_some() {
                n += 1;
            }
            if n == 0 {
                return None;
            }
        } else {
            match it.next() {
                Some((_, c)) if c == pc => {}
                _ => return None,
            }
        }
    }
    let end = start + it.peek().map_or(s.len(), |&(i, _)| i);
    (collapse(&source[start..end]) == p).then_some(end)
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

fn quote_kind(k: QuoteKind) -> u8 {
    match k {
        QuoteKind::Direct => 0,
        QuoteKind::Turn => 1,
        QuoteKind::Scare => 2,
    }
}

fn entity_kind(k: EntityKind) -> u8 {
    match k {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Place => 2,
        EntityKind::Misc => 3,
    }
}

#[derive(Default)]
struct Writer<'a> {
    out: Vec<u8>,
    /// Strings written with [`Writer::sym`], by number.
    syms: HashMap<&'a str, u64>,
}

impl<'a> Writer<'a> {
    fn uint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.out.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.out.push(v as u8);
    }
    fn int(&mut self, v: i64) {
        self.uint(zigzag(v));
    }
    fn bool(&mut self, b: bool) {
        self.out.push(u8::from(b));
    }
    fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.out.extend_from_slice(s.as_bytes());
    }
    /// A string that recurs: its number when already written (plus one),
    /// else 0 and the string.
    fn sym(&mut self, s: &'a str) {
        match self.syms.get(s) {
            Some(&n) => self.uint(n + 1),
            None => {
                self.uint(0);
                self.str(s);
                let n = self.syms.len() as u64;
                self.syms.insert(s, n);
            }
        }
    }
    fn opt_str(&mut self, s: &Option<String>) {
        self.bool(s.is_some());
        if let Some(s) = s {
            self.str(s);
        }
    }
    fn opt_sym(&mut self, s: &'a Option<String>) {
        self.bool(s.is_some());
        if let Some(s) = s {
            self.sym(s);
        }
    }
    fn strs(&mut self, v: &[String]) {
        self.uint(v.len() as u64);
        for s in v {
            self.str(s);
        }
    }
    fn syms(&mut self, v: &'a [String]) {
        self.uint(v.len() as u64);
        for s in v {
            self.sym(s);
        }
    }
    /// A span, relative to `base`.
    fn span(&mut self, base: usize, (a, b): (usize, usize)) {
        self.int(a as i64 - base as i64);
        self.int(b as i64 - a as i64);
    }
    fn opt_span(&mut self, base: usize, s: Option<(usize, usize)>) {
        self.bool(s.is_some());
        if let Some(s) = s {
            self.span(base, s);
        }
    }

    fn document(&mut self, d: &'a Document) {
        self.str(&d.file);
        self.opt_str(&d.title);
        self.opt_sym(&d.outlet);
        self.syms(&d.authors);
        self.opt_str(&d.date);
        self.bool(d.date_info.is_some());
        if let Some(i) = &d.date_info {
            self.sym(i.source.as_str());
            self.out
                .extend_from_slice(&i.confidence.to_bits().to_le_bytes());
            self.str(&i.evidence);
        }
        self.opt_str(&d.untrusted_date);
        self.sym(&d.lang);
        self.opt_str(&d.url);
        self.strs(&d.lead);
        self.uint(d.paragraph_offsets.len() as u64);
        let mut prev = 0;
        for &o in &d.paragraph_offsets {
            self.int(o as i64 - prev as i64);
            prev = o;
        }
        let offsets = d.paragraph_offsets.len() == d.paragraphs.len();
        self.uint(d.paragraphs.len() as u64);
        for (i, p) in d.paragraphs.iter().enumerate() {
            let start = if offsets { d.paragraph_offsets[i] } else { 0 };
            match offsets
                .then(|| collapsed_span(&d.source, start, p))
                .flatten()
            {
                Some(end) => {
                    self.uint(1);
                    self.uint((end - start) as u64);
                }
                None => {
                    self.uint(0);
                    self.str(p);
                }
            }
        }
        self.uint(d.headings.len() as u64);
        for &h in &d.headings {
            self.uint(h as u64);
        }
        self.strs(&d.boilerplate);
        self.uint(d.turns.len() as u64);
        for t in &d.turns {
            self.sym(&t.speaker);
            self.uint(t.first_paragraph as u64);
            self.uint(t.paragraph_count as u64);
            let joined = d
                .paragraphs
                .get(t.first_paragraph..t.first_paragraph.saturating_add(t.paragraph_count))
                .map(|ps| ps.join("\n\n"));
            if joined.as_deref() == Some(t.text.as_str()) {
                self.bool(true);
            } else {
                self.bool(false);
                self.str(&t.text);
            }
        }
        self.bool(d.dateline.is_some());
        if let Some(l) = &d.dateline {
            self.str(&l.text);
            self.sym(&l.place);
            self.opt_sym(&l.agency);
            for v in [l.month, l.day] {
                self.bool(v.is_some());
                self.out.push(v.unwrap_or(0));
            }
            self.bool(l.year.is_some());
            self.int(l.year.unwrap_or(0) as i64);
        }
        self.str(&d.source);
    }

    fn extraction(&mut self, e: &'a Extraction, source: &str) {
        self.uint(e.quotes.len() as u64);
        let mut prev = 0;
        for q in &e.quotes {
            self.span(prev, (q.start, q.end));
            prev = q.start;
            self.out
                .push(quote_kind(q.kind) | (u8::from(q.partial) << 2));
            self.opt_sym(&q.speaker);
            self.opt_span(q.start, q.speaker_span);
            self.opt_span(q.start, q.source_span);
            self.opt_sym(&q.cue);
            self.opt_span(q.start, q.cue_span);
        }
        self.uint(e.entities.len() as u64);
        let mut prev = 0;
        for m in &e.entities {
            self.span(prev, (m.start, m.end));
            prev = m.start;
            let printed = source.get(m.start..m.end) == Some(m.text.as_str());
            self.out
                .push(entity_kind(m.kind) | (u8::from(printed) << 2));
            if !printed {
                self.sym(&m.text);
            }
            self.sym(&m.canonical);
            self.syms(&m.roles);
        }
    }
}

/// A paragraph as stored: its text, or the length of the source slice
/// that collapses to it (rebuilt once the source is read).
enum StoredParagraph {
    Text(String),
    Slice(usize),
}

impl StoredParagraph {
    /// Paragraph `i` of `file`, whose offsets and source are now known.
    fn rebuild(self, i: usize, offsets: &[usize], source: &str, file: &str) -> Result<String> {
        match self {
            StoredParagraph::Text(p) => Ok(p),
            StoredParagraph::Slice(len) => {
                let start = offsets.get(i).copied().unwrap_or(usize::MAX);
                start
                    .checked_add(len)
                    .and_then(|end| source.get(start..end))
                    .map(collapse)
                    .ok_or_else(|| bad(format!("paragraph {i} of {file} is outside its source")))
            }
        }
    }
}

/// A transcript turn as stored: its text is `None` when it is its
/// paragraphs joined (rebuilt once the paragraphs are).
struct StoredTurn {
    speaker: String,
    first_paragraph: usize,
    paragraph_count: usize,
    text: Option<String>,
}

impl StoredTurn {
    fn rebuild(self, paragraphs: &[String], file: &str) -> Result<Turn> {
        let (first, count) = (self.first_paragraph, self.paragraph_count);
        let text = match self.text {
            Some(t) => t,
            None => paragraphs
                .get(first..first.saturating_add(count))
                .map(|ps| ps.join("\n\n"))
                .ok_or_else(|| bad(format!("a turn of {file} is outside its paragraphs")))?,
        };
        Ok(Turn {
            speaker: self.speaker,
            text,
            first_paragraph: first,
            paragraph_count: count,
        })
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
    syms: Vec<&'a str>,
}

impl<'a> Reader<'a> {
    fn truncated(&self) -> Error {
        bad(format!("truncated snapshot at byte {}", self.at))
    }
    fn byte(&mut self) -> Result<u8> {
        let b = *self.b.get(self.at).ok_or_else(|| self.truncated())?;
        self.at += 1;
        Ok(b)
    }
    fn uint(&mut self) -> Result<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(bad(format!("bad number at byte {}", self.at)))
    }
    fn int(&mut self) -> Result<i64> {
        Ok(unzigzag(self.uint()?))
    }
    /// A count or length (at most the bytes left, which every item takes
    /// at least one of).
    fn len(&mut self) -> Result<usize> {
        let n = self.uint()?;
        if n > (self.b.len() - self.at) as u64 {
            return Err(bad(format!("implausible count {n} at byte {}", self.at)));
        }
        Ok(n as usize)
    }
    fn usize(&mut self) -> Result<usize> {
        usize::try_from(self.uint()?).map_err(|_| bad(format!("bad number at byte {}", self.at)))
    }
    /// An offset `base + delta`, which must not be negative.
    fn offset(&mut self, base: usize) -> Result<usize> {
        let v = base as i64 + self.int()?;
        usize::try_from(v).map_err(|_| bad(format!("bad offset at byte {}", self.at)))
    }
    fn bool(&mut self) -> Result<bool> {
        Ok(self.byte()? != 0)
    }
    fn str_ref(&mut self) -> Result<&'a str> {
        let n = self.len()?;
        let s = &self.b[self.at..self.at + n];
        self.at += n;
        std::str::from_utf8(s).map_err(|_| bad(format!("invalid UTF-8 at byte {}", self.at)))
    }
    fn str(&mut self) -> Result<String> {
        self.str_ref().map(str::to_string)
    }
    fn sym(&mut self) -> Result<String> {
        match self.uint()? {
            0 => {
                let s = self.str_ref()?;
                self.syms.push(s);
                Ok(s.to_string())
            }
            n => self
                .syms
                .get(n as usize - 1)
                .map(|s| s.to_string())
                .ok_or_else(|| bad(format!("unknown string {n} at byte {}", self.at))),
        }
    }
    fn opt_str(&mut self) -> Result<Option<String>> {
        Ok(if self.bool()? {
            Some(self.str()?)
        } else {
            None
        })
    }
    fn opt_sym(&mut self) -> Result<Option<String>> {
        Ok(if self.bool()? {
            Some(self.sym()?)
        } else {
            None
        })
    }
    fn strs(&mut self) -> Result<Vec<String>> {
        let n = self.len()?;
        (0..n).map(|_| self.str()).collect()
    }
    fn syms(&mut self) -> Result<Vec<String>> {
        let n = self.len()?;
        (0..n).map(|_| self.sym()).collect()
    }
    fn span(&mut self, base: usize) -> Result<(usize, usize)> {
        let a = self.offset(base)?;
        let b = self.offset(a)?;
        Ok((a, b))
    }
    fn opt_span(&mut self, base: usize) -> Result<Option<(usize, usize)>> {
        Ok(if self.bool()? {
            Some(self.span(base)?)
        } else {
            None
        })
    }

    /// A document, in [`Writer::document`]'s order. Paragraphs given as
    /// source slices and turns given as paragraphs are rebuilt once the
    /// source (written last) is read.
    fn document(&mut self) -> Result<Document> {
        let file = self.str()?;
        let title = self.opt_str()?;
        let outlet = self.opt_sym()?;
        let authors = self.syms()?;
        let date = self.opt_str()?;
        let date_info = self.date_info()?;
        let untrusted_date = self.opt_str()?;
        let lang = self.sym()?;
        let url = self.opt_str()?;
        let lead = self.strs()?;
        let paragraph_offsets = self.paragraph_offsets()?;
        let paragraphs = self.paragraphs()?;
        let n = self.len()?;
        let headings = (0..n).map(|_| self.usize()).collect::<Result<Vec<_>>>()?;
        let boilerplate = self.strs()?;
        let turns = self.turns()?;
        let dateline = self.dateline()?;
        let source = self.str()?;
        let paragraphs = paragraphs
            .into_iter()
            .enumerate()
            .map(|(i, p)| p.rebuild(i, &paragraph_offsets, &source, &file))
            .collect::<Result<Vec<_>>>()?;
        let turns = turns
            .into_iter()
            .map(|t| t.rebuild(&paragraphs, &file))
            .collect::<Result<Vec<_>>>()?;
        Ok(Document {
            file,
            title,
            outlet,
            section: None,
            authors,
            date,
            date_info,
            untrusted_date,
            lang,
            url,
            lead,
            paragraphs,
            paragraph_offsets,
            headings,
            boilerplate,
            turns,
            dateline,
            source,
        })
    }

    fn date_info(&mut self) -> Result<Option<DateInfo>> {
        if !self.bool()? {
            return Ok(None);
        }
        let source = self.sym()?;
        let source = DateSource::from_name(&source)
            .ok_or_else(|| bad(format!("unknown date source '{source}'")))?;
        let mut bits = [0u8; 4];
        for b in &mut bits {
            *b = self.byte()?;
        }
        Ok(Some(DateInfo {
            source,
            confidence: f32::from_bits(u32::from_le_bytes(bits)),
            evidence: self.str()?,
        }))
    }

    /// Offsets written as deltas from the previous one.
    fn paragraph_offsets(&mut self) -> Result<Vec<usize>> {
        let n = self.len()?;
        let mut offsets = Vec::with_capacity(n);
        let mut prev = 0;
        for _ in 0..n {
            prev = self.offset(prev)?;
            offsets.push(prev);
        }
        Ok(offsets)
    }

    fn paragraphs(&mut self) -> Result<Vec<StoredParagraph>> {
        let n = self.len()?;
        let mut paragraphs = Vec::with_capacity(n);
        for _ in 0..n {
            paragraphs.push(if self.bool()? {
                StoredParagraph::Slice(self.usize()?)
            } else {
                StoredParagraph::Text(self.str()?)
            });
        }
        Ok(paragraphs)
    }

    fn turns(&mut self) -> Result<Vec<StoredTurn>> {
        let n = self.len()?;
        let mut turns = Vec::with_capacity(n);
        for _ in 0..n {
            let speaker = self.sym()?;
            let first_paragraph = self.usize()?;
            let paragraph_count = self.usize()?;
            let text = if self.bool()? {
                None
            } else {
                Some(self.str()?)
            };
            turns.push(StoredTurn {
                speaker,
                first_paragraph,
                paragraph_count,
                text,
            });
        }
        Ok(turns)
    }

    fn dateline(&mut self) -> Result<Option<Dateline>> {
        if !self.bool()? {
            return Ok(None);
        }
        let text = self.str()?;
        let place = self.sym()?;
        let agency = self.opt_sym()?;
        let mut md = [None; 2];
        for v in &mut md {
            let has = self.bool()?;
            let b = self.byte()?;
            *v = has.then_some(b);
        }
        let has = self.bool()?;
        let y = self.int()?;
        let year = if has {
            Some(i32::try_from(y).map_err(|_| bad("bad dateline year"))?)
        } else {
            None
        };
        Ok(Some(Dateline {
            text,
            place,
            agency,
            month: md[0],
            day: md[1],
            year,
        }))
    }

    fn extraction(&mut self, source: &str) -> Result<Extraction> {
        let n = self.len()?;
        let mut quotes = Vec::with_capacity(n);
        let mut prev = 0;
        for _ in 0..n {
            let (start, end) = self.span(prev)?;
            prev = start;
            let flags = self.byte()?;
            let kind = match flags & 3 {
                0 => QuoteKind::Direct,
                1 => QuoteKind::Turn,
                2 => QuoteKind::Scare,
                _ => return Err(bad(format!("bad quote kind at byte {}", self.at))),
            };
            quotes.push(Quote {
                start,
                end,
                kind,
                partial: flags & 4 != 0,
                speaker: self.opt_sym()?,
                speaker_span: self.opt_span(start)?,
                source_span: self.opt_span(start)?,
                cue: self.opt_sym()?,
                cue_span: self.opt_span(start)?,
            });
        }
        let n = self.len()?;
        let mut entities = Vec::with_capacity(n);
        let mut prev = 0;
        for _ in 0..n {
            let (start, end) = self.span(prev)?;
            prev = start;
            let flags = self.byte()?;
            let kind = match flags & 3 {
                0 => EntityKind::Person,
                1 => EntityKind::Organization,
                2 => EntityKind::Place,
                _ => EntityKind::Misc,
            };
            let text = if flags & 4 != 0 {
                source
                    .get(start..end)
                    .ok_or_else(|| {
                        bad(format!(
                            "an entity is outside its source at byte {}",
                            self.at
                        ))
                    })?
                    .to_string()
            } else {
                self.sym()?
            };
            entities.push(Entity {
                start,
                end,
                text,
                kind,
                canonical: self.sym()?,
                roles: self.syms()?,
            });
        }
        Ok(Extraction { quotes, entities })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_source_slices_with_whitespace_collapsed() {
        let source = "Title\n\nFirst  line\n  goes on.\n\nSecond\u{a0}one.";
        assert_eq!(collapsed_span(source, 7, "First line goes on."), Some(29));
        assert_eq!(collapse(&source[7..29]), "First line goes on.");
        // A non-breaking space kept in the paragraph is not a collapsed run.
        let at = source.find("Second").unwrap();
        assert_eq!(collapsed_span(source, at, "Second\u{a0}one."), None);
        assert_eq!(collapsed_span(source, at, "Other"), None);
        assert_eq!(collapsed_span(source, 500, "x"), None);
    }

    #[test]
    fn numbers_round_trip() {
        let mut w = Writer::default();
        for v in [0i64, 1, -1, 300, -70000, i64::from(i32::MAX), i64::MIN / 2] {
            w.int(v);
        }
        w.uint(u64::MAX);
        let mut r = Reader {
            b: &w.out,
            at: 0,
            syms: Vec::new(),
        };
        for v in [0i64, 1, -1, 300, -70000, i64::from(i32::MAX), i64::MIN / 2] {
            assert_eq!(r.int().unwrap(), v);
        }
        assert_eq!(r.uint().unwrap(), u64::MAX);
    }
}
