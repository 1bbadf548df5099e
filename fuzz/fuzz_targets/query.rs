//! Fuzz target: the query language, parsed, planned and run over the
//! seeds (`Corpus::search`, `Corpus::matching`). See `checks::query`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::query(data);
});
