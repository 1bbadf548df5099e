//! Boilerplate line classification.
//!
//! Web pages saved as text carry the site around the article: share-button
//! rows, comment forms, "Related Posts", "See also" + another headline,
//! "Source: " + a URL, photo credits, separators. [`classify`] looks at one
//! trimmed line and says which kind of debris it is, if any; the parser
//! moves such lines to [`crate::Document::boilerplate`] (never dropping
//! them) and reads the metadata some of them carry (the source URL, the
//! credited agency).
//!
//! Every rule looks at one line only and costs time linear in its length;
//! long lines are never debris.

/// What kind of debris a line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Debris {
    /// A row of share buttons ("Google+ Pinterest LinkedIn Tumblr +", "Share.").
    Share,
    /// Comment-form and comment-count lines ("Leave A Reply", "No comments:").
    Comments,
    /// Site navigation and page furniture ("All news", "Advertisement").
    Navigation,
    /// A link to another article ("See also" + a headline, "READ MORE: ...").
    SeeAlso,
    /// A section separator ("***", "* * *", "———").
    Separator,
    /// A "Source: ..." line: the URL, or the named source when no URL.
    Source {
        /// The URL, when the line has one.
        url: Option<String>,
        /// The source as named ("TASS"), when there is no URL.
        name: Option<String>,
    },
    /// A credit line ("Credit | AA", "Photo: Reuters"); `agency` is the
    /// credited name when the line credits the text (not only a photo).
    Credit {
        /// The credited name, for text credits.
        agency: Option<String>,
    },
    /// A bare URL, e-mail address or copyright notice.
    Link,
    /// The start of the page's tail ("Related Posts", "You may also like"):
    /// what follows is other content, not the article.
    Related,
}

/// Lower-cases, collapses whitespace and strips trailing punctuation, for
/// matching short lines against phrase lists.
fn key(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut space = false;
    for c in line.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    let end = out
        .trim_end_matches(['.', ':', '!', '…', ' ', '»', '›', '>'])
        .len();
    out.truncate(end);
    out
}

/// Only this many leading bytes of a line are matched against phrase
/// prefixes; lines longer than that cannot be an exact-phrase match.
const KEY_BYTES: usize = 96;

/// The first [`KEY_BYTES`] bytes of `line` (on a char boundary).
fn head(line: &str) -> &str {
    let mut end = line.len().min(KEY_BYTES);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    &line[..end]
}

const SOCIAL: &[&str] = &[
    "facebook",
    "twitter",
    "google+",
    "google",
    "pinterest",
    "linkedin",
    "tumblr",
    "reddit",
    "whatsapp",
    "telegram",
    "vk",
    "vkontakte",
    "odnoklassniki",
    "email",
    "e-mail",
    "mail",
    "print",
    "share",
    "shares",
    "tweet",
    "messenger",
    "viber",
    "pocket",
    "flipboard",
    "skype",
    "sms",
    "copy",
    "link",
    "+",
    "|",
    "on",
    "this",
    "via",
    "x",
    "0",
];

fn is_share_row(k: &str) -> bool {
    let mut social = 0;
    for tok in k.split(|c: char| c.is_whitespace() || matches!(c, '|' | '/' | '·' | '•' | ',')) {
        let t = tok.trim_matches(|c: char| matches!(c, '.' | ':' | '!'));
        if t.is_empty() {
            continue;
        }
        if !SOCIAL.contains(&t) {
            return false;
        }
        if !matches!(
            t,
            "+" | "|" | "on" | "this" | "via" | "x" | "0" | "copy" | "link"
        ) {
            social += 1;
        }
    }
    social > 0
}

const COMMENTS_EXACT: &[&str] = &[
    "leave a reply",
    "leave a comment",
    "leave a reply cancel reply",
    "leave your comment",
    "add comment",
    "add a comment",
    "post a comment",
    "post comment",
    "no comments",
    "comments",
    "comment",
    "reply",
    "cancel reply",
    "comments are closed",
    "required fields are marked *",
    "newer post older post home",
    "newer post",
    "older post",
    "log in to reply",
    "login to comment",
    "show comments",
    "view comments",
    "join the discussion",
    "be the first to comment",
    "комментарии",
    "оставить комментарий",
    "добавить комментарий",
    "kommentare",
    "commentaires",
    "comentarios",
];

const COMMENTS_PREFIX: &[&str] = &[
    "your email address will not be published",
    "save my name, email, and website",
    "subscribe to: post comments",
    "you must be logged in to post a comment",
    "this site uses akismet",
    "notify me of",
];

const NAVIGATION_EXACT: &[&str] = &[
    "all news",
    "home",
    "news",
    "latest news",
    "top stories",
    "menu",
    "skip to content",
    "skip to main content",
    "advertisement",
    "advertising",
    "sponsored",
    "sponsored content",
    "back to top",
    "read more",
    "continue reading",
    "show more",
    "load more",
    "most read",
    "most popular",
    "trending",
    "trending now",
    "subscribe",
    "sign up",
    "sign in",
    "log in",
    "newsletter",
    "loading",
    "close",
    "search",
    "print this page",
    "print article",
    "font size",
    "listen to this article",
    "photo gallery",
    "video",
    "watch",
    "follow us",
    "topics",
    "tags",
    "share this",
    "share this article",
    "share this story",
    "like this",
    "like",
    "facebook comments",
    "previous article",
    "next article",
    "previous post",
    "next post",
    "prev",
    "next",
    "все новости",
    "главная",
    "новости",
    "лента новостей",
    "реклама",
    "поделиться",
    "подписаться",
    "alle nachrichten",
    "startseite",
    "werbung",
    "toutes les actualités",
    "accueil",
    "publicité",
    "todas las noticias",
    "portada",
    "publicidad",
];

const NAVIGATION_PREFIX: &[&str] = &[
    "tags:",
    "filed under",
    "categories:",
    "category:",
    "follow us on",
    "follow rt on",
    "subscribe to our",
    "sign up for our",
    "click here to",
    "all rights reserved",
    "copyright ©",
    "copyright (c)",
    "©",
    "(c) ",
    "share this:",
    "like this:",
    "previous article",
    "next article",
    "previous post",
    "next post",
    "you can follow",
];

const RELATED: &[&str] = &[
    "related posts",
    "related post",
    "related articles",
    "related article",
    "related stories",
    "related news",
    "related content",
    "related",
    "you may also like",
    "you might also like",
    "you may be interested in",
    "more from",
    "more stories",
    "more news",
    "more on this story",
    "recommended",
    "recommended for you",
    "read next",
    "what to read next",
    "popular posts",
    "recent posts",
    "latest posts",
    "other news",
    "также читайте",
    "читайте также",
];

const SEE_ALSO_PREFIX: &[&str] = &[
    "see also",
    "read also",
    "also read",
    "also see",
    "read more:",
    "read more -",
    "read more –",
    "read more —",
    "read more at",
    "more:",
    "related:",
    "watch:",
    "watch also",
    "listen:",
    "read:",
    "read next:",
    "recommended:",
    "don't miss:",
    "don’t miss:",
    "must read:",
    "also:",
    "читайте также",
];

const CREDIT_PREFIX: &[&str] = &[
    "credit",
    "credits",
    "photo credit",
    "image credit",
    "text credit",
    "source credit",
];

const CAPTION_PREFIX: &[&str] = &[
    "photo:",
    "photo :",
    "photos:",
    "photo by",
    "image:",
    "image by",
    "picture:",
    "pictured:",
    "file photo",
    "(photo",
    "[photo",
    "© photo",
    "photo/",
    "photo |",
    "getty images",
];

fn starts_with_any(k: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| k.starts_with(p))
}

/// Whether the line's lower-cased start matches the first word of any
/// debris prefix (a cheap necessary condition for a prefix match).
fn has_debris_prefix(line: &str) -> bool {
    let h = head(line);
    let mut end = h.len().min(24);
    while !h.is_char_boundary(end) {
        end -= 1;
    }
    let h = h[..end].to_lowercase();
    let source_words: &[&str] = &["source", "original", "via", "источник", "copyright"];
    COMMENTS_PREFIX
        .iter()
        .chain(NAVIGATION_PREFIX)
        .chain(SEE_ALSO_PREFIX)
        .chain(CREDIT_PREFIX)
        .chain(CAPTION_PREFIX)
        .chain(source_words)
        .any(|p| h.starts_with(p.split(' ').next().unwrap_or(p)))
}

/// Lines made only of character references ("&#3;", "&nbsp;"): leftovers
/// of markup.
fn is_entity_debris(line: &str) -> bool {
    let mut rest = line.trim();
    if rest.is_empty() || rest.len() > 64 || !rest.starts_with('&') {
        return false;
    }
    while let Some(r) = rest.strip_prefix('&') {
        let Some(end) = r.find(';') else {
            return false;
        };
        let name = &r[..end];
        if name.is_empty()
            || name.len() > 10
            || !name
                .trim_start_matches('#')
                .chars()
                .all(|c| c.is_ascii_alphanumeric())
        {
            return false;
        }
        rest = r[end + 1..].trim_start();
    }
    rest.is_empty()
}

/// A menu or breadcrumb row: three or more short items separated by "|",
/// "›", "»" or ">" ("Home | News | World", "Home > World > Europe").
fn is_menu_row(line: &str) -> bool {
    if line.len() > 200 {
        return false;
    }
    let seps = line
        .bytes()
        .filter(|&b| b == b'|' || b == b'>' || b == 0xC2 || b == 0xE2)
        .count();
    if seps < 2 {
        return false;
    }
    let items: Vec<&str> = line
        .split(['|', '›', '»', '>', '•', '·'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let seps = line.matches(['|', '›', '»', '>', '•', '·']).count();
    seps >= 2
        && items.len() >= 3
        && items.iter().all(|it| {
            it.split_whitespace().count() <= 3
                && !it.ends_with(['.', '!', '?'])
                && it.chars().next().is_some_and(|c| !c.is_lowercase())
        })
}

/// Whether a line is a separator: only `*`, `-`, `_`, `=`, `~`, `#`, `•`
/// and spaces, at least three marks ("***", "* * *") or one of "*", "#".
fn is_separator(line: &str) -> bool {
    let marks = line
        .chars()
        .filter(|c| {
            matches!(
                c,
                '*' | '-' | '_' | '=' | '~' | '#' | '•' | '·' | '—' | '–' | '+'
            )
        })
        .count();
    marks > 0
        && line.chars().all(|c| {
            c.is_whitespace()
                || matches!(
                    c,
                    '*' | '-' | '_' | '=' | '~' | '#' | '•' | '·' | '—' | '–' | '+'
                )
        })
}

/// The rest of a "Source: ..." line.
fn source_line(line: &str) -> Option<Debris> {
    if !line.starts_with(['s', 'S', 'o', 'O', 'v', 'V', 'и', 'И']) {
        return None;
    }
    let lower_head: String = line.chars().take(24).collect::<String>().to_lowercase();
    let prefixes = [
        "source:",
        "sources:",
        "source -",
        "source –",
        "source —",
        "source |",
        "originally published at",
        "originally published on",
        "originally published by",
        "original source:",
        "original article:",
        "via:",
        "источник:",
    ];
    let p = prefixes.iter().find(|p| lower_head.starts_with(*p))?;
    // The prefixes are ASCII or whole Cyrillic words: find the byte offset
    // of the prefix's end in the original line by char count.
    let n = p.chars().count();
    let start = line.char_indices().nth(n).map_or(line.len(), |(i, _)| i);
    let rest = line[start..].trim();
    if rest.is_empty() {
        return Some(Debris::Source {
            url: None,
            name: None,
        });
    }
    let url = rest
        .split_whitespace()
        .find(|w| super::outlet::host_of(w).is_some())
        .map(|w| w.trim_end_matches(['.', ',', ')', ';']).to_string());
    let name = if url.is_none() {
        // "Source: TASS", "Source: Russian Foreign Ministry" (short only)
        (rest.split_whitespace().count() <= 6).then(|| rest.trim_end_matches('.').to_string())
    } else {
        None
    };
    if url.is_none() && name.is_none() {
        return None;
    }
    Some(Debris::Source { url, name })
}

/// Classifies one trimmed line. `None` means the line may be article text.
pub(crate) fn classify(line: &str) -> Option<Debris> {
    let line = line.trim();
    if line.is_empty() || line.len() > 400 {
        return None;
    }
    if is_separator(line) {
        return Some(Debris::Separator);
    }
    if is_entity_debris(line) {
        return Some(Debris::Link);
    }
    if let Some(d) = sign_off(line) {
        return Some(d);
    }
    // Debris is short. A long line can only be debris through a known
    // prefix: check its first word before any costlier work.
    if line.len() > KEY_BYTES && !has_debris_prefix(line) {
        return None;
    }
    if let Some(s) = source_line(line) {
        return Some(s);
    }
    // Debris is short: exact phrases and share rows fit in the head; only
    // prefixes are looked for in longer lines.
    let short = line.len() <= KEY_BYTES;
    let k = key(head(line));
    if short && is_share_row(&k) {
        return Some(Debris::Share);
    }
    if is_menu_row(line) || is_copyright(&k) {
        return Some(Debris::Navigation);
    }
    let words = line.split_whitespace().take(41).count();
    if is_comments(&k, short, words) {
        return Some(Debris::Comments);
    }
    if short && RELATED.contains(&k.as_str()) {
        return Some(Debris::Related);
    }
    if (short && NAVIGATION_EXACT.contains(&k.as_str()))
        || (words <= 30 && NAVIGATION_PREFIX.iter().any(|p| k.starts_with(p)))
    {
        return Some(Debris::Navigation);
    }
    if words <= 40 && is_see_also(line, &k) {
        return Some(Debris::SeeAlso);
    }
    if words <= 12 {
        if let Some(c) = credit_line(line, &k) {
            return Some(c);
        }
    }
    if words <= 30 && starts_with_any(&k, CAPTION_PREFIX) {
        return Some(Debris::Credit { agency: None });
    }
    if words == 1 && is_link(line) {
        return Some(Debris::Link);
    }
    None
}

/// A wire service's sign-off line ("Reuter"; not "AP", which opens
/// sentences too): a credit to the agency.
fn sign_off(line: &str) -> Option<Debris> {
    if line.len() > 24 || line.contains(' ') {
        return None;
    }
    let a = super::outlet::agency(line)?;
    (line.chars().next().is_some_and(char::is_uppercase) && a != "AP").then(|| Debris::Credit {
        agency: Some(line.to_string()),
    })
}

/// "Copyright 2022 The Associated Press. All rights reserved." (`k` is
/// the line's [`key`]).
fn is_copyright(k: &str) -> bool {
    let Some(rest) = k.strip_prefix("copyright ") else {
        return false;
    };
    let next = rest.split_whitespace().next().unwrap_or("");
    next.starts_with('©')
        || next == "(c)"
        || (next.len() == 4 && next.bytes().all(|b| b.is_ascii_digit()))
}

/// A comment form or count ("Leave a Reply", "12 comments"); `k` is the
/// line's [`key`], `short` whether the line fits in it, `words` its word
/// count (up to 41).
fn is_comments(k: &str, short: bool, words: usize) -> bool {
    (short && COMMENTS_EXACT.contains(&k))
        || COMMENTS_PREFIX.iter().any(|p| k.starts_with(p))
        || (short
            && words <= 3
            && k.split_whitespace()
                .next()
                .is_some_and(|w| w.parse::<u32>().is_ok())
            && (k.ends_with("comments") || k.ends_with("comment") || k.ends_with("replies")))
}

/// "See also" and the like, followed by a separator or a capital: not
/// "see also how ..." inside a sentence.
fn is_see_also(line: &str, k: &str) -> bool {
    let Some(p) = SEE_ALSO_PREFIX.iter().find(|p| k.starts_with(*p)) else {
        return false;
    };
    let skip = p.split_whitespace().count();
    let next = line
        .split_whitespace()
        .skip(skip)
        .map(|w| w.trim_start_matches([':', '-', '–', '—', '|']))
        .find(|w| !w.is_empty());
    next.is_none_or(|w| {
        w.chars().next().is_some_and(|c| {
            c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '“' | '‘' | '«')
        })
    })
}

/// A credit line ("Credit | AA", "Photo credit: Reuters"): the credited
/// name, unless only a photo or image is credited.
fn credit_line(line: &str, k: &str) -> Option<Debris> {
    if !CREDIT_PREFIX.iter().any(|p| k.starts_with(p)) {
        return None;
    }
    let after_prefix = k
        .trim_start_matches(|c: char| c.is_alphabetic() || c == ' ')
        .chars()
        .next();
    if !matches!(after_prefix, Some('|' | ':' | '-' | '–')) {
        return None;
    }
    let agency = line
        .find(['|', ':', '-', '–'])
        .map(|i| line[i..].trim_start_matches(['|', ':', '-', '–']).trim())
        .filter(|a| !a.is_empty())
        .map(str::to_string);
    let photo_only = k.starts_with("photo") || k.starts_with("image");
    Some(Debris::Credit {
        agency: if photo_only { None } else { agency },
    })
}

/// A bare web address or e-mail address.
fn is_link(line: &str) -> bool {
    super::outlet::host_of(line).is_some()
        || (line.contains('@') && line.contains('.') && !line.starts_with('@'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_rows() {
        assert_eq!(
            classify("Google+ Pinterest LinkedIn Tumblr +"),
            Some(Debris::Share)
        );
        assert_eq!(classify("Share."), Some(Debris::Share));
        assert_eq!(classify("Facebook Twitter WhatsApp"), Some(Debris::Share));
        assert_eq!(classify("Share on Facebook"), Some(Debris::Share));
        assert_eq!(
            classify("Facebook said on Monday it would share data"),
            None
        );
    }

    #[test]
    fn comments_and_navigation() {
        for l in [
            "Leave A Reply",
            "Leave a Reply",
            "Your email address will not be published.",
            "No comments:",
            "Post a Comment",
            "12 comments",
        ] {
            assert_eq!(classify(l), Some(Debris::Comments), "{l}");
        }
        assert_eq!(classify("All news"), Some(Debris::Navigation));
        assert_eq!(classify("Related Posts"), Some(Debris::Related));
        assert_eq!(classify("Diplomatic track"), None);
    }

    #[test]
    fn see_also() {
        assert_eq!(
            classify("See also\u{a0} Scots paramedic sacked for attending musical rehearsals"),
            Some(Debris::SeeAlso)
        );
        assert_eq!(classify("READ MORE: Troops massed"), Some(Debris::SeeAlso));
        assert_eq!(classify("See also how the talks went."), None);
    }

    #[test]
    fn source_and_credit() {
        assert_eq!(
            classify("Source:\u{a0} https://www.mid.ru/ru/foreign_policy/news/1799823/"),
            Some(Debris::Source {
                url: Some("https://www.mid.ru/ru/foreign_policy/news/1799823/".into()),
                name: None
            })
        );
        assert_eq!(
            classify("Credit | AA"),
            Some(Debris::Credit {
                agency: Some("AA".into())
            })
        );
        assert_eq!(
            classify("Photo: Reuters"),
            Some(Debris::Credit { agency: None })
        );
        assert_eq!(classify("***"), Some(Debris::Separator));
        assert_eq!(
            classify("Home | News | World | Sport"),
            Some(Debris::Navigation)
        );
        assert_eq!(classify("Home › World › Europe"), Some(Debris::Navigation));
        assert_eq!(classify("Prices rose | fell | rose again."), None);
        assert_eq!(
            classify("Copyright 2022 The Associated Press. All rights reserved."),
            Some(Debris::Navigation)
        );
        assert_eq!(
            classify("Copyright law is old and it is complicated and long."),
            None
        );
        assert_eq!(classify("* * *"), Some(Debris::Separator));
        assert_eq!(classify("Credit card debt rose."), None);
    }
}
