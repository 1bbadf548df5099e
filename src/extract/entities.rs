//! Named entities (persons, organizations, places, misc) and their
//! canonical names.
//!
//! Sentences are cut by [`crate::text::split_sentences`], words come from
//! the shared [`crate::text::tokenize`] (plus punctuation tokens), the
//! [`super::ner`] tagger labels them, and gazetteers fix the kind and the
//! canonical name of known countries and organizations. Person names are
//! merged within a document here ([`canonicalize_people`]): the longest
//! full name wins, surname-only and initialled mentions ("Lavrov", "S.V.
//! Lavrov") attach to it, transliteration variants ("Sergei"/"Sergey")
//! share one key. Across documents, [`super::canonicalize`] does the same
//! over every document's mentions.

use std::collections::HashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::gazetteer;
use super::ner;
use unicode_segmentation::UnicodeSegmentation;

use crate::text::fold_char;

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, government body, party, alliance, outlet...
    Organization,
    /// A country, city, region...
    Place,
    /// Nationalities, events, laws and other names.
    Misc,
}

impl EntityKind {
    /// The lowercase name used in JSON ("person", "organization", "place",
    /// "misc").
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Misc => "misc",
        }
    }
}

/// One mention of a named entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Byte offset of the mention in the text.
    pub start: usize,
    /// Byte offset one past the mention.
    pub end: usize,
    /// The mention as written.
    pub text: String,
    /// Its kind.
    pub kind: EntityKind,
    /// The canonical name ("Sergey Lavrov" for "S.V. Lavrov").
    pub canonical: String,
    /// Titles and role nouns printed with the mention ("foreign minister",
    /// "minister", "russian"), lowercase; persons only.
    pub roles: Vec<String>,
}

/// A token of a sentence: byte range in the text.
pub(crate) type Tok = Range<usize>;

/// Words and punctuation of `text[range]`, as byte ranges of `text`.
/// Dotted abbreviations keep their final period ("U.S.", "E."), and a
/// possessive "’s" is its own token.
pub(crate) fn tokens(text: &str, range: Range<usize>) -> Vec<Tok> {
    let slice = &text[range.clone()];
    let base = range.start;
    let mut out: Vec<Tok> = Vec::new();
    let mut last = 0;
    let push_punct = |out: &mut Vec<Tok>, from: usize, to: usize| {
        for (i, c) in slice[from..to].char_indices() {
            if !c.is_whitespace() {
                out.push(base + from + i..base + from + i + c.len_utf8());
            }
        }
    };
    // The words of the shared analysis chain (UAX #29 segmentation, as in
    // `crate::text::tokenize`), without its normalization: only offsets
    // are needed here.
    let words = slice
        .split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric));
    for (ws, w) in words {
        let (mut s, mut e) = (ws, ws + w.len());
        if s < last {
            continue;
        }
        push_punct(&mut out, last, s);
        let word = &slice[s..e];
        // Possessive.
        for pos in ["’s", "'s", "’S", "'S"] {
            if word.len() > pos.len() + 1 && word.ends_with(pos) {
                let cut = e - pos.len();
                out.push(base + s..base + cut);
                s = cut;
                break;
            }
        }
        // Dotted abbreviations and initials keep their period.
        let w = &slice[s..e];
        let initial = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
        let title = matches!(
            w,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "Sen"
                | "Rep"
                | "Gov"
                | "Gen"
                | "Lt"
                | "Col"
                | "Jr"
                | "Sr"
                | "St"
                | "Prof"
                | "Rev"
                | "Sgt"
                | "Capt"
                | "Adm"
                | "Maj"
                | "Mt"
                | "Ft"
        );
        if (w.contains('.') || initial || title) && slice[e..].starts_with('.') {
            e += 1;
        }
        out.push(base + s..base + e);
        last = e;
    }
    push_punct(&mut out, last, slice.len());
    out
}

const NAME_PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "van", "von", "der", "le", "la", "al", "bin", "ibn", "du",
];

/// Folded, transliteration-neutral key of one name word: "Sergei" and
/// "Sergey" give "sergey", "Dmitri" and "Dmitry" give "dmitry".
pub fn name_word_key(w: &str) -> String {
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

impl NameKey {
    /// Whether this (possibly partial) name can denote the person with the
    /// full name `full`.
    pub fn matches(&self, full: &NameKey) -> bool {
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
    pub fn weight(&self) -> usize {
        let g = if self.initials {
            0
        } else {
            self.given.len() * 2
        };
        g + self.surname.len()
    }
}

/// Roles printed before a name ("Russian Foreign Minister Sergey Lavrov",
/// "the Kremlin spokesman, Dmitri Peskov"), lowercase, with the implied
/// roles added ("foreign minister" implies "diplomat").
pub(crate) fn roles_before(text: &str, toks: &[Tok], first: usize) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut j = first;
    let mut seen_comma = false;
    while j > 0 && words.len() < 6 {
        j -= 1;
        let w = &text[toks[j].clone()];
        if w == "," && !seen_comma && words.is_empty() {
            seen_comma = true;
            continue;
        }
        let l = w.to_lowercase();
        let lt = l.trim_end_matches('.');
        let is_role = gazetteer::ROLES.contains(&lt);
        let is_mod = gazetteer::DEMONYMS.contains(&w)
            || gazetteer::canonical_of(w).is_some()
            || matches!(
                lt,
                "foreign"
                    | "defense"
                    | "defence"
                    | "top"
                    | "chief"
                    | "deputy"
                    | "general"
                    | "former"
                    | "state"
                    | "kremlin"
                    | "national"
                    | "security"
                    | "press"
                    | "prime"
                    | "vice"
                    | "senior"
                    | "affairs"
                    | "'s"
                    | "’s"
            )
            || (w.chars().next().is_some_and(char::is_uppercase)
                && w.len() > 1
                && !words.is_empty()
                && is_role);
        if is_role || is_mod || lt == "of" && !words.is_empty() {
            words.push(lt.to_string());
        } else {
            break;
        }
    }
    words.reverse();
    expand_roles(&words)
}

/// Roles of a role-noun phrase ("russia's top diplomat" → top diplomat,
/// diplomat, russian).
pub(crate) fn expand_roles(words: &[String]) -> Vec<String> {
    let mut roles: Vec<String> = Vec::new();
    fn push(roles: &mut Vec<String>, r: &str) {
        if !roles.iter().any(|x| x == r) {
            roles.push(r.to_string());
        }
    }
    for (i, w) in words.iter().enumerate() {
        if gazetteer::ROLES.contains(&w.as_str())
            && !matches!(w.as_str(), "mr" | "mrs" | "ms" | "dr")
        {
            push(&mut roles, w);
            if i > 0 {
                let pair = format!("{} {}", words[i - 1], w);
                push(&mut roles, &pair);
            }
        }
        if let Some(c) = nationality(w) {
            push(&mut roles, &c);
        }
    }
    let has = |r: &[&str], roles: &[String]| roles.iter().any(|x| r.contains(&x.as_str()));
    if has(
        &[
            "foreign minister",
            "secretary of state",
            "ambassador",
            "envoy",
            "top diplomat",
            "chief diplomat",
            "affairs minister",
        ],
        &roles,
    ) || (has(&["minister"], &roles) && words.iter().any(|w| w == "foreign" || w == "affairs"))
        || (has(&["secretary"], &roles) && words.iter().any(|w| w == "state"))
    {
        push(&mut roles, "diplomat");
        push(&mut roles, "foreign minister");
    }
    if has(&["spokeswoman", "spokesperson", "press secretary"], &roles) {
        push(&mut roles, "spokesman");
    }
    if has(&["secretary-general", "secretary general"], &roles) {
        push(&mut roles, "secretary general");
        push(&mut roles, "chief");
        push(&mut roles, "head");
    }
    if has(
        &[
            "president",
            "prime minister",
            "premier",
            "chancellor",
            "king",
        ],
        &roles,
    ) {
        push(&mut roles, "leader");
        push(&mut roles, "head");
    }
    roles
}

/// "russian", "russia", "russia's" → "russia" (the country key).
pub(crate) fn nationality(w: &str) -> Option<String> {
    let w = w.trim_end_matches("'s").trim_end_matches("’s");
    let cap: String = w
        .char_indices()
        .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
        .collect();
    if let Some((canon, true)) = gazetteer::canonical_of(&cap) {
        if !gazetteer::is_capital(&cap) {
            return Some(canon.to_lowercase());
        }
    }
    if gazetteer::DEMONYMS.contains(&cap.as_str()) {
        // Map a demonym to its country by shared stem ("Russian" → "russia").
        let l = cap.to_lowercase();
        for (canon, _) in gazetteer::COUNTRIES {
            let c = canon.to_lowercase();
            let n = c.len().min(l.len()).min(5);
            if n >= 4 && c[..n] == l[..n] {
                return Some(c);
            }
        }
        if matches!(l.as_str(), "kremlin") {
            return Some("russia".into());
        }
    }
    if w.eq_ignore_ascii_case("kremlin") {
        return Some("russia".into());
    }
    None
}

fn kind_of(t: u8) -> EntityKind {
    match t {
        0 => EntityKind::Person,
        1 => EntityKind::Organization,
        2 => EntityKind::Place,
        _ => EntityKind::Misc,
    }
}

/// Words after which a capital is a place, not its government.
const PLACE_PREPS: &[&str] = &[
    "in", "at", "near", "into", "outside", "around", "across", "visit", "visited", "visiting",
];

/// Finds the named entities of `text`, in order, with in-document
/// canonical names (see [`canonicalize_people`]).
pub fn find_entities(text: &str, sentences: &[Range<usize>]) -> Vec<Entity> {
    let model = ner::Model::shipped();
    let mut out: Vec<Entity> = Vec::new();
    let mut known_orgs: Vec<&'static str> = Vec::new();
    let mut headline: Vec<usize> = Vec::new();
    for s in sentences {
        let toks = tokens(text, s.clone());
        if toks.is_empty() {
            continue;
        }
        let words: Vec<&str> = toks.iter().map(|t| &text[t.clone()]).collect();
        let mut tags = model.tag(&words);
        gazetteer_spans(&words, &mut tags);
        let titled = title_cased(&words);
        for (a, b, k) in ner::train::spans(&tags) {
            // Trim leading/trailing punctuation and titles.
            let (mut a, mut b) = (a, b);
            while a < b && !words[a].chars().any(char::is_alphanumeric) {
                a += 1;
            }
            while a < b
                && (!words[b - 1].chars().any(char::is_alphanumeric)
                    || words[b - 1].chars().next().is_some_and(char::is_lowercase))
            {
                b -= 1;
            }
            // Capitalized function words at a sentence start ("Then").
            while a < b
                && crate::text::is_stopword(&words[a].to_lowercase())
                && gazetteer::canonical_of(words[a]).is_none()
            {
                a += 1;
            }
            let mut kind = kind_of(k);
            if kind == EntityKind::Person {
                while a + 1 < b
                    && gazetteer::ROLES
                        .contains(&words[a].trim_end_matches('.').to_lowercase().as_str())
                {
                    a += 1;
                }
            }
            if a >= b {
                continue;
            }
            let start = toks[a].start;
            let end = toks[b - 1].end;
            let mention = &text[start..end];
            let first = mention.chars().next().unwrap_or(' ');
            if !first.is_uppercase() && !first.is_ascii_digit() {
                continue;
            }
            let acronym = mention.len() > 1 && !mention.chars().any(char::is_lowercase);
            if b - a == 1
                && !acronym
                && gazetteer::NEVER_ENTITIES.contains(&mention.to_lowercase().as_str())
            {
                continue;
            }
            let mut canonical = mention.to_string();
            if let Some((canon, is_country)) = gazetteer::canonical_of(mention) {
                let prev = if a > 0 {
                    words[a - 1].to_lowercase()
                } else {
                    String::new()
                };
                if gazetteer::is_capital(mention) && PLACE_PREPS.contains(&prev.as_str()) {
                    kind = EntityKind::Place;
                } else if is_country {
                    // A country, or its capital standing for its government.
                    canonical = canon.to_string();
                    kind = EntityKind::Place;
                } else {
                    canonical = canon.to_string();
                    kind = EntityKind::Organization;
                    known_orgs.push(canon);
                }
            } else if kind == EntityKind::Person && gazetteer::DEMONYMS.contains(&mention) {
                kind = EntityKind::Misc;
            } else if b - a > 1 && GEO_HEADS.contains(&words[b - 1]) {
                kind = EntityKind::Place;
            }
            let roles = if kind == EntityKind::Person {
                roles_before(text, &toks, a)
            } else {
                Vec::new()
            };
            if titled && gazetteer::canonical_of(mention).is_none() {
                // Headline case makes every word look like a name: keep
                // the mention only if the body names it too (checked below).
                headline.push(out.len());
            }
            out.push(Entity {
                start,
                end,
                text: mention.to_string(),
                kind,
                canonical,
                roles,
            });
        }
    }
    // Headline mentions stand only when a body mention shares a word.
    if !headline.is_empty() {
        let body: Vec<String> = out
            .iter()
            .enumerate()
            .filter(|(i, _)| !headline.contains(i))
            .flat_map(|(_, e)| {
                e.text
                    .split_whitespace()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut k = 0;
        out.retain(|e| {
            let keep = !headline.contains(&k)
                || e.text
                    .split_whitespace()
                    .any(|w| body.iter().any(|b| b == w));
            k += 1;
            keep
        });
    }
    unify_person_kinds(&mut out);
    add_definite_aliases(text, &known_orgs, &mut out);
    canonicalize_people(&mut out);
    out
}

/// Tags gazetteer names the model left out ("US" in "from the US and
/// NATO"): the longest country or organization name starting at each
/// untagged word.
fn gazetteer_spans(words: &[&str], tags: &mut [u8]) {
    // In an all-caps headline "WHO" and "US" are words, not acronyms.
    let alpha: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let shouting = alpha.len() > 2
        && alpha
            .iter()
            .filter(|w| !w.chars().any(char::is_lowercase))
            .count()
            * 2
            > alpha.len();
    let mut i = 0;
    while i < words.len() {
        if !words[i].chars().next().is_some_and(char::is_uppercase) {
            i += 1;
            continue;
        }
        let mut hit = 0;
        for len in (1..=8.min(words.len() - i)).rev() {
            // A known multi-word name wins over the tagger's cut; a single
            // word only fills a gap.
            if len == 1 && (tags[i] != 0 || shouting) {
                continue;
            }
            let phrase = words[i..i + len].join(" ");
            if let Some((_, is_country)) = gazetteer::canonical_of(&phrase) {
                let b = if is_country { 5 } else { 3 };
                tags[i] = b;
                for t in &mut tags[i + 1..i + len] {
                    *t = b + 1;
                }
                // A tag continuing past the name starts a new entity.
                if let Some(t) = tags.get_mut(i + len) {
                    if *t != 0 && *t % 2 == 0 {
                        *t -= 1;
                    }
                }
                hit = len;
                break;
            }
        }
        i += hit.max(1);
    }
}

/// Last words of place names that taggers read as persons ("Urup
/// Island").
const GEO_HEADS: &[&str] = &[
    "Island",
    "Islands",
    "Ridge",
    "River",
    "Sea",
    "Mountains",
    "Mountain",
    "Lake",
    "Bay",
    "Strait",
    "Peninsula",
    "Gulf",
    "Ocean",
    "Valley",
    "Coast",
    "Desert",
    "Canal",
    "Region",
    "Province",
    "County",
    "Street",
    "Square",
    "Avenue",
    "Airport",
];

/// Whether the sentence is title-cased (a headline or a menu line): most
/// of its longer words capitalized.
fn title_cased(words: &[&str]) -> bool {
    let long: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().count() > 3 && w.chars().all(char::is_alphabetic))
        .collect();
    long.len() >= 2
        && long
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count()
            * 10
            >= long.len() * 8
}

/// Capitalized words that open lines and letters but are no names.
const NOT_NAMES: &[&str] = &[
    "Dear",
    "Yes",
    "No",
    "Credit",
    "Share",
    "Related",
    "Source",
    "Photo",
    "Read",
    "See",
    "Please",
    "Thanks",
    "Thank",
    "Comments",
    "Reply",
    "Posts",
    "Advertisement",
    "Update",
];

/// One name, one kind: a word that is part of a person's name elsewhere in
/// the document is that person ("Putin" tagged as a place once), and
/// salutations are dropped.
fn unify_person_kinds(out: &mut Vec<Entity>) {
    out.retain(|e| !NOT_NAMES.contains(&e.text.as_str()));
    for e in out.iter_mut() {
        if let Some(rest) = e.text.strip_prefix("Dear ").map(str::to_string) {
            if e.kind == EntityKind::Person {
                e.start += 5;
                e.canonical = rest.clone();
                e.text = rest;
            }
        }
    }
    let person_words: Vec<String> = out
        .iter()
        .filter(|e| e.kind == EntityKind::Person && e.text.contains(' '))
        .flat_map(|e| {
            e.text
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let persons: Vec<String> = out
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| e.text.clone())
        .collect();
    for e in out.iter_mut() {
        if e.kind != EntityKind::Person
            && gazetteer::canonical_of(&e.text).is_none()
            && (persons.contains(&e.text)
                || (!e.text.contains(' ') && person_words.contains(&e.text)))
        {
            e.kind = EntityKind::Person;
            e.canonical = e.text.clone();
        }
    }
}

/// Adds lowercase definite aliases ("the alliance" for NATO) when their
/// organization is named elsewhere in the document.
fn add_definite_aliases(text: &str, known: &[&'static str], out: &mut Vec<Entity>) {
    for (canon, aliases) in gazetteer::ORGANIZATIONS {
        if !known.contains(canon) {
            continue;
        }
        for alias in aliases.iter().filter(|a| a.starts_with("the ")) {
            let noun = &alias[4..];
            let mut from = 0;
            while let Some(p) = text[from..].find(noun) {
                let s = from + p;
                let e = s + noun.len();
                from = e;
                let before_ok = text[..s].ends_with("the ") || text[..s].ends_with("The ");
                let after_ok = !text[e..].chars().next().is_some_and(char::is_alphanumeric);
                let free = !out.iter().any(|x| x.start < e && s < x.end);
                if before_ok && after_ok && free {
                    out.push(Entity {
                        start: s - 4,
                        end: e,
                        text: text[s - 4..e].to_string(),
                        kind: EntityKind::Organization,
                        canonical: canon.to_string(),
                        roles: Vec::new(),
                    });
                }
            }
        }
    }
    out.sort_by_key(|e| (e.start, e.end));
}

/// Gives every person mention of one document the longest compatible full
/// name as canonical, and gathers roles onto it.
pub fn canonicalize_people(ents: &mut [Entity]) {
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

/// Clusters person names: each name maps to the best full name it can
/// denote (most complete, then most frequent, then first seen). `names`
/// holds (name, key, count).
pub fn merge_names(names: &[(&str, NameKey, usize)]) -> HashMap<String, String> {
    // Aggregate counts per distinct name, keep first-seen order.
    let mut distinct: Vec<(String, NameKey, usize)> = Vec::new();
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
    // Names by surname word (and middle names, for "Duque" in "Ivan
    // Duque Marquez"), so that matching stays linear in the corpus.
    let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (_, k, _)) in distinct.iter().enumerate() {
        for w in k.surname.iter().chain(k.given.iter().skip(1)) {
            let v = by_word.entry(w.as_str()).or_default();
            if v.last() != Some(&i) {
                v.push(i);
            }
        }
    }
    let mut out = HashMap::new();
    for (n, k, _) in &distinct {
        let mut best: Option<&(String, NameKey, usize)> = None;
        let mut idx: Vec<usize> = k
            .surname
            .iter()
            .filter_map(|w| by_word.get(w.as_str()))
            .flatten()
            .copied()
            .collect();
        idx.sort_unstable();
        idx.dedup();
        let candidates: Vec<&(String, NameKey, usize)> = idx
            .into_iter()
            .map(|i| &distinct[i])
            .filter(|d| k.matches(&d.1))
            .collect();
        // A surname shared by several different full names is ambiguous:
        // keep the name as it is.
        let fulls: Vec<&&(String, NameKey, usize)> = candidates
            .iter()
            .filter(|d| !d.1.given.is_empty() && !d.1.initials)
            .collect();
        let distinct_firsts = {
            let mut f: Vec<&String> = fulls.iter().filter_map(|d| d.1.given.first()).collect();
            f.sort();
            f.dedup();
            f.len()
        };
        if distinct_firsts > 1 && (k.given.is_empty() || k.initials) {
            out.insert(n.clone(), n.clone());
            continue;
        }
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
        let chosen = best.map_or_else(|| n.clone(), |b| b.0.clone());
        out.insert(n.clone(), chosen);
    }
    // "Vladimir Vladimirovich": a given name and a patronymic, the way
    // Russians address each other, is the one full name with that given
    // name (and, when it prints a middle name, that patronymic).
    for (n, k, _) in &distinct {
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
    // Variants of one full name (Sergey/Sergei Lavrov) settle on the most
    // frequent spelling.
    let mut by_key: HashMap<String, (String, usize)> = HashMap::new();
    for (n, k, c) in &distinct {
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
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn tokens_keep_abbreviations() {
        let t = "The U.S. and Russia’s E. Macron.";
        let w: Vec<&str> = tokens(t, 0..t.len()).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            w,
            ["The", "U.S.", "and", "Russia", "’s", "E.", "Macron", "."]
        );
    }

    #[test]
    fn entities_with_canonicals() {
        let t = "Russian Foreign Minister Sergey Lavrov met US officials. Lavrov said he was ready. The U.S. State Department and the United States agreed.";
        let s = crate::text::split_sentences(t);
        let e = find_entities(t, &s);
        let lavrov: Vec<&Entity> = e.iter().filter(|x| x.text.contains("Lavrov")).collect();
        assert_eq!(lavrov.len(), 2);
        assert!(lavrov
            .iter()
            .all(|x| x.canonical == "Sergey Lavrov" && x.kind == EntityKind::Person));
        assert!(lavrov[0].roles.iter().any(|r| r == "diplomat"));
        assert!(!e.iter().any(|x| x.text == "he"));
        let us: Vec<&Entity> = e
            .iter()
            .filter(|x| x.canonical == "United States")
            .collect();
        assert!(us.len() >= 2, "{e:?}");
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
