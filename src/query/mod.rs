//! The query language: text → syntax tree → plan → hits, snippets, facets.
