//! Lede: an offline news-corpus explorer.
//!
//! Bytes flow one way through the stages, one module each:
//!
//! - [`doc`]: bytes → [`Document`] (decoding, format parsers, boilerplate);
//! - `text`: the analysis chain (tokens, normalization, stems, sentences)
//!   shared by everything downstream;
//! - `index`: the inverted index with positions;
//! - `query`: query text → plan → hits, snippets and facets;
//! - `extract`: quotes, entities and temporal expressions;
//! - `analyze`: concordance, collocations, keyness, near-duplicates and
//!   cross-source alignment.
//!
//! [`Corpus`] ties them together; the CLI (`src/bin/lede.rs`) and the
//! WebAssembly boundary (`src/wasm.rs`) both drive a `Corpus` and nothing
//! else.

pub mod analyze;
mod corpus;
pub mod doc;
mod error;
pub mod extract;
pub mod index;
pub mod query;
mod seeds;
pub mod text;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use corpus::{Corpus, DocId, DocSummary, Imported};
pub use doc::{Document, Turn};
pub use error::{Error, Result};
pub use seeds::SEEDS;
