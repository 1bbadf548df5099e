//! Writes the snapshot of the five seed articles (parsed, extracted and
//! indexed natively) for the page: `make wasm` puts it at
//! `www/pkg/seeds.snap`, and a first visit restores it instead of
//! extracting the seeds in the tab, so search works before the entity model
//! (`www/pkg/ner.bin`, loaded on first use) has arrived.
//! usage: cargo run --example seed_snapshot -- OUT_PATH

use lede::Corpus;

fn main() {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: seed_snapshot OUT_PATH");
        std::process::exit(2);
    };
    let bytes = Corpus::with_seeds().snapshot();
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("{out}: {e}");
        std::process::exit(1);
    }
}
