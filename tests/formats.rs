//! Import of the files people have (issue 16): e-mail (`.eml`), mailboxes
//! (`.mbox`), Word (`.docx`), PDF with a text layer, RSS and Atom feeds.
//! Every input is built by `tests/common/formats.rs`; each format is
//! checked for title, author, date and body, and each kind of bad input
//! for a clear error of its own that costs no other file.

use lede::doc::{parse_file, ImportItem};
use lede::DateSource;
use lede::{Corpus, Document};

mod common;
use common::formats;

fn doc(items: &[ImportItem], i: usize) -> &Document {
    items[i]
        .result
        .as_ref()
        .unwrap_or_else(|e| panic!("{}: {e}", items[i].file))
}

fn error(items: &[ImportItem]) -> String {
    assert_eq!(items.len(), 1, "{items:?}");
    match &items[0].result {
        Err(e) => e.to_string(),
        Ok(d) => panic!("{} parsed: {:?}", items[0].file, d.title),
    }
}

#[test]
fn eml_metadata_body_and_attachments() {
    let items = parse_file("letter.eml", &formats::eml());
    let files: Vec<&str> = items.iter().map(|i| i.file.as_str()).collect();
    // The text attachment is imported; the image is only listed.
    assert_eq!(files, ["letter.eml", "letter.eml#statement.txt"]);
    let d = doc(&items, 0);
    assert_eq!(
        d.title.as_deref(),
        Some("Talks in Geneva end without a deal")
    );
    assert_eq!(d.authors, ["Jane Roe"]);
    assert_eq!(d.outlet.as_deref(), Some("Reuters"));
    // The day as written in the Date header, not shifted to UTC.
    assert_eq!(d.date.as_deref(), Some("2022-01-11"));
    let info = d.date_info.as_ref().unwrap();
    assert_eq!(info.source, DateSource::Metadata);
    assert!(
        info.evidence.contains("Tue, 11 Jan 2022"),
        "{}",
        info.evidence
    );
    let text = d.text();
    assert!(
        text.contains("Negotiators left the talks on Monday"),
        "{text}"
    );
    assert!(!text.contains("HTML version"), "{text}");
    assert!(
        text.contains("Attachments: statement.txt (text/plain, ")
            && text.contains("photo.png (image/png, "),
        "{text}"
    );
    let a = doc(&items, 1);
    assert_eq!(a.title.as_deref(), Some("Statement on the talks"));
    assert!(a.text().contains("talks would continue"));
}

#[test]
fn mbox_three_messages() {
    let items = parse_file("inbox.mbox", &formats::mbox());
    let files: Vec<&str> = items.iter().map(|i| i.file.as_str()).collect();
    assert_eq!(files, ["inbox.mbox#1", "inbox.mbox#2", "inbox.mbox#3"]);
    let m = doc(&items, 0);
    assert_eq!(
        m.title.as_deref(),
        Some("Statement by the Foreign Ministry")
    );
    assert_eq!(m.authors, ["Press Service"]);
    assert_eq!(
        m.outlet.as_deref(),
        Some("Ministry of Foreign Affairs of Russia")
    );
    assert_eq!(m.date.as_deref(), Some("2022-01-10"));
    assert!(m.text().contains("security guarantees"));
    // HTML only: through the HTML extractor; the sending host is dropped.
    let m = doc(&items, 1);
    assert_eq!(m.title.as_deref(), Some("Morning Brief: markets rally"));
    assert_eq!(m.authors, ["The Morning Brief"]);
    assert_eq!(m.outlet.as_deref(), Some("example.com"));
    assert_eq!(m.date.as_deref(), Some("2022-01-12"));
    let text = m.text();
    assert!(text.contains("Stocks rose sharply"), "{text}");
    assert!(!text.contains('<'), "{text}");
    // A personal mailbox is no outlet; ">From " is unquoted.
    let m = doc(&items, 2);
    assert_eq!(m.authors, ["sam.reader@gmail.com"]);
    assert_eq!(m.outlet, None);
    assert_eq!(m.date.as_deref(), Some("2022-01-13"));
    assert!(
        m.text().contains("From the start the tender"),
        "{}",
        m.text()
    );
}

#[test]
fn docx_body_and_core_properties() {
    let items = parse_file("tender.docx", &formats::docx());
    let d = doc(&items, 0);
    assert_eq!(
        d.title.as_deref(),
        Some("Ministry announces new port tender")
    );
    assert_eq!(d.authors, ["Anna Petrova"]);
    // The last save, not the creation of the file.
    assert_eq!(d.date.as_deref(), Some("2022-02-04"));
    assert_eq!(d.date_info.as_ref().unwrap().source, DateSource::Metadata);
    assert_eq!(
        d.paragraphs,
        [
            "The Ministry of Transport announced on Friday a new tender for the northern port, after the first one was cancelled.",
            "Bids are due by March 1 & will be opened in public."
        ]
    );
}

#[test]
fn pdf_text_layer_and_info() {
    let items = parse_file("rates.pdf", &formats::text_pdf());
    let d = doc(&items, 0);
    assert_eq!(d.title.as_deref(), Some("Central bank raises rates"));
    assert_eq!(d.authors, ["Max Mustermann"]);
    assert_eq!(d.date.as_deref(), Some("2022-07-21"));
    assert_eq!(d.date_info.as_ref().unwrap().source, DateSource::Metadata);
    let text = d.text();
    assert!(
        text.contains(
            "raised its key interest rate on Thursday, the first increase in eleven years"
        ),
        "{text}"
    );
    assert!(text.contains("The decision was unanimous"), "{text}");
}

#[test]
fn rss_items() {
    let items = parse_file("gazette.rss", &formats::rss());
    assert_eq!(items.len(), 2);
    let d = doc(&items, 0);
    assert_eq!(items[0].file, "gazette.rss#1");
    assert_eq!(
        d.title.as_deref(),
        Some("Port workers strike for a second day")
    );
    assert_eq!(d.authors, ["Lena Fischer"]);
    assert_eq!(d.date.as_deref(), Some("2022-02-07"));
    assert_eq!(d.url.as_deref(), Some("https://gazette.example.com/strike"));
    assert_eq!(d.outlet.as_deref(), Some("Harbour Gazette"));
    let text = d.text();
    assert!(text.contains("halting container traffic"), "{text}");
    assert!(
        !text.contains("Short teaser") && !text.contains("<p>"),
        "{text}"
    );
    let d = doc(&items, 1);
    assert_eq!(d.authors, ["Tom Berg"]);
    assert_eq!(d.date.as_deref(), Some("2022-02-08"));
    assert!(
        d.text().contains("fewer crossings & later departures"),
        "{}",
        d.text()
    );
}

#[test]
fn atom_entries() {
    let items = parse_file("wire.atom", &formats::atom());
    assert_eq!(items.len(), 1);
    let d = doc(&items, 0);
    assert_eq!(d.title.as_deref(), Some("Election results certified"));
    assert_eq!(d.authors, ["Maria Lopez"]);
    assert_eq!(d.date.as_deref(), Some("2022-03-01"));
    assert_eq!(d.url.as_deref(), Some("https://wire.example.org/election"));
    assert_eq!(d.outlet.as_deref(), Some("Example Wire"));
    assert!(
        d.text().contains("certified the results on Tuesday"),
        "{}",
        d.text()
    );
}

#[test]
fn formats_are_sniffed_without_extensions() {
    for (bytes, title) in [
        (formats::eml(), "Talks in Geneva end without a deal"),
        (formats::text_pdf(), "Central bank raises rates"),
        (formats::docx(), "Ministry announces new port tender"),
        (formats::atom(), "Election results certified"),
    ] {
        let items = parse_file("download", &bytes);
        assert_eq!(doc(&items, 0).title.as_deref(), Some(title));
    }
    let items = parse_file("feed.xml", &formats::rss());
    assert_eq!(items.len(), 2);
    assert_eq!(parse_file("mailbox", &formats::mbox()).len(), 3);
}

#[test]
fn bad_inputs_are_clear_errors() {
    assert_eq!(
        error(&parse_file("scan.pdf", &formats::scanned_pdf())),
        "scan.pdf: no text layer — run OCR first"
    );
    let e = error(&parse_file("locked.pdf", &formats::encrypted_pdf()));
    assert!(
        e.starts_with("locked.pdf: the PDF is encrypted (password-protected)"),
        "{e}"
    );
    let mut broken = formats::text_pdf();
    broken.truncate(60);
    let e = error(&parse_file("broken.pdf", &broken));
    assert!(e.starts_with("broken.pdf: damaged or not a PDF"), "{e}");
    assert_eq!(
        error(&parse_file("memo.docx", b"this is not a zip")),
        "memo.docx: not a readable .docx (Word) document: it is not a ZIP archive"
    );
    let e = error(&parse_file(
        "bad.eml",
        b"From: a@example.org\nSubject: Hi\nthis line is not a header\n\nBody text.",
    ));
    assert_eq!(
        e,
        "bad.eml: malformed mail header at line 3: \"this line is not a header\" is not a \"Name: value\" field"
    );
    let e = error(&parse_file(
        "empty.eml",
        b"Hello there.\n\nNo headers at all.",
    ));
    assert!(
        e.starts_with("empty.eml: malformed mail header at line 1"),
        "{e}"
    );
    let e = error(&parse_file("page.rss", b"<html><body>x</body></html>"));
    assert_eq!(
        e,
        "page.rss: not an RSS or Atom feed (the root element is <html>)"
    );
}

#[test]
fn a_batch_keeps_good_files_and_what_was_loaded() {
    let mut corpus = Corpus::with_seeds();
    let before = corpus.len();
    let (eml, mbox, docx, pdf, scan, rss) = (
        formats::eml(),
        formats::mbox(),
        formats::docx(),
        formats::text_pdf(),
        formats::scanned_pdf(),
        formats::rss(),
    );
    let locked = formats::encrypted_pdf();
    let report = corpus.import_many(&[
        ("letter.eml", &eml),
        ("locked.pdf", &locked),
        ("inbox.mbox", &mbox),
        ("memo.docx", b"not a zip"),
        ("tender.docx", &docx),
        ("scan.pdf", &scan),
        ("rates.pdf", &pdf),
        ("gazette.rss", &rss),
    ]);
    // letter + attachment, 3 messages, docx, pdf, 2 feed items.
    assert_eq!(report.added.len(), 9, "{:?}", report.errors);
    let failed: Vec<&str> = report.errors.iter().map(|e| e.file.as_str()).collect();
    assert_eq!(failed, ["locked.pdf", "memo.docx", "scan.pdf"]);
    assert!(report.errors[2]
        .error
        .contains("no text layer — run OCR first"));
    assert_eq!(corpus.len(), before + 9);
    let hits = corpus.search("tender", &Default::default());
    assert!(hits.total >= 2, "{}", hits.total);
}

#[test]
fn cli_parse_reads_every_new_format() {
    let dir = std::env::temp_dir().join(format!("lede-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut args = vec!["parse".to_string()];
    for (name, bytes) in [
        ("a.eml", formats::eml()),
        ("b.mbox", formats::mbox()),
        ("c.docx", formats::docx()),
        ("d.pdf", formats::text_pdf()),
        ("e.rss", formats::rss()),
        ("f.pdf", formats::scanned_pdf()),
    ] {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        args.push(p.to_string_lossy().into_owned());
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(&args)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    // One file failed (the scan): exit 1, every other item printed.
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 10, "{lines:?}");
    let titles: Vec<&str> = lines.iter().filter_map(|l| l["title"].as_str()).collect();
    assert!(titles.contains(&"Ministry announces new port tender"));
    assert!(titles.contains(&"Central bank raises rates"));
    let feed = lines
        .iter()
        .find(|l| l["title"] == "Ferry timetable changes")
        .unwrap();
    assert_eq!(feed["url"], "https://gazette.example.com/ferry");
    assert_eq!(feed["date_source"], "metadata");
    let scan = lines.last().unwrap();
    assert!(scan["error"]
        .as_str()
        .unwrap()
        .ends_with("no text layer — run OCR first"));
}

/// `lede extract FILE...`: its JSON lines, after checking it exited 0.
fn extract_lines(files: &[&std::path::Path]) -> Vec<serde_json::Value> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
        .arg("extract")
        .args(files)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn cli_extract_reads_parsed_text() {
    let dir = std::env::temp_dir().join(format!("lede-formats-x-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (mbox, pdf) = (dir.join("in.mbox"), dir.join("rates.pdf"));
    std::fs::write(&mbox, formats::mbox()).unwrap();
    std::fs::write(&pdf, formats::text_pdf()).unwrap();
    let lines = extract_lines(&[&mbox, &pdf]);
    std::fs::remove_dir_all(&dir).ok();
    let files: Vec<String> = lines
        .iter()
        .map(|l| {
            l["file"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(files, ["in.mbox#1", "in.mbox#2", "in.mbox#3", "rates.pdf"]);
    // The places are read from the message text, not from its headers.
    let places = lines[0]["entities"].to_string();
    assert!(
        places.contains("MOSCOW") || places.contains("Moscow"),
        "{places}"
    );
    assert!(!places.contains("mid.ru"), "{places}");
}

/// HTML and JSON Lines are extracted from their text as imported (the
/// page's main text; each record's text), not from their markup: no
/// attribute value or JSON key is taken for a quote.
#[test]
fn cli_extract_reads_html_and_records_as_imported() {
    let dir = std::env::temp_dir().join(format!("lede-formats-h-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (html, jsonl) = (dir.join("page.html"), dir.join("wire.jsonl"));
    std::fs::write(
        &html,
        r#"<html><head><title>Talks</title></head><body><article><p class="lead">Lavrov said "we want guarantees now" on Monday in Moscow, officials said.</p></article></body></html>"#,
    )
    .unwrap();
    std::fs::write(
        &jsonl,
        concat!(
            r#"{"title":"Talks","text":"Sergey Lavrov said \"the talks were useful\" on Monday."}"#,
            "\n",
            r#"{"title":"Rain","text":"It rained in Paris, the forecasters said."}"#,
            "\n"
        ),
    )
    .unwrap();
    let lines = extract_lines(&[&html, &jsonl]);
    std::fs::remove_dir_all(&dir).ok();
    let files: Vec<&str> = lines
        .iter()
        .map(|l| l["file"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(files, ["page.html", "wire.jsonl#1", "wire.jsonl#2"]);
    let quotes = |i: usize| -> Vec<String> {
        lines[i]["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["text"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(quotes(0), ["\"we want guarantees now\""]);
    assert_eq!(quotes(1), ["\"the talks were useful\""]);
    assert!(quotes(2).is_empty(), "{:?}", quotes(2));
    assert_eq!(lines[1]["quotes"][0]["speaker"], "Sergey Lavrov");
}

#[test]
fn a_pdf_decompression_bomb_is_refused_quickly() {
    // One page whose content inflates to 40 MB of spaces (40 KB deflated).
    let bomb = miniz_oxide::deflate::compress_to_vec_zlib(&vec![b' '; 40 << 20], 9);
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_string(),
    ];
    // The stream's bytes are binary: written as Latin-1 characters, one
    // byte each, then turned back into bytes.
    let latin1: String = bomb.iter().map(|&b| b as char).collect();
    objects.push(format!(
        "<< /Length {} /Filter /FlateDecode >>\nstream\n{latin1}\nendstream",
        bomb.len()
    ));
    let pdf = formats::pdf(&objects, "/Root 1 0 R");
    let pdf: Vec<u8> = String::from_utf8(pdf)
        .unwrap()
        .chars()
        .map(|c| c as u8)
        .collect();
    let t = std::time::Instant::now();
    let e = error(&parse_file("bomb.pdf", &pdf));
    assert_eq!(
        e,
        "bomb.pdf: the content of page 1 inflates to more than 16 MB (the limit)"
    );
    assert!(t.elapsed().as_secs() < 10, "{:?}", t.elapsed());
}
