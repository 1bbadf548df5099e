//! Prefix and fuzzy lookup over the indexed surface words.
//!
//! Exact lookups go through hash maps (see [`super::Index`]). Prefix and
//! fuzzy lookups need the words in order: [`WordSet`] keeps an FST of all
//! surface words, built on first use after the index changed (sorting and
//! building ~100k words takes tens of milliseconds), so bulk loads pay for
//! it once and exact-only queries never do.

use std::sync::OnceLock;

use fst::automaton::{Automaton, Str};
use fst::{IntoStreamer, Set, Streamer};

/// The sorted set of surface words, rebuilt lazily.
#[derive(Debug, Default)]
pub(crate) struct WordSet {
    built: OnceLock<Set<Vec<u8>>>,
}

impl WordSet {
    /// Forgets the built set (the words changed).
    pub(crate) fn invalidate(&mut self) {
        if self.built.get().is_some() {
            self.built = OnceLock::new();
        }
    }

    /// The set, built from `lexicons` if needed.
    pub(crate) fn get<'a>(&self, words: impl Iterator<Item = &'a str>) -> &Set<Vec<u8>> {
        self.built.get_or_init(|| {
            let mut words: Vec<&str> = words.collect();
            words.sort_unstable();
            words.dedup();
            Set::from_iter(words).unwrap_or_default()
        })
    }

    /// Heap bytes of the built set (0 when not built).
    pub(crate) fn memory_bytes(&self) -> usize {
        self.built.get().map_or(0, |s| s.as_fst().as_bytes().len())
    }
}

fn collect<A: Automaton>(set: &Set<Vec<u8>>, aut: A, cap: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = set.search(aut).into_stream();
    while let Some(k) = stream.next() {
        if let Ok(s) = std::str::from_utf8(k) {
            out.push(s.to_string());
        }
        if out.len() >= cap {
            break;
        }
    }
    out
}

/// Words of `set` starting with `prefix`, in order, at most `cap`.
pub(crate) fn prefix(set: &Set<Vec<u8>>, prefix: &str, cap: usize) -> Vec<String> {
    collect(set, Str::new(prefix).starts_with(), cap)
}

/// Longest word (in bytes) that fuzzy lookup handles.
const MAX_FUZZY_BYTES: usize = 31;

/// A Levenshtein automaton run as a dynamic-programming row per state
/// (distance in bytes; the same as in characters for ASCII). Unlike a
/// precompiled DFA it costs nothing to build, and the FST walk prunes
/// every branch whose row minimum exceeds the distance.
struct EditRow<'a> {
    query: &'a [u8],
    k: u8,
}

impl Automaton for EditRow<'_> {
    /// The DP row, saturated at k + 1 (index 0..=query.len()).
    type State = [u8; MAX_FUZZY_BYTES + 1];

    fn start(&self) -> Self::State {
        let mut row = [0u8; MAX_FUZZY_BYTES + 1];
        for (i, r) in row.iter_mut().enumerate().take(self.query.len() + 1) {
            *r = (i as u8).min(self.k + 1);
        }
        row
    }

    fn is_match(&self, row: &Self::State) -> bool {
        row[self.query.len()] <= self.k
    }

    fn can_match(&self, row: &Self::State) -> bool {
        row[..=self.query.len()].iter().any(|&d| d <= self.k)
    }

    fn accept(&self, row: &Self::State, byte: u8) -> Self::State {
        let cap = self.k + 1;
        let mut next = [0u8; MAX_FUZZY_BYTES + 1];
        next[0] = (row[0] + 1).min(cap);
        for (i, &q) in self.query.iter().enumerate() {
            let sub = row[i] + u8::from(q != byte);
            next[i + 1] = sub.min(row[i + 1] + 1).min(next[i] + 1).min(cap);
        }
        next
    }
}

/// Words of `set` within `distance` edits of `word`, at most `cap`.
pub(crate) fn fuzzy(set: &Set<Vec<u8>>, word: &str, distance: u32, cap: usize) -> Vec<String> {
    if word.len() > MAX_FUZZY_BYTES || distance > 3 {
        return Vec::new();
    }
    collect(
        set,
        EditRow {
            query: word.as_bytes(),
            k: distance as u8,
        },
        cap,
    )
}

/// Levenshtein distance between two words, in characters.
pub(crate) fn edit_distance(a: &str, b: &str) -> u32 {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<u32> = (0..=b.len() as u32).collect();
    let mut cur = vec![0u32; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i as u32 + 1;
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + u32::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("stoltenbrg", "stoltenberg"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("café", "cafe"), 1);
    }

    #[test]
    fn lookups() {
        let ws = WordSet::default();
        let set = ws.get(["nato", "natural", "nation", "lavrov"].into_iter());
        assert_eq!(prefix(set, "nat", 10), ["nation", "nato", "natural"]);
        assert_eq!(fuzzy(set, "lavorv", 2, 10), ["lavrov"]);
        assert_eq!(fuzzy(set, "lavrov", 0, 10), ["lavrov"]);
        assert_eq!(fuzzy(set, "natio", 1, 10), ["nation", "nato"]);
        assert!(fuzzy(set, "lavorv", 1, 10).is_empty());
        assert!(ws.memory_bytes() > 0);
    }
}
