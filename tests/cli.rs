//! The `lede` binary's contract: every `--corpus` command sees the corpus
//! the page would hold for the same folder, exit codes (0 ok, 1 some input
//! failed, 2 bad usage), `--help` on every command, `--flag=value`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");

const COMMANDS: [&str; 16] = [
    "parse",
    "batch",
    "extract",
    "search",
    "compare",
    "kwic",
    "people",
    "timeline",
    "stories",
    "statements",
    "collocates",
    "keyness",
    "trends",
    "network",
    "quotes",
    "tags",
];

fn lede(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(args)
        .output()
        .unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn seed_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(SEEDS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

/// The seeds built into a corpus file (`lede build`) in a fresh folder.
fn seeds_file(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lede-cli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("seeds.lede");
    assert_eq!(
        lede(&["build", "-o", s(&file), SEEDS]).status.code(),
        Some(0)
    );
    file
}

/// A folder with the seeds, an exact copy of the first seed and, unless
/// `clean`, an empty file and a binary file.
fn folder(tag: &str, clean: bool) -> PathBuf {
    let d = std::env::temp_dir().join(format!("lede-cli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    let seeds = seed_files();
    for f in &seeds {
        std::fs::copy(f, d.join(f.file_name().unwrap())).unwrap();
    }
    std::fs::copy(&seeds[0], d.join("zz_copy.txt")).unwrap();
    if !clean {
        std::fs::write(d.join("empty.txt"), "").unwrap();
        std::fs::write(d.join("bad.bin"), [0u8, 1, 2, 0, 255, 0, 7, 0]).unwrap();
    }
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn files(values: impl IntoIterator<Item = Value>) -> BTreeSet<String> {
    values
        .into_iter()
        .map(|v| v["file"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn search_and_the_views_see_the_same_corpus() {
    let d = folder("same", false);
    let dir = s(&d);
    let expected: BTreeSet<String> = seed_files()
        .iter()
        .map(|f| s(&d.join(f.file_name().unwrap())).to_string())
        .collect();

    // Every seed mentions Lavrov; the copy is left out as a duplicate.
    let search = lede(&["search", "--limit", "100", "--corpus", dir, "Lavrov"]);
    let hits = files(json(&search)["hits"].as_array().unwrap().clone());
    assert_eq!(hits, expected);

    let people = lede(&["people", "--corpus", dir]);
    let lavrov = json(&people)
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Sergey Lavrov")
        .expect("Lavrov listed")
        .clone();
    assert_eq!(files(lavrov["docs"].as_array().unwrap().clone()), expected);

    // Lines come from bodies (one seed names Lavrov in its title only);
    // the copy of the first seed, which has him in its body, gives none.
    let kwic = lede(&["kwic", "--corpus", dir, "Lavrov"]);
    let lines = files(json(&kwic)["lines"].as_array().unwrap().clone());
    assert!(lines.len() >= 4 && lines.is_subset(&expected), "{lines:?}");

    // The seeds print no dates: search finds them by the dates the import
    // infers (December 2021 to February 2022), as the views do.
    let dated = lede(&["search", "--limit=100", "--corpus", dir, "date:2021..2023"]);
    assert_eq!(
        files(json(&dated)["hits"].as_array().unwrap().clone()),
        expected
    );
    let timeline = lede(&["timeline", "--corpus", dir]);
    assert!(!json(&timeline)["events"].as_array().unwrap().is_empty());

    for out in [&search, &people, &kwic, &dated, &timeline] {
        assert_eq!(out.status.code(), Some(1), "a failing file fails the run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("empty.txt") && err.contains("bad.bin"),
            "{err}"
        );
        assert!(err.contains("zz_copy.txt: same text as"), "{err}");
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn exit_codes() {
    let d = folder("codes", true);
    let dir = s(&d);
    // A duplicate is not a failure.
    for args in [
        &["search", "--corpus", dir, "Lavrov"][..],
        &["kwic", "--corpus", dir, "Lavrov"],
        &["people", "--corpus", dir],
        &["trends", "--corpus", dir, "security"],
    ] {
        assert_eq!(lede(args).status.code(), Some(0), "{args:?}");
    }
    let missing = s(&d.join("nope")).to_string();
    for (args, code) in [
        (
            &["search", "--corpus", dir, "--corpus", &missing, "q"][..],
            2,
        ),
        (&["people", "--corpus", dir, "--corpus", &missing], 1),
        (&["kwic", "--corpus", &missing, "q"], 1),
        (&[], 2),
        (&["frobnicate"], 2),
        (&["search", "--corpus", dir], 2),
        (&["search", "--frobnicate", "--corpus", dir, "q"], 2),
        (&["search", "--limit", "x", "--corpus", dir, "q"], 2),
        (&["kwic", "--sort", "sideways", "--corpus", dir, "q"], 2),
        (&["people"], 2),
        (&["people", "--corpus", dir, "stray"], 2),
        (&["trends", "--corpus", dir], 2),
        (&["extract", "--dct=soon", SEEDS], 2),
        (&["compare", SEEDS], 2),
        (&["parse"], 2),
    ] {
        let out = lede(args);
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?} prints nothing on stdout");
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn every_command_has_help() {
    for args in [&["--help"][..], &["help"]] {
        let out = lede(args);
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8_lossy(&out.stdout);
        for cmd in COMMANDS {
            assert!(text.contains(cmd), "{cmd} listed in {args:?}");
        }
    }
    for cmd in COMMANDS {
        let out = lede(&[cmd, "--help"]);
        assert_eq!(out.status.code(), Some(0), "{cmd} --help");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(&format!("Usage: lede {cmd}")), "{text}");
        assert!(text.contains("Exit status"), "{text}");
    }
}

#[test]
fn flag_equals_value_is_flag_space_value() {
    let seed = s(&seed_files()[0]).to_string();
    for (spaced, joined) in [
        (
            &[
                "kwic", "--width", "2", "--sort", "left", "--corpus", SEEDS, "security",
            ][..],
            &["kwic", "--width=2", "--sort=left", "--corpus=", "security"][..],
        ),
        (
            &[
                "collocates",
                "--window",
                "3",
                "--corpus",
                SEEDS,
                "--in",
                "NATO",
                "security",
            ],
            &[
                "collocates",
                "--window=3",
                "--corpus=",
                "--in=NATO",
                "security",
            ],
        ),
        (
            &["extract", "--dct", "2022-02-14", &seed],
            &["extract", "--dct=2022-02-14", &seed],
        ),
    ] {
        // `--corpus=` stands for `--corpus=SEEDS`.
        let corpus = format!("--corpus={SEEDS}");
        let joined: Vec<&str> = joined
            .iter()
            .map(|a| {
                if *a == "--corpus=" {
                    corpus.as_str()
                } else {
                    a
                }
            })
            .collect();
        let (a, b) = (lede(spaced), lede(&joined));
        assert_eq!(a.status.code(), Some(0), "{spaced:?}");
        assert_eq!(a.stdout, b.stdout, "{spaced:?} vs {joined:?}");
        assert!(!a.stdout.is_empty());
    }
    // Options before or after the query; -n and -c for search.
    let corpus = format!("--corpus={SEEDS}");
    let a = json(&lede(&["search", "--limit=1", &corpus, "security"]));
    let b = json(&lede(&["search", "security", "-n", "1", "-c", SEEDS]));
    assert_eq!(a["hits"], b["hits"]);
    assert_eq!(a["hits"].as_array().unwrap().len(), 1);
    // Query words starting with `-` after `--`.
    let c = json(&lede(&["search", "-c", SEEDS, "--", "security", "-NATO"]));
    assert_eq!(c["query"], "security -NATO");
    assert!(c["total"].as_u64().unwrap() < a["total"].as_u64().unwrap());
}

/// Issue 13 (6): `lede kwic --csv` neutralises every cell a spreadsheet
/// would run as a formula, from a file name and from the text around a
/// match (OWASP's CSV injection advice), and leaves numbers as numbers.
#[test]
fn kwic_csv_neutralises_formula_injection() {
    let d = std::env::temp_dir().join(format!("lede-cli-csv-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    let name = "=HYPERLINK(\"http:x\",\"y\").txt";
    std::fs::write(
        d.join(name),
        "Harbour news\n\nQuillon =HYPERLINK(\"http://x\",\"y\") and Quillon +cmd|' /C calc'!A0 \
         then Quillon @SUM(A1) then Quillon -2+3 and Quillon\t=1 and Quillon -1.5 end.\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_lede"))
        .current_dir(&d)
        .args(["kwic", "--csv", "--width", "2", "--corpus", name, "Quillon"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 6, "{}", String::from_utf8_lossy(&out.stdout));
    let cells: Vec<&str> = rows.iter().flat_map(|r| r.iter()).collect();
    for c in &cells {
        let risky = c.starts_with(['=', '+', '-', '@', '\t', '\r']);
        assert!(
            !risky || c.parse::<f64>().is_ok(),
            "{c:?} is not neutralised"
        );
    }
    for want in [
        "'=HYPERLINK(\"http:x\",\"y\").txt",
        "'=HYPERLINK(\"http",
        "'+cmd|' /C",
        "'@SUM(A1",
        "'-2+3",
        "'-1.5 end",
    ] {
        assert!(cells.contains(&want), "{want:?} not in {cells:?}");
    }
    // Neutralised cells are quoted in the file itself; numbers are not.
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("\"'+cmd|' /C\""), "{text}");
    assert!(rows.iter().all(|r| r[5].parse::<usize>().is_ok()));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn batch_runs_a_list_of_searches_with_counts_by_outlet_and_month() {
    let dir = folder("batch", true);
    let terms = dir.join("names.txt");
    std::fs::write(
        &terms,
        "Lavrov\n# a comment\n\nspeaker:Stoltenberg\n\"security guarantees\"\nzzzznotaname\n",
    )
    .unwrap();
    let out = lede(&["batch", "--corpus", "seeds", "--terms", s(&terms)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    let rows = v["terms"].as_array().expect("terms");
    let names: Vec<&str> = rows.iter().map(|r| r["term"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "Lavrov",
            "speaker:Stoltenberg",
            "\"security guarantees\"",
            "zzzznotaname"
        ]
    );
    // Each line answers as `lede search` does.
    for r in rows {
        let one = json(&lede(&[
            "search",
            "-n",
            "5",
            "--corpus",
            "seeds",
            r["term"].as_str().unwrap(),
        ]));
        assert_eq!(r["total"], one["total"], "{}", r["term"]);
        let by_outlet: u64 = r["by_outlet"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["count"].as_u64().unwrap())
            .sum();
        // Every matching seed has an outlet and a date here.
        assert_eq!(by_outlet, r["total"].as_u64().unwrap(), "{}", r["term"]);
        let months: Vec<&str> = r["by_month"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["value"].as_str().unwrap())
            .collect();
        let mut sorted = months.clone();
        sorted.sort();
        assert_eq!(months, sorted, "months in order");
        let files: Vec<&Value> = r["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| &h["file"])
            .collect();
        let expected: Vec<&Value> = one["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| &h["file"])
            .collect();
        assert_eq!(files, expected);
    }
    assert!(rows[0]["total"].as_u64().unwrap() >= 4);
    assert_eq!(rows[3]["total"], 0);
    assert!(rows[3]["notes"][0]
        .as_str()
        .unwrap()
        .contains("zzzznotaname"));
    // Standard input; a missing file is bad usage.
    let mut child = Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(["batch", "--corpus", "seeds", "--terms", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    child.stdin.take().unwrap().write_all(b"NATO\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(json(&out)["terms"][0]["term"], "NATO");
    assert_eq!(
        lede(&[
            "batch",
            "--corpus",
            "seeds",
            "--terms",
            s(&dir.join("none.txt"))
        ])
        .status
        .code(),
        Some(2)
    );
}

#[test]
fn keyness_compares_any_two_searches() {
    let rest = json(&lede(&["keyness", "--corpus", SEEDS, "outlet:TASS"]));
    let against = json(&lede(&[
        "keyness",
        "--corpus",
        SEEDS,
        "--against",
        "outlet:\"Anadolu Agency\"",
        "outlet:TASS",
    ]));
    assert_eq!(rest["target_size"], against["target_size"]);
    let (r, a) = (
        rest["reference_size"].as_u64().unwrap(),
        against["reference_size"].as_u64().unwrap(),
    );
    assert!(a > 0 && a < r, "one document against four: {a} < {r}");
    assert_ne!(rest["terms"], against["terms"]);
}

#[test]
fn network_gexf_parses_with_the_json_nodes() {
    let graph = json(&lede(&["network", "--corpus", SEEDS]));
    let nodes = graph["nodes"].as_array().unwrap();
    assert!(!nodes.is_empty() && !graph["edges"].as_array().unwrap().is_empty());
    let label = |id: &Value| {
        nodes[id.as_u64().unwrap() as usize]["label"]
            .as_str()
            .unwrap()
    };
    let lavrov = nodes
        .iter()
        .find(|n| n["label"].as_str().unwrap().contains("Lavrov"))
        .unwrap();
    for other in ["Stoltenberg", "Blinken"] {
        assert!(
            graph["edges"].as_array().unwrap().iter().any(|e| {
                let (a, b) = (label(&e["source"]), label(&e["target"]));
                (a == lavrov["label"] && b.contains(other))
                    || (b == lavrov["label"] && a.contains(other))
            }),
            "Lavrov – {other}"
        );
    }
    let out = lede(&["network", "--corpus", SEEDS, "--format", "gexf"]);
    assert_eq!(out.status.code(), Some(0));
    // Well-formed XML (quick-xml checks that end tags match) with one
    // <node> per JSON node.
    let mut reader = quick_xml::Reader::from_reader(&out.stdout[..]);
    let (mut count, mut depth, mut buf) = (0, 0i32, Vec::new());
    loop {
        match reader.read_event_into(&mut buf).unwrap() {
            quick_xml::events::Event::Start(e) => {
                depth += 1;
                count += usize::from(e.name().as_ref() == b"node");
            }
            quick_xml::events::Event::Empty(e) => {
                count += usize::from(e.name().as_ref() == b"node");
            }
            quick_xml::events::Event::End(_) => depth -= 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    assert_eq!((count, depth), (nodes.len(), 0));
    let csv = lede(&[
        "network",
        "--corpus",
        SEEDS,
        "--format",
        "csv",
        "--max-nodes",
        "3",
    ]);
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("source,target,kind,weight\n"), "{csv}");
    let small = json(&lede(&["network", "--corpus", SEEDS, "--max-nodes", "3"]));
    assert_eq!(small["nodes"].as_array().unwrap().len(), 3);
    assert_eq!(
        csv.lines().count(),
        small["edges"].as_array().unwrap().len() + 1
    );
}

#[test]
fn network_of_a_corpus_file_is_that_of_its_documents() {
    let file = seeds_file("network");
    let dir = file.parent().unwrap().to_path_buf();
    for within in [None, Some("outlet:TASS")] {
        let mut a = vec!["network", "--corpus", SEEDS];
        let mut b = vec!["network", "--index", s(&file)];
        if let Some(q) = within {
            a.extend(["--in", q]);
            b.extend(["--in", q]);
        }
        let (a, b) = (json(&lede(&a)), json(&lede(&b)));
        assert_eq!(a["nodes"], b["nodes"], "{within:?}");
        assert_eq!(a["edges"], b["edges"], "{within:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 16 (1, 7): `lede quotes` lists the quotes a query matches, the
/// same from `--corpus` and from `--index`, as JSON or as CSV with every
/// cell neutralised against formula injection.
#[test]
fn quotes_lists_a_speakers_quotes_as_json_and_csv() {
    let all = json(&lede(&[
        "quotes",
        "--corpus",
        SEEDS,
        "-n",
        "500",
        "speaker:Lavrov",
    ]));
    let nato = json(&lede(&[
        "quotes",
        "--corpus",
        SEEDS,
        "-n",
        "500",
        "speaker:Lavrov",
        "NATO",
    ]));
    let (a, n) = (
        all["total"].as_u64().unwrap(),
        nato["total"].as_u64().unwrap(),
    );
    assert!(n > 0 && n < a, "{n} < {a}");
    for q in all["quotes"].as_array().unwrap() {
        assert_eq!(q["speaker"], "Sergey Lavrov", "{q}");
        let src = std::fs::read_to_string(
            Path::new(SEEDS).join(Path::new(q["file"].as_str().unwrap()).file_name().unwrap()),
        )
        .unwrap();
        let (s, e) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(src.get(s..e).map(str::trim), q["text"].as_str(), "{q}");
    }
    // The same quotes from a corpus file.
    let file = seeds_file("quotes");
    let dir = file.parent().unwrap().to_path_buf();
    let indexed = json(&lede(&[
        "quotes",
        "--index",
        s(&file),
        "speaker:Lavrov",
        "NATO",
    ]));
    assert_eq!(indexed["total"], nato["total"]);
    let texts = |v: &Value| -> Vec<String> {
        v["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["text"].to_string())
            .collect()
    };
    assert_eq!(texts(&indexed)[..5], texts(&nato)[..5]);
    // And from two shards searched as one (union ids, documents loaded
    // from each).
    let seeds = seed_files();
    let (fa, fb) = (dir.join("a.lede"), dir.join("b.lede"));
    let mut args = vec!["build", "-o", s(&fa)];
    args.extend(seeds[..2].iter().map(|p| s(p)));
    assert_eq!(lede(&args).status.code(), Some(0));
    let mut args = vec!["build", "-o", s(&fb)];
    args.extend(seeds[2..].iter().map(|p| s(p)));
    assert_eq!(lede(&args).status.code(), Some(0));
    let sharded = json(&lede(&[
        "quotes",
        "--index",
        s(&fa),
        "--index",
        s(&fb),
        "speaker:Lavrov",
        "NATO",
    ]));
    assert_eq!(sharded["total"], nato["total"], "{sharded}");
    let mut a = texts(&sharded);
    let mut b = texts(&nato);
    a.sort();
    b.sort();
    assert_eq!(a, b);
    // CSV: the header, one row per quote, hostile cells neutralised.
    let name = "@evil.txt";
    std::fs::write(
        dir.join(name),
        "=SUM(1+1) harbour news\n\n\"We will never accept the harbour plan,\" Quillon Barr said on Monday.\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_lede"))
        .current_dir(&dir)
        .args([
            "quotes",
            "--format",
            "csv",
            "--corpus",
            name,
            "speaker:Barr",
            "harbour",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        ["quote", "speaker", "outlet", "date", "title", "file", "start", "end"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 1, "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(&rows[0][1], "Quillon Barr");
    assert_eq!(&rows[0][4], "'=SUM(1+1) harbour news");
    assert_eq!(&rows[0][5], "'@evil.txt");
    assert!(rows[0][0].contains("harbour plan"));
    assert!(rows[0][6].parse::<usize>().is_ok());
    assert_eq!(
        lede(&["quotes", "--corpus", s(&dir.join("none")), "x"])
            .status
            .code(),
        Some(2)
    );
    // People (the entities that speak) as CSV, one row a person.
    let out = lede(&["people", "--format", "csv", "--corpus", SEEDS]);
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        ["name", "aliases", "roles", "mentions", "quotes", "outlets"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let lavrov = rows.iter().find(|r| &r[0] == "Sergey Lavrov").unwrap();
    assert!(lavrov[1].contains("Sergei Lavrov") && lavrov[5].contains("TASS"));
    assert!(lavrov[4].parse::<usize>().unwrap() >= 5);
    let _ = std::fs::remove_dir_all(&dir);
}
