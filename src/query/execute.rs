//! Plan → scored documents (BM25F), and the matched positions of chosen
//! documents for highlighting.
//!
//! Every node yields a list of `(doc, score)` sorted by doc id, over live
//! documents only: leaves decode postings, `Bool` intersects, adds and
//! subtracts lists, `Or` merges them. Scores are BM25F: the title's term
//! frequency counts [`TITLE_WEIGHT`] times a body occurrence, each
//! normalized by its own field length, before the usual saturation.

use super::parse::Scope;
use super::plan::{PhraseLeaf, Plan, TermsLeaf};
use crate::index::{DocId, Index, Posting};

/// BM25 term-frequency saturation.
const K1: f32 = 1.2;
/// BM25 length normalization.
pub(crate) const B: f32 = 0.75;
/// A title occurrence is worth this many body occurrences.
const TITLE_WEIGHT: f32 = 2.5;

/// Documents with scores, sorted by doc id.
pub(crate) type Scored = Vec<(DocId, f32)>;

/// Runs plans against one index.
pub(crate) struct Executor<'a> {
    ix: &'a Index,
    avg_title: f32,
    avg_body: f32,
}

fn in_scope(scope: Scope, pos: u32, title_len: u32) -> bool {
    match scope {
        Scope::Any => true,
        Scope::Title => pos < title_len,
        Scope::Body => pos >= title_len,
    }
}

/// Intersects two lists, adding scores.
fn intersect(a: &Scored, b: &Scored) -> Scored {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut out = Vec::with_capacity(small.len());
    if large.len() > small.len() * 16 {
        let mut lo = 0;
        for &(d, s) in small {
            lo += large[lo..].partition_point(|x| x.0 < d);
            if let Some(&(d2, s2)) = large.get(lo) {
                if d2 == d {
                    out.push((d, s + s2));
                }
            }
        }
        return out;
    }
    let (mut i, mut j) = (0, 0);
    while i < small.len() && j < large.len() {
        let (x, y) = (small[i].0, large[j].0);
        if x == y {
            out.push((x, small[i].1 + large[j].1));
            i += 1;
            j += 1;
        } else if x < y {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// Merges lists, adding the scores of documents found in several.
fn union(mut lists: Vec<Scored>) -> Scored {
    if lists.len() == 1 {
        return lists.pop().unwrap_or_default();
    }
    let mut all: Scored = lists.into_iter().flatten().collect();
    all.sort_unstable_by_key(|x| x.0);
    let mut out: Scored = Vec::with_capacity(all.len());
    for (d, s) in all {
        match out.last_mut() {
            Some(last) if last.0 == d => last.1 += s,
            _ => out.push((d, s)),
        }
    }
    out
}

/// Adds to `base` the scores `extra` has for the same documents.
fn add_scores(base: &mut Scored, extra: &Scored) {
    let mut j = 0;
    for (d, s) in base.iter_mut() {
        j += extra[j..].partition_point(|x| x.0 < *d);
        if let Some(&(d2, s2)) = extra.get(j) {
            if d2 == *d {
                *s += s2;
            }
        }
    }
}

/// Removes from `base` the documents of `minus`.
fn subtract(base: &mut Scored, minus: &Scored) {
    base.retain(|(d, _)| minus.binary_search_by_key(d, |x| x.0).is_err());
}

/// Counts phrase occurrences: `lists[i]` holds the positions of word i.
/// A match picks one position per word such that `pos - i` spans at most
/// `slop`. Returns the start positions of matches and the positions used.
fn match_phrase(lists: &[Vec<u32>], slop: u32) -> (Vec<u32>, Vec<u32>) {
    let mut starts = Vec::new();
    let mut used = Vec::new();
    let mut heads = vec![0usize; lists.len()];
    loop {
        let mut lo = u32::MAX;
        let mut hi = 0u32;
        let mut lo_i = 0;
        for (i, l) in lists.iter().enumerate() {
            let Some(&p) = l.get(heads[i]) else {
                return (starts, used);
            };
            let rel = p
                .saturating_add(lists.len() as u32)
                .saturating_sub(i as u32);
            if rel < lo {
                lo = rel;
                lo_i = i;
            }
            hi = hi.max(rel);
        }
        if hi - lo <= slop {
            let ps: Vec<u32> = lists.iter().enumerate().map(|(i, l)| l[heads[i]]).collect();
            starts.push(ps.iter().copied().min().unwrap_or(0));
            used.extend(ps);
            for h in heads.iter_mut() {
                *h += 1;
            }
        } else {
            heads[lo_i] += 1;
        }
    }
}

impl<'a> Executor<'a> {
    /// An executor over `ix`.
    pub(crate) fn new(ix: &'a Index) -> Executor<'a> {
        let (avg_title, avg_body) = ix.avg_lengths();
        Executor {
            ix,
            avg_title,
            avg_body,
        }
    }

    /// Saturated BM25F term frequency of `doc`.
    fn saturate(&self, doc: DocId, tf_title: u32, tf_body: u32) -> f32 {
        let (lt, lb) = self.ix.doc_lengths(doc);
        let nt = 1.0 - B + B * lt as f32 / self.avg_title;
        let nb = 1.0 - B + B * lb as f32 / self.avg_body;
        let tf = TITLE_WEIGHT * tf_title as f32 / nt + tf_body as f32 / nb;
        tf * (K1 + 1.0) / (K1 + tf)
    }

    /// The scored documents of `plan`.
    pub(crate) fn run(&self, plan: &Plan) -> Scored {
        match plan {
            Plan::Terms(leaf) => self.terms(leaf),
            Plan::Phrase(leaf) => self
                .phrase(leaf, None)
                .into_iter()
                .map(|(d, ft, fb, _)| (d, leaf.idf * self.saturate(d, ft, fb)))
                .collect(),
            Plan::Docs(docs) => docs
                .iter()
                .filter(|&&d| self.ix.is_live(d))
                .map(|&d| (d, 0.0))
                .collect(),
            Plan::All => self.ix.live_docs().map(|d| (d, 0.0)).collect(),
            Plan::Empty => Vec::new(),
            Plan::Or(parts) => union(parts.iter().map(|p| self.run(p)).collect()),
            Plan::Bool { must, should, not } => {
                let mut base = if !must.is_empty() {
                    let mut lists: Vec<Scored> = Vec::with_capacity(must.len());
                    for p in must {
                        let l = self.run(p);
                        if l.is_empty() {
                            return l;
                        }
                        lists.push(l);
                    }
                    lists.sort_by_key(Vec::len);
                    let mut it = lists.into_iter();
                    let mut acc = it.next().unwrap_or_default();
                    for l in it {
                        acc = intersect(&acc, &l);
                    }
                    for p in should {
                        add_scores(&mut acc, &self.run(p));
                    }
                    acc
                } else if !should.is_empty() {
                    union(should.iter().map(|p| self.run(p)).collect())
                } else {
                    self.ix.live_docs().map(|d| (d, 0.0)).collect()
                };
                for p in not {
                    subtract(&mut base, &self.run(p));
                }
                base
            }
        }
    }

    fn terms(&self, leaf: &TermsLeaf) -> Scored {
        let mut out = Vec::new();
        for &(t, boost, idf) in &leaf.terms {
            for p in self.ix.postings(t) {
                if !self.ix.is_live(p.doc) {
                    continue;
                }
                let (tt, tb) = match leaf.scope {
                    Scope::Any => (p.tf_title, p.tf_body),
                    Scope::Title => (p.tf_title, 0),
                    Scope::Body => (0, p.tf_body),
                };
                if tt + tb > 0 {
                    out.push((p.doc, idf * boost * self.saturate(p.doc, tt, tb)));
                }
            }
        }
        if leaf.terms.len() > 1 {
            out.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
            out.dedup_by_key(|x| x.0);
        }
        out
    }

    /// Phrase matches: (doc, title matches, body matches, positions
    /// used), for live documents (only those in `only`, when given).
    pub(crate) fn phrase(
        &self,
        leaf: &PhraseLeaf,
        only: Option<&[DocId]>,
    ) -> Vec<(DocId, u32, u32, Vec<u32>)> {
        let keep =
            |d: DocId| self.ix.is_live(d) && only.is_none_or(|o| o.binary_search(&d).is_ok());
        let words: Vec<Vec<Posting>> = leaf
            .words
            .iter()
            .map(|terms| {
                let mut ps: Vec<Posting> = terms
                    .iter()
                    .flat_map(|&t| self.ix.postings(t).filter(|p| keep(p.doc)))
                    .collect();
                if terms.len() > 1 {
                    ps.sort_by_key(|p| p.doc);
                }
                ps
            })
            .collect();
        let Some(driver) = (0..words.len()).min_by_key(|&i| words[i].len()) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut lists: Vec<Vec<u32>> = vec![Vec::new(); words.len()];
        let mut buf = Vec::new();
        let mut last = None;
        for p in &words[driver] {
            if last == Some(p.doc) {
                continue;
            }
            last = Some(p.doc);
            let doc = p.doc;
            let title_len = self.ix.doc_lengths(doc).0;
            let mut ok = true;
            for (i, w) in words.iter().enumerate() {
                let from = w.partition_point(|x| x.doc < doc);
                lists[i].clear();
                for q in w[from..].iter().take_while(|x| x.doc == doc) {
                    q.decode_positions(&mut buf);
                    lists[i].extend(
                        buf.iter()
                            .copied()
                            .filter(|&x| in_scope(leaf.scope, x, title_len)),
                    );
                }
                if lists[i].is_empty() {
                    ok = false;
                    break;
                }
                if from + 1 < w.len() && w[from + 1].doc == doc {
                    lists[i].sort_unstable();
                }
            }
            if !ok {
                continue;
            }
            let (starts, used) = match_phrase(&lists, leaf.slop);
            if starts.is_empty() {
                continue;
            }
            let ft = starts.iter().filter(|&&s| s < title_len).count() as u32;
            out.push((doc, ft, starts.len() as u32 - ft, used));
        }
        out
    }

    /// For each document of `docs` (sorted), the matched positions and
    /// the highlight slot of the leaf that matched them.
    pub(crate) fn positions(&self, plan: &Plan, docs: &[DocId]) -> Vec<Vec<(u32, usize)>> {
        let mut out = vec![Vec::new(); docs.len()];
        self.collect_positions(plan, docs, &mut out);
        for v in &mut out {
            v.sort_unstable();
            v.dedup_by_key(|x| x.0);
        }
        out
    }

    fn collect_positions(&self, plan: &Plan, docs: &[DocId], out: &mut [Vec<(u32, usize)>]) {
        match plan {
            Plan::Terms(leaf) => {
                let Some(slot) = leaf.slot else { return };
                let mut buf = Vec::new();
                for &(t, _, _) in &leaf.terms {
                    for p in self.ix.postings(t) {
                        if let Ok(i) = docs.binary_search(&p.doc) {
                            let title_len = self.ix.doc_lengths(p.doc).0;
                            p.decode_positions(&mut buf);
                            out[i].extend(
                                buf.iter()
                                    .filter(|&&x| in_scope(leaf.scope, x, title_len))
                                    .map(|&x| (x, slot)),
                            );
                        }
                    }
                }
            }
            Plan::Phrase(leaf) => {
                let Some(slot) = leaf.slot else { return };
                for (d, _, _, used) in self.phrase(leaf, Some(docs)) {
                    if let Ok(i) = docs.binary_search(&d) {
                        out[i].extend(used.into_iter().map(|x| (x, slot)));
                    }
                }
            }
            Plan::Bool { must, should, .. } => {
                for p in must.iter().chain(should) {
                    self.collect_positions(p, docs, out);
                }
            }
            Plan::Or(parts) => {
                for p in parts {
                    self.collect_positions(p, docs, out);
                }
            }
            Plan::Docs(_) | Plan::All | Plan::Empty => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_with_slop() {
        // "a b c": a at 10, b at 11, c at 12 → exact match.
        let l = vec![vec![3, 10], vec![11, 20], vec![12]];
        assert_eq!(match_phrase(&l, 0).0, [10]);
        // Reordered: b before a needs slop 2.
        let l = vec![vec![5], vec![4]];
        assert!(match_phrase(&l, 0).0.is_empty());
        assert!(match_phrase(&l, 1).0.is_empty());
        assert_eq!(match_phrase(&l, 2).0, [4]);
        let l = vec![vec![1], vec![0]];
        assert_eq!(match_phrase(&l, 2).0, [0]);
        // One word between: slop 1.
        let l = vec![vec![0], vec![2]];
        assert_eq!(match_phrase(&l, 1).0, [0]);
        assert!(match_phrase(&l, 0).0.is_empty());
    }

    #[test]
    fn list_algebra() {
        let a = vec![(1, 1.0), (3, 1.0), (5, 1.0)];
        let b = vec![(3, 2.0), (4, 2.0), (5, 2.0)];
        assert_eq!(intersect(&a, &b), [(3, 3.0), (5, 3.0)]);
        assert_eq!(union(vec![a.clone(), b.clone()]).len(), 4);
        let mut c = a.clone();
        subtract(&mut c, &b);
        assert_eq!(c, [(1, 1.0)]);
        let mut c = a.clone();
        add_scores(&mut c, &b);
        assert_eq!(c, [(1, 1.0), (3, 3.0), (5, 3.0)]);
    }
}
