//! The stored corpus (`Corpus::snapshot` / `Corpus::restore`): a restored
//! corpus is the same corpus, and snapshots of earlier versions still load.

use lede::{Corpus, SearchOptions};

mod common;
use common::corpus_bytes;

/// The seeds, BBC articles of every topic, HTML pages and a JSON Lines
/// file, with one document removed (an empty slot).
fn mixed_corpus() -> Corpus {
    let mut c = Corpus::with_seeds();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for topic in ["business", "politics", "sport", "tech"] {
        for n in 1..=6 {
            let rel = format!("bbc/{topic}/{n:03}.txt");
            let bytes = corpus_bytes(&rel);
            files.push((rel, bytes));
        }
    }
    for page in [
        "reuters.com1.html",
        "247wallst.com1.html",
        "about.com1.html",
    ] {
        let rel = format!("html-articles/html/{page}");
        let bytes = corpus_bytes(&rel);
        files.push((rel, bytes));
    }
    files.push((
        "w.jsonl".into(),
        concat!(
            r#"{"title":"Port strike ends","text":"Dock workers returned to work on Tuesday.\n\n“We won,” said union leader Maria  Lopez."}"#,
            "\n",
            r#"{"title":"Grain prices rise","text":"Wheat futures rose for a third day, traders in Chicago said."}"#
        )
        .as_bytes()
        .to_vec(),
    ));
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let report = c.import_many(&refs);
    assert!(report.added.len() > 25, "{report:?}");
    assert!(c.remove(3));
    c
}

fn json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap()
}

/// Everything a user sees of the corpus is the same in `b` as in `a`.
fn assert_same(a: &Corpus, b: &Corpus) {
    assert_eq!(a.len(), b.len());
    let slots = a.iter().map(|(id, _)| id).max().unwrap() + 2;
    for id in 0..slots {
        assert_eq!(a.get(id), b.get(id), "document {id}");
        assert_eq!(a.extraction(id), b.extraction(id), "extraction {id}");
    }
    // (The index bytes themselves may differ: its hash maps are written in
    // their iteration order. What it answers is compared instead.)
    let opts = SearchOptions {
        limit: 50,
        ..SearchOptions::default()
    };
    for q in [
        "Lavrov",
        "\"interest rates\"",
        "minist*",
        "person:\"Sergey Lavrov\"",
        "oil OR prices",
    ] {
        assert_eq!(
            json(&a.search(q, &opts)),
            json(&b.search(q, &opts)),
            "search {q}"
        );
    }
    assert_eq!(json(&a.people()), json(&b.people()));
    assert_eq!(json(&a.timeline(None)), json(&b.timeline(None)));
    assert_eq!(json(&a.summaries()), json(&b.summaries()));
}

#[test]
fn restored_corpus_answers_like_the_original() {
    let c = mixed_corpus();
    let snap = c.snapshot();
    let r = Corpus::restore(&snap).unwrap();
    assert_same(&c, &r);
    assert!(r.get(3).is_none());
    // Written again, it restores the same.
    assert_same(&r, &Corpus::restore(&r.snapshot()).unwrap());
    // And it accepts imports as the original does (same next id).
    let (mut c, mut r) = (c, r);
    let add = |x: &mut Corpus| {
        x.import("late.txt", b"Late news\n\nA ferry sank near Piraeus.")
            .added
    };
    assert_eq!(add(&mut c), add(&mut r));
}

/// Documents and extractions take less room than their text alone (the
/// paragraphs and mentions are not stored beside the source they repeat).
#[test]
fn documents_take_less_room_than_their_text() {
    let c = mixed_corpus();
    let text: usize = c.iter().map(|(_, d)| d.source.len()).sum();
    let docs = c.snapshot().len() - c.index_bytes().len();
    assert!(docs < text, "{docs} bytes for {text} bytes of text");
}

/// A snapshot written by the version 2 build (JSON documents), before the
/// compact format: a stored corpus must survive the upgrade.
#[test]
fn version_2_snapshot_still_restores() {
    let v2 = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/snapshot-v2-seeds.bin"
    ))
    .unwrap();
    assert_eq!(&v2[8..12], &2u32.to_le_bytes());
    let r = Corpus::restore(&v2).unwrap();
    assert_eq!(r.len(), 5);
    assert!(r.search("Lavrov", &SearchOptions::default()).total > 0);
    assert!(!r.people().is_empty());
    // Saved again, it is written in the current format and reads back the same.
    let v3 = r.snapshot();
    assert_ne!(&v3[8..12], &2u32.to_le_bytes());
    assert_same(&r, &Corpus::restore(&v3).unwrap());
}

#[test]
fn damaged_snapshots_are_refused() {
    let snap = Corpus::with_seeds().snapshot();
    let mut flipped = snap.clone();
    let mid = snap.len() / 2;
    flipped[mid] ^= 0x40;
    assert!(Corpus::restore(&flipped).is_err());
    assert!(Corpus::restore(&snap[..snap.len() - 1]).is_err());
    assert!(Corpus::restore(&snap[..30]).is_err());
    let mut future = snap.clone();
    future[8..12].copy_from_slice(&99u32.to_le_bytes());
    assert!(Corpus::restore(&future).is_err());
    let mut long = snap;
    long[16..24].copy_from_slice(&u64::MAX.to_le_bytes());
    assert!(Corpus::restore(&long).is_err());
}
