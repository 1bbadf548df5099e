//! The synthetic scale corpus: `make scale-data N=1000000 [SEED=1]`.
//!
//! Writes `target/scale-data/scale-N-sSEED.jsonl`: N news articles built
//! from the real paragraphs of `../shared/corpora` (BBC, Reuters-21578,
//! the NewsArticles CSV, PolNeAR), one JSON object per line with `id`,
//! `title`, `date`, `outlet`, `author` and `text` (the field names Lede's
//! JSON Lines import reads).
//!
//! Each article is a run of consecutive paragraphs of one source article
//! (so quotes and their attributions, which live inside a paragraph or
//! across neighbouring ones, are kept), topped up from a second source
//! when the first is short, to about 1.5 KB. Then, so that no two articles
//! are alike:
//!
//! - surnames the source uses for people (seen after "Mr", "Ms", "Dr"…) are
//!   replaced, consistently within the article, by other surnames from the
//!   same pool, so "X said" stays an attribution with a new X;
//! - numbers keep their digit count and get new digits; years between 1950
//!   and 2030 move with the article's date;
//! - the date is a day between 2000-01-01 and 2024-12-31, the outlet one of
//!   300 made-up outlets, and 70% of articles get a byline.
//!
//! The same N and SEED always give the same bytes (ChaCha8 seeded with
//! SEED; sources read in sorted order). Usage:
//! `cargo run --profile eval --example scale_data -- N [SEED] [OUT]`.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[path = "common/corpora.rs"]
mod corpora;

/// Bytes of text an article aims at (the mean is about 1.5 KB).
const TARGET: std::ops::Range<usize> = 700..1_400;
/// The date range of the synthetic articles, in days since 1970-01-01.
const FIRST_DAY: i64 = 10_957; // 2000-01-01
const LAST_DAY: i64 = 20_088; // 2024-12-31
/// A source's year, for moving the years its text mentions.
const SOURCE_YEAR: i32 = 2005;

/// One source article: its headline and its body paragraphs.
struct Source {
    title: String,
    paragraphs: Vec<String>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = match args.first().map(|a| a.replace('_', "").parse()) {
        Some(Ok(n)) if n > 0 => n,
        _ => {
            eprintln!("usage: scale_data N [SEED] [OUT]   (N articles, N > 0)");
            std::process::exit(2);
        }
    };
    let seed: u64 = match args.get(1).map(|a| a.parse()) {
        None => 1,
        Some(Ok(s)) => s,
        Some(Err(_)) => {
            eprintln!("scale_data: SEED must be a whole number");
            std::process::exit(2);
        }
    };
    let out = args.get(2).map(PathBuf::from).unwrap_or_else(|| {
        let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
        PathBuf::from(target)
            .join("scale-data")
            .join(format!("scale-{n}-s{seed}.jsonl"))
    });

    let started = Instant::now();
    let sources = load_sources();
    let names = Names::from_sources(&sources);
    if sources.is_empty() || names.surnames.len() < 50 || names.given.len() < 20 {
        eprintln!(
            "scale_data: too little source text in {} ({} articles, {} surnames)",
            corpora::CORPORA,
            sources.len(),
            names.surnames.len()
        );
        std::process::exit(1);
    }
    let outlets = outlets();
    eprintln!(
        "sources: {} articles, {} surnames, {} given names ({:.1} s)",
        sources.len(),
        names.surnames.len(),
        names.given.len(),
        started.elapsed().as_secs_f64()
    );

    if let Some(dir) = out.parent() {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("scale_data: cannot create {}: {e}", dir.display());
            std::process::exit(1);
        }
    }
    let file = match File::create(&out) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("scale_data: cannot write {}: {e}", out.display());
            std::process::exit(1);
        }
    };
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut text_bytes = 0usize;
    for i in 0..n {
        let article = article(&mut rng, i, &sources, &names, &outlets);
        text_bytes += article.text.len();
        let line = serde_json::json!({
            "id": format!("synth-{i}"),
            "title": article.title,
            "date": article.date,
            "outlet": article.outlet,
            "author": article.author,
            "text": article.text,
        });
        if let Err(e) = writeln!(w, "{line}") {
            eprintln!("scale_data: writing {}: {e}", out.display());
            std::process::exit(1);
        }
    }
    if let Err(e) = w.flush() {
        eprintln!("scale_data: writing {}: {e}", out.display());
        std::process::exit(1);
    }
    let file_bytes = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    println!(
        "{}: {n} articles, seed {seed}, text {:.1} MB ({} B mean), file {:.1} MB, {:.1} s",
        out.display(),
        text_bytes as f64 / 1e6,
        text_bytes / n,
        file_bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
}

/// Every source article with a title and a body, in a fixed order.
fn load_sources() -> Vec<Source> {
    let mut out = Vec::new();
    let mut push = |title: Option<String>, paragraphs: &[String]| {
        let paragraphs: Vec<String> = paragraphs
            .iter()
            .map(|p| p.trim().to_string())
            .filter(|p| p.len() >= 40)
            .collect();
        if let (Some(title), false) = (title, paragraphs.is_empty()) {
            if !title.trim().is_empty() {
                out.push(Source {
                    title: title.trim().to_string(),
                    paragraphs,
                });
            }
        }
    };
    for (doc, _) in corpora::load_bbc() {
        push(doc.title, &doc.paragraphs);
    }
    for (doc, body, _) in corpora::load_reuters(true) {
        // Reuters bodies are hard-wrapped; paragraphs start indented.
        let paragraphs = reuters_paragraphs(&body);
        push(doc.title, &paragraphs);
    }
    for doc in corpora::load_csv() {
        push(doc.title, &doc.paragraphs);
    }
    for doc in corpora::load_polnear() {
        push(doc.title, &doc.paragraphs);
    }
    out
}

/// Joins a hard-wrapped Reuters body into paragraphs (a new one at each
/// indented line), dropping the closing " Reuter" signature.
fn reuters_paragraphs(body: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in body.lines() {
        let t = line.trim();
        if t.is_empty() || t.eq_ignore_ascii_case("reuter") {
            continue;
        }
        match out.last_mut() {
            Some(last) if !line.starts_with(' ') => {
                last.push(' ');
                last.push_str(t);
            }
            _ => out.push(t.to_string()),
        }
    }
    out
}

/// The names the sources use for people.
struct Names {
    /// Surnames seen after an honorific or before "said", sorted.
    surnames: Vec<String>,
    /// Given names seen right before one of those surnames, sorted.
    given: Vec<String>,
    /// Membership of `surnames`.
    is_surname: std::collections::HashSet<String>,
}

impl Names {
    /// Collects names from patterns that mark a person: "Mr Blair" makes a
    /// surname ("Blair said" counts once it is one), "Tony Blair said" a given
    /// name. A name needs two sightings (a surname two after an honorific).
    fn from_sources(sources: &[Source]) -> Names {
        const HONORIFICS: [&str; 8] = ["Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr."];
        const NOT_NAMES: [&str; 24] = [
            "He",
            "She",
            "It",
            "They",
            "We",
            "I",
            "You",
            "This",
            "That",
            "There",
            "The",
            "A",
            "An",
            "But",
            "And",
            "Reuters",
            "Reuter",
            "Police",
            "Officials",
            "Analysts",
            "Spokesman",
            "Spokeswoman",
            "Company",
            "Government",
        ];
        // Sightings of each surname, and how many were after an honorific
        // (the sign of a person: "Brokers said" alone is a company).
        let mut surnames: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
        let mut given: BTreeMap<&str, u32> = BTreeMap::new();
        let is_name = |w: &str| {
            w.len() >= 3
                && w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && w.chars().skip(1).all(|c| c.is_ascii_lowercase())
                && !NOT_NAMES.contains(&w)
        };
        for s in sources {
            for p in &s.paragraphs {
                let words: Vec<&str> = p.split(' ').collect();
                for (i, w) in words.iter().enumerate() {
                    let w = w.trim_end_matches([',', '.']);
                    let next = words.get(i + 1).map(|n| n.trim_end_matches([',', '.']));
                    if HONORIFICS.contains(&w) {
                        if let Some(n) = next.filter(|n| is_name(n)) {
                            let e = surnames.entry(n).or_default();
                            e.0 += 1;
                            e.1 += 1;
                        }
                    }
                    if next == Some("said") && is_name(w) {
                        surnames.entry(w).or_default().0 += 1;
                        if let Some(g) = i.checked_sub(1).map(|j| words[j]) {
                            if is_name(g) {
                                *given.entry(g).or_default() += 1;
                            }
                        }
                    }
                }
            }
        }
        let keep = |m: BTreeMap<&str, u32>| -> Vec<String> {
            m.into_iter()
                .filter(|&(_, c)| c >= 2)
                .map(|(w, _)| w.to_string())
                .collect()
        };
        let surnames = keep(
            surnames
                .into_iter()
                .filter(|&(_, (_, honorific))| honorific >= 2)
                .map(|(w, (c, _))| (w, c))
                .collect(),
        );
        let given: Vec<String> = keep(given)
            .into_iter()
            .filter(|g| surnames.binary_search(g).is_err())
            .collect();
        let is_surname = surnames.iter().cloned().collect();
        Names {
            surnames,
            given,
            is_surname,
        }
    }
}

/// 300 made-up outlets: a place and a paper's noun.
fn outlets() -> Vec<String> {
    const PLACES: [&str; 30] = [
        "Ashford",
        "Bayview",
        "Brookfield",
        "Carlton",
        "Cedar Falls",
        "Clearwater",
        "Dunmore",
        "Eastport",
        "Fairhaven",
        "Glenrock",
        "Greystone",
        "Harbor City",
        "Highland",
        "Kingsbridge",
        "Lakeside",
        "Maple Ridge",
        "Millbrook",
        "Northgate",
        "Oakdale",
        "Pinecrest",
        "Redwood",
        "Riverton",
        "Rockport",
        "Silver Lake",
        "Southbury",
        "Stonebridge",
        "Westfield",
        "Whitby",
        "Willow Creek",
        "Yorkton",
    ];
    const NOUNS: [&str; 10] = [
        "Herald",
        "Gazette",
        "Tribune",
        "Chronicle",
        "Courier",
        "Observer",
        "Ledger",
        "Dispatch",
        "Post",
        "Sentinel",
    ];
    PLACES
        .iter()
        .flat_map(|p| NOUNS.iter().map(move |n| format!("The {p} {n}")))
        .collect()
}

/// One synthetic article.
struct Article {
    title: String,
    date: String,
    outlet: String,
    author: Option<String>,
    text: String,
}

fn article(
    rng: &mut ChaCha8Rng,
    i: usize,
    sources: &[Source],
    names: &Names,
    outlets: &[String],
) -> Article {
    let target = rng.random_range(TARGET);
    let first = &sources[rng.random_range(0..sources.len())];
    let mut paragraphs: Vec<&str> = Vec::new();
    let mut len = 0;
    // A run of consecutive paragraphs of one source, then of a second
    // source if the first ran out before the target.
    for source in [first, &sources[rng.random_range(0..sources.len())]] {
        let start = rng.random_range(0..source.paragraphs.len().min(3));
        for p in &source.paragraphs[start..] {
            if len >= target {
                break;
            }
            len += p.len() + 2;
            paragraphs.push(p);
        }
        if len >= target {
            break;
        }
    }

    let day = rng.random_range(FIRST_DAY..=LAST_DAY);
    let date = lede::Date::from_days(day);
    let y = date.y;
    let mut vary = Vary {
        rng,
        names,
        year_shift: y - SOURCE_YEAR,
        swapped: BTreeMap::new(),
    };
    let title = vary.text(&first.title);
    let text = paragraphs
        .iter()
        .map(|p| vary.text(p))
        .collect::<Vec<_>>()
        .join("\n\n");
    let author = vary.rng.random_bool(0.7).then(|| {
        let g = &names.given[vary.rng.random_range(0..names.given.len())];
        let s = &names.surnames[vary.rng.random_range(0..names.surnames.len())];
        format!("{g} {s}")
    });
    Article {
        title,
        date: date.to_string(),
        outlet: outlets[(i * 7 + vary.rng.random_range(0..outlets.len())) % outlets.len()].clone(),
        author,
        text,
    }
}

/// Rewrites names and numbers of one article's text.
struct Vary<'a> {
    rng: &'a mut ChaCha8Rng,
    names: &'a Names,
    year_shift: i32,
    /// Surname → its replacement in this article.
    swapped: BTreeMap<String, String>,
}

impl Vary<'_> {
    fn text(&mut self, s: &str) -> String {
        let mut out = String::with_capacity(s.len() + 16);
        let mut rest = s;
        while let Some(c) = rest.chars().next() {
            let run = if c.is_ascii_digit() {
                rest.find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(rest.len())
            } else if c.is_alphabetic() {
                rest.find(|c: char| !c.is_alphabetic())
                    .unwrap_or(rest.len())
            } else {
                c.len_utf8()
            };
            let (word, tail) = rest.split_at(run);
            if c.is_ascii_digit() {
                self.number(word, &mut out);
            } else if self.names.is_surname.contains(word) {
                let names = self.names;
                let rng = &mut *self.rng;
                let new = self.swapped.entry(word.to_string()).or_insert_with(|| {
                    names.surnames[rng.random_range(0..names.surnames.len())].clone()
                });
                out.push_str(new);
            } else {
                out.push_str(word);
            }
            rest = tail;
        }
        out
    }

    /// A year moves with the article's date; any other number keeps its
    /// digit count (and a leading zero stays a zero).
    fn number(&mut self, digits: &str, out: &mut String) {
        if digits.len() == 4 {
            if let Ok(y) = digits.parse::<i32>() {
                if (1950..=2030).contains(&y) {
                    out.push_str(&(y + self.year_shift).to_string());
                    return;
                }
            }
        }
        for (k, b) in digits.bytes().enumerate() {
            let d = match (k, b) {
                (0, b'0') => 0,
                (0, _) if digits.len() > 1 => self.rng.random_range(1..10u8),
                _ => self.rng.random_range(0..10u8),
            };
            out.push(char::from(b'0' + d));
        }
    }
}
