//! The document model and the parsers that fill it.
//!
//! A [`Document`] is one news article after parsing: its metadata (title,
//! outlet, authors, date, language), its clean body as paragraphs, the
//! transcript [`Turn`]s when it is a Q&A, and the boilerplate lines that were
//! removed (kept aside, never silently dropped).
//!
//! Bytes come in, documents come out: [`decode`] turns bytes into text
//! (BOM, then UTF-8, then a legacy-encoding fallback), and [`parse_text`]
//! reads a plain-text news article ([`parse_plain`] when the text is
//! already decoded, e.g. the body of an HTML page or a CSV record). The
//! plain-text parser is built from small line-level readers, each in its
//! own file: [`boilerplate`] (debris lines), `byline` (bylines, credits,
//! author bios), `dateline` (printed dates and wire datelines), `outlet`
//! (agency codes and web hosts), `transcript` (speaker labels) and `lang`
//! (a stop-word language guesser). Other formats live in their own files
//! and all end in the same model; [`parse_file`] picks the format (text,
//! HTML, JSON, JSON Lines, CSV, Reuters SGML, ZIP, e-mail and mailboxes,
//! Word `.docx`, PDF with a text layer, RSS and Atom feeds) and returns one
//! [`ImportItem`] per article found.

mod archive;
mod boilerplate;
mod byline;
mod csvfile;
mod dateline;
mod decode;
mod docx;
mod feed;
mod html;
mod import;
mod item;
mod json;
mod lang;
mod mail;
mod origin;
mod outlet;
// Natively always; in the wasm only with the `wasm-pdf` feature, and then
// linked only into the page's PDF build (`import::enable_pdf`).
#[cfg(any(not(target_arch = "wasm32"), feature = "wasm-pdf"))]
mod pdf;
mod record;
mod sgm;
mod text;
mod transcript;

pub use archive::write_zip;
pub(crate) use csvfile::parse_csv_at;
pub use dateline::Dateline;
pub use decode::decode;
pub use html::parse_html;
#[cfg(all(target_arch = "wasm32", feature = "wasm-pdf"))]
pub use import::enable_pdf;
pub(crate) use import::named_once;
pub use import::{parse_file, parse_files, Format};
pub use item::{ImportItem, QuoteNote, RecordNotes};
pub(crate) use json::{parse_json_array_at, parse_json_lines_at};
pub use origin::{
    apply_folder, collection_file, folder_of, left_out_note, FolderAs, ImportOptions,
};
pub(crate) use text::parse_body;
pub use text::{parse_plain, parse_text};

use serde::{Deserialize, Serialize};

use crate::vocab::DateSource;

/// Inputs larger than this are refused with [`crate::Error::TooLarge`].
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// One speaker's turn in a transcript ("S.V. Lavrov: ...").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Turn {
    /// The speaker as printed, without the trailing colon ("S.V. Lavrov").
    pub speaker: String,
    /// The turn's text: its paragraphs joined by "\n\n", without the label.
    pub text: String,
    /// Index in [`Document::paragraphs`] of the turn's first paragraph.
    pub first_paragraph: usize,
    /// How many consecutive paragraphs the turn spans (at least 1).
    pub paragraph_count: usize,
}

/// Where a document's date came from, and how sure we are of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct DateInfo {
    /// How the date was found (serialized "dateline", "printed",
    /// "metadata" or "inferred").
    pub source: DateSource,
    /// 0.0..=1.0.
    pub confidence: f32,
    /// Human-readable evidence ("inferred from 'Feb. 12' + 'on Monday'").
    pub evidence: String,
}

/// A parsed news article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Document {
    /// The file name or path as given ("path#member" for archive members,
    /// "path#line" for JSONL/CSV records).
    pub file: String,
    /// The headline, when one was found.
    pub title: Option<String>,
    /// The outlet (publisher), when one was found.
    pub outlet: Option<String>,
    /// The section of the outlet ("sport", "business"), when the import
    /// was told to read it from the folder a file is in
    /// ([`FolderAs`]) or a record names one (a `section`, `category`,
    /// `desk` or `rubric` field of JSON, JSON Lines or CSV).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Authors from the byline, in order.
    pub authors: Vec<String>,
    /// Publication date as YYYY-MM-DD, when known.
    pub date: Option<String>,
    /// How [`Document::date`] was obtained.
    pub date_info: Option<DateInfo>,
    /// A header/site date that was seen but not trusted (e.g. "Friday, March 29").
    pub untrusted_date: Option<String>,
    /// Language code ("en").
    pub lang: String,
    /// Source URL, when one was found.
    pub url: Option<String>,
    /// Summary bullets printed before the headline.
    pub lead: Vec<String>,
    /// Clean body paragraphs (no boilerplate, no speaker labels).
    pub paragraphs: Vec<String>,
    /// Byte offset in [`Document::source`] where each paragraph starts
    /// (same length as `paragraphs`; empty when the parser that built the
    /// document does not track offsets). Paragraph text has its whitespace
    /// collapsed, so offsets inside a paragraph may drift from the source.
    #[serde(default)]
    pub paragraph_offsets: Vec<usize>,
    /// Indexes in [`Document::paragraphs`] of sub-headings ("Diplomatic
    /// track"): short lines without final punctuation, kept in the body.
    #[serde(default)]
    pub headings: Vec<usize>,
    /// Lines removed as boilerplate, in order of appearance.
    pub boilerplate: Vec<String>,
    /// Transcript turns, when the article is a Q&A or a transcript.
    pub turns: Vec<Turn>,
    /// The wire dateline cut from the first paragraph ("MOSCOW, January 28.
    /// /TASS/."), with its place, agency and date parts. Its month and day
    /// are kept even when it prints no year (then [`Document::date`] is
    /// null and the dates stage infers the year).
    #[serde(default)]
    pub dateline: Option<Dateline>,
    /// The full decoded source text; extractor offsets refer to it.
    pub source: String,
}

impl Document {
    /// The clean body: paragraphs joined by a blank line.
    pub fn text(&self) -> String {
        self.paragraphs.join("\n\n")
    }

    /// Word count of the clean body.
    pub fn word_count(&self) -> usize {
        self.paragraphs
            .iter()
            .map(|p| p.split_whitespace().count())
            .sum()
    }

    /// The speaker of paragraph `i`, when it belongs to a transcript turn.
    pub fn speaker_of(&self, i: usize) -> Option<&str> {
        self.turns
            .iter()
            .find(|t| i >= t.first_paragraph && i < t.first_paragraph + t.paragraph_count)
            .map(|t| t.speaker.as_str())
    }
}
