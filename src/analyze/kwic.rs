//! KWIC concordance: every occurrence of a query with its left and right
//! context, as in AntConc and Voyant.
//!
//! The query is a word, a phrase (several words, optionally in quotes) or
//! a prefix (`secur*`). Words match on stems through the shared analysis
//! chain ("guarantees" finds "guarantee" and "guaranteed"); a prefix
//! matches the folded form of words ("secur*" finds "security" and
//! "securing").

use std::collections::HashSet;

use serde::Serialize;

use super::words::{Lexicon, Word};
use super::Doc;
use crate::text::normalize;
use crate::DocId;

/// Order of concordance lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub enum KwicSort {
    /// Document order (by id, then offset).
    #[default]
    Position,
    /// By the words to the left, nearest first (L1, L2, ...).
    Left,
    /// By the words to the right, nearest first (R1, R2, ...).
    Right,
}

impl KwicSort {
    /// Parses "position", "left" or "right".
    pub fn parse(s: &str) -> Option<KwicSort> {
        match s {
            "position" | "pos" => Some(KwicSort::Position),
            "left" => Some(KwicSort::Left),
            "right" => Some(KwicSort::Right),
            _ => None,
        }
    }
}

/// One concordance line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KwicLine {
    pub doc: DocId,
    pub file: String,
    /// Up to `width` words before the match (spaces collapsed).
    pub left: String,
    /// The matched words as written.
    #[serde(rename = "match")]
    pub matched: String,
    /// Up to `width` words after the match.
    pub right: String,
    /// Byte offsets of the match in [`crate::Document::text`].
    pub start: usize,
    pub end: usize,
}

/// A concordance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Concordance {
    pub query: String,
    /// Number of matches.
    pub total: usize,
    pub lines: Vec<KwicLine>,
}

enum Element {
    Stem(u32),
    Prefix(HashSet<u32>),
    Never,
}

impl Element {
    fn matches(&self, w: &Word) -> bool {
        match self {
            Element::Stem(s) => w.stem == *s,
            Element::Prefix(set) => set.contains(&w.norm),
            Element::Never => false,
        }
    }
}

fn parse_query(lx: &Lexicon, query: &str) -> Vec<Element> {
    query
        .trim()
        .trim_matches(|c| c == '"' || c == '\u{201C}' || c == '\u{201D}')
        .split_whitespace()
        .flat_map(|raw| {
            if let Some(p) = raw.strip_suffix('*') {
                let p = normalize(p.trim_matches(|c: char| !c.is_alphanumeric()));
                if p.is_empty() {
                    return vec![Element::Never];
                }
                return vec![Element::Prefix(
                    lx.norms_with_prefix(&p).into_iter().collect(),
                )];
            }
            crate::text::tokenize(raw)
                .into_iter()
                .map(|t| {
                    lx.lookup_stem(&t.term)
                        .map_or(Element::Never, Element::Stem)
                })
                .collect()
        })
        .collect()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The concordance of `query` in `docs`,
/// with `width` words of context on each side (1..=50).
pub fn kwic(docs: &[Doc<'_>], query: &str, width: usize, sort: KwicSort) -> Concordance {
    let width = width.clamp(1, 50);
    let mut lx = Lexicon::new();
    let analyzed: Vec<(DocId, &crate::Document, String, Vec<Word>)> = docs
        .iter()
        .map(|&Doc { id, doc: d, .. }| {
            let t = d.text();
            let w = lx.words(&t);
            (id, d, t, w)
        })
        .collect();
    let elements = parse_query(&lx, query);
    let mut lines = Vec::new();
    // Sort keys: folded context words, nearest first.
    let mut keys: Vec<Vec<u32>> = Vec::new();
    if !elements.is_empty() {
        for (id, d, text, words) in &analyzed {
            let n = elements.len();
            if words.len() < n {
                continue;
            }
            let breaks: Vec<usize> = text.match_indices("\n\n").map(|(b, _)| b).collect();
            for i in 0..=words.len() - n {
                if !elements
                    .iter()
                    .zip(&words[i..i + n])
                    .all(|(e, w)| e.matches(w))
                {
                    continue;
                }
                let (first, last) = (&words[i], &words[i + n - 1]);
                // Context stays within the match's paragraph(s).
                let para = |w: &Word| breaks.partition_point(|&b| b <= w.start);
                let mut lo = i.saturating_sub(width);
                while lo < i && para(&words[lo]) != para(first) {
                    lo += 1;
                }
                let mut hi = (i + n - 1 + width).min(words.len() - 1);
                while hi > i + n - 1 && para(&words[hi]) != para(last) {
                    hi -= 1;
                }
                let left = if lo < i {
                    &text[words[lo].start..first.start]
                } else {
                    ""
                };
                let right = if hi > i + n - 1 {
                    &text[last.end..words[hi].end]
                } else {
                    ""
                };
                lines.push(KwicLine {
                    doc: *id,
                    file: d.file.clone(),
                    left: collapse(left),
                    matched: collapse(&text[first.start..last.end]),
                    right: collapse(right),
                    start: first.start,
                    end: last.end,
                });
                keys.push(match sort {
                    KwicSort::Left => words[lo..i].iter().rev().map(|w| w.norm).collect(),
                    KwicSort::Right => words[i + n..=hi.max(i + n - 1)]
                        .iter()
                        .map(|w| w.norm)
                        .collect(),
                    KwicSort::Position => Vec::new(),
                });
            }
        }
    }
    if sort != KwicSort::Position {
        let mut order: Vec<usize> = (0..lines.len()).collect();
        order.sort_by(|&a, &b| {
            let ka = keys[a].iter().map(|&k| lx.norm(k));
            let kb = keys[b].iter().map(|&k| lx.norm(k));
            ka.cmp(kb).then(a.cmp(&b))
        });
        lines = order.into_iter().map(|i| lines[i].clone()).collect();
    }
    Concordance {
        query: query.to_string(),
        total: lines.len(),
        lines,
    }
}

impl Concordance {
    /// CSV with a header: doc,file,left,match,right,start,end.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("doc,file,left,match,right,start,end\n");
        for l in &self.lines {
            super::csv_row(
                &mut out,
                &[
                    l.doc.to_string(),
                    l.file.clone(),
                    l.left.clone(),
                    l.matched.clone(),
                    l.right.clone(),
                    l.start.to_string(),
                    l.end.to_string(),
                ],
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::tests::numbered;
    use crate::Document;

    fn corpus() -> [Document; 1] {
        [Document {
            file: "a".into(),
            paragraphs: vec![
                "Legally binding security guarantees matter.".into(),
                "He guaranteed the   securing of borders; no guarantee was given.".into(),
            ],
            ..Document::default()
        }]
    }

    #[test]
    fn stems_prefixes_phrases() {
        let c = corpus();
        let c = numbered(&c);
        let k = kwic(&c, "guarantees", 2, KwicSort::Position);
        assert_eq!(k.total, 3);
        assert_eq!(k.lines[0].left, "binding security");
        assert_eq!(k.lines[0].right, "matter");
        assert_eq!(k.lines[1].matched, "guaranteed");
        assert_eq!(k.lines[1].right, "the securing");
        let k = kwic(&c, "secur*", 3, KwicSort::Position);
        assert_eq!(k.total, 2);
        let k = kwic(&c, "\"security guarantee\"", 3, KwicSort::Position);
        assert_eq!(k.total, 1);
        assert_eq!(k.lines[0].matched, "security guarantees");
        let text = c[0].doc.text();
        assert_eq!(
            &text[k.lines[0].start..k.lines[0].end],
            "security guarantees"
        );
        assert_eq!(kwic(&c, "absent", 3, KwicSort::Position).total, 0);
        assert_eq!(kwic(&c, "*", 3, KwicSort::Position).total, 0);
    }

    #[test]
    fn sorts_by_context() {
        let c = corpus();
        let c = numbered(&c);
        let k = kwic(&c, "guarantee", 2, KwicSort::Right);
        let rights: Vec<&str> = k.lines.iter().map(|l| l.right.as_str()).collect();
        assert_eq!(rights, ["matter", "the securing", "was given"]);
        let k = kwic(&c, "guarantee", 2, KwicSort::Left);
        assert_eq!(k.lines[0].left, "He");
        assert_eq!(k.lines[1].left, "borders; no");
        assert!(k
            .to_csv()
            .starts_with("doc,file,left,match,right,start,end\n0,a,He,"));
    }
}
