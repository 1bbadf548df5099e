//! One entry point for every import format: [`parse_file`].
//!
//! A file's format is chosen from its extension, then from its content
//! when the extension says nothing ([`Format::detect`]). A file can hold
//! many articles (JSON arrays, JSON Lines, CSV rows, Reuters SGML, the
//! messages of a mailbox, the items of a feed, ZIP archives of any of
//! these, nested); each article is an [`ImportItem`] with its own name
//! (`path#line`, `path#index`, `path#member`) and its own result, so one
//! bad record never costs the good ones. A message's attachments in a
//! format imported here (by extension) are imported too, as
//! `letter.eml#report.pdf`, through the same dispatch.

use super::archive::{self, Zip};
use super::item::ImportItem;
use super::mail::{self, Attachment};
use super::{csvfile, docx, feed, html, json, sgm, Document, MAX_FILE_BYTES};
use crate::error::{Error, Result};

/// The formats Lede imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown: one article.
    Text,
    /// An HTML page: one article, its main text extracted.
    Html,
    /// JSON: an article object, an array of them, or an object holding one.
    Json,
    /// JSON Lines: one article object per line.
    JsonLines,
    /// CSV/TSV with a header row: one article per row.
    Csv,
    /// Reuters-21578 SGML: one article per `<REUTERS>` record.
    Sgm,
    /// A ZIP archive of any of these.
    Zip,
    /// An e-mail message (`.eml`): one article, attachments imported too.
    Mail,
    /// A mailbox (`.mbox`): one article per message.
    Mbox,
    /// A Word document (`.docx`): one article.
    Docx,
    /// A PDF with a text layer: one article.
    Pdf,
    /// An RSS or Atom feed: one article per item.
    Feed,
}

/// Extensions that are certainly not news text.
const BINARY_EXTENSIONS: &[&str] = &[
    "doc", "odt", "rtf", "xls", "xlsx", "ods", "ppt", "pptx", "epub", "png", "jpg", "jpeg", "gif",
    "webp", "bmp", "svg", "ico", "mp3", "mp4", "wav", "avi", "mov", "webm", "gz", "tgz", "bz2",
    "xz", "7z", "rar", "tar", "exe", "dll", "so", "wasm", "woff", "woff2", "ttf", "parquet",
    "sqlite", "db",
];

impl Format {
    /// The format of the file `name` with content `bytes`: a known
    /// extension decides (after a check that a `.zip` really is one);
    /// otherwise the content is sniffed (ZIP magic, a Word document's ZIP,
    /// `%PDF`, mail headers, an RSS or Atom root, Reuters SGML, an HTML
    /// doctype or root, JSON, JSON Lines), and anything else that is text
    /// is read as text. `Err` names what was found for known binary types.
    pub fn detect(name: &str, bytes: &[u8]) -> std::result::Result<Format, String> {
        let ext = extension(name);
        let by_ext = Format::by_extension(&ext);
        if archive::is_zip(bytes) {
            if by_ext == Some(Format::Docx) {
                return Ok(Format::Docx);
            }
            // A .xlsx/.epub is a ZIP too, but not an archive of articles.
            if BINARY_EXTENSIONS.contains(&ext.as_str()) {
                return Err(format!(".{ext} document"));
            }
            if docx::is_docx_zip(bytes) {
                return Ok(Format::Docx);
            }
            return Ok(Format::Zip);
        }
        if let Some(f) = by_ext {
            return Ok(f);
        }
        if BINARY_EXTENSIONS.contains(&ext.as_str()) {
            return Err(format!(".{ext} file"));
        }
        if bytes.starts_with(b"%PDF-") {
            return Ok(Format::Pdf);
        }
        if let Some(kind) = binary_magic(bytes) {
            return Err(kind.to_string());
        }
        Ok(sniff_text(bytes))
    }

    /// The format an extension (lowercased, without the dot) names, if any.
    /// `.xml` names none: an XML file is a feed only when its content is
    /// one.
    pub fn by_extension(ext: &str) -> Option<Format> {
        Some(match ext {
            "txt" | "text" | "md" | "markdown" => Format::Text,
            "html" | "htm" | "xhtml" | "shtml" => Format::Html,
            "json" => Format::Json,
            "jsonl" | "ndjson" | "jsonlines" => Format::JsonLines,
            "csv" | "tsv" | "tab" => Format::Csv,
            "sgm" | "sgml" => Format::Sgm,
            "zip" => Format::Zip,
            "eml" => Format::Mail,
            "mbox" | "mbx" => Format::Mbox,
            "docx" => Format::Docx,
            "pdf" => Format::Pdf,
            "rss" | "atom" => Format::Feed,
            _ => return None,
        })
    }
}

/// Lowercased extension of the last path component ("" when none).
fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

fn binary_magic(bytes: &[u8]) -> Option<&'static str> {
    let magics: &[(&[u8], &str)] = &[
        (b"\x89PNG", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"\x1f\x8b", "gzip archive"),
        (b"Rar!", "RAR archive"),
        (b"7z\xbc\xaf", "7-Zip archive"),
        (b"\xd0\xcf\x11\xe0", "legacy Office document"),
        (b"\0asm", "WebAssembly module"),
    ];
    magics
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|(_, k)| *k)
}

/// The format of text without a telling extension.
fn sniff_text(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head);
    let t = head.trim_start_matches('\u{feff}').trim_start();
    let lower: String = t.chars().take(512).collect::<String>().to_ascii_lowercase();
    if let Some(mbox) = mail::sniff(bytes) {
        return if mbox { Format::Mbox } else { Format::Mail };
    }
    if feed::sniff(bytes) {
        return Format::Feed;
    }
    if sgm::is_sgm(&head) {
        return Format::Sgm;
    }
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || (lower.starts_with('<') && (lower.contains("<head") || lower.contains("<body")))
    {
        return Format::Html;
    }
    if t.starts_with('[') {
        return Format::Json;
    }
    if t.starts_with('{') {
        // Several lines each a complete object: JSON Lines.
        let mut lines = t.lines().filter(|l| !l.trim().is_empty());
        let first_complete = lines
            .next()
            .is_some_and(|l| serde_json::from_str::<serde_json::Value>(l).is_ok());
        let second_object = lines
            .next()
            .is_some_and(|l| l.trim_start().starts_with('{'));
        return if first_complete && second_object {
            Format::JsonLines
        } else {
            Format::Json
        };
    }
    Format::Text
}

/// Parses the file `name` (a path or a bare name; only its extension and
/// content matter) into one item per article it holds.
///
/// Never panics and never returns an empty list: a file that yields no
/// article yields one failed item saying why. A failed item's error names
/// the item itself (`a.jsonl#6`, `a.zip#b.txt`), once.
pub fn parse_file(name: &str, bytes: &[u8]) -> Vec<ImportItem> {
    parse_files(&[(name, bytes)])
}

/// Parses several files as one import, on every core, items in the
/// files' order: like [`parse_file`] for each, with one limit on what all
/// their archives may inflate to ([`archive::MAX_IMPORT_BYTES`]). So that
/// files can be read in parallel and the outcome not depend on timing,
/// each archive reserves its share of that limit in file order before
/// any is read: the sizes its directory declares (a member cannot inflate
/// past its declared size), or the whole per-archive limit when it holds
/// archives; an archive whose reservation falls short stops where it runs
/// out, like one that crosses its own limit.
pub fn parse_files(files: &[(&str, &[u8])]) -> Vec<ImportItem> {
    parse_within(files, archive::MAX_ARCHIVE_BYTES, archive::MAX_IMPORT_BYTES)
}

/// [`parse_files`] with the limits on inflated bytes given.
fn parse_within(files: &[(&str, &[u8])], per_archive: u64, per_import: u64) -> Vec<ImportItem> {
    let mut left = per_import;
    let jobs: Vec<(&str, &[u8], u64)> = files
        .iter()
        .map(|&(name, bytes)| {
            let share = reservation(name, bytes, per_archive).min(left);
            left -= share;
            (name, bytes, share)
        })
        .collect();
    let parsed = crate::par::map(&jobs, |&(name, bytes, share)| {
        let mut budget = Budget {
            import: share,
            archive: per_archive,
            per_import,
            per_archive,
        };
        parse_nested(name, bytes, 0, &mut budget)
    });
    named_once(parsed.into_iter().flatten().collect())
}

/// `items` with each failed item's error naming the item (see
/// [`name_once`]); every import path ends here.
pub(crate) fn named_once(mut items: Vec<ImportItem>) -> Vec<ImportItem> {
    for item in &mut items {
        if let Err(e) = &mut item.result {
            name_once(e, &item.file);
        }
    }
    items
}

/// The inflated bytes an archive may need of the import's limit: what
/// its directory declares, or `per_archive` when it holds archives
/// (whose members the directory does not list); 0 for any other file.
fn reservation(name: &str, bytes: &[u8], per_archive: u64) -> u64 {
    if !archive::is_zip(bytes) {
        return 0;
    }
    let Ok(zip) = Zip::open(name, bytes) else {
        return 0;
    };
    let nested = zip
        .members
        .iter()
        .any(|m| m.name.to_ascii_lowercase().ends_with(".zip"));
    if nested {
        return per_archive;
    }
    zip.members
        .iter()
        .map(|m| m.size.min(MAX_FILE_BYTES))
        .fold(0u64, u64::saturating_add)
        .min(per_archive)
}

/// Names the item `file` in its error: the parsers name the file they
/// read (`a.jsonl`), the report shows the item (`a.jsonl#6`) beside the
/// error, and the page and CLI print the error's sentence without its
/// leading name when that is the item's; so the name is said once.
fn name_once(e: &mut Error, file: &str) {
    match e {
        Error::Empty { name }
        | Error::NotText { name, .. }
        | Error::TooLarge { name, .. }
        | Error::UnsupportedFormat { name, .. }
        | Error::BadJson { name, .. }
        | Error::BadCsv { name, .. }
        | Error::BadArchive { name, .. }
        | Error::Io { name, .. } => {
            if name != file {
                *name = file.to_string();
            }
        }
        Error::BadIndex { .. } | Error::Other { .. } => {}
    }
}

/// "256 MB" (binary megabytes, as the limits are set), or bytes when
/// smaller.
fn megabytes(n: u64) -> String {
    if n >= 1024 * 1024 {
        format!("{} MB", n / (1024 * 1024))
    } else {
        format!("{n} bytes")
    }
}

/// Bytes that archive members may still inflate to: in this import, and
/// in the outermost archive being read (nested archives included).
struct Budget {
    import: u64,
    archive: u64,
    /// The limits, as set at the start.
    per_import: u64,
    per_archive: u64,
}

fn parse_nested(name: &str, bytes: &[u8], depth: usize, budget: &mut Budget) -> Vec<ImportItem> {
    if bytes.len() as u64 > MAX_FILE_BYTES && !archive::is_zip(bytes) {
        return vec![ImportItem::err(
            name,
            Error::TooLarge {
                name: name.to_string(),
                size: bytes.len() as u64,
                limit: MAX_FILE_BYTES,
            },
        )];
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return vec![ImportItem::err(
            name,
            Error::Empty {
                name: name.to_string(),
            },
        )];
    }
    let format = match Format::detect(name, bytes) {
        Ok(f) => f,
        Err(detected) => {
            return vec![ImportItem::err(
                name,
                Error::UnsupportedFormat {
                    name: name.to_string(),
                    detected,
                },
            )]
        }
    };
    let one = |result: Result<Document>| vec![ImportItem::new(name.to_string(), result)];
    match format {
        Format::Text => one(super::parse_text(name, bytes)),
        Format::Html => {
            let (result, note) = match html::parse_page(name, bytes) {
                Ok((doc, note)) => (Ok(doc), note),
                Err(e) => (Err(e), None),
            };
            let mut item = ImportItem::new(name.to_string(), result);
            item.notes.extend(note);
            vec![item]
        }
        Format::Json => json::parse_json(name, bytes),
        Format::JsonLines => json::parse_json_lines(name, bytes),
        Format::Csv => csvfile::parse_csv(name, bytes),
        Format::Sgm => sgm::parse_sgm(name, bytes),
        Format::Zip => parse_zip(name, bytes, depth, budget),
        Format::Mail => {
            let (item, attached) = mail::parse_eml(name, bytes);
            let mut items = vec![item];
            items.extend(parse_attachments(attached, depth, budget));
            items
        }
        Format::Mbox => {
            let mut items = Vec::new();
            for (item, attached) in mail::parse_mbox(name, bytes) {
                items.push(item);
                items.extend(parse_attachments(attached, depth, budget));
            }
            items
        }
        Format::Docx => one(docx::parse_docx(name, bytes)),
        Format::Pdf => one(parse_pdf(name, bytes)),
        Format::Feed => feed::parse_feed(name, bytes),
    }
}

/// A PDF's text layer (`pdf.rs`). Natively always.
#[cfg(not(target_arch = "wasm32"))]
fn parse_pdf(name: &str, bytes: &[u8]) -> Result<Document> {
    super::pdf::parse_pdf(name, bytes)
}

/// The wasm's PDF reader, set by [`enable_pdf`]. The page's main wasm never
/// sets it, so the linker leaves lopdf (about 0.5 MB gzipped) out of it; the
/// page's PDF build (`examples/pdf_wasm.rs`, the same library with this
/// reader switched on at start) reads the PDFs of an import in a worker of
/// its own (www/pool.js).
#[cfg(target_arch = "wasm32")]
static PDF_READER: std::sync::OnceLock<ReadPdf> = std::sync::OnceLock::new();

/// A PDF reader: the file's name and bytes to its document.
#[cfg(target_arch = "wasm32")]
type ReadPdf = fn(&str, &[u8]) -> Result<Document>;

/// Switches PDF import on in this wasm instance (`examples/pdf_wasm.rs`).
#[cfg(all(target_arch = "wasm32", feature = "wasm-pdf"))]
pub fn enable_pdf() {
    let _ = PDF_READER.set(super::pdf::parse_pdf);
}

/// A PDF in a wasm whose PDF reader is not switched on (the page's main
/// wasm) is refused, saying where PDFs are read.
#[cfg(target_arch = "wasm32")]
fn parse_pdf(name: &str, bytes: &[u8]) -> Result<Document> {
    match PDF_READER.get() {
        Some(read) => read(name, bytes),
        None => Err(Error::Other {
            message: format!(
                "{name}: PDFs are read by the page's PDF reader, which was not loaded for this \
                 file; import the PDF on its own, or with the lede command-line tool (lede build)"
            ),
        }),
    }
}

/// The attachments of a message whose extension names a format imported
/// here, each parsed as a file of its own (the rest are only listed in
/// the message's text). Past [`archive::MAX_DEPTH`] levels of messages
/// and archives inside each other, attachments are not opened.
fn parse_attachments(
    attached: Vec<Attachment>,
    depth: usize,
    budget: &mut Budget,
) -> Vec<ImportItem> {
    if depth + 1 >= archive::MAX_DEPTH {
        return Vec::new();
    }
    attached
        .into_iter()
        .filter(|a| Format::by_extension(&extension(&a.name)).is_some())
        .flat_map(|a| parse_nested(&a.name, &a.bytes, depth + 1, budget))
        .collect()
}

fn parse_zip(name: &str, bytes: &[u8], depth: usize, budget: &mut Budget) -> Vec<ImportItem> {
    if depth >= archive::MAX_DEPTH {
        return vec![ImportItem::err(
            name,
            Error::BadArchive {
                name: name.to_string(),
                message: format!("archives nested more than {} deep", archive::MAX_DEPTH),
            },
        )];
    }
    let zip = match Zip::open(name, bytes) {
        Ok(z) => z,
        Err(e) => return vec![ImportItem::err(name, e)],
    };
    if zip.members.is_empty() {
        return vec![ImportItem::err(
            name,
            Error::Empty {
                name: name.to_string(),
            },
        )];
    }
    if depth == 0 {
        budget.archive = budget.per_archive;
    }
    let mut items = Vec::new();
    for (k, member) in zip.members.iter().enumerate() {
        let member_name = format!("{name}#{}", member.name);
        let left = budget.archive.min(budget.import);
        if member.size > left && member.size <= MAX_FILE_BYTES {
            let (whose, limit) = if budget.archive <= budget.import {
                (format!("the members of {name}"), budget.per_archive)
            } else {
                ("the archives of this import".to_string(), budget.per_import)
            };
            let after = zip.members.len() - k - 1;
            items.push(ImportItem::err(
                &member_name,
                Error::Other {
                    message: format!(
                        "{member_name}: not read: {whose} would inflate to more than {} \
                         together (the limit); this member and the {after} after it were left out",
                        megabytes(limit)
                    ),
                },
            ));
            break;
        }
        match zip.read(name, member, MAX_FILE_BYTES.min(left.max(1))) {
            Ok(data) => {
                let n = data.len() as u64;
                budget.archive = budget.archive.saturating_sub(n);
                budget.import = budget.import.saturating_sub(n);
                items.extend(parse_nested(&member_name, &data, depth + 1, budget));
            }
            Err(e) => items.push(ImportItem::err(&member_name, e)),
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection() {
        assert_eq!(Format::detect("a.TXT", b"hi"), Ok(Format::Text));
        assert_eq!(
            Format::detect("a", b"<!DOCTYPE html><html>"),
            Ok(Format::Html)
        );
        assert_eq!(Format::detect("a", b"[{\"a\":1}]"), Ok(Format::Json));
        assert_eq!(
            Format::detect("a", b"{\"a\":1}\n{\"a\":2}\n"),
            Ok(Format::JsonLines)
        );
        assert_eq!(Format::detect("a", b"{\n\"a\":1\n}"), Ok(Format::Json));
        assert_eq!(
            Format::detect("r", b"<REUTERS NEWID=\"1\">"),
            Ok(Format::Sgm)
        );
        assert_eq!(Format::detect("a.pdf", b"%PDF-1.4"), Ok(Format::Pdf));
        assert_eq!(Format::detect("noext", b"%PDF-1.4"), Ok(Format::Pdf));
        assert_eq!(Format::detect("a.eml", b"x"), Ok(Format::Mail));
        assert_eq!(
            Format::detect("a.xml", b"<?xml version=\"1.0\"?><rss><channel>"),
            Ok(Format::Feed)
        );
        let z = archive::write_zip(&[("a.txt", b"x", false)]);
        assert_eq!(Format::detect("whatever.bin", &z), Ok(Format::Zip));
        assert_eq!(Format::detect("a.docx", &z), Ok(Format::Docx));
        assert!(Format::detect("a.xlsx", &z).is_err());
        let w = archive::write_zip(&[("word/document.xml", b"<w:document/>", false)]);
        assert_eq!(Format::detect("noext", &w), Ok(Format::Docx));
    }

    #[test]
    fn unsupported_and_empty() {
        let items = parse_file("x.png", b"\x89PNG\r\n");
        assert!(matches!(
            items[0].result,
            Err(Error::UnsupportedFormat { .. })
        ));
        assert!(matches!(
            parse_file("x.txt", b"  \n")[0].result,
            Err(Error::Empty { .. })
        ));
    }

    #[test]
    fn nested_zip_and_depth_guard() {
        let inner = archive::write_zip(&[("in.txt", b"Headline\n\nBody text here.", true)]);
        let outer = archive::write_zip(&[("inner.zip", &inner, false)]);
        let items = parse_file("o.zip", &outer);
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].file, "o.zip#inner.zip#in.txt");
        assert!(items[0].result.is_ok());
        let mut z = archive::write_zip(&[("a.txt", b"Title\n\nBody", false)]);
        for _ in 0..archive::MAX_DEPTH {
            z = archive::write_zip(&[("n.zip", &z, false)]);
        }
        let items = parse_file("deep.zip", &z);
        assert!(matches!(items[0].result, Err(Error::BadArchive { .. })));
    }

    #[test]
    fn inflated_bytes_are_limited_per_archive_and_per_import() {
        let body = [b'x'; 100];
        let article = b"Headline\n\nBody text of the zipped article.";
        let z = archive::write_zip(&[
            ("a.txt", article, true),
            ("b.txt", &body, true),
            ("c.txt", &body, true),
            ("d.txt", &body, true),
        ]);
        // 200 bytes per archive: c.txt crosses; a and b stay.
        let items = parse_within(&[("z.zip", &z)], 200, 10_000);
        let files: Vec<&str> = items.iter().map(|i| i.file.as_str()).collect();
        assert_eq!(files, ["z.zip#a.txt", "z.zip#b.txt", "z.zip#c.txt"]);
        assert!(items[0].result.is_ok() && items[1].result.is_ok());
        let e = items[2].result.as_ref().unwrap_err().to_string();
        assert_eq!(
            e,
            "z.zip#c.txt: not read: the members of z.zip would inflate to more than 200 bytes \
             together (the limit); this member and the 1 after it were left out"
        );
        // Per import: the second archive crosses 550 bytes in all (343 each).
        let items = parse_within(&[("y.zip", &z), ("z.zip", &z)], 1_000, 550);
        let e = items
            .last()
            .unwrap()
            .result
            .as_ref()
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("z.zip#c.txt: not read: the archives of this import"),
            "{e}"
        );
        // A nested archive counts towards its outer archive.
        let outer = archive::write_zip(&[("in.zip", &z, false), ("e.txt", &body, true)]);
        let items = parse_within(&[("o.zip", &outer)], 200 + z.len() as u64, 10_000);
        let files: Vec<&str> = items.iter().map(|i| i.file.as_str()).collect();
        assert_eq!(
            files,
            [
                "o.zip#in.zip#a.txt",
                "o.zip#in.zip#b.txt",
                "o.zip#in.zip#c.txt",
                "o.zip#e.txt"
            ]
        );
        assert!(items[2].result.is_err() && items[3].result.is_err());
    }
}
