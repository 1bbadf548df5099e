//! The corpus file: written from a corpus, read back lazily, it answers as
//! the corpus does; damaged, truncated, foreign and newer files say so.

use lede::corpus_file::zip::{find_directory, parse_directory, ZipWriter};
use lede::corpus_file::{CorpusFile, MemorySource, Opened, Read, Source, Step};
use lede::{Corpus, SearchOptions};

fn seeds_file() -> (Corpus, Vec<u8>) {
    let mut c = Corpus::with_seeds();
    let mut out = Vec::new();
    lede::corpus_file::write(&mut c, &mut out).expect("written");
    (c, out)
}

fn open(bytes: Vec<u8>) -> lede::Result<CorpusFile<MemorySource>> {
    let len = bytes.len() as u64;
    match CorpusFile::open(MemorySource::whole(bytes), len)? {
        Opened::Ready(f) => Ok(*f),
        Opened::Need(..) => panic!("a whole file never needs more"),
    }
}

fn done<T>(s: lede::Result<Step<T>>) -> T {
    match s.expect("no error") {
        Step::Done(v) => v,
        Step::Need(n) => panic!("needs {n:?}"),
    }
}

const QUERIES: &[&str] = &[
    "Lavrov",
    "security guarantees",
    "\"security guarantees\"",
    "guarant*",
    "Stoltenbrg",
    "NATO -Ukraine",
    "speaker:Lavrov",
    "outlet:TASS",
    "date:2022-01..2022-02 NATO",
    "nothingmatchesthis",
    "flag:quote-differs",
    "Lavrov flag:quote-differs",
    "flag:unattributed",
];

#[test]
fn a_corpus_file_answers_as_the_corpus() {
    let (corpus, bytes) = seeds_file();
    let mut file = open(bytes).expect("opens");
    assert_eq!(file.len(), corpus.len());
    let opts = SearchOptions::default();
    for q in QUERIES {
        let a = corpus.search(q, &opts);
        let b = done(file.search(q, &opts));
        assert_eq!(
            serde_json::to_value(&a).unwrap(),
            serde_json::to_value(&b).unwrap(),
            "{q}"
        );
        assert_eq!(corpus.matching(q), done(file.matching(q)), "{q}");
    }
    let people = done(file.view("people"));
    assert_eq!(people, serde_json::to_value(corpus.people()).unwrap());
    let timeline = done(file.view("timeline"));
    assert_eq!(
        timeline,
        serde_json::to_value(corpus.timeline(None)).unwrap()
    );
    let statements = done(file.view("statements"));
    assert_eq!(
        statements,
        serde_json::to_value(corpus.statements(None)).unwrap()
    );
    // The stored flags are the corpus's: the content farm's reworded
    // Lavrov quotes among them.
    assert_eq!(file.flags(), Some(corpus.flags()));
    let differs = corpus.flags().docs(lede::analyze::FlagKind::QuoteDiffers);
    assert!(
        !differs.is_empty(),
        "the seeds have a quotation that differs"
    );
    assert_eq!(done(file.matching("flag:quote-differs")), differs);
    for (id, doc) in corpus.iter() {
        let (d, _) = done(file.document(id)).expect("the document is there");
        assert_eq!(&d, doc);
        assert_eq!(
            serde_json::to_value(done(file.annotations(id))).unwrap(),
            serde_json::to_value(corpus.annotations(id)).unwrap()
        );
    }
}

/// A source that has only what was supplied, counting what it was asked.
struct Lazy {
    supplied: MemorySource,
}

impl Source for Lazy {
    fn read(&self, offset: u64, len: u64) -> Read {
        self.supplied.read(offset, len)
    }
}

#[test]
fn read_lazily_it_needs_part_of_the_file_and_answers_the_same() {
    let (corpus, bytes) = seeds_file();
    let len = bytes.len() as u64;
    let mut read = 0u64;
    let mut source = Lazy {
        supplied: MemorySource::default(),
    };
    let mut file = loop {
        match CorpusFile::open(source, len).expect("opens") {
            Opened::Ready(f) => break f,
            Opened::Need(mut s, need) => {
                for (o, l) in need {
                    read += l;
                    s.supplied
                        .supply(o, bytes[o as usize..(o + l) as usize].to_vec());
                }
                source = s;
            }
        }
    };
    let opened = read;
    let opts = SearchOptions::default();
    let mut rounds = 0;
    let r = loop {
        match file.search("security guarantees", &opts).expect("searches") {
            Step::Done(r) => break r,
            Step::Need(need) => {
                rounds += 1;
                for (o, l) in need {
                    read += l;
                    let b = bytes[o as usize..(o + l) as usize].to_vec();
                    file.source_mut().supplied.supply(o, b);
                }
            }
        }
    };
    assert!(rounds >= 2, "dictionary, then postings and documents");
    assert_eq!(
        serde_json::to_value(&r).unwrap(),
        serde_json::to_value(corpus.search("security guarantees", &opts)).unwrap()
    );
    // Opening reads the last 64 KB (the directory) and a few members;
    // the query a dictionary chunk, postings and one document block.
    assert!(opened < 70_000, "opening read {opened} bytes");
    assert!(
        read - opened < len / 2,
        "the query read {} of {len} bytes",
        read - opened
    );
}

/// The byte range of member `name` in a written file.
fn member_range(bytes: &[u8], name: &str) -> (usize, usize) {
    let dir = find_directory(bytes, bytes.len() as u64).unwrap();
    let d = &bytes[dir.offset as usize..(dir.offset + dir.len) as usize];
    let m = parse_directory(d, dir)
        .unwrap()
        .into_iter()
        .find(|m| m.name == name)
        .unwrap();
    (m.data_offset() as usize, m.stored as usize)
}

#[test]
fn a_damaged_block_is_named_and_the_rest_stays_usable() {
    let (_, mut bytes) = seeds_file();
    let (at, len) = member_range(&bytes, "docs/000000");
    bytes[at + len / 2] ^= 0x40;
    let mut file = open(bytes).expect("the rest of the file opens");
    let r = done(file.search("Lavrov", &SearchOptions::default()));
    assert!(r.total >= 5, "the index is intact: {} matches", r.total);
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("docs/000000") && n.contains("damaged")),
        "{:?}",
        r.notes
    );
    let e = file
        .document(0)
        .expect_err("the document's block is damaged");
    assert!(e.to_string().contains("docs/000000"), "{e}");
}

#[test]
fn a_damaged_keyword_record_is_named_and_the_facets_count_the_rest() {
    let (_, clean) = seeds_file();
    let mut bytes = clean.clone();
    let (at, len) = member_range(&bytes, "keywords.dat");
    bytes[at + len / 2] ^= 0x40;
    let mut file = open(bytes).expect("opens");
    let r = done(file.search("Lavrov", &SearchOptions::default()));
    let whole = done(
        open(clean)
            .unwrap()
            .search("Lavrov", &SearchOptions::default()),
    );
    assert_eq!(r.total, whole.total);
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("keywords.dat: document") && n.contains("damaged")),
        "{:?}",
        r.notes
    );
    // One document's values left out: the facets count the others.
    let sum = |r: &lede::SearchResults| r.facets.person.iter().map(|c| c.count).sum::<usize>();
    assert!(
        sum(&r) > 0 && sum(&r) < sum(&whole),
        "{} {}",
        sum(&r),
        sum(&whole)
    );
}

#[test]
fn a_damaged_alias_table_flags_or_keyword_offsets_leave_the_file_usable() {
    let (_, clean) = seeds_file();
    let opts = SearchOptions::default();
    let whole = done(open(clean.clone()).unwrap().search("Lavrov", &opts));
    let flagged = done(
        open(clean.clone())
            .unwrap()
            .search("flag:quote-differs", &opts),
    );
    assert!(flagged.total > 0);
    let people = |r: &lede::SearchResults| r.facets.person.iter().map(|c| c.count).sum::<usize>();
    for name in ["keywords.off", "aliases.json", "flags.json"] {
        let mut bytes = clean.clone();
        let (at, len) = member_range(&bytes, name);
        bytes[at + len / 2] ^= 0x40;
        let mut file = open(bytes.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let r = done(file.search("Lavrov", &opts));
        assert_eq!(r.total, whole.total, "{name}");
        assert!(
            r.notes
                .iter()
                .any(|n| n.contains(name) && n.contains("damaged")),
            "{name}: {:?}",
            r.notes
        );
        let doc = done(file.document(r.hits[0].id)).expect("the document");
        assert!(!doc.0.text().is_empty(), "{name}");
        match name {
            // No facet values: none is made up.
            "keywords.off" => assert_eq!(people(&r), 0),
            // Gathered from the documents instead.
            "flags.json" => {
                let f = done(file.search("flag:quote-differs", &opts));
                let hits = |r: &lede::SearchResults| serde_json::to_value(&r.hits).unwrap();
                assert_eq!((f.total, hits(&f)), (flagged.total, hits(&flagged)));
            }
            // The names stand unmerged.
            _ => assert!(people(&r) > 0, "{name}"),
        }
        // A merge would lose the damaged part: it says so instead.
        let e =
            lede::corpus_file::compact::compact(&mut [open(bytes).unwrap()], 1_000_000, Vec::new())
                .expect_err("not merged");
        assert!(e.to_string().contains(name), "{e}");
    }
}

/// Search answers with every facet, to compare files of two versions.
fn with_facets(r: &lede::SearchResults) -> serde_json::Value {
    serde_json::json!([summary(r), serde_json::to_value(&r.facets).unwrap()])
}

#[test]
fn a_version_2_file_reads_as_before_and_merges_into_version_3() {
    // The seeds built by the last build of version 2 (keyword values in
    // blocks of 64 documents), and by this one (a record per document).
    let v2 = std::fs::read("tests/data/seeds-v2.lede").unwrap();
    let dir = std::env::temp_dir().join(format!("lede-v2-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let built = dir.join("seeds.lede");
    let (code, _, err) = lede(&["build", "-o", &built.display().to_string(), "seeds"]);
    assert_eq!(code, 0, "{err}");
    let v3 = std::fs::read(&built).unwrap();
    let (mut old, mut new) = (open(v2.clone()).unwrap(), open(v3).unwrap());
    assert_eq!((old.header().version, new.header().version), (2, 3));
    assert!(old
        .members()
        .iter()
        .any(|m| m.name.starts_with("keywords/")));
    assert!(!new
        .members()
        .iter()
        .any(|m| m.name.starts_with("keywords/")));
    // Merged on disk (one segment: rewritten), version 2 becomes 3.
    let (_, merged) = lede::corpus_file::compact::compact(
        &mut [open(v2.clone()).unwrap()],
        1_000_000,
        Vec::new(),
    )
    .unwrap();
    let mut merged = open(merged).unwrap();
    assert_eq!(merged.header().version, 3);
    // It stores no timeline counts: they are counted from its documents,
    // as this build stores them.
    let counts = |f: CorpusFile<MemorySource>| {
        let mut shards = lede::corpus_file::Shards::new();
        shards.push(f);
        shards.set_whole_view_bytes(0);
        shard_done(shards.view("timeline", None, None))["counts"].clone()
    };
    assert!(!old.members().iter().any(|m| m.name.contains("counts")));
    let v3_counts = counts(open(std::fs::read(&built).unwrap()).unwrap());
    assert!(v3_counts.as_array().is_some_and(|c| c.len() > 10));
    assert_eq!(counts(open(v2.clone()).unwrap()), v3_counts);
    // Merged, it stores them.
    assert!(merged
        .members()
        .iter()
        .any(|m| m.name == "views/timeline-counts.bin"));
    let opts = SearchOptions::default();
    for q in QUERIES {
        let expected = with_facets(&done(new.search(q, &opts)));
        assert_eq!(with_facets(&done(old.search(q, &opts))), expected, "{q}");
        assert_eq!(with_facets(&done(merged.search(q, &opts))), expected, "{q}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn damaged_prints_leave_files_opened_together_usable() {
    let (_, a) = seeds_file();
    let (_, mut b) = seeds_file();
    let (at, len) = member_range(&b, "prints");
    b[at + len / 2] ^= 0x40;
    let mut shards = lede::corpus_file::Shards::new();
    shards.push(open(a).unwrap());
    shards.push(open(b).unwrap());
    // Not compared: the second file's copies count too.
    assert_eq!(shard_done(shards.hide_copies(&[0, 1])), vec![0, 0]);
    let r = shard_done(shards.search(None, "Lavrov", &SearchOptions::default()));
    assert!(r.total >= 10, "{}", r.total);
}

#[test]
fn damaged_people_counts_are_named_and_the_rest_answers() {
    let (_, mut bytes) = seeds_file();
    let (at, len) = member_range(&bytes, "views/people-counts.json");
    bytes[at + len / 2] ^= 0x40;
    let mut shards = lede::corpus_file::Shards::new();
    shards.push(open(bytes).expect("opens"));
    // The people from their counts (their stored view is "too big").
    shards.set_whole_view_bytes(0);
    let e = shards.view("people", None, None).expect_err("damaged");
    assert!(e.to_string().contains("views/people-counts.json"), "{e}");
    let r = shard_done(shards.search(None, "Lavrov", &SearchOptions::default()));
    assert!(r.total >= 5, "{}", r.total);
    assert!(shard_done(shards.view("timeline", None, None))["counts"].is_array());
}

#[test]
fn damaged_postings_are_named() {
    let (_, mut bytes) = seeds_file();
    let (at, len) = member_range(&bytes, "postings");
    for i in (at..at + len).step_by(7) {
        bytes[i] ^= 0x11;
    }
    let mut file = open(bytes).expect("opens");
    let r = done(file.search("Lavrov", &SearchOptions::default()));
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("postings") && n.contains("checksum")),
        "{:?}",
        r.notes
    );
}

#[test]
fn truncated_foreign_and_newer_files_are_refused_with_the_reason() {
    let (_, bytes) = seeds_file();
    let cut = bytes[..bytes.len() / 2].to_vec();
    let e = open(cut).expect_err("truncated");
    assert!(e.to_string().contains("truncated"), "{e}");

    let e = open(b"%PDF-1.4 not a corpus file at all, not even a zip".repeat(4))
        .expect_err("not a corpus file");
    assert!(e.to_string().contains("not a Lede corpus file"), "{e}");

    let mut zip = ZipWriter::new(Vec::new());
    let n = u32::from_le_bytes(bytes[18..22].try_into().unwrap()) as usize;
    let header = std::str::from_utf8(&bytes[39..39 + n]).unwrap();
    assert!(header.contains("\"version\":3"), "{header}");
    let newer = header.replace("\"version\":3", "\"version\":7");
    zip.add("lede.json", newer.as_bytes(), false).unwrap();
    let e = open(zip.finish().unwrap()).expect_err("newer");
    assert!(e.to_string().contains("newer Lede"), "{e}");
}

#[test]
fn a_file_that_stores_no_views_answers_them_from_its_documents_and_counts() {
    // A file built past its `views_until` (as one of over 200,000
    // documents is) stores no whole-corpus view, only the timeline's
    // counts; `lede timeline|people --index` answer as over --corpus.
    let mut corpus = Corpus::new();
    corpus.import_paths(&["seeds"]).expect("imported");
    let mut w = lede::corpus_file::Writer::new(Vec::new()).views_until(0);
    w.add_segment(&mut corpus).expect("written");
    let (_, bytes) = w.finish_into().expect("finished");
    let names: Vec<String> = open(bytes.clone())
        .unwrap()
        .members()
        .iter()
        .filter(|m| m.name.starts_with("views/"))
        .map(|m| m.name.clone())
        .collect();
    assert_eq!(
        names,
        ["views/people-counts.json", "views/timeline-counts.bin"]
    );
    let path = std::env::temp_dir().join(format!("lede-noviews-{}.lede", std::process::id()));
    std::fs::write(&path, &bytes).unwrap();
    let path = path.display().to_string();
    for view in ["timeline", "people"] {
        let (code, from_file, err) = lede(&[view, "--index", &path]);
        assert_eq!(code, 0, "{view}: {err}");
        let (_, from_corpus, _) = lede(&[view, "--corpus", "seeds"]);
        let (a, b): (serde_json::Value, serde_json::Value) = (
            serde_json::from_str(&from_file).unwrap(),
            serde_json::from_str(&from_corpus).unwrap(),
        );
        assert!(
            a.as_array().is_some_and(|a| !a.is_empty())
                || a["events"].as_array().is_some_and(|e| !e.is_empty()),
            "{view}"
        );
        assert_eq!(a, b, "{view}");
    }
    let _ = std::fs::remove_file(&path);
}

fn lede(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(args)
        .output()
        .expect("lede runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn hits(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).expect("JSON");
    v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| format!("{} {}", h["file"], h["score"]))
        .collect()
}

/// Folders `a` and `b` under `dir`, holding the seeds (by their sorted
/// position) that `in_a` and `in_b` pick.
fn seed_folders(
    dir: &std::path::Path,
    in_a: impl Fn(usize) -> bool,
    in_b: impl Fn(usize) -> bool,
) -> (std::path::PathBuf, std::path::PathBuf) {
    let (a, b) = (dir.join("a"), dir.join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let mut seeds: Vec<_> = std::fs::read_dir("seeds")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    seeds.sort();
    for (i, p) in seeds.iter().enumerate() {
        let name = p.file_name().unwrap();
        if in_a(i) {
            std::fs::copy(p, a.join(name)).unwrap();
        }
        if in_b(i) {
            std::fs::copy(p, b.join(name)).unwrap();
        }
    }
    (a, b)
}

#[test]
fn cli_build_append_merge_and_index_answer_as_corpus() {
    let dir = std::env::temp_dir().join(format!("lede-cf-{}", std::process::id()));
    let (a, b) = seed_folders(&dir, |i| i < 2, |i| i >= 2);
    let s = |p: &std::path::Path| p.display().to_string();
    let (fa, fb, fm, fx) = (
        dir.join("a.lede"),
        dir.join("b.lede"),
        dir.join("m.lede"),
        dir.join("x.lede"),
    );
    let (code, out, _) = lede(&["build", "-o", &s(&fa), &s(&a)]);
    assert_eq!(code, 0);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out).unwrap()["docs"],
        2
    );
    assert_eq!(lede(&["build", "-o", &s(&fb), &s(&b)]).0, 0);
    let (code, out, _) = lede(&["merge", "-o", &s(&fm), &s(&fa), &s(&fb)]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out).unwrap()["docs"],
        5
    );
    // --append adds b to a copy of a; the same text is left out.
    std::fs::copy(&fa, &fx).unwrap();
    let (code, out, err) = lede(&["build", "--append", "-o", &s(&fx), &s(&b), &s(&a)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out).unwrap()["docs"],
        5
    );
    assert!(err.contains("left out"), "{err}");
    // The appended file's two segments merged into one.
    let fc = dir.join("c.lede");
    let (code, out, err) = lede(&["compact", "-o", &s(&fc), &s(&fx)]);
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (
            &report["segments_before"],
            &report["segments"],
            &report["docs"]
        ),
        (&2.into(), &1.into(), &5.into()),
        "{out}"
    );
    // A damaged block stops a merge, named; nothing is left behind.
    let bytes = std::fs::read(&fx).unwrap();
    let (at, len) = member_range(&bytes, "seg00001/docs/000000");
    let mut damaged = bytes.clone();
    damaged[at + len / 2] ^= 0x40;
    let (fd, fdc) = (dir.join("damaged.lede"), dir.join("damaged-c.lede"));
    std::fs::write(&fd, &damaged).unwrap();
    let (code, _, err) = lede(&["compact", "-o", &s(&fdc), &s(&fd)]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("seg00001/docs/000000"), "{err}");
    assert!(!fdc.exists() && !dir.join("damaged-c.lede.merging").exists());
    assert_eq!(
        std::fs::read(&fd).unwrap(),
        damaged,
        "the input is left as it was"
    );
    // A build of several segments merges them, unless told to keep them.
    let (fs, fk) = (dir.join("s.lede"), dir.join("k.lede"));
    let (code, out, err) = lede(&[
        "build",
        "--segment-mb",
        "0.005",
        "-o",
        &s(&fs),
        &s(&a),
        &s(&b),
    ]);
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(report["merged_segments"].as_u64().unwrap() >= 2, "{out}");
    assert_eq!(report["segments"], 1, "{out}");
    // The build's time: adding batches and writing segments (side by
    // side, each before the merge), then merging.
    let part = |k: &str| report[k].as_f64().unwrap_or_else(|| panic!("{k}: {out}"));
    assert!(part("write_seconds") > 0.0, "{out}");
    for k in ["import_seconds", "write_seconds"] {
        assert!(
            part(k) + part("merge_seconds") <= part("seconds") + 0.01,
            "{k}: {out}"
        );
    }
    let (code, out, _) = lede(&[
        "build",
        "--segment-mb",
        "0.005",
        "--keep-segments",
        "-o",
        &s(&fk),
        &s(&a),
        &s(&b),
    ]);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(report["segments"].as_u64().unwrap() >= 2, "{out}");
    assert_eq!(report["merged_segments"], 0, "{out}");
    assert!(!dir.join("s.lede.partial").exists() && !dir.join("s.lede.merging").exists());
    for q in ["Lavrov", "security guarantees", "outlet:TASS", "guarant*"] {
        let (_, kept, _) = lede(&["search", "--index", &s(&fk), q]);
        let (_, merged_build, _) = lede(&["search", "--index", &s(&fs), q]);
        assert!(!hits(&kept).is_empty(), "{q}");
        assert_eq!(hits(&merged_build), hits(&kept), "{q}");
    }
    for q in ["Lavrov", "security guarantees", "outlet:TASS"] {
        let (_, merged, _) = lede(&["search", "--index", &s(&fm), q]);
        let (_, appended, _) = lede(&["search", "--index", &s(&fx), q]);
        let (_, compacted, _) = lede(&["search", "--index", &s(&fc), q]);
        assert_eq!(hits(&compacted), hits(&appended), "{q}");
        // The appended segment is searched with the first as one index.
        assert_eq!(hits(&merged), hits(&appended), "{q}");
        let (_, direct, _) = lede(&["search", "--index", &s(&fa), q]);
        let (_, corpus, _) = lede(&["search", "--corpus", &s(&a), q]);
        assert_eq!(hits(&direct), hits(&corpus), "{q}");
        // Two files searched as one answer as the merged file.
        let (code, sharded, err) = lede(&["search", "--index", &s(&fa), "--index", &s(&fb), q]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(hits(&sharded), hits(&merged), "{q}");
    }
    // flag: from a file's stored flags: a file built from both folders
    // finds what the folders imported find (the merged file's dates were
    // inferred within each half, so its trails order the members
    // otherwise); two files searched as one find flags within each and
    // say so.
    let fall = dir.join("all.lede");
    assert_eq!(lede(&["build", "-o", &s(&fall), &s(&a), &s(&b)]).0, 0);
    let (_, built, _) = lede(&["search", "--index", &s(&fall), "flag:quote-differs"]);
    let (_, corpus, _) = lede(&[
        "search",
        "--corpus",
        &s(&a),
        "--corpus",
        &s(&b),
        "flag:quote-differs",
    ]);
    assert!(!hits(&built).is_empty());
    assert_eq!(hits(&built), hits(&corpus));
    let flags =
        |out: &str| serde_json::from_str::<serde_json::Value>(out).unwrap()["flags"].clone();
    assert_eq!(flags(&built), flags(&corpus));
    assert_eq!(flags(&built)[0]["value"], "quote-differs");
    let (_, merged, _) = lede(&["search", "--index", &s(&fm), "flag:quote-differs"]);
    assert_eq!(flags(&merged)[0]["value"], "quote-differs");
    let (_, sharded, _) = lede(&[
        "search",
        "--index",
        &s(&fa),
        "--index",
        &s(&fb),
        "flag:quote-differs",
    ]);
    assert!(sharded.contains("not across them"), "{sharded}");
    // Their people are the merged file's (names merged across the files;
    // equal counts are listed in another order).
    let people = |args: &[&str]| {
        let out = lede(&[&["people"], args].concat()).1;
        let mut v: Vec<serde_json::Value> = serde_json::from_str(&out).expect("JSON");
        for p in &mut v {
            p["aliases"]
                .as_array_mut()
                .unwrap()
                .sort_by_key(|a| a.to_string());
        }
        v.sort_by_key(|p| p["name"].to_string());
        v
    };
    assert_eq!(
        people(&["--index", &s(&fa), "--index", &s(&fb)]),
        people(&["--index", &s(&fm)])
    );
    // A file that is not a corpus file: exit 1, named, with the reason.
    let bogus = dir.join("bogus.lede");
    std::fs::write(&bogus, "not a corpus file").unwrap();
    let (code, _, err) = lede(&["people", "--index", &s(&bogus)]);
    assert_eq!(code, 1);
    assert!(err.contains("bogus.lede") && err.contains("not"), "{err}");
    // A missing one: bad usage for search, as a missing --corpus path.
    assert_eq!(
        lede(&["search", "--index", &s(&dir.join("none.lede")), "x"]).0,
        2
    );
    // --corpus and --index together: bad usage.
    assert_eq!(
        lede(&["search", "--index", &s(&fa), "--corpus", &s(&a), "x"]).0,
        2
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn files_sharing_an_article_count_it_once() {
    // a holds seeds 0–2, b seeds 2–4: seed 2 is in both.
    let dir = std::env::temp_dir().join(format!("lede-cf-shared-{}", std::process::id()));
    let (a, b) = seed_folders(&dir, |i| i <= 2, |i| i >= 2);
    let s = |p: &std::path::Path| p.display().to_string();
    let (fa, fb, fm) = (dir.join("a.lede"), dir.join("b.lede"), dir.join("m.lede"));
    assert_eq!(lede(&["build", "-o", &s(&fa), &s(&a)]).0, 0);
    assert_eq!(lede(&["build", "-o", &s(&fb), &s(&b)]).0, 0);
    let (code, out, _) = lede(&["merge", "-o", &s(&fm), &s(&fa), &s(&fb)]);
    assert_eq!(code, 0, "{out}");
    let json = |out: &str| serde_json::from_str::<serde_json::Value>(out).unwrap();
    assert_eq!(json(&out)["docs"], 5);
    let total = |out: &str| json(out)["total"].clone();
    for q in ["Lavrov", "security guarantees", "outlet:TASS", "Sputnik"] {
        let (_, merged, _) = lede(&["search", "--index", &s(&fm), q]);
        let (code, both, err) = lede(&["search", "--index", &s(&fa), "--index", &s(&fb), q]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(total(&both), total(&merged), "{q}: {both}");
        assert_eq!(hits(&both), hits(&merged), "{q}");
        // In the other order, the same articles once.
        let (_, ba, _) = lede(&["search", "--index", &s(&fb), "--index", &s(&fa), q]);
        assert_eq!(total(&ba), total(&merged), "{q}");
    }
    // The shared article is counted once by the facets and the people.
    let (_, both, _) = lede(&["search", "--index", &s(&fa), "--index", &s(&fb), "security"]);
    let (_, merged, _) = lede(&["search", "--index", &s(&fm), "security"]);
    assert_eq!(json(&both)["facets"], json(&merged)["facets"]);
    let mentions = |args: &[&str]| -> Vec<(String, u64)> {
        let out = lede(&[&["people"], args].concat()).1;
        let v: Vec<serde_json::Value> = serde_json::from_str(&out).expect("JSON");
        let mut m: Vec<(String, u64)> = v
            .iter()
            .map(|p| {
                (
                    p["name"].as_str().unwrap().to_string(),
                    p["mentions"].as_u64().unwrap_or(0),
                )
            })
            .collect();
        m.sort();
        m
    };
    assert_eq!(
        mentions(&["--index", &s(&fa), "--index", &s(&fb)]),
        mentions(&["--index", &s(&fm)])
    );
    let _ = std::fs::remove_dir_all(&dir);
}

mod common;

/// Named files.
type Files = Vec<(String, Vec<u8>)>;

/// The seeds and some BBC tech articles; some BBC business articles.
fn two_halves() -> (Files, Files) {
    let read = |topic: &str| -> Files {
        common::corpus_files(&format!("bbc/{topic}"))
            .into_iter()
            .take(30)
            .map(|p| {
                let name = format!("{topic}/{}", p.file_name().unwrap().to_string_lossy());
                (name, std::fs::read(&p).unwrap())
            })
            .collect()
    };
    let mut a: Files = lede::SEEDS
        .iter()
        .map(|(n, b)| (n.to_string(), b.to_vec()))
        .collect();
    a.extend(read("tech"));
    (a, read("business"))
}

fn corpus_of(parts: &[&[(String, Vec<u8>)]]) -> Corpus {
    let mut c = Corpus::new();
    for part in parts {
        let files: Vec<(&str, &[u8])> = part
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let report = c.import_many(&files);
        assert!(report.errors.is_empty(), "{:?}", report.errors);
    }
    c
}

fn file_of(c: &mut Corpus) -> CorpusFile<MemorySource> {
    let mut out = Vec::new();
    lede::corpus_file::write(c, &mut out).expect("written");
    open(out).expect("opens")
}

/// The whole corpus's timeline as counts (its columns) in rows:
/// `[date, value, outlet, mentions]`, the other outlets' outlet "others".
fn chart_rows(v: &serde_json::Value) -> Vec<serde_json::Value> {
    let at = |k: &str| v[k].as_array().expect(k).clone();
    let (dates, values, outlets) = (at("dates"), at("values"), at("outlets"));
    at("counts")
        .chunks(3)
        .map(|r| {
            let [i, o, n] = [0, 1, 2].map(|k| r[k].as_u64().unwrap() as usize);
            let outlet = outlets.get(o).cloned().unwrap_or_else(|| "others".into());
            serde_json::json!([dates[i], values[i], outlet, n])
        })
        .collect()
}

/// A corpus file as one made before the timeline's counts were stored:
/// the member renamed (same length) in its local header and the directory.
fn without_timeline_counts(bytes: Vec<u8>) -> Vec<u8> {
    renamed(
        bytes,
        b"views/timeline-counts.bin",
        b"views/timeline-zzzzzz.bin",
    )
}

/// The file `bytes` with its member `from` named `to` (as long).
fn renamed(mut bytes: Vec<u8>, from: &[u8], to: &[u8]) -> Vec<u8> {
    assert_eq!(from.len(), to.len());
    let mut renamed = 0;
    let mut at = 0;
    while let Some(i) = bytes[at..].windows(from.len()).position(|w| w == from) {
        bytes[at + i..at + i + from.len()].copy_from_slice(to);
        at += i + from.len();
        renamed += 1;
    }
    assert_eq!(renamed, 2, "the local header and the directory");
    bytes
}

fn shard_done<T>(s: lede::Result<lede::corpus_file::ShardStep<T>>) -> T {
    match s.expect("no error") {
        lede::corpus_file::ShardStep::Done(v) => v,
        lede::corpus_file::ShardStep::Need(needs) => panic!("needs {needs:?}"),
    }
}

/// What must be equal between one index and shards searched as one.
fn summary(r: &lede::SearchResults) -> serde_json::Value {
    let hits: Vec<serde_json::Value> = r
        .hits
        .iter()
        .map(|h| serde_json::json!([h.id, h.file, (h.score * 1e4).round() / 1e4, h.snippet]))
        .collect();
    serde_json::json!({
        "total": r.total,
        "hits": hits,
        "notes": r.notes,
        "outlets": r.facets.outlet,
        "months": r.facets.year_month,
    })
}

#[test]
fn copies_hidden_while_their_first_file_is_open_and_shown_again_after() {
    let (a, b) = two_halves();
    // b and the seeds (a's first five, with flags among them): those five
    // are in both files.
    let shared: Files = a.iter().take(lede::SEEDS.len()).cloned().collect();
    let mut first = corpus_of(&[&a]);
    let mut second = corpus_of(&[&b, &shared]);
    let whole = corpus_of(&[&a, &b]);
    let mut shards = lede::corpus_file::Shards::new();
    shards.push(file_of(&mut first));
    shards.push(file_of(&mut second));
    let live = shards.live();
    assert_eq!(
        shard_done(shards.hide_copies(&[0, 1])),
        vec![0, lede::SEEDS.len()]
    );
    assert_eq!(shards.live(), whole.len());
    let opts = SearchOptions::default();
    for q in ["Lavrov", "security guarantees", "government"] {
        let r = shard_done(shards.search(None, q, &opts));
        assert_eq!(r.total, whole.search(q, &opts).total, "{q}");
    }
    // The flags of the hidden copies are left out (each file's own flags:
    // the second file's about its first `b.len()` documents).
    let flags = shards.flags(None).0;
    let expected = first.flags().notes.len()
        + second
            .flags()
            .notes
            .iter()
            .filter(|n| (n.doc as usize) < b.len())
            .count();
    assert!(second.flags().notes.len() > expected - first.flags().notes.len());
    assert_eq!(flags.notes.len(), expected);
    // Called again: the same (what it hid is shown, then hidden again).
    assert_eq!(
        shard_done(shards.hide_copies(&[0, 1])),
        vec![0, lede::SEEDS.len()]
    );
    // The first file closed: the second's copies are its own again.
    shards.remove(0);
    assert_eq!(shard_done(shards.hide_copies(&[0])), vec![0]);
    assert_eq!(shards.live(), live - first.len());
    let r = shard_done(shards.search(None, "Lavrov", &opts));
    assert_eq!(
        r.total,
        corpus_of(&[&b, &shared]).search("Lavrov", &opts).total
    );
    assert!(r.total > 0);
}

#[test]
fn shards_search_as_one_index() {
    let (a, b) = two_halves();
    let whole = corpus_of(&[&a, &b]);
    let mut memory_b = corpus_of(&[&b]);
    let mut memory_a = corpus_of(&[&a]);
    let mut shards = lede::corpus_file::Shards::new();
    shards.push(file_of(&mut memory_a));
    shards.push(file_of(&mut memory_b));
    let mut one_file_and_memory = lede::corpus_file::Shards::new();
    one_file_and_memory.push(file_of(&mut corpus_of(&[&a])));
    assert_eq!(shards.base(1) as usize, memory_a.len());
    let opts = SearchOptions {
        limit: 20,
        ..SearchOptions::default()
    };
    let queries = [
        "government",
        "market growth",
        "\"mobile phone\"",
        "comp*",
        "Lavrov",
        "technolgy",
        "outlet:TASS OR broadband",
        "date:2021..2022 NATO",
        "nothingmatchesthis",
    ];
    for q in queries {
        let expected = summary(&whole.search(q, &opts));
        let got = summary(&shard_done(shards.search(None, q, &opts)));
        assert_eq!(got, expected, "two files: {q}");
        let got = summary(&shard_done(one_file_and_memory.search(
            Some(&mut memory_b),
            q,
            &opts,
        )));
        assert_eq!(got, expected, "a file and a corpus: {q}");
        assert_eq!(
            shard_done(shards.matching(None, q)),
            whole.matching(q),
            "matching: {q}"
        );
    }
    // The second page of the union is the second page of the whole.
    let page2 = SearchOptions {
        limit: 5,
        offset: 5,
        ..SearchOptions::default()
    };
    assert_eq!(
        summary(&shard_done(shards.search(None, "company", &page2))),
        summary(&whole.search("company", &page2))
    );
    // The timeline of the union is the whole's, under the same ids.
    let events = |v: serde_json::Value| {
        let mut e: Vec<(u64, String, String)> = v["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["doc"].as_u64().unwrap(),
                    e["value"].to_string(),
                    e["text"].to_string(),
                )
            })
            .collect();
        e.sort();
        e
    };
    let whole_timeline = events(serde_json::to_value(whole.timeline(None)).unwrap());
    assert!(!whole_timeline.is_empty());
    assert_eq!(
        events(shard_done(shards.view("timeline", None, None))),
        whole_timeline
    );
    assert_eq!(
        events(shard_done(one_file_and_memory.view(
            "timeline",
            None,
            Some(&memory_b)
        ))),
        whole_timeline
    );
    // Over the size a whole-corpus view may have, a view needs a search
    // and is computed on its documents: the whole's people of those.
    let mut big = lede::corpus_file::Shards::new();
    big.push(file_of(&mut corpus_of(&[&a])));
    big.push(file_of(&mut corpus_of(&[&b])));
    big.set_view_limits(10, 20);
    // ... but the people: listed from the counts every segment stores,
    // the same people counted alike, without their quotes.
    let listed = |v: serde_json::Value| {
        let mut rows: Vec<serde_json::Value> = v
            .as_array()
            .expect("people")
            .iter()
            .map(|p| {
                let docs = p["docs"].as_array().expect("docs").len();
                serde_json::json!([
                    p["name"],
                    p["mentions"],
                    p["quote_count"],
                    p["outlets"],
                    p["outlet_quotes"],
                    p["doc_count"],
                    p["aliases"],
                    p["roles"],
                    docs
                ])
            })
            .collect();
        rows.sort_by_key(|r| r.to_string());
        rows
    };
    let full = listed(shard_done(shards.view("people", None, None)));
    assert!(full.len() > 20 && full.iter().any(|r| r[5].as_u64() > Some(1)));
    let counted = listed(shard_done(big.view("people", None, None)));
    let without_quotes: Vec<serde_json::Value> = full
        .iter()
        .map(|r| {
            let mut r = r.clone();
            assert_eq!(r[8], r[5], "every document listed: {r}");
            r[8] = 0.into();
            r
        })
        .collect();
    assert_eq!(counted, without_quotes);
    // With the tab's documents counted in, and when the stored people are
    // more bytes than a tab shows at once, however few the documents.
    let mut half = lede::corpus_file::Shards::new();
    half.push(file_of(&mut corpus_of(&[&a])));
    half.set_view_limits(10, 20);
    assert_eq!(
        listed(shard_done(half.view("people", None, Some(&memory_b)))),
        without_quotes
    );
    let mut bulky = lede::corpus_file::Shards::new();
    bulky.push(file_of(&mut corpus_of(&[&a])));
    bulky.push(file_of(&mut corpus_of(&[&b])));
    bulky.set_whole_view_bytes(100);
    assert_eq!(
        listed(shard_done(bulky.view("people", None, None))),
        without_quotes
    );
    // A file too big that stores no counts: the people need a search.
    let mut lacking = lede::corpus_file::Shards::new();
    lacking.push(file_of(&mut corpus_of(&[&a])));
    lacking.set_view_limits(10, 20);
    let mut bytes = Vec::new();
    lede::corpus_file::write(&mut corpus_of(&[&b]), &mut bytes).expect("written");
    lacking.push(
        open(renamed(
            bytes,
            b"views/people-counts.json",
            b"views/people-zzzzzz.json",
        ))
        .expect("opens"),
    );
    let e = lacking.view("people", None, None).expect_err("too big");
    assert!(e.to_string().contains("search first"), "{e}");
    let all: Vec<lede::DocId> = whole.iter().map(|(id, _)| id).collect();
    assert!(big.view("timeline", Some(&all), None).is_err());
    let found = whole.matching("Lavrov");
    assert!(!found.is_empty() && found.len() <= 20);
    // Computed under ids of their own, the documents' union ids come back
    // (documents of both files, not the first ids).
    let spread = whole.matching("Lavrov OR broadband");
    assert!(
        spread.len() <= 20 && spread.iter().any(|&d| d as usize >= a.len()),
        "{spread:?}"
    );
    let scoped = events(shard_done(big.view("timeline", Some(&spread), None)));
    assert!(scoped.iter().any(|e| e.0 as usize >= a.len()), "{scoped:?}");
    assert_eq!(
        scoped,
        events(serde_json::to_value(whole.timeline(Some(&spread))).unwrap())
    );
    let people = shard_done(big.view("people", Some(&found), None));
    let names: Vec<&str> = people
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Sergey Lavrov"), "{names:?}");
    // A union id opens the document it names.
    let hit = whole.search("broadband", &opts).hits[0].id;
    let (doc, _) = shard_done(shards.document(hit, None)).expect("there");
    assert_eq!(Some(&doc), whole.get(hit));
    // A whole timeline bigger than a tab shows needs a search too, however
    // few the documents; a search's is computed from its documents.
    let mut dense = lede::corpus_file::Shards::new();
    dense.push(file_of(&mut corpus_of(&[&a])));
    dense.push(file_of(&mut corpus_of(&[&b])));
    assert!(shard_done(dense.view("timeline", None, None)).is_object());
    dense.set_whole_view_bytes(100);
    // ... and is drawn from the counts every segment stores: the mentions
    // of the events, counted by day, value and outlet (a time of day for
    // its day), with the documents in the tab's memory counted in.
    let mut expected: std::collections::BTreeMap<(String, String, Option<String>), u64> =
        Default::default();
    for e in whole.timeline(None).events {
        if let Some(date) = e.date {
            let value = e.value.split('T').next().unwrap().to_string();
            *expected.entry((date, value, e.outlet)).or_default() += 1;
        }
    }
    let expected: Vec<serde_json::Value> = expected
        .into_iter()
        .map(|((d, v, o), n)| serde_json::json!([d, v, o, n]))
        .collect();
    assert!(expected.len() > 10);
    // (Seven outlets or fewer: each is named, none summed as "other".)
    let rows = |v: &serde_json::Value| {
        let mut rows = chart_rows(v);
        rows.sort_by_key(|r| r.to_string());
        rows
    };
    let mut expected = expected;
    expected.sort_by_key(|r| r.to_string());
    let counted = shard_done(dense.view("timeline", None, None));
    assert_eq!(counted["events"], serde_json::json!([]));
    assert_eq!(rows(&counted), expected);
    assert_eq!(counted["other_outlets"], 0);
    assert_eq!(counted["documents"], whole.len());
    let mut half = lede::corpus_file::Shards::new();
    half.push(file_of(&mut corpus_of(&[&a])));
    half.set_whole_view_bytes(100);
    let counted = shard_done(half.view("timeline", None, Some(&memory_b)));
    assert_eq!(rows(&counted), expected);
    // Too big a file without counts to give says so.
    assert!(shard_done(big.view("timeline", None, None))["counts"].is_array());
    let mut lacking = lede::corpus_file::Shards::new();
    lacking.push(file_of(&mut corpus_of(&[&a])));
    lacking.set_view_limits(10, 20);
    let mut bytes = Vec::new();
    lede::corpus_file::write(&mut corpus_of(&[&b]), &mut bytes).expect("written");
    lacking.push(open(without_timeline_counts(bytes)).expect("opens"));
    let e = lacking.view("timeline", None, None).expect_err("too big");
    assert!(e.to_string().contains("search first"), "{e}");
    assert_eq!(
        events(shard_done(dense.view("timeline", Some(&spread), None))),
        scoped
    );
    assert!(shard_done(dense.view("people", None, None)).is_array());
}

/// Every segment of a corpus file held in memory, as shards.
fn segments_of(bytes: &[u8]) -> lede::corpus_file::Shards<MemorySource> {
    let first = open(bytes.to_vec()).expect("opens");
    let mut shards = lede::corpus_file::Shards::new();
    let others = first.segments();
    let members = first.members_shared();
    shards.push(first);
    for prefix in others {
        match CorpusFile::open_segment(MemorySource::whole(bytes.to_vec()), members.clone(), prefix)
            .expect("segment opens")
        {
            Opened::Ready(f) => shards.push(*f),
            Opened::Need(..) => panic!("a whole file never needs more"),
        }
    }
    shards
}

/// A fresh folder holding the files of [`two_halves`].
fn halves_dir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("lede-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (a, b) = two_halves();
    for (name, bytes) in a.iter().chain(&b) {
        std::fs::write(dir.join(name.replace('/', "_")), bytes).unwrap();
    }
    dir
}

/// Output that takes `room` bytes, then fails as a full disk does.
struct FullDisk {
    room: usize,
}

impl std::io::Write for FullDisk {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if buf.len() > self.room {
            return Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "no space left on device",
            ));
        }
        self.room -= buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_build_whose_output_fails_stops_reading_and_says_so() {
    // The build reads and extracts ahead on a thread of its own: a write
    // that fails must end that thread too, not leave the build waiting.
    let dir = halves_dir("full");
    let (tx, rx) = std::sync::mpsc::channel();
    let d = dir.clone();
    std::thread::spawn(move || {
        let mut w = lede::corpus_file::Writer::new(FullDisk { room: 30_000 });
        let r = lede::corpus_file::build::build(&mut w, &[&d], 20_000, Default::default());
        let _ = tx.send(r.map(|_| ()).map_err(|e| e.to_string()));
    });
    let got = rx
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("the build ended");
    let e = got.expect_err("the write failed");
    assert!(e.contains("no space left"), "{e}");
}

#[test]
fn a_streaming_build_writes_segments_that_answer_as_one_corpus() {
    let dir = halves_dir("seg");
    // About 20 KB of text per segment: several segments.
    let mut w = lede::corpus_file::Writer::new(Vec::new());
    let built = lede::corpus_file::build::build(&mut w, &[&dir], 20_000, Default::default())
        .expect("built");
    let (stats, bytes) = w.finish_into().expect("finished");
    assert!(stats.segments >= 4, "{stats:?}");
    let whole = {
        let mut c = Corpus::new();
        c.import_paths(&[&dir]).expect("imported");
        c
    };
    assert_eq!(stats.docs, whole.len());
    assert_eq!(built.report.duplicates.len(), whole_duplicates(&dir));
    let mut shards = segments_of(&bytes);
    assert_eq!(shards.len(), stats.segments);
    let opts = SearchOptions::default();
    for q in [
        "government",
        "broadband",
        "\"mobile phone\"",
        "Lavrov",
        "outlet:TASS OR shares",
    ] {
        let got = shard_done(shards.search(None, q, &opts));
        let expected = whole.search(q, &opts);
        assert_eq!(got.total, expected.total, "{q}");
        let titles = |r: &lede::SearchResults| -> Vec<(Option<String>, String)> {
            r.hits
                .iter()
                .map(|h| (h.title.clone(), format!("{:.4}", h.score)))
                .collect()
        };
        assert_eq!(titles(&got), titles(&expected), "{q}");
    }

    // Segments past the file's first `views_until` documents store no
    // whole-corpus views; asked for one anyway (a reader that reads views
    // of a file that big), it is computed from their documents, the same.
    let mut lean = lede::corpus_file::Writer::new(Vec::new()).views_until(10);
    lede::corpus_file::build::build(&mut lean, &[&dir], 20_000, Default::default()).expect("built");
    let (lean_stats, lean_bytes) = lean.finish_into().expect("finished");
    assert_eq!(lean_stats.segments, stats.segments);
    let views = |bytes: &[u8]| -> Vec<String> {
        open(bytes.to_vec())
            .expect("opens")
            .members()
            .iter()
            .filter(|m| m.name.contains("views/"))
            .map(|m| m.name.clone())
            .collect()
    };
    let (full, lean) = (views(&bytes), views(&lean_bytes));
    assert_eq!(full.len(), 6 * stats.segments, "{full:?}");
    // The timeline's and the people's counts are stored by every segment.
    let counts = |v: &[String]| {
        v.iter()
            .filter(|n| n.ends_with("timeline-counts.bin") || n.ends_with("people-counts.json"))
            .count()
    };
    assert_eq!(counts(&lean), 2 * stats.segments, "{lean:?}");
    assert_eq!(
        lean.len() - counts(&lean),
        4,
        "only the first segment's: {lean:?}"
    );
    assert!(lean_bytes.len() < bytes.len());
    let mut lean_shards = segments_of(&lean_bytes);
    for s in [&mut shards, &mut lean_shards] {
        s.set_view_limits(100_000, 20_000);
    }
    for name in ["people", "timeline", "statements"] {
        assert_eq!(
            shard_done(lean_shards.view(name, None, None)),
            shard_done(shards.view(name, None, None)),
            "{name}"
        );
    }
    // Counted without the timeline's events made (and kept), the same.
    assert_eq!(
        shard_done(lean_shards.timeline_counts(None)),
        shard_done(shards.timeline_counts(None))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Duplicates one import of `dir` leaves out.
fn whole_duplicates(dir: &std::path::Path) -> usize {
    Corpus::new()
        .import_paths(&[dir])
        .expect("imported")
        .duplicates
        .len()
}

/// Everything a hit shows, to compare shards with one index.
fn shown(r: &lede::SearchResults) -> serde_json::Value {
    let hits: Vec<serde_json::Value> = r
        .hits
        .iter()
        .map(|h| {
            serde_json::json!([
                h.id,
                h.file,
                h.title,
                h.outlet,
                h.date,
                h.date_source,
                (h.score * 1e4).round() / 1e4,
                h.snippet,
                h.highlights,
                h.title_highlights,
                h.location
                    .as_ref()
                    .map(|l| serde_json::to_value(l).unwrap()),
            ])
        })
        .collect();
    serde_json::json!({ "total": r.total, "hits": hits, "notes": r.notes })
}

#[test]
fn shards_read_only_the_page_and_answer_as_one_index_with_any_cache() {
    let (a, b) = two_halves();
    let whole = corpus_of(&[&a, &b]);
    let mut shards = lede::corpus_file::Shards::new();
    shards.push(file_of(&mut corpus_of(&[&a])));
    shards.push(file_of(&mut corpus_of(&[&b])));
    // Pages of the union (the first screen, the next, by date) show what
    // one index shows, hit for hit, though each shard ranks bare hits
    // first and reads only the documents of the page.
    for (offset, limit, sort) in [
        (0, 20, lede::Sort::Relevance),
        (20, 20, lede::Sort::Relevance),
        (0, 7, lede::Sort::Date),
        (3, 9, lede::Sort::DateAsc),
    ] {
        let opts = SearchOptions {
            offset,
            limit,
            sort,
            ..SearchOptions::default()
        };
        for q in ["government", "market growth", "comp*", "technolgy", "NATO"] {
            let expected = shown(&whole.search(q, &opts));
            let got = shown(&shard_done(shards.search(None, q, &opts)));
            assert_eq!(got, expected, "{q} at {offset}+{limit} {sort:?}");
        }
    }
    // A reader that keeps nothing between queries (its budget spent at
    // once) answers as one that keeps everything, query after query.
    let mut tiny = file_of(&mut corpus_of(&[&a, &b]));
    tiny.set_budget(0, 1);
    let opts = SearchOptions::default();
    for q in [
        "government",
        "broadband",
        "government",
        "Lavrov",
        "outlet:TASS",
    ] {
        assert_eq!(
            shown(&done(tiny.search(q, &opts))),
            shown(&whole.search(q, &opts)),
            "{q}"
        );
        // The page's documents, and the one the budget kept before.
        assert!(
            tiny.cached_docs() <= opts.limit + 1,
            "{}",
            tiny.cached_docs()
        );
    }
}

/// Document ids in a view (`doc` numbers, `docs` lists) replaced by the
/// file each names (`files`: id → file), so that views of files whose ids
/// differ compare.
fn by_file(v: &mut serde_json::Value, files: &std::collections::HashMap<u64, String>) {
    use serde_json::Value;
    let name = |x: &mut Value| {
        if let Some(n) = x.as_u64() {
            *x = Value::from(files.get(&n).cloned().unwrap_or_else(|| format!("?{n}")));
        }
    };
    match v {
        Value::Array(a) => a.iter_mut().for_each(|x| by_file(x, files)),
        Value::Object(o) => {
            for (k, x) in o.iter_mut() {
                match (k.as_str(), x) {
                    ("doc" | "other" | "id", x @ Value::Number(_)) => name(x),
                    ("docs", Value::Array(a)) if a.iter().all(Value::is_number) => {
                        a.iter_mut().for_each(name)
                    }
                    (_, x) => by_file(x, files),
                }
            }
        }
        _ => {}
    }
}

/// Where two JSON values first differ (a path and both sides), for a
/// failure message that fits on a screen.
fn first_diff(a: &serde_json::Value, b: &serde_json::Value, at: &str) -> Option<String> {
    use serde_json::Value;
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                if let Some(d) = first_diff(p, q, &format!("{at}[{i}]")) {
                    return Some(d);
                }
            }
            (x.len() != y.len()).then(|| format!("{at}: {} items against {}", x.len(), y.len()))
        }
        (Value::Object(x), Value::Object(y)) => {
            for (k, p) in x {
                match y.get(k) {
                    Some(q) => {
                        if let Some(d) = first_diff(p, q, &format!("{at}.{k}")) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("{at}.{k}: only on the left")),
                }
            }
            (x.len() != y.len()).then(|| format!("{at}: keys differ"))
        }
        _ => (a != b).then(|| format!("{at}: {a} against {b}")),
    }
}

/// Every live document's union id → its file, from the document lists.
fn files_by_id(
    shards: &lede::corpus_file::Shards<MemorySource>,
) -> std::collections::HashMap<u64, String> {
    let mut out = std::collections::HashMap::new();
    for (i, f) in shards.files().iter().enumerate() {
        for page in 0.. {
            let text = done(f.list_text(page));
            let items: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
            if items.is_empty() {
                break;
            }
            for d in items {
                let id = d["id"].as_u64().unwrap() + shards.base(i) as u64;
                out.insert(id, d["file"].as_str().unwrap().to_string());
            }
        }
    }
    out
}

#[test]
fn segments_merged_on_disk_answer_as_the_segments_did() {
    let dir = halves_dir("compact");
    let mut w = lede::corpus_file::Writer::new(Vec::new());
    lede::corpus_file::build::build(&mut w, &[&dir], 40_000, Default::default()).expect("built");
    let (stats, bytes) = w.finish_into().expect("finished");
    assert!(stats.segments >= 3, "{stats:?}");
    let mut shards = segments_of(&bytes);
    let mut files: Vec<CorpusFile<MemorySource>> = Vec::new();
    while let Some(f) = shards.remove(0) {
        files.push(f);
    }
    // Blocks of 4 documents as the segments have them, copied (below);
    // here of 6: every segment's documents read and written again.
    let (merged_stats, merged) =
        lede::corpus_file::compact::compact_in_blocks(&mut files, 1_000_000, Some(6), Vec::new())
            .expect("merged");
    assert_eq!(open(merged.clone()).unwrap().header().doc_block, 6);
    assert_eq!(merged_stats.segments, 1);
    assert_eq!(merged_stats.docs, stats.docs);
    let mut one = segments_of(&merged);
    assert_eq!(one.len(), 1, "one segment");
    let mut shards = segments_of(&bytes);
    let (names_seg, names_one) = (files_by_id(&shards), files_by_id(&one));
    assert_eq!(names_one.len(), stats.docs);
    // The document list: the same files in the same order.
    let listed = |m: &std::collections::HashMap<u64, String>| {
        let mut v: Vec<(&u64, &String)> = m.iter().collect();
        v.sort();
        v.into_iter().map(|(_, f)| f.clone()).collect::<Vec<_>>()
    };
    assert_eq!(listed(&names_one), listed(&names_seg));
    let opts = SearchOptions {
        limit: 30,
        ..SearchOptions::default()
    };
    let by_date = SearchOptions {
        sort: lede::Sort::Date,
        ..opts.clone()
    };
    let mut queries: Vec<&str> = QUERIES.to_vec();
    queries.extend([
        "government",
        "market growth",
        "\"mobile phone\"",
        "comp*",
        "technolgy",
        "outlet:TASS OR broadband",
        "person:Lavrov",
        "date:2004..2005 shares",
    ]);
    let seen = |r: &lede::SearchResults,
                names: &std::collections::HashMap<u64, String>,
                q: &str|
     -> serde_json::Value {
        let hits: Vec<serde_json::Value> = r
            .hits
            .iter()
            .map(|h| {
                assert_eq!(
                    names.get(&(h.id as u64)),
                    Some(&h.file),
                    "{q}: the id names the file"
                );
                serde_json::json!([
                    h.file,
                    h.title,
                    h.date,
                    (h.score * 1e4).round() / 1e4,
                    h.snippet,
                    h.highlights,
                ])
            })
            .collect();
        // Flags over several segments say that they are found within
        // each; the merged file's are the same flags.
        let notes: Vec<&String> = r
            .notes
            .iter()
            .filter(|n| !n.contains("not across"))
            .collect();
        // Facets with few values; those with many (names) are compared
        // below: each segment counts its top 50 values only.
        let f = &r.facets;
        serde_json::json!({
            "total": r.total,
            "hits": hits,
            "notes": notes,
            "facets": serde_json::json!([f.outlet, f.author, f.year_month, f.lang, f.section, f.flags]),
        })
    };
    // Where segments searched as one count a name, the merged file (one
    // index: every match's values) counts it at least as often.
    let names_counted = |one: &lede::SearchResults, segs: &lede::SearchResults, q: &str| {
        let lists = |r: &lede::SearchResults| {
            let f = &r.facets;
            [
                f.speaker.clone(),
                f.person.clone(),
                f.org.clone(),
                f.place.clone(),
            ]
        };
        for (a, b) in lists(one).iter().zip(lists(segs).iter()) {
            for c in b {
                match a.iter().find(|x| x.value == c.value) {
                    Some(x) => assert!(
                        x.count >= c.count,
                        "{q}: {} {} < {}",
                        c.value,
                        x.count,
                        c.count
                    ),
                    // Past the merged list's 50 values: counted less often
                    // than its last.
                    None => assert!(
                        a.len() == 50 && a.last().is_some_and(|l| l.count >= c.count),
                        "{q}: {} {}",
                        c.value,
                        c.count
                    ),
                }
            }
        }
    };
    for q in &queries {
        for o in [&opts, &by_date] {
            let (segs, merged) = (
                shard_done(shards.search(None, q, o)),
                shard_done(one.search(None, q, o)),
            );
            let expected = seen(&segs, &names_seg, q);
            let got = seen(&merged, &names_one, q);
            assert_eq!(first_diff(&got, &expected, q), None);
            names_counted(&merged, &segs, q);
        }
    }
    // The views, stored merged as the segments' are merged when read.
    for name in ["people", "timeline", "statements", "stories"] {
        let mut expected = shard_done(shards.view(name, None, None));
        let mut got = shard_done(one.view(name, None, None));
        by_file(&mut expected, &names_seg);
        by_file(&mut got, &names_one);
        assert_eq!(first_diff(&got, &expected, name), None);
    }
    let has_views = |bytes: &[u8]| {
        open(bytes.to_vec()).unwrap().members().iter().any(|m| {
            m.name.starts_with("views/")
                && !["views/timeline-counts.bin", "views/people-counts.json"]
                    .contains(&m.name.as_str())
        })
    };
    assert!(has_views(&merged));
    // A document opens the same under its new id.
    let (hit_seg, hit_one) = (
        shard_done(shards.search(None, "broadband", &opts)).hits[0].id,
        shard_done(one.search(None, "broadband", &opts)).hits[0].id,
    );
    assert_eq!(
        shard_done(one.document(hit_one, None)),
        shard_done(shards.document(hit_seg, None))
    );
    // The flags and the prints (what an import checks against).
    let flags = |s: &lede::corpus_file::Shards<MemorySource>, names| {
        let (f, complete) = s.flags(None);
        let mut v = serde_json::to_value(&f).unwrap();
        by_file(&mut v, names);
        (v, complete)
    };
    let (f_one, complete) = flags(&one, &names_one);
    assert!(complete);
    assert_eq!(f_one, flags(&shards, &names_seg).0);
    let prints = |s: &mut lede::corpus_file::Shards<MemorySource>,
                  names: &std::collections::HashMap<u64, String>| {
        let mut v = Vec::new();
        for i in 0..s.len() {
            let base = s.base(i) as u64;
            let f = s.file_mut(i).unwrap();
            for (id, p) in done(f.print_list()) {
                v.push((names[&(id as u64 + base)].clone(), p));
            }
        }
        v
    };
    assert_eq!(
        prints(&mut one, &names_one),
        prints(&mut shards, &names_seg)
    );
    // Over `views_up_to` documents no view is stored (a file that big
    // computes views on a search's documents).
    let mut files: Vec<CorpusFile<MemorySource>> = Vec::new();
    let mut again = segments_of(&bytes);
    while let Some(f) = again.remove(0) {
        files.push(f);
    }
    let (_, big) = lede::corpus_file::compact::compact(&mut files, 10, Vec::new()).expect("merged");
    assert!(!has_views(&big));
    assert!(big.len() < merged.len());
    let mut big = segments_of(&big);
    // ... but the timeline's counts are, whatever the size: the whole
    // timeline of a file that big is its counts, those of the segments.
    big.set_view_limits(10, 20);
    let counted = shard_done(big.view("timeline", None, None));
    assert_eq!(counted["events"], serde_json::json!([]));
    assert!(!counted["counts"].as_array().unwrap().is_empty());
    let mentions: u64 = chart_rows(&counted)
        .iter()
        .map(|r| r[3].as_u64().unwrap())
        .sum();
    assert_eq!(
        mentions,
        shard_done(shards.timeline_counts(None)).unwrap().mentions()
    );
    assert_eq!(
        shard_done(big.timeline_counts(None)),
        shard_done(shards.timeline_counts(None))
    );
    // ... and the people's counts: the merged file's people are those of
    // its segments.
    let mut segs_big = segments_of(&bytes);
    segs_big.set_view_limits(10, 20);
    assert_eq!(
        shard_done(big.view("people", None, None)),
        shard_done(segs_big.view("people", None, None))
    );
    assert_eq!(big.files()[0].header().doc_block, 4);
    let names_big = files_by_id(&big);
    for q in &queries {
        let expected = seen(&shard_done(shards.search(None, q, &opts)), &names_seg, q);
        let got = seen(&shard_done(big.search(None, q, &opts)), &names_big, q);
        assert_eq!(first_diff(&got, &expected, q), None);
    }
    let (hit_big, hit_seg) = (
        shard_done(big.search(None, "Lavrov", &opts)).hits[0].id,
        shard_done(shards.search(None, "Lavrov", &opts)).hits[0].id,
    );
    assert_eq!(
        shard_done(big.document(hit_big, None)),
        shard_done(shards.document(hit_seg, None))
    );
    let _ = std::fs::remove_dir_all(&dir);
}
