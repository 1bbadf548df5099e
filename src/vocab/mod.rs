//! The shared vocabulary: the small types every stage speaks, defined
//! once, at the bottom. This module depends on nothing else in the crate;
//! everything else uses it.
//!
//! - [`DocId`]: a document's number in a corpus and its index.
//! - [`Date`] (and [`Month`]): calendar dates, read from and written as
//!   "YYYY-MM-DD" in exactly one place; the document model keeps the
//!   string, every stage that reads or counts dates goes through `Date`.
//! - [`DateSource`]: where a document's date came from, serialized as
//!   "dateline", "printed", "metadata" or "inferred"; [`DATE_CONFIDENCE`]:
//!   how sure each way is, beside the bar an inferred date must reach.
//! - [`Field`]: a document field, and the kind of every keyword value
//!   (outlet, author, speaker, person, …) handed to the index.
//! - [`Span`]: a range of offsets that says its unit ([`ByteSpan`],
//!   [`CharSpan`], [`Utf16Span`]).

mod date;
mod field;
mod flag;
mod note;
mod span;

pub use date::{
    add_month, days_in_month, Date, DateConfidence, DateSource, Month, NotADate, DATE_CONFIDENCE,
};
pub use field::Field;
pub use flag::FlagKind;
pub use note::{same_tag, Note};
pub use span::{ByteSpan, Bytes, CharSpan, Chars, Span, Unit, Utf16, Utf16Span};

/// A stable document identifier within a corpus and its index (never
/// reused).
pub type DocId = u32;
