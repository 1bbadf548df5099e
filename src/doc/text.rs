//! The plain-text news parser.
//!
//! Text saved from news sites is a headline buried in site furniture. The
//! parser reads it in four passes, each linear in the input:
//!
//! 1. **Lines.** The text is split into trimmed lines (LF, CRLF or bare
//!    CR), each remembering its byte offset in [`Document::source`].
//! 2. **Header.** From the top, lines are read as metadata or debris until
//!    the body starts: lead bullets ("• ..."), bylines ("By X and Y", "By
//!    Sputnik"), printed dates ("Published: 28 Jan 2022"; a date without a
//!    year, like a site header's "Friday, March 29", is kept as
//!    [`Document::untrusted_date`] and the line is boilerplate), navigation
//!    debris ("All news", menu rows, one-word section labels above the
//!    headline), and one headline: the first line that looks like one (2 to
//!    30 words, no clause punctuation at the end; a line ending in a period
//!    only when followed by a blank line and short or title-cased; in
//!    hard-wrapped text, only a line standing alone). When no line looks
//!    like a headline and lead bullets were found, the first bullet is the
//!    title (wire services print their headline as the first summary
//!    bullet); otherwise the title stays empty. A text made only of such
//!    metadata lines (a one-sentence record) is body instead.
//! 3. **Body.** Every other line is classified by
//!    [`super::boilerplate::classify`] (share rows, comment forms, "See
//!    also ...", "Source: ...", credits, separators, wire sign-offs like
//!    "Reuter"); wire credits ("Reporting by X; Editing by Y") give authors;
//!    a lone date on one of the last lines is the printed date; an author
//!    bio ("X is chief editor at Y ...") on the last lines or after the tail
//!    starts, and the lone name line above it, are boilerplate and give an
//!    author and an outlet. After the page's tail starts ("Related Posts",
//!    "Leave a Reply", "No comments:") with no long paragraph following,
//!    every remaining line is boilerplate. A lower-case line continuing an
//!    unfinished one ("... 1.5 dlrs a" / "share.") is always body.
//! 4. **Paragraphs.** Body lines become paragraphs: one line each, or, in
//!    hard-wrapped text, runs of lines separated by blank lines or
//!    indentation. The first paragraphs are checked for a wire dateline
//!    ("MOSCOW, January 28. /TASS/."): the prefix is cut off and kept in
//!    [`Document::dateline`], the rest of the paragraph stays. A standfirst
//!    printed between the headline and the dateline stays a body paragraph
//!    (it is article text, often repeated later). Speaker labels ("S.V.
//!    Lavrov:") start transcript [`Turn`]s when one speaker is labelled
//!    twice or three speakers are; a turn runs to the next label or
//!    separator ("***"). Sub-headings are kept as paragraphs and listed in
//!    [`Document::headings`].
//!
//! **Dates.** [`Document::date`] is set only from a dateline or a printed
//! date (header, byline or last lines) that has a year. A dateline without
//! a year ("January 28") gives no date here: guessing the year from years
//! mentioned in the text is unreliable (articles cite past events), so the
//! month and day are kept in [`Document::dateline`] for the dates stage,
//! which infers the year.
//!
//! **Outlet**, in order of trust: the dateline's agency ("/TASS/"), the
//! byline ("By Sputnik"), a known agency after the headline ("... -
//! Reuters"), a credit line ("Credit | AA" → Anadolu Agency), a "Source:"
//! line (its URL's host, through a small host table), an author bio ("...
//! editor at Plainsmen Post").
//!
//! Every line removed from the body is in [`Document::boilerplate`], in
//! page order; the headline, bylines, bullets, printed dates and the
//! dateline prefix are metadata and are not.

use super::boilerplate::{self, Debris};
use super::byline::{self, Byline};
use super::dateline::{self, Dateline};
use super::{decode, lang, outlet, DateInfo, Document, Turn};
use crate::error::Result;

/// Parses a plain-text news article from raw bytes (decoding first).
pub fn parse_text(name: &str, bytes: &[u8]) -> Result<Document> {
    let source = decode(name, bytes)?;
    Ok(parse_plain(name, source))
}

/// Parses an already-decoded plain-text news article. Never fails: text
/// with nothing recognisable gives a document with no title and whatever
/// paragraphs it has. [`Document::source`] is `source`, unchanged.
pub fn parse_plain(name: &str, source: String) -> Document {
    parse_body(name, source, None)
}

/// Parses an article body whose headline is already known (the title
/// column of a CSV record, an HTML page's `<h1>`): no headline is searched
/// for; a header line equal to `title` (ignoring case and spacing) is taken
/// as the repeated headline and left out of the body. With `title: None`
/// this is [`parse_plain`].
pub fn parse_body(name: &str, source: String, title: Option<&str>) -> Document {
    let mut doc = {
        let mut parser = Parser::new(&source);
        parser.given_title = title.map(collapse_ws).filter(|t| !t.is_empty());
        parser.run(name)
    };
    doc.source = source;
    doc
}

/// What a line turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Blank,
    Body,
    Title,
    Lead,
    Byline,
    Date,
    Boiler,
    /// A section separator: boilerplate that also ends a transcript turn.
    Separator,
}

#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// The line, trimmed.
    text: &'a str,
    /// Byte offset of `text` in the source.
    start: usize,
    /// Whether the raw line started with whitespace.
    indented: bool,
    role: Role,
}

/// A body paragraph under construction.
#[derive(Debug, Clone)]
struct Para {
    text: String,
    start: usize,
    /// A separator line came between this paragraph and the previous one.
    break_before: bool,
}

/// Metadata collected while reading lines.
#[derive(Debug, Default)]
struct Meta {
    title: Option<String>,
    lead: Vec<String>,
    authors: Vec<String>,
    byline_outlet: Option<String>,
    credit_outlet: Option<String>,
    source_outlet: Option<String>,
    bio_outlet: Option<String>,
    url: Option<String>,
    printed_date: Option<(String, String)>, // (iso, as printed)
    untrusted_date: Option<String>,
}

struct Parser<'a> {
    source: &'a str,
    lines: Vec<Line<'a>>,
    meta: Meta,
    /// Whether the text is hard-wrapped (paragraphs span several lines).
    wrapped: bool,
    /// The headline, when the caller knows it.
    given_title: Option<String>,
}

/// At most this many authors are kept (bounded work on hostile input).
const MAX_AUTHORS: usize = 32;

/// Lines longer than this are always body text (bounded work per line).
const LONG_LINE: usize = 600;

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

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
        .filter(|l| crate::doc::transcript::speaker_label(l.text).is_some())
        .count()
        >= 1
}

impl<'a> Parser<'a> {
    fn new(source: &'a str) -> Parser<'a> {
        let mut lines = Vec::new();
        let mut offset = 0;
        // Old Mac files end lines with a bare CR.
        let eol = if !source.contains('\n') && source.contains('\r') {
            '\r'
        } else {
            '\n'
        };
        for raw in source.split(eol) {
            let lead_ws = raw.len() - raw.trim_start().len();
            let text = raw.trim();
            lines.push(Line {
                text,
                start: offset + lead_ws,
                indented: lead_ws > 0 && !text.is_empty(),
                role: if text.is_empty() {
                    Role::Blank
                } else {
                    Role::Body
                },
            });
            offset += raw.len() + 1;
        }
        let mut p = Parser {
            source,
            lines,
            meta: Meta::default(),
            wrapped: false,
            given_title: None,
        };
        p.wrapped = p.hard_wrapped(0);
        p
    }

    fn next_blank(&self, i: usize) -> bool {
        self.lines.get(i + 1).is_none_or_blank()
    }

    /// Records what a debris line says (URL, credited agency).
    fn take_debris(&mut self, d: &Debris) {
        match d {
            Debris::Source { url, name } => {
                if let Some(u) = url {
                    if self.meta.url.is_none() {
                        self.meta.url = Some(u.clone());
                    }
                    if self.meta.source_outlet.is_none() {
                        self.meta.source_outlet = outlet::host_of(u).map(outlet::outlet_for_host);
                    }
                } else if let Some(n) = name {
                    if self.meta.source_outlet.is_none() {
                        self.meta.source_outlet = Some(
                            outlet::agency(n)
                                .map(str::to_string)
                                .unwrap_or_else(|| n.clone()),
                        );
                    }
                }
            }
            Debris::Credit { agency: Some(a) } if self.meta.credit_outlet.is_none() => {
                // A known agency code, or a short credited name.
                self.meta.credit_outlet = outlet::agency(a)
                    .map(str::to_string)
                    .or_else(|| (word_count(a) <= 4).then(|| a.clone()));
            }
            _ => {}
        }
    }

    /// Adds an author once; a page naming dozens is a list, not a byline.
    fn add_author(&mut self, name: String) {
        if self.meta.authors.len() < MAX_AUTHORS && !self.meta.authors.contains(&name) {
            self.meta.authors.push(name);
        }
    }

    fn take_byline(&mut self, b: Byline) {
        if let (Some(iso), None) = (b.date.and_then(|d| d.iso()), &self.meta.printed_date) {
            self.meta.printed_date = Some((iso, "byline".to_string()));
        }
        for a in b.authors {
            self.add_author(a);
        }
        if self.meta.byline_outlet.is_none() {
            self.meta.byline_outlet = b.outlet;
        }
    }

    /// The source offset of `rest`, the text left after cutting `cut`
    /// bytes (of whitespace-collapsed text) from a paragraph starting at
    /// `start`. Collapsing may have shortened the prefix ("Lavrov:\u{a0} "),
    /// so the text is looked for near `start + cut`; always a char boundary.
    fn locate(&self, start: usize, cut: usize, rest: &str) -> usize {
        let src = self.source;
        let mut end = (start + cut * 2 + 64).min(src.len());
        while !src.is_char_boundary(end) {
            end -= 1;
        }
        let mut n = rest.len().min(24);
        while !rest.is_char_boundary(n) {
            n -= 1;
        }
        let needle = rest[..n].split(' ').next().unwrap_or("");
        match src.get(start..end).and_then(|w| w.find(needle)) {
            Some(pos) if !needle.is_empty() => start + pos,
            _ => start,
        }
    }

    /// Pass 2: the header. Returns the index of the first body line.
    fn header(&mut self) -> usize {
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
            let text = line.text;
            if text.len() > LONG_LINE {
                break;
            }
            if let Some(d) = boilerplate::classify(text) {
                self.take_debris(&d);
                self.lines[i].role = if d == Debris::Separator {
                    Role::Separator
                } else {
                    Role::Boiler
                };
                i += 1;
                continue;
            }
            if let Some(b) = bullet(text) {
                self.meta.lead.push(collapse_ws(b));
                self.lines[i].role = Role::Lead;
                i += 1;
                continue;
            }
            if let Some(b) = byline::parse_byline(text) {
                self.take_byline(b);
                self.lines[i].role = Role::Byline;
                i += 1;
                continue;
            }
            if let Some(d) = dateline::parse_date_line(text) {
                match d.iso() {
                    Some(iso) if self.meta.printed_date.is_none() => {
                        self.meta.printed_date = Some((iso, text.to_string()));
                        self.lines[i].role = Role::Date;
                    }
                    Some(_) => self.lines[i].role = Role::Date,
                    None => {
                        if self.meta.untrusted_date.is_none() {
                            self.meta.untrusted_date = Some(text.to_string());
                        }
                        self.lines[i].role = Role::Boiler;
                    }
                }
                i += 1;
                continue;
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
            if let Some(t) = &self.given_title {
                if collapse_ws(text).to_lowercase() == t.to_lowercase() {
                    self.lines[i].role = Role::Title;
                    i += 1;
                    continue;
                }
                break;
            }
            if self.meta.title.is_none()
                && self.given_title.is_none()
                && text.len() <= 30
                && !text.contains(char::is_whitespace)
                && !self.lines[i + 1..].iter().all(|l| l.role == Role::Blank)
            {
                section_labels.push(i);
                self.lines[i].role = Role::Boiler;
                i += 1;
                continue;
            }
            // Headlines come before bylines: below one, a line ending in a
            // period is the article's first sentence.
            let after_byline =
                self.meta.title.is_none() && self.lines[..i].iter().any(|l| l.role == Role::Byline);
            if self.meta.title.is_none()
                && stands_alone
                && !(after_byline && text.ends_with('.'))
                && headline_like(text, self.next_blank(i))
                && !(crate::doc::transcript::speaker_label(text)
                    .is_some_and(|(label, _)| crate::doc::transcript::is_formal_label(&label))
                    && transcript_ahead(&self.lines, i + 1))
            {
                self.meta.title = Some(collapse_ws(text.trim_end_matches(';')));
                self.lines[i].role = Role::Title;
                i += 1;
                continue;
            }
            break;
        }
        if self.meta.title.is_none() {
            if let Some(&first) = section_labels.first() {
                for &k in &section_labels {
                    self.lines[k].role = Role::Body;
                }
                return first.min(i);
            }
        }
        i
    }

    /// Pass 3: body lines, debris, bios and the page tail.
    fn body(&mut self, from: usize) {
        let n = self.lines.len();
        let mut tail_marks = Vec::new();
        let mut body_seen = 0usize;
        // Index of the third-last non-blank line: bios live below it.
        let last_lines_from = (from..n)
            .rev()
            .filter(|&k| self.lines[k].role != Role::Blank)
            .nth(2)
            .unwrap_or(from);
        for i in from..n {
            let line = self.lines[i];
            if line.role != Role::Body {
                continue;
            }
            let text = line.text;
            if text.len() > LONG_LINE {
                body_seen += 1;
                continue;
            }
            // "...earned 1.5 dlrs a" + "share." is one sentence, not a share
            // button: a lower-case line continuing an open line is body.
            let continues = i > 0
                && self.lines[i - 1].role == Role::Body
                && !self.lines[i - 1]
                    .text
                    .ends_with(['.', '!', '?', '"', '”', ':', ';'])
                && text.starts_with(char::is_lowercase);
            if continues {
                body_seen += 1;
                continue;
            }
            if let Some(d) = boilerplate::classify(text) {
                self.take_debris(&d);
                if matches!(d, Debris::Related | Debris::Comments) {
                    tail_marks.push(i);
                }
                self.lines[i].role = if d == Debris::Separator {
                    Role::Separator
                } else {
                    Role::Boiler
                };
                continue;
            }
            if let Some(b) = byline::parse_credits(text) {
                self.take_byline(b);
                self.lines[i].role = Role::Byline;
                continue;
            }
            // A byline just under the header, or among the last lines.
            if (body_seen < 2 || i + 4 >= n) && text.len() <= 120 {
                if let Some(b) = byline::parse_byline(text) {
                    self.take_byline(b);
                    self.lines[i].role = Role::Byline;
                    continue;
                }
            }
            // A date alone on one of the last lines: the printed date
            // (not the end of an unfinished sentence: "...was around\nMay 22.").
            let finishes_sentence = i > 0
                && self.lines[i - 1].role == Role::Body
                && !self.lines[i - 1]
                    .text
                    .trim_end()
                    .ends_with(['.', '!', '?', ':', '"', '”', '’', ')']);
            if i >= last_lines_from && text.len() <= 80 && !finishes_sentence {
                if let Some(d) = dateline::parse_date_line(text) {
                    match d.iso() {
                        Some(iso) if self.meta.printed_date.is_none() => {
                            self.meta.printed_date = Some((iso, text.to_string()));
                            self.lines[i].role = Role::Date;
                        }
                        _ => {
                            if d.year.is_none() && self.meta.untrusted_date.is_none() {
                                self.meta.untrusted_date = Some(text.to_string());
                            }
                            self.lines[i].role = Role::Boiler;
                        }
                    }
                    continue;
                }
            }
            // An author bio in the last part of the page.
            if text.len() <= 400 && (i >= last_lines_from || !tail_marks.is_empty()) {
                if let Some((name, bio_outlet)) = byline::parse_bio(text) {
                    self.lines[i].role = Role::Boiler;
                    if let Some(prev) = (from..i).rev().find(|&k| self.lines[k].role != Role::Blank)
                    {
                        if self.lines[prev].role == Role::Body && self.lines[prev].text == name {
                            self.lines[prev].role = Role::Boiler;
                        }
                    }
                    self.add_author(name);
                    if self.meta.bio_outlet.is_none() {
                        self.meta.bio_outlet = bio_outlet;
                    }
                    continue;
                }
            }
            body_seen += 1;
        }
        // The tail: from the first tail marker after the last long body line.
        let last_long = (from..n).rev().find(|&k| {
            self.lines[k].role == Role::Body
                && self.lines[k].text.split_whitespace().take(41).count() > 40
        });
        if let Some(&t) = tail_marks
            .iter()
            .find(|&&t| last_long.is_none_or(|l| t > l))
        {
            for k in t + 1..n {
                if self.lines[k].role == Role::Body {
                    self.lines[k].role = Role::Boiler;
                }
            }
        }
    }

    /// Whether body lines look hard-wrapped (most lines inside a block do
    /// not end a sentence, and no line is long).
    fn hard_wrapped(&self, from: usize) -> bool {
        let mut internal = 0usize;
        let mut open = 0usize;
        let mut longest = 0usize;
        for k in from..self.lines.len() {
            let l = &self.lines[k];
            if l.role != Role::Body {
                continue;
            }
            longest = longest.max(l.text.len());
            if let Some(next) = self.lines.get(k + 1).filter(|m| m.role == Role::Body) {
                internal += 1;
                // "...the U.S.\nbenchmark grade": a line followed by a
                // lowercase word did not end its sentence either.
                let ends_sentence = l
                    .text
                    .ends_with(['.', '!', '?', '"', '”', '’', ':', ')', '»'])
                    && !next.text.starts_with(char::is_lowercase);
                if !ends_sentence {
                    open += 1;
                }
            }
        }
        internal >= 2 && longest <= 160 && open * 2 > internal
    }

    /// Pass 4: groups body lines into paragraphs.
    fn paragraphs(&self, from: usize) -> Vec<Para> {
        let wrapped = self.wrapped || self.hard_wrapped(from);
        let mut out: Vec<Para> = Vec::new();
        let mut joinable = false; // the previous line is body and may continue
        let mut pending_break = false;
        let mut width = 0usize;
        if wrapped {
            width = self.lines[from..]
                .iter()
                .filter(|l| l.role == Role::Body)
                .map(|l| l.text.len())
                .max()
                .unwrap_or(0);
        }
        for k in from..self.lines.len() {
            let l = &self.lines[k];
            match l.role {
                Role::Body => {}
                Role::Separator => {
                    pending_break = true;
                    joinable = false;
                    continue;
                }
                Role::Blank => {
                    joinable = false;
                    continue;
                }
                _ => {
                    joinable = false;
                    continue;
                }
            }
            let continues = wrapped && joinable && !l.indented && {
                // a short line ending a sentence closes its paragraph
                let prev = &self.lines[k - 1];
                !(prev.text.len() * 10 < width * 6
                    && prev.text.ends_with(['.', '!', '?', '"', '”', ':']))
            };
            if continues {
                if let Some(p) = out.last_mut() {
                    if p.text.ends_with('-')
                        && l.text.starts_with(|c: char| c.is_lowercase())
                        && p.text[..p.text.len() - 1].ends_with(char::is_alphabetic)
                    {
                        // "well-" + "known": keep the hyphen, no space
                    } else {
                        p.text.push(' ');
                    }
                    push_collapsed(&mut p.text, l.text);
                }
            } else {
                let mut text = String::with_capacity(l.text.len());
                push_collapsed(&mut text, l.text);
                out.push(Para {
                    text,
                    start: l.start,
                    break_before: pending_break,
                });
                pending_break = false;
            }
            joinable = true;
        }
        out
    }

    fn run(mut self, name: &str) -> Document {
        let mut from = self.header();
        // A text whose only lines looked like a headline or bullets is a
        // body without them (e.g. a one-sentence CSV record), not metadata
        // without a body.
        if self.lines[from..].iter().all(|l| l.role == Role::Blank) {
            let header_end = from;
            for k in 0..header_end {
                if matches!(self.lines[k].role, Role::Title | Role::Lead) {
                    self.lines[k].role = Role::Body;
                    from = from.min(k);
                }
            }
            if from < self.lines.len() {
                self.meta.title = None;
                self.meta.lead.clear();
            }
        }
        self.body(from);
        let mut paras = self.paragraphs(from);

        // Dateline: in one of the first three paragraphs.
        let mut found_dateline: Option<Dateline> = None;
        for idx in 0..paras.len().min(3) {
            if let Some((d, cut)) = dateline::parse_dateline(&paras[idx].text) {
                let rest = paras[idx].text[cut..].trim().to_string();
                if rest.is_empty() {
                    paras.remove(idx);
                } else {
                    paras[idx].start = self.locate(paras[idx].start, cut, &rest);
                    paras[idx].text = rest;
                }
                found_dateline = Some(d);
                break;
            }
        }

        // Transcript turns.
        let labels: Vec<Option<(String, usize)>> = paras
            .iter()
            .map(|p| super::transcript::speaker_label(&p.text))
            .collect();
        // A transcript: some speaker speaks twice, or three labels or more
        // ("New Hampshire: ... South Carolina: ..." is a list, not a Q&A).
        let is_transcript = {
            let mut seen: Vec<&str> = Vec::new();
            let mut repeated = false;
            for (s, _) in labels.iter().flatten() {
                if seen.contains(&s.as_str()) {
                    repeated = true;
                } else {
                    seen.push(s);
                }
                // bounded work: the answer is known
                if repeated || seen.len() >= 3 {
                    break;
                }
            }
            repeated || seen.len() >= 3
        };
        let mut turns: Vec<Turn> = Vec::new();
        let mut final_paras: Vec<Para> = Vec::with_capacity(paras.len());
        if is_transcript {
            let mut pending: Option<String> = None;
            let mut current: Option<(String, usize)> = None; // speaker, first index
            let close = |current: &mut Option<(String, usize)>,
                         turns: &mut Vec<Turn>,
                         paras: &Vec<Para>| {
                if let Some((speaker, first)) = current.take() {
                    let count = paras.len() - first;
                    if count > 0 {
                        let text = paras[first..]
                            .iter()
                            .map(|p| p.text.as_str())
                            .collect::<Vec<_>>()
                            .join("\n\n");
                        turns.push(Turn {
                            speaker,
                            text,
                            first_paragraph: first,
                            paragraph_count: count,
                        });
                    }
                }
            };
            for (mut p, label) in paras.into_iter().zip(labels) {
                if p.break_before {
                    close(&mut current, &mut turns, &final_paras);
                    pending = None;
                }
                if let Some((speaker, cut)) = label {
                    close(&mut current, &mut turns, &final_paras);
                    let rest = p.text[cut..].trim().to_string();
                    if rest.is_empty() {
                        pending = Some(speaker);
                        continue;
                    }
                    p.start = self.locate(p.start, cut, &rest);
                    p.text = rest;
                    current = Some((speaker, final_paras.len()));
                } else if let Some(speaker) = pending.take() {
                    current = Some((speaker, final_paras.len()));
                }
                final_paras.push(p);
            }
            close(&mut current, &mut turns, &final_paras);
        } else {
            final_paras = paras;
        }

        // Sub-headings.
        let headings: Vec<usize> = (0..final_paras.len().saturating_sub(1))
            .filter(|&i| is_heading(&final_paras[i].text, &final_paras[i + 1].text))
            .collect();

        // Boilerplate, in order.
        let boilerplate: Vec<String> = self
            .lines
            .iter()
            .filter(|l| matches!(l.role, Role::Boiler | Role::Separator))
            .map(|l| l.text.to_string())
            .collect();

        let meta = std::mem::take(&mut self.meta);
        // "Headline - Reuters", "Headline | TASS": the suffix names the outlet.
        let mut title_outlet = None;
        let title = self
            .given_title
            .take()
            .or_else(|| {
                meta.title.map(|t| match split_outlet_suffix(&t) {
                    Some((head, o)) => {
                        title_outlet = Some(o);
                        head
                    }
                    None => t,
                })
            })
            .or_else(|| meta.lead.first().cloned());
        let outlet = found_dateline
            .as_ref()
            .and_then(|d| d.agency.as_deref())
            .map(|a| outlet::agency(a).map_or_else(|| a.to_string(), str::to_string))
            .or(meta.byline_outlet)
            .or(title_outlet)
            .or(meta.credit_outlet)
            .or(meta.source_outlet)
            .or(meta.bio_outlet);
        let (date, date_info) = match (&found_dateline, &meta.printed_date) {
            (Some(d), _) if d.year.is_some() => {
                let iso = dateline::PrintedDate {
                    year: d.year,
                    month: d.month.unwrap_or(1),
                    day: d.day.unwrap_or(1),
                }
                .iso();
                (
                    iso,
                    Some(DateInfo {
                        source: "dateline".into(),
                        confidence: 0.9,
                        evidence: d.text.clone(),
                    }),
                )
            }
            (_, Some((iso, printed))) => (
                Some(iso.clone()),
                Some(DateInfo {
                    source: "printed".into(),
                    confidence: 0.8,
                    evidence: printed.clone(),
                }),
            ),
            _ => (None, None),
        };

        let mut sample = String::new();
        for p in &final_paras {
            if sample.len() > 8_000 {
                break;
            }
            sample.push_str(&p.text);
            sample.push('\n');
        }
        if sample.is_empty() {
            if let Some(t) = &title {
                sample.push_str(t);
            }
        }
        let lang = lang::detect(&sample);

        Document {
            file: name.to_string(),
            title,
            outlet,
            authors: meta.authors,
            date,
            date_info,
            untrusted_date: meta.untrusted_date,
            lang,
            url: meta.url,
            lead: meta.lead,
            paragraph_offsets: final_paras.iter().map(|p| p.start).collect(),
            paragraphs: final_paras.into_iter().map(|p| p.text).collect(),
            headings,
            boilerplate,
            turns,
            dateline: found_dateline,
            source: String::new(),
        }
    }
}

trait BlankExt {
    fn is_none_or_blank(&self) -> bool;
}

impl BlankExt for Option<&Line<'_>> {
    fn is_none_or_blank(&self) -> bool {
        self.is_none_or(|l| l.role == Role::Blank)
    }
}

/// Splits "Headline - Reuters" / "Headline | TASS" into the headline and
/// the outlet, when the suffix is a known agency.
fn split_outlet_suffix(title: &str) -> Option<(String, String)> {
    let (head, tail) = [" | ", " - ", " – ", " — "]
        .iter()
        .filter_map(|sep| {
            title
                .rfind(sep)
                .map(|i| (&title[..i], &title[i + sep.len()..]))
        })
        .max_by_key(|(h, _)| h.len())?;
    let outlet = outlet::agency(tail)?;
    (word_count(head) >= 2).then(|| (head.trim().to_string(), outlet.to_string()))
}

/// A sub-heading: a short line without final punctuation, followed by a
/// longer paragraph ("Diplomatic track", "America’s “Cowboy Attitude”").
fn is_heading(p: &str, next: &str) -> bool {
    if p.len() > 120 {
        return false;
    }
    let words = word_count(p);
    if words == 0 || words > 12 {
        return false;
    }
    if !p
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '“' | '‘'))
    {
        return false;
    }
    let core = p.trim_end_matches(['"', '”', '’', '»']);
    if core.ends_with(['.', ',', ';', ':', '!', '?', '…']) {
        return false;
    }
    next.split_whitespace().take(words + 1).count() > words
}

/// Byte length of the whitespace character starting at `b[i]` (as
/// [`char::is_whitespace`] defines it), or 0. Works on bytes so that the
/// hot loop stays fast even without optimizations.
fn ws_len(b: &[u8], i: usize) -> usize {
    match b[i] {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => 1,
        0xC2 => match b.get(i + 1) {
            Some(0x85 | 0xA0) => 2,
            _ => 0,
        },
        0xE1 => (b.get(i + 1) == Some(&0x9A) && b.get(i + 2) == Some(&0x80)) as usize * 3,
        0xE2 => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) | (Some(0x81), Some(0x9F)) => 3,
            _ => 0,
        },
        0xE3 => (b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80)) as usize * 3,
        _ => 0,
    }
}

/// Appends `s` to `out` with every whitespace run (incl. no-break spaces)
/// collapsed to one space and no space at either end.
fn push_collapsed(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let mut i = 0;
    let mut run_start = 0; // start of the current non-space run
    let mut wrote = false;
    while i < b.len() {
        let w = ws_len(b, i);
        if w == 0 {
            i += 1;
            continue;
        }
        if run_start < i {
            if wrote {
                out.push(' ');
            }
            out.push_str(&s[run_start..i]);
            wrote = true;
        }
        i += w;
        run_start = i;
    }
    if run_start < b.len() {
        if wrote {
            out.push(' ');
        }
        out.push_str(&s[run_start..]);
    }
}

fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_collapsed(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Document {
        parse_plain("t.txt", s.to_string())
    }

    #[test]
    fn headline_then_body() {
        let d =
            parse("Ad sales boost profit\n\nProfits jumped 76% in the quarter.\n\nSales rose.\n");
        assert_eq!(d.title.as_deref(), Some("Ad sales boost profit"));
        assert_eq!(
            d.paragraphs,
            vec!["Profits jumped 76% in the quarter.", "Sales rose."]
        );
        assert!(d.boilerplate.is_empty());
    }

    #[test]
    fn no_headline_means_no_title() {
        let d = parse("Moscow's proposals on security guarantees are aimed at creating and legalizing a new system of agreements, the minister told reporters.\nSecond paragraph here.");
        assert_eq!(d.title, None);
        assert_eq!(d.paragraphs.len(), 2);
    }

    #[test]
    fn bullets_byline_and_credit() {
        let d = parse("• First summary point\n• Second point\nBy Ann Lee and Bob Ray\nThe body starts here, and it is a long sentence that says a great deal about things.\nCredit | AA");
        assert_eq!(d.lead, vec!["First summary point", "Second point"]);
        assert_eq!(d.title.as_deref(), Some("First summary point"));
        assert_eq!(d.authors, vec!["Ann Lee", "Bob Ray"]);
        assert_eq!(d.outlet.as_deref(), Some("Anadolu Agency"));
        assert_eq!(d.boilerplate, vec!["Credit | AA"]);
    }

    #[test]
    fn dateline_is_cut_and_year_less_date_stays_null() {
        let d = parse(
            "Headline here\n\nMOSCOW, January 28. /TASS/. Moscow does not agree.\n\nMore text.",
        );
        assert_eq!(d.paragraphs[0], "Moscow does not agree.");
        assert_eq!(d.outlet.as_deref(), Some("TASS"));
        assert_eq!(d.date, None);
        let dl = d.dateline.unwrap();
        assert_eq!((dl.month, dl.day), (Some(1), Some(28)));
        assert_eq!(&d.source[d.paragraph_offsets[0]..][..6], "Moscow");
    }

    #[test]
    fn dateline_with_year_gives_date() {
        let d = parse("Headline here\n\nLONDON, Jan 5, 2022 (Reuters) - Shares fell.");
        assert_eq!(d.date.as_deref(), Some("2022-01-05"));
        assert_eq!(d.outlet.as_deref(), Some("Reuters"));
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let text = "Title of the story\n\n\
The first paragraph is wrapped at a fixed width so that\n\
it continues on the next line and then on a third line\n\
before it finally ends here.\n\n\
The second paragraph is also wrapped at the same width\n\
and it ends on this line.\n";
        let d = parse(text);
        assert_eq!(d.paragraphs.len(), 2, "{:?}", d.paragraphs);
        assert!(d.paragraphs[0].starts_with("The first paragraph is wrapped"));
        assert!(d.paragraphs[0].ends_with("finally ends here."));
    }

    #[test]
    fn transcript_turns_span_paragraphs() {
        let d = parse("Meeting transcript\n\nA.B. Smith: Hello all.\n\nSecond paragraph.\n\nC. Jones: Thanks.\n\n***\n\nNarration after.\n\nA.B. Smith: Bye.");
        assert_eq!(d.turns.len(), 3);
        assert_eq!(d.turns[0].speaker, "A.B. Smith");
        assert_eq!(d.turns[0].paragraph_count, 2);
        assert_eq!(d.turns[1].paragraph_count, 1);
        assert_eq!(d.paragraphs[0], "Hello all.");
        assert!(d.boilerplate.contains(&"***".to_string()));
        assert_eq!(d.speaker_of(3), None);
        // two different labels, once each: a list, not a transcript
        let d = parse(
            "Primary results\n\nNew Hampshire: Trump won.\n\nSouth Carolina: Trump won again.",
        );
        assert!(d.turns.is_empty());
        assert_eq!(d.paragraphs[0], "New Hampshire: Trump won.");
    }

    #[test]
    fn tail_after_related_posts() {
        let d = parse("Title line here\n\nBody text that is long enough.\n\nRelated Posts\n\nSome other headline\n\nJane Roe\n\nJane Roe is a senior writer at Daily Thing and covers politics.\n\nLeave a Reply");
        assert_eq!(d.paragraphs, vec!["Body text that is long enough."]);
        assert_eq!(d.authors, vec!["Jane Roe"]);
        assert_eq!(d.outlet.as_deref(), Some("Daily Thing"));
        assert_eq!(d.boilerplate.len(), 5);
    }

    #[test]
    fn collapsing_whitespace() {
        let mut s = String::new();
        push_collapsed(&mut s, "  a\u{a0}\u{a0}b\t c\u{2009}d\u{3000} ");
        assert_eq!(s, "a b c d");
        let odd = "x\u{85}y\u{2028}z\u{feff}é";
        let mut s = String::new();
        push_collapsed(&mut s, odd);
        assert_eq!(s, odd.split_whitespace().collect::<Vec<_>>().join(" "));
    }

    #[test]
    fn a_lone_line_is_body_not_title() {
        let d = parse("Chuck Berry has died aged 90, police report.");
        assert_eq!(d.title, None);
        assert_eq!(
            d.paragraphs,
            vec!["Chuck Berry has died aged 90, police report."]
        );
    }

    #[test]
    fn wire_copy_wrapped_body() {
        let text = "Standard Oil Co and BP North America\n\
Inc said they plan to form a venture to manage the money market\n\
borrowing and investment activities, earning 1.5 dlrs a\n\
share.\n\
    BP North America is a subsidiary of British Petroleum Co\n\
Plc, which also owns a 55 pct interest in Standard Oil.\n\
\n Reuter\n&#3;";
        let d = parse(text);
        assert_eq!(d.title, None);
        assert_eq!(d.paragraphs.len(), 2, "{:?}", d.paragraphs);
        assert!(d.paragraphs[0].starts_with("Standard Oil Co and BP North America Inc said"));
        assert!(d.paragraphs[0].ends_with("1.5 dlrs a share."));
        assert_eq!(d.outlet.as_deref(), Some("Reuters"));
        assert_eq!(d.boilerplate, vec!["Reuter", "&#3;"]);
    }

    #[test]
    fn known_title() {
        let d = parse_body(
            "r.csv#2",
            "Short opening line\n\nMore text.".into(),
            Some("Given  headline"),
        );
        assert_eq!(d.title.as_deref(), Some("Given headline"));
        assert_eq!(d.paragraphs, vec!["Short opening line", "More text."]);
        let d = parse_body(
            "p.html",
            "Given headline\nBody.".into(),
            Some("given headline"),
        );
        assert_eq!(d.title.as_deref(), Some("given headline"));
        assert_eq!(d.paragraphs, vec!["Body."]);
    }

    #[test]
    fn offsets_survive_collapsed_labels() {
        let src = "Title line here\n\nS.V. Lavrov:\u{a0} Dear colleagues.\n\nV.V. Putin:\u{a0}\u{a0} Thanks.\n\nS.V. Lavrov: Fine.";
        let d = parse(src);
        assert_eq!(d.turns.len(), 3);
        for (p, &o) in d.paragraphs.iter().zip(&d.paragraph_offsets) {
            assert!(d.source.is_char_boundary(o));
            assert!(d.source[o..].starts_with(p.as_str()), "{p:?} at {o}");
        }
    }

    #[test]
    fn printed_dates() {
        let d = parse(
            "Politics\n\nTalks resume in Geneva\n\nPublished: 28 Jan 2022 14:30 GMT\n\nBody text.",
        );
        assert_eq!(d.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(d.date.as_deref(), Some("2022-01-28"));
        assert_eq!(d.date_info.as_ref().unwrap().source, "printed");
        assert_eq!(d.boilerplate, vec!["Politics"]);
        assert_eq!(d.paragraphs, vec!["Body text."]);
        let d = parse("Talks resume\n\nBody text here.\n\nMore body.\n\n2022-01-28");
        assert_eq!(d.date.as_deref(), Some("2022-01-28"));
        assert_eq!(d.paragraphs.len(), 2);
        let d = parse("Talks resume\n\nBy Ann Lee | January 28, 2022\n\nBody text here.");
        assert_eq!(d.date.as_deref(), Some("2022-01-28"));
        assert_eq!(d.authors, vec!["Ann Lee"]);
        // a section label with no headline after it is body
        let d = parse("Hello\n\nthis is all lower case text that goes on.");
        assert_eq!(d.paragraphs.len(), 2);
        assert!(d.boilerplate.is_empty());
    }

    #[test]
    fn russian_article() {
        let d = parse("Все новости\n\nЛавров: Россия не считает свои предложения чрезмерными\n\nМОСКВА, 28 января. /ТАСС/. Россия не считает свои предложения по гарантиям безопасности чрезмерными и будет добиваться разъяснений.\n\nОб этом заявил министр иностранных дел, и это не первое такое заявление.");
        assert_eq!(d.lang, "ru");
        assert_eq!(d.outlet.as_deref(), Some("TASS"));
        assert_eq!(
            d.title.as_deref(),
            Some("Лавров: Россия не считает свои предложения чрезмерными")
        );
        assert!(d.paragraphs[0].starts_with("Россия не считает"));
        assert_eq!(d.dateline.as_ref().and_then(|x| x.month), Some(1));
    }

    #[test]
    fn bare_cr_line_ends() {
        let d = parse("Headline here\r\rFirst paragraph.\rSecond paragraph.\r");
        assert_eq!(d.title.as_deref(), Some("Headline here"));
        assert_eq!(d.paragraphs, vec!["First paragraph.", "Second paragraph."]);
    }

    #[test]
    fn outlet_suffix_in_title() {
        let d = parse("Talks resume in Geneva - Reuters\n\nBody.");
        assert_eq!(d.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(d.outlet.as_deref(), Some("Reuters"));
        let d = parse("Job cuts 'false economy' - TUC\n\nBody.");
        assert_eq!(d.title.as_deref(), Some("Job cuts 'false economy' - TUC"));
        assert_eq!(d.outlet, None);
    }

    #[test]
    fn headline_above_bullets() {
        let d = parse("Russia says talks can go on\n\n• Minister proposes more talks\n• Drills end soon\n\nBy Ann Lee\n\nANKARA (AA) - Russia said on Monday that talks can continue.\n\nMore text here.");
        assert_eq!(d.title.as_deref(), Some("Russia says talks can go on"));
        assert_eq!(d.lead.len(), 2);
        assert_eq!(d.authors, vec!["Ann Lee"]);
        assert_eq!(d.outlet.as_deref(), Some("Anadolu Agency"));
        assert_eq!(
            d.paragraphs[0],
            "Russia said on Monday that talks can continue."
        );
        assert!(d.boilerplate.is_empty());
    }

    #[test]
    fn degenerate_inputs() {
        assert!(parse("").paragraphs.is_empty());
        assert!(parse("\n\n\n").paragraphs.is_empty());
        let d = parse("one");
        assert_eq!(d.paragraphs, vec!["one"]);
        let long = "x".repeat(100_000);
        assert_eq!(parse(&long).paragraphs.len(), 1);
    }
}
