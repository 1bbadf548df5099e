//! A corpus from files and folders on disk, built the way the page builds
//! one from a drop.
//!
//! [`Corpus::import_paths`] reads every regular file under the given paths
//! (a folder is read recursively, entries in path order, hidden entries —
//! names starting with `.` — skipped) and imports all of them as one batch
//! through [`Corpus::import_many`], the method behind the page's
//! `importMany`. So a folder gives the CLI the corpus the page would hold:
//! document dates inferred across the batch, exact duplicates left out
//! (listed in the report), records and archive members named `file#…`.
//!
//! Every file ends in the report: a file that cannot be read is an
//! [`ImportError`] like a file that does not parse. Only a path that names
//! neither a file nor a folder, or a folder that cannot be listed, fails
//! the whole call ([`Error::Io`]), before anything is imported.
//!
//! Native only: the page reads its files itself and calls `importMany`.

use std::path::{Path, PathBuf};

use crate::corpus::{Corpus, ImportError, ImportReport};
use crate::error::{Error, Result};

impl Corpus {
    /// Imports the files and folders `paths` as one batch (see the module
    /// documentation). Nothing already in the corpus changes.
    pub fn import_paths<P: AsRef<Path>>(&mut self, paths: &[P]) -> Result<ImportReport> {
        let files = files_under_paths(paths)?;
        let mut unread = Vec::new();
        let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
        for f in files {
            let name = f.to_string_lossy().into_owned();
            match std::fs::read(&f) {
                Ok(bytes) => inputs.push((name, bytes)),
                Err(e) => unread.push(ImportError {
                    error: io_error(&name, &e).to_string(),
                    file: name,
                }),
            }
        }
        let batch: Vec<(&str, &[u8])> = inputs
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let mut report = ImportReport {
            errors: unread,
            ..ImportReport::default()
        };
        report.merge(self.import_many(&batch));
        Ok(report)
    }
}

/// The regular files under `paths` (see the module documentation), in
/// the order [`Corpus::import_paths`] imports them.
pub fn files_under_paths<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for p in paths {
        files_under(p.as_ref(), &mut files)?;
    }
    Ok(files)
}

/// Appends the regular files under `path` (itself when a file), sorted,
/// hidden entries skipped.
fn files_under(path: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let name = || path.to_string_lossy().into_owned();
    if path.is_dir() {
        let list = std::fs::read_dir(path).map_err(|e| io_error(&name(), &e))?;
        let mut entries: Vec<PathBuf> = list.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        entries.sort();
        for e in entries {
            let hidden = e
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if !hidden {
                files_under(&e, out)?;
            }
        }
        Ok(())
    } else if path.is_file() {
        out.push(path.to_path_buf());
        Ok(())
    } else {
        Err(Error::Io {
            name: name(),
            message: "no such file or folder".to_string(),
        })
    }
}

pub(crate) fn io_error(name: &str, e: &std::io::Error) -> Error {
    Error::Io {
        name: name.to_string(),
        message: e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmpdir(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("lede-build-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("sub")).unwrap();
        d
    }

    #[test]
    fn a_folder_imports_as_the_page_imports_a_drop() {
        let d = tmpdir("folder");
        let a = "Lavrov said on Monday that talks on security guarantees would continue.";
        std::fs::write(d.join("a.txt"), a).unwrap();
        std::fs::write(
            d.join("sub/b.txt"),
            "NATO urged Russia to withdraw its forces.",
        )
        .unwrap();
        std::fs::write(d.join("sub/copy.txt"), a).unwrap();
        std::fs::write(d.join("empty.txt"), "").unwrap();
        std::fs::write(d.join(".hidden.txt"), "Never read.").unwrap();
        let mut c = Corpus::new();
        let r = c.import_paths(&[&d]).unwrap();
        let files: Vec<String> = c.iter().map(|(_, doc)| doc.file.clone()).collect();
        let name = |f: &str| d.join(f).to_string_lossy().into_owned();
        assert_eq!(files, [name("a.txt"), name("sub/b.txt")]);
        assert_eq!(r.added.len(), 2);
        assert_eq!(r.errors.len(), 1, "{r:?}");
        assert_eq!(r.errors[0].file, name("empty.txt"));
        assert_eq!(r.duplicates.len(), 1);
        assert_eq!(r.duplicates[0].file, name("sub/copy.txt"));
        assert_eq!(r.duplicates[0].of_file, name("a.txt"));
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn a_missing_path_fails_before_anything_is_imported() {
        let d = tmpdir("missing");
        std::fs::write(d.join("a.txt"), "Lavrov spoke in Moscow on Monday.").unwrap();
        let mut c = Corpus::new();
        let err = c
            .import_paths(&[d.join("a.txt"), d.join("nope")])
            .unwrap_err();
        assert!(matches!(err, Error::Io { .. }), "{err:?}");
        assert!(err.to_string().contains("no such file or folder"));
        assert!(c.is_empty());
        let _ = std::fs::remove_dir_all(&d);
    }
}
