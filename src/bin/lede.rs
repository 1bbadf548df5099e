//! `lede`: the command-line face of the Lede core. Every command prints JSON.
//!
//! ```text
//! lede parse FILE...       one JSON object per article (JSON Lines); a
//!                          JSON/JSONL/CSV/SGML/ZIP file yields one per
//!                          record or member ("file": "path#line")
//! lede extract [--dct YYYY-MM-DD] FILE...   quotes, speakers, entities, timexes
//! lede search [--limit N] --corpus PATH... QUERY   ranked hits (one JSON object)
//! lede compare FILE...     stories, shared statements and a side-by-side
//!                          comparison of the files (one JSON object)
//! lede kwic [--width N] [--sort position|left|right] [--csv]
//!           --corpus PATH [--corpus PATH]... QUERY
//!                          concordance of QUERY (a word, "a phrase" or a
//!                          prefix*) in files or folders (read recursively)
//! lede people|timeline|stories|statements --corpus PATH... [--in QUERY]
//! lede collocates [--window N] --corpus PATH... [--in QUERY] TERM
//! lede keyness --corpus PATH... [--in QUERY] TARGET_QUERY
//! lede trends --corpus PATH... [--in QUERY] TERM...
//!                          the page's views as JSON, over the whole corpus
//!                          or the documents matching `--in QUERY`
//! ```
//!
//! Exit status: 0 on success, 1 when some input failed, 2 for bad usage.

use std::io::Write;
use std::process::ExitCode;

use serde_json::{json, Value};

const USAGE: &str = "usage: lede <command> [args]

commands:
  parse FILE...    parse news articles (.txt .md .html .json .jsonl .csv .sgm .zip);
                   prints one JSON object per article
  extract [--dct YYYY-MM-DD] FILE...
                   quotes with speakers, entities and temporal expressions;
                   one JSON object per file
  search [--limit N] --corpus PATH [--corpus PATH]... QUERY
                   search files or folders (read recursively); one JSON object
  compare FILE...  stories, statements shared across the files, and what
                   each file has alone or leaves out (one JSON object)
  kwic [--width N] [--sort position|left|right] [--csv] --corpus PATH... QUERY
                   keyword in context: every match of QUERY (word, phrase,
                   prefix*) with N words of context (default 8)

The page's views, over files or folders (--corpus, repeatable), restricted
to the documents matching a search with --in QUERY (one JSON object each):
  people           every person, spellings merged, with their quotes
  timeline         dated events (document dates and dates in the text)
  stories          documents grouped into stories
  statements       one statement as several documents render it
  collocates [--window N] TERM     words found near TERM (log-likelihood, MI)
  keyness TARGET_QUERY             words typical of the documents matching
                                   TARGET_QUERY against the others
  trends TERM...                   monthly frequency of each term";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match cmd.as_str() {
        "parse" => cmd_parse(rest),
        "extract" => cmd_extract(rest),
        "search" => cmd_search(rest),
        "compare" => cmd_compare(rest),
        "kwic" => cmd_kwic(rest),
        "people" | "timeline" | "stories" | "statements" | "collocates" | "keyness" | "trends" => {
            cmd_view(cmd, rest)
        }
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("lede: unknown command '{other}'\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn emit(out: &mut impl Write, v: &Value) {
    let _ = writeln!(out, "{v}");
}

fn read(path: &str) -> Result<Vec<u8>, lede::Error> {
    std::fs::read(path).map_err(|e| lede::Error::Io {
        name: path.to_string(),
        message: e.to_string(),
    })
}

fn parse_json(d: &lede::Document, file: &str) -> Value {
    json!({
        "file": file,
        "title": d.title,
        "outlet": d.outlet,
        "authors": d.authors,
        "date": d.date,
        "lang": d.lang,
        "text": d.text(),
        "paragraphs": d.paragraphs,
        "boilerplate": d.boilerplate,
        "turns": d.turns.iter().map(|t| json!({"speaker": t.speaker, "text": t.text})).collect::<Vec<_>>(),
    })
}

fn cmd_parse(files: &[String]) -> ExitCode {
    if files.is_empty() {
        eprintln!("usage: lede parse FILE...");
        return ExitCode::from(2);
    }
    // Parse everything first: documents that print no date get one
    // inferred from their text and from the other files about the same
    // events.
    let mut items: Vec<lede::doc::ImportItem> = Vec::new();
    for f in files {
        match read(f) {
            Ok(bytes) => items.extend(lede::doc::parse_file(f, &bytes)),
            Err(e) => items.push(lede::doc::ImportItem::err(f, e)),
        }
    }
    let mut docs: Vec<lede::Document> = items
        .iter_mut()
        .filter_map(|i| i.result.as_mut().ok().map(std::mem::take))
        .collect();
    lede::Corpus::new().infer_dates(&mut docs);
    let mut docs = docs.into_iter();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    for item in items {
        match item.result {
            Ok(_) => {
                let d = docs.next().unwrap_or_default();
                emit(&mut out, &parse_json(&d, &item.file));
            }
            Err(e) => {
                failed = true;
                emit(
                    &mut out,
                    &json!({"file": item.file, "error": e.to_string()}),
                );
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn cmd_extract(args: &[String]) -> ExitCode {
    const USAGE: &str = "usage: lede extract [--dct YYYY-MM-DD] FILE...";
    let mut dct: Option<String> = None;
    let mut files: Vec<&String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if a == "--dct" {
            let Some(v) = args.get(i + 1) else {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            };
            // A real date, written YYYY-MM-DD.
            if lede::Date::parse(v).map_or(true, |d| d.to_string() != *v) {
                eprintln!("lede extract: --dct wants YYYY-MM-DD, got '{v}'");
                return ExitCode::from(2);
            }
            dct = Some(v.clone());
            i += 2;
        } else if let Some(v) = a.strip_prefix("--dct=") {
            dct = Some(v.to_string());
            i += 1;
        } else if a.starts_with("--") {
            eprintln!("lede extract: unknown option '{a}'\n{USAGE}");
            return ExitCode::from(2);
        } else {
            files.push(a);
            i += 1;
        }
    }
    if files.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    // Decode every file, extract, then merge names across the files given.
    let mut texts: Vec<(String, Result<String, lede::Error>)> = Vec::new();
    for f in &files {
        let r = read(f).and_then(|b| lede::doc::decode(f, &b));
        texts.push((f.to_string(), r));
    }
    let mut exs: Vec<lede::extract::Extraction> = texts
        .iter()
        .map(|(_, r)| match r {
            Ok(t) => lede::extract::extract(t),
            Err(_) => lede::extract::Extraction::default(),
        })
        .collect();
    lede::extract::canonicalize(&mut exs);
    // The reference date of relative expressions: --dct, else each
    // document's own date, printed or inferred (across the files given).
    let mut docs: Vec<lede::Document> = texts
        .iter()
        .map(|(f, r)| match r {
            Ok(t) => lede::doc::parse_plain(f, t.clone()),
            Err(_) => lede::Document::default(),
        })
        .collect();
    if dct.is_none() {
        lede::Corpus::new().infer_dates(&mut docs);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    for (((f, r), ex), doc) in texts.iter().zip(&exs).zip(&docs) {
        match r {
            Ok(text) => {
                let reference = dct.clone().or_else(|| doc.date.clone());
                let date = reference.as_deref().and_then(lede::Date::parse);
                let timexes = lede::extract::time::tag(text, date);
                emit(
                    &mut out,
                    &extract_json(f, reference.as_deref(), text, ex, &timexes),
                );
            }
            Err(e) => {
                failed = true;
                emit(&mut out, &json!({"file": f, "error": e.to_string()}));
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn extract_json(
    file: &str,
    dct: Option<&str>,
    text: &str,
    ex: &lede::extract::Extraction,
    timexes: &[lede::extract::time::Timex],
) -> Value {
    let co = lede::extract::CharOffsets::new(text);
    let body = lede::extract::to_json(text, ex, &co);
    json!({
        "file": file,
        "dct": dct,
        "quotes": body["quotes"],
        "entities": body["entities"],
        "timexes": timexes,
    })
}

/// Reads and parses files (any importable format; a CSV, JSONL or ZIP
/// file gives one document per record or member) into a corpus; failures
/// are reported on stderr and counted.
fn load_corpus(files: &[String]) -> (lede::Corpus, Vec<String>, usize) {
    let mut corpus = lede::Corpus::new();
    let mut names = Vec::new();
    let mut failed = 0;
    for f in files {
        let items = match read(f) {
            Ok(bytes) => lede::doc::parse_file(f, &bytes),
            Err(e) => vec![lede::doc::ImportItem::err(f, e)],
        };
        for item in items {
            match item.result {
                Ok(mut d) => {
                    d.file = item.file.clone();
                    corpus.add(d);
                    names.push(item.file);
                }
                Err(e) => {
                    failed += 1;
                    eprintln!("lede: {e}");
                }
            }
        }
    }
    (corpus, names, failed)
}

fn cmd_compare(files: &[String]) -> ExitCode {
    if files.len() < 2 {
        eprintln!("usage: lede compare FILE FILE...");
        return ExitCode::from(2);
    }
    let (corpus, names, failed) = load_corpus(files);
    let file_of = |id: lede::DocId| names.get(id as usize).cloned().unwrap_or_default();
    let docs = corpus.select(None);
    let stories = lede::analyze::stories(&docs, &lede::analyze::StoryOptions::default());
    let dups = lede::analyze::duplicates(&docs, &lede::analyze::DedupOptions::default());
    let opts = lede::analyze::AlignOptions::default();
    let statements = lede::analyze::statements(&docs, &opts);
    let comparison = lede::analyze::compare(&docs, &opts);
    let clusters: Vec<Value> = stories
        .iter()
        .map(|s| {
            json!({
                "files": s.docs.iter().map(|&d| file_of(d)).collect::<Vec<_>>(),
                "terms": s.terms,
                "first_date": s.first_date,
                "last_date": s.last_date,
                "cohesion": s.cohesion,
            })
        })
        .collect();
    let statements: Vec<Value> = statements
        .iter()
        .map(|s| {
            json!({
                "score": s.score,
                "members": s.members.iter().map(|m| json!({
                    "file": m.file,
                    "outlet": m.outlet,
                    "date": m.date,
                    "speaker": m.speaker,
                    "text": m.text,
                    "start": m.start,
                    "end": m.end,
                })).collect::<Vec<_>>(),
                "diff": s.links.first().map(|l| json!({"a": l.a, "b": l.b, "ops": l.diff})),
                "links": s.links.iter().map(|l| json!({"a": l.a, "b": l.b, "score": l.score})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let out = json!({
        "files": names,
        "clusters": clusters,
        "duplicates": {
            "exact": dups.exact.iter().map(|g| g.iter().map(|&d| file_of(d)).collect::<Vec<_>>()).collect::<Vec<_>>(),
            "near": dups.near.iter().map(|p| json!({"a": file_of(p.a), "b": file_of(p.b), "jaccard": p.jaccard})).collect::<Vec<_>>(),
        },
        "statements": statements,
        "comparison": comparison,
    });
    let stdout = std::io::stdout();
    emit(&mut stdout.lock(), &out);
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Regular files under `path` (itself when a file), sorted, hidden
/// entries skipped.
fn collect_files(path: &std::path::Path, out: &mut Vec<String>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .collect();
        entries.sort();
        for e in entries {
            let hidden = e
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if !hidden {
                collect_files(&e, out)?;
            }
        }
    } else if path.is_file() {
        out.push(path.to_string_lossy().into_owned());
    } else {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no such file or folder",
        ));
    }
    Ok(())
}

fn cmd_kwic(args: &[String]) -> ExitCode {
    const KWIC_USAGE: &str =
        "usage: lede kwic [--width N] [--sort position|left|right] [--csv] --corpus PATH [--corpus PATH]... QUERY";
    let mut width = 8usize;
    let mut sort = lede::analyze::KwicSort::Position;
    let mut csv = false;
    let mut paths = Vec::new();
    let mut query = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--width" => match it.next().and_then(|v| v.parse().ok()) {
                Some(w) => width = w,
                None => {
                    eprintln!("{KWIC_USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--sort" => match it.next().and_then(|v| lede::analyze::KwicSort::parse(v)) {
                Some(s) => sort = s,
                None => {
                    eprintln!("{KWIC_USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--csv" => csv = true,
            "--corpus" => match it.next() {
                Some(p) => paths.push(p.clone()),
                None => {
                    eprintln!("{KWIC_USAGE}");
                    return ExitCode::from(2);
                }
            },
            _ => query.push(a.clone()),
        }
    }
    if paths.is_empty() || query.is_empty() {
        eprintln!("{KWIC_USAGE}");
        return ExitCode::from(2);
    }
    let mut files = Vec::new();
    for p in &paths {
        if let Err(e) = collect_files(std::path::Path::new(p), &mut files) {
            eprintln!("lede: {p}: {e}");
            return ExitCode::from(1);
        }
    }
    let (corpus, _, failed) = load_corpus(&files);
    let q = query.join(" ");
    let conc = lede::analyze::kwic(&corpus.select(None), &q, width, sort);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if csv {
        let _ = write!(out, "{}", conc.to_csv());
    } else {
        let lines: Vec<Value> = conc
            .lines
            .iter()
            .map(|l| json!({"file": l.file, "left": l.left, "match": l.matched, "right": l.right, "start": l.start, "end": l.end}))
            .collect();
        emit(
            &mut out,
            &json!({"query": conc.query, "total": conc.total, "lines": lines}),
        );
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

const SEARCH_USAGE: &str = "usage: lede search [--limit N] --corpus PATH [--corpus PATH]... QUERY";

fn cmd_search(args: &[String]) -> ExitCode {
    let mut limit = 10usize;
    let mut corpora = Vec::new();
    let mut words = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        match flag {
            "--limit" | "-n" | "--corpus" | "-c" => {
                let value = match inline {
                    Some(v) => v,
                    None => {
                        i += 1;
                        match args.get(i) {
                            Some(v) => v.clone(),
                            None => {
                                eprintln!("lede search: {flag} needs a value\n{SEARCH_USAGE}");
                                return ExitCode::from(2);
                            }
                        }
                    }
                };
                if flag == "--limit" || flag == "-n" {
                    match value.parse() {
                        Ok(n) => limit = n,
                        Err(_) => {
                            eprintln!("lede search: --limit takes a number\n{SEARCH_USAGE}");
                            return ExitCode::from(2);
                        }
                    }
                } else {
                    corpora.push(value);
                }
            }
            "-h" | "--help" => {
                println!("{SEARCH_USAGE}");
                return ExitCode::SUCCESS;
            }
            "--" => {
                words.extend(args[i + 1..].iter().cloned());
                break;
            }
            f if f.starts_with("--") => {
                eprintln!("lede search: unknown option '{f}'\n{SEARCH_USAGE}");
                return ExitCode::from(2);
            }
            _ => words.push(a.clone()),
        }
        i += 1;
    }
    if corpora.is_empty() || words.is_empty() {
        eprintln!("{SEARCH_USAGE}");
        return ExitCode::from(2);
    }
    let query = words.join(" ");
    let mut files = Vec::new();
    for c in &corpora {
        let p = std::path::Path::new(c);
        if !p.exists() {
            eprintln!("lede search: {c}: no such file or folder");
            return ExitCode::from(2);
        }
        if let Err(e) = collect_files(p, &mut files) {
            eprintln!("lede search: {c}: {e}");
            return ExitCode::from(1);
        }
    }
    let mut corpus = lede::Corpus::new();
    for f in &files {
        let name = f.clone();
        let bytes = match read(&name) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("lede search: skipped {e}");
                continue;
            }
        };
        for item in lede::doc::parse_file(&name, &bytes) {
            match item.result {
                Ok(d) => {
                    corpus.add(d);
                }
                Err(e) => eprintln!("lede search: skipped {e}"),
            }
        }
    }
    let opts = lede::SearchOptions {
        limit,
        facets: false,
        ..lede::SearchOptions::default()
    };
    let start = std::time::Instant::now();
    let r = corpus.search(&query, &opts);
    let took_ms = start.elapsed().as_secs_f64() * 1000.0;
    let hits: Vec<Value> = r
        .hits
        .iter()
        .map(|h| {
            json!({
                "file": h.file,
                "title": h.title,
                "score": (h.score as f64 * 10_000.0).round() / 10_000.0,
                "snippet": h.snippet,
            })
        })
        .collect();
    let out = json!({
        "query": query,
        "total": r.total,
        "took_ms": (took_ms * 1000.0).round() / 1000.0,
        "hits": hits,
    });
    emit(&mut std::io::stdout().lock(), &out);
    ExitCode::SUCCESS
}

/// `lede people|timeline|stories|statements|collocates|keyness|trends`:
/// the views of the page, as the worker gives them to it.
fn cmd_view(cmd: &str, args: &[String]) -> ExitCode {
    let usage = match cmd {
        "collocates" => "usage: lede collocates [--window N] --corpus PATH... [--in QUERY] TERM",
        "keyness" => "usage: lede keyness --corpus PATH... [--in QUERY] TARGET_QUERY",
        "trends" => "usage: lede trends --corpus PATH... [--in QUERY] TERM...",
        _ => "usage: lede people|timeline|stories|statements --corpus PATH... [--in QUERY]",
    };
    let bad = || {
        eprintln!("{usage}");
        ExitCode::from(2)
    };
    let mut paths = Vec::new();
    let mut within: Option<String> = None;
    let mut window = 5usize;
    let mut rest: Vec<String> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--corpus" => match it.next() {
                Some(p) => paths.push(p.clone()),
                None => return bad(),
            },
            "--in" => match it.next() {
                Some(q) => within = Some(q.clone()),
                None => return bad(),
            },
            "--window" if cmd == "collocates" => match it.next().and_then(|v| v.parse().ok()) {
                Some(w) => window = w,
                None => return bad(),
            },
            _ => rest.push(a.clone()),
        }
    }
    let wants_terms = matches!(cmd, "collocates" | "keyness" | "trends");
    if paths.is_empty() || wants_terms == rest.is_empty() {
        return bad();
    }
    let (corpus, failed) = match import_corpus(&paths) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let ids = within.as_deref().map(|q| corpus.matching(q));
    let ids = ids.as_deref();
    let to_json = |v: Result<Value, serde_json::Error>| v.unwrap_or(Value::Null);
    let out = match cmd {
        "people" => {
            let people = corpus.people();
            let people: Vec<_> = match ids {
                Some(ids) => people
                    .into_iter()
                    .filter(|p| p.docs.iter().any(|d| ids.contains(&d.doc)))
                    .collect(),
                None => people,
            };
            to_json(serde_json::to_value(&people))
        }
        "timeline" => to_json(serde_json::to_value(corpus.timeline(ids))),
        "stories" => to_json(serde_json::to_value(lede::analyze::stories(
            &corpus.select(ids),
            &lede::analyze::StoryOptions::default(),
        ))),
        "statements" => to_json(serde_json::to_value(corpus.statements(ids))),
        "collocates" => {
            let opts = lede::analyze::CollocateOptions {
                window,
                ..Default::default()
            };
            to_json(serde_json::to_value(lede::analyze::collocates(
                &corpus.select(ids),
                &rest.join(" "),
                &opts,
            )))
        }
        "keyness" => {
            let target = corpus.matching(&rest.join(" "));
            let target: Vec<lede::DocId> = match ids {
                Some(ids) => target.into_iter().filter(|d| ids.contains(d)).collect(),
                None => target,
            };
            to_json(serde_json::to_value(lede::analyze::keyness(
                &corpus.select(Some(&target)),
                &corpus.select(ids),
                &lede::analyze::KeynessOptions::default(),
            )))
        }
        _ => {
            let terms: Vec<&str> = rest.iter().map(String::as_str).collect();
            to_json(serde_json::to_value(lede::analyze::trends(
                &corpus.select(ids),
                &terms,
            )))
        }
    };
    emit(&mut std::io::stdout().lock(), &out);
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Files and folders imported as the page imports them (dates inferred
/// across the corpus, exact duplicates left out); problems go to stderr.
/// Returns the corpus and how many inputs failed.
fn import_corpus(paths: &[String]) -> Result<(lede::Corpus, usize), ExitCode> {
    let mut files = Vec::new();
    for p in paths {
        if let Err(e) = collect_files(std::path::Path::new(p), &mut files) {
            eprintln!("lede: {p}: {e}");
            return Err(ExitCode::from(1));
        }
    }
    let mut failed = 0;
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    for f in files {
        match read(&f) {
            Ok(bytes) => inputs.push((f, bytes)),
            Err(e) => {
                eprintln!("lede: {e}");
                failed += 1;
            }
        }
    }
    let refs: Vec<(&str, &[u8])> = inputs
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let mut corpus = lede::Corpus::new();
    let report = corpus.import_many(&refs);
    for e in &report.errors {
        eprintln!("lede: {}: {}", e.file, e.error);
    }
    for d in &report.duplicates {
        eprintln!("lede: {}: same text as {}, left out", d.file, d.of_file);
    }
    Ok((corpus, failed + report.errors.len()))
}
