//! Keyness: the words over- (or under-) used in one set of documents
//! against a reference (by default the rest of the corpus), as in
//! AntConc's Keyword List.
//!
//! Counting is on stems. For a term with frequency `a` in the target
//! (size `c` words) and `b` in the reference (size `d`): log-likelihood
//! G² (Rayson & Garside 2000), and two effect sizes: %DIFF (Gabrielatos &
//! Marchi 2012; a zero reference frequency is replaced by 1e-18 so the
//! value stays finite but huge) and the log ratio (Hardie 2014, binary log
//! of the ratio of relative frequencies, zero counts smoothed with 0.5).

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::words::Lexicon;
use super::Doc;
use crate::DocId;

/// Settings of [`keyness`].
#[derive(Debug, Clone, Serialize)]
pub struct KeynessOptions {
    /// Minimum target frequency (1..; 3).
    pub min_freq: usize,
    /// Minimum G² (3.84 is p < 0.05, 6.63 p < 0.01, 15.13 p < 0.0001).
    pub min_g2: f64,
    /// Skip stop-words (true).
    pub skip_stopwords: bool,
    /// Also report negative keywords (underused in the target).
    pub negative: bool,
    /// Terms returned at most (200).
    pub limit: usize,
}

impl Default for KeynessOptions {
    fn default() -> KeynessOptions {
        KeynessOptions {
            min_freq: 3,
            min_g2: 3.84,
            skip_stopwords: true,
            negative: true,
            limit: 200,
        }
    }
}

/// One key term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyTerm {
    /// The most frequent surface form of the stem.
    pub term: String,
    pub target_freq: usize,
    pub reference_freq: usize,
    /// Signed G²: negative when underused in the target.
    pub log_likelihood: f64,
    /// %DIFF of the normalized frequencies; `None` when the reference
    /// never has the term (the difference is unbounded).
    pub percent_diff: Option<f64>,
    pub log_ratio: f64,
}

/// Keyness of a target set against a reference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Keyness {
    pub target_size: usize,
    pub reference_size: usize,
    /// Positive keywords first (by G²), then negative ones.
    pub terms: Vec<KeyTerm>,
}

/// Keyness of the documents `target` against `reference` (those of
/// `reference` that are also in `target` are left out of it; the corpus
/// passes all its documents for "the rest of the corpus").
pub fn keyness(target: &[Doc<'_>], reference: &[Doc<'_>], opts: &KeynessOptions) -> Keyness {
    let tset: HashSet<DocId> = target.iter().map(|d| d.id).collect();
    let refs: Vec<Doc<'_>> = reference
        .iter()
        .filter(|d| !tset.contains(&d.id))
        .copied()
        .collect();
    let mut lx = Lexicon::new();
    let mut forms: HashMap<(u32, u32), usize> = HashMap::new();
    let mut count = |docs: &[Doc<'_>], lx: &mut Lexicon| {
        let mut f: HashMap<u32, usize> = HashMap::new();
        let mut n = 0;
        for d in docs {
            for p in &d.doc.paragraphs {
                for w in lx.words(p) {
                    n += 1;
                    if opts.skip_stopwords && w.stop {
                        continue;
                    }
                    *f.entry(w.stem).or_insert(0) += 1;
                    *forms.entry((w.stem, w.norm)).or_insert(0) += 1;
                }
            }
        }
        (f, n)
    };
    let (tf, c) = count(target, &mut lx);
    let (rf, d) = count(&refs, &mut lx);
    let mut best: HashMap<u32, (u32, usize)> = HashMap::new();
    for (&(s, nm), &k) in &forms {
        let e = best.entry(s).or_insert((nm, 0));
        if k > e.1 || (k == e.1 && nm < e.0) {
            *e = (nm, k);
        }
    }
    let (cf, df) = (c as f64, d as f64);
    let mut stems: HashSet<u32> = tf.keys().copied().collect();
    if opts.negative {
        stems.extend(rf.keys().copied());
    }
    let mut terms: Vec<KeyTerm> = stems
        .into_iter()
        .filter_map(|s| {
            let a = tf.get(&s).copied().unwrap_or(0);
            let b = rf.get(&s).copied().unwrap_or(0);
            if cf == 0.0 || df == 0.0 {
                return None;
            }
            let (af, bf) = (a as f64, b as f64);
            let e1 = cf * (af + bf) / (cf + df);
            let e2 = df * (af + bf) / (cf + df);
            let t = |o: f64, e: f64| if o > 0.0 { o * (o / e).ln() } else { 0.0 };
            let g = 2.0 * (t(af, e1) + t(bf, e2));
            let over = af / cf >= bf / df;
            if over && a < opts.min_freq {
                return None;
            }
            if !over && b < opts.min_freq {
                return None;
            }
            if g < opts.min_g2 || (!over && !opts.negative) {
                return None;
            }
            let nt = af / cf;
            let nr = bf / df;
            Some(KeyTerm {
                term: best.get(&s).map_or_else(
                    || lx.stem(s).to_string(),
                    |&(nm, _)| lx.norm(nm).to_string(),
                ),
                target_freq: a,
                reference_freq: b,
                log_likelihood: if over { g } else { -g },
                percent_diff: (b > 0).then(|| (nt - nr) * 100.0 / nr),
                log_ratio: (((af.max(0.5)) / cf) / ((bf.max(0.5)) / df)).log2(),
            })
        })
        .collect();
    terms.sort_by(|x, y| {
        let (px, py) = (x.log_likelihood >= 0.0, y.log_likelihood >= 0.0);
        py.cmp(&px)
            .then(y.log_likelihood.abs().total_cmp(&x.log_likelihood.abs()))
            .then(x.term.cmp(&y.term))
    });
    terms.truncate(opts.limit);
    Keyness {
        target_size: c,
        reference_size: d,
        terms,
    }
}

impl Keyness {
    /// CSV with a header: term,target_freq,reference_freq,log_likelihood,percent_diff,log_ratio.
    pub fn to_csv(&self) -> String {
        let mut out =
            String::from("term,target_freq,reference_freq,log_likelihood,percent_diff,log_ratio\n");
        for t in &self.terms {
            super::csv_row(
                &mut out,
                &[
                    t.term.clone(),
                    t.target_freq.to_string(),
                    t.reference_freq.to_string(),
                    format!("{:.3}", t.log_likelihood),
                    t.percent_diff
                        .map_or_else(|| "inf".to_string(), |p| format!("{p:.3}")),
                    format!("{:.3}", t.log_ratio),
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

    fn doc(t: &str) -> Document {
        Document {
            file: "x".into(),
            paragraphs: vec![t.to_string()],
            ..Document::default()
        }
    }

    #[test]
    fn overused_words_are_key() {
        let mut c = vec![doc(
            &"missile missiles treaty launch range weapons talks ".repeat(10)
        )];
        for _ in 0..5 {
            c.push(doc(
                &"football match goal season player coach talks weapons ".repeat(10),
            ));
        }
        let all = numbered(&c);
        // The whole selection as reference: the target is left out of it.
        let k = keyness(&all[..1], &all, &KeynessOptions::default());
        assert_eq!(k.terms[0].term, "missile");
        assert_eq!(k.terms[0].target_freq, 20);
        assert!(k.terms[0].log_likelihood > 15.13 && k.terms[0].log_ratio > 5.0);
        // "talks" is equally frequent everywhere: not key.
        assert!(k.terms.iter().all(|t| t.term != "talks"));
        // Football words are underused in the target: negative.
        let neg = k.terms.iter().find(|t| t.term == "football").unwrap();
        assert!(neg.log_likelihood < 0.0 && neg.percent_diff.is_some_and(|p| p < 0.0));
        assert!(k.to_csv().starts_with("term,"));
    }
}
