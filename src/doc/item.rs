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
}

impl ImportItem {
    /// A failed item.
    pub fn err(file: &str, error: Error) -> ImportItem {
        ImportItem {
            file: file.to_string(),
            result: Err(error),
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
