//! Extractors: quotes with speakers, named entities, temporal expressions.
//!
//! [`extract`] runs on one document's decoded source text: sentences
//! ([`crate::text::split_sentences`]), entities ([`entities`], tagged by
//! the [`ner`] model and the [`gazetteer`]s), then quotes and speakers
//! ([`quotes`]). Offsets are bytes into that text; [`CharOffsets`] turns
//! them into Unicode character offsets for the CLI and UTF-16 offsets for
//! JavaScript (see [`crate::Span`]).
//!
//! Across a corpus, [`canonicalize`] merges person names over all
//! documents ("S.V. Lavrov", "Sergei Lavrov" and "Lavrov" become "Sergey
//! Lavrov"), [`people`] groups quotes by person, and [`keyword_fields`]
//! gives each document's canonical names for search.

pub mod entities;
pub mod gazetteer;
pub mod ner;
pub mod quotes;
pub mod time;

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

pub use entities::{Entity, EntityKind};
pub use quotes::{Quote, QuoteKind};

use crate::vocab::{ByteSpan, Chars, DocId, Field, Span, Unit, Utf16};
use crate::Document;

/// Everything extracted from one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// Quotes and transcript turns, in text order.
    pub quotes: Vec<Quote>,
    /// Entity mentions, in text order.
    pub entities: Vec<Entity>,
}

/// Extracts quotes (with speakers) and entities from a document's text.
pub fn extract(text: &str) -> Extraction {
    let sentences = crate::text::split_sentences(text);
    let mut entities = entities::find_entities(text, &sentences);
    let quotes = quotes::find_quotes(text, &sentences, &mut entities);
    Extraction { quotes, entities }
}

/// Merges person names across documents: every person mention and every
/// speaker gets the best full name found anywhere in `docs` (longest full
/// name, then the most frequent spelling; surname-only and initialled
/// mentions attach to it).
pub fn canonicalize(docs: &mut [Extraction]) {
    let map = person_names(docs.iter(), std::iter::empty());
    for d in docs.iter_mut() {
        for e in d
            .entities
            .iter_mut()
            .filter(|e| e.kind == EntityKind::Person)
        {
            if let Some(c) = map.get(&e.canonical) {
                e.canonical = c.clone();
            }
        }
        for q in &mut d.quotes {
            if let Some(s) = &q.speaker {
                if let Some(c) = map.get(s) {
                    q.speaker = Some(c.clone());
                }
            }
        }
    }
}

/// The corpus-wide name of every person name in `docs` (the names
/// persons are mentioned by, speakers of quotes) and in `more` (other
/// names, such as transcript speakers): each spelling → the best full
/// name, as [`canonicalize`] applies it.
pub fn person_names<'a>(
    docs: impl Iterator<Item = &'a Extraction>,
    more: impl Iterator<Item = &'a str>,
) -> HashMap<String, String> {
    // Each distinct spelling once, with its count, in first-seen order.
    let mut counts: Vec<(&str, usize)> = Vec::new();
    let mut slot: HashMap<&str, usize> = HashMap::new();
    let mut add = |n: &'a str| match slot.get(n) {
        Some(&i) => counts[i].1 += 1,
        None => {
            slot.insert(n, counts.len());
            counts.push((n, 1));
        }
    };
    for d in docs {
        for e in d.entities.iter().filter(|e| e.kind == EntityKind::Person) {
            add(&e.canonical);
            add(&e.text);
        }
    }
    more.for_each(add);
    let names: Vec<(&str, entities::NameKey, usize)> = counts
        .into_iter()
        .filter_map(|(n, c)| entities::name_key(n).map(|k| (n, k, c)))
        .collect();
    entities::merge_names(&names)
}

/// A person across the corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    /// The canonical name.
    pub name: String,
    /// Every other spelling seen ("S.V. Lavrov", "Lavrov", "the minister").
    pub aliases: Vec<String>,
    /// Titles and role nouns seen with the name.
    pub roles: Vec<String>,
    /// Mentions over all documents.
    pub mentions: usize,
    /// The person's quotes, grouped by document.
    pub quotes: Vec<PersonQuotes>,
}

/// One document's quotes of a person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonQuotes {
    /// The document.
    pub doc: DocId,
    /// Its outlet, when known.
    pub outlet: Option<String>,
    /// Byte spans of the quotes (direct quotes and turns) in the document's
    /// source text.
    pub spans: Vec<(usize, usize)>,
}

/// Persons of a corpus (extractions already passed through
/// [`canonicalize`]), most quoted first, then most mentioned.
pub fn people(docs: &[(DocId, &Document, &Extraction)]) -> Vec<Person> {
    people_with(docs, |n| n)
}

/// [`people`] with the names of `docs` read through `canon` (each
/// spelling → the corpus-wide name), so that the extractions need not be
/// copied and rewritten by [`canonicalize`] first.
pub fn people_with<'a>(
    docs: &[(DocId, &'a Document, &'a Extraction)],
    canon: impl Fn(&'a str) -> &'a str,
) -> Vec<Person> {
    let mut by: BTreeMap<&'a str, Person> = BTreeMap::new();
    for &(id, doc, ex) in docs {
        let id = &id;
        for e in ex.entities.iter().filter(|e| e.kind == EntityKind::Person) {
            let name = canon(&e.canonical);
            let p = by.entry(name).or_insert_with(|| Person {
                name: name.to_string(),
                aliases: Vec::new(),
                roles: Vec::new(),
                mentions: 0,
                quotes: Vec::new(),
            });
            p.mentions += 1;
            if e.text != p.name && !p.aliases.contains(&e.text) {
                p.aliases.push(e.text.clone());
            }
            for r in &e.roles {
                if !p.roles.contains(r) {
                    p.roles.push(r.clone());
                }
            }
        }
        for q in ex.quotes.iter().filter(|q| q.kind != QuoteKind::Scare) {
            let Some(s) = &q.speaker else { continue };
            let Some(p) = by.get_mut(canon(s)) else {
                continue;
            };
            match p.quotes.iter_mut().find(|g| g.doc == *id) {
                Some(g) => g.spans.push((q.start, q.end)),
                None => p.quotes.push(PersonQuotes {
                    doc: *id,
                    outlet: doc.outlet.clone(),
                    spans: vec![(q.start, q.end)],
                }),
            }
        }
    }
    let mut v: Vec<Person> = by.into_values().collect();
    let nq = |p: &Person| p.quotes.iter().map(|g| g.spans.len()).sum::<usize>();
    v.sort_by(|a, b| {
        nq(b)
            .cmp(&nq(a))
            .then(b.mentions.cmp(&a.mentions))
            .then(a.name.cmp(&b.name))
    });
    v
}

/// A document's entity keyword fields for search: ([`Field::Speaker`],
/// name), ([`Field::Person`], name), ([`Field::Org`], name),
/// ([`Field::Place`], name), canonical names, deduplicated, in first-seen
/// order.
pub fn keyword_fields(ex: &Extraction) -> Vec<(Field, String)> {
    let mut out: Vec<(Field, String)> = Vec::new();
    let mut push = |f: Field, v: &str| {
        if !out.iter().any(|(g, w)| *g == f && w == v) {
            out.push((f, v.to_string()));
        }
    };
    for q in ex.quotes.iter().filter(|q| q.kind != QuoteKind::Scare) {
        // A name, not "the document" or "one of the proposals".
        if let Some(s) = q
            .speaker
            .as_ref()
            .filter(|s| s.starts_with(char::is_uppercase))
        {
            push(Field::Speaker, s);
        }
    }
    for e in &ex.entities {
        let f = match e.kind {
            EntityKind::Person => Field::Person,
            EntityKind::Organization => Field::Org,
            EntityKind::Place => Field::Place,
            EntityKind::Misc => continue,
        };
        push(f, &e.canonical);
    }
    out
}

/// Converts byte offsets of a text into offsets in unit `U`: Unicode
/// characters ([`Chars`], what Python's `str` slicing and the CLI contract
/// use; [`CharOffsets::new`]) or UTF-16 code units ([`Utf16`], what
/// JavaScript strings use; [`CharOffsets::utf16`]).
pub struct CharOffsets<U = Chars> {
    /// Byte offsets of the characters whose length in `U` differs from
    /// their length in bytes, with the running difference; the offset in
    /// `U` of a byte offset is the offset minus the difference before it.
    extra: Vec<(usize, usize)>,
    len: usize,
    unit: std::marker::PhantomData<fn() -> U>,
}

impl CharOffsets<Chars> {
    /// Prepares conversions to Unicode scalar (character) offsets, as
    /// Python's `str` counts them.
    pub fn new(text: &str) -> CharOffsets<Chars> {
        Self::with_units(text, |_| 1)
    }
}

impl CharOffsets<Utf16> {
    /// Prepares conversions to UTF-16 code-unit offsets, as JavaScript
    /// strings count them.
    pub fn utf16(text: &str) -> CharOffsets<Utf16> {
        Self::with_units(text, char::len_utf16)
    }
}

impl<U: Unit> CharOffsets<U> {
    fn with_units(text: &str, units: impl Fn(char) -> usize) -> CharOffsets<U> {
        let mut extra = Vec::new();
        let mut acc = 0;
        for (i, c) in text.char_indices() {
            let l = c.len_utf8();
            let u = units(c);
            if l != u {
                acc += l - u;
                extra.push((i + l, acc));
            }
        }
        CharOffsets {
            extra,
            len: text.len(),
            unit: std::marker::PhantomData,
        }
    }

    /// The offset in `U` of byte offset `byte`, clamped to the text.
    pub fn char_of(&self, byte: usize) -> usize {
        let b = byte.min(self.len);
        let k = self.extra.partition_point(|&(p, _)| p <= b);
        b - if k == 0 { 0 } else { self.extra[k - 1].1 }
    }

    /// The span in `U` of the byte span `bytes`, clamped to the text.
    pub fn span(&self, bytes: ByteSpan) -> Span<U> {
        Span::new(self.char_of(bytes.start), self.char_of(bytes.end))
    }
}

/// The extraction as plain JSON, offsets converted by `offsets` (use
/// [`CharOffsets::new`] for the CLI contract, [`CharOffsets::utf16`] for
/// JavaScript): `{"quotes": [{"text", "start", "end", "speaker",
/// "speaker_start", "speaker_end", "source_start", "source_end", "cue",
/// "kind"}], "entities": [{"text", "start", "end", "kind", "canonical"}]}`.
/// `speaker_start`/`speaker_end` locate a mention of the resolved name;
/// `source_start`/`source_end` the mention the attribution itself uses
/// ("he", "the minister", "Lavrov" in "Lavrov said", a turn's label), null
/// when the quote has no attribution.
pub fn to_json<U: Unit>(
    text: &str,
    ex: &Extraction,
    offsets: &CharOffsets<U>,
) -> serde_json::Value {
    use serde_json::json;
    let slice = |s: usize, e: usize| text.get(s..e).unwrap_or("");
    let quotes: Vec<serde_json::Value> = ex
        .quotes
        .iter()
        .map(|q| {
            let span = offsets.span(ByteSpan::new(q.start, q.end));
            let speaker = q
                .speaker_span
                .map(|(s, e)| offsets.span(ByteSpan::new(s, e)));
            let source = q
                .source_span
                .map(|(s, e)| offsets.span(ByteSpan::new(s, e)));
            json!({
                "text": slice(q.start, q.end),
                "start": span.start,
                "end": span.end,
                "speaker": q.speaker,
                "speaker_start": speaker.map(|s| s.start),
                "speaker_end": speaker.map(|s| s.end),
                "source_start": source.map(|s| s.start),
                "source_end": source.map(|s| s.end),
                "cue": q.cue,
                "kind": q.kind.as_str(),
            })
        })
        .collect();
    let entities: Vec<serde_json::Value> = ex
        .entities
        .iter()
        .map(|e| {
            let span = offsets.span(ByteSpan::new(e.start, e.end));
            json!({
                "text": e.text,
                "start": span.start,
                "end": span.end,
                "kind": e.kind.as_str(),
                "canonical": e.canonical,
            })
        })
        .collect();
    json!({ "quotes": quotes, "entities": entities })
}

/// Maps each canonical name to how many mentions it has, over `ex`.
pub fn mention_counts(ex: &Extraction) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for e in &ex.entities {
        *m.entry(e.canonical.clone()).or_insert(0) += 1;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets() {
        let t = "“Ünï” said X";
        let c = CharOffsets::new(t);
        let b = t.find("said").unwrap();
        assert_eq!(c.char_of(b), 6);
        assert_eq!(c.char_of(0), 0);
        assert_eq!(c.char_of(t.len()), t.chars().count());
        assert_eq!(
            c.span(ByteSpan::new(b, b + 4)),
            crate::vocab::CharSpan::new(6, 10)
        );
        let u = CharOffsets::utf16("a😀b");
        assert_eq!(u.char_of(5), 3);
        assert_eq!(u.char_of(6), 4);
        assert_eq!(
            u.span(ByteSpan::new(1, 5)),
            crate::vocab::Utf16Span::new(1, 3)
        );
    }

    #[test]
    fn corpus_merge() {
        let mut docs = vec![
            extract("Foreign Minister Sergei Lavrov spoke. “We are ready,” Lavrov said."),
            extract("S.V. Lavrov: Dear colleagues, we are ready.\nV.V. Putin: Thank you.\nSergey Lavrov: Sergey Lavrov's staff is here."),
        ];
        canonicalize(&mut docs);
        let speakers: Vec<&str> = docs
            .iter()
            .flat_map(|d| d.quotes.iter().filter_map(|q| q.speaker.as_deref()))
            .filter(|s| s.contains("Lavrov"))
            .collect();
        assert_eq!(speakers.len(), 3, "{speakers:?}");
        assert!(speakers.iter().all(|s| *s == speakers[0]), "{speakers:?}");
        let fields = keyword_fields(&docs[0]);
        assert!(fields.iter().any(|(f, _)| *f == Field::Speaker));
    }
}
