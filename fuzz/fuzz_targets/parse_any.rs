//! Fuzz target: `lede::doc::parse_file` with no telling extension, so the
//! content sniffing picks the format. It must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::parse("fuzz-input", data);
});
