//! Near-duplicate and story detection on real corpora.
//!
//! - Reuters-21578 (`<REUTERS>` records, `<BODY>` text): exact-duplicate
//!   groups against raw-body equality, near-duplicate pairs (5-word
//!   shingles, Jaccard ≥ 0.8), a hand-checked sample
//!   (`tests/data/near_dups_checked.tsv`);
//! - BBC News: exact-duplicate groups, and the exact join against a
//!   brute-force scan of all pairs (recall of the join);
//! - the ~30k-document scale corpus (BBC + Reuters + NewsArticles CSV +
//!   PolNeAR): run time of duplicates and stories.
//!
//! Prints a Markdown section for BENCHMARKS.md. `--sample N` prints N
//! Reuters near-duplicate pairs to check by hand.
//!
//! ```text
//! cargo run --release --example eval_dedup [-- --sample 30]
//! ```

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use lede::analyze::dedup::{jaccard, shingles, similar_pairs, word_hashes};
use lede::analyze::{duplicates, stories, DedupOptions, StoryOptions};
use lede::Corpus;

#[path = "common/corpora.rs"]
mod corpora;

use corpora::*;

const CHECKED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/near_dups_checked.tsv"
);

/// Pairwise precision and recall of predicted groups against gold groups.
fn pair_scores(pred: &[Vec<usize>], gold: &[Vec<usize>]) -> (f64, f64, usize, usize) {
    let pairs = |groups: &[Vec<usize>]| -> HashSet<(usize, usize)> {
        let mut s = HashSet::new();
        for g in groups {
            for i in 0..g.len() {
                for j in i + 1..g.len() {
                    s.insert((g[i].min(g[j]), g[i].max(g[j])));
                }
            }
        }
        s
    };
    let (p, g) = (pairs(pred), pairs(gold));
    let both = p.intersection(&g).count();
    (
        both as f64 / p.len().max(1) as f64,
        both as f64 / g.len().max(1) as f64,
        p.len(),
        g.len(),
    )
}

fn raw_groups(raws: &[String]) -> Vec<Vec<usize>> {
    let mut by: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in raws.iter().enumerate() {
        by.entry(r.split_whitespace().collect::<Vec<_>>().join(" "))
            .or_default()
            .push(i);
    }
    let mut g: Vec<Vec<usize>> = by.into_values().filter(|g| g.len() > 1).collect();
    g.sort();
    g
}

fn main() {
    let sample = sample_arg();
    let opts = DedupOptions::default();

    // Reuters.
    let reuters = load_reuters(false);
    let mut rc = Corpus::new();
    for (d, _, _) in &reuters {
        rc.add(d.clone());
    }
    let raws: Vec<String> = reuters.iter().map(|(_, r, _)| r.clone()).collect();
    let (t, c) = (Instant::now(), cpu_seconds());
    let rd = duplicates(
        &rc.select(None),
        &DedupOptions {
            paragraphs: false,
            ..opts.clone()
        },
    );
    let r_time = t.elapsed().as_secs_f64();
    let r_cpu = cpu_seconds() - c;
    let gold = raw_groups(&raws);
    let pred: Vec<Vec<usize>> = rd
        .exact
        .iter()
        .map(|g| g.iter().map(|&i| i as usize).collect())
        .collect();
    let (rp, rr, rpn, rgn) = pair_scores(&pred, &gold);
    let near_08: Vec<_> = rd.near.iter().filter(|p| p.jaccard < 1.0).collect();

    if let Some(n) = sample {
        // An even spread over the similarity range.
        let step = (near_08.len() / n.max(1)).max(1);
        for p in near_08.iter().step_by(step).take(n) {
            let (a, b) = (&reuters[p.a as usize].0, &reuters[p.b as usize].0);
            println!("{}\t{}\t{:.3}", a.file, b.file, p.jaccard);
            println!("A: {}", a.text().chars().take(600).collect::<String>());
            println!("B: {}\n", b.text().chars().take(600).collect::<String>());
        }
        return;
    }

    // Hand-checked sample.
    let checked = std::fs::read_to_string(CHECKED).unwrap_or_default();
    let index: HashMap<&str, usize> = reuters
        .iter()
        .enumerate()
        .map(|(i, (d, _, _))| (d.file.as_str(), i))
        .collect();
    let found: HashSet<(usize, usize)> = rd
        .near
        .iter()
        .map(|p| (p.a as usize, p.b as usize))
        .collect();
    let (mut n_checked, mut n_true, mut n_found) = (0, 0, 0);
    for line in checked
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let (Some(&a), Some(&b)) = (index.get(f[0]), index.get(f[1])) else {
            continue;
        };
        n_checked += 1;
        if f[3] == "yes" {
            n_true += 1;
        }
        if found.contains(&(a.min(b), a.max(b))) {
            n_found += 1;
        }
    }

    // BBC.
    let bbc = load_bbc();
    let mut bc = Corpus::new();
    for (d, _) in &bbc {
        bc.add(d.clone());
    }
    let bd = duplicates(
        &bc.select(None),
        &DedupOptions {
            paragraphs: false,
            ..opts.clone()
        },
    );
    let braws: Vec<String> = bbc.iter().map(|(_, r)| r.clone()).collect();
    let bgold = raw_groups(&braws);
    let bpred: Vec<Vec<usize>> = bd
        .exact
        .iter()
        .map(|g| g.iter().map(|&i| i as usize).collect())
        .collect();
    let (bp, br, _, _) = pair_scores(&bpred, &bgold);
    // The join against brute force (recall of the exact join at 0.5).
    let sets: Vec<Vec<u64>> = bbc
        .iter()
        .map(|(d, _)| {
            shingles(
                &d.paragraphs
                    .iter()
                    .flat_map(|p| word_hashes(p))
                    .collect::<Vec<_>>(),
                5,
            )
        })
        .collect();
    let t = Instant::now();
    let joined: HashSet<(usize, usize)> = similar_pairs(&sets, 0.5)
        .iter()
        .map(|p| (p.0, p.1))
        .collect();
    let join_time = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut brute = 0;
    let mut brute_missed = 0;
    for i in 0..sets.len() {
        for j in i + 1..sets.len() {
            if !sets[i].is_empty() && !sets[j].is_empty() && jaccard(&sets[i], &sets[j]) >= 0.5 {
                brute += 1;
                if !joined.contains(&(i, j)) {
                    brute_missed += 1;
                }
            }
        }
    }
    let brute_time = t.elapsed().as_secs_f64();

    // Scale corpus.
    let csv = load_csv();
    let pol = load_polnear();
    let mut all = Corpus::new();
    for d in bbc
        .iter()
        .map(|(d, _)| d)
        .chain(reuters.iter().map(|(d, _, _)| d))
    {
        all.add(d.clone());
    }
    for d in csv.iter().chain(pol.iter()) {
        all.add(d.clone());
    }
    let (t, c) = (Instant::now(), cpu_seconds());
    let ad = duplicates(&all.select(None), &opts);
    let all_dup_time = t.elapsed().as_secs_f64();
    let all_dup_cpu = cpu_seconds() - c;
    let (t, c) = (Instant::now(), cpu_seconds());
    let st = stories(&all.select(None), &StoryOptions::default());
    let story_time = t.elapsed().as_secs_f64();
    let story_cpu = cpu_seconds() - c;
    let in_stories: usize = st.iter().map(|s| s.docs.len()).sum();
    let biggest = st.iter().map(|s| s.docs.len()).max().unwrap_or(0);
    let t = Instant::now();
    let bst = stories(&bc.select(None), &StoryOptions::default());
    let bbc_story_time = t.elapsed().as_secs_f64();

    println!("## Near duplicates and stories\n");
    println!("`cargo run --release --example eval_dedup`. Near duplicates: 5-word shingles, Jaccard ≥ 0.8, exact all-pairs join (prefix filtering) with exact verification.\n");
    println!("| corpus | docs | exact groups (ours) | exact groups (raw text equal) | pairwise P / R of exact groups | near-dup pairs (0.8 ≤ J < 1) | time (wall / CPU) |");
    println!("|---|---|---|---|---|---|---|");
    println!(
        "| Reuters-21578 bodies | {} | {} | {} | {:.3} / {:.3} ({rpn} vs {rgn} pairs) | {} | {:.2} s / {:.2} s |",
        reuters.len(),
        rd.exact.len(),
        gold.len(),
        rp,
        rr,
        near_08.len(),
        r_time,
        r_cpu
    );
    println!(
        "| BBC News | {} | {} | {} | {:.3} / {:.3} | {} | |",
        bbc.len(),
        bd.exact.len(),
        bgold.len(),
        bp,
        br,
        bd.near.len()
    );
    println!("\nOur exact groups compare folded word sequences (case, punctuation and spacing ignored), so they may merge bodies that differ only there; the reference groups compare the raw text with white space normalized (Reuters: the body alone; BBC: the whole file).\n");
    println!(
        "Hand-checked Reuters near-duplicate sample (`tests/data/near_dups_checked.tsv`): {n_checked} pairs, {n_true} judged true near duplicates (precision {:.3}); {n_found} of them are in the output.\n",
        n_true as f64 / n_checked.max(1) as f64
    );
    println!(
        "Recall of the join: on BBC at Jaccard ≥ 0.5, a brute-force scan of all {} pairs ({brute_time:.1} s) finds {brute} pairs; the join ({join_time:.3} s) misses {brute_missed}.\n",
        sets.len() * (sets.len() - 1) / 2
    );
    println!("| scale corpus (BBC + Reuters + NewsArticles CSV + PolNeAR) | value |");
    println!("|---|---|");
    println!("| documents | {} |", all.len());
    println!("| duplicates (documents + paragraphs), time wall / CPU | {all_dup_time:.2} s / {all_dup_cpu:.2} s |");
    println!(
        "| exact groups / near pairs / repeated-paragraph groups | {} / {} / {} |",
        ad.exact.len(),
        ad.near.len(),
        ad.paragraphs.len()
    );
    println!("| stories, time wall / CPU | {story_time:.2} s / {story_cpu:.2} s |");
    println!(
        "| stories / documents in stories / largest story | {} / {in_stories} / {biggest} |",
        st.len()
    );
    println!(
        "| BBC alone: stories / time | {} / {bbc_story_time:.2} s |",
        bst.len()
    );
}
