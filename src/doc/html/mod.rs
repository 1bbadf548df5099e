//! HTML pages: main-text extraction and article metadata.
//!
//! The page is decoded with its declared charset ([`decode_html`]), the
//! article body is found by `dom_smoothie` (a Rust port of Mozilla's
//! Readability: it scores the DOM and drops navigation, ads, share rows
//! and comments; chosen over `rs-trafilatura` for scoring higher on the
//! html-articles benchmark at a fraction of the wasm size, see
//! BENCHMARKS.md). Its choice is checked against the body the page
//! declares (`itemprop=articleBody`, `entry-content`, ...: a footer or a
//! fragment chosen over the article is replaced by the declared body), then
//! cleaned on its DOM (`dom_query`, the DOM `dom_smoothie` is built on):
//! captions and credits, share rows, newsletter boxes, related links and
//! comments are removed, and lines that are a widget's label ("Play
//! Slideshow", "3 of 10") or a block emitted twice are dropped.
//! The metadata is read from what publishers declare: `<meta>` tags
//! (`og:title`, `article:published_time`, `author`, `og:site_name`,
//! `og:url`...), JSON-LD (`headline`, `datePublished`, `author`,
//! `publisher`), `<link rel=canonical>` and `<time datetime>`, with the
//! extractor's own guesses as a fallback. The result then goes through
//! [`Record::into_document`], like every structured import.
//!
//! Nothing of the page is executed or kept as HTML: only text comes out.

mod body;
mod depth;
mod meta;
mod tags;
mod title;

pub(crate) use meta::PageMeta;
pub(super) use tags::unescape;

use super::decode::decode_html;
use super::record::{split_authors, Record, Role};
use super::Document;
use crate::error::{Error, Result};
use title::{
    same_text, split_site_suffix, strip_outlet_prefix, strip_outlet_suffix, unescape_again,
};

/// Parses an HTML page into a document named `name`.
pub fn parse_html(name: &str, bytes: &[u8]) -> Result<Document> {
    parse_page(name, bytes).map(|(doc, _)| doc)
}

/// Parses an HTML page into a document named `name`, with a note when its
/// nesting had to be capped (see [`depth`]).
pub(crate) fn parse_page(name: &str, bytes: &[u8]) -> Result<(Document, Option<String>)> {
    let page = decode_html(name, bytes)?;
    let meta = PageMeta::read(&page);
    let (page, note) = match depth::cap_depth(&page) {
        Some(f) => {
            let note = format!(
                "{name}: elements nest {} deep; {} tags deeper than {} were removed (their text is kept)",
                f.depth,
                f.removed,
                depth::MAX_DEPTH
            );
            (f.page, Some(note))
        }
        None => (page, None),
    };
    let dom = dom_query::Document::from(page.as_str());
    body::strip_boilerplate(&dom);
    let declared = body::declared_body(&dom);
    let article = body::readable(dom);
    let mut rec = declared_record(&meta);
    if let Some(a) = &article {
        read_article(&mut rec, a, declared.as_deref());
    }
    clean_title(&mut rec);
    // "…, and Tom Watkins, CNN": the outlet closing a list of names is not
    // one of the authors.
    if let Some(o) = rec.outlet.clone() {
        if rec.authors.len() > 1 {
            rec.authors.retain(|a| !same_text(a, &o));
        }
    }
    if rec.text.is_none() {
        if let Some(d) = meta.description.as_deref() {
            rec.set(Role::Summary, d);
        }
    }
    if rec.is_empty() {
        return Err(Error::Empty {
            name: name.to_string(),
        });
    }
    Ok((rec.into_document(name)?, note))
}

/// A record of what the page declares.
fn declared_record(meta: &PageMeta) -> Record {
    let mut rec = Record::default();
    if let Some(t) = meta.title.as_deref() {
        rec.set(Role::Title, t);
    }
    rec.authors = meta.authors.clone();
    if let Some(d) = meta.date.as_deref() {
        rec.set(Role::Date, d);
    }
    if let Some(o) = meta.outlet.as_deref() {
        rec.set(Role::Outlet, o);
    }
    if let Some(u) = meta.url.as_deref() {
        rec.set(Role::Url, u);
    }
    if let Some(l) = meta.lang.as_deref() {
        rec.set(Role::Lang, l);
    }
    rec
}

/// Adds Readability's findings to `rec`: its title, byline (when no
/// author is declared), date, site name and language, and the body text
/// (checked against the `declared` body, see [`body::body_text`]).
fn read_article(rec: &mut Record, a: &dom_smoothie::Article, declared: Option<&str>) {
    rec.set(Role::Title, &a.title);
    if rec.authors.is_empty() {
        if let Some(b) = a.byline.as_deref() {
            rec.authors = split_authors(b);
        }
    }
    if let Some(d) = a.published_time.as_deref() {
        rec.set(Role::Date, d);
    }
    if let Some(s) = a.site_name.as_deref() {
        rec.set(Role::Outlet, s);
    }
    if let Some(l) = a.lang.as_deref() {
        rec.set(Role::Lang, l);
    }
    let text = body::paragraphs_of(&body::body_text(a, declared), rec.title.as_deref());
    if !text.is_empty() {
        rec.set(Role::Text, &text);
    }
}

/// "Headline | WIRED" in og:title too: drop the outlet's name, or a short
/// site name when the outlet is unknown (and take it as the outlet);
/// "Youbeauty.com - Headline": the same in front.
fn clean_title(rec: &mut Record) {
    let Some(t) = rec.title.clone() else {
        return;
    };
    let t = unescape_again(&t);
    let t = t
        .trim_start_matches(['|', '-', '–', '—', ':', ' '])
        .to_string();
    let (title, site) = match rec.outlet.as_deref() {
        Some(o) => (strip_outlet_prefix(&strip_outlet_suffix(&t, o), o), None),
        None => split_site_suffix(&t),
    };
    rec.title = Some(title);
    if let Some(site) = site {
        rec.set(Role::Outlet, &site);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en-GB"><head>
<meta charset="utf-8"><title>Talks end without a deal | Example Times</title>
<meta property="og:site_name" content="Example Times">
<meta property="article:published_time" content="2022-01-10T23:30:00-05:00">
<meta name="author" content="Jane Roe">
<link rel="canonical" href="https://example.com/talks">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Talks end without a deal","author":[{"@type":"Person","name":"Jane Roe"}],"publisher":{"@type":"Organization","name":"Example Times"}}</script>
<script>var x = "<meta name='author' content='Not Me'>";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="share">Share on Facebook Share on Twitter</div>
<article><h1>Talks end without a deal</h1>
<p>GENEVA — Negotiators from both delegations left the talks on Monday without an agreement on the security proposals, officials said after eight hours of meetings.</p>
<p>"We have not reached a common understanding," the deputy minister told reporters at the mission, adding that further rounds were possible in the coming weeks.</p>
<p>The other side said it had listened carefully and would consult its allies before answering in writing, a process expected to take several days at least.</p>
</article>
<section class="comments"><h3>Comments</h3><p>First! This is spam.</p></section>
<footer>Copyright 2022 Example Times. All rights reserved. Privacy policy. Terms of use.</footer>
</body></html>"#;

    #[test]
    fn article_and_metadata() {
        let d = parse_html("p.html", PAGE.as_bytes()).unwrap();
        assert_eq!(d.title.as_deref(), Some("Talks end without a deal"));
        assert_eq!(d.outlet.as_deref(), Some("Example Times"));
        assert_eq!(d.authors, vec!["Jane Roe"]);
        // The local date as declared, not shifted to UTC.
        assert_eq!(d.date.as_deref(), Some("2022-01-10"));
        assert_eq!(d.url.as_deref(), Some("https://example.com/talks"));
        assert_eq!(d.lang, "en");
        let text = d.text();
        assert!(text.contains("Negotiators from both delegations"), "{text}");
        assert!(text.contains("further rounds were possible"), "{text}");
        assert!(!text.contains("Share on Facebook"), "{text}");
        assert!(!text.contains("First! This is spam"), "{text}");
        assert!(!text.contains("Copyright"), "{text}");
        assert!(!text.contains("<p>"), "{text}");
    }

    #[test]
    fn site_names_around_titles() {
        let page = |head: &str| {
            format!("<html><head>{head}</head><body><article><h1>x</h1><p>{}</p></article></body></html>", "Talks went on late into the night in Geneva. ".repeat(20))
        };
        // Unknown outlet: a short site suffix goes, and names the outlet.
        let d = parse_html(
            "a.html",
            page("<title>Actors Wanted Now in Coney Island | Backstage</title>").as_bytes(),
        )
        .unwrap();
        assert_eq!(
            d.title.as_deref(),
            Some("Actors Wanted Now in Coney Island")
        );
        assert_eq!(d.outlet.as_deref(), Some("Backstage"));
        // The outlet in front, and a title escaped twice.
        let d = parse_html(
            "b.html",
            page(r#"<meta property="og:site_name" content="YouBeauty"><meta property="og:title" content="Youbeauty.com - Nail Decals &amp;amp; Where to Wear Them">"#).as_bytes(),
        )
        .unwrap();
        assert_eq!(d.title.as_deref(), Some("Nail Decals & Where to Wear Them"));
        // The outlet closing a list of names is not an author.
        let d = parse_html(
            "c.html",
            page(r#"<meta property="og:site_name" content="CNN"><meta name="author" content="Dana Ford and Tom Watkins, CNN"><title>Storm ends - CNN</title>"#).as_bytes(),
        )
        .unwrap();
        assert_eq!(d.authors, vec!["Dana Ford", "Tom Watkins"]);
    }

    const LONG: &str = "Negotiators from both delegations left the talks on Monday without an agreement on the security proposals, officials said after eight hours of meetings in the city.";

    #[test]
    fn captions_share_rows_and_related_links_are_removed() {
        let page = format!(
            r#"<html><body><article><h1>Talks</h1>
<figure><img src="a.jpg"><figcaption>Delegates arrive at the mission. Photo: Agency</figcaption></figure>
<p>{LONG}</p><div class="share-tools"><p>Facebook Twitter Email</p></div><p>{LONG} Again.</p>
<p>{LONG} A third time.</p><p>{LONG} And a fourth.</p>
<div class="related-stories"><ul><li>Another story about talks</li></ul></div>
<div class="newsletter-box"><p>Get our daily newsletter</p></div></article></body></html>"#
        );
        let text = parse_html("p.html", page.as_bytes()).unwrap().text();
        assert!(text.contains("And a fourth"), "{text}");
        for junk in [
            "Delegates arrive",
            "Facebook",
            "Another story",
            "daily newsletter",
        ] {
            assert!(!text.contains(junk), "{junk}: {text}");
        }
    }

    #[test]
    fn teaser_rows_are_removed() {
        let card = |i: usize| {
            format!(
                r#"<div class="storybox"><a href="/s{i}"></a><p><span class="hed">Other story {i}</span> <span class="byline">A. Writer</span></p></div>"#
            )
        };
        let cards: String = (0..4).map(card).collect();
        let page = format!(
            r#"<html><body><article><h1>Talks</h1><p>{LONG}</p><p>{LONG} Again.</p>
<p>{LONG} A third time.</p><div class="tiles">{cards}</div></article></body></html>"#
        );
        let text = parse_html("p.html", page.as_bytes()).unwrap().text();
        assert!(text.contains("A third time"), "{text}");
        assert!(!text.contains("Other story"), "{text}");
    }

    #[test]
    fn declared_body_wins_over_a_footer() {
        // Readability prefers the long footer paragraph over a short article.
        let legal = "Registration on or use of this site constitutes acceptance of our User Agreement and Privacy Policy. The material on this site may not be reproduced, distributed, transmitted, cached or otherwise used, except with the prior written permission of the publisher. Community rules apply to all content you upload or otherwise submit to this site.";
        let page = format!(
            r#"<html><body><div class="entry-content"><p>{LONG}</p></div>
<div id="disclaimer"><p>{legal}</p><p>{legal}</p></div></body></html>"#
        );
        let text = parse_html("p.html", page.as_bytes()).unwrap().text();
        assert!(text.contains("Negotiators from both"), "{text}");
        assert!(!text.contains("User Agreement"), "{text}");
    }

    #[test]
    fn empty_page_is_an_error() {
        assert!(matches!(
            parse_html("e.html", b"<html><body></body></html>"),
            Err(Error::Empty { .. })
        ));
    }
}
