//! Tags and notes (issue 16, item 3): kept with the corpus, found with
//! `tag:`, carried by the JSON Lines export and back, written into corpus
//! files and changed there by `lede tags`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lede::{Corpus, SearchOptions, Tags, Target};
use serde_json::{json, Value};

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");

fn lede(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(args)
        .output()
        .expect("lede runs")
}

fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "lede failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON out")
}

fn seeds() -> Corpus {
    let mut c = Corpus::new();
    let files: Vec<(String, Vec<u8>)> = std::fs::read_dir(SEEDS)
        .expect("seeds")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| (p.display().to_string(), std::fs::read(&p).expect("seed")))
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    c.import_many(&refs);
    c
}

fn total(c: &Corpus, q: &str) -> usize {
    c.search(q, &SearchOptions::default()).total
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lede-tags-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// A quote of Lavrov's tagged is found with `tag:`, the export carries it
/// on its document's line, and a corpus imported from the export has it
/// again (as does the tab that holds the documents already: the lines are
/// duplicates, their tags merged).
#[test]
fn a_tagged_quote_survives_the_json_lines_round_trip() {
    let mut c = seeds();
    let quotes = c.quotes("speaker:Lavrov", 5);
    let q = quotes.quotes.first().expect("a Lavrov quote");
    let key = c.doc_key(q.doc).expect("key");
    let mut tags = Tags::default();
    let target =
        Target::new("quote", &lede::tags::quote_key(&key, q.start, q.end)).expect("quote key");
    tags.add(&target, "Follow up");
    tags.set_note(&target, "check the transcript");
    tags.add(
        &Target::new("person", "Jens Stoltenberg").expect("person"),
        "NATO side",
    );
    tags.searches.push(json!({"name": "nato", "q": "NATO"}));
    c.set_tags(tags.clone());

    assert_eq!(total(&c, "tag:\"follow up\""), 1);
    assert!(
        total(&c, "tag:\"nato side\"") >= 1,
        "a person's tag finds their documents"
    );
    assert_eq!(total(&c, "tag:nothing"), 0);

    let mut jsonl = c.to_jsonl();
    let line = jsonl
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("line"))
        .find(|v| v["id"] == q.doc)
        .expect("its line");
    assert_eq!(line["quote_notes"][0]["tags"][0], "Follow up");
    assert_eq!(line["quote_notes"][0]["start"], q.start);
    // The page puts the corpus's notes (people, saved searches) on the
    // first line; so does this test.
    let mut lines: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("line"))
        .collect();
    lines[0]["workbench"] = tags.workbench().expect("workbench");
    jsonl = lines.iter().map(|v| format!("{v}\n")).collect();

    let mut back = Corpus::new();
    let r = back.import("export.jsonl", jsonl.as_bytes());
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(back.tags().quotes, tags.quotes);
    assert_eq!(back.tags().people, tags.people);
    assert_eq!(back.tags().searches, tags.searches);
    assert_eq!(total(&back, "tag:\"Follow up\""), 1);

    // The same export into the corpus it came from: every line a
    // duplicate, the tags merged in all the same.
    let mut again = seeds();
    let r = again.import("export.jsonl", jsonl.as_bytes());
    assert!(r.added.is_empty());
    assert_eq!(again.tags().quotes, tags.quotes);
}

/// Tags given in JSON Lines input reach `lede search --corpus`, the
/// corpus file `lede build` writes and `--index`; `lede tags --index`
/// changes them in the file.
#[test]
fn lede_tags_reads_and_writes_them() {
    let dir = scratch("cli");
    let input = dir.join("in.jsonl");
    std::fs::write(
        &input,
        concat!(
            r#"{"title":"Talks in Geneva","text":"Sergey Lavrov said that \"the talks were useful\", according to the ministry. More followed.\n\n\"We will wait for the answer,\" he added.","outlet":"TASS","date":"2022-01-10","tags":["Check","Geneva"],"note":"call the desk"}"#,
            "\n",
            r#"{"title":"Rain in Paris","text":"It rained in Paris all week, the forecasters said. Nothing else happened.","outlet":"AFP","date":"2022-01-11"}"#,
            "\n"
        ),
    )
    .expect("input");
    let p = |x: &Path| x.display().to_string();
    let listed = json(&lede(&["tags", "--corpus", &p(&input)]));
    assert_eq!(listed["tags"][0]["tag"], "Check");
    assert_eq!(listed["tags"][0]["docs"], 1);
    assert_eq!(listed["notes"], 1);
    let hits = json(&lede(&["search", "--corpus", &p(&input), "tag:check"]));
    assert_eq!(hits["total"], 1);
    assert_eq!(hits["hits"][0]["title"], "Talks in Geneva");

    let file = dir.join("c.lede");
    assert!(lede(&["build", "--out", &p(&file), &p(&input)])
        .status
        .success());
    let hits = json(&lede(&["search", "--index", &p(&file), "tag:geneva"]));
    assert_eq!(hits["total"], 1);

    let changed = json(&lede(&[
        "tags",
        "--index",
        &p(&file),
        "--add",
        "weather",
        "--doc",
        "1",
        "--note",
        "rain",
    ]));
    assert_eq!(changed["changed"]["tags"][0], "weather");
    assert_eq!(changed["changed"]["note"], "rain");
    let hits = json(&lede(&["search", "--index", &p(&file), "tag:Weather"]));
    assert_eq!(hits["hits"][0]["title"], "Rain in Paris");
    // The file is still whole: every other search as before.
    assert_eq!(
        json(&lede(&["search", "--index", &p(&file), "Paris"]))["total"],
        1
    );

    // Edits write the tags over the last ones: the file does not grow.
    let size = || std::fs::metadata(&file).expect("file").len();
    let edit = |op: &str| {
        json(&lede(&[
            "tags",
            "--index",
            &p(&file),
            op,
            "weather",
            "--doc",
            "1",
        ]))
    };
    let before = size();
    for _ in 0..3 {
        edit("--remove");
        edit("--add");
    }
    assert_eq!(size(), before);
    edit("--remove");
    assert_eq!(
        json(&lede(&["search", "--index", &p(&file), "tag:weather"]))["total"],
        0
    );
    let person = json(&lede(&[
        "tags",
        "--index",
        &p(&file),
        "--add",
        "mfa",
        "--person",
        "Sergey Lavrov",
    ]));
    assert_eq!(person["changed"]["person"], "Sergey Lavrov");
    assert_eq!(
        json(&lede(&["search", "--index", &p(&file), "tag:mfa"]))["total"],
        1
    );

    // A quote, by its span as `lede quotes` gives it: counted as a quote,
    // found by tag: (its document).
    let quotes = json(&lede(&["quotes", "--index", &p(&file), "talks useful"]));
    let q = &quotes["quotes"][0];
    assert_eq!(q["doc"], 0);
    let span = format!("{}-{}", q["start"], q["end"]);
    let quoted = json(&lede(&[
        "tags",
        "--index",
        &p(&file),
        "--doc",
        "0",
        "--quote",
        &span,
        "--add",
        "verify",
        "--note",
        "ask the ministry",
    ]));
    assert_eq!(quoted["changed"]["quote"]["start"], q["start"]);
    assert_eq!(quoted["changed"]["tags"][0], "verify");
    let verify = quoted["tags"]
        .as_array()
        .expect("tags")
        .iter()
        .find(|t| t["tag"] == "verify")
        .expect("verify counted")
        .clone();
    assert_eq!(
        (verify["quotes"].clone(), verify["docs"].clone()),
        (json!(1), json!(0))
    );
    assert_eq!(
        json(&lede(&["search", "--index", &p(&file), "tag:verify"]))["hits"][0]["title"],
        "Talks in Geneva"
    );
    // In Quotes mode, tag: gives the tagged quote alone; a document's tag
    // gives all its quotes.
    let tagged = json(&lede(&["quotes", "--index", &p(&file), "tag:verify"]));
    assert_eq!(
        tagged["quotes"].as_array().map(Vec::len),
        Some(1),
        "{tagged}"
    );
    assert_eq!(tagged["quotes"][0]["start"], q["start"]);
    let whole = json(&lede(&["quotes", "--index", &p(&file), "tag:check"]));
    assert_eq!(whole["quotes"].as_array().map(Vec::len), Some(2), "{whole}");
    // A span that is no quote of the document: 1, nothing written.
    let out = lede(&[
        "tags",
        "--index",
        &p(&file),
        "--doc",
        "0",
        "--quote",
        "1-3",
        "--add",
        "x",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no quote at 1-3"));

    // Bad usage: 2, and nothing written.
    let (i, f) = (p(&input), p(&file));
    let mut bad = vec![
        vec!["tags", "--corpus", &i, "--add", "x", "--doc", "0"],
        vec!["tags", "--index", &f, "--add", "x"],
        vec!["tags", "--index", &f, "--doc", "0"],
        vec!["tags", "--index", &f, "--quote", "1-9", "--add", "x"],
    ];
    for span in ["9-1", "abc"] {
        bad.push(vec![
            "tags", "--index", &f, "--doc", "0", "--quote", span, "--add", "x",
        ]);
    }
    for args in bad {
        assert_eq!(lede(&args).status.code(), Some(2), "{args:?}");
    }
    // A document that is not there: 1, with its id named.
    let out = lede(&["tags", "--index", &p(&file), "--add", "x", "--doc", "99"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no document 99"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Several files searched as one (shards, union ids), a merge and an
/// append keep every file's tags.
#[test]
fn tags_of_several_files_merge() {
    let dir = scratch("shards");
    let p = |x: &Path| x.display().to_string();
    let write = |name: &str, title: &str, body: &str, tag: &str| {
        let path = dir.join(name);
        let line = serde_json::json!({"title": title, "text": body, "tags": [tag]});
        std::fs::write(&path, format!("{line}\n")).expect("input");
        path
    };
    let a = write(
        "a.jsonl",
        "Grain deal",
        "The grain deal was extended for two months, officials said.",
        "grain",
    );
    let b = write(
        "b.jsonl",
        "Gas prices",
        "Gas prices rose again in Europe this winter, traders said.",
        "energy",
    );
    let (fa, fb) = (dir.join("a.lede"), dir.join("b.lede"));
    for (input, file) in [(&a, &fa), (&b, &fb)] {
        assert!(lede(&["build", "--out", &p(file), &p(input)])
            .status
            .success());
    }
    // Two files as one: the second file's document under its union id.
    let both = ["--index", &p(&fa), "--index", &p(&fb)];
    let hits = json(&lede(&[&["search"][..], &both, &["tag:energy"]].concat()));
    assert_eq!(hits["hits"][0]["title"], "Gas prices");
    let listed = json(&lede(&[&["tags"][..], &both].concat()));
    assert_eq!(listed["tags"].as_array().map(Vec::len), Some(2));

    let merged = dir.join("m.lede");
    assert!(lede(&["merge", "-o", &p(&merged), &p(&fa), &p(&fb)])
        .status
        .success());
    let hits = json(&lede(&[
        "search",
        "--index",
        &p(&merged),
        "tag:grain OR tag:energy",
    ]));
    assert_eq!(hits["total"], 2);

    assert!(lede(&["build", "--append", "--out", &p(&fa), &p(&b)])
        .status
        .success());
    let listed = json(&lede(&["tags", "--index", &p(&fa)]));
    let names: Vec<&str> = listed["tags"]
        .as_array()
        .expect("tags")
        .iter()
        .filter_map(|t| t["tag"].as_str())
        .collect();
    assert_eq!(names, ["energy", "grain"]);
    // The appended segment's document is found through the file's tags.
    let hits = json(&lede(&["search", "--index", &p(&fa), "tag:energy"]));
    assert_eq!(hits["hits"][0]["title"], "Gas prices");
    let _ = std::fs::remove_dir_all(&dir);
}
