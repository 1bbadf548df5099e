//! Term frequency over time: occurrences of each term per month, raw and
//! per 10,000 words of that month's documents (Voyant's Trends).
//!
//! Terms match on stems; a term of several words counts phrase
//! occurrences. Documents without a date are counted apart
//! (`undated`), never guessed.

use std::collections::BTreeMap;

use serde::Serialize;

use super::words::Lexicon;
use super::Doc;
use crate::vocab::{Date, Month};

/// The counts of one term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub term: String,
    /// Occurrences per month, aligned with [`Trends::months`].
    pub counts: Vec<usize>,
    /// Occurrences per 10,000 words of the month.
    pub per_10k: Vec<f64>,
    /// Occurrences in undated documents.
    pub undated: usize,
}

/// Term frequencies per month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trends {
    /// Months "YYYY-MM", ascending, without gaps between first and last.
    pub months: Vec<String>,
    /// Words per month.
    pub words: Vec<usize>,
    /// Documents per month.
    pub docs: Vec<usize>,
    pub undated_docs: usize,
    pub undated_words: usize,
    pub series: Vec<Series>,
}

/// Monthly frequencies of `terms` in `docs`.
pub fn trends(docs: &[Doc<'_>], terms: &[&str]) -> Trends {
    let mut lx = Lexicon::new();
    let mut per_month: BTreeMap<Month, (usize, usize, Vec<usize>)> = BTreeMap::new();
    let mut undated = (0usize, 0usize, vec![0usize; terms.len()]);
    let analyzed: Vec<(Option<Month>, Vec<Vec<super::words::Word>>)> = docs
        .iter()
        .map(|&Doc { doc: d, .. }| {
            let month = d.date.as_deref().and_then(Date::parse).map(Date::month);
            (month, d.paragraphs.iter().map(|p| lx.words(p)).collect())
        })
        .collect();
    let patterns: Vec<Option<Vec<u32>>> = terms
        .iter()
        .map(|t| {
            let toks = crate::text::tokenize(t);
            if toks.is_empty() {
                return None;
            }
            toks.iter().map(|tk| lx.lookup_stem(&tk.term)).collect()
        })
        .collect();
    for (month, paras) in &analyzed {
        let slot = match month {
            Some(m) => per_month
                .entry(*m)
                .or_insert_with(|| (0, 0, vec![0; terms.len()])),
            None => &mut undated,
        };
        slot.0 += 1;
        for p in paras {
            slot.1 += p.len();
            for (ti, pat) in patterns.iter().enumerate() {
                let Some(pat) = pat else { continue };
                if p.len() < pat.len() {
                    continue;
                }
                slot.2[ti] += p
                    .windows(pat.len())
                    .filter(|w| w.iter().zip(pat).all(|(w, s)| w.stem == *s))
                    .count();
            }
        }
    }
    let mut months = Vec::new();
    if let (Some(&first), Some(&last)) = (per_month.keys().next(), per_month.keys().next_back()) {
        let mut m = first;
        while m <= last && months.len() < 12 * 200 {
            months.push(m);
            m = m.next();
        }
    }
    let empty = (0, 0, vec![0; terms.len()]);
    let rows: Vec<&(usize, usize, Vec<usize>)> = months
        .iter()
        .map(|m| per_month.get(m).unwrap_or(&empty))
        .collect();
    let series = terms
        .iter()
        .enumerate()
        .map(|(ti, t)| Series {
            term: t.to_string(),
            counts: rows.iter().map(|r| r.2[ti]).collect(),
            per_10k: rows
                .iter()
                .map(|r| {
                    if r.1 == 0 {
                        0.0
                    } else {
                        r.2[ti] as f64 * 10_000.0 / r.1 as f64
                    }
                })
                .collect(),
            undated: undated.2[ti],
        })
        .collect();
    Trends {
        words: rows.iter().map(|r| r.1).collect(),
        docs: rows.iter().map(|r| r.0).collect(),
        months: months.iter().map(Month::to_string).collect(),
        undated_docs: undated.0,
        undated_words: undated.1,
        series,
    }
}

impl Trends {
    /// CSV in long form with a header: term,month,count,per_10k,words.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("term,month,count,per_10k,words\n");
        for s in &self.series {
            for (i, m) in self.months.iter().enumerate() {
                super::csv_row(
                    &mut out,
                    &[
                        s.term.clone(),
                        m.clone(),
                        s.counts[i].to_string(),
                        format!("{:.3}", s.per_10k[i]),
                        self.words[i].to_string(),
                    ],
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::tests::numbered;
    use crate::Document;

    fn doc(t: &str, date: Option<&str>) -> Document {
        Document {
            file: "x".into(),
            date: date.map(str::to_string),
            paragraphs: vec![t.to_string()],
            ..Document::default()
        }
    }

    #[test]
    fn monthly_counts_fill_gaps() {
        let c = [
            doc("security guarantees and more security", Some("2021-12-17")),
            doc("nothing here at all", Some("2022-02-14")),
            doc("Security talks", None),
        ];
        let t = trends(&numbered(&c), &["security", "security guarantee", "zzz"]);
        assert_eq!(t.months, ["2021-12", "2022-01", "2022-02"]);
        assert_eq!(t.series[0].counts, [2, 0, 0]);
        assert_eq!(t.series[0].undated, 1);
        assert_eq!(t.series[1].counts, [1, 0, 0]);
        assert!((t.series[0].per_10k[0] - 4000.0).abs() < 1e-9);
        assert_eq!(t.series[2].counts, [0, 0, 0]);
        assert_eq!(t.words, [5, 0, 4]);
        assert_eq!(t.to_csv().lines().count(), 1 + 9);
    }
}
