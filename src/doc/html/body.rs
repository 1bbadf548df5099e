//! The article body: Readability's choice on a page stripped of share,
//! newsletter, related-link and comment blocks, checked against the body
//! the page declares, cleaned on its DOM, then split into paragraphs with
//! widget labels, menu soup and repeated blocks dropped.

use super::title::same_text;

/// Readability's article for a page's DOM, classes kept for
/// [`cleaned_text`].
pub(super) fn readable(dom: dom_query::Document) -> Option<dom_smoothie::Article> {
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
pub(super) fn body_text(article: &dom_smoothie::Article, declared: Option<&str>) -> String {
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
pub(super) fn declared_body(dom: &dom_query::Document) -> Option<String> {
    let sel = dom.select(DECLARED_BODY);
    let best = sel.nodes().iter().max_by_key(|n| n.text().len())?;
    Some(best.html().to_string())
}

/// Removes the [`BOILERPLATE`] blocks of a page before Readability scores
/// it. A block is kept when it holds an article (a declared body, an
/// `<article>`, an `<h1>`) or half of the page's paragraph text or more:
/// a class name like `social-article` must not cost the article.
pub(super) fn strip_boilerplate(dom: &dom_query::Document) {
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
pub(super) fn paragraphs_of(text: &str, title: Option<&str>) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
