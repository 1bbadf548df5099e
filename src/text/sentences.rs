//! Sentence splitting with byte ranges.
//!
//! News text is full of periods that do not end sentences: titles ("Mr.",
//! "Gen."), months ("Jan. 27"), initials ("S.V. Lavrov", "E. Macron",
//! "J.I. Le Drian"), acronyms ("U.S."), numbers ("No. 5", "3.5"). A
//! sentence ends at `.`, `!`, `?` or `…` (plus any closing quote marks and
//! brackets) when whitespace and a plausible sentence start follow and the
//! word before the period is not one of those; a line break always ends a
//! sentence (paragraphs never share one).

use std::ops::Range;

/// Words that take a period and are followed by more of the same sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "gov",
    "sen", "rep", "rev", "hon", "pres", "st", "mt", "ft", "jr", "sr", "messrs", "mme", "no", "nos",
    "vol", "art", "fig", "p", "pp", "para", "ch", "sec", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "vs", "v", "cf", "al", "approx", "est", "dept",
    "univ", "assn", "bros", "corp", "inc", "ltd", "co", "etc", "e.g", "i.e", "a.m", "p.m",
];

/// Whether `word` (without its period, any case) is an abbreviation that
/// usually takes a period inside a sentence: titles, months, weekdays
/// ("Tues."), "No.", "Corp.".
pub(crate) fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str()) || super::calendar::weekday_abbrev(&lower).is_some()
}

/// Abbreviations that may also end a sentence: they only end it when the
/// next word is a typical sentence opener.
const MAYBE_FINAL: &[&str] = &["inc", "ltd", "co", "corp", "etc", "bros", "a.m", "p.m"];

/// Words that typically open a sentence; after an acronym ("U.S.") they
/// mark a sentence break.
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "But",
    "And",
    "In",
    "On",
    "At",
    "For",
    "His",
    "Her",
    "Their",
    "Our",
    "Its",
    "If",
    "When",
    "While",
    "As",
    "After",
    "Before",
    "However",
    "Meanwhile",
    "Some",
    "Many",
    "Last",
    "According",
    "What",
    "Why",
    "How",
    "Yet",
    "So",
    "Also",
    "Now",
    "Then",
];

/// Splits `text` into sentences, returned as byte ranges trimmed of
/// surrounding whitespace, in order, never overlapping.
pub(crate) fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c == '\n' || c == '\r' || c == '\u{2029}' {
            push_trimmed(text, start, pos, &mut out);
            start = pos + c.len_utf8();
            i += 1;
            continue;
        }
        if matches!(c, '.' | '!' | '?' | '…') {
            // Extend over repeated terminators and closing quotes/brackets.
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '.' | '!' | '?' | '…') {
                j += 1;
            }
            while j < chars.len() && is_closer(chars[j].1) {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |&(p, _)| p);
            // Must be followed by whitespace (or the end).
            let next_is_space = j >= chars.len() || chars[j].1.is_whitespace();
            if next_is_space && (c != '.' || period_ends(text, &chars, i, j)) {
                push_trimmed(text, start, end, &mut out);
                start = end;
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '“' | ')' | ']' | '}' | '›'
    )
}

fn is_opener_char(c: char) -> bool {
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(
            c,
            '"' | '“' | '‘' | '«' | '(' | '[' | '\'' | '„' | '—' | '-'
        )
}

/// Decides whether the period at `chars[i]` (terminator run ending before
/// `chars[j]`) ends the sentence.
fn period_ends(text: &str, chars: &[(usize, char)], i: usize, j: usize) -> bool {
    // Next non-space character and word.
    let mut k = j;
    while k < chars.len() && chars[k].1.is_whitespace() {
        if chars[k].1 == '\n' {
            return true;
        }
        k += 1;
    }
    let Some(&(next_pos, next_c)) = chars.get(k) else {
        return true;
    };
    if !is_opener_char(next_c) {
        return false;
    }
    let next_word: &str = {
        let rest = &text[next_pos..];
        let e = rest
            .find(|ch: char| !ch.is_alphanumeric())
            .unwrap_or(rest.len());
        &rest[..e]
    };
    // The word before the period (letters and inner dots).
    let period_pos = chars[i].0;
    let before = &text[..period_pos];
    let wstart = before
        .rfind(|ch: char| !(ch.is_alphanumeric() || ch == '.'))
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[wstart..];
    if word.is_empty() {
        return true;
    }
    let lower = word.to_lowercase();
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    // "No. 5", "Art. 3": numbering abbreviations before a number.
    if matches!(
        lower.as_str(),
        "no" | "nos" | "art" | "vol" | "p" | "pp" | "sec" | "ch"
    ) && next_c.is_ascii_digit()
    {
        return false;
    }
    if is_abbreviation(&lower) {
        if MAYBE_FINAL.contains(&lower.as_str()) {
            return OPENERS.contains(&next_word);
        }
        // "no." at the end of an answer ("He said no.") is rare; months and
        // titles are followed by a number or a name.
        if matches!(lower.as_str(), "no") && !next_c.is_ascii_digit() {
            return true;
        }
        return false;
    }
    // A single capital letter: an initial ("E. Macron").
    if letters == 1 && word.chars().all(|c| c.is_uppercase() || c == '.') {
        return false;
    }
    // Dotted acronyms and initials ("U.S.", "S.V."): a break only before a
    // typical sentence opener.
    if word.contains('.') && letters <= 4 {
        return OPENERS.contains(&next_word);
    }
    true
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    if start >= end {
        return;
    }
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(start + lead..end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        split_sentences(s).into_iter().map(|r| &s[r]).collect()
    }

    // Pinned from the former private splitter of `analyze` (merged into
    // this one): statement alignment relies on these boundaries.
    #[test]
    fn alignment_boundaries() {
        assert_eq!(
            split("S.V. Lavrov met Mr. Blinken. They talked.\nNew line"),
            ["S.V. Lavrov met Mr. Blinken.", "They talked.", "New line"]
        );
        assert_eq!(
            split("“It is clear,” he said. “We warn.” Then 1997 came."),
            ["“It is clear,” he said.", "“We warn.”", "Then 1997 came."]
        );
        assert_eq!(split("U.S. officials met. ok"), ["U.S. officials met. ok"]);
        assert!(split("").is_empty());
    }

    #[test]
    fn initials_titles_and_numbers() {
        assert_eq!(
            split("S.V. Lavrov met Mr. Y.Stoltenberg on Jan. 27 at No. 5 Main St. in the U.S. capital. It rained 3.5 mm."),
            [
                "S.V. Lavrov met Mr. Y.Stoltenberg on Jan. 27 at No. 5 Main St. in the U.S. capital.",
                "It rained 3.5 mm."
            ]
        );
        assert_eq!(
            split("He called E. Macron and J.I. Le Drian. They agreed."),
            ["He called E. Macron and J.I. Le Drian.", "They agreed."]
        );
    }

    #[test]
    fn acronym_at_sentence_end() {
        assert_eq!(
            split("Troops left the U.S. The talks ended."),
            ["Troops left the U.S.", "The talks ended."]
        );
    }

    #[test]
    fn quotes_and_paragraphs() {
        assert_eq!(
            split("“We will see.” He left.\n“Fine,” she said. Done!"),
            ["“We will see.”", "He left.", "“Fine,” she said.", "Done!"]
        );
        assert_eq!(
            split("\"It is over.\" Then silence"),
            ["\"It is over.\"", "Then silence"]
        );
        assert_eq!(split("A. \n\n B"), ["A.", "B"]);
    }

    #[test]
    fn lowercase_continuation_and_edges() {
        assert_eq!(split("“Go.” he said."), ["“Go.” he said."]);
        assert!(split_sentences("").is_empty());
        assert!(split_sentences("   \n ").is_empty());
        assert_eq!(split("Ünïcödé… Ok"), ["Ünïcödé…", "Ok"]);
    }
}
