//! What a page declares about its article: `<meta>` tags, JSON-LD,
//! Parse.ly's `parsely-page`, `<link rel=canonical>`, `<title>` and
//! `<time datetime>`, read in one scan of the page's start tags.

use serde_json::Value;

use super::tags::{unescape, Tag, Tags};
use super::title::{split_site_suffix, strip_site_suffix};
use crate::doc::record::{normalize_date, split_authors};

/// What a page declares about its article.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PageMeta {
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

/// Declarations of lower rank, used only for what the others leave
/// missing (see [`PageMeta::fill_gaps`]).
#[derive(Default)]
struct Fallbacks {
    /// The `<title>` element's text.
    title_tag: Option<String>,
    /// The first `<time datetime>` that holds a date.
    time_datetime: Option<String>,
    /// `author`-like `<meta>` contents, each possibly naming several people.
    meta_authors: Vec<String>,
    /// Parse.ly's `parsely-page` JSON.
    parsely: Option<Parsely>,
}

/// The fields Lede reads from Parse.ly's `parsely-page` JSON.
struct Parsely {
    title: Option<String>,
    pub_date: Option<String>,
    author: Option<String>,
    link: Option<String>,
}

impl PageMeta {
    /// Reads the declarations of `page` (the whole decoded HTML).
    pub(crate) fn read(page: &str) -> PageMeta {
        let mut m = PageMeta::default();
        let mut fallbacks = Fallbacks::default();
        for tag in Tags::new(page) {
            m.read_tag(&tag, page, &mut fallbacks);
        }
        m.fill_gaps(fallbacks);
        m
    }

    /// Reads one start tag of `page`.
    fn read_tag(&mut self, tag: &Tag<'_>, page: &str, fallbacks: &mut Fallbacks) {
        match tag.name.as_str() {
            "html" if self.lang.is_none() => {
                self.lang = tag.attr("lang").map(str::to_string);
            }
            "meta" => self.read_meta(tag, fallbacks),
            "link" => {
                let rel = tag.attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel == "canonical" {
                    if let Some(h) = tag.attr("href") {
                        self.url = Some(unescape(h));
                    }
                }
            }
            "title" if fallbacks.title_tag.is_none() => {
                fallbacks.title_tag = Some(unescape(tag.inner(page).trim()));
            }
            "time" if fallbacks.time_datetime.is_none() => {
                fallbacks.time_datetime = tag
                    .attr("datetime")
                    .filter(|d| normalize_date(d).is_some())
                    .map(str::to_string);
            }
            "script" => {
                let ty = tag.attr("type").unwrap_or("").to_ascii_lowercase();
                if ty == "application/ld+json" {
                    if let Ok(v) = serde_json::from_str::<Value>(tag.inner(page).trim()) {
                        self.read_json_ld(&v, 0);
                    }
                }
            }
            _ => {}
        }
    }

    /// A `<meta>` tag: its `property`, `name` or `itemprop` says what its
    /// `content` is; the first of each kind is kept.
    fn read_meta(&mut self, tag: &Tag<'_>, fallbacks: &mut Fallbacks) {
        let key = tag
            .attr("property")
            .or_else(|| tag.attr("name"))
            .or_else(|| tag.attr("itemprop"))
            .unwrap_or("")
            .to_ascii_lowercase();
        let Some(content) = tag.attr("content").map(|c| unescape(c.trim())) else {
            return;
        };
        if content.is_empty() {
            return;
        }
        match key.as_str() {
            "og:title" | "twitter:title" | "headline" | "dc.title" => {
                self.title.get_or_insert(content);
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
                self.date.get_or_insert(content);
            }
            "author" | "article:author" | "dc.creator" | "byl" | "sailthru.author"
            | "parsely-author"
                // article:author is often a profile URL.
                if !content.starts_with("http") => {
                    fallbacks.meta_authors.push(content);
                }
            "og:site_name" | "application-name" | "publisher" | "dc.publisher" => {
                self.outlet.get_or_insert(content);
            }
            "og:url" => {
                self.url.get_or_insert(content);
            }
            "description" | "og:description" => {
                self.description.get_or_insert(content);
            }
            "parsely-page" => {
                if let Some(p) = parsely(&content) {
                    fallbacks.parsely = Some(p);
                }
            }
            _ => {}
        }
    }

    /// Fills what the `<meta>` tags and JSON-LD left missing: authors from
    /// author metas, then Parse.ly's fields, the date of `<time>`, and the
    /// title of `<title>` (its site suffix cut off, naming the outlet when
    /// none is declared).
    fn fill_gaps(&mut self, fallbacks: Fallbacks) {
        if self.authors.is_empty() {
            for a in fallbacks.meta_authors {
                for n in split_authors(&a) {
                    if !self.authors.contains(&n) {
                        self.authors.push(n);
                    }
                }
            }
        }
        if let Some(p) = fallbacks.parsely {
            if self.title.is_none() {
                self.title = p.title;
            }
            if self.date.is_none() {
                self.date = p.pub_date;
            }
            if let (true, Some(a)) = (self.authors.is_empty(), p.author) {
                self.authors = split_authors(&a);
            }
            if self.url.is_none() {
                self.url = p.link;
            }
        }
        if self.date.is_none() {
            self.date = fallbacks.time_datetime;
        }
        if self.title.is_none() {
            if let Some(t) = fallbacks.title_tag {
                if self.outlet.is_some() {
                    self.title = Some(strip_site_suffix(&t, self.outlet.as_deref()));
                } else {
                    // "Headline | Backstage": the site names the outlet.
                    let (title, site) = split_site_suffix(&t);
                    self.title = Some(title);
                    self.outlet = site;
                }
            }
        }
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

/// Parse.ly's JSON (`title`, `link`, `pub_date`, `author`), when it is an
/// object.
fn parsely(content: &str) -> Option<Parsely> {
    let Ok(Value::Object(o)) = serde_json::from_str::<Value>(content) else {
        return None;
    };
    let get = |k: &str| {
        o.get(k)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    Some(Parsely {
        title: get("title"),
        pub_date: get("pub_date"),
        author: get("author"),
        link: get("link"),
    })
}
