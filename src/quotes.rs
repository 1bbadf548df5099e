//! Quotes as search results: the quotes a query matches, rather than the
//! documents.
//!
//! A query selects documents as search does; its [`MAX_QUOTE_DOCS`] most
//! relevant matches (in the search's order) are read, so the cost stays
//! bounded on a big corpus, and a note says when more documents matched.
//! In each, every extracted quote that is speech (direct quotes and
//! transcript turns; scare quotes are not) is a candidate, its speaker
//! named as the whole corpus names them ([`crate::query::Aliases`], as
//! People and the reader do). A candidate fits the query when the parsed
//! query ([`crate::query::Node`]) holds for it:
//!
//! - `speaker:NAME` keeps quotes whose speaker has every word of `NAME`
//!   or of another spelling of that person's name (`speaker:Lavrov` keeps
//!   "Sergey Lavrov" and "Sergei Lavrov");
//! - a free word must occur in the quote or in the sentences around it
//!   (the quote's sentence, and the cue's), compared through the analysis
//!   chain ([`crate::text::Analyzer`]: "guarantees" fits "guarantee");
//!   `word*` is a prefix of such a word; a phrase's words must all occur;
//! - `OR` takes any alternative; excluded clauses (`-word`), other fields
//!   (`outlet:`, `date:`, …), title-only words and fuzzy words are the
//!   document's business, already settled by the search.
//!
//! A query of filters only keeps every quote of the speaker. Quotes are
//! ranked by how many of the query's words the quote itself holds, then
//! by their document's rank, then in reading order.

use serde::Serialize;

use crate::extract::QuoteKind;
use crate::index::{keyword_tokens, DocId, Field};
use crate::locate::Offsets;
use crate::query::{parse, Aliases, Location, Node, Occur, Scope, SearchOptions, SearchResults};
use crate::text::{split_sentences, Analyzer};
use crate::vocab::ByteSpan;
use crate::Corpus;

/// Quotes are taken from at most this many of the matching documents,
/// the most relevant first.
pub const MAX_QUOTE_DOCS: usize = 500;

/// One quote that fits a query.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteHit {
    pub doc: DocId,
    pub file: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    /// The speaker as the whole corpus names them.
    pub speaker: Option<String>,
    /// The quote as written (its marks included), trimmed.
    pub text: String,
    /// "direct" or "turn".
    pub kind: &'static str,
    /// The attribution verb.
    pub cue: Option<String>,
    /// Byte offsets of the quote in the document's source:
    /// `source[start..end].trim() == text`.
    pub start: usize,
    pub end: usize,
    /// Where it is in the reader.
    pub location: Option<Location>,
}

/// The quotes a query matches.
#[derive(Debug, Clone, Serialize, Default)]
pub struct QuoteResults {
    /// The query as understood, in normalized syntax.
    pub query: String,
    /// Every fitting quote (of the documents read).
    pub total: usize,
    /// The first `limit`, best first.
    pub quotes: Vec<QuoteHit>,
    /// The search's notes, and whether documents were left unread.
    pub notes: Vec<String>,
}

/// The search that selects the documents to read.
pub fn quote_search_options() -> SearchOptions {
    SearchOptions {
        limit: MAX_QUOTE_DOCS,
        offset: 0,
        snippets: false,
        facets: false,
        ..SearchOptions::default()
    }
}

/// What a quote is matched against.
struct Text {
    /// Normalized words.
    words: Vec<String>,
    /// Their stems.
    stems: Vec<String>,
}

impl Text {
    fn new(analyzer: &Analyzer, s: &str) -> Text {
        let words: Vec<String> = crate::text::tokenize(s)
            .into_iter()
            .map(|t| t.term)
            .collect();
        let stems = words.iter().map(|w| analyzer.stem(w)).collect();
        Text { words, stems }
    }

    fn has(&self, analyzer: &Analyzer, word: &str, prefix: bool) -> bool {
        if prefix {
            return self.words.iter().any(|w| w.starts_with(word));
        }
        let stem = analyzer.stem(word);
        self.stems.contains(&stem) || self.words.iter().any(|w| w == word)
    }
}

/// The free words of a query (not excluded, not title-only), with
/// whether each is a prefix.
fn query_words(node: &Node, out: &mut Vec<(String, bool)>) {
    match node {
        Node::Word {
            text,
            scope,
            prefix,
            fuzzy,
        } => {
            if *scope != Scope::Title && fuzzy.is_none() {
                out.push((text.clone(), *prefix));
            }
        }
        Node::Phrase { words, scope, .. } => {
            if *scope != Scope::Title {
                out.extend(words.iter().map(|w| (w.clone(), false)));
            }
        }
        Node::Bool(clauses) => {
            for (occur, n) in clauses {
                if *occur != Occur::MustNot {
                    query_words(n, out);
                }
            }
        }
        Node::Or(alts) => alts.iter().for_each(|n| query_words(n, out)),
        Node::Keyword { .. } | Node::Date { .. } => {}
    }
}

/// Whether the speaker `speaker` is the person `want` names.
fn speaker_fits(aliases: &Aliases, want: &str, speaker: Option<&str>) -> bool {
    let Some(speaker) = speaker else {
        return false;
    };
    let mut have: Vec<Vec<String>> = vec![keyword_tokens(speaker)];
    have.push(keyword_tokens(aliases.canonical(speaker)));
    if let Some(all) = aliases.spellings(speaker) {
        have.extend(all.iter().map(|s| keyword_tokens(s)));
    }
    let mut names = vec![want];
    if let Some(all) = aliases.spellings(want) {
        names.extend(all.iter().map(String::as_str));
    }
    names.iter().any(|n| {
        let want = keyword_tokens(n);
        !want.is_empty() && have.iter().any(|h| want.iter().all(|w| h.contains(w)))
    })
}

/// A quote and its context, as the query sees them.
struct Candidate<'a> {
    speaker: Option<&'a str>,
    context: &'a Text,
    /// Whether the quote carries a tag (`Tags::quote_carries`).
    tagged: &'a dyn Fn(&str) -> bool,
}

/// Whether the query `node` holds for a quote (see the module doc).
fn fits(node: &Node, c: &Candidate<'_>, analyzer: &Analyzer, aliases: &Aliases) -> bool {
    match node {
        Node::Word {
            text,
            scope,
            prefix,
            fuzzy,
        } => *scope == Scope::Title || fuzzy.is_some() || c.context.has(analyzer, text, *prefix),
        Node::Phrase { words, scope, .. } => {
            *scope == Scope::Title || words.iter().all(|w| c.context.has(analyzer, w, false))
        }
        Node::Keyword { field, value } => match field {
            Field::Speaker => speaker_fits(aliases, value, c.speaker),
            Field::Tag => (c.tagged)(value),
            _ => true,
        },
        Node::Date { .. } => true,
        Node::Bool(clauses) => clauses
            .iter()
            .filter(|(o, _)| *o == Occur::Must)
            .all(|(_, n)| fits(n, c, analyzer, aliases)),
        Node::Or(alts) => alts.iter().any(|n| fits(n, c, analyzer, aliases)),
    }
}

/// The sentences of `source` around `[start, end)`: those of its line
/// that overlap the span.
fn context(source: &str, start: usize, end: usize) -> (usize, usize) {
    let line_start = source[..start.min(source.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_end = source[end.min(source.len())..]
        .find('\n')
        .map_or(source.len(), |i| end + i);
    let line = &source[line_start..line_end];
    let (mut s, mut e) = (start, end);
    for r in split_sentences(line) {
        let (rs, re) = (line_start + r.start, line_start + r.end);
        if rs < end && start < re {
            s = s.min(rs);
            e = e.max(re);
        }
    }
    (s, e)
}

impl Corpus {
    /// The quotes `query` matches (see [`crate::quotes`](self)), the first
    /// `limit` of them.
    pub fn quotes(&self, query: &str, limit: usize) -> QuoteResults {
        let ranked = self.search(query, &quote_search_options());
        self.quotes_in(query, &ranked, limit)
    }

    /// The quotes `query` matches in the documents of `ranked` (a search
    /// of `query` with [`quote_search_options`], its ids those of this
    /// corpus), the first `limit` of them.
    pub fn quotes_in(&self, query: &str, ranked: &SearchResults, limit: usize) -> QuoteResults {
        let parsed = parse(query);
        let mut words = Vec::new();
        if let Some(root) = &parsed.root {
            query_words(root, &mut words);
        }
        words.sort();
        words.dedup();
        let aliases = self.aliases();
        let mut notes = ranked.notes.clone();
        if ranked.total > ranked.hits.len() && ranked.hits.len() >= MAX_QUOTE_DOCS {
            notes.push(format!(
                "quotes are taken from the {} most relevant of {} matching documents",
                ranked.hits.len(),
                ranked.total
            ));
        }
        // (quote words, document rank, hit)
        let mut found: Vec<(usize, usize, QuoteHit)> = Vec::new();
        let mut analyzers: Vec<Analyzer> = Vec::new();
        for (rank, hit) in ranked.hits.iter().enumerate() {
            let (Some(doc), Some(ex)) = (self.get(hit.id), self.extraction(hit.id)) else {
                continue;
            };
            let lang = Analyzer::for_lang(&doc.lang);
            let i = match analyzers.iter().position(|a| a.lang() == lang.lang()) {
                Some(i) => i,
                None => {
                    analyzers.push(lang);
                    analyzers.len() - 1
                }
            };
            let analyzer = &analyzers[i];
            let off = Offsets::new(doc);
            // The document's key (a hash of its text) only when a tag:
            // clause asks for it.
            let key: std::cell::OnceCell<Option<String>> = std::cell::OnceCell::new();
            for q in ex.quotes.iter().filter(|q| q.kind != QuoteKind::Scare) {
                let Some(text) = doc.source.get(q.start..q.end).map(str::trim) else {
                    continue;
                };
                let (mut cs, mut ce) = context(&doc.source, q.start, q.end);
                if let Some((s, e)) = q.cue_span {
                    let (s2, e2) = context(&doc.source, s, e);
                    cs = cs.min(s2);
                    ce = ce.max(e2);
                }
                let around = Text::new(analyzer, doc.source.get(cs..ce).unwrap_or(text));
                let speaker = q.speaker.as_deref().map(|s| aliases.canonical(s));
                let tagged = |tag: &str| {
                    let key = key.get_or_init(|| self.doc_key(hit.id));
                    self.tags()
                        .quote_carries(tag, key.as_deref(), (q.start, q.end), speaker)
                };
                let cand = Candidate {
                    speaker: q.speaker.as_deref(),
                    context: &around,
                    tagged: &tagged,
                };
                if let Some(root) = &parsed.root {
                    if !fits(root, &cand, analyzer, aliases) {
                        continue;
                    }
                }
                let own = Text::new(analyzer, text);
                let score = words
                    .iter()
                    .filter(|(w, p)| own.has(analyzer, w, *p))
                    .count();
                found.push((
                    score,
                    rank,
                    QuoteHit {
                        doc: hit.id,
                        file: doc.file.clone(),
                        title: doc.title.clone(),
                        outlet: doc.outlet.clone(),
                        date: doc.date.clone(),
                        speaker: speaker.map(str::to_string),
                        text: text.to_string(),
                        kind: q.kind.as_str(),
                        cue: q.cue.clone(),
                        start: q.start,
                        end: q.end,
                        location: crate::views::location(&off, ByteSpan::new(q.start, q.end)),
                    },
                ));
            }
        }
        found.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(a.1.cmp(&b.1))
                .then(a.2.start.cmp(&b.2.start))
        });
        let total = found.len();
        QuoteResults {
            query: ranked.query.clone(),
            total,
            quotes: found.into_iter().take(limit).map(|(_, _, q)| q).collect(),
            notes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> Corpus {
        Corpus::with_seeds()
    }

    #[test]
    fn a_speaker_filter_keeps_only_that_speakers_quotes() {
        let c = seeds();
        let r = c.quotes("speaker:Lavrov", 1000);
        assert!(r.total >= 5, "{}", r.total);
        assert_eq!(r.total, r.quotes.len());
        let mut outlets = Vec::new();
        for q in &r.quotes {
            assert_eq!(q.speaker.as_deref(), Some("Sergey Lavrov"), "{q:?}");
            let doc = c.get(q.doc).unwrap();
            assert_eq!(doc.source[q.start..q.end].trim(), q.text);
            assert!(q.location.is_some());
            outlets.extend(q.outlet.clone());
        }
        outlets.sort();
        outlets.dedup();
        assert!(outlets.len() >= 3, "{outlets:?}");
    }

    #[test]
    fn free_words_narrow_to_quotes_that_say_them() {
        let c = seeds();
        let all = c.quotes("speaker:Lavrov", 1000);
        let nato = c.quotes("speaker:Lavrov NATO", 1000);
        assert!(nato.total > 0);
        assert!(nato.total < all.total, "{} < {}", nato.total, all.total);
        for q in &nato.quotes {
            assert_eq!(q.speaker.as_deref(), Some("Sergey Lavrov"));
            let doc = c.get(q.doc).unwrap();
            let (s, e) = context(&doc.source, q.start, q.end);
            let ex = c.extraction(q.doc).unwrap();
            let eq = ex.quotes.iter().find(|x| x.start == q.start).unwrap();
            let (cs, ce) = eq
                .cue_span
                .map_or((s, e), |(a, b)| context(&doc.source, a, b));
            let around = format!("{} {}", &doc.source[s..e], &doc.source[cs..ce]);
            assert!(around.contains("NATO"), "{around}");
        }
        // Quotes that say the word themselves come first.
        assert!(nato.quotes[0].text.contains("NATO"), "{:?}", nato.quotes[0]);
    }

    #[test]
    fn spellings_of_a_speaker_are_one_person() {
        let c = seeds();
        let a = c.quotes("speaker:Lavrov", 1000).total;
        let b = c.quotes("speaker:\"Sergei Lavrov\"", 1000).total;
        assert_eq!(a, b);
    }

    #[test]
    fn a_query_without_a_speaker_finds_quotes_of_anyone() {
        let c = seeds();
        let r = c.quotes("NATO", 1000);
        assert!(r.total > 0);
        let speakers: std::collections::BTreeSet<_> =
            r.quotes.iter().filter_map(|q| q.speaker.clone()).collect();
        assert!(speakers.len() >= 2, "{speakers:?}");
        assert!(c.quotes("zzyzzx", 10).quotes.is_empty());
    }
}
