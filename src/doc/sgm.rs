//! Reuters-21578 SGML (`reut2-NNN.sgm`): one article per `<REUTERS>`.
//!
//! Each record gives `<DATE>` ("26-FEB-1987 15:01:01.79"), and inside
//! `<TEXT>` a `<TITLE>`, a `<DATELINE>` ("SALVADOR, Feb 26 - "), an optional
//! `<AUTHOR>` and the `<BODY>`. Bodies are wire copy hard-wrapped at ~70
//! columns, with an indented first line per paragraph and a closing
//! "Reuter"; they are re-flowed into paragraphs and the signature is kept
//! aside as boilerplate. `<TEXT TYPE="UNPROC">` records have no `<BODY>`:
//! their raw text is used. Records are named `name#NEWID`.

use super::decode;
use super::item::ImportItem;
use super::record::{split_authors, Record};
use crate::error::Error;

/// Whether `text` looks like Reuters SGML.
pub fn is_sgm(text: &str) -> bool {
    let head = &text[..floor_boundary(text, 4096)];
    head.contains("<REUTERS") || head.contains("<!DOCTYPE lewis")
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Parses a Reuters SGML file: one item per `<REUTERS>` record.
pub fn parse_sgm(name: &str, bytes: &[u8]) -> Vec<ImportItem> {
    let text = match decode(name, bytes) {
        Ok(t) => t,
        Err(e) => return vec![ImportItem::err(name, e)],
    };
    let mut items = Vec::new();
    let mut rest = text.as_str();
    let mut index = 0;
    while let Some(start) = rest.find("<REUTERS") {
        index += 1;
        let after = &rest[start..];
        // A record ends at its `</REUTERS>`; one that reaches the next
        // `<REUTERS` first is not closed, and ends there.
        let close = after.find("</REUTERS>");
        let next_open = after[1..].find("<REUTERS").map(|i| i + 1);
        let (record, next, broken) = match (close, next_open) {
            (Some(end), n) if n.is_none_or(|n| end < n) => {
                (&after[..end], &after[end + "</REUTERS>".len()..], None)
            }
            (_, Some(n)) => (
                &after[..n],
                &after[n..],
                Some("the record is not closed before the next <REUTERS> record"),
            ),
            _ => (
                after,
                "",
                Some("the record is not closed (truncated file?)"),
            ),
        };
        let open_end = record.find('>').unwrap_or(record.len());
        let id = attribute(&record[..open_end], "NEWID").unwrap_or_else(|| index.to_string());
        let file = format!("{name}#{id}");
        let result = match broken {
            Some(why) => Err(why.to_string()),
            None => record_of(&record[open_end.min(record.len())..]),
        };
        let result = match result {
            Ok((rec, signature)) => rec.into_document(&file).map(|mut doc| {
                doc.boilerplate.extend(signature);
                doc
            }),
            Err(why) => Err(Error::Other {
                message: format!("{file}: {why}; left out"),
            }),
        };
        items.push(ImportItem::new(file, result));
        rest = next;
    }
    if items.is_empty() {
        items.push(ImportItem::err(
            name,
            Error::UnsupportedFormat {
                name: name.to_string(),
                detected: "SGML without <REUTERS> records".to_string(),
            },
        ));
    }
    items
}

/// The value of `attr="..."` in an opening tag.
fn attribute(tag: &str, attr: &str) -> Option<String> {
    let at = tag.find(&format!("{attr}=\""))? + attr.len() + 2;
    let len = tag[at..].find('"')?;
    Some(tag[at..at + len].to_string())
}

/// The content of the first `<tag ...>...</tag>` in `s`; `Err` saying so
/// when the element is not closed (its content would run on over the
/// record's other elements, raw tags included).
fn element<'a>(s: &'a str, tag: &str) -> Result<Option<&'a str>, String> {
    let open = format!("<{tag}");
    let mut from = 0;
    while let Some(i) = s[from..].find(&open) {
        let i = from + i;
        let after = &s[i + open.len()..];
        // "<TEXT" must not match "<TEXTS": the next char ends the name.
        if after.starts_with(['>', ' ', '\t', '\n', '\r']) {
            let unclosed = || format!("the <{tag}> element is not closed");
            let gt = after.find('>').ok_or_else(unclosed)?;
            let body = &after[gt + 1..];
            let close = format!("</{tag}>");
            let end = body.find(&close).ok_or_else(unclosed)?;
            return Ok(Some(&body[..end]));
        }
        from = i + open.len();
    }
    Ok(None)
}

/// The record's fields, and the wire signature taken off its body; `Err`
/// saying why when an element is not closed.
fn record_of(rec: &str) -> Result<(Record, Option<String>), String> {
    let mut r = Record::default();
    if let Some(d) = element(rec, "DATE")? {
        r.set_named("date", d);
    }
    r.set_named("outlet", "Reuters");
    let text = element(rec, "TEXT")?.unwrap_or("");
    if let Some(t) = element(text, "TITLE")? {
        r.set_named("title", &unescape(t));
    }
    if let Some(a) = element(text, "AUTHOR")? {
        // "By Cal Mankowski, Reuters": the agency is the outlet, not a name.
        let names: Vec<String> = split_authors(&unescape(a))
            .into_iter()
            .filter(|n| !n.eq_ignore_ascii_case("reuters"))
            .collect();
        r.authors = names;
    }
    let dateline = element(text, "DATELINE")?.map(unescape);
    let body = match element(text, "BODY")? {
        Some(b) => Some(b),
        None => {
            // UNPROC records: the text itself, after any known elements.
            let raw = strip_elements(text, &["TITLE", "DATELINE", "AUTHOR"]);
            (!raw.trim().is_empty()).then_some(raw)
        }
    };
    let mut signature = None;
    if let Some(b) = body {
        let (mut b, sig) = reflow(&unescape(b));
        signature = sig;
        if let Some(d) = dateline.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            b = format!("{d} {b}");
        }
        r.set_named("text", &b);
    }
    Ok((r, signature))
}

fn strip_elements<'a>(s: &'a str, tags: &[&str]) -> &'a str {
    let mut out = s;
    for tag in tags {
        let close = format!("</{tag}>");
        if let Some(end) = out.rfind(&close) {
            out = &out[end + close.len()..];
        }
    }
    out
}

/// Character references decoded ([`super::html::unescape`]); raw control
/// characters (the wire's start/end-of-text bytes) dropped.
fn unescape(s: &str) -> String {
    let mut out = super::html::unescape(s);
    out.retain(|c| !c.is_control() || c == '\n' || c == '\t');
    out
}

/// Re-flows hard-wrapped wire copy: an indented line or a blank line opens
/// a paragraph; other lines continue the current one. The closing
/// "Reuter"/"REUTER" signature is taken off and returned apart.
fn reflow(body: &str) -> (String, Option<String>) {
    let mut paras: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in body.lines() {
        let indented = line.starts_with([' ', '\t']);
        let t = line.trim();
        if t.is_empty() || (indented && !current.is_empty()) {
            if !current.is_empty() {
                paras.push(std::mem::take(&mut current));
            }
            if t.is_empty() {
                continue;
            }
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(t);
    }
    if !current.is_empty() {
        paras.push(current);
    }
    let mut signature = None;
    if let Some(last) = paras.last_mut() {
        for sig in ["Reuter", "REUTER", "Reuters", "REUTERS"] {
            // "... told Reuters" is a sentence; " Reuter" ends only a wire.
            let suffix_ok = sig.len() == 6 && last.ends_with(&format!(" {sig}"));
            if last.as_str() == sig || suffix_ok {
                last.truncate(last.len() - sig.len());
                *last = last.trim_end().to_string();
                signature = Some(sig.to_string());
                break;
            }
        }
    }
    paras.retain(|p| !p.is_empty());
    (paras.join("\n\n"), signature)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" NEWID="7">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TEXT>&#2;
<TITLE>BAHIA COCOA &lt;REVIEW></TITLE>
<AUTHOR>    By Jane Roe, Reuters</AUTHOR>
<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued throughout
the week in the Bahia cocoa zone.
    The dry period means the temporao
will be late this year.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS NEWID="8">
<DATE> 1-MAR-1987 10:00:00.00</DATE>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>FLASH HEADLINE
</TITLE>&#3;
</TEXT>
</REUTERS>
<REUTERS NEWID="9"><DATE>2-MAR-1987</DATE><TEXT TYPE="UNPROC">&#2;
raw text of an unprocessed story
&#3;</TEXT></REUTERS>
"#;

    #[test]
    fn records() {
        assert!(is_sgm(SAMPLE));
        let items = parse_sgm("r.sgm", SAMPLE.as_bytes());
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].file, "r.sgm#7");
        let d = items[0].result.as_ref().unwrap();
        assert_eq!(d.title.as_deref(), Some("BAHIA COCOA <REVIEW>"));
        assert_eq!(d.date.as_deref(), Some("1987-02-26"));
        assert_eq!(d.outlet.as_deref(), Some("Reuters"));
        assert_eq!(d.authors, vec!["Jane Roe"]);
        assert_eq!(
            d.paragraphs,
            vec![
                // The text parser sets the wire dateline aside.
                "Showers continued throughout the week in the Bahia cocoa zone.",
                "The dry period means the temporao will be late this year."
            ]
        );
        let brief = items[1].result.as_ref().unwrap();
        assert_eq!(brief.title.as_deref(), Some("FLASH HEADLINE"));
        assert_eq!(brief.date.as_deref(), Some("1987-03-01"));
        assert!(brief.paragraphs.is_empty());
        assert_eq!(d.boilerplate, vec!["Reuter"]);
        let unproc = items[2].result.as_ref().unwrap();
        assert_eq!(unproc.text(), "raw text of an unprocessed story");
    }

    #[test]
    fn unescape_drops_controls() {
        assert_eq!(
            unescape("a &lt;b&gt; &amp; &#3;c &bogus d&"),
            "a <b> & c &bogus d&"
        );
    }

    #[test]
    fn a_broken_record_is_reported_and_the_next_ones_kept() {
        // Record 7 lacks its </REUTERS>, record 8 its </TITLE>.
        let broken = SAMPLE.replacen("</REUTERS>", "", 1).replacen(
            "FLASH HEADLINE\n</TITLE>",
            "FLASH HEADLINE\n",
            1,
        );
        let items = parse_sgm("r.sgm", broken.as_bytes());
        let files: Vec<&str> = items.iter().map(|i| i.file.as_str()).collect();
        assert_eq!(files, ["r.sgm#7", "r.sgm#8", "r.sgm#9"]);
        let e = items[0].result.as_ref().unwrap_err().to_string();
        assert_eq!(
            e,
            "r.sgm#7: the record is not closed before the next <REUTERS> record; left out"
        );
        let e = items[1].result.as_ref().unwrap_err().to_string();
        assert_eq!(e, "r.sgm#8: the <TITLE> element is not closed; left out");
        let unproc = items[2].result.as_ref().unwrap();
        assert_eq!(unproc.text(), "raw text of an unprocessed story");
        assert!(!unproc.source.contains("<REUTERS"));
    }
}
