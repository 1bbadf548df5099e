//! Printed dates and datelines.
//!
//! Two shapes are read here:
//!
//! - a line that is only a date ("Friday, March 29", "Published: 28 Jan
//!   2022 14:30 GMT", "2022-01-28"): [`parse_date_line`];
//! - a wire-copy dateline opening a paragraph ("MOSCOW, January 28. /TASS/.",
//!   "LONDON, Jan 5 (Reuters) -", "KYIV, Ukraine (AP) —", "NEW YORK — "):
//!   [`parse_dateline`], which also says where the paragraph's text starts.
//!
//! A date without a year is reported as such; turning it into a full date
//! is the job of the dates stage, which sees the whole corpus.

use serde::{Deserialize, Serialize};

/// A calendar date as printed: the year may be missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PrintedDate {
    /// Four-digit year, when printed.
    pub year: Option<i32>,
    /// 1..=12.
    pub month: u8,
    /// 1..=31.
    pub day: u8,
}

impl PrintedDate {
    /// "YYYY-MM-DD" when the year is known (and the date exists).
    pub(crate) fn iso(&self) -> Option<String> {
        let y = self.year?;
        Date::new(y, u32::from(self.month), u32::from(self.day)).map(|d| d.to_string())
    }
}

/// A wire-copy dateline found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Dateline {
    /// The dateline as printed, e.g. "MOSCOW, January 28. /TASS/.".
    pub text: String,
    /// The place ("MOSCOW").
    pub place: String,
    /// The agency code as printed ("TASS", "Reuters"), when present.
    pub agency: Option<String>,
    /// Month 1..=12, when the dateline has a date.
    pub month: Option<u8>,
    /// Day 1..=31, when the dateline has a date.
    pub day: Option<u8>,
    /// Year, when the dateline prints one.
    pub year: Option<i32>,
}

use crate::text::calendar::{is_weekday, month_number};
use crate::vocab::Date;

fn make_date(year: Option<i32>, month: u8, day: u8) -> Option<PrintedDate> {
    // Without a year, February may have 29 days (a leap year decides).
    Date::new(year.unwrap_or(2000), u32::from(month), u32::from(day)).map(|_| PrintedDate {
        year,
        month,
        day,
    })
}

fn is_year(n: u32) -> bool {
    (1900..=2100).contains(&n)
}

/// A day number with an optional ordinal suffix ("29", "1st", "22nd").
fn day_number(tok: &str) -> Option<u8> {
    let t = tok.trim_end_matches('.');
    let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &t[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !matches!(
        suffix.to_ascii_lowercase().as_str(),
        "" | "st" | "nd" | "rd" | "th"
    ) {
        return None;
    }
    let n: u8 = digits.parse().ok()?;
    (1..=31).contains(&n).then_some(n)
}

/// Numeric dates: "2022-01-28", "2022/01/28", "28.01.2022", "01/28/2022"
/// (slashes read month first unless the first number exceeds 12).
fn numeric_date(tok: &str) -> Option<PrintedDate> {
    let tok = tok.split('T').next().unwrap_or(tok);
    let sep = tok.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = tok.split(sep).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || p.len() > 4) {
        return None;
    }
    let nums: Vec<u32> = parts
        .iter()
        .map(|p| {
            p.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect::<Option<Vec<u32>>>()?;
    let (y, m, d) = if parts[0].len() == 4 {
        (nums[0], nums[1], nums[2])
    } else if parts[2].len() == 4 {
        match sep {
            '/' if nums[0] <= 12 => (nums[2], nums[0], nums[1]),
            _ => (nums[2], nums[1], nums[0]),
        }
    } else {
        return None;
    };
    if !is_year(y) || m > 12 || d > 31 {
        return None;
    }
    make_date(Some(y as i32), m as u8, d as u8)
}

fn is_time(tok: &str) -> bool {
    let t = tok
        .trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.')
        .trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
    let mut parts = t.split(':');
    let (Some(h), Some(m)) = (parts.next(), parts.next()) else {
        return false;
    };
    let ok = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    ok(h) && ok(m) && parts.all(ok)
}

const DATE_FILLERS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "on",
    "at",
    "date",
    "last",
    "modified",
    "created",
    "am",
    "pm",
    "a.m",
    "p.m",
    "gmt",
    "utc",
    "bst",
    "est",
    "edt",
    "cst",
    "cdt",
    "pst",
    "pdt",
    "et",
    "cet",
    "cest",
    "eet",
    "msk",
    "of",
    "the",
    "-",
    "—",
    "–",
];

/// Reads a line that consists only of a date (with optional weekday, time,
/// time zone and "Published:"/"Updated:" words). Returns `None` for any
/// line that says more than that.
pub(crate) fn parse_date_line(line: &str) -> Option<PrintedDate> {
    if line.len() > 80 {
        return None;
    }
    let mut year = None;
    let mut month = None;
    let mut day = None;
    let mut numeric = None;
    let mut loose_numbers = Vec::new();
    for raw in line.split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '•' | '·')) {
        let tok = raw.trim_matches(|c: char| matches!(c, ':' | '(' | ')' | '[' | ']'));
        if tok.is_empty() {
            continue;
        }
        let lower = tok.trim_end_matches('.').to_ascii_lowercase();
        if DATE_FILLERS.contains(&lower.as_str()) || is_weekday(tok) || is_time(tok) {
            continue;
        }
        if let Some(m) = month_number(tok) {
            if month.is_some() {
                return None;
            }
            month = Some(m);
            continue;
        }
        if let Some(d) = numeric_date(tok) {
            numeric = Some(d);
            continue;
        }
        if tok.len() == 4 && tok.bytes().all(|b| b.is_ascii_digit()) {
            let n: u32 = tok.parse().ok()?;
            if is_year(n) && year.is_none() {
                year = Some(n as i32);
                continue;
            }
            return None;
        }
        if let Some(d) = day_number(tok) {
            loose_numbers.push(d);
            continue;
        }
        return None;
    }
    if let Some(d) = numeric {
        return (month.is_none() && loose_numbers.is_empty()).then_some(d);
    }
    if loose_numbers.len() == 1 {
        day = Some(loose_numbers[0]);
    }
    make_date(year, month?, day?)
}

/// A date inside a dateline: "January 28", "28 January", "Jan. 28, 2022".
fn parse_date_phrase(s: &str) -> Option<PrintedDate> {
    let toks: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    if toks.is_empty() || toks.len() > 4 {
        return None;
    }
    parse_date_line(s).filter(|_| toks.iter().any(|t| month_number(t).is_some()))
}

/// Whether `s` is a place name as printed in a dateline: one to five words,
/// all letters upper case (when `caps_only`) or each word capitalized.
fn is_place(s: &str, caps_only: bool) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || s.chars().count() > 40 {
        return false;
    }
    let has_letters = s.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    let all_caps = !s.chars().any(|c| c.is_lowercase());
    if caps_only {
        return has_letters
            && all_caps
            && words.iter().all(|w| {
                w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
            });
    }
    has_letters
        && words.iter().all(|w| {
            let mut cs = w.chars();
            let first_ok = cs.next().is_some_and(|c| c.is_uppercase());
            first_ok
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
                || matches!(
                    *w,
                    "de" | "da" | "do" | "del" | "la" | "el" | "al" | "am" | "on"
                )
        })
}

/// Upper-case words that open headlines and paragraphs like a place would.
const NOT_PLACES: &[&str] = &[
    "EXCLUSIVE",
    "BREAKING",
    "BREAKING NEWS",
    "UPDATE",
    "UPDATED",
    "WATCH",
    "VIDEO",
    "PHOTOS",
    "OPINION",
    "ANALYSIS",
    "EDITORIAL",
    "LIVE",
    "REPORT",
    "EXCLUSIVE VIDEO",
    "COMMENTARY",
    "FACT CHECK",
    "NOTE",
    "CORRECTION",
    "URGENT",
    "FLASH",
];

/// Finds a wire-copy dateline at the start of paragraph `p`. Returns the
/// dateline and the byte offset where the paragraph's own text starts.
///
/// A dateline is a place (upper case, or capitalized when an agency code
/// follows), optional comma-separated region and date, then an agency code
/// in slashes or parentheses and/or a dash: "MOSCOW, January 28. /TASS/.",
/// "ANKARA (AA) -", "WASHINGTON, Jan 5 (Reuters) —", "NEW YORK — ".
pub(crate) fn parse_dateline(p: &str) -> Option<(Dateline, usize)> {
    let first = p.chars().next()?;
    if !first.is_uppercase() {
        return None;
    }
    // Only the head of the paragraph is examined: linear in the input.
    let mut limit = p.len().min(160);
    while !p.is_char_boundary(limit) {
        limit -= 1;
    }
    let head = &p[..limit];
    let marker = find_marker(head)?;
    let pre = head[..marker.start]
        .trim()
        .trim_end_matches(['.', ','])
        .trim();
    if marker
        .agency
        .as_deref()
        .is_some_and(|a| super::outlet::agency(a).is_none() && spells_initials(a, pre))
    {
        // "International Olympic Committee (IOC) President …": an acronym
        // introduced, not a place and an agency.
        return None;
    }
    let (place, date) = place_and_date(pre, marker.agency.as_deref())?;
    let body_start = text_start(p, head, &marker)?;
    let text = p[..body_start].trim_end().to_string();
    Some((
        Dateline {
            text,
            place: place.to_string(),
            agency: marker.agency,
            month: date.map(|d| d.month),
            day: date.map(|d| d.day),
            year: date.and_then(|d| d.year),
        },
        body_start,
    ))
}

/// Whether `code` spells the initials of the words of `words` ("IOC",
/// "International Olympic Committee"), with or without its small words
/// ("of", "the", "and", "for").
fn spells_initials(code: &str, words: &str) -> bool {
    let code: String = code
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let initials = |all: bool| -> String {
        words
            .split_whitespace()
            .filter(|w| all || !matches!(*w, "of" | "the" | "and" | "for" | "&"))
            .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
            .flat_map(char::to_lowercase)
            .collect()
    };
    code.chars().count() >= 2 && (initials(false) == code || initials(true) == code)
}

/// What ends a dateline's place and date: "/AGENCY/", "(AGENCY)" or a
/// dash surrounded by spaces, as byte offsets in the paragraph's head.
struct Marker {
    start: usize,
    end: usize,
    /// The agency code, for "/AGENCY/" and "(AGENCY)".
    agency: Option<String>,
}

/// The first marker of `head`, when no sentence end or quote comes
/// before it.
fn find_marker(head: &str) -> Option<Marker> {
    for (i, c) in head.char_indices() {
        match c {
            '/' | '(' => return agency_marker(head, i, c),
            '—' | '–' | '-' => {
                let before_space = head[..i].ends_with(' ');
                let after = &head[i + c.len_utf8()..];
                return ((before_space || c != '-') && after.starts_with(' ')).then(|| Marker {
                    start: i,
                    end: i + c.len_utf8(),
                    agency: None,
                });
            }
            '.' if period_inside(head, i) => {}
            '.' | '!' | '?' | ';' | '"' | '“' | ':' => return None,
            _ => {}
        }
    }
    None
}

/// "/TASS/" or "(Reuters)" opening at byte `i` with `open`: a marker when
/// what it encloses can be an agency code (a known agency, or short and
/// upper case).
fn agency_marker(head: &str, i: usize, open: char) -> Option<Marker> {
    let close = if open == '/' { '/' } else { ')' };
    let inner_start = i + 1;
    let len = head[inner_start..].find(close)?;
    let inner = head[inner_start..inner_start + len].trim();
    let plausible = !inner.is_empty()
        && inner.chars().count() <= 24
        && inner
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '.' | '&'))
        && (super::outlet::agency(inner).is_some() || !inner.chars().any(|c| c.is_lowercase()));
    plausible.then(|| Marker {
        start: i,
        end: inner_start + len + 1,
        agency: Some(inner.to_string()),
    })
}

/// Whether the period at byte `i` of `head` is inside a dateline rather
/// than a sentence end: one right before the agency ("MOSCOW, January
/// 28. /TASS/."), or one closing an abbreviation ("ST. PETERSBURG",
/// "U.S.", "Jan. 5").
fn period_inside(head: &str, i: usize) -> bool {
    if head[i + 1..].trim_start().starts_with('/') {
        return true;
    }
    let word = head[..i]
        .rsplit(|ch: char| ch.is_whitespace() || ch == ',')
        .next()
        .unwrap_or("");
    word.ends_with(|ch: char| ch.is_uppercase()) || month_number(word).is_some()
}

/// The place and date before the marker ("MOSCOW, January 28", "KYIV,
/// Ukraine"): a place (in capitals unless a short agency code follows),
/// then comma-separated regions, a date and its year.
fn place_and_date<'a>(
    pre: &'a str,
    agency: Option<&str>,
) -> Option<(&'a str, Option<PrintedDate>)> {
    let mut parts = pre.split(',').map(str::trim);
    let place = parts.next()?;
    if NOT_PLACES.contains(&place.to_uppercase().as_str()) {
        return None;
    }
    if !is_place(place, agency.is_none_or(|a| a.len() > 12)) {
        return None;
    }
    let mut date = None;
    for part in parts {
        if part.is_empty() {
            return None;
        }
        if let Some(d) = parse_date_phrase(part) {
            date = Some(d);
        } else if part.len() == 4 && part.bytes().all(|b| b.is_ascii_digit()) {
            // "January 28, 2022": the year was split off by the comma.
            let y: i32 = part.parse().ok()?;
            match date.as_mut() {
                Some(d) if d.year.is_none() && (1900..=2100).contains(&y) => d.year = Some(y),
                _ => return None,
            }
        } else if !is_place(part, false) {
            return None;
        }
    }
    Some((place, date))
}

/// Where the paragraph's own text starts after the marker (the agency's
/// trailing period, then a dash or colon, skipped): it must open like a
/// sentence, unless the paragraph is only the dateline.
fn text_start(p: &str, head: &str, marker: &Marker) -> Option<usize> {
    let mut rest = head[marker.end..].trim_start_matches(|c: char| c == '.' || c.is_whitespace());
    if marker.agency.is_some() {
        let t = rest.trim_start_matches(['-', '—', '–', ':']);
        if t.len() != rest.len() {
            rest = t.trim_start();
        }
    }
    let only_dateline = rest.is_empty() && p.len() == head.len();
    let opens = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '“' | '‘' | '\''));
    (only_dateline || opens).then_some(head.len() - rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines() {
        let d = parse_date_line("Friday, March 29").unwrap();
        assert_eq!((d.year, d.month, d.day), (None, 3, 29));
        let d = parse_date_line("Published: 28 Jan 2022 14:30 GMT").unwrap();
        assert_eq!(d.iso().as_deref(), Some("2022-01-28"));
        assert_eq!(
            parse_date_line("January 28, 2022").and_then(|d| d.iso()),
            Some("2022-01-28".into())
        );
        assert_eq!(
            parse_date_line("2022-01-28").and_then(|d| d.iso()),
            Some("2022-01-28".into())
        );
        assert_eq!(
            parse_date_line("28.01.2022 10:15").and_then(|d| d.iso()),
            Some("2022-01-28".into())
        );
        assert_eq!(parse_date_line("March 29 was a good day"), None);
        assert_eq!(parse_date_line("Diplomatic track"), None);
        assert_eq!(parse_date_line("February 30, 2022"), None);
        assert_eq!(parse_date_line("May"), None);
    }

    #[test]
    fn tass_dateline() {
        let p = "MOSCOW, January 28. /TASS/. Moscow does not consider it.";
        let (d, start) = parse_dateline(p).unwrap();
        assert_eq!(&p[start..], "Moscow does not consider it.");
        assert_eq!(d.place, "MOSCOW");
        assert_eq!(d.agency.as_deref(), Some("TASS"));
        assert_eq!((d.month, d.day, d.year), (Some(1), Some(28), None));
        assert_eq!(d.text, "MOSCOW, January 28. /TASS/.");
    }

    #[test]
    fn other_datelines() {
        let (d, s) = parse_dateline("LONDON, Jan 5, 2022 (Reuters) - Shares fell.").unwrap();
        assert_eq!(d.agency.as_deref(), Some("Reuters"));
        assert_eq!(d.year, Some(2022));
        assert_eq!(
            &"LONDON, Jan 5, 2022 (Reuters) - Shares fell."[s..],
            "Shares fell."
        );
        let (d, _) = parse_dateline("KYIV, Ukraine (AP) — Troops moved.").unwrap();
        assert_eq!(d.place, "KYIV");
        assert_eq!(d.month, None);
        let (d, _) = parse_dateline("NEW YORK — Stocks rose.").unwrap();
        assert_eq!(d.agency, None);
        let (d, _) = parse_dateline("Ankara (AA) - Turkey said.").unwrap();
        assert_eq!(d.agency.as_deref(), Some("AA"));
    }

    #[test]
    fn russian_tass_dateline() {
        let p = "МОСКВА, 28 января. /ТАСС/. Россия не считает свои предложения чрезмерными.";
        let (d, start) = parse_dateline(p).unwrap();
        assert_eq!(d.place, "МОСКВА");
        assert_eq!((d.month, d.day, d.year), (Some(1), Some(28), None));
        assert!(p[start..].starts_with("Россия"));
        assert_eq!(
            super::super::outlet::agency(d.agency.as_deref().unwrap()),
            Some("TASS")
        );
    }

    #[test]
    fn not_datelines() {
        assert!(parse_dateline("Moscow does not consider - it said.").is_none());
        assert!(parse_dateline("Russia (which is big) said so.").is_none());
        assert!(parse_dateline("The US said. /TASS/ reported.").is_none());
        assert!(parse_dateline("").is_none());
        assert!(parse_dateline("„Ж").is_none());
        // An acronym introduced is no agency: the words stay text.
        assert!(parse_dateline(
            "International Olympic Committee (IOC) President Thomas Bach said."
        )
        .is_none());
        assert!(parse_dateline("World Health Organization (WHO) officials said.").is_none());
        assert!(parse_dateline("Kuwait City (KUNA) - Officials said.").is_some());
    }
}
