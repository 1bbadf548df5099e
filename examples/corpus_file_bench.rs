//! The corpus file against the corpus in memory, on one input (default:
//! the ~26k-record scale corpus, bench-data/scale.jsonl): build speed and
//! size, the time and bytes of opening, and for 200 queries whether the
//! top 10 are the same, the time of each (p50, p90) and the bytes it reads.
//! Prints a Markdown section for BENCHMARKS.md (`make bench`).
//!
//! usage: corpus_file_bench [INPUT...]
//!        corpus_file_bench --page FILE.lede SOURCE.jsonl
//!
//! `--page` plays the page's calls on a built file natively (what the
//! worker does in the tab: every segment a shard, ranges asked for in
//! rounds, read coalesced and supplied, released once a call is done):
//! the document list, then per query the search (20 hits, snippets and
//! facets) and the scope (`matching`), cold and again, 50 documents and
//! their annotations; time, bytes, reads and rounds of each, and the heap
//! the readers hold (a counting allocator).

use std::cell::Cell;
use std::path::PathBuf;
use std::time::Instant;

use lede::corpus_file::{CorpusFile, FileSource, Opened, Read, Source, Step};
use lede::{Corpus, SearchOptions};

/// A file source that counts what it reads.
struct Counting {
    inner: FileSource,
    bytes: Cell<u64>,
    reads: Cell<u64>,
}

impl Source for Counting {
    fn read(&self, offset: u64, len: u64) -> Read {
        self.bytes.set(self.bytes.get() + len);
        self.reads.set(self.reads.get() + 1);
        self.inner.read(offset, len)
    }
}

fn done<T>(s: lede::Result<Step<T>>) -> T {
    match s.expect("reads") {
        Step::Done(v) => v,
        Step::Need(_) => panic!("a file source never needs more"),
    }
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

/// 200 queries from the corpus's own titles: single words, pairs,
/// phrases, prefixes, typos, exclusions and filters, picked at a fixed
/// stride (the same queries on every run).
fn queries(corpus: &Corpus) -> Vec<String> {
    let titles: Vec<Vec<String>> = corpus
        .iter()
        .filter_map(|(_, d)| d.title.clone())
        .map(|t| {
            t.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() >= 4)
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .filter(|w| w.len() >= 2)
        .collect();
    let step = (titles.len() / 200).max(1);
    let mut out = Vec::new();
    for (i, w) in titles.iter().step_by(step).take(200).enumerate() {
        let q = match i % 8 {
            0 => w[0].clone(),
            1 => format!("{} {}", w[0], w[1]),
            2 => format!("\"{} {}\"", w[0], w[1]),
            3 => format!("{}*", &w[0][..w[0].len().min(4)]),
            4 => {
                // A typo: the second and third letters swapped.
                let mut c: Vec<char> = w[0].chars().collect();
                c.swap(1, 2);
                c.into_iter().collect()
            }
            5 => format!("{} -{}", w[0], w[1]),
            6 => format!("{} OR {}", w[0], w[1]),
            _ => format!("{} date:2000..2030", w[1]),
        };
        out.push(q);
    }
    out
}

fn main() {
    // As `lede build` runs.
    lede::without_huge_pages();
    if std::env::args().nth(1).as_deref() == Some("--page") {
        let a: Vec<String> = std::env::args().skip(2).collect();
        page::run(&a[0], &a[1]);
        return;
    }
    let args: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let inputs = if args.is_empty() {
        vec![PathBuf::from("bench-data/scale.jsonl")]
    } else {
        args
    };
    fn size(p: &std::path::Path) -> u64 {
        match std::fs::read_dir(p) {
            Ok(dir) => dir.flatten().map(|e| size(&e.path())).sum(),
            Err(_) => std::fs::metadata(p).map_or(0, |m| m.len()),
        }
    }
    let raw: u64 = inputs.iter().map(|p| size(p)).sum();
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let out = PathBuf::from(target).join("bench-corpus.lede");

    let t = Instant::now();
    let mut corpus = Corpus::new();
    let report = corpus.import_paths(&inputs).expect("the input is readable");
    let import_s = t.elapsed().as_secs_f64();
    let text: u64 = corpus.iter().map(|(_, d)| d.source.len() as u64).sum();
    let t = Instant::now();
    let f = std::fs::File::create(&out).expect("the output is writable");
    let stats = lede::corpus_file::write(&mut corpus, std::io::BufWriter::new(f)).expect("written");
    let write_s = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let (inner, len) = FileSource::open(&out).expect("opens");
    let source = Counting {
        inner,
        bytes: Cell::new(0),
        reads: Cell::new(0),
    };
    let mut file = match CorpusFile::open(source, len).expect("opens") {
        Opened::Ready(f) => *f,
        Opened::Need(..) => panic!("a file source never needs more"),
    };
    let open_ms = t.elapsed().as_secs_f64() * 1000.0;
    let open_bytes = file.source_mut().bytes.get();

    let opts = SearchOptions {
        limit: 10,
        ..SearchOptions::default()
    };
    let qs = queries(&corpus);
    let (mut same, mut t_mem, mut t_cold, mut t_warm, mut bytes) =
        (0, vec![], vec![], vec![], vec![]);
    let mut differ = Vec::new();
    for q in &qs {
        let t = Instant::now();
        let a = corpus.search(q, &opts);
        t_mem.push(t.elapsed().as_secs_f64() * 1000.0);
        let before = file.source_mut().bytes.get();
        let t = Instant::now();
        let b = done(file.search(q, &opts));
        t_cold.push(t.elapsed().as_secs_f64() * 1000.0);
        bytes.push((file.source_mut().bytes.get() - before) as f64);
        if std::env::var_os("LEDE_BENCH_VERBOSE").is_some() {
            eprintln!("{q}: {} bytes", file.source_mut().bytes.get() - before);
        }
        let t = Instant::now();
        let _ = done(file.search(q, &opts));
        t_warm.push(t.elapsed().as_secs_f64() * 1000.0);
        let ids = |r: &lede::SearchResults| r.hits.iter().map(|h| h.id).collect::<Vec<_>>();
        if ids(&a) == ids(&b) && a.total == b.total {
            same += 1;
        } else {
            differ.push(q.clone());
        }
    }
    let mb = |b: f64| b / 1e6;
    println!("## The corpus file (issue 12): build, open, same answers, bytes per query\n");
    println!(
        "`cargo run --profile eval --example corpus_file_bench` on {} ({} documents; {} duplicates and {} errors left out), this machine ({} cores).\n",
        inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "),
        stats.docs,
        report.duplicates.len(),
        report.errors.len(),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
    );
    println!("| figure | value |\n|---|---|");
    println!(
        "| input | {:.1} MB on disk, {:.1} MB of article text |",
        mb(raw as f64),
        mb(text as f64)
    );
    println!("| import (parse + extract on every core + index) | {import_s:.1} s ({:.1} MB/s of input) |", mb(raw as f64) / import_s);
    println!("| write the .lede (views, blocks, dictionary) | {write_s:.1} s |");
    println!(
        "| build in all | {:.1} s, {:.2} MB/s |",
        import_s + write_s,
        mb(raw as f64) / (import_s + write_s)
    );
    println!("| file | {:.1} MB = {:.2}× the input, {:.2}× the article text; {} members, {} dictionary chunks, {} terms |",
        mb(stats.file_bytes as f64), stats.file_bytes as f64 / raw as f64, stats.file_bytes as f64 / text as f64, stats.members, stats.dict_chunks, stats.terms);
    println!(
        "| open (native, cold page cache not forced) | {open_ms:.1} ms, {:.0} KB read |",
        open_bytes as f64 / 1e3
    );
    println!(
        "| top 10 and total identical, --index vs --corpus | {same} of {} queries |",
        qs.len()
    );
    println!(
        "| query p50 / p90, corpus in memory | {:.2} / {:.2} ms |",
        percentile(&mut t_mem.clone(), 0.5),
        percentile(&mut t_mem, 0.9)
    );
    println!(
        "| query p50 / p90, file, first run (reads) | {:.2} / {:.2} ms |",
        percentile(&mut t_cold.clone(), 0.5),
        percentile(&mut t_cold, 0.9)
    );
    println!(
        "| query p50 / p90, file, run again (warm) | {:.2} / {:.2} ms |",
        percentile(&mut t_warm.clone(), 0.5),
        percentile(&mut t_warm, 0.9)
    );
    println!("| bytes read per query p50 / p90 / max (10 hits with snippets) | {:.0} / {:.0} / {:.0} KB |",
        percentile(&mut bytes.clone(), 0.5) / 1e3, percentile(&mut bytes.clone(), 0.9) / 1e3, percentile(&mut bytes, 1.0) / 1e3);
    println!(
        "| partial index after the queries | {:.1} MB |",
        mb(file.loaded_bytes() as f64)
    );
    if !differ.is_empty() {
        println!("\nQueries whose answers differ: {}", differ.join(" · "));
    }
    segments(&inputs, text, &corpus, &qs, &opts);
}

/// The same input built by the streaming build into four segments, read
/// as one (global BM25): build time, size, same answers, query time.
fn segments(inputs: &[PathBuf], text: u64, corpus: &Corpus, qs: &[String], opts: &SearchOptions) {
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let out = PathBuf::from(target).join("bench-corpus-segments.lede");
    let t = Instant::now();
    let f = std::fs::File::create(&out).expect("the output is writable");
    let mut w = lede::corpus_file::Writer::new(std::io::BufWriter::new(f));
    let seg = (text as usize / 4).max(1);
    let built =
        lede::corpus_file::build::build(&mut w, inputs, seg, Default::default()).expect("built");
    let stats = w.finish().expect("written");
    let build_s = t.elapsed().as_secs_f64();
    let first = match CorpusFile::open(
        FileSource::open(&out).expect("opens").0,
        std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0),
    )
    .expect("opens")
    {
        Opened::Ready(f) => *f,
        Opened::Need(..) => panic!("a file source never needs more"),
    };
    let mut shards = lede::corpus_file::Shards::new();
    let prefixes = first.segments();
    let members = first.members_shared();
    shards.push(first);
    for p in prefixes {
        let source = FileSource::open(&out).expect("opens").0;
        match CorpusFile::open_segment(source, members.clone(), p).expect("opens") {
            Opened::Ready(f) => shards.push(*f),
            Opened::Need(..) => panic!("a file source never needs more"),
        }
    }
    let (mut same, mut times) = (0, Vec::new());
    for q in qs {
        let a = corpus.search(q, opts);
        let t = Instant::now();
        let b = match shards.search(None, q, opts).expect("reads") {
            lede::corpus_file::ShardStep::Done(r) => r,
            lede::corpus_file::ShardStep::Need(_) => panic!("a file source never needs more"),
        };
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        let key = |r: &lede::SearchResults| {
            r.hits
                .iter()
                .map(|h| (h.file.clone(), (h.score * 1e3).round() as i64))
                .collect::<Vec<_>>()
        };
        if key(&a) == key(&b) && a.total == b.total {
            same += 1;
        }
    }
    println!(
        "\n### The same input as {} segments (streaming build, searched as one)\n",
        stats.segments
    );
    println!("| figure | value |\n|---|---|");
    println!(
        "| streaming build, a segment per {:.1} MB of text | {build_s:.1} s (the builder adding batches {:.1} s and writing segments {:.1} s while a thread read, parsed and extracted) |",
        seg as f64 / 1e6,
        built.import_seconds,
        built.write_seconds
    );
    println!(
        "| file | {:.1} MB = {:.2}× the article text, {} documents |",
        stats.file_bytes as f64 / 1e6,
        stats.file_bytes as f64 / text as f64,
        stats.docs
    );
    println!(
        "| top 10 (file and score) and total identical to one index in memory | {same} of {} queries |",
        qs.len()
    );
    println!(
        "| query p50 / p90, first run (reads every segment's words) | {:.2} / {:.2} ms |",
        percentile(&mut times.clone(), 0.5),
        percentile(&mut times, 0.9)
    );
}

/// The page's calls, played natively (see the module docs).
mod page {
    use std::alloc::{GlobalAlloc, Layout};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Instant;

    use lede::corpus_file::{
        CorpusFile, FileSource, MemorySource, Opened, Read, ShardStep, Shards, Source,
    };
    use lede::SearchOptions;

    /// Counts the bytes asked for, over the CLI's allocator (mimalloc, huge
    /// pages off: `main`), so that the build is timed as `lede build` runs.
    struct Counting;
    const INNER: mimalloc::MiMalloc = mimalloc::MiMalloc;
    static HEAP: AtomicUsize = AtomicUsize::new(0);
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, l: Layout) -> *mut u8 {
            HEAP.fetch_add(l.size(), Ordering::Relaxed);
            INNER.alloc(l)
        }
        unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
            HEAP.fetch_sub(l.size(), Ordering::Relaxed);
            INNER.dealloc(p, l)
        }
        unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
            HEAP.fetch_add(n, Ordering::Relaxed);
            HEAP.fetch_sub(l.size(), Ordering::Relaxed);
            INNER.realloc(p, l, n)
        }
    }
    #[global_allocator]
    static A: Counting = Counting;

    fn heap_mb() -> f64 {
        HEAP.load(Ordering::Relaxed) as f64 / 1048576.0
    }

    /// The worker's `coalesce`: sorted, merged when less than 4 KB apart.
    fn coalesce(mut r: Vec<(u64, u64)>) -> Vec<(u64, u64)> {
        r.sort_unstable();
        let mut out: Vec<(u64, u64)> = Vec::new();
        for (o, l) in r {
            match out.last_mut() {
                Some(last) if o <= last.0 + last.1 + 4096 => last.1 = last.1.max(o + l - last.0),
                _ => out.push((o, l)),
            }
        }
        out
    }

    struct Page {
        /// Member ranges `(start, end, kind)`, sorted, to say what a read is.
        kinds: Vec<(u64, u64, String)>,
        /// Bytes read per kind of member.
        by_kind: std::collections::BTreeMap<String, u64>,
        disk: FileSource,
        shards: Shards<MemorySource>,
        bytes: u64,
        reads: u64,
        rounds: u64,
    }

    impl Page {
        fn read(&mut self, o: u64, l: u64) -> Vec<u8> {
            self.bytes += l;
            self.reads += 1;
            let i = self.kinds.partition_point(|k| k.1 <= o);
            let kind = self.kinds.get(i).map_or("?", |k| k.2.as_str()).to_string();
            *self.by_kind.entry(kind).or_insert(0) += l;
            match self.disk.read(o, l) {
                Read::Bytes(b) => b,
                _ => panic!("the file reads"),
            }
        }

        fn call<T>(
            &mut self,
            mut f: impl FnMut(&mut Shards<MemorySource>) -> lede::Result<ShardStep<T>>,
        ) -> T {
            loop {
                match f(&mut self.shards).expect("answers") {
                    ShardStep::Done(v) => {
                        for i in 0..self.shards.len() {
                            if let Some(f) = self.shards.file_mut(i) {
                                f.source_mut().release();
                            }
                        }
                        return v;
                    }
                    ShardStep::Need(needs) => {
                        self.rounds += 1;
                        for (shard, ranges) in needs {
                            for (o, l) in coalesce(ranges) {
                                let b = self.read(o, l);
                                if let Some(f) = self.shards.file_mut(shard) {
                                    f.source_mut().supply(o, b);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    fn opened(
        p: &mut Page,
        mut open: impl FnMut(MemorySource) -> lede::Result<Opened<MemorySource>>,
    ) -> CorpusFile<MemorySource> {
        let mut source = MemorySource::default();
        loop {
            match open(source).expect("opens") {
                Opened::Ready(mut f) => {
                    f.source_mut().release();
                    return *f;
                }
                Opened::Need(mut s, ranges) => {
                    for (o, l) in coalesce(ranges) {
                        let b = p.read(o, l);
                        s.supply(o, b);
                    }
                    source = s;
                }
            }
        }
    }

    fn pct(v: &[f64], p: f64) -> f64 {
        let mut v = v.to_vec();
        v.sort_by(|a, b| a.total_cmp(b));
        v[((v.len() as f64 - 1.0) * p).round() as usize]
    }

    /// One-word queries from the titles, every 250th record (as
    /// bench/corpusfile-page.mjs picks them).
    fn words(source: &str) -> Vec<String> {
        use std::io::BufRead;
        let f = std::io::BufReader::new(std::fs::File::open(source).expect("the source reads"));
        let mut out: Vec<String> = Vec::new();
        for line in f.lines().step_by(250).take(20_000) {
            let Ok(line) = line else { break };
            let v: serde_json::Value = serde_json::from_str(&line).unwrap_or_default();
            let t = v.get("title").and_then(|t| t.as_str()).unwrap_or("");
            if let Some(w) = t
                .split(|c: char| !c.is_alphabetic())
                .find(|x| x.chars().count() >= 6 && !out.contains(&x.to_lowercase()))
            {
                out.push(w.to_lowercase());
            }
            if out.len() == 100 {
                break;
            }
        }
        out
    }

    pub fn run(file: &str, source: &str) {
        let path = std::path::Path::new(file);
        let (disk, len) = FileSource::open(path).expect("opens");
        let mut p = Page {
            kinds: Vec::new(),
            by_kind: Default::default(),
            disk,
            shards: Shards::new(),
            bytes: 0,
            reads: 0,
            rounds: 0,
        };
        let h0 = heap_mb();
        let t = Instant::now();
        let first = opened(&mut p, |s| CorpusFile::open(s, len));
        let (members, rest) = (first.members_shared(), first.segments());
        p.kinds = first
            .members()
            .iter()
            .map(|m| {
                let (o, l) = m.range();
                let name = m
                    .name
                    .split_once('/')
                    .filter(|(a, _)| a.starts_with("seg"))
                    .map_or(m.name.as_str(), |x| x.1);
                (o, o + l, name.split('/').next().unwrap_or("").to_string())
            })
            .collect();
        p.shards.push(first);
        for prefix in rest {
            let f = opened(&mut p, |s| {
                CorpusFile::open_segment(s, members.clone(), prefix.clone())
            });
            p.shards.push(f);
        }
        println!(
            "open: {} segments, {:.0} ms, {:.0} KB in {} reads; heap {:.1} MB",
            p.shards.len(),
            t.elapsed().as_secs_f64() * 1e3,
            p.bytes as f64 / 1024.0,
            p.reads,
            heap_mb() - h0
        );
        let measure = |p: &mut Page, what: &str, f: &mut dyn FnMut(&mut Page) -> String| {
            let (b, r, n) = (p.bytes, p.reads, p.rounds);
            let t = Instant::now();
            let said = f(p);
            let ms = t.elapsed().as_secs_f64() * 1e3;
            if std::env::var_os("LEDE_BENCH_VERBOSE").is_some() {
                println!(
                    "  by kind: {:?}",
                    p.by_kind
                        .iter()
                        .map(|(k, v)| format!("{k} {:.0}K", *v as f64 / 1024.0))
                        .collect::<Vec<_>>()
                );
                p.by_kind.clear();
                println!(
                    "{what}: {ms:.1} ms, {:.0} KB, {} reads, {} rounds {said}",
                    (p.bytes - b) as f64 / 1024.0,
                    p.reads - r,
                    p.rounds - n
                );
            }
            (ms, (p.bytes - b) as f64 / 1024.0)
        };
        let (ms, kb) = measure(&mut p, "list", &mut |p| {
            let v = p.call(|s| s.list_pages(&[], None));
            format!("{} pages", v.len())
        });
        println!(
            "list: {ms:.0} ms, {kb:.0} KB; heap {:.1} MB",
            heap_mb() - h0
        );
        let ws = words(source);
        // The page's first screen of a corpus file (www/search.js FILE_LIMIT).
        let opts = SearchOptions {
            limit: 20,
            ..SearchOptions::default()
        };
        let mut ids = Vec::new();
        for pass in ["cold", "warm"] {
            let (mut st, mut sb, mut mt, mut mbs) = (vec![], vec![], vec![], vec![]);
            for w in &ws {
                let (ms, kb) = measure(&mut p, &format!("search {w}"), &mut |p| {
                    let r = p.call(|s| s.search(None, w, &opts));
                    if let Some(h) = r.hits.first() {
                        ids.push(h.id);
                    }
                    format!("{} of {}", r.hits.len(), r.total)
                });
                st.push(ms);
                sb.push(kb);
                let (ms, kb) = measure(&mut p, &format!("matching {w}"), &mut |p| {
                    format!("{}", p.call(|s| s.matching(None, w)).len())
                });
                mt.push(ms);
                mbs.push(kb);
            }
            println!(
                "{pass}: search p50/p90 {:.1}/{:.1} ms, {:.0}/{:.0} KB; matching p50/p90 {:.1}/{:.1} ms, {:.0}/{:.0} KB; first search {:.0} ms {:.0} KB; heap {:.1} MB",
                pct(&st, 0.5), pct(&st, 0.9), pct(&sb, 0.5), pct(&sb, 0.9),
                pct(&mt, 0.5), pct(&mt, 0.9), pct(&mbs, 0.5), pct(&mbs, 0.9),
                st[0], sb[0], heap_mb() - h0
            );
        }
        let mut dt = Vec::new();
        for &id in ids.iter().take(50) {
            let (ms, _) = measure(&mut p, &format!("document {id}"), &mut |p| {
                let _ = p.call(|s| s.document(id, None));
                let _ = p.call(|s| s.annotations(id, None));
                String::new()
            });
            dt.push(ms);
        }
        let files = p.shards.files();
        println!(
            "readers hold: index {:.1} MB, {} documents",
            files.iter().map(|f| f.loaded_bytes()).sum::<usize>() as f64 / 1048576.0,
            files.iter().map(|f| f.cached_docs()).sum::<usize>()
        );
        println!(
            "50 documents: p50 {:.1} ms; heap {:.1} MB; {:.1} MB read in all in {} reads, {} rounds",
            pct(&dt, 0.5),
            heap_mb() - h0,
            p.bytes as f64 / 1048576.0,
            p.reads,
            p.rounds
        );
    }
}
