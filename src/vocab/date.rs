//! Calendar dates: the one place that reads, writes and counts them.
//!
//! [`Date`] is a proleptic-Gregorian day with arithmetic, weekdays and ISO
//! weeks (enough to normalize temporal expressions against a reference
//! date). It is written "YYYY-MM-DD" ([`Display`](fmt::Display), serde) and
//! read by [`Date::parse`], which every stage uses on the date strings the
//! document model keeps. [`Month`] is a calendar month ("YYYY-MM", trends
//! and facets). [`DateSource`] says where a document's date came from.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A calendar date (proleptic Gregorian). `m` is 1..=12, `d` is 1..=31.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year (e.g. 2022).
    pub y: i32,
    /// The month, 1..=12.
    pub m: u32,
    /// The day of the month, 1..=31.
    pub d: u32,
}

/// Number of days in month `m` of year `y` (0 for an invalid month).
pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date, or `None` when the month or day is out of range.
    pub fn new(y: i32, m: u32, d: u32) -> Option<Date> {
        if (1..=12).contains(&m)
            && d >= 1
            && d <= days_in_month(y, m)
            && (-9999..=9999).contains(&y)
        {
            Some(Date { y, m, d })
        } else {
            None
        }
    }

    /// Reads a date written year first: "YYYY-MM-DD", "YYYY/MM/DD" or
    /// "YYYYMMDD" (four-digit year, two-digit month and day, ASCII digits),
    /// optionally followed by a time ("2022-02-14T10:00:00Z", "2022-02-14
    /// 10:00"). `None` for anything else or an impossible date
    /// ("2022-02-30", "2022-1-10").
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.trim().as_bytes();
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = b.get(r)?;
            part.iter().all(u8::is_ascii_digit).then(|| {
                part.iter()
                    .fold(0u32, |acc, &c| acc * 10 + u32::from(c - b'0'))
            })
        };
        let y = num(0..4)?;
        // The separator after the year, repeated after the month.
        let (m, d, len) = match b.get(4) {
            Some(&sep @ (b'-' | b'/')) if b.get(7) == Some(&sep) => (num(5..7)?, num(8..10)?, 10),
            _ => (num(4..6)?, num(6..8)?, 8),
        };
        // What follows the day, if anything, is not more digits.
        if b.get(len).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        Date::new(y as i32, m, d)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.y) - i64::from(self.m <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
        Date { y, m, d }
    }

    /// The date `n` days later (earlier when negative).
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// The date `n` months later, with the day clamped to the month's length.
    pub fn add_months(self, n: i32) -> Date {
        let (y, m) = add_month(self.y, self.m, n);
        Date {
            y,
            m,
            d: self.d.min(days_in_month(y, m)),
        }
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        ((self.to_days() + 3).rem_euclid(7) + 1) as u32
    }

    /// ISO 8601 week-numbering year and week (1..=53).
    pub fn iso_week(self) -> (i32, u32) {
        let thursday = self.add_days(4 - i64::from(self.weekday()));
        let jan1 = Date {
            y: thursday.y,
            m: 1,
            d: 1,
        };
        let week = ((thursday.to_days() - jan1.to_days()) / 7 + 1) as u32;
        (thursday.y, week)
    }

    /// The Monday of ISO week `w` of ISO year `y`.
    pub fn from_iso_week(y: i32, w: u32) -> Date {
        let jan4 = Date { y, m: 1, d: 4 };
        let week1_monday = jan4.add_days(1 - i64::from(jan4.weekday()));
        week1_monday.add_days(7 * (i64::from(w) - 1))
    }

    /// The quarter (1..=4).
    pub fn quarter(self) -> u32 {
        (self.m - 1) / 3 + 1
    }

    /// The number YYYYMMDD (the index's sortable date; years before 0 count
    /// as 0).
    pub fn yyyymmdd(self) -> u32 {
        self.y.max(0) as u32 * 10_000 + self.m * 100 + self.d
    }

    /// The month of the date.
    pub fn month(self) -> Month {
        Month {
            y: self.y,
            m: self.m,
        }
    }
}

impl FromStr for Date {
    type Err = NotADate;

    /// [`Date::parse`], with an error naming the text.
    fn from_str(s: &str) -> Result<Date, NotADate> {
        Date::parse(s).ok_or_else(|| NotADate(s.to_string()))
    }
}

/// The text given where a date was wanted ([`Date::from_str`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotADate(pub String);

impl fmt::Display for NotADate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a date (YYYY-MM-DD): '{}'", self.0)
    }
}

impl std::error::Error for NotADate {}

/// A calendar month, written "YYYY-MM"; ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    /// The year.
    pub y: i32,
    /// The month, 1..=12.
    pub m: u32,
}

impl Month {
    /// The month after this one.
    pub fn next(self) -> Month {
        let (y, m) = add_month(self.y, self.m, 1);
        Month { y, m }
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.y, self.m)
    }
}

/// How a document's date was found. Serialized (CLI JSON, the page, the
/// stored snapshot) as the lowercase name: "dateline", "printed",
/// "metadata", "inferred".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// A wire dateline with a full date ("MOSCOW, January 28, 2022").
    #[default]
    Dateline,
    /// A date printed in the page ("Published: 28 Jan 2022", a byline date).
    Printed,
    /// A record's date field (JSON, CSV, SGML metadata).
    Metadata,
    /// Inferred from the text and the other documents
    /// ([`crate::extract::time::infer_corpus_dates`]).
    Inferred,
}

impl DateSource {
    /// Every source, in code order.
    pub const ALL: [DateSource; 4] = [
        DateSource::Dateline,
        DateSource::Printed,
        DateSource::Metadata,
        DateSource::Inferred,
    ];

    /// The serialized name ("dateline", "printed", "metadata", "inferred").
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Dateline => "dateline",
            DateSource::Printed => "printed",
            DateSource::Metadata => "metadata",
            DateSource::Inferred => "inferred",
        }
    }

    /// What a reader is told the date is: "printed" (a dateline is printed
    /// in the article), "metadata" or "inferred" (`lede parse`'s
    /// `date_source`, the page's date label).
    pub fn shown_as(self) -> &'static str {
        match self {
            DateSource::Dateline | DateSource::Printed => "printed",
            DateSource::Metadata => "metadata",
            DateSource::Inferred => "inferred",
        }
    }

    /// The source with this serialized name.
    pub fn from_name(name: &str) -> Option<DateSource> {
        DateSource::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

impl fmt::Display for DateSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How sure each way of dating a document is (the `confidence` of a
/// document's date information, 0.0..=1.0), in one table beside the bar
/// an inferred date must reach ([`DateConfidence::min_inferred`]). The
/// values are hand-set in this order of trust and checked by
/// `examples/eval_docdate.rs`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DateConfidence {
    /// A record's date field ([`DateSource::Metadata`] from JSON, CSV, SGML).
    pub record: f32,
    /// A wire dateline with a full date, found by the text parser.
    pub parsed_dateline: f32,
    /// A date printed in the page ([`DateSource::Printed`]).
    pub printed: f32,
    /// A date the document already has, re-read by date inference.
    pub known: f32,
    /// A dateline in the text that prints its year.
    pub dateline_with_year: f32,
    /// A year-less dateline, the year from an explicit year in the text.
    pub dateline_year_in_text: f32,
    /// A year-less dateline, the year from other documents (hints).
    pub dateline_year_from_hints: f32,
    /// A year-less dateline, the year from years the text mentions.
    pub dateline_year_guessed: f32,
    /// A date placed by the content (anchored dates and tense) alone.
    pub content: f32,
    /// A date placed by the content with weekdays ("said on Monday").
    pub content_with_weekdays: f32,
    /// At least this when an anchored date shares a sentence with "this week".
    pub content_this_week: f32,
    /// Taken off a content date when no anchor prints its year and no hint
    /// gives it (the year is a guess from years mentioned).
    pub year_guessed_penalty: f32,
    /// Taken off a content date when no anchor prints its year and hints
    /// give it.
    pub year_from_hints_penalty: f32,
    /// A content date is never less sure than this.
    pub floor: f32,
    /// The bar: an inferred date below this is not used as a document date
    /// (a year resting on nothing but years the text mentions, often past
    /// events, falls below it).
    pub min_inferred: f32,
}

/// The confidences of document dates (see [`DateConfidence`]).
pub const DATE_CONFIDENCE: DateConfidence = DateConfidence {
    record: 1.0,
    parsed_dateline: 0.9,
    printed: 0.8,
    known: 0.9,
    dateline_with_year: 0.95,
    dateline_year_in_text: 0.85,
    dateline_year_from_hints: 0.75,
    dateline_year_guessed: 0.6,
    content: 0.4,
    content_with_weekdays: 0.65,
    content_this_week: 0.6,
    year_guessed_penalty: 0.3,
    year_from_hints_penalty: 0.1,
    floor: 0.05,
    min_inferred: 0.4,
};

/// Adds `n` months to (year, month).
pub fn add_month(y: i32, m: u32, n: i32) -> (i32, u32) {
    let total = y * 12 + (m as i32 - 1) + n;
    (total.div_euclid(12), (total.rem_euclid(12) + 1) as u32)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

impl Serialize for Date {
    /// Serialized as "YYYY-MM-DD".
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    /// Read from a string, as [`Date::parse`] reads it.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        for n in [-800_000i64, -1, 0, 1, 19_000, 20_000, 2_000_000] {
            assert_eq!(Date::from_days(n).to_days(), n);
        }
        assert_eq!(Date::new(1970, 1, 1).map(Date::to_days), Some(0));
    }

    #[test]
    fn weekdays_and_weeks() {
        let d = Date::new(2022, 2, 14).unwrap();
        assert_eq!(d.weekday(), 1);
        assert_eq!(d.iso_week(), (2022, 7));
        assert_eq!(Date::new(2021, 1, 1).unwrap().iso_week(), (2020, 53));
        assert_eq!(Date::from_iso_week(2022, 7), d);
        assert_eq!(Date::new(2021, 12, 30).unwrap().weekday(), 4);
    }

    #[test]
    fn month_arithmetic() {
        let d = Date::new(2022, 1, 31).unwrap();
        assert_eq!(d.add_months(1), Date::new(2022, 2, 28).unwrap());
        assert_eq!(d.add_months(-1), Date::new(2021, 12, 31).unwrap());
        assert_eq!(Date::parse("19980108"), Date::new(1998, 1, 8));
        assert_eq!(Date::parse("2022-02-14"), Date::new(2022, 2, 14));
        assert_eq!(Date::new(2022, 2, 29), None);
    }

    #[test]
    fn parsing_and_writing() {
        let d = Date::new(2022, 1, 10);
        for s in [
            "2022-01-10",
            " 2022/01/10 ",
            "20220110",
            "2022-01-10T09:30:00Z",
            "2022-01-10 09:30",
        ] {
            assert_eq!(Date::parse(s), d, "{s}");
        }
        for s in [
            "2022-13-10",
            "2022-1-10",
            "２０２２-01-10",
            "2022-02-30",
            "2022-01/10",
            "202201101",
            "soon",
            "",
        ] {
            assert_eq!(Date::parse(s), None, "{s}");
        }
        assert_eq!(
            Date::new(2022, 1, 10).map(|d| d.to_string()).as_deref(),
            Some("2022-01-10")
        );
        assert_eq!(Date::new(2022, 1, 10).map(Date::yyyymmdd), Some(20220110));
        assert!("2022-02-30".parse::<Date>().is_err());
        assert!(Date::parse("2022-01-28") < Date::parse("2022-02-14"));
        let m = Date::new(2022, 12, 5).map(Date::month);
        assert_eq!(m.map(|m| m.to_string()).as_deref(), Some("2022-12"));
        assert_eq!(m.map(|m| m.next().to_string()).as_deref(), Some("2023-01"));
    }

    #[test]
    fn sources_round_trip_as_strings() {
        for s in DateSource::ALL {
            assert_eq!(DateSource::from_name(s.as_str()), Some(s));
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.as_str()));
            assert_eq!(serde_json::from_str::<DateSource>(&json).unwrap(), s);
        }
        assert_eq!(DateSource::from_name("printd"), None);
        assert_eq!(DateSource::Dateline.shown_as(), "printed");
        assert_eq!(DateSource::Inferred.shown_as(), "inferred");
    }
}
