//! Two or more documents side by side: the passages they share (aligned,
//! scored and diffed), the passages only one of them has, and what each
//! leaves out relative to the others.
//!
//! Sentences are linked with the statement aligner ([`super::align`]);
//! for every pair of documents the links are made one-to-one greedily,
//! best score first.

use std::collections::HashSet;

use serde::Serialize;

use super::align::{
    exact_diff, link_sentences, marks, prepare, quote_unit, AlignOptions, DiffOp, Mark, Side,
};
use super::Doc;
use crate::DocId;

/// A passage of one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PassageRef {
    pub doc: DocId,
    pub text: String,
    /// Byte offsets in [`crate::Document::text`].
    pub start: usize,
    pub end: usize,
}

/// Two passages of different documents that render the same content.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlignedPair {
    pub score: f64,
    pub a: PassageRef,
    pub b: PassageRef,
    /// Word diff of the whole quotes (or sentences) the passages belong
    /// to, as printed ([`super::align::exact_diff`]).
    pub diff: Vec<DiffOp>,
    /// Each side's whole quote as printed, in runs marked by `diff`.
    pub a_marks: Vec<Mark>,
    pub b_marks: Vec<Mark>,
}

/// A compared document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparedDoc {
    pub doc: DocId,
    pub file: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    /// Sentences considered.
    pub sentences: usize,
    /// Its sentences with a counterpart in some other document.
    pub shared: usize,
    /// Sentences no other document has.
    pub unique: Vec<PassageRef>,
    /// Sentences of the other documents it has no counterpart for.
    pub omits: Vec<PassageRef>,
}

/// The result of [`compare`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub docs: Vec<ComparedDoc>,
    /// Aligned passages, best first.
    pub aligned: Vec<AlignedPair>,
}

/// Compares `docs` side by side.
pub fn compare(docs: &[Doc<'_>], opts: &AlignOptions) -> Comparison {
    let texts: Vec<String> = docs.iter().map(|d| d.doc.text()).collect();
    let (scorer, sents) = prepare(&texts, opts.min_words);
    let links = link_sentences(&scorer, &sents, opts.threshold, true);
    // One-to-one per document pair, best first.
    let mut used: HashSet<(usize, usize)> = HashSet::new(); // (sentence, other doc)
    let mut matched: Vec<HashSet<usize>> = vec![HashSet::new(); sents.len()]; // docs matched
    let mut aligned = Vec::new();
    let pref = |s: usize, p: usize| {
        let st = &sents[s];
        let (a, b, _) = &st.pieces[p];
        PassageRef {
            doc: docs[st.doc].id,
            text: texts[st.doc][*a..*b].to_string(),
            start: *a,
            end: *b,
        }
    };
    for &(i, j, pi, pj, score) in &links {
        let (di, dj) = (sents[i].doc, sents[j].doc);
        if used.contains(&(i, dj)) || used.contains(&(j, di)) {
            continue;
        }
        used.insert((i, dj));
        used.insert((j, di));
        matched[i].insert(dj);
        matched[j].insert(di);
        let (x, y) = if (docs[di].id, sents[i].start) <= (docs[dj].id, sents[j].start) {
            ((i, pi), (j, pj))
        } else {
            ((j, pj), (i, pi))
        };
        // The whole quotes (or sentences) of the two passages.
        let unit = |(s, p): (usize, usize)| {
            let st = &sents[s];
            let (a, b, _) = &st.pieces[p];
            let (qs, qe, _) = quote_unit(&texts[st.doc], (*a, *b), (st.start, st.end));
            (&texts[st.doc][qs..qe], qs)
        };
        let ((ta, ba), (tb, bb)) = (unit(x), unit(y));
        let d = exact_diff(ta, ba, tb, bb);
        aligned.push(AlignedPair {
            score,
            a: pref(x.0, x.1),
            b: pref(y.0, y.1),
            a_marks: marks(&d, Side::A, ta, ba),
            b_marks: marks(&d, Side::B, tb, bb),
            diff: d,
        });
    }
    let min_words = opts.min_words.max(2);
    let out_docs = docs
        .iter()
        .enumerate()
        .map(|(d, &Doc { id, doc, .. })| {
            let mine: Vec<usize> = (0..sents.len()).filter(|&s| sents[s].doc == d).collect();
            let unique = mine
                .iter()
                .filter(|&&s| matched[s].is_empty() && sents[s].pieces[0].2.len() >= min_words)
                .map(|&s| pref(s, 0))
                .collect();
            let omits = (0..sents.len())
                .filter(|&s| {
                    sents[s].doc != d
                        && !matched[s].contains(&d)
                        && sents[s].pieces[0].2.len() >= min_words
                })
                .map(|s| pref(s, 0))
                .collect();
            ComparedDoc {
                doc: id,
                file: doc.file.clone(),
                title: doc.title.clone(),
                outlet: doc.outlet.clone(),
                date: doc.date.clone(),
                sentences: mine.len(),
                shared: mine.iter().filter(|&&s| !matched[s].is_empty()).count(),
                unique,
                omits,
            }
        })
        .collect();
    Comparison {
        docs: out_docs,
        aligned,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::tests::numbered;
    use crate::Document;

    fn doc(text: &str) -> Document {
        Document {
            file: "x".into(),
            lang: "en".into(),
            paragraphs: text.split('\n').map(str::to_string).collect(),
            ..Document::default()
        }
    }

    #[test]
    fn shared_unique_and_omitted() {
        let c = [
            doc(
                "The finance minister resigned on Tuesday after a row over the budget deficit.\n\
                 Opposition leaders called for an early election in the spring.",
            ),
            doc(
                "After a row over the budget deficit, the finance minister resigned on Tuesday.\n\
                 Markets barely moved as traders shrugged off the political turmoil.",
            ),
        ];
        let cmp = compare(&numbered(&c), &AlignOptions::default());
        assert_eq!(cmp.aligned.len(), 1, "{cmp:?}");
        assert!(cmp.aligned[0].a.text.starts_with("The finance minister"));
        assert_eq!(cmp.docs[0].shared, 1);
        assert_eq!(cmp.docs[0].unique.len(), 1);
        assert!(cmp.docs[0].unique[0].text.starts_with("Opposition"));
        assert_eq!(cmp.docs[0].omits.len(), 1);
        assert!(cmp.docs[0].omits[0].text.starts_with("Markets"));
        assert!(cmp.docs[1].omits[0].text.starts_with("Opposition"));
    }
}
