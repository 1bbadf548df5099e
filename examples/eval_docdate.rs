//! Document date inference measured on Reuters-21578: each story's
//! `<DATELINE>` + `<BODY>` is the text (no metadata date), its `<DATE>` the
//! gold. Reports coverage and accuracy of `infer_corpus_dates`, by source.
//! Then the 2,225 BBC articles (all from 2004–2005, no date printed): how
//! many Lede dates and how many of those fall in 2004–2005, through `lede
//! parse`'s path (one batch, `Corpus::infer_dates`) and the page's
//! (`Corpus::import_many` after the seeds, in the page's batches of 64).
//! `SHOW=1` prints the wrong years.
//!
//! ```text
//! cargo run --release --example eval_docdate [-- FILES]
//! ```

use std::collections::BTreeMap;
use std::time::Instant;

use lede::extract::time::{infer_corpus_dates, Date};
use lede::{Corpus, Document};

#[path = "../tests/common/mod.rs"]
mod common;

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let i = s.find(open)? + open.len();
    let j = s[i..].find(close)? + i;
    Some(&s[i..j])
}

fn gold_date(s: &str) -> Option<Date> {
    // "26-FEB-1987 15:01:01.79"
    let s = s.trim();
    let mut parts = s.split(['-', ' ']);
    let d: u32 = parts.next()?.parse().ok()?;
    let m = match parts.next()?.to_ascii_uppercase().as_str() {
        "JAN" => 1,
        "FEB" => 2,
        "MAR" => 3,
        "APR" => 4,
        "MAY" => 5,
        "JUN" => 6,
        "JUL" => 7,
        "AUG" => 8,
        "SEP" => 9,
        "OCT" => 10,
        "NOV" => 11,
        "DEC" => 12,
        _ => return None,
    };
    let y: i32 = parts.next()?.parse().ok()?;
    Date::new(y, m, d)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let files: Vec<String> = if args.is_empty() {
        let root = common::corpus("reuters21578");
        ["reut2-000.sgm", "reut2-001.sgm"]
            .iter()
            .map(|f| root.join(f).to_string_lossy().into_owned())
            .collect()
    } else {
        args
    };
    let mut docs = Vec::new();
    let mut gold = Vec::new();
    for f in &files {
        let Ok(bytes) = std::fs::read(f) else {
            eprintln!("cannot read {f}");
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        for rec in text.split("</REUTERS>") {
            let (Some(date), Some(body)) = (
                between(rec, "<DATE>", "</DATE>"),
                between(rec, "<BODY>", "</BODY>"),
            ) else {
                continue;
            };
            let Some(g) = gold_date(date) else { continue };
            let dateline = between(rec, "<DATELINE>", "</DATELINE>")
                .unwrap_or("")
                .trim();
            let title = between(rec, "<TITLE>", "</TITLE>").unwrap_or("").trim();
            let source = format!(
                "{title}\n\n{dateline} {}",
                body.replace("&lt;", "<").replace("&amp;", "&")
            );
            docs.push(Document {
                file: format!("{f}#{}", docs.len()),
                source,
                ..Document::default()
            });
            gold.push(g);
        }
    }
    let refs: Vec<&Document> = docs.iter().collect();
    let t0 = Instant::now();
    let inferred = infer_corpus_dates(&refs);
    let secs = t0.elapsed().as_secs_f64();
    // source → (count, exact, within 1 day, same month/day)
    let mut by: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    let mut none = 0;
    for (g, r) in gold.iter().zip(&inferred) {
        match r {
            None => none += 1,
            Some((d, info)) => {
                let e = by.entry(info.source.to_string()).or_default();
                e[0] += 1;
                e[1] += usize::from(d == g);
                e[2] += usize::from((d.to_days() - g.to_days()).abs() <= 1);
                e[3] += usize::from(d.m == g.m && d.d == g.d);
                if std::env::var_os("SHOW").is_some() && d.y != g.y {
                    println!("WRONG YEAR {d} (gold {g}): {}", info.evidence);
                }
            }
        }
    }
    println!("## Document dates (Reuters-21578)\n");
    println!("`infer_corpus_dates` on {} Reuters-21578 stories ({} files), text = dateline + body, gold = `<DATE>`. Datelines carry month and day only; the year must come from the text or from other stories. `cargo run --release --example eval_docdate`.\n", docs.len(), files.len());
    println!("| source | docs | exact | within 1 day | month/day right |");
    println!("|---|---|---|---|---|");
    let mut tot = [0usize; 4];
    for (src, c) in &by {
        let pct = |x: usize| 100.0 * x as f64 / c[0].max(1) as f64;
        println!(
            "| {src} | {} | {:.1}% | {:.1}% | {:.1}% |",
            c[0],
            pct(c[1]),
            pct(c[2]),
            pct(c[3])
        );
        for k in 0..4 {
            tot[k] += c[k];
        }
    }
    let pct = |x: usize| 100.0 * x as f64 / tot[0].max(1) as f64;
    println!(
        "| **all dated** | {} | {:.1}% | {:.1}% | {:.1}% |",
        tot[0],
        pct(tot[1]),
        pct(tot[2]),
        pct(tot[3])
    );
    println!("\nNo date inferred for {none} of {} stories ({:.1}%). {:.2} s for the corpus ({:.0} docs/s).", docs.len(), 100.0 * none as f64 / docs.len().max(1) as f64, secs, docs.len() as f64 / secs.max(1e-9));
    bbc();
}

/// The dates of BBC articles through the parse and page paths.
fn bbc() {
    let mut files = Vec::new();
    for topic in ["business", "entertainment", "politics", "sport", "tech"] {
        let dir = common::corpus("bbc").join(topic);
        let mut txt: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        txt.sort();
        files.extend(txt);
    }
    let loaded: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p).ok()?;
            let name = p.strip_prefix(common::CORPORA).unwrap_or(p);
            Some((name.to_string_lossy().into_owned(), bytes))
        })
        .collect();
    let show = std::env::var_os("SHOW").is_some();
    let tally = |path: &str, dated: &mut dyn Iterator<Item = (String, String, String)>| {
        let (mut n, mut within) = (0usize, 0usize);
        for (file, date, evidence) in dated {
            n += 1;
            if date.starts_with("2004") || date.starts_with("2005") {
                within += 1;
            } else if show {
                println!("OUTSIDE ({path}) {date} {file}: {evidence}");
            }
        }
        (n, within)
    };
    // `lede parse`: every file parsed, dates inferred over the batch.
    let t0 = Instant::now();
    let mut docs: Vec<Document> = loaded
        .iter()
        .filter_map(|(name, bytes)| lede::doc::parse_text(name, bytes).ok())
        .collect();
    Corpus::new().infer_dates(&mut docs);
    let parse_secs = t0.elapsed().as_secs_f64();
    let parse = tally(
        "parse",
        &mut docs.iter().filter_map(|d| {
            let info = d.date_info.as_ref()?;
            Some((d.file.clone(), d.date.clone()?, info.evidence.clone()))
        }),
    );
    // The page: the seeds, then batches of 64 files.
    let mut corpus = Corpus::with_seeds();
    let seeds = corpus.len();
    for batch in loaded.chunks(64) {
        let refs: Vec<(&str, &[u8])> = batch
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        corpus.import_many(&refs);
    }
    let page = tally(
        "page",
        &mut corpus.iter().skip(seeds).filter_map(|(_, d)| {
            let info = d.date_info.as_ref()?;
            Some((d.file.clone(), d.date.clone()?, info.evidence.clone()))
        }),
    );
    let total = loaded.len();
    println!("\n## Document dates (BBC)\n");
    println!("{total} BBC articles (2004–2005; no dateline, byline or date printed). A date Lede assigns should fall in 2004–2005; a year the text mentions is not one.\n");
    println!("| path | dated | in 2004–2005 | share |");
    println!("|---|---|---|---|");
    for (what, (n, within)) in [
        ("`lede parse` (one batch)", parse),
        ("page import (seeds, then batches of 64)", page),
    ] {
        println!(
            "| {what} | {n} of {total} | {within} | {:.1}% |",
            100.0 * within as f64 / n.max(1) as f64
        );
    }
    println!("\n{parse_secs:.2} s to parse and date the articles in one batch.");
}
