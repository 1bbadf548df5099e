//! Statement alignment: the sentences and quotes that render the same
//! statement in different outlets or translations, linked with a score
//! and a word-by-word diff.
//!
//! Translations of one statement rarely share their wording ("I have to
//! say there is always a chance" / "I must say that there is always a
//! chances"), so the score combines model-free evidence, each feature a
//! ratio in 0..=1 (see [`FEATURES`]): IDF-weighted overlap of content stems
//! (Dice and containment of the shorter side), overlap of all stems and of
//! surface bigrams, the longest common subsequence of stems (word order),
//! length ratio, agreement of numbers and of capitalized names, and the
//! weight of the rarest word left unmatched. A logistic regression over
//! these features, fitted on the MSRP paraphrase corpus (train split, see
//! `examples/eval_msrp.rs`), turns them into a probability ([`WEIGHTS`]).
//!
//! In a corpus, long sentences often share one clause only ("... to the
//! effect that no state will strengthen its security at the expense of the
//! security of others"), so sentences are also cut at commas, quotes,
//! dashes, colons and semicolons, and runs of one to three pieces are
//! compared as well; each pair of sentences is represented by its
//! best-scoring pair of pieces. Candidates come from an inverted index
//! over content stems, so unrelated sentences are never scored; a pair
//! is scored when it shares two plain words (no stop-words, names or
//! numbers) or half the shorter sentence's content.
//!
//! Context is evidence too: a rewrite swaps words and turns constructions
//! around ("it cannot satisfy us" / "does not satisfy us"), so between two
//! documents that already share statements, dated within days, a pair of
//! passages by the same speaker needs less lexical evidence
//! ([`CONTEXT_ODDS`]; see `context_links`), each passage linked at most
//! once per pair of documents. Then, for the passages still free, a word
//! may count as a related word of the other passage ("pursue" / "search",
//! WordNet synonyms and direct hypernyms, [`super::relations`]), with less
//! boost ([`RELATION_ODDS`]). A rewrite also merges sentences: one
//! sentence may link to two shorter ones through different clauses.
//!
//! Sentences are cut by the shared [`crate::text::split_sentences`], the
//! splitter the extractors use, so a quote and its statement have the same
//! boundaries everywhere.

use super::dedup::intersection;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::collections::HashMap;

use serde::Serialize;

use super::words::{Lexicon, Word};
use super::Doc;
use crate::text::split_sentences;
use crate::DocId;

/// Names of the similarity features, in the order of [`WEIGHTS`].
pub const FEATURES: [&str; NF] = [
    "idf_dice",
    "idf_containment",
    "stem_dice",
    "lcs_max",
    "lcs_min",
    "bigram_dice",
    "length_ratio",
    "number_mismatch",
    "number_match",
    "name_dice",
    "name_missing",
    "max_unmatched_idf",
    "idf_cover_longer",
    "trigram_dice",
    "surface_dice",
    "negation_mismatch",
    "unmatched_max",
    "unmatched_min",
    "soft_idf_dice",
    "length_gap",
];

/// Number of similarity features.
pub const NF: usize = 20;

/// Logistic-regression weights of [`FEATURES`] (last: intercept), fitted
/// on the MSRP train split by `examples/eval_msrp.rs`.
pub const WEIGHTS: [f64; NF + 1] = [
    0.3722, -0.1007, 2.1598, 3.7825, 1.0987, -0.2533, 0.5945, -0.3096, -0.1827, -0.4000, 0.1068,
    -1.0694, 1.1342, -3.1833, 1.5759, -1.0736, 0.2830, -0.4627, 1.8243, -2.6369, -4.1814,
];

/// Probability threshold of a paraphrase, tuned with [`WEIGHTS`] on MSRP.
pub const THRESHOLD: f64 = 0.52;

/// Default minimum [`Scorer::link_score`] of a statement link in a corpus
/// (checked by hand on the seed articles: every link above it is a true
/// rendering of the same statement or content).
pub const LINK_THRESHOLD: f64 = 0.45;

/// Settings of [`statements`].
#[derive(Debug, Clone, Serialize)]
pub struct AlignOptions {
    /// Minimum link score (0.0..=1.0; [`LINK_THRESHOLD`] by default).
    pub threshold: f64,
    /// Pieces shorter than this many words are not compared (2..; 5).
    pub min_words: usize,
    /// Link only sentences of different documents (true).
    pub cross_document: bool,
    /// At most this many statements are returned (best first; 500).
    pub max_statements: usize,
}

impl Default for AlignOptions {
    fn default() -> AlignOptions {
        AlignOptions {
            threshold: LINK_THRESHOLD,
            min_words: 5,
            cross_document: true,
            max_statements: 500,
        }
    }
}

/// One word-diff operation between two aligned passages. Offsets are
/// byte offsets into each member's document text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum DiffOp {
    /// Words present in both, in the same order (text as in `a`).
    Equal {
        a_start: usize,
        a_end: usize,
        b_start: usize,
        b_end: usize,
        text: String,
    },
    /// Words only in `a`.
    Delete {
        a_start: usize,
        a_end: usize,
        text: String,
    },
    /// Words only in `b`.
    Insert {
        b_start: usize,
        b_end: usize,
        text: String,
    },
}

/// One rendering of a statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementMember {
    pub doc: DocId,
    pub file: String,
    pub outlet: Option<String>,
    pub date: Option<String>,
    /// The speaker, when known (transcript turn or the speaker hook).
    pub speaker: Option<String>,
    /// The aligned passage (a sentence or a clause of it).
    pub text: String,
    /// Byte offsets of `text` in [`crate::Document::text`].
    pub start: usize,
    pub end: usize,
    /// Byte offsets of the whole sentence.
    pub sentence_start: usize,
    pub sentence_end: usize,
    /// The whole quote the passage belongs to, exactly as printed: the
    /// words between the quotation marks around the passage (which may
    /// span sentences), else the whole sentence. Shown and diffed as is.
    pub quote: String,
    /// Byte offsets of `quote` in [`crate::Document::text`].
    pub quote_start: usize,
    pub quote_end: usize,
    /// The passage stands inside quotation marks (a direct quote).
    pub quoted: bool,
}

/// A run of a member's [`StatementMember::quote`], exactly as printed,
/// marked when the word diff against the other side changes it (words
/// only there, or spelled otherwise). The runs of a side, joined, give
/// its quote back character for character.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mark {
    pub text: String,
    pub changed: bool,
}

/// A link between two members of a statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// Indices into [`Statement::members`].
    pub a: usize,
    pub b: usize,
    pub score: f64,
    /// The linked passages (byte offsets in each document's text); the
    /// member's own `start`/`end` show its best-scoring passage.
    pub a_start: usize,
    pub a_end: usize,
    pub b_start: usize,
    pub b_end: usize,
    /// Word diff from `a`'s whole quote to `b`'s ([`exact_diff`]: words
    /// as printed, case aside).
    pub diff: Vec<DiffOp>,
    /// `a`'s and `b`'s whole quotes as printed, in runs marked by `diff`.
    pub a_marks: Vec<Mark>,
    pub b_marks: Vec<Mark>,
}

/// A statement rendered by several documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    /// The best link score.
    pub score: f64,
    /// The renderings, earliest first (undated after, in id order).
    pub members: Vec<StatementMember>,
    /// The links found, best first.
    pub links: Vec<Link>,
    /// Where the statement first appeared and how each outlet changed
    /// it, with its flags ([`super::trail`]).
    pub trail: super::trail::Trail,
}

/// Resolves the speaker of a passage: `(doc, start, end)` in document text.
/// Wire the quote extractor's attribution here.
pub type SpeakerHook<'a> = &'a dyn Fn(DocId, usize, usize) -> Option<String>;

/// Per-corpus word statistics and the similarity model.
#[derive(Debug, Default)]
pub struct Scorer {
    lx: Lexicon,
    df: FxHashMap<u32, u32>,
    units: u32,
}

thread_local! {
    /// Bit-parallel LCS rows ([`Scorer::link_score_above`]), reused from
    /// pair to pair on each thread (pairs are scored on every core).
    static LCS_ROWS: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

/// A passage analyzed for comparison, with the sets the features need
/// precomputed (all sorted, so features are merges, not hash lookups).
#[derive(Debug, Clone)]
pub struct Passage {
    words: Vec<Word>,
    stems: Vec<u32>,
    stem_set: Vec<u32>,
    /// Content stems with their IDF weight.
    content: Vec<(u32, f64)>,
    mass: f64,
    bigrams: Vec<u64>,
    trigrams: Vec<u64>,
    surface: Vec<u32>,
    numbers: Vec<u32>,
    names: Vec<u32>,
    negated: bool,
    /// Content words by their first five letters (hashed), with weight.
    prefixes: Vec<(u64, f64)>,
    prefix_mass: f64,
    /// Per word, its weight in [`Scorer::link_score`] (0.3 for a
    /// stop-word, else the IDF), and their sum.
    link_weights: Vec<f64>,
    link_mass: f64,
    /// Bit-parallel LCS match masks over the first [`MAX_DIFF_WORDS`]
    /// words, last word first (bit `l` of a stem's mask: the word at
    /// `m - 1 - l` has the stem): distinct stems, sorted, and
    /// `mask_words` words of bits per stem.
    mask_stems: Vec<u32>,
    mask_bits: Vec<u64>,
    mask_words: usize,
}

impl Passage {
    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether it has no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort_unstable();
    v.dedup();
    v
}

/// Sorted, distinct (key, weight) pairs; a repeated key keeps its
/// largest weight.
fn weighted(mut v: Vec<(u64, f64)>) -> Vec<(u64, f64)> {
    v.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    v.dedup_by_key(|x| x.0);
    v
}

/// Sum over keys present in both of `f(wa, wb)`.
fn shared_weight<K: Ord + Copy>(
    a: &[(K, f64)],
    b: &[(K, f64)],
    f: impl Fn(f64, f64) -> f64,
) -> f64 {
    sum_shared(a, b, |x| x.0, |y| y.0, |x, y| f(x.1, y.1))
}

/// Walks two slices sorted by key together and sums `f` over the items
/// whose keys are equal.
fn sum_shared<A, B, K: Ord>(
    a: &[A],
    b: &[B],
    key_a: impl Fn(&A) -> K,
    key_b: impl Fn(&B) -> K,
    f: impl Fn(&A, &B) -> f64,
) -> f64 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match key_a(&a[i]).cmp(&key_b(&b[j])) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += f(&a[i], &b[j]);
                i += 1;
                j += 1;
            }
        }
    }
    s
}

impl Scorer {
    /// A scorer with no statistics (all words equally rare).
    pub fn new() -> Scorer {
        Scorer::default()
    }

    /// Counts the document frequency of stems over `texts` (one text, e.g.
    /// a sentence, per unit).
    pub fn fit<'a>(&mut self, texts: impl IntoIterator<Item = &'a str>) {
        for t in texts {
            let words = self.lx.words(t);
            self.fit_words(&words);
        }
    }

    /// Counts one unit of words analyzed by this scorer's lexicon.
    fn fit_words(&mut self, words: &[Word]) {
        let mut stems: Vec<u32> = words.iter().map(|w| w.stem).collect();
        stems.sort_unstable();
        stems.dedup();
        for s in stems {
            *self.df.entry(s).or_insert(0) += 1;
        }
        self.units += 1;
    }

    /// Analyzes a passage; offsets of its words are relative to `text`
    /// plus `base`. Word weights use the statistics fitted so far.
    pub fn passage(&mut self, text: &str, base: usize) -> Passage {
        let mut words = self.lx.words(text);
        for w in &mut words {
            w.start += base;
            w.end += base;
        }
        self.passage_of(words)
    }

    /// A passage of words already analyzed by this scorer's lexicon.
    fn passage_of(&self, words: Vec<Word>) -> Passage {
        let stems: Vec<u32> = words.iter().map(|w| w.stem).collect();
        let content = weighted(
            words
                .iter()
                .filter(|w| !w.stop)
                .map(|w| (w.stem as u64, self.weight(w)))
                .collect(),
        )
        .into_iter()
        .map(|(k, v)| (k as u32, v))
        .collect::<Vec<_>>();
        let prefixes = weighted(
            words
                .iter()
                .filter(|w| !w.stop)
                .map(|w| {
                    let n = self.lx.norm(w.norm);
                    let p = n.char_indices().nth(5).map_or(n, |(k, _)| &n[..k]);
                    (super::dedup::hash_str(p), self.weight(w))
                })
                .collect(),
        );
        // "far from" negates too ("the talks are not over" / "far from
        // finished").
        let negated = words.iter().enumerate().any(|(i, w)| {
            let n = self.lx.norm(w.norm);
            matches!(n, "not" | "no" | "never" | "nor" | "neither" | "without")
                || n.ends_with("n't")
                || (n == "far"
                    && words
                        .get(i + 1)
                        .is_some_and(|x| self.lx.norm(x.norm) == "from"))
        });
        let link_weights: Vec<f64> = words
            .iter()
            .map(|w| if w.stop { 0.3 } else { self.idf(w.stem) })
            .collect();
        let m = stems.len().min(MAX_DIFF_WORDS);
        let mask_words = m.div_ceil(64);
        let mask_stems = sorted(stems[..m].to_vec());
        let mut mask_bits = vec![0u64; mask_stems.len() * mask_words];
        for (p, st) in stems[..m].iter().enumerate() {
            let k = mask_stems.binary_search(st).unwrap_or(0);
            let l = m - 1 - p;
            mask_bits[k * mask_words + l / 64] |= 1 << (l % 64);
        }
        Passage {
            link_mass: link_weights.iter().sum(),
            link_weights,
            mask_stems,
            mask_bits,
            mask_words,
            stem_set: sorted(stems.clone()),
            mass: content.iter().map(|x| x.1).sum(),
            content,
            bigrams: sorted(
                stems
                    .windows(2)
                    .map(|p| ((p[0] as u64) << 32) | p[1] as u64)
                    .collect(),
            ),
            trigrams: sorted(
                stems
                    .windows(3)
                    .map(|p| ((p[0] as u64) << 42) ^ ((p[1] as u64) << 21) ^ p[2] as u64)
                    .collect(),
            ),
            surface: sorted(words.iter().map(|w| w.norm).collect()),
            numbers: sorted(words.iter().filter(|w| w.num).map(|w| w.norm).collect()),
            names: sorted(
                words
                    .iter()
                    .enumerate()
                    .filter(|(i, w)| w.cap && !w.stop && *i > 0)
                    .map(|(_, w)| w.stem)
                    .collect(),
            ),
            negated,
            prefix_mass: prefixes.iter().map(|x| x.1).sum(),
            prefixes,
            stems,
            words,
        }
    }

    fn idf(&self, stem: u32) -> f64 {
        let df = self.df.get(&stem).copied().unwrap_or(0) as f64;
        ((self.units as f64 + 1.0) / (df + 0.5)).ln().max(0.05)
    }

    fn weight(&self, w: &Word) -> f64 {
        if w.stop {
            0.0
        } else {
            self.idf(w.stem)
        }
    }

    /// The similarity features of two passages ([`FEATURES`] order).
    pub fn features(&self, a: &Passage, b: &Passage) -> [f64; NF] {
        if a.is_empty() || b.is_empty() {
            return [0.0; NF];
        }
        self.features_with_lcs(a, b, lcs_len(&a.stems, &b.stems))
    }

    /// [`Scorer::features`] of two non-empty passages whose longest common
    /// subsequence of stems (within [`MAX_DIFF_WORDS`]) has length `lcs`.
    fn features_with_lcs(&self, a: &Passage, b: &Passage, lcs: usize) -> [f64; NF] {
        let mut f = [0.0; NF];
        let (ma, mb) = (a.mass, b.mass);
        let shared = shared_weight(&a.content, &b.content, |x, _| x);
        if ma + mb > 0.0 {
            f[0] = 2.0 * shared / (ma + mb);
        }
        if ma.min(mb) > 0.0 {
            f[1] = (shared / ma.min(mb)).min(1.0);
        }
        f[2] = dice(&a.stem_set, &b.stem_set);
        let (la, lb) = (a.stems.len(), b.stems.len());
        let l = lcs as f64;
        f[3] = l / la.max(lb) as f64;
        f[4] = l / la.min(lb) as f64;
        f[5] = dice(&a.bigrams, &b.bigrams);
        f[6] = la.min(lb) as f64 / la.max(lb) as f64;
        let nshared = intersection(&a.numbers, &b.numbers);
        f[7] = if a.numbers.len() + b.numbers.len() > 2 * nshared {
            1.0
        } else {
            0.0
        };
        f[8] = if nshared > 0 { 1.0 } else { 0.0 };
        f[9] = dice(&a.names, &b.names);
        let missing = a.names.len() - intersection(&a.names, &b.stem_set) + b.names.len()
            - intersection(&b.names, &a.stem_set);
        if !a.names.is_empty() || !b.names.is_empty() {
            f[10] = missing as f64 / (a.names.len() + b.names.len()) as f64;
        }
        let max_idf = ((self.units as f64 + 1.0) / 0.5).ln().max(1.0);
        let unmatched = |x: &[(u32, f64)], y: &[(u32, f64)]| -> (f64, usize) {
            let (mut best, mut n, mut j) = (0.0f64, 0, 0);
            for &(k, w) in x {
                while j < y.len() && y[j].0 < k {
                    j += 1;
                }
                if j >= y.len() || y[j].0 != k {
                    best = best.max(w);
                    n += 1;
                }
            }
            (best, n)
        };
        let (ba, ua) = unmatched(&a.content, &b.content);
        let (bb, ub) = unmatched(&b.content, &a.content);
        f[11] = (ba.max(bb) / max_idf).min(1.0);
        if ma.max(mb) > 0.0 {
            f[12] = shared / ma.max(mb);
        }
        f[13] = dice(&a.trigrams, &b.trigrams);
        f[14] = dice(&a.surface, &b.surface);
        f[15] = if a.negated != b.negated { 1.0 } else { 0.0 };
        let (ua, ub) = (ua as f64, ub as f64);
        f[16] = (ua.max(ub) / 10.0).min(1.0);
        f[17] = (ua.min(ub) / 10.0).min(1.0);
        // Soft matching: same first five letters.
        let soft = shared_weight(&a.prefixes, &b.prefixes, f64::max);
        if a.prefix_mass + b.prefix_mass > 0.0 {
            f[18] = (2.0 * soft / (a.prefix_mass + b.prefix_mass)).min(1.0);
        }
        f[19] = ((la as f64 - lb as f64).abs() / 20.0).min(1.0);
        f
    }

    /// A cheap upper bound on [`Scorer::link_score`]: zero when the
    /// passages cannot share enough words in order to count as evidence.
    fn may_link(&self, a: &Passage, b: &Passage) -> bool {
        let shared = intersection(&a.stem_set, &b.stem_set);
        shared >= 3 && shared * 10 >= 3 * a.stem_set.len().min(b.stem_set.len())
    }

    /// The probability that two passages render the same statement.
    pub fn score(&self, a: &Passage, b: &Passage) -> f64 {
        probability(&self.features(a, b))
    }

    /// The link score used inside a corpus. Translations of a statement
    /// keep much of its wording in order while swapping a few words, which
    /// a sentence-level paraphrase model (fitted on MSRP, where every pair
    /// shares most words) underrates; so the score is the larger of the
    /// model's probability and the IDF-weighted share of the shorter
    /// passage covered by the longest common subsequence of stems. It is
    /// then damped when the evidence is thin: short clauses ("the Russian
    /// foreign minister said") agree with many others on three or four
    /// words, and names and titles alone say nothing about what was said.
    /// Evidence counts the words in common order (the longest common
    /// subsequence of stems) that are not capitalized names or numbers,
    /// stop-words as half a word: none below 1.5, full confidence at 4.5.
    pub fn link_score(&self, a: &Passage, b: &Passage) -> f64 {
        self.link_score_above(a, b, f64::NEG_INFINITY)
    }

    /// [`Scorer::link_score`], or, when that score is known to be at most
    /// `floor` before the model is applied, a value at most `floor`.
    fn link_score_above(&self, a: &Passage, b: &Passage, floor: f64) -> f64 {
        if a.is_empty() || b.is_empty() || !self.may_link(a, b) {
            return 0.0;
        }
        LCS_ROWS.with_borrow_mut(|rows| self.link_score_in(a, b, floor, rows))
    }

    /// [`Scorer::link_score_above`] with the bit-parallel LCS rows in
    /// `rows` (scratch, reused from pair to pair).
    fn link_score_in(&self, a: &Passage, b: &Passage, floor: f64, rows: &mut Vec<u64>) -> f64 {
        let wa = &a.words;
        let (sa, sb) = (&a.stems, &b.stems);
        let (n, m, nw) = lcs_rows(a, b, rows);
        // t(i, j): the LCS of a[i..n] and b[j..m].
        let t = |i: usize, j: usize| lcs_zeros(&rows[(n - i) * nw..(n - i + 1) * nw], m - j);
        let (mut i, mut j) = (0, 0);
        let (mut plain, mut covered_a, mut covered_b) = (0.0f64, 0.0, 0.0);
        let (mut matched, mut first, mut last) = (0usize, None, (0, 0));
        while i < n && j < m {
            if sa[i] == sb[j] {
                let name = (wa[i].cap && !wa[i].stop) || wa[i].num;
                if !name {
                    plain += if wa[i].stop { 0.5 } else { 1.0 };
                }
                let k = if name { 0.5 } else { 1.0 };
                covered_a += k * a.link_weights[i];
                covered_b += k * b.link_weights[j];
                matched += 1;
                first.get_or_insert((i, j));
                last = (i, j);
                i += 1;
                j += 1;
            } else if t(i + 1, j) >= t(i, j + 1) {
                i += 1;
            } else {
                j += 1;
            }
        }
        let lcs = t(0, 0);
        let (total_a, total_b) = (a.link_mass, b.link_mass);
        // Coverage of the shorter side, scaled by how densely the matched
        // words sit in the longer side (words scattered over a long
        // sentence are a coincidence, not a rendering).
        let (coverage, span) = match first {
            None => (0.0, 1),
            Some((_, fj)) if total_a <= total_b => (covered_a / total_a.max(1e-9), last.1 - fj + 1),
            Some((fi, _)) => (covered_b / total_b.max(1e-9), last.0 - fi + 1),
        };
        let density = (matched as f64 / span as f64).min(1.0);
        let coverage = coverage * density.sqrt();
        let evidence = ((plain - 1.5) / 3.0).clamp(0.0, 1.0);
        if evidence == 0.0 {
            return 0.0;
        }
        // The model's probability is at most 1.
        if evidence <= floor {
            return evidence;
        }
        if coverage >= 1.0 {
            return evidence;
        }
        let p = probability(&self.features_with_lcs(a, b, lcs));
        p.max(coverage.min(1.0)) * evidence
    }

    /// Convenience: analyzes and scores two strings.
    pub fn score_texts(&mut self, a: &str, b: &str) -> f64 {
        let (pa, pb) = (self.passage(a, 0), self.passage(b, 0));
        self.score(&pa, &pb)
    }
}

/// The logistic model over features.
pub fn probability(f: &[f64; NF]) -> f64 {
    let z = f
        .iter()
        .zip(WEIGHTS.iter())
        .map(|(x, w)| x * w)
        .sum::<f64>()
        + WEIGHTS[NF];
    1.0 / (1.0 + (-z).exp())
}

fn dice<T: Ord>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    2.0 * intersection(a, b) as f64 / (a.len() + b.len()) as f64
}

/// Longest passages compared word by word; longer ones are cut.
const MAX_DIFF_WORDS: usize = 400;

fn lcs_table(a: &[u32], b: &[u32]) -> Vec<Vec<u16>> {
    let (n, m) = (a.len().min(MAX_DIFF_WORDS), b.len().min(MAX_DIFF_WORDS));
    let mut t = vec![vec![0u16; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i][j] = if a[i] == b[j] {
                t[i + 1][j + 1] + 1
            } else {
                t[i + 1][j].max(t[i][j + 1])
            };
        }
    }
    t
}

/// Bit-parallel LCS (Allison and Dix; Hyyrö) of `a` against `b` within
/// [`MAX_DIFF_WORDS`] words, both read backwards: `rows` gets `n + 1` rows
/// of `nw` words, row `k` after the last `k` words of `a`, in which the
/// clear bits among the low `m - j` count the LCS of `a[n - k..n]` and
/// `b[j..m]` (see [`lcs_zeros`]). Returns `(n, m, nw)`.
fn lcs_rows(a: &Passage, b: &Passage, rows: &mut Vec<u64>) -> (usize, usize, usize) {
    let (n, m, nw) = (
        a.stems.len().min(MAX_DIFF_WORDS),
        b.stems.len().min(MAX_DIFF_WORDS),
        b.mask_words,
    );
    rows.clear();
    rows.resize((n + 1) * nw, u64::MAX);
    for k in 0..n {
        let (prev, next) = rows.split_at_mut((k + 1) * nw);
        let (v, out) = (&prev[k * nw..], &mut next[..nw]);
        let Ok(x) = b.mask_stems.binary_search(&a.stems[n - 1 - k]) else {
            out.copy_from_slice(v);
            continue;
        };
        let pm = &b.mask_bits[x * nw..(x + 1) * nw];
        let mut carry = false;
        for w in 0..nw {
            let u = v[w] & pm[w];
            let (s1, c1) = v[w].overflowing_add(u);
            let (s2, c2) = s1.overflowing_add(carry as u64);
            carry = c1 || c2;
            out[w] = s2 | (v[w] & !pm[w]);
        }
    }
    (n, m, nw)
}

/// The number of clear bits among the low `len` bits of a row.
fn lcs_zeros(row: &[u64], len: usize) -> usize {
    let (full, rem) = (len / 64, len % 64);
    let mut ones: usize = row[..full].iter().map(|w| w.count_ones() as usize).sum();
    if rem > 0 {
        ones += (row[full] & ((1u64 << rem) - 1)).count_ones() as usize;
    }
    len - ones
}

fn lcs_len(a: &[u32], b: &[u32]) -> usize {
    let (n, m) = (a.len().min(MAX_DIFF_WORDS), b.len().min(MAX_DIFF_WORDS));
    let mut prev = vec![0u16; m + 1];
    let mut cur = vec![0u16; m + 1];
    for &x in &a[..n] {
        for j in 0..m {
            cur[j + 1] = if x == b[j] {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m] as usize
}

/// The word diff of two passages (LCS over stems). `ta` and `tb` are the
/// texts the passages' offsets refer to.
pub fn diff(a: &Passage, ta: &str, b: &Passage, tb: &str) -> Vec<DiffOp> {
    let wa: Vec<(usize, usize)> = a.words.iter().map(|w| (w.start, w.end)).collect();
    let wb: Vec<(usize, usize)> = b.words.iter().map(|w| (w.start, w.end)).collect();
    diff_words((&a.stems, &wa, ta, 0), (&b.stems, &wb, tb, 0))
}

/// One side of [`diff_words`]: word keys, word byte ranges in the text,
/// the text, and the offset added to the ranges in the ops.
type DiffSide<'a> = (&'a [u32], &'a [(usize, usize)], &'a str, usize);

/// The word diff (LCS over keys) of two sides.
fn diff_words(a: DiffSide<'_>, b: DiffSide<'_>) -> Vec<DiffOp> {
    let (sa, wa, ta, ba) = a;
    let (sb, wb, tb, bb) = b;
    let t = lcs_table(sa, sb);
    let (n, m) = (t.len() - 1, t[0].len() - 1);
    // Word-level ops: 0 equal, 1 delete, 2 insert, with word indices.
    let mut ops: Vec<(u8, usize, usize)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && sa[i] == sb[j] {
            ops.push((0, i, j));
            i += 1;
            j += 1;
        } else if j < m && (i == n || t[i][j + 1] >= t[i + 1][j]) {
            ops.push((2, i, j));
            j += 1;
        } else {
            ops.push((1, i, j));
            i += 1;
        }
    }
    let slice = |text: &str, s: usize, e: usize| text.get(s..e).unwrap_or("").to_string();
    let mut out: Vec<DiffOp> = Vec::new();
    let mut k = 0;
    while k < ops.len() {
        let kind = ops[k].0;
        let mut e = k;
        while e + 1 < ops.len() && ops[e + 1].0 == kind {
            e += 1;
        }
        let (i0, j0) = (ops[k].1, ops[k].2);
        let (i1, j1) = (ops[e].1, ops[e].2);
        match kind {
            0 => {
                let (s, en) = (wa[i0].0, wa[i1].1);
                out.push(DiffOp::Equal {
                    a_start: s + ba,
                    a_end: en + ba,
                    b_start: wb[j0].0 + bb,
                    b_end: wb[j1].1 + bb,
                    text: slice(ta, s, en),
                });
            }
            1 => {
                let (s, en) = (wa[i0].0, wa[i1].1);
                out.push(DiffOp::Delete {
                    a_start: s + ba,
                    a_end: en + ba,
                    text: slice(ta, s, en),
                });
            }
            _ => {
                let (s, en) = (wb[j0].0, wb[j1].1);
                out.push(DiffOp::Insert {
                    b_start: s + bb,
                    b_end: en + bb,
                    text: slice(tb, s, en),
                });
            }
        }
        k = e + 1;
    }
    out
}

/// Which side of a diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

/// The comparison key of a word as printed: lower case, typographic
/// apostrophes as `'` (so "Russia’s" and "Russia's" agree); nothing else is
/// folded: "chances" is not "chance", "ministry" is not "minister".
fn surface_key(w: &str) -> String {
    w.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .collect()
}

/// The words of `text` as printed: byte ranges and [`surface_key`] ids
/// interned in `ids`.
fn surface_words(text: &str, ids: &mut FxHashMap<String, u32>) -> (Vec<u32>, Vec<(usize, usize)>) {
    let (mut keys, mut spans) = (Vec::new(), Vec::new());
    crate::text::for_each_word(text, |s, e, _| {
        let n = ids.len() as u32;
        keys.push(*ids.entry(surface_key(&text[s..e])).or_insert(n));
        spans.push((s, e));
    });
    (keys, spans)
}

/// The word diff of two texts exactly as printed (words compared by
/// [`surface_key`]: case and apostrophe style aside, nothing normalized).
/// Offsets in the ops are those in `ta` and `tb` plus `base_a` and
/// `base_b`; the texts of the ops are slices of `ta` and `tb`.
pub fn exact_diff(ta: &str, base_a: usize, tb: &str, base_b: usize) -> Vec<DiffOp> {
    let mut ids = FxHashMap::default();
    let (ka, wa) = surface_words(ta, &mut ids);
    let (kb, wb) = surface_words(tb, &mut ids);
    diff_words((&ka, &wa, ta, base_a), (&kb, &wb, tb, base_b))
}

/// The runs of one side's text (`text`, at `base` in its document) marked
/// by `diff`: a run is changed when a delete (side `A`) or insert (`B`)
/// covers it. The runs joined give `text` back.
pub fn marks(diff: &[DiffOp], side: Side, text: &str, base: usize) -> Vec<Mark> {
    let mut changed: Vec<(usize, usize)> = diff
        .iter()
        .filter_map(|op| match (op, side) {
            (DiffOp::Delete { a_start, a_end, .. }, Side::A) => Some((*a_start, *a_end)),
            (DiffOp::Insert { b_start, b_end, .. }, Side::B) => Some((*b_start, *b_end)),
            _ => None,
        })
        .filter_map(|(s, e)| {
            let (s, e) = (s.checked_sub(base)?, e.checked_sub(base)?.min(text.len()));
            (s < e && text.is_char_boundary(s) && text.is_char_boundary(e)).then_some((s, e))
        })
        .collect();
    changed.sort_unstable();
    let mut out: Vec<Mark> = Vec::new();
    let mut push = |t: &str, c: bool| {
        if t.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(m) if m.changed == c => m.text.push_str(t),
            _ => out.push(Mark {
                text: t.to_string(),
                changed: c,
            }),
        }
    };
    let mut at = 0;
    for (s, e) in changed {
        let s = s.max(at);
        if s >= e {
            continue;
        }
        push(&text[at..s], false);
        push(&text[s..e], true);
        at = e;
    }
    push(&text[at..], false);
    out
}

/// Byte ranges of the quoted stretches of a paragraph `[ps, pe)` of
/// `text`: the words between an opening and a closing quotation mark (a
/// mark after a space or a bracket, before a word, opens; any other
/// closes; a quote left open runs to the end of the paragraph).
fn quoted_regions(text: &str, ps: usize, pe: usize) -> Vec<(usize, usize)> {
    let para = &text[ps..pe];
    let chars: Vec<(usize, char)> = para.char_indices().collect();
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(
            c,
            '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}'
        ) {
            continue;
        }
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|x| x.1);
        let opens = match c {
            '\u{00AB}' => true,
            '\u{00BB}' => false,
            _ => {
                prev.is_none_or(|p| p.is_whitespace() || "([{\u{2014}\u{2013}-:".contains(p))
                    && next.is_some_and(|n| !n.is_whitespace())
            }
        };
        match (open, opens) {
            (None, true) => open = Some(i + c.len_utf8()),
            (Some(o), false) => {
                out.push((ps + o, ps + i));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(o) = open {
        out.push((ps + o, pe));
    }
    out
}

/// The whole quote a passage `piece` of the sentence `sent` belongs to,
/// as byte offsets in `text`, and whether the passage is quoted: the
/// quoted stretch of its paragraph holding it (trimmed), else the whole
/// sentence.
pub(crate) fn quote_unit(
    text: &str,
    piece: (usize, usize),
    sent: (usize, usize),
) -> (usize, usize, bool) {
    let ps = text[..sent.0].rfind("\n\n").map_or(0, |i| i + 2);
    let pe = text[sent.1..]
        .find("\n\n")
        .map_or(text.len(), |i| sent.1 + i);
    let trim = |(s, e): (usize, usize)| {
        let t = &text[s..e];
        let lead = t.len() - t.trim_start().len();
        (s + lead, s + lead + t.trim().len())
    };
    let regions = quoted_regions(text, ps, pe);
    if let Some(&r) = regions.iter().find(|r| r.0 <= piece.0 && piece.1 <= r.1) {
        let (s, e) = trim(r);
        return (s, e, true);
    }
    // A passage straddling marks is quoted when most of it is inside.
    let inside: usize = regions
        .iter()
        .map(|r| r.1.min(piece.1).saturating_sub(r.0.max(piece.0)))
        .sum();
    let (s, e) = trim(sent);
    (s, e, 2 * inside > piece.1 - piece.0)
}

/// A sentence of a document with its comparable pieces.
pub(crate) struct Sentence {
    /// Index into the documents being aligned.
    pub doc: usize,
    pub start: usize,
    pub end: usize,
    /// (start, end, passage): the sentence itself first, then clauses.
    pub pieces: Vec<(usize, usize, Passage)>,
}

/// Byte ranges of the clause pieces of a sentence: cut at commas, quotes,
/// brackets, dashes, colons and semicolons; runs of 1..=3 pieces.
fn clause_ranges(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let s = &text[start..end];
    let mut cuts = vec![0];
    for (i, c) in s.char_indices() {
        if matches!(
            c,
            ',' | ';'
                | ':'
                | '\u{2013}'
                | '\u{2014}'
                | '"'
                | '\u{201C}'
                | '\u{201D}'
                | '('
                | ')'
                | '\u{00AB}'
                | '\u{00BB}'
        ) {
            cuts.push(i);
            cuts.push(i + c.len_utf8());
        }
    }
    cuts.push(s.len());
    let mut pieces: Vec<(usize, usize)> = cuts
        .chunks(2)
        .filter(|p| p.len() == 2 && p[0] < p[1])
        .map(|p| (p[0], p[1]))
        .collect();
    pieces.retain(|&(a, b)| s[a..b].chars().any(char::is_alphanumeric));
    let mut out = Vec::new();
    for i in 0..pieces.len() {
        for len in 1..=3 {
            if i + len > pieces.len() {
                break;
            }
            let (a, b) = (pieces[i].0, pieces[i + len - 1].1);
            let seg = &s[a..b];
            let lead = seg.len() - seg.trim_start().len();
            let t = seg.trim();
            let (a, b) = (a + lead, a + lead + t.len());
            if (a, b) != (0, s.len()) {
                out.push((start + a, start + b));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Splits documents into sentences and pieces and fits the scorer on the
/// sentences.
pub(crate) fn prepare(texts: &[String], min_words: usize) -> (Scorer, Vec<Sentence>) {
    let (mut scorer, mut sents) = prepare_sentences(texts, min_words);
    for s in &mut sents {
        add_clauses(&mut scorer, &texts[s.doc], s, min_words);
    }
    (scorer, sents)
}

/// [`prepare`] without the clauses: every sentence has its own passage
/// only (see [`add_clauses`]).
fn prepare_sentences(texts: &[String], min_words: usize) -> (Scorer, Vec<Sentence>) {
    let mut scorer = Scorer::new();
    let mut spans = Vec::new();
    for (d, t) in texts.iter().enumerate() {
        for std::ops::Range { start: s, end: e } in split_sentences(t) {
            spans.push((d, s, e));
        }
    }
    // Each sentence is analyzed once: for the statistics, then for its
    // passage and those of its clauses (a clause's words are the
    // sentence's words between its bounds unless a cut splits a word,
    // as "1,000" at the comma).
    let mut words: Vec<Vec<Word>> = Vec::with_capacity(spans.len());
    for &(d, s, e) in &spans {
        let mut ws = scorer.lx.words(&texts[d][s..e]);
        scorer.fit_words(&ws);
        for w in &mut ws {
            w.start += s;
            w.end += s;
        }
        words.push(ws);
    }
    let min_words = min_words.max(2);
    let mut out = Vec::with_capacity(spans.len());
    for ((d, s, e), ws) in spans.into_iter().zip(words) {
        if ws.len() < min_words.min(3) {
            continue;
        }
        out.push(Sentence {
            doc: d,
            start: s,
            end: e,
            pieces: vec![(s, e, scorer.passage_of(ws))],
        });
    }
    (scorer, out)
}

/// Adds the clause pieces of a sentence (after its own passage).
fn add_clauses(scorer: &mut Scorer, text: &str, sent: &mut Sentence, min_words: usize) {
    let min_words = min_words.max(2);
    let (s, e) = (sent.start, sent.end);
    let ws = &sent.pieces[0].2.words;
    let mut pieces = Vec::new();
    for (a, b) in clause_ranges(text, s, e) {
        let lo = ws.partition_point(|w| w.end <= a);
        let hi = ws.partition_point(|w| w.end <= b);
        let split =
            ws.get(lo).is_some_and(|w| w.start < a) || ws.get(hi).is_some_and(|w| w.start < b);
        if !split && hi - lo < min_words {
            continue;
        }
        let p = if split {
            scorer.passage(&text[a..b], a)
        } else {
            scorer.passage_of(ws[lo..hi].to_vec())
        };
        if p.len() >= min_words {
            pieces.push((a, b, p));
        }
    }
    sent.pieces.extend(pieces);
}

/// A scored pair of sentences: (sentence a, sentence b, piece a, piece b,
/// score).
pub(crate) type SentenceLink = (usize, usize, usize, usize, f64);

/// Scores candidate sentence pairs (sharing rare content stems) and keeps
/// those at or above `threshold`, best first.
pub(crate) fn link_sentences(
    scorer: &Scorer,
    sents: &[Sentence],
    threshold: f64,
    cross_document: bool,
) -> Vec<SentenceLink> {
    let pairs = candidate_pairs(sents, cross_document);
    score_pairs(scorer, sents, &pairs, threshold)
}

/// The pairs of sentences `(i, j)`, `i < j`, worth scoring: they share
/// rare content stems (of their own passages).
fn candidate_pairs(sents: &[Sentence], cross_document: bool) -> Vec<(u32, u32)> {
    // Inverted index: content stem (with its IDF) -> sentences.
    let mut postings: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for (i, s) in sents.iter().enumerate() {
        for &(st, _) in &s.pieces[0].2.content {
            postings.entry(st).or_default().push(i as u32);
        }
    }
    // Stems in more than a fifth of the sentences (at most 2,000) carry
    // no evidence of a shared statement; skip them when gathering.
    let max_list = (sents.len() / 5).clamp(50, 2000);
    let mut out = Vec::new();
    let mut acc = vec![(0.0f64, 0u32); sents.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut plain: Vec<u32> = Vec::new();
    for (i, s) in sents.iter().enumerate() {
        plain.clear();
        plain.extend(
            s.pieces[0]
                .2
                .words
                .iter()
                .filter(|w| plain_word(w))
                .map(|w| w.stem),
        );
        plain.sort_unstable();
        for &(st, w) in &s.pieces[0].2.content {
            let Some(list) = postings.get(&st) else {
                continue;
            };
            if list.len() > max_list {
                continue;
            }
            let counts = u32::from(plain.binary_search(&st).is_ok());
            for &j in list {
                if (j as usize) > i {
                    let a = &mut acc[j as usize];
                    if a.0 == 0.0 {
                        touched.push(j);
                    }
                    a.0 += w;
                    a.1 += counts;
                }
            }
        }
        for j in touched.drain(..) {
            let (shared, plain_shared) = std::mem::take(&mut acc[j as usize]);
            if cross_document && sents[j as usize].doc == s.doc {
                continue;
            }
            // At least two rare-ish shared words' worth of evidence, and
            // either two of them plain words (a link's evidence counts no
            // names or numbers, `Scorer::link_score`) or half the content
            // of the shorter sentence (a short sentence copied whole, a
            // line-up). Pairs sharing a name or two and a common word
            // were most of the pairs scored (6.0 of the 76 million pairs
            // of 12,361 sentences of sports copy, all of one day) for 1%
            // more links, those of stock phrases.
            let least = s.pieces[0].2.mass.min(sents[j as usize].pieces[0].2.mass);
            if shared < 2.0 * 1.5 || (plain_shared < 2 && shared < 0.5 * least) {
                continue;
            }
            out.push((i as u32, j));
        }
    }
    out
}

/// A word that counts fully as evidence of a link in
/// [`Scorer::link_score`]: neither a stop-word nor a name nor a number.
fn plain_word(w: &Word) -> bool {
    !w.cap && !w.num && !w.stop
}

/// Scores candidate pairs of sentences (their pieces must be added) and
/// keeps those at or above `threshold`, best first.
fn score_pairs(
    scorer: &Scorer,
    sents: &[Sentence],
    pairs: &[(u32, u32)],
    threshold: f64,
) -> Vec<SentenceLink> {
    // Every stem of a sentence's pieces: a piece shares no more stems
    // with another sentence's pieces than with this union.
    let unions: Vec<Vec<u32>> = sents
        .iter()
        .map(|s| {
            sorted(
                s.pieces
                    .iter()
                    .flat_map(|p| p.2.stem_set.iter().copied())
                    .collect(),
            )
        })
        .collect();
    let profiles: Vec<Vec<(u32, u32, f64)>> = sents.iter().map(evidence_profile).collect();
    // The pairs are independent: scored on every core, a share of chunks
    // each (the order is the sort's below, whatever the split).
    let chunks: Vec<&[(u32, u32)]> = pairs.chunks(PAIR_CHUNK).collect();
    let mut out: Vec<SentenceLink> = crate::par::map(&chunks, |chunk| {
        score_chunk(scorer, sents, &unions, &profiles, chunk, threshold)
    })
    .into_iter()
    .flatten()
    .collect();
    out.sort_by(|a, b| b.4.total_cmp(&a.4).then((a.0, a.1).cmp(&(b.0, b.1))));
    out
}

/// Pairs scored at once by one core in [`score_pairs`].
const PAIR_CHUNK: usize = 2048;

/// [`score_pairs`] for the pairs of `chunk`, in their order, with each
/// sentence's stem union and evidence profile made once for all chunks.
fn score_chunk(
    scorer: &Scorer,
    sents: &[Sentence],
    unions: &[Vec<u32>],
    profiles: &[Vec<(u32, u32, f64)>],
    chunk: &[(u32, u32)],
    threshold: f64,
) -> Vec<SentenceLink> {
    let mut out = Vec::new();
    let (mut bound_a, mut bound_b) = (Vec::new(), Vec::new());
    for &(i, j) in chunk {
        let (i, j) = (i as usize, j as usize);
        let (s, t) = (&sents[i], &sents[j]);
        // May two pieces share three stems (Scorer::may_link)? Bound
        // the stems they share by the other sentence's union.
        let (ua, ub) = (&unions[i], &unions[j]);
        if threshold > 0.0 && intersection(ua, ub) < 3 {
            continue;
        }
        // No pair of pieces reaches the threshold without enough
        // evidence (Scorer::link_score), which the stems the two
        // sentences share bound.
        if threshold > 0.0
            && ((evidence_bound(&profiles[i], &profiles[j]) - 1.5) / 3.0).clamp(0.0, 1.0)
                < threshold
        {
            continue;
        }
        bound_a.clear();
        bound_a.extend(s.pieces.iter().map(|p| intersection(&p.2.stem_set, ub)));
        bound_b.clear();
        bound_b.extend(t.pieces.iter().map(|p| intersection(&p.2.stem_set, ua)));
        let mut best: Option<(usize, usize, f64, usize)> = None;
        for (pa, (_, _, a)) in s.pieces.iter().enumerate() {
            for (pb, (_, _, b)) in t.pieces.iter().enumerate() {
                let shared = bound_a[pa].min(bound_b[pb]);
                let sc = if shared >= 3 && shared * 10 >= 3 * a.stem_set.len().min(b.stem_set.len())
                {
                    // A pair scoring no more than the best so far less
                    // the near-tie margin is not kept: skip its model.
                    let floor = best.map_or(f64::NEG_INFINITY, |b| b.2 - 0.02);
                    scorer.link_score_above(a, b, floor)
                } else {
                    0.0
                };
                let len = a.len() + b.len();
                let better = match best {
                    None => true,
                    // Near-ties go to the tighter pair of passages.
                    Some((_, _, bs, bl)) => sc > bs + 0.02 || (sc > bs - 0.02 && len < bl),
                };
                if better {
                    best = Some((pa, pb, sc, len));
                }
            }
        }
        if let Some((pa, pb, sc, _)) = best {
            if sc >= threshold {
                out.push((i, j, pa, pb, sc));
            }
        }
    }
    out
}

/// Per stem of a sentence's pieces: the most times one piece has it, and
/// the most evidence one of its words gives in [`Scorer::link_score`]
/// (a capitalized name or a number none, a stop-word half, any other word
/// one); sorted by stem.
fn evidence_profile(s: &Sentence) -> Vec<(u32, u32, f64)> {
    let mut all: Vec<(u32, u32, f64)> = Vec::new();
    let mut one: Vec<(u32, f64)> = Vec::new();
    for (_, _, p) in &s.pieces {
        one.clear();
        one.extend(p.words.iter().map(|w| {
            let v = if (w.cap && !w.stop) || w.num {
                0.0
            } else if w.stop {
                0.5
            } else {
                1.0
            };
            (w.stem, v)
        }));
        one.sort_unstable_by_key(|x| x.0);
        let mut k = 0;
        while k < one.len() {
            let mut e = k;
            let mut v = one[k].1;
            while e + 1 < one.len() && one[e + 1].0 == one[k].0 {
                e += 1;
                v = v.max(one[e].1);
            }
            all.push((one[k].0, (e - k + 1) as u32, v));
            k = e + 1;
        }
    }
    all.sort_unstable_by_key(|x| x.0);
    let mut out: Vec<(u32, u32, f64)> = Vec::with_capacity(all.len());
    for x in all {
        match out.last_mut() {
            Some(last) if last.0 == x.0 => {
                last.1 = last.1.max(x.1);
                last.2 = last.2.max(x.2);
            }
            _ => out.push(x),
        }
    }
    out
}

/// An upper bound on the evidence (matched words) of any pair of pieces
/// of two sentences, from their [`evidence_profile`]s (`a`'s words count).
fn evidence_bound(a: &[(u32, u32, f64)], b: &[(u32, u32, f64)]) -> f64 {
    sum_shared(a, b, |x| x.0, |y| y.0, |x, y| x.1.min(y.1) as f64 * x.2)
}

/// The best link score between two sentences over their pieces.
fn sentence_score(scorer: &Scorer, a: &Sentence, b: &Sentence) -> f64 {
    let mut best = 0.0f64;
    for (_, _, x) in &a.pieces {
        for (_, _, y) in &b.pieces {
            best = best.max(scorer.link_score(x, y));
        }
    }
    best
}

/// Groups links into statements, best link first: a link starts a group
/// or extends one when the new sentence is linked (at `threshold`) to
/// every member of another document; groups never merge, so a chain of
/// loosely related sentences cannot snowball into one statement. A
/// sentence that renders two statements through different clauses ("This
/// is neglect of the indivisibility of security, we will continue efforts
/// to get a response"), each taken up by another outlet, may start a
/// second group: when the clause of the new link does not overlap the
/// clauses it has in its group and the new sentence's document has no
/// member there (a document merging two sentences of one source is
/// [`context_links`]' business).
fn group_links<'l>(
    scorer: &Scorer,
    sents: &[Sentence],
    links: &'l [SentenceLink],
    threshold: f64,
) -> Vec<Vec<&'l SentenceLink>> {
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut groups: Vec<Vec<&SentenceLink>> = Vec::new();
    // (sentence, group) → the byte ranges of its clauses in the group.
    let mut clauses: HashMap<(usize, usize), Vec<(usize, usize)>> = HashMap::new();
    let range = |s: usize, p: usize| (sents[s].pieces[p].0, sents[s].pieces[p].1);
    let known: HashMap<(usize, usize), f64> = links.iter().map(|l| ((l.0, l.1), l.4)).collect();
    let pair_score = |x: usize, y: usize| -> f64 {
        let k = (x.min(y), x.max(y));
        known
            .get(&k)
            .copied()
            .unwrap_or_else(|| sentence_score(scorer, &sents[k.0], &sents[k.1]))
    };
    for l in links {
        match (group_of.get(&l.0).copied(), group_of.get(&l.1).copied()) {
            (None, None) => {
                group_of.insert(l.0, groups.len());
                group_of.insert(l.1, groups.len());
                clauses.insert((l.0, groups.len()), vec![range(l.0, l.2)]);
                clauses.insert((l.1, groups.len()), vec![range(l.1, l.3)]);
                members.push(vec![l.0, l.1]);
                groups.push(vec![l]);
            }
            (Some(g), None) | (None, Some(g)) => {
                let (old, old_piece, new, new_piece) = if group_of.contains_key(&l.0) {
                    (l.0, l.2, l.1, l.3)
                } else {
                    (l.1, l.3, l.0, l.2)
                };
                let fits = members[g]
                    .iter()
                    .filter(|&&m| sents[m].doc != sents[new].doc)
                    .all(|&m| pair_score(m, new) >= threshold);
                let r = range(old, old_piece);
                if fits {
                    group_of.insert(new, g);
                    clauses.insert((new, g), vec![range(new, new_piece)]);
                    clauses.entry((old, g)).or_default().push(r);
                    members[g].push(new);
                    groups[g].push(l);
                } else if members[g].iter().all(|&m| sents[m].doc != sents[new].doc)
                    && clauses
                        .get(&(old, g))
                        .is_some_and(|v| v.iter().all(|&(a, b)| r.1 <= a || b <= r.0))
                {
                    // Another clause of `old`: a statement of its own.
                    let h = groups.len();
                    group_of.insert(new, h);
                    clauses.insert((old, h), vec![r]);
                    clauses.insert((new, h), vec![range(new, new_piece)]);
                    members.push(vec![old, new]);
                    groups.push(vec![l]);
                }
            }
            (Some(g), Some(h)) if g == h => {
                clauses.entry((l.0, g)).or_default().push(range(l.0, l.2));
                clauses.entry((l.1, g)).or_default().push(range(l.1, l.3));
                groups[g].push(l);
            }
            _ => {}
        }
    }
    groups
}

/// CSV of statements, one row per member, with a header:
/// statement,score,doc,file,outlet,date,speaker,start,end,text.
pub fn statements_to_csv(statements: &[Statement]) -> String {
    let mut out = String::from("statement,score,doc,file,outlet,date,speaker,start,end,text\n");
    for (i, s) in statements.iter().enumerate() {
        for m in &s.members {
            super::csv_row(
                &mut out,
                &[
                    i.to_string(),
                    format!("{:.3}", s.score),
                    m.doc.to_string(),
                    m.file.clone(),
                    m.outlet.clone().unwrap_or_default(),
                    m.date.clone().unwrap_or_default(),
                    m.speaker.clone().unwrap_or_default(),
                    m.start.to_string(),
                    m.end.to_string(),
                    m.text.clone(),
                ],
            );
        }
    }
    out
}

/// Finds the statements that several of `docs` render, best first.
/// Transcript turns give the speaker of a passage (see
/// [`statements_with`] for more).
pub fn statements(docs: &[Doc<'_>], opts: &AlignOptions) -> Vec<Statement> {
    statements_with(docs, opts, None)
}

/// [`statements`] with a speaker hook: `speakers` (optional) names the
/// speaker of a passage; where it names none, transcript turns do.
pub fn statements_with(
    docs: &[Doc<'_>],
    opts: &AlignOptions,
    speakers: Option<SpeakerHook<'_>>,
) -> Vec<Statement> {
    let texts: Vec<String> = docs.iter().map(|d| d.doc.text()).collect();
    let (mut scorer, mut sents) = prepare_sentences(&texts, opts.min_words);
    let pairs = candidate_pairs(&sents, opts.cross_document);
    add_candidate_clauses(&mut scorer, &mut sents, &pairs, &[], &texts, opts.min_words);
    let mut links = score_pairs(&scorer, &sents, &pairs, opts.threshold);
    let context = Context::new(&scorer, docs, &sents, &links);
    add_candidate_clauses(
        &mut scorer,
        &mut sents,
        &context.related_pairs,
        &pairs,
        &texts,
        opts.min_words,
    );
    let found = Found {
        docs,
        texts: &texts,
        sents: &sents,
        para_starts: docs.iter().map(|d| paragraph_starts(d.doc)).collect(),
        speakers,
    };
    // Context links on the words in common, then, for the passages left
    // free, on words related to each other (so a loose relation never
    // takes a passage from a link on shared words).
    for through_relations in [false, true] {
        let more = context_links(
            &scorer,
            &found,
            &pairs,
            &context,
            &links,
            opts.threshold,
            through_relations,
        );
        links.extend(more);
    }
    links.sort_by(|a, b| b.4.total_cmp(&a.4).then((a.0, a.1).cmp(&(b.0, b.1))));
    let comps = group_links(&scorer, &sents, &links, opts.threshold);
    let mut out: Vec<Statement> = comps.iter().map(|ls| found.statement(ls)).collect();
    out.sort_by(|a, b| {
        b.score.total_cmp(&a.score).then(
            (a.members[0].doc, a.members[0].start).cmp(&(b.members[0].doc, b.members[0].start)),
        )
    });
    out.truncate(opts.max_statements);
    out
}

/// Links between two documents (at the link threshold) before two
/// documents count as related for [`context_links`].
pub const CONTEXT_ANCHORS: usize = 2;

/// Most days between two related documents' dates (both must be known:
/// a missing date is no evidence).
pub const CONTEXT_DAYS: i64 = 3;

/// The factor on the odds of a pair's link score when the context speaks
/// for it ([`context_links`]).
pub const CONTEXT_ODDS: f64 = 3.0;

/// The factor on the odds of a pair's link score when the context speaks
/// for it and words count through their relations ([`context_links`]
/// after the links on shared words; a relation is weaker evidence).
pub const RELATION_ODDS: f64 = 2.0;

/// `p` with its odds multiplied by `k`.
fn boost(p: f64, k: f64) -> f64 {
    let p = p.clamp(0.0, 0.999_999);
    let o = k * p / (1.0 - p);
    o / (1.0 + o)
}

/// Whether two speaker names name the same person: equal, or the same
/// last word ("Sergey Lavrov", "Lavrov"), case aside.
fn same_speaker(a: &str, b: &str) -> bool {
    let last = |s: &str| s.split_whitespace().last().map(str::to_lowercase);
    a.eq_ignore_ascii_case(b) || (last(a).is_some() && last(a) == last(b))
}

/// Links found through their context, beside the lexical links `links`.
/// A rewrite swaps words and turns constructions around, so some of its
/// sentences share too few words with their source to be linked on their
/// own; their context speaks for them instead. Two documents are related
/// when they already share [`CONTEXT_ANCHORS`] links and both are dated, at
/// most [`CONTEXT_DAYS`] apart. Between related
/// documents, a candidate pair of passages with the same known speaker
/// ([`Found::context_speaker`]) gets the odds of its score multiplied by
/// [`CONTEXT_ODDS`]; the pairs then reaching `threshold` are taken best
/// first, and a passage is taken at most once per pair of documents: a
/// passage overlapping one already linked to the other document is not
/// compared (competitive linking, so one sentence cannot collect the loose
/// matches of a whole article). A sentence linked through one clause may
/// still link through another: a rewrite merges two sentences into one.
/// `through_relations`: the pairs of [`Context::related_pairs`] instead,
/// scored by [`Context::related_score`] with [`RELATION_ODDS`], each
/// sentence as a whole credited to the same speaker first.
fn context_links(
    scorer: &Scorer,
    found: &Found<'_>,
    pairs: &[(u32, u32)],
    context: &Context,
    links: &[SentenceLink],
    threshold: f64,
    through_relations: bool,
) -> Vec<SentenceLink> {
    let sents = found.sents;
    // (sentence, other document) → its passages linked to that document.
    let mut used: FxHashMap<(usize, usize), Vec<(usize, usize)>> = FxHashMap::default();
    let mut linked: rustc_hash::FxHashSet<(usize, usize)> = Default::default();
    let piece = |i: usize, p: usize| (sents[i].pieces[p].0, sents[i].pieces[p].1);
    for l in links {
        used.entry((l.0, sents[l.1].doc))
            .or_default()
            .push(piece(l.0, l.2));
        used.entry((l.1, sents[l.0].doc))
            .or_default()
            .push(piece(l.1, l.3));
        linked.insert((l.0, l.1));
    }
    let free = |used: &FxHashMap<(usize, usize), Vec<(usize, usize)>>,
                i: usize,
                other: usize,
                (s, e): (usize, usize)| {
        used.get(&(i, other))
            .is_none_or(|v| v.iter().all(|&(a, b)| e <= a || b <= s))
    };
    // The lowest score the boost can lift to the threshold (a word read as
    // a related one is weaker evidence than a word in common: less boost).
    let odds = if through_relations {
        RELATION_ODDS
    } else {
        CONTEXT_ODDS
    };
    let floor = boost(threshold, 1.0 / odds);
    let todo: Vec<(u32, u32)> = pairs
        .iter()
        .copied()
        .filter(|&(i, j)| {
            let (i, j) = (i as usize, j as usize);
            !linked.contains(&(i, j))
                && !linked.contains(&(j, i))
                && context.related(sents[i].doc, sents[j].doc)
        })
        .collect();
    // Pairs whose best passages reach the floor at all (pruned as every
    // pair is); a pair's passages free of earlier links score no higher.
    // Through relations: the pairs that share words through them.
    let reach: Vec<(usize, usize)> = if through_relations {
        context
            .related_pairs
            .iter()
            .map(|&(i, j)| (i as usize, j as usize))
            .filter(|&(i, j)| !linked.contains(&(i, j)) && !linked.contains(&(j, i)))
            .collect()
    } else {
        score_pairs(scorer, sents, &todo, floor)
            .into_iter()
            .map(|l| (l.0, l.1))
            .collect()
    };
    // Through relations, a pair is worth its passages' scores only when
    // both sentences have the same known speaker as a whole (checked
    // again for the passages linked).
    let mut whole: FxHashMap<usize, Option<String>> = FxHashMap::default();
    let mut speaker = |i: usize| {
        whole
            .entry(i)
            .or_insert_with(|| found.context_speaker(i, sents[i].start, sents[i].end))
            .clone()
    };
    let mut cands: Vec<SentenceLink> = Vec::new();
    for &(i, j) in &reach {
        if through_relations {
            match (speaker(i), speaker(j)) {
                (Some(a), Some(b)) if same_speaker(&a, &b) => {}
                _ => continue,
            }
        }
        let (di, dj) = (sents[i].doc, sents[j].doc);
        let mut best: Option<(usize, usize, f64, usize)> = None;
        for (pa, (sa, ea, a)) in sents[i].pieces.iter().enumerate() {
            if !free(&used, i, dj, (*sa, *ea)) {
                continue;
            }
            for (pb, (sb, eb, b)) in sents[j].pieces.iter().enumerate() {
                if !free(&used, j, di, (*sb, *eb)) {
                    continue;
                }
                let low = best.map_or(floor, |x| x.2 - 0.02);
                let sc = if through_relations {
                    context.related_score(scorer, a, b, low)
                } else {
                    scorer.link_score_above(a, b, low)
                };
                let len = a.len() + b.len();
                let better = match best {
                    None => sc >= floor,
                    Some((_, _, bs, bl)) => sc > bs + 0.02 || (sc > bs - 0.02 && len < bl),
                };
                if better {
                    best = Some((pa, pb, sc, len));
                }
            }
        }
        let Some((pa, pb, sc, _)) = best else {
            continue;
        };
        let (ra, rb) = (piece(i, pa), piece(j, pb));
        let (Some(sa), Some(sb)) = (
            found.context_speaker(i, ra.0, ra.1),
            found.context_speaker(j, rb.0, rb.1),
        ) else {
            continue;
        };
        let p = boost(sc, odds);
        if same_speaker(&sa, &sb) && p >= threshold {
            cands.push((i, j, pa, pb, p));
        }
    }
    cands.sort_by(|a, b| b.4.total_cmp(&a.4).then((a.0, a.1).cmp(&(b.0, b.1))));
    let mut out = Vec::new();
    for l in cands {
        let (da, db) = (sents[l.0].doc, sents[l.1].doc);
        let (ra, rb) = (piece(l.0, l.2), piece(l.1, l.3));
        if !free(&used, l.0, db, ra) || !free(&used, l.1, da, rb) {
            continue;
        }
        used.entry((l.0, db)).or_default().push(ra);
        used.entry((l.1, da)).or_default().push(rb);
        out.push(l);
    }
    out
}

/// What the context of a corpus's lexical links says: which documents are
/// related (they share [`CONTEXT_ANCHORS`] links and are dated at most
/// [`CONTEXT_DAYS`] apart), and between them, the sentences that share
/// words only through their relations ([`super::relations`]: "pursue" /
/// "search", "possibilities" / "chances"), with the relations of their
/// words as the scorer's stem ids.
struct Context {
    related: rustc_hash::FxHashSet<(usize, usize)>,
    /// Sentence pairs `(i, j)`, `i < j`, of related documents that share at
    /// least two plain words, one of them or more through a relation.
    related_pairs: Vec<(u32, u32)>,
    /// A plain word's stem → the stems of the corpus related to it.
    relations: FxHashMap<u32, Vec<u32>>,
}

impl Context {
    fn new(
        scorer: &Scorer,
        docs: &[Doc<'_>],
        sents: &[Sentence],
        links: &[SentenceLink],
    ) -> Context {
        let key = |a: usize, b: usize| (a.min(b), a.max(b));
        let mut anchors: FxHashMap<(usize, usize), usize> = FxHashMap::default();
        for l in links {
            *anchors
                .entry(key(sents[l.0].doc, sents[l.1].doc))
                .or_insert(0) += 1;
        }
        let day = |d: usize| docs[d].day();
        let related: rustc_hash::FxHashSet<(usize, usize)> = anchors
            .into_iter()
            .filter(|&((a, b), n)| {
                n >= CONTEXT_ANCHORS
                    && match (day(a), day(b)) {
                        (Some(x), Some(y)) => (x - y).abs() <= CONTEXT_DAYS,
                        _ => false,
                    }
            })
            .map(|(k, _)| k)
            .collect();
        let mut context = Context {
            related,
            related_pairs: Vec::new(),
            relations: FxHashMap::default(),
        };
        let table = super::relations::shipped();
        if context.related.is_empty() || table.is_empty() {
            return context;
        }
        // Each sentence of a related document: its plain stems, and the
        // stems related to them that the corpus has.
        let mut of_doc: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        for &(a, b) in &context.related {
            of_doc.entry(a).or_default();
            of_doc.entry(b).or_default();
        }
        for (i, s) in sents.iter().enumerate() {
            if let Some(v) = of_doc.get_mut(&s.doc) {
                v.push(i);
            }
        }
        let mut plain: FxHashMap<usize, (Vec<u32>, Vec<u32>)> = FxHashMap::default();
        for &i in of_doc.values().flatten() {
            let own = sorted(
                sents[i].pieces[0]
                    .2
                    .words
                    .iter()
                    .filter(|w| plain_word(w))
                    .map(|w| w.stem)
                    .collect(),
            );
            let mut rel = Vec::new();
            for &st in &own {
                let list = context.relations.entry(st).or_insert_with(|| {
                    sorted(
                        table
                            .related(scorer.lx.stem(st))
                            .filter_map(|r| scorer.lx.stem_id(r))
                            .collect(),
                    )
                });
                rel.extend(
                    list.iter()
                        .copied()
                        .filter(|r| own.binary_search(r).is_err()),
                );
            }
            plain.insert(i, (own, sorted(rel)));
        }
        // Candidates through an inverted index of plain stems (not every
        // pair of sentences of every pair of related documents: a story of
        // wire copies relates hundreds of documents to each other); a stem
        // in more than a fifth of the sentences (at most 2,000) carries no
        // evidence, as in `candidate_pairs`.
        let mut ids: Vec<usize> = of_doc.values().flatten().copied().collect();
        ids.sort_unstable();
        let mut postings: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        for &i in &ids {
            for &st in &plain[&i].0 {
                postings.entry(st).or_default().push(i);
            }
        }
        let max_list = (ids.len() / 5).clamp(50, 2000);
        let mut others: Vec<usize> = Vec::new();
        for &i in &ids {
            let (own_i, rel_i) = &plain[&i];
            others.clear();
            for st in rel_i {
                let Some(list) = postings.get(st).filter(|l| l.len() <= max_list) else {
                    continue;
                };
                others.extend(list.iter().copied().filter(|&j| {
                    sents[j].doc != sents[i].doc && context.related(sents[i].doc, sents[j].doc)
                }));
            }
            others.sort_unstable();
            others.dedup();
            for &j in &others {
                let (own_j, _) = &plain[&j];
                let through = intersection(rel_i, own_j);
                if through > 0 && through + intersection(own_i, own_j) >= 2 {
                    context
                        .related_pairs
                        .push((i.min(j) as u32, i.max(j) as u32));
                }
            }
        }
        context.related_pairs.sort_unstable();
        context.related_pairs.dedup();
        context
    }

    /// Whether documents `a` and `b` are related.
    fn related(&self, a: usize, b: usize) -> bool {
        self.related.contains(&(a.min(b), a.max(b)))
    }

    /// [`Scorer::link_score_above`] of `a` and `b` with each plain word of
    /// `b` that `a` lacks read as a related word `a` has; 0 when none is.
    fn related_score(&self, scorer: &Scorer, a: &Passage, b: &Passage, floor: f64) -> f64 {
        if self.relations.is_empty() {
            return 0.0;
        }
        let related = |w: &Word| {
            self.relations.get(&w.stem).and_then(|rel| {
                rel.iter()
                    .copied()
                    .find(|r| a.stem_set.binary_search(r).is_ok())
            })
        };
        // As for a candidate pair: two plain words in common, one of them
        // or more through a relation (most pairs of clauses have not).
        let (mut shared, mut through) = (0, 0);
        for w in b.words.iter().filter(|w| plain_word(w)) {
            if a.stem_set.binary_search(&w.stem).is_ok() {
                shared += 1;
            } else if related(w).is_some() {
                through += 1;
            }
        }
        if through == 0 || shared + through < 2 {
            return 0.0;
        }
        let mut words = b.words.clone();
        for w in words.iter_mut().filter(|w| plain_word(w)) {
            if a.stem_set.binary_search(&w.stem).is_err() {
                if let Some(to) = related(w) {
                    w.stem = to;
                }
            }
        }
        scorer.link_score_above(a, &scorer.passage_of(words), floor)
    }
}

/// Cuts and analyzes the clauses of the sentences that have a candidate
/// in `pairs` (only those: the others are never compared), but not those
/// of `done` (their clauses were cut before).
fn add_candidate_clauses(
    scorer: &mut Scorer,
    sents: &mut [Sentence],
    pairs: &[(u32, u32)],
    done: &[(u32, u32)],
    texts: &[String],
    min_words: usize,
) {
    let mut wanted = vec![false; sents.len()];
    for &(i, j) in pairs {
        wanted[i as usize] = true;
        wanted[j as usize] = true;
    }
    for &(i, j) in done {
        wanted[i as usize] = false;
        wanted[j as usize] = false;
    }
    for (s, _) in sents.iter_mut().zip(&wanted).filter(|x| *x.1) {
        add_clauses(scorer, &texts[s.doc], s, min_words);
    }
}

/// Where each paragraph starts in [`crate::Document::text`] (paragraphs
/// joined by a blank line).
fn paragraph_starts(doc: &crate::Document) -> Vec<usize> {
    let mut pos = 0;
    doc.paragraphs
        .iter()
        .map(|p| {
            let s = pos;
            pos += p.len() + 2;
            s
        })
        .collect()
}

/// The aligned sentences of a selection, from which statements are
/// written out.
struct Found<'a> {
    docs: &'a [Doc<'a>],
    /// Each document's text ([`crate::Document::text`]).
    texts: &'a [String],
    sents: &'a [Sentence],
    /// Each document's [`paragraph_starts`].
    para_starts: Vec<Vec<usize>>,
    speakers: Option<SpeakerHook<'a>>,
}

impl Found<'_> {
    /// The speaker of bytes `s..e` of document `d`: the hook's, else the
    /// transcript turn's.
    fn speaker_of(&self, d: usize, s: usize, e: usize) -> Option<String> {
        if let Some(h) = self.speakers {
            if let Some(sp) = h(self.docs[d].id, s, e) {
                return Some(sp);
            }
        }
        let p = self.para_starts[d]
            .partition_point(|&x| x <= s)
            .checked_sub(1)?;
        self.docs[d].doc.speaker_of(p).map(str::to_string)
    }

    /// The speaker of the passage `s..e` of sentence `i` as context
    /// evidence: [`Found::speaker_of`], else the subject of the sentence's
    /// reporting clause ([`crate::extract::quotes::reporting_subject`]).
    fn context_speaker(&self, i: usize, s: usize, e: usize) -> Option<String> {
        let st = &self.sents[i];
        self.speaker_of(st.doc, s, e).or_else(|| {
            crate::extract::quotes::reporting_subject(&self.texts[st.doc][st.start..st.end])
        })
    }

    /// The statement of one group of links: its members earliest first
    /// (undated last), each shown through the piece of its best link, and
    /// its links best first.
    fn statement(&self, ls: &[&SentenceLink]) -> Statement {
        let sents = self.sents;
        // Each sentence is shown through the piece of its best link.
        let mut piece_of: HashMap<usize, (usize, f64)> = HashMap::new();
        for l in ls {
            for (s, p) in [(l.0, l.2), (l.1, l.3)] {
                let e = piece_of.entry(s).or_insert((p, l.4));
                if l.4 > e.1 {
                    *e = (p, l.4);
                }
            }
        }
        let mut members_idx: Vec<usize> = piece_of.keys().copied().collect();
        members_idx.sort_by_key(|&s| {
            let d = sents[s].doc;
            (
                self.docs[d].day().unwrap_or(i64::MAX),
                self.docs[d].id,
                sents[s].start,
            )
        });
        let pos: HashMap<usize, usize> = members_idx
            .iter()
            .enumerate()
            .map(|(i, &s)| (s, i))
            .collect();
        let members: Vec<StatementMember> = members_idx
            .iter()
            .map(|&s| self.member(s, piece_of[&s].0))
            .collect();
        let mut links: Vec<Link> = ls.iter().map(|l| self.link(l, &pos, &members)).collect();
        links.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then((a.a, a.b).cmp(&(b.a, b.b)))
        });
        let mut st = Statement {
            score: links.first().map_or(0.0, |l| l.score),
            members,
            links,
            trail: super::trail::Trail::default(),
        };
        st.trail = super::trail::trail(&st);
        st
    }

    /// Sentence `s` as a member, shown through its piece `p`.
    fn member(&self, s: usize, p: usize) -> StatementMember {
        let st = &self.sents[s];
        let (a, b, _) = &st.pieces[p];
        let d = &self.docs[st.doc];
        let (qs, qe, quoted) = quote_unit(&self.texts[st.doc], (*a, *b), (st.start, st.end));
        StatementMember {
            doc: d.id,
            file: d.doc.file.clone(),
            outlet: d.doc.outlet.clone(),
            date: d.doc.date.clone(),
            speaker: self.speaker_of(st.doc, *a, *b),
            text: self.texts[st.doc][*a..*b].to_string(),
            start: *a,
            end: *b,
            sentence_start: st.start,
            sentence_end: st.end,
            quote: self.texts[st.doc][qs..qe].to_string(),
            quote_start: qs,
            quote_end: qe,
            quoted,
        }
    }

    /// A link between members (`pos`: sentence → member index), its
    /// earlier member first, with the word diff of its pieces.
    fn link(
        &self,
        l: &SentenceLink,
        pos: &HashMap<usize, usize>,
        members: &[StatementMember],
    ) -> Link {
        let (x, y) = if pos[&l.0] <= pos[&l.1] {
            ((l.0, l.2), (l.1, l.3))
        } else {
            ((l.1, l.3), (l.0, l.2))
        };
        let (sa, sb) = (&self.sents[x.0], &self.sents[y.0]);
        let (ma, mb) = (&members[pos[&x.0]], &members[pos[&y.0]]);
        let d = exact_diff(&ma.quote, ma.quote_start, &mb.quote, mb.quote_start);
        Link {
            a: pos[&x.0],
            b: pos[&y.0],
            score: l.4,
            a_start: sa.pieces[x.1].0,
            a_end: sa.pieces[x.1].1,
            b_start: sb.pieces[y.1].0,
            b_end: sb.pieces[y.1].1,
            a_marks: marks(&d, Side::A, &ma.quote, ma.quote_start),
            b_marks: marks(&d, Side::B, &mb.quote, mb.quote_start),
            diff: d,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_ops_cover_both_sides() {
        let mut sc = Scorer::new();
        let (ta, tb) = (
            "I have to say there is always a chance.",
            "I must say that there is always a chances",
        );
        let (a, b) = (sc.passage(ta, 0), sc.passage(tb, 0));
        let d = diff(&a, ta, &b, tb);
        let eq: Vec<&str> = d
            .iter()
            .filter_map(|o| match o {
                DiffOp::Equal { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(eq, ["I", "say", "there is always a chance"]);
        assert!(d
            .iter()
            .any(|o| matches!(o, DiffOp::Insert { text, .. } if text == "must")));
        assert!(d
            .iter()
            .any(|o| matches!(o, DiffOp::Delete { text, .. } if text == "have to")));
    }

    #[test]
    fn paraphrase_scores_above_unrelated() {
        let mut sc = Scorer::new();
        sc.fit([
            "The minister said talks would continue.",
            "Shares fell sharply in Tokyo on Monday.",
            "No state will strengthen its security at the expense of others.",
        ]);
        let p = sc.score_texts(
            "no state will strengthen its security at the expense of the security of others",
            "no one will strengthen their security at the expense of the security of others",
        );
        let q = sc.score_texts(
            "no state will strengthen its security at the expense of the security of others",
            "Shares fell sharply in Tokyo on Monday as exporters lost ground",
        );
        assert!(p > 0.8 && q < 0.2, "{p} {q}");
    }

    #[test]
    fn far_from_negates_as_not_does() {
        let mut sc = Scorer::new();
        let mismatch = |sc: &mut Scorer, a: &str, b: &str| {
            let (a, b) = (sc.passage(a, 0), sc.passage(b, 0));
            sc.features(&a, &b)[15]
        };
        let not_over = "the talks are not over";
        assert_eq!(
            mismatch(&mut sc, not_over, "the talks are far from finished"),
            0.0
        );
        assert_eq!(mismatch(&mut sc, not_over, "the talks are finished"), 1.0);
        // "far" and "from" apart negate nothing.
        assert_eq!(
            mismatch(&mut sc, not_over, "far away, talks from Geneva are over"),
            1.0
        );
    }

    #[test]
    fn bit_parallel_lcs_matches_the_table() {
        let mut sc = Scorer::new();
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let words = ["a", "b", "c", "d", "the", "of"];
        for len in [1usize, 3, 7, 63, 64, 65, 130] {
            let mut text = |n: usize| -> String {
                (0..n)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        words[(x % words.len() as u64) as usize]
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let (ta, tb) = (text(len), text(len / 2 + 5));
            let (a, b) = (sc.passage(&ta, 0), sc.passage(&tb, 0));
            let t = lcs_table(&a.stems, &b.stems);
            let mut rows = Vec::new();
            let (n, m, nw) = lcs_rows(&a, &b, &mut rows);
            assert_eq!((t.len(), t[0].len()), (n + 1, m + 1));
            for (i, ti) in t.iter().enumerate() {
                let row = &rows[(n - i) * nw..(n - i + 1) * nw];
                for (j, &tij) in ti.iter().enumerate() {
                    assert_eq!(lcs_zeros(row, m - j), tij as usize, "{len} {i} {j}");
                }
            }
        }
    }

    #[test]
    fn clause_pieces() {
        let t = "He said, “We warn about endless talks,” and left.";
        let r: Vec<&str> = clause_ranges(t, 0, t.len())
            .iter()
            .map(|&(a, b)| &t[a..b])
            .collect();
        assert!(r.contains(&"We warn about endless talks"));
        assert!(!r.contains(&t));
    }

    #[test]
    fn candidates_need_plain_words_or_a_sentence_copied_whole() {
        // Other news around them, so that the names are rare words.
        let filler = |w: &str| {
            (0..12)
                .map(|k| format!("The {w}{k} harbour opened a quay for ferries. "))
                .collect::<String>()
        };
        let texts = [
            format!("{}England beat Wales in Cardiff on Saturday after a late try. Paterson; Danielli, Craig, Southwell, Lamont. The minister said the talks on grain exports are far from finished.", filler("north")),
            format!("{}Wales and England meet again in the Six Nations next spring. Paterson; Danielli, Craig, Southwell, Lamont. The talks on grain exports are not over, the minister said.", filler("south")),
        ];
        let (_, sents) = prepare_sentences(&texts, 4);
        let text = |i: u32| {
            let s = &sents[i as usize];
            &texts[s.doc][s.start..s.end]
        };
        let pairs: Vec<(&str, &str)> = candidate_pairs(&sents, true)
            .into_iter()
            .map(|(i, j)| (text(i), text(j)))
            .collect();
        // Two plain words shared (talks, grain, exports): a candidate.
        assert!(
            pairs
                .iter()
                .any(|(a, b)| a.contains("far from finished") && b.contains("not over")),
            "{pairs:?}"
        );
        // A line of names copied whole: a candidate.
        assert!(
            pairs
                .iter()
                .any(|(a, b)| a.starts_with("Paterson") && b.starts_with("Paterson")),
            "{pairs:?}"
        );
        // Two names and nothing else in common: not scored at all.
        assert!(
            !pairs
                .iter()
                .any(|(a, b)| a.starts_with("England") && b.starts_with("Wales")),
            "{pairs:?}"
        );
    }
}
