//! Prints the stories found among the seed articles at several
//! thresholds (`cargo run --example stories_seeds`).

use lede::analyze::{stories, StoryOptions};
use lede::Corpus;

fn main() {
    let c = Corpus::with_seeds();
    for t in [0.1, 0.15, 0.2, 0.25, 0.3] {
        let s = stories(
            &c.select(None),
            &StoryOptions {
                threshold: t,
                ..StoryOptions::default()
            },
        );
        let v: Vec<String> = s
            .iter()
            .map(|s| format!("{:?} {:.3} {:?}", s.docs, s.cohesion, s.terms))
            .collect();
        println!("{t}: {v:?}");
    }
}
