//! Fuzz target: `Corpus::restore` on stored bytes, raw and as edits to a
//! valid snapshot; a restored corpus answers every view. See
//! `checks::restore`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::restore(data);
});
