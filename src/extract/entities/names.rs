//! Person names: keys that survive transliteration and initials
//! ([`name_key`]), and the merging of a document's or a corpus's name
//! variants onto one full name ([`merge_names`]).

use std::collections::HashMap;

use super::{Entity, EntityKind};
use crate::extract::gazetteer;
use crate::text::fold_char;

const NAME_PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "van", "von", "der", "le", "la", "al", "bin", "ibn", "du",
];

/// Folded, transliteration-neutral key of one name word: "Sergei" and
/// "Sergey" give "sergey", "Dmitri" and "Dmitry" give "dmitry".
fn name_word_key(w: &str) -> String {
    let mut s = String::new();
    for c in w.chars().filter(|c| c.is_alphanumeric()) {
        fold_char(c, &mut s);
    }
    s = s.to_lowercase();
    for (from, to) in [
        ("iy", "y"),
        ("ii", "y"),
        ("ei", "ey"),
        ("ai", "ay"),
        ("oi", "oy"),
    ] {
        if s.ends_with(from) {
            s.truncate(s.len() - from.len());
            s.push_str(to);
        }
    }
    if s.len() > 3 && s.ends_with('i') && !s.ends_with("ai") {
        s.pop();
        s.push('y');
    }
    s = s.replace("kh", "h").replace("ks", "x");
    s
}

/// A person's name split for matching: given-name keys (initials reduced
/// to their letter), and the surname key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameKey {
    /// Keys of the given names, in order ("s", "v" for "S.V.").
    pub given: Vec<String>,
    /// True when the given names are initials only.
    pub initials: bool,
    /// Keys of the surname words ("le", "drian" for "Le Drian").
    pub surname: Vec<String>,
}

/// Splits a person name into [`NameKey`]; `None` when nothing name-like
/// is left.
/// Generational suffixes after a surname, lower-cased without the dot.
const GENERATIONAL: &[&str] = &["jr", "sr", "ii", "iii", "iv", "jnr", "snr"];

pub fn name_key(name: &str) -> Option<NameKey> {
    // "Y.Stoltenberg" → "Y. Stoltenberg".
    let mut spaced = String::new();
    for (i, c) in name.char_indices() {
        spaced.push(c);
        if c == '.'
            && name[i + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic)
        {
            spaced.push(' ');
        }
    }
    let words: Vec<&str> = spaced
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .filter(|w| {
            let l = w.trim_end_matches('.').to_lowercase();
            !gazetteer::ROLES.contains(&l.as_str())
        })
        .collect();
    // A generational suffix ("Jr.", "III") is no surname: "Harry B.
    // Harris Jr." is a Harris, not one of every "… Jr".
    let mut words = words;
    while words.len() > 1
        && words.last().is_some_and(|w| {
            let l = w.trim_end_matches([',', '.']).to_lowercase();
            GENERATIONAL.contains(&l.as_str())
        })
    {
        words.pop();
    }
    if words.is_empty() {
        return None;
    }
    // Surname: last word, plus preceding particles ("Le Drian").
    let mut k = words.len() - 1;
    while k > 0 && NAME_PARTICLES.contains(&words[k - 1].to_lowercase().as_str()) {
        k -= 1;
    }
    let surname: Vec<String> = words[k..].iter().map(|w| name_word_key(w)).collect();
    let mut given = Vec::new();
    let mut initials = true;
    for w in &words[..k] {
        for part in w.split('.').filter(|p| !p.is_empty()) {
            let is_initial = part.chars().count() == 1;
            initials &= is_initial;
            given.push(name_word_key(part));
        }
    }
    if surname.iter().all(String::is_empty) {
        return None;
    }
    Some(NameKey {
        given,
        initials: initials && k > 0,
        surname,
    })
}

/// Whether person names `a` and `b` can denote one person: one can
/// denote the other ("Lavrov", "S. Lavrov", "Sergei Lavrov" and "Sergey
/// Lavrov"; not "Ivan Lavrov" and "Sergey Lavrov"); names with nothing
/// name-like only when equal, case aside.
pub fn same_person(a: &str, b: &str) -> bool {
    match (name_key(a), name_key(b)) {
        (Some(x), Some(y)) => {
            // A title before the name ("Assistant Attorney-General Mary
            // McCord") is read as given names: the given name next to the
            // surname may decide too.
            let last_given = || {
                x.surname == y.surname && !x.given.is_empty() && x.given.last() == y.given.last()
            };
            x.matches(&y) || y.matches(&x) || last_given()
        }
        _ => a.to_lowercase() == b.to_lowercase(),
    }
}

impl NameKey {
    /// Whether this (possibly partial) name can denote the person with the
    /// full name `full`.
    fn matches(&self, full: &NameKey) -> bool {
        let same_surname = self.surname == full.surname
            || (self.given.is_empty()
                && self.surname.len() == 1
                && (full.surname.contains(&self.surname[0])
                    || full.given.iter().skip(1).any(|g| *g == self.surname[0])));
        if !same_surname {
            return false;
        }
        if self.given.is_empty() || full.given.is_empty() {
            return true;
        }
        if self.initials || full.initials {
            // Initials of names transliterated differently still share the
            // surname; only a clash of full given names separates people.
            return true;
        }
        self.given[0] == full.given[0]
    }

    /// How complete the name is (full given names count more).
    fn weight(&self) -> usize {
        let g = if self.initials {
            0
        } else {
            self.given.len() * 2
        };
        g + self.surname.len()
    }
}

/// Gives every person mention of one document the longest compatible full
/// name as canonical, and gathers roles onto it.
pub(crate) fn canonicalize_people(ents: &mut [Entity]) {
    let keys: Vec<Option<NameKey>> = ents
        .iter()
        .map(|e| {
            if e.kind == EntityKind::Person {
                name_key(&e.text)
            } else {
                None
            }
        })
        .collect();
    let canon = merge_names(
        &ents
            .iter()
            .zip(&keys)
            .filter_map(|(e, k)| k.as_ref().map(|k| (e.text.as_str(), k.clone(), 1usize)))
            .collect::<Vec<_>>(),
    );
    for (e, k) in ents.iter_mut().zip(&keys) {
        if k.is_some() {
            if let Some(c) = canon.get(e.text.as_str()) {
                e.canonical = c.clone();
            }
        }
    }
}

/// Whether a name word (as keyed) is a Russian patronymic
/// ("Vladimirovich", "Sergeyevna").
fn is_patronymic(w: &str) -> bool {
    w.chars().count() > 6
        && ["ovich", "evich", "ovna", "evna", "ichna"]
            .iter()
            .any(|s| w.ends_with(s))
}

/// A distinct name with its key and how often it occurs.
type Counted = (String, NameKey, usize);

/// Clusters person names: each name maps to the best full name it can
/// denote (most complete, then most frequent, then first seen). `names`
/// holds (name, key, count).
pub(crate) fn merge_names(names: &[(&str, NameKey, usize)]) -> HashMap<String, String> {
    let distinct = distinct_names(names);
    let by_word = index_by_word(&distinct);
    let mut out = HashMap::new();
    for (n, k, _) in &distinct {
        out.insert(n.clone(), best_full_name(n, k, &distinct, &by_word));
    }
    resolve_patronymics(&distinct, &mut out);
    settle_spellings(&distinct, &mut out);
    out
}

/// Counts per distinct name, in first-seen order.
fn distinct_names(names: &[(&str, NameKey, usize)]) -> Vec<Counted> {
    let mut distinct: Vec<Counted> = Vec::new();
    let mut slot: HashMap<&str, usize> = HashMap::new();
    for (n, k, c) in names {
        match slot.get(n) {
            Some(&i) => distinct[i].2 += c,
            None => {
                slot.insert(n, distinct.len());
                distinct.push((n.to_string(), k.clone(), *c));
            }
        }
    }
    distinct
}

/// Names by surname word (and middle names, for "Duque" in "Ivan Duque
/// Marquez"), so that matching stays linear in the corpus.
fn index_by_word(distinct: &[Counted]) -> HashMap<&str, Vec<usize>> {
    let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (_, k, _)) in distinct.iter().enumerate() {
        for w in k.surname.iter().chain(k.given.iter().skip(1)) {
            let v = by_word.entry(w.as_str()).or_default();
            if v.last() != Some(&i) {
                v.push(i);
            }
        }
    }
    by_word
}

/// The best full name `n` (keyed `k`) can denote; `n` itself when none
/// fits or when its surname is shared by several different full names.
fn best_full_name(
    n: &str,
    k: &NameKey,
    distinct: &[Counted],
    by_word: &HashMap<&str, Vec<usize>>,
) -> String {
    let mut idx: Vec<usize> = k
        .surname
        .iter()
        .filter_map(|w| by_word.get(w.as_str()))
        .flatten()
        .copied()
        .collect();
    idx.sort_unstable();
    idx.dedup();
    let candidates: Vec<&Counted> = idx
        .into_iter()
        .map(|i| &distinct[i])
        .filter(|d| k.matches(&d.1))
        .collect();
    // A surname shared by several different full names is ambiguous:
    // keep the name as it is.
    let mut firsts: Vec<&String> = candidates
        .iter()
        .filter(|d| !d.1.given.is_empty() && !d.1.initials)
        .filter_map(|d| d.1.given.first())
        .collect();
    firsts.sort();
    firsts.dedup();
    if firsts.len() > 1 && (k.given.is_empty() || k.initials) {
        return n.to_string();
    }
    let mut best: Option<&Counted> = None;
    for c in candidates {
        let better = match best {
            None => true,
            Some(b) => {
                (c.1.weight(), c.2, usize::MAX - c.0.len())
                    > (b.1.weight(), b.2, usize::MAX - b.0.len())
            }
        };
        if better {
            best = Some(c);
        }
    }
    best.map_or_else(|| n.to_string(), |b| b.0.clone())
}

/// "Vladimir Vladimirovich": a given name and a patronymic, the way
/// Russians address each other, is the one full name with that given
/// name (and, when it prints a middle name, that patronymic).
fn resolve_patronymics(distinct: &[Counted], out: &mut HashMap<String, String>) {
    for (n, k, _) in distinct {
        let [given] = k.given.as_slice() else {
            continue;
        };
        let [patronymic] = k.surname.as_slice() else {
            continue;
        };
        if k.initials || !is_patronymic(patronymic) {
            continue;
        }
        let mut fulls: Vec<&String> = distinct
            .iter()
            .filter(|(_, f, _)| {
                !f.initials
                    && f.given.first() == Some(given)
                    && f.given.get(1).is_none_or(|m| m == patronymic)
                    && !f.surname.iter().any(|w| is_patronymic(w))
            })
            .filter_map(|(f, _, _)| out.get(f))
            .collect();
        fulls.sort();
        fulls.dedup();
        if let [one] = fulls.as_slice() {
            let one = (*one).clone();
            out.insert(n.clone(), one);
        }
    }
}

/// Variants of one full name (Sergey/Sergei Lavrov) settle on the most
/// frequent spelling.
fn settle_spellings(distinct: &[Counted], out: &mut HashMap<String, String>) {
    let mut by_key: HashMap<String, (String, usize)> = HashMap::new();
    for (n, k, c) in distinct {
        if k.given.is_empty() || k.initials {
            continue;
        }
        let key = format!("{}|{}", k.given.join(" "), k.surname.join(" "));
        let e = by_key.entry(key).or_insert((n.clone(), 0));
        if *c > e.1 {
            *e = (n.clone(), *c);
        }
    }
    for v in out.values_mut() {
        if let Some(k) = name_key(v) {
            let key = format!("{}|{}", k.given.join(" "), k.surname.join(" "));
            if let Some((best, _)) = by_key.get(&key) {
                *v = best.clone();
            }
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn same_person_reads_spellings_and_titles_not_namesakes() {
        assert!(same_person("Lavrov", "Sergey Lavrov"));
        assert!(same_person("Sergei Lavrov", "Sergey Lavrov"));
        assert!(same_person("S.V. Lavrov", "Sergey Lavrov"));
        assert!(same_person(
            "Mary McCord",
            "Assistant Attorney-General Mary McCord"
        ));
        assert!(!same_person("Ivan Lavrov", "Sergey Lavrov"));
        assert!(!same_person("President", "Chuck Schumer"));
        assert!(!same_person("Mr President", "Chuck Schumer"));
        assert!(same_person("Zhang", "zhang"));
    }
    use super::*;

    #[test]
    fn a_generational_suffix_is_no_surname() {
        let k = name_key("Harry B. Harris Jr.").expect("a key");
        assert_eq!(k.surname, [name_word_key("Harris")]);
        assert_eq!(
            name_key("John D. Rockefeller III").expect("a key").surname,
            [name_word_key("Rockefeller")]
        );
        // Names ending in "Jr" are not one another's.
        let keys: Vec<(&str, NameKey, usize)> = [
            "Harry B. Harris Jr.",
            "Harry Connick Jr",
            "Harris",
            "Connick",
        ]
        .iter()
        .map(|n| (*n, name_key(n).expect("a key"), 1))
        .collect();
        let m = merge_names(&keys);
        assert_eq!(m["Harris"], "Harry B. Harris Jr.");
        assert_eq!(m["Connick"], "Harry Connick Jr");
        assert_eq!(m["Harry Connick Jr"], "Harry Connick Jr");
    }

    #[test]
    fn given_name_and_patronymic_is_the_full_name() {
        let names = ["Vladimir Putin", "Vladimir Vladimirovich", "Sergey Lavrov"];
        let keys: Vec<_> = names
            .iter()
            .map(|n| (*n, name_key(n).unwrap(), 1))
            .collect();
        let m = merge_names(&keys);
        assert_eq!(m["Vladimir Vladimirovich"], "Vladimir Putin");
        // Two Vladimirs: the patronymic alone cannot tell which.
        let names = [
            "Vladimir Putin",
            "Vladimir Zelensky",
            "Vladimir Vladimirovich",
        ];
        let keys: Vec<_> = names
            .iter()
            .map(|n| (*n, name_key(n).unwrap(), 1))
            .collect();
        assert_eq!(
            merge_names(&keys)["Vladimir Vladimirovich"],
            "Vladimir Vladimirovich"
        );
    }

    #[test]
    fn transliteration_and_initials() {
        assert_eq!(name_word_key("Sergei"), name_word_key("Sergey"));
        assert_eq!(name_word_key("Dmitri"), name_word_key("Dmitry"));
        let full = name_key("Sergey Lavrov").unwrap();
        assert!(name_key("S.V. Lavrov").unwrap().matches(&full));
        assert!(name_key("Lavrov").unwrap().matches(&full));
        assert!(name_key("Sergei Lavrov").unwrap().matches(&full));
        assert!(!name_key("Sergey Shoygu").unwrap().matches(&full));
        assert!(name_key("Duque")
            .unwrap()
            .matches(&name_key("Ivan Duque Marquez").unwrap()));
        assert!(name_key("Y.Stoltenberg")
            .unwrap()
            .matches(&name_key("Jens Stoltenberg").unwrap()));
        assert_eq!(name_key("J.I. Le Drian").unwrap().surname, ["le", "drian"]);
    }

    #[test]
    fn merges_longest_full_name() {
        let names = [
            "Lavrov",
            "Sergei Lavrov",
            "Sergey Lavrov",
            "Sergey Lavrov",
            "S.V. Lavrov",
            "Shoygu",
        ];
        let v: Vec<(&str, NameKey, usize)> = names
            .iter()
            .map(|n| (*n, name_key(n).unwrap(), 1))
            .collect();
        let m = merge_names(&v);
        for n in ["Lavrov", "Sergei Lavrov", "S.V. Lavrov"] {
            assert_eq!(m[n], "Sergey Lavrov");
        }
        assert_eq!(m["Shoygu"], "Shoygu");
    }
}
