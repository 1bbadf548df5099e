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
//!
//! Name keys and merging live in [`names`], printed roles and
//! nationalities in [`roles`].

mod names;
mod roles;

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::gazetteer;
use super::ner;

pub(crate) use names::{canonicalize_people, merge_names};
pub use names::{name_key, same_person, NameKey};
use roles::roles_before;
pub(crate) use roles::{expand_roles, nationality};

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
/// Dotted abbreviations keep their final period ("U.S.", "E."), a
/// possessive "’s" is its own token, hyphenated compounds are one word
/// ("Kilroy-Silk"), and initials glued to a surname are a word of their
/// own ("J.Smith" gives "J.", "Smith").
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
    let mut words: Vec<(usize, &str)> = Vec::new();
    crate::text::for_each_word_bound(slice, |ws, w| {
        // Hyphenated compounds are one word, as the tagger learned them
        // ("Kilroy-Silk", "Chester-le-Street", "Tripoli-based").
        match words.last_mut() {
            Some((ps, pw)) if *ps + pw.len() + 1 == ws && slice[ws - 1..].starts_with('-') => {
                *pw = &slice[*ps..ws + w.len()];
            }
            _ => words.push((ws, w)),
        }
    });
    for (ws, w) in words {
        let (mut s, mut e) = (ws, ws + w.len());
        if s < last {
            continue;
        }
        push_punct(&mut out, last, s);
        // "J.Smith": the initials ("J.") and the surname are two words.
        if let Some(k) = crate::text::glued_initials(w) {
            out.push(base + s..base + s + k);
            s += k;
        }
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
pub(crate) fn find_entities(text: &str, sentences: &[Range<usize>]) -> Vec<Entity> {
    let model = ner::Model::shipped();
    let mut found = Found {
        lower_words: text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.starts_with(char::is_lowercase))
            .collect(),
        ..Found::default()
    };
    for s in sentences {
        found.sentence(text, s.clone(), model);
    }
    let Found {
        mut out,
        known_orgs,
        headline,
        ..
    } = found;
    drop_headline_only(&mut out, &headline);
    unify_person_kinds(&mut out);
    add_definite_aliases(text, &known_orgs, &mut out);
    canonicalize_people(&mut out);
    out
}

/// Mentions found so far in a document.
#[derive(Default)]
struct Found<'t> {
    /// The mentions, in text order.
    out: Vec<Entity>,
    /// Canonical names of the organizations named (for their aliases).
    known_orgs: Vec<&'static str>,
    /// Indices in `out` of mentions from title-cased sentences.
    headline: Vec<usize>,
    /// Words written in lowercase somewhere in the document.
    lower_words: rustc_hash::FxHashSet<&'t str>,
}

impl<'t> Found<'t> {
    /// Tags one sentence and adds its mentions.
    fn sentence(&mut self, text: &str, s: Range<usize>, model: &ner::Model) {
        let toks = tokens(text, s);
        if toks.is_empty() {
            return;
        }
        let words: Vec<&str> = toks.iter().map(|t| &text[t.clone()]).collect();
        // The dateline's place is a place, whatever the tagger reads in its
        // capitals ("ROTTERDAM - Port authorities…": not an organization).
        let place_words = match self.dateline(text, &toks, &words) {
            Some(0) => return,
            Some(n) => n,
            None => 0,
        };
        let mut tags = model.tag(&words);
        gazetteer_spans(&words, &mut tags);
        let titled = title_cased(&words);
        let shouting = ner::headline_mark(&words) == b"H";
        let opener = first_word(&words);
        for (a, b, k) in ner::train::spans(&tags) {
            let a = a.max(place_words);
            if a >= b {
                continue;
            }
            let mut kind = kind_of(k);
            let Some((mut a, b)) = trim_span(&words, a, b, kind) else {
                continue;
            };
            if Some(a) == opener && !titled && self.common_opener(&words, a, model) {
                // "Take Cyprus", "Since Yukos": a sentence's first word is
                // capitalized, not a name.
                a += 1;
                if a == b {
                    continue;
                }
            }
            if a > 0 && words[a - 1] == "Dear" || words[a..b].iter().any(|w| is_patronymic(w)) {
                // "Dear Vladimir Vladimirovich": a person addressed.
                kind = EntityKind::Person;
            }
            let start = toks[a].start;
            let end = toks[b - 1].end;
            let mention = &text[start..end];
            if !is_mention(mention, b - a) {
                continue;
            }
            let (kind, canonical) = self.kind_and_canonical(&words, a, b, mention, kind);
            let roles = if kind == EntityKind::Person {
                roles_before(text, &toks, a)
            } else {
                Vec::new()
            };
            if titled && !shouting && gazetteer::canonical_of(mention).is_none() {
                // Headline case makes every word look like a name: keep
                // the mention only if the body names it too. In capitals
                // the tagger reads the words as a headline (it learned
                // them so) and is trusted.
                self.headline.push(self.out.len());
            }
            self.out.push(Entity {
                start,
                end,
                text: mention.to_string(),
                kind,
                canonical,
                roles,
            });
        }
    }

    /// A dateline ("LONDON 1996-08-30", "MOSCOW, Dec 30 (Reuters) -"): a
    /// sentence opening with up to three words in capitals, followed by
    /// nothing but a date, or by a dash, comma or bracket before the
    /// story. The capitals are a place; the rest of a dateline-only
    /// sentence names nothing. Returns `None` for no dateline, `Some(0)`
    /// when the sentence is done (a dateline alone), else `Some(n)`: its
    /// first `n` words are the place, the story follows.
    fn dateline(&mut self, text: &str, toks: &[Tok], words: &[&str]) -> Option<usize> {
        let caps = |w: &&str| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars().all(|c| c.is_uppercase() || c == '-' || c == '.')
        };
        let n = words.iter().take_while(|w| caps(w)).count();
        if n == 0 || n > 3 || n == words.len() {
            return None;
        }
        let rest = &words[n..];
        // A year or a month: "1996-08-30", "Dec 30"; not a table row
        // ("CHICAGO 71 64 .526").
        let dated = rest.iter().any(|w| {
            MONTHS.contains(&w.trim_end_matches('.'))
                || (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
        });
        let date_only = dated
            && rest.iter().all(|w| {
                !w.chars().any(char::is_alphabetic) || MONTHS.contains(&w.trim_end_matches('.'))
            });
        let lead_in = matches!(rest[0], "(" | "-" | "–" | "—" | ",")
            && rest.iter().any(|w| w.chars().any(char::is_lowercase));
        if !date_only && !lead_in {
            return None;
        }
        let (start, end) = (toks[0].start, toks[n - 1].end);
        let mention = &text[start..end];
        let canonical = title_case(mention);
        self.out.push(Entity {
            start,
            end,
            text: mention.to_string(),
            kind: EntityKind::Place,
            canonical,
            roles: Vec::new(),
        });
        Some(if date_only { 0 } else { n })
    }

    /// Whether word `a` (the sentence's first word, opening a span) is a common word written with a capital: the tagger, shown
    /// the word in lowercase, no longer reads it as a name, and the word is
    /// a stop-word, a word that opens clauses ([`OPENING_WORDS`]), or is
    /// written in lowercase elsewhere in the document.
    fn common_opener(&self, words: &[&str], a: usize, model: &ner::Model) -> bool {
        let w = words[a];
        if w.len() < 2
            || !w.chars().all(char::is_alphabetic)
            || w.chars().skip(1).any(char::is_uppercase)
            || gazetteer::canonical_of(w).is_some()
        {
            return false;
        }
        let low = w.to_lowercase();
        let mut lowered: Vec<&str> = words.to_vec();
        lowered[a] = &low;
        if model.tag_upto(&lowered, a + 1)[a] != 0 {
            return false;
        }
        crate::text::is_stopword(&low)
            || OPENING_WORDS.contains(&low.as_str())
            || self.lower_words.contains(low.as_str())
    }

    /// The kind and canonical name of `mention` (words `a..b`), tagged
    /// `kind`: gazetteer countries and organizations take their canonical
    /// name (a capital after "in" stays a place), demonyms tagged as
    /// persons are misc, "… Island" is a place.
    fn kind_and_canonical(
        &mut self,
        words: &[&str],
        a: usize,
        b: usize,
        mention: &str,
        kind: EntityKind,
    ) -> (EntityKind, String) {
        if let Some((canon, is_country)) = gazetteer::canonical_of(mention) {
            let prev = if a > 0 {
                words[a - 1].to_lowercase()
            } else {
                String::new()
            };
            if gazetteer::is_capital(mention) && PLACE_PREPS.contains(&prev.as_str()) {
                return (EntityKind::Place, mention.to_string());
            }
            if is_country {
                // A country, or its capital standing for its government.
                return (EntityKind::Place, canon.to_string());
            }
            self.known_orgs.push(canon);
            return (EntityKind::Organization, canon.to_string());
        }
        let kind = if HOLIDAYS.contains(&mention)
            || (kind == EntityKind::Person && gazetteer::DEMONYMS.contains(&mention))
        {
            EntityKind::Misc
        } else if b - a > 1 && GEO_HEADS.contains(&words[b - 1]) {
            EntityKind::Place
        } else {
            kind
        };
        (kind, mention.to_string())
    }
}

/// Trims a tagged span `a..b` of leading and trailing punctuation,
/// trailing lowercase words, a capitalized function word at a sentence
/// start ("Then") and, for a person, leading titles; `None` when nothing
/// is left.
fn trim_span(words: &[&str], a: usize, b: usize, kind: EntityKind) -> Option<(usize, usize)> {
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
    while a < b
        && crate::text::is_stopword(&words[a].to_lowercase())
        && gazetteer::canonical_of(words[a]).is_none()
    {
        a += 1;
    }
    if kind == EntityKind::Person {
        while a + 1 < b
            && gazetteer::ROLES.contains(&words[a].trim_end_matches('.').to_lowercase().as_str())
        {
            a += 1;
        }
    }
    (a < b).then_some((a, b))
}

/// Whether a trimmed span of `len` words is a mention: it starts with a
/// capital or a digit, and a single word is no common word written
/// capitalized (acronyms excepted).
fn is_mention(mention: &str, len: usize) -> bool {
    let first = mention.chars().next().unwrap_or(' ');
    if !first.is_uppercase() && !first.is_ascii_digit() {
        return false;
    }
    let acronym = mention.len() > 1 && !mention.chars().any(char::is_lowercase);
    !(len == 1 && !acronym && gazetteer::NEVER_ENTITIES.contains(&mention.to_lowercase().as_str()))
}

/// Headline mentions (indices `headline`) stand only when a body mention
/// shares a word (in any case: "LEICESTERSHIRE" and "Leicestershire"); a
/// headline mention spelled like a body mention takes its kind.
fn drop_headline_only(out: &mut Vec<Entity>, headline: &[usize]) {
    if headline.is_empty() {
        return;
    }
    let body: Vec<(String, EntityKind)> = out
        .iter()
        .enumerate()
        .filter(|(i, _)| !headline.contains(i))
        .map(|(_, e)| (e.text.to_lowercase(), e.kind))
        .collect();
    let body_words: std::collections::HashSet<&str> = body
        .iter()
        .flat_map(|(t, _)| t.split_whitespace())
        .collect();
    let mut k = 0;
    out.retain_mut(|e| {
        let mut keep = !headline.contains(&k);
        if !keep {
            let low = e.text.to_lowercase();
            keep = low.split_whitespace().any(|w| body_words.contains(w));
            if let Some((_, kind)) = body.iter().find(|(t, _)| *t == low) {
                e.kind = *kind;
            }
        }
        k += 1;
        keep
    });
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
    let mostly_capitals = long.len() >= 2
        && long
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count()
            * 10
            >= long.len() * 8;
    // A results table or a list of names ("A. Dale 69, H. Morris 69",
    // "Name (Party)") has figures or brackets and no capitalized function
    // word, as a headline ("Talks With NATO Are Over") has.
    let list_like = words
        .iter()
        .any(|w| w.starts_with(|c: char| c.is_ascii_digit()) || *w == "(")
        && !words.iter().skip(1).any(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars().skip(1).any(char::is_lowercase)
                && crate::text::is_stopword(&w.to_lowercase())
        });
    mostly_capitals && !list_like
}

/// The index of the first word of a sentence (after opening quotes,
/// brackets and dashes), if any.
fn first_word(words: &[&str]) -> Option<usize> {
    words
        .iter()
        .position(|w| w.chars().any(char::is_alphanumeric))
}

/// "LONDON" → "London", "NEW YORK" → "New York".
fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

/// Whether a word is a Russian patronymic ("Vladimirovich", "Sergeyevna").
fn is_patronymic(w: &str) -> bool {
    w.starts_with(char::is_uppercase)
        && w.chars().count() > 7
        && ["ovich", "evich", "ovna", "evna", "ichna"]
            .iter()
            .any(|s| w.ends_with(s))
}

/// Conjunctions, prepositions, adverbs and imperatives that open
/// sentences and are not stop-words: capitalized there, never names.
const OPENING_WORDS: &[&str] = &[
    "since",
    "although",
    "though",
    "unless",
    "whereas",
    "whether",
    "despite",
    "following",
    "given",
    "like",
    "unlike",
    "upon",
    "within",
    "without",
    "amid",
    "among",
    "across",
    "according",
    "meanwhile",
    "however",
    "moreover",
    "instead",
    "still",
    "yet",
    "even",
    "let",
    "take",
    "make",
    "see",
    "ask",
    "tell",
    "keep",
    "look",
    "consider",
    "imagine",
    "note",
    "remember",
    "thank",
    "thanks",
    "welcome",
    "please",
    "yes",
    "well",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "last",
    "next",
    "earlier",
    "later",
    "asked",
    "speaking",
];

/// Holidays and seasons of the year: names, never persons ("the Christmas
/// period").
const HOLIDAYS: &[&str] = &[
    "Christmas",
    "Easter",
    "Ramadan",
    "Hanukkah",
    "Thanksgiving",
    "Diwali",
    "Eid",
    "Passover",
    "Halloween",
    "Lent",
    "Advent",
    "Hogmanay",
    "New Year",
];

/// Month names and their abbreviations, as datelines print them.
const MONTHS: &[&str] = &[
    "Jan",
    "January",
    "Feb",
    "February",
    "Mar",
    "March",
    "Apr",
    "April",
    "May",
    "Jun",
    "June",
    "Jul",
    "July",
    "Aug",
    "August",
    "Sep",
    "Sept",
    "September",
    "Oct",
    "October",
    "Nov",
    "November",
    "Dec",
    "December",
];

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

#[cfg(test)]
mod tests {
    use super::*;

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

    /// A dateline's place is one mention, a place: not also whatever the
    /// tagger reads in its capitals (it took "ROTTERDAM" for an
    /// organization as well).
    #[test]
    fn a_datelines_place_is_one_place() {
        for t in [
            "ROTTERDAM - Port authorities reported record grain exports in March, officials said.",
            "LONDON (Reuters) - British officials said talks in London ended on Monday.",
        ] {
            let s = crate::text::split_sentences(t);
            let e = find_entities(t, &s);
            let first: Vec<&Entity> = e.iter().filter(|x| x.start == 0).collect();
            assert_eq!(first.len(), 1, "{e:?}");
            assert_eq!(first[0].kind, EntityKind::Place, "{e:?}");
        }
    }
}
