//! Lede: an offline news-corpus explorer.
//!
//! Bytes flow one way through the stages, one module each:
//!
//! - `vocab`: the shared vocabulary under every stage ([`DocId`],
//!   [`Date`], [`DateSource`], [`Field`], [`Span`]);
//! - [`doc`]: bytes → [`Document`] (decoding, format parsers, boilerplate);
//! - `text`: the analysis chain (tokens, normalization, stems, sentences)
//!   shared by everything downstream;
//! - `index`: the inverted index with positions;
//! - `query`: query text → plan → hits, snippets and facets;
//! - `extract`: quotes, entities and temporal expressions;
//! - `analyze`: concordance, collocations, keyness, near-duplicates and
//!   cross-source alignment.
//!
//! [`Corpus`] ties them together (`snapshot` is its stored form, for
//! IndexedDB; [`Tags`] the researcher's tags and notes on it); the CLI (`src/bin/lede.rs`) and the
//! WebAssembly boundary (`src/wasm.rs`) both drive a `Corpus` and nothing
//! else.

pub mod analyze;
mod corpus;
mod corpus_build;
pub mod corpus_file;
mod deflate;
pub mod doc;
mod error;
pub mod extract;
mod hash;
pub mod index;
pub mod locate;
mod par;
pub mod query;
mod quotes;
mod seeds;
mod snapshot;
pub mod tags;
pub mod text;
mod views;
mod vocab;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use corpus::{
    keyword_fields, Corpus, DocSummary, Duplicate, Extracted, ImportError, ImportNote, ImportReport,
};
pub use doc::{Document, FolderAs, ImportOptions, Turn};
pub use error::{Error, Result};
pub use index::Index;
pub use par::without_huge_pages;
pub use query::{SearchOptions, SearchResults, Sort};
pub use quotes::{quote_search_options, QuoteHit, QuoteResults, MAX_QUOTE_DOCS};
pub use seeds::SEEDS;
pub use tags::{Tags, Target};
pub use views::{
    Annotations, MentionCount, Timeline, TimelineCounts, TimelineItem, TimexMark, MAX_ALIGN_DOCS,
};
pub use vocab::{
    ByteSpan, Bytes, CharSpan, Chars, Date, DateConfidence, DateSource, DocId, Field, Month,
    NotADate, Span, Unit, Utf16, Utf16Span, DATE_CONFIDENCE,
};
#[cfg(target_arch = "wasm32")]
pub use wasm::{load_data, Engine};
