//! Prints a sample of the stories found in the BBC corpus, with
//! headlines, for checking by hand (`cargo run --release --example
//! stories_sample [threshold]`).

use lede::analyze::{stories, StoryOptions};
use lede::Corpus;

#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let t = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(StoryOptions::default().threshold);
    let mut c = Corpus::new();
    for topic in ["business", "entertainment", "politics", "sport", "tech"] {
        for f in common::corpus_files(&format!("bbc/{topic}")) {
            let b = std::fs::read(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            let _ = c.add_text(&f.to_string_lossy(), &b);
        }
    }
    let s = stories(
        &c.select(None),
        &StoryOptions {
            threshold: t,
            ..StoryOptions::default()
        },
    );
    let sizes: Vec<usize> = s.iter().map(|s| s.docs.len()).collect();
    println!(
        "threshold {t}: {} stories, {} docs, sizes {:?}",
        s.len(),
        sizes.iter().sum::<usize>(),
        &sizes[..sizes.len().min(15)]
    );
    for st in s.iter().step_by((s.len() / 12).max(1)).take(12) {
        println!("-- {:?} cohesion {:.2}", st.terms, st.cohesion);
        for &d in st.docs.iter().take(5) {
            let doc = c.get(d).unwrap();
            println!("   {}", doc.title.clone().unwrap_or_default());
        }
    }
}
