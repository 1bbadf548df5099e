//! PDF documents with a text layer: one document each.
//!
//! Read with `lopdf` (pure Rust, builds for wasm32). The text is what the
//! pages' content streams show (`Tj`, `TJ`, `'`, `"`), decoded through each
//! font's encoding (ToUnicode maps, standard encodings); a move to another
//! line (`Td`/`TD` with a vertical offset, `T*`, a new `Tm` row) ends a
//! line, a wide gap inside `TJ` or a horizontal move is a space. Lines are
//! then joined into paragraphs: a paragraph ends at a blank line, at a page
//! end, or after a line that ends a sentence and is clearly shorter than
//! the page's long lines; a word hyphenated across lines is joined.
//!
//! The metadata is the document information dictionary: `/Title` (unless
//! it is a file name), `/Author` (unless an account placeholder, see
//! `docx.rs`), `/CreationDate` (date source "metadata"); without a title the
//! plain-text parser takes the headline from the first lines, as for a
//! `.txt`.
//!
//! Limits against decompression bombs: the pages' content streams may
//! inflate to [`MAX_FILE_BYTES`] together (past that the file is refused,
//! saying so), one page's to [`MAX_PAGE_INFLATED`]; each font's encoding
//! (its ToUnicode map) is read once for the whole file, at most
//! [`MAX_FONT_INFLATED`] of it, and at most [`MAX_FONTS`] fonts are read
//! (text in further fonts is left out).
//!
//! Errors, each for that file only: a PDF whose pages show no text is "no
//! text layer — run OCR first" (a scan); a password-protected one says so;
//! one that cannot be parsed is "damaged or not a PDF" with the reason.

use std::collections::BTreeMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document as Pdf, Encoding, LoadOptions, Object};

use super::docx::is_placeholder_author;
use super::record::{Record, Role};
use super::{Document, MAX_FILE_BYTES};
use crate::error::{Error, Result};

/// The most bytes one object may inflate to when the file is loaded, and
/// all the pages' content streams together.
const MAX_INFLATED: usize = MAX_FILE_BYTES as usize;
/// The most bytes one page's content may inflate to.
const MAX_PAGE_INFLATED: usize = 16 * 1024 * 1024;
/// The most bytes one font's encoding (ToUnicode map) may inflate to.
const MAX_FONT_INFLATED: usize = 4 * 1024 * 1024;
/// The most distinct fonts whose encodings are read.
const MAX_FONTS: usize = 64;

fn err(name: &str, message: impl std::fmt::Display) -> Error {
    Error::Other {
        message: format!("{name}: {message}"),
    }
}

/// Parses the PDF file `name`.
pub(crate) fn parse_pdf(name: &str, bytes: &[u8]) -> Result<Document> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(err(name, "damaged or not a PDF: no %PDF header"));
    }
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_INFLATED),
        ..LoadOptions::default()
    };
    let declares_encryption = bytes.windows(8).any(|w| w == b"/Encrypt");
    let pdf = match Pdf::load_mem_with_options(bytes, options) {
        Ok(p) => p,
        Err(e) if declares_encryption || is_password_error(&e) => {
            return Err(encrypted(name, &e));
        }
        Err(e) => return Err(err(name, format!("damaged or not a PDF ({e})"))),
    };
    if pdf.is_encrypted() && pdf.encryption_state.is_none() {
        return Err(err(
            name,
            "the PDF is encrypted (password-protected); remove the password and import it again",
        ));
    }
    let pages = pdf.get_pages();
    if pages.is_empty() {
        return Err(err(name, "damaged or not a PDF (no pages found)"));
    }
    let mut fonts = Fonts::default();
    let mut inflated = 0usize;
    let mut lines_by_page = Vec::new();
    let mut too_large = None;
    for (&number, &page) in pages.iter() {
        let data = match pdf.get_page_content_with_limit(page, MAX_PAGE_INFLATED) {
            Ok(d) => d,
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            })) => {
                too_large.get_or_insert(number);
                continue;
            }
            Err(_) => continue,
        };
        inflated += data.len();
        if inflated > MAX_INFLATED {
            return Err(err(
                name,
                format!(
                    "the pages' content inflates to more than {} MB (the limit)",
                    MAX_INFLATED / (1024 * 1024)
                ),
            ));
        }
        lines_by_page.push(page_lines(&pdf, page, &data, &mut fonts));
    }
    let text = paragraphs(&lines_by_page);
    if text.trim().is_empty() {
        if let Some(n) = too_large {
            return Err(err(
                name,
                format!(
                    "the content of page {n} inflates to more than {} MB (the limit)",
                    MAX_PAGE_INFLATED / (1024 * 1024)
                ),
            ));
        }
        return Err(err(name, "no text layer — run OCR first"));
    }
    let mut rec = Record::default();
    let info = pdf
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| pdf.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok());
    let mut raw_date = None;
    if let Some(info) = info {
        let field = |key: &[u8]| {
            info.get(key)
                .ok()
                .and_then(|o| pdf.dereference(o).ok())
                .and_then(|(_, o)| lopdf::decode_text_string(o).ok())
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        if let Some(t) = field(b"Title") {
            // Producers fill /Title with the file name ("Microsoft Word -
            // memo.docx"): that is no headline.
            let lower = t.to_ascii_lowercase();
            if ![".doc", ".pdf", ".txt", ".rtf", ".odt"]
                .iter()
                .any(|x| lower.ends_with(x))
                && !lower.starts_with("microsoft word")
            {
                rec.set(Role::Title, &t);
            }
        }
        if let Some(a) = field(b"Author").filter(|a| !is_placeholder_author(a)) {
            rec.set(Role::Authors, &a);
        }
        if let Some(d) = field(b"CreationDate") {
            if let Some(iso) = pdf_date(&d) {
                rec.set(Role::Date, &iso);
                raw_date = Some(d);
            }
        }
    }
    rec.set(Role::Text, &text);
    let mut doc = rec.into_document(name)?;
    if let (Some(info), Some(raw)) = (doc.date_info.as_mut(), raw_date) {
        info.evidence = format!("PDF creation date '{raw}'");
    }
    Ok(doc)
}

fn is_password_error(e: &lopdf::Error) -> bool {
    matches!(
        e,
        lopdf::Error::InvalidPassword
            | lopdf::Error::Decryption(_)
            | lopdf::Error::AlreadyEncrypted
    )
}

fn encrypted(name: &str, e: &lopdf::Error) -> Error {
    if is_password_error(e) || matches!(e, lopdf::Error::Unimplemented(_)) {
        err(
            name,
            "the PDF is encrypted (password-protected); remove the password and import it again",
        )
    } else {
        err(
            name,
            format!("the PDF is encrypted and could not be opened ({e}); remove the password and import it again"),
        )
    }
}

/// "D:20220110093000+03'00'" → "2022-01-10".
fn pdf_date(s: &str) -> Option<String> {
    let d = s.strip_prefix("D:").unwrap_or(s);
    let digits: String = d.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 8 {
        return None;
    }
    let (y, m, day) = (&digits[..4], &digits[4..6], &digits[6..8]);
    super::record::normalize_date(&format!("{y}-{m}-{day}"))
}

/// The encodings of the fonts read so far, by font dictionary (a font
/// shared by many pages is read once; at most [`MAX_FONTS`]); `None` for
/// one that could not be read.
#[derive(Default)]
struct Fonts<'a> {
    read: Vec<(*const Dictionary, Option<Encoding<'a>>)>,
}

impl<'a> Fonts<'a> {
    /// The index in `read` of `font`'s encoding, reading it if new;
    /// `None` past [`MAX_FONTS`] fonts.
    fn of(&mut self, pdf: &'a Pdf, font: &'a Dictionary) -> Option<usize> {
        let key = font as *const Dictionary;
        if let Some(i) = self.read.iter().position(|(k, _)| *k == key) {
            return Some(i);
        }
        if self.read.len() >= MAX_FONTS {
            return None;
        }
        let encoding = font
            .get_font_encoding_with_limit(pdf, MAX_FONT_INFLATED)
            .ok();
        self.read.push((key, encoding));
        Some(self.read.len() - 1)
    }
}

/// The text lines of one page (its decompressed content `data`), in
/// content-stream order.
fn page_lines<'a>(
    pdf: &'a Pdf,
    page: lopdf::ObjectId,
    data: &[u8],
    fonts: &mut Fonts<'a>,
) -> Vec<String> {
    let by_name: BTreeMap<Vec<u8>, usize> = pdf
        .get_page_fonts(page)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(name, font)| Some((name, fonts.of(pdf, font)?)))
        .collect();
    let fonts = &*fonts;
    let encoding = |name: &[u8]| {
        by_name
            .get(name)
            .and_then(|&i| fonts.read.get(i))
            .and_then(|(_, e)| e.as_ref())
    };
    let Ok(content) = Content::decode(data) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut font: Option<&Encoding> = None;
    let mut row: Option<f32> = None;
    let newline = |line: &mut String, lines: &mut Vec<String>| {
        let l = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !l.is_empty() {
            lines.push(l);
        }
        line.clear();
    };
    for op in &content.operations {
        let num = |i: usize| op.operands.get(i).and_then(|o| o.as_float().ok());
        match op.operator.as_str() {
            "Tf" => {
                font = op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .and_then(encoding);
            }
            "Td" | "TD" => {
                let (tx, ty) = (num(0).unwrap_or(0.0), num(1).unwrap_or(0.0));
                if ty.abs() > 0.01 {
                    newline(&mut line, &mut lines);
                } else if tx.abs() > 0.01 {
                    line.push(' ');
                }
            }
            "Tm" => {
                let f = num(5);
                if f.is_some() && row.is_some() && f != row {
                    newline(&mut line, &mut lines);
                } else {
                    line.push(' ');
                }
                row = f;
            }
            "T*" => newline(&mut line, &mut lines),
            "'" | "\"" => {
                newline(&mut line, &mut lines);
                if let (Some(enc), Some(s)) = (font, op.operands.last()) {
                    show(enc, s, &mut line);
                }
            }
            "Tj" | "TJ" => {
                if let Some(enc) = font {
                    for o in &op.operands {
                        show(enc, o, &mut line);
                    }
                }
            }
            _ => {}
        }
    }
    newline(&mut line, &mut lines);
    lines
}

/// Appends the text a string (or a `TJ` array) shows.
fn show(enc: &Encoding, o: &Object, line: &mut String) {
    match o {
        Object::String(bytes, _) => {
            if let Ok(s) = Pdf::decode_text(enc, bytes) {
                line.push_str(&s.replace(char::is_control, " "));
            }
        }
        Object::Array(items) => {
            for item in items {
                match item {
                    Object::String(..) => show(enc, item, line),
                    other => {
                        // A gap of over a quarter em between glyphs is a space.
                        if other.as_float().is_ok_and(|g| g < -250.0) {
                            line.push(' ');
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

/// Lines of each page joined into paragraphs (see the module docs),
/// separated by blank lines.
fn paragraphs(pages: &[Vec<String>]) -> String {
    let mut out: Vec<String> = Vec::new();
    for lines in pages {
        let long = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        let mut para = String::new();
        for l in lines {
            if para.ends_with('-')
                && para.chars().rev().nth(1).is_some_and(char::is_alphabetic)
                && l.starts_with(char::is_lowercase)
            {
                para.pop();
            } else if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(l);
            let ends_sentence = l.ends_with(['.', '!', '?', ':', '"', '”', '»']);
            let short = (l.chars().count() as f32) < long as f32 * 0.8;
            if ends_sentence && short || l.chars().count() < 4 {
                out.push(std::mem::take(&mut para));
            }
        }
        if !para.is_empty() {
            out.push(para);
        }
    }
    out.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_paragraphs() {
        assert_eq!(
            pdf_date("D:20220110093000+03'00'").as_deref(),
            Some("2022-01-10")
        );
        assert_eq!(pdf_date("garbage"), None);
        let page = vec![
            "The talks ended on Monday without an agree-".to_string(),
            "ment, officials said after eight hours.".to_string(),
            "A new round is expected.".to_string(),
        ];
        assert_eq!(
            paragraphs(&[page]),
            "The talks ended on Monday without an agreement, officials said after eight hours. A new round is expected."
        );
    }

    #[test]
    fn not_a_pdf() {
        let e = parse_pdf("a.pdf", b"hello").unwrap_err().to_string();
        assert!(e.starts_with("a.pdf: damaged or not a PDF"), "{e}");
    }
}
