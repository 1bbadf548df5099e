//! The dictionary of a corpus file: every key (surface word, stem, or
//! keyword token) with where its postings are, in sorted chunks.
//!
//! A chunk is a run of entries, in key order:
//!
//! ```text
//! entry   key (varint length, UTF-8 bytes), varint n, then n refs
//! ref     lang u8 (index into the header's languages; 255: a keyword
//!         key, and then `roles` is the field's code), roles u8 (bit 0
//!         surface word, bit 1 stem), count varint (documents), offset
//!         varint (into the `postings` member, split as two u32 varints:
//!         low then high), varint length × 2 + 1 when deflated, CRC-32
//!         u32 LE of the stored bytes
//! ```
//!
//! The chunk table (`dict.idx`) is a varint count, then per chunk its
//! first and last key (varint length + bytes).

use super::Ref;
use crate::error::{Error, Result};
use crate::index::{read_varint, write_varint, Field};

/// The `lang` byte of a keyword entry.
pub(crate) const KEYWORD_LANG: u8 = 255;

/// One reference of a key: a term in one language, or a keyword list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct EntryRef {
    pub lang: u8,
    pub roles: u8,
    pub r: Ref,
}

/// One key and what it refers to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub key: String,
    pub refs: Vec<EntryRef>,
}

/// A written chunk and its first and last key.
pub(crate) struct Chunk {
    pub first: String,
    pub last: String,
    pub bytes: Vec<u8>,
}

/// The key of a keyword token: a control character first, so that keyword
/// keys sort before every word and never equal one.
pub(crate) fn keyword_key(field: Field, token: &str) -> String {
    format!("\u{1}{}\u{1}{token}", field.name())
}

fn bad(message: impl Into<String>) -> Error {
    Error::BadIndex {
        message: message.into(),
    }
}

/// Sorts entries by key and merges those with the same key.
pub(crate) fn merge_sorted(mut entries: Vec<Entry>) -> Vec<Entry> {
    entries.sort_by(|a, b| a.key.cmp(&b.key));
    let mut out: Vec<Entry> = Vec::with_capacity(entries.len());
    for e in entries {
        match out.last_mut() {
            Some(last) if last.key == e.key => last.refs.extend(e.refs),
            _ => out.push(e),
        }
    }
    out
}

pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    write_varint(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

fn encode_entry(out: &mut Vec<u8>, e: &Entry) {
    put_str(out, &e.key);
    write_varint(out, e.refs.len() as u32);
    for r in &e.refs {
        out.push(r.lang);
        out.push(r.roles);
        write_varint(out, r.r.count);
        write_varint(out, r.r.off as u32);
        write_varint(out, (r.r.off >> 32) as u32);
        write_varint(out, (r.r.len << 1) | u32::from(r.r.packed));
        out.extend_from_slice(&r.r.crc.to_le_bytes());
    }
}

/// Cuts sorted entries into chunks of about `target` bytes.
pub(crate) fn chunk(entries: &[Entry], target: usize) -> Vec<Chunk> {
    let mut c = Chunker::new(target);
    for e in entries {
        c.push(e);
    }
    c.finish()
}

/// Cuts entries given one at a time, in key order, into chunks of about
/// `target` bytes (the dictionary of a file too big to hold as entries:
/// [`super::compact`]).
pub(crate) struct Chunker {
    target: usize,
    bytes: Vec<u8>,
    first: Option<String>,
    last: String,
    done: Vec<Chunk>,
}

impl Chunker {
    pub(crate) fn new(target: usize) -> Chunker {
        Chunker {
            target,
            bytes: Vec::new(),
            first: None,
            last: String::new(),
            done: Vec::new(),
        }
    }

    /// Adds the next entry (keys must come in order).
    pub(crate) fn push(&mut self, e: &Entry) {
        self.first.get_or_insert_with(|| e.key.clone());
        encode_entry(&mut self.bytes, e);
        if self.bytes.len() >= self.target {
            self.cut(&e.key);
        } else {
            self.last.clone_from(&e.key);
        }
    }

    fn cut(&mut self, last: &str) {
        self.done.push(Chunk {
            first: self.first.take().unwrap_or_default(),
            last: last.to_string(),
            bytes: std::mem::take(&mut self.bytes),
        });
    }

    /// The chunks, the last one cut where the entries ended.
    pub(crate) fn finish(mut self) -> Vec<Chunk> {
        if self.first.is_some() {
            let last = std::mem::take(&mut self.last);
            self.cut(&last);
        }
        self.done
    }
}

/// The chunk table's bytes.
pub(crate) fn encode_index(chunks: &[Chunk]) -> Vec<u8> {
    let mut out = Vec::new();
    write_varint(&mut out, chunks.len() as u32);
    for c in chunks {
        put_str(&mut out, &c.first);
        put_str(&mut out, &c.last);
    }
    out
}

/// A cursor over encoded bytes.
pub(crate) struct Cursor<'a> {
    pub b: &'a [u8],
    pub at: usize,
    /// What is being read, for errors.
    pub what: &'a str,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(b: &'a [u8], what: &'a str) -> Cursor<'a> {
        Cursor { b, at: 0, what }
    }

    pub(crate) fn done(&self) -> bool {
        self.at >= self.b.len()
    }

    pub(crate) fn u32(&mut self) -> Result<u32> {
        read_varint(self.b, &mut self.at).ok_or_else(|| bad(format!("{}: truncated", self.what)))
    }

    pub(crate) fn byte(&mut self) -> Result<u8> {
        let b = *self
            .b
            .get(self.at)
            .ok_or_else(|| bad(format!("{}: truncated", self.what)))?;
        self.at += 1;
        Ok(b)
    }

    pub(crate) fn str(&mut self) -> Result<&'a str> {
        let n = self.u32()? as usize;
        let s = self
            .b
            .get(self.at..self.at + n)
            .and_then(|b| std::str::from_utf8(b).ok())
            .ok_or_else(|| bad(format!("{}: damaged string", self.what)))?;
        self.at += n;
        Ok(s)
    }

    fn crc(&mut self) -> Result<u32> {
        let b = self
            .b
            .get(self.at..self.at + 4)
            .ok_or_else(|| bad(format!("{}: truncated", self.what)))?;
        self.at += 4;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// Decodes a chunk's entries.
pub(crate) fn decode_chunk(bytes: &[u8], what: &str) -> Result<Vec<Entry>> {
    let mut c = Cursor::new(bytes, what);
    let mut out = Vec::new();
    while !c.done() {
        let key = c.str()?.to_string();
        let n = c.u32()?;
        let mut refs = Vec::with_capacity(n.min(64) as usize);
        for _ in 0..n {
            let lang = c.byte()?;
            let roles = c.byte()?;
            let count = c.u32()?;
            let off = c.u32()? as u64 | ((c.u32()? as u64) << 32);
            let len = c.u32()?;
            let crc = c.crc()?;
            let (len, packed) = (len >> 1, len & 1 != 0);
            refs.push(EntryRef {
                lang,
                roles,
                r: Ref {
                    off,
                    len,
                    crc,
                    count,
                    packed,
                },
            });
        }
        out.push(Entry { key, refs });
    }
    Ok(out)
}

/// Decodes the chunk table: `(first, last)` key of each chunk.
pub(crate) fn decode_index(bytes: &[u8]) -> Result<Vec<(String, String)>> {
    let mut c = Cursor::new(bytes, "dict.idx");
    let n = c.u32()? as usize;
    let mut out = Vec::with_capacity(n.min(1 << 20));
    for _ in 0..n {
        out.push((c.str()?.to_string(), c.str()?.to_string()));
    }
    if !c.done() {
        return Err(bad("dict.idx: trailing bytes"));
    }
    Ok(out)
}

/// The chunk that may hold `key`.
pub(crate) fn chunk_of(table: &[(String, String)], key: &str) -> Option<usize> {
    let i = table.partition_point(|(_, last)| last.as_str() < key);
    table
        .get(i)
        .filter(|(first, _)| first.as_str() <= key)
        .map(|_| i)
}

/// The chunks that may hold keys starting with `prefix`.
pub(crate) fn chunks_with_prefix(
    table: &[(String, String)],
    prefix: &str,
) -> std::ops::Range<usize> {
    let lo = table.partition_point(|(_, last)| last.as_str() < prefix);
    let mut hi = lo;
    while hi < table.len() && (table[hi].0.starts_with(prefix) || table[hi].0.as_str() < prefix) {
        hi += 1;
    }
    lo..hi
}
