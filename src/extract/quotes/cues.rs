//! Attribution cues: the speech verb and its subject after a quote ("...,”
//! Lavrov said", "said Lavrov") or before it in its sentence ("Lavrov
//! said: “...", "according to X") (step 3 of the module doc).

use std::ops::Range;

use super::lexicon::{
    AUX, CUE_VERBS, DETERMINERS, NOT_SUBJECTS, OBJECT_VERBS, PHRASE_OPENERS, PRONOUNS,
};
use super::marks::is_quote_char;
use crate::extract::entities::{tokens, Tok};
use crate::extract::gazetteer;
use crate::text::calendar;

/// Whether token `v` is a speech verb in use (not an infinitive: "to
/// say").
fn is_cue_at(text: &str, toks: &[Tok], v: usize) -> bool {
    is_cue_verb(&text[toks[v].clone()]) && !(v > 0 && lower(text, &toks[v - 1]) == "to")
}

/// Whether `w` is a speech verb as written ([`CUE_VERBS`], lower-case).
pub(super) fn is_cue_verb(w: &str) -> bool {
    // Verbs are lower-case; "States" is not "states".
    w.chars().next().is_some_and(char::is_lowercase) && CUE_VERBS.contains(&w)
}

/// An attribution cue: the verb ("said", "according to", or the dash of a
/// signed quote) and its subject, as byte ranges.
#[derive(Debug, Clone)]
pub(super) struct Cue {
    pub(super) verb: Range<usize>,
    pub(super) subject: Range<usize>,
    /// The relative pronoun the attribution itself uses when the subject
    /// is its antecedent ("Stevie Wonder, who joked"): the quote's source.
    pub(super) relative: Option<Range<usize>>,
}

/// An auxiliary, adverb or time word that may stand between a subject and
/// its verb ("Lavrov on Monday said").
fn is_aux(word: &str) -> bool {
    AUX.contains(&word) || calendar::weekday(word).is_some()
}

/// The token as written, lower-cased.
pub(super) fn lower(text: &str, t: &Tok) -> String {
    text[t.clone()].to_lowercase()
}

/// Whether the token has a letter or digit.
pub(super) fn is_word(text: &str, t: &Tok) -> bool {
    text[t.clone()].chars().any(char::is_alphanumeric)
}

/// Whether the token starts with a capital.
pub(super) fn is_cap(text: &str, t: &Tok) -> bool {
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
    if PRONOUNS.contains(&t.as_str()) || t == "which" {
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
    let after_comma = j > 0 && &text[toks[j - 1].clone()] == ",";
    if after_comma {
        let mut k = j - 1;
        // Skip a short parenthetical ", for his part,".
        let mut m = k;
        let mut n = 0;
        while m > 0 && n < 7 && &text[toks[m - 1].clone()] != "," {
            m -= 1;
            n += 1;
        }
        if m > 0 && n > 0 && n < 7 && !toks[m..k].iter().any(|t| is_cap(text, t)) {
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
        // A lone pronoun, or a relative one ("the department which
        // reported").
        if end > 0
            && (PRONOUNS.contains(&lower(text, &toks[end - 1]).as_str())
                || &text[toks[end - 1].clone()] == "which")
        {
            return Some(toks[end - 1].clone());
        }
        // "the remark, saying" has no subject before the verb.
        return (!after_comma)
            .then(|| common_noun_phrase(text, toks, end))
            .flatten();
    }
    // A pronoun right before a role word is not part of it ("he minister").
    Some(toks[j].start..toks[end - 1].end)
}

/// A common noun phrase opened by a determiner and ending right before
/// token `end`: "the announcer", "my father", "a reader", "the 34-year-old
/// mother of three", "The New York businessman".
fn common_noun_phrase(text: &str, toks: &[Tok], end: usize) -> Option<Range<usize>> {
    let mut k = end;
    while k > 0 && end - k < 10 {
        k -= 1;
        let t = &toks[k];
        let w = lower(text, t);
        if PHRASE_OPENERS.contains(&w.as_str()) {
            // A determiner with a noun after it that opens a clause
            // ("As a phone rang, the announcer said"); after a verb it is
            // an object ("made the following comment").
            let opens = k
                .checked_sub(1)
                .map(|b| lower(text, &toks[b]))
                .is_none_or(|b| {
                    !b.chars().any(char::is_alphanumeric)
                        || matches!(
                            b.as_str(),
                            "and"
                                | "but"
                                | "or"
                                | "so"
                                | "then"
                                | "when"
                                | "while"
                                | "as"
                                | "because"
                                | "that"
                                | "if"
                                | "after"
                                | "before"
                                | "since"
                                | "until"
                        )
                });
            return (k + 1 < end && opens).then(|| t.start..toks[end - 1].end);
        }
        let hyphen = &text[t.clone()] == "-";
        let word = is_word(text, t)
            && (w == "of" || !crate::text::is_stopword(&w))
            && !is_cue_verb(&w)
            && !PRONOUNS.contains(&w.as_str());
        if !(hyphen || word) || (w == "of" && k + 1 == end) {
            return None;
        }
    }
    None
}

/// The subject noun phrase starting at token `i` (after a verb: "said
/// Lavrov", "said the minister").
fn subject_after(text: &str, toks: &[Tok], i: usize) -> Option<Range<usize>> {
    subject_after_raw(text, toks, i).filter(|r| contentful(text, r))
}

fn subject_after_raw(text: &str, toks: &[Tok], i: usize) -> Option<Range<usize>> {
    let first = toks.get(i)?;
    let fl = lower(text, first);
    // "said conservative activist Bob Klaus", "said undecided Republican
    // voter Stephanie Hooton": lower-case descriptors, then a name.
    if !is_cap(text, first) && is_word(text, first) {
        let lead = (i..toks.len().min(i + 4))
            .take_while(|&k| {
                let w = lower(text, &toks[k]);
                is_word(text, &toks[k])
                    && !is_cap(text, &toks[k])
                    && !crate::text::is_stopword(&w)
                    && !is_cue_verb(&w)
                    && !NOT_SUBJECTS.contains(&w.as_str())
                    && calendar::weekday(&w).is_none()
            })
            .count();
        let named = toks.get(i + lead).is_some_and(|t| is_cap(text, t));
        if lead > 0 && lead <= 3 && named {
            let rest = subject_after_raw(text, toks, i + lead)?;
            return Some(first.start..rest.end);
        }
    }
    if NOT_SUBJECTS.contains(&fl.as_str()) || calendar::weekday(&fl).is_some() {
        return None;
    }
    if PRONOUNS.contains(&fl.as_str()) {
        return Some(first.clone());
    }
    if PHRASE_OPENERS.contains(&fl.as_str()) {
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
                    (w == "-" || w.chars().all(|c| c.is_lowercase() || c == '-'))
                        && !matches!(w, "for" | "at" | "with" | "from" | "in" | "on" | "to")
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
pub(super) fn cue_after(text: &str, toks: &[Tok]) -> Option<Cue> {
    let (i, dash) = skip_to_word(text, toks)?;
    let first = toks.get(i)?;
    if let Some(d) = dash {
        // “...” ― Sonya Herridge (a signed quote).
        if is_cap(text, first) {
            if let Some(s) = subject_after(text, toks, i) {
                return Some(Cue {
                    verb: toks[d].clone(),
                    subject: s,
                    relative: None,
                });
            }
        }
    }
    if is_cue_verb(&text[first.clone()]) {
        let s = subject_after(text, toks, i + 1)?;
        // "said Lavrov"; but "told CBS" names the hearer, unless the
        // phrase ends the clause ("“...,” warned Clinton.", "asked
        // Bennett, now a radio host").
        if OBJECT_VERBS.contains(&lower(text, first).as_str()) {
            let next = toks.iter().find(|t| t.start >= s.end);
            let ends = next.is_none_or(|t| matches!(&text[t.clone()], "." | "," | "!" | "?" | ";"));
            if !ends {
                return None;
            }
        }
        return Some(Cue {
            verb: first.clone(),
            subject: s,
            relative: None,
        });
    }
    if is_cap(text, first) {
        if let Some(cue) = appositive_cue(text, toks, i) {
            return Some(cue);
        }
    }
    if lower(text, first) == "according" && toks.get(i + 1).is_some_and(|t| lower(text, t) == "to")
    {
        let s = subject_after(text, toks, i + 2)?;
        return Some(Cue {
            verb: first.start..toks[i + 1].end,
            subject: s,
            relative: None,
        });
    }
    subject_first_cue(text, toks, i)
}

/// The first word token after a quote and the last dash before it
/// ("” ― Sonya Herridge"); `None` when a new sentence starts first.
fn skip_to_word(text: &str, toks: &[Tok]) -> Option<(usize, Option<usize>)> {
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
    Some((i, dash))
}

/// "Melanne Verveer, who served as ..., told CBS News": a name at `i`, an
/// appositive between commas, then the verb.
fn appositive_cue(text: &str, toks: &[Tok], i: usize) -> Option<Cue> {
    let np = subject_after(text, toks, i)?;
    let mut k = i;
    while k < toks.len() && toks[k].end <= np.end {
        k += 1;
    }
    if toks.get(k).is_none_or(|t| &text[t.clone()] != ",") {
        return None;
    }
    // Up to the first speech verb that follows a comma ("..., 67, a
    // retired teacher in Allentown, Pa., said").
    let mut m = k + 1;
    while m < toks.len() && m < k + 40 {
        if sentence_stop(text, toks, m) {
            return None;
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
                    relative: None,
                });
            }
            return None;
        }
        m += 1;
    }
    None
}

/// Subject first, from token `i`: a verb within the clause ("Rep. Gwen
/// Moore (D-Wis.) said", "panel Chairman Jason Chaffetz said", "She
/// followed that by saying").
fn subject_first_cue(text: &str, toks: &[Tok], i: usize) -> Option<Cue> {
    let first = &toks[i];
    let fl = lower(text, first);
    let v = (i + 1..toks.len().min(i + 16))
        .take_while(|&v| !sentence_stop(text, toks, v))
        .find(|&v| is_cue_at(text, toks, v))?;
    if PRONOUNS.contains(&fl.as_str()) && v - i <= 4 {
        return Some(Cue {
            verb: verb_span(text, toks, v),
            subject: first.clone(),
            relative: None,
        });
    }
    let determiner = DETERMINERS.contains(&fl.as_str());
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
    Some(Cue {
        verb: verb_span(text, toks, v),
        subject: s,
        relative: None,
    })
}

/// The subject of the sentence a participle cue at `v` hangs from ("He
/// then defended the remark, saying", "Lavrov left the talks, adding"):
/// a pronoun or a name opening the sentence, followed by its verb.
fn participle_subject(text: &str, toks: &[Tok], v: usize) -> Option<Range<usize>> {
    let verb = lower(text, &toks[v]);
    let joined = v > 0 && matches!(lower(text, &toks[v - 1]).as_str(), "," | "while" | "before");
    if !verb.ends_with("ing") || !joined {
        return None;
    }
    let mut i = 0;
    while i < v
        && matches!(
            lower(text, &toks[i]).as_str(),
            "but" | "and" | "so" | "yet" | "then"
        )
    {
        i += 1;
    }
    // "In a speech on Monday, Trump attacked ..., saying": past the
    // opening phrase.
    let opener = |w: &str| crate::text::is_stopword(w) && !PRONOUNS.contains(&w);
    if i < v && opener(&lower(text, &toks[i])) {
        let comma = (i..v).find(|&k| &text[toks[k].clone()] == ",")?;
        i = comma + 1;
    }
    let first = toks.get(i).filter(|_| i < v)?;
    let subject = if PRONOUNS.contains(&lower(text, first).as_str()) && lower(text, first) != "it" {
        first.clone()
    } else {
        // Name and title words only ("Donald Trump attacked Hillary
        // Clinton" is not one phrase).
        let mut j = i;
        while j < v && np_word(text, &toks[j]) && j - i < 8 {
            j += 1;
        }
        let r = (j > i).then(|| first.start..toks[j - 1].end)?;
        let named = toks[i..j]
            .iter()
            .any(|t| is_cap(text, t) && t.start > first.start)
            || is_cap(text, first) && !DETERMINERS.contains(&lower(text, first).as_str());
        named.then_some(r)?
    };
    // The subject's own verb comes next, past auxiliaries and adverbs: a
    // lower-case word that is no function word ("He then defended",
    // "Trump attacked"; not "Trump and", "Trump, who").
    let next = toks.iter().position(|t| t.start >= subject.end)?;
    let mut n = next;
    while n < v && is_aux(&lower(text, &toks[n])) {
        n += 1;
    }
    let verbish = toks.get(n).is_some_and(|t| {
        is_word(text, t) && !is_cap(text, t) && !crate::text::is_stopword(&lower(text, t))
    });
    (n < v && verbish && !toks[i..v].iter().any(|t| is_quote_char_tok(text, t))).then_some(subject)
}

fn is_quote_char_tok(text: &str, t: &Tok) -> bool {
    text[t.clone()].chars().all(is_quote_char)
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
pub(super) fn cue_before(text: &str, toks: &[Tok]) -> Option<Cue> {
    // "according to X," anywhere before.
    for i in 0..toks.len().saturating_sub(1) {
        if lower(text, &toks[i]) == "according" && lower(text, &toks[i + 1]) == "to" {
            if let Some(s) = subject_after(text, toks, i + 2) {
                return Some(Cue {
                    verb: toks[i].start..toks[i + 1].end,
                    subject: s,
                    relative: None,
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
        // "He then defended the remark, saying": the clause's subject.
        if let Some(s) = participle_subject(text, toks, v) {
            return Some(Cue {
                verb: verb_span(text, toks, v),
                subject: s,
                relative: None,
            });
        }
        // "told Sputnik": the subject is before "told"; "and urged": the
        // subject of the first verb.
        if let Some(s) = subject_before(text, toks, v) {
            let sw = text[s.clone()].to_lowercase();
            if sw == "who" || sw == "which" {
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
                            relative: Some(s),
                        });
                    }
                }
                if sw == "which" {
                    continue;
                }
            }
            return Some(Cue {
                verb: verb_span(text, toks, v),
                subject: s,
                relative: None,
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
