//! `lede`: the command-line face of the Lede core. Every command prints JSON.
//!
//! ```text
//! lede parse FILE...       one JSON object per article (JSON Lines); a
//!                          JSON/JSONL/CSV/SGML/ZIP file yields one per
//!                          record or member ("file": "path#line")
//! lede search [--limit N] --corpus PATH [--corpus PATH]... QUERY
//!                          one JSON object: query, total, took_ms, hits
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
  search [--limit N] --corpus PATH [--corpus PATH]... QUERY
                   search files or folders (read recursively, any format
                   above); prints one JSON object {query, total, took_ms, hits}";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match cmd.as_str() {
        "parse" => cmd_parse(rest),
        "search" => cmd_search(rest),
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
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    for f in files {
        let items = match read(f) {
            Ok(bytes) => lede::doc::parse_file(f, &bytes),
            Err(e) => vec![lede::doc::ImportItem::err(f, e)],
        };
        for item in items {
            match item.result {
                Ok(d) => emit(&mut out, &parse_json(&d, &item.file)),
                Err(e) => {
                    failed = true;
                    emit(
                        &mut out,
                        &json!({"file": item.file, "error": e.to_string()}),
                    );
                }
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

const SEARCH_USAGE: &str = "usage: lede search [--limit N] --corpus PATH [--corpus PATH]... QUERY";

/// Files under `path` (itself when a file), sorted, hidden ones skipped.
fn collect_files(path: &std::path::Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        entries.sort();
        for e in entries {
            collect_files(&e, out)?;
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
}

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
        let name = f.to_string_lossy().to_string();
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
