//! HTML main-text extraction benchmark.
//!
//! Extracts every `../shared/corpora/html-articles/html/NAME.html` with
//! [`lede::doc::parse_html`] and compares the body (the document's
//! paragraphs, without the headline) with `text/NAME.txt` as bags of
//! lowercased word tokens: precision, recall and F1 per document (mean
//! over documents whose expected text is not empty) and over all tokens
//! together (micro). Prints a Markdown section for BENCHMARKS.md.
//!
//! ```text
//! cargo run --release --example eval_html [CORPUS_DIR] [WASM_ADDED_TEXT]
//! ```

use std::collections::HashMap;
use std::time::Instant;

fn tokens(s: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for t in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        *bag.entry(t.to_lowercase()).or_insert(0) += 1;
    }
    bag
}

/// (overlap, extracted total, expected total)
fn overlap(got: &HashMap<String, usize>, want: &HashMap<String, usize>) -> (usize, usize, usize) {
    let common = got
        .iter()
        .map(|(t, n)| (*n).min(*want.get(t).unwrap_or(&0)))
        .sum();
    (common, got.values().sum(), want.values().sum())
}

fn prf(common: usize, got: usize, want: usize) -> (f64, f64, f64) {
    let p = if got == 0 {
        0.0
    } else {
        common as f64 / got as f64
    };
    let r = if want == 0 {
        0.0
    } else {
        common as f64 / want as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.first().cloned().unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpora/html-articles"
        )
        .to_string()
    });
    let wasm_added = args.get(1).cloned();
    let mut names: Vec<String> = match std::fs::read_dir(format!("{dir}/html")) {
        Ok(rd) => rd
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                e.file_name()
                    .to_str()
                    .and_then(|n| n.strip_suffix(".html"))
                    .map(str::to_string)
            })
            .collect(),
        Err(e) => {
            eprintln!("eval_html: cannot read {dir}/html: {e}");
            std::process::exit(2);
        }
    };
    names.sort();
    let (mut sum_p, mut sum_r, mut sum_f, mut scored) = (0.0, 0.0, 0.0, 0usize);
    let (mut c_all, mut g_all, mut w_all) = (0usize, 0usize, 0usize);
    let mut failures = 0usize;
    let verbose = std::env::var_os("EVAL_VERBOSE").is_some();
    let mut notes = 0usize;
    let mut clean = (0.0, 0.0, 0.0);
    let mut bytes_total = 0usize;
    let mut worst: Vec<(f64, String)> = Vec::new();
    let start = Instant::now();
    for name in &names {
        let html = match std::fs::read(format!("{dir}/html/{name}.html")) {
            Ok(b) => b,
            Err(_) => continue,
        };
        bytes_total += html.len();
        let expected =
            std::fs::read_to_string(format!("{dir}/text/{name}.txt")).unwrap_or_default();
        let got = match lede::doc::parse_html(&format!("{name}.html"), &html) {
            Ok(d) => d.text(),
            Err(_) => {
                failures += 1;
                String::new()
            }
        };
        let want = tokens(&expected);
        if want.is_empty() {
            continue;
        }
        let (c, g, w) = overlap(&tokens(&got), &want);
        let (p, r, f) = prf(c, g, w);
        // An expected text without a lowercase letter is a reviewer's note
        // ("MISSED ENTIRE ARTICLE ..."), not article text.
        let note = !expected.chars().any(char::is_lowercase);
        if note {
            notes += 1;
        } else {
            clean.0 += p;
            clean.1 += r;
            clean.2 += f;
        }
        if verbose {
            eprintln!(
                "{name}\tP={p:.3}\tR={r:.3}\tF={f:.3}\tgot={g}\twant={w}{}",
                if note { "\tNOTE" } else { "" }
            );
        }
        sum_p += p;
        sum_r += r;
        sum_f += f;
        scored += 1;
        c_all += c;
        g_all += g;
        w_all += w;
        worst.push((f, name.clone()));
    }
    let secs = start.elapsed().as_secs_f64();
    worst.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n = scored.max(1) as f64;
    let (mp, mr, mf) = prf(c_all, g_all, w_all);
    println!("## HTML main-text extraction (`cargo run --release --example eval_html`)");
    println!();
    println!("Extractor: `dom_smoothie` 0.19 (Readability port, text mode Formatted) for the body, with repeated blocks and menu soup dropped, + Lede's own metadata reader (`src/doc/html.rs`), through `lede::doc::parse_html`.");
    println!();
    println!(
        "Corpus: `html-articles` ({} pages, {} with non-empty expected text; {:.1} MB). Token bags, lowercased words.",
        names.len(),
        scored,
        bytes_total as f64 / 1e6
    );
    println!();
    println!("| measure | precision | recall | F1 |");
    println!("|---|---|---|---|");
    println!(
        "| mean over documents | {:.3} | {:.3} | {:.3} |",
        sum_p / n,
        sum_r / n,
        sum_f / n
    );
    println!("| micro (all tokens) | {mp:.3} | {mr:.3} | {mf:.3} |");
    let nc = (scored - notes).max(1) as f64;
    println!(
        "| mean, without the {notes} reviewer notes | {:.3} | {:.3} | {:.3} |",
        clean.0 / nc,
        clean.1 / nc,
        clean.2 / nc
    );
    println!();
    println!(
        "Speed: {:.1} docs/s ({:.1} MB/s) on this machine; {} page(s) gave no document.",
        names.len() as f64 / secs,
        bytes_total as f64 / 1e6 / secs,
        failures
    );
    if let Some(w) = wasm_added {
        println!();
        println!("Wasm size added by the extractor: {w}.");
    }
    println!();
    println!("Reference F1 on the article-extraction benchmark: rs_trafilatura 0.970, trafilatura 0.958, Readability.js 0.947, dom_smoothie 0.865.");
    println!();
    let lows: Vec<String> = worst
        .iter()
        .take(5)
        .map(|(f, n)| format!("{n} ({f:.2})"))
        .collect();
    println!("Lowest F1: {}.", lows.join(", "));
}
