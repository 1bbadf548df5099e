//! Titles as pages print them: a site name before or after the headline
//! ("Headline | Site", "Outlet.com - Headline"), a title escaped twice.

use super::tags::unescape;

/// "Headline | Site" / "Headline - Site": drop the site part when it is
/// the outlet or clearly shorter than the headline.
pub(super) fn strip_site_suffix(title: &str, outlet: Option<&str>) -> String {
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
pub(super) fn split_site_suffix(title: &str) -> (String, Option<String>) {
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
pub(super) fn strip_outlet_prefix(title: &str, outlet: &str) -> String {
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
pub(super) fn unescape_again(s: &str) -> String {
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
pub(super) fn strip_outlet_suffix(title: &str, outlet: &str) -> String {
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

/// Whether `a` and `b` have the same letters and digits, ignoring case.
pub(super) fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    norm(a) == norm(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_suffix() {
        assert_eq!(
            strip_outlet_suffix("How It Works | WIRED", "Wired"),
            "How It Works"
        );
        assert_eq!(strip_outlet_suffix("A - B", "C"), "A - B");
        assert_eq!(
            strip_site_suffix("A long headline about talks - BBC News", None),
            "A long headline about talks"
        );
    }
}
