//! The trail of a statement: where it first appeared, which outlet likely
//! took it from which, what changed on the way, and the flags a reader
//! checks first (a direct quote reworded, the same words credited to
//! someone else, a quote presented without its quotation marks).
//!
//! A trail is read off one aligned [`Statement`] ([`super::align`]); it
//! compares the members' whole quotes exactly as printed
//! ([`exact_diff`]: case and apostrophe style aside, no word is folded,
//! so "chance" / "chances" is a change).
//!
//! - **Order.** Members by publication date, then document order (the
//!   import order: all that is known when two share a date); members with
//!   no date come last, in document order, and the trail lists their files
//!   in `missing_dates`. The first member is marked first seen.
//! - **Source.** Each later member's likely source is the earlier member
//!   (of another document) it is linked to with the best score; with no
//!   link to an earlier member, the earlier member sharing most of its
//!   words in order when that covers at least half of the shorter quote;
//!   otherwise it is "independent" (or "same document" when a passage of
//!   its document is already on the trail).
//! - **Changes** from the source: words added and removed (as printed),
//!   numbers removed and added, hedges ([`HEDGES`]: "may", "could",
//!   "reportedly", …) added or dropped, role nouns ([`ROLES`]) added or
//!   dropped, the speaker changed (both known and different), quotation
//!   marks added or removed, and the rendering: verbatim (no word
//!   changed), edited (most words kept in order) or paraphrase.
//! - **Flags** over every pair of members of different documents:
//!   [`FlagKind::QuoteDiffers`] both are direct quotes of compatible
//!   speakers whose shared stretch keeps at least [`SAME_STATEMENT`] of its
//!   words, and a word inside that stretch is replaced (a word
//!   swapped between two kept words, or a replaced first or last word: a
//!   shorter excerpt of the same words is not flagged);
//!   [`FlagKind::AttributionDiffers`] the same words (at least
//!   [`SAME_WORDS`] of the shorter in order) credited to two different
//!   known speakers; [`FlagKind::Unattributed`] a direct quote whose words
//!   (at least [`UNATTRIBUTED_SHARE`] of them) another member prints
//!   without any quotation marks, without a speaker and without a
//!   reporting verb or the speaker's name. A flag names the member it is about (the
//!   later one; for "unattributed" the unquoted one).
//!
//! What it leaves out: times of day (documents carry dates only), and
//! copies among members of one document.

use serde::Serialize;

use super::align::{exact_diff, marks, DiffOp, Link, Mark, Side, Statement, StatementMember};
use crate::DocId;

/// Hedges: words that soften or distance a claim.
pub const HEDGES: &[&str] = &[
    "may",
    "might",
    "could",
    "would",
    "possibly",
    "perhaps",
    "probably",
    "likely",
    "unlikely",
    "reportedly",
    "allegedly",
    "apparently",
    "purportedly",
    "supposedly",
    "seemingly",
    "seems",
    "appears",
    "claimed",
    "claims",
    "alleged",
];

/// Role nouns: how a speaker's office is named.
pub const ROLES: &[&str] = &[
    "minister",
    "ministry",
    "head",
    "chief",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "president",
    "diplomat",
    "official",
    "ambassador",
    "director",
    "chairman",
    "leader",
    "envoy",
    "commander",
    "premier",
    "chancellor",
    "governor",
];

/// Words that attribute a statement in reported speech.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "told",
    "stressed",
    "noted",
    "added",
    "according",
    "stated",
    "announced",
    "insisted",
    "argued",
    "explained",
    "warned",
    "urged",
    "indicated",
    "emphasized",
    "emphasised",
    "remarked",
    "continued",
    "claimed",
    "highlighted",
    "assured",
    "quoted",
    "pointed",
    "repeated",
    "mentioned",
    "reported",
    "informed",
    "asserted",
    "reaffirmed",
    "confirmed",
    "denied",
];

/// Share of the shorter quote's words, in order, that makes two quotes
/// "the same words" for [`FlagKind::AttributionDiffers`].
pub const SAME_WORDS: f64 = 0.8;

/// Share of a direct quote's words, in order, another member must print
/// for [`FlagKind::Unattributed`].
pub const UNATTRIBUTED_SHARE: f64 = 0.6;

/// Share of kept words in the shared stretch (from the first word kept to
/// the last, on its longer side) that makes two direct quotes renderings
/// of one statement for [`FlagKind::QuoteDiffers`] (quotes sharing a few
/// scattered words are not).
pub const SAME_STATEMENT: f64 = 0.5;

/// Quotation marks: an unquoted member quoting part of the words is not
/// "unattributed".
const QUOTE_MARKS: [char; 6] = [
    '"', '\u{201C}', '\u{201D}', '\u{201E}', '\u{00AB}', '\u{00BB}',
];

/// Share of the shorter quote's words, in order, that makes an earlier
/// member a source when no link says so.
const SOURCE_SHARE: f64 = 0.5;

/// Share of both quotes' words kept, in order, for an "edited" rendering.
const EDITED_SHARE: f64 = 0.7;

/// How a member relates to the earlier ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// The earliest member.
    #[default]
    FirstSeen,
    /// Likely taken from its `source`.
    Derived,
    /// Nothing earlier explains it.
    Independent,
    /// Another passage of a document already on the trail.
    SameDocument,
}

/// How a member renders its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rendering {
    /// No word changed.
    Verbatim,
    /// Most words kept in order ([`EDITED_SHARE`] of each side).
    Edited,
    /// Reworded.
    Paraphrase,
}

/// A speaker as the source credits them and as this member does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpeakerChange {
    pub from: String,
    pub to: String,
}

/// What changed from a member's source to the member.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changes {
    /// Runs of words only in this member / only in the source, as printed.
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// Numbers only in the source / only here.
    pub numbers_removed: Vec<String>,
    pub numbers_added: Vec<String>,
    /// Hedge words ([`HEDGES`]) only here / only in the source.
    pub hedges_added: Vec<String>,
    pub hedges_dropped: Vec<String>,
    /// Role nouns ([`ROLES`]) only here / only in the source.
    pub roles_added: Vec<String>,
    pub roles_dropped: Vec<String>,
    /// Both speakers known and different.
    pub speaker: Option<SpeakerChange>,
    /// "added" or "removed" when one is a direct quote and the other not.
    pub quotation_marks: Option<String>,
    pub rendering: Rendering,
    /// The word diff from the source's quote to this one ([`exact_diff`]).
    pub diff: Vec<DiffOp>,
    /// This member's quote and the source's, as printed, marked by `diff`.
    pub marks: Vec<Mark>,
    pub source_marks: Vec<Mark>,
}

/// One member of a statement on its trail.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// Index into [`Statement::members`].
    pub member: usize,
    pub doc: DocId,
    pub file: String,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub speaker: Option<String>,
    /// A direct quote (inside quotation marks).
    pub quoted: bool,
    /// The whole quote exactly as printed ([`StatementMember::quote`]).
    pub text: String,
    pub first_seen: bool,
    pub relation: Relation,
    /// Index into [`Trail::steps`] of the likely source.
    pub source: Option<usize>,
    /// How strongly the source explains this member (the link score, or
    /// the share of words in order when no link joins them).
    pub similarity: f64,
    /// Changes from the source (none for the first seen or an
    /// independent member).
    pub changes: Option<Changes>,
}

pub use crate::vocab::FlagKind;

/// A flag on a pair of members.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flag {
    pub kind: FlagKind,
    /// What a reader sees ([`FlagKind::label`]).
    pub label: String,
    /// Index into [`Trail::steps`] of the member it is about, and of the
    /// member it is compared with.
    pub step: usize,
    pub other: usize,
    /// The document of `step`.
    pub doc: DocId,
    /// Word diff from `other`'s quote to `step`'s, and both marked.
    pub diff: Vec<DiffOp>,
    pub marks: Vec<Mark>,
    pub other_marks: Vec<Mark>,
}

/// The trail of one statement.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Trail {
    /// The members, first seen first.
    pub steps: Vec<Step>,
    /// Files of the members with no publication date (ordered last).
    pub missing_dates: Vec<String>,
    pub flags: Vec<Flag>,
}

/// The comparison of two members' quotes.
struct Pair {
    diff: Vec<DiffOp>,
    /// Words kept in order, and each side's word count.
    equal: usize,
    len_a: usize,
    len_b: usize,
}

impl Pair {
    fn new(a: &StatementMember, b: &StatementMember) -> Pair {
        let diff = exact_diff(&a.quote, a.quote_start, &b.quote, b.quote_start);
        let (mut equal, mut len_a, mut len_b) = (0, 0, 0);
        for op in &diff {
            match op {
                DiffOp::Equal { text, .. } => {
                    let n = word_count(text);
                    equal += n;
                    len_a += n;
                    len_b += n;
                }
                DiffOp::Delete { text, .. } => len_a += word_count(text),
                DiffOp::Insert { text, .. } => len_b += word_count(text),
            }
        }
        Pair {
            diff,
            equal,
            len_a,
            len_b,
        }
    }

    /// Share of the shorter side's words kept in order.
    fn share_of_shorter(&self) -> f64 {
        self.equal as f64 / self.len_a.min(self.len_b).max(1) as f64
    }

    /// Words kept over the words of the shared stretch (first to last
    /// kept word), on the side where the stretch is longer: low when the
    /// kept words lie scattered.
    fn stretch_density(&self) -> f64 {
        let d = &self.diff;
        let eq = |i: usize| matches!(d[i], DiffOp::Equal { .. });
        let (Some(f), Some(l)) = (
            (0..d.len()).find(|&i| eq(i)),
            (0..d.len()).rev().find(|&i| eq(i)),
        ) else {
            return 0.0;
        };
        let (mut a, mut b) = (0, 0);
        for op in &d[f..=l] {
            match op {
                DiffOp::Equal { text, .. } => {
                    let n = word_count(text);
                    a += n;
                    b += n;
                }
                DiffOp::Delete { text, .. } => a += word_count(text),
                DiffOp::Insert { text, .. } => b += word_count(text),
            }
        }
        self.equal as f64 / a.max(b).max(1) as f64
    }

    /// A word replaced inside the shared stretch: a change between two
    /// kept runs, or a delete next to an insert.
    fn replaces_words(&self) -> bool {
        let d = &self.diff;
        let eq = |i: usize| matches!(d[i], DiffOp::Equal { .. });
        let first = (0..d.len()).find(|&i| eq(i));
        let last = (0..d.len()).rev().find(|&i| eq(i));
        let inner = matches!((first, last), (Some(f), Some(l)) if (f..l).any(|i| !eq(i)));
        let replaced = d.windows(2).any(|w| {
            matches!(
                (&w[0], &w[1]),
                (DiffOp::Delete { .. }, DiffOp::Insert { .. })
                    | (DiffOp::Insert { .. }, DiffOp::Delete { .. })
            )
        });
        first.is_some() && (inner || replaced)
    }
}

/// The words of a diff op's text (as the tokenizer counts them).
fn word_count(t: &str) -> usize {
    let mut n = 0;
    crate::text::for_each_word(t, |_, _, _| n += 1);
    n
}

/// The folded words of `t`.
fn folded(t: &str) -> Vec<String> {
    let mut out = Vec::new();
    crate::text::for_each_word(t, |_, _, w| out.push(w.to_string()));
    out
}

/// Words of `list` in `b` more often than in `a` (each once).
fn gained(a: &[String], b: &[String], list: &[&str]) -> Vec<String> {
    list.iter()
        .filter(|w| b.iter().filter(|x| x == *w).count() > a.iter().filter(|x| x == *w).count())
        .map(|w| w.to_string())
        .collect()
}

fn is_number(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// What changed from `src` to `m` (`p`: their comparison).
fn changes(src: &StatementMember, m: &StatementMember, p: Pair) -> Changes {
    let (fa, fb) = (folded(&src.quote), folded(&m.quote));
    let (mut added, mut removed) = (Vec::new(), Vec::new());
    let (mut nums_added, mut nums_removed) = (Vec::new(), Vec::new());
    for op in &p.diff {
        match op {
            DiffOp::Insert { text, .. } => {
                added.push(text.clone());
                nums_added.extend(folded(text).into_iter().filter(|w| is_number(w)));
            }
            DiffOp::Delete { text, .. } => {
                removed.push(text.clone());
                nums_removed.extend(folded(text).into_iter().filter(|w| is_number(w)));
            }
            DiffOp::Equal { .. } => {}
        }
    }
    let speaker = match (&src.speaker, &m.speaker) {
        (Some(a), Some(b)) if a != b => Some(SpeakerChange {
            from: a.clone(),
            to: b.clone(),
        }),
        _ => None,
    };
    let quotation_marks = match (src.quoted, m.quoted) {
        (true, false) => Some("removed".to_string()),
        (false, true) => Some("added".to_string()),
        _ => None,
    };
    let rendering = if added.is_empty() && removed.is_empty() {
        Rendering::Verbatim
    } else if p.equal as f64 >= EDITED_SHARE * p.len_a.max(p.len_b) as f64 {
        Rendering::Edited
    } else {
        Rendering::Paraphrase
    };
    Changes {
        hedges_added: gained(&fa, &fb, HEDGES),
        hedges_dropped: gained(&fb, &fa, HEDGES),
        roles_added: gained(&fa, &fb, ROLES),
        roles_dropped: gained(&fb, &fa, ROLES),
        added,
        removed,
        numbers_removed: nums_removed,
        numbers_added: nums_added,
        speaker,
        quotation_marks,
        rendering,
        marks: marks(&p.diff, Side::B, &m.quote, m.quote_start),
        source_marks: marks(&p.diff, Side::A, &src.quote, src.quote_start),
        diff: p.diff,
    }
}

/// The order of the members: dated first by date, then document order.
fn order(st: &Statement) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..st.members.len()).collect();
    idx.sort_by_key(|&i| {
        let m = &st.members[i];
        let day = m
            .date
            .as_deref()
            .and_then(crate::Date::parse)
            .map_or(i64::MAX, crate::Date::to_days);
        (day, m.doc, m.start)
    });
    idx
}

/// The best link score between members `a` and `b` (indices into the
/// statement's members).
fn link_score(links: &[Link], a: usize, b: usize) -> Option<f64> {
    links
        .iter()
        .filter(|l| (l.a, l.b) == (a, b) || (l.a, l.b) == (b, a))
        .map(|l| l.score)
        .reduce(f64::max)
}

/// Whether `m` (unquoted) attributes its words: a reporting verb, or the
/// surname of `speaker`.
fn attributes(m: &StatementMember, speaker: Option<&str>) -> bool {
    let words = folded(&m.quote);
    let surname = speaker
        .and_then(|s| folded(s).pop())
        .filter(|s| s.len() > 2);
    words
        .iter()
        .any(|w| REPORTING.contains(&w.as_str()) || surname.as_deref() == Some(w.as_str()))
}

/// The trail of a statement.
pub fn trail(st: &Statement) -> Trail {
    let ord = order(st);
    let ms = &st.members;
    let mut steps: Vec<Step> = Vec::with_capacity(ord.len());
    for (k, &i) in ord.iter().enumerate() {
        let m = &ms[i];
        // The likely source: the best-linked earlier member of another
        // document, else the one sharing most words in order.
        let earlier = ord[..k]
            .iter()
            .enumerate()
            .filter(|(_, &j)| ms[j].doc != m.doc);
        let linked = earlier
            .clone()
            .filter_map(|(sk, &j)| link_score(&st.links, i, j).map(|s| (sk, s)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let shared = || {
            earlier
                .clone()
                .map(|(sk, &j)| (sk, Pair::new(&ms[j], m).share_of_shorter()))
                .filter(|x| x.1 >= SOURCE_SHARE)
                .max_by(|a, b| a.1.total_cmp(&b.1))
        };
        let source = linked.or_else(shared);
        let relation = match (k, source) {
            (0, _) => Relation::FirstSeen,
            (_, Some(_)) => Relation::Derived,
            _ if ord[..k].iter().any(|&j| ms[j].doc == m.doc) => Relation::SameDocument,
            _ => Relation::Independent,
        };
        let changes = source.map(|(sk, _)| {
            let src = &ms[ord[sk]];
            changes(src, m, Pair::new(src, m))
        });
        steps.push(Step {
            member: i,
            doc: m.doc,
            file: m.file.clone(),
            outlet: m.outlet.clone(),
            date: m.date.clone(),
            speaker: m.speaker.clone(),
            quoted: m.quoted,
            text: m.quote.clone(),
            first_seen: k == 0,
            relation,
            source: source.map(|x| x.0),
            similarity: source.map_or(0.0, |x| x.1),
            changes,
        });
    }
    let mut missing_dates: Vec<String> = steps
        .iter()
        .filter(|s| s.date.is_none())
        .map(|s| s.file.clone())
        .collect();
    missing_dates.dedup();
    let flags = flags(st, &ord);
    Trail {
        steps,
        missing_dates,
        flags,
    }
}

/// The flags over every pair of members of different documents, in trail
/// order (`ord`: step → member).
fn flags(st: &Statement, ord: &[usize]) -> Vec<Flag> {
    let ms = &st.members;
    let mut out = Vec::new();
    for x in 0..ord.len() {
        for y in x + 1..ord.len() {
            let (a, b) = (&ms[ord[x]], &ms[ord[y]]);
            if a.doc == b.doc {
                continue;
            }
            let p = Pair::new(a, b);
            let compatible = match (&a.speaker, &b.speaker) {
                (Some(s), Some(t)) => s == t,
                _ => true,
            };
            let mut found = Vec::new();
            if a.quoted
                && b.quoted
                && compatible
                && p.stretch_density() >= SAME_STATEMENT
                && p.replaces_words()
            {
                found.push((FlagKind::QuoteDiffers, y, x));
            }
            if let (Some(s), Some(t)) = (&a.speaker, &b.speaker) {
                if s != t && p.share_of_shorter() >= SAME_WORDS {
                    found.push((FlagKind::AttributionDiffers, y, x));
                }
            }
            if a.quoted != b.quoted {
                let (q, u, qs, us) = if a.quoted { (a, b, x, y) } else { (b, a, y, x) };
                let len_q = if a.quoted { p.len_a } else { p.len_b };
                if u.speaker.is_none()
                    && !u.quote.contains(QUOTE_MARKS)
                    && p.equal as f64 >= UNATTRIBUTED_SHARE * len_q.max(1) as f64
                    && !attributes(u, q.speaker.as_deref())
                {
                    found.push((FlagKind::Unattributed, us, qs));
                }
            }
            for (kind, step, other) in found {
                // The diff from the other member to the flagged one.
                let (o, f) = (&ms[ord[other]], &ms[ord[step]]);
                let d = exact_diff(&o.quote, o.quote_start, &f.quote, f.quote_start);
                out.push(Flag {
                    kind,
                    label: kind.label().to_string(),
                    step,
                    other,
                    doc: f.doc,
                    marks: marks(&d, Side::B, &f.quote, f.quote_start),
                    other_marks: marks(&d, Side::A, &o.quote, o.quote_start),
                    diff: d,
                });
            }
        }
    }
    out
}

/// The documents each flag kind is about, over `statements` (sorted,
/// distinct): the search filters `flag:quote-differs`, … read these.
pub fn flagged_docs(statements: &[Statement], kind: FlagKind) -> Vec<DocId> {
    let mut out: Vec<DocId> = statements
        .iter()
        .flat_map(|s| s.trail.flags.iter())
        .filter(|f| f.kind == kind)
        .map(|f| f.doc)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(
        doc: DocId,
        date: Option<&str>,
        speaker: Option<&str>,
        text: &str,
        quoted: bool,
    ) -> StatementMember {
        StatementMember {
            doc,
            file: format!("f{doc}"),
            outlet: Some(format!("outlet {doc}")),
            date: date.map(str::to_string),
            speaker: speaker.map(str::to_string),
            text: text.to_string(),
            start: 0,
            end: text.len(),
            sentence_start: 0,
            sentence_end: text.len(),
            quote: text.to_string(),
            quote_start: 0,
            quote_end: text.len(),
            quoted,
        }
    }

    fn statement(members: Vec<StatementMember>, links: &[(usize, usize, f64)]) -> Statement {
        let links = links
            .iter()
            .map(|&(a, b, score)| Link {
                a,
                b,
                score,
                a_start: 0,
                a_end: 0,
                b_start: 0,
                b_end: 0,
                diff: Vec::new(),
                a_marks: Vec::new(),
                b_marks: Vec::new(),
            })
            .collect();
        let mut st = Statement {
            score: 1.0,
            members,
            links,
            trail: Trail::default(),
        };
        st.trail = trail(&st);
        st
    }

    #[test]
    fn misquote_is_derived_and_flagged_with_the_exact_words() {
        let st = statement(
            vec![
                member(1, Some("2022-02-14"), Some("Lavrov"), "I must say that there is always a chances", true),
                member(0, Some("2022-02-14"), Some("Lavrov"), "Being the head of the Foreign Ministry, I have to say there is always a chance.", true),
            ],
            &[(0, 1, 0.9)],
        );
        let t = &st.trail;
        assert_eq!(t.steps[0].doc, 0, "same date: document order decides");
        assert!(t.steps[0].first_seen);
        assert_eq!(t.steps[1].relation, Relation::Derived);
        assert_eq!(t.steps[1].source, Some(0));
        let c = t.steps[1].changes.as_ref().expect("changes");
        assert!(c.added.iter().any(|w| w == "chances"), "{c:?}");
        assert!(c.removed.iter().any(|w| w.contains("chance")), "{c:?}");
        assert!(c.roles_dropped.contains(&"head".to_string()), "{c:?}");
        let joined: String = c.marks.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(joined, "I must say that there is always a chances");
        let f = &t.flags[0];
        assert_eq!(f.kind, FlagKind::QuoteDiffers);
        assert_eq!((f.step, f.doc), (1, 1));
        assert_eq!(
            flagged_docs(std::slice::from_ref(&st), FlagKind::QuoteDiffers),
            vec![1]
        );
    }

    #[test]
    fn excerpt_is_not_a_misquote() {
        let st = statement(
            vec![
                member(
                    0,
                    Some("2022-01-01"),
                    None,
                    "the talks cannot continue forever, but at this stage we will go on",
                    true,
                ),
                member(
                    1,
                    Some("2022-01-02"),
                    None,
                    "the talks cannot continue forever",
                    true,
                ),
            ],
            &[(0, 1, 0.8)],
        );
        assert!(st.trail.flags.is_empty(), "{:?}", st.trail.flags);
        let c = st.trail.steps[1].changes.as_ref().expect("changes");
        assert_eq!(c.rendering, Rendering::Paraphrase);
    }

    #[test]
    fn attribution_and_unattributed_and_hedges() {
        let st = statement(
            vec![
                member(
                    0,
                    Some("2022-01-01"),
                    Some("Ann Lee"),
                    "the plant will close in 2023 and 300 jobs will go",
                    true,
                ),
                member(
                    1,
                    Some("2022-01-02"),
                    Some("Bob Ray"),
                    "the plant will close in 2023 and 300 jobs will go",
                    true,
                ),
                member(
                    2,
                    Some("2022-01-03"),
                    None,
                    "The plant may close in 2024 and 300 jobs will go.",
                    false,
                ),
            ],
            &[(0, 1, 0.95), (0, 2, 0.7)],
        );
        let kinds: Vec<FlagKind> = st.trail.flags.iter().map(|f| f.kind).collect();
        assert!(kinds.contains(&FlagKind::AttributionDiffers), "{kinds:?}");
        assert!(kinds.contains(&FlagKind::Unattributed), "{kinds:?}");
        let c = st.trail.steps[2].changes.as_ref().expect("changes");
        assert_eq!(c.hedges_added, ["may"]);
        assert_eq!(
            (c.numbers_removed.as_slice(), c.numbers_added.as_slice()),
            (&["2023".to_string()][..], &["2024".to_string()][..])
        );
        assert_eq!(c.quotation_marks.as_deref(), Some("removed"));
        assert_eq!(c.speaker, None, "an unknown speaker is no change");
        assert_eq!(
            st.trail.steps[1]
                .changes
                .as_ref()
                .and_then(|c| c.speaker.clone())
                .map(|s| s.to),
            Some("Bob Ray".into())
        );
    }

    #[test]
    fn undated_members_come_last_and_are_named() {
        let st = statement(
            vec![
                member(
                    0,
                    None,
                    None,
                    "no state will strengthen its security at the expense of others",
                    false,
                ),
                member(
                    1,
                    Some("2022-01-02"),
                    None,
                    "no state will strengthen its security at the expense of others",
                    false,
                ),
            ],
            &[(0, 1, 1.0)],
        );
        assert_eq!(st.trail.steps[0].doc, 1);
        assert_eq!(st.trail.missing_dates, ["f0"]);
        assert_eq!(st.trail.steps[1].relation, Relation::Derived);
        assert_eq!(
            st.trail.steps[1].changes.as_ref().map(|c| c.rendering),
            Some(Rendering::Verbatim)
        );
    }
}
