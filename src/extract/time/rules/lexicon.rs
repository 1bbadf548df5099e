//! Word lists of the rules: months, weekdays, number and ordinal words,
//! calendar units, seasons and parts of the day.

use super::Unit;
use crate::extract::time::token::{Tok, TokKind};

pub(super) fn month_of(t: &Tok) -> Option<u32> {
    if t.kind != TokKind::Word {
        return None;
    }
    if t.month != 0 {
        // "march" and "may" are also common verbs: require a capital.
        if matches!(t.month, 3 | 5) && !t.cap {
            return None;
        }
        return Some(u32::from(t.month));
    }
    if !t.cap || t.month_abbrev == 0 {
        return None;
    }
    Some(u32::from(t.month_abbrev))
}

/// The weekday a token names in full (1..=7, Monday first).
pub(super) fn weekday_of(t: Option<&Tok>) -> Option<u32> {
    t.map(|t| u32::from(t.weekday)).filter(|&d| d != 0)
}

pub(super) fn number_word(w: &str) -> Option<u32> {
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

pub(super) fn ordinal_word(w: &str) -> Option<u32> {
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

pub(super) fn unit_of(w: &str) -> Option<(Unit, bool)> {
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

pub(super) fn season_of(w: &str) -> Option<&'static str> {
    match w {
        "spring" => Some("SP"),
        "summer" => Some("SU"),
        "fall" | "autumn" => Some("FA"),
        "winter" => Some("WI"),
        _ => None,
    }
}

pub(super) fn day_part_of(w: &str) -> Option<&'static str> {
    match w {
        "morning" => Some("MO"),
        "afternoon" => Some("AF"),
        "evening" => Some("EV"),
        "night" | "overnight" => Some("NI"),
        _ => None,
    }
}

/// Words before a number that make it a label, not a year ("flight
/// 1997", "No. 1200").
pub(super) const NUMBER_LABELS: &[&str] = &[
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
];

/// Words after a number that make it a count or a measure, not a year
/// ("1997 people", "1400 GMT", "2000 tonnes").
pub(super) const COUNTED_NOUNS: &[&str] = &[
    "people",
    "gmt",
    "est",
    "edt",
    "hrs",
    "hours",
    "local",
    "persons",
    "men",
    "women",
    "troops",
    "soldiers",
    "tons",
    "tonnes",
    "meters",
    "metres",
    "feet",
    "miles",
    "km",
    "kilometers",
    "kilometres",
    "dollars",
    "shares",
    "points",
    "votes",
    "cases",
    "deaths",
    "pounds",
    "euros",
    "yen",
    "barrels",
    "employees",
    "workers",
    "jobs",
    "units",
    "cars",
    "homes",
    "acres",
    "hectares",
    "copies",
    "km²",
    "mw",
];

/// Words that introduce a year, needed before a number under 1500 ("in
/// 1066").
pub(super) const YEAR_INTRODUCERS: &[&str] = &[
    "in", "since", "year", "until", "till", "before", "after", "circa", "c",
];
