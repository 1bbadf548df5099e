//! Scores the shipped tagger on CoNLL-2003 (entity-level precision, recall
//! and F1, overall and per type) and prints a Markdown section.
//!
//! ```text
//! cargo run --release --example eval_ner [TEST_FILE]
//! ```

use lede::extract::ner::{train, Model};

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpora/conll2003/eng.testa"
        )
        .to_string()
    });
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("eval_ner: cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let data = train::read_conll(&text);
    let model = Model::shipped();
    let names = ["PER", "ORG", "LOC", "MISC"];
    let (mut tp, mut np, mut ng) = ([0usize; 4], [0usize; 4], [0usize; 4]);
    let mut words = 0usize;
    let t = std::time::Instant::now();
    for s in &data {
        let w: Vec<&str> = s.words.iter().map(String::as_str).collect();
        words += w.len();
        let pred = model.tag(&w);
        let ps = train::spans(&pred);
        let gs = train::spans(&s.tags);
        for p in &ps {
            np[p.2 as usize] += 1;
            if gs.contains(p) {
                tp[p.2 as usize] += 1;
            }
        }
        for g in &gs {
            ng[g.2 as usize] += 1;
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let prf = |tp: usize, np: usize, ng: usize| {
        let p = if np > 0 { tp as f64 / np as f64 } else { 0.0 };
        let r = if ng > 0 { tp as f64 / ng as f64 } else { 0.0 };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    };
    println!("## Named entities (CoNLL-2003 eng.testa)\n");
    let size = std::fs::metadata(concat!(env!("CARGO_MANIFEST_DIR"), "/models/ner.bin"))
        .map_or(0, |m| m.len());
    println!("Greedy averaged perceptron over hashed features (word, shape, affixes, neighbours, gazetteers, previous tags), i8 weights: `models/ner.bin`, {} bits, {size} bytes. Entity-level exact match on {} sentences ({words} tokens), tagging at {:.0} tokens/s.\n", model.bits(), data.len(), words as f64 / secs.max(1e-9));
    println!("| type | precision | recall | F1 | gold |\n|---|---|---|---|---|");
    for k in 0..4 {
        let (p, r, f) = prf(tp[k], np[k], ng[k]);
        println!("| {} | {p:.3} | {r:.3} | {f:.3} | {} |", names[k], ng[k]);
    }
    let (p, r, f) = prf(tp.iter().sum(), np.iter().sum(), ng.iter().sum());
    println!(
        "| **all** | {p:.3} | {r:.3} | **{f:.3}** | {} |",
        ng.iter().sum::<usize>()
    );
}
