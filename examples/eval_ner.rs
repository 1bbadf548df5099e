//! Scores the shipped tagger on CoNLL-2003 (entity-level precision, recall
//! and F1, overall and per type) and prints a Markdown section.
//!
//! ```text
//! cargo run --release --example eval_ner [TEST_FILE] [--errors N]
//! ```
//!
//! Two measurements: the tagger alone on the gold sentences, and the whole
//! extractor (`lede extract`: sentence splitting, tokens, tagger,
//! gazetteers, clean-up) on the full text of each document, rebuilt as a
//! user's file would look: one line per CoNLL line (headlines, datelines,
//! results tables included), words joined by spaces except before closing
//! punctuation and clitics. Every entity `extract` returns counts; it is
//! right when its span covers exactly the words of a gold entity of the
//! same type. `--errors N` prints up to N misses (FN) and false alarms (FP)
//! of the second measurement.

use lede::extract::ner::{train, Model};
use lede::extract::{extract, EntityKind};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show: usize = args
        .iter()
        .position(|a| a == "--errors")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let path = args
        .iter()
        .find(|a| !a.starts_with("--") && a.parse::<usize>().is_err())
        .cloned()
        .unwrap_or_else(|| {
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

    // The whole extractor on each document's full text.
    let (mut tp, mut np, mut ng) = ([0usize; 4], [0usize; 4], [0usize; 4]);
    let mut shown = 0usize;
    let mut ndocs = 0usize;
    let mut bytes = 0usize;
    let t = std::time::Instant::now();
    for chunk in text.split("-DOCSTART-") {
        let sents = train::read_conll(chunk);
        if sents.is_empty() {
            continue;
        }
        ndocs += 1;
        let (doc, offs) = rebuild(&sents);
        bytes += doc.len();
        let ex = extract(&doc);
        // Gold entities as byte spans of the rebuilt text.
        let mut gold: Vec<(usize, usize, u8)> = Vec::new();
        for (s, o) in sents.iter().zip(&offs) {
            for (a, b, k) in train::spans(&s.tags) {
                gold.push((o[a].0, o[b - 1].1, k));
            }
        }
        // One mention per span and type: two rules finding the same one
        // (a dateline's place, also tagged) are one prediction, not two
        // true positives for one gold entity.
        let mut pred: Vec<(usize, usize, u8)> = ex
            .entities
            .iter()
            .map(|e| {
                let k = match e.kind {
                    EntityKind::Person => 0,
                    EntityKind::Organization => 1,
                    EntityKind::Place => 2,
                    EntityKind::Misc => 3,
                };
                (e.start, e.end, k)
            })
            .collect();
        pred.sort_unstable();
        pred.dedup();
        for p in &pred {
            np[p.2 as usize] += 1;
            if gold.contains(p) {
                tp[p.2 as usize] += 1;
            } else if shown < show {
                shown += 1;
                println!(
                    "FP {} {:?} in {:?}",
                    names[p.2 as usize],
                    &doc[p.0..p.1],
                    line_of(&doc, p.0)
                );
            }
        }
        for g in &gold {
            ng[g.2 as usize] += 1;
            if !pred.contains(g) && shown < show {
                shown += 1;
                println!(
                    "FN {} {:?} in {:?}",
                    names[g.2 as usize],
                    &doc[g.0..g.1],
                    line_of(&doc, g.0)
                );
            }
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!("\n### Through `lede extract` on whole documents\n");
    println!("The {ndocs} documents of eng.testa rebuilt as plain text (one line per CoNLL line, headlines, datelines and results tables included; {bytes} bytes) and run through `extract` (sentences, tokens, tagger, gazetteers, clean-up) at {:.2} MB/s; every entity it returns counts, exact span and type.\n", bytes as f64 / 1e6 / secs.max(1e-9));
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

/// The line of `doc` around byte `at`.
fn line_of(doc: &str, at: usize) -> &str {
    let s = doc[..at].rfind('\n').map_or(0, |i| i + 1);
    let e = doc[at..].find('\n').map_or(doc.len(), |i| at + i);
    &doc[s..e]
}

/// A document's text rebuilt from its sentences (one line each), with the
/// byte span of every word.
fn rebuild(sents: &[train::Sentence]) -> (String, Vec<Vec<(usize, usize)>>) {
    let mut doc = String::new();
    let mut offs = Vec::with_capacity(sents.len());
    for s in sents {
        let mut o = Vec::with_capacity(s.words.len());
        let mut open = false;
        for (i, w) in s.words.iter().enumerate() {
            let glue = i == 0
                || open
                || matches!(
                    w.as_str(),
                    "," | "." | ":" | ";" | ")" | "?" | "!" | "%" | "'s" | "'" | "n't"
                );
            if !glue {
                doc.push(' ');
            }
            open = matches!(w.as_str(), "(" | "$");
            o.push((doc.len(), doc.len() + w.len()));
            doc.push_str(w);
        }
        doc.push('\n');
        offs.push(o);
    }
    (doc, offs)
}
