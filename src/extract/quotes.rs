//! Direct quotations, transcript turns and their speakers.
//!
//! 1. Quote marks are paired paragraph by paragraph (“”, "", «», „“, and
//!    ‘’ at word edges); misdirected marks are read by position, an
//!    unclosed quote runs into the next paragraph when that one opens with
//!    a quote mark (the newswire convention for long quotes), else it ends
//!    with its paragraph.
//! 2. Transcript turns: a paragraph opening with a name label ("S.V.
//!    Lavrov:") and the following paragraphs until the next label.
//! 3. Each quote's attribution cue is looked for right after it ("...,”
//!    Lavrov said", "said Lavrov") and before it in its sentence ("Lavrov
//!    said: “...", "according to X", "X told Sputnik that “...").
//! 4. The cue's subject is resolved to a person: names through the entity
//!    canonicals, pronouns to the most recent person mention, role nouns
//!    ("the minister", "Russia’s top diplomat") to the most recent person
//!    whose printed titles fit.
//! 5. Short unattributed noun phrases in quotes are scare quotes.
//!
//! Spans follow PolNeAR's convention for direct quotes: the content
//! includes its quote marks. A quote embedded in a reporting clause ("would
//! be “a better path”") is kept as direct when attributed and speech-like,
//! and flagged [`Quote::partial`] (PolNeAR's content would be the whole
//! clause).

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::entities::{expand_roles, nationality, tokens, Entity, EntityKind, Tok};
use super::gazetteer;
use crate::text::calendar;

/// What a quote is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Reported speech in quote marks.
    Direct,
    /// A speaker's turn in a transcript.
    Turn,
    /// Scare quotes, titles, quoted terms: not speech.
    Scare,
}

impl QuoteKind {
    /// "direct", "turn" or "scare".
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Turn => "turn",
            QuoteKind::Scare => "scare",
        }
    }
}

/// A quotation and who said it. Offsets are bytes into the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Start of the quote (its opening mark; the turn's first word).
    pub start: usize,
    /// End of the quote (after its closing mark).
    pub end: usize,
    /// Direct, turn or scare.
    pub kind: QuoteKind,
    /// True for a quote embedded in the reporting clause.
    pub partial: bool,
    /// The speaker's canonical name (or the cue subject as written when it
    /// is not a person: "the document").
    pub speaker: Option<String>,
    /// The mention naming the speaker: the cue's subject when it is a
    /// name, else the name the pronoun or role noun resolves to.
    pub speaker_span: Option<(usize, usize)>,
    /// The cue's subject as written ("he", "the minister", "Lavrov").
    pub source_span: Option<(usize, usize)>,
    /// The attribution verb ("said", "pointed out", "according to").
    pub cue: Option<String>,
    /// Where the cue verb is.
    pub cue_span: Option<(usize, usize)>,
}

/// Speech and attribution verbs (all forms that introduce a quote).
const CUE_VERBS: &[&str] = &[
    "say",
    "says",
    "said",
    "saying",
    "tell",
    "tells",
    "told",
    "add",
    "adds",
    "added",
    "adding",
    "note",
    "notes",
    "noted",
    "noting",
    "stress",
    "stresses",
    "stressed",
    "stressing",
    "emphasize",
    "emphasizes",
    "emphasized",
    "emphasizing",
    "emphasise",
    "emphasised",
    "emphasises",
    "highlight",
    "highlights",
    "highlighted",
    "specify",
    "specifies",
    "specified",
    "elaborate",
    "elaborates",
    "elaborated",
    "warn",
    "warns",
    "warned",
    "warning",
    "claim",
    "claims",
    "claimed",
    "assert",
    "asserts",
    "asserted",
    "explain",
    "explains",
    "explained",
    "report",
    "reports",
    "reported",
    "urge",
    "urges",
    "urged",
    "state",
    "states",
    "stated",
    "declare",
    "declares",
    "declared",
    "announce",
    "announces",
    "announced",
    "insist",
    "insists",
    "insisted",
    "argue",
    "argues",
    "argued",
    "remark",
    "remarked",
    "comment",
    "commented",
    "write",
    "writes",
    "wrote",
    "ask",
    "asks",
    "asked",
    "reply",
    "replies",
    "replied",
    "respond",
    "responded",
    "answer",
    "answered",
    "acknowledge",
    "acknowledged",
    "admit",
    "admits",
    "admitted",
    "recall",
    "recalls",
    "recalled",
    "underline",
    "underlined",
    "underscore",
    "underscored",
    "observe",
    "observed",
    "suggest",
    "suggested",
    "assure",
    "assured",
    "reaffirm",
    "reaffirmed",
    "affirm",
    "affirmed",
    "promise",
    "promised",
    "concede",
    "conceded",
    "confirm",
    "confirmed",
    "deny",
    "denied",
    "predict",
    "predicted",
    "mention",
    "mentioned",
    "tweet",
    "tweeted",
    "tweets",
    "reads",
    "indicate",
    "indicated",
    "expressed",
    "continue",
    "continued",
    "continues",
    "quipped",
    "joked",
    "shouted",
    "recounted",
    "testified",
    "cautioned",
    "complained",
    "vowed",
    "boasted",
    "countered",
    "conclude",
    "concluded",
    "cited",
    "quoted",
    "posted",
    "wrote",
    "told",
    "describe",
    "described",
    "called",
    "calls",
    "believes",
    "believed",
    "thinks",
    "hopes",
    "hoped",
    "lamented",
    "demanded",
    "demands",
    "proclaimed",
    "exclaimed",
    "blasted",
    "charged",
    "retorted",
    "agreed",
    "agrees",
    "detailing",
    "explaining",
    "urging",
    "insisting",
    "pointed",
    "points",
    "mused",
    "questioned",
    "wondered",
    "yelled",
    "screamed",
    "chanted",
    "cried",
    "pleaded",
    "sighed",
    "laughed",
    "scoffed",
    "snapped",
    "begins",
    "offered",
    "advised",
    "posted",
    "texted",
    "emailed",
    "opined",
    "speculated",
    "reiterated",
    "repeated",
    "interjected",
    "pressed",
    "challenged",
    "protested",
    "objected",
    "ventured",
    "summarized",
    "pledged",
    "swore",
    "maintained",
    "contended",
    "reasoned",
    "grumbled",
    "teased",
    "mocked",
    "taunted",
    "bragged",
    "gushed",
    "raved",
    "praised",
    "thanked",
    "apologized",
    "clarified",
    "recalls",
    "quips",
    "writes",
    "notes",
    "adds",
    "explains",
    "warns",
    "argues",
    "insists",
    "read",
    "tells",
    "asks",
    "jabbed",
    "retaliated",
    "barked",
    "shot",
    "fired",
    "announces",
    "stresses",
    "claims",
    "continues",
];

/// Words between a subject and its verb, or before the verb's subject
/// (weekdays too: [`is_aux`]).
const AUX: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "then",
    "was",
    "is",
    "further",
    "once",
    "again",
    "later",
    "previously",
    "repeatedly",
    "earlier",
    "reportedly",
    "publicly",
    "recently",
    "already",
    "would",
    "will",
    "did",
    "does",
    "do",
    "not",
    "only",
    "just",
    "even",
    "still",
    "however",
    "on",
    "today",
    "yesterday",
    "tonight",
    "last",
    "week",
    "night",
    "in",
    "an",
    "interview",
    "separately",
    "directly",
    "bluntly",
    "flatly",
    "openly",
    "firmly",
    "clearly",
    "simply",
];

/// Verbs whose following noun phrase is the hearer or the target, never
/// an inverted subject ("told CBS", "urged Moscow").
const OBJECT_VERBS: &[&str] = &[
    "told",
    "tell",
    "tells",
    "urged",
    "urge",
    "urges",
    "warned",
    "warn",
    "warns",
    "asked",
    "ask",
    "asks",
    "thanked",
    "praised",
    "mocked",
    "taunted",
    "advised",
    "assured",
    "pressed",
    "challenged",
    "called",
    "calls",
    "described",
    "quoted",
    "cited",
    "emailed",
    "texted",
];

/// Words that are never the subject after an inverted verb (weekdays too).
const NOT_SUBJECTS: &[&str] = &[
    "today",
    "yesterday",
    "tonight",
    "last",
    "earlier",
    "later",
    "in",
    "on",
    "at",
    "of",
    "that",
    "this",
    "to",
    "for",
    "with",
    "during",
    "after",
    "before",
    "when",
    "while",
    "and",
    "but",
    "so",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "i", "we", "who", "you", "it"];

/// Words that make a short quoted fragment speech rather than a term.
const SPEECHY: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "will", "would", "can", "could", "must",
    "should", "may", "might", "shall", "have", "has", "had", "do", "does", "did", "don't", "not",
    "no", "cannot", "won't", "can't", "we", "i", "you", "they", "he", "she", "it", "our", "us",
    "my", "me", "your", "their", "there", "this", "let's", "let’s", "don’t", "won’t", "can’t",
    "it’s", "it's", "i'm", "i’m", "we're", "we’re",
];

fn is_cue_at(text: &str, toks: &[Tok], v: usize) -> bool {
    is_cue_verb(&text[toks[v].clone()]) && !(v > 0 && lower(text, &toks[v - 1]) == "to")
}

fn is_cue_verb(w: &str) -> bool {
    // Verbs are lower-case; "States" is not "states".
    w.chars().next().is_some_and(char::is_lowercase) && CUE_VERBS.contains(&w)
}

fn is_open_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‘' | '’' | '\'')
}

/// Byte ranges of the non-empty lines of `text`, trimmed.
pub(crate) fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let s = pos;
        pos += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        let trimmed = body.trim();
        if !trimmed.is_empty() {
            out.push(s + lead..s + lead + trimmed.len());
        }
    }
    out
}

/// A transcript turn: label span, content span, paragraphs covered.
#[derive(Debug, Clone)]
struct TurnSpan {
    label: Range<usize>,
    content: Range<usize>,
}

/// The speaker label at the start of paragraph `p`, when there is one
/// ("S.V. Lavrov", "Sergey Lavrov", "V.V. Putin").
fn speaker_label(text: &str, p: &Range<usize>) -> Option<Range<usize>> {
    let para = &text[p.clone()];
    let colon = para.find(':')?;
    if colon == 0 || colon > 40 {
        return None;
    }
    let label = para[..colon].trim();
    let after = &para[colon + 1..];
    if !after.starts_with(char::is_whitespace) || after.trim().is_empty() {
        return None;
    }
    let words: Vec<&str> = label.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return None;
    }
    let all_cap = words.iter().all(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            || matches!(*w, "de" | "van" | "von" | "le" | "al" | "bin")
    });
    if !all_cap {
        return None;
    }
    let has_initials = words.iter().any(|w| w.contains('.') && w.len() <= 6);
    let looks_name = has_initials
        || (words.len() >= 2
            && words.iter().all(|w| {
                w.chars()
                    .skip(1)
                    .all(|c| c.is_lowercase() || c == '-' || c == '\'')
                    && !gazetteer::NEVER_ENTITIES.contains(&w.to_lowercase().as_str())
            })
            && gazetteer::canonical_of(label).is_none());
    if !looks_name {
        return None;
    }
    Some(p.start..p.start + label.len())
}

/// A label-like opening that ends a turn ("Source:", "Photo:").
fn is_non_speaker_label(text: &str, p: &Range<usize>) -> bool {
    let para = &text[p.clone()];
    if para.chars().all(|c| !c.is_alphanumeric()) {
        return true; // "***", "---"
    }
    match para.find(':') {
        Some(c) if c > 0 && c < 25 => {
            let l = &para[..c];
            !l.contains(' ') && l.chars().next().is_some_and(char::is_uppercase)
        }
        _ => false,
    }
}

fn find_turns(text: &str, paras: &[Range<usize>]) -> Vec<TurnSpan> {
    let mut out: Vec<TurnSpan> = Vec::new();
    let mut i = 0;
    while i < paras.len() {
        let Some(label) = speaker_label(text, &paras[i]) else {
            i += 1;
            continue;
        };
        let colon = text[label.end..paras[i].end]
            .find(':')
            .map_or(label.end, |c| label.end + c + 1);
        let body = &text[colon..paras[i].end];
        let start = colon + (body.len() - body.trim_start().len());
        let mut end = paras[i].end;
        let mut j = i + 1;
        while j < paras.len()
            && speaker_label(text, &paras[j]).is_none()
            && !is_non_speaker_label(text, &paras[j])
        {
            end = paras[j].end;
            j += 1;
        }
        out.push(TurnSpan {
            label,
            content: start..end,
        });
        i = j;
    }
    // A transcript has several turns; one label is a headline ("Ann
    // Coulter: And Then There Was One").
    if out.len() < 2 {
        out.clear();
    }
    out
}

/// A paired quotation before analysis.
#[derive(Debug, Clone)]
struct RawQuote {
    start: usize,
    end: usize,
    /// Index of the paragraph holding the opening mark.
    para: usize,
    /// Index of the paragraph holding the end.
    end_para: usize,
}

fn find_raw_quotes(text: &str, paras: &[Range<usize>]) -> Vec<RawQuote> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None; // (byte, paragraph)
    for (pi, p) in paras.iter().enumerate() {
        let para = &text[p.clone()];
        // Characters, with the typewriter doubles '' and `` read as one
        // double quote mark (the New York Times style).
        let mut chars: Vec<(usize, char, usize)> = Vec::with_capacity(para.len());
        let mut it = para.char_indices().peekable();
        while let Some((off, c)) = it.next() {
            if (c == '\'' || c == '`') && it.peek().is_some_and(|&(_, n)| n == c) {
                it.next();
                chars.push((off, '"', 2));
            } else {
                chars.push((off, c, c.len_utf8()));
            }
        }
        let mut skip_first = false;
        if open.is_some() {
            // A continued quote reopens with a mark at the paragraph start.
            skip_first = chars.first().is_some_and(|&(_, c, _)| is_open_mark(c));
        }
        for (k, &(off, c, clen)) in chars.iter().enumerate() {
            if k == 0 && skip_first {
                continue;
            }
            let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
            let next = chars.get(k + 1).map(|x| x.1);
            let left_edge = prev.is_none_or(|ch| {
                ch.is_whitespace() || "([{—–-/:".contains(ch) || is_quote_char(ch)
            });
            let right_edge = next.is_none_or(|ch| {
                ch.is_whitespace()
                    || ch.is_ascii_punctuation()
                    || "—–…".contains(ch)
                    || is_quote_char(ch)
            });
            let pos = p.start + off;
            let double = is_open_mark(c);
            let single_open = c == '‘' && left_edge;
            let single_close =
                c == '’' && right_edge && open.is_some_and(|(o, _)| text[o..].starts_with('‘'));
            if !(double || single_open || single_close) {
                continue;
            }
            match open {
                None => {
                    let opener = match c {
                        '”' | '»' => left_edge && !right_edge,
                        '’' => false,
                        _ => !right_edge || left_edge,
                    };
                    if opener && next.is_some_and(|ch| !ch.is_whitespace()) {
                        open = Some((pos, pi));
                    }
                }
                Some((o, op)) => {
                    let o_single = text[o..].starts_with('‘');
                    if o_single != (c == '‘' || c == '’') {
                        continue;
                    }
                    if right_edge || !left_edge {
                        let end = pos + clen;
                        out.push(RawQuote {
                            start: o,
                            end,
                            para: op,
                            end_para: pi,
                        });
                        open = None;
                    } else {
                        // An opener while open: the earlier mark was stray.
                        open = Some((pos, pi));
                    }
                }
            }
        }
        if let Some((o, op)) = open {
            let continues = paras.get(pi + 1).is_some_and(|n| {
                let t = &text[n.clone()];
                t.chars().next().is_some_and(is_open_mark)
                    || t.starts_with("''")
                    || t.starts_with("``")
            });
            if !continues {
                out.push(RawQuote {
                    start: o,
                    end: p.end,
                    para: op,
                    end_para: pi,
                });
                open = None;
            }
        }
    }
    out.retain(|q| q.end > q.start + 2);
    out
}

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

#[derive(Debug, Clone)]
struct Cue {
    verb: Range<usize>,
    subject: Range<usize>,
}

/// An auxiliary, adverb or time word that may stand between a subject and
/// its verb ("Lavrov on Monday said").
fn is_aux(word: &str) -> bool {
    AUX.contains(&word) || calendar::weekday(word).is_some()
}

fn lower(text: &str, t: &Tok) -> String {
    text[t.clone()].to_lowercase()
}

fn is_word(text: &str, t: &Tok) -> bool {
    text[t.clone()].chars().any(char::is_alphanumeric)
}

fn is_cap(text: &str, t: &Tok) -> bool {
    text[t.clone()]
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// A noun-phrase word of a subject: a name part, a role or modifier, an
/// article or possessive.
fn np_word(text: &str, t: &Tok) -> bool {
    let w = &text[t.clone()];
    let l = w.to_lowercase();
    is_cap(text, t)
        || gazetteer::ROLES.contains(&l.as_str())
        || matches!(
            l.as_str(),
            "the"
                | "’s"
                | "'s"
                | "foreign"
                | "defense"
                | "defence"
                | "top"
                | "chief"
                | "deputy"
                | "former"
                | "russian"
                | "senior"
                | "press"
                | "prime"
                | "vice"
                | "kremlin"
                | "de"
                | "van"
                | "von"
                | "le"
                | "al"
                | "his"
                | "her"
                | "their"
                | "general"
                | "state"
                | "white"
                | "house"
                | "national"
                | "security"
                | "u.s."
        )
}

/// Whether a subject has a word of its own: a pronoun, a name or a noun,
/// not only function words ("The", "his", "Why").
fn contentful(text: &str, r: &Range<usize>) -> bool {
    let t = text[r.clone()].to_lowercase();
    if PRONOUNS.contains(&t.as_str()) {
        return true;
    }
    tokens(text, r.clone()).iter().any(|tok| {
        let w = lower(text, tok);
        is_word(text, tok)
            && !crate::text::is_stopword(&w)
            && !matches!(w.as_str(), "why" | "how" | "what" | "where" | "when")
    })
}

/// The subject noun phrase ending right before token `v` (a verb), read
/// backwards over auxiliaries, adverbs and a trailing appositive comma.
fn subject_before(text: &str, toks: &[Tok], v: usize) -> Option<Range<usize>> {
    subject_before_raw(text, toks, v).filter(|r| contentful(text, r))
}

fn subject_before_raw(text: &str, toks: &[Tok], v: usize) -> Option<Range<usize>> {
    let mut j = v;
    while j > 0 && is_aux(&lower(text, &toks[j - 1])) {
        j -= 1;
    }
    // "Rep. Gwen Moore (D-Wis.) said": skip the parenthesis.
    if j > 1 && &text[toks[j - 1].clone()] == ")" {
        let mut k = j - 1;
        while k > 0 && &text[toks[k].clone()] != "(" && j - k < 8 {
            k -= 1;
        }
        if &text[toks[k].clone()] == "(" {
            j = k;
        }
    }
    // "X, for his part, said" / "Danilov, has pointed out".
    if j > 0 && &text[toks[j - 1].clone()] == "," {
        let mut k = j - 1;
        // Skip a short parenthetical ", for his part,".
        let mut m = k;
        let mut n = 0;
        while m > 0 && n < 5 && &text[toks[m - 1].clone()] != "," {
            m -= 1;
            n += 1;
        }
        if m > 0 && n > 0 && n < 5 && !toks[m..k].iter().any(|t| is_cap(text, t)) {
            k = m - 1;
        }
        j = k;
    }
    let end = j;
    while j > 0 && np_word(text, &toks[j - 1]) && end - j < 8 {
        j -= 1;
    }
    // Sentence openers are no part of the subject ("But Mr. Trump").
    while j < end
        && is_cap(text, &toks[j])
        && matches!(
            lower(text, &toks[j]).as_str(),
            "but"
                | "and"
                | "so"
                | "then"
                | "alongside"
                | "meanwhile"
                | "yet"
                | "still"
                | "also"
                | "now"
                | "instead"
                | "later"
                | "earlier"
                | "however"
                | "asked"
                | "after"
                | "before"
                | "when"
                | "while"
                | "in"
                | "on"
                | "at"
                | "if"
                | "as"
        )
    {
        j += 1;
    }
    if j == end {
        // A lone pronoun.
        if end > 0 && PRONOUNS.contains(&lower(text, &toks[end - 1]).as_str()) {
            return Some(toks[end - 1].clone());
        }
        return None;
    }
    // A pronoun right before a role word is not part of it ("he minister").
    Some(toks[j].start..toks[end - 1].end)
}

/// The subject noun phrase starting at token `i` (after a verb: "said
/// Lavrov", "said the minister").
fn subject_after(text: &str, toks: &[Tok], i: usize) -> Option<Range<usize>> {
    subject_after_raw(text, toks, i).filter(|r| contentful(text, r))
}

fn subject_after_raw(text: &str, toks: &[Tok], i: usize) -> Option<Range<usize>> {
    let first = toks.get(i)?;
    let fl = lower(text, first);
    if NOT_SUBJECTS.contains(&fl.as_str()) || calendar::weekday(&fl).is_some() {
        return None;
    }
    if PRONOUNS.contains(&fl.as_str()) {
        return Some(first.clone());
    }
    if matches!(
        fl.as_str(),
        "a" | "an"
            | "one"
            | "another"
            | "two"
            | "several"
            | "some"
            | "the"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
    ) {
        // "said a Nevada Democrat", "said one owner of a shop".
        let mut j = i + 1;
        while j < toks.len()
            && j - i < 7
            && is_word(text, &toks[j])
            && !is_cue_verb(&text[toks[j].clone()])
        {
            j += 1;
        }
        return (j > i + 1).then(|| first.start..toks[j - 1].end);
    }
    let mut j = i;
    loop {
        while j < toks.len() && np_word(text, &toks[j]) && j - i < 10 {
            j += 1;
        }
        // "Blaze co-host Stu Burguiere": a hyphenated or lower-case title
        // between capitalized words.
        let bridge = (j..toks.len().min(j + 4)).find(|&k| is_cap(text, &toks[k]));
        let bridgeable = j > i
            && bridge.is_some_and(|b| {
                toks[j..b].iter().all(|t| {
                    let w = &text[t.clone()];
                    w == "-" || w.chars().all(|c| c.is_lowercase() || c == '-')
                })
            });
        match bridge {
            Some(b) if bridgeable && b > j && j - i < 10 => j = b,
            _ => break,
        }
    }
    if j == i {
        return None;
    }
    Some(toks[i].start..toks[j - 1].end)
}

/// The cue in the tokens right after a quote: "..., Lavrov said", "said
/// Lavrov", "the minister added".
fn cue_after(text: &str, toks: &[Tok]) -> Option<Cue> {
    let mut i = 0;
    let mut dash: Option<usize> = None;
    while i < toks.len() && !is_word(text, &toks[i]) {
        if matches!(&text[toks[i].clone()], "―" | "—" | "–" | "-") {
            dash = Some(i);
        }
        if matches!(&text[toks[i].clone()], "." | "?" | "!")
            && i + 1 < toks.len()
            && is_cap(text, &toks[i + 1])
        {
            return None;
        }
        i += 1;
    }
    let first = toks.get(i)?;
    if let Some(d) = dash {
        // “...” ― Sonya Herridge (a signed quote).
        if is_cap(text, first) {
            if let Some(s) = subject_after(text, toks, i) {
                return Some(Cue {
                    verb: toks[d].clone(),
                    subject: s,
                });
            }
        }
    }
    if is_cue_verb(&text[first.clone()]) {
        // "said Lavrov"; but "told CBS" names the hearer.
        if OBJECT_VERBS.contains(&lower(text, first).as_str()) {
            return None;
        }
        let s = subject_after(text, toks, i + 1)?;
        return Some(Cue {
            verb: first.clone(),
            subject: s,
        });
    }
    // "Melanne Verveer, who served as ..., told CBS News": a name, an
    // appositive between commas, then the verb.
    if is_cap(text, first) {
        if let Some(np) = subject_after(text, toks, i) {
            let mut k = i;
            while k < toks.len() && toks[k].end <= np.end {
                k += 1;
            }
            if toks.get(k).is_some_and(|t| &text[t.clone()] == ",") {
                // Up to the first speech verb that follows a comma ("...,
                // 67, a retired teacher in Allentown, Pa., said").
                let mut m = k + 1;
                while m < toks.len() && m < k + 40 {
                    if sentence_stop(text, toks, m) {
                        break;
                    }
                    if is_cue_at(text, toks, m) {
                        let mut b = m;
                        while b > k && is_aux(&lower(text, &toks[b - 1])) {
                            b -= 1;
                        }
                        if b > k + 1 && &text[toks[b - 1].clone()] == "," {
                            return Some(Cue {
                                verb: verb_span(text, toks, m),
                                subject: np,
                            });
                        }
                        break;
                    }
                    m += 1;
                }
            }
        }
    }
    if lower(text, first) == "according" && toks.get(i + 1).is_some_and(|t| lower(text, t) == "to")
    {
        let s = subject_after(text, toks, i + 2)?;
        return Some(Cue {
            verb: first.start..toks[i + 1].end,
            subject: s,
        });
    }
    // Subject first: a verb within the clause ("Rep. Gwen Moore (D-Wis.)
    // said", "panel Chairman Jason Chaffetz said").
    for v in i + 1..toks.len().min(i + 16) {
        if sentence_stop(text, toks, v) {
            return None;
        }
        if !is_cue_at(text, toks, v) {
            continue;
        }
        let fl = lower(text, first);
        if PRONOUNS.contains(&fl.as_str()) && v - i <= 4 {
            // "She followed that by saying".
            return Some(Cue {
                verb: verb_span(text, toks, v),
                subject: first.clone(),
            });
        }
        let determiner = matches!(
            fl.as_str(),
            "the"
                | "a"
                | "an"
                | "one"
                | "this"
                | "that"
                | "its"
                | "his"
                | "her"
                | "their"
                | "both"
                | "each"
                | "another"
                | "some"
                | "many"
        );
        let has_cap = |r: &Range<usize>| tokens(text, r.clone()).iter().any(|t| is_cap(text, t));
        // The noun phrase right before the verb, else the leading name
        // (before an appositive), else a short determiner phrase.
        let s = subject_before(text, toks, v)
            .filter(|s| s.start >= first.start)
            .or_else(|| {
                subject_after(text, toks, i).filter(|r| {
                    has_cap(r) && !PRONOUNS.contains(&text[r.clone()].to_lowercase().as_str())
                })
            })
            .or_else(|| (determiner && v - i <= 5).then(|| first.start..toks[v - 1].end))?;
        return Some(Cue {
            verb: verb_span(text, toks, v),
            subject: s,
        });
    }
    None
}

/// Whether token `k` ends the clause: a quote mark, `!`, `?`, `;`, `:`,
/// or a period not inside an abbreviation or a parenthesis ("(D-Ore.)").
fn sentence_stop(text: &str, toks: &[Tok], k: usize) -> bool {
    let w = &text[toks[k].clone()];
    if w.chars().all(is_quote_char) || matches!(w, "!" | "?" | ";" | ":") {
        return true;
    }
    if w == "." {
        return match toks.get(k + 1) {
            None => true,
            Some(n) => {
                let nw = &text[n.clone()];
                !(nw == ")" || nw == "," || nw.chars().next().is_some_and(char::is_lowercase))
            }
        };
    }
    false
}

/// The verb at `v`, with its particle ("pointed out").
fn verb_span(text: &str, toks: &[Tok], v: usize) -> Range<usize> {
    match toks.get(v + 1) {
        Some(n) if lower(text, n) == "out" && lower(text, &toks[v]).starts_with("point") => {
            toks[v].start..n.end
        }
        _ => toks[v].clone(),
    }
}

/// The cue before a quote, in its sentence: the last speech verb and its
/// subject, or "according to X".
fn cue_before(text: &str, toks: &[Tok]) -> Option<Cue> {
    // "according to X," anywhere before.
    for i in 0..toks.len().saturating_sub(1) {
        if lower(text, &toks[i]) == "according" && lower(text, &toks[i + 1]) == "to" {
            if let Some(s) = subject_after(text, toks, i + 2) {
                return Some(Cue {
                    verb: toks[i].start..toks[i + 1].end,
                    subject: s,
                });
            }
        }
    }
    let mut v = toks.len();
    while v > 0 {
        v -= 1;
        let w = &text[toks[v].clone()];
        if w == "out" && v > 0 && lower(text, &toks[v - 1]).starts_with("point") {
            continue;
        }
        if !is_cue_at(text, toks, v) {
            continue;
        }
        // "told Sputnik": the subject is before "told"; "and urged": the
        // subject of the first verb.
        if let Some(s) = subject_before(text, toks, v) {
            let sw = text[s.clone()].to_lowercase();
            if sw == "who" {
                // "Peskov, who has argued": the name before ", who".
                let k = toks.iter().position(|t| t.start == s.start).unwrap_or(0);
                if k >= 1 {
                    let mut e = k;
                    if e > 0 && &text[toks[e - 1].clone()] == "," {
                        e -= 1;
                    }
                    if let Some(prev) = subject_before(text, &toks[..e + 1], e) {
                        return Some(Cue {
                            verb: verb_span(text, toks, v),
                            subject: prev,
                        });
                    }
                }
            }
            return Some(Cue {
                verb: verb_span(text, toks, v),
                subject: s,
            });
        }
        if v > 0 && matches!(lower(text, &toks[v - 1]).as_str(), "and" | ",") {
            continue;
        }
        // "Asked by Putin..., Lavrov said": keep looking only for "and".
        if v > 0 {
            continue;
        }
    }
    None
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
    let other = ents
        .iter()
        .enumerate()
        .filter(|(_, e)| e.start < s.end && s.start < e.end)
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
fn roles_by_canonical(ents: &[Entity]) -> Vec<(String, Vec<String>)> {
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

/// Finds quotes and turns in `text` and attributes them, using the
/// document's entities (person mentions added for resolved role nouns and
/// turn labels are appended to `ents`).
pub fn find_quotes(text: &str, sentences: &[Range<usize>], ents: &mut Vec<Entity>) -> Vec<Quote> {
    let paras = paragraphs(text);
    let turns = find_turns(text, &paras);
    // Turn labels are person mentions.
    for t in &turns {
        if !ents
            .iter()
            .any(|e| e.start < t.label.end && t.label.start < e.end)
        {
            let label = &text[t.label.clone()];
            ents.push(Entity {
                start: t.label.start,
                end: t.label.end,
                text: label.to_string(),
                kind: EntityKind::Person,
                canonical: label.to_string(),
                roles: Vec::new(),
            });
        }
    }
    for e in ents.iter_mut() {
        if turns
            .iter()
            .any(|t| t.label.start <= e.start && e.end <= t.label.end)
        {
            e.kind = EntityKind::Person;
        }
    }
    ents.sort_by_key(|e| (e.start, e.end));
    super::entities::canonicalize_people(ents);
    let roles = roles_by_canonical(ents);

    let mut out: Vec<Quote> = Vec::new();
    for t in &turns {
        let (speaker, span) = ents
            .iter()
            .find(|e| e.start < t.label.end && t.label.start < e.end)
            .map_or(
                (
                    text[t.label.clone()].to_string(),
                    (t.label.start, t.label.end),
                ),
                |e| (e.canonical.clone(), (e.start, e.end)),
            );
        out.push(Quote {
            start: t.content.start,
            end: t.content.end,
            kind: QuoteKind::Turn,
            partial: false,
            speaker: Some(speaker),
            speaker_span: Some(span),
            source_span: Some((t.label.start, t.label.end)),
            cue: None,
            cue_span: None,
        });
    }

    let raws = find_raw_quotes(text, &paras);
    let sentence_of = |pos: usize| {
        sentences
            .iter()
            .position(|s| s.start <= pos && pos < s.end.max(s.start + 1))
    };
    let mut prev_end_in_para: Option<(usize, usize)> = None; // (para, end)
    let mut last_attr: Option<(usize, Quote)> = None; // (end paragraph, quote)
    let mut sentence_cue: Option<(Option<usize>, Quote)> = None;
    for rq in &raws {
        let para = &paras[rq.para];
        let sent_idx = sentence_of(rq.start);
        let sent_start = sent_idx
            .map_or(para.start, |i| sentences[i].start)
            .max(para.start);
        let mut left_start = sent_start;
        if let Some((p, e)) = prev_end_in_para {
            if p == rq.para && e > left_start && e <= rq.start {
                left_start = e;
            }
        }
        let left_toks = tokens(text, left_start..rq.start);
        // Right context: to the next quote mark or the sentence end.
        let end_para = &paras[rq.end_para];
        let rest = &text[rq.end.min(end_para.end)..end_para.end];
        let stop = rest
            .char_indices()
            .find(|&(_, c)| matches!(c, '“' | '"' | '«' | '„'))
            .map_or(rest.len(), |(i, _)| i);
        let right_end = rq.end.min(end_para.end) + stop;
        let right_toks = tokens(text, rq.end.min(end_para.end)..right_end);

        let inner_toks = tokens(text, rq.start..rq.end);
        let words: Vec<String> = inner_toks
            .iter()
            .filter(|t| is_word(text, t))
            .map(|t| lower(text, t))
            .collect();
        let nwords = words.len();
        let speechy = words.iter().any(|w| SPEECHY.contains(&w.as_str()));
        let in_turn = turns
            .iter()
            .find(|t| t.content.start <= rq.start && rq.start < t.content.end);

        // Is the quote the start of its clause?
        let last_left: Option<String> = left_toks.last().map(|t| lower(text, t));
        let left_has_cue = left_toks.iter().any(|t| is_cue_verb(&text[t.clone()]))
            || left_toks
                .windows(2)
                .any(|w| lower(text, &w[0]) == "according" && lower(text, &w[1]) == "to");
        let clause_start = match last_left.as_deref() {
            None => true,
            Some(":") | Some("—") | Some("–") => true,
            Some(",") => left_has_cue,
            Some("that") | Some("saying") | Some("as") | Some("-") => true,
            Some(_) => left_toks
                .last()
                .is_some_and(|t| is_cue_verb(&text[t.clone()])),
        };
        let partial = !clause_start;

        // Find the cue.
        let mut cue = cue_after(text, &right_toks).filter(|_| !partial || nwords >= 1);
        if cue.is_none() && (left_has_cue || partial || matches!(last_left.as_deref(), Some(":"))) {
            cue = cue_before(text, &left_toks);
            if cue.is_none() && left_start > sent_start {
                cue = cue_before(text, &tokens(text, sent_start..rq.start));
            }
        }
        // The sentence's own cue at its end: "..., the top diplomat
        // pointed out."
        if cue.is_none() {
            if let Some(si) = sentence_of(rq.end.saturating_sub(1)) {
                let sent = &sentences[si];
                let tail_from = text[rq.end.min(sent.end)..sent.end]
                    .rfind(|c: char| c == ',' || is_quote_char(c))
                    .map(|k| rq.end.min(sent.end) + k);
                if let Some(f) = tail_from {
                    let tail = tokens(text, f..sent.end);
                    if tail.len() <= 10 {
                        cue = cue_after(text, &tail);
                    }
                }
            }
        }
        // A colon at the end of the previous sentence: "Lavrov said:".
        if cue.is_none() && left_toks.is_empty() {
            if let Some(i) = sent_idx.filter(|&i| i > 0) {
                let prev = &sentences[i - 1];
                if text[prev.clone()].trim_end().ends_with(':') {
                    cue = cue_before(text, &tokens(text, prev.clone()));
                }
            }
        }
        // Quotes of one sentence share its cue.
        let mut shared: Option<Quote> = None;
        if cue.is_none() {
            if let Some((si, q)) = &sentence_cue {
                if *si == sent_idx && sent_idx.is_some() {
                    shared = Some(q.clone());
                }
            }
        }

        let mut q = Quote {
            start: rq.start,
            end: rq.end,
            kind: QuoteKind::Direct,
            partial,
            speaker: None,
            speaker_span: None,
            source_span: None,
            cue: None,
            cue_span: None,
        };
        if let Some(c) = &cue {
            q.cue = Some(text[c.verb.clone()].to_string());
            q.cue_span = Some((c.verb.start, c.verb.end));
            q.source_span = Some((c.subject.start, c.subject.end));
            let pos = c.subject.start.min(rq.start);
            resolve(
                text,
                &c.subject,
                pos,
                ents,
                &roles,
                in_turn.map(|t| &t.label),
                &mut q,
            );
        } else if let Some(s) = shared {
            q.cue = s.cue.clone();
            q.cue_span = s.cue_span;
            q.source_span = s.source_span;
            q.speaker = s.speaker.clone();
            q.speaker_span = s.speaker_span;
        } else if let Some(t) = in_turn.filter(|_| {
            last_left.as_deref() == Some(":")
                && left_toks
                    .iter()
                    .any(|t| matches!(lower(text, t).as_str(), "i" | "my" | "me" | "we" | "our"))
        }) {
            // "my answer was simple: “...”" inside a turn.
            if let Some(tq) = out.iter().find(|o| {
                o.kind == QuoteKind::Turn && o.source_span == Some((t.label.start, t.label.end))
            }) {
                q.speaker = tq.speaker.clone();
                q.speaker_span = tq.speaker_span;
            }
        } else if !partial {
            // A quote right after an attributed one continues it; else the
            // person last named in this or the previous paragraph.
            let recent_attr = last_attr
                .as_ref()
                .filter(|(p, lq)| rq.para <= p + 1 && lq.speaker.is_some());
            if let Some((_, lq)) = recent_attr {
                q.speaker = lq.speaker.clone();
                q.speaker_span = lq.speaker_span;
                q.source_span = lq.source_span;
            } else {
                let from = paras[rq.para.saturating_sub(1)].start;
                if let Some(e) = ents
                    .iter()
                    .rfind(|e| e.kind == EntityKind::Person && e.start >= from && e.end <= rq.start)
                {
                    q.speaker = Some(e.canonical.clone());
                    q.speaker_span = Some((e.start, e.end));
                }
            }
        }
        let attributed = q.speaker.is_some();
        q.kind = if partial {
            if attributed && (nwords >= 5 || (speechy && nwords >= 2)) {
                QuoteKind::Direct
            } else {
                QuoteKind::Scare
            }
        } else if (attributed && (nwords >= 3 || speechy)) || (nwords >= 6 && speechy) {
            QuoteKind::Direct
        } else {
            QuoteKind::Scare
        };
        if q.kind == QuoteKind::Scare {
            q.speaker = None;
            q.speaker_span = None;
            q.source_span = None;
            q.cue = None;
            q.cue_span = None;
        } else if attributed {
            last_attr = Some((rq.end_para, q.clone()));
            sentence_cue = Some((
                sentence_of(rq.end.saturating_sub(1)).or(sent_idx),
                q.clone(),
            ));
            if cue.is_some() {
                sentence_cue = Some((sent_idx, q.clone()));
            }
        }
        prev_end_in_para = Some((rq.end_para, rq.end));
        out.push(q);
    }
    out.sort_by_key(|q| (q.start, q.end));
    out
}

/// Resolves a cue subject to a speaker, filling `q.speaker` and
/// `q.speaker_span`; role nouns that resolve become person mentions.
fn resolve(
    text: &str,
    subj: &Range<usize>,
    pos: usize,
    ents: &mut Vec<Entity>,
    roles: &[(String, Vec<String>)],
    turn_label: Option<&Range<usize>>,
    q: &mut Quote,
) {
    let before = |ents: &[Entity]| -> Vec<usize> {
        let mut v: Vec<usize> = ents
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityKind::Person && e.end <= pos)
            .map(|(i, _)| i)
            .collect();
        v.reverse();
        v
    };
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
        Subject::Pronoun(p) => {
            if matches!(p.as_str(), "i" | "we") {
                if let Some(l) = turn_label {
                    if let Some(e) = ents.iter().find(|e| e.start < l.end && l.start < e.end) {
                        q.speaker = Some(e.canonical.clone());
                        q.speaker_span = Some((e.start, e.end));
                    }
                }
                return;
            }
            if let Some(&i) = before(ents).first() {
                q.speaker = Some(ents[i].canonical.clone());
                q.speaker_span = Some(name_span(ents, i, pos));
            }
        }
        Subject::Role(want) => {
            let cands = before(ents);
            let head: Vec<&String> = want
                .iter()
                .filter(|r| !r.contains(' ') && nationality(r).is_none())
                .collect();
            let nat: Vec<&String> = want.iter().filter(|r| nationality(r).is_some()).collect();
            let score = |c: &str| -> i32 {
                let Some((_, rs)) = roles.iter().find(|(n, _)| n == c) else {
                    return 0;
                };
                let mut s = 0;
                if head.iter().any(|h| rs.contains(h)) {
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
            };
            let mut best: Option<(i32, usize)> = None;
            for &i in &cands {
                let s = score(&ents[i].canonical);
                if s > 0 && best.is_none_or(|(b, _)| s > b) {
                    best = Some((s, i));
                }
            }
            let pick = best.map(|b| b.1).or_else(|| cands.first().copied());
            if let Some(i) = pick {
                let canonical = ents[i].canonical.clone();
                q.speaker = Some(canonical.clone());
                q.speaker_span = Some(name_span(ents, i, pos));
                let mention = text[subj.clone()].to_string();
                // The role phrase becomes a mention of the person; the
                // modifiers inside it ("Russian", "Russia’s") give way.
                let overlaps = |e: &Entity| e.start < subj.end && subj.start < e.end;
                if !ents
                    .iter()
                    .any(|e| overlaps(e) && e.kind == EntityKind::Person)
                {
                    ents.retain(|e| !overlaps(e));
                    let pos = ents.partition_point(|e| e.start < subj.start);
                    ents.insert(
                        pos,
                        Entity {
                            start: subj.start,
                            end: subj.end,
                            text: mention,
                            kind: EntityKind::Person,
                            canonical,
                            roles: want.clone(),
                        },
                    );
                }
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn run(t: &str) -> Vec<(String, QuoteKind, Option<String>)> {
        let s = crate::text::split_sentences(t);
        let mut e = super::super::entities::find_entities(t, &s);
        find_quotes(t, &s, &mut e)
            .into_iter()
            .map(|q| (t[q.start..q.end].to_string(), q.kind, q.speaker))
            .collect()
    }

    #[test]
    fn cue_forms() {
        let q = run("Kremlin spokesman Dmitry Peskov spoke. Foreign Minister Sergei Lavrov told Sputnik that “talks will go on for weeks.”\nAccording to Peskov, “the door is open to all.”\n“We will see what happens next,” the spokesman noted.\n“Nothing is decided yet,” the diplomat warned.");
        assert_eq!(q[0].2.as_deref(), Some("Sergei Lavrov"));
        assert_eq!(q[1].2.as_deref(), Some("Dmitry Peskov"));
        assert_eq!(q[2].2.as_deref(), Some("Dmitry Peskov"));
        // The most recent person is Peskov, but only Lavrov is a diplomat.
        assert_eq!(q[3].2.as_deref(), Some("Sergei Lavrov"));
    }

    #[test]
    fn cue_after_and_pronoun() {
        let q = run("Foreign Minister Sergey Lavrov met reporters.\n“We are ready to talk,” he said.\n“It is over,” said Lavrov.");
        assert_eq!(q[0].0, "“We are ready to talk,”");
        assert_eq!(q[0].2.as_deref(), Some("Sergey Lavrov"));
        assert_eq!(q[1].2.as_deref(), Some("Sergey Lavrov"));
        assert_eq!(q[0].1, QuoteKind::Direct);
    }

    #[test]
    fn split_quote_and_scare() {
        let q = run("Defense Minister Sergey Shoygu spoke. “Some drills end,” Shoygu said, “others go on.” The army got “two little papers” from him.");
        assert_eq!(q.len(), 3);
        assert_eq!(q[1].2.as_deref(), Some("Sergey Shoygu"));
        assert_eq!(q[2].1, QuoteKind::Scare);
    }

    #[test]
    fn multi_paragraph_and_turns() {
        let q = run("Jens Stoltenberg spoke.\n“First part of it.\n“Second part,” Stoltenberg said.\nS.V. Lavrov: Dear colleagues!\nWe are here.\nV.V. Putin: Thank you.");
        assert_eq!(q[0].0, "“First part of it.\n“Second part,”");
        assert_eq!(q[0].2.as_deref(), Some("Jens Stoltenberg"));
        let turns: Vec<_> = q.iter().filter(|x| x.1 == QuoteKind::Turn).collect();
        assert_eq!(turns.len(), 2);
        assert_eq!(turns[0].0, "Dear colleagues!\nWe are here.");
        assert_eq!(turns[1].2.as_deref(), Some("V.V. Putin"));
    }

    #[test]
    fn misdirected_marks_and_unclosed() {
        let q = run("Dmitri Peskov spoke. “Let us hope it works“, highlighted Peskov.\nDanilov said that “we do not see it.");
        assert_eq!(q[0].0, "“Let us hope it works“");
        assert_eq!(q[0].2.as_deref(), Some("Dmitri Peskov"));
        assert_eq!(q[1].0, "“we do not see it.");
    }
}
