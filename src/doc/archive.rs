//! ZIP archives, read with the `zip` crate behind guards.
//!
//! Stored and deflated members are read (what news dumps and .docx use;
//! other methods are a per-member error). Guards against
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
    /// Its place in the directory.
    index: usize,
    encrypted: bool,
    /// Size once inflated, as the directory claims it.
    pub size: u64,
}

/// A ZIP archive's listing, over its bytes (read with the `zip` crate).
pub(crate) struct Zip<'a> {
    archive: std::cell::RefCell<zip::ZipArchive<std::io::Cursor<&'a [u8]>>>,
    /// The members in directory order (skipped entries already removed).
    pub members: Vec<Member>,
}

/// Whether `bytes` start like a ZIP archive (a local header or an empty
/// archive's end record).
pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

fn bad(name: &str, message: impl Into<String>) -> Error {
    Error::BadArchive {
        name: name.to_string(),
        message: message.into(),
    }
}

/// The `zip` crate's error in a sentence for people.
fn said(e: &zip::result::ZipError) -> String {
    use zip::result::ZipError;
    match e {
        ZipError::InvalidArchive(m) => format!("damaged archive ({m})"),
        ZipError::UnsupportedArchive(m) => format!("not supported: {m}"),
        ZipError::Io(io) if io.to_string().to_lowercase().contains("checksum") => {
            "checksum mismatch (corrupt member)".into()
        }
        ZipError::Io(io) => format!("corrupt data ({io})"),
        other => other.to_string(),
    }
}

impl<'a> Zip<'a> {
    /// Reads the central directory of the archive `name`.
    pub(crate) fn open(name: &str, bytes: &'a [u8]) -> Result<Zip<'a>> {
        let mut archive =
            zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| bad(name, said(&e)))?;
        if archive.len() > MAX_MEMBERS {
            return Err(bad(
                name,
                format!("{} members; the limit is {MAX_MEMBERS}", archive.len()),
            ));
        }
        let mut members = Vec::new();
        for index in 0..archive.len() {
            let m = archive
                .by_index_raw(index)
                .map_err(|e| bad(name, said(&e)))?;
            // The crate decodes names marked UTF-8 as UTF-8 and the others
            // as CP437.
            let member_name = m.name().map_err(|e| bad(name, said(&e)))?.into_owned();
            if skipped(&member_name) || m.is_dir() {
                continue;
            }
            members.push(Member {
                name: member_name,
                index,
                encrypted: m.encrypted(),
                size: m.size(),
            });
        }
        Ok(Zip {
            archive: std::cell::RefCell::new(archive),
            members,
        })
    }

    /// Inflates `member`, refusing more than `limit` bytes.
    pub(crate) fn read(&self, archive: &str, member: &Member, limit: u64) -> Result<Vec<u8>> {
        let name = format!("{archive}#{}", member.name);
        if member.encrypted {
            return Err(bad(&name, "the member is encrypted"));
        }
        if member.size > limit {
            return Err(Error::TooLarge {
                name,
                size: member.size,
                limit,
            });
        }
        let mut zip = self.archive.borrow_mut();
        let file = zip
            .by_index(member.index)
            .map_err(|e| bad(&name, said(&e)))?;
        // Never more than the directory declares (and the limit allows),
        // whatever the data inflates to.
        let mut out = Vec::with_capacity(usize::try_from(member.size.min(1 << 20)).unwrap_or(0));
        std::io::Read::read_to_end(
            &mut std::io::Read::take(file, member.size.saturating_add(1)),
            &mut out,
        )
        .map_err(|e| bad(&name, said(&zip::result::ZipError::Io(e))))?;
        if out.len() as u64 != member.size {
            return Err(bad(&name, "the member's size does not match the directory"));
        }
        Ok(out)
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

/// Writes a ZIP archive of `members` (name, bytes, deflate?): for tests,
/// examples and fuzzing seeds.
pub fn write_zip(members: &[(&str, &[u8], bool)]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data, deflate) in members {
        let method = if *deflate {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        // Writing to memory fails only on a bad name or a size past ZIP64.
        if w.start_file(*name, options).is_ok() {
            let _ = w.write_all(data);
        }
    }
    w.finish().map(|c| c.into_inner()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

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
