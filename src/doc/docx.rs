//! Word documents (`.docx`, Office Open XML): one document each.
//!
//! A `.docx` is a ZIP archive (read with the project's one ZIP reader,
//! `archive.rs`). The body is `word/document.xml`: one paragraph per
//! `<w:p>`, its text the `<w:t>` runs in order (`<w:tab/>` a space,
//! `<w:br/>` a line break), inserted text kept and deleted text
//! (`<w:delText>`, tracked changes) left out; table cells are paragraphs
//! too. The metadata is `docProps/core.xml`: `dc:title` (else the first
//! paragraph styled "Title"), `dc:creator` (the author, unless it is an
//! account placeholder such as "Microsoft Office User"), and the date
//! `dcterms:modified`, else `dcterms:created` (a file saved from an older
//! one keeps that one's creation date; the last save is nearer to when the
//! text was issued), with date source "metadata". The body then goes
//! through the plain-text parser like every structured record.
//!
//! A file that is not a ZIP (a legacy `.doc`, a password-protected
//! `.docx`, which Word stores as an OLE container, or anything else) or a
//! ZIP without `word/document.xml` is a clear error for that file.

use quick_xml::events::Event;
use quick_xml::Reader;

use super::archive::{self, Zip};
use super::record::{Record, Role};
use super::{Document, MAX_FILE_BYTES};
use crate::error::{Error, Result};

fn bad(name: &str, message: impl std::fmt::Display) -> Error {
    Error::Other {
        message: format!("{name}: not a readable .docx (Word) document: {message}"),
    }
}

/// Whether the ZIP `bytes` hold a Word document.
pub(crate) fn is_docx_zip(bytes: &[u8]) -> bool {
    Zip::open("", bytes).is_ok_and(|z| z.members.iter().any(|m| m.name == "word/document.xml"))
}

/// Parses the `.docx` file `name`.
pub(crate) fn parse_docx(name: &str, bytes: &[u8]) -> Result<Document> {
    if !archive::is_zip(bytes) {
        let what = if bytes.starts_with(b"\xd0\xcf\x11\xe0") {
            "it is a legacy .doc file or a password-protected document (save it as .docx without a password)"
        } else {
            "it is not a ZIP archive"
        };
        return Err(bad(name, what));
    }
    let zip = Zip::open(name, bytes).map_err(|e| bad(name, strip_name(&e, name)))?;
    let read = |path: &str| -> Result<Option<Vec<u8>>> {
        match zip.members.iter().find(|m| m.name == path) {
            Some(m) => zip
                .read(name, m, MAX_FILE_BYTES)
                .map(Some)
                .map_err(|e| bad(name, strip_name(&e, name))),
            None => Ok(None),
        }
    };
    let body = read("word/document.xml")?
        .ok_or_else(|| bad(name, "the archive has no word/document.xml"))?;
    let (paragraphs, styled_title) = body_paragraphs(&body).map_err(|e| bad(name, e))?;
    let mut rec = Record::default();
    if let Some(core) = read("docProps/core.xml")? {
        let props = core_properties(&core);
        if let Some(t) = props.title {
            rec.set(Role::Title, &t);
        }
        if let Some(a) = props.creator.filter(|a| !is_placeholder_author(a)) {
            rec.set(Role::Authors, &a);
        }
        if let Some(d) = props.modified.or(props.created) {
            rec.set(Role::Date, &d);
        }
    }
    if let Some(t) = &styled_title {
        rec.set(Role::Title, t);
    }
    let text: Vec<&str> = paragraphs
        .iter()
        .map(String::as_str)
        .filter(|p| Some(*p) != styled_title.as_deref())
        .collect();
    rec.set(Role::Text, &text.join("\n\n"));
    if rec.text.is_none() {
        return Err(Error::Empty {
            name: name.to_string(),
        });
    }
    let mut doc = rec.into_document(name)?;
    if let Some(info) = doc.date_info.as_mut() {
        info.evidence = format!(
            "document properties date '{}'",
            doc.date.clone().unwrap_or_default()
        );
    }
    Ok(doc)
}

/// Whether an author property holds an office suite's account
/// placeholder ("Microsoft Office User", "Admin") rather than a person.
pub(crate) fn is_placeholder_author(a: &str) -> bool {
    let a = a.trim().to_ascii_lowercase();
    [
        "user",
        "admin",
        "administrator",
        "author",
        "owner",
        "microsoft office user",
        "windows user",
        "unknown",
        "default",
    ]
    .contains(&a.as_str())
}

/// "a.zip: unreadable archive: x" → "unreadable archive: x".
fn strip_name(e: &Error, name: &str) -> String {
    let s = e.to_string();
    s.strip_prefix(&format!("{name}: "))
        .unwrap_or(&s)
        .to_string()
}

/// The paragraphs of `word/document.xml`, and the text of the first one
/// styled as the title.
fn body_paragraphs(xml: &[u8]) -> std::result::Result<(Vec<String>, Option<String>), String> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut paras = Vec::new();
    let mut title = None;
    let mut current = String::new();
    let mut is_title = false;
    let mut in_text = false;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                b"p" => {
                    current.clear();
                    is_title = false;
                }
                b"t" => in_text = true,
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"tab" => current.push(' '),
                b"br" | b"cr" => current.push('\n'),
                b"pStyle" => {
                    is_title |= e.attributes().flatten().any(|a| {
                        a.key.local_name().as_ref() == b"val"
                            && a.value.as_ref().eq_ignore_ascii_case(b"Title")
                    });
                }
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => {
                let s = t
                    .unescape()
                    .map_err(|e| format!("bad XML in word/document.xml: {e}"))?;
                current.push_str(&s);
            }
            Ok(Event::CData(t)) if in_text => current.push_str(&String::from_utf8_lossy(&t)),
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    let p = one_space(&current);
                    if !p.is_empty() {
                        if is_title && title.is_none() {
                            title = Some(p.clone());
                        }
                        paras.push(p);
                    }
                    current.clear();
                }
                _ => {}
            },
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                return Err(format!(
                    "bad XML in word/document.xml at byte {}: {e}",
                    reader.error_position()
                ))
            }
        }
        buf.clear();
    }
    Ok((paras, title))
}

/// Collapses spaces and tabs, keeping line breaks.
fn one_space(s: &str) -> String {
    s.split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// What `docProps/core.xml` says.
#[derive(Default)]
struct Core {
    title: Option<String>,
    creator: Option<String>,
    created: Option<String>,
    modified: Option<String>,
}

/// Reads the core properties; damaged XML yields what was read before it.
fn core_properties(xml: &[u8]) -> Core {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut core = Core::default();
    let mut field: Option<Vec<u8>> = None;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => field = Some(e.local_name().as_ref().to_vec()),
            Ok(Event::Text(t)) => {
                let Some(f) = field.as_deref() else {
                    buf.clear();
                    continue;
                };
                let Ok(v) = t.unescape() else { break };
                let v = v.trim().to_string();
                if !v.is_empty() {
                    let slot = match f {
                        b"title" => &mut core.title,
                        b"creator" => &mut core.creator,
                        b"created" => &mut core.created,
                        b"modified" => &mut core.modified,
                        _ => {
                            buf.clear();
                            continue;
                        }
                    };
                    slot.get_or_insert(v);
                }
            }
            Ok(Event::End(_)) => field = None,
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
        buf.clear();
    }
    core
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_tabs_and_deleted_text() {
        let xml = br#"<w:document xmlns:w="x"><w:body>
<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Big</w:t></w:r><w:r><w:t xml:space="preserve"> news</w:t></w:r></w:p>
<w:p><w:r><w:t>One</w:t><w:tab/><w:t>two &amp; three</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>
</w:body></w:document>"#;
        let (paras, title) = body_paragraphs(xml).unwrap();
        assert_eq!(paras, ["Big news", "One two & three"]);
        assert_eq!(title.as_deref(), Some("Big news"));
    }

    #[test]
    fn not_a_zip() {
        let e = parse_docx("a.docx", b"hello").unwrap_err().to_string();
        assert_eq!(
            e,
            "a.docx: not a readable .docx (Word) document: it is not a ZIP archive"
        );
    }
}
