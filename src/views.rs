//! What the page shows beyond search: the timeline of dated events, the
//! annotations of a document for the reader. Each view gathers what the
//! extractors found and places it in the document's paragraphs
//! ([`crate::locate`]), so the page only renders.

use serde::Serialize;

use crate::extract as ex;
use crate::extract::time::{self, Date};
use crate::index::Part;
use crate::locate::{Offsets, Segment};
use crate::query::Location;
use crate::vocab::{ByteSpan, CharSpan};
use crate::{Corpus, DocId, Document};

/// The whole corpus aligned once ([`Corpus::flags`]): the statements the
/// view lists and the flags of every statement.
#[derive(Debug)]
pub(crate) struct Aligned {
    pub statements: Vec<crate::analyze::Statement>,
    pub flags: crate::analyze::Flags,
}

impl From<Vec<crate::analyze::Statement>> for Aligned {
    /// Every statement of the corpus: their flags, and the first
    /// `max_statements` kept for the view.
    fn from(mut statements: Vec<crate::analyze::Statement>) -> Aligned {
        let flags = crate::analyze::Flags::from_statements(&statements);
        statements.truncate(crate::analyze::AlignOptions::default().max_statements);
        Aligned { statements, flags }
    }
}

/// One dated mention on the corpus timeline.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineItem {
    pub doc: DocId,
    pub file: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// The TIMEX3 value ("2022-02-12", "2022-01").
    pub value: String,
    /// The first day the value covers, YYYY-MM-DD, when it has one.
    pub date: Option<String>,
    /// The expression as written.
    pub text: String,
    /// The sentence around it.
    pub sentence: String,
    /// Where it is in the reader.
    pub location: Option<Location>,
}

/// The corpus timeline.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    /// Dated mentions, earliest first.
    pub events: Vec<TimelineItem>,
}

/// The dated mentions of a corpus counted by what the timeline's chart
/// draws them by: the first day a mention covers, its value (a day, week,
/// month, quarter or year; a time of day counts for its day) and its
/// document's outlet. A corpus file stores them beside (or, too big to
/// show every event, instead of) the timeline, so that the chart of the
/// whole corpus needs a few kilobytes, not every mention's sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimelineCounts {
    /// By date, value and outlet.
    pub counts: Vec<MentionCount>,
}

/// `(date, value, outlet, mentions)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionCount(pub String, pub String, pub Option<String>, pub u64);

impl TimelineCounts {
    /// The counts of several corpora as those of one.
    pub fn merge(parts: impl IntoIterator<Item = TimelineCounts>) -> TimelineCounts {
        let mut all = std::collections::BTreeMap::new();
        for part in parts {
            for MentionCount(date, value, outlet, n) in part.counts {
                *all.entry((date, value, outlet)).or_insert(0) += n;
            }
        }
        TimelineCounts {
            counts: all
                .into_iter()
                .map(|((date, value, outlet), n)| MentionCount(date, value, outlet, n))
                .collect(),
        }
    }

    /// How many mentions are counted.
    pub fn mentions(&self) -> u64 {
        self.counts.iter().map(|c| c.3).sum()
    }
}

/// A temporal expression placed in a paragraph, for the reader.
#[derive(Debug, Clone, Serialize)]
pub struct TimexMark {
    pub text: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub value: String,
    pub segments: Vec<Segment>,
}

/// A quote placed in paragraphs, for the reader.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteMark {
    /// "direct", "turn" or "scare".
    pub kind: &'static str,
    pub speaker: Option<String>,
    pub cue: Option<String>,
    pub segments: Vec<Segment>,
}

/// Everything the reader marks in one document.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Annotations {
    pub quotes: Vec<QuoteMark>,
    pub timexes: Vec<TimexMark>,
}

/// One quote of a person, for the People view.
#[derive(Debug, Clone, Serialize)]
pub struct PersonQuote {
    pub text: String,
    /// "direct" or "turn".
    pub kind: &'static str,
    pub cue: Option<String>,
    /// Where it starts in the reader.
    pub location: Option<Location>,
}

/// One document's quotes of a person.
#[derive(Debug, Clone, Serialize)]
pub struct PersonDoc {
    pub doc: DocId,
    pub file: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub quotes: Vec<PersonQuote>,
}

/// A person across the corpus, every spelling merged.
#[derive(Debug, Clone, Serialize)]
pub struct PersonView {
    pub name: String,
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
    pub mentions: usize,
    pub quote_count: usize,
    /// The outlets that quote the person, most quotes first.
    pub outlets: Vec<String>,
    /// The quotes of each of `outlets`, in its order.
    pub outlet_quotes: Vec<usize>,
    /// The documents that quote the person.
    pub doc_count: usize,
    /// Quotes grouped by document, earliest document first; empty in the
    /// people's counts ([`Corpus::people_counts`]), which a corpus too big
    /// to list every quote of its people gives.
    pub docs: Vec<PersonDoc>,
}

/// Up to this many documents, statement alignment takes every sentence of
/// the selection as a candidate for every other. Above it, statements are
/// aligned within each story of the selection ([`crate::analyze::stories`]:
/// documents sharing specific names, numbers and rare words, dated close
/// together), so the cost grows with the corpus rather than its square and
/// no document is left out; a statement carried by two documents of no
/// common story is then not found. The page says which applies.
pub const MAX_ALIGN_DOCS: usize = 400;

/// Alignment (statements, flags) is done unasked only on a corpus of at
/// most [`MAX_ALIGN_DOCS`] documents and this many bytes of text: a dozen
/// 20 MB documents are few, but aligning them took a tab past 4 GB.
pub const MAX_ALIGN_TEXT: usize = 16 << 20;

/// At most this many people are listed (most quoted, then most mentioned);
/// the people of several corpus files as one too.
pub const MAX_PEOPLE: usize = 2000;

/// The location of a source span, as the search hits give it.
pub(crate) fn location(off: &Offsets, span: ByteSpan) -> Option<Location> {
    let segs = off.segments(span);
    let first = segs.first()?.paragraph;
    Some(Location {
        part: Part::Body,
        paragraph: first,
        ranges: segs
            .iter()
            .filter(|s| s.paragraph == first)
            .map(|s| [s.start, s.end])
            .collect(),
    })
}

fn reference_date(doc: &Document) -> Option<Date> {
    doc.date.as_deref().and_then(Date::parse)
}

impl Corpus {
    /// Every dated mention of every document (the documents' own dates are
    /// the reference for relative expressions), earliest first.
    pub fn timeline(&self, ids: Option<&[DocId]>) -> Timeline {
        let mut events = Vec::new();
        let mut wanted: Option<Vec<DocId>> = ids.map(<[DocId]>::to_vec);
        if let Some(w) = &mut wanted {
            w.sort_unstable();
        }
        for (id, doc) in self.iter() {
            if wanted
                .as_ref()
                .is_some_and(|w| w.binary_search(&id).is_err())
            {
                continue;
            }
            let off = Offsets::new(doc);
            for e in self.events(id).iter().cloned() {
                let span = off.bytes_of(CharSpan::new(e.start, e.end));
                let Some(loc) = location(&off, span) else {
                    continue;
                };
                events.push(TimelineItem {
                    doc: id,
                    file: doc.file.clone(),
                    title: doc.title.clone(),
                    outlet: doc.outlet.clone(),
                    value: e.value,
                    date: e.date.map(|d| d.to_string()),
                    text: e.text,
                    sentence: e.sentence,
                    location: Some(loc),
                });
            }
        }
        events.sort_by(|a, b| a.date.cmp(&b.date).then(a.doc.cmp(&b.doc)));
        Timeline { events }
    }

    /// The dated mentions of [`Corpus::timeline`] over the whole corpus,
    /// counted ([`TimelineCounts`]); the events tagged for it are kept, as
    /// the timeline keeps them (asked again, they are not tagged again).
    pub fn timeline_counts(&self) -> TimelineCounts {
        self.counts_of(|id| self.events(id))
    }

    /// [`Corpus::timeline_counts`] without keeping the events it tags (a
    /// corpus file's segment written by a build that stores no timeline:
    /// it would hold every mention's sentence for nothing).
    pub(crate) fn timeline_counts_unkept(&self) -> TimelineCounts {
        self.counts_of(|id| self.events_unkept(id))
    }

    fn counts_of<'c>(
        &'c self,
        events: impl Fn(DocId) -> std::borrow::Cow<'c, [time::TimelineEvent]> + Sync,
    ) -> TimelineCounts {
        let ids: Vec<DocId> = self.iter().map(|(id, _)| id).collect();
        let per_doc = crate::par::map(&ids, |&id| {
            let Some(doc) = self.get(id) else {
                return Vec::new();
            };
            let off = Offsets::new(doc);
            events(id)
                .iter()
                .filter(|e| location(&off, off.bytes_of(CharSpan::new(e.start, e.end))).is_some())
                .filter_map(|e| {
                    let day = e.value.split('T').next().unwrap_or(&e.value);
                    Some((e.date?.to_string(), day.to_string()))
                })
                .collect::<Vec<_>>()
        });
        let mut each = Vec::new();
        for (&id, mentions) in ids.iter().zip(per_doc) {
            let outlet = self.get(id).and_then(|d| d.outlet.clone());
            for (date, value) in mentions {
                each.push(MentionCount(date, value, outlet.clone(), 1));
            }
        }
        TimelineCounts::merge([TimelineCounts { counts: each }])
    }

    /// The speaker of the passage `[start, end)` of document `id`'s
    /// [`Document::text`], when a quote or transcript turn there has one.
    pub fn speaker_at(&self, id: DocId, start: usize, end: usize) -> Option<String> {
        let doc = self.get(id)?;
        let ex = self.extraction(id)?;
        // text() joins the paragraphs with "\n\n": find the paragraph, then
        // its place in the source.
        let mut at = 0;
        for (p, &o) in doc.paragraphs.iter().zip(&doc.paragraph_offsets) {
            let pend = at + p.len();
            if start < pend {
                let s = o + start.saturating_sub(at);
                let e = o + end.min(pend).saturating_sub(at);
                return ex
                    .quotes
                    .iter()
                    .filter(|q| q.kind != ex::QuoteKind::Scare)
                    .find(|q| q.start < e && s < q.end)
                    .and_then(|q| q.speaker.as_deref())
                    .map(|s| self.aliases().canonical(s).to_string());
            }
            at = pend + 2;
        }
        None
    }

    /// Statements rendered by several documents (or outlets), with who
    /// said them when the extractors know; over `ids` or the whole corpus
    /// (aligned once, then kept until a document comes or goes).
    /// Over more than [`MAX_ALIGN_DOCS`] documents, within each story.
    pub fn statements(&self, ids: Option<&[DocId]>) -> Vec<crate::analyze::Statement> {
        match ids {
            None => self.aligned().statements.clone(),
            Some(_) => {
                let mut out = self.align_statements(ids, None);
                out.truncate(crate::analyze::AlignOptions::default().max_statements);
                out
            }
        }
    }

    /// The whole corpus aligned once: every statement's flags gathered,
    /// the first `max_statements` statements kept for the view (all of
    /// them would hold every trail's diffs: hundreds of megabytes on a
    /// big corpus).
    fn aligned(&self) -> &Aligned {
        self.aligned
            .get_or_init(|| Aligned::from(self.align_statements(None, None)))
    }

    /// Aligns the whole corpus's statements within `all`, its stories
    /// ([`crate::analyze::stories`] of every document, what the stories
    /// view lists) when there are more than [`MAX_ALIGN_DOCS`] documents,
    /// so that [`Corpus::statements`] and [`Corpus::flags`] give them: the
    /// stories made once for both, which a corpus file stores.
    pub(crate) fn align_in_stories(&self, all: &[crate::analyze::Story]) {
        self.aligned
            .get_or_init(|| Aligned::from(self.align_statements(None, Some(all))));
    }

    /// Every statement of `ids` (all when `None`), best first; over more
    /// than [`MAX_ALIGN_DOCS`] documents within each of their stories
    /// (`known`: the stories of all documents, when made already).
    fn align_statements(
        &self,
        ids: Option<&[DocId]>,
        known: Option<&[crate::analyze::Story]>,
    ) -> Vec<crate::analyze::Statement> {
        use crate::analyze::{statements_with, stories, AlignOptions, StoryOptions};
        let docs = self.select(ids);
        let hook = |id: DocId, s: usize, e: usize| self.speaker_at(id, s, e);
        let opts = AlignOptions {
            max_statements: usize::MAX,
            ..AlignOptions::default()
        };
        // The ids asked for decide (as the page counts them).
        if ids.map_or(docs.len(), <[DocId]>::len) <= MAX_ALIGN_DOCS {
            return statements_with(&docs, &opts, Some(&hook));
        }
        // Each story aligned apart, on every core (the largest first, so
        // that no core is left with one at the end).
        let made;
        let stories = match known {
            Some(k) if ids.is_none() => k,
            _ => {
                made = stories(&docs, &StoryOptions::default());
                &made
            }
        };
        let mut order: Vec<&crate::analyze::Story> = stories.iter().collect();
        order.sort_by_key(|s| std::cmp::Reverse(s.docs.len()));
        let mut out: Vec<crate::analyze::Statement> = crate::par::map(&order, |story| {
            let members = self.select(Some(&story.docs));
            statements_with(&members, &opts, Some(&hook))
        })
        .into_iter()
        .flatten()
        .collect();
        out.sort_by(|a, b| {
            b.score.total_cmp(&a.score).then(
                (a.members[0].doc, a.members[0].start).cmp(&(b.members[0].doc, b.members[0].start)),
            )
        });
        out
    }

    /// The flags the statement trails of the whole corpus raise
    /// ([`crate::analyze::Flags`]): gathered once from every statement
    /// (aligned then, when no view asked for them before), kept until a
    /// document comes or goes.
    pub fn flags(&self) -> &crate::analyze::Flags {
        &self.aligned().flags
    }

    /// [`Corpus::flags`] when they cost no alignment now: already
    /// gathered, or a corpus of at most [`MAX_ALIGN_DOCS`] documents and
    /// [`MAX_ALIGN_TEXT`] bytes of text (aligned at once). What the Flags facet counts, so that a search
    /// of a big corpus does not wait for its alignment; a `flag:` filter
    /// gathers them first ([`Corpus::search`]).
    pub(crate) fn flags_known(&self) -> Option<&crate::analyze::Flags> {
        match self.aligned.get() {
            Some(a) => Some(&a.flags),
            None if self.len() <= MAX_ALIGN_DOCS && self.text_bytes() <= MAX_ALIGN_TEXT => {
                Some(self.flags())
            }
            None => None,
        }
    }

    /// The documents a computed filter selects: for `flag:NAME`
    /// (`quote-differs`, `attribution-differs`, `unattributed`), those the
    /// statement trails of the whole corpus flag ([`Corpus::flags_known`]);
    /// `None` for an unknown flag, another field, or flags not gathered.
    pub(crate) fn flagged(&self, field: crate::vocab::Field, value: &str) -> Option<Vec<DocId>> {
        if field != crate::vocab::Field::Flag {
            return None;
        }
        let kind = crate::vocab::FlagKind::from_name(value)?;
        Some(self.flags_known()?.docs(kind))
    }

    /// Every person of the corpus with their aliases merged across
    /// documents, and their quotes grouped by document.
    pub fn people(&self) -> Vec<PersonView> {
        self.people_listing(true)
    }

    /// Every person of the corpus as [`Corpus::people`] lists them, with
    /// their counts but not their quotes (`docs` empty): what a segment
    /// of a corpus file stores whatever its size, so that the people of
    /// a million articles are listed without a million articles' quotes.
    pub fn people_counts(&self) -> Vec<PersonView> {
        self.people_listing(false)
    }

    fn people_listing(&self, quotes_too: bool) -> Vec<PersonView> {
        let triples: Vec<(DocId, &Document, &ex::Extraction)> = self
            .iter()
            .filter_map(|(id, d)| Some((id, d, self.extraction(id)?)))
            .collect();
        let by_id: std::collections::HashMap<DocId, (&Document, &ex::Extraction)> =
            triples.iter().map(|(id, d, e)| (*id, (*d, *e))).collect();
        // Names merged across the corpus, as search facets merge them.
        let aliases = self.aliases();
        let mut out = Vec::new();
        for p in ex::people_with(&triples, |n| aliases.canonical(n))
            .into_iter()
            .take(MAX_PEOPLE)
        {
            let mut docs = Vec::new();
            let mut outlet_counts: Vec<(String, usize)> = Vec::new();
            let mut quote_count = 0;
            let mut doc_count = 0;
            for g in &p.quotes {
                let Some((doc, e)) = by_id.get(&g.doc) else {
                    continue;
                };
                // The person's quotes of the document that are there; their
                // text and place made only to be listed.
                let found = g.spans.iter().filter_map(|&(s, t)| {
                    let q = e.quotes.iter().find(|q| q.start == s && q.end == t)?;
                    Some((q, s, t, doc.source.get(s..t)?))
                });
                let quotes: Vec<PersonQuote> = if quotes_too {
                    let off = Offsets::new(doc);
                    found
                        .map(|(q, s, t, text)| PersonQuote {
                            text: text.trim().to_string(),
                            kind: q.kind.as_str(),
                            cue: q.cue.clone(),
                            location: location(&off, ByteSpan::new(s, t)),
                        })
                        .collect()
                } else {
                    // Counted only: as many placeholders, nothing cloned.
                    found
                        .map(|(q, ..)| PersonQuote {
                            text: String::new(),
                            kind: q.kind.as_str(),
                            cue: None,
                            location: None,
                        })
                        .collect()
                };
                if quotes.is_empty() {
                    continue;
                }
                quote_count += quotes.len();
                doc_count += 1;
                let outlet = doc
                    .outlet
                    .clone()
                    .unwrap_or_else(|| "unknown outlet".into());
                match outlet_counts.iter_mut().find(|(o, _)| *o == outlet) {
                    Some((_, c)) => *c += quotes.len(),
                    None => outlet_counts.push((outlet, quotes.len())),
                }
                if quotes_too {
                    docs.push(PersonDoc {
                        doc: g.doc,
                        file: doc.file.clone(),
                        title: doc.title.clone(),
                        outlet: doc.outlet.clone(),
                        date: doc.date.clone(),
                        quotes,
                    });
                }
            }
            docs.sort_by(|a, b| a.date.cmp(&b.date).then(a.doc.cmp(&b.doc)));
            outlet_counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let (outlets, outlet_quotes) = outlet_counts.into_iter().unzip();
            out.push(PersonView {
                name: p.name,
                aliases: p.aliases,
                roles: display_roles(&p.roles),
                mentions: p.mentions,
                quote_count,
                outlets,
                outlet_quotes,
                doc_count,
                docs,
            });
        }
        out
    }

    /// What the reader marks in document `id`: its quotes with their
    /// speakers, its temporal expressions with their normalized values.
    pub fn annotations(&self, id: DocId) -> Option<Annotations> {
        Some(annotations_of(
            self.get(id)?,
            self.extraction(id),
            self.aliases(),
        ))
    }
}

/// What the reader marks in `doc` (see [`Corpus::annotations`]), with
/// speakers named as `aliases` merges them.
pub(crate) fn annotations_of(
    doc: &Document,
    extraction: Option<&ex::Extraction>,
    aliases: &crate::query::Aliases,
) -> Annotations {
    let off = Offsets::new(doc);
    let quotes = extraction
        .map(|e| {
            e.quotes
                .iter()
                .filter_map(|q| {
                    let segments = off.segments(ByteSpan::new(q.start, q.end));
                    (!segments.is_empty()).then(|| QuoteMark {
                        kind: q.kind.as_str(),
                        // The name the whole corpus uses for them.
                        speaker: q
                            .speaker
                            .as_deref()
                            .map(|s| aliases.canonical(s).to_string()),
                        cue: q.cue.clone(),
                        segments,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let timexes = time::tag_document(doc, reference_date(doc))
        .into_iter()
        .filter_map(|t| {
            let segments = off.segments(off.bytes_of(CharSpan::new(t.start, t.end)));
            (!segments.is_empty()).then(|| TimexMark {
                text: t.text,
                kind: t.kind.as_str(),
                value: t.value,
                segments,
            })
        })
        .collect();
    Annotations { quotes, timexes }
}

/// A person's roles as the People view lists them: "foreign minister"
/// rather than also "minister" and "the minister", and no bare country
/// (the extractors keep those as keys for linking role nouns to names).
pub(crate) fn display_roles(roles: &[String]) -> Vec<String> {
    let plain: Vec<&str> = roles
        .iter()
        .map(|r| r.trim_start_matches("the ").trim())
        .filter(|r| r.contains(' ') || ex::gazetteer::ROLES.contains(r))
        .collect();
    let mut out: Vec<String> = Vec::new();
    for r in &plain {
        let inside_longer = plain
            .iter()
            .any(|o| o.len() > r.len() && o.ends_with(r) && o[..o.len() - r.len()].ends_with(' '));
        if !inside_longer && !out.iter().any(|o| o == r) {
            out.push(r.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_are_gathered_once_and_forgotten_when_a_document_goes() {
        use crate::vocab::FlagKind;
        let mut c = Corpus::with_seeds();
        let differs = c.flags().docs(FlagKind::QuoteDiffers);
        assert!(!differs.is_empty());
        // Kept: the same list, not aligned again.
        assert!(std::ptr::eq(c.flags(), c.flags()));
        assert_eq!(c.matching("flag:quote-differs"), differs);
        // Every flagged document's notes name it, with the speaker.
        for &d in &differs {
            let notes = c.flags().of_doc(d);
            assert!(notes.iter().any(|n| n.kind == FlagKind::QuoteDiffers));
            assert!(notes.iter().all(|n| n.doc == d && !n.quote.is_empty()));
        }
        assert!(c.remove(differs[0]));
        assert!(!c.flags().docs(FlagKind::QuoteDiffers).contains(&differs[0]));
        assert!(!c.matching("flag:quote-differs").contains(&differs[0]));
    }

    #[test]
    fn the_seed_timeline_has_the_story_dates() {
        let c = Corpus::with_seeds();
        let t = c.timeline(None);
        let dates: Vec<&str> = t.events.iter().filter_map(|e| e.date.as_deref()).collect();
        for want in [
            "2021-12-15",
            "2022-01-10",
            "2022-01-12",
            "2022-01-13",
            "2022-01-26",
            "2022-02-12",
            "2022-02-24",
        ] {
            assert!(dates.contains(&want), "{want} missing from {dates:?}");
        }
        assert!(t.events.iter().all(|e| e.location.is_some()));
    }

    #[test]
    fn lavrov_is_one_person_quoted_by_every_seed() {
        let c = Corpus::with_seeds();
        let people = c.people();
        let lavrovs: Vec<&PersonView> = people
            .iter()
            .filter(|p| p.name.contains("Lavrov"))
            .collect();
        assert_eq!(
            lavrovs.len(),
            1,
            "{:?}",
            lavrovs.iter().map(|p| &p.name).collect::<Vec<_>>()
        );
        let l = lavrovs[0];
        assert_eq!(l.name, "Sergey Lavrov");
        assert_eq!(l.docs.len(), 5, "quoted in all five seeds");
        assert!(l
            .docs
            .iter()
            .all(|d| d.quotes.iter().all(|q| q.location.is_some())));
    }

    #[test]
    fn reader_marks_dates_with_values() {
        let c = Corpus::with_seeds();
        let a = c.annotations(0).unwrap();
        let feb12 = a
            .timexes
            .iter()
            .find(|t| t.text.contains("Feb. 12"))
            .expect("Feb. 12 is marked");
        assert_eq!(feb12.value, "2022-02-12");
    }
}
