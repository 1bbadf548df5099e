//! News feeds: RSS 2.0 (and RSS 1.0/RDF) and Atom, one document per item.
//!
//! Read with `quick-xml` after the bytes are decoded like any text file
//! (`decode`). Each `<item>` (RSS) or `<entry>` (Atom) becomes a document
//! named `feed.xml#N` (1-based, in feed order) with:
//!
//! - **title**: `title`;
//! - **link** (the document's URL): RSS `link` (else a permalink `guid`),
//!   Atom `link rel="alternate"` (or the first link without `rel`);
//! - **author**: RSS `author` ("jane@x.org (Jane Roe)" → "Jane Roe") or
//!   `dc:creator`, Atom `author/name`;
//! - **date**: `pubDate`, `dc:date`, Atom `published` (else `updated`),
//!   date source "metadata";
//! - **outlet**: the feed's own title (the channel's or the feed's);
//! - **content**: `content:encoded`, Atom `content`, else `description` /
//!   `summary`; HTML content (RSS descriptions, Atom `type="html"`) goes
//!   through the HTML extractor (see `mail::html_text`); Atom
//!   `type="xhtml"` content is read as its elements' text, a paragraph per
//!   block element.
//!
//! Damaged XML keeps the items read before the damage, and adds an error
//! item saying where the feed broke; a feed without items is an error.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::decode;
use super::item::ImportItem;
use super::mail::html_text;
use super::record::{Record, Role};
use crate::error::Error;

/// Whether text that starts with markup is an RSS or Atom feed.
pub(crate) fn sniff(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let t = head.trim_start_matches('\u{feff}').trim_start();
    t.starts_with('<')
        && (t.contains("<rss")
            || (t.contains("<feed") && t.contains("http://www.w3.org/2005/atom"))
            || (t.contains("<rdf:rdf") && t.contains("purl.org/rss")))
}

/// One item's fields as read.
#[derive(Default)]
struct Item {
    title: Option<String>,
    link: Option<String>,
    guid_link: Option<String>,
    authors: Vec<String>,
    date: Option<String>,
    updated: Option<String>,
    content: Option<(String, bool)>,
    summary: Option<(String, bool)>,
}

/// Where text being read goes.
#[derive(Clone, Copy, PartialEq)]
enum Slot {
    Title,
    Link,
    Guid,
    Author,
    AuthorName,
    Date,
    Updated,
    Content,
    Summary,
    FeedTitle,
}

/// Parses the feed `name` into one item per entry.
pub(crate) fn parse_feed(name: &str, bytes: &[u8]) -> Vec<ImportItem> {
    let text = match decode(name, bytes) {
        Ok(t) => t,
        Err(e) => return vec![ImportItem::err(name, e)],
    };
    let mut reader = Reader::from_str(text.trim_start_matches('\u{feff}'));
    let mut feed_title: Option<String> = None;
    let mut items: Vec<Item> = Vec::new();
    let mut current: Option<Item> = None;
    // The slot being read, its text, whether it is HTML, and how deep
    // inside it the reader is (xhtml content and Atom authors nest
    // elements).
    let mut slot: Option<(Slot, String, bool, usize)> = None;
    let mut root: Option<String> = None;
    let mut broken = None;
    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                broken = Some(format!("bad XML at byte {}: {e}", reader.error_position()));
                break;
            }
        };
        match event {
            Event::Start(e) => {
                let local = String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase();
                if root.is_none() {
                    root = Some(local.clone());
                }
                if let Some((s, text, _, d)) = slot.as_mut() {
                    // Atom's <author><name>: the name alone is the author.
                    if *s == Slot::Author && *d == 0 && local == "name" {
                        slot = Some((Slot::AuthorName, String::new(), false, 0));
                        continue;
                    }
                    *d += 1;
                    if is_block(&local) {
                        text.push_str("\n\n");
                    }
                    continue;
                }
                if local == "item" || local == "entry" {
                    current = Some(Item::default());
                    continue;
                }
                let html = is_html(&e, &local);
                let s = match (current.is_some(), local.as_str()) {
                    (true, "title") => Some(Slot::Title),
                    (true, "link") => {
                        if let Some(it) = current.as_mut() {
                            take_link(it, &e);
                        }
                        Some(Slot::Link)
                    }
                    (true, "guid") => Some(Slot::Guid),
                    (true, "author" | "creator") => Some(Slot::Author),
                    (true, "pubdate" | "date" | "published" | "issued") => Some(Slot::Date),
                    (true, "updated" | "modified") => Some(Slot::Updated),
                    (true, "encoded" | "content") => Some(Slot::Content),
                    (true, "description" | "summary") => Some(Slot::Summary),
                    (false, "title") if feed_title.is_none() => Some(Slot::FeedTitle),
                    _ => None,
                };
                if let Some(s) = s {
                    slot = Some((s, String::new(), html, 0));
                }
            }
            Event::Empty(e) => {
                let local = String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase();
                if let Some((_, text, _, _)) = slot.as_mut() {
                    if is_block(&local) {
                        text.push_str("\n\n");
                    }
                } else if local == "link" {
                    if let Some(it) = current.as_mut() {
                        take_link(it, &e);
                    }
                }
            }
            Event::Text(t) => {
                if let Some((_, text, _, _)) = slot.as_mut() {
                    match t.unescape() {
                        Ok(s) => text.push_str(&s),
                        Err(_) => text.push_str(&String::from_utf8_lossy(&t)),
                    }
                }
            }
            Event::CData(t) => {
                if let Some((_, text, _, _)) = slot.as_mut() {
                    text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::End(e) => {
                if let Some((s, text, html, d)) = slot.take() {
                    if d > 0 {
                        let local =
                            String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase();
                        let mut text = text;
                        if is_block(&local) {
                            text.push_str("\n\n");
                        }
                        slot = Some((s, text, html, d - 1));
                        continue;
                    }
                    store(s, text, html, current.as_mut(), &mut feed_title);
                    continue;
                }
                let local = e.local_name();
                if matches!(local.as_ref(), b"item" | b"entry") {
                    if let Some(it) = current.take() {
                        items.push(it);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut out: Vec<ImportItem> = items
        .into_iter()
        .enumerate()
        .map(|(i, it)| {
            let file = format!("{name}#{}", i + 1);
            let result = document(&file, it, feed_title.as_deref());
            ImportItem::new(file, result)
        })
        .collect();
    if out.is_empty() {
        let message = match (&broken, root.as_deref()) {
            (Some(b), _) => format!("{name}: not a readable feed: {b}"),
            (None, Some(r)) if !matches!(r, "rss" | "feed" | "rdf") => {
                format!("{name}: not an RSS or Atom feed (the root element is <{r}>)")
            }
            _ => format!("{name}: the feed has no items"),
        };
        return vec![ImportItem::err(name, Error::Other { message })];
    }
    if let Some(b) = broken {
        let n = out.len();
        out.push(ImportItem::err(
            name,
            Error::Other {
                message: format!("{name}: the feed breaks after item {n}: {b}"),
            },
        ));
    }
    out
}

/// Block elements of xhtml content: a paragraph break around them.
fn is_block(local: &str) -> bool {
    matches!(
        local,
        "p" | "div" | "br" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "tr"
    )
}

/// Whether an element's text is HTML: RSS descriptions and encoded
/// content, Atom content and summaries of type html or xhtml.
fn is_html(e: &BytesStart, local: &str) -> bool {
    let kind = e
        .attributes()
        .flatten()
        .find(|a| a.key.as_ref() == b"type")
        .map(|a| String::from_utf8_lossy(&a.value).to_ascii_lowercase());
    // xhtml content is markup inline in the feed: its text is read here,
    // element by element, and is no longer HTML.
    match kind {
        Some(k) => k == "html" || k == "text/html",
        None => matches!(local, "description" | "encoded"),
    }
}

/// Takes an Atom `<link href rel>`: the alternate link, or the first
/// link without a rel.
fn take_link(it: &mut Item, e: &BytesStart) {
    let mut href = None;
    let mut rel = None;
    for a in e.attributes().flatten() {
        let v = a
            .unescape_value()
            .map(|v| v.into_owned())
            .unwrap_or_default();
        match a.key.as_ref() {
            b"href" => href = Some(v),
            b"rel" => rel = Some(v),
            _ => {}
        }
    }
    if let Some(h) = href {
        if rel.as_deref().is_none_or(|r| r == "alternate") && it.link.is_none() {
            it.link = Some(h.trim().to_string());
        }
    }
}

/// Stores the text read for `slot`.
fn store(
    slot: Slot,
    text: String,
    html: bool,
    item: Option<&mut Item>,
    feed_title: &mut Option<String>,
) {
    let value = text.trim().to_string();
    if value.is_empty() {
        return;
    }
    if slot == Slot::FeedTitle {
        *feed_title = Some(value);
        return;
    }
    let Some(it) = item else { return };
    match slot {
        Slot::Title => {
            it.title.get_or_insert(value);
        }
        Slot::Link => {
            it.link.get_or_insert(value);
        }
        Slot::Guid => {
            if value.starts_with("http") {
                it.guid_link.get_or_insert(value);
            }
        }
        Slot::Author => {
            let a = rss_author(&value);
            if !it.authors.contains(&a) {
                it.authors.push(a);
            }
        }
        Slot::AuthorName => {
            if !it.authors.contains(&value) {
                it.authors.push(value);
            }
        }
        Slot::Date => {
            it.date.get_or_insert(value);
        }
        Slot::Updated => {
            it.updated.get_or_insert(value);
        }
        Slot::Content => {
            it.content.get_or_insert((value, html));
        }
        Slot::Summary => {
            it.summary.get_or_insert((value, html));
        }
        Slot::FeedTitle => {}
    }
}

/// "jane@example.org (Jane Roe)" → "Jane Roe"; other values as they are.
fn rss_author(v: &str) -> String {
    if let (Some(a), Some(b)) = (v.find('('), v.rfind(')')) {
        if a < b && v[..a].contains('@') {
            return v[a + 1..b].trim().to_string();
        }
    }
    v.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One item to a document.
fn document(
    file: &str,
    it: Item,
    feed_title: Option<&str>,
) -> crate::error::Result<super::Document> {
    let mut rec = Record::default();
    if let Some(t) = &it.title {
        // Titles are text, but many feeds put entities or tags in them.
        let t = if t.contains('<') || t.contains('&') {
            html_text(file, t, None).unwrap_or_else(|| t.clone())
        } else {
            t.clone()
        };
        rec.set(Role::Title, &t.replace("\n\n", " "));
    }
    let body = it.content.or(it.summary).map(|(text, html)| {
        if html {
            html_text(file, &text, rec.title.as_deref()).unwrap_or_default()
        } else {
            text
        }
    });
    if let Some(b) = body {
        rec.set(Role::Text, &b);
    }
    if let Some(l) = it.link.or(it.guid_link) {
        rec.set(Role::Url, &l);
    }
    let authors: Vec<String> = it
        .authors
        .into_iter()
        .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|a| !a.is_empty())
        .collect();
    if !authors.is_empty() {
        rec.authors = authors;
    }
    if let Some(d) = it.date.or(it.updated) {
        rec.set(Role::Date, &d);
    }
    if let Some(o) = feed_title {
        rec.set(Role::Outlet, o);
    }
    let mut doc = rec.into_document(file)?;
    if let Some(info) = doc.date_info.as_mut() {
        info.evidence = info.evidence.replacen("record date", "feed date", 1);
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_feeds() {
        assert!(sniff(
            b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
        ));
        assert!(sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
        assert!(!sniff(b"<html><body>"));
        assert!(!sniff(b"plain text about <rss"));
    }

    #[test]
    fn rss_author_in_parentheses() {
        assert_eq!(rss_author("jane@example.org (Jane Roe)"), "Jane Roe");
        assert_eq!(rss_author("Jane  Roe"), "Jane Roe");
    }
}
