//! Speaker resolution: a cue's subject to a person (step 4 of the module
//! doc). Names go through the entity canonicals, pronouns to the most
//! recent person mention, role nouns to the most recent person whose
//! printed titles fit.

use std::ops::Range;

use super::cues::{is_cap, is_word, lower};
use super::lexicon::PRONOUNS;
use super::Quote;
use crate::extract::entities::{expand_roles, nationality, tokens, Entity, EntityKind};
use crate::extract::gazetteer;

/// What the cue's subject is.
#[derive(Debug, Clone)]
enum Subject {
    /// A pronoun (lowercase).
    Pronoun(String),
    /// A name: the index of the entity overlapping it, if any.
    Name(Option<usize>),
    /// A role noun phrase: its roles.
    Role(Vec<String>),
    /// Anything else ("one of the proposals").
    Other,
}

fn classify_subject(text: &str, s: &Range<usize>, ents: &[Entity]) -> Subject {
    let t = &text[s.clone()];
    let l = t.to_lowercase();
    if PRONOUNS.contains(&l.as_str()) {
        return Subject::Pronoun(l);
    }
    let person = ents
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Person && e.start < s.end && s.start < e.end)
        .map(|(i, _)| i)
        .next_back();
    if person.is_some() {
        return Subject::Name(person);
    }
    let toks = tokens(text, s.clone());
    let words: Vec<String> = toks.iter().map(|t| lower(text, t)).collect();
    if words.iter().any(|w| {
        gazetteer::ROLES.contains(&w.as_str()) && !matches!(w.as_str(), "mr" | "mrs" | "ms" | "dr")
    }) {
        return Subject::Role(expand_roles(&words));
    }
    // A place or an organization names the speaker only as the phrase's
    // head ("the Kremlin said"), not as a modifier ("The New York
    // businessman says").
    let head = toks.last().map_or(s.end, |t| t.end);
    let other = ents
        .iter()
        .enumerate()
        .filter(|(_, e)| e.start < s.end && s.start < e.end && e.end >= head)
        .map(|(i, _)| i)
        .next_back();
    if other.is_some() {
        return Subject::Name(other);
    }
    if toks
        .iter()
        .filter(|t| is_word(text, t))
        .all(|t| is_cap(text, t))
        && !toks.is_empty()
    {
        return Subject::Name(None);
    }
    Subject::Other
}

/// Roles of each person canonical, gathered over the document.
pub(super) fn roles_by_canonical(ents: &[Entity]) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for e in ents.iter().filter(|e| e.kind == EntityKind::Person) {
        let slot = match out.iter().position(|(c, _)| *c == e.canonical) {
            Some(i) => i,
            None => {
                out.push((e.canonical.clone(), Vec::new()));
                out.len() - 1
            }
        };
        for r in &e.roles {
            if !out[slot].1.contains(r) {
                out[slot].1.push(r.clone());
            }
        }
    }
    out
}

/// Resolves a cue subject to a speaker, filling `q.speaker` and
/// `q.speaker_span`; role nouns that resolve become person mentions.
pub(super) fn resolve(
    text: &str,
    subj: &Range<usize>,
    pos: usize,
    ents: &mut Vec<Entity>,
    roles: &[(String, Vec<String>)],
    turn_label: Option<&Range<usize>>,
    q: &mut Quote,
) {
    match classify_subject(text, subj, ents) {
        Subject::Name(Some(i)) => {
            let e = &ents[i];
            q.speaker = Some(e.canonical.clone());
            q.speaker_span = Some((e.start, e.end));
        }
        Subject::Name(None) | Subject::Other => {
            let s = text[subj.clone()].trim();
            let s = s
                .strip_prefix("the ")
                .or_else(|| s.strip_prefix("The "))
                .unwrap_or(s);
            q.speaker = Some(s.to_string());
            q.speaker_span = Some((subj.start, subj.end));
        }
        Subject::Pronoun(p) => resolve_pronoun(&p, pos, ents, turn_label, q),
        Subject::Role(want) => {
            let cands = people_before(ents, pos);
            let best = best_role_fit(&want, &cands, ents, roles);
            if let Some(i) = best.or_else(|| cands.first().copied()) {
                let canonical = ents[i].canonical.clone();
                q.speaker = Some(canonical.clone());
                q.speaker_span = Some(name_span(ents, i, pos));
                add_role_mention(text, subj, canonical, want, ents);
            }
        }
    }
}

/// Indices of the person mentions ending before `pos`, latest first.
fn people_before(ents: &[Entity], pos: usize) -> Vec<usize> {
    let mut v: Vec<usize> = ents
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Person && e.end <= pos)
        .map(|(i, _)| i)
        .collect();
    v.reverse();
    v
}

/// "I"/"we" inside a transcript turn is the turn's speaker; another
/// pronoun is the latest person mentioned before `pos`.
fn resolve_pronoun(
    p: &str,
    pos: usize,
    ents: &[Entity],
    turn_label: Option<&Range<usize>>,
    q: &mut Quote,
) {
    if matches!(p, "i" | "we") {
        if let Some(l) = turn_label {
            if let Some(e) = ents.iter().find(|e| e.start < l.end && l.start < e.end) {
                q.speaker = Some(e.canonical.clone());
                q.speaker_span = Some((e.start, e.end));
            }
        }
        return;
    }
    if let Some(&i) = people_before(ents, pos).first() {
        q.speaker = Some(ents[i].canonical.clone());
        q.speaker_span = Some(name_span(ents, i, pos));
    }
}

/// The candidate (latest first) whose printed roles fit the role noun
/// phrase `want` best, when one fits at all ([`role_score`] above 0; the
/// earliest-listed wins ties).
fn best_role_fit(
    want: &[String],
    cands: &[usize],
    ents: &[Entity],
    roles: &[(String, Vec<String>)],
) -> Option<usize> {
    let mut best: Option<(i32, usize)> = None;
    for &i in cands {
        let s = roles
            .iter()
            .find(|(n, _)| *n == ents[i].canonical)
            .map_or(0, |(_, rs)| role_score(want, rs));
        if s > 0 && best.is_none_or(|(b, _)| s > b) {
            best = Some((s, i));
        }
    }
    best.map(|b| b.1)
}

/// How well a person's roles `rs` fit the wanted roles: +4 for a head
/// noun ("minister"), +2 for a multi-word role ("foreign minister"), +1
/// for a matching nationality, -2 for a different one.
fn role_score(want: &[String], rs: &[String]) -> i32 {
    let head = want
        .iter()
        .filter(|r| !r.contains(' ') && nationality(r).is_none());
    let nat: Vec<&String> = want.iter().filter(|r| nationality(r).is_some()).collect();
    let mut s = 0;
    if head.clone().any(|h| rs.contains(h)) {
        s += 4;
    }
    if want
        .iter()
        .filter(|w| w.contains(' '))
        .any(|w| rs.contains(w))
    {
        s += 2;
    }
    if !nat.is_empty() && nat.iter().any(|n| rs.contains(n)) {
        s += 1;
    }
    if !nat.is_empty()
        && !nat.iter().any(|n| rs.contains(n))
        && rs.iter().any(|r| nationality(r).is_some())
    {
        s -= 2;
    }
    s
}

/// The role phrase `subj` becomes a mention of the person `canonical`
/// unless a person mention covers it already; the modifiers inside it
/// ("Russian", "Russia’s") give way.
fn add_role_mention(
    text: &str,
    subj: &Range<usize>,
    canonical: String,
    want: Vec<String>,
    ents: &mut Vec<Entity>,
) {
    let overlaps = |e: &Entity| e.start < subj.end && subj.start < e.end;
    if ents
        .iter()
        .any(|e| overlaps(e) && e.kind == EntityKind::Person)
    {
        return;
    }
    ents.retain(|e| !overlaps(e));
    let pos = ents.partition_point(|e| e.start < subj.start);
    ents.insert(
        pos,
        Entity {
            start: subj.start,
            end: subj.end,
            text: text[subj.clone()].to_string(),
            kind: EntityKind::Person,
            canonical,
            roles: want,
        },
    );
}

/// The span of the latest proper-name mention (not a role noun) of the
/// person of `ents[i]` before `pos`; `ents[i]`'s own span otherwise.
fn name_span(ents: &[Entity], i: usize, pos: usize) -> (usize, usize) {
    let c = &ents[i].canonical;
    ents.iter()
        .rfind(|e| {
            e.end <= pos
                && e.canonical == *c
                && e.text.chars().next().is_some_and(char::is_uppercase)
        })
        .map_or((ents[i].start, ents[i].end), |e| (e.start, e.end))
}
