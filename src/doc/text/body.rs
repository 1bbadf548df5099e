//! Pass 3: the body lines (see the module doc of [`super`]). Each line
//! below the header is body text, debris, a credit or byline, a printed
//! date on one of the last lines, or an author bio; after the page's tail
//! starts, everything is boilerplate.

use crate::doc::boilerplate::{self, Debris};
use crate::doc::{byline, dateline};

use super::{Parser, Role, LONG_LINE};

/// What the scan of the body lines knows so far.
struct BodyScan {
    /// The first body line.
    from: usize,
    /// Index of the third-last non-blank line: bios and printed dates live
    /// from here on.
    last_lines_from: usize,
    /// How many body-text lines were seen.
    body_seen: usize,
    /// Lines that start the page's tail ("Related Posts", "Leave a Reply").
    tail_marks: Vec<usize>,
}

impl Parser<'_> {
    /// Pass 3: body lines, debris, bios and the page tail.
    pub(super) fn body(&mut self, from: usize) {
        let n = self.lines.len();
        let mut scan = BodyScan {
            from,
            last_lines_from: (from..n)
                .rev()
                .filter(|&k| self.lines[k].role != Role::Blank)
                .nth(2)
                .unwrap_or(from),
            body_seen: 0,
            tail_marks: Vec::new(),
        };
        for i in from..n {
            if self.lines[i].role != Role::Body {
                continue;
            }
            match self.body_line(i, &mut scan) {
                Some(role) => self.lines[i].role = role,
                None => scan.body_seen += 1,
            }
        }
        self.mark_tail(from, &scan.tail_marks);
    }

    /// What body line `i` is when it is not article text (its metadata
    /// read into [`Parser::meta`]), or `None` for article text.
    fn body_line(&mut self, i: usize, scan: &mut BodyScan) -> Option<Role> {
        let text = self.lines[i].text;
        if text.len() > LONG_LINE || self.continues_open_line(i) {
            return None;
        }
        if let Some(d) = boilerplate::classify(text) {
            self.take_debris(&d);
            if matches!(d, Debris::Related | Debris::Comments) {
                scan.tail_marks.push(i);
            }
            return Some(if d == Debris::Separator {
                Role::Separator
            } else {
                Role::Boiler
            });
        }
        if let Some(b) = byline::parse_credits(text) {
            self.take_byline(b);
            return Some(Role::Byline);
        }
        // A byline just under the header, or among the last lines.
        if (scan.body_seen < 2 || i + 4 >= self.lines.len()) && text.len() <= 120 {
            if let Some(b) = byline::parse_byline(text) {
                self.take_byline(b);
                return Some(Role::Byline);
            }
        }
        self.last_date_line(i, scan)
            .or_else(|| self.bio_line(i, scan))
    }

    /// "...earned 1.5 dlrs a" + "share." is one sentence, not a share
    /// button: a lower-case line continuing an open line is body.
    fn continues_open_line(&self, i: usize) -> bool {
        i > 0
            && self.lines[i - 1].role == Role::Body
            && !self.lines[i - 1]
                .text
                .ends_with(['.', '!', '?', '"', '”', ':', ';'])
            && self.lines[i].text.starts_with(char::is_lowercase)
    }

    /// A date alone on one of the last lines: the printed date (not the
    /// end of an unfinished sentence: "...was around\nMay 22.").
    fn last_date_line(&mut self, i: usize, scan: &BodyScan) -> Option<Role> {
        let text = self.lines[i].text;
        let finishes_sentence = i > 0
            && self.lines[i - 1].role == Role::Body
            && !self.lines[i - 1]
                .text
                .trim_end()
                .ends_with(['.', '!', '?', ':', '"', '”', '’', ')']);
        if i < scan.last_lines_from || text.len() > 80 || finishes_sentence {
            return None;
        }
        let d = dateline::parse_date_line(text)?;
        Some(match d.iso() {
            Some(iso) if self.meta.printed_date.is_none() => {
                self.meta.printed_date = Some((iso, text.to_string()));
                Role::Date
            }
            _ => {
                if d.year.is_none() && self.meta.untrusted_date.is_none() {
                    self.meta.untrusted_date = Some(text.to_string());
                }
                Role::Boiler
            }
        })
    }

    /// An author bio in the last part of the page ("X is chief editor at
    /// Y ..."): it gives an author and an outlet, and the lone name line
    /// above it is boilerplate too.
    fn bio_line(&mut self, i: usize, scan: &BodyScan) -> Option<Role> {
        let text = self.lines[i].text;
        if text.len() > 400 || (i < scan.last_lines_from && scan.tail_marks.is_empty()) {
            return None;
        }
        let (name, bio_outlet) = byline::parse_bio(text)?;
        if let Some(prev) = (scan.from..i)
            .rev()
            .find(|&k| self.lines[k].role != Role::Blank)
        {
            if self.lines[prev].role == Role::Body && self.lines[prev].text == name {
                self.lines[prev].role = Role::Boiler;
            }
        }
        self.add_author(name);
        if self.meta.bio_outlet.is_none() {
            self.meta.bio_outlet = bio_outlet;
        }
        Some(Role::Boiler)
    }

    /// The tail: from the first tail marker after the last long body line,
    /// every body line is boilerplate.
    fn mark_tail(&mut self, from: usize, tail_marks: &[usize]) {
        let n = self.lines.len();
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
}
