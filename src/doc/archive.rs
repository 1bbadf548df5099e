//! ZIP archives: a small, defensive reader over `miniz_oxide`.
//!
//! Only what news dumps use is read: stored (method 0) and deflated
//! (method 8) members, found through the central directory. Guards against
//! zip bombs: at most [`MAX_MEMBERS`] members, each inflated to at most
//! [`super::MAX_FILE_BYTES`], the members of one archive (nested archives
//! included) to at most [`MAX_ARCHIVE_BYTES`] together and those of all
//! the archives of one import to at most [`MAX_IMPORT_BYTES`], and
//! archives nested at most [`MAX_DEPTH`] deep.
//! Directories, macOS resource forks (`__MACOSX/`, `._name`) and hidden
//! files are skipped; an encrypted, damaged or otherwise unreadable
//! member is an error for that member only.

use crate::error::{Error, Result};

/// The most members an archive may list.
const MAX_MEMBERS: usize = 100_000;
/// The most bytes the members of one archive (with the archives inside
/// it) may inflate to, together. A page holds an imported document at
/// about five times its text (source, paragraphs, index, extractions:
/// 1 GB of members took 5.1 GB in a tab), so 256 MB keeps one archive
/// near a gigabyte and fits a tab (wasm32 tops out at 4 GB).
pub(crate) const MAX_ARCHIVE_BYTES: u64 = 256 * 1024 * 1024;
/// The most bytes the members of all the archives of one import (one
/// `parse_files` call: a page's batch, a CLI run's files) may inflate to.
pub(crate) const MAX_IMPORT_BYTES: u64 = 512 * 1024 * 1024;
/// How deep archives may nest inside archives.
pub(crate) const MAX_DEPTH: usize = 4;

/// One member of an archive, as listed in its central directory.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Member {
    /// The member's path inside the archive.
    pub name: String,
    /// Compression method (0 stored, 8 deflate).
    method: u16,
    /// General-purpose flags (bit 0: encrypted).
    flags: u16,
    crc: u32,
    compressed_size: u64,
    /// Size once inflated, as the directory claims it.
    pub size: u64,
    local_offset: u64,
}

/// A ZIP archive's listing, borrowed over its bytes.
pub(crate) struct Zip<'a> {
    bytes: &'a [u8],
    /// The members in directory order (skipped entries already removed).
    pub members: Vec<Member>,
}

/// Whether `bytes` start like a ZIP archive (a local header or an empty
/// archive's end record).
pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

fn bad(name: &str, message: impl Into<String>) -> Error {
    Error::BadArchive {
        name: name.to_string(),
        message: message.into(),
    }
}

impl<'a> Zip<'a> {
    /// Reads the central directory of the archive `name`.
    pub(crate) fn open(name: &str, bytes: &'a [u8]) -> Result<Zip<'a>> {
        // The end-of-central-directory record is in the last 64 KiB + 22.
        let min_start = bytes.len().saturating_sub(65_557);
        let eocd = (min_start..bytes.len().saturating_sub(21))
            .rev()
            .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
            .ok_or_else(|| bad(name, "no end-of-directory record (truncated?)"))?;
        let mut count = u16_at(bytes, eocd + 10).unwrap_or(0) as u64;
        let mut dir_offset = u32_at(bytes, eocd + 16).unwrap_or(0) as u64;
        // ZIP64: a locator just before the end record points to the real one.
        if (count == 0xFFFF || dir_offset == 0xFFFF_FFFF) && eocd >= 20 {
            let loc = eocd - 20;
            if bytes[loc..].starts_with(b"PK\x06\x07") {
                let rec = u64_at(bytes, loc + 8).unwrap_or(u64::MAX) as usize;
                if bytes
                    .get(rec..)
                    .is_some_and(|r| r.starts_with(b"PK\x06\x06"))
                {
                    count = u64_at(bytes, rec + 32).unwrap_or(0);
                    dir_offset = u64_at(bytes, rec + 48).unwrap_or(u64::MAX);
                }
            }
        }
        if count as usize > MAX_MEMBERS {
            return Err(bad(
                name,
                format!("{count} members; the limit is {MAX_MEMBERS}"),
            ));
        }
        let mut at = usize::try_from(dir_offset).map_err(|_| bad(name, "bad directory offset"))?;
        let mut members = Vec::new();
        for _ in 0..count {
            if !bytes
                .get(at..)
                .is_some_and(|r| r.starts_with(b"PK\x01\x02"))
            {
                return Err(bad(name, "damaged central directory"));
            }
            let field = |o: usize| u16_at(bytes, at + o).ok_or_else(|| bad(name, "truncated"));
            let flags = field(8)?;
            let method = field(10)?;
            let crc = u32_at(bytes, at + 16).unwrap_or(0);
            let mut compressed_size = u32_at(bytes, at + 20).unwrap_or(0) as u64;
            let mut size = u32_at(bytes, at + 24).unwrap_or(0) as u64;
            let name_len = field(28)? as usize;
            let extra_len = field(30)? as usize;
            let comment_len = field(32)? as usize;
            let mut local_offset = u32_at(bytes, at + 42).unwrap_or(0) as u64;
            let raw_name = bytes
                .get(at + 46..at + 46 + name_len)
                .ok_or_else(|| bad(name, "truncated member name"))?;
            let extra = bytes
                .get(at + 46 + name_len..at + 46 + name_len + extra_len)
                .unwrap_or(&[]);
            read_zip64_extra(extra, &mut size, &mut compressed_size, &mut local_offset);
            // Bit 11: the name is UTF-8; otherwise CP437, of which the
            // ASCII part is all that is decoded faithfully here.
            let member_name = if flags & 0x800 != 0 {
                String::from_utf8_lossy(raw_name).into_owned()
            } else {
                match std::str::from_utf8(raw_name) {
                    Ok(s) => s.to_string(),
                    Err(_) => encoding_rs::WINDOWS_1252
                        .decode_without_bom_handling(raw_name)
                        .0
                        .into_owned(),
                }
            };
            at += 46 + name_len + extra_len + comment_len;
            if skipped(&member_name) {
                continue;
            }
            members.push(Member {
                name: member_name,
                method,
                flags,
                crc,
                compressed_size,
                size,
                local_offset,
            });
        }
        Ok(Zip { bytes, members })
    }

    /// Inflates `member`, refusing more than `limit` bytes.
    pub(crate) fn read(&self, archive: &str, member: &Member, limit: u64) -> Result<Vec<u8>> {
        let name = format!("{archive}#{}", member.name);
        if member.flags & 1 != 0 {
            return Err(bad(&name, "the member is encrypted"));
        }
        if member.size > limit {
            return Err(Error::TooLarge {
                name,
                size: member.size,
                limit,
            });
        }
        let at = usize::try_from(member.local_offset).map_err(|_| bad(&name, "bad offset"))?;
        if !self
            .bytes
            .get(at..)
            .is_some_and(|r| r.starts_with(b"PK\x03\x04"))
        {
            return Err(bad(&name, "damaged local header"));
        }
        let name_len = u16_at(self.bytes, at + 26).unwrap_or(0) as usize;
        let extra_len = u16_at(self.bytes, at + 28).unwrap_or(0) as usize;
        let start = at + 30 + name_len + extra_len;
        let end = usize::try_from(member.compressed_size)
            .ok()
            .and_then(|n| start.checked_add(n))
            .ok_or_else(|| bad(&name, "bad member size"))?;
        let data = self
            .bytes
            .get(start..end)
            .ok_or_else(|| bad(&name, "the member runs past the end of the archive"))?;
        let out = match member.method {
            0 => data.to_vec(),
            8 => {
                let cap =
                    usize::try_from(limit.min(member.size.saturating_add(1))).unwrap_or(usize::MAX);
                miniz_oxide::inflate::decompress_to_vec_with_limit(data, cap.max(1)).map_err(
                    |e| match e.status {
                        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                            bad(&name, "the member inflates past its declared size")
                        }
                        _ => bad(&name, "corrupt deflate data"),
                    },
                )?
            }
            m => {
                return Err(bad(
                    &name,
                    format!("compression method {m} is not supported (only stored and deflate)"),
                ))
            }
        };
        if out.len() as u64 != member.size {
            return Err(bad(&name, "the member's size does not match the directory"));
        }
        if crc32(&out) != member.crc {
            return Err(bad(&name, "checksum mismatch (corrupt member)"));
        }
        Ok(out)
    }
}

fn read_zip64_extra(extra: &[u8], size: &mut u64, compressed: &mut u64, offset: &mut u64) {
    let mut i = 0;
    while i + 4 <= extra.len() {
        let id = u16_at(extra, i).unwrap_or(0);
        let len = u16_at(extra, i + 2).unwrap_or(0) as usize;
        if id == 0x0001 {
            let mut j = i + 4;
            for slot in [size, compressed, offset] {
                if *slot == 0xFFFF_FFFF {
                    if let Some(v) = u64_at(extra, j) {
                        *slot = v;
                        j += 8;
                    }
                }
            }
            return;
        }
        i += 4 + len;
    }
}

/// Directories, resource forks and hidden files.
fn skipped(path: &str) -> bool {
    path.ends_with('/')
        || path.starts_with("__MACOSX/")
        || path
            .rsplit('/')
            .next()
            .is_some_and(|base| base.starts_with('.') || base.is_empty())
}

/// The CRC-32 (IEEE) of `data`.
/// CRC-32 (ZIP's checksum), from the `crc32fast` crate the corpus file
/// uses too.
fn crc32(data: &[u8]) -> u32 {
    crc32fast::hash(data)
}

/// Writes a ZIP archive of `members` (name, bytes, deflate?): for tests,
/// examples and fuzzing seeds. Not a general-purpose writer.
pub fn write_zip(members: &[(&str, &[u8], bool)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut dir = Vec::new();
    for (name, data, deflate) in members {
        let offset = out.len() as u32;
        let (method, body) = if *deflate {
            (8u16, miniz_oxide::deflate::compress_to_vec(data, 6))
        } else {
            (0u16, data.to_vec())
        };
        let crc = crc32(data);
        let mut header = Vec::new();
        header.extend_from_slice(&20u16.to_le_bytes()); // version needed
        header.extend_from_slice(&0x800u16.to_le_bytes()); // UTF-8 names
        header.extend_from_slice(&method.to_le_bytes());
        header.extend_from_slice(&[0, 0, 0x21, 0]); // time, date
        header.extend_from_slice(&crc.to_le_bytes());
        header.extend_from_slice(&(body.len() as u32).to_le_bytes());
        header.extend_from_slice(&(data.len() as u32).to_le_bytes());
        header.extend_from_slice(&(name.len() as u16).to_le_bytes());
        header.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&header);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&body);
        dir.extend_from_slice(b"PK\x01\x02");
        dir.extend_from_slice(&20u16.to_le_bytes()); // version made by
        dir.extend_from_slice(&header);
        dir.extend_from_slice(&[0; 6]); // comment len, disk, internal attributes
        dir.extend_from_slice(&[0; 4]); // external attributes
        dir.extend_from_slice(&offset.to_le_bytes());
        dir.extend_from_slice(name.as_bytes());
    }
    let dir_offset = out.len() as u32;
    out.extend_from_slice(&dir);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(members.len() as u16).to_le_bytes());
    out.extend_from_slice(&(members.len() as u16).to_le_bytes());
    out.extend_from_slice(&(dir.len() as u32).to_le_bytes());
    out.extend_from_slice(&dir_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_known_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn round_trip() {
        let z = write_zip(&[
            ("a.txt", b"hello", false),
            ("dir/b.txt", &[b'x'; 5000], true),
            ("__MACOSX/._a.txt", b"junk", false),
        ]);
        assert!(is_zip(&z));
        let zip = Zip::open("z.zip", &z).unwrap();
        assert_eq!(zip.members.len(), 2);
        assert_eq!(zip.read("z.zip", &zip.members[0], 100).unwrap(), b"hello");
        assert_eq!(
            zip.read("z.zip", &zip.members[1], 10_000).unwrap().len(),
            5000
        );
        // A member larger than the limit is refused, not inflated.
        assert!(matches!(
            zip.read("z.zip", &zip.members[1], 100),
            Err(Error::TooLarge { .. })
        ));
    }

    #[test]
    fn lying_directory_is_caught() {
        let mut z = write_zip(&[("b.txt", &[b'y'; 100_000], true)]);
        // Claim a tiny uncompressed size in the central directory.
        let dir = (0..z.len())
            .find(|&i| z[i..].starts_with(b"PK\x01\x02"))
            .unwrap();
        z[dir + 24..dir + 28].copy_from_slice(&10u32.to_le_bytes());
        let zip = Zip::open("z.zip", &z).unwrap();
        assert!(zip.read("z.zip", &zip.members[0], 1 << 20).is_err());
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(Zip::open("g.zip", b"PK\x03\x04garbage").is_err());
        assert!(Zip::open("g.zip", b"").is_err());
    }
}
