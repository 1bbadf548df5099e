//! A stable-toolchain smoke fuzzer for every target of `fuzz/` (the real
//! fuzzing is `cargo +nightly fuzz run TARGET` there): the importers under
//! each extension (the formats of issue 16, e-mail, mailboxes, Word, PDF and
//! feeds, as one target that picks the extension from the first byte), the
//! extractors, the query language, snapshot restore and reading a corpus
//! file (`.lede`), each with the checks
//! of `fuzz/checks.rs`.
//!
//! Mutates seed inputs (small built-in samples, hostile shapes of issue 13,
//! the first bytes of real corpus files from `../shared/corpora`, the seed
//! articles, queries, the seeds' snapshot) for a given time per target. A panic saves the input
//! to `fuzz-crash-TARGET.bin` (from the panic hook, so it works with
//! `panic = "abort"` too); an input that takes over a second is saved to
//! `fuzz-slow-TARGET.bin` and counted as slow.
//!
//! ```text
//! cargo run --example fuzz_smoke [SECONDS_PER_TARGET]   # make fuzz-smoke: 3 s each
//! cargo run --profile eval --example fuzz_smoke 25     # longer, optimized
//! ```

use std::sync::Mutex;
use std::time::{Duration, Instant};

use lede::doc::write_zip;

#[path = "../fuzz/checks.rs"]
mod checks;
#[path = "../tests/common/mod.rs"]
mod common;

static CURRENT: Mutex<(String, Vec<u8>)> = Mutex::new((String::new(), Vec::new()));

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const TOKENS: &[&[u8]] = &[
    b"<",
    b">",
    b"</",
    b"<p>",
    b"<script>",
    b"</script>",
    b"<meta charset=\"koi8-r\">",
    b"<meta charset=utf-16>",
    b"&#",
    b"&#x1F600;",
    b"&amp;",
    b"&",
    b";",
    b"\"",
    b"'",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b",",
    b"\n",
    b"\r\n",
    b"\t",
    b"\0",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xc3\xa9",
    b"\xe2\x80\x9c",
    b"\xf0\x9f\x98\x80",
    b"\xd0\x9f",
    b"\xe9",
    b"PK\x03\x04",
    b"PK\x01\x02",
    b"PK\x05\x06",
    b"<REUTERS NEWID=\"",
    b"</REUTERS>",
    b"<BODY>",
    b"</BODY>",
    b"<TITLE>",
    b"<DATE>",
    b"\"title\":",
    b"\"text\":",
    b"\\u0000",
    b"\\ud800",
    b"-->",
    b"<!--",
    b"<![CDATA[",
    b"<time datetime=\"",
    b"@graph",
    b"\"@type\":",
    b"2021-13-45",
    b" said ",
    b"AND ",
    b" OR ",
    b" -",
    b"*",
    b"~",
    b"(",
    b")",
    b"person:",
    b"date:2022-01..",
    b"..",
    b"title:",
    b"<div>",
    b"<b id=1>",
    b"<table><tr><td>",
    b"</table>",
    b"<ul><li>",
    b"date:2022-03-01..2021-01-01",
    b"date:2021-02-30",
    b"a* OR ",
    b"# ",
    b"\nFrom: ",
    b"\nFrom a@b Mon Jan  3 10:00:00 2022\n",
    b"Content-Type: multipart/mixed; boundary=\"b\"\n",
    b"\n--b\n",
    b"=?UTF-8?B?",
    b"Content-Transfer-Encoding: base64\n",
    b"<w:p>",
    b"<w:t>",
    b" 0 obj",
    b"endobj",
    b"stream\n",
    b"/FlateDecode",
    b"<item>",
    b"<entry>",
    b"<content type=\"xhtml\">",
];

fn mutate(rng: &mut Rng, seed: &[u8], other: &[u8]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..1 + rng.below(8) {
        let len = b.len();
        match rng.below(7) {
            0 if len > 0 => {
                let i = rng.below(len);
                b[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                b[i] = rng.next() as u8;
            }
            2 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                let i = rng.below(len + 1);
                b.splice(i..i, t.iter().copied());
            }
            3 if len > 0 => {
                let i = rng.below(len);
                let j = (i + rng.below(64)).min(len);
                b.drain(i..j);
            }
            4 if len > 0 => {
                b.truncate(rng.below(len));
            }
            5 if len > 0 => {
                let i = rng.below(len);
                let j = (i + rng.below(256)).min(len);
                let chunk = b[i..j].to_vec();
                let at = rng.below(len + 1);
                b.splice(at..at, chunk);
            }
            _ if !other.is_empty() => {
                let i = rng.below(other.len());
                let j = (i + rng.below(512)).min(other.len());
                let at = rng.below(len + 1);
                b.splice(at..at, other[i..j].iter().copied());
            }
            _ => {}
        }
    }
    b
}

fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let mut s: Vec<(&'static str, Vec<u8>)> = vec![
        ("txt", b"Headline\n\nMOSCOW, Dec 17 (TASS). Body text \"quoted\" here.\n\nS.V. Lavrov: Answer.".to_vec()),
        ("html", br#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>T | Site</title><meta property="article:published_time" content="2022-01-10"><script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","headline":"H","author":{"name":"A"},"publisher":{"name":"P"}}]}</script></head><body><nav>Home News</nav><article><h1>T</h1><p>First paragraph of the story with enough words to count as text for the extractor here.</p><p>Second one &amp; more.</p></article><footer>(c)</footer></body></html>"#.to_vec()),
        ("json", br#"{"articles":[{"title":"A","content":"Body.","source":{"name":"S"},"authors":[{"name":"X"}],"publishedAt":"2022-01-05T10:00:00Z"},{"title":"B","text":["p1","p2"]}]}"#.to_vec()),
        ("jsonl", b"{\"title\":\"A\",\"text\":\"Body A.\"}\n{\"headline\":\"B\",\"body\":\"Body B.\",\"date\":1486425600}\n".to_vec()),
        ("csv", b"id,title,publish_date,text\n1,\"A, b\",2017/2/7,\"Body \"\"one\"\".\"\n2,B,,\"multi\nline\"\n".to_vec()),
        ("sgm", b"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS NEWID=\"1\"><DATE>26-FEB-1987 15:01:01.79</DATE><TEXT>&#2;\n<TITLE>T &lt;X&gt;</TITLE><DATELINE> CITY, Feb 26 - </DATELINE><BODY>Body\n    more.\n Reuter\n&#3;</BODY></TEXT></REUTERS>\n".to_vec()),
    ];
    let inner = write_zip(&[("a.txt", b"Head\n\nBody.", true)]);
    s.push((
        "zip",
        write_zip(&[
            ("x/a.txt", b"Headline\n\nBody of text.", true),
            ("b.jsonl", b"{\"title\":\"A\",\"text\":\"B\"}\n", false),
            ("in.zip", &inner, false),
        ]),
    ));
    for (ext, rel, max) in [
        ("html", "html-articles/html/reuters.com1.html", 200_000),
        ("html", "html-articles/html/arabic_article.html", 200_000),
        ("sgm", "reuters21578/reut2-000.sgm", 20_000),
        ("csv", "newsarticles-csv/NewsArticles.csv", 20_000),
        ("txt", "bbc/sport/199.txt", 20_000),
    ] {
        let b = common::corpus_bytes(rel);
        s.push((ext, b[..b.len().min(max)].to_vec()));
    }
    for (_, text) in lede::SEEDS {
        s.push(("extract", text[..text.len().min(6_000)].to_vec()));
    }
    for q in [
        "Lavrov",
        "\"interest rates\" -oil",
        "minist* OR (talks AND moscow)",
        "person:\"Sergey Lavrov\" date:2022-01..2022-03",
        "title:oil~ outlet:TASS",
    ] {
        s.push(("query", q.as_bytes().to_vec()));
    }
    // Hostile shapes (issue 13): deep and reopened nesting, a Reuters
    // record left open, UTF-16 without a mark, queries that ask for much.
    s.push((
        "html",
        format!(
            "<html><body>{}<b id=1>{}text",
            "<div><table><tr><td>".repeat(300),
            "<div><i id=2>x</div>".repeat(50)
        )
        .into_bytes(),
    ));
    s.push((
        "sgm",
        b"<REUTERS NEWID=\"1\"><TEXT><TITLE>Open\n<REUTERS NEWID=\"2\"><TEXT><BODY>Body.</BODY></TEXT></REUTERS>\n".to_vec(),
    ));
    s.push((
        "txt",
        "# Headline\n\nMOSCOW, Jan 28 (TASS). Body text."
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect(),
    ));
    for q in [
        vec!["minist*"; 300].join(" OR "),
        "lavrov date:2022-03-01..2021-01-01 date:2021-02-30".to_string(),
    ] {
        s.push(("query", q.into_bytes()));
    }
    // The formats of issue 16, each behind the byte that picks its
    // extension (checks::parse_formats).
    use common::formats as f;
    for (k, bytes) in [
        (0u8, f::eml()),
        (1, f::mbox()),
        (2, f::docx()),
        (3, f::text_pdf()),
        (3, f::scanned_pdf()),
        (3, f::encrypted_pdf()),
        (4, f::rss()),
        (5, f::atom()),
    ] {
        s.push(("formats", [vec![k], bytes].concat()));
    }
    s.push(("restore", lede::Corpus::with_seeds().snapshot()));
    s.push(("restore", vec![0x10, 0x00, 0xff, 0x20, 0x01, 0x00]));
    // A valid corpus file, and edits to one (checks::corpus_file).
    s.push(("corpus_file", checks::seed_file()));
    s.push((
        "corpus_file",
        vec![0x1e, 0x00, 0x00, 0x4c, 0x40, 0x00, 0x00, 0xff],
    ));
    s
}

/// Runs the check of `target` on one input.
fn check(target: &str, input: &[u8]) {
    match target {
        "extract" => checks::extract(input),
        "query" => checks::query(input),
        "restore" => checks::restore(input),
        "corpus_file" => checks::corpus_file(input),
        "formats" => checks::parse_formats(input),
        "bin" => checks::parse("fuzz-input", input),
        ext => checks::parse(&format!("fuzz.{ext}"), input),
    }
}

fn main() {
    let secs: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    std::panic::set_hook(Box::new(|info| {
        if let Ok(cur) = CURRENT.try_lock() {
            let path = format!("fuzz-crash-{}.bin", cur.0);
            let _ = std::fs::write(&path, &cur.1);
            eprintln!("PANIC on a {} input (saved to {path}): {info}", cur.0);
        } else {
            eprintln!("PANIC: {info}");
        }
    }));
    let seeds = seeds();
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let targets = [
        "txt",
        "html",
        "json",
        "jsonl",
        "csv",
        "sgm",
        "zip",
        "formats",
        "bin",
        "extract",
        "query",
        "restore",
        "corpus_file",
    ];
    println!("| target | inputs | slowest (ms) | slow (>1 s) |");
    println!("|---|---|---|---|");
    let mut total = 0usize;
    let started = Instant::now();
    for target in targets {
        let until = Instant::now() + Duration::from_secs(secs);
        let (mut runs, mut slowest, mut slow) = (0usize, 0u128, 0usize);
        let own: Vec<&Vec<u8>> = seeds
            .iter()
            .filter(|(e, _)| *e == target || target == "bin")
            .map(|(_, b)| b)
            .collect();
        // Untimed: the first call builds what the check keeps (the seeds
        // corpus, the seeds' snapshot).
        if let Some(first) = own.first() {
            check(target, first);
        }
        while Instant::now() < until {
            let seed = if own.is_empty() || rng.below(4) == 0 {
                &seeds[rng.below(seeds.len())].1
            } else {
                own[rng.below(own.len())]
            };
            let other = &seeds[rng.below(seeds.len())].1;
            let input = mutate(&mut rng, seed, other);
            if let Ok(mut cur) = CURRENT.lock() {
                *cur = (target.to_string(), input.clone());
            }
            let t = Instant::now();
            check(target, &input);
            let ms = t.elapsed().as_millis();
            slowest = slowest.max(ms);
            if ms > 1000 {
                slow += 1;
                let _ = std::fs::write(format!("fuzz-slow-{target}.bin"), &input);
            }
            runs += 1;
        }
        total += runs;
        println!("| {target} | {runs} | {slowest} | {slow} |");
    }
    println!();
    println!(
        "{total} inputs in {:.0} s, no panic.",
        started.elapsed().as_secs_f64()
    );
}
