//! The flags of the statement trails on one input (default: the ~26k
//! scale corpus, bench-data/scale.jsonl): the time to gather them once
//! (`Corpus::flags`: the whole corpus aligned, within stories), a search
//! after that (the Flags facet and `flag:` read the kept list), the same
//! from a corpus file's stored `flags.json`, and the cost they add to a
//! save of the tab (a lean segment of the first 4,000 documents).
//! Prints a Markdown section for BENCHMARKS.md.
//!
//! usage: flags_bench [INPUT.jsonl]

use std::io::{BufRead, Write};
use std::time::Instant;

use lede::analyze::FlagKind;
use lede::corpus_file::{CorpusFile, MemorySource, Opened, Step};
use lede::{Corpus, SearchOptions};

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn p50(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Queries without a flag filter (the facet's cost) and with one.
const PLAIN: &[&str] = &[
    "minister",
    "said",
    "government talks",
    "\"prime minister\"",
    "market*",
    "oil -price",
];
const FLAGGED: &[&str] = &[
    "flag:quote-differs",
    "flag:attribution-differs",
    "flag:unattributed",
    "minister flag:quote-differs",
];

/// p50 of 3 rounds of `queries`, 20 hits with snippets and facets.
fn search_p50(
    queries: &[&str],
    facets: bool,
    mut search: impl FnMut(&str, &SearchOptions) -> lede::SearchResults,
) -> f64 {
    let opts = SearchOptions {
        limit: 20,
        facets,
        ..SearchOptions::default()
    };
    let mut t = Vec::new();
    for _ in 0..3 {
        for q in queries {
            let at = Instant::now();
            search(q, &opts);
            t.push(ms(at));
        }
    }
    p50(t)
}

fn file_of(bytes: Vec<u8>) -> CorpusFile<MemorySource> {
    let len = bytes.len() as u64;
    match CorpusFile::open(MemorySource::whole(bytes), len).expect("opens") {
        Opened::Ready(f) => *f,
        Opened::Need(..) => panic!("whole"),
    }
}

fn done<T>(s: lede::Result<Step<T>>) -> T {
    match s.expect("reads") {
        Step::Done(v) => v,
        Step::Need(_) => panic!("whole"),
    }
}

fn main() {
    let input = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "bench-data/scale.jsonl".into());
    let t = Instant::now();
    let mut corpus = Corpus::new();
    if std::env::var("FLAGS_BENCH_PART_ONLY").is_err() {
        corpus
            .import_paths(&[&input])
            .expect("the input is readable");
    }
    let import_s = ms(t) / 1000.0;
    let n = corpus.len();

    // Facets before the flags are known (a corpus over 400 documents
    // does not align for a search that does not ask).
    let before = search_p50(PLAIN, true, |q, o| corpus.search(q, o));
    let before_bare = search_p50(PLAIN, false, |q, o| corpus.search(q, o));
    let t = Instant::now();
    let counts: Vec<(FlagKind, usize)> = FlagKind::ALL
        .iter()
        .map(|&k| (k, corpus.flags().docs(k).len()))
        .collect();
    let gather_s = ms(t) / 1000.0;
    let notes = corpus.flags().notes.len();
    let t = Instant::now();
    for _ in 0..1000 {
        std::hint::black_box(corpus.flags());
    }
    let again_us = ms(t);
    let after = search_p50(PLAIN, true, |q, o| corpus.search(q, o));
    // The Flags facet's own work per query (what `query::search` adds
    // once the flags are known): each kind's documents, then each match
    // looked up in them.
    let matches: Vec<Vec<lede::DocId>> = PLAIN.iter().map(|q| corpus.matching(q)).collect();
    let t = Instant::now();
    let mut counted = 0;
    for _ in 0..100 {
        for m in &matches {
            for k in FlagKind::ALL {
                let docs = corpus.flags().docs(k);
                counted += m.iter().filter(|d| docs.binary_search(d).is_ok()).count();
            }
        }
    }
    std::hint::black_box(counted);
    let facet_only = ms(t) / (100 * PLAIN.len()) as f64;
    let mean_matches = matches.iter().map(Vec::len).sum::<usize>() / matches.len();
    let after_bare = search_p50(PLAIN, false, |q, o| corpus.search(q, o));
    let filtered = search_p50(FLAGGED, true, |q, o| corpus.search(q, o));

    let t = Instant::now();
    let mut bytes = Vec::new();
    lede::corpus_file::write(&mut corpus, &mut bytes).expect("written");
    let write_s = ms(t) / 1000.0;
    let member = serde_json::to_vec(corpus.flags()).expect("json").len();
    let file_len = bytes.len();
    let mut file = file_of(bytes);
    assert_eq!(file.flags(), Some(corpus.flags()));
    let file_plain = search_p50(PLAIN, true, |q, o| done(file.search(q, o)));
    let file_flagged = search_p50(FLAGGED, true, |q, o| done(file.search(q, o)));

    // A save of the tab: the first 4,000 records as a lean segment.
    let tmp = std::env::temp_dir().join(format!("flags-bench-{}.jsonl", std::process::id()));
    {
        let f = std::fs::File::open(&input).expect("input");
        let mut out = std::fs::File::create(&tmp).expect("tmp");
        for line in std::io::BufReader::new(f).lines().take(4000) {
            writeln!(out, "{}", line.expect("line")).expect("write");
        }
    }
    let mut part = Corpus::new();
    part.import_paths(&[&tmp]).expect("part");
    let _ = std::fs::remove_file(&tmp);
    let t = Instant::now();
    let seg = lede::corpus_file::own::segment_bytes(&mut part).expect("segment");
    let save_s = ms(t) / 1000.0;
    let t = Instant::now();
    part.flags();
    let part_flags_s = ms(t) / 1000.0;
    let seg_kb = seg.len() / 1024;
    let mut lean = file_of(seg);
    assert!(lean.flags().is_none());
    let t = Instant::now();
    let r = done(lean.search("flag:quote-differs", &SearchOptions::default()));
    let first_flag_s = ms(t) / 1000.0;
    // What the segment gathers against what the corpus in memory has.
    let differ = {
        let a = &part.flags().notes;
        let b = &lean.flags().expect("gathered").notes;
        a.iter().filter(|n| !b.contains(n)).count() + b.iter().filter(|n| !a.contains(n)).count()
    };

    println!("## Flags (issue 14, item 2)\n");
    println!(
        "`cargo run --profile eval --example flags_bench -- bench-data/scale.jsonl`: native (eval profile), this shared 2-core machine under other agents' load, 2026-12-04. \
         Corpus: {n} documents ({import_s:.0} s to import). Searches: 20 hits with snippets and facets, p50 of 3 rounds.\n"
    );
    println!("| step | time |\n|---|---|");
    println!(
        "| gather the flags once (`Corpus::flags`: every statement of the corpus aligned within its stories, their trails read) | {gather_s:.1} s |"
    );
    println!(
        "| asked again (kept until a document comes or goes), 1000 times | {again_us:.3} ms |"
    );
    println!(
        "| search in memory, {} queries without `flag:`, before the flags are known: facets / no facets | {before:.2} ms / {before_bare:.2} ms |",
        PLAIN.len()
    );
    println!(
        "| the same once they are known (facets with Flags) / no facets | {after:.2} ms / {after_bare:.2} ms |"
    );
    println!(
        "| of which the Flags facet's own work (3 kinds' lists, {mean_matches} matches a query on average looked up) | {facet_only:.3} ms |"
    );
    println!(
        "| search in memory, {} `flag:` queries (flags kept) | {filtered:.2} ms |",
        FLAGGED.len()
    );
    println!(
        "| the same from the corpus file (`flags.json`, read at open): without / with `flag:` | {file_plain:.2} ms / {file_flagged:.2} ms |"
    );
    println!("| write the corpus file (views and flags share one alignment) | {write_s:.1} s |");
    println!(
        "| the tab's lean save of the first 4,000 records ({} documents, {seg_kb} KB), flags not stored (over 400 documents) | {save_s:.1} s |",
        part.len()
    );
    println!(
        "| gathering its flags, what storing them would add to that save | {part_flags_s:.1} s |"
    );
    println!(
        "| its first `flag:` search, which gathers them (every document read and aligned; {} hits; {differ} of {} flags differ from the corpus's in memory) | {first_flag_s:.1} s |",
        r.total,
        part.flags().notes.len()
    );
    println!();
    let kinds: Vec<String> = counts
        .iter()
        .map(|(k, c)| format!("{} {c}", k.name()))
        .collect();
    println!(
        "Flagged documents: {} ({notes} flags; `flags.json` {} KB, {:.2}% of the file).",
        kinds.join(", "),
        member / 1024,
        member as f64 * 100.0 / file_len as f64
    );
}
