//! Numbers and numeric dates: days of month, ordinals, years, cardinals
//! ("twenty-four", "a few", "5 1/2"), a number with its unit, and
//! all-digit dates ("2022-02-14", "02/14/2022", "2/14").

use super::lexicon::{number_word, ordinal_word, unit_of};
use super::{duration_value, Match, Matcher, Unit, MAX_COUNT};
use crate::extract::time::token::TokKind;

/// A (possibly composite) number read from tokens: value or "X" (unknown:
/// "several", "a few"), and the index after it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Num {
    /// None = unspecified ("several").
    pub(super) val: Option<u32>,
    /// A trailing "1/2" or "and a half".
    pub(super) half: bool,
    pub(super) next: usize,
}

impl Matcher<'_> {
    /// A day of month: "12", "12th", "12-th" (not a longer number).
    pub(super) fn day_num(&self, i: usize) -> Option<(u32, usize)> {
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
    pub(super) fn ordinal_day(&self, i: usize) -> Option<(u32, usize)> {
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
    pub(super) fn year_num(&self, i: usize) -> Option<(i32, usize)> {
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
    pub(super) fn number(&self, i: usize) -> Option<Num> {
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

    /// Whether a count `n` before the unit that ends at `end` (as
    /// [`Matcher::number_unit`] gives them) counts something else: a number
    /// above one before a singular unit ("versus 545,000 week ago": head of
    /// cattle, a week ago), so no offset of that many units.
    pub(super) fn counts_something_else(&self, n: Option<u32>, end: usize) -> bool {
        let singular = unit_of(self.low(end - 1)).is_some_and(|(_, plural)| !plural);
        n.is_some_and(|n| n > 1) && singular
    }

    /// A number followed by a unit, as a duration value ("two years" →
    /// P2Y), also "two or three days" and "two-year".
    pub(super) fn number_unit(&self, i: usize) -> Option<(String, Unit, Option<u32>, usize)> {
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

    /// "2022-02-14", "02/14/2022", "14.02.2022", "2/14".
    pub(super) fn numeric_date(&self, i: usize) -> Option<Match> {
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
                return Some(Match::ymd(i, i + 3, None, Some(a), Some(b)));
            }
        };
        crate::extract::time::date::Date::new(y, m, d)?;
        Some(Match::ymd(i, last, Some(y), Some(m), Some(d)))
    }
}
