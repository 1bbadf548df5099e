//! Names that stand for one person across documents.
//!
//! Each document is indexed with the names it gives ("Sergei Lavrov" in
//! one, "Sergey Lavrov" or "S.V. Lavrov" in another); the extractors merge
//! them corpus-wide afterwards ([`crate::extract::person_names`]). Search
//! reads that merge here, so that the speaker and person facets show each
//! person once, and a filter on one spelling finds every document that
//! uses another.

use rustc_hash::FxHashMap;

use crate::index::keyword_tokens;

/// Names compare by their indexed words: "S.V. Lavrov" and "s v lavrov"
/// (how a filter's words arrive) are one key.
fn key(name: &str) -> String {
    keyword_tokens(name).join(" ")
}

/// A map from every spelling of a name to its canonical form, and back.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    /// Spelling's [`key`] → canonical name.
    canonical: FxHashMap<String, String>,
    /// Canonical name's [`key`] → every spelling (the canonical included).
    spellings: FxHashMap<String, Vec<String>>,
}

impl Aliases {
    /// Builds the map from `(spelling, canonical)` pairs. A name with no
    /// other spelling needs no entry (its canonical form is itself), so a
    /// pair that only names itself is skipped.
    pub(crate) fn new<I: IntoIterator<Item = (String, String)>>(pairs: I) -> Aliases {
        let mut a = Aliases::default();
        // In a fixed order: where a name is both one person's spelling and
        // another's canonical form, the map (and so the people view, and a
        // corpus file built from the same input) must not depend on the
        // order the pairs came in (a hash map's).
        let mut pairs: Vec<(String, String)> = pairs.into_iter().collect();
        pairs.sort_unstable();
        for (spelling, canonical) in pairs.into_iter().filter(|(s, c)| s != c) {
            let k = key(&canonical);
            let list = a.spellings.entry(k).or_default();
            for s in [&canonical, &spelling] {
                if !list.contains(s) {
                    list.push(s.clone());
                }
            }
            a.canonical.insert(key(&spelling), canonical.clone());
            a.canonical.insert(key(&canonical), canonical);
        }
        a
    }

    /// `(spelling, canonical)` pairs that [`Aliases::new`] rebuilds this
    /// map from (for a corpus file).
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut keys: Vec<&String> = self.spellings.keys().collect();
        keys.sort();
        for k in keys {
            let list = &self.spellings[k];
            let Some(canonical) = list.first() else {
                continue;
            };
            // The canonical form's own pair is implied by the others.
            for s in list.iter().skip(1) {
                out.push((s.clone(), canonical.clone()));
            }
        }
        out
    }

    /// The canonical form of `name` (itself when it has no other).
    pub(crate) fn canonical<'a>(&'a self, name: &'a str) -> &'a str {
        self.canonical.get(&key(name)).map_or(name, String::as_str)
    }

    /// Every spelling of the person `name` stands for, or `None` when the
    /// name has no other spelling in the corpus.
    pub(crate) fn spellings(&self, name: &str) -> Option<&[String]> {
        let c = self.canonical.get(&key(name))?;
        self.spellings
            .get(&key(c))
            .map(Vec::as_slice)
            .filter(|s| s.len() > 1)
    }

    /// Whether the map holds no name at all.
    pub(crate) fn is_empty(&self) -> bool {
        self.canonical.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name that is one pair's spelling and another's canonical form
    /// (as a hash map's pairs come, in any order): the same map whatever
    /// the order.
    #[test]
    fn the_order_of_the_pairs_does_not_matter() {
        let pairs = [
            ("Harris", "Harry B. Harris"),
            ("Harry B. Harris", "Harry Harris"),
            ("H. Harris", "Harry Harris"),
            ("Harry Harris", "Harry B. Harris"),
        ];
        let owned = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        let first = Aliases::new(owned(&pairs));
        let mut reversed = pairs;
        reversed.reverse();
        let second = Aliases::new(owned(&reversed));
        assert_eq!(first.pairs(), second.pairs());
        for n in ["Harris", "H. Harris", "Harry Harris", "Harry B. Harris"] {
            assert_eq!(first.canonical(n), second.canonical(n), "{n}");
        }
    }

    #[test]
    fn spellings_meet_at_the_canonical_name() {
        let a = Aliases::new([
            ("Sergei Lavrov".to_string(), "Sergey Lavrov".to_string()),
            ("S.V. Lavrov".to_string(), "Sergey Lavrov".to_string()),
            (
                "Jens Stoltenberg".to_string(),
                "Jens Stoltenberg".to_string(),
            ),
        ]);
        assert_eq!(a.canonical("sergei lavrov"), "Sergey Lavrov");
        assert_eq!(a.canonical("Nobody"), "Nobody");
        assert_eq!(a.spellings("S.V. Lavrov").unwrap().len(), 3);
        assert_eq!(a.spellings("s.v. LAVROV").unwrap().len(), 3);
        assert!(a.spellings("Jens Stoltenberg").is_none());
    }
}
