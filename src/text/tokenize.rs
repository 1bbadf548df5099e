//! Unicode word segmentation (UAX #29) into normalized tokens with offsets.

use unicode_segmentation::UnicodeSegmentation;

use super::{normalize, normalize_into};

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The normalized form (folded case and diacritics, ASCII apostrophes);
    /// [`super::Analyzer::analyze`] replaces it with the stem.
    pub term: String,
    /// Byte offset of the word's first byte in the input.
    pub start: usize,
    /// Byte offset one past the word's last byte.
    pub end: usize,
    /// Ordinal of the word among the words of the input (0-based).
    pub position: u32,
}

/// Splits `text` into words (letters or digits; punctuation and spaces are
/// dropped) and normalizes each with [`normalize`].
///
/// Hyphenated compounds are separate words ("legally-binding" gives
/// "legally", "binding"); apostrophes inside a word stay ("Russia’s" gives
/// "russia's"); a trailing possessive is left to the stemmer.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6);
    for (start, word) in text.split_word_bound_indices() {
        if !word.chars().any(char::is_alphanumeric) {
            continue;
        }
        let term = normalize(word);
        if term.is_empty() {
            continue;
        }
        let position = out.len() as u32;
        out.push(Token {
            term,
            start,
            end: start + word.len(),
            position,
        });
    }
    out
}

/// Calls `f(start, end, normalized)` for each word of `text`, exactly the
/// words [`tokenize`] returns, without allocating per word.
pub fn for_each_word(text: &str, mut f: impl FnMut(usize, usize, &str)) {
    let mut buf = String::new();
    for (start, word) in text.split_word_bound_indices() {
        if !word.chars().any(char::is_alphanumeric) {
            continue;
        }
        normalize_into(word, &mut buf);
        if buf.is_empty() {
            continue;
        }
        f(start, start + word.len(), &buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn words_offsets_positions() {
        let t = tokenize("Lavrov said: “indivisibility of security”.");
        let words: Vec<_> = t.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(
            words,
            ["lavrov", "said", "indivisibility", "of", "security"]
        );
        assert_eq!(
            &"Lavrov said: “indivisibility of security”."[t[2].start..t[2].end],
            "indivisibility"
        );
        assert_eq!(t[4].position, 4);
    }

    #[test]
    fn hyphens_apostrophes_diacritics() {
        assert_eq!(
            terms("legally-binding Russia’s Café"),
            ["legally", "binding", "russia's", "cafe"]
        );
        assert_eq!(terms("100,000 troops"), ["100,000", "troops"]);
    }

    #[test]
    fn for_each_word_agrees_with_tokenize() {
        let text = "“Russia’s” legally-binding Café, 'tis 100,000 — done.";
        let mut seen = Vec::new();
        for_each_word(text, |s, e, w| seen.push((s, e, w.to_string())));
        let want: Vec<_> = tokenize(text)
            .into_iter()
            .map(|t| (t.start, t.end, t.term))
            .collect();
        assert_eq!(seen, want);
    }
}
