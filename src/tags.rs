//! Tags and notes: what the researcher says about documents, quotes and
//! people, and the searches they saved, kept with the corpus.
//!
//! # Keys
//!
//! A document is named by its key: the print of its normalized text
//! ([`crate::Corpus::text_print`]) as 16 hex digits. A print does not
//! change when the document is stored again (a segment rewritten, a corpus
//! file built from an export), so tags follow the text, not its id. A quote
//! is `DOCKEY:START-END` (its byte span in the document's source, as
//! [`crate::QuoteHit`] gives it); a person is their name as People names
//! them.
//!
//! # Filter
//!
//! `tag:NAME` ([`Field::Tag`]) selects the documents tagged NAME (compared
//! by their words as a keyword filter reads them: case, accents and
//! punctuation ignored, so `tag:"to-do"` and `tag:"To do"` are one), the documents of the quotes tagged NAME and the documents
//! naming or quoting a person tagged NAME (`person:` or `speaker:`, every
//! spelling): [`Tags::docs_tagged`], which the corpus and each corpus file
//! call with their own ids, as the planner's derived lists.
//!
//! # Where they are kept
//!
//! In the page, in the tab's storage beside the corpus's segments; in a
//! JSON Lines export as fields of each document's line (`tags`, `note`,
//! `quote_notes`) and, on the first line, `workbench` (`people`,
//! `searches`); in a corpus file as the member `tags.json` (this type as
//! JSON), which `lede tags --index F --add …` writes again.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::doc::{QuoteNote, RecordNotes};
use crate::error::{Error, Result};
use crate::vocab::{same_tag, DocId, Field, Note};

/// The tags and notes of a corpus, and its saved searches.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tags {
    /// By document key.
    #[serde(default)]
    pub docs: BTreeMap<String, Note>,
    /// By quote key (`DOCKEY:START-END`).
    #[serde(default)]
    pub quotes: BTreeMap<String, Note>,
    /// By person's name.
    #[serde(default)]
    pub people: BTreeMap<String, Note>,
    /// The page's saved searches, kept as the page wrote them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub searches: Vec<serde_json::Value>,
}

/// What a tag or note is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A document, by key.
    Doc(String),
    /// A quote, by key (`DOCKEY:START-END`).
    Quote(String),
    /// A person, by name.
    Person(String),
}

impl Target {
    /// The target of `kind` ("doc", "quote", "person") and `key`.
    pub fn new(kind: &str, key: &str) -> Result<Target> {
        let key = key.trim().to_string();
        let bad = |why: &str| Error::Other {
            message: format!("cannot tag {kind} {key:?}: {why}"),
        };
        match kind {
            "doc" if parse_key(&key).is_some() => Ok(Target::Doc(key)),
            "doc" => Err(bad("a document key is 16 hex digits")),
            "quote" if quote_doc(&key).is_some() => Ok(Target::Quote(key)),
            "quote" => Err(bad("a quote key is DOCKEY:START-END")),
            "person" if !key.is_empty() => Ok(Target::Person(key)),
            "person" => Err(bad("no name")),
            _ => Err(bad("what is tagged is a doc, a quote or a person")),
        }
    }
}

/// A change to the note on one target: tags to add and to take off, and
/// the note's new text (`None`: unchanged; "" removes it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Edit {
    #[serde(default)]
    pub add: Vec<String>,
    #[serde(default)]
    pub remove: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// One tag and what carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagCount {
    /// The tag as first written.
    pub tag: String,
    /// Documents, quotes and people carrying it.
    pub docs: usize,
    pub quotes: usize,
    pub people: usize,
}

/// The key of a document with text print `print`.
pub fn doc_key(print: u64) -> String {
    format!("{print:016x}")
}

/// The print a document key names.
pub fn parse_key(key: &str) -> Option<u64> {
    (key.len() == 16)
        .then(|| u64::from_str_radix(key, 16).ok())
        .flatten()
}

/// Whether a note carries `tag`, compared as the query parser gives its
/// words (case, accents and punctuation aside).
fn carries(tag: &str) -> impl Fn(&Note) -> bool + '_ {
    let words = crate::index::keyword_tokens(tag);
    move |n: &Note| {
        n.tags.iter().any(|t| {
            let theirs = crate::index::keyword_tokens(t);
            if words.is_empty() || theirs.is_empty() {
                same_tag(t, tag)
            } else {
                theirs == words
            }
        })
    }
}

/// The key of a quote of document `doc_key` at `start..end`.
pub fn quote_key(doc_key: &str, start: usize, end: usize) -> String {
    format!("{doc_key}:{start}-{end}")
}

/// The document key and span of a quote key.
fn quote_parts(key: &str) -> Option<(&str, usize, usize)> {
    let (doc, span) = key.split_once(':')?;
    let (s, e) = span.split_once('-')?;
    parse_key(doc)?;
    Some((doc, s.parse().ok()?, e.parse().ok()?))
}

/// The document key of a quote key.
fn quote_doc(key: &str) -> Option<&str> {
    quote_parts(key).map(|(d, _, _)| d)
}

/// The query that finds a person's documents (every spelling: the
/// planner's aliases).
pub(crate) fn person_query(name: &str) -> String {
    let name: String = name.chars().filter(|&c| c != '"').collect();
    format!("person:\"{name}\" OR speaker:\"{name}\"")
}

impl Tags {
    /// Reads tags from JSON (`name` names the input in the error).
    pub fn from_json(name: &str, text: &str) -> Result<Tags> {
        serde_json::from_str(text).map_err(|e| Error::BadJson {
            name: name.to_string(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })
    }

    /// As JSON (the `tags.json` member, the page's store).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Whether there are no tags, notes or saved searches.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
            && self.quotes.is_empty()
            && self.people.is_empty()
            && self.searches.is_empty()
    }

    fn map_of<'a>(&'a mut self, target: &'a Target) -> (&'a mut BTreeMap<String, Note>, &'a str) {
        match target {
            Target::Doc(k) => (&mut self.docs, k),
            Target::Quote(k) => (&mut self.quotes, k),
            Target::Person(k) => (&mut self.people, k),
        }
    }

    /// The note on `target`, if any.
    pub fn get(&self, target: &Target) -> Option<&Note> {
        match target {
            Target::Doc(k) => self.docs.get(k),
            Target::Quote(k) => self.quotes.get(k),
            Target::Person(k) => self.people.get(k),
        }
    }

    /// Changes the note on `target` with `change`; an emptied note goes.
    fn change<T>(&mut self, target: &Target, change: impl FnOnce(&mut Note) -> T) -> T {
        let (map, key) = self.map_of(target);
        let key = key.to_string();
        let note = map.entry(key.clone()).or_default();
        let out = change(note);
        if note.is_empty() {
            map.remove(&key);
        }
        out
    }

    /// Tags `target` with `tag`; whether it was new.
    pub fn add(&mut self, target: &Target, tag: &str) -> bool {
        self.change(target, |n| n.add(tag))
    }

    /// Takes `tag` off `target`; whether it was there.
    pub fn remove(&mut self, target: &Target, tag: &str) -> bool {
        self.change(target, |n| n.remove(tag))
    }

    /// Sets the note on `target` ("" removes it).
    pub fn set_note(&mut self, target: &Target, text: &str) {
        self.change(target, |n| n.note = text.trim().to_string());
    }

    /// Applies `edit` to the note on `target`.
    pub fn edit(&mut self, target: &Target, edit: &Edit) {
        for t in &edit.add {
            self.add(target, t);
        }
        for t in &edit.remove {
            self.remove(target, t);
        }
        if let Some(n) = &edit.note {
            self.set_note(target, n);
        }
    }

    /// Adds everything `other` holds (tags joined, notes kept both, saved
    /// searches added unless one of that name is here).
    pub fn merge(&mut self, other: &Tags) {
        let pairs = [
            (&mut self.docs, &other.docs),
            (&mut self.quotes, &other.quotes),
            (&mut self.people, &other.people),
        ];
        for (mine, theirs) in pairs {
            for (k, n) in theirs {
                mine.entry(k.clone()).or_default().merge(n);
            }
        }
        for s in &other.searches {
            let name = s.get("name");
            if !self.searches.iter().any(|m| m.get("name") == name) {
                self.searches.push(s.clone());
            }
        }
    }

    /// Every tag with how many documents, quotes and people carry it,
    /// most used first, then by name.
    pub fn counts(&self) -> Vec<TagCount> {
        let mut out: Vec<TagCount> = Vec::new();
        let groups = [(&self.docs, 0), (&self.quotes, 1), (&self.people, 2)];
        for (map, which) in groups {
            for tag in map.values().flat_map(|n| &n.tags) {
                let i = match out.iter().position(|c| same_tag(&c.tag, tag)) {
                    Some(i) => i,
                    None => {
                        out.push(TagCount {
                            tag: tag.clone(),
                            docs: 0,
                            quotes: 0,
                            people: 0,
                        });
                        out.len() - 1
                    }
                };
                let c = &mut out[i];
                *[&mut c.docs, &mut c.quotes, &mut c.people][which] += 1;
            }
        }
        let total = |c: &TagCount| c.docs + c.quotes + c.people;
        out.sort_by(|a, b| {
            total(b)
                .cmp(&total(a))
                .then_with(|| a.tag.to_lowercase().cmp(&b.tag.to_lowercase()))
        });
        out
    }

    /// The documents `tag:tag` selects (see the module doc), in id order:
    /// `id_of` gives the id of a document print here (`None`: not here),
    /// `person_docs` the documents naming or quoting a person.
    pub(crate) fn docs_tagged(
        &self,
        tag: &str,
        id_of: impl Fn(u64) -> Option<DocId>,
        mut person_docs: impl FnMut(&str) -> Vec<DocId>,
    ) -> Vec<DocId> {
        let mut out: Vec<DocId> = Vec::new();
        let has = carries(tag);
        let keys = self
            .docs
            .iter()
            .filter(|(_, n)| has(n))
            .map(|(k, _)| k.as_str())
            .chain(
                self.quotes
                    .iter()
                    .filter(|(_, n)| has(n))
                    .filter_map(|(k, _)| quote_doc(k)),
            );
        out.extend(keys.filter_map(parse_key).filter_map(&id_of));
        for (name, _) in self.people.iter().filter(|(_, n)| has(n)) {
            out.extend(person_docs(name));
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether the quote of the document with key `doc_key` at
    /// `start..end`, by `speaker` (a canonical name), carries `tag`: the
    /// quote itself, its document or its speaker is tagged so. What
    /// `tag:NAME` asks of a quote in Quotes mode: of a document found
    /// through one tagged quote, only that quote.
    pub(crate) fn quote_carries(
        &self,
        tag: &str,
        doc_key: Option<&str>,
        (start, end): (usize, usize),
        speaker: Option<&str>,
    ) -> bool {
        let has = carries(tag);
        let by_doc = doc_key.is_some_and(|k| {
            self.docs.get(k).is_some_and(&has)
                || self.quotes.get(&quote_key(k, start, end)).is_some_and(&has)
        });
        by_doc
            || speaker.is_some_and(|s| {
                self.people
                    .iter()
                    .any(|(name, n)| name.to_lowercase() == s.to_lowercase() && has(n))
            })
    }

    /// The derived list of a computed filter for these tags: `Some` for
    /// [`Field::Tag`], `None` for any other field.
    pub(crate) fn derived(
        &self,
        field: Field,
        tag: &str,
        id_of: impl Fn(u64) -> Option<DocId>,
        person_docs: impl FnMut(&str) -> Vec<DocId>,
    ) -> Option<Vec<DocId>> {
        (field == Field::Tag).then(|| self.docs_tagged(tag, id_of, person_docs))
    }

    /// Adds the notes a JSON record carried, for the document with key
    /// `key` (its quotes keyed under it; `workbench` merged whole).
    pub(crate) fn add_record(&mut self, key: &str, rec: &RecordNotes) {
        if !rec.doc.is_empty() {
            self.docs
                .entry(key.to_string())
                .or_default()
                .merge(&rec.doc);
        }
        for q in &rec.quote_notes {
            if !q.note.is_empty() {
                let k = quote_key(key, q.start, q.end);
                self.quotes.entry(k).or_default().merge(&q.note);
            }
        }
        if let Some(w) = &rec.workbench {
            if let Ok(w) = serde_json::from_value::<Tags>(w.clone()) {
                self.merge(&w);
            }
        }
    }

    /// The fields a JSON Lines export writes on the line of the document
    /// with key `key` (`tags`, `note`, `quote_notes`; none when it has no
    /// notes), as [`RecordNotes`] reads them back.
    pub fn record(&self, key: &str) -> Option<RecordNotes> {
        let doc = self.docs.get(key).cloned().unwrap_or_default();
        let prefix = format!("{key}:");
        let quote_notes: Vec<QuoteNote> = self
            .quotes
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter_map(|(k, n)| {
                let (_, start, end) = quote_parts(k)?;
                Some(QuoteNote {
                    start,
                    end,
                    note: n.clone(),
                })
            })
            .collect();
        let empty = doc.is_empty() && quote_notes.is_empty();
        (!empty).then_some(RecordNotes {
            doc,
            quote_notes,
            workbench: None,
        })
    }

    /// The notes of the corpus as a whole (people, saved searches), as the
    /// first line of an export carries them in `workbench`; `None` when
    /// there are none.
    pub fn workbench(&self) -> Option<serde_json::Value> {
        let w = Tags {
            people: self.people.clone(),
            searches: self.searches.clone(),
            ..Tags::default()
        };
        (!w.is_empty()).then(|| serde_json::to_value(&w).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "00000000000000aa";
    const B: &str = "00000000000000bb";

    fn tagged() -> Tags {
        let mut t = Tags::default();
        t.add(&Target::new("doc", A).unwrap(), "Check");
        t.add(&Target::new("quote", &quote_key(B, 3, 9)).unwrap(), "check");
        t.add(&Target::new("person", "Sergey Lavrov").unwrap(), "CHECK");
        t.add(&Target::new("person", "Sergey Lavrov").unwrap(), "mfa");
        t
    }

    #[test]
    fn a_tag_selects_documents_quotes_and_people_ignoring_case() {
        let t = tagged();
        let id_of = |p: u64| match p {
            0xaa => Some(7),
            0xbb => Some(2),
            _ => None,
        };
        let docs = t.docs_tagged("check", id_of, |name| {
            assert_eq!(name, "Sergey Lavrov");
            vec![2, 11]
        });
        assert_eq!(docs, vec![2, 7, 11]);
        assert_eq!(t.docs_tagged("mfa", |_| None, |_| vec![4]), vec![4]);
        assert!(t.docs_tagged("other", id_of, |_| vec![4]).is_empty());
        // As the query parser gives a quoted value: its words.
        let mut u = Tags::default();
        let a = Target::Doc(A.into());
        u.add(&a, "To-do/Café");
        assert_eq!(u.docs_tagged("to do cafe", id_of, |_| vec![]), vec![7]);
        assert!(u.docs_tagged("to do", id_of, |_| vec![]).is_empty());
        assert_eq!(t.derived(Field::Outlet, "check", id_of, |_| vec![]), None);
    }

    #[test]
    fn counts_by_what_carries_the_tag() {
        let c = tagged().counts();
        assert_eq!(c[0].tag, "Check");
        assert_eq!((c[0].docs, c[0].quotes, c[0].people), (1, 1, 1));
        assert_eq!(c[1].tag, "mfa");
    }

    #[test]
    fn removing_the_last_tag_drops_the_entry() {
        let mut t = tagged();
        let a = Target::Doc(A.into());
        assert!(t.remove(&a, "CHECK"));
        assert!(t.get(&a).is_none());
        t.set_note(&a, "  call back ");
        assert_eq!(t.get(&a).map(|n| n.note.as_str()), Some("call back"));
        t.set_note(&a, "");
        assert!(t.docs.is_empty());
    }

    #[test]
    fn bad_targets_say_why() {
        assert!(Target::new("doc", "xyz").is_err());
        assert!(Target::new("quote", A).is_err());
        assert!(Target::new("thing", A).is_err());
        assert!(Target::new("person", " ").is_err());
    }

    #[test]
    fn a_record_round_trips_through_an_export_line() {
        let mut t = tagged();
        t.set_note(&Target::Quote(quote_key(B, 3, 9)), "said twice");
        t.searches
            .push(serde_json::json!({"name": "n", "q": "nato"}));
        let rec = t.record(B).unwrap();
        assert_eq!(rec.quote_notes[0].start, 3);
        let mut line = serde_json::to_value(&rec).unwrap();
        line["workbench"] = t.workbench().unwrap();
        let map = line.as_object().unwrap();
        let back = RecordNotes::of_record(map).unwrap();
        let mut u = Tags::default();
        u.add_record(B, &back);
        assert_eq!(u.quotes, t.quotes);
        assert_eq!(u.people, t.people);
        assert_eq!(u.searches, t.searches);
        assert!(t.record("00000000000000cc").is_none());
    }

    #[test]
    fn json_round_trips_and_bad_json_is_named() {
        let t = tagged();
        assert_eq!(Tags::from_json("t", &t.to_json()).unwrap(), t);
        let e = Tags::from_json("tags.json", "{").unwrap_err().to_string();
        assert!(e.contains("tags.json"), "{e}");
    }
}
