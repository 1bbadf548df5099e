//! Import of every supported format through `lede::doc::parse_file`, on
//! small inputs built here and on the real corpora in `../shared/corpora`.

use lede::doc::{parse_file, write_zip, ImportItem};
use lede::Error;

mod common;
use common::corpus_bytes as read;

fn ok(items: &[ImportItem]) -> usize {
    items.iter().filter(|i| i.result.is_ok()).count()
}

#[test]
fn real_html_page() {
    let name = "html-articles/html/reuters.com1.html";
    let items = parse_file(name, &read(name));
    assert_eq!(items.len(), 1);
    let d = items[0].result.as_ref().expect("the page parses");
    let expected = String::from_utf8(read("html-articles/text/reuters.com1.txt")).unwrap();
    let text = d.text();
    // Every long paragraph of the expected article text opens somewhere in
    // the extracted text (captions and teasers aside).
    let words = |s: &str| -> String {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let flat = words(&text);
    let long: Vec<&str> = expected
        .split("\n\n")
        .filter(|p| p.split_whitespace().count() >= 18)
        .collect();
    assert!(long.len() >= 5);
    for p in long {
        // (Words 5 to 12: a wire dateline opening the first paragraph,
        // "MUMBAI (Reuters) -", is set aside by the text parser.)
        let opening = words(
            &p.split_whitespace()
                .skip(4)
                .take(8)
                .collect::<Vec<_>>()
                .join(" "),
        );
        assert!(flat.contains(&opening), "missing '{opening}'");
    }
    assert!(d.title.as_deref().is_some_and(|t| !t.is_empty()));
    assert!(d.date.is_some(), "a news page declares its date");
    assert!(!text.contains('<'), "no markup in the text");
}

#[test]
fn html_meta_charset_windows_1252() {
    let page = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 talks</title></head>\
<body><article><p>The minister said the caf\xe9 meeting was \x93constructive\x94 and that both sides \
would meet again next week in Geneva to continue the consultations.</p>\
<p>Officials declined to give further details about the agenda, the participants or the \
expected outcome of the negotiations, citing the sensitivity of the issues.</p></article></body></html>";
    let items = parse_file("p.html", page);
    let d = items[0].result.as_ref().unwrap();
    assert_eq!(d.title.as_deref(), Some("Café talks"));
    assert!(
        d.text()
            .contains("caf\u{e9} meeting was \u{201c}constructive\u{201d}"),
        "{}",
        d.text()
    );
}

#[test]
fn reuters_sgm_record_count() {
    let name = "reuters21578/reut2-000.sgm";
    let bytes = read(name);
    let records = bytes.windows(8).filter(|w| w == b"<REUTERS").count();
    let items = parse_file(name, &bytes);
    assert_eq!(items.len(), records);
    assert_eq!(ok(&items), records, "every record parses");
    assert_eq!(items[0].file, format!("{name}#1"));
    let d = items[0].result.as_ref().unwrap();
    assert_eq!(d.title.as_deref(), Some("BAHIA COCOA REVIEW"));
    assert_eq!(d.date.as_deref(), Some("1987-02-26"));
    // The wire dateline "SALVADOR, Feb 26 -" is set aside by the text parser.
    assert!(d.paragraphs[0].starts_with("Showers continued"));
    assert!(!d.text().contains("&lt;") && !d.text().contains("Reuter\n"));
}

#[test]
fn newsarticles_csv() {
    let name = "newsarticles-csv/NewsArticles.csv";
    let items = parse_file(name, &read(name));
    assert!(items.len() >= 3800, "{} items", items.len());
    assert!(ok(&items) * 100 >= items.len() * 95, "{} ok", ok(&items));
    let d = items[0].result.as_ref().unwrap();
    assert_eq!(items[0].file, format!("{name}#2"));
    assert_eq!(
        d.title.as_deref(),
        Some("Betsy DeVos Confirmed as Education Secretary, With Pence Casting Historic Tie-Breaking Vote")
    );
    assert_eq!(d.date.as_deref(), Some("2017-02-07"));
    assert!(d
        .url
        .as_deref()
        .unwrap()
        .starts_with("http://abcnews.go.com/"));
    assert!(d.text().starts_with("Michigan billionaire"));
}

#[test]
fn zip_with_a_bad_member() {
    let jsonl =
        b"{\"title\":\"A\",\"text\":\"Alpha body.\"}\n{\"title\":\"B\",\"text\":\"Beta body.\"}\n";
    let mut z = write_zip(&[
        (
            "news/one.txt",
            b"Headline one\n\nBody of the first article.",
            true,
        ),
        ("news/two.jsonl", jsonl, true),
        (
            "news/broken.txt",
            b"Headline\n\nThis member will be corrupted.",
            false,
        ),
        ("news/photo.png", b"\x89PNG\r\n\x1a\n", false),
        ("__MACOSX/news/._one.txt", b"junk", false),
    ]);
    // Corrupt the stored member's data (its checksum no longer matches).
    let at = z
        .windows(8)
        .position(|w| w == b"This mem")
        .expect("stored member data");
    z[at] = b't';
    let items = parse_file("bundle.zip", &z);
    let files: Vec<&str> = items.iter().map(|i| i.file.as_str()).collect();
    assert_eq!(
        files,
        [
            "bundle.zip#news/one.txt",
            "bundle.zip#news/two.jsonl#1",
            "bundle.zip#news/two.jsonl#2",
            "bundle.zip#news/broken.txt",
            "bundle.zip#news/photo.png",
        ]
    );
    assert_eq!(ok(&items), 3);
    assert!(matches!(items[3].result, Err(Error::BadArchive { .. })));
    assert!(matches!(
        items[4].result,
        Err(Error::UnsupportedFormat { .. })
    ));
    assert!(matches!(
        parse_file("trunc.zip", &z[..z.len() / 2])[0].result,
        Err(Error::BadArchive { .. })
    ));
}

#[test]
fn jsonl_with_a_malformed_line() {
    let src = "{\"headline\":\"One\",\"body\":\"First.\",\"pubdate\":\"2022-02-01\"}\n\
{\"headline\":\"Two\",\"body\":\"Second.\"\n\
{\"headline\":\"Three\",\"body\":\"Third.\",\"site\":\"X\"}\n";
    let items = parse_file("feed.jsonl", src.as_bytes());
    assert_eq!(items.len(), 3);
    assert_eq!(ok(&items), 2);
    match &items[1].result {
        Err(e @ Error::BadJson { line: 2, .. }) => {
            assert!(e.to_string().contains("line 2"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(items[1].file, "feed.jsonl#2");
    assert_eq!(
        items[2].result.as_ref().unwrap().outlet.as_deref(),
        Some("X")
    );
}

#[test]
fn json_array_records() {
    let src = br#"[{"title":"A","content":"Body A.","authors":["X Y","Z W"]}, 7, {"title":"C","article":"Body C."}]"#;
    let items = parse_file("a.json", src);
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].file, "a.json#1");
    assert_eq!(
        items[0].result.as_ref().unwrap().authors,
        vec!["X Y", "Z W"]
    );
    assert!(items[1].result.is_err());
    assert_eq!(items[2].file, "a.json#3");
}

#[test]
fn csv_without_text_column() {
    let items = parse_file("t.csv", b"id,title,date\n1,Only a title,2020-01-01\n");
    assert_eq!(items.len(), 1);
    let e = items[0].result.as_ref().unwrap_err();
    assert!(matches!(e, Error::BadCsv { line: 1, .. }));
    assert!(e.to_string().contains("no article text column"), "{e}");
}

#[test]
fn windows_1251_text() {
    // "Заявление МИД\n\nМосква отвергла обвинения." in windows-1251.
    let (bytes, _, _) =
        encoding_rs::WINDOWS_1251.encode("Заявление МИД\n\nМосква отвергла обвинения.");
    let items = parse_file("ru.txt", &bytes);
    let d = items[0].result.as_ref().unwrap();
    assert_eq!(d.title.as_deref(), Some("Заявление МИД"));
    assert_eq!(d.text(), "Москва отвергла обвинения.");
}

#[test]
fn markdown_and_unknown_extension_are_text() {
    for name in ["a.md", "a.article", "README"] {
        let items = parse_file(name, b"Headline here\n\nSome body text.");
        assert!(items[0].result.is_ok(), "{name}");
    }
}

#[test]
fn never_panics_on_garbage() {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let prefixes: [&[u8]; 6] = [
        b"",
        b"<html><meta charset=",
        b"{\"title\":",
        b"title,text\n",
        b"<REUTERS NEWID=\"",
        b"PK\x03\x04",
    ];
    for ext in ["txt", "html", "json", "jsonl", "csv", "sgm", "zip", "bin"] {
        for p in prefixes {
            for _ in 0..20 {
                let len = (next() % 300) as usize;
                let mut b = p.to_vec();
                b.extend((0..len).map(|_| (next() % 256) as u8));
                let items = parse_file(&format!("f.{ext}"), &b);
                assert!(!items.is_empty());
            }
        }
    }
}

#[test]
fn corpus_import_reports_each_item() {
    let mut corpus = lede::Corpus::new();
    let src =
        b"{\"title\":\"A\",\"text\":\"Alpha.\"}\nnot json\n{\"title\":\"C\",\"text\":\"Gamma.\"}\n";
    let r = corpus.import("f.jsonl", src);
    assert_eq!(r.added.len(), 2);
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].file, "f.jsonl#2");
    assert!(
        r.errors[0].error.contains("line 2"),
        "{}",
        r.errors[0].error
    );
    assert_eq!(corpus.get(r.added[1]).unwrap().title.as_deref(), Some("C"));
    assert_eq!(corpus.get(r.added[0]).unwrap().file, "f.jsonl#1");
}
