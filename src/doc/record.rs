//! Structured records (JSON, JSON Lines, CSV rows, Reuters SGML, HTML
//! metadata) to [`Document`]s.
//!
//! Every structured importer reduces an item to a [`Record`]: the fields it
//! found, by role. Field names are matched case-insensitively against the
//! aliases in [`Role::of`] ("headline" is a title, "publish_date" a date,
//! "byline" the authors...). [`Record::into_document`] then runs the body
//! through the plain-text parser, so a record's paragraphs and boilerplate
//! are split exactly like a `.txt` article's, and lays the record's own
//! metadata over what the parser guessed. Dates are normalized to
//! `YYYY-MM-DD` by [`normalize_date`] when they can be read.

use super::{parse_body, DateInfo, Document};
use crate::error::{Error, Result};
use crate::vocab::{Date, DateSource, DATE_CONFIDENCE};

/// The part a named field plays in a news record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The headline.
    Title,
    /// The article body.
    Text,
    /// A summary, used as the body only when there is no body.
    Summary,
    /// The publication date.
    Date,
    /// The outlet.
    Outlet,
    /// The outlet's section ("sport", a category or desk).
    Section,
    /// The source address.
    Url,
    /// The byline.
    Authors,
    /// The language code.
    Lang,
}

impl Role {
    /// The role of a field named `key` (case-insensitive; `-`, `_`, space
    /// and dots are ignored), or `None` for fields Lede does not use.
    pub(crate) fn of(key: &str) -> Option<Role> {
        let k: String = key
            .chars()
            .filter(|c| !matches!(c, '_' | '-' | ' ' | '.'))
            .flat_map(char::to_lowercase)
            .collect();
        Some(match k.as_str() {
            "title" | "headline" | "head" | "name" => Role::Title,
            "text" | "body" | "content" | "article" | "articlebody" | "maintext" | "fulltext"
            | "story" => Role::Text,
            "description" | "summary" | "abstract" | "lead" | "subtitle" => Role::Summary,
            "date" | "published" | "publishdate" | "pubdate" | "publishedat" | "datepublished"
            | "publicationdate" | "publishedtime" | "datetime" | "created" | "createdat"
            | "time" | "timestamp" => Role::Date,
            "source" | "outlet" | "publisher" | "site" | "sitename" | "sourcename"
            | "newspaper" | "publication" | "domain" => Role::Outlet,
            "section" | "category" | "desk" | "rubric" => Role::Section,
            "url" | "link" | "articlesourcelink" | "sourceurl" | "href" | "permalink" => Role::Url,
            "author" | "authors" | "byline" | "creator" | "writer" | "writers" => Role::Authors,
            "lang" | "language" => Role::Lang,
            _ => return None,
        })
    }
}

/// The fields of one structured item, by role. Empty strings count as
/// absent.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Record {
    /// The headline.
    pub title: Option<String>,
    /// The body, paragraphs separated by blank lines or newlines.
    pub text: Option<String>,
    /// A summary or subtitle; the body when there is no other.
    pub summary: Option<String>,
    /// The date as written.
    pub date: Option<String>,
    /// The outlet.
    pub outlet: Option<String>,
    /// The section.
    pub section: Option<String>,
    /// The source address.
    pub url: Option<String>,
    /// The authors, in order.
    pub authors: Vec<String>,
    /// The language code.
    pub lang: Option<String>,
}

impl Record {
    /// Sets the field of `role` to `value` unless it is already set (the
    /// first field of a role wins) or `value` is blank.
    pub(crate) fn set(&mut self, role: Role, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        let slot = match role {
            Role::Title => &mut self.title,
            Role::Text => &mut self.text,
            Role::Summary => &mut self.summary,
            Role::Date => &mut self.date,
            Role::Outlet => &mut self.outlet,
            Role::Section => &mut self.section,
            Role::Url => &mut self.url,
            Role::Lang => &mut self.lang,
            Role::Authors => {
                if self.authors.is_empty() {
                    self.authors = split_authors(value);
                }
                return;
            }
        };
        if slot.is_none() {
            *slot = Some(value.to_string());
        }
    }

    /// Sets a field by its name; unknown names are ignored.
    pub(crate) fn set_named(&mut self, key: &str, value: &str) {
        if let Some(role) = Role::of(key) {
            self.set(role, value);
        }
    }

    /// Whether the record has neither a body, a summary nor a title.
    pub(crate) fn is_empty(&self) -> bool {
        self.text.is_none() && self.summary.is_none() && self.title.is_none()
    }

    /// Builds the document `file`: the headline and body go through the
    /// plain-text parser (paragraphs, boilerplate, transcript turns), then
    /// the record's metadata replaces the parser's guesses. A record with
    /// no title and no body is [`Error::Empty`].
    pub(crate) fn into_document(self, file: &str) -> Result<Document> {
        let body = self.text.clone().or_else(|| self.summary.clone());
        let title = self.title.as_deref().map(one_line);
        let source = match (&title, &body) {
            (_, Some(b)) => b.trim().to_string(),
            (Some(t), None) => t.clone(),
            (None, None) => {
                return Err(Error::Empty {
                    name: file.to_string(),
                })
            }
        };
        // A known headline is not searched for: the body is parsed as a
        // body (a line repeating the headline is left out of it).
        let given = if body.is_some() {
            title.as_deref()
        } else {
            None
        };
        let mut doc = parse_body(file, source, given);
        doc.file = file.to_string();
        if let Some(t) = title {
            doc.title = Some(t);
        } else if doc.paragraphs.is_empty() {
            // No headline field, and the parser took the whole body for a
            // headline: a one-paragraph body is a body.
            if let Some(t) = doc.title.take() {
                doc.paragraphs.push(t);
            }
        }
        if title_only(&doc, &body) {
            doc.paragraphs.clear();
        }
        if let Some(o) = self.outlet {
            doc.outlet = Some(o);
        }
        if let Some(s) = self.section {
            doc.section = Some(s);
        }
        if !self.authors.is_empty() {
            doc.authors = self.authors;
        }
        if let Some(d) = self.date {
            match normalize_date(&d) {
                Some(iso) => {
                    doc.date = Some(iso);
                    doc.date_info = Some(DateInfo {
                        source: DateSource::Metadata,
                        confidence: DATE_CONFIDENCE.record,
                        evidence: format!("record date '{}'", d.trim()),
                    });
                }
                None => doc.untrusted_date = Some(d),
            }
        }
        if let Some(u) = self.url {
            doc.url = Some(u);
        }
        if let Some(l) = self.lang {
            let l = l.trim().to_ascii_lowercase();
            let code: String = l.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
            if (2..=3).contains(&code.len()) {
                doc.lang = code;
            }
        }
        Ok(doc)
    }
}

fn title_only(doc: &Document, body: &Option<String>) -> bool {
    body.is_none()
        && doc
            .paragraphs
            .iter()
            .all(|p| Some(p.trim()) == doc.title.as_deref())
}

/// Collapses the whitespace of a headline to single spaces.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits a byline into names: "By A and B", "A, B; C", "A | B".
pub(crate) fn split_authors(byline: &str) -> Vec<String> {
    let mut s = one_line(byline);
    // A photo or video credit is not a byline.
    let lower = s.to_lowercase();
    if ["photo", "image", "video", "illustration", "graphic"]
        .iter()
        .any(|w| lower.starts_with(w))
    {
        return Vec::new();
    }
    for prefix in ["written by ", "posted by ", "by: ", "by ", "from "] {
        if lower.starts_with(prefix) {
            s = s[prefix.len()..].to_string();
            break;
        }
    }
    // "December 17, 2014 at 08:01PM EST by Rachel Chang": the names follow
    // the last "by".
    if let Some(i) = s.to_lowercase().rfind(" by ") {
        if s[..i].chars().any(|c| c.is_ascii_digit()) {
            s = s[i + 4..].to_string();
        }
    }
    // Names hold no digits: "Alex Tanzi 2014-09-30T14:00", "CH Contributor
    // on 04 December 2014", "Jessica Vince - 29 December 2014" end before
    // the date.
    if let Some(i) = s
        .split_whitespace()
        .position(|w| w.starts_with(|c: char| c.is_ascii_digit()))
    {
        let kept: Vec<&str> = s.split_whitespace().take(i).collect();
        let mut kept = kept.as_slice();
        while let Some((last, rest)) = kept.split_last() {
            let l = last.to_lowercase();
            if matches!(
                l.as_str(),
                "on" | "-" | "–" | "—" | "|" | "at" | "updated" | "published" | "posted"
            ) {
                kept = rest;
            } else {
                break;
            }
        }
        s = kept.join(" ");
    }
    let mut out: Vec<String> = Vec::new();
    for part in s.split([',', ';', '|', '&', '\n']) {
        for name in part.split(" and ") {
            let name = name.trim().trim_matches(|c: char| c == '.' || c == '"');
            // "Marah Eakin@marahe": a handle glued to the name.
            let name = match name.find('@') {
                Some(i) if i > 0 && name[..i].contains(' ') => name[..i].trim(),
                _ => name,
            };
            if name.is_empty() || name.len() > 80 || !is_author_like(name) {
                continue;
            }
            // "Reuters", "Staff" and the like are kept: they are bylines too.
            if !out.iter().any(|o| o.eq_ignore_ascii_case(name)) {
                out.push(name.to_string());
            }
        }
    }
    out
}

/// Whether a byline piece can be an author: not an e-mail address, a
/// handle, a URL, a number ("296554", a CMS id) or a form label ("Name *").
fn is_author_like(name: &str) -> bool {
    let lower = name.to_lowercase();
    name.chars().any(char::is_alphabetic)
        && !crate::text::calendar::is_calendar_word(name)
        && !name.contains(['@', '*', '/', '<', '>', '='])
        && !lower.starts_with("www.")
        && !lower.starts_with("http")
}

fn month_of(word: &str) -> Option<u32> {
    crate::text::calendar::month_number(word).map(u32::from)
}

fn valid(y: i64, m: u32, d: u32) -> Option<String> {
    if !(1000..=2999).contains(&y) {
        return None;
    }
    Date::new(y as i32, m, d).map(|d| d.to_string())
}

/// Normalizes a written date to `YYYY-MM-DD`, or `None` when it cannot be
/// read without guessing.
///
/// Reads ISO 8601 ("2017-02-07", "2017-02-07T10:00:00Z"), slashed year-first
/// ("2017/2/7"), compact ("20170207"), day-month-year with a month name
/// ("7 Feb 2017", "26-FEB-1987 15:01:01.79", RFC 2822 "Tue, 07 Feb 2017"),
/// month-day-year ("February 7, 2017"), US numeric "2/7/2017" (month
/// first, unless the first number is over 12), and Unix timestamps in
/// seconds or milliseconds.
pub(crate) fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 100 {
        return None;
    }
    // Unix timestamps.
    if s.chars().all(|c| c.is_ascii_digit()) && (s.len() == 10 || s.len() == 13) {
        let mut secs: i64 = s.parse().ok()?;
        if s.len() == 13 {
            secs /= 1000;
        }
        return Some(Date::from_days(secs.div_euclid(86_400)).to_string());
    }
    // ISO's "2017-02-07T10:00": a T between digits separates date and time.
    let chars: Vec<char> = s.chars().collect();
    let s: String = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let digit_at = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(char::is_ascii_digit)
            };
            if c == 'T' && digit_at(i.checked_sub(1)) && digit_at(Some(i + 1)) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '-' | '.'))
        .filter(|t| !t.is_empty())
        .collect();
    let num = |t: &str| -> Option<i64> {
        (t.chars().all(|c| c.is_ascii_digit()) && t.len() <= 4)
            .then(|| t.parse().ok())
            .flatten()
    };
    // Compact 20170207.
    if let Some(first) = tokens.first() {
        if first.len() == 8 && first.chars().all(|c| c.is_ascii_digit()) {
            let y = first[..4].parse().ok()?;
            let m = first[4..6].parse().ok()?;
            let d = first[6..8].parse().ok()?;
            return valid(y, m, d);
        }
    }
    // Year first: 2017-02-07, 2017/2/7.
    if tokens.len() >= 3 {
        if let (Some(a), Some(b), Some(c)) = (num(tokens[0]), num(tokens[1]), num(tokens[2])) {
            if tokens[0].len() == 4 {
                return valid(a, b as u32, c as u32);
            }
            if tokens[2].len() == 4 {
                // 2/7/2017: month first unless impossible.
                if a > 12 {
                    return valid(c, b as u32, a as u32);
                }
                return valid(c, a as u32, b as u32);
            }
            return None;
        }
    }
    // With a month name: find it, a day (1..=31) and a 4-digit year.
    let mi = tokens.iter().position(|t| month_of(t).is_some())?;
    let m = month_of(tokens[mi])?;
    let year_i = tokens
        .iter()
        .position(|t| t.len() == 4 && num(t).is_some())?;
    let y = num(tokens[year_i])?;
    let day_tok = |t: &str| -> Option<u32> {
        let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let d: u32 = (digits.len() <= 2 && !digits.is_empty())
            .then(|| digits.parse().ok())
            .flatten()?;
        (1..=31).contains(&d).then_some(d)
    };
    let d = tokens
        .get(mi + 1)
        .filter(|_| mi + 1 != year_i)
        .and_then(|t| day_tok(t))
        .or_else(|| mi.checked_sub(1).and_then(|i| day_tok(tokens[i])))?;
    valid(y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_normalize() {
        for (input, want) in [
            ("2017-02-07", "2017-02-07"),
            ("2017-02-07T10:11:12+03:00", "2017-02-07"),
            ("2017/2/7", "2017-02-07"),
            ("20170207", "2017-02-07"),
            ("7 Feb 2017", "2017-02-07"),
            ("26-FEB-1987 15:01:01.79", "1987-02-26"),
            ("19-OCT-1987 20:59:16.05", "1987-10-19"),
            ("Oct 2, 2014", "2014-10-02"),
            ("Tue, 07 Feb 2017 10:00:00 GMT", "2017-02-07"),
            ("February 7, 2017", "2017-02-07"),
            ("Dec. 21st, 2021", "2021-12-21"),
            ("2/7/2017", "2017-02-07"),
            ("25/12/2021", "2021-12-25"),
            ("1486425600", "2017-02-07"),
            ("1486425600000", "2017-02-07"),
        ] {
            assert_eq!(normalize_date(input).as_deref(), Some(want), "{input}");
        }
        for bad in [
            "",
            "yesterday",
            "2017-13-01",
            "Feb 30, 2017",
            "mayor 2017 3",
        ] {
            assert_eq!(normalize_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn roles_are_case_insensitive() {
        assert_eq!(Role::of("Headline"), Some(Role::Title));
        assert_eq!(Role::of("publish_date"), Some(Role::Date));
        assert_eq!(Role::of("article_source_link"), Some(Role::Url));
        assert_eq!(Role::of("BYLINE"), Some(Role::Authors));
        assert_eq!(Role::of("article_id"), None);
    }

    #[test]
    fn authors_are_names_not_ids_or_addresses() {
        assert_eq!(split_authors("Marah Eakin@marahe"), vec!["Marah Eakin"]);
        assert_eq!(
            split_authors("Lucy Berry | lberry@al.com"),
            vec!["Lucy Berry"]
        );
        assert!(split_authors("296554").is_empty());
        assert!(split_authors("Name *").is_empty());
        assert!(split_authors("http://example.com/staff/jane").is_empty());
        assert_eq!(
            split_authors("Steve Matthews and Alex Tanzi 2014-09-30T14:20"),
            vec!["Steve Matthews", "Alex Tanzi"]
        );
        assert_eq!(
            split_authors("CH Contributor on 04 December 2014"),
            vec!["CH Contributor"]
        );
        assert_eq!(
            split_authors("Jessica Vince - 29 December 2014 Digital"),
            vec!["Jessica Vince"]
        );
        assert_eq!(split_authors("By: Sean Griffin"), vec!["Sean Griffin"]);
        assert_eq!(
            split_authors("December 17,2014 at 08:01PM EST by Rachel Chang"),
            vec!["Rachel Chang"]
        );
        assert_eq!(split_authors("Diana Yen, December 22"), vec!["Diana Yen"]);
        assert!(split_authors("Photo by: The Associated Press").is_empty());
    }

    #[test]
    fn authors_split() {
        assert_eq!(
            split_authors("By Jane Doe and John Smith"),
            vec!["Jane Doe", "John Smith"]
        );
        assert_eq!(split_authors("A. B; C D"), vec!["A. B", "C D"]);
    }

    #[test]
    fn record_becomes_document() {
        let mut r = Record::default();
        r.set_named("Headline", "Talks  end\nin Geneva");
        r.set_named("body", "First paragraph.\n\nSecond paragraph.");
        r.set_named("pubDate", "Jan 10, 2022");
        r.set_named("publisher", "Example News");
        r.set_named("Category", "Business");
        r.set_named("authors", "By A. Writer");
        let d = r.into_document("x.json#1").unwrap();
        assert_eq!(d.file, "x.json#1");
        assert_eq!(d.title.as_deref(), Some("Talks end in Geneva"));
        assert_eq!(d.date.as_deref(), Some("2022-01-10"));
        assert_eq!(d.outlet.as_deref(), Some("Example News"));
        assert_eq!(d.section.as_deref(), Some("Business"));
        assert_eq!(d.authors, vec!["A. Writer"]);
        assert!(d.text().contains("First paragraph."));
        assert!(d.text().contains("Second paragraph."));
        assert!(!d.text().contains("Geneva"));
        assert!(matches!(
            Record::default().into_document("e"),
            Err(Error::Empty { .. })
        ));
    }
}
