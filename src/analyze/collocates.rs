//! Collocates of a node term: the words that occur near it more often than
//! chance, ranked by log-likelihood (G²) with pointwise mutual information
//! alongside (AntConc's Collocates tool).
//!
//! Counting is on stems, within `window` words either side of each
//! occurrence of the node (not across paragraphs). For a collocate `c`:
//! `O11` = its occurrences inside the windows, `R1` = all words inside the
//! windows, `C1` = its corpus frequency, `N` = corpus size; the expected
//! count is `E11 = R1·C1/N`, `PMI = log2(O11/E11)`, and G² is computed on
//! the 2×2 table (inside/outside the windows × `c`/other words).
//! Stop-words are skipped as collocates.

use std::collections::HashMap;

use serde::Serialize;

use super::words::Lexicon;
use super::Doc;

/// Settings of [`collocates`].
#[derive(Debug, Clone, Serialize)]
pub struct CollocateOptions {
    /// Words either side of the node (1..=20; 5).
    pub window: usize,
    /// Minimum co-occurrence count (1..; 2).
    pub min_freq: usize,
    /// Collocates returned at most (200).
    pub limit: usize,
}

impl Default for CollocateOptions {
    fn default() -> CollocateOptions {
        CollocateOptions {
            window: 5,
            min_freq: 2,
            limit: 200,
        }
    }
}

/// One collocate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Collocate {
    /// The most frequent surface form of the stem.
    pub term: String,
    /// Co-occurrences with the node, left and right.
    pub freq: usize,
    pub left: usize,
    pub right: usize,
    /// Frequency of the collocate in all the documents analyzed.
    pub corpus_freq: usize,
    pub log_likelihood: f64,
    pub pmi: f64,
}

/// The collocates of a node and the counts behind them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Collocates {
    pub node: String,
    /// Occurrences of the node.
    pub node_freq: usize,
    /// Words in all the documents analyzed.
    pub corpus_size: usize,
    /// Strongest first (by G²).
    pub collocates: Vec<Collocate>,
}

/// G² of a 2×2 contingency table.
pub(crate) fn g2(o11: f64, o12: f64, o21: f64, o22: f64) -> f64 {
    let n = o11 + o12 + o21 + o22;
    if n <= 0.0 {
        return 0.0;
    }
    let (r1, r2, c1, c2) = (o11 + o12, o21 + o22, o11 + o21, o12 + o22);
    let term = |o: f64, e: f64| {
        if o > 0.0 && e > 0.0 {
            o * (o / e).ln()
        } else {
            0.0
        }
    };
    2.0 * (term(o11, r1 * c1 / n)
        + term(o12, r1 * c2 / n)
        + term(o21, r2 * c1 / n)
        + term(o22, r2 * c2 / n))
}

/// Collocates of `node` (a word, matched on its stem) in `docs`.
pub fn collocates(docs: &[Doc<'_>], node: &str, opts: &CollocateOptions) -> Collocates {
    let window = opts.window.clamp(1, 20);
    let mut lx = Lexicon::new();
    let paras: Vec<Vec<super::words::Word>> = docs
        .iter()
        .flat_map(|d| d.doc.paragraphs.iter())
        .map(|p| lx.words(p))
        .collect();
    let node_stem = lx.lookup_stem(node);
    let mut freq: HashMap<u32, usize> = HashMap::new();
    let mut forms: HashMap<(u32, u32), usize> = HashMap::new();
    let mut n = 0usize;
    for p in &paras {
        for w in p {
            *freq.entry(w.stem).or_insert(0) += 1;
            *forms.entry((w.stem, w.norm)).or_insert(0) += 1;
        }
        n += p.len();
    }
    let mut co: HashMap<u32, (usize, usize)> = HashMap::new();
    let mut node_freq = 0;
    let mut r1 = 0usize;
    if let Some(ns) = node_stem {
        for p in &paras {
            for (i, w) in p.iter().enumerate() {
                if w.stem != ns {
                    continue;
                }
                node_freq += 1;
                let lo = i.saturating_sub(window);
                let hi = (i + window).min(p.len() - 1);
                for (j, c) in p.iter().enumerate().take(hi + 1).skip(lo) {
                    if j == i {
                        continue;
                    }
                    r1 += 1;
                    if c.stop || c.stem == ns {
                        continue;
                    }
                    let e = co.entry(c.stem).or_insert((0, 0));
                    if j < i {
                        e.0 += 1;
                    } else {
                        e.1 += 1;
                    }
                }
            }
        }
    }
    let mut best_form: HashMap<u32, (u32, usize)> = HashMap::new();
    for (&(s, nm), &c) in &forms {
        let e = best_form.entry(s).or_insert((nm, 0));
        if c > e.1 || (c == e.1 && nm < e.0) {
            *e = (nm, c);
        }
    }
    let nf = n as f64;
    let mut out: Vec<Collocate> = co
        .into_iter()
        .filter(|(_, (l, r))| l + r >= opts.min_freq.max(1))
        .map(|(s, (l, r))| {
            let o11 = (l + r) as f64;
            let c1 = freq[&s] as f64;
            let r1f = r1 as f64;
            let e11 = r1f * c1 / nf;
            let o12 = (r1f - o11).max(0.0);
            let o21 = (c1 - o11).max(0.0);
            let o22 = (nf - r1f - o21).max(0.0);
            Collocate {
                term: lx.norm(best_form[&s].0).to_string(),
                freq: l + r,
                left: l,
                right: r,
                corpus_freq: freq[&s],
                log_likelihood: g2(o11, o12, o21, o22),
                pmi: if e11 > 0.0 { (o11 / e11).log2() } else { 0.0 },
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.log_likelihood
            .total_cmp(&a.log_likelihood)
            .then(a.term.cmp(&b.term))
    });
    out.truncate(opts.limit);
    Collocates {
        node: node.to_string(),
        node_freq,
        corpus_size: n,
        collocates: out,
    }
}

impl Collocates {
    /// CSV with a header: term,freq,left,right,corpus_freq,log_likelihood,pmi.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("term,freq,left,right,corpus_freq,log_likelihood,pmi\n");
        for c in &self.collocates {
            super::csv_row(
                &mut out,
                &[
                    c.term.clone(),
                    c.freq.to_string(),
                    c.left.to_string(),
                    c.right.to_string(),
                    c.corpus_freq.to_string(),
                    format!("{:.3}", c.log_likelihood),
                    format!("{:.3}", c.pmi),
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

    #[test]
    fn g2_known_value() {
        // Dunning-style check: independent table gives 0.
        assert!(g2(10.0, 90.0, 100.0, 900.0).abs() < 1e-9);
        assert!(g2(30.0, 70.0, 80.0, 920.0) > 10.0);
    }

    #[test]
    fn finds_the_obvious_collocate() {
        let mut paras = Vec::new();
        for i in 0..20 {
            paras.push(format!(
                "The security guarantees were discussed in round {i} of talks."
            ));
            paras.push(format!(
                "Farmers sold wheat and barley at the market on day {i}."
            ));
        }
        let c = [Document {
            file: "a".into(),
            paragraphs: paras,
            ..Document::default()
        }];
        let r = collocates(&numbered(&c), "guarantee", &CollocateOptions::default());
        assert_eq!(r.node_freq, 20);
        let top = &r.collocates[0];
        assert!(
            ["security", "discussed", "round"].contains(&top.term.as_str()),
            "{r:?}"
        );
        assert!(r.collocates.iter().all(|c| c.term != "wheat"));
        let sec = r.collocates.iter().find(|c| c.term == "security").unwrap();
        assert_eq!((sec.left, sec.right), (20, 0));
        assert!(sec.pmi > 0.0);
        assert!(r.to_csv().lines().count() == r.collocates.len() + 1);
    }
}
