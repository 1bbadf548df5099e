//! The crate's one byte-string hash: 64-bit FNV-1a (Fowler, Noll, Vo),
//! below every module that hashes text.
//!
//! Its values are stored, so they must never change: the index checksum
//! (`index/serialize.rs`), the NER model's feature hashes (the weights in
//! `models/ner.bin` are keyed by them, `extract/ner`), and the text
//! fingerprints of exact-duplicate detection (`corpus.rs`,
//! `analyze/dedup.rs`). The callers add their own framing (separators,
//! final mixing) on top of the same [`Fnv1a`].
//!
//! Hash maps keyed by integers use `rustc_hash` (Fx), not this.

/// FNV-1a 64 offset basis.
const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a 64 prime.
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// An FNV-1a 64 state, fed byte by byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Fnv1a {
        Fnv1a::new()
    }
}

impl Fnv1a {
    /// The state before any byte (the offset basis).
    pub(crate) const fn new() -> Fnv1a {
        Fnv1a(OFFSET)
    }

    /// Feeds one byte.
    #[inline]
    pub(crate) fn byte(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(PRIME);
    }

    /// Feeds bytes in order.
    #[inline]
    pub(crate) fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.byte(b);
        }
    }

    /// The hash of the bytes fed so far.
    pub(crate) const fn finish(self) -> u64 {
        self.0
    }
}

/// FNV-1a 64 of `bytes`.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = Fnv1a::new();
    h.bytes(bytes);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_test_vectors() {
        // From the FNV reference test suite (fnv1a64 of "", "a", "foobar").
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn bytes_fed_in_pieces_hash_as_one_run() {
        let mut h = Fnv1a::new();
        h.bytes(b"foo");
        h.byte(b'b');
        h.bytes(b"ar");
        assert_eq!(h.finish(), fnv1a(b"foobar"));
    }
}
