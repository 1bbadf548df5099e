//! What each fuzz target checks, in one place: the cargo-fuzz targets
//! (`fuzz_targets/*.rs`) and the stable smoke run (`examples/fuzz_smoke.rs`,
//! `make fuzz-smoke`) both include this file, so `cargo check
//! --all-targets` compiles it and the two cannot drift apart. Every
//! function takes arbitrary bytes and panics only on a bug.

#![allow(dead_code)]

use lede::{Corpus, SearchOptions};

/// The importers: `lede::doc::parse_file` under `name` (its extension
/// picks the parser; none means content sniffing) returns at least one
/// item and never panics.
pub fn parse(name: &str, data: &[u8]) {
    let items = lede::doc::parse_file(name, data);
    assert!(!items.is_empty(), "no item for {name}");
}

/// The extractors: `lede::extract::extract` on the (lossily decoded)
/// text; every quote and entity span lies inside the text, on character
/// boundaries.
pub fn extract(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let ex = lede::extract::extract(&text);
    let inside = |s: usize, e: usize| s <= e && text.get(s..e).is_some();
    for q in &ex.quotes {
        assert!(inside(q.start, q.end), "quote {}..{}", q.start, q.end);
    }
    for m in &ex.entities {
        assert!(inside(m.start, m.end), "entity {}..{}", m.start, m.end);
    }
}

/// The query language, parsed, planned and run: `Corpus::search` (with
/// snippets and facets) and `Corpus::matching` over the seeds.
pub fn query(data: &[u8]) {
    thread_local! {
        static SEEDS: Corpus = Corpus::with_seeds();
    }
    let q = String::from_utf8_lossy(data);
    SEEDS.with(|c| {
        let opts = SearchOptions::default();
        let r = c.search(&q, &opts);
        assert!(
            r.hits.len() <= r.total,
            "{} hits of {}",
            r.hits.len(),
            r.total
        );
        assert!(r.hits.iter().all(|h| c.get(h.id).is_some()));
        let ids = c.matching(&q);
        assert!(ids.iter().all(|&id| c.get(id).is_some()));
    });
}

/// Snapshot restore: bytes that come back from storage are input too.
/// `data` is tried as it is, and as edits to a valid snapshot (the seeds'
/// documents section, uncompressed, with every three bytes of `data`
/// setting one byte: two of position, one of value), so that damage deep
/// inside the documents is reached, not only the header and checksum. A
/// corpus that restores must answer every view and snapshot again.
pub fn restore(data: &[u8]) {
    if let Ok(c) = Corpus::restore(data) {
        exercise(&c);
    }
    let snapshot = SEED_SECTION.with(|(section, index)| {
        let mut section = section.clone();
        if !section.is_empty() {
            for edit in data.chunks_exact(3) {
                let at = usize::from(u16::from_le_bytes([edit[0], edit[1]])) % section.len();
                section[at] = edit[2];
            }
        }
        uncompressed_snapshot(&section, index)
    });
    if let Ok(c) = Corpus::restore(&snapshot) {
        exercise(&c);
    }
}

thread_local! {
    /// The seeds' documents section (inflated) and index bytes.
    static SEED_SECTION: (Vec<u8>, Vec<u8>) = seed_section();
}

/// Bytes before the documents section of a version 3 snapshot: magic,
/// version, flags, section length, stored length (see `src/snapshot.rs`).
const HEADER: usize = 32;

/// The seeds' documents section, inflated, and their index bytes.
pub fn seed_section() -> (Vec<u8>, Vec<u8>) {
    let c = Corpus::with_seeds();
    let snap = c.snapshot();
    let stored = snap
        .get(24..32)
        .and_then(|b| b.try_into().ok())
        .map(u64::from_le_bytes)
        .and_then(|n| usize::try_from(n).ok())
        .expect("a version 3 header");
    let body = &snap[HEADER..HEADER + stored];
    let section = miniz_oxide::inflate::decompress_to_vec_zlib(body).expect("a deflated section");
    let index = snap[HEADER + stored..].to_vec();
    let again = uncompressed_snapshot(&section, &index);
    assert!(
        Corpus::restore(&again).is_ok(),
        "the uncompressed seeds snapshot restores (has the format changed?)"
    );
    (section, index)
}

/// A version 3 snapshot with its documents section stored uncompressed.
pub fn uncompressed_snapshot(section: &[u8], index: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + section.len() + index.len());
    out.extend_from_slice(b"LEDESNAP");
    out.extend_from_slice(&3u32.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&(section.len() as u64).to_le_bytes());
    out.extend_from_slice(&(section.len() as u64).to_le_bytes());
    out.extend_from_slice(section);
    out.extend_from_slice(index);
    out
}

/// Everything the page shows of a corpus, and a second snapshot.
fn exercise(c: &Corpus) {
    let _ = c.summaries();
    let ids: Vec<_> = c.iter().map(|(id, _)| id).collect();
    for &id in &ids {
        let _ = c.annotations(id);
    }
    let _ = c.search("the minister", &SearchOptions::default());
    let _ = c.timeline(None);
    let _ = c.people();
    let _ = c.statements(None);
    let again = Corpus::restore(&c.snapshot()).expect("a restored corpus restores again");
    assert_eq!(again.len(), c.len());
}

/// The extensions of the formats of issue 16 (e-mail, mailboxes, Word,
/// PDF, feeds), for the one target that covers them all.
pub const FORMATS: &[&str] = &["eml", "mbox", "docx", "pdf", "rss", "atom"];

/// The importers of [`FORMATS`]: the first byte picks the extension, the
/// rest is the file (see [`parse`]).
pub fn parse_formats(data: &[u8]) {
    if let Some((&k, rest)) = data.split_first() {
        parse(
            &format!("fuzz.{}", FORMATS[k as usize % FORMATS.len()]),
            rest,
        );
    }
}

/// A corpus file (`.lede`) read from arbitrary bytes: opened (every
/// segment), searched as one, its documents, list and views asked for. The
/// bytes are tried as they are, and as edits to a valid file (the seeds
/// written as one: every four bytes of `data` set one byte, three of
/// position, one of value), so that damage inside the members is reached,
/// not only the magic and directory. Bad bytes give errors, never a panic;
/// what answers is consistent (hits within the total, ids within the
/// files).
pub fn corpus_file(data: &[u8]) {
    read_corpus_file(data.to_vec());
    let edited = SEED_FILE.with(|file| {
        let mut file = file.clone();
        for edit in data.chunks_exact(4) {
            let at =
                (usize::from(edit[0]) | usize::from(edit[1]) << 8 | usize::from(edit[2]) << 16)
                    % file.len();
            file[at] = edit[3];
        }
        file
    });
    read_corpus_file(edited);
}

thread_local! {
    /// The seeds as a corpus file.
    static SEED_FILE: Vec<u8> = seed_file();
}

/// The seeds written as a corpus file.
pub fn seed_file() -> Vec<u8> {
    let mut c = Corpus::with_seeds();
    let mut out = Vec::new();
    lede::corpus_file::write(&mut c, &mut out).expect("the seeds write as a corpus file");
    out
}

fn read_corpus_file(bytes: Vec<u8>) {
    use lede::corpus_file::{CorpusFile, MemorySource, Opened, ShardStep, Shards, Step};
    let len = bytes.len() as u64;
    let first = match CorpusFile::open(MemorySource::whole(bytes.clone()), len) {
        Ok(Opened::Ready(f)) => *f,
        Ok(Opened::Need(..)) => panic!("a whole file in memory never needs more"),
        Err(_) => return,
    };
    let mut shards = Shards::new();
    let (members, rest) = (first.members_shared(), first.segments());
    shards.push(first);
    for prefix in rest {
        match CorpusFile::open_segment(MemorySource::whole(bytes.clone()), members.clone(), prefix)
        {
            Ok(Opened::Ready(f)) => shards.push(*f),
            Ok(Opened::Need(..)) => panic!("a whole file in memory never needs more"),
            Err(_) => return,
        }
    }
    let slots: u64 = shards.files().iter().map(|f| f.header().docs as u64).sum();
    fn done<T>(s: lede::Result<ShardStep<T>>) -> Option<T> {
        match s {
            Ok(ShardStep::Done(v)) => Some(v),
            Ok(ShardStep::Need(_)) => panic!("a whole file in memory never needs more"),
            Err(_) => None,
        }
    }
    for q in [
        "minister",
        "the minist*",
        "ministr",
        "\"prime minister\" -war",
        "outlet:tass",
    ] {
        let opts = SearchOptions::default();
        if let Some(r) = done(shards.search(None, q, &opts)) {
            assert!(
                r.hits.len() <= r.total,
                "{} hits of {}",
                r.hits.len(),
                r.total
            );
            assert!(r.hits.iter().all(|h| u64::from(h.id) < slots));
            for h in r.hits.iter().take(3) {
                let _ = done(shards.document(h.id, None));
                let _ = done(shards.annotations(h.id, None));
            }
        }
        if let Some(ids) = done(shards.matching(None, q)) {
            assert!(ids.iter().all(|&id| u64::from(id) < slots));
        }
    }
    let _ = done(shards.list_pages(&[0], None));
    let _ = done(shards.list_pages(&[0], Some(3)));
    for view in ["people", "timeline", "statements", "stories"] {
        let _ = done(shards.view(view, None, None));
    }
    // The timeline's counts, and the whole corpus's chart made of them.
    let _ = done(shards.timeline_counts(None));
    shards.set_whole_view_bytes(0);
    if let Some(chart) = done(shards.view("timeline", None, None)) {
        let rows = chart["counts"].as_array().map_or(0, Vec::len);
        assert_eq!(rows % 3, 0, "value, outlet, mentions triples");
    }
    // The people from their counts (the same bound): each with its quotes
    // by outlet, one count per outlet.
    if let Some(serde_json::Value::Array(people)) = done(shards.view("people", None, None)) {
        for p in &people {
            let n = |k: &str| p[k].as_array().map(Vec::len);
            assert!(n("outlet_quotes").is_none() || n("outlet_quotes") == n("outlets"));
        }
    }
    if let Some(f) = shards.file_mut(0) {
        if let Ok(Step::Done(c)) = f.corpus(None) {
            let _ = c.summaries();
        }
    }
}
