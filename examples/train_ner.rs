//! Trains the named-entity tagger on CoNLL-2003 and writes `models/ner.bin`.
//!
//! ```text
//! cargo run --release --example train_ner [TRAIN_FILE] [OUT] [BITS] [EPOCHS]
//! ```
//!
//! Defaults: `../shared/corpora/conll2003/eng.train`, `models/ner.bin`,
//! 16 bits (65,536 buckets × 9 tags, one byte each), 12 epochs. The run is
//! deterministic: the same inputs give the same bytes.

use lede::extract::ner::{train, Model};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let train_path = args.first().cloned().unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpora/conll2003/eng.train"
        )
        .to_string()
    });
    let out = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/models/ner.bin").to_string());
    let bits: u32 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(16);
    let epochs: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(12);
    let text = match std::fs::read_to_string(&train_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("train_ner: cannot read {train_path}: {e}");
            std::process::exit(1);
        }
    };
    let data = train::read_conll(&text);
    let words: usize = data.iter().map(|s| s.words.len()).sum();
    eprintln!(
        "train_ner: {} sentences, {words} words, bits {bits}, epochs {epochs}",
        data.len()
    );
    let t = std::time::Instant::now();
    let model: Model = train::train(&data, bits, epochs);
    let bytes = model.to_bytes();
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("train_ner: cannot write {out}: {e}");
        std::process::exit(1);
    }
    eprintln!(
        "train_ner: wrote {out} ({} bytes) in {:.1}s",
        bytes.len(),
        t.elapsed().as_secs_f64()
    );
}
