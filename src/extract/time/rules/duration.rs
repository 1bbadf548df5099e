//! Durations ("two years", "the past two months", "more than a decade",
//! "for years") and sets ("every year", "daily", "every Monday").

use super::lexicon::{day_part_of, month_of, unit_of, weekday_of};
use super::{duration_value, offset_sem, Match, Matcher, Sem, Unit};
use crate::extract::time::TimexKind;

/// Words that anchor a duration in time ("the past two months").
const ANCHORS: &[&str] = &[
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
];

/// One-word approximators before a count ("nearly four years").
const APPROXIMATORS: &[&str] = &[
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
];

/// Words after which a bare plural unit is a duration ("for years").
const DURATION_HEADS: &[&str] = &[
    "for", "over", "within", "in", "after", "took", "take", "takes", "lasted", "last",
];

impl Matcher<'_> {
    /// Durations: "two years", "the past two months", "more than a
    /// decade", "a week", "8 years", "two-year", "decades", "5 1/2 hours".
    pub(super) fn duration(&self, i: usize) -> Option<Match> {
        let (j, anchored) = self.duration_start(i);
        if let Some(counted) = self.number_unit(j) {
            return self.counted_duration(i, j, anchored, counted);
        }
        self.bare_duration(i, j, anchored)
    }

    /// Skips "the", an anchor ("past", "next") and up to two approximators
    /// ("more than", "nearly"): the token where the count should be, and
    /// whether an anchor was seen.
    fn duration_start(&self, i: usize) -> (usize, bool) {
        let mut j = i;
        if self.is(j, "the") {
            j += 1;
        }
        let anchored = self.any(j, ANCHORS);
        if anchored {
            j += 1;
        }
        for _ in 0..2 {
            if self.is(j, "more") && self.is(j + 1, "than")
                || self.is(j, "less") && self.is(j + 1, "than")
                || self.is(j, "at") && self.any(j + 1, &["least", "most"])
                || self.is(j, "up") && self.is(j + 1, "to")
            {
                j += 2;
            } else if self.any(j, APPROXIMATORS)
                && !(self.is(j, "some") && unit_of(self.low(j + 1)).is_some())
            {
                j += 1;
            }
        }
        (j, anchored)
    }

    /// A counted duration at `j` ("two or three days", "8 years", "a
    /// week", "two-year"), or what the count turns out to be: a date
    /// ("nearly four years ago"), a set ("twice a year"), an age.
    fn counted_duration(
        &self,
        i: usize,
        j: usize,
        anchored: bool,
        (value, unit, n, e): (String, Unit, Option<u32>, usize),
    ) -> Option<Match> {
        // "nearly four years ago", "a week or so ago": a date.
        let ago = if self.is(e, "or") && self.is(e + 1, "so") {
            e + 2
        } else {
            e
        };
        if self.is(ago, "ago") && !anchored {
            if self.counts_something_else(n, e) {
                return None;
            }
            let n = -(n.unwrap_or(1) as i32);
            return Some(Match::date(i, ago + 1, offset_sem(unit, n)));
        }
        // "a year" after "times"/"per" is a set.
        if j > 0
            && self.any(j, &["a", "an"])
            && j == i
            && i > 0
            && self.any(i - 1, &["times", "percent", "%", "once", "twice"])
        {
            let sem = Sem::duration(Some(1), false, unit);
            return Some(Match::new(i, e, TimexKind::Set, sem));
        }
        // "a 6-year-old boy", "52 years old" are ages; "three-quarters"
        // a fraction.
        if self.is_hyphen(e) && self.is(e + 1, "old")
            || self.is(e, "old") && j == i
            || e >= 2 && self.is_hyphen(e - 2) && unit == Unit::Quarter
        {
            return None;
        }
        Some(Match::new(i, e, TimexKind::Duration, Sem::Lit(value)))
    }

    /// A bare plural unit at `j` when anchored or after a preposition or
    /// verb of duration: "for years", "over decades", "decades".
    fn bare_duration(&self, i: usize, j: usize, anchored: bool) -> Option<Match> {
        let Some((unit, true)) = unit_of(self.low(j)) else {
            return None;
        };
        let prep = j > 0 && self.any(j - 1, DURATION_HEADS) && j == i;
        if !(anchored || prep || unit == Unit::Decade || unit == Unit::Century) {
            return None;
        }
        if matches!(unit, Unit::Second | Unit::Minute) && !anchored {
            return None;
        }
        if self.is(j + 1, "of") && !anchored {
            return None;
        }
        let sem = Sem::duration(None, false, unit);
        Some(Match::new(i, j + 1, TimexKind::Duration, sem))
    }

    /// "every year", "each day", "daily", "weekly", "annually", "every
    /// Monday".
    pub(super) fn set(&self, i: usize) -> Option<Match> {
        let lit = |last, v: &str| Some(Match::new(i, last, TimexKind::Set, Sem::lit(v)));
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
                if let Some(wd) = weekday_of(self.toks.get(j)) {
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
}
