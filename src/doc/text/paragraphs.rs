//! Pass 4: paragraphs (see the module doc of [`super`]). Body lines are
//! grouped into paragraphs, a wire dateline is cut from the first ones,
//! speaker labels start transcript turns, and sub-headings are listed.

use crate::doc::dateline::{self, Dateline};
use crate::doc::transcript;
use crate::doc::Turn;

use super::whitespace::push_collapsed;
use super::{word_count, Para, Parser, Role};

/// A paragraph's speaker label: the speaker and where the text after the
/// label starts.
type Label = Option<(String, usize)>;

impl Parser<'_> {
    /// Whether body lines look hard-wrapped (most lines inside a block do
    /// not end a sentence, and no line is long).
    pub(super) fn hard_wrapped(&self, from: usize) -> bool {
        let mut internal = 0usize;
        let mut open = 0usize;
        let mut longest = 0usize;
        for k in from..self.lines.len() {
            let l = &self.lines[k];
            if l.role != Role::Body {
                continue;
            }
            longest = longest.max(l.text.len());
            if let Some(next) = self.lines.get(k + 1).filter(|m| m.role == Role::Body) {
                internal += 1;
                // "...the U.S.\nbenchmark grade": a line followed by a
                // lowercase word did not end its sentence either.
                let ends_sentence = l
                    .text
                    .ends_with(['.', '!', '?', '"', '”', '’', ':', ')', '»'])
                    && !next.text.starts_with(char::is_lowercase);
                if !ends_sentence {
                    open += 1;
                }
            }
        }
        internal >= 2 && longest <= 160 && open * 2 > internal
    }

    /// Pass 4: groups body lines into paragraphs.
    pub(super) fn paragraphs(&self, from: usize) -> Vec<Para> {
        let wrapped = self.wrapped || self.hard_wrapped(from);
        let mut out: Vec<Para> = Vec::new();
        let mut joinable = false; // the previous line is body and may continue
        let mut pending_break = false;
        let mut width = 0usize;
        if wrapped {
            width = self.lines[from..]
                .iter()
                .filter(|l| l.role == Role::Body)
                .map(|l| l.text.len())
                .max()
                .unwrap_or(0);
        }
        for k in from..self.lines.len() {
            let l = &self.lines[k];
            match l.role {
                Role::Body => {}
                Role::Separator => {
                    pending_break = true;
                    joinable = false;
                    continue;
                }
                Role::Blank => {
                    joinable = false;
                    continue;
                }
                _ => {
                    joinable = false;
                    continue;
                }
            }
            let continues = wrapped && joinable && !l.indented && {
                // a short line ending a sentence closes its paragraph
                let prev = &self.lines[k - 1];
                !(prev.text.len() * 10 < width * 6
                    && prev.text.ends_with(['.', '!', '?', '"', '”', ':']))
            };
            if continues {
                if let Some(p) = out.last_mut() {
                    if p.text.ends_with('-')
                        && l.text.starts_with(|c: char| c.is_lowercase())
                        && p.text[..p.text.len() - 1].ends_with(char::is_alphabetic)
                    {
                        // "well-" + "known": keep the hyphen, no space
                    } else {
                        p.text.push(' ');
                    }
                    push_collapsed(&mut p.text, l.text);
                }
            } else {
                let mut text = String::with_capacity(l.text.len());
                push_collapsed(&mut text, l.text);
                out.push(Para {
                    text,
                    start: l.start,
                    break_before: pending_break,
                });
                pending_break = false;
            }
            joinable = true;
        }
        out
    }

    /// Cuts a wire dateline ("MOSCOW, January 28. /TASS/.") from the
    /// first of the first three paragraphs that opens with one; a
    /// paragraph that was only the dateline goes.
    pub(super) fn cut_dateline(&self, paras: &mut Vec<Para>) -> Option<Dateline> {
        for idx in 0..paras.len().min(3) {
            if let Some((d, cut)) = dateline::parse_dateline(&paras[idx].text) {
                let rest = paras[idx].text[cut..].trim().to_string();
                if rest.is_empty() {
                    paras.remove(idx);
                } else {
                    paras[idx].start = self.locate(paras[idx].start, cut, &rest);
                    paras[idx].text = rest;
                }
                return Some(d);
            }
        }
        None
    }

    /// Transcript turns: when the paragraphs' speaker labels make a
    /// transcript ([`is_transcript`]), the labels are cut from the
    /// paragraphs (a paragraph that was only a label goes, its speaker
    /// opening the next one) and each turn runs to the next label or
    /// separator. Returns the paragraphs and the turns.
    pub(super) fn turns(&self, paras: Vec<Para>) -> (Vec<Para>, Vec<Turn>) {
        let labels: Vec<Label> = paras
            .iter()
            .map(|p| transcript::speaker_label(&p.text))
            .collect();
        if !is_transcript(&labels) {
            return (paras, Vec::new());
        }
        let mut turns: Vec<Turn> = Vec::new();
        let mut out: Vec<Para> = Vec::with_capacity(paras.len());
        let mut pending: Option<String> = None;
        let mut current: Option<(String, usize)> = None; // speaker, first index
        for (mut p, label) in paras.into_iter().zip(labels) {
            if p.break_before {
                close_turn(&mut current, &mut turns, &out);
                pending = None;
            }
            if let Some((speaker, cut)) = label {
                close_turn(&mut current, &mut turns, &out);
                let rest = p.text[cut..].trim().to_string();
                if rest.is_empty() {
                    pending = Some(speaker);
                    continue;
                }
                p.start = self.locate(p.start, cut, &rest);
                p.text = rest;
                current = Some((speaker, out.len()));
            } else if let Some(speaker) = pending.take() {
                current = Some((speaker, out.len()));
            }
            out.push(p);
        }
        close_turn(&mut current, &mut turns, &out);
        (out, turns)
    }

    /// The source offset of `rest`, the text left after cutting `cut`
    /// bytes (of whitespace-collapsed text) from a paragraph starting at
    /// `start`. Collapsing may have shortened the prefix ("Lavrov:\u{a0} "),
    /// so the text is looked for near `start + cut`; always a char boundary.
    fn locate(&self, start: usize, cut: usize, rest: &str) -> usize {
        let src = self.source;
        let mut end = (start + cut * 2 + 64).min(src.len());
        while !src.is_char_boundary(end) {
            end -= 1;
        }
        let mut n = rest.len().min(24);
        while !rest.is_char_boundary(n) {
            n -= 1;
        }
        let needle = rest[..n].split(' ').next().unwrap_or("");
        match src.get(start..end).and_then(|w| w.find(needle)) {
            Some(pos) if !needle.is_empty() => start + pos,
            _ => start,
        }
    }
}

/// A transcript: some speaker speaks twice, or three labels or more
/// ("New Hampshire: ... South Carolina: ..." is a list, not a Q&A).
fn is_transcript(labels: &[Label]) -> bool {
    let mut seen: Vec<&str> = Vec::new();
    let mut repeated = false;
    for (s, _) in labels.iter().flatten() {
        if seen.contains(&s.as_str()) {
            repeated = true;
        } else {
            seen.push(s);
        }
        // bounded work: the answer is known
        if repeated || seen.len() >= 3 {
            break;
        }
    }
    repeated || seen.len() >= 3
}

/// Ends the `current` turn (speaker, index of its first paragraph) at the
/// end of `paras`, when it has a paragraph.
fn close_turn(current: &mut Option<(String, usize)>, turns: &mut Vec<Turn>, paras: &[Para]) {
    if let Some((speaker, first)) = current.take() {
        let count = paras.len() - first;
        if count > 0 {
            let text = paras[first..]
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join("\n\n");
            turns.push(Turn {
                speaker,
                text,
                first_paragraph: first,
                paragraph_count: count,
            });
        }
    }
}

/// Indexes of the paragraphs that are sub-headings ([`is_heading`]).
pub(super) fn headings(paras: &[Para]) -> Vec<usize> {
    (0..paras.len().saturating_sub(1))
        .filter(|&i| is_heading(&paras[i].text, &paras[i + 1].text))
        .collect()
}

/// A sub-heading: a short line without final punctuation, followed by a
/// longer paragraph ("Diplomatic track", "America’s “Cowboy Attitude”").
fn is_heading(p: &str, next: &str) -> bool {
    if p.len() > 120 {
        return false;
    }
    let words = word_count(p);
    if words == 0 || words > 12 {
        return false;
    }
    if !p
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '“' | '‘'))
    {
        return false;
    }
    let core = p.trim_end_matches(['"', '”', '’', '»']);
    if core.ends_with(['.', ',', ';', ':', '!', '?', '…']) {
        return false;
    }
    next.split_whitespace().take(words + 1).count() > words
}
