//! A small private sentence splitter, used until the shared
//! `text::sentences` lands (then this file is to be replaced by it).
//!
//! A sentence ends at '.', '!', '?' or '…' (plus closing quotes and
//! brackets) followed by white space and then an uppercase letter, a digit
//! or an opening quote, unless the word before the period is a known
//! abbreviation or a single initial ("S.V. Lavrov", "Mr. Y.Stoltenberg").

const ABBREVIATIONS: &[&str] = &[
    "adm", "apr", "aug", "capt", "cmdr", "co", "col", "corp", "dec", "dr", "e.g", "feb", "gen",
    "gov", "i.e", "inc", "jan", "jr", "jul", "jun", "lt", "ltd", "maj", "mar", "messrs", "mr",
    "mrs", "ms", "no", "nov", "oct", "prof", "rep", "rev", "sen", "sep", "sept", "sgt", "sr", "st",
    "u.k", "u.n", "u.s", "vs",
];

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}' | '\u{00BB}' | '\u{201C}'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | '[' | '\u{201C}' | '\u{2018}' | '\u{00AB}' | '\u{201E}'
    )
}

/// The word just before byte `end` (letters, digits and inner periods).
fn word_before(text: &str, end: usize) -> &str {
    let head = &text[..end];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.is_empty() {
        return false;
    }
    // Initials: "S", "V.V", "J.I".
    if w.split('.')
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
    {
        return true;
    }
    ABBREVIATIONS.binary_search(&w.as_str()).is_ok()
}

/// Splits `text` into sentences, returned as trimmed byte ranges.
/// Line breaks always end a sentence.
pub(crate) fn split_sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (line_start, line) in lines_with_offsets(text) {
        split_line(line, line_start, &mut out);
    }
    out
}

fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    text.split('\n').map(move |l| {
        let start = pos;
        pos += l.len() + 1;
        (start, l)
    })
}

fn push_trimmed(line: &str, base: usize, from: usize, to: usize, out: &mut Vec<(usize, usize)>) {
    let s = &line[from..to];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if t.chars().any(char::is_alphanumeric) {
        out.push((base + from + lead, base + from + lead + t.len()));
    }
}

fn split_line(line: &str, base: usize, out: &mut Vec<(usize, usize)>) {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '\u{2026}') {
            // Swallow repeated terminators and closing quotes/brackets.
            let mut j = i + 1;
            while j < chars.len()
                && (matches!(chars[j].1, '.' | '!' | '?') || is_closer(chars[j].1))
            {
                j += 1;
            }
            let end = chars.get(j).map_or(line.len(), |&(p, _)| p);
            // Needs white space, then a sentence opener.
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            let spaced = k > j;
            let next = chars.get(k).map(|&(_, c)| c);
            let opens = match next {
                None => true,
                Some(n) => n.is_uppercase() || n.is_ascii_digit() || is_opener(n),
            };
            let abbrev = c == '.' && i == j - 1 && is_abbreviation(word_before(line, pos));
            if (spaced || next.is_none()) && opens && !abbrev {
                push_trimmed(line, base, start, end, out);
                start = chars.get(k).map_or(line.len(), |&(p, _)| p);
                i = k;
                continue;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    if start < line.len() {
        push_trimmed(line, base, start, line.len(), out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        split_sentences(t)
            .into_iter()
            .map(|(s, e)| &t[s..e])
            .collect()
    }

    #[test]
    fn splits_on_terminators_not_abbreviations() {
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
    fn abbreviation_list_is_sorted() {
        let mut s = ABBREVIATIONS.to_vec();
        s.sort_unstable();
        assert_eq!(s, ABBREVIATIONS);
    }
}
