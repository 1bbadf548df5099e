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
//!    said: “...", "according to X", "X told Sputnik that “..."). Its
//!    subject is a name, a pronoun, a role noun, a determiner phrase that
//!    opens its clause ("As the phone rang, the announcer said"), a
//!    relative pronoun ("Stevie Wonder, who joked": the source is "who",
//!    the speaker its antecedent), or for a participle ("..., saying")
//!    the subject of the clause it hangs from.
//! 4. The cue's subject is resolved to a person: names through the entity
//!    canonicals, pronouns to the most recent person mention, role nouns
//!    ("the minister", "Russia’s top diplomat") to the most recent person
//!    whose printed titles fit; any other phrase is its own speaker ("a
//!    friend").
//! 5. Short unattributed noun phrases in quotes are scare quotes.
//!
//! Spans follow PolNeAR's convention for direct quotes: the content
//! includes its quote marks. A quote embedded in a reporting clause ("would
//! be “a better path”") is kept as direct when attributed and speech-like,
//! and flagged [`Quote::partial`] (PolNeAR's content would be the whole
//! clause).
//!
//! Steps 1 to 4 live in [`marks`], [`turns`], [`cues`] and [`resolve`];
//! [`lexicon`] holds their word lists. [`find_quotes`] runs them and
//! decides step 5 ([`quote_kind`]).

mod cues;
mod lexicon;
mod marks;
mod resolve;
mod turns;

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::entities::{tokens, Entity, EntityKind, Tok};
use cues::{cue_after, cue_before, is_cue_verb, is_word, lower, Cue};
use lexicon::SPEECHY;
use marks::{find_raw_quotes, is_quote_char, RawQuote};
use resolve::{resolve, roles_by_canonical};
use turns::{find_turns, TurnSpan};

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

/// Byte ranges of the non-empty lines of `text`, trimmed.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
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

/// Finds quotes and turns in `text` and attributes them, using the
/// document's entities (person mentions added for resolved role nouns and
/// turn labels are appended to `ents`).
pub(crate) fn find_quotes(
    text: &str,
    sentences: &[Range<usize>],
    ents: &mut Vec<Entity>,
) -> Vec<Quote> {
    let paras = paragraphs(text);
    let turns = find_turns(text, &paras);
    add_turn_labels(text, &turns, ents);
    ents.sort_by_key(|e| (e.start, e.end));
    super::entities::canonicalize_people(ents);
    let roles = roles_by_canonical(ents);

    let mut out: Vec<Quote> = turns.iter().map(|t| turn_quote(text, t, ents)).collect();
    let doc = Doc {
        text,
        sentences,
        paras: &paras,
        turns: &turns,
        roles: &roles,
    };
    let mut carry = Carry::default();
    for rq in &find_raw_quotes(text, &paras) {
        let q = doc.attribute(rq, ents, &out, &mut carry);
        out.push(q);
    }
    out.sort_by_key(|q| (q.start, q.end));
    out
}

/// Makes turn labels person mentions: a new mention where no entity
/// covers the label, and entities inside a label become people.
fn add_turn_labels(text: &str, turns: &[TurnSpan], ents: &mut Vec<Entity>) {
    for t in turns {
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
}

/// A transcript turn as a quote, spoken by the entity on its label (else
/// by the label as written).
fn turn_quote(text: &str, t: &TurnSpan, ents: &[Entity]) -> Quote {
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
    Quote {
        start: t.content.start,
        end: t.content.end,
        kind: QuoteKind::Turn,
        partial: false,
        speaker: Some(speaker),
        speaker_span: Some(span),
        source_span: Some((t.label.start, t.label.end)),
        cue: None,
        cue_span: None,
    }
}

/// The document a quote is attributed in.
struct Doc<'a> {
    text: &'a str,
    sentences: &'a [Range<usize>],
    paras: &'a [Range<usize>],
    turns: &'a [TurnSpan],
    /// Roles of each person canonical ([`roles_by_canonical`]).
    roles: &'a [(String, Vec<String>)],
}

/// What earlier quotes leave for the next one.
#[derive(Default)]
struct Carry {
    /// The paragraph and end of the previous quote.
    prev_end_in_para: Option<(usize, usize)>,
    /// The last attributed quote and the paragraph it ends in.
    last_attr: Option<(usize, Quote)>,
    /// The last attributed quote and the sentence whose cue it took.
    sentence_cue: Option<(Option<usize>, Quote)>,
}

/// Where a quote stands: its sentence, the tokens around it, its words.
struct Context<'a> {
    /// The sentence holding the opening mark.
    sent_idx: Option<usize>,
    /// Start of that sentence (within the paragraph).
    sent_start: usize,
    /// Start of the left context: the sentence start or the end of the
    /// previous quote in the paragraph.
    left_start: usize,
    /// Tokens from `left_start` to the quote.
    left_toks: Vec<Tok>,
    /// Tokens after the quote, to the next quote mark or the paragraph
    /// end.
    right_toks: Vec<Tok>,
    /// The last token before the quote, lower-cased.
    last_left: Option<String>,
    /// A cue verb or "according to" stands before the quote.
    left_has_cue: bool,
    /// The quote is embedded in a reporting clause.
    partial: bool,
    /// Words inside the quote.
    nwords: usize,
    /// Whether one of them makes it speech ([`SPEECHY`]).
    speechy: bool,
    /// The transcript turn the quote is in.
    in_turn: Option<&'a TurnSpan>,
}

impl<'a> Doc<'a> {
    /// The sentence containing byte `pos`.
    fn sentence_of(&self, pos: usize) -> Option<usize> {
        self.sentences
            .iter()
            .position(|s| s.start <= pos && pos < s.end.max(s.start + 1))
    }

    /// Attributes one paired quote and says whether it is direct or scare.
    fn attribute(
        &self,
        rq: &RawQuote,
        ents: &mut Vec<Entity>,
        out: &[Quote],
        carry: &mut Carry,
    ) -> Quote {
        let text = self.text;
        let ctx = self.context(rq, carry);
        let cue = self.find_cue(rq, &ctx);
        // Quotes of one sentence share its cue.
        let shared = match &carry.sentence_cue {
            Some((si, q)) if cue.is_none() && *si == ctx.sent_idx && ctx.sent_idx.is_some() => {
                Some(q.clone())
            }
            _ => None,
        };
        let mut q = Quote {
            start: rq.start,
            end: rq.end,
            kind: QuoteKind::Direct,
            partial: ctx.partial,
            speaker: None,
            speaker_span: None,
            source_span: None,
            cue: None,
            cue_span: None,
        };
        if let Some(c) = &cue {
            q.cue = Some(text[c.verb.clone()].to_string());
            q.cue_span = Some((c.verb.start, c.verb.end));
            let source = c.relative.as_ref().unwrap_or(&c.subject);
            q.source_span = Some((source.start, source.end));
            let pos = c.subject.start.min(rq.start);
            let turn_label = ctx.in_turn.map(|t| &t.label);
            resolve(text, &c.subject, pos, ents, self.roles, turn_label, &mut q);
        } else if let Some(s) = shared {
            q.cue = s.cue.clone();
            q.cue_span = s.cue_span;
            q.source_span = s.source_span;
            q.speaker = s.speaker.clone();
            q.speaker_span = s.speaker_span;
        } else if let Some(t) = ctx.in_turn.filter(|_| {
            ctx.last_left.as_deref() == Some(":")
                && ctx
                    .left_toks
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
        } else if !ctx.partial {
            self.continue_or_recent(rq, ents, carry, &mut q);
        }
        let attributed = q.speaker.is_some();
        // A speech verb with its subject makes speech even when the subject
        // names no one we know ("“I am not shy,” I said" in a memoir).
        let cued = attributed || cue.is_some();
        q.kind = quote_kind(ctx.partial, cued, ctx.nwords, ctx.speechy);
        if q.kind == QuoteKind::Scare {
            q.speaker = None;
            q.speaker_span = None;
            q.source_span = None;
            q.cue = None;
            q.cue_span = None;
        } else if attributed {
            carry.last_attr = Some((rq.end_para, q.clone()));
            carry.sentence_cue = Some((
                self.sentence_of(rq.end.saturating_sub(1)).or(ctx.sent_idx),
                q.clone(),
            ));
            if cue.is_some() {
                carry.sentence_cue = Some((ctx.sent_idx, q.clone()));
            }
        }
        carry.prev_end_in_para = Some((rq.end_para, rq.end));
        q
    }

    /// The quote's sentence, the tokens left and right of it and its words.
    fn context(&self, rq: &RawQuote, carry: &Carry) -> Context<'a> {
        let text = self.text;
        let para = &self.paras[rq.para];
        let sent_idx = self.sentence_of(rq.start);
        let sent_start = sent_idx
            .map_or(para.start, |i| self.sentences[i].start)
            .max(para.start);
        let mut left_start = sent_start;
        if let Some((p, e)) = carry.prev_end_in_para {
            if p == rq.para && e > left_start && e <= rq.start {
                left_start = e;
            }
        }
        let left_toks = tokens(text, left_start..rq.start);
        // Right context: to the next quote mark or the sentence end.
        let end_para = &self.paras[rq.end_para];
        let rest = &text[rq.end.min(end_para.end)..end_para.end];
        let stop = rest
            .char_indices()
            .find(|&(_, c)| matches!(c, '“' | '"' | '«' | '„'))
            .map_or(rest.len(), |(i, _)| i);
        let right_end = rq.end.min(end_para.end) + stop;
        let right_toks = tokens(text, rq.end.min(end_para.end)..right_end);

        let words: Vec<String> = tokens(text, rq.start..rq.end)
            .iter()
            .filter(|t| is_word(text, t))
            .map(|t| lower(text, t))
            .collect();
        let speechy = words.iter().any(|w| SPEECHY.contains(&w.as_str()));
        let in_turn = self
            .turns
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
        Context {
            sent_idx,
            sent_start,
            left_start,
            left_toks,
            right_toks,
            last_left,
            left_has_cue,
            partial: !clause_start,
            nwords: words.len(),
            speechy,
            in_turn,
        }
    }

    /// The quote's cue: right after it, before it in its sentence, at the
    /// sentence's end ("..., the top diplomat pointed out."), or ending
    /// the previous sentence ("Lavrov said:").
    fn find_cue(&self, rq: &RawQuote, ctx: &Context) -> Option<Cue> {
        let text = self.text;
        let cue = cue_after(text, &ctx.right_toks).filter(|_| !ctx.partial || ctx.nwords >= 1);
        if cue.is_some() {
            return cue;
        }
        if ctx.left_has_cue || ctx.partial || ctx.last_left.as_deref() == Some(":") {
            let cue = cue_before(text, &ctx.left_toks).or_else(|| {
                (ctx.left_start > ctx.sent_start)
                    .then(|| cue_before(text, &tokens(text, ctx.sent_start..rq.start)))
                    .flatten()
            });
            if cue.is_some() {
                return cue;
            }
        }
        if let Some(cue) = self.sentence_end_cue(rq) {
            return Some(cue);
        }
        if ctx.left_toks.is_empty() {
            let prev = &self.sentences[ctx.sent_idx.filter(|&i| i > 0)? - 1];
            if text[prev.clone()].trim_end().ends_with(':') {
                return cue_before(text, &tokens(text, prev.clone()));
            }
        }
        None
    }

    /// The cue at the end of the sentence the quote ends in, after its
    /// last comma or quote mark: "..., the top diplomat pointed out."
    fn sentence_end_cue(&self, rq: &RawQuote) -> Option<Cue> {
        let text = self.text;
        let sent = &self.sentences[self.sentence_of(rq.end.saturating_sub(1))?];
        let from = rq.end.min(sent.end);
        let f = from + text[from..sent.end].rfind(|c: char| c == ',' || is_quote_char(c))?;
        let tail = tokens(text, f..sent.end);
        if tail.len() <= 10 {
            cue_after(text, &tail)
        } else {
            None
        }
    }

    /// A quote without a cue: it continues the attributed quote right
    /// before it, else it is the person last named in this or the
    /// previous paragraph.
    fn continue_or_recent(&self, rq: &RawQuote, ents: &[Entity], carry: &Carry, q: &mut Quote) {
        let recent_attr = carry
            .last_attr
            .as_ref()
            .filter(|(p, lq)| rq.para <= p + 1 && lq.speaker.is_some());
        if let Some((_, lq)) = recent_attr {
            q.speaker = lq.speaker.clone();
            q.speaker_span = lq.speaker_span;
            q.source_span = lq.source_span;
            return;
        }
        let from = self.paras[rq.para.saturating_sub(1)].start;
        if let Some(e) = ents
            .iter()
            .rfind(|e| e.kind == EntityKind::Person && e.start >= from && e.end <= rq.start)
        {
            q.speaker = Some(e.canonical.clone());
            q.speaker_span = Some((e.start, e.end));
        }
    }
}

/// Direct or scare: a partial quote is direct when attributed and long or
/// speech-like; a whole one when attributed and not a bare term, or long
/// and speech-like.
fn quote_kind(partial: bool, attributed: bool, nwords: usize, speechy: bool) -> QuoteKind {
    let direct = if partial {
        attributed && (nwords >= 5 || (speechy && nwords >= 2))
    } else {
        (attributed && (nwords >= 3 || speechy)) || (nwords >= 6 && speechy)
    };
    if direct {
        QuoteKind::Direct
    } else {
        QuoteKind::Scare
    }
}

/// The speaker an indirect-speech sentence names, for evidence rather
/// than extraction: the run of one to five capitalized words right before
/// a speech verb, or "informed" ("Sergey Lavrov said on Monday the ...",
/// "Lavrov has stressed that ..."), with up to two auxiliaries ("has",
/// "also") between. The first such frame of the sentence decides; `None`
/// when it has none or its subject is a pronoun.
pub fn reporting_subject(sentence: &str) -> Option<String> {
    let words: Vec<&str> = sentence
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    for (k, w) in words.iter().enumerate() {
        if !(is_cue_verb(w) || matches!(*w, "inform" | "informs" | "informed")) {
            continue;
        }
        let mut j = k;
        let mut aux = 0;
        while j > 0 && aux < 2 && lexicon::AUX.contains(&words[j - 1]) {
            j -= 1;
            aux += 1;
        }
        let end = j;
        while j > 0 && end - j < 5 && words[j - 1].chars().next().is_some_and(char::is_uppercase) {
            j -= 1;
        }
        if j == end || lexicon::PRONOUNS.contains(&words[end - 1].to_lowercase().as_str()) {
            continue;
        }
        return Some(words[j..end].join(" "));
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn reporting_subjects() {
        use super::reporting_subject as r;
        assert_eq!(
            r("Lavrov has stressed that Russia will continue").as_deref(),
            Some("Lavrov")
        );
        assert_eq!(
            r("Russian Foreign Minister Sergey Lavrov said on Monday the talks go on.").as_deref(),
            Some("Russian Foreign Minister Sergey Lavrov")
        );
        assert_eq!(r("He said the talks go on."), None);
        assert_eq!(r("The talks go on."), None);
    }

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

    /// The mention the attribution itself uses ("the announcer", "who",
    /// "He" of a participle), and the speaker it resolves to.
    fn sources(t: &str) -> Vec<(Option<&str>, Option<String>)> {
        let s = crate::text::split_sentences(t);
        let mut e = super::super::entities::find_entities(t, &s);
        find_quotes(t, &s, &mut e)
            .into_iter()
            .filter(|q| q.kind == QuoteKind::Direct)
            .map(|q| (q.source_span.map(|(a, b)| &t[a..b]), q.speaker))
            .collect()
    }

    #[test]
    fn sources_common_nouns_relatives_participles() {
        fn one(t: &str) -> (Option<&str>, Option<String>) {
            sources(t).into_iter().next().expect("a direct quote")
        }
        // A determiner phrase opening its clause is the source; the last
        // person named is not.
        let (src, spk) = one("Hillary Clinton ran an ad. As a phone rang, the announcer said, “It’s 3 a.m., and your children are safe.”");
        assert_eq!(src, Some("the announcer"));
        assert_eq!(spk.as_deref(), Some("announcer"));
        assert_eq!(one("Kathryn Kates wrote in. While we argued about the nominees, a friend commented: \"For you, immigration is the most important reason.\"").0, Some("a friend"));
        assert_eq!(
            one("My brother was ill. \"We live in Satan's kingdom,\" my father often said.").0,
            Some("my father")
        );
        assert_eq!(one("Ivanka Trump spoke. Pressed on the plan, the 34-year-old mother of three replied, \"It's meant to benefit the mother.\"").0, Some("the 34-year-old mother of three"));
        // A place inside the phrase is a modifier, not the speaker.
        let (src, spk) = one("Donald Trump spoke. The New York businessman says of Clinton, “If she gets the chance, she will put the Oval Office up for sale.”");
        assert_eq!(src, Some("The New York businessman"));
        assert_eq!(spk.as_deref(), Some("New York businessman"));
        // After a verb, a determiner phrase is its object.
        let (src, _) = one("Bernie Sanders spoke on July 6. Sanders made the following comment: “For young people the unemployment rate is 33 percent.”");
        assert_ne!(src, Some("the following"));
        // A relative pronoun is the source; its antecedent the speaker.
        let (src, spk) = one("Guests included Oprah Winfrey and Stevie Wonder, who joked of the museum, “I haven't seen it yet, but I'm going to.”");
        assert_eq!((src, spk.as_deref()), (Some("who"), Some("Stevie Wonder")));
        let (src, spk) = one("They turned to the Chicago Police Department which reported “2,521 shooting incidents in the city this year.”");
        assert_eq!(src, Some("which"));
        assert_eq!(spk.as_deref(), Some("Chicago Police Department"));
        // A participle's subject is its clause's, not the noun before it.
        let (src, spk) = one("Former governor Howard Dean spoke on Tuesday. He then defended the remark, saying, “I don’t think this is a ridiculous idea.”");
        assert_eq!((src, spk.as_deref()), (Some("He"), Some("Howard Dean")));
        let (src, _) = one("In a speech, Donald Trump attacked Hillary Clinton for her support of military action in Iraq and Libya, saying, \"She's trigger-happy and very unstable.\"");
        assert_ne!(src, Some("Libya"));
        assert_eq!(one("Rakeyia Scott films. \"Did you shoot him? He better not be dead,\" she yells while moving along the street.").0, Some("she"));
        // Lower-case descriptors before an inverted subject's name.
        let (src, spk) = one("Ben Carson spoke. \"It's Cuba's best role and tells you everything,\" said conservative activist Bob Klaus.");
        assert_eq!(src, Some("conservative activist Bob Klaus"));
        assert_eq!(spk.as_deref(), Some("Bob Klaus"));
        // An object verb inverted at the clause's end has its subject after it.
        let (_, spk) = one("Hillary Clinton spoke in Ohio. “That means a loose cannon is within reach of the most powerful job,” warned Clinton.");
        assert_eq!(spk.as_deref(), Some("Hillary Clinton"));
        // A narrator's own words are speech with a source, named or not.
        assert_eq!(one("I went to court. “I am not shy,” I said.").0, Some("I"));
    }
}
