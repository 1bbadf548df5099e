//! Temporal expressions (TimeML TIMEX3) and document dates.
//!
//! [`tag`] finds the temporal expressions of a text ("January 28, 2022",
//! "on Monday", "last week", "two or three days", "every year", "2 p.m.")
//! and normalizes them against a reference date (the document creation
//! time, DCT) into TimeML values ("2022-01-28", "2022-02-14", "2022-W06",
//! "P2D", "P1Y", "2022-02-14T14:00"). Offsets are Unicode character offsets.
//!
//! The flow: a small private tokenizer ([`token`]) → hand-written rules over
//! tokens ([`rules`]) that yield an underspecified meaning → [`resolve`]
//! against the DCT and the tense around the expression.
//!
//! [`infer_document_date`] and [`infer_corpus_dates`] work out when a
//! document was written from its dateline, its anchored dates and the
//! tense of its relative expressions, with other documents of the corpus
//! as hints for the year; [`timeline`] lists a document's dated events.

/// The calendar, from the shared vocabulary (the tagger's rules name it
/// as `time::date`).
pub(crate) mod date {
    pub use crate::vocab::{add_month, days_in_month, Date};
}
mod infer;
mod rules;
mod token;

pub use date::Date;
pub use infer::{
    event_spans, events_from_spans, infer_corpus_dates, infer_document_date, timeline, DateHint,
    EventSpan, TimelineEvent,
};
pub(crate) use infer::{infer_corpus_dates_scanned, infer_scanned, timeline_scanned};

use rules::{Dir, Match, Matcher, Sem, Unit};
use serde::Serialize;
use token::{tokenize, Tok, TokKind};

/// The TimeML type of a temporal expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexKind {
    /// A calendar date or period ("January 28", "last week", "1997").
    Date,
    /// A time of day ("2 p.m.", "tonight").
    Time,
    /// A length of time ("two years").
    Duration,
    /// A recurrence ("every year").
    Set,
}

impl TimexKind {
    /// "DATE", "TIME", "DURATION" or "SET".
    pub fn as_str(self) -> &'static str {
        match self {
            TimexKind::Date => "DATE",
            TimexKind::Time => "TIME",
            TimexKind::Duration => "DURATION",
            TimexKind::Set => "SET",
        }
    }
}

/// A normalized temporal expression (TimeML TIMEX3).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timex {
    /// The expression as written.
    pub text: String,
    /// Character offset of the first character in the tagged text.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
    /// The TimeML type (serialized as "type").
    #[serde(rename = "type")]
    pub kind: TimexKind,
    /// The TimeML value ("2022-02-14", "2022-W06", "P2D", "PRESENT_REF",
    /// "XXXX-02-24" when the year cannot be known).
    pub value: String,
}

/// The grammatical tense read around an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    Unknown,
}

/// An expression found in a text, before resolution.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: TimexKind,
    pub sem: Sem,
    pub tense: Tense,
    /// Index of the sentence (per the tagger's tokenizer).
    pub sent: usize,
}

/// Finds and normalizes the temporal expressions of `text` against the
/// reference date `dct` (none: values keep unknown parts as "X").
pub fn tag(text: &str, dct: Option<Date>) -> Vec<Timex> {
    let chars: Vec<char> = text.chars().collect();
    mentions(&chars)
        .into_iter()
        .map(|m| Timex {
            text: chars[m.start..m.end].iter().collect(),
            start: m.start,
            end: m.end,
            kind: m.kind,
            value: resolve(&m.sem, dct, m.tense),
        })
        .collect()
}

/// Tags a document's decoded source text (offsets into
/// [`crate::Document::source`]). Without `dct`, the document's own date
/// (or its inferred date) is the reference.
pub fn tag_document(doc: &crate::Document, dct: Option<Date>) -> Vec<Timex> {
    let dct = dct
        .or_else(|| doc.date.as_deref().and_then(Date::parse))
        .or_else(|| infer_document_date(doc, &[]).map(|(d, _)| d));
    tag(&doc.source, dct)
}

/// A text's expressions, unresolved (character offsets): found once for
/// every use (date inference, the timeline). The text's characters are
/// not kept: a batch holds the scans of all its documents at once.
pub(crate) struct Scan {
    pub mentions: Vec<Mention>,
}

impl Scan {
    pub fn new(text: &str) -> Scan {
        let chars: Vec<char> = text.chars().collect();
        Scan {
            mentions: mentions(&chars),
        }
    }
}

/// Finds the expressions of a text, unresolved.
pub(crate) fn mentions(chars: &[char]) -> Vec<Mention> {
    let toks = tokenize(chars);
    let matcher = Matcher::new(&toks);
    // Financial reports compare quarters: "a year ago" is then the
    // year-earlier quarter.
    let financial = toks
        .iter()
        .any(|t| t.low == "quarter" || t.low == "quarterly");
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match matcher.match_at(i) {
            Some(m) => {
                let mut m = trim(&toks, m);
                if financial
                    && m.sem
                        == (Sem::Offset {
                            unit: Unit::Year,
                            n: -1,
                        })
                    && matches!(toks[m.last - 1].low.as_str(), "ago" | "earlier")
                {
                    m.sem = Sem::Quarter {
                        q: None,
                        y: None,
                        shift: -5,
                    };
                }
                if m.last > m.first {
                    out.push(Mention {
                        start: toks[m.first].start,
                        end: toks[m.last - 1].end,
                        kind: m.kind,
                        tense: tense_around(&toks, m.first, m.last),
                        sent: toks[m.first].sent,
                        sem: m.sem,
                    });
                    i = m.last;
                    continue;
                }
                i += 1;
            }
            None => i += 1,
        }
    }
    out
}

/// Drops trailing punctuation that a rule may have swallowed.
fn trim(toks: &[Tok], mut m: Match) -> Match {
    while m.last > m.first + 1
        && toks[m.last - 1].kind == TokKind::Punct
        && !matches!(toks[m.last - 1].low.as_str(), "." | "s")
    {
        m.last -= 1;
    }
    // A final "." stays only after an abbreviation ("Jan.", "p.m.").
    if m.last > m.first + 1 && toks[m.last - 1].low == "." {
        let prev = &toks[m.last - 2];
        let keep = prev.kind == TokKind::Word && (token::is_abbrev(&prev.low) || prev.low == "m");
        if !keep {
            m.last -= 1;
        }
    }
    m
}

const FUTURE_CUES: &[&str] = &[
    "will",
    "shall",
    "'ll",
    "going",
    "scheduled",
    "expected",
    "expects",
    "plans",
    "planned",
    "plan",
    "set",
    "due",
    "upcoming",
    "intends",
    "intend",
    "would",
    "next",
    "until",
    "to",
];
const PAST_CUES: &[&str] = &[
    "said",
    "says",
    "was",
    "were",
    "had",
    "did",
    "told",
    "announced",
    "added",
    "noted",
    "stressed",
    "reported",
    "held",
    "ago",
    "last",
    "earlier",
    "former",
    "recalled",
    "met",
    "signed",
    "sent",
    "made",
    "took",
    "gave",
    "came",
    "went",
    "spoke",
    "called",
    "urged",
    "warned",
    "agreed",
    // Irregular past forms.
    "laid",
    "began",
    "became",
    "brought",
    "bought",
    "built",
    "chose",
    "drew",
    "fell",
    "fought",
    "froze",
    "grew",
    "heard",
    "kept",
    "knew",
    "led",
    "lost",
    "paid",
    "ran",
    "rose",
    "sold",
    "stood",
    "struck",
    "thought",
    "threw",
    "won",
    "wrote",
    "broke",
    "caught",
];

/// Reads the tense of the clause around tokens `first..last`: the nearest
/// tense cue within the sentence wins, before the expression preferred.
fn tense_around(toks: &[Tok], first: usize, last: usize) -> Tense {
    let sent = toks[first].sent;
    let low = |i: usize| toks.get(i).map_or("", |t| t.low.as_str());
    // "Thursday's phone call": a possessive names a past event.
    if matches!(low(last), "'" | "’") && low(last + 1) == "s" {
        return Tense::Past;
    }
    // "as early as Tuesday", "as soon as Monday".
    if first >= 3
        && low(first - 3) == "as"
        && matches!(low(first - 2), "early" | "soon")
        && low(first - 1) == "as"
    {
        return Tense::Future;
    }
    // Participles that say nothing of the tense: "to be returned",
    // "is expected", "followed by".
    let passive = |i: usize| -> bool {
        toks.get(i + 1).is_some_and(|t| t.low == "by")
            || i > 0
                && matches!(
                    toks[i - 1].low.as_str(),
                    "be" | "been" | "being" | "is" | "are" | "get" | "gets" | "to"
                )
    };
    let classify = |i: usize| -> Option<Tense> {
        let t = &toks[i];
        if t.kind != TokKind::Word {
            return None;
        }
        let w = t.low.as_str();
        if w == "to" {
            // "is to resume", "are to meet".
            return (i > 0 && matches!(toks[i - 1].low.as_str(), "is" | "are"))
                .then_some(Tense::Future);
        }
        if FUTURE_CUES.contains(&w) {
            return Some(Tense::Future);
        }
        if PAST_CUES.contains(&w) && !passive(i) {
            return Some(Tense::Past);
        }
        if w.len() > 4
            && w.ends_with("ed")
            && !passive(i)
            && !matches!(
                w,
                "need"
                    | "indeed"
                    | "speed"
                    | "proceed"
                    | "exceed"
                    | "succeed"
                    | "united"
                    | "based"
                    | "related"
                    | "limited"
                    | "concerned"
                    | "interested"
                    | "involved"
                    | "advanced"
                    | "armed"
            )
        {
            return Some(Tense::Past);
        }
        None
    };
    for dist in 1..=20 {
        let before = first.checked_sub(dist).filter(|&i| toks[i].sent == sent);
        let after = Some(last - 1 + dist).filter(|&i| toks.get(i).is_some_and(|t| t.sent == sent));
        for i in [before, after].into_iter().flatten() {
            if let Some(tense) = classify(i) {
                return tense;
            }
        }
        if before.is_none() && after.is_none() {
            break;
        }
    }
    Tense::Unknown
}

/// The ISO week string of a date.
fn week_str(d: Date) -> String {
    let (y, w) = d.iso_week();
    format!("{y:04}-W{w:02}")
}

/// Resolves a year-less month/day against the DCT: the occurrence nearest
/// to it, in the past or the future according to `dir`/`tense`.
fn anchor_year(dct: Date, m: u32, d: Option<u32>, dir: Option<Dir>, tense: Tense) -> i32 {
    let key = |y: i32| -> i64 {
        match d {
            Some(d) => {
                Date::new(y, m, d.min(date::days_in_month(y, m)).max(1)).map_or(0, Date::to_days)
            }
            None => i64::from(y) * 12 + i64::from(m),
        }
    };
    let now = match d {
        Some(_) => dct.to_days(),
        None => i64::from(dct.y) * 12 + i64::from(dct.m),
    };
    let cands = [dct.y - 1, dct.y, dct.y + 1];
    let explicit = dir.is_some();
    let dir = dir.or(match tense {
        Tense::Past => Some(Dir::Past),
        Tense::Future => Some(Dir::Future),
        Tense::Unknown => None,
    });
    let past = || {
        cands
            .iter()
            .rev()
            .copied()
            .find(|&y| key(y) <= now)
            .unwrap_or(dct.y - 1)
    };
    let future = || {
        cands
            .iter()
            .copied()
            .find(|&y| key(y) >= now)
            .unwrap_or(dct.y + 1)
    };
    let nearest = || {
        cands
            .iter()
            .copied()
            .min_by_key(|&y| ((key(y) - now).abs(), y != dct.y))
            .unwrap_or(dct.y)
    };
    match (dir, d) {
        (Some(Dir::This), _) => dct.y,
        // "last December", "next May": strictly before or after the DCT's
        // month.
        (Some(Dir::Past), _) if explicit => cands
            .iter()
            .rev()
            .copied()
            .find(|&y| key(y) < now)
            .unwrap_or(dct.y - 1),
        (Some(Dir::Future), _) if explicit => cands
            .iter()
            .copied()
            .find(|&y| key(y) > now)
            .unwrap_or(dct.y + 1),
        // A day read with a tense: that side, unless the other side is
        // much nearer (tense cues are noisy: "extended to Nov. 20").
        (Some(Dir::Past), Some(_)) => {
            let (p, f) = (past(), future());
            if key(f) - now <= 120 && now - key(p) > 120 {
                f
            } else {
                p
            }
        }
        (Some(Dir::Future), Some(_)) => {
            let (p, f) = (past(), future());
            if now - key(p) <= 7 && key(f) - now > 60 {
                p
            } else {
                f
            }
        }
        // A month read in the past: the last one, unless it is the next
        // month (a year back is then much less likely).
        (Some(Dir::Past), None) => {
            let (p, f) = (past(), future());
            if key(f) - now <= 1 {
                f
            } else {
                p
            }
        }
        (Some(Dir::Future), None) => future(),
        (None, Some(_)) => nearest(),
        // A bare month: the last one, unless the next is at most four
        // months away.
        (None, None) => {
            let (p, f) = (past(), future());
            if key(f) - now <= 4 {
                f
            } else {
                p
            }
        }
    }
}

/// The fourth Thursday of November.
fn thanksgiving(y: i32) -> u32 {
    let nov1 = Date { y, m: 11, d: 1 };
    let first_thu = 1 + (4 + 7 - nov1.weekday()) % 7;
    first_thu + 21
}

/// Resolves a meaning into a TimeML value against the reference date.
pub(crate) fn resolve(sem: &Sem, dct: Option<Date>, tense: Tense) -> String {
    match sem {
        Sem::Ymd { y, m, d, dir } => resolve_ymd(*y, *m, *d, *dir, dct, tense),
        Sem::Decade(d) => format!("{d:03}"),
        Sem::Century(c) => format!("{c:02}"),
        Sem::Fiscal(y) => format!("{y:04}"),
        Sem::Lit(v) => v.clone(),
        Sem::Weekday { wd, dir } => match dct {
            None => format!("XXXX-WXX-{wd}"),
            Some(dct) => resolve_weekday(*wd, *dir, dct, tense),
        },
        Sem::Offset { unit, n } => resolve_offset(*unit, *n, dct),
        Sem::Weekend(n) => match dct {
            None => "XXXX-WXX-WE".into(),
            Some(dct) => {
                // On Monday and Tuesday, "the weekend" is the one just past.
                let back = *n == 0 && dct.weekday() <= 2 && tense != Tense::Future;
                let n = i64::from(*n) - i64::from(back);
                format!("{}-WE", week_str(dct.add_days(7 * n)))
            }
        },
        Sem::Quarter { q, y, shift } => resolve_quarter(*q, *y, *shift, dct, tense),
        Sem::QuarterOfYear(y) => match dct {
            Some(dct) => {
                let base = i64::from(dct.y) * 4 + i64::from(dct.quarter()) - 2;
                format!("{y:04}-Q{}", base.rem_euclid(4) + 1)
            }
            None => format!("{y:04}-QX"),
        },
        Sem::Half { h, y } => {
            let y = y.or(dct.map(|d| d.y));
            format!("{}-H{h}", y.map_or("XXXX".into(), |y| format!("{y:04}")))
        }
        Sem::Season { s, y, dir } => {
            let y = y.or_else(|| {
                let dct = dct?;
                let sm = match *s {
                    "SP" => 4,
                    "SU" => 7,
                    "FA" => 10,
                    _ => 1,
                };
                Some(anchor_year(dct, sm, None, *dir, tense))
            });
            format!("{}-{s}", y.map_or("XXXX".into(), |y| format!("{y:04}")))
        }
        Sem::DayPart { day, part } => {
            let d = resolve(day, dct, tense);
            format!("{d}T{part}")
        }
        Sem::Clock { day, h, min } => {
            let d = resolve(day, dct, tense);
            format!("{d}T{h:02}:{min:02}")
        }
        Sem::WeekOf(day) => {
            let d = resolve(day, dct, tense);
            Date::parse(&d).map_or("XXXX-WXX".into(), week_str)
        }
    }
}

/// A calendar date: a missing year is anchored at the DCT ([`anchor_year`]),
/// day 0 of November is Thanksgiving of that year.
fn resolve_ymd(
    y: Option<i32>,
    m: Option<u32>,
    d: Option<u32>,
    dir: Option<Dir>,
    dct: Option<Date>,
    tense: Tense,
) -> String {
    let y = match (y, m, dct) {
        (Some(y), _, _) => Some(y),
        (None, Some(m), Some(dct)) => Some(anchor_year(dct, m, d.filter(|d| *d > 0), dir, tense)),
        _ => None,
    };
    let ys = y.map_or("XXXX".to_string(), |y| format!("{y:04}"));
    match (m, d) {
        (Some(m), Some(0)) => match y {
            Some(y) => format!("{ys}-{m:02}-{:02}", thanksgiving(y)),
            None => format!("{ys}-{m:02}-XX"),
        },
        (Some(m), Some(d)) => format!("{ys}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{ys}-{m:02}"),
        _ => ys,
    }
}

/// A weekday relative to the DCT: in the direction given, else the one
/// the tense points to (the past by default); the DCT's own weekday is
/// the DCT itself when no direction was written.
fn resolve_weekday(wd: u32, dir: Option<Dir>, dct: Date, tense: Tense) -> String {
    let diff = wd as i64 - dct.weekday() as i64;
    let written = dir.is_some();
    let dir = dir.or(match tense {
        Tense::Future => Some(Dir::Future),
        _ => Some(Dir::Past),
    });
    let off = match dir {
        Some(Dir::This) => diff,
        Some(Dir::Future) => {
            if diff > 0 {
                diff
            } else if diff == 0 && tense == Tense::Future && !written {
                0
            } else {
                diff + 7
            }
        }
        _ => {
            if diff < 0 {
                diff
            } else if diff == 0 && !written {
                0
            } else {
                diff - 7
            }
        }
    };
    dct.add_days(off).to_string()
}

/// `n` units from the DCT, at the granularity of the unit.
fn resolve_offset(unit: Unit, n: i32, dct: Option<Date>) -> String {
    let Some(dct) = dct else {
        return match unit {
            Unit::Day => "XXXX-XX-XX".into(),
            Unit::Week => "XXXX-WXX".into(),
            Unit::Month => "XXXX-XX".into(),
            _ => "XXXX".into(),
        };
    };
    match unit {
        Unit::Day => dct.add_days(i64::from(n)).to_string(),
        Unit::Week => week_str(dct.add_days(7 * i64::from(n))),
        Unit::Month => {
            let (y, m) = date::add_month(dct.y, dct.m, n);
            format!("{y:04}-{m:02}")
        }
        Unit::Year => format!("{:04}", dct.y + n),
        Unit::Hour | Unit::Minute | Unit::Second => dct.to_string(),
        Unit::Quarter | Unit::Decade | Unit::Century => format!("{:04}", dct.y),
    }
}

/// A quarter: numbered (its year given, shifted, or the DCT's, the year
/// before for a quarter not yet over), or `shift` quarters from the DCT's.
fn resolve_quarter(
    q: Option<u32>,
    y: Option<i32>,
    shift: i32,
    dct: Option<Date>,
    tense: Tense,
) -> String {
    let Some(dct) = dct else {
        return match (q, y) {
            (Some(q), Some(y)) => format!("{y:04}-Q{q}"),
            (Some(q), None) => format!("XXXX-Q{q}"),
            _ => "XXXX-QX".into(),
        };
    };
    match q {
        Some(q) => {
            let year = y.unwrap_or_else(|| {
                if shift != 0 {
                    dct.y + shift / 4
                } else if q <= dct.quarter() || tense == Tense::Future {
                    dct.y
                } else {
                    // Financial news reports on past quarters.
                    dct.y - 1
                }
            });
            format!("{year:04}-Q{q}")
        }
        None => {
            let base = i64::from(dct.y) * 4 + i64::from(dct.quarter() - 1) + i64::from(shift);
            format!("{:04}-Q{}", base.div_euclid(4), base.rem_euclid(4) + 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dct() -> Option<Date> {
        Date::new(2022, 2, 15)
    }

    fn one(text: &str) -> (String, &'static str, String) {
        let t = tag(text, dct());
        assert_eq!(t.len(), 1, "{text:?} → {t:?}");
        (t[0].text.clone(), t[0].kind.as_str(), t[0].value.clone())
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(
            one("It happened on January 28, 2022 in Moscow.").2,
            "2022-01-28"
        );
        assert_eq!(one("on 28 January 2022").2, "2022-01-28");
        assert_eq!(one("On Jan. 27, after talks").0, "Jan. 27");
        assert_eq!(one("On Jan. 27, after talks").2, "2022-01-27");
        assert_eq!(one("on 2022-02-14 it").2, "2022-02-14");
        assert_eq!(one("on 02/14/2022 it").2, "2022-02-14");
    }

    #[test]
    fn offsets_are_chars() {
        let text = "«Ещё» — said on Monday.";
        let t = tag(text, dct());
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(t.len(), 1);
        let s: String = chars[t[0].start..t[0].end].iter().collect();
        assert_eq!(s, "Monday");
        assert_eq!(t[0].value, "2022-02-14");
    }
}
