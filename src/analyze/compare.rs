//! Two or more documents side by side: the passages they share (aligned,
//! scored and diffed), the passages only one of them has, and what each
//! leaves out relative to the others.
//!
//! Sentences are linked with the statement aligner ([`super::align`]);
//! for every pair of documents the links are made one-to-one greedily,
//! best score first.
//!
//! Copy provenance ([`Provenance`]): the documents in publication order
//! (date; on the same day a transcript first, being the record the day's
//! reports are made from, then document order; undated last), the earliest
//! is first seen;
//! each later one is compared with every earlier one through the aligned
//! passages. Its source is the earlier document it shares most passages
//! with; it is a wire copy when at least half of its sentences are that
//! source's, printed verbatim (at most one word in ten changed), a
//! rewrite when at least [`REWRITE_PASSAGES`] of its sentences (or two
//! making a quarter) render the source's, else original (a passage or two in
//! common: the same quote of the same event).

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

/// Sentences rendering an earlier document's that make a document a
/// rewrite of it (or two making a quarter of its sentences).
pub const REWRITE_PASSAGES: usize = 3;

/// Where a compared document's passages come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provenance {
    /// "first" (the earliest document), "wire copy", "rewrite" or
    /// "original".
    pub kind: String,
    /// The earlier document it took most passages from (wire copy or
    /// rewrite; for an original, the one it shares most with, if any).
    pub source: Option<DocId>,
    pub source_outlet: Option<String>,
    /// Its sentences rendering the source's.
    pub passages: usize,
    /// Of those, printed verbatim (at most one word in ten changed).
    pub verbatim: usize,
    /// Its place in publication order (0 = first); documents without a
    /// date come after the dated ones, in document order.
    pub order: usize,
    /// It has no date, so its order is a guess.
    pub undated: bool,
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
    /// Who published first and who took passages from whom.
    pub provenance: Provenance,
}

/// The result of [`compare`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub docs: Vec<ComparedDoc>,
    /// The document published first (earliest date; document order
    /// among equal dates), when any is dated.
    pub first: Option<DocId>,
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
    // (doc, doc) → (sentences aligned, of which verbatim), both orders.
    let mut shared_with: std::collections::HashMap<(usize, usize), (usize, usize)> =
        std::collections::HashMap::new();
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
        let words = |t: &str| t.split_whitespace().count();
        let changed: usize = d
            .iter()
            .map(|op| match op {
                DiffOp::Delete { text, .. } | DiffOp::Insert { text, .. } => words(text),
                DiffOp::Equal { .. } => 0,
            })
            .sum();
        let verbatim = usize::from(changed * 10 <= words(ta).max(words(tb)));
        for k in [(di, dj), (dj, di)] {
            let e = shared_with.entry(k).or_insert((0, 0));
            e.0 += 1;
            e.1 += verbatim;
        }
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
    let day = |d: usize| docs[d].day();
    let mut order: Vec<usize> = (0..docs.len()).collect();
    // A transcript is the record the reports of its day are made from.
    order.sort_by_key(|&d| {
        (
            day(d).unwrap_or(i64::MAX),
            docs[d].doc.turns.is_empty(),
            docs[d].id,
        )
    });
    let sentences_of = |d: usize| sents.iter().filter(|s| s.doc == d).count();
    let provenance: Vec<Provenance> = (0..docs.len())
        .map(|d| {
            let place = order.iter().position(|&x| x == d).unwrap_or(0);
            let best = order[..place]
                .iter()
                .filter_map(|&e| shared_with.get(&(d, e)).map(|&(n, v)| (e, n, v)))
                .max_by_key(|&(e, n, _)| (n, std::cmp::Reverse(place_of(&order, e))));
            let n_sent = sentences_of(d).max(1);
            let (kind, source, passages, verbatim) = match best {
                _ if place == 0 => ("first", None, 0, 0),
                None => ("original", None, 0, 0),
                Some((e, n, v)) => {
                    let kind = if 2 * v >= n_sent {
                        "wire copy"
                    } else if n >= REWRITE_PASSAGES || (n >= 2 && 4 * n >= n_sent) {
                        "rewrite"
                    } else {
                        "original"
                    };
                    (kind, Some(e), n, v)
                }
            };
            Provenance {
                kind: kind.to_string(),
                source: source.map(|e| docs[e].id),
                source_outlet: source.and_then(|e| docs[e].doc.outlet.clone()),
                passages,
                verbatim,
                order: place,
                undated: day(d).is_none(),
            }
        })
        .collect();
    let first = order
        .first()
        .filter(|&&d| day(d).is_some())
        .map(|&d| docs[d].id);
    let mut provenance = provenance.into_iter();
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
                provenance: provenance.next().unwrap_or_else(|| Provenance {
                    kind: "original".into(),
                    source: None,
                    source_outlet: None,
                    passages: 0,
                    verbatim: 0,
                    order: d,
                    undated: true,
                }),
            }
        })
        .collect();
    Comparison {
        docs: out_docs,
        first,
        aligned,
    }
}

/// The place of document `d` in `order`.
fn place_of(order: &[usize], d: usize) -> usize {
    order.iter().position(|&x| x == d).unwrap_or(usize::MAX)
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
        // One shared sentence of two: original reports of one event.
        assert_eq!(cmp.docs[0].provenance.kind, "first");
        assert_eq!(cmp.docs[1].provenance.kind, "original");
    }

    #[test]
    fn wire_copy_rewrite_and_first() {
        let wire =
            "The central bank raised its key rate by half a point to 4.5 percent on Thursday.\n\
                    Analysts had expected a smaller increase after inflation slowed in March.\n\
                    The governor said further rises could follow if prices kept climbing.\n\
                    Shares of the largest lenders rose after the announcement in early trading.";
        let copy =
            "The central bank raised its key rate by half a point to 4.5 percent on Thursday.\n\
                    Analysts had expected a smaller increase after inflation slowed in March.\n\
                    The governor said further rises could follow if prices kept climbing.\n\
                    Local weather stayed mild.";
        let rewrite = "On Thursday the central bank lifted its key rate by half a point, to 4.5 percent.\n\
                       After inflation slowed in March, analysts had expected a smaller rise.\n\
                       Further rises could follow if prices kept climbing, the governor said.\n\
                       Shares of the largest lenders rose in early trading after the announcement.\n\
                       The opposition criticised the decision as too late.\n\
                       Pensioners fear higher costs for loans.\n\
                       Exporters welcomed a firmer currency.";
        let mut c = [doc(copy), doc(wire), doc(rewrite)];
        c[0].date = Some("2024-04-12".into());
        c[1].date = Some("2024-04-11".into());
        c[2].date = Some("2024-04-12".into());
        let cmp = compare(&numbered(&c), &AlignOptions::default());
        assert_eq!(cmp.first, Some(1));
        let p: Vec<&Provenance> = cmp.docs.iter().map(|d| &d.provenance).collect();
        assert_eq!(p[1].kind, "first");
        assert_eq!(p[0].kind, "wire copy", "{p:?}");
        assert_eq!(p[0].source, Some(1));
        assert_eq!(p[2].kind, "rewrite", "{p:?}");
        assert_eq!((p[1].order, p[0].order, p[2].order), (0, 1, 2));
    }
}
