//! Document date inference and timelines.
//!
//! A news article rarely states its own date in a machine-readable way.
//! [`infer_document_date`] works it out from the content, in this order:
//!
//! 1. a dateline ("MOSCOW, January 28. /TASS/.") gives month and day;
//! 2. otherwise the anchored dates it mentions and the tense around them
//!    bound the date (past events before it, announced events after it),
//!    and relative expressions place it ("said on Monday" after "Feb. 12"
//!    → the Monday after Feb. 12; "this week … on February 24" → that week);
//! 3. the year comes from explicit years in the text, or else from the
//!    [`DateHint`]s of other documents of the corpus about the same events.
//!
//! A date printed as a lone header line ("Friday, March 29") is checked
//! against the content and reported as contradicting it instead of being
//! trusted blindly. [`infer_corpus_dates`] runs the two passes over a
//! corpus; [`timeline`] lists a document's dated events.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::rules::{Sem, Unit};
use super::{mentions, resolve, Date, Mention, Tense, TimexKind};
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
    /// Where it comes from, for the evidence ("002.txt: 'January 2022'").
    pub source: String,
}

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
    if let Some(d) = doc.date.as_deref().and_then(Date::parse) {
        let info = DateInfo {
            source: DateSource::Metadata,
            confidence: DATE_CONFIDENCE.known,
            evidence: format!("document metadata '{d}'"),
        };
        return Some((d, info));
    }
    infer_from_text(&doc.source, doc.untrusted_date.as_deref(), hints)
}

/// What a document's own inferred date is called among its dated points.
const INFERRED_POINT: &str = "its inferred date";

/// Infers the dates of every document of a corpus: first each alone, then
/// again with the dated points of the documents that share names with it
/// as hints.
pub fn infer_corpus_dates(docs: &[&Document]) -> Vec<Option<(Date, DateInfo)>> {
    let first: Vec<Option<(Date, DateInfo)>> =
        docs.iter().map(|d| infer_document_date(d, &[])).collect();
    let names: Vec<HashSet<String>> = docs.iter().map(|d| proper_names(&d.source)).collect();
    let points = dated_points(docs, &first);
    let related = RelatedDocs::new(&names, &points, docs.len());
    let corpus_centre = corpus_centre(&points);
    let mut out = Vec::with_capacity(docs.len());
    for (i, doc) in docs.iter().enumerate() {
        // A date from metadata or with a year written in the text does not
        // change with hints (they only place year-less dates).
        let grounded = points[i].iter().any(|(_, what)| what != INFERRED_POINT);
        if first[i].is_some() && (grounded || doc.date.as_deref().and_then(Date::parse).is_some()) {
            out.push(first[i].clone());
            continue;
        }
        let hints = hints_for(i, docs, &points, &related, corpus_centre);
        let again = if hints.is_empty() {
            None
        } else {
            infer_document_date(doc, &hints)
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

/// The dated points of each document: its full dates, and its first-pass
/// date when that date's year is grounded (in a full date of the text or
/// in metadata).
fn dated_points(
    docs: &[&Document],
    first: &[Option<(Date, DateInfo)>],
) -> Vec<Vec<(Date, String)>> {
    docs.iter()
        .zip(first)
        .map(|(doc, inferred)| {
            let mut p = full_dates(&doc.source);
            if let Some((d, info)) = inferred {
                if !p.is_empty() || info.source == DateSource::Metadata {
                    p.push((*d, INFERRED_POINT.to_string()));
                }
            }
            p
        })
        .collect()
}

/// The corpus's central dated point: a weak hint for every document (news
/// corpora cover a short period).
fn corpus_centre(points: &[Vec<(Date, String)>]) -> Option<Date> {
    let all_points: Vec<i64> = points.iter().flatten().map(|(d, _)| d.to_days()).collect();
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
    fn new(names: &'a [HashSet<String>], points: &[Vec<(Date, String)>], n: usize) -> Self {
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
            .filter(|&(_, shared)| shared >= 3)
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
    points: &[Vec<(Date, String)>],
    related: &RelatedDocs<'_>,
    corpus_centre: Option<Date>,
) -> Vec<DateHint> {
    let mut hints = Vec::new();
    for (j, weight) in related.of(i) {
        let other = docs[j];
        for (d, what) in &points[j] {
            hints.push(DateHint {
                date: *d,
                weight,
                source: format!("{}: {what}", other.file),
            });
        }
    }
    if let Some(date) = corpus_centre {
        hints.push(DateHint {
            date,
            weight: 0.5,
            source: "the corpus's central date".to_string(),
        });
    }
    hints
}

/// The dated events of a document: every DATE/TIME whose value names a
/// day, month or year, with the sentence around it, in text order.
pub fn timeline(doc: &Document, dct: Option<Date>) -> Vec<TimelineEvent> {
    let chars: Vec<char> = doc.source.chars().collect();
    let dct = dct.or_else(|| infer_document_date(doc, &[]).map(|(d, _)| d));
    let mut out = Vec::new();
    for m in mentions(&chars) {
        if !matches!(m.kind, TimexKind::Date | TimexKind::Time) {
            continue;
        }
        let value = resolve(&m.sem, dct, m.tense);
        let date = first_day(&value);
        if date.is_none() {
            continue;
        }
        out.push(TimelineEvent {
            text: chars[m.start..m.end].iter().collect(),
            start: m.start,
            end: m.end,
            sentence: sentence_around(&chars, m.start, m.end),
            value,
            date,
        });
    }
    out
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

/// The sentence (or line) around a span, trimmed, at most ~400 chars.
fn sentence_around(chars: &[char], start: usize, end: usize) -> String {
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let mut s = start;
    while s > 0 && start - s < 300 {
        let c = chars[s - 1];
        if c == '\n' || (is_end(c) && chars.get(s).is_some_and(|n| n.is_whitespace())) {
            break;
        }
        s -= 1;
    }
    let mut e = end;
    while e < chars.len() && e - end < 300 {
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
    chars[s..e].iter().collect::<String>().trim().to_string()
}

/// Capitalized words (not sentence-initial stop words) as a cheap
/// signature of who and what a text is about.
fn proper_names(text: &str) -> HashSet<String> {
    const STOP: &[&str] = &[
        "The", "A", "An", "In", "On", "At", "He", "She", "It", "We", "They", "This", "That", "But",
        "And", "As", "For", "I", "By", "If", "Of", "To",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            w.chars().count() >= 3
                && w.chars().next().is_some_and(char::is_uppercase)
                && !STOP.contains(w)
        })
        .map(str::to_string)
        .collect()
}

/// The fully specified dates of a text (explicit year), as hints.
fn full_dates(text: &str) -> Vec<(Date, String)> {
    let chars: Vec<char> = text.chars().collect();
    mentions(&chars)
        .into_iter()
        .filter_map(|m| match m.sem {
            Sem::Ymd {
                y: Some(y),
                m: Some(mo),
                d,
                ..
            } => {
                let day = d.filter(|d| *d > 0).unwrap_or(15);
                let date = Date::new(y, mo, day)?;
                let text: String = chars[m.start..m.end].iter().collect();
                Some((date, format!("'{text}'")))
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
                    unit: Unit::Week,
                    n: 0,
                } => {
                    c.this_week.insert(m.sent);
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
}

fn infer_from_text(
    text: &str,
    untrusted: Option<&str>,
    hints: &[DateHint],
) -> Option<(Date, DateInfo)> {
    let chars: Vec<char> = text.chars().collect();
    let all = mentions(&chars);
    let clues = Clues::gather(&chars, &all);
    let year_source = year_source(&clues, hints);
    let centre = year_centre(&clues, hints)?;
    let dated = date_anchors(&clues.anchors, centre);
    match &clues.dateline {
        Some(dl) => from_dateline(dl, &dated, &clues, hints, &year_source),
        None => from_content(&clues, &dated, centre, hints, &year_source, untrusted),
    }
}

/// The day (since 1970-01-01) the year-less anchors are placed near:
/// the median of the anchors with a year, else the weighted median of the
/// hints, else the middle of the latest year mentioned.
fn year_centre(clues: &Clues<'_>, hints: &[DateHint]) -> Option<i64> {
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
    } else if !hints.is_empty() {
        // Weighted median of the hints.
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
    } else if let Some(y) = clues.years.iter().copied().max() {
        // News mostly looks back: the latest year mentioned is the best
        // guess for the current one.
        Date::new(y, 7, 1).map(Date::to_days)
    } else {
        None
    }
}

/// Where the year came from, for the evidence.
fn year_source(clues: &Clues<'_>, hints: &[DateHint]) -> String {
    if clues.has_explicit_year() {
        "an explicit year in the text".to_string()
    } else if !hints.is_empty() {
        let mut best = hints.iter().collect::<Vec<_>>();
        best.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        format!(
            "other documents about the same events ({})",
            best.iter()
                .take(2)
                .map(|h| h.source.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        )
    } else {
        "years mentioned in the text".to_string()
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
    year_source: &str,
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
    let mut evidence = format!("dateline '{}'", dl.text);
    if dl.y.is_none() {
        evidence.push_str(&format!("; year from {year_source}"));
    }
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
/// announced events after it, weekdays and "this week" around it.
fn from_content(
    clues: &Clues<'_>,
    dated: &[(Date, &Anchor)],
    centre: i64,
    hints: &[DateHint],
    year_source: &str,
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
    let date = Date::from_days(best.1);
    let parts = content_evidence(best.1, dated, clues);
    let mut evidence = format!(
        "inferred from {}; year from {year_source}",
        parts.join(" + ")
    );
    push_header_check(&mut evidence, clues.header.as_ref(), date);
    if let Some(u) = untrusted {
        evidence.push_str(&format!("; untrusted site date '{u}' ignored"));
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

/// The evidence for a content date (`day`): the binding past anchor, the
/// future bound, up to two weekdays (else the first anchor).
fn content_evidence(day: i64, dated: &[(Date, &Anchor)], clues: &Clues<'_>) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    if let Some((_, a)) = dated
        .iter()
        .filter(|(d, a)| a.tense == Tense::Past && d.to_days() <= day)
        .max_by_key(|(d, _)| d.to_days())
    {
        parts.push(format!("'{}' (past)", a.text));
    }
    if let Some((_, a)) = dated
        .iter()
        .filter(|(d, a)| a.tense == Tense::Future && d.to_days() >= day)
        .min_by_key(|(d, _)| d.to_days())
    {
        let week = if clues.this_week.contains(&a.sent) {
            ", 'this week'"
        } else {
            ""
        };
        parts.push(format!("'{}' (announced{week})", a.text));
    }
    let mut seen = HashSet::new();
    for (m, _, t) in &clues.weekdays {
        let w = format!(
            "'{}'{}",
            t,
            if m.tense == Tense::Future {
                " (ahead)"
            } else {
                ""
            }
        );
        if seen.insert(w.clone()) && seen.len() <= 2 {
            parts.push(w);
        }
    }
    if parts.is_empty() {
        if let Some((_, a)) = dated.first() {
            parts.push(format!("'{}'", a.text));
        }
    }
    parts
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

/// Notes whether a header date agrees with the inferred one.
fn push_header_check(evidence: &mut String, header: Option<&(&Mention, String)>, date: Date) {
    let Some((m, text)) = header else {
        return;
    };
    let value = resolve(&m.sem, Some(date), Tense::Unknown);
    let agrees = first_day(&value).is_some_and(|h| (h.to_days() - date.to_days()).abs() <= 1);
    if agrees {
        evidence.push_str(&format!("; header '{text}' agrees"));
    } else {
        evidence.push_str(&format!(
            "; header '{text}' contradicts the content, not trusted"
        ));
    }
}

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
        let (d, info) = infer_from_text(
            "WASHINGTON, March 3, 2021 (AP) - Officials said on Monday",
            None,
            &[],
        )
        .unwrap();
        assert_eq!(d, Date::new(2021, 3, 3).unwrap());
        assert_eq!(info.source, DateSource::Dateline);
        assert!(info.confidence >= 0.9);
    }

    #[test]
    fn no_dates_no_inference() {
        assert!(infer_from_text("Nothing temporal here at all.", None, &[]).is_none());
        assert!(infer_from_text("", None, &[]).is_none());
    }

    #[test]
    fn sentences_around_spans() {
        let c = chars("First one. He met on Monday in Geneva. Last one.");
        assert_eq!(sentence_around(&c, 21, 27), "He met on Monday in Geneva.");
    }
}
