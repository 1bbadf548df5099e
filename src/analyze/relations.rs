//! Word relations for statement alignment: WordNet synonyms and direct
//! hypernyms (`models/relations.txt`, derived by `tools/relations.py`),
//! keyed by the stems the alignment compares.
//!
//! A rewrite swaps words for related ones ("Moscow will pursue getting
//! answers" / "Moscow will continue to search for answers", "our
//! possibilities are not exhausted" / "chances are far from exhausted").
//! Between documents whose context already relates them (see
//! `align::context_links`), a word of one passage then counts as the
//! related word of the other. Nowhere else: on its own, a shared synset is
//! weak evidence (as a feature of the paraphrase scorer it lowered MSRP
//! accuracy, see BENCHMARKS.md).
//!
//! The table is data, not code: the CLI carries it, the wasm gets it as a
//! data file loaded on first use ([`load`], `pkg/relations.txt`), as it
//! gets the entity model. Without it nothing is related.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::text::{normalize, Analyzer};

/// The table as the CLI carries it.
#[cfg(not(target_arch = "wasm32"))]
const TABLE: &str = include_str!("../../models/relations.txt");

/// Stems and the stems related to each, both ways.
#[derive(Debug, Default)]
pub struct Relations {
    ids: FxHashMap<Box<str>, u32>,
    stems: Vec<Box<str>>,
    related: Vec<Vec<u32>>,
}

impl Relations {
    /// Reads a table: `#` comment lines, then `word related related ...`
    /// per line. Each word is folded and stemmed as the alignment's words
    /// are; a relation holds both ways; words with the same stem are not
    /// related to each other (they already match).
    pub fn parse(text: &str) -> Relations {
        let analyzer = Analyzer::english();
        let mut r = Relations::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut words = line.split_whitespace();
            let Some(head) = words.next() else {
                continue;
            };
            let a = r.id(&analyzer.stem(&normalize(head)));
            for w in words {
                let b = r.id(&analyzer.stem(&normalize(w)));
                if a != b {
                    r.related[a as usize].push(b);
                    r.related[b as usize].push(a);
                }
            }
        }
        for list in &mut r.related {
            list.sort_unstable();
            list.dedup();
        }
        r
    }

    fn id(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.ids.get(stem) {
            return id;
        }
        let id = self.stems.len() as u32;
        self.ids.insert(stem.into(), id);
        self.stems.push(stem.into());
        self.related.push(Vec::new());
        id
    }

    /// The stems related to `stem` (a stem of the shared analysis chain).
    pub fn related(&self, stem: &str) -> impl Iterator<Item = &str> + '_ {
        self.ids
            .get(stem)
            .map_or(&[][..], |&id| &self.related[id as usize])
            .iter()
            .map(|&i| &*self.stems[i as usize])
    }

    /// How many stems have a relation.
    pub fn len(&self) -> usize {
        self.related.iter().filter(|r| !r.is_empty()).count()
    }

    /// Whether no stem has a relation (asked at every alignment: stops at
    /// the first stem that has one).
    pub fn is_empty(&self) -> bool {
        self.related.iter().all(Vec::is_empty)
    }
}

static TABLE_READ: OnceLock<Relations> = OnceLock::new();

/// The table's text as [`load`] was given it (the wasm's).
static LOADED: OnceLock<String> = OnceLock::new();

/// The shipped table, read on first use: the CLI's own, in the wasm the
/// one [`load`] was given (empty before).
pub fn shipped() -> &'static Relations {
    #[cfg(not(target_arch = "wasm32"))]
    let text = Some(TABLE);
    #[cfg(target_arch = "wasm32")]
    let text = LOADED.get().map(String::as_str);
    match text {
        Some(t) => TABLE_READ.get_or_init(|| Relations::parse(t)),
        None => {
            static EMPTY: OnceLock<Relations> = OnceLock::new();
            EMPTY.get_or_init(Relations::default)
        }
    }
}

/// Hands over the shipped table as `bytes` (the contents of
/// `models/relations.txt`), the wasm's way to get it; it is read on first
/// use (150 ms in the wasm: not while the page starts). Loading it again
/// changes nothing. Fails when `bytes` is not such a table.
pub fn load(bytes: &[u8]) -> crate::error::Result<()> {
    let text = std::str::from_utf8(bytes)
        .ok()
        .filter(|t| t.starts_with("# Lede word-relation table"))
        .ok_or_else(|| crate::error::Error::BadIndex {
            message: "relations.txt: not a word-relation table".into(),
        })?;
    let _ = LOADED.set(text.to_string());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_relates_rewrites_words_both_ways() {
        let r = shipped();
        assert!(r.len() > 10_000, "{}", r.len());
        let stem = |w: &str| Analyzer::english().stem(&normalize(w));
        let related = |a: &str, b: &str| r.related(&stem(a)).any(|s| s == stem(b));
        // A hypernym, both ways; a synonym; inflections share the stem.
        assert!(related("pursue", "search") && related("search", "pursued"));
        assert!(related("chances", "possibilities"));
        assert!(related("finished", "over") || related("finished", "complete"));
        assert!(!related("pursue", "pursuing"));
        assert!(!related("chance", "parliament"));
    }

    #[test]
    fn a_table_is_read_from_its_lines() {
        let r = Relations::parse("# Lede word-relation table\nbig large great\nlarge largely\n");
        let mut big: Vec<&str> = r.related("big").collect();
        big.sort_unstable();
        assert_eq!(big, ["great", "larg"]);
        assert_eq!(r.related("larg").collect::<Vec<_>>(), ["big"]);
        assert!(load(b"not a table").is_err());
    }
}
