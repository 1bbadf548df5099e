//! Prints the statements linked across the seed articles (a look at the
//! aligner's output; `cargo run --example align_seeds [threshold]`).

use lede::analyze::{statements, AlignOptions};
use lede::Corpus;

fn main() {
    let c = Corpus::with_seeds();
    let t = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(0.3);
    let opts = AlignOptions {
        threshold: t,
        ..AlignOptions::default()
    };
    let mut flat = Vec::new();
    for (k, s) in statements(&c.select(None), &opts).iter().enumerate() {
        for l in &s.links {
            let (a, b) = (&s.members[l.a], &s.members[l.b]);
            let ta = c.get(a.doc).map(|d| d.text()).unwrap_or_default();
            let tb = c.get(b.doc).map(|d| d.text()).unwrap_or_default();
            flat.push((
                l.score,
                format!(
                    "{:.3} #{k} [{}] {}\n            [{}] {}",
                    l.score,
                    &a.file[..3],
                    &ta[l.a_start..l.a_end],
                    &b.file[..3],
                    &tb[l.b_start..l.b_end]
                ),
            ));
        }
    }
    flat.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (i, (_, line)) in flat.iter().enumerate() {
        println!("{i:>2} {line}");
    }
}
