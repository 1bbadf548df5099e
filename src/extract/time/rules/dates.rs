//! Calendar dates named in words: "January 28, 2022", "the 16th of
//! February", "1997", "the 1990s", "last Friday", "the spring of 1998",
//! "Christmas".

use super::lexicon::{
    month_of, ordinal_word, season_of, weekday_of, COUNTED_NOUNS, NUMBER_LABELS, YEAR_INTRODUCERS,
};
use super::{Dir, Match, Matcher, Sem};
use crate::extract::time::token::TokKind;

impl Matcher<'_> {
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
    pub(super) fn month_date(&self, i: usize) -> Option<Match> {
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

    /// [`Matcher::month_date`] without the leading "last"/"next"/"this".
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
                    return Some(Match::ymd(i, k2, Some(y), Some(m), Some(d)));
                }
                return Some(Match::ymd(i, j, None, Some(m), Some(d)));
            }
        }
        if let Some((y, k)) = self.trailing_year(j) {
            return Some(Match::ymd(i, k, Some(y), Some(m), None));
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
        Some(Match::ymd(i, j, None, Some(m), None))
    }

    /// "28 January 2022", "10 January", "the 16th of February", "16th or
    /// 17th of February" (the first day takes the later month).
    pub(super) fn day_month(&self, i: usize) -> Option<Match> {
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
                return Some(Match::ymd(i, e, Some(y), Some(m), Some(d)));
            }
            return Some(Match::ymd(i, after, None, Some(m), Some(d)));
        }
        // "the 16th or 17th of February": first day, month from later.
        if self.any(k, &["or", "and", "to"]) || self.is_hyphen(k) {
            let (_, k2) = self.ordinal_day(k + 1)?;
            let k3 = if self.is(k2, "of") { k2 + 1 } else { k2 };
            let m = self.toks.get(k3).and_then(month_of)?;
            crate::extract::time::date::Date::new(2000, m, d)?;
            let after = self.opt_dot(k3 + 1);
            let y = self.trailing_year(after).map(|(y, _)| y);
            return Some(Match::ymd(i, k, y, Some(m), Some(d)));
        }
        None
    }

    /// "1997", "fiscal 1989", "the year 2000", "nineteen ninety-six".
    pub(super) fn year(&self, i: usize) -> Option<Match> {
        if self.is(i, "fiscal") {
            let j = if self.is(i + 1, "year") { i + 2 } else { i + 1 };
            let (y, k) = self.year_num(j)?;
            return Some(Match::date(i, k, Sem::Fiscal(y)));
        }
        if self.is(i, "the") && self.is(i + 1, "year") {
            if let Some((y, k)) = self.year_num(i + 2) {
                return Some(Match::ymd(i, k, Some(y), None, None));
            }
            if self.is(i + 2, "two") && self.is(i + 3, "thousand") {
                return Some(Match::ymd(i, i + 4, Some(2000), None, None));
            }
            return None;
        }
        let (y, k) = self.year_num(i)?;
        if self.toks[i].kind == TokKind::Num && !self.numeral_is_year(i, k, y) {
            return None;
        }
        Some(Match::ymd(i, k, Some(y), None, None))
    }

    /// Whether the numeral `y` at `i` (up to `k`) reads as a year, not a
    /// count, a measure or a label: not "$1997", "flight 1997", "1997
    /// people", "1997%", "1000m"; below 1500 only after "in", "since"….
    fn numeral_is_year(&self, i: usize, k: usize, y: i32) -> bool {
        if i > 0 && (self.punct(i - 1, "$") || self.any(i - 1, NUMBER_LABELS)) {
            return false;
        }
        let t = &self.toks[i];
        if let Some(n) = self.toks.get(k) {
            if n.kind == TokKind::Word && COUNTED_NOUNS.contains(&n.low.as_str()) {
                return false;
            }
            if n.kind == TokKind::Punct && matches!(n.low.as_str(), "%" | ":") && n.start == t.end {
                return false;
            }
            // "1000m", "1500th", "2000kg": a measure or a rank.
            if n.kind == TokKind::Word && n.start == t.end {
                return false;
            }
        }
        // Before 1500 a bare number is a count far more often than a
        // year: "a crowd of 1000", "the 1000 best". Take it as a year
        // only after a word that introduces one ("in 1066").
        y >= 1500 || i > 0 && self.any(i - 1, YEAR_INTRODUCERS)
    }

    /// "the 1990s", "1960s", "the '80s", "the mid-1990s", "the nineties",
    /// "the 20th century".
    pub(super) fn decade(&self, i: usize) -> Option<Match> {
        let mut j = i;
        if self.is(j, "the") {
            j += 1;
        }
        let t = self.toks.get(j)?;
        if t.kind == TokKind::Num && t.low.len() == 4 && self.is(j + 1, "s") && self.glued(j + 1) {
            let v = t.num()? as i32;
            if v % 10 == 0 && (1000..2200).contains(&v) {
                return Some(Match::date(i, j + 2, Sem::Decade(v / 10)));
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
                return Some(Match::date(i, j + 3, Sem::Decade(190 + v / 10)));
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
                return Some(Match::date(i, j + 1, Sem::Decade(d)));
            }
        }
        // Centuries: "the 20th century", "the nineteenth century".
        let (n, k) = self
            .ordinal_day(j)
            .or_else(|| ordinal_word(&t.low).map(|o| (o, j + 1)))?;
        if self.is(k, "century") && (1..=22).contains(&n) {
            return Some(Match::date(i, k + 1, Sem::Century(n as i32 - 1)));
        }
        None
    }

    /// "Monday", "on Monday" (extent: the weekday), "last Friday",
    /// "next Tuesday", "this Wednesday".
    pub(super) fn weekday(&self, i: usize) -> Option<Match> {
        let (dir, j) = match self.low(i) {
            "last" | "past" => (Some(Dir::Past), i + 1),
            "next" | "coming" => (Some(Dir::Future), i + 1),
            "this" => (Some(Dir::This), i + 1),
            _ => (None, i),
        };
        let wd = weekday_of(self.toks.get(j))?;
        Some(Match::date(i, j + 1, Sem::Weekday { wd, dir }))
    }

    /// "summer", "last fall", "the spring of 1998", "winter 2022".
    pub(super) fn season(&self, i: usize) -> Option<Match> {
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
        Some(Match::date(
            i,
            last,
            Sem::Season {
                s,
                y: y.map(|(y, _)| y),
                dir,
            },
        ))
    }

    /// Fixed holidays: "Christmas", "New Year's Day", "Thanksgiving".
    pub(super) fn holiday(&self, i: usize) -> Option<Match> {
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
                return Some(Match::ymd(i, last, None, Some(11), Some(0)));
            }
            _ => return None,
        };
        Some(Match::ymd(i, last, None, Some(m), Some(d)))
    }
}
