//! Interned words: the analysis chain of [`crate::text`] run once per word
//! form, with folded forms and stems as small integer ids so the analytics
//! count and compare integers, not strings.

use rustc_hash::FxHashMap;

use crate::text::{for_each_word, is_stopword, Analyzer};

/// One word of a text, with interned folded form and stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    /// Byte offset of the word in the analyzed text.
    pub start: usize,
    /// Byte offset one past the word.
    pub end: usize,
    /// Id of the folded form ([`Lexicon::norm`]).
    pub norm: u32,
    /// Id of the stem ([`Lexicon::stem`]).
    pub stem: u32,
    /// A stop-word (by its folded form).
    pub stop: bool,
    /// Starts with an uppercase letter in the text.
    pub cap: bool,
    /// Starts with a digit.
    pub num: bool,
}

/// Word-form and stem dictionaries with a memo of the analysis chain.
#[derive(Debug)]
pub(crate) struct Lexicon {
    analyzer: Analyzer,
    norm_ids: FxHashMap<String, u32>,
    norms: Vec<String>,
    norm_stem: Vec<u32>,
    norm_stop: Vec<bool>,
    stem_ids: FxHashMap<String, u32>,
    stems: Vec<String>,
}

impl Default for Lexicon {
    fn default() -> Lexicon {
        Lexicon::new()
    }
}

impl Lexicon {
    /// An empty English lexicon.
    pub fn new() -> Lexicon {
        Lexicon {
            analyzer: Analyzer::english(),
            norm_ids: FxHashMap::default(),
            norms: Vec::new(),
            norm_stem: Vec::new(),
            norm_stop: Vec::new(),
            stem_ids: FxHashMap::default(),
            stems: Vec::new(),
        }
    }

    /// The id of a folded form, interning it (and its stem) when new.
    pub fn intern(&mut self, norm: &str) -> u32 {
        if let Some(&id) = self.norm_ids.get(norm) {
            return id;
        }
        let stem = self.analyzer.stem(norm);
        let sid = match self.stem_ids.get(&stem) {
            Some(&s) => s,
            None => {
                let s = self.stems.len() as u32;
                self.stem_ids.insert(stem.clone(), s);
                self.stems.push(stem);
                s
            }
        };
        let id = self.norms.len() as u32;
        self.norm_ids.insert(norm.to_string(), id);
        self.norms.push(norm.to_string());
        self.norm_stem.push(sid);
        self.norm_stop.push(is_stopword(norm));
        id
    }

    /// Analyzes `text` into interned words.
    pub fn words(&mut self, text: &str) -> Vec<Word> {
        let mut out = Vec::with_capacity(text.len() / 6);
        for_each_word(text, |start, end, term| {
            let norm = self.intern(term);
            let first = text[start..end].chars().next().unwrap_or(' ');
            out.push(Word {
                start,
                end,
                norm,
                stem: self.norm_stem[norm as usize],
                stop: self.norm_stop[norm as usize],
                cap: first.is_uppercase(),
                num: first.is_ascii_digit(),
            });
        });
        out
    }

    /// The folded form of a norm id.
    pub fn norm(&self, id: u32) -> &str {
        self.norms.get(id as usize).map_or("", String::as_str)
    }

    /// The stem of a stem id.
    pub fn stem(&self, id: u32) -> &str {
        self.stems.get(id as usize).map_or("", String::as_str)
    }

    /// The id of a stem, when the lexicon has it.
    pub fn stem_id(&self, stem: &str) -> Option<u32> {
        self.stem_ids.get(stem).copied()
    }

    /// The stem id of a query word (normalized and stemmed by the shared
    /// chain), when the corpus has it.
    pub fn lookup_stem(&self, word: &str) -> Option<u32> {
        let norm = crate::text::normalize(word);
        let stem = self.analyzer.stem(&norm);
        self.stem_ids.get(&stem).copied()
    }

    /// Norm ids whose folded form starts with `prefix` (already folded).
    pub fn norms_with_prefix(&self, prefix: &str) -> Vec<u32> {
        (0..self.norms.len() as u32)
            .filter(|&i| self.norms[i as usize].starts_with(prefix))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interns_forms_and_stems() {
        let mut lx = Lexicon::new();
        let w = lx.words("Guarantees and the guarantee, 1997.");
        assert_eq!(w.len(), 5);
        assert_eq!(w[0].stem, w[3].stem);
        assert_ne!(w[0].norm, w[3].norm);
        assert!(w[0].cap && !w[3].cap && w[1].stop && w[4].num);
        assert_eq!(lx.lookup_stem("guaranteed"), Some(w[0].stem));
        assert_eq!(lx.stem(w[0].stem), "guarante");
    }
}
