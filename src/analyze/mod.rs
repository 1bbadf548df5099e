//! Corpus analytics: concordance, collocations, keyness, near-duplicates,
//! cross-source statement alignment.
