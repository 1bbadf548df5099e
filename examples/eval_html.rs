//! HTML main-text extraction benchmark, with peers scored alike.
//!
//! Extracts every `../shared/corpora/html-articles/html/NAME.html` with
//! [`lede::doc::parse_html`] and compares the body (the document's
//! paragraphs, without the headline) with `text/NAME.txt` as bags of
//! lowercased word tokens: precision, recall and F1 per document (mean
//! over documents whose expected text is not empty) and over all tokens
//! together (micro). The same scorer reads
//!
//! - `dom_smoothie` run directly (its text, without Lede's repairs and
//!   fallbacks), and
//! - every peer folder `PEERS_DIR/<peer>/NAME.txt` with its `_run.json`
//!   (`{"extractor", "pages", "seconds"}`), written by
//!   `bench/html_readability.mjs` (Readability.js) and
//!   `bench/html_trafilatura.py` (Python trafilatura); `make eval` runs
//!   them first. Missing folders are left out of the table.
//!
//! Prints a Markdown section for BENCHMARKS.md. `EVAL_VERBOSE=1` prints
//! per-page figures to stderr, `EVAL_DUMP=DIR` writes Lede's texts there.
//!
//! ```text
//! cargo run --profile eval --example eval_html [CORPUS_DIR] [PEERS_DIR]
//! ```

use std::collections::HashMap;
use std::time::Instant;

fn tokens(s: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for t in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        *bag.entry(t.to_lowercase()).or_insert(0) += 1;
    }
    bag
}

/// (overlap, extracted total, expected total)
fn overlap(got: &HashMap<String, usize>, want: &HashMap<String, usize>) -> (usize, usize, usize) {
    let common = got
        .iter()
        .map(|(t, n)| (*n).min(*want.get(t).unwrap_or(&0)))
        .sum();
    (common, got.values().sum(), want.values().sum())
}

fn prf(common: usize, got: usize, want: usize) -> (f64, f64, f64) {
    let p = if got == 0 {
        0.0
    } else {
        common as f64 / got as f64
    };
    let r = if want == 0 {
        0.0
    } else {
        common as f64 / want as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// One page to score: its name, expected tokens, and whether the expected
/// text is a reviewer's note rather than article text.
struct Page {
    name: String,
    want: HashMap<String, usize>,
    note: bool,
}

/// Scores of one extractor over the corpus.
#[derive(Default)]
struct Score {
    label: String,
    sum: (f64, f64, f64),
    clean: (f64, f64, f64),
    micro: (usize, usize, usize),
    scored: usize,
    notes: usize,
    seconds: f64,
    pages: usize,
    per_page: HashMap<String, f64>,
}

impl Score {
    fn new(label: &str) -> Score {
        Score {
            label: label.to_string(),
            ..Score::default()
        }
    }

    fn add(&mut self, page: &Page, got: &str) {
        let (c, g, w) = overlap(&tokens(got), &page.want);
        let (p, r, f) = prf(c, g, w);
        self.sum.0 += p;
        self.sum.1 += r;
        self.sum.2 += f;
        if page.note {
            self.notes += 1;
        } else {
            self.clean.0 += p;
            self.clean.1 += r;
            self.clean.2 += f;
        }
        self.micro.0 += c;
        self.micro.1 += g;
        self.micro.2 += w;
        self.scored += 1;
        self.per_page.insert(page.name.clone(), f);
    }

    fn row(&self) -> String {
        let n = self.scored.max(1) as f64;
        let nc = (self.scored - self.notes).max(1) as f64;
        let (_, _, mf) = prf(self.micro.0, self.micro.1, self.micro.2);
        let speed = if self.seconds > 0.0 {
            format!("{:.0}", self.pages as f64 / self.seconds)
        } else {
            "–".to_string()
        };
        format!(
            "| {} | {:.3} | {:.3} | **{:.3}** | {mf:.3} | {:.3} | {:.3} | {:.3} | {speed} |",
            self.label,
            self.sum.0 / n,
            self.sum.1 / n,
            self.sum.2 / n,
            self.clean.0 / nc,
            self.clean.1 / nc,
            self.clean.2 / nc,
        )
    }
}

/// The text of `dom_smoothie` alone, one line per block.
fn dom_smoothie_text(bytes: &[u8]) -> String {
    let page = String::from_utf8_lossy(bytes);
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..dom_smoothie::Config::default()
    };
    dom_smoothie::Readability::new(page.as_ref(), None, Some(cfg))
        .ok()
        .and_then(|mut r| r.parse().ok())
        .map(|a| a.text_content.to_string())
        .unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = env!("CARGO_MANIFEST_DIR");
    let dir = args
        .first()
        .cloned()
        .unwrap_or_else(|| format!("{root}/../shared/corpora/html-articles"));
    let peers_dir = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| format!("{root}/target/eval/html-peers"));
    let mut names: Vec<String> = match std::fs::read_dir(format!("{dir}/html")) {
        Ok(rd) => rd
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                e.file_name()
                    .to_str()
                    .and_then(|n| n.strip_suffix(".html"))
                    .map(str::to_string)
            })
            .collect(),
        Err(e) => {
            eprintln!("eval_html: cannot read {dir}/html: {e}");
            std::process::exit(2);
        }
    };
    names.sort();
    let verbose = std::env::var_os("EVAL_VERBOSE").is_some();
    let dump = std::env::var_os("EVAL_DUMP");
    if let Some(d) = &dump {
        std::fs::create_dir_all(d).expect("EVAL_DUMP folder");
    }
    let mut lede = Score::new("**Lede** (`parse_html`)");
    let mut smoothie = Score::new("`dom_smoothie` 0.19 alone");
    let mut failures = 0usize;
    let mut bytes_total = 0usize;
    let mut pages = Vec::new();
    for name in &names {
        let html = match std::fs::read(format!("{dir}/html/{name}.html")) {
            Ok(b) => b,
            Err(_) => continue,
        };
        bytes_total += html.len();
        let expected =
            std::fs::read_to_string(format!("{dir}/text/{name}.txt")).unwrap_or_default();
        let start = Instant::now();
        let got = match lede::doc::parse_html(&format!("{name}.html"), &html) {
            Ok(d) => d.text(),
            Err(_) => {
                failures += 1;
                String::new()
            }
        };
        lede.seconds += start.elapsed().as_secs_f64();
        lede.pages += 1;
        let start = Instant::now();
        let raw = dom_smoothie_text(&html);
        smoothie.seconds += start.elapsed().as_secs_f64();
        smoothie.pages += 1;
        if let Some(d) = &dump {
            let path = std::path::Path::new(d).join(format!("{name}.txt"));
            std::fs::write(path, &got).expect("EVAL_DUMP write");
        }
        let want = tokens(&expected);
        if want.is_empty() {
            continue;
        }
        // An expected text without a lowercase letter is a reviewer's note
        // ("MISSED ENTIRE ARTICLE ..."), not article text.
        let note = !expected.chars().any(char::is_lowercase);
        let page = Page {
            name: name.clone(),
            want,
            note,
        };
        lede.add(&page, &got);
        smoothie.add(&page, &raw);
        pages.push(page);
    }
    let mut rows = vec![lede, smoothie];
    let mut peer_dirs: Vec<_> = std::fs::read_dir(&peers_dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    peer_dirs.sort();
    for p in peer_dirs {
        let Ok(run) = std::fs::read_to_string(p.join("_run.json")) else {
            continue;
        };
        let run: serde_json::Value = serde_json::from_str(&run).unwrap_or_default();
        let label = run["extractor"].as_str().unwrap_or("?").to_string();
        let mut s = Score::new(&label);
        s.seconds = run["seconds"].as_f64().unwrap_or(0.0);
        s.pages = run["pages"].as_u64().unwrap_or(0) as usize;
        for page in &pages {
            let got =
                std::fs::read_to_string(p.join(format!("{}.txt", page.name))).unwrap_or_default();
            s.add(page, &got);
        }
        rows.push(s);
    }
    if verbose {
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        eprintln!("page\tnote\t{}", labels.join("\t"));
        for page in &pages {
            let fs: Vec<String> = rows
                .iter()
                .map(|r| format!("{:.3}", r.per_page[&page.name]))
                .collect();
            eprintln!(
                "{}\t{}\t{}",
                page.name,
                if page.note { "NOTE" } else { "" },
                fs.join("\t")
            );
        }
    }
    let lede = &rows[0];
    println!("## HTML main-text extraction (`make eval`: `eval_html` with its peers)");
    println!();
    println!("Lede: `dom_smoothie` 0.19 (Readability port) on a page whose share, social, newsletter, related-link, comment and ad blocks were removed first (`src/doc/html.rs`, on `dom_query`, the DOM `dom_smoothie` is built on); its choice replaced by the body the page declares (`itemprop=articleBody`, `entry-content`, ...) when it lies mostly outside it or is less than half of it; captions, credits, link lists and rows of teaser cards removed from the chosen article; widget labels (\"Play Slideshow\", \"3 of 10\"), menu soup and blocks emitted twice dropped; metadata from `<meta>`, JSON-LD and `<time>`.");
    println!();
    println!("Peers in the same run, scored by the same tokenizer: `dom_smoothie` alone (its own text), Readability.js (`bench/html_readability.mjs`: Mozilla's `@mozilla/readability` on `linkedom`, the article HTML turned into text with a line break per block) and Python trafilatura (`bench/html_trafilatura.py`, default settings, comments excluded).");
    println!();
    println!(
        "Corpus: `html-articles` ({} pages, {} with non-empty expected text, {} of them a reviewer's note such as \"MISSED ENTIRE ARTICLE\" rather than text; {:.1} MB). Token bags of lowercased words; precision, recall and F1 per page, averaged (mean), and over all tokens together (micro).",
        names.len(),
        lede.scored,
        lede.notes,
        bytes_total as f64 / 1e6
    );
    println!();
    println!(
        "| extractor | mean P | mean R | mean F1 | micro F1 | P without notes | R without notes | F1 without notes | pages/s |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for r in &rows {
        println!("{}", r.row());
    }
    println!();
    println!(
        "Speed: pages per second of extraction on this machine (2 cores, one thread; file reads excluded; Lede includes decoding and metadata). Lede: {:.1} MB/s; {} page(s) gave no document.",
        bytes_total as f64 / 1e6 / lede.seconds,
        failures
    );
    println!();
    println!("For scale, F1 reported on the article-extraction benchmark (a different corpus and scorer): rs_trafilatura 0.970, trafilatura 0.958, Readability.js 0.947, dom_smoothie 0.865.");
    println!();
    let mut worst: Vec<(f64, &str)> = pages
        .iter()
        .filter(|p| !p.note)
        .map(|p| (lede.per_page[&p.name], p.name.as_str()))
        .collect();
    worst.sort_by(|a, b| a.0.total_cmp(&b.0));
    let lows: Vec<String> = worst
        .iter()
        .take(6)
        .map(|(f, n)| format!("{n} ({f:.2})"))
        .collect();
    println!(
        "Lede's lowest F1 among pages with article text: {}.",
        lows.join(", ")
    );
}
