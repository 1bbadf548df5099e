//! Clock times: "2 p.m.", "10:35 a.m.", "two o'clock in the morning",
//! "noon", "midnight", "6 a.m. EDT Thursday".

use super::lexicon::{day_part_of, weekday_of};
use super::{Match, Matcher, Sem, Unit};
use crate::extract::time::token::TokKind;
use crate::extract::time::TimexKind;

impl Matcher<'_> {
    /// "2 p.m.", "10:35 a.m.", "two o'clock in the morning", "noon",
    /// "midnight", "6 a.m. EDT Thursday".
    pub(super) fn clock(&self, i: usize) -> Option<Match> {
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
        let mut day = Sem::offset(Unit::Day, 0);
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
                return Match::new(first, d.last, TimexKind::Time, sem);
            }
        }
        if let Some(wd) = weekday_of(self.toks.get(k)) {
            day = Sem::Weekday { wd, dir: None };
            last = k + 1;
        } else if let Some(n) = match self.low(k) {
            "today" => Some(0),
            "yesterday" => Some(-1),
            "tomorrow" => Some(1),
            _ => None,
        } {
            day = Sem::offset(Unit::Day, n);
            last = k + 1;
        }
        Match::new(
            first,
            last,
            TimexKind::Time,
            Sem::Clock {
                day: Box::new(day),
                h,
                min,
            },
        )
    }
}
