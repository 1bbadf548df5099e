//! Fuzz target: a corpus file (`.lede`) read from arbitrary bytes, raw and
//! as edits to a valid file: opened, searched, its documents, list and
//! views asked for. See `checks::corpus_file`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::corpus_file(data);
});
