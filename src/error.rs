//! Errors of the Lede core.
//!
//! Every fallible step returns [`Result`]. Variants carry the data that
//! explains the failure (which file, which line, what was found); they are
//! turned into sentences once, at the edge (the CLI, `wasm.rs`, the page),
//! through [`std::fmt::Display`].

use std::fmt;

/// The result type of the Lede core.
pub type Result<T> = std::result::Result<T, Error>;

/// What went wrong, with the data needed to say so precisely.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The input had no bytes, or only whitespace.
    Empty { name: String },
    /// The input looks like binary data (NUL bytes, control characters).
    NotText { name: String, detail: String },
    /// The input is larger than the configured limit.
    TooLarge { name: String, size: u64, limit: u64 },
    /// The file type is not one Lede can import.
    UnsupportedFormat { name: String, detected: String },
    /// A JSON document or JSON Lines record is malformed.
    BadJson {
        name: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// A CSV file is malformed.
    BadCsv {
        name: String,
        line: usize,
        message: String,
    },
    /// An archive could not be read.
    BadArchive { name: String, message: String },
    /// A serialized index could not be loaded.
    BadIndex { message: String },
    /// Reading a file from disk failed (CLI only).
    Io { name: String, message: String },
    /// Anything else, with an explanation.
    Other { message: String },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Empty { name } => write!(f, "{name}: empty (no article text)"),
            Error::NotText { name, detail } => {
                write!(f, "{name}: not a text file ({detail})")
            }
            Error::TooLarge { name, size, limit } => write!(
                f,
                "{name}: too large ({:.1} MB; the limit is {:.1} MB)",
                *size as f64 / 1e6,
                *limit as f64 / 1e6
            ),
            Error::UnsupportedFormat { name, detected } => {
                write!(f, "{name}: unsupported file type ({detected})")
            }
            Error::BadJson {
                name,
                line,
                column,
                message,
            } => {
                write!(
                    f,
                    "{name}: bad JSON at line {line}, column {column}: {message}"
                )
            }
            Error::BadCsv {
                name,
                line,
                message,
            } => {
                write!(f, "{name}: bad CSV at line {line}: {message}")
            }
            Error::BadArchive { name, message } => {
                write!(f, "{name}: unreadable archive: {message}")
            }
            Error::BadIndex { message } => write!(f, "the stored index is unusable: {message}"),
            Error::Io { name, message } => write!(f, "{name}: cannot read: {message}"),
            Error::Other { message } => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for Error {}
