//! Spans of text that say their unit.
//!
//! Offsets into a text come in three units: bytes (what Rust slices and
//! every extractor stores), Unicode scalar values ("characters": the CLI
//! contract, Python's `str`, the TimeML evaluation) and UTF-16 code units
//! (JavaScript strings, the page). A [`Span<U>`] is a half-open range
//! `[start, end)` in unit `U`; converting between units is done by
//! `extract::CharOffsets` (bytes → characters or UTF-16) and
//! `locate::Offsets` (characters → bytes, bytes → paragraph UTF-16), whose
//! signatures say which unit goes in and which comes out.

use std::fmt;
use std::marker::PhantomData;

/// A unit of text offsets.
pub trait Unit {
    /// The unit's name ("bytes", "chars", "utf16").
    const NAME: &'static str;
}

/// UTF-8 bytes.
#[derive(Debug)]
pub enum Bytes {}

/// Unicode scalar values.
#[derive(Debug)]
pub enum Chars {}

/// UTF-16 code units.
#[derive(Debug)]
pub enum Utf16 {}

impl Unit for Bytes {
    const NAME: &'static str = "bytes";
}

impl Unit for Chars {
    const NAME: &'static str = "chars";
}

impl Unit for Utf16 {
    const NAME: &'static str = "utf16";
}

/// A half-open range `[start, end)` of offsets in unit `U`.
pub struct Span<U> {
    /// The first offset in the span.
    pub start: usize,
    /// The offset just past the span.
    pub end: usize,
    unit: PhantomData<fn() -> U>,
}

/// A span in UTF-8 bytes.
pub type ByteSpan = Span<Bytes>;
/// A span in Unicode scalar values.
pub type CharSpan = Span<Chars>;
/// A span in UTF-16 code units.
pub type Utf16Span = Span<Utf16>;

impl<U> Span<U> {
    /// The span `[start, end)`.
    pub const fn new(start: usize, end: usize) -> Span<U> {
        Span {
            start,
            end,
            unit: PhantomData,
        }
    }

    /// Its length in its unit (0 when `end <= start`).
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether it covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

impl<U> Clone for Span<U> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<U> Copy for Span<U> {}

impl<U> PartialEq for Span<U> {
    fn eq(&self, other: &Self) -> bool {
        (self.start, self.end) == (other.start, other.end)
    }
}

impl<U> Eq for Span<U> {}

impl<U: Unit> fmt::Debug for Span<U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{} ({})", self.start, self.end, U::NAME)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_know_their_length_and_unit() {
        let s = ByteSpan::new(3, 7);
        assert_eq!(s.len(), 4);
        assert!(!s.is_empty());
        assert!(CharSpan::new(5, 5).is_empty());
        assert_eq!(Utf16Span::new(7, 2).len(), 0);
        assert_eq!(format!("{s:?}"), "3..7 (bytes)");
        assert_eq!(s, ByteSpan::new(3, 7));
    }
}
