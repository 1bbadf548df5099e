//! Stemming on top of tokenization: the full analysis chain.

use rust_stemmers::{Algorithm, Stemmer};

use super::{tokenize, Token};

/// The analysis chain for one language: tokenize, normalize, stem.
///
/// Build one per language and reuse it: creating a stemmer is cheap but
/// not free.
pub struct Analyzer {
    stemmer: Option<Stemmer>,
    lang: &'static str,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("lang", &self.lang)
            .finish()
    }
}

impl Default for Analyzer {
    fn default() -> Analyzer {
        Analyzer::english()
    }
}

impl Analyzer {
    /// The English chain (Snowball English stemmer).
    pub fn english() -> Analyzer {
        Analyzer::for_lang("en")
    }

    /// The chain for an ISO 639-1 language code; languages without a
    /// Snowball stemmer are normalized but not stemmed.
    pub(crate) fn for_lang(lang: &str) -> Analyzer {
        let (algo, code) = match lang {
            "en" => (Some(Algorithm::English), "en"),
            "ru" => (Some(Algorithm::Russian), "ru"),
            "de" => (Some(Algorithm::German), "de"),
            "fr" => (Some(Algorithm::French), "fr"),
            "es" => (Some(Algorithm::Spanish), "es"),
            "it" => (Some(Algorithm::Italian), "it"),
            "pt" => (Some(Algorithm::Portuguese), "pt"),
            "nl" => (Some(Algorithm::Dutch), "nl"),
            "sv" => (Some(Algorithm::Swedish), "sv"),
            "no" | "nb" => (Some(Algorithm::Norwegian), "no"),
            "da" => (Some(Algorithm::Danish), "da"),
            "fi" => (Some(Algorithm::Finnish), "fi"),
            "hu" => (Some(Algorithm::Hungarian), "hu"),
            "ro" => (Some(Algorithm::Romanian), "ro"),
            "tr" => (Some(Algorithm::Turkish), "tr"),
            "ar" => (Some(Algorithm::Arabic), "ar"),
            "el" => (Some(Algorithm::Greek), "el"),
            _ => (None, "und"),
        };
        Analyzer {
            stemmer: algo.map(Stemmer::create),
            lang: code,
        }
    }

    /// The language code this chain stems for ("und" when none).
    pub(crate) fn lang(&self) -> &'static str {
        self.lang
    }

    /// Stems one normalized word.
    pub fn stem(&self, normalized: &str) -> String {
        match &self.stemmer {
            Some(s) => s.stem(normalized).into_owned(),
            None => normalized.to_string(),
        }
    }

    /// Tokenizes, normalizes and stems `text`: tokens carry stems as terms,
    /// with byte offsets and positions of the original words.
    pub fn analyze(&self, text: &str) -> Vec<Token> {
        let mut tokens = tokenize(text);
        if self.stemmer.is_some() {
            for t in &mut tokens {
                t.term = self.stem(&t.term);
            }
        }
        tokens
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_agree_across_forms() {
        let a = Analyzer::english();
        let t: Vec<_> = a
            .analyze("guarantee guarantees guaranteed")
            .into_iter()
            .map(|t| t.term)
            .collect();
        assert_eq!(t[0], t[1]);
        assert_eq!(a.stem("russia's"), a.stem("russia"));
    }
}
