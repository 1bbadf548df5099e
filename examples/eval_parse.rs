//! Evaluates the plain-text parser on the shared corpora and prints a
//! Markdown report (for `tools/md_section.py BENCHMARKS.md parse`).
//!
//! ```text
//! cargo run --release --example eval_parse | python3 tools/md_section.py BENCHMARKS.md parse
//! ```
//!
//! - BBC (2,225 articles, line 1 is the headline): headline agreement,
//!   empty bodies, throughput.
//! - PolNeAR (924 articles, line 1 is the headline): headline agreement.
//! - html-articles expected texts (clean article text, no debris): the
//!   share of words the parser wrongly moves to boilerplate.
//! - The seeds: the metadata found.

use std::path::{Path, PathBuf};
use std::time::Instant;

use lede::doc::parse_text;

#[path = "../tests/common/mod.rs"]
mod common;

fn txt_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            txt_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// (docs, headline == first line, empty bodies, bytes, seconds)
fn headline_agreement(files: &[PathBuf]) -> (usize, usize, usize, usize, f64) {
    let (mut n, mut agree, mut empty, mut bytes, mut secs) = (0, 0, 0, 0, 0.0);
    for f in files {
        let Ok(b) = std::fs::read(f) else { continue };
        let t = Instant::now();
        let parsed = parse_text(&f.display().to_string(), &b);
        secs += t.elapsed().as_secs_f64();
        bytes += b.len();
        let Ok(d) = parsed else { continue };
        n += 1;
        let line1 = d
            .source
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        let line1 = norm(line1.trim().trim_end_matches(';'));
        if d.title.as_deref().map(norm) == Some(line1) {
            agree += 1;
        }
        if d.paragraphs.is_empty() {
            empty += 1;
        }
    }
    (n, agree, empty, bytes, secs)
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

fn main() {
    println!(
        "Plain-text parser (`src/doc/text.rs`), from `cargo run --release --example eval_parse`.\n"
    );
    println!("| corpus | docs | headline = line 1 | empty body | MB | MB/s |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (label, dir) in [("BBC", "bbc"), ("PolNeAR", "polnear")] {
        let mut files = Vec::new();
        txt_files(&common::corpus(dir), &mut files);
        files.retain(|f| {
            let name = f.file_name().unwrap_or_default().to_string_lossy();
            !name.starts_with("PROVENANCE") && !name.starts_with("README")
        });
        let (n, agree, empty, bytes, secs) = headline_agreement(&files);
        let mb = bytes as f64 / 1e6;
        println!(
            "| {label} | {n} | {:.1}% | {empty} | {mb:.1} | {:.1} |",
            pct(agree, n),
            if secs > 0.0 { mb / secs } else { 0.0 }
        );
    }

    // Clean texts: every word moved to boilerplate is a false positive.
    let mut files = Vec::new();
    txt_files(&common::corpus("html-articles/text"), &mut files);
    let (mut words, mut removed, mut docs, mut docs_hit) = (0usize, 0usize, 0usize, 0usize);
    let mut examples = Vec::new();
    for f in &files {
        let Ok(b) = std::fs::read(f) else { continue };
        let Ok(d) = parse_text(&f.display().to_string(), &b) else {
            continue;
        };
        docs += 1;
        words += d.source.split_whitespace().count();
        let r: usize = d
            .boilerplate
            .iter()
            .map(|l| l.split_whitespace().count())
            .sum();
        removed += r;
        if r > 0 {
            docs_hit += 1;
            if examples.len() < 8 {
                examples.push(format!(
                    "{}: {:?}",
                    f.file_name().unwrap_or_default().to_string_lossy(),
                    d.boilerplate
                        .first()
                        .map(|s| s.chars().take(60).collect::<String>())
                ));
            }
        }
    }
    println!(
        "\nhtml-articles expected texts (clean, {docs} docs, {words} words): {removed} words \
         ({:.2}%) in {docs_hit} docs moved to boilerplate (false positives).\n",
        pct(removed, words)
    );
    for e in examples {
        println!("- {e}");
    }

    // What the parser marks in PolNeAR: sub-headings, transcripts, outlets.
    let mut files = Vec::new();
    txt_files(&common::corpus("polnear"), &mut files);
    files.retain(|f| f.parent().is_some_and(|p| p.ends_with("text")));
    let (mut docs, mut heads, mut transcripts, mut outlets, mut dated) = (0, 0, 0, 0, 0);
    let mut samples = Vec::new();
    for f in &files {
        let Ok(b) = std::fs::read(f) else { continue };
        let Ok(d) = parse_text(&f.display().to_string(), &b) else {
            continue;
        };
        docs += 1;
        heads += d.headings.len();
        transcripts += usize::from(!d.turns.is_empty());
        outlets += usize::from(d.outlet.is_some());
        dated += usize::from(d.date.is_some());
        for &h in &d.headings {
            if samples.len() < 12 && h % 7 == 3 {
                samples.push(d.paragraphs[h].chars().take(50).collect::<String>());
            }
        }
    }
    println!(
        "\nPolNeAR ({docs} docs): {heads} sub-headings, {transcripts} transcripts, \
         {outlets} with an outlet, {dated} with a date. Sample headings: {}.",
        samples
            .iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );

    println!("\n| seed | title | outlet | authors | date | turns | boilerplate lines |");
    println!("|---|---|---|---|---|---:|---:|");
    for (name, bytes) in lede::SEEDS {
        let Ok(d) = parse_text(name, bytes) else {
            continue;
        };
        println!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            name.trim_start_matches("seeds/"),
            d.title
                .as_deref()
                .unwrap_or("–")
                .chars()
                .take(50)
                .collect::<String>(),
            d.outlet.as_deref().unwrap_or("–"),
            d.authors.join(", "),
            d.date.as_deref().unwrap_or("null"),
            d.turns.len(),
            d.boilerplate.len()
        );
    }
}
