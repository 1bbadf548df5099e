//! Fuzz target: `lede::doc::parse_file` with no telling extension, so the
//! content sniffing picks the format. It must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let items = lede::doc::parse_file("fuzz-input", data);
    assert!(!items.is_empty());
});
