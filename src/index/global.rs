//! Several indexes searched as one: statistics summed over all of them.
//!
//! A corpus too big for one build is built as shards (one corpus file per
//! shard, and the tab's own corpus next to opened files). Each shard is
//! searched on its own, but scored with the statistics of all shards
//! together, so a document gets the score it would have in one index
//! holding every shard: BM25's count of documents, the average title and
//! body lengths, and each query term's document frequency are sums over
//! the shards.
//!
//! Terms have no names of their own (a term is an id reached through a
//! lexicon), so a term is named across shards by its language and stem
//! ([`Index::term_names`]): the same stem in the same language is the
//! same term in every shard, as it would be in one index. A word with an
//! exact match in any shard is not read as a typo in the shards that lack
//! it ([`Global::words`]), as one index would not.

use rustc_hash::{FxHashMap, FxHashSet};

use super::lexicon::{STEM, SURFACE};
use super::{Index, TermId};

/// The document count and summed field lengths of one index (or of
/// several: they add up).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Live documents.
    pub live: u64,
    /// Summed title lengths, in words.
    pub sum_title: u64,
    /// Summed body lengths, in words.
    pub sum_body: u64,
}

impl std::ops::AddAssign for Totals {
    fn add_assign(&mut self, o: Totals) {
        self.live += o.live;
        self.sum_title += o.sum_title;
        self.sum_body += o.sum_body;
    }
}

/// A term's name across indexes: its language and stem.
pub type TermName = (Box<str>, Box<str>);

/// What one shard's index uses in place of its own statistics.
#[derive(Debug, Clone, Default)]
pub struct Global {
    /// All shards' totals.
    pub totals: Totals,
    /// This shard's terms with their document frequency in all shards.
    pub df: FxHashMap<TermId, u32>,
    /// Normalized query words with an exact match in some shard.
    pub words: FxHashSet<Box<str>>,
}

impl Index {
    /// This index's document count and summed field lengths.
    pub fn totals(&self) -> Totals {
        Totals {
            live: self.live as u64,
            sum_title: self.sum_title,
            sum_body: self.sum_body,
        }
    }

    /// Scores with `global`'s statistics from now on (`None`: its own).
    pub fn set_global(&mut self, global: Option<Global>) {
        self.global = global.map(Box::new);
    }

    /// The names of `terms` (those found: a term of a partial index whose
    /// dictionary entries are not loaded has none).
    pub fn term_names(&self, terms: &[TermId]) -> Vec<(TermId, TermName)> {
        let wanted: FxHashSet<TermId> = terms.iter().copied().collect();
        let mut names: FxHashMap<TermId, TermName> = FxHashMap::default();
        for lex in &self.lexicons {
            for (s, v) in lex.entries() {
                let t = v & !(STEM | SURFACE);
                if !wanted.contains(&t) {
                    continue;
                }
                if v & STEM != 0 {
                    names.insert(t, (lex.lang.clone(), s.into()));
                } else {
                    // A surface word maps to its stem's term.
                    names
                        .entry(t)
                        .or_insert_with(|| (lex.lang.clone(), lex.analyzer.stem(s).into()));
                }
            }
        }
        let mut out: Vec<(TermId, TermName)> = names.into_iter().collect();
        out.sort_unstable_by_key(|e| e.0);
        out
    }

    /// Whether `normalized` has an exact match in another shard.
    pub(crate) fn known_elsewhere(&self, normalized: &str) -> bool {
        self.global
            .as_ref()
            .is_some_and(|g| g.words.contains(normalized))
    }
}

/// What one shard tells the others about a query: its totals, the terms
/// the query reads there (named, with their document frequency there)
/// and the query words with an exact match there.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// The shard's totals.
    pub totals: Totals,
    /// (term id in the shard, name, document frequency in the shard).
    pub terms: Vec<(TermId, TermName, u32)>,
    /// Normalized words with an exact match.
    pub words: Vec<String>,
}

impl Index {
    /// The [`Vocabulary`] of a query that reads `terms` and finds `words`.
    pub(crate) fn vocabulary(&self, terms: &[TermId], words: Vec<String>) -> Vocabulary {
        Vocabulary {
            totals: self.totals(),
            terms: self
                .term_names(terms)
                .into_iter()
                .map(|(t, name)| (t, name, self.live_df(t)))
                .collect(),
            words,
        }
    }
}

/// Each shard's [`Global`], from every shard's [`Vocabulary`] of one
/// query (in the same order).
pub fn globals(shards: &[Vocabulary]) -> Vec<Global> {
    let mut totals = Totals::default();
    let mut df: FxHashMap<&TermName, u32> = FxHashMap::default();
    let mut words: FxHashSet<Box<str>> = FxHashSet::default();
    for v in shards {
        totals += v.totals;
        for (_, name, d) in &v.terms {
            *df.entry(name).or_insert(0) += d;
        }
        words.extend(v.words.iter().map(|w| Box::from(w.as_str())));
    }
    shards
        .iter()
        .map(|v| Global {
            totals,
            df: v
                .terms
                .iter()
                .map(|(t, name, d)| (*t, df.get(name).copied().unwrap_or(*d)))
                .collect(),
            words: words.clone(),
        })
        .collect()
}
