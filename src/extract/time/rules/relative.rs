//! Expressions anchored at the reference date: deictic words ("today",
//! "recently", "the past"), offsets ("last week", "two years ago", "the
//! year-earlier quarter") and modified expressions ("early 1990s", "the
//! end of 1990", "the week of March 6").

use super::lexicon::{day_part_of, number_word, unit_of};
use super::{offset_sem, Dir, Match, Matcher, Sem, Unit};
use crate::extract::time::token::TokKind;
use crate::extract::time::TimexKind;

/// Words after "current" that make it "the present" ("current levels");
/// the calendar units among them are left to [`Matcher::relative`].
const CURRENT_THINGS: &[&str] = &[
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
];

/// A fixed value such as PRESENT_REF over tokens `first..last`.
fn lit(first: usize, last: usize, v: &str) -> Option<Match> {
    Some(Match::date(first, last, Sem::lit(v)))
}

/// The day `n` days from the reference date.
fn day(first: usize, last: usize, n: i32) -> Option<Match> {
    Some(Match::date(first, last, Sem::offset(Unit::Day, n)))
}

/// Part `p` ("NI") of the day `n` days from the reference date.
fn day_part(first: usize, last: usize, n: i32, p: &'static str) -> Option<Match> {
    let day = Box::new(Sem::offset(Unit::Day, n));
    Some(Match::new(
        first,
        last,
        TimexKind::Time,
        Sem::DayPart { day, part: p },
    ))
}

impl Matcher<'_> {
    /// "today", "yesterday", "tomorrow", "tonight", "now", "currently",
    /// "recently", "the past", "the future", "this morning", "last night".
    pub(super) fn deictic(&self, i: usize) -> Option<Match> {
        let m = if self.is(i, "the") {
            self.deictic_phrase(i)
        } else {
            self.deictic_word(i)
        };
        m.or_else(|| self.this_day_part(i))
    }

    /// One deictic word: "today", "now", "recently", "recent years",
    /// "soon", "in future".
    fn deictic_word(&self, i: usize) -> Option<Match> {
        match self.low(i) {
            // "today's" stays a date; "Today" as a show name is rare.
            "today" => day(i, i + 1, 0),
            "yesterday" => day(i, i + 1, -1),
            "tomorrow" => day(i, i + 1, 1),
            "tonight" => day_part(i, i + 1, 0, "NI"),
            // "now" as a discourse marker at the start of a sentence
            // ("Now, ...") is still PRESENT_REF in TimeBank.
            // "until now", "by now", "now that": still the present.
            "now" => lit(i, i + 1, "PRESENT_REF"),
            "currently" | "nowadays" | "presently" => lit(i, i + 1, "PRESENT_REF"),
            "current" if self.any(i + 1, CURRENT_THINGS) => {
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
                let sem = Sem::duration(None, false, u);
                Some(Match::new(i, i + 2, TimexKind::Duration, sem))
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
            _ => None,
        }
    }

    /// "the past", "the future", "the present", "the moment", "the near
    /// future" (token `i` is "the").
    fn deictic_phrase(&self, i: usize) -> Option<Match> {
        match self.low(i + 1) {
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
            "moment" if i > 0 && self.any(i - 1, &["at", "for"]) => lit(i, i + 2, "PRESENT_REF"),
            "near" if self.is(i + 2, "future") => lit(i, i + 3, "FUTURE_REF"),
            "foreseeable" if self.is(i + 2, "future") => lit(i, i + 3, "FUTURE_REF"),
            _ => None,
        }
    }

    /// "this morning", "last night", "this afternoon".
    fn this_day_part(&self, i: usize) -> Option<Match> {
        let p = day_part_of(self.low(i + 1))?;
        match self.low(i) {
            "this" => day_part(i, i + 2, 0, p),
            "last" if p == "NI" => day_part(i, i + 2, -1, "NI"),
            _ => None,
        }
    }

    /// "last week", "this year", "next month", "the past year", "earlier
    /// this month", "two years ago", "a year earlier", "the weekend".
    pub(super) fn relative(&self, i: usize) -> Option<Match> {
        if let Some(m) = self.counted_offset(i) {
            return Some(m);
        }
        // "early this year", "late last month": the modifier leads.
        let (j, lead) = match self.low(i) {
            "early" | "late" => {
                if self.any(i + 1, &["this", "last", "next", "that"]) {
                    (i + 1, true)
                } else {
                    return None;
                }
            }
            _ => (i, false),
        };
        if let Some(m) = self.year_earlier(j) {
            return Some(m);
        }
        let the = self.is(j, "the");
        let j = if the { j + 1 } else { j };
        let shift = match self.low(j) {
            "last" | "past" | "previous" => -1,
            "latest" if self.is(j + 1, "fiscal") => -1,
            "this" | "current" => 0,
            "next" | "coming" | "following" => 1,
            // "the year-earlier quarter/period".
            "year-earlier" | "year-ago" if the => {
                return self
                    .any(j + 1, &["quarter", "period"])
                    .then(|| Match::date(i, j + 2, Sem::quarter_shift(-4)));
            }
            _ if the && !lead => return self.the_period(i, j),
            _ => return None,
        };
        self.shifted_unit(i, j, the, shift)
    }

    /// "two years ago", "a year earlier", "three days from now", "two
    /// weeks hence", "several years ago" (PAST_REF).
    fn counted_offset(&self, i: usize) -> Option<Match> {
        if let Some((_, unit, n, j)) = self.number_unit(i) {
            if self.counts_something_else(n, j) {
                return None;
            }
            if self.is(j, "ago") || (self.is(j, "earlier") && !self.is(j + 1, "than")) {
                // "several years ago": some time in the past.
                let Some(n) = n.map(|n| n as i32) else {
                    return lit(i, j + 1, "PAST_REF");
                };
                return Some(Match::date(i, j + 1, offset_sem(unit, -n)));
            }
            if self.is(j, "from") && self.is(j + 1, "now") || self.is(j, "hence") {
                let n = n.unwrap_or(1) as i32;
                let last = if self.is(j, "hence") { j + 1 } else { j + 2 };
                return Some(Match::date(i, last, offset_sem(unit, n)));
            }
        }
        if self.any(i, &["several", "many", "some"])
            && unit_of(self.low(i + 1)).is_some_and(|(_, p)| p)
            && self.is(i + 2, "ago")
        {
            return lit(i, i + 3, "PAST_REF");
        }
        None
    }

    /// "the year-earlier quarter", "the year-ago period" (five quarters
    /// back from the reported one), a bare "year-earlier" (last year).
    fn year_earlier(&self, j: usize) -> Option<Match> {
        let k = if self.is(j, "the") { j + 1 } else { j };
        if !(self.is(k, "year")
            && self.is_hyphen(k + 1)
            && self.any(k + 2, &["earlier", "ago"])
            && self.glued(k + 1))
        {
            return None;
        }
        if self.any(k + 3, &["quarter", "period"]) {
            Some(Match::date(j, k + 4, Sem::quarter_shift(-5)))
        } else {
            Some(Match::date(k, k + 3, Sem::offset(Unit::Year, -1)))
        }
    }

    /// After "the" without a shift word (token `j`): "the weekend", "the
    /// year", "the full year", "the fiscal year" (a year-long period in
    /// TimeBank), "the week".
    fn the_period(&self, first: usize, j: usize) -> Option<Match> {
        if self.is(j, "weekend") {
            return Some(Match::date(first, j + 1, Sem::Weekend(0)));
        }
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
                (TimexKind::Date, Sem::offset(Unit::Year, 0))
            } else {
                (TimexKind::Duration, Sem::lit("P1Y"))
            };
            return Some(Match::new(first, k + 1, kind, sem));
        }
        if k == j && self.is(k, "week") && free(k + 1) {
            return Some(Match::date(first, k + 1, Sem::offset(Unit::Week, 0)));
        }
        None
    }

    /// The unit after a shift word at `j` ("last week", "this weekend",
    /// "the current fiscal year", "next quarter"); `the`: "the" came
    /// before the shift word.
    fn shifted_unit(&self, first: usize, j: usize, the: bool, shift: i32) -> Option<Match> {
        if self.is(j + 1, "weekend") {
            return Some(Match::date(first, j + 2, Sem::Weekend(shift)));
        }
        if self.is(j + 1, "fiscal") && self.is(j + 2, "year") {
            return Some(Match::date(first, j + 3, Sem::offset(Unit::Year, shift)));
        }
        let (unit, plural) = unit_of(self.low(j + 1))?;
        if plural || matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) {
            return None;
        }
        // "the past year" is last year; "the last week", "the next month"
        // are durations in TimeBank.
        if the && shift == -1 && unit == Unit::Year && self.is(j, "past") {
            return Some(Match::date(first, j + 2, offset_sem(unit, -1)));
        }
        if the && shift != 0 {
            let sem = Sem::duration(Some(1), false, unit);
            return Some(Match::new(first, j + 2, TimexKind::Duration, sem));
        }
        // "this century": a century-long period in TimeBank.
        if unit == Unit::Century {
            let sem = Sem::lit("P100Y");
            return Some(Match::new(first, j + 2, TimexKind::Duration, sem));
        }
        // "last day" etc. are rarely temporal; keep the big units.
        if unit == Unit::Day {
            return None;
        }
        let sem = if unit == Unit::Quarter {
            Sem::quarter_shift(shift)
        } else {
            offset_sem(unit, shift)
        };
        Some(Match::date(first, j + 2, sem))
    }

    /// Modified expressions: "early 1990s", "mid-January", "late last
    /// year", "the end of 1990", "the beginning of February", "the first
    /// half of 1989", "year-end", "the week of March 6".
    pub(super) fn modified(&self, i: usize) -> Option<Match> {
        if self.is(i, "the") && self.is(i + 1, "week") && self.is(i + 2, "of") {
            return self.week_of(i);
        }
        if self.is(i, "year") && self.is_hyphen(i + 1) && self.is(i + 2, "end") {
            let sem = Sem::Ymd {
                y: None,
                m: Some(12),
                d: Some(31),
                dir: Some(Dir::This),
            };
            return Some(Match::date(i, i + 3, sem));
        }
        let j = self.modifier_end(i)?;
        let inner = self.modified_inner(j)?;
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
                return Some(Match::date(i, inner.last, Sem::Half { h, y: Some(y) }));
            }
            return None;
        }
        Some(Match { first: i, ..inner })
    }

    /// "the week of March 6" (token `i` is "the"): the ISO week of a day.
    fn week_of(&self, i: usize) -> Option<Match> {
        let inner = self.month_date(i + 3).or_else(|| self.day_month(i + 3))?;
        if matches!(inner.sem, Sem::Ymd { d: Some(_), .. }) {
            let sem = Sem::WeekOf(Box::new(inner.sem));
            return Some(Match::date(i, inner.last, sem));
        }
        None
    }

    /// The token after a modifier at `i` ("early", "mid-", "the end of",
    /// "the late", "the first half of").
    fn modifier_end(&self, i: usize) -> Option<usize> {
        let hyphen_after = |k: usize| if self.is_hyphen(k) { k + 1 } else { k };
        Some(match self.low(i) {
            "early" | "late" | "mid" | "around" => hyphen_after(i + 1),
            "the"
                if self.any(
                    i + 1,
                    &["end", "beginning", "start", "middle", "turn", "close"],
                ) && self.is(i + 2, "of") =>
            {
                i + 3
            }
            "the" if self.any(i + 1, &["early", "late", "mid"]) => hyphen_after(i + 2),
            "the"
                if self.any(i + 1, &["first", "last", "second"])
                    && self.is(i + 2, "half")
                    && self.is(i + 3, "of") =>
            {
                i + 4
            }
            _ => return None,
        })
    }

    /// The expression a modifier applies to, at `j`; "the year" (a
    /// duration on its own) is that year here ("the end of the year").
    fn modified_inner(&self, j: usize) -> Option<Match> {
        let mut inner = self
            .month_date(j)
            .or_else(|| self.decade(j))
            .or_else(|| self.year(j))
            .or_else(|| self.relative(j))
            .or_else(|| self.season(j))
            .or_else(|| self.weekday(j))?;
        if inner.sem == Sem::lit("P1Y") {
            inner.sem = Sem::offset(Unit::Year, 0);
            inner.kind = TimexKind::Date;
        }
        Some(inner)
    }
}
