//! Pass 2: the header (see the module doc of [`super`]). From the top,
//! lines are read as metadata (debris, lead bullets, bylines, printed
//! dates) or as the headline, until the first line that is neither.

use crate::doc::boilerplate::{self, Debris};
use crate::doc::{byline, dateline, transcript};

use super::whitespace::collapse_ws;
use super::{word_count, Line, Parser, Role, LONG_LINE};

/// A lead bullet: "• text", "● text", "- text", "* text".
fn bullet(line: &str) -> Option<&str> {
    let mut cs = line.chars();
    let c = cs.next()?;
    let rest = cs.as_str();
    let marker = matches!(
        c,
        '•' | '●' | '▪' | '■' | '◦' | '‣' | '►' | '▶' | '✓' | '✔' | '·'
    ) || (matches!(c, '-' | '*' | '–') && rest.starts_with(' '));
    let rest = rest.trim();
    (marker && !rest.is_empty() && rest.len() <= 400).then_some(rest)
}

/// Whether a line reads like a headline (see the module doc).
fn headline_like(line: &str, next_blank: bool) -> bool {
    if line.len() > 300 {
        return false;
    }
    let words = word_count(line);
    if !(2..=30).contains(&words) {
        return false;
    }
    let Some(first) = line.chars().next() else {
        return false;
    };
    // "iTunes now selling ...": a lower-case start needs a capital inside
    // the first word.
    if first.is_lowercase()
        && !line
            .split_whitespace()
            .next()
            .is_some_and(|w| w.chars().any(char::is_uppercase))
    {
        return false;
    }
    let last = line.chars().last().unwrap_or(' ');
    if matches!(last, ',' | ':' | '-' | '–' | '—') {
        return false;
    }
    // A period ends sentences more often than headlines: accept it on a
    // short line followed by a blank line, or on a title-cased one.
    if last == '.' && !line.ends_with("...") && !(next_blank && (words <= 20 || title_cased(line)))
    {
        return false;
    }
    if dateline::parse_dateline(line).is_some() {
        return false;
    }
    true
}

/// Whether most words of four letters or more are capitalized ("Glenn Beck
/// Blasts Drudge for Mocking His Fast").
fn title_cased(line: &str) -> bool {
    let mut long = 0;
    let mut caps = 0;
    for w in line.split_whitespace() {
        let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
        if w.chars().count() >= 4 {
            long += 1;
            if w.chars().next().is_some_and(char::is_uppercase) {
                caps += 1;
            }
        }
    }
    long >= 3 && caps * 10 >= long * 7
}

/// Whether lines `from..` hold a speaker label among their first 60
/// non-blank lines (the document is a transcript with no headline).
fn transcript_ahead(lines: &[Line<'_>], from: usize) -> bool {
    lines[from..]
        .iter()
        .filter(|l| l.role != Role::Blank)
        .take(60)
        .filter(|l| transcript::speaker_label(l.text).is_some())
        .count()
        >= 1
}

impl Parser<'_> {
    /// Pass 2: the header. Returns the index of the first body line.
    pub(super) fn header(&mut self) -> usize {
        let mut i = 0;
        // One-word lines above the headline ("Politics", "World"): section
        // labels, boilerplate once a headline follows them.
        let mut section_labels: Vec<usize> = Vec::new();
        while i < self.lines.len() {
            let line = self.lines[i];
            if line.role == Role::Blank {
                i += 1;
                continue;
            }
            if line.text.len() > LONG_LINE {
                break;
            }
            let role = match self.header_metadata(line.text) {
                Some(role) => role,
                None => match self.headline_or_label(i, &mut section_labels) {
                    Some(role) => role,
                    None => break,
                },
            };
            self.lines[i].role = role;
            i += 1;
        }
        self.unlabel_sections(&section_labels, i)
    }

    /// A metadata line of the header (debris, a lead bullet, a byline, a
    /// printed date), read into [`Parser::meta`]; its role, or `None`.
    fn header_metadata(&mut self, text: &str) -> Option<Role> {
        if let Some(d) = boilerplate::classify(text) {
            self.take_debris(&d);
            return Some(if d == Debris::Separator {
                Role::Separator
            } else {
                Role::Boiler
            });
        }
        if let Some(b) = bullet(text) {
            self.meta.lead.push(collapse_ws(b));
            return Some(Role::Lead);
        }
        if let Some(b) = byline::parse_byline(text) {
            self.take_byline(b);
            return Some(Role::Byline);
        }
        let d = dateline::parse_date_line(text)?;
        Some(match d.iso() {
            Some(iso) if self.meta.printed_date.is_none() => {
                self.meta.printed_date = Some((iso, text.to_string()));
                Role::Date
            }
            Some(_) => Role::Date,
            None => {
                if self.meta.untrusted_date.is_none() {
                    self.meta.untrusted_date = Some(text.to_string());
                }
                Role::Boiler
            }
        })
    }

    /// Line `i` as the headline (the caller's, or the first line that
    /// looks like one) or as a section label above it; its role, or `None`
    /// when the header ends here.
    fn headline_or_label(&mut self, i: usize, section_labels: &mut Vec<usize>) -> Option<Role> {
        let line = self.lines[i];
        let text = line.text;
        if let Some(t) = &self.given_title {
            return (collapse_ws(text).to_lowercase() == t.to_lowercase()).then_some(Role::Title);
        }
        if self.meta.title.is_none()
            && text.len() <= 30
            && !text.contains(char::is_whitespace)
            && !self.lines[i + 1..].iter().all(|l| l.role == Role::Blank)
        {
            section_labels.push(i);
            return Some(Role::Boiler);
        }
        // "Arthur Hailey: King of the bestsellers" is a headline, but
        // "S.V. Lavrov: Dear colleagues!" opening a transcript is not.
        // In hard-wrapped text a headline stands alone: a first line
        // running on into the next is the start of a paragraph.
        let stands_alone = self.next_blank(i)
            || !self.wrapped
            || self
                .lines
                .get(i + 1)
                .is_some_and(|l| l.indented && !line.indented);
        // Headlines come before bylines: below one, a line ending in a
        // period is the article's first sentence.
        let after_byline =
            self.meta.title.is_none() && self.lines[..i].iter().any(|l| l.role == Role::Byline);
        if self.meta.title.is_none()
            && stands_alone
            && !(after_byline && text.ends_with('.'))
            && headline_like(text, self.next_blank(i))
            && !(transcript::speaker_label(text)
                .is_some_and(|(label, _)| transcript::is_formal_label(&label))
                && transcript_ahead(&self.lines, i + 1))
        {
            self.meta.title = Some(collapse_ws(text.trim_end_matches(';')));
            return Some(Role::Title);
        }
        None
    }

    /// With no headline found, the section labels were body after all:
    /// the body starts at the first of them. Returns the first body line.
    fn unlabel_sections(&mut self, section_labels: &[usize], header_end: usize) -> usize {
        if self.meta.title.is_none() {
            if let Some(&first) = section_labels.first() {
                for &k in section_labels {
                    self.lines[k].role = Role::Body;
                }
                return first.min(header_end);
            }
        }
        header_end
    }
}
