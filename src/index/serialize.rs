//! The binary form of an [`Index`]: compact, versioned, checksummed.
//!
//! ```text
//! magic    8 bytes  "LEDEIDX\0"
//! version  u32 LE   FORMAT_VERSION
//! body     varint-encoded sections: docs, terms (with their postings
//!          streams as they are in memory), lexicons (words and stems
//!          with their role bits), keywords
//! checksum u64 LE   FNV-1a 64 of everything before it
//! ```
//!
//! Loading checks the magic, the version and the checksum, then every id
//! and length while decoding; any failure is [`Error::BadIndex`].

use super::lexicon::{Lexicon, STEM, SURFACE};
use super::postings::{read_varint, write_varint};
use super::{DocMeta, Field, Index, TermInfo};
use crate::error::{Error, Result};
use crate::hash::fnv1a;

const MAGIC: &[u8; 8] = b"LEDEIDX\0";
/// The version written by this build; other versions are refused.
const FORMAT_VERSION: u32 = 2;

fn bad(message: impl Into<String>) -> Error {
    Error::BadIndex {
        message: message.into(),
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    write_varint(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn u32(&mut self) -> Result<u32> {
        read_varint(self.b, &mut self.at)
            .ok_or_else(|| bad(format!("truncated at byte {}", self.at)))
    }
    fn len(&mut self) -> Result<usize> {
        let n = self.u32()? as usize;
        if n > self.b.len() - self.at.min(self.b.len()) + 1 && n > 1 << 20 {
            return Err(bad(format!("implausible count {n} at byte {}", self.at)));
        }
        Ok(n)
    }
    fn bytes(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.b.len());
        let end = end.ok_or_else(|| bad(format!("truncated at byte {}", self.at)))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn byte(&mut self) -> Result<u8> {
        Ok(self.bytes(1)?[0])
    }
    fn str(&mut self) -> Result<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.bytes(n)?).map_err(|_| bad("invalid UTF-8 in a string"))
    }
}

impl Index {
    /// The index as bytes (see the module docs for the format).
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.memory_bytes() / 2 + 64);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        self.write_docs(&mut out);
        self.write_terms(&mut out);
        self.write_lexicons(&mut out);
        self.write_keywords(&mut out);
        let sum = fnv1a(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Loads an index written by [`Index::to_bytes`].
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Index> {
        let body = checked_body(bytes)?;
        let mut r = Reader {
            b: body,
            at: MAGIC.len() + 4,
        };
        let mut ix = Index::default();
        let n_docs = ix.read_docs(&mut r)?;
        let n_terms = ix.read_terms(&mut r, n_docs)?;
        ix.read_lexicons(&mut r, n_terms)?;
        ix.read_keywords(&mut r, n_docs)?;
        if r.at != body.len() {
            return Err(bad(format!("{} trailing bytes", body.len() - r.at)));
        }
        Ok(ix)
    }

    /// Docs: flags (live, indexed), field lengths, date, keywords.
    fn write_docs(&self, out: &mut Vec<u8>) {
        write_varint(out, self.docs.len() as u32);
        for d in &self.docs {
            out.push(u8::from(d.live) | (u8::from(d.indexed) << 1));
            write_varint(out, d.title_len);
            write_varint(out, d.body_len);
            write_varint(out, d.date);
            write_varint(out, d.keywords.len() as u32);
            for (f, v) in &d.keywords {
                out.push(f.code());
                put_str(out, v);
            }
        }
    }

    /// Reads the docs and their totals; returns how many there are.
    fn read_docs(&mut self, r: &mut Reader<'_>) -> Result<usize> {
        let n_docs = r.len()?;
        for _ in 0..n_docs {
            let flags = r.byte()?;
            let mut m = DocMeta {
                live: flags & 1 != 0,
                indexed: flags & 2 != 0,
                title_len: r.u32()?,
                body_len: r.u32()?,
                date: r.u32()?,
                keywords: Vec::new(),
            };
            let n = r.len()?;
            for _ in 0..n {
                let f = Field::from_code(r.byte()?).ok_or_else(|| bad("unknown field code"))?;
                m.keywords.push((f, r.str()?.into()));
            }
            if m.live {
                self.live += 1;
                self.sum_title += m.title_len as u64;
                self.sum_body += m.body_len as u64;
            } else if m.indexed {
                self.dead += 1;
            }
            self.docs.push(m);
        }
        Ok(n_docs)
    }

    /// Terms: document frequency, last document, postings stream.
    fn write_terms(&self, out: &mut Vec<u8>) {
        write_varint(out, self.terms.len() as u32);
        for t in &self.terms {
            write_varint(out, t.df);
            write_varint(out, t.last_doc);
            write_varint(out, t.postings.len() as u32);
            out.extend_from_slice(&t.postings);
        }
    }

    /// Reads the terms (of an index of `n_docs` documents); returns how
    /// many there are.
    fn read_terms(&mut self, r: &mut Reader<'_>, n_docs: usize) -> Result<usize> {
        let n_terms = r.len()?;
        for _ in 0..n_terms {
            let df = r.u32()?;
            let last_doc = r.u32()?;
            let n = r.len()?;
            let postings = r.bytes(n)?.to_vec();
            if last_doc as usize >= n_docs.max(1) {
                return Err(bad("posting for an unknown document"));
            }
            self.terms.push(TermInfo {
                df,
                last_doc,
                postings,
            });
        }
        Ok(n_terms)
    }

    /// Lexicons: language, then words with their role bits and term.
    fn write_lexicons(&self, out: &mut Vec<u8>) {
        write_varint(out, self.lexicons.len() as u32);
        for l in &self.lexicons {
            put_str(out, &l.lang);
            let entries: Vec<(&str, u32)> = l.entries().collect();
            write_varint(out, entries.len() as u32);
            for (w, v) in entries {
                put_str(out, w);
                write_varint(out, v);
            }
        }
    }

    /// Reads the lexicons, checking every term id against `n_terms`.
    fn read_lexicons(&mut self, r: &mut Reader<'_>, n_terms: usize) -> Result<()> {
        let n = r.len()?;
        for _ in 0..n {
            let mut lex = Lexicon::new(r.str()?);
            let m = r.len()?;
            for _ in 0..m {
                let w = r.str()?;
                let v = r.u32()?;
                let t = v & (STEM - 1);
                if t as usize >= n_terms {
                    return Err(bad(format!("term id {t} out of range")));
                }
                if v & (SURFACE | STEM) == 0 || w.is_empty() {
                    return Err(bad("lexicon entry without a role"));
                }
                lex.restore(w, v);
            }
            self.lexicons.push(lex);
        }
        Ok(())
    }

    /// Keywords: field, token, delta-coded document list.
    fn write_keywords(&self, out: &mut Vec<u8>) {
        write_varint(out, self.keywords.len() as u32);
        for ((f, tok), docs) in &self.keywords {
            out.push(f.code());
            put_str(out, tok);
            write_varint(out, docs.len() as u32);
            let mut prev = 0;
            for &d in docs {
                write_varint(out, d - prev);
                prev = d;
            }
        }
    }

    /// Reads the keyword lists, each strictly increasing below `n_docs`.
    fn read_keywords(&mut self, r: &mut Reader<'_>, n_docs: usize) -> Result<()> {
        let n = r.len()?;
        for _ in 0..n {
            let f = Field::from_code(r.byte()?).ok_or_else(|| bad("unknown field code"))?;
            let tok = r.str()?;
            let m = r.len()?;
            let mut docs = Vec::with_capacity(m.min(1 << 20));
            let mut prev = 0u32;
            for i in 0..m {
                let d = prev
                    .checked_add(r.u32()?)
                    .filter(|&d| (d as usize) < n_docs && (i == 0 || d > prev))
                    .ok_or_else(|| bad("keyword list out of order or range"))?;
                docs.push(d);
                prev = d;
            }
            self.keywords.insert((f, tok.into()), docs);
        }
        Ok(())
    }
}

/// The bytes between the header and the checksum, once the magic, the
/// version and the checksum are right (the reader starts after the
/// header).
fn checked_body(bytes: &[u8]) -> Result<&[u8]> {
    if bytes.len() < MAGIC.len() + 4 + 8 || &bytes[..8] != MAGIC {
        return Err(bad("not a Lede index (bad magic)"));
    }
    let version = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
    if version != FORMAT_VERSION {
        return Err(bad(format!(
            "format version {version}, this build reads {FORMAT_VERSION}"
        )));
    }
    let (body, tail) = bytes.split_at(bytes.len() - 8);
    let mut sum = [0u8; 8];
    sum.copy_from_slice(tail);
    if fnv1a(body) != u64::from_le_bytes(sum) {
        return Err(bad("checksum mismatch (corrupted or truncated)"));
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Document;

    fn sample() -> Index {
        let mut ix = Index::default();
        for i in 0..5u32 {
            let d = Document {
                title: Some(format!("Title {i}")),
                paragraphs: vec![format!("Body number {i} about security guarantees.")],
                lang: "en".into(),
                ..Document::default()
            };
            let kw = [
                (Field::Outlet, format!("Outlet {i}")),
                (Field::Date, format!("2022-01-0{}", i + 1)),
            ];
            ix.add(i * 2, &d, &kw).unwrap();
        }
        ix.remove(4);
        ix
    }

    #[test]
    fn round_trip() {
        let ix = sample();
        let bytes = ix.to_bytes();
        let back = Index::from_bytes(&bytes).unwrap();
        assert_eq!(back.to_bytes().len(), bytes.len());
        assert_eq!(back.live_docs().count(), 4);
        assert_eq!(back.lookup("guarantee"), ix.lookup("guarantee"));
        let t = back.lookup("security")[0];
        assert_eq!(back.postings(t).count(), 5);
        assert_eq!(back.keyword_docs(Field::Outlet, "outlet"), &[0, 2, 4, 6, 8]);
        assert_eq!(back.date(8), Some(20220105));
        assert!(!back.is_live(4));
    }

    #[test]
    fn rejects_damage() {
        let bytes = sample().to_bytes();
        for i in [0, 9, 20, bytes.len() / 2, bytes.len() - 1] {
            let mut b = bytes.clone();
            b[i] ^= 0x40;
            assert!(
                matches!(Index::from_bytes(&b), Err(Error::BadIndex { .. })),
                "byte {i}"
            );
        }
        assert!(Index::from_bytes(&bytes[..bytes.len() - 3]).is_err());
        assert!(Index::from_bytes(b"").is_err());
        let mut v2 = bytes.clone();
        v2[8] = 9;
        assert!(Index::from_bytes(&v2).is_err());
    }
}
