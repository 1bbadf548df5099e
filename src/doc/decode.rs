//! Bytes to text: BOM sniffing, UTF-8, then a legacy fallback.

use crate::error::{Error, Result};

/// Decodes `bytes` (the content of the file `name`) to text.
///
/// Order: a byte-order mark (UTF-8, UTF-16LE/BE) wins; then strict UTF-8;
/// then windows-1251 when the bytes look Cyrillic, else windows-1252
/// (a superset of Latin-1). Binary data (NUL bytes or many control
/// characters) is refused with [`Error::NotText`], an empty input with
/// [`Error::Empty`], and input over [`super::MAX_FILE_BYTES`] with
/// [`Error::TooLarge`].
pub fn decode(name: &str, bytes: &[u8]) -> Result<String> {
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
    if looks_binary(bytes) {
        return Err(Error::NotText {
            name: name.to_string(),
            detail: "it contains binary data".to_string(),
        });
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

fn check_text(name: &str, text: String) -> Result<String> {
    if text.trim().is_empty() {
        return Err(Error::Empty {
            name: name.to_string(),
        });
    }
    Ok(text)
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
    fn cyrillic_fallback() {
        // "Привет мир" in windows-1251
        let b = b"\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0";
        assert_eq!(decode("r", b).unwrap(), "Привет мир");
    }
}
