//! The pattern rules: token sequences → temporal expressions with an
//! underspecified meaning ([`Sem`]), resolved later against a reference
//! date by [`super::resolve`].
//!
//! The rules follow the TimeML/TimeBank annotation conventions (extents
//! include determiners and modifiers: "the past two months", "early next
//! year", "the third quarter"), in the spirit of HeidelTime's hand-written
//! patterns, but matched over tokens rather than with regular expressions.

use super::token::{Tok, TokKind};
use super::TimexKind;
use crate::text::calendar;

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
    pub fn code(self) -> (&'static str, bool) {
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

// ---------------------------------------------------------------- lexicon

pub(crate) fn month_of(t: &Tok) -> Option<u32> {
    if t.kind != TokKind::Word {
        return None;
    }
    if let Some(full) = calendar::english_month(&t.low) {
        // "march" and "may" are also common verbs: require a capital.
        if matches!(full, 3 | 5) && !t.cap {
            return None;
        }
        return Some(u32::from(full));
    }
    if !t.cap {
        return None;
    }
    calendar::english_month_abbrev(&t.low).map(u32::from)
}

fn weekday_of(w: &str) -> Option<u32> {
    calendar::weekday(w).map(u32::from)
}

fn number_word(w: &str) -> Option<u32> {
    Some(match w {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        "dozen" => 12,
        _ => return None,
    })
}

fn ordinal_word(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        _ => return None,
    })
}

fn unit_of(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "second" => (Unit::Second, false),
        "seconds" => (Unit::Second, true),
        "minute" => (Unit::Minute, false),
        "minutes" => (Unit::Minute, true),
        "hour" => (Unit::Hour, false),
        "hours" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" => (Unit::Year, false),
        "years" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

fn season_of(w: &str) -> Option<&'static str> {
    match w {
        "spring" => Some("SP"),
        "summer" => Some("SU"),
        "fall" | "autumn" => Some("FA"),
        "winter" => Some("WI"),
        _ => None,
    }
}

fn day_part_of(w: &str) -> Option<&'static str> {
    match w {
        "morning" => Some("MO"),
        "afternoon" => Some("AF"),
        "evening" => Some("EV"),
        "night" | "overnight" => Some("NI"),
        _ => None,
    }
}

// ------------------------------------------------------------ the matcher

/// Matches token sequences against the rules.
pub(crate) struct Matcher<'a> {
    toks: &'a [Tok],
}

/// A (possibly composite) number read from tokens: value or "X" (unknown:
/// "several", "a few"), and the index after it.
#[derive(Debug, Clone, Copy)]
struct Num {
    /// None = unspecified ("several").
    val: Option<u32>,
    /// A trailing "1/2" or "and a half".
    half: bool,
    next: usize,
}

impl<'a> Matcher<'a> {
    pub fn new(toks: &'a [Tok]) -> Matcher<'a> {
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

    /// A day of month: "12", "12th", "12-th" (not a longer number).
    fn day_num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i)?;
        let d = t.num().filter(|_| t.low.len() <= 2)?;
        if !(1..=31).contains(&d) {
            return None;
        }
        let mut j = i + 1;
        if self.any(j, &["st", "nd", "rd", "th"]) && self.glued(j) {
            j += 1;
        }
        // "12.5", "12,000", "12:30", "12%" are not days.
        if self.glued(j)
            && (self.punct(j, ",") || self.punct(j, ".") || self.punct(j, ":"))
            && self
                .toks
                .get(j + 1)
                .is_some_and(|t| t.kind == TokKind::Num && t.start == self.toks[j].end)
        {
            return None;
        }
        if self.punct(j, "%") || self.any(j, &["percent", "per"]) {
            return None;
        }
        Some((d, j))
    }

    /// An ordinal day: "16th", "16", "sixteenth".
    fn ordinal_day(&self, i: usize) -> Option<(u32, usize)> {
        if let Some(o) = ordinal_word(self.low(i)) {
            return Some((o, i + 1));
        }
        let (d, j) = self.day_num(i)?;
        if j > i + 1 {
            Some((d, j))
        } else {
            None
        }
    }

    /// A 4-digit year in 1000..=2199, or "'98"-style.
    fn year_num(&self, i: usize) -> Option<(i32, usize)> {
        let t = self.toks.get(i)?;
        if t.kind == TokKind::Num && t.low.len() == 4 {
            let y = t.num()? as i32;
            if (1000..=2199).contains(&y) {
                // "1990s" is a decade, "1,990" is a number.
                if self.glued(i + 1) && (self.is(i + 1, "s") || self.punct(i + 1, "%")) {
                    return None;
                }
                if i > 0
                    && self.glued(i)
                    && (self.punct(i - 1, ",") || self.punct(i - 1, "$") || self.punct(i - 1, "."))
                {
                    return None;
                }
                return Some((y, i + 1));
            }
        }
        // Spoken: "nineteen ninety-six".
        if matches!(t.low.as_str(), "nineteen" | "eighteen") {
            let century = if t.low == "nineteen" { 1900 } else { 1800 };
            let n = self.number(i + 1)?;
            if let Some(v) = n.val.filter(|v| (10..100).contains(v)) {
                if !n.half {
                    return Some((century + v as i32, n.next));
                }
            }
        }
        None
    }

    /// A cardinal number: digits, words ("twenty-four"), "a"/"an",
    /// "several"/"a few"/"many" (unspecified), with a trailing "1/2".
    fn number(&self, i: usize) -> Option<Num> {
        let t = self.toks.get(i)?;
        let (val, mut next) = if let Some(v) = t.num() {
            // "12,000" → a large number; we only need small ones.
            let mut j = i + 1;
            let mut v = v;
            while self.punct(j, ",")
                && self.glued(j)
                && self.toks.get(j + 1).is_some_and(|t| {
                    t.kind == TokKind::Num && t.low.len() == 3 && t.start == self.toks[j].end
                })
            {
                v = v
                    .saturating_mul(1000)
                    .saturating_add(self.toks[j + 1].num().unwrap_or(0));
                j += 2;
            }
            if self.punct(j, ".")
                && self.glued(j)
                && self
                    .toks
                    .get(j + 1)
                    .is_some_and(|t| t.kind == TokKind::Num && t.start == self.toks[j].end)
            {
                // Decimal: keep the integer part only when ".5".
                let half = self.is(j + 1, "5");
                return Some(Num {
                    val: Some(v.min(MAX_COUNT)),
                    half,
                    next: j + 2,
                });
            }
            (Some(v), j)
        } else if let Some(v) = number_word(&t.low) {
            let mut v = v;
            let mut j = i + 1;
            if (20..=90).contains(&v) && v % 10 == 0 {
                let k = if self.is_hyphen(j) { j + 1 } else { j };
                if let Some(u) = number_word(self.low(k)).filter(|u| (1..=9).contains(u)) {
                    v += u;
                    j = k + 1;
                }
            }
            if self.is(j, "hundred") {
                v *= 100;
                j += 1;
            }
            (Some(v), j)
        } else {
            match t.low.as_str() {
                "a" | "an" => {
                    if self.is(i + 1, "few") || self.is(i + 1, "couple") {
                        let j = if self.is(i + 2, "of") { i + 3 } else { i + 2 };
                        return Some(Num {
                            val: if self.is(i + 1, "couple") {
                                Some(2)
                            } else {
                                None
                            },
                            half: false,
                            next: j,
                        });
                    }
                    (Some(1), i + 1)
                }
                "several" | "few" | "many" | "some" | "numerous" => (None, i + 1),
                _ => return None,
            }
        };
        // Counts are capped so that date arithmetic cannot overflow.
        let val = val.map(|v| v.min(MAX_COUNT));
        let mut half = false;
        // "5 1/2", "two and a half".
        let fraction = self.is(next, "1") && self.punct(next + 1, "/") && self.is(next + 2, "2");
        if fraction || self.is(next, "and") && self.is(next + 1, "a") && self.is(next + 2, "half") {
            half = true;
            next += 3;
        }
        Some(Num { val, half, next })
    }

    /// A number followed by a unit, as a duration value ("two years" →
    /// P2Y), also "two or three days" and "two-year".
    fn number_unit(&self, i: usize) -> Option<(String, Unit, Option<u32>, usize)> {
        let n = self.number(i)?;
        let mut j = n.next;
        // "two or three days", "two to three days", "10-15 years": one
        // expression, valued with the first number.
        if self.any(j, &["or", "to"])
            || (self.is_hyphen(j) && self.toks.get(j + 1).is_some_and(|t| t.kind == TokKind::Num))
        {
            if let Some(n2) = self.number(j + 1) {
                if n2.val.is_some() && n.val.is_some() && unit_of(self.low(n2.next)).is_some() {
                    j = n2.next;
                }
            }
        }
        if self.is(j, "more") || self.is(j, "additional") || self.is(j, "full") {
            j += 1;
        }
        let hyphen = self.is_hyphen(j);
        if hyphen {
            j += 1;
        }
        let (unit, plural) = unit_of(self.low(j))?;
        // "a minute and a half".
        if !n.half && self.is(j + 1, "and") && self.is(j + 2, "a") && self.is(j + 3, "half") {
            n.val?;
            return Some((duration_value(n.val, true, unit), unit, n.val, j + 4));
        }
        // "one years" is fine; "a years" is not.
        if plural && self.any(i, &["a", "an"]) && !self.is(i + 1, "few") {
            return None;
        }
        if n.val.is_none() && !plural {
            return None;
        }
        // "a year-earlier quarter" is not "a year".
        if self.is_hyphen(j + 1) && self.any(j + 2, &["earlier", "ago"]) {
            return None;
        }
        // "the 1988 quarter", "1990 second" are years, not counts.
        if !plural && n.val.is_some_and(|v| (1000..=2199).contains(&v)) {
            return None;
        }
        Some((duration_value(n.val, n.half, unit), unit, n.val, j + 1))
    }

    /// Tries every rule at token `i`; returns the longest match.
    pub fn match_at(&self, i: usize) -> Option<Match> {
        let t = self.toks.get(i)?;
        if t.kind == TokKind::Punct && t.low != "'" && t.low != "’" {
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

    /// "2022-02-14", "02/14/2022", "14.02.2022", "2/14".
    fn numeric_date(&self, i: usize) -> Option<Match> {
        let a = self.toks.get(i)?.num()?;
        let sep = self.toks.get(i + 1)?;
        if sep.kind != TokKind::Punct || !self.glued(i + 1) || !self.glued(i + 2) {
            return None;
        }
        let s = sep.low.as_str();
        if !matches!(s, "-" | "/" | ".") {
            return None;
        }
        let b = self.toks.get(i + 2)?.num()?;
        let la = self.toks[i].low.len();
        let lb = self.toks[i + 2].low.len();
        // Three parts?
        let third = if self.punct(i + 3, s) && self.glued(i + 3) && self.glued(i + 4) {
            self.toks
                .get(i + 4)
                .and_then(|t| t.num().map(|v| (v, t.low.len())))
        } else {
            None
        };
        let (y, m, d, last) = match third {
            Some((c, lc)) => {
                if la == 4 && lb <= 2 && lc <= 2 {
                    (a as i32, b, c, i + 5)
                } else if la <= 2 && lb <= 2 && (lc == 4 || lc == 2) {
                    let y = if lc == 2 {
                        1900 + c as i32 + if c < 50 { 100 } else { 0 }
                    } else {
                        c as i32
                    };
                    // US order for "/", day-first for "." and "-".
                    if s == "/" && a <= 12 {
                        (y, a, b, i + 5)
                    } else if b <= 12 {
                        (y, b, a, i + 5)
                    } else {
                        (y, a, b, i + 5)
                    }
                } else {
                    return None;
                }
            }
            None => {
                // "2/14" only with a slash, month/day.
                if s != "/" || la > 2 || lb > 2 || self.glued(i + 3) && self.punct(i + 3, "/") {
                    return None;
                }
                // Fractions are common ("1/2"): require a day > 12 or a
                // preceding "on".
                if !(i > 0 && self.any(i - 1, &["on", "since", "by", "until"])) {
                    return None;
                }
                crate::extract::time::date::Date::new(2000, a, b)?;
                return Some(Match {
                    first: i,
                    last: i + 3,
                    kind: TimexKind::Date,
                    sem: Sem::Ymd {
                        y: None,
                        m: Some(a),
                        d: Some(b),
                        dir: None,
                    },
                });
            }
        };
        crate::extract::time::date::Date::new(y, m, d)?;
        Some(Match {
            first: i,
            last,
            kind: TimexKind::Date,
            sem: Sem::Ymd {
                y: Some(y),
                m: Some(m),
                d: Some(d),
                dir: None,
            },
        })
    }

    /// Optional ", 2022" / " 2022" / " of 2022" after a month expression.
    fn trailing_year(&self, j: usize) -> Option<(i32, usize)> {
        let k = if self.punct(j, ",") { j + 1 } else { j };
        let k = if self.is(k, "of") { k + 1 } else { k };
        // Never across a blank line: "Saturday, 26 February\n\n1400 GMT".
        let same_sentence = j > 0
            && self
                .toks
                .get(k)
                .is_some_and(|t| t.sent == self.toks[j - 1].sent);
        if !same_sentence {
            return None;
        }
        self.year_num(k)
    }

    /// "January 28, 2022", "Jan. 27", "January 2022", "December", "Feb 24",
    /// "last December", "this September".
    fn month_date(&self, i: usize) -> Option<Match> {
        let dir = match self.low(i) {
            "last" | "past" => Some(Dir::Past),
            "next" | "coming" => Some(Dir::Future),
            "this" => Some(Dir::This),
            _ => None,
        };
        if let Some(dir) = dir {
            let mut m = self.month_date_bare(i + 1)?;
            if let Sem::Ymd {
                y: None, dir: d, ..
            } = &mut m.sem
            {
                *d = Some(dir);
                m.first = i;
                return Some(m);
            }
            return None;
        }
        self.month_date_bare(i)
    }

    fn month_date_bare(&self, i: usize) -> Option<Match> {
        let t = self.toks.get(i)?;
        let m = month_of(t)?;
        let mut j = self.opt_dot(i + 1);
        let abbrev =
            t.low.chars().count() <= 4 && !matches!(t.low.as_str(), "may" | "june" | "july");
        // "Jan" without a dot and without a day is too ambiguous.
        if let Some((d, k)) = self.day_num(j) {
            if crate::extract::time::date::Date::new(2000, m, d).is_some() {
                // "May 5 percent" is handled by day_num; "June 30, 1998".
                j = k;
                if let Some((y, k2)) = self.trailing_year(j) {
                    return Some(self.ymd(i, k2, Some(y), Some(m), Some(d)));
                }
                return Some(self.ymd(i, j, None, Some(m), Some(d)));
            }
        }
        if let Some((y, k)) = self.trailing_year(j) {
            return Some(self.ymd(i, k, Some(y), Some(m), None));
        }
        if abbrev && j == i + 1 {
            return None;
        }
        // Bare month names: "May" as a name needs context.
        if m == 5
            && !(i > 0
                && self.any(
                    i - 1,
                    &[
                        "in", "of", "since", "until", "last", "next", "this", "early", "late",
                        "mid", "by", "through", "-", "–",
                    ],
                ))
        {
            return None;
        }
        // "March" as a sentence-initial verb or a name ("March Madness").
        if (m == 3 || m == 8) && t.all_caps {
            return None;
        }
        Some(self.ymd(i, j, None, Some(m), None))
    }

    fn ymd(
        &self,
        first: usize,
        last: usize,
        y: Option<i32>,
        m: Option<u32>,
        d: Option<u32>,
    ) -> Match {
        Match {
            first,
            last,
            kind: TimexKind::Date,
            sem: Sem::Ymd { y, m, d, dir: None },
        }
    }

    /// "28 January 2022", "10 January", "the 16th of February", "16th or
    /// 17th of February" (the first day takes the later month).
    fn day_month(&self, i: usize) -> Option<Match> {
        let mut j = i;
        if self.is(j, "the") {
            j += 1;
        }
        let (d, k) = self
            .ordinal_day(j)
            .or_else(|| if j == i { self.day_num(j) } else { None })?;
        let mut k = k;
        if self.is(k, "of") {
            k += 1;
        }
        if let Some(m) = self.toks.get(k).and_then(month_of) {
            crate::extract::time::date::Date::new(2000, m, d)?;
            let after = self.opt_dot(k + 1);
            if let Some((y, e)) = self.trailing_year(after) {
                return Some(self.ymd(i, e, Some(y), Some(m), Some(d)));
            }
            return Some(self.ymd(i, after, None, Some(m), Some(d)));
        }
        // "the 16th or 17th of February": first day, month from later.
        if self.any(k, &["or", "and", "to"]) || self.is_hyphen(k) {
            let (_, k2) = self.ordinal_day(k + 1)?;
            let k3 = if self.is(k2, "of") { k2 + 1 } else { k2 };
            let m = self.toks.get(k3).and_then(month_of)?;
            crate::extract::time::date::Date::new(2000, m, d)?;
            let after = self.opt_dot(k3 + 1);
            let y = self.trailing_year(after).map(|(y, _)| y);
            return Some(self.ymd(i, k, y, Some(m), Some(d)));
        }
        None
    }

    /// "1997", "fiscal 1989", "the year 2000", "nineteen ninety-six".
    fn year(&self, i: usize) -> Option<Match> {
        if self.is(i, "fiscal") {
            let j = if self.is(i + 1, "year") { i + 2 } else { i + 1 };
            let (y, k) = self.year_num(j)?;
            return Some(Match {
                first: i,
                last: k,
                kind: TimexKind::Date,
                sem: Sem::Fiscal(y),
            });
        }
        if self.is(i, "the") && self.is(i + 1, "year") {
            if let Some((y, k)) = self.year_num(i + 2) {
                return Some(self.ymd(i, k, Some(y), None, None));
            }
            if self.is(i + 2, "two") && self.is(i + 3, "thousand") {
                return Some(self.ymd(i, i + 4, Some(2000), None, None));
            }
        }
        let (y, k) = self.year_num(i)?;
        let t = &self.toks[i];
        if t.kind == TokKind::Num {
            // Numbers that are not years: "1997 people", "$1997", "1,500".
            if i > 0
                && (self.punct(i - 1, "$")
                    || self.any(
                        i - 1,
                        &[
                            "no",
                            "number",
                            "page",
                            "route",
                            "flight",
                            "article",
                            "resolution",
                            "chapter",
                            "section",
                            "room",
                            "boeing",
                            "model",
                        ],
                    ))
            {
                return None;
            }
            if let Some(n) = self.toks.get(k) {
                if n.kind == TokKind::Word
                    && matches!(
                        n.low.as_str(),
                        "people"
                            | "gmt"
                            | "est"
                            | "edt"
                            | "hrs"
                            | "hours"
                            | "local"
                            | "persons"
                            | "men"
                            | "women"
                            | "troops"
                            | "soldiers"
                            | "tons"
                            | "tonnes"
                            | "meters"
                            | "metres"
                            | "feet"
                            | "miles"
                            | "km"
                            | "kilometers"
                            | "kilometres"
                            | "dollars"
                            | "shares"
                            | "points"
                            | "votes"
                            | "cases"
                            | "deaths"
                            | "pounds"
                            | "euros"
                            | "yen"
                            | "barrels"
                            | "employees"
                            | "workers"
                            | "jobs"
                            | "units"
                            | "cars"
                            | "homes"
                            | "acres"
                            | "hectares"
                            | "copies"
                            | "km²"
                            | "mw"
                    )
                {
                    return None;
                }
                if n.kind == TokKind::Punct
                    && matches!(n.low.as_str(), "%" | ":")
                    && n.start == t.end
                {
                    return None;
                }
                // "1000m", "1500th", "2000kg": a measure or a rank.
                if n.kind == TokKind::Word && n.start == t.end {
                    return None;
                }
            }
            // Before 1500 a bare number is a count far more often than a
            // year: "a crowd of 1000", "the 1000 best". Take it as a year
            // only after a word that introduces one ("in 1066").
            if y < 1500
                && !(i > 0
                    && self.any(
                        i - 1,
                        &[
                            "in", "since", "year", "until", "till", "before", "after", "circa", "c",
                        ],
                    ))
            {
                return None;
            }
        }
        Some(self.ymd(i, k, Some(y), None, None))
    }

    /// "the 1990s", "1960s", "the '80s", "the mid-1990s", "the nineties",
    /// "the 20th century".
    fn decade(&self, i: usize) -> Option<Match> {
        let mut j = i;
        if self.is(j, "the") {
            j += 1;
        }
        let t = self.toks.get(j)?;
        if t.kind == TokKind::Num && t.low.len() == 4 && self.is(j + 1, "s") && self.glued(j + 1) {
            let v = t.num()? as i32;
            if v % 10 == 0 && (1000..2200).contains(&v) {
                return Some(Match {
                    first: i,
                    last: j + 2,
                    kind: TimexKind::Date,
                    sem: Sem::Decade(v / 10),
                });
            }
        }
        if matches!(t.low.as_str(), "'" | "’")
            && self
                .toks
                .get(j + 1)
                .is_some_and(|n| n.kind == TokKind::Num && n.low.len() == 2)
            && self.is(j + 2, "s")
        {
            let v = self.toks[j + 1].num()? as i32;
            if v % 10 == 0 {
                return Some(Match {
                    first: i,
                    last: j + 3,
                    kind: TimexKind::Date,
                    sem: Sem::Decade(190 + v / 10),
                });
            }
        }
        if j > i {
            let dec = match t.low.as_str() {
                "twenties" => Some(192),
                "thirties" => Some(193),
                "forties" => Some(194),
                "fifties" => Some(195),
                "sixties" => Some(196),
                "seventies" => Some(197),
                "eighties" => Some(198),
                "nineties" => Some(199),
                _ => None,
            };
            if let Some(d) = dec {
                return Some(Match {
                    first: i,
                    last: j + 1,
                    kind: TimexKind::Date,
                    sem: Sem::Decade(d),
                });
            }
        }
        // Centuries: "the 20th century", "the nineteenth century".
        let (n, k) = self
            .ordinal_day(j)
            .or_else(|| ordinal_word(&t.low).map(|o| (o, j + 1)))?;
        if self.is(k, "century") && (1..=22).contains(&n) {
            return Some(Match {
                first: i,
                last: k + 1,
                kind: TimexKind::Date,
                sem: Sem::Century(n as i32 - 1),
            });
        }
        None
    }

    /// "Monday", "on Monday" (extent: the weekday), "last Friday",
    /// "next Tuesday", "this Wednesday".
    fn weekday(&self, i: usize) -> Option<Match> {
        let (dir, j) = match self.low(i) {
            "last" | "past" => (Some(Dir::Past), i + 1),
            "next" | "coming" => (Some(Dir::Future), i + 1),
            "this" => (Some(Dir::This), i + 1),
            _ => (None, i),
        };
        let wd = weekday_of(self.low(j))?;
        Some(Match {
            first: i,
            last: j + 1,
            kind: TimexKind::Date,
            sem: Sem::Weekday { wd, dir },
        })
    }

    /// "today", "yesterday", "tomorrow", "tonight", "now", "currently",
    /// "recently", "the past", "the future", "this morning", "last night".
    fn deictic(&self, i: usize) -> Option<Match> {
        let lit = |first, last, v: &str| {
            Some(Match {
                first,
                last,
                kind: TimexKind::Date,
                sem: Sem::Lit(v.to_string()),
            })
        };
        let day = |first, last, n| {
            Some(Match {
                first,
                last,
                kind: TimexKind::Date,
                sem: Sem::Offset { unit: Unit::Day, n },
            })
        };
        let part = |first, last, n, p| {
            Some(Match {
                first,
                last,
                kind: TimexKind::Time,
                sem: Sem::DayPart {
                    day: Box::new(Sem::Offset { unit: Unit::Day, n }),
                    part: p,
                },
            })
        };
        match self.low(i) {
            "today" => {
                // "today's" stays a date; "Today" as a show name is rare.
                day(i, i + 1, 0)
            }
            "yesterday" => day(i, i + 1, -1),
            "tomorrow" => day(i, i + 1, 1),
            "tonight" => part(i, i + 1, 0, "NI"),
            "now" => {
                // "now" as a discourse marker at the start of a sentence
                // ("Now, ...") is still PRESENT_REF in TimeBank.
                // "until now", "by now", "now that": still the present.
                lit(i, i + 1, "PRESENT_REF")
            }
            "currently" | "nowadays" | "presently" => lit(i, i + 1, "PRESENT_REF"),
            "current"
                if self.any(
                    i + 1,
                    &[
                        "level",
                        "levels",
                        "period",
                        "situation",
                        "conditions",
                        "environment",
                        "climate",
                        "crisis",
                        "market",
                        "economic",
                        "year",
                        "quarter",
                        "month",
                        "week",
                        "season",
                        "session",
                        "term",
                        "administration",
                        "government",
                        "leadership",
                        "regime",
                        "policy",
                        "talks",
                    ],
                ) =>
            {
                if self.any(i + 1, &["year", "quarter", "month", "week", "season"]) {
                    return None;
                }
                lit(i, i + 1, "PRESENT_REF")
            }
            "recently" | "lately" | "formerly" => lit(i, i + 1, "PAST_REF"),
            "recent" if self.any(i + 1, &["years", "decades", "times", "history"]) => {
                if self.any(i + 1, &["years", "decades", "times"]) {
                    lit(i, i + 2, "PAST_REF")
                } else {
                    lit(i, i + 1, "PAST_REF")
                }
            }
            "recent" if self.any(i + 1, &["months", "weeks", "days"]) => {
                let (u, _) = unit_of(self.low(i + 1))?;
                Some(Match {
                    first: i,
                    last: i + 2,
                    kind: TimexKind::Duration,
                    sem: Sem::Lit(duration_value(None, false, u)),
                })
            }
            "soon" => {
                if i > 0 && self.is(i - 1, "as") || self.is(i + 1, "after") {
                    return None;
                }
                lit(i, i + 1, "FUTURE_REF")
            }
            "future" if i > 0 && self.any(i - 1, &["in", "near", "foreseeable", "distant"]) => {
                lit(i, i + 1, "FUTURE_REF")
            }
            "the" => match self.low(i + 1) {
                "past"
                    if !self.toks.get(i + 2).is_some_and(|t| {
                        t.kind == TokKind::Word && unit_of(&t.low).is_some()
                            || number_word(&t.low).is_some()
                            || t.kind == TokKind::Num
                            || matches!(t.low.as_str(), "few" | "several")
                    }) =>
                {
                    lit(i, i + 2, "PAST_REF")
                }
                "future" => lit(i, i + 2, "FUTURE_REF"),
                "present"
                    if !self.any(i + 2, &["day"])
                        && !self.toks.get(i + 2).is_some_and(|t| {
                            t.kind == TokKind::Word
                                && !matches!(t.low.as_str(), "and" | "or" | "is" | "was")
                        }) =>
                {
                    lit(i, i + 2, "PRESENT_REF")
                }
                "moment" if i > 0 && self.any(i - 1, &["at", "for"]) => {
                    lit(i, i + 2, "PRESENT_REF")
                }
                "near" if self.is(i + 2, "future") => lit(i, i + 3, "FUTURE_REF"),
                "foreseeable" if self.is(i + 2, "future") => lit(i, i + 3, "FUTURE_REF"),
                _ => None,
            },
            _ => None,
        }
        .or_else(|| {
            // "this morning", "last night", "this afternoon".
            let p = day_part_of(self.low(i + 1))?;
            match self.low(i) {
                "this" => part(i, i + 2, 0, p),
                "last" if p == "NI" => part(i, i + 2, -1, "NI"),
                _ => None,
            }
        })
    }

    /// "last week", "this year", "next month", "the past year", "earlier
    /// this month", "two years ago", "a year earlier", "the weekend".
    fn relative(&self, i: usize) -> Option<Match> {
        // "N units ago/earlier/later/before/from now".
        if let Some((_, unit, n, j)) = self.number_unit(i) {
            if self.is(j, "ago") || (self.any(j, &["earlier"]) && !self.is(j + 1, "than")) {
                // "several years ago": some time in the past.
                let Some(n) = n.map(|n| n as i32) else {
                    let sem = Sem::Lit("PAST_REF".into());
                    return Some(Match {
                        first: i,
                        last: j + 1,
                        kind: TimexKind::Date,
                        sem,
                    });
                };
                return Some(Match {
                    first: i,
                    last: j + 1,
                    kind: TimexKind::Date,
                    sem: offset_sem(unit, -n),
                });
            }
            if self.is(j, "from") && self.is(j + 1, "now") || self.is(j, "hence") {
                let n = n.unwrap_or(1) as i32;
                let last = if self.is(j, "hence") { j + 1 } else { j + 2 };
                return Some(Match {
                    first: i,
                    last,
                    kind: TimexKind::Date,
                    sem: offset_sem(unit, n),
                });
            }
        }
        // "several years ago": PAST_REF.
        if self.any(i, &["several", "many", "some"])
            && unit_of(self.low(i + 1)).is_some_and(|(_, p)| p)
            && self.is(i + 2, "ago")
        {
            return Some(Match {
                first: i,
                last: i + 3,
                kind: TimexKind::Date,
                sem: Sem::Lit("PAST_REF".into()),
            });
        }
        let (mut j, lead) = match self.low(i) {
            "early" | "late" => {
                if self.any(i + 1, &["this", "last", "next", "that"]) {
                    (i + 1, true)
                } else {
                    return None;
                }
            }
            _ => (i, false),
        };
        let first = i;
        // "the year-earlier quarter", "year-ago", "the year-ago period".
        {
            let k = if the_at(self, j) { j + 1 } else { j };
            if self.is(k, "year")
                && self.is_hyphen(k + 1)
                && self.any(k + 2, &["earlier", "ago"])
                && self.glued(k + 1)
            {
                let noun = self.any(k + 3, &["quarter", "period"]);
                let (first, last) = if noun { (j, k + 4) } else { (k, k + 3) };
                if !noun {
                    // A bare "year-earlier" is the previous year.
                    let sem = Sem::Offset {
                        unit: Unit::Year,
                        n: -1,
                    };
                    return Some(Match {
                        first,
                        last,
                        kind: TimexKind::Date,
                        sem,
                    });
                }
                let sem = Sem::Quarter {
                    q: None,
                    y: None,
                    shift: -5,
                };
                return Some(Match {
                    first,
                    last,
                    kind: TimexKind::Date,
                    sem,
                });
            }
        }
        let mut the = false;
        if self.is(j, "the") {
            the = true;
            j += 1;
        }
        let shift = match self.low(j) {
            "last" | "past" | "previous" => -1,
            "latest" if self.is(j + 1, "fiscal") => -1,
            "this" | "current" => 0,
            "next" | "coming" | "following" => 1,
            "year-earlier" | "year-ago" if the => {
                // "the year-earlier quarter/period".
                if self.any(j + 1, &["quarter", "period"]) {
                    return Some(Match {
                        first,
                        last: j + 2,
                        kind: TimexKind::Date,
                        sem: Sem::Quarter {
                            q: None,
                            y: None,
                            shift: -4,
                        },
                    });
                }
                return None;
            }
            _ => {
                if the && !lead {
                    // "the weekend".
                    if self.is(j, "weekend") {
                        return Some(Match {
                            first,
                            last: j + 1,
                            kind: TimexKind::Date,
                            sem: Sem::Weekend(0),
                        });
                    }
                    // "the year", "the full year", "the fiscal year" (a
                    // year-long period in TimeBank), "the week".
                    let k = if self.any(j, &["full", "fiscal", "whole", "entire"]) {
                        j + 1
                    } else {
                        j
                    };
                    let free = |n: usize| {
                        !self.is_hyphen(n)
                            && !self.any(n, &["of", "before", "after", "earlier", "ago", "'", "’"])
                    };
                    if self.is(k, "year") && free(k + 1) && self.year_num(k + 1).is_none() {
                        let (kind, sem) = if k > j && !self.is(j, "fiscal") {
                            (
                                TimexKind::Date,
                                Sem::Offset {
                                    unit: Unit::Year,
                                    n: 0,
                                },
                            )
                        } else {
                            (TimexKind::Duration, Sem::Lit("P1Y".into()))
                        };
                        return Some(Match {
                            first,
                            last: k + 1,
                            kind,
                            sem,
                        });
                    }
                    if k == j && self.is(k, "week") && free(k + 1) {
                        let sem = Sem::Offset {
                            unit: Unit::Week,
                            n: 0,
                        };
                        return Some(Match {
                            first,
                            last: k + 1,
                            kind: TimexKind::Date,
                            sem,
                        });
                    }
                }
                return None;
            }
        };
        // "this weekend", "last weekend".
        if self.is(j + 1, "weekend") {
            return Some(Match {
                first,
                last: j + 2,
                kind: TimexKind::Date,
                sem: Sem::Weekend(shift),
            });
        }
        // "the current fiscal year", "last fiscal year".
        if self.is(j + 1, "fiscal") && self.is(j + 2, "year") {
            let sem = Sem::Offset {
                unit: Unit::Year,
                n: shift,
            };
            return Some(Match {
                first,
                last: j + 3,
                kind: TimexKind::Date,
                sem,
            });
        }
        let (unit, plural) = unit_of(self.low(j + 1))?;
        if plural || matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) {
            return None;
        }
        // "the past year" is last year; "the last week", "the next month"
        // are durations in TimeBank.
        if the && shift == -1 && unit == Unit::Year && self.is(j, "past") {
            return Some(Match {
                first,
                last: j + 2,
                kind: TimexKind::Date,
                sem: offset_sem(unit, -1),
            });
        }
        if the && shift != 0 {
            return Some(Match {
                first,
                last: j + 2,
                kind: TimexKind::Duration,
                sem: Sem::Lit(duration_value(Some(1), false, unit)),
            });
        }
        // "this century": a century-long period in TimeBank.
        if unit == Unit::Century {
            let sem = Sem::Lit("P100Y".into());
            return Some(Match {
                first,
                last: j + 2,
                kind: TimexKind::Duration,
                sem,
            });
        }
        // "last day" etc. are rarely temporal; keep the big units.
        if unit == Unit::Day {
            return None;
        }
        let sem = if unit == Unit::Quarter {
            Sem::Quarter {
                q: None,
                y: None,
                shift,
            }
        } else {
            offset_sem(unit, shift)
        };
        Some(Match {
            first,
            last: j + 2,
            kind: TimexKind::Date,
            sem,
        })
    }

    /// "the third quarter", "third-quarter", "the first quarter of 1998",
    /// "the quarter", "the latest quarter", "the first half".
    fn quarter(&self, i: usize) -> Option<Match> {
        let mut j = i;
        if self.is(j, "the") {
            j += 1;
        }
        if self.is(j, "fiscal") {
            j += 1;
        }
        // "the 1988 third quarter", "this year's third quarter", "last
        // year's quarter", "next year's first quarter".
        let mut year_prefix: Option<(Option<i32>, i32)> = None;
        if let Some((y, k)) = self.year_num(j) {
            if self.any(
                k,
                &["first", "second", "third", "fourth", "quarter", "fiscal"],
            ) {
                year_prefix = Some((Some(y), 0));
                j = k;
            }
        } else if self.is(j, "year")
            && self.is_hyphen(j + 1)
            && self.any(j + 2, &["ago", "earlier"])
            && self.any(j + 3, &["first", "second", "third", "fourth", "fiscal"])
        {
            // "the year-ago third quarter".
            year_prefix = Some((None, -1));
            j += 3;
        } else if self.any(j, &["this", "last", "next"])
            && self.is(j + 1, "year")
            && self.any(j + 2, &["'", "’"])
            && self.is(j + 3, "s")
        {
            let s = match self.low(j) {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            year_prefix = Some((None, s));
            j += 4;
        }
        if let Some((y, s)) = year_prefix {
            if self.is(j, "fiscal") {
                j += 1;
            }
            let q = match self.low(j) {
                "first" => Some(1),
                "second" => Some(2),
                "third" => Some(3),
                "fourth" => Some(4),
                "quarter" => None,
                _ => return None,
            };
            let k = if q.is_some() { j + 1 } else { j };
            if !self.is(k, "quarter") {
                return None;
            }
            let sem = Sem::Quarter { q, y, shift: 4 * s };
            let sem = match (q, y) {
                // "the 1988 quarter": the reported quarter of that year.
                (None, Some(y)) => Sem::QuarterOfYear(y),
                (None, None) => Sem::Quarter {
                    q: None,
                    y: None,
                    shift: 4 * s - 1,
                },
                _ => sem,
            };
            return Some(Match {
                first: i,
                last: k + 1,
                kind: TimexKind::Date,
                sem,
            });
        }
        let q = match self.low(j) {
            "first" | "1st" => Some(1),
            "second" | "2nd" => Some(2),
            "third" | "3rd" => Some(3),
            "fourth" | "4th" => Some(4),
            "latest" | "recent" | "same" | "previous" | "prior" | "last" | "past"
                if self.is(j + 1, "quarter") || self.is(j + 1, "period") && j > i =>
            {
                return Some(self.quarter_shift(i, j + 2, -1));
            }
            "current" | "this" if self.is(j + 1, "quarter") => {
                return Some(self.quarter_shift(i, j + 2, 0));
            }
            "next" | "coming" if self.is(j + 1, "quarter") => {
                return Some(self.quarter_shift(i, j + 2, 1));
            }
            // "the quarter": the one just reported on.
            "quarter" if j > i => return Some(self.quarter_shift(i, j + 1, -1)),
            _ => return None,
        };
        let mut k = j + 1;
        let mut i = i;
        if self.is_hyphen(k) {
            // "the third-quarter results": the adjective, without "the".
            k += 1;
            if self.is(i, "the") {
                i += 1;
            }
        }
        if self.is(k, "fiscal") {
            k += 1;
        }
        let half = self.is(k, "half");
        if !self.is(k, "quarter") && !half {
            return None;
        }
        k += 1;
        // "of 1998", "of fiscal 1998", "1998".
        let mut y = None;
        let mut shift = 0;
        let mut kk = if self.is(k, "of") { k + 1 } else { k };
        if self.is(kk, "fiscal") {
            kk += 1;
        }
        if let Some((yy, e)) = self.year_num(kk) {
            y = Some(yy);
            k = e;
        } else if self.is(k, "of")
            && self.any(k + 1, &["this", "last", "next"])
            && self.is(k + 2, "year")
        {
            // "the first quarter of next year" → handled as shift below.
            let s = match self.low(k + 1) {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            shift = 4 * s;
            k += 3;
        }
        if half {
            let h = q.filter(|h| *h <= 2)?;
            return Some(Match {
                first: i,
                last: k,
                kind: TimexKind::Date,
                sem: Sem::Half { h, y },
            });
        }
        // Without "the" a bare ordinal ("first quarter") is still fine.
        Some(Match {
            first: i,
            last: k,
            kind: TimexKind::Date,
            sem: Sem::Quarter { q, y, shift },
        })
    }

    fn quarter_shift(&self, first: usize, last: usize, shift: i32) -> Match {
        let sem = Sem::Quarter {
            q: None,
            y: None,
            shift,
        };
        Match {
            first,
            last,
            kind: TimexKind::Date,
            sem,
        }
    }

    /// "summer", "last fall", "the spring of 1998", "winter 2022".
    fn season(&self, i: usize) -> Option<Match> {
        let (dir, mut j) = match self.low(i) {
            "last" | "past" => (Some(Dir::Past), i + 1),
            "next" | "coming" => (Some(Dir::Future), i + 1),
            "this" => (Some(Dir::This), i + 1),
            "the" => (None, i + 1),
            _ => (None, i),
        };
        let s = season_of(self.low(j))?;
        // "fall" is also a verb/noun: only with a modifier or a year.
        j += 1;
        let y = {
            let k = if self.is(j, "of") { j + 1 } else { j };
            self.year_num(k)
        };
        let last = match y {
            Some((_, e)) => e,
            None => j,
        };
        if s == "FA"
            && self.low(i) == "fall"
            && y.is_none()
            && !(i > 0
                && self.any(
                    i - 1,
                    &["in", "this", "last", "next", "the", "early", "late"],
                ))
        {
            return None;
        }
        if dir.is_none() && y.is_none() && self.is(i, "the") && !self.any(j, &[",", ".", "of"]) {
            // "the spring collection" is not a date.
        }
        if y.is_none()
            && !self.toks[j - 1].cap
            && i > 0
            && !self.any(
                i - 1,
                &[
                    "in", "this", "last", "next", "the", "early", "late", "during", "until", "by",
                    "since", "mid",
                ],
            )
            && dir.is_none()
            && !self.is(i, "the")
        {
            return None;
        }
        Some(Match {
            first: i,
            last,
            kind: TimexKind::Date,
            sem: Sem::Season {
                s,
                y: y.map(|(y, _)| y),
                dir,
            },
        })
    }

    /// Durations: "two years", "the past two months", "more than a
    /// decade", "a week", "8 years", "two-year", "decades", "5 1/2 hours".
    fn duration(&self, i: usize) -> Option<Match> {
        let mut j = i;
        if self.is(j, "the") {
            j += 1;
        }
        let mut anchored = false;
        if self.any(
            j,
            &[
                "past",
                "last",
                "next",
                "first",
                "coming",
                "previous",
                "following",
                "final",
                "latest",
                "initial",
            ],
        ) {
            j += 1;
            anchored = true;
        }
        // Approximators.
        for _ in 0..2 {
            if self.is(j, "more") && self.is(j + 1, "than")
                || self.is(j, "less") && self.is(j + 1, "than")
                || self.is(j, "at") && self.any(j + 1, &["least", "most"])
                || self.is(j, "up") && self.is(j + 1, "to")
            {
                j += 2;
            } else if self.any(
                j,
                &[
                    "nearly",
                    "almost",
                    "about",
                    "around",
                    "roughly",
                    "approximately",
                    "some",
                    "over",
                    "another",
                    "only",
                    "just",
                    "barely",
                    "fully",
                    "full",
                ],
            ) && !(self.is(j, "some") && unit_of(self.low(j + 1)).is_some())
            {
                j += 1;
            }
        }
        // "two or three days", "8 years", "a week", "two-year".
        if let Some((value, unit, n, e)) = self.number_unit(j) {
            // "nearly four years ago", "a week or so ago": a date.
            let ago = if self.is(e, "or") && self.is(e + 1, "so") {
                e + 2
            } else {
                e
            };
            if self.is(ago, "ago") && !anchored {
                let n = -(n.unwrap_or(1) as i32);
                return Some(Match {
                    first: i,
                    last: ago + 1,
                    kind: TimexKind::Date,
                    sem: offset_sem(unit, n),
                });
            }
            // "a year" after "times"/"per" is a set.
            if j > 0
                && self.any(j, &["a", "an"])
                && j == i
                && i > 0
                && self.any(i - 1, &["times", "percent", "%", "once", "twice"])
            {
                return Some(Match {
                    first: i,
                    last: e,
                    kind: TimexKind::Set,
                    sem: Sem::Lit(duration_value(Some(1), false, unit)),
                });
            }
            // "a 6-year-old boy", "52 years old" are ages; "three-quarters"
            // a fraction.
            if self.is_hyphen(e) && self.is(e + 1, "old")
                || self.is(e, "old") && j == i
                || e >= 2 && self.is_hyphen(e - 2) && unit == Unit::Quarter
            {
                return None;
            }
            return Some(Match {
                first: i,
                last: e,
                kind: TimexKind::Duration,
                sem: Sem::Lit(value),
            });
        }
        // "the nine months" (no number word? handled above), bare plurals
        // after a preposition: "for years", "over decades", "decades".
        let t = self.toks.get(j)?;
        if let Some((unit, true)) = unit_of(&t.low) {
            let prep = j > 0
                && self.any(
                    j - 1,
                    &[
                        "for", "over", "within", "in", "after", "took", "take", "takes", "lasted",
                        "last",
                    ],
                )
                && j == i;
            if anchored || prep || unit == Unit::Decade || unit == Unit::Century {
                if matches!(unit, Unit::Second | Unit::Minute) && !anchored {
                    return None;
                }
                if self.is(j + 1, "of") && !anchored {
                    return None;
                }
                return Some(Match {
                    first: i,
                    last: j + 1,
                    kind: TimexKind::Duration,
                    sem: Sem::Lit(duration_value(None, false, unit)),
                });
            }
        }
        None
    }

    /// "2 p.m.", "10:35 a.m.", "two o'clock in the morning", "noon",
    /// "midnight", "6 a.m. EDT Thursday".
    fn clock(&self, i: usize) -> Option<Match> {
        let (mut h, mut min, mut j) = if self.toks.get(i)?.kind == TokKind::Num {
            let h = self.toks[i].num()?;
            if self.punct(i + 1, ":") && self.glued(i + 1) && self.glued(i + 2) {
                let m = self
                    .toks
                    .get(i + 2)?
                    .num()
                    .filter(|_| self.toks[i + 2].low.len() == 2)?;
                (h, m, i + 3)
            } else {
                (h, 0, i + 1)
            }
        } else if self.any(i, &["noon", "midday"]) {
            return Some(self.clock_on(i, i + 1, 12, 0));
        } else if self.is(i, "midnight") {
            return Some(self.clock_on(i, i + 1, 24, 0));
        } else {
            let n = self.number(i)?;
            if n.half || self.any(i, &["a", "an", "several", "few", "many", "some"]) {
                return None;
            }
            (n.val?, 0, n.next)
        };
        if h > 24 || min > 59 {
            return None;
        }
        let had_colon = j == i + 3 && self.toks[i].kind == TokKind::Num;
        // a.m. / p.m. / am / pm / o'clock.
        let (pm, k) = if self.any(j, &["a", "p"]) && self.punct(j + 1, ".") && self.is(j + 2, "m") {
            let pm = self.is(j, "p");
            (Some(pm), self.opt_dot(j + 3))
        } else if self.any(j, &["am", "pm"])
            && (self.glued(j) || self.toks[i].kind == TokKind::Num)
            && !(self.is(j, "am")
                && !self.glued(j)
                && !self
                    .toks
                    .get(j + 1)
                    .is_none_or(|t| t.kind == TokKind::Punct))
        {
            (Some(self.is(j, "pm")), j + 1)
        } else if self.is(j, "o") && self.any(j + 1, &["'", "’"]) && self.is(j + 2, "clock") {
            (None, j + 3)
        } else if self.is(j, "o'clock") {
            (None, j + 1)
        } else if had_colon && h <= 24 {
            (None, j)
        } else {
            return None;
        };
        j = k;
        if pm == Some(true) && h < 12 {
            h += 12;
        }
        if pm == Some(false) && h == 12 {
            h = 0;
        }
        // "in the morning" / "at night".
        if self.is(j, "in") && self.is(j + 1, "the") {
            if let Some(p) = day_part_of(self.low(j + 2)) {
                if matches!(p, "AF" | "EV") && h < 12 {
                    h += 12;
                }
                if p == "NI" && (6..12).contains(&h) {
                    h += 12;
                }
                j += 3;
            }
        } else if self.is(j, "at") && self.is(j + 1, "night") {
            if (6..12).contains(&h) {
                h += 12;
            }
            j += 2;
        }
        // Time zone.
        if self.toks.get(j).is_some_and(|t| {
            t.all_caps
                && matches!(
                    t.low.as_str(),
                    "est" | "edt" | "cst" | "cdt" | "pst" | "pdt" | "gmt" | "utc" | "msk" | "cet"
                )
        }) {
            j += 1;
        }
        min = min.min(59);
        Some(self.clock_on(i, j, h, min))
    }

    /// A clock time, with a following day ("Thursday", "tomorrow") folded in.
    fn clock_on(&self, first: usize, mut last: usize, h: u32, min: u32) -> Match {
        let mut day = Sem::Offset {
            unit: Unit::Day,
            n: 0,
        };
        let k = if self.is(last, "on") || self.punct(last, ",") {
            last + 1
        } else {
            last
        };
        // "5 p.m. EST Nov. 9", "noon, Feb. 24".
        if let Some(d) = self.month_date(k).or_else(|| self.day_month(k)) {
            if matches!(d.sem, Sem::Ymd { d: Some(_), .. }) {
                let sem = Sem::Clock {
                    day: Box::new(d.sem),
                    h,
                    min,
                };
                return Match {
                    first,
                    last: d.last,
                    kind: TimexKind::Time,
                    sem,
                };
            }
        }
        if let Some(wd) = weekday_of(self.low(k)) {
            day = Sem::Weekday { wd, dir: None };
            last = k + 1;
        } else if let Some(n) = match self.low(k) {
            "today" => Some(0),
            "yesterday" => Some(-1),
            "tomorrow" => Some(1),
            _ => None,
        } {
            day = Sem::Offset { unit: Unit::Day, n };
            last = k + 1;
        }
        Match {
            first,
            last,
            kind: TimexKind::Time,
            sem: Sem::Clock {
                day: Box::new(day),
                h,
                min,
            },
        }
    }

    /// "every year", "each day", "daily", "weekly", "annually", "every
    /// Monday".
    fn set(&self, i: usize) -> Option<Match> {
        let lit = |last, v: &str| {
            Some(Match {
                first: i,
                last,
                kind: TimexKind::Set,
                sem: Sem::Lit(v.to_string()),
            })
        };
        match self.low(i) {
            "daily" if !self.is(i + 1, "mail") => lit(i + 1, "P1D"),
            "nightly" => lit(i + 1, "P1D"),
            "hourly" => lit(i + 1, "PT1H"),
            "weekly" => lit(i + 1, "P1W"),
            "monthly" => lit(i + 1, "P1M"),
            "yearly" => lit(i + 1, "P1Y"),
            "every" | "each" | "per" => {
                let mut j = i + 1;
                let n = if let Some(n) = self
                    .number(j)
                    .filter(|n| n.val.is_some() && !self.any(j, &["a", "an"]))
                {
                    j = n.next;
                    n.val
                } else {
                    Some(1)
                };
                if self.is(j, "other") {
                    j += 1;
                }
                if let Some((unit, _)) = unit_of(self.low(j)) {
                    return lit(j + 1, &duration_value(n, false, unit));
                }
                if let Some(wd) = weekday_of(self.low(j)) {
                    return lit(j + 1, &format!("XXXX-WXX-{wd}"));
                }
                if let Some(m) = self.toks.get(j).and_then(month_of) {
                    return lit(j + 1, &format!("XXXX-{m:02}"));
                }
                if let Some(p) = day_part_of(self.low(j)) {
                    return lit(j + 1, &format!("TXX{p}"));
                }
                None
            }
            _ => None,
        }
    }

    /// Fixed holidays: "Christmas", "New Year's Day", "Thanksgiving".
    fn holiday(&self, i: usize) -> Option<Match> {
        let t = self.toks.get(i)?;
        if !t.cap {
            return None;
        }
        let (m, d, last) = match t.low.as_str() {
            "christmas" => {
                if self.is(i + 1, "eve") {
                    (12, 24, i + 2)
                } else if self.any(i + 1, &["day"]) {
                    (12, 25, i + 2)
                } else if self.toks.get(i + 1).is_some_and(|t| {
                    t.kind == TokKind::Word
                        && !matches!(t.low.as_str(), "and" | "or" | "is" | "was" | "will")
                }) {
                    return None;
                } else {
                    (12, 25, i + 1)
                }
            }
            "new"
                if self.is(i + 1, "year")
                    && self.any(i + 2, &["'", "’"])
                    && self.is(i + 3, "s") =>
            {
                if self.is(i + 4, "eve") {
                    (12, 31, i + 5)
                } else if self.is(i + 4, "day") {
                    (1, 1, i + 5)
                } else {
                    return None;
                }
            }
            "thanksgiving" => {
                // The fourth Thursday of November; the day is fixed at resolve
                // time from the year, here we keep November with day 0.
                let last = if self.is(i + 1, "day") { i + 2 } else { i + 1 };
                return Some(Match {
                    first: i,
                    last,
                    kind: TimexKind::Date,
                    sem: Sem::Ymd {
                        y: None,
                        m: Some(11),
                        d: Some(0),
                        dir: None,
                    },
                });
            }
            _ => return None,
        };
        Some(self.ymd(i, last, None, Some(m), Some(d)))
    }

    /// Modified expressions: "early 1990s", "mid-January", "late last
    /// year", "the end of 1990", "the beginning of February".
    fn modified(&self, i: usize) -> Option<Match> {
        // "the week of March 6".
        if self.is(i, "the") && self.is(i + 1, "week") && self.is(i + 2, "of") {
            let inner = self.month_date(i + 3).or_else(|| self.day_month(i + 3))?;
            if matches!(inner.sem, Sem::Ymd { d: Some(_), .. }) {
                let sem = Sem::WeekOf(Box::new(inner.sem));
                return Some(Match {
                    first: i,
                    last: inner.last,
                    kind: TimexKind::Date,
                    sem,
                });
            }
            return None;
        }
        let j = match self.low(i) {
            "early" | "late" | "mid" | "around" => {
                if self.is_hyphen(i + 1) {
                    i + 2
                } else {
                    i + 1
                }
            }
            "the"
                if self.any(
                    i + 1,
                    &["end", "beginning", "start", "middle", "turn", "close"],
                ) && self.is(i + 2, "of") =>
            {
                i + 3
            }
            "the" if self.any(i + 1, &["early", "late", "mid"]) => {
                if self.is_hyphen(i + 2) {
                    i + 3
                } else {
                    i + 2
                }
            }
            "the" if self.is(i + 1, "first") && self.is(i + 2, "half") && self.is(i + 3, "of") => {
                i + 4
            }
            "the"
                if self.any(i + 1, &["last", "second"])
                    && self.is(i + 2, "half")
                    && self.is(i + 3, "of") =>
            {
                i + 4
            }
            "year" if self.is_hyphen(i + 1) && self.is(i + 2, "end") => {
                let sem = Sem::Ymd {
                    y: None,
                    m: Some(12),
                    d: Some(31),
                    dir: Some(Dir::This),
                };
                return Some(Match {
                    first: i,
                    last: i + 3,
                    kind: TimexKind::Date,
                    sem,
                });
            }
            _ => return None,
        };
        let inner = self
            .month_date(j)
            .or_else(|| self.decade(j))
            .or_else(|| self.year(j))
            .or_else(|| self.relative(j))
            .or_else(|| self.season(j))
            .or_else(|| self.weekday(j))?;
        let mut inner = inner;
        // "the end of the year": that year, a date.
        if inner.sem == Sem::Lit("P1Y".into()) {
            inner.sem = Sem::Offset {
                unit: Unit::Year,
                n: 0,
            };
            inner.kind = TimexKind::Date;
        }
        // Only year-, month-, decade- and season-sized things.
        match inner.sem {
            Sem::Ymd { d: Some(_), .. } => return None,
            Sem::Offset {
                unit: Unit::Day, ..
            }
            | Sem::Weekday { .. }
                if !self.is(i, "early") && !self.is(i, "late") =>
            {
                return None
            }
            _ => {}
        }
        // "the last half of 1989".
        if self.is(i + 2, "half") {
            let h = if self.is(i + 1, "first") { 1 } else { 2 };
            if let Sem::Ymd {
                y: Some(y),
                m: None,
                ..
            } = inner.sem
            {
                return Some(Match {
                    first: i,
                    last: inner.last,
                    kind: TimexKind::Date,
                    sem: Sem::Half { h, y: Some(y) },
                });
            }
            return None;
        }
        Some(Match { first: i, ..inner })
    }
}

fn offset_sem(unit: Unit, n: i32) -> Sem {
    match unit {
        Unit::Decade => Sem::Offset {
            unit: Unit::Year,
            n: n * 10,
        },
        Unit::Century => Sem::Offset {
            unit: Unit::Year,
            n: n * 100,
        },
        Unit::Quarter => Sem::Quarter {
            q: None,
            y: None,
            shift: n,
        },
        _ => Sem::Offset { unit, n },
    }
}

fn the_at(m: &Matcher, i: usize) -> bool {
    m.is(i, "the")
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
