//! Search benchmarks on the BBC corpus (2,225 articles): index build and
//! a query mix (single words, pairs, phrases, prefixes, typos, filters).
//!
//! `cargo bench --bench search` (needs `../shared/corpora/bbc`).

use criterion::{criterion_group, criterion_main, Criterion};
use lede::{Corpus, Document, SearchOptions};

#[path = "../tests/common/mod.rs"]
mod common;

/// Every BBC article (fails naming the path when the corpus is missing).
fn load_docs() -> Vec<Document> {
    let mut out = Vec::new();
    for topic in ["business", "entertainment", "politics", "sport", "tech"] {
        for p in common::corpus_files(&format!("bbc/{topic}")) {
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            if let Ok(d) = lede::doc::parse_text(&p.to_string_lossy(), &bytes) {
                out.push(d);
            }
        }
    }
    out
}

const QUERIES: &[&str] = &[
    "profit",
    "election",
    "blair brown",
    "mobile phone",
    "\"interest rates\"",
    "\"world cup\"",
    "chelse*",
    "broadband OR internet",
    "football -chelsea",
    "goverment",
    "Radcliffe comeback",
    "title:oil",
    "(labour OR tory) election",
    "music~",
];

fn bench(c: &mut Criterion) {
    let docs = load_docs();
    let mut g = c.benchmark_group("bbc");
    g.sample_size(10);
    g.bench_function("index_build", |b| {
        b.iter(|| {
            let mut corpus = Corpus::new();
            for d in &docs {
                corpus.add(d.clone());
            }
            corpus
        })
    });
    let mut corpus = Corpus::new();
    for d in &docs {
        corpus.add(d.clone());
    }
    let _ = corpus.search("warmup*", &SearchOptions::default());
    drop(g);
    let mut g = c.benchmark_group("bbc_query");
    let bare = SearchOptions {
        snippets: false,
        facets: false,
        ..SearchOptions::default()
    };
    let full = SearchOptions::default();
    g.bench_function("mix_no_snippets", |b| {
        b.iter(|| {
            for q in QUERIES {
                std::hint::black_box(corpus.search(q, &bare));
            }
        })
    });
    g.bench_function("mix_snippets_facets", |b| {
        b.iter(|| {
            for q in QUERIES {
                std::hint::black_box(corpus.search(q, &full));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
