//! [`ImportItem`]: one article (or one failure) out of an imported file,
//! what every import parser returns. It sits below the parsers
//! (`csvfile`, `json`, `sgm`) and the format dispatch (`import`), so that
//! they depend on it and not on each other.

use super::Document;
use crate::error::{Error, Result};

/// One article (or one failure) out of an imported file.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportItem {
    /// What the item is called: the file name, or `file#line`,
    /// `file#index`, `file#member` for an item inside a file.
    pub file: String,
    /// The parsed document, or why this item could not be read.
    pub result: Result<Document>,
    /// What the parser changed or left out of a document it read, one
    /// sentence each, naming the item ("a.html: elements nest 5002 deep;
    /// …").
    pub notes: Vec<String>,
}

impl ImportItem {
    /// A failed item.
    pub fn err(file: &str, error: Error) -> ImportItem {
        ImportItem::new(file.to_string(), Err(error))
    }

    /// An item without notes.
    pub fn new(file: String, result: Result<Document>) -> ImportItem {
        ImportItem {
            file,
            result,
            notes: Vec::new(),
        }
    }

    /// The error item of a file that held nothing to import.
    pub fn empty(file: &str) -> ImportItem {
        ImportItem::err(
            file,
            Error::Empty {
                name: file.to_string(),
            },
        )
    }
}
