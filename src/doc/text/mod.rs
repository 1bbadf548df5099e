//! The plain-text news parser.
//!
//! Text saved from news sites is a headline buried in site furniture. The
//! parser reads it in four passes, each linear in the input (passes 2 to 4
//! in [`header`], [`body`] and [`paragraphs`]; the document is put
//! together here):
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
//! editor at Plainsmen Post"). A bio gives the outlet only for a newsroom
//! role and a name it does not go on to describe: "the author of Public
//! Policy Hooligan", "editor of Develop magazine" or "correspondent for The
//! World, a BBC World Service co-production" is the writer's other work,
//! not the publisher of the piece (see `byline::parse_bio`).
//!
//! Every line removed from the body is in [`Document::boilerplate`], in
//! page order; the headline, bylines, bullets, printed dates and the
//! dateline prefix are metadata and are not.

mod body;
mod header;
mod paragraphs;
mod whitespace;

use super::boilerplate::Debris;
use super::byline::Byline;
use super::dateline::{self, Dateline};
use super::{decode, lang, outlet, DateInfo, Document, Turn};
use crate::error::Result;
use crate::vocab::{DateSource, DATE_CONFIDENCE};
use whitespace::collapse_ws;

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
pub(crate) fn parse_body(name: &str, source: String, title: Option<&str>) -> Document {
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
        self.lines.get(i + 1).is_none_or(|l| l.role == Role::Blank)
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

    /// The four passes, then the document.
    fn run(mut self, name: &str) -> Document {
        let from = self.header();
        let from = self.header_only(from);
        self.body(from);
        let mut paras = self.paragraphs(from);
        let dateline = self.cut_dateline(&mut paras);
        let (paras, turns) = self.turns(paras);
        self.into_document(name, paras, turns, dateline)
    }

    /// A text whose only lines looked like a headline or bullets is a
    /// body without them (e.g. a one-sentence CSV record), not metadata
    /// without a body. Returns the first body line.
    fn header_only(&mut self, header_end: usize) -> usize {
        let mut from = header_end;
        if self.lines[from..].iter().all(|l| l.role == Role::Blank) {
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
        from
    }

    /// The document: paragraphs, turns and dateline from the passes, the
    /// metadata read on the way, the boilerplate lines in page order.
    fn into_document(
        self,
        name: &str,
        paras: Vec<Para>,
        turns: Vec<Turn>,
        dateline: Option<Dateline>,
    ) -> Document {
        let headings = paragraphs::headings(&paras);
        let boilerplate: Vec<String> = self
            .lines
            .iter()
            .filter(|l| matches!(l.role, Role::Boiler | Role::Separator))
            .map(|l| l.text.to_string())
            .collect();
        let meta = self.meta;
        let (title, title_outlet) = title(self.given_title, meta.title, &meta.lead);
        let outlet = dateline
            .as_ref()
            .and_then(|d| d.agency.as_deref())
            .map(|a| outlet::agency(a).map_or_else(|| a.to_string(), str::to_string))
            .or(meta.byline_outlet)
            .or(title_outlet)
            .or(meta.credit_outlet)
            .or(meta.source_outlet)
            .or(meta.bio_outlet);
        let (date, date_info) = date(dateline.as_ref(), meta.printed_date.as_ref());
        let lang = lang::detect(&language_sample(&paras, title.as_deref()));
        Document {
            file: name.to_string(),
            title,
            outlet,
            section: None,
            authors: meta.authors,
            date,
            date_info,
            untrusted_date: meta.untrusted_date,
            lang,
            url: meta.url,
            lead: meta.lead,
            paragraph_offsets: paras.iter().map(|p| p.start).collect(),
            paragraphs: paras.into_iter().map(|p| p.text).collect(),
            headings,
            boilerplate,
            turns,
            dateline,
            source: String::new(),
        }
    }
}

/// The title: the caller's, else the headline (a known agency after it,
/// "Headline - Reuters", cut off and returned as the outlet), else the
/// first lead bullet.
fn title(
    given: Option<String>,
    headline: Option<String>,
    lead: &[String],
) -> (Option<String>, Option<String>) {
    if given.is_some() {
        return (given, None);
    }
    match headline.map(|t| markdown_heading(&t).to_string()) {
        Some(t) => match split_outlet_suffix(&t) {
            Some((head, o)) => (Some(head), Some(o)),
            None => (Some(t), None),
        },
        None => (lead.first().cloned(), None),
    }
}

/// A Markdown ATX heading's text: "# Headline" and "## Headline ##" give
/// "Headline"; a line that is not one ("#hashtag", "#1 seed") is as given.
fn markdown_heading(line: &str) -> &str {
    let marks = line.bytes().take_while(|&b| b == b'#').count();
    match line[marks..].strip_prefix([' ', '\t']) {
        Some(rest) if (1..=6).contains(&marks) => {
            let rest = rest.trim();
            let closed = rest.trim_end_matches('#');
            // A closing run counts only after a space ("C#" stays).
            if closed.len() < rest.len() && (closed.is_empty() || closed.ends_with([' ', '\t'])) {
                closed.trim_end()
            } else {
                rest
            }
        }
        _ => line,
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

/// The date and how it was found: a dateline's when it has a year, else
/// a printed date's (`printed`: ISO date, and the line as printed).
fn date(
    dateline: Option<&Dateline>,
    printed: Option<&(String, String)>,
) -> (Option<String>, Option<DateInfo>) {
    match (dateline, printed) {
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
                    source: DateSource::Dateline,
                    confidence: DATE_CONFIDENCE.parsed_dateline,
                    evidence: format!("Printed in the dateline '{}'.", d.text.trim()),
                }),
            )
        }
        (_, Some((iso, printed))) => (
            Some(iso.clone()),
            Some(DateInfo {
                source: DateSource::Printed,
                confidence: DATE_CONFIDENCE.printed,
                evidence: format!("Printed in the article: '{}'.", printed.trim()),
            }),
        ),
        _ => (None, None),
    }
}

/// The text the language is guessed from: the paragraphs up to about 8 kB,
/// or the title when there is no body.
fn language_sample(paras: &[Para], title: Option<&str>) -> String {
    let mut sample = String::new();
    for p in paras {
        if sample.len() > 8_000 {
            break;
        }
        sample.push_str(&p.text);
        sample.push('\n');
    }
    if sample.is_empty() {
        if let Some(t) = title {
            sample.push_str(t);
        }
    }
    sample
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Document {
        parse_plain("t.txt", s.to_string())
    }

    #[test]
    fn markdown_titles_lose_their_marks() {
        for (md, title) in [
            ("# Talks resume in Geneva", "Talks resume in Geneva"),
            ("## Talks resume in Geneva ##", "Talks resume in Geneva"),
            ("### Learning C#", "Learning C#"),
        ] {
            let d = parse(&format!(
                "{md}\n\nNegotiators met again on Monday, officials said.\n"
            ));
            assert_eq!(d.title.as_deref(), Some(title), "{md}");
        }
        assert_eq!(markdown_heading("#hashtag"), "#hashtag");
        assert_eq!(markdown_heading("####### seven"), "####### seven");
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
        assert_eq!(d.date_info.as_ref().unwrap().source, DateSource::Printed);
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
