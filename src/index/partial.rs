//! A partly loaded index: the form a corpus file's index takes in memory.
//!
//! A [`crate::corpus_file`] reader does not load a whole index. It starts
//! from the documents' field lengths and dates (what scoring and date
//! filters need for every document) and adds the rest as queries ask for
//! it: dictionary entries (surface words and stems with their document
//! frequencies), postings, keyword lists and the keyword values of
//! documents (for facets).
//!
//! The query code does not know it runs on a partial index. Every lookup
//! that reaches something not loaded yet answers as if it were empty and
//! records a [`Miss`]. The reader runs a query, loads what the misses
//! name, and runs it again, until a run records no miss; that last run
//! saw exactly what a whole index would have shown it, so its answer is
//! the same.

use std::sync::Mutex;

use rustc_hash::FxHashSet;

use super::lexicon::{Lexicon, STEM, SURFACE};
use super::{DocId, DocMeta, Field, Index, TermId, TermInfo};
use crate::text::normalize;

/// Something a query needed that a partial index has not loaded.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Miss {
    /// The dictionary entries of a query word (normalized), in every
    /// language: its own entry and its stem's.
    Word(String),
    /// The dictionary entries of every word starting with this prefix.
    Prefix(String),
    /// The dictionary entries of the words within a few edits of this one
    /// (a reader may load only those sharing its first letter).
    Fuzzy(String),
    /// The postings of a term.
    Postings(TermId),
    /// The documents whose `field` holds the normalized token.
    Keyword(Field, String),
    /// The keyword values of a document (for facets).
    DocKeywords(DocId),
}

/// The loading state of a partial index.
#[derive(Debug, Default)]
pub(crate) struct Lazy {
    /// Misses recorded since the last [`Index::take_misses`].
    misses: Mutex<FxHashSet<Miss>>,
    words: FxHashSet<String>,
    prefixes: FxHashSet<String>,
    /// Words whose neighbours within the fuzzy distance are loaded.
    fuzzy: FxHashSet<String>,
    keywords: FxHashSet<(Field, Box<str>)>,
    /// Terms whose postings are loaded.
    loaded: FxHashSet<TermId>,
    /// Documents whose keyword values are loaded.
    doc_keywords: FxHashSet<DocId>,
    /// Heap bytes of the loaded keyword values of documents.
    doc_keyword_bytes: usize,
}

/// One document's figures in a corpus file: what a partial index holds
/// for every document from the start.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DocNorms {
    pub live: bool,
    pub title_len: u32,
    pub body_len: u32,
    /// YYYYMMDD, 0 when undated.
    pub date: u32,
}

impl Lazy {
    fn miss(&self, m: Miss) {
        if let Ok(mut v) = self.misses.lock() {
            v.insert(m);
        }
    }
}

impl Index {
    /// A partial index over documents with these figures; everything else
    /// is loaded on demand.
    pub(crate) fn partial(norms: &[DocNorms], langs: &[&str]) -> Index {
        let mut ix = Index {
            lazy: Some(Box::default()),
            ..Index::default()
        };
        // The whole index's lexicon order, so that terms are visited in
        // the same order as there.
        for lang in langs {
            ix.lexicon_for(lang);
        }
        ix.docs = norms
            .iter()
            .map(|n| DocMeta {
                live: n.live,
                indexed: n.live,
                title_len: n.title_len,
                body_len: n.body_len,
                date: n.date,
                keywords: Vec::new(),
            })
            .collect();
        for n in norms.iter().filter(|n| n.live) {
            ix.live += 1;
            ix.sum_title += n.title_len as u64;
            ix.sum_body += n.body_len as u64;
        }
        ix
    }

    /// Whether this is a partial index (a corpus file's).
    pub(crate) fn is_partial(&self) -> bool {
        self.lazy.is_some()
    }

    /// The misses recorded since the last call (empty for a whole index).
    pub(crate) fn take_misses(&self) -> Vec<Miss> {
        self.lazy
            .as_ref()
            .and_then(|l| l.misses.lock().ok().map(|mut v| v.drain().collect()))
            .unwrap_or_default()
    }

    pub(super) fn miss_word(&self, normalized: &str) {
        if let Some(l) = &self.lazy {
            if !l.words.contains(normalized) {
                l.miss(Miss::Word(normalized.to_string()));
            }
        }
    }

    pub(super) fn miss_prefix(&self, prefix: &str) {
        if let Some(l) = &self.lazy {
            if !l.prefixes.iter().any(|p| prefix.starts_with(p.as_str())) {
                l.miss(Miss::Prefix(prefix.to_string()));
            }
        }
    }

    pub(super) fn miss_fuzzy(&self, word: &str) {
        if let Some(l) = &self.lazy {
            let first: String = word.chars().take(1).collect();
            if !l.fuzzy.contains(word) && !l.prefixes.iter().any(|p| first.starts_with(p.as_str()))
            {
                l.miss(Miss::Fuzzy(word.to_string()));
            }
        }
    }

    pub(super) fn miss_postings(&self, t: TermId) {
        if let Some(l) = &self.lazy {
            if !l.loaded.contains(&t) {
                l.miss(Miss::Postings(t));
            }
        }
    }

    pub(super) fn miss_keyword(&self, field: Field, token: &str) {
        if let Some(l) = &self.lazy {
            if !l.keywords.contains(&(field, Box::from(token))) {
                l.miss(Miss::Keyword(field, token.to_string()));
            }
        }
    }

    pub(super) fn miss_doc_keywords(&self, doc: DocId) {
        if let Some(l) = &self.lazy {
            if !l.doc_keywords.contains(&doc) && self.is_live(doc) {
                l.miss(Miss::DocKeywords(doc));
            }
        }
    }

    /// Records that the dictionary entries of `word` are loaded.
    pub(crate) fn mark_word(&mut self, normalized: &str) {
        if let Some(l) = &mut self.lazy {
            l.words.insert(normalized.to_string());
        }
    }

    /// Records that every word starting with `prefix` is loaded.
    pub(crate) fn mark_prefix(&mut self, prefix: &str) {
        if let Some(l) = &mut self.lazy {
            l.prefixes.insert(prefix.to_string());
        }
    }

    /// Records that the words within the fuzzy distances of `word` (and
    /// their stems) are loaded.
    pub(crate) fn mark_fuzzy(&mut self, word: &str) {
        if let Some(l) = &mut self.lazy {
            l.fuzzy.insert(word.to_string());
        }
    }

    /// Adds a dictionary entry: `key` has `roles` ([`ROLE_SURFACE`],
    /// [`ROLE_STEM`]) in language `lang` for the term known to the caller
    /// as `term` (its own id, see [`Index::term_slot`]).
    pub(crate) fn load_entry(&mut self, lang: &str, key: &str, roles: u8, term: TermId) {
        let li = self.lexicon_for(lang);
        let lex: &mut Lexicon = &mut self.lexicons[li];
        if roles & ROLE_SURFACE != 0 {
            lex.insert(key, SURFACE, term);
            self.words.invalidate();
        }
        if roles & ROLE_STEM != 0 {
            lex.insert(key, STEM, term);
        }
    }

    /// A new term slot with document frequency `df` and no postings yet.
    pub(crate) fn term_slot(&mut self, df: u32) -> TermId {
        self.terms.push(TermInfo {
            df,
            ..TermInfo::default()
        });
        (self.terms.len() - 1) as TermId
    }

    /// Sets the postings of a term slot.
    pub(crate) fn load_postings(&mut self, t: TermId, postings: Vec<u8>) {
        if let Some(info) = self.terms.get_mut(t as usize) {
            info.postings = postings;
        }
        if let Some(l) = &mut self.lazy {
            l.loaded.insert(t);
        }
    }

    /// Sets the documents of a keyword token (empty: none has it).
    pub(crate) fn load_keyword(&mut self, field: Field, token: &str, docs: Vec<DocId>) {
        if !docs.is_empty() {
            self.keywords.insert((field, token.into()), docs);
        }
        if let Some(l) = &mut self.lazy {
            l.keywords.insert((field, token.into()));
        }
    }

    /// Sets the keyword values of a document.
    pub(crate) fn load_doc_keywords(&mut self, doc: DocId, values: Vec<(Field, Box<str>)>) {
        let bytes = values
            .iter()
            .map(|(_, v)| v.len() + std::mem::size_of::<(Field, Box<str>)>())
            .sum::<usize>();
        if let Some(m) = self.docs.get_mut(doc as usize) {
            m.keywords = values;
        }
        if let Some(l) = &mut self.lazy {
            l.doc_keywords.insert(doc);
            l.doc_keyword_bytes += bytes;
        }
    }

    /// Heap bytes a partial index holds beyond its document figures (to
    /// decide when to start over from them).
    pub(crate) fn loaded_bytes(&self) -> usize {
        self.terms
            .iter()
            .map(|t| t.postings.capacity() + std::mem::size_of::<TermInfo>())
            .sum::<usize>()
            + self.lazy.as_ref().map_or(0, |l| l.doc_keyword_bytes)
            + self
                .keywords
                .values()
                .map(|v| v.capacity() * 4)
                .sum::<usize>()
            + self
                .lexicons
                .iter()
                .map(Lexicon::memory_bytes)
                .sum::<usize>()
    }

    /// Every dictionary entry of the whole index, for a corpus file:
    /// `(key, language, roles, term)`.
    pub(crate) fn dictionary(&self) -> Vec<(&str, &str, u8, TermId)> {
        let mut out = Vec::new();
        for lex in &self.lexicons {
            for (key, v) in lex.entries() {
                let roles = (u8::from(v & SURFACE != 0) * ROLE_SURFACE)
                    | (u8::from(v & STEM != 0) * ROLE_STEM);
                out.push((key, &*lex.lang, roles, v & !(SURFACE | STEM)));
            }
        }
        out
    }

    /// Every keyword list: `(field, token, documents)`.
    pub(crate) fn keyword_lists(&self) -> impl Iterator<Item = (Field, &str, &[DocId])> {
        self.keywords
            .iter()
            .map(|((f, t), docs)| (*f, &**t, docs.as_slice()))
    }

    /// The raw postings stream of a term and its document frequency.
    pub(crate) fn raw_postings(&self, t: TermId) -> (u32, &[u8]) {
        self.terms
            .get(t as usize)
            .map_or((0, &[][..]), |i| (i.df, i.postings.as_slice()))
    }

    /// The figures of every document slot (dead ones included).
    pub(crate) fn norms(&self) -> Vec<DocNorms> {
        self.docs
            .iter()
            .map(|m| DocNorms {
                live: m.live,
                title_len: m.title_len,
                body_len: m.body_len,
                date: m.date,
            })
            .collect()
    }

    /// The languages of the index's lexicons.
    pub(crate) fn languages(&self) -> Vec<&str> {
        self.lexicons.iter().map(|l| &*l.lang).collect()
    }
}

/// Role bit of a dictionary entry: the key is a surface word.
pub(crate) const ROLE_SURFACE: u8 = 1;
/// Role bit of a dictionary entry: the key is a stem.
pub(crate) const ROLE_STEM: u8 = 2;

/// The dictionary keys a query word may reach in the languages `langs`:
/// the word itself (normalized) and its stem in each.
pub(crate) fn word_keys(word: &str, langs: &[&str]) -> Vec<String> {
    let w = normalize(word);
    let mut out = vec![w.clone()];
    for lang in langs {
        let s = crate::text::Analyzer::for_lang(lang).stem(&w);
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}
