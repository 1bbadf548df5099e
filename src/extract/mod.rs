//! Extractors: quotes with speakers, named entities, temporal expressions.
pub mod time;
