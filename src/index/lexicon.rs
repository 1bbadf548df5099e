//! The words of one language: surface words and stems in one table.
//!
//! Each entry maps a normalized string to a term id with two role bits:
//! [`SURFACE`] (the string occurs in documents and maps to its stem's
//! term) and [`STEM`] (the string is the stem of a term). In English most
//! stems are words themselves ("lavrov", "said"), so one table with both
//! roles is much smaller than two. Keys of up to [`INLINE`] bytes are
//! stored inline (no heap block per word); longer keys, and the rare
//! surface word that is also another word's stem while stemming to
//! something else, go to a small side table.

use rustc_hash::FxHashMap;

use crate::text::Analyzer;

/// Role bit: the string is a surface word.
pub(crate) const SURFACE: u32 = 1 << 31;
/// Role bit: the string is a stem.
pub(crate) const STEM: u32 = 1 << 30;
const ID: u32 = STEM - 1;
/// Longest key stored inline, in bytes.
const INLINE: usize = 16;

/// A key of at most [`INLINE`] bytes, zero-padded (normalized words never
/// contain NUL).
type Inline = [u8; INLINE];

fn inline(s: &str) -> Option<Inline> {
    if s.len() > INLINE || s.as_bytes().contains(&0) {
        return None;
    }
    let mut k = [0u8; INLINE];
    k[..s.len()].copy_from_slice(s.as_bytes());
    Some(k)
}

fn key_str(k: &Inline) -> &str {
    let n = k.iter().position(|&b| b == 0).unwrap_or(INLINE);
    std::str::from_utf8(&k[..n]).unwrap_or("")
}

/// The words of one language.
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Language code.
    pub lang: Box<str>,
    /// Its analysis chain.
    pub analyzer: Analyzer,
    main: FxHashMap<Inline, u32>,
    side: FxHashMap<Box<str>, u32>,
}

impl Lexicon {
    /// An empty lexicon for `lang`.
    pub(crate) fn new(lang: &str) -> Lexicon {
        let analyzer = Analyzer::for_lang(lang);
        Lexicon {
            lang: analyzer.lang().into(),
            analyzer,
            main: FxHashMap::default(),
            side: FxHashMap::default(),
        }
    }

    fn find(&self, s: &str, role: u32) -> Option<u32> {
        if let Some(k) = inline(s) {
            if let Some(&v) = self.main.get(&k) {
                if v & role != 0 {
                    return Some(v & ID);
                }
            }
        }
        self.side
            .get(s)
            .filter(|&&v| v & role != 0)
            .map(|&v| v & ID)
    }

    /// The term of a surface word.
    pub(crate) fn surface(&self, w: &str) -> Option<u32> {
        self.find(w, SURFACE)
    }

    /// The term whose stem is `s`.
    pub(crate) fn stem(&self, s: &str) -> Option<u32> {
        self.find(s, STEM)
    }

    /// Records `s` in `role` for term `t` (an existing entry of the other
    /// role for the same term gains the role; for another term the entry
    /// goes to the side table).
    pub(crate) fn insert(&mut self, s: &str, role: u32, t: u32) {
        let v = role | t;
        if let Some(k) = inline(s) {
            match self.main.get_mut(&k) {
                None => {
                    self.main.insert(k, v);
                    return;
                }
                Some(e) if *e & ID == t => {
                    *e |= role;
                    return;
                }
                Some(_) => {}
            }
        }
        let e = self.side.entry(s.into()).or_insert(v);
        if *e & ID == t {
            *e |= role;
        }
    }

    /// Term of a document word, stemming and recording it when new;
    /// `new_term` makes a term for a new stem.
    pub(crate) fn term_of(&mut self, w: &str, new_term: impl FnOnce() -> u32) -> (u32, bool) {
        if let Some(t) = self.surface(w) {
            return (t, false);
        }
        let stem = self.analyzer.stem(w);
        let t = match self.stem(&stem) {
            Some(t) => t,
            None => {
                let t = new_term();
                self.insert(&stem, STEM, t);
                t
            }
        };
        self.insert(w, SURFACE, t);
        (t, true)
    }

    /// Every entry: (string, role bits | term id).
    pub(crate) fn entries(&self) -> impl Iterator<Item = (&str, u32)> {
        self.main
            .iter()
            .map(|(k, &v)| (key_str(k), v))
            .chain(self.side.iter().map(|(k, &v)| (&**k, v)))
    }

    /// The surface words.
    pub(crate) fn surfaces(&self) -> impl Iterator<Item = &str> {
        self.entries().filter(|e| e.1 & SURFACE != 0).map(|e| e.0)
    }

    /// Number of surface words.
    pub(crate) fn num_surfaces(&self) -> usize {
        self.entries().filter(|e| e.1 & SURFACE != 0).count()
    }

    /// Restores one entry written by [`Lexicon::entries`].
    pub(crate) fn restore(&mut self, s: &str, v: u32) {
        for role in [SURFACE, STEM] {
            if v & role != 0 {
                self.insert(s, role, v & ID);
            }
        }
    }

    /// Renumbers terms (`None`: the term is gone, drop the entry).
    pub(crate) fn remap(&mut self, f: impl Fn(u32) -> Option<u32>) {
        let g = |v: &mut u32| match f(*v & ID) {
            Some(n) => {
                *v = (*v & !ID) | n;
                true
            }
            None => false,
        };
        self.main.retain(|_, v| g(v));
        self.side.retain(|_, v| g(v));
    }

    /// Approximate heap bytes.
    pub(crate) fn memory_bytes(&self) -> usize {
        self.main.capacity() * (std::mem::size_of::<(Inline, u32)>() + 1)
            + self.side.capacity() * (std::mem::size_of::<(Box<str>, u32)>() + 1)
            + self
                .side
                .keys()
                .map(|k| k.len().div_ceil(8) * 8)
                .sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_share_entries() {
        let mut l = Lexicon::new("en");
        let mut next = 0;
        let mut mk = || {
            next += 1;
            next - 1
        };
        let (a, new) = l.term_of("guarantees", &mut mk);
        assert!(new);
        let (b, _) = l.term_of("guarantee", &mut mk);
        assert_eq!(a, b);
        let (c, _) = l.term_of("lavrov", &mut mk);
        assert_ne!(a, c);
        assert_eq!(l.term_of("lavrov", &mut mk), (c, false));
        assert_eq!(l.stem("lavrov"), Some(c));
        assert_eq!(l.surface("guarante"), None);
        assert_eq!(l.stem("guarante"), Some(a));
        let long = "a".repeat(40);
        let (d, _) = l.term_of(&long, &mut mk);
        assert_eq!(l.surface(&long), Some(d));
        let mut s: Vec<&str> = l.surfaces().collect();
        s.sort();
        assert_eq!(s.len(), 4);
        l.remap(|t| (t != c).then_some(t));
        assert_eq!(l.surface("lavrov"), None);
    }
}
