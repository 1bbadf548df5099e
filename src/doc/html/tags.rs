//! A forgiving scanner over a page's start tags (for the metadata) and
//! character-reference decoding.

/// Character references (named ones common in news pages, decimal and
/// hex); references to control characters other than a newline (the wire's
/// `&#2;`, `&#3;`) are dropped. Used for HTML attributes and `<title>`, and
/// for Reuters SGML bodies.
pub(in crate::doc) fn unescape(s: &str) -> String {
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
pub(super) struct Tag<'a> {
    pub(super) name: String,
    attrs: &'a str,
    end: usize,
}

impl<'a> Tag<'a> {
    /// The value of attribute `key` (case-insensitive), unquoted.
    pub(super) fn attr(&self, key: &str) -> Option<&'a str> {
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
    pub(super) fn inner(&self, page: &'a str) -> &'a str {
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
pub(super) struct Tags<'a> {
    page: &'a str,
    at: usize,
}

impl<'a> Tags<'a> {
    pub(super) fn new(page: &'a str) -> Self {
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

    #[test]
    fn entities() {
        assert_eq!(
            unescape("Tom &amp; Jerry&#8217;s &#x41; &bogus;"),
            "Tom & Jerry\u{2019}s A &bogus;"
        );
    }
}
