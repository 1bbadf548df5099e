//! Prints the alignment features and scores of two passages
//! (`cargo run --example align_pair -- "A" "B"`); word statistics come
//! from the seed articles.

use lede::analyze::align::{probability, Scorer, FEATURES};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: align_pair A B");
        std::process::exit(2);
    }
    let mut sc = Scorer::new();
    let texts: Vec<String> = lede::SEEDS
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    sc.fit(texts.iter().flat_map(|t| t.split(". ")));
    let (a, b) = (sc.passage(&args[0], 0), sc.passage(&args[1], 0));
    let f = sc.features(&a, &b);
    for (n, v) in FEATURES.iter().zip(f.iter()) {
        println!("{n:>20} {v:.3}");
    }
    println!(
        "probability {:.3}  link_score {:.3}",
        probability(&f),
        sc.link_score(&a, &b)
    );
}
