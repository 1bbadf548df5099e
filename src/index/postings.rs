//! Compressed positional postings: one byte stream per term.
//!
//! Each posting (one document that contains the term) is written as
//! LEB128 varints: the document id as a delta from the previous posting's
//! id, the term frequency in the title, the term frequency in the rest of
//! the document, then that many positions, each a delta from the one
//! before (the first is absolute). Doc ids only grow, so postings are
//! appended as documents arrive and never rewritten, except by
//! compaction.

/// Appends `v` to `out` as a LEB128 varint (1 to 5 bytes).
#[inline]
pub(crate) fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Bytes of `v` as a varint.
#[inline]
fn varint_len(v: u32) -> usize {
    match v {
        0..=0x7f => 1,
        0x80..=0x3fff => 2,
        0x4000..=0x1f_ffff => 3,
        0x20_0000..=0xfff_ffff => 4,
        _ => 5,
    }
}

/// Reads one varint at `*at`, advancing it; `None` when the bytes end
/// early or the value overflows 32 bits.
#[inline]
pub(crate) fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut v: u32 = 0;
    let mut shift = 0u32;
    loop {
        let b = *bytes.get(*at)?;
        *at += 1;
        if shift >= 32 || (shift == 28 && b > 0x0f) {
            return None;
        }
        v |= ((b & 0x7f) as u32) << shift;
        if b < 0x80 {
            return Some(v);
        }
        shift += 7;
    }
}

/// Skips `n` varints starting at `*at`; false when the bytes end early.
#[inline]
fn skip_varints(bytes: &[u8], at: &mut usize, n: u32) -> bool {
    let mut left = n;
    while left > 0 {
        match bytes.get(*at) {
            Some(&b) => {
                *at += 1;
                if b < 0x80 {
                    left -= 1;
                }
            }
            None => return false,
        }
    }
    true
}

/// Appends one posting to a term's stream. `prev_doc` is the id of the
/// stream's last posting (0 for an empty stream); `positions` are sorted.
pub(crate) fn write_posting(
    out: &mut Vec<u8>,
    prev_doc: u32,
    doc: u32,
    tf_title: u32,
    positions: &[u32],
) {
    // Grow by exactly what is needed or an eighth, not double: streams
    // are long-lived (most hold one or two postings), and doubling would
    // leave up to half of them as spare capacity.
    let n = positions.len() as u32;
    let mut need = varint_len(doc - prev_doc) + varint_len(tf_title) + varint_len(n - tf_title);
    let mut prev = 0;
    for &p in positions {
        need += varint_len(p - prev);
        prev = p;
    }
    if out.capacity() - out.len() < need {
        out.reserve_exact(need.max(out.len() / 8));
    }
    write_varint(out, doc - prev_doc);
    write_varint(out, tf_title);
    write_varint(out, positions.len() as u32 - tf_title);
    let mut prev = 0;
    for &p in positions {
        write_varint(out, p - prev);
        prev = p;
    }
}

/// One decoded posting; positions stay encoded until asked for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Posting<'a> {
    /// The document.
    pub doc: u32,
    /// Occurrences in the title.
    pub tf_title: u32,
    /// Occurrences in the lead and body.
    pub tf_body: u32,
    /// The encoded positions (tf_title + tf_body varints).
    pub positions: &'a [u8],
}

impl Posting<'_> {
    /// Decodes the positions into `out` (cleared first).
    pub(crate) fn decode_positions(&self, out: &mut Vec<u32>) {
        out.clear();
        let mut at = 0;
        let mut p = 0u32;
        while let Some(d) = read_varint(self.positions, &mut at) {
            p = p.saturating_add(d);
            out.push(p);
        }
    }
}

/// Iterates the postings of one term's stream in doc order.
#[derive(Debug, Clone)]
pub(crate) struct PostingsReader<'a> {
    bytes: &'a [u8],
    at: usize,
    doc: u32,
}

impl<'a> PostingsReader<'a> {
    /// A reader at the start of `bytes`.
    pub(crate) fn new(bytes: &'a [u8]) -> PostingsReader<'a> {
        PostingsReader {
            bytes,
            at: 0,
            doc: 0,
        }
    }
}

impl<'a> Iterator for PostingsReader<'a> {
    type Item = Posting<'a>;

    fn next(&mut self) -> Option<Posting<'a>> {
        let b = self.bytes;
        let delta = read_varint(b, &mut self.at)?;
        let tf_title = read_varint(b, &mut self.at)?;
        let tf_body = read_varint(b, &mut self.at)?;
        let start = self.at;
        if !skip_varints(b, &mut self.at, tf_title.saturating_add(tf_body)) {
            self.at = b.len();
            return None;
        }
        self.doc = self.doc.checked_add(delta)?;
        Some(Posting {
            doc: self.doc,
            tf_title,
            tf_body,
            positions: &b[start..self.at],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        let mut v = Vec::new();
        for x in [0u32, 1, 127, 128, 300, 16_383, 16_384, u32::MAX] {
            write_varint(&mut v, x);
        }
        let mut at = 0;
        for x in [0u32, 1, 127, 128, 300, 16_383, 16_384, u32::MAX] {
            assert_eq!(read_varint(&v, &mut at), Some(x));
        }
        assert_eq!(read_varint(&v, &mut at), None);
        assert_eq!(
            read_varint(&[0xff, 0xff, 0xff, 0xff, 0xff, 0x01], &mut 0),
            None
        );
    }

    #[test]
    fn varint_lengths() {
        for x in [
            0u32,
            127,
            128,
            16_383,
            16_384,
            2_097_151,
            2_097_152,
            u32::MAX,
        ] {
            let mut v = Vec::new();
            write_varint(&mut v, x);
            assert_eq!(v.len(), varint_len(x), "{x}");
        }
    }

    #[test]
    fn postings_round_trip() {
        let mut s = Vec::new();
        write_posting(&mut s, 0, 0, 1, &[0, 60, 61]);
        write_posting(&mut s, 0, 7, 0, &[100]);
        write_posting(&mut s, 7, 300, 0, &[3, 9000]);
        let got: Vec<_> = PostingsReader::new(&s).collect();
        assert_eq!(got.len(), 3);
        assert_eq!((got[0].doc, got[0].tf_title, got[0].tf_body), (0, 1, 2));
        assert_eq!(got[2].doc, 300);
        let mut p = Vec::new();
        got[2].decode_positions(&mut p);
        assert_eq!(p, [3, 9000]);
        got[0].decode_positions(&mut p);
        assert_eq!(p, [0, 60, 61]);
    }

    #[test]
    fn truncated_stream_ends_without_panic() {
        let mut s = Vec::new();
        write_posting(&mut s, 0, 5, 0, &[1, 2, 3]);
        s.truncate(s.len() - 1);
        assert_eq!(PostingsReader::new(&s).count(), 0);
    }
}
