//! Same-story detection: documents that report the same events, about the
//! same people, around the same dates.
//!
//! Each document gets a signature: its `terms` heaviest content stems by
//! TF-IDF (sublinear term frequency; headline words count twice; words
//! capitalized inside a sentence, i.e. names, weigh 1.5 times more).
//!
//! **Links.** Two documents are linked when their signatures share at
//! least [`MIN_SPECIFIC`] *specific* terms (names and numbers used by at
//! most 2% of the documents, or any term used by at most 0.2% of them),
//! at least [`MIN_SHARED_TERMS`] terms in all, reach the cosine
//! `threshold`, and are dated at most `max_days` apart; or when their
//! 5-word shingle sets overlap (Jaccard ≥ 0.5: near duplicates). Topic
//! words ("oil", "rates", "shares") alone never link. Candidate pairs come
//! from an inverted index over the specific terms only, so the cost stays
//! near-linear on large corpora. Each document keeps its
//! [`NEIGHBOURS`] best links.
//!
//! **Grouping.** Stories grow by group-average agglomeration over the
//! links, best first: two groups merge only while the mean similarity over
//! *all* their member pairs (a missing link counts 0) stays at least half
//! the threshold, i.e. a newcomer must be linked to about half the story,
//! not to one member of it. A hub document cannot chain unrelated
//! documents, and a story spans at most `max_span_days` between its
//! earliest and latest dated members.

use serde::Serialize;

use rustc_hash::FxHashMap;

use super::dedup::{shingles, similar_pairs};
use super::words::Lexicon;
use super::Doc;
use crate::extract::EntityKind;
use crate::DocId;

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
    /// A story's dated members lie at most this many days apart (14).
    pub max_span_days: u32,
    /// Least cosine of the name profiles of two units of one thread
    /// ([`THREAD_COSINE`], 0.5).
    pub thread_cosine: f64,
    /// Links each unit keeps towards a thread ([`THREAD_LINKS`], 2).
    pub thread_links: usize,
}

impl Default for StoryOptions {
    fn default() -> StoryOptions {
        StoryOptions {
            threshold: 0.3,
            max_days: 4,
            terms: 40,
            max_span_days: 14,
            thread_cosine: THREAD_COSINE,
            thread_links: THREAD_LINKS,
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
    /// The story in a reader's words ([`label`]): names and multi-word
    /// phrases most members share ("security guarantees", "NATO",
    /// "Lavrov"), at most six, best first.
    pub label: Vec<String>,
    /// Earliest known date (YYYY-MM-DD).
    pub first_date: Option<String>,
    /// Latest known date.
    pub last_date: Option<String>,
    /// Mean cosine of the links between members.
    pub cohesion: f64,
    /// The storyline thread the story belongs to ([`threads`]).
    pub thread: Thread,
}

/// A storyline thread: stories of one long-running storyline (and the
/// documents standing alone that belong to it).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Thread {
    /// The thread's first document (earliest; undated last, then by id):
    /// stories of one thread have the same.
    pub doc: DocId,
    /// Every document of the thread, earliest first (undated last).
    pub docs: Vec<DocId>,
}

struct Signature {
    /// (stem, weight), L2-normalized, sorted by stem.
    terms: Vec<(u32, f64)>,
}

/// A link between two documents (indexes in the selection) and its
/// similarity.
type DocLink = (usize, usize, f64);

/// Groups `docs` into stories; documents alone in their story are left
/// out. Stories are ordered by size, then by first document.
pub fn stories(docs: &[Doc<'_>], opts: &StoryOptions) -> Vec<Story> {
    let n = docs.len();
    if n < 2 {
        return Vec::new();
    }
    let mut lx = Lexicon::new();
    let TermCounts {
        tfs,
        norm_count,
        kind,
        seqs,
    } = count_terms(docs, &mut lx);
    let threshold = if n < 100 {
        opts.threshold * 0.75
    } else {
        opts.threshold
    };
    let rarity = Rarity::new(&tfs, &kind);
    let sigs = signatures(&tfs, &rarity.df, opts.terms.clamp(5, 200));
    // Names (stems written capitalized at least half the time) per
    // document, for threads.
    let names: Vec<Vec<(u32, f64)>> = tfs
        .iter()
        .map(|tf| {
            tf.iter()
                .filter(|(t, _)| kind.get(t).is_some_and(|k| 2 * k.1 >= k.0 && k.2 == 0))
                .map(|(&t, &w)| (t, w))
                .collect()
        })
        .collect();
    drop(tfs);
    let days: Vec<Option<i64>> = docs.iter().map(Doc::day).collect();
    let close = |a: usize, b: usize| match (days[a], days[b]) {
        (Some(x), Some(y)) => (x - y).unsigned_abs() <= opts.max_days as u64,
        _ => true,
    };
    let mut links = signature_links(&sigs, &rarity, &days, threshold, close);
    links.extend(near_duplicate_links(seqs, &sigs, threshold, close));
    keep_nearest(n, &mut links);
    let groups = group_average(n, &links, threshold * 0.5, &days, opts.max_span_days);
    let forms = best_forms(&norm_count);
    // Each story named and dated on every core.
    let mut out: Vec<Story> = crate::par::map(&groups, |(g, sum, cnt)| {
        let (sum, cnt) = (*sum, *cnt);
        let mut g = g.clone();
        g.sort_by_key(|&i| (days[i].unwrap_or(i64::MAX), docs[i].id));
        let dated: Vec<&String> = g
            .iter()
            .filter_map(|&i| docs[i].doc.date.as_ref())
            .collect();
        Story {
            docs: g.iter().map(|&i| docs[i].id).collect(),
            terms: shared_terms(&g, &sigs, &forms, &lx),
            label: label(&g.iter().map(|&i| docs[i]).collect::<Vec<_>>(), docs),
            first_date: dated.iter().min().map(|s| s.to_string()),
            last_date: dated.iter().max().map(|s| s.to_string()),
            cohesion: if cnt > 0 { sum / cnt as f64 } else { 0.0 },
            thread: Thread::default(),
        }
    });
    out.sort_by(|a, b| {
        b.docs
            .len()
            .cmp(&a.docs.len())
            .then(a.docs[0].cmp(&b.docs[0]))
    });
    threads(&mut out, docs, &days, &names, &rarity.df, opts);
    out
}

/// Most days between two units of one thread (their nearest dates).
pub const THREAD_DAYS: i64 = 60;

/// Least cosine of the name profiles of two linked units.
pub const THREAD_COSINE: f64 = 0.5;

/// Best links each unit keeps towards a thread.
pub const THREAD_LINKS: usize = 2;

/// Links stories of one long-running storyline into threads. Units are
/// the stories and the documents standing alone; each is profiled by the
/// names its documents use (stems written capitalized at least half the
/// time; term frequency damped by a logarithm, weighted by inverse
/// document frequency in the selection; names of one document left out).
/// Two units are linked when one is a story, their profiles' cosine is at
/// least `thread_cosine` ([`THREAD_COSINE`]; 0.75 times that in a
/// selection of fewer than 100 documents), they share two names that at most a
/// five-hundredth of the documents (at least 3) use, and their nearest
/// dates are at most [`THREAD_DAYS`] apart (undated units link at any
/// date). Each unit keeps its `thread_links` best links ([`THREAD_LINKS`]),
/// so a hub cannot chain the corpus together; threads are the connected groups. A thread is named by
/// its first document ([`Thread::doc`]), so threads computed on separate
/// shards never share a name.
fn threads(
    stories: &mut [Story],
    docs: &[Doc<'_>],
    days: &[Option<i64>],
    names: &[Vec<(u32, f64)>],
    df: &FxHashMap<u32, u32>,
    opts: &StoryOptions,
) {
    let n = docs.len();
    let index: FxHashMap<DocId, usize> = docs.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
    let mut units: Vec<Vec<usize>> = stories
        .iter()
        .map(|s| {
            s.docs
                .iter()
                .filter_map(|d| index.get(d).copied())
                .collect()
        })
        .collect();
    let mut in_story = vec![false; n];
    for u in &units {
        for &i in u {
            in_story[i] = true;
        }
    }
    units.extend((0..n).filter(|&i| !in_story[i]).map(|i| vec![i]));
    let n_stories = stories.len();
    let dfk = |k: u32| df.get(&k).copied().unwrap_or(1);
    // As for stories: in a small selection IDF barely tells a storyline's
    // names from the topic's.
    let cos_min = if n < 100 {
        opts.thread_cosine * 0.75
    } else {
        opts.thread_cosine
    };
    let specific = ((n / 500) as u32).max(3);
    let idf = |k: u32| ((n as f64 + 1.0) / dfk(k) as f64).ln() + 0.1;
    let profiles: Vec<FxHashMap<u32, f64>> = units
        .iter()
        .map(|u| {
            let mut p: FxHashMap<u32, f64> = FxHashMap::default();
            for &i in u {
                // A name of one document links nothing: it only dilutes.
                for &(k, tf) in names[i].iter().filter(|x| dfk(x.0) >= 2) {
                    *p.entry(k).or_insert(0.0) += 1.0 + tf.max(1.0).ln();
                }
            }
            let norm = p
                .iter_mut()
                .map(|(&k, w)| {
                    *w *= idf(k);
                    *w * *w
                })
                .sum::<f64>()
                .sqrt()
                .max(1e-12);
            p.values_mut().for_each(|w| *w /= norm);
            p
        })
        .collect();
    let span: Vec<Option<(i64, i64)>> = units
        .iter()
        .map(|u| {
            let ds: Vec<i64> = u.iter().filter_map(|&i| days[i]).collect();
            Some((*ds.iter().min()?, *ds.iter().max()?))
        })
        .collect();
    // Candidate pairs through specific keys.
    let mut postings: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    for (u, p) in profiles.iter().enumerate() {
        for &k in p.keys() {
            if dfk(k) <= specific {
                postings.entry(k).or_default().push(u);
            }
        }
    }
    let mut shared: FxHashMap<(usize, usize), u32> = FxHashMap::default();
    for list in postings.values() {
        for (x, &a) in list.iter().enumerate() {
            for &b in &list[x + 1..] {
                if a < n_stories || b < n_stories {
                    *shared.entry((a.min(b), a.max(b))).or_insert(0) += 1;
                }
            }
        }
    }
    let mut best: Vec<Vec<(f64, usize)>> = vec![Vec::new(); units.len()];
    for (&(a, b), &c) in &shared {
        if c < 2 {
            continue;
        }
        let close = match (span[a], span[b]) {
            (Some((a0, a1)), Some((b0, b1))) => (b0 - a1).max(a0 - b1) <= THREAD_DAYS,
            _ => true,
        };
        if !close {
            continue;
        }
        let (pa, pb) = (&profiles[a], &profiles[b]);
        let (small, big) = if pa.len() <= pb.len() {
            (pa, pb)
        } else {
            (pb, pa)
        };
        let cos: f64 = small
            .iter()
            .filter_map(|(k, w)| big.get(k).map(|v| w * v))
            .sum();
        if cos >= cos_min {
            best[a].push((cos, b));
            best[b].push((cos, a));
        }
    }
    // Union of each unit's `thread_links` best links.
    let mut parent: Vec<usize> = (0..units.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for (a, links) in best.iter_mut().enumerate() {
        links.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        for &(_, b) in links.iter().take(opts.thread_links) {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            if ra != rb {
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut members: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (u, unit) in units.iter().enumerate() {
        let r = find(&mut parent, u);
        members.entry(r).or_default().extend(unit.iter().copied());
    }
    for (s, story) in stories.iter_mut().enumerate() {
        let r = find(&mut parent, s);
        let mut ds = members.get(&r).cloned().unwrap_or_default();
        ds.sort_by_key(|&i| (days[i].unwrap_or(i64::MAX), docs[i].id));
        ds.dedup();
        let docs: Vec<DocId> = ds.into_iter().map(|i| docs[i].id).collect();
        story.thread = Thread {
            doc: docs.first().copied().unwrap_or_default(),
            docs,
        };
    }
}

/// What one pass over the documents' words counts.
struct TermCounts {
    /// Per document: stem → weighted term frequency (headline words twice,
    /// names 1.5 times).
    tfs: Vec<FxHashMap<u32, f64>>,
    /// (stem, folded form) → uses, to name a stem by its commonest form.
    norm_count: FxHashMap<(u32, u32), u32>,
    /// Per stem: (uses, uses as a name, uses as a number).
    kind: FxHashMap<u32, (u32, u32, u32)>,
    /// Per document: the hashed folded words of its body, for shingles.
    seqs: Vec<Vec<u64>>,
}

/// Counts the content words of every document (stop-words, one-letter
/// words and numbers under three characters left out).
fn count_terms(docs: &[Doc<'_>], lx: &mut Lexicon) -> TermCounts {
    let n = docs.len();
    let mut tfs: Vec<FxHashMap<u32, f64>> = Vec::with_capacity(n);
    let mut norm_count: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    let mut kind: FxHashMap<u32, (u32, u32, u32)> = FxHashMap::default();
    let mut seqs: Vec<Vec<u64>> = Vec::with_capacity(n);
    for &Doc { doc: d, .. } in docs {
        let mut tf: FxHashMap<u32, f64> = FxHashMap::default();
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
                let k = kind.entry(w.stem).or_insert((0, 0, 0));
                k.0 += 1;
                k.1 += name as u32;
                k.2 += w.num as u32;
            }
        };
        if let Some(t) = &d.title {
            add(t, 2.0, lx, None);
        }
        for p in &d.paragraphs {
            add(p, 1.0, lx, Some(&mut seq));
        }
        tfs.push(tf);
        seqs.push(seq);
    }
    TermCounts {
        tfs,
        norm_count,
        kind,
        seqs,
    }
}

/// Document frequencies, and which terms are *specific*: names and
/// numbers of at most 2% of the documents, or any term of at most 0.2% of
/// them (never fewer than a handful, so small corpora keep their names).
struct Rarity<'a> {
    /// Stem → documents using it.
    df: FxHashMap<u32, u32>,
    kind: &'a FxHashMap<u32, (u32, u32, u32)>,
    name_df: u32,
    rare_df: u32,
}

impl<'a> Rarity<'a> {
    fn new(tfs: &[FxHashMap<u32, f64>], kind: &'a FxHashMap<u32, (u32, u32, u32)>) -> Rarity<'a> {
        let n = tfs.len();
        let mut df: FxHashMap<u32, u32> = FxHashMap::default();
        for tf in tfs {
            for &s in tf.keys() {
                *df.entry(s).or_insert(0) += 1;
            }
        }
        Rarity {
            df,
            kind,
            name_df: ((n as f64 * 0.02).ceil() as u32).max(10),
            rare_df: ((n as f64 * 0.002).ceil() as u32).max(3),
        }
    }

    fn specific(&self, t: u32) -> bool {
        let d = self.df[&t];
        if d < 2 {
            return false;
        }
        if d <= self.rare_df {
            return true;
        }
        let (uses, names, nums) = self.kind[&t];
        d <= self.name_df && (2 * names >= uses || 2 * nums >= uses)
    }
}

/// Each document's signature: its `k` heaviest terms by TF-IDF that
/// another document shares (a term of one document cannot link anything),
/// L2-normalized.
fn signatures(tfs: &[FxHashMap<u32, f64>], df: &FxHashMap<u32, u32>, k: usize) -> Vec<Signature> {
    let n = tfs.len();
    tfs.iter()
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
        .collect()
}

/// Links between signatures sharing at least [`MIN_SPECIFIC`] specific
/// terms (found through an inverted index over those terms) that reach the
/// cosine `threshold` and are dated `close` together.
fn signature_links(
    sigs: &[Signature],
    rarity: &Rarity<'_>,
    days: &[Option<i64>],
    threshold: f64,
    close: impl Fn(usize, usize) -> bool,
) -> Vec<DocLink> {
    let mut postings: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for (i, s) in sigs.iter().enumerate() {
        for &(t, _) in &s.terms {
            if rarity.specific(t) {
                postings.entry(t).or_default().push(i as u32);
            }
        }
    }
    let mut links: Vec<DocLink> = Vec::new();
    let mut shared = vec![0u16; sigs.len()];
    let mut touched: Vec<usize> = Vec::new();
    for (i, s) in sigs.iter().enumerate() {
        for &(t, _) in &s.terms {
            if let Some(list) = postings.get(&t) {
                for &j in list {
                    let j = j as usize;
                    if j > i {
                        if shared[j] == 0 {
                            touched.push(j);
                        }
                        shared[j] += 1;
                    }
                }
            }
        }
        for &j in &touched {
            // A dated and an undated document: nothing says they are of
            // the same days, so the text must say more (two more specific
            // terms, a half again higher cosine).
            let mixed = days[i].is_some() != days[j].is_some();
            let (need, min_cos) = if mixed {
                (MIN_SPECIFIC + 2, threshold * 1.5)
            } else {
                (MIN_SPECIFIC, threshold)
            };
            if shared[j] as usize >= need && close(i, j) {
                let cos = cosine(&s.terms, &sigs[j].terms);
                if cos >= min_cos {
                    links.push((i, j, cos));
                }
            }
            shared[j] = 0;
        }
        touched.clear();
    }
    links
}

/// Links between near duplicates (5-word shingle Jaccard ≥ 0.5) dated
/// `close` together, weighted by their signatures' dot product (at least
/// `threshold`).
fn near_duplicate_links(
    seqs: Vec<Vec<u64>>,
    sigs: &[Signature],
    threshold: f64,
    close: impl Fn(usize, usize) -> bool,
) -> Vec<DocLink> {
    let sets: Vec<Vec<u64>> = crate::par::map(&seqs, |seq| shingles(seq, 5));
    drop(seqs);
    let mut links = Vec::new();
    for (a, b, _) in similar_pairs(&sets, 0.5) {
        if close(a, b) {
            let (dot, _) = overlap(&sigs[a].terms, &sigs[b].terms);
            links.push((a, b, dot.max(threshold)));
        }
    }
    links
}

/// Keeps each document's [`NEIGHBOURS`] best links (a link stays when
/// either end keeps it), which bounds the graph on corpora full of one
/// topic.
fn keep_nearest(n: usize, links: &mut Vec<DocLink>) {
    let mut nearest: Vec<Vec<(f64, usize)>> = vec![Vec::new(); n];
    for &(a, b, c) in links.iter() {
        nearest[a].push((c, b));
        nearest[b].push((c, a));
    }
    for l in &mut nearest {
        l.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        l.truncate(NEIGHBOURS);
    }
    let keeps = |a: usize, b: usize| nearest[a].iter().any(|x| x.1 == b);
    links.retain(|&(a, b, _)| keeps(a, b) || keeps(b, a));
}

/// Each stem's commonest folded form: stem → (form, uses).
fn best_forms(norm_count: &FxHashMap<(u32, u32), u32>) -> FxHashMap<u32, (u32, u32)> {
    let mut best_norm: FxHashMap<u32, (u32, u32)> = FxHashMap::default();
    for (&(s, nm), &c) in norm_count {
        let e = best_norm.entry(s).or_insert((nm, 0));
        if c > e.1 || (c == e.1 && nm < e.0) {
            *e = (nm, c);
        }
    }
    best_norm
}

/// The eight heaviest signature terms that at least two members of the
/// story `g` share, each named by its commonest form.
fn shared_terms(
    g: &[usize],
    sigs: &[Signature],
    forms: &FxHashMap<u32, (u32, u32)>,
    lx: &Lexicon,
) -> Vec<String> {
    let mut weight: FxHashMap<u32, (f64, usize)> = FxHashMap::default();
    for &i in g {
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
    terms
        .iter()
        .take(8)
        .map(|&(t, _)| {
            forms.get(&t).map_or_else(
                || lx.stem(t).to_string(),
                |&(nm, _)| lx.norm(nm).to_string(),
            )
        })
        .collect()
}

/// A story's label in a reader's words, from its members (`story`) within
/// the selection (`all`). Candidates per document: names (runs of
/// capitalized words, not a sentence's first word alone; a person's name
/// counts by its last word, so "Sergey Lavrov" and "Sergei Lavrov" are
/// one, shown as the surname when spellings differ) and pairs of adjacent
/// content words ("security guarantees"; not with an ordinal or another
/// generic modifier, "first part"). People and organizations weigh more
/// than places and nationalities (the extractors' entity kinds, by the
/// name's last word). A candidate needs two members
/// (or every member of a two-document story); it scores by the share of
/// members using it, its uses (damped), a bonus for names and phrases, and
/// its rarity in the rest of the selection. Single words already inside a
/// chosen phrase are skipped, and so are day and month names.
fn label(story: &[Doc<'_>], all: &[Doc<'_>]) -> Vec<String> {
    // key → (display form → uses, documents of the story, total uses, kind)
    #[derive(Default)]
    struct Cand {
        forms: FxHashMap<String, u32>,
        docs: u32,
        uses: u32,
        phrase: bool,
    }
    // What the extractors call each name (by its last word): people and
    // organizations name a story, places and nationalities only set it.
    let mut kinds: FxHashMap<String, FxHashMap<u8, u32>> = FxHashMap::default();
    for e in story
        .iter()
        .filter_map(|d| d.extraction)
        .flat_map(|x| &x.entities)
    {
        let Some(last) = e.text.split_whitespace().last() else {
            continue;
        };
        let k = match e.kind {
            EntityKind::Person | EntityKind::Organization => 0,
            EntityKind::Place => 1,
            _ => 2,
        };
        *kinds
            .entry(format!("n:{}", crate::text::normalize(last)))
            .or_default()
            .entry(k)
            .or_insert(0) += 1;
    }
    let kind_weight = |key: &str| -> f64 {
        let Some(m) = kinds.get(key) else {
            return 1.0;
        };
        match m.iter().max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k))) {
            Some((0, _)) => 1.0,
            Some((1, _)) => 0.6,
            _ => 0.5,
        }
    };
    let ids: Vec<DocId> = story.iter().map(|d| d.id).collect();
    let mut cands: FxHashMap<String, Cand> = FxHashMap::default();
    for d in story {
        for (key, (form, uses, phrase)) in candidates(d) {
            let c = cands.entry(key).or_default();
            *c.forms.entry(form).or_insert(0) += uses;
            c.docs += 1;
            c.uses += uses;
            c.phrase |= phrase;
        }
    }
    // Rarity outside the story (only when the selection has more).
    let rest: Vec<&Doc<'_>> = all.iter().filter(|d| !ids.contains(&d.id)).collect();
    let mut outside: FxHashMap<String, u32> = FxHashMap::default();
    if !rest.is_empty() && rest.len() <= 2000 {
        for d in &rest {
            for key in candidates(d).into_keys() {
                if cands.contains_key(&key) {
                    *outside.entry(key).or_insert(0) += 1;
                }
            }
        }
    }
    let n = story.len() as f64;
    let need = if story.len() == 2 {
        2
    } else {
        2.max(story.len() as u32 / 2)
    };
    let mut scored: Vec<(f64, String, &Cand)> = cands
        .iter()
        .filter(|(_, c)| c.docs >= need)
        .map(|(k, c)| {
            let share = c.docs as f64 / n;
            let out = *outside.get(k).unwrap_or(&0) as f64;
            let rarity = 1.0 + 0.3 * ((rest.len() as f64 + 1.0) / (out + 1.0)).ln();
            let kind = if k.starts_with("n:") {
                1.3 * kind_weight(k)
            } else {
                1.0
            } * if c.phrase { 1.3 } else { 1.0 };
            let score = share * share * (1.0 + (c.uses as f64).ln()) * kind * rarity;
            (score, k.clone(), c)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out: Vec<String> = Vec::new();
    for (_, key, c) in scored {
        let mut forms: Vec<(&String, &u32)> = c.forms.iter().collect();
        forms.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let Some(&(best, _)) = forms.first() else {
            continue;
        };
        // A person spelled several ways: the surname, as written.
        let shown = if key.starts_with("n:") && forms.len() > 1 {
            best.split_whitespace().last().unwrap_or(best).to_string()
        } else {
            best.clone()
        };
        let low = shown.to_lowercase();
        let covered = out.iter().any(|o| {
            let o = o.to_lowercase();
            o.split_whitespace().any(|w| w == low) || low.split_whitespace().any(|w| w == o)
        });
        if covered {
            continue;
        }
        out.push(shown);
        if out.len() == 6 {
            break;
        }
    }
    out
}

/// A document's label candidates ([`label`]): key ("n:" and a name's
/// last word, or "p:" and a two-word phrase) → (form as printed, uses,
/// whether a phrase).
fn candidates(d: &Doc<'_>) -> FxHashMap<String, (String, u32, bool)> {
    let mut out: FxHashMap<String, (String, u32, bool)> = FxHashMap::default();
    let mut add = |key: String, form: String, phrase: bool| {
        let e = out.entry(key).or_insert((form, 0, phrase));
        e.1 += 1;
    };
    for text in d.doc.title.iter().chain(d.doc.paragraphs.iter()) {
        let mut words: Vec<(usize, usize, bool, bool)> = Vec::new();
        crate::text::for_each_word(text, |s, e, w| {
            let cap = text[s..e].chars().next().is_some_and(char::is_uppercase);
            let stop = crate::text::is_stopword(w)
                || is_generic_modifier(w)
                || w.chars().count() < 3
                || w.chars().all(|c| c.is_ascii_digit());
            words.push((s, e, cap, stop));
        });
        let starts_sentence = |s: usize| {
            let before = text[..s].trim_end();
            before.is_empty() || before.ends_with(['.', '!', '?', '"', '“', '”', ':'])
        };
        let mut k = 0;
        while k < words.len() {
            let (s, _, cap, stop) = words[k];
            if cap && !stop {
                // A run of capitalized words (a name).
                let mut e = k;
                while e + 1 < words.len()
                    && words[e + 1].2
                    && text[words[e].1..words[e + 1].0].trim().is_empty()
                {
                    e += 1;
                }
                let single = &text[s..words[e].1];
                if (e > k || !starts_sentence(s)) && !(e == k && is_calendar_word(single)) {
                    let form = text[s..words[e].1].to_string();
                    let last = &text[words[e].0..words[e].1];
                    let key = crate::text::normalize(last);
                    add(format!("n:{key}"), form, e > k);
                }
                k = e + 1;
                continue;
            }
            if !stop && !cap {
                if let Some(&(s2, e2, cap2, stop2)) = words.get(k + 1) {
                    if !stop2 && !cap2 && text[words[k].1..s2].trim().is_empty() {
                        let form = text[s..e2].to_lowercase();
                        add(format!("p:{}", crate::text::normalize(&form)), form, true);
                    }
                }
            }
            k += 1;
        }
    }
    out
}

/// Ordinals and other modifiers that make a phrase of any noun ("first
/// part", "last week", "other countries"): such a phrase does not name a
/// story.
fn is_generic_modifier(w: &str) -> bool {
    matches!(
        w,
        "first"
            | "second"
            | "third"
            | "last"
            | "next"
            | "previous"
            | "new"
            | "other"
            | "another"
            | "same"
            | "many"
            | "several"
            | "recent"
            | "certain"
            | "whole"
    )
}

/// Day and month names and month abbreviations (the shared calendar of
/// [`crate::text::calendar`]): they date a story, they do not name it.
/// "May" stays, being a name as often as a month.
fn is_calendar_word(w: &str) -> bool {
    use crate::text::calendar;
    (calendar::is_calendar_word(w) && !w.eq_ignore_ascii_case("may"))
        || calendar::english_month_abbrev(w).is_some()
}

/// A merge candidate: mean similarity over all member pairs of two groups.
#[derive(PartialEq)]
struct Merge(f64, usize, usize);

impl Eq for Merge {}

impl PartialOrd for Merge {
    fn partial_cmp(&self, other: &Merge) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Merge {
    fn cmp(&self, other: &Merge) -> std::cmp::Ordering {
        self.0
            .total_cmp(&other.0)
            .then((other.1, other.2).cmp(&(self.1, self.2)))
    }
}

/// Group-average agglomerative clustering over a sparse similarity graph
/// (`links` between items `0..n`; a missing link is similarity 0): the two
/// groups of highest mean pair similarity merge first, while that mean is
/// at least `min_mean`, the merged group spans at most `max_span` days and
/// holds at most [`MAX_STORY_DOCS`] items. Returns the groups of two or
/// more as (members, sum and count of their internal links).
fn group_average(
    n: usize,
    links: &[(usize, usize, f64)],
    min_mean: f64,
    days: &[Option<i64>],
    max_span: u32,
) -> Vec<(Vec<usize>, f64, usize)> {
    // adj[g]: other group → (sum, count) of the links between them.
    let mut adj: Vec<FxHashMap<usize, (f64, usize)>> = vec![FxHashMap::default(); n];
    for &(a, b, c) in links {
        if a == b {
            continue;
        }
        let e = adj[a].entry(b).or_insert((0.0, 0));
        if e.1 == 0 || c > e.0 {
            *e = (c, 1);
        }
        let v = *e;
        adj[b].insert(a, v);
    }
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut span: Vec<Option<(i64, i64)>> = days.iter().map(|d| d.map(|x| (x, x))).collect();
    let mut inner: Vec<(f64, usize)> = vec![(0.0, 0); n];
    let mut alive = vec![true; n];
    let mut heap = std::collections::BinaryHeap::new();
    for (a, row) in adj.iter().enumerate() {
        for (&b, &(s, _)) in row {
            if a < b && s >= min_mean {
                heap.push(Merge(s, a, b));
            }
        }
    }
    while let Some(Merge(mean, a, b)) = heap.pop() {
        if mean < min_mean {
            break;
        }
        if !alive[a] || !alive[b] {
            continue;
        }
        let Some(&(sum, cnt)) = adj[a].get(&b) else {
            continue;
        };
        let now = sum / (members[a].len() * members[b].len()) as f64;
        if now != mean {
            continue; // stale: the groups changed since
        }
        if members[a].len() + members[b].len() > MAX_STORY_DOCS {
            continue;
        }
        let merged_span = match (span[a], span[b]) {
            (Some((x0, x1)), Some((y0, y1))) => Some((x0.min(y0), x1.max(y1))),
            (x, y) => x.or(y),
        };
        if merged_span.is_some_and(|(lo, hi)| hi - lo > max_span as i64) {
            continue;
        }
        // Keep the larger group's slot.
        let (r, o) = if members[a].len() >= members[b].len() {
            (a, b)
        } else {
            (b, a)
        };
        alive[o] = false;
        let moved = std::mem::take(&mut members[o]);
        members[r].extend(moved);
        span[r] = merged_span;
        inner[r] = (inner[r].0 + inner[o].0 + sum, inner[r].1 + inner[o].1 + cnt);
        adj[r].remove(&o);
        let row = std::mem::take(&mut adj[o]);
        for (c, (s, k)) in row {
            if c == r {
                continue;
            }
            adj[c].remove(&o);
            let e = adj[r].entry(c).or_insert((0.0, 0));
            e.0 += s;
            e.1 += k;
            let v = *e;
            adj[c].insert(r, v);
        }
        let size = members[r].len();
        for (&c, &(s, _)) in &adj[r] {
            let m = s / (size * members[c].len()) as f64;
            if m >= min_mean {
                heap.push(Merge(m, r.min(c), r.max(c)));
            }
        }
    }
    members
        .into_iter()
        .zip(inner)
        .zip(alive)
        .filter(|((m, _), alive)| *alive && m.len() > 1)
        .map(|((m, (sum, cnt)), _)| (m, sum, cnt))
        .collect()
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

/// Links a document keeps (its best ones).
pub const NEIGHBOURS: usize = 20;

/// Specific terms (rare, or names and numbers) two linked signatures must
/// share: a topic ("oil prices") is not a story.
pub const MIN_SPECIFIC: usize = 3;

/// Stories never grow beyond this many documents.
pub const MAX_STORY_DOCS: usize = 200;

/// Signatures sharing fewer terms than this are never linked: one shared
/// word ("weaker") is a coincidence, not a story.
pub const MIN_SHARED_TERMS: usize = 3;

fn cosine(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    match overlap(a, b) {
        (s, n) if n >= MIN_SHARED_TERMS => s,
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::tests::numbered;
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
        let c = [
            doc(quake, Some("2023-09-08")),
            doc(quake2, Some("2023-09-09")),
            doc(other, Some("2023-09-08")),
            doc(other2, None),
        ];
        let s = stories(&numbered(&c), &StoryOptions::default());
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(s[0].docs, vec![0, 1]);
        assert!(s[0].terms.iter().any(|t| t == "amizmiz"));
        // A year apart: not the same story.
        let c = [
            doc(quake, Some("2023-09-08")),
            doc(quake2, Some("2024-09-09")),
            doc(other, None),
        ];
        assert!(stories(&numbered(&c), &StoryOptions::default()).is_empty());
    }

    #[test]
    fn a_hub_does_not_chain_unrelated_documents() {
        // 1 is close to both 0 and 2, which have nothing in common: the
        // group of three would average 0.6 over its three pairs... with
        // 0-2 missing, (0.9 + 0.9 + 0) / 3, but merging {0, 1} with {2}
        // averages 0.9 / 2 = 0.45, under the 0.5 floor.
        let links = [
            (0, 1, 0.9),
            (1, 2, 0.9),
            (3, 4, 0.6),
            (4, 5, 0.6),
            (3, 5, 0.6),
        ];
        let days = [None; 6];
        let mut g: Vec<Vec<usize>> = group_average(6, &links, 0.5, &days, 14)
            .into_iter()
            .map(|(mut m, _, _)| {
                m.sort_unstable();
                m
            })
            .collect();
        g.sort();
        assert_eq!(g, vec![vec![0, 1], vec![3, 4, 5]]);
    }

    #[test]
    fn a_story_spans_a_bounded_date_window() {
        // A daily chain: each day links to the next.
        let links: Vec<(usize, usize, f64)> = (0..9).map(|i| (i, i + 1, 0.9)).collect();
        let days: Vec<Option<i64>> = (0..10).map(Some).collect();
        for (m, _, _) in group_average(10, &links, 0.0, &days, 3) {
            let (lo, hi) = (m.iter().min().unwrap(), m.iter().max().unwrap());
            assert!(hi - lo <= 3, "{m:?}");
        }
    }
}
