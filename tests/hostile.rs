//! Hostile inputs (issue 13, the Rust core): every input here is generated
//! by the test, each is handled in bounded time, and afterwards the same
//! corpus still imports, searches and opens documents.

use std::time::{Duration, Instant};

use lede::{Corpus, SearchOptions};

/// Well under a second is what the shapes take in the test profile (see
/// BENCHMARKS.md, "hostile inputs"); the bound leaves room for a loaded
/// machine, not for a quadratic cost (these took 5 to 90 s before).
const BOUND: Duration = Duration::from_secs(3);

/// The session still works: a normal article imports, is found and opens.
fn still_works(c: &mut Corpus, word: &str) {
    let text = format!(
        "Talks resume in Geneva\n\nGENEVA — Negotiators met again on Monday to discuss the {word} proposals, officials said."
    );
    let r = c.import(&format!("{word}.txt"), text.as_bytes());
    assert_eq!(r.added.len(), 1, "{r:?}");
    let found = c.search(word, &SearchOptions::default());
    assert_eq!(found.total, 1, "{word}: {:?}", found.notes);
    let doc = c.get(found.hits[0].id).expect("the hit opens");
    assert!(doc.text().contains(word));
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    let took = t.elapsed();
    eprintln!("{what}: {took:?}");
    assert!(took < BOUND, "{what} took {took:?}");
    out
}

#[test]
fn deeply_nested_html_parses_in_linear_time() {
    let page = |body: String| format!("<html><body>{body}</body></html>");
    let shapes = [
        (
            "5,000 nested divs",
            page(format!("{}deep text{}", "<div>".repeat(5_000), "</div>".repeat(5_000))),
        ),
        (
            "10,000 nested divs",
            page(format!("{}deep text{}", "<div>".repeat(10_000), "</div>".repeat(10_000))),
        ),
        (
            "10,000 nested tables",
            page(format!(
                "{}deep text{}",
                "<table><tr><td>".repeat(10_000),
                "</td></tr></table>".repeat(10_000)
            )),
        ),
        (
            "20,000 nested lists",
            page(format!(
                "{}deep text{}",
                "<ul><li>".repeat(20_000),
                "</li></ul>".repeat(20_000)
            )),
        ),
        (
            "100,000 unclosed divs",
            format!("<html><body>{}deep text", "<div>".repeat(100_000)),
        ),
        (
            "5,000 formatting elements reopened",
            page(
                (0..5_000)
                    .map(|i| format!("<div><b id={i}>deep text</div>"))
                    .collect(),
            ),
        ),
    ];
    let mut c = Corpus::new();
    for (i, (what, html)) in shapes.iter().enumerate() {
        let name = format!("hostile{i}.html");
        let r = timed(what, || c.import(&name, html.as_bytes()));
        // The text inside is kept (or the page is a duplicate of an
        // earlier shape: the same text).
        assert!(
            r.added.len() + r.duplicates.len() == 1,
            "{what}: {:?}",
            r.errors
        );
    }
    assert!(c.search("deep", &SearchOptions::default()).total >= 1);
    still_works(&mut c, "indivisibility");
}
