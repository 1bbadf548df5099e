//! E-mail: one message (`.eml`) or a mailbox of them (`.mbox`).
//!
//! Messages are read by `mail-parser` (MIME parts, transfer encodings,
//! RFC 2047 encoded words, legacy charsets); a mailbox is split into
//! messages by its `From ` envelope lines (`mail-parser`'s mbox reader,
//! which also undoes `>From ` quoting). Each message becomes one document:
//!
//! - **title**: the `Subject` header;
//! - **author**: the `From` display name ("Jane Roe <jane@reuters.com>" →
//!   "Jane Roe"), or the address when there is no name;
//! - **outlet**: the sender's domain, named as a publisher when it is a
//!   known one (`reuters.com` → "Reuters", see `outlet.rs`), otherwise the
//!   domain without a mail-sending host in front (`news.example.org` →
//!   "example.org"); none for a personal mailbox (gmail.com, outlook.com,
//!   …), whose domain says nothing about who published the text;
//! - **date**: the `Date` header's calendar day as written (not shifted to
//!   UTC), with date source "metadata"; an unreadable `Date` is kept as the
//!   untrusted date;
//! - **body**: the `text/plain` part, or else the HTML part through the HTML
//!   extractor (`html/`), or else the title alone;
//! - **attachments**: listed in a last paragraph ("Attachments: report.pdf
//!   (application/pdf, 12 KB)"), so they show in the reader and are
//!   searchable. The attachments themselves are returned too, and the
//!   import imports those in a supported format as their own documents
//!   (`letter.eml#report.pdf`).
//!
//! A file whose header block is not mail headers (a line that is neither
//! `Name: value` nor a folded continuation before the first blank line, or
//! none of `From`, `Subject`, `Date`) is an error for that message, naming
//! the line.

use super::html;
use super::item::ImportItem;
use super::outlet::outlet_for_host;
use super::record::{Record, Role};
use super::Document;
use crate::error::{Error, Result};
use crate::vocab::{DateSource, DATE_CONFIDENCE};
use mail_parser::{MessageParser, MimeHeaders, PartType};

/// A file attached to a message, to be imported on its own when its
/// format is supported.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Attachment {
    /// The item name: the message's name, `#`, the attachment's file name.
    pub name: String,
    /// The decoded bytes.
    pub bytes: Vec<u8>,
}

/// One parsed message: its item and its attachments.
pub(crate) type Parsed = (ImportItem, Vec<Attachment>);

/// Domains of personal mailboxes: a sender there is a person, not a
/// publisher, so the domain is no outlet.
const PERSONAL_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "icloud.com",
    "me.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "yandex.ru",
    "mail.ru",
    "ya.ru",
    "rambler.ru",
    "ukr.net",
    "qq.com",
    "163.com",
];

/// Hosts that send a publisher's mail, dropped in front of its domain.
const MAIL_HOSTS: &[&str] = &[
    "mail.",
    "email.",
    "e.",
    "em.",
    "news.",
    "newsletter.",
    "newsletters.",
    "lists.",
    "mailer.",
    "press.",
];

/// Parses the `.eml` file `name`: one message.
pub(crate) fn parse_eml(name: &str, bytes: &[u8]) -> Parsed {
    match message(name, bytes) {
        Ok((doc, attachments)) => (ImportItem::new(name.to_string(), Ok(doc)), attachments),
        Err(e) => (ImportItem::err(name, e), Vec::new()),
    }
}

/// Parses the `.mbox` file `name`: one message per `From ` envelope line,
/// named `name#N` (1-based). A file with no envelope line is read as one
/// message.
pub(crate) fn parse_mbox(name: &str, bytes: &[u8]) -> Vec<Parsed> {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    if !bytes[start..].starts_with(b"From ") {
        return vec![parse_eml(name, bytes)];
    }
    let messages = mail_parser::mailbox::mbox::MessageIterator::new(&bytes[start..]);
    let mut out = Vec::new();
    for (i, m) in messages.enumerate() {
        let item = format!("{name}#{}", i + 1);
        match m {
            Ok(m) => out.push(parse_eml(&item, m.contents())),
            Err(e) => {
                out.push((
                    ImportItem::err(&item, other(&item, format!("unreadable mailbox: {e}"))),
                    Vec::new(),
                ));
                break;
            }
        }
    }
    if out.is_empty() {
        out.push((ImportItem::empty(name), Vec::new()));
    }
    out
}

/// Whether `bytes` start like a mailbox (`From ` envelope line, then mail
/// headers) or a message (mail headers naming a sender, a subject or a
/// date), for files without a telling extension: `Some(true)` for a
/// mailbox, `Some(false)` for a message.
pub(crate) fn sniff(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(8192)];
    let text = std::str::from_utf8(head)
        .ok()
        .or_else(|| std::str::from_utf8(&head[..head.len().saturating_sub(3)]).ok())?;
    let text = text.trim_start();
    let (mbox, rest) = match text.strip_prefix("From ") {
        Some(r) => (true, r.split_once('\n')?.1),
        None => (false, text),
    };
    let block: Vec<&str> = rest.lines().take_while(|l| !l.trim().is_empty()).collect();
    let fields: Vec<String> = block
        .iter()
        .filter_map(|l| field_name(l))
        .map(str::to_ascii_lowercase)
        .collect();
    let all_headers = block
        .iter()
        .all(|l| field_name(l).is_some() || l.starts_with([' ', '\t']));
    let telling = fields
        .iter()
        .filter(|f| {
            matches!(
                f.as_str(),
                "from"
                    | "subject"
                    | "date"
                    | "message-id"
                    | "mime-version"
                    | "received"
                    | "return-path"
                    | "to"
            )
        })
        .count();
    (block.len() >= 2 && all_headers && telling >= 2).then_some(mbox)
}

/// The field name of a header line ("Subject: x" → "Subject"), or `None`
/// when the line is not a header field.
fn field_name(line: &str) -> Option<&str> {
    let (name, _) = line.split_once(':')?;
    (!name.is_empty()
        && name.len() <= 76
        && name.bytes().all(|b| b.is_ascii_graphic() && b != b':'))
    .then_some(name)
}

fn other(name: &str, message: impl std::fmt::Display) -> Error {
    Error::Other {
        message: format!("{name}: {message}"),
    }
}

/// Checks the header block of `bytes`: every line before the first blank
/// one is a field or a continuation, and a sender, subject or date is
/// among them.
fn check_headers(name: &str, bytes: &[u8]) -> Result<()> {
    let head = &bytes[..bytes.len().min(256 * 1024)];
    let text = String::from_utf8_lossy(head);
    let mut known = false;
    for (i, line) in text.split('\n').enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            break;
        }
        if i == 0 && line.starts_with("From ") {
            continue; // an envelope line left in a single message
        }
        if line.starts_with([' ', '\t']) && i > 0 {
            continue;
        }
        match field_name(line) {
            Some(f) => {
                known |= ["from", "subject", "date", "sender"]
                    .iter()
                    .any(|k| f.eq_ignore_ascii_case(k));
            }
            None => {
                let shown: String = line.chars().take(60).collect();
                return Err(other(
                    name,
                    format!(
                        "malformed mail header at line {}: \"{shown}\" is not a \"Name: value\" field",
                        i + 1
                    ),
                ));
            }
        }
    }
    if !known {
        return Err(other(
            name,
            "not an e-mail message: no From, Subject or Date header",
        ));
    }
    Ok(())
}

/// One message to a document and its attachments.
fn message(name: &str, bytes: &[u8]) -> Result<(Document, Vec<Attachment>)> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty {
            name: name.to_string(),
        });
    }
    check_headers(name, bytes)?;
    let msg = MessageParser::default()
        .parse(bytes)
        .ok_or_else(|| other(name, "not an e-mail message: no headers could be read"))?;
    let mut rec = Record::default();
    if let Some(s) = msg.subject() {
        rec.set(Role::Title, s);
    }
    let sender = msg.from().and_then(|a| a.first());
    let address = sender.and_then(|a| a.address()).map(str::trim);
    let display = sender
        .and_then(|a| a.name())
        .map(|n| n.trim().trim_matches(['"', '\'']).trim())
        .filter(|n| !n.is_empty() && !n.contains('@'));
    match (display, address) {
        (Some(n), _) => rec.authors = vec![n.to_string()],
        (None, Some(a)) if !a.is_empty() => rec.authors = vec![a.to_string()],
        _ => {}
    }
    if let Some(o) = address.and_then(outlet_of_address) {
        rec.set(Role::Outlet, &o);
    }
    let date_header = msg.header_raw("Date").map(|d| d.trim().to_string());
    if let Some(d) = msg.date() {
        rec.set(
            Role::Date,
            &format!("{:04}-{:02}-{:02}", d.year, d.month, d.day),
        );
    }
    let mut body = body_of(name, &msg, rec.title.as_deref());
    let mut attachments = Vec::new();
    let mut listed = Vec::new();
    for (k, part) in msg.attachments().enumerate() {
        let file = part
            .attachment_name()
            .map(|n| n.trim().replace(['/', '\\', '#'], "_"))
            .filter(|n| !n.is_empty());
        let (file, bytes) = match &part.body {
            PartType::Message(m) => (
                file.unwrap_or_else(|| format!("message-{}.eml", k + 1)),
                m.raw_message().to_vec(),
            ),
            _ => (
                file.unwrap_or_else(|| format!("attachment-{}", k + 1)),
                part.contents().to_vec(),
            ),
        };
        let kind = part
            .content_type()
            .map(|c| match c.subtype() {
                Some(s) => format!("{}/{s}", c.ctype()),
                None => c.ctype().to_string(),
            })
            .unwrap_or_else(|| "application/octet-stream".to_string());
        listed.push(format!("{file} ({kind}, {})", size(bytes.len())));
        attachments.push(Attachment {
            name: format!("{name}#{file}"),
            bytes,
        });
    }
    if !listed.is_empty() {
        let list = format!("Attachments: {}.", listed.join("; "));
        body = Some(match body {
            Some(b) => format!("{}\n\n{list}", b.trim_end()),
            None => list,
        });
    }
    if let Some(b) = body {
        rec.set(Role::Text, &b);
    }
    if rec.is_empty() {
        return Err(Error::Empty {
            name: name.to_string(),
        });
    }
    let mut doc = rec.into_document(name)?;
    if let (Some(info), Some(raw)) = (doc.date_info.as_mut(), &date_header) {
        info.evidence = format!("Date header '{raw}'");
        info.source = DateSource::Metadata;
        info.confidence = DATE_CONFIDENCE.record;
    } else if doc.date.is_none() {
        doc.untrusted_date = date_header.filter(|d| !d.is_empty());
    }
    Ok((doc, attachments))
}

/// The body text: the first text/plain part, else the first HTML part's
/// extracted text.
fn body_of(name: &str, msg: &mail_parser::Message, title: Option<&str>) -> Option<String> {
    for &i in &msg.text_body {
        if let Some(PartType::Text(t)) = msg.parts.get(i as usize).map(|p| &p.body) {
            if !t.trim().is_empty() {
                return Some(t.to_string());
            }
        }
    }
    for &i in msg.html_body.iter().chain(msg.text_body.iter()) {
        if let Some(PartType::Html(h)) = msg.parts.get(i as usize).map(|p| &p.body) {
            if let Some(t) = html_text(name, h, title) {
                return Some(t);
            }
        }
    }
    None
}

/// The text of an HTML body or fragment, through the HTML extractor, or,
/// when the extractor finds no article in it (a short fragment), its text
/// with one paragraph per block element. A fragment is given a page
/// around it titled `title` (the subject, the item's title), so that the
/// extractor does not take its first paragraph for a headline.
pub(crate) fn html_text(name: &str, html: &str, title: Option<&str>) -> Option<String> {
    let lower: String = html
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    // A byte-order mark: the text is already decoded, whatever charset the
    // markup declares.
    let page = if lower.contains("<html") || lower.contains("<body") {
        format!("\u{feff}{html}")
    } else {
        let title = escape(title.unwrap_or_default());
        format!("\u{feff}<html><head><title>{title}</title></head><body><article>{html}</article></body></html>")
    };
    if let Ok((doc, _)) = html::parse_page(name, page.as_bytes()) {
        let text = doc.text();
        if !text.trim().is_empty() {
            return Some(text);
        }
    }
    let dom = dom_query::Document::from(page.trim_start_matches('\u{feff}'));
    dom.select("script, style, head").remove();
    for tag in [
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "tr",
        "blockquote",
    ] {
        for node in dom.select(tag).nodes() {
            node.append_html("\n\n");
        }
    }
    let text = dom.select("body").text().to_string();
    let paras: Vec<String> = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    (!paras.is_empty()).then(|| paras.join("\n\n"))
}

/// Text as HTML text content.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// "12 KB", "3 bytes".
fn size(n: usize) -> String {
    match n {
        0..1024 => format!("{n} bytes"),
        1024..1_048_576 => format!("{} KB", n.div_ceil(1024)),
        _ => format!("{:.1} MB", n as f64 / 1_048_576.0),
    }
}

/// The outlet of a sender address: see the module docs.
fn outlet_of_address(address: &str) -> Option<String> {
    let domain = address.rsplit_once('@')?.1.trim().trim_end_matches('>');
    let domain = domain.to_ascii_lowercase();
    if !domain.contains('.') || domain.starts_with('.') {
        return None;
    }
    if PERSONAL_DOMAINS
        .iter()
        .any(|p| domain == *p || domain.ends_with(&format!(".{p}")))
    {
        return None;
    }
    let known = outlet_for_host(&domain);
    if known != domain.strip_prefix("www.").unwrap_or(&domain) {
        return Some(known);
    }
    let mut d = domain.as_str();
    for h in MAIL_HOSTS {
        if let Some(rest) = d.strip_prefix(h) {
            if rest.contains('.') {
                d = rest;
                break;
            }
        }
    }
    Some(outlet_for_host(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlets_of_addresses() {
        assert_eq!(
            outlet_of_address("jane@reuters.com").as_deref(),
            Some("Reuters")
        );
        assert_eq!(
            outlet_of_address("press@news.example.org").as_deref(),
            Some("example.org")
        );
        assert_eq!(outlet_of_address("someone@gmail.com"), None);
        assert_eq!(outlet_of_address("nobody"), None);
    }

    #[test]
    fn sniffing() {
        assert_eq!(
            sniff(b"From: a@b.org\nSubject: Hi\nDate: Mon, 3 Jan 2022 10:00:00 +0000\n\nBody"),
            Some(false)
        );
        assert_eq!(
            sniff(b"From a@b.org Mon Jan  3 10:00:00 2022\nFrom: a@b.org\nSubject: Hi\n\nBody"),
            Some(true)
        );
        assert_eq!(sniff(b"From Moscow with love\n\nA story."), None);
        assert_eq!(sniff(b"Headline: talks\n\nBody."), None);
    }

    #[test]
    fn malformed_headers_are_named() {
        let e = check_headers("m.eml", b"Subject: x\nthis is not a header\n\nBody").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
    }
}
