//! Case, diacritic and punctuation folding of single words.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Folds one character: lowercase, typographic apostrophes and quotes to
/// ASCII, dashes to '-'. Returns the folded characters through `out`
/// (diacritics are stripped by decomposing and dropping combining marks).
pub(crate) fn fold_char(c: char, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`' | '\u{00B4}' => {
            out.push('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => out.push('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => {
            let mut base = String::new();
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    base.push(d);
                }
            });
            for b in base.chars() {
                out.extend(b.to_lowercase());
            }
        }
    }
}

/// Normalizes one word: lowercase, no diacritics, ASCII apostrophes, no
/// leading or trailing apostrophes. "Café" → "cafe", "Russia’s" → "russia's".
pub(crate) fn normalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalize_into(word, &mut out);
    out
}

/// [`normalize`] into a reused buffer (cleared first): the allocation-free
/// form for hot loops such as indexing.
pub(crate) fn normalize_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        for c in word.chars() {
            fold_char(c, out);
        }
    }
    if out.starts_with('\'') || out.ends_with('\'') {
        let trimmed = out.trim_matches('\'').to_string();
        *out = trimmed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds() {
        assert_eq!(normalize("Café"), "cafe");
        assert_eq!(normalize("Russia’s"), "russia's");
        assert_eq!(normalize("ÉLYSÉE"), "elysee");
        assert_eq!(normalize("Сергей"), "сергеи");
        assert_eq!(normalize("'tis'"), "tis");
    }
}
