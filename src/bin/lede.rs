//! `lede`: the command-line face of the Lede core. Every command prints JSON.
//!
//! ```text
//! lede parse FILE...       one JSON object per article (JSON Lines); a
//!                          JSON/JSONL/CSV/SGML/ZIP file yields one per
//!                          record or member ("file": "path#line")
//! lede extract [--dct YYYY-MM-DD] FILE...   quotes, speakers, entities
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
                   quotes with speakers and entities; one JSON object per file";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match cmd.as_str() {
        "parse" => cmd_parse(rest),
        "extract" => cmd_extract(rest),
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
            let b = v.as_bytes();
            let ok = b.len() == 10
                && b[4] == b'-'
                && b[7] == b'-'
                && b.iter()
                    .enumerate()
                    .all(|(k, c)| k == 4 || k == 7 || c.is_ascii_digit());
            if !ok {
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
                let date = reference
                    .as_deref()
                    .and_then(lede::extract::time::Date::parse);
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
