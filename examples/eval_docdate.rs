//! Document date inference measured on Reuters-21578: each story's
//! `<DATELINE>` + `<BODY>` is the text (no metadata date), its `<DATE>` the
//! gold. Reports coverage and accuracy of `infer_corpus_dates`, by source.
//!
//! ```text
//! cargo run --release --example eval_docdate [-- FILES]
//! ```

use std::collections::BTreeMap;
use std::time::Instant;

use lede::extract::time::{infer_corpus_dates, Date};
use lede::Document;

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
}
