//! Extractors: quotes with speakers, named entities, temporal expressions.

pub mod gazetteer;
pub mod ner;
