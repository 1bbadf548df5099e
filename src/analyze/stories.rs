//! Same-story detection: documents that report the same events, about the
//! same people, around the same dates.
//!
//! Each document gets a signature: its `terms` heaviest content stems by
//! TF-IDF (sublinear term frequency; headline words count twice; words
//! capitalized inside a sentence, i.e. names, weigh 1.5 times more). Two
//! documents are linked when the cosine of their signatures reaches the
//! threshold, or when their 5-word shingle sets overlap (Jaccard ≥ 0.5),
//! and never when both are dated more than `max_days` apart. Only links
//! between mutual nearest neighbours (each among the other's five best)
//! are kept, and stories grow best link first up to [`MAX_STORY_DOCS`]
//! documents, so topic words cannot chain a corpus into one story.
//! Candidate pairs come
//! from an inverted index over signature terms shared by at most 5% of the
//! documents, so the cost stays near-linear on large corpora.

use std::collections::HashMap;

use serde::Serialize;

use super::dedup::{shingles, similar_pairs, UnionFind};
use super::words::Lexicon;
use crate::corpus::{Corpus, DocId};

/// Settings of [`stories`].
#[derive(Debug, Clone, Serialize)]
pub struct StoryOptions {
    /// Minimum signature cosine to link two documents (0.0..=1.0; 0.3).
    /// In corpora of fewer than 100 documents IDF barely separates story
    /// words from topic words and cosines run lower, so 0.75 times this
    /// value is used there.
    pub threshold: f64,
    /// Documents dated further apart than this many days are never linked.
    pub max_days: u32,
    /// Terms per document signature (5..=200; 40).
    pub terms: usize,
}

impl Default for StoryOptions {
    fn default() -> StoryOptions {
        StoryOptions {
            threshold: 0.3,
            max_days: 4,
            terms: 40,
        }
    }
}

/// A group of documents telling the same story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Story {
    /// The documents, earliest first (undated last), at least two.
    pub docs: Vec<DocId>,
    /// The terms the members share most, heaviest first.
    pub terms: Vec<String>,
    /// Earliest known date (YYYY-MM-DD).
    pub first_date: Option<String>,
    /// Latest known date.
    pub last_date: Option<String>,
    /// Mean cosine of the links that formed the story.
    pub cohesion: f64,
}

/// Days since 1970-01-01 of a "YYYY-MM-DD" (or "YYYY-MM-DD…") date.
pub(crate) fn day_number(date: &str) -> Option<i64> {
    let y: i64 = date.get(0..4)?.parse().ok()?;
    let m: i64 = date.get(5..7)?.parse().ok()?;
    let d: i64 = date.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

struct Signature {
    /// (stem, weight), L2-normalized, sorted by stem.
    terms: Vec<(u32, f64)>,
}

/// Groups the documents of `ids` (all when `None`) into stories; documents
/// alone in their story are left out. Stories are ordered by size, then
/// by first document.
pub fn stories(corpus: &Corpus, ids: Option<&[DocId]>, opts: &StoryOptions) -> Vec<Story> {
    let docs = super::select(corpus, ids);
    let n = docs.len();
    if n < 2 {
        return Vec::new();
    }
    let mut lx = Lexicon::new();
    let mut tfs: Vec<HashMap<u32, f64>> = Vec::with_capacity(n);
    let mut norm_count: HashMap<(u32, u32), u32> = HashMap::new();
    let mut seqs: Vec<Vec<u64>> = Vec::with_capacity(n);
    for (_, d) in &docs {
        let mut tf: HashMap<u32, f64> = HashMap::new();
        let mut seq: Vec<u64> = Vec::new();
        let mut add = |text: &str, factor: f64, lx: &mut Lexicon, seq: Option<&mut Vec<u64>>| {
            let words = lx.words(text);
            if let Some(seq) = seq {
                seq.extend(
                    words
                        .iter()
                        .map(|w| (w.norm as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)),
                );
            }
            for (i, w) in words.iter().enumerate() {
                let norm = lx.norm(w.norm);
                if w.stop || norm.chars().count() < 2 || (w.num && norm.len() < 3) {
                    continue;
                }
                let name = w.cap
                    && i > 0
                    && !text[..w.start]
                        .trim_end()
                        .ends_with(['.', '!', '?', '"', '“']);
                *tf.entry(w.stem).or_insert(0.0) += factor * if name { 1.5 } else { 1.0 };
                *norm_count.entry((w.stem, w.norm)).or_insert(0) += 1;
            }
        };
        if let Some(t) = &d.title {
            add(t, 2.0, &mut lx, None);
        }
        for p in &d.paragraphs {
            add(p, 1.0, &mut lx, Some(&mut seq));
        }
        tfs.push(tf);
        seqs.push(seq);
    }
    let mut df: HashMap<u32, u32> = HashMap::new();
    for tf in &tfs {
        for &s in tf.keys() {
            *df.entry(s).or_insert(0) += 1;
        }
    }
    let k = opts.terms.clamp(5, 200);
    let threshold = if n < 100 {
        opts.threshold * 0.75
    } else {
        opts.threshold
    };
    // The signature keeps the heaviest terms that another document shares
    // (a term of one document cannot link anything), L2-normalized.
    let sigs: Vec<Signature> = tfs
        .iter()
        .map(|tf| {
            let mut w: Vec<(u32, f64)> = tf
                .iter()
                .map(|(&s, &c)| {
                    let idf = ((n as f64 + 1.0) / df[&s] as f64).ln();
                    (s, (1.0 + c.ln()) * idf)
                })
                .collect();
            w.retain(|x| df[&x.0] >= 2);
            w.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            w.truncate(k);
            let norm = w.iter().map(|x| x.1 * x.1).sum::<f64>().sqrt();
            if norm > 0.0 {
                for x in &mut w {
                    x.1 /= norm;
                }
            }
            w.sort_by_key(|x| x.0);
            Signature { terms: w }
        })
        .collect();
    // Candidate pairs through an inverted index over shared, not too
    // common signature terms; scores accumulate the cosine directly.
    let max_df = ((n as f64 * 0.05).ceil() as u32).max(5);
    let mut postings: HashMap<u32, Vec<(usize, f64)>> = HashMap::new();
    for (i, s) in sigs.iter().enumerate() {
        for &(t, w) in &s.terms {
            let d = df[&t];
            if d >= 2 && d <= max_df {
                postings.entry(t).or_default().push((i, w));
            }
        }
    }
    let days: Vec<Option<i64>> = docs
        .iter()
        .map(|(_, d)| d.date.as_deref().and_then(day_number))
        .collect();
    let close = |a: usize, b: usize| match (days[a], days[b]) {
        (Some(x), Some(y)) => (x - y).unsigned_abs() <= opts.max_days as u64,
        _ => true,
    };
    let mut uf = UnionFind::new(n);
    let mut link_sum: HashMap<usize, (f64, usize)> = HashMap::new();
    let mut links: Vec<(usize, usize, f64)> = Vec::new();
    let mut acc: HashMap<usize, f64> = HashMap::new();
    for (i, s) in sigs.iter().enumerate() {
        acc.clear();
        for &(t, w) in &s.terms {
            if let Some(list) = postings.get(&t) {
                for &(j, v) in list {
                    if j > i {
                        *acc.entry(j).or_insert(0.0) += w * v;
                    }
                }
            }
        }
        for (&j, &partial) in &acc {
            if partial < threshold * 0.5 {
                continue;
            }
            let cos = cosine(&s.terms, &sigs[j].terms);
            if cos >= threshold && close(i, j) {
                links.push((i, j, cos));
            }
        }
    }
    // Chaining guard: a document keeps its links to its few nearest
    // neighbours only, and only links both ends keep (mutual nearest
    // neighbours); otherwise, in a large corpus, topic words ("oil
    // prices", "interest rates") chain thousands of documents together.
    let mut nearest: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for &(a, b, c) in &links {
        nearest[a].push((b, c));
        nearest[b].push((a, c));
    }
    for l in &mut nearest {
        l.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        l.truncate(NEIGHBOURS);
    }
    let keeps = |a: usize, b: usize| nearest[a].iter().any(|x| x.0 == b);
    links.retain(|&(a, b, _)| keeps(a, b) && keeps(b, a));
    let sets: Vec<Vec<u64>> = seqs.iter().map(|seq| shingles(seq, 5)).collect();
    for (a, b, _) in similar_pairs(&sets, 0.5) {
        if close(a, b) {
            let (dot, _) = overlap(&sigs[a].terms, &sigs[b].terms);
            links.push((a, b, dot.max(threshold)));
        }
    }
    links.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
    let mut size = vec![1usize; n];
    let mut kept = Vec::new();
    for &(a, b, c) in &links {
        let (ra, rb) = (uf.find(a), uf.find(b));
        if ra == rb {
            kept.push((a, c));
            continue;
        }
        if size[ra] + size[rb] > MAX_STORY_DOCS {
            continue;
        }
        uf.union(a, b);
        let r = uf.find(a);
        size[r] = size[ra] + size[rb];
        kept.push((a, c));
    }
    for &(a, c) in &kept {
        let e = link_sum.entry(uf.find(a)).or_insert((0.0, 0));
        e.0 += c;
        e.1 += 1;
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        groups.entry(uf.find(i)).or_default().push(i);
    }
    let mut best_norm: HashMap<u32, (u32, u32)> = HashMap::new();
    for (&(s, nm), &c) in &norm_count {
        let e = best_norm.entry(s).or_insert((nm, 0));
        if c > e.1 || (c == e.1 && nm < e.0) {
            *e = (nm, c);
        }
    }
    let mut out: Vec<Story> = groups
        .into_iter()
        .filter(|(_, g)| g.len() > 1)
        .map(|(root, mut g)| {
            g.sort_by_key(|&i| (days[i].unwrap_or(i64::MAX), docs[i].0));
            let mut weight: HashMap<u32, (f64, usize)> = HashMap::new();
            for &i in &g {
                for &(t, w) in &sigs[i].terms {
                    let e = weight.entry(t).or_insert((0.0, 0));
                    e.0 += w;
                    e.1 += 1;
                }
            }
            let mut terms: Vec<(u32, f64)> = weight
                .into_iter()
                .filter(|(_, (_, c))| *c >= 2)
                .map(|(t, (w, _))| (t, w))
                .collect();
            terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let dated: Vec<&String> = g.iter().filter_map(|&i| docs[i].1.date.as_ref()).collect();
            let (sum, cnt) = link_sum.get(&root).copied().unwrap_or((0.0, 0));
            Story {
                docs: g.iter().map(|&i| docs[i].0).collect(),
                terms: terms
                    .iter()
                    .take(8)
                    .map(|&(t, _)| {
                        best_norm.get(&t).map_or_else(
                            || lx.stem(t).to_string(),
                            |&(nm, _)| lx.norm(nm).to_string(),
                        )
                    })
                    .collect(),
                first_date: dated.iter().min().map(|s| s.to_string()),
                last_date: dated.iter().max().map(|s| s.to_string()),
                cohesion: if cnt > 0 { sum / cnt as f64 } else { 0.0 },
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.docs
            .len()
            .cmp(&a.docs.len())
            .then(a.docs[0].cmp(&b.docs[0]))
    });
    out
}

/// Dot product of two sorted signatures, and how many terms they share.
fn overlap(a: &[(u32, f64)], b: &[(u32, f64)]) -> (f64, usize) {
    let (mut i, mut j, mut s, mut n) = (0, 0, 0.0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (s, n)
}

/// Nearest neighbours a document keeps links to.
const NEIGHBOURS: usize = 5;

/// Stories never grow beyond this many documents.
pub const MAX_STORY_DOCS: usize = 200;

/// Signatures sharing fewer terms than this are never linked: one shared
/// word ("weaker") is a coincidence, not a story.
const MIN_SHARED_TERMS: usize = 3;

fn cosine(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    match overlap(a, b) {
        (s, n) if n >= MIN_SHARED_TERMS => s,
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Document;

    fn doc(text: &str, date: Option<&str>) -> Document {
        Document {
            file: "x".into(),
            lang: "en".into(),
            date: date.map(str::to_string),
            paragraphs: vec![text.to_string()],
            ..Document::default()
        }
    }

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(
            day_number("2022-02-14").unwrap() - day_number("2022-01-28").unwrap(),
            17
        );
        assert_eq!(day_number("2022-13-01"), None);
        assert_eq!(day_number("soon"), None);
    }

    #[test]
    fn groups_same_event_and_respects_dates() {
        let quake =
            "A magnitude 6.8 earthquake struck near Marrakesh late on Friday, killing hundreds \
            in the Atlas mountains villages of Amizmiz and Talat N'Yaacoub, officials said.";
        let quake2 = "Rescuers in Amizmiz and Talat N'Yaacoub dug through rubble after the Atlas \
            earthquake near Marrakesh killed hundreds, Moroccan officials said on Saturday.";
        let other = "The central bank held interest rates steady, citing slowing inflation and a \
            weaker labour market in the third quarter.";
        let other2 =
            "Shares rose in Tokyo as exporters gained on a weaker yen and investors bought \
            chipmakers ahead of earnings.";
        let mut c = Corpus::new();
        let a = c.add(doc(quake, Some("2023-09-08")));
        let b = c.add(doc(quake2, Some("2023-09-09")));
        c.add(doc(other, Some("2023-09-08")));
        c.add(doc(other2, None));
        let s = stories(&c, None, &StoryOptions::default());
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(s[0].docs, vec![a, b]);
        assert!(s[0].terms.iter().any(|t| t == "amizmiz"));
        // A year apart: not the same story.
        let mut c = Corpus::new();
        c.add(doc(quake, Some("2023-09-08")));
        c.add(doc(quake2, Some("2024-09-09")));
        c.add(doc(other, None));
        assert!(stories(&c, None, &StoryOptions::default()).is_empty());
    }
}
