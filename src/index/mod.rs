//! The inverted index: term dictionary, positional postings, field lengths
//! and keyword fields, with incremental add and remove.
//!
//! - Terms are stems from the shared analysis chain ([`crate::text`]).
//!   Each term has one compressed postings stream ([`postings`]) with the
//!   positions of every occurrence, laid out by [`layout`].
//! - Each language has a lexicon from surface words (normalized, not
//!   stemmed) to terms. Indexing looks words up there first, so a word is
//!   stemmed once per corpus, not once per occurrence. Prefix and fuzzy
//!   lookups run on the surface words through an FST ([`fst::Set`]) that
//!   is rebuilt lazily after the index changes ([`termdict`]).
//! - Keyword fields ([`Field`]) map normalized tokens to sorted doc lists.
//! - Removal marks a document dead (a tombstone); [`Index::compact`]
//!   rewrites the postings without dead documents, and runs by itself when
//!   more than a quarter of the indexed documents are dead.
//! - [`Index::to_bytes`] / [`Index::from_bytes`] give a compact, versioned,
//!   checksummed binary form ([`serialize`]).

mod global;
pub(crate) mod layout;
mod lexicon;
mod partial;
mod postings;
mod serialize;
mod termdict;

pub use crate::vocab::{DocId, Field};

pub use global::{globals, Global, TermName, Totals, Vocabulary};
pub use layout::Part;
pub(crate) use partial::{word_keys, ROLE_STEM};
pub use partial::{DocNorms, Miss};
pub(crate) use postings::{read_varint, write_varint, Posting, PostingsReader};

use rustc_hash::FxHashMap;

use crate::doc::Document;
use crate::error::{Error, Result};
use crate::text::normalize;
use crate::vocab::Date;
use lexicon::Lexicon;
use termdict::WordSet;

/// A term (stem) id, dense from 0.
pub(crate) type TermId = u32;

/// Per-term data: document frequency and the postings stream.
#[derive(Debug, Default, Clone)]
struct TermInfo {
    /// Documents in the stream (dead ones included until compaction).
    df: u32,
    /// The last document appended.
    last_doc: DocId,
    /// The encoded postings.
    postings: Vec<u8>,
}

/// What the index keeps about one document.
#[derive(Debug, Default, Clone)]
struct DocMeta {
    live: bool,
    /// Whether the document's terms are in the postings (live or dead).
    indexed: bool,
    title_len: u32,
    body_len: u32,
    /// YYYYMMDD, 0 when undated.
    date: u32,
    /// Keyword values as given (display form, for facets).
    keywords: Vec<(Field, Box<str>)>,
}

/// The inverted index of a corpus.
#[derive(Debug, Default)]
pub struct Index {
    docs: Vec<DocMeta>,
    terms: Vec<TermInfo>,
    lexicons: Vec<Lexicon>,
    keywords: FxHashMap<(Field, Box<str>), Vec<DocId>>,
    live: u32,
    dead: u32,
    /// Documents hidden ([`Index::hide`]): their postings stay, so the
    /// document frequencies a query reads are counted from the postings.
    hidden: u32,
    sum_title: u64,
    sum_body: u64,
    words: WordSet,
    scratch: Vec<(TermId, u32)>,
    /// Set for a partial index (see [`partial`]): what is loaded, and the
    /// misses of the queries run on it.
    lazy: Option<Box<partial::Lazy>>,
    /// Set when this index is one shard of several searched as one
    /// ([`global`]): their statistics, used for scoring.
    global: Option<Box<Global>>,
}

/// Size figures of an index.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct IndexStats {
    /// Live documents.
    pub docs: u32,
    /// Distinct terms (stems).
    pub terms: usize,
    /// Distinct surface words over all languages.
    pub words: usize,
    /// Bytes of all postings streams.
    pub postings_bytes: usize,
    /// Approximate heap bytes held by the index.
    pub memory_bytes: usize,
}

/// Normalized tokens of a keyword value ("Sergey Lavrov" → sergey, lavrov).
pub(crate) fn keyword_tokens(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    crate::text::for_each_word(value, |_, _, w| out.push(w.to_string()));
    out
}

impl Index {
    /// Indexes `doc` under `id`, with its keyword values (see
    /// [`Field`]; a [`Field::Date`] value "YYYY-MM-DD" sets the date).
    ///
    /// Ids must grow: `id` must be larger than every id added before.
    pub(crate) fn add(
        &mut self,
        id: DocId,
        doc: &Document,
        keywords: &[(Field, String)],
    ) -> Result<()> {
        if (id as usize) < self.docs.len() {
            return Err(Error::Other {
                message: format!("index: document id {id} is not new"),
            });
        }
        let li = self.lexicon_for(&doc.lang);
        let sections = layout::sections(doc);
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let Index {
            lexicons,
            terms,
            words,
            ..
        } = self;
        let lex = &mut lexicons[li];
        let mut n_words = 0u32;
        let title_len = layout::for_each_word(&sections, |_, _, _, w, pos| {
            n_words += 1;
            let (tid, new) = lex.term_of(w, || {
                if terms.len() == terms.capacity() {
                    terms.reserve_exact((terms.len() / 8).max(64));
                }
                terms.push(TermInfo::default());
                (terms.len() - 1) as TermId
            });
            if new {
                words.invalidate();
            }
            scratch.push((tid, pos));
        });
        scratch.sort_unstable();
        let mut i = 0;
        let mut positions = Vec::new();
        while i < scratch.len() {
            let t = scratch[i].0;
            positions.clear();
            while i < scratch.len() && scratch[i].0 == t {
                positions.push(scratch[i].1);
                i += 1;
            }
            let tf_title = positions.iter().take_while(|&&p| p < title_len).count() as u32;
            let info = &mut self.terms[t as usize];
            postings::write_posting(&mut info.postings, info.last_doc, id, tf_title, &positions);
            info.last_doc = id;
            info.df += 1;
        }
        self.scratch = scratch;

        let mut meta = DocMeta {
            live: true,
            indexed: true,
            title_len,
            body_len: n_words - title_len,
            date: 0,
            keywords: Vec::with_capacity(keywords.len()),
        };
        for (field, value) in keywords {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            if *field == Field::Date {
                if let Some(d) = Date::parse(value) {
                    meta.date = d.yyyymmdd();
                }
                continue;
            }
            meta.keywords.push((*field, value.into()));
            for tok in keyword_tokens(value) {
                let list = self.keywords.entry((*field, tok.into())).or_default();
                if list.last() != Some(&id) {
                    list.push(id);
                }
            }
        }
        self.docs.resize(id as usize, DocMeta::default());
        self.sum_title += meta.title_len as u64;
        self.sum_body += meta.body_len as u64;
        self.docs.push(meta);
        self.live += 1;
        Ok(())
    }

    /// Marks `id` removed; returns whether it was live. Compacts when more
    /// than a quarter of the indexed documents are dead.
    pub(crate) fn remove(&mut self, id: DocId) -> bool {
        if !self.take_live(id) {
            return false;
        }
        self.dead += 1;
        if self.dead > 16 && self.dead * 4 > self.live + self.dead {
            self.compact();
        }
        true
    }

    /// Hides live `id` from searches and statistics without touching its
    /// postings (a partial index read from a corpus file cannot rewrite
    /// them; see [`Index::reveal`]); returns whether it was live.
    pub(crate) fn hide(&mut self, id: DocId) -> bool {
        let hid = self.take_live(id);
        if hid {
            self.hidden += 1;
        }
        hid
    }

    /// Marks live `id` not live and takes it out of the totals; returns
    /// whether it was live.
    fn take_live(&mut self, id: DocId) -> bool {
        let Some(meta) = self.docs.get_mut(id as usize).filter(|m| m.live) else {
            return false;
        };
        meta.live = false;
        self.live -= 1;
        self.sum_title -= meta.title_len as u64;
        self.sum_body -= meta.body_len as u64;
        true
    }

    /// Shows again a document [`Index::hide`] hid (only such a one: a
    /// removed slot has no postings).
    pub(crate) fn reveal(&mut self, id: DocId) {
        if let Some(meta) = self.docs.get_mut(id as usize).filter(|m| !m.live) {
            meta.live = true;
            meta.indexed = true;
            self.live += 1;
            self.hidden = self.hidden.saturating_sub(1);
            self.sum_title += meta.title_len as u64;
            self.sum_body += meta.body_len as u64;
        }
    }

    /// Rewrites postings and keyword lists without dead documents, and
    /// drops terms and words no live document uses any more.
    pub(crate) fn compact(&mut self) {
        if self.dead == 0 {
            return;
        }
        let docs = &self.docs;
        let is_live = |d: DocId| docs.get(d as usize).is_some_and(|m| m.live);
        let mut remap: Vec<Option<TermId>> = Vec::with_capacity(self.terms.len());
        let mut kept = Vec::with_capacity(self.terms.len());
        let mut positions = Vec::new();
        for info in std::mem::take(&mut self.terms) {
            let mut fresh = TermInfo::default();
            for p in PostingsReader::new(&info.postings) {
                if !is_live(p.doc) {
                    continue;
                }
                p.decode_positions(&mut positions);
                postings::write_posting(
                    &mut fresh.postings,
                    fresh.last_doc,
                    p.doc,
                    p.tf_title,
                    &positions,
                );
                fresh.last_doc = p.doc;
                fresh.df += 1;
            }
            if fresh.df == 0 {
                remap.push(None);
            } else {
                fresh.postings.shrink_to_fit();
                remap.push(Some(kept.len() as TermId));
                kept.push(fresh);
            }
        }
        self.terms = kept;
        for lex in &mut self.lexicons {
            lex.remap(|t| remap.get(t as usize).copied().flatten());
        }
        self.keywords.retain(|_, list| {
            list.retain(|&d| is_live(d));
            !list.is_empty()
        });
        for m in &mut self.docs {
            if !m.live {
                *m = DocMeta::default();
            }
        }
        self.dead = 0;
        self.words.invalidate();
    }

    fn lexicon_for(&mut self, lang: &str) -> usize {
        let lex = Lexicon::new(lang);
        if let Some(i) = self.lexicons.iter().position(|l| l.lang == lex.lang) {
            return i;
        }
        self.lexicons.push(lex);
        self.lexicons.len() - 1
    }

    // ----- statistics -----

    /// One past the largest document id seen.
    pub(crate) fn max_doc(&self) -> DocId {
        self.docs.len() as DocId
    }

    /// Average title and body lengths (in words) over live documents.
    pub(crate) fn avg_lengths(&self) -> (f32, f32) {
        let t = self.global.as_ref().map_or(self.totals(), |g| g.totals);
        let n = t.live.max(1) as f64;
        (
            (t.sum_title as f64 / n).max(1.0) as f32,
            (t.sum_body as f64 / n).max(1.0) as f32,
        )
    }

    /// Size figures.
    pub fn stats(&self) -> IndexStats {
        IndexStats {
            docs: self.live,
            terms: self.terms.len(),
            words: self.lexicons.iter().map(|l| l.num_surfaces()).sum(),
            postings_bytes: self.terms.iter().map(|t| t.postings.len()).sum(),
            memory_bytes: self.memory_bytes(),
        }
    }

    /// Approximate heap bytes held by the index.
    pub(crate) fn memory_bytes(&self) -> usize {
        let mut n = self.docs.capacity() * std::mem::size_of::<DocMeta>();
        for d in &self.docs {
            n += d.keywords.capacity() * 24 + d.keywords.iter().map(|k| k.1.len()).sum::<usize>();
        }
        n += self.terms.capacity() * std::mem::size_of::<TermInfo>();
        n += self
            .terms
            .iter()
            .map(|t| t.postings.capacity())
            .sum::<usize>();
        for l in &self.lexicons {
            n += l.memory_bytes();
        }
        n +=
            self.keywords.capacity() * (std::mem::size_of::<((Field, Box<str>), Vec<DocId>)>() + 1);
        n += self
            .keywords
            .iter()
            .map(|(k, v)| k.1.len().div_ceil(8) * 8 + v.capacity() * 4)
            .sum::<usize>();
        n + self.words.memory_bytes()
    }

    // ----- documents -----

    /// Whether `doc` is indexed and not removed.
    pub(crate) fn is_live(&self, doc: DocId) -> bool {
        self.docs.get(doc as usize).is_some_and(|m| m.live)
    }

    /// Live document ids in order.
    pub(crate) fn live_docs(&self) -> impl Iterator<Item = DocId> + '_ {
        self.docs
            .iter()
            .enumerate()
            .filter(|(_, m)| m.live)
            .map(|(i, _)| i as DocId)
    }

    /// Title and body lengths of `doc` in words.
    pub(crate) fn doc_lengths(&self, doc: DocId) -> (u32, u32) {
        self.docs
            .get(doc as usize)
            .map_or((0, 0), |m| (m.title_len, m.body_len))
    }

    /// The date of `doc` as YYYYMMDD, when known.
    pub(crate) fn date(&self, doc: DocId) -> Option<u32> {
        self.docs
            .get(doc as usize)
            .map(|m| m.date)
            .filter(|&d| d != 0)
    }

    /// The keyword values of `doc`, as given.
    pub(crate) fn keywords(&self, doc: DocId) -> &[(Field, Box<str>)] {
        self.miss_doc_keywords(doc);
        self.docs
            .get(doc as usize)
            .map_or(&[], |m| m.keywords.as_slice())
    }

    /// Documents whose `field` has a value containing the normalized
    /// token `token` (dead documents included; callers filter).
    pub(crate) fn keyword_docs(&self, field: Field, token: &str) -> &[DocId] {
        self.miss_keyword(field, token);
        self.keywords
            .get(&(field, Box::from(token)))
            .map_or(&[], Vec::as_slice)
    }

    // ----- terms -----

    /// Term ids for a query word in every language of the index: the
    /// word's own entry in each lexicon, else its stem.
    pub(crate) fn lookup(&self, word: &str) -> Vec<TermId> {
        let w = normalize(word);
        self.miss_word(&w);
        let mut out = Vec::new();
        for lex in &self.lexicons {
            let t = lex.surface(&w).or_else(|| lex.stem(&lex.analyzer.stem(&w)));
            if let Some(t) = t {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        out
    }

    /// Term ids of an indexed surface word (exact, already normalized).
    pub(crate) fn word_terms(&self, surface: &str) -> Vec<TermId> {
        let mut out = Vec::new();
        for lex in &self.lexicons {
            if let Some(t) = lex.surface(surface) {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        out
    }

    /// Indexed surface words starting with `prefix`, most frequent
    /// first, at most `max`.
    pub(crate) fn prefix_words(&self, prefix: &str, max: usize) -> Vec<String> {
        self.miss_prefix(prefix);
        let words = self
            .words
            .get(self.lexicons.iter().flat_map(|l| l.surfaces()));
        let mut found = termdict::prefix(words, prefix, 20_000);
        self.rank_words(&mut found, max);
        found
    }

    /// Indexed surface words within `distance` edits of `word`, closest
    /// then most frequent first, at most `max` (the word itself excluded).
    pub(crate) fn fuzzy_words(&self, word: &str, distance: u32, max: usize) -> Vec<(String, u32)> {
        self.miss_fuzzy(word);
        let words = self
            .words
            .get(self.lexicons.iter().flat_map(|l| l.surfaces()));
        let mut found: Vec<(String, u32)> = termdict::fuzzy(words, word, distance, 5_000)
            .into_iter()
            .filter(|w| w != word)
            .map(|w| {
                let d = termdict::edit_distance(word, &w);
                (w, d)
            })
            .collect();
        found.sort_by(|a, b| {
            a.1.cmp(&b.1)
                .then_with(|| self.word_df(&b.0).cmp(&self.word_df(&a.0)))
                .then_with(|| a.0.cmp(&b.0))
        });
        found.truncate(max);
        found
    }

    fn word_df(&self, w: &str) -> u32 {
        self.word_terms(w)
            .iter()
            .map(|&t| self.df(t))
            .max()
            .unwrap_or(0)
    }

    fn rank_words(&self, words: &mut Vec<String>, max: usize) {
        if words.len() > max {
            let mut scored: Vec<(u32, String)> =
                words.drain(..).map(|w| (self.word_df(&w), w)).collect();
            scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            scored.truncate(max);
            words.extend(scored.into_iter().map(|s| s.1));
        }
    }

    /// Documents containing `term` (dead ones included until compaction).
    pub(crate) fn df(&self, term: TermId) -> u32 {
        self.terms.get(term as usize).map_or(0, |t| t.df)
    }

    /// The live documents in `term`'s postings: its document frequency
    /// once documents are hidden.
    pub(crate) fn live_df(&self, term: TermId) -> u32 {
        if self.hidden == 0 {
            return self.df(term);
        }
        self.postings(term).filter(|p| self.is_live(p.doc)).count() as u32
    }

    /// BM25 inverse document frequency of `term` over live documents.
    pub(crate) fn idf(&self, term: TermId) -> f32 {
        let (n, df) = match &self.global {
            Some(g) => (
                g.totals.live as f32,
                g.df.get(&term).copied().unwrap_or_else(|| self.df(term)),
            ),
            None => (self.live as f32, self.df(term)),
        };
        let df = (df as f32).min(n);
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// The postings of `term`, in doc order.
    pub(crate) fn postings(&self, term: TermId) -> PostingsReader<'_> {
        self.miss_postings(term);
        PostingsReader::new(
            self.terms
                .get(term as usize)
                .map_or(&[][..], |t| t.postings.as_slice()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, body: &[&str]) -> Document {
        Document {
            title: Some(title.into()),
            paragraphs: body.iter().map(|s| s.to_string()).collect(),
            lang: "en".into(),
            ..Document::default()
        }
    }

    #[test]
    fn add_lookup_postings() {
        let mut ix = Index::default();
        ix.add(
            0,
            &doc("Security guarantees", &["Lavrov on guarantees."]),
            &[],
        )
        .unwrap();
        ix.add(
            3,
            &doc("Other", &["A guarantee, the guarantee."]),
            &[(Field::Outlet, "TASS".into())],
        )
        .unwrap();
        let t = ix.lookup("Guaranteed");
        assert_eq!(t.len(), 1);
        let ps: Vec<_> = ix
            .postings(t[0])
            .map(|p| (p.doc, p.tf_title, p.tf_body))
            .collect();
        assert_eq!(ps, [(0, 1, 1), (3, 0, 2)]);
        assert_eq!(ix.keyword_docs(Field::Outlet, "tass"), &[3]);
        assert!(ix.add(2, &doc("x", &[]), &[]).is_err());
        assert_eq!(ix.live_docs().count(), 2);
    }

    #[test]
    fn remove_and_compact() {
        let mut ix = Index::default();
        for i in 0..40 {
            let body = if i % 2 == 0 { "even word" } else { "odd word" };
            ix.add(i, &doc("t", &[body]), &[]).unwrap();
        }
        for i in (0..40).step_by(2) {
            assert!(ix.remove(i));
        }
        assert!(!ix.remove(0));
        assert_eq!(ix.live_docs().count(), 20);
        ix.compact();
        assert!(ix.lookup("even").is_empty());
        let w = ix.lookup("word")[0];
        assert_eq!(ix.df(w), 20);
        assert!(ix.postings(w).all(|p| p.doc % 2 == 1));
        assert_eq!(ix.prefix_words("ev", 10), Vec::<String>::new());
        assert_eq!(ix.prefix_words("od", 10), ["odd"]);
    }

    #[test]
    fn fuzzy_and_prefix_words() {
        let mut ix = Index::default();
        ix.add(
            0,
            &doc("Stoltenberg", &["guarantee guarantees guaranteed"]),
            &[],
        )
        .unwrap();
        assert_eq!(ix.fuzzy_words("stoltenbrg", 1, 5)[0].0, "stoltenberg");
        let mut p = ix.prefix_words("guarant", 10);
        p.sort();
        assert_eq!(p, ["guarantee", "guaranteed", "guarantees"]);
    }
}
