//! Fuzz target: `lede::doc::parse_file` on a `.zip` file. It must never
//! panic and must always return at least one item.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::parse("fuzz.zip", data);
});
