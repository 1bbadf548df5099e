//! A linear pre-pass that caps how deep a page's elements nest before the
//! page reaches the HTML parser.
//!
//! Both crates the page goes through do work per element proportional to
//! its depth: html5ever's tree builder scans the stack of open elements for
//! many tags (`in_scope`), and Readability (`dom_smoothie`) measures every
//! candidate block over all its descendants (`clean_conditionally`). A page
//! nested 10,000 deep (110 KB of `<div>`s) therefore took 15 s, 100,000
//! unclosed `<div>`s over a minute. Real articles nest a few dozen deep,
//! so [`MAX_DEPTH`] is far above anything legitimate.
//!
//! The pass follows the HTML tree builder closely enough to bound the depth
//! it will build, erring only towards counting too deep: comments,
//! doctypes and processing instructions are skipped; the content of
//! raw-text elements (`script`, `style`, `textarea`, `title`, …) is not
//! scanned for tags; void elements (`br`, `img`, …) do not nest; a start
//! tag of `li`, `dt`/`dd`, `option`, `tr`, `td`/`th` closes an open one of
//! its kind and a block start tag an open `p` (within the standard's
//! scopes); an end tag closes its element and everything opened after it
//! unless a scope boundary (`table`, `td`, …) or, for a phrasing element,
//! any other element lies in between (then the parser ignores it too);
//! formatting elements (`b`, `font`, `a`, …) closed by another element's
//! end tag count as open until their own end tag or a table cell's end,
//! since the parser reopens them. An end tag first checks a count of open
//! elements per name, and every scan of the stack is bounded by
//! [`MAX_DEPTH`], so the pass is linear in the page's size.
//!
//! A start tag that would nest deeper than [`MAX_DEPTH`], or a formatting
//! element beyond [`MAX_FORMATTING`] active ones (each is rebuilt after
//! every block that closes it), is removed with its end tag; the text inside stays, one level up. A block tag is
//! replaced by a space so that the words on either side stay apart.

use rustc_hash::FxHashMap;

/// The deepest an element may nest; tags deeper than this are removed
/// (their text is kept). Real pages stay far below: the deepest of the 157
/// html-articles pages nests 32 levels by this pass's count (the test
/// `real_pages_are_left_alone`). Parsing and scoring cost up to a step per
/// level per element, so the limit is the constant of a linear cost: at 64,
/// 20,000 nested lists (360 KB) parse in 0.8 s in the test profile, at
/// 256 they took 3.3 s.
pub(super) const MAX_DEPTH: usize = 64;

/// The most formatting elements (`b`, `font`, …) that may be active at
/// once (since the last table cell). The tree builder reopens every active
/// one that a block closed before the next text, so each may be built
/// again for every block that follows: 5,000 blocks each leaving a
/// `<b id=N>` open (150 KB) build 12.5 million elements. Real pages leave a
/// handful open; a formatting start tag beyond this is removed like a
/// too-deep one, so a block is rebuilt with at most 8 around it.
const MAX_FORMATTING: usize = 8;

/// What [`cap_depth`] did to a page.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Flattened {
    /// The page with its too-deep tags removed.
    pub(super) page: String,
    /// How many start tags were removed.
    pub(super) removed: usize,
    /// The deepest nesting seen (counting removed tags as nesting).
    pub(super) depth: usize,
}

/// Elements whose content is text, not markup, up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Start tags that close an open `p` (the HTML standard's list, in part:
/// the common ones).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

/// Inline elements: removing one does not separate words.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
    "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
];

/// Formatting elements: the tree builder keeps them in its list of active
/// formatting elements and reopens them after a block closes them.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Elements whose closing clears the formatting elements opened inside
/// them (they push a marker on the tree builder's list).
const MARKERS: &[&str] = &[
    "applet", "caption", "marquee", "object", "td", "template", "th",
];

/// Elements that bound a scope: an end tag does not close an element
/// outside them.
const SCOPE: &[&str] = &[
    "applet", "caption", "html", "marquee", "object", "table", "td", "template", "th",
];

/// Elements that are neither formatting nor special in the HTML standard's
/// sense: an end tag of one of these closes it only when no other element
/// (but these) lies in between. A name in neither this list nor
/// [`SPECIAL`] is treated the same way, which can only count too deep.
const PHRASING: &[&str] = &[
    "abbr", "bdi", "bdo", "cite", "data", "del", "dfn", "ins", "kbd", "label", "mark", "q", "samp",
    "span", "sub", "sup", "time", "var",
];

/// Special elements (the HTML standard's list, in part): an end tag of one
/// closes it across any element but a scope boundary.
const SPECIAL: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "button",
    "caption",
    "center",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "html",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "select",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Whether an element stops the search for an open element of a kind.
type Stop = fn(&str) -> bool;

/// For a start tag of `name`, the open element kinds it closes (`<li>` an
/// open `<li>`, `<td>` an open `<td>` or `<th>`, a block an open `<p>`) and
/// which elements stop the search for one.
fn closes_own_kind(name: &str) -> Option<(&'static [&'static str], Stop)> {
    fn special(e: &str) -> bool {
        !PHRASING.contains(&e) && !FORMATTING.contains(&e) && !matches!(e, "address" | "div" | "p")
    }
    fn table(e: &str) -> bool {
        matches!(e, "html" | "table" | "template")
    }
    fn button(e: &str) -> bool {
        SCOPE.contains(&e) || e == "button"
    }
    fn select(e: &str) -> bool {
        e == "select" || SCOPE.contains(&e)
    }
    match name {
        "li" => Some((&["li"], special)),
        "dt" | "dd" => Some((&["dt", "dd"], special)),
        "option" => Some((&["option"], select)),
        "td" | "th" => Some((&["td", "th"], table)),
        "tr" => Some((&["tr"], table)),
        _ if CLOSES_P.contains(&name) => Some((&["p"], button)),
        _ => None,
    }
}

/// An entry of the list of active formatting elements: a formatting element
/// (its name and attributes as written, and whether it is open) or a
/// marker (`None`).
type Formatting<'a> = Option<(&'a str, &'a str, bool)>;

/// The open elements as the tree builder will hold them, with a count per
/// name so that an end tag learns in constant time whether its element is
/// open, and the list of active formatting elements, some of which were
/// closed by another element's end and will be reopened (`pending`).
#[derive(Default)]
struct Stack<'a> {
    names: Vec<&'a str>,
    open: FxHashMap<&'a str, usize>,
    /// Tags removed since the stack last shrank, per name: their end tags
    /// are removed too.
    removed: FxHashMap<&'a str, usize>,
    /// The list of active formatting elements (and markers).
    formatting: Vec<Formatting<'a>>,
    /// How many entries of `formatting` are not open: the tree builder
    /// reopens them before the next text or inline element.
    pending: usize,
}

impl<'a> Stack<'a> {
    /// The depth the tree builder may reach before the next element: the
    /// open elements and the formatting elements it will reopen.
    fn depth(&self) -> usize {
        self.names.len() + self.pending
    }

    /// Entries of `formatting` after the last marker start here.
    fn since_marker(&self) -> usize {
        self.formatting
            .iter()
            .rposition(Option::is_none)
            .map_or(0, |m| m + 1)
    }

    fn push(&mut self, name: &'a str, attrs: &'a str) {
        if FORMATTING.contains(&name) {
            // At most three equal entries since the last marker (the
            // standard's "Noah's Ark" clause).
            let from = self.since_marker();
            let equal: Vec<usize> = (from..self.formatting.len())
                .filter(|&k| self.formatting[k].is_some_and(|(n, a, _)| n == name && a == attrs))
                .collect();
            if equal.len() >= 3 {
                self.remove_entry(equal[0]);
            }
            self.formatting.push(Some((name, attrs, true)));
        } else if MARKERS.contains(&name) {
            self.formatting.push(None);
        }
        self.names.push(name);
        *self.open.entry(name).or_default() += 1;
    }

    fn remove_entry(&mut self, k: usize) {
        if let Some((_, _, false)) = self.formatting.remove(k) {
            self.pending = self.pending.saturating_sub(1);
        }
    }

    /// Pops the current element; a formatting element closed by another
    /// element's end stays in the list, to be reopened.
    fn pop(&mut self) {
        if let Some(name) = self.names.pop() {
            if let Some(n) = self.open.get_mut(name) {
                *n = n.saturating_sub(1);
            }
            if FORMATTING.contains(&name) {
                let entry = self
                    .formatting
                    .iter_mut()
                    .rev()
                    .flatten()
                    .find(|(n, _, open)| *n == name && *open);
                if let Some(e) = entry {
                    e.2 = false;
                    self.pending += 1;
                }
            }
            if MARKERS.contains(&name) {
                // The formatting elements since the marker are forgotten.
                if let Some(m) = self.formatting.iter().rposition(Option::is_none) {
                    let closed = self.formatting[m..]
                        .iter()
                        .flatten()
                        .filter(|e| !e.2)
                        .count();
                    self.pending = self.pending.saturating_sub(closed);
                    self.formatting.truncate(m);
                }
            }
        }
        // The removed tags were inside the element just closed.
        self.removed.clear();
    }

    /// The tree builder reopens the pending formatting elements (before
    /// text or an inline start tag).
    fn reopen(&mut self) {
        if self.pending == 0 {
            return;
        }
        let from = self.since_marker();
        for k in from..self.formatting.len() {
            if let Some((name, _, open)) = &mut self.formatting[k] {
                if !*open {
                    *open = true;
                    self.names.push(name);
                    *self.open.entry(name).or_default() += 1;
                }
            }
        }
        self.pending = self.formatting.iter().flatten().filter(|e| !e.2).count();
    }

    fn is_open(&self, name: &str) -> bool {
        self.open.get(name).is_some_and(|&n| n > 0)
    }

    /// Closes the innermost open element that is one of `kinds`, unless an
    /// element for which `stop` holds comes first.
    fn close_kind(&mut self, kinds: &[&str], stop: impl Fn(&str) -> bool) {
        if !kinds.iter().any(|k| self.is_open(k)) {
            return;
        }
        let Some(at) = self
            .names
            .iter()
            .rposition(|e| kinds.contains(e) || stop(e))
        else {
            return;
        };
        if !kinds.contains(&self.names[at]) {
            return;
        }
        while self.names.len() > at {
            self.pop();
        }
    }

    /// An end tag `</name>`.
    fn end_tag(&mut self, name: &str) {
        if FORMATTING.contains(&name) {
            // The adoption agency: the formatting element and what was
            // opened inside it close; formatting elements inside reopen.
            let from = self.since_marker();
            let entry = self.formatting[from..]
                .iter()
                .rposition(|f| f.is_some_and(|(n, _, _)| n == name))
                .map(|k| from + k);
            if let Some(k) = entry {
                self.remove_entry(k);
                if self.is_open(name) {
                    self.close_kind(&[name], |e| SCOPE.contains(&e));
                }
            }
        } else if SPECIAL.contains(&name) {
            self.close_kind(&[name], |e| SCOPE.contains(&e));
        } else {
            self.close_kind(&[name], |e| {
                !PHRASING.contains(&e) && !FORMATTING.contains(&e)
            });
        }
    }
}

/// Caps the nesting of `page` at [`MAX_DEPTH`] and its active formatting
/// elements at [`MAX_FORMATTING`]; `None` when the page stays within both
/// (nothing to change).
pub(super) fn cap_depth(page: &str) -> Option<Flattened> {
    let (page, removed, depth) = scan(page, MAX_DEPTH);
    Some(Flattened {
        page: page?,
        removed,
        depth,
    })
}

/// Removes the start tags of `page` that nest deeper than `limit` (and
/// their end tags): the page (`None` when nothing was removed), how many
/// start tags were removed, and the deepest nesting seen.
fn scan(page: &str, limit: usize) -> (Option<String>, usize, usize) {
    let bytes = page.as_bytes();
    let mut stack = Stack::default();
    let mut out: Option<String> = None;
    // Bytes of `page` before this are already in `out` (when it exists).
    let mut copied = 0;
    let mut removed = 0;
    let mut deepest = 0;
    let mut foreign = 0usize;
    let mut i = 0;
    while let Some(lt) = memchr(b'<', bytes, i) {
        if bytes[i..lt].iter().any(|b| !b.is_ascii_whitespace()) {
            stack.reopen();
        }
        i = lt + 1;
        let Some(&next) = bytes.get(i) else { break };
        if next == b'!' || next == b'?' {
            i = skip_markup_declaration(bytes, i);
            continue;
        }
        let end_tag = next == b'/';
        let name_start = if end_tag { i + 1 } else { i };
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = bytes[name_start..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
            .map_or(bytes.len(), |p| name_start + p);
        let tag_end = tag_end(bytes, name_end);
        i = tag_end;
        let name = lowercase_name(&page[name_start..name_end]);
        let attrs_end = if bytes[tag_end - 1] == b'>' {
            tag_end - 1
        } else {
            tag_end
        };
        let attrs = page.get(name_end..attrs_end.max(name_end)).unwrap_or("");
        let self_closing = tag_end >= 2 && bytes[tag_end - 2] == b'/';
        let mut remove = false;
        if end_tag {
            if let Some(n) = stack.removed.get_mut(name).filter(|n| **n > 0) {
                *n -= 1;
                remove = true;
            } else {
                if matches!(name, "svg" | "math") && stack.is_open(name) {
                    foreign = foreign.saturating_sub(1);
                }
                stack.end_tag(name);
            }
        } else {
            // Void elements, and self-closed ones in SVG or MathML, do not
            // nest.
            if VOID.contains(&name) || (self_closing && foreign > 0) {
                continue;
            }
            if matches!(name, "html" | "head" | "body") && stack.is_open(name) {
                continue;
            }
            let closes = closes_own_kind(name);
            if let Some((kinds, stop)) = closes {
                stack.close_kind(kinds, stop);
            }
            if closes.is_none() && !matches!(name, "table" | "tbody" | "thead" | "tfoot") {
                stack.reopen();
            }
            let depth = stack.depth() + stack.removed.values().sum::<usize>() + 1;
            deepest = deepest.max(depth);
            let too_many_formatting = FORMATTING.contains(&name)
                && stack.formatting.len() - stack.since_marker() >= MAX_FORMATTING.min(limit);
            if stack.depth() >= limit || too_many_formatting {
                *stack.removed.entry(name).or_default() += 1;
                removed += 1;
                remove = true;
            } else {
                stack.push(name, attrs);
                if matches!(name, "svg" | "math") {
                    foreign += 1;
                }
                if RAW_TEXT.contains(&name) {
                    i = skip_raw_text(bytes, i, name);
                }
            }
        }
        if remove {
            let o = out.get_or_insert_with(|| String::with_capacity(page.len()));
            o.push_str(&page[copied..lt]);
            if !INLINE.contains(&name) {
                o.push(' ');
            }
            copied = tag_end;
        }
    }
    if let Some(o) = &mut out {
        o.push_str(&page[copied..]);
    }
    (out, removed, deepest)
}

/// The first `needle` in `hay` at or after `from`.
fn memchr(needle: u8, hay: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .iter()
        .position(|&b| b == needle)
        .map(|p| from + p)
}

/// A tag name in lower case, borrowed from a fixed list when it is
/// written in upper case (`<DIV>`), so that the stack holds no allocations;
/// an unknown upper-case name is one unknown element (`"?"`).
fn lowercase_name(raw: &str) -> &str {
    if !raw.bytes().any(|b| b.is_ascii_uppercase()) {
        return raw;
    }
    [
        RAW_TEXT, VOID, CLOSES_P, INLINE, FORMATTING, MARKERS, SCOPE, PHRASING, SPECIAL,
    ]
    .iter()
    .flat_map(|list| list.iter())
    .chain(["svg", "math", "head", "option"].iter())
    .find(|k| k.eq_ignore_ascii_case(raw))
    .copied()
    .unwrap_or("?")
}

/// Where a tag whose name ends at `from` ends: after its `>`, skipping
/// quoted attribute values (which may hold a `>`).
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    let mut quote: Option<u8> = None;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'>' => return i,
            None if (b == b'"' || b == b'\'') && i >= 2 && bytes[i - 2] == b'=' => quote = Some(b),
            None => {}
        }
    }
    bytes.len()
}

/// Skips a comment (`<!-- … -->`), doctype or processing instruction
/// starting at `from` (just after the `<`); returns where scanning resumes.
fn skip_markup_declaration(bytes: &[u8], from: usize) -> usize {
    if bytes[from..].starts_with(b"!--") {
        return find(bytes, from + 3, b"-->").map_or(bytes.len(), |p| p + 3);
    }
    memchr(b'>', bytes, from).map_or(bytes.len(), |p| p + 1)
}

/// Skips the content of the raw-text element `name` starting at `from`;
/// returns the position of its end tag (or the end of the page).
fn skip_raw_text(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut i = from;
    while let Some(p) = find(bytes, i, b"</") {
        let after = p + 2;
        if bytes
            .get(after..after + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        {
            return p;
        }
        i = after;
    }
    bytes.len()
}

/// The first `needle` in `hay` at or after `from`.
fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut i = from;
    while let Some(p) = memchr(first, hay, i) {
        if hay[p..].starts_with(needle) {
            return Some(p);
        }
        i = p + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(open: &str, close: &str, n: usize) -> String {
        format!(
            "<html><body>{}deep text{}</body></html>",
            open.repeat(n),
            close.repeat(n)
        )
    }

    /// What the pass did, in short (pages are too long to print).
    fn changed(page: &str) -> Option<(usize, usize)> {
        cap_depth(page).map(|f| (f.removed, f.depth))
    }

    #[test]
    fn shallow_pages_are_left_alone() {
        assert_eq!(changed(&nested("<div>", "</div>", MAX_DEPTH - 2)), None);
        // Unclosed paragraphs, list items, rows and cells do not nest.
        assert_eq!(changed(&format!("<body>{}", "<p>para".repeat(5_000))), None);
        assert_eq!(
            changed(&format!("<ul>{}</ul>", "<li>x".repeat(5_000))),
            None
        );
        let rows = format!("<table>{}</table>", "<tr><td>a<td><b>b".repeat(5_000));
        assert_eq!(changed(&rows), None);
        // Tags inside scripts and comments are not tags.
        let s = format!(
            "<script>{}</script><!--{}-->",
            "<div>".repeat(5_000),
            "<div>".repeat(5_000)
        );
        assert_eq!(changed(&s), None);
        // A block closes an open paragraph.
        let pd = format!("<body>{}</body>", "<p>x<div>y</div>".repeat(5_000));
        assert_eq!(changed(&pd), None);
        // The same formatting element left open is reopened at most three
        // times over.
        let f = format!("<body>{}</body>", "<p><font face=x>text".repeat(5_000));
        assert_eq!(changed(&f), None);
    }

    #[test]
    fn deep_nesting_is_flattened_with_its_text() {
        let f = cap_depth(&nested("<div>", "</div>", 5_000)).unwrap();
        assert_eq!((f.removed, f.depth), (5_000 + 2 - MAX_DEPTH, 5_002));
        assert!(f.page.contains("deep text"));
        assert_eq!(f.page.matches("<div>").count(), MAX_DEPTH - 2);
        assert_eq!(f.page.matches("</div>").count(), MAX_DEPTH - 2);
        // Unclosed, and upper case.
        let f = cap_depth(&format!("<BODY>{}x", "<DIV class='a>b'>".repeat(10_000))).unwrap();
        assert_eq!(f.removed, 10_001 - MAX_DEPTH);
        assert!(f.page.ends_with('x'));
        // Words on either side of a removed block stay apart.
        let f = cap_depth(&format!("{}a<div>b</div>", "<div>".repeat(MAX_DEPTH))).unwrap();
        assert!(f.page.ends_with("a b "), "{}", &f.page[f.page.len() - 20..]);
    }

    #[test]
    fn end_tags_the_parser_ignores_do_not_reduce_depth() {
        // A `</span>` cannot close a span outside the table cell, and
        // formatting elements with distinct attributes reopen after a
        // block closes them: both nest as deep as the tags say.
        let cells = format!("<body>{}", "<span><table><tr><td></span>".repeat(1_000));
        assert!(changed(&cells).is_some_and(|(removed, _)| removed > 0));
        let reopened: String = (0..1_000)
            .map(|i| format!("<div><b id={i}>x</div>"))
            .collect();
        assert!(changed(&format!("<body>{reopened}")).is_some());
    }

    #[test]
    fn text_after_a_deep_block_stays_where_it_was() {
        let page = format!(
            "<body><div>{}inner{}</div><p>after</p></body>",
            "<div>".repeat(1_000),
            "</div>".repeat(1_000)
        );
        let f = cap_depth(&page).unwrap();
        assert!(f.page.ends_with("</div><p>after</p></body>"));
    }

    #[test]
    fn real_pages_are_left_alone() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpora/html-articles/html"
        );
        let pages = std::fs::read_dir(dir).expect("the html-articles corpus (../shared/corpora)");
        let mut deepest = 0;
        for entry in pages.flatten() {
            let bytes = std::fs::read(entry.path()).unwrap();
            let page = String::from_utf8_lossy(&bytes);
            assert_eq!(changed(&page), None, "{}", entry.path().display());
            deepest = deepest.max(scan(&page, usize::MAX).2);
        }
        eprintln!("deepest page: {deepest} levels");
        assert!(deepest <= MAX_DEPTH / 2, "{deepest}");
    }
}
