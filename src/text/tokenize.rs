//! Unicode word segmentation (UAX #29) into normalized tokens with offsets.

use unicode_segmentation::UnicodeSegmentation;

use super::normalize_into;

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
/// dropped) and normalizes each with [`normalize`](fn@super::normalize).
///
/// Hyphenated compounds are separate words ("legally-binding" gives
/// "legally", "binding"); apostrophes inside a word stay ("Russia’s" gives
/// "russia's"); a trailing possessive is left to the stemmer. Initials
/// glued to a surname are cut off it ("J.Smith" gives "j", "smith";
/// "A.B.Jones" gives "a.b", "jones"; see [`glued_initials`]), as if
/// spaced.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6);
    for_each_word(text, |start, end, term| {
        let position = out.len() as u32;
        out.push(Token {
            term: term.to_string(),
            start,
            end,
            position,
        });
    });
    out
}

/// Where the surname starts in a word of initials glued to it: "J.Smith"
/// → `Some(2)`, "A.B.Jones" → `Some(4)`. Single capitals each followed by
/// a period, then a capital and a lowercase letter; `None` for anything
/// else ("U.S.", "e.g", "Ph.D", "St.Petersburg").
pub(crate) fn glued_initials(word: &str) -> Option<usize> {
    let mut it = word.char_indices().peekable();
    loop {
        let (_, c) = it.next()?;
        let (_, dot) = it.next()?;
        if !c.is_uppercase() || dot != '.' {
            return None;
        }
        let &(j, n) = it.peek()?;
        if !n.is_uppercase() {
            return None;
        }
        match word[j + n.len_utf8()..].chars().next() {
            Some(l) if l.is_lowercase() => return Some(j),
            Some('.') => continue,
            _ => return None,
        }
    }
}

/// Calls `f` on the word `start..end` of `text`, or on its initials and
/// its surname when they are glued ([`glued_initials`]).
#[inline]
fn split_glued(text: &str, start: usize, end: usize, mut f: impl FnMut(usize, usize)) {
    match glued_initials(&text[start..end]) {
        Some(k) => {
            f(start, start + k - 1);
            f(start + k, end);
        }
        None => f(start, end),
    }
}

/// ASCII character classes of UAX #29 word segmentation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    /// '_' (ExtendNumLet).
    Joiner,
    Other,
}

#[inline]
fn class(b: u8) -> Class {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b'_' => Class::Joiner,
        _ => Class::Other,
    }
}

/// Word bounds of an ASCII chunk without whitespace, by the UAX #29 rules
/// restricted to ASCII: letters, digits and '_' join; ':', '.' and '\''
/// join two letters (WB6/7); ',', ';', '.' and '\'' join two digits
/// (WB11/12). Calls `f(start, end)` for each word.
#[inline]
fn ascii_words(b: &[u8], mut f: impl FnMut(usize, usize)) {
    let n = b.len();
    let mut i = 0;
    while i < n {
        if class(b[i]) == Class::Other {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        loop {
            if i < n && class(b[i]) != Class::Other {
                i += 1;
                continue;
            }
            if i + 1 < n {
                let (prev, mid, next) = (class(b[i - 1]), b[i], class(b[i + 1]));
                let joins = match (prev, next) {
                    (Class::Letter, Class::Letter) => matches!(mid, b':' | b'.' | b'\''),
                    (Class::Digit, Class::Digit) => matches!(mid, b',' | b';' | b'.' | b'\''),
                    _ => false,
                };
                if joins {
                    i += 2;
                    continue;
                }
            }
            break;
        }
        f(start, i);
    }
}

/// Calls `f(start, word)` for each UAX #29 word segment of `text` that
/// holds a letter or a digit, as `text.split_word_bound_indices()`
/// filtered to those gives them, with [`for_each_word`]'s fast path: the
/// text cut at ASCII whitespace, pure-ASCII pieces segmented by the ASCII
/// subset of the rules. What the extractors' tokens are made of
/// (`extract::entities::tokens`), unnormalized.
pub(crate) fn for_each_word_bound<'t>(text: &'t str, mut f: impl FnMut(usize, &'t str)) {
    for_each_piece(text, |space, start, end, ascii| {
        let chunk = &text[start..end];
        if ascii {
            ascii_words(chunk.as_bytes(), |s, e| {
                if chunk.as_bytes()[s..e].iter().any(u8::is_ascii_alphanumeric) {
                    f(start + s, &chunk[s..e]);
                }
            });
            return;
        }
        // With the whitespace before it: a combining mark that starts the
        // piece belongs to that whitespace's segment (WB4), which then
        // holds a letter (" \u{64e}").
        for (s, word) in text[space..end].split_word_bound_indices() {
            if word.chars().any(char::is_alphanumeric) {
                f(space + s, word);
            }
        }
    });
}

/// Calls `f(space, start, end, ascii)` for each piece of `text` between
/// runs of ASCII whitespace (each a word boundary under UAX #29): the
/// piece is `start..end`, the whitespace before it starts at `space`,
/// `ascii` says whether the piece is pure ASCII.
#[inline]
fn for_each_piece(text: &str, mut f: impl FnMut(usize, usize, usize, bool)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut space = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let mut ascii = true;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            ascii &= bytes[i] < 0x80;
            i += 1;
        }
        f(space, start, i, ascii);
        space = i;
    }
}

/// Calls `f(start, end, normalized)` for each word of `text`, without
/// allocating per word: the segmentation behind [`tokenize`], the index
/// and the snippets, so that they always agree.
///
/// The text is cut at ASCII whitespace (a word boundary under UAX #29);
/// pure-ASCII pieces take a fast path with the ASCII subset of the
/// UAX #29 rules, others go through the full Unicode segmentation.
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(usize, usize, &str)) {
    let mut buf = String::new();
    for_each_piece(text, |_, start, end, ascii| {
        let chunk = &text[start..end];
        if ascii {
            ascii_words(chunk.as_bytes(), |s, e| {
                split_glued(chunk, s, e, |s, e| {
                    if !chunk.as_bytes()[s..e].iter().any(u8::is_ascii_alphanumeric) {
                        return;
                    }
                    buf.clear();
                    buf.extend(chunk[s..e].chars().map(|c| c.to_ascii_lowercase()));
                    if buf.starts_with('\'') || buf.ends_with('\'') {
                        let t = buf.trim_matches('\'').to_string();
                        buf = t;
                    }
                    if !buf.is_empty() {
                        f(start + s, start + e, &buf);
                    }
                });
            });
            return;
        }
        for (s, word) in chunk.split_word_bound_indices() {
            if !word.chars().any(char::is_alphanumeric) {
                continue;
            }
            split_glued(chunk, s, s + word.len(), |s, e| {
                normalize_into(&chunk[s..e], &mut buf);
                if !buf.is_empty() {
                    f(start + s, start + e, &buf);
                }
            });
        }
    });
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
    fn glued_initials_leave_the_surname() {
        assert_eq!(terms("J.Smith"), ["j", "smith"]);
        assert_eq!(
            terms("A.B.Jones and В.Путин"),
            ["a.b", "jones", "and", "в", "путин"]
        );
        assert_eq!(terms("J.Smith’s"), ["j", "smith's"]);
        let t = tokenize("met A.B.Jones");
        assert_eq!(&"met A.B.Jones"[t[2].start..t[2].end], "Jones");
        assert_eq!(t[2].position, 2);
        // Not initials: acronyms, abbreviations, lowercase.
        assert_eq!(
            terms("U.S. Ph.D e.g St.Petersburg"),
            ["u.s", "ph.d", "e.g", "st.petersburg"]
        );
        assert_eq!(glued_initials("J.Smith"), Some(2));
        assert_eq!(glued_initials("A.B.Jones"), Some(4));
        assert_eq!(glued_initials("U.S."), None);
        assert_eq!(glued_initials("J.SMITH"), None);
    }

    #[test]
    fn word_bounds_are_the_uax29_segments_with_letters_or_digits() {
        // Pieces of every kind the fast path meets, joined at random, and
        // the sample articles: the same segments as the full segmentation.
        let pieces = [
            "U.S.",
            "e-mail",
            "don't",
            "3.5%",
            "1,000",
            "a_b",
            "___",
            "foo:bar",
            "x.1",
            "12:30",
            "end.",
            "(Parens)",
            "[x]",
            "'quoted'",
            "R&D",
            "a.b.c",
            "Russia’s",
            "Café",
            "В.Путин",
            "naïve",
            "—",
            "“said”",
            "1;2",
            "a'",
            "'b",
            "..",
            "_x_",
            "x_1",
            "9.",
            ".9",
            "\u{301}a",
            "\u{64e}a",
            "\u{93e}",
            "\u{5b0}\u{5d0}",
            "\u{200d}x",
            "a\u{64e}",
        ];
        let seps = [
            " ", "", "\n", "\t", "  ", "\r\n", "\u{a0}", "\u{2009}", "\x0c", "\x0b", " \n ",
        ];
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mut texts: Vec<String> = crate::SEEDS
            .iter()
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .collect();
        for _ in 0..2000 {
            let mut t = String::new();
            for _ in 0..1 + next(8) {
                t.push_str(pieces[next(pieces.len())]);
                t.push_str(seps[next(seps.len())]);
            }
            texts.push(t);
        }
        for t in &texts {
            let mut fast = Vec::new();
            for_each_word_bound(t, |s, w| fast.push((s, w)));
            let slow: Vec<(usize, &str)> = t
                .split_word_bound_indices()
                .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
                .collect();
            assert_eq!(fast, slow, "{t:?}");
        }
    }

    #[test]
    fn ascii_fast_path_agrees_with_uax29() {
        let text = "U.S. e-mail don't 3.5% 1,000,000 a_b foo:bar x.1 students' \
                    ___ 12:30 end. (Parens) [x] 'quoted' R&D a.b.c";
        let mut fast = Vec::new();
        for_each_word(text, |s, e, w| fast.push((s, e, w.to_string())));
        let mut slow = Vec::new();
        for (s, w) in text.split_word_bound_indices() {
            if w.chars().any(char::is_alphanumeric) {
                let n = super::super::normalize(w);
                if !n.is_empty() {
                    slow.push((s, s + w.len(), n));
                }
            }
        }
        assert_eq!(fast, slow);
    }
}
