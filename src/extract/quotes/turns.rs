//! Transcript turns: a paragraph opening with a name label ("S.V.
//! Lavrov:") and the paragraphs after it up to the next label (step 2 of
//! the module doc).

use std::ops::Range;

use crate::extract::gazetteer;

/// A transcript turn: label span, content span, paragraphs covered.
#[derive(Debug, Clone)]
pub(super) struct TurnSpan {
    pub(super) label: Range<usize>,
    pub(super) content: Range<usize>,
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

pub(super) fn find_turns(text: &str, paras: &[Range<usize>]) -> Vec<TurnSpan> {
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
