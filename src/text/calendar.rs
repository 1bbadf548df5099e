//! Month and weekday names: the one table shared by the document parser
//! (datelines, bylines, record dates), the quote extractor (words that are
//! never a speaker) and the time tagger.
//!
//! Lookups are case-insensitive and ignore one trailing period, so "Sept."
//! and "MONDAY" are found. They only recognize whole words: "mayor" is not
//! May, "sunny" is not Sunday. Callers that must tell the verb "may" or
//! "march" from the month decide that from context (see
//! `extract::time::rules`).

/// English month names, January first.
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// English weekday names, Monday first (ISO 8601 numbering: Monday = 1).
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// `f` of `word` without one trailing period, lower-cased: in a buffer on
/// the stack for a short ASCII word (the lookups run on every token of
/// every text), else in a new string.
fn with_key<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let w = word.strip_suffix('.').unwrap_or(word);
    let mut buf = [0u8; 16];
    match buf.get_mut(..w.len()) {
        Some(b) if w.is_ascii() => {
            b.copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            // ASCII bytes are UTF-8.
            f(std::str::from_utf8(b).unwrap_or_default())
        }
        _ => f(&w.to_lowercase()),
    }
}

/// Month 1..=12 of a full English month name ("March"), or `None`.
pub(crate) fn english_month(word: &str) -> Option<u8> {
    with_key(word, |w| {
        MONTHS.iter().position(|m| *m == w).map(|i| i as u8 + 1)
    })
}

/// Month 1..=12 of an English month abbreviation ("Jan", "Sept."), or
/// `None`. "May" has no abbreviation and is not one.
pub(crate) fn english_month_abbrev(word: &str) -> Option<u8> {
    with_key(word, |w| {
        if w == "sept" {
            return Some(9);
        }
        if w.len() != 3 || w == "may" {
            return None;
        }
        MONTHS
            .iter()
            .position(|m| m.starts_with(w))
            .map(|i| i as u8 + 1)
    })
}

/// Month 1..=12 of a month name or abbreviation: English ("Jan", "Sept."),
/// plus Russian (nominative and genitive), German, French, Spanish and
/// Italian full names.
pub(crate) fn month_number(word: &str) -> Option<u8> {
    if let Some(m) = english_month(word).or_else(|| english_month_abbrev(word)) {
        return Some(m);
    }
    with_key(word, |w| match w {
        "января" | "январь" | "januar" | "janvier" | "enero" | "gennaio" => Some(1),
        "февраля" | "февраль" | "februar" | "février" | "febrero" | "febbraio" => {
            Some(2)
        }
        "марта" | "март" | "märz" | "mars" | "marzo" => Some(3),
        "апреля" | "апрель" | "avril" | "abril" | "aprile" => Some(4),
        "мая" | "май" | "mai" | "mayo" | "maggio" => Some(5),
        "июня" | "июнь" | "juni" | "juin" | "junio" | "giugno" => Some(6),
        "июля" | "июль" | "juli" | "juillet" | "julio" | "luglio" => Some(7),
        "августа" | "август" | "août" | "agosto" => Some(8),
        "сентября" | "сентябрь" | "septembre" | "septiembre" | "settembre" => {
            Some(9)
        }
        "октября" | "октябрь" | "oktober" | "octobre" | "octubre" | "ottobre" => {
            Some(10)
        }
        "ноября" | "ноябрь" | "novembre" | "noviembre" => Some(11),
        "декабря" | "декабрь" | "dezember" | "décembre" | "diciembre" | "dicembre" => {
            Some(12)
        }
        _ => None,
    })
}

/// Weekday 1..=7 (Monday = 1) of a full English weekday name, or `None`.
pub(crate) fn weekday(word: &str) -> Option<u8> {
    with_key(word, |w| {
        WEEKDAYS.iter().position(|d| *d == w).map(|i| i as u8 + 1)
    })
}

/// Weekday 1..=7 of an English weekday abbreviation ("Mon", "Tues.",
/// "Thurs"), or `None`.
pub(crate) fn weekday_abbrev(word: &str) -> Option<u8> {
    with_key(word, |w| match w {
        "mon" => Some(1),
        "tue" | "tues" => Some(2),
        "wed" => Some(3),
        "thu" | "thur" | "thurs" => Some(4),
        "fri" => Some(5),
        "sat" => Some(6),
        "sun" => Some(7),
        _ => None,
    })
}

/// Whether `word` is an English weekday name or abbreviation.
pub(crate) fn is_weekday(word: &str) -> bool {
    weekday(word).or_else(|| weekday_abbrev(word)).is_some()
}

/// Whether `word` is a full English month or weekday name: capitalized
/// words that are dates, never names ("Monday", "February").
pub(crate) fn is_calendar_word(word: &str) -> bool {
    weekday(word).is_some() || english_month(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months() {
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("FEB"), Some(2));
        assert_eq!(month_number("февраля"), Some(2));
        assert_eq!(month_number("mayor"), None);
        assert_eq!(english_month_abbrev("May"), None);
        assert_eq!(english_month("May"), Some(5));
        assert_eq!(english_month_abbrev("mar"), Some(3));
    }

    #[test]
    fn weekdays() {
        assert_eq!(weekday("Sunday"), Some(7));
        assert_eq!(weekday_abbrev("Thurs."), Some(4));
        assert!(is_weekday("tues"));
        assert!(!is_weekday("sunny"));
        assert!(is_calendar_word("Monday") && is_calendar_word("june"));
        assert!(!is_calendar_word("Jun"));
    }
}
