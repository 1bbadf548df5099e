//! Where the shared corpora are, for every test, example and bench that
//! reads them: `../shared/corpora` beside the repository (a fresh clone
//! gets them with `../shared`, as CI has). Missing corpora are a clear
//! failure that names the path, never a silent skip: a test that cannot
//! read its input has not passed.
//!
//! Tests use it as `mod common;`; examples and benches as
//! `#[path = "../tests/common/mod.rs"] mod common;`.
//! `tests/common/corpora.mjs` is the same for the JavaScript tests and
//! benchmarks.

#![allow(dead_code)]

use std::path::PathBuf;

/// The shared corpora folder.
pub const CORPORA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora");

/// The path of `rel` (a file or folder) under the shared corpora; panics
/// with a message naming the missing path when it is not there.
pub fn corpus(rel: &str) -> PathBuf {
    let path = PathBuf::from(CORPORA).join(rel);
    if !path.exists() {
        panic!(
            "{} is missing: this needs the shared corpora at ../shared/corpora \
             beside the repository (see README, Tests)",
            path.display()
        );
    }
    path
}

/// The bytes of the file `rel` under the shared corpora; panics naming
/// the path when it cannot be read.
pub fn corpus_bytes(rel: &str) -> Vec<u8> {
    let path = corpus(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The files of the folder `rel` under the shared corpora, sorted; panics
/// naming the path when it cannot be listed.
pub fn corpus_files(rel: &str) -> Vec<PathBuf> {
    let dir = corpus(rel);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Files of the formats people have (e-mail, Word, PDF, feeds), built in
/// code.
pub mod formats;
