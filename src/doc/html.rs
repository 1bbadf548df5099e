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

use serde_json::Value;

use super::decode::decode_html;
use super::record::{normalize_date, split_authors, Record, Role};
use super::Document;
use crate::error::{Error, Result};

/// Parses an HTML page into a document named `name`.
pub fn parse_html(name: &str, bytes: &[u8]) -> Result<Document> {
    let page = decode_html(name, bytes)?;
    let meta = PageMeta::read(&page);
    let dom = dom_query::Document::from(page.as_str());
    strip_boilerplate(&dom);
    let declared = declared_body(&dom);
    let article = readable(dom);
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
    if let Some(a) = &article {
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
        let body = paragraphs_of(&body_text(a, declared.as_deref()), rec.title.as_deref());
        if !body.is_empty() {
            rec.set(Role::Text, &body);
        }
    }
    // "Headline | WIRED" in og:title too: drop the outlet's name, or a
    // short site name when the outlet is unknown (and take it as the
    // outlet); "Youbeauty.com - Headline": the same in front.
    if let Some(t) = rec.title.clone() {
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
    rec.into_document(name)
}

/// Readability's article for a page's DOM, classes kept for
/// [`cleaned_text`].
fn readable(dom: dom_query::Document) -> Option<dom_smoothie::Article> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        keep_classes: true,
        ..dom_smoothie::Config::default()
    };
    dom_smoothie::Readability::with_document(dom, None, Some(cfg))
        .ok()
        .and_then(|mut r| r.parse().ok())
}

/// Containers that publishers mark as the article body: schema.org's
/// `articleBody`, the hAtom `entry-content`, and the common CMS class names.
const DECLARED_BODY: &str = "[itemprop=articleBody], [itemprop=articlebody], .entry-content, \
    .article-body, .articleBody, .article__body, .article-content, .story-body, .story-content, \
    .post-content, .post-body, .body-text";

/// Blocks around or inside an article that are not its text: share and
/// social rows, newsletter and subscription boxes, related links,
/// comments, ads. Removed from the page before Readability scores it.
const BOILERPLATE: &str = "[class*=share], [class*=social], \
    [class*=newsletter], [class*=subscribe], [class*=signup], [class*=related], \
    [class*=comments], [class~=comment], [class*=comment-], [class*=-comment], [id*=comments], [id~=comment], [class*=promo], [class*=advert], [class*=sponsor], \
    [class*=recommend], [class*=read-more], [class*=readmore], [class*=more-stories]";

/// Blocks inside the chosen article that are not its text: captions and
/// credits, asides, navigation and forms, and [`BOILERPLATE`] again
/// (Readability may have moved text out of a removed page block's reach).
/// Not removed before Readability: on a gallery page the captions are the
/// article.
const INNER_BOILERPLATE: &str = "figcaption, aside, nav, form, \
    [class*=caption], [class*=credit], [class*=share], [class*=social], \
    [class*=newsletter], [class*=subscribe], [class*=signup], [class*=related], \
    [class*=comments], [class~=comment], [class*=comment-], [class*=-comment], [id*=comments], [id~=comment], [class*=promo], [class*=advert], [class*=sponsor], \
    [class*=recommend], [class*=read-more], [class*=readmore], [class*=more-stories]";

/// The article text: Readability's choice, unless the page declares its
/// body ([`DECLARED_BODY`], given as HTML) and Readability's choice lies
/// mostly outside it (a footer chosen over a short article) or is a small
/// part of it, in which case the declared body, read the same way, is used.
fn body_text(article: &dom_smoothie::Article, declared: Option<&str>) -> String {
    let chosen = cleaned_text(&article.content);
    let Some(declared) = declared else {
        return chosen;
    };
    let dom = dom_query::Document::from(format!("<html><body>{declared}</body></html>"));
    let Some(d) = readable(dom) else {
        return chosen;
    };
    let alt = cleaned_text(&d.content);
    let alt_words = words(&alt);
    if alt_words.len() < 25 {
        return chosen;
    }
    let inside: std::collections::HashSet<&str> = alt_words.iter().copied().collect();
    let chosen_words = words(&chosen);
    let shared = chosen_words.iter().filter(|w| inside.contains(*w)).count();
    // Outside the declared body, or a small part of it.
    if shared * 2 < chosen_words.len() || alt_words.len() > 2 * chosen_words.len() {
        alt
    } else {
        chosen
    }
}

fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The HTML of the largest declared article body of a page, if any.
fn declared_body(dom: &dom_query::Document) -> Option<String> {
    let sel = dom.select(DECLARED_BODY);
    let best = sel.nodes().iter().max_by_key(|n| n.text().len())?;
    Some(best.html().to_string())
}

/// Removes the [`BOILERPLATE`] blocks of a page before Readability scores
/// it. A block is kept when it holds an article (a declared body, an
/// `<article>`, an `<h1>`) or half of the page's paragraph text or more:
/// a class name like `social-article` must not cost the article.
fn strip_boilerplate(dom: &dom_query::Document) {
    let paragraph_text = |s: &dom_query::Selection| -> usize {
        s.select("p").nodes().iter().map(|p| p.text().len()).sum()
    };
    let total = paragraph_text(&dom.select("body"));
    let guard = format!("article, h1, {DECLARED_BODY}");
    for node in dom.select(BOILERPLATE).nodes() {
        let block = dom_query::Selection::from(*node);
        if node.is(&guard) || block.select(&guard).exists() {
            continue;
        }
        if total > 0 && paragraph_text(&block) * 2 >= total {
            continue;
        }
        node.remove_from_parent();
    }
}

/// The text of an article's HTML with [`INNER_BOILERPLATE`] blocks removed (a
/// block holding half the text or more is kept: it is the article), one
/// line per block.
fn cleaned_text(content: &str) -> String {
    let doc = dom_query::Document::from(content);
    let total = doc.root().text().len();
    for node in doc.select(INNER_BOILERPLATE).nodes() {
        if node.text().len() * 2 < total {
            node.remove_from_parent();
        }
    }
    // Lists of links (related stories, tags, "most read") left in the
    // article: three links or more making most of a block's text.
    for node in doc.select("ul, ol, div, section, table").nodes() {
        let len = node.text().len();
        if len * 2 >= total {
            continue;
        }
        let sel = dom_query::Selection::from(*node).select("a");
        let linked: usize = sel.nodes().iter().map(|a| a.text().len()).sum();
        if sel.length() >= 3 && linked * 10 >= len * 6 || is_teaser_row(node) {
            node.remove_from_parent();
        }
    }
    doc.root().formatted_text().to_string()
}

/// A row of teaser cards for other articles: three or more children of
/// the same tag and (non-empty) class, each short and holding a link.
fn is_teaser_row(node: &dom_query::NodeRef) -> bool {
    let kids = node.element_children();
    if kids.len() < 3 {
        return false;
    }
    let first = (kids[0].node_name(), kids[0].attr("class"));
    if first.1.as_deref().is_none_or(|c| c.trim().is_empty()) {
        return false;
    }
    kids.iter().all(|k| {
        (k.node_name(), k.attr("class")) == first
            && k.text().len() < 300
            && (k.is("a[href]") || !k.find(&["a"]).is_empty())
    })
}

/// The extractor's text as paragraphs separated by blank lines: one
/// paragraph per non-empty line, whitespace collapsed, the headline
/// dropped when it is repeated as the first line.
///
/// Two flaws of the extractor are repaired: a block emitted twice (the
/// same paragraph again, later) is kept once, and a "paragraph" that is a
/// page's menus run together ("NewsWeatherCrime & SafetySports...") is
/// dropped.
fn paragraphs_of(text: &str, title: Option<&str>) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for line in text.lines() {
        let p = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if p.is_empty() {
            continue;
        }
        if out.is_empty() && title.is_some_and(|t| same_text(t, &p)) {
            continue;
        }
        let key: String = p
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        // A block emitted twice is a sentence or more; short lines (a
        // date, a time in a schedule) may repeat legitimately.
        if p.split_whitespace().count() >= 10 && !seen.insert(key) {
            continue;
        }
        if is_menu_soup(&p) || is_control_label(&p) {
            continue;
        }
        out.push(p);
    }
    out.join("\n\n")
}

/// A line that is a widget's label rather than text: slideshow and
/// player controls ("Play Slideshow", "Previous", "3 of 10", "2 / 8"),
/// ad slots, share and sign-up prompts.
fn is_control_label(p: &str) -> bool {
    const LABELS: &[&str] = &[
        "advertisement",
        "ad",
        "sponsored",
        "play slideshow",
        "play",
        "pause",
        "replay",
        "previous",
        "next",
        "prev",
        "view larger",
        "view all thumbnails",
        "view gallery",
        "enlarge",
        "close",
        "share",
        "share this",
        "share this article",
        "tweet",
        "email",
        "print",
        "comments",
        "newsletter sign up",
        "sign up",
        "subscribe",
        "read more",
        "continue reading",
        "skip ad",
        "loading",
    ];
    let words: Vec<String> = p
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() || words.len() > 4 {
        return words.is_empty() && !p.is_empty();
    }
    // "3 of 10", "2 / 8": a position in a gallery.
    if let [a, of, b] = words.as_slice() {
        if of == "of"
            && a.bytes().all(|c| c.is_ascii_digit())
            && b.bytes().all(|c| c.is_ascii_digit())
        {
            return true;
        }
    }
    if let [a, b] = words.as_slice() {
        if p.contains('/')
            && a.bytes().all(|c| c.is_ascii_digit())
            && b.bytes().all(|c| c.is_ascii_digit())
        {
            return true;
        }
    }
    LABELS.contains(&words.join(" ").as_str())
}

/// Menu labels run together without spaces: many words where a lowercase
/// letter is directly followed by an uppercase one ("NewsWeather").
fn is_menu_soup(p: &str) -> bool {
    let words = p.split_whitespace().count();
    if words < 20 {
        return false;
    }
    let joins = p
        .split_whitespace()
        .filter(|w| {
            let cs: Vec<char> = w.chars().collect();
            cs.windows(2)
                .any(|x| x[0].is_lowercase() && x[1].is_uppercase())
        })
        .count();
    joins >= 4 && joins * 6 > words
}

fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    norm(a) == norm(b)
}

/// What a page declares about its article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    /// `og:title`, JSON-LD `headline`, or `<title>` (with the site suffix
    /// removed).
    pub title: Option<String>,
    /// `author`/`article:author` meta or JSON-LD `author`.
    pub authors: Vec<String>,
    /// The publication date as declared (not yet normalized).
    pub date: Option<String>,
    /// `og:site_name`, JSON-LD `publisher`, `application-name`.
    pub outlet: Option<String>,
    /// `<link rel=canonical>` or `og:url`.
    pub url: Option<String>,
    /// `<html lang>`.
    pub lang: Option<String>,
    /// `description`/`og:description`.
    pub description: Option<String>,
}

impl PageMeta {
    /// Reads the declarations of `page` (the whole decoded HTML).
    pub fn read(page: &str) -> PageMeta {
        let mut m = PageMeta::default();
        let mut title_tag = None;
        let mut time_datetime = None;
        let mut meta_authors = Vec::new();
        let mut parsely = None;
        for tag in Tags::new(page) {
            match tag.name.as_str() {
                "html" if m.lang.is_none() => {
                    m.lang = tag.attr("lang").map(str::to_string);
                }
                "meta" => {
                    let key = tag
                        .attr("property")
                        .or_else(|| tag.attr("name"))
                        .or_else(|| tag.attr("itemprop"))
                        .unwrap_or("")
                        .to_ascii_lowercase();
                    let Some(content) = tag.attr("content").map(|c| unescape(c.trim())) else {
                        continue;
                    };
                    if content.is_empty() {
                        continue;
                    }
                    match key.as_str() {
                        "og:title" | "twitter:title" | "headline" | "dc.title" => {
                            m.title.get_or_insert(content);
                        }
                        "article:published_time"
                        | "datepublished"
                        | "pubdate"
                        | "publishdate"
                        | "date"
                        | "dc.date"
                        | "dc.date.issued"
                        | "sailthru.date"
                        | "parsely-pub-date"
                        | "og:published_time"
                        | "publish-date"
                        | "article.published"
                        | "dcterms.created"
                        | "original-publish-date" => {
                            m.date.get_or_insert(content);
                        }
                        "author" | "article:author" | "dc.creator" | "byl" | "sailthru.author"
                        | "parsely-author"
                            // article:author is often a profile URL.
                            if !content.starts_with("http") => {
                                meta_authors.push(content);
                            }
                        "og:site_name" | "application-name" | "publisher" | "dc.publisher" => {
                            m.outlet.get_or_insert(content);
                        }
                        "og:url" => {
                            m.url.get_or_insert(content);
                        }
                        "description" | "og:description" => {
                            m.description.get_or_insert(content);
                        }
                        "parsely-page" => {
                            // Parse.ly's JSON: title, link, pub_date, author.
                            if let Ok(Value::Object(o)) = serde_json::from_str::<Value>(&content) {
                                let get = |k: &str| {
                                    o.get(k)
                                        .and_then(Value::as_str)
                                        .map(str::trim)
                                        .filter(|v| !v.is_empty())
                                        .map(str::to_string)
                                };
                                parsely = Some((
                                    get("title"),
                                    get("pub_date"),
                                    get("author"),
                                    get("link"),
                                ));
                            }
                        }
                        _ => {}
                    }
                }
                "link" => {
                    let rel = tag.attr("rel").unwrap_or("").to_ascii_lowercase();
                    if rel == "canonical" {
                        if let Some(h) = tag.attr("href") {
                            m.url = Some(unescape(h));
                        }
                    }
                }
                "title" if title_tag.is_none() => {
                    title_tag = Some(unescape(tag.inner(page).trim()));
                }
                "time" if time_datetime.is_none() => {
                    time_datetime = tag
                        .attr("datetime")
                        .filter(|d| normalize_date(d).is_some())
                        .map(str::to_string);
                }
                "script" => {
                    let ty = tag.attr("type").unwrap_or("").to_ascii_lowercase();
                    if ty == "application/ld+json" {
                        if let Ok(v) = serde_json::from_str::<Value>(tag.inner(page).trim()) {
                            m.read_json_ld(&v, 0);
                        }
                    }
                }
                _ => {}
            }
        }
        if m.authors.is_empty() {
            for a in meta_authors {
                for n in split_authors(&a) {
                    if !m.authors.contains(&n) {
                        m.authors.push(n);
                    }
                }
            }
        }
        if let Some((title, date, author, link)) = parsely {
            if m.title.is_none() {
                m.title = title;
            }
            if m.date.is_none() {
                m.date = date;
            }
            if let (true, Some(a)) = (m.authors.is_empty(), author) {
                m.authors = split_authors(&a);
            }
            if m.url.is_none() {
                m.url = link;
            }
        }
        if m.date.is_none() {
            m.date = time_datetime;
        }
        if m.title.is_none() {
            if let Some(t) = title_tag {
                if m.outlet.is_some() {
                    m.title = Some(strip_site_suffix(&t, m.outlet.as_deref()));
                } else {
                    // "Headline | Backstage": the site names the outlet.
                    let (title, site) = split_site_suffix(&t);
                    m.title = Some(title);
                    m.outlet = site;
                }
            }
        }
        m
    }

    /// JSON-LD: the first NewsArticle-like object (or any object with a
    /// `headline`/`datePublished`) fills what is still missing.
    fn read_json_ld(&mut self, v: &Value, depth: usize) {
        if depth > 8 {
            return;
        }
        match v {
            Value::Array(a) => {
                for x in a {
                    self.read_json_ld(x, depth + 1);
                }
            }
            Value::Object(o) => {
                if let Some(g) = o.get("@graph") {
                    self.read_json_ld(g, depth + 1);
                }
                let articleish = o.contains_key("headline") || o.contains_key("datePublished");
                if !articleish {
                    return;
                }
                if let Some(Value::String(h)) = o.get("headline") {
                    self.title.get_or_insert_with(|| unescape(h.trim()));
                }
                if let Some(Value::String(d)) = o.get("datePublished") {
                    self.date.get_or_insert_with(|| d.clone());
                }
                if self.authors.is_empty() {
                    if let Some(a) = o.get("author") {
                        self.authors = ld_names(a);
                    }
                }
                if self.outlet.is_none() {
                    if let Some(p) = o.get("publisher") {
                        self.outlet = ld_names(p).into_iter().next();
                    }
                }
                if self.url.is_none() {
                    if let Some(Value::String(u)) = o.get("url") {
                        self.url = Some(u.clone());
                    }
                }
            }
            _ => {}
        }
    }
}

fn ld_names(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => split_authors(s),
        Value::Object(o) => o
            .get("name")
            .and_then(Value::as_str)
            .map(|n| vec![unescape(n.trim())])
            .unwrap_or_default(),
        Value::Array(a) => {
            let mut out = Vec::new();
            for n in a.iter().flat_map(ld_names) {
                if !out.contains(&n) {
                    out.push(n);
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

/// "Headline | Site" / "Headline - Site": drop the site part when it is
/// the outlet or clearly shorter than the headline.
fn strip_site_suffix(title: &str, outlet: Option<&str>) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some(i) = title.rfind(sep) {
            let (head, site) = (&title[..i], &title[i + sep.len()..]);
            let is_outlet = outlet.is_some_and(|o| same_text(o, site));
            if is_outlet || (site.split_whitespace().count() <= 4 && head.len() > 2 * site.len()) {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// "Headline | Site" with the outlet unknown: the headline, and the site
/// when it is short (at most four words, under a third of the title).
fn split_site_suffix(title: &str) -> (String, Option<String>) {
    let head = strip_site_suffix(title, None);
    if head.len() == title.len() {
        return (head, None);
    }
    let site = title[head.len()..]
        .trim_start()
        .trim_start_matches(['|', '-', '–', '—', ':'])
        .trim();
    let site = (!site.is_empty()).then(|| site.to_string());
    (head, site)
}

/// "Outlet.com - Headline" → "Headline", when the prefix is the outlet.
fn strip_outlet_prefix(title: &str, outlet: &str) -> String {
    for sep in [" | ", " - ", " – ", " — ", ": "] {
        if let Some(i) = title.find(sep) {
            let (site, head) = (&title[..i], &title[i + sep.len()..]);
            let site = site
                .trim()
                .trim_end_matches(".com")
                .trim_end_matches(".org");
            if !head.trim().is_empty() && same_text(outlet, site) {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// A title escaped twice ("B&amp;amp;B" in og:title) reads "B&amp;B" after
/// one decoding: decode once more when a reference is left.
fn unescape_again(s: &str) -> String {
    if ["&amp;", "&quot;", "&#", "&lt;", "&gt;", "&apos;"]
        .iter()
        .any(|r| s.contains(r))
    {
        unescape(s)
    } else {
        s.to_string()
    }
}

/// "Headline | Outlet" → "Headline", only when the suffix is the outlet.
fn strip_outlet_suffix(title: &str, outlet: &str) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some(i) = title.rfind(sep) {
            let (head, site) = (&title[..i], &title[i + sep.len()..]);
            if !head.trim().is_empty() && same_text(outlet, site) {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// Character references (named ones common in news pages, decimal and
/// hex); references to control characters other than a newline (the wire's
/// `&#2;`, `&#3;`) are dropped. Used for HTML attributes and `<title>`, and
/// for Reuters SGML bodies.
pub(super) fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let semi = tail.bytes().take(10).position(|b| b == b';');
        let decoded = semi.and_then(|e| {
            let ent = &tail[1..e];
            let c = match ent {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => ' ',
                "mdash" => '—',
                "ndash" => '–',
                "rsquo" => '\u{2019}',
                "lsquo" => '\u{2018}',
                "rdquo" => '\u{201d}',
                "ldquo" => '\u{201c}',
                "hellip" => '…',
                _ => {
                    let n = ent.strip_prefix('#')?;
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => n.parse().ok()?,
                    };
                    // A control character decodes to nothing.
                    char::from_u32(code).map(|c| {
                        if c.is_control() && c != '\n' {
                            '\u{0}'
                        } else {
                            c
                        }
                    })?
                }
            };
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                if c != '\u{0}' {
                    out.push(c);
                }
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A start tag found by [`Tags`]: its lowercased name, raw attribute
/// text, and where it ends in the page.
struct Tag<'a> {
    name: String,
    attrs: &'a str,
    end: usize,
}

impl<'a> Tag<'a> {
    /// The value of attribute `key` (case-insensitive), unquoted.
    fn attr(&self, key: &str) -> Option<&'a str> {
        let s = self.attrs;
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            let start = i;
            while i < bytes.len() && !matches!(bytes[i], b'=' | b' ' | b'\t' | b'\n' | b'\r' | b'/')
            {
                i += 1;
            }
            let k = &s[start..i];
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = "";
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                    let q = bytes[i];
                    let vs = i + 1;
                    let ve = s[vs..]
                        .bytes()
                        .position(|b| b == q)
                        .map_or(s.len(), |p| vs + p);
                    value = &s[vs..ve];
                    i = (ve + 1).min(s.len());
                } else {
                    let vs = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    value = &s[vs..i];
                }
            }
            if k.eq_ignore_ascii_case(key) {
                return Some(value);
            }
            if i == start {
                i += 1;
            }
        }
        None
    }

    /// The raw text between this tag and its closing tag.
    fn inner(&self, page: &'a str) -> &'a str {
        let rest = &page[self.end..];
        let close = format!("</{}", self.name);
        let end = find_ci(rest, &close).unwrap_or(rest.len());
        &rest[..end]
    }
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes()
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
}

/// A forgiving scanner over the start tags of a page, skipping comments
/// and the insides of `<script>`/`<style>` (whose content is reached via
/// [`Tag::inner`]).
struct Tags<'a> {
    page: &'a str,
    at: usize,
}

impl<'a> Tags<'a> {
    fn new(page: &'a str) -> Self {
        Tags { page, at: 0 }
    }
}

impl<'a> Iterator for Tags<'a> {
    type Item = Tag<'a>;

    fn next(&mut self) -> Option<Tag<'a>> {
        let page = self.page;
        loop {
            let lt = self.at + page.get(self.at..)?.find('<')?;
            let rest = &page[lt + 1..];
            if rest.starts_with("!--") {
                self.at = rest.find("-->").map_or(page.len(), |e| lt + 1 + e + 3);
                continue;
            }
            let name_len = rest
                .bytes()
                .position(|b| !b.is_ascii_alphanumeric() && b != b':' && b != b'-')
                .unwrap_or(rest.len());
            if name_len == 0 || !rest.as_bytes()[0].is_ascii_alphabetic() {
                self.at = lt + 1;
                continue;
            }
            let name = rest[..name_len].to_ascii_lowercase();
            let gt = rest.find('>').map_or(page.len(), |g| lt + 1 + g);
            let attrs = &page[(lt + 1 + name_len).min(gt)..gt];
            let end = (gt + 1).min(page.len());
            self.at = end;
            if name == "script" || name == "style" {
                // Jump past the element so markup inside is not read as tags.
                let close = format!("</{name}");
                self.at = find_ci(&page[end..], &close).map_or(page.len(), |e| end + e);
            }
            return Some(Tag { name, attrs, end });
        }
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
    fn title_suffix_and_entities() {
        assert_eq!(
            strip_outlet_suffix("How It Works | WIRED", "Wired"),
            "How It Works"
        );
        assert_eq!(strip_outlet_suffix("A - B", "C"), "A - B");
        assert_eq!(
            strip_site_suffix("A long headline about talks - BBC News", None),
            "A long headline about talks"
        );
        assert_eq!(
            unescape("Tom &amp; Jerry&#8217;s &#x41; &bogus;"),
            "Tom & Jerry\u{2019}s A &bogus;"
        );
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

    #[test]
    fn repeated_blocks_and_menu_soup_are_dropped() {
        let soup = "HomeNews WorldPolitics SportsFootball LocalWeather CrimeSafety ".repeat(5);
        let first = "The first paragraph of the article runs on for a dozen words or so.";
        let second = "A second paragraph, also long enough to be a block of the article text.";
        let text = format!("Title\n{first}\n{second}\n{soup}\n{first}\n{second}\nLast.");
        assert_eq!(
            paragraphs_of(&text, Some("Title")),
            format!("{first}\n\n{second}\n\nLast.")
        );
        // Short lines may repeat (a schedule, a refrain).
        assert_eq!(
            paragraphs_of("Monday at 3 PM\nTuesday\nMonday at 3 PM", None),
            "Monday at 3 PM\n\nTuesday\n\nMonday at 3 PM"
        );
        assert!(!is_menu_soup("A normal sentence about McDonald's and iPhone sales in the USA, which rose by a lot this year, said the analysts from JPMorgan."));
    }

    #[test]
    fn widget_labels_are_dropped() {
        for l in ["Play Slideshow", "3 of 10", "2 / 8", "Advertisement", "|"] {
            assert!(is_control_label(l), "{l}");
        }
        for l in ["Next year", "10 of the 12 ministers", "Share prices fell"] {
            assert!(!is_control_label(l), "{l}");
        }
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
