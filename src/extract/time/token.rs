//! The temporal tagger's own small tokenizer: words, numbers and single
//! punctuation characters with their Unicode character offsets, plus a
//! rough sentence split used to read the tense around an expression.
//!
//! It is deliberately private to the time extractor: temporal patterns need
//! to see punctuation ("p.m.", "Jan.", "10:35", "2022-02-14") that a search
//! tokenizer throws away.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters (any script), possibly with combining marks.
    Word,
    /// ASCII digits.
    Num,
    /// One other non-space character.
    Punct,
}

/// One token.
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
    /// Lowercased text.
    pub low: String,
    pub kind: TokKind,
    /// The first character is uppercase.
    pub cap: bool,
    /// Every letter is uppercase (and there are at least two).
    pub all_caps: bool,
    /// Index of the sentence the token belongs to.
    pub sent: usize,
    /// The month (1..=12) a word names in full ("march"), else 0.
    pub month: u8,
    /// The month (1..=12) a word abbreviates ("jan", "sept"), else 0.
    pub month_abbrev: u8,
    /// The weekday (1..=7, Monday first) a word names in full, else 0.
    pub weekday: u8,
}

impl Tok {
    /// The numeric value of a digit token (None when too long).
    pub(crate) fn num(&self) -> Option<u32> {
        if self.kind == TokKind::Num && self.low.len() <= 9 {
            self.low.parse().ok()
        } else {
            None
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || (!c.is_ascii() && c.is_alphanumeric() && !c.is_numeric())
}

/// Splits `chars` into tokens.
pub(crate) fn tokenize(chars: &[char]) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut i = 0;
    let mut sent = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            // A blank line ends a sentence.
            if c == '\n' {
                let mut j = i + 1;
                while j < chars.len() && chars[j] != '\n' && chars[j].is_whitespace() {
                    j += 1;
                }
                if j < chars.len() && chars[j] == '\n' {
                    sent += 1;
                }
            }
            i += 1;
            continue;
        }
        let start = i;
        let kind = if c.is_ascii_digit() {
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            TokKind::Num
        } else if is_word_char(c) {
            while i < chars.len() && (is_word_char(chars[i]) || is_mark(chars[i])) {
                i += 1;
            }
            TokKind::Word
        } else {
            i += 1;
            TokKind::Punct
        };
        let text = &chars[start..i];
        let mut low = String::with_capacity(text.len());
        let (mut letters, mut upper) = (0, 0);
        for &c in text {
            if c.is_ascii() {
                low.push(c.to_ascii_lowercase());
            } else {
                // As `str::to_lowercase` (a final sigma aside: the time
                // rules' words are Latin).
                low.extend(c.to_lowercase());
            }
            if c.is_alphabetic() {
                letters += 1;
                upper += usize::from(c.is_uppercase());
            }
        }
        // Looked up once here, not at each rule that asks.
        // (Month and weekday names and abbreviations have 3 to 9 letters.)
        let name = |f: fn(&str) -> Option<u8>| match kind {
            TokKind::Word if (3..=9).contains(&low.len()) => f(&low).unwrap_or(0),
            _ => 0,
        };
        let (month, month_abbrev, weekday) = (
            name(crate::text::calendar::english_month),
            name(crate::text::calendar::english_month_abbrev),
            name(crate::text::calendar::weekday),
        );
        toks.push(Tok {
            start,
            end: i,
            cap: c.is_uppercase(),
            all_caps: letters >= 2 && upper == letters,
            low,
            kind,
            sent,
            month,
            month_abbrev,
            weekday,
        });
        if kind == TokKind::Punct && matches!(c, '!' | '?' | '.' | ';') {
            // "." ends a sentence unless it follows an abbreviation or a
            // single letter ("Jan.", "p.m.", "U.S.") and is not followed by
            // an uppercase word.
            let prev = toks.len().checked_sub(2).and_then(|p| toks.get(p));
            let abbrev = c == '.'
                && prev.is_some_and(|p| {
                    p.kind == TokKind::Word
                        && (p.low.chars().count() <= 1 || is_abbrev(&p.low))
                        && p.end == start
                });
            let next_cap = chars[i..]
                .iter()
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| c.is_uppercase() || *c == '"' || *c == '“');
            if !abbrev || next_cap && !prev.is_some_and(|p| is_abbrev(&p.low)) {
                sent += 1;
                if let Some(last) = toks.last_mut() {
                    last.sent = sent - 1;
                }
            }
        }
    }
    toks
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

/// Common abbreviations that end with a period but not a sentence: the
/// shared list of the sentence splitter.
pub(crate) fn is_abbrev(w: &str) -> bool {
    crate::text::is_abbreviation(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_characters() {
        let chars: Vec<char> = "Über 2 p.m. «today»".chars().collect();
        let toks = tokenize(&chars);
        let texts: Vec<String> = toks
            .iter()
            .map(|t| chars[t.start..t.end].iter().collect())
            .collect();
        assert_eq!(texts, ["Über", "2", "p", ".", "m", ".", "«", "today", "»"]);
    }

    #[test]
    fn sentences_split_on_periods_not_abbreviations() {
        let chars: Vec<char> = "On Jan. 27 he left. She said no.".chars().collect();
        let toks = tokenize(&chars);
        let she = toks.iter().find(|t| t.low == "she").unwrap();
        let jan27 = toks.iter().find(|t| t.low == "27").unwrap();
        assert_eq!(jan27.sent, 0);
        assert_eq!(she.sent, 1);
    }
}
