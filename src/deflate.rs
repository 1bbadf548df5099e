//! The crate's one compressor: raw deflate and zlib streams, through
//! `flate2` with its zlib-rs backend in native builds (the CLI's `lede
//! build`: 1.5 times miniz_oxide's speed at level 9, the same size) and
//! through miniz_oxide in the wasm (already there; going through flate2
//! there added 9 KB). The streams are standard, so either reads what the
//! other wrote; decompression stays with miniz_oxide (as fast on these
//! members).

#[cfg(not(target_arch = "wasm32"))]
use std::io::Write;

#[cfg(not(target_arch = "wasm32"))]
use flate2::Compression;

/// `data` as a raw deflate stream at `level` (0 to 9).
#[cfg(target_arch = "wasm32")]
pub(crate) fn deflate(data: &[u8], level: u8) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(data, level.min(9))
}

/// `data` as a zlib stream (header, deflate, Adler-32) at `level`.
#[cfg(target_arch = "wasm32")]
pub(crate) fn zlib(data: &[u8], level: u8) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, level.min(9))
}

/// `data` as a raw deflate stream at `level` (0 to 9).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn deflate(data: &[u8], level: u8) -> Vec<u8> {
    use flate2::write::DeflateEncoder;
    encode(
        DeflateEncoder::new(out_for(data), of(level)),
        data,
        DeflateEncoder::finish,
    )
}

/// `data` as a zlib stream (header, deflate, Adler-32) at `level`.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn zlib(data: &[u8], level: u8) -> Vec<u8> {
    use flate2::write::ZlibEncoder;
    encode(
        ZlibEncoder::new(out_for(data), of(level)),
        data,
        ZlibEncoder::finish,
    )
}

/// The output buffer for `data`'s stream.
#[cfg(not(target_arch = "wasm32"))]
fn out_for(data: &[u8]) -> Vec<u8> {
    Vec::with_capacity(data.len() / 2 + 64)
}

/// flate2's level for `level` (at most 9).
#[cfg(not(target_arch = "wasm32"))]
fn of(level: u8) -> Compression {
    Compression::new(u32::from(level.min(9)))
}

/// `data` written through encoder `e`, then its stream (`finish`).
#[cfg(not(target_arch = "wasm32"))]
fn encode<E: Write>(
    mut e: E,
    data: &[u8],
    finish: impl FnOnce(E) -> std::io::Result<Vec<u8>>,
) -> Vec<u8> {
    // Writing to a Vec cannot fail.
    e.write_all(data).expect("deflate into memory");
    finish(e).expect("deflate into memory")
}

#[cfg(test)]
mod tests {
    #[test]
    fn miniz_reads_what_it_writes() {
        let text = "the minister said the talks would go on ".repeat(200);
        let raw = super::deflate(text.as_bytes(), 9);
        assert!(raw.len() < text.len() / 10);
        assert_eq!(
            miniz_oxide::inflate::decompress_to_vec(&raw).unwrap(),
            text.as_bytes()
        );
        let z = super::zlib(text.as_bytes(), 6);
        assert_eq!(
            miniz_oxide::inflate::decompress_to_vec_zlib(&z).unwrap(),
            text.as_bytes()
        );
        assert_eq!(super::deflate(b"", 9).len(), 2);
    }
}
