//! Extraction throughput on a folder of plain-text articles (default: the
//! BBC corpus), and a smoke test that nothing panics on real text.
//!
//! ```text
//! cargo run --release --example bench_extract [DIR]
//! ```

use std::path::{Path, PathBuf};

#[path = "../tests/common/mod.rs"]
mod common;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| common::corpus("bbc").to_string_lossy().into_owned());
    let mut files = Vec::new();
    walk(Path::new(&dir), &mut files);
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .filter_map(|p| {
            let b = std::fs::read(p).ok()?;
            lede::doc::decode(&p.display().to_string(), &b).ok()
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let t = std::time::Instant::now();
    let mut exs: Vec<lede::extract::Extraction> =
        texts.iter().map(|t| lede::extract::extract(t)).collect();
    let secs = t.elapsed().as_secs_f64();
    let t2 = std::time::Instant::now();
    lede::extract::canonicalize(&mut exs);
    let merge = t2.elapsed().as_secs_f64();
    let quotes: usize = exs.iter().map(|e| e.quotes.len()).sum();
    let ents: usize = exs.iter().map(|e| e.entities.len()).sum();
    println!("## Extraction throughput\n");
    println!(
        "{} documents, {:.1} MB: extraction {:.2} MB/s native ({:.1}s), corpus-wide name merging {:.2}s; {quotes} quotes, {ents} entity mentions.",
        texts.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs.max(1e-9),
        secs,
        merge
    );
}
