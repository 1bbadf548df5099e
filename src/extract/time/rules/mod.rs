//! The pattern rules: token sequences → temporal expressions with an
//! underspecified meaning ([`Sem`]), resolved later against a reference
//! date by [`super::resolve`].
//!
//! The rules follow the TimeML/TimeBank annotation conventions (extents
//! include determiners and modifiers: "the past two months", "early next
//! year", "the third quarter"), in the spirit of HeidelTime's hand-written
//! patterns, but matched over tokens rather than with regular expressions.
//!
//! [`Matcher::match_at`] tries every rule at a token and keeps the longest
//! match, then [`Matcher::extend`] attaches a part of day or a date. The
//! rules live by kind of expression:
//!
//! - [`numeric`]: numbers, units and all-digit dates ("2022-02-14");
//! - [`dates`]: dates in words ("January 28, 2022", "1997", "the 1990s",
//!   "last Friday", "the spring of 1998", holidays);
//! - [`relative`]: "today", "the past", "last week", "two years ago",
//!   "early 1990s", "the end of 1990";
//! - [`quarter`]: quarters and halves of (fiscal) years;
//! - [`duration`]: durations ("two years", "for decades") and sets
//!   ("every year", "daily");
//! - [`clock`]: clock times ("2 p.m.", "noon", "6 a.m. EDT Thursday");
//! - [`lexicon`]: the word lists they share.

mod clock;
mod dates;
mod duration;
mod lexicon;
mod numeric;
mod quarter;
mod relative;

use super::token::{Tok, TokKind};
use super::TimexKind;
use lexicon::day_part_of;

/// The largest count read in an expression ("999999999 years" is read as
/// this many), so that date arithmetic cannot overflow.
const MAX_COUNT: u32 = 100_000;

/// Calendar units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The TimeML duration letter(s) and whether it is a time unit (PT…).
    pub(crate) fn code(self) -> (&'static str, bool) {
        match self {
            Unit::Second => ("S", true),
            Unit::Minute => ("M", true),
            Unit::Hour => ("H", true),
            Unit::Day => ("D", false),
            Unit::Week => ("W", false),
            Unit::Month => ("M", false),
            Unit::Quarter => ("Q", false),
            Unit::Year => ("Y", false),
            Unit::Decade => ("DE", false),
            Unit::Century => ("CE", false),
        }
    }
}

/// A direction imposed by a modifier ("last December", "next Friday").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    Past,
    Future,
    /// "this December": the occurrence in the reference year/week.
    This,
}

/// The meaning of a temporal expression before it is anchored.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Sem {
    /// A calendar date with possibly missing fields ("Feb. 12", "1997",
    /// "December", "January 28, 2022").
    Ymd {
        y: Option<i32>,
        m: Option<u32>,
        d: Option<u32>,
        dir: Option<Dir>,
    },
    /// A decade given by its first three digits (199 = the 1990s).
    Decade(i32),
    /// A century given by its first two digits (19 = the 20th century).
    Century(i32),
    /// A weekday (1 = Monday) with an optional direction.
    Weekday { wd: u32, dir: Option<Dir> },
    /// `n` units from the reference date ("yesterday", "last week",
    /// "two years ago", "this month").
    Offset { unit: Unit, n: i32 },
    /// The weekend of the reference week shifted by `n` weeks.
    Weekend(i32),
    /// A quarter; `year` absolute, or `shift` quarters from the reference.
    Quarter {
        q: Option<u32>,
        y: Option<i32>,
        shift: i32,
    },
    /// The reported (latest complete) quarter's number, in year `y`.
    QuarterOfYear(i32),
    /// A half year ("the first half of 1989").
    Half { h: u32, y: Option<i32> },
    /// A season ("SP", "SU", "FA", "WI") with a year or a direction.
    Season {
        s: &'static str,
        y: Option<i32>,
        dir: Option<Dir>,
    },
    /// A fiscal year ("fiscal 1989").
    Fiscal(i32),
    /// A fixed value: PAST_REF, PRESENT_REF, FUTURE_REF, durations, sets.
    Lit(String),
    /// A part of a day ("MO", "AF", "EV", "NI") of a day expression.
    DayPart { day: Box<Sem>, part: &'static str },
    /// A clock time on a day expression.
    Clock { day: Box<Sem>, h: u32, min: u32 },
    /// The ISO week containing a day expression ("the week of March 6").
    WeekOf(Box<Sem>),
}

/// A matched expression: token range and meaning.
#[derive(Debug, Clone)]
pub(crate) struct Match {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    pub kind: TimexKind,
    pub sem: Sem,
}

impl Match {
    /// A match of `kind` over tokens `first..last`.
    fn new(first: usize, last: usize, kind: TimexKind, sem: Sem) -> Match {
        Match {
            first,
            last,
            kind,
            sem,
        }
    }

    /// A date (TimeML DATE) over tokens `first..last`.
    fn date(first: usize, last: usize, sem: Sem) -> Match {
        Match::new(first, last, TimexKind::Date, sem)
    }

    /// A calendar date (year, month, day, each optional) over tokens
    /// `first..last`.
    fn ymd(first: usize, last: usize, y: Option<i32>, m: Option<u32>, d: Option<u32>) -> Match {
        Match::date(first, last, Sem::Ymd { y, m, d, dir: None })
    }
}

impl Sem {
    /// A fixed value ("PAST_REF", "P1Y").
    fn lit(v: &str) -> Sem {
        Sem::Lit(v.to_string())
    }

    /// `n` units from the reference date.
    fn offset(unit: Unit, n: i32) -> Sem {
        Sem::Offset { unit, n }
    }

    /// A duration or set value ("P2Y", "PXD"): see [`duration_value`].
    fn duration(n: Option<u32>, half: bool, unit: Unit) -> Sem {
        Sem::Lit(duration_value(n, half, unit))
    }

    /// The quarter `shift` quarters from the reference.
    fn quarter_shift(shift: i32) -> Sem {
        Sem::Quarter {
            q: None,
            y: None,
            shift,
        }
    }
}

// ------------------------------------------------------------ the matcher

/// Matches token sequences against the rules.
pub(crate) struct Matcher<'a> {
    toks: &'a [Tok],
}

/// Every word the rules compare a token with (their string literals,
/// sorted by bytes): a word token outside it, and no month or weekday
/// name, starts no expression ([`Matcher::match_at`]). A test keeps it the
/// rules' words.
const STARTERS: &[&str] = &[
    "a",
    "about",
    "acres",
    "additional",
    "administration",
    "after",
    "afternoon",
    "ago",
    "almost",
    "am",
    "an",
    "and",
    "another",
    "approximately",
    "around",
    "article",
    "as",
    "at",
    "autumn",
    "barely",
    "barrels",
    "before",
    "beginning",
    "boeing",
    "by",
    "c",
    "cars",
    "cases",
    "cdt",
    "centuries",
    "century",
    "cet",
    "chapter",
    "christmas",
    "circa",
    "climate",
    "clock",
    "close",
    "coming",
    "conditions",
    "copies",
    "couple",
    "crisis",
    "cst",
    "current",
    "currently",
    "daily",
    "day",
    "days",
    "deaths",
    "decade",
    "decades",
    "distant",
    "dollars",
    "dozen",
    "during",
    "each",
    "earlier",
    "early",
    "economic",
    "edt",
    "eight",
    "eighteen",
    "eighteenth",
    "eighth",
    "eighties",
    "eighty",
    "eleven",
    "eleventh",
    "employees",
    "end",
    "entire",
    "environment",
    "est",
    "euros",
    "eve",
    "evening",
    "every",
    "fall",
    "feet",
    "few",
    "fifteen",
    "fifteenth",
    "fifth",
    "fifties",
    "fifty",
    "final",
    "first",
    "fiscal",
    "five",
    "flight",
    "following",
    "for",
    "foreseeable",
    "formerly",
    "forties",
    "forty",
    "four",
    "fourteen",
    "fourteenth",
    "fourth",
    "from",
    "full",
    "fully",
    "future",
    "gmt",
    "government",
    "half",
    "hectares",
    "hence",
    "history",
    "homes",
    "hour",
    "hourly",
    "hours",
    "hrs",
    "hundred",
    "in",
    "initial",
    "is",
    "jobs",
    "july",
    "june",
    "just",
    "kilometers",
    "kilometres",
    "km",
    "last",
    "lasted",
    "late",
    "lately",
    "latest",
    "leadership",
    "least",
    "less",
    "level",
    "levels",
    "local",
    "m",
    "mail",
    "many",
    "market",
    "may",
    "men",
    "meters",
    "metres",
    "mid",
    "midday",
    "middle",
    "midnight",
    "miles",
    "minute",
    "minutes",
    "model",
    "moment",
    "month",
    "monthly",
    "months",
    "more",
    "morning",
    "most",
    "msk",
    "mw",
    "nd",
    "near",
    "nearly",
    "new",
    "next",
    "night",
    "nightly",
    "nine",
    "nineteen",
    "nineteenth",
    "nineties",
    "ninety",
    "ninth",
    "no",
    "noon",
    "now",
    "nowadays",
    "number",
    "numerous",
    "o",
    "o'clock",
    "of",
    "old",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "over",
    "overnight",
    "p",
    "page",
    "past",
    "pdt",
    "people",
    "per",
    "percent",
    "period",
    "persons",
    "pm",
    "points",
    "policy",
    "pounds",
    "present",
    "presently",
    "previous",
    "prior",
    "pst",
    "quarter",
    "quarters",
    "rd",
    "recent",
    "recently",
    "regime",
    "resolution",
    "room",
    "roughly",
    "route",
    "s",
    "same",
    "season",
    "second",
    "seconds",
    "section",
    "session",
    "seven",
    "seventeen",
    "seventeenth",
    "seventh",
    "seventies",
    "seventy",
    "several",
    "shares",
    "since",
    "situation",
    "six",
    "sixteen",
    "sixteenth",
    "sixth",
    "sixties",
    "sixty",
    "so",
    "soldiers",
    "some",
    "soon",
    "spring",
    "st",
    "start",
    "summer",
    "take",
    "takes",
    "talks",
    "ten",
    "tenth",
    "term",
    "th",
    "than",
    "thanksgiving",
    "that",
    "the",
    "third",
    "thirteen",
    "thirteenth",
    "thirties",
    "thirtieth",
    "thirty",
    "this",
    "thousand",
    "three",
    "through",
    "till",
    "times",
    "to",
    "today",
    "tomorrow",
    "tonight",
    "tonnes",
    "tons",
    "took",
    "troops",
    "turn",
    "twelfth",
    "twelve",
    "twenties",
    "twentieth",
    "twenty",
    "twice",
    "two",
    "units",
    "until",
    "up",
    "utc",
    "votes",
    "was",
    "week",
    "weekend",
    "weekly",
    "weeks",
    "whole",
    "will",
    "winter",
    "within",
    "women",
    "workers",
    "year",
    "year-ago",
    "year-earlier",
    "yearly",
    "years",
    "yen",
    "yesterday",
];

/// Whether `word` is one of [`STARTERS`] (a hash set: a binary search of
/// the table cost a tenth of the tagger's time).
fn starter(word: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| STARTERS.iter().copied().collect())
        .contains(word)
}

impl<'a> Matcher<'a> {
    pub(crate) fn new(toks: &'a [Tok]) -> Matcher<'a> {
        Matcher { toks }
    }

    fn low(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.low.as_str())
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.low(i) == w
    }

    fn any(&self, i: usize, ws: &[&str]) -> bool {
        let l = self.low(i);
        ws.contains(&l)
    }

    /// Token `i` directly follows token `i-1` (no space).
    fn glued(&self, i: usize) -> bool {
        i > 0 && i < self.toks.len() && self.toks[i].start == self.toks[i - 1].end
    }

    fn punct(&self, i: usize, c: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Punct && t.low == c)
    }

    fn is_hyphen(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Punct && matches!(t.low.as_str(), "-" | "‑" | "–"))
    }

    /// Skips an optional period glued to the previous token ("Jan.").
    fn opt_dot(&self, i: usize) -> usize {
        if self.punct(i, ".") && self.glued(i) {
            i + 1
        } else {
            i
        }
    }

    /// Tries every rule at token `i`; returns the longest match.
    pub(crate) fn match_at(&self, i: usize) -> Option<Match> {
        let t = self.toks.get(i)?;
        if t.kind == TokKind::Punct && t.low != "'" && t.low != "’" {
            return None;
        }
        // A word no rule names cannot start an expression: the rules
        // compare words with the words of [`STARTERS`] or the month and
        // weekday names only (most tokens of a text stop here).
        if t.kind == TokKind::Word
            && t.month == 0
            && t.month_abbrev == 0
            && t.weekday == 0
            && !starter(&t.low)
        {
            return None;
        }
        let mut best: Option<Match> = None;
        let mut consider = |m: Option<Match>| {
            if let Some(m) = m {
                if m.last > m.first && best.as_ref().is_none_or(|b| m.last > b.last) {
                    best = Some(m);
                }
            }
        };
        consider(self.numeric_date(i));
        consider(self.month_date(i));
        consider(self.day_month(i));
        consider(self.year(i));
        consider(self.decade(i));
        consider(self.weekday(i));
        consider(self.deictic(i));
        consider(self.relative(i));
        consider(self.quarter(i));
        consider(self.season(i));
        consider(self.duration(i));
        consider(self.clock(i));
        consider(self.set(i));
        consider(self.holiday(i));
        consider(self.modified(i));
        let m = best?;
        Some(self.extend(m))
    }

    /// Extends a match with attached parts: "Friday morning", "Monday, Oct.
    /// 26", "the week of March 6".
    fn extend(&self, mut m: Match) -> Match {
        // Day + part of day: "Friday morning", "yesterday afternoon".
        let dayish = matches!(
            m.sem,
            Sem::Weekday { .. }
                | Sem::Offset {
                    unit: Unit::Day,
                    ..
                }
        ) || matches!(m.sem, Sem::Ymd { d: Some(_), .. });
        if dayish {
            if let Some(p) = day_part_of(self.low(m.last)) {
                // "Friday night", "Friday morning": TimeBank mostly
                // annotates the day (a DATE); evenings keep their part.
                if matches!(m.sem, Sem::Weekday { .. }) && p != "EV" {
                    m.last += 1;
                    return m;
                }
                m.sem = Sem::DayPart {
                    day: Box::new(m.sem),
                    part: p,
                };
                m.kind = TimexKind::Time;
                m.last += 1;
                return m;
            }
        }
        // Weekday + date: "Monday, Oct. 26" → the date.
        if let Sem::Weekday { .. } = m.sem {
            let j = if self.punct(m.last, ",") {
                m.last + 1
            } else {
                m.last
            };
            if let Some(d) = self.month_date(j).or_else(|| self.day_month(j)) {
                if matches!(d.sem, Sem::Ymd { d: Some(_), .. }) {
                    return Match {
                        first: m.first,
                        ..d
                    };
                }
            }
        }
        m
    }
}

/// `n` units from the reference date, decades and centuries counted in
/// years and quarters as quarter shifts.
fn offset_sem(unit: Unit, n: i32) -> Sem {
    match unit {
        Unit::Decade => Sem::offset(Unit::Year, n * 10),
        Unit::Century => Sem::offset(Unit::Year, n * 100),
        Unit::Quarter => Sem::quarter_shift(n),
        _ => Sem::offset(unit, n),
    }
}

/// A TimeML duration value: "P2Y", "PT5H", "PXD", "P2Y6M".
pub(crate) fn duration_value(n: Option<u32>, half: bool, unit: Unit) -> String {
    let (code, time) = unit.code();
    let t = if time { "T" } else { "" };
    let Some(n) = n else {
        return format!("P{t}X{code}");
    };
    if !half {
        return match unit {
            Unit::Decade => format!("P{}Y", n * 10),
            Unit::Century => format!("P{}Y", n * 100),
            _ => format!("P{t}{n}{code}"),
        };
    }
    let extra = match unit {
        Unit::Year => Some("6M"),
        Unit::Month => Some("2W"),
        Unit::Day => Some("T12H"),
        Unit::Hour => Some("30M"),
        Unit::Minute => Some("30S"),
        _ => None,
    };
    match extra {
        Some(e) if n > 0 => format!("P{t}{n}{code}{e}"),
        Some(e) => format!("P{t}{e}"),
        None => format!("P{t}{n}.5{code}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::time::token::tokenize;

    fn first_match(text: &str) -> Option<(String, Sem)> {
        let chars: Vec<char> = text.chars().collect();
        let toks = tokenize(&chars);
        let m = Matcher::new(&toks);
        (0..toks.len()).find_map(|i| m.match_at(i)).map(|x| {
            let s: String = chars[toks[x.first].start..toks[x.last - 1].end]
                .iter()
                .collect();
            (s, x.sem)
        })
    }

    /// The string literals of Rust source `src` (comments, char literals
    /// and escapes understood).
    fn string_literals(src: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut chars = src.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '/' if chars.peek() == Some(&'/') => {
                    for c in chars.by_ref() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                '\'' => {
                    // A char literal ('"', '\''), not a lifetime.
                    let mut look = chars.clone();
                    let first = look.next();
                    if first == Some('\\') {
                        look.next();
                    }
                    if first.is_some() && look.next() == Some('\'') {
                        chars = look;
                    }
                }
                '"' => {
                    let mut s = String::new();
                    while let Some(c) = chars.next() {
                        match c {
                            '\\' => s.extend(chars.next()),
                            '"' => break,
                            c => s.push(c),
                        }
                    }
                    out.push(s);
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn every_word_the_rules_name_may_start_an_expression() {
        // The gate of `match_at` is sound only if it holds every word a
        // rule compares a token with: each string literal of the rules.
        assert!(
            STARTERS.windows(2).all(|w| w[0] < w[1]),
            "sorted, no repeats"
        );
        let sources = [
            include_str!("mod.rs"),
            include_str!("clock.rs"),
            include_str!("dates.rs"),
            include_str!("duration.rs"),
            include_str!("lexicon.rs"),
            include_str!("numeric.rs"),
            include_str!("quarter.rs"),
            include_str!("relative.rs"),
        ];
        let files = std::fs::read_dir(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/extract/time/rules"
        ))
        .map_or(0, |d| d.count());
        assert_eq!(files, sources.len(), "a rules file is not read here");
        let mut missing = Vec::new();
        for src in sources {
            let code = src.split("#[cfg(test)]").next().unwrap_or(src);
            for lit in string_literals(code) {
                let word = lit.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                    && lit
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || matches!(c, '\'' | '’' | '-'));
                if word && STARTERS.binary_search(&lit.as_str()).is_err() {
                    missing.push(lit);
                }
            }
        }
        assert!(missing.is_empty(), "add to STARTERS: {missing:?}");
    }

    #[test]
    fn duration_values() {
        assert_eq!(duration_value(Some(2), false, Unit::Year), "P2Y");
        assert_eq!(duration_value(Some(5), true, Unit::Hour), "PT5H30M");
        assert_eq!(duration_value(None, false, Unit::Decade), "PXDE");
        assert_eq!(duration_value(Some(2), false, Unit::Decade), "P20Y");
        assert_eq!(duration_value(Some(24), false, Unit::Hour), "PT24H");
    }

    #[test]
    fn spoken_numbers_and_years() {
        assert_eq!(
            first_match("in nineteen ninety-six").map(|m| m.1),
            Some(Sem::Ymd {
                y: Some(1996),
                m: None,
                d: None,
                dir: None
            })
        );
        let (text, _) = first_match("it took twenty-four hours").unwrap();
        assert_eq!(text, "twenty-four hours");
    }

    #[test]
    fn measures_ranks_and_counts_are_not_years() {
        for text in [
            "he won the 1000m in Erfurt",
            "the 1000th number one",
            "a crowd of 1000 watched",
            "the 1200 best schools",
        ] {
            assert_eq!(first_match(text), None, "{text}");
        }
        assert!(first_match("built in 1066").is_some());
        assert_eq!(
            first_match("Saturday, 26 February\n\n1400 GMT").map(|m| m.0),
            Some("Saturday, 26 February".to_string())
        );
        assert!(first_match("the 1997 treaty").is_some());
    }

    #[test]
    fn modal_may_and_verb_march_are_not_months() {
        assert!(first_match("Prices may rise as troops march on.").is_none());
        assert!(first_match("in May the talks resumed").is_some());
    }

    #[test]
    fn fractions_and_scores_are_not_dates() {
        assert!(first_match("about 1/2 of them").is_none());
        assert!(first_match("it rose 12.5 points").is_none());
    }
}
