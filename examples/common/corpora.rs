//! Loaders of the shared corpora for the evaluators (`eval_dedup`,
//! `eval_stories`): Reuters-21578 SGML, BBC text files, the NewsArticles
//! CSV, PolNeAR texts; and the process CPU time.

#![allow(dead_code)]

use lede::Document;

#[path = "../../tests/common/mod.rs"]
mod shared;
pub use shared::CORPORA;

pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 8);
        match end {
            Some(e) => {
                let ent = &rest[1..e];
                match ent {
                    "lt" => out.push('<'),
                    "gt" => out.push('>'),
                    "amp" => out.push('&'),
                    "quot" => out.push('"'),
                    _ if ent.starts_with('#') => {
                        if let Some(c) = ent[1..].parse::<u32>().ok().and_then(char::from_u32) {
                            if !c.is_control() || c == '\n' {
                                out.push(c);
                            }
                        }
                    }
                    _ => out.push_str(&rest[..=e]),
                }
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

pub fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let i = s.find(open)? + open.len();
    let j = s[i..].find(close)? + i;
    Some(&s[i..j])
}

pub fn reuters_date(s: &str) -> Option<String> {
    // "26-FEB-1987 15:01:01.79", " 5-MAR-1987 09:22:57.75"
    let mut f = s.trim().splitn(3, '-');
    let d: u32 = f.next()?.trim().parse().ok()?;
    let months = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    let mon = f.next()?;
    let m = months.iter().position(|&m| m == mon)? + 1;
    let y: u32 = f.next()?.get(0..4)?.parse().ok()?;
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Reuters records with a body: (document, raw body, TOPICS tags). With
/// `titles`, the `<TITLE>` is the document's title; without, the document
/// is the body alone, as in the reference duplicate counts.
pub fn load_reuters(titles: bool) -> Vec<(Document, String, Vec<String>)> {
    let mut out = Vec::new();
    for k in 0..22 {
        let path = format!("{CORPORA}/reuters21578/reut2-{k:03}.sgm");
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let text = String::from_utf8_lossy(&bytes);
        for rec in text.split("<REUTERS").skip(1) {
            let Some(body) = between(rec, "<BODY>", "</BODY>") else {
                continue;
            };
            let newid = between(rec, "NEWID=\"", "\"").unwrap_or("?");
            let body = unescape(body);
            let paragraphs: Vec<String> = body
                .split("\n    ")
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|p| !p.is_empty())
                .collect();
            let topics: Vec<String> = between(rec, "<TOPICS>", "</TOPICS>")
                .unwrap_or("")
                .split("<D>")
                .filter_map(|t| t.split("</D>").next())
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect();
            let title = between(rec, "<TITLE>", "</TITLE>")
                .map(|t| unescape(t).trim().to_string())
                .filter(|t| titles && !t.is_empty());
            let doc = Document {
                file: format!("reut2-{k:03}.sgm#{newid}"),
                title,
                date: between(rec, "<DATE>", "</DATE>").and_then(reuters_date),
                lang: "en".into(),
                paragraphs,
                ..Document::default()
            };
            out.push((doc, body, topics));
        }
    }
    out
}

pub fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut v: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    v.sort();
    for p in v {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
}

/// BBC articles: (document, whitespace-normalized raw text).
pub fn load_bbc() -> Vec<(Document, String)> {
    let mut files = Vec::new();
    for topic in ["business", "entertainment", "politics", "sport", "tech"] {
        walk(
            &std::path::Path::new(CORPORA).join("bbc").join(topic),
            &mut files,
        );
    }
    files
        .iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p).ok()?;
            let name = p
                .strip_prefix(CORPORA)
                .unwrap_or(p)
                .to_string_lossy()
                .into_owned();
            let doc = lede::doc::parse_text(&name, &bytes).ok()?;
            let raw = doc.source.split_whitespace().collect::<Vec<_>>().join(" ");
            Some((doc, raw))
        })
        .collect()
}

/// RFC 4180 records.
pub fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rec = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else {
            match c {
                '"' => quoted = true,
                ',' => rec.push(std::mem::take(&mut field)),
                '\n' => {
                    rec.push(std::mem::take(&mut field));
                    out.push(std::mem::take(&mut rec));
                }
                '\r' => {}
                _ => field.push(c),
            }
        }
    }
    if !field.is_empty() || !rec.is_empty() {
        rec.push(field);
        out.push(rec);
    }
    out
}

pub fn load_csv() -> Vec<Document> {
    let path = format!("{CORPORA}/newsarticles-csv/NewsArticles.csv");
    let Ok(bytes) = std::fs::read(&path) else {
        return Vec::new();
    };
    let text = String::from_utf8_lossy(&bytes);
    csv_records(&text)
        .into_iter()
        .skip(1)
        .filter(|r| r.len() >= 6)
        .map(|r| {
            let date = {
                let p: Vec<&str> = r[1].split('/').collect();
                (p.len() == 3).then(|| format!("{}-{:0>2}-{:0>2}", p[0], p[1], p[2]))
            };
            Document {
                file: format!("NewsArticles.csv#{}", r[0]),
                title: Some(r[3].clone()),
                date,
                lang: "en".into(),
                paragraphs: r[5]
                    .split('\n')
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect(),
                ..Document::default()
            }
        })
        .collect()
}

pub fn load_polnear() -> Vec<Document> {
    let mut files = Vec::new();
    for split in ["train", "dev"] {
        walk(
            &std::path::Path::new(CORPORA)
                .join("polnear")
                .join(split)
                .join("text"),
            &mut files,
        );
    }
    files
        .iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p).ok()?;
            lede::doc::parse_text(&p.to_string_lossy(), &bytes).ok()
        })
        .collect()
}

/// CPU seconds used by this process so far (Linux; 0 elsewhere). The
/// machine is shared, so wall-clock times overstate the work.
pub fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let Some(after) = stat.rfind(')').map(|i| &stat[i + 2..]) else {
        return 0.0;
    };
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// The N of a `--sample N` command-line argument, if given.
pub fn sample_arg() -> Option<usize> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--sample")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
}
