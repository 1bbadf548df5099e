//! Statement alignment on the scale corpus (BBC + Reuters + NewsArticles
//! CSV + PolNeAR, as `eval_stories` builds it): run time within each story
//! (what `Corpus::statements` does over more than `MAX_ALIGN_DOCS`
//! documents) and over the first 400 documents (all sentence pairs), and
//! a dump of what was found, to compare two versions of the aligner.
//!
//! ```text
//! cargo run --profile eval --example align_scale -- [--dump FILE [--texts]]
//! cargo run --profile eval --example align_scale -- --compare OLD NEW
//! ```
//!
//! The dump has one line per link: `S|R` (stories or first 400), the two
//! documents and sentence starts (lower first), and the score; and one
//! line per statement: `T|R`, its sorted (document, sentence start) list.
//! With `--texts`, a link's line ends with its two passages (tab before
//! each), to read what changed.

use std::collections::BTreeSet;
use std::time::Instant;

use lede::analyze::{statements_with, stories, AlignOptions, Statement, StoryOptions};
use lede::Corpus;

#[path = "common/corpora.rs"]
mod corpora;

use corpora::*;

fn dump(tag: &str, st: &[Statement], texts: Option<&Corpus>, out: &mut Vec<String>) {
    for s in st {
        let mut members: Vec<String> = s
            .members
            .iter()
            .map(|m| format!("{}:{}", m.doc, m.sentence_start))
            .collect();
        members.sort();
        out.push(format!("T{tag} {}", members.join(" ")));
        for l in &s.links {
            let (a, b) = (&s.members[l.a], &s.members[l.b]);
            let (x, y) = (
                (a.doc, a.sentence_start, l.a_start, l.a_end),
                (b.doc, b.sentence_start, l.b_start, l.b_end),
            );
            let (x, y) = if x <= y { (x, y) } else { (y, x) };
            let mut line = format!(
                "L{tag} {}:{} {}:{} {:.4} {}-{} {}-{}",
                x.0, x.1, y.0, y.1, l.score, x.2, x.3, y.2, y.3
            );
            if let Some(c) = texts {
                for (doc, _, s, e) in [x, y] {
                    let t = c.get(doc).map(|d| d.text()).unwrap_or_default();
                    line.push('\t');
                    line.push_str(&t.get(s..e).unwrap_or("").replace(['\n', '\t'], " "));
                }
            }
            out.push(line);
        }
    }
}

fn compare(old: &str, new: &str) {
    let read = |p: &str| -> Vec<String> {
        std::fs::read_to_string(p)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (read(old), read(new));
    for (tag, what) in [("S", "within stories"), ("R", "first 400 documents")] {
        let pick = |v: &[String], kind: char, full: bool| -> BTreeSet<String> {
            v.iter()
                .filter(|l| l.starts_with(kind) && l[1..].starts_with(tag))
                .map(|l| {
                    if full || kind == 'T' {
                        l.clone()
                    } else {
                        // Link: the two sentences only.
                        l.split(' ').take(3).collect::<Vec<_>>().join(" ")
                    }
                })
                .collect()
        };
        let report = |name: &str, x: BTreeSet<String>, y: BTreeSet<String>| {
            let both = x.intersection(&y).count();
            println!(
                "{what}: {name}: before {} after {} shared {} (only before {}, only after {})",
                x.len(),
                y.len(),
                both,
                x.len() - both,
                y.len() - both
            );
        };
        report(
            "statements (same members)",
            pick(&a, 'T', true),
            pick(&b, 'T', true),
        );
        report("sentence links", pick(&a, 'L', false), pick(&b, 'L', false));
        report(
            "links with same passages and score",
            pick(&a, 'L', true),
            pick(&b, 'L', true),
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--compare") {
        compare(&args[i + 1], &args[i + 2]);
        return;
    }
    let dump_to = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1));
    let mut all = Corpus::new();
    for (d, _) in load_bbc() {
        all.add(d);
    }
    for (d, _, _) in load_reuters(true) {
        all.add(d);
    }
    for d in load_csv().into_iter().chain(load_polnear()) {
        all.add(d);
    }
    let opts = AlignOptions::default();
    let st = stories(&all.select(None), &StoryOptions::default());
    let (t, cpu) = (Instant::now(), cpu_seconds());
    let mut within = Vec::new();
    for s in &st {
        within.extend(statements_with(&all.select(Some(&s.docs)), &opts, None));
    }
    println!(
        "{} documents, {} stories: {} statements within stories in {:.2} s wall / {:.2} s CPU",
        all.len(),
        st.len(),
        within.len(),
        t.elapsed().as_secs_f64(),
        cpu_seconds() - cpu
    );
    let ids: Vec<u32> = all.iter().map(|(id, _)| id).take(400).collect();
    let (t, cpu) = (Instant::now(), cpu_seconds());
    let first = statements_with(&all.select(Some(&ids)), &opts, None);
    println!(
        "first 400 documents: {} statements in {:.2} s wall / {:.2} s CPU",
        first.len(),
        t.elapsed().as_secs_f64(),
        cpu_seconds() - cpu
    );
    if let Some(p) = dump_to {
        let mut out = Vec::new();
        let texts = args.iter().any(|a| a == "--texts").then_some(&all);
        dump("S", &within, texts, &mut out);
        dump("R", &first, texts, &mut out);
        out.sort();
        std::fs::write(p, out.join("\n") + "\n").unwrap();
    }
}
