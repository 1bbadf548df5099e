//! Bytes to text: BOM sniffing, UTF-8, then a legacy fallback.

use crate::error::{Error, Result};

/// Decodes `bytes` (the content of the file `name`) to text.
///
/// Order: a byte-order mark (UTF-8, UTF-16LE/BE) wins; then UTF-16
/// without a mark, told by its zero bytes ([`utf16_without_bom`]); then
/// strict UTF-8;
/// then windows-1251 when the bytes look Cyrillic, else windows-1252
/// (a superset of Latin-1). Binary data (NUL bytes or many control
/// characters) is refused with [`Error::NotText`], an empty input with
/// [`Error::Empty`], and input over [`super::MAX_FILE_BYTES`] with
/// [`Error::TooLarge`].
pub fn decode(name: &str, bytes: &[u8]) -> Result<String> {
    decode_with_hint(name, bytes, None)
}

/// Decodes an HTML page: like [`decode`], but a `<meta charset=...>` or
/// `<meta http-equiv="Content-Type" content="...; charset=...">` in the
/// first 4 KiB is obeyed when there is no byte-order mark. A declared
/// UTF-8 that does not validate falls back to the legacy guess.
pub(crate) fn decode_html(name: &str, bytes: &[u8]) -> Result<String> {
    decode_with_hint(name, bytes, sniff_meta_charset(bytes))
}

/// Decodes `bytes` with the encoding `hint` when one was declared (after a
/// byte-order mark, which always wins); see [`decode`] for the rest.
fn decode_with_hint(
    name: &str,
    bytes: &[u8],
    hint: Option<&'static encoding_rs::Encoding>,
) -> Result<String> {
    if bytes.len() as u64 > super::MAX_FILE_BYTES {
        return Err(Error::TooLarge {
            name: name.to_string(),
            size: bytes.len() as u64,
            limit: super::MAX_FILE_BYTES,
        });
    }
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return check_text(name, text.into_owned());
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty {
            name: name.to_string(),
        });
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let text = enc.decode_without_bom_handling(bytes).0.into_owned();
        if !looks_binary(text.as_bytes()) {
            return check_text(name, text);
        }
    }
    if looks_binary(bytes) {
        return Err(Error::NotText {
            name: name.to_string(),
            detail: "it contains binary data".to_string(),
        });
    }
    if let Some(enc) = hint {
        // UTF-16 cannot be declared from inside an ASCII-compatible page.
        if enc != encoding_rs::UTF_8 && enc.is_ascii_compatible() {
            return check_text(name, enc.decode_without_bom_handling(bytes).0.into_owned());
        }
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let enc = if looks_cyrillic_1251(bytes) {
                encoding_rs::WINDOWS_1251
            } else {
                encoding_rs::WINDOWS_1252
            };
            enc.decode_without_bom_handling(bytes).0.into_owned()
        }
    };
    check_text(name, text)
}

/// Finds the charset an HTML page declares in a `<meta>` tag within its
/// first 4 KiB (the HTML standard's prescan looks at 1 KiB; real pages put
/// long `<script>`s first). Unknown labels give `None`.
fn sniff_meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let mut rest = &tag[c + b"charset".len()..];
            rest = trim_start(rest);
            if let Some(r) = rest.strip_prefix(b"=") {
                let r = trim_start(r);
                let r = r
                    .strip_prefix(b"\"")
                    .or_else(|| r.strip_prefix(b"'"))
                    .unwrap_or(r);
                let label_len = r
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                    .unwrap_or(r.len());
                if let Some(enc) = encoding_rs::Encoding::for_label(&r[..label_len]) {
                    // The standard maps a declared UTF-16 to UTF-8 here.
                    return Some(if enc.is_ascii_compatible() {
                        enc
                    } else {
                        encoding_rs::UTF_8
                    });
                }
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(mut s: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = s {
        if first.is_ascii_whitespace() {
            s = rest;
        } else {
            break;
        }
    }
    s
}

fn check_text(name: &str, text: String) -> Result<String> {
    if text.trim().is_empty() {
        return Err(Error::Empty {
            name: name.to_string(),
        });
    }
    Ok(text)
}

/// UTF-16 without a byte-order mark: text mostly in U+0000..U+00FF (Latin, digits,
/// punctuation, whitespace) has a zero byte in every other position, the
/// odd ones in little-endian, the even ones in big-endian. At least 60% of
/// the first 8 KiB's characters so, and under 5% zeros on the other side.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(8192) & !1];
    let chars = head.len() / 2;
    if chars < 2 {
        return None;
    }
    let zeros = |from: usize| {
        head.iter()
            .skip(from)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 10 >= chars * 6 && even * 20 <= chars {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= chars * 6 && odd * 20 <= chars {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// NUL bytes, or more than 2% C0 control characters other than whitespace,
/// in the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 50 > head.len()
}

/// windows-1251 puts Cyrillic letters at 0xC0..=0xFF; a text where most
/// high bytes fall there and form runs is more likely Cyrillic than Latin.
fn looks_cyrillic_1251(bytes: &[u8]) -> bool {
    let high: Vec<u8> = bytes.iter().copied().filter(|&b| b >= 0x80).collect();
    if high.len() < 8 {
        return false;
    }
    let cyr = high.iter().filter(|&&b| b >= 0xC0).count();
    let runs = bytes
        .windows(2)
        .filter(|w| w[0] >= 0xC0 && w[1] >= 0xC0)
        .count();
    cyr * 10 >= high.len() * 8 && runs * 2 >= cyr
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_is_decoded_not_rejected() {
        let s = decode("x.txt", b"Caf\xe9 au lait").unwrap();
        assert_eq!(s, "Café au lait");
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert!(matches!(decode("e", b""), Err(Error::Empty { .. })));
        assert!(matches!(decode("e", b"  \n "), Err(Error::Empty { .. })));
        assert!(matches!(
            decode("b", b"\x00\x01\x02abc"),
            Err(Error::NotText { .. })
        ));
    }

    #[test]
    fn bom_wins() {
        assert_eq!(decode("u", b"\xef\xbb\xbfhi").unwrap(), "hi");
        assert_eq!(decode("u", b"\xff\xfeh\x00i\x00").unwrap(), "hi");
    }

    #[test]
    fn meta_charset_is_obeyed() {
        let page = b"<html><head><meta charset=windows-1252><title>x</title></head><body>\x93Quoted\x94 caf\xe9</body></html>";
        let s = decode_html("p.html", page).unwrap();
        assert!(s.contains("\u{201c}Quoted\u{201d} café"), "{s}");
        let page = b"<meta http-equiv='Content-Type' content='text/html; charset=KOI8-R'>\xf0\xd2\xc9\xd7\xc5\xd4";
        assert!(decode_html("p.html", page).unwrap().ends_with("Привет"));
        assert_eq!(sniff_meta_charset(b"<meta charset=\"bogus\">"), None);
        // A declared UTF-8 that is not valid falls back to the guess.
        let page = b"<meta charset=utf-8><p>caf\xe9</p>";
        assert!(decode_html("p.html", page).unwrap().contains("café"));
    }

    #[test]
    fn cyrillic_fallback() {
        // "Привет мир" in windows-1251
        let b = b"\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0";
        assert_eq!(decode("r", b).unwrap(), "Привет мир");
    }

    #[test]
    fn utf16_without_a_bom_is_decoded() {
        let text = "Headline\n\nMOSCOW, Jan 28 (TASS). Café talks — “quoted”.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode("le.txt", &le).unwrap(), text);
        assert_eq!(decode("be.txt", &be).unwrap(), text);
        // Binary with zeros in every other byte is still binary.
        let bin: Vec<u8> = (0..200u8).flat_map(|i| [i % 7, 0]).collect();
        assert!(matches!(decode("b", &bin), Err(Error::NotText { .. })));
    }
}
