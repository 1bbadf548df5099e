//! Story quality and run time on real corpora.
//!
//! - Reuters-21578 (headline + body, `<DATE>`): its TOPICS tags are weak
//!   labels. A story's purity is the share of its tagged members carrying
//!   its most common tag; pairwise agreement is the share of member pairs
//!   (both tagged) sharing a tag, against the same share over random
//!   same-week pairs (chance);
//! - BBC News: the topic folder as weak label, in the same way;
//! - the scale corpus (BBC + Reuters + NewsArticles CSV + PolNeAR): the
//!   size distribution and run time.
//!
//! Prints a Markdown section for BENCHMARKS.md. `--sample N` prints N
//! stories of the scale corpus (evenly spread over the size ranking) with
//! their headlines and dates, to check by hand.
//!
//! ```text
//! cargo run --profile eval --example eval_stories [-- --sample 20]
//! ```

use std::collections::HashMap;
use std::time::Instant;

use lede::analyze::{stories, Story, StoryOptions};
use lede::Corpus;

#[path = "common/corpora.rs"]
mod corpora;

use corpora::*;

/// Size distribution: (stories, documents in stories, largest, median,
/// share of stories of 2, 3–5, 6–20, over 20 documents).
struct Sizes {
    n: usize,
    docs: usize,
    largest: usize,
    median: usize,
    buckets: [usize; 4],
}

fn sizes(st: &[Story]) -> Sizes {
    let mut s: Vec<usize> = st.iter().map(|s| s.docs.len()).collect();
    s.sort_unstable();
    let mut buckets = [0; 4];
    for &x in &s {
        buckets[match x {
            2 => 0,
            3..=5 => 1,
            6..=20 => 2,
            _ => 3,
        }] += 1;
    }
    Sizes {
        n: s.len(),
        docs: s.iter().sum(),
        largest: s.last().copied().unwrap_or(0),
        median: s.get(s.len() / 2).copied().unwrap_or(0),
        buckets,
    }
}

fn size_cells(s: &Sizes) -> String {
    format!(
        "{} | {} | {} | {} | {} / {} / {} / {}",
        s.n, s.docs, s.largest, s.median, s.buckets[0], s.buckets[1], s.buckets[2], s.buckets[3]
    )
}

/// (purity, pairwise agreement, pairs) of stories against labels
/// (`labels[doc]`, empty when untagged); only tagged members count.
fn purity(st: &[Story], labels: &[Vec<String>]) -> (f64, f64, usize) {
    let (mut pure, mut tagged, mut agree, mut pairs) = (0usize, 0usize, 0usize, 0usize);
    for s in st {
        let members: Vec<&Vec<String>> = s
            .docs
            .iter()
            .map(|&d| &labels[d as usize])
            .filter(|l| !l.is_empty())
            .collect();
        if members.len() < 2 {
            continue;
        }
        let mut count: HashMap<&str, usize> = HashMap::new();
        for l in &members {
            for t in l.iter() {
                *count.entry(t).or_insert(0) += 1;
            }
        }
        pure += count.values().copied().max().unwrap_or(0);
        tagged += members.len();
        for i in 0..members.len() {
            for j in i + 1..members.len() {
                pairs += 1;
                if members[i].iter().any(|t| members[j].contains(t)) {
                    agree += 1;
                }
            }
        }
    }
    (
        pure as f64 / tagged.max(1) as f64,
        agree as f64 / pairs.max(1) as f64,
        pairs,
    )
}

/// Share of tagged document pairs dated within `days` of each other that
/// share a tag (a deterministic sample): what chance grouping would score.
fn chance(c: &Corpus, labels: &[Vec<String>], days: i64) -> f64 {
    let day = |i: usize| {
        c.get(i as u32)
            .and_then(|d| d.date.clone())
            .and_then(|d| lede::Date::parse(&d))
            .map(lede::Date::to_days)
    };
    let tagged: Vec<usize> = (0..labels.len())
        .filter(|&i| !labels[i].is_empty())
        .collect();
    let (mut agree, mut pairs) = (0usize, 0usize);
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    while pairs < 20_000 && !tagged.is_empty() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let a = tagged[(x % tagged.len() as u64) as usize];
        let b = tagged[((x >> 32) % tagged.len() as u64) as usize];
        if a == b {
            continue;
        }
        match (day(a), day(b)) {
            (Some(p), Some(q)) if (p - q).abs() <= days => {}
            _ => continue,
        }
        pairs += 1;
        if labels[a].iter().any(|t| labels[b].contains(t)) {
            agree += 1;
        }
    }
    agree as f64 / pairs.max(1) as f64
}

/// Threads that join more than one story (or a story and documents
/// standing alone), as groups of documents: (threads, of which joining
/// several stories, largest in documents, the groups).
fn threads(st: &[Story]) -> (usize, usize, usize, Vec<Story>) {
    let mut by: HashMap<u32, Vec<&Story>> = HashMap::new();
    for s in st {
        by.entry(s.thread.doc).or_default().push(s);
    }
    let mut groups = Vec::new();
    let mut several = 0;
    for v in by.values() {
        if v.len() > 1 {
            several += 1;
        }
        if v[0].thread.docs.len() > v[0].docs.len() {
            let mut g = v[0].clone();
            g.docs = g.thread.docs.clone();
            groups.push(g);
        }
    }
    let largest = groups.iter().map(|g| g.docs.len()).max().unwrap_or(0);
    (groups.len(), several, largest, groups)
}

fn timed(c: &Corpus) -> (Vec<Story>, f64, f64) {
    let (t, cpu) = (Instant::now(), cpu_seconds());
    let st = stories(&c.select(None), &StoryOptions::default());
    (st, t.elapsed().as_secs_f64(), cpu_seconds() - cpu)
}

fn main() {
    let sample = sample_arg();

    let reuters = load_reuters(true);
    let mut rc = Corpus::new();
    let mut rlabels = Vec::new();
    for (d, _, t) in &reuters {
        rc.add(d.clone());
        rlabels.push(t.clone());
    }
    let bbc = load_bbc();
    let mut bc = Corpus::new();
    let mut blabels = Vec::new();
    for (d, _) in &bbc {
        bc.add(d.clone());
        let topic = d.file.split('/').nth(1).unwrap_or("").to_string();
        blabels.push(vec![topic]);
    }
    let mut all = Corpus::new();
    for (d, _) in &bbc {
        all.add(d.clone());
    }
    for (d, _, _) in &reuters {
        all.add(d.clone());
    }
    for d in load_csv().into_iter().chain(load_polnear()) {
        all.add(d);
    }

    let (ast, at, acpu) = timed(&all);
    if let Some(n) = sample {
        let step = (ast.len() / n.max(1)).max(1);
        for (k, s) in ast.iter().step_by(step).take(n).enumerate() {
            println!(
                "#{k} rank {} size {} {:?}..{:?} cohesion {:.2} {:?}",
                k * step,
                s.docs.len(),
                s.first_date,
                s.last_date,
                s.cohesion,
                s.terms
            );
            for &d in s.docs.iter().take(8) {
                let doc = all.get(d).unwrap();
                println!(
                    "   {} | {} | {}",
                    doc.date.clone().unwrap_or_default(),
                    doc.file,
                    doc.title.clone().unwrap_or_default()
                );
            }
        }
        return;
    }
    let (t, cpu) = (Instant::now(), cpu_seconds());
    let statements = all.statements(None);
    let (stt, stcpu) = (t.elapsed().as_secs_f64(), cpu_seconds() - cpu);
    let (rst, rt, rcpu) = timed(&rc);
    let (bst, bt, _) = timed(&bc);
    let (rp, ra, rpairs) = purity(&rst, &rlabels);
    let (bp, ba, bpairs) = purity(&bst, &blabels);
    let opts = StoryOptions::default();
    let rchance = chance(&rc, &rlabels, opts.max_days as i64);

    println!("## Stories\n");
    println!("`cargo run --profile eval --example eval_stories`; default `StoryOptions` (threshold {}, {} days, {} signature terms).\n", opts.threshold, opts.max_days, opts.terms);
    println!("| corpus | docs | stories | docs in stories | largest | median | stories of 2 / 3–5 / 6–20 / > 20 | time wall / CPU |");
    println!("|---|---|---|---|---|---|---|---|");
    println!(
        "| Reuters-21578 (headline + body) | {} | {} | {rt:.2} s / {rcpu:.2} s |",
        rc.len(),
        size_cells(&sizes(&rst))
    );
    println!(
        "| BBC News | {} | {} | {bt:.2} s |",
        bc.len(),
        size_cells(&sizes(&bst))
    );
    println!(
        "| scale corpus (BBC + Reuters + NewsArticles CSV + PolNeAR) | {} | {} | {at:.2} s / {acpu:.2} s |",
        all.len(),
        size_cells(&sizes(&ast))
    );
    println!(
        "\nStatements over the whole scale corpus (`Corpus::statements`: more than {} documents, so aligned within each story): {} statements in {stt:.2} s wall / {stcpu:.2} s CPU.",
        lede::MAX_ALIGN_DOCS,
        statements.len()
    );
    println!("\nWeak labels (members without a tag do not count):\n");
    println!("| labels | purity of multi-document stories | member pairs sharing a tag | pairs | chance (random pairs ≤ {} days apart) |", opts.max_days);
    println!("|---|---|---|---|---|");
    println!("| Reuters TOPICS | {rp:.3} | {ra:.3} | {rpairs} | {rchance:.3} |");
    println!("| BBC topic folder | {bp:.3} | {ba:.3} | {bpairs} | 0.2 (5 folders) |");
    println!("\nStoryline threads (`Story::thread`: stories and lone documents of one storyline, links up to {} days apart):\n", lede::analyze::stories::THREAD_DAYS);
    println!("| corpus | threads growing a story | of which joining several stories | largest (documents) | purity | member pairs sharing a tag |");
    println!("|---|---|---|---|---|---|");
    for (name, st, labels) in [
        ("Reuters-21578", &rst, &rlabels),
        ("BBC News", &bst, &blabels),
    ] {
        let (n, several, largest, groups) = threads(st);
        let (p, a, _) = purity(&groups, labels);
        println!("| {name} | {n} | {several} | {largest} | {p:.3} | {a:.3} |");
    }
    let (n, several, largest, _) = threads(&ast);
    println!("| scale corpus | {n} | {several} | {largest} | | |");
    if std::env::var("THREAD_GRID").is_ok() {
        println!("\nThread settings on Reuters (cosine, links kept): threads, several stories, largest, purity, pairs sharing a tag");
        for cos in [0.3, 0.4, 0.5, 0.6] {
            for k in [1, 2, 3] {
                let o = StoryOptions {
                    thread_cosine: cos,
                    thread_links: k,
                    ..StoryOptions::default()
                };
                let st = stories(&rc.select(None), &o);
                let (n, several, largest, groups) = threads(&st);
                let (p, a, _) = purity(&groups, &rlabels);
                println!("| {cos} | {k} | {n} | {several} | {largest} | {p:.3} | {a:.3} |");
            }
        }
    }
}
