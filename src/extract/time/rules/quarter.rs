//! Quarters and halves of (fiscal) years: "the third quarter",
//! "third-quarter", "the first quarter of 1998", "the year-ago third
//! quarter", "the latest quarter", "the first half".

use super::{Match, Matcher, Sem};

/// A year named before a quarter: absolute ("the 1988 third quarter") or
/// shifted in years from the reference ("last year's quarter").
#[derive(Debug, Clone, Copy)]
struct YearPrefix {
    y: Option<i32>,
    shift: i32,
}

/// "last" → -1, "next" → 1, else ("this") 0.
fn year_shift(w: &str) -> i32 {
    match w {
        "last" => -1,
        "next" => 1,
        _ => 0,
    }
}

impl Matcher<'_> {
    /// "the third quarter", "third-quarter", "the first quarter of 1998",
    /// "the quarter", "the latest quarter", "the first half".
    pub(super) fn quarter(&self, i: usize) -> Option<Match> {
        let mut j = i;
        if self.is(j, "the") {
            j += 1;
        }
        if self.is(j, "fiscal") {
            j += 1;
        }
        if let Some((prefix, k)) = self.year_prefix(j) {
            return self.quarter_of_year(i, k, prefix);
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
        self.ordinal_quarter(i, j, q)
    }

    /// "the 1988 third quarter", "this year's third quarter", "last year's
    /// quarter", "the year-ago third quarter": the prefix at `j` and the
    /// token after it.
    fn year_prefix(&self, j: usize) -> Option<(YearPrefix, usize)> {
        if let Some((y, k)) = self.year_num(j) {
            let next = ["first", "second", "third", "fourth", "quarter", "fiscal"];
            return self.any(k, &next).then_some((
                YearPrefix {
                    y: Some(y),
                    shift: 0,
                },
                k,
            ));
        }
        if self.is(j, "year")
            && self.is_hyphen(j + 1)
            && self.any(j + 2, &["ago", "earlier"])
            && self.any(j + 3, &["first", "second", "third", "fourth", "fiscal"])
        {
            return Some((YearPrefix { y: None, shift: -1 }, j + 3));
        }
        if self.any(j, &["this", "last", "next"])
            && self.is(j + 1, "year")
            && self.any(j + 2, &["'", "’"])
            && self.is(j + 3, "s")
        {
            let shift = year_shift(self.low(j));
            return Some((YearPrefix { y: None, shift }, j + 4));
        }
        None
    }

    /// The quarter after a year prefix, at `j`: "(fiscal) third quarter",
    /// "quarter".
    fn quarter_of_year(&self, i: usize, mut j: usize, prefix: YearPrefix) -> Option<Match> {
        let YearPrefix { y, shift: s } = prefix;
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
        let sem = match (q, y) {
            // "the 1988 quarter": the reported quarter of that year.
            (None, Some(y)) => Sem::QuarterOfYear(y),
            (None, None) => Sem::quarter_shift(4 * s - 1),
            _ => Sem::Quarter { q, y, shift: 4 * s },
        };
        Some(Match::date(i, k + 1, sem))
    }

    /// An ordinal quarter or half (`q`, the ordinal at `j`): "the third
    /// quarter", "third-quarter", "the first quarter of 1998", "the first
    /// half of next year".
    fn ordinal_quarter(&self, i: usize, j: usize, q: Option<u32>) -> Option<Match> {
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
        let (y, shift, k) = self.quarter_year(k + 1);
        if half {
            let h = q.filter(|h| *h <= 2)?;
            return Some(Match::date(i, k, Sem::Half { h, y }));
        }
        // Without "the" a bare ordinal ("first quarter") is still fine.
        Some(Match::date(i, k, Sem::Quarter { q, y, shift }))
    }

    /// The year after a quarter, at `k`: "of 1998", "of fiscal 1998",
    /// "1998" (absolute), "of next year" (a shift in quarters), or none;
    /// with the token after it.
    fn quarter_year(&self, k: usize) -> (Option<i32>, i32, usize) {
        let mut kk = if self.is(k, "of") { k + 1 } else { k };
        if self.is(kk, "fiscal") {
            kk += 1;
        }
        if let Some((y, e)) = self.year_num(kk) {
            return (Some(y), 0, e);
        }
        if self.is(k, "of") && self.any(k + 1, &["this", "last", "next"]) && self.is(k + 2, "year")
        {
            return (None, 4 * year_shift(self.low(k + 1)), k + 3);
        }
        (None, 0, k)
    }

    /// The quarter `shift` quarters from the reference over `first..last`.
    fn quarter_shift(&self, first: usize, last: usize, shift: i32) -> Match {
        Match::date(first, last, Sem::quarter_shift(shift))
    }
}
