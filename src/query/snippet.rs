//! Best-passage snippets and match locations.
//!
//! The collector hands over a document and the positions its query
//! matched. The document is walked again with [`layout::for_each_word`]
//! (the walk the index used), which turns positions back into sections
//! and byte offsets. The snippet is a window of about [`SNIPPET_CHARS`]
//! characters around the densest cluster of matches in one lead or body
//! section: most distinct query parts first, then most matches, then the
//! tightest span. All ranges are `[start, end)` in UTF-16 code units, the
//! unit of JavaScript strings.

use serde::Serialize;

use crate::doc::Document;
use crate::index::layout::{self, Part};

/// Target snippet length in characters.
const SNIPPET_CHARS: usize = 220;
/// Matches further apart than this many words are not one cluster.
const CLUSTER_WORDS: usize = 30;

/// Where the best match is, so a reader can scroll to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Location {
    /// Title, lead bullet or body paragraph.
    pub part: Part,
    /// Index within the part ([`Document::paragraphs`] for the body).
    pub paragraph: usize,
    /// Every matched word of that section, in UTF-16 units of its text.
    pub ranges: Vec<[u32; 2]>,
}

/// A snippet with highlights.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Snippet {
    /// The passage, with "…" where it was cut.
    pub text: String,
    /// Matched words in `text`, UTF-16 units.
    pub highlights: Vec<[u32; 2]>,
    /// Matched words in the title, UTF-16 units.
    pub title_highlights: Vec<[u32; 2]>,
    /// The section of the best passage, when something matched.
    pub location: Option<Location>,
}

fn utf16_len(s: &str) -> u32 {
    s.encode_utf16().count() as u32
}

/// UTF-16 ranges of byte ranges of `text` (sorted, inside `text`).
fn utf16_ranges(text: &str, ranges: &[(usize, usize)]) -> Vec<[u32; 2]> {
    let mut out = Vec::with_capacity(ranges.len());
    let (mut at_byte, mut at_unit) = (0usize, 0u32);
    for &(s, e) in ranges {
        if s < at_byte || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        at_unit += utf16_len(&text[at_byte..s]);
        let len = utf16_len(&text[s..e]);
        out.push([at_unit, at_unit + len]);
        at_unit += len;
        at_byte = e;
    }
    out
}

/// A word of the document as the index walked it.
struct Word {
    /// Index of its section in [`layout::sections`].
    section: usize,
    /// Byte range in the section's text.
    start: usize,
    end: usize,
    /// The query part it matched, if any.
    slot: Option<usize>,
}

/// Builds the snippet of `doc` for the matched `(position, slot)` pairs
/// (sorted by position).
pub(crate) fn build(doc: &Document, matched: &[(u32, usize)]) -> Snippet {
    let sections = layout::sections(doc);
    let words = words_of(&sections, matched);
    let mut out = Snippet {
        title_highlights: utf16_ranges(sections[0].text, &matched_ranges(&words, 0)),
        ..Snippet::default()
    };
    let best = densest_cluster(&words);
    let (first, last) = match best {
        Some(cluster) => cluster,
        // Nothing matched in the text: open the first non-empty section.
        None => match words.iter().position(|w| w.section > 0) {
            Some(i) => (i, i),
            None => {
                if !out.title_highlights.is_empty() {
                    out.location = Some(Location {
                        part: Part::Title,
                        paragraph: 0,
                        ranges: out.title_highlights.clone(),
                    });
                }
                return out;
            }
        },
    };
    let si = words[first].section;
    let text = sections[si].text;
    let w = window(&words, text, first, last);
    let (mut passage, highlights) = passage(text, &words[w.lo..=w.hi], w.start, w.end);
    if sections[si].part == Part::Dateline {
        // A dateline alone ("ROTTERDAM -") says little: the story's
        // opening follows it, as printed.
        if let Some(first) = sections
            .iter()
            .find(|s| s.part == Part::Body && !s.text.is_empty())
        {
            passage.push(' ');
            passage.push_str(&opening(
                first.text,
                SNIPPET_CHARS.saturating_sub(passage.len()),
            ));
        }
    }
    out.text = passage;
    out.highlights = highlights;
    if best.is_some() {
        out.location = Some(Location {
            part: sections[si].part,
            paragraph: sections[si].index,
            ranges: utf16_ranges(text, &matched_ranges(&words, si)),
        });
    }
    out
}

/// Every word of the sections, walked as the index walked them, with the
/// query part each matched.
fn words_of(sections: &[layout::Section<'_>], matched: &[(u32, usize)]) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    layout::for_each_word(sections, |si, start, end, _, pos| {
        let slot = matched
            .binary_search_by_key(&pos, |m| m.0)
            .ok()
            .map(|i| matched[i].1);
        words.push(Word {
            section: si,
            start,
            end,
            slot,
        });
    });
    words
}

/// Byte ranges of the matched words of section `si`.
fn matched_ranges(words: &[Word], si: usize) -> Vec<(usize, usize)> {
    words
        .iter()
        .filter(|w| w.section == si && w.slot.is_some())
        .map(|w| (w.start, w.end))
        .collect()
}

/// The densest cluster of matched words in one non-title section, as its
/// first and last word: most distinct query parts, then most matches,
/// then the tightest span (words at most [`CLUSTER_WORDS`] apart).
fn densest_cluster(words: &[Word]) -> Option<(usize, usize)> {
    let hits: Vec<usize> = (0..words.len())
        .filter(|&i| words[i].slot.is_some() && words[i].section > 0)
        .collect();
    let mut best: Option<(usize, usize, (usize, usize, i64))> = None;
    for (a, &i) in hits.iter().enumerate() {
        let mut slots = Vec::new();
        let mut j_end = i;
        let mut count = 0;
        for &j in &hits[a..] {
            if words[j].section != words[i].section || j - i > CLUSTER_WORDS {
                break;
            }
            if let Some(s) = words[j].slot {
                if !slots.contains(&s) {
                    slots.push(s);
                }
            }
            count += 1;
            j_end = j;
        }
        let key = (slots.len(), count, -((j_end - i) as i64));
        if best.as_ref().is_none_or(|b| key > b.2) {
            best = Some((i, j_end, key));
        }
    }
    best.map(|(i, j, _)| (i, j))
}

/// The passage of a snippet: words `lo..=hi` of one section, and the
/// byte range `start..end` of its text they cover (from the section's
/// start or to its end when the passage reaches it).
struct Window {
    lo: usize,
    hi: usize,
    start: usize,
    end: usize,
}

/// The window around words `first..=last` (all in the section whose text
/// is `text`): a few words of context on the left, then widened right and
/// then left up to [`SNIPPET_CHARS`].
fn window(words: &[Word], text: &str, first: usize, last: usize) -> Window {
    let si = words[first].section;
    let sec_first = words.iter().position(|w| w.section == si).unwrap_or(first);
    let sec_last = words.iter().rposition(|w| w.section == si).unwrap_or(last);
    let mut lo = first.saturating_sub(8).max(sec_first);
    let mut hi = last;
    let span = |lo: usize, hi: usize| text[words[lo].start..words[hi].end].chars().count();
    while hi < sec_last && span(lo, hi + 1) <= SNIPPET_CHARS {
        hi += 1;
    }
    while lo > sec_first && span(lo - 1, hi) <= SNIPPET_CHARS {
        lo -= 1;
    }
    let start = if lo == sec_first { 0 } else { words[lo].start };
    let end = if hi == sec_last {
        text.len()
    } else {
        words[hi].end
    };
    Window { lo, hi, start, end }
}

/// `text[start..end]` with "…" where it was cut, and the UTF-16 ranges in
/// it of the matched words among `in_window`.
/// The start of `text`, cut after a word at about `bytes` with "…".
fn opening(text: &str, bytes: usize) -> String {
    if text.len() <= bytes {
        return text.to_string();
    }
    let mut cut = bytes.max(1);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let cut = text[..cut]
        .rfind(char::is_whitespace)
        .filter(|&i| i > 0)
        .unwrap_or(cut);
    format!("{}…", text[..cut].trim_end())
}

fn passage(text: &str, in_window: &[Word], start: usize, end: usize) -> (String, Vec<[u32; 2]>) {
    let mut snippet = String::new();
    let mut offset_units = 0;
    if start > 0 {
        snippet.push('…');
        offset_units = 1;
    }
    snippet.push_str(text[start..end].trim_end());
    if end < text.len() {
        snippet.push('…');
    }
    let matched: Vec<(usize, usize)> = in_window
        .iter()
        .filter(|w| w.slot.is_some())
        .map(|w| (w.start - start, w.end - start))
        .collect();
    let highlights = utf16_ranges(&text[start..end], &matched)
        .into_iter()
        .map(|[a, b]| [a + offset_units, b + offset_units])
        .collect();
    (snippet, highlights)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hit in the dateline: the dateline marked, then the story's
    /// opening as printed; located in the dateline.
    #[test]
    fn a_dateline_hit_shows_the_opening_too() {
        let doc = crate::doc::parse_plain(
            "t.txt",
            "Grain record\n\nROTTERDAM - Port authorities reported record grain exports.\n"
                .to_string(),
        );
        let secs = layout::sections(&doc);
        let mut at = None;
        layout::for_each_word(&secs, |si, _, _, w, pos| {
            if w == "rotterdam" && secs[si].part == Part::Dateline {
                at = Some(pos);
            }
        });
        let s = build(&doc, &[(at.expect("the dateline is a section"), 0)]);
        assert_eq!(
            s.text,
            "ROTTERDAM - Port authorities reported record grain exports."
        );
        assert_eq!(s.highlights, [[0, 9]]);
        let loc = s.location.expect("located");
        assert_eq!((loc.part, loc.paragraph), (Part::Dateline, 0));
    }

    #[test]
    fn window_and_ranges() {
        let long = "filler ".repeat(60);
        let doc = Document {
            title: Some("Lavrov on security".into()),
            paragraphs: vec![
                "Nothing here.".into(),
                format!("{long}Lavrov said “indivisibility of security” matters. {long}"),
            ],
            ..Document::default()
        };
        // Title: lavrov 0, on 1, security 2. Paragraph 0 starts at 3+64.
        let p1 = 3 + 64 + 2 + 64;
        let m = [(0, 0), (2, 1), (p1 + 60, 0), (p1 + 62, 1), (p1 + 64, 1)];
        let s = build(&doc, &m);
        assert_eq!(s.title_highlights, [[0, 6], [10, 18]]);
        let loc = s.location.unwrap();
        assert_eq!((loc.part, loc.paragraph), (Part::Body, 1));
        assert_eq!(loc.ranges.len(), 3);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        let units: Vec<u16> = s.text.encode_utf16().collect();
        let [a, b] = s.highlights[1];
        assert_eq!(
            String::from_utf16_lossy(&units[a as usize..b as usize]),
            "indivisibility"
        );
        assert!(s.text.chars().count() <= SNIPPET_CHARS + 2);
    }

    #[test]
    fn no_match_opens_first_paragraph() {
        let doc = Document {
            title: Some("T".into()),
            paragraphs: vec!["First paragraph.".into()],
            ..Document::default()
        };
        let s = build(&doc, &[]);
        assert_eq!(s.text, "First paragraph.");
        assert!(s.location.is_none() && s.highlights.is_empty());
    }
}
