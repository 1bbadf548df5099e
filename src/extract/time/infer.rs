//! Document date inference and timelines.
//!
//! A news article rarely states its own date in a machine-readable way.
//! [`infer_document_date`] works it out from the content, in this order:
//!
//! 1. a dateline ("MOSCOW, January 28. /TASS/.") gives month and day; its
//!    year comes from the dateline, else the full dates of the text, else
//!    the [`DateHint`]s of other documents (their dates and the corpus's
//!    central date);
//! 2. otherwise the anchored dates it mentions and the tense around them
//!    bound the date (past events before it, announced events after it),
//!    and relative expressions place it ("said on Monday" after "Feb. 12"
//!    → the Monday after Feb. 12; "this week … on February 24" → that week).
//!
//! A content date must be *anchored to the time of writing*; otherwise the
//! document stays undated rather than guessed. It needs a publication
//! context for its year: other documents about the same events whose own
//! dates are known ([`DateHint::publication`]: printed, metadata, a dateline
//! whose year is read, or an anchored inference), or, within the text, a
//! pair of dated events that brackets it (something past and something
//! announced at most [`BRACKET_DAYS`] apart, one of them with its year
//! printed) or a "this week" beside a dated event, together with an
//! expression that speaks from the time of writing (a weekday, "this
//! week", "yesterday"). A year the text merely mentions ("since 1953",
//! "in August 2002") bounds the date from one side only and never dates a
//! document by itself.
//!
//! A date printed as a lone header line ("Friday, March 29") is checked
//! against the content and reported as contradicting it instead of being
//! trusted blindly. Every date carries its evidence as short sentences a
//! reader can check ("Inferred from 'Thursday's phone call', after
//! 'mid-December' and before 'early January 2022'."). [`infer_corpus_dates`]
//! runs the two passes over a corpus; [`timeline`] lists a document's dated
//! events.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::rules::{Sem, Unit};
use super::{resolve, Date, Mention, Scan, Tense, TimexKind};
use crate::doc::{DateInfo, Document};
use crate::vocab::{DateSource, DATE_CONFIDENCE};

/// A dated point known from elsewhere (another document of the corpus),
/// used to place year-less dates.
#[derive(Debug, Clone, PartialEq)]
pub struct DateHint {
    /// The date.
    pub date: Date,
    /// How much it counts, > 0 (similarity of the source document).
    pub weight: f32,
    /// Where it comes from, for the evidence: the other document's
    /// headline or file name.
    pub source: String,
    /// The other document's own date (printed, metadata, a dateline whose
    /// year is read, or an anchored inference), not a date its text
    /// mentions nor the corpus's central date. Only these give the year
    /// of a date inferred from the content.
    pub publication: bool,
}

/// A past and an announced event at most this many days apart bracket the
/// time of writing.
pub const BRACKET_DAYS: i64 = 45;

/// Two documents are about the same events when at least this share of
/// their names (Jaccard) is common to both.
const MIN_RELATED: f32 = 0.1;

/// A date placed with other documents' dates lies at most this many days
/// from them (a story's span).
const HINT_DAYS: i64 = 120;

/// A dated event of a document, for a timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEvent {
    /// The TimeML value ("2022-02-12", "2022-01").
    pub value: String,
    /// The first day the value covers, for sorting.
    pub date: Option<Date>,
    /// The expression as written.
    pub text: String,
    /// Character offsets of the expression in the document source.
    pub start: usize,
    pub end: usize,
    /// The sentence around the expression.
    pub sentence: String,
}

/// A year-less or full calendar anchor found in the text.
#[derive(Debug, Clone)]
struct Anchor {
    y: Option<i32>,
    m: u32,
    /// Day, or a representative day for a month ("mid-January" → 15).
    d: u32,
    /// Only the month is known.
    month_only: bool,
    /// For a month: the first day the expression covers ("mid-January" → 11).
    span_start: u32,
    tense: Tense,
    text: String,
    sent: usize,
    start: usize,
}

/// Infers the date a document was written; `hints` are dated points of
/// other documents about the same events (may be empty).
pub fn infer_document_date(doc: &Document, hints: &[DateHint]) -> Option<(Date, DateInfo)> {
    metadata_date(doc).or_else(|| infer_scanned(doc, &Scan::new(&doc.source), hints))
}

/// [`infer_document_date`] with the document's text already scanned.
pub(crate) fn infer_scanned(
    doc: &Document,
    scan: &Scan,
    hints: &[DateHint],
) -> Option<(Date, DateInfo)> {
    metadata_date(doc)
        .or_else(|| infer_from_scan(&doc.source, scan, doc.untrusted_date.as_deref(), hints))
}

/// The date a document's metadata gives, with its evidence.
fn metadata_date(doc: &Document) -> Option<(Date, DateInfo)> {
    if let Some(d) = doc.date.as_deref().and_then(Date::parse) {
        let info = doc.date_info.clone().unwrap_or(DateInfo {
            source: DateSource::Metadata,
            confidence: DATE_CONFIDENCE.known,
            evidence: format!("The document's metadata gives '{d}'."),
        });
        return Some((d, info));
    }
    None
}

/// A dated point of a document: the date, what it is (for the evidence),
/// and whether it is the document's own date (a publication context).
#[derive(Debug, Clone)]
struct Point {
    date: Date,
    publication: bool,
}

/// Infers the dates of every document of a corpus: first each alone, then
/// again with the dated points of the documents that share names with it
/// as hints.
pub fn infer_corpus_dates(docs: &[&Document]) -> Vec<Option<(Date, DateInfo)>> {
    let scans: Vec<Scan> = docs.iter().map(|d| Scan::new(&d.source)).collect();
    let scans: Vec<&Scan> = scans.iter().collect();
    infer_corpus_dates_scanned(docs, &scans)
}

/// [`infer_corpus_dates`] with each document's text already scanned
/// (`scans[i]` of `docs[i]`).
pub(crate) fn infer_corpus_dates_scanned(
    docs: &[&Document],
    scans: &[&Scan],
) -> Vec<Option<(Date, DateInfo)>> {
    let first: Vec<Option<(Date, DateInfo)>> = docs
        .iter()
        .zip(scans)
        .map(|(d, s)| infer_scanned(d, s, &[]))
        .collect();
    let names: Vec<HashSet<String>> = docs.iter().map(|d| proper_names(&d.source)).collect();
    let points = dated_points(scans, &first);
    let related = RelatedDocs::new(&names, &points, docs.len());
    let corpus_centre = corpus_centre(&points);
    let mut out = Vec::with_capacity(docs.len());
    for (i, doc) in docs.iter().enumerate() {
        // A date from metadata or with a year written in the text does not
        // change with hints (they only place year-less dates).
        let grounded = points[i].iter().any(|p| !p.publication);
        if first[i].is_some() && (grounded || doc.date.as_deref().and_then(Date::parse).is_some()) {
            out.push(first[i].clone());
            continue;
        }
        let hints = hints_for(i, docs, &points, &related, corpus_centre);
        let again = if hints.is_empty() {
            None
        } else {
            infer_scanned(doc, scans[i], &hints)
        };
        // Prefer the second pass when it is at least as sure.
        let best = match (&first[i], again) {
            (Some(a), Some(b)) if b.1.confidence > a.1.confidence => Some(b),
            (Some(a), _) => Some(a.clone()),
            (None, b) => b,
        };
        out.push(best);
    }
    out
}

/// Whether a first-pass date is a publication context for other documents:
/// printed, metadata, a dateline whose year is read (not guessed), or a
/// content date (anchored by construction).
fn is_publication(info: &DateInfo) -> bool {
    match info.source {
        DateSource::Dateline => info.confidence >= DATE_CONFIDENCE.dateline_year_in_text,
        DateSource::Printed | DateSource::Metadata | DateSource::Inferred => true,
    }
}

/// The dated points of each document: the full dates its text mentions
/// (not publication contexts), and its first-pass date when that date is a
/// publication context or its text has full dates.
fn dated_points(scans: &[&Scan], first: &[Option<(Date, DateInfo)>]) -> Vec<Vec<Point>> {
    scans
        .iter()
        .zip(first)
        .map(|(scan, inferred)| {
            let mut p: Vec<Point> = full_dates(&scan.mentions)
                .into_iter()
                .map(|date| Point {
                    date,
                    publication: false,
                })
                .collect();
            if let Some((d, info)) = inferred {
                let publication = is_publication(info);
                if publication || !p.is_empty() {
                    p.push(Point {
                        date: *d,
                        publication,
                    });
                }
            }
            p
        })
        .collect()
}

/// The corpus's central dated point: a weak hint for the year of every
/// dateline (news corpora cover a short period), never a publication
/// context.
fn corpus_centre(points: &[Vec<Point>]) -> Option<Date> {
    let all_points: Vec<i64> = points.iter().flatten().map(|p| p.date.to_days()).collect();
    (!all_points.is_empty()).then(|| Date::from_days(median(all_points)))
}

/// The documents that share names with each document, through postings of
/// names over the dated documents.
struct RelatedDocs<'a> {
    names: &'a [HashSet<String>],
    /// Name → dated documents that contain it.
    postings: HashMap<&'a str, Vec<usize>>,
    /// Names in more documents than this say nothing.
    max_df: usize,
}

impl<'a> RelatedDocs<'a> {
    fn new(names: &'a [HashSet<String>], points: &[Vec<Point>], n: usize) -> Self {
        let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
        for (j, set) in names.iter().enumerate() {
            if points[j].is_empty() {
                continue;
            }
            for name in set {
                postings.entry(name.as_str()).or_default().push(j);
            }
        }
        RelatedDocs {
            names,
            postings,
            max_df: 50.max(n / 100),
        }
    }

    /// The dated documents most similar to document `i` (Jaccard of names,
    /// at least three shared), at most 20, most similar first.
    fn of(&self, i: usize) -> Vec<(usize, f32)> {
        let names = self.names;
        let mut shared_with: HashMap<usize, usize> = HashMap::new();
        for name in &names[i] {
            if let Some(list) = self.postings.get(name.as_str()) {
                if list.len() > self.max_df {
                    continue;
                }
                for &j in list {
                    if j != i {
                        *shared_with.entry(j).or_default() += 1;
                    }
                }
            }
        }
        let mut related: Vec<(usize, f32)> = shared_with
            .into_iter()
            .filter(|&(j, shared)| {
                let union = (names[i].len() + names[j].len() - shared).max(1);
                shared >= 3 && shared as f32 / union as f32 >= MIN_RELATED
            })
            .map(|(j, shared)| {
                let union = (names[i].len() + names[j].len() - shared).max(1);
                (j, shared as f32 / union as f32)
            })
            .collect();
        related.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        related.truncate(20);
        related
    }
}

/// The hints for document `i`: the dated points of its related documents,
/// weighted by similarity, and the corpus's central date.
fn hints_for(
    i: usize,
    docs: &[&Document],
    points: &[Vec<Point>],
    related: &RelatedDocs<'_>,
    corpus_centre: Option<Date>,
) -> Vec<DateHint> {
    let mut hints = Vec::new();
    for (j, weight) in related.of(i) {
        for p in &points[j] {
            hints.push(DateHint {
                date: p.date,
                weight,
                source: doc_label(docs[j]),
                publication: p.publication,
            });
        }
    }
    if let Some(date) = corpus_centre {
        hints.push(DateHint {
            date,
            weight: 0.5,
            source: "the corpus's central date".to_string(),
            publication: false,
        });
    }
    hints
}

/// How a document is named in evidence: its headline (cut at a word near
/// 60 characters), else its file name.
fn doc_label(doc: &Document) -> String {
    match doc
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        Some(t) => format!("“{}”", cut_at_word(t, 60)),
        None => doc
            .file
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(&doc.file)
            .to_string(),
    }
}

/// `text` cut at a word boundary at most about `max` characters long, with
/// "…" when cut.
pub(crate) fn cut_at_word(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    let cut = head.rfind(char::is_whitespace).filter(|&i| i > max / 2);
    format!("{}…", head[..cut.unwrap_or(head.len())].trim_end())
}

/// The dated events of a document: every DATE/TIME whose value names a
/// day, month or year, with the sentence around it, in text order.
pub fn timeline(doc: &Document, dct: Option<Date>) -> Vec<TimelineEvent> {
    timeline_scanned(doc, &Scan::new(&doc.source), dct)
}

/// [`timeline`] with the document's text already scanned.
pub(crate) fn timeline_scanned(
    doc: &Document,
    scan: &Scan,
    dct: Option<Date>,
) -> Vec<TimelineEvent> {
    let dct = dct.or_else(|| infer_scanned(doc, scan, &[]).map(|(d, _)| d));
    let chars: Vec<char> = doc.source.chars().collect();
    scan.mentions
        .iter()
        .filter(|m| matches!(m.kind, TimexKind::Date | TimexKind::Time))
        .filter_map(|m| event_at(&chars, m.start, m.end, resolve(&m.sem, dct, m.tense)))
        .collect()
}

/// A dated event's span (character offsets) and value: what
/// [`events_from_spans`] needs, with the document, to make it again.
pub type EventSpan = (u32, u32, String);

/// The spans and values of `events` (see [`EventSpan`]).
pub fn event_spans(events: &[TimelineEvent]) -> Vec<EventSpan> {
    events
        .iter()
        .map(|e| (e.start as u32, e.end as u32, e.value.clone()))
        .collect()
}

/// The events [`timeline`] gave `doc`, made again from [`event_spans`]
/// without tagging the text again; `None` when a span is not in the text
/// or a value names no day, month or year (then tag the text again).
pub fn events_from_spans(doc: &Document, spans: Vec<EventSpan>) -> Option<Vec<TimelineEvent>> {
    let chars: Vec<char> = doc.source.chars().collect();
    spans
        .into_iter()
        .map(|(start, end, value)| {
            let (start, end) = (start as usize, end as usize);
            (start <= end && end <= chars.len())
                .then(|| event_at(&chars, start, end, value))
                .flatten()
        })
        .collect()
}

/// The event of the expression at `start..end` of `chars` with TimeML
/// `value`, unless the value names no day, month or year.
fn event_at(chars: &[char], start: usize, end: usize, value: String) -> Option<TimelineEvent> {
    let date = first_day(&value)?;
    Some(TimelineEvent {
        text: chars[start..end].iter().collect(),
        start,
        end,
        sentence: sentence_around(chars, start, end),
        value,
        date: Some(date),
    })
}

/// The first day a TimeML date value covers ("2022-02" → 2022-02-01,
/// "2022-W07" → its Monday, "2022" → 2022-01-01).
pub(crate) fn first_day(value: &str) -> Option<Date> {
    let v = value.split('T').next()?;
    let parts: Vec<&str> = v.split('-').collect();
    let y: i32 = parts
        .first()?
        .parse()
        .ok()
        .filter(|_| parts[0].len() == 4)?;
    match parts.get(1) {
        None => Date::new(y, 1, 1),
        Some(p) if p.starts_with('W') => {
            let w: u32 = p[1..].parse().ok()?;
            Some(Date::from_iso_week(y, w))
        }
        Some(p) if p.starts_with('Q') => {
            let q: u32 = p[1..].parse().ok()?;
            Date::new(y, (q.clamp(1, 4) - 1) * 3 + 1, 1)
        }
        Some(p) => {
            let m: u32 = p.parse().ok()?;
            let d: u32 = parts.get(2).and_then(|d| d.parse().ok()).unwrap_or(1);
            Date::new(y, m, d)
        }
    }
}

/// The sentence (or line) around a span, trimmed, at most about 300
/// characters on either side of it; a sentence cut there is cut at a word
/// boundary and marked with "…".
fn sentence_around(chars: &[char], start: usize, end: usize) -> String {
    const REACH: usize = 300;
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let mut s = start;
    let mut cut_start = false;
    loop {
        if s == 0 {
            break;
        }
        let c = chars[s - 1];
        if c == '\n' || (is_end(c) && chars.get(s).is_some_and(|n| n.is_whitespace())) {
            break;
        }
        if start - s >= REACH {
            cut_start = true;
            // Forward to the start of a word.
            while s < start && !chars[s - 1].is_whitespace() {
                s += 1;
            }
            break;
        }
        s -= 1;
    }
    let mut e = end;
    let mut cut_end = false;
    while e < chars.len() {
        if e - end >= REACH {
            cut_end = true;
            // Back to the end of a word.
            while e > end && !chars[e].is_whitespace() {
                e -= 1;
            }
            break;
        }
        let c = chars[e];
        e += 1;
        if c == '\n' {
            e -= 1;
            break;
        }
        if is_end(c) && chars.get(e).is_none_or(|n| n.is_whitespace()) {
            break;
        }
    }
    let body = chars[s..e].iter().collect::<String>();
    let body = body.trim();
    format!(
        "{}{body}{}",
        if cut_start { "…" } else { "" },
        if cut_end { "…" } else { "" }
    )
}

/// Capitalized words (not sentence-initial stop words, titles, weekdays
/// or months, which every news text has) as a cheap signature of who and
/// what a text is about.
fn proper_names(text: &str) -> HashSet<String> {
    const STOP: &[&str] = &[
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "He",
        "She",
        "It",
        "We",
        "They",
        "This",
        "That",
        "But",
        "And",
        "As",
        "For",
        "I",
        "By",
        "If",
        "Of",
        "To",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "President",
        "Minister",
        "Prime",
        "Secretary",
        "Chief",
        "Executive",
        "General",
        "Government",
        "There",
        "What",
        "When",
        "With",
        "From",
        "His",
        "Her",
        "Its",
        "Our",
        "Their",
        "After",
        "Before",
        "However",
        "Meanwhile",
        "Last",
        "Next",
        "Some",
        "One",
        "Two",
        "Three",
        "New",
        "National",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            let low = w.to_lowercase();
            w.chars().count() >= 3
                && w.chars().next().is_some_and(char::is_uppercase)
                && !STOP.contains(w)
                && crate::text::calendar::weekday(&low).is_none()
                && crate::text::calendar::month_number(&low).is_none()
        })
        .map(str::to_string)
        .collect()
}

/// The fully specified dates of a text (explicit year), as hints.
fn full_dates(mentions: &[Mention]) -> Vec<Date> {
    mentions
        .iter()
        .filter_map(|m| match m.sem {
            Sem::Ymd {
                y: Some(y),
                m: Some(mo),
                d,
                ..
            } => {
                let day = d.filter(|d| *d > 0).unwrap_or(15);
                Date::new(y, mo, day)
            }
            _ => None,
        })
        .collect()
}

/// The representative day of a month-level expression and the first day
/// it covers, from its modifier ("early", "mid-", "the end of").
fn month_day(text: &str) -> (u32, u32) {
    let t = text.to_lowercase();
    if t.starts_with("early") || t.contains("beginning") || t.contains("start") {
        (5, 1)
    } else if t.starts_with("mid") || t.contains("middle") {
        (15, 11)
    } else if t.starts_with("late") || t.contains("end of") {
        (25, 21)
    } else {
        (15, 1)
    }
}

/// Is the line containing `start` only a date (a site header)?
fn header_line(chars: &[char], start: usize, end: usize) -> bool {
    let mut s = start;
    while s > 0 && chars[s - 1] != '\n' {
        s -= 1;
    }
    let mut e = end;
    while e < chars.len() && chars[e] != '\n' {
        e += 1;
    }
    let before: String = chars[s..start].iter().collect();
    let after: String = chars[end..e].iter().collect();
    let only_weekday = before.trim().trim_end_matches(',').trim().to_lowercase();
    let weekday_ok =
        only_weekday.is_empty() || crate::text::calendar::weekday(&only_weekday).is_some();
    weekday_ok
        && after.trim().trim_end_matches('.').is_empty()
        && chars[..s].iter().filter(|c| **c == '\n').count() < 5
}

/// Is the date mention at `start` a dateline ("MOSCOW, January 28. /TASS/.")?
fn dateline(chars: &[char], start: usize, end: usize) -> bool {
    let mut s = start;
    while s > 0 && chars[s - 1] != '\n' {
        s -= 1;
    }
    let before: String = chars[s..start].iter().collect();
    let Some(place) = before.trim_end().strip_suffix(',') else {
        return false;
    };
    let place = place.trim();
    let words: Vec<&str> = place.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    let caps = words.iter().all(|w| {
        w.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
            && w.chars().any(char::is_alphabetic)
    });
    let capitalized = words
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let after: String = chars[end..chars.len().min(end + 12)].iter().collect();
    let after = after.trim_start();
    let agency_follows = after.starts_with(". /")
        || after.starts_with('(')
        || after.starts_with("/")
        || after.starts_with('-')
        || after.starts_with('—')
        || after.starts_with('–');
    (caps && (after.starts_with('.') || agency_follows)) || (capitalized && agency_follows)
}

/// What a text says about its own date: its calendar anchors and the
/// other clues, gathered in one pass over its temporal mentions.
struct Clues<'m> {
    /// A date alone on a header line ("Friday, March 29"): checked against
    /// the result, never trusted.
    header: Option<(&'m Mention, String)>,
    anchors: Vec<Anchor>,
    /// Weekdays without a direction ("on Monday"), with their text.
    weekdays: Vec<(&'m Mention, u32, String)>,
    /// Sentences that say "this week".
    this_week: HashSet<usize>,
    /// Expressions that speak from the time of writing: days and weeks
    /// counted from it ("yesterday", "this week", "two days ago").
    deictic: Vec<String>,
    /// The first anchor that is a dateline.
    dateline: Option<Anchor>,
    /// Every year mentioned.
    years: Vec<i32>,
}

impl<'m> Clues<'m> {
    fn gather(chars: &[char], all: &'m [Mention]) -> Clues<'m> {
        let mut c = Clues {
            header: None,
            anchors: Vec::new(),
            weekdays: Vec::new(),
            this_week: HashSet::new(),
            deictic: Vec::new(),
            dateline: None,
            years: Vec::new(),
        };
        for m in all {
            let mtext: String = chars[m.start..m.end].iter().collect();
            match &m.sem {
                Sem::Ymd {
                    y, m: Some(mo), d, ..
                } => {
                    if d.is_some() && c.header.is_none() && header_line(chars, m.start, m.end) {
                        c.header = Some((m, mtext));
                        continue;
                    }
                    if let Some(y) = y {
                        c.years.push(*y);
                    }
                    let (day, span_start, month_only) = match d {
                        Some(d) if *d > 0 => (*d, *d, false),
                        _ => {
                            let (day, start) = month_day(&mtext);
                            (day, start, true)
                        }
                    };
                    let a = Anchor {
                        y: *y,
                        m: *mo,
                        d: day,
                        month_only,
                        span_start,
                        tense: m.tense,
                        text: mtext,
                        sent: m.sent,
                        start: m.start,
                    };
                    if !month_only && c.dateline.is_none() && dateline(chars, m.start, m.end) {
                        c.dateline = Some(a.clone());
                    }
                    c.anchors.push(a);
                }
                Sem::Ymd {
                    y: Some(y),
                    m: None,
                    ..
                } => c.years.push(*y),
                Sem::Weekday { wd, dir: None } => c.weekdays.push((m, *wd, mtext)),
                Sem::DayPart { day, .. } => {
                    if let Sem::Weekday { wd, dir: None } = **day {
                        c.weekdays.push((m, wd, mtext));
                    }
                }
                Sem::Offset {
                    unit: unit @ (Unit::Day | Unit::Week),
                    n,
                } => {
                    if *unit == Unit::Week && *n == 0 {
                        c.this_week.insert(m.sent);
                    }
                    c.deictic.push(mtext);
                }
                _ => {}
            }
        }
        c
    }

    /// Whether some anchor prints its year.
    fn has_explicit_year(&self) -> bool {
        self.anchors.iter().any(|a| a.y.is_some())
    }

    /// Whether the text speaks from the time of writing: a weekday, "this
    /// week", "yesterday".
    fn speaks_from_now(&self) -> bool {
        !self.weekdays.is_empty() || !self.deictic.is_empty()
    }
}

/// The date of `text` (`scan` its expressions) from its content.
fn infer_from_scan(
    text: &str,
    scan: &Scan,
    untrusted: Option<&str>,
    hints: &[DateHint],
) -> Option<(Date, DateInfo)> {
    let chars: Vec<char> = text.chars().collect();
    let clues = Clues::gather(&chars, &scan.mentions);
    match &clues.dateline {
        Some(dl) => {
            let centre = year_centre(&clues, hints, true)?;
            let dated = date_anchors(&clues.anchors, centre);
            from_dateline(dl, &dated, &clues, hints)
        }
        None => {
            // Only other documents' own dates give a content date its year.
            let hints: Vec<DateHint> = hints.iter().filter(|h| h.publication).cloned().collect();
            let centre = year_centre(&clues, &hints, false)?;
            let dated = date_anchors(&clues.anchors, centre);
            from_content(&chars, &clues, &dated, centre, &hints, untrusted)
        }
    }
}

/// The day (since 1970-01-01) the year-less anchors are placed near:
/// the median of the anchors with a year, else the weighted median of the
/// hints, else (`any_year`, for a dateline) the middle of the latest year
/// mentioned.
fn year_centre(clues: &Clues<'_>, hints: &[DateHint], any_year: bool) -> Option<i64> {
    let explicit: Vec<i64> = clues
        .anchors
        .iter()
        .filter_map(|a| {
            a.y.and_then(|y| Date::new(y, a.m, a.d.min(28)))
                .map(Date::to_days)
        })
        .collect();
    if !explicit.is_empty() {
        Some(median(explicit))
    } else if let Some(c) = hint_centre(hints) {
        Some(c)
    } else if let Some(y) = clues.years.iter().copied().max().filter(|_| any_year) {
        // News mostly looks back: the latest year mentioned is the best
        // guess for the current one.
        Date::new(y, 7, 1).map(Date::to_days)
    } else {
        None
    }
}

/// The weighted median day of the hints.
fn hint_centre(hints: &[DateHint]) -> Option<i64> {
    let mut hs: Vec<(i64, f32)> = hints.iter().map(|h| (h.date.to_days(), h.weight)).collect();
    hs.sort_by_key(|h| h.0);
    let total: f32 = hs.iter().map(|h| h.1).sum();
    let mut acc = 0.0;
    hs.iter()
        .find(|h| {
            acc += h.1;
            acc >= total / 2.0
        })
        .map(|h| h.0)
}

/// Where the year of `chosen` came from among `hints`: the documents about
/// the same events whose dates lie within a year of it ("N other documents
/// about the same events (A, B)", most similar first), else the corpus's
/// central date, which then outweighed them (said, with the year they
/// point to, so that a reader can judge).
fn year_source(hints: &[DateHint], chosen: Date) -> String {
    const CENTRE: &str = "the corpus's central date";
    let near = |h: &&DateHint| (h.date.to_days() - chosen.to_days()).abs() <= 366;
    let agreeing: Vec<DateHint> = hints
        .iter()
        .filter(|h| h.source != CENTRE && near(h))
        .cloned()
        .collect();
    let centre = hints.iter().find(|h| h.source == CENTRE);
    match centre {
        Some(c) if agreeing.is_empty() && near(&c) => {
            let others: Vec<DateHint> = hints
                .iter()
                .filter(|h| h.source != CENTRE)
                .cloned()
                .collect();
            match hint_centre(&others) {
                Some(day) => {
                    let d = Date::from_days(day);
                    format!(
                        "{CENTRE} ({}), over {}, whose dates centre on {}-{:02}",
                        c.date,
                        other_documents(&others),
                        d.y,
                        d.m
                    )
                }
                None => format!("{CENTRE} ({})", c.date),
            }
        }
        _ if agreeing.is_empty() => other_documents(hints),
        _ => other_documents(&agreeing),
    }
}

/// "N other documents about the same events (A, B)", from the hints of
/// distinct documents, most similar first.
fn other_documents(hints: &[DateHint]) -> String {
    let mut best: Vec<&DateHint> = hints.iter().collect();
    best.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    let mut names: Vec<&str> = Vec::new();
    for h in best {
        if !names.contains(&h.source.as_str()) && h.source != "the corpus's central date" {
            names.push(&h.source);
        }
    }
    let n = names.len();
    let shown = names.iter().take(2).copied().collect::<Vec<_>>().join(", ");
    let more = if n > 2 { ", …" } else { "" };
    match n {
        0 => "the corpus's central date".to_string(),
        1 => format!("another document about the same events ({shown})"),
        _ => format!("{n} other documents about the same events ({shown}{more})"),
    }
}

/// Where a year-less dateline's year (that of `chosen`) came from, for
/// the evidence.
fn dateline_year_source(clues: &Clues<'_>, hints: &[DateHint], chosen: Date) -> String {
    if clues.has_explicit_year() {
        "the dates written in full in the text".to_string()
    } else if !hints.is_empty() {
        year_source(hints, chosen)
    } else {
        "the years the text mentions (a guess)".to_string()
    }
}

/// Every anchor with a full date: its own year, or the year that puts it
/// nearest `centre`.
fn date_anchors(anchors: &[Anchor], centre: i64) -> Vec<(Date, &Anchor)> {
    anchors
        .iter()
        .filter_map(|a| {
            let y = a.y.unwrap_or_else(|| {
                let c = Date::from_days(centre);
                [c.y - 1, c.y, c.y + 1]
                    .into_iter()
                    .min_by_key(|y| {
                        Date::new(*y, a.m, a.d.min(28))
                            .map_or(i64::MAX, |d| (d.to_days() - centre).abs())
                    })
                    .unwrap_or(c.y)
            });
            Some((
                Date::new(y, a.m, a.d.min(super::date::days_in_month(y, a.m)))?,
                a,
            ))
        })
        .collect()
}

/// Step 1: a dateline gives month and day; the year is as sure as its
/// source.
fn from_dateline(
    dl: &Anchor,
    dated: &[(Date, &Anchor)],
    clues: &Clues<'_>,
    hints: &[DateHint],
) -> Option<(Date, DateInfo)> {
    let (date, _) = dated.iter().find(|(_, a)| a.start == dl.start)?;
    let c = &DATE_CONFIDENCE;
    let confidence = if dl.y.is_some() {
        c.dateline_with_year
    } else if clues.has_explicit_year() {
        c.dateline_year_in_text
    } else if !hints.is_empty() {
        c.dateline_year_from_hints
    } else {
        c.dateline_year_guessed
    };
    let mut evidence = format!("Printed in the dateline '{}'", dl.text);
    if dl.y.is_none() {
        evidence.push_str(&format!(
            "; the year from {}",
            dateline_year_source(clues, hints, *date)
        ));
    }
    evidence.push('.');
    push_header_check(&mut evidence, clues.header.as_ref(), *date);
    Some((
        *date,
        DateInfo {
            source: DateSource::Dateline,
            confidence,
            evidence,
        },
    ))
}

/// Step 2: the day that best fits the content — past events before it,
/// announced events after it, weekdays and "this week" around it — when it
/// is anchored to the time of writing (see the module documentation).
fn from_content(
    chars: &[char],
    clues: &Clues<'_>,
    dated: &[(Date, &Anchor)],
    centre: i64,
    hints: &[DateHint],
    untrusted: Option<&str>,
) -> Option<(Date, DateInfo)> {
    if dated.is_empty() && clues.weekdays.is_empty() {
        return None;
    }
    let (lo, hi) = search_window(dated, centre);
    let mut best = (f64::MAX, lo);
    for day in lo..=hi {
        let c = content_cost(day, dated, clues);
        if c < best.0 - 1e-9 {
            best = (c, day);
        }
    }
    let pin = pin(best.1, dated, clues, hints)?;
    let date = Date::from_days(best.1);
    let mut evidence = content_evidence(chars, &pin, clues, hints, date);
    push_header_check(&mut evidence, clues.header.as_ref(), date);
    if let Some(u) = untrusted {
        let same = clues
            .header
            .as_ref()
            .is_some_and(|(_, t)| u.contains(t.as_str()));
        if !same {
            evidence.push_str(&format!(" The site date '{u}' was not used."));
        }
    }
    Some((
        date,
        DateInfo {
            source: DateSource::Inferred,
            confidence: content_confidence(dated, clues, hints),
            evidence,
        },
    ))
}

/// What anchors a content date to the time of writing.
struct Pin<'a> {
    /// The latest past event before it.
    after: Option<&'a Anchor>,
    /// The earliest announced event after it.
    before: Option<&'a Anchor>,
    /// A dated event in a sentence that says "this week", in its week.
    this_week: Option<&'a Anchor>,
    /// The year comes from other documents' dates.
    from_hints: bool,
}

/// Whether writing on `day` is anchored: the text speaks from the time of
/// writing and the date is bracketed by a past and an announced event at
/// most [`BRACKET_DAYS`] apart or lies in the week of a "this week" event,
/// with a year printed in one of them or given by other documents' dates;
/// or other documents' dates give the year and the date lies within
/// [`HINT_DAYS`] of them. `None` when nothing anchors it.
fn pin<'a>(
    day: i64,
    dated: &[(Date, &'a Anchor)],
    clues: &Clues<'_>,
    hints: &[DateHint],
) -> Option<Pin<'a>> {
    let start_of = |d: &Date, a: &Anchor| {
        if a.month_only {
            Date::new(d.y, d.m, a.span_start).map_or(d.to_days(), Date::to_days)
        } else {
            d.to_days()
        }
    };
    let after = dated
        .iter()
        .filter(|(d, a)| a.tense == Tense::Past && start_of(d, a) <= day)
        .max_by_key(|(d, a)| start_of(d, a));
    let before = dated
        .iter()
        .filter(|(d, a)| a.tense == Tense::Future && start_of(d, a) >= day)
        .min_by_key(|(d, a)| start_of(d, a));
    let week = Date::from_days(day).iso_week();
    let this_week = dated
        .iter()
        .find(|(d, a)| !a.month_only && clues.this_week.contains(&a.sent) && d.iso_week() == week);
    let from_hints = hint_centre(hints).is_some_and(|c| (c - day).abs() <= HINT_DAYS);
    let bracketed = match (after, before) {
        (Some((pd, pa)), Some((fd, fa))) => {
            start_of(fd, fa) - start_of(pd, pa) <= BRACKET_DAYS
                && (pa.y.is_some() || fa.y.is_some() || from_hints)
        }
        _ => false,
    };
    let in_week = this_week.is_some_and(|(_, a)| a.y.is_some() || from_hints);
    let speaks = clues.speaks_from_now();
    let day_level = dated.iter().any(|(_, a)| !a.month_only);
    let anchored = (speaks && (bracketed || in_week)) || (from_hints && (speaks || day_level));
    anchored.then(|| Pin {
        after: after.map(|(_, a)| *a),
        before: before.map(|(_, a)| *a),
        this_week: this_week.map(|(_, a)| *a),
        from_hints,
    })
}

/// The days searched: 40 days around the anchors, at most about a year and
/// a half around the centre (historical dates, "in 1949", must not widen
/// it).
fn search_window(dated: &[(Date, &Anchor)], centre: i64) -> (i64, i64) {
    let lo = dated
        .iter()
        .map(|(d, _)| d.to_days())
        .min()
        .unwrap_or(centre)
        - 40;
    let hi = dated
        .iter()
        .map(|(d, _)| d.to_days())
        .max()
        .unwrap_or(centre)
        + 40;
    let (lo, hi) = (lo.max(centre - 550), hi.min(centre + 550));
    if lo <= hi {
        (lo, hi)
    } else {
        (centre - 40, centre + 40)
    }
}

/// How badly writing on `day` fits the content (lower is better).
fn content_cost(day: i64, dated: &[(Date, &Anchor)], clues: &Clues<'_>) -> f64 {
    let mut c = 0.0;
    for (d, a) in dated {
        let ad = d.to_days();
        // The first day the expression covers.
        let start = if a.month_only {
            Date::new(d.y, d.m, a.span_start).map_or(ad, Date::to_days)
        } else {
            ad
        };
        match a.tense {
            // A past event happened before the writing.
            Tense::Past => c += 2.0 * (start - day).max(0) as f64,
            // An announced event comes after it.
            Tense::Future => c += 2.0 * (day - start).max(0) as f64,
            Tense::Unknown => {}
        }
        // "this week … on February 24": the same ISO week.
        if clues.this_week.contains(&a.sent) && !a.month_only {
            let (wy, ww) = d.iso_week();
            let (dy, dw) = Date::from_days(day).iso_week();
            if (wy, ww) != (dy, dw) {
                c += 20.0;
            }
        }
        c += 0.01 * (ad - day).abs() as f64;
    }
    let today = Date::from_days(day).weekday() as i64;
    for (m, wd, _) in &clues.weekdays {
        let wd = *wd as i64;
        c += match m.tense {
            Tense::Future => (wd - today).rem_euclid(7) as f64 * 0.5,
            _ => (today - wd).rem_euclid(7) as f64,
        };
    }
    c
}

/// The evidence for a content date, in sentences: the expressions that
/// speak from the time of writing, the events around it, where the year
/// comes from ("Inferred from 'Thursday's phone call', after
/// 'mid-December' and before 'early January 2022'.").
fn content_evidence(
    chars: &[char],
    pin: &Pin<'_>,
    clues: &Clues<'_>,
    hints: &[DateHint],
    chosen: Date,
) -> String {
    let mut from: Vec<String> = Vec::new();
    for (m, _, _) in &clues.weekdays {
        let p = format!("'{}'", phrase(chars, m.start, m.end));
        if !from.contains(&p) && from.len() < 2 {
            from.push(p);
        }
    }
    if from.is_empty() {
        if let Some(d) = clues.deictic.first() {
            from.push(format!("'{d}'"));
        }
    }
    let mut around: Vec<String> = Vec::new();
    if let Some(a) = pin.this_week {
        around.push(format!("in the week of '{}' ('this week')", a.text));
    }
    if let Some(a) = pin.after {
        around.push(format!("after '{}'", a.text));
    }
    if let Some(a) = pin.before {
        around.push(format!("before '{}'", a.text));
    }
    let mut s = String::from("Inferred");
    if !from.is_empty() {
        s.push_str(&format!(" from {}", join_and(&from)));
    }
    if !around.is_empty() {
        s.push_str(if from.is_empty() { " " } else { ", " });
        s.push_str(&join_and(&around));
    }
    if pin.from_hints && !hints.is_empty() {
        s.push_str(&format!("; the year from {}", year_source(hints, chosen)));
    }
    s.push('.');
    s
}

/// "a", "a and b", "a, b and c".
fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// An expression with the words that make it readable on its own: a
/// possessive and the two words after it ("Thursday's phone call"), or
/// the preposition before it ("on Monday").
fn phrase(chars: &[char], start: usize, end: usize) -> String {
    let mut s = start;
    let mut e = end;
    let after: String = chars[end..chars.len().min(end + 2)].iter().collect();
    if after == "'s" || after == "’s" {
        e = end + 2;
        let mut words = 0;
        while e < chars.len() && words < 2 {
            while e < chars.len() && chars[e] == ' ' {
                e += 1;
            }
            let w0 = e;
            while e < chars.len() && chars[e].is_alphanumeric() {
                e += 1;
            }
            if e == w0 {
                break;
            }
            words += 1;
        }
    } else {
        let mut b = start;
        while b > 0 && chars[b - 1] == ' ' {
            b -= 1;
        }
        let mut w = b;
        while w > 0 && chars[w - 1].is_alphabetic() {
            w -= 1;
        }
        let word: String = chars[w..b].iter().collect::<String>().to_lowercase();
        if b < start
            && matches!(
                word.as_str(),
                "on" | "since" | "until" | "by" | "last" | "next"
            )
        {
            s = w;
        }
    }
    chars[s..e].iter().collect::<String>().trim().to_string()
}

/// How sure a content date is ([`DATE_CONFIDENCE`]): weekdays and "this
/// week" pin the day; a year that no anchor prints lowers it.
fn content_confidence(dated: &[(Date, &Anchor)], clues: &Clues<'_>, hints: &[DateHint]) -> f32 {
    let c = &DATE_CONFIDENCE;
    let mut confidence = if clues.weekdays.is_empty() {
        c.content
    } else {
        c.content_with_weekdays
    };
    if !clues.this_week.is_empty() && dated.iter().any(|(_, a)| clues.this_week.contains(&a.sent)) {
        confidence = confidence.max(c.content_this_week);
    }
    if !clues.has_explicit_year() {
        confidence -= if hints.is_empty() {
            c.year_guessed_penalty
        } else {
            c.year_from_hints_penalty
        };
    }
    confidence.clamp(c.floor, 1.0)
}

/// Notes whether a header date agrees with the date found: "The header
/// says 'Friday, March 29'; the content points to February 2022."
fn push_header_check(evidence: &mut String, header: Option<&(&Mention, String)>, date: Date) {
    let Some((m, text)) = header else {
        return;
    };
    let value = resolve(&m.sem, Some(date), Tense::Unknown);
    let agrees = first_day(&value).is_some_and(|h| (h.to_days() - date.to_days()).abs() <= 1);
    if agrees {
        evidence.push_str(&format!(" The header '{text}' agrees."));
    } else {
        evidence.push_str(&format!(
            " The header says '{text}'; the content points to {} {}, so the header is not used.",
            MONTHS[date.m as usize - 1],
            date.y
        ));
    }
}

/// Month names, for the evidence.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn median(mut v: Vec<i64>) -> i64 {
    v.sort_unstable();
    v[v.len() / 2]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn events_made_again_from_their_spans_are_the_same() {
        let doc = Document {
            source:
                "Kyiv, 12 Feb 2022 — Talks resumed on Monday. By March 2023 the wall was built."
                    .into(),
            date: Some("2022-02-12".into()),
            ..Document::default()
        };
        let events = timeline(&doc, Date::parse("2022-02-12"));
        assert!(events.len() >= 3, "{events:?}");
        let again = events_from_spans(&doc, event_spans(&events)).unwrap();
        assert_eq!(again, events);
        assert!(events_from_spans(&doc, vec![(5, 2, "2022".into())]).is_none());
        assert!(events_from_spans(&doc, vec![(0, 500, "2022".into())]).is_none());
    }

    #[test]
    fn first_day_of_values() {
        assert_eq!(first_day("2022-02"), Date::new(2022, 2, 1));
        assert_eq!(first_day("2022-W07"), Date::new(2022, 2, 14));
        assert_eq!(first_day("2022-Q2"), Date::new(2022, 4, 1));
        assert_eq!(first_day("2022-02-14T14:00"), Date::new(2022, 2, 14));
        assert_eq!(first_day("PRESENT_REF"), None);
        assert_eq!(first_day("P2D"), None);
        assert_eq!(first_day("XXXX-02-24"), None);
    }

    #[test]
    fn datelines() {
        let text = "Title\n\nMOSCOW, January 28. /TASS/. Moscow does not";
        let c = chars(text);
        let s = text.find("January").unwrap();
        assert!(dateline(&c, s, s + 10));
        let c = chars("KYIV, Feb. 14 (Reuters) - Ukraine said");
        assert!(dateline(&c, 6, 13));
        let c = chars("He said, January 28 was the day");
        assert!(!dateline(&c, 9, 19));
    }

    #[test]
    fn header_lines() {
        let c = chars("Friday, March 29\n\nSpeech by the minister");
        assert!(header_line(&c, 0, 16));
        let c = chars("On March 29 he spoke.");
        assert!(!header_line(&c, 3, 11));
    }

    #[test]
    fn a_dateline_with_a_year_is_trusted() {
        let text = "WASHINGTON, March 3, 2021 (AP) - Officials said on Monday";
        let (d, info) = infer_from_scan(text, &Scan::new(text), None, &[]).unwrap();
        assert_eq!(d, Date::new(2021, 3, 3).unwrap());
        assert_eq!(info.source, DateSource::Dateline);
        assert!(info.confidence >= 0.9);
    }

    #[test]
    fn no_dates_no_inference() {
        for text in ["Nothing temporal here at all.", ""] {
            assert!(infer_from_scan(text, &Scan::new(text), None, &[]).is_none());
        }
    }

    #[test]
    fn sentences_around_spans() {
        let c = chars("First one. He met on Monday in Geneva. Last one.");
        assert_eq!(sentence_around(&c, 21, 27), "He met on Monday in Geneva.");
        // A sentence too long is cut at word boundaries, never mid-word.
        let long = format!("{} on Monday {}", "word ".repeat(80), "more ".repeat(80));
        let c = chars(&long);
        let at = long.find("Monday").unwrap();
        let s = sentence_around(&c, at, at + 6);
        assert!(s.starts_with("…word ") && s.ends_with(" more…"), "{s}");
        let doe = format!("{}Moscow does not consider it on Monday.", "x".repeat(20));
        let c = chars(&format!("{} {doe}", "y ".repeat(200)));
        let text: String = c.iter().collect();
        let at = text.find("Monday").unwrap();
        let s = sentence_around(&c, at, at + 6);
        assert!(s.starts_with('…'), "{s}");
        let first = s.trim_start_matches('…').split(' ').next().unwrap();
        assert!(first == "y" || first.starts_with('x'), "{s}");
    }
}
