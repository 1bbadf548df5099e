//! What the page shows beyond search: the timeline of dated events, the
//! annotations of a document for the reader. Each view gathers what the
//! extractors found and places it in the document's paragraphs
//! ([`crate::locate`]), so the page only renders.

use serde::Serialize;

use crate::extract::time::{self, Date};
use crate::index::Part;
use crate::locate::{Offsets, Segment};
use crate::query::Location;
use crate::{Corpus, DocId, Document};

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

/// A temporal expression placed in a paragraph, for the reader.
#[derive(Debug, Clone, Serialize)]
pub struct TimexMark {
    pub text: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub value: String,
    pub segments: Vec<Segment>,
}

/// Everything the reader marks in one document.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Annotations {
    pub timexes: Vec<TimexMark>,
}

/// The location of a source span (bytes), as the search hits give it.
fn location(doc: &Document, off: &Offsets, start: usize, end: usize) -> Option<Location> {
    let segs = off.segments(start, end);
    let first = segs.first()?.paragraph;
    let _ = doc;
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
        for (id, doc) in self.iter() {
            if ids.is_some_and(|ids| !ids.contains(&id)) {
                continue;
            }
            let off = Offsets::new(doc);
            for e in time::timeline(doc, reference_date(doc)) {
                let (s, t) = (off.byte_of_char(e.start), off.byte_of_char(e.end));
                let Some(loc) = location(doc, &off, s, t) else {
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

    /// What the reader marks in document `id`: its temporal expressions
    /// with their normalized values.
    pub fn annotations(&self, id: DocId) -> Option<Annotations> {
        let doc = self.get(id)?;
        let off = Offsets::new(doc);
        let timexes = time::tag_document(doc, reference_date(doc))
            .into_iter()
            .filter_map(|t| {
                let segments = off.segments(off.byte_of_char(t.start), off.byte_of_char(t.end));
                (!segments.is_empty()).then(|| TimexMark {
                    text: t.text,
                    kind: t.kind.as_str(),
                    value: t.value,
                    segments,
                })
            })
            .collect();
        Some(Annotations { timexes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
