//! The inverted index: term dictionary, positional postings, field lengths,
//! scoring and serialization.
