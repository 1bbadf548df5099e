//! Fuzz target: `lede::doc::parse_file` on a `.zip` file. It must never
//! panic and must always return at least one item.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let items = lede::doc::parse_file("fuzz.zip", data);
    assert!(!items.is_empty());
});
