//! The analysis chain shared by the index, the query parser and the
//! extractors: segmentation, normalization, stemming, sentences.
