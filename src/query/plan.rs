//! Syntax tree → plan: words resolved to terms of the index.
//!
//! Planning is where the index is first consulted: each word becomes the
//! terms it matches (its stem; for `prefix*` the indexed words that start
//! with it; for `word~` the words within the edit distance; for a word of
//! five letters or more with no exact match, the closest words, noted as a
//! typo correction), each with a boost (1 for exact, less for expansions)
//! and an IDF. Keyword and date filters become sorted doc lists. Leaves
//! that can be highlighted get a number, so the collector can find where
//! each matched.
//!
//! The work one query may ask for is bounded: all its leaves together
//! resolve to at most [`MAX_QUERY_TERMS`] terms and filters (a leaf past
//! the bound keeps its best terms or is left out, with one note), so a
//! 10,000-character chain of `a* OR a* …` plans and runs like a short
//! query instead of scoring 160,000 expansions. The executor's work is
//! then bounded too: it reads each planned term's postings once per leaf.
//!
//! A date filter that cannot match says why in a note: a range that ends
//! before it starts, or a day that is not in the calendar (`2021-02-30`,
//! which is then ignored, as the parser ignores `2021-13-01`).

use super::parse::{Node, Occur, Scope};
use super::Aliases;
use crate::index::{keyword_tokens, DocId, Field, Index, TermId};
use crate::text::{is_stopword, normalize};
use crate::vocab::Date;

/// Boost of a term reached by a prefix.
const PREFIX_BOOST: f32 = 0.8;
/// Boost of a term reached by a fuzzy match or typo correction.
const FUZZY_BOOST: f32 = 0.7;
/// At most this many words per prefix.
const MAX_PREFIX_WORDS: usize = 64;
/// At most this many words per fuzzy word.
const MAX_FUZZY_WORDS: usize = 16;
/// At most this many terms (words, their expansions, phrase words) and
/// filters in one query: a screenful of query is far below, 16 prefixes
/// of 64 words each reach it.
pub(crate) const MAX_QUERY_TERMS: usize = 1_024;

/// A planned query.
#[derive(Debug, Clone)]
pub(crate) enum Plan {
    /// One word: the terms it matches (best boost per term).
    Terms(TermsLeaf),
    /// A phrase: per word, the terms it matches.
    Phrase(PhraseLeaf),
    /// A filter: these documents, score 0 (sorted, may include dead ones).
    Docs(Vec<DocId>),
    /// Required, optional and excluded parts.
    Bool {
        must: Vec<Plan>,
        should: Vec<Plan>,
        not: Vec<Plan>,
    },
    /// Any of the parts.
    Or(Vec<Plan>),
    /// Every live document (a query of filters or exclusions only).
    All,
    /// Nothing.
    Empty,
}

/// A word leaf.
#[derive(Debug, Clone)]
pub(crate) struct TermsLeaf {
    /// (term, boost, idf).
    pub terms: Vec<(TermId, f32, f32)>,
    /// Where it must occur.
    pub scope: Scope,
    /// Highlight slot, when the leaf is not negated.
    pub slot: Option<usize>,
}

/// A phrase leaf.
#[derive(Debug, Clone)]
pub(crate) struct PhraseLeaf {
    /// Per word of the phrase, its terms.
    pub words: Vec<Vec<TermId>>,
    /// Allowed displacement (0 = exact).
    pub slop: u32,
    /// Where it must occur.
    pub scope: Scope,
    /// Sum of the words' IDFs.
    pub idf: f32,
    /// Highlight slot, when the leaf is not negated.
    pub slot: Option<usize>,
}

/// Doc lists the index does not hold, computed by the caller on demand
/// for a keyword field and value ([`Field::Flag`]: the documents the
/// statement trails flag; [`Field::Tag`]: the documents tagged, through
/// themselves, a quote or a person); `None` when the caller has none.
pub(crate) type Derived<'a> = &'a dyn Fn(Field, &str) -> Option<Vec<DocId>>;

/// Plans a syntax tree; appends notes (typo corrections, words not found).
pub(crate) fn plan(
    index: &Index,
    root: Option<&Node>,
    aliases: &Aliases,
    derived: Option<Derived<'_>>,
    notes: &mut Vec<String>,
) -> (Plan, usize) {
    let (plan, slots, _) = plan_found(index, root, aliases, derived, notes);
    (plan, slots)
}

/// [`plan`], also giving what planning met ([`Vocab`]).
pub(crate) fn plan_found(
    index: &Index,
    root: Option<&Node>,
    aliases: &Aliases,
    derived: Option<Derived<'_>>,
    notes: &mut Vec<String>,
) -> (Plan, usize, Vocab) {
    let mut p = Planner {
        index,
        aliases,
        derived,
        notes,
        slots: 0,
        budget: MAX_QUERY_TERMS,
        capped: false,
        found: Vec::new(),
        looked: Vec::new(),
    };
    let plan = match root {
        None => Plan::All,
        Some(n) => p.node(n, true),
    };
    if p.capped {
        p.notes.push(format!(
            "the query asks for more than {MAX_QUERY_TERMS} words, expansions and filters; \
             the rest were left out"
        ));
    }
    let slots = p.slots;
    let mut looked = p.looked;
    terms_of(&plan, &mut looked);
    looked.sort_unstable();
    looked.dedup();
    (
        plan,
        slots,
        Vocab {
            found: p.found,
            looked,
        },
    )
}

/// What a query's planning met in an index: its words with an exact match
/// (normalized) and every term it looked up or planned.
pub(crate) struct Vocab {
    pub found: Vec<String>,
    pub looked: Vec<TermId>,
}

/// Every term `plan` reads.
pub(crate) fn terms_of(plan: &Plan, out: &mut Vec<TermId>) {
    match plan {
        Plan::Terms(leaf) => out.extend(leaf.terms.iter().map(|t| t.0)),
        Plan::Phrase(leaf) => out.extend(leaf.words.iter().flatten()),
        Plan::Bool { must, should, not } => {
            for p in must.iter().chain(should).chain(not) {
                terms_of(p, out);
            }
        }
        Plan::Or(ps) => {
            for p in ps {
                terms_of(p, out);
            }
        }
        Plan::Docs(_) | Plan::All | Plan::Empty => {}
    }
}

struct Planner<'a> {
    index: &'a Index,
    aliases: &'a Aliases,
    derived: Option<Derived<'a>>,
    notes: &'a mut Vec<String>,
    slots: usize,
    /// Terms and filters the query may still resolve to.
    budget: usize,
    /// Whether a leaf was cut or left out for the budget.
    capped: bool,
    /// Words with an exact match (normalized).
    found: Vec<String>,
    /// Every term a word or phrase word resolved to, whether or not its
    /// leaf can match here (a phrase with a word missing is empty in this
    /// index, not in another searched with it).
    looked: Vec<TermId>,
}

impl Planner<'_> {
    fn slot(&mut self, positive: bool) -> Option<usize> {
        positive.then(|| {
            self.slots += 1;
            self.slots - 1
        })
    }

    /// Takes up to `n` of the budget; how many were granted.
    fn take(&mut self, n: usize) -> usize {
        let granted = n.min(self.budget);
        self.budget -= granted;
        if granted < n {
            self.capped = true;
        }
        granted
    }

    fn node(&mut self, n: &Node, positive: bool) -> Plan {
        if self.budget == 0 && !matches!(n, Node::Or(_) | Node::Bool(_)) {
            self.capped = true;
            return Plan::Empty;
        }
        match n {
            Node::Word {
                text,
                scope,
                prefix,
                fuzzy,
            } => self.word(text, *scope, *prefix, *fuzzy, positive),
            Node::Phrase { words, slop, scope } => self.phrase(words, *slop, *scope, positive),
            Node::Keyword { field, value } => {
                self.take(1);
                self.keyword(*field, value)
            }
            Node::Date { from, to, text } => {
                self.take(1);
                let (from, to) = (*from, *to);
                if let Some(day) = impossible_day(text) {
                    self.notes.push(format!(
                        "ignored 'date:{text}' ({day} is not a day of the calendar)"
                    ));
                    return Plan::All;
                }
                if from > to {
                    self.notes.push(format!(
                        "'date:{text}' ends before it starts, so no document matches it \
                         (the earlier date goes first)"
                    ));
                }
                Plan::Docs(
                    self.index
                        .live_docs()
                        .filter(|&d| self.index.date(d).is_some_and(|x| x >= from && x <= to))
                        .collect(),
                )
            }
            Node::Or(ns) => {
                let parts: Vec<Plan> = ns
                    .iter()
                    .map(|n| self.node(n, positive))
                    .filter(|p| !matches!(p, Plan::Empty))
                    .collect();
                match parts.len() {
                    0 => Plan::Empty,
                    _ => Plan::Or(parts),
                }
            }
            Node::Bool(cs) => {
                // Stop-words are optional when something else is required.
                let content_must = cs
                    .iter()
                    .any(|(o, n)| *o == Occur::Must && !is_stop_word_node(n));
                let (mut must, mut should, mut not) = (Vec::new(), Vec::new(), Vec::new());
                for (o, n) in cs {
                    match o {
                        Occur::Must if content_must && is_stop_word_node(n) => {
                            should.push(self.node(n, false))
                        }
                        Occur::Must => must.push(self.node(n, positive)),
                        Occur::Should => should.push(self.node(n, positive)),
                        Occur::MustNot => not.push(self.node(n, !positive)),
                    }
                }
                Plan::Bool { must, should, not }
            }
        }
    }

    fn word(
        &mut self,
        text: &str,
        scope: Scope,
        prefix: bool,
        fuzzy: Option<u32>,
        positive: bool,
    ) -> Plan {
        let ix = self.index;
        let mut terms: Vec<(TermId, f32)> = ix.lookup(text).into_iter().map(|t| (t, 1.0)).collect();
        let normalized = normalize(text);
        if !terms.is_empty() {
            self.found.push(normalized.clone());
        }
        let len = text.chars().count();
        if prefix {
            let words = ix.prefix_words(text, MAX_PREFIX_WORDS);
            if words.is_empty() && terms.is_empty() {
                self.notes.push(format!("no word starts with '{text}'"));
            }
            for w in words {
                for t in ix.word_terms(&w) {
                    terms.push((t, PREFIX_BOOST));
                }
            }
        } else if let Some(d) = fuzzy {
            let d = if d == 0 {
                if len <= 5 {
                    1
                } else {
                    2
                }
            } else {
                d
            };
            for (w, dist) in ix.fuzzy_words(text, d, MAX_FUZZY_WORDS) {
                for t in ix.word_terms(&w) {
                    terms.push((t, FUZZY_BOOST / dist.max(1) as f32));
                }
            }
        } else if terms.is_empty()
            && len >= 5
            && !text.chars().any(|c| c.is_ascii_digit())
            && !ix.known_elsewhere(&normalized)
        {
            // One edit first; two only for long words with no closer match.
            let mut found = ix.fuzzy_words(text, 1, MAX_FUZZY_WORDS);
            if found.is_empty() && len >= 8 {
                found = ix.fuzzy_words(text, 2, MAX_FUZZY_WORDS);
            }
            if let Some(best) = found.first().map(|f| f.1) {
                let picked: Vec<&(String, u32)> =
                    found.iter().filter(|f| f.1 == best).take(3).collect();
                self.notes.push(format!(
                    "{text} → {} (typo)",
                    picked
                        .iter()
                        .map(|p| p.0.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                for (w, dist) in picked {
                    for t in ix.word_terms(w) {
                        terms.push((t, FUZZY_BOOST / *dist as f32));
                    }
                }
            }
        }
        self.looked.extend(terms.iter().map(|t| t.0));
        if terms.is_empty() {
            if !prefix {
                self.notes.push(format!("no document contains '{text}'"));
            }
            return Plan::Empty;
        }
        // Best boost per term.
        terms.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        terms.dedup_by_key(|t| t.0);
        // Within the budget, the best boosts (exact words) first.
        let granted = self.take(terms.len());
        if granted < terms.len() {
            terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            terms.truncate(granted);
            terms.sort_by_key(|t| t.0);
            if terms.is_empty() {
                return Plan::Empty;
            }
        }
        Plan::Terms(TermsLeaf {
            terms: terms.into_iter().map(|(t, b)| (t, b, ix.idf(t))).collect(),
            scope,
            slot: self.slot(positive),
        })
    }

    fn phrase(&mut self, words: &[String], slop: u32, scope: Scope, positive: bool) -> Plan {
        if words.len() == 1 {
            return self.word(&words[0], scope, false, None, positive);
        }
        let mut resolved = Vec::with_capacity(words.len());
        let mut idf = 0.0;
        // Every word is looked up, even past one that is missing here.
        let looked: Vec<Vec<TermId>> = words.iter().map(|w| self.index.lookup(w)).collect();
        self.looked.extend(looked.iter().flatten());
        for (w, terms) in words.iter().zip(looked) {
            if terms.is_empty() {
                self.notes.push(format!("no document contains '{w}'"));
                return Plan::Empty;
            }
            if self.take(terms.len()) < terms.len() {
                return Plan::Empty;
            }
            idf += terms.iter().map(|&t| self.index.idf(t)).fold(0.0, f32::max);
            resolved.push(terms);
        }
        Plan::Phrase(PhraseLeaf {
            words: resolved,
            slop,
            scope,
            idf,
            slot: self.slot(positive),
        })
    }

    fn keyword(&mut self, field: Field, value: &str) -> Plan {
        // A person's name finds every spelling of it ("Sergei Lavrov"
        // finds the documents that write "Sergey Lavrov" or "S.V. Lavrov").
        let spellings = match field {
            Field::Speaker | Field::Person => self.aliases.spellings(value),
            _ => None,
        };
        // Computed lists (flags, tags) come from the caller, sorted.
        if matches!(field, Field::Flag | Field::Tag) {
            let docs = self.derived.and_then(|d| d(field, value));
            let name = field.name();
            return match docs {
                Some(docs) => {
                    if docs.is_empty() {
                        self.notes.push(format!("no document has {name}:{value}"));
                    }
                    Plan::Docs(docs)
                }
                None if field == Field::Tag => {
                    self.notes
                        .push(format!("no tag:{value} here (no tags were given)"));
                    Plan::Empty
                }
                None => {
                    self.notes.push(format!(
                        "no flag:{value} here (flags come from the statement alignment)"
                    ));
                    Plan::Empty
                }
            };
        }
        let docs = match spellings {
            Some(names) => {
                let mut all: Vec<DocId> = names
                    .iter()
                    .flat_map(|n| self.keyword_docs(field, n))
                    .collect();
                all.sort_unstable();
                all.dedup();
                all
            }
            None => self.keyword_docs(field, value),
        };
        if docs.is_empty() {
            self.notes
                .push(format!("no document has {}:{value}", field.name()));
        }
        Plan::Docs(docs)
    }

    /// The documents whose `field` has a value holding every word of
    /// `value`, in id order.
    fn keyword_docs(&self, field: Field, value: &str) -> Vec<DocId> {
        let mut docs: Option<Vec<DocId>> = None;
        for tok in keyword_tokens(value) {
            let list = self.index.keyword_docs(field, &tok);
            docs = Some(match docs {
                None => list.to_vec(),
                Some(d) => d
                    .into_iter()
                    .filter(|x| list.binary_search(x).is_ok())
                    .collect(),
            });
        }
        docs.unwrap_or_default()
    }
}

/// The first full date of a `date:` filter's text (`2021-02-30`,
/// `>=2021-02-30`, either end of a range) that names no calendar day.
fn impossible_day(text: &str) -> Option<&str> {
    text.split("..")
        .map(|end| end.trim().trim_start_matches(['<', '>', '=']).trim())
        .find(|end| {
            let parts: Vec<&str> = end.split(['-', '/']).collect();
            let [y, m, d] = parts.as_slice() else {
                return false;
            };
            let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>())
            else {
                return false;
            };
            Date::new(y, m, d).is_none()
        })
}

fn is_stop_word_node(n: &Node) -> bool {
    matches!(n, Node::Word { text, prefix: false, fuzzy: None, .. } if is_stopword(text))
}
