//! The plain-text news parser.
//!
//! (Minimal first version: headline = first line, paragraphs = the other
//! non-empty lines. The full parser replaces it.)

use super::{decode, Document};
use crate::error::Result;

/// Parses a plain-text news article from raw bytes.
pub fn parse_text(name: &str, bytes: &[u8]) -> Result<Document> {
    let source = decode(name, bytes)?;
    let mut lines = source.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines.next().map(str::to_string);
    let paragraphs = lines.map(str::to_string).collect();
    Ok(Document {
        file: name.to_string(),
        title,
        lang: "en".to_string(),
        paragraphs,
        source,
        ..Document::default()
    })
}
