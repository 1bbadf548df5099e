//! The analysis chain shared by the index, the query parser and the
//! extractors: segmentation ([`tokenize`]), normalization ([`normalize`]),
//! stemming ([`Analyzer`]), stop-words ([`is_stopword`]) and sentence
//! boundaries ([`split_sentences`]), and the month and weekday names
//! ([`calendar`]) that parser, extractors and time tagger share.
//!
//! Index time and query time run the very same chain, so a query term
//! matches exactly the indexed terms it should. Stop-words are kept, with
//! their positions, so that phrases like "indivisibility of security"
//! match exactly; ranking discounts them through IDF alone.

mod analyzer;
pub(crate) mod calendar;
mod normalize;
mod sentences;
mod stopwords;
mod tokenize;

pub use analyzer::Analyzer;
pub(crate) use normalize::{fold_char, normalize, normalize_into};
pub(crate) use sentences::{is_abbreviation, split_sentences};
pub(crate) use stopwords::is_stopword;
pub(crate) use tokenize::{for_each_word, for_each_word_bound, glued_initials};
pub use tokenize::{tokenize, Token};
